import type { DemandState, Urgency } from '../../../../domain/pairings/enums';

/** Tag and timeline colours (also valid CSS colours). */
export const DEMAND_STATE_COLORS: Record<DemandState, string> = {
  submitted: 'blue',
  accepted: 'cyan',
  in_progress: 'purple',
  resolved: 'gold',
  confirmed: 'green',
  reopened: 'magenta',
};

export const URGENCY_COLORS: Record<Urgency, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};
