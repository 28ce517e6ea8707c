import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_PASSWORD, seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { sheetRows } from '../../testing/xlsx';

// Administering accounts: the list with its filter, role edits, disabling and enabling, each
// walked 401 → 403 out of scope → success, and refused input that changes nothing.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;
let orgAdminA: Session;
let orgAdminB: Session;

interface Item {
  id: string;
  username: string;
  disabled: boolean;
  lastLoginAt: string | null;
  roles: { role: string; orgId: string | null; orgName: string | null; editable: boolean }[];
  abilities: string[];
}

const list = async (s: Session, query = '') => (await t.call(s, { method: 'GET', url: `/api/v1/users${query}` })).json<{ items: Item[]; total: number }>();
const names = async (s: Session, query = '') => (await list(s, query)).items.map((u) => u.username);
const byName = async (username: string) => (await list(admin, `?q=${username}`)).items.find((u) => u.username === username)!;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
  orgAdminA = await t.login('orgAdminA');
  orgAdminB = await t.login('orgAdminB');
});
afterAll(async () => t.close());

describe('the list of accounts', () => {
  it('needs a session and an administrator', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
    const secretary = await t.login('secretaryA1');
    expect((await t.call(secretary, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
  });

  it('shows an org admin only the accounts of its own tree, with roles, state and last sign-in', async () => {
    expect(await names(orgAdminA)).toEqual(['memberA1', 'orgAdminA', 'secretaryA1', 'viewerA']);
    expect(await names(orgAdminB)).toEqual(['orgAdminB']);
    const all = await list(admin);
    expect(all.total).toBe(6);
    const sec = all.items.find((u) => u.username === 'secretaryA1')!;
    expect(sec).toMatchObject({ disabled: false, roles: [{ role: 'secretary', orgId: ids.A1, orgName: '甲公司第一党支部', editable: true }] });
    expect(Date.now() - Date.parse(sec.lastLoginAt!)).toBeLessThan(60_000);
    expect(all.items.find((u) => u.username === 'viewerA')!.lastLoginAt).toBeNull();
    // nobody is offered to edit or disable themselves
    expect((await list(orgAdminA)).items.find((u) => u.username === 'orgAdminA')!.abilities).toEqual(['resetPassword']);
    expect(sec.abilities).toEqual(['edit', 'disable', 'resetPassword']);
  });

  it('filters by text, role, organization and state, and pages with a total', async () => {
    expect(await names(admin, '?q=ADMIN')).toEqual(['admin', 'orgAdminA', 'orgAdminB']);
    expect(await names(admin, '?role=org_admin')).toEqual(['orgAdminA', 'orgAdminB']);
    expect(await names(admin, `?orgId=${ids.A1}`)).toEqual(['memberA1', 'secretaryA1']);
    expect(await names(admin, `?role=member&orgId=${ids.A}`)).toEqual(['memberA1']);
    expect(await names(admin, '?disabled=true')).toEqual([]);
    const page = await list(admin, '?limit=2&offset=2');
    expect(page.items.map((u) => u.username)).toEqual(['orgAdminA', 'orgAdminB']);
    expect(page.total).toBe(6);
    const bad = await t.call(admin, { method: 'GET', url: '/api/v1/users?role=boss' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['role']);
    const unknownOrg = await t.call(admin, { method: 'GET', url: '/api/v1/users?orgId=nope' });
    expect(unknownOrg.json().error.details).toMatchObject([{ field: 'orgId', code: 'no_such_org' }]);
  });
});

describe('editing roles', () => {
  it('needs a session; another tree cannot touch the account; admin and foreign grants are refused', async () => {
    const sec = await byName('secretaryA1');
    const edit = (s: Session | null, roles: unknown) => t.call(s, { method: 'PATCH', url: `/api/v1/users/${sec.id}`, payload: { roles } });
    expect((await edit(null, [{ role: 'viewer', orgId: ids.A }])).statusCode).toBe(401);
    expect((await edit(orgAdminB, [{ role: 'viewer', orgId: ids.B }])).statusCode).toBe(403);
    const admin403 = await edit(orgAdminA, [{ role: 'admin', orgId: ids.A1 }]);
    expect(admin403.statusCode).toBe(403);
    expect(admin403.json().error.code).toBe('grant_out_of_scope');
    expect((await edit(orgAdminA, [{ role: 'secretary', orgId: ids.A1 }, { role: 'viewer', orgId: ids.B }])).statusCode).toBe(403);
    const empty = await edit(orgAdminA, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.map((d: { field: string }) => d.field)).toEqual(['roles']);
    const noOrg = await edit(orgAdminA, [{ role: 'secretary', orgId: 'no-such-org' }]);
    expect(noOrg.json().error.details).toMatchObject([{ field: 'roles.0.orgId', code: 'no_such_org', message: '没有这个党组织' }]);
    expect((await byName('secretaryA1')).roles.map((r) => [r.role, r.orgId])).toEqual([['secretary', ids.A1]]);
  });

  it('an org admin moves a secretary to another branch of its tree and adds a viewer role; the change is audited', async () => {
    const sec = await byName('secretaryA1');
    const s = await t.login('secretaryA1');
    const res = await t.call(orgAdminA, {
      method: 'PATCH',
      url: `/api/v1/users/${sec.id}`,
      payload: { displayName: '王书记', roles: [{ role: 'secretary', orgId: ids.A2 }, { role: 'viewer', orgId: ids.A }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '王书记', roles: [{ role: 'secretary', orgId: ids.A2 }, { role: 'viewer', orgId: ids.A }] });
    // the secretary's open session carries the new roles at once
    const orgs = (await t.call(s, { method: 'GET', url: `/api/v1/orgs/${ids.A2}` })).statusCode;
    expect(orgs).toBe(200);
    const events = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/audit?subjectId=${sec.id}` })).json().items;
    expect(events[0]).toMatchObject({
      action: 'user.update',
      before: { displayName: null, roles: [{ role: 'secretary', orgId: ids.A1 }] },
      after: { displayName: '王书记', roles: [{ role: 'secretary', orgId: ids.A2 }, { role: 'viewer', orgId: ids.A }] },
    });
  });

  it('refuses to change one’s own roles (409) but leaves a rename alone', async () => {
    const me = await byName('orgAdminA');
    const own = await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/users/${me.id}`, payload: { roles: [{ role: 'org_admin', orgId: ids.A1 }] } });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('user_self');
    expect((await t.call(orgAdminA, { method: 'PATCH', url: `/api/v1/users/${me.id}`, payload: { displayName: '甲党委管理员' } })).statusCode).toBe(200);
    expect((await byName('orgAdminA')).roles.map((r) => r.orgId)).toEqual([ids.A]);
  });
});

describe('disabling and enabling', () => {
  it('needs a session and the whole account in scope; nobody disables themselves', async () => {
    const viewer = await byName('viewerA');
    expect((await t.call(null, { method: 'POST', url: `/api/v1/users/${viewer.id}/disable` })).statusCode).toBe(401);
    expect((await t.call(orgAdminB, { method: 'POST', url: `/api/v1/users/${viewer.id}/disable` })).statusCode).toBe(403);
    const me = await byName('orgAdminA');
    const self = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/users/${me.id}/disable` });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.message).toBe('不能停用自己的账号或更改自己的权限');
    expect((await byName('orgAdminA')).disabled).toBe(false);
  });

  it('a disabled account loses its sessions and tokens and cannot sign in until enabled again', async () => {
    const viewer = await byName('viewerA');
    const s = await t.login('viewerA');
    const { token } = (await t.call(s, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: '报表脚本' } })).json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer })).statusCode).toBe(200);
    const off = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/users/${viewer.id}/disable` });
    expect(off.json()).toMatchObject({ disabled: true, abilities: ['edit', 'enable', 'resetPassword'] });
    expect((await t.call(s, { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer })).statusCode).toBe(401);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'viewerA', password: USER_PASSWORD } });
    expect(refused.statusCode).toBe(401);
    expect(await names(orgAdminA, '?disabled=true')).toEqual(['viewerA']);
    expect((await t.call(orgAdminA, { method: 'POST', url: `/api/v1/users/${viewer.id}/enable` })).json().disabled).toBe(false);
    expect((await t.call(await t.login('viewerA'), { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(200);
    // the token stays revoked: enabling gives back the account, not what was taken from it
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer })).statusCode).toBe(401);
    const actions = (await t.call(orgAdminA, { method: 'GET', url: `/api/v1/audit?subjectId=${viewer.id}` })).json().items.map((e: { action: string }) => e.action);
    // a sign-in belongs to no organization, so only the global admin's log shows it
    expect(actions.slice(0, 2)).toEqual(['user.enable', 'user.disable']);
  });
});

