import { createHash } from 'node:crypto';
import { asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditBatch, describeProblem, GENESIS, legacyEventHash, parseCheckpoints, readCheckpoint, verifyAudit } from './audit';
import { auditCheckpoints, auditEvents } from './db/schema/audit';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from './testing/harness';

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let admin: Session;

beforeAll(async () => {
  t = await startTestApp();
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
});
afterAll(async () => t.close());

describe('audit trail', () => {
  it('records a write with actor, before and after, and request id, and no secrets', async () => {
    const res = await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { jobTitle: '车间主任' } });
    expect(res.statusCode).toBe(200);
    const log = (await t.call(admin, { method: 'GET', url: `/api/v1/audit?subjectType=member&subjectId=${ids.memberA1}` })).json();
    const update = log.items.find((e: { action: string }) => e.action === 'member.update');
    expect(update).toMatchObject({ actorName: 'admin', subjectId: ids.memberA1 });
    expect(update.before.jobTitle).toBeNull();
    expect(update.after.jobTitle).toBe('车间主任');
    expect(update.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(update)).not.toMatch(/idNumberEnc|phoneEnc/);
  });

  it('does not record a refused write', async () => {
    const before = (await t.call(admin, { method: 'GET', url: '/api/v1/audit?limit=200' })).json().items.length;
    await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { joinedOn: '2999-01-01' } });
    expect((await t.call(admin, { method: 'GET', url: '/api/v1/audit?limit=200' })).json().items.length).toBe(before);
  });

  it('is for admins, and an org admin sees only their subtree', async () => {
    const secretary = await t.login('secretaryA1');
    expect((await t.call(secretary, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
    const orgAdminB = await t.login('orgAdminB');
    const seen = (await t.call(orgAdminB, { method: 'GET', url: '/api/v1/audit?limit=200' })).json().items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((e: { subjectId: string }) => e.subjectId === ids.memberA1)).toBe(false);
  });

  it('verifies the chain and the checkpoint, and names the first event that was changed or deleted', async () => {
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true, legacy: 0 });
    const [head] = await t.database.db.select().from(auditCheckpoints);
    const [{ n } = { n: 0 }] = await t.database.db.select({ n: count() }).from(auditEvents);
    expect(head).toMatchObject({ seq: n, keyedFrom: 1 });
  });
});

