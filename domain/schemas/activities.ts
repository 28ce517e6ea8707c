import { Type, type Static } from 'typebox';
import { ACTIVITY_STATES, ACTIVITY_TYPES, ATTENDANCE_STATUSES } from '../enums';
import { Ability } from './orgs';
import { DateString, Id, ListQuery, Nullable, OffsetQuery } from './common';

export const ActivityType = Type.Enum(ACTIVITY_TYPES);
export const ActivityState = Type.Enum(ACTIVITY_STATES);
export const AttendanceStatus = Type.Enum(ATTENDANCE_STATUSES);
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 with offset' });
const Text = (max: number) => Type.String({ maxLength: max });

export const AttendeeInput = Type.Object(
  { memberId: Id, status: AttendanceStatus, reason: Type.Optional(Nullable(Text(200))) },
  { additionalProperties: false },
);
export const GuestInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), unit: Type.Optional(Nullable(Text(100))), title: Type.Optional(Nullable(Text(100))) },
  { additionalProperties: false },
);
export const ResolutionInput = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 500 }),
    ownerMemberId: Type.Optional(Nullable(Id)),
    dueOn: Type.Optional(Nullable(DateString())),
    doneOn: Type.Optional(Nullable(DateString())),
  },
  { additionalProperties: false },
);
const Count = Type.Integer({ minimum: 0, maximum: 100000 });
export const VoteInput = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    entitled: Count,
    present: Count,
    yes: Count,
    no: Count,
    abstain: Count,
    writtenYes: Type.Optional(Count),
  },
  { additionalProperties: false },
);

const activityFields = {
  type: ActivityType,
  customTypeId: Nullable(Id),
  hostOrgIds: Type.Array(Id, { minItems: 1, maxItems: 30 }),
  state: ActivityState,
  startsAt: DateTime,
  endsAt: DateTime,
  place: Nullable(Text(200)),
  online: Type.Boolean(),
  subVenues: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }),
  presiderMemberId: Nullable(Id),
  recorderMemberId: Nullable(Id),
  speaker: Nullable(Text(100)),
  theme: Type.String({ minLength: 1, maxLength: 200 }),
  agenda: Nullable(Text(5000)),
  minutes: Nullable(Text(50000)),
  cancelReason: Nullable(Text(500)),
  talkMemberIds: Type.Array(Id, { maxItems: 2 }),
  attendees: Type.Array(AttendeeInput, { maxItems: 5000 }),
  guests: Type.Array(GuestInput, { maxItems: 500 }),
  resolutions: Type.Array(ResolutionInput, { maxItems: 100 }),
  votes: Type.Array(VoteInput, { maxItems: 50 }),
  /** a joint activity of this pairing: every host must be one of its parties */
  pairingId: Nullable(Id),
  /** other requirement types the activity also served, where the rule pack holds them together (GET /orgs/:id/activity-types) */
  alsoCounts: Type.Array(ActivityType, { maxItems: 10, uniqueItems: true }),
};
type Fields = typeof activityFields;
const optional = <K extends keyof Fields>(keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, Type.Optional(activityFields[k])])) as { [P in K]: ReturnType<typeof Type.Optional<Fields[P]>> };

const OPTIONAL_ON_CREATE = [
  'customTypeId',
  'state',
  'place',
  'online',
  'subVenues',
  'presiderMemberId',
  'recorderMemberId',
  'speaker',
  'agenda',
  'minutes',
  'cancelReason',
  'talkMemberIds',
  'attendees',
  'guests',
  'resolutions',
  'votes',
  'pairingId',
  'alsoCounts',
] as const;

export const ActivityCreate = Type.Object(
  {
    type: activityFields.type,
    hostOrgIds: activityFields.hostOrgIds,
    startsAt: activityFields.startsAt,
    endsAt: activityFields.endsAt,
    theme: activityFields.theme,
    ...optional([...OPTIONAL_ON_CREATE]),
  },
  { additionalProperties: false },
);
export type ActivityCreate = Static<typeof ActivityCreate>;

export const ActivityPatch = Type.Object(
  optional(['type', 'hostOrgIds', 'startsAt', 'endsAt', 'theme', ...OPTIONAL_ON_CREATE]),
  { additionalProperties: false, minProperties: 1 },
);
export type ActivityPatch = Static<typeof ActivityPatch>;

const Ref = Type.Object({ id: Type.String(), name: Type.String() });

