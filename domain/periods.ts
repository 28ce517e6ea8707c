// Reporting periods: a year '2025', a quarter '2025-Q3' or a month '2025-08'.
// Like every date in the domain, start and end are China calendar dates ('YYYY-MM-DD'), end inclusive:
// callers pass todayInChina() as `today`, never a UTC date.

import { daysInMonth, isValidDate } from './dates';

export const PERIOD_KINDS = ['year', 'quarter', 'month'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** the canonical spelling, also the key used in the API: '2025', '2025-Q3', '2025-08' */
  label: string;
  year: number;
  /** quarter 1–4 for a quarter, month 1–12 for a month, absent for a year */
  index?: number;
  /** first day, 'YYYY-MM-DD' */
  start: string;
  /** last day, inclusive, 'YYYY-MM-DD' */
  end: string;
}

export class PeriodError extends RangeError {
  override name = 'PeriodError';
}

const EXPECTED = 'expected a year (2025), a quarter (2025-Q3) or a month (2025-08)';
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    throw new PeriodError(`year out of range: ${year} (${MIN_YEAR}–${MAX_YEAR})`);
}

export function yearPeriod(year: number): Period {
  checkYear(year);
  return {
    kind: 'year',
    label: pad(year, 4),
    year,
    start: `${pad(year, 4)}-01-01`,
    end: `${pad(year, 4)}-12-31`,
  };
}

export function quarterPeriod(year: number, quarter: number): Period {
  checkYear(year);
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
    throw new PeriodError(`quarter must be 1–4, not ${quarter}`);
  const first = (quarter - 1) * 3 + 1;
  const last = first + 2;
  return {
    kind: 'quarter',
    label: `${pad(year, 4)}-Q${quarter}`,
    year,
    index: quarter,
    start: `${pad(year, 4)}-${pad(first)}-01`,
    end: `${pad(year, 4)}-${pad(last)}-${pad(daysInMonth(year, last))}`,
  };
}

export function monthPeriod(year: number, month: number): Period {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new PeriodError(`month must be 01–12, not ${month}`);
  return {
    kind: 'month',
    label: `${pad(year, 4)}-${pad(month)}`,
    year,
    index: month,
    start: `${pad(year, 4)}-${pad(month)}-01`,
    end: `${pad(year, 4)}-${pad(month)}-${pad(daysInMonth(year, month))}`,
  };
}

/** Parses exactly '2025', '2025-Q3' or '2025-08'; anything else (lower-case q, '2025-8', spaces, dates) throws a PeriodError. */
export function parsePeriod(text: string): Period {
  if (typeof text !== 'string') throw new PeriodError(`not a period: ${String(text)} (${EXPECTED})`);
  let m = /^(\d{4})$/.exec(text);
  if (m) return yearPeriod(Number(m[1]));
  m = /^(\d{4})-Q(\d)$/.exec(text);
  if (m) return quarterPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return monthPeriod(Number(m[1]), Number(m[2]));
  throw new PeriodError(`not a period: "${text}" (${EXPECTED})`);
}

export function isValidPeriod(text: string): boolean {
  try {
    parsePeriod(text);
    return true;
  } catch {
    return false;
  }
}

/** The canonical spelling ('2025-Q3'); the same string parsePeriod accepts. */
export function formatPeriod(period: Period): string {
  return period.label;
}

const ZH_QUARTERS = ['一', '二', '三', '四'];

/** A label for people: '2025年第三季度' / 'Q3 2025', '2025年8月' / 'Aug 2025', '2025年' / '2025'. */
export function periodDisplayName(period: Period, lang: 'zh' | 'en'): string {
  const q = period.index ?? 1;
  switch (period.kind) {
    case 'year':
      return lang === 'zh' ? `${period.year}年` : String(period.year);
    case 'quarter':
      return lang === 'zh' ? `${period.year}年第${ZH_QUARTERS[q - 1]}季度` : `Q${q} ${period.year}`;
    case 'month':
      return lang === 'zh'
        ? `${period.year}年${q}月`
        : `${new Date(Date.UTC(2000, q - 1, 1)).toLocaleString('en', { month: 'short', timeZone: 'UTC' })} ${period.year}`;
  }
}

