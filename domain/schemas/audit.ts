import { Type, type Static } from 'typebox';
import { AUDIT_SUBJECTS } from '../audit/labels';
import { DateString, ListQuery, Nullable, OffsetQuery, Id } from './common';

const AuditFilterFields = {
  subjectType: Type.Optional(Type.Enum(Object.keys(AUDIT_SUBJECTS))),
  subjectId: Type.Optional(Id),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'user id or username' })),
  from: Type.Optional(DateString()),
  to: Type.Optional(DateString()),
};

/** The log's filter alone: what the export of the log takes. */
export const AuditFilter = Type.Object(AuditFilterFields, { additionalProperties: false });
export type AuditFilter = Static<typeof AuditFilter>;

export const AuditListQuery = Type.Object(
  {
    ...AuditFilterFields,
    ...ListQuery,
    ...OffsetQuery,
    // this list pages by event number: anything else is a field error, not a query PostgreSQL refuses
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditEvent = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorUserId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
  /** the subject's name as it is now (an organization's or member's name, a title), when it still exists */
  subjectName: Nullable(Type.String()),
  /** the organization the event is filed under */
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
});

export const AuditPage = Type.Object({
  items: Type.Array(AuditEvent),
  nextCursor: Nullable(Type.String()),
  /** the events the filter selects, counted up to a cap (`totalExact: false` beyond it) */
  total: Type.Integer(),
  totalExact: Type.Boolean(),
  /** names of the ids the page mentions (subjects, actors, ids inside before and after) */
  names: Type.Record(Type.String(), Type.String()),
});
