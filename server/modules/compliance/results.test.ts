import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/dates';
import type { ActivityType } from '../../../domain/enums';
import { parsePeriod } from '../../../domain/periods';
import { seededRandom } from '../../../domain/random';
import type { Ctx } from '../../context';
import { backup, restore } from '../../backup';
import { complianceCounts, complianceJobs } from '../../db/schema/compliance';
import { orgs } from '../../db/schema/orgs';
import { AppError } from '../../errors';
import { newId } from '../../ids';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { answerHost, createActivity, updateActivity } from '../activities/service';
import { activityHosts } from '../../db/schema/activities';
import { getDashboard } from '../dashboard/service';
import { runReminders } from '../notifications/service';
import { addCommitteeSeat, createOrg, dissolveOrg, moveOrg } from '../orgs/service';
import { ensureYears, markMissed, refreshOrgs, rollupFromRows, runJobs, servesPeriod, verifyResults } from './results';
import { addRulePackVersion, liveRollup, subtreeRollup } from './service';

// Random sequences of every kind of write that changes compliance (fixed seed, bounded), after each
// of which the maintained rows must equal a live evaluation; and the readers must answer what the
// live evaluation answers.

let t: TestApp;
let ctx: Ctx;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let orgAdminA: Session;
const today = () => ctx.today;

async function finishJobs() {
  for (;;) {
    const r = await runJobs(t.database.db, today(), { budgetMs: 60_000, batch: 3 });
    if (r.open === 0) return;
  }
}

// the lagging list found in order on these small trees: every kind walked, every kind read whole, and a mix
const PLANS = [
  { walkFrom: 0, readWholeBelow: 0 },
  { walkFrom: 0, readWholeBelow: 1_000_000 },
  { walkFrom: 0, readWholeBelow: 3 },
];

async function expectVerified(step: string) {
  const { difference, rows } = await verifyResults(t.database.db, today());
  expect(difference, `after ${step}`).toBeNull();
  return rows;
}

beforeAll(async () => {
  t = await startTestApp();
  ctx = t.system;
  ids = await seedTwoTrees(t);
  orgAdminA = await t.login('orgAdminA');
  await ensureYears(t.database.db, today());
  await finishJobs();
});
afterAll(async () => t.close());

