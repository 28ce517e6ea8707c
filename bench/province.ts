// Measures the organization tree and member roster queries on a synthetic province made by
// bench/generate-province.ts, and prints a table of median / p95 milliseconds over --runs runs
// (default 7, after one warm-up run).
//
//   npx tsx bench/province.ts --pglite .tmp/province-pglite --runs 7
//   npx tsx bench/province.ts --postgres-dir /tmp/gongjian-province-pg
//   DATABASE_URL=postgres://... npx tsx bench/province.ts
//
// For a district, a city and the root:
//   - member list, first page: members of the subtree ORDER BY name, id LIMIT 50
//   - subtree member count: live count(*) with org_path <@ path, and the maintained org_counts row
//   - organization detail: the row, counts, committee with members, rule pack overrides of the
//     ancestors, and the rule findings computed by domain/rules
// and the "health while a root count runs" test: a `select 1` started from a setInterval every
// 50 ms while live root counts run back to back (yielding to the event loop between two counts,
// as a server does between requests). On PGlite the query runs on the event loop's thread, so
// this shows how long the server stops answering: the largest event-loop lag, and how long after
// it was due each `select 1` was answered.
import type { OrgType, Sector, CommitteeRole } from '../domain/enums';
import { DEFAULT_RULE_PACK, effectivePack, type RulePackOverride } from '../domain/rules/pack';
import { orgFindings } from '../domain/rules/orgFindings';
import { deadline, ms, openTarget, parseArgs, stats, timeRuns, type Stats, type Target } from './common';

const TODAY = '2025-06-30';

interface OrgRef {
  id: string;
  path: string;
  name: string;
}

async function pickOrgs(
  target: Target,
): Promise<{ district: OrgRef; city: OrgRef; root: OrgRef; branch: OrgRef }> {
  const one = async (text: string, params: unknown[]): Promise<OrgRef> => {
    const rows = await target.query<OrgRef>(text, params);
    if (!rows[0]) throw new Error('no province here: run bench/generate-province.ts first');
    return rows[0];
  };
  const cols = 'id, path::text as path, name';
  const root = await one(`select ${cols} from orgs where parent_id is null order by name limit 1`, []);
  const city = await one(`select ${cols} from orgs where parent_id = $1 order by name limit 1`, [root.id]);
  const district = await one(`select ${cols} from orgs where parent_id = $1 order by name limit 1`, [
    city.id,
  ]);
  const branch = await one(
    `select ${cols} from orgs where path <@ $1::ltree and type = 'branch' order by name limit 1`,
    [district.path],
  );
  return { district, city, root, branch };
}

const memberPage = (target: Target, org: OrgRef): Promise<unknown[]> =>
  target.query(
    `select id, name, gender, birth_date, status, category, org_id, joined_on, full_on, id_number_masked, phone_masked
     from members where org_path <@ $1::ltree order by name, id limit 50`,
    [org.path],
  );

const liveCount = async (target: Target, org: OrgRef): Promise<number> => {
  const [row] = await target.query<{ n: number }>(
    'select count(*)::int as n from members where org_path <@ $1::ltree',
    [org.path],
  );
  return row?.n ?? 0;
};

const maintainedCount = async (target: Target, org: OrgRef): Promise<number> => {
  const [row] = await target.query<{ n: number }>('select members as n from org_counts where org_id = $1', [
    org.id,
  ]);
  return row?.n ?? 0;
};

/** What GET /api/v1/orgs/<id> needs: the row, counts, committee, inherited rule pack, findings. */
async function orgDetail(target: Target, org: OrgRef): Promise<number> {
  const [row] = await target.query<{
    id: string;
    type: OrgType;
    sector: Sector | null;
    path: string;
    term_elected_on: string | null;
    dissolved_on: string | null;
    covered_units: string[];
    members: number;
    full_members: number;
    direct_members: number;
    direct_full_members: number;
    children: number;
  }>(
    `select o.id, o.type, o.sector, o.path::text as path, o.term_elected_on::text as term_elected_on,
            o.dissolved_on::text as dissolved_on, o.covered_units, o.name, o.short_name, o.host_unit, o.founded_on::text,
            c.members, c.full_members, c.direct_members, c.direct_full_members,
            (select count(*)::int from orgs k where k.parent_id = o.id) as children
     from orgs o join org_counts c on c.org_id = o.id where o.id = $1`,
    [org.id],
  );
  if (!row) throw new Error(`organization ${org.id} is missing`);
  const committee = await target.query<{ role: CommitteeRole; full_on: string | null; name: string }>(
    `select r.role, m.full_on::text as full_on, m.name, r.started_on::text as started_on
     from committee_roles r join members m on m.id = r.member_id
     where r.org_id = $1 and r.ended_on is null`,
    [org.id],
  );
  const overrides = await target.query<{ rule_pack_override: RulePackOverride | null }>(
    'select rule_pack_override from orgs where path @> $1::ltree order by nlevel(path)',
    [row.path],
  );
  const pack = effectivePack(
    overrides.map((o) => o.rule_pack_override),
    DEFAULT_RULE_PACK,
  );
  const branch = row.type === 'branch' || row.type === 'joint_branch';
  const findings = orgFindings(
    {
      type: row.type,
      sector: row.sector,
      members: branch ? row.direct_members : row.members,
      fullMembers: branch ? row.direct_full_members : row.full_members,
      coveredUnits: row.covered_units.length,
      committee: committee.map((c) => ({ role: c.role, fullOn: c.full_on })),
      termElectedOn: row.term_elected_on,
      dissolved: row.dissolved_on !== null,
    },
    pack,
    TODAY,
  );
  return findings.length;
}

