import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoTrees, startTestApp, type TestApp } from '../../testing/harness';

// /users/me tells the web app what to offer (the caller's abilities somewhere in its scope) and in
// which time zone to show dates and times.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ timeZone: 'Asia/Urumqi' });
  await seedTwoTrees(t);
});
afterAll(async () => t.close());

const me = async (username: string) => (await t.call(await t.login(username), { method: 'GET', url: '/api/v1/users/me' })).json();

describe('GET /users/me', () => {
  it('needs a session', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(401);
  });

  it("carries the organization's time zone", async () => {
    expect((await me('viewerA')).timeZone).toBe('Asia/Urumqi');
  });

  it('offers each role only what it may do', async () => {
    const viewer = (await me('viewerA')).abilities as string[];
    expect(viewer).toContain('export.run');
    expect(viewer.filter((a) => !a.endsWith('.read') && a !== 'export.run')).toEqual([]);
    const member = (await me('memberA1')).abilities as string[];
    expect(member).not.toContain('export.run');
    expect(member.filter((a) => !a.endsWith('.read'))).toEqual([]);
    expect((await me('secretaryA1')).abilities).toEqual(expect.arrayContaining(['member.create', 'activity.manage', 'pairing.manage']));
    expect((await me('orgAdminA')).abilities).toEqual(expect.arrayContaining(['member.create', 'org.create', 'user.manage']));
  });
});
