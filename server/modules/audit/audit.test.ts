import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditBatch, type AuditInput } from '../../audit';
import { orgs } from '../../db/schema/orgs';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { sheetRows } from '../../testing/xlsx';

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

describe('page numbers', () => {
  it('skips by offset (the cursor then ignored) and counts what the filter selects', async () => {
    const all = (await t.call(admin, { method: 'GET', url: '/api/v1/audit?limit=200' })).json();
    expect(all.total).toBe(all.items.length);
    expect(all.totalExact).toBe(true);
    const third = (await t.call(admin, { method: 'GET', url: `/api/v1/audit?limit=3&offset=6&cursor=${all.items[0].seq}` })).json();
    expect(third.items.map((e: { seq: number }) => e.seq)).toEqual(all.items.slice(6, 9).map((e: { seq: number }) => e.seq));
    expect(third.total).toBe(all.total);
    // the cursor still pages as before
    const next = (await t.call(admin, { method: 'GET', url: `/api/v1/audit?limit=3&cursor=${all.items[2].seq}` })).json();
    expect(next.items.map((e: { seq: number }) => e.seq)).toEqual(all.items.slice(3, 6).map((e: { seq: number }) => e.seq));
    const users = (await t.call(orgAdminA, { method: 'GET', url: '/api/v1/audit?subjectType=user&limit=1' })).json();
    const usersAll = (await t.call(orgAdminA, { method: 'GET', url: '/api/v1/audit?subjectType=user&limit=200' })).json();
    expect(users.total).toBe(usersAll.items.length);
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/audit?offset=-1' })).statusCode).toBe(400);
  });
});

describe('the export of the filtered log', () => {
  it('needs a session and an administrator, and a known object type', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/audit/export.xlsx' })).statusCode).toBe(401);
    expect((await t.call(await t.login('secretaryA1'), { method: 'GET', url: '/api/v1/audit/export.xlsx' })).statusCode).toBe(403);
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/audit/export.xlsx?subjectType=bogus' })).statusCode).toBe(400);
  });

  it('holds exactly the filtered events of the caller’s tree, newest first, in words', async () => {
    const res = await t.call(orgAdminA, { method: 'GET', url: '/api/v1/audit/export.xlsx?subjectType=user' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const [header, ...rows] = await sheetRows(res.rawPayload);
    expect(header).toEqual(['时间', '操作人', '操作', '对象类型', '对象', '所属组织', '变更内容']);
    const listed = (await t.call(orgAdminA, { method: 'GET', url: '/api/v1/audit?subjectType=user&limit=200' })).json();
    expect(rows.length).toBe(listed.items.length);
    expect(rows.map((r) => r[4])).toEqual(listed.items.map((e: Event) => e.subjectName ?? '已删除'));
    expect(new Set(rows.map((r) => r[3]))).toEqual(new Set(['用户']));
    const created = rows.find((r) => r[2] === '新建用户' && r[4] === 'secretaryA1')!;
    expect(created).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), '系统', '新建用户', '用户', 'secretaryA1', '甲公司第一党支部', expect.stringContaining('权限：书记 · 甲公司第一党支部')]);
    const text = rows.flat().join('\n');
    expect(text).not.toMatch(/[0-9a-f]{32}|user\.create/);
    expect(text).not.toContain('orgAdminB');
  });

  it('words coded values in the changes as the audit page does', async () => {
    const [a1] = await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, ids.A1));
    await t.database.db.transaction((tx) =>
      appendAuditBatch(t.system, tx, [
        { action: 'member.update', subjectType: 'member', subjectId: ids.memberA1, orgPath: a1!.path, before: { status: 'probationary', category: 'in_service' }, after: { status: 'full', category: 'retired' } },
      ]),
    );
    const res = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/audit/export.xlsx?subjectType=member&subjectId=${ids.memberA1}` });
    const [, newest] = await sheetRows(res.rawPayload);
    expect(newest!.slice(2)).toEqual(['修改党员信息', '党员', '张某一', '甲公司第一党支部', '状态：预备党员 → 正式党员\n类别：在职 → 离退休']);
  });
});

describe('a large export', () => {
  it('streams: its first bytes arrive long before its last, and /health answers while it runs', async () => {
    const [a1] = await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, ids.A1));
    const many: AuditInput[] = Array.from({ length: 3000 }, (_, i) => ({
      action: 'member.update',
      subjectType: 'member',
      subjectId: ids.memberA1,
      orgPath: a1!.path,
      before: { jobTitle: `岗位${i}` },
      after: { jobTitle: `岗位${i + 1}` },
    }));
    await t.database.db.transaction((tx) => appendAuditBatch(t.system, tx, many));
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const started = performance.now();
    const res = await fetch(`${address}/api/v1/audit/export.xlsx?subjectType=member`, { headers: admin.headers });
    expect(res.status).toBe(200);
    // sent while written: no length known in advance
    expect(res.headers.get('content-length')).toBeNull();
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [(await reader.read()).value!];
    const firstAt = performance.now() - started;
    const health = fetch(`${address}/api/v1/health`).then((r) => ({ status: r.status, at: performance.now() - started }));
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
    const lastAt = performance.now() - started;
    const answered = await health;
    expect(answered.status).toBe(200);
    expect(answered.at).toBeLessThan(lastAt);
    expect(firstAt).toBeLessThan(lastAt / 2);
    const rows = await sheetRows(Buffer.concat(chunks));
    expect(rows.filter((r) => r[6]?.startsWith('职务：岗位'))).toHaveLength(3000);
  });
});

