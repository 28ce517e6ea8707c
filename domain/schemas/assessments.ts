import { Type, type Static } from 'typebox';
import { ASSESSMENT_STATES } from '../assessments/states';
import { MAX_CODES_PER_REQUEST } from '../assessments/setup';
import { DateString, Id, Nullable } from './common';

// The API shapes of the debriefing assessment (issue 9). The Contract's names are kept exactly; the rest is added.

export const AssessmentState = Type.Enum(ASSESSMENT_STATES);
const Name = (max = 100) => Type.String({ minLength: 1, maxLength: max });
const Grade = Type.String({ minLength: 1, maxLength: 30, pattern: '^[a-z][a-z0-9_]*$' });

export const ScaleStep = Type.Object({ grade: Grade, points: Type.Integer({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false });
/** grade → the lowest score that earns it (default excellent 90, good 75, fair 60; the lowest grade has none) */
export const Thresholds = Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1000 }));

/** In PATCH, an item with its `id` keeps it (codes issued for a group or venue stay valid); one without is new. */
const ReporterInput = Type.Object({ id: Type.Optional(Id), memberId: Id, orgId: Id }, { additionalProperties: false });
const RaterGroupInput = Type.Object({ id: Type.Optional(Id), name: Name(50), weight: Type.Integer({ minimum: 0, maximum: 100 }) }, { additionalProperties: false });
const VenueInput = Type.Object({ id: Type.Optional(Id), name: Name(100), main: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const CriterionInput = Type.Object({ id: Type.Optional(Id), name: Name(100) }, { additionalProperties: false });

export const AssessmentCreate = Type.Object(
  {
    title: Name(200),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    heldOn: DateString(),
    organizerOrgId: Id,
    reporters: Type.Array(ReporterInput, { maxItems: 200 }),
    raterGroups: Type.Array(RaterGroupInput, { maxItems: 20 }),
    venues: Type.Array(VenueInput, { maxItems: 100 }),
    criteria: Type.Optional(Type.Array(CriterionInput, { maxItems: 20 })),
    scale: Type.Optional(Type.Array(ScaleStep, { maxItems: 10 })),
    thresholds: Type.Optional(Thresholds),
  },
  { additionalProperties: false },
);
export type AssessmentCreate = Static<typeof AssessmentCreate>;

export const AssessmentPatch = Type.Partial(Type.Omit(AssessmentCreate, ['organizerOrgId']), { additionalProperties: false });
export type AssessmentPatch = Static<typeof AssessmentPatch>;

export const Reporter = Type.Object({
  id: Id,
  memberId: Id,
  memberName: Type.String(),
  orgId: Id,
  orgName: Type.String(),
  position: Type.Integer(),
  open: Type.Boolean(),
  reportFilename: Nullable(Type.String()),
});
export const RaterGroup = Type.Object({ id: Id, name: Type.String(), weight: Type.Integer(), position: Type.Integer() });
export const Venue = Type.Object({ id: Id, name: Type.String(), main: Type.Boolean(), position: Type.Integer() });
export const Criterion = Type.Object({ id: Id, name: Type.String(), position: Type.Integer() });
export const TransitionTarget = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('published')]);

