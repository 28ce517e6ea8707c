import { ACTIVITY_TYPE_LABELS } from './activityLabels';
import type { ActivityType } from './enums';
import type { ComplianceResult } from './rules/compliance';
import type { TermDates } from './rules/orgFindings';

// What deserves a reminder today. Each reminder has a key naming the thing it is about, so the
// same reminder is never sent twice, however often the scheduler runs.

export type ReminderKind = 'activity_due' | 'term_due' | 'term_expired' | 'resolution_overdue';

export interface Reminder {
  kind: ReminderKind;
  key: string;
  orgId: string;
  subjectType: 'org' | 'activity';
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
};

export function reminderMessage(kind: ReminderKind, params: Record<string, unknown>, orgName: string, lang: 'zh' | 'en'): string {
  const type = ACTIVITY_TYPE_LABELS[String(params.requirement) as ActivityType] as { zh: string; en: string } | undefined;
  const values: Record<string, unknown> = { ...params, org: orgName, requirementZh: type?.zh ?? params.requirement, requirementEn: type?.en ?? params.requirement };
  return MESSAGES[kind][lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  });
}
