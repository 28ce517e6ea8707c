import { and, eq, isNull, lte, gte, or } from 'drizzle-orm';
import type { BusinessArea, Grade, ProjectState } from '../../../domain/projects/enums';
import { isShowcase } from '../../../domain/projects/evaluation';
import { weekEnd, weekKey, weekStart } from '../../../domain/projects/weeks';
import type { BoardQuery } from '../../../domain/schemas/projects';
import type { Ctx } from '../../context';
import { projectMilestones, projectReports, projectTasks, secretaryProjects } from '../../db/schema/projects';
import { inArray } from 'drizzle-orm';
import { forbidden } from '../../errors';
import { milestoneApi, taskApi } from './plan';
import * as q from './queries';
import { healthOf, indicatorApi, requireCampaign } from './service';
import { readsOrg } from './access';

// The organizer's views of a campaign: the board (every project with state, health, progress, next milestone, open
// obstacles, last report and indicators), this week's work per project, and today's and overdue work across the
// campaign. They read the whole campaign, so they are for the organizer's officers and the contact leaders.

export async function campaignReader(ctx: Ctx, id: string) {
  const row = await requireCampaign(ctx, ctx.db, id);
  if (!readsOrg(ctx.actor, row.campaign.organizerPath) && !(await q.isContactInCampaign(ctx.db, id, ctx.actor.userId))) {
    throw forbidden('not_organizer_views');
  }
  return row;
}

export async function board(ctx: Ctx, id: string, query: BoardQuery) {
  await campaignReader(ctx, id);
  const where = [];
  if (query.state) where.push(eq(secretaryProjects.state, query.state));
  if (query.org) where.push(eq(secretaryProjects.orgId, query.org));
  const rows = await q.projectsOfCampaign(ctx.db, id, where);
  const ids = rows.map((r) => r.project.id);
  const [facts, indicators] = await Promise.all([q.factsOf(ctx.db, ids), q.indicatorsOf(ctx.db, ids)]);
  const items = rows.map((r) => {
    const p = r.project;
    const f = facts.get(p.id)!;
    return {
      projectId: p.id,
      title: p.title,
      orgId: p.orgId,
      orgName: r.orgName,
      businessArea: p.businessArea as BusinessArea,
      state: p.state as ProjectState,
      ...healthOf(r, f, ctx.today),
      percentComplete: p.percentComplete,
      nextMilestone: f.nextMilestone,
      openObstacles: f.openObstacles,
      lastReportWeek: f.lastReportWeek,
      indicators: indicators.filter((i) => i.indicator.projectId === p.id).map(indicatorApi),
      score: p.score,
      grade: p.grade as Grade | null,
      showcase: isShowcase(p.grade as Grade | null),
    };
  });
  return { items: query.health ? items.filter((i) => i.health === query.health) : items };
}

/** This week's tasks and milestones of each running project, and whether its report is in. */
export async function weekView(ctx: Ctx, id: string, week: string | undefined) {
  await campaignReader(ctx, id);
  const key = week ?? weekKey(ctx.today);
  const from = weekStart(key);
  const to = weekEnd(key);
  const rows = await q.projectsOfCampaign(ctx.db, id, [inArray(secretaryProjects.state, ['approved', 'in_progress'])]);
  const ids = rows.map((r) => r.project.id);
  const [tasks, milestones, reports] = await Promise.all([
    q.tasksOf(ctx.db, ids, and(lte(projectTasks.startOn, to), or(gte(projectTasks.dueOn, from), and(isNull(projectTasks.doneOn), lte(projectTasks.dueOn, to))))),
    ids.length ? ctx.db.select().from(projectMilestones).where(and(inArray(projectMilestones.projectId, ids), gte(projectMilestones.dueOn, from), lte(projectMilestones.dueOn, to))) : [],
    ids.length ? ctx.db.select({ projectId: projectReports.projectId }).from(projectReports).where(and(inArray(projectReports.projectId, ids), eq(projectReports.week, key))) : [],
  ]);
  const filed = new Set(reports.map((r) => r.projectId));
  return {
    week: key,
    from,
    to,
    items: rows.map((r) => ({
      projectId: r.project.id,
      title: r.project.title,
      orgName: r.orgName,
      reportFiled: filed.has(r.project.id),
      percentComplete: r.project.percentComplete,
      tasks: tasks.filter((t) => t.task.projectId === r.project.id).map((t) => {
        const { projectId: _, ...task } = taskApi(t);
        return task;
      }),
      milestones: milestones.filter((m) => m.projectId === r.project.id).map(milestoneApi),
    })),
  };
}

