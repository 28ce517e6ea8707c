// Reads the first worksheet of an .xlsx file, or a .csv file, one row at a time, without holding
// the file in memory. The kind is taken from the content, never from the file name.

import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { messageText } from '../../../domain/messages/registry';
import type { MessageParams } from '../../../domain/messages/text';

/** A problem with the file as a whole; the message is for the person who uploaded it. */
/** Why the file cannot be read: a code of domain/messages/imports.ts; the message is its Chinese text. */
export class SheetError extends Error {
  constructor(
    readonly code: string,
    readonly params: MessageParams = {},
  ) {
    super(messageText(code, params, 'zh') ?? code);
  }
}

export interface SheetRow {
  /** the row number a spreadsheet program shows (1-based, counting the header and empty rows) */
  rowNumber: number;
  /** header text as in the file (trimmed) → cell value: string, number, Date, boolean or null */
  cells: Record<string, unknown>;
}

export interface OpenSheet {
  format: 'xlsx' | 'csv';
  /** the header row, trimmed; an empty string where a column has no header */
  headers: string[];
  headerRowNumber: number;
  rows: AsyncIterable<SheetRow>;
  /** stops reading early and releases the file; safe to call more than once */
  close(): Promise<void>;
}

interface RawRow {
  rowNumber: number;
  values: unknown[];
}

const MAX_COLUMNS = 200;
const MAX_CELL_CHARS = 32_767; // Excel's own limit for a cell

export async function detectFormat(file: string): Promise<'xlsx' | 'csv'> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    if (bytesRead === 0) throw new SheetError('import_file_empty');
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
      throw new SheetError('import_file_xls');
    }
    if (isUtf16Bom(head)) return 'csv';
    if (head.includes(0)) throw new SheetError('import_file_not_sheet');
    return 'csv';
  } finally {
    await handle.close();
  }
}

function isUtf16Bom(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** Opens a spreadsheet and reads up to its header row (the first row with any content). */
export async function openSheet(file: string): Promise<OpenSheet> {
  const format = await detectFormat(file);
  const raw = format === 'xlsx' ? xlsxRows(file) : csvRows(file);
  let header: RawRow | undefined;
  try {
    for (;;) {
      const next = await raw.next();
      if (next.done) break;
      if (next.value.values.some((v) => !isEmpty(v))) {
        header = next.value;
        break;
      }
    }
  } catch (e) {
    await raw.return(undefined);
    throw e;
  }
  if (!header) {
    await raw.return(undefined);
    throw new SheetError(format === 'xlsx' ? 'import_sheet_no_data' : 'import_file_no_data');
  }
  const headers = header.values.map((v) => (isEmpty(v) ? '' : String(v).trim()));
  if (headers.length > MAX_COLUMNS) {
    await raw.return(undefined);
    throw new SheetError('import_too_many_columns', { count: headers.length, max: MAX_COLUMNS });
  }

  async function* rows(): AsyncGenerator<SheetRow> {
    try {
      for await (const row of { [Symbol.asyncIterator]: () => raw }) {
        if (!row.values.some((v) => !isEmpty(v))) continue;
        const cells: Record<string, unknown> = {};
        for (let i = 0; i < headers.length; i++) {
          const h = headers[i];
          if (h) cells[h] = row.values[i] ?? null;
        }
        yield { rowNumber: row.rowNumber, cells };
      }
    } finally {
      await raw.return(undefined);
    }
  }

  return {
    format,
    headers,
    headerRowNumber: header.rowNumber,
    rows: rows(),
    close: async () => {
      await raw.return(undefined);
    },
  };
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

// ---- xlsx ------------------------------------------------------------------------------------

/** ExcelJS cell values flattened to what a cell shows: rich text → text, formula → its result. */
function flattenCell(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    }
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return flattenCell(o.result);
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return null;
}

// ExcelJS's streaming reader (4.4.0) has two faults this reader works around:
// - It reads the zip in one streaming pass, and that pass sometimes loses entries (exceljs issue
//   #3064, a race seen in CI about once in 400 reads): without xl/workbook.xml it throws "Cannot read
//   properties of undefined (reading 'sheets')", without the shared strings or the sheet it reads an
//   empty sheet. The file is on disk, so the parts are read through the zip's central directory
//   instead, the ones the sheets depend on first (as exceljs pull request #3065 proposes).
// - It turns each chunk of a part's XML into text on its own, so a character whose UTF-8 bytes
//   straddle two chunks comes out as "\uFFFD" (exceljs issues #2063 and #2084): a Chinese header or
//   name in a large file is garbled at random. Its XML parser passes text through untouched, so the
//   shared strings and the worksheets are handed to it already decoded, by a decoder that carries a
//   split character over to the next chunk.
interface ReaderInternals {
  source: ZipSource;
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A workbook is a few dozen parts; a zip of hundreds of thousands would cost its directory's size in memory many times over. */
const MAX_PARTS = 10_000;

/**
 * How many entries the zip says it holds, from its end-of-central-directory record (ZIP64's where the
 * 16-bit count overflows), read before unzipper parses the whole directory into objects; null if no record.
 */
async function zipEntryCount(file: string): Promise<number | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 0xffff); // the record and at most a 65,535-byte comment
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (at < 0 || at + 22 > tailLength) return null;
    const count = tail.readUInt16LE(at + 10);
    if (count !== 0xffff) return count;
    // ZIP64: the locator just before the record gives the offset of the ZIP64 record, which has the count
    if (at < 20 || tail.readUInt32LE(at - 20) !== 0x07064b50) return count;
    const record = Buffer.alloc(56);
    await handle.read(record, 0, 56, Number(tail.readBigUInt64LE(at - 20 + 8)));
    return record.readUInt32LE(0) === 0x06064b50 ? Number(record.readBigUInt64LE(32)) : count;
  } finally {
    await handle.close();
  }
}

