import { Type, type Static } from 'typebox';
import { Nullable } from '../schemas/common';

export const ImportKindSchema = Type.Union([Type.Literal('members'), Type.Literal('orgs')]);

export const RowError = Type.Object({
  /** the row number as a spreadsheet program shows it */
  row: Type.Integer(),
  /** the column header as it appears in the file */
  column: Type.String(),
  message: Type.String(),
});
export type RowError = Static<typeof RowError>;

/** What an import did (or, for a dry run, would do). A commit with errors writes nothing. */
export const ImportReport = Type.Object({
  kind: ImportKindSchema,
  dryRun: Type.Boolean(),
  /** data rows read (not counting the header and empty rows) */
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(RowError),
  /** problems with the file as a whole: not a spreadsheet, missing or unknown headers */
  fileErrors: Type.Array(Type.String()),
});
export type ImportReport = Static<typeof ImportReport>;

/** reading: the file is being read and checked; writing: rows are being applied; then done or failed. */
export const IMPORT_STATES = ['reading', 'writing', 'done', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

export const ImportJob = Type.Object({
  id: Type.String(),
  kind: ImportKindSchema,
  state: Type.Union([Type.Literal('reading'), Type.Literal('writing'), Type.Literal('done'), Type.Literal('failed')]),
  rowsRead: Type.Integer(),
  /** rows applied so far while writing (PostgreSQL; on PGlite it stays 0 until the end) */
  rowsWritten: Type.Integer(),
  report: Nullable(ImportReport),
});
export type ImportJob = Static<typeof ImportJob>;
