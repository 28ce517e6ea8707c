// Spreadsheet import of organizations and members.
//
// Two passes, so that memory stays bounded and progress is visible even on PGlite (where a query
// outside an open transaction waits for it to end):
//   1. reading: stream the file, normalize and check every row (domain/imports/cells.ts), find
//      duplicates within the file, write the good rows to a temporary NDJSON file, and record
//      `rowsRead` on the job every 500 rows;
//   2. writing: apply the good rows in ONE transaction through the member and organization
//      services (which run every check the API runs and write the audit trail), in batches of
//      BATCH_SIZE rows: multi-row inserts, then the batch's audit events and progress
//      (`rowsWritten`) once; the maintained totals are summed in memory and written at the end.
//      A dry run, or a commit with any error, rolls the transaction back, so a dry run's counts
//      are exactly what a commit would do and a failed commit writes nothing, whichever batch the
//      error is in.

import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import readline from 'node:readline';
import { and, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { authorize } from '../../../domain/access';
import { checkCharacter } from '../../../domain/idcard';
import {
  cellError,
  normalizeMemberRow,
  normalizeOrgRow,
  type CellError,
  type MemberImport,
  type OrgImport,
  type RowResult,
} from '../../../domain/imports/cells';
import {
  canonicalHeader,
  fieldsOf,
  resolveHeaders,
  type FieldOf,
  type HeaderMap,
  type HeaderMapping,
  type ImportKind,
  type MemberField,
  type OrgField,
} from '../../../domain/imports/headers';
import type { ImportJob, ImportNotice, ImportReport, ImportState } from '../../../domain/imports/report';
import type { Lang } from '../../../domain/messages/text';
import type { MemberCreate } from '../../../domain/schemas/members';
import type { OrgCreate } from '../../../domain/schemas/orgs';
import { deferAudit, flushDeferredAudit } from '../../audit';
import { Turns } from '../../eventLoop';
import { inTx, type Ctx } from '../../context';
import type { Db } from '../../db/client';
import { importJobs } from '../../db/schema/imports';
import { rememberedMapping } from './mappings';
import { members } from '../../db/schema/members';
import { partyGroups } from '../../db/schema/orgs';
import { messageText } from '../../../domain/messages/registry';
import { AppError, conflict, forbidden, notFound, type MessageParams } from '../../errors';
import { deferTotals, stopDeferring } from '../../db/deferredTotals';
import { applyDeferredFacets } from '../dashboard/queries';
import { importMembers, type ImportOutcome } from '../members/service';
import { applyDeferredCounts } from '../orgs/queries';
import { importOrg, resolveOrgRef } from '../orgs/service';
import { openSheet, SheetError } from './reader';

export interface ImportOptions {
  kind: ImportKind;
  dryRun: boolean;
  /** client-generated id to poll progress with; generated when absent */
  jobId?: string | null;
  /** progress for the command line and the benchmark: rows read (state reading), rows applied
   *  (state writing, after each batch), and the total at the end */
  onProgress?: (state: ImportState, rows: number) => void;
  /** rows written per batch (tests set a small one) */
  batchSize?: number;
  /** record rows written on the job after each batch. Only where the job can be updated beside the
   *  open transaction (PostgreSQL); on PGlite, with its one connection, the update would wait for
   *  the transaction it is part of. */
  progressOnJob?: boolean;
  /** the language of the report's messages (Chinese by default) */
  lang?: Lang;
  /** the user's reading of headers the vocabulary does not know, over the one remembered */
  mapping?: HeaderMapping<ImportKind>;
}

export const BATCH_SIZE = 1000;
/** totals kept in memory before they are written (organization × facet value, about 150 bytes each) */
const MAX_DEFERRED_FACETS = 200_000;

export const PROGRESS_EVERY = 500;
/** more errors than this are counted but not listed, to keep the report bounded */
export const MAX_LISTED_ERRORS = 5000;

class Rollback extends Error {}

export function tmpDir(ctx: Ctx): string {
  const dir = path.join(ctx.config.dataDir, 'tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function isGlobalAdmin(ctx: Ctx): boolean {
  return ctx.actor.grants.some((g) => g.orgPath === null && g.role === 'admin');
}

/** Whether the caller may import into any organization at all (viewers and members may not). */
export function mayImportSomewhere(ctx: Ctx): boolean {
  return ctx.actor.grants.some((g) => authorize(ctx.actor, 'import.run', { orgPath: g.orgPath ?? '' }));
}

// ---- jobs ------------------------------------------------------------------------------------

async function createJob(ctx: Ctx, id: string, opts: ImportOptions): Promise<void> {
  const [existing] = await ctx.db.select({ id: importJobs.id }).from(importJobs).where(eq(importJobs.id, id));
  if (existing) throw conflict('import_job_used');
  await ctx.db.insert(importJobs).values({
    id,
    userId: ctx.actor.userId,
    kind: opts.kind,
    dryRun: String(opts.dryRun),
    state: 'reading' satisfies ImportState,
    rowsRead: 0,
  });
}

interface Job {
  id: string;
  state: ImportState;
  onProgress?: ImportOptions['onProgress'];
}

async function updateJob(ctx: Ctx, job: Job, values: { state?: ImportState; rowsRead?: number; rowsWritten?: number; report?: ImportReport }): Promise<void> {
  if (values.state) job.state = values.state;
  if (values.rowsRead !== undefined) job.onProgress?.(job.state, values.rowsRead);
  await ctx.db
    .update(importJobs)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(importJobs.id, job.id));
}

export async function getJob(ctx: Ctx, id: string): Promise<ImportJob> {
  const [job] = await ctx.db
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.userId, ctx.actor.userId)));
  if (!job) throw notFound('import_job');
  return {
    id: job.id,
    kind: job.kind as ImportKind,
    state: job.state as ImportState,
    rowsRead: job.rowsRead,
    rowsWritten: job.rowsWritten,
    report: job.report ? storedReport(job.report as Partial<ImportReport> & Pick<ImportReport, 'kind' | 'fileErrors' | 'errors'>) : null,
  };
}

