import type { Catalog } from './text';

// The titles of the workbench's to-dos (the others are worded as the scheduler's reminders, domain/reminders.ts).

export const WORKBENCH: Catalog = {
  todo_demand_accept: { zh: '受理{org}提出的诉求“{title}”', en: 'Accept the demand "{title}" raised by {org}' },
  todo_demand_work: { zh: '办理诉求“{title}”', en: 'Work on the demand "{title}"' },
  todo_demand_confirm: { zh: '确认并评价诉求“{title}”的办理结果', en: 'Confirm and rate the settlement of the demand "{title}"' },
  todo_demand_escalated: { zh: '督办超期诉求“{title}”', en: 'Follow up the overdue demand "{title}"' },
  todo_activity_cohost_to_accept: { zh: '确认是否共同主办{org}{heldOn}的活动“{theme}”', en: 'Accept or decline co-hosting "{theme}" of {org} on {heldOn}' },
  todo_assessment_prepare: { zh: '筹备{heldOn}召开的“{title}”：述职人、测评人与测评码', en: 'Prepare "{title}" held on {heldOn}: reporters, raters and ballot codes' },
  todo_assessment_open: { zh: '“{title}”正在测评：关注投票进度，结束后关闭测评', en: '"{title}" is scoring now: watch the turnout and close it at the end' },
};
