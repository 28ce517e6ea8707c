import { and, desc, eq } from 'drizzle-orm';
import { isValidDate } from '../../../domain/dates';
import type { Grade, ProjectState } from '../../../domain/projects/enums';
import { averageScore, checkScores, round2, weightedTotal } from '../../../domain/projects/evaluation';
import { projectReminders } from '../../../domain/projects/reminders';
import { effectiveSettings } from '../../../domain/projects/settings';
import { isWeekKey, weekEnd, weekStart } from '../../../domain/projects/weeks';
import type { EvaluationCreate, ReportCreate, ReportPatch, SupervisionCreate } from '../../../domain/schemas/projects';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import {
  projectActivities,
  projectEvaluations,
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
import { appError, FieldErrors, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { settleNotifications } from '../notifications/service';
import { actsFor, readsOrg } from './access';
import * as q from './queries';
import { fileApi, requireProject, rolesOf, type Roles } from './service';

// The records under a project: the plan (milestones and tasks), the weekly reports with their indicator values and
// obstacles, the field supervisions with their requirements and answers, the evaluation, the linked activities. Every
// write checks the caller's role and the project's state, refuses dates outside the project, and is audited.

type Kind = 'plan' | 'report' | 'supervise' | 'answer' | 'clear';

/** Which states allow which records, and who keeps them. */
const RULES: Record<Kind, { states: ProjectState[]; who: (r: Roles) => boolean }> = {
  plan: { states: ['draft', 'returned', 'approved', 'in_progress'], who: (r) => r.applicant || r.organizer },
  report: { states: ['in_progress'], who: (r) => r.applicant },
  supervise: { states: ['in_progress'], who: (r) => r.supervisor },
  answer: { states: ['in_progress', 'completed'], who: (r) => r.applicant },
  clear: { states: ['in_progress', 'completed'], who: (r) => r.applicant || r.supervisor },
};

/** The project locked for a write of `kind`: 403 for a caller without the role, 409 in a state that takes no such record. */
async function forWrite(ctx: Ctx, tx: Db, id: string, kind: Kind) {
  const { row, scope } = await requireProject(ctx, tx, id);
  const project = (await q.lockProject(tx, id))!;
  const rule = RULES[kind];
  if (!rule.who(rolesOf(ctx, scope))) throw forbidden();
  if (!rule.states.includes(project.state as ProjectState)) {
    throw appError(409, 'project_wrong_state', { state: project.state, record: kind });
  }
  return { row, project };
}

const audit = (ctx: Ctx, tx: Db, project: q.ProjectRow, action: string, before: unknown, after: unknown) =>
  appendAudit(ctx, tx, { action: `secretary_project.${action}`, subjectType: 'secretary_project', subjectId: project.id, orgPath: project.orgPath, before, after });

function withinProject(project: q.ProjectRow, field: string, date: string | undefined, errors: FieldErrors) {
  if (date === undefined) return;
  if (!isValidDate(date)) errors.add(field, 'not_a_date');
  else if (date < project.startOn || date > project.endOn) errors.add(field, 'date_outside_project', { startOn: project.startOn, endOn: project.endOn });
}

function notFuture(ctx: Ctx, field: string, date: string | null | undefined, errors: FieldErrors) {
  if (date === undefined || date === null) return;
  if (!isValidDate(date)) errors.add(field, 'not_a_date');
  else if (date > ctx.today) errors.add(field, 'date_in_future');
}

// ---- milestones and tasks -------------------------------------------------------------------------

export const milestoneApi = (m: typeof projectMilestones.$inferSelect) => ({ id: m.id, title: m.title, dueOn: m.dueOn, deliverable: m.deliverable, doneOn: m.doneOn });

export async function listMilestones(ctx: Ctx, id: string) {
  await requireProject(ctx, ctx.db, id);
  return { items: (await q.milestonesOf(ctx.db, id)).map(milestoneApi) };
}

export async function addMilestone(ctx: Ctx, id: string, input: { title: string; dueOn: string; deliverable?: string | null }) {
  return inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'plan');
    const errors = new FieldErrors();
    if (!input.title.trim()) errors.add('title', 'required');
    withinProject(project, 'dueOn', input.dueOn, errors);
    errors.throwIfAny();
    const row = { id: newId(), projectId: id, title: input.title.trim(), dueOn: input.dueOn, deliverable: input.deliverable?.trim() || null, doneOn: null };
    await tx.insert(projectMilestones).values(row);
    await audit(ctx, tx, project, 'milestone.add', null, row);
    return milestoneApi(row);
  });
}

