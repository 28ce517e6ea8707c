import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { deferredTotals, type DeferredTotals } from '../../db/deferredTotals';
import { rulePackVersions } from '../../db/schema/activities';
import { orgActivityMonths, orgKindCounts, orgMemberFacets, orgTermCounts } from '../../db/schema/dashboard';
import { orgs } from '../../db/schema/orgs';
import { ancestorsChange, labelsOf } from '../orgs/queries';
import type { OrgType, Sector } from '../../../domain/enums';
import { BRANCH_TYPES, TERM_RULE, termKind, termYearsOf, type TermKind } from '../../../domain/rules/orgFindings';

export const FACETS = ['gender', 'education', 'status', 'category', 'birth_year', 'joined_year'] as const;
export type Facet = (typeof FACETS)[number];

/** The member fields the facets are made of (a member row or a validated record). */
export interface FacetSource {
  gender: string;
  education: string | null;
  status: string;
  category: string;
  birthDate: string;
  joinedOn: string;
}

export function facetValues(m: FacetSource): [Facet, string][] {
  return [
    ['gender', m.gender],
    ['education', m.education ?? ''],
    ['status', m.status],
    ['category', m.category],
    ['birth_year', String(Number(m.birthDate.slice(0, 4)))],
    ['joined_year', String(Number(m.joinedOn.slice(0, 4)))],
  ];
}

/** Adds the deltas to the facet rows of each organization (upsert; rows at 0 stay, reads skip them). */
async function addToFacets(db: Db, orgIds: string[], deltas: [Facet, string, number][]): Promise<void> {
  const rows = orgIds.flatMap((orgId) => deltas.filter(([, , n]) => n !== 0).map(([facet, value, n]) => ({ orgId, facet, value, n })));
  const deferred = deferredTotals(db);
  if (deferred) {
    for (const r of rows) {
      const key = [r.orgId, r.facet, r.value].join('\u0000');
      deferred.facets.set(key, (deferred.facets.get(key) ?? 0) + r.n);
    }
    return;
  }
  await writeFacetRows(db, rows);
}

/** Writes deferred facet deltas, a batch of rows at a time. */
export async function applyDeferredFacets(db: Db, facets: DeferredTotals['facets']): Promise<void> {
  const rows = [...facets]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => {
      const [orgId, facet, value] = key.split('\u0000') as [string, Facet, string];
      return { orgId, facet, value, n };
    });
  for (let i = 0; i < rows.length; i += 1000) await writeFacetRows(db, rows.slice(i, i + 1000));
}