// The parts read whole into memory (relations, workbook, styles, shared strings) are XML that packs a few times
// smaller, never hundreds: a part that unpacks past 16 MB plus 20 times its packed size, or past 512 MB, is a zip
// bomb (1.8 MB of repeated shared strings unpacked to 528 MB held 1.1 GB), not a roster. Worksheets are read row
// by row and bounded by Excel's own row limit instead.
const MAX_PART_BYTES = 512 * 2 ** 20;
const EXCEL_MAX_ROWS = 1_048_576;

function unpackedAtMost(entry: NodeJS.ReadableStream, packed: number): Transform {
  const max = Math.min(MAX_PART_BYTES, 16 * 2 ** 20 + 20 * packed);
  let seen = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > max) done(new SheetError('import_xlsx_too_large', { mb: Math.round(max / 2 ** 20) }));
      else done(null, chunk);
    },
  });
  entry.on('error', (e: Error) => guard.destroy(e));
  return entry.pipe(guard);
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The worksheet parts in the order the workbook lists its sheets (the order of the tabs). */
function sheetsInTabOrder(reader: ReaderInternals, parts: Map<string, unzipper.File>): [string, unzipper.File][] {
  const numbered = [...parts].flatMap(([path, part]) => {
    const m = SHEET_PART.exec(path);
    return m?.[1] ? [{ sheetNo: m[1], part }] : [];
  });
  const tab = (sheetNo: string): number => {
    const rel = reader.workbookRels?.find((r) => r.Target.replace(/^\/?(xl\/)?/, '') === `worksheets/sheet${sheetNo}.xml`);
    const at = rel ? (reader.model?.sheets ?? []).findIndex((s) => s.rId === rel.Id) : -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return numbered
    .sort((a, b) => tab(a.sheetNo) - tab(b.sheetNo) || Number(a.sheetNo) - Number(b.sheetNo))
    .map(({ sheetNo, part }) => [sheetNo, part]);
}

/** The file's bytes for unzipper, which closes every stream it opened when reading stops early. */
class ZipSource {
  private readonly opened = new Set<ReadStream>();
  constructor(readonly file: string) {}
  size = async (): Promise<number> => (await stat(this.file)).size;
  stream = (offset: number, length?: number): ReadStream => {
    const s = createReadStream(this.file, { start: offset, ...(length ? { end: offset + length } : {}) });
    this.opened.add(s);
    s.once('close', () => this.opened.delete(s));
    return s;
  };
  close(): void {
    for (const s of this.opened) s.destroy();
  }
}

class WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(
    readonly source: ZipSource,
    options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
  ) {
    super(source.file, options); // never opened as a stream: parse() reads through the source
  }
}
const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
Object.assign(WorkbookReader.prototype, {
  async *parse(this: ReaderInternals) {
    const parts = await zipEntryCount(this.source.file);
    if (parts !== null && parts > MAX_PARTS) throw new SheetError('import_xlsx_too_many_parts', { count: parts, max: MAX_PARTS });
    const directory = await unzipper.Open.custom(this.source);
    const files = new Map(directory.files.filter((f) => f.type === 'File').map((f) => [f.path, f]));
    const part = (path: string) => {
      const file = files.get(path);
      return file && unpackedAtMost(file.stream(), file.compressedSize);
    };
    const rels = part('xl/_rels/workbook.xml.rels');
    if (rels) await this._parseRels(rels);
    const workbook = part('xl/workbook.xml');
    if (workbook) await this._parseWorkbook(workbook);
    this.model ??= {};
    const sharedStrings = part('xl/sharedStrings.xml');
    if (sharedStrings) yield* this._parseSharedStrings(sharedStrings);
    const styles = part('xl/styles.xml');
    if (styles) await this._parseStyles(styles);
    for (const [sheetNo, sheet] of sheetsInTabOrder(this, files)) {
      yield* this._parseWorksheet(sheet.stream(), sheetNo);
    }
  },
  _parseSharedStrings(this: ReaderInternals, entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8'); // a string decoder, which keeps split characters whole
    return base._parseSharedStrings.call(this, entry);
  },
  _parseWorksheet(this: ReaderInternals, iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return base._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  },
} satisfies Partial<ReaderInternals> & { parse(this: ReaderInternals): AsyncGenerator<unknown> });

