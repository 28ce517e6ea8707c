import { ACTIVITY_TYPE_LABELS } from './activityLabels';
import type { ActivityType } from './enums';
import type { ComplianceResult } from './rules/compliance';
import type { TermDates } from './rules/orgFindings';

// What deserves a reminder today. Each reminder has a key naming the thing it is about, so the
// same reminder is never sent twice, however often the scheduler runs.

export const REMINDER_KINDS = [
  'activity_due',
  'term_due',
  'term_expired',
  'resolution_overdue',
  // the demand workflow of a pairing: each tells the next actor what to do (server/modules/demands)
  'demand_submitted',
  'demand_accepted',
  'demand_in_progress',
  'demand_resolved',
  'demand_confirmed',
  'demand_reopened',
  'demand_escalated',
  // a pairing made by someone outside a party's scope waits for that side (server/modules/pairings)
  'pairing_consent',
  'pairing_accepted',
  // the agreement's keeper reminds the parties of selected pairings (催办, a batch action of the pairing list)
  'pairing_reminder',
  // a joint activity naming a co-host without its consent waits for that side (server/modules/activities)
  'activity_cohost',
  'activity_cohost_accepted',
  'activity_cohost_declined',
  // secretary projects (server/modules/projects): each move tells the next actor; the scheduler's reminders follow
  'project_submitted',
  'project_approved',
  'project_returned',
  'project_in_progress',
  'project_completed',
  'project_evaluated',
  'project_cancelled',
  'project_report_due',
  'project_report_missing',
  'project_milestone_due',
  'project_milestone_overdue',
  'project_supervision_due',
  'project_requirement_unanswered',
  // debriefing assessments (server/modules/assessments): a ballot code issued in-app, a follow-up item past its due date
  'assessment_code',
  'follow_up_overdue',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  kind: ReminderKind;
  key: string;
  orgId: string;
  subjectType: 'org' | 'activity' | 'demand' | 'pairing' | 'secretary_project' | 'assessment';
  subjectId: string;
  params: Record<string, string | number>;
}

/** A required activity of the current period, not yet held, with at most `daysBefore` days left. */
export function activityReminders(orgId: string, results: readonly ComplianceResult[], daysBefore: number): Reminder[] {
  return results
    .filter((r) => r.status === 'due' && r.daysLeft !== undefined && r.daysLeft <= daysBefore)
    .map((r) => {
      const current = r.subPeriods?.find((s) => s.status === 'due')?.label ?? r.window;
      return {
        kind: 'activity_due' as const,
        key: `activity_due:${orgId}:${r.id}:${current}`,
        orgId,
        subjectType: 'org' as const,
        subjectId: orgId,
        params: { requirement: r.requirement, period: current, daysLeft: r.daysLeft!, required: r.required },
      };
    });
}

/** The term is due for the reminder (six months before expiry by default), or has expired. */
export function termReminders(orgId: string, term: TermDates | null, today: string): Reminder[] {
  if (!term) return [];
  if (today >= term.expiresOn) {
    return [{ kind: 'term_expired', key: `term_expired:${orgId}:${term.expiresOn}`, orgId, subjectType: 'org', subjectId: orgId, params: { expiresOn: term.expiresOn } }];
  }
  if (today >= term.remindOn) {
    return [{ kind: 'term_due', key: `term_due:${orgId}:${term.expiresOn}`, orgId, subjectType: 'org', subjectId: orgId, params: { expiresOn: term.expiresOn } }];
  }
  return [];
}

export interface OpenResolution {
  id: string;
  activityId: string;
  orgId: string;
  text: string;
  dueOn: string | null;
  doneOn: string | null;
}

/** A resolution past its due date and not done. */
export function resolutionReminders(resolutions: readonly OpenResolution[], today: string): Reminder[] {
  return resolutions
    .filter((r) => r.dueOn !== null && r.doneOn === null && r.dueOn < today)
    .map((r) => ({
      kind: 'resolution_overdue' as const,
      key: `resolution_overdue:${r.id}`,
      orgId: r.orgId,
      subjectType: 'activity' as const,
      subjectId: r.activityId,
      params: { text: r.text.length > 60 ? r.text.slice(0, 59) + '…' : r.text, dueOn: r.dueOn! },
    }));
}