async function writeFacetRows(db: Db, rows: { orgId: string; facet: Facet; value: string; n: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(orgMemberFacets)
    .values(rows)
    .onConflictDoUpdate({
      target: [orgMemberFacets.orgId, orgMemberFacets.facet, orgMemberFacets.value],
      set: { n: sql`${orgMemberFacets.n} + excluded.n` },
    });
}

/** Keeps org_member_facets in step: a member (delta +1 or -1) counts for the org on `path` and every ancestor. */
export async function adjustFacets(db: Db, path: string, member: FacetSource, delta: number): Promise<void> {
  if (delta === 0) return;
  await addToFacets(
    db,
    labelsOf(path),
    facetValues(member).map(([f, v]) => [f, v, delta]),
  );
}

/** An update in place: the old record's facets off, the new record's on (only what changed is written). */
export async function changeFacets(db: Db, path: string, before: FacetSource, after: FacetSource): Promise<void> {
  const old = facetValues(before);
  const deltas: [Facet, string, number][] = [];
  facetValues(after).forEach(([facet, value], i) => {
    const previous = old[i]![1];
    if (previous === value) return;
    deltas.push([facet, previous, -1], [facet, value, 1]);
  });
  await addToFacets(db, labelsOf(path), deltas);
}

/** A moved subtree takes its facet totals off the old ancestors and onto the new ones (common ancestors keep them). */
export async function shiftSubtreeFacets(db: Db, oldParentPath: string, newParentPath: string, orgId: string): Promise<void> {
  const { leaving, arriving } = ancestorsChange(oldParentPath, newParentPath);
  const totals = await db
    .select({ facet: orgMemberFacets.facet, value: orgMemberFacets.value, n: orgMemberFacets.n })
    .from(orgMemberFacets)
    .where(and(eq(orgMemberFacets.orgId, orgId), sql`${orgMemberFacets.n} <> 0`));
  if (totals.length === 0) return;
  await addToFacets(db, leaving, totals.map((t) => [t.facet as Facet, t.value, -t.n]));
  await addToFacets(db, arriving, totals.map((t) => [t.facet as Facet, t.value, t.n]));
}

/** Fills an empty org_member_facets from the members table (the migration's backfill; bulk loaders use it too). */
export const FILL_FACETS_SQL = `
insert into org_member_facets (org_id, facet, value, n)
select a.org_id, f.facet, f.value, count(*)::int
from members m
cross join lateral (values
  ('gender', m.gender),
  ('education', coalesce(m.education, '')),
  ('status', m.status),
  ('category', m.category),
  ('birth_year', extract(year from m.birth_date)::int::text),
  ('joined_year', extract(year from m.joined_on)::int::text)
) as f(facet, value)
cross join lateral unnest(string_to_array(m.org_path::text, '.')) as a(org_id)
group by a.org_id, f.facet, f.value`;

export async function facetsOf(db: Db, orgId: string): Promise<{ facet: string; value: string; n: number }[]> {
  return db
    .select({ facet: orgMemberFacets.facet, value: orgMemberFacets.value, n: orgMemberFacets.n })
    .from(orgMemberFacets)
    .where(and(eq(orgMemberFacets.orgId, orgId), sql`${orgMemberFacets.n} > 0`));
}

const inSubtree = (path: string) => sql`${orgs.path} <@ ${path}::ltree`;

/** Active organizations of the subtree (the root included) by type and by sector ('' when none), from org_kind_counts. */
export async function orgsByTypeAndSector(db: Db, orgId: string) {
  return db
    .select({ type: orgKindCounts.type, sector: orgKindCounts.sector, n: orgKindCounts.n })
    .from(orgKindCounts)
    .where(and(eq(orgKindCounts.orgId, orgId), sql`${orgKindCounts.n} > 0`));
}

/** An organization as org_kind_counts and org_term_counts count it. */
export interface OrgTally {
  path: string;
  type: string;
  sector: string | null;
  termElectedOn: string | null;
  dissolvedOn: string | null;
}

const SQL_LIST = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** termKind (domain/rules/orgFindings.ts) of the organization `o`, in SQL; callers leave out the types without a term. */
const TERM_KIND_SQL = `case when o.sector in (${SQL_LIST(TERM_RULE.villageCommunitySectors)}) then 'village_community'
  when o.type in (${SQL_LIST(TERM_RULE.committeeTypes)}) then 'committee' else 'branch' end`;
const HAS_TERM_SQL = `o.dissolved_on is null and o.term_elected_on is not null and o.type not in (${SQL_LIST(TERM_RULE.noTerm)})`;

/** What org_kind_counts and org_term_counts hold, counted live from orgs (their backfill, and the check that they are right). */
export const LIVE_ORG_KINDS_SQL = `
select a.org_id, o.type, coalesce(o.sector, '') as sector, count(*)::int as n
from orgs o cross join lateral unnest(string_to_array(o.path::text, '.')) as a(org_id)
where o.dissolved_on is null
group by a.org_id, o.type, coalesce(o.sector, '')`;
export const LIVE_TERM_COUNTS_SQL = `
select a.org_id, ${TERM_KIND_SQL} as kind, o.term_elected_on as elected_on, count(*)::int as n
from orgs o cross join lateral unnest(string_to_array(o.path::text, '.')) as a(org_id)
where ${HAS_TERM_SQL}
group by 1, 2, 3`;
export const FILL_ORG_KINDS_SQL = `insert into org_kind_counts (org_id, type, sector, n) ${LIVE_ORG_KINDS_SQL}`;
export const FILL_TERM_COUNTS_SQL = `insert into org_term_counts (org_id, kind, elected_on, n) ${LIVE_TERM_COUNTS_SQL}`;

const netted = (deltas: Map<string, number>) =>
  [...deltas]
    .filter(([, n]) => n !== 0)
    // in key order, so two transactions touching the same ancestors lock their rows in the same order
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => [key.split('\u0000'), n] as const);

