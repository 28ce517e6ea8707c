import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from './db/client';

/** pino's levels: GONGJIAN_LOG_LEVEL names one */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  /** without DATABASE_URL: the embedded PostgreSQL server (default) or PGlite, under dataDir */
  engine: Engine;
  dataDir: string;
  secretKey: string;
  /** null: decide by whether the database is new and embedded */
  demo: boolean | null;
  adminPassword: string | null;
  logLevel: string;
  webDist: string;
  /** remind of a required activity not yet held when this many days of its period are left */
  reminderDays: number;
  /** the IANA time zone in which the organization's dates and times are shown (GONGJIAN_TIME_ZONE) */
  timeZone: string;
  /**
   * Fastify's trustProxy: false, true (any proxy), or the proxies' addresses/CIDRs. When trusted,
   * X-Forwarded-For gives the client's address (login throttling) and X-Forwarded-Proto https
   * makes the session cookie Secure.
   */
  trustProxy: boolean | string;
  /** a session unused this long ends (OWASP ASVS 3.3.2) */
  sessionIdleMinutes: number;
  /** a session ends this long after sign-in, used or not */
  sessionMaxHours: number;
  /** QR and code sign-in to an activity opens this many minutes before its start (and closes at its end) */
  signInOpensMinutes: number;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function fail(message: string): never {
  throw new Error(`configuration: ${message}`);
}

function readSecretKey(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) {
    if (fromEnv.length < 32) fail('GONGJIAN_SECRET_KEY must be at least 32 characters');
    return fromEnv;
  }
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT must be a port number, got ${env.PORT}`);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) fail('DATABASE_URL must start with postgres://');
  const dataDir = path.resolve(env.GONGJIAN_DATA_DIR ?? './data');
  const engine = env.GONGJIAN_DB ?? 'postgres';
  if (engine !== 'postgres' && engine !== 'pglite') fail('GONGJIAN_DB must be postgres (the embedded server) or pglite');
  const reminderDays = Number(env.GONGJIAN_REMINDER_DAYS ?? 7);
  if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > 366) fail('GONGJIAN_REMINDER_DAYS must be a whole number of days');
  const timeZone = env.GONGJIAN_TIME_ZONE?.trim() || 'Asia/Shanghai';
  if (!isTimeZone(timeZone)) fail(`GONGJIAN_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, got ${timeZone}`);
  const demoRaw = env.GONGJIAN_DEMO;
  if (demoRaw !== undefined && !['0', '1', 'true', 'false'].includes(demoRaw)) fail('GONGJIAN_DEMO must be 0 or 1');
  const sessionIdleMinutes = Number(env.GONGJIAN_SESSION_IDLE_MIN ?? 120);
  if (!Number.isInteger(sessionIdleMinutes) || sessionIdleMinutes < 1 || sessionIdleMinutes > 7 * 24 * 60) fail('GONGJIAN_SESSION_IDLE_MIN must be a whole number of minutes, 1 to 10080');
  const sessionMaxHours = Number(env.GONGJIAN_SESSION_MAX_HOURS ?? 12);
  if (!Number.isInteger(sessionMaxHours) || sessionMaxHours < 1 || sessionMaxHours > 30 * 24) fail('GONGJIAN_SESSION_MAX_HOURS must be a whole number of hours, 1 to 720');
  // warnings and errors only by default, so the start banner (admin password, address) stays readable on a
  // terminal; GONGJIAN_LOG_LEVEL=info logs each request (LOG_LEVEL is the older name)
  const logLevel = env.GONGJIAN_LOG_LEVEL ?? env.LOG_LEVEL ?? 'warn';
  if (!LOG_LEVELS.includes(logLevel)) fail(`GONGJIAN_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const signInOpensMinutes = Number(env.GONGJIAN_SIGNIN_OPENS_MINUTES ?? 30);
  if (!Number.isInteger(signInOpensMinutes) || signInOpensMinutes < 0 || signInOpensMinutes > 24 * 60) fail('GONGJIAN_SIGNIN_OPENS_MINUTES must be a whole number of minutes, 0 to 1440');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    engine,
    dataDir,
    secretKey: readSecretKey(dataDir, env.GONGJIAN_SECRET_KEY),
    demo: demoRaw === undefined ? null : demoRaw === '1' || demoRaw === 'true',
    adminPassword: env.GONGJIAN_ADMIN_PASSWORD || null,
    logLevel,
    webDist: path.resolve(env.GONGJIAN_WEB_DIST ?? 'dist/web'),
    reminderDays,
    timeZone,
    trustProxy: parseTrustProxy(env.GONGJIAN_TRUST_PROXY),
    sessionIdleMinutes,
    sessionMaxHours,
    signInOpensMinutes,
  };
}

function parseTrustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  // addresses or CIDR ranges of the proxies, comma separated: only their forwarded headers count
  if (!/^[0-9a-fA-F:./]+(\s*,\s*[0-9a-fA-F:./]+)*$/.test(value)) fail('GONGJIAN_TRUST_PROXY must be 0, 1, or the proxies\' addresses (comma separated, CIDR allowed)');
  return value;
}