describe('tampering with the audit trail', () => {
  let saved: { events: (typeof auditEvents.$inferSelect)[]; checkpoints: (typeof auditCheckpoints.$inferSelect)[] };
  const db = () => t.database.db;
  beforeAll(async () => {
    // enough events that the tail and the middle are different events
    for (let i = 0; i < 5; i++) await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { jobTitle: `岗位${i}` } });
    saved = { events: await db().select().from(auditEvents).orderBy(asc(auditEvents.seq)), checkpoints: await db().select().from(auditCheckpoints) };
  });
  afterEach(async () => {
    // each case starts from the same intact trail
    await db().delete(auditEvents);
    await db().delete(auditCheckpoints);
    for (let i = 0; i < saved.events.length; i += 200) await db().insert(auditEvents).values(saved.events.slice(i, i + 200));
    await db().insert(auditCheckpoints).values(saved.checkpoints);
    expect(await verifyAudit(db())).toMatchObject({ ok: true });
  });
  const last = () => saved.events.at(-1)!.seq;
  const fieldsOf = (e: typeof auditEvents.$inferSelect) => ({
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
  });
  /** What someone with write access but without the key can do: recompute every hash from `from` on with plain SHA-256. */
  async function rehashFrom(from: number): Promise<void> {
    const events = await db().select().from(auditEvents).orderBy(asc(auditEvents.seq));
    let prev = GENESIS;
    for (const e of events) {
      if (e.seq >= from) {
        const hash = legacyEventHash(prev, fieldsOf(e));
        await db().update(auditEvents).set({ prevHash: prev, hash }).where(eq(auditEvents.seq, e.seq));
        prev = hash;
      } else prev = e.hash;
    }
  }

  it('an edited event', async () => {
    await db().execute(sql`update audit_events set after = '{"jobTitle":"篡改"}'::jsonb where seq = 3`);
    expect(await verifyAudit(db())).toMatchObject({ ok: false, checked: 2, problem: { seq: 3, reason: 'modified' } });
  });

  it('an event deleted in the middle', async () => {
    await db().execute(sql`delete from audit_events where seq = 4`);
    expect(await verifyAudit(db())).toMatchObject({ ok: false, checked: 3, problem: { seq: 4, reason: 'missing' } });
  });

  it('the last events deleted (the tail is missing)', async () => {
    await db().execute(sql`delete from audit_events where seq > ${last() - 2}`);
    const result = await verifyAudit(db());
    expect(result).toMatchObject({ ok: false, problem: { seq: last() - 1, reason: 'truncated', expected: last() } });
    expect(describeProblem(result.problem!)).toMatch(/tail is missing/);
  });

  it('an edit with every later hash recomputed with plain SHA-256', async () => {
    await db().execute(sql`update audit_events set after = '{"jobTitle":"篡改"}'::jsonb where seq = 3`);
    await rehashFrom(3);
    expect(await verifyAudit(db())).toMatchObject({ ok: false, problem: { seq: 3, reason: 'modified' } });
  });

  it('a truncation with the checkpoint rewritten without the key', async () => {
    await db().execute(sql`delete from audit_events where seq > ${last() - 2}`);
    const tail = saved.events.at(-3)!;
    const mac = createHash('sha256').update(`${last() - 2}${tail.hash}`).digest('hex');
    await db().update(auditCheckpoints).set({ seq: last() - 2, head: tail.hash, mac });
    expect(await verifyAudit(db())).toMatchObject({ ok: false, problem: { seq: null, reason: 'checkpoint_forged' } });
  });

  it('the whole chain re-hashed with plain SHA-256 and the checkpoint dropped', async () => {
    await db().delete(auditCheckpoints);
    await rehashFrom(1);
    expect(await verifyAudit(db())).toMatchObject({ ok: false, problem: { seq: null, reason: 'checkpoint_missing' } });
  });

  it('an old checkpoint put back after the tail was deleted is caught by an exported checkpoint', async () => {
    const early = await readCheckpoint(db());
    await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { jobTitle: '之后' } });
    const exported = parseCheckpoints(`${JSON.stringify(await readCheckpoint(db()))}\n`);
    // the database administrator deletes the newest event and puts the earlier checkpoint row back
    await db().execute(sql`delete from audit_events where seq > ${early!.seq}`);
    await db().update(auditCheckpoints).set({ seq: early!.seq, head: early!.head, at: early!.at, mac: early!.mac });
    expect(await verifyAudit(db())).toMatchObject({ ok: true });
    expect(await verifyAudit(db(), exported)).toMatchObject({ ok: false, problem: { seq: early!.seq + 1, reason: 'truncated' } });
    expect(() => parseCheckpoints(JSON.stringify({ ...exported[0], seq: 1 }))).toThrow(/valid MAC/);
  });

  it('a chain from before the key is sealed by the next write, and checked with SHA-256 up to there', async () => {
    await db().delete(auditCheckpoints);
    await rehashFrom(1); // as the trail was before this change
    await t.call(admin, { method: 'PATCH', url: `/api/v1/members/${ids.memberA1}`, payload: { jobTitle: '升级后' } });
    expect(await verifyAudit(db())).toMatchObject({ ok: true, checked: last() + 1, legacy: last() });
    await db().execute(sql`update audit_events set after = '{"jobTitle":"篡改"}'::jsonb where seq = 2`);
    expect(await verifyAudit(db())).toMatchObject({ ok: false, problem: { seq: 2, reason: 'modified' } });
  });
});

describe('appendAuditBatch', () => {
  it('hashes a Date in before or after as the text the database keeps', async () => {
    await t.database.db.transaction(async (tx) => {
      await appendAuditBatch(t.system, tx, [{ action: 'test.date', subjectType: 'test', subjectId: 'd', after: { createdAt: new Date('2026-01-02T03:04:05.678Z'), n: [1, undefined] } }]);
    });
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
  });


  it('chains many events with one checkpoint, as single appends would', async () => {
    const before = await readCheckpoint(t.database.db);
    await t.database.db.transaction(async (tx) => {
      await appendAuditBatch(t.system, tx, [
        { action: 'test.batch', subjectType: 'test', subjectId: 'a', after: { n: 1 } },
        { action: 'test.batch', subjectType: 'test', subjectId: 'b', after: { n: 2 } },
        { action: 'test.batch', subjectType: 'test', subjectId: 'c', after: { n: 3 } },
      ]);
    });
    const after = await readCheckpoint(t.database.db);
    expect(after!.seq).toBe(before!.seq + 3);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true });
  });
});
