// Health of one pairing in one period, derived from its records (never typed in).
//
// Figures:
// - joint activities: held activities linked to the pairing, against the agreed frequency (default ≥1 a quarter).
//   The frequency is checked per unit (each quarter of a year, say); a frequency coarser than the period (a yearly
//   one asked for a quarter) is checked over the enclosing year, as compliance does. A unit is required when the
//   agreement is in force on its last day; it is missed once over and short, due while it runs;
//   A unit still running with fewer held than agreed and at most 30 days left is flagged as due soon;
// - commitments due in the period, without a due date, or carried over (due before the period and not done by its
//   start): done, and overdue (not done, due date passed) on the period's last day (or today while it runs). The
//   pairing page marks a commitment overdue with the same rule (isCommitmentOverdue), so the two always agree;
// - demands raised in the period, resolved in the period, and overdue on the period's last day (or today while it
//   runs): due date passed and not resolved by then;
// - median days to resolve (raised → resolved, calendar days) of the demands resolved in the period;
// - average satisfaction of the ratings of demands confirmed in the period (two decimals);
// - joint projects done in the period.
// State, with DEFAULT_HEALTH_THRESHOLDS:
// - inactive: at least 30 days of the period have passed and nothing happened in it: no joint activity held, no
//   demand raised or resolved, no commitment or joint project done;
// - needs_attention: any missed activity unit (more than 0), a running unit short of the agreed frequency with 30
//   days or fewer left, any overdue commitment (more than 0), any overdue demand (more than 0), an average
//   satisfaction below 3, or a median time to resolve above 30 days;
// - on_track otherwise (also before the period starts).

import { addDays } from '../dates';
import type { ActivityState } from '../enums';
import {
  containsDate,
  daysInclusive,
  daysLeft,
  enclosingPeriod,
  isCoarser,
  isPeriodOver,
  parsePeriod,
  splitPeriod,
  type Period,
  type PeriodKind,
} from '../periods';
import type { DemandState } from './enums';

export interface JointActivityFrequency {
  min: number;
  per: PeriodKind;
}

export const DEFAULT_JOINT_ACTIVITY_FREQUENCY: JointActivityFrequency = { min: 1, per: 'quarter' };

export interface HealthThresholds {
  /** days of the period that must have passed before a period with no records at all is inactive */
  inactiveAfterDays: number;
  /** needs attention above these counts */
  maxMissedActivityUnits: number;
  /** a running unit short of the agreed frequency needs attention once this many days or fewer are left in it */
  activityDueWarningDays: number;
  maxOverdueCommitments: number;
  maxOverdueDemands: number;
  /** needs attention below this average rating (when there are ratings) */
  minAverageSatisfaction: number;
  /** needs attention above this median (when demands were resolved) */
  maxMedianDaysToResolve: number;
}

export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  inactiveAfterDays: 30,
  maxMissedActivityUnits: 0,
  activityDueWarningDays: 30,
  maxOverdueCommitments: 0,
  maxOverdueDemands: 0,
  minAverageSatisfaction: 3,
  maxMedianDaysToResolve: 30,
};

export const HEALTH_STATES = ['on_track', 'needs_attention', 'inactive'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export type HealthReason =
  | 'no_records'
  | 'activities_missed'
  | 'activities_due'
  | 'commitments_overdue'
  | 'demands_overdue'
  | 'low_satisfaction'
  | 'slow_resolution';

export interface HealthPairing {
  id: string;
  /** validity of the agreement, 'YYYY-MM-DD' inclusive; absent means open */
  validFrom?: string | null;
  validTo?: string | null;
  frequency?: JointActivityFrequency;
}

export interface HealthActivity {
  id: string;
  state: ActivityState;
  date: string;
}

export interface HealthCommitment {
  dueOn: string | null;
  done: boolean;
  doneOn?: string | null;
}

export interface HealthDemand {
  state: DemandState;
  raisedOn: string;
  dueOn: string | null;
  resolvedOn?: string | null;
  confirmedOn?: string | null;
  rating: number | null;
}

export interface HealthProject {
  /** the day the joint project was done; null while open */
  doneOn: string | null;
}

export interface HealthInput {
  pairing: HealthPairing;
  period: Period | string;
  today: string;
  /** the pairing's joint activities (any state; only held ones count) */
  activities: readonly HealthActivity[];
  commitments: readonly HealthCommitment[];
  demands: readonly HealthDemand[];
  projects: readonly HealthProject[];
  thresholds?: Partial<HealthThresholds>;
}

export interface ActivityUnit {
  label: string;
  held: number;
  status: 'met' | 'missed' | 'due' | 'not_required';
}

export interface PairingHealth {
  pairingId: string;
  period: string;
  activities: {
    /** held joint activities in the period */
    held: number;
    /** the period over which the frequency is checked (the period, or the year containing it) */
    window: string;
    frequency: JointActivityFrequency;
    /** held activities required over the required units of the window */
    required: number;
    met: number;
    missed: number;
    units: ActivityUnit[];
  };
  commitments: { total: number; done: number; overdue: number };
  demands: { raised: number; resolved: number; overdue: number };
  medianDaysToResolve: number | null;
  averageSatisfaction: number | null;
  ratings: number;
  projectsDone: number;
  state: HealthState;
  reasons: HealthReason[];
}

function inForce(pairing: HealthPairing, date: string): boolean {
  if (pairing.validFrom && date < pairing.validFrom) return false;
  if (pairing.validTo && date > pairing.validTo) return false;
  return true;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? 0) + hi) / 2;
}

/** Done on or before `asOf` (a commitment without a done date but marked done counts as done). */
const doneBy = (c: HealthCommitment, asOf: string): boolean => c.done && (!c.doneOn || c.doneOn <= asOf);

