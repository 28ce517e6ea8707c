import { describe, expect, it } from 'vitest';
import { isClosed, stateOn } from './agreements';

describe('stateOn', () => {
  it('shows an active agreement as expired from the day after its end date', () => {
    expect(stateOn({ state: 'active', validTo: '2025-12-07' }, '2025-12-07')).toBe('active');
    expect(stateOn({ state: 'active', validTo: '2025-12-07' }, '2025-12-08')).toBe('expired');
  });

  it('leaves drafts and terminated agreements as they are', () => {
    expect(stateOn({ state: 'draft', validTo: '2020-01-01' }, '2025-01-01')).toBe('draft');
    expect(stateOn({ state: 'terminated', validTo: '2030-01-01' }, '2025-01-01')).toBe('terminated');
  });
});

describe('isClosed', () => {
  it('closes expired and terminated agreements only', () => {
    expect(['draft', 'active', 'expired', 'terminated'].filter((s) => isClosed(s as never))).toEqual([
      'expired',
      'terminated',
    ]);
  });
});
