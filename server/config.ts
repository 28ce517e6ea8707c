import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  secretKey: string;
  /** null: decide by whether the database is new and embedded */
  demo: boolean | null;
  adminPassword: string | null;
  logLevel: string;
  webDist: string;
  /** remind of a required activity not yet held when this many days of its period are left */
  reminderDays: number;
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
  const reminderDays = Number(env.GONGJIAN_REMINDER_DAYS ?? 7);
  if (!Number.isInteger(reminderDays) || reminderDays < 0 || reminderDays > 366) fail('GONGJIAN_REMINDER_DAYS must be a whole number of days');
  const demoRaw = env.GONGJIAN_DEMO;
  if (demoRaw !== undefined && !['0', '1', 'true', 'false'].includes(demoRaw)) fail('GONGJIAN_DEMO must be 0 or 1');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir,
    secretKey: readSecretKey(dataDir, env.GONGJIAN_SECRET_KEY),
    demo: demoRaw === undefined ? null : demoRaw === '1' || demoRaw === 'true',
    adminPassword: env.GONGJIAN_ADMIN_PASSWORD || null,
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: path.resolve(env.GONGJIAN_WEB_DIST ?? 'dist/web'),
    reminderDays,
  };
}