function add(deltas: Map<string, number>, key: string[], n: number) {
  const k = key.join('\u0000');
  deltas.set(k, (deltas.get(k) ?? 0) + n);
}

async function writeOrgTallies(db: Db, kinds: Map<string, number>, terms: Map<string, number>): Promise<void> {
  const kindRows = netted(kinds).map(([[orgId, type, sector], n]) => ({ orgId: orgId!, type: type!, sector: sector!, n }));
  const termRows = netted(terms).map(([[orgId, kind, electedOn], n]) => ({ orgId: orgId!, kind: kind!, electedOn: electedOn!, n }));
  for (let i = 0; i < kindRows.length; i += 1000) {
    await db
      .insert(orgKindCounts)
      .values(kindRows.slice(i, i + 1000))
      .onConflictDoUpdate({ target: [orgKindCounts.orgId, orgKindCounts.type, orgKindCounts.sector], set: { n: sql`${orgKindCounts.n} + excluded.n` } });
  }
  for (let i = 0; i < termRows.length; i += 1000) {
    await db
      .insert(orgTermCounts)
      .values(termRows.slice(i, i + 1000))
      .onConflictDoUpdate({ target: [orgTermCounts.orgId, orgTermCounts.kind, orgTermCounts.electedOn], set: { n: sql`${orgTermCounts.n} + excluded.n` } });
  }
}

/**
 * Keeps org_kind_counts and org_term_counts in step with an organization write in the same
 * transaction: each organization as it was counts -1 and as it is now +1, for it and every
 * ancestor (an active organization only; its term only when it has one).
 */
export async function tallyOrgs(db: Db, removed: OrgTally[], added: OrgTally[]): Promise<void> {
  const kinds = new Map<string, number>();
  const terms = new Map<string, number>();
  const count = (o: OrgTally, n: number) => {
    if (o.dissolvedOn) return;
    const kind = termKind(o.type as OrgType, o.sector as Sector | null);
    for (const orgId of labelsOf(o.path)) {
      add(kinds, [orgId, o.type, o.sector ?? ''], n);
      if (kind && o.termElectedOn) add(terms, [orgId, kind, o.termElectedOn], n);
    }
  };
  removed.forEach((o) => count(o, -1));
  added.forEach((o) => count(o, 1));
  await writeOrgTallies(db, kinds, terms);
}

/** A moved subtree takes its organization and term counts off the old ancestors and onto the new ones (common ancestors keep them). */
export async function shiftSubtreeOrgs(db: Db, oldParentPath: string, newParentPath: string, orgId: string): Promise<void> {
  const { leaving, arriving } = ancestorsChange(oldParentPath, newParentPath);
  const kindTotals = await db.select().from(orgKindCounts).where(and(eq(orgKindCounts.orgId, orgId), sql`${orgKindCounts.n} <> 0`));
  const termTotals = await db.select().from(orgTermCounts).where(and(eq(orgTermCounts.orgId, orgId), sql`${orgTermCounts.n} <> 0`));
  const kinds = new Map<string, number>();
  const terms = new Map<string, number>();
  for (const [ids, sign] of [[leaving, -1], [arriving, 1]] as const) {
    for (const id of ids) {
      kindTotals.forEach((t) => add(kinds, [id, t.type, t.sector], sign * t.n));
      termTotals.forEach((t) => add(terms, [id, t.kind, t.electedOn], sign * t.n));
    }
  }
  await writeOrgTallies(db, kinds, terms);
}

/** An activity as org_activity_months counts it: where its hosts are, its day, type and state. */
export interface ActivityTally {
  hostPaths: string[];
  heldOn: string;
  type: string;
  state: string;
}


