// Generates a synthetic province into an empty gongjian database (the real schema and migrations).
//
//   npx tsx bench/generate-province.ts --pglite .tmp/province-pglite --scale 0.01
//   npx tsx bench/generate-province.ts --postgres-dir /tmp/gongjian-province-pg --scale 1
//   DATABASE_URL=postgres://... npx tsx bench/generate-province.ts --scale 0.1
//
// Scale 1: 1 root, 100 cities, 1,000 districts (10 per city), 300,101 organizations and about
// 3,000,000 members. --scale multiplies the number of cities (at least 1), so 0.01 gives 1 city,
// 10 districts, 3,002 organizations and about 30,000 members. Each district has 9 branches of its
// own and 29 general branches / enterprise committees with 9 branches each; committees above the
// branches have 5 members (their committee), branches 2–19 members (some below the minimum of 3,
// on purpose). Names are synthetic. Data is random but reproducible (--seed, default 1).
// Secondary indexes and foreign keys of orgs, members and committee_roles are dropped during the load and rebuilt from their catalog
// definitions afterwards. Rows go in with multi-row INSERT ... SELECT FROM unnest($1::text[], ...), --batch rows at a time.
// org_counts (subtree and direct counts), org_member_facets (the dashboard's, from the members table) and committee_roles are filled consistently;
// with --activities, org_activity_months too (the dashboard's, from activity_hosts; one host per activity, so the root's total is a plain count).
// The target must be empty (no organizations yet).
// --activities <perBranchPerYear> (default 0: none) adds that many held activities per year to every
// branch (types branch and joint_branch) for the last 3 calendar years up to TODAY (the current year
// only up to TODAY): a life meeting in December, general assemblies in some quarters, theme days
// and committee meetings in some months (the others skipped at random, so compliance has misses).
// For 10 a year: 6 theme days, 2 general assemblies, 1 committee meeting, 1 life meeting.
// --activity-indexes keep|drop (default: keep on PGlite, drop on PostgreSQL): whether the activities tables' secondary indexes and
// foreign keys are dropped during their load and rebuilt afterwards (see bench/README.md).
import { seededRandom } from '../domain/random';
import { newId } from '../server/ids';
import {
  COMMITTEE_ROLES,
  EDUCATIONS,
  type CommitteeRole,
  type OrgType,
  type Sector,
  SECTORS,
} from '../domain/enums';
import { FILL_ACTIVITY_MONTHS_SQL, FILL_FACETS_SQL, FILL_ORG_KINDS_SQL, FILL_TERM_COUNTS_SQL } from '../server/modules/dashboard/queries';
import { deadline, openTarget, parseArgs, type Target } from './common';

const CITIES_AT_SCALE_1 = 100;
const DISTRICTS_PER_CITY = 10;
const DIRECT_BRANCHES_PER_DISTRICT = 9;
const GENERAL_PER_DISTRICT = 29;
const BRANCHES_PER_GENERAL = 9;
const COMMITTEE_SIZE = 5;
const TODAY = '2025-06-30';

/** uuid v7 without dashes, as server code does: a valid ltree label. */


const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Math.floor(Date.parse(iso + 'T00:00:00Z') / DAY_MS);
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const TODAY_DAY = dayOf(TODAY);

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌辉鹏飞宇浩凯俊晨欣怡婷雪琳晓东海波林峰志刚春梅亮红卫';
const CATEGORIES: readonly [string, number][] = [
  ['in_service', 0.5],
  ['retired', 0.3],
  ['farmer', 0.1],
  ['unemployed', 0.04],
  ['student', 0.03],
  ['other', 0.03],
];

interface Orgs {
  id: string[];
  path: string[];
  parent: number[]; // index, -1 for the root
  name: string[];
  type: OrgType[];
  sector: (Sector | null)[];
  level: number[]; // 0 root, 1 city, 2 district, 3 general branch / committee or district branch, 4 branch
  leaf: boolean[];
}

