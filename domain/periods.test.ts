import { describe, expect, it } from 'vitest';
import {
  containsDate,
  daysInclusive,
  daysLeft,
  enclosingPeriod,
  formatPeriod,
  isPeriodOver,
  isValidPeriod,
  monthsOf,
  parsePeriod,
  periodContaining,
  periodDisplayName,
  periodLength,
  PeriodError,
  quartersOf,
  shiftPeriod,
  splitPeriod,
} from './periods';

const span = (text: string) => {
  const p = parsePeriod(text);
  return [p.kind, p.start, p.end];
};

describe('parsePeriod', () => {
  it('reads a year, a quarter and a month with inclusive first and last days', () => {
    expect(span('2025')).toEqual(['year', '2025-01-01', '2025-12-31']);
    expect(span('2025-Q3')).toEqual(['quarter', '2025-07-01', '2025-09-30']);
    expect(span('2025-08')).toEqual(['month', '2025-08-01', '2025-08-31']);
  });

  it('knows the last day of every quarter', () => {
    expect(span('2025-Q1')).toEqual(['quarter', '2025-01-01', '2025-03-31']);
    expect(span('2025-Q2')).toEqual(['quarter', '2025-04-01', '2025-06-30']);
    expect(span('2025-Q4')).toEqual(['quarter', '2025-10-01', '2025-12-31']);
  });

  it('ends February on the 29th in leap years (2024, 2000) and the 28th otherwise (2025, 1900)', () => {
    expect(parsePeriod('2024-02').end).toBe('2024-02-29');
    expect(parsePeriod('2000-02').end).toBe('2000-02-29');
    expect(parsePeriod('2025-02').end).toBe('2025-02-28');
    expect(parsePeriod('1900-02').end).toBe('1900-02-28');
    expect(periodLength(parsePeriod('2024-Q1'))).toBe(91);
    expect(periodLength(parsePeriod('2025-Q1'))).toBe(90);
    expect(periodLength(parsePeriod('2024'))).toBe(366);
    expect(periodLength(parsePeriod('2025'))).toBe(365);
  });

  it('keeps the canonical spelling as the label, and formatPeriod gives it back', () => {
    for (const text of ['2025', '2025-Q3', '2025-08', '2024-12', '2025-Q1']) {
      expect(parsePeriod(text).label).toBe(text);
      expect(formatPeriod(parsePeriod(text))).toBe(text);
    }
  });

  it.each([
    '2025-Q0',
    '2025-Q5',
    '2025-00',
    '2025-13',
    '2025-8',
    '2025-q3',
    '25',
    '2025-W32',
    '2025-08-01',
    ' 2025',
    '2025 ',
    '',
    '2025-Q',
    'Q3-2025',
    '２０２５',
  ])('rejects %j with a PeriodError', (text) => {
    expect(() => parsePeriod(text)).toThrow(PeriodError);
    expect(isValidPeriod(text)).toBe(false);
  });

  it('says what it expected or what is out of range', () => {
    expect(() => parsePeriod('2025-8')).toThrow(
      'expected a year (2025), a quarter (2025-Q3) or a month (2025-08)',
    );
    expect(() => parsePeriod('2025-Q5')).toThrow('quarter must be 1–4');
    expect(() => parsePeriod('2025-13')).toThrow('month must be 01–12');
    expect(() => parsePeriod('0999')).toThrow('year out of range');
  });
});

describe('periodDisplayName', () => {
  it('names periods for people in Chinese and English', () => {
    expect(periodDisplayName(parsePeriod('2025-Q3'), 'zh')).toBe('2025年第三季度');
    expect(periodDisplayName(parsePeriod('2025-Q3'), 'en')).toBe('Q3 2025');
    expect(periodDisplayName(parsePeriod('2025-08'), 'zh')).toBe('2025年8月');
    expect(periodDisplayName(parsePeriod('2025-08'), 'en')).toBe('Aug 2025');
    expect(periodDisplayName(parsePeriod('2025'), 'zh')).toBe('2025年');
  });
});

