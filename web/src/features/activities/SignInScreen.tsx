import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Progress, Result, Row, Spin, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import LanguageSwitch from '../../layout/LanguageSwitch';
import type { Attendee } from '../../../../domain/schemas/activities';
import {
  activityKeys,
  useActivity,
  useAttendance,
  useRosters,
  type AttendanceList,
  type SignInCode,
} from './activityQueries';
import './activities.css';
import { formatTime, formatTimeRange } from '../../i18n/dates';

const WINDOW_MS = 30_000;

interface FetchedCode extends SignInCode {
  /** when the code stops being shown, by this browser's clock */
  localExpiry: number;
}

/** Adds or replaces one attendee as the stream reports it, and recounts. */
function merge(list: AttendanceList | undefined, attendee: Attendee): AttendanceList | undefined {
  if (!list) return list;
  const items = [...list.items.filter((a) => a.memberId !== attendee.memberId), attendee];
  return {
    items,
    counts: {
      present: items.filter((a) => a.status === 'present').length,
      absent: items.filter((a) => a.status === 'absent').length,
      excused: items.filter((a) => a.status === 'excused').length,
    },
  };
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** The organizer's projector page: rotating QR and code, live attendees, who is still missing. */
export default function SignInScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const activity = useActivity(id);
  const attendance = useAttendance(id);
  const now = useNow(1000);
  const [live, setLive] = useState(false);

  const code = useQuery({
    queryKey: activityKeys.code(id),
    queryFn: async (): Promise<FetchedCode> => {
      const fetchedAt = Date.now();
      const c = await api<SignInCode>(`/activities/${encodeURIComponent(id)}/sign-in-code`);
      // Trust the server's window length, not its clock: a skewed laptop must not loop or stall.
      const left = Math.min(WINDOW_MS, Math.max(1000, Date.parse(c.expiresAt) - fetchedAt));
      return { ...c, localExpiry: fetchedAt + left };
    },
    refetchInterval: (query) =>
      query.state.data ? Math.max(500, query.state.data.localExpiry - Date.now() + 200) : 5000,
    refetchIntervalInBackground: true,
    enabled: activity.data !== undefined && activity.data.state !== 'cancelled',
  });

  useEffect(() => {
    const source = new EventSource(`/api/v1/activities/${encodeURIComponent(id)}/attendance/stream`);
    source.addEventListener('attendee', (event: MessageEvent<string>) => {
      const attendee = JSON.parse(event.data) as Attendee;
      queryClient.setQueryData<AttendanceList>(activityKeys.attendance(id), (list) => merge(list, attendee));
    });
    source.onopen = () => {
      setLive(true);
      // whatever happened while not connected
      void queryClient.invalidateQueries({ queryKey: activityKeys.attendance(id) });
    };
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [id, queryClient]);

  const a = activity.data;
  const rosters = useRosters(a?.hostOrgIds ?? []);

  if (activity.isPending) return <Spin size="large" className="page-spinner" />;
  if (activity.isError || !a)
    return <Result status="error" title={t('common.error')} subTitle={activity.error?.message} />;

  const items = attendance.data?.items ?? [];
  const present = items
    .filter((x) => x.status === 'present')
    .sort((x, y) => (y.signedInAt ?? '').localeCompare(x.signedInAt ?? ''));
  const presentIds = new Set(present.map((x) => x.memberId));
  const expected = new Map<string, string>();
  for (const m of rosters.members) expected.set(m.id, m.name);
  for (const x of items) expected.set(x.memberId, x.name);
  const missing = [...expected].filter(([memberId]) => !presentIds.has(memberId));
  const secondsLeft = code.data ? Math.max(0, Math.ceil((code.data.localExpiry - now) / 1000)) : 0;

  return (
    <div className="signin-screen">
      <div className="signin-top">
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/activities')}>
          {t('activity.back')}
        </Button>
        <div className="signin-title">
          <Typography.Title level={2}>{a.theme}</Typography.Title>
          <Typography.Text type="secondary">
            {t(`enums.activityType.${a.type}`)} · {formatTimeRange(a.startsAt, a.endsAt)}
            {a.place ? ` · ${a.place}` : ''}
          </Typography.Text>
        </div>
        <LanguageSwitch />
      </div>
      {a.state === 'cancelled' ? (
        <Result status="warning" title={t('activity.isCancelled')} subTitle={a.cancelReason} />
      ) : (
        <Row gutter={24}>
          <Col xs={24} lg={10}>
            <Card className="signin-code-card">
              {code.isError && (
                <Result status="error" title={t('common.error')} subTitle={code.error.message} />
              )}
              {code.data && (
                <>
                  <img className="signin-qr" src={code.data.qr} alt={t('activity.qrAlt')} />
                  <Typography.Text type="secondary">{t('activity.codeHint')}</Typography.Text>
                  <div
                    className="signin-code"
                    aria-label={t('activity.signInCode')}
                    data-testid="sign-in-code"
                  >
                    {code.data.code}
                  </div>
                  <Progress
                    percent={(secondsLeft * 1000 * 100) / WINDOW_MS}
                    showInfo={false}
                    strokeColor="#c8161d"
                  />
                  <Typography.Text>{t('activity.refreshIn', { count: secondsLeft })}</Typography.Text>
                </>
              )}
              {code.isPending && <Spin size="large" />}
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card
              title={
                <span>
                  {t('activity.signedIn')}{' '}
                  <span className="signin-count" data-testid="present-count">
                    {present.length}
                  </span>
                  {expected.size > 0 && <span className="signin-count-of"> / {expected.size}</span>}
                </span>
              }
              extra={
                <Tag color={live ? 'green' : 'default'}>
                  {live ? t('activity.live') : t('activity.connecting')}
                </Tag>
              }
              className="signin-list-card"
            >
              {present.length === 0 ? (
                <Empty description={t('activity.nobodyYet')} />
              ) : (
                <ul className="signin-names" aria-label={t('activity.signedIn')}>
                  {present.map((x) => (
                    <li key={x.memberId}>
                      <span className="signin-name">{x.name}</span>
                      <span className="signin-time">
                        {x.signedInAt
                          ? formatTime(x.signedInAt)
                          : t('activity.byOrganizer')}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <Card title={t('activity.notYet', { count: missing.length })} className="signin-list-card">
              <ul className="signin-missing" aria-label={t('activity.notYetLabel')}>
                {missing.map(([memberId, name]) => (
                  <li key={memberId}>{name}</li>
                ))}
              </ul>
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
