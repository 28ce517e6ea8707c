import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Segmented, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { mayDo, useMe } from '../../auth/useMe';
import { EnumFilter, FilterBar } from '../../components/FilterBar';
import ListTable from '../../components/ListTable';
import { useListState } from '../../components/useListState';
import OrgTreeSelect from '../../components/OrgTreeSelect';
import { useScope } from '../../layout/scope';
import {
  ACTIVITY_STATES,
  ACTIVITY_TYPES,
  type ActivityState,
  type ActivityType,
} from '../../../../domain/enums';
import type { Activity } from '../../../../domain/schemas/activities';
import { downloadUrl } from '../../api/client';
import ActivityCalendar from './ActivityCalendar';
import CancelActivityModal from './CancelActivityModal';
import ActivityDrawer from './ActivityDrawer';
import ActivityFormModal from './ActivityFormModal';
import LedgerActions from './LedgerActions';
import { useActivityList, type ActivityFilters } from './activityQueries';
import { STATE_COLORS } from './format';
import './activities.css';
import { formatTimeRange } from '../../i18n/dates';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Initial filters from the address: a dashboard chart links here with ?org=…&type=…&from=…&to=…&state=held. */
function filtersFromUrl(params: URLSearchParams, scopeId: string | null): ActivityFilters {
  const type = params.get('type');
  const state = params.get('state');
  const from = params.get('from');
  const to = params.get('to');
  return {
    org: params.get('org') ?? scopeId ?? undefined,
    subtree: params.get('subtree') !== 'false',
    type: ACTIVITY_TYPES.find((v) => v === type),
    state: ACTIVITY_STATES.find((v) => v === state),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
  };
}

