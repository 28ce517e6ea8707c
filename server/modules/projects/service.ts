import { and, eq, inArray } from 'drizzle-orm';
import { isValidDate } from '../../../domain/dates';
import type { BusinessArea, Direction, Grade, ProjectHealth, ProjectState } from '../../../domain/projects/enums';
import { isShowcase } from '../../../domain/projects/evaluation';
import { projectHealth, riskReasons, type RiskReason } from '../../../domain/projects/health';
import { effectiveSettings } from '../../../domain/projects/settings';
import { allowedTargets, isOpen, mayMove, move, nextActor, type ProjectRecord } from '../../../domain/projects/workflow';
import type { Reminder, ReminderKind } from '../../../domain/reminders';
import type { Campaign, CampaignCreate, CampaignListQuery, CampaignPatch, Project, ProjectCreate, ProjectListQuery, ProjectBatchDecision, ProjectPatch, ProjectTransition } from '../../../domain/schemas/projects';
import { appendAudit } from '../../audit';
import { forEachOrNone } from '../../batch';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { projectCampaigns, projectIndicators, secretaryProjects } from '../../db/schema/projects';
import { appError, FieldErrors, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { inAppChannel } from '../notifications/service';
import { canReadProject, isApplicant, isOrganizer, isSupervisor, readableCampaigns, readableProjects, readsOrg, type ProjectScope } from './access';
import * as q from './queries';

// Secretary projects (书记项目, issue 10): a committee's yearly campaign, the branches' applications, approval, launch,
// the plan to the day and week, weekly reports, field supervision, evaluation. The state machine, health, weeks and
// scores are pure (domain/projects); here the caller is matched to the organizer, the applicant, the leader or a
// supervisor (access.ts), each write is audited in its transaction, and each move tells the next actor in-app.
// This file keeps campaigns and projects; plan.ts the records under a project; rollup.ts the board and the views.

const short = (text: string, max = 40) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

// ---- campaigns -----------------------------------------------------------------------------------

async function campaignApi(ctx: Ctx, db: Db, row: { campaign: q.CampaignRow; organizerName: string }, projectCount: number, withFiles: boolean): Promise<Campaign> {
  const c = row.campaign;
  const files = withFiles ? await q.filesOf(db, q.campaignFiles(c.id)) : [];
  const eligible = await q.orgPaths(db, c.eligibleOrgIds);
  return {
    id: c.id,
    organizerOrgId: c.organizerOrgId,
    organizerName: row.organizerName,
    year: c.year,
    title: c.title,
    plan: c.plan,
    applicationDeadline: c.applicationDeadline,
    eligibleOrgIds: c.eligibleOrgIds,
    criteria: c.criteria,
    settings: effectiveSettings(c.settings),
    projectCount,
    files: files.map(fileApi),
    abilities: {
      manage: isOrganizer(ctx.actor, c),
      apply: ctx.today <= c.applicationDeadline && eligible.some((o) => ctx.actor.grants.some((g) => g.orgPath !== null && g.role !== 'member' && g.role !== 'viewer' && (g.orgPath === o.path || g.orgPath.startsWith(o.path + '.')))),
    },
  };
}

export const fileApi = (f: { id: string; projectId: string | null; reportId: string | null; filename: string; mime: string; size: number; createdAt: Date }) => ({
  id: f.id,
  projectId: f.projectId,
  reportId: f.reportId,
  filename: f.filename,
  mime: f.mime,
  size: f.size,
  createdAt: f.createdAt.toISOString(),
});

/** 404 when the campaign does not exist, 403 when the caller may not see it (see access.ts readableCampaigns). */
export async function requireCampaign(ctx: Ctx, db: Db, id: string) {
  const row = await q.campaign(db, id);
  if (!row) throw notFound('campaign');
  const visible = readableCampaigns(ctx.actor);
  if (visible) {
    const [ok] = await db.select({ id: projectCampaigns.id }).from(projectCampaigns).where(and(eq(projectCampaigns.id, id), visible));
    if (!ok) throw forbidden();
  }
  return row;
}

/** The organizer's own: 403 for anyone else who may see the campaign. */
export async function requireOrganizer(ctx: Ctx, db: Db, id: string) {
  const row = await requireCampaign(ctx, db, id);
  if (!isOrganizer(ctx.actor, row.campaign)) throw forbidden('not_organizer');
  return row;
}

/** Criteria keep their ids when edited (evaluations refer to them); new ones get one. */
function criteriaOf(input: CampaignCreate['criteria']) {
  return input.map((c) => ({ id: c.id ?? newId(), name: c.name.trim(), weight: c.weight, max: c.max }));
}

async function checkEligible(db: Db, organizerPath: string, ids: string[], errors: FieldErrors) {
  const found = await q.orgPaths(db, ids);
  ids.forEach((id, i) => {
    const o = found.find((f) => f.id === id);
    if (!o || !(o.path === organizerPath || o.path.startsWith(organizerPath + '.'))) errors.add(`eligibleOrgIds.${i}`, 'org_not_under_organizer');
  });
}

export async function createCampaign(ctx: Ctx, input: CampaignCreate): Promise<Campaign> {
  const id = newId();
  await inTx(ctx, async (tx) => {
    const organizer = await q.org(tx, input.organizerOrgId);
    if (!organizer) throw invalid([{ field: 'organizerOrgId', code: 'no_such_org' }]);
    if (!isOrganizer(ctx.actor, { organizerPath: organizer.path })) throw forbidden('not_organizer_of_org');
    const errors = new FieldErrors();
    if (!input.title.trim()) errors.add('title', 'required');
    if (!isValidDate(input.applicationDeadline)) errors.add('applicationDeadline', 'not_a_date');
    if (input.eligibleOrgIds) await checkEligible(tx, organizer.path, input.eligibleOrgIds, errors);
    errors.throwIfAny();
    if (await q.campaignByYear(tx, organizer.id, input.year)) {
      throw appError(409, 'campaign_exists', { year: input.year }, [{ field: 'year', code: 'one_campaign_per_year' }]);
    }
    const row = {
      id,
      organizerOrgId: organizer.id,
      organizerPath: organizer.path,
      year: input.year,
      title: input.title.trim(),
      plan: input.plan?.trim() || null,
      applicationDeadline: input.applicationDeadline,
      eligibleOrgIds: input.eligibleOrgIds ?? [organizer.id],
      criteria: criteriaOf(input.criteria),
      settings: input.settings ?? {},
      createdBy: ctx.actor.userId || null,
    };
    await tx.insert(projectCampaigns).values(row);
    await appendAudit(ctx, tx, { action: 'project_campaign.create', subjectType: 'project_campaign', subjectId: id, orgPath: organizer.path, after: row });
  });
  return getCampaign(ctx, id);
}

export async function getCampaign(ctx: Ctx, id: string): Promise<Campaign> {
  const row = await requireCampaign(ctx, ctx.db, id);
  const counts = await q.projectCounts(ctx.db, [id]);
  return campaignApi(ctx, ctx.db, row, counts.get(id) ?? 0, true);
}

export async function listCampaigns(ctx: Ctx, query: CampaignListQuery) {
  const where = [readableCampaigns(ctx.actor)];
  if (query.organizer) where.push(eq(projectCampaigns.organizerOrgId, query.organizer));
  if (query.year) where.push(eq(projectCampaigns.year, query.year));
  const limit = query.limit ?? 50;
  const offset = Number(query.cursor ?? 0) || 0;
  const rows = await q.listCampaigns(ctx.db, where, offset, limit);
  const page = rows.slice(0, limit);
  const counts = await q.projectCounts(ctx.db, page.map((r) => r.campaign.id));
  return {
    items: await Promise.all(page.map((r) => campaignApi(ctx, ctx.db, r, counts.get(r.campaign.id) ?? 0, false))),
    nextCursor: rows.length > limit ? String(offset + limit) : null,
  };
}

export async function updateCampaign(ctx: Ctx, id: string, input: CampaignPatch): Promise<Campaign> {
  await inTx(ctx, async (tx) => {
    const { campaign: before } = await requireOrganizer(ctx, tx, id);
    const errors = new FieldErrors();
    if (input.title !== undefined && !input.title.trim()) errors.add('title', 'required');
    if (input.eligibleOrgIds) await checkEligible(tx, before.organizerPath, input.eligibleOrgIds, errors);
    if (input.criteria) {
      input.criteria.forEach((c, i) => {
        if (c.id !== undefined && !before.criteria.some((k) => k.id === c.id)) errors.add(`criteria.${i}.id`, 'criterion_not_of_campaign');
      });
      if (await q.campaignScored(tx, id)) errors.add('criteria', 'criteria_already_scored');
    }
    errors.throwIfAny();
    const set = {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.plan !== undefined ? { plan: input.plan?.trim() || null } : {}),
      ...(input.applicationDeadline !== undefined ? { applicationDeadline: input.applicationDeadline } : {}),
      ...(input.eligibleOrgIds !== undefined ? { eligibleOrgIds: input.eligibleOrgIds } : {}),
      ...(input.criteria !== undefined ? { criteria: criteriaOf(input.criteria) } : {}),
      ...(input.settings !== undefined ? { settings: { ...before.settings, ...input.settings } } : {}),
    };
    await tx.update(projectCampaigns).set({ ...set, updatedAt: new Date() }).where(eq(projectCampaigns.id, id));
    await appendAudit(ctx, tx, { action: 'project_campaign.update', subjectType: 'project_campaign', subjectId: id, orgPath: before.organizerPath, before, after: set });
  });
  return getCampaign(ctx, id);
}

