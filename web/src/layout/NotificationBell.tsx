import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, List, Popover, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { ReminderKind } from '../../../domain/reminders';
import { formatDateTime } from '../i18n/dates';
import { usePhone } from '../components/usePhone';

interface Notification {
  id: string;
  kind: ReminderKind;
  subjectType: string;
  subjectId: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

function subjectLink(n: Notification): string {
  const id = encodeURIComponent(n.subjectId);
  if (n.subjectType === 'org') return `/orgs?org=${id}`;
  if (n.subjectType === 'demand') return `/demands?demand=${id}`;
  if (n.subjectType === 'pairing') return `/pairings/${id}`;
  return `/activities?activity=${id}`;
}

/** Reminders computed by the server: what is due, a term to renew, a resolution overdue, a demand to act on. */
export default function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    // the server words the message in the request's language
    queryKey: ['notifications', i18n.language],
    queryFn: () => api<{ items: Notification[]; unreadCount: number }>('/notifications?limit=30'),
    refetchInterval: 5 * 60_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({ mutationFn: (id: string) => api<unknown>(`/notifications/${id}/read`, { method: 'POST' }), onSuccess: refresh });
  const readAll = useMutation({ mutationFn: () => api<unknown>('/notifications/read-all', { method: 'POST' }), onSuccess: refresh });

  const [shown, setShown] = useState(false);
  // a popover does not fit a phone: there the list slides in as a drawer
  const phone = usePhone();
  const open = async (n: Notification) => {
    setShown(false);
    if (!n.readAt) read.mutate(n.id);
    await navigate(subjectLink(n));
  };

  const content = (
    <div className="notification-list">
      {list.data && list.data.items.length > 0 ? (
        <List
          size="small"
          dataSource={list.data.items}
          renderItem={(n) => (
            <List.Item className={n.readAt ? 'notification-read' : 'notification-unread'} onClick={() => void open(n)} style={{ cursor: 'pointer' }}>
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.message}</Typography.Text>}
                description={formatDateTime(n.createdAt)}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      )}
    </div>
  );

  const title = (
    <div className="notification-title">
      <span>{t('notifications.title')}</span>
      <Button type="link" size="small" disabled={!list.data?.unreadCount} onClick={() => readAll.mutate()}>
        {t('notifications.readAll')}
      </Button>
    </div>
  );
  const bell = (
    <Badge count={list.data?.unreadCount ?? 0} size="small" offset={[-4, 4]}>
      <Button type="text" icon={<BellOutlined />} aria-label={t('notifications.title')} onClick={phone ? () => setShown(true) : undefined} />
    </Badge>
  );

  if (phone)
    return (
      <>
        {bell}
        <Drawer open={shown} onClose={() => setShown(false)} placement="right" width="100%" title={title} rootClassName="notification-drawer">
          {content}
        </Drawer>
      </>
    );
  return (
    <Popover open={shown} onOpenChange={setShown} trigger="click" placement="bottomRight" title={title} content={content}>
      {bell}
    </Popover>
  );
}