describe('splitPeriod', () => {
  const labels = (ps: { label: string }[]) => ps.map((p) => p.label);

  it('splits a year into four quarters and twelve months', () => {
    expect(labels(quartersOf(parsePeriod('2025')))).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    expect(labels(monthsOf(parsePeriod('2025')))).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
  });

  it('splits a quarter into its three months, Q4 ending in December and Q1 starting in January', () => {
    expect(labels(monthsOf(parsePeriod('2024-Q4')))).toEqual(['2024-10', '2024-11', '2024-12']);
    expect(labels(monthsOf(parsePeriod('2025-Q1')))).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('leaves a period of the same kind whole and refuses to split into a coarser kind', () => {
    expect(labels(splitPeriod(parsePeriod('2025-08'), 'month'))).toEqual(['2025-08']);
    expect(() => quartersOf(parsePeriod('2025-08'))).toThrow(PeriodError);
    expect(() => splitPeriod(parsePeriod('2025-Q3'), 'year')).toThrow(PeriodError);
  });

  it('covers the parent exactly: sub-periods are contiguous from its first to its last day', () => {
    for (const text of ['2024', '2025', '2024-Q1']) {
      const parent = parsePeriod(text);
      const months = monthsOf(parent);
      expect(months[0]!.start).toBe(parent.start);
      expect(months.at(-1)!.end).toBe(parent.end);
      for (let i = 1; i < months.length; i++)
        expect(daysInclusive(months[i - 1]!.end, months[i]!.start)).toBe(2);
    }
  });
});

describe('periodContaining and enclosingPeriod', () => {
  it('finds the month, quarter and year of a date at the year end', () => {
    expect(periodContaining('2024-12-31', 'month').label).toBe('2024-12');
    expect(periodContaining('2024-12-31', 'quarter').label).toBe('2024-Q4');
    expect(periodContaining('2024-12-31', 'year').label).toBe('2024');
    expect(periodContaining('2025-01-01', 'quarter').label).toBe('2025-Q1');
  });

  it('puts the first and last day of each quarter in that quarter', () => {
    expect(periodContaining('2025-03-31', 'quarter').label).toBe('2025-Q1');
    expect(periodContaining('2025-04-01', 'quarter').label).toBe('2025-Q2');
    expect(periodContaining('2025-09-30', 'quarter').label).toBe('2025-Q3');
    expect(periodContaining('2025-10-01', 'quarter').label).toBe('2025-Q4');
    expect(periodContaining('2024-02-29', 'month').label).toBe('2024-02');
  });

  it('rejects an impossible date', () => {
    expect(() => periodContaining('2025-02-29', 'month')).toThrow(PeriodError);
  });

  it('gives the quarter and year a month belongs to', () => {
    expect(enclosingPeriod(parsePeriod('2025-08'), 'quarter').label).toBe('2025-Q3');
    expect(enclosingPeriod(parsePeriod('2024-12'), 'year').label).toBe('2024');
    expect(() => enclosingPeriod(parsePeriod('2025'), 'month')).toThrow(PeriodError);
  });

  it('containsDate includes the first and last days only', () => {
    const q = parsePeriod('2025-Q1');
    expect(containsDate(q, '2024-12-31')).toBe(false);
    expect(containsDate(q, '2025-01-01')).toBe(true);
    expect(containsDate(q, '2025-03-31')).toBe(true);
    expect(containsDate(q, '2025-04-01')).toBe(false);
  });
});

describe('shiftPeriod', () => {
  it('steps across year ends in both directions', () => {
    expect(shiftPeriod(parsePeriod('2024-12'), 1).label).toBe('2025-01');
    expect(shiftPeriod(parsePeriod('2025-01'), -1).label).toBe('2024-12');
    expect(shiftPeriod(parsePeriod('2024-Q4'), 1).label).toBe('2025-Q1');
    expect(shiftPeriod(parsePeriod('2025-Q1'), -1).label).toBe('2024-Q4');
    expect(shiftPeriod(parsePeriod('2025-Q2'), -6).label).toBe('2023-Q4');
    expect(shiftPeriod(parsePeriod('2025'), -1).label).toBe('2024');
  });
});

describe('today-relative helpers', () => {
  const aug = parsePeriod('2025-08');

  it('a period is not over on its last day and is over the day after', () => {
    expect(isPeriodOver(aug, '2025-08-31')).toBe(false);
    expect(isPeriodOver(aug, '2025-09-01')).toBe(true);
    expect(isPeriodOver(parsePeriod('2024-Q4'), '2024-12-31')).toBe(false);
    expect(isPeriodOver(parsePeriod('2024-Q4'), '2025-01-01')).toBe(true);
  });

  it('counts days left with the end date included: 1 on the last day, 0 after it', () => {
    expect(daysLeft(aug, '2025-08-31')).toBe(1);
    expect(daysLeft(aug, '2025-08-30')).toBe(2);
    expect(daysLeft(aug, '2025-08-01')).toBe(31);
    expect(daysLeft(aug, '2025-09-01')).toBe(0);
  });

  it('counts the whole period before it starts, and 29 days in February of a leap year', () => {
    expect(daysLeft(aug, '2025-06-15')).toBe(31);
    expect(daysLeft(parsePeriod('2024-02'), '2024-02-01')).toBe(29);
    expect(daysLeft(parsePeriod('2024-02'), '2024-02-28')).toBe(2);
    expect(daysLeft(parsePeriod('2025-02'), '2025-02-28')).toBe(1);
  });

  it('counts across the year end for a quarter', () => {
    expect(daysLeft(parsePeriod('2024-Q4'), '2024-12-01')).toBe(31);
    expect(daysLeft(parsePeriod('2025'), '2025-12-31')).toBe(1);
  });

  it('rejects a today that is not a date', () => {
    expect(() => daysLeft(aug, '2025-8-1')).toThrow(PeriodError);
  });
});