// ---- projects: access and shape -------------------------------------------------------------------

export async function scopeOf(db: Db, actorUserId: string, row: q.NamedProject): Promise<ProjectScope> {
  const p = row.project;
  return {
    campaignId: p.campaignId,
    organizerPath: row.organizerPath,
    orgPath: p.orgPath,
    leaderId: p.leaderId,
    contactLeaderId: p.contactLeaderId,
    supervisorIds: p.supervisorIds,
    contactInCampaign: p.contactLeaderId === actorUserId && actorUserId !== '' ? true : await q.isContactInCampaign(db, p.campaignId, actorUserId),
  };
}

/** 404 when the project does not exist, 403 (and nothing of it) when the caller may not read it. */
export async function requireProject(ctx: Ctx, db: Db, id: string) {
  const row = await q.project(db, id);
  if (!row) throw notFound('secretary_project');
  const scope = await scopeOf(db, ctx.actor.userId, row);
  if (!canReadProject(ctx.actor, scope)) throw forbidden();
  return { row, scope };
}

export interface Roles {
  organizer: boolean;
  applicant: boolean;
  supervisor: boolean;
}
export const rolesOf = (ctx: Ctx, scope: ProjectScope): Roles => ({
  organizer: isOrganizer(ctx.actor, scope),
  applicant: isApplicant(ctx.actor, scope),
  supervisor: isSupervisor(ctx.actor, scope) || isOrganizer(ctx.actor, scope),
});

