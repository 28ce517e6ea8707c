import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoTrees, startTestApp, type TestApp } from '../testing/harness';

let t: TestApp;
let web: string;

beforeAll(async () => {
  // a built web app as Vite lays it out: an index page and hashed assets
  web = mkdtempSync(path.join(tmpdir(), 'gj-web-'));
  mkdirSync(path.join(web, 'assets'));
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(path.join(web, 'assets', 'index-abc.js'), 'console.log(1)');
  t = await startTestApp({ webDist: web });
  await seedTwoTrees(t);
});
afterAll(async () => {
  await t.close();
  rmSync(web, { recursive: true, force: true });
});

function expectSecurityHeaders(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('same-origin');
}

describe('security headers', () => {
  it('are on the web app: the index page of any client route and its assets', async () => {
    for (const url of ['/', '/orgs/some-id', '/assets/index-abc.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectSecurityHeaders(res.headers);
      expect(res.headers['cache-control'], url).not.toBe('no-store');
    }
  });

  it('are on API answers, which no cache may keep: data, errors, unauthenticated and not found', async () => {
    const admin = await t.login('admin');
    const answers = [
      await t.call(admin, { method: 'GET', url: '/api/v1/members?limit=5' }),
      await t.call(admin, { method: 'GET', url: '/api/v1/users/me' }),
      await t.call(null, { method: 'GET', url: '/api/v1/users/me' }),
      await t.call(admin, { method: 'GET', url: '/api/v1/no-such-route' }),
      await t.call(admin, { method: 'POST', url: '/api/v1/users', payload: { username: 'x' } }),
      await t.call(null, { method: 'GET', url: '/api/v1/health' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 401, 404, 400, 200]);
    for (const res of answers) {
      expectSecurityHeaders(res.headers);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('are on the sign-in answer that sets the cookie, and on the API documentation', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong-password' } });
    expectSecurityHeaders(login.headers);
    expect(login.headers['cache-control']).toBe('no-store');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expectSecurityHeaders(docs.headers);
  });
});
