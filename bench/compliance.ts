// Times compliance (issue 3) on a synthetic province with activities, made by
//   npx tsx bench/generate-province.ts --pglite .tmp/province-pglite --scale 0.1 --activities 10
// then
//   npx tsx bench/compliance.ts --pglite .tmp/province-pglite
//   npx tsx bench/compliance.ts --postgres-dir /tmp/gongjian-province-pg
//   DATABASE_URL=postgres://... npx tsx bench/compliance.ts
// With --maintain, the maintained compliance results (compliance_results) of the generator's
// current and previous years are built first (as the scheduler does: ensureYears, then runJobs),
// timed, and the calls then read them; without it (and before any build) they evaluate live.
// --maintain-periods 2025-Q1,2025-01,... builds the rows of those periods only, for every
// organization, with the build's own evaluation and writer (liveRows, upsertResults), then marks
// their years built so the readers read them: a scale-1 province's full build (about 63 million
// rows) takes hours, these periods a few minutes. It then checks a sample of organizations against
// a fresh live evaluation and every subtree count against the rows (countsDifference), and stops
// on a difference. Only those periods may then be measured (--period, and the dashboard's months).
//
// Measures, for one quarter (--period, default 2025-Q1, the last full quarter before the
// generator's today 2025-06-30), with a system Ctx (admin over everything):
//   - orgCompliance of one branch;
//   - subtreeRollup of a district, a city and the root;
//   - the dashboard service (getDashboard) of the root, and its activities-per-month query.
// Each measurement runs in a child process (the same script with --child): one warm-up call, then
// up to --runs calls (default 5) while the measurement has used less than --max-seconds (default
// 120). A single call that takes longer than --max-seconds is stopped by killing the child (by its
// PID), and reported as "gave up after N s": a rollup is mostly synchronous JavaScript, which no
// timer in its own process can interrupt. Each call also reports the largest event-loop stall in
// the child (how late a 10 ms setInterval fired): on PGlite a query holds the event loop too.
import { fork, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import type { Config } from '../server/config';
import type { Ctx } from '../server/context';
import { fieldCrypto } from '../server/crypto';
import { openDatabase, queryRows, type Db } from '../server/db/client';
import { complianceJobs } from '../server/db/schema/compliance';
import { newId } from '../server/ids';
import { parsePeriod } from '../domain/periods';
import * as cq from '../server/modules/compliance/queries';
import { ensureYears, liveRows, runJobs } from '../server/modules/compliance/results';
import { orgCompliance, subtreeRollup } from '../server/modules/compliance/service';
import * as q from '../server/modules/dashboard/queries';
import { getDashboard, HEATMAP_BRANCHES, lastMonths } from '../server/modules/dashboard/service';
import { deadline, ms, openTarget, parseArgs, stats, type Target } from './common';

const TODAY = '2025-06-30';
const TICK_MS = 10;
const APPLICATION_NAME = 'gongjian-bench-compliance';

type Kind = 'org' | 'rollup' | 'rollupFirst' | 'dashboard' | 'activitiesByMonth';

interface Job {
  kind: Kind;
  orgId: string;
  path: string;
  period: string;
  runs: number;
  budgetMs: number;
  connection: Target['connection'];
}

type FromChild =
  | { t: 'hb' }
  | { t: 'start'; warmup: boolean }
  | { t: 'sample'; warmup: boolean; ms: number; lag: number; info: string }
  | { t: 'done' }
  | { t: 'error'; message: string };

// ---------------------------------------------------------------- child: runs one measurement

async function runChild(job: Job): Promise<void> {
  const send = (m: FromChild): void => {
    process.send?.(m);
  };
  const url = 'url' in job.connection ? job.connection.url : null;
  const database = await openDatabase({
    url: url ? `${url}${url.includes('?') ? '&' : '?'}application_name=${APPLICATION_NAME}` : null,
    dataDir: 'pglite' in job.connection ? job.connection.pglite : null,
    engine: 'pglite',
  });
  database.pool?.on('error', () => {});
  const ctx: Ctx = {
    db: database.db,
    actor: { userId: '', memberId: null, grants: [{ role: 'admin', orgPath: null }] },
    requestId: 'bench',
    today: TODAY,
    lang: 'zh',
    crypto: fieldCrypto('bench-secret-key-that-is-long-enough-0123456789'),
    config: {} as Config,
  };
  const call = async (): Promise<string> => {
    switch (job.kind) {
      case 'org': {
        const r = await orgCompliance(ctx, job.orgId, job.period);
        return r.items.map((i) => `${i.id}:${i.status}`).join(' ');
      }
      case 'rollup': {
        const r = await subtreeRollup(ctx, job.orgId, job.period);
        return `${r.organizations.toLocaleString('en')} organizations evaluated`;
      }
      case 'rollupFirst': {
        // as the roll-up page asks: the first 20 lagging organizations of each requirement
        const r = await subtreeRollup(ctx, job.orgId, job.period, 20);
        return `${r.organizations.toLocaleString('en')} organizations evaluated, ${r.items.reduce((n, i) => n + i.laggingTotal, 0).toLocaleString('en')} lagging`;
      }
      case 'dashboard': {
        const d = await getDashboard(ctx, job.orgId);
        const held = d.activities.series.reduce((sum, s) => sum + s.counts.reduce((a, b) => a + b, 0), 0);
        return `${held.toLocaleString('en')} activities in the chart`;
      }
      case 'activitiesByMonth': {
        const rows = await q.activitiesByMonth(ctx.db, job.path, '2024-07-01', TODAY);
        return `${rows.length} month × type rows`;
      }
    }
  };
  let lag = 0;
  let due = performance.now() + TICK_MS;
  const ticker = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - due);
    due = now + TICK_MS;
    send({ t: 'hb' });
  }, TICK_MS);
  try {
    const started = performance.now();
    for (let i = 0; i <= job.runs; i++) {
      const warmup = i === 0;
      await new Promise((r) => setTimeout(r, TICK_MS * 3)); // settle the ticker
      lag = 0;
      send({ t: 'start', warmup });
      const t = performance.now();
      const info = await call();
      const elapsed = performance.now() - t;
      await new Promise((r) => setTimeout(r, TICK_MS * 2)); // let a late tick count its stall
      send({ t: 'sample', warmup, ms: elapsed, lag, info });
      if (performance.now() - started > job.budgetMs) break;
    }
  } finally {
    clearInterval(ticker);
    await database.close();
  }
}