async function* xlsxRows(file: string): AsyncGenerator<RawRow> {
  // styles are cached (small) so that date cells come back as dates, not serial numbers
  const source = new ZipSource(file);
  const reader = new WorkbookReader(source, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      let rowsRead = 0;
      for await (const row of sheet) {
        if (++rowsRead > EXCEL_MAX_ROWS) throw new SheetError('import_xlsx_too_many_rows', { max: EXCEL_MAX_ROWS });
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        if (values.length - 1 > MAX_COLUMNS * 5) throw new SheetError('import_row_too_many_columns', { row: row.number });
        const out: unknown[] = [];
        for (let i = 1; i < values.length; i++) out.push(flattenCell(values[i]));
        yield { rowNumber: row.number, values: out };
      }
      return; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof SheetError) throw e;
    throw new SheetError('import_xlsx_unreadable', { reason: (e as Error).message });
  } finally {
    source.close();
  }
  if (!sawSheet) throw new SheetError('import_xlsx_no_sheet');
}

// ---- csv -------------------------------------------------------------------------------------

type Encoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/** UTF-8 (with or without BOM) unless the bytes are not valid UTF-8: then GB18030, as Excel saves it in China. */
async function detectEncoding(file: string): Promise<Encoding> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
    if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  } finally {
    await handle.close();
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

async function* decodedChunks(file: string, encoding: Encoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding); // strips a byte order mark
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}

/** RFC 4180: fields separated by commas (or tabs, if the first line has tabs and no commas),
 *  optionally quoted with "", quotes doubled inside; records end with CRLF, LF or CR. */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let delimiter: string | null = null;
  let field = '';
  let record: string[] = [];
  let quoted = false; // inside a quoted field
  let afterQuote = false; // just closed a quoted field
  let pendingCR = false;
  let rowNumber = 1;
  let sawAny = false;

  const endField = () => {
    if (record.length >= MAX_COLUMNS * 5) throw new SheetError('import_row_too_many_columns', { row: rowNumber });
    record.push(field);
    field = '';
    afterQuote = false;
  };

  for await (const chunk of chunks) {
    if (delimiter === null) {
      const firstLine = chunk.split(/\r|\n/, 1)[0] ?? '';
      delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
    }
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (pendingCR) {
        pendingCR = false;
        if (c === '\n') continue;
      }
      sawAny = true;
      if (quoted) {
        if (c === '"') {
          if (chunk[i + 1] === '"') {
            field += '"';
            i++;
          } else {
            // closes the field, unless the next chunk starts with the second half of a doubled quote
            quoted = false;
            afterQuote = true;
          }
        } else {
          field += c;
          if (field.length > MAX_CELL_CHARS) {
            throw new SheetError('import_csv_cell_or_quote', { row: rowNumber });
          }
        }
        continue;
      }
      if (c === '"') {
        if (afterQuote) {
          // a doubled quote that was split across two chunks
          field += '"';
          quoted = true;
          afterQuote = false;
        } else if (field === '') {
          quoted = true;
        } else {
          field += c; // a stray quote inside an unquoted field is kept as text
        }
        continue;
      }
      if (c === delimiter) {
        endField();
        continue;
      }
      if (c === '\n' || c === '\r') {
        endField();
        yield { rowNumber, values: record };
        record = [];
        rowNumber++;
        sawAny = false;
        pendingCR = c === '\r';
        continue;
      }
      if (afterQuote) throw new SheetError('import_csv_after_quote', { row: rowNumber });
      field += c;
      if (field.length > MAX_CELL_CHARS) throw new SheetError('import_csv_cell_too_long', { row: rowNumber });
    }
  }
  if (quoted) throw new SheetError('import_csv_unclosed_quote', { row: rowNumber });
  if (sawAny || record.length > 0 || field !== '') {
    endField();
    yield { rowNumber, values: record };
  }
}

async function* csvRows(file: string): AsyncGenerator<RawRow> {
  const encoding = await detectEncoding(file);
  yield* parseCsv(decodedChunks(file, encoding));
}