function checkDate(date: string): void {
  if (!isValidDate(date)) throw new PeriodError(`not a date: ${date}`);
}

/** The period of the given kind that contains a date. */
export function periodContaining(date: string, kind: PeriodKind): Period {
  checkDate(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  switch (kind) {
    case 'year':
      return yearPeriod(year);
    case 'quarter':
      return quarterPeriod(year, Math.floor((month - 1) / 3) + 1);
    case 'month':
      return monthPeriod(year, month);
  }
}

const RANK: Record<PeriodKind, number> = { year: 0, quarter: 1, month: 2 };

/** True when `a` is a coarser kind than `b` (year > quarter > month). */
export function isCoarser(a: PeriodKind, b: PeriodKind): boolean {
  return RANK[a] < RANK[b];
}

/** Splits a period into consecutive periods of a finer (or the same) kind: a year into 4 quarters or 12 months, a quarter into 3 months. */
export function splitPeriod(period: Period, kind: PeriodKind): Period[] {
  if (isCoarser(kind, period.kind)) throw new PeriodError(`cannot split a ${period.kind} into ${kind}s`);
  if (kind === period.kind) return [period];
  const firstMonth = Number(period.start.slice(5, 7));
  const lastMonth = Number(period.end.slice(5, 7));
  const out: Period[] = [];
  if (kind === 'month') {
    for (let m = firstMonth; m <= lastMonth; m++) out.push(monthPeriod(period.year, m));
  } else {
    for (let m = firstMonth; m <= lastMonth; m += 3)
      out.push(quarterPeriod(period.year, Math.floor((m - 1) / 3) + 1));
  }
  return out;
}

export const monthsOf = (period: Period): Period[] => splitPeriod(period, 'month');
export const quartersOf = (period: Period): Period[] => splitPeriod(period, 'quarter');

/** The enclosing period of a coarser (or the same) kind: the quarter or year a month belongs to. */
export function enclosingPeriod(period: Period, kind: PeriodKind): Period {
  if (isCoarser(period.kind, kind)) throw new PeriodError(`a ${period.kind} is not inside a single ${kind}`);
  return periodContaining(period.start, kind);
}

export function containsDate(period: Period, date: string): boolean {
  return date >= period.start && date <= period.end;
}

/** The next (or, with a negative step, an earlier) period of the same kind. */
export function shiftPeriod(period: Period, steps: number): Period {
  const index = period.index ?? 1;
  switch (period.kind) {
    case 'year':
      return yearPeriod(period.year + steps);
    case 'quarter': {
      const n = period.year * 4 + (index - 1) + steps;
      return quarterPeriod(Math.floor(n / 4), (((n % 4) + 4) % 4) + 1);
    }
    case 'month': {
      const n = period.year * 12 + (index - 1) + steps;
      return monthPeriod(Math.floor(n / 12), (((n % 12) + 12) % 12) + 1);
    }
  }
}

/** The period is over once its last day has passed: on the last day itself it is not over yet. */
export function isPeriodOver(period: Period, today: string): boolean {
  checkDate(today);
  return today > period.end;
}

export function hasPeriodStarted(period: Period, today: string): boolean {
  checkDate(today);
  return today >= period.start;
}

function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

/** Calendar days from a to b inclusive of both (1 when a === b, 0 when b is before a). */
export function daysInclusive(a: string, b: string): number {
  checkDate(a);
  checkDate(b);
  return Math.max(0, dayNumber(b) - dayNumber(a) + 1);
}

/**
 * Days left to act in the period, counting today and the last day: 1 on the last day, 0 once it is over,
 * the whole length of the period before it starts.
 */
export function daysLeft(period: Period, today: string): number {
  checkDate(today);
  return daysInclusive(today > period.start ? today : period.start, period.end);
}

export function periodLength(period: Period): number {
  return daysInclusive(period.start, period.end);
}
