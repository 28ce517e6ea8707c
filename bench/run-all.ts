// `npm run bench`: every benchmark at a small scale, one after another, each bounded in time, then
// one summary table in bench/results.md (figure, target, measured, whether it meets the target).
// A benchmark reports a figure by printing a `RESULT {json}` line (reportResult in common.ts);
// its whole output goes to .tmp/bench/<name>.log. Loopback only; nothing here leaves the machine.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from './common';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOGS = path.join(ROOT, '.tmp/bench');
const IMPORT_DIR = path.join(LOGS, 'import-pg');

/** name, script and small-scale arguments, and the seconds it may take */
const BENCHES: [string, string, string[], number][] = [
  ['limit', 'bench/limit.ts', ['--members', '2000', '--seconds', '2', '--only', 'postgres'], 120],
  ['engines', 'bench/engines.ts', ['--members', '2000', '--import-rows', '2000', '--seconds', '2', '--loop-seconds', '5'], 120],
  ['soak', 'bench/soak.ts', ['--minutes', '0.5'], 120],
  ['signin', 'bench/signin.ts', ['--members', '500', '--concurrency', '50'], 90],
  // on the embedded default as `npm start` runs it (a new server each run: the directory is emptied first)
  ['import', 'bench/import-xlsx.ts', ['--postgres-dir', IMPORT_DIR, '--app-settings', '--rows', '5000'], 120],
  ['crash', 'bench/crash.ts', ['--db', 'postgres', '--rounds', '3'], 120],
];

function runOne(name: string, script: string, args: string[], seconds: number): Promise<{ results: Result[]; code: number | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    // the V8 flags `npm start` gives the server (package.json), so the app is measured as it runs
    const child = spawn(process.execPath, ['--max-semi-space-size=32', '--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), seconds * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      writeFileSync(path.join(LOGS, `${name}.log`), out);
      const results = out
        .split('\n')
        .filter((l) => l.startsWith('RESULT '))
        .map((l) => JSON.parse(l.slice(7)) as Result);
      resolve({ results, code, seconds: (performance.now() - started) / 1000 });
    });
  });
}

mkdirSync(LOGS, { recursive: true });
rmSync(IMPORT_DIR, { recursive: true, force: true });
// soak.ts runs the server as `npm start` does, from the build
spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: ROOT, stdio: 'inherit' });
const lines = [
  '# Benchmark summary',
  '',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16)}Z: every benchmark at a small scale (${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)} at the start). Full-scale runs and their commands are in bench/README.md.`,
  '',
  '| benchmark | figure | target | measured | meets |',
  '|---|---|---|---|---|',
];
let failed = 0;
for (const [name, script, args, seconds] of BENCHES) {
  process.stdout.write(`${name} … `);
  const run = await runOne(name, script, args, seconds);
  console.log(`${run.seconds.toFixed(0)} s, exit ${run.code}`);
  if (run.code !== 0) failed++;
  if (run.results.length === 0) lines.push(`| ${name} | (no figures: exit ${run.code}, see .tmp/bench/${name}.log) | | | |`);
  for (const r of run.results) lines.push(`| ${name} | ${r.figure} | ${r.target} | ${r.measured} | ${r.ok === undefined ? '' : r.ok ? 'yes' : 'no'} |`);
}
writeFileSync(path.join(ROOT, 'bench/results.md'), lines.join('\n') + '\n');
console.log(lines.join('\n'));
process.exit(failed ? 1 : 0);
