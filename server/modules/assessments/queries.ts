import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { TallyBallot } from '../../../domain/assessments/tally';
import { queryRows, type Db } from '../../db/client';
import {
  assessmentCriteria,
  assessmentFollowUps,
  assessmentNotes,
  assessmentRaterGroups,
  assessmentReporters,
  assessmentVenues,
  assessments,
  ballotCodes,
  ballots,
} from '../../db/schema/assessments';
import { members } from '../../db/schema/members';
import { orgs } from '../../db/schema/orgs';

export type AssessmentRow = typeof assessments.$inferSelect;

export async function getAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(assessments).where(eq(assessments.id, id));
  return row;
}

/** Locked for the rest of the transaction: a close waits for the ballots being cast (they hold a share lock). */
export async function lockAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(assessments).where(eq(assessments.id, id)).for('update');
  return row;
}

export async function reportersOf(db: Db, assessmentId: string) {
  return db
    .select({ r: assessmentReporters, memberName: members.name, orgName: orgs.name, orgPath: orgs.path })
    .from(assessmentReporters)
    .innerJoin(members, eq(members.id, assessmentReporters.memberId))
    .innerJoin(orgs, eq(orgs.id, assessmentReporters.orgId))
    .where(eq(assessmentReporters.assessmentId, assessmentId))
    .orderBy(asc(assessmentReporters.position));
}
export type ReporterRow = Awaited<ReturnType<typeof reportersOf>>[number];

export const groupsOf = (db: Db, assessmentId: string) =>
  db.select().from(assessmentRaterGroups).where(eq(assessmentRaterGroups.assessmentId, assessmentId)).orderBy(asc(assessmentRaterGroups.position));
export const venuesOf = (db: Db, assessmentId: string) =>
  db.select().from(assessmentVenues).where(eq(assessmentVenues.assessmentId, assessmentId)).orderBy(asc(assessmentVenues.position));
export const criteriaOf = (db: Db, assessmentId: string) =>
  db.select().from(assessmentCriteria).where(eq(assessmentCriteria.assessmentId, assessmentId)).orderBy(asc(assessmentCriteria.position));

export async function codesIssued(db: Db, assessmentId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(ballotCodes).where(eq(ballotCodes.assessmentId, assessmentId));
  return row?.n ?? 0;
}

export async function orgName(db: Db, id: string): Promise<string> {
  const [row] = await db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, id));
  return row?.name ?? '';
}

export async function listAssessments(db: Db, where: (SQL | undefined)[], limit = 200) {
  return db
    .select({
      a: assessments,
      organizerOrgName: orgs.name,
      reporters: sql<number>`(select count(*) from ${assessmentReporters} r where r.assessment_id = ${assessments.id})`.mapWith(Number),
    })
    .from(assessments)
    .innerJoin(orgs, eq(orgs.id, assessments.organizerOrgId))
    .where(and(...where))
    .orderBy(sql`${assessments.heldOn} desc`, asc(assessments.id))
    .limit(limit);
}

/** Assessments organized within one of the subtrees, or with a reporter's organization within one. */
export function visibleIn(scopes: string[]): SQL {
  if (scopes.length === 0) return sql`false`;
  const within = (col: SQL) => sql.join(scopes.map((s) => sql`${col} <@ ${s}::ltree`), sql` or `);
  return sql`((${within(sql`${assessments.organizerPath}`)}) or exists (select 1 from ${assessmentReporters} r join ${orgs} o on o.id = r.org_id where r.assessment_id = ${assessments.id} and (${within(sql`o.path`)})))`;
}

