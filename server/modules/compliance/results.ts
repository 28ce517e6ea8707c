// The maintained compliance results (compliance_results): written here and only here, read here.
//
// A row holds, for an organization, a period of a maintained year (every month, quarter and the year)
// and a requirement it is subject to, what the live evaluation (service.ts, domain/rules/compliance.ts)
// gives. Every write that changes an input calls in, inside its own transaction: activity writes (the
// activity's hosts before and after, for the years of its dates), an organization created, edited,
// dissolved, its committee seats and party groups, and its full-member count when it crosses a
// committee threshold. Rule changes (a rule-pack version, a move under other rules) queue a
// recomputation of the subtree that the scheduler runs in short transactions, resumable from its
// cursor. Until a year is built, and over a subtree being recomputed, readers fall back to the live
// evaluation, so what they answer never depends on the rows being complete.

import { monthPeriod, parsePeriod, quarterPeriod, yearPeriod, type Period } from '../../../domain/periods';
import { complianceOn, orderLagging, storedCompliance, type ComplianceResult, type LaggingOrg, type RollupRow } from '../../../domain/rules/compliance';
import type { ActivityType, ComplianceStatus } from '../../../domain/enums';
import { packForPeriod } from '../../../domain/rules/pack';
import type { Db } from '../../db/client';
import { newId } from '../../ids';
import { labelsOf } from '../orgs/queries';
import * as q from './queries';
import { evaluateMany, evaluatePeriods, factsOf, hasCommittee, versionsFor, versionsOnPath, type OrgRow } from './service';
import { yieldToEventLoop } from '../../eventLoop';

/** Organizations recomputed per background transaction: a few thousand rows, well under a second. */
const JOB_BATCH = 100;

export function periodsOfYear(year: number): Period[] {
  return [
    ...Array.from({ length: 12 }, (_, i) => monthPeriod(year, i + 1)),
    ...Array.from({ length: 4 }, (_, i) => quarterPeriod(year, i + 1)),
    yearPeriod(year),
  ];
}

function keyOf(r: { orgId: string; period: string; requirementId: string }): string {
  return `${r.orgId}\u0000${r.period}\u0000${r.requirementId}`;
}

function toRow(orgId: string, p: Period, position: number, r: ComplianceResult): q.ResultRow {
  const stored = storedCompliance(r);
  return {
    orgId,
    period: p.label,
    requirementId: r.id,
    year: p.year,
    position,
    requirement: r.requirement,
    severity: r.severity,
    per: r.per,
    required: r.required,
    count: r.count,
    status: stored.status,
    window: r.window,
    missedPeriods: stored.missedPeriods,
    pending: stored.pending,
  };
}

/** The rows the live evaluation gives these organizations for these periods (what a build writes). */
export async function liveRows(db: Db, list: OrgRow[], periods: Period[], today: string): Promise<q.ResultRow[]> {
  const byPeriod = await evaluatePeriods(db, list, periods, today);
  const rows: q.ResultRow[] = [];
  for (const p of periods) {
    for (const { org, results } of byPeriod.get(p.label)!) {
      results.forEach((r, i) => {
        if (r.status !== 'not_applicable') rows.push(toRow(org.id, p, i, r));
      });
    }
  }
  return rows;
}

const same = (a: q.ResultRow, b: q.ResultRow) =>
  a.year === b.year &&
  a.position === b.position &&
  a.requirement === b.requirement &&
  a.severity === b.severity &&
  a.per === b.per &&
  a.required === b.required &&
  a.count === b.count &&
  a.status === b.status &&
  a.window === b.window &&
  JSON.stringify(a.missedPeriods) === JSON.stringify(b.missedPeriods) &&
  JSON.stringify(a.pending) === JSON.stringify(b.pending);

/**
 * Recomputes the rows of these organizations for these years (default: every maintained year), writing
 * only what changed. Runs inside the caller's transaction.
 */
