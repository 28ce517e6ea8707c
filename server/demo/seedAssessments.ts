import { asc, inArray } from 'drizzle-orm';
import { seededRandom } from '../../domain/random';
import type { Ctx } from '../context';
import { members } from '../db/schema/members';
import { castBallot, codeKey } from '../modules/assessments/ballots';
import { addFollowUp, addNote, createAssessment, issueCodes, transitionAssessment, updateFollowUp } from '../modules/assessments/service';
import { createUser } from '../modules/users/service';
import { DEMO_PASSWORD } from './seedData';

// Seed 001: the Bluestar Party committee's 2021 debriefing of 24 January 2022. The secretaries of its 19
// subsidiaries report; about 290 attendees score them in the main venue and two video sub-venues, in three rater
// groups (committee members 40 %, heads of headquarters departments 30 %, member representatives 30 %). Codes are
// issued, ballots cast with synthetic grades (the same on every run), results published, questions and the
// chairman's comments recorded, and a follow-up list partly closed. The 2022 assessment waits in draft.

/** codes per rater group and venue: 290 in all */
const ISSUE: { group: number; venue: number; count: number }[] = [
  { group: 0, venue: 0, count: 15 },
  { group: 1, venue: 0, count: 45 },
  { group: 2, venue: 0, count: 90 },
  { group: 2, venue: 1, count: 70 },
  { group: 2, venue: 2, count: 70 },
];
const GRADES = ['excellent', 'good', 'fair', 'poor'] as const;

const QUESTIONS: [number, string, string][] = [
  [2, '党委委员', '海外企业党建工作如何结合所在国实际开展？'],
  [5, '党员代表', '党支部在青年人才培养中如何发挥作用？'],
  [8, '部门负责人', '党建如何融入项目管理，新老厂区生产衔接中党员如何带头？'],
  [13, '党员代表', '如何结合实际与地方政府开展党建交流？'],
];
const COMMENTS: [number, string][] = [
  [0, '党建与安全环保、生产经营结合紧密，要继续巩固党史学习教育成果。'],
  [5, '青年人才培养思路清晰，要把“三会一课”和主题党日作为抓手。'],
  [13, '要进一步完善党建工作体制机制，发挥基层组织和党员作用。'],
];
const FOLLOW_UPS: { reporter: number; problem: string; measure: string; owner: string; dueOn: string; done?: [string, string] }[] = [
  { reporter: 1, problem: '“三会一课”记录不够规范', measure: '按月检查支部台账，统一记录格式', owner: '党委办公室', dueOn: '2022-04-30', done: ['2022-04-20', '12个支部台账已按统一格式补齐，党委办公室抽查合格'] },
  { reporter: 3, problem: '党建与安全环保结合不够紧密', measure: '开展“党员安全责任区”创建', owner: '党群工作部', dueOn: '2022-06-30', done: ['2022-06-28', '划定党员安全责任区18个，全年无安全环保事故'] },
  { reporter: 5, problem: '青年党员培养机制不健全', measure: '建立青年骨干“双培养”台账', owner: '组织委员', dueOn: '2022-09-30', done: ['2022-09-15', '建立双培养台账，确定培养对象9名'] },
  { reporter: 8, problem: '新老厂区生产衔接中党组织作用发挥不充分', measure: '在新厂区项目部成立临时党支部', owner: '党委书记', dueOn: '2022-05-31' },
  { reporter: 11, problem: '与地方党组织交流偏少', measure: '与属地街道党工委签订共建协议', owner: '党委副书记', dueOn: '2022-08-31' },
  { reporter: 16, problem: '党员教育培训覆盖不全', measure: '制定年度培训计划，线上线下结合', owner: '宣传委员', dueOn: '2022-12-31' },
];

