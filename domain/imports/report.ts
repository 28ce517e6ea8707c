import { Type, type Static } from 'typebox';
import { Nullable } from '../schemas/common';

export const ImportKindSchema = Type.Union([Type.Literal('members'), Type.Literal('orgs')]);

const Params = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]));

export const RowError = Type.Object({
  /** the row number as a spreadsheet program shows it */
  row: Type.Integer(),
  /** the column header as it appears in the file */
  column: Type.String(),
  /** worded from `code` in the caller's language */
  message: Type.String(),
  code: Type.String(),
  params: Params,
});
export type RowError = Static<typeof RowError>;

/** Something the import ignored, assumed or derived, once per kind and column, with the rows it concerns. */
export const ImportNotice = Type.Object({
  code: Type.String(),
  /** the column header as it appears in the file (or the canonical header of a field it lacks) */
  column: Type.String(),
  /** data rows concerned; 0 for the file as a whole (an ignored column) */
  count: Type.Integer(),
  /** the first rows concerned, as a spreadsheet program numbers them */
  rows: Type.Array(Type.Integer()),
  params: Params,
  message: Type.String(),
});
export type ImportNotice = Static<typeof ImportNotice>;

/** How a header of the file was read; the web app's wizard offers to map the unknown ones. */
export const ImportColumn = Type.Object({
  header: Type.String(),
  /** the field it was read as; null when ignored */
  field: Nullable(Type.String()),
  source: Type.Union([Type.Literal('vocabulary'), Type.Literal('mapping'), Type.Literal('not_kept'), Type.Literal('unknown'), Type.Literal('duplicate')]),
});
export type ImportColumn = Static<typeof ImportColumn>;

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
  /** problems with the file as a whole: it cannot be read, or lacks a column that cannot be derived
   *  (name, ID-card number or birth date, organization, joining date) */
  fileErrors: Type.Array(Type.String()),
  /** the code and parameters of each of `fileErrors`, in the same order */
  fileErrorCodes: Type.Array(Type.Object({ code: Type.String(), params: Params })),
  /** columns ignored, days assumed, values derived or defaulted */
  notices: Type.Array(ImportNotice),
  /** the file's headers and how each was read (empty when the file could not be read) */
  columns: Type.Array(ImportColumn),
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
