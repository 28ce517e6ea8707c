import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { auditEvents } from '../../db/schema/audit';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let orgAdminA: Session;
let secretaryA1: Session;
let viewerA: Session;
let memberA1: Session;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
  orgAdminA = await t.login('orgAdminA');
  secretaryA1 = await t.login('secretaryA1');
  viewerA = await t.login('viewerA');
  memberA1 = await t.login('memberA1');
});
afterAll(async () => t.close());

describe('reading organizations', () => {
  it('refuses without a session', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/v1/orgs' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('shows each user the roots of their own scope', async () => {
    const all = await t.call(admin, { method: 'GET', url: '/api/v1/orgs' });
    expect(all.json().items.map((o: { name: string }) => o.name).sort()).toEqual(['乙公司党委', '甲公司党委']);
    const a = await t.call(orgAdminA, { method: 'GET', url: '/api/v1/orgs' });
    expect(a.json().items.map((o: { id: string }) => o.id)).toEqual([ids.A]);
    const sec = await t.call(secretaryA1, { method: 'GET', url: '/api/v1/orgs' });
    expect(sec.json().items.map((o: { id: string }) => o.id)).toEqual([ids.A1]);
  });

  it('lists children with member counts and whether they have children', async () => {
    const res = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs?parent=${ids.A}` });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; memberCount: number; hasChildren: boolean; pathNames: string[] }[];
    expect(items.map((o) => o.name)).toEqual(['甲公司第一党支部', '甲公司第二党支部']);
    expect(items[0]).toMatchObject({ memberCount: 1, hasChildren: false, pathNames: ['甲公司党委', '甲公司第一党支部'] });
  });

  it('refuses another tree with 403 and no data', async () => {
    const res = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.B}` });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('乙公司');
    const children = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs?parent=${ids.B}` });
    expect(children.statusCode).toBe(403);
  });

  it('searches by name only inside the caller scope', async () => {
    const res = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs?q=${encodeURIComponent('党支部')}` });
    expect(res.json().items.map((o: { name: string }) => o.name).sort()).toEqual(['甲公司第一党支部', '甲公司第二党支部']);
    const within = await t.call(admin, { method: 'GET', url: `/api/v1/orgs?q=${encodeURIComponent('党支部')}&within=${ids.B}` });
    expect(within.json().items.map((o: { name: string }) => o.name)).toEqual(['乙公司党支部']);
  });

  it('lets a member read their own organization but not its parent', async () => {
    expect((await t.call(memberA1, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).statusCode).toBe(200);
    expect((await t.call(memberA1, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).statusCode).toBe(403);
  });

  it('returns 404 for an organization that does not exist', async () => {
    const res = await t.call(admin, { method: 'GET', url: '/api/v1/orgs/doesnotexist' });
    expect(res.statusCode).toBe(404);
  });

  it('tells the caller what they may do with the organization', async () => {
    const asAdmin = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).json();
    expect(asAdmin.abilities).toEqual(expect.arrayContaining(['org.update', 'org.move', 'member.create']));
    const asViewer = (await t.call(viewerA, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).json();
    expect(asViewer.abilities).not.toContain('org.update');
    expect(asViewer.abilities).not.toContain('member.create');
  });
});

