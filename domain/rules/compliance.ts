// Compliance of an organization's branch life with the meetings requirements of the rule pack.
//
// Each requirement asks for ≥min held activities of a type in every month, quarter or year (its `per`):
// - asked for a longer period (a monthly rule over a quarter or year), it is met only if every month is met
//   (subPeriods lists each one);
// - asked for a shorter period (a quarterly rule for one month, a yearly rule for a quarter), it is evaluated
//   over the quarter or year that contains the period (`window` says which);
// - due while nothing has failed and the window is not over; missed once a sub-period ended unmet (its last day
//   itself is still due); not_applicable when the organization is not subject to it.
// The organization must exist on the last day of a sub-period for it to be required: the founding month counts,
// months before it do not; the month of dissolution does not count (unless dissolved on its very last day).
// A requested period in which the organization did not exist at all is not applicable throughout, even for a
// yearly requirement whose year it partly covers.
// Only held activities count, a joint activity for every host. One activity counts for several requirements
// when the practice holds them together (the pack's heldWith) and its record says it did (alsoCounts).
// The caller evaluates a period with the pack in force on its first day (packForPeriod). No individual
// member is ranked or scored here.

import type { ActivityState, ActivityType, ComplianceStatus, OrgType } from '../enums';
import {
  containsDate,
  daysLeft,
  enclosingPeriod,
  isCoarser,
  isPeriodOver,
  parsePeriod,
  splitPeriod,
  type Period,
} from '../periods';
import type { MeetingRequirement, RulePack, Severity } from './pack';

export interface ComplianceOrg {
  /** when given, only activities hosted by this organization count (others in the list are ignored) */
  id?: string;
  type: OrgType;
  hasPartyGroups: boolean;
  /** false for a branch without a committee (fewer than 7 full members); unknown counts as having one */
  hasCommittee?: boolean;
  foundedOn: string | null;
  dissolvedOn: string | null;
}

export interface ComplianceActivity {
  id: string;
  type: ActivityType;
  state: ActivityState;
  /** the China calendar date the activity took place ('YYYY-MM-DD') */
  date: string;
  hostOrgIds: readonly string[];
  /**
   * Other requirement types this activity also served, as its record says (a life meeting that included the
   * democratic evaluation); they count only where the pack's requirement lists the activity's type in heldWith.
   */
  alsoCounts?: readonly ActivityType[];
}

export type NotApplicableReason =
  'disabled' | 'org_type' | 'no_party_groups' | 'no_committee' | 'not_in_existence';

export interface SubPeriodResult {
  label: string;
  status: ComplianceStatus;
  count: number;
}

export interface TimingResult {
  /** the quarter the activity is generally held in (life meeting: Q4) */
  quarter: number;
  severity: Severity;
  status: Exclude<ComplianceStatus, 'not_applicable'>;
}

export interface ComplianceResult {
  /** the key of the requirement in the pack ('theme_day', 'party_lecture_quarterly', a local id) */
  id: string;
  /** the activity type it counts */
  requirement: ActivityType;
  status: ComplianceStatus;
  severity: Severity;
  per: MeetingRequirement['per'];
  /** held activities required in each sub-period */
  required: number;
  /** held activities counted in the required sub-periods */
  count: number;
  /** ids of those activities, in date order */
  activities: string[];
  /** the period evaluated: the requested one, or the quarter or year containing it for a coarser requirement */
  window: string;
  reason?: NotApplicableReason;
  /** while due: days left in the current sub-period, today and its last day included */
  daysLeft?: number;
  /** one per month or quarter when the requirement is finer than the window */
  subPeriods?: SubPeriodResult[];
  /** the "generally in quarter N" check of a yearly requirement, when enabled */
  timing?: TimingResult;
}

export interface ComplianceInput {
  org: ComplianceOrg;
  period: Period | string;
  activities: readonly ComplianceActivity[];
  pack: RulePack;
  today: string;
}

function existsOn(org: ComplianceOrg, date: string): boolean {
  if (org.foundedOn && date < org.foundedOn) return false;
  if (org.dissolvedOn && date >= org.dissolvedOn) return false;
  return true;
}

/** The organization existed on at least one day of the period. */
function existsDuring(org: ComplianceOrg, period: Period): boolean {
  if (org.foundedOn && org.foundedOn > period.end) return false;
  if (org.dissolvedOn && org.dissolvedOn <= period.start) return false;
  return true;
}

