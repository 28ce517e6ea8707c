import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../backup';
import { openDatabase, queryRows } from './client';

const SECRET = 'test-secret-key-that-is-long-enough-0123456789';
const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gj-db-'));
  chmodSync(dir, 0o755); // run as root, the server runs as its own user
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs server/testing/writeAndHang.ts until it has committed its row, then kills it with -9. */
async function writeThenKill(dir: string, name: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/testing/writeAndHang.ts', dir, SECRET, name], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('written')) resolve();
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before writing: ${out}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

// These open databases under a data directory themselves, whatever GONGJIAN_TEST_DB says.
describe('the embedded default: a PostgreSQL server under the data directory', () => {
  it('keeps a committed row when the app is killed, stops the server it left, and refuses a second opener', async () => {
    const dir = dataDir();
    await writeThenKill(dir, '被杀前写入');
    const db = await openDatabase({ url: null, dataDir: dir, engine: 'postgres', secretKey: SECRET });
    try {
      expect(await queryRows(db.db, sql`select name from orgs`)).toEqual([{ name: '被杀前写入' }]);
      expect(await queryRows(db.db, sql`show fsync`)).toEqual([{ fsync: 'on' }]);
      expect(db.kind).toBe('postgres');
      expect(db.embedded).toBe(true);
      await expect(openDatabase({ url: null, dataDir: dir, engine: 'postgres', secretKey: SECRET })).rejects.toThrow(/in use by process \d+/);
    } finally {
      await db.close();
    }
  });

  it('tells the app when its server process dies', async () => {
    const db = await openDatabase({ url: null, dataDir: dataDir(), engine: 'postgres', secretKey: SECRET });
    const died = new Promise<string>((resolve) => db.server!.onUnexpectedExit((code, signal) => resolve(String(signal ?? code))));
    process.kill(db.server!.pid, 'SIGKILL');
    expect(await died).toBe('SIGKILL');
    await expect(db.db.execute(sql`select 1`)).rejects.toThrow();
    await db.close();
  });
});

describe('PGlite under the data directory (GONGJIAN_DB=pglite)', () => {
  it('refuses a second opener with a clear message, and keeps data across reopening', async () => {
    const dir = dataDir();
    const first = await openDatabase({ url: null, dataDir: dir, engine: 'pglite' });
    await first.db.execute(sql`insert into orgs (id, path, name, type) values ('a1', 'a1', '测试党委', 'committee')`);
    await expect(openDatabase({ url: null, dataDir: dir, engine: 'pglite' })).rejects.toThrow(/in use by process \d+/);
    await first.close();
    const second = await openDatabase({ url: null, dataDir: dir, engine: 'pglite' });
    const rows = await queryRows<{ name: string }>(second.db, sql`select name from orgs`);
    expect(rows).toEqual([{ name: '测试党委' }]);
    const [wal] = await queryRows<{ max_wal_size: string }>(second.db, sql`show max_wal_size`);
    expect(wal?.max_wal_size).toBe('64MB');
    await second.close();
  });
});

describe('moving a PGlite data directory to the embedded server', () => {
  it('refuses to start an empty server beside it, and moves it with backup and restore', async () => {
    const dir = dataDir();
    const old = await openDatabase({ url: null, dataDir: dir, engine: 'pglite' });
    await old.db.execute(sql`insert into orgs (id, path, name, type) values ('m1', 'm1', '搬家前的党委', 'committee')`);
    const file = path.join(dir, 'move.jsonl.gz');
    await backup(old, file, SECRET);
    await old.close();
    await expect(openDatabase({ url: null, dataDir: dir, engine: 'postgres', secretKey: SECRET })).rejects.toThrow(/GONGJIAN_DB=pglite npm run cli -- backup/);
    rmSync(path.join(dir, 'pgdata'), { recursive: true });
    const moved = await openDatabase({ url: null, dataDir: dir, engine: 'postgres', secretKey: SECRET });
    try {
      await restore(moved, file, SECRET);
      expect(await queryRows(moved.db, sql`select name from orgs`)).toEqual([{ name: '搬家前的党委' }]);
    } finally {
      await moved.close();
    }
  });
});
