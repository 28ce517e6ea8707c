import { asc, eq } from 'drizzle-orm';
import { addDays, addMonths } from '../../domain/dates';
import type { ActivityType } from '../../domain/enums';
import type { ActivityCreate } from '../../domain/schemas/activities';
import type { Ctx } from '../context';
import { members } from '../db/schema/members';
import { createActivity } from '../modules/activities/service';
import { DEMO_TREE, type DemoOrg } from './seedData';

// The activities the five news reports describe, and a year of routine branch life in every branch,
// with the gaps some real branches have, so that compliance has something to show.

interface SeedActivity {
  day: string;
  type: ActivityType;
  hosts: string[];
  theme: string;
  place?: string;
  presider?: string;
  speaker?: string;
  online?: boolean;
  subVenues?: string[];
  agenda?: string;
  minutes?: string;
  /** named people present; with `everyone`, the hosts' whole rosters are expected */
  present?: string[];
}

const FROM_SEEDS: SeedActivity[] = [
  {
    day: '2022-12-08',
    type: 'other',
    hosts: ['hse', 'haijiang'],
    theme: '党建共享活动暨党建共建协议签约仪式',
    place: '中海油惠州石化HSE中心',
    presider: '吕迪',
    agenda: '参观HSE中心党支部阵地\n交流基层党建工作经验\n签订党建共建协议',
    minutes: '吕迪介绍HSE中心党支部基层党建工作。\n\n李江山指出，惠州石化党支部一直把安全管理作为党建工作的出发点和落脚点。\n\n高其英表示，与HSE中心党支部签订党建共建协议，将推动党建与业务深度融合、互促共进。',
    present: ['李江山', '刘冲', '陈子健', '吕迪', '高其英', '叶军', '朱卫东'],
  },
  {
    day: '2022-01-24',
    type: 'other',
    hosts: ['bluestar'],
    theme: '2021年度所属企业党组织书记抓基层党建工作述职评议考核会议',
    place: '蓝星总部主会场',
    online: true,
    subVenues: Array.from({ length: 19 }, (_, i) => `蓝星所属企业${String(i + 1).padStart(2, '0')}分会场`),
    presider: '朱晓磊',
    speaker: '郝志刚',
    agenda: '19家所属企业党组织书记述职\n现场测评打分\n党委书记讲话',
    present: ['郝志刚', '朱晓磊'],
  },
  {
    day: '2023-04-27',
    type: 'joint_meeting',
    hosts: ['xinruifeng', 'workshop2'],
    theme: '党支部联席会议暨党支部工作联系点会议',
    place: '新锐丰技术中心会议室',
    presider: '周金龙',
    agenda: '学习习近平总书记考察江西重要讲话精神\n两个党支部书记分别汇报2022年党建工作开展情况、存在问题及2023年工作打算\n交流研讨',
    minutes: '周金龙对两个支部的工作进行了点评，并提出三点要求：一要深刻认识加强基层党建工作的重大现实意义；二要充分发挥基层党建引领示范作用；三要争创模范党支部。',
  },
  {
    day: '2022-04-26',
    type: 'other',
    hosts: ['maoming'],
    theme: '2022年度“书记项目”启动仪式',
    place: '茂名港集团会议室',
    presider: '肖炳章',
    speaker: '王志华',
    agenda: '通报《茂名港集团“书记项目”实施方案》\n宣读集团党委关于2022年度基层党建“书记项目”的批复\n为6个“书记项目”授牌\n党支部书记代表发言',
    present: ['王志华', '肖炳章', '杨超灿', '陈军', '朱光宇'],
  },
  {
    day: '2024-05-16',
    type: 'other',
    hosts: ['xiangtan'],
    theme: '机关党组织与两新党组织结对共建启动仪式',
    place: '湘潭高新区',
    present: ['陈蓉'],
  },
  { day: '2024-05-24', type: 'micro_lesson', hosts: ['xt-office', 'minsheng'], theme: '微党课：培育工匠精神，坚持创新发展，传承企业文化', place: '民生药业党员活动室', speaker: '曾春晖', present: ['曾春晖'] },
  { day: '2024-05-28', type: 'theme_day', hosts: ['xt-discipline', 'jiajiamei'], theme: '“文明健步行、禁毒知识宣讲”主题党日', place: '湘潭高新区' },
  { day: '2024-05-31', type: 'theme_day', hosts: ['xt-office', 'minsheng'], theme: '“庆六一·暖童心”主题党日', place: '国强社区' },
  { day: '2024-05-31', type: 'theme_day', hosts: ['xt-innovation', 'yifeng'], theme: '“庆六一·暖童心”主题党日', place: '屹丰集团' },
  { day: '2024-06-05', type: 'study_session', hosts: ['xt-entrepreneurship', 'yongfei', 'deloitte', 'hengchuang'], theme: '共同学习《中国共产党纪律处分条例》', place: '永飞党支部会议室' },
];

