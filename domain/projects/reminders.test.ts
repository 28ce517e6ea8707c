import { describe, expect, it } from 'vitest';
import { projectReminders, type RunningProject } from './reminders';
import { DEFAULT_SETTINGS } from './settings';

const p: RunningProject = {
  id: 'p1',
  title: '码头安全隐患“清零”行动',
  startOn: '2022-04-26',
  endOn: '2022-12-31',
  launchedOn: '2022-04-26',
  lastReportWeek: '2022-W21',
  lastVisitOn: '2022-05-20',
  milestones: [
    { id: 'm1', title: '完成隐患排查', dueOn: '2022-05-29', doneOn: null },
    { id: 'm2', title: '整改方案', dueOn: '2022-05-20', doneOn: null },
    { id: 'm3', title: '动员', dueOn: '2022-05-01', doneOn: '2022-05-01' },
  ],
  requirements: [
    { id: 'r1', description: '补充台账', dueOn: '2022-05-25', answeredOn: null },
    { id: 'r2', description: '已答复', dueOn: '2022-05-25', answeredOn: '2022-05-24' },
  ],
};
const kinds = (today: string, project = p) => projectReminders(project, today, DEFAULT_SETTINGS).map((r) => `${r.kind}:${r.to}`);

describe('project reminders', () => {
  it('reminds the leader of the week report from Friday, of milestones due and overdue, of unanswered requirements', () => {
    // Friday 27 May 2022, W21 already filed: no report reminder
    expect(kinds('2022-05-27')).toEqual(['project_milestone_due:leader', 'project_milestone_overdue:leader', 'project_requirement_unanswered:leader']);
    // Friday 3 June (W22 not filed): due this week
    expect(kinds('2022-06-03')).toContain('project_report_due:leader');
    // Monday 6 June: W22 passed without a report
    const monday = projectReminders(p, '2022-06-06', DEFAULT_SETTINGS).find((r) => r.kind === 'project_report_missing');
    expect(monday).toMatchObject({ key: 'project_report_missing:p1:2022-W22', params: { week: '2022-W22', count: 1 } });
  });

  it('reminds the supervisors a month after the last visit, once per window', () => {
    expect(kinds('2022-06-19')).not.toContain('project_supervision_due:supervisors');
    const due = projectReminders(p, '2022-06-20', DEFAULT_SETTINGS).find((r) => r.kind === 'project_supervision_due');
    expect(due).toMatchObject({ key: 'project_supervision_due:p1:2022-06-20', to: 'supervisors' });
  });

  it('says nothing outside the project dates', () => {
    expect(kinds('2023-01-02')).toEqual([]);
  });
});