/**
 * A report as stored, in today's shape: one stored before problems carried codes (an older
 * version, or a restored backup) has its texts kept under the generic code.
 */
function storedReport(r: Partial<ImportReport> & Pick<ImportReport, 'kind' | 'fileErrors' | 'errors'>): ImportReport {
  return {
    ...(r as ImportReport),
    errors: r.errors.map((e) => ({ ...e, code: e.code ?? 'invalid', params: e.params ?? {} })),
    fileErrorCodes: r.fileErrorCodes ?? r.fileErrors.map(() => ({ code: 'invalid', params: {} })),
    notices: r.notices ?? [],
    columns: r.columns ?? [],
  };
}

// ---- the report ------------------------------------------------------------------------------

/** rows named in a notice; the count says how many there are in all */
const NOTICE_ROWS = 20;

class Report {
  readonly value: ImportReport;
  errorCount = 0;
  private readonly notices = new Map<string, ImportNotice>();
  constructor(
    kind: ImportKind,
    dryRun: boolean,
    readonly lang: Lang,
  ) {
    this.value = { kind, dryRun, rows: 0, created: 0, updated: 0, unchanged: 0, errors: [], fileErrors: [], fileErrorCodes: [], notices: [], columns: [] };
  }
  text(code: string, params: MessageParams = {}): string {
    return messageText(code, params, this.lang) ?? code;
  }
  add(row: number, column: string, code: string, params: MessageParams = {}): void {
    this.errorCount++;
    if (this.value.errors.length >= MAX_LISTED_ERRORS) return;
    this.value.errors.push({ row, column, message: this.text(code, params), code, params });
  }
  addAll(row: number, errors: readonly CellError[]): void {
    for (const e of errors) this.add(row, e.column, e.code, e.params);
  }
  fileError(code: string, params: MessageParams = {}): void {
    this.value.fileErrors.push(this.text(code, params));
    this.value.fileErrorCodes.push({ code, params });
  }
  /** row 0: the file as a whole */
  notice(row: number, code: string, column: string, params: MessageParams = {}): void {
    const key = `${code}\u0000${column}`;
    let notice = this.notices.get(key);
    if (!notice) {
      notice = { code, column, count: 0, rows: [], params, message: '' };
      this.notices.set(key, notice);
    }
    if (row > 0) {
      notice.count++;
      if (notice.rows.length < NOTICE_ROWS) notice.rows.push(row);
    }
  }
  get failed(): boolean {
    return this.errorCount > 0 || this.value.fileErrors.length > 0;
  }
  finish(): ImportReport {
    this.value.errors.sort((a, b) => a.row - b.row);
    if (this.errorCount > MAX_LISTED_ERRORS) {
      this.fileError('import_too_many_errors', { count: this.errorCount, max: MAX_LISTED_ERRORS });
    }
    this.value.notices = [...this.notices.values()].map((n) => {
      const rows = n.rows.join(this.lang === 'zh' ? '、' : ', ') + (n.count > n.rows.length ? ' …' : '');
      const params = { ...n.params, column: n.column, count: n.count, rows };
      return { ...n, params, message: this.text(n.code, params) };
    });
    return this.value;
  }
}

