import { eq, inArray } from 'drizzle-orm';
import { ACTIONS, abilitiesWithin, type Action, type Grant } from '../../../domain/access';
import type { AccessRole } from '../../../domain/enums';
import type { MemberDetail } from '../../../domain/schemas/members';
import type { GrantInput, User, UserCreate, UserFilter, UserListItem, UserListQuery, UserUpdate } from '../../../domain/schemas/users';
import { grantChanges, mayGrant, mayManageAccount, maySeeUser, userAbilities, userScopes } from '../../../domain/users/access';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { apiTokens, roleGrants, sessions, users } from '../../db/schema/auth';
import { batchRefused, conflict, forbidden, invalid, notFound, type BatchFailure } from '../../errors';
import { newId } from '../../ids';
import { getMemberDetail, assertMemberVisible } from '../members/service';
import { assertPasswordAcceptable, grantsOf, hashPassword } from '../auth/service';
import { forgetUserSessions } from '../auth/sessions';
import { findUsers, getUser, grantsOfUsers, orgPaths, type GrantRow, type UserFilter as UserFilterQuery, type UserRow } from './queries';

// Accounts and what they may do where. Who may grant, see and switch off what is decided in
// domain/users/access.ts; each change (roles, disabling, a reset) is one transaction with its audit
// event, and ends the account's cached sessions so the change holds from the next request.

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

function asGrants(rows: readonly GrantRow[]): Grant[] {
  return rows.map((g) => ({ role: g.role, orgPath: g.orgPath }));
}

function listItem(ctx: Ctx, row: UserRow, grants: readonly GrantRow[]): UserListItem {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    memberId: row.memberId,
    disabled: row.disabled,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    roles: grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgName, editable: mayGrant(ctx.actor, { role: g.role, orgPath: g.orgPath }) })),
    abilities: userAbilities(ctx.actor, { userId: row.id, disabled: row.disabled, grants: asGrants(grants) }),
  };
}

/** The list's filter as a query: the caller's managed subtrees (403 without any), then what was asked. */
export async function userFilter(ctx: Ctx, q: UserFilter): Promise<UserFilterQuery> {
  const scopes = userScopes(ctx.actor);
  if (scopes !== null && scopes.length === 0) throw forbidden();
  let orgPath: string | undefined;
  if (q.orgId) {
    orgPath = (await orgPaths(ctx.db, [q.orgId])).get(q.orgId)?.path;
    if (!orgPath) throw invalid([{ field: 'orgId', code: 'no_such_org' }]);
  }
  return { scopes, q: q.q, role: q.role, orgPath, disabled: q.disabled };
}

/** Accounts holding a role anywhere inside the caller's managed subtrees, filtered and paged. */
export async function listUsers(ctx: Ctx, q: UserListQuery): Promise<{ items: UserListItem[]; total: number }> {
  const { rows, total } = await findUsers(ctx.db, await userFilter(ctx, q), { limit: q.limit ?? 50, offset: q.offset ?? 0 });
  const grants = await grantsOfUsers(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => listItem(ctx, r, grants.get(r.id) ?? [])), total };
}

/** The account and its grants, refused (403) when none of its grants lies in the caller's scope. */
async function visibleUser(ctx: Ctx, userId: string): Promise<{ row: UserRow; grants: GrantRow[] }> {
  const row = await getUser(ctx.db, userId);
  if (!row) throw notFound('user');
  const grants = (await grantsOfUsers(ctx.db, [userId])).get(userId) ?? [];
  if (!maySeeUser(ctx.actor, asGrants(grants))) throw forbidden();
  return { row, grants };
}

/** Where the account's events are filed: its first grant the caller administers, else its first. */
function auditPath(ctx: Ctx, grants: readonly GrantRow[]): string | null {
  const mine = grants.find((g) => g.orgPath !== null && mayGrant(ctx.actor, { role: g.role, orgPath: g.orgPath }));
  return (mine ?? grants[0])?.orgPath ?? null;
}

const grantView = (grants: readonly { role: string; orgId: string | null }[]) => grants.map((g) => ({ role: g.role, orgId: g.orgId }));

/** Renames the account and changes its roles: each grant added or taken back must be the caller's to give. */
export async function updateUser(ctx: Ctx, userId: string, input: UserUpdate): Promise<UserListItem> {
  const { row, grants } = await visibleUser(ctx, userId);
  let added: GrantRow[] = [];
  let removed: GrantRow[] = [];
  if (input.roles) {
    const pathOf = await checkGrants(ctx, input.roles);
    const wanted: GrantRow[] = input.roles.map((r) => ({ id: '', userId, role: r.role, orgId: r.orgId, orgPath: r.orgId === null ? null : pathOf.get(r.orgId)!, orgName: null }));
    ({ added, removed } = grantChanges(grants, wanted));
    if ((added.length || removed.length) && userId === ctx.actor.userId) throw conflict('user_self');
    if (![...added, ...removed].every((g) => mayGrant(ctx.actor, g))) throw forbidden('grant_out_of_scope');
  }
  const renamed = input.displayName !== undefined && input.displayName !== row.displayName;
  if (!renamed && added.length === 0 && removed.length === 0) return listItem(ctx, row, grants);
  await inTx(ctx, async (tx) => {
    if (renamed) await tx.update(users).set({ displayName: input.displayName ?? null }).where(eq(users.id, userId));
    if (removed.length) await tx.delete(roleGrants).where(inArray(roleGrants.id, removed.map((g) => g.id)));
    if (added.length) await tx.insert(roleGrants).values(added.map((g) => ({ id: newId(), userId, role: g.role, orgId: g.orgId })));
    const remaining = grants.filter((g) => !removed.includes(g));
    await appendAudit(ctx, tx, {
      action: 'user.update',
      subjectType: 'user',
      subjectId: userId,
      orgPath: auditPath(ctx, [...remaining, ...added]),
      before: { ...(renamed ? { displayName: row.displayName } : {}), ...(input.roles ? { roles: grantView(grants) } : {}) },
      after: { ...(renamed ? { displayName: input.displayName ?? null } : {}), ...(input.roles ? { roles: grantView([...remaining, ...added]) } : {}) },
    });
  });
  // cached sessions carry the grants: the new roles apply from the next request
  forgetUserSessions(userId);
  const updated = (await getUser(ctx.db, userId))!;
  return listItem(ctx, updated, (await grantsOfUsers(ctx.db, [userId])).get(userId) ?? []);
}

