import { addDays, addMonths } from '../../domain/dates';
import { averageScore, round2, weightedTotal } from '../../domain/projects/evaluation';
import type { BusinessArea } from '../../domain/projects/enums';
import { seededRandom } from '../../domain/random';
import { shiftWeek, weekEnd, weekKey, weekStart, weeksBetween } from '../../domain/projects/weeks';
import type { Ctx } from '../context';
import {
  projectEvaluations,
  projectIndicatorValues,
  projectObstacles,
  projectReports,
  projectRequirements,
  projectSupervisions,
  projectTasks,
  secretaryProjects,
} from '../db/schema/projects';
import { and, eq } from 'drizzle-orm';
import { committeeRoles } from '../db/schema/orgs';
import { newId } from '../ids';
import { addMilestone, patchMilestone } from '../modules/projects/plan';
import { createCampaign, createProject, transitionProject } from '../modules/projects/service';
import { createUser } from '../modules/users/service';
import { DEMO_PASSWORD } from './seedData';

// Maoming Port Group's secretary projects (seed 003). The 2021 campaign, completed and evaluated; the 2022 campaign:
// its implementation plan, the approval notice, six approved projects of its branches launched at the ceremony of
// 26 April 2022, each with milestones, weekly reports from the launch up to now, obstacles and quarterly field
// supervision; 博贺港区's reports stopped three weeks ago and an obstacle has been open for twenty days, so it is at
// risk. The flow goes through the services with the clock set to each day; the weekly history (reports, values,
// obstacles, visits) is written in bulk so that a first start stays fast (about 1,500 reports in a few statements).

const CRITERIA = [
  { name: '目标任务完成情况', weight: 40, max: 40 },
  { name: '破解难题与业务融合成效', weight: 30, max: 30 },
  { name: '过程管理与资料台账', weight: 15, max: 15 },
  { name: '示范带动与推广价值', weight: 15, max: 15 },
];

interface DemoProject {
  branch: number;
  title: string;
  area: BusinessArea;
  problem: string;
  measures: string;
  indicator: { name: string; unit: string; baseline: number; target: number; direction: 'up' | 'down' };
  obstacles: string[];
}

const PROJECTS_2022: DemoProject[] = [
  { branch: 1, title: '“党建+服务”优化营商环境', area: 'public_service', problem: '港口客户办事环节多、跑动次数多', measures: '党员先锋岗、一窗受理、限时办结', indicator: { name: '客户满意度', unit: '%', baseline: 86, target: 95, direction: 'up' }, obstacles: ['跨部门数据共享未打通'] },
  { branch: 2, title: '“清风港湾”廉洁风险防控', area: 'other', problem: '工程招采环节廉洁风险点多', measures: '风险点排查、廉洁承诺、专项督查', indicator: { name: '排查整改风险点', unit: '个', baseline: 0, target: 40, direction: 'up' }, obstacles: ['外包单位廉洁承诺签署不全'] },
  { branch: 3, title: '码头安全隐患“清零”行动', area: 'safety_environment', problem: '装卸作业区安全隐患整改不及时', measures: '党员责任区、每周联合排查、隐患销号', indicator: { name: '隐患整改率', unit: '%', baseline: 72, target: 100, direction: 'up' }, obstacles: ['外包装卸队伍安全培训不到位', '夜班巡查人手不足'] },
  { branch: 4, title: '物流降本增效攻坚', area: 'loss_reduction', problem: '集疏运成本高、车辆空驶率高', measures: '党员攻关小组、线路优化、回程配货', indicator: { name: '单箱物流成本', unit: '元', baseline: 420, target: 360, direction: 'down' }, obstacles: ['铁路专用线协调进度慢'] },
  { branch: 5, title: '重点工程建设“红色引擎”', area: 'production_operations', problem: '重点工程进度滞后于计划', measures: '党员突击队、挂图作战、周调度', indicator: { name: '工程形象进度', unit: '%', baseline: 35, target: 100, direction: 'up' }, obstacles: ['征地拆迁协调难'] },
  { branch: 6, title: '博贺港区生产效率提升', area: 'production_operations', problem: '港区泊位利用率低、作业效率不高', measures: '党员技术攻关、设备改造、班组竞赛', indicator: { name: '泊位利用率', unit: '%', baseline: 58, target: 75, direction: 'up' }, obstacles: ['门机改造备件到货延迟', '船期不稳定'] },
];

