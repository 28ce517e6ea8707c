import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { activities } from '../../db/schema/activities';
import { roleGrants, users } from '../../db/schema/auth';
import { orgs } from '../../db/schema/orgs';
import {
  projectActivities,
  projectCampaigns,
  projectEvaluations,
  projectFiles,
  projectIndicators,
  projectIndicatorValues,
  projectMilestones,
  projectObstacles,
  projectReports,
  projectRequirements,
  projectSupervisions,
  projectTasks,
  secretaryProjects,
} from '../../db/schema/projects';

// Plain queries of secretary projects: no rules here.

export type CampaignRow = typeof projectCampaigns.$inferSelect;
export type ProjectRow = typeof secretaryProjects.$inferSelect;

const userName = (col: SQL | AnyPgColumn) => sql<string | null>`(select coalesce(u.display_name, u.username) from users u where u.id = ${col})`;

export async function campaign(db: Db, id: string) {
  const [row] = await db.select({ campaign: projectCampaigns, organizerName: orgs.name }).from(projectCampaigns).innerJoin(orgs, eq(orgs.id, projectCampaigns.organizerOrgId)).where(eq(projectCampaigns.id, id));
  return row;
}

export async function campaignByYear(db: Db, organizerOrgId: string, year: number) {
  const [row] = await db.select({ id: projectCampaigns.id }).from(projectCampaigns).where(and(eq(projectCampaigns.organizerOrgId, organizerOrgId), eq(projectCampaigns.year, year)));
  return row;
}

export async function listCampaigns(db: Db, where: (SQL | undefined)[], offset: number, limit: number) {
  return db
    .select({ campaign: projectCampaigns, organizerName: orgs.name })
    .from(projectCampaigns)
    .innerJoin(orgs, eq(orgs.id, projectCampaigns.organizerOrgId))
    .where(and(...where))
    .orderBy(desc(projectCampaigns.year), asc(projectCampaigns.id))
    .offset(offset)
    .limit(limit + 1);
}