/**
 * Keeps org_activity_months in step with activity writes in the same transaction: each removed
 * tally (an activity as it was) counts -1 and each added one (as it is now) +1, once for every
 * organization whose subtree holds any of its hosts. Deltas are netted first, so an edit that
 * changes nothing counted writes nothing, and one statement never touches a row twice.
 */
export async function tallyActivities(db: Db, removed: ActivityTally[], added: ActivityTally[]): Promise<void> {
  const deltas = new Map<string, number>();
  const count = (a: ActivityTally, n: number) => {
    for (const orgId of new Set(a.hostPaths.flatMap(labelsOf))) add(deltas, [orgId, a.heldOn.slice(0, 7), a.type, a.state], n);
  };
  removed.forEach((a) => count(a, -1));
  added.forEach((a) => count(a, 1));
  const rows = netted(deltas).map(([[orgId, month, type, state], n]) => ({ orgId: orgId!, month: month!, type: type!, state: state!, n }));
  if (rows.length === 0) return;
  await db
    .insert(orgActivityMonths)
    .values(rows)
    .onConflictDoUpdate({
      target: [orgActivityMonths.orgId, orgActivityMonths.month, orgActivityMonths.type, orgActivityMonths.state],
      set: { n: sql`${orgActivityMonths.n} + excluded.n` },
    });
}

/**
 * Adds (sign 1) or takes off (sign -1) what the activities with a host inside `subtreePath` count
 * for each of `orgIds`, by the paths the hosts have at the time. A move takes the subtree's
 * activities off the leaving and arriving ancestors before the paths change and puts them back
 * after: a joint activity whose other host stays under an old ancestor keeps counting there, and
 * one whose other host is already under a new ancestor is not counted twice.
 */
export async function countSubtreeActivities(db: Db, subtreePath: string, orgIds: string[], sign: 1 | -1): Promise<void> {
  if (orgIds.length === 0) return;
  const rows = await queryRows<{ orgId: string; month: string; type: string; state: string; n: number }>(
    db,
    sql`with moved as (select distinct activity_id from activity_hosts where org_path <@ ${subtreePath}::ltree and accepted_at is not null)
        select a.id as "orgId", to_char(h.held_on, 'YYYY-MM') as month, h.type, h.state, count(distinct h.activity_id)::int as n
        from moved m
        join activity_hosts h on h.activity_id = m.activity_id and h.accepted_at is not null
        join orgs a on a.id in (${sql.join(
          orgIds.map((id) => sql`${id}`),
          sql`, `,
        )}) and h.org_path <@ a.path
        group by a.id, to_char(h.held_on, 'YYYY-MM'), h.type, h.state`,
  );
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(orgActivityMonths)
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r, n: sign * r.n })))
      .onConflictDoUpdate({
        target: [orgActivityMonths.orgId, orgActivityMonths.month, orgActivityMonths.type, orgActivityMonths.state],
        set: { n: sql`${orgActivityMonths.n} + excluded.n` },
      });
  }
}

/**
 * Fills an empty org_activity_months from activity_hosts (migration 0004's backfill; bulk loaders
 * use it too). Ancestors come from the hosts' current paths in orgs.
 */
export const FILL_ACTIVITY_MONTHS_SQL = `
insert into org_activity_months (org_id, month, type, state, n)
select a.org_id, to_char(h.held_on, 'YYYY-MM'), h.type, h.state, count(distinct h.activity_id)::int
from activity_hosts h
join orgs o on o.id = h.org_id and h.accepted_at is not null
cross join lateral unnest(string_to_array(o.path::text, '.')) as a(org_id)
group by a.org_id, to_char(h.held_on, 'YYYY-MM'), h.type, h.state`;

/** Held activities of the organization's subtree per month and type, from org_activity_months. */
export async function activitiesByMonth(db: Db, orgId: string, fromMonth: string, toMonth: string) {
  return db
    .select({ month: orgActivityMonths.month, type: orgActivityMonths.type, n: orgActivityMonths.n })
    .from(orgActivityMonths)
    .where(
      and(
        eq(orgActivityMonths.orgId, orgId),
        eq(orgActivityMonths.state, 'held'),
        gte(orgActivityMonths.month, fromMonth),
        lte(orgActivityMonths.month, toMonth),
        sql`${orgActivityMonths.n} > 0`,
      ),
    );
}

