import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import { auditEvents } from '../../db/schema/audit';
import { secretaryProjects } from '../../db/schema/projects';
import { seedTwoTrees, startTestApp, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { createUser } from '../users/service';

// The organizer's board as one list pattern (issue 11): the export of the current filter (.xlsx, the board's rows and
// scope) and deciding several submitted applications at once (approve or return), all or nothing.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let today: string;
const s: Record<string, Session> = {};
let campaignId: string;
/** A1's and A2's applications, submitted; A's own, still a draft; B1's in B's campaign, submitted */
let P1: string;
let P2: string;
let P0: string;
let PB: string;

const call = (who: Session | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.call(who, { method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const fields = (res: { json: () => { error: { details?: { field: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.field);
const states = async (...projectIds: string[]) =>
  Object.fromEntries(
    (await t.database.db.select({ id: secretaryProjects.id, state: secretaryProjects.state }).from(secretaryProjects).where(inArray(secretaryProjects.id, projectIds))).map((r) => [r.id, r.state]),
  );
const approvals = async (id: string) =>
  (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'secretary_project.approved')))).length;

async function sheetRows(body: Buffer): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, (row.values as unknown[])[i + 1] ?? null])));
  });
  return rows;
}

beforeAll(async () => {
  t = await startTestApp();
  today = t.system.today;
  ids = await seedTwoTrees(t);
  for (const [username, orgId] of [
    ['secretaryA2', ids.A2],
    ['secretaryB1', ids.B1],
  ] as const) {
    await createUser(t.system, { username, password: USER_PASSWORD, displayName: username, roles: [{ role: 'secretary', orgId }] });
  }
  for (const name of ['orgAdminA', 'secretaryA1', 'secretaryA2', 'orgAdminB', 'secretaryB1']) s[name] = await t.login(name);
  const campaign = (who: Session, organizerOrgId: string) =>
    call(who, 'POST', '/project-campaigns', {
      organizerOrgId,
      year: 2026,
      title: '2026年度“书记项目”',
      applicationDeadline: addDays(today, 10),
      criteria: [{ name: '目标达成', weight: 100, max: 100 }],
    });
  campaignId = (await campaign(s.orgAdminA!, ids.A)).json().id;
  const campaignB = (await campaign(s.orgAdminB!, ids.B)).json().id;
  const apply = async (who: Session, orgId: string, title: string, campaign = campaignId, submit = true) => {
    const res = await call(who, 'POST', '/secretary-projects', {
      campaignId: campaign,
      orgId,
      title,
      problem: '问题',
      goals: '目标',
      measures: '措施',
      expectedOutcomes: '成效',
      businessArea: 'safety_environment',
      startOn: addDays(today, -30),
      endOn: addDays(today, 150),
      indicators: [{ name: '隐患整改率', unit: '%', baseline: 72, target: 100, direction: 'up' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    if (submit) expect((await call(who, 'POST', `/secretary-projects/${id}/transition`, { to: 'submitted' })).statusCode).toBe(200);
    return id;
  };
  P1 = await apply(s.secretaryA1!, ids.A1, '码头安全隐患“清零”行动');
  P2 = await apply(s.secretaryA2!, ids.A2, '党员先锋岗创建');
  P0 = await apply(s.orgAdminA!, ids.A, '机关作风提升', campaignId, false);
  PB = await apply(s.secretaryB1!, ids.B1, '乙公司项目', campaignB);
});
afterAll(async () => t.close());

describe('GET /project-campaigns/:id/board.xlsx', () => {
  it('answers 401 without a session and 403 outside the organizer and its contact leaders', async () => {
    expect((await call(null, 'GET', `/project-campaigns/${campaignId}/board.xlsx`)).statusCode).toBe(401);
    expect((await call(s.orgAdminB!, 'GET', `/project-campaigns/${campaignId}/board.xlsx`)).statusCode).toBe(403);
    // a branch that applied reads its own project, not the campaign's board
    expect((await call(s.secretaryA1!, 'GET', `/project-campaigns/${campaignId}/board.xlsx`)).statusCode).toBe(403);
  });

  it("holds exactly the board's rows for the same filter, with codes named in Chinese", async () => {
    const res = await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/board.xlsx?state=submitted`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(res.rawPayload);
    const board = (await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/board?state=submitted`)).json().items as { title: string }[];
    expect(rows.map((r) => r['项目名称'])).toEqual(board.map((b) => b.title));
    expect(rows.map((r) => r['项目名称']).sort()).toEqual(['党员先锋岗创建', '码头安全隐患“清零”行动'].sort());
    expect(rows[0]).toMatchObject({ 序号: 1, 状态: '已申报', 服务领域: '安全环保' });
    expect(String(rows[0]!['指标（基线 → 目标，实际）'])).toContain('隐患整改率：72 → 100');
    const drafts = await sheetRows((await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/board.xlsx?state=draft`)).rawPayload);
    expect(drafts.map((r) => [r['项目名称'], r['申报单位']])).toEqual([['机关作风提升', '甲公司党委']]);
    expect((await call(s.orgAdminA!, 'GET', `/project-campaigns/${campaignId}/board.xlsx?state=nonsense`)).statusCode).toBe(400);
  });
});

describe('POST /secretary-projects/batch (all or nothing)', () => {
  const noticeNo = '甲党发〔2026〕3号';

  it('answers 401 without a session', async () => {
    expect((await call(null, 'POST', '/secretary-projects/batch', { ids: [P1], to: 'approved', noticeNo })).statusCode).toBe(401);
  });

  it('refuses projects out of scope or not the caller to decide, naming each, and moves none', async () => {
    const outside = await call(s.orgAdminB!, 'POST', '/secretary-projects/batch', { ids: [P1, P2], to: 'approved', noticeNo });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({ code: 'batch_refused', params: { count: 2 } });
    expect(fields(outside)).toEqual(['ids.0', 'ids.1']);
    const applicant = await call(s.secretaryA1!, 'POST', '/secretary-projects/batch', { ids: [P1], to: 'approved', noticeNo });
    expect(applicant.statusCode).toBe(403);
    expect(await states(P1, P2)).toEqual({ [P1]: 'submitted', [P2]: 'submitted' });
  });

  it('answers 400 for no ids, too many, a missing notice number or note, an id listed twice', async () => {
    expect((await call(s.orgAdminA!, 'POST', '/secretary-projects/batch', { ids: [], to: 'approved', noticeNo })).statusCode).toBe(400);
    expect((await call(s.orgAdminA!, 'POST', '/secretary-projects/batch', { ids: Array.from({ length: 201 }, (_, i) => `p${i}`), to: 'approved', noticeNo })).statusCode).toBe(400);
    expect((await call(s.orgAdminA!, 'POST', '/secretary-projects/batch', { ids: [P1], to: 'in_progress' })).statusCode).toBe(400);
    const noNotice = await call(s.orgAdminA!, 'POST', '/secretary-projects/batch', { ids: [P1], to: 'approved', noticeNo: '  ' });
    expect(noNotice.statusCode).toBe(400);
    expect(fields(noNotice)).toEqual(['noticeNo']);
    const noNote = await call(s.orgAdminA!, 'POST', '/secretary-projects/batch', { ids: [P1], to: 'returned' });
    expect(fields(noNote)).toEqual(['note']);
    const twice = await call(s.orgAdminA!, 'POST', '/secretary-projects/batch', { ids: [P1, P1], to: 'approved', noticeNo });
    expect(twice.statusCode).toBe(400);
    expect(fields(twice)).toEqual(['ids.1']);
    expect(await states(P1)).toEqual({ [P1]: 'submitted' });
  });

  it('moves none when one is refused (a draft, another tree), and says which', async () => {
    const res = await call(s.orgAdminA!, 'POST', '/secretary-projects/batch', { ids: [P1, P0, P2, PB], to: 'approved', noticeNo });
    expect(res.statusCode).toBe(403); // the status that tells most: out of scope before a conflict
    const details = res.json().error.details as { field: string; code: string }[];
    expect(details.map((d) => [d.field, d.code])).toEqual([
      ['ids.1', 'impossible_move'],
      ['ids.3', 'forbidden'],
    ]);
    expect(await states(P1, P2, P0)).toEqual({ [P1]: 'submitted', [P2]: 'submitted', [P0]: 'draft' });
    expect(await approvals(P1)).toBe(0);
  });

  it('approves every selected application with the one notice number, audited and told to each applicant', async () => {
    const res = await call(s.orgAdminA!, 'POST', '/secretary-projects/batch', { ids: [P1, P2], to: 'approved', noticeNo });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((p: { id: string; state: string; noticeNo: string }) => [p.id, p.state, p.noticeNo])).toEqual([
      [P1, 'approved', noticeNo],
      [P2, 'approved', noticeNo],
    ]);
    expect(await approvals(P1)).toBe(1);
    expect(await approvals(P2)).toBe(1);
    const notices = (await call(s.secretaryA2!, 'GET', '/notifications')).json().items as { kind: string; subjectId: string }[];
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'project_approved', subjectId: P2 }));
  });
});
