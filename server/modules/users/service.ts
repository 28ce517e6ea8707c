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

function isGlobalAdmin(ctx: Ctx): boolean {
  return ctx.actor.grants.some((g) => g.orgPath === null && g.role === 'admin');
}

export async function createUser(ctx: Ctx, input: UserCreate, opts: { mustChangePassword?: boolean } = {}): Promise<User> {
  const orgIds = input.roles.map((r) => r.orgId).filter((id): id is string => id !== null);
  const found = orgIds.length ? await ctx.db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(inArray(orgs.id, orgIds)) : [];
  const pathOf = new Map(found.map((o) => [o.id, o.path]));
  input.roles.forEach((grant, i) => {
    if (grant.orgId === null) {
      if (grant.role !== 'admin') throw invalid([{ field: `roles.${i}.orgId`, code: 'role_needs_org' }]);
      if (!isGlobalAdmin(ctx)) throw forbidden();
      return;
    }
    const path = pathOf.get(grant.orgId);
    if (!path) throw invalid([{ field: `roles.${i}.orgId`, code: 'no_such_org' }]);
    if (!authorize(ctx.actor, 'user.manage', { orgPath: path })) throw forbidden();
    // Only an admin above the organization may hand out admin over it.
    if (grant.role === 'admin' && !ctx.actor.grants.some((g) => g.role === 'admin' && (g.orgPath === null || isWithin(path, g.orgPath)))) throw forbidden();
  });
  if (input.memberId) await assertMemberVisible(ctx, input.memberId);
  const [taken] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  // the same answer as the unique constraint gives the race of two requests passing this check (plugins/errors.ts)
  if (taken) throw conflict('username_taken', {}, [{ field: 'username', code: 'username_taken' }]);
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

/** Users holding a role anywhere inside the caller's managed subtrees. */
export async function listUsers(ctx: Ctx): Promise<User[]> {
  const managed = ctx.actor.grants.filter((g) => g.role === 'admin' || g.role === 'org_admin');
  if (managed.length === 0) throw forbidden();
  const rows = await ctx.db.select().from(users).orderBy(asc(users.username)).limit(1000);
  const out: User[] = [];
  for (const row of rows) {
    const grants = await grantsOf(ctx.db, row.id);
    const visible = isGlobalAdmin(ctx) || grants.some((g) => g.orgPath && authorize(ctx.actor, 'user.manage', { orgPath: g.orgPath }));
    if (visible) out.push(await userView(ctx.db, row));
  }
  return out;
}

export async function resetPassword(ctx: Ctx, userId: string, newPassword: string): Promise<void> {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!row) throw notFound('user');
  const grants = await grantsOf(ctx.db, userId);
  const allowed = isGlobalAdmin(ctx) || (grants.length > 0 && grants.every((g) => g.orgPath && authorize(ctx.actor, 'user.manage', { orgPath: g.orgPath })));
  if (!allowed) throw forbidden();
  assertPasswordAcceptable(newPassword, row.username, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await inTx(ctx, async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId));
    // A reset answers a lost or stolen password: every signed-in device and every script must sign in again.
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
    await appendAudit(ctx, tx, { action: 'user.password_reset', subjectType: 'user', subjectId: userId });
  });
  forgetUserSessions(userId);
}

/** The command line's reset (`user password <username>`), by name; the same rules and revocations as the API's. */
export async function resetPasswordByName(ctx: Ctx, username: string, newPassword: string): Promise<void> {
  const [row] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw notFound('user');
  await resetPassword(ctx, row.id, newPassword);
}
