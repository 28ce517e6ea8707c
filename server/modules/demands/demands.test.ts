import { PassThrough } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import type { PairingPolicy } from '../../../domain/schemas/pairings';
import { auditEvents } from '../../db/schema/audit';
import { demands } from '../../db/schema/pairings';
import { newId } from '../../ids';
import { seedTwoTrees, startTestApp, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { multipartBody } from '../../testing/uploads';
import { createOrg } from '../orgs/service';
import { createUser } from '../users/service';
import { prepareDemandListExport } from './listExport';
import { escalateOverdueDemands } from './service';

// The demand workflow between an enterprise branch (A1, in tree A) and an organ branch (B1, in tree B), coordinated
// by a zone's working committee (Z). A second pairing (A2 ↔ B1, no coordinator) checks isolation; a draft one checks
// that demands are raised only in active pairings, and one past its end date that they are not raised after it.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let Z: string;
let P1: string;
let P2: string;
let draft: string;
let ended: string;
const users: Record<string, Session> = {};
let today: string;

/** Pairings come from the pairings API, made by the system admin: in force from 30 days ago unless told otherwise. */
async function pairing(partyOrgIds: string[], coordinatorOrgId: string | null, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.call(users.admin!, {
    method: 'POST',
    url: '/api/v1/pairings',
    payload: { title: '结对共建协议', partyOrgIds, coordinatorOrgId, validFrom: addDays(today, -30), validTo: addDays(today, 335), state: 'active', ...extra },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id;
}

const POLICY: PairingPolicy = {
  timeLimits: { urgent: 2, high: 5, normal: 10, low: 20 },
  counting: 'calendar',
  holidays: [],
  extraWorkingDays: [],
  thresholds: { inactiveAfterDays: 30, maxMissedActivityUnits: 0, maxOverdueCommitments: 0, maxOverdueDemands: 0, minAverageSatisfaction: 3, maxMedianDaysToResolve: 30 },
};

beforeAll(async () => {
  t = await startTestApp();
  today = t.system.today;
  ids = await seedTwoTrees(t);
  Z = (await createOrg(t.system, { name: '高新区党工委', type: 'working_committee', parentId: null, sector: 'government_organ', foundedOn: '2010-01-01' })).id;
  const user = (username: string, role: 'secretary' | 'org_admin', orgId: string) =>
    createUser(t.system, { username, password: USER_PASSWORD, displayName: username, roles: [{ role, orgId }] });
  await user('secretaryB1', 'secretary', ids.B1);
  await user('handlerB1', 'org_admin', ids.B1);
  await user('secretaryA2', 'secretary', ids.A2);
  await user('orgAdminZ', 'org_admin', Z);
  for (const name of ['admin', 'orgAdminA', 'secretaryA1', 'viewerA', 'orgAdminB', 'memberA1', 'secretaryB1', 'handlerB1', 'secretaryA2', 'orgAdminZ']) {
    users[name] = await t.login(name);
  }
  P1 = await pairing([ids.A1, ids.B1], Z);
  P2 = await pairing([ids.A2, ids.B1], null);
  draft = await pairing([ids.A1, ids.B], Z, { state: 'draft' });
  ended = await pairing([ids.A1, ids.A2], Z, { validFrom: addDays(today, -400), validTo: addDays(today, -1) });
  const policy = await t.call(users.orgAdminZ!, { method: 'PUT', url: `/api/v1/orgs/${Z}/pairing-policy`, payload: POLICY });
  if (policy.statusCode !== 200) throw new Error(policy.body);
});
afterAll(async () => t.close());

const raise = (who: Session | null, extra: Record<string, unknown> = {}) =>
  t.call(who, {
    method: 'POST',
    url: '/api/v1/demands',
    payload: { pairingId: P1, raisedByOrgId: ids.A1, title: '安全生产政策解读', description: '请协助解读新修订的安全生产条例', category: 'policy', urgency: 'high', ...extra },
  });
const move = (who: Session | null, id: string, body: Record<string, unknown>) => t.call(who, { method: 'POST', url: `/api/v1/demands/${id}/transition`, payload: body });
const get = (who: Session, id: string) => t.call(who, { method: 'GET', url: `/api/v1/demands/${id}` });
const list = async (who: Session, query = '') => {
  const res = await t.call(who, { method: 'GET', url: `/api/v1/demands${query}` });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { id: string; state: string }[]; nextCursor: string | null }>();
};
const notices = async (who: Session) =>
  (await t.call(who, { method: 'GET', url: '/api/v1/notifications' })).json().items as { kind: string; subjectType: string; subjectId: string; message: string; params: Record<string, string | number> }[];
const noticesAbout = async (who: Session, id: string, kind?: string) => (await notices(who)).filter((n) => n.subjectId === id && (!kind || n.kind === kind));
const audits = async (id: string) =>
  (await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, id)).orderBy(auditEvents.seq)).map((a) => a.action);
