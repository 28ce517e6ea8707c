import { and, asc, eq, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { prepared, UNNAMED } from '../../db/prepared';
import { todayInChina } from '../../../domain/dates';
import { deferredTotals, type DeferredTotals } from '../../db/deferredTotals';
import { fullMembersChanged } from '../compliance/results';
import { members } from '../../db/schema/members';
import { committeeRoles, orgCounts, orgs, partyGroups } from '../../db/schema/orgs';

export type OrgRow = typeof orgs.$inferSelect;

export function labelsOf(path: string): string[] {
  return path.split('.');
}

/** A subtree moving from one parent to another leaves some ancestors and arrives under others; common ancestors keep it. */
export function ancestorsChange(oldParentPath: string, newParentPath: string): { leaving: string[]; arriving: string[] } {
  const oldIds = labelsOf(oldParentPath);
  const newIds = labelsOf(newParentPath);
  return { leaving: oldIds.filter((id) => !newIds.includes(id)), arriving: newIds.filter((id) => !oldIds.includes(id)) };
}

const summaryColumns = {
  org: orgs,
  members: sql<number>`coalesce(${orgCounts.members}, 0)`.mapWith(Number),
  fullMembers: sql<number>`coalesce(${orgCounts.fullMembers}, 0)`.mapWith(Number),
  hasChildren: sql<boolean>`exists (select 1 from orgs ch where ch.parent_id = ${orgs.id})`.mapWith(Boolean),
};

export async function selectSummaries(db: Db, where: SQL | undefined, limit = 500) {
  return db
    .select(summaryColumns)
    .from(orgs)
    .leftJoin(orgCounts, eq(orgCounts.orgId, orgs.id))
    .where(where)
    .orderBy(asc(orgs.dissolvedOn), asc(orgs.name))
    .limit(limit);
}

/** One organization with its summary figures and its own direct counts, for its detail page. */
const detailStatement = prepared((db) =>
  db
    .select({
      ...summaryColumns,
      directMembers: sql<number>`coalesce(${orgCounts.directMembers}, 0)`.mapWith(Number),
      directFullMembers: sql<number>`coalesce(${orgCounts.directFullMembers}, 0)`.mapWith(Number),
    })
    .from(orgs)
    .leftJoin(orgCounts, eq(orgCounts.orgId, orgs.id))
    .where(eq(orgs.id, sql.placeholder('id')))
    .prepare(UNNAMED),
);

export async function detailOf(db: Db, id: string) {
  const [row] = await detailStatement(db).execute({ id });
  return row;
}

export const childrenOf = (parentId: string) => eq(orgs.parentId, parentId);
export const isRoot = () => isNull(orgs.parentId);
export const idIn = (ids: string[]) => inArray(orgs.id, ids);

export function nameMatches(q: string, scopes: string[] | null): SQL | undefined {
  const like = ilike(orgs.name, `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  const likeShort = ilike(orgs.shortName, `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
  const text = sql`(${like} or ${likeShort})`;
  if (scopes === null) return text;
  if (scopes.length === 0) return sql`false`;
  return and(text, sql`(${sql.join(scopes.map((s) => sql`${orgs.path} <@ ${s}::ltree`), sql` or `)})`);
}

export async function getOrg(db: Db, id: string): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
  return row;
}

export async function getOrgs(db: Db, ids: string[]): Promise<Map<string, OrgRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(orgs).where(inArray(orgs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

// one array parameter, so any number of ids is one statement (no 65,535-parameter limit)
const namesStatement = prepared((db) =>
  db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(sql`${orgs.id} = any(${sql.placeholder('ids')}::text[])`).prepare(UNNAMED),
);

export async function namesByIds(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await namesStatement(db).execute({ ids: [...new Set(ids)] });
  return new Map(rows.map((r) => [r.id, r.name]));
}

const membersSum = { n: sql<number>`coalesce(sum(${orgCounts.members}), 0)`.mapWith(Number) };
const membersOfRootsStatement = prepared((db) =>
  db
    .select(membersSum)
    .from(orgCounts)
    .where(sql`${orgCounts.orgId} in (select ${orgs.id} from ${orgs} where ${orgs.parentId} is null)`)
    .prepare(UNNAMED),
);
const membersOfStatement = prepared((db) =>
  db
    .select(membersSum)
    .from(orgCounts)
    .where(sql`${orgCounts.orgId} = any(${sql.placeholder('ids')}::text[])`)
    .prepare(UNNAMED),
);

/** Members of the whole tree (null) or of these organizations' subtrees (none inside another), from the maintained counts. */
export async function membersWithin(db: Db, orgIds: string[] | null): Promise<number> {
  if (orgIds?.length === 0) return 0;
  const [row] = orgIds === null ? await membersOfRootsStatement(db).execute() : await membersOfStatement(db).execute({ ids: orgIds });
  return row?.n ?? 0;
}

const countsStatement = prepared((db) => db.select().from(orgCounts).where(eq(orgCounts.orgId, sql.placeholder('orgId'))).prepare(UNNAMED));

export async function countsOf(db: Db, orgId: string) {
  const [row] = await countsStatement(db).execute({ orgId });
  return row ?? { orgId, members: 0, fullMembers: 0, directMembers: 0, directFullMembers: 0 };
}

/** Keeps org_counts in step: the org's own direct counts and the subtree counts of it and every ancestor. */
export async function adjustCounts(db: Db, path: string, dMembers: number, dFull: number): Promise<void> {
  if (dMembers === 0 && dFull === 0) return;
  const ids = labelsOf(path);
  const own = ids[ids.length - 1]!;
  const deferred = deferredTotals(db);
  if (deferred) {
    for (const id of ids) {
      const t = deferred.counts.get(id) ?? [0, 0, 0, 0];
      deferred.counts.set(id, [t[0] + dMembers, t[1] + dFull, t[2] + (id === own ? dMembers : 0), t[3] + (id === own ? dFull : 0)]);
    }
    return;
  }
  await db
    .update(orgCounts)
    .set({
      members: sql`${orgCounts.members} + ${dMembers}`,
      fullMembers: sql`${orgCounts.fullMembers} + ${dFull}`,
      directMembers: sql`${orgCounts.directMembers} + case when ${orgCounts.orgId} = ${own} then ${dMembers}::int else 0 end`,
      directFullMembers: sql`${orgCounts.directFullMembers} + case when ${orgCounts.orgId} = ${own} then ${dFull}::int else 0 end`,
    })
    .where(inArray(orgCounts.orgId, ids));
  await fullMembersChanged(db, todayInChina(), ids.map((orgId) => ({ orgId, dFull })));
}

/** Writes deferred count deltas: one statement for up to 1000 organizations. */
export async function applyDeferredCounts(db: Db, counts: DeferredTotals['counts']): Promise<void> {
  const rows = [...counts].filter(([, deltas]) => deltas.some((d) => d !== 0));
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).map(([orgId, [m, f, dm, df]]) => sql`(${orgId}, ${m}::int, ${f}::int, ${dm}::int, ${df}::int)`);
    await db.execute(sql`
      update org_counts c
         set members = c.members + d.m, full_members = c.full_members + d.f,
             direct_members = c.direct_members + d.dm, direct_full_members = c.direct_full_members + d.df
        from (values ${sql.join(values, sql`, `)}) as d(org_id, m, f, dm, df)
       where c.org_id = d.org_id`);
  }
  await fullMembersChanged(db, todayInChina(), [...counts].map(([orgId, [, dFull]]) => ({ orgId, dFull })));
}

/** Subtree totals move with the subtree: off the old ancestors, onto the new ones. */
export async function shiftSubtreeCounts(db: Db, oldParentPath: string, newParentPath: string, dMembers: number, dFull: number) {
  if (dMembers === 0 && dFull === 0) return;
  for (const [path, sign] of [
    [oldParentPath, -1],
    [newParentPath, 1],
  ] as const) {
    await db
      .update(orgCounts)
      .set({ members: sql`${orgCounts.members} + ${sign * dMembers}`, fullMembers: sql`${orgCounts.fullMembers} + ${sign * dFull}` })
      .where(inArray(orgCounts.orgId, labelsOf(path)));
    await fullMembersChanged(db, todayInChina(), labelsOf(path).map((orgId) => ({ orgId, dFull: sign * dFull })));
  }
}

export async function rewriteSubtreePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  const depth = labelsOf(oldPath).length;
  await db.execute(sql`
    update orgs set path = case when path = ${oldPath}::ltree then ${newPath}::ltree
                                else ${newPath}::ltree || subpath(path, ${depth}) end
    where path <@ ${oldPath}::ltree`);
  await db.execute(sql`
    update members set org_path = case when org_path = ${oldPath}::ltree then ${newPath}::ltree
                                       else ${newPath}::ltree || subpath(org_path, ${depth}) end
    where org_path <@ ${oldPath}::ltree`);
  // activities are found by their hosts' paths (subtree lists, the dashboard's counts): they move too
  await db.execute(sql`
    update activity_hosts set org_path = case when org_path = ${oldPath}::ltree then ${newPath}::ltree
                                              else ${newPath}::ltree || subpath(org_path, ${depth}) end
    where org_path <@ ${oldPath}::ltree`);
  await db.execute(sql`
    update activities set org_path = case when org_path = ${oldPath}::ltree then ${newPath}::ltree
                                          else ${newPath}::ltree || subpath(org_path, ${depth}) end
    where org_path <@ ${oldPath}::ltree`);
}

