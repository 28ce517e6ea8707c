import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api, withQuery } from '../../api/client';
import type { ComplianceItem, ComplianceReport, RollupReport } from '../../../../domain/schemas/compliance';

export type Report = Static<typeof ComplianceReport>;
export type Item = Static<typeof ComplianceItem>;
export type PeriodKind = 'month' | 'quarter' | 'year';

export function useCompliance(org: string | null, period: string) {
  return useQuery({
    queryKey: ['compliance', org, period],
    queryFn: () => api<Report>(withQuery('/compliance', { org, period })),
    enabled: org !== null,
    placeholderData: keepPreviousData,
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** First and last day ('YYYY-MM-DD') of a period label: '2025', '2025-Q3' or '2025-08'. */
export function periodRange(label: string): { from: string; to: string } | null {
  const m = /^(\d{4})(?:-Q([1-4])|-(\d{2}))?$/.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  let first = 1;
  let last = 12;
  if (m[2]) {
    first = (Number(m[2]) - 1) * 3 + 1;
    last = first + 2;
  } else if (m[3]) {
    first = Number(m[3]);
    last = first;
  }
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  return { from: `${m[1]}-${pad(first)}-01`, to: `${m[1]}-${pad(last)}-${pad(lastDay)}` };
}

export type Rollup = Static<typeof RollupReport>;
export type RollupItem = Rollup['items'][number];

/** The first lagging organizations of each requirement the roll-up lists until the user asks for all. */
export const ROLLUP_LAGGING_SHOWN = 20;

export function useRollup(org: string | null, period: string, all: boolean) {
  const laggingLimit = all ? undefined : ROLLUP_LAGGING_SHOWN;
  return useQuery({
    queryKey: ['compliance', 'rollup', org, period, laggingLimit],
    queryFn: () => api<Rollup>(withQuery('/compliance/rollup', { org, period, laggingLimit })),
    enabled: org !== null,
    placeholderData: keepPreviousData,
  });
}
