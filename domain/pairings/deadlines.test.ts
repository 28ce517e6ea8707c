import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_LIMITS,
  addWorkingDays,
  daysOverdue,
  deadlineConfig,
  dueDate,
  escalationDate,
  isOverdue,
  isWorkingDay,
  shouldEscalate,
  timeLimit,
  weekday,
} from './deadlines';

// 2025-09-26 is a Friday; 2025-10-01..08 the National Day holiday, 2025-09-28 (Sun) and 2025-10-11 (Sat) worked.
describe('time limits', () => {
  it('default to urgent 3, high 7, normal 15, low 30 days', () => {
    expect(DEFAULT_TIME_LIMITS).toEqual({ urgent: 3, high: 7, normal: 15, low: 30 });
    expect(timeLimit('normal')).toBe(15);
    expect(timeLimit('urgent', { limits: { urgent: 1 } })).toBe(1);
    expect(deadlineConfig({ limits: { low: 60 } }).limits).toEqual({
      urgent: 3,
      high: 7,
      normal: 15,
      low: 60,
    });
  });

  it('count calendar days by default, across weekends and month ends', () => {
    expect(dueDate('2025-09-26', 'urgent')).toBe('2025-09-29');
    expect(dueDate('2025-09-26', 'high')).toBe('2025-10-03');
    expect(dueDate('2025-12-20', 'normal')).toBe('2026-01-04');
    expect(dueDate('2025-01-31', 'low')).toBe('2025-03-02');
  });

  it('use configured limits', () => {
    expect(dueDate('2025-09-26', 'urgent', { limits: { urgent: 1 } })).toBe('2025-09-27');
    expect(dueDate('2025-09-26', 'urgent', { limits: { urgent: 0 } })).toBe('2025-09-26');
  });

  it('count working days across a weekend when configured', () => {
    expect(weekday('2025-09-26')).toBe(5);
    // Fri + 3 working days: Mon, Tue, Wed
    expect(dueDate('2025-09-26', 'urgent', { counting: 'working' })).toBe('2025-10-01');
    // accepted on a Saturday: Mon, Tue, Wed
    expect(dueDate('2025-09-27', 'urgent', { counting: 'working' })).toBe('2025-10-01');
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-29');
    expect(addWorkingDays('2025-09-26', 0)).toBe('2025-09-26');
  });

  it('skip holidays and count extra working days', () => {
    const cfg = {
      counting: 'working' as const,
      holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
      extraWorkingDays: ['2025-09-28', '2025-10-11'],
    };
    expect(isWorkingDay('2025-09-28', cfg)).toBe(true);
    expect(isWorkingDay('2025-10-01', cfg)).toBe(false);
    expect(isWorkingDay('2025-10-04', cfg)).toBe(false);
    expect(isWorkingDay('2025-10-09', cfg)).toBe(true);
    // Fri 26 Sep + 3: Sun 28 (worked), Mon 29, Tue 30
    expect(dueDate('2025-09-26', 'urgent', cfg)).toBe('2025-09-30');
    // Tue 30 Sep + 3: Thu 9, Fri 10, Sat 11 (worked)
    expect(dueDate('2025-09-30', 'urgent', cfg)).toBe('2025-10-11');
    // a single holiday on a Monday pushes past the weekend
    expect(dueDate('2025-05-02', 'urgent', { counting: 'working', holidays: ['2025-05-05'] })).toBe(
      '2025-05-08',
    );
  });

  it('holiday and extra-day lists are ignored with calendar counting', () => {
    expect(dueDate('2025-09-30', 'urgent', { holidays: ['2025-10-01', '2025-10-02'] })).toBe('2025-10-03');
  });

  it('refuse bad dates and limits', () => {
    expect(() => dueDate('2025-02-30', 'urgent')).toThrow(RangeError);
    expect(() => timeLimit('high', { limits: { high: -1 } })).toThrow(RangeError);
    expect(() => timeLimit('high', { limits: { high: 1.5 } })).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
  });
});

describe('overdue and escalation', () => {
  const open = { state: 'in_progress' as const, dueOn: '2025-09-29' };

  it('is not overdue on the due date, overdue from the day after', () => {
    expect(isOverdue(open, '2025-09-28')).toBe(false);
    expect(isOverdue(open, '2025-09-29')).toBe(false);
    expect(isOverdue(open, '2025-09-30')).toBe(true);
    expect(daysOverdue(open, '2025-09-29')).toBe(0);
    expect(daysOverdue(open, '2025-09-30')).toBe(1);
    expect(daysOverdue(open, '2025-10-09')).toBe(10);
  });

  it('escalates on the day after the due date, not on it', () => {
    expect(escalationDate(open)).toBe('2025-09-30');
    expect(shouldEscalate(open, '2025-09-29')).toBe(false);
    expect(shouldEscalate(open, '2025-09-30')).toBe(true);
  });

  it('escalates only once', () => {
    expect(shouldEscalate({ ...open, escalatedOn: '2025-09-30' }, '2025-10-01')).toBe(false);
    expect(shouldEscalate({ ...open, escalatedOn: null }, '2025-10-01')).toBe(true);
  });

  it('never for resolved or confirmed demands, or without a due date', () => {
    expect(isOverdue({ ...open, state: 'resolved' }, '2025-10-30')).toBe(false);
    expect(shouldEscalate({ ...open, state: 'confirmed' }, '2025-10-30')).toBe(false);
    expect(isOverdue({ state: 'submitted', dueOn: null }, '2025-10-30')).toBe(false);
    expect(escalationDate({ dueOn: null })).toBeNull();
  });

  it('applies to accepted and reopened demands', () => {
    expect(shouldEscalate({ ...open, state: 'accepted' }, '2025-09-30')).toBe(true);
    expect(shouldEscalate({ ...open, state: 'reopened' }, '2025-09-30')).toBe(true);
  });
});
