import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, addYears, todayInChina } from '../../../domain/dates';
import { ORG_TYPES, type OrgType, type Sector } from '../../../domain/enums';
import { termDates } from '../../../domain/rules/orgFindings';
import type { Dashboard, Slice } from '../../../domain/schemas/dashboard';
import { queryRows } from '../../db/client';
import { rulePackVersions } from '../../db/schema/activities';
import { orgs } from '../../db/schema/orgs';
import { newId } from '../../ids';
import { packToday } from '../compliance/service';
import { idFor, seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { LIVE_ORG_KINDS_SQL, LIVE_TERM_COUNTS_SQL, tallyOrgs } from './queries';
import { ageBand, lastMonths, standingBand, termFigures } from './service';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
});
afterAll(async () => t.close());

const toMap = (slices: Slice[]) => Object.fromEntries(slices.filter((s) => s.n > 0).map((s) => [s.key, s.n]));

async function dashboard(orgId: string): Promise<Dashboard> {
  const res = await t.call(admin, { method: 'GET', url: `/api/v1/dashboard?org=${orgId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Dashboard>();
}

/** The member figures counted live from the members table, as the dashboard should report them. */
async function liveFigures(orgId: string) {
  const rows = await queryRows<{ gender: string; education: string | null; status: string; category: string; birth: number; joined: number }>(
    t.database.db,
    sql`select m.gender, m.education, m.status, m.category,
               extract(year from m.birth_date)::int as birth, extract(year from m.joined_on)::int as joined
        from members m join orgs o on o.id = ${orgId} where m.org_path <@ o.path`,
  );
  const year = Number(todayInChina().slice(0, 4));
  const count = (keys: string[]) => {
    const out: Record<string, number> = {};
    for (const k of keys) out[k] = (out[k] ?? 0) + 1;
    return out;
  };
  return {
    total: rows.length,
    gender: count(rows.map((r) => r.gender)),
    education: count(rows.map((r) => r.education ?? 'unknown')),
    status: count(rows.map((r) => r.status)),
    category: count(rows.map((r) => r.category)),
    age: count(rows.map((r) => ageBand(year - Number(r.birth)))),
    standing: count(rows.map((r) => standingBand(year - Number(r.joined)))),
  };
}

async function expectFacetsRight() {
  for (const orgId of [ids.A, ids.A1, ids.A2, ids.B, ids.B1]) {
    const d = await dashboard(orgId);
    const live = await liveFigures(orgId);
    const m = d.members;
    expect(
      { total: m.total, gender: toMap(m.gender), education: toMap(m.education), status: toMap(m.status), category: toMap(m.category), age: toMap(m.age), standing: toMap(m.standing) },
      `org ${orgId}`,
    ).toEqual(live);
  }
}

async function createMember(body: Record<string, unknown>): Promise<string> {
  const res = await t.call(admin, { method: 'POST', url: '/api/v1/members', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('GET /api/v1/dashboard', () => {
  it('answers 401 without a session, 403 outside the scope, 200 inside', async () => {
    expect((await t.call(null, { method: 'GET', url: `/api/v1/dashboard?org=${ids.A}` })).statusCode).toBe(401);
    const orgAdminB = await t.login('orgAdminB');
    expect((await t.call(orgAdminB, { method: 'GET', url: `/api/v1/dashboard?org=${ids.A}` })).statusCode).toBe(403);
    expect((await t.call(orgAdminB, { method: 'GET', url: `/api/v1/dashboard?org=${ids.B}` })).statusCode).toBe(200);
    const viewerA = await t.login('viewerA');
    expect((await t.call(viewerA, { method: 'GET', url: `/api/v1/dashboard?org=${ids.A1}` })).statusCode).toBe(200);
    const secretaryA1 = await t.login('secretaryA1');
    expect((await t.call(secretaryA1, { method: 'GET', url: `/api/v1/dashboard?org=${ids.A2}` })).statusCode).toBe(403);
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/dashboard?org=nosuchorg' })).statusCode).toBe(404);
  });

  it('counts organizations by type and sector', async () => {
    const d = await dashboard(ids.A);
    expect(d.orgs.total).toBe(3);
    expect(toMap(d.orgs.byType)).toEqual({ committee: 1, branch: 2 });
    expect(toMap(d.orgs.bySector)).toEqual({ state_enterprise: 3 });
  });

  it('keeps the member facets right through create, update, transfer and moving a subtree', async () => {
    await expectFacetsRight();
    const today = todayInChina();
    const young = addYears(today, -25);
    const joined = addYears(today, -2);
    const probationer = await createMember({
      orgId: ids.A1,
      name: '王见习',
      idNumber: idFor(young, 'female'),
      joinedOn: joined,
      status: 'probationary',
      category: 'student',
      education: 'bachelor',
    });
    const noId = await createMember({
      orgId: ids.A2,
      name: '赵某某',
      gender: 'male',
      birthDate: '1958-07-01',
      joinedOn: '1980-07-01',
      fullOn: '1981-07-01',
      status: 'full',
      category: 'retired',
    });
    await createMember({ orgId: ids.A2, name: '钱某', gender: 'female', birthDate: '1990-01-01', joinedOn: '2015-05-01', fullOn: '2016-05-01', status: 'full', category: 'in_service', education: 'postgraduate' });
    await expectFacetsRight();

    // status change: probationary → full
    let res = await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${probationer}`, payload: { status: 'full', fullOn: addYears(joined, 1) } });
    expect(res.statusCode, res.body).toBe(200);
    // gender and education change
    res = await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${noId}`, payload: { gender: 'female', education: 'high_school' } });
    expect(res.statusCode, res.body).toBe(200);
    await expectFacetsRight();

    // transfer to the other tree
    res = await t.call(admin, { method: 'POST', url: `/api/v1/members/${noId}/transfer`, payload: { orgId: ids.B1 } });
    expect(res.statusCode, res.body).toBe(200);
    await expectFacetsRight();

    // move the subtree A2 under B
    res = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A2}/move`, payload: { parentId: ids.B } });
    expect(res.statusCode, res.body).toBe(200);
    await expectFacetsRight();
    expect((await dashboard(ids.B)).orgs.total).toBe(3);
    // and back under A1's parent, so a move within one tree is covered too
    res = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A2}/move`, payload: { parentId: ids.A1 } });
    expect(res.statusCode, res.body).toBe(200);
    await expectFacetsRight();
  });

  it('counts held activities per month and type, and shows theme days in the heatmap', async () => {
    const months = lastMonths(todayInChina(), 12);
    const current = `${months[11]}-01`;
    const previous = `${months[10]}-10`;
    const post = async (type: string, day: string, hostOrgIds: string[], state = 'held') => {
      const res = await t.call(admin, {
        method: 'POST',
        url: '/api/v1/activities',
        payload: { type, hostOrgIds, state, startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T10:00:00+08:00`, theme: '主题党日' },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await post('theme_day', previous, [ids.A1]);
    await post('theme_day', current, [ids.A1, ids.B1]); // joint: counts once in a subtree holding both hosts
    await post('party_lecture', previous, [ids.A1]);
    await post('theme_day', current, [ids.B1], 'planned');

    const a = await dashboard(ids.A);
    expect(a.activities.months).toEqual(months);
    const series = Object.fromEntries(a.activities.series.map((s) => [s.type, s.counts]));
    expect(series.theme_day?.slice(10)).toEqual([1, 1]);
    expect(series.party_lecture?.slice(10)).toEqual([1, 0]);
    const live = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(distinct h.activity_id)::int as n from activity_hosts h join orgs o on o.id = ${ids.A}
          where h.org_path <@ o.path and h.state = 'held' and h.held_on >= ${`${months[0]}-01`}`,
    );
    expect(a.activities.series.flatMap((s) => s.counts).reduce((x, y) => x + y, 0)).toBe(live[0]!.n);
    const b = await dashboard(ids.B);
    expect(Object.fromEntries(b.activities.series.map((s) => [s.type, s.counts.slice(10)]))).toEqual({ theme_day: [0, 1] });

    // heatmap: the branches of A (A1, and A2 now under A1) × 6 months
    expect(a.themeDays.months).toEqual(months.slice(6));
    expect(a.themeDays.orgs.map((o) => o.orgId).sort()).toEqual([ids.A1, ids.A2].sort());
    expect(a.themeDays.omitted).toBe(0);
    const a1 = a.themeDays.orgs.find((o) => o.orgId === ids.A1)!;
    expect(a1.cells[4]).toBe('met');
    expect(a1.cells[5]).toBe('met');
    const a2 = a.themeDays.orgs.find((o) => o.orgId === ids.A2)!;
    expect(['missed', 'due']).toContain(a2.cells[5]);
    expect(a2.cells[4]).toBe('missed');
  });

  it('lists terms expiring within 6 months', async () => {
    const today = todayInChina();
    // a branch term is 3 years: elected 3 years before two months from now, it expires in two months
    const elected = addYears(addMonths(today, 2), -3);
    let res = await t.call(admin, { method: 'PATCH', url: `/api/v1/orgs/${ids.A1}`, payload: { termElectedOn: elected } });
    expect(res.statusCode, res.body).toBe(200);
    res = await t.call(admin, { method: 'PATCH', url: `/api/v1/orgs/${ids.B1}`, payload: { termElectedOn: addYears(today, -1) } });
    expect(res.statusCode, res.body).toBe(200);
    const a = await dashboard(ids.A);
    expect(a.terms.items.map((i) => [i.orgId, i.expiresOn])).toEqual([[ids.A1, addYears(elected, 3)]]);
    expect(a.terms.total).toBe(1);
    expect(a.terms).toMatchObject({ expired: 0, expiredItems: [] });
    expect((await dashboard(ids.B)).terms.total).toBe(0);
  });

  it('shows terms already expired next to those due, as the compliance findings count them (on the day itself)', async () => {
    const today = todayInChina();
    // a branch term is 3 years: elected 4 years ago it expired a year ago; elected 3 years ago today it expires today
    let res = await t.call(admin, { method: 'PATCH', url: `/api/v1/orgs/${ids.A2}`, payload: { termElectedOn: addYears(today, -4) } });
    expect(res.statusCode, res.body).toBe(200);
    const a = await dashboard(ids.A);
    expect(a.terms.expired).toBe(1);
    expect(a.terms.expiredItems).toMatchObject([{ orgId: ids.A2, expiresOn: addYears(today, -1) }]);
    expect(a.terms.expiredItems[0]!.daysLeft).toBeLessThan(-360);
    expect(a.terms.items.map((i) => i.orgId)).not.toContain(ids.A2);
    res = await t.call(admin, { method: 'PATCH', url: `/api/v1/orgs/${ids.A2}`, payload: { termElectedOn: addYears(today, -3) } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await dashboard(ids.A)).terms.expiredItems).toMatchObject([{ orgId: ids.A2, expiresOn: today, daysLeft: 0 }]);
    // re-elected: neither expired nor due
    await t.call(admin, { method: 'PATCH', url: `/api/v1/orgs/${ids.A2}`, payload: { termElectedOn: today } });
    expect((await dashboard(ids.A)).terms).toMatchObject({ expired: 0 });
  });
  it('keeps the maintained activity counts equal to a live count through edits, joint activities, plans and moves', async () => {
    const months = lastMonths(todayInChina(), 12);
    const day = (i: number) => `${months[i]}-05`;
    const create = async (type: string, on: string, hostOrgIds: string[], state: string) => {
      const res = await t.call(admin, {
        method: 'POST',
        url: '/api/v1/activities',
        payload: { type, hostOrgIds, state, startsAt: `${on}T09:00:00+08:00`, endsAt: `${on}T10:00:00+08:00`, theme: '组织生活' },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const patch = async (id: string, payload: Record<string, unknown>) => {
      const res = await t.call(admin, { method: 'PATCH', url: `/api/v1/activities/${id}`, payload });
      expect(res.statusCode, res.body).toBe(200);
    };
    const move = async (orgId: string, parentId: string) => {
      const res = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${orgId}/move`, payload: { parentId } });
      expect(res.statusCode, res.body).toBe(200);
    };
    /** Every organization's counts, live from the activities and their hosts' current places in the tree. */
    const live = () =>
      queryRows<{ orgId: string; month: string; type: string; state: string; n: number }>(
        t.database.db,
        sql`select a.id as "orgId", to_char(act.held_on, 'YYYY-MM') as month, act.type, act.state, count(distinct act.id)::int as n
            from activities act
            join activity_hosts h on h.activity_id = act.id
            join orgs host on host.id = h.org_id
            join orgs a on host.path <@ a.path
            group by a.id, to_char(act.held_on, 'YYYY-MM'), act.type, act.state
            order by 1, 2, 3, 4`,
      );
    const maintained = () =>
      queryRows<{ orgId: string; month: string; type: string; state: string; n: number }>(
        t.database.db,
        sql`select org_id as "orgId", month, type, state, n from org_activity_months where n <> 0 order by 1, 2, 3, 4`,
      );
    const liveHeld = (rows: Awaited<ReturnType<typeof live>>, orgId: string) => {
      const out: Record<string, number[]> = {};
      for (const r of rows) {
        const i = months.indexOf(r.month);
        if (r.orgId !== orgId || r.state !== 'held' || i < 0) continue;
        (out[r.type] ??= months.map(() => 0))[i] = r.n;
      }
      return out;
    };
    /** The table equals the live count for every organization, and each dashboard's chart shows the held ones. */
    const expectCountsRight = async (step: string) => {
      const rows = await live();
      expect(await maintained(), step).toEqual(rows);
      for (const orgId of [ids.A, ids.A1, ids.A2, ids.B, ids.B1]) {
        const chart = Object.fromEntries((await dashboard(orgId)).activities.series.map((x) => [x.type, x.counts]));
        expect(chart, `${step}: dashboard of ${orgId}`).toEqual(liveHeld(rows, orgId));
      }
      return rows;
    };
    const heldIn = (rows: Awaited<ReturnType<typeof live>>, orgId: string, month: string, type: string) =>
      rows.find((r) => r.orgId === orgId && r.month === month && r.type === type && r.state === 'held')?.n ?? 0;

    // A2 sits under A1 since the member test moved it there: A ⊃ A1 ⊃ A2, and B ⊃ B1
    await expectCountsRight('before');
    const single = await create('theme_day', day(6), [ids.A1], 'held');
    const planned = await create('committee_meeting', day(7), [ids.A2], 'planned');
    const joint = await create('joint_meeting', day(7), [ids.A1, ids.A2], 'held');
    const across = await create('joint_meeting', day(8), [ids.A2, ids.B1], 'held');
    let rows = await expectCountsRight('created');
    // two hosts in A's (and A1's) subtree: one joint meeting there, not two
    expect(heldIn(rows, ids.A, months[7]!, 'joint_meeting')).toBe(1);
    expect(heldIn(rows, ids.A1, months[7]!, 'joint_meeting')).toBe(1);
    expect(heldIn(rows, ids.B, months[8]!, 'joint_meeting')).toBe(1);

    await patch(single, { startsAt: `${day(5)}T09:00:00+08:00`, endsAt: `${day(5)}T10:00:00+08:00` });
    await patch(planned, { type: 'party_lecture' });
    rows = await expectCountsRight('date moved, type changed');
    expect(heldIn(rows, ids.A, months[6]!, 'theme_day')).toBe(0);
    expect(heldIn(rows, ids.A, months[5]!, 'theme_day')).toBe(1);

    await patch(planned, { state: 'cancelled', cancelReason: '与上级会议冲突' });
    await patch(single, { state: 'held', type: 'party_lecture' });
    await patch(joint, { hostOrgIds: [ids.A1, ids.B1] });
    await expectCountsRight('cancelled, retyped, hosts changed');

    const res = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.B1}/plan`, payload: { year: Number(todayInChina().slice(0, 4)) } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ planned: number }>().planned).toBeGreaterThan(0);
    await expectCountsRight('year plan of B1');

    // A2 joins B, where its joint meeting with B1 already counts: B must not count it twice, A loses it
    await move(ids.A2, ids.B);
    rows = await expectCountsRight('A2 moved under B');
    expect(heldIn(rows, ids.B, months[8]!, 'joint_meeting')).toBe(1);
    expect(heldIn(rows, ids.A, months[8]!, 'joint_meeting')).toBe(0);
    // B1 joins A, where its joint meeting with A1 already counts; B keeps the one A2 still hosts
    await move(ids.B1, ids.A);
    rows = await expectCountsRight('B1 moved under A');
    expect(heldIn(rows, ids.A, months[7]!, 'joint_meeting')).toBe(1);
    expect(heldIn(rows, ids.B, months[8]!, 'joint_meeting')).toBe(1);
    await move(ids.B1, ids.B);
    await move(ids.A2, ids.A1);
    await expectCountsRight('moved back');
    await patch(across, { state: 'held', theme: '联合主题党日' });
    await expectCountsRight('an edit that changes nothing counted');
  });
  it('keeps the maintained organization and term counts equal to a live count through create, edit, move and dissolve', async () => {
    const db = t.database.db;
    const call = async (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>, status = 200) => {
      const res = await t.call(admin, { method, url, payload });
      expect(res.statusCode, res.body).toBe(status);
      return res.json<{ id: string }>().id;
    };
    const expectCountsRight = async (step: string) => {
      const order = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(Object.values(r))).sort();
      expect(order(await queryRows(db, sql`select org_id, type, sector, n from org_kind_counts where n <> 0`)), step).toEqual(
        order(await queryRows(db, sql.raw(LIVE_ORG_KINDS_SQL))),
      );
      expect(order(await queryRows(db, sql`select org_id, kind, elected_on::text, n from org_term_counts where n <> 0`)), step).toEqual(
        order(await queryRows(db, sql.raw(`select org_id, kind, elected_on::text, n from (${LIVE_TERM_COUNTS_SQL}) c`))),
      );
    };
    await expectCountsRight('seeded');
    const root = await call('POST', '/api/v1/orgs', { parentId: null, name: '计数测试党委', type: 'committee', sector: 'state_enterprise', termElectedOn: '2022-03-01' }, 201);
    const general = await call('POST', '/api/v1/orgs', { parentId: root, name: '计数测试党总支', type: 'general_branch', sector: 'state_enterprise', termElectedOn: '2023-02-28' }, 201);
    const village = await call('POST', '/api/v1/orgs', { parentId: general, name: '计数测试村党支部', type: 'branch', sector: 'village', termElectedOn: '2023-02-28' }, 201);
    const group = await call('POST', '/api/v1/orgs', { parentId: root, name: '计数测试领导小组', type: 'leading_group', termElectedOn: '2023-01-01' }, 201);
    await call('POST', '/api/v1/orgs', { parentId: general, name: '计数测试无换届党支部', type: 'branch' }, 201);
    await expectCountsRight('created');
    await call('PATCH', `/api/v1/orgs/${village}`, { sector: 'community', termElectedOn: '2024-02-29' });
    await call('PATCH', `/api/v1/orgs/${general}`, { type: 'committee' });
    await call('PATCH', `/api/v1/orgs/${group}`, { name: '计数测试工作领导小组' });
    await expectCountsRight('edited');
    await call('POST', `/api/v1/orgs/${general}/move`, { parentId: ids.A });
    await expectCountsRight('moved under another tree');
    const d = await dashboard(ids.A);
    expect(d.orgs.total).toBe(3 + 3);
    expect(toMap(d.orgs.byType)).toEqual({ committee: 2, branch: 4 });
    expect(d.themeDays.branches).toBe(4);
    await call('POST', `/api/v1/orgs/${general}/move`, { parentId: root });
    await call('POST', `/api/v1/orgs/${village}/dissolve`, { dissolvedOn: todayInChina(), reason: '撤村并居' });
    await expectCountsRight('moved back, one dissolved');
    expect(toMap((await dashboard(root)).orgs.byType)).toEqual({ committee: 2, leading_group: 1, branch: 1 });
  });

  it('counts and lists the terms ending as termDates dates them, under the pack of each subtree, read from the subtree or counted and read as a range of election days', async () => {
    const db = t.database.db;
    const today = '2025-06-30';
    const until = addMonths(today, 6);
    const add = async (parent: { id: string; path: string } | null, name: string, type: string, sector: string | null, termElectedOn: string) => {
      const id = newId();
      const path = parent ? `${parent.path}.${id}` : id;
      const [row] = await db.insert(orgs).values({ id, path, parentId: parent?.id ?? null, name, type, sector, termElectedOn }).returning();
      await tallyOrgs(db, [], [row!]);
      return { id, path };
    };
    // every type and sector, elected on month ends and 29 February, in a subtree with terms of its own and one inside that
    const D = await add(null, '丁公司党委', 'committee', 'state_enterprise', '2020-02-29');
    const E = await add(D, '丁公司二级党委', 'committee', 'village', '2021-08-31');
    const F = await add(E, '丁公司三级党委', 'committee', null, '2022-02-28');
    await db.insert(rulePackVersions).values({ id: newId(), orgId: E.id, effectiveFrom: '2020-01-01', override: { terms: { committeeYears: 4, branchYears: 2, villageCommunityYears: 3 } } });
    await db.insert(rulePackVersions).values({ id: newId(), orgId: F.id, effectiveFrom: '2020-01-01', override: { terms: { committeeYears: 1, branchYears: 1, villageCommunityYears: 2 } } });
    const dates = ['2020-02-29', '2020-08-31', '2021-06-30', '2022-02-28', '2022-12-30', '2022-12-31', '2021-12-31', '2020-12-30', '2019-06-30', '2024-02-29', '2023-02-28', '2023-06-30', '2022-06-30', '2022-08-31', '2023-08-31', '2021-08-31', '2022-11-30', '2024-02-28', '2024-06-30'];
    let i = 0;
    for (const parent of [D, E, F]) {
      for (const type of ORG_TYPES) {
        for (const sector of [null, 'village', 'community', 'state_enterprise']) {
          await add(parent, `丁组织${String(i % 7)}`, type, sector, dates[i % dates.length]!);
          i += 1;
        }
      }
    }
    // the earliest ends: elected on 28 and 29 February of a leap year, their 3-year terms end on the same day; the later election comes first by name
    await add(D, 'B党支部', 'branch', null, '2016-02-28');
    await add(D, 'A党支部', 'branch', null, '2016-02-29');
    const packOf = new Map<string, Awaited<ReturnType<typeof packToday>>>();
    for (const p of [D.path, E.path, F.path]) packOf.set(p, await packToday(db, p, today));
    const list = await db.select().from(orgs).where(sql`${orgs.path} <@ ${D.path}::ltree`);
    const within = (path: string, top: string) => path === top || path.startsWith(`${top}.`);
    const reference = list.flatMap((o) => {
      const pack = packOf.get(within(o.path, F.path) ? F.path : within(o.path, E.path) ? E.path : D.path)!;
      const term = termDates(o.type as OrgType, o.sector as Sector | null, o.termElectedOn!, pack);
      return term && term.expiresOn <= until ? [{ orgId: o.id, orgName: o.name, expiresOn: term.expiresOn, ended: term.expiresOn <= today }] : [];
    });
    const byDate = (a: { expiresOn: string; orgName: string }, b: { expiresOn: string; orgName: string }) => a.expiresOn.localeCompare(b.expiresOn) || a.orgName.localeCompare(b.orgName);
    const ended = reference.filter((r) => r.ended).sort(byDate);
    const ending = reference.filter((r) => !r.ended).sort(byDate);
    expect(ended.length).toBeGreaterThan(3);
    expect(ending.length).toBeGreaterThan(3);
    expect(ended.slice(0, 2).map((r) => [r.orgName, r.expiresOn])).toEqual([['A党支部', '2019-02-28'], ['B党支部', '2019-02-28']]);
    const organizations = list.length;
    for (const countsFrom of [0, Infinity]) {
      for (const items of [1, 3, 100]) {
        const terms = await termFigures(db, D, organizations, today, { countsFrom, items });
        const step = `countsFrom ${countsFrom}, items ${items}`;
        expect([terms.expired, terms.total], step).toEqual([ended.length, ending.length]);
        // names repeat: what must match is each place's date and name
        const shown = (rows: { expiresOn: string; orgName: string }[]) => rows.map((r) => `${r.expiresOn} ${r.orgName}`);
        expect(shown(terms.expiredItems), step).toEqual(shown(ended.slice(0, items)));
        expect(shown(terms.items), step).toEqual(shown(ending.slice(0, items)));
      }
    }
  });
});
