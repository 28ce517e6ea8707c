import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, daysInMonth, fullYearsBetween, isValidDate, todayInChina } from './dates';

describe('addYears: "N years after D is the same calendar date; 29 Feb maps to 28 Feb"', () => {
  it('gives the same calendar date N years later (rules.md: elected 2023-03-15, 3-year branch term)', () => {
    expect(addYears('2023-03-15', 3)).toBe('2026-03-15');
  });

  it('maps 29 Feb to 28 Feb when the target year is not a leap year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2020-02-29', 3)).toBe('2023-02-28');
  });

  it('keeps 29 Feb when the target year is a leap year too', () => {
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('counts a 5-year committee term across a century leap year (2000) and back', () => {
    expect(addYears('1996-02-29', 5)).toBe('2001-02-28');
    expect(addYears('2021-07-01', -5)).toBe('2016-07-01');
  });
});

describe('addMonths', () => {
  it('gives the rules.md reminder date: 6 months before a 2026-03-15 expiry is 2025-09-15', () => {
    expect(addMonths('2026-03-15', -6)).toBe('2025-09-15');
  });

  it('clamps a day past the end of the month to its last day (31 Aug + 6 months)', () => {
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
  });

  it('clamps going backwards too (31 Aug − 6 months is 28/29 Feb)', () => {
    expect(addMonths('2025-08-31', -6)).toBe('2025-02-28');
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('crosses the year boundary forwards and backwards', () => {
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15');
    expect(addMonths('2024-12-31', 1)).toBe('2025-01-31');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
    expect(addMonths('2025-03-10', -15)).toBe('2023-12-10');
  });

  it('returns the same date for 0 months and handles whole years of months', () => {
    expect(addMonths('2024-05-20', 0)).toBe('2024-05-20');
    expect(addMonths('2024-05-20', -24)).toBe('2022-05-20');
  });

  it('rejects a value that is not a YYYY-MM-DD date', () => {
    expect(() => addMonths('2024/05/20', 1)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });
});

describe('daysInMonth', () => {
  it('knows February in leap and common years, including the 1900/2000 century rule', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
});

describe('fullYearsBetween (age, party standing)', () => {
  it('does not count the year on the day before the anniversary', () => {
    expect(fullYearsBetween('2006-07-01', '2024-06-30')).toBe(17);
  });

  it('counts the year on the anniversary itself', () => {
    expect(fullYearsBetween('2006-07-01', '2024-07-01')).toBe(18);
  });

  it('is 0 within the first year (a member converted to full on 2024-03-20, checked on 2025-03-19)', () => {
    expect(fullYearsBetween('2024-03-20', '2025-03-19')).toBe(0);
    expect(fullYearsBetween('2024-03-20', '2025-03-20')).toBe(1);
  });

  it('compares the day when the month is the same', () => {
    expect(fullYearsBetween('1990-12-31', '2024-12-30')).toBe(33);
    expect(fullYearsBetween('1990-12-31', '2024-12-31')).toBe(34);
    expect(fullYearsBetween('1990-01-01', '2024-12-31')).toBe(34);
  });

  it('follows the 29 Feb → 28 Feb rule: one year after 2020-02-29 is 2021-02-28', () => {
    expect(fullYearsBetween('2020-02-29', '2021-02-27')).toBe(0);
    expect(fullYearsBetween('2020-02-29', '2021-02-28')).toBe(1);
    expect(fullYearsBetween('2020-02-29', '2024-02-28')).toBe(3);
    expect(fullYearsBetween('2020-02-29', '2024-02-29')).toBe(4);
  });

  it('agrees with addYears: on addYears(d, n) exactly n full years have passed', () => {
    for (const from of ['2020-02-29', '2023-03-15', '1999-12-31', '2004-02-29']) {
      for (const n of [1, 3, 5, 18]) {
        const anniversary = addYears(from, n);
        expect(fullYearsBetween(from, anniversary)).toBe(n);
        expect(fullYearsBetween(from, addDays(anniversary, -1))).toBe(n - 1);
      }
    }
  });
});

describe('isValidDate', () => {
  it('rejects 29 Feb in a common year and accepts it in a leap year', () => {
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('1900-02-29')).toBe(false);
    expect(isValidDate('2000-02-29')).toBe(true);
  });

  it('rejects impossible months and days', () => {
    expect(isValidDate('2024-02-30')).toBe(false);
    expect(isValidDate('2024-04-31')).toBe(false);
    expect(isValidDate('2024-13-01')).toBe(false);
    expect(isValidDate('2024-00-10')).toBe(false);
    expect(isValidDate('2024-05-00')).toBe(false);
  });

  it('accepts only the YYYY-MM-DD shape', () => {
    expect(isValidDate('2024-07-01')).toBe(true);
    expect(isValidDate('2024-7-1')).toBe(false);
    expect(isValidDate('2024/07/01')).toBe(false);
    expect(isValidDate('20240701')).toBe(false);
    expect(isValidDate('2024-07-01T00:00:00Z')).toBe(false);
    expect(isValidDate('')).toBe(false);
  });
});

describe('todayInChina (UTC+8, no daylight saving)', () => {
  it('is already the next day in China from 16:00 UTC', () => {
    expect(todayInChina(new Date('2024-06-30T16:30:00Z'))).toBe('2024-07-01');
    expect(todayInChina(new Date('2024-06-30T16:00:00Z'))).toBe('2024-07-01');
  });

  it('is still the same day just before 16:00 UTC', () => {
    expect(todayInChina(new Date('2024-06-30T15:59:59Z'))).toBe('2024-06-30');
  });

  it('rolls over the year at 16:00 UTC on 31 December', () => {
    expect(todayInChina(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
    expect(todayInChina(new Date('2024-12-31T15:30:00Z'))).toBe('2024-12-31');
  });

  it('is the same day in China shortly after midnight UTC', () => {
    expect(todayInChina(new Date('2025-03-15T00:30:00Z'))).toBe('2025-03-15');
  });
});
