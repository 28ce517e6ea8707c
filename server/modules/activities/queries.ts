import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import {
  activities,
  activityAttendees,
  activityFiles,
  activityGuests,
  activityHosts,
  activityResolutions,
  activityVotes,
  customActivityTypes,
} from '../../db/schema/activities';
import { members } from '../../db/schema/members';
import { orgs } from '../../db/schema/orgs';

export type ActivityRow = typeof activities.$inferSelect;

export async function getActivity(db: Db, id: string): Promise<ActivityRow | undefined> {
  const [row] = await db.select().from(activities).where(eq(activities.id, id));
  return row;
}

/** Every host named, accepted or still pending (acceptedAt null). */
export async function hostsOf(db: Db, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({ activityId: activityHosts.activityId, id: orgs.id, name: orgs.name, path: orgs.path, acceptedAt: activityHosts.acceptedAt, acceptedBy: activityHosts.acceptedBy })
    .from(activityHosts)
    .innerJoin(orgs, eq(orgs.id, activityHosts.orgId))
    .where(inArray(activityHosts.activityId, activityIds))
    .orderBy(asc(orgs.name));
}

export async function attendeesOf(db: Db, activityIds: string[], memberId?: string) {
  if (activityIds.length === 0) return [];
  return db
    .select({
      activityId: activityAttendees.activityId,
      memberId: activityAttendees.memberId,
      name: members.name,
      orgId: members.orgId,
      orgName: orgs.name,
      status: activityAttendees.status,
      reason: activityAttendees.reason,
      signedInAt: activityAttendees.signedInAt,
      source: activityAttendees.source,
    })
    .from(activityAttendees)
    .innerJoin(members, eq(members.id, activityAttendees.memberId))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(inArray(activityAttendees.activityId, activityIds), memberId ? eq(activityAttendees.memberId, memberId) : undefined))
    .orderBy(asc(activityAttendees.signedInAt), asc(members.name));
}

export async function childrenOf(db: Db, activityId: string) {
  const [guests, resolutions, votes, files] = await Promise.all([
    db.select().from(activityGuests).where(eq(activityGuests.activityId, activityId)).orderBy(asc(activityGuests.id)),
    db.select().from(activityResolutions).where(eq(activityResolutions.activityId, activityId)).orderBy(asc(activityResolutions.id)),
    db.select().from(activityVotes).where(eq(activityVotes.activityId, activityId)).orderBy(asc(activityVotes.id)),
    db.select().from(activityFiles).where(eq(activityFiles.activityId, activityId)).orderBy(asc(activityFiles.createdAt)),
  ]);
  return { guests, resolutions, votes, files };
}

/**
 * Everything a QR sign-in decides on, in one round trip: the activity and its times, the caller's member record,
 * whether a host organization contains it, and the caller's attendance row if any.
 */
export async function signInFacts(db: Db, activityId: string, memberId: string | null) {
  const [row] = await db
    .select({
      state: activities.state,
      orgPath: activities.orgPath,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      memberName: members.name,
      memberOrgId: members.orgId,
      memberOrgName: orgs.name,
      inHost: sql<boolean>`exists (select 1 from activity_hosts h where h.activity_id = ${activities.id} and h.accepted_at is not null and ${members.orgPath} <@ h.org_path)`,
      invited: sql<boolean>`${activityAttendees.memberId} is not null`,
      status: activityAttendees.status,
      reason: activityAttendees.reason,
      signedInAt: activityAttendees.signedInAt,
      source: activityAttendees.source,
    })
    .from(activities)
    .leftJoin(members, eq(members.id, sql`${memberId}`))
    .leftJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(activityAttendees, and(eq(activityAttendees.activityId, activities.id), eq(activityAttendees.memberId, sql`${memberId}`)))
    .where(eq(activities.id, activityId));
  return row;
}

export async function memberRefs(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: members.id, name: members.name, orgPath: members.orgPath }).from(members).where(inArray(members.id, [...new Set(ids)]));
}

/**
 * Activities hosted by an organization (or, with a subtree, by any organization inside it). A co-host that has not
 * accepted yet does not list the activity as its own: it reaches it from its to-do.
 */
export function hostedWithin(path: string, subtree: boolean): SQL {
  return subtree
    ? sql`exists (select 1 from activity_hosts h where h.activity_id = ${activities.id} and h.accepted_at is not null and h.org_path <@ ${path}::ltree)`
    : sql`exists (select 1 from activity_hosts h where h.activity_id = ${activities.id} and h.accepted_at is not null and h.org_path = ${path}::ltree)`;
}

export function hostedInAny(paths: string[]): SQL {
  return sql`exists (select 1 from activity_hosts h where h.activity_id = ${activities.id} and h.accepted_at is not null and (${sql.join(
    paths.map((p) => sql`h.org_path <@ ${p}::ltree`),
    sql` or `,
  )}))`;
}

/** One page, newest first: after a cursor (keyset) or, for a page number, past `offset` rows. */
export async function listPage(db: Db, where: SQL[], after: [string, string] | null, limit: number, offset = 0) {
  const conds = [...where];
  if (after) conds.push(or(lt(activities.startsAt, after[0]), and(eq(activities.startsAt, after[0]), lt(activities.id, after[1])))!);
  return db
    .select()
    .from(activities)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(activities.startsAt), desc(activities.id))
    .limit(limit + 1)
    .offset(offset);
}

/** Counts the matching activities, but stops at `cap`: a count over a province's years must not stall the server. */
export async function countWhere(db: Db, where: SQL[], cap: number): Promise<number> {
  const limited = db
    .select({ one: sql`1` })
    .from(activities)
    .where(where.length ? and(...where) : undefined)
    .limit(cap + 1)
    .as('limited');
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(limited);
  return row?.n ?? 0;
}

/** Present, absent and excused per activity, for a list's export. */
export async function attendanceCounts(db: Db, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .select({ activityId: activityAttendees.activityId, status: activityAttendees.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(activityAttendees)
    .where(inArray(activityAttendees.activityId, activityIds))
    .groupBy(activityAttendees.activityId, activityAttendees.status);
}

export async function customTypeNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: customActivityTypes.id, nameZh: customActivityTypes.nameZh }).from(customActivityTypes).where(inArray(customActivityTypes.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.nameZh]));
}

export const activityFilters = {
  type: (t: string) => eq(activities.type, t),
  state: (s: string) => eq(activities.state, s),
  from: (d: string) => gte(activities.heldOn, d),
  to: (d: string) => lte(activities.heldOn, d),
};

/** The co-hosts still waiting for consent inside these subtrees (null: everywhere), with what a to-do shows. */
export async function pendingHostsWithin(db: Db, scopes: string[] | null, limit: number) {
  if (scopes !== null && scopes.length === 0) return [];
  const organizer = alias(orgs, 'organizer');
  return db
    .select({
      activityId: activityHosts.activityId,
      orgId: activityHosts.orgId,
      orgPath: activityHosts.orgPath,
      theme: activities.theme,
      heldOn: activities.heldOn,
      organizerName: organizer.name,
    })
    .from(activityHosts)
    .innerJoin(activities, eq(activities.id, activityHosts.activityId))
    .innerJoin(organizer, eq(organizer.path, activities.orgPath))
    .where(
      and(
        isNull(activityHosts.acceptedAt),
        scopes === null ? undefined : sql`(${sql.join(scopes.map((p) => sql`${activityHosts.orgPath} <@ ${p}::ltree`), sql` or `)})`,
      ),
    )
    .orderBy(asc(activities.heldOn), asc(activityHosts.activityId))
    .limit(limit);
}
