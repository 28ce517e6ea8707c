// Times the secretary-project views (issue 10) on a group with 200 campaigns' worth of history: 20 committees with
// 10 branches each, a campaign per committee and year for 10 years (200 campaigns), a project per branch and campaign
// (2,000 projects), 50 weekly reports each (100,000, with an indicator value each), 10 tasks each (20,000), milestones,
// obstacles and visits. Generated with SQL (generate_series) on first use. Prints median / p95 ms over --runs runs
// (default 7, after one warm-up) of the organizer's board, the day view and the monthly bulletin. Service calls, no HTTP.
//
//   npx tsx bench/projects.ts --pglite .tmp/projects-pglite
//   npx tsx bench/projects.ts --postgres-dir /tmp/gongjian-projects-pg
import type { Config } from '../server/config';
import type { Ctx } from '../server/context';
import { fieldCrypto } from '../server/crypto';
import { bulletinDocx } from '../server/modules/projects/documents';
import { board, dayView } from '../server/modules/projects/rollup';
import { deadline, ms, openTarget, parseArgs, reportResult, timeRuns } from './common';

const TODAY = '2026-06-30';

const GENERATE = [
  `insert into orgs (id, path, name, type) select 'bpg' || g, ('bpg' || g)::ltree, '基准集团' || g || '党委', 'committee' from generate_series(1, 20) g`,
  `insert into orgs (id, path, name, type, parent_id) select 'bpg' || g || 'b' || b, ('bpg' || g || '.bpg' || g || 'b' || b)::ltree, '基准集团' || g || '第' || b || '党支部', 'branch', 'bpg' || g
     from generate_series(1, 20) g, generate_series(1, 10) b`,
  `insert into project_campaigns (id, organizer_org_id, organizer_path, year, title, application_deadline, eligible_org_ids, criteria)
     select 'bpc' || g || 'y' || y, 'bpg' || g, ('bpg' || g)::ltree, y, y || '年度书记项目', (y || '-03-31')::date, jsonb_build_array('bpg' || g), '[{"id":"c1","name":"目标","weight":100,"max":100}]'::jsonb
     from generate_series(1, 20) g, generate_series(2017, 2026) y`,
  `insert into secretary_projects (id, campaign_id, org_id, org_path, title, problem, goals, measures, expected_outcomes, business_area, state, start_on, end_on, percent_complete, launched_on, approved_on, notice_no)
     select 'bpp' || g || 'y' || y || 'b' || b, 'bpc' || g || 'y' || y, 'bpg' || g || 'b' || b, ('bpg' || g || '.bpg' || g || 'b' || b)::ltree, '项目' || b, '难题', '目标', '措施', '成效', 'production_operations',
            case when y < 2026 then 'evaluated' else 'in_progress' end, (y || '-01-05')::date, (y || '-12-31')::date, 50, (y || '-01-05')::date, (y || '-01-04')::date, '文号'
     from generate_series(1, 20) g, generate_series(2017, 2026) y, generate_series(1, 10) b`,
  `insert into project_indicators (id, project_id, position, name, unit, baseline, target, direction) select id || 'i', id, 0, '指标', '%', 50, 90, 'up' from secretary_projects where id like 'bpp%'`,
  `insert into project_reports (id, project_id, week, week_start, done, percent_complete, next_plan, filed_on)
     select p.id || 'w' || w, p.id, to_char(p.start_on + (w - 1) * 7, 'IYYY-"W"IW'), date_trunc('week', p.start_on + (w - 1) * 7)::date, '本周完成', least(100, w * 2), '下周计划', p.start_on + (w - 1) * 7 + 4
     from secretary_projects p, generate_series(1, 50) w where p.id like 'bpp%'`,
  `insert into project_indicator_values (report_id, indicator_id, value) select r.id, r.project_id || 'i', 50 + r.percent_complete * 0.4 from project_reports r where r.id like 'bpp%'`,
  `insert into project_milestones (id, project_id, title, due_on, done_on) select p.id || 'm' || m, p.id, '节点' || m, p.start_on + m * 80, case when p.start_on + m * 80 < '${TODAY}' then p.start_on + m * 80 end
     from secretary_projects p, generate_series(1, 4) m where p.id like 'bpp%'`,
  `insert into project_tasks (id, project_id, title, start_on, due_on, done_on) select p.id || 't' || t, p.id, '任务' || t, p.start_on + t * 30, p.start_on + t * 30 + 7, case when t % 3 = 0 then null else p.start_on + t * 30 + 5 end
     from secretary_projects p, generate_series(1, 10) t where p.id like 'bpp%'`,
  `insert into project_obstacles (id, project_id, description, raised_on, cleared_on) select p.id || 'o' || o, p.id, '堵点' || o, p.start_on + o * 60, case when o < 2 then p.start_on + o * 60 + 10 end
     from secretary_projects p, generate_series(1, 2) o where p.id like 'bpp%'`,
  `insert into project_supervisions (id, project_id, visited_on, place, findings) select p.id || 's' || s, p.id, p.start_on + s * 60, '现场', '情况良好'
     from secretary_projects p, generate_series(1, 4) s where p.id like 'bpp%'`,
];

async function main(): Promise<void> {
  const args = parseArgs();
  const runs = Math.round(args.number('runs', 7));
  const timer = deadline(args.number('max-minutes', 20), 'projects benchmark');
  const target = await openTarget(args);
  try {
    const [have] = await target.query<{ n: number }>(`select count(*)::int as n from secretary_projects where id like 'bpp%'`);
    if (!have?.n) {
      const started = Date.now();
      for (const statement of GENERATE) await target.query(statement);
      console.log(`generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const counts = await target.query<{ projects: number; reports: number; tasks: number }>(
      `select (select count(*)::int from secretary_projects) as projects, (select count(*)::int from project_reports) as reports, (select count(*)::int from project_tasks) as tasks`,
    );
    console.log(counts[0]);
    const ctx: Ctx = {
      db: target.database.db,
      actor: { userId: 'bench', memberId: null, grants: [{ role: 'org_admin', orgPath: 'bpg1' }] },
      requestId: 'bench',
      today: TODAY,
      lang: 'zh',
      crypto: fieldCrypto('bench-secret-key-that-is-long-enough-0123456789'),
      config: {} as Config,
    };
    const cases: [string, () => Promise<unknown>][] = [
      ["organizer's board, current campaign (10 projects)", () => board(ctx, 'bpc1y2026', {})],
      ["organizer's board, at-risk filter", () => board(ctx, 'bpc1y2026', { health: 'at_risk' })],
      ['day view, current campaign', () => dayView(ctx, 'bpc1y2026', TODAY)],
      ['monthly bulletin .docx, 2026-05', () => bulletinDocx(ctx, 'bpc1y2026', '2026-05')],
    ];
    console.log(`\n${target.label}: secretary projects, median / p95 ms over ${runs} runs`);
    console.log('| ms | median / p95 |');
    console.log('|---|---|');
    for (const [label, fn] of cases) {
      const s = await timeRuns(runs, fn);
      console.log(`| ${label} | ${ms(s.median)} / ${ms(s.p95)} |`);
      if (label.startsWith("organizer's board, current")) reportResult({ figure: `project board (${target.label})`, target: '< 200 ms', measured: `${ms(s.median)} ms median`, ok: s.median < 200 });
    }
  } finally {
    await target.close();
    clearTimeout(timer);
  }
}

await main();
