import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/harness';
import {
  BAD_CURSORS,
  BAD_QUERY,
  BAD_VALUES,
  badMultipartBodies,
  isWrite,
  leaves,
  operationsOf,
  Rand,
  sample,
  setAt,
  urlOf,
  type Operation,
} from './testing/openapi';
import { buildWorld, changedTables, snapshot, type World } from './testing/world';

// Every route of the OpenAPI document, sent what a careless or hostile client sends: NUL bytes, lone
// surrogates, blank and huge text, impossible dates, huge and fractional numbers, wrong types, unknown
// fields, broken JSON, broken cursors and broken multipart bodies, in path, query and body. No answer may
// be a server error, and a refused write must change nothing stored (every table's rows compared before
// and after). The requests come from a fixed seed, so every run sends the same ones; they are sent as the
// system administrator, whose scope lets each one reach as deep into its service as it can.

const SEED = 20261203;
/** at most this many single-field mutations of one body */
const MUTATIONS_PER_BODY = 8;
/** at most this many bad values per query parameter (every bad cursor is sent) */
const VALUES_PER_QUERY_PARAM = 6;
const BAD_PATH_VALUES = ['%00', '%ED%A0%80', 'x'.repeat(300), 'a%00b', '..%2F..%2Fetc', '1%27%20or%20%271%27%3D%271'];
const FUZZ_ADDRESS = '192.0.2.7';

let t: TestApp;
let w: World;
let ops: Operation[];

beforeAll(async () => {
  t = await startTestApp();
  w = await buildWorld(t);
  const doc = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  ops = operationsOf(doc.json());
});

afterAll(async () => {
  await t?.close();
});

/** The tree-A object a path parameter names, by the collection it follows. */
function pathParams(op: Operation): Record<string, string> {
  const out: Record<string, string> = {};
  const segments = op.path.split('/');
  for (const name of op.pathParams) {
    const collection = segments[segments.indexOf(`{${name}}`) - 1];
    const byCollection: Record<string, string | undefined> = {
      orgs: w.A.branch,
      members: w.A.member,
      activities: w.A.activity,
      pairings: w.A.pairing,
      demands: w.A.demand,
      users: w.sessions.secretaryA1.userId,
      files: w.A.activityFile,
      imports: '0190a6f2-7f5e-7c3a-8a1b-1234567890ab',
    };
    out[name] = byCollection[collection ?? ''] ?? 'no-such-id';
  }
  return out;
}

/** Ids the generated bodies point at: tree A's, so a body passes scope checks and reaches the service. */
function idFor(field: string): string | undefined {
  const f = field.replace(/\.\d+$/, '');
  if (/^(orgId|parentId|hostOrgIds|partyOrgIds|raisedByOrgId|coordinatorOrgId|newParentId|toOrgId|org)$/.test(f)) return field.endsWith('.1') ? w.A.otherBranch : w.A.branch;
  if (/memberId|MemberId|memberIds/.test(f)) return w.A.member;
  if (f === 'pairingId' || f === 'previousId') return w.A.pairing;
  if (f === 'assigneeId' || f === 'userId') return w.sessions.secretaryA1.userId;
  return undefined;
}

interface Case {
  what: string;
  request: InjectOptions;
}