/** A demand's state and timeline length: what a refused request must leave as it was. */
const snapshot = async (id: string) => {
  const d = (await get(users.admin!, id)).json();
  return { state: d.state, events: d.events.length, rating: d.rating, assigneeId: d.assigneeId, dueOn: d.dueOn, audits: (await audits(id)).length };
};
/** The headers and rows (header → value) of an export's first sheet. */
async function readSheet(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { headers, rows };
}
const expectError = (res: { statusCode: number; json: () => unknown }, status: number, field?: string) => {
  expect(res.statusCode).toBe(status);
  if (field) expect((res.json() as { error: { details: { field: string }[] } }).error.details.map((d) => d.field)).toContain(field);
};

describe('raising a demand', () => {
  it('needs a session', async () => {
    expect((await raise(null)).statusCode).toBe(401);
    expect((await t.call(null, { method: 'GET', url: '/api/v1/demands' })).statusCode).toBe(401);
    expect((await t.call(null, { method: 'GET', url: `/api/v1/demands/${newId()}` })).statusCode).toBe(401);
    expect((await move(null, newId(), { to: 'accepted' })).statusCode).toBe(401);
  });

  it('refuses outside the pairing, for an organization the caller does not act for, and in someone else’s pairing', async () => {
    expect((await raise(users.secretaryA2!)).statusCode).toBe(403); // A2 is no party of P1
    expect((await raise(users.viewerA!)).statusCode).toBe(403); // reads P1 but acts for no one
    expect((await raise(users.memberA1!)).statusCode).toBe(403);
    expect((await raise(users.secretaryA1!, { raisedByOrgId: ids.B1 })).statusCode).toBe(403); // B1 is the partner
    expect((await raise(users.orgAdminB!, { pairingId: P2, raisedByOrgId: ids.A2 })).statusCode).toBe(403);
    expect((await raise(users.secretaryA1!, { pairingId: newId() })).statusCode).toBe(404);
  });

  it('names the wrong field, refuses a pairing that is not active, and records nothing', async () => {
    expectError(await raise(users.orgAdminA!, { raisedByOrgId: ids.A2 }), 400, 'raisedByOrgId');
    expectError(await raise(users.secretaryA1!, { category: 'housing' }), 400, 'category');
    expectError(await raise(users.secretaryA1!, { urgency: 'asap' }), 400, 'urgency');
    expectError(await raise(users.secretaryA1!, { title: '   ' }), 400, 'title');
    expectError(await raise(users.secretaryA1!, { state: 'resolved' }), 400, 'state');
    const inDraft = await raise(users.secretaryA1!, { pairingId: draft });
    expect([inDraft.statusCode, inDraft.json().error.code, inDraft.json().error.message]).toEqual([409, 'demand_needs_active', '只有生效中的结对共建才能提出诉求，本协议为“草拟”']);
    const afterEnd = await raise(users.secretaryA1!, { pairingId: ended }); // past its end date, before the daily job ran
    expect([afterEnd.statusCode, afterEnd.json().error.code, afterEnd.json().error.params]).toEqual([409, 'demand_needs_active', { state: 'expired' }]);
    expect((await list(users.admin!)).items).toEqual([]);
  });

  it('records a submitted demand raised today, with its first timeline entry and an audit event', async () => {
    const res = await raise(users.secretaryA1!);
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      pairingId: P1,
      raisedByOrgId: ids.A1,
      raisedByOrgName: '甲公司第一党支部',
      assignedOrgId: null,
      state: 'submitted',
      raisedOn: today,
      dueOn: null,
      rating: null,
      overdue: false,
      allowed: [],
    });
    expect(d.events).toEqual([expect.objectContaining({ from: null, to: 'submitted', byOrgId: ids.A1, byUserName: 'secretaryA1' })]);
    expect(await audits(d.id)).toEqual(['demand.create']);
  });
});