export async function refreshOrgs(tx: Db, orgIds: string[], today: string, years?: number[], maintained?: number[]): Promise<void> {
  maintained ??= await q.maintainedYears(tx);
  const wanted = years ? years.filter((y) => maintained.includes(y)) : maintained;
  const ids = [...new Set(orgIds)];
  if (wanted.length === 0 || ids.length === 0) return;
  await q.lockOrgs(tx, ids);
  const list = await q.orgsById(tx, ids);
  const fresh = await liveRows(tx, list, wanted.flatMap(periodsOfYear), today);
  const existing = new Map((await q.resultsOf(tx, ids, wanted)).map((r) => [keyOf(r), r]));
  const changed: q.ResultRow[] = [];
  for (const row of fresh) {
    const key = keyOf(row);
    const old = existing.get(key);
    existing.delete(key);
    if (!old || !same(old, row)) changed.push(row);
  }
  await q.deleteResults(tx, [...existing.values()]);
  await q.upsertResults(tx, changed);
}

interface HostedActivity {
  hostOrgIds: string[];
  heldOn: string;
  state: string;
}

/** An activity written (created, edited, cancelled, held, its hosts changed): only held activities count. */
export async function activityWritten(tx: Db, today: string, before: HostedActivity | null, after: HostedActivity): Promise<void> {
  const maintained = await q.maintainedYears(tx);
  const byYear = new Map<number, Set<string>>();
  for (const a of [before, after]) {
    if (!a || a.state !== 'held') continue;
    const year = Number(a.heldOn.slice(0, 4));
    if (!maintained.includes(year)) continue;
    const set = byYear.get(year) ?? new Set<string>();
    a.hostOrgIds.forEach((id) => set.add(id));
    byYear.set(year, set);
  }
  // all hosts locked at once, so two writers never wait on each other in opposite orders
  await q.lockOrgs(tx, [...byYear.values()].flatMap((ids) => [...ids]));
  for (const [year, ids] of byYear) await refreshOrgs(tx, [...ids], today, [year], maintained);
}

/**
 * Full-member counts changed (org_counts): an organization whose committee status flips under a pack
 * of a maintained period (fewer or more than the threshold) is recomputed.
 */
export async function fullMembersChanged(tx: Db, today: string, changes: { orgId: string; dFull: number }[]): Promise<void> {
  const moved = changes.filter((c) => c.dFull !== 0);
  if (moved.length === 0) return;
  const years = await q.maintainedYears(tx);
  if (years.length === 0) return;
  const delta = new Map(moved.map((c) => [c.orgId, c.dFull]));
  const list = await q.orgsById(tx, [...delta.keys()]);
  const facts = await factsOf(tx, list);
  const versions = await versionsFor(tx, list.map((o) => o.path));
  const periods = years.flatMap(periodsOfYear);
  const flipped = facts
    .filter((f) => {
      const onPath = versionsOnPath(versions, f.org.path);
      const before = { ...f, fullMembers: f.fullMembers - delta.get(f.org.id)! };
      return periods.some((p) => {
        const pack = packForPeriod(onPath, p);
        return hasCommittee(before, pack) !== hasCommittee(f, pack);
      });
    })
    .map((f) => f.org.id);
  await refreshOrgs(tx, flipped, today);
}

/** Queues the recomputation of a subtree whose rules changed (a rule-pack version of its top, a move under other rules). */
export async function rulesChanged(tx: Db, org: { id: string; path: string }): Promise<void> {
  if ((await q.maintainedYears(tx)).length === 0) return;
  await q.insertJob(tx, { id: newId(), kind: 'subtree', year: null, orgId: org.id, total: await q.countOrgsIn(tx, org.path) });
}

/**
 * A subtree moved: its packs change only if an ancestor it leaves or gains has rule-pack versions
 * (the order of merging is by depth, and the subtree stays below all of them).
 */
export async function orgMoved(tx: Db, org: { id: string }, oldPath: string, newPath: string): Promise<void> {
  const before = labelsOf(oldPath).slice(0, -1);
  const after = labelsOf(newPath).slice(0, -1);
  const changed = [...before.filter((id) => !after.includes(id)), ...after.filter((id) => !before.includes(id))];
  if (changed.length === 0) return;
  const versions = await versionsFor(tx, changed);
  if (changed.some((id) => versions.has(id))) await rulesChanged(tx, { id: org.id, path: newPath });
}

// ---------------------------------------------------------------- background work (the scheduler)

