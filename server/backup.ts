import { createHmac } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './db/client';
import { forgetAllSessions } from './modules/auth/sessions';

// One logical format for both databases: gzip'd JSON lines, a header then each table's rows as
// PostgreSQL renders them (row_to_json), restored with json_populate_recordset. So a PGlite laptop
// can move to a PostgreSQL server and back.

/**
 * Parents before children, so foreign keys hold while restoring. Not here: compliance_counts and
 * compliance_subtree_orgs, which triggers derive from compliance_results (emptied with orgs by the
 * cascade, rebuilt as the results are inserted).
 */
export const TABLES = [
  'orgs',
  'org_counts',
  'org_member_facets',
  'org_activity_months',
  'org_kind_counts',
  'org_term_counts',
  'members',
  'party_groups',
  'committee_roles',
  'member_org_history',
  'users',
  'role_grants',
  'sessions',
  'api_tokens',
  'login_throttle',
  'audit_events',
  'audit_checkpoints',
  'import_jobs',
  'import_mappings',
  'custom_activity_types',
  'pairings',
  'pairing_parties',
  'pairing_commitments',
  'pairing_items',
  'joint_projects',
  'demands',
  'demand_events',
  'pairing_files',
  'pairing_policies',
  'activities',
  'activity_hosts',
  'activity_attendees',
  'activity_guests',
  'activity_resolutions',
  'activity_votes',
  'activity_files',
  'rule_pack_versions',
  'notifications',
  'compliance_results',
  'compliance_jobs',
  'project_campaigns',
  'secretary_projects',
  'project_indicators',
  'project_milestones',
  'project_tasks',
  'project_reports',
  'project_indicator_values',
  'project_obstacles',
  'project_supervisions',
  'project_requirements',
  'project_evaluations',
  'project_files',
  'project_activities',
  'assessments',
  'assessment_reporters',
  'assessment_rater_groups',
  'assessment_venues',
  'assessment_criteria',
  'ballot_codes',
  'ballots',
  'ballot_submissions',
  'assessment_notes',
  'assessment_follow_ups',
] as const;

/** A stable order (the primary key) so that paging through a table neither skips nor repeats rows. */
const ORDER_KEY: Record<(typeof TABLES)[number], string> = {
  orgs: 'id',
  org_counts: 'org_id',
  org_member_facets: 'org_id, t.facet, t.value',
  org_activity_months: 'org_id, t.month, t.type, t.state',
  org_kind_counts: 'org_id, t.type, t.sector',
  org_term_counts: 'org_id, t.kind, t.elected_on',
  members: 'id',
  party_groups: 'id',
  committee_roles: 'id',
  member_org_history: 'id',
  users: 'id',
  role_grants: 'id',
  sessions: 'token_hash',
  api_tokens: 'id',
  login_throttle: 'key',
  audit_events: 'seq',
  audit_checkpoints: 'id',
  import_jobs: 'id',
  import_mappings: 'user_id, t.kind, t.header',
  custom_activity_types: 'id',
  pairings: 'id',
  pairing_parties: 'pairing_id, t.org_id',
  pairing_commitments: 'id',
  pairing_items: 'id',
  joint_projects: 'id',
  demands: 'id',
  demand_events: 'id',
  pairing_files: 'id',
  pairing_policies: 'org_id',
  activities: 'id',
  activity_hosts: 'activity_id, t.org_id',
  activity_attendees: 'activity_id, t.member_id',
  activity_guests: 'id',
  activity_resolutions: 'id',
  activity_votes: 'id',
  activity_files: 'id',
  rule_pack_versions: 'id',
  notifications: 'id',
  compliance_results: 'org_id, t.period, t.requirement_id',
  compliance_jobs: 'id',
  project_campaigns: 'id',
  secretary_projects: 'id',
  project_indicators: 'id',
  project_milestones: 'id',
  project_tasks: 'id',
  project_reports: 'id',
  project_indicator_values: 'report_id, t.indicator_id',
  project_obstacles: 'id',
  project_supervisions: 'id',
  project_requirements: 'id',
  project_evaluations: 'id',
  project_files: 'id',
  project_activities: 'project_id, t.activity_id',
  assessments: 'id',
  assessment_reporters: 'id',
  assessment_rater_groups: 'id',
  assessment_venues: 'id',
  assessment_criteria: 'id',
  ballot_codes: 'hash',
  ballots: 'id',
  ballot_submissions: 'code_hash, t.submission_id',
  assessment_notes: 'id',
  assessment_follow_ups: 'id',
};

