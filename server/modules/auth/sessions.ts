import { sql } from 'drizzle-orm';
import type { Actor, Grant } from '../../../domain/access';
import type { Config } from '../../config';
import { queryRows, type Db } from '../../db/client';

// Who is calling, resolved on every API request: one query for a session or a token (the user, the
// grants and a touch of last-seen at most once a minute), and sessions kept in memory for a few
// seconds so a burst of requests from one browser costs no query at all.
//
// Revocation: logout and an admin password reset evict the entries in this process at once. Other
// processes of the same installation keep an entry for at most CACHE_MS, then look the session up
// again and find it gone: that short window is the price of not querying on every request.

const CACHE_MS = 5_000;
const TOUCH_SECONDS = 60;
const SWEEP_AT = 10_000;

export interface Caller {
  actor: Actor;
  /** for a session: the CSRF token its writes must carry */
  csrfToken: string | null;
}

interface Cached extends Caller {
  /** ms epoch after which the entry must be looked up again */
  until: number;
}

const cache = new Map<string, Cached>();

interface CallerRow {
  user_id: string;
  member_id: string | null;
  grants: Grant[] | string;
  csrf_token: string | null;
  ends_at: string | Date | null;
}

function toCaller(row: CallerRow): Caller {
  const grants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as Grant[]) : row.grants;
  return { actor: { userId: row.user_id, memberId: row.member_id, grants }, csrfToken: row.csrf_token };
}

const grantsOfUser = sql`coalesce((select json_agg(json_build_object('role', g.role, 'orgPath', o.path::text)) from role_grants g left join orgs o on o.id = g.org_id where g.user_id = u.id), '[]'::json)`;

/** A live session's caller, or null when it is unknown, idle too long, past its lifetime or its user is disabled. */
export async function sessionCaller(db: Db, tokenHash: string, config: Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours'>): Promise<Caller | null> {
  const nowMs = Date.now();
  const hit = cache.get(tokenHash);
  if (hit && hit.until > nowMs) return hit;
  cache.delete(tokenHash);
  const now = new Date(nowMs).toISOString();
  const idleFrom = new Date(nowMs - config.sessionIdleMinutes * 60_000).toISOString();
  const bornFrom = new Date(nowMs - config.sessionMaxHours * 3600_000).toISOString();
  const [row] = await queryRows<CallerRow>(
    db,
    sql`with s as (
          select user_id, csrf_token, created_at, expires_at, last_seen_at from sessions
          where token_hash = ${tokenHash} and expires_at > ${now}::timestamptz
            and created_at > ${bornFrom}::timestamptz and last_seen_at > ${idleFrom}::timestamptz
        ), touch as (
          update sessions set last_seen_at = ${now}::timestamptz
          where token_hash = ${tokenHash} and exists (select 1 from s)
            and last_seen_at < ${now}::timestamptz - make_interval(secs => ${TOUCH_SECONDS})
        )
        select u.id as user_id, u.member_id, ${grantsOfUser} as grants, s.csrf_token,
          least(s.expires_at, s.created_at + make_interval(hours => ${config.sessionMaxHours}), s.last_seen_at + make_interval(mins => ${config.sessionIdleMinutes})) as ends_at
        from s join users u on u.id = s.user_id
        where not u.disabled`,
  );
  if (!row) return null;
  const caller = toCaller(row);
  // never cached past the moment the session itself would end
  const endsAt = row.ends_at ? new Date(row.ends_at).getTime() : nowMs;
  if (cache.size >= SWEEP_AT) for (const [key, entry] of cache) if (entry.until <= nowMs) cache.delete(key);
  cache.set(tokenHash, { ...caller, until: Math.min(nowMs + CACHE_MS, endsAt) });
  return caller;
}

/** An API token's caller (tokens are not cached: revoking one takes effect on the next request everywhere). */
export async function tokenCaller(db: Db, tokenHash: string): Promise<Caller | null> {
  const now = new Date().toISOString();
  const [row] = await queryRows<CallerRow>(
    db,
    sql`with t as (select id, user_id from api_tokens where token_hash = ${tokenHash}),
        touch as (
          update api_tokens set last_used_at = ${now}::timestamptz
          where id = (select id from t) and (last_used_at is null or last_used_at < ${now}::timestamptz - make_interval(secs => ${TOUCH_SECONDS}))
        )
        select u.id as user_id, u.member_id, ${grantsOfUser} as grants, null as csrf_token, null as ends_at
        from t join users u on u.id = t.user_id
        where not u.disabled`,
  );
  return row ? toCaller(row) : null;
}

/** After logout: the session is gone from this process's memory too. */
export function forgetSession(tokenHash: string): void {
  cache.delete(tokenHash);
}

/** After a password reset (or anything else that ends all of a user's sessions). */
export function forgetUserSessions(userId: string): void {
  for (const [key, entry] of cache) if (entry.actor.userId === userId) cache.delete(key);
}

/** After a restore: no session survives it. */
export function forgetAllSessions(): void {
  cache.clear();
}
