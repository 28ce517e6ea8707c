// Times what GET /api/v1/dashboard does (the service call getDashboard, and its parts) on a
// synthetic province made by bench/generate-province.ts, for a district, a city and the root.
// Prints median / p95 milliseconds over --runs runs (default 7, after one warm-up).
//
//   npx tsx bench/dashboard.ts --pglite .tmp/province-pglite
//   npx tsx bench/dashboard.ts --postgres-dir /tmp/gongjian-province-pg
//   DATABASE_URL=postgres://... npx tsx bench/dashboard.ts
//
// With --activities, the generator fills org_activity_months (what the activity chart reads); without
// it the chart and the theme-day heatmap (60 branches × 6 months) run over no activities.
import type { Config } from '../server/config';
import type { Ctx } from '../server/context';
import { fieldCrypto } from '../server/crypto';
import * as q from '../server/modules/dashboard/queries';
import { evaluateMany } from '../server/modules/compliance/service';
import { getDashboard, HEATMAP_BRANCHES, lastMonths, TERMS_PLAN, termFigures } from '../server/modules/dashboard/service';
import { deadline, ms, openTarget, parseArgs, timeRuns, type Stats, type Target } from './common';

const TODAY = '2025-06-30';

interface OrgRef {
  id: string;
  path: string;
  name: string;
}

async function pick(target: Target): Promise<Record<'district' | 'city' | 'root', OrgRef>> {
  const one = async (where: string, params: unknown[]): Promise<OrgRef> => {
    const [row] = await target.query<OrgRef>(`select id, path::text as path, name from orgs where ${where} order by name limit 1`, params);
    if (!row) throw new Error('no province here: run bench/generate-province.ts first');
    return row;
  };
  const root = await one('parent_id is null', []);
  const city = await one('parent_id = $1', [root.id]);
  const district = await one('parent_id = $1', [city.id]);
  return { district, city, root };
}

async function main(): Promise<void> {
  const args = parseArgs();
  const runs = Math.round(args.number('runs', 7));
  const timer = deadline(args.number('max-minutes', 20), 'dashboard');
  const target = await openTarget(args);
  try {
    const ctx: Ctx = {
      db: target.database.db,
      actor: { userId: '', memberId: null, grants: [{ role: 'admin', orgPath: null }] },
      requestId: 'bench',
      today: TODAY,
      lang: 'zh',
      crypto: fieldCrypto('bench-secret-key-that-is-long-enough-0123456789'),
      config: {} as Config,
    };
    const orgs = await pick(target);
    const levels = ['district', 'city', 'root'] as const;
    const rows: [string, Record<string, Stats | string>][] = [];
    const sizes: Record<string, string> = {};
    for (const level of levels) {
      const d = await getDashboard(ctx, orgs[level].id);
      sizes[level] = `${d.orgs.total.toLocaleString('en')} orgs, ${d.members.total.toLocaleString('en')} members, ${d.themeDays.branches.toLocaleString('en')} branches, ${d.terms.total} terms`;
    }
    const measure = async (label: string, fn: (o: OrgRef) => Promise<unknown>) => {
      const row: Record<string, Stats> = {};
      for (const level of levels) row[level] = await timeRuns(runs, () => fn(orgs[level]));
      rows.push([label, row]);
    };
    await measure('whole dashboard (getDashboard)', (o) => getDashboard(ctx, o.id));
    await measure('member facets (org_member_facets)', (o) => q.facetsOf(ctx.db, o.id));
    await measure('orgs by type and sector (org_kind_counts)', (o) => q.orgsByTypeAndSector(ctx.db, o.id));
    await measure('activities per month (org_activity_months)', (o) => q.activitiesByMonth(ctx.db, o.id, '2024-07', '2025-06'));
    await measure('theme-day heatmap (60 branches × 6 months)', async (o) => {
      const list = await q.branchesOf(ctx.db, o.path, HEATMAP_BRANCHES);
      for (const month of lastMonths(TODAY, 6)) await evaluateMany(ctx.db, list, month, TODAY);
    });
    await measure('first 60 branches', (o) => q.branchesOf(ctx.db, o.path, 60));
    const organizations = async (o: OrgRef) => (await q.orgsByTypeAndSector(ctx.db, o.id)).reduce((s, r) => s + r.n, 0);
    await measure('terms read from the subtree (termsEnding)', async (o) => termFigures(ctx.db, o, await organizations(o), TODAY, { ...TERMS_PLAN, countsFrom: Infinity }));
    await measure('terms from org_term_counts and an election-day range', async (o) => termFigures(ctx.db, o, await organizations(o), TODAY, { ...TERMS_PLAN, countsFrom: 0 }));

    console.log(`\n${target.label}: dashboard, median / p95 ms over ${runs} runs`);
    for (const level of levels) console.log(`  ${level}: ${orgs[level].name} (${sizes[level]})`);
    const head = `| ms, median / p95 | ${levels.join(' | ')} |`;
    console.log(head);
    console.log(`|${head.split('|').slice(1, -1).map(() => '---').join('|')}|`);
    for (const [label, row] of rows) {
      console.log(`| ${label} | ${levels.map((l) => { const s = row[l] as Stats; return `${ms(s.median)} / ${ms(s.p95)}`; }).join(' | ')} |`);
    }
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
