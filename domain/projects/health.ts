import { addDays, addMonths } from '../dates';
import type { ProjectHealth, ProjectState } from './enums';
import type { CampaignSettings } from './settings';
import { shiftWeek, weekEnd, weekKey, weeksBetween } from './weeks';

// How a project is doing, from its records only. `late`: past its end date and not completed. `at_risk`: a milestone
// not done longer than the organizer's grace after its due date, an obstacle open longer than the organizer's limit, or the last N weekly reports missing.
// Otherwise `on_track`. No health before the project is launched, nor once cancelled; a completed project is on track.

export interface HealthFacts {
  state: ProjectState;
  startOn: string;
  endOn: string;
  launchedOn: string | null;
  /** the earliest due date of a milestone not done, if any */
  earliestOpenMilestoneDue: string | null;
  /** when the oldest obstacle still open was raised, if any */
  oldestOpenObstacle: string | null;
  /** the latest week a report was filed for, if any */
  lastReportWeek: string | null;
}

export type RiskReason = 'milestone_overdue' | 'obstacle_open' | 'reports_missing';

/**
 * The weeks that ended without a report since the last one filed (or since reporting began: the week the project
 * started or was launched, whichever is later). A week's report is missing once its Sunday has passed.
 */
export function missingReportWeeks(f: Pick<HealthFacts, 'startOn' | 'endOn' | 'launchedOn' | 'lastReportWeek'>, today: string): string[] {
  const from = f.lastReportWeek ? shiftWeek(f.lastReportWeek, 1) : weekKey(f.launchedOn && f.launchedOn > f.startOn ? f.launchedOn : f.startOn);
  const lastEnded = shiftWeek(weekKey(today), -1);
  const endWeek = weekKey(f.endOn);
  const to = lastEnded < endWeek ? lastEnded : endWeek;
  // ISO week keys sort as text within the same width, so the comparison above is a date comparison
  return weeksBetween(from, to).filter((w) => weekEnd(w) < today);
}

export function riskReasons(f: HealthFacts, today: string, s: CampaignSettings): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (f.earliestOpenMilestoneDue !== null && addDays(f.earliestOpenMilestoneDue, s.milestoneOverdueDays) < today) reasons.push('milestone_overdue');
  if (f.oldestOpenObstacle !== null && addDays(f.oldestOpenObstacle, s.obstacleDays) < today) reasons.push('obstacle_open');
  if (missingReportWeeks(f, today).length >= s.missingReports) reasons.push('reports_missing');
  return reasons;
}

export function projectHealth(f: HealthFacts, today: string, s: CampaignSettings): ProjectHealth | null {
  if (f.state === 'completed' || f.state === 'evaluated') return 'on_track';
  if (f.state !== 'in_progress') return null;
  if (f.endOn < today) return 'late';
  return riskReasons(f, today, s).length > 0 ? 'at_risk' : 'on_track';
}

/** The day the next supervision visit is due: N months after the last visit, or after the launch when none yet. */
export function supervisionDueOn(lastVisitOn: string | null, launchedOn: string, s: CampaignSettings): string {
  return addMonths(lastVisitOn ?? launchedOn, s.supervisionMonths);
}