export function healthOf(row: q.NamedProject, facts: q.ProjectFacts, today: string): { health: ProjectHealth | null; riskReasons: RiskReason[] } {
  const p = row.project;
  const f = {
    state: p.state as ProjectState,
    startOn: p.startOn,
    endOn: p.endOn,
    launchedOn: p.launchedOn,
    earliestOpenMilestoneDue: facts.nextMilestone?.dueOn ?? null,
    oldestOpenObstacle: facts.oldestOpenObstacle,
    lastReportWeek: facts.lastReportWeek,
  };
  const settings = effectiveSettings(row.settings);
  const health = projectHealth(f, today, settings);
  return { health, riskReasons: health === 'at_risk' ? riskReasons(f, today, settings) : [] };
}

type IndicatorRow = Awaited<ReturnType<typeof q.indicatorsOf>>[number];
export const indicatorApi = (r: IndicatorRow) => ({
  id: r.indicator.id,
  name: r.indicator.name,
  unit: r.indicator.unit,
  baseline: r.indicator.baseline,
  target: r.indicator.target,
  direction: r.indicator.direction as Direction,
  achieved: r.achieved ?? null,
  achievedWeek: r.achievedWeek ?? null,
});

function projectApi(ctx: Ctx, row: q.NamedProject, scope: ProjectScope, facts: q.ProjectFacts, indicators: IndicatorRow[], names: Map<string, string>): Project {
  const p = row.project;
  const state = p.state as ProjectState;
  const roles = rolesOf(ctx, scope);
  const open = isOpen(state);
  return {
    id: p.id,
    campaignId: p.campaignId,
    campaignTitle: row.campaignTitle,
    year: row.year,
    orgId: p.orgId,
    orgName: row.orgName,
    title: p.title,
    problem: p.problem,
    goals: p.goals,
    measures: p.measures,
    expectedOutcomes: p.expectedOutcomes,
    businessArea: p.businessArea as BusinessArea,
    state,
    ...healthOf(row, facts, ctx.today),
    percentComplete: p.percentComplete,
    startOn: p.startOn,
    endOn: p.endOn,
    leaderId: p.leaderId,
    leaderName: row.leaderName,
    contactLeaderId: p.contactLeaderId,
    contactLeaderName: row.contactLeaderName,
    supervisorIds: p.supervisorIds,
    supervisors: p.supervisorIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    submittedOn: p.submittedOn,
    noticeNo: p.noticeNo,
    approvedOn: p.approvedOn,
    returnComment: p.returnComment,
    launchedOn: p.launchedOn,
    completedOn: p.completedOn,
    closingReport: p.closingReport,
    evaluatedOn: p.evaluatedOn,
    cancelReason: p.cancelReason,
    score: p.score,
    grade: p.grade as Grade | null,
    evaluationComment: p.evaluationComment,
    showcase: isShowcase(p.grade as Grade | null),
    indicators: indicators.filter((i) => i.indicator.projectId === p.id).map(indicatorApi),
    nextMilestone: facts.nextMilestone,
    openObstacles: facts.openObstacles,
    lastReportWeek: facts.lastReportWeek,
    allowed: allowedTargets(state).filter((to) => mayMove(state, to, roles)),
    abilities: {
      edit: (state === 'draft' || state === 'returned') && roles.applicant,
      plan: open && state !== 'submitted' && roles.applicant,
      report: state === 'in_progress' && roles.applicant,
      supervise: state === 'in_progress' && roles.supervisor,
      answer: (state === 'in_progress' || state === 'completed') && roles.applicant,
      evaluate: state === 'completed' && readsOrg(ctx.actor, scope.organizerPath),
    },
  };
}

