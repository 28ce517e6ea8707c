import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyServerErrors } from '../../components/serverErrors';
import type { OrgDetail } from '../../../../domain/schemas/orgs';
import { orgKeys } from './orgQueries';

export default function PartyGroupsTable({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const canEdit = org.abilities.includes('org.update');

  const add = useMutation({
    mutationFn: (values: { name: string }) =>
      api<unknown>(`/orgs/${org.id}/groups`, { method: 'POST', body: values }),
    onSuccess: async () => {
      setAdding(false);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: orgKeys.detail(org.id) });
    },
    onError: (error) => applyServerErrors(form, error).forEach((m) => void message.error(m)),
  });

  return (
    <>
      {canEdit && (
        <div className="toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('org.addGroup')}
          </Button>
        </div>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={org.partyGroups}
        locale={{ emptyText: t('org.noGroups') }}
        columns={[
          { title: t('org.groupName'), dataIndex: 'name' },
          { title: t('org.groupMembers'), dataIndex: 'memberCount' },
        ]}
      />
      <Modal
        title={t('org.addGroup')}
        open={adding}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        okText={t('common.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => add.mutate(values)}>
          <Form.Item
            name="name"
            label={t('org.groupName')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
