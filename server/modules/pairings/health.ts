import { asc, eq, inArray } from 'drizzle-orm';
import { authorize } from '../../../domain/access';
import type { ActivityState } from '../../../domain/enums';
import type { DemandState } from '../../../domain/pairings/enums';
import { pairingHealth, type HealthActivity, type HealthCommitment, type HealthDemand, type HealthProject, type HealthThresholds, type PairingHealth } from '../../../domain/pairings/health';
import { parsePeriod, PeriodError, periodContaining, quartersOf, shiftPeriod, type Period, type PeriodKind } from '../../../domain/periods';
import type { PairingDashboard, PairingHealthSummary, PairingMatrix } from '../../../domain/schemas/pairings';
import type { Ctx } from '../../context';
import type { Db } from '../../db/client';
import { orgs } from '../../db/schema/orgs';
import { pairings } from '../../db/schema/pairings';
import { forbidden, invalid, notFound } from '../../errors';
import { requirePairing } from './access';
import { effectivePolicy } from './pairingPolicy';
import * as q from './queries';
import { stateOn } from '../../../domain/pairings/agreements';

// Health figures come from the records (joint activities, commitments, demands, joint projects),
// never typed in; domain/pairings/health.ts decides them. For a coordinator, every figure of every
// pairing is computed from a handful of queries over all its pairings at once, then grouped here.

/** The period asked for, or the current quarter; a malformed one is a field error. */
function periodOf(text: string | undefined, today: string): Period {
  if (!text) return periodContaining(today, 'quarter');
  try {
    return parsePeriod(text);
  } catch (e) {
    if (e instanceof PeriodError) throw invalid([{ field: 'period', code: 'period_invalid', params: { value: text } }]);
    throw e;
  }
}

interface Records {
  activities: Map<string, HealthActivity[]>;
  commitments: Map<string, HealthCommitment[]>;
  demands: Map<string, HealthDemand[]>;
  projects: Map<string, HealthProject[]>;
}

function groupByPairing<T extends { pairingId: string | null }, U>(rows: T[], map: (row: T) => U): Map<string, U[]> {
  const out = new Map<string, U[]>();
  for (const r of rows) {
    if (!r.pairingId) continue;
    const list = out.get(r.pairingId);
    if (list) list.push(map(r));
    else out.set(r.pairingId, [map(r)]);
  }
  return out;
}

/**
 * Everything that can count between `from` and `to`. Joint activities are read for whole years: a
 * frequency coarser than the period (a yearly one, asked for a quarter) is checked over the year.
 */
async function loadRecords(db: Db, inSet: q.PairingSet, from: string, to: string): Promise<Records> {
  const [activities, commitments, demands, projects] = await Promise.all([
    q.heldJointActivities(db, inSet, `${from.slice(0, 4)}-01-01`, `${to.slice(0, 4)}-12-31`),
    q.healthCommitments(db, inSet),
    q.healthDemands(db, inSet, from, to),
    q.doneProjects(db, inSet, from, to),
  ]);
  return {
    activities: groupByPairing(activities, (a) => ({ id: a.id, state: a.state as ActivityState, date: a.date })),
    commitments: groupByPairing(commitments, (c) => ({ dueOn: c.dueOn, done: c.doneOn !== null, doneOn: c.doneOn })),
    demands: groupByPairing(demands, (d) => ({ state: d.state as DemandState, raisedOn: d.raisedOn, dueOn: d.dueOn, resolvedOn: d.resolvedOn, confirmedOn: d.confirmedOn, rating: d.rating })),
    projects: groupByPairing(projects, (p) => ({ doneOn: p.doneOn })),
  };
}

/** A terminated agreement was in force until the day it was terminated. */
const endOf = (row: q.PairingRow) => (row.terminatedOn && row.terminatedOn < row.validTo ? row.terminatedOn : row.validTo);

function healthOf(row: q.PairingRow, period: Period, records: Records, today: string, thresholds: Partial<HealthThresholds>): PairingHealth {
  return pairingHealth({
    pairing: { id: row.id, validFrom: row.validFrom, validTo: endOf(row), frequency: { min: row.frequencyMin, per: row.frequencyPer as PeriodKind } },
    period,
    today,
    activities: records.activities.get(row.id) ?? [],
    commitments: records.commitments.get(row.id) ?? [],
    demands: records.demands.get(row.id) ?? [],
    projects: records.projects.get(row.id) ?? [],
    thresholds,
  });
}

/** Signed and in force for at least a day of the period: only these have a health state there. */
const inForceDuring = (row: q.PairingRow, period: Period, today: string) =>
  stateOn(row, today) !== 'draft' && row.validFrom <= period.end && endOf(row) >= period.start;

export async function healthOfPairing(ctx: Ctx, id: string, periodText: string): Promise<PairingHealth> {
  const period = periodOf(periodText, ctx.today);
  await requirePairing(ctx, ctx.db, id);
  const row = (await q.getPairing(ctx.db, id))!;
  const records = await loadRecords(ctx.db, (column) => eq(column, id), period.start, period.end);
  const policy = await effectivePolicy(ctx.db, row.coordinatorOrgId);
  return healthOf(row, period, records, ctx.today, policy.thresholds);
}