describe('the export of the list', () => {
  it('needs a session and an administrator', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/users/export.xlsx' })).statusCode).toBe(401);
    expect((await t.call(await t.login('secretaryA1'), { method: 'GET', url: '/api/v1/users/export.xlsx' })).statusCode).toBe(403);
  });

  it('holds exactly the accounts the filter selects in the caller’s scope, every page, in Chinese', async () => {
    const res = await t.call(orgAdminA, { method: 'GET', url: '/api/v1/users/export.xlsx?role=secretary' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('用户'));
    const [header, ...rows] = await sheetRows(res.rawPayload);
    expect(header).toEqual(['用户名', '姓名', '角色', '状态', '最近登录']);
    expect(rows.map((r) => r[0])).toEqual(await names(orgAdminA, '?role=secretary'));
    expect(rows[0]).toEqual(['secretaryA1', '王书记', '书记 · 甲公司第二党支部；查看者 · 甲公司党委', '正常', expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)]);
    // the whole scope, more than one page of the list would hold; nothing of the other tree
    const all = await sheetRows((await t.call(orgAdminA, { method: 'GET', url: '/api/v1/users/export.xlsx' })).rawPayload);
    expect(all.slice(1).map((r) => r[0])).toEqual(await names(orgAdminA, '?limit=200'));
    expect(all.flat().join()).not.toContain('orgAdminB');
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/users/export.xlsx?limit=5' })).statusCode).toBe(400);
  });
});

