import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../../domain/dates';
import type { Workbench } from '../../../domain/schemas/workbench';
import { eq, sql } from 'drizzle-orm';
import { weekKey } from '../../../domain/projects/weeks';
import { assessments } from '../../db/schema/assessments';
import { ensureYears, runJobs, servesPeriod } from '../compliance/results';
import { runReminders } from '../notifications/service';
import { runProjectReminders } from '../projects/reminders';
import { projectCampaigns, projectMilestones, secretaryProjects } from '../../db/schema/projects';
import { newId } from '../../ids';
import { seedTwoTrees, startTestApp, type Session, type TestApp } from '../../testing/harness';
import { getOrg } from '../orgs/queries';

// The workbench of a branch secretary (A1), its member, and a secretary of another tree (B): the to-dos come and go
// with the records, and the reminder about a to-do is read by the write that does the work (no GET writes).

let t: TestApp;
let ids: Awaited<ReturnType<typeof seedTwoTrees>>;
let today: string;
let admin: Session;
let secretaryA1: Session;
let memberA1: Session;
let orgAdminB: Session;
let pairingId: string;

const at = (day: string, time: string) => `${day}T${time}:00+08:00`;
const workbench = async (who: Session) => {
  const res = await t.call(who, { method: 'GET', url: '/api/v1/workbench' });
  expect(res.statusCode).toBe(200);
  return res.json<Workbench>();
};
const unread = async (who: Session) =>
  (await t.call(who, { method: 'GET', url: '/api/v1/notifications?unread=true&limit=200' })).json<{
    items: { id: string; kind: string; subjectId: string; params: Record<string, unknown> }[];
  }>().items;

