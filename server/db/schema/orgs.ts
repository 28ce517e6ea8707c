import { sql } from 'drizzle-orm';
import { type AnyPgColumn, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ltree } from '../ltree';
import { members } from './members';
import type { RulePackOverride } from '../../../domain/rules/pack';

export const orgs = pgTable(
  'orgs',
  {
    id: text('id').primaryKey(),
    /** ltree of ancestor ids (dashes removed), root first, ending with this org */
    path: ltree('path').notNull(),
    parentId: text('parent_id').references((): AnyPgColumn => orgs.id),
    code: text('code'),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type').notNull(),
    sector: text('sector'),
    hostUnit: text('host_unit'),
    foundedOn: date('founded_on', { mode: 'string' }),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    coveredUnits: jsonb('covered_units').$type<string[]>().notNull().default([]),
    termElectedOn: date('term_elected_on', { mode: 'string' }),
    rulePackOverride: jsonb('rule_pack_override').$type<RulePackOverride>(),
    dissolvedOn: date('dissolved_on', { mode: 'string' }),
    dissolvedReason: text('dissolved_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orgs_path_gist').using('gist', t.path),
    index('orgs_parent').on(t.parentId, t.name),
    uniqueIndex('orgs_code').on(t.code).where(sql`${t.code} is not null`),
    index('orgs_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    // organizations in name order (the database's collation, as lists sort them): the roll-up's
    // lagging list walks a province from the first name on instead of sorting all of it
    index('orgs_name_id').on(t.name, t.id),
    // active terms in order of election: the dashboard of a province finds its first ending terms
    // by walking from the earliest instead of reading 150,000 of them
    index('orgs_term_elected')
      .on(t.termElectedOn, t.id)
      .where(sql`${t.dissolvedOn} is null and ${t.termElectedOn} is not null`),
  ],
);

/** Maintained member counts of each organization's whole subtree, so a province answers in O(1). */
export const orgCounts = pgTable('org_counts', {
  orgId: text('org_id').primaryKey().references(() => orgs.id),
  members: integer('members').notNull().default(0),
  fullMembers: integer('full_members').notNull().default(0),
  directMembers: integer('direct_members').notNull().default(0),
  directFullMembers: integer('direct_full_members').notNull().default(0),
});

export const partyGroups = pgTable(
  'party_groups',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => orgs.id),
    name: text('name').notNull(),
    leaderMemberId: text('leader_member_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('party_groups_org').on(t.orgId)],
);

export const committeeRoles = pgTable(
  'committee_roles',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => orgs.id),
    memberId: text('member_id').notNull().references(() => members.id),
    role: text('role').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
  },
  (t) => [index('committee_roles_org').on(t.orgId), index('committee_roles_member').on(t.memberId)],
);
