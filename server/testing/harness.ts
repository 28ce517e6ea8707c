import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app';
import { bootstrap, systemCtx } from '../bootstrap';
import type { Config } from '../config';
import type { Ctx } from '../context';
import { openDatabase, type Database } from '../db/client';
import { createUser } from '../modules/users/service';
import { createMember } from '../modules/members/service';
import { createOrg } from '../modules/orgs/service';
import type { AccessRole, OrgType } from '../../domain/enums';
import { makeIdNumber } from '../../domain/idcard';
import { addYears } from '../../domain/dates';
import type {} from './postgres-setup';

// Each test file gets its own database: in-memory PGlite, or a fresh database on the real
// PostgreSQL server of the api-postgres project. Nothing is mocked.

export const ADMIN_PASSWORD = 'admin-test-password';
export const USER_PASSWORD = 'user-test-password';

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (process.env.GONGJIAN_TEST_DB !== 'postgres') {
    return { database: await openDatabase({ url: null, dataDir: null }), drop: async () => {} };
  }
  const adminUrl = inject('postgresUrl');
  const name = `gj_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), dataDir: null });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface Session {
  headers: Record<string, string>;
  userId: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  system: Ctx;
  /** signs in through the API and returns the cookie and CSRF headers for app.inject */
  login(username: string, password?: string): Promise<Session>;
  /** app.inject with a session's headers */
  call(session: Session | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** overrides: settings a test needs to differ (session timeouts, a trusted proxy) */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gj-test-'));
  const { database, drop } = await openTestDatabase();
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    engine: 'pglite',
    dataDir,
    secretKey: 'test-secret-key-that-is-long-enough-0123456789',
    demo: false,
    adminPassword: ADMIN_PASSWORD,
    logLevel: 'silent',
    webDist: path.join(dataDir, 'no-web'),
    reminderDays: 7,
    timeZone: 'Asia/Shanghai',
    trustProxy: false,
    sessionIdleMinutes: 120,
    sessionMaxHours: 12,
    signInOpensMinutes: 30,
    ...overrides,
  };
  await bootstrap(database, config);
  const app = await buildApp({ database, config });
  const call = (session: Session | null, opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(session?.headers ?? {}), ...(opts.headers ?? {}) } });
  return {
    app,
    database,
    config,
    system: systemCtx(database, config),
    async login(username, password = username === 'admin' ? ADMIN_PASSWORD : USER_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'gj_session');
      const body = res.json<{ csrfToken: string; user: { id: string } }>();
      return { headers: { cookie: `gj_session=${cookie!.value}`, 'x-csrf-token': body.csrfToken }, userId: body.user.id };
    },
    call,
    async close() {
      await app.close();
      await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let idSequence = 0;
/** A valid ID-card number for a member born on the date (odd sequence for men). */
export function idFor(birthDate: string, gender: 'male' | 'female' = 'male'): string {
  idSequence += 1;
  const seq = (idSequence * 2 + (gender === 'male' ? 1 : 0)) % 1000;
  return makeIdNumber('430302', birthDate, seq);
}

/**
 * Two separate trees for scope tests:
 *   A (committee) ─ A1 (branch), A2 (branch)
 *   B (committee) ─ B1 (branch)
 * and users: orgAdminA (org_admin on A), secretaryA1, viewerA, orgAdminB, memberA1 (member, linked).
 */
export async function seedTwoTrees(t: TestApp) {
  const ctx = t.system;
  const org = async (name: string, type: OrgType, parentId: string | null) =>
    (await createOrg(ctx, { name, type, parentId, sector: 'state_enterprise', foundedOn: '2010-01-01' })).id;
  const A = await org('甲公司党委', 'committee', null);
  const A1 = await org('甲公司第一党支部', 'branch', A);
  const A2 = await org('甲公司第二党支部', 'branch', A);
  const B = await org('乙公司党委', 'committee', null);
  const B1 = await org('乙公司党支部', 'branch', B);
  const member = async (orgId: string, name: string, status: 'full' | 'probationary' = 'full', birthDate = '1985-03-04') => {
    const joinedOn = addYears(birthDate, 22);
    return (
      await createMember(ctx, {
        orgId,
        name,
        idNumber: idFor(birthDate),
        phone: '13912345678',
        joinedOn,
        fullOn: status === 'full' ? addYears(joinedOn, 1) : null,
        status,
        category: 'in_service',
      })
    ).id;
  };
  const memberA1 = await member(A1, '张某一');
  const memberB1 = await member(B1, '李某二');
  const user = async (username: string, role: AccessRole, orgId: string, memberId?: string) =>
    (await createUser(ctx, { username, password: USER_PASSWORD, memberId: memberId ?? null, roles: [{ role, orgId }] })).id;
  await user('orgAdminA', 'org_admin', A);
  await user('secretaryA1', 'secretary', A1);
  await user('viewerA', 'viewer', A);
  await user('orgAdminB', 'org_admin', B);
  await user('memberA1', 'member', A1, memberA1);
  return { A, A1, A2, B, B1, memberA1, memberB1, member };
}
