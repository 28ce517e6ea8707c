import dayjs from 'dayjs';
import type { ActivityState } from '../../../../domain/enums';

export const STATE_COLORS: Record<ActivityState, string> = {
  planned: 'blue',
  held: 'green',
  cancelled: 'default',
};

/** '2025-08-01 09:00–11:00', or both dates when it spans days. */
export function formatRange(startsAt: string, endsAt: string): string {
  const start = dayjs(startsAt);
  const end = dayjs(endsAt);
  const endFormat = start.isSame(end, 'day') ? 'HH:mm' : 'YYYY-MM-DD HH:mm';
  return `${start.format('YYYY-MM-DD HH:mm')}–${end.format(endFormat)}`;
}
