import { date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { ltree } from '../ltree';
import { users } from './auth';
import { orgs } from './orgs';

/**
 * A co-construction agreement (共建协议) between two or more party organizations, anywhere in the
 * tree, optionally coordinated by a third (a zone's working committee). Renewal creates the next
 * period with `previousId` pointing back.
 */
export const pairings = pgTable(
  'pairings',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    coordinatorOrgId: text('coordinator_org_id').references(() => orgs.id),
    coordinatorPath: ltree('coordinator_path'),
    /** the party ids sorted and joined with ',': finds a duplicate agreement of the same parties */
    partiesKey: text('parties_key').notNull(),
    state: text('state').notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    /** agreed joint-activity frequency: at least `frequencyMin` held per `frequencyPer` */
    frequencyMin: integer('frequency_min').notNull().default(1),
    frequencyPer: text('frequency_per').notNull().default('quarter'),
    /** the agreement's text (from the shared template in a bulk creation) */
    content: text('content'),
    plaqueAwardedOn: date('plaque_awarded_on', { mode: 'string' }),
    plaqueWording: text('plaque_wording'),
    terminatedOn: date('terminated_on', { mode: 'string' }),
    terminateReason: text('terminate_reason'),
    previousId: text('previous_id'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pairings_coordinator').on(t.coordinatorOrgId),
    index('pairings_parties_key').on(t.partiesKey),
    index('pairings_coordinator_path_gist').using('gist', t.coordinatorPath),
  ],
);

/** The party organizations of a pairing with each side's contact person. */
export const pairingParties = pgTable(
  'pairing_parties',
  {
    pairingId: text('pairing_id')
      .notNull()
      .references(() => pairings.id),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    position: smallint('position').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactTitle: text('contact_title'),
    /** when the party's side agreed to the pairing (null: awaited; the author's own sides agree on creation) */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** the user who agreed for it */
    acceptedBy: text('accepted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.pairingId, t.orgId] }),
    index('pairing_parties_org').on(t.orgId),
    index('pairing_parties_path_gist').using('gist', t.orgPath),
  ],
);

/** What one side promised in the agreement (承诺事项). */
export const pairingCommitments = pgTable(
  'pairing_commitments',
  {
    id: text('id').primaryKey(),
    pairingId: text('pairing_id')
      .notNull()
      .references(() => pairings.id),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    description: text('description').notNull(),
    target: text('target'),
    dueOn: date('due_on', { mode: 'string' }),
    doneOn: date('done_on', { mode: 'string' }),
  },
  (t) => [index('pairing_commitments_pairing').on(t.pairingId)],
);

/** Attachments of a pairing (the signed scan) or of a demand. */
export const pairingFiles = pgTable(
  'pairing_files',
  {
    id: text('id').primaryKey(),
    pairingId: text('pairing_id')
      .notNull()
      .references(() => pairings.id),
    demandId: text('demand_id'),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    storedAs: text('stored_as').notNull(),
    thumbnailAs: text('thumbnail_as'),
    /** who uploaded it (may delete it besides the agreement's keeper); null for files from before it was kept */
    uploadedBy: text('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pairing_files_pairing').on(t.pairingId), index('pairing_files_demand').on(t.demandId)],
);

/** The needs and resources lists (需求清单, 资源清单) each side keeps per pairing. */
export const pairingItems = pgTable(
  'pairing_items',
  {
    id: text('id').primaryKey(),
    pairingId: text('pairing_id')
      .notNull()
      .references(() => pairings.id),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    /** 'need' | 'resource' */
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** 'open' | 'matched' | 'closed' */
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pairing_items_pairing_kind').on(t.pairingId, t.kind), index('pairing_items_status_category').on(t.status, t.category)],
);

/** A need matched with a resource (项目清单); the resource may belong to another pairing of the same coordinator. */
export const jointProjects = pgTable(
  'joint_projects',
  {
    id: text('id').primaryKey(),
    pairingId: text('pairing_id')
      .notNull()
      .references(() => pairings.id),
    needId: text('need_id').references(() => pairingItems.id),
    resourceId: text('resource_id').references(() => pairingItems.id),
    title: text('title').notNull(),
    /** one owner per side: [{ orgId, name }] */
    owners: jsonb('owners').$type<{ orgId: string; name: string }[]>().notNull().default([]),
    dueOn: date('due_on', { mode: 'string' }),
    /** 'planned' | 'in_progress' | 'done' | 'cancelled' */
    status: text('status').notNull(),
    outcome: text('outcome'),
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('joint_projects_pairing').on(t.pairingId)],
);

/** A demand (诉求) raised by one side of a pairing and settled by a partner ("appeal for joint settlement"). */
export const demands = pgTable(
  'demands',
  {
    id: text('id').primaryKey(),
    pairingId: text('pairing_id')
      .notNull()
      .references(() => pairings.id),
    raisedByOrgId: text('raised_by_org_id')
      .notNull()
      .references(() => orgs.id),
    raisedByUserId: text('raised_by_user_id').references(() => users.id),
    assignedOrgId: text('assigned_org_id').references(() => orgs.id),
    assigneeId: text('assignee_id').references(() => users.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    urgency: text('urgency').notNull(),
    state: text('state').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    resolution: text('resolution'),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    rating: smallint('rating'),
    confirmedOn: date('confirmed_on', { mode: 'string' }),
    reopenReason: text('reopen_reason'),
    reopenCount: integer('reopen_count').notNull().default(0),
    /** set when the demand passed its due date unsettled and went to the coordinator */
    escalatedOn: date('escalated_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('demands_pairing_state').on(t.pairingId, t.state),
    index('demands_due').on(t.dueOn),
    index('demands_raised_on').on(t.raisedOn),
  ],
);

/** The timeline of a demand: one row per transition or progress note. */
export const demandEvents = pgTable(
  'demand_events',
  {
    id: text('id').primaryKey(),
    demandId: text('demand_id')
      .notNull()
      .references(() => demands.id),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    byOrgId: text('by_org_id').references(() => orgs.id),
    byUserId: text('by_user_id').references(() => users.id),
    note: text('note'),
  },
  (t) => [index('demand_events_demand').on(t.demandId, t.at)],
);

/**
 * A coordinator's (or a party's) configurable pairing rules: demand time limits per urgency,
 * calendar or working days, and the thresholds of the health states.
 */
export const pairingPolicies = pgTable('pairing_policies', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => orgs.id),
  policy: jsonb('policy').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