/**
 * This quarter's health of a page of list rows: the records of all of them in four queries, the policies of their
 * coordinators once each, then the domain rule per row (the same as the pairing page and the dashboard use).
 */
export async function listHealth(db: Db, rows: q.PairingRow[], today: string): Promise<Map<string, PairingHealthSummary | null>> {
  const period = periodContaining(today, 'quarter');
  const out = new Map<string, PairingHealthSummary | null>(rows.map((r) => [r.id, null]));
  const inForce = rows.filter((r) => inForceDuring(r, period, today));
  if (inForce.length === 0) return out;
  const ids = inForce.map((r) => r.id);
  const coordinatorIds = [...new Set(inForce.map((r) => r.coordinatorOrgId))];
  const [records, policies] = await Promise.all([
    loadRecords(db, (column) => inArray(column, ids), period.start, period.end),
    Promise.all(coordinatorIds.map(async (id) => [id, await effectivePolicy(db, id)] as const)),
  ]);
  const policyOf = new Map(policies);
  for (const r of inForce) {
    const h = healthOf(r, period, records, today, policyOf.get(r.coordinatorOrgId)!.thresholds);
    out.set(r.id, {
      period: h.period,
      state: h.state,
      reasons: h.reasons,
      activitiesHeld: h.activities.held,
      activitiesRequired: h.activities.required,
      commitmentsOverdue: h.commitments.overdue,
      demandsOverdue: h.demands.overdue,
    });
  }
  return out;
}

/** The coordinator's view needs read rights on the coordinator (that reads all of its pairings). */
async function coordinatorFor(ctx: Ctx, orgId: string) {
  const [org] = await ctx.db.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('organization');
  if (!authorize(ctx.actor, 'pairing.read', { orgPath: org.path })) throw forbidden();
  return org;
}

async function coordinatorPairings(db: Db, coordinatorOrgId: string) {
  const rows = await db.select().from(pairings).where(eq(pairings.coordinatorOrgId, coordinatorOrgId)).orderBy(asc(pairings.title), asc(pairings.id));
  const parties = groupByPairing(
    await q.partiesOf(
      db,
      rows.map((r) => r.id),
    ),
    (p) => p,
  );
  const inSet: q.PairingSet = (column) => inArray(column, q.coordinatedBy(db, coordinatorOrgId));
  return { rows, parties, inSet };
}

/** The charts' periods, oldest first: the 4 quarters up to a quarter, the 12 months up to a month, a year's 4 quarters. */
function trendPeriods(period: Period): Period[] {
  if (period.kind === 'year') return quartersOf(period);
  const n = period.kind === 'quarter' ? 4 : 12;
  return Array.from({ length: n }, (_, i) => shiftPeriod(period, i - n + 1));
}

/**
 * Figures over many pairings. The overall average satisfaction is over all their ratings (not an
 * average of averages), so it is asked of the domain rule with every demand at once.
 */
function summarize(healths: PairingHealth[], demands: HealthDemand[], period: Period, today: string) {
  const all = pairingHealth({ pairing: { id: 'all' }, period, today, activities: [], commitments: [], demands, projects: [] });
  const count = (state: PairingHealth['state']) => healths.filter((h) => h.state === state).length;
  const sum = (f: (h: PairingHealth) => number) => healths.reduce((s, h) => s + f(h), 0);
  return {
    onTrack: count('on_track'),
    needsAttention: count('needs_attention'),
    inactive: count('inactive'),
    jointActivitiesHeld: sum((h) => h.activities.held),
    demandsRaised: sum((h) => h.demands.raised),
    demandsResolved: sum((h) => h.demands.resolved),
    demandsOverdue: sum((h) => h.demands.overdue),
    commitmentsOverdue: sum((h) => h.commitments.overdue),
    projectsDone: sum((h) => h.projectsDone),
    averageSatisfaction: all.averageSatisfaction,
    ratings: all.ratings,
  };
}

