import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityState } from '../../../../domain/enums';
import type { Pairing } from '../../../../domain/schemas/pairings';
import ActivityDrawer from '../activities/ActivityDrawer';
import ActivityFormModal from '../activities/ActivityFormModal';
import { STATE_COLORS } from '../activities/format';
import { pairingKeys, useJointActivities, type JointActivityEntry } from './pairingQueries';

/** The activities linked to a pairing; a party the user acts for can add one. */
export default function JointActivities({ pairing }: { pairing: Pairing }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const activities = useJointActivities(pairing.id);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  return (
    <>
      {pairing.actingOrgIds.length > 0 && pairing.state === 'active' && (
        <div className="toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('pairing.activities.create')}
          </Button>
        </div>
      )}
      {activities.isError && <Typography.Text type="danger">{activities.error.message}</Typography.Text>}
      <Table<JointActivityEntry>
        size="small"
        rowKey="id"
        loading={activities.isFetching}
        dataSource={activities.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('activity.time'), dataIndex: 'heldOn' },
          {
            title: t('activity.type'),
            dataIndex: 'type',
            render: (v: string) => t(`enums.activityType.${v}`),
          },
          {
            title: t('activity.theme'),
            dataIndex: 'theme',
            render: (theme: string, a) => (
              <Typography.Link onClick={() => setOpenId(a.id)}>{theme}</Typography.Link>
            ),
          },
          {
            title: t('activity.hosts'),
            dataIndex: 'hosts',
            render: (hosts: JointActivityEntry['hosts']) => hosts.map((h) => h.orgName).join('、'),
          },
          {
            title: t('activity.state'),
            dataIndex: 'state',
            render: (s: string) => (
              <Tag color={STATE_COLORS[s as ActivityState]}>{t(`enums.activityState.${s}`)}</Tag>
            ),
          },
        ]}
      />
      <ActivityDrawer activityId={openId} onClose={() => setOpenId(null)} />
      {creating && (
        <ActivityFormModal
          mode="create"
          orgId={null}
          pairing={pairing}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            setOpenId(id);
            void queryClient.invalidateQueries({ queryKey: pairingKeys.all });
          }}
        />
      )}
    </>
  );
}
