import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from './audit';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from './testing/harness';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
});
afterAll(async () => t.close());

describe('audit trail', () => {
  it('records a write with actor, before and after, and request id, and no secrets', async () => {
    const res = await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { jobTitle: '车间主任' } });
    expect(res.statusCode).toBe(200);
    const log = (await t.call(admin, { method: 'GET', url: `/api/v1/audit?subjectType=member&subjectId=${ids.memberA1}` })).json();
    const update = log.items.find((e: { action: string }) => e.action === 'member.update');
    expect(update).toMatchObject({ actorName: 'admin', subjectId: ids.memberA1 });
    expect(update.before.jobTitle).toBeNull();
    expect(update.after.jobTitle).toBe('车间主任');
    expect(update.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(update)).not.toMatch(/idNumberEnc|phoneEnc/);
  });

  it('does not record a refused write', async () => {
    const before = (await t.call(admin, { method: 'GET', url: '/api/v1/audit?limit=200' })).json().items.length;
    await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { joinedOn: '2999-01-01' } });
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/audit?limit=200' })).json().items.length).toBe(before);
  });

  it('is for admins, and an org admin sees only their subtree', async () => {
    const secretary = await t.login('secretaryA1');
    expect((await t.call(secretary, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
    const orgAdminB = await t.login('orgAdminB');
    const seen = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/audit?limit=200' })).json().items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((e: { subjectId: string }) => e.subjectId === ids.memberA1)).toBe(false);
  });

  it('verifies the hash chain and names the event that was modified or deleted', async () => {
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
    await t.database.db.execute(sql`update audit_events set after = '{"jobTitle":"篡改"}'::jsonb where seq = 3`);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, problem: { seq: 3, reason: 'modified' } });
    await t.database.db.execute(sql`delete from audit_events where seq = 3`);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: false, problem: { seq: 3, reason: 'missing' } });
  });
});
