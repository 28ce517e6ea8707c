import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Popconfirm, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import DateField from '../../components/DateField';
import EnumSelect from '../../components/EnumSelect';
import MemberSelect from '../../components/MemberSelect';
import { applyServerErrors } from '../../components/serverErrors';
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

  const add = useMutation({
    mutationFn: (seat: SeatInput) =>
      api<unknown>(`/orgs/${org.id}/committee`, { method: 'POST', body: seat }),
    onSuccess: async () => {
      setAdding(false);
      form.resetFields();
      await refresh();
    },
    onError: (error) => applyServerErrors(form, error).forEach((m) => void message.error(m)),
  });
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
      <Modal
        title={t('org.addSeat')}
        open={adding}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
        okText={t('common.save')}
        destroyOnHidden
      >
        <Form<SeatInput> form={form} layout="vertical" onFinish={(values) => add.mutate(values)}>
          <Form.Item
            name="memberId"
            label={t('org.seatMember')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <MemberSelect orgId={org.id} placeholder={t('org.memberSearch')} />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('org.seatRole')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <EnumSelect enumName="committeeRole" values={COMMITTEE_ROLES} />
          </Form.Item>
          <Form.Item
            name="startedOn"
            label={t('org.seatStartedOn')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DateField />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
