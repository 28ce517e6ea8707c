import { addDays } from '../dates';

// ISO 8601 weeks ('2026-W05'): weeks start on Monday and week 1 is the week holding the year's first Thursday, so the
// first days of January may belong to the last week of the year before (2027-01-01 is in 2026-W53) and the last days
// of December to week 1 of the next year (2024-12-30 is in 2025-W01).

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

const utc = (date: string) => Date.parse(date + 'T00:00:00Z');
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday = 1 … Sunday = 7 */
export function isoWeekday(date: string): number {
  const d = new Date(utc(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The ISO week a date falls in. */
export function weekKey(date: string): string {
  // The Thursday of the date's week decides the week's year.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((utc(thursday) - utc(`${year}-01-01`)) / (7 * 86400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** 52 or 53: a year has 53 weeks when 28 December (always in its last week) is in week 53. */
export function weeksInYear(year: number): number {
  return Number(weekKey(`${year}-12-28`).slice(6));
}

export function isWeekKey(value: string): boolean {
  const m = WEEK_RE.exec(value);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInYear(Number(m[1]));
}

/** The Monday of an ISO week. */
export function weekStart(key: string): string {
  const m = WEEK_RE.exec(key);
  if (!m || !isWeekKey(key)) throw new RangeError(`not an ISO week: ${key}`);
  const jan4 = `${m[1]}-01-04`; // always in week 1
  const monday1 = addDays(jan4, 1 - isoWeekday(jan4));
  return addDays(monday1, (Number(m[2]) - 1) * 7);
}

/** The Sunday of an ISO week. */
export function weekEnd(key: string): string {
  return addDays(weekStart(key), 6);
}

/** The week after (or before, for a negative n) a week. */
export function shiftWeek(key: string, n: number): string {
  return weekKey(addDays(weekStart(key), n * 7));
}

/** The weeks from `from` to `to`, both included ([] when `to` is before `from`). */
export function weeksBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = utc(weekStart(from)); ms <= utc(weekStart(to)); ms += 7 * 86400_000) out.push(weekKey(dayOf(ms)));
  return out;
}
