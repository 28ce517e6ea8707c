import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import { queryRows } from '../../db/client';
import { startTestApp, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { multipartBody } from '../../testing/uploads';
import { dissolveOrg, createOrg } from '../orgs/service';
import { createUser } from '../users/service';
import { agreement, fieldsOf, seedPairingWorld } from './fixtures';
import { expirePairings } from './service';

let t: TestApp;
let w: Awaited<ReturnType<typeof seedPairingWorld>>;
let s: Awaited<ReturnType<typeof seedPairingWorld>>['s'];

const post = (who: Session | null, url: string, payload: unknown) => t.call(who, { method: 'POST', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const patch = (who: Session | null, url: string, payload: unknown) => t.call(who, { method: 'PATCH', url: `/api/v1${url}`, payload: payload as Record<string, unknown> });
const get = (who: Session | null, url: string) => t.call(who, { method: 'GET', url: `/api/v1${url}` });
const total = async () => (await get(s.admin, '/pairings?limit=1')).json<{ total: number }>().total;

beforeAll(async () => {
  t = await startTestApp();
  w = await seedPairingWorld(t);
  s = w.s;
});
afterAll(async () => t.close());

describe('creating a pairing', () => {
  it('needs a session, and the coordinator’s manager (or without one, a manager of a party)', async () => {
    expect((await post(null, '/pairings', agreement(t, [w.A1, w.B1]))).statusCode).toBe(401);
    // viewerA reads A1 but manages nothing; secretaryA1 manages neither A2 nor B1
    expect((await post(s.viewerA, '/pairings', agreement(t, [w.A1, w.B1]))).statusCode).toBe(403);
    expect((await post(s.secretaryA1, '/pairings', agreement(t, [w.A2, w.B1]))).statusCode).toBe(403);
    // managing a party is not enough once a coordinator keeps the agreement
    expect((await post(s.secretaryA1, '/pairings', agreement(t, [w.A1, w.B1], { coordinatorOrgId: w.Z }))).statusCode).toBe(403);
    expect(await total()).toBe(0);
  });

  it('refuses each bad agreement with the field named, and creates nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [agreement(t, [w.A1, w.A1]), 'partyOrgIds.1'],
      [agreement(t, [w.A1, w.B1], { validTo: addDays(w.today, -40) }), 'validTo'],
      [agreement(t, [w.A1, w.B1], { commitments: [{ orgId: w.A1, description: '每季度联学一次' }, { orgId: w.A2, description: '提供场地' }] }), 'commitments.1.orgId'],
      [agreement(t, [w.A1, 'no-such-org']), 'partyOrgIds.1'],
      [agreement(t, [w.A1, w.B1], { contacts: [{ orgId: w.B, contactName: '王某' }] }), 'contacts.0.orgId'],
      [agreement(t, [w.A1, w.B1], { coordinatorOrgId: 'no-such-org' }), 'coordinatorOrgId'],
      [agreement(t, [w.A1, w.B1], { commitments: [{ orgId: w.A1, description: '已完成', doneOn: addDays(w.today, 3) }] }), 'commitments.0.doneOn'],
      [agreement(t, [w.A1, w.B1], { unknownField: 1 }), 'unknownField'],
      [agreement(t, [w.A1, w.B1], { title: '   ' }), 'title'],
    ];
    for (const [body, field] of cases) {
      const res = await post(s.orgAdminA, '/pairings', body);
      expect(res.statusCode, field).toBe(400);
      expect(fieldsOf(res.json()), field).toContain(field);
    }
    const gone = (await createOrg(t.system, { name: '已撤销党支部', type: 'branch', parentId: w.A, sector: 'state_enterprise', foundedOn: '2012-01-01' })).id;
    await dissolveOrg(t.system, gone, { dissolvedOn: addDays(w.today, -1), reason: '单位注销' });
    const dissolved = await post(s.orgAdminA, '/pairings', agreement(t, [w.A1, gone]));
    expect(dissolved.json().error.details).toMatchObject([{ field: 'partyOrgIds.1', code: 'org_dissolved_on', message: expect.stringContaining('撤销') }]);
    expect(await total()).toBe(0);
  });

  it('lets the zone coordinate organizations of other trees it cannot read, and shows the contacts in full only on the agreement', async () => {
    const res = await post(
      s.orgAdminZ,
      '/pairings',
      agreement(t, [w.A1, w.B1], {
        coordinatorOrgId: w.Z,
        title: '甲乙结对共建协议',
        signedOn: addDays(w.today, -30),
        state: 'active',
        frequency: { min: 1, per: 'quarter' },
        plaque: { awardedOn: addDays(w.today, -30), wording: '结对共建单位' },
        contacts: [{ orgId: w.B1, contactName: '李联络', contactPhone: '13812345678', contactTitle: '组织委员' }],
        commitments: [
          { orgId: w.A1, description: '每季度开展一次联合主题党日', target: '4次', dueOn: addDays(w.today, -1) },
          { orgId: w.B1, description: '提供安全生产培训', dueOn: addDays(w.today, 60) },
        ],
      }),
    );
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      title: '甲乙结对共建协议',
      partyOrgIds: [w.A1, w.B1],
      coordinatorOrgId: w.Z,
      coordinatorName: '高新区党工委',
      // the zone manages neither party: the agreement waits for both sides before it can take effect
      state: 'draft',
      awaitingOrgIds: [w.A1, w.B1],
      plaque: { wording: '结对共建单位' },
      previousId: null,
      nextId: null,
      // a draft may be deleted by its keeper (or its author)
      abilities: ['pairing.manage', 'pairing.coordinate', 'pairing.delete'],
      actingOrgIds: [],
    });
    expect(p.parties.map((x: { orgName: string }) => x.orgName)).toEqual(['甲公司第一党支部', '乙公司党支部']);
    expect(p.parties[1]).toMatchObject({ contactName: '李联络', contactPhone: '13812345678' });
    expect(p.commitments.map((c: { overdue: boolean }) => c.overdue)).toEqual([true, false]);

    // a party's secretary reads it and acts for its own party, but does not keep the agreement
    const fromA1 = (await get(s.secretaryA1, `/pairings/${p.id}`)).json();
    expect(fromA1).toMatchObject({ abilities: [], actingOrgIds: [w.A1] });
    const listed = (await get(s.secretaryA1, '/pairings')).json();
    expect(listed.items[0].parties[1].contactPhone).toBe('138****5678');
    // encrypted at rest, masked in the audit trail of the creation and of an edit
    const [raw] = await queryRows<{ contact_phone: string }>(t.database.db, sql`select contact_phone from pairing_parties where pairing_id = ${p.id} and org_id = ${w.B1}`);
    expect(raw!.contact_phone).not.toContain('13812345678');
    expect((await patch(s.orgAdminZ, `/pairings/${p.id}`, { plaque: { awardedOn: addDays(w.today, -30), wording: '结对共建示范单位' } })).json().plaque.wording).toBe('结对共建示范单位');
    const trail = await queryRows<{ entry: string }>(t.database.db, sql`select coalesce(before::text, '') || coalesce(after::text, '') as entry from audit_events where subject_id = ${p.id}`);
    expect(trail).toHaveLength(2);
    expect(trail.every((e) => !e.entry.includes('13812345678') && e.entry.includes('138****5678'))).toBe(true);
  });

  it('takes effect once each side the zone does not manage has accepted it', async () => {
    const id = (await get(s.orgAdminZ, `/pairings?coordinator=${w.Z}&org=${w.A1}`)).json().items[0].id as string;
    const early = await patch(s.orgAdminZ, `/pairings/${id}`, { state: 'active' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('pairing_awaits_consent');
    const notices = async (who: Session) => (await get(who, '/notifications')).json().items.filter((n: { subjectId: string }) => n.subjectId === id);
    expect((await notices(s.secretaryB1)).map((n: { kind: string }) => n.kind)).toEqual(['pairing_consent']);
    expect((await post(s.orgAdminZ, `/pairings/${id}/accept`, {})).statusCode).toBe(403); // the zone cannot accept for sides it does not manage
    expect((await post(s.secretaryA1, `/pairings/${id}/accept`, { orgId: w.B1 })).statusCode).toBe(403);
    expect((await post(s.secretaryA1, `/pairings/${id}/accept`, {})).json().awaitingOrgIds).toEqual([w.B1]);
    expect((await post(s.secretaryA1, `/pairings/${id}/accept`, {})).statusCode).toBe(409);
    expect((await post(s.secretaryB1, `/pairings/${id}/accept`, { orgId: w.B1 })).json().awaitingOrgIds).toEqual([]);
    expect((await patch(s.orgAdminZ, `/pairings/${id}`, { state: 'active' })).json().state).toBe('active');
  });

  it('refuses a second agreement of the same parties overlapping one in draft or in force (409), in either order', async () => {
    const before = await total();
    const res = await post(s.orgAdminA, '/pairings', agreement(t, [w.B1, w.A1], { validFrom: addDays(w.today, 100) }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0]).toMatchObject({ field: 'partyOrgIds' });
    expect(await total()).toBe(before);
  });
});

describe('editing an agreement', () => {
  let id: string;
  let secretaryA2: Session;
  beforeAll(async () => {
    await createUser(t.system, { username: 'secretaryA2', password: USER_PASSWORD, memberId: null, roles: [{ role: 'secretary', orgId: w.A2 }] });
    secretaryA2 = await t.login('secretaryA2');
    id = (await post(s.secretaryA1, '/pairings', agreement(t, [w.A1, w.A2], { title: '支部联建', commitments: [{ orgId: w.A2, description: '共享党员活动室', dueOn: addDays(w.today, -5) }] }))).json().id;
  });

  it('is for whoever keeps it: without a coordinator, a manager of a party', async () => {
    expect((await patch(null, `/pairings/${id}`, { title: 'x' })).statusCode).toBe(401);
    expect((await patch(s.viewerA, `/pairings/${id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await patch(s.orgAdminB, `/pairings/${id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await get(s.orgAdminB, `/pairings/${id}`)).statusCode).toBe(403);
    expect((await get(s.orgAdminB, '/pairings/no-such-pairing')).statusCode).toBe(404);
    // A1's secretary does not act for A2: the agreement waits for A2's side, and the author alone cannot make it active
    expect((await get(s.secretaryA1, `/pairings/${id}`)).json()).toMatchObject({ state: 'draft', awaitingOrgIds: [w.A2] });
    const early = await patch(s.secretaryA1, `/pairings/${id}`, { state: 'active' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'pairing_awaits_consent', message: expect.stringContaining('甲公司第二党支部') });
    expect((await post(null, `/pairings/${id}/accept`, {})).statusCode).toBe(401);
    expect((await post(s.orgAdminB, `/pairings/${id}/accept`, {})).statusCode).toBe(403);
    expect((await post(s.viewerA, `/pairings/${id}/accept`, {})).statusCode).toBe(403);
    expect((await post(secretaryA2, `/pairings/${id}/accept`, { orgId: w.B1 })).statusCode).toBe(400);
    const [consent] = (await get(secretaryA2, '/notifications')).json().items.filter((n: { subjectId: string }) => n.subjectId === id);
    expect(consent).toMatchObject({ kind: 'pairing_consent', message: '甲公司第一党支部提议与您结对共建“支部联建”，请确认' });
    const accepted = await post(secretaryA2, `/pairings/${id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'draft', awaitingOrgIds: [] });
    const [event] = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where subject_id = ${id} order by seq desc limit 1`);
    expect(event!.action).toBe('pairing.accept');
    expect((await get(s.secretaryA1, '/notifications')).json().items.filter((n: { subjectId: string }) => n.subjectId === id).map((n: { kind: string }) => n.kind)).toEqual(['pairing_accepted']);
    const ok = await patch(s.secretaryA1, `/pairings/${id}`, { title: '支部联建协议', state: 'active' });
    expect(ok.json()).toMatchObject({ title: '支部联建协议', state: 'active' });
  });

  it('marks a commitment done, keeping its id, and it is no longer overdue', async () => {
    const p = (await get(s.secretaryA1, `/pairings/${id}`)).json();
    const c = p.commitments[0];
    expect(c.overdue).toBe(true);
    const res = await patch(s.secretaryA1, `/pairings/${id}`, { commitments: [{ id: c.id, orgId: c.orgId, description: c.description, dueOn: c.dueOn, doneOn: w.today }] });
    expect(res.json().commitments).toEqual([expect.objectContaining({ id: c.id, doneOn: w.today, overdue: false })]);
    const foreign = await patch(s.secretaryA1, `/pairings/${id}`, { commitments: [{ id: 'not-ours', orgId: w.A1, description: 'x' }] });
    expect(fieldsOf(foreign.json())).toEqual(['commitments.0.id']);
  });

  it('does not hand the agreement to a coordinator the caller does not manage, nor end it before it starts', async () => {
    expect((await patch(s.secretaryA1, `/pairings/${id}`, { coordinatorOrgId: w.Z })).statusCode).toBe(403);
    const bad = await patch(s.secretaryA1, `/pairings/${id}`, { validTo: addDays(w.today, -400) });
    expect(fieldsOf(bad.json())).toEqual(['validTo']);
    expect((await get(s.secretaryA1, `/pairings/${id}`)).json().coordinatorOrgId).toBeNull();
  });

  it('terminates with a reason only, on today’s date; a terminated agreement is closed', async () => {
    const noReason = await patch(s.secretaryA1, `/pairings/${id}`, { state: 'terminated' });
    expect(fieldsOf(noReason.json())).toEqual(['terminateReason']);
    const stray = await patch(s.secretaryA1, `/pairings/${id}`, { terminateReason: '无' });
    expect(fieldsOf(stray.json())).toEqual(['terminateReason']);
    const done = await patch(s.secretaryA1, `/pairings/${id}`, { state: 'terminated', terminateReason: '支部合并' });
    expect(done.json()).toMatchObject({ state: 'terminated', terminatedOn: w.today, terminateReason: '支部合并' });
    expect((await patch(s.secretaryA1, `/pairings/${id}`, { title: '再改' })).statusCode).toBe(409);
    expect((await post(s.secretaryA1, `/pairings/${id}/needs`, { orgId: w.A1, category: 'venue', title: '场地' })).statusCode).toBe(409);
    expect((await post(s.secretaryA1, `/pairings/${id}/renew`, {})).statusCode).toBe(409);
    // a terminated agreement no longer blocks a new one of the same parties
    expect((await post(s.secretaryA1, '/pairings', agreement(t, [w.A1, w.A2], { title: '重新结对' }))).statusCode).toBe(201);
  });
});

describe('expiry and renewal', () => {
  let oldId: string;
  beforeAll(async () => {
    const res = await post(s.orgAdminB, '/pairings', agreement(t, [w.B, w.B1], { title: '上下联建', state: 'active', validFrom: '2023-12-08', validTo: '2025-12-07', commitments: [{ orgId: w.B, description: '年度培训', dueOn: '2024-12-31', doneOn: '2024-11-30' }] }));
    oldId = res.json().id;
  });

  it('shows an agreement past its end as expired before the daily job, which then records it', async () => {
    expect((await get(s.orgAdminB, `/pairings/${oldId}`)).json().state).toBe('expired');
    const expired = (await get(s.orgAdminB, '/pairings?state=expired')).json().items.map((p: { id: string }) => p.id);
    const active = (await get(s.orgAdminB, '/pairings?state=active')).json().items.map((p: { id: string }) => p.id);
    expect(expired).toContain(oldId);
    expect(active).not.toContain(oldId);
    expect(await expirePairings(t.database.db, w.today)).toEqual({ expired: 1 });
    expect(await expirePairings(t.database.db, w.today)).toEqual({ expired: 0 });
    const [row] = await queryRows<{ state: string }>(t.database.db, sql`select state from pairings where id = ${oldId}`);
    expect(row!.state).toBe('expired');
    const [event] = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_events where subject_id = ${oldId} order by seq desc limit 1`);
    expect(event!.action).toBe('pairing.expire');
  });

  it('renews into the next period of the same length as a draft, once, by whoever keeps it', async () => {
    expect((await post(s.secretaryA1, `/pairings/${oldId}/renew`, {})).statusCode).toBe(403);
    const res = await post(s.orgAdminB, `/pairings/${oldId}/renew`, {});
    expect(res.statusCode).toBe(201);
    const next = res.json();
    expect(next).toMatchObject({ state: 'draft', previousId: oldId, validFrom: '2025-12-08', validTo: '2027-12-07', partyOrgIds: [w.B, w.B1], title: '上下联建' });
    expect(next.commitments).toEqual([expect.objectContaining({ description: '年度培训', dueOn: '2026-12-31', doneOn: null })]);
    expect((await get(s.orgAdminB, `/pairings/${oldId}`)).json().nextId).toBe(next.id);
    expect((await post(s.orgAdminB, `/pairings/${oldId}/renew`, {})).statusCode).toBe(409);
    expect((await post(s.orgAdminB, `/pairings/${next.id}/renew`, {})).statusCode).toBe(409);
  });
});

describe('many pairings from the matrix', () => {
  const template = (extra: Record<string, unknown> = {}) => ({
    title: '{row}与{column}结对共建',
    validFrom: '2025-05-16',
    validTo: '2028-05-15',
    state: 'active',
    commitments: [
      { side: 'row', description: '政策宣讲上门' },
      { side: 'column', description: '每季度报告诉求' },
    ],
    ...extra,
  });

  it('is for the coordinator’s manager', async () => {
    const body = { coordinatorOrgId: w.Z, pairs: [{ rowOrgId: w.A2, columnOrgId: w.B }], template: template() };
    expect((await post(null, '/pairings/bulk', body)).statusCode).toBe(401);
    expect((await post(s.orgAdminA, '/pairings/bulk', body)).statusCode).toBe(403);
    expect((await post(s.viewerZ, '/pairings/bulk', body)).statusCode).toBe(403);
  });

  it('names each bad tick and creates none', async () => {
    const before = await total();
    const res = await post(s.orgAdminZ, '/pairings/bulk', {
      coordinatorOrgId: w.Z,
      pairs: [
        { rowOrgId: w.A2, columnOrgId: w.B },
        { rowOrgId: w.A2, columnOrgId: w.A2 },
        { rowOrgId: 'nobody', columnOrgId: w.B },
        { rowOrgId: w.B, columnOrgId: w.A2 },
      ],
      template: template({ validTo: '2025-01-01' }),
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json()).sort()).toEqual(['pairs.1.columnOrgId', 'pairs.2.rowOrgId', 'pairs.3.columnOrgId', 'template.validTo']);
    const clash = await post(s.orgAdminZ, '/pairings/bulk', { coordinatorOrgId: w.Z, pairs: [{ rowOrgId: w.A2, columnOrgId: w.B }, { rowOrgId: w.A1, columnOrgId: w.B1 }], template: template() });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details.map((d: { field: string }) => d.field)).toEqual(['pairs.1']);
    expect(await total()).toBe(before);
  });

  it('creates every ticked pair from the template, names filled in, and the matrix shows them', async () => {
    const res = await post(s.orgAdminZ, '/pairings/bulk', {
      coordinatorOrgId: w.Z,
      pairs: [
        { rowOrgId: w.A2, columnOrgId: w.B },
        { rowOrgId: w.A2, columnOrgId: w.B1 },
      ],
      template: template(),
    });
    expect(res.statusCode).toBe(201);
    const items = res.json().items;
    expect(items.map((p: { title: string }) => p.title)).toEqual(['甲公司第二党支部与乙公司党委结对共建', '甲公司第二党支部与乙公司党支部结对共建']);
    // the zone manages neither side: each waits for both, as one agreement made by the zone would
    expect(items[0]).toMatchObject({ coordinatorOrgId: w.Z, state: 'draft', partyOrgIds: [w.A2, w.B], awaitingOrgIds: [w.A2, w.B] });
    expect(items[0].commitments.map((c: { orgId: string }) => c.orgId)).toEqual([w.A2, w.B]);
    const notices = (await get(s.orgAdminB, '/notifications')).json().items;
    expect(notices).toContainEqual(expect.objectContaining({ kind: 'pairing_consent', subjectId: items[0].id }));
    expect((await post(s.orgAdminZ, `/pairings/${items[0].id}/accept`, {})).statusCode).toBe(403);
    expect((await post(s.orgAdminA, `/pairings/${items[0].id}/accept`, {})).json().awaitingOrgIds).toEqual([w.B]);
    expect((await post(s.orgAdminB, `/pairings/${items[0].id}/accept`, {})).json().awaitingOrgIds).toEqual([]);
    const activated = await t.call(s.orgAdminZ, { method: 'PATCH', url: `/api/v1/pairings/${items[0].id}`, payload: { state: 'active' } });
    expect(activated.json()).toMatchObject({ state: 'active', awaitingOrgIds: [] });

    expect((await get(s.secretaryA1, `/pairings/matrix?coordinator=${w.Z}`)).statusCode).toBe(403);
    const m = (await get(s.viewerZ, `/pairings/matrix?coordinator=${w.Z}`)).json();
    expect(m.rows.map((r: { orgId: string }) => r.orgId).sort()).toEqual([w.A1, w.A2].sort());
    expect(m.columns.map((c: { orgId: string }) => c.orgId).sort()).toEqual([w.B, w.B1].sort());
    expect(m.cells).toHaveLength(3);
    const cell = m.cells.find((c: { rowOrgId: string; columnOrgId: string }) => c.rowOrgId === w.A2 && c.columnOrgId === w.B);
    expect(cell).toMatchObject({ pairingId: items[0].id, state: 'active', health: expect.stringMatching(/^(on_track|needs_attention|inactive)$/) });
    expect((await get(s.viewerZ, `/pairings/matrix?coordinator=${w.Z}&period=2025-13`)).json().error.details[0].field).toBe('period');
  });
});

describe('the list', () => {
  let p1: string;
  let p2: string;
  beforeAll(async () => {
    const list = (await get(s.admin, '/pairings?limit=200')).json().items as { id: string; partyOrgIds: string[]; state: string }[];
    p1 = list.find((p) => p.partyOrgIds.join() === [w.A1, w.B1].join())!.id;
    p2 = list.find((p) => p.partyOrgIds.join() === [w.A2, w.B].join())!.id;
  });

  it('shows a partner only the pairings of its own organization', async () => {
    const mine = (await get(s.secretaryB1, '/pairings')).json();
    expect(mine.items.map((p: { id: string }) => p.id)).toContain(p1);
    expect(mine.items.every((p: { partyOrgIds: string[] }) => p.partyOrgIds.includes(w.B1))).toBe(true);
    expect(JSON.stringify(mine)).not.toContain(p2);
  });

  it('filters by party, coordinator, state and text, and pages', async () => {
    const ids = async (query: string) => (await get(s.admin, `/pairings?${query}`)).json().items.map((p: { id: string }) => p.id);
    expect(await ids(`org=${w.B}&coordinator=${w.Z}`)).toEqual([p2]);
    expect((await ids(`org=${w.Z}`)).length).toBe(3);
    expect(await ids(`q=${encodeURIComponent('乙公司党委')}&coordinator=${w.Z}`)).toEqual([p2]);
    expect(await ids(`q=${encodeURIComponent('甲乙结对')}`)).toEqual([p1]);
    const page1 = (await get(s.admin, '/pairings?limit=2')).json();
    const page2 = (await get(s.admin, `/pairings?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page1.items).toHaveLength(2);
    expect(page2.items.map((p: { id: string }) => p.id)).not.toContain(page1.items[0].id);
    expect(page1.total).toBe(page2.total);
    expect((await get(s.admin, '/pairings?cursor=garbage')).statusCode).toBe(400);
  });
});

describe('the signed agreement', () => {
  let id: string;
  const upload = (who: Session | null, name: string, content: Buffer) => {
    const body = multipartBody({}, { name, content });
    return t.call(who, { method: 'POST', url: `/api/v1/pairings/${id}/files`, payload: body.payload, headers: body.headers });
  };
  beforeAll(async () => {
    id = (await get(s.orgAdminZ, `/pairings?coordinator=${w.Z}&org=${w.A1}`)).json().items[0].id;
  });

  it('is attached by whoever keeps the agreement, checked by content, read by the parties, and deleted', async () => {
    const scan = Buffer.from('%PDF-1.7\n协议扫描件\n%%EOF');
    expect((await upload(null, 'scan.pdf', scan)).statusCode).toBe(401);
    expect((await upload(s.secretaryA1, 'scan.pdf', scan)).statusCode).toBe(403);
    const bad = await upload(s.orgAdminZ, 'scan.pdf', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(fieldsOf(bad.json())).toEqual(['file']);
    const res = await upload(s.orgAdminZ, 'agreement-scan.pdf', scan);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ filename: 'agreement-scan.pdf', mime: 'application/pdf', size: scan.length });
    // a party reads it; only the keeper (or whoever uploaded it) may delete it
    expect((await get(s.secretaryA1, `/pairings/${id}`)).json().files).toEqual([{ ...file, mayDelete: false }]);
    const download = await get(s.secretaryB1, `/pairings/${id}/files/${file.id}`);
    expect(download.rawPayload.equals(scan)).toBe(true);
    expect(download.headers['content-disposition']).toContain('inline');
    expect((await get(s.orgAdminB, `/pairings/${id}/files/${file.id}`)).statusCode).toBe(200);
    expect((await get(s.viewerA, `/pairings/${id}/files/${file.id}`)).statusCode).toBe(200);
    expect((await t.call(s.secretaryA1, { method: 'DELETE', url: `/api/v1/pairings/${id}/files/${file.id}` })).statusCode).toBe(403);
    expect((await t.call(s.orgAdminZ, { method: 'DELETE', url: `/api/v1/pairings/${id}/files/${file.id}` })).statusCode).toBe(204);
    expect((await get(s.orgAdminZ, `/pairings/${id}/files/${file.id}`)).statusCode).toBe(404);
  });
});

describe('joint activities', () => {
  let p1: string;
  let p2: string;
  const activity = (extra: Record<string, unknown>) => ({
    type: 'theme_day',
    hostOrgIds: [w.A1, w.B1],
    state: 'held',
    startsAt: `${addDays(w.today, -2)}T09:00:00+08:00`,
    endsAt: `${addDays(w.today, -2)}T11:00:00+08:00`,
    theme: '联合主题党日',
    ...extra,
  });
  beforeAll(async () => {
    const list = (await get(s.admin, `/pairings?coordinator=${w.Z}`)).json().items as { id: string; partyOrgIds: string[] }[];
    p1 = list.find((p) => p.partyOrgIds.join() === [w.A1, w.B1].join())!.id;
    p2 = list.find((p) => p.partyOrgIds.join() === [w.A2, w.B].join())!.id;
  });

  it('links an activity of the parties to their pairing, and lists it on the pairing', async () => {
    const res = await post(s.secretaryA1, '/activities', activity({ pairingId: p1 }));
    expect(res.statusCode).toBe(201);
    expect(res.json().pairingId).toBe(p1);
    const listed = (await get(s.orgAdminZ, `/pairings/${p1}/activities`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: res.json().id, theme: '联合主题党日', state: 'held', heldOn: addDays(w.today, -2) })]);
    expect(listed[0].hosts.map((h: { orgId: string }) => h.orgId).sort()).toEqual([w.A1, w.B1].sort());
  });

  it('refuses a host that is not a party, an unknown pairing, and a pairing the caller cannot read', async () => {
    const notParty = await post(s.secretaryA1, '/activities', activity({ hostOrgIds: [w.A1, w.A2], pairingId: p1 }));
    expect(notParty.json().error.details).toMatchObject([{ field: 'pairingId', code: 'hosts_must_be_parties', message: '每个主办方都须是本结对共建的一方' }]);
    expect(fieldsOf((await post(s.secretaryA1, '/activities', activity({ pairingId: 'no-such-pairing' }))).json())).toEqual(['pairingId']);
    expect((await post(s.secretaryA1, '/activities', activity({ hostOrgIds: [w.A1], pairingId: p2 }))).statusCode).toBe(403);
    expect((await get(s.orgAdminZ, `/pairings/${p1}/activities`)).json().items).toHaveLength(1);
  });
});

