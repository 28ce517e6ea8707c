// QR sign-in throughput on the embedded database (issue 3): N members of one branch sign in to one
// activity over real HTTP on loopback, as fast as the server takes them, bounded in count and time.
//
//   npx tsx bench/signin.ts                 # 500 members, 50 at a time, the embedded PostgreSQL server in a temp dir
//   npx tsx bench/signin.ts --engine pglite # PGlite in a temp dir
//   DATABASE_URL=postgres://…/empty_db npx tsx bench/signin.ts
//
// Accounts and sessions are written straight into the database (one shared password hash): the
// benchmark measures signing in to the activity, not argon2 at login. Prints throughput, latency
// percentiles, errors, and how long the last member waited after the first one started.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { hash } from '@node-rs/argon2';
import { buildApp } from '../server/app';
import { systemCtx } from '../server/bootstrap';
import { openDatabase } from '../server/db/client';
import { sessions, users } from '../server/db/schema/auth';
import { members } from '../server/db/schema/members';
import { orgCounts, orgs } from '../server/db/schema/orgs';
import { newId } from '../server/ids';
import { attendance, createActivity } from '../server/modules/activities/service';
import { currentCode } from '../server/modules/activities/signInCodes';
import { makeIdNumber } from '../domain/idcard';
import { benchConfig, deadline, ms, parseArgs, reportResult, stats } from './common';

const args = parseArgs();
const N = args.number('members', 500);
const CONCURRENCY = args.number('concurrency', 50);
/** N phones, `concurrency` at a time, each signing in once with its own session; answers latencies and errors. */
const PHONES = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, code, cookies, concurrency } = workerData;
const latencies = [];
let errors = 0;
let next = 0;
async function phone() {
  for (;;) {
    const i = next++;
    if (i >= cookies.length) return;
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'gj_session=' + cookies[i], 'x-csrf-token': 'csrf' + i },
      body: JSON.stringify({ code }),
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (res.status !== 200) errors++;
  }
}
Promise.all(Array.from({ length: concurrency }, phone)).then(() => parentPort.postMessage({ latencies, errors }));
`;
const guard = deadline(args.number('max-minutes', 5), 'sign-in benchmark');

// the embedded default (a PostgreSQL server with the app's own settings, fsync on) unless --engine pglite
const engine = args.get('engine') === 'pglite' ? 'pglite' : 'postgres';
const work = mkdtempSync(path.join(tmpdir(), 'gj-bench-signin-'));
// the embedded server runs as the postgres system user when started as root
chmodSync(work, 0o755);
const config = benchConfig(work);
const database = await openDatabase({ url: process.env.DATABASE_URL ?? null, dataDir: process.env.DATABASE_URL ? null : work, engine, secretKey: config.secretKey });
try {
  const ctx = systemCtx(database, config);
  const branchId = newId();
  await database.db.insert(orgs).values({ id: branchId, path: branchId, name: '压测党支部', type: 'branch', foundedOn: '2010-01-01' });
  await database.db.insert(orgCounts).values({ orgId: branchId });
  const passwordHash = await hash('not-used-for-login');
  const cookies: string[] = [];
  const memberRows = [];
  const userRows = [];
  const sessionRows = [];
  for (let i = 0; i < N; i++) {
    const memberId = newId();
    const userId = newId();
    const cookie = randomBytes(32).toString('base64url');
    const birth = `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 9}`;
    memberRows.push({ id: memberId, orgId: branchId, orgPath: branchId, name: `压测党员${i}`, gender: 'male', birthDate: birth, joinedOn: '2015-07-01', fullOn: '2016-07-01', status: 'full', category: 'in_service', idNumberHash: createHash('sha256').update(makeIdNumber('430302', birth, i)).digest('hex') });
    userRows.push({ id: userId, username: `bench${i}`, passwordHash, memberId });
    sessionRows.push({ tokenHash: createHash('sha256').update(cookie).digest('hex'), userId, csrfToken: `csrf${i}`, expiresAt: new Date(Date.now() + 3600_000) });
    cookies.push(cookie);
  }
  for (let i = 0; i < N; i += 500) {
    await database.db.insert(members).values(memberRows.slice(i, i + 500));
    await database.db.insert(users).values(userRows.slice(i, i + 500));
    await database.db.insert(sessions).values(sessionRows.slice(i, i + 500));
  }
  const now = Date.now();
  const activity = await createActivity(ctx, {
    type: 'theme_day',
    hostOrgIds: [branchId],
    startsAt: new Date(now - 600_000).toISOString(),
    endsAt: new Date(now + 3600_000).toISOString(),
    theme: '压测主题党日',
  });
  const app = await buildApp({ database, config });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });

  // The phones run in a thread of their own, as separate devices would, so they do not queue on the
  // server's event loop (they still share the machine's cores). The code is read off the screen
  // once; a code stays valid for its 30-second window and the next.
  const code = currentCode(config.secretKey, activity.id).digits;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const phones = new Worker(PHONES, {
    eval: true,
    workerData: { url: `${address}/api/v1/activities/${activity.id}/sign-in`, code, cookies, concurrency: CONCURRENCY },
  });
  const { latencies, errors } = await new Promise<{ latencies: number[]; errors: number }>((resolve, reject) => {
    phones.once('message', resolve);
    phones.once('error', reject);
  });
  await phones.terminate();
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const s = stats(latencies);
  const present = (await attendance(ctx, activity.id)).counts.present;
  console.log(`database: ${database.kind}; members: ${N}; concurrency: ${CONCURRENCY}`);
  console.log(`all signed in after ${ms(elapsed)} (${(N / (elapsed / 1000)).toFixed(0)} sign-ins/s); errors: ${errors}; present in the attendance list: ${present}`);
  console.log(`latency median ${ms(s.median)}, p95 ${ms(s.p95)}, max ${ms(s.max)}`);
  // on a shared machine the wall-clock figures follow its load; the CPU this process spent does not
  // (the app, the in-process clients and, on PGlite, the database itself)
  console.log(`CPU of this process (server and phone thread) per sign-in: ${ms((cpu.user + cpu.system) / 1000 / N)}`);
  reportResult({ figure: `QR sign-in, ${N} members, ${CONCURRENCY} at a time, ${database.kind}: p95`, target: '< 300 ms', measured: `${ms(s.p95)} ms`, ok: s.p95 < 300 });
  reportResult({ figure: `QR sign-in errors, ${database.kind}`, target: '0', measured: String(errors), ok: errors === 0 && present === N });
  await app.close();
} finally {
  clearTimeout(guard);
  await database.close();
  rmSync(work, { recursive: true, force: true });
}