interface HealthResult {
  countMs: number;
  ticks: number;
  maxLagMs: number;
  select1: Stats;
}

/**
 * Every 50 ms: note how late the timer fired (event-loop lag) and time a `select 1` (on PGlite the
 * same in-process database, on PostgreSQL another pooled connection), while root counts run.
 */
async function healthDuringRootCount(target: Target, root: OrgRef, counts: number): Promise<HealthResult> {
  const select1: number[] = [];
  const pending: Promise<void>[] = [];
  let maxLag = 0;
  let ticks = 0;
  let expected = performance.now() + 50;
  const interval = setInterval(() => {
    const now = performance.now();
    const due = expected;
    maxLag = Math.max(maxLag, now - due);
    expected = now + 50;
    ticks++;
    pending.push(
      target.query('select 1').then(() => {
        select1.push(performance.now() - due); // from when it should have started: lag + query
      }),
    );
  }, 50);
  const started = performance.now();
  let done = 0;
  // at least `counts` counts and at least 2 s, so small provinces still see some ticks
  let busy = 0;
  while (done < counts || performance.now() - started < 2000) {
    const t = performance.now();
    await liveCount(target, root);
    busy += performance.now() - t;
    done++;
    // as between two requests of a server: let timers and I/O run
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const countMs = busy / done;
  clearInterval(interval);
  maxLag = Math.max(maxLag, performance.now() - expected);
  await Promise.all(pending);
  return { countMs, ticks, maxLagMs: maxLag, select1: stats(select1) };
}

async function main(): Promise<void> {
  const args = parseArgs();
  const runs = Math.round(args.number('runs', 7));
  const rootRuns = Math.round(args.number('root-runs', Math.min(runs, 5)));
  const timer = deadline(args.number('max-minutes', 30), 'province');
  const target = await openTarget(args);
  try {
    const orgs = await pickOrgs(target);
    const [sizes] = await target.query<{ orgs: number; members: number }>(
      'select (select count(*)::int from orgs) as orgs, (select members from org_counts where org_id = $1) as members',
      [orgs.root.id],
    );
    console.log(
      `${target.label}: ${sizes?.orgs.toLocaleString('en')} organizations, ${sizes?.members.toLocaleString('en')} members; ${runs} runs (root live count: ${rootRuns})`,
    );

    const levels = [
      ['district', orgs.district],
      ['city', orgs.city],
      ['root', orgs.root],
    ] as const;
    const rows: [string, ...string[]][] = [];
    const subtree: string[] = [];
    for (const [, org] of levels) subtree.push((await maintainedCount(target, org)).toLocaleString('en'));
    rows.push(['members in subtree', ...subtree]);

    const measure = async (
      label: string,
      fn: (org: OrgRef) => Promise<unknown>,
      rootN = runs,
    ): Promise<void> => {
      const cells: string[] = [];
      for (const [level, org] of levels) {
        const s = await timeRuns(level === 'root' ? rootN : runs, () => fn(org));
        cells.push(`${ms(s.median)} / ${ms(s.p95)}`);
      }
      rows.push([label, ...cells]);
    };
    await measure('member list, first page of 50', (org) => memberPage(target, org));
    await measure('subtree count, live count(*)', (org) => liveCount(target, org), rootRuns);
    await measure('subtree count, org_counts', (org) => maintainedCount(target, org));
    await measure('organization detail + findings', (org) => orgDetail(target, org));
    const branchDetail = await timeRuns(runs, () => orgDetail(target, orgs.branch));

    const header = ['ms, median / p95', 'district', 'city', 'root'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: readonly string[]): string =>
      `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    console.log('');
    console.log(line(header));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const row of rows) console.log(line(row));
    console.log(
      `\norganization detail + findings of a branch: ${ms(branchDetail.median)} / ${ms(branchDetail.p95)} ms`,
    );

    const idle = await timeRuns(runs * 3, () => target.query('select 1'));
    const health = await healthDuringRootCount(target, orgs.root, Math.max(2, Math.min(rootRuns, 3)));
    console.log(`\nselect 1 while idle: ${ms(idle.median)} / ${ms(idle.p95)} ms`);
    console.log(
      `select 1 every 50 ms during live root counts (${ms(health.countMs)} ms each): ${health.ticks} ticks, ` +
        `answered after median ${ms(health.select1.median)} / p95 ${ms(health.select1.p95)} / max ${ms(health.select1.max)} ms, ` +
        `largest event-loop lag ${ms(health.maxLagMs)} ms`,
    );
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
