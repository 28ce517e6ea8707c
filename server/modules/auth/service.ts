import { hash, verify } from '@node-rs/argon2';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, Grant } from '../../../domain/access';
import type { AccessRole } from '../../../domain/enums';
import { passwordProblem, passwordProblemMessage } from '../../../domain/passwords/rules';
import { appendAudit } from '../../audit';
import { inTx, type Ctx } from '../../context';
import { randomToken, sha256 } from '../../crypto';
import type { Db } from '../../db/client';
import { apiTokens, loginThrottle, roleGrants, sessions, users } from '../../db/schema/auth';
import { orgs } from '../../db/schema/orgs';
import { appError, invalid, notFound } from '../../errors';
import { newId } from '../../ids';
import { forgetSession } from './sessions';

// Throttling: failures counted in a window, per account and per address; past the limit the key
// is locked for a while. Successes do not count (and reset only the account's count).
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

/** The one password rule (domain/passwords) for every way a password is set: API, command line, first start. */
export function assertPasswordAcceptable(password: string, username: string, field: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw invalid([{ field, ...passwordProblemMessage(problem) }]);
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

const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

/** One statement, so that parallel guesses cannot each read the same count and undercount. */
async function recordFailure(db: Db, key: string, limit: number, now: Date): Promise<void> {
  const inWindow = sql`${loginThrottle.windowStart} > ${minutesAfter(now, -THROTTLE.windowMinutes)}::timestamptz`;
  const failures = sql`case when ${inWindow} then ${loginThrottle.failures} + 1 else 1 end`;
  const lockedUntil = minutesAfter(now, THROTTLE.lockMinutes);
  await db
    .insert(loginThrottle)
    .values({ key, failures: 1, windowStart: now, lockedUntil: limit <= 1 ? new Date(lockedUntil) : null })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures,
        windowStart: sql`case when ${inWindow} then ${loginThrottle.windowStart} else ${now.toISOString()}::timestamptz end`,
        lockedUntil: sql`case when ${failures} >= ${limit} then ${lockedUntil}::timestamptz else null end`,
      },
    });
}

export interface LoginResult {
  cookie: string;
  csrfToken: string;
  user: UserRow;
}

export async function login(ctx: Ctx, username: string, password: string, address: string): Promise<LoginResult> {
  const now = new Date();
  const accountKey = `user:${username.toLowerCase()}`;
  const addressKey = `ip:${address}`;
  const states = await ctx.db.select().from(loginThrottle).where(inArray(loginThrottle.key, [accountKey, addressKey]));
  for (const state of states) {
    if (state.lockedUntil && state.lockedUntil > now) {
      const seconds = Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
      throw appError(429, 'auth_locked', { minutes: Math.ceil(seconds / 60) }, { retryAfterSeconds: seconds });
    }
  }
  const [user] = await ctx.db.select().from(users).where(eq(users.username, username));
  const ok = user && !user.disabled ? await verify(user.passwordHash, password) : false;
  if (!user || !ok) {
    await recordFailure(ctx.db, accountKey, THROTTLE.perAccount, now);
    await recordFailure(ctx.db, addressKey, THROTTLE.perAddress, now);
    throw appError(401, 'bad_credentials');
  }
  const cookie = randomToken();
  const csrfToken = randomToken(24);
  await inTx(ctx, async (tx) => {
    // The account's count starts again; the address's does not: an address that signs in to one
    // account it owns must not thereby earn more guesses at the others.
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, accountKey));
    await tx.insert(sessions).values({
      tokenHash: sha256(cookie),
      userId: user.id,
      csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ctx.config.sessionMaxHours * 3600_000),
    });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
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
  forgetSession(sessionHash);
}

export async function changePassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user) throw notFound('user');
  if (!(await verify(user.passwordHash, currentPassword))) throw invalid([{ field: 'currentPassword', code: 'password_wrong' }]);
  if (currentPassword === newPassword) throw invalid([{ field: 'newPassword', code: 'password_unchanged' }]);
  assertPasswordAcceptable(newPassword, user.username, 'newPassword');
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
