import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AccessRole } from '../../../domain/enums';
import type { Db } from '../../db/client';
import { roleGrants, users } from '../../db/schema/auth';
import { orgs } from '../../db/schema/orgs';

export type UserRow = typeof users.$inferSelect;

export interface UserFilter {
  /** the caller's subtrees; null for every account */
  scopes: string[] | null;
  q?: string;
  role?: AccessRole;
  /** path of the organization whose subtree a grant must lie in */
  orgPath?: string;
  disabled?: boolean;
}

const within = (scopes: string[]) => sql`(${sql.join(scopes.map((s) => sql`${orgs.path} <@ ${s}::ltree`), sql` or `)})`;

/** The account holds a grant matching all of `conds` (a grant without an organization matches no org condition). */
function hasGrant(conds: SQL[]): SQL {
  return sql`exists (select 1 from ${roleGrants} left join ${orgs} on ${orgs.id} = ${roleGrants.orgId} where ${roleGrants.userId} = ${users.id} and ${and(...conds)})`;
}

function conditions(f: UserFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.scopes) conds.push(f.scopes.length ? hasGrant([within(f.scopes)]) : sql`false`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (f.role || f.orgPath) {
    const grant: SQL[] = [];
    if (f.role) grant.push(eq(roleGrants.role, f.role));
    if (f.orgPath) grant.push(within([f.orgPath]));
    conds.push(hasGrant(grant));
  }
  if (f.disabled !== undefined) conds.push(eq(users.disabled, f.disabled));
  return conds.length ? and(...conds) : undefined;
}

export async function findUsers(db: Db, f: UserFilter, page: { limit: number; offset: number }): Promise<{ rows: UserRow[]; total: number }> {
  const where = conditions(f);
  const rows = await db.select().from(users).where(where).orderBy(asc(users.username)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
  return { rows, total: count?.n ?? 0 };
}

export interface GrantRow {
  id: string;
  userId: string;
  role: AccessRole;
  orgId: string | null;
  orgPath: string | null;
  orgName: string | null;
}

/** The grants of several accounts at once, with their organizations' paths and names. */
export async function grantsOfUsers(db: Db, userIds: string[]): Promise<Map<string, GrantRow[]>> {
  const out = new Map<string, GrantRow[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await db
    .select({ id: roleGrants.id, userId: roleGrants.userId, role: roleGrants.role, orgId: roleGrants.orgId, orgPath: orgs.path, orgName: orgs.name })
    .from(roleGrants)
    .leftJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(asc(roleGrants.id));
  for (const r of rows) out.get(r.userId)?.push({ ...r, role: r.role as AccessRole });
  return out;
}

export async function getUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function orgPaths(db: Db, ids: string[]): Promise<Map<string, { path: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: orgs.id, path: orgs.path, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
  return new Map(rows.map((o) => [o.id, { path: o.path, name: o.name }]));
}