export async function activeChildrenCount(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(orgs)
    .where(and(eq(orgs.parentId, orgId), isNull(orgs.dissolvedOn)));
  return row?.n ?? 0;
}

export async function siblingWithName(db: Db, parentId: string | null, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(parentId ? eq(orgs.parentId, parentId) : isNull(orgs.parentId), eq(orgs.name, name), isNull(orgs.dissolvedOn)));
  return row && row.id !== exceptId ? row : undefined;
}

const committeeStatement = prepared((db) =>
  db
    .select({ id: committeeRoles.id, memberId: committeeRoles.memberId, memberName: members.name, fullOn: members.fullOn, role: committeeRoles.role, startedOn: committeeRoles.startedOn })
    .from(committeeRoles)
    .innerJoin(members, eq(members.id, committeeRoles.memberId))
    .where(and(eq(committeeRoles.orgId, sql.placeholder('orgId')), isNull(committeeRoles.endedOn)))
    .orderBy(asc(committeeRoles.startedOn))
    .prepare(UNNAMED),
);

export async function committeeOf(db: Db, orgId: string) {
  return committeeStatement(db).execute({ orgId });
}

const partyGroupsStatement = prepared((db) =>
  db
    .select({
      id: partyGroups.id,
      name: partyGroups.name,
      leaderMemberId: partyGroups.leaderMemberId,
      leaderName: members.name,
      // the outer table named in full: Drizzle writes a column of a one-table select without it ("id"), which inside
      // the subquery meant the member's own id and counted nothing
      memberCount: sql<number>`(select count(*) from members m where m.party_group_id = party_groups.id)`.mapWith(Number),
    })
    .from(partyGroups)
    .leftJoin(members, eq(members.id, partyGroups.leaderMemberId))
    .where(eq(partyGroups.orgId, sql.placeholder('orgId')))
    .orderBy(asc(partyGroups.name))
    .prepare(UNNAMED),
);

export async function partyGroupsOf(db: Db, orgId: string) {
  return partyGroupsStatement(db).execute({ orgId });
}
