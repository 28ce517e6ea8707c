import { addDays } from '../dates';
import { missingReportWeeks, supervisionDueOn } from './health';
import type { CampaignSettings } from './settings';
import { isoWeekday, weekKey } from './weeks';

// What a running project should be reminded of today, and whom: the leader files the weekly report (from Friday of
// the week, and once the week has passed without it), keeps the milestones and answers the supervisors'
// requirements; the supervisors visit on cadence. Each reminder's key names the week, the milestone, the visit window
// or the requirement, so running the scheduler again never repeats one.

export type ProjectReminderKind =
  | 'project_report_due'
  | 'project_report_missing'
  | 'project_milestone_due'
  | 'project_milestone_overdue'
  | 'project_supervision_due'
  | 'project_requirement_unanswered';

export interface RunningProject {
  id: string;
  title: string;
  startOn: string;
  endOn: string;
  launchedOn: string | null;
  lastReportWeek: string | null;
  lastVisitOn: string | null;
  milestones: { id: string; title: string; dueOn: string; doneOn: string | null }[];
  requirements: { id: string; description: string; dueOn: string | null; answeredOn: string | null }[];
}

export interface ProjectReminder {
  kind: ProjectReminderKind;
  key: string;
  projectId: string;
  to: 'leader' | 'supervisors';
  params: Record<string, string | number>;
}

const short = (text: string, max = 40) => (text.length > max ? text.slice(0, max - 1) + '…' : text);

export function projectReminders(p: RunningProject, today: string, s: CampaignSettings): ProjectReminder[] {
  if (today < p.startOn || today > p.endOn) return [];
  const out: ProjectReminder[] = [];
  const title = short(p.title);
  const add = (kind: ProjectReminderKind, key: string, to: ProjectReminder['to'], params: Record<string, string | number>) =>
    out.push({ kind, key: `${kind}:${p.id}:${key}`, projectId: p.id, to, params: { title, ...params } });

  const thisWeek = weekKey(today);
  if (isoWeekday(today) >= 5 && (p.lastReportWeek === null || p.lastReportWeek < thisWeek)) add('project_report_due', thisWeek, 'leader', { week: thisWeek });
  const missing = missingReportWeeks(p, today);
  if (missing.length > 0) add('project_report_missing', missing.at(-1)!, 'leader', { week: missing.at(-1)!, count: missing.length });

  for (const m of p.milestones) {
    if (m.doneOn !== null) continue;
    if (m.dueOn < today) add('project_milestone_overdue', m.id, 'leader', { milestone: short(m.title), dueOn: m.dueOn });
    else if (m.dueOn <= addDays(today, s.milestoneDaysBefore)) add('project_milestone_due', m.id, 'leader', { milestone: short(m.title), dueOn: m.dueOn });
  }
  for (const r of p.requirements) {
    if (r.answeredOn === null && r.dueOn !== null && r.dueOn < today) add('project_requirement_unanswered', r.id, 'leader', { requirement: short(r.description), dueOn: r.dueOn });
  }
  if (p.launchedOn) {
    const due = supervisionDueOn(p.lastVisitOn, p.launchedOn, s);
    if (due <= today) add('project_supervision_due', due, 'supervisors', { dueOn: due });
  }
  return out;
}
