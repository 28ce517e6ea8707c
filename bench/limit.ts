// How close the app comes to the database's own limit (issue 12, part 6). In one process and one
// run, on the embedded PostgreSQL server and on PGlite, with the demo data plus --members members:
// the member list and an organization's detail through the whole app (session, authorization,
// schema, serialization), and through a bare Fastify route that issues exactly the same SQL — the
// statements the app ran for one such request, recorded from the driver and replayed in order.
// The ratio app/bare is what the app keeps of what the database and HTTP can give (target ≥ 0.7).
// Both sides are loaded unmeasured first (--warm-seconds), then measured in --rounds rounds taken in
// turn; the round of the median ratio is reported, with every round's ratio beside it.
//
//   npx tsx bench/limit.ts [--members 20000] [--seconds 8] [--connections 50] [--warm-seconds 2] [--rounds 3] [--max-minutes 10] [--only postgres|pglite]
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app';
import { bootstrap } from '../server/bootstrap';
import { loadConfig } from '../server/config';
import { openDatabase, type Database, type Engine } from '../server/db/client';
import { orgs } from '../server/db/schema/orgs';
import { addMembers, autocannon, deadline, parseArgs, reportResult, type LoadResult } from './common';

const args = parseArgs();
const MEMBERS = args.number('members', 20_000);
const SECONDS = args.number('seconds', 8);
const CONNECTIONS = args.number('connections', 50);
const WARM_SECONDS = args.number('warm-seconds', 2);
const ROUNDS = args.number('rounds', 3);
deadline(args.number('max-minutes', 10), 'limit');

interface Statement {
  text: string;
  values: unknown[];
  /** the name of a prepared statement (server/db/prepared.ts): replayed under it, so both sides parse it once a connection */
  name?: string;
}

/** Records the SQL the app's driver runs while `on` is set. */
function recorder(database: Database) {
  const seen: Statement[] = [];
  let on = false;
  const record = (text: unknown, values: unknown) => {
    if (!on) return;
    const config = typeof text === 'string' ? { text } : (text as { text: string; name?: string });
    seen.push({ text: config.text, values: Array.isArray(values) ? values : [], ...(config.name ? { name: config.name } : {}) });
  };
  if (database.pool) {
    const original = database.pool.query.bind(database.pool) as (...a: unknown[]) => Promise<unknown>;
    (database.pool as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
      record(text, values ?? (text as { values?: unknown[] }).values);
      return original(text, values, ...rest);
    };
  } else if (database.pglite) {
    const client = database.pglite as unknown as { query: (...a: unknown[]) => Promise<unknown> };
    const original = client.query.bind(client);
    client.query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
      record(text, values);
      return original(text, values, ...rest);
    };
  }
  return {
    async during(fn: () => Promise<unknown>): Promise<Statement[]> {
      seen.length = 0;
      on = true;
      await fn();
      on = false;
      return [...seen];
    },
  };
}

/** The statements in order; answers every statement's rows, as the app reads all of them to build its answer. */
async function replay(database: Database, statements: Statement[]): Promise<unknown> {
  const results: unknown[] = [];
  for (const s of statements) {
    if (database.pool) results.push((await database.pool.query({ text: s.text, values: s.values, ...(s.name ? { name: s.name } : {}) })).rows);
    else results.push((await database.pglite!.query(s.text, s.values)).rows);
  }
  return results;
}

interface Round {
  whole: LoadResult;
  plain: LoadResult;
  ratio: number;
}

/** the round of the median ratio: its figures are one run's, not a mix of several */
function median(rounds: Round[]): Round {
  return [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)]!;
}

const run = (url: string, cookie?: string, seconds = SECONDS): Promise<LoadResult> =>
  autocannon({ url, connections: CONNECTIONS, duration: seconds, ...(cookie ? { headers: { cookie } } : {}) });

