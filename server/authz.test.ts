import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/harness';
import { isWrite, operationsOf, Rand, sample, urlOf, type Operation } from './testing/openapi';
import { multipartBody } from './testing/uploads';
import { buildWorld, ROLES, type Role, type Side, type World } from './testing/world';

// The authorization walk: every route of the OpenAPI document, called by every role (the system
// administrator, tree A's organization admin, branch secretary, member and viewer, and nobody signed
// in) against the objects of tree A and of tree B. Nobody but the administrator may be scoped to tree
// B, so no answer to them may carry a tree-B id or name (unless the request itself named it), and no
// write of theirs aimed at tree B may succeed. Reads go first, then writes; no answer may be a 5xx.

const SEED = 8;
const SCOPED_TO_A: readonly Role[] = ['orgAdminA', 'secretaryA1', 'memberA1', 'viewerA', 'anonymous'];
/** routes anyone may call without signing in, by design */
const PUBLIC_WRITES = new Set(['POST /api/v1/auth/login']);
/** the walk's own address, so its failed sign-ins never lock out the harness's logins */
const WALK_ADDRESS = '192.0.2.8';

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

/** The side's object a path parameter names, by the collection it follows. */
function paramsFor(op: Operation, side: Side): Record<string, string> {
  const segments = op.path.split('/');
  const out: Record<string, string> = {};
  for (const name of op.pathParams) {
    const collection = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
    const byCollection: Record<string, string> = {
      orgs: side.branch,
      members: side.member,
      activities: side.activity,
      pairings: side.pairing,
      demands: side.demand,
      files: side.activityFile,
    };
    out[name] = byCollection[collection] ?? 'no-such-id';
  }
  return out;
}

function idsFor(side: Side) {
  return (field: string): string | undefined => {
    const f = field.replace(/\.\d+$/, '');
    if (/^(orgId|parentId|hostOrgIds|partyOrgIds|raisedByOrgId|coordinatorOrgId|newParentId|toOrgId|org|organizer|coordinator|within|parent)$/.test(f)) {
      return field.endsWith('.1') ? side.otherBranch : side.branch;
    }
    if (/memberId|MemberId|memberIds/.test(f)) return side.member;
    if (f === 'pairingId' || f === 'pairing' || f === 'previousId') return side.pairing;
    return undefined;
  };
}

function requestFor(op: Operation, side: Side, rand: Rand): InjectOptions {
  const ids = idsFor(side);
  const query = op.query
    .filter((q) => q.required || ids(q.name) !== undefined)
    .map((q) => `${q.name}=${encodeURIComponent(String(sample(q.schema, rand, w.today, ids, q.name)))}`)
    .join('&');
  const url = urlOf(op, paramsFor(op, side), query);
  if (op.multipart) {
    const body = multipartBody(op.path === '/api/v1/imports' ? { kind: 'orgs', dryRun: 'true' } : {}, { name: 'walk.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), type: 'application/pdf' });
    return { method: op.method, url, payload: body.payload, headers: body.headers };
  }
  if (op.body) return { method: op.method, url, payload: JSON.stringify(sample(op.body, rand, w.today, ids)), headers: { 'content-type': 'application/json' } };
  return { method: op.method, url };
}

const requestText = (r: InjectOptions) => `${r.url as string} ${typeof r.payload === 'string' ? r.payload : Buffer.isBuffer(r.payload) ? r.payload.toString('latin1') : ''}`;

describe('authorization walk: every route, every role, in and out of scope', () => {
  it('leaks nothing of another tree, accepts no write aimed at it, and never fails with a server error', async () => {
    const rand = new Rand(SEED);
    const problems: string[] = [];
    let requests = 0;
    let leaks = 0;
    let serverErrors = 0;
    let outOfScopeWrites = 0;
    const slow = new Map<string, number>();
    /** answers to the administrator that carry tree B: the leak check sees tree B where it may be seen */
    let adminSawB = 0;
    const send = async (role: Role, request: InjectOptions): Promise<LightMyRequestResponse> => {
      request = { ...request, remoteAddress: WALK_ADDRESS };
      if (role === 'anonymous') return t.call(null, request);
      let res = await t.call(w.sessions[role], request);
      if (res.statusCode === 401) {
        // an earlier walk step signed this role out (logout, password change): sign in and try again
        await w.relogin(role);
        res = await t.call(w.sessions[role], request);
      }
      return res;
    };
    // reads, then writes; the routes that end a session last
    const ordered = [...ops].sort((a, b) => Number(isWrite(a)) - Number(isWrite(b)) || Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    for (const op of ordered) {
      const key = `${op.method} ${op.path}`;
      for (const role of ROLES) {
        for (const [sideName, side] of [['A', w.A], ['B', w.B]] as const) {
          const request = requestFor(op, side, rand);
          const t0 = Date.now();
          const res = await send(role, request);
          slow.set(key, (slow.get(key) ?? 0) + Date.now() - t0);
          requests += 1;
          const label = `${role} ${key} on ${sideName} → ${res.statusCode}`;
          if (res.statusCode >= 500) {
            serverErrors += 1;
            problems.push(`${label} ${res.body.slice(0, 160)}`);
          }
          if (role === 'admin' && w.secretsOfB.some((s) => res.rawPayload.toString('utf8').includes(s))) adminSawB += 1;
          if (SCOPED_TO_A.includes(role)) {
            const asked = requestText(request);
            const body = res.rawPayload.toString('utf8');
            const leaked = w.secretsOfB.filter((s) => body.includes(s) && !asked.includes(s));
            if (leaked.length) {
              leaks += 1;
              problems.push(`${label} leaks ${leaked.join(', ')}`);
            }
            // aimed at tree B when it names a tree-B object; routes about the caller alone (tokens, logout) are not
            const aimedAtB = role === 'anonymous' || (sideName === 'B' && w.secretsOfB.some((s) => asked.includes(s)));
            if (isWrite(op) && aimedAtB && res.statusCode < 300 && !PUBLIC_WRITES.has(key)) {
              outOfScopeWrites += 1;
              problems.push(`${label}: write accepted out of scope`);
            }
          }
        }
      }
    }
    console.info(
      `authorization walk (${process.env.GONGJIAN_TEST_DB}): ${ops.length} routes × ${ROLES.length} roles × 2 trees, ${requests} requests, ` +
        `${serverErrors} server errors, ${leaks} leaks, ${outOfScopeWrites} out-of-scope writes accepted`,
    );
    console.info('slowest routes (ms):', [...slow].sort((a, b) => b[1] - a[1]).slice(0, 5));
    expect(adminSawB).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  }, 300_000);
});