function notApplicableReason(org: ComplianceOrg, req: MeetingRequirement): NotApplicableReason | null {
  if (!req.enabled) return 'disabled';
  if (!req.appliesTo.includes(org.type)) return 'org_type';
  if (req.onlyIfPartyGroups && !org.hasPartyGroups) return 'no_party_groups';
  if (req.onlyIfCommittee && org.hasCommittee === false) return 'no_committee';
  return null;
}

function evaluateRequirement(
  id: string,
  req: MeetingRequirement,
  input: ComplianceInput,
  period: Period,
  counted: readonly ComplianceActivity[],
): ComplianceResult {
  const { org, today } = input;
  const window = isCoarser(req.per, period.kind) ? enclosingPeriod(period, req.per) : period;
  const base = {
    id,
    requirement: req.type,
    severity: req.severity,
    per: req.per,
    required: req.min,
    window: window.label,
  };
  const na = (reason: NotApplicableReason): ComplianceResult => ({
    ...base,
    status: 'not_applicable',
    count: 0,
    activities: [],
    reason,
  });

  const reason = notApplicableReason(org, req);
  if (reason) return na(reason);
  if (!existsDuring(org, period)) return na('not_in_existence');

  const units = splitPeriod(window, req.per);
  const ofType = counted.filter(
    (a) => a.type === req.type || (req.heldWith.includes(a.type) && a.alsoCounts?.includes(req.type) === true),
  );
  const subPeriods: SubPeriodResult[] = [];
  const ids: string[] = [];
  let anyRequired = false;
  let anyMissed = false;
  let allMet = true;
  let current: Period | null = null;

  for (const unit of units) {
    const inUnit = ofType.filter((a) => containsDate(unit, a.date));
    if (!existsOn(org, unit.end)) {
      subPeriods.push({ label: unit.label, status: 'not_applicable', count: inUnit.length });
      continue;
    }
    anyRequired = true;
    ids.push(...inUnit.map((a) => a.id));
    let status: ComplianceStatus;
    if (inUnit.length >= req.min) status = 'met';
    else if (isPeriodOver(unit, today)) status = 'missed';
    else status = 'due';
    if (status !== 'met') allMet = false;
    if (status === 'missed') anyMissed = true;
    if (status === 'due' && current === null) current = unit;
    subPeriods.push({ label: unit.label, status, count: inUnit.length });
  }
  if (!anyRequired) return na('not_in_existence');

  const status: ComplianceStatus = anyMissed ? 'missed' : allMet ? 'met' : 'due';
  const result: ComplianceResult = { ...base, status, count: ids.length, activities: ids };
  if (status === 'due' && current) result.daysLeft = daysLeft(current, today);
  if (units.length > 1) result.subPeriods = subPeriods;

  const preferred = req.preferredQuarter;
  if (preferred?.enabled && req.per === 'year') {
    const quarter = splitPeriod(window, 'quarter')[preferred.quarter - 1];
    if (quarter) {
      const inQuarter = ofType.some((a) => containsDate(quarter, a.date));
      result.timing = {
        quarter: preferred.quarter,
        severity: preferred.severity,
        status: inQuarter ? 'met' : isPeriodOver(quarter, today) ? 'missed' : 'due',
      };
    }
  }
  return result;
}

/**
 * The other requirement types an activity of this type may also count for under the pack: those whose requirement
 * holds it together with this type (heldWith), such as the democratic evaluation held at the life meeting.
 */
export function alsoCountable(pack: RulePack, type: ActivityType): ActivityType[] {
  const types = Object.values(pack.meetings.requirements).filter((r) => r.type !== type && r.heldWith.includes(type)).map((r) => r.type);
  return [...new Set(types)];
}

/** Evaluates every requirement of the pack's meetings section, in the pack's order. */
export function evaluateCompliance(input: ComplianceInput): ComplianceResult[] {
  const period = typeof input.period === 'string' ? parsePeriod(input.period) : input.period;
  const orgId = input.org.id;
  const counted = input.activities
    .filter((a) => a.state === 'held' && (orgId === undefined || a.hostOrgIds.includes(orgId)))
    .slice()
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return Object.entries(input.pack.meetings.requirements).map(([id, req]) =>
    evaluateRequirement(id, req, input, period, counted),
  );
}

export interface LaggingOrg {
  orgId: string;
  orgName: string;
  status: 'missed' | 'due';
  severity: Severity;
  required: number;
  count: number;
  /** labels of the sub-periods that ended unmet (the window itself when it has no sub-periods) */
  missedPeriods: string[];
  daysLeft?: number;
}