export const Attendee = Type.Object({
  memberId: Type.String(),
  name: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  status: AttendanceStatus,
  reason: Nullable(Type.String()),
  signedInAt: Nullable(Type.String()),
  source: Type.Union([Type.Literal('organizer'), Type.Literal('sign_in')]),
});
export type Attendee = Static<typeof Attendee>;

export const Vote = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  entitled: Type.Integer(),
  present: Type.Integer(),
  yes: Type.Integer(),
  no: Type.Integer(),
  abstain: Type.Integer(),
  writtenYes: Type.Integer(),
  quorum: Type.Boolean(),
  passed: Type.Boolean(),
});

export const ActivityFile = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('photo'), Type.Literal('document')]),
  filename: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  hasThumbnail: Type.Boolean(),
});

export const Activity = Type.Object({
  id: Type.String(),
  type: ActivityType,
  customTypeId: Nullable(Type.String()),
  state: ActivityState,
  hostOrgIds: Type.Array(Type.String()),
  hosts: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      /** a co-host named without its consent: it counts for nothing until someone entitled for it accepts */
      pending: Type.Boolean(),
      /** the caller may accept or decline it for the co-host */
      mayAccept: Type.Boolean(),
    }),
  ),
  alsoCounts: Type.Array(ActivityType),
  startsAt: Type.String(),
  endsAt: Type.String(),
  heldOn: Type.String(),
  place: Nullable(Type.String()),
  online: Type.Boolean(),
  subVenues: Type.Array(Type.String()),
  presider: Nullable(Ref),
  recorder: Nullable(Ref),
  speaker: Nullable(Type.String()),
  theme: Type.String(),
  agenda: Nullable(Type.String()),
  minutes: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  talkMembers: Type.Array(Ref),
  attendees: Type.Array(Attendee),
  attendance: Type.Object({ present: Type.Integer(), absent: Type.Integer(), excused: Type.Integer() }),
  guests: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), unit: Nullable(Type.String()), title: Nullable(Type.String()) })),
  resolutions: Type.Array(
    Type.Object({
      id: Type.String(),
      text: Type.String(),
      owner: Nullable(Ref),
      dueOn: Nullable(Type.String()),
      doneOn: Nullable(Type.String()),
    }),
  ),
  votes: Type.Array(Vote),
  /** photos and documents (detail only) */
  files: Type.Array(ActivityFile),
  abilities: Type.Array(Ability),
  pairingId: Nullable(Type.String()),
});
export type Activity = Static<typeof Activity>;

export const ActivityListQuery = Type.Object(
  {
    org: Type.Optional(Id),
    subtree: Type.Optional(Type.Boolean({ default: true })),
    type: Type.Optional(ActivityType),
    state: Type.Optional(ActivityState),
    from: Type.Optional(DateString()),
    to: Type.Optional(DateString()),
    ...ListQuery,
    ...OffsetQuery,
  },
  { additionalProperties: false },
);
export type ActivityListQuery = Static<typeof ActivityListQuery>;

export const ActivityPage = Type.Object({
  items: Type.Array(Activity),
  /** how many activities the filter selects, counted up to a cap */
  total: Type.Integer(),
  /** false when more activities match than were counted: `total` is then a lower bound */
  totalExact: Type.Boolean(),
  nextCursor: Nullable(Type.String()),
});
export type ActivityPage = Static<typeof ActivityPage>;

/** The export of a list's current filter: the list's query without its paging. */
export const ActivityExportQuery = Type.Omit(ActivityListQuery, ['limit', 'cursor', 'offset'], { additionalProperties: false });
export type ActivityExportQuery = Static<typeof ActivityExportQuery>;

/** At most this many ids in one batch action. */
export const BATCH_MAX = 200;

/** Cancels planned activities with one reason, all or none. */
export const ActivityBatchCancel = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: BATCH_MAX, uniqueItems: true }),
    cancelReason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type ActivityBatchCancel = Static<typeof ActivityBatchCancel>;

export const SignInCode = Type.Object({
  code: Type.String({ description: 'six digits, changes every 30 seconds' }),
  qr: Type.String({ description: 'PNG data URL of the sign-in link' }),
  url: Type.String(),
  expiresAt: Type.String(),
});

export const SignIn = Type.Object({ code: Type.String({ minLength: 6, maxLength: 64 }) }, { additionalProperties: false });

export const AttendanceList = Type.Object({
  items: Type.Array(Attendee),
  counts: Type.Object({ present: Type.Integer(), absent: Type.Integer(), excused: Type.Integer() }),
});
