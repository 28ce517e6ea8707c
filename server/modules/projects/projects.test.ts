import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import { weekKey, shiftWeek } from '../../../domain/projects/weeks';
import { auditEvents } from '../../db/schema/audit';
import { notifications } from '../../db/schema/activities';
import { projectObstacles, projectReports, secretaryProjects } from '../../db/schema/projects';
import { docxText } from '../../testing/docx';
import { multipartBody } from '../../testing/uploads';
import { seedTwoTrees, startTestApp, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { createUser } from '../users/service';
import { runProjectReminders } from './reminders';

// A committee (A) runs a campaign for its branches A1 and A2; B and its branch B1 are another tree with a campaign of
// their own. The contact leader and the supervisor are plain members of A with no officer's grant: they see the
// campaign because they are named on a project.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let today: string;
const s: Record<string, Session> = {};
let campaignId: string;
let criteria: { id: string; name: string; weight: number; max: number }[];

const call = (who: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => t.call(who, { method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const fields = (res: { json: () => { error: { details?: { field: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.field);

function application(orgId: string, extra: Record<string, unknown> = {}) {
  return {
    campaignId,
    orgId,
    title: '码头安全隐患“清零”行动',
    problem: '装卸作业区隐患整改不及时',
    goals: '隐患整改率 100%',
    measures: '党员责任区、每周排查',
    expectedOutcomes: '全年零事故',
    businessArea: 'safety_environment',
    startOn: addDays(today, -30),
    endOn: addDays(today, 150),
    indicators: [{ name: '隐患整改率', unit: '%', baseline: 72, target: 100, direction: 'up' }],
    ...extra,
  };
}

beforeAll(async () => {
  t = await startTestApp();
  today = t.system.today;
  ids = await seedTwoTrees(t);
  const user = (username: string, role: 'secretary' | 'org_admin' | 'member', orgId: string) =>
    createUser(t.system, { username, password: USER_PASSWORD, displayName: username, roles: [{ role, orgId }] });
  await user('secretaryA2', 'secretary', ids.A2);
  await user('secretaryB1', 'secretary', ids.B1);
  await user('contactA', 'member', ids.A);
  await user('supervisorA', 'member', ids.A);
  for (const name of ['admin', 'orgAdminA', 'secretaryA1', 'secretaryA2', 'viewerA', 'orgAdminB', 'memberA1', 'secretaryB1', 'contactA', 'supervisorA']) s[name] = await t.login(name);
});
afterAll(async () => t.close());

describe('campaigns', () => {
  it('are opened by the organizer only, one per year, each criterion with its id', async () => {
    expect((await call(null, 'GET', '/project-campaigns')).statusCode).toBe(401);
    const body = { organizerOrgId: ids.A, year: 2026, title: '2026年度“书记项目”', plan: '实施方案', applicationDeadline: addDays(today, 10), criteria: [{ name: '目标达成', weight: 60, max: 60 }, { name: '示范作用', weight: 40, max: 40 }] };
    expect((await call(s.secretaryA1!, 'POST', '/project-campaigns', body)).statusCode).toBe(403);
    const res = await call(s.orgAdminA!, 'POST', '/project-campaigns', body);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    campaignId = c.id;
    criteria = c.criteria;
    expect(criteria.map((k) => typeof k.id)).toEqual(['string', 'string']);
    expect(c).toMatchObject({ eligibleOrgIds: [ids.A], settings: { obstacleDays: 14, missingReports: 2 }, abilities: { manage: true } });
    const again = await call(s.orgAdminA!, 'POST', '/project-campaigns', body);
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['year']);
    // B's own campaign, for the isolation checks
    expect((await call(s.orgAdminB!, 'POST', '/project-campaigns', { ...body, organizerOrgId: ids.B })).statusCode).toBe(201);
  });

  it('are seen by their organizer and the branches that may apply, not by another tree', async () => {
    expect((await call(s.orgAdminB!, 'GET', `/project-campaigns/${campaignId}`)).statusCode).toBe(403);
    const a1 = await call(s.secretaryA1!, 'GET', `/project-campaigns/${campaignId}`);
    expect(a1.statusCode).toBe(200);
    expect(a1.json().abilities).toEqual({ manage: false, apply: true });
    const listed = (await call(s.secretaryB1!, 'GET', '/project-campaigns')).json().items.map((c: { organizerOrgId: string }) => c.organizerOrgId);
    expect(listed).toEqual([ids.B]);
  });
});

let P1: string;
let P2: string;
let indicatorId: string;

describe('applications', () => {
  it('refuse bad input with the field and change nothing', async () => {
    const before = (await t.database.db.select({ n: count() }).from(secretaryProjects))[0]!.n;
    const backwards = await call(s.secretaryA1!, 'POST', '/secretary-projects', application(ids.A1, { startOn: addDays(today, 10), endOn: addDays(today, 5) }));
    expect(backwards.statusCode).toBe(400);
    expect(fields(backwards)).toEqual(['endOn']);
    const area = await call(s.secretaryA1!, 'POST', '/secretary-projects', application(ids.A1, { businessArea: '安全' }));
    expect(area.statusCode).toBe(400);
    expect(fields(area)).toEqual(['businessArea']);
    // another tree's organization: not the caller's, and outside the scope
    expect((await call(s.secretaryB1!, 'POST', '/secretary-projects', application(ids.B1))).statusCode).toBe(403);
    const outside = await call(s.admin!, 'POST', '/secretary-projects', application(ids.B1));
    expect(outside.statusCode).toBe(400);
    expect(fields(outside)).toEqual(['orgId']);
    expect((await t.database.db.select({ n: count() }).from(secretaryProjects))[0]!.n).toBe(before);
  });

  it('are refused after the deadline, with the field', async () => {
    const late = await call(s.orgAdminA!, 'POST', '/project-campaigns', { organizerOrgId: ids.A, year: 2025, title: '2025年度', applicationDeadline: addDays(today, -1), criteria: [{ name: '综合', weight: 1, max: 100 }] });
    const res = await call(s.secretaryA1!, 'POST', '/secretary-projects', { ...application(ids.A1), campaignId: late.json().id });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['campaignId']);
  });

  it('start as drafts led by the secretary, one per organization', async () => {
    const res = await call(s.secretaryA1!, 'POST', '/secretary-projects', application(ids.A1, { contactLeaderId: s.contactA!.userId, supervisorIds: [s.supervisorA!.userId] }));
    expect(res.statusCode).toBe(201);
    const p = res.json();
    P1 = p.id;
    indicatorId = p.indicators[0].id;
    expect(p).toMatchObject({ state: 'draft', health: null, leaderId: s.secretaryA1!.userId, percentComplete: 0, allowed: ['submitted', 'cancelled'], abilities: { edit: true, report: false } });
    const twice = await call(s.secretaryA1!, 'POST', '/secretary-projects', application(ids.A1));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('project_exists');
    const p2 = await call(s.secretaryA2!, 'POST', '/secretary-projects', application(ids.A2, { title: '物流降本增效' }));
    expect(p2.statusCode).toBe(201);
    P2 = p2.json().id;
  });
});

describe('who sees a project', () => {
  it('a branch its own, the organizer and the contact leader all of the campaign, another tree nothing', async () => {
    expect((await call(null, 'GET', `/secretary-projects/${P1}`)).statusCode).toBe(401);
    for (const who of ['secretaryA2', 'orgAdminB', 'secretaryB1', 'memberA1']) {
      const res = await call(s[who]!, 'GET', `/secretary-projects/${P1}`);
      expect(res.statusCode, who).toBe(403);
      expect(res.body).not.toContain('码头');
    }
    for (const who of ['secretaryA1', 'orgAdminA', 'viewerA', 'contactA', 'supervisorA']) expect((await call(s[who]!, 'GET', `/secretary-projects/${P1}`)).statusCode, who).toBe(200);
    // the contact leader of P1 reads P2 too (the whole campaign); the supervisor of P1 does not
    expect((await call(s.contactA!, 'GET', `/secretary-projects/${P2}`)).statusCode).toBe(200);
    expect((await call(s.supervisorA!, 'GET', `/secretary-projects/${P2}`)).statusCode).toBe(403);
    const list = async (who: string) => (await call(s[who]!, 'GET', `/secretary-projects?campaign=${campaignId}`)).json().items.map((p: { id: string }) => p.id).sort();
    expect(await list('secretaryA2')).toEqual([P2]);
    expect(await list('orgAdminA')).toEqual([P1, P2].sort());
    expect(await list('contactA')).toEqual([P1, P2].sort());
    expect(await list('orgAdminB')).toEqual([]);
    expect((await call(s.secretaryA1!, 'GET', `/project-campaigns/${campaignId}/board`)).statusCode).toBe(403);
    expect((await call(s.orgAdminB!, 'GET', `/project-campaigns/${campaignId}/board`)).statusCode).toBe(403);
  });
});

describe('the flow', () => {
  it('returns, fixes, approves and launches; impossible moves are 409, the wrong caller 403', async () => {
    expect((await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'submitted' })).json().state).toBe('submitted');
    const self = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'approved', noticeNo: '甲党〔2026〕1号' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('not_organizer');
    const returned = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'returned', note: '目标请量化到月' });
    expect(returned.json()).toMatchObject({ state: 'returned', returnComment: '目标请量化到月' });
    const told = await t.database.db.select().from(notifications).where(and(eq(notifications.userId, s.secretaryA1!.userId), eq(notifications.kind, 'project_returned')));
    expect(told).toHaveLength(1);
    expect((await call(s.secretaryA1!, 'PATCH', `/secretary-projects/${P1}`, { goals: '隐患整改率每月 100%' })).json().goals).toBe('隐患整改率每月 100%');
    await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'submitted' });
    const noNotice = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'approved' });
    expect(noNotice.statusCode).toBe(400);
    expect(fields(noNotice)).toEqual(['noticeNo']);
    expect(noNotice.json().error.details).toMatchObject([{ field: 'noticeNo', code: 'notice_no_required', message: '请填写批复文号' }]);
    const approved = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'approved', noticeNo: '甲党〔2026〕1号' });
    expect(approved.json()).toMatchObject({ state: 'approved', noticeNo: '甲党〔2026〕1号', approvedOn: today });
    const skip = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'completed', note: 'x' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({ code: 'impossible_move', message: '项目处于“已批准”状态，不能转为“已完成”', details: [{ field: 'to', code: 'impossible_move' }] });
    expect((await call(s.secretaryA1!, 'PATCH', `/secretary-projects/${P1}`, { title: '改名' })).statusCode).toBe(409);
    const launched = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'in_progress' });
    expect(launched.json()).toMatchObject({ state: 'in_progress', launchedOn: today, health: 'on_track' });
    const moves = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, P1));
    expect(moves.map((m) => m.action)).toEqual(expect.arrayContaining(['secretary_project.create', 'secretary_project.returned', 'secretary_project.approved', 'secretary_project.in_progress']));
  });

  it('keeps milestones and tasks inside the project dates', async () => {
    const out = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/milestones`, { title: '完成排查', dueOn: addDays(today, 200) });
    expect(out.statusCode).toBe(400);
    expect(fields(out)).toEqual(['dueOn']);
    const m = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/milestones`, { title: '完成排查', dueOn: addDays(today, 10), deliverable: '隐患清单' });
    expect(m.statusCode).toBe(201);
    const early = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/tasks`, { title: '排查码头一', startOn: addDays(today, -40), dueOn: addDays(today, 2) });
    expect(fields(early)).toEqual(['startOn']);
    const task = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/tasks`, { milestoneId: m.json().id, title: '排查码头一', ownerId: s.secretaryA1!.userId, startOn: addDays(today, -2), dueOn: today });
    expect(task.statusCode).toBe(201);
    expect((await call(s.secretaryA2!, 'POST', `/secretary-projects/${P1}/tasks`, { title: 'x', startOn: today, dueOn: today })).statusCode).toBe(403);
    const day = (await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/day`)).json();
    expect(day.items.map((i: { title: string }) => i.title)).toEqual(['排查码头一']);
    const week = (await call(s.contactA!, 'GET', `/project-campaigns/${campaignId}/week`)).json();
    expect(week.week).toBe(weekKey(today));
    expect(week.items.find((i: { projectId: string }) => i.projectId === P1).tasks).toHaveLength(1);
    const month = (await call(s.contactA!, 'GET', `/project-campaigns/${campaignId}/month?month=${addDays(today, 10).slice(0, 7)}`)).json();
    expect(month.items).toContainEqual(expect.objectContaining({ kind: 'milestone', title: '完成排查', dueOn: addDays(today, 10), doneOn: null, projectId: P1 }));
    const later = (await call(s.contactA!, 'GET', `/project-campaigns/${campaignId}/month?month=2099-01`)).json();
    expect(later).toEqual({ month: '2099-01', items: [] });
    expect((await call(s.contactA!, 'GET', `/project-campaigns/${campaignId}/month?month=2026-13`)).statusCode).toBe(400);
    expect((await call(null, 'GET', `/project-campaigns/${campaignId}/month`)).statusCode).toBe(401);
    expect((await call(s.orgAdminB!, 'GET', `/project-campaigns/${campaignId}/month`)).statusCode).toBe(403);
  });

  it('takes one report per week with its obstacles and values, and refuses the rest unchanged', async () => {
    const week = weekKey(today);
    const good = { week, done: '完成一号码头排查', percentComplete: 20, nextPlan: '排查二号码头', obstacles: [{ description: '外包队伍配合不够' }], indicatorValues: [{ indicatorId, value: 80 }] };
    const filed = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/reports`, good);
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ week, percentComplete: 20, late: false, obstacles: [{ description: '外包队伍配合不够', clearedOn: null }] });
    const again = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/reports`, good);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'report_exists', message: `${week} 已填报，请修改原周报`, details: [{ field: 'week', code: 'report_already_filed' }] });
    const bad = [
      [{ ...good, week: shiftWeek(week, -1), percentComplete: 120 }, 'percentComplete'],
      [{ ...good, week: shiftWeek(week, -1), indicatorValues: [{ indicatorId: 'nope', value: 1 }] }, 'indicatorValues.0.indicatorId'],
      [{ ...good, week: shiftWeek(week, 1) }, 'week'],
      [{ ...good, week: '2026-W60' }, 'week'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/reports`, body);
      expect(res.statusCode, field).toBe(400);
      expect(fields(res), field).toEqual([field]);
    }
    expect((await t.database.db.select({ n: count() }).from(projectReports).where(eq(projectReports.projectId, P1)))[0]!.n).toBe(1);
    const p = (await call(s.orgAdminA!, 'GET', `/secretary-projects/${P1}`)).json();
    expect(p).toMatchObject({ percentComplete: 20, openObstacles: 1, lastReportWeek: week });
    expect(p.indicators[0]).toMatchObject({ baseline: 72, target: 100, achieved: 80 });
    expect((await call(s.secretaryA2!, 'POST', `/secretary-projects/${P1}/reports`, { ...good, week: shiftWeek(week, -1) })).statusCode).toBe(403);
    expect((await call(s.supervisorA!, 'POST', `/secretary-projects/${P1}/reports`, { ...good, week: shiftWeek(week, -1) })).statusCode).toBe(403);
  });

  it('keeps the campaign plan and the evidence of a report as files, for those who may', async () => {
    const pdf = () => multipartBody({}, { name: '证明材料.pdf', content: Buffer.from('%PDF-1.4\n%…\n'), type: 'application/pdf' });
    const post = (who: Session, url: string) => t.call(who, { method: 'POST', url: `/api/v1${url}`, ...pdf() });
    expect((await post(s.secretaryA1!, `/project-campaigns/${campaignId}/files`)).statusCode).toBe(403);
    const plan = await post(s.orgAdminA!, `/project-campaigns/${campaignId}/files`);
    expect(plan.statusCode).toBe(201);
    expect((await call(s.secretaryA1!, 'GET', `/project-campaigns/${campaignId}`)).json().files).toHaveLength(1);
    const report = (await call(s.secretaryA1!, 'GET', `/secretary-projects/${P1}/reports`)).json().items[0];
    expect((await post(s.secretaryA2!, `/secretary-projects/${P1}/files?reportId=${report.id}`)).statusCode).toBe(403);
    const evidence = await post(s.secretaryA1!, `/secretary-projects/${P1}/files?reportId=${report.id}`);
    expect(evidence.statusCode).toBe(201);
    expect((await call(s.orgAdminA!, 'GET', `/secretary-projects/${P1}/reports`)).json().items[0].files).toHaveLength(1);
    const download = await t.call(s.contactA!, { method: 'GET', url: `/api/v1/secretary-projects/${P1}/files/${evidence.json().id}` });
    expect(download.statusCode).toBe(200);
    expect(download.body.startsWith('%PDF')).toBe(true);
    expect((await t.call(s.orgAdminB!, { method: 'GET', url: `/api/v1/secretary-projects/${P1}/files/${evidence.json().id}` })).statusCode).toBe(403);
  });

  it('records a supervision visit the leader answers', async () => {
    const visit = await call(s.supervisorA!, 'POST', `/secretary-projects/${P1}/supervisions`, { visitedOn: today, place: '一号码头', findings: '排查台账完整', requirements: [{ description: '补充外包队伍名单', dueOn: addDays(today, 7) }] });
    expect(visit.statusCode).toBe(201);
    expect((await call(s.contactA!, 'POST', `/secretary-projects/${P1}/supervisions`, { visitedOn: today, place: 'x', findings: 'x', requirements: [] })).statusCode).toBe(403);
    const req = visit.json().requirements[0];
    const answered = await call(s.secretaryA1!, 'PATCH', `/secretary-projects/${P1}/requirements/${req.id}`, { answer: '已补充' });
    expect(answered.json()).toMatchObject({ answer: '已补充', answeredOn: today });
  });

  it('reminds the leader and the supervisor from the scheduler, once', async () => {
    const later = addDays(today, 40);
    const first = await runProjectReminders(t.database.db, later);
    expect(first.sent).toBeGreaterThanOrEqual(3);
    const kinds = async (who: string) =>
      (await t.database.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, s[who]!.userId))).map((n) => n.kind).filter((k) => k.startsWith('project_'));
    expect(await kinds('secretaryA1')).toEqual(expect.arrayContaining(['project_report_missing', 'project_milestone_overdue']));
    expect(await kinds('supervisorA')).toEqual(expect.arrayContaining(['project_supervision_due']));
    expect(await kinds('supervisorA')).not.toContain('project_report_missing');
    expect((await runProjectReminders(t.database.db, later)).sent).toBe(0);
    const listed = (await call(s.supervisorA!, 'GET', '/notifications')).json().items.find((n: { kind: string }) => n.kind === 'project_supervision_due');
    expect(listed.message).toContain('码头安全隐患');
  });

  it('shows the project at risk on the board while an obstacle is open too long, on track once cleared', async () => {
    const [obstacle] = await t.database.db.select().from(projectObstacles).where(eq(projectObstacles.projectId, P1));
    // the obstacle was raised three weeks ago
    await t.database.db.update(projectObstacles).set({ raisedOn: addDays(today, -21) }).where(eq(projectObstacles.id, obstacle!.id));
    const item = async () => (await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/board`)).json().items.find((i: { projectId: string }) => i.projectId === P1);
    expect(await item()).toMatchObject({ state: 'in_progress', health: 'at_risk', riskReasons: ['obstacle_open'], openObstacles: 1, percentComplete: 20, nextMilestone: { title: '完成排查' } });
    expect((await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/board?health=at_risk`)).json().items).toHaveLength(1);
    const early = await call(s.secretaryA1!, 'PATCH', `/secretary-projects/${P1}/obstacles/${obstacle!.id}`, { clearedOn: addDays(today, -30) });
    expect(fields(early)).toEqual(['clearedOn']);
    expect((await call(s.secretaryA1!, 'PATCH', `/secretary-projects/${P1}/obstacles/${obstacle!.id}`, { clearedOn: today })).statusCode).toBe(200);
    expect(await item()).toMatchObject({ health: 'on_track', openObstacles: 0 });
  });

  it('derives the approval notice, the monthly bulletin and the ledger from the records', async () => {
    const notice = await t.call(s.secretaryA1!, { method: 'GET', url: `/api/v1/project-campaigns/${campaignId}/notice.docx` });
    expect(notice.statusCode).toBe(200);
    const noticeText = docxText(notice.rawPayload);
    expect(noticeText).toContain('甲党〔2026〕1号');
    expect(noticeText).toContain('码头安全隐患“清零”行动');
    expect(noticeText).not.toContain('物流降本增效'); // P2 is a draft
    const month = today.slice(0, 7);
    expect((await t.call(s.secretaryA1!, { method: 'GET', url: `/api/v1/project-campaigns/${campaignId}/bulletin.docx?month=${month}` })).statusCode).toBe(403);
    const bad = await t.call(s.orgAdminA!, { method: 'GET', url: `/api/v1/project-campaigns/${campaignId}/bulletin.docx?month=2026-13` });
    expect(bad.statusCode).toBe(400);
    const bulletin = await t.call(s.contactA!, { method: 'GET', url: `/api/v1/project-campaigns/${campaignId}/bulletin.docx?month=${month}` });
    expect(bulletin.statusCode).toBe(200);
    expect(bulletin.headers['content-type']).toContain('wordprocessingml');
    const text = docxText(bulletin.rawPayload);
    expect(text).toContain('甲公司第一党支部：码头安全隐患“清零”行动');
    expect(text).toContain('一号码头现场督导：排查台账完整');
    expect(text).toContain('外包队伍配合不够');
    const ledger = await t.call(s.orgAdminA!, { method: 'GET', url: `/api/v1/project-campaigns/${campaignId}/ledger.xlsx` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('项目台账')!;
    expect(sheet.getRow(2).getCell(3).value).toBe('码头安全隐患“清零”行动');
    expect(wb.getWorksheet('周报')!.rowCount).toBe(2);
  });

  it('evaluates only a completed project, within each criterion, averaging the evaluators', async () => {
    const scores = [{ criterionId: criteria[0]!.id, score: 54 }, { criterionId: criteria[1]!.id, score: 30 }];
    const early = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/evaluation`, { scores, grade: 'good', comment: '' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'not_completed', message: '只有已完成的项目才能评价，本项目为“实施中”' });
    await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'completed', note: '结项报告：全年隐患整改率 100%' });
    expect((await call(s.secretaryA1!, 'POST', `/secretary-projects/${P1}/evaluation`, { scores, grade: 'excellent', comment: '' })).statusCode).toBe(403);
    const over = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/evaluation`, { scores: [scores[0], { ...scores[1], score: 41 }], grade: 'good', comment: '' });
    expect(over.statusCode).toBe(400);
    expect(fields(over)).toEqual(['scores.1.score']);
    const noScore = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'evaluated' });
    expect(noScore.statusCode).toBe(409);
    // 54/60×60 + 30/40×40 = 84; 60 + 35 = 95; mean 89.5
    await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/evaluation`, { scores, grade: 'good', comment: '成效明显' });
    const second = await call(s.viewerA!, 'POST', `/secretary-projects/${P1}/evaluation`, { scores: [{ ...scores[0], score: 60 }, { ...scores[1], score: 35 }], grade: 'excellent', comment: '可作典型' });
    expect(second.json()).toMatchObject({ score: 89.5, grade: 'excellent', showcase: true });
    expect(second.json().evaluations.map((e: { total: number }) => e.total)).toEqual([84, 95]);
    const done = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P1}/transition`, { to: 'evaluated' });
    expect(done.json()).toMatchObject({ state: 'evaluated', score: 89.5, grade: 'excellent', showcase: true, health: 'on_track' });
  });

  it('cancels an open project with a reason', async () => {
    const noReason = await call(s.orgAdminA!, 'POST', `/secretary-projects/${P2}/transition`, { to: 'cancelled' });
    expect(fields(noReason)).toEqual(['reason']);
    const res = await call(s.secretaryA2!, 'POST', `/secretary-projects/${P2}/transition`, { to: 'cancelled', reason: '支部合并' });
    expect(res.json()).toMatchObject({ state: 'cancelled', cancelReason: '支部合并', health: null, allowed: [] });
  });
});
