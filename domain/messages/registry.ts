import { ACTIVITIES } from './activities';
import { ASSESSMENTS } from './assessments';
import { AUTH } from './auth';
import { COMMON } from './common';
import { IMPORTS } from './imports';
import { MEMBERS } from './members';
import { ORGS } from './orgs';
import { PAIRINGS } from './pairings';
import { PROJECTS } from './projects';
import type { Catalog, Lang, MessageParams, Texts } from './text';
import { USERS } from './users';
import { WORKBENCH } from './workbench';

// The one catalog of server messages, read by the server's error plugin (to word `message` in the
// caller's language) and by the web app (to word a code it receives). A new domain adds its file
// to CATALOGS; messages.test.ts fails on a code without both texts or one defined twice.

export const CATALOGS: Record<string, Catalog> = { COMMON, AUTH, MEMBERS, ORGS, ACTIVITIES, PAIRINGS, IMPORTS, WORKBENCH, PROJECTS, ASSESSMENTS, USERS };

const MESSAGES: Catalog = Object.assign({}, ...Object.values(CATALOGS)) as Catalog;

/** Value labels for `{param|table}` placeholders. */
const LABELS: Record<string, Record<string, Texts>> = {
  subject: {
    organization: { zh: '党组织', en: 'Organization' },
    member: { zh: '党员', en: 'Member' },
    user: { zh: '用户', en: 'User' },
    api_token: { zh: 'API 令牌', en: 'Token' },
    notification: { zh: '通知', en: 'Notification' },
    activity: { zh: '活动', en: 'Activity' },
    activity_host: { zh: '主办党组织', en: 'Host organization' },
    file: { zh: '文件', en: 'File' },
    thumbnail: { zh: '缩略图', en: 'Thumbnail' },
    import_job: { zh: '导入任务', en: 'Import job' },
    committee_seat: { zh: '委员职务', en: 'Committee seat' },
    party_group: { zh: '党小组', en: 'Party group' },
    pairing: { zh: '结对共建', en: 'Pairing' },
    demand: { zh: '诉求', en: 'Demand' },
    need: { zh: '需求', en: 'Need' },
    resource: { zh: '资源', en: 'Resource' },
    joint_project: { zh: '共建项目', en: 'Joint project' },
    secretary_project: { zh: '书记项目', en: 'Secretary project' },
    assessment: { zh: '述职评议', en: 'Assessment' },
    reporter: { zh: '述职人', en: 'Reporter' },
    follow_up: { zh: '整改事项', en: 'Follow-up' },
    campaign: { zh: '书记项目活动', en: 'Campaign' },
    milestone: { zh: '项目节点', en: 'Milestone' },
    task: { zh: '项目任务', en: 'Task' },
    weekly_report: { zh: '周报', en: 'Report' },
    obstacle: { zh: '问题', en: 'Obstacle' },
    supervision: { zh: '督导记录', en: 'Supervision' },
    requirement: { zh: '整改要求', en: 'Requirement' },
    linked_activity: { zh: '关联活动', en: 'Linked activity' },
  },
  gender: {
    male: { zh: '男', en: 'male' },
    female: { zh: '女', en: 'female' },
  },
  activityState: {
    planned: { zh: '计划', en: 'planned' },
    held: { zh: '已开展', en: 'held' },
    cancelled: { zh: '已取消', en: 'cancelled' },
  },
  pairingState: {
    draft: { zh: '草拟', en: 'draft' },
    active: { zh: '生效', en: 'active' },
    expired: { zh: '到期', en: 'expired' },
    terminated: { zh: '终止', en: 'terminated' },
  },
  projectState: {
    draft: { zh: '草稿', en: 'draft' },
    submitted: { zh: '已申报', en: 'submitted' },
    returned: { zh: '已退回', en: 'returned' },
    approved: { zh: '已批准', en: 'approved' },
    in_progress: { zh: '实施中', en: 'in_progress' },
    completed: { zh: '已完成', en: 'completed' },
    evaluated: { zh: '已评价', en: 'evaluated' },
    cancelled: { zh: '已撤销', en: 'cancelled' },
  },
  /** what a project in the wrong state refuses (server/modules/projects/plan.ts and files.ts) */
  projectRecord: {
    plan: { zh: '计划调整', en: 'plan changes' },
    report: { zh: '周报', en: 'reports' },
    supervise: { zh: '督导记录', en: 'supervision records' },
    answer: { zh: '整改答复', en: 'answers' },
    clear: { zh: '问题处理记录', en: 'obstacle updates' },
    files: { zh: '附件', en: 'files' },
  },
  assessmentState: {
    draft: { zh: '草稿', en: 'draft' },
    open: { zh: '测评中', en: 'open' },
    closed: { zh: '已结束', en: 'closed' },
    published: { zh: '已公布', en: 'published' },
  },
  demandState: {
    submitted: { zh: '提交', en: 'submitted' },
    accepted: { zh: '受理', en: 'accepted' },
    in_progress: { zh: '办理中', en: 'in_progress' },
    resolved: { zh: '办结', en: 'resolved' },
    confirmed: { zh: '确认', en: 'confirmed' },
    reopened: { zh: '重开', en: 'reopened' },
  },
  urgency: {
    low: { zh: '低', en: 'low' },
    normal: { zh: '一般', en: 'normal' },
    high: { zh: '紧急', en: 'high' },
    urgent: { zh: '特急', en: 'urgent' },
  },
  pairingItemStatus: {
    open: { zh: '待对接', en: 'open' },
    matched: { zh: '已对接', en: 'matched' },
    closed: { zh: '已关闭', en: 'closed' },
  },
  jointProjectStatus: {
    planned: { zh: '计划', en: 'planned' },
    in_progress: { zh: '实施中', en: 'in progress' },
    done: { zh: '已完成', en: 'done' },
    cancelled: { zh: '已取消', en: 'cancelled' },
  },
  pairingCategory: {
    policy: { zh: '政策服务', en: 'policy' },
    talent: { zh: '人才培训', en: 'talent' },
    venue: { zh: '场地阵地', en: 'venue' },
    market: { zh: '市场经营', en: 'market' },
    finance: { zh: '金融财税', en: 'finance' },
    safety: { zh: '安全生产', en: 'safety' },
    volunteer: { zh: '志愿服务', en: 'volunteer' },
    other: { zh: '其他', en: 'other' },
  },
};

