import type { ActivityState } from '../../../../domain/enums';

export const STATE_COLORS: Record<ActivityState, string> = {
  planned: 'blue',
  held: 'green',
  cancelled: 'default',
};
