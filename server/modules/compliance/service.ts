import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { authorize } from '../../../domain/access';
import type { ActivityState, ActivityType, OrgType } from '../../../domain/enums';
import { enclosingPeriod, parsePeriod, PeriodError, type Period } from '../../../domain/periods';
import { evaluateCompliance, rollupCompliance, type ComplianceActivity, type ComplianceResult } from '../../../domain/rules/compliance';
import { packForDate, packForPeriod, type RulePack, type RulePackOverride, type VersionedOverride } from '../../../domain/rules/pack';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { prepared, UNNAMED } from '../../db/prepared';
import { activities, activityHosts, rulePackVersions } from '../../db/schema/activities';
import { committeeRoles, orgCounts, orgs, partyGroups } from '../../db/schema/orgs';
import { forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { labelsOf } from '../orgs/queries';
import { rollupFromRows, rulesChanged, servesPeriod } from './results';

export type OrgRow = typeof orgs.$inferSelect;

export function period(text: string): Period {
  try {
    return parsePeriod(text);
  } catch (e) {
    if (e instanceof PeriodError) throw invalid([{ field: 'period', code: 'period_invalid', params: { value: text } }]);
    throw e;
  }
}

async function loadOrg(ctx: Ctx, id: string): Promise<OrgRow> {
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, id));
  if (!org) throw notFound('organization');
  if (!authorize(ctx.actor, 'activity.read', { orgPath: org.path })) throw forbidden();
  return org;
}

/** Every stored override version of the organizations on these paths, with each one's depth. */
// one array parameter, so any number of organizations is one statement (no 65,535-parameter limit)
const versionsStatement = prepared((db) =>
  db
    .select()
    .from(rulePackVersions)
    .where(sql`${rulePackVersions.orgId} = any(${sql.placeholder('ids')}::text[])`)
    .orderBy(asc(rulePackVersions.effectiveFrom))
    .prepare(UNNAMED),
);

export async function versionsFor(db: Db, paths: string[]): Promise<Map<string, { depth: number; effectiveFrom: string; override: RulePackOverride }[]>> {
  const ids = [...new Set(paths.flatMap(labelsOf))];
  const rows = ids.length === 0 ? [] : await versionsStatement(db).execute({ ids });
  const byOrg = new Map<string, { depth: number; effectiveFrom: string; override: RulePackOverride }[]>();
  for (const r of rows) {
    const list = byOrg.get(r.orgId) ?? [];
    list.push({ depth: 0, effectiveFrom: r.effectiveFrom, override: r.override as RulePackOverride });
    byOrg.set(r.orgId, list);
  }
  return byOrg;
}

export function versionsOnPath(all: Awaited<ReturnType<typeof versionsFor>>, path: string): VersionedOverride[] {
  return labelsOf(path).flatMap((id, depth) => (all.get(id) ?? []).map((v) => ({ ...v, depth })));
}

/** The pack in force on a date for an organization (findings use today's). */
export async function packToday(db: Db, path: string, date: string): Promise<RulePack> {
  return packForDate(versionsOnPath(await versionsFor(db, [path]), path), date);
}

export interface Facts {
  org: OrgRow;
  hasPartyGroups: boolean;
  committeeSeats: number;
  fullMembers: number;
}

/** PostgreSQL takes at most 65,535 parameters a statement: long id lists go in slices. */
const SLICE = 5000;
async function inSlices<T>(ids: string[], fn: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += SLICE) out.push(...(await fn(ids.slice(i, i + SLICE))));
  return out;
}

export async function factsOf(db: Db, list: OrgRow[]): Promise<Facts[]> {
  const ids = list.map((o) => o.id);
  if (ids.length === 0) return [];
  const groups = await inSlices(ids, (slice) => db.selectDistinct({ orgId: partyGroups.orgId }).from(partyGroups).where(inArray(partyGroups.orgId, slice)));
  const seats = await inSlices(ids, (slice) =>
    db
      .select({ orgId: committeeRoles.orgId, n: sql<number>`count(*)`.mapWith(Number) })
      .from(committeeRoles)
      .where(and(inArray(committeeRoles.orgId, slice), isNull(committeeRoles.endedOn)))
      .groupBy(committeeRoles.orgId),
  );
  const counts = await inSlices(ids, (slice) => db.select().from(orgCounts).where(inArray(orgCounts.orgId, slice)));
  const withGroups = new Set(groups.map((g) => g.orgId));
  const seatsOf = new Map(seats.map((s) => [s.orgId, s.n]));
  const fullOf = new Map(counts.map((c) => [c.orgId, c.fullMembers]));
  return list.map((org) => ({ org, hasPartyGroups: withGroups.has(org.id), committeeSeats: seatsOf.get(org.id) ?? 0, fullMembers: fullOf.get(org.id) ?? 0 }));
}

