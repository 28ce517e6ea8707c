import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { users } from '../../db/schema/auth';

// The password rule holds for the command line and the first start too, not only for the API.
// The commands run as an operator runs them, on a PGlite data directory of their own.

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'test-secret-key-that-is-long-enough-0123456789';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gj-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, GONGJIAN_DB: 'pglite', GONGJIAN_DATA_DIR: dir, GONGJIAN_SECRET_KEY: SECRET, GONGJIAN_DEMO: '0', DATABASE_URL: '', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

// each command starts a Node process that loads the server's sources: slow on a busy machine
const CLI_TIMEOUT_MS = 240_000;

describe('passwords from the command line and the environment', () => {
  it('refuses a weak GONGJIAN_ADMIN_PASSWORD at first start, creating no account', async () => {
    const res = await cli(['seed'], { env: { GONGJIAN_ADMIN_PASSWORD: 'x' } });
    expect(res.code).toBe(1);
    expect(res.out).toContain('GONGJIAN_ADMIN_PASSWORD must be at least 10 characters');
  }, CLI_TIMEOUT_MS);

  it('refuses a weak password for user create and user password, and resets with a good one', async () => {
    const short = await cli(['user', 'create', 'ops', '--password', 'a', '--role', 'admin']);
    expect(short.code).toBe(1);
    expect(short.out).toContain('password: must be at least 10 characters');
    expect((await cli(['user', 'create', 'ops', '--password', 'Tiger-lily-2031', '--role', 'admin'])).code).toBe(0);

    const common = await cli(['user', 'password', 'ops', '--password', 'password123']);
    expect(common.code).toBe(1);
    expect(common.out).toContain('newPassword: is a commonly used password');
    // piped, as a script would: one line on standard input
    const piped = await cli(['user', 'password', 'ops'], { input: 'Lotus-pond-1987\n' });
    expect(piped.out).toContain('password of ops reset');
    expect(piped.code).toBe(0);

    const database = await openDatabase({ url: null, dataDir: dir, engine: 'pglite', secretKey: SECRET });
    try {
      const [row] = await database.db.select().from(users).where(eq(users.username, 'ops'));
      expect(await verify(row!.passwordHash, 'Lotus-pond-1987')).toBe(true);
      expect(row!.mustChangePassword).toBe(true);
    } finally {
      await database.close();
    }
  }, CLI_TIMEOUT_MS);
});