beforeAll(async () => {
  t = await startTestApp();
  today = t.system.today;
  ids = await seedTwoTrees(t);
  admin = await t.login('admin');
  secretaryA1 = await t.login('secretaryA1');
  memberA1 = await t.login('memberA1');
  orgAdminB = await t.login('orgAdminB');
  const res = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/pairings',
    payload: {
      title: '结对共建协议',
      partyOrgIds: [ids.A1, ids.B1],
      coordinatorOrgId: null,
      validFrom: addDays(today, -30),
      validTo: addDays(today, 335),
      state: 'active',
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  pairingId = res.json().id;
});
afterAll(async () => t.close());

describe('GET /api/v1/workbench', () => {
  it('is 401 without a session', async () => {
    expect((await t.call(null, { method: 'GET', url: '/api/v1/workbench' })).statusCode).toBe(401);
  });

  it('shows a secretary the demand to accept and the theme day still due, and drops each once done', async () => {
    const raised = await t.call(orgAdminB, {
      method: 'POST',
      url: '/api/v1/demands',
      payload: {
        pairingId,
        raisedByOrgId: ids.B1,
        title: '党建活动场地共享',
        description: '请协助提供活动场地',
        category: 'policy',
        urgency: 'normal',
      },
    });
    expect(raised.statusCode).toBe(201);
    const demandId: string = raised.json().id;
    await runReminders(t.database.db, today, { activityDaysBefore: 40 });
    const themeDayReminder = (await unread(secretaryA1)).find(
      (n) => n.kind === 'activity_due' && n.params.requirement === 'theme_day',
    );
    expect(themeDayReminder).toMatchObject({ subjectId: ids.A1 });

    const before = await workbench(secretaryA1);
    expect(before.todos).toContainEqual({
      kind: 'demand_accept',
      subjectType: 'demand',
      subjectId: demandId,
      title: '受理乙公司党支部提出的诉求“党建活动场地共享”',
      orgId: ids.A1,
    });
    const themeDay = before.todos.find((x) => x.kind === 'activity_due' && x.title.includes('主题党日'));
    // due by the month's last day
    expect(themeDay).toMatchObject({
      subjectType: 'org',
      subjectId: ids.A1,
      orgId: ids.A1,
      dueOn: addDays(addMonths(`${today.slice(0, 7)}-01`, 1), -1),
    });
    expect(before.shortcuts).toEqual(['record_activity', 'open_sign_in', 'raise_demand']);
    expect(before.compliance).toMatchObject([
      { orgId: ids.A1, orgName: '甲公司第一党支部', period: today.slice(0, 7) },
    ]);
    expect(before.compliance[0]!.due).toBeGreaterThan(0);
    expect(await unread(secretaryA1)).toContainEqual(
      expect.objectContaining({ kind: 'demand_submitted', subjectId: demandId }),
    );

    expect(
      (
        await t.call(secretaryA1, {
          method: 'POST',
          url: `/api/v1/demands/${demandId}/transition`,
          payload: { to: 'accepted' },
        })
      ).statusCode,
    ).toBe(200);
    const held = await t.call(secretaryA1, {
      method: 'POST',
      url: '/api/v1/activities',
      payload: {
        type: 'theme_day',
        hostOrgIds: [ids.A1],
        state: 'held',
        startsAt: at(today, '00:05'),
        endsAt: at(today, '00:30'),
        place: '党员活动室',
        theme: '主题党日',
        resolutions: [{ text: '整理学习笔记', dueOn: addDays(today, -1) }],
      },
    });
    expect(held.statusCode).toBe(201);
    // the reminders about the work just done are read with it, before anyone opens the workbench
    const left = await unread(secretaryA1);
    expect(left).not.toContainEqual(
      expect.objectContaining({ kind: 'demand_submitted', subjectId: demandId }),
    );
    expect(left.map((n) => n.id)).not.toContain(themeDayReminder!.id);
    // the other requirements still due keep their reminders
    expect(left.filter((n) => n.kind === 'activity_due').length).toBeGreaterThan(0);

    const after = await workbench(secretaryA1);
    expect(after.todos.filter((x) => x.subjectId === demandId).map((x) => x.kind)).toEqual(['demand_work']);
    expect(
      after.todos.find((x) => x.kind === 'activity_due' && x.title.includes('主题党日')),
    ).toBeUndefined();
    expect(after.todos).toContainEqual(
      expect.objectContaining({
        kind: 'resolution_overdue',
        subjectType: 'activity',
        subjectId: held.json().id,
        dueOn: addDays(today, -1),
        orgId: ids.A1,
      }),
    );
    expect(after.activitiesThisMonth.items.map((a) => a.id)).toContain(held.json().id);

    // in English on request
    const en = await t.call(secretaryA1, {
      method: 'GET',
      url: '/api/v1/workbench',
      headers: { 'accept-language': 'en' },
    });
    expect(en.json<Workbench>().todos.find((x) => x.subjectId === demandId)?.title).toBe(
      'Work on the demand "党建活动场地共享"',
    );
  });

  it('shows a member only their own home: no to-dos, shortcuts or other organizations', async () => {
    const planned = async (who: Session, orgId: string, theme: string) => {
      const res = await t.call(who, {
        method: 'POST',
        url: '/api/v1/activities',
        payload: {
          type: 'party_lecture',
          hostOrgIds: [orgId],
          state: 'planned',
          startsAt: at(addDays(today, 3), '14:00'),
          endsAt: at(addDays(today, 3), '16:00'),
          place: '会议室',
          theme,
        },
      });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    };
    const mine = await planned(secretaryA1, ids.A1, '支部党课');
    const elsewhere = await planned(orgAdminB, ids.B1, '乙公司党课');
    const home = await workbench(memberA1);
    expect(home.todos).toEqual([]);
    expect(home.shortcuts).toEqual([]);
    expect(home.compliance).toEqual([]);
    expect(home.member?.orgId).toBe(ids.A1);
    expect(home.member?.upcoming.find((a) => a.id === mine)).toMatchObject({ orgId: ids.A1, orgName: '甲公司第一党支部' });
    expect(home.member?.upcoming.map((a) => a.id)).not.toContain(elsewhere);
    expect(home.activitiesThisMonth.items.map((a) => a.id)).not.toContain(elsewhere);
  });

  it('lists the missing weekly reports and the overdue milestone of a project the secretary leads, until done', async () => {
    // a project launched five weeks ago without a report, stored as the projects module keeps it
    const db = t.database.db;
    const [A, A1] = [(await getOrg(db, ids.A))!, (await getOrg(db, ids.A1))!];
    const campaignId = newId();
    await db
      .insert(projectCampaigns)
      .values({
        id: campaignId,
        organizerOrgId: A.id,
        organizerPath: A.path,
        year: Number(today.slice(0, 4)),
        title: '书记项目',
        applicationDeadline: addDays(today, -60),
        eligibleOrgIds: [A.id],
        criteria: [],
      });
    const projectId = newId();
    await db.insert(secretaryProjects).values({
      id: projectId,
      campaignId,
      orgId: A1.id,
      orgPath: A1.path,
      title: '码头安全隐患清零',
      problem: '-',
      goals: '-',
      measures: '-',
      expectedOutcomes: '-',
      businessArea: 'safety_environment',
      state: 'in_progress',
      startOn: addDays(today, -35),
      endOn: addDays(today, 150),
      launchedOn: addDays(today, -35),
      leaderId: secretaryA1.userId,
    });
    const milestoneId = newId();
    await db
      .insert(projectMilestones)
      .values({ id: milestoneId, projectId, title: '完成隐患排查', dueOn: addDays(today, -2) });

    // this week's report is due from Friday on (in China), whatever is done about the past weeks: not what is asked here
    const kinds = async (who: Session) =>
      (await workbench(who)).todos
        .filter((x) => x.subjectId === projectId && x.kind !== 'project_report_due')
        .map((x) => x.kind)
        .sort();
    expect(await kinds(secretaryA1)).toEqual(['project_milestone_overdue', 'project_report_missing']);
    expect(
      (await workbench(secretaryA1)).todos.find((x) => x.kind === 'project_milestone_overdue'),
    ).toMatchObject({ subjectType: 'secretary_project', orgId: ids.A1, dueOn: addDays(today, -2) });
    expect(await kinds(orgAdminB)).toEqual([]);
    await runProjectReminders(db, today);
    // this week's report is due from Friday on, whatever is done about the past weeks
    const remindersOf = async () =>
      (await unread(secretaryA1))
        .filter((n) => n.subjectId === projectId && n.kind !== 'project_report_due')
        .map((n) => n.kind)
        .sort();
    const reminded = await remindersOf();
    expect(reminded).toEqual(['project_milestone_overdue', 'project_report_missing']);

    // the milestone marked done and the missing weeks reported, through the API: to-dos and reminders go together
    const done = await t.call(secretaryA1, {
      method: 'PATCH',
      url: `/api/v1/secretary-projects/${projectId}/milestones/${milestoneId}`,
      payload: { doneOn: today },
    });
    expect(done.statusCode).toBe(200);
    expect(await remindersOf()).toEqual(['project_report_missing']);
    expect(await kinds(secretaryA1)).toEqual(['project_report_missing']);
    const lastWeek = weekKey(addDays(today, -7));
    const report = await t.call(secretaryA1, {
      method: 'POST',
      url: `/api/v1/secretary-projects/${projectId}/reports`,
      payload: { week: lastWeek, done: '完成排查', percentComplete: 20, nextPlan: '继续整改' },
    });
    expect(report.statusCode).toBe(201);
    expect(await remindersOf()).toEqual([]);
    expect(await kinds(secretaryA1)).toEqual([]);
  });

  it('reads the required activities still due from the maintained results', async () => {
    const db = t.database.db;
    await ensureYears(db, today);
    await runJobs(db, today, { budgetMs: 60_000 });
    expect(await servesPeriod(db, today.slice(0, 7), null)).toBe(true);
    const due = async () =>
      (await workbench(secretaryA1)).todos.filter((x) => x.kind === 'activity_due' && x.subjectId === ids.A1)
        .length;
    const before = await due();
    expect(before).toBeGreaterThan(0);
    // a row changed behind the evaluation's back shows: the workbench reads the rows, not a live evaluation
    await db.execute(
      sql`update compliance_results set status = 'met', pending = '[]'::jsonb where org_id = ${ids.A1} and period = ${today.slice(0, 7)} and status = 'due'`,
    );
    expect(await due()).toBe(0);
    expect((await workbench(secretaryA1)).compliance[0]!.due).toBe(0);
  });

  it('shows the organizer a debriefing to prepare within two weeks and one scoring now', async () => {
    const db = t.database.db;
    const A = (await getOrg(db, ids.A))!;
    const row = (title: string, heldOn: string, state: string) => ({
      id: newId(),
      organizerOrgId: A.id,
      organizerPath: A.path,
      title,
      year: Number(today.slice(0, 4)),
      heldOn,
      state,
      scale: [],
      thresholds: { excellent: 90, good: 80, fair: 60 },
    });
    const soon = row('年度述职评议', addDays(today, 10), 'draft');
    const later = row('下季度述职评议', addDays(today, 30), 'draft');
    const open = row('现场测评', today, 'open');
    await db.insert(assessments).values([soon, later, open] as (typeof assessments.$inferInsert)[]);
    const orgAdminA = await t.login('orgAdminA');
    const todos = (await workbench(orgAdminA)).todos.filter((x) => x.subjectType === 'assessment');
    expect(todos).toEqual(
      [
        {
          kind: 'assessment_prepare',
          subjectType: 'assessment',
          subjectId: soon.id,
          title: `筹备${soon.heldOn}召开的“年度述职评议”：述职人、测评人与测评码`,
          dueOn: soon.heldOn,
          orgId: ids.A,
        },
        expect.objectContaining({ kind: 'assessment_open', subjectId: open.id }),
      ].sort((a, b) => (a.kind === 'assessment_open' ? 1 : -1) - (b.kind === 'assessment_open' ? 1 : -1)),
    );
    // the branch secretary and the other tree organize none of them
    expect((await workbench(secretaryA1)).todos.filter((x) => x.subjectType === 'assessment')).toEqual([]);
    expect((await workbench(orgAdminB)).todos.filter((x) => x.subjectType === 'assessment')).toEqual([]);
    await db.update(assessments).set({ state: 'closed' }).where(eq(assessments.id, open.id));
    expect(
      (await workbench(orgAdminA)).todos
        .filter((x) => x.subjectType === 'assessment')
        .map((x) => x.subjectId),
    ).toEqual([soon.id]);
  });

  it('never shows another tree', async () => {
    const a = await workbench(secretaryA1);
    const inA = [ids.A, ids.A1, ids.A2];
    expect(a.todos.every((x) => inA.includes(x.orgId))).toBe(true);
    expect(a.activitiesThisMonth.items.every((x) => inA.includes(x.orgId))).toBe(true);
    expect(a.member).toBeNull();
    const b = await workbench(orgAdminB);
    expect(b.todos.every((x) => [ids.B, ids.B1].includes(x.orgId))).toBe(true);
    expect(b.compliance.map((c) => c.orgId)).toEqual([ids.B]);
    expect(b.activitiesThisMonth.items.every((x) => [ids.B, ids.B1].includes(x.orgId))).toBe(true);
  });

  it('never asks the coordinator to accept or confirm for a party its grant happens to cover', async () => {
    const orgAdminA = await t.login('orgAdminA');
    const made = await t.call(admin, {
      method: 'POST',
      url: '/api/v1/pairings',
      payload: { title: '支部结对', partyOrgIds: [ids.A1, ids.A2], coordinatorOrgId: ids.A, validFrom: addDays(today, -30), validTo: addDays(today, 335), state: 'active' },
    });
    expect(made.statusCode).toBe(201);
    const raised = await t.call(secretaryA1, {
      method: 'POST',
      url: '/api/v1/demands',
      payload: { pairingId: made.json().id, raisedByOrgId: ids.A1, title: '共享党员活动室', description: '请协助', category: 'venue', urgency: 'normal' },
    });
    expect(raised.statusCode).toBe(201);
    const demandId: string = raised.json().id;
    const mine = async (who: Session) => (await workbench(who)).todos.filter((x) => x.subjectId === demandId).map((x) => x.kind);
    // the committee above both branches coordinates: the partner branch A2 accepts, not the committee
    expect(await mine(orgAdminA)).toEqual([]);
    const move = (body: Record<string, unknown>) =>
      t.call(admin, { method: 'POST', url: `/api/v1/demands/${demandId}/transition`, payload: { actingAsOrgId: ids.A2, ...body } });
    expect((await move({ to: 'accepted' })).statusCode).toBe(200);
    expect((await move({ to: 'in_progress' })).statusCode).toBe(200);
    expect((await move({ to: 'resolved', resolution: '已安排' })).statusCode).toBe(200);
    expect(await mine(secretaryA1)).toEqual(['demand_confirm']);
    expect(await mine(orgAdminA)).toEqual([]);
    // and the server agrees: the coordinator may not confirm as the raiser
    const confirm = await t.call(orgAdminA, { method: 'POST', url: `/api/v1/demands/${demandId}/transition`, payload: { to: 'confirmed', rating: 5, actingAsOrgId: ids.A1 } });
    expect(confirm.statusCode).toBe(403);
  });
});
