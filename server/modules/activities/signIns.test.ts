import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';

// Self sign-in opens GONGJIAN_SIGNIN_OPENS_MINUTES (30 here, the default) before the start and closes at the end.
// Outside that window the QR link and the typed code are refused with 409 and the local time it opens or closed,
// and nothing is recorded.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let secretaryA1: Session;
let memberA1: Session;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  secretaryA1 = await t.login('secretaryA1');
  memberA1 = await t.login('memberA1');
});
afterAll(async () => t.close());

const minutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
/** '2026-12-03 14:30' in Asia/Shanghai, as the message words it */
const shanghai = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 16);

async function activity(startsAt: string, endsAt: string): Promise<string> {
  const res = await t.call(secretaryA1, {
    method: 'POST',
    url: '/api/v1/activities',
    payload: { type: 'theme_day', hostOrgIds: [ids.A1], state: 'planned', startsAt, endsAt, place: '党员活动室', theme: '签到时段' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function signIn(who: Session | null, id: string, lang = 'zh') {
  const { code } = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${id}/sign-in-code` })).json();
  return t.call(who, { method: 'POST', url: `/api/v1/activities/${id}/sign-in`, payload: { code }, headers: { 'accept-language': lang } });
}

const present = async (id: string) => (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/activities/${id}/attendance` })).json().counts.present as number;
const signInAudits = async (id: string) =>
  (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'activity.sign_in')))).length;

describe('the sign-in time window', () => {
  it('needs a session', async () => {
    const id = await activity(minutes(10), minutes(70));
    expect((await signIn(null, id)).statusCode).toBe(401);
  });

  it('refuses a sign-in more than 30 minutes before the start, naming when it opens, and records nothing', async () => {
    const startsAt = minutes(45);
    const id = await activity(startsAt, minutes(105));
    const res = await signIn(memberA1, id);
    expect(res.statusCode).toBe(409);
    const opensAt = shanghai(new Date(new Date(startsAt).getTime() - 30 * 60_000).toISOString());
    expect(res.json().error).toMatchObject({ code: 'checkin_not_open', params: { opensAt }, message: `签到尚未开始，${opensAt} 起可签到` });
    expect((await signIn(memberA1, id, 'en')).json().error.message).toBe(`Sign-in is not open yet; it opens at ${opensAt}`);
    expect(await present(id)).toBe(0);
    expect(await signInAudits(id)).toBe(0);
  });

  it('accepts a sign-in within 30 minutes before the start', async () => {
    const id = await activity(minutes(20), minutes(80));
    const res = await signIn(memberA1, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'present', source: 'sign_in' });
    expect(await present(id)).toBe(1);
  });

  it('refuses a sign-in after the end, naming when it closed', async () => {
    const endsAt = minutes(-5);
    const id = await activity(minutes(-65), endsAt);
    const res = await signIn(memberA1, id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'checkin_closed', params: { closedAt: shanghai(endsAt) } });
    expect(res.json().error.message).toBe(`签到已于 ${shanghai(endsAt)} 结束`);
    expect(await present(id)).toBe(0);
  });

  it('follows GONGJIAN_SIGNIN_OPENS_MINUTES', async () => {
    const wide = await startTestApp({ signInOpensMinutes: 120 });
    try {
      const w = await seedTwoTrees(wide);
      const secretary = await wide.login('secretaryA1');
      const member = await wide.login('memberA1');
      const created = await wide.call(secretary, {
        method: 'POST',
        url: '/api/v1/activities',
        payload: { type: 'theme_day', hostOrgIds: [w.A1], state: 'planned', startsAt: minutes(90), endsAt: minutes(150), place: '党员活动室', theme: '提前签到' },
      });
      const id = created.json().id;
      const { code } = (await wide.call(secretary, { method: 'GET', url: `/api/v1/activities/${id}/sign-in-code` })).json();
      expect((await wide.call(member, { method: 'POST', url: `/api/v1/activities/${id}/sign-in`, payload: { code } })).statusCode).toBe(200);
    } finally {
      await wide.close();
    }
  });
});