const PROJECTS_2021: { branch: number; title: string; area: BusinessArea; grade: 'excellent' | 'good' | 'fair'; scores: number[] }[] = [
  { branch: 1, title: '机关作风建设“提速增效”', area: 'public_service', grade: 'good', scores: [34, 25, 13, 12] },
  { branch: 3, title: '港务“党员示范岗”创建', area: 'production_operations', grade: 'excellent', scores: [38, 28, 14, 14] },
  { branch: 4, title: '物流业务“党建+市场”拓展', area: 'production_operations', grade: 'good', scores: [33, 24, 12, 11] },
  { branch: 5, title: '工程质量安全“零事故”', area: 'safety_environment', grade: 'fair', scores: [28, 20, 12, 10] },
];

export async function loadDemoProjects(ctx: Ctx, orgIds: Map<string, string>) {
  const rand = seededRandom(20220426);
  const org = (i: number) => orgIds.get(`maoming-${i}`)!;
  const maoming = orgIds.get('maoming')!;
  // a secretary's account is the person in the organization's secretary seat (seed.ts seats one in every branch)
  const seated = async (orgId: string) =>
    (await ctx.db.select({ memberId: committeeRoles.memberId }).from(committeeRoles).where(and(eq(committeeRoles.orgId, orgId), eq(committeeRoles.role, 'secretary'))))[0]?.memberId ?? null;
  const user = async (username: string, displayName: string, role: 'org_admin' | 'secretary' | 'viewer', orgId: string) =>
    (await createUser(ctx, { username, password: DEMO_PASSWORD, displayName, memberId: role === 'secretary' ? await seated(orgId) : null, roles: [{ role, orgId }] })).id;
  const accounts = [
    { username: 'maoming', role: 'org_admin' as const, org: 'maoming' },
    { username: 'yangchaocan', role: 'viewer' as const, org: 'maoming' },
    { username: 'chenjun', role: 'viewer' as const, org: 'maoming' },
    { username: 'mmgangwu', role: 'secretary' as const, org: 'maoming-3' },
  ];
  await user('maoming', '茂名港集团党委党务工作者', 'org_admin', maoming);
  const contact = await user('yangchaocan', '杨超灿', 'viewer', maoming);
  const supervisor = await user('chenjun', '陈军', 'viewer', maoming);
  const leaders = [
    await user('mmjiguan1', '机关第一党支部书记（示例）', 'secretary', org(1)),
    await user('mmjiguan2', '机关第二党支部书记（示例）', 'secretary', org(2)),
    await user('mmgangwu', '港务分公司党支部书记（示例）', 'secretary', org(3)),
    await user('mmwuliu', '物流公司党支部书记（示例）', 'secretary', org(4)),
    await user('mmgongcheng', '工程建设公司党支部书记（示例）', 'secretary', org(5)),
    await user('mmbohe', '博贺港区党支部书记（示例）', 'secretary', org(6)),
  ];
  const at = (today: string): Ctx => ({ ...ctx, today });
  const now = ctx.today;

  // ---- 2021: completed and evaluated
  const c2021 = await createCampaign(at('2021-03-01'), {
    organizerOrgId: maoming,
    year: 2021,
    title: '茂名港集团2021年度基层党建“书记项目”',
    plan: '围绕集团中心工作，每个党支部书记领办一个项目，年初领题、年中解题、年末结题。',
    applicationDeadline: '2021-03-31',
    criteria: CRITERIA,
  });
  const reports: (typeof projectReports.$inferInsert)[] = [];
  const evaluations: (typeof projectEvaluations.$inferInsert)[] = [];
  for (const p of PROJECTS_2021) {
    const created = await createProject(at('2021-03-20'), {
      campaignId: c2021.id,
      orgId: org(p.branch),
      title: p.title,
      problem: '见申报书',
      goals: '年内完成既定目标',
      measures: '党员带头、清单管理、按月督导',
      expectedOutcomes: '形成可复制的经验做法',
      businessArea: p.area,
      startOn: '2021-04-01',
      endOn: '2021-12-31',
      contactLeaderId: contact,
      supervisorIds: [supervisor],
    });
    await transitionProject(at('2021-03-25'), created.id, { to: 'submitted' });
    await transitionProject(at('2021-04-06'), created.id, { to: 'approved', noticeNo: '茂港党〔2021〕9号' });
    await transitionProject(at('2021-04-08'), created.id, { to: 'in_progress' });
    for (const week of weeksBetween(weekKey('2021-04-08'), weekKey('2021-12-26'))) {
      const percent = Math.min(100, Math.round(((reports.filter((r) => r.projectId === created.id).length + 1) / 38) * 100));
      reports.push({ id: newId(), projectId: created.id, week, weekStart: weekStart(week), done: '按计划推进各项措施', percentComplete: percent, nextPlan: '继续推进', filedBy: leaders[p.branch - 1]!, filedOn: addDays(weekStart(week), 4) });
    }
    await transitionProject(at('2021-12-28'), created.id, { to: 'completed', note: `${p.title}结项报告：各项目标任务全部完成。` });
    const scores = c2021.criteria.map((c, i) => ({ criterionId: c.id, score: p.scores[i]! }));
    const second = c2021.criteria.map((c, i) => ({ criterionId: c.id, score: Math.max(0, p.scores[i]! - 1) }));
    const totals = [round2(weightedTotal(c2021.criteria, scores)), round2(weightedTotal(c2021.criteria, second))];
    evaluations.push(
      { id: newId(), projectId: created.id, evaluatorId: contact, scores, total: totals[0]!, grade: p.grade, comment: '成效明显' },
      { id: newId(), projectId: created.id, evaluatorId: supervisor, scores: second, total: totals[1]!, grade: p.grade, comment: '资料齐全' },
    );
    await ctx.db.update(secretaryProjects).set({ percentComplete: 100, score: averageScore(totals), grade: p.grade, evaluationComment: p.grade === 'excellent' ? '经验做法在集团推广' : '达到预期目标', state: 'evaluated', evaluatedOn: '2022-01-15' }).where(eq(secretaryProjects.id, created.id));
  }

  // ---- 2022: launched on 26 April 2022 and running
  const c2022 = await createCampaign(at('2022-03-01'), {
    organizerOrgId: maoming,
    year: 2022,
    title: '茂名港集团2022年度基层党建“书记项目”',
    plan: '《茂名港集团“书记项目”实施方案》\n一、目标：破解党建与业务“两张皮”问题，推动基层党建与集团业务深度融合。\n二、要求：党支部书记作为第一责任人，细化到日、周、月的具体工作措施，实时跟踪项目进度，及时疏通堵点。\n三、保障：每个项目明确一名联系领导、一名现场督导员，按季度开展现场督导。',
    applicationDeadline: '2022-04-15',
    criteria: CRITERIA,
    settings: { supervisionMonths: 3 },
  });
  // a secretary project that runs to the end of the current year, so the demo is always mid-project
  const endOn = `${now.slice(0, 4)}-12-31`;
  const lastWeek = shiftWeek(weekKey(now), -1);
  const obstacles: (typeof projectObstacles.$inferInsert)[] = [];
  const values: (typeof projectIndicatorValues.$inferInsert)[] = [];
  const visits: (typeof projectSupervisions.$inferInsert)[] = [];
  const requirements: (typeof projectRequirements.$inferInsert)[] = [];
  const tasks: (typeof projectTasks.$inferInsert)[] = [];
  const ids: string[] = [];
  for (const p of PROJECTS_2022) {
    const atRisk = p.branch === 6;
    const created = await createProject(at('2022-04-10'), {
      campaignId: c2022.id,
      orgId: org(p.branch),
      title: p.title,
      problem: p.problem,
      goals: `${p.indicator.name}由${p.indicator.baseline}${p.indicator.unit}${p.indicator.direction === 'up' ? '提升' : '降低'}到${p.indicator.target}${p.indicator.unit}`,
      measures: p.measures,
      expectedOutcomes: '破解“两张皮”问题，形成党建与业务融合的品牌',
      businessArea: p.area,
      startOn: '2022-04-26',
      endOn,
      contactLeaderId: contact,
      supervisorIds: [supervisor],
      indicators: [p.indicator],
    });
    ids.push(created.id);
    await transitionProject(at('2022-04-12'), created.id, { to: 'submitted' });
    await transitionProject(at('2022-04-20'), created.id, { to: 'approved', noticeNo: '茂港党〔2022〕15号' });
    await transitionProject(at('2022-04-26'), created.id, { to: 'in_progress' });
    const planCtx = at('2022-04-26');
    const milestones = [];
    for (const [title, dueOn] of [
      ['调研摸底，形成问题清单', '2022-06-30'],
      ['阶段攻坚，完成年度目标', '2022-12-31'],
      ['巩固提升，形成长效机制', addMonths(endOn, -6)],
      ['总结验收，提炼经验做法', endOn],
    ] as const) {
      milestones.push(await addMilestone(planCtx, created.id, { title, dueOn, deliverable: '阶段报告' }));
    }
    // past milestones done, but for the at-risk project's latest one
    for (const m of milestones.filter((m) => m.dueOn < now && !(atRisk && m.dueOn > addDays(now, -200)))) {
      await patchMilestone(at(now), created.id, m.id, { doneOn: m.dueOn });
    }
    const stop = atRisk ? shiftWeek(lastWeek, -3) : lastWeek;
    const weeks = weeksBetween(weekKey('2022-04-26'), stop);
    const span = weeksBetween(weekKey('2022-04-26'), weekKey(endOn)).length;
    weeks.forEach((week, i) => {
      const id = newId();
      const share = (i + 1) / span;
      const percent = Math.min(98 - p.branch * 3, Math.round(share * 100));
      reports.push({
        id,
        projectId: created.id,
        week,
        weekStart: weekStart(week),
        done: `${p.measures.split('、')[i % 3]}：本周推进${['一线走访', '专题研讨', '现场攻关', '党员示范'][i % 4]}，完成计划任务。`,
        percentComplete: percent,
        nextPlan: '按周计划继续推进',
        filedBy: leaders[p.branch - 1]!,
        filedOn: rand() < 0.9 ? addDays(weekStart(week), 4) : addDays(weekEnd(week), 1),
      });
      const { baseline, target } = p.indicator;
      const value = Math.round((baseline + (target - baseline) * Math.min(1, share * 1.1) + (rand() - 0.5) * Math.abs(target - baseline) * 0.05) * 10) / 10;
      values.push({ reportId: id, indicatorId: created.indicators[0]!.id, value });
      // an obstacle about every quarter, cleared within two weeks; the latest (below) still open
      if (i % 13 === 5 && weekStart(week) < addDays(now, -30)) {
        const raisedOn = addDays(weekStart(week), 4);
        obstacles.push({ id: newId(), projectId: created.id, reportId: id, description: p.obstacles[(i / 13) % p.obstacles.length | 0]!, raisedOn, clearedOn: addDays(raisedOn, 3 + Math.floor(rand() * 10)) });
      }
    });
    const lastReport = reports.at(-1)!;
    obstacles.push({
      id: newId(),
      projectId: created.id,
      reportId: lastReport.id,
      description: p.obstacles.at(-1)!,
      raisedOn: atRisk ? addDays(now, -20) : addDays(now, -5),
      clearedOn: null,
    });
    // quarterly visits by the field supervisor, each with a requirement the leader answered (the latest not yet)
    for (let d = '2022-05-20', n = 0; d <= now; d = addMonths(d, 3), n++) {
      const visitId = newId();
      visits.push({ id: visitId, projectId: created.id, supervisorId: supervisor, visitedOn: d, place: `${p.title.replace(/[“”]/g, '')}现场`, findings: n % 2 ? '台账资料完整，措施落实到位' : '项目推进有序，党员作用发挥明显' });
      const open = addMonths(d, 3) > now;
      requirements.push({ id: newId(), supervisionId: visitId, projectId: created.id, position: 0, description: n % 2 ? '补充过程影像资料' : '细化下月工作计划', dueOn: addDays(d, 14), answer: open ? null : '已按要求落实', answeredOn: open ? null : addDays(d, 10), answeredBy: open ? null : leaders[p.branch - 1]! });
    }
    // this week's and today's work
    const monday = weekStart(weekKey(now));
    tasks.push(
      { id: newId(), projectId: created.id, milestoneId: milestones[2]!.id, title: '召开项目推进会', ownerId: leaders[p.branch - 1]!, startOn: monday, dueOn: addDays(monday, 4) },
      { id: newId(), projectId: created.id, milestoneId: milestones[3]!.id, title: '整理年度资料台账', ownerId: leaders[p.branch - 1]!, startOn: addDays(now, -3), dueOn: now },
    );
    if (atRisk) tasks.push({ id: newId(), projectId: created.id, milestoneId: milestones[3]!.id, title: '门机改造方案报审', ownerId: leaders[p.branch - 1]!, startOn: addDays(now, -20), dueOn: addDays(now, -6) });
  }
  const chunk = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await chunk(reports, (part) => ctx.db.insert(projectReports).values(part));
  await chunk(values, (part) => ctx.db.insert(projectIndicatorValues).values(part));
  await ctx.db.insert(projectObstacles).values(obstacles);
  await ctx.db.insert(projectSupervisions).values(visits);
  await ctx.db.insert(projectRequirements).values(requirements);
  await ctx.db.insert(projectTasks).values(tasks);
  await ctx.db.insert(projectEvaluations).values(evaluations);
  for (const id of ids) {
    const last = reports.filter((r) => r.projectId === id).at(-1)!;
    await ctx.db.update(secretaryProjects).set({ percentComplete: last.percentComplete }).where(eq(secretaryProjects.id, id));
  }
  return { accounts, campaigns: [c2021.id, c2022.id], projects: ids.length + PROJECTS_2021.length, reports: reports.length };
}
