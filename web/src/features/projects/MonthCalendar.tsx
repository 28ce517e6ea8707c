import { useQuery } from '@tanstack/react-query';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, withQuery } from '../../api/client';
import type { MonthView } from '../../../../domain/schemas/projects';
import type { Static } from 'typebox';

// The campaign by month: each day lists the milestones (◆) and tasks of the running projects due that day; a done
// one is green, an overdue one red. A click opens the project. The month is changed from a header of our own above the
// grid: antd's header (two selects and a month/year switch) does not fit a phone beside the sideways-scrolling grid.

type Item = Static<typeof MonthView>['items'][number];

export default function MonthCalendar({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const view = useQuery({
    queryKey: ['projects', 'month', campaignId, month],
    queryFn: () =>
      api<Static<typeof MonthView>>(withQuery(`/project-campaigns/${campaignId}/month`, { month })),
  });
  const today = dayjs().format('YYYY-MM-DD');
  const byDay = new Map<string, Item[]>();
  for (const i of view.data?.items ?? []) byDay.set(i.dueOn, [...(byDay.get(i.dueOn) ?? []), i]);
  const status = (i: Item) => (i.doneOn ? 'success' : i.dueOn < today ? 'error' : 'processing');
  const shift = (months: number) => setMonth(dayjs(`${month}-01`).add(months, 'month').format('YYYY-MM'));
  const [y, m] = month.split('-').map(Number) as [number, number];
  return (
    <section aria-label={t('projects.month')}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Button icon={<LeftOutlined />} aria-label={t('projects.previousMonth')} onClick={() => shift(-1)} />
        <Typography.Text strong aria-live="polite">
          {t('projects.monthTitle', { year: y, month: m })}
        </Typography.Text>
        <Space size={4}>
          {month !== today.slice(0, 7) && (
            <Button onClick={() => setMonth(today.slice(0, 7))}>{t('projects.thisMonth')}</Button>
          )}
          <Button icon={<RightOutlined />} aria-label={t('projects.nextMonth')} onClick={() => shift(1)} />
        </Space>
      </Space>
      {/* a month grid needs room for its seven columns: on a phone it scrolls sideways */}
      <div style={{ overflowX: 'auto' }}>
        <div style={{ minWidth: 720 }}>
          <Calendar
            value={month === today.slice(0, 7) ? dayjs(today) : dayjs(`${month}-01`)}
            mode="month"
            headerRender={() => null}
            onSelect={(d: Dayjs, info) => {
              if (info.source === 'date' && d.format('YYYY-MM') !== month) setMonth(d.format('YYYY-MM'));
            }}
            cellRender={(d: Dayjs, info) => {
              if (info.type !== 'date') return info.originNode;
              const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
              return (
                <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {items.map((i) => (
                    <li key={i.id}>
                      <Tooltip
                        title={`${i.orgName}：${i.projectTitle}${i.ownerName ? ` · ${i.ownerName}` : ''}`}
                      >
                        <Badge
                          status={status(i)}
                          text={`${i.kind === 'milestone' ? '◆ ' : ''}${i.title}`}
                          style={{ fontSize: 12, cursor: 'pointer', whiteSpace: 'nowrap' }}
                          onClick={() => void navigate(`/projects/${i.projectId}`)}
                        />
                      </Tooltip>
                    </li>
                  ))}
                </ul>
              );
            }}
          />
        </div>
      </div>
    </section>
  );
}