/** The first `limit` active branches of the subtree by name. */
export async function branchesOf(db: Db, path: string, limit: number) {
  return db
    .select()
    .from(orgs)
    .where(and(inSubtree(path), inArray(orgs.type, [...BRANCH_TYPES]), isNull(orgs.dissolvedOn)))
    .orderBy(asc(orgs.name), asc(orgs.id))
    .limit(limit);
}

type TermYears = { committeeYears: number; branchYears: number; villageCommunityYears: number };

/** A pack's term length for a kind of term (termYearsOf, in SQL). */
const yearsOfKind = (kind: SQL, years: Record<'villageCommunity' | 'committee' | 'branch', SQL>) =>
  sql`case ${kind} when 'village_community' then ${years.villageCommunity} when 'committee' then ${years.committee} else ${years.branch} end`;

export interface TermRow {
  id: string;
  name: string;
  type: string;
  electedOn: string;
  expiresOn: string;
  /** expired on or before today */
  ended: boolean;
  /** how many of its kind (ended or not) there are */
  n: number;
}

/**
 * Terms of the subtree's active organizations elected up to `electedBy` that expire by `until`:
 * for those ended by `today` and for the others, how many, and the organizations up to the
 * `first`-th expiry date (every one on that date too), which the caller orders by date and name.
 * The expiry is what termDates gives (domain/rules/orgFindings.ts): the years its TERM_RULE gives,
 * applied here in SQL, under the pack of the deepest of `packs` above the
 * organization (`packs` deepest first, the subtree's own last), added as addYears adds them (the
 * month's last day where the date does not exist). At a province's top this counts 150,000 terms in
 * SQL instead of sending 175,000 candidates to be worked out and sorted on the event loop.
 */
export async function termsEnding(
  db: Db,
  path: string,
  packs: { path: string; terms: TermYears }[],
  electedBy: string,
  today: string,
  until: string,
  first: number,
): Promise<TermRow[]> {
  const yearsOf = (t: TermYears) =>
    yearsOfKind(sql.raw(TERM_KIND_SQL), { villageCommunity: sql`${t.villageCommunityYears}::int`, committee: sql`${t.committeeYears}::int`, branch: sql`${t.branchYears}::int` });
  const own = packs.at(-1)!;
  const below = packs.slice(0, -1).map((p) => sql`when o.path <@ ${p.path}::ltree then ${yearsOf(p.terms)} `);
  const years = below.length ? sql`case ${sql.join(below, sql``)}else ${yearsOf(own.terms)} end` : yearsOf(own.terms);
  return queryRows<TermRow>(
    db,
    sql`select id, name, type, "electedOn", expires::text as "expiresOn", ended, n::int as n from (
          select t.*, count(*) over w as n, rank() over (w order by t.expires) as rank from (
            select o.id, o.name, o.type, o.term_elected_on::text as "electedOn", e.expires, e.expires <= ${today}::date as ended
            from orgs o cross join lateral (select (o.term_elected_on + make_interval(years => ${years}))::date as expires) e
            where o.path <@ ${path}::ltree and ${sql.raw(HAS_TERM_SQL)}
              and o.term_elected_on between '0001-01-01' and ${electedBy}::date and e.expires <= ${until}::date) t
          window w as (partition by t.ended)) x
        where rank <= ${first}`,
  );
}

/** Where one rule pack serves inside a subtree: the subtree of `orgId` less the subtrees of the packs below it. */
export interface PackRegion {
  orgId: string;
  path: string;
  terms: TermYears;
  below: { orgId: string; path: string }[];
}

/**
 * How many terms of a region's active organizations of one kind ended by `today` (`ended`) or end
 * after it and by `until`, and the election day by which the first `first` of them were elected
 * (null where there are no more).
 */
export interface TermCount {
  region: number;
  kind: TermKind;
  ended: boolean;
  n: number;
  electedBy: string | null;
}

