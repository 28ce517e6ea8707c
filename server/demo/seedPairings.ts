import { eq, inArray } from 'drizzle-orm';
import { addDays } from '../../domain/dates';
import type { ActivityType } from '../../domain/enums';
import { periodContaining, shiftPeriod } from '../../domain/periods';
import type { Ctx } from '../context';
import { activities, activityHosts } from '../db/schema/activities';
import { createActivity } from '../modules/activities/service';
import { users } from '../db/schema/auth';
import { createDemand, escalateOverdueDemands, transitionDemand } from '../modules/demands/service';
import { createItem, createProject } from '../modules/pairings/lists';
import { bulkCreate, createPairing, expirePairings, renewPairing, updatePairing } from '../modules/pairings/service';

// The pairings of the news reports: Haijiang ↔ Huizhou HSE centre (agreement signed 8 December
// 2022, renewed for a second period), and the Xiangtan zone's 9 organ branches paired with 12
// enterprise branches from the 16 May 2024 launch, with plaques, the joint activities of seed 004,
// their lists, and demands in different states.

/** Organ branch × enterprise branch, as seed 004 pairs them (the rest spread over the other organs). */
const XIANGTAN_PAIRS: [string, string][] = [
  ['xt-discipline', 'jiajiamei'],
  ['xt-office', 'minsheng'],
  ['xt-entrepreneurship', 'yongfei'],
  ['xt-innovation', 'yifeng'],
  ['xt-coordination', 'schindler'],
  ['xt-coordination', 'golden-valley'],
  ['xt-economy', 'lihe'],
  ['xt-economy', 'chongde'],
  ['xt-planning', 'jianche'],
  ['xt-planning', 'hengchuang'],
  ['xt-finance', 'deloitte'],
  ['xt-social', 'wanda'],
];

/**
 * How the Xiangtan pairings kept up since the launch, so the zone's dashboard reads like a real one: most hold a joint
 * activity every quarter and did their 2024 commitments. Quarters are counted back from the current one (0 = this
 * one): 力合 missed a quarter last year and still owes its volunteer service, 屹丰's joint theme day of this quarter is
 * still ahead (the venue it asks for), 万达 skipped the last quarter, 建车 has gone quiet for three quarters and owes too.
 */
const XIANGTAN_LAGGING: Record<string, { skipQuarters: number[]; owesCommitment?: boolean }> = {
  'xt-economy|lihe': { skipQuarters: [5], owesCommitment: true },
  'xt-innovation|yifeng': { skipQuarters: [0] },
  'xt-social|wanda': { skipQuarters: [1] },
  'xt-planning|jianche': { skipQuarters: [0, 1, 2], owesCommitment: true },
};

/** Joint activities of the pairings, none of a type the rule pack counts for a branch (its theme days are its own). */
const JOINT_ACTIVITIES: { type: ActivityType; theme: string }[] = [
  { type: 'joint_meeting', theme: '结对共建联席会议：走访企业、会商需求' },
  { type: 'volunteer_service', theme: '结对共建志愿服务：走进社区' },
  { type: 'study_session', theme: '结对共建联合学习：学习惠企政策' },
  { type: 'joint_meeting', theme: '结对共建季度会商：对接需求与资源清单' },
];

/** Links the already recorded activities hosted by exactly these organizations to the pairing. */
async function linkJointActivities(ctx: Ctx, pairingId: string, orgIds: string[]): Promise<void> {
  const hosted = await ctx.db.select({ activityId: activityHosts.activityId, orgId: activityHosts.orgId }).from(activityHosts).where(inArray(activityHosts.orgId, orgIds));
  const byActivity = new Map<string, Set<string>>();
  for (const h of hosted) byActivity.set(h.activityId, (byActivity.get(h.activityId) ?? new Set()).add(h.orgId));
  const joint = [...byActivity].filter(([, hosts]) => orgIds.every((o) => hosts.has(o))).map(([id]) => id);
  if (joint.length) await ctx.db.update(activities).set({ pairingId }).where(inArray(activities.id, joint));
}

