// Time limits of demands: the due date from the urgency, overdue and escalation to the coordinator.
//
// The limit is a number of days after the day the demand is accepted (that day itself is not counted):
// calendar days by default, or working days when configured (Monday–Friday, minus the listed holidays, plus the
// listed extra working days, the weekend days worked in exchange for a holiday in China).
// A demand is overdue from the day after its due date while it is not resolved (resolved and confirmed demands are
// settled; a reopened demand is open again). An overdue demand escalates to the coordinator, once.

import { addDays, isValidDate } from '../dates';
import type { DemandState, Urgency } from './enums';

export type DayCounting = 'calendar' | 'working';

export interface DeadlineConfig {
  /** days allowed per urgency */
  limits: Readonly<Record<Urgency, number>>;
  counting: DayCounting;
  /** 'YYYY-MM-DD' days off that would otherwise be working days (only with working-day counting) */
  holidays: readonly string[];
  /** 'YYYY-MM-DD' weekend days that are worked (调休), only with working-day counting */
  extraWorkingDays: readonly string[];
}

/** Defaults: urgent 3, high 7, normal 15, low 30 calendar days. */
export const DEFAULT_TIME_LIMITS: Readonly<Record<Urgency, number>> = {
  urgent: 3,
  high: 7,
  normal: 15,
  low: 30,
};

export const DEFAULT_DEADLINE_CONFIG: DeadlineConfig = {
  limits: DEFAULT_TIME_LIMITS,
  counting: 'calendar',
  holidays: [],
  extraWorkingDays: [],
};

export interface DeadlineOptions {
  limits?: Partial<Record<Urgency, number>>;
  counting?: DayCounting;
  holidays?: readonly string[];
  extraWorkingDays?: readonly string[];
}

/** The defaults with the given options laid over them. */
export function deadlineConfig(options: DeadlineOptions = {}): DeadlineConfig {
  return {
    limits: { ...DEFAULT_TIME_LIMITS, ...options.limits },
    counting: options.counting ?? 'calendar',
    holidays: options.holidays ?? [],
    extraWorkingDays: options.extraWorkingDays ?? [],
  };
}

function checkDate(date: string): void {
  if (!isValidDate(date)) throw new RangeError(`not a date: ${date}`);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  checkDate(date);
  return new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
  ).getUTCDay();
}

export function isWorkingDay(date: string, options: DeadlineOptions = {}): boolean {
  if (options.extraWorkingDays?.includes(date)) return true;
  if (options.holidays?.includes(date)) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** The day `days` working days after `date` (`date` itself not counted); 0 gives `date` back. */
export function addWorkingDays(date: string, days: number, options: DeadlineOptions = {}): string {
  checkDate(date);
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`working days must be a whole number ≥ 0, not ${days}`);
  let current = date;
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current, options)) left -= 1;
  }
  return current;
}

/** The time limit in days for an urgency under the configuration. */
export function timeLimit(urgency: Urgency, options: DeadlineOptions = {}): number {
  const days = deadlineConfig(options).limits[urgency];
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`time limit for ${urgency} must be a whole number ≥ 0`);
  return days;
}

/** Due date of a demand accepted on `acceptedOn` with the given urgency. */
export function dueDate(acceptedOn: string, urgency: Urgency, options: DeadlineOptions = {}): string {
  checkDate(acceptedOn);
  const days = timeLimit(urgency, options);
  return (options.counting ?? 'calendar') === 'working'
    ? addWorkingDays(acceptedOn, days, options)
    : addDays(acceptedOn, days);
}

export interface DeadlineDemand {
  state: DemandState;
  dueOn: string | null;
  /** the day it was escalated to the coordinator, once it was */
  escalatedOn?: string | null;
}

/** Resolved and confirmed demands are settled: they are never overdue. */
export const SETTLED_DEMAND_STATES: readonly DemandState[] = ['resolved', 'confirmed'];

/** Past its due date (from the day after) and not resolved. A demand without a due date is never overdue. */
export function isOverdue(demand: DeadlineDemand, today: string): boolean {
  checkDate(today);
  if (demand.dueOn === null || SETTLED_DEMAND_STATES.includes(demand.state)) return false;
  return today > demand.dueOn;
}

/** Days past the due date (1 on the day after it), 0 when not overdue. */
export function daysOverdue(demand: DeadlineDemand, today: string): number {
  if (!isOverdue(demand, today) || demand.dueOn === null) return 0;
  let n = 0;
  for (let d = demand.dueOn; d < today; d = addDays(d, 1)) n += 1;
  return n;
}

/** The first day the demand would escalate: the day after the due date (null without one). */
export function escalationDate(demand: Pick<DeadlineDemand, 'dueOn'>): string | null {
  return demand.dueOn === null ? null : addDays(demand.dueOn, 1);
}

/** An overdue demand not yet escalated escalates to the coordinator. */
export function shouldEscalate(demand: DeadlineDemand, today: string): boolean {
  return isOverdue(demand, today) && !demand.escalatedOn;
}
