import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Ctx } from './context';
import type { Db } from './db/client';
import { insertMany } from './db/insertMany';
import { auditCheckpoints, auditEvents } from './db/schema/audit';
import { Turns } from './eventLoop';

// Every write appends an event in its own transaction. Each event carries an HMAC-SHA256 of its
// fields and of the previous event's MAC, under a key derived from the installation's secret key
// (which lives outside the database), so whoever can write the database but lacks the key cannot
// change, insert or re-chain events. The signed checkpoint (the count and the last MAC, MAC'd
// itself) is rewritten in the same transaction, so deleting the last events shows too.
//
// Events written before the chain had a key (plain SHA-256) stay as they are: the first keyed
// event's MAC covers the last of them, which covers all earlier ones, and the checkpoint records
// where the keyed chain starts. The first append without a checkpoint seals the events already
// there that way; `verify` reports how many there are.

export const GENESIS = '0'.repeat(64);
const CHECKPOINT_ID = 1;

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

interface Keys {
  chain: Buffer;
  checkpoint: Buffer;
}

let installed: Keys | null = null;

export function auditKeys(secretKey: string): Keys {
  const master = Buffer.from(secretKey, 'utf8');
  return {
    chain: Buffer.from(hkdfSync('sha256', master, 'gongjian', 'audit-chain', 32)),
    checkpoint: Buffer.from(hkdfSync('sha256', master, 'gongjian', 'audit-checkpoint', 32)),
  };
}

/** The installation's secret key, from its configuration: set once at start, before any write. One
 *  process serves one installation, so the key is kept here rather than passed by every caller. */
export function setAuditKey(secretKey: string): void {
  installed = auditKeys(secretKey);
}

function keys(): Keys {
  if (!installed) throw new Error('the audit key is not set: call setAuditKey(config.secretKey) at start');
  return installed;
}

/** JSON with sorted keys, so the hash does not depend on how the database returns jsonb. */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  // as JSON.stringify stores it: a Date in `after` is read back as its ISO string
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function eventText(e: HashedFields): string {
  return canonical({ ...e, at: new Date(e.at).toISOString() });
}

/** The chain before it had a key: kept to check events written then. */
export function legacyEventHash(prevHash: string, e: HashedFields): string {
  return createHash('sha256').update(prevHash).update(eventText(e)).digest('hex');
}

function eventMac(key: Buffer, prevHash: string, e: HashedFields): string {
  return createHmac('sha256', key).update(prevHash).update(eventText(e)).digest('hex');
}

export interface Checkpoint {
  seq: number;
  head: string;
  keyedFrom: number;
  at: string;
}

