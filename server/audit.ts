import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from './context';
import type { Db } from './db/client';
import { auditEvents } from './db/schema/audit';
import { users } from './db/schema/auth';

// Every write appends an event in its own transaction. Each event's hash covers the previous
// event's hash, so changing or deleting any event breaks the chain from there on.

export const GENESIS = '0'.repeat(64);

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId: string;
  orgPath?: string | null;
  before?: unknown;
  after?: unknown;
}

interface HashedFields {
  seq: number;
  at: string;
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  orgPath: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** JSON with sorted keys, so the hash does not depend on how the database returns jsonb. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function eventHash(prevHash: string, e: HashedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonical({ ...e, at: new Date(e.at).toISOString() }))
    .digest('hex');
}

/** Records shown in the audit trail without their secrets. */
export function redact<T extends Record<string, unknown>>(row: T | null | undefined, keys: readonly string[]): Record<string, unknown> | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (keys.includes(k)) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** Needs only who acts and the request: the scheduler audits its own work (escalations) without a request. */
export async function appendAudit(ctx: Pick<Ctx, 'actor' | 'requestId'>, tx: Db, input: AuditInput): Promise<void> {
  // One writer at a time extends the chain (a no-op cost on PGlite, a short lock on PostgreSQL).
  await tx.execute(sql`select pg_advisory_xact_lock(7261001)`);
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const fields: HashedFields = {
    seq,
    at: new Date().toISOString(),
    actorUserId: ctx.actor.userId || null,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    orgPath: input.orgPath ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    requestId: ctx.requestId,
  };
  const prevHash = last?.hash ?? GENESIS;
  await tx.insert(auditEvents).values({ ...fields, prevHash, hash: eventHash(prevHash, fields) });
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problem?: { seq: number; reason: 'modified' | 'missing' | 'broken_link' };
}

/** Walks the whole chain in order; names the first event that was changed or removed. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const batch = await db.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc(auditEvents.seq)).limit(1000);
    if (batch.length === 0) return { ok: true, checked };
    for (const e of batch) {
      if (e.seq !== expectedSeq) return { ok: false, checked, problem: { seq: expectedSeq, reason: 'missing' } };
      if (e.prevHash !== prevHash) return { ok: false, checked, problem: { seq: e.seq, reason: 'broken_link' } };
      const fields: HashedFields = {
        seq: e.seq,
        at: e.at,
        actorUserId: e.actorUserId,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        orgPath: e.orgPath,
        before: e.before,
        after: e.after,
        requestId: e.requestId,
      };
      if (eventHash(prevHash, fields) !== e.hash) return { ok: false, checked, problem: { seq: e.seq, reason: 'modified' } };
      prevHash = e.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}

export interface AuditQuery {
  subjectType?: string;
  subjectId?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export async function listAudit(db: Db, scopes: string[] | null, q: AuditQuery) {
  const conds: SQL[] = [];
  if (q.subjectType) conds.push(eq(auditEvents.subjectType, q.subjectType));
  if (q.subjectId) conds.push(eq(auditEvents.subjectId, q.subjectId));
  if (q.actor) conds.push(or(eq(auditEvents.actorUserId, q.actor), eq(users.username, q.actor))!);
  if (q.from) conds.push(gte(auditEvents.at, q.from));
  if (q.to) conds.push(lte(auditEvents.at, q.to));
  if (q.cursor) conds.push(lt(auditEvents.seq, Number(q.cursor)));
  if (scopes) {
    if (scopes.length === 0) return { items: [], nextCursor: null };
    conds.push(sql`(${sql.join(scopes.map((s) => sql`${auditEvents.orgPath}::ltree <@ ${s}::ltree`), sql` or `)})`);
  }
  const limit = q.limit ?? 50;
  const rows = await db
    .select({ event: auditEvents, actorName: users.username })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ ...r.event, actorName: r.actorName })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]?.event.seq) : null,
  };
}