// ---------------------------------------------------------------- parent: picks, spawns, bounds

interface Outcome {
  label: string;
  size: string;
  first: string;
  result: string;
  stall: string;
  info: string;
}

/** Runs one measurement in a child process; a call over maxSeconds kills the child. */
function measure(job: Job, maxSeconds: number, onKill: () => Promise<void>): Promise<Omit<Outcome, 'label' | 'size'>> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(process.argv[1]!, ['--child', JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const samples: number[] = [];
    let warmupMs = NaN;
    let stall = 0; // over the measured calls; the warm-up's alone if it was the only call
    let warmupStall = 0;
    let info = '';
    let lastBeat = performance.now();
    let callStarted = 0;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (o: Omit<Outcome, 'label' | 'size'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const stallOf = (): string => ms(samples.length ? stall : warmupStall);
    const summary = (): string => {
      const s = stats(samples.length ? samples : [warmupMs]);
      return samples.length ? `${ms(s.median)} / ${ms(s.p95)} (${s.runs} runs)` : `${ms(warmupMs)} (1 run)`;
    };
    child.on('message', (m: FromChild) => {
      if (m.t === 'hb') lastBeat = performance.now();
      else if (m.t === 'start') {
        callStarted = performance.now();
        lastBeat = callStarted;
        timer = setTimeout(() => {
          const now = performance.now();
          child.kill('SIGKILL'); // by this child's PID
          void onKill().finally(() =>
            finish({
              result: `gave up after ${maxSeconds} s${samples.length || Number.isFinite(warmupMs) ? ` (earlier calls: ${summary()})` : ''}`,
              first: ms(warmupMs),
              stall: `≥ ${ms(now - lastBeat)} (no tick since)`,
              info,
            }),
          );
        }, maxSeconds * 1000);
      } else if (m.t === 'sample') {
        clearTimeout(timer);
        info = m.info;
        if (m.warmup) {
          warmupMs = m.ms;
          warmupStall = m.lag;
        } else {
          samples.push(m.ms);
          stall = Math.max(stall, m.lag);
        }
      } else if (m.t === 'done') {
        finish({ first: ms(warmupMs), result: summary(), stall: stallOf(), info });
      } else if (m.t === 'error') {
        finish({ first: ms(warmupMs), result: `error: ${m.message}`, stall: stallOf(), info });
      }
    });
    child.on('exit', (code) => {
      if (!settled && code !== 0) setTimeout(() => finish({ first: ms(warmupMs), result: `child exited with ${code}`, stall: stallOf(), info }), 100);
      else if (!settled) finish({ first: ms(warmupMs), result: summary(), stall: stallOf(), info });
    });
  });
}

interface OrgRef {
  id: string;
  path: string;
  name: string;
}

