import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import { auditEvents } from '../../db/schema/audit';
import { docxText, unzip } from '../../testing/docx';
import { startTestApp, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { multipartBody } from '../../testing/uploads';
import { createUser } from '../users/service';
import { agreement, fieldsOf, seedPairingWorld } from './fixtures';

// The loose ends of pairing (issue 11): health on the list items from the same rule as the page and the dashboard,
// one commitment marked done by the party that owes it, deleting a draft and attachments, the printable plaque and
// agreement summary, and the people who may handle a demand.

let t: TestApp;
let w: Awaited<ReturnType<typeof seedPairingWorld>>;
let s: Awaited<ReturnType<typeof seedPairingWorld>>['s'];
/** A1 ↔ B1, coordinated by the zone Z, in force; A1 owes a commitment overdue since last quarter */
let P: string;
let handlerB1: Session;
let secretaryA2: Session;

const call = (who: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: unknown) =>
  t.call(who, { method, url: `/api/v1${url}`, payload: payload as Record<string, unknown> | undefined });
const audits = async (id: string, action: string) =>
  (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, action)))).length;
const upload = (who: Session | null, url: string, name: string) => {
  const body = multipartBody({}, { name, content: Buffer.from('%PDF-1.7\n%%EOF'), type: 'application/pdf' });
  return t.call(who, { method: 'POST', url: `/api/v1${url}`, payload: body.payload, headers: body.headers });
};
/** The quarter containing `date`, as the health asks for it: 2026-Q4. */
const quarter = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
/** The first day of the quarter containing `date`. */
const quarterStart = (date: string) => `${date.slice(0, 4)}-${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

beforeAll(async () => {
  t = await startTestApp();
  w = await seedPairingWorld(t);
  s = w.s;
  await createUser(t.system, { username: 'handlerB1', password: USER_PASSWORD, displayName: '办理人乙', memberId: null, roles: [{ role: 'org_admin', orgId: w.B1 }] });
  await createUser(t.system, { username: 'secretaryA2', password: USER_PASSWORD, memberId: null, roles: [{ role: 'secretary', orgId: w.A2 }] });
  handlerB1 = await t.login('handlerB1');
  secretaryA2 = await t.login('secretaryA2');
  // made by the system administrator, who acts for every side: in force at once (the zone alone would wait for both)
  const res = await call(
    s.admin,
    'POST',
    '/pairings',
    agreement(t, [w.A1, w.B1], {
      coordinatorOrgId: w.Z,
      title: '甲乙结对共建协议',
      validFrom: addDays(w.today, -400),
      signedOn: addDays(w.today, -400),
      state: 'active',
      plaque: { awardedOn: addDays(w.today, -390), wording: '结对共建示范单位' },
      contacts: [{ orgId: w.B1, contactName: '李联络', contactPhone: '13812345678', contactTitle: '组织委员' }],
      commitments: [
        // due before this quarter began and still not done: overdue on the page, in the health and on the dashboard
        { orgId: w.A1, description: '每季度开展一次联合主题党日', target: '4次', dueOn: addDays(quarterStart(w.today), -1) },
        { orgId: w.B1, description: '提供安全生产培训', dueOn: addDays(w.today, 60) },
      ],
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  P = res.json().id;
});
afterAll(async () => t.close());

describe('one rule for overdue commitments and health', () => {
  it('the page, the health, the dashboard and the list item agree on the overdue commitment of an earlier quarter', async () => {
    const page = (await call(s.secretaryA1, 'GET', `/pairings/${P}`)).json();
    expect(page.commitments.filter((c: { overdue: boolean }) => c.overdue)).toHaveLength(1);
    const health = (await call(s.secretaryA1, 'GET', `/pairings/${P}/health?period=${quarter(w.today)}`)).json();
    expect(health.commitments.overdue).toBe(1);
    const dash = (await call(s.orgAdminZ, 'GET', `/pairings/dashboard?coordinator=${w.Z}`)).json();
    expect(dash.totals.commitmentsOverdue).toBe(1);
    expect(dash.rows.find((r: { pairingId: string }) => r.pairingId === P).commitmentsOverdue).toBe(1);
    const item = (await call(s.secretaryA1, 'GET', '/pairings')).json().items.find((p: { id: string }) => p.id === P);
    expect(item.health).toMatchObject({ period: health.period, state: health.state, reasons: health.reasons, commitmentsOverdue: 1, activitiesHeld: 0, activitiesRequired: health.activities.required });
  });

  it('gives a draft no health on the list', async () => {
    const draft = (await call(s.orgAdminA, 'POST', '/pairings', agreement(t, [w.A1, w.A2], { validFrom: addDays(w.today, 400), validTo: addDays(w.today, 800) }))).json();
    const item = (await call(s.orgAdminA, 'GET', '/pairings')).json().items.find((p: { id: string }) => p.id === draft.id);
    expect(item.health).toBeNull();
    expect((await call(s.orgAdminA, 'DELETE', `/pairings/${draft.id}`)).statusCode).toBe(204);
  });
});

describe('marking one commitment done', () => {
  const url = (commitmentId: string) => `/pairings/${P}/commitments/${commitmentId}`;
  let mine: string;
  let theirs: string;
  beforeAll(async () => {
    const page = (await call(s.secretaryA1, 'GET', `/pairings/${P}`)).json();
    mine = page.commitments.find((c: { orgId: string }) => c.orgId === w.A1).id;
    theirs = page.commitments.find((c: { orgId: string }) => c.orgId === w.B1).id;
    // A1's secretary may mark A1's commitment, not B1's; the zone keeps the agreement and may mark both
    expect(Object.fromEntries(page.commitments.map((c: { orgId: string; mayMarkDone: boolean }) => [c.orgId, c.mayMarkDone]))).toEqual({ [w.A1]: true, [w.B1]: false });
  });

  it('needs a session, the owing party (or the keeper), a day not in the future, and changes nothing when refused', async () => {
    expect((await call(null, 'PATCH', url(mine), { doneOn: w.today })).statusCode).toBe(401);
    // secretaryA2 cannot read the pairing at all; secretaryB1 reads it but owes the other commitment; viewerZ only reads
    expect((await call(secretaryA2, 'PATCH', url(mine), { doneOn: w.today })).statusCode).toBe(403);
    const notOwner = await call(s.secretaryB1, 'PATCH', url(mine), { doneOn: w.today });
    expect(notOwner.statusCode).toBe(403);
    expect(notOwner.json().error.code).toBe('commitment_not_owner');
    expect((await call(s.viewerZ, 'PATCH', url(mine), { doneOn: w.today })).statusCode).toBe(403);
    const future = await call(s.secretaryA1, 'PATCH', url(mine), { doneOn: addDays(w.today, 1) });
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future.json())).toEqual(['doneOn']);
    expect(fieldsOf((await call(s.secretaryA1, 'PATCH', url(mine), { doneOn: 'yesterday' })).json())).toContain('doneOn');
    expect((await call(s.secretaryA1, 'PATCH', url('no-such-commitment'), { doneOn: w.today })).statusCode).toBe(404);
    const page = (await call(s.secretaryA1, 'GET', `/pairings/${P}`)).json();
    expect(page.commitments.every((c: { doneOn: string | null }) => c.doneOn === null)).toBe(true);
    expect(await audits(P, 'pairing.commitment.done')).toBe(0);
  });

  it('the owing party marks its own commitment done, audited; it is no longer overdue anywhere', async () => {
    const res = await call(s.secretaryA1, 'PATCH', url(mine), { doneOn: w.today });
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json().commitments.find((x: { id: string }) => x.id === mine);
    expect(c).toMatchObject({ doneOn: w.today, overdue: false });
    expect(await audits(P, 'pairing.commitment.done')).toBe(1);
    expect((await call(s.secretaryA1, 'GET', `/pairings/${P}/health?period=${quarter(w.today)}`)).json().commitments.overdue).toBe(0);
    expect((await call(s.orgAdminZ, 'GET', `/pairings/dashboard?coordinator=${w.Z}`)).json().totals.commitmentsOverdue).toBe(0);
    // the keeper marks the other side's, and may undo it
    expect((await call(s.orgAdminZ, 'PATCH', url(theirs), { doneOn: w.today })).json().commitments.find((x: { id: string }) => x.id === theirs).doneOn).toBe(w.today);
    expect((await call(s.orgAdminZ, 'PATCH', url(theirs), { doneOn: null })).json().commitments.find((x: { id: string }) => x.id === theirs).doneOn).toBeNull();
  });
});

describe('deleting a draft', () => {
  let draft: string;
  beforeAll(async () => {
    // made by A's admin for two of its branches, no coordinator: the parties' managers keep it
    draft = (await call(s.orgAdminA, 'POST', '/pairings', agreement(t, [w.A1, w.A2], { title: '待删除的草拟协议', validFrom: addDays(w.today, 400), validTo: addDays(w.today, 800) }))).json().id;
  });

  it('needs a session, its author or keeper, and a draft; refusals change nothing', async () => {
    expect((await call(null, 'DELETE', `/pairings/${draft}`)).statusCode).toBe(401);
    expect((await call(s.secretaryB1, 'DELETE', `/pairings/${draft}`)).statusCode).toBe(403); // cannot read it
    expect((await call(s.viewerA, 'DELETE', `/pairings/${draft}`)).statusCode).toBe(403); // reads, keeps nothing
    const active = await call(s.orgAdminZ, 'DELETE', `/pairings/${P}`);
    expect(active.statusCode).toBe(409);
    expect(active.json().error).toMatchObject({ code: 'pairing_not_draft', message: expect.stringContaining('终止') });
    expect((await call(s.orgAdminA, 'GET', `/pairings/${draft}`)).statusCode).toBe(200);
    expect((await call(s.orgAdminZ, 'GET', `/pairings/${P}`)).statusCode).toBe(200);
    expect((await call(s.orgAdminA, 'GET', `/pairings/${draft}`)).json().abilities).toContain('pairing.delete');
    expect((await call(s.viewerA, 'GET', `/pairings/${draft}`)).json().abilities).not.toContain('pairing.delete');
  });

  it('the author deletes it with its files, audited', async () => {
    const file = await upload(s.orgAdminA, `/pairings/${draft}/files`, '协议扫描件.pdf');
    expect(file.statusCode, file.body).toBe(201);
    const dir = path.join(t.config.dataDir, 'files', 'pairings', draft);
    expect(readdirSync(dir)).toHaveLength(1);
    const res = await call(s.orgAdminA, 'DELETE', `/pairings/${draft}`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await call(s.orgAdminA, 'GET', `/pairings/${draft}`)).statusCode).toBe(404);
    expect(existsSync(dir) ? readdirSync(dir) : []).toHaveLength(0);
    expect(await audits(draft, 'pairing.delete')).toBe(1);
  });
});

describe('deleting attachments', () => {
  let demand: string;
  beforeAll(async () => {
    const res = await call(s.secretaryA1, 'POST', '/demands', { pairingId: P, raisedByOrgId: w.A1, title: '安全生产政策解读', description: '请协助解读新修订的安全生产条例', category: 'policy', urgency: 'high' });
    expect(res.statusCode, res.body).toBe(201);
    demand = res.json().id;
  });

  it("a demand's attachment: by its uploader or the keeper; others are refused and the file stays", async () => {
    const mine = (await upload(s.secretaryB1, `/demands/${demand}/files`, '答复.pdf')).json();
    const theirs = (await upload(s.secretaryA1, `/demands/${demand}/files`, '现场照片.pdf')).json();
    const detail = (who: Session) => call(who, 'GET', `/demands/${demand}`).then((r) => r.json().files as { id: string; mayDelete: boolean }[]);
    expect((await detail(s.secretaryA1)).map((f) => [f.id, f.mayDelete])).toEqual([
      [mine.id, false],
      [theirs.id, true],
    ]);
    expect((await call(null, 'DELETE', `/demands/${demand}/files/${mine.id}`)).statusCode).toBe(401);
    expect((await call(secretaryA2, 'DELETE', `/demands/${demand}/files/${mine.id}`)).statusCode).toBe(403); // out of scope
    expect((await call(s.secretaryA1, 'DELETE', `/demands/${demand}/files/${mine.id}`)).statusCode).toBe(403); // not the uploader
    expect((await call(s.secretaryB1, 'DELETE', `/demands/${demand}/files/no-such-file`)).statusCode).toBe(404);
    expect(await detail(s.admin)).toHaveLength(2);
    const dir = path.join(t.config.dataDir, 'files', 'demands', demand);
    expect(readdirSync(dir)).toHaveLength(2);
    expect((await call(s.secretaryB1, 'DELETE', `/demands/${demand}/files/${mine.id}`)).statusCode).toBe(204);
    expect((await call(s.orgAdminZ, 'DELETE', `/demands/${demand}/files/${theirs.id}`)).statusCode).toBe(204); // the keeper
    expect(await detail(s.admin)).toHaveLength(0);
    expect(readdirSync(dir)).toHaveLength(0);
    expect(await audits(demand, 'demand.file.remove')).toBe(2);
  });

  it("the agreement's attachment: the keeper deletes it; a party that did not upload it may not", async () => {
    const file = (await upload(s.orgAdminZ, `/pairings/${P}/files`, '牌匾照片.pdf')).json();
    expect((await call(s.secretaryA1, 'GET', `/pairings/${P}`)).json().files.map((f: { mayDelete: boolean }) => f.mayDelete)).toEqual([false]);
    expect((await call(s.secretaryA1, 'DELETE', `/pairings/${P}/files/${file.id}`)).statusCode).toBe(403);
    expect((await call(s.orgAdminZ, 'DELETE', `/pairings/${P}/files/${file.id}`)).statusCode).toBe(204);
    expect((await call(s.orgAdminZ, 'GET', `/pairings/${P}`)).json().files).toEqual([]);
  });
});

describe('who may handle a demand', () => {
  let demand: string;
  beforeAll(async () => {
    demand = (await call(s.secretaryA1, 'POST', '/demands', { pairingId: P, raisedByOrgId: w.A1, title: '场地支持', description: '借用会议室开展联学', category: 'venue', urgency: 'normal' })).json().id;
  });

  it('needs a session and the handling party or the coordinator', async () => {
    expect((await call(null, 'GET', `/demands/${demand}/assignees`)).statusCode).toBe(401);
    expect((await call(secretaryA2, 'GET', `/demands/${demand}/assignees`)).statusCode).toBe(403); // cannot read it
    const raiser = await call(s.secretaryA1, 'GET', `/demands/${demand}/assignees`);
    expect(raiser.statusCode).toBe(403);
    expect(raiser.json().error.code).toBe('assignees_not_entitled');
    expect((await call(s.viewerZ, 'GET', `/demands/${demand}/assignees`)).statusCode).toBe(403);
  });

  it("lists the accounts entitled for the partner (its secretary and the admins of it and above), and one is assigned on acceptance", async () => {
    const res = await call(s.secretaryB1, 'GET', `/demands/${demand}/assignees`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().items.map((i: { name: string; orgId: string }) => [i.name, i.orgId]);
    expect(names).toEqual(expect.arrayContaining([['办理人乙', w.B1], ['orgAdminB', w.B1], ['secretaryB1', w.B1]]));
    expect(names.map((n: string[]) => n[0])).not.toContain('secretaryA1');
    expect(names.map((n: string[]) => n[0])).not.toContain('admin'); // nobody's person to assign
    expect((await call(s.orgAdminZ, 'GET', `/demands/${demand}/assignees`)).json().items).toEqual(res.json().items);
    const handler = res.json().items.find((i: { name: string }) => i.name === '办理人乙');
    const accepted = await call(s.secretaryB1, 'POST', `/demands/${demand}/transition`, { to: 'accepted', assigneeId: handler.userId });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ assigneeId: handler.userId, assigneeName: '办理人乙' });
    // once accepted, the assigned organization's people
    expect((await call(handlerB1, 'GET', `/demands/${demand}/assignees`)).json().items).toEqual(res.json().items);
  });
});

describe('printable plaque and agreement summary', () => {
  it('needs a session and read access', async () => {
    expect((await call(null, 'GET', `/pairings/${P}/plaque.docx`)).statusCode).toBe(401);
    expect((await call(secretaryA2, 'GET', `/pairings/${P}/plaque.docx`)).statusCode).toBe(403);
    expect((await call(secretaryA2, 'GET', `/pairings/${P}/agreement.docx`)).statusCode).toBe(403);
    expect((await call(s.viewerA, 'GET', '/pairings/no-such-pairing/plaque.docx')).statusCode).toBe(404);
  });

  it('the plaque: both parties, the title, the period, on one landscape page', async () => {
    const res = await call(s.viewerZ, 'GET', `/pairings/${P}/plaque.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('共建牌匾'));
    const text = docxText(res.rawPayload);
    const names = (await call(s.admin, 'GET', `/pairings/${P}`)).json().parties.map((p: { orgName: string }) => p.orgName);
    for (const name of [...names, '结对共建示范单位', '甲乙结对共建协议', '高新区党工委']) expect(text).toContain(name);
    const from = addDays(w.today, -400);
    expect(text).toContain(`${Number(from.slice(0, 4))}年${Number(from.slice(5, 7))}月${Number(from.slice(8, 10))}日`);
    const xml = unzip(res.rawPayload, 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
    expect(xml).toMatch(/<w:jc w:val="center"\/>/);
    expect(xml).not.toContain('w:br w:type="page"');
  });

  it('the agreement summary: parties, masked contacts, validity, commitments with owners and due dates, lists and projects', async () => {
    await call(s.secretaryA1, 'POST', `/pairings/${P}/needs`, { orgId: w.A1, category: 'talent', title: '青年骨干培训' });
    await call(s.secretaryB1, 'POST', `/pairings/${P}/resources`, { orgId: w.B1, category: 'venue', title: '党员活动室共享' });
    const res = await call(s.secretaryA1, 'GET', `/pairings/${P}/agreement.docx`);
    expect(res.statusCode).toBe(200);
    const text = docxText(res.rawPayload);
    const names = (await call(s.admin, 'GET', `/pairings/${P}`)).json().parties.map((p: { orgName: string }) => p.orgName);
    for (const expected of [...names, '甲乙结对共建协议', '李联络', '组织委员', '138****5678', '每季度开展一次联合主题党日', '提供安全生产培训', '青年骨干培训', '党员活动室共享'])
      expect(text).toContain(expected);
    expect(text).not.toContain('13812345678');
    const due = addDays(w.today, 60);
    expect(text).toContain(`${Number(due.slice(0, 4))}年${Number(due.slice(5, 7))}月${Number(due.slice(8, 10))}日`);
  });
});

