import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../domain/schemas/users';
import { ACCESS_ROLES, type AccessRole } from '../../../../domain/enums';
import { api } from '../../api/client';
import MemberSelect from '../../components/MemberSelect';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { applyServerErrors } from '../../components/serverErrors';

interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  role: AccessRole;
  orgId: string;
  memberId?: string;
}

/** Accounts within the admin's scope: who may do what, where. */
export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<{ items: User[] }>('/users') });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [form] = Form.useForm<NewUser>();
  const [resetForm] = Form.useForm<{ newPassword: string }>();
  const orgId = Form.useWatch('orgId', form);

  const create = useMutation({
    mutationFn: (v: NewUser) =>
      api<User>('/users', {
        method: 'POST',
        body: { username: v.username, password: v.password, displayName: v.displayName || undefined, memberId: v.memberId ?? null, roles: [{ role: v.role, orgId: v.orgId }] },
      }),
    onSuccess: async () => {
      setCreating(false);
      form.resetFields();
      void message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => applyServerErrors(form, error).forEach((m) => void message.error(m)),
  });
  const reset = useMutation({
    mutationFn: (v: { newPassword: string }) => api<unknown>(`/users/${resetting!.id}/password`, { method: 'POST', body: v }),
    onSuccess: () => {
      setResetting(null);
      resetForm.resetFields();
      void message.success(t('users.resetDone'));
    },
    onError: (error) => applyServerErrors(resetForm, error).forEach((m) => void message.error(m)),
  });
  const required = { required: true, message: t('common.required') };

  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      }
    >
      <Table<User>
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.roles'),
            render: (_, u) =>
              u.roles.map((r, i) => (
                <Tag key={i} color={r.role === 'admin' ? 'red' : r.role === 'org_admin' ? 'volcano' : 'blue'}>
                  {t(`enums.accessRole.${r.role}`)} · {r.orgName ?? t('users.everywhere')}
                </Tag>
              )),
          },
          {
            title: t('common.actions'),
            render: (_, u) => (
              <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
                {t('users.resetPassword')}
              </Button>
            ),
          },
        ]}
      />
      <Modal open={creating} title={t('users.create')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form<NewUser> form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ role: 'secretary' }}>
          <Form.Item name="username" label={t('users.username')} rules={[required]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')}>
            <Input />
          </Form.Item>
          <Form.Item name="password" label={t('users.initialPassword')} rules={[required, { min: 10, message: t('me.passwordTooShort') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="role" label={t('users.role')} rules={[required]} style={{ width: '40%' }}>
              <Select options={ACCESS_ROLES.filter((r) => r !== 'admin').map((r) => ({ value: r, label: t(`enums.accessRole.${r}`) }))} />
            </Form.Item>
            <Form.Item name="orgId" label={t('users.org')} rules={[required]} style={{ width: '60%' }}>
              <OrgTreeSelect />
            </Form.Item>
          </Space.Compact>
          {orgId && (
            <Form.Item name="memberId" label={t('users.member')} extra={t('users.memberHint')}>
              <MemberSelect orgId={orgId} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal open={resetting !== null} title={`${t('users.resetPassword')} · ${resetting?.username ?? ''}`} onCancel={() => setResetting(null)} onOk={() => resetForm.submit()} confirmLoading={reset.isPending} destroyOnHidden>
        <Form form={resetForm} layout="vertical" onFinish={(v) => reset.mutate(v)}>
          <Form.Item name="newPassword" label={t('me.newPassword')} extra={t('users.resetHint')} rules={[required, { min: 10, message: t('me.passwordTooShort') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
