import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../audit';
import { auditEvents } from '../../db/schema/audit';
import { complianceResults } from '../../db/schema/compliance';
import { orgActivityMonths } from '../../db/schema/dashboard';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { ensureYears, runJobs, verifyResults } from '../compliance/results';

// A joint activity naming a co-host outside its author's scope counts for that co-host only once someone entitled
// for it accepts; and one activity may also count for a requirement the rules hold together with its type.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let secretaryA1: Session;
let viewerA: Session;
let orgAdminB: Session;
let today: string;

const at = (day: string, hour = 9) => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
const joint = (hostOrgIds: string[], extra: Record<string, unknown> = {}) => ({
  type: 'theme_day',
  hostOrgIds,
  state: 'held',
  startsAt: at(today),
  endsAt: at(today, 11),
  theme: '联合主题党日',
  ...extra,
});

/** The maintained theme-day result of an organization for the current month, and its dashboard tally. */
async function counted(orgId: string, requirementId = 'theme_day', period = today.slice(0, 7)) {
  const db = t.database.db;
  const [row] = await db
    .select({ count: complianceResults.count, status: complianceResults.status })
    .from(complianceResults)
    .where(and(eq(complianceResults.orgId, orgId), eq(complianceResults.period, period), eq(complianceResults.requirementId, requirementId)));
  const [month] = await db
    .select({ n: orgActivityMonths.n })
    .from(orgActivityMonths)
    .where(and(eq(orgActivityMonths.orgId, orgId), eq(orgActivityMonths.month, today.slice(0, 7)), eq(orgActivityMonths.type, 'theme_day'), eq(orgActivityMonths.state, 'held')));
  return { result: row?.count ?? 0, months: month?.n ?? 0 };
}

async function expectVerified() {
  expect((await verifyResults(t.database.db, today)).difference).toBeNull();
}

const liveCount = async (who: Session, orgId: string, requirement: string, period: string) => {
  const res = await t.call(who, { method: 'GET', url: `/api/v1/compliance?org=${orgId}&period=${period}` });
  expect(res.statusCode).toBe(200);
  return res.json().items.find((r: { id: string }) => r.id === requirement).count as number;
};

beforeAll(async () => {
  t = await startTestApp();
  today = t.system.today;
  ids = await seedTwoTrees(t);
  await ensureYears(t.database.db, today);
  for (;;) if ((await runJobs(t.database.db, today, { budgetMs: 60_000 })).open === 0) break;
  admin = await t.login('admin');
  secretaryA1 = await t.login('secretaryA1');
  viewerA = await t.login('viewerA');
  orgAdminB = await t.login('orgAdminB');
});
afterAll(async () => t.close());