describe('the whole flow', () => {
  let id: string;
  beforeAll(async () => {
    id = (await list(users.secretaryA1!)).items[0]!.id;
  });

  it('tells the partner’s secretary and admins, not the raiser nor the coordinator', async () => {
    for (const who of ['secretaryB1', 'orgAdminB', 'handlerB1']) {
      const [n] = await noticesAbout(users[who]!, id, 'demand_submitted');
      expect(n).toMatchObject({ subjectType: 'demand', message: '甲公司第一党支部提出诉求“安全生产政策解读”，请受理' });
    }
    expect(await noticesAbout(users.secretaryA1!, id)).toEqual([]);
    expect(await noticesAbout(users.orgAdminZ!, id)).toEqual([]);
    const en = (await t.call(users.secretaryB1!, { method: 'GET', url: '/api/v1/notifications', headers: { 'accept-language': 'en' } })).json().items;
    expect(en.find((n: { subjectId: string }) => n.subjectId === id).message).toBe('甲公司第一党支部 raised the demand "安全生产政策解读"; please accept it');
  });

  it('shows each caller what it may do now', async () => {
    expect((await get(users.secretaryB1!, id)).json().allowed).toEqual(['accepted']);
    expect((await get(users.orgAdminZ!, id)).json().allowed).toEqual([]);
    expect((await get(users.viewerA!, id)).json().allowed).toEqual([]);
  });

  it('refuses a move out of order (409, even from someone not entitled), a wrong actor (403) and a bad assignee (400), changing nothing', async () => {
    const before = await snapshot(id);
    expect((await move(users.secretaryB1!, id, { to: 'resolved', resolution: '已解读' })).statusCode).toBe(409);
    expect((await move(users.viewerA!, id, { to: 'confirmed', rating: 4 })).statusCode).toBe(409);
    expect((await move(users.secretaryA1!, id, { to: 'accepted' })).statusCode).toBe(403); // its own demand
    expect((await move(users.orgAdminZ!, id, { to: 'accepted' })).statusCode).toBe(403); // the coordinator is no partner
    expect((await move(users.viewerA!, id, { to: 'accepted' })).statusCode).toBe(403);
    expect((await move(users.secretaryA2!, id, { to: 'accepted' })).statusCode).toBe(403); // outside the pairing
    expectError(await move(users.secretaryB1!, id, { to: 'accepted', assigneeId: users.secretaryA1!.userId }), 400, 'assigneeId');
    expectError(await move(users.secretaryB1!, id, { to: 'accepted', assigneeId: newId() }), 400, 'assigneeId');
    expectError(await move(users.secretaryB1!, id, { to: 'submitted' }), 400, 'to');
    expectError(await move(users.secretaryB1!, id, { to: 'accepted', priority: 1 }), 400, 'priority');
    expect((await move(users.secretaryB1!, newId(), { to: 'accepted' })).statusCode).toBe(404);
    expect(await snapshot(id)).toEqual(before);
  });

  it('is accepted by the partner, assigned to a person, due after the coordinator’s time limit for its urgency', async () => {
    const res = await move(users.secretaryB1!, id, { to: 'accepted', assigneeId: users.handlerB1!.userId, note: '已受理' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'accepted',
      assignedOrgId: ids.B1,
      assignedOrgName: '乙公司党支部',
      assigneeId: users.handlerB1!.userId,
      assigneeName: 'handlerB1',
      acceptedOn: today,
      dueOn: addDays(today, POLICY.timeLimits.high),
      allowed: ['in_progress'], // the accepting secretary acts for the assigned organization
    });
    const [n] = await noticesAbout(users.handlerB1!, id, 'demand_accepted');
    expect(n!.message).toBe(`乙公司党支部受理了诉求“安全生产政策解读”并交由您办理，办结时限 ${addDays(today, 5)}`);
    expect(await noticesAbout(users.secretaryB1!, id, 'demand_accepted')).toEqual([]);
    expect((await get(users.handlerB1!, id)).json().allowed).toEqual(['in_progress']);
    expect((await get(users.orgAdminZ!, id)).json().allowed).toEqual(['in_progress']);
    expect((await move(users.handlerB1!, id, { to: 'accepted' })).statusCode).toBe(409);
  });

  it('goes into progress with notes; a progress note needs its text', async () => {
    expect((await move(users.secretaryA1!, id, { to: 'in_progress' })).statusCode).toBe(403);
    expect((await move(users.handlerB1!, id, { to: 'in_progress' })).statusCode).toBe(200);
    expectError(await move(users.handlerB1!, id, { to: 'in_progress', note: '  ' }), 400, 'note');
    expect((await move(users.handlerB1!, id, { to: 'in_progress', note: '已联系区应急管理局' })).statusCode).toBe(200);
    // the coordinator may follow it up; the assignee hears of it
    const res = await move(users.orgAdminZ!, id, { to: 'in_progress', note: '请于本周内答复' });
    expect(res.statusCode).toBe(200);
    expect(res.json().events.at(-1)).toMatchObject({ from: 'in_progress', to: 'in_progress', byOrgId: Z, byOrgName: '高新区党工委', note: '请于本周内答复' });
    const progress = await noticesAbout(users.handlerB1!, id, 'demand_in_progress');
    expect(progress).toHaveLength(1);
    expect(progress[0]!.params).toMatchObject({ note: '请于本周内答复' });
  });

  it('is resolved with the resolution, and the raiser is asked to confirm', async () => {
    expectError(await move(users.handlerB1!, id, { to: 'resolved' }), 400, 'resolution');
    const res = await move(users.handlerB1!, id, { to: 'resolved', resolution: '已组织专题解读会' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'resolved', resolution: '已组织专题解读会', resolvedOn: today });
    for (const who of ['secretaryA1', 'orgAdminA']) {
      const [n] = await noticesAbout(users[who]!, id, 'demand_resolved');
      expect(n!.message).toBe('乙公司党支部已办结诉求“安全生产政策解读”，请确认并评价');
    }
    expect(await noticesAbout(users.secretaryA2!, id)).toEqual([]);
    expect((await get(users.secretaryA1!, id)).json().allowed).toEqual(['confirmed', 'reopened']);
  });

  it('is confirmed only by the raiser, with a rating from 1 to 5', async () => {
    const before = await snapshot(id);
    expect((await move(users.secretaryB1!, id, { to: 'confirmed', rating: 5 })).statusCode).toBe(403); // someone else's demand
    expect((await move(users.orgAdminZ!, id, { to: 'confirmed', rating: 5 })).statusCode).toBe(403);
    expect((await move(users.handlerB1!, id, { to: 'reopened', reason: '不满意' })).statusCode).toBe(403);
    expectError(await move(users.secretaryA1!, id, { to: 'confirmed', rating: 0 }), 400, 'rating');
    expectError(await move(users.secretaryA1!, id, { to: 'confirmed', rating: 6 }), 400, 'rating');
    expectError(await move(users.secretaryA1!, id, { to: 'confirmed', rating: 4.5 }), 400, 'rating');
    expectError(await move(users.secretaryA1!, id, { to: 'confirmed' }), 400, 'rating');
    expect(await snapshot(id)).toEqual(before);

    const res = await move(users.secretaryA1!, id, { to: 'confirmed', rating: 4, note: '解读及时' });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ state: 'confirmed', rating: 4, confirmedOn: today, overdue: false, allowed: [] });
    expect(d.events.map((e: { to: string }) => e.to)).toEqual(['submitted', 'accepted', 'in_progress', 'in_progress', 'in_progress', 'resolved', 'confirmed']);
    expect(await audits(id)).toEqual(['demand.create', 'demand.accepted', 'demand.in_progress', 'demand.in_progress', 'demand.in_progress', 'demand.resolved', 'demand.confirmed']);
    const [n] = await noticesAbout(users.handlerB1!, id, 'demand_confirmed');
    expect(n!.message).toBe('甲公司第一党支部确认了诉求“安全生产政策解读”的办理结果，满意度 4 分');
    expect((await move(users.secretaryA1!, id, { to: 'reopened', reason: '再议' })).statusCode).toBe(409);
  });
});