/** Keeps the current and the previous year maintained: queues a year's build once, retires older years. */
export async function ensureYears(db: Db, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const have = await q.maintainedYears(db);
  for (const y of [year - 1, year]) {
    if (!have.includes(y)) await q.insertJob(db, { id: newId(), kind: 'year', year: y, orgId: null, total: await q.countOrgsIn(db, null) });
  }
  if (have.some((y) => y < year - 1)) await q.retireYears(db, year - 1);
}

/**
 * Runs open jobs a batch of organizations per transaction until none is left or the time is up;
 * returns what it did. A restart resumes from each job's cursor.
 */
export async function runJobs(db: Db, today: string, opts: { budgetMs: number; batch?: number }): Promise<{ batches: number; open: number }> {
  const started = performance.now();
  let batches = 0;
  for (;;) {
    const more = await db.transaction(async (txDb) => {
      const tx = txDb as unknown as Db;
      const job = await q.nextJob(tx);
      if (!job) return false;
      const ids = await q.nextOrgIds(tx, job, opts.batch ?? JOB_BATCH);
      if (ids.length === 0) {
        await q.finishJob(tx, job.id);
        return true;
      }
      await refreshOrgs(tx, ids, today, job.kind === 'year' ? [job.year!] : undefined);
      await q.advanceJob(tx, job.id, ids.at(-1)!, ids.length);
      return true;
    });
    if (!more) break;
    batches += 1;
    if (performance.now() - started > opts.budgetMs) break;
    // let requests in between two batches
    await yieldToEventLoop();
  }
  return { batches, open: (await q.openJobs(db)).length };
}

/** The nightly pass: due results whose sub-period has ended become missed, a batch per transaction. */
export async function markMissed(db: Db, today: string): Promise<number> {
  let n = 0;
  for (;;) {
    const done = await db.transaction(async (txDb) => {
      const tx = txDb as unknown as Db;
      const stale = await q.staleRows(tx, today, 1000);
      if (stale.length === 0) return 0;
      // read again under the lock: a write may have recomputed them meanwhile
      await q.lockOrgs(tx, stale.map((r) => r.orgId));
      const keys = new Set(stale.map(keyOf));
      const current = (await q.rowsFor(tx, [...new Set(stale.map((r) => r.orgId))], [...new Set(stale.map((r) => r.period))])).filter((r) => keys.has(keyOf(r)));
      const rows = current.map((r) => {
        const { daysLeft: _d, current: _c, ...now } = complianceOn(asStored(r), today);
        return { ...r, ...now };
      });
      await q.upsertResults(tx, rows);
      return Math.max(rows.length, 1);
    });
    if (done === 0) return n;
    n += done;
  }
}

// ---------------------------------------------------------------- readers

type Stored = q.ResultRow & { status: Exclude<ComplianceStatus, 'not_applicable'> };
const asStored = (r: q.ResultRow) => r as Stored;

/** Whether the rows of a period may be read for this subtree (null: every organization). */
export async function servesPeriod(db: Db, periodLabel: string, path: string | null): Promise<boolean> {
  return q.servesYear(db, parsePeriod(periodLabel).year, path);
}

