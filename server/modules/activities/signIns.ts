import { and, eq, or, sql } from 'drizzle-orm';
import { appendAuditOfMany, type ActedAuditInput } from '../../audit';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { activityAttendees } from '../../db/schema/activities';

// Sign-ins that arrive together are written together (group commit). Every write extends the one
// audit chain, so writers queue behind its head: measured with 50 phones at once, each sign-in in
// its own transaction managed about 30 a second on PostgreSQL, whatever else was made faster.
// Here the sign-ins that arrive while one transaction commits go into the next: one upsert of all
// their attendance rows and their audit events (each under its own member's user and request),
// one commit. Nothing is delayed on purpose: a lone sign-in is written at once. A caller is
// answered only after its batch has committed, so an acknowledged sign-in is as durable as before.

const MAX_BATCH = 200;

export interface SignInWrite {
  ctx: Ctx;
  activityId: string;
  memberId: string;
  /** the activity's path, for the audit event */
  orgPath: string;
}

interface Pending extends SignInWrite {
  at: string;
  resolve: (signedInAt: string) => void;
  reject: (err: unknown) => void;
}

interface Queue {
  items: Pending[];
  flushing: boolean;
}

/** One queue per database (tests run several apps in one process). */
const queues = new WeakMap<Db, Queue>();

/** Records the member as present; resolves with the time stored once it has committed. */
export async function recordSignIn(write: SignInWrite): Promise<string> {
  let queue = queues.get(write.ctx.db);
  if (!queue) {
    queue = { items: [], flushing: false };
    queues.set(write.ctx.db, queue);
  }
  const q = queue;
  return new Promise<string>((resolve, reject) => {
    q.items.push({ ...write, at: new Date().toISOString(), resolve, reject });
    if (!q.flushing) void flush(q);
  });
}

async function flush(queue: Queue): Promise<void> {
  queue.flushing = true;
  try {
    while (queue.items.length > 0) {
      const batch = queue.items.splice(0, MAX_BATCH);
      try {
        settle(batch, await writeBatch(batch));
      } catch {
        // one sign-in that cannot be written (its member removed meanwhile) must not fail the
        // others: each is tried alone and answers with its own outcome
        for (const one of batch) {
          try {
            settle([one], await writeBatch([one]));
          } catch (err) {
            one.reject(err);
          }
        }
      }
    }
  } finally {
    queue.flushing = false;
  }
}

function settle(batch: Pending[], stored: Map<string, string>): void {
  for (const p of batch) p.resolve(stored.get(keyOf(p))!);
}

const keyOf = (p: { activityId: string; memberId: string }) => `${p.activityId} ${p.memberId}`;

/**
 * Writes a batch in one transaction and returns the time stored per member. A double tap is one
 * sign-in: within the batch it is written once, and a member already present (signed in by an
 * earlier batch) keeps the first time and gets no second audit event.
 */
async function writeBatch(batch: Pending[]): Promise<Map<string, string>> {
  const first = new Map<string, Pending>();
  for (const p of batch) if (!first.has(keyOf(p))) first.set(keyOf(p), p);
  const rows = [...first.values()];
  return inTx(rows[0]!.ctx, async (tx) => {
    const written = await tx
      .insert(activityAttendees)
      .values(rows.map((p) => ({ activityId: p.activityId, memberId: p.memberId, status: 'present', reason: null, signedInAt: p.at, source: 'sign_in' })))
      .onConflictDoUpdate({
        target: [activityAttendees.activityId, activityAttendees.memberId],
        set: { status: 'present', reason: null, signedInAt: sql`excluded.signed_in_at`, source: 'sign_in' },
        where: sql`not (${activityAttendees.status} = 'present' and ${activityAttendees.signedInAt} is not null)`,
      })
      .returning({ activityId: activityAttendees.activityId, memberId: activityAttendees.memberId });
    const wrote = new Set(written.map(keyOf));
    const stored = new Map<string, string>();
    const events: ActedAuditInput[] = [];
    for (const p of rows) {
      if (!wrote.has(keyOf(p))) continue;
      stored.set(keyOf(p), p.at);
      events.push({ ctx: p.ctx, input: { action: 'activity.sign_in', subjectType: 'activity', subjectId: p.activityId, orgPath: p.orgPath, after: { memberId: p.memberId, at: p.at } } });
    }
    // one lock of the chain's head, one insert, one checkpoint for the whole batch
    await appendAuditOfMany(tx, events);
    const already = rows.filter((p) => !wrote.has(keyOf(p)));
    if (already.length > 0) {
      const present = await tx
        .select({ activityId: activityAttendees.activityId, memberId: activityAttendees.memberId, signedInAt: activityAttendees.signedInAt })
        .from(activityAttendees)
        .where(or(...already.map((p) => and(eq(activityAttendees.activityId, p.activityId), eq(activityAttendees.memberId, p.memberId)))));
      for (const r of present) stored.set(keyOf(r), new Date(r.signedInAt!).toISOString());
    }
    return stored;
  });
}