/**
 * The branches that lag, and the months (0 = twelve months ago, 11 = last month) each one skipped; every other branch
 * and general branch of the demo keeps a full year of routine life, as most do. Several lag inside the dashboard's
 * half-year heatmap: 建车 holds nothing, 力合 missed two recent months, 社会事务局 last month.
 */
const LAGGING: Record<string, { skipThemeDay: number[]; skipCommittee: number[] }> = {
  hse: { skipThemeDay: [4], skipCommittee: [2, 7] },
  haijiang: { skipThemeDay: [], skipCommittee: [5] },
  xinruifeng: { skipThemeDay: [1, 8], skipCommittee: [] },
  workshop2: { skipThemeDay: [3, 6, 9], skipCommittee: [0, 1, 2] },
  'maoming-3': { skipThemeDay: [10], skipCommittee: [4] },
  'xt-office': { skipThemeDay: [], skipCommittee: [6] },
  jiajiamei: { skipThemeDay: [2, 5], skipCommittee: [] },
  minsheng: { skipThemeDay: [7], skipCommittee: [3, 9] },
  lihe: { skipThemeDay: [9, 10], skipCommittee: [] },
  'xt-social': { skipThemeDay: [11], skipCommittee: [] },
  jianche: { skipThemeDay: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], skipCommittee: [] },
};

/** A branch of seven full members or more elects a committee that meets monthly (the default rule pack). */
const COMMITTEE_FROM = 7;

function routineOrgs(tree: readonly DemoOrg[]): { key: string; committee: boolean }[] {
  return tree.flatMap((o) => [
    ...(['branch', 'joint_branch', 'general_branch'].includes(o.type) ? [{ key: o.key, committee: o.synthetic[0] + (o.people?.length ?? 0) >= COMMITTEE_FROM }] : []),
    ...routineOrgs(o.children ?? []),
  ]);
}

const THEMES = ['学习贯彻党的二十大精神', '安全生产责任落实', '重温入党誓词', '志愿服务进社区', '学习党章党规', '党史学习教育', '廉洁文化建设', '岗位建功'];