/** The roll-up of a subtree from the rows: what rollupCompliance gives on the live evaluation. */
export async function rollupFromRows(db: Db, root: OrgRow, p: Period, today: string, laggingLimit?: number, plan?: q.LaggingPlan): Promise<{ organizations: number; items: RollupRow[] }> {
  const { items: counts, organizations } = await q.subtreeCounts(db, root.id, p.label);
  if (organizations === 0) return { organizations, items: [] };
  // the items come in the order the first evaluated organization (by name) of each pack lists them
  const versioned = await q.versionedBelow(db, root.path);
  const groups = [{ id: root.id, path: root.path }, ...versioned];
  const versions = await versionsFor(db, groups.map((g) => g.path));
  const packOf = new Map(groups.map((g) => [g.id, packForPeriod(versionsOnPath(versions, g.path), p)]));
  let order = [root.id];
  if (versioned.length > 0) {
    const firsts: { name: string; id: string; group: string }[] = [];
    for (const g of groups) {
      const deeper = versioned.filter((v) => v.path !== g.path && v.path.startsWith(`${g.path}.`)).map((v) => v.path);
      const first = await q.firstWithResults(db, g.path, deeper, p.label);
      if (first) firsts.push({ ...first, group: g.id });
    }
    const sorted = await q.sortByName(db, firsts.map((f) => ({ name: f.name, id: f.id })));
    order = sorted.map((id) => firsts.find((f) => f.id === id)!.group);
  }
  const rows = new Map<string, RollupRow>();
  for (const g of order) {
    for (const [id, req] of Object.entries(packOf.get(g)!.meetings.requirements)) {
      if (!rows.has(id)) rows.set(id, { id, requirement: req.type, severity: req.severity, applicable: 0, met: 0, shareMet: null, laggingTotal: 0, lagging: [] });
    }
  }
  for (const c of counts) {
    const row = rows.get(c.requirementId);
    if (!row) continue;
    row.applicable = c.applicable;
    row.met = c.met;
    row.shareMet = c.applicable === 0 ? null : c.met / c.applicable;
    // every result not met lags (missed, or due with time left)
    row.laggingTotal = c.applicable - c.met;
  }
  for (const r of await q.laggingRows(db, root.path, p.label, today, laggingLimit, organizations, plan)) {
    const row = rows.get(r.requirementId);
    if (!row) continue;
    const missed = r.missed === '' ? [] : r.missed.split(',');
    // a row the nightly pass has not reached yet is worked out in full
    const now = r.stale
      ? complianceOn({ status: r.status as Stored['status'], missedPeriods: missed, pending: r.pending! }, today)
      : { status: r.status, missedPeriods: missed, daysLeft: r.status === 'due' ? (r.daysLeft ?? undefined) : undefined };
    const lag: LaggingOrg = {
      orgId: r.orgId,
      orgName: r.orgName,
      status: now.status as 'missed' | 'due',
      severity: r.severity as LaggingOrg['severity'],
      required: r.required,
      count: r.count,
      missedPeriods: now.missedPeriods,
    };
    if (now.daysLeft !== undefined) lag.daysLeft = now.daysLeft;
    row.lagging.push(lag);
  }
  for (const row of rows.values()) row.lagging = orderLagging(row.lagging, laggingLimit);
  return { organizations, items: [...rows.values()] };
}

/** One requirement's status per organization and month from the rows (not_applicable where there is none). */
export async function statusesFromRows(db: Db, orgIds: string[], months: string[], requirementId: string, today: string): Promise<Map<string, ComplianceStatus>> {
  const out = new Map<string, ComplianceStatus>();
  for (const r of await q.rowsFor(db, orgIds, months, requirementId)) out.set(`${r.orgId}\u0000${r.period}`, complianceOn(asStored(r), today).status);
  return out;
}

/** A row as the reminders and the workbench read it today: its status now, the current sub-period of a due one. */
function resultOn(r: q.ResultRow, today: string): ComplianceResult {
  const now = complianceOn(asStored(r), today);
  const result: ComplianceResult = {
    id: r.requirementId,
    requirement: r.requirement as ActivityType,
    status: now.status,
    severity: r.severity as ComplianceResult['severity'],
    per: r.per as ComplianceResult['per'],
    required: r.required,
    count: r.count,
    activities: [],
    window: r.window,
  };
  if (now.status === 'due') result.subPeriods = [{ label: now.current!, status: 'due', count: 0 }];
  if (now.daysLeft !== undefined) result.daysLeft = now.daysLeft;
  return result;
}

function byOrg(rows: q.ResultRow[], today: string, keep: (r: ComplianceResult) => boolean): { orgId: string; results: ComplianceResult[] }[] {
  const out = new Map<string, ComplianceResult[]>();
  for (const r of rows) {
    const result = resultOn(r, today);
    if (!keep(result)) continue;
    const list = out.get(r.orgId) ?? [];
    list.push(result);
    out.set(r.orgId, list);
  }
  return [...out].map(([orgId, results]) => ({ orgId, results }));
}

/** Results still due in the month, as the reminders read them, for the organizations in these subtrees. */
export async function dueFromRows(db: Db, month: string, scopes: string[], today: string): Promise<{ orgId: string; results: ComplianceResult[] }[]> {
  return byOrg(await q.dueRows(db, month, scopes), today, (r) => r.status === 'due');
}

