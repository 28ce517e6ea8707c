import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ltree } from '../ltree';
import { users } from './auth';
import { members } from './members';
import { orgs } from './orgs';
import { pairings } from './pairings';

/** Activity types an organization adds for its subtree, recorded as type `other` with this id. */
export const customActivityTypes = pgTable(
  'custom_activity_types',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
  },
  (t) => [index('custom_activity_types_org').on(t.orgId)],
);

export const activities = pgTable(
  'activities',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    customTypeId: text('custom_type_id').references(() => customActivityTypes.id),
    state: text('state').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'string' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** the calendar day in China time the activity starts on: what the rules count */
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place'),
    online: boolean('online').notNull().default(false),
    subVenues: jsonb('sub_venues').$type<string[]>().notNull().default([]),
    presiderMemberId: text('presider_member_id').references(() => members.id),
    recorderMemberId: text('recorder_member_id').references(() => members.id),
    speaker: text('speaker'),
    theme: text('theme').notNull(),
    agenda: text('agenda'),
    minutes: text('minutes'),
    cancelReason: text('cancel_reason'),
    /** for heart-to-heart talks: the two people */
    talkMemberIds: jsonb('talk_member_ids').$type<string[]>().notNull().default([]),
    /** path of the first host, so the activity is reachable from one organization */
    orgPath: ltree('org_path').notNull(),
    /** a joint activity of a pairing counts for the pairing's agreed frequency too */
    pairingId: text('pairing_id').references(() => pairings.id),
    /**
     * other requirement types the activity also served (a life meeting that included the democratic evaluation of
     * members); allowed only where the rule pack's requirement lists the activity's type in heldWith
     */
    alsoCounts: text('also_counts').array().notNull().default(sql`'{}'::text[]`),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('activities_held_on').on(t.heldOn),
    index('activities_path_gist').using('gist', t.orgPath),
    index('activities_pairing').on(t.pairingId, t.heldOn),
  ],
);

/**
 * A joint activity has several hosts and counts for each accepted one. A co-host named by someone outside its
 * scope is pending (accepted_at null) until someone entitled for it accepts; a pending host counts nowhere.
 */
export const activityHosts = pgTable(
  'activity_hosts',
  {
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    type: text('type').notNull(),
    state: text('state').notNull(),
    // rows written by bulk loaders (bench, imports) and before consent was asked for were recorded by someone
    // entitled for every host: accepted unless the writer says otherwise
    acceptedAt: timestamp('accepted_at', { withTimezone: true }).defaultNow(),
    acceptedBy: text('accepted_by'),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.orgId] }),
    index('activity_hosts_org_day').on(t.orgId, t.heldOn),
    index('activity_hosts_path_gist').using('gist', t.orgPath),
  ],
);

export const activityAttendees = pgTable(
  'activity_attendees',
  {
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    status: text('status').notNull(),
    reason: text('reason'),
    signedInAt: timestamp('signed_in_at', { withTimezone: true, mode: 'string' }),
    /** how the attendance was recorded: by the organizer, or by the member's own QR sign-in */
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.memberId] }), index('activity_attendees_member').on(t.memberId)],
);

export const activityGuests = pgTable(
  'activity_guests',
  {
    id: text('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    name: text('name').notNull(),
    unit: text('unit'),
    title: text('title'),
  },
  (t) => [index('activity_guests_activity').on(t.activityId)],
);

export const activityResolutions = pgTable(
  'activity_resolutions',
  {
    id: text('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    text: text('text').notNull(),
    ownerMemberId: text('owner_member_id').references(() => members.id),
    dueOn: date('due_on', { mode: 'string' }),
    doneOn: date('done_on', { mode: 'string' }),
  },
  (t) => [index('activity_resolutions_activity').on(t.activityId)],
);

export const activityVotes = pgTable(
  'activity_votes',
  {
    id: text('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    subject: text('subject').notNull(),
    entitled: integer('entitled').notNull(),
    present: integer('present').notNull(),
    yes: integer('yes').notNull(),
    no: integer('no').notNull(),
    abstain: integer('abstain').notNull(),
    writtenYes: integer('written_yes').notNull().default(0),
  },
  (t) => [index('activity_votes_activity').on(t.activityId)],
);

export const activityFiles = pgTable(
  'activity_files',
  {
    id: text('id').primaryKey(),
    activityId: text('activity_id')
      .notNull()
      .references(() => activities.id),
    kind: text('kind').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    storedAs: text('stored_as').notNull(),
    thumbnailAs: text('thumbnail_as'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('activity_files_activity').on(t.activityId)],
);

/** Rule pack overrides of an organization, each in force from its date. */
export const rulePackVersions = pgTable(
  'rule_pack_versions',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    override: jsonb('override').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rule_pack_versions_org_from').on(t.orgId, t.effectiveFrom)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    /** the same reminder is never sent twice: one row per user and key */
    dedupeKey: text('dedupe_key').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    params: jsonb('params').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('notifications_user_key').on(t.userId, t.dedupeKey), index('notifications_user_created').on(t.userId, t.createdAt)],
);