/**
 * Held and planned activities of these organizations from one day to another (yearly rules look at the whole year),
 * for the hosts that have accepted them (a co-host still asked for its consent counts nothing), with what else each
 * also served.
 */
async function activitiesOf(db: Db, orgIds: string[], from: string, to: string): Promise<ComplianceActivity[]> {
  if (orgIds.length === 0) return [];
  const rows = await inSlices(orgIds, (slice) =>
    db
      .select({ activityId: activityHosts.activityId, orgId: activityHosts.orgId, type: activityHosts.type, state: activityHosts.state, heldOn: activityHosts.heldOn, alsoCounts: activities.alsoCounts })
      .from(activityHosts)
      .innerJoin(activities, eq(activities.id, activityHosts.activityId))
      .where(and(inArray(activityHosts.orgId, slice), gte(activityHosts.heldOn, from), lte(activityHosts.heldOn, to), isNotNull(activityHosts.acceptedAt))),
  );
  const byActivity = new Map<string, ComplianceActivity & { hostOrgIds: string[] }>();
  for (const r of rows) {
    const a = byActivity.get(r.activityId) ?? { id: r.activityId, type: r.type as ActivityType, state: r.state as ActivityState, date: r.heldOn, hostOrgIds: [], alsoCounts: r.alsoCounts as ActivityType[] };
    a.hostOrgIds.push(r.orgId);
    byActivity.set(r.activityId, a);
  }
  return [...byActivity.values()];
}

export function hasCommittee(f: Facts, pack: RulePack): boolean {
  return f.committeeSeats >= pack.organizations.committeeSize.min || f.fullMembers >= pack.organizations.committeeFromFullMembers.value;
}

/** What the meeting rules depend on besides activities: party groups and a committee. */
export async function structureOf(db: Db, org: OrgRow, pack: RulePack) {
  const [f] = await factsOf(db, [org]);
  return { hasPartyGroups: f!.hasPartyGroups, hasCommittee: hasCommittee(f!, pack) };
}

function evaluate(f: Facts, p: Period, acts: ComplianceActivity[], pack: RulePack, today: string): ComplianceResult[] {
  return evaluateCompliance({
    org: { id: f.org.id, type: f.org.type as OrgType, hasPartyGroups: f.hasPartyGroups, hasCommittee: hasCommittee(f, pack), foundedOn: f.org.foundedOn, dissolvedOn: f.org.dissolvedOn },
    period: p,
    activities: acts,
    pack,
    today,
  });
}

export async function orgCompliance(ctx: Ctx, orgId: string, periodText: string) {
  const p = period(periodText);
  const org = await loadOrg(ctx, orgId);
  const [facts] = await factsOf(ctx.db, [org]);
  const pack = packForPeriod(versionsOnPath(await versionsFor(ctx.db, [org.path]), org.path), p);
  const year = enclosingPeriod(p, 'year');
  const items = evaluate(facts!, p, await activitiesOf(ctx.db, [org.id], year.start, year.end), pack, ctx.today);
  return { orgId: org.id, orgName: org.name, period: p.label, items };
}

/** Per requirement across the subtree: the share of organizations that met it, and who lags with what. */
export async function subtreeRollup(ctx: Ctx, orgId: string, periodText: string, laggingLimit?: number) {
  const p = period(periodText);
  const root = await loadOrg(ctx, orgId);
  // the maintained rows once they are complete for this year and subtree; the live evaluation otherwise
  if (await servesPeriod(ctx.db, p.label, root.path)) return { orgId: root.id, period: p.label, ...(await rollupFromRows(ctx.db, root, p, ctx.today, laggingLimit)) };
  const live = await liveRollup(ctx.db, root, p, ctx.today);
  const items = live.items.map((row) => ({ ...row, lagging: row.lagging.slice(0, laggingLimit) }));
  return { orgId: root.id, period: p.label, organizations: live.organizations, items };
}

