import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../testing/harness';
import { multipartBody } from '../testing/uploads';
import { buildWorld, snapshot, changedTables, type World } from '../testing/world';

// Input at the edge: every string trimmed and in NFC, NUL bytes and lone surrogates refused under
// their field wherever they come (body, query, path), blank names refused, cursors and multipart
// bodies that were not made by us refused under `cursor` and `file`, and a race for one new user
// name ending in one success and refusals, never a server error. A refusal changes nothing.

let t: TestApp;
let w: World;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  w = await buildWorld(t);
  admin = w.sessions.admin;
});

afterAll(async () => {
  await t?.close();
});

const fields = (res: { json: () => { error: { details?: { field: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.field);

describe('text at the edge', () => {
  it('refuses a NUL byte under its field in a body, a query and a path, and stores nothing', async () => {
    const before = await snapshot(t);
    const body = await t.call(admin, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'a\u0000b' } });
    expect(body.statusCode).toBe(400);
    expect(fields(body)).toEqual(['name']);
    const query = await t.call(admin, { method: 'GET', url: '/api/v1/orgs?q=%00' });
    expect(query.statusCode).toBe(400);
    expect(fields(query)).toEqual(['q']);
    const path = await t.call(admin, { method: 'GET', url: '/api/v1/orgs/a%00b' });
    expect(path.statusCode).toBe(400);
    expect(fields(path)).toEqual(['id']);
    const nested = await t.call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: '丙', type: 'branch', parentId: w.A.org, coveredUnits: ['ok', 'x\u0000'] } });
    expect(nested.statusCode).toBe(400);
    expect(fields(nested)).toEqual(['coveredUnits.1']);
    expect(changedTables(before, await snapshot(t))).toEqual([]);
  });

  it('refuses a lone surrogate, which PostgreSQL cannot store in text or jsonb', async () => {
    for (const name of ['\ud800', 'x\udc00y']) {
      const res = await t.call(admin, { method: 'POST', url: '/api/v1/auth/tokens', payload: JSON.stringify({ name }), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toEqual(['name']);
    }
    // a pair is a real character (an emoji) and stays
    const emoji = await t.call(admin, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: '脚本 😀' } });
    expect(emoji.statusCode).toBe(201);
  });

  it('refuses blank names and reasons under their field', async () => {
    const org = await t.call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: '   ', type: 'branch', parentId: w.A.org } });
    expect(org.statusCode).toBe(400);
    expect(fields(org)).toEqual(['name']);
    const dissolve = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${w.A.otherBranch}/dissolve`, payload: { dissolvedOn: w.today, reason: ' \t ' } });
    expect(dissolve.statusCode).toBe(400);
    expect(fields(dissolve)).toEqual(['reason']);
    const detail = await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${w.A.otherBranch}` });
    expect(detail.json()).toMatchObject({ dissolvedOn: null });
  });

  it('stores text trimmed and in NFC, so one name typed two ways is one name', async () => {
    const res = await t.call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: '  Cafe\u0301 支部 ', type: 'branch', parentId: w.A.org } });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('Caf\u00e9 支部');
    const again = await t.call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { name: 'Caf\u00e9 支部', type: 'branch', parentId: w.A.org } });
    expect(again.statusCode).toBe(400);
    expect(fields(again)).toEqual(['name']);
  });

  it('refuses numbers no column holds: infinite in JSON, huge in a query', async () => {
    const json = await t.call(admin, { method: 'PUT', url: `/api/v1/orgs/${w.A.org}/pairing-policy`, payload: '{"timeLimits":{"urgent":1e400}}', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBe(400);
    const query = await t.call(admin, { method: 'GET', url: '/api/v1/members?ageMin=1e400' });
    expect(query.statusCode).toBe(400);
    expect(fields(query)).toEqual(['ageMin']);
  });
});

