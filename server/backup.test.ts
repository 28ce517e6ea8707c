import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from './audit';
import { sha256 } from './crypto';
import { backup, restore, verifyBackup } from './backup';
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
    const counts = await backup(t.database, file, t.config.secretKey);
    expect(counts.members).toBe(2);
    expect(counts.orgs).toBe(5);

    await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { name: '改名后' } });
    await t.call(admin, { method: 'POST', url: '/api/v1/orgs', payload: { parentId: ids.A, name: '备份后新建', type: 'branch' } });

    await restore(t.database, file, t.config.secretKey);
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
    await expect(restore(t.database, bogus, t.config.secretKey)).rejects.toThrow(/not a gongjian backup/);
    const admin = await t.login('admin');
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).statusCode).toBe(200);
  });

  it('writes a file only its owner can read, without sessions, API tokens or login throttling', async () => {
    const admin = await t.login('admin');
    const { token } = (await t.call(admin, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: '备份测试' } })).json();
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'viewerA', password: 'wrong-password' } });
    const file = path.join(dir, 'private.jsonl.gz');
    writeFileSync(file, 'an older file, world-readable', { mode: 0o644 });
    const counts = await backup(t.database, file, t.config.secretKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    const tables = text.trim().split('\n').slice(1).map((l) => JSON.parse(l).table).filter(Boolean);
    expect(tables).toContain('users');
    expect(tables).not.toEqual(expect.arrayContaining(['sessions']));
    expect(tables.some((n: string) => ['sessions', 'api_tokens', 'login_throttle'].includes(n))).toBe(false);
    expect(counts).not.toHaveProperty('sessions');
    expect(text).not.toContain(sha256(token));
    expect(text).not.toContain(admin.headers.cookie!.split('=')[1]!);
    // a restore ends every session and token: they were not in the file
    await restore(t.database, file, t.config.secretKey);
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/users/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/orgs', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('refuses to restore under another secret key, before changing anything', async () => {
    const file = path.join(dir, 'keyed.jsonl.gz');
    await backup(t.database, file, t.config.secretKey);
    const admin = await t.login('admin');
    await t.call(admin, { method: 'PATCH', url: `/api/v1/orgs/${ids.A}`, payload: { contactName: '密钥不符之后' } });
    const otherKey = 'another-secret-key-of-another-installation-0123';
    await expect(restore(t.database, file, otherKey)).rejects.toThrow(/made with another secret key.*Nothing was changed/);
    await expect(verifyBackup(t.database, file, otherKey)).rejects.toThrow(/another secret key/);
    const org = (await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json();
    expect(org.contactName).toBe('密钥不符之后');
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/members/${ids.memberA1}` })).statusCode).toBe(200);
  });

  it('verifies a sound backup without restoring it, and names what is wrong with a damaged one', async () => {
    const file = path.join(dir, 'verify.jsonl.gz');
    const counts = await backup(t.database, file, t.config.secretKey);
    const report = await verifyBackup(t.database, file, t.config.secretKey);
    expect(report.counts).toEqual(counts);
    expect(report.counts.orgs).toBe(5);

    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
    const variant = async (name: string, content: string | Buffer) => {
      const f = path.join(dir, name);
      writeFileSync(f, typeof content === 'string' ? gzipSync(content) : content);
      return verifyBackup(t.database, f, t.config.secretKey);
    };
    // the closing line missing: a file cut between two lines
    await expect(variant('cut.jsonl.gz', lines.slice(0, -1).join('\n') + '\n')).rejects.toThrow(/closing line is missing/);
    // a line that does not parse
    const broken = [...lines];
    broken[2] = broken[2]!.slice(0, 20);
    await expect(variant('broken.jsonl.gz', broken.join('\n'))).rejects.toThrow(/line 3 is not valid JSON/);
    // a table's rows dropped: the closing counts disagree
    const dropped = lines.filter((l, i) => i === 0 || !l.startsWith('{"table":"members"'));
    await expect(variant('dropped.jsonl.gz', dropped.join('\n'))).rejects.toThrow(/closing line counts 2 rows of members, the file holds 0/);
    // a gzip stream cut off in the middle
    const whole = readFileSync(file);
    await expect(variant('truncated.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)))).rejects.toThrow(/damaged or cut off|closing line is missing/);
    // another schema version
    const header = JSON.parse(lines[0]!);
    await expect(variant('old.jsonl.gz', [JSON.stringify({ ...header, migrations: header.migrations - 1 }), ...lines.slice(1)].join('\n'))).rejects.toThrow(/schema version/);
    // and restoring a damaged file changes nothing
    const admin = await t.login('admin');
    await t.call(admin, { method: 'PATCH', url: `/api/v1/orgs/${ids.A}`, payload: { contactName: '损坏之后' } });
    await expect(restore(t.database, path.join(dir, 'cut.jsonl.gz'), t.config.secretKey)).rejects.toThrow(/closing line is missing/);
    expect((await t.call(admin, { method: 'GET', url: `/api/v1/orgs/${ids.A}` })).json().contactName).toBe('损坏之后');
  });
});
