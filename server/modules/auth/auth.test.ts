import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, seedTwoTrees, startTestApp, type TestApp } from '../../testing/harness';
import { THROTTLE } from './service';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await seedTwoTrees(t);
});
afterAll(async () => t.close());

const login = (username: string, password: string, ip = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });

describe('sign-in', () => {
  it('signs in with an httpOnly SameSite cookie and a CSRF token', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'admin', roles: [{ role: 'admin', orgId: null }] });
    expect(typeof res.json().csrfToken).toBe('string');
    const cookie = res.cookies.find((c) => c.name === 'gj_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
  });

  it('answers 401 for a wrong password or unknown user, without saying which', async () => {
    const wrong = await login('admin', 'not-the-password', '10.0.0.1');
    const unknown = await login('nobody', 'whatever', '10.0.0.1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('locks an account after repeated failures, even with the right password', async () => {
    for (let i = 0; i < THROTTLE.perAccount; i++) await login('viewerA', 'wrong-password', `10.1.0.${i}`);
    const res = await login('viewerA', 'user-test-password', '10.1.0.99');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('locked');
  });

  it('locks an address that tries many accounts', async () => {
    for (let i = 0; i < THROTTLE.perAddress; i++) await login(`guess${i}`, 'x', '10.2.0.1');
    expect((await login('orgAdminB', 'user-test-password', '10.2.0.1')).statusCode).toBe(429);
    expect((await login('orgAdminB', 'user-test-password', '10.2.0.2')).statusCode).toBe(200);
  });

  it('rejects unknown fields in the body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD, remember: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toMatchObject([{ field: 'remember', code: 'unknown_field', message: '不接受字段 remember' }]);
  });
});

describe('sessions and CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const s = await t.login('orgAdminA');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: { cookie: s.headers.cookie! }, payload: { name: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf');
  });

  it('ends the session on logout', async () => {
    const s = await t.login('orgAdminA');
    expect((await t.call(s, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await t.call(s, { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(401);
  });

  it('changes the password: the old one stops working', async () => {
    const s = await t.login('secretaryA1');
    const wrong = await t.call(s, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'nope', newPassword: 'a-new-password-1' } });
    expect(wrong.json().error.details).toMatchObject([{ field: 'currentPassword', code: 'password_wrong', message: '密码错误' }]);
    const short = await t.call(s, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'user-test-password', newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    const ok = await t.call(s, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'user-test-password', newPassword: 'a-new-password-1' } });
    expect(ok.statusCode).toBe(204);
    expect((await login('secretaryA1', 'user-test-password', '10.3.0.1')).statusCode).toBe(401);
    expect((await login('secretaryA1', 'a-new-password-1', '10.3.0.1')).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('works as a Bearer token on every route, with no CSRF header, until revoked', async () => {
    const s = await t.login('orgAdminA');
    const created = await t.call(s, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: '报表脚本' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    const orgs = await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer });
    expect(orgs.statusCode).toBe(200);
    const root = orgs.json().items[0].id;
    const write = await t.app.inject({ method: 'PATCH', url: `/api/v1/orgs/${root}`, headers: bearer, payload: { contactName: '脚本' } });
    expect(write.statusCode).toBe(200);
    const list = (await t.call(s, { method: 'GET', url: '/api/v1/auth/tokens' })).json().items;
    expect(list).toEqual([expect.objectContaining({ id, name: '报表脚本' })]);
    expect(list[0].lastUsedAt).not.toBeNull();
    await t.call(s, { method: 'DELETE', url: `/api/v1/auth/tokens/${id}` });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: bearer })).statusCode).toBe(401);
  });

  it('rejects a made-up token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: { authorization: 'Bearer gj_made_up' } });
    expect(res.statusCode).toBe(401);
  });
});
