import { describe, expect, it } from 'vitest';
import { isWeekKey, isoWeekday, shiftWeek, weekEnd, weekKey, weekStart, weeksBetween, weeksInYear } from './weeks';

describe('ISO weeks', () => {
  it('names the week of an ordinary date', () => {
    expect(weekKey('2026-01-26')).toBe('2026-W05'); // a Monday
    expect(weekKey('2026-02-01')).toBe('2026-W05'); // the Sunday of the same week
    expect(weekKey('2022-04-26')).toBe('2022-W17'); // the launch ceremony, a Tuesday
    expect(isoWeekday('2022-04-26')).toBe(2);
  });

  it('puts the first days of January in the last week of the year before when that week holds its Thursday', () => {
    // 2026 starts on a Thursday, so it has 53 weeks and its week 53 runs to Sunday 3 January 2027.
    expect(weekKey('2026-12-31')).toBe('2026-W53');
    expect(weekKey('2027-01-01')).toBe('2026-W53');
    expect(weekKey('2027-01-03')).toBe('2026-W53');
    expect(weekKey('2027-01-04')).toBe('2027-W01');
    expect(weekKey('2021-01-03')).toBe('2020-W53');
    expect(weekKey('2022-01-01')).toBe('2021-W52');
  });

  it('puts the last days of December in week 1 of the next year when its Thursday is in January', () => {
    expect(weekKey('2024-12-30')).toBe('2025-W01');
    expect(weekKey('2025-12-29')).toBe('2026-W01');
    expect(weekKey('2025-12-28')).toBe('2025-W52');
  });

  it('knows which years have 53 weeks', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(isWeekKey('2026-W53')).toBe(true);
    expect(isWeekKey('2025-W53')).toBe(false);
    expect(isWeekKey('2026-W00')).toBe(false);
    expect(isWeekKey('2026-W5')).toBe(false);
    expect(isWeekKey('2026-05')).toBe(false);
  });

  it('gives the Monday and Sunday of a week, and back', () => {
    expect(weekStart('2026-W53')).toBe('2026-12-28');
    expect(weekEnd('2026-W53')).toBe('2027-01-03');
    expect(weekStart('2025-W01')).toBe('2024-12-30');
    expect(weekStart('2020-W53')).toBe('2020-12-28');
    for (const d of ['2026-03-14', '2027-01-01', '2024-12-31', '2021-01-01']) expect(weekKey(weekStart(weekKey(d)))).toBe(weekKey(d));
    expect(() => weekStart('2025-W53')).toThrow(RangeError);
  });

  it('steps and spans weeks across a year end', () => {
    expect(shiftWeek('2026-W52', 1)).toBe('2026-W53');
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
    expect(shiftWeek('2027-W01', -2)).toBe('2026-W52');
    expect(weeksBetween('2026-W52', '2027-W02')).toEqual(['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
    expect(weeksBetween('2027-W02', '2026-W52')).toEqual([]);
  });
});