/**
 * The month's results of these organizations themselves, in the requirements' order, from the rows where they
 * serve and live otherwise (the workbench, the settling of reminders).
 */
export async function monthResults(db: Db, list: OrgRow[], month: string, today: string): Promise<{ orgId: string; results: ComplianceResult[] }[]> {
  const served: OrgRow[] = [];
  const live: OrgRow[] = [];
  for (const org of list) ((await servesPeriod(db, month, org.path)) ? served : live).push(org);
  const rows = (await q.rowsFor(db, served.map((o) => o.id), [month])).sort((a, b) => a.position - b.position);
  const fromRows = new Map(byOrg(rows, today, () => true).map((x) => [x.orgId, x.results]));
  const evaluated = new Map((live.length === 0 ? [] : await evaluateMany(db, live, month, today)).map(({ org, results }) => [org.id, results.filter((r) => r.status !== 'not_applicable')]));
  return list.map((o) => ({ orgId: o.id, results: fromRows.get(o.id) ?? evaluated.get(o.id) ?? [] }));
}

// ---------------------------------------------------------------- the check

export interface Difference {
  orgId: string;
  period: string;
  requirementId: string;
  expected: unknown;
  actual: unknown;
}

const VERIFY_BATCH = 200;

/**
 * Recomputes every maintained year live and compares each row, as read on `today`, with it. Returns
 * the first difference (organizations in id order, then periods, then requirements), or null.
 */
export async function verifyResults(db: Db, today: string): Promise<{ difference: Difference | null; rows: number; years: number[]; openJobs: number }> {
  const years = await q.maintainedYears(db);
  const openJobs = (await q.openJobs(db)).length;
  let rows = 0;
  const view = (r: q.ResultRow) => {
    const now = complianceOn(asStored(r), today);
    return {
      position: r.position,
      requirement: r.requirement,
      severity: r.severity,
      per: r.per,
      required: r.required,
      count: r.count,
      window: r.window,
      status: now.status,
      missedPeriods: now.missedPeriods,
      daysLeft: now.daysLeft ?? null,
    };
  };
  if (years.length === 0) return { difference: null, rows, years, openJobs };
  let cursor = '';
  for (;;) {
    const ids = await q.orgIdsAfter(db, cursor, VERIFY_BATCH);
    if (ids.length === 0) {
      // the rows agree; then the subtree counts the roll-up reads must agree with the rows
      const counts = await q.countsDifference(db);
      return { difference: counts ? { ...counts, expected: counts.expected ?? 'no count', actual: counts.actual ?? 'no count' } : null, rows, years, openJobs };
    }
    cursor = ids.at(-1)!;
    const list = await q.orgsById(db, ids);
    const expected = new Map((await liveRows(db, list, years.flatMap(periodsOfYear), today)).map((r) => [keyOf(r), r]));
    const actual = new Map((await q.resultsOf(db, ids, years)).map((r) => [keyOf(r), r]));
    rows += actual.size;
    const keys = [...new Set([...expected.keys(), ...actual.keys()])].map((k) => {
      const [orgId, period, requirementId] = k.split('\u0000') as [string, string, string];
      return { k, orgId, period, requirementId };
    });
    const periodRank = (label: string) => {
      const p = parsePeriod(label);
      return `${p.year}${p.kind === 'month' ? 'a' : p.kind === 'quarter' ? 'b' : 'c'}${String(p.index ?? 0).padStart(2, '0')}`;
    };
    keys.sort((a, b) => (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0) || periodRank(a.period).localeCompare(periodRank(b.period)) || a.requirementId.localeCompare(b.requirementId));
    for (const { k, orgId, period, requirementId } of keys) {
      const e = expected.get(k);
      const a = actual.get(k);
      const ev = e ? view(e) : 'not applicable (no row)';
      const av = a ? view(a) : 'no row';
      if (JSON.stringify(ev) !== JSON.stringify(av)) return { difference: { orgId, period, requirementId, expected: ev, actual: av }, rows, years, openJobs };
    }
  }
}