export const Assessment = Type.Object({
  id: Id,
  title: Type.String(),
  year: Type.Integer(),
  heldOn: DateString(),
  organizerOrgId: Id,
  organizerOrgName: Type.String(),
  state: AssessmentState,
  scale: Type.Array(ScaleStep),
  thresholds: Thresholds,
  reporters: Type.Array(Reporter),
  raterGroups: Type.Array(RaterGroup),
  venues: Type.Array(Venue),
  criteria: Type.Array(Criterion),
  codesIssued: Type.Integer(),
  /** the organizer's assessment of the year before, whose follow-up list this one shows */
  previousId: Nullable(Id),
  /** the moves the caller may make now */
  allowed: Type.Array(TransitionTarget),
  /** the caller organizes it: set-up, codes, control screen, results at any time */
  canManage: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Assessment = Static<typeof Assessment>;

export const AssessmentSummary = Type.Object({
  id: Id,
  title: Type.String(),
  year: Type.Integer(),
  heldOn: DateString(),
  organizerOrgId: Id,
  organizerOrgName: Type.String(),
  state: AssessmentState,
  reporters: Type.Integer(),
  canManage: Type.Boolean(),
});
export const AssessmentListQuery = Type.Object(
  { org: Type.Optional(Id), year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), state: Type.Optional(AssessmentState) },
  { additionalProperties: false },
);

export const CodesIssue = Type.Object(
  { raterGroupId: Id, venueId: Id, count: Type.Integer({ minimum: 1, maximum: MAX_CODES_PER_REQUEST }) },
  { additionalProperties: false },
);
export const CodesIssued = Type.Object({
  /** the plain codes, grouped for reading (XXXX-XXXX-XXXXX): shown here once and stored nowhere */
  codes: Type.Array(Type.String()),
  raterGroupId: Id,
  venueId: Id,
});
export const CodesToUsers = Type.Object(
  { raterGroupId: Id, venueId: Id, userIds: Type.Array(Id, { minItems: 1, maxItems: 1000, uniqueItems: true }) },
  { additionalProperties: false },
);
export const SlipsRequest = Type.Object({ codes: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 2000 }) }, { additionalProperties: false });

export const AssessmentTransition = Type.Object(
  { to: TransitionTarget, reporterIds: Type.Optional(Type.Array(Id, { maxItems: 200 })) },
  { additionalProperties: false },
);

export const BallotGradeInput = Type.Object(
  { reporterId: Id, criterionId: Type.Optional(Nullable(Id)), grade: Type.String({ minLength: 1, maxLength: 30 }) },
  { additionalProperties: false },
);
export const BallotSubmit = Type.Object(
  {
    /** chosen by the phone once per ballot; a retry with the same id gets the first answer */
    submissionId: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    grades: Type.Array(BallotGradeInput, { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type BallotSubmit = Static<typeof BallotSubmit>;
export const PaperBallot = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 40 }), grades: Type.Array(BallotGradeInput, { maxItems: 2000 }) },
  { additionalProperties: false },
);
export const BallotReceipt = Type.Object({
  accepted: Type.Literal(true),
  submissionId: Nullable(Type.String()),
  /** the reporters this ballot scored */
  reporterIds: Type.Array(Id),
  paper: Type.Boolean(),
});
export type BallotReceipt = Static<typeof BallotReceipt>;

/** What the phone shows: the open reporters (each marked when this code already scored it), criteria and scale. */
export const BallotSheet = Type.Object({
  assessmentId: Id,
  title: Type.String(),
  year: Type.Integer(),
  heldOn: DateString(),
  state: AssessmentState,
  raterGroupName: Type.String(),
  venueName: Type.String(),
  scale: Type.Array(ScaleStep),
  criteria: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  reporters: Type.Array(Type.Object({ id: Id, memberName: Type.String(), orgName: Type.String(), position: Type.Integer(), scored: Type.Boolean() })),
  /** every open reporter is scored by this code: nothing left to submit */
  done: Type.Boolean(),
});

const count = { issued: Type.Integer(), submitted: Type.Integer() };
export const Progress = Type.Object({
  assessmentId: Id,
  state: AssessmentState,
  issued: Type.Integer(),
  submitted: Type.Integer(),
  byVenue: Type.Array(Type.Object({ venueId: Id, ...count })),
  byGroup: Type.Array(Type.Object({ raterGroupId: Id, ...count })),
  /** ballots cast for each open reporter (a code scores reporters opened later in a later submission) */
  byReporter: Type.Array(Type.Object({ reporterId: Id, ballots: Type.Integer() })),
  openReporterIds: Type.Array(Id),
});
export type Progress = Static<typeof Progress>;