describe('reopening', () => {
  it('goes back to work with the raiser’s reason, and round again to confirmation', async () => {
    const id = (await raise(users.secretaryA1!, { title: '人才招聘对接', category: 'talent', urgency: 'normal' })).json().id as string;
    // without an assignee the accepting user takes it on
    expect((await move(users.secretaryB1!, id, { to: 'accepted' })).json()).toMatchObject({ assigneeId: users.secretaryB1!.userId, dueOn: addDays(today, 10) });
    expect((await move(users.secretaryB1!, id, { to: 'in_progress' })).statusCode).toBe(200);
    expect((await move(users.secretaryB1!, id, { to: 'resolved', resolution: '已推荐三名候选人' })).statusCode).toBe(200);
    expectError(await move(users.secretaryA1!, id, { to: 'reopened' }), 400, 'reason');
    const reopened = await move(users.secretaryA1!, id, { to: 'reopened', reason: '候选人专业不符' });
    expect(reopened.json()).toMatchObject({ state: 'reopened', reopenReason: '候选人专业不符', resolvedOn: null });
    const [n] = await noticesAbout(users.secretaryB1!, id, 'demand_reopened');
    expect(n!.message).toBe('甲公司第一党支部重开了诉求“人才招聘对接”：候选人专业不符');
    expect((await move(users.secretaryB1!, id, { to: 'resolved', resolution: '再推荐' })).statusCode).toBe(409);
    expect((await move(users.secretaryB1!, id, { to: 'in_progress', note: '重新筛选' })).statusCode).toBe(200);
    expect((await move(users.secretaryB1!, id, { to: 'resolved', resolution: '已推荐两名化工专业候选人' })).statusCode).toBe(200);
    // each resolution is its own move: the raiser is told both times, never twice for one
    expect(await noticesAbout(users.secretaryA1!, id, 'demand_resolved')).toHaveLength(2);
    expect((await move(users.secretaryA1!, id, { to: 'confirmed', rating: 5 })).json()).toMatchObject({ state: 'confirmed', rating: 5, reopenReason: '候选人专业不符' });
  });
});

