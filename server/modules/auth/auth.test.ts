import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { eq } from 'drizzle-orm';
import { loginThrottle, sessions } from '../../db/schema/auth';
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
    expect(res.json().error.code).toBe('auth_locked');
  });

  it('counts every wrong guess of parallel attempts on one account', async () => {
    const guesses = 2 * THROTTLE.perAccount;
    const answers = await Promise.all(Array.from({ length: guesses }, (_, i) => login('memberA1', `wrong-password-${i}`, `10.4.0.${i}`)));
    // A guess either was checked and counted (401) or arrived after the lock and was refused unchecked (429).
    const checked = answers.filter((a) => a.statusCode === 401).length;
    expect(answers.every((a) => a.statusCode === 401 || a.statusCode === 429)).toBe(true);
    const [row] = await t.database.db.select().from(loginThrottle).where(eq(loginThrottle.key, 'user:membera1'));
    expect(row?.failures).toBe(checked);
    expect(checked).toBeGreaterThanOrEqual(THROTTLE.perAccount);
    expect((await login('memberA1', 'user-test-password', '10.4.0.99')).statusCode).toBe(429);
  });

  it('locks an address that tries many accounts', async () => {
    for (let i = 0; i < THROTTLE.perAddress; i++) await login(`guess${i}`, 'x', '10.2.0.1');
    expect((await login('orgAdminB', 'user-test-password', '10.2.0.1')).statusCode).toBe(429);
    expect((await login('orgAdminB', 'user-test-password', '10.2.0.2')).statusCode).toBe(200);
  });

  it('counts only failures per address: signing in to an own account does not earn more guesses', async () => {
    for (let i = 0; i < THROTTLE.perAddress - 1; i++) {
      await login(`probe${i}`, 'x', '10.5.0.1');
      // an attacker with one account of their own signs in between guesses
      if (i % 5 === 0) expect((await login('orgAdminB', 'user-test-password', '10.5.0.1')).statusCode).toBe(200);
    }
    expect((await login('probe-last', 'x', '10.5.0.1')).statusCode).toBe(401);
    expect((await login('orgAdminB', 'user-test-password', '10.5.0.1')).statusCode).toBe(429);
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
    const change = (newPassword: string) => t.call(s, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'user-test-password', newPassword } });
    for (const weak of ['short', 'nine-char', 'password123', 'Secretarya1', 'secretaryA1-2024']) {
      const res = await change(weak);
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error.details, weak).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    }
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

describe('session timeouts', () => {
  const me = (s: Session, app = t) => app.call(s, { method: 'GET', url: '/api/v1/users/me' });
  const latestSession = async (app: TestApp, userId: string) =>
    (await app.database.db.select().from(sessions).where(eq(sessions.userId, userId))).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!.tokenHash;
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  it('ends a session idle longer than the idle timeout, and keeps a used one alive', async () => {
    const idle = await t.login('orgAdminB');
    await t.database.db.update(sessions).set({ lastSeenAt: ago(t.config.sessionIdleMinutes + 1) }).where(eq(sessions.tokenHash, await latestSession(t, idle.userId)));
    expect((await me(idle)).statusCode).toBe(401);

    const used = await t.login('admin');
    const hash = await latestSession(t, used.userId);
    await t.database.db.update(sessions).set({ lastSeenAt: ago(t.config.sessionIdleMinutes - 1) }).where(eq(sessions.tokenHash, hash));
    expect((await me(used)).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.tokenHash, hash));
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000); // the request counted as use
  });

  it('ends a session past its absolute lifetime however busy it is', async () => {
    const s = await t.login('orgAdminA');
    await t.database.db
      .update(sessions)
      .set({ createdAt: ago(t.config.sessionMaxHours * 60 + 1), lastSeenAt: new Date() })
      .where(eq(sessions.tokenHash, await latestSession(t, s.userId)));
    expect((await me(s)).statusCode).toBe(401);
  });

  it('takes both timeouts from the configuration, and the cookie lives no longer than a session', async () => {
    const short = await startTestApp({ sessionIdleMinutes: 5, sessionMaxHours: 1 });
    try {
      const res = await short.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
      expect(res.cookies.find((c) => c.name === 'gj_session')!.maxAge).toBe(3600);
      const idle = await short.login('admin');
      const idleHash = await latestSession(short, idle.userId);
      const old = await short.login('admin');
      const oldHash = await latestSession(short, old.userId);
      await short.database.db.update(sessions).set({ lastSeenAt: ago(6) }).where(eq(sessions.tokenHash, idleHash));
      await short.database.db.update(sessions).set({ createdAt: ago(61) }).where(eq(sessions.tokenHash, oldHash));
      expect((await me(idle, short)).statusCode).toBe(401);
      expect((await me(old, short)).statusCode).toBe(401);
      expect((await me(await short.login('admin'), short)).statusCode).toBe(200);
    } finally {
      await short.close();
    }
  });
});

describe('behind a proxy', () => {
  const signIn = (app: TestApp, headers: Record<string, string>, username = 'admin', password = ADMIN_PASSWORD) =>
    app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });
  const cookieOf = (res: Awaited<ReturnType<typeof signIn>>) => res.cookies.find((c) => c.name === 'gj_session')!;

  it('marks the cookie Secure only when a trusted proxy says the request came over https', async () => {
    const untrusted = await signIn(t, { 'x-forwarded-proto': 'https' });
    expect(cookieOf(untrusted).secure).toBeFalsy();
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
    const proxied = await startTestApp({ trustProxy: true });
    try {
      const res = await signIn(proxied, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
      expect(res.statusCode).toBe(200);
      expect(cookieOf(res).secure).toBe(true);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(cookieOf(await signIn(proxied, { 'x-forwarded-proto': 'http' })).secure).toBeFalsy();
      // the throttle counts the client's address that the proxy names, not the proxy's own
      for (let i = 0; i < THROTTLE.perAddress; i++) await signIn(proxied, { 'x-forwarded-for': '203.0.113.9' }, `guess${i}`, 'wrong-password');
      expect((await signIn(proxied, { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(429);
      expect((await signIn(proxied, { 'x-forwarded-for': '203.0.113.10' })).statusCode).not.toBe(429);
    } finally {
      await proxied.close();
    }
  });
});
