import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { rulePackVersions } from '../../db/schema/activities';
import { complianceCounts, complianceJobs, complianceResults, complianceSubtreeOrgs } from '../../db/schema/compliance';
import { orgs } from '../../db/schema/orgs';

export type ResultRow = typeof complianceResults.$inferSelect;
export type JobRow = typeof complianceJobs.$inferSelect;

/** PostgreSQL takes at most 65,535 parameters a statement: 14 columns × 1,000 rows stays well under. */
const WRITE_ROWS = 1000;
const ID_SLICE = 5000;

/** Rows of these organizations in these years. */
export async function resultsOf(db: Db, orgIds: string[], years: number[]): Promise<ResultRow[]> {
  const out: ResultRow[] = [];
  for (let i = 0; i < orgIds.length; i += ID_SLICE) {
    out.push(
      ...(await db
        .select()
        .from(complianceResults)
        .where(and(inArray(complianceResults.orgId, orgIds.slice(i, i + ID_SLICE)), inArray(complianceResults.year, years)))),
    );
  }
  return out;
}

export async function upsertResults(db: Db, rows: ResultRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_ROWS) {
    await db
      .insert(complianceResults)
      .values(rows.slice(i, i + WRITE_ROWS))
      .onConflictDoUpdate({
        target: [complianceResults.orgId, complianceResults.period, complianceResults.requirementId],
        set: {
          year: sql`excluded.year`,
          position: sql`excluded.position`,
          requirement: sql`excluded.requirement`,
          severity: sql`excluded.severity`,
          per: sql`excluded.per`,
          required: sql`excluded.required`,
          count: sql`excluded.count`,
          status: sql`excluded.status`,
          window: sql`excluded.window`,
          missedPeriods: sql`excluded.missed_periods`,
          pending: sql`excluded.pending`,
        },
      });
  }
}

export async function deleteResults(db: Db, keys: { orgId: string; period: string; requirementId: string }[]): Promise<void> {
  for (let i = 0; i < keys.length; i += WRITE_ROWS) {
    const tuples = keys.slice(i, i + WRITE_ROWS).map((k) => sql`(${k.orgId}, ${k.period}, ${k.requirementId})`);
    await db.execute(sql`delete from compliance_results where (org_id, period, requirement_id) in (${sql.join(tuples, sql`, `)})`);
  }
}

/** Serializes recomputations of the same organizations (a write and a background batch): the later one reads what the earlier one committed. */
export async function lockOrgs(db: Db, orgIds: string[]): Promise<void> {
  if (orgIds.length === 0) return;
  // one statement, in id order, so that two transactions never wait on each other in opposite orders
  const ids = `{${[...new Set(orgIds)].sort().join(',')}}`;
  await db.execute(sql`select count(pg_advisory_xact_lock(7411, hashtext(id))) from (select unnest(${ids}::text[]) as id order by 1) ids`);
}

export async function orgsById(db: Db, ids: string[]) {
  const out: (typeof orgs.$inferSelect)[] = [];
  for (let i = 0; i < ids.length; i += ID_SLICE) out.push(...(await db.select().from(orgs).where(inArray(orgs.id, ids.slice(i, i + ID_SLICE)))));
  return out;
}

// ---------------------------------------------------------------- jobs

export async function maintainedYears(db: Db): Promise<number[]> {
  const rows = await db.selectDistinct({ year: complianceJobs.year }).from(complianceJobs).where(eq(complianceJobs.kind, 'year'));
  return rows.map((r) => r.year!).sort();
}

export async function insertJob(db: Db, job: { id: string; kind: 'year' | 'subtree'; year: number | null; orgId: string | null; total: number }): Promise<void> {
  await db.insert(complianceJobs).values(job);
}

export async function countOrgsIn(db: Db, path: string | null): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(orgs)
    .where(path === null ? undefined : sql`${orgs.path} <@ ${path}::ltree`);
  return row?.n ?? 0;
}

/** The oldest open job, locked for this transaction (another process skips it). */
export async function nextJob(db: Db): Promise<JobRow | undefined> {
  const [row] = await db.select().from(complianceJobs).where(isNull(complianceJobs.finishedAt)).orderBy(asc(complianceJobs.createdAt), asc(complianceJobs.id)).limit(1).for('update', { skipLocked: true });
  return row;
}