describe('creating and editing', () => {
  it('creates a branch under a committee with its term dates from the rule pack', async () => {
    const res = await t.call(orgAdminA, {
      method: 'POST',
      url: '/api/v1/orgs',
      payload: { parentId: ids.A, name: '甲公司第三党支部', type: 'branch', sector: 'state_enterprise', termElectedOn: '2023-03-15' },
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org.term).toEqual({ electedOn: '2023-03-15', years: 3, expiresOn: '2026-03-15', remindOn: '2025-09-15' });
    expect(org.pathNames).toEqual(['甲公司党委', '甲公司第三党支部']);
    // a new branch with no members is below the 3-full-member threshold
    expect(org.findings.map((f: { rule: string }) => f.rule)).toContain('min_full_members');
  });

  it('refuses a viewer, and a secretary creating in another organization', async () => {
    const body = { parentId: ids.A, name: '不应创建', type: 'branch' };
    expect((await t.call(viewerA, { method: 'POST', url: '/api/v1/orgs', payload: body })).statusCode).toBe(403);
    expect((await t.call(secretaryA1, { method: 'POST', url: '/api/v1/orgs', payload: body })).statusCode).toBe(403);
    expect((await t.call(orgAdminA, { method: 'POST', url: '/api/v1/orgs', payload: { ...body, parentId: ids.B } })).statusCode).toBe(403);
    const names = (await t.call(admin, { method: 'GET', url: `/api/v1/orgs?q=${encodeURIComponent('不应创建')}` })).json().items;
    expect(names).toEqual([]);
  });

  it('names every wrong field, and rejects unknown fields', async () => {
    const res = await t.call(orgAdminA, {
      method: 'POST',
      url: '/api/v1/orgs',
      payload: { parentId: ids.A, name: '', type: 'club', foundedOn: '2020-13-01', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'type', 'foundedOn', 'colour']));
  });

  it('refuses a founding date in the future and a duplicate name under one parent', async () => {
    const future = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/orgs', payload: { parentId: ids.A, name: '未来党支部', type: 'branch', foundedOn: '2999-01-01' } });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toMatchObject([{ field: 'foundedOn', code: 'date_in_future', message: '不能晚于今天' }]);
    const dup = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/orgs', payload: { parentId: ids.A, name: '甲公司第一党支部', type: 'branch' } });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0].field).toBe('name');
  });

  it('lets a secretary edit their own organization but not set rule overrides', async () => {
    const ok = await t.call(secretaryA1, { method: 'PATCH', url: `/api/v1/orgs/${ids.A1}`, payload: { contactName: '张某一', contactPhone: '0731-5555' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().contactName).toBe('张某一');
    const rules = await t.call(secretaryA1, { method: 'PATCH', url: `/api/v1/orgs/${ids.A1}`, payload: { rulePackOverride: { organizations: { branchMaxMembers: { value: 30 } } } } });
    expect(rules.statusCode).toBe(403);
  });

  it('applies a committee override to the findings of its whole subtree', async () => {
    const set = await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/orgs/${ids.A}`, payload: { rulePackOverride: { organizations: { minFullMembers: { value: 1 } } } } });
    expect(set.statusCode).toBe(200);
    const a1 = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).json();
    // A1 has one full member: with the local threshold of 1 it meets the rule
    expect(a1.findings.map((f: { rule: string }) => f.rule)).not.toContain('min_full_members');
    const b1 = (await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.B1}` })).json();
    expect(b1.findings.map((f: { rule: string }) => f.rule)).toContain('min_full_members');
    await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/orgs/${ids.A}`, payload: { rulePackOverride: null } });
  });
});

describe('moving and dissolving', () => {
  it('moves a subtree with its members and counts, in one step', async () => {
    const before = (await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json();
    const res = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A2}/move`, payload: { parentId: ids.B } });
    expect(res.statusCode).toBe(200);
    expect(res.json().pathNames).toEqual(['乙公司党委', '甲公司第二党支部']);
    await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/move`, payload: { parentId: ids.A2 } });
    const b = (await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.B}` })).json();
    const a = (await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json();
    expect(b.memberCount).toBe(2); // B1's member and A1's, now under B
    expect(a.memberCount).toBe(before.memberCount - 1);
    const members = (await t.call(admin, { method: 'GET', url: `/api/v1/members?org=${ids.B}&subtree=true` })).json();
    expect(members.items.map((m: { name: string }) => m.name).sort()).toEqual(['张某一', '李某二']);
    // and back
    await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/move`, payload: { parentId: ids.A } });
    await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A2}/move`, payload: { parentId: ids.A } });
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json().memberCount).toBe(before.memberCount);
  });

  it('refuses to move an organization under itself or its descendant, changing nothing', async () => {
    const self = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A}/move`, payload: { parentId: ids.A } });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details[0].field).toBe('parentId');
    const descendant = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A}/move`, payload: { parentId: ids.A1 } });
    expect(descendant.statusCode).toBe(400);
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json().parentId).toBeNull();
  });

  it('does not let an org admin move the organization it administers', async () => {
    const res = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${ids.A}/move`, payload: { parentId: ids.B } });
    expect(res.statusCode).toBe(403);
  });

  it('refuses to dissolve an organization that still has members or children', async () => {
    const withMembers = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/dissolve`, payload: { dissolvedOn: '2024-01-01', reason: '撤并' } });
    expect(withMembers.statusCode).toBe(409);
    const withChildren = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A}/dissolve`, payload: { dissolvedOn: '2024-01-01', reason: '撤并' } });
    expect(withChildren.statusCode).toBe(409);
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).json().dissolvedOn).toBeNull();
  });

  it('dissolves an empty organization, keeping it with its date and reason', async () => {
    const created = (await t.call(orgAdminA, { method: 'POST', url: '/api/v1/orgs', payload: { parentId: ids.A, name: '临时党支部', type: 'branch', foundedOn: '2020-05-01' } })).json();
    const res = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${created.id}/dissolve`, payload: { dissolvedOn: '2024-06-30', reason: '项目结束' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dissolvedOn: '2024-06-30', dissolvedReason: '项目结束', findings: [] });
    const kept = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${created.id}` });
    expect(kept.statusCode).toBe(200);
  });
});

describe('committee and party groups', () => {
  it('seats a secretary from the roster, and only one at a time', async () => {
    const seat = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/committee`, payload: { memberId: ids.memberA1, role: 'secretary', startedOn: '2023-01-01' } });
    expect(seat.statusCode).toBe(201);
    expect(seat.json().committee).toEqual([expect.objectContaining({ memberName: '张某一', role: 'secretary' })]);
    expect(seat.json().findings.map((f: { rule: string }) => f.rule)).not.toContain('secretary_missing');
    const second = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/committee`, payload: { memberId: ids.memberA1, role: 'secretary', startedOn: '2023-01-01' } });
    expect(second.statusCode).toBe(409);
  });

  it('refuses a committee member from another organization', async () => {
    const res = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/committee`, payload: { memberId: ids.memberB1, role: 'publicity_member', startedOn: '2023-01-01' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('memberId');
  });

  it('ends a seat and adds party groups inside a branch only', async () => {
    const detail = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).json();
    const ended = await t.call(orgAdminA, { method: 'DELETE', url: `/api/v1/orgs/${ids.A1}/committee/${detail.committee[0].id}` });
    expect(ended.json().committee).toEqual([]);
    const group = await t.call(secretaryA1, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/groups`, payload: { name: '第一党小组' } });
    expect(group.statusCode).toBe(201);
    expect(group.json().partyGroups).toEqual([expect.objectContaining({ name: '第一党小组', memberCount: 0 })]);
    const onCommittee = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${ids.A}/groups`, payload: { name: '党小组' } });
    expect(onCommittee.statusCode).toBe(400);
  });

  it("renames a party group and gives it a leader from the branch's own members, audited", async () => {
    const group = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).json().partyGroups[0] as { id: string };
    const url = `/api/v1/orgs/${ids.A1}/groups/${group.id}`;
    const patch = (s: Session | null, payload: Record<string, unknown>, at = url) => t.call(s, { method: 'PATCH', url: at, payload });
    expect((await patch(null, { name: '一组' })).statusCode).toBe(401);
    expect((await patch(viewerA, { name: '一组' })).statusCode).toBe(403);
    expect((await patch(orgAdminA, { name: '一组' }, `/api/v1/orgs/${ids.A2}/groups/${group.id}`)).statusCode).toBe(404);
    expect((await patch(orgAdminA, {})).statusCode).toBe(400);
    await t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/groups`, payload: { name: '第二党小组' } });
    const bad = await patch(orgAdminA, { name: '第二党小组', leaderMemberId: ids.memberB1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      expect.objectContaining({ field: 'name', code: 'party_group_name_taken' }),
      expect.objectContaining({ field: 'leaderMemberId', code: 'member_not_in_org' }),
    ]);
    const ok = await patch(secretaryA1, { name: '一组', leaderMemberId: ids.memberA1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().partyGroups).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: group.id, name: '一组', leaderMemberId: ids.memberA1, leaderName: '张某一' })]),
    );
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'org.group.update'));
    expect(event).toMatchObject({ before: { name: '第一党小组', leaderMemberId: null }, after: { name: '一组', leaderMemberId: ids.memberA1 } });
  });

  it("clears a party group's leader with leaderMemberId null, audited; a leader from another organization is still refused", async () => {
    const detail = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).json();
    const group = (detail.partyGroups as { id: string; name: string }[]).find((g) => g.name === '一组')!;
    const url = `/api/v1/orgs/${ids.A1}/groups/${group.id}`;
    const stranger = await t.call(orgAdminA, { method: 'PATCH', url, payload: { leaderMemberId: ids.memberB1 } });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details).toEqual([expect.objectContaining({ field: 'leaderMemberId', code: 'member_not_in_org' })]);
    const cleared = await t.call(secretaryA1, { method: 'PATCH', url, payload: { leaderMemberId: null } });
    expect(cleared.statusCode).toBe(200);
    const after = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/orgs/${ids.A1}` })).json();
    expect(after.partyGroups).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: group.id, name: '一组', leaderMemberId: null, leaderName: null })]),
    );
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'org.group.update'));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.after)).toContainEqual({ groupId: group.id, name: '一组', leaderMemberId: null });
    expect(events.map((e) => e.before)).toContainEqual({ groupId: group.id, name: '一组', leaderMemberId: ids.memberA1 });
  });
});
