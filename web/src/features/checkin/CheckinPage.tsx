import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import { useMe } from '../../auth/useMe';
import LanguageSwitch from '../../layout/LanguageSwitch';
import type { Activity, Attendee } from '../../../../domain/schemas/activities';
import './checkin.css';
import { formatTime, formatTimeRange } from '../../i18n/dates';

/**
 * A member signs in to an activity from a phone: through the QR link (`?c=` carries the token and
 * is sent at once) or by typing the six-digit code shown on the organizer's screen.
 */
export default function CheckinPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const token = params.get('c');
  const me = useMe();
  const [form] = Form.useForm<{ code: string }>();
  const sentToken = useRef<string | null>(null);

  const signIn = useMutation({
    mutationFn: (code: string) =>
      api<Attendee>(`/activities/${encodeURIComponent(id)}/sign-in`, { method: 'POST', body: { code } }),
  });
  const activity = useQuery({
    queryKey: ['activities', 'detail', id],
    queryFn: () => api<Activity>(`/activities/${encodeURIComponent(id)}`),
    enabled: signIn.isSuccess,
    retry: false,
  });

  const loggedIn = me.isSuccess;
  const { mutate } = signIn;
  useEffect(() => {
    if (!loggedIn || !token || sentToken.current === token) return;
    sentToken.current = token;
    mutate(token);
  }, [loggedIn, token, mutate]);

  if (me.isPending) return <Spin size="large" className="page-spinner" />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }

  const failure =
    signIn.error instanceof ApiError && signIn.error.code === 'validation'
      ? t('checkin.wrongCode')
      : signIn.error?.message;

  let body;
  if (me.isError) body = <Result status="error" title={t('common.error')} subTitle={me.error.message} />;
  else if (signIn.isSuccess)
    body = (
      <Result
        status="success"
        title={t('checkin.done')}
        subTitle={
          <div className="checkin-activity" data-testid="checkin-activity">
            {activity.data ? (
              <>
                <Typography.Title level={4}>{activity.data.theme}</Typography.Title>
                <Typography.Text>{formatTimeRange(activity.data.startsAt, activity.data.endsAt)}</Typography.Text>
                {activity.data.place && (
                  <div>
                    <Typography.Text type="secondary">{activity.data.place}</Typography.Text>
                  </div>
                )}
              </>
            ) : (
              activity.isPending && <Spin />
            )}
            <div>
              <Typography.Text type="secondary">
                {signIn.data.name} ·{' '}
                {signIn.data.signedInAt ? formatTime(signIn.data.signedInAt) : ''}
              </Typography.Text>
            </div>
          </div>
        }
        extra={
          <Link to="/me">
            <Button>{t('nav.me')}</Button>
          </Link>
        }
      />
    );
  else if (token && signIn.isPending && !failure) body = <Spin size="large" className="page-spinner" />;
  else
    body = (
      <>
        <Typography.Title level={3}>{t('checkin.title')}</Typography.Title>
        {failure && <Alert type="error" showIcon message={failure} className="login-error" role="alert" />}
        <Form<{ code: string }>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => signIn.mutate(v.code.trim())}
        >
          <Form.Item
            name="code"
            label={t('checkin.codeLabel')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('checkin.sixDigits') }]}
          >
            <Input
              className="checkin-code-input"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              autoFocus
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
            {t('checkin.submit')}
          </Button>
        </Form>
      </>
    );

  return (
    <div className="checkin-page">
      <Card className="checkin-card">
        <div className="login-language">
          <LanguageSwitch />
        </div>
        {body}
      </Card>
    </div>
  );
}
