import { abilitiesWithin, authorize } from '../../../domain/access';
import { addDays, addMonths } from '../../../domain/dates';
import type { OrgType, Sector } from '../../../domain/enums';
import { messageText } from '../../../domain/messages/registry';
import type { DemandState } from '../../../domain/pairings/enums';
import {
  activityReminders,
  reminderMessage,
  resolutionReminders,
  termReminders,
  type Reminder,
} from '../../../domain/reminders';
import { projectReminders } from '../../../domain/projects/reminders';
import { effectiveSettings } from '../../../domain/projects/settings';
import { termDates } from '../../../domain/rules/orgFindings';
import type { Workbench } from '../../../domain/schemas/workbench';
import {
  ASSESSMENT_PREPARE_DAYS,
  assessmentTodoKind,
  demandTodoKind,
  todoOfReminder,
  type Todo,
} from '../../../domain/workbench/todos';
import type { Ctx } from '../../context';
import { pendingHostsWithin } from '../activities/queries';
import { monthResults } from '../compliance/results';
import { packToday } from '../compliance/service';
import { pairingScopes } from '../demands/queries';
import { labelsOf } from '../orgs/queries';
import { actsForCoordinator, ownPartyOrgIds, readablePairings } from '../pairings/access';
import * as q from './queries';

// The workbench (工作台): what waits for the caller today, read from the records on every request and writing
// nothing. The to-dos of the organizations the caller manages come from the same domain functions and the same
// maintained compliance results the scheduler's reminders use, so a reminder and its to-do name one thing; the
// write that does the work settles its reminders (settleNotifications, server/modules/notifications).

/** Demands looked at per request; a person with more open demands than this sees the oldest due first. */
const DEMAND_LIMIT = 300;
const LIST_LIMIT = 20;
/** a member's latest attendance records: enough for a phone screen, the full record is on the member's own page */
const ATTENDANCE_LIMIT = 8;
/** co-hostings waiting for the caller's answer looked at per request, the oldest activity first */
const COHOST_LIMIT = 200;

const SHANGHAI_OFFSET = '+08:00';