describe('maintained compliance results', () => {
  it('are built for the current and previous years, and readers use them only once built', async () => {
    const year = Number(today().slice(0, 4));
    expect(await servesPeriod(t.database.db, `${year}-01`, null)).toBe(true);
    expect(await servesPeriod(t.database.db, `${year - 2}-01`, null)).toBe(false);
    expect(await expectVerified('the build')).toBeGreaterThan(0);
    // the route walks the matrix and answers from the rows
    expect((await t.call(null, { method: 'GET', url: `/api/v1/compliance/rollup?org=${ids.A}&period=${year}` })).statusCode).toBe(401);
    const orgAdminB = await t.login('orgAdminB');
    expect((await t.call(orgAdminB, { method: 'GET', url: `/api/v1/compliance/rollup?org=${ids.A}&period=${year}` })).statusCode).toBe(403);
    const res = await t.call(orgAdminA, { method: 'GET', url: `/api/v1/compliance/rollup?org=${ids.A}&period=${year}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().organizations).toBe(2);
  });

  it('equal the live evaluation after random sequences of activity, organization and rule writes', async () => {
    const random = seededRandom(20261203);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const year = Number(today().slice(0, 4));
    const first = `${year - 1}-01-01`;
    const span = Math.round((Date.parse(`${today()}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000);
    const day = () => addDays(first, Math.floor(random() * (span + 1)));
    const types: ActivityType[] = ['theme_day', 'general_assembly', 'committee_meeting', 'party_lecture', 'life_meeting', 'heart_talk'];
    const branches = [ids.A1, ids.A2, ids.B1];
    const committees = [ids.A, ids.B];
    const activities: { id: string; state: string }[] = [];
    const at = (d: string) => ({ startsAt: `${d}T09:00:00+08:00`, endsAt: `${d}T11:00:00+08:00` });
    const seen = new Set<string>();
    let answered = 0;

    const ops: Record<string, () => Promise<unknown>> = {
      create: async () => {
        const d = day();
        const a = await createActivity(ctx, { type: pick(types), hostOrgIds: [pick(branches)], state: pick(['held', 'held', 'planned']), theme: 'x', ...at(d) });
        activities.push({ id: a.id, state: a.state });
      },
      joint: async () => {
        const hosts = [...new Set([pick(branches), pick(branches)])];
        const a = await createActivity(ctx, { type: pick(types), hostOrgIds: hosts, state: 'held', theme: 'joint', ...at(day()) });
        activities.push({ id: a.id, state: a.state });
      },
      edit: async () => {
        if (activities.length === 0) return;
        const a = pick(activities);
        await updateActivity(ctx, a.id, random() < 0.5 ? { ...at(day()) } : { type: pick(types) });
      },
      hosts: async () => {
        if (activities.length === 0) return;
        await updateActivity(ctx, pick(activities).id, { hostOrgIds: [...new Set([pick(branches), pick(branches)])] });
      },
      hold: async () => {
        const planned = activities.filter((a) => a.state === 'planned');
        if (planned.length === 0) return;
        const a = pick(planned);
        await updateActivity(ctx, a.id, { state: 'held' });
        a.state = 'held';
      },
      cancel: async () => {
        const planned = activities.filter((a) => a.state === 'planned');
        if (planned.length === 0) return;
        const a = pick(planned);
        await updateActivity(ctx, a.id, { state: 'cancelled', cancelReason: '改期' });
        a.state = 'cancelled';
      },
      move: async () => {
        const branch = pick(branches);
        await moveOrg(ctx, branch, pick(committees));
      },
      dissolve: async () => {
        // a new branch under a random committee, with an activity, dissolved on a later day
        const founded = day();
        const created = await createOrg(ctx, { name: `临时支部${newId().slice(-6)}`, type: 'branch', parentId: pick(committees), sector: 'state_enterprise', foundedOn: founded });
        await createActivity(ctx, { type: 'theme_day', hostOrgIds: [created.id], state: 'held', theme: 'x', ...at(founded) });
        const until = addDays(founded, Math.floor(random() * 90));
        await dissolveOrg(ctx, created.id, { dissolvedOn: until > today() ? today() : until, reason: '撤销' });
      },
      rules: async () => {
        const org = pick([...committees, ids.A1]);
        const override = pick([
          { meetings: { requirements: { theme_day: { min: 2 } } } },
          { meetings: { requirements: { general_assembly: { per: 'month' as const } } } },
          { meetings: { requirements: { committee_meeting: { enabled: false }, party_lecture_quarterly: { enabled: true } } } },
          { meetings: { requirements: { local_talks: { type: 'heart_talk' as const, min: 1, per: 'quarter' as const, severity: 'soft' as const, appliesTo: ['branch' as const], onlyIfPartyGroups: false, onlyIfCommittee: false, preferredQuarter: null, enabled: true } } } },
        ]);
        await addRulePackVersion(ctx, org, { effectiveFrom: day(), override });
        // part of the recomputation now, the rest after the next write
        await runJobs(t.database.db, today(), { budgetMs: 0, batch: 1 });
      },
      committee: async () => {
        const branch = pick(branches);
        const member = await ids.member(branch, `委员${newId().slice(-4)}`);
        await addCommitteeSeat(ctx, branch, { memberId: member, role: 'committee_member', startedOn: first });
      },
      proposed: async () => {
        // a manager of committee A names a co-host it may not manage: pending until answered
        const [a] = await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, ids.A));
        const byA: Ctx = { ...ctx, actor: { userId: '', memberId: null, grants: [{ role: 'org_admin', orgPath: a!.path }] } };
        const placed = await t.database.db.select({ id: orgs.id, path: orgs.path }).from(orgs).where(inArray(orgs.id, branches));
        const inA = placed.filter((o) => o.path.startsWith(`${a!.path}.`));
        const outside = placed.filter((o) => !o.path.startsWith(`${a!.path}.`));
        if (inA.length === 0 || outside.length === 0) return;
        const created = await createActivity(byA, { type: pick(types), hostOrgIds: [pick(inA).id, pick(outside).id], state: 'held', theme: 'proposed', ...at(day()) });
        activities.push({ id: created.id, state: created.state });
      },
      answer: async () => {
        const pending = await t.database.db.select().from(activityHosts).where(isNull(activityHosts.acceptedAt));
        if (pending.length === 0) return;
        const h = pick(pending);
        await answerHost(ctx, h.activityId, h.orgId, random() < 0.7 ? 'accept' : 'decline');
        answered += 1;
      },
      heldWith: async () => {
        // a life meeting that included the democratic evaluation counts for both
        const a = await createActivity(ctx, { type: 'life_meeting', hostOrgIds: [pick(branches)], state: 'held', theme: 'x', alsoCounts: ['democratic_evaluation'], ...at(day()) });
        activities.push({ id: a.id, state: a.state });
      },
      members: async () => {
        // seven full members give a branch a committee (the default pack's threshold)
        const branch = pick(branches);
        for (let i = 0; i < 3; i++) await ids.member(branch, `党员${newId().slice(-4)}`);
      },
    };
    const kinds = Object.keys(ops);
    for (let step = 0; step < 60; step++) {
      const kind = step < kinds.length ? kinds[step]! : pick(kinds);
      try {
        await ops[kind]!();
        seen.add(kind);
      } catch (e) {
        // a write the rules refuse (a state transition, a date) changes nothing: still checked
        if (!(e instanceof AppError)) throw e;
      }
      await finishJobs();
      await expectVerified(`step ${step}: ${kind}`);
    }
    expect([...seen].sort()).toEqual([...kinds].sort());
    expect(answered, 'co-hosts answered').toBeGreaterThan(0);

    // the readers answer from the rows what they answer live
    for (const root of [ids.A, ids.B]) {
      const [rootRow] = await t.database.db.select().from(orgs).where(eq(orgs.id, root));
      for (const label of [`${year}`, `${year}-Q1`, `${year - 1}-Q4`, `${year}-${today().slice(5, 7)}`, `${year - 1}-02`]) {
        expect(await servesPeriod(t.database.db, label, rootRow!.path)).toBe(true);
        const fromRows = await subtreeRollup(ctx, root, label);
        const live = await liveRollup(t.database.db, rootRow!, parsePeriod(label), today());
        expect(fromRows, `${label}`).toEqual({ orgId: root, period: label, ...live });
        // a bounded list is the first of the whole one, with the same totals
        const firstTwo = live.items.map((row) => ({ ...row, lagging: row.lagging.slice(0, 2) }));
        expect(await subtreeRollup(ctx, root, label, 2), `${label}, first 2`).toEqual({ orgId: root, period: label, organizations: live.organizations, items: firstTwo });
      }
    }
    const dashboardFromRows = await getDashboard(ctx, ids.A);
    const remindersFromRows = await runReminders(t.database.db, today(), { activityDaysBefore: 40 });
    // an open recomputation over everything sends the readers back to the live evaluation
    const blocker = newId();
    await t.database.db.insert(complianceJobs).values({ id: blocker, kind: 'subtree', orgId: ids.A, total: 0 });
    await t.database.db.insert(complianceJobs).values({ id: newId(), kind: 'subtree', orgId: ids.B, total: 0 });
    expect(await servesPeriod(t.database.db, `${year}-01`, null)).toBe(false);
    expect(await getDashboard(ctx, ids.A)).toEqual(dashboardFromRows);
    expect(await runReminders(t.database.db, today(), { activityDaysBefore: 40 })).toEqual({ ...remindersFromRows, sent: 0 });
    await finishJobs();
  });

  it('stay right when writes and a background recomputation run at the same time', async () => {
    const year = today().slice(0, 4);
    await addRulePackVersion(ctx, ids.A, { effectiveFrom: `${year}-01-01`, override: { meetings: { requirements: { theme_day: { min: 3 } } } } });
    const at = (d: string) => ({ startsAt: `${d}T09:00:00+08:00`, endsAt: `${d}T11:00:00+08:00` });
    const writes = ['01', '02', '03', '04', '05', '06'].map((m) =>
      createActivity(ctx, { type: 'theme_day', hostOrgIds: [ids.A1, ids.A2], state: 'held', theme: 'x', ...at(`${year}-${m}-15`) }),
    );
    // on PostgreSQL these run on several connections: the batches and the writes interleave
    await Promise.all([...writes, runJobs(t.database.db, today(), { budgetMs: 60_000, batch: 1 })]);
    await finishJobs();
    await expectVerified('concurrent writes and recomputation');
  });

  it('turns due into missed as periods end (the nightly pass), and the check then still holds', async () => {
    // read on a later day: rows written before a period ended are derived, then rewritten by the pass
    const later = addDays(today(), 40);
    const before = await verifyResults(t.database.db, later);
    expect(before.difference).toBeNull();
    const [rootRow] = await t.database.db.select().from(orgs).where(eq(orgs.id, ids.A));
    const quarter = parsePeriod(`${today().slice(0, 4)}-Q4`);
    const live = await liveRollup(t.database.db, rootRow!, quarter, later);
    expect(live.items.some((i) => i.lagging.some((l) => l.status === 'missed'))).toBe(true);
    expect(await rollupFromRows(t.database.db, rootRow!, quarter, later)).toEqual(live);
    // rows the nightly pass has not reached yet are worked out before the list is bounded, whichever way it is found
    for (const plan of [undefined, ...PLANS]) {
      for (const n of [1, 2, 3]) {
        const first = live.items.map((row) => ({ ...row, lagging: row.lagging.slice(0, n) }));
        expect(await rollupFromRows(t.database.db, rootRow!, quarter, later, n, plan), `first ${n}, ${JSON.stringify(plan)}`).toEqual({ organizations: live.organizations, items: first });
      }
    }
    expect(await markMissed(t.database.db, later)).toBeGreaterThan(0);
    expect(await markMissed(t.database.db, later)).toBe(0);
    expect((await verifyResults(t.database.db, later)).difference).toBeNull();
    expect(await rollupFromRows(t.database.db, rootRow!, quarter, later)).toEqual(live);
  });

  it('keeps the subtree counts the roll-up reads equal to the rows, through a backup and restore too, and names one that is off', async () => {
    const period = today().slice(0, 4);
    const countOfA = () =>
      t.database.db
        .select({ applicable: complianceCounts.applicable, met: complianceCounts.met })
        .from(complianceCounts)
        .where(and(eq(complianceCounts.orgId, ids.A), eq(complianceCounts.period, period), eq(complianceCounts.requirementId, 'theme_day')));
    const [before] = await countOfA();
    expect(before!.applicable).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(tmpdir(), 'gj-counts-'));
    try {
      const file = path.join(dir, 'backup.jsonl.gz');
      await backup(t.database, file, t.config.secretKey);
      await restore(t.database, file, t.config.secretKey);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await countOfA()).toEqual([before]);
    // the rows were last written by the nightly pass of 40 days on (the test before)
    const later = addDays(today(), 40);
    expect((await verifyResults(t.database.db, later)).difference).toBeNull();
    const off = (by: number) =>
      t.database.db.execute(sql`update compliance_counts set met = met + ${by} where org_id = ${ids.A} and period = ${period} and requirement_id = 'theme_day'`);
    await off(1);
    expect((await verifyResults(t.database.db, later)).difference).toMatchObject({ orgId: ids.A, period, requirementId: 'theme_day' });
    await off(-1);
    expect((await verifyResults(t.database.db, later)).difference).toBeNull();
  });

  it('lists the first lagging organizations of a large subtree as the live evaluation orders them, across missed and due', async () => {
    // read on 15 May of last year: a quarterly general assembly is missed without one in Q1, due in
    // Q2 (47 days left) with Q1's only, and due in Q3 (92 days, not started yet) with both; names
    // interleave the three kinds
    const year = Number(today().slice(0, 4)) - 1;
    const day = `${year}-05-15`;
    const C = (await createOrg(ctx, { name: '丙公司党委', type: 'committee', parentId: null, sector: 'state_enterprise', foundedOn: '2010-01-01' })).id;
    const kinds = ['q3', 'missed', 'q2', 'q3', 'missed', 'q2', 'missed', 'q2', 'q3'];
    const branches: string[] = [];
    for (const [i, kind] of kinds.entries()) {
      const id = (await createOrg(ctx, { name: `丙公司第${i + 1}党支部`, type: 'branch', parentId: C, sector: 'state_enterprise', foundedOn: '2010-01-01' })).id;
      branches.push(id);
      const held = kind === 'missed' ? [] : kind === 'q2' ? ['02-10'] : ['02-10', '04-10'];
      for (const d of held) {
        await createActivity(ctx, { type: 'general_assembly', hostOrgIds: [id], state: 'held', theme: 'x', startsAt: `${year}-${d}T09:00:00+08:00`, endsAt: `${year}-${d}T11:00:00+08:00` });
      }
    }
    await t.database.db.transaction((tx) => refreshOrgs(tx as unknown as typeof t.database.db, [C, ...branches], day));
    const [root] = await t.database.db.select().from(orgs).where(eq(orgs.id, C));
    for (const label of [`${year}`, `${year}-Q2`]) {
      const p = parsePeriod(label);
      const live = await liveRollup(t.database.db, root!, p, day);
      for (const plan of [undefined, ...PLANS]) {
        for (let n = 1; n <= kinds.length + 1; n++) {
          const first = live.items.map((row) => ({ ...row, lagging: row.lagging.slice(0, n) }));
          expect(await rollupFromRows(t.database.db, root!, p, day, n, plan), `${label}, first ${n}, ${JSON.stringify(plan)}`).toEqual({ organizations: live.organizations, items: first });
        }
      }
    }
    // the year's list crosses from missed to due, and between two deadlines
    const yearly = (await rollupFromRows(t.database.db, root!, parsePeriod(`${year}`), day, kinds.length, PLANS[0])).items.find((i) => i.id === 'general_assembly')!;
    expect(yearly.lagging.map((l) => `${l.orgName} ${l.status} ${l.daysLeft ?? ''}`)).toEqual([
      '丙公司第2党支部 missed ',
      '丙公司第5党支部 missed ',
      '丙公司第7党支部 missed ',
      '丙公司第3党支部 due 47',
      '丙公司第6党支部 due 47',
      '丙公司第8党支部 due 47',
      '丙公司第1党支部 due 92',
      '丙公司第4党支部 due 92',
      '丙公司第9党支部 due 92',
    ]);
    await t.database.db.transaction((tx) => refreshOrgs(tx as unknown as typeof t.database.db, [C, ...branches], today()));
    // the other rows were last written by the nightly pass of 40 days on (the tests before)
    expect((await verifyResults(t.database.db, addDays(today(), 40))).difference).toBeNull();
  });

  it('names the first row that differs', async () => {
    await t.database.db.execute(
      sql`update compliance_results set count = count + 1 where org_id = ${ids.A1} and period = ${today().slice(0, 4)} and requirement_id = 'theme_day'`,
    );
    const { difference } = await verifyResults(t.database.db, addDays(today(), 40));
    expect(difference).toMatchObject({ orgId: ids.A1, period: today().slice(0, 4), requirementId: 'theme_day' });
  });
});
