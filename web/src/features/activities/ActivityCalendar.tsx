import { Alert, Calendar, Spin, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../../../../domain/schemas/activities';
import { useActivityList, type ActivityFilters } from './activityQueries';
import { STATE_COLORS } from './format';
import { dayOf, formatTime } from '../../i18n/dates';

const MONTH_LIMIT = 200;

/** The activities of one month on a calendar, under the same filters as the list. */
export default function ActivityCalendar({
  filters,
  onOpen,
}: {
  filters: ActivityFilters;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(() => (filters.from ? dayjs(filters.from) : dayjs()));
  // the month, narrowed by the filter's own date range when there is one
  const monthFrom = month.startOf('month').format('YYYY-MM-DD');
  const monthTo = month.endOf('month').format('YYYY-MM-DD');
  const from = filters.from && filters.from > monthFrom ? filters.from : monthFrom;
  const to = filters.to && filters.to < monthTo ? filters.to : monthTo;
  const list = useActivityList({ ...filters, from, to }, undefined, MONTH_LIMIT);
  const items = from <= to ? (list.data?.items ?? []) : [];

  const byDay = new Map<string, Activity[]>();
  for (const a of items) {
    const day = dayOf(a.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), a]);
  }
  for (const day of byDay.values()) day.sort((x, y) => x.startsAt.localeCompare(y.startsAt));

  return (
    <Spin spinning={list.isFetching}>
      {list.data?.nextCursor && (
        <Alert type="warning" showIcon message={t('activity.calendar.truncated', { count: MONTH_LIMIT })} />
      )}
      <Calendar
        className="activity-calendar"
        mode="month"
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onChange={(d) => setMonth(d)}
        cellRender={(date, info) => {
          if (info.type !== 'date' || !date.isSame(month, 'month')) return null;
          const day = byDay.get(date.format('YYYY-MM-DD')) ?? [];
          if (day.length === 0) return null;
          return (
            <ul className="activity-calendar-day">
              {day.map((a) => (
                <li key={a.id}>
                  <Tag
                    color={STATE_COLORS[a.state]}
                    title={`${formatTime(a.startsAt)} ${a.theme} · ${t(`enums.activityState.${a.state}`)}`}
                    role="button"
                    tabIndex={0}
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(a.id);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        onOpen(a.id);
                      }
                    }}
                  >
                    {formatTime(a.startsAt)} {t(`enums.activityType.${a.type}`)}
                  </Tag>
                </li>
              ))}
            </ul>
          );
        }}
      />
    </Spin>
  );
}
