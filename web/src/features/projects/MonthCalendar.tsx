import { useQuery } from '@tanstack/react-query';
import { Badge, Calendar, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, withQuery } from '../../api/client';
import type { MonthView } from '../../../../domain/schemas/projects';
import type { Static } from 'typebox';

// The campaign by month: each day lists the milestones (◆) and tasks of the running projects due that day; a done
// one is green, an overdue one red. A click opens the project.

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
  return (
    // a month grid needs room for its seven columns: on a phone it scrolls sideways
    <section aria-label={t('projects.month')} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth: 720 }}>
        <Calendar
          value={month === today.slice(0, 7) ? dayjs(today) : dayjs(`${month}-01`)}
          mode="month"
          onPanelChange={(d: Dayjs) => setMonth(d.format('YYYY-MM'))}
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
    </section>
  );
}
