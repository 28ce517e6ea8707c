import { date, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ltree } from '../ltree';
import { orgs } from './orgs';

export const members = pgTable(
  'members',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id').notNull().references(() => orgs.id),
    /** copy of the organization's path, kept in step on transfer and move, for subtree filters */
    orgPath: ltree('org_path').notNull(),
    partyGroupId: text('party_group_id'),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    /** AES-256-GCM ciphertext; the blind index below finds duplicates without decrypting */
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    idNumberMasked: text('id_number_masked'),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    education: text('education'),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    fullOn: date('full_on', { mode: 'string' }),
    status: text('status').notNull(),
    category: text('category').notNull(),
    jobTitle: text('job_title'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('members_id_number').on(t.idNumberHash),
    index('members_org_name').on(t.orgId, t.name, t.id),
    index('members_path_gist').using('gist', t.orgPath),
    index('members_name').on(t.name, t.id),
  ],
);

/** Where a member belonged and when; the open row (toOn null) is the current organization. */
export const memberOrgHistory = pgTable(
  'member_org_history',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id').notNull().references(() => members.id),
    orgId: text('org_id').notNull().references(() => orgs.id),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }),
    note: text('note'),
  },
  (t) => [index('member_org_history_member').on(t.memberId)],
);