const MEMBER_FIELD_OF_SERVICE: Record<string, MemberField> = { orgId: 'org', partyGroupId: 'partyGroup' };
const ORG_FIELD_OF_SERVICE: Record<string, OrgField> = { parentId: 'parent' };

/** The file's column for a field the service names ("orgId" → 所在党支部, "fullOn" → 转正时间). */
function columnFor<K extends ImportKind>(map: HeaderMap<K>, serviceField: string): string {
  const table: Record<string, string> = map.kind === 'members' ? MEMBER_FIELD_OF_SERVICE : ORG_FIELD_OF_SERVICE;
  const field = (table[serviceField] ?? serviceField) as FieldOf<K>;
  if (!(fieldsOf(map.kind) as readonly string[]).includes(field)) return serviceField;
  return map.headerOf[field] ?? canonicalHeader(map.kind, field);
}

/** A service's refusal of one row, as report errors; anything else is not the row's fault. */
function rowErrorsOf<K extends ImportKind>(e: unknown, map: HeaderMap<K>, scopeColumn: string): CellError[] {
  if (!(e instanceof AppError)) throw e;
  if (e.code === 'validation' && Array.isArray(e.details)) {
    return (e.details as { field?: unknown; code?: unknown; params?: MessageParams }[]).map((d) =>
      cellError(columnFor(map, typeof d.field === 'string' ? d.field : ''), typeof d.code === 'string' ? d.code : e.code, d.params ?? {}),
    );
  }
  if (e.status === 403) return [cellError(scopeColumn, 'import_no_scope')];
  return [cellError(scopeColumn, e.code, e.params)];
}

// ---- pass 1: reading -------------------------------------------------------------------------

interface Staged<T> {
  row: number;
  value: T;
}

