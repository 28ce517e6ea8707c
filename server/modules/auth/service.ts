import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Actor, Grant } from '../../../domain/access';
import type { AccessRole } from '../../../domain/enums';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import { randomToken, sha256 } from '../../crypto';
import type { Db } from '../../db/client';
import { apiTokens, loginThrottle, roleGrants, sessions, users } from '../../db/schema/auth';
import { orgs } from '../../db/schema/orgs';
import { appError, invalid, notFound } from '../../errors';
import { newId } from '../../ids';

export const SESSION_DAYS = 7;
// Throttling: failures counted in a window; past the limit the key is locked for a while.
export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  perAccount: 5,
  perAddress: 20,
};

type UserRow = typeof users.$inferSelect;

export function hashPassword(password: string): Promise<string> {
  return hash(password); // argon2id with the library's recommended parameters
}

export async function findTokenUser(db: Db, tokenHash: string): Promise<UserRow | null> {
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash));
  if (!row || row.user.disabled) return null;
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  return row.user;
}

export async function findSessionUser(db: Db, tokenHash: string): Promise<{ user: UserRow; csrfToken: string } | null> {
  const [row] = await db
    .select({ user: users, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  if (!row || row.user.disabled) return null;
  return row;
}

export async function grantsOf(db: Db, userId: string) {
  return db
    .select({ role: roleGrants.role, orgId: roleGrants.orgId, orgPath: orgs.path, orgName: orgs.name })
    .from(roleGrants)
    .leftJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .where(eq(roleGrants.userId, userId));
}

export async function actorForUser(db: Db, user: UserRow): Promise<Actor> {
  const grants: Grant[] = (await grantsOf(db, user.id)).map((g) => ({ role: g.role as AccessRole, orgPath: g.orgPath ?? null }));
  return { userId: user.id, memberId: user.memberId, grants };
}

async function throttleState(db: Db, key: string): Promise<typeof loginThrottle.$inferSelect | undefined> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return row;
}

async function recordFailure(db: Db, key: string, limit: number, now: Date): Promise<void> {
  const row = await throttleState(db, key);
  const windowStart = row && now.getTime() - row.windowStart.getTime() < THROTTLE.windowMinutes * 60_000 ? row.windowStart : now;
  const failures = (row && windowStart === row.windowStart ? row.failures : 0) + 1;
  const lockedUntil = failures >= limit ? new Date(now.getTime() + THROTTLE.lockMinutes * 60_000) : null;
  await db
    .insert(loginThrottle)
    .values({ key, failures, windowStart, lockedUntil })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { failures, windowStart, lockedUntil } });
}

export interface LoginResult {
  cookie: string;
  csrfToken: string;
  user: UserRow;
}

export async function login(ctx: Ctx, username: string, password: string, address: string): Promise<LoginResult> {
  const now = new Date();
  const keys = [`user:${username.toLowerCase()}`, `ip:${address}`];
  for (const key of keys) {
    const state = await throttleState(ctx.db, key);
    if (state?.lockedUntil && state.lockedUntil > now) {
      const seconds = Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
      throw appError(429, 'auth_locked', { minutes: Math.ceil(seconds / 60) }, { retryAfterSeconds: seconds });
    }
  }
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  const ok = user && !user.disabled ? await verify(user.passwordHash, password) : false;
  if (!user || !ok) {
    await recordFailure(ctx.db, keys[0]!, THROTTLE.perAccount, now);
    await recordFailure(ctx.db, keys[1]!, THROTTLE.perAddress, now);
    throw appError(401, 'bad_credentials');
  }
  const cookie = randomToken();
  const csrfToken = randomToken(24);
  await inTx(ctx, async (tx) => {
    await tx.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
    await tx.insert(sessions).values({
      tokenHash: sha256(cookie),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86400_000),
    });
    await appendAudit({ ...ctx, actor: { userId: user.id, memberId: user.memberId, grants: [] } }, tx, {
      action: 'auth.login',
      subjectType: 'user',
      subjectId: user.id,
    });
  });
  return { cookie, csrfToken, user };
}

export async function logout(ctx: Ctx, sessionHash: string | null): Promise<void> {
  if (!sessionHash) return;
  await inTx(ctx, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, sessionHash));
    await appendAudit(ctx, tx, { action: 'auth.logout', subjectType: 'user', subjectId: ctx.actor.userId });
  });
}

export async function changePassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user) throw notFound('user');
  if (!(await verify(user.passwordHash, currentPassword))) throw invalid([{ field: 'currentPassword', code: 'password_wrong' }]);
  if (currentPassword === newPassword) throw invalid([{ field: 'newPassword', code: 'password_unchanged' }]);
  const passwordHash = await hashPassword(newPassword);
  await inTx(ctx, async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id));
    await appendAudit(ctx, tx, { action: 'user.password_change', subjectType: 'user', subjectId: user.id });
  });
}

export async function createApiToken(ctx: Ctx, name: string): Promise<{ id: string; token: string }> {
  const token = `gj_${randomToken()}`;
  const id = newId();
  await inTx(ctx, async (tx) => {
    await tx.insert(apiTokens).values({ id, userId: ctx.actor.userId, name, tokenHash: sha256(token) });
    await appendAudit(ctx, tx, { action: 'token.create', subjectType: 'api_token', subjectId: id, after: { name } });
  });
  return { id, token };
}

export async function listApiTokens(ctx: Ctx) {
  return ctx.db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, ctx.actor.userId));
}

export async function revokeApiToken(ctx: Ctx, id: string): Promise<void> {
  await inTx(ctx, async (tx) => {
    const removed = await tx.delete(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.actor.userId))).returning({ id: apiTokens.id });
    if (removed.length === 0) throw notFound('api_token');
    await appendAudit(ctx, tx, { action: 'token.revoke', subjectType: 'api_token', subjectId: id });
  });
}