const GradeCounts = Type.Record(Type.String(), Type.Integer());
const Part = {
  ballots: Type.Integer(),
  /** absent under 5 ballots */
  counts: Type.Optional(GradeCounts),
  meanPoints: Type.Optional(Nullable(Type.Number())),
};
export const ReporterResult = Type.Object({
  reporterId: Id,
  ballots: Type.Integer(),
  counts: GradeCounts,
  share: Nullable(Type.Number()),
  score: Nullable(Type.Number()),
  grade: Nullable(Type.String()),
  byGroup: Type.Array(Type.Object({ raterGroupId: Id, ...Part })),
  byVenue: Type.Array(Type.Object({ venueId: Id, ...Part })),
});
export const Results = Type.Object({
  assessmentId: Id,
  state: AssessmentState,
  ballots: Type.Integer(),
  /** paper ballots among them */
  paperBallots: Type.Integer(),
  reporters: Type.Array(ReporterResult),
  /** stored at close (what was shown); null while open, when it is computed live for the organizer */
  closedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type Results = Static<typeof Results>;

export const NOTE_KINDS = ['question', 'comment'] as const;
export const AssessmentNote = Type.Object({
  id: Id,
  reporterId: Id,
  kind: Type.Enum(NOTE_KINDS),
  text: Type.String(),
  byName: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export const AssessmentNoteCreate = Type.Object(
  { reporterId: Id, kind: Type.Enum(NOTE_KINDS), text: Type.String({ minLength: 1, maxLength: 4000 }), byName: Type.Optional(Nullable(Type.String({ maxLength: 50 }))) },
  { additionalProperties: false },
);

export const FollowUp = Type.Object({
  id: Id,
  assessmentId: Id,
  reporterId: Id,
  orgId: Id,
  orgName: Type.String(),
  problem: Type.String(),
  measure: Nullable(Type.String()),
  owner: Nullable(Type.String()),
  dueOn: Nullable(DateString()),
  doneOn: Nullable(DateString()),
  evidence: Nullable(Type.String()),
  overdue: Type.Boolean(),
});
export type FollowUp = Static<typeof FollowUp>;
export const FollowUpCreate = Type.Object(
  {
    reporterId: Id,
    problem: Type.String({ minLength: 1, maxLength: 2000 }),
    measure: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    owner: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    dueOn: Type.Optional(Nullable(DateString())),
  },
  { additionalProperties: false },
);
export const FollowUpPatch = Type.Object(
  {
    problem: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    measure: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    owner: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    dueOn: Type.Optional(Nullable(DateString())),
    doneOn: Type.Optional(Nullable(DateString())),
    evidence: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);
export const FollowUpList = Type.Object({
  items: Type.Array(FollowUp),
  /** last year's list of the same organizer (the assessment of the year before), to show how it was closed */
  previous: Type.Array(FollowUp),
});

/** A reporter's organization in the records for the assessment's year, so nobody types the figures again. */
export const ReporterFigures = Type.Object({
  reporterId: Id,
  orgId: Id,
  year: Type.Integer(),
  activitiesHeld: Type.Integer(),
  activitiesPlanned: Type.Integer(),
  activitiesByType: Type.Record(Type.String(), Type.Integer()),
  pairingsActive: Type.Integer(),
  demandsRaised: Type.Integer(),
  demandsResolved: Type.Integer(),
  membersFull: Type.Integer(),
  membersProbationary: Type.Integer(),
  /** the year's requirements of the rule pack for the reporter's organization: how many were met */
  compliance: Type.Object({ met: Type.Integer(), missed: Type.Integer(), due: Type.Integer() }),
  /** the organization's secretary project of a campaign of that year, if it has one */
  secretaryProject: Nullable(Type.Object({ id: Id, title: Type.String(), state: Type.String(), percentComplete: Nullable(Type.Integer()) })),
});