describe('a co-host outside the author’s scope', () => {
  let id: string;

  it('is recorded as pending and counts for nothing of its own until it accepts', async () => {
    const before = { A1: await counted(ids.A1), B1: await counted(ids.B1), B: await counted(ids.B) };
    const res = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: joint([ids.A1, ids.B1]) });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json().hosts).toEqual(
      expect.arrayContaining([
        { id: ids.A1, name: '甲公司第一党支部', pending: false, mayAccept: false },
        { id: ids.B1, name: '乙公司党支部', pending: true, mayAccept: false },
      ]),
    );
    // the author's organization at once; the co-host, its committee and its dashboard not
    expect(await counted(ids.A1)).toEqual({ result: before.A1.result + 1, months: before.A1.months + 1 });
    expect(await counted(ids.B1)).toEqual(before.B1);
    expect(await counted(ids.B)).toEqual(before.B);
    expect(await liveCount(orgAdminB, ids.B1, 'theme_day', today.slice(0, 7))).toBe(before.B1.result);
    await expectVerified();
    // not in the co-host's list, but readable by it and on its workbench with a notice
    expect((await t.call(orgAdminB, { method: 'GET', url: `/api/v1/activities?org=${ids.B1}` })).json().items.map((a: { id: string }) => a.id)).not.toContain(id);
    const seen = await t.call(orgAdminB, { method: 'GET', url: `/api/v1/activities/${id}` });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().hosts.find((h: { id: string }) => h.id === ids.B1)).toMatchObject({ pending: true, mayAccept: true });
    expect(seen.json().abilities).toEqual([]);
    const todos = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/workbench' })).json().todos;
    expect(todos).toContainEqual(expect.objectContaining({ kind: 'activity_cohost_to_accept', subjectType: 'activity', subjectId: id, orgId: ids.B1 }));
    const notices = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'activity_cohost', subjectId: id, message: expect.stringContaining('甲公司第一党支部') }));
  });

  it('stays pending through an edit by someone who could accept it: only an answer accepts', async () => {
    expect((await t.call(admin, { method: 'PATCH', url: `/api/v1/activities/${id}`, payload: { place: '党员活动室' } })).json().hosts.find((h: { id: string }) => h.id === ids.B1).pending).toBe(true);
    expect(await counted(ids.B1)).toMatchObject({ months: 0 });
  });

  it('is answered only by someone entitled for the co-host', async () => {
    const url = `/api/v1/activities/${id}/hosts/${ids.B1}/accept`;
    expect((await t.call(null, { method: 'POST', url })).statusCode).toBe(401);
    expect((await t.call(secretaryA1, { method: 'POST', url })).statusCode).toBe(403);
    expect((await t.call(viewerA, { method: 'POST', url })).statusCode).toBe(403);
    expect((await t.call(secretaryA1, { method: 'POST', url: `/api/v1/activities/${id}/hosts/${ids.B1}/decline` })).statusCode).toBe(403);
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/activities/${id}/hosts/${ids.A2}/accept` })).statusCode).toBe(404);
    // a pending co-host does not manage the activity either
    expect((await t.call(orgAdminB, { method: 'PATCH', url: `/api/v1/activities/${id}`, payload: { theme: '改' } })).statusCode).toBe(403);
    expect(await counted(ids.B1)).toMatchObject({ months: 0 });
    await expectVerified();
  });

  it('counts for the co-host once accepted, tells the author, and leaves the workbench', async () => {
    const before = await counted(ids.B1);
    const res = await t.call(orgAdminB, { method: 'POST', url: `/api/v1/activities/${id}/hosts/${ids.B1}/accept` });
    expect(res.statusCode).toBe(200);
    expect(res.json().hosts.find((h: { id: string }) => h.id === ids.B1)).toMatchObject({ pending: false, mayAccept: false });
    expect(res.json().abilities).toEqual(['activity.manage']);
    expect(await counted(ids.B1)).toEqual({ result: before.result + 1, months: before.months + 1 });
    expect((await counted(ids.B)).months).toBe(before.months + 1);
    expect(await liveCount(orgAdminB, ids.B1, 'theme_day', today.slice(0, 7))).toBe(before.result + 1);
    await expectVerified();
    expect((await t.call(orgAdminB, { method: 'GET', url: `/api/v1/activities?org=${ids.B1}` })).json().items.map((a: { id: string }) => a.id)).toContain(id);
    const todos = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/workbench' })).json().todos;
    expect(todos.filter((x: { subjectId: string }) => x.subjectId === id)).toEqual([]);
    // the question is answered: its notice is read
    const asked = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/notifications' })).json().items.find((n: { kind: string; subjectId: string }) => n.kind === 'activity_cohost' && n.subjectId === id);
    expect(asked.readAt).not.toBeNull();
    const notices = (await t.call(secretaryA1, { method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'activity_cohost_accepted', subjectId: id, message: expect.stringContaining('乙公司党支部') }));
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'activity.host_accept'), eq(auditEvents.subjectId, id)));
    expect(event).toBeDefined();
    // answered once
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/activities/${id}/hosts/${ids.B1}/accept` })).statusCode).toBe(409);
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/activities/${id}/hosts/${ids.B1}/decline` })).statusCode).toBe(409);
    // an edit by the author keeps the consent given
    expect((await t.call(secretaryA1, { method: 'PATCH', url: `/api/v1/activities/${id}`, payload: { theme: '联合主题党日（改）' } })).json().hosts.find((h: { id: string }) => h.id === ids.B1).pending).toBe(false);
    await expectVerified();
  });

  it('is taken off the hosts when declined, and the author is told', async () => {
    const res = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: joint([ids.A1, ids.B1], { theme: '被谢绝的联合活动' }) });
    const declined = res.json().id as string;
    const before = await counted(ids.B1);
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/activities/${declined}/hosts/${ids.B1}/decline` })).statusCode).toBe(204);
    const after = (await t.call(admin, { method: 'GET', url: `/api/v1/activities/${declined}` })).json();
    expect(after.hostOrgIds).toEqual([ids.A1]);
    expect(await counted(ids.B1)).toEqual(before);
    expect((await t.call(orgAdminB, { method: 'GET', url: `/api/v1/activities/${declined}` })).statusCode).toBe(403);
    const notices = (await t.call(secretaryA1, { method: 'GET', url: '/api/v1/notifications' })).json().items;
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'activity_cohost_declined', subjectId: declined }));
    const todos = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/workbench' })).json().todos;
    expect(todos.filter((x: { subjectId: string }) => x.subjectId === declined)).toEqual([]);
    await expectVerified();
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
  });

  it('is accepted at once when the author is entitled for it, and cannot be made the organizer while pending', async () => {
    const byAdmin = await t.call(admin, { method: 'POST', url: '/api/v1/activities', payload: joint([ids.A1, ids.B1], { theme: '上级组织的联合活动' }) });
    expect(byAdmin.json().hosts.every((h: { pending: boolean }) => !h.pending)).toBe(true);
    const res = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: joint([ids.A1, ids.B1], { theme: '换主办方' }) });
    const swap = await t.call(secretaryA1, { method: 'PATCH', url: `/api/v1/activities/${res.json().id}`, payload: { hostOrgIds: [ids.B1, ids.A1] } });
    expect(swap.statusCode).toBe(400);
    expect(swap.json().error.details).toMatchObject([{ field: 'hostOrgIds', code: 'activity_organizer_pending' }]);
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/activities/${res.json().id}` })).json().hostOrgIds[0]).toBe(ids.A1);
    await expectVerified();
  });
});

describe('one activity counting for several requirements', () => {
  const year = () => today.slice(0, 4);
  const lifeMeeting = (extra: Record<string, unknown> = {}) => ({ ...joint([ids.A1], { type: 'life_meeting', theme: '专题组织生活会' }), ...extra });

  it('offers what the organization’s rules hold together with each type', async () => {
    const res = await t.call(secretaryA1, { method: 'GET', url: `/api/v1/orgs/${ids.A1}/activity-types` });
    expect(res.json().alsoCountable).toContainEqual({ type: 'life_meeting', alsoCounts: ['democratic_evaluation'] });
    expect(res.json().alsoCountable.find((x: { type: string }) => x.type === 'theme_day')).toBeUndefined();
  });

  it('counts a life meeting held with the democratic evaluation for both, maintained and live, until the record says otherwise', async () => {
    const before = await counted(ids.A1, 'democratic_evaluation', year());
    const res = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: lifeMeeting({ alsoCounts: ['democratic_evaluation'] }) });
    expect(res.statusCode).toBe(201);
    expect(res.json().alsoCounts).toEqual(['democratic_evaluation']);
    expect((await counted(ids.A1, 'democratic_evaluation', year())).result).toBe(before.result + 1);
    expect(await liveCount(secretaryA1, ids.A1, 'democratic_evaluation', year())).toBe(before.result + 1);
    await expectVerified();
    const cleared = await t.call(secretaryA1, { method: 'PATCH', url: `/api/v1/activities/${res.json().id}`, payload: { alsoCounts: [] } });
    expect(cleared.json().alsoCounts).toEqual([]);
    expect((await counted(ids.A1, 'democratic_evaluation', year())).result).toBe(before.result);
    expect(await liveCount(secretaryA1, ids.A1, 'democratic_evaluation', year())).toBe(before.result);
    await expectVerified();
  });

  it('refuses what the rules do not hold together, and records nothing', async () => {
    const list = async () => (await t.call(admin, { method: 'GET', url: `/api/v1/activities?org=${ids.A1}&limit=200` })).json().items.length;
    const n = await list();
    const res = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: joint([ids.A1], { alsoCounts: ['democratic_evaluation'] }) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject([{ field: 'alsoCounts.0', code: 'also_counts_not_held_with' }]);
    const unknown = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/activities', payload: lifeMeeting({ alsoCounts: ['no_such_type'] }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toMatch(/^alsoCounts/);
    expect(await list()).toBe(n);
  });
});
