import { asc, eq, inArray } from 'drizzle-orm';
import { ACTIONS, abilitiesWithin, authorize, isWithin, type Action } from '../../../domain/access';
import type { AccessRole } from '../../../domain/enums';
import type { MemberDetail } from '../../../domain/schemas/members';
import type { User, UserCreate } from '../../../domain/schemas/users';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { apiTokens, roleGrants, sessions, users } from '../../db/schema/auth';
import { orgs } from '../../db/schema/orgs';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { getMemberDetail, assertMemberVisible } from '../members/service';
import { assertPasswordAcceptable, grantsOf, hashPassword } from '../auth/service';
import { forgetUserSessions } from '../auth/sessions';

type UserRow = typeof users.$inferSelect;

export async function userView(db: Db, user: UserRow): Promise<User> {
  const grants = await grantsOf(db, user.id);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    memberId: user.memberId,
    mustChangePassword: user.mustChangePassword,
    roles: grants.map((g) => ({ role: g.role as AccessRole, orgId: g.orgId, orgName: g.orgName })),
  };
}

/** Refuses the grants the caller may not hand out; returns each granted organization's path. */
async function checkGrants(ctx: Ctx, roles: readonly GrantInput[]): Promise<Map<string, string>> {
  const found = await orgPaths(ctx.db, roles.map((r) => r.orgId).filter((id): id is string => id !== null));
  const pathOf = new Map([...found].map(([id, o]) => [id, o.path]));
  roles.forEach((grant, i) => {
    if (grant.orgId === null && grant.role !== 'admin') throw invalid([{ field: `roles.${i}.orgId`, code: 'role_needs_org' }]);
    if (grant.orgId !== null && !pathOf.has(grant.orgId)) throw invalid([{ field: `roles.${i}.orgId`, code: 'no_such_org' }]);
  });
  return pathOf;
}

export async function createUser(ctx: Ctx, input: UserCreate, opts: { mustChangePassword?: boolean } = {}): Promise<User> {
  const pathOf = await checkGrants(ctx, input.roles);
  for (const r of input.roles) if (!mayGrant(ctx.actor, { role: r.role, orgPath: r.orgId === null ? null : pathOf.get(r.orgId)! })) throw forbidden();
  if (input.memberId) await assertMemberVisible(ctx, input.memberId);
  const [taken] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) throw invalid([{ field: 'username', code: 'username_taken' }]);
  assertPasswordAcceptable(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const row = await inTx(ctx, async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ id, username: input.username, passwordHash, displayName: input.displayName ?? null, memberId: input.memberId ?? null, mustChangePassword: opts.mustChangePassword ?? false })
      .returning();
    await tx.insert(roleGrants).values(input.roles.map((r) => ({ id: newId(), userId: id, role: r.role, orgId: r.orgId })));
    await appendAudit(ctx, tx, {
      action: 'user.create',
      subjectType: 'user',
      subjectId: id,
      orgPath: input.roles[0]?.orgId ? (pathOf.get(input.roles[0].orgId) ?? null) : null,
      after: { username: input.username, memberId: input.memberId ?? null, roles: input.roles },
    });
    return user!;
  });
  return userView(ctx.db, row);
}

export async function getMe(ctx: Ctx, csrfToken: string | null): Promise<{ user: User; csrfToken: string | null; member: MemberDetail | null; timeZone: string; abilities: Action[] }> {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!row) throw notFound('user');
  return {
    user: await userView(ctx.db, row),
    csrfToken,
    member: row.memberId ? await getMemberDetail(ctx, row.memberId) : null,
    timeZone: ctx.config.timeZone,
    abilities: abilitiesWithin(ctx.actor, null, ACTIONS),
  };
}

@@REST@@

/** The command line's reset (`user password <username>`), by name; the same rules and revocations as the API's. */
export async function resetPasswordByName(ctx: Ctx, username: string, newPassword: string): Promise<void> {
  const [row] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw notFound('user');
  await resetPassword(ctx, row.id, newPassword);
}