describe('the pairing policy', () => {
  it("the organization's abilities say who may edit it (the web app shows it read-only otherwise)", async () => {
    expect((await call(s.orgAdminZ, 'GET', `/orgs/${w.Z}`)).json().abilities).toContain('pairing.manage');
    expect((await call(s.viewerZ, 'GET', `/orgs/${w.Z}`)).json().abilities).not.toContain('pairing.manage');
  });

  it('takes the warning days for a running quarter, and a body without them keeps the default', async () => {
    const policy = (await call(s.viewerZ, 'GET', `/orgs/${w.Z}/pairing-policy`)).json();
    expect(policy.thresholds.activityDueWarningDays).toBe(30);
    const bad = await call(s.orgAdminZ, 'PUT', `/orgs/${w.Z}/pairing-policy`, { ...policy, thresholds: { ...policy.thresholds, activityDueWarningDays: -1 } });
    expect(fieldsOf(bad.json())).toContain('thresholds.activityDueWarningDays');
    expect((await call(s.viewerZ, 'GET', `/orgs/${w.Z}/pairing-policy`)).json().thresholds.activityDueWarningDays).toBe(30);
    const res = await call(s.orgAdminZ, 'PUT', `/orgs/${w.Z}/pairing-policy`, { ...policy, thresholds: { ...policy.thresholds, activityDueWarningDays: 10 } });
    expect(res.json().thresholds.activityDueWarningDays).toBe(10);
    const { activityDueWarningDays: _omitted, ...older } = policy.thresholds;
    expect((await call(s.orgAdminZ, 'PUT', `/orgs/${w.Z}/pairing-policy`, { ...policy, thresholds: older })).statusCode).toBe(200);
    expect((await call(s.viewerZ, 'GET', `/orgs/${w.Z}/pairing-policy`)).json().thresholds.activityDueWarningDays).toBe(30);
  });
});