async function writeLine(out: WriteStream, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

/** How rows of a kind are read: normalized, keyed for duplicates within the file, and (for a row
 *  with errors, which never reaches the writing pass) checked for its references. */
interface RowReading<K extends ImportKind, T> {
  normalize(cells: Record<string, unknown>, map: HeaderMap<K>): RowResult<T>;
  duplicateKey(result: RowResult<T>, map: HeaderMap<K>): { key: string; column: string; code: string } | null;
  checkRefs?(result: RowResult<T>, map: HeaderMap<K>): Promise<CellError[]>;
}

/**
 * Reads and checks every row in one pass, so the report lists every problem at once: the columns
 * the file lacks, each row's cells and cross-cell checks, duplicates within the file, and the
 * references of rows with errors. Good rows go to `stagingFile`. Returns the header map, or null
 * when the file cannot be imported as it is (it cannot be read, or lacks a column).
 */
async function readPass<K extends ImportKind, T>(
  ctx: Ctx,
  job: Job,
  file: string,
  stagingFile: string,
  kind: K,
  report: Report,
  mapping: HeaderMapping<K>,
  reading: RowReading<K, T>,
): Promise<{ map: HeaderMap<K>; excluded: Set<number> } | null> {
  let sheet;
  try {
    sheet = await openSheet(file);
  } catch (e) {
    if (e instanceof SheetError) {
      report.fileError(e.code, e.params);
      return null;
    }
    throw e;
  }
  const out = createWriteStream(stagingFile);
  try {
    const { map, missing, notices, columns } = resolveHeaders(kind, sheet.headers, { allowRootOrgs: isGlobalAdmin(ctx), mapping });
    report.value.columns = columns;
    for (const n of notices) report.notice(0, n.code, n.column, n.params);
    for (const m of missing) report.fileError(m.code, m.params);
    const firstRowOf = new Map<string, number>();
    const excluded = new Set<number>();
    const flagged = new Set<number>();
    const turns = new Turns();
    for await (const { rowNumber, cells } of sheet.rows) {
      report.value.rows++;
      // a chunk of the file parses into many rows at once: let other requests in between
      if (turns.due()) await turns.take();
      const result = reading.normalize(cells, map);
      for (const n of result.notices ?? []) report.notice(rowNumber, n.code, n.column);
      if (result.value === null) {
        report.addAll(rowNumber, result.errors);
        if (reading.checkRefs) report.addAll(rowNumber, await reading.checkRefs(result, map));
      }
      const dup = reading.duplicateKey(result, map);
      const first = dup ? firstRowOf.get(dup.key) : undefined;
      if (dup && first !== undefined) {
        report.add(rowNumber, dup.column, dup.code, { row: first });
        if (!flagged.has(first)) {
          flagged.add(first);
          excluded.add(first);
          report.add(first, dup.column, dup.code, { row: rowNumber });
        }
      } else {
        if (dup) firstRowOf.set(dup.key, rowNumber);
        if (result.value !== null) {
          await writeLine(out, JSON.stringify({ row: rowNumber, value: result.value } satisfies Staged<T>) + '\n');
        }
      }
      if (report.value.rows % PROGRESS_EVERY === 0) await updateJob(ctx, job, { rowsRead: report.value.rows });
    }
    if (report.value.rows === 0) report.fileError('import_no_data_rows');
    return missing.length ? null : { map, excluded };
  } catch (e) {
    if (e instanceof SheetError) {
      report.fileError(e.code, e.params);
      return null;
    }
    throw e;
  } finally {
    await sheet.close();
    out.end();
    await once(out, 'close');
  }
}

/** The problems with a member row's organization, party group and ID-card number that the writing
 *  pass finds for good rows, found here for a row with errors (read-only, outside the transaction). */
class MemberRefs {
  private readonly orgs = new Map<string, { id: string; path: string } | null>();
  constructor(private readonly ctx: Ctx) {}

  async check(result: RowResult<MemberImport>, map: HeaderMap<'members'>): Promise<CellError[]> {
    const ref = result.refs?.org;
    if (!ref) return [];
    const orgColumn = map.headerOf.org ?? canonicalHeader('members', 'org');
    let org = this.orgs.get(ref);
    if (org === undefined) {
      org = await resolveOrgRef(this.ctx, this.ctx.db, ref);
      this.orgs.set(ref, org);
    }
    const problem = orgProblem(this.ctx, ref, org, orgColumn);
    if (problem || !org) return problem ? [problem] : [];
    const errors: CellError[] = [];
    const group = result.refs?.partyGroup;
    if (group) {
      const [found] = await this.ctx.db
        .select({ id: partyGroups.id })
        .from(partyGroups)
        .where(and(eq(partyGroups.orgId, org.id), eq(partyGroups.name, group)));
      if (!found) errors.push(cellError(map.headerOf.partyGroup ?? canonicalHeader('members', 'partyGroup'), 'import_party_group_not_found', { org: ref, group }));
    }
    const idNumber = result.refs?.idNumber;
    if (idNumber) {
      const [onRoster] = await this.ctx.db
        .select({ orgId: members.orgId })
        .from(members)
        .where(eq(members.idNumberHash, this.ctx.crypto.blindIndex(idNumber)));
      if (onRoster && onRoster.orgId !== org.id) errors.push(cellError(orgColumn, 'member_on_other_roster'));
    }
    return errors;
  }
}

/** The parent of an organization row with errors: in the database within the caller's scope, or
 *  a row above it in the same file (which the writing pass would create first). */
class OrgRefs {
  /** names, parent/name paths and codes of the rows read so far */
  private readonly inFile = new Set<string>();
  private readonly found = new Map<string, { id: string; path: string } | null>();
  constructor(private readonly ctx: Ctx) {}

  /** a row with errors counts too: once fixed, the writing pass creates it before the rows below */
  track(result: RowResult<OrgImport>): RowResult<OrgImport> {
    const name = result.value?.name ?? result.refs?.name;
    const parent = result.value ? result.value.parent : result.refs?.parent;
    if (name) {
      this.inFile.add(name);
      if (parent) this.inFile.add(`${parent}/${name}`);
    }
    if (result.value?.code) this.inFile.add(result.value.code);
    return result;
  }

  async check(result: RowResult<OrgImport>, map: HeaderMap<'orgs'>): Promise<CellError[]> {
    const ref = result.refs?.parent;
    if (!ref || this.inFile.has(ref)) return [];
    let parent = this.found.get(ref);
    if (parent === undefined) {
      parent = await resolveOrgRef(this.ctx, this.ctx.db, ref);
      this.found.set(ref, parent);
    }
    const problem = parentProblem(this.ctx, ref, parent, map.headerOf.parent ?? canonicalHeader('orgs', 'parent'));
    return problem ? [problem] : [];
  }
}

/** Why an organization row cannot go under its parent, or null. */
function parentProblem(ctx: Ctx, ref: string, parent: { path: string } | null, column: string): CellError | null {
  if (!parent) return cellError(column, 'import_parent_not_found', { parent: ref });
  if (!authorize(ctx.actor, 'import.run', { orgPath: parent.path })) return cellError(column, 'import_parent_out_of_scope', { parent: ref });
  return null;
}

/** Why a member row's organization cannot take it, or null. */
function orgProblem(ctx: Ctx, ref: string, org: { path: string } | null, column: string): CellError | null {
  if (!org) return cellError(column, 'import_org_not_found', { org: ref });
  if (!authorize(ctx.actor, 'import.run', { orgPath: org.path })) return cellError(column, 'import_org_out_of_scope', { org: ref });
  return null;
}

async function* stagedRows<T>(stagingFile: string, excluded: Set<number>): AsyncGenerator<Staged<T>> {
  const input = createReadStream(stagingFile, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (!line) continue;
      const staged = JSON.parse(line) as Staged<T>;
      if (!excluded.has(staged.row)) yield staged;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

// ---- pass 2: writing -------------------------------------------------------------------------

type Outcome = ImportOutcome;
type Applied = { row: number; outcome: Outcome | CellError[] };

/** Writes rows a batch at a time: `add` settles what it can at once, `flush` writes the rest. */
interface Writer<T> {
  readonly queued: number;
  add(row: number, value: T): Promise<Applied | null>;
  flush(): Promise<Applied[]>;
}

class MemberWriter implements Writer<MemberImport> {
  private readonly orgs = new Map<string, { id: string; path: string } | null>();
  private readonly groups = new Map<string, string | null>();
  private batch: { row: number; input: MemberCreate }[] = [];
  /** rows without an ID-card number waiting in the batch, by organization, name and birth date */
  private withoutId = new Set<string>();
  constructor(
    private readonly ctx: Ctx,
    private readonly tx: Db,
    private readonly map: HeaderMap<'members'>,
  ) {}

  get queued(): number {
    return this.batch.length;
  }

  private column(field: MemberField): string {
    return this.map.headerOf[field] ?? canonicalHeader('members', field);
  }

  async add(row: number, value: MemberImport): Promise<Applied | null> {
    const { ctx, tx } = this;
    let org = this.orgs.get(value.org);
    if (org === undefined) {
      org = await resolveOrgRef(ctx, tx, value.org);
      this.orgs.set(value.org, org);
    }
    const problem = orgProblem(ctx, value.org, org, this.column('org'));
    if (problem || !org) return { row, outcome: problem ? [problem] : [] };
    const { org: orgRef, partyGroup, ...fields } = value;
    const input: MemberCreate = { ...fields, orgId: org.id };
    if (partyGroup !== undefined) {
      if (partyGroup === null) input.partyGroupId = null;
      else {
        const id = await this.groupId(org.id, partyGroup);
        if (!id) return { row, outcome: [cellError(this.column('partyGroup'), 'import_party_group_not_found', { org: orgRef, group: partyGroup })] };
        input.partyGroupId = id;
      }
    }
    if (!input.idNumber) {
      const matched = await this.matchWithoutIdNumber(input);
      if (matched) return { row, outcome: matched };
    }
    this.batch.push({ row, input });
    return null;
  }

  async flush(): Promise<Applied[]> {
    const batch = this.batch;
    this.batch = [];
    this.withoutId.clear();
    if (batch.length === 0) return [];
    const outcomes = await importMembers(this.ctx, this.tx, batch.map((b) => b.input));
    return batch.map(({ row }, i) => {
      const outcome = outcomes[i]!;
      return { row, outcome: outcome instanceof AppError ? rowErrorsOf(outcome, this.map, this.column('org')) : outcome };
    });
  }

  private async groupId(orgId: string, name: string): Promise<string | null> {
    const key = `${orgId}\u0000${name}`;
    let id = this.groups.get(key);
    if (id === undefined) {
      const [group] = await this.tx
        .select({ id: partyGroups.id })
        .from(partyGroups)
        .where(and(eq(partyGroups.orgId, orgId), eq(partyGroups.name, name)));
      id = group?.id ?? null;
      this.groups.set(key, id);
    }
    return id;
  }

  /** Without an ID-card number a member cannot be matched: a same-name, same-birthday record without
   *  one counts as unchanged when every given field agrees, and is refused otherwise. Null: a new member. */
  private async matchWithoutIdNumber(input: MemberCreate): Promise<Outcome | CellError[] | null> {
    const key = [input.orgId, input.name, input.birthDate ?? ''].join('\u0000');
    // an earlier row of this batch may be the same person: write the batch first so the lookup sees it
    if (this.withoutId.has(key)) throw new FlushFirst();
    const candidates = await this.tx
      .select()
      .from(members)
      .where(
        and(
          eq(members.orgId, input.orgId),
          eq(members.name, input.name),
          eq(members.birthDate, input.birthDate ?? ''),
          isNull(members.idNumberHash),
        ),
      )
      .limit(2);
    const existing = candidates[0];
    if (!existing) {
      this.withoutId.add(key);
      return null;
    }
    const current: Record<string, unknown> = {
      ...existing,
      phone: existing.phoneEnc ? this.ctx.crypto.decrypt(existing.phoneEnc) : null,
    };
    const differs = (Object.keys(input) as (keyof MemberCreate)[]).some((k) => {
      if (k === 'idNumber' || k === 'orgId') return false;
      const given = input[k];
      if (given === undefined) return false;
      const now = current[k] ?? null;
      if (k === 'phone' && typeof given === 'string' && typeof now === 'string') return given.replace(/[\s-]/g, '') !== now;
      return (given ?? null) !== now;
    });
    if (!differs && candidates.length === 1) return 'unchanged';
    return [cellError(this.column('idNumber'), 'import_member_without_id_ambiguous')];
  }
}

/** A row that needs the rows queued before it written first; `add` is called again after the flush. */
class FlushFirst extends Error {}

/** Organizations depend on earlier rows (a parent created above), so each is applied as it comes;
 *  the audit events and totals still go once per batch. */
class OrgWriter implements Writer<OrgImport> {
  private readonly parents = new Map<string, { id: string; path: string }>();
  queued = 0;
  constructor(
    private readonly ctx: Ctx,
    private readonly tx: Db,
    private readonly map: HeaderMap<'orgs'>,
  ) {}

  private column(field: OrgField): string {
    return this.map.headerOf[field] ?? canonicalHeader('orgs', field);
  }

  flush(): Promise<Applied[]> {
    this.queued = 0;
    return Promise.resolve([]);
  }

  async add(row: number, value: OrgImport): Promise<Applied> {
    this.queued++;
    const { ctx, tx } = this;
    const { parent: parentRef, ...fields } = value;
    let parentId: string | null = null;
    if (parentRef !== null) {
      // not cached when missing: an earlier row of the same file may create it
      let parent = this.parents.get(parentRef) ?? null;
      if (!parent) {
        parent = await resolveOrgRef(ctx, tx, parentRef);
        if (parent) this.parents.set(parentRef, parent);
      }
      const problem = parentProblem(ctx, parentRef, parent, this.column('parent'));
      if (problem || !parent) return { row, outcome: problem ? [problem] : [] };
      parentId = parent.id;
    } else if (!isGlobalAdmin(ctx)) {
      return { row, outcome: [cellError(this.column('parent'), 'import_root_admin_only')] };
    }
    const input: OrgCreate = { ...fields, parentId };
    try {
      return { row, outcome: await importOrg(ctx, tx, input) };
    } catch (e) {
      return { row, outcome: rowErrorsOf(e, this.map, this.column(parentRef === null ? 'name' : 'parent')) };
    }
  }
}

/**
 * Applies the staged rows in ONE transaction (all or nothing: a dry run or any row error rolls it
 * back), a batch at a time: the rows of a batch are written with multi-row inserts, and its audit
 * events and progress once at its end; the maintained totals once at the end of the import. On
 * PostgreSQL other users keep working meanwhile (they see the state before the import until it
 * commits).
 */
async function writePass<T>(
  ctx: Ctx,
  job: Job,
  report: Report,
  stagingFile: string,
  excluded: Set<number>,
  makeWriter: (tx: Db) => Writer<T>,
  opts: ImportOptions,
): Promise<void> {
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  try {
    await inTx(ctx, async (tx) => {
      const writer = makeWriter(tx);
      let applied = 0;
      const record = ({ row, outcome }: Applied): void => {
        applied++;
        if (typeof outcome === 'string') report.value[outcome]++;
        else report.addAll(row, outcome);
      };
      let totals = deferTotals(tx);
      const writeTotals = async (): Promise<void> => {
        stopDeferring(tx);
        await applyDeferredCounts(tx, totals.counts);
        await applyDeferredFacets(tx, totals.facets);
        totals = deferTotals(tx);
      };
      deferAudit(ctx, tx);
      const endBatch = async (): Promise<void> => {
        for (const done of await writer.flush()) record(done);
        // Nobody sees the totals before the commit, so they are summed over the batches and written
        // once at the end: rewriting the same org_counts and facet rows after every batch leaves,
        // inside one transaction, a row version per batch for every later write to step over. Only
        // a very large import writes them on the way, to bound the memory.
        if (totals.facets.size > MAX_DEFERRED_FACETS) await writeTotals();
        await flushDeferredAudit(tx);
        job.onProgress?.('writing', applied);
        if (opts.progressOnJob) await updateJob(ctx, job, { rowsWritten: applied });
      };
      const turns = new Turns();
      for await (const { row, value } of stagedRows<T>(stagingFile, excluded)) {
        if (turns.due()) await turns.take();
        let done: Applied | null;
        try {
          done = await writer.add(row, value);
        } catch (e) {
          if (!(e instanceof FlushFirst)) throw e;
          await endBatch();
          done = await writer.add(row, value);
        }
        if (done) record(done);
        if (writer.queued >= batchSize) await endBatch();
      }
      await endBatch();
      await writeTotals();
      stopDeferring(tx);
      await flushDeferredAudit(tx, true);
      if (opts.dryRun || report.failed) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
}

// ---- entry points ----------------------------------------------------------------------------

/**
 * Imports a spreadsheet file that is already on disk. Used by the upload route, the command line
 * and the benchmark. The caller deletes `file`.
 */
export async function runImport(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportReport> {
  if (!mayImportSomewhere(ctx)) throw forbidden();
  const job: Job = { id: opts.jobId ?? randomUUID(), state: 'reading', onProgress: opts.onProgress };
  await createJob(ctx, job.id, opts);
  const report = new Report(opts.kind, opts.dryRun, opts.lang ?? 'zh');
  const stagingFile = path.join(tmpDir(ctx), `import-${randomUUID()}.ndjson`);
  const mapping = new Map([...(await rememberedMapping(ctx, opts.kind)), ...(opts.mapping ?? [])]);
  try {
    if (opts.kind === 'members') {
      const refs = new MemberRefs(ctx);
      const read = await readPass(ctx, job, file, stagingFile, 'members', report, mapping as HeaderMapping<'members'>, {
        normalize: (cells, map) => normalizeMemberRow(cells, map, ctx.today),
        duplicateKey: (r, map) => (r.refs?.idNumber ? { key: r.refs.idNumber, column: map.headerOf.idNumber ?? '公民身份号码', code: 'import_duplicate_id_number' } : null),
        checkRefs: (r, map) => refs.check(r, map),
      });
      if (read) {
        await updateJob(ctx, job, { rowsRead: report.value.rows, state: 'writing' });
        await writePass<MemberImport>(ctx, job, report, stagingFile, read.excluded, (tx) => new MemberWriter(ctx, tx, read.map), opts);
      }
    } else {
      const refs = new OrgRefs(ctx);
      const read = await readPass(ctx, job, file, stagingFile, 'orgs', report, mapping as HeaderMapping<'orgs'>, {
        normalize: (cells, map) => refs.track(normalizeOrgRow(cells, map, ctx.today)),
        checkRefs: (r, map) => refs.check(r, map),
        duplicateKey: ({ value: v }, map) =>
          v === null
            ? null
            : v.code
              ? { key: `code:${v.code}`, column: map.headerOf.code ?? '组织编码', code: 'import_duplicate_org_code' }
              : { key: `name:${v.parent ?? ''}\u0000${v.name}`, column: map.headerOf.name ?? '党组织名称', code: 'import_duplicate_org_name' },
      });
      if (read) {
        await updateJob(ctx, job, { rowsRead: report.value.rows, state: 'writing' });
        await writePass<OrgImport>(ctx, job, report, stagingFile, read.excluded, (tx) => new OrgWriter(ctx, tx, read.map), opts);
      }
    }
    const final = report.finish();
    await updateJob(ctx, job, { state: report.failed ? 'failed' : 'done', rowsRead: final.rows, report: final });
    return final;
  } catch (e) {
    await updateJob(ctx, job, { state: 'failed', rowsRead: report.value.rows }).catch(() => undefined);
    throw e;
  } finally {
    await rm(stagingFile, { force: true });
  }
}

// ---- template --------------------------------------------------------------------------------

function exampleIdNumber(): string {
  const first17 = '11010519900307002'; // a synthetic number: Beijing Chaoyang, born 1990-03-07
  return first17 + checkCharacter(first17);
}

/** A workbook with the canonical headers and one example row. */
export async function templateWorkbook(kind: ImportKind): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongjian';
  const ws = wb.addWorksheet(kind === 'members' ? '党员名册' : '党组织');
  const fields = fieldsOf(kind);
  ws.columns = fields.map((f) => ({
    header: canonicalHeader(kind, f as never),
    key: f,
    width: 16,
    style: { numFmt: '@' }, // text: keeps ID-card numbers, phone numbers and dates as typed
  }));
  const example: Record<string, string> =
    kind === 'members'
      ? {
          name: '张三',
          gender: '女',
          ethnicity: '汉族',
          birthDate: '1990-03-07',
          idNumber: exampleIdNumber(),
          education: '大学本科',
          joinedOn: '2015-07-01',
          fullOn: '2016-07-01',
          category: '在职',
          status: '正式党员',
          org: '某某公司党委/第一党支部',
          partyGroup: '',
          phone: '13800000000',
          jobTitle: '某某公司 工程师',
        }
      : {
          name: '第一党支部',
          shortName: '一支部',
          code: 'DZB-001',
          type: '党支部',
          parent: '某某公司党委',
          hostUnit: '某某公司',
          sector: '国有企业',
          foundedOn: '2010-07-01',
          contactName: '李四',
          contactPhone: '0731-88880000',
        };
  ws.addRow(example);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
