// Times the coordinator's pairing dashboard, the matrix and the demand board (issue 4) on a zone made
// by bench/generate-zone.ts (500 pairings, 20,000 demands, 5,000 joint activities by default), as
// the coordinator's org admin and as one enterprise secretary. Prints median / p95 ms over --runs
// runs (default 7, after one warm-up). Service calls, no HTTP.
//
//   npx tsx bench/pairings.ts --pglite .tmp/zone-pglite
//   npx tsx bench/pairings.ts --postgres-dir /tmp/gongjian-zone-pg
import type { Actor } from '../domain/access';
import type { Config } from '../server/config';
import type { Ctx } from '../server/context';
import { fieldCrypto } from '../server/crypto';
import { listDemands } from '../server/modules/demands/service';
import { dashboard, matrix } from '../server/modules/pairings/health';
import { listPairings } from '../server/modules/pairings/service';
import { ZONE_CODE, deadline, ms, openTarget, parseArgs, timeRuns } from './common';


const TODAY = '2026-06-30';

async function main(): Promise<void> {
  const args = parseArgs();
  const runs = Math.round(args.number('runs', 7));
  const timer = deadline(args.number('max-minutes', 10), 'pairings benchmark');
  const target = await openTarget(args);
  try {
    const [zone] = await target.query<{ id: string; path: string }>('select id, path::text as path from orgs where code = $1', [ZONE_CODE]);
    if (!zone) throw new Error('no zone here: run bench/generate-zone.ts first');
    const [enterprise] = await target.query<{ path: string; id: string }>(
      `select o.id, o.path::text as path from pairing_parties pp join orgs o on o.id = pp.org_id where pp.position = 1 order by o.name limit 1`,
    );
    const ctxFor = (actor: Actor): Ctx => ({
      db: target.database.db,
      actor,
      requestId: 'bench',
      today: TODAY,
      lang: 'zh',
      crypto: fieldCrypto('bench-secret-key-that-is-long-enough-0123456789'),
      config: {} as Config,
    });
    const coordinator = ctxFor({ userId: 'bench', memberId: null, grants: [{ role: 'org_admin', orgPath: zone.path }] });
    const secretary = ctxFor({ userId: 'bench', memberId: null, grants: [{ role: 'secretary', orgPath: enterprise!.path }] });
    const cases: [string, () => Promise<unknown>][] = [
      ['coordinator dashboard, quarter 2026-Q2', () => dashboard(coordinator, zone.id, '2026-Q2')],
      ['coordinator dashboard, year 2025', () => dashboard(coordinator, zone.id, '2025')],
      ['matrix (500 cells with health)', () => matrix(coordinator, zone.id, '2026-Q2')],
      ['pairing list, first page', () => listPairings(coordinator, { coordinator: zone.id, limit: 50 })],
      ['demand board, coordinator, first 50', () => listDemands(coordinator, { coordinator: zone.id, limit: 50 })],
      ['demand board, overdue in progress', () => listDemands(coordinator, { coordinator: zone.id, state: 'in_progress', overdue: true, limit: 50 })],
      ['demand board, one enterprise secretary', () => listDemands(secretary, { org: enterprise!.id, limit: 50 })],
    ];
    console.log(`\n${target.label}: pairings, median / p95 ms over ${runs} runs`);
    console.log('| ms | median / p95 |');
    console.log('|---|---|');
    for (const [label, fn] of cases) {
      const s = await timeRuns(runs, fn);
      console.log(`| ${label} | ${ms(s.median)} / ${ms(s.p95)} |`);
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
