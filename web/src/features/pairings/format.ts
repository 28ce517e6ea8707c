import dayjs from 'dayjs';
import type { PairingState } from '../../../../domain/pairings/enums';
import { periodContaining, type PeriodKind } from '../../../../domain/periods';
import type { HealthState } from '../../../../domain/pairings/health';

export const PAIRING_STATE_COLORS: Record<PairingState, string> = {
  draft: 'default',
  active: 'green',
  expired: 'orange',
  terminated: 'red',
};

/** Health colours, also used as cell and chart colours. */
export const HEALTH_COLORS: Record<HealthState, string> = {
  on_track: '#52c41a',
  needs_attention: '#faad14',
  inactive: '#bfbfbf',
};

/** The label of the period of a kind containing today: '2025', '2025-Q3' or '2025-08'. */
export const currentPeriod = (kind: PeriodKind) => periodContaining(dayjs().format('YYYY-MM-DD'), kind).label;