function casesOf(op: Operation, rand: Rand): Case[] {
  const params = pathParams(op);
  const url = (query = '', p = params) => urlOf(op, p, query);
  const cases: Case[] = [];
  const json = (what: string, payload: unknown, path = url()): Case => ({
    what,
    request: { method: op.method, url: path, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } },
  });

  for (const name of op.pathParams) {
    // each refused write costs a comparison of every table: writes get the three that reach deepest
    for (const bad of isWrite(op) ? BAD_PATH_VALUES.slice(0, 3) : BAD_PATH_VALUES) cases.push({ what: `path ${name}=${bad.slice(0, 20)}`, request: { method: op.method, url: url('', { ...params, [name]: bad }) } });
  }

  if (op.query.length) {
    const valid = op.query
      .filter((q) => q.required)
      .map((q) => `${q.name}=${encodeURIComponent(String(sample(q.schema, rand, w.today, idFor, q.name)))}`)
      .join('&');
    cases.push({ what: 'query valid', request: { method: op.method, url: url(valid) } });
    for (const q of op.query) {
      const values = q.name === 'cursor' ? BAD_CURSORS : Array.from({ length: VALUES_PER_QUERY_PARAM }, () => rand.pick(BAD_QUERY));
      for (const v of new Set(values)) {
        cases.push({ what: `query ${q.name}=${v.slice(0, 20)}`, request: { method: op.method, url: url([valid, `${q.name}=${v}`].filter(Boolean).join('&')) } });
      }
    }
    const sort = op.query.find((q) => q.name === 'sort');
    if (sort?.schema.enum && op.query.some((q) => q.name === 'cursor')) {
      for (const s of sort.schema.enum) for (const c of BAD_CURSORS.slice(3, 11)) cases.push({ what: `sort=${String(s)} cursor=${c.slice(0, 12)}`, request: { method: op.method, url: url(`sort=${String(s)}&cursor=${c}`) } });
    }
  }

  if (op.multipart) {
    for (const b of badMultipartBodies()) {
      cases.push({ what: `multipart: ${b.name}`, request: { method: op.method, url: url(), payload: b.payload, headers: { 'content-type': b.contentType } } });
    }
  } else if (op.body) {
    const base = sample(op.body, rand, w.today, idFor);
    cases.push(json('body valid', base), json('body valid (another)', sample(op.body, rand, w.today, idFor)));
    for (const whole of [null, [], 'text', 42, {}, { unknownField: 1 }]) cases.push(json(`body ${JSON.stringify(whole)}`, whole));
    cases.push({ what: 'body broken JSON', request: { method: op.method, url: url(), payload: '{"a":', headers: { 'content-type': 'application/json' } } });
    cases.push({ what: 'body as text/plain', request: { method: op.method, url: url(), payload: 'a\u0000b', headers: { 'content-type': 'text/plain' } } });
    cases.push({ what: 'body NUL key', request: { method: op.method, url: url(), payload: '{"a\\u0000":1}', headers: { 'content-type': 'application/json' } } });
    const paths = leaves(base).filter((p) => p.length);
    for (let i = 0; i < MUTATIONS_PER_BODY && paths.length; i++) {
      const path = rand.pick(paths);
      const bad = rand.pick(BAD_VALUES);
      cases.push(json(`body ${path.join('.')}=${JSON.stringify(bad)?.slice(0, 20)}`, setAt(base, path, bad)));
    }
  } else if (isWrite(op) && !op.pathParams.length) {
    cases.push({ what: 'no body', request: { method: op.method, url: url() } });
  }
  return cases;
}

describe('fuzz: every route, generated from the OpenAPI document', () => {
  it('never answers with a server error, and a refused write changes nothing', async () => {
    const rand = new Rand(SEED);
    const failures: string[] = [];
    let requests = 0;
    let refusedWrites = 0;
    const statuses = new Map<number, number>();
    const started = Date.now();
    let snapshotMs = 0;
    let state = await snapshot(t);
    // the routes that end the caller's session go last, so the others run signed in
    const ordered = [...ops].sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    for (const op of ordered) {
      for (const c of casesOf(op, rand)) {
        const res = await t.call(w.sessions.admin, { ...c.request, remoteAddress: FUZZ_ADDRESS });
        requests += 1;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const label = `${op.method} ${op.path} [${c.what}] → ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${label} ${res.body.slice(0, 200)}`);
        if (isWrite(op)) {
          const s0 = Date.now();
          const after = await snapshot(t);
          snapshotMs += Date.now() - s0;
          if (res.statusCode >= 400) {
            refusedWrites += 1;
            // a failed sign-in is recorded in the audit trail by design
            const changed = changedTables(state, after).filter((name) => !(op.path === '/api/v1/auth/login' && name === 'audit_events'));
            if (changed.length) failures.push(`${label} changed ${changed.join(', ')}`);
          }
          state = after;
        }
        if (res.statusCode === 401) {
          await w.relogin('admin');
          // the harness's own sign-in writes (the session, its audit event, the account's last sign-in): not the next request's
          state = await snapshot(t);
        }
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(
      `fuzz (${process.env.GONGJIAN_TEST_DB}): ${ops.length} routes, ${requests} requests, ${refusedWrites} refused writes checked, ` +
        `${failures.filter((f) => / → 5\d\d/.test(f)).length} server errors, ${failures.filter((f) => f.includes(' changed ')).length} changes by refused writes, ${seconds} s (${(snapshotMs / 1000).toFixed(1)} s comparing tables); ` +
        `statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(failures).toEqual([]);
  }, 300_000);
});