function at(day: string, hour: number): string {
  return `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
}

export async function loadDemoActivities(ctx: Ctx, orgIds: Map<string, string>): Promise<number> {
  const rosterCache = new Map<string, { id: string; name: string }[]>();
  const roster = async (orgId: string) => {
    if (!rosterCache.has(orgId)) {
      rosterCache.set(orgId, await ctx.db.select({ id: members.id, name: members.name }).from(members).where(eq(members.orgId, orgId)).orderBy(asc(members.name)));
    }
    return rosterCache.get(orgId)!;
  };
  const byName = async (hostIds: string[], name: string) => {
    for (const id of hostIds) {
      const m = (await roster(id)).find((r) => r.name === name);
      if (m) return m.id;
    }
    const [m] = await ctx.db.select({ id: members.id }).from(members).where(eq(members.name, name));
    return m?.id;
  };
  let count = 0;
  const add = async (input: ActivityCreate) => {
    await createActivity(ctx, input);
    count += 1;
  };

  for (const s of FROM_SEEDS) {
    const hostOrgIds = s.hosts.map((k) => orgIds.get(k)!);
    const presiderMemberId = s.presider ? ((await byName(hostOrgIds, s.presider)) ?? null) : null;
    const presentIds = new Set<string>();
    for (const n of s.present ?? []) {
      const id = await byName(hostOrgIds, n);
      if (id) presentIds.add(id);
    }
    await add({
      type: s.type,
      hostOrgIds,
      state: 'held',
      startsAt: at(s.day, 9),
      endsAt: at(s.day, 11),
      theme: s.theme,
      place: s.place ?? null,
      online: s.online ?? false,
      subVenues: s.subVenues ?? [],
      presiderMemberId,
      speaker: s.speaker ?? null,
      agenda: s.agenda ?? null,
      minutes: s.minutes ?? null,
      attendees: [...presentIds].map((memberId) => ({ memberId, status: 'present' as const })),
    });
  }

  // The twelve full months before this one: held, with gaps; this month: planned only.
  const thisMonth = ctx.today.slice(0, 8) + '01';
  for (const org of routineOrgs(DEMO_TREE)) {
    const branch = { ...org, ...(LAGGING[org.key] ?? { skipThemeDay: [], skipCommittee: [] }) };
    const orgId = orgIds.get(branch.key);
    if (!orgId) continue;
    const people = await roster(orgId);
    for (let m = 0; m < 12; m++) {
      const month = addMonths(thisMonth, m - 12);
      const attendees = people.map((p, i) =>
        i % 9 === 4 ? { memberId: p.id, status: 'absent' as const, reason: '出差' } : i % 11 === 7 ? { memberId: p.id, status: 'excused' as const, reason: '病假' } : { memberId: p.id, status: 'present' as const },
      );
      const base = { hostOrgIds: [orgId], state: 'held' as const, place: '党员活动室', presiderMemberId: people[0]?.id ?? null, attendees };
      if (!branch.skipThemeDay.includes(m)) {
        const day = addDays(month, 14);
        await add({ ...base, type: 'theme_day', startsAt: at(day, 15), endsAt: at(day, 17), theme: `主题党日：${THEMES[m % THEMES.length]}` });
      }
      if (branch.committee && !branch.skipCommittee.includes(m)) {
        const day = addDays(month, 4);
        const committee = attendees.slice(0, 5).map((a) => ({ ...a, status: 'present' as const, reason: null }));
        await add({ ...base, type: 'committee_meeting', attendees: committee, startsAt: at(day, 9), endsAt: at(day, 10), theme: '支委会：研究部署本月工作' });
      }
      if (m % 3 === 1) {
        const day = addDays(month, 20);
        await add({ ...base, type: 'general_assembly', startsAt: at(day, 14), endsAt: at(day, 16), theme: '支部党员大会：通报季度工作' });
      }
      if (m === 5 && branch.key !== 'jianche') {
        const day = addDays(month, 9);
        await add({ ...base, type: 'party_lecture', startsAt: at(day, 14), endsAt: at(day, 16), speaker: people[0]?.name ?? null, theme: '书记讲党课：以高质量党建引领高质量发展' });
      }
      if (m === 8 && people.length >= 2) {
        const day = addDays(month, 11);
        const pair = [people[0]!.id, people[1]!.id];
        await add({ ...base, type: 'heart_talk', attendees: pair.map((memberId) => ({ memberId, status: 'present' as const })), talkMemberIds: pair, startsAt: at(day, 10), endsAt: at(day, 11), theme: '谈心谈话' });
      }
      if (month.endsWith('-12-01') && branch.key !== 'workshop2') {
        await add({ ...base, type: 'life_meeting', startsAt: at(addDays(month, 24), 9), endsAt: at(addDays(month, 24), 12), theme: '年度组织生活会' });
        await add({ ...base, type: 'democratic_evaluation', startsAt: at(addDays(month, 24), 14), endsAt: at(addDays(month, 24), 16), theme: '民主评议党员' });
      }
    }
    const planned = addDays(thisMonth, 27);
    await add({ ...base(orgId), type: 'theme_day', startsAt: at(planned, 15), endsAt: at(planned, 17), theme: '主题党日（计划）' });
  }
  return count;
}

function base(orgId: string) {
  return { hostOrgIds: [orgId], state: 'planned' as const, place: '党员活动室' };
}
