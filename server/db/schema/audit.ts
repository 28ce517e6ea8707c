import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorUserId: text('actor_user_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    /** path of the organization the subject belongs to, so audit reads can be scoped */
    orgPath: text('org_path'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    /** HMAC-SHA256 of the event and prev_hash (plain SHA-256 for events before keyed_from) */
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_subject').on(t.subjectType, t.subjectId),
    index('audit_actor').on(t.actorUserId),
    index('audit_at').on(t.at),
    // an organization admin's log reads `org_path::ltree <@ scope`: without it every event is read
    index('audit_org_path').using('gist', sql`(${t.orgPath}::ltree)`),
  ],
);

/**
 * The signed head of the chain: one row (id 1), rewritten with every append in the same
 * transaction. Deleting the last events, or rewriting the chain without the key, no longer
 * matches it.
 */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: integer('id').primaryKey(),
  /** number of events: the seq of the last one */
  seq: bigint('seq', { mode: 'number' }).notNull(),
  /** the last event's hash */
  head: text('head').notNull(),
  /** events before this seq were chained with plain SHA-256, before the chain had a key */
  keyedFrom: bigint('keyed_from', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  /** HMAC-SHA256 of seq, head, keyed_from and at, under the checkpoint key */
  mac: text('mac').notNull(),
});
