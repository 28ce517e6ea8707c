import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import { DEFAULT_HEALTH_THRESHOLDS } from '../../../domain/pairings/health';
import { periodContaining, shiftPeriod } from '../../../domain/periods';
import { queryRows } from '../../db/client';
import { demands } from '../../db/schema/pairings';
import { newId } from '../../ids';
import { startTestApp, type Session, type TestApp } from '../../testing/harness';
import { fieldsOf, seedPairingWorld } from './fixtures';

// The lists, suggestions, health, policy and dashboard of a coordinator's pairings:
//   P1: A1 ↔ B1 and P2: A2 ↔ B, both coordinated by the zone Z; P3: A1 ↔ A2 without a coordinator.
// Health is checked on the last quarter, which is over, so every figure is settled.

let t: TestApp;
let w: Awaited<ReturnType<typeof seedPairingWorld>>;
let s: Awaited<ReturnType<typeof seedPairingWorld>>['s'];
let P1: string;
let P2: string;
let P3: string;
const last = () => shiftPeriod(periodContaining(t.system.today, 'quarter'), -1);
const day = (n: number) => addDays(last().start, n);

const post = (who: Session | null, url: string, payload: unknown) => t.call(who, { method: 'POST', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const patch = (who: Session | null, url: string, payload: unknown) => t.call(who, { method: 'PATCH', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const put = (who: Session | null, url: string, payload: unknown) => t.call(who, { method: 'PUT', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const get = (who: Session | null, url: string) => t.call(who, { method: 'GET', url: `/api/v1${url}` });

async function jointActivity(who: Session, hostOrgIds: string[], pairingId: string, on: string) {
  const res = await post(who, '/activities', { type: 'theme_day', hostOrgIds, pairingId, state: 'held', startsAt: `${on}T09:00:00+08:00`, endsAt: `${on}T11:00:00+08:00`, theme: '联合主题党日' });
  expect(res.statusCode).toBe(201);
}

beforeAll(async () => {
  t = await startTestApp();
  w = await seedPairingWorld(t);
  s = w.s;
  const validity = { validFrom: addDays(last().start, -365), validTo: addDays(w.today, 700), state: 'active' };
  const create = async (who: Session, body: Record<string, unknown>) => {
    const res = await post(who, '/pairings', { title: '结对共建', ...validity, ...body });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    // the sides the author does not manage accept (here the system admin for them), then the author makes it active
    if (res.json().awaitingOrgIds.length > 0) {
      expect((await post(s.admin, `/pairings/${id}/accept`, {})).statusCode).toBe(200);
      expect((await patch(who, `/pairings/${id}`, { state: 'active' })).statusCode).toBe(200);
    }
    return id;
  };
  P1 = await create(s.orgAdminZ, { title: '一支部与乙支部结对', partyOrgIds: [w.A1, w.B1], coordinatorOrgId: w.Z });
  P2 = await create(s.orgAdminZ, { title: '二支部与乙党委结对', partyOrgIds: [w.A2, w.B], coordinatorOrgId: w.Z, contacts: [{ orgId: w.B, contactName: '赵联络员', contactPhone: '13900001111' }] });
  P3 = await create(s.secretaryA1, { title: '支部联建', partyOrgIds: [w.A1, w.A2] });
});
afterAll(async () => t.close());

describe('isolation between pairings', () => {
  it('keeps a partner of P1 out of P2: agreement, contacts, lists, health, activities, and the list shows P1 only', async () => {
    const b1 = s.secretaryB1;
    expect((await get(b1, `/pairings/${P1}`)).statusCode).toBe(200);
    for (const path of ['', '/needs', '/resources', '/projects', '/activities', `/health?period=${last().label}`]) {
      expect((await get(b1, `/pairings/${P2}${path}`)).statusCode, path).toBe(403);
    }
    expect((await post(b1, `/pairings/${P2}/needs`, { orgId: w.B, category: 'policy', title: '政策解读' })).statusCode).toBe(403);
    expect((await get(b1, `/pairings/suggestions?pairing=${P2}`)).statusCode).toBe(403);
    for (const path of ['suggestions', 'matrix', 'dashboard']) expect((await get(b1, `/pairings/${path}?coordinator=${w.Z}`)).statusCode, path).toBe(403);
    const list = await get(b1, '/pairings');
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([P1]);
    expect(list.json().total).toBe(1);
    expect(list.body).not.toContain(P2);
    expect(list.body).not.toContain('赵联络员');
    expect((await get(b1, '/pairings/no-such-pairing')).statusCode).toBe(404);
  });
});

describe('needs and resources', () => {
  let needId: string;

  it('are kept by the party the caller acts for, or by the coordinator for any party', async () => {
    const need = { orgId: w.A1, category: 'policy', title: '企业用工政策解读', description: '需要人社政策解读和用工指导' };
    expect((await post(null, `/pairings/${P1}/needs`, need)).statusCode).toBe(401);
    expect((await post(s.viewerA, `/pairings/${P1}/needs`, need)).statusCode).toBe(403);
    expect((await post(s.secretaryA1, `/pairings/${P1}/needs`, { ...need, orgId: w.B1 })).statusCode).toBe(403);
    expect(fieldsOf((await post(s.secretaryA1, `/pairings/${P1}/needs`, { ...need, orgId: w.A2 })).json())).toEqual(['orgId']);
    expect(fieldsOf((await post(s.secretaryA1, `/pairings/${P1}/needs`, { ...need, category: 'money' })).json())).toEqual(['category']);
    expect(fieldsOf((await post(s.secretaryA1, `/pairings/${P1}/needs`, { ...need, title: '  ' })).json())).toEqual(['title']);
    expect((await get(s.secretaryA1, `/pairings/${P1}/needs`)).json().items).toEqual([]);

    const res = await post(s.secretaryA1, `/pairings/${P1}/needs`, need);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ pairingId: P1, orgId: w.A1, orgName: '甲公司第一党支部', kind: 'need', status: 'open' });
    needId = res.json().id;
    expect((await post(s.secretaryB1, `/pairings/${P1}/resources`, { orgId: w.B1, category: 'venue', title: '会议室', description: '可借用的会议室' })).statusCode).toBe(201);
    expect((await post(s.orgAdminZ, `/pairings/${P2}/resources`, { orgId: w.B, category: 'policy', title: '人社政策宣讲团', description: '提供用工政策解读' })).statusCode).toBe(201);
    expect((await post(s.orgAdminZ, `/pairings/${P2}/needs`, { orgId: w.A2, category: 'talent', title: '青年骨干培训' })).statusCode).toBe(201);
    expect((await get(s.secretaryB1, `/pairings/${P1}/resources`)).json().items.map((x: { title: string }) => x.title)).toEqual(['会议室']);
  });

  it('are edited by their own party or the coordinator only', async () => {
    expect((await patch(s.secretaryB1, `/pairings/${P1}/needs/${needId}`, { title: 'x' })).statusCode).toBe(403);
    expect((await patch(s.secretaryA1, `/pairings/${P1}/resources/${needId}`, { title: 'x' })).statusCode).toBe(404);
    expect((await patch(s.secretaryA1, `/pairings/${P1}/needs/no-such-item`, { title: 'x' })).statusCode).toBe(404);
    const res = await patch(s.secretaryA1, `/pairings/${P1}/needs/${needId}`, { title: '用工政策解读' });
    expect(res.json()).toMatchObject({ title: '用工政策解读', description: '需要人社政策解读和用工指导' });
    expect((await patch(s.orgAdminZ, `/pairings/${P1}/needs/${needId}`, { category: 'policy' })).statusCode).toBe(200);
  });
});

describe('suggested matches', () => {
  it('are for whoever acts for the coordinator, across its pairings, with names and titles to show', async () => {
    expect((await get(null, `/pairings/suggestions?coordinator=${w.Z}`)).statusCode).toBe(401);
    expect((await get(s.secretaryA1, `/pairings/suggestions?coordinator=${w.Z}`)).statusCode).toBe(403);
    expect((await get(s.viewerZ, `/pairings/suggestions?coordinator=${w.Z}`)).statusCode).toBe(403);
    expect((await get(s.orgAdminZ, '/pairings/suggestions?coordinator=no-such-org')).statusCode).toBe(404);
    expect(fieldsOf((await get(s.orgAdminZ, '/pairings/suggestions')).json())).toEqual(['coordinator']);
    expect(fieldsOf((await get(s.admin, `/pairings/suggestions?coordinator=${w.Z}&pairing=${P3}`)).json())).toEqual(['pairing']);
    const res = (await get(s.orgAdminZ, `/pairings/suggestions?coordinator=${w.Z}`)).json();
    expect(res.items).toHaveLength(1);
    expect(res.items[0]).toMatchObject({
      need: { title: '用工政策解读', orgName: '甲公司第一党支部', pairingId: P1, pairingTitle: '一支部与乙支部结对', category: 'policy' },
      resource: { title: '人社政策宣讲团', orgName: '乙公司党委', pairingId: P2, pairingTitle: '二支部与乙党委结对' },
      sameCategory: true,
    });
    expect(res.items[0].terms).toContain('政策');
  });

  it('within one pairing, for any reader of it: only its own needs and resources', async () => {
    expect((await get(s.secretaryA1, `/pairings/suggestions?pairing=${P1}`)).json().items).toEqual([]);
    expect((await get(s.secretaryA1, `/pairings/suggestions?pairing=${P2}`)).statusCode).toBe(403);
  });
});

describe('joint projects', () => {
  let needId: string;
  let resourceP2: string;
  let resourceP3: string;
  let needP2: string;
  beforeAll(async () => {
    needId = (await get(s.orgAdminZ, `/pairings/${P1}/needs`)).json().items[0].id;
    resourceP2 = (await get(s.orgAdminZ, `/pairings/${P2}/resources`)).json().items[0].id;
    needP2 = (await get(s.orgAdminZ, `/pairings/${P2}/needs`)).json().items[0].id;
    resourceP3 = (await post(s.secretaryA1, `/pairings/${P3}/resources`, { orgId: w.A1, category: 'policy', title: '政策汇编' })).json().id;
  });

  it('refuses a need or resource from outside, an owner who is not involved, and callers who keep nothing', async () => {
    const base = { title: '用工政策进企业', needId, resourceId: resourceP2, owners: [{ orgId: w.A1, name: '张某一' }] };
    expect((await post(s.viewerA, `/pairings/${P1}/projects`, base)).statusCode).toBe(403);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, needId: needP2 }, 'needId'],
      [{ ...base, resourceId: resourceP3 }, 'resourceId'],
      [{ ...base, resourceId: needId }, 'resourceId'],
      [{ ...base, owners: [{ orgId: w.A2, name: '某某' }] }, 'owners.0.orgId'],
    ];
    for (const [body, field] of cases) expect(fieldsOf((await post(s.secretaryA1, `/pairings/${P1}/projects`, body)).json()), field).toEqual([field]);
    expect((await get(s.secretaryA1, `/pairings/${P1}/projects`)).json().items).toEqual([]);
    expect((await get(s.secretaryA1, `/pairings/${P1}/needs`)).json().items[0].status).toBe('open');
  });

  it('matches a need with a resource of another pairing of the coordinator; both become matched and leave the suggestions', async () => {
    const res = await post(s.secretaryA1, `/pairings/${P1}/projects`, {
      title: '用工政策进企业',
      needId,
      resourceId: resourceP2,
      owners: [
        { orgId: w.A1, name: '张某一' },
        { orgId: w.B, name: '赵联络员' },
      ],
      dueOn: addDays(w.today, 30),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ pairingId: P1, needTitle: '用工政策解读', resourceTitle: '人社政策宣讲团', resourcePairingId: P2, status: 'planned', doneOn: null });
    expect((await get(s.secretaryA1, `/pairings/${P1}/needs`)).json().items[0].status).toBe('matched');
    expect((await get(s.orgAdminZ, `/pairings/${P2}/resources`)).json().items[0].status).toBe('matched');
    expect((await get(s.orgAdminZ, `/pairings/suggestions?coordinator=${w.Z}`)).json().items).toEqual([]);
  });

  it('records the day it is done, and forgets it when reopened', async () => {
    const id = (await get(s.secretaryB1, `/pairings/${P1}/projects`)).json().items[0].id;
    expect((await patch(s.viewerA, `/pairings/${P1}/projects/${id}`, { status: 'done' })).statusCode).toBe(403);
    expect((await patch(s.orgAdminZ, `/pairings/${P2}/projects/${id}`, { status: 'done' })).statusCode).toBe(404);
    const done = await patch(s.secretaryB1, `/pairings/${P1}/projects/${id}`, { status: 'done', outcome: '两家企业落实稳岗补贴' });
    expect(done.json()).toMatchObject({ status: 'done', doneOn: w.today, outcome: '两家企业落实稳岗补贴' });
    expect((await patch(s.secretaryA1, `/pairings/${P1}/projects/${id}`, { status: 'in_progress' })).json().doneOn).toBeNull();
    expect((await patch(s.secretaryA1, `/pairings/${P1}/projects/${id}`, { status: 'done' })).json().doneOn).toBe(w.today);
  });
});

describe('health of a pairing', () => {
  const health = async (who: Session, id = P1, period = last().label) => (await get(who, `/pairings/${id}/health?period=${period}`)).json();

  it('needs a readable pairing and a real period', async () => {
    expect((await get(null, `/pairings/${P1}/health?period=${last().label}`)).statusCode).toBe(401);
    expect(fieldsOf((await get(s.secretaryA1, `/pairings/${P1}/health?period=2025-13`)).json())).toEqual(['period']);
    expect(fieldsOf((await get(s.secretaryA1, `/pairings/${P1}/health?period=2025-Q5`)).json())).toEqual(['period']);
    expect((await get(s.secretaryA1, `/pairings/${P1}/health`)).statusCode).toBe(400);
  });

  it('is inactive when nothing happened, and on track once a joint activity is held', async () => {
    const before = await health(s.secretaryA1);
    expect(before).toMatchObject({ pairingId: P1, period: last().label, state: 'inactive', reasons: ['no_records'] });
    expect(before.activities).toMatchObject({ held: 0, required: 1, missed: 1 });
    await jointActivity(s.secretaryA1, [w.A1, w.B1], P1, day(10));
    const after = await health(s.secretaryB1);
    expect(after).toMatchObject({ state: 'on_track', reasons: [] });
    expect(after.activities).toMatchObject({ held: 1, met: 1, missed: 0 });
  });

  it('needs attention for an overdue commitment, and not once it is done', async () => {
    const p = (await get(s.orgAdminZ, `/pairings/${P1}`)).json();
    const res = await patch(s.orgAdminZ, `/pairings/${P1}`, { commitments: [{ orgId: w.B1, description: '提供安全生产培训', dueOn: day(20) }] });
    expect(res.statusCode).toBe(200);
    expect(p.commitments).toEqual([]);
    const overdue = await health(s.secretaryA1);
    expect(overdue).toMatchObject({ state: 'needs_attention', reasons: ['commitments_overdue'], commitments: { total: 1, done: 0, overdue: 1 } });
    const c = res.json().commitments[0];
    await patch(s.orgAdminZ, `/pairings/${P1}`, { commitments: [{ id: c.id, orgId: c.orgId, description: c.description, dueOn: c.dueOn, doneOn: day(25) }] });
    expect(await health(s.secretaryA1)).toMatchObject({ state: 'on_track', commitments: { total: 1, done: 1, overdue: 0 } });
  });

  it('counts demands: resolved with their time and rating, and an overdue one', async () => {
    const demand = (extra: Partial<typeof demands.$inferInsert> & { state: string }) => ({
      id: newId(),
      pairingId: P1,
      raisedByOrgId: w.B1,
      assignedOrgId: w.A1,
      title: '政策咨询',
      description: '用工政策咨询',
      category: 'policy',
      urgency: 'normal',
      raisedOn: day(1),
      ...extra,
    });
    await t.database.db.insert(demands).values([
      demand({ state: 'confirmed', acceptedOn: day(1), dueOn: day(16), resolvedOn: day(3), confirmedOn: day(4), rating: 4 }),
      demand({ state: 'accepted', acceptedOn: day(5), dueOn: day(20) }),
    ]);
    const h = await health(s.secretaryA1);
    expect(h).toMatchObject({ demands: { raised: 2, resolved: 1, overdue: 1 }, medianDaysToResolve: 2, averageSatisfaction: 4, ratings: 1, state: 'needs_attention', reasons: ['demands_overdue'] });
  });

  it('counts joint projects done in the period', async () => {
    const now = periodContaining(w.today, 'quarter').label;
    expect((await health(s.secretaryA1, P1, now)).projectsDone).toBe(1);
    expect((await health(s.secretaryA1)).projectsDone).toBe(0);
  });
});

describe('the coordinator’s pairing policy', () => {
  it('shows the defaults to readers of the organization, and no one else', async () => {
    expect((await get(null, `/orgs/${w.Z}/pairing-policy`)).statusCode).toBe(401);
    expect((await get(s.secretaryB1, `/orgs/${w.Z}/pairing-policy`)).statusCode).toBe(403);
    expect((await get(s.viewerZ, '/orgs/no-such-org/pairing-policy')).statusCode).toBe(404);
    const policy = (await get(s.viewerZ, `/orgs/${w.Z}/pairing-policy`)).json();
    expect(policy).toMatchObject({ counting: 'calendar', thresholds: DEFAULT_HEALTH_THRESHOLDS, timeLimits: { urgent: 3, normal: 15 } });
  });

  it('is changed by a manager of the organization, audited, and its thresholds decide the health state', async () => {
    const policy = (await get(s.viewerZ, `/orgs/${w.Z}/pairing-policy`)).json();
    const lenient = { ...policy, thresholds: { ...policy.thresholds, maxOverdueDemands: 5 }, holidays: ['2026-10-01', '2026-10-01'] };
    expect((await put(s.viewerZ, `/orgs/${w.Z}/pairing-policy`, lenient)).statusCode).toBe(403);
    expect(fieldsOf((await put(s.orgAdminZ, `/orgs/${w.Z}/pairing-policy`, { ...lenient, timeLimits: { ...policy.timeLimits, urgent: 0 } })).json())).toEqual(['timeLimits.urgent']);
    expect((await get(s.secretaryA1, `/pairings/${P1}/health?period=${last().label}`)).json().state).toBe('needs_attention');
    const res = await put(s.orgAdminZ, `/orgs/${w.Z}/pairing-policy`, lenient);
    expect(res.statusCode).toBe(200);
    expect(res.json().holidays).toEqual(['2026-10-01']);
    expect((await get(s.viewerZ, `/orgs/${w.Z}/pairing-policy`)).json().thresholds.maxOverdueDemands).toBe(5);
    expect((await get(s.secretaryA1, `/pairings/${P1}/health?period=${last().label}`)).json()).toMatchObject({ state: 'on_track', demands: { overdue: 1 } });
    const [event] = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where subject_id = ${w.Z} order by seq desc limit 1`);
    expect(event!.action).toBe('pairing.policy.update');
    // a pairing without a coordinator keeps the defaults: one overdue demand is too many
    await t.database.db.insert(demands).values({ id: newId(), pairingId: P3, raisedByOrgId: w.A2, title: '场地', description: '借用场地', category: 'venue', urgency: 'high', state: 'accepted', raisedOn: day(2), dueOn: day(5) });
    const p3 = (await get(s.secretaryA1, `/pairings/${P3}/health?period=${last().label}`)).json();
    expect(p3.state).toBe('needs_attention');
    expect(p3.reasons).toContain('demands_overdue');
  });
});

describe('the coordinator’s dashboard', () => {
  const dashboard = async (period = last().label) => (await get(s.viewerZ, `/pairings/dashboard?coordinator=${w.Z}&period=${period}`)).json();

  it('is for readers of the coordinator', async () => {
    expect((await get(null, `/pairings/dashboard?coordinator=${w.Z}`)).statusCode).toBe(401);
    expect((await get(s.secretaryA1, `/pairings/dashboard?coordinator=${w.Z}`)).statusCode).toBe(403);
    expect((await get(s.viewerZ, '/pairings/dashboard?coordinator=no-such-org')).statusCode).toBe(404);
    expect(fieldsOf((await get(s.viewerZ, `/pairings/dashboard?coordinator=${w.Z}&period=2026-00`)).json())).toEqual(['period']);
  });

  it('shows every pairing’s health figures and the totals, and they change when a joint activity is held', async () => {
    const before = await dashboard();
    expect(before).toMatchObject({ coordinatorOrgId: w.Z, coordinatorName: '高新区党工委', period: last().label });
    expect(before.totals).toMatchObject({
      pairings: 2,
      byState: { draft: 0, active: 2, expired: 0, terminated: 0 },
      health: { onTrack: 1, needsAttention: 0, inactive: 1 },
      openDemands: 1,
      overdueDemands: 1,
      averageSatisfaction: 4,
      ratings: 1,
      jointActivitiesHeld: 1,
      demandsRaised: 2,
      demandsResolved: 1,
      commitmentsOverdue: 0,
    });
    const row = (id: string, d: typeof before) => d.rows.find((r: { pairingId: string }) => r.pairingId === id);
    expect(row(P1, before)).toMatchObject({ health: 'on_track', activitiesHeld: 1, commitmentsDone: 1, demandsOverdue: 1, medianDaysToResolve: 2, averageSatisfaction: 4, openDemands: 1 });
    expect(row(P2, before)).toMatchObject({ health: 'inactive', reasons: ['no_records'], activitiesHeld: 0 });
    expect(row(P2, before).parties.map((p: { orgName: string }) => p.orgName)).toEqual(['甲公司第二党支部', '乙公司党委']);

    await jointActivity(s.orgAdminA, [w.A2, w.B], P2, day(40));
    const after = await dashboard();
    expect(after.totals).toMatchObject({ jointActivitiesHeld: 2, health: { onTrack: 2, needsAttention: 0, inactive: 0 } });
    expect(row(P2, after)).toMatchObject({ health: 'on_track', activitiesHeld: 1 });
    const cell = (await get(s.viewerZ, `/pairings/matrix?coordinator=${w.Z}&period=${last().label}`)).json().cells.find((c: { pairingId: string }) => c.pairingId === P2);
    expect(cell).toMatchObject({ rowOrgId: w.A2, columnOrgId: w.B, state: 'active', health: 'on_track' });
  });

  it('charts the last 4 quarters, the 12 months up to a month, or a year’s quarters', async () => {
    const quarters = (await dashboard()).trend;
    expect(quarters.map((p: { period: string }) => p.period)).toEqual([-3, -2, -1, 0].map((n) => shiftPeriod(last(), n).label));
    expect(quarters.at(-1)).toMatchObject({ onTrack: 2, jointActivitiesHeld: 2, demandsRaised: 2, averageSatisfaction: 4 });
    // the quarter before: both agreements were in force, and nothing happened
    expect(quarters.at(-2)).toMatchObject({ onTrack: 0, inactive: 2, jointActivitiesHeld: 0 });
    const month = periodContaining(day(10), 'month');
    const months = (await dashboard(month.label)).trend;
    expect(months).toHaveLength(12);
    expect(months.at(-1)).toMatchObject({ period: month.label, jointActivitiesHeld: 1 });
    const year = (await dashboard(String(last().year))).trend;
    expect(year.map((p: { period: string }) => p.period)).toEqual([1, 2, 3, 4].map((q) => `${last().year}-Q${q}`));
  });
});