export default function ActivitiesPage() {
  const { t } = useTranslation();
  const { scopeId } = useScope();
  const me = useMe();
  const navigate = useNavigate();
  // a link (a reminder, a dashboard chart) may set the filters or name the activity to open
  const [params] = useSearchParams();
  const { filters, setFilters, set, offset, limit, paging } = useListState<ActivityFilters>(() =>
    filtersFromUrl(params, scopeId),
  );
  const [cancelling, setCancelling] = useState<{ rows: Activity[]; done: () => void } | null>(null);
  const [openId, setOpenId] = useState<string | null>(() => params.get('activity'));
  const [creating, setCreating] = useState(false);
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const list = useActivityList(filters, offset, limit);
  const manager = mayDo(me.data, 'activity.manage');

  const cancellable = (a: Activity) => a.state === 'planned' && a.abilities.includes('activity.manage');

  return (
    <Card
      title={t('nav.activities')}
      extra={
        manager && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('activity.create')}
          </Button>
        )
      }
    >
      <FilterBar
        className="activity-filters"
        active={Object.entries(filters).some(([k, v]) => k !== 'subtree' && k !== 'org' && v !== undefined)}
        onReset={() => setFilters({ org: filters.org, subtree: filters.subtree })}
      >
        <Segmented<'list' | 'calendar'>
          aria-label={t('activity.view.label')}
          value={view}
          onChange={setView}
          options={[
            { value: 'list', label: t('activity.view.list') },
            { value: 'calendar', label: t('activity.view.calendar') },
          ]}
        />
        <OrgTreeSelect
          className="member-filter-org"
          rootId={scopeId}
          value={filters.org ?? null}
          onChange={(org) => set('org', org)}
          placeholder={t('activity.hosts')}
          allowClear
        />
        <Space size={4}>
          <Switch
            size="small"
            checked={filters.subtree !== false}
            onChange={(on) => set('subtree', on)}
            aria-label={t('member.subtree')}
          />
          <Typography.Text>{t('member.subtree')}</Typography.Text>
        </Space>
        <EnumFilter<ActivityType>
          label={t('activity.type')}
          values={ACTIVITY_TYPES}
          labelKey="enums.activityType"
          value={filters.type}
          onChange={(v) => set('type', v)}
        />
        <EnumFilter<ActivityState>
          label={t('activity.state')}
          values={ACTIVITY_STATES}
          labelKey="enums.activityState"
          value={filters.state}
          onChange={(v) => set('state', v)}
        />
        <DatePicker.RangePicker
          aria-label={t('activity.dateRange')}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) =>
            setFilters({
              ...filters,
              from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
            })
          }
        />
      </FilterBar>
      {manager && filters.org && (
        <div className="toolbar activity-ledger">
          <LedgerActions orgId={filters.org} />
        </div>
      )}
      {view === 'calendar' ? (
        <ActivityCalendar filters={filters} onOpen={setOpenId} />
      ) : (
        <>
          <ListTable<Activity>
            id="activities"
            rowKey={(a) => a.id}
            loading={list.isFetching}
            rows={list.data?.items ?? []}
            onRow={(a) => ({ onDoubleClick: () => setOpenId(a.id) })}
            paging={paging(list.data)}
            exportHref={downloadUrl('/exports/activity-list.xlsx', { ...filters })}
            batchActions={
              manager
                ? [
                    {
                      key: 'cancel',
                      label: t('activity.cancelSelected'),
                      danger: true,
                      onClick: (rows, done) => setCancelling({ rows, done }),
                    },
                  ]
                : undefined
            }
            selectable={cancellable}
            rowActions={(a) => [
              { key: 'open', label: t('common.view'), onClick: () => setOpenId(a.id) },
              ...(a.state === 'planned' && a.abilities.includes('activity.manage')
                ? [
                    {
                      key: 'signIn',
                      label: t('list.signInScreen'),
                      onClick: () => void navigate(`/activities/${encodeURIComponent(a.id)}/sign-in`),
                    },
                  ]
                : []),
              ...(cancellable(a)
                ? [
                    {
                      key: 'cancel',
                      label: t('activity.cancel'),
                      danger: true,
                      onClick: () => setCancelling({ rows: [a], done: () => undefined }),
                    },
                  ]
                : []),
            ]}
            columns={[
              {
                key: 'time',
                title: t('activity.time'),
                dataIndex: 'startsAt',
                // the date above the hours on a phone
                render: (_v: string, a) => <span className="list-title">{formatTimeRange(a.startsAt, a.endsAt)}</span>,
              },
              {
                key: 'type',
                // a phone shows the time, the theme and the row's actions (the state is filtered above the list)
                responsive: ['md'],
                title: t('activity.type'),
                dataIndex: 'type',
                render: (v: ActivityType) => t(`enums.activityType.${v}`),
              },
              {
                key: 'theme',
                required: true,
                title: t('activity.theme'),
                dataIndex: 'theme',
                render: (theme: string, a) => (
                  <Typography.Link className="list-title" onClick={() => setOpenId(a.id)}>
                    {theme}
                  </Typography.Link>
                ),
              },
              {
                key: 'hosts',
                responsive: ['md'],
                title: t('activity.hosts'),
                dataIndex: 'hosts',
                render: (hosts: Activity['hosts']) => hosts.map((h) => h.name).join('、'),
              },
              {
                key: 'state',
                responsive: ['md'],
                title: t('activity.state'),
                dataIndex: 'state',
                render: (s: ActivityState) => (
                  <Tag color={STATE_COLORS[s]}>{t(`enums.activityState.${s}`)}</Tag>
                ),
              },
              {
                key: 'present',
                responsive: ['md'],
                title: t('activity.present'),
                dataIndex: 'attendance',
                render: (c: Activity['attendance']) => c.present,
              },
            ]}
          />
        </>
      )}
      <ActivityDrawer activityId={openId} onClose={() => setOpenId(null)} />
      {cancelling && (
        <CancelActivityModal
          activities={cancelling.rows}
          onCancelled={cancelling.done}
          onClose={() => setCancelling(null)}
        />
      )}
      {creating && (
        <ActivityFormModal
          mode="create"
          orgId={filters.org ?? me.data?.member?.orgId ?? null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            setOpenId(id);
          }}
        />
      )}
    </Card>
  );
}