export async function patchMilestone(ctx: Ctx, id: string, itemId: string, input: { title?: string; dueOn?: string; deliverable?: string | null; doneOn?: string | null }) {
  return inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'plan');
    const [before] = await tx.select().from(projectMilestones).where(and(eq(projectMilestones.id, itemId), eq(projectMilestones.projectId, id)));
    if (!before) throw notFound('milestone');
    const errors = new FieldErrors();
    if (input.title !== undefined && !input.title.trim()) errors.add('title', 'required');
    withinProject(project, 'dueOn', input.dueOn, errors);
    notFuture(ctx, 'doneOn', input.doneOn, errors);
    errors.throwIfAny();
    const set = {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.dueOn !== undefined ? { dueOn: input.dueOn } : {}),
      ...(input.deliverable !== undefined ? { deliverable: input.deliverable?.trim() || null } : {}),
      ...(input.doneOn !== undefined ? { doneOn: input.doneOn } : {}),
    };
    const [after] = await tx.update(projectMilestones).set(set).where(eq(projectMilestones.id, itemId)).returning();
    if (after!.doneOn !== null) {
      const kinds = ['project_milestone_due', 'project_milestone_overdue'] as const;
      await settleNotifications(tx, { subjectType: 'secretary_project', subjectIds: [id], kinds, keys: kinds.map((k) => `${k}:${id}:${itemId}`) });
    }
    await audit(ctx, tx, project, 'milestone.update', before, set);
    return milestoneApi(after!);
  });
}

type TaskRow = Awaited<ReturnType<typeof q.tasksOf>>[number];
export const taskApi = (t: TaskRow) => ({ ...t.task, ownerName: t.ownerName });

export async function listTasks(ctx: Ctx, id: string) {
  await requireProject(ctx, ctx.db, id);
  return { items: (await q.tasksOf(ctx.db, [id])).map((t) => taskApi(t)).map(({ projectId: _, ...t }) => t) };
}

/** Who may own a task: the people of the applying organization and below, the leader, the contact leader, the supervisors. */
export async function taskOwners(ctx: Ctx, id: string) {
  const { row } = await requireProject(ctx, ctx.db, id);
  const p = row.project;
  const named = [p.leaderId, p.contactLeaderId, ...p.supervisorIds].filter((x): x is string => x !== null);
  return { items: await q.peopleOf(ctx.db, p.orgPath, named) };
}

async function checkTask(tx: Db, project: q.ProjectRow, t: { milestoneId?: string | null; ownerId?: string | null; startOn: string; dueOn: string }, errors: FieldErrors) {
  withinProject(project, 'startOn', t.startOn, errors);
  withinProject(project, 'dueOn', t.dueOn, errors);
  if (!errors.has('dueOn') && !errors.has('startOn') && t.dueOn < t.startOn) errors.add('dueOn', 'before_start_date');
  if (t.milestoneId) {
    const [m] = await tx.select({ id: projectMilestones.id }).from(projectMilestones).where(and(eq(projectMilestones.id, t.milestoneId), eq(projectMilestones.projectId, project.id)));
    if (!m) errors.add('milestoneId', 'milestone_not_of_project');
  }
  if (t.ownerId && (await q.activeUsers(tx, [t.ownerId])).length === 0) errors.add('ownerId', 'not_active_user');
}

export async function addTask(ctx: Ctx, id: string, input: { milestoneId?: string | null; title: string; ownerId?: string | null; startOn: string; dueOn: string }) {
  return inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'plan');
    const errors = new FieldErrors();
    if (!input.title.trim()) errors.add('title', 'required');
    await checkTask(tx, project, input, errors);
    errors.throwIfAny();
    const row = { id: newId(), projectId: id, milestoneId: input.milestoneId ?? null, title: input.title.trim(), ownerId: input.ownerId ?? null, startOn: input.startOn, dueOn: input.dueOn, doneOn: null };
    await tx.insert(projectTasks).values(row);
    await audit(ctx, tx, project, 'task.add', null, row);
    const [shaped] = await q.tasksOf(tx, [id], eq(projectTasks.id, row.id));
    const { projectId: _, ...task } = taskApi(shaped!);
    return task;
  });
}