describe('disabling and enabling several accounts at once', () => {
  const batch = (s: Session | null, payload: unknown) => t.call(s, { method: 'POST', url: '/api/v1/users/batch', payload: payload as object });

  it('needs a session and an administrator', async () => {
    const viewer = await byName('viewerA');
    expect((await batch(null, { ids: [viewer.id], action: 'disable' })).statusCode).toBe(401);
    expect((await batch(await t.login('secretaryA1'), { ids: [viewer.id], action: 'disable' })).statusCode).toBe(403);
  });

  it('refuses bad ids, naming each; one account that may not be changed stops the whole batch', async () => {
    const [viewer, member, self, other] = await Promise.all(['viewerA', 'memberA1', 'orgAdminA', 'orgAdminB'].map(byName));
    expect((await batch(orgAdminA, { ids: [], action: 'disable' })).json().error.details.map((d: { field: string }) => d.field)).toEqual(['ids']);
    expect((await batch(orgAdminA, { ids: [viewer!.id, viewer!.id], action: 'disable' })).statusCode).toBe(400);
    expect((await batch(orgAdminA, { ids: [viewer!.id], action: 'delete' })).statusCode).toBe(400);
    expect((await batch(orgAdminA, { ids: Array.from({ length: 201 }, (_, i) => `id${i}`), action: 'disable' })).statusCode).toBe(400);

    // an account of the other tree answers as unknown
    const unknown = await batch(orgAdminA, { ids: [viewer!.id, 'no-such-id', other!.id], action: 'disable' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'batch_refused',
      details: [
        { field: 'ids.1', code: 'no_such_user', message: '没有这个账号' },
        { field: 'ids.2', code: 'no_such_user' },
      ],
    });
    const mine = await batch(orgAdminA, { ids: [viewer!.id, member!.id, self!.id], action: 'disable' });
    expect(mine.statusCode).toBe(409);
    expect(mine.json().error.details).toMatchObject([{ field: 'ids.2', code: 'user_self' }]);
    // a role in the other tree puts the account beyond what orgAdminA may switch off
    await t.call(admin, { method: 'PATCH', url: `/api/v1/users/${member!.id}`, payload: { roles: [{ role: 'member', orgId: ids.A1 }, { role: 'viewer', orgId: ids.B }] } });
    const wider = await batch(orgAdminA, { ids: [viewer!.id, member!.id], action: 'disable' });
    expect(wider.statusCode).toBe(403);
    expect(wider.json().error.details).toMatchObject([{ field: 'ids.1', code: 'user_out_of_scope' }]);
    expect(await names(admin, '?disabled=true')).toEqual([]);
  });

  it('disables all of them in one go, each audited, and enables them again', async () => {
    const [viewer, member, sec] = await Promise.all(['viewerA', 'memberA1', 'secretaryA1'].map(byName));
    const viewerSession = await t.login('viewerA');
    const before = (await t.call(admin, { method: 'GET', url: '/api/v1/audit?subjectType=user&limit=1' })).json().total as number;
    const off = await batch(admin, { ids: [viewer!.id, member!.id, sec!.id], action: 'disable' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().items.map((u: Item) => [u.username, u.disabled])).toEqual([
      ['viewerA', true],
      ['memberA1', true],
      ['secretaryA1', true],
    ]);
    expect(await names(admin, '?disabled=true')).toEqual(['memberA1', 'secretaryA1', 'viewerA']);
    expect((await t.call(viewerSession, { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(401);
    const events = (await t.call(admin, { method: 'GET', url: `/api/v1/audit?subjectType=user&limit=3` })).json();
    expect(events.total).toBe(before + 3);
    expect(events.items.map((e: { action: string; subjectId: string }) => [e.action, e.subjectId]).sort()).toEqual(
      [viewer!.id, member!.id, sec!.id].map((id) => ['user.disable', id]).sort(),
    );
    // disabling again changes nothing and writes nothing
    await batch(admin, { ids: [viewer!.id], action: 'disable' });
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/audit?subjectType=user&limit=1' })).json().total).toBe(before + 3);
    const on = await batch(orgAdminA, { ids: [viewer!.id, sec!.id], action: 'enable' });
    expect(on.statusCode, on.body).toBe(200);
    expect(await names(admin, '?disabled=true')).toEqual(['memberA1']);
    await batch(admin, { ids: [member!.id], action: 'enable' });
  });
});