function checkpointMac(key: Buffer, c: Checkpoint): string {
  return createHmac('sha256', key)
    .update(canonical({ seq: c.seq, head: c.head, keyedFrom: c.keyedFrom, at: new Date(c.at).toISOString() }))
    .digest('hex');
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
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

type Actor = Pick<Ctx, 'actor' | 'requestId'>;

/** Locks the head of the chain for this transaction and returns it. */
async function lockHead(tx: Db): Promise<Checkpoint> {
  const locked = () => tx.select().from(auditCheckpoints).where(eq(auditCheckpoints.id, CHECKPOINT_ID)).for('update');
  let [head] = await locked();
  if (!head) {
    // no checkpoint yet: a new database, or one whose events predate the key; one writer creates it
    await tx.execute(sql`select pg_advisory_xact_lock(7261001)`);
    [head] = await locked();
    if (!head) {
      const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
      const seq = last?.seq ?? 0;
      return { seq, head: last?.hash ?? GENESIS, keyedFrom: seq + 1, at: '' };
    }
  }
  return { seq: head.seq, head: head.head, keyedFrom: head.keyedFrom, at: head.at };
}

/** An event and who caused it: a batch may carry several callers' events (grouped sign-ins). */
export interface ActedAuditInput {
  ctx: Actor;
  input: AuditInput;
}

/** Writes the events and the new checkpoint (the row is created with the first keyed append). */
async function extend(tx: Db, events: readonly ActedAuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const k = keys();
  const head = await lockHead(tx);
  const isNew = head.at === '';
  const at = new Date().toISOString();
  let prevHash = head.head;
  let seq = head.seq;
  const rows = [];
  // an import batch's thousand MACs are a long stretch: other requests get turns in between
  const turns = new Turns();
  for (const { ctx, input } of events) {
    if (turns.due()) await turns.take();
    const fields: HashedFields = {
      seq: ++seq,
      at,
      actorUserId: ctx.actor.userId || null,
      action: input.action,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      orgPath: input.orgPath ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      requestId: ctx.requestId,
    };
    const row = { ...fields, prevHash, hash: eventMac(k.chain, prevHash, fields) };
    prevHash = row.hash;
    rows.push(row);
  }
  await insertMany(tx, auditEvents, rows);
  const next: Checkpoint = { seq, head: prevHash, keyedFrom: head.keyedFrom, at };
  const signed = { ...next, mac: checkpointMac(k.checkpoint, next) };
  if (isNew) await tx.insert(auditCheckpoints).values({ id: CHECKPOINT_ID, ...signed });
  else await tx.update(auditCheckpoints).set(signed).where(eq(auditCheckpoints.id, CHECKPOINT_ID));
}

// A bulk write (an import batch) calls the services' own per-row code, which appends one event at a
// time. Deferring collects those events in memory and writes them with one lock, one multi-row
// insert and one checkpoint when the batch is flushed, in the same transaction.
const deferred = new WeakMap<object, { ctx: Actor; inputs: AuditInput[] }>();

/** From now on, appends on `tx` are kept until flushDeferredAudit (which must run before the commit). */
export function deferAudit(ctx: Actor, tx: Db): void {
  deferred.set(tx, { ctx, inputs: [] });
}

/** Writes the deferred events; appends go straight to the table again when `stop` is set. */
export async function flushDeferredAudit(tx: Db, stop = false): Promise<void> {
  const pending = deferred.get(tx);
  if (!pending) return;
  if (stop) deferred.delete(tx);
  await appendAuditBatch(pending.ctx, tx, pending.inputs.splice(0));
}

/** Needs only who acts and the request: the scheduler audits its own work (escalations) without a request. */
export async function appendAudit(ctx: Actor, tx: Db, input: AuditInput): Promise<void> {
  const pending = deferred.get(tx);
  if (pending && pending.ctx.actor.userId === ctx.actor.userId && pending.ctx.requestId === ctx.requestId) {
    pending.inputs.push(input);
    return;
  }
  await extend(tx, [{ ctx, input }]);
}

/** Many events of one transaction at once (an import batch): the same chain, one lock, one checkpoint. */
export async function appendAuditBatch(ctx: Actor, tx: Db, inputs: readonly AuditInput[]): Promise<void> {
  await extend(
    tx,
    inputs.map((input) => ({ ctx, input })),
  );
}

/** Events of several callers written together (sign-ins committed as one batch), each under its own actor and request. */
export async function appendAuditOfMany(tx: Db, events: readonly ActedAuditInput[]): Promise<void> {
  await extend(tx, events);
}

/** The signed head as stored, for export to a place the database administrator cannot write. */
export async function readCheckpoint(db: Db): Promise<(Checkpoint & { mac: string }) | null> {
  const [row] = await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.id, CHECKPOINT_ID));
  return row ? { seq: row.seq, head: row.head, keyedFrom: row.keyedFrom, at: new Date(row.at).toISOString(), mac: row.mac } : null;
}

export type AuditProblem =
  | { seq: number; reason: 'modified' | 'missing' | 'broken_link' }
  /** the last events are gone: the checkpoint names more than the table holds; seq is the first missing */
  | { seq: number; reason: 'truncated'; expected: number }
  /** the checkpoint was changed or replaced without the key, or is missing while events exist */
  | { seq: null; reason: 'checkpoint_forged' | 'checkpoint_missing' }
  /** an exported checkpoint names an event the chain no longer holds as it was */
  | { seq: number; reason: 'checkpoint_mismatch' };

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** events from before the chain had a key, checked with plain SHA-256 */
  legacy: number;
  problem?: AuditProblem;
}