/** The roll-up evaluated live: every organization of the subtree that existed in the period, by name. */
export async function liveRollup(db: Db, root: OrgRow, p: Period, today: string) {
  const list = await db
    .select()
    .from(orgs)
    .where(and(sql`${orgs.path} <@ ${root.path}::ltree`, or(isNull(orgs.dissolvedOn), gte(orgs.dissolvedOn, p.start))))
    .orderBy(asc(orgs.name), asc(orgs.id));
  const results = (await evaluateMany(db, list, p.label, today)).map((r) => ({ orgId: r.org.id, orgName: r.org.name, results: r.results }));
  const evaluated = results.filter((r) => r.results.some((x) => x.status !== 'not_applicable'));
  return { organizations: evaluated.length, items: rollupCompliance(evaluated) };
}

/** Evaluates many organizations for one period in a few queries (rollups, reminders, the dashboard). */
export async function evaluateMany(db: Db, list: OrgRow[], periodText: string, today: string) {
  const p = period(periodText);
  return (await evaluatePeriods(db, list, [p], today)).get(p.label)!;
}

export interface OrgResults {
  org: OrgRow;
  results: ComplianceResult[];
}

/**
 * The live evaluation of many organizations for several periods, with one read of their facts,
 * activities and rule-pack versions: the compliance results rows are computed by it, and checked
 * against it.
 */
export async function evaluatePeriods(db: Db, list: OrgRow[], periods: Period[], today: string): Promise<Map<string, OrgResults[]>> {
  const out = new Map<string, OrgResults[]>(periods.map((p) => [p.label, []]));
  if (periods.length === 0 || list.length === 0) return out;
  const years = periods.map((p) => enclosingPeriod(p, 'year'));
  const from = years.reduce((a, y) => (y.start < a ? y.start : a), years[0]!.start);
  const to = years.reduce((a, y) => (y.end > a ? y.end : a), years[0]!.end);
  const facts = await factsOf(db, list);
  const acts = await activitiesOf(db, list.map((o) => o.id), from, to);
  // each organization's own activities, found once: filtering the whole list per organization was quadratic
  const byHost = new Map<string, ComplianceActivity[]>();
  for (const a of acts) {
    for (const host of a.hostOrgIds) {
      const own = byHost.get(host);
      if (own) own.push(a);
      else byHost.set(host, [a]);
    }
  }
  const versions = await versionsFor(db, list.map((o) => o.path));
  for (const f of facts) {
    const onPath = versionsOnPath(versions, f.org.path);
    const own = byHost.get(f.org.id) ?? [];
    for (const p of periods) {
      const year = enclosingPeriod(p, 'year');
      const inYear = periods.length === 1 ? own : own.filter((a) => a.date >= year.start && a.date <= year.end);
      out.get(p.label)!.push({ org: f.org, results: evaluate(f, p, inYear, packForPeriod(onPath, p), today) });
    }
  }
  return out;
}

export async function listRulePackVersions(ctx: Ctx, orgId: string) {
  await loadOrg(ctx, orgId);
  return ctx.db.select().from(rulePackVersions).where(eq(rulePackVersions.orgId, orgId)).orderBy(asc(rulePackVersions.effectiveFrom));
}

/** A committee's override for its subtree, in force from a date (replacing a version of the same date). */
export async function addRulePackVersion(ctx: Ctx, orgId: string, input: { effectiveFrom: string; override: RulePackOverride }) {
  const [org] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw notFound('organization');
  if (!authorize(ctx.actor, 'org.rules', { orgPath: org.path })) throw forbidden();
  return inTx(ctx, (tx) => recordVersion(ctx, tx, org, input.effectiveFrom, input.override));
}

export async function recordVersion(ctx: Ctx, tx: Db, org: { id: string; path: string }, effectiveFrom: string, override: RulePackOverride | null) {
  const [row] = await tx
    .insert(rulePackVersions)
    .values({ id: newId(), orgId: org.id, effectiveFrom, override: override ?? {} })
    .onConflictDoUpdate({ target: [rulePackVersions.orgId, rulePackVersions.effectiveFrom], set: { override: override ?? {} } })
    .returning();
  await rulesChanged(tx, org);
  await appendAudit(ctx, tx, { action: 'org.rules.version', subjectType: 'org', subjectId: org.id, orgPath: org.path, after: { effectiveFrom, override } });
  return row!;
}
