import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './db/client';

// One logical format for both databases: gzip'd JSON lines, a header then each table's rows as
// PostgreSQL renders them (row_to_json), restored with json_populate_recordset. So a PGlite laptop
// can move to a PostgreSQL server and back.

/** Parents before children, so foreign keys hold while restoring. */
export const TABLES = [
  'orgs',
  'org_counts',
  'org_member_facets',
  'org_activity_months',
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

const FORMAT = 'gongjian-backup/1';
const BATCH = 2000;

async function migrationCount(database: Database): Promise<number> {
  const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(row?.n ?? 0);
}

export async function backup(database: Database, file: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const db = database.db;
  const migrations = await migrationCount(database);
  async function* lines() {
    yield JSON.stringify({ format: FORMAT, migrations, createdAt: new Date().toISOString() }) + '\n';
    for (const table of TABLES) {
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
  }
  await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  return counts;
}

/** Replaces every table's contents with the backup's, in one transaction: all or nothing. */
export async function restore(database: Database, file: string): Promise<Record<string, number>> {
  const input = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : (JSON.parse(first.value) as { format?: string; migrations?: number });
  if (header?.format !== FORMAT) throw new Error(`${file} is not a gongjian backup`);
  const migrations = await migrationCount(database);
  if (header.migrations !== migrations) {
    throw new Error(`the backup was made at schema version ${header.migrations}, this database is at ${migrations}`);
  }
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`truncate ${TABLES.map((t) => `"${t}"`).join(', ')} restart identity cascade`));
    for await (const line of { [Symbol.asyncIterator]: () => iterator }) {
      if (!line.trim()) continue;
      const { table, rows } = JSON.parse(line) as { table: string; rows: unknown[] };
      if (!(TABLES as readonly string[]).includes(table)) throw new Error(`unknown table in backup: ${table}`);
      await tx.execute(sql`insert into ${sql.identifier(table)} select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`);
      counts[table] = (counts[table] ?? 0) + rows.length;
    }
    await tx.execute(sql`select setval(pg_get_serial_sequence('audit_events', 'seq'), coalesce((select max(seq) from audit_events), 0) + 1, false)`);
  });
  return counts;
}