/**
 * Walks the whole chain in order and names the first event that was changed or removed; then
 * checks the stored checkpoint, and any exported ones (`external`), against it.
 */
export async function verifyAudit(db: Db, external: readonly Checkpoint[] = []): Promise<VerifyResult> {
  const k = keys();
  // one consistent state: appends committed while the walk runs are not half seen
  return db.transaction(
    async (tx0) => {
      const tx = tx0 as unknown as Db;
      const stored = await readCheckpoint(tx);
      if (stored && !sameHex(stored.mac, checkpointMac(k.checkpoint, stored))) {
        return { ok: false, checked: 0, legacy: 0, problem: { seq: null, reason: 'checkpoint_forged' } };
      }
      // Without a checkpoint the walk still names the first bad event, taking events as legacy only
      // until the first one with a valid MAC; the missing checkpoint is reported when the walk passes.
      let keyedFrom = stored?.keyedFrom ?? Infinity;
      const wanted = new Map(external.map((c) => [c.seq, c.head]));
      if (stored) wanted.set(stored.seq, stored.head);
      let prevHash = GENESIS;
      let expectedSeq = 1;
      let checked = 0;
      const result = (problem?: AuditProblem): VerifyResult => ({
        ok: !problem,
        checked,
        legacy: Math.min(checked, keyedFrom - 1),
        ...(problem ? { problem } : {}),
      });
      for (;;) {
        const batch = await tx.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc(auditEvents.seq)).limit(1000);
        if (batch.length === 0) break;
        for (const e of batch) {
          if (e.seq !== expectedSeq) return result({ seq: expectedSeq, reason: 'missing' });
          if (e.prevHash !== prevHash) return result({ seq: e.seq, reason: 'broken_link' });
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
          const mac = eventMac(k.chain, prevHash, fields);
          if (!stored && keyedFrom === Infinity && sameHex(mac, e.hash)) keyedFrom = e.seq;
          const expected = e.seq < keyedFrom ? legacyEventHash(prevHash, fields) : mac;
          if (!sameHex(expected, e.hash)) return result({ seq: e.seq, reason: 'modified' });
          const head = wanted.get(e.seq);
          if (head !== undefined && head !== e.hash) return result({ seq: e.seq, reason: 'checkpoint_mismatch' });
          prevHash = e.hash;
          expectedSeq += 1;
          checked += 1;
        }
      }
      const promised = Math.max(stored?.seq ?? 0, ...external.map((c) => c.seq));
      if (checked < promised) return result({ seq: checked + 1, reason: 'truncated', expected: promised });
      if (!stored && checked > 0) return result({ seq: null, reason: 'checkpoint_missing' });
      return result();
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** Exported checkpoints, one JSON line each (as `audit checkpoint` prints them); each must carry its MAC. */
export function parseCheckpoints(text: string): Checkpoint[] {
  const k = keys();
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const c = JSON.parse(line) as Checkpoint & { mac: string };
      if (typeof c.mac !== 'string' || !sameHex(c.mac, checkpointMac(k.checkpoint, c))) {
        throw new Error(`exported checkpoint on line ${i + 1} does not carry a valid MAC (another key, or edited)`);
      }
      return c;
    });
}

/** What `audit verify` prints: the first problem in words. */
export function describeProblem(p: AuditProblem): string {
  switch (p.reason) {
    case 'modified':
      return `event ${p.seq} was changed (its MAC does not match)`;
    case 'broken_link':
      return `event ${p.seq} does not follow the event before it`;
    case 'missing':
      return `event ${p.seq} is missing`;
    case 'truncated':
      return `the tail is missing: the checkpoint names ${p.expected} events, the table ends before event ${p.seq}`;
    case 'checkpoint_forged':
      return 'the checkpoint was changed without the key';
    case 'checkpoint_missing':
      return 'the checkpoint is missing';
    case 'checkpoint_mismatch':
      return `event ${p.seq} is not the one an exported checkpoint recorded`;
  }
}
