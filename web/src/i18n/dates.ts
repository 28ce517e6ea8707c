// The one way the web app shows dates and times: one format per language, every timestamp in the
// organization's time zone (the server's GONGJIAN_TIME_ZONE, sent with /users/me) rather than the
// browser's. Chinese: 2026-12-28 14:30; English: 28 Dec 2026, 14:30. A calendar date (YYYY-MM-DD)
// is a day, not an instant: it is shown as written, never shifted by a time zone.

// Set by the web app's i18n (i18n.ts) and by the phone pages' own texts; this file stays free of
// i18next so the light phone entries can show dates the same way.
let timeZone = 'Asia/Shanghai';
let language: 'zh' | 'en' = 'zh';

/** Set once the signed-in user's settings arrive. */
export function setTimeZone(zone: string): void {
  timeZone = zone;
}

/** Set whenever the interface's language changes. */
export function setDateLanguage(value: 'zh' | 'en'): void {
  language = value;
}

const english = () => language === 'en';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, '0');

const cache = new Map<string, Intl.DateTimeFormat>();
function parts(value: Date): Record<string, number> {
  const key = timeZone;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    cache.set(key, format);
  }
  const out: Record<string, number> = {};
  for (const p of format.formatToParts(value)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayText = (y: number, m: number, d: number) => (english() ? `${d} ${MONTHS[m - 1]} ${y}` : `${y}-${pad(m)}-${pad(d)}`);

/** The calendar day of a timestamp in the organization's time zone, as YYYY-MM-DD (for grouping, not showing). */
export function dayOf(iso: string | Date): string {
  const p = parts(new Date(iso));
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}`;
}

/** A date: '2026-12-28' / '28 Dec 2026'. Takes a calendar date (YYYY-MM-DD) or a timestamp. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (DAY.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return dayText(y, m, d);
  }
  const p = parts(new Date(value));
  return dayText(p.year!, p.month!, p.day!);
}

/** A time of day: '14:30'. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(new Date(iso));
  return `${pad(p.hour!)}:${pad(p.minute!)}`;
}

/** A moment: '2026-12-28 14:30' / '28 Dec 2026, 14:30'. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${formatDate(iso)}${english() ? ', ' : ' '}${formatTime(iso)}`;
}

/** From one moment to another: '2026-12-28 09:00–11:00', or both dates when it spans days. */
export function formatTimeRange(startsAt: string, endsAt: string): string {
  const end = dayOf(startsAt) === dayOf(endsAt) ? formatTime(endsAt) : formatDateTime(endsAt);
  return `${formatDateTime(startsAt)}–${end}`;
}

/** From one day to another: '2025-05-16 ~ 2027-05-15'. */
export const formatDateRange = (from: string, to: string) => `${formatDate(from)} ~ ${formatDate(to)}`;