async function shapeMany(ctx: Ctx, db: Db, rows: q.NamedProject[], scopes: ProjectScope[]): Promise<Project[]> {
  const ids = rows.map((r) => r.project.id);
  const [facts, indicators, names] = await Promise.all([q.factsOf(db, ids), q.indicatorsOf(db, ids), q.userNames(db, rows.flatMap((r) => r.project.supervisorIds))]);
  return rows.map((r, i) => projectApi(ctx, r, scopes[i]!, facts.get(r.project.id)!, indicators, names));
}

export async function getProject(ctx: Ctx, id: string): Promise<Project> {
  const { row, scope } = await requireProject(ctx, ctx.db, id);
  const [shaped] = await shapeMany(ctx, ctx.db, [row], [scope]);
  const [files, activities] = await Promise.all([q.filesOf(ctx.db, q.projectOwnFiles(id)), q.linkedActivities(ctx.db, id)]);
  return { ...shaped!, files: files.map(fileApi), activities };
}

export async function listProjects(ctx: Ctx, query: ProjectListQuery) {
  const where = [readableProjects(ctx.actor)];
  if (query.campaign) where.push(eq(secretaryProjects.campaignId, query.campaign));
  if (query.org) where.push(eq(secretaryProjects.orgId, query.org));
  if (query.state) where.push(eq(secretaryProjects.state, query.state));
  // health is derived from the records, so it filters after shaping: only in_progress projects can be at risk or late
  if (query.health) where.push(inArray(secretaryProjects.state, query.health === 'on_track' ? ['in_progress', 'completed', 'evaluated'] : ['in_progress']));
  const limit = query.limit ?? 50;
  const offset = Number(query.cursor ?? 0) || 0;
  const rows = await q.listProjects(ctx.db, where, offset, query.health ? 100000 : limit);
  const scopes = await Promise.all(rows.map((r) => scopeOf(ctx.db, ctx.actor.userId, r)));
  let items = await shapeMany(ctx, ctx.db, rows, scopes);
  if (query.health) {
    items = items.filter((p) => p.health === query.health).slice(0, limit + 1);
  }
  return { items: items.slice(0, limit), nextCursor: items.length > limit ? String(offset + limit) : null };
}

