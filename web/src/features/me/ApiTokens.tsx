import { App, Button, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import { formatDateTime } from '../../i18n/dates';

interface Token {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Personal API tokens for scripts: shown once when created, revocable. */
export default function ApiTokens() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string }>();
  const [fresh, setFresh] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api<{ items: Token[] }>('/auth/tokens') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['tokens'] });
  const create = useMutation({
    mutationFn: (v: { name: string }) => api<{ id: string; token: string }>('/auth/tokens', { method: 'POST', body: v }),
    onSuccess: async (r) => {
      setFresh(r.token);
      form.resetFields();
      await refresh();
    },
    onError: (error) => applyServerErrors(form, error).forEach((m) => void message.error(m)),
  });
  const revoke = useMutation({ mutationFn: (id: string) => api<unknown>(`/auth/tokens/${id}`, { method: 'DELETE' }), onSuccess: refresh });
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : t('common.none'));

  return (
    <>
      <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} style={{ marginBottom: 12 }}>
        <Form.Item name="name" rules={[{ required: true, message: t('common.required') }]}>
          <Input placeholder={t('tokens.name')} />
        </Form.Item>
        <Button htmlType="submit" loading={create.isPending}>
          {t('tokens.create')}
        </Button>
      </Form>
      {fresh && (
        <Typography.Paragraph copyable={{ text: fresh }} type="warning">
          {t('tokens.shownOnce')} <Typography.Text code>{fresh}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Table<Token>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={tokens.data?.items ?? []}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.created'), render: (_, r) => when(r.createdAt) },
          { title: t('tokens.lastUsed'), render: (_, r) => when(r.lastUsedAt) },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Popconfirm title={t('tokens.revokeConfirm')} onConfirm={() => revoke.mutate(r.id)}>
                <Button size="small" danger>
                  {t('tokens.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  );
}
