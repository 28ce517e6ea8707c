import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';

// The readable audit log: names instead of ids, a filter by object type from a fixed list, and
// each organization admin seeing only its own tree's events.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let orgAdminA: Session;
let orgAdminB: Session;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
  orgAdminA = await t.login('orgAdminA');
  orgAdminB = await t.login('orgAdminB');
});
afterAll(async () => t.close());

interface Event {
  action: string;
  subjectType: string;
  subjectId: string;
  subjectName: string | null;
  orgId: string | null;
  orgName: string | null;
  actorUserId: string | null;
  after: Record<string, unknown> | null;
}

describe('the audit log', () => {
  it('needs a session and an administrator', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
    expect((await t.call(await t.login('secretaryA1'), { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });

  it('names the subject, the organization it is filed under, and the ids inside the change', async () => {
    const res = (await t.call(orgAdminA, { method: 'GET', url: '/api/v1/audit?subjectType=user&limit=200' })).json<{ items: Event[]; names: Record<string, string> }>();
    const created = res.items.find((e) => e.action === 'user.create' && e.subjectName === 'secretaryA1')!;
    expect(created).toMatchObject({ subjectType: 'user', orgId: ids.A1, orgName: '甲公司第一党支部' });
    // the role's organization inside `after` has its name in `names`
    const roles = created.after!.roles as { orgId: string }[];
    expect(res.names[roles[0]!.orgId]).toBe('甲公司第一党支部');
    expect(res.items.every((e) => e.subjectType === 'user')).toBe(true);
    const member = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/audit?subjectType=member&subjectId=${ids.memberA1}` })).json();
    expect(member.items[0]).toMatchObject({ action: 'member.create', subjectName: '张某一', orgName: '甲公司第一党支部' });
  });

  it('keeps another tree out, and filters only by a known object type', async () => {
    const seen = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/audit?limit=200' })).json();
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items.some((e: Event) => e.subjectId === ids.memberA1 || e.orgId === ids.A1)).toBe(false);
    expect(Object.values(seen.names)).not.toContain('张某一');
    const bad = await t.call(admin, { method: 'GET', url: '/api/v1/audit?subjectType=bogus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['subjectType']);
  });
});