async function measure(engine: Engine) {
  const dir = mkdtempSync(path.join(tmpdir(), `gj-limit-${engine}-`));
  chmodSync(dir, 0o755);
  const secretKey = randomBytes(32).toString('base64url');
  const adminPassword = 'bench-Admin-Passw0rd-2026';
  const config = loadConfig({ ...process.env, GONGJIAN_DATA_DIR: dir, GONGJIAN_DB: engine, GONGJIAN_SECRET_KEY: secretKey, GONGJIAN_ADMIN_PASSWORD: adminPassword, GONGJIAN_DEMO: '1', LOG_LEVEL: 'silent', DATABASE_URL: '' });
  const database = await openDatabase({ url: null, dataDir: dir, engine, secretKey });
  const apps: { close(): Promise<unknown> }[] = [];
  try {
    await bootstrap(database, config);
    const branchId = await addMembers(database, MEMBERS);
    await database.db.execute(sql`analyze`);
    const [branch] = await database.db.select({ id: orgs.id }).from(orgs).where(sql`${orgs.id} = ${branchId}`);
    const app = await buildApp({ database, config });
    apps.push(app);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const routes = { members: '/api/v1/members?limit=50', org: `/api/v1/orgs/${branch!.id}` };

    const rec = recorder(database);
    const captured: Record<string, Statement[]> = {};
    for (const [name, route] of Object.entries(routes)) {
      await fetch(`${url}${route}`, { headers: { cookie } }); // warm: the session is cached after this
      captured[name] = await rec.during(async () => {
        const r = await fetch(`${url}${route}`, { headers: { cookie } });
        if (!r.ok) throw new Error(`${route}: ${r.status}`);
        await r.arrayBuffer();
      });
    }
    const bare = Fastify({ logger: false });
    apps.push(bare);
    for (const name of Object.keys(routes)) bare.get(`/bare/${name}`, () => replay(database, captured[name]!));
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    for (const name of Object.keys(routes)) {
      const probe = await fetch(`${bareUrl}/bare/${name}`);
      if (!probe.ok) throw new Error(`the bare ${name} failed: ${probe.status} ${await probe.text()}`);
    }

    const rows = [];
    for (const [name, route] of Object.entries(routes)) {
      const throughApp = (seconds?: number) => run(`${url}${route}`, cookie, seconds);
      const throughBare = (seconds?: number) => run(`${bareUrl}/bare/${name}`, undefined, seconds);
      // unmeasured load first, so both sides are measured compiled and warm as a running server is: the app has far
      // more code for the JIT to optimize than the bare route, and its first seconds measured that instead
      await throughApp(WARM_SECONDS);
      await throughBare(WARM_SECONDS);
      // rounds in turn (app then bare, bare then app, …) so a slow spell of a shared machine falls on both sides
      const rounds: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        let whole: LoadResult, plain: LoadResult;
        if (i % 2 === 0) {
          whole = await throughApp();
          plain = await throughBare();
        } else {
          plain = await throughBare();
          whole = await throughApp();
        }
        rounds.push({ whole, plain, ratio: whole.requests.average / plain.requests.average });
      }
      rows.push({ name: name === 'members' ? 'member list' : 'organization detail', statements: captured[name]!.length, rounds });
    }
    return rows;
  } finally {
    for (const a of apps) await a.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`\n${MEMBERS} members + demo; ${CONNECTIONS} connections, ${SECONDS} s each\n`);
console.log('| database | route | SQL statements | app req/s · p50 · p99 ms | bare route req/s · p50 · p99 ms | ratio, median of rounds (each round) |');
console.log('|---|---|---|---|---|---|');
// --only postgres|pglite: one engine (npm run bench's small scale: PGlite's demo alone takes a minute to load)
const only = args.get('only');
for (const engine of (['postgres', 'pglite'] as const).filter((e) => !only || e === only)) {
  for (const r of await measure(engine)) {
    const cell = (l: LoadResult) => `${l.requests.average.toFixed(0)} · ${l.latency.p50} · ${l.latency.p99}${l.errors + l.non2xx ? ` (${l.errors + l.non2xx} errors)` : ''}`;
    const m = median(r.rounds);
    const each = r.rounds.map((x) => x.ratio.toFixed(2)).join(', ');
    console.log(`| ${engine === 'postgres' ? 'embedded PostgreSQL' : 'PGlite'} | ${r.name} | ${r.statements} | ${cell(m.whole)} | ${cell(m.plain)} | ${m.ratio.toFixed(2)} (${each}) |`);
    reportResult({ figure: `${r.name} through the app / bare route, ${engine}, ${CONNECTIONS} connections`, target: '≥ 0.7', measured: m.ratio.toFixed(2), ok: m.ratio >= 0.7 });
  }
}
process.exit(0);
