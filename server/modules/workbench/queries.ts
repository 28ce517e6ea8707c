import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { activities, activityAttendees, activityResolutions } from '../../db/schema/activities';
import { assessments } from '../../db/schema/assessments';
import { orgs } from '../../db/schema/orgs';
import { demands, pairings } from '../../db/schema/pairings';
import { projectCampaigns, projectMilestones, secretaryProjects } from '../../db/schema/projects';
import { factsOf } from '../projects/queries';
import { hostedInAny } from '../activities/queries';

/** The organizations of the caller's grants, not dissolved. */
export async function orgsAt(db: Db, paths: string[]) {
  if (paths.length === 0) return [];
  return db
    .select()
    .from(orgs)
    .where(
      and(
        isNull(orgs.dissolvedOn),
        sql`${orgs.path}::text in (${sql.join(
          paths.map((p) => sql`${p}`),
          sql`, `,
        )})`,
      ),
    )
    .orderBy(asc(orgs.path));
}

/** Demands not yet confirmed in the pairings the caller reads (`readable` from pairings/access), oldest due first. */
export async function openDemands(db: Db, readable: ReturnType<typeof sql> | undefined, limit: number) {
  return db
    .select({
      id: demands.id,
      pairingId: demands.pairingId,
      title: demands.title,
      state: demands.state,
      raisedByOrgId: demands.raisedByOrgId,
      assignedOrgId: demands.assignedOrgId,
      assigneeId: demands.assigneeId,
      dueOn: demands.dueOn,
      escalatedOn: demands.escalatedOn,
      raisedByOrgName: orgs.name,
    })
    .from(demands)
    .innerJoin(pairings, eq(pairings.id, demands.pairingId))
    .innerJoin(orgs, eq(orgs.id, demands.raisedByOrgId))
    .where(and(ne(demands.state, 'confirmed'), readable))
    .orderBy(sql`${demands.dueOn} asc nulls last`, asc(demands.raisedOn), asc(demands.id))
    .limit(limit);
}

/** Resolutions past their due date and not done, of activities hosted by these organizations themselves. */
export async function overdueResolutions(db: Db, paths: string[], today: string) {
  if (paths.length === 0) return [];
  return db
    .select({
      id: activityResolutions.id,
      activityId: activityResolutions.activityId,
      text: activityResolutions.text,
      dueOn: activityResolutions.dueOn,
      doneOn: activityResolutions.doneOn,
      orgPath: activities.orgPath,
    })
    .from(activityResolutions)
    .innerJoin(activities, eq(activities.id, activityResolutions.activityId))
    .where(
      and(
        isNull(activityResolutions.doneOn),
        lt(activityResolutions.dueOn, today),
        sql`${activities.orgPath}::text in (${sql.join(
          paths.map((p) => sql`${p}`),
          sql`, `,
        )})`,
      ),
    );
}

/** Activities hosted in these subtrees (everywhere when null) starting between two instants: the first few and how many. */
export async function activitiesBetween(
  db: Db,
  paths: string[] | null,
  from: string,
  to: string,
  limit: number,
) {
  if (paths !== null && paths.length === 0) return { total: 0, items: [] };
  const where = and(
    gte(activities.startsAt, from),
    lt(activities.startsAt, to),
    paths === null ? undefined : hostedInAny(paths),
  );
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: activities.id,
        type: activities.type,
        state: activities.state,
        theme: activities.theme,
        startsAt: activities.startsAt,
        place: activities.place,
        orgId: sql<string>`subpath(${activities.orgPath}, -1)::text`,
        orgName: sql<string>`(select o.name from orgs o where o.path = ${activities.orgPath})`,
      })
      .from(activities)
      .where(where)
      .orderBy(asc(activities.startsAt), asc(activities.id))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(activities)
      .where(where),
  ]);
  return { total: count?.n ?? 0, items };
}

/** A member's latest attendance records. */
export async function attendanceOf(db: Db, memberId: string, until: string, limit: number) {
  return db
    .select({
      activityId: activities.id,
      theme: activities.theme,
      type: activities.type,
      heldOn: activities.heldOn,
      status: activityAttendees.status,
      signedInAt: activityAttendees.signedInAt,
    })
    .from(activityAttendees)
    .innerJoin(activities, eq(activities.id, activityAttendees.activityId))
    .where(
      and(
        eq(activityAttendees.memberId, memberId),
        lte(activities.heldOn, until),
        ne(activities.state, 'cancelled'),
      ),
    )
    .orderBy(desc(activities.heldOn), desc(activities.id))
    .limit(limit);
}

/** Assessments organized in these subtrees that are open, or drafts held on or before a day. */
export async function organizedAssessments(db: Db, paths: string[], heldBy: string) {
  if (paths.length === 0) return [];
  return db
    .select({
      id: assessments.id,
      title: assessments.title,
      state: assessments.state,
      heldOn: assessments.heldOn,
      organizerOrgId: assessments.organizerOrgId,
      organizerPath: assessments.organizerPath,
    })
    .from(assessments)
    .where(
      and(
        or(
          eq(assessments.state, 'open'),
          and(eq(assessments.state, 'draft'), lte(assessments.heldOn, heldBy)),
        ),
        or(...paths.map((p) => sql`${assessments.organizerPath} <@ ${p}::ltree`)),
      ),
    )
    .orderBy(asc(assessments.heldOn), asc(assessments.id))
    .limit(50);
}

/**
 * Running secretary projects the user leads, or without a leader whose organization is at one of these paths, with
 * what the scheduler's reminders read about them (server/modules/projects/reminders.ts).
 */
export async function ledProjects(db: Db, userId: string, paths: string[], today: string) {
  const mine =
    paths.length === 0
      ? eq(secretaryProjects.leaderId, userId)
      : or(
          eq(secretaryProjects.leaderId, userId),
          and(
            isNull(secretaryProjects.leaderId),
            sql`${secretaryProjects.orgPath}::text in (${sql.join(
              paths.map((p) => sql`${p}`),
              sql`, `,
            )})`,
          ),
        );
  const running = await db
    .select({ project: secretaryProjects, settings: projectCampaigns.settings })
    .from(secretaryProjects)
    .innerJoin(projectCampaigns, eq(projectCampaigns.id, secretaryProjects.campaignId))
    .where(
      and(
        eq(secretaryProjects.state, 'in_progress'),
        lte(secretaryProjects.startOn, today),
        gte(secretaryProjects.endOn, today),
        mine,
      ),
    )
    .limit(50);
  const ids = running.map((r) => r.project.id);
  if (ids.length === 0) return [];
  const [facts, milestones] = await Promise.all([
    factsOf(db, ids),
    db
      .select()
      .from(projectMilestones)
      .where(and(inArray(projectMilestones.projectId, ids), isNull(projectMilestones.doneOn))),
  ]);
  return running.map((r) => ({
    ...r,
    lastReportWeek: facts.get(r.project.id)!.lastReportWeek,
    milestones: milestones.filter((m) => m.projectId === r.project.id),
  }));
}
