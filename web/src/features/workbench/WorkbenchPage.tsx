import { CalendarOutlined, MessageOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Progress, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { usePhone } from '../../components/usePhone';
import { todoLink, useWorkbench, type Todo, type WorkbenchActivity } from './workbenchQueries';
import './workbench.css';

const TODO_COLOR: Record<Todo['kind'], string> = {
  demand_accept: 'blue',
  demand_work: 'geekblue',
  demand_confirm: 'cyan',
  demand_escalated: 'red',
  activity_due: 'orange',
  term_due: 'gold',
  term_expired: 'red',
  resolution_overdue: 'volcano',
  project_report_due: 'purple',
  project_report_missing: 'red',
  project_milestone_overdue: 'volcano',
  activity_cohost_to_accept: 'purple',
  assessment_prepare: 'magenta',
  assessment_open: 'green',
};

/** Everyone's home (工作台): what waits for the caller, this month's activities, compliance at a glance, shortcuts. */
export default function WorkbenchPage() {
  const { t } = useTranslation();
  const wb = useWorkbench();
  // a phone opens the own record on its light page
  const phone = usePhone();
  if (wb.isPending) return <Spin className="page-spinner" />;
  if (wb.isError) return <Result status="error" title={t('common.error')} subTitle={wb.error.message} />;
  const { todos, activitiesThisMonth, compliance, shortcuts, member } = wb.data;
  const today = new Date().toISOString();
  // the sign-in screen of the next activity of the month that has not ended
  const nextActivity = activitiesThisMonth.items.find((a) => a.state === 'planned' && a.startsAt >= today.slice(0, 10)) ?? null;

  const activityRow = (a: WorkbenchActivity) => (
    <List.Item>
      <List.Item.Meta
        title={<Link to={`/activities?activity=${encodeURIComponent(a.id)}`}>{a.theme}</Link>}
        description={
          <Space size={4} wrap>
            <span>{formatDateTime(a.startsAt)}</span>
            <Tag>{t(`enums.activityType.${a.type}`)}</Tag>
            <Tag color={a.state === 'held' ? 'green' : a.state === 'cancelled' ? 'default' : 'blue'}>{t(`enums.activityState.${a.state}`)}</Tag>
            <span>{a.orgName}</span>
            {a.place && <span>{a.place}</span>}
          </Space>
        }
      />
    </List.Item>
  );

  return (
    <div className="workbench">
      <Typography.Title level={4} className="workbench-title">
        {t('workbench.title')}
      </Typography.Title>
      {shortcuts.length > 0 && (
        <Space wrap className="workbench-shortcuts">
          {shortcuts.includes('record_activity') && (
            <Link to="/activities">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('workbench.shortcut.record_activity')}
              </Button>
            </Link>
          )}
          {shortcuts.includes('open_sign_in') && (
            <Link to={nextActivity ? `/activities/${encodeURIComponent(nextActivity.id)}/sign-in` : '/activities'}>
              <Button icon={<QrcodeOutlined />}>{t('workbench.shortcut.open_sign_in')}</Button>
            </Link>
          )}
          {shortcuts.includes('raise_demand') && (
            <Link to="/demands">
              <Button icon={<MessageOutlined />}>{t('workbench.shortcut.raise_demand')}</Button>
            </Link>
          )}
        </Space>
      )}

      <div className="workbench-grid">
        {(member === null || todos.length > 0) && (
          <Card title={t('workbench.todos', { count: todos.length })} size="small" className="workbench-todos">
            <List
              dataSource={todos}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noTodos')} /> }}
              renderItem={(todo) => (
                <List.Item>
                  <List.Item.Meta
                    title={<Link to={todoLink(todo)}>{todo.title}</Link>}
                    description={
                      <Space size={4} wrap>
                        <Tag color={TODO_COLOR[todo.kind]}>{t(`workbench.kind.${todo.kind}`)}</Tag>
                        {todo.dueOn && <span>{t('workbench.dueOn', { date: formatDate(todo.dueOn) })}</span>}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        )}

        {member && (
          <>
            <Card title={<><CalendarOutlined /> {t('workbench.upcoming')}</>} size="small">
              <List dataSource={member.upcoming} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noUpcoming')} /> }} renderItem={activityRow} />
            </Card>
            <Card title={t('workbench.attendance')} size="small" extra={phone ? <a href="/m/record">{t('nav.me')}</a> : <Link to="/me">{t('nav.me')}</Link>}>
              <List
                dataSource={member.attendance}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noAttendance')} /> }}
                renderItem={(a) => (
                  <List.Item>
                    <List.Item.Meta
                      title={a.theme}
                      description={
                        <Space size={4} wrap>
                          <span>{formatDate(a.heldOn)}</span>
                          <Tag color={a.status === 'present' ? 'green' : a.status === 'absent' ? 'red' : 'default'}>{t(`enums.attendanceStatus.${a.status}`)}</Tag>
                          {a.signedInAt && <span>{t('workbench.signedInAt', { time: formatDateTime(a.signedInAt) })}</span>}
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            </Card>
          </>
        )}

        {compliance.length > 0 && (
          <Card title={t('workbench.compliance')} size="small">
            {compliance.map((c) => {
              const total = c.met + c.due + c.missed;
              return (
                <div key={c.orgId} className="workbench-compliance">
                  <Link to={`/compliance?org=${encodeURIComponent(c.orgId)}`}>{c.orgName}</Link>
                  <Progress
                    percent={total === 0 ? 0 : Math.round(((c.met + c.missed) / total) * 100)}
                    success={{ percent: total === 0 ? 0 : Math.round((c.met / total) * 100) }}
                    strokeColor="#ff4d4f"
                    showInfo={false}
                    aria-label={t('workbench.complianceCounts', { met: c.met, due: c.due, missed: c.missed })}
                  />
                  <Space size={4} wrap>
                    <Tag color="green">{t('workbench.met', { count: c.met })}</Tag>
                    <Tag color="orange">{t('workbench.due', { count: c.due })}</Tag>
                    {c.missed > 0 && <Tag color="red">{t('workbench.missed', { count: c.missed })}</Tag>}
                  </Space>
                </div>
              );
            })}
          </Card>
        )}

        {member === null && (
          <Card title={t('workbench.thisMonth', { count: activitiesThisMonth.total })} size="small" extra={<Link to="/activities">{t('workbench.all')}</Link>}>
            <List dataSource={activitiesThisMonth.items} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noActivities')} /> }} renderItem={activityRow} />
          </Card>
        )}
      </div>
    </div>
  );
}
