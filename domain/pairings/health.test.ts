import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_THRESHOLDS, isCommitmentOverdue, median, pairingHealth, type HealthInput } from './health';

const empty: HealthInput = {
  pairing: { id: 'p1', validFrom: '2025-05-16', validTo: '2028-05-15' },
  period: '2025-Q3',
  today: '2025-10-15',
  activities: [],
  commitments: [],
  demands: [],
  projects: [],
};
const held = (date: string, id = date) => ({ id, state: 'held' as const, date });

describe('pairingHealth figures', () => {
  it('counts held joint activities against one a quarter by default', () => {
    const h = pairingHealth({
      ...empty,
      activities: [
        held('2025-07-01'),
        held('2025-09-30'),
        { id: 'x', state: 'planned', date: '2025-08-01' },
        held('2025-10-01'),
      ],
    });
    expect(h.activities).toMatchObject({ held: 2, window: '2025-Q3', required: 1, met: 1, missed: 0 });
    expect(h.state).toBe('on_track');
  });

  it('checks a monthly frequency per month and a yearly one over the enclosing year', () => {
    const monthly = pairingHealth({
      ...empty,
      pairing: { ...empty.pairing, frequency: { min: 1, per: 'month' } },
      activities: [held('2025-07-10'), held('2025-09-10')],
    });
    expect(monthly.activities.units.map((u) => [u.label, u.status])).toEqual([
      ['2025-07', 'met'],
      ['2025-08', 'missed'],
      ['2025-09', 'met'],
    ]);
    expect(monthly.activities).toMatchObject({ required: 3, met: 2, missed: 1 });
    expect(monthly.state).toBe('needs_attention');
    expect(monthly.reasons).toEqual(['activities_missed']);

    const yearly = pairingHealth({
      ...empty,
      pairing: { ...empty.pairing, frequency: { min: 2, per: 'year' } },
      activities: [held('2025-07-10')],
    });
    expect(yearly.activities).toMatchObject({ window: '2025', required: 2, met: 0, missed: 0 });
    expect(yearly.activities.units[0]?.status).toBe('due');
  });

  it('does not require quarters when the agreement is not in force on their last day (signed 16 May: Q2 counts)', () => {
    const h = pairingHealth({
      ...empty,
      period: '2025',
      today: '2026-01-10',
      activities: [held('2025-07-10')],
    });
    expect(h.activities.units.map((u) => u.status)).toEqual(['not_required', 'missed', 'met', 'missed']);
    expect(h.activities).toMatchObject({ required: 3, met: 1, missed: 2 });
  });

  it('a quarter is due on its last day and missed the day after', () => {
    expect(pairingHealth({ ...empty, today: '2025-09-30', demands: [] }).activities.units[0]?.status).toBe(
      'due',
    );
    expect(pairingHealth({ ...empty, today: '2025-10-01' }).activities.units[0]?.status).toBe('missed');
  });

  it('counts commitments due in the period or standing, done and overdue', () => {
    const h = pairingHealth({
      ...empty,
      today: '2025-09-15',
      commitments: [
        { dueOn: '2025-08-01', done: true, doneOn: '2025-07-30' },
        { dueOn: '2025-09-14', done: false },
        { dueOn: '2025-09-15', done: false },
        { dueOn: null, done: false },
        { dueOn: '2025-12-01', done: false },
      ],
      activities: [held('2025-07-02')],
    });
    expect(h.commitments).toEqual({ total: 4, done: 1, overdue: 1 });
    expect(h.reasons).toEqual(['commitments_overdue']);
  });

  it('carries an overdue commitment of an earlier period into the current one, as the pairing page marks it', () => {
    const today = '2026-12-03';
    const late = { dueOn: '2026-06-30', done: false };
    const doneLate = { dueOn: '2026-06-30', done: true, doneOn: '2026-09-10' };
    const h = pairingHealth({ ...empty, period: '2026-Q4', today, commitments: [late, doneLate], activities: [held('2026-10-20')] });
    // the page marks each commitment with isCommitmentOverdue(c, today); the quarter's figure is their count
    expect([late, doneLate].filter((c) => isCommitmentOverdue(c, today))).toHaveLength(1);
    expect(h.commitments).toEqual({ total: 1, done: 0, overdue: 1 });
    expect(h.reasons).toEqual(['commitments_overdue']);
    // the quarter where both fell due counts both, as of its last day: one done late is still overdue then
    const q2 = pairingHealth({ ...empty, period: '2026-Q2', today, commitments: [late, doneLate], activities: [held('2026-05-20')] });
    expect(q2.commitments).toEqual({ total: 2, done: 0, overdue: 0 });
    const q3 = pairingHealth({ ...empty, period: '2026-Q3', today, commitments: [late, doneLate], activities: [held('2026-08-20')] });
    expect(q3.commitments).toEqual({ total: 2, done: 1, overdue: 1 });
  });

  it('isCommitmentOverdue: due date passed and not done by then', () => {
    expect(isCommitmentOverdue({ dueOn: '2026-12-02', done: false }, '2026-12-03')).toBe(true);
    expect(isCommitmentOverdue({ dueOn: '2026-12-03', done: false }, '2026-12-03')).toBe(false);
    expect(isCommitmentOverdue({ dueOn: null, done: false }, '2026-12-03')).toBe(false);
    expect(isCommitmentOverdue({ dueOn: '2026-12-01', done: true, doneOn: '2026-12-02' }, '2026-12-03')).toBe(false);
    expect(isCommitmentOverdue({ dueOn: '2026-12-01', done: true, doneOn: '2026-12-05' }, '2026-12-03')).toBe(true);
  });

  it('counts demands raised, resolved and overdue, the median days to resolve and the average rating', () => {
    const h = pairingHealth({
      ...empty,
      activities: [held('2025-07-02')],
      demands: [
        // raised in Q2, resolved in Q3 after 10 days, rated 5
        {
          state: 'confirmed',
          raisedOn: '2025-06-25',
          dueOn: '2025-07-10',
          resolvedOn: '2025-07-05',
          confirmedOn: '2025-07-06',
          rating: 5,
        },
        // resolved after 2 days, rated 4
        {
          state: 'confirmed',
          raisedOn: '2025-08-01',
          dueOn: '2025-08-16',
          resolvedOn: '2025-08-03',
          confirmedOn: '2025-08-04',
          rating: 4,
        },
        // resolved after 20 days, not yet confirmed
        {
          state: 'resolved',
          raisedOn: '2025-09-01',
          dueOn: '2025-09-30',
          resolvedOn: '2025-09-21',
          rating: null,
        },
        // overdue at the end of the quarter (due 29 Sep, resolved 2 Oct)
        {
          state: 'resolved',
          raisedOn: '2025-09-14',
          dueOn: '2025-09-29',
          resolvedOn: '2025-10-02',
          rating: null,
        },
        // due on the last day: not overdue yet
        { state: 'in_progress', raisedOn: '2025-09-20', dueOn: '2025-09-30', rating: null },
        // raised next quarter: ignored
        { state: 'submitted', raisedOn: '2025-10-02', dueOn: null, rating: null },
      ],
    });
    expect(h.demands).toEqual({ raised: 4, resolved: 3, overdue: 1 });
    expect(h.medianDaysToResolve).toBe(10);
    expect(h.averageSatisfaction).toBe(4.5);
    expect(h.ratings).toBe(2);
    expect(h.reasons).toEqual(['demands_overdue']);
  });

  it('reports null median and satisfaction without data, and an even median as the mean of the middle two', () => {
    const h = pairingHealth({ ...empty, activities: [held('2025-07-02')] });
    expect(h.medianDaysToResolve).toBeNull();
    expect(h.averageSatisfaction).toBeNull();
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('counts joint projects done in the period', () => {
    const h = pairingHealth({
      ...empty,
      projects: [{ doneOn: '2025-08-01' }, { doneOn: null }, { doneOn: '2025-10-01' }],
    });
    expect(h.projectsDone).toBe(1);
  });
});

describe('pairingHealth state', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_HEALTH_THRESHOLDS).toEqual({
      inactiveAfterDays: 30,
      maxMissedActivityUnits: 0,
      activityDueWarningDays: 30,
      maxOverdueCommitments: 0,
      maxOverdueDemands: 0,
      minAverageSatisfaction: 3,
      maxMedianDaysToResolve: 30,
    });
  });

  it('is inactive with no records once 30 days of the period have passed, on track before', () => {
    expect(pairingHealth({ ...empty, today: '2025-07-29' }).state).toBe('on_track'); // day 29
    const h = pairingHealth({ ...empty, today: '2025-07-30' }); // day 30
    expect(h.state).toBe('inactive');
    expect(h.reasons).toEqual(['no_records']);
    expect(pairingHealth({ ...empty, today: '2025-06-01' }).state).toBe('on_track');
  });

  it('any record in the period keeps it from being inactive', () => {
    expect(pairingHealth({ ...empty, projects: [{ doneOn: '2025-08-01' }] }).state).toBe('needs_attention');
    expect(
      pairingHealth({ ...empty, commitments: [{ dueOn: null, done: true, doneOn: '2025-08-01' }] }).state,
    ).toBe('needs_attention');
  });

  it('satisfaction below 3 needs attention, exactly 3 does not', () => {
    const rated = (rating: number) => ({
      state: 'confirmed' as const,
      raisedOn: '2025-07-01',
      dueOn: '2025-07-16',
      resolvedOn: '2025-07-02',
      confirmedOn: '2025-07-03',
      rating,
    });
    const base = { ...empty, activities: [held('2025-07-02')] };
    expect(pairingHealth({ ...base, demands: [rated(3)] }).state).toBe('on_track');
    const low = pairingHealth({ ...base, demands: [rated(3), rated(2)] });
    expect(low.averageSatisfaction).toBe(2.5);
    expect(low.reasons).toEqual(['low_satisfaction']);
  });

  it('a median time to resolve above 30 days needs attention, 30 does not', () => {
    const took = (days: number) => ({
      state: 'resolved' as const,
      raisedOn: '2025-06-01',
      dueOn: null,
      resolvedOn: new Date(Date.UTC(2025, 5, 1 + days)).toISOString().slice(0, 10),
      rating: null,
    });
    const base = { ...empty, activities: [held('2025-07-02')] };
    expect(pairingHealth({ ...base, demands: [took(31)] }).medianDaysToResolve).toBe(31);
    expect(pairingHealth({ ...base, demands: [took(30)] }).state).toBe('on_track');
    expect(pairingHealth({ ...base, demands: [took(31)] }).reasons).toEqual(['slow_resolution']);
  });

  it('a running quarter with 0 of 1 joint activities held needs attention once 30 days or fewer are left', () => {
    // something else happened, so it is not inactive
    const base = { ...empty, period: '2026-Q4', pairing: { id: 'p', validFrom: '2026-01-01', validTo: '2027-12-31' }, projects: [{ doneOn: '2026-10-05' }] };
    expect(pairingHealth({ ...base, today: '2026-12-01' })).toMatchObject({ state: 'on_track', activities: { held: 0, required: 1 } }); // 31 days left
    const late = pairingHealth({ ...base, today: '2026-12-03' }); // 29 days left
    expect(late).toMatchObject({ state: 'needs_attention', reasons: ['activities_due'], activities: { held: 0, required: 1, missed: 0 } });
    expect(pairingHealth({ ...base, today: '2026-12-03', activities: [held('2026-11-11')] }).state).toBe('on_track');
    expect(pairingHealth({ ...base, today: '2026-12-03', thresholds: { activityDueWarningDays: 10 } }).state).toBe('on_track');
    // a unit over is missed, not due
    expect(pairingHealth({ ...base, today: '2027-01-02' }).reasons).toEqual(['activities_missed']);
  });

  it('thresholds are configurable', () => {
    const h = pairingHealth({
      ...empty,
      pairing: { ...empty.pairing, frequency: { min: 1, per: 'month' } },
      activities: [held('2025-07-10'), held('2025-09-10')],
      thresholds: { maxMissedActivityUnits: 1 },
    });
    expect(h.state).toBe('on_track');
    expect(pairingHealth({ ...empty, today: '2025-07-05', thresholds: { inactiveAfterDays: 5 } }).state).toBe(
      'inactive',
    );
  });
});