async function parent(): Promise<void> {
  const args = parseArgs();
  const runs = Math.round(args.number('runs', 5));
  const maxSeconds = args.number('max-seconds', 120);
  const period = args.get('period') ?? '2025-Q1';
  const timer = deadline(args.number('max-minutes', 30), 'compliance');
  const target = await openTarget(args);
  const pglite = 'pglite' in target.connection;
  let open = true;
  try {
    const one = async (where: string, params: unknown[]): Promise<OrgRef> => {
      const [row] = await target.query<OrgRef>(`select id, path::text as path, name from orgs where ${where} order by name limit 1`, params);
      if (!row) throw new Error('no province here: run bench/generate-province.ts first');
      return row;
    };
    const root = await one('parent_id is null', []);
    const city = await one('parent_id = $1', [root.id]);
    const district = await one('parent_id = $1', [city.id]);
    const branch = await one(`path <@ $1::ltree and type in ('branch', 'joint_branch')`, [district.path]);
    const year = period.slice(0, 4);
    const sizeOf = async (o: OrgRef): Promise<string> => {
      const [r] = await target.query<{ orgs: number; hosts: number }>(
        `select (select count(*)::int from orgs where path <@ $1::ltree) as orgs,
                (select count(*)::int from activity_hosts where org_path <@ $1::ltree and held_on between $2::date and $3::date) as hosts`,
        [o.path, `${year}-01-01`, `${year}-12-31`],
      );
      return `${r!.orgs.toLocaleString('en')} orgs, ${r!.hosts.toLocaleString('en')} activities in ${year}`;
    };
    const sizes = new Map<OrgRef, string>();
    for (const o of [branch, district, city, root]) sizes.set(o, await sizeOf(o));
    const [all] = await target.query<{ n: number }>('select count(*)::int as n from activities');
    if (!all?.n) console.warn('warning: no activities: generate the province with --activities 10');
    if (pglite) {
      await target.close(); // the children open the directory themselves
      open = false;
    }
    const onlyPeriods = args.get('maintain-periods');
    if (onlyPeriods !== undefined) {
      const url = 'url' in target.connection ? target.connection.url : null;
      const database = await openDatabase({ url, dataDir: 'pglite' in target.connection ? target.connection.pglite : null, engine: pglite ? 'pglite' : undefined });
      try {
        const sample = Math.round(args.number('sample', 2000));
        await buildPeriods(database.db, onlyPeriods.split(','), null, sample);
        // the dashboards' theme-day heatmaps read the last 6 months of their first 60 branches only
        const heatmaps = new Set<string>();
        for (const o of [district, city, root]) (await q.branchesOf(database.db, o.path, HEATMAP_BRANCHES)).forEach((b) => heatmaps.add(b.id));
        await buildPeriods(database.db, lastMonths(TODAY, 6), [...heatmaps], sample);
      } finally {
        await database.close();
      }
    }
    if (args.get('maintain') !== undefined) {
      const url = 'url' in target.connection ? target.connection.url : null;
      const database = await openDatabase({ url, dataDir: 'pglite' in target.connection ? target.connection.pglite : null, engine: pglite ? 'pglite' : undefined });
      try {
        const t = performance.now();
        await ensureYears(database.db, TODAY);
        let batches = 0;
        for (;;) {
          const r = await runJobs(database.db, TODAY, { budgetMs: 10_000, batch: 500 });
          batches += r.batches;
          if (r.open === 0) break;
        }
        const [rows] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from compliance_results`);
        console.log(`maintained results built in ${ms(performance.now() - t)} ms (${batches} transactions): ${rows!.n.toLocaleString('en')} rows`);
      } finally {
        await database.close();
      }
    }
    const onKill = async (): Promise<void> => {
      if (pglite) return;
      // the child's query (if any) is still running in the server
      await target.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [APPLICATION_NAME]);
    };
    const plan: [string, Kind, OrgRef][] = [
      [`orgCompliance, one branch, ${period}`, 'org', branch],
      [`subtreeRollup, district, ${period}`, 'rollup', district],
      // --no-whole: not the whole lists of the city and the root (at scale 1 the root's is about 1.7 million entries)
      ...(args.has('no-whole') ? [] : ([
        [`subtreeRollup, city, ${period}`, 'rollup', city],
        [`subtreeRollup, root, ${period}`, 'rollup', root],
      ] as [string, Kind, OrgRef][])),
      [`subtreeRollup, district, first 20 lagging, ${period}`, 'rollupFirst', district],
      [`subtreeRollup, city, first 20 lagging, ${period}`, 'rollupFirst', city],
      [`subtreeRollup, root, first 20 lagging, ${period}`, 'rollupFirst', root],
      ['activities per month, root (12 months)', 'activitiesByMonth', root],
      ['getDashboard, root', 'dashboard', root],
    ];
    console.log(`${target.label}: compliance for ${period} (today ${TODAY}), up to ${runs} runs after a warm-up, ${maxSeconds} s per call at most`);
    const outcomes: Outcome[] = [];
    let rollupGaveUp = false;
    for (const [label, kind, org] of plan) {
      const size = sizes.get(org)!;
      if (kind === 'rollup' && rollupGaveUp) {
        outcomes.push({ label, size, first: '-', result: 'not tried (a smaller rollup gave up)', stall: '-', info: '' });
        continue;
      }
      process.stdout.write(`  ${label} (${org.name}: ${size}) ... `);
      const o = await measure(
        { kind, orgId: org.id, path: org.path, period, runs, budgetMs: maxSeconds * 1000, connection: target.connection },
        maxSeconds,
        onKill,
      );
      if (kind === 'rollup' && o.result.startsWith('gave up')) rollupGaveUp = true;
      console.log(`first call ${o.first}, then ${o.result}; largest event-loop stall ${o.stall} ms${o.info ? `; ${o.info}` : ''}`);
      outcomes.push({ label, size, ...o });
    }
    console.log(`\n${target.label}: ms; stall = largest event-loop lag in the process making the call (after the first call)`);
    console.log('| call | subtree | first call | median / p95 | event-loop stall |');
    console.log('|---|---|---|---|---|');
    for (const o of outcomes) console.log(`| ${o.label} | ${o.size} | ${o.first} | ${o.result} | ${o.stall} |`);
  } finally {
    if (open) await target.close();
    clearTimeout(timer);
  }
}

/** The rows of these periods only, for every organization, as the build writes them; then checked. */
async function buildPeriods(db: Db, labels: string[], only: string[] | null, sample: number): Promise<void> {
  const periods = labels.map(parsePeriod);
  const t = performance.now();
  let cursor = '';
  let orgsDone = 0;
  let rows = 0;
  for (let at = 0; ; at += 500) {
    const ids = only ? only.slice(at, at + 500) : await cq.orgIdsAfter(db, cursor, 500);
    if (ids.length === 0) break;
    cursor = ids.at(-1)!;
    await db.transaction(async (txDb) => {
      const tx = txDb as unknown as Db;
      const fresh = await liveRows(tx, await cq.orgsById(tx, ids), periods, TODAY);
      await cq.upsertResults(tx, fresh);
      rows += fresh.length;
    });
    orgsDone += ids.length;
    if (orgsDone % 20_000 === 0) process.stdout.write(`  built ${orgsDone.toLocaleString('en')} organizations, ${rows.toLocaleString('en')} rows, ${ms(performance.now() - t)} ms\n`);
  }
  // the readers read a year's rows once its build job has finished: the years of these periods
  const built = await cq.maintainedYears(db);
  for (const year of [...new Set(periods.map((p) => p.year))].filter((y) => !built.includes(y))) {
    await db.insert(complianceJobs).values({ id: newId(), kind: 'year', year, orgId: null, total: orgsDone, done: orgsDone, cursor, finishedAt: new Date() });
  }
  console.log(`rows of ${labels.join(', ')} built in ${ms(performance.now() - t)} ms: ${rows.toLocaleString('en')} rows of ${orgsDone.toLocaleString('en')} organizations`);
  const c = performance.now();
  const picked = only
    ? only.map((id) => ({ id }))
    : await queryRows<{ id: string }>(db, sql`select id from orgs order by random() limit ${sample}`);
  const list = await cq.orgsById(db, picked.map((p) => p.id));
  const key = (r: cq.ResultRow) => `${r.orgId} ${r.period} ${r.requirementId}`;
  // jsonb gives the keys of `pending` back in its own order
  const canonical = (rows: cq.ResultRow[]) =>
    JSON.stringify(rows.sort((a, b) => key(a).localeCompare(key(b))).map((r) => ({ ...r, pending: r.pending.map((u) => [u.label, u.start, u.end]) })));
  const expected = await liveRows(db, list, periods, TODAY);
  const stored = (await cq.resultsOf(db, list.map((o) => o.id), [...new Set(periods.map((p) => p.year))])).filter((r) => labels.includes(r.period));
  if (canonical(expected) !== canonical(stored)) throw new Error(`the rows of ${sample} sampled organizations differ from a live evaluation`);
  const counts = await cq.countsDifference(db);
  if (counts) throw new Error(`a subtree count differs from the rows: ${JSON.stringify(counts)}`);
  console.log(`checked: the rows of ${list.length.toLocaleString('en')} sampled organizations (${stored.length.toLocaleString('en')} rows) equal a live evaluation; every subtree count equals the rows (${ms(performance.now() - c)} ms)`);
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  // a child reports over IPC and exits once its last message is out
  const last = (m: FromChild, code: number): void => {
    process.send?.(m, () => process.exit(code));
  };
  runChild(JSON.parse(process.argv[childAt + 1]!) as Job).then(
    () => last({ t: 'done' }, 0),
    (e: unknown) => last({ t: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }, 1),
  );
} else {
  parent().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
}