function buildOrgs(scale: number, random: () => number): Orgs {
  const o: Orgs = { id: [], path: [], parent: [], name: [], type: [], sector: [], level: [], leaf: [] };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const add = (
    parent: number,
    name: string,
    type: OrgType,
    sector: Sector | null,
    level: number,
    leaf: boolean,
  ): number => {
    const id = newId();
    o.id.push(id);
    o.path.push(parent < 0 ? id : `${o.path[parent]}.${id}`);
    o.parent.push(parent);
    o.name.push(name);
    o.type.push(type);
    o.sector.push(sector);
    o.level.push(level);
    o.leaf.push(leaf);
    return o.id.length - 1;
  };
  const cities = Math.max(1, Math.round(CITIES_AT_SCALE_1 * scale));
  const root = add(-1, '合成省委', 'committee', 'government_organ', 0, false);
  for (let c = 1; c <= cities; c++) {
    const city = add(root, `合成${c}市委`, 'committee', 'government_organ', 1, false);
    for (let d = 1; d <= DISTRICTS_PER_CITY; d++) {
      const districtName = `合成${c}市${d}区`;
      const district = add(city, `${districtName}委`, 'committee', 'government_organ', 2, false);
      for (let b = 1; b <= DIRECT_BRANCHES_PER_DISTRICT; b++) {
        add(district, `${districtName}机关第${b}支部`, 'branch', 'government_organ', 3, true);
      }
      for (let g = 1; g <= GENERAL_PER_DISTRICT; g++) {
        const sector = pick(SECTORS);
        const enterprise = sector === 'state_enterprise' || sector === 'private_enterprise';
        const general = add(
          district,
          enterprise ? `${districtName}第${g}企业党委` : `${districtName}第${g}党总支`,
          enterprise ? 'committee' : 'general_branch',
          sector,
          3,
          false,
        );
        for (let b = 1; b <= BRANCHES_PER_GENERAL; b++) {
          add(general, `${o.name[general]}第${b}支部`, 'branch', sector, 4, true);
        }
      }
    }
  }
  return o;
}

interface MemberBatch {
  id: string[];
  orgId: string[];
  orgPath: string[];
  name: string[];
  gender: string[];
  ethnicity: string[];
  birthDate: string[];
  education: string[];
  joinedOn: string[];
  fullOn: (string | null)[];
  status: string[];
  category: string[];
}

const emptyBatch = (): MemberBatch => ({
  id: [],
  orgId: [],
  orgPath: [],
  name: [],
  gender: [],
  ethnicity: [],
  birthDate: [],
  education: [],
  joinedOn: [],
  fullOn: [],
  status: [],
  category: [],
});

const INSERT_MEMBERS = `
insert into members (id, org_id, org_path, name, gender, ethnicity, birth_date, education, joined_on, full_on, status, category)
select id, org_id, org_path::ltree, name, gender, ethnicity, birth_date::date, education, joined_on::date, full_on::date, status, category
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
  as t(id, org_id, org_path, name, gender, ethnicity, birth_date, education, joined_on, full_on, status, category)`;

const INSERT_ORGS = `
insert into orgs (id, path, parent_id, name, type, sector, founded_on, term_elected_on)
select id, path::ltree, parent_id, name, type, sector, founded_on::date, term_elected_on::date
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  as t(id, path, parent_id, name, type, sector, founded_on, term_elected_on)`;

const INSERT_ACTIVITIES = `
insert into activities (id, type, state, starts_at, ends_at, held_on, place, theme, org_path)
select id, type, 'held', starts_at::timestamptz, ends_at::timestamptz, held_on::date, place, theme, org_path::ltree
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
  as t(id, type, starts_at, ends_at, held_on, place, theme, org_path)`;

const INSERT_HOSTS = `
insert into activity_hosts (activity_id, org_id, org_path, held_on, type, state)
select activity_id, org_id, org_path::ltree, held_on::date, type, 'held'
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(activity_id, org_id, org_path, held_on, type)`;

const ACTIVITY_THEMES: Record<string, string> = {
  theme_day: '主题党日',
  committee_meeting: '支委会',
  general_assembly: '支部党员大会',
  life_meeting: '组织生活会',
  study_session: '集中学习',
};

/** k distinct values of 0..n-1, in random order */
function distinct(n: number, k: number, random: () => number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(k, n); i++) {
    const j = i + Math.floor(random() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, Math.min(k, n));
}