export async function projectCounts(db: Db, campaignIds: string[]): Promise<Map<string, number>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await db
    .select({ id: secretaryProjects.campaignId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(secretaryProjects)
    .where(inArray(secretaryProjects.campaignId, campaignIds))
    .groupBy(secretaryProjects.campaignId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function org(db: Db, id: string) {
  const [row] = await db.select({ id: orgs.id, path: orgs.path, name: orgs.name, dissolvedOn: orgs.dissolvedOn }).from(orgs).where(eq(orgs.id, id));
  return row;
}

export async function orgPaths(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(inArray(orgs.id, ids));
}

/** A project with what its access and its shape need: the campaign's organizer and year, the names. */
function withCampaign(db: Db) {
  return db
    .select({
      project: secretaryProjects,
      organizerPath: projectCampaigns.organizerPath,
      campaignTitle: projectCampaigns.title,
      year: projectCampaigns.year,
      settings: projectCampaigns.settings,
      orgName: orgs.name,
      leaderName: userName(secretaryProjects.leaderId),
      contactLeaderName: userName(secretaryProjects.contactLeaderId),
    })
    .from(secretaryProjects)
    .innerJoin(projectCampaigns, eq(projectCampaigns.id, secretaryProjects.campaignId))
    .innerJoin(orgs, eq(orgs.id, secretaryProjects.orgId));
}
export type NamedProject = Awaited<ReturnType<typeof withCampaign>>[number];

export async function project(db: Db, id: string): Promise<NamedProject | undefined> {
  const [row] = await withCampaign(db).where(eq(secretaryProjects.id, id));
  return row;
}

export async function listProjects(db: Db, where: (SQL | undefined)[], offset: number, limit: number) {
  return withCampaign(db)
    .where(and(...where))
    .orderBy(desc(projectCampaigns.year), asc(orgs.path), asc(secretaryProjects.id))
    .offset(offset)
    .limit(limit + 1);
}

export async function projectsOfCampaign(db: Db, campaignId: string, where: (SQL | undefined)[] = []) {
  return withCampaign(db)
    .where(and(eq(secretaryProjects.campaignId, campaignId), ...where))
    .orderBy(asc(orgs.path), asc(secretaryProjects.id));
}

/** The bare project row, locked for the rest of the transaction so two writes to one project run one after the other. */
export async function lockProject(db: Db, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db.select().from(secretaryProjects).where(eq(secretaryProjects.id, id)).for('update');
  return row;
}

export async function isContactInCampaign(db: Db, campaignId: string, userId: string): Promise<boolean> {
  if (!userId) return false;
  const [row] = await db
    .select({ id: secretaryProjects.id })
    .from(secretaryProjects)
    .where(and(eq(secretaryProjects.campaignId, campaignId), eq(secretaryProjects.contactLeaderId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function activeOrgProject(db: Db, campaignId: string, orgId: string, exceptId?: string) {
  const [row] = await db
    .select({ id: secretaryProjects.id })
    .from(secretaryProjects)
    .where(and(eq(secretaryProjects.campaignId, campaignId), eq(secretaryProjects.orgId, orgId), sql`${secretaryProjects.state} <> 'cancelled'`, exceptId ? sql`${secretaryProjects.id} <> ${exceptId}` : undefined));
  return row;
}

export async function activeUsers(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.username})` })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.disabled, false)));
}

export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.username})` }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The secretary of an organization (the default leader of its project), if it has a user account. */
export async function secretaryOf(db: Db, orgId: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'secretary'), eq(users.disabled, false)))
    .orderBy(asc(roleGrants.userId))
    .limit(1);
  return row?.userId ?? null;
}

/** Active users with a grant on an organization or one below it, and the given users, by name. */
export async function peopleOf(db: Db, orgPath: string, alsoIds: string[]) {
  const granted = db
    .select({ id: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .where(sql`${orgs.path} <@ ${orgPath}::ltree`);
  return db
    .select({ id: users.id, name: sql<string>`coalesce(${users.displayName}, ${users.username})` })
    .from(users)
    .where(and(eq(users.disabled, false), alsoIds.length ? sql`(${inArray(users.id, granted)} or ${inArray(users.id, alsoIds)})` : inArray(users.id, granted)))
    .orderBy(asc(sql`coalesce(${users.displayName}, ${users.username})`), asc(users.id))
    .limit(500);
}

/** Those who act for an organization: its secretary, and the admins of it or of an organization above it. */
export async function officersOf(db: Db, orgPath: string): Promise<string[]> {
  const rows = await db
    .select({ userId: roleGrants.userId, role: roleGrants.role, orgPath: orgs.path })
    .from(roleGrants)
    .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(inArray(roleGrants.role, ['secretary', 'org_admin']), eq(users.disabled, false), sql`${orgs.path} @> ${orgPath}::ltree`));
  return [...new Set(rows.filter((r) => r.role !== 'secretary' || r.orgPath === orgPath).map((r) => r.userId))];
}

// ---- what health, the board and the reminders need, for many projects at once --------------------------

export interface ProjectFacts {
  nextMilestone: { id: string; title: string; dueOn: string } | null;
  openObstacles: number;
  oldestOpenObstacle: string | null;
  lastReportWeek: string | null;
}

export async function factsOf(db: Db, projectIds: string[]): Promise<Map<string, ProjectFacts>> {
  const out = new Map<string, ProjectFacts>(projectIds.map((id) => [id, { nextMilestone: null, openObstacles: 0, oldestOpenObstacle: null, lastReportWeek: null }]));
  if (projectIds.length === 0) return out;
  const [milestones, obstacles, reports] = await Promise.all([
    db
      .selectDistinctOn([projectMilestones.projectId], { projectId: projectMilestones.projectId, id: projectMilestones.id, title: projectMilestones.title, dueOn: projectMilestones.dueOn })
      .from(projectMilestones)
      .where(and(inArray(projectMilestones.projectId, projectIds), isNull(projectMilestones.doneOn)))
      .orderBy(projectMilestones.projectId, asc(projectMilestones.dueOn), asc(projectMilestones.id)),
    db
      .select({ projectId: projectObstacles.projectId, n: sql<number>`count(*)`.mapWith(Number), oldest: sql<string>`min(${projectObstacles.raisedOn})::text` })
      .from(projectObstacles)
      .where(and(inArray(projectObstacles.projectId, projectIds), isNull(projectObstacles.clearedOn)))
      .groupBy(projectObstacles.projectId),
    db
      .select({ projectId: projectReports.projectId, week: sql<string>`max(${projectReports.week})` })
      .from(projectReports)
      .where(inArray(projectReports.projectId, projectIds))
      .groupBy(projectReports.projectId),
  ]);
  for (const m of milestones) out.get(m.projectId)!.nextMilestone = { id: m.id, title: m.title, dueOn: m.dueOn };
  for (const o of obstacles) Object.assign(out.get(o.projectId)!, { openObstacles: o.n, oldestOpenObstacle: o.oldest });
  for (const r of reports) out.get(r.projectId)!.lastReportWeek = r.week;
  return out;
}

/** Indicators with the latest value reported for each. */
export async function indicatorsOf(db: Db, projectIds: string[]) {
  if (projectIds.length === 0) return [];
  const latest = db
    .selectDistinctOn([projectIndicatorValues.indicatorId], { indicatorId: projectIndicatorValues.indicatorId, value: projectIndicatorValues.value, week: projectReports.week })
    .from(projectIndicatorValues)
    .innerJoin(projectReports, eq(projectReports.id, projectIndicatorValues.reportId))
    .innerJoin(projectIndicators, eq(projectIndicators.id, projectIndicatorValues.indicatorId))
    .where(inArray(projectIndicators.projectId, projectIds))
    .orderBy(projectIndicatorValues.indicatorId, desc(projectReports.week))
    .as('latest');
  return db
    .select({ indicator: projectIndicators, achieved: latest.value, achievedWeek: latest.week })
    .from(projectIndicators)
    .leftJoin(latest, eq(latest.indicatorId, projectIndicators.id))
    .where(inArray(projectIndicators.projectId, projectIds))
    .orderBy(asc(projectIndicators.projectId), asc(projectIndicators.position));
}

// ---- the records of one project ----------------------------------------------------------------------

export const milestonesOf = (db: Db, projectId: string) => db.select().from(projectMilestones).where(eq(projectMilestones.projectId, projectId)).orderBy(asc(projectMilestones.dueOn), asc(projectMilestones.id));

export const tasksOf = (db: Db, projectIds: string[], where: SQL | undefined = undefined) =>
  projectIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ task: projectTasks, ownerName: userName(projectTasks.ownerId) })
        .from(projectTasks)
        .where(and(inArray(projectTasks.projectId, projectIds), where))
        .orderBy(asc(projectTasks.dueOn), asc(projectTasks.id));

export const reportsOf = (db: Db, projectId: string) =>
  db
    .select({ report: projectReports, filedByName: userName(projectReports.filedBy) })
    .from(projectReports)
    .where(eq(projectReports.projectId, projectId))
    .orderBy(desc(projectReports.week));

export async function valuesOf(db: Db, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return db.select().from(projectIndicatorValues).where(inArray(projectIndicatorValues.reportId, reportIds));
}

export const obstaclesOf = (db: Db, projectId: string) => db.select().from(projectObstacles).where(eq(projectObstacles.projectId, projectId)).orderBy(asc(projectObstacles.raisedOn), asc(projectObstacles.id));

export const supervisionsOf = (db: Db, projectId: string) =>
  db
    .select({ visit: projectSupervisions, supervisorName: userName(projectSupervisions.supervisorId) })
    .from(projectSupervisions)
    .where(eq(projectSupervisions.projectId, projectId))
    .orderBy(desc(projectSupervisions.visitedOn), desc(projectSupervisions.id));

export const requirementsOf = (db: Db, projectId: string) =>
  db.select().from(projectRequirements).where(eq(projectRequirements.projectId, projectId)).orderBy(asc(projectRequirements.supervisionId), asc(projectRequirements.position));

export const evaluationsOf = (db: Db, projectId: string) =>
  db
    .select({ evaluation: projectEvaluations, evaluatorName: userName(projectEvaluations.evaluatorId) })
    .from(projectEvaluations)
    .where(eq(projectEvaluations.projectId, projectId))
    .orderBy(asc(projectEvaluations.createdAt), asc(projectEvaluations.id));

export const filesOf = (db: Db, where: SQL) => db.select().from(projectFiles).where(where).orderBy(asc(projectFiles.createdAt), asc(projectFiles.id));

export const linkedActivities = (db: Db, projectId: string) =>
  db
    .select({ id: activities.id, theme: activities.theme, type: activities.type, startsAt: activities.startsAt })
    .from(projectActivities)
    .innerJoin(activities, eq(activities.id, projectActivities.activityId))
    .where(eq(projectActivities.projectId, projectId))
    .orderBy(asc(activities.startsAt));

export async function activity(db: Db, id: string) {
  const [row] = await db.select({ id: activities.id, orgPath: activities.orgPath }).from(activities).where(eq(activities.id, id));
  return row;
}

/** Whether any project of the campaign was scored (its criteria are then fixed). */
export async function campaignScored(db: Db, campaignId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: projectEvaluations.id })
    .from(projectEvaluations)
    .innerJoin(secretaryProjects, eq(secretaryProjects.id, projectEvaluations.projectId))
    .where(eq(secretaryProjects.campaignId, campaignId))
    .limit(1);
  return row !== undefined;
}

export const campaignFiles = (campaignId: string) => and(eq(projectFiles.campaignId, campaignId), isNull(projectFiles.projectId))!;
export const projectOwnFiles = (projectId: string) => and(eq(projectFiles.projectId, projectId), isNull(projectFiles.reportId))!;
export const reportFiles = (projectId: string) => and(eq(projectFiles.projectId, projectId), isNotNull(projectFiles.reportId))!;