describe('plausible dates', () => {
  it('refuses a birth before 1900 or in the future under birthDate', async () => {
    for (const birthDate of ['1899-12-31', '1800-01-01', '2999-01-01']) {
      const res = await t.call(admin, {
        method: 'POST',
        url: '/api/v1/members',
        payload: { orgId: w.A.branch, name: '赵某', gender: 'male', birthDate, joinedOn: '1990-01-01', fullOn: '1991-01-01', status: 'full', category: 'in_service' },
      });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toContain('birthDate');
    }
  });

  it('takes activities within five years of today and refuses one planned for 9999 or 2001 under startsAt', async () => {
    const at = (day: string) => ({ type: 'theme_day', hostOrgIds: [w.A.branch], startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T10:00:00+08:00`, theme: '主题党日' });
    for (const day of ['9999-01-05', '2001-01-05']) {
      const res = await t.call(admin, { method: 'POST', url: '/api/v1/activities', payload: at(day) });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toContain('startsAt'); // 2001 is also before the branch was founded
    }
    const nextYear = `${Number(w.today.slice(0, 4)) + 1}-03-05`;
    expect((await t.call(admin, { method: 'POST', url: '/api/v1/activities', payload: at(nextYear) })).statusCode).toBe(201);
    const plan = await t.call(admin, { method: 'POST', url: `/api/v1/orgs/${w.A.branch}/plan`, payload: { year: Number(w.today.slice(0, 4)) + 6 } });
    expect(plan.statusCode).toBe(400);
    expect(fields(plan)).toEqual(['year']);
  });
});

describe('cursors', () => {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const lists = ['/api/v1/audit', '/api/v1/members?sort=birthDate', '/api/v1/members?sort=name', '/api/v1/activities', '/api/v1/pairings', '/api/v1/demands'];
  const bad = ['x', b64('["a","b"]'), b64('["2024-01-01\\u0000","b"]'), b64('["2024-02-30","b"]'), b64('[1,2]'), b64('{}')];

  it('answers 400 on `cursor` for any cursor no list returned', async () => {
    for (const list of lists) {
      for (const cursor of bad) {
        // any storable text is a fine sort value of a list by name
        if (list.endsWith('sort=name') && (cursor === bad[1] || cursor === bad[3])) continue;
        const res = await t.call(admin, { method: 'GET', url: `${list}${list.includes('?') ? '&' : '?'}cursor=${cursor}` });
        expect({ list, cursor, status: res.statusCode }).toEqual({ list, cursor, status: 400 });
        expect(fields(res)).toEqual(['cursor']);
      }
    }
  });

  it('still follows the cursors a list returns', async () => {
    const first = await t.call(admin, { method: 'GET', url: '/api/v1/members?sort=birthDate&limit=1' });
    expect(first.statusCode).toBe(200);
    const { items, nextCursor } = first.json<{ items: { id: string }[]; nextCursor: string }>();
    const second = await t.call(admin, { method: 'GET', url: `/api/v1/members?sort=birthDate&limit=1&cursor=${nextCursor}` });
    expect(second.statusCode).toBe(200);
    expect(second.json<{ items: { id: string }[] }>().items[0]!.id).not.toBe(items[0]!.id);
  });
});

describe('uploads', () => {
  const url = () => `/api/v1/activities/${w.A.activity}/files`;
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');

  it('answers 400 on `file` for a body that is not readable multipart, has no file, or a NUL in the file name', async () => {
    const before = await snapshot(t);
    const boundary = '----gj';
    const bodies: { payload: string | Buffer; headers: Record<string, string> }[] = [
      { payload: 'x', headers: { 'content-type': 'multipart/form-data' } },
      { payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
      multipartBody({ note: 'no file' }),
      multipartBody({}, { name: 'a.pdf', content: pdf, field: 'attachment' }),
      { payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a\u0000b.pdf"\r\n\r\n%PDF-1.4\r\n--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } },
      { payload: '{}', headers: { 'content-type': 'application/json' } },
    ];
    for (const body of bodies) {
      for (const target of [url(), `/api/v1/pairings/${w.A.pairing}/files`, `/api/v1/demands/${w.A.demand}/files`, '/api/v1/imports']) {
        const res = await t.call(admin, { method: 'POST', url: target, ...body });
        expect({ target, status: res.statusCode }).toEqual({ target, status: 400 });
        // the import reads its other fields too and may name one of them first
        if (target === '/api/v1/imports') expect(fields(res).length).toBeGreaterThan(0);
        else expect(fields(res)).toEqual(['file']);
      }
    }
    expect(changedTables(before, await snapshot(t))).toEqual([]);
  });

  it('still takes a good file', async () => {
    const body = multipartBody({}, { name: '会议记录.pdf', content: pdf, type: 'application/pdf' });
    const res = await t.call(admin, { method: 'POST', url: url(), payload: body.payload, headers: body.headers });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'application/pdf' });
  });
});

describe('a race for one new user name', () => {
  it('ends in one account, the others refused on `username` (409 from the database, 400 from the check), never 500', async () => {
    const body = { username: 'racer', password: 'a-long-enough-Passphrase-2026', roles: [{ role: 'viewer', orgId: w.A.org }] };
    const results = await Promise.all(Array.from({ length: 4 }, () => t.call(admin, { method: 'POST', url: '/api/v1/users', payload: body })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 201)) {
      expect([400, 409]).toContain(r.statusCode);
      expect(fields(r)).toEqual(['username']);
    }
  });
});
