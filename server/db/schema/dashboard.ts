import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { orgs } from './orgs';

/**
 * Maintained member counts by facet for each organization's whole subtree (like org_counts), so
 * the dashboard of a province reads a few hundred rows instead of counting millions of members.
 * Facets: gender, education ('' when unknown), status, category, birth_year, joined_year; age and
 * party-standing bands are computed from the years at read time, so nothing goes stale.
 */
export const orgMemberFacets = pgTable(
  'org_member_facets',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    facet: text('facet').notNull(),
    value: text('value').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.facet, t.value] })],
);

/**
 * Maintained activity counts for each organization's whole subtree by month ('YYYY-MM' of the
 * China date the activity is held on), type and state, so the dashboard's activity chart of a
 * province reads a few dozen rows instead of grouping every activity_hosts row below it. An
 * activity counts once for an organization when any of its hosts is in its subtree: a joint
 * activity of two branches of one committee is one activity for the committee.
 */
export const orgActivityMonths = pgTable(
  'org_activity_months',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    month: text('month').notNull(),
    type: text('type').notNull(),
    state: text('state').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month, t.type, t.state] })],
);

/**
 * Maintained counts of the active organizations of each organization's whole subtree (itself
 * included) by type and sector ('' when none), so the dashboard of a province reads a few dozen
 * rows instead of counting 300,000 organizations.
 */
export const orgKindCounts = pgTable(
  'org_kind_counts',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    type: text('type').notNull(),
    sector: text('sector').notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.type, t.sector] })],
);

/**
 * Maintained counts of the terms of each organization's whole subtree (active organizations with a
 * term and an election date) by the kind of term they serve (domain termKind: which of a rule
 * pack's term lengths applies) and the day they were elected. Kept free of any pack: the dashboard
 * applies the packs' years when it reads, so a new rule-pack version changes nothing here.
 */
export const orgTermCounts = pgTable(
  'org_term_counts',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').notNull(),
    electedOn: date('elected_on', { mode: 'string' }).notNull(),
    n: integer('n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.electedOn] })],
);
