// Checks of an assessment's set-up and of a ballot, as field problems with stable codes; nothing is written here.

import type { MessageParams } from '../messages/text';
import type { Problem } from './states';
import type { ScaleStep, TallyGrade, Thresholds } from './tally';

export const MAX_CODES_PER_REQUEST = 10_000;
export const WEIGHT_TOTAL = 100;

export interface SetupInput {
  reporters: readonly { memberId: string; orgId: string }[];
  raterGroups: readonly { name: string; weight: number }[];
  venues: readonly { name: string; main?: boolean }[];
  criteria: readonly { name: string }[];
  scale: readonly ScaleStep[];
  thresholds: Thresholds;
}

function duplicates<T>(items: readonly T[], key: (t: T) => string): number[] {
  const seen = new Set<string>();
  const at: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) at.push(i);
    seen.add(k);
  });
  return at;
}

export function validateSetup(s: SetupInput): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, code: string, params?: MessageParams) => problems.push(params ? { field, code, params } : { field, code });

  if (s.reporters.length === 0) add('reporters', 'required');
  for (const i of duplicates(s.reporters, (r) => r.memberId)) add(`reporters.${i}.memberId`, 'duplicate_reporter');

  if (s.raterGroups.length === 0) add('raterGroups', 'required');
  s.raterGroups.forEach((g, i) => {
    if (!Number.isInteger(g.weight) || g.weight <= 0 || g.weight > WEIGHT_TOTAL) add(`raterGroups.${i}.weight`, 'weight_range');
  });
  for (const i of duplicates(s.raterGroups, (g) => g.name.trim())) add(`raterGroups.${i}.name`, 'duplicate_name');
  const total = s.raterGroups.reduce((sum, g) => sum + g.weight, 0);
  if (s.raterGroups.length > 0 && total !== WEIGHT_TOTAL) add('raterGroups', 'weights_sum', { sum: total });

  if (s.venues.length === 0) add('venues', 'required');
  for (const i of duplicates(s.venues, (v) => v.name.trim())) add(`venues.${i}.name`, 'duplicate_name');
  if (s.venues.filter((v) => v.main).length > 1) add('venues', 'main_venue');

  for (const i of duplicates(s.criteria, (c) => c.name.trim())) add(`criteria.${i}.name`, 'duplicate_name');

  if (s.scale.length < 2) add('scale', 'scale_size');
  for (const i of duplicates(s.scale, (g) => g.grade)) add(`scale.${i}.grade`, 'duplicate_grade');
  s.scale.forEach((g, i) => {
    if (!Number.isInteger(g.points) || g.points < 0 || g.points > 1000) add(`scale.${i}.points`, 'points_range');
    if (i > 0 && g.points >= s.scale[i - 1]!.points) add(`scale.${i}.points`, 'scale_order');
  });

  const grades = s.scale.map((g) => g.grade);
  let previous = Infinity;
  for (const grade of Object.keys(s.thresholds)) {
    if (!grades.includes(grade)) add(`thresholds.${grade}`, 'grade_not_on_scale', { grade });
    else if (grade === grades.at(-1)) add(`thresholds.${grade}`, 'lowest_grade');
  }
  for (const grade of grades.slice(0, -1)) {
    const value = s.thresholds[grade];
    if (value === undefined) {
      add(`thresholds.${grade}`, 'required');
      continue;
    }
    if (!(value >= 0 && value <= 1000) || Math.round(value * 100) !== value * 100) add(`thresholds.${grade}`, 'threshold_range');
    else if (value >= previous) add(`thresholds.${grade}`, 'thresholds_order');
    previous = value;
  }
  return problems;
}

export interface BallotSheet {
  scale: readonly ScaleStep[];
  criteria: readonly { id: string }[];
  openReporterIds: readonly string[];
  /** reporters this code has already scored (an earlier submission while fewer reporters were open) */
  scoredReporterIds: readonly string[];
}

export interface BallotCheck {
  problems: Problem[];
  /** the reporters this ballot scores */
  reporterIds: string[];
  /** it scores a reporter this code already scored: the submission is a repeat (409 already_voted) */
  repeat: boolean;
}

/**
 * A ballot must grade every open reporter the code has not yet scored, on each criterion (or once overall without
 * criteria), with grades of the scale, and nothing else.
 */
export function checkBallot(sheet: BallotSheet, grades: readonly TallyGrade[]): BallotCheck {
  const problems: Problem[] = [];
  const add = (field: string, code: string, params?: MessageParams) => problems.push(params ? { field, code, params } : { field, code });
  const onScale = new Set(sheet.scale.map((s) => s.grade));
  const criteria = sheet.criteria.map((c) => c.id);
  const open = new Set(sheet.openReporterIds);
  const scored = new Set(sheet.scoredReporterIds);
  const seen = new Set<string>();
  let repeat = false;

  grades.forEach((g, i) => {
    if (!open.has(g.reporterId)) add(`grades.${i}.reporterId`, 'reporter_not_open');
    else if (scored.has(g.reporterId)) repeat = true;
    if (!onScale.has(g.grade)) add(`grades.${i}.grade`, 'grade_not_on_scale', { grade: g.grade });
    if (criteria.length === 0 && g.criterionId !== null) add(`grades.${i}.criterionId`, 'unknown_criterion');
    if (criteria.length > 0 && (g.criterionId === null || !criteria.includes(g.criterionId))) add(`grades.${i}.criterionId`, 'unknown_criterion');
    const key = `${g.reporterId}/${g.criterionId ?? ''}`;
    if (seen.has(key)) add(`grades.${i}`, 'duplicate_grade');
    seen.add(key);
  });

  const due = sheet.openReporterIds.filter((id) => !scored.has(id));
  if (!repeat) {
    for (const reporterId of due) {
      for (const criterionId of criteria.length ? criteria : [null]) {
        if (!seen.has(`${reporterId}/${criterionId ?? ''}`)) add('grades', 'missing_grade');
      }
    }
  }
  // one problem per kind for the missing grades: the phone page shows the list, not a wall of repeats
  const unique = problems.filter((p, i) => p.code !== 'missing_grade' || problems.findIndex((q) => q.code === 'missing_grade') === i);
  return { problems: unique, reporterIds: [...new Set(grades.map((g) => g.reporterId))].filter((id) => open.has(id)), repeat };
}
