import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let secretaryA1: Session;
let orgAdminA: Session;

const held = (hostOrgIds: string[], type: string, day: string, state = 'held') => ({
  type,
  hostOrgIds,
  state,
  startsAt: `${day}T09:00:00+08:00`,
  endsAt: `${day}T11:00:00+08:00`,
  theme: `${type} ${day}`,
  ...(state === 'cancelled' ? { cancelReason: '改期' } : {}),
});

const item = (report: { items: { id: string }[] }, id: string) => report.items.find((i) => i.id === id) as Record<string, unknown>;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
  secretaryA1 = await t.login('secretaryA1');
  orgAdminA = await t.login('orgAdminA');
  const record = async (s: Session, body: object) => {
    const res = await t.call(s, { method: 'POST', url: '/api/v1/activities', payload: body });
    if (res.statusCode !== 201) throw new Error(res.body);
  };
  // A1: theme party days in January and March 2024 (February missing), one cancelled in February
  await record(secretaryA1, held([ids.A1], 'theme_day', '2024-01-12'));
  await record(secretaryA1, held([ids.A1], 'theme_day', '2024-02-20', 'cancelled'));
  await record(secretaryA1, held([ids.A1], 'theme_day', '2024-03-08'));
  // a joint theme party day of A2 and B1 in every month of Q2 2024 counts for both
  for (const day of ['2024-04-10', '2024-05-10', '2024-06-10']) await record(admin, held([ids.A2, ids.B1], 'theme_day', day));
  await record(admin, held([ids.A2], 'general_assembly', '2024-05-20'));
});
afterAll(async () => t.close());

describe('compliance of one organization', () => {
  it('needs a session and the organization in scope', async () => {
    expect((await t.call(null, { method: 'GET', url: `/api/v1/compliance?org=${ids.A1}&period=2024-Q1` })).statusCode).toBe(401);
    const orgAdminB = await t.login('orgAdminB');
    expect((await t.call(orgAdminB, { method: 'GET', url: `/api/v1/compliance?org=${ids.A1}&period=2024-Q1` })).statusCode).toBe(403);
  });

  it('marks a monthly requirement missed for the quarter when one month had none (a cancelled one does not count)', async () => {
    const report = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/compliance?org=${ids.A1}&period=2024-Q1` })).json();
    const themeDay = item(report, 'theme_day');
    expect(themeDay).toMatchObject({ requirement: 'theme_day', status: 'missed', severity: 'hard', count: 2 });
    expect(themeDay.subPeriods).toEqual([
      { label: '2024-01', status: 'met', count: 1 },
      { label: '2024-02', status: 'missed', count: 0 },
      { label: '2024-03', status: 'met', count: 1 },
    ]);
    expect((await t.call(secretaryA1, { method: 'GET', url: `/api/v1/compliance?org=${ids.A1}&period=2024-03` })).json().items.find((i: { id: string }) => i.id === 'theme_day').status).toBe('met');
  });

  it('counts a joint activity for each host, and marks group meetings not applicable without party groups', async () => {
    for (const org of [ids.A2, ids.B1]) {
      const report = (await t.call(admin, { method: 'GET', url: `/api/v1/compliance?org=${org}&period=2024-Q2` })).json();
      expect(item(report, 'theme_day')).toMatchObject({ status: 'met', count: 3 });
      expect(item(report, 'group_meeting')).toMatchObject({ status: 'not_applicable' });
    }
    const a2 = (await t.call(admin, { method: 'GET', url: `/api/v1/compliance?org=${ids.A2}&period=2024-Q2` })).json();
    expect(item(a2, 'general_assembly')).toMatchObject({ status: 'met', count: 1 });
  });

  it('rejects a malformed period with the field named', async () => {
    const res = await t.call(admin, { method: 'GET', url: `/api/v1/compliance?org=${ids.A1}&period=2024-Q5` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('period');
  });
});

describe('rollup and overrides', () => {
  it('rolls a subtree up: the share of branches that met each requirement and who lags', async () => {
    const res = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/compliance/rollup?org=${ids.A}&period=2024-Q1` });
    expect(res.statusCode).toBe(200);
    const row = res.json().items.find((i: { id: string }) => i.id === 'theme_day');
    expect(row).toMatchObject({ applicable: 2, met: 0, shareMet: 0 });
    const a1 = row.lagging.find((l: { orgId: string }) => l.orgId === ids.A1);
    expect(a1).toMatchObject({ status: 'missed', missedPeriods: ['2024-02'] });
    const q2 = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/compliance/rollup?org=${ids.A}&period=2024-Q2` })).json();
    expect(q2.items.find((i: { id: string }) => i.id === 'theme_day')).toMatchObject({ applicable: 2, met: 1, shareMet: 0.5 });
  });

  it('applies a committee override from its effective date, not before', async () => {
    const res = await t.call(orgAdminA, {
      method: 'POST',
      url: `/api/v1/orgs/${ids.A}/rule-pack-versions`,
      payload: { effectiveFrom: '2024-04-01', override: { meetings: { requirements: { theme_day: { per: 'quarter' } } } } },
    });
    expect(res.statusCode).toBe(201);
    // Q1 is judged by the monthly rule in force on its first day; Q3 by the quarterly one
    const q1 = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/compliance?org=${ids.A1}&period=2024-Q1` })).json();
    expect(item(q1, 'theme_day')).toMatchObject({ per: 'month', status: 'missed' });
    const q3 = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/compliance?org=${ids.A1}&period=2024-Q3` })).json();
    expect(item(q3, 'theme_day')).toMatchObject({ per: 'quarter', status: 'missed' });
    // the other tree is untouched
    const b1 = (await t.call(admin, { method: 'GET', url: `/api/v1/compliance?org=${ids.B1}&period=2024-Q3` })).json();
    expect(item(b1, 'theme_day')).toMatchObject({ per: 'month' });
  });

  it('lets only rule managers add versions, and validates them', async () => {
    const bySecretary = await t.call(secretaryA1, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/rule-pack-versions`, payload: { effectiveFrom: '2024-01-01', override: {} } });
    expect(bySecretary.statusCode).toBe(403);
    const bad = await t.call(orgAdminA, {
      method: 'POST',
      url: `/api/v1/orgs/${ids.A}/rule-pack-versions`,
      payload: { effectiveFrom: '2024-02-30', override: { meetings: { requirements: { theme_day: { per: 'fortnight' } } } } },
    });
    expect(bad.statusCode).toBe(400);
    const versions = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A}/rule-pack-versions` })).json().items;
    expect(versions.map((v: { effectiveFrom: string }) => v.effectiveFrom)).toEqual(['2024-04-01']);
  });
});