/** Members and organizations named as reporters, with the organization each member belongs to. */
export async function membersByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { orgId: string; name: string }>();
  const rows = await db.select({ id: members.id, orgId: members.orgId, name: members.name }).from(members).where(inArray(members.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
export async function orgsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { path: string; name: string }>();
  const rows = await db.select({ id: orgs.id, path: orgs.path, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function ballotsOf(db: Db, assessmentId: string): Promise<(TallyBallot & { paper: boolean })[]> {
  return db
    .select({ raterGroupId: ballots.raterGroupId, venueId: ballots.venueId, grades: ballots.grades, paper: ballots.paper })
    .from(ballots)
    .where(eq(ballots.assessmentId, assessmentId));
}

/** Issued and used codes per venue and group. */
export async function codeCounts(db: Db, assessmentId: string) {
  return db
    .select({
      venueId: ballotCodes.venueId,
      raterGroupId: ballotCodes.raterGroupId,
      issued: sql<number>`count(*)`.mapWith(Number),
      submitted: sql<number>`count(*) filter (where ${ballotCodes.used})`.mapWith(Number),
      scorings: sql<number>`coalesce(sum(cardinality(${ballotCodes.scored})), 0)`.mapWith(Number),
    })
    .from(ballotCodes)
    .where(eq(ballotCodes.assessmentId, assessmentId))
    .groupBy(ballotCodes.venueId, ballotCodes.raterGroupId);
}

/** Ballots cast for each reporter. */
export async function ballotsPerReporter(db: Db, assessmentId: string) {
  return queryRows<{ reporterId: string; n: number }>(
    db,
    sql`select r as "reporterId", count(*)::int as n from ${ballots} b, unnest(b.reporter_ids) r where b.assessment_id = ${assessmentId} group by r`,
  );
}

/** Reporter scorings recorded on the ballots, per venue and group (each ballot counts once per reporter it scores). */
export async function ballotScorings(db: Db, assessmentId: string) {
  return queryRows<{ venueId: string; raterGroupId: string; scorings: number; ballots: number }>(
    db,
    sql`select venue_id as "venueId", rater_group_id as "raterGroupId", coalesce(sum(cardinality(reporter_ids)), 0)::int as scorings, count(*)::int as ballots
        from ${ballots} where assessment_id = ${assessmentId} group by venue_id, rater_group_id`,
  );
}

export const notesOf = (db: Db, assessmentId: string) =>
  db.select().from(assessmentNotes).where(eq(assessmentNotes.assessmentId, assessmentId)).orderBy(asc(assessmentNotes.createdAt), asc(assessmentNotes.id));

export async function followUpsOf(db: Db, assessmentId: string) {
  return db
    .select({ f: assessmentFollowUps, orgName: orgs.name })
    .from(assessmentFollowUps)
    .innerJoin(orgs, eq(orgs.id, assessmentFollowUps.orgId))
    .where(eq(assessmentFollowUps.assessmentId, assessmentId))
    .orderBy(asc(assessmentFollowUps.createdAt), asc(assessmentFollowUps.id));
}

/** The follow-up items of the organizer's assessments of a year (last year's list, shown on this year's). */
export async function followUpsOfYear(db: Db, organizerOrgId: string, year: number) {
  return db
    .select({ f: assessmentFollowUps, orgName: orgs.name })
    .from(assessmentFollowUps)
    .innerJoin(assessments, eq(assessments.id, assessmentFollowUps.assessmentId))
    .innerJoin(orgs, eq(orgs.id, assessmentFollowUps.orgId))
    .where(and(eq(assessments.organizerOrgId, organizerOrgId), eq(assessments.year, year)))
    .orderBy(asc(assessmentFollowUps.createdAt), asc(assessmentFollowUps.id));
}

/** The organizer's assessment of the year before, if any. */
export async function previousOf(db: Db, a: AssessmentRow): Promise<string | null> {
  const [row] = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.organizerOrgId, a.organizerOrgId), eq(assessments.year, a.year - 1)))
    .orderBy(sql`${assessments.heldOn} desc`)
    .limit(1);
  return row?.id ?? null;
}

/** Follow-up items past their due date and not done, with the organizer's path, for reminders. */
export async function overdueFollowUps(db: Db, today: string) {
  return db
    .select({ f: assessmentFollowUps, title: assessments.title, orgPath: orgs.path })
    .from(assessmentFollowUps)
    .innerJoin(assessments, eq(assessments.id, assessmentFollowUps.assessmentId))
    .innerJoin(orgs, eq(orgs.id, assessmentFollowUps.orgId))
    .where(sql`${assessmentFollowUps.doneOn} is null and ${assessmentFollowUps.dueOn} < ${today}`);
}

/** The figures of an organization's subtree for a year, from the records (activities, pairings, demands, members). */
export async function figuresOf(db: Db, orgPath: string, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [row] = await queryRows<{ held: number; planned: number; pairings: number; raised: number; resolved: number; full: number; probationary: number }>(
    db,
    sql`select
          (select count(*) from activities a where a.org_path <@ ${orgPath}::ltree and a.state = 'held' and a.held_on between ${from} and ${to})::int as held,
          (select count(*) from activities a where a.org_path <@ ${orgPath}::ltree and a.state = 'planned' and a.held_on between ${from} and ${to})::int as planned,
          (select count(distinct p.id) from pairings p join pairing_parties pp on pp.pairing_id = p.id
             where pp.org_path <@ ${orgPath}::ltree and p.valid_from <= ${to} and p.valid_to >= ${from} and p.state <> 'draft')::int as pairings,
          (select count(*) from demands d join orgs o on o.id = d.raised_by_org_id where o.path <@ ${orgPath}::ltree and d.raised_on between ${from} and ${to})::int as raised,
          (select count(*) from demands d join orgs o on o.id = d.raised_by_org_id where o.path <@ ${orgPath}::ltree and d.resolved_on between ${from} and ${to})::int as resolved,
          (select count(*) from members m join orgs o on o.id = m.org_id where o.path <@ ${orgPath}::ltree and m.status = 'full')::int as full,
          (select count(*) from members m join orgs o on o.id = m.org_id where o.path <@ ${orgPath}::ltree and m.status = 'probationary')::int as probationary`,
  );
  const byType = await queryRows<{ type: string; n: number }>(
    db,
    sql`select type, count(*)::int as n from activities where org_path <@ ${orgPath}::ltree and state = 'held' and held_on between ${from} and ${to} group by type`,
  );
  return { ...row!, byType: Object.fromEntries(byType.map((t) => [t.type, t.n])) };
}

/** The organization's secretary project in a campaign of the year (not cancelled). */
export async function secretaryProjectOf(db: Db, orgId: string, year: number) {
  const [row] = await queryRows<{ id: string; title: string; state: string; percentComplete: number | null }>(
    db,
    sql`select p.id, p.title, p.state, p.percent_complete as "percentComplete"
        from secretary_projects p join project_campaigns c on c.id = p.campaign_id
        where p.org_id = ${orgId} and c.year = ${year} and p.state <> 'cancelled'
        limit 1`,
  );
  return row ?? null;
}

/** Who hears about an organization's follow-up items: its secretaries, and admins of it or a level above. */
export async function officerGrants(db: Db) {
  return queryRows<{ userId: string; role: string; orgPath: string }>(
    db,
    sql`select g.user_id as "userId", g.role, o.path as "orgPath" from role_grants g join orgs o on o.id = g.org_id where g.role in ('secretary', 'org_admin', 'admin')`,
  );
}
