import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from './audit';
import { backup, restore } from './backup';
import { seedTwoTrees, startTestApp, type TestApp } from './testing/harness';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  dir = mkdtempSync(path.join(tmpdir(), 'gj-backup-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores exactly what was backed up, undoing later changes, with an intact audit chain', async () => {
    const admin = await t.login('admin');
    const file = path.join(dir, 'snapshot.jsonl.gz');
    const before = (await t.call(admin, { method: 'GET', url: `/api/v1/members/${ids.memberA1}` })).json();
    const counts = await backup(t.database, file);
    expect(counts.members).toBe(2);
    expect(counts.orgs).toBe(5);

    await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { name: '改名后' } });
    await t.call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { parentId: ids.A, name: '备份后新建', type: 'branch' } });

    await restore(t.database, file);
    const again = await t.login('admin');
    const after = (await t.call(again, { method: 'GET', url: `/api/v1/members/${ids.memberA1}` })).json();
    expect(after).toEqual(before); // decrypted ID-card number and all
    const found = (await t.call(again, { method: 'GET', url: `/api/v1/orgs?q=${encodeURIComponent('备份后新建')}` })).json().items;
    expect(found).toEqual([]);
    expect((await t.call(again, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json().memberCount).toBe(1);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
    // new events continue the restored chain
    await t.call(again, { method: 'PATCH', url: `/api/v1/orgs/${ids.A}`, payload: { contactName: '恢复后' } });
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
  });

  it('refuses a file that is not a backup, changing nothing', async () => {
    const bogus = path.join(dir, 'bogus.jsonl.gz');
    const { createGzip } = await import('node:zlib');
    const { pipeline } = await import('node:stream/promises');
    const { Readable } = await import('node:stream');
    const { createWriteStream } = await import('node:fs');
    await pipeline(Readable.from(['{"hello":"world"}\n']), createGzip(), createWriteStream(bogus));
    await expect(restore(t.database, bogus)).rejects.toThrow(/not a gongjian backup/);
    const admin = await t.login('admin');
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).statusCode).toBe(200);
  });
});
