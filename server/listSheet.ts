import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import type { Ctx } from './context';
import { Turns } from './eventLoop';

// A list as .xlsx (the export of a list's current filter): one sheet, a bold frozen header row, then the rows as they
// come. Written with ExcelJS's streaming writer, each row committed at once, so a large list stays flat in memory and
// the first bytes leave before the last row is read; every few milliseconds other requests get their turn (Turns).

export interface ListColumn<K extends string> {
  /** the header text, in Chinese as the files have always been written (the members import reads them back) */
  header: string;
  key: K;
  width: number;
  /** long text on several lines (the audit log's changes) */
  wrap?: boolean;
}

export type ListRow<K extends string> = Partial<Record<K, string | number | null>>;

/** What `sendWorkbook` sends: the file's name and the writer of its bytes. */
export interface ListExport {
  filename: string;
  /** writes the workbook into `out` and ends it */
  write(out: Writable): Promise<void>;
}

/**
 * A list export whose `rows` are read only when the file is written, so the caller's access is checked before (a
 * refusal stays a JSON error). `rows` gets the context to read with: on PostgreSQL one read-only snapshot for the
 * whole file, so that a list read page by page while others write is still one consistent state (nobody twice or
 * missing because they moved between two pages). PGlite has a single connection: a snapshot held for the whole
 * export would make every other request wait for it, so there the pages are read one after another.
 */
export function listExport<K extends string>(
  ctx: Ctx,
  filename: string,
  sheetName: string,
  columns: readonly ListColumn<K>[],
  rows: (ctx: Ctx) => AsyncIterable<ListRow<K>>,
): ListExport {
  const write = (out: Writable, reading: Ctx) => writeListSheet(out, sheetName, columns, rows(reading));
  return {
    filename,
    write: (out) =>
      (ctx.db as { $client?: unknown }).$client instanceof pg.Pool
        ? ctx.db.transaction((tx) => write(out, { ...ctx, db: tx }), { isolationLevel: 'repeatable read', accessMode: 'read only' })
        : write(out, ctx),
  };
}

async function writeListSheet<K extends string>(out: Writable, sheetName: string, columns: readonly ListColumn<K>[], rows: AsyncIterable<ListRow<K>>): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.wrap ? { style: { alignment: { wrapText: true, vertical: 'top' as const } } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  // A download closed halfway (the user cancelled it, the connection dropped) stops the writing: ExcelJS would
  // otherwise wait for the gone reader for ever, holding the export's snapshot and its database connection.
  const closedEarly = new Promise<never>((_, reject) => {
    out.once('close', () => {
      if (!out.writableFinished) reject(new DownloadClosed());
    });
  });
  closedEarly.catch(() => {}); // read below, or never needed
  const turns = new Turns();
  for await (const row of rows) {
    if (out.destroyed) throw new DownloadClosed();
    sheet.addRow(row).commit();
    if (turns.due()) await Promise.race([turns.take(), closedEarly]);
  }
  sheet.commit();
  await Promise.race([workbook.commit(), closedEarly]);
}

/** The reader of an export went away before the file was whole. */
export class DownloadClosed extends Error {
  constructor() {
    super('the download was closed before the file was written');
  }
}
