import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