// ---- projects: writes ----------------------------------------------------------------------------

async function checkPeople(tx: Db, input: Pick<ProjectPatch, 'leaderId' | 'contactLeaderId' | 'supervisorIds'>, errors: FieldErrors) {
  const ids = [input.leaderId, input.contactLeaderId, ...(input.supervisorIds ?? [])].filter((x): x is string => typeof x === 'string');
  const found = new Set((await q.activeUsers(tx, ids)).map((u) => u.id));
  if (input.leaderId && !found.has(input.leaderId)) errors.add('leaderId', 'not_active_user');
  if (input.contactLeaderId && !found.has(input.contactLeaderId)) errors.add('contactLeaderId', 'not_active_user');
  (input.supervisorIds ?? []).forEach((s, i) => {
    if (!found.has(s)) errors.add(`supervisorIds.${i}`, 'not_active_user');
  });
}

function checkText(input: Partial<Record<'title' | 'problem' | 'goals' | 'measures' | 'expectedOutcomes', string>>, errors: FieldErrors) {
  for (const key of ['title', 'problem', 'goals', 'measures', 'expectedOutcomes'] as const) {
    if (input[key] !== undefined && !input[key].trim()) errors.add(key, 'required');
  }
}

function checkDates(startOn: string, endOn: string, errors: FieldErrors) {
  if (!isValidDate(startOn)) errors.add('startOn', 'not_a_date');
  if (!isValidDate(endOn)) errors.add('endOn', 'not_a_date');
  else if (endOn < startOn) errors.add('endOn', 'before_start_date');
}

async function writeIndicators(tx: Db, projectId: string, list: NonNullable<ProjectCreate['indicators']>) {
  if (list.length === 0) return;
  await tx.insert(projectIndicators).values(
    list.map((i, position) => ({ id: newId(), projectId, position, name: i.name.trim(), unit: i.unit.trim(), baseline: i.baseline, target: i.target, direction: i.direction })),
  );
}

export async function createProject(ctx: Ctx, input: ProjectCreate): Promise<Project> {
  const id = newId();
  await inTx(ctx, async (tx) => {
    const { campaign: c } = await requireCampaign(ctx, tx, input.campaignId);
    const org = await q.org(tx, input.orgId);
    if (!org) throw invalid([{ field: 'orgId', code: 'no_such_org' }]);
    if (!isApplicant(ctx.actor, { orgPath: org.path, leaderId: null })) throw forbidden();
    const errors = new FieldErrors();
    const eligible = await q.orgPaths(tx, c.eligibleOrgIds);
    if (org.dissolvedOn) errors.add('orgId', 'org_dissolved');
    else if (!eligible.some((e) => org.path === e.path || org.path.startsWith(e.path + '.'))) errors.add('orgId', 'org_outside_campaign');
    if (ctx.today > c.applicationDeadline) errors.add('campaignId', 'application_deadline_passed', { deadline: c.applicationDeadline });
    checkText(input, errors);
    checkDates(input.startOn, input.endOn, errors);
    await checkPeople(tx, input, errors);
    errors.throwIfAny();
    if (await q.activeOrgProject(tx, c.id, org.id)) {
      throw appError(409, 'project_exists', {}, [{ field: 'orgId', code: 'one_project_per_campaign' }]);
    }
    const row = {
      id,
      campaignId: c.id,
      orgId: org.id,
      orgPath: org.path,
      title: input.title.trim(),
      problem: input.problem.trim(),
      goals: input.goals.trim(),
      measures: input.measures.trim(),
      expectedOutcomes: input.expectedOutcomes.trim(),
      businessArea: input.businessArea,
      state: 'draft',
      startOn: input.startOn,
      endOn: input.endOn,
      leaderId: input.leaderId === undefined ? await q.secretaryOf(tx, org.id) : input.leaderId,
      contactLeaderId: input.contactLeaderId ?? null,
      supervisorIds: [...new Set(input.supervisorIds ?? [])],
      createdBy: ctx.actor.userId || null,
    };
    await tx.insert(secretaryProjects).values(row);
    await writeIndicators(tx, id, input.indicators ?? []);
    await appendAudit(ctx, tx, { action: 'secretary_project.create', subjectType: 'secretary_project', subjectId: id, orgPath: org.path, after: { ...row, indicators: input.indicators ?? [] } });
  });
  return getProject(ctx, id);
}

