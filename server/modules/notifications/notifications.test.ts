import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears } from '../../../domain/dates';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { runReminders } from './service';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let secretaryA1: Session;
let orgAdminA: Session;
let orgAdminB: Session;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  secretaryA1 = await t.login('secretaryA1');
  orgAdminA = await t.login('orgAdminA');
  orgAdminB = await t.login('orgAdminB');
  const today = t.system.today;
  // A1's branch term (3 years) expires in three months: inside the six-month reminder window
  await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/orgs/${ids.A1}`, payload: { termElectedOn: addMonths(addYears(today, -3), 3) } });
  // a resolution that was due yesterday and is not done
  const yesterday = addDays(today, -1);
  const res = await t.call(secretaryA1, {
    method: 'POST',
    url: '/api/v1/activities',
    payload: {
      type: 'committee_meeting',
      hostOrgIds: [ids.A1],
      state: 'held',
      startsAt: `${addDays(today, -10)}T09:00:00+08:00`,
      endsAt: `${addDays(today, -10)}T10:00:00+08:00`,
      theme: '支委会',
      resolutions: [{ text: '整理党员档案', dueOn: yesterday }],
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
});
afterAll(async () => t.close());

const kinds = async (s: Session) =>
  ((await t.call(s, { method: 'GET', url: '/api/v1/notifications' })).json().items as { kind: string; message: string }[]).map((n) => n.kind).sort();

describe('reminders', () => {
  it('needs a session to read notifications', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('reminds the secretary and the admins above of what is due, and no one else', async () => {
    const first = await runReminders(t.database.db, t.system.today, { activityDaysBefore: 31 });
    expect(first.sent).toBeGreaterThan(0);
    const mine = await kinds(secretaryA1);
    expect(mine).toEqual(expect.arrayContaining(['activity_due', 'resolution_overdue', 'term_due']));
    expect(await kinds(orgAdminA)).toEqual(expect.arrayContaining(['term_due', 'resolution_overdue']));
    const theirs = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/notifications' })).json().items as { params: { orgId: string } }[];
    expect(theirs.every((n) => n.params.orgId !== ids.A1)).toBe(true);
    const messages = (await t.call(secretaryA1, { method: 'GET', url: '/api/v1/notifications' })).json().items.map((n: { message: string }) => n.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('整理党员档案'), expect.stringContaining('任期将于')]));
  });

  it('never sends the same reminder twice', async () => {
    const before = (await t.call(secretaryA1, { method: 'GET', url: '/api/v1/notifications' })).json().items.length;
    const again = await runReminders(t.database.db, t.system.today, { activityDaysBefore: 31 });
    expect(again.sent).toBe(0);
    expect((await t.call(secretaryA1, { method: 'GET', url: '/api/v1/notifications' })).json().items.length).toBe(before);
  });

  it('settles the term reminder once the organization records its new election, and sends none for the new term', async () => {
    const unreadTerm = async (s: Session) =>
      ((await t.call(s, { method: 'GET', url: '/api/v1/notifications?unread=true' })).json().items as { kind: string }[]).filter((n) => n.kind === 'term_due').length;
    expect(await unreadTerm(secretaryA1)).toBe(1);
    expect(await unreadTerm(orgAdminA)).toBe(1);
    // an edit that leaves the term alone settles nothing
    await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/orgs/${ids.A1}`, payload: { contactName: '王芳' } });
    expect(await unreadTerm(secretaryA1)).toBe(1);
    const res = await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/orgs/${ids.A1}`, payload: { termElectedOn: t.system.today } });
    expect(res.statusCode).toBe(200);
    expect(await unreadTerm(secretaryA1)).toBe(0);
    expect(await unreadTerm(orgAdminA)).toBe(0);
    expect((await runReminders(t.database.db, t.system.today, { activityDaysBefore: 31 })).sent).toBe(0);
  });

  it('marks one or all read, only the caller’s own', async () => {
    const list = (await t.call(secretaryA1, { method: 'GET', url: '/api/v1/notifications' })).json();
    const id = list.items[0].id;
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/notifications/${id}/read` })).statusCode).toBe(404);
    expect((await t.call(secretaryA1, { method: 'POST', url: `/api/v1/notifications/${id}/read` })).statusCode).toBe(204);
    expect((await t.call(secretaryA1, { method: 'GET', url: '/api/v1/notifications' })).json().unreadCount).toBe(list.unreadCount - 1);
    await t.call(secretaryA1, { method: 'POST', url: '/api/v1/notifications/read-all' });
    const after = (await t.call(secretaryA1, { method: 'GET', url: '/api/v1/notifications?unread=true' })).json();
    expect(after).toEqual({ items: [], unreadCount: 0 });
  });
});