// Format 2: the header names the secret key by a fingerprint, session, token and throttle rows are
// left out (they are credentials, not records), and a closing line carries the row counts so a
// truncated file is recognised.
const FORMAT = 'gongjian-backup/2';
const BATCH = 2000;

/** Credentials and login state: never written to a backup; a restore ends every session and token. */
const NOT_BACKED_UP: ReadonlySet<string> = new Set(['sessions', 'api_tokens', 'login_throttle']);

interface Header {
  format: string;
  migrations: number;
  createdAt: string;
  keyFingerprint: string;
}

/**
 * Names the secret key without revealing it: a restore under another key would leave every
 * encrypted field unreadable, so the key must match before anything is replaced.
 */
export function keyFingerprint(secretKey: string): string {
  return createHmac('sha256', secretKey).update('gongjian backup key fingerprint').digest('hex').slice(0, 32);
}

async function migrationCount(database: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(row?.n ?? 0);
}

export async function backup(database: Database, file: string, secretKey: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const db = database.db;
  const migrations = await migrationCount(database);
  async function* lines() {
    const header: Header = { format: FORMAT, migrations, createdAt: new Date().toISOString(), keyFingerprint: keyFingerprint(secretKey) };
    yield JSON.stringify(header) + '\n';
    for (const table of TABLES) {
      if (NOT_BACKED_UP.has(table)) continue;
      counts[table] = 0;
      // orgs reference their parent: by depth, so a parent is always restored first
      const order = table === 'orgs' ? sql`nlevel(t.path), t.id` : sql.raw(`t.${ORDER_KEY[table]}`);
      for (let offset = 0; ; offset += BATCH) {
        const result = await queryRows<{ j: unknown }>(db, sql`select row_to_json(t) as j from ${sql.identifier(table)} t order by ${order} limit ${BATCH} offset ${offset}`);
        const rows = result.map((x) => x.j);
        if (rows.length === 0) break;
        counts[table] += rows.length;
        yield JSON.stringify({ table, rows }) + '\n';
        if (rows.length < BATCH) break;
      }
    }
    yield JSON.stringify({ end: true, counts }) + '\n';
  }
  // personal data: readable by the owner only, even where the umask would allow more
  const handle = await open(file, 'w', 0o600);
  await handle.chmod(0o600);
  await pipeline(Readable.from(lines()), createGzip(), handle.createWriteStream());
  return counts;
}

type Entry = { kind: 'rows'; table: string; rows: unknown[] } | { kind: 'end'; counts: Record<string, number> };

/**
 * Reads a backup: checks the header against this installation (format, schema version, secret
 * key) before yielding anything, then each line, and fails on a line that does not parse, a table
 * it does not know, or a missing or disagreeing closing line.
 */