/** One branch's year: `perYear` activities as [type, month 1..12]. */
function yearPlan(perYear: number, random: () => number): [string, number][] {
  const plan: [string, number][] = [];
  if (perYear >= 1) plan.push(['life_meeting', 12]);
  let left = perYear - plan.length;
  const assemblies = Math.min(4, Math.round(perYear * 0.2), left);
  for (const q of distinct(4, assemblies, random)) plan.push(['general_assembly', q * 3 + 1 + Math.floor(random() * 3)]);
  left -= assemblies;
  const themeDays = Math.min(12, Math.round(perYear * 0.6), left);
  for (const m of distinct(12, themeDays, random)) plan.push(['theme_day', m + 1]);
  left -= themeDays;
  const committee = Math.min(12, left);
  for (const m of distinct(12, committee, random)) plan.push(['committee_meeting', m + 1]);
  left -= committee;
  for (let i = 0; i < left; i++) plan.push(['study_session', 1 + Math.floor(random() * 12)]);
  return plan;
}

const INSERT_COUNTS = `
insert into org_counts (org_id, members, full_members, direct_members, direct_full_members)
select * from unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[])`;

const INSERT_ROLES = `
insert into committee_roles (id, org_id, member_id, role, started_on)
select id, org_id, member_id, role, started_on::date
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(id, org_id, member_id, role, started_on)`;

function progress(label: string, done: number, total: number, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  const rate = done / Math.max(seconds, 0.001);
  process.stdout.write(
    `\r  ${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${rate.toFixed(0)} rows/s)   `,
  );
}

async function inBatches(
  target: Target,
  sqlText: string,
  columns: unknown[][],
  batch: number,
  label: string,
): Promise<number> {
  const total = columns[0]?.length ?? 0;
  const started = performance.now();
  for (let from = 0; from < total; from += batch) {
    await target.query(
      sqlText,
      columns.map((c) => c.slice(from, from + batch)),
    );
    progress(label, Math.min(total, from + batch), total, started);
  }
  process.stdout.write('\n');
  return (performance.now() - started) / 1000;
}

/**
 * Bulk-load practice: drop a table's secondary indexes and foreign keys, load, then rebuild them
 * from their own catalog definitions (so they end exactly as the migrations made them; re-adding a
 * foreign key validates every row at once). Building an index once is several times faster than
 * maintaining it row by row, the GiST index on ltree paths above all, and one validation join is
 * faster than a foreign-key trigger per row.
 */