export async function patchTask(
  ctx: Ctx,
  id: string,
  itemId: string,
  input: { milestoneId?: string | null; title?: string; ownerId?: string | null; startOn?: string; dueOn?: string; doneOn?: string | null },
) {
  return inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'plan');
    const [before] = await tx.select().from(projectTasks).where(and(eq(projectTasks.id, itemId), eq(projectTasks.projectId, id)));
    if (!before) throw notFound('task');
    const errors = new FieldErrors();
    if (input.title !== undefined && !input.title.trim()) errors.add('title', 'required');
    await checkTask(tx, project, { milestoneId: input.milestoneId, ownerId: input.ownerId, startOn: input.startOn ?? before.startOn, dueOn: input.dueOn ?? before.dueOn }, errors);
    notFuture(ctx, 'doneOn', input.doneOn, errors);
    errors.throwIfAny();
    const set = { ...input, ...(input.title !== undefined ? { title: input.title.trim() } : {}) };
    await tx.update(projectTasks).set(set).where(eq(projectTasks.id, itemId));
    await audit(ctx, tx, project, 'task.update', before, set);
    const [shaped] = await q.tasksOf(tx, [id], eq(projectTasks.id, itemId));
    const { projectId: _, ...task } = taskApi(shaped!);
    return task;
  });
}

// ---- weekly reports and obstacles -----------------------------------------------------------------

export const obstacleApi = (o: typeof projectObstacles.$inferSelect) => ({ id: o.id, reportId: o.reportId, description: o.description, raisedOn: o.raisedOn, clearedOn: o.clearedOn });

export async function listReports(ctx: Ctx, id: string) {
  await requireProject(ctx, ctx.db, id);
  const reports = await q.reportsOf(ctx.db, id);
  const [values, obstacles, files] = await Promise.all([q.valuesOf(ctx.db, reports.map((r) => r.report.id)), q.obstaclesOf(ctx.db, id), q.filesOf(ctx.db, q.reportFiles(id))]);
  return {
    items: reports.map(({ report: r, filedByName }) => ({
      id: r.id,
      week: r.week,
      done: r.done,
      percentComplete: r.percentComplete,
      nextPlan: r.nextPlan,
      filedOn: r.filedOn,
      filedByName,
      late: r.filedOn > weekEnd(r.week),
      indicatorValues: values.filter((v) => v.reportId === r.id).map((v) => ({ indicatorId: v.indicatorId, value: v.value })),
      obstacles: obstacles.filter((o) => o.reportId === r.id).map(obstacleApi),
      files: files.filter((f) => f.reportId === r.id).map(fileApi),
    })),
  };
}

async function checkValues(tx: Db, projectId: string, values: { indicatorId: string }[], errors: FieldErrors) {
  if (values.length === 0) return;
  const known = new Set((await tx.select({ id: projectIndicators.id }).from(projectIndicators).where(eq(projectIndicators.projectId, projectId))).map((r) => r.id));
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (!known.has(v.indicatorId)) errors.add(`indicatorValues.${i}.indicatorId`, 'indicator_not_of_project');
    else if (seen.has(v.indicatorId)) errors.add(`indicatorValues.${i}.indicatorId`, 'given_twice');
    seen.add(v.indicatorId);
  });
}

/** The project's percent complete is the latest week's. */
async function refreshPercent(tx: Db, projectId: string) {
  const [latest] = await tx.select({ p: projectReports.percentComplete }).from(projectReports).where(eq(projectReports.projectId, projectId)).orderBy(desc(projectReports.week)).limit(1);
  await tx.update(secretaryProjects).set({ percentComplete: latest?.p ?? 0, updatedAt: new Date() }).where(eq(secretaryProjects.id, projectId));
}