export interface RollupRow {
  id: string;
  requirement: ActivityType;
  severity: Severity;
  /** organizations subject to the requirement in the period */
  applicable: number;
  met: number;
  /** met / applicable, 0–1; null when no organization is subject to it */
  shareMet: number | null;
  /** how many organizations lag in all (`lagging` may list only the first of them) */
  laggingTotal: number;
  /** organizations not (yet) meeting it: missed first, then due (the earliest deadline first), otherwise in input order */
  lagging: LaggingOrg[];
}

export interface OrgCompliance {
  orgId: string;
  orgName: string;
  results: readonly ComplianceResult[];
}

/** Rolls per-organization results up a subtree: per requirement, how many organizations met it and who lags. */
export function rollupCompliance(orgs: readonly OrgCompliance[]): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const org of orgs) {
    for (const r of org.results) {
      let row = rows.get(r.id);
      if (!row) {
        row = {
          id: r.id,
          requirement: r.requirement,
          severity: r.severity,
          applicable: 0,
          met: 0,
          shareMet: null,
          laggingTotal: 0,
          lagging: [],
        };
        rows.set(r.id, row);
      }
      if (r.status === 'not_applicable') continue;
      row.applicable += 1;
      if (r.status === 'met') {
        row.met += 1;
        continue;
      }
      const missedPeriods = r.subPeriods
        ? r.subPeriods.filter((s) => s.status === 'missed').map((s) => s.label)
        : r.status === 'missed'
          ? [r.window]
          : [];
      const lag: LaggingOrg = {
        orgId: org.orgId,
        orgName: org.orgName,
        status: r.status,
        severity: r.severity,
        required: r.required,
        count: r.count,
        missedPeriods,
      };
      if (r.daysLeft !== undefined) lag.daysLeft = r.daysLeft;
      row.lagging.push(lag);
    }
  }
  for (const row of rows.values()) {
    row.shareMet = row.applicable === 0 ? null : row.met / row.applicable;
    row.laggingTotal = row.lagging.length;
    row.lagging = orderLagging(row.lagging);
  }
  return [...rows.values()];
}

/** Missed first, then due with the earliest deadline first, otherwise in the given order; the first `limit` of them. */
export function orderLagging(list: readonly LaggingOrg[], limit = Infinity): LaggingOrg[] {
  const rank = (l: LaggingOrg) => (l.status === 'missed' ? 0 : 1);
  return list
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || (a.l.daysLeft ?? 0) - (b.l.daysLeft ?? 0) || a.i - b.i)
    .slice(0, limit)
    .map(({ l }) => l);
}

/** A required sub-period not met and not over yet when a result was stored. */
export interface PendingUnit {
  label: string;
  start: string;
  end: string;
}

/**
 * What a stored result keeps of an evaluation so that it can be read on a later day without evaluating
 * again: the statuses only move from due to missed as sub-periods end, and daysLeft counts down.
 */
export interface StoredCompliance {
  status: Exclude<ComplianceStatus, 'not_applicable'>;
  missedPeriods: string[];
  pending: PendingUnit[];
}

/** The stored form of an applicable result (the window itself is the one sub-period when there are none). */
export function storedCompliance(r: ComplianceResult): StoredCompliance {
  if (r.status === 'not_applicable') throw new RangeError(`${r.id} is not applicable: nothing to store`);
  const units = r.subPeriods ?? [{ label: r.window, status: r.status, count: r.count }];
  return {
    status: r.status,
    missedPeriods: units.filter((u) => u.status === 'missed').map((u) => u.label),
    pending: units
      .filter((u) => u.status === 'due')
      .map((u) => {
        const p = parsePeriod(u.label);
        return { label: u.label, start: p.start, end: p.end };
      }),
  };
}

/**
 * A stored result as evaluateCompliance would give it on `today` (not earlier than the day it was
 * stored, and with the same activities): pending sub-periods that have ended count as missed, and the
 * first one still open gives daysLeft. `current` is that sub-period's label (what a reminder names).
 */
export function complianceOn(s: StoredCompliance, today: string): StoredCompliance & { daysLeft?: number; current?: string } {
  const open = s.pending.filter((u) => today <= u.end);
  const missedPeriods = [...s.missedPeriods, ...s.pending.filter((u) => today > u.end).map((u) => u.label)];
  const status = s.status === 'met' ? 'met' : missedPeriods.length > 0 ? 'missed' : 'due';
  const out: StoredCompliance & { daysLeft?: number; current?: string } = { status, missedPeriods, pending: open };
  const current = open[0];
  if (status === 'due' && current) {
    out.daysLeft = daysLeft(parsePeriod(current.label), today);
    out.current = current.label;
  }
  return out;
}
