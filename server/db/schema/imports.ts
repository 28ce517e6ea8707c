import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './auth';

/** Progress of an import, polled by the web app while a large file is read. */
export const importJobs = pgTable('import_jobs', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  kind: text('kind').notNull(),
  dryRun: text('dry_run').notNull(),
  state: text('state').notNull(),
  rowsRead: integer('rows_read').notNull().default(0),
  /** rows applied so far by a commit (after each batch; on PostgreSQL only, see ImportOptions) */
  rowsWritten: integer('rows_written').notNull().default(0),
  report: jsonb('report'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** How a user last read a column header the vocabulary does not know: a field, or null to ignore it.
 *  Applied to the next file with that header, so a roster is mapped once. */
export const importMappings = pgTable(
  'import_mappings',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** the header as compared (domain/imports/headers.ts normalizeHeader) */
    header: text('header').notNull(),
    field: text('field'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.header] })],
);
