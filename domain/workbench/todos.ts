import type { DemandState } from '../pairings/enums';
import type { Reminder, ReminderKind } from '../reminders';

// What waits for one person on the workbench (工作台). To-dos are computed from the records on every
// read, so one disappears as soon as its work is done; the reminders sent about the same thing are
// then read as resolved (notificationsToResolve).

export const TODO_KINDS = [
  'demand_accept',
  'demand_work',
  'demand_confirm',
  'demand_escalated',
  'activity_due',
  'term_due',
  'term_expired',
  'resolution_overdue',
  // secretary projects the caller leads (or, without a leader, whose organization the caller manages)
  'project_report_due',
  'project_report_missing',
  'project_milestone_overdue',
  // a joint activity naming an organization the caller manages as co-host, waiting for its consent
  'activity_cohost_to_accept',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export interface Todo {
  kind: TodoKind;
  subjectType: 'demand' | 'org' | 'activity' | 'secretary_project';
  subjectId: string;
  title: string;
  dueOn?: string;
  orgId: string;
}

export interface DemandFacts {
  state: DemandState;
  raisedByOrgId: string;
  assignedOrgId: string | null;
  assigneeId: string | null;
  escalatedOn: string | null;
}

export interface DemandWho {
  userId: string;
  /** the party organizations of the demand's pairing the person acts for */
  actingOrgIds: readonly string[];
  /** acts for the pairing's coordinator */
  coordinator: boolean;
}

/**
 * The step of a demand that waits for this person (domain/pairings/demands.ts `nextActor`): accepting it for a
 * partner, working on it as its assignee (or, with no assignee, for the assigned organization), confirming it for
 * the raiser; a coordinator follows up an escalated one nobody else settles.
 */
export function demandTodoKind(d: DemandFacts, who: DemandWho): Extract<TodoKind, `demand_${string}`> | null {
  switch (d.state) {
    case 'submitted':
      return who.actingOrgIds.some((o) => o !== d.raisedByOrgId) ? 'demand_accept' : null;
    case 'accepted':
    case 'in_progress':
    case 'reopened': {
      const mine = d.assigneeId !== null ? d.assigneeId === who.userId : d.assignedOrgId !== null && who.actingOrgIds.includes(d.assignedOrgId);
      if (mine) return 'demand_work';
      return who.coordinator && d.escalatedOn !== null ? 'demand_escalated' : null;
    }
    case 'resolved':
      return who.actingOrgIds.includes(d.raisedByOrgId) ? 'demand_confirm' : null;
    case 'confirmed':
      return null;
  }
}

/** A reminder of the scheduler as a to-do: the same thing, keyed alike. */
export function todoOfReminder(r: Reminder, title: string): Todo & { key: string } {
  const todo: Todo & { key: string } = { kind: r.kind as TodoKind, subjectType: r.subjectType as Todo['subjectType'], subjectId: r.subjectId, title, orgId: r.orgId, key: r.key };
  const dueOn = r.params.dueOn ?? r.params.expiresOn;
  if (typeof dueOn === 'string') todo.dueOn = dueOn;
  return todo;
}

/** Which to-do a reminder asks for: the demand moves name the step they hand over. */
const DEMAND_STEP: Partial<Record<ReminderKind, TodoKind>> = {
  demand_submitted: 'demand_accept',
  demand_accepted: 'demand_work',
  demand_in_progress: 'demand_work',
  demand_reopened: 'demand_work',
  demand_resolved: 'demand_confirm',
  demand_escalated: 'demand_escalated',
};
const BY_KEY: readonly ReminderKind[] = ['activity_due', 'term_due', 'term_expired', 'resolution_overdue', 'project_report_due', 'project_report_missing', 'project_milestone_overdue'];

export const RESOLVABLE_KINDS: readonly ReminderKind[] = [...(Object.keys(DEMAND_STEP) as ReminderKind[]), ...BY_KEY];

export interface UnreadReminder {
  id: string;
  kind: ReminderKind;
  key: string;
  subjectId: string;
  /** the organization the reminder is about */
  orgId: string | null;
}

/**
 * The unread reminders whose work is done: a demand reminder once the step it asked for no longer waits for this
 * person; an activity, term or resolution reminder once its organization was looked at and no to-do carries its
 * key. Reminders about organizations the workbench did not look at stay as they are.
 */
export function notificationsToResolve(
  unread: readonly UnreadReminder[],
  todos: readonly (Todo & { key?: string })[],
  lookedAt: { demands: boolean; orgIds: ReadonlySet<string> },
): string[] {
  const demandSteps = new Set(todos.filter((t) => t.subjectType === 'demand').map((t) => `${t.kind}:${t.subjectId}`));
  const keys = new Set(todos.flatMap((t) => (t.key ? [t.key] : [])));
  return unread
    .filter((n) => {
      const step = DEMAND_STEP[n.kind];
      if (step) return lookedAt.demands && !demandSteps.has(`${step}:${n.subjectId}`);
      if (!BY_KEY.includes(n.kind) || n.orgId === null || !lookedAt.orgIds.has(n.orgId)) return false;
      return !keys.has(n.key);
    })
    .map((n) => n.id);
}