export async function addReport(ctx: Ctx, id: string, input: ReportCreate) {
  const reportId = newId();
  await inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'report');
    const errors = new FieldErrors();
    if (!isWeekKey(input.week)) errors.add('week', 'not_iso_week');
    else if (weekStart(input.week) > ctx.today) errors.add('week', 'week_to_come');
    else if (weekEnd(input.week) < project.startOn || weekStart(input.week) > project.endOn) errors.add('week', 'date_outside_project', { startOn: project.startOn, endOn: project.endOn });
    if (!input.done.trim()) errors.add('done', 'required');
    if (!input.nextPlan.trim()) errors.add('nextPlan', 'required');
    (input.obstacles ?? []).forEach((o, i) => {
      if (!o.description.trim()) errors.add(`obstacles.${i}.description`, 'required');
    });
    await checkValues(tx, id, input.indicatorValues ?? [], errors);
    errors.throwIfAny();
    const [existing] = await tx.select({ id: projectReports.id }).from(projectReports).where(and(eq(projectReports.projectId, id), eq(projectReports.week, input.week)));
    if (existing) throw appError(409, 'report_exists', { week: input.week }, [{ field: 'week', code: 'report_already_filed', reportId: existing.id }]);
    const row = {
      id: reportId,
      projectId: id,
      week: input.week,
      weekStart: weekStart(input.week),
      done: input.done.trim(),
      percentComplete: input.percentComplete,
      nextPlan: input.nextPlan.trim(),
      filedBy: ctx.actor.userId || null,
      filedOn: ctx.today,
    };
    await tx.insert(projectReports).values(row);
    if (input.indicatorValues?.length) await tx.insert(projectIndicatorValues).values(input.indicatorValues.map((v) => ({ reportId, indicatorId: v.indicatorId, value: v.value })));
    const obstacles = (input.obstacles ?? []).map((o) => ({ id: newId(), projectId: id, reportId, description: o.description.trim(), raisedOn: ctx.today, clearedOn: null }));
    if (obstacles.length) await tx.insert(projectObstacles).values(obstacles);
    await refreshPercent(tx, id);
    // the report reminders still due after this one stay; the report reminders do not read the campaign's settings
    const { lastReportWeek } = (await q.factsOf(tx, [id])).get(id)!;
    const running = { ...project, lastReportWeek, lastVisitOn: null, milestones: [], requirements: [] };
    const keep = projectReminders(running, ctx.today, effectiveSettings(null)).map((r) => r.key);
    await settleNotifications(tx, { subjectType: 'secretary_project', subjectIds: [id], kinds: ['project_report_due', 'project_report_missing'], keep });
    await audit(ctx, tx, project, 'report.add', null, { ...row, indicatorValues: input.indicatorValues ?? [], obstacles });
  });
  return (await listReports(ctx, id)).items.find((r) => r.id === reportId)!;
}

export async function patchReport(ctx: Ctx, id: string, itemId: string, input: ReportPatch) {
  await inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'report');
    const [before] = await tx.select().from(projectReports).where(and(eq(projectReports.id, itemId), eq(projectReports.projectId, id)));
    if (!before) throw notFound('weekly_report');
    const errors = new FieldErrors();
    if (input.done !== undefined && !input.done.trim()) errors.add('done', 'required');
    if (input.nextPlan !== undefined && !input.nextPlan.trim()) errors.add('nextPlan', 'required');
    await checkValues(tx, id, input.indicatorValues ?? [], errors);
    errors.throwIfAny();
    const set = {
      ...(input.done !== undefined ? { done: input.done.trim() } : {}),
      ...(input.nextPlan !== undefined ? { nextPlan: input.nextPlan.trim() } : {}),
      ...(input.percentComplete !== undefined ? { percentComplete: input.percentComplete } : {}),
    };
    if (Object.keys(set).length) await tx.update(projectReports).set(set).where(eq(projectReports.id, itemId));
    if (input.indicatorValues) {
      await tx.delete(projectIndicatorValues).where(eq(projectIndicatorValues.reportId, itemId));
      if (input.indicatorValues.length) await tx.insert(projectIndicatorValues).values(input.indicatorValues.map((v) => ({ reportId: itemId, indicatorId: v.indicatorId, value: v.value })));
    }
    await refreshPercent(tx, id);
    await audit(ctx, tx, project, 'report.update', before, { ...set, indicatorValues: input.indicatorValues });
  });
  return (await listReports(ctx, id)).items.find((r) => r.id === itemId)!;
}

export async function listObstacles(ctx: Ctx, id: string) {
  await requireProject(ctx, ctx.db, id);
  return { items: (await q.obstaclesOf(ctx.db, id)).map(obstacleApi) };
}

/** Cleared by setting `clearedOn` (the leader, a supervisor or the organizer); null opens it again. */
export async function patchObstacle(ctx: Ctx, id: string, itemId: string, input: { description?: string; clearedOn?: string | null }) {
  return inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'clear');
    const [before] = await tx.select().from(projectObstacles).where(and(eq(projectObstacles.id, itemId), eq(projectObstacles.projectId, id)));
    if (!before) throw notFound('obstacle');
    const errors = new FieldErrors();
    if (input.description !== undefined && !input.description.trim()) errors.add('description', 'required');
    notFuture(ctx, 'clearedOn', input.clearedOn, errors);
    if (input.clearedOn && !errors.has('clearedOn') && input.clearedOn < before.raisedOn) errors.add('clearedOn', 'cleared_before_raised', { raisedOn: before.raisedOn });
    errors.throwIfAny();
    const set = { ...(input.description !== undefined ? { description: input.description.trim() } : {}), ...(input.clearedOn !== undefined ? { clearedOn: input.clearedOn } : {}) };
    const [after] = await tx.update(projectObstacles).set(set).where(eq(projectObstacles.id, itemId)).returning();
    await audit(ctx, tx, project, input.clearedOn ? 'obstacle.clear' : 'obstacle.update', before, set);
    return obstacleApi(after!);
  });
}

