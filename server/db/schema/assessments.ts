import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import type { ScaleStep, Thresholds } from '../../../domain/assessments/tally';
import { ltree } from '../ltree';
import { users } from './auth';
import { members } from './members';
import { orgs } from './orgs';

// A debriefing assessment (述职评议考核). Secrecy is in the shape of these tables: `ballot_codes` records who may
// vote and whether they have (by a keyed hash of the code, never the code), `ballots` what was voted (group, venue,
// grades), and nothing joins the two: no code, user, time or ordered id on a ballot. Every table reaches an org
// through `assessments.organizer_org_id`.

export const assessments = pgTable(
  'assessments',
  {
    id: text('id').primaryKey(),
    organizerOrgId: text('organizer_org_id')
      .notNull()
      .references(() => orgs.id),
    organizerPath: ltree('organizer_path').notNull(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    state: text('state').notNull(),
    scale: jsonb('scale').$type<ScaleStep[]>().notNull(),
    thresholds: jsonb('thresholds').$type<Thresholds>().notNull(),
    /** the results as computed on close, what the meeting was shown; `assessment verify` recounts against it */
    results: jsonb('results'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessments_organizer').on(t.organizerOrgId, t.year), index('assessments_organizer_path_gist').using('gist', t.organizerPath)],
);

/** A reporter (述职人): a person and the organization they lead, in speaking order. */
export const assessmentReporters = pgTable(
  'assessment_reporters',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    position: smallint('position').notNull(),
    /** open for scoring (opened reporter by reporter, or all at once) */
    open: boolean('open').notNull().default(false),
    /** the written report (述职报告), a file under the data directory */
    reportFilename: text('report_filename'),
    reportMime: text('report_mime'),
    reportStoredAs: text('report_stored_as'),
  },
  (t) => [index('assessment_reporters_assessment').on(t.assessmentId), index('assessment_reporters_org').on(t.orgId)],
);

export const assessmentRaterGroups = pgTable(
  'assessment_rater_groups',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    name: text('name').notNull(),
    weight: smallint('weight').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [index('assessment_rater_groups_assessment').on(t.assessmentId)],
);

export const assessmentVenues = pgTable(
  'assessment_venues',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    name: text('name').notNull(),
    main: boolean('main').notNull().default(false),
    position: smallint('position').notNull(),
  },
  (t) => [index('assessment_venues_assessment').on(t.assessmentId)],
);

export const assessmentCriteria = pgTable(
  'assessment_criteria',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    name: text('name').notNull(),
    position: smallint('position').notNull(),
  },
  (t) => [index('assessment_criteria_assessment').on(t.assessmentId)],
);

/**
 * Who may vote and whether they have: one row per issued code, keyed by HMAC-SHA256 of the code under a key derived
 * from the secret key (the plain code is shown once and never stored). `scored` lists the reporters this code has
 * scored, so a code can score reporters opened later, once each. No column points to a ballot.
 */
export const ballotCodes = pgTable(
  'ballot_codes',
  {
    hash: text('hash').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    raterGroupId: text('rater_group_id')
      .notNull()
      .references(() => assessmentRaterGroups.id),
    venueId: text('venue_id')
      .notNull()
      .references(() => assessmentVenues.id),
    used: boolean('used').notNull().default(false),
    scored: text('scored').array().notNull().default([]),
    /** issued in-app to this user's notifications (else printed on a slip) */
    issuedInApp: boolean('issued_in_app').notNull().default(false),
  },
  (t) => [index('ballot_codes_assessment').on(t.assessmentId, t.venueId, t.raterGroupId)],
);

/** What was voted: group, venue and grades. Random id, no code, user or time, so no row can be joined to a rater. */
export const ballots = pgTable(
  'ballots',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    raterGroupId: text('rater_group_id')
      .notNull()
      .references(() => assessmentRaterGroups.id),
    venueId: text('venue_id')
      .notNull()
      .references(() => assessmentVenues.id),
    paper: boolean('paper').notNull().default(false),
    reporterIds: text('reporter_ids').array().notNull(),
    grades: jsonb('grades').$type<{ reporterId: string; criterionId: string | null; grade: string }[]>().notNull(),
  },
  (t) => [index('ballots_assessment').on(t.assessmentId)],
);

/**
 * The first answer to each (code, submission id), so a phone that retries on a bad network gets it again instead of
 * 409. The answer is a generic receipt: it names no ballot.
 */
export const ballotSubmissions = pgTable(
  'ballot_submissions',
  {
    codeHash: text('code_hash')
      .notNull()
      .references(() => ballotCodes.hash),
    submissionId: text('submission_id').notNull(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    answer: jsonb('answer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.codeHash, t.submissionId] }), index('ballot_submissions_assessment').on(t.assessmentId)],
);

/** Questions asked and the leader's comments (点评), per reporter, recorded during the meeting. */
export const assessmentNotes = pgTable(
  'assessment_notes',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    reporterId: text('reporter_id')
      .notNull()
      .references(() => assessmentReporters.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    /** who asked or commented, as said in the meeting */
    byName: text('by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_notes_assessment').on(t.assessmentId)],
);

/** The follow-up list (整改清单): a problem named for a reporter's organization, its measure, owner and closing. */
export const assessmentFollowUps = pgTable(
  'assessment_follow_ups',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id')
      .notNull()
      .references(() => assessments.id),
    reporterId: text('reporter_id')
      .notNull()
      .references(() => assessmentReporters.id),
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    problem: text('problem').notNull(),
    measure: text('measure'),
    owner: text('owner'),
    dueOn: date('due_on', { mode: 'string' }),
    doneOn: date('done_on', { mode: 'string' }),
    evidence: text('evidence'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assessment_follow_ups_assessment').on(t.assessmentId), index('assessment_follow_ups_org').on(t.orgId)],
);
