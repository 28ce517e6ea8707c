import { and, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents } from '../../db/schema/audit';
import { activities } from '../../db/schema/activities';
import { assessments } from '../../db/schema/assessments';
import { apiTokens, users } from '../../db/schema/auth';
import { members } from '../../db/schema/members';
import { orgs } from '../../db/schema/orgs';
import { demands, pairings } from '../../db/schema/pairings';
import { projectCampaigns, secretaryProjects } from '../../db/schema/projects';

/**
 * What a person calls each of these ids: an organization's or a member's name, a user's name, an
 * activity's theme, a title. Ids are unique across tables (time-ordered UUIDs), so one map serves.
 */
export async function namesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const lookups = [
    db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids)),
    db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, ids)),
    db.select({ id: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.username})` }).from(users).where(inArray(users.id, ids)),
    db.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, ids)),
    db.select({ id: activities.id, name: sql<string>`${activities.theme} || '（' || ${activities.heldOn} || '）'` }).from(activities).where(inArray(activities.id, ids)),
    db.select({ id: pairings.id, name: pairings.title }).from(pairings).where(inArray(pairings.id, ids)),
    db.select({ id: demands.id, name: demands.title }).from(demands).where(inArray(demands.id, ids)),
    db.select({ id: projectCampaigns.id, name: projectCampaigns.title }).from(projectCampaigns).where(inArray(projectCampaigns.id, ids)),
    db.select({ id: secretaryProjects.id, name: secretaryProjects.title }).from(secretaryProjects).where(inArray(secretaryProjects.id, ids)),
    db.select({ id: assessments.id, name: assessments.title }).from(assessments).where(inArray(assessments.id, ids)),
  ];
  // one after another: PGlite has one connection, and each lookup is an index probe
  for (const lookup of lookups) for (const row of await lookup) out.set(row.id, row.name);
  return out;
}

export interface AuditWhere {
  /** the caller's subtrees; null for the whole log */
  scopes: string[] | null;
  subjectType?: string;
  subjectId?: string;
  /** a user id or a username */
  actor?: string;
  /** instants, inclusive */
  from?: string;
  to?: string;
}

function conditions(w: AuditWhere): SQL | undefined {
  const conds: SQL[] = [];
  if (w.subjectType) conds.push(eq(auditEvents.subjectType, w.subjectType));
  if (w.subjectId) conds.push(eq(auditEvents.subjectId, w.subjectId));
  if (w.actor) conds.push(or(eq(auditEvents.actorUserId, w.actor), sql`${auditEvents.actorUserId} = (select ${users.id} from ${users} where ${users.username} = ${w.actor})`)!);
  if (w.from) conds.push(gte(auditEvents.at, w.from));
  if (w.to) conds.push(lte(auditEvents.at, w.to));
  if (w.scopes) conds.push(w.scopes.length ? sql`(${sql.join(w.scopes.map((s) => sql`${auditEvents.orgPath}::ltree <@ ${s}::ltree`), sql` or `)})` : sql`false`);
  return conds.length ? and(...conds) : undefined;
}

/** Newest first: after the event `beforeSeq` (a cursor) or past `offset` events, at most `limit`. */
export async function findAuditEvents(db: Db, w: AuditWhere, page: { limit: number; beforeSeq?: number; offset?: number }) {
  const where = conditions(w);
  const rows = await db
    .select({ event: auditEvents, actorName: users.username })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(page.beforeSeq === undefined ? where : and(where, lt(auditEvents.seq, page.beforeSeq)))
    .orderBy(desc(auditEvents.seq))
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return rows.map((r) => ({ ...r.event, actorName: r.actorName }));
}

/** How many events the filter selects, counting no further than `cap + 1`. */
export async function countAuditEvents(db: Db, w: AuditWhere, cap: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(db.select({ one: sql`1` }).from(auditEvents).where(conditions(w)).limit(cap + 1).as('capped'));
  return row?.n ?? 0;
}
