// The Chinese labels and formats the ledgers print, in one place (the web app has its own i18n).

import { ACTIVITY_TYPE_LABELS } from '../../../domain/activityLabels';
import type { ActivityState, ActivityType, AttendanceStatus } from '../../../domain/enums';

export const ACTIVITY_STATE_LABELS: Record<ActivityState, string> = {
  planned: '计划',
  held: '已开展',
  cancelled: '取消',
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  present: '出席',
  absent: '缺席',
  excused: '请假',
};

/** how a presence was recorded: the member's own QR sign-in, or the organizer's list */
export const SIGN_IN_SOURCE_LABELS: Record<'sign_in' | 'organizer', string> = {
  sign_in: '扫码',
  organizer: '登记',
};

/** the type's label; an organization's own type (recorded as `other`) prints its own name */
export function typeLabel(type: string, customName?: string | null): string {
  if (type === 'other' && customName) return customName;
  return (ACTIVITY_TYPE_LABELS[type as ActivityType] as { zh: string } | undefined)?.zh ?? type;
}

export function stateLabel(state: string): string {
  return ACTIVITY_STATE_LABELS[state as ActivityState] ?? state;
}

const CHINA_OFFSET_MS = 8 * 3600_000; // China Standard Time, no daylight saving

/** An instant as China time: { date: '2024-06-01', time: '14:00' }. */
export function chinaTime(iso: string): { date: string; time: string } {
  const s = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}

/** '14:00—16:00', with the end's date when it ends on another day */
export function timeSpan(startsAt: string, endsAt: string): string {
  const a = chinaTime(startsAt);
  const b = chinaTime(endsAt);
  return `${a.time}—${b.date === a.date ? b.time : `${chineseDate(b.date)} ${b.time}`}`;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** '2024年6月1日' */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** '2024年6月1日（星期六）' */
export function chineseDateWithWeekday(date: string): string {
  return `${chineseDate(date)}（星期${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}）`;
}

/** '2024-06-01 14:03' in China time */
export function chinaDateTime(iso: string): string {
  const t = chinaTime(iso);
  return `${t.date} ${t.time}`;
}

/** where it took place: the place, or online with its sub-venues */
export function placeLabel(a: { place: string | null; online: boolean; subVenues: string[] }): string {
  const venues = a.subVenues.length ? `（分会场：${a.subVenues.join('、')}）` : '';
  if (!a.online) return `${a.place ?? ''}${venues}`;
  return a.place ? `${a.place}（线上）${venues}` : `线上${venues}`;
}

/** a file name without characters that file systems refuse */
export function safeFilename(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').slice(0, 120);
}
