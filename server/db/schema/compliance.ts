import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { orgs } from './orgs';

/**
 * Maintained compliance results: for each organization and period (every month, quarter and year
 * of the maintained years) the result of each requirement it is subject to, as
 * domain/rules/compliance.ts evaluates it. Not-applicable results have no row. Kept current by
 * server/modules/compliance/results.ts in the transaction of every write that changes them, so a
 * province's roll-up reads rows instead of evaluating every organization.
 *
 * What depends on the day of reading is derived from the row at read time: a pending sub-period
 * whose last day has passed counts as missed, and daysLeft is counted from today; the nightly pass
 * writes those changes back (`status`, `missed_periods`, `pending`).
 */
export const complianceResults = pgTable(
  'compliance_results',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    /** '2025', '2025-Q3' or '2025-08' */
    period: text('period').notNull(),
    requirementId: text('requirement_id').notNull(),
    /** the calendar year of the period: an organization's rows are recomputed a year at a time */
    year: integer('year').notNull(),
    /** the requirement's place in the pack, so results come back in the pack's order */
    position: smallint('position').notNull(),
    requirement: text('requirement').notNull(),
    severity: text('severity').notNull(),
    per: text('per').notNull(),
    required: integer('required').notNull(),
    count: integer('count').notNull(),
    /** met, due or missed, as of the last write or nightly pass */
    status: text('status').notNull(),
    window: text('window').notNull(),
    /** labels of the required sub-periods that ended unmet, in order */
    missedPeriods: text('missed_periods').array().notNull(),
    /** the required sub-periods not met and not over yet, in order: { label, start, end } */
    pending: jsonb('pending').$type<{ label: string; start: string; end: string }[]>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.period, t.requirementId] }),
    index('compliance_results_period_org').on(t.period, t.orgId, t.status),
    // the rows not met of a requirement by stored status and first pending sub-period: how many
    // there are of each (bounded counts), the few distinct sub-periods a due one is in, and the
    // stale ones, without reading every lagging row of a province (queries.ts laggingRows)
    index('compliance_results_lagging')
      .on(t.period, t.requirementId, t.status, sql`(${t.pending} -> 0 ->> 'end')`, sql`(${t.pending} -> 0 ->> 'start')`)
      .where(sql`${t.status} <> 'met'`),
  ],
);

/**
 * Recomputations in the background, a batch of organizations per short transaction: a year to
 * build (`year`: every organization), or a subtree whose rules changed (`subtree`: a rule-pack
 * version, a move under other rules). The cursor is the last organization id done, so a restart
 * resumes where it stopped. A year with a job row is maintained; its rows are read once that job
 * has finished and no subtree job is open over the organizations read.
 */
export const complianceJobs = pgTable(
  'compliance_jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    year: integer('year'),
    /** the subtree's top organization (its path is looked up when processing: it may move) */
    orgId: text('org_id').references(() => orgs.id),
    cursor: text('cursor'),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('compliance_jobs_open').on(t.finishedAt, t.createdAt)],
);

/**
 * The counts of compliance_results per subtree: for each organization, period and requirement, how
 * many results its whole subtree has (`applicable`) and how many of them are met, so a roll-up at
 * the top of a province reads a handful of rows instead of counting a million. Kept by statement
 * triggers on compliance_results (migration 0013), whatever writes the rows, and by `orgMoved`
 * when a subtree changes ancestors. Derived data: not in backups; rebuilt as a restore inserts
 * the results.
 */
export const complianceCounts = pgTable(
  'compliance_counts',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    period: text('period').notNull(),
    requirementId: text('requirement_id').notNull(),
    applicable: integer('applicable').notNull(),
    met: integer('met').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.period, t.requirementId] })],
);

/** How many organizations of each subtree have any result for a period (the roll-up's `organizations`); kept like compliance_counts. */
export const complianceSubtreeOrgs = pgTable(
  'compliance_subtree_orgs',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    period: text('period').notNull(),
    organizations: integer('organizations').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.period] })],
);
