import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let orgAdminA: Session;
let secretaryA1: Session;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
  orgAdminA = await t.login('orgAdminA');
  secretaryA1 = await t.login('secretaryA1');
});
afterAll(async () => t.close());

describe('user accounts', () => {
  it('needs a session', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(401);
  });

  it('lets an org admin create a secretary inside the subtree, who can then sign in', async () => {
    const res = await t.call(orgAdminA, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'sec-a2', password: 'secret-password', roles: [{ role: 'secretary', orgId: ids.A2 }] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().roles).toEqual([{ role: 'secretary', orgId: ids.A2, orgName: '甲公司第二党支部' }]);
    const s = await t.login('sec-a2', 'secret-password');
    const me = (await t.call(s, { method: 'GET', url: '/api/v1/users/me' })).json();
    expect(me.user.username).toBe('sec-a2');
    expect(me.csrfToken).toBe(s.headers['x-csrf-token']);
  });

  it('refuses roles outside the scope, admin grants by org admins, and secretaries managing users', async () => {
    const outside = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/users', payload: { username: 'x1', password: 'secret-password', roles: [{ role: 'viewer', orgId: ids.B }] } });
    expect(outside.statusCode).toBe(403);
    const escalate = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/users', payload: { username: 'x2', password: 'secret-password', roles: [{ role: 'admin', orgId: ids.A1 }] } });
    expect(escalate.statusCode).toBe(403);
    const global = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/users', payload: { username: 'x3', password: 'secret-password', roles: [{ role: 'admin', orgId: null }] } });
    expect(global.statusCode).toBe(403);
    const bySecretary = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/users', payload: { username: 'x4', password: 'secret-password', roles: [{ role: 'member', orgId: ids.A1 }] } });
    expect(bySecretary.statusCode).toBe(403);
    const users = (await t.call(admin, { method: 'GET', url: '/api/v1/users' })).json().items.map((u: { username: string }) => u.username);
    expect(users).not.toEqual(expect.arrayContaining(['x1']));
    expect(users.some((u: string) => /^x\d$/.test(u))).toBe(false);
  });

  it('validates the body: duplicate username, short password, bad role, unknown field', async () => {
    const dup = await t.call(admin, { method: 'POST', url: '/api/v1/users', payload: { username: 'viewerA', password: 'secret-password', roles: [{ role: 'viewer', orgId: ids.A }] } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'username_taken', details: [{ field: 'username', code: 'username_taken', message: '此用户名已被使用' }] });
    const bad = await t.call(admin, { method: 'POST', url: '/api/v1/users', payload: { username: 'ok-name', password: 'short', roles: [{ role: 'boss', orgId: ids.A }], email: 'a@b' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['password', 'roles.0.role', 'email']));
  });

  it('gives one of four simultaneous creations of a new name the account and the others the same 409 as a known duplicate', async () => {
    const payload = { username: 'race-name', password: 'secret-password', roles: [{ role: 'viewer', orgId: ids.A }] };
    const answers = await Promise.all(Array.from({ length: 4 }, () => t.call(admin, { method: 'POST', url: '/api/v1/users', payload })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      expect(a.json().error).toMatchObject({ code: 'username_taken', details: [{ field: 'username', code: 'username_taken' }] });
    }
    const named = (await t.call(admin, { method: 'GET', url: '/api/v1/users?q=race-name' })).json().items.filter((u: { username: string }) => u.username === 'race-name');
    expect(named).toHaveLength(1);
  });

  it('links a user to a member, whose own record then shows on /users/me', async () => {
    const s = await t.login('memberA1');
    const me = (await t.call(s, { method: 'GET', url: '/api/v1/users/me' })).json();
    expect(me.member).toMatchObject({ id: ids.memberA1, name: '张某一', masked: false });
  });

  it('lets an admin reset a password: sessions and API tokens end and a change is required', async () => {
    const victim = await t.login('viewerA');
    // the session has just been used (so this process holds it in memory) and a script has a token
    const { token } = (await t.call(victim, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: '被盗的脚本' } })).json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer })).statusCode).toBe(200);
    const list = (await t.call(admin, { method: 'GET', url: '/api/v1/users' })).json().items;
    const viewer = list.find((u: { username: string }) => u.username === 'viewerA');
    const weak = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/users/${viewer.id}/password`, payload: { newPassword: 'viewerA2026' } });
    expect(weak.json().error.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    expect((await t.call(victim, { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(200); // a refused reset ends nothing
    expect((await t.call(orgAdminA, { method: 'POST', url: `/api/v1/users/${viewer.id}/password`, payload: { newPassword: 'reset-password-1' } })).statusCode).toBe(204);
    expect((await t.call(victim, { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer })).statusCode).toBe(401);
    const again = await t.login('viewerA', 'reset-password-1');
    expect((await t.call(again, { method: 'GET', url: '/api/v1/users/me' })).json().user.mustChangePassword).toBe(true);
    const orgAdminB = await t.login('orgAdminB');
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/users/${viewer.id}/password`, payload: { newPassword: 'hijack-password' } })).statusCode).toBe(403);
  });

  it('refuses weak passwords for new accounts: common ones, ones built on the user name, short ones', async () => {
    const create = (username: string, password: string) =>
      t.call(admin, { method: 'POST', url: '/api/v1/users', payload: { username, password, roles: [{ role: 'viewer', orgId: ids.A }] } });
    for (const [username, password, code] of [
      ['weak-1', '12345678', 'too_short'], // the route's schema says it first
      ['weak-2', '          ', 'password_too_simple'],
      ['weak-3', '1234567890', 'password_common'],
      ['weak-4', 'Password123', 'password_common'],
      ['zhangsan', 'zhangsan2024', 'password_username'],
      ['weak-5', 'qwertyuiop', 'password_common'],
    ] as const) {
      const res = await create(username, password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.details, password).toEqual([expect.objectContaining({ field: 'password', code })]);
    }
    expect((await create('lisi', 'lisi-lisi-2024')).json().error.details).toEqual([{ field: 'password', code: 'password_username', message: '不能以用户名为基础' }]);
    const names = (await t.call(admin, { method: 'GET', url: '/api/v1/users' })).json().items.map((u: { username: string }) => u.username);
    expect(names.some((n: string) => n.startsWith('weak-') || n === 'zhangsan')).toBe(false);
    expect((await create('zhangsan', 'Hongqi-canal-1960')).statusCode).toBe(201);
  });
});
