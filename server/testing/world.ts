import { sql } from 'drizzle-orm';
import { addDays } from '../../domain/dates';
import { seedTwoTrees, type Session, type TestApp } from './harness';
import { multipartBody } from './uploads';

// The world of the fuzz and authorization walks: the harness's two trees, each with an activity (with a
// file), a pairing between two of its own organizations and a demand in it, made through the API. Tree
// B is what the callers scoped to tree A must never see; its names carry the marker 乙 so a leak is
// found by text as well as by id.

export const ROLES = ['admin', 'orgAdminA', 'secretaryA1', 'memberA1', 'viewerA', 'anonymous'] as const;
export type Role = (typeof ROLES)[number];

export interface Side {
  org: string;
  branch: string;
  otherBranch: string;
  member: string;
  activity: string;
  activityFile: string;
  pairing: string;
  demand: string;
}

export interface World {
  today: string;
  A: Side;
  B: Side;
  sessions: Record<Exclude<Role, 'anonymous'>, Session>;
  /** signs a role in again (after a walk logged it out or changed its password) */
  relogin(role: Exclude<Role, 'anonymous'>): Promise<Session>;
  /** ids and texts of tree B that no caller scoped to tree A may receive */
  secretsOfB: string[];
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function expectStatus(res: { statusCode: number; body: string }, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

export async function buildWorld(t: TestApp): Promise<World> {
  const ids = await seedTwoTrees(t);
  const today = t.system.today;
  const login = (role: Exclude<Role, 'anonymous'>) => t.login(role);
  const sessions = {
    admin: await login('admin'),
    orgAdminA: await login('orgAdminA'),
    secretaryA1: await login('secretaryA1'),
    memberA1: await login('memberA1'),
    viewerA: await login('viewerA'),
  };
  const admin = sessions.admin;
  const post = async (url: string, payload: unknown, what: string) => {
    const res = await t.call(admin, { method: 'POST', url, payload: payload as Record<string, unknown> });
    await expectStatus(res, 201, what);
    return res.json<{ id: string }>().id;
  };

  // B has one branch; a second one gives its pairing two parties
  const B2 = await post('/api/v1/orgs', { name: '乙公司第二党支部', type: 'branch', parentId: ids.B, sector: 'state_enterprise', foundedOn: '2010-01-01' }, 'org B2');

  const side = async (mark: '甲' | '乙', org: string, branch: string, otherBranch: string, member: string): Promise<Side> => {
    const day = addDays(today, -3);
    const activity = await post(
      '/api/v1/activities',
      { type: 'theme_day', hostOrgIds: [branch], startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T11:00:00+08:00`, theme: `${mark}方主题党日` },
      `activity ${mark}`,
    );
    const upload = multipartBody({}, { name: `${mark}方签到表.pdf`, content: PDF, type: 'application/pdf' });
    const file = await t.call(admin, { method: 'POST', url: `/api/v1/activities/${activity}/files`, payload: upload.payload, headers: upload.headers });
    await expectStatus(file, 201, `file ${mark}`);
    const pairing = await post(
      '/api/v1/pairings',
      { title: `${mark}方结对共建`, partyOrgIds: [branch, otherBranch], validFrom: addDays(today, -30), validTo: addDays(today, 335), state: 'active' },
      `pairing ${mark}`,
    );
    const demand = await post(
      '/api/v1/demands',
      { pairingId: pairing, raisedByOrgId: branch, title: `${mark}方需求`, description: `${mark}方需求说明`, category: 'policy', urgency: 'normal' },
      `demand ${mark}`,
    );
    return { org, branch, otherBranch, member, activity, activityFile: file.json<{ id: string }>().id, pairing, demand };
  };
  const A = await side('甲', ids.A, ids.A1, ids.A2, ids.memberA1);
  const B = await side('乙', ids.B, ids.B1, B2, ids.memberB1);
  const secretsOfB: string[] = [B.org, B.branch, B.otherBranch, B.member, B.activity, B.activityFile, B.pairing, B.demand, '乙公司', '李某二', '乙方'];
  return {
    today,
    A,
    B,
    sessions,
    secretsOfB,
    async relogin(role) {
      sessions[role] = await login(role);
      return sessions[role];
    },
  };
}

/** Tables whose rows change on any request of a signed-in user (sessions) or by design on a refusal (login throttling). */
const VOLATILE = new Set(['sessions', 'login_throttle', 'audit_checkpoints']);

/**
 * A fingerprint of everything stored: per table its row count and a digest of its rows. Equal before and
 * after a refused request means the refusal changed nothing.
 */
export async function snapshot(t: TestApp): Promise<Record<string, string>> {
  // both drivers answer execute() with { rows }
  const query = async <T>(q: ReturnType<typeof sql.raw>): Promise<T[]> => {
    const result: unknown = await t.database.db.execute(q);
    return (result as { rows: T[] }).rows;
  };
  const tables = await query<{ name: string }>(
    sql.raw(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%drizzle%' order by 1`),
  );
  const parts = tables
    .map((r) => r.name)
    .filter((n) => !VOLATILE.has(n))
    // an order-free sum of row hashes: cheap, and any inserted, deleted or edited row changes it
    .map((n) => `select '${n}' as name, count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0) as digest from "${n}" x`);
  const rows = await query<{ name: string; digest: string }>(sql.raw(parts.join(' union all ')));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);
}