export async function loadDemoPairings(ctx: Ctx, orgIds: Map<string, string>): Promise<{ pairings: number; demands: number }> {
  const id = (key: string) => orgIds.get(key)!;
  const userId = async (username: string) => (await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  /** acting as a demo user on a given day (an admin grant, so the seed never trips on scope) */
  const as = async (username: string, today: string): Promise<Ctx> => ({ ...ctx, today, actor: { userId: await userId(username), memberId: null, grants: [{ role: 'admin', orgPath: null }] } });

  // Haijiang ↔ HSE centre: 8 Dec 2022 for three years, then renewed
  const first = await createPairing(await as('gaoqiying', '2022-12-08'), {
    title: '海疆集团党支部与惠州石化HSE中心党支部党建共建协议',
    partyOrgIds: [id('haijiang'), id('hse')],
    signedOn: '2022-12-08',
    validFrom: '2022-12-08',
    validTo: '2025-12-07',
    state: 'active',
    frequency: { min: 1, per: 'quarter' },
    content: '双方围绕安全管理与党建深度融合，定期开展联合主题党日、经验交流和资源共享。',
    contacts: [
      { orgId: id('haijiang'), contactName: '高其英', contactTitle: '党支部书记' },
      { orgId: id('hse'), contactName: '吕迪', contactTitle: '党支部组织委员' },
    ],
    commitments: [
      { orgId: id('hse'), description: '开放HSE中心党建阵地，分享安全文化建设经验', target: '每年不少于2次', dueOn: '2023-12-31' },
      { orgId: id('haijiang'), description: '组织党员参加安全生产志愿服务', target: '每年1次', dueOn: '2023-12-31' },
    ],
  });
  await linkJointActivities(ctx, first.id, [id('haijiang'), id('hse')]);
  await updatePairing(await as('gaoqiying', '2023-11-20'), first.id, {
    commitments: first.commitments.map((c) => ({ id: c.id, orgId: c.orgId, description: c.description, target: c.target, dueOn: c.dueOn, doneOn: '2023-11-20' })),
  });
  const renewed = await renewPairing(await as('gaoqiying', '2025-11-20'), first.id, {});
  await updatePairing(await as('gaoqiying', '2025-12-08'), renewed.id, { state: 'active', signedOn: '2025-12-08' });

  // Xiangtan: 12 pairings in one go from the matrix, coordinated by the zone's working committee
  const launch = await as('xiangtan', '2024-05-16');
  const bulk = await bulkCreate(launch, {
    coordinatorOrgId: id('xiangtan'),
    pairs: XIANGTAN_PAIRS.map(([row, column]) => ({ rowOrgId: id(row), columnOrgId: id(column) })),
    template: {
      title: '{row}与{column}结对共建',
      signedOn: '2024-05-16',
      validFrom: '2024-05-16',
      validTo: '2027-05-15',
      state: 'active',
      frequency: { min: 1, per: 'quarter' },
      content: '建立精准对接、定期会商、联合活动机制，围绕“凝心聚力促发展、赋能企业优服务”开展结对共建。',
      plaque: { awardedOn: '2024-05-16', wording: '党建联建共建单位' },
      commitments: [
        { side: 'row', description: '宣传解读惠企政策，帮助企业解决实际困难', target: '每季度走访1次', dueOn: '2024-12-31' },
        { side: 'column', description: '组织党员参加联合主题党日和志愿服务', target: '每季度1次', dueOn: '2024-12-31' },
      ],
    },
  });
  const pairingOf = new Map(bulk.items.map((p, i) => [XIANGTAN_PAIRS[i]!.join('|'), p.id]));
  for (const [row, column] of XIANGTAN_PAIRS) await linkJointActivities(ctx, pairingOf.get(`${row}|${column}`)!, [id(row), id(column)]);

  // every quarter after the launch one, up to this one: a joint activity in its first weeks, and the 2024 commitments
  // done in December 2024, except where a pairing lags
  const thisQuarter = periodContaining(ctx.today, 'quarter');
  const quarters = [];
  for (let q = shiftPeriod(periodContaining('2024-05-16', 'quarter'), 1); q.start <= thisQuarter.start; q = shiftPeriod(q, 1)) quarters.push(q);
  for (const [i, p] of bulk.items.entries()) {
    const [row, column] = XIANGTAN_PAIRS[i]!;
    const lagging = XIANGTAN_LAGGING[`${row}|${column}`];
    for (const [n, quarter] of quarters.entries()) {
      const day = addDays(quarter.start, 5 + 2 * i);
      if (day >= ctx.today || lagging?.skipQuarters.includes(quarters.length - 1 - n)) continue;
      const joint = JOINT_ACTIVITIES[(n + i) % JOINT_ACTIVITIES.length]!;
      await createActivity(await as('xiangtan', day), {
        ...joint,
        hostOrgIds: [id(row), id(column)],
        state: 'held',
        startsAt: `${day}T14:30:00+08:00`,
        endsAt: `${day}T16:30:00+08:00`,
        place: '湘潭高新区',
        pairingId: p.id,
      });
    }
    const doneOn = addDays('2024-12-05', i);
    await updatePairing(await as('xiangtan', doneOn), p.id, {
      commitments: p.commitments.map((c) => ({
        id: c.id,
        orgId: c.orgId,
        description: c.description,
        target: c.target,
        dueOn: c.dueOn,
        doneOn: lagging?.owesCommitment && c.orgId === id(column) ? null : doneOn,
      })),
    });
  }

  // the office ↔ Minsheng pairing keeps its three lists
  const office = pairingOf.get('xt-office|minsheng')!;
  const need = await createItem(launch, office, 'need', { orgId: id('minsheng'), category: 'talent', title: '医药物流专业人才招聘', description: '企业扩建物流中心，需要仓储和冷链物流方面的专业人才' });
  const resource = await createItem(launch, office, 'resource', { orgId: id('xt-office'), category: 'talent', title: '园区人才招聘会展位', description: '高新区每季度举办人才招聘会，可为结对企业提供展位和宣传' });
  await createItem(launch, office, 'need', { orgId: id('minsheng'), category: 'policy', title: '药品流通企业扶持政策解读', description: null });
  await createItem(launch, office, 'resource', { orgId: id('xt-office'), category: 'venue', title: '管委会会议室', description: '可用于联合学习和主题党日' });
  await createItem(launch, pairingOf.get('xt-discipline|jiajiamei')!, 'need', { orgId: id('jiajiamei'), category: 'talent', title: '仓储员工招聘', description: '门店扩张需要招聘员工' });
  await createProject(await as('xiangtan', '2024-07-01'), office, {
    title: '民生药业专场招聘',
    needId: need.id,
    resourceId: resource.id,
    owners: [
      { orgId: id('xt-office'), name: '办公室党支部' },
      { orgId: id('minsheng'), name: '曾春晖' },
    ],
    dueOn: '2024-09-30',
    status: 'in_progress',
  });

  // demands: a policy interpretation request resolved and rated, and others along the way
  let demands = 0;
  const raise = async (username: string, day: string, pairingKey: string, raiser: string, body: { title: string; description: string; category: 'policy' | 'talent' | 'safety' | 'venue'; urgency: 'low' | 'normal' | 'high' | 'urgent' }) => {
    demands += 1;
    return createDemand(await as(username, day), { pairingId: pairingOf.get(pairingKey)!, raisedByOrgId: id(raiser), ...body });
  };
  const policy = await raise('zengchunhui', '2024-06-03', 'xt-office|minsheng', 'minsheng', {
    title: '申请解读药品流通企业惠企政策',
    description: '企业计划扩建医药物流中心，希望了解省市对药品流通企业的用地、税收和技改扶持政策及申报流程。',
    category: 'policy',
    urgency: 'normal',
  });
  const xtoffice = await userId('xtoffice');
  await transitionDemand(await as('xtoffice', '2024-06-04'), policy.id, { to: 'accepted', assigneeId: xtoffice });
  await transitionDemand(await as('xtoffice', '2024-06-06'), policy.id, { to: 'in_progress', note: '已联系经济发展局、财政局梳理适用政策' });
  await transitionDemand(await as('xtoffice', '2024-06-14'), policy.id, { to: 'resolved', resolution: '上门宣讲三项适用政策并协助准备技改补贴申报材料，企业已提交申报。' });
  await transitionDemand(await as('zengchunhui', '2024-06-17'), policy.id, { to: 'confirmed', rating: 5, note: '解读及时、服务到位' });

  const recruiting = await raise('zengchunhui', '2026-11-02', 'xt-office|minsheng', 'minsheng', {
    title: '协调冷链物流中心施工许可办理',
    description: '冷链物流中心二期需要办理施工许可，希望了解办理时限和需要补充的材料。',
    category: 'policy',
    urgency: 'high',
  });
  await transitionDemand(await as('xtoffice', '2026-11-03'), recruiting.id, { to: 'accepted', assigneeId: xtoffice });
  await transitionDemand(await as('xtoffice', '2026-11-05'), recruiting.id, { to: 'in_progress', note: '已与规划建设局对接，正在核对材料清单' });

  await raise('xiangtan', '2026-11-18', 'xt-discipline|jiajiamei', 'jiajiamei', {
    title: '门店消防安全检查指导',
    description: '新门店开业前希望得到消防安全检查方面的指导。',
    category: 'safety',
    urgency: 'urgent',
  });
  await raise('xiangtan', '2026-11-20', 'xt-innovation|yifeng', 'yifeng', {
    title: '联合主题党日场地',
    description: '年底联合主题党日需要一个能容纳60人的会场。',
    category: 'venue',
    urgency: 'low',
  });

  // a pairing whose end date passed is expired now, not on the next scheduler tick
  await expirePairings(ctx.db, ctx.today);
  // and a demand past its due date is with the zone's coordinator now (the 督办 on xiangtan's workbench)
  await escalateOverdueDemands(ctx.db, ctx.today);
  return { pairings: bulk.items.length + 2, demands };
}
