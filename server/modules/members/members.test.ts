import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit';
import { members } from '../../db/schema/members';
import { idFor, seedTwoTrees, startTestApp, USER_PASSWORD, type Session, type TestApp } from '../../testing/harness';
import { createUser } from '../users/service';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let orgAdminA: Session;
let secretaryA1: Session;
let viewerA: Session;
let memberA1: Session;
let orgAdminB: Session;

const base = (orgId: string) => ({
  orgId,
  name: '王某三',
  idNumber: idFor('1990-05-17', 'female'),
  phone: '13800001111',
  joinedOn: '2015-07-01',
  fullOn: '2016-07-01',
  status: 'full',
  category: 'in_service',
  education: 'bachelor',
  ethnicity: '汉族',
});

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
  orgAdminA = await t.login('orgAdminA');
  secretaryA1 = await t.login('secretaryA1');
  viewerA = await t.login('viewerA');
  memberA1 = await t.login('memberA1');
  orgAdminB = await t.login('orgAdminB');
});
afterAll(async () => t.close());

describe('adding a member', () => {
  it('needs a session', async () => {
    expect((await t.call(null, { method: 'POST', url: '/api/v1/members', payload: base(ids.A1) })).statusCode).toBe(401);
  });

  it('takes birth date and gender from the ID-card number and stores the number encrypted', async () => {
    const input = base(ids.A1);
    const res = await t.call(secretaryA1, { method: 'POST', url: '/api/v1/members', payload: input });
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ name: '王某三', gender: 'female', birthDate: '1990-05-17', idNumber: input.idNumber, phone: '13800001111', masked: false });
    expect(m.history).toEqual([expect.objectContaining({ orgId: ids.A1, fromOn: '2015-07-01', toOn: null })]);
    const raw = await t.database.db.execute(`select id_number_enc, phone_enc from members where id = '${m.id}'` as never);
    const row = (raw as { rows: { id_number_enc: string; phone_enc: string }[] }).rows[0]!;
    expect(row.id_number_enc).not.toContain(input.idNumber.slice(6, 14));
    expect(row.phone_enc).not.toContain('13800001111');
  });

  it('masks the ID-card and phone numbers for a viewer', async () => {
    const list = await t.call(viewerA, { method: 'GET', url: `/api/v1/members?org=${ids.A1}&q=${encodeURIComponent('王某三')}` });
    const m = list.json().items[0];
    expect(m.masked).toBe(true);
    expect(m.idNumber).toMatch(/^4303\*{10}\d{3}[\dX]$/);
    expect(m.phone).toBe('138****1111');
  });

  it('shows the numbers masked in a list even to a secretary allowed to read them, and in full in the record', async () => {
    const list = await t.call(secretaryA1, { method: 'GET', url: `/api/v1/members?org=${ids.A1}&q=${encodeURIComponent('王某三')}` });
    const listed = list.json().items[0];
    expect(listed).toMatchObject({ masked: true, phone: '138****1111' });
    expect(listed.idNumber).toMatch(/^4303\*{10}\d{3}[\dX]$/);
    const record = (await t.call(secretaryA1, { method: 'GET', url: `/api/v1/members/${listed.id}` })).json();
    expect(record).toMatchObject({ masked: false, phone: '13800001111' });
    expect(record.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(listed.idNumber).toBe(`${record.idNumber.slice(0, 4)}${'*'.repeat(10)}${record.idNumber.slice(14)}`);
  });

  it('names every wrong field and changes nothing', async () => {
    const before = (await t.call(admin, { method: 'GET', url: `/api/v1/members?org=${ids.A1}` })).json().total;
    const bad = { ...base(ids.A1), idNumber: '430302199005171234', joinedOn: '2999-01-01', fullOn: null, phone: 'abc' };
    const res = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: bad });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['phone']));
    const res2 = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: { ...bad, phone: '13800001111' } });
    const details = res2.json().error.details as { field: string; message: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'idNumber', code: 'id_number_check_digit', message: '校验码错误' }),
        expect.objectContaining({ field: 'joinedOn', code: 'date_in_future', message: '不能晚于今天' }),
        expect.objectContaining({ field: 'fullOn', code: 'full_on_required', message: '正式党员须填写转正日期' }),
      ]),
    );
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/members?org=${ids.A1}` })).json().total).toBe(before);
  });

  it('refuses an impossible birth date in the ID-card number and joining before 18', async () => {
    const feb30 = '430302' + '19900230' + '123';
    const res = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: { ...base(ids.A1), idNumber: feb30 + 'X' } });
    expect(res.json().error.details).toMatchObject([{ field: 'idNumber', code: 'id_number_birth_date', message: '含有不存在的出生日期' }]);
    const young = await t.call(orgAdminA, {
      method: 'POST',
      url: '/api/v1/members',
      payload: { ...base(ids.A1), idNumber: idFor('2000-03-01'), joinedOn: '2017-06-30', fullOn: '2018-06-30' },
    });
    expect(young.json().error.details).toMatchObject([{ field: 'joinedOn', code: 'join_age', message: '入党时应年满 18 周岁' }]);
  });

  it('refuses a duplicate ID-card number', async () => {
    const input = { ...base(ids.A2), idNumber: idFor('1980-01-02') };
    expect((await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: input })).statusCode).toBe(201);
    const dup = await t.call(admin, { method: 'POST', url: '/api/v1/members', payload: { ...input, orgId: ids.B1, name: '另一人' } });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0]).toMatchObject({ field: 'idNumber', code: 'id_number_taken', message: '此身份证号的党员已在名册中' });
  });

  it('refuses a probationary member with a date of full membership, and wrong types', async () => {
    const res = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: { ...base(ids.A1), idNumber: idFor('1991-01-01'), status: 'probationary' } });
    expect(res.json().error.details).toMatchObject([{ field: 'fullOn', code: 'full_on_probationary', message: '预备党员没有转正日期' }]);
    const types = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: { ...base(ids.A1), name: 42, status: 'honorary', nickname: 'x' } });
    expect(types.statusCode).toBe(400);
    expect(types.json().error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['name', 'status', 'nickname']));
  });

  it('refuses adding outside the caller scope, and for viewers', async () => {
    const input = { ...base(ids.B1), idNumber: idFor('1970-02-02') };
    expect((await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: input })).statusCode).toBe(403);
    expect((await t.call(viewerA, { method: 'POST', url: '/api/v1/members', payload: { ...input, orgId: ids.A1 } })).statusCode).toBe(403);
    expect((await t.call(secretaryA1, { method: 'POST', url: '/api/v1/members', payload: { ...input, orgId: ids.A2 } })).statusCode).toBe(403);
  });
});

describe('the roster', () => {
  it('filters by organization with or without the subtree, and counts', async () => {
    const sub = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&subtree=true` })).json();
    const own = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&subtree=false` })).json();
    expect(sub.total).toBe(sub.items.length);
    expect(sub.total).toBeGreaterThanOrEqual(3);
    expect(own).toEqual({ items: [], total: 0, totalExact: true, nextCursor: null, abilities: ['member.create', 'import.run', 'export.run', 'member.update'] });
  });

  it('filters by status, gender, age, education and joined year', async () => {
    await ids.member(ids.A2, '赵某四', 'probationary', '1998-08-08');
    const q = (s: string) => t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&${s}` }).then((r) => r.json().items.map((m: { name: string }) => m.name));
    expect(await q('status=probationary')).toEqual(['赵某四']);
    expect(await q('gender=female')).toEqual(['王某三']);
    expect(await q('ageMax=30')).toEqual(['赵某四']);
    expect(await q('ageMin=31&education=bachelor')).toEqual(['王某三', '王某三']);
    expect(await q('joinedFrom=2015&joinedTo=2015')).toEqual(['王某三', '王某三']);
  });

  it('pages with a cursor, sorted, without repeats', async () => {
    for (let i = 0; i < 5; i++) await ids.member(ids.A2, `孙某${i}`, 'full', `197${i}-01-01`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/members?org=${ids.A}&limit=3&sort=birthDate&order=desc${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.call(orgAdminA, { method: 'GET', url })).json();
      seen.push(...page.items.map((m: { birthDate: string }) => m.birthDate));
      cursor = page.nextCursor;
    } while (cursor);
    const total = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}` })).json().total;
    expect(seen.length).toBe(total);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('rejects a forged cursor and an over-large page', async () => {
    expect((await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&cursor=garbage` })).statusCode).toBe(400);
    expect((await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&limit=500` })).statusCode).toBe(400);
  });

  it('keeps other trees out of the list', async () => {
    const res = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.B}` });
    expect(res.statusCode).toBe(403);
    const all = (await t.call(orgAdminA, { method: 'GET', url: '/api/v1/members?limit=200' })).json();
    expect(all.items.map((m: { name: string }) => m.name)).not.toContain('李某二');
  });

  it('lets a member see their own record unmasked and no one else', async () => {
    const own = await t.call(memberA1, { method: 'GET', url: `/api/v1/members/${ids.memberA1}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().masked).toBe(false);
    const other = (await t.call(admin, { method: 'GET', url: `/api/v1/members?org=${ids.A1}&q=${encodeURIComponent('王某三')}` })).json().items[0];
    expect((await t.call(memberA1, { method: 'GET', url: `/api/v1/members/${other.id}` })).statusCode).toBe(403);
  });
});

describe('editing and transfer', () => {
  it('edits a member, and turning probationary to full needs the date', async () => {
    const list = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&status=probationary` })).json();
    const id = list.items[0].id;
    const missing = await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/members/${id}`, payload: { status: 'full' } });
    expect(missing.json().error.details).toMatchObject([{ field: 'fullOn', code: 'full_on_required', message: '正式党员须填写转正日期' }]);
    const countsBefore = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json();
    const ok = await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/members/${id}`, payload: { status: 'full', fullOn: list.items[0].joinedOn } });
    expect(ok.statusCode).toBe(200);
    const countsAfter = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json();
    expect(countsAfter.fullMemberCount).toBe(countsBefore.fullMemberCount + 1);
    expect(countsAfter.memberCount).toBe(countsBefore.memberCount);
  });

  it('transfers a member and keeps where they belonged and when', async () => {
    const res = await t.call(admin, { method: 'POST', url: `/api/v1/members/${ids.memberA1}/transfer`, payload: { orgId: ids.B1, on: '2024-03-01', note: '工作调动' } });
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m.orgId).toBe(ids.B1);
    expect(m.history).toEqual([
      expect.objectContaining({ orgId: ids.A1, toOn: '2024-03-01' }),
      expect.objectContaining({ orgId: ids.B1, fromOn: '2024-03-01', toOn: null, note: '工作调动' }),
    ]);
    const b1 = (await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.B1}` })).json();
    expect(b1.memberCount).toBe(2);
  });

  it('refuses a transfer into another tree by an org admin, and to a dissolved org', async () => {
    const m = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A2}&limit=1` })).json().items[0];
    expect((await t.call(orgAdminA, { method: 'POST', url: `/api/v1/members/${m.id}/transfer`, payload: { orgId: ids.B1 } })).statusCode).toBe(403);
    const gone = (await t.call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { parentId: ids.A, name: '已撤销党支部', type: 'branch' } })).json();
    await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${gone.id}/dissolve`, payload: { dissolvedOn: '2024-01-01', reason: '撤并' } });
    const res = await t.call(admin, { method: 'POST', url: `/api/v1/members/${m.id}/transfer`, payload: { orgId: gone.id } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('orgId');
  });
});

describe('what the list offers', () => {
  it('offers adding and editing members to those who may, and only exporting to a viewer', async () => {
    const abilitiesOf = async (s: Session, query: string) => (await t.call(s, { method: 'GET', url: `/api/v1/members${query}` })).json().abilities;
    expect(await abilitiesOf(viewerA, `?org=${ids.A}`)).toEqual(['export.run']);
    expect(await abilitiesOf(viewerA, '')).toEqual(['export.run']);
    expect(await abilitiesOf(orgAdminA, `?org=${ids.A}`)).toEqual(['member.create', 'import.run', 'export.run', 'member.update']);
    expect(await abilitiesOf(secretaryA1, `?org=${ids.A1}&subtree=false`)).toEqual(['member.create', 'import.run', 'export.run', 'member.update']);
    // a list of the whole scope offers adding when the caller may add somewhere in it
    expect(await abilitiesOf(secretaryA1, '')).toEqual(['member.create', 'import.run', 'export.run', 'member.update']);
  });
});

describe('page numbers', () => {
  it('skips `offset` members in the list order, ignores a cursor beside it, and counts the filter', async () => {
    const all = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&limit=200` })).json();
    const ids_ = all.items.map((m: { id: string }) => m.id);
    expect(ids_.length).toBeGreaterThanOrEqual(7);
    const page = async (query: string) => (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&${query}` })).json();
    const third = await page('limit=3&offset=6');
    expect(third.items.map((m: { id: string }) => m.id)).toEqual(ids_.slice(6, 9));
    expect(third.total).toBe(ids_.length);
    expect(third.totalExact).toBe(true);
    const first = await page('limit=3');
    const withCursor = await page(`limit=3&offset=3&cursor=${first.nextCursor}`);
    expect(withCursor.items.map((m: { id: string }) => m.id)).toEqual(ids_.slice(3, 6));
    // a filtered list is counted, and its pages follow the filter
    const full = all.items.filter((m: { status: string }) => m.status === 'full').map((m: { id: string }) => m.id);
    const filtered = await page('status=full&limit=2&offset=2');
    expect(filtered.total).toBe(full.length);
    expect(filtered.items.map((m: { id: string }) => m.id)).toEqual(full.slice(2, 4));
    expect((await page('limit=3&offset=100000')).items).toEqual([]);
    expect((await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&offset=-1` })).statusCode).toBe(400);
    expect((await t.call(orgAdminA, { method: 'GET', url: `/api/v1/members?org=${ids.A}&offset=100001` })).statusCode).toBe(400);
  });

  it('counts the whole scope of a list without an organization as a live count does', async () => {
    const [live] = await t.database.db.select({ n: count() }).from(members);
    const everything = (await t.call(admin, { method: 'GET', url: '/api/v1/members?limit=1' })).json();
    expect(everything).toMatchObject({ total: Number(live?.n), totalExact: true });
    // a scoped caller: the maintained counts of their top organizations, the same as the list's own pages
    for (const s of [orgAdminA, secretaryA1]) {
      const whole = (await t.call(s, { method: 'GET', url: '/api/v1/members?limit=200' })).json();
      expect(whole.items.length).toBeGreaterThan(0);
      expect(whole).toMatchObject({ total: whole.items.length, totalExact: true });
    }
  });

  it("gives each row the caller's abilities on it", async () => {
    const row = async (s: Session) => (await t.call(s, { method: 'GET', url: `/api/v1/members?org=${ids.A1}&subtree=false&limit=1` })).json().items[0];
    expect((await row(orgAdminA)).abilities).toEqual(['member.update', 'member.transfer', 'member.readSensitive']);
    expect((await row(viewerA)).abilities).toEqual([]);
  });
});