/** Disabling ends every session and revokes every API token; a disabled account cannot sign in. */
export async function setUserDisabled(ctx: Ctx, userId: string, disabled: boolean): Promise<UserListItem> {
  const { row, grants } = await visibleUser(ctx, userId);
  if (!mayManageAccount(ctx.actor, asGrants(grants))) throw forbidden();
  if (userId === ctx.actor.userId) throw conflict('user_self');
  if (row.disabled === disabled) return listItem(ctx, row, grants);
  const [updated] = await inTx(ctx, async (tx) => {
    const result = await tx.update(users).set({ disabled }).where(eq(users.id, userId)).returning();
    if (disabled) {
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
    }
    await appendAudit(ctx, tx, {
      action: disabled ? 'user.disable' : 'user.enable',
      subjectType: 'user',
      subjectId: userId,
      orgPath: auditPath(ctx, grants),
      before: { disabled: row.disabled },
      after: { disabled },
    });
    return result;
  });
  forgetUserSessions(userId);
  return listItem(ctx, updated!, grants);
}


/**
 * Disables or enables the listed accounts in one transaction, each with its own audit event; an account already in
 * that state is left alone. Every id is checked first: one that is unknown or unseen (400), outside what the caller
 * may switch off (403) or the caller's own (409) refuses the whole batch (errors.ts batchRefused), naming each.
 */
export async function setUsersDisabled(ctx: Ctx, ids: readonly string[], disabled: boolean): Promise<UserListItem[]> {
  if (userScopes(ctx.actor)?.length === 0) throw forbidden();
  const rows = new Map((await ctx.db.select().from(users).where(inArray(users.id, [...ids]))).map((r) => [r.id, r]));
  const grants = await grantsOfUsers(ctx.db, [...rows.keys()]);
  const failures: BatchFailure[] = [];
  ids.forEach((id, i) => {
    const field = `ids.${i}`;
    const held = asGrants(grants.get(id) ?? []);
    // an account the caller cannot see answers as one that does not exist
    if (!rows.has(id) || !maySeeUser(ctx.actor, held)) failures.push({ field, status: 400, code: 'no_such_user' });
    else if (!mayManageAccount(ctx.actor, held)) failures.push({ field, status: 403, code: 'user_out_of_scope' });
    else if (id === ctx.actor.userId) failures.push({ field, status: 409, code: 'user_self' });
  });
  if (failures.length) throw batchRefused(failures);
  const changing = ids.filter((id) => rows.get(id)!.disabled !== disabled);
  if (changing.length) {
    await inTx(ctx, async (tx) => {
      await tx.update(users).set({ disabled }).where(inArray(users.id, changing));
      if (disabled) {
        await tx.delete(sessions).where(inArray(sessions.userId, changing));
        await tx.delete(apiTokens).where(inArray(apiTokens.userId, changing));
      }
      for (const id of changing)
        await appendAudit(ctx, tx, {
          action: disabled ? 'user.disable' : 'user.enable',
          subjectType: 'user',
          subjectId: id,
          orgPath: auditPath(ctx, grants.get(id) ?? []),
          before: { disabled: !disabled },
          after: { disabled },
        });
    });
    for (const id of changing) forgetUserSessions(id);
  }
  return ids.map((id) => listItem(ctx, { ...rows.get(id)!, disabled }, grants.get(id) ?? []));
}

export async function resetPassword(ctx: Ctx, userId: string, newPassword: string): Promise<void> {
  const { row, grants } = await visibleUser(ctx, userId);
  if (!mayManageAccount(ctx.actor, asGrants(grants))) throw forbidden();
  assertPasswordAcceptable(newPassword, row.username, 'newPassword');
  const passwordHash = await hashPassword(newPassword);
  await inTx(ctx, async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId));
    // A reset answers a lost or stolen password: every signed-in device and every script must sign in again.
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
    await appendAudit(ctx, tx, { action: 'user.password_reset', subjectType: 'user', subjectId: userId, orgPath: auditPath(ctx, grants) });
  });
  forgetUserSessions(userId);
}

/** The command line's reset (`user password <username>`), by name; the same rules and revocations as the API's. */
export async function resetPasswordByName(ctx: Ctx, username: string, newPassword: string): Promise<void> {
  const [row] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw notFound('user');
  await resetPassword(ctx, row.id, newPassword);
}