const MESSAGES: Record<ReminderKind, { zh: string; en: string }> = {
  activity_due: { zh: '{org}：{period} 尚未开展{requirementZh}，还剩 {daysLeft} 天', en: '{org}: no {requirementEn} held yet in {period}; {daysLeft} days left' },
  term_due: { zh: '{org}：任期将于 {expiresOn} 届满，请做好换届准备', en: '{org}: the term expires on {expiresOn}; prepare the election' },
  term_expired: { zh: '{org}：任期已于 {expiresOn} 届满，应按期换届', en: '{org}: the term expired on {expiresOn}; an election is due' },
  resolution_overdue: { zh: '{org}：决议事项“{text}”已超过完成时限 {dueOn}', en: '{org}: the resolution "{text}" was due on {dueOn}' },
  demand_submitted: { zh: '{org}提出诉求“{title}”，请受理', en: '{org} raised the demand "{title}"; please accept it' },
  demand_accepted: { zh: '{org}受理了诉求“{title}”并交由您办理，办结时限 {dueOn}', en: '{org} accepted the demand "{title}" and assigned it to you; due on {dueOn}' },
  demand_in_progress: { zh: '{org}：诉求“{title}”有新的办理进展', en: '{org}: progress on the demand "{title}"' },
  demand_resolved: { zh: '{org}已办结诉求“{title}”，请确认并评价', en: '{org} resolved the demand "{title}"; please confirm and rate it' },
  demand_confirmed: { zh: '{org}确认了诉求“{title}”的办理结果，满意度 {rating} 分', en: '{org} confirmed the demand "{title}" with a satisfaction of {rating}/5' },
  demand_reopened: { zh: '{org}重开了诉求“{title}”：{reason}', en: '{org} reopened the demand "{title}": {reason}' },
  demand_escalated: { zh: '{org}办理的诉求“{title}”已超过办结时限 {dueOn}，请督办', en: 'The demand "{title}" handled by {org} passed its due date {dueOn} unsettled; please follow it up' },
  pairing_consent: { zh: '{org}提议与您结对共建“{title}”，请确认', en: '{org} proposes the pairing "{title}" with you; please accept it' },
  pairing_accepted: { zh: '{org}已确认结对共建“{title}”', en: '{org} accepted the pairing "{title}"' },
  pairing_reminder: { zh: '{org}催办结对共建“{title}”：{note}', en: '{org} reminds you of the pairing "{title}": {note}' },
  activity_cohost: { zh: '{org}邀请贵组织共同主办{heldOn}的活动“{theme}”，确认后计入贵组织的组织生活', en: '{org} names your organization a co-host of "{theme}" on {heldOn}; it counts for you once you accept' },
  activity_cohost_accepted: { zh: '{org}已确认共同主办活动“{theme}”（{heldOn}）', en: '{org} accepted to co-host "{theme}" ({heldOn})' },
  activity_cohost_declined: { zh: '{org}谢绝共同主办活动“{theme}”（{heldOn}），已从主办组织中移除', en: '{org} declined to co-host "{theme}" ({heldOn}) and was taken off its hosts' },
  project_submitted: { zh: '{org}申报了书记项目“{title}”，请审批', en: '{org} applied with the secretary project "{title}"; please review it' },
  project_approved: { zh: '书记项目“{title}”已获批准（{noticeNo}）', en: 'The secretary project "{title}" was approved ({noticeNo})' },
  project_returned: { zh: '书记项目“{title}”被退回修改：{note}', en: 'The secretary project "{title}" was returned for changes: {note}' },
  project_in_progress: { zh: '书记项目“{title}”已启动，请按周报送进展', en: 'The secretary project "{title}" was launched; report its progress weekly' },
  project_completed: { zh: '{org}的书记项目“{title}”已结项，请组织评价', en: '{org} completed the secretary project "{title}"; please evaluate it' },
  project_evaluated: { zh: '书记项目“{title}”评价完成：{grade}', en: 'The secretary project "{title}" was evaluated: {grade}' },
  project_cancelled: { zh: '书记项目“{title}”已撤销：{reason}', en: 'The secretary project "{title}" was cancelled: {reason}' },
  project_report_due: { zh: '书记项目“{title}”本周（{week}）进展尚未报送', en: 'The secretary project "{title}": this week\'s report ({week}) is due' },
  project_report_missing: { zh: '书记项目“{title}”已缺报 {count} 周周报（最近 {week}）', en: 'The secretary project "{title}" is missing {count} weekly reports (latest {week})' },
  project_milestone_due: { zh: '书记项目“{title}”的节点“{milestone}”将于 {dueOn} 到期', en: 'The secretary project "{title}": the milestone "{milestone}" is due on {dueOn}' },
  project_milestone_overdue: { zh: '书记项目“{title}”的节点“{milestone}”已超过 {dueOn} 未完成', en: 'The secretary project "{title}": the milestone "{milestone}" was due on {dueOn}' },
  project_supervision_due: { zh: '书记项目“{title}”应于 {dueOn} 前开展现场督导', en: 'The secretary project "{title}" is due a field supervision visit by {dueOn}' },
  project_requirement_unanswered: { zh: '书记项目“{title}”的督导要求“{requirement}”已过 {dueOn} 尚未答复', en: 'The secretary project "{title}": the supervision requirement "{requirement}" was due on {dueOn} and is unanswered' },
  assessment_code: { zh: '“{title}”的测评码：{code}，打开 {link} 即可测评（一码一票，请勿转给他人）', en: 'Your ballot code for "{title}": {code}; open {link} to score (one ballot per code; do not pass it on)' },
  follow_up_overdue: { zh: '{org}：“{title}”整改事项“{problem}”已过 {dueOn} 尚未完成', en: '{org}: the follow-up item "{problem}" of "{title}" was due on {dueOn} and is not done' },
};

export function reminderMessage(kind: ReminderKind, params: Record<string, unknown>, orgName: string, lang: 'zh' | 'en'): string {
  const type = ACTIVITY_TYPE_LABELS[String(params.requirement) as ActivityType] as { zh: string; en: string } | undefined;
  const values: Record<string, unknown> = { ...params, org: orgName, requirementZh: type?.zh ?? params.requirement, requirementEn: type?.en ?? params.requirement };
  return MESSAGES[kind][lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  });
}
