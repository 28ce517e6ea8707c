// Memory and start-up of the server as `npm start` runs it (issue 12, part 5): the ahead-of-time
// build on the embedded default with the demo data. Measures the first start, the resident memory
// right after it, then --minutes of ordinary use (every demo account reading its lists, dashboard,
// compliance and notifications, about --rate requests a second in all, on loopback), sampling the
// app's RSS, then a second start on the same data.
//
//   node scripts/build-server.mjs && npx tsx bench/soak.ts [--minutes 60] [--rate 20]
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../server/db/embeddedPostgres';
import { deadline, parseArgs, reportResult } from './common';

const args = parseArgs();
const MINUTES = args.number('minutes', 60);
const RATE = args.number('rate', 20);
deadline(MINUTES + 10, 'soak');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_PASSWORD = 'soak-Admin-Passw0rd-2026';
const DEMO_PASSWORD = 'Gongjian@2024';

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; seconds: number }> {
  const started = performance.now();
  // with the V8 flags `npm start` gives the server (package.json)
  const child = spawn(process.execPath, ['--max-semi-space-size=32', 'dist/server/main.js', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, GONGJIAN_DATA_DIR: dataDir, PORT: String(port), GONGJIAN_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return { child, seconds: (performance.now() - started) / 1000 };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function login(base: string, username: string, password: string): Promise<{ cookie: string; orgIds: string[] }> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const me = (await r.json()) as { user: { roles?: { orgId: string | null }[] } };
  return { cookie, orgIds: (me.user.roles ?? []).map((g) => g.orgId).filter((x): x is string => Boolean(x)) };
}

const dir = mkdtempSync(path.join(tmpdir(), 'gj-soak-'));
chmodSync(dir, 0o755);
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
try {
  const first = await start(dir, port);
  await new Promise((r) => setTimeout(r, 2000));
  const afterStart = rssMb(first.child.pid!);
  console.log(`first start ${first.seconds.toFixed(1)} s; resident ${afterStart.toFixed(0)} MB after start`);
  const users = await Promise.all(['xiangtan', 'gaoqiying', 'lijiangshan', 'zengchunhui', 'xtoffice', 'lvdi', 'bluestar'].map((u) => login(base, u, DEMO_PASSWORD)));
  const year = new Date().getFullYear();
  const pages = (orgId: string) => [`/api/v1/members?limit=50&org=${orgId}`, `/api/v1/activities?limit=50&org=${orgId}`, `/api/v1/dashboard?org=${orgId}`, `/api/v1/compliance?org=${orgId}&period=${year}`, `/api/v1/notifications`, `/api/v1/orgs/${orgId}`, `/api/v1/pairings`, `/api/v1/demands`];
  const until = performance.now() + MINUTES * 60_000;
  let requests = 0;
  let failures = 0;
  let peak = afterStart;
  const samples: string[] = [];
  let nextSample = performance.now();
  while (performance.now() < until) {
    const user = users[requests % users.length]!;
    const list = pages(user.orgIds[0] ?? '');
    const page = list[Math.floor(requests / users.length) % list.length]!;
    const r = await fetch(`${base}${page}`, { headers: { cookie: user.cookie } }).catch(() => null);
    requests++;
    if (!r || r.status >= 500) failures++;
    await r?.arrayBuffer();
    await new Promise((res) => setTimeout(res, 1000 / RATE));
    if (performance.now() >= nextSample) {
      const now = rssMb(first.child.pid!);
      peak = Math.max(peak, now);
      samples.push(now.toFixed(0));
      nextSample += 30_000;
    }
  }
  const afterUse = rssMb(first.child.pid!);
  console.log(`${MINUTES} min of use: ${requests} requests, ${failures} server errors; resident every 30 s (MB): ${samples.join(' ')}; at the end ${afterUse.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`);
  await stop(first.child);
  const second = await start(dir, port);
  console.log(`second start ${second.seconds.toFixed(1)} s`);
  await stop(second.child);
  reportResult({ figure: 'resident memory right after start (demo data)', target: '< 300 MB', measured: `${afterStart.toFixed(0)} MB`, ok: afterStart < 300 });
  reportResult({ figure: `resident memory after ${MINUTES} min of ordinary use`, target: '< 400 MB (after 60 min)', measured: `${afterUse.toFixed(0)} MB`, ok: afterUse < 400 });
  reportResult({ figure: 'second start', target: '< 5 s', measured: `${second.seconds.toFixed(1)} s`, ok: second.seconds < 5 });
  reportResult({ figure: 'server errors during use', target: '0', measured: String(failures), ok: failures === 0 });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
