import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import { auditEvents } from '../../db/schema/audit';
import { seedTwoTrees, startTestApp, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { createUser } from '../users/service';

// What the organizer and the applicant keep from the web app beside the application: the campaign's health thresholds
// and supervision cadence, the activities linked to a project (its timeline), who may own a task, and the campaign's
// showcase of excellent projects. Committee A runs the campaign; its branch A1 applies; B is another tree.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let today: string;
const s: Record<string, Session> = {};
let campaignId = '';
let projectId = '';
let criteria: { id: string; max: number }[] = [];

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (who: Session | null, method: Method, url: string, payload?: unknown) =>
  t.call(who, { method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const fields = (res: { json: () => { error: { details?: { field: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.field);
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

async function activity(who: Session, orgId: string, theme: string): Promise<string> {
  const res = await call(who, 'POST', '/activities', { type: 'theme_day', hostOrgIds: [orgId], state: 'held', startsAt: at(addDays(today, -3), '09:00'), endsAt: at(addDays(today, -3), '11:00'), place: '党员活动室', theme });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await startTestApp();
  today = t.system.today;
  ids = await seedTwoTrees(t);
  await createUser(t.system, { username: 'secretaryA2', password: USER_PASSWORD, displayName: '乙支书', roles: [{ role: 'secretary', orgId: ids.A2 }] });
  await createUser(t.system, { username: 'supervisorA', password: USER_PASSWORD, displayName: '督导员', roles: [{ role: 'member', orgId: ids.A }] });
  for (const name of ['orgAdminA', 'secretaryA1', 'secretaryA2', 'viewerA', 'orgAdminB', 'supervisorA']) s[name] = await t.login(name);
  const c = await call(s.orgAdminA!, 'POST', '/project-campaigns', {
    organizerOrgId: ids.A,
    year: 2026,
    title: '书记项目',
    applicationDeadline: addDays(today, 10),
    criteria: [
      { name: '目标完成', weight: 60, max: 60 },
      { name: '示范作用', weight: 40, max: 40 },
    ],
  });
  campaignId = c.json().id;
  criteria = c.json().criteria;
  const p = await call(s.secretaryA1!, 'POST', '/secretary-projects', {
    campaignId,
    orgId: ids.A1,
    title: '码头安全隐患清零',
    problem: '隐患整改不及时',
    goals: '整改率 100%',
    measures: '每周排查',
    expectedOutcomes: '零事故',
    businessArea: 'safety_environment',
    startOn: addDays(today, -30),
    endOn: addDays(today, 150),
    supervisorIds: [s.supervisorA!.userId],
  });
  projectId = p.json().id;
  await call(s.secretaryA1!, 'POST', `/secretary-projects/${projectId}/transition`, { to: 'submitted' });
  await call(s.orgAdminA!, 'POST', `/secretary-projects/${projectId}/transition`, { to: 'approved', noticeNo: '甲党〔2026〕1号' });
  expect((await call(s.orgAdminA!, 'POST', `/secretary-projects/${projectId}/transition`, { to: 'in_progress' })).json().state).toBe('in_progress');
});
afterAll(async () => t.close());

describe("the organizer's settings", () => {
  const boardItem = async () => (await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/board`)).json().items[0];

  it('are kept by the organizer only, checked, audited, and used by the health of every project', async () => {
    const m = await call(s.secretaryA1!, 'POST', `/secretary-projects/${projectId}/milestones`, { title: '完成排查', dueOn: addDays(today, -3) });
    expect(m.statusCode).toBe(201);
    expect(await boardItem()).toMatchObject({ health: 'at_risk', riskReasons: ['milestone_overdue'] });

    const patch = { settings: { milestoneOverdueDays: 7, obstacleDays: 21, supervisionMonths: 2 } };
    expect((await call(null, 'PATCH', `/project-campaigns/${campaignId}`, patch)).statusCode).toBe(401);
    for (const who of ['orgAdminB', 'secretaryA1', 'viewerA']) {
      const res = await call(s[who]!, 'PATCH', `/project-campaigns/${campaignId}`, patch);
      expect(res.statusCode, who).toBe(403);
    }
    for (const bad of [{ obstacleDays: 0 }, { missingReports: 53 }, { milestoneOverdueDays: -1 }, { supervisionMonths: 1.5 }, { visitsPerYear: 4 }]) {
      const res = await call(s.orgAdminA!, 'PATCH', `/project-campaigns/${campaignId}`, { settings: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(fields(res).join(), JSON.stringify(bad)).toContain('settings');
    }
    const unchanged = (await call(s.secretaryA1!, 'GET', `/project-campaigns/${campaignId}`)).json();
    expect(unchanged.settings).toEqual({ milestoneOverdueDays: 0, obstacleDays: 14, missingReports: 2, supervisionMonths: 1, milestoneDaysBefore: 3 });

    const ok = await call(s.orgAdminA!, 'PATCH', `/project-campaigns/${campaignId}`, patch);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().settings).toEqual({ milestoneOverdueDays: 7, obstacleDays: 21, missingReports: 2, supervisionMonths: 2, milestoneDaysBefore: 3 });
    // three days late is within the seven days' grace now
    expect(await boardItem()).toMatchObject({ health: 'on_track', riskReasons: [] });
    expect((await call(s.secretaryA1!, 'GET', `/secretary-projects/${projectId}`)).json().health).toBe('on_track');
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, campaignId), eq(auditEvents.action, 'project_campaign.update')));
    expect(audit).toHaveLength(1);
  });
});

describe('activities linked to a project', () => {
  it('are linked by the applicant from its own organization only, shown on the project, and unlinked', async () => {
    const held = await activity(s.secretaryA1!, ids.A1, '安全生产主题党日');
    const elsewhere = await activity(s.orgAdminB!, ids.B1, '乙公司主题党日');
    const url = `/secretary-projects/${projectId}/activities`;
    expect((await call(null, 'POST', url, { activityId: held })).statusCode).toBe(401);
    for (const who of ['secretaryA2', 'orgAdminB', 'supervisorA']) {
      const res = await call(s[who]!, 'POST', url, { activityId: held });
      expect(res.statusCode, who).toBe(403);
      expect(res.body).not.toContain('主题党日');
    }
    for (const bad of [elsewhere, '0000000000000000']) {
      const res = await call(s.secretaryA1!, 'POST', url, { activityId: bad });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toEqual(['activityId']);
    }
    expect((await call(s.secretaryA1!, 'POST', url, {})).statusCode).toBe(400);
    expect((await call(s.secretaryA1!, 'GET', `/secretary-projects/${projectId}`)).json().activities).toEqual([]);

    const linked = await call(s.secretaryA1!, 'POST', url, { activityId: held });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().items).toEqual([expect.objectContaining({ id: held, theme: '安全生产主题党日', type: 'theme_day' })]);
    // linking again changes nothing
    expect((await call(s.orgAdminA!, 'POST', url, { activityId: held })).json().items).toHaveLength(1);
    expect((await call(s.orgAdminA!, 'GET', `/secretary-projects/${projectId}`)).json().activities.map((a: { theme: string }) => a.theme)).toEqual(['安全生产主题党日']);

    expect((await call(s.secretaryA2!, 'DELETE', `${url}/${held}`)).statusCode).toBe(403);
    expect((await call(s.secretaryA1!, 'DELETE', `${url}/${held}`)).statusCode).toBe(204);
    expect((await call(s.secretaryA1!, 'DELETE', `${url}/${held}`)).statusCode).toBe(404);
    expect((await call(s.secretaryA1!, 'GET', `/secretary-projects/${projectId}`)).json().activities).toEqual([]);
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, projectId)).orderBy(auditEvents.seq)).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('secretary_project.activity.'))).toEqual(['secretary_project.activity.link', 'secretary_project.activity.unlink']);
  });
});

describe('who may own a task', () => {
  it("lists the applying organization's people and those named on the project, to those who read it", async () => {
    const url = `/secretary-projects/${projectId}/people`;
    expect((await call(null, 'GET', url)).statusCode).toBe(401);
    expect((await call(s.orgAdminB!, 'GET', url)).statusCode).toBe(403);
    expect((await call(s.secretaryA2!, 'GET', url)).statusCode).toBe(403);
    const res = await call(s.secretaryA1!, 'GET', url);
    expect(res.statusCode).toBe(200);
    const people = res.json().items.map((p: { id: string }) => p.id);
    expect(people).toEqual(expect.arrayContaining([s.secretaryA1!.userId, s.supervisorA!.userId]));
    for (const who of ['orgAdminB', 'secretaryA2', 'orgAdminA']) expect(people, who).not.toContain(s[who]!.userId);
  });
});

describe('the showcase', () => {
  it("marks an excellent project on the campaign's board, with its averaged score", async () => {
    await call(s.secretaryA1!, 'POST', `/secretary-projects/${projectId}/transition`, { to: 'completed', note: '结项报告' });
    const scores = (a: number, b: number) => [
      { criterionId: criteria[0]!.id, score: a },
      { criterionId: criteria[1]!.id, score: b },
    ];
    await call(s.orgAdminA!, 'POST', `/secretary-projects/${projectId}/evaluation`, { scores: scores(54, 30), grade: 'good', comment: '' });
    const board = async () => (await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/board`)).json().items[0];
    expect(await board()).toMatchObject({ score: 84, grade: 'good', showcase: false });
    await call(s.viewerA!, 'POST', `/secretary-projects/${projectId}/evaluation`, { scores: scores(60, 35), grade: 'excellent', comment: '可作典型' });
    expect(await board()).toMatchObject({ score: 89.5, grade: 'excellent', showcase: true });
  });
});
