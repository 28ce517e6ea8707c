import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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