/** Not done by `asOf` and its due date before it: the one rule for the pairing page and every health figure. */
export function isCommitmentOverdue(c: HealthCommitment, asOf: string): boolean {
  return c.dueOn !== null && c.dueOn < asOf && !doneBy(c, asOf);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Calendar days from a to b (0 on the same day). */
const daysBetween = (a: string, b: string): number => Math.max(0, daysInclusive(a, b) - 1);

export function pairingHealth(input: HealthInput): PairingHealth {
  const period = typeof input.period === 'string' ? parsePeriod(input.period) : input.period;
  const { pairing, today } = input;
  const t: HealthThresholds = { ...DEFAULT_HEALTH_THRESHOLDS, ...input.thresholds };
  const frequency = pairing.frequency ?? DEFAULT_JOINT_ACTIVITY_FREQUENCY;
  const asOf = today < period.end ? today : period.end;
  const inPeriod = (date: string | null | undefined): date is string => !!date && containsDate(period, date);

  // joint activities
  const held = input.activities.filter((a) => a.state === 'held');
  const window = isCoarser(frequency.per, period.kind) ? enclosingPeriod(period, frequency.per) : period;
  const units: ActivityUnit[] = splitPeriod(window, frequency.per).map((unit) => {
    const count = held.filter((a) => containsDate(unit, a.date)).length;
    let status: ActivityUnit['status'];
    if (!inForce(pairing, unit.end)) status = 'not_required';
    else if (count >= frequency.min) status = 'met';
    else if (isPeriodOver(unit, today)) status = 'missed';
    else status = 'due';
    return { label: unit.label, held: count, status };
  });
  // the running unit, short of the agreed frequency with little time left (a unit over is missed instead)
  const running = splitPeriod(window, frequency.per).find((unit) => containsDate(unit, today));
  const runningStatus = running ? units.find((u) => u.label === running.label) : undefined;
  const activitiesDue = !!running && runningStatus?.status === 'due' && daysLeft(running, today) <= t.activityDueWarningDays;
  const requiredUnits = units.filter((u) => u.status !== 'not_required').length;
  const activities = {
    held: held.filter((a) => inPeriod(a.date)).length,
    window: window.label,
    frequency,
    required: requiredUnits * frequency.min,
    met: units.filter((u) => u.status === 'met').length,
    missed: units.filter((u) => u.status === 'missed').length,
    units,
  };

  // commitments
  const carriedOver = (c: HealthCommitment) => c.dueOn !== null && c.dueOn < period.start && !doneBy(c, addDays(period.start, -1));
  const counted = input.commitments.filter((c) => c.dueOn === null || inPeriod(c.dueOn) || carriedOver(c));
  const commitments = {
    total: counted.length,
    done: counted.filter((c) => doneBy(c, asOf)).length,
    overdue: counted.filter((c) => isCommitmentOverdue(c, asOf)).length,
  };
  const commitmentsDoneInPeriod = input.commitments.filter((c) => c.done && inPeriod(c.doneOn)).length;

  // demands
  const resolvedInPeriod = input.demands.filter((d) => inPeriod(d.resolvedOn));
  const overdueDemands = input.demands.filter(
    (d) =>
      d.raisedOn <= asOf &&
      d.dueOn !== null &&
      d.dueOn < asOf &&
      !(d.resolvedOn && d.resolvedOn <= asOf) &&
      !(d.confirmedOn && d.confirmedOn <= asOf),
  );
  const demands = {
    raised: input.demands.filter((d) => inPeriod(d.raisedOn)).length,
    resolved: resolvedInPeriod.length,
    overdue: overdueDemands.length,
  };
  const medianDays = median(resolvedInPeriod.map((d) => daysBetween(d.raisedOn, d.resolvedOn as string)));
  const ratings = input.demands
    .filter((d) => d.state === 'confirmed' && inPeriod(d.confirmedOn) && typeof d.rating === 'number')
    .map((d) => d.rating as number);
  const averageSatisfaction = ratings.length
    ? round2(ratings.reduce((s, r) => s + r, 0) / ratings.length)
    : null;
  const projectsDone = input.projects.filter((p) => inPeriod(p.doneOn)).length;

  // state
  const reasons: HealthReason[] = [];
  let state: HealthState = 'on_track';
  const elapsed = today < period.start ? 0 : daysInclusive(period.start, asOf);
  const nothing =
    activities.held === 0 &&
    demands.raised === 0 &&
    demands.resolved === 0 &&
    commitmentsDoneInPeriod === 0 &&
    projectsDone === 0;
  if (nothing && elapsed >= t.inactiveAfterDays) {
    state = 'inactive';
    reasons.push('no_records');
  } else {
    if (activities.missed > t.maxMissedActivityUnits) reasons.push('activities_missed');
    if (activitiesDue) reasons.push('activities_due');
    if (commitments.overdue > t.maxOverdueCommitments) reasons.push('commitments_overdue');
    if (demands.overdue > t.maxOverdueDemands) reasons.push('demands_overdue');
    if (averageSatisfaction !== null && averageSatisfaction < t.minAverageSatisfaction)
      reasons.push('low_satisfaction');
    if (medianDays !== null && medianDays > t.maxMedianDaysToResolve) reasons.push('slow_resolution');
    if (reasons.length) state = 'needs_attention';
  }

  return {
    pairingId: pairing.id,
    period: period.label,
    activities,
    commitments,
    demands,
    medianDaysToResolve: medianDays,
    averageSatisfaction,
    ratings: ratings.length,
    projectsDone,
    state,
    reasons,
  };
}
