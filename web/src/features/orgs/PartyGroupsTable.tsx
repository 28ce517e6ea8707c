import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Table } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import FormModal from '../../components/FormModal';
import type { OrgDetail } from '../../../../domain/schemas/orgs';
import { orgKeys } from './orgQueries';

export default function PartyGroupsTable({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const canEdit = org.abilities.includes('org.update');

  const add = async (values: { name: string }) => {
    await api<unknown>(`/orgs/${org.id}/groups`, { method: 'POST', body: values });
    setAdding(false);
    await queryClient.invalidateQueries({ queryKey: orgKeys.detail(org.id) });
  };

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
      {adding && (
        <FormModal<{ name: string }> title={t('org.addGroup')} form={form} onSubmit={add} onClose={() => setAdding(false)}>
          <Form.Item name="name" label={t('org.groupName')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={50} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