export async function dashboard(ctx: Ctx, coordinatorOrgId: string, periodText: string | undefined): Promise<PairingDashboard> {
  const period = periodOf(periodText, ctx.today);
  const coordinator = await coordinatorFor(ctx, coordinatorOrgId);
  const trend = trendPeriods(period);
  const from = trend[0]!.start < period.start ? trend[0]!.start : period.start;
  const { rows, parties, inSet } = await coordinatorPairings(ctx.db, coordinatorOrgId);
  const [records, open, policy] = await Promise.all([loadRecords(ctx.db, inSet, from, period.end), q.openDemandCounts(ctx.db, inSet, ctx.today), effectivePolicy(ctx.db, coordinatorOrgId)]);
  const openBy = new Map(open.map((o) => [o.pairingId, o]));

  const figuresFor = (p: Period) => {
    const inForce = rows.filter((r) => inForceDuring(r, p, ctx.today));
    const healths = new Map(inForce.map((r) => [r.id, healthOf(r, p, records, ctx.today, policy.thresholds)]));
    return { healths, summary: summarize([...healths.values()], inForce.flatMap((r) => records.demands.get(r.id) ?? []), p, ctx.today) };
  };
  const current = figuresFor(period);
  const byState = { draft: 0, active: 0, expired: 0, terminated: 0 };
  for (const r of rows) byState[stateOn(r, ctx.today)] += 1;

  const overlapping = rows.filter((r) => r.validFrom <= period.end && endOf(r) >= period.start);
  return {
    coordinatorOrgId,
    coordinatorName: coordinator.name,
    period: period.label,
    totals: {
      pairings: rows.length,
      byState,
      health: { onTrack: current.summary.onTrack, needsAttention: current.summary.needsAttention, inactive: current.summary.inactive },
      openDemands: open.reduce((s, o) => s + o.open, 0),
      overdueDemands: open.reduce((s, o) => s + o.overdue, 0),
      averageSatisfaction: current.summary.averageSatisfaction,
      ratings: current.summary.ratings,
      jointActivitiesHeld: current.summary.jointActivitiesHeld,
      demandsRaised: current.summary.demandsRaised,
      demandsResolved: current.summary.demandsResolved,
      commitmentsOverdue: current.summary.commitmentsOverdue,
      projectsDone: current.summary.projectsDone,
    },
    rows: overlapping.map((r) => {
      const h = current.healths.get(r.id);
      return {
        pairingId: r.id,
        title: r.title,
        parties: (parties.get(r.id) ?? []).map((p) => ({ orgId: p.orgId, orgName: p.orgName })),
        state: stateOn(r, ctx.today),
        validFrom: r.validFrom,
        validTo: r.validTo,
        health: h?.state ?? null,
        reasons: h?.reasons ?? [],
        activitiesHeld: h?.activities.held ?? 0,
        activitiesRequired: h?.activities.required ?? 0,
        activitiesMissed: h?.activities.missed ?? 0,
        commitmentsTotal: h?.commitments.total ?? 0,
        commitmentsDone: h?.commitments.done ?? 0,
        commitmentsOverdue: h?.commitments.overdue ?? 0,
        demandsRaised: h?.demands.raised ?? 0,
        demandsResolved: h?.demands.resolved ?? 0,
        demandsOverdue: h?.demands.overdue ?? 0,
        medianDaysToResolve: h?.medianDaysToResolve ?? null,
        averageSatisfaction: h?.averageSatisfaction ?? null,
        projectsDone: h?.projectsDone ?? 0,
        openDemands: openBy.get(r.id)?.open ?? 0,
      };
    }),
    trend: trend.map((p) => {
      const s = p.label === period.label ? current.summary : figuresFor(p).summary;
      return {
        period: p.label,
        onTrack: s.onTrack,
        needsAttention: s.needsAttention,
        inactive: s.inactive,
        jointActivitiesHeld: s.jointActivitiesHeld,
        demandsRaised: s.demandsRaised,
        demandsResolved: s.demandsResolved,
        demandsOverdue: s.demandsOverdue,
        averageSatisfaction: s.averageSatisfaction,
        projectsDone: s.projectsDone,
      };
    }),
  };
}

/** Rows are first parties, columns second parties; a cell shows the latest agreement of that pair. */
export async function matrix(ctx: Ctx, coordinatorOrgId: string, periodText: string | undefined): Promise<PairingMatrix> {
  const period = periodOf(periodText, ctx.today);
  await coordinatorFor(ctx, coordinatorOrgId);
  const { rows, parties, inSet } = await coordinatorPairings(ctx.db, coordinatorOrgId);
  type Sides = Awaited<ReturnType<typeof q.partiesOf>>;
  const latest = new Map<string, { row: q.PairingRow; sides: Sides }>();
  for (const row of rows) {
    const sides = parties.get(row.id) ?? [];
    if (sides.length < 2) continue;
    const key = `${sides[0]!.orgId}|${sides[1]!.orgId}`;
    const seen = latest.get(key);
    if (!seen || row.validFrom > seen.row.validFrom || (row.validFrom === seen.row.validFrom && row.id > seen.row.id)) latest.set(key, { row, sides });
  }
  const cells = [...latest.values()];
  const [records, policy] = await Promise.all([loadRecords(ctx.db, inSet, period.start, period.end), effectivePolicy(ctx.db, coordinatorOrgId)]);
  const axis = (position: 0 | 1) => {
    const byId = new Map(cells.map(({ sides }) => [sides[position]!.orgId, sides[position]!.orgName]));
    return [...byId].map(([orgId, orgName]) => ({ orgId, orgName })).sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh') || a.orgId.localeCompare(b.orgId));
  };
  return {
    coordinatorOrgId,
    period: period.label,
    rows: axis(0),
    columns: axis(1),
    cells: cells.map(({ row, sides }) => ({
      rowOrgId: sides[0]!.orgId,
      columnOrgId: sides[1]!.orgId,
      pairingId: row.id,
      title: row.title,
      partyOrgIds: sides.map((s) => s.orgId),
      state: stateOn(row, ctx.today),
      health: inForceDuring(row, period, ctx.today) ? healthOf(row, period, records, ctx.today, policy.thresholds).state : null,
    })),
  };
}