describe('isolation and the list', () => {
  let other: string;
  beforeAll(async () => {
    const res = await raise(users.secretaryA2!, { pairingId: P2, raisedByOrgId: ids.A2, title: '场地共享', category: 'venue', urgency: 'low' });
    expect(res.statusCode).toBe(201);
    other = res.json().id;
  });

  it('shows a partner only the demands of its own pairings', async () => {
    const p1 = (await list(users.secretaryA1!)).items.map((d) => d.id);
    expect(p1).toHaveLength(2);
    expect(p1).not.toContain(other);
    expect((await get(users.secretaryA1!, other)).statusCode).toBe(403);
    expect((await t.call(users.secretaryA1!, { method: 'GET', url: `/api/v1/demands?pairing=${P2}` })).statusCode).toBe(403);
    expect((await move(users.secretaryA1!, other, { to: 'accepted' })).statusCode).toBe(403);
    expect((await list(users.secretaryA2!)).items.map((d) => d.id)).toEqual([other]);
    expect((await get(users.secretaryA2!, p1[0]!)).statusCode).toBe(403);
    expect((await list(users.memberA1!)).items).toEqual([]);
    // B1 is a party of both pairings
    expect((await list(users.secretaryB1!)).items.map((d) => d.id)).toEqual(expect.arrayContaining([...p1, other]));
  });

  it('shows a coordinator all the demands of the pairings it coordinates, and no others', async () => {
    const mine = (await list(users.orgAdminZ!)).items.map((d) => d.id);
    expect(mine).toHaveLength(2);
    expect(mine).not.toContain(other);
    expect((await list(users.orgAdminZ!, `?coordinator=${Z}`)).items.map((d) => d.id).sort()).toEqual([...mine].sort());
    expect((await get(users.orgAdminZ!, other)).statusCode).toBe(403);
  });

  it('filters and pages', async () => {
    expect((await list(users.admin!, `?pairing=${P2}`)).items.map((d) => d.id)).toEqual([other]);
    expect((await list(users.admin!, '?state=submitted')).items.map((d) => d.id)).toEqual([other]);
    expect((await list(users.admin!, '?urgency=low')).items.map((d) => d.id)).toEqual([other]);
    expect((await list(users.admin!, `?org=${ids.A2}`)).items.map((d) => d.id)).toEqual([other]);
    expect((await list(users.admin!, `?org=${ids.B1}`)).items).toHaveLength(2); // assigned to B1
    const all = (await list(users.admin!)).items.map((d) => d.id);
    expect(all).toHaveLength(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(users.admin!, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expectError(await t.call(users.admin!, { method: 'GET', url: '/api/v1/demands?cursor=nonsense' }), 400, 'cursor');
  });
});

describe('escalation', () => {
  let id: string;
  let dueOn: string;
  beforeAll(async () => {
    id = (await raise(users.secretaryA1!, { title: '危化品运输许可咨询', category: 'safety', urgency: 'urgent' })).json().id;
    dueOn = (await move(users.secretaryB1!, id, { to: 'accepted', assigneeId: users.handlerB1!.userId })).json().dueOn;
  });

  it('escalates a demand past its due date to the coordinator once, however often it runs', async () => {
    expect(dueOn).toBe(addDays(today, 2));
    expect(await escalateOverdueDemands(t.database.db, dueOn)).toEqual({ escalated: 0, sent: 0 }); // due, not yet overdue
    const first = await escalateOverdueDemands(t.database.db, addDays(dueOn, 1));
    expect(first.escalated).toBe(1);
    const again = await escalateOverdueDemands(t.database.db, addDays(dueOn, 2));
    expect(again).toEqual({ escalated: 0, sent: 0 });
    const n = await noticesAbout(users.orgAdminZ!, id, 'demand_escalated');
    expect(n).toHaveLength(1);
    expect(n[0]!.message).toBe(`乙公司党支部办理的诉求“危化品运输许可咨询”已超过办结时限 ${dueOn}，请督办`);
    expect(await noticesAbout(users.secretaryA2!, id)).toEqual([]);
    expect((await get(users.admin!, id)).json()).toMatchObject({ escalatedOn: addDays(dueOn, 1), state: 'accepted' });
    expect((await audits(id)).filter((a) => a === 'demand.escalate')).toHaveLength(1);
  });

  it('flags overdue against today, and filters on it', async () => {
    // a due date in the past cannot come from the API (time limits are at least a day): set it directly
    await t.database.db.update(demands).set({ dueOn: addDays(today, -1) }).where(eq(demands.id, id));
    expect((await get(users.secretaryA1!, id)).json().overdue).toBe(true);
    expect((await list(users.admin!, '?overdue=true')).items.map((d) => d.id)).toEqual([id]);
    expect((await list(users.admin!, '?overdue=false')).items.map((d) => d.id)).not.toContain(id);
  });

  it('never escalates a settled demand, nor one of a pairing without a coordinator', async () => {
    const p2 = (await move(users.secretaryB1!, (await list(users.admin!, `?pairing=${P2}`)).items[0]!.id, { to: 'accepted' })).json();
    expect(p2.dueOn).toBe(addDays(today, 30)); // no coordinator: the default time limit of a low urgency
    const settled = (await list(users.admin!, '?state=confirmed')).items.map((d) => d.id);
    const late = addDays(today, 400);
    await escalateOverdueDemands(t.database.db, late);
    const rows = await t.database.db.select({ id: demands.id, escalatedOn: demands.escalatedOn }).from(demands).where(inArray(demands.id, [...settled, p2.id]));
    expect(rows.every((r) => r.escalatedOn === null)).toBe(true);
  });

  it('lets the coordinator work on and resolve an escalated demand', async () => {
    expect((await get(users.orgAdminZ!, id)).json().allowed).toEqual(['in_progress']);
    expect((await move(users.orgAdminZ!, id, { to: 'in_progress', note: '党工委督办' })).statusCode).toBe(200);
    const res = await move(users.orgAdminZ!, id, { to: 'resolved', resolution: '已协调交通运输局办理许可' });
    expect(res.json()).toMatchObject({ state: 'resolved', assignedOrgId: ids.B1, overdue: false });
    expect(res.json().events.at(-1)).toMatchObject({ to: 'resolved', byOrgId: Z });
    const stored = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'demand.resolved')));
    expect(stored).toHaveLength(1);
  });
});

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.7\n%%EOF');
  const upload = (who: Session | null, id: string, name: string, content: Buffer) => {
    const body = multipartBody({}, { name, content });
    return t.call(who, { method: 'POST', url: `/api/v1/demands/${id}/files`, payload: body.payload, headers: body.headers });
  };
  let open: string;
  let closed: string;
  beforeAll(async () => {
    open = (await list(users.admin!, '?state=resolved')).items[0]!.id;
    closed = (await list(users.admin!, '?state=confirmed')).items[0]!.id;
  });

  it('are added by those who act in the pairing, shown on the demand, and read by its readers only', async () => {
    const res = await upload(users.secretaryA1!, open, 'statement.pdf', pdf);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ filename: 'statement.pdf', mime: 'application/pdf', size: pdf.length });
    const fileId = res.json().id as string;
    expect((await get(users.secretaryB1!, open)).json().files).toEqual([expect.objectContaining({ id: fileId, filename: 'statement.pdf' })]);
    const download = await t.call(users.orgAdminZ!, { method: 'GET', url: `/api/v1/demands/${open}/files/${fileId}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await t.call(users.secretaryA2!, { method: 'GET', url: `/api/v1/demands/${open}/files/${fileId}` })).statusCode).toBe(403);
    expect((await t.call(users.secretaryA1!, { method: 'GET', url: `/api/v1/demands/${open}/files/${newId()}` })).statusCode).toBe(404);
    expect(await audits(open)).toContain('demand.file.add');
  });

  it('refuses the unentitled, a file that is not allowed, and a closed demand, keeping nothing', async () => {
    expect((await upload(null, open, 'a.pdf', pdf)).statusCode).toBe(401);
    expect((await upload(users.viewerA!, open, 'a.pdf', pdf)).statusCode).toBe(403);
    expect((await upload(users.secretaryA2!, open, 'a.pdf', pdf)).statusCode).toBe(403);
    expectError(await upload(users.secretaryA1!, open, 'a.pdf', Buffer.from('MZ\x90\x00 not a document')), 400, 'file');
    expect((await upload(users.secretaryA1!, closed, 'a.pdf', pdf)).statusCode).toBe(409);
    expect((await upload(users.secretaryA1!, newId(), 'a.pdf', pdf)).statusCode).toBe(404);
    expect((await get(users.admin!, open)).json().files).toHaveLength(1);
    expect((await get(users.admin!, closed)).json().files).toEqual([]);
  });
});

describe('the organization a move is made as', () => {
  // A3 (under A) raises a demand in a pairing with B and B1 coordinated by A itself: A's admin covers the raiser through
  // its grant but acts there as the coordinator. B's admin acts for both partners; `both` is B1's secretary and also an
  // admin of A, so partner and coordinator.
  let PA: string;
  let A3: string;
  let id: string;
  const s: Record<string, Session> = {};

  beforeAll(async () => {
    A3 = (await createOrg(t.system, { name: '甲公司第三党支部', type: 'branch', parentId: ids.A, sector: 'state_enterprise', foundedOn: '2015-01-01' })).id;
    await createUser(t.system, { username: 'secretaryA3', password: USER_PASSWORD, displayName: 'secretaryA3', roles: [{ role: 'secretary', orgId: A3 }] });
    await createUser(t.system, {
      username: 'both',
      password: USER_PASSWORD,
      displayName: 'both',
      roles: [
        { role: 'secretary', orgId: ids.B1 },
        { role: 'org_admin', orgId: ids.A },
      ],
    });
    s.secretaryA3 = await t.login('secretaryA3');
    s.both = await t.login('both');
    PA = await pairing([A3, ids.B, ids.B1], ids.A);
    const res = await raise(s.secretaryA3, { pairingId: PA, raisedByOrgId: A3 });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
  });

  it('asks a caller who could act as several organizations to choose one, and records the one chosen', async () => {
    const before = await snapshot(id);
    const res = await move(users.orgAdminB!, id, { to: 'accepted' });
    expectError(res, 400, 'actingAsOrgId');
    expect(res.json().error.details[0].code).toBe('acting_as_ambiguous');
    expectError(await move(users.orgAdminB!, id, { to: 'accepted', actingAsOrgId: ids.A2 }), 400, 'actingAsOrgId');
    expect((await move(users.orgAdminB!, id, { to: 'accepted', actingAsOrgId: A3 })).statusCode).toBe(403); // not its own
    expect(await snapshot(id)).toEqual(before);
    const ok = await move(users.orgAdminB!, id, { to: 'accepted', actingAsOrgId: ids.B1, assigneeId: users.secretaryB1!.userId });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'accepted', assignedOrgId: ids.B1 });
    // working on it: the assigned organization when the caller acts for it, the coordinator only when chosen
    const work = await move(s.both!, id, { to: 'in_progress', note: '已对接' });
    expect(work.json().events.at(-1)).toMatchObject({ to: 'in_progress', byOrgId: ids.B1 });
    const asCoordinator = await move(s.both!, id, { to: 'in_progress', note: '请加快', actingAsOrgId: ids.A });
    expect(asCoordinator.statusCode).toBe(200);
    expect(asCoordinator.json().events.at(-1)).toMatchObject({ byOrgId: ids.A });
    expect((await move(users.orgAdminA!, id, { to: 'in_progress', note: '督办' })).json().events.at(-1)).toMatchObject({ byOrgId: ids.A });
    expect((await move(users.secretaryB1!, id, { to: 'resolved', resolution: '已协调解决' })).statusCode).toBe(200);
  });

  it('never lets the coordinator confirm, rate or reopen as the raiser it covers; the raiser can', async () => {
    const before = await snapshot(id);
    expect((await get(users.orgAdminA!, id)).json().allowed).toEqual([]);
    const confirm = await move(users.orgAdminA!, id, { to: 'confirmed', rating: 5 });
    expect(confirm.statusCode).toBe(403);
    expect(confirm.json().error.code).toBe('demand_raiser_confirms');
    const chosen = await move(users.orgAdminA!, id, { to: 'confirmed', rating: 5, actingAsOrgId: A3 });
    expect(chosen.statusCode).toBe(403);
    expect(chosen.json().error.code).toBe('acting_as_not_entitled');
    expect((await move(users.orgAdminA!, id, { to: 'reopened', reason: '不满意', actingAsOrgId: A3 })).statusCode).toBe(403);
    expect((await move(users.orgAdminA!, id, { to: 'reopened', reason: '不满意' })).json().error.code).toBe('demand_raiser_reopens');
    expect(await snapshot(id)).toEqual(before);

    expect((await get(s.secretaryA3!, id)).json().allowed).toEqual(['confirmed', 'reopened']);
    const res = await move(s.secretaryA3!, id, { to: 'confirmed', rating: 5, actingAsOrgId: A3 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'confirmed', rating: 5 });
    expect(res.json().events.at(-1)).toMatchObject({ to: 'confirmed', byOrgId: A3 });
  });
});

describe('the list as pages, its export and a batch accept', () => {
  /** a pairing of its own (A ↔ B1, coordinated by Z), with four demands raised by A */
  let P: string;
  const raised: string[] = [];
  const titles = ['场地借用', '党建共建经费', '志愿服务对接', '人才培训合作'];

  beforeAll(async () => {
    P = await pairing([ids.A, ids.B1], Z, { title: '批量受理结对' });
    for (const title of titles) {
      const res = await raise(users.orgAdminA!, { pairingId: P, raisedByOrgId: ids.A, title, urgency: 'normal' });
      expect(res.statusCode).toBe(201);
      raised.push(res.json().id);
    }
    expect((await raise(users.secretaryA1!, { title: '第一支部自己的诉求' })).statusCode).toBe(201);
  });

  it('jumps to a page by offset, counts what the filter selects, and still pages by cursor', async () => {
    expect((await t.call(null, { method: 'GET', url: `/api/v1/demands?pairing=${P}&limit=2&offset=2` })).statusCode).toBe(401);
    expect((await t.call(users.secretaryA1!, { method: 'GET', url: `/api/v1/demands?pairing=${P}&limit=2&offset=2` })).statusCode).toBe(403);
    const first = (await t.call(users.secretaryB1!, { method: 'GET', url: `/api/v1/demands?pairing=${P}&limit=2` })).json();
    const second = (await t.call(users.secretaryB1!, { method: 'GET', url: `/api/v1/demands?pairing=${P}&limit=2&offset=2` })).json();
    expect(first).toMatchObject({ total: 4, totalExact: true });
    expect(second).toMatchObject({ total: 4, totalExact: true });
    const byCursor = (await t.call(users.secretaryB1!, { method: 'GET', url: `/api/v1/demands?pairing=${P}&limit=2&cursor=${first.nextCursor}` })).json();
    expect(second.items.map((d: { id: string }) => d.id)).toEqual(byCursor.items.map((d: { id: string }) => d.id));
    expect([...first.items, ...second.items].map((d: { id: string }) => d.id).sort()).toEqual([...raised].sort());
    expect((await t.call(users.secretaryB1!, { method: 'GET', url: `/api/v1/demands?pairing=${P}&state=accepted` })).json()).toMatchObject({ items: [], total: 0 });
    expectError(await t.call(users.secretaryB1!, { method: 'GET', url: `/api/v1/demands?offset=x` }), 400);
  });

  it('exports exactly the demands the filter selects, all pages, within the pairings the caller may read', async () => {
    const url = `/api/v1/exports/demands.xlsx?pairing=${P}&state=submitted`;
    expect((await t.call(null, { method: 'GET', url })).statusCode).toBe(401);
    expect((await t.call(users.secretaryA1!, { method: 'GET', url })).statusCode).toBe(403);
    const res = await t.call(users.secretaryB1!, { method: 'GET', url });
    expect(res.statusCode).toBe(200);
    const { headers, rows } = await readSheet(res.rawPayload);
    expect(headers.slice(0, 9)).toEqual(['序号', '诉求标题', '结对共建', '提出方', '提出日期', '类别', '紧急程度', '状态', '承办方']);
    const listed = (await t.call(users.secretaryB1!, { method: 'GET', url: `/api/v1/demands?pairing=${P}&state=submitted` })).json().items.map((d: { title: string }) => d.title);
    expect(rows.map((r) => r['诉求标题'])).toEqual(listed);
    expect(rows[0]).toMatchObject({ 序号: 1, 结对共建: '批量受理结对', 提出方: '甲公司党委', 提出日期: today, 类别: '政策服务', 紧急程度: '一般', 状态: '提交', 是否超期: '否' });
    // read in batches of one, every page reaches the file
    const file = await prepareDemandListExport(t.system, { pairing: P, state: 'submitted' }, { batchSize: 1 });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await file.write(out);
    expect((await readSheet(Buffer.concat(chunks))).rows).toEqual(rows);
    // without a filter, a partner of other pairings only sees its own
    const own = await readSheet((await t.call(users.secretaryA1!, { method: 'GET', url: '/api/v1/exports/demands.xlsx' })).rawPayload);
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.some((r) => r['结对共建'] === '批量受理结对')).toBe(false);
  });

  it('accepts selected demands with one note, all or none', async () => {
    const accept = (who: Session | null, payload: Record<string, unknown>) => t.call(who, { method: 'POST', url: '/api/v1/demands/batch-accept', payload });
    const states = async () => Promise.all(raised.map(async (id) => (await get(users.admin!, id)).json().state as string));
    expect((await accept(null, { ids: [raised[0]] })).statusCode).toBe(401);
    const outside = await accept(users.secretaryA1!, { ids: [raised[0]] });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({ code: 'batch_refused', details: [{ field: 'ids.0', code: 'forbidden' }] });
    // the raiser cannot accept its own demands
    expect((await accept(users.orgAdminA!, { ids: [raised[0]] })).statusCode).toBe(403);
    for (const bad of [{ ids: [] }, { ids: [raised[0], raised[0]] }, { ids: Array.from({ length: 201 }, () => newId()) }, { ids: [raised[0]], assignee: 'x' }]) {
      expectError(await accept(users.secretaryB1!, bad), 400);
    }
    // one of them already accepted: nothing is accepted, and the answer names it
    expect((await move(users.handlerB1!, raised[3]!, { to: 'accepted' })).statusCode).toBe(200);
    const before = await Promise.all(raised.slice(0, 3).map(snapshot));
    const mixed = await accept(users.secretaryB1!, { ids: [raised[0], raised[3], raised[1]], note: '统一受理' });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().error.details).toMatchObject([{ field: 'ids.1' }]);
    expect(mixed.json().error.message).toBe('1 项无法处理，全部未作更改');
    expect(await Promise.all(raised.slice(0, 3).map(snapshot))).toEqual(before);

    const done = await accept(users.secretaryB1!, { ids: raised.slice(0, 3), note: '统一受理' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ accepted: 3 });
    expect(await states()).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const d0 = (await get(users.secretaryB1!, raised[0]!)).json();
    expect(d0).toMatchObject({ assignedOrgId: ids.B1 });
    expect(d0.events.at(-1)).toMatchObject({ to: 'accepted', note: '统一受理' });
    for (const id of raised.slice(0, 3)) expect(await audits(id)).toEqual(['demand.create', 'demand.accepted']);
  });
});
