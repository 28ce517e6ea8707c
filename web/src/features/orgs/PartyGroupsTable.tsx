import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import FormModal from '../../components/FormModal';
import MemberSelect from '../../components/MemberSelect';
import type { OrgDetail } from '../../../../domain/schemas/orgs';
import { orgKeys } from './orgQueries';

type Group = OrgDetail['partyGroups'][number];

interface Values {
  name: string;
  leaderMemberId?: string | null;
}

export default function PartyGroupsTable({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // a new group (null) or the group being edited
  const [editing, setEditing] = useState<Group | null | undefined>(undefined);
  const [form] = Form.useForm<Values>();
  const canEdit = org.abilities.includes('org.update');

  const save = async ({ name, leaderMemberId }: Values) => {
    // a cleared select leaves the field undefined: null tells the server the group has no leader
    const body = { name, leaderMemberId: leaderMemberId ?? null };
    if (editing) await api<unknown>(`/orgs/${org.id}/groups/${editing.id}`, { method: 'PATCH', body });
    else await api<unknown>(`/orgs/${org.id}/groups`, { method: 'POST', body });
    setEditing(undefined);
    await queryClient.invalidateQueries({ queryKey: orgKeys.detail(org.id) });
  };

  return (
    <>
      {canEdit && (
        <div className="toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setEditing(null)}>
            {t('org.addGroup')}
          </Button>
        </div>
      )}
      <Table<Group>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={org.partyGroups}
        locale={{ emptyText: t('org.noGroups') }}
        columns={[
          { title: t('org.groupName'), dataIndex: 'name' },
          { title: t('org.groupLeader'), dataIndex: 'leaderName', render: (name: string | null) => name ?? '—' },
          { title: t('org.groupMembers'), dataIndex: 'memberCount' },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, group: Group) => (
                    <Typography.Link onClick={() => setEditing(group)}>{t('common.edit')}</Typography.Link>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing !== undefined && (
        <FormModal<Values>
          title={editing ? t('org.editGroup') : t('org.addGroup')}
          form={form}
          initialValues={editing ? { name: editing.name, leaderMemberId: editing.leaderMemberId ?? undefined } : {}}
          onSubmit={save}
          onClose={() => setEditing(undefined)}
        >
          <Form.Item name="name" label={t('org.groupName')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="leaderMemberId" label={t('org.groupLeader')}>
            <MemberSelect
              allowClear
              orgId={org.id}
              placeholder={t('org.memberSearch')}
              valueLabel={editing?.leaderName ?? undefined}
            />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
