import { CheckOutlined, EditOutlined, QrcodeOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Popconfirm,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Activity, Attendee } from '../../../../domain/schemas/activities';
import PairingTag from '../pairings/PairingTag';
import ActivityFiles from './ActivityFiles';
import ActivityFormModal from './ActivityFormModal';
import CancelActivityModal from './CancelActivityModal';
import { activityKeys, useActivity } from './activityQueries';
import { STATE_COLORS } from './format';
import VoteOutcome from './VoteOutcome';
import { formatTime, formatTimeRange } from '../../i18n/dates';
import { usePhone } from '../../components/usePhone';

export default function ActivityDrawer({
  activityId,
  onClose,
}: {
  activityId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const phone = usePhone();
  const detail = useActivity(activityId);
  const [dialog, setDialog] = useState<'edit' | 'cancel' | null>(null);
  const a = detail.data;
  const manage = a?.abilities.includes('activity.manage') ?? false;

  const markHeld = useMutation({
    mutationFn: (id: string) =>
      api<Activity>(`/activities/${id}`, { method: 'PATCH', body: { state: 'held' } }),
    onSuccess: async () => {
      void message.success(t('activity.markedHeld'));
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
    onError: (error) => void message.error(error.message),
  });

  // a co-host named without its consent answers for itself; declined, the activity is no longer its to read
  const answer = useMutation({
    mutationFn: ({ orgId, answer: verb }: { orgId: string; answer: 'accept' | 'decline' }) =>
      api<unknown>(`/activities/${encodeURIComponent(a!.id)}/hosts/${encodeURIComponent(orgId)}/${verb}`, { method: 'POST' }),
    onSuccess: async (_data, { answer: verb }) => {
      void message.success(t(verb === 'accept' ? 'activity.hostAccepted' : 'activity.hostDeclined'));
      if (verb === 'decline') onClose();
      await Promise.all([queryClient.invalidateQueries({ queryKey: activityKeys.all }), queryClient.invalidateQueries({ queryKey: ['workbench'] })]);
    },
    onError: (error) => void message.error(error.message),
  });

  const dash = (v: string | null | undefined) => v || '—';

  return (
    <Drawer
      title={a?.theme ?? t('activity.detail')}
      open={activityId !== null}
      onClose={onClose}
      width={!phone ? 800 : '100%'}
      extra={
        a &&
        manage && (
          <Space wrap>
            {a.state !== 'cancelled' && (
              <Button icon={<QrcodeOutlined />} onClick={() => void navigate(`/activities/${a.id}/sign-in`)}>
                {t('activity.signInScreen')}
              </Button>
            )}
            {a.state === 'planned' && !dayjs(a.startsAt).isAfter(dayjs(), 'day') && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={markHeld.isPending}
                onClick={() => markHeld.mutate(a.id)}
              >
                {t('activity.markHeld')}
              </Button>
            )}
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
              {t('common.edit')}
            </Button>
            {a.state === 'planned' && (
              <Button danger icon={<StopOutlined />} onClick={() => setDialog('cancel')}>
                {t('activity.cancel')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {detail.isPending && activityId !== null && <Spin className="page-spinner" />}
      {detail.isError && <Result status="error" title={t('common.error')} subTitle={detail.error.message} />}
      {a && (
        <>
          <Descriptions bordered size="small" column={!phone ? 2 : 1}>
            <Descriptions.Item label={t('activity.type')}>
              {t(`enums.activityType.${a.type}`)}
              {a.alsoCounts.map((x) => (
                <Tag key={x} className="activity-also-counts" color="blue">
                  {t('activity.alsoCountsAs', { type: t(`enums.activityType.${x}`) })}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('activity.state')}>
              <Tag color={STATE_COLORS[a.state]}>{t(`enums.activityState.${a.state}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('activity.time')} span={2}>
              {formatTimeRange(a.startsAt, a.endsAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('activity.hosts')} span={2}>
              <Space wrap size={[12, 4]}>
                {a.hosts.map((h) => (
                  <Space key={h.id} size={4} wrap className="activity-host">
                    <span>{h.name}</span>
                    {h.pending && (
                      <Tooltip title={t('activity.hostPendingHelp')}>
                        <Tag color="orange">{t('activity.hostPending')}</Tag>
                      </Tooltip>
                    )}
                    {h.mayAccept && (
                      <>
                        <Button size="small" type="primary" loading={answer.isPending} onClick={() => answer.mutate({ orgId: h.id, answer: 'accept' })}>
                          {t('activity.acceptHost')}
                        </Button>
                        <Popconfirm title={t('activity.declineHostConfirm')} onConfirm={() => answer.mutate({ orgId: h.id, answer: 'decline' })}>
                          <Button size="small" danger disabled={answer.isPending}>
                            {t('activity.declineHost')}
                          </Button>
                        </Popconfirm>
                      </>
                    )}
                  </Space>
                ))}
              </Space>
            </Descriptions.Item>
            {a.pairingId && (
              <Descriptions.Item label={t('activity.pairing')} span={2}>
                <PairingTag pairingId={a.pairingId} />
              </Descriptions.Item>
            )}
            <Descriptions.Item label={a.online ? t('activity.mainVenue') : t('activity.place')}>
              {dash(a.place)}
              {a.online && <Tag className="activity-online-tag">{t('activity.online')}</Tag>}
            </Descriptions.Item>
            {a.online && (
              <Descriptions.Item label={t('activity.subVenues')}>
                {dash(a.subVenues.join('、'))}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('activity.presider')}>{dash(a.presider?.name)}</Descriptions.Item>
            <Descriptions.Item label={t('activity.recorder')}>{dash(a.recorder?.name)}</Descriptions.Item>
            <Descriptions.Item label={t('activity.speaker')}>{dash(a.speaker)}</Descriptions.Item>
            {a.type === 'heart_talk' && (
              <Descriptions.Item label={t('activity.talkMembers')}>
                {dash(a.talkMembers.map((m) => m.name).join('、'))}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('activity.attendance')} span={2}>
              {t('activity.attendanceCounts', a.attendance)}
            </Descriptions.Item>
            {a.state === 'cancelled' && (
              <Descriptions.Item label={t('activity.cancelReason')} span={2}>
                {dash(a.cancelReason)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('activity.agenda')} span={2}>
              <Typography.Paragraph className="pre-wrap">{dash(a.agenda)}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('activity.minutes')} span={2}>
              <Typography.Paragraph className="pre-wrap">{dash(a.minutes)}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={5} className="activity-section">
            {t('activity.attendees')}
          </Typography.Title>
          <Table<Attendee>
            size="small"
            rowKey="memberId"
            pagination={false}
            dataSource={a.attendees}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('member.name'), dataIndex: 'name' },
              { title: t('member.org'), dataIndex: 'orgName' },
              {
                title: t('activity.attendanceStatus'),
                dataIndex: 'status',
                render: (s: Attendee['status'], x) => (
                  <>
                    <Tag color={s === 'present' ? 'green' : s === 'excused' ? 'orange' : 'red'}>
                      {t(`enums.attendanceStatus.${s}`)}
                    </Tag>
                    {x.reason}
                  </>
                ),
              },
              {
                title: t('activity.signedInAt'),
                dataIndex: 'signedInAt',
                render: (v: string | null) => formatTime(v),
              },
            ]}
          />

          <SectionTable
            title={t('activity.guests')}
            rows={a.guests}
            columns={[
              { title: t('activity.guestName'), dataIndex: 'name' },
              { title: t('activity.guestUnit'), dataIndex: 'unit', render: dash },
              { title: t('activity.guestTitle'), dataIndex: 'title', render: dash },
            ]}
          />
          <SectionTable
            title={t('activity.resolutions')}
            rows={a.resolutions}
            columns={[
              { title: t('activity.resolutionText'), dataIndex: 'text' },
              {
                title: t('activity.owner'),
                dataIndex: 'owner',
                render: (o: { name: string } | null) => dash(o?.name),
              },
              { title: t('activity.dueOn'), dataIndex: 'dueOn', render: dash },
              { title: t('activity.doneOn'), dataIndex: 'doneOn', render: dash },
            ]}
          />
          <SectionTable
            title={t('activity.votes')}
            rows={a.votes}
            columns={[
              { title: t('activity.voteSubject'), dataIndex: 'subject' },
              { title: t('activity.vote.entitled'), dataIndex: 'entitled' },
              { title: t('activity.vote.present'), dataIndex: 'present' },
              { title: t('activity.vote.yes'), dataIndex: 'yes' },
              { title: t('activity.vote.no'), dataIndex: 'no' },
              { title: t('activity.vote.abstain'), dataIndex: 'abstain' },
              {
                title: t('activity.voteResult'),
                key: 'result',
                render: (_v, x) => <VoteOutcome quorum={x.quorum} passed={x.passed} />,
              },
            ]}
          />

          <ActivityFiles activityId={a.id} files={a.files} manage={manage} />
        </>
      )}
      {a && dialog === 'edit' && (
        <ActivityFormModal
          mode="edit"
          activity={a}
          onClose={() => setDialog(null)}
          onSaved={() => setDialog(null)}
        />
      )}
      {a && dialog === 'cancel' && <CancelActivityModal activities={[a]} onClose={() => setDialog(null)} />}
    </Drawer>
  );
}

/** A titled small table in the drawer, shown only when it has rows. */
function SectionTable<T extends { id: string }>({
  title,
  rows,
  columns,
}: {
  title: string;
  rows: T[];
  columns: TableColumnsType<T>;
}) {
  if (rows.length === 0) return null;
  return (
    <>
      <Typography.Title level={5} className="activity-section">
        {title}
      </Typography.Title>
      <Table<T>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
