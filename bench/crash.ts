// Crash durability (issue 8): `kill -9` of the server in the middle of a write storm, --rounds times
// on one data directory, then a restart. Every write the server acknowledged (201) must be there
// after the restart, and every start must succeed (on the embedded PostgreSQL the killed app leaves
// its database server running: the next start has to stop it and go on).
//
//   node scripts/build-server.mjs && npx tsx bench/crash.ts [--db pglite|postgres] [--rounds 20] [--writers 8]
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/db/embeddedPostgres';
import { deadline, parseArgs, reportResult } from './common';

const args = parseArgs();
const ENGINE = args.get('db') ?? 'pglite';
if (ENGINE !== 'pglite' && ENGINE !== 'postgres') throw new Error('--db must be pglite or postgres');
const ROUNDS = args.number('rounds', 20);
const WRITERS = args.number('writers', 8);
const START_TIMEOUT_MS = 90_000;
deadline(ROUNDS * 3 + 5, 'crash');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_PASSWORD = 'crash-Admin-Passw0rd-2026';

interface Server {
  child: ChildProcess;
  base: string;
}

/** Starts the built server; resolves once /health answers, or null when it exits or never answers. */
async function start(dataDir: string): Promise<Server | null> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/server/main.js', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      GONGJIAN_DATA_DIR: dataDir,
      GONGJIAN_DB: ENGINE,
      GONGJIAN_DEMO: '0',
      GONGJIAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const until = performance.now() + START_TIMEOUT_MS;
  while (performance.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) return null;
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  return null;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function signIn(base: string): Promise<Record<string, string>> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (!r.ok) throw new Error(`sign-in: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}

/** Writers create organizations until the server dies; returns the ids it acknowledged with 201. */
async function storm(server: Server, round: number, headers: Record<string, string>): Promise<string[]> {
  const acknowledged: string[] = [];
  let alive = true;
  const writer = async (w: number): Promise<void> => {
    for (let i = 0; alive; i++) {
      try {
        const r = await fetch(`${server.base}/api/v1/orgs`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: `断电测试 ${round}-${w}-${i}`, type: 'committee', parentId: null }),
        });
        if (r.status === 201) acknowledged.push(((await r.json()) as { id: string }).id);
        else await r.arrayBuffer();
      } catch {
        alive = false; // the connection died with the server
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
  // kill at a random moment between 0.5 and 3 s into the storm
  await new Promise((r) => setTimeout(r, 500 + Math.random() * 2500));
  server.child.kill('SIGKILL');
  await exited(server.child);
  alive = false;
  await Promise.all(writers);
  return acknowledged;
}

async function missing(server: Server, headers: Record<string, string>, ids: string[]): Promise<number> {
  let lost = 0;
  for (let i = 0; i < ids.length; i += 16) {
    const answers = await Promise.all(
      ids.slice(i, i + 16).map((id) => fetch(`${server.base}/api/v1/orgs/${id}`, { headers }).then((r) => r.status)),
    );
    lost += answers.filter((status) => status === 404).length;
    const other = answers.find((status) => status !== 200 && status !== 404);
    if (other) throw new Error(`reading an acknowledged org answered ${other}`);
  }
  return lost;
}

const dir = mkdtempSync(path.join(tmpdir(), 'gj-crash-'));
chmodSync(dir, 0o755);
let acknowledgedTotal = 0;
let lostTotal = 0;
let failedStarts = 0;
let live: Server | null = null;
try {
  const pending: string[] = [];
  for (let round = 1; round <= ROUNDS + 1; round++) {
    live = await start(dir);
    if (!live) {
      failedStarts++;
      console.log(`round ${round}: the server did not start; trying again`);
      live = await start(dir);
      if (!live) throw new Error('the server did not start twice in a row');
    }
    const headers = await signIn(live.base);
    const lost = await missing(live, headers, pending);
    lostTotal += lost;
    if (round > 1) console.log(`round ${round - 1}: ${pending.length} acknowledged, ${lost} lost after the restart`);
    pending.length = 0;
    if (round > ROUNDS) break;
    const acknowledged = await storm(live, round, headers);
    acknowledgedTotal += acknowledged.length;
    pending.push(...acknowledged);
    live = null;
  }
  console.log(`${ENGINE}: ${ROUNDS} kill -9 rounds, ${acknowledgedTotal} writes acknowledged, ${lostTotal} lost, ${failedStarts} failed starts`);
  reportResult({ figure: `acknowledged writes lost over ${ROUNDS} kill -9 rounds (${ENGINE})`, target: '0', measured: `${lostTotal} of ${acknowledgedTotal}`, ok: lostTotal === 0 });
  reportResult({ figure: `failed starts after kill -9 (${ENGINE})`, target: '0', measured: String(failedStarts), ok: failedStarts === 0 });
} finally {
  if (live) {
    live.child.kill('SIGTERM');
    await exited(live.child);
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