export function isMessageCode(code: string): boolean {
  return Object.hasOwn(MESSAGES, code);
}

/** Whether `{param|table}` has a label for this value (notFound subjects, for the completeness test). */
export function hasLabel(table: string, value: string): boolean {
  return Object.hasOwn(LABELS, table) && Object.hasOwn(LABELS[table] ?? {}, value);
}

/** The label of a coded value in one of the tables above (the demands export, the audit export's changes), undefined when it has none. */
export function labelText(table: string, value: string, lang: Lang): string | undefined {
  return hasLabel(table, value) ? LABELS[table]![value]![lang] : undefined;
}

/** Every code with its texts, for the completeness test. */
export function allMessages(): Readonly<Catalog> {
  return MESSAGES;
}

/**
 * The text of `code` in `lang` with its parameters filled in, or undefined for a code the catalog
 * does not know (the caller then shows the message it was given).
 */
export function messageText(code: string, params: MessageParams | undefined, lang: Lang): string | undefined {
  const texts = Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : undefined;
  if (!texts) return undefined;
  return texts[lang].replace(/\{(\w+)(?:\|(\w+))?\}/g, (whole, name: string, table?: string) => {
    const value = params?.[name];
    if (value === undefined) return whole;
    const label = table ? LABELS[table]?.[String(value)] : undefined;
    return label ? label[lang] : String(value);
  });
}

/** The language to answer in from an Accept-Language header: the first of zh or en by preference, Chinese by default. */
export function languageOf(header: string | undefined): Lang {
  if (!header) return 'zh';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)/.exec(r)?.[1]).find(Boolean);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}