export async function getWorkbench(ctx: Ctx): Promise<Workbench> {
  const { actor, db, today, lang } = ctx;
  const managing = actor.grants
    .filter((g) => g.role !== 'member' && g.role !== 'viewer' && g.orgPath !== null)
    .map((g) => g.orgPath!);
  const readPaths = actor.grants.some((g) => g.orgPath === null && g.role === 'admin')
    ? null
    : actor.grants.filter((g) => g.role !== 'member' && g.orgPath !== null).map((g) => g.orgPath!);
  const mine = await q.orgsAt(db, [...new Set(managing)]);
  const orgName = new Map(mine.map((o) => [o.id, o.name]));
  const todos: Todo[] = [];

  // demands: the step that waits for the caller
  const readsPairings = readPaths === null || readPaths.length > 0;
  if (readsPairings) {
    const open = await q.openDemands(db, readablePairings(actor), DEMAND_LIMIT);
    const scopes = await pairingScopes(
      db,
      open.map((d) => d.pairingId),
    );
    for (const d of open) {
      const scope = scopes.get(d.pairingId);
      if (!scope) continue;
      // accepting and confirming are a party's own moves: a grant at or above the coordinator acts as the coordinator
      const acting = ownPartyOrgIds(actor, scope);
      const kind = demandTodoKind(
        { ...d, state: d.state as DemandState },
        { userId: actor.userId, actingOrgIds: acting, coordinator: actsForCoordinator(actor, scope) },
      );
      if (!kind) continue;
      const orgId =
        kind === 'demand_accept'
          ? (acting.find((o) => o !== d.raisedByOrgId) ?? d.raisedByOrgId)
          : kind === 'demand_confirm'
            ? d.raisedByOrgId
            : (d.assignedOrgId ?? d.raisedByOrgId);
      const todo: Todo = {
        kind,
        subjectType: 'demand',
        subjectId: d.id,
        title: messageText(`todo_${kind}`, { title: d.title, org: d.raisedByOrgName }, lang) ?? d.title,
        orgId,
      };
      if (d.dueOn && kind !== 'demand_confirm') todo.dueOn = d.dueOn;
      todos.push(todo);
    }
  }

  // joint activities naming an organization the caller manages as co-host: its consent is awaited
  for (const h of await pendingHostsWithin(db, readPaths === null ? null : [...new Set(managing)], COHOST_LIMIT)) {
    if (!authorize(actor, 'activity.manage', { orgPath: h.orgPath })) continue;
    const title = messageText('todo_activity_cohost_to_accept', { theme: h.theme, org: h.organizerName, heldOn: h.heldOn }, lang) ?? h.theme;
    todos.push({ kind: 'activity_cohost_to_accept', subjectType: 'activity', subjectId: h.activityId, title, orgId: h.orgId });
  }

  // the organizations the caller manages: required activities still due this month, terms, overdue resolutions
  const month = today.slice(0, 7);
  const evaluated = await monthResults(db, mine, month, today);
  const reminders: Reminder[] = [];
  for (const { orgId, results } of evaluated)
    reminders.push(...activityReminders(orgId, results, Number.MAX_SAFE_INTEGER));
  for (const org of mine.filter((o) => o.termElectedOn)) {
    const pack = await packToday(db, org.path, today);
    reminders.push(
      ...termReminders(
        org.id,
        termDates(org.type as OrgType, org.sector as Sector | null, org.termElectedOn!, pack),
        today,
      ),
    );
  }
  const resolutions = await q.overdueResolutions(
    db,
    mine.map((o) => o.path),
    today,
  );
  reminders.push(
    ...resolutionReminders(
      resolutions.map((r) => ({ ...r, orgId: labelsOf(r.orgPath).at(-1)! })),
      today,
    ),
  );
  for (const r of reminders) {
    const todo = todoOfReminder(r, reminderMessage(r.kind, r.params, orgName.get(r.orgId) ?? '', lang));
    // daysLeft counts today and the period's last day: the last day is the to-do's due date
    if (r.kind === 'activity_due' && typeof r.params.daysLeft === 'number')
      todo.dueOn = addDays(today, r.params.daysLeft - 1);
    todos.push(todo);
  }

  // secretary projects: the leader's weekly report and overdue milestones (the supervisors' visits are theirs to plan)
  for (const { project: p, settings, lastReportWeek, milestones } of await q.ledProjects(
    db,
    actor.userId,
    mine.map((o) => o.path),
    today,
  )) {
    const running = {
      id: p.id,
      title: p.title,
      startOn: p.startOn,
      endOn: p.endOn,
      launchedOn: p.launchedOn,
      lastReportWeek,
      lastVisitOn: null,
      milestones,
      requirements: [],
    };
    for (const r of projectReminders(running, today, effectiveSettings(settings))) {
      if (
        r.kind !== 'project_report_due' &&
        r.kind !== 'project_report_missing' &&
        r.kind !== 'project_milestone_overdue'
      )
        continue;
      const reminder: Reminder = {
        kind: r.kind,
        key: r.key,
        orgId: p.orgId,
        subjectType: 'secretary_project',
        subjectId: p.id,
        params: r.params,
      };
      todos.push(todoOfReminder(reminder, reminderMessage(r.kind, r.params, '', lang)));
    }
  }

  // debriefing assessments the caller organizes: a draft to prepare, scoring under way
  for (const a of await q.organizedAssessments(db, managing, addDays(today, ASSESSMENT_PREPARE_DAYS))) {
    const kind = assessmentTodoKind(a, today);
    if (!kind || !authorize(actor, 'assessment.manage', { orgPath: a.organizerPath })) continue;
    const todo: Todo = {
      kind,
      subjectType: 'assessment',
      subjectId: a.id,
      title: messageText(`todo_${kind}`, { title: a.title, heldOn: a.heldOn }, lang) ?? a.title,
      orgId: a.organizerOrgId,
    };
    if (kind === 'assessment_prepare') todo.dueOn = a.heldOn;
    todos.push(todo);
  }

  const monthStart = `${month}-01T00:00:00${SHANGHAI_OFFSET}`;
  const nextMonth = `${addMonths(`${month}-01`, 1)}T00:00:00${SHANGHAI_OFFSET}`;
  const activitiesThisMonth = await q.activitiesBetween(db, readPaths, monthStart, nextMonth, LIST_LIMIT);

  const compliance = evaluated.map(({ orgId, results }) => {
    const count = (s: string) => results.filter((r) => r.status === s).length;
    return {
      orgId,
      orgName: orgName.get(orgId) ?? '',
      period: month,
      met: count('met'),
      due: count('due'),
      missed: count('missed'),
    };
  });

  const may = abilitiesWithin(actor, null, ['activity.manage', 'pairing.manage']);
  const shortcuts: Workbench['shortcuts'] = [];
  if (may.includes('activity.manage')) shortcuts.push('record_activity', 'open_sign_in');
  if (may.includes('pairing.manage')) shortcuts.push('raise_demand');

  return {
    todos: todos.sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999')),
    activitiesThisMonth: {
      total: activitiesThisMonth.total,
      items: activitiesThisMonth.items.map(activityItem),
    },
    compliance,
    shortcuts,
    member: await memberHome(ctx),
  };
}

function activityItem(a: {
  id: string;
  type: string;
  state: string;
  theme: string;
  startsAt: string;
  place: string | null;
  orgId: string;
  orgName: string;
}) {
  return {
    id: a.id,
    type: a.type,
    state: a.state,
    theme: a.theme,
    startsAt: new Date(a.startsAt).toISOString(),
    place: a.place,
    orgId: a.orgId,
    orgName: a.orgName,
  };
}

/** A member's home: the next activities of the member's organization and the member's own attendance. */
async function memberHome(ctx: Ctx): Promise<Workbench['member']> {
  const { actor, db, today } = ctx;
  const grant = actor.grants.find((g) => g.role === 'member' && g.orgPath !== null);
  if (!actor.memberId || !grant) return null;
  const now = new Date().toISOString();
  const until = `${addDays(today, 60)}T00:00:00${SHANGHAI_OFFSET}`;
  const [upcoming, attendance] = await Promise.all([
    q.activitiesBetween(db, [grant.orgPath!], now, until, LIST_LIMIT),
    q.attendanceOf(db, actor.memberId, today, ATTENDANCE_LIMIT),
  ]);
  return {
    orgId: labelsOf(grant.orgPath!).at(-1)!,
    upcoming: upcoming.items.filter((a) => a.state !== 'cancelled').map(activityItem),
    attendance: attendance.map((a) => ({
      ...a,
      signedInAt: a.signedInAt ? new Date(a.signedInAt).toISOString() : null,
    })),
  };
}
