// Starts the real gongjian server for a browser test: a fresh embedded database with the demo
// organizations, the built web app, a free port. Stops exactly the process it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIST = path.join(REPO_ROOT, 'dist/web');
const STARTUP_TIMEOUT_MS = 180_000;

export interface RunningServer {
  url: string;
  adminPassword: string;
  stop: () => Promise<void>;
}

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function builtAt(): number | null {
  try {
    return statSync(path.join(WEB_DIST, 'index.html')).mtimeMs;
  } catch {
    return null;
  }
}

const BUILD_LOCK = path.join(REPO_ROOT, 'dist/.web-build.lock');

/** Whether dist/web is missing or older than its sources. */
function webBuildStale(): boolean {
  const built = builtAt();
  const sources = Math.max(newestMtime(path.join(REPO_ROOT, 'web')), newestMtime(path.join(REPO_ROOT, 'vite.config.ts')));
  return built === null || built < sources;
}

/**
 * Builds the web app when it is missing or older than its sources (a clean checkout builds it once
 * for all the browser test files). One build at a time across processes: another test run
 * building meanwhile holds the lock, and its result is used when it is fresh.
 */
export function ensureWebBuild(): void {
  if (!webBuildStale()) return;
  mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  const waitUntil = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // a lock left by a build that died more than 10 minutes ago is taken over
      if (Date.now() - statSync(BUILD_LOCK, { throwIfNoEntry: false })!.mtimeMs > 10 * 60_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > waitUntil) throw new Error(`another web build has held ${BUILD_LOCK} for 10 minutes`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!webBuildStale()) return;
    const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
    // Vitest sets NODE_ENV=test, which would make a development bundle.
    const env = { ...process.env, NODE_ENV: 'production' };
    const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`vite build failed (exit ${String(result.status)}):\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited with code ${child.exitCode} before it was healthy:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not healthy within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** A server killed before it could stop its PostgreSQL leaves that running: stop exactly that one. */
function stopLeftServer(dataDir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // none left
  }
}

/** A data directory the embedded PostgreSQL server (its own user when run as root) can reach. */
export function newDataDir(): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongjian-e2e-'));
  chmodSync(dataDir, 0o755);
  return dataDir;
}

/** The stopped, seeded cluster of this test run (e2e/demoTemplate.ts), if there is one. */
function demoTemplate(): string | undefined {
  try {
    return inject('demoTemplate');
  } catch {
    // outside a test run (a screenshot script): each server seeds its own demo
    return undefined;
  }
}

/** Serves from `dataDir`, seeding the demo into it when it is empty; `halt` stops the server, `stop` also removes the directory. */
async function serve(dataDir: string): Promise<RunningServer & { halt: () => Promise<void> }> {
  // the port was free when chosen, but another process may take it before the server listens: choose again
  for (let attempt = 1; ; attempt++) {
    try {
      return await serveOn(dataDir, await freePort());
    } catch (error) {
      if (attempt === 3 || !String(error).includes('EADDRINUSE')) {
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

async function serveOn(dataDir: string, port: number): Promise<RunningServer & { halt: () => Promise<void> }> {
  const adminPassword = ADMIN_PASSWORD;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    GONGJIAN_DATA_DIR: dataDir,
    GONGJIAN_ADMIN_PASSWORD: adminPassword,
    GONGJIAN_DEMO: '1',
    GONGJIAN_WEB_DIST: WEB_DIST,
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;

  const halt = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    stopLeftServer(dataDir);
  };
  const stop = async () => {
    await halt();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, child, () => log);
  } catch (error) {
    await halt();
    throw error;
  }
  return { url, adminPassword, stop, halt };
}

const ADMIN_PASSWORD = 'e2e-Admin-Passw0rd';

/**
 * Seeds the demo into `dataDir` and stops the server, leaving a cluster that servers start from by
 * copy: seeding took most of a browser test file's start, a copy takes about a second.
 */
export async function seedDemo(dataDir: string): Promise<void> {
  ensureWebBuild();
  const server = await serve(dataDir);
  await server.halt();
}

export async function startServer(): Promise<RunningServer> {
  ensureWebBuild();
  const dataDir = newDataDir();
  const template = demoTemplate();
  if (template) {
    // cp -a keeps the cluster's owner and modes, which the server checks
    const copied = spawnSync('cp', ['-a', `${template}/.`, dataDir], { encoding: 'utf8' });
    if (copied.status !== 0) throw new Error(`copying the demo cluster failed: ${copied.stderr}`);
  }
  const { halt: _halt, ...server } = await serve(dataDir);
  return server;
}
