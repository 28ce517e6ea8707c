import { describe, expect, it } from 'vitest';
import { missingReportWeeks, projectHealth, riskReasons, supervisionDueOn, type HealthFacts } from './health';
import { DEFAULT_SETTINGS, effectiveSettings } from './settings';

// Launched Tuesday 26 April 2022 (2022-W17); reports were filed up to 2022-W20.
const base: HealthFacts = {
  state: 'in_progress',
  startOn: '2022-04-26',
  endOn: '2022-12-31',
  launchedOn: '2022-04-26',
  earliestOpenMilestoneDue: '2022-06-30',
  oldestOpenObstacle: null,
  lastReportWeek: '2022-W20',
};
const s = DEFAULT_SETTINGS;

describe('project health', () => {
  it('is on track with reports filed, no milestone past due and no old obstacle', () => {
    expect(projectHealth(base, '2022-05-25', s)).toBe('on_track'); // Wednesday of W21: W21 not ended yet
  });

  it('is at risk once two weekly reports are missing in a row, and not at one', () => {
    expect(missingReportWeeks(base, '2022-05-30')).toEqual(['2022-W21']); // Monday of W22
    expect(projectHealth(base, '2022-05-30', s)).toBe('on_track');
    expect(missingReportWeeks(base, '2022-06-06')).toEqual(['2022-W21', '2022-W22']);
    expect(riskReasons(base, '2022-06-06', s)).toEqual(['reports_missing']);
    expect(projectHealth(base, '2022-06-06', s)).toBe('at_risk');
    expect(projectHealth(base, '2022-06-06', effectiveSettings({ missingReports: 3 }))).toBe('on_track');
  });

  it('counts missing weeks from the launch when nothing was filed yet, across the year end', () => {
    const f = { ...base, startOn: '2026-12-20', endOn: '2027-06-30', launchedOn: '2026-12-21', lastReportWeek: null };
    expect(missingReportWeeks(f, '2027-01-05')).toEqual(['2026-W52', '2026-W53']);
  });

  it('stops counting at the end date', () => {
    const f = { ...base, endOn: '2022-05-22', lastReportWeek: '2022-W19' };
    expect(missingReportWeeks(f, '2022-07-01')).toEqual(['2022-W20']);
  });

  it('is at risk with a milestone past due and not done', () => {
    expect(riskReasons({ ...base, earliestOpenMilestoneDue: '2022-05-24' }, '2022-05-25', s)).toEqual(['milestone_overdue']);
    expect(riskReasons({ ...base, earliestOpenMilestoneDue: '2022-05-25' }, '2022-05-25', s)).toEqual([]);
  });

  it('gives a milestone the grace the organizer set before the project is at risk', () => {
    const grace = effectiveSettings({ milestoneOverdueDays: 7 });
    expect(riskReasons({ ...base, earliestOpenMilestoneDue: '2022-05-18' }, '2022-05-25', grace)).toEqual([]); // 7 days late
    expect(riskReasons({ ...base, earliestOpenMilestoneDue: '2022-05-17' }, '2022-05-25', grace)).toEqual(['milestone_overdue']); // 8
  });

  it('is at risk with an obstacle open longer than the limit (14 days by default)', () => {
    const f = { ...base, oldestOpenObstacle: '2022-05-10' };
    expect(projectHealth(f, '2022-05-24', s)).toBe('on_track'); // 14 days
    expect(projectHealth(f, '2022-05-25', s)).toBe('at_risk'); // 15 days
    expect(projectHealth(f, '2022-05-25', effectiveSettings({ obstacleDays: 30 }))).toBe('on_track');
  });

  it('is late past its end date while not completed, whatever else', () => {
    expect(projectHealth({ ...base, endOn: '2022-05-24' }, '2022-05-25', s)).toBe('late');
    expect(projectHealth({ ...base, state: 'completed', endOn: '2022-05-24' }, '2022-05-25', s)).toBe('on_track');
  });

  it('has no health before the launch or once cancelled', () => {
    for (const state of ['draft', 'submitted', 'returned', 'approved', 'cancelled'] as const) expect(projectHealth({ ...base, state }, '2022-06-06', s)).toBeNull();
  });

  it('wants a supervision visit a month after the last one, or after the launch', () => {
    expect(supervisionDueOn(null, '2022-04-26', s)).toBe('2022-05-26');
    expect(supervisionDueOn('2022-07-31', '2022-04-26', s)).toBe('2022-08-31');
    expect(supervisionDueOn('2022-01-31', '2022-01-01', effectiveSettings({ supervisionMonths: 1 }))).toBe('2022-02-28');
  });
});