// ---- field supervision ----------------------------------------------------------------------------

export async function listSupervisions(ctx: Ctx, id: string) {
  await requireProject(ctx, ctx.db, id);
  const [visits, requirements] = await Promise.all([q.supervisionsOf(ctx.db, id), q.requirementsOf(ctx.db, id)]);
  return {
    items: visits.map(({ visit: v, supervisorName }) => ({
      id: v.id,
      supervisorId: v.supervisorId,
      supervisorName,
      visitedOn: v.visitedOn,
      place: v.place,
      findings: v.findings,
      requirements: requirements.filter((r) => r.supervisionId === v.id).map((r) => ({ id: r.id, description: r.description, dueOn: r.dueOn, answer: r.answer, answeredOn: r.answeredOn })),
    })),
  };
}

export async function addSupervision(ctx: Ctx, id: string, input: SupervisionCreate) {
  const visitId = newId();
  await inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'supervise');
    const errors = new FieldErrors();
    withinProject(project, 'visitedOn', input.visitedOn, errors);
    notFuture(ctx, 'visitedOn', input.visitedOn, errors);
    if (!input.place.trim()) errors.add('place', 'required');
    if (!input.findings.trim()) errors.add('findings', 'required');
    input.requirements.forEach((r, i) => {
      if (!r.description.trim()) errors.add(`requirements.${i}.description`, 'required');
      if (r.dueOn !== null && r.dueOn < input.visitedOn) errors.add(`requirements.${i}.dueOn`, 'due_before_visit');
    });
    errors.throwIfAny();
    const row = { id: visitId, projectId: id, supervisorId: ctx.actor.userId || null, visitedOn: input.visitedOn, place: input.place.trim(), findings: input.findings.trim() };
    await tx.insert(projectSupervisions).values(row);
    const requirements = input.requirements.map((r, position) => ({ id: newId(), supervisionId: visitId, projectId: id, position, description: r.description.trim(), dueOn: r.dueOn }));
    if (requirements.length) await tx.insert(projectRequirements).values(requirements);
    await audit(ctx, tx, project, 'supervision.add', null, { ...row, requirements });
  });
  return (await listSupervisions(ctx, id)).items.find((v) => v.id === visitId)!;
}

export async function patchSupervision(ctx: Ctx, id: string, itemId: string, input: { visitedOn?: string; place?: string; findings?: string }) {
  await inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'supervise');
    const [before] = await tx.select().from(projectSupervisions).where(and(eq(projectSupervisions.id, itemId), eq(projectSupervisions.projectId, id)));
    if (!before) throw notFound('supervision');
    if (before.supervisorId !== ctx.actor.userId && !actsFor(ctx.actor, (await q.project(tx, id))!.organizerPath)) throw forbidden();
    const errors = new FieldErrors();
    withinProject(project, 'visitedOn', input.visitedOn, errors);
    notFuture(ctx, 'visitedOn', input.visitedOn, errors);
    if (input.place !== undefined && !input.place.trim()) errors.add('place', 'required');
    if (input.findings !== undefined && !input.findings.trim()) errors.add('findings', 'required');
    errors.throwIfAny();
    await tx.update(projectSupervisions).set(input).where(eq(projectSupervisions.id, itemId));
    await audit(ctx, tx, project, 'supervision.update', before, input);
  });
  return (await listSupervisions(ctx, id)).items.find((v) => v.id === itemId)!;
}

