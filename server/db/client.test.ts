import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from './client';

const dir = mkdtempSync(path.join(tmpdir(), 'gj-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The embedded database only; the PostgreSQL project runs it too, and it checks the same thing.
describe('embedded database directory', () => {
  it('refuses a second opener with a clear message, and keeps data across reopening', async () => {
    const first = await openDatabase({ url: null, dataDir: dir });
    await first.db.execute(sql`insert into orgs (id, path, name, type) values ('a1', 'a1', '测试党委', 'committee')`);
    await expect(openDatabase({ url: null, dataDir: dir })).rejects.toThrow(/in use by process \d+/);
    await first.close();
    const second = await openDatabase({ url: null, dataDir: dir });
    const rows = await queryRows<{ name: string }>(second.db, sql`select name from orgs`);
    expect(rows).toEqual([{ name: '测试党委' }]);
    const [wal] = await queryRows<{ max_wal_size: string }>(second.db, sql`show max_wal_size`);
    expect(wal?.max_wal_size).toBe('64MB');
    await second.close();
  });
});
