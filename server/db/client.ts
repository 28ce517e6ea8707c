import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from './embeddedPostgres';
import * as activitiesSchema from './schema/activities';
import * as assessmentsSchema from './schema/assessments';
import * as auditSchema from './schema/audit';
import * as authSchema from './schema/auth';
import * as complianceSchema from './schema/compliance';
import * as projectsSchema from './schema/projects';
import * as importsSchema from './schema/imports';
import * as membersSchema from './schema/members';
import * as orgsSchema from './schema/orgs';
import * as pairingsSchema from './schema/pairings';

export const schema = { ...orgsSchema, ...membersSchema, ...authSchema, ...auditSchema, ...importsSchema, ...activitiesSchema, ...pairingsSchema, ...complianceSchema, ...projectsSchema, ...assessmentsSchema };
export type Schema = typeof schema;
/** A database or an open transaction: services take either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  /** the SQL engine: node-postgres (a server, embedded or not) or PGlite in this process */
  kind: 'pglite' | 'postgres';
  /** the database lives under the data directory (the embedded default or PGlite on disk) */
  embedded: boolean;
  /** PGlite only: the in-process database, for backup */
  pglite: PGlite | null;
  pool: pg.Pool | null;
  /** the embedded PostgreSQL server this process started, if any */
  server: EmbeddedServer | null;
  close(): Promise<void>;
}

/**
 * Where the data lives: `DATABASE_URL` (a PostgreSQL server), else under the data directory on the
 * embedded PostgreSQL server (`postgres`, the default) or in-process PGlite (`pglite`); no data
 * directory means in-memory PGlite (tests).
 */
export type Engine = 'postgres' | 'pglite';

export interface OpenOptions {
  url: string | null;
  dataDir: string | null;
  engine?: Engine;
  /** derives the embedded server's password */
  secretKey?: string;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite does not lock its directory; two processes writing it would corrupt it. */
function takeLock(dir: string): () => void {
  const file = path.join(dir, 'gongjian.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && processAlive(holder)) {
        throw new Error(
          `the embedded database in ${dir} is in use by process ${holder}; stop it first, or set GONGJIAN_DATA_DIR to another directory`,
          { cause: e },
        );
      }
      rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`could not lock ${file}`);
}

export const PGLITE_EXTENSIONS = { ltree, pg_trgm };

// Drizzle reads dates, timestamps and intervals (and arrays of them) as PostgreSQL writes them
const AS_WRITTEN = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];

/**
 * The PGlite handle Drizzle gets. Drizzle asks for those types as written with a `parsers` option on
 * every query, and PGlite merges it into a copy of its parser table for each such query: about
 * 150 µs a query here, a third of an organization detail's time (bench/limit.ts). The instance reads
 * those types as written already (openPglite), so the option is dropped, also on a transaction's
 * queries.
 */
function withoutQueryParsers<T extends PGlite | Transaction>(client: T): T {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') {
        return (query: string, params?: unknown[], options?: Parameters<T['query']>[2]) =>
          target.query(query, params, options?.parsers ? { ...options, parsers: undefined } : options);
      }
      if (prop === 'transaction' && 'transaction' in target) {
        return <R>(fn: (tx: Transaction) => Promise<R>) => target.transaction((tx) => fn(withoutQueryParsers(tx)));
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Opens PGlite with every extension the schema uses (they must be loaded on each open). */
export async function openPglite(dataDir: string | null): Promise<PGlite> {
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    extensions: PGLITE_EXTENSIONS,
    parsers: Object.fromEntries(AS_WRITTEN.map((type) => [type, (value: string) => value])),
    // the default pre-allocates 1 GB of WAL
    postgresqlconf: 'max_wal_size = 64MB\nmin_wal_size = 32MB\n',
  });
}

async function openPool(url: string, server: EmbeddedServer | null, release: () => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (restart, admin command) emits 'error' on the pool; without a
  // listener that would crash the process. The pool drops the client and opens a new one on demand.
  pool.on('error', (err) => console.warn(`database connection lost: ${err.message}`));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  try {
    await migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS });
  } catch (e) {
    await pool.end();
    throw e;
  }
  return {
    db,
    kind: 'postgres',
    embedded: server !== null,
    pglite: null,
    pool,
    server,
    close: async () => {
      await pool.end();
      await server?.stop();
      release();
    },
  };
}

/**
 * A data directory from before the embedded server was the default holds a PGlite database. Starting
 * an empty server beside it would look like lost data: say how to move it instead.
 */
function refuseUnmovedPglite(dataDir: string): void {
  const moved = existsSync(path.join(dataDir, 'postgres', 'PG_VERSION')) || existsSync(path.join(dataDir, 'postgres.location'));
  if (moved || !existsSync(path.join(dataDir, 'pgdata'))) return;
  throw new Error(
    `${dataDir} holds a PGlite database (pgdata), and the embedded default is now a PostgreSQL server. Move the data once:\n` +
      `  GONGJIAN_DB=pglite npm run cli -- backup gongjian-backup.jsonl.gz\n` +
      `  mv ${path.join(dataDir, 'pgdata')} ${path.join(dataDir, 'pgdata.moved')}\n` +
      `  npm run cli -- restore gongjian-backup.jsonl.gz\n` +
      `or keep PGlite with GONGJIAN_DB=pglite.`,
  );
}

/** Opens the database the options name (see Engine) and applies migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPool(opts.url, null, () => {});
  let release = (): void => {};
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    release = takeLock(opts.dataDir);
  }
  try {
    if (opts.dataDir && (opts.engine ?? 'postgres') === 'postgres') {
      if (!opts.secretKey) throw new Error('the embedded PostgreSQL server needs the secret key');
      refuseUnmovedPglite(opts.dataDir);
      const server = await startEmbeddedPostgres({ dataDir: opts.dataDir, secretKey: opts.secretKey });
      try {
        return await openPool(server.url, server, release);
      } catch (e) {
        await server.stop();
        throw e;
      }
    }
    const client = await openPglite(opts.dataDir ? path.join(opts.dataDir, 'pgdata') : null);
    const raw = drizzlePglite(withoutQueryParsers(client), { schema });
    await migratePglite(raw, { migrationsFolder: MIGRATIONS });
    return {
      db: raw as unknown as Db,
      kind: 'pglite',
      embedded: opts.dataDir !== null,
      pglite: client,
      pool: null,
      server: null,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Rows of a raw SQL query, on either driver (both return `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