export async function loadDemoAssessments(ctx: Ctx, orgIds: Map<string, string>) {
  const rand = seededRandom(20220124);
  const organizerOrgId = orgIds.get('bluestar')!;
  const subsidiaries = Array.from({ length: 19 }, (_, i) => orgIds.get(`bluestar-${i + 1}`)!);
  // the first member on each subsidiary's roster stands in for its secretary
  const roster = await ctx.db.select({ id: members.id, orgId: members.orgId }).from(members).where(inArray(members.orgId, subsidiaries)).orderBy(asc(members.createdAt), asc(members.id));
  const reporters = subsidiaries.map((orgId) => ({ memberId: roster.find((m) => m.orgId === orgId)!.id, orgId }));
  const setup = {
    organizerOrgId,
    reporters,
    raterGroups: [
      { name: '党委委员', weight: 40 },
      { name: '总部部门负责人', weight: 30 },
      { name: '党员代表', weight: 30 },
    ],
    venues: [{ name: '蓝星总部主会场', main: true }, { name: '所属企业视频分会场（北区）' }, { name: '所属企业视频分会场（南区）' }],
  };

  const a = await createAssessment(ctx, { ...setup, title: '2021年度所属企业党组织书记抓基层党建工作述职评议考核', year: 2021, heldOn: '2022-01-24' });
  const codes: { code: string; group: number }[] = [];
  for (const issue of ISSUE) {
    const issued = await issueCodes(ctx, a.id, { raterGroupId: a.raterGroups[issue.group]!.id, venueId: a.venues[issue.venue]!.id, count: issue.count });
    codes.push(...issued.codes.map((code) => ({ code, group: issue.group })));
  }
  await transitionAssessment(ctx, a.id, { to: 'open' });

  // each reporter's standing, and each group's leniency, shape the synthetic grades
  const standing = a.reporters.map(() => 0.35 + rand() * 0.5);
  const leniency = [0.05, 0, -0.05];
  const key = codeKey(ctx.config.secretKey);
  let cast = 0;
  for (const [i, { code, group }] of codes.entries()) {
    if (rand() < 0.07) continue; // not everyone scored
    const grades = a.reporters.map((r, k) => {
      const x = rand() + standing[k]! + leniency[group]! - 0.5;
      const grade = x > 0.62 ? GRADES[0] : x > 0.2 ? GRADES[1] : x > -0.15 ? GRADES[2] : GRADES[3];
      return { reporterId: r.id, grade };
    });
    // the last few in the southern sub-venue were paper ballots keyed in by a clerk
    const paper = i >= codes.length - 5;
    await castBallot(ctx.db, key, { code, submissionId: paper ? null : `demo-${i}`, grades, paper }, { address: null, assessmentId: a.id });
    cast += 1;
  }

  for (const [k, by, text] of QUESTIONS) await addNote(ctx, a.id, { reporterId: a.reporters[k]!.id, kind: 'question', text, byName: by });
  for (const [k, text] of COMMENTS) await addNote(ctx, a.id, { reporterId: a.reporters[k]!.id, kind: 'comment', text, byName: '郝志刚' });
  await transitionAssessment(ctx, a.id, { to: 'closed' });
  await transitionAssessment(ctx, a.id, { to: 'published' });

  for (const f of FOLLOW_UPS) {
    const item = await addFollowUp(ctx, a.id, { reporterId: a.reporters[f.reporter]!.id, problem: f.problem, measure: f.measure, owner: f.owner, dueOn: f.dueOn });
    if (f.done) await updateFollowUp(ctx, a.id, item.id, { doneOn: f.done[0], evidence: f.done[1] });
  }

  const next = await createAssessment(ctx, { ...setup, title: '2022年度所属企业党组织书记抓基层党建工作述职评议考核', year: 2022, heldOn: '2023-01-16' });

  // the party affairs worker who runs it: organizes Bluestar's assessments
  await createUser(ctx, { username: 'bluestarorg', password: DEMO_PASSWORD, displayName: '蓝星党委党务工作者', roles: [{ role: 'org_admin', orgId: organizerOrgId }] });
  return {
    published: a.id,
    draft: next.id,
    codes: codes.length,
    ballots: cast,
    accounts: [{ username: 'bluestarorg', role: 'org_admin', org: 'bluestar' }],
  };
}