describe('putting selected members into a party group (all or none)', () => {
  const assign = (s: Session | null, payload: Record<string, unknown>) => t.call(s, { method: 'POST', url: '/api/v1/members/batch/party-group', payload });
  const groupOf = async (orgId: string, name: string) => {
    const org = (await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${orgId}/groups`, payload: { name } })).json();
    return org.partyGroups.find((g: { name: string }) => g.name === name) as { id: string };
  };
  const groupsOf = async (orgId: string) =>
    (await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${orgId}` })).json().partyGroups as { id: string; memberCount: number }[];
  const membersOf = async (orgId: string) =>
    (await t.call(admin, { method: 'GET', url: `/api/v1/members?org=${orgId}&subtree=false&limit=200` })).json().items as { id: string; partyGroupId: string | null }[];
  const eventsFor = async (memberIds: string[]) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(inArray(auditEvents.subjectId, memberIds), eq(auditEvents.action, 'member.update')))
      .orderBy(asc(auditEvents.seq));

  let group: { id: string };
  let otherGroup: { id: string };
  let a2: { id: string; partyGroupId: string | null }[];
  let a1: { id: string }[];

  beforeAll(async () => {
    group = await groupOf(ids.A2, '第一党小组');
    otherGroup = await groupOf(ids.A1, '一支部党小组');
    a2 = await membersOf(ids.A2);
    a1 = await membersOf(ids.A1);
  });

  it('needs a session, and the right to edit the members of the group', async () => {
    const body = { ids: [a2[0]!.id], partyGroupId: group.id };
    expect((await assign(null, body)).statusCode).toBe(401);
    expect((await assign(viewerA, body)).statusCode).toBe(403);
    expect((await assign(orgAdminB, body)).statusCode).toBe(403);
    expect((await assign(secretaryA1, body)).statusCode).toBe(403);
    expect((await membersOf(ids.A2)).every((m) => m.partyGroupId === null)).toBe(true);
  });

  it('refuses no ids, too many ids, and an unknown group', async () => {
    expect((await assign(orgAdminA, { ids: [], partyGroupId: group.id })).statusCode).toBe(400);
    const many = await assign(orgAdminA, { ids: Array.from({ length: 201 }, (_, i) => `m${i}`), partyGroupId: group.id });
    expect(many.statusCode).toBe(400);
    const unknown = await assign(orgAdminA, { ids: [a2[0]!.id], partyGroupId: 'no-such-group' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toMatchObject([{ field: 'partyGroupId', code: 'no_such_party_group', message: '没有这个党小组' }]);
  });

  it('names every member it cannot take and changes nothing when one fails', async () => {
    const eventsBefore = (await eventsFor(a2.map((m) => m.id))).length;
    const res = await assign(orgAdminA, { ids: [a2[0]!.id, ids.memberB1, a1[0]!.id, a2[0]!.id, a2[1]!.id], partyGroupId: group.id });
    // not found (or not visible) tells more than a wrong group or a repeat
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'batch_refused', params: { count: 3 } });
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ field: 'ids.1', code: 'no_such_member', message: '没有这个党员' }),
      expect.objectContaining({ field: 'ids.2', code: 'party_group_not_of_org', message: '不是本党组织的党小组' }),
      expect.objectContaining({ field: 'ids.3', code: 'listed_twice' }),
    ]);
    // a secretary of the committee reads the whole tree but edits only the committee's own members
    await createUser(t.system, { username: 'secretaryA', password: USER_PASSWORD, memberId: null, roles: [{ role: 'secretary', orgId: ids.A }] });
    const secretaryA = await t.login('secretaryA');
    const taking = await assign(secretaryA, { ids: [a2[0]!.id], partyGroupId: null });
    expect(taking.statusCode).toBe(403);
    expect(taking.json().error.details).toMatchObject([{ field: 'ids.0', code: 'member_not_editable', message: '无权修改该党员的信息' }]);
    expect((await membersOf(ids.A2)).every((m) => m.partyGroupId === null)).toBe(true);
    expect((await groupsOf(ids.A2)).find((g) => g.id === group.id)?.memberCount).toBe(0);
    expect(await eventsFor(a2.map((m) => m.id))).toHaveLength(eventsBefore);
  });

  it('puts the members into the group, with an audit event each, and takes them out again', async () => {
    const chosen = [a2[0]!.id, a2[1]!.id];
    const eventsBefore = (await eventsFor(chosen)).length;
    const res = await assign(orgAdminA, { ids: chosen, partyGroupId: group.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ updated: 2, unchanged: 0 });
    const after = await membersOf(ids.A2);
    expect(after.filter((m) => m.partyGroupId === group.id).map((m) => m.id).sort()).toEqual([...chosen].sort());
    expect((await groupsOf(ids.A2)).find((g) => g.id === group.id)?.memberCount).toBe(2);
    const events = (await eventsFor(chosen)).slice(eventsBefore);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ before: { partyGroupId: null }, after: { partyGroupId: group.id } });
    // again: nothing to change
    expect((await assign(orgAdminA, { ids: chosen, partyGroupId: group.id })).json()).toEqual({ updated: 0, unchanged: 2 });
    // the other branch's group does not take them
    expect((await assign(orgAdminA, { ids: chosen, partyGroupId: otherGroup.id })).statusCode).toBe(400);
    expect((await assign(orgAdminA, { ids: [a2[0]!.id], partyGroupId: null })).json()).toEqual({ updated: 1, unchanged: 0 });
    expect((await groupsOf(ids.A2)).find((g) => g.id === group.id)?.memberCount).toBe(1);
  });
});