/**
 * The terms ending of each region (its index in `regions`) and kind, from org_term_counts: each
 * region's subtree counts with its pack's years, less the subtrees below it that have packs of
 * their own. A few thousand rows at a province's top.
 */
export async function termCounts(db: Db, regions: PackRegion[], today: string, until: string, first: number): Promise<TermCount[]> {
  const groups = regions.flatMap((r, region) => [{ region, orgId: r.orgId, sign: 1, t: r.terms }, ...r.below.map((b) => ({ region, orgId: b.orgId, sign: -1, t: r.terms }))]);
  const values = groups.map((g) => sql`(${g.region}::int, ${g.orgId}::text, ${g.sign}::int, ${g.t.committeeYears}::int, ${g.t.branchYears}::int, ${g.t.villageCommunityYears}::int)`);
  const rows = await queryRows<TermCount>(
    db,
    sql`with days as (
          select g.region, c.kind, e.expires <= ${today}::date as ended, c.elected_on, sum(g.sign * c.n) as n
          from (values ${sql.join(values, sql`, `)}) as g(region, org_id, sign, committee, branch, village_community)
          join org_term_counts c on c.org_id = g.org_id and c.n <> 0
          cross join lateral (select (c.elected_on + make_interval(years => ${yearsOfKind(sql`c.kind`, {
            villageCommunity: sql`g.village_community`,
            committee: sql`g.committee`,
            branch: sql`g.branch`,
          })}))::date as expires) e
          where e.expires <= ${until}::date
          group by 1, 2, 3, 4)
        select region, kind, ended, sum(n)::int as n, min(elected_on) filter (where running >= ${first})::text as "electedBy"
        from (select *, sum(n) over (partition by region, kind, ended order by elected_on) as running from days) d
        group by 1, 2, 3`,
  );
  return rows.filter((r) => r.n > 0);
}

/**
 * The terms of the regions' active organizations that ended by `today`, and those ending after it
 * and by `until`: for each region and kind of term that has any (`counts`), those elected by the
 * day its first `first` were (`electedBy`) and the day after it (a 28 February and a 29 February
 * election end on the same day in a common year). Among those, the first `first` of each list by
 * date and name are exact. A range of an index on election day, whatever the size of the subtree.
 */
export async function firstTerms(db: Db, regions: PackRegion[], counts: TermCount[], today: string, until: string): Promise<Omit<TermRow, 'n'>[]> {
  const arms = counts.map((count) => {
    const r = regions[count.region]!;
    const years = termYearsOf(count.kind, r.terms);
    const expires = sql`(o.term_elected_on + make_interval(years => ${years}::int))::date`;
    const phase = count.ended ? sql`${expires} <= ${today}::date` : sql`${expires} > ${today}::date and ${expires} <= ${until}::date`;
    const upTo = count.electedBy ? sql`and o.term_elected_on <= ${count.electedBy}::date + 1` : sql``;
    const where = sql.raw(`${HAS_TERM_SQL} and (${TERM_KIND_SQL}) = '${count.kind}'`);
    return sql`(select o.id, o.name, o.type, o.term_elected_on::text as "electedOn", ${expires}::text as "expiresOn", ${expires} <= ${today}::date as ended
      from orgs o where o.path <@ ${r.path}::ltree and not (o.path <@ ${sql.param(r.below.map((b) => b.path))}::text[]::ltree[]) and ${where} and ${phase} ${upTo})`;
  });
  return arms.length ? queryRows<Omit<TermRow, 'n'>>(db, sql.join(arms, sql` union all `)) : [];
}

/** Organizations of the subtree (the root excluded) with their own rule-pack versions: where the pack can change. */
export async function versionedBelow(db: Db, path: string) {
  const ids = db.selectDistinct({ orgId: rulePackVersions.orgId }).from(rulePackVersions);
  return db
    .select({ id: orgs.id, path: orgs.path })
    .from(orgs)
    .where(and(sql`${orgs.path} <@ ${path}::ltree`, sql`${orgs.path} <> ${path}::ltree`, inArray(orgs.id, ids)));
}
