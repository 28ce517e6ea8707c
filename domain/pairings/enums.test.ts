import { describe, expect, it } from 'vitest';
import {
  DEMAND_STATES,
  LIST_KINDS,
  PAIRING_CATEGORIES,
  PAIRING_STATES,
  URGENCIES,
  isDemandState,
  isListKind,
  isPairingCategory,
  isPairingState,
  isUrgency,
} from './enums';

describe('pairing enums', () => {
  it('spell the states, categories, urgencies and list kinds exactly as the contract', () => {
    expect(PAIRING_STATES).toEqual(['draft', 'active', 'expired', 'terminated']);
    expect(DEMAND_STATES).toEqual([
      'submitted',
      'accepted',
      'in_progress',
      'resolved',
      'confirmed',
      'reopened',
    ]);
    expect(PAIRING_CATEGORIES).toEqual([
      'policy',
      'talent',
      'venue',
      'market',
      'finance',
      'safety',
      'volunteer',
      'other',
    ]);
    expect(URGENCIES).toEqual(['low', 'normal', 'high', 'urgent']);
    expect(LIST_KINDS).toEqual(['need', 'resource', 'joint_project']);
  });

  it('guards accept only the exact spellings', () => {
    expect(isPairingState('active')).toBe(true);
    expect(isPairingState('Active')).toBe(false);
    expect(isDemandState('in_progress')).toBe(true);
    expect(isDemandState('in-progress')).toBe(false);
    expect(isPairingCategory('volunteer')).toBe(true);
    expect(isPairingCategory('policy ')).toBe(false);
    expect(isUrgency('urgent')).toBe(true);
    expect(isUrgency(3)).toBe(false);
    expect(isListKind('joint_project')).toBe(true);
    expect(isListKind('project')).toBe(false);
  });
});