/**
 * The applicant edits the application while it is a draft or returned; the organizer names the people (leader,
 * contact leader, supervisors) and may correct the dates while the project is open.
 */
export async function updateProject(ctx: Ctx, id: string, input: ProjectPatch): Promise<Project> {
  await inTx(ctx, async (tx) => {
    const { row, scope } = await requireProject(ctx, tx, id);
    const before = (await q.lockProject(tx, id))!;
    const state = before.state as ProjectState;
    const roles = rolesOf(ctx, scope);
    const content = (['title', 'problem', 'goals', 'measures', 'expectedOutcomes', 'businessArea', 'indicators'] as const).filter((k) => input[k] !== undefined);
    const people = (['leaderId', 'contactLeaderId', 'supervisorIds', 'startOn', 'endOn'] as const).filter((k) => input[k] !== undefined);
    const editable = state === 'draft' || state === 'returned';
    if (content.length > 0 && !(editable && roles.applicant)) {
      if (!roles.applicant && !roles.organizer) throw forbidden();
      throw appError(409, 'not_editable_application', { state });
    }
    if (people.length > 0 && !((editable && roles.applicant) || (isOpen(state) && roles.organizer))) {
      if (!roles.applicant && !roles.organizer) throw forbidden();
      throw appError(409, 'not_editable', { state });
    }
    const errors = new FieldErrors();
    checkText(input, errors);
    checkDates(input.startOn ?? before.startOn, input.endOn ?? before.endOn, errors);
    await checkPeople(tx, input, errors);
    errors.throwIfAny();
    const set = {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.problem !== undefined ? { problem: input.problem.trim() } : {}),
      ...(input.goals !== undefined ? { goals: input.goals.trim() } : {}),
      ...(input.measures !== undefined ? { measures: input.measures.trim() } : {}),
      ...(input.expectedOutcomes !== undefined ? { expectedOutcomes: input.expectedOutcomes.trim() } : {}),
      ...(input.businessArea !== undefined ? { businessArea: input.businessArea } : {}),
      ...(input.startOn !== undefined ? { startOn: input.startOn } : {}),
      ...(input.endOn !== undefined ? { endOn: input.endOn } : {}),
      ...(input.leaderId !== undefined ? { leaderId: input.leaderId } : {}),
      ...(input.contactLeaderId !== undefined ? { contactLeaderId: input.contactLeaderId } : {}),
      ...(input.supervisorIds !== undefined ? { supervisorIds: [...new Set(input.supervisorIds)] } : {}),
    };
    await tx.update(secretaryProjects).set({ ...set, updatedAt: new Date() }).where(eq(secretaryProjects.id, id));
    if (input.indicators !== undefined) {
      // an application's indicators have no values yet (reports come after the launch), so they are replaced whole
      await tx.delete(projectIndicators).where(eq(projectIndicators.projectId, id));
      await writeIndicators(tx, id, input.indicators);
    }
    await appendAudit(ctx, tx, { action: 'secretary_project.update', subjectType: 'secretary_project', subjectId: id, orgPath: row.project.orgPath, before, after: { ...set, indicators: input.indicators } });
  });
  return getProject(ctx, id);
}

const recordOf = (p: q.ProjectRow): ProjectRecord => ({
  state: p.state as ProjectState,
  noticeNo: p.noticeNo,
  approvedOn: p.approvedOn,
  returnComment: p.returnComment,
  launchedOn: p.launchedOn,
  completedOn: p.completedOn,
  closingReport: p.closingReport,
  cancelReason: p.cancelReason,
  evaluatedOn: p.evaluatedOn,
});

/** One in-app notice per recipient, never to the person who just acted. */
export async function notify(ctx: Pick<Ctx, 'actor'>, tx: Db, userIds: (string | null)[], reminder: Omit<Reminder, 'subjectType'>): Promise<number> {
  const to = [...new Set(userIds)].filter((u): u is string => u !== null && u !== ctx.actor.userId);
  return inAppChannel.send(tx, to.map((userId) => ({ userId, reminder: { ...reminder, subjectType: 'secretary_project' } })));
}

