import { Type, type Static } from 'typebox';
import { DateString, Nullable } from './common';
import { TODO_KINDS } from '../workbench/todos';

export const Todo = Type.Object({
  kind: Type.Enum(TODO_KINDS),
  subjectType: Type.Enum(['demand', 'org', 'activity', 'secretary_project', 'assessment']),
  subjectId: Type.String(),
  /** in the caller's language */
  title: Type.String(),
  dueOn: Type.Optional(DateString()),
  orgId: Type.String(),
});

const ActivityItem = Type.Object({
  id: Type.String(),
  type: Type.String(),
  state: Type.String(),
  theme: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  place: Nullable(Type.String()),
  /** the first host */
  orgId: Type.String(),
  orgName: Type.String(),
});

export const SHORTCUTS = ['record_activity', 'open_sign_in', 'raise_demand'] as const;

export const Workbench = Type.Object({
  todos: Type.Array(Todo),
  /** activities of this calendar month in the caller's organizations (the first 20 by start) */
  activitiesThisMonth: Type.Object({ total: Type.Integer(), items: Type.Array(ActivityItem) }),
  /** this month's required activities per organization the caller manages */
  compliance: Type.Array(
    Type.Object({ orgId: Type.String(), orgName: Type.String(), period: Type.String(), met: Type.Integer(), due: Type.Integer(), missed: Type.Integer() }),
  ),
  /** what the caller may start from the workbench */
  shortcuts: Type.Array(Type.Enum(SHORTCUTS)),
  /** a member's own home; null for an account not linked to a member */
  member: Nullable(
    Type.Object({
      orgId: Type.String(),
      upcoming: Type.Array(ActivityItem),
      attendance: Type.Array(
        Type.Object({
          activityId: Type.String(),
          theme: Type.String(),
          type: Type.String(),
          heldOn: DateString(),
          status: Type.String(),
          signedInAt: Nullable(Type.String()),
        }),
      ),
    }),
  ),
});
export type Workbench = Static<typeof Workbench>;