async function withoutIndexes(target: Target, table: string, load: () => Promise<void>): Promise<number> {
  const indexes = await target.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.schemaname = 'public' and i.tablename = $1
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [table],
  );
  const foreignKeys = await target.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
     where conrelid = $1::regclass and contype = 'f'`,
    [table],
  );
  for (const fk of foreignKeys) await target.query(`alter table "${table}" drop constraint "${fk.name}"`);
  for (const index of indexes) await target.query(`drop index "${index.name}"`);
  await load();
  const started = performance.now();
  const rebuild = async (name: string, statement: string): Promise<void> => {
    process.stdout.write(`  rebuilding ${name} ... `);
    const t = performance.now();
    await target.query(statement);
    process.stdout.write(`${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  };
  for (const index of indexes) await rebuild(index.name, index.def);
  for (const fk of foreignKeys)
    await rebuild(fk.name, `alter table "${table}" add constraint "${fk.name}" ${fk.def}`);
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const args = parseArgs();
  const scale = args.number('scale', 1);
  const batch = Math.round(args.number('batch', 5000));
  const random = seededRandom(Math.round(args.number('seed', 1)));
  const perYear = args.has('activities') ? Math.round(args.number('activities', 10)) : 0;
  const indexOption = args.get('activity-indexes');
  if (indexOption !== undefined && indexOption !== 'keep' && indexOption !== 'drop') throw new Error('--activity-indexes must be keep or drop');
  const timer = deadline(args.number('max-minutes', 30), 'generate-province');
  const target = await openTarget(args);
  // measured at scale 0.01 (bench/README.md): dropping and rebuilding is faster on PostgreSQL, keeping the indexes on PGlite
  const activityIndexes = indexOption ?? ('pglite' in target.connection ? 'keep' : 'drop');
  try {
    const existing = await target.query<{ n: number }>('select count(*)::int as n from orgs');
    if ((existing[0]?.n ?? 0) > 0)
      throw new Error('the target already has organizations: generate into an empty database');
    console.log(`generating a province at scale ${scale} into ${target.label}`);
    const t0 = performance.now();

    // Organizations
    const orgs = buildOrgs(scale, random);
    const n = orgs.id.length;
    const foundedOn: string[] = [];
    const termElectedOn: string[] = [];
    for (let i = 0; i < n; i++) {
      foundedOn.push(isoOf(dayOf('1950-01-01') + Math.floor(random() * 25_000)));
      termElectedOn.push(isoOf(TODAY_DAY - Math.floor(random() * 6 * 365))); // some terms expired
    }
    const parentId = orgs.parent.map((p) => (p < 0 ? null : orgs.id[p]!));
    let orgSeconds = 0;
    const orgIndexSeconds = await withoutIndexes(target, 'orgs', async () => {
      orgSeconds = await inBatches(
        target,
        INSERT_ORGS,
        [orgs.id, orgs.path, parentId, orgs.name, orgs.type, orgs.sector, foundedOn, termElectedOn],
        batch,
        'organizations',
      );
    });

    // Members, organization by organization; committees picked from each organization's members
    const direct = new Int32Array(n);
    const directFull = new Int32Array(n);
    const roles: {
      id: string[];
      orgId: string[];
      memberId: string[];
      role: CommitteeRole[];
      startedOn: string[];
    } = {
      id: [],
      orgId: [],
      memberId: [],
      role: [],
      startedOn: [],
    };
    const expectedMembers = orgs.leaf.reduce((sum, leaf) => sum + (leaf ? 10.5 : COMMITTEE_SIZE), 0);
    let members = emptyBatch();
    let inserted = 0;
    let memberDbSeconds = 0;
    const memberStart = performance.now();
    const flush = async (): Promise<void> => {
      if (members.id.length === 0) return;
      const t = performance.now();
      await target.query(INSERT_MEMBERS, [
        members.id,
        members.orgId,
        members.orgPath,
        members.name,
        members.gender,
        members.ethnicity,
        members.birthDate,
        members.education,
        members.joinedOn,
        members.fullOn,
        members.status,
        members.category,
      ]);
      memberDbSeconds += (performance.now() - t) / 1000;
      inserted += members.id.length;
      members = emptyBatch();
      progress('members', inserted, Math.round(expectedMembers), memberStart);
    };
    const categoryOf = (): string => {
      let r = random();
      for (const [category, weight] of CATEGORIES) {
        if ((r -= weight) < 0) return category;
      }
      return 'other';
    };
    const memberIndexSeconds = await withoutIndexes(target, 'members', async () => {
      for (let org = 0; org < n; org++) {
        const count = orgs.leaf[org] ? 2 + Math.floor(random() * 18) : COMMITTEE_SIZE;
        const fullIds: string[] = [];
        for (let k = 0; k < count; k++) {
          const id = newId();
          const birth = dayOf('1945-01-01') + Math.floor(random() * 60 * 365);
          const probationary = k > 0 && random() < 0.05; // the first member (secretary) is always full
          const earliestJoin = birth + 18 * 365 + 5;
          let joined: number;
          if (probationary) {
            joined = TODAY_DAY - 30 - Math.floor(random() * 300);
          } else {
            const latestJoin = TODAY_DAY - 400;
            joined = Math.min(latestJoin, earliestJoin + Math.floor(random() * 30 * 365));
          }
          if (joined < earliestJoin) joined = earliestJoin; // very young: joined at 18
          const full = !probationary && joined + 365 <= TODAY_DAY;
          members.id.push(id);
          members.orgId.push(orgs.id[org]!);
          members.orgPath.push(orgs.path[org]!);
          members.name.push(
            SURNAMES[Math.floor(random() * SURNAMES.length)]! +
              GIVEN[Math.floor(random() * GIVEN.length)]! +
              (random() < 0.6 ? GIVEN[Math.floor(random() * GIVEN.length)]! : ''),
          );
          members.gender.push(random() < 0.7 ? 'male' : 'female');
          members.ethnicity.push(random() < 0.92 ? 'han' : 'other');
          members.birthDate.push(isoOf(birth));
          members.education.push(EDUCATIONS[Math.floor(random() * EDUCATIONS.length)]!);
          members.joinedOn.push(isoOf(joined));
          members.fullOn.push(full ? isoOf(joined + 365) : null);
          members.status.push(full ? 'full' : 'probationary');
          members.category.push(categoryOf());
          direct[org]!++;
          if (full) {
            directFull[org]!++;
            fullIds.push(id);
          }
        }
        // committee: 5 roles above branches; a secretary (and two more from 7 full members) in a branch
        const roleCount = orgs.leaf[org]
          ? fullIds.length >= 7
            ? 3
            : 1
          : Math.min(COMMITTEE_SIZE, fullIds.length);
        for (let r = 0; r < roleCount; r++) {
          roles.id.push(newId());
          roles.orgId.push(orgs.id[org]!);
          roles.memberId.push(fullIds[r]!);
          roles.role.push(orgs.leaf[org] && r === 2 ? 'committee_member' : COMMITTEE_ROLES[r]!);
          roles.startedOn.push(termElectedOn[org]!);
        }
        if (members.id.length >= batch) await flush();
      }
      await flush();
      process.stdout.write('\n');
    });
    const memberSeconds = (performance.now() - memberStart) / 1000 - memberIndexSeconds;

    // org_counts: direct counts rolled up to every ancestor (children come after their parents)
    const subtree = Int32Array.from(direct);
    const subtreeFull = Int32Array.from(directFull);
    for (let i = n - 1; i > 0; i--) {
      const p = orgs.parent[i]!;
      subtree[p]! += subtree[i]!;
      subtreeFull[p]! += subtreeFull[i]!;
    }
    const countSeconds = await inBatches(
      target,
      INSERT_COUNTS,
      [orgs.id, Array.from(subtree), Array.from(subtreeFull), Array.from(direct), Array.from(directFull)],
      batch,
      'org_counts',
    );
    // org_member_facets: the same statement as migration 0002's backfill, over the loaded members
    const facetStart = performance.now();
    await target.query(FILL_FACETS_SQL);
    // org_kind_counts and org_term_counts: migration 0019's backfill, over the loaded organizations
    await target.query(FILL_ORG_KINDS_SQL);
    await target.query(FILL_TERM_COUNTS_SQL);
    const facetSeconds = (performance.now() - facetStart) / 1000;
    let roleSeconds = 0;
    const roleIndexSeconds = await withoutIndexes(target, 'committee_roles', async () => {
      roleSeconds = await inBatches(
        target,
        INSERT_ROLES,
        [roles.id, roles.orgId, roles.memberId, roles.role, roles.startedOn],
        batch,
        'committee_roles',
      );
    });

    // Activities of every branch: the last 3 calendar years up to TODAY
    let activityCount = 0;
    let activitySeconds = 0;
    let activityIndexSeconds = 0;
    let activityMonthSeconds = 0;
    if (perYear > 0) {
      const thisYear = Number(TODAY.slice(0, 4));
      const a = { id: [] as string[], type: [] as string[], startsAt: [] as string[], endsAt: [] as string[], heldOn: [] as string[], place: [] as string[], theme: [] as string[], orgPath: [] as string[], orgId: [] as string[] };
      const activityStart = performance.now();
      const expected = orgs.type.filter((t) => t === 'branch' || t === 'joint_branch').length * perYear * (2 + (TODAY_DAY - dayOf(`${thisYear}-01-01`)) / 365);
      const flushActivities = async (): Promise<void> => {
        if (a.id.length === 0) return;
        await target.query(INSERT_ACTIVITIES, [a.id, a.type, a.startsAt, a.endsAt, a.heldOn, a.place, a.theme, a.orgPath]);
        await target.query(INSERT_HOSTS, [a.id, a.orgId, a.orgPath, a.heldOn, a.type]);
        activityCount += a.id.length;
        for (const column of Object.values(a)) column.length = 0;
        progress('activities', activityCount, Math.round(expected), activityStart);
      };
      const load = async (): Promise<void> => {
        for (let org = 0; org < n; org++) {
          if (orgs.type[org] !== 'branch' && orgs.type[org] !== 'joint_branch') continue;
          for (let year = thisYear - 2; year <= thisYear; year++) {
            for (const [type, month] of yearPlan(perYear, random)) {
              const day = `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
              if (day > TODAY) continue;
              const afternoon = random() < 0.5;
              a.id.push(newId());
              a.type.push(type);
              a.startsAt.push(`${day}T${afternoon ? '14:30' : '09:00'}:00+08:00`);
              a.endsAt.push(`${day}T${afternoon ? '16:00' : '10:30'}:00+08:00`);
              a.heldOn.push(day);
              a.place.push('党员活动室');
              a.theme.push(`${year}年${month}月${ACTIVITY_THEMES[type] ?? type}`);
              a.orgPath.push(orgs.path[org]!);
              a.orgId.push(orgs.id[org]!);
            }
          }
          if (a.id.length >= batch) await flushActivities();
        }
        await flushActivities();
        process.stdout.write('\n');
      };
      if (activityIndexes === 'drop') {
        let hostIndexSeconds = 0;
        const ownIndexSeconds = await withoutIndexes(target, 'activities', async () => {
          hostIndexSeconds = await withoutIndexes(target, 'activity_hosts', load);
        });
        activityIndexSeconds = ownIndexSeconds + hostIndexSeconds;
      } else {
        await load();
      }
      activitySeconds = (performance.now() - activityStart) / 1000 - activityIndexSeconds;
      // org_activity_months: the same statement as migration 0004's backfill, over the loaded activities
      const monthsStart = performance.now();
      await target.query(FILL_ACTIVITY_MONTHS_SQL);
      activityMonthSeconds = (performance.now() - monthsStart) / 1000;
    }

    const analyzeStart = performance.now();
    await target.query('analyze');
    const analyzeSeconds = (performance.now() - analyzeStart) / 1000;

    // consistency check: the maintained root count equals a live count
    const rootPath = orgs.path[0]!;
    const [live] = await target.query<{ n: number; full: number }>(
      `select count(*)::int as n, count(*) filter (where status = 'full')::int as full from members where org_path <@ $1::ltree`,
      [rootPath],
    );
    if (live?.n !== subtree[0] || live?.full !== subtreeFull[0]) {
      throw new Error(
        `org_counts disagree with the members table: ${JSON.stringify(live)} vs ${subtree[0]}/${subtreeFull[0]}`,
      );
    }

    const [facetRoot] = await target.query<{ n: number; female: number }>(
      `select coalesce(sum(n), 0)::int as n, coalesce(sum(n) filter (where value = 'female'), 0)::int as female
       from org_member_facets where org_id = $1 and facet = 'gender'`,
      [orgs.id[0]],
    );
    const [liveFemale] = await target.query<{ n: number }>(
      `select count(*)::int as n from members where org_path <@ $1::ltree and gender = 'female'`,
      [rootPath],
    );
    if (facetRoot?.n !== subtree[0] || facetRoot?.female !== liveFemale?.n) {
      throw new Error(`org_member_facets disagree with the members table: ${JSON.stringify(facetRoot)} vs ${subtree[0]}/${liveFemale?.n}`);
    }

    if (perYear > 0) {
      const [months] = await target.query<{ n: number }>(`select coalesce(sum(n), 0)::int as n from org_activity_months where org_id = $1 and state = 'held'`, [orgs.id[0]]);
      const [liveActivities] = await target.query<{ n: number }>(`select count(*)::int as n from activity_hosts where org_path <@ $1::ltree and state = 'held'`, [rootPath]);
      if (months?.n !== liveActivities?.n) {
        throw new Error(`org_activity_months disagree with activity_hosts: ${months?.n} vs ${liveActivities?.n}`);
      }
    }

    const total = (performance.now() - t0) / 1000;
    console.log(`\n${target.label}, scale ${scale}`);
    console.log(
      `  organizations   ${n.toLocaleString('en').padStart(11)}  ${orgSeconds.toFixed(1)} s + indexes ${orgIndexSeconds.toFixed(1)} s`,
    );
    console.log(
      `  members         ${inserted.toLocaleString('en').padStart(11)}  ${memberSeconds.toFixed(1)} s (database ${memberDbSeconds.toFixed(1)} s) + indexes ${memberIndexSeconds.toFixed(1)} s`,
    );
    console.log(`  org_counts      ${n.toLocaleString('en').padStart(11)}  ${countSeconds.toFixed(1)} s`);
    console.log(`  org_member_facets            ${facetSeconds.toFixed(1)} s`);
    console.log(
      `  committee_roles ${roles.id.length.toLocaleString('en').padStart(11)}  ${roleSeconds.toFixed(1)} s + indexes ${roleIndexSeconds.toFixed(1)} s`,
    );
    if (perYear > 0) {
      console.log(
        `  activities      ${activityCount.toLocaleString('en').padStart(11)}  ${activitySeconds.toFixed(1)} s (and as many activity_hosts rows; indexes ${activityIndexes}${activityIndexes === 'drop' ? ` + ${activityIndexSeconds.toFixed(1)} s` : ''})`,
      );
      console.log(`  org_activity_months          ${activityMonthSeconds.toFixed(1)} s`);
    }
    console.log(`  analyze                      ${analyzeSeconds.toFixed(1)} s`);
    console.log(`  total                        ${total.toFixed(1)} s`);
  } finally {
    await target.close();
    clearTimeout(timer);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
