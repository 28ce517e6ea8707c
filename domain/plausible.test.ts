import { describe, expect, it } from 'vitest';
import { activityDateRange } from './plausible';

describe('plausible dates', () => {
  it('activities from five years before to five years after today', () => {
    expect(activityDateRange('2026-12-03')).toEqual({ min: '2021-12-03', max: '2031-12-03' });
  });

  it('a leap day moves to the last day of February in a common year', () => {
    expect(activityDateRange('2028-02-29')).toEqual({ min: '2023-02-28', max: '2033-02-28' });
  });
});