/** The leader answers a supervisor's requirement. */
export async function answerRequirement(ctx: Ctx, id: string, itemId: string, input: { answer: string }) {
  return inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'answer');
    const [before] = await tx.select().from(projectRequirements).where(and(eq(projectRequirements.id, itemId), eq(projectRequirements.projectId, id)));
    if (!before) throw notFound('requirement');
    if (!input.answer.trim()) throw invalid([{ field: 'answer', code: 'required' }]);
    const set = { answer: input.answer.trim(), answeredOn: ctx.today, answeredBy: ctx.actor.userId || null };
    const [after] = await tx.update(projectRequirements).set(set).where(eq(projectRequirements.id, itemId)).returning();
    await audit(ctx, tx, project, 'requirement.answer', before, set);
    return { id: after!.id, description: after!.description, dueOn: after!.dueOn, answer: after!.answer, answeredOn: after!.answeredOn };
  });
}

// ---- evaluation -----------------------------------------------------------------------------------

export async function getEvaluation(ctx: Ctx, id: string) {
  const { row } = await requireProject(ctx, ctx.db, id);
  const rows = await q.evaluationsOf(ctx.db, id);
  return {
    score: row.project.score,
    grade: row.project.grade as Grade | null,
    showcase: row.project.grade === 'excellent',
    evaluations: rows.map(({ evaluation: e, evaluatorName }) => ({
      id: e.id,
      evaluatorId: e.evaluatorId,
      evaluatorName,
      scores: e.scores,
      total: e.total,
      grade: e.grade as Grade,
      comment: e.comment,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/**
 * One evaluator's scores of a completed project (the organizer's officers evaluate; asking again replaces the caller's
 * own). The project's score is the mean of every evaluator's total; its grade and comment are the latest given.
 */
export async function evaluate(ctx: Ctx, id: string, input: EvaluationCreate) {
  await inTx(ctx, async (tx) => {
    const { row } = await requireProject(ctx, tx, id);
    if (!ctx.actor.userId || !readsOrg(ctx.actor, row.organizerPath)) throw forbidden('not_organizer_evaluates');
    const project = (await q.lockProject(tx, id))!;
    if (project.state !== 'completed') throw appError(409, 'not_completed', { state: project.state }, [{ field: 'to', code: 'project_not_completed' }]);
    const c = (await q.campaign(tx, project.campaignId))!.campaign;
    const problems = checkScores(c.criteria, input.scores);
    if (problems.length) throw invalid(problems);
    const total = round2(weightedTotal(c.criteria, input.scores));
    const existing = (await q.evaluationsOf(tx, id)).map((r) => r.evaluation);
    const mine = existing.find((e) => e.evaluatorId === ctx.actor.userId);
    const row2 = { scores: input.scores, total, grade: input.grade, comment: input.comment.trim(), createdAt: new Date() };
    if (mine) await tx.update(projectEvaluations).set(row2).where(eq(projectEvaluations.id, mine.id));
    else await tx.insert(projectEvaluations).values({ id: newId(), projectId: id, evaluatorId: ctx.actor.userId, ...row2 });
    const totals = [...existing.filter((e) => e.evaluatorId !== ctx.actor.userId).map((e) => e.total), total];
    const score = averageScore(totals);
    await tx.update(secretaryProjects).set({ score, grade: input.grade, evaluationComment: row2.comment, updatedAt: new Date() }).where(eq(secretaryProjects.id, id));
    await audit(ctx, tx, project, 'evaluate', mine ?? null, { ...row2, score });
  });
  return getEvaluation(ctx, id);
}

// ---- activities held for a project ----------------------------------------------------------------

/** An activity of the applying organization (or one below it) appears on the project's timeline. */
export async function linkActivity(ctx: Ctx, id: string, activityId: string) {
  await inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'plan');
    const a = await q.activity(tx, activityId);
    if (!a || !(a.orgPath === project.orgPath || a.orgPath.startsWith(project.orgPath + '.'))) throw invalid([{ field: 'activityId', code: 'activity_not_of_project_org' }]);
    const inserted = await tx.insert(projectActivities).values({ projectId: id, activityId, linkedBy: ctx.actor.userId || null }).onConflictDoNothing().returning();
    if (inserted.length) await audit(ctx, tx, project, 'activity.link', null, { activityId });
  });
  return { items: await q.linkedActivities(ctx.db, id) };
}

export async function unlinkActivity(ctx: Ctx, id: string, activityId: string) {
  await inTx(ctx, async (tx) => {
    const { project } = await forWrite(ctx, tx, id, 'plan');
    const removed = await tx.delete(projectActivities).where(and(eq(projectActivities.projectId, id), eq(projectActivities.activityId, activityId))).returning();
    if (!removed.length) throw notFound('linked_activity');
    await audit(ctx, tx, project, 'activity.unlink', { activityId }, null);
  });
}
