import type { PairingState } from './enums';

/** What users see: an active agreement past its end date is expired even before the daily job ran. */
export function stateOn(row: { state: string; validTo: string }, today: string): PairingState {
  return row.state === 'active' && row.validTo < today ? 'expired' : (row.state as PairingState);
}

/** An expired or terminated agreement and its lists no longer change. */
export const isClosed = (state: PairingState) => state === 'expired' || state === 'terminated';
