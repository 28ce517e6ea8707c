import { addYears } from './dates';

// Dates that are typing mistakes rather than records (a birth in 1800, a meeting planned for 9999):
// refused under their field. Not party rules (those live in rule packs), only what a record can
// plausibly hold.

export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Activities are recorded and planned within this many years before and after today. */
export const ACTIVITY_YEARS_AROUND_TODAY = 5;

/** The first and last day an activity may take place, as seen on `today`. */
export function activityDateRange(today: string): { min: string; max: string } {
  return { min: addYears(today, -ACTIVITY_YEARS_AROUND_TODAY), max: addYears(today, ACTIVITY_YEARS_AROUND_TODAY) };
}
