import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Popconfirm, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import EnumSelect from '../../components/EnumSelect';
import FormModal from '../../components/FormModal';
import MemberSelect from '../../components/MemberSelect';
import { COMMITTEE_ROLES, type CommitteeRole } from '../../../../domain/enums';
import type { OrgDetail } from '../../../../domain/schemas/orgs';
import { orgKeys } from './orgQueries';

interface SeatInput {
  memberId: string;
  role: CommitteeRole;
  startedOn: string;
}

export default function CommitteeTable({ org }: { org: OrgDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<SeatInput>();
  const canEdit = org.abilities.includes('org.update');
  const refresh = () => queryClient.invalidateQueries({ queryKey: orgKeys.detail(org.id) });
  const required = [{ required: true, message: t('common.required') }];

  const add = async (seat: SeatInput) => {
    await api<unknown>(`/orgs/${org.id}/committee`, { method: 'POST', body: seat });
    setAdding(false);
    await refresh();
  };
  const end = useMutation({
    mutationFn: (seatId: string) => api<unknown>(`/orgs/${org.id}/committee/${seatId}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (error) => void message.error(error.message),
  });

  return (
    <>
      {canEdit && (
        <div className="toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('org.addSeat')}
          </Button>
        </div>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={org.committee}
        locale={{ emptyText: t('org.noCommittee') }}
        columns={[
          {
            title: t('org.seatRole'),
            dataIndex: 'role',
            render: (role: CommitteeRole) => t(`enums.committeeRole.${role}`),
          },
          { title: t('org.seatMember'), dataIndex: 'memberName' },
          { title: t('org.seatStartedOn'), dataIndex: 'startedOn' },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, seat: OrgDetail['committee'][number]) => (
                    <Popconfirm title={t('org.endSeatConfirm')} onConfirm={() => end.mutate(seat.id)}>
                      <Button type="link" size="small" danger>
                        {t('org.endSeat')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {adding && (
        <FormModal<SeatInput> title={t('org.addSeat')} form={form} onSubmit={add} onClose={() => setAdding(false)}>
          <Form.Item name="memberId" label={t('org.seatMember')} rules={required}>
            <MemberSelect orgId={org.id} placeholder={t('org.memberSearch')} />
          </Form.Item>
          <Form.Item name="role" label={t('org.seatRole')} rules={required}>
            <EnumSelect enumName="committeeRole" values={COMMITTEE_ROLES} />
          </Form.Item>
          <Form.Item name="startedOn" label={t('org.seatStartedOn')} rules={required}>
            <DateField />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