export async function openJobs(db: Db): Promise<JobRow[]> {
  return db.select().from(complianceJobs).where(isNull(complianceJobs.finishedAt)).orderBy(asc(complianceJobs.createdAt));
}

/** The next organizations of a job after its cursor, in id order: all of them, or a subtree's (by its top's current path). */
export async function nextOrgIds(db: Db, job: JobRow, limit: number): Promise<string[]> {
  const scope = job.kind === 'subtree' ? sql`${orgs.path} <@ (select path from orgs top where top.id = ${job.orgId})` : undefined;
  const rows = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(scope, job.cursor ? gt(orgs.id, job.cursor) : undefined))
    .orderBy(asc(orgs.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function orgIdsAfter(db: Db, cursor: string, limit: number): Promise<string[]> {
  const rows = await db.select({ id: orgs.id }).from(orgs).where(gt(orgs.id, cursor)).orderBy(asc(orgs.id)).limit(limit);
  return rows.map((r) => r.id);
}

export async function advanceJob(db: Db, id: string, cursor: string, n: number): Promise<void> {
  await db
    .update(complianceJobs)
    .set({ cursor, done: sql`${complianceJobs.done} + ${n}` })
    .where(eq(complianceJobs.id, id));
}

export async function finishJob(db: Db, id: string): Promise<void> {
  await db.update(complianceJobs).set({ finishedAt: new Date() }).where(eq(complianceJobs.id, id));
}

/** The rows of a year may be read for a subtree (null: for every organization) once the year is built and no recomputation is open over it. */
export async function servesYear(db: Db, year: number, path: string | null): Promise<boolean> {
  const overlap = path === null ? sql`true` : sql`(o.path <@ ${path}::ltree or ${path}::ltree <@ o.path)`;
  const [row] = await queryRows<{ ok: boolean }>(
    db,
    sql`select exists (select 1 from compliance_jobs where kind = 'year' and year = ${year} and finished_at is not null)
          and not exists (select 1 from compliance_jobs where kind = 'year' and year = ${year} and finished_at is null)
          and not exists (select 1 from compliance_jobs j join orgs o on o.id = j.org_id where j.kind = 'subtree' and j.finished_at is null and ${overlap}) as ok`,
  );
  return row?.ok === true;
}

/** Rows whose pending sub-periods include one that ended before today (what the nightly pass rewrites), a batch at a time. */
export async function staleRows(db: Db, today: string, limit: number): Promise<ResultRow[]> {
  return queryRows<ResultRow>(
    db,
    sql`select org_id as "orgId", period, requirement_id as "requirementId", year, position, requirement, severity, per, required, count, status,
               "window", missed_periods as "missedPeriods", pending
        from compliance_results
        where status <> 'met' and jsonb_array_length(pending) > 0 and (pending -> 0 ->> 'end') < ${today}
        limit ${limit}`,
  );
}

export async function retireYears(db: Db, before: number): Promise<void> {
  await db.execute(sql`delete from compliance_results where year < ${before}`);
  await db.execute(sql`delete from compliance_jobs where kind = 'year' and year < ${before}`);
}

// ---------------------------------------------------------------- readers

/**
 * Per requirement: organizations subject to it in the subtree, and how many met it; and how many
 * organizations have any result. Read from the subtree counts the triggers keep (migration 0013).
 */
export async function subtreeCounts(db: Db, orgId: string, period: string) {
  const items = await db
    .select({ requirementId: complianceCounts.requirementId, applicable: complianceCounts.applicable, met: complianceCounts.met })
    .from(complianceCounts)
    .where(and(eq(complianceCounts.orgId, orgId), eq(complianceCounts.period, period), gt(complianceCounts.applicable, 0)));
  const [orgsRow] = await db
    .select({ n: complianceSubtreeOrgs.organizations })
    .from(complianceSubtreeOrgs)
    .where(and(eq(complianceSubtreeOrgs.orgId, orgId), eq(complianceSubtreeOrgs.period, period)));
  return { items, organizations: orgsRow?.n ?? 0 };
}

/**
 * The first subtree count (organization, period, requirement; the organizations figure under
 * requirement '') that differs from counting compliance_results afresh, or undefined.
 */
export async function countsDifference(db: Db): Promise<{ orgId: string; period: string; requirementId: string; expected: number[] | null; actual: number[] | null } | undefined> {
  const [row] = await queryRows<{ orgId: string; period: string; requirementId: string; expected: number[] | null; actual: number[] | null }>(
    db,
    sql`with ancestors as (
          select a.id as org_id, r.org_id as member, r.period, r.requirement_id, r.status
          from compliance_results r join orgs o on o.id = r.org_id cross join lateral unnest(string_to_array(o.path::text, '.')) as a(id)),
        expected as (
          select org_id, period, requirement_id, array[count(*)::int, (count(*) filter (where status = 'met'))::int] as v from ancestors group by 1, 2, 3
          union all
          select org_id, period, '', array[count(distinct member)::int] from ancestors group by 1, 2),
        actual as (
          select org_id, period, requirement_id, array[applicable, met] as v from compliance_counts where applicable <> 0 or met <> 0
          union all
          select org_id, period, '', array[organizations] from compliance_subtree_orgs where organizations <> 0)
        select coalesce(e.org_id, a.org_id) as "orgId", coalesce(e.period, a.period) as period, coalesce(e.requirement_id, a.requirement_id) as "requirementId",
               e.v as expected, a.v as actual
        from expected e full join actual a on a.org_id = e.org_id and a.period = e.period and a.requirement_id = e.requirement_id
        where e.v is distinct from a.v
        order by 1, 2, 3 limit 1`,
  );
  return row;
}

export interface LaggingRow {
  orgId: string;
  orgName: string;
  requirementId: string;
  severity: string;
  required: number;
  count: number;
  status: string;
  /** the missed sub-periods, comma-separated ('' for none): cheaper to read than an array */
  missed: string;
  /** days left in the first pending sub-period on `today` */
  daysLeft: number | null;
  /** a pending sub-period ended before today (the nightly pass has not run yet): then `pending` comes too */
  stale: boolean;
  pending: ResultRow['pending'] | null;
}

/**
 * How the first lagging rows of a subtree are found. Below `walkFrom` organizations (with results
 * in the period) each requirement's not-met rows are sorted whole: few, and reached through the
 * subtree's path. From it on they are found in order instead, kind by kind (missed, then due by
 * days left): a kind with fewer than `readWholeBelow` rows in the period is read whole and sorted,
 * a commoner one by walking the subtree's organizations in name order (orgs_name_id) and looking
 * each one's row up by its key, which stops after `limit` rows. Tests set both to reach every path
 * on small trees.
 */
export interface LaggingPlan {
  walkFrom: number;
  readWholeBelow: number;
}

// measured at scale 1 (bench/README.md, "A lagging list found in order"): a city of 3,001 sorts
// whole in 80-90 ms, the province's 300,101 organizations took 3.3-3.5 s that way and 16-19 ms walked
export const LAGGING_PLAN: LaggingPlan = { walkFrom: 20_000, readWholeBelow: 2_000 };

const FIRST_END = sql`(r.pending -> 0 ->> 'end')`;
const FIRST_START = sql`(r.pending -> 0 ->> 'start')`;

/** Days left on `today` in a first pending sub-period from `start` to `end` (dates as text), the last day counted. */
const daysLeftIn = (end: SQL, start: SQL, today: string) => sql`(${end}::date - greatest(${today}::date, ${start}::date) + 1)`;

/** A requirement's rows not met in a period. */
const notMetOf = (period: string, requirementId: string) => sql`r.period = ${period} and r.requirement_id = ${requirementId} and r.status <> 'met'`;

/** The requirements with rows not met in a subtree and period, from the subtree's counts. */
const laggingRequirements = (path: string, period: string) =>
  sql`select c.requirement_id from compliance_counts c join orgs top on top.id = c.org_id
      where top.path = ${path}::ltree and c.period = ${period} and c.applicable > c.met`;

/**
 * The rows not met in the subtree, in the order of the live evaluation (organizations by name,
 * requirements in pack order), with what depends on the day worked out here for the usual case.
 * With a limit, per requirement at least the first `limit` in the roll-up's order (missed first,
 * then due by days left, then by name), and below `plan.walkFrom` organizations every stale row
 * too, whose order is known only once worked out; the caller orders and cuts (orderLagging).
 * `organizations` is the subtree's count of organizations with results, which chooses the plan.
 */
export async function laggingRows(db: Db, path: string, period: string, today: string, limit?: number, organizations = 0, plan = LAGGING_PLAN) {
  const columns = sql`r.org_id as "orgId", o.name as "orgName", r.requirement_id as "requirementId", r.severity, r.required, r.count, r.status,
               array_to_string(r.missed_periods, ',') as missed,
               case when jsonb_array_length(r.pending) > 0 then ${daysLeftIn(FIRST_END, FIRST_START, today)}::int end as "daysLeft",
               coalesce(${FIRST_END} < ${today}, false) as stale,
               case when ${FIRST_END} < ${today} then r.pending end as pending,
               o.id as "orderId", r.position`;
  const notMet = sql`from compliance_results r join orgs o on o.id = r.org_id
        where r.period = ${period} and o.path <@ ${path}::ltree and r.status <> 'met'`;
  if (limit === undefined) return queryRows<LaggingRow>(db, sql`select ${columns} ${notMet} order by o.name, o.id, r.position`);
  if (organizations < plan.walkFrom) {
    // each requirement's own top-N sort over the subtree's rows, reached by its path
    const daysLeft = daysLeftIn(FIRST_END, FIRST_START, today);
    return queryRows<LaggingRow>(
      db,
      sql`select * from (
            select first.* from (${laggingRequirements(path, period)}) req
            cross join lateral (
              select ${columns} ${notMet} and r.requirement_id = req.requirement_id
              order by (r.status = 'due'), case when r.status = 'due' then ${daysLeft} else 0 end, o.name, o.id
              limit ${limit}) first
            union
            select ${columns} ${notMet} and ${FIRST_END} < ${today}) l
          order by "orgName", "orderId", position`,
    );
  }
  const lagging = await queryRows<{ requirement_id: string }>(db, laggingRequirements(path, period));
  const parts: SQL[] = [];
  for (const { requirement_id: requirementId } of lagging) {
    const of = notMetOf(period, requirementId);
    for (const kind of await laggingKinds(db, period, requirementId, today, plan.readWholeBelow)) {
      parts.push(
        kind.common
          ? // the lateral subquery (offset 0 keeps it one) is looked up per organization, in name order, until `limit` are found
            sql`(select ${columns} from orgs o cross join lateral (select * from compliance_results r where r.org_id = o.id and ${of} and ${kind.filter} offset 0) r
                 where o.path <@ ${path}::ltree order by o.name, o.id limit ${limit})`
          : sql`(select ${columns} from compliance_results r join orgs o on o.id = r.org_id
                 where ${of} and ${kind.filter} and o.path <@ ${path}::ltree order by o.name, o.id limit ${limit})`,
      );
    }
  }
  if (parts.length === 0) return [];
  return queryRows<LaggingRow>(db, sql`select * from (${sql.join(parts, sql` union `)}) l order by "orgName", "orderId", position`);
}

/**
 * The kinds of a requirement's rows not met in a period, in the roll-up's order on `today`: missed
 * (stored so, or due with a first pending sub-period over: stale, missed once worked out), then due
 * by days left (the due rows' first pending sub-periods take a few distinct values, found by
 * skipping through compliance_results_lagging), each with a filter and whether it has at least
 * `common` rows in the period (counted up to that, so never more than that is read).
 */
async function laggingKinds(db: Db, period: string, requirementId: string, today: string, common: number): Promise<{ filter: SQL; common: boolean }[]> {
  const of = notMetOf(period, requirementId);
  // at least one, to tell an empty kind
  const upTo = Math.max(common, 1);
  const first = sql`${FIRST_END}, ${FIRST_START}`;
  const rows = await queryRows<{ status: string; end: string | null; start: string | null; daysLeft: number | null; n: number }>(
    db,
    sql`with recursive firsts(e, s) as (
          (select ${first} from compliance_results r where ${of} and r.status = 'due' order by 1, 2 limit 1)
          union all
          select n.e, n.s from firsts f cross join lateral (
            select ${first} from compliance_results r where ${of} and r.status = 'due' and (${first}) > (f.e, f.s) order by 1, 2 limit 1) n(e, s))
        select 'missed' as status, null::text as "end", null::text as "start", null::int as "daysLeft",
               (select count(*)::int from (select 1 from compliance_results r where ${of} and r.status = 'missed' limit ${upTo}) c) as n
        union all
        select 'due', f.e, f.s, ${daysLeftIn(sql`f.e`, sql`f.s`, today)}::int,
               (select count(*)::int from (select 1 from compliance_results r where ${of} and r.status = 'due' and ${FIRST_END} = f.e and ${FIRST_START} = f.s limit ${upTo}) c)
        from firsts f`,
  );
  const kinds: { filter: SQL; common: boolean }[] = [];
  const stale = rows.filter((r) => r.status === 'due' && r.end! < today);
  const missed = [rows.find((r) => r.status === 'missed')!, ...stale].reduce((n, r) => n + r.n, 0);
  if (missed > 0) kinds.push({ filter: sql`(r.status = 'missed' or (r.status = 'due' and ${FIRST_END} < ${today}))`, common: missed >= common });
  // due rows with the same days left are one kind: they are ordered by name together
  const byDays = new Map<number, typeof rows>();
  for (const r of rows.filter((x) => x.status === 'due' && !stale.includes(x))) byDays.set(r.daysLeft!, [...(byDays.get(r.daysLeft!) ?? []), r]);
  for (const [, groups] of [...byDays].sort(([a], [b]) => a - b)) {
    const pairs = groups.map((g) => sql`(${FIRST_END} = ${g.end} and ${FIRST_START} = ${g.start})`);
    kinds.push({ filter: sql`r.status = 'due' and (${sql.join(pairs, sql` or `)})`, common: groups.reduce((n, g) => n + g.n, 0) >= common });
  }
  return kinds;
}

/** Organizations below the top of a subtree with rule-pack versions of their own. */
export async function versionedBelow(db: Db, path: string): Promise<{ id: string; path: string }[]> {
  return db
    .selectDistinct({ id: orgs.id, path: sql<string>`${orgs.path}::text` })
    .from(rulePackVersions)
    .innerJoin(orgs, eq(orgs.id, rulePackVersions.orgId))
    .where(sql`${orgs.path} <@ ${path}::ltree and ${orgs.path} <> ${path}::ltree`);
}

/** The first organization by name with a result for the period, on a path but not below any of `except`. */
export async function firstWithResults(db: Db, path: string, except: string[], period: string): Promise<{ name: string; id: string } | undefined> {
  const outside = except.length ? sql`and not (o.path <@ any(${`{${except.join(',')}}`}::ltree[]))` : sql``;
  const [row] = await queryRows<{ name: string; id: string }>(
    db,
    sql`select o.name, o.id from orgs o
        where o.path <@ ${path}::ltree ${outside}
          and exists (select 1 from compliance_results r where r.org_id = o.id and r.period = ${period})
        order by o.name, o.id limit 1`,
  );
  return row;
}

/** Sorts (name, id) pairs as the database orders names, so that groups come in the order of the live evaluation. */
export async function sortByName(db: Db, keys: { name: string; id: string }[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const values = keys.map((k) => sql`(${k.name}::text, ${k.id}::text)`);
  const rows = await queryRows<{ id: string }>(db, sql`select id from (values ${sql.join(values, sql`, `)}) v(name, id) order by name, id`);
  return rows.map((r) => r.id);
}

export async function rowsFor(db: Db, orgIds: string[], periods: string[], requirementId?: string): Promise<ResultRow[]> {
  if (orgIds.length === 0 || periods.length === 0) return [];
  return db
    .select()
    .from(complianceResults)
    .where(
      and(
        inArray(complianceResults.orgId, orgIds),
        inArray(complianceResults.period, periods),
        requirementId === undefined ? undefined : eq(complianceResults.requirementId, requirementId),
      ),
    );
}

/** Rows still due in a period, of the organizations not dissolved inside any of these subtrees (the reminders). */
export async function dueRows(db: Db, period: string, scopes: string[]) {
  if (scopes.length === 0) return [];
  return queryRows<ResultRow & { orgPath: string }>(
    db,
    sql`select r.org_id as "orgId", o.path::text as "orgPath", r.period, r.requirement_id as "requirementId", r.position, r.requirement, r.severity,
               r.per, r.required, r.count, r.status, r."window", r.missed_periods as "missedPeriods", r.pending
        from compliance_results r join orgs o on o.id = r.org_id
        where r.period = ${period} and r.status = 'due' and o.dissolved_on is null
          and (${sql.join(scopes.map((s) => sql`o.path <@ ${s}::ltree`), sql` or `)})
        order by o.id, r.position`,
  );
}