describe('many pairings from the matrix, some inside the coordinator’s scope', () => {
  const template = { title: '{row}与{column}结对共建', validFrom: '2025-05-16', validTo: '2028-05-15', state: 'active' };
  it('puts a pair inside the coordinator’s scope in force at once and leaves the others waiting', async () => {
    const branch = async (name: string) => (await createOrg(t.system, { name, type: 'branch', parentId: w.Z, sector: 'government_organ', foundedOn: '2015-01-01' })).id;
    const [Z1, Z2] = [await branch('高新区办公室党支部'), await branch('高新区财政局党支部')];
    const res = await post(s.orgAdminZ, '/pairings/bulk', { coordinatorOrgId: w.Z, pairs: [{ rowOrgId: Z1, columnOrgId: Z2 }, { rowOrgId: Z1, columnOrgId: w.A2 }], template });
    expect(res.statusCode).toBe(201);
    expect(res.json().items.map((p: { state: string; awaitingOrgIds: string[] }) => [p.state, p.awaitingOrgIds])).toEqual([
      ['active', []],
      ['draft', [w.A2]],
    ]);
  });
});

describe('the API document', () => {
  it('describes the pairing routes under their tag, with the shapes the web app uses', async () => {
    const doc = (await get(null, '/openapi.json')).json();
    expect(doc.paths['/api/v1/pairings/matrix'].get.tags).toEqual(['pairings']);
    expect(doc.paths['/api/v1/orgs/{id}/pairing-policy'].put.tags).toEqual(['pairings']);
    expect(Object.keys(doc.paths['/api/v1/pairings/dashboard'].get.responses['200'].content['application/json'].schema.properties)).toEqual(['coordinatorOrgId', 'coordinatorName', 'period', 'totals', 'rows', 'trend']);
  });
});