/** Today's work across the campaign: tasks and milestones due today, and everything overdue and not done. */
export async function dayView(ctx: Ctx, id: string, date: string | undefined) {
  await campaignReader(ctx, id);
  const day = date ?? ctx.today;
  const rows = await q.projectsOfCampaign(ctx.db, id, [inArray(secretaryProjects.state, ['approved', 'in_progress'])]);
  const byId = new Map(rows.map((r) => [r.project.id, r]));
  const ids = [...byId.keys()];
  const [tasks, milestones] = await Promise.all([
    q.tasksOf(ctx.db, ids, and(isNull(projectTasks.doneOn), lte(projectTasks.dueOn, day), lte(projectTasks.startOn, day))),
    ids.length ? ctx.db.select().from(projectMilestones).where(and(inArray(projectMilestones.projectId, ids), isNull(projectMilestones.doneOn), lte(projectMilestones.dueOn, day))) : [],
  ]);
  const items = [
    ...tasks.map((t) => ({ kind: 'task' as const, id: t.task.id, projectId: t.task.projectId, title: t.task.title, startOn: t.task.startOn, dueOn: t.task.dueOn, ownerName: t.ownerName })),
    ...milestones.map((m) => ({ kind: 'milestone' as const, id: m.id, projectId: m.projectId, title: m.title, startOn: null, dueOn: m.dueOn, ownerName: null })),
  ]
    .map((i) => ({ ...i, projectTitle: byId.get(i.projectId)!.project.title, orgName: byId.get(i.projectId)!.orgName, overdue: i.dueOn < day }))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.projectTitle.localeCompare(b.projectTitle)));
  return { date: day, items };
}

/** The month calendar: tasks and milestones of the approved and running projects due in the month (today's month by default). */
export async function monthView(ctx: Ctx, id: string, month: string | undefined) {
  await campaignReader(ctx, id);
  const key = month ?? ctx.today.slice(0, 7);
  const [year, mon] = key.split('-').map(Number) as [number, number];
  const from = `${key}-01`;
  const to = new Date(Date.UTC(year, mon, 0)).toISOString().slice(0, 10);
  const rows = await q.projectsOfCampaign(ctx.db, id, [inArray(secretaryProjects.state, ['approved', 'in_progress'])]);
  const byId = new Map(rows.map((r) => [r.project.id, r]));
  const ids = [...byId.keys()];
  const [tasks, milestones] = await Promise.all([
    q.tasksOf(ctx.db, ids, and(gte(projectTasks.dueOn, from), lte(projectTasks.dueOn, to))),
    ids.length ? ctx.db.select().from(projectMilestones).where(and(inArray(projectMilestones.projectId, ids), gte(projectMilestones.dueOn, from), lte(projectMilestones.dueOn, to))) : [],
  ]);
  const items = [
    ...tasks.map((t) => ({ kind: 'task' as const, id: t.task.id, projectId: t.task.projectId, title: t.task.title, dueOn: t.task.dueOn, doneOn: t.task.doneOn, ownerName: t.ownerName })),
    ...milestones.map((m) => ({ kind: 'milestone' as const, id: m.id, projectId: m.projectId, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn, ownerName: null })),
  ]
    .map((i) => ({ ...i, projectTitle: byId.get(i.projectId)!.project.title, orgName: byId.get(i.projectId)!.orgName }))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.projectTitle.localeCompare(b.projectTitle)));
  return { month: key, items };
}
