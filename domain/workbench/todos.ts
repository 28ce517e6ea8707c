import { addDays } from '../dates';
import type { DemandState } from '../pairings/enums';
import type { Reminder, ReminderKind } from '../reminders';

// What waits for one person on the workbench (工作台). To-dos are computed from the records on every
// read, so one disappears as soon as its work is done; the write that does the work settles the
// reminders sent about the same thing (settledDemandKinds, server/modules/notifications).

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
  // debriefing assessments the caller organizes: one to prepare (a draft held within ASSESSMENT_PREPARE_DAYS), one scoring now
  'assessment_prepare',
  'assessment_open',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export interface Todo {
  kind: TodoKind;
  subjectType: 'demand' | 'org' | 'activity' | 'secretary_project' | 'assessment';
  subjectId: string;
  title: string;
  dueOn?: string;
  orgId: string;
}

/** How many days before it is held a draft assessment shows on its organizer's workbench. */
export const ASSESSMENT_PREPARE_DAYS = 14;

/** The to-do an assessment is for its organizer: a draft held soon is to be prepared, an open one is scoring now. */
export function assessmentTodoKind(
  a: { state: string; heldOn: string },
  today: string,
): Extract<TodoKind, `assessment_${string}`> | null {
  if (a.state === 'open') return 'assessment_open';
  if (a.state === 'draft' && a.heldOn <= addDays(today, ASSESSMENT_PREPARE_DAYS)) return 'assessment_prepare';
  return null;
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
      const mine =
        d.assigneeId !== null
          ? d.assigneeId === who.userId
          : d.assignedOrgId !== null && who.actingOrgIds.includes(d.assignedOrgId);
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
export function todoOfReminder(r: Reminder, title: string): Todo {
  const todo: Todo = {
    kind: r.kind as TodoKind,
    subjectType: r.subjectType as Todo['subjectType'],
    subjectId: r.subjectId,
    title,
    orgId: r.orgId,
  };
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
/** The steps of a demand that wait for someone in this state (whoever that is). */
function waitingSteps(d: Pick<DemandFacts, 'state' | 'escalatedOn'>): TodoKind[] {
  switch (d.state) {
    case 'submitted':
      return ['demand_accept'];
    case 'accepted':
    case 'in_progress':
    case 'reopened':
      return d.escalatedOn !== null ? ['demand_work', 'demand_escalated'] : ['demand_work'];
    case 'resolved':
      return ['demand_confirm'];
    case 'confirmed':
      return [];
  }
}

/**
 * The reminders about a demand that its move to this state settles: those asking for a step that no longer waits
 * (accepting once accepted, working once resolved, confirming once confirmed or reopened, following up once
 * resolved). The notices that only tell (a rating) are left for their reader.
 */
export function settledDemandKinds(d: Pick<DemandFacts, 'state' | 'escalatedOn'>): ReminderKind[] {
  const waiting = waitingSteps(d);
  return (Object.keys(DEMAND_STEP) as ReminderKind[]).filter((kind) => !waiting.includes(DEMAND_STEP[kind]!));
}