async function* readBackup(file: string, expect: { migrations: number; secretKey: string }): AsyncGenerator<Entry, Header> {
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: Header | null = null;
  let lineNo = 0;
  const seen: Record<string, number> = {};
  try {
    for await (const line of input) {
      lineNo += 1;
      if (!header) {
        header = parseHeader(file, line, expect);
        continue;
      }
      if (!line.trim()) continue;
      let value: { table?: unknown; rows?: unknown; end?: unknown; counts?: unknown };
      try {
        value = JSON.parse(line) as typeof value;
      } catch {
        throw new Error(`${file}: line ${lineNo} is not valid JSON`);
      }
      if (value.end === true) {
        const counts = value.counts as Record<string, number>;
        const differs = Object.keys({ ...counts, ...seen }).find((t) => (counts[t] ?? 0) !== (seen[t] ?? 0));
        if (differs) throw new Error(`${file}: the closing line counts ${counts[differs] ?? 0} rows of ${differs}, the file holds ${seen[differs] ?? 0}`);
        yield { kind: 'end', counts };
        return header;
      }
      const { table, rows } = value;
      if (typeof table !== 'string' || !(TABLES as readonly string[]).includes(table) || NOT_BACKED_UP.has(table)) throw new Error(`${file}: line ${lineNo} names an unknown table: ${String(table)}`);
      if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null)) throw new Error(`${file}: line ${lineNo} (${table}) has no list of rows`);
      seen[table] = (seen[table] ?? 0) + rows.length;
      yield { kind: 'rows', table, rows };
    }
  } catch (err) {
    // a cut-off or corrupted gzip stream surfaces here as a zlib error
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('Z_')) throw new Error(`${file}: the file is damaged or cut off (${err.message})`, { cause: err });
    throw err;
  }
  if (!header) throw new Error(`${file} is not a gongjian backup`);
  throw new Error(`${file}: the closing line is missing: the file is cut off`);
}

function parseHeader(file: string, line: string, expect: { migrations: number; secretKey: string }): Header {
  let header: Partial<Header> | null = null;
  try {
    header = JSON.parse(line) as Partial<Header>;
  } catch {
    // not JSON: reported below as not a backup
  }
  if (header?.format === 'gongjian-backup/1') throw new Error(`${file} was written by an older gongjian (format 1, without a key fingerprint): restore it with that version, then back up again`);
  if (header?.format !== FORMAT || typeof header.keyFingerprint !== 'string' || typeof header.migrations !== 'number') throw new Error(`${file} is not a gongjian backup`);
  if (header.migrations !== expect.migrations) {
    throw new Error(`${file} was made at schema version ${header.migrations}, this installation is at ${expect.migrations}`);
  }
  if (header.keyFingerprint !== keyFingerprint(expect.secretKey)) {
    throw new Error(
      `${file} was made with another secret key: its encrypted fields (ID-card and phone numbers) could not be read with this one. ` +
        'Set GONGJIAN_SECRET_KEY (or the data directory\'s secret.key) to the key of the installation that made it. Nothing was changed.',
    );
  }
  return header as Header;
}

export interface BackupReport {
  createdAt: string;
  migrations: number;
  counts: Record<string, number>;
}

/** Checks a backup without restoring it: everything restore would check, and every line. */
export async function verifyBackup(database: Database, file: string, secretKey: string): Promise<BackupReport> {
  const reader = readBackup(file, { migrations: await migrationCount(database), secretKey });
  let counts: Record<string, number> = {};
  for (;;) {
    const next = await reader.next();
    if (next.done) return { createdAt: next.value.createdAt, migrations: next.value.migrations, counts };
    if (next.value.kind === 'end') counts = next.value.counts;
  }
}

/** Replaces every table's contents with the backup's, in one transaction: all or nothing. */
export async function restore(database: Database, file: string, secretKey: string): Promise<Record<string, number>> {
  const reader = readBackup(file, { migrations: await migrationCount(database), secretKey });
  // the header is checked before the transaction starts: a wrong key or version changes nothing
  const first = await reader.next();
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`truncate ${TABLES.map((t) => `"${t}"`).join(', ')} restart identity cascade`));
    for (let entry = first; !entry.done; entry = await reader.next()) {
      if (entry.value.kind === 'end') continue;
      const { table, rows } = entry.value;
      await tx.execute(sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`);
      counts[table] = (counts[table] ?? 0) + rows.length;
    }
    await tx.execute(sql`select setval(pg_get_serial_sequence('audit_events', 'seq'), coalesce((select max(seq) from audit_events), 0) + 1, false)`);
  });
  forgetAllSessions();
  return counts;
}