export async function transitionProject(ctx: Ctx, id: string, input: ProjectTransition): Promise<Project> {
  await inTx(ctx, (tx) => moveProject(ctx, tx, id, input));
  return getProject(ctx, id);
}

/**
 * The organizer approves (one notice number) or returns (one note) several applications at once. Every project is
 * checked and moved in one transaction; if any is refused (unknown, out of scope, not submitted) none moves.
 */
export async function decideProjects(ctx: Ctx, input: ProjectBatchDecision): Promise<{ items: Project[] }> {
  const text = input.to === 'approved' ? input.noticeNo : input.note;
  if (!text?.trim()) {
    const field = input.to === 'approved' ? 'noticeNo' : 'note';
    throw invalid([{ field, code: input.to === 'approved' ? 'notice_no_required' : 'return_note_required' }]);
  }
  const move: ProjectTransition = input.to === 'approved' ? { to: 'approved', noticeNo: input.noticeNo } : { to: 'returned', note: input.note };
  await inTx(ctx, (tx) => forEachOrNone(input.ids, (id) => moveProject(ctx, tx, id, move)));
  return { items: await Promise.all(input.ids.map((id) => getProject(ctx, id))) };
}

async function moveProject(ctx: Ctx, tx: Db, id: string, input: ProjectTransition): Promise<void> {
  const { row, scope } = await requireProject(ctx, tx, id);
  const locked = (await q.lockProject(tx, id))!;
  const before = recordOf(locked);
  const evaluations = input.to === 'evaluated' ? (await q.evaluationsOf(tx, id)).length : 0;
  const result = move(before, input, rolesOf(ctx, scope), { today: ctx.today, evaluations });
  if (!result.ok) {
    if (result.status === 400) throw invalid([{ field: result.field ?? 'to', code: result.code, params: result.params }]);
    throw appError(result.status, result.code, result.params, result.field ? [{ field: result.field, code: result.code, params: result.params }] : undefined);
  }
  const next = result.next;
  await tx
    .update(secretaryProjects)
    .set({
      state: next.state,
      noticeNo: next.noticeNo,
      approvedOn: next.approvedOn,
      returnComment: next.returnComment,
      launchedOn: next.launchedOn,
      completedOn: next.completedOn,
      closingReport: next.closingReport,
      cancelReason: next.cancelReason,
      evaluatedOn: next.evaluatedOn,
      ...(input.to === 'submitted' ? { submittedOn: ctx.today } : {}),
      updatedAt: new Date(),
    })
    .where(eq(secretaryProjects.id, id));
  await appendAudit(ctx, tx, { action: `secretary_project.${input.to}`, subjectType: 'secretary_project', subjectId: id, orgPath: locked.orgPath, before, after: { ...next, note: input.note ?? null } });
  await notifyMove(ctx, tx, row, locked, next, input);
}

/** The organizer's officers hear of an application and a completion; the leader and the applicant's officers of the rest. */
async function notifyMove(ctx: Ctx, tx: Db, row: q.NamedProject, p: q.ProjectRow, next: ProjectRecord, input: ProjectTransition) {
  const kind = `project_${input.to}` as ReminderKind;
  const params: Record<string, string | number> = { title: short(p.title) };
  if (next.noticeNo) params.noticeNo = next.noticeNo;
  if (input.to === 'returned' && next.returnComment) params.note = short(next.returnComment, 60);
  if (input.to === 'cancelled' && next.cancelReason) params.reason = short(next.cancelReason, 60);
  if (input.to === 'evaluated' && p.grade) params.grade = p.grade;
  const who = nextActor(next.state);
  let userIds: (string | null)[] = [];
  if (who === 'organizer') userIds = [...(await q.officersOf(tx, row.organizerPath)), p.contactLeaderId];
  else if (who === 'applicant') userIds = [p.leaderId, ...(await q.officersOf(tx, p.orgPath))];
  if (input.to === 'in_progress') userIds.push(...p.supervisorIds, p.contactLeaderId);
  await notify(ctx, tx, userIds, { kind, key: `${kind}:${p.id}:${ctx.today}:${newId()}`, orgId: p.orgId, subjectId: p.id, params });
}
