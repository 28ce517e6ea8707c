import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldErrors, conflict, errorBody, invalid } from './errors';
import { idFor, seedTwoTrees, startTestApp, type Session, type TestApp } from './testing/harness';

// Errors answer in the caller's language: `message` follows Accept-Language (Chinese by default),
// while `code`, `params` and each detail's `code` stay the same, for a client that words them itself.

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let orgAdminA: Session;
let viewerA: Session;

const zh = { 'accept-language': 'zh-CN,zh;q=0.9' };
const en = { 'accept-language': 'en-US,en;q=0.9' };

const member = (orgId: string) => ({
  orgId,
  name: '王某三',
  idNumber: idFor('1990-05-17', 'female'),
  joinedOn: '2015-07-01',
  fullOn: '2016-07-01',
  status: 'full',
  category: 'in_service',
});

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  orgAdminA = await t.login('orgAdminA');
  viewerA = await t.login('viewerA');
});
afterAll(async () => t.close());

describe('error messages follow Accept-Language', () => {
  it('words 401 and 403 in the language asked for, Chinese when none is', async () => {
    const anonymous = await t.call(null, { method: 'POST', url: '/api/v1/members', payload: member(ids.A1) });
    expect(anonymous.json()).toEqual({ error: { code: 'unauthorized', message: '请先登录', params: {} } });
    const anonymousEn = await t.call(null, { method: 'POST', url: '/api/v1/members', payload: member(ids.A1), headers: en });
    expect(anonymousEn.json().error.message).toBe('Sign in first');
    const viewer = await t.call(viewerA, { method: 'POST', url: '/api/v1/members', payload: member(ids.A1), headers: en });
    expect([viewer.statusCode, viewer.json().error]).toEqual([403, { code: 'forbidden', message: 'You do not have access to this', params: {} }]);
  });

  it('gives request validation errors a code per field, worded in Chinese or English', async () => {
    const { name: _name, ...noName } = member(ids.A1);
    const payload = { ...noName, nickname: '小王' };
    const cn = await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload, headers: zh });
    expect(cn.statusCode).toBe(400);
    const body = cn.json().error;
    expect(body.code).toBe('validation');
    expect(body.params.count).toBe(body.details.length);
    expect(body.details).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required', message: '必填' },
        { field: 'nickname', code: 'unknown_field', params: { field: 'nickname' }, message: '不接受字段 nickname' },
      ]),
    );
    expect(body.message).toMatch(/^有 \d+ 处填写有误：/);
    expect(body.message).toContain('nickname：不接受字段 nickname');

    const english = (await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload, headers: en })).json().error;
    expect(english.details).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required', message: 'required' },
        { field: 'nickname', code: 'unknown_field', params: { field: 'nickname' }, message: 'unknown field nickname' },
      ]),
    );
    expect(english.message).toContain('nickname: unknown field nickname');
  });

  it('words a service field error with its parameters', async () => {
    const young = { ...member(ids.A1), idNumber: idFor('2000-03-01'), joinedOn: '2017-06-30', fullOn: '2018-06-30' };
    const cn = (await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: young })).json().error;
    expect(cn.details).toEqual([{ field: 'joinedOn', code: 'join_age', params: { age: 18 }, message: '入党时应年满 18 周岁' }]);
    const english = (await t.call(orgAdminA, { method: 'POST', url: '/api/v1/members', payload: young, headers: en })).json().error;
    expect(english.details).toEqual([{ field: 'joinedOn', code: 'join_age', params: { age: 18 }, message: 'a member joins at 18 or older' }]);
  });

  it('gives a service conflict its own code and parameters', async () => {
    const dissolve = (headers: Record<string, string>) =>
      t.call(orgAdminA, { method: 'POST', url: `/api/v1/orgs/${ids.A1}/dissolve`, payload: { dissolvedOn: '2024-01-01', reason: '合并' }, headers });
    const cn = await dissolve(zh);
    expect(cn.statusCode).toBe(409);
    expect(cn.json().error).toEqual({ code: 'org_has_members', message: '还有 1 名党员，请先办理转出', params: { members: 1 } });
    expect((await dissolve(en)).json().error.message).toBe('It still has 1 members; transfer them first');
  });

  it('answers an unknown route in the language asked for', async () => {
    const res = await t.call(null, { method: 'GET', url: '/api/v1/no-such-thing?x=1', headers: en });
    expect([res.statusCode, res.json().error]).toEqual([404, { code: 'route_not_found', message: 'No route GET /api/v1/no-such-thing', params: { method: 'GET', path: '/api/v1/no-such-thing' } }]);
  });
});

describe('older call shapes', () => {
  it('still take free text, shown as given under a generic code', () => {
    const errors = new FieldErrors();
    errors.add('title', 'required');
    errors.add('title', 'some text a helper has not turned into a code yet');
    const body = errorBody(invalid(errors.list), 'zh').error;
    expect(body.details).toEqual([
      { field: 'title', code: 'required', message: '必填' },
      { field: 'title', code: 'invalid', message: 'some text a helper has not turned into a code yet' },
    ]);
    expect(errorBody(conflict('Not a code', { extra: 1 }), 'zh').error).toEqual({ code: 'conflict', message: 'Not a code', params: {}, details: { extra: 1 } });
    expect(errorBody(conflict('org_has_children', { children: 2 }), 'zh').error).toEqual({ code: 'org_has_children', message: '还有 2 个下级党组织，请先移走或撤销', params: { children: 2 } });
  });
});
