import { Type, type Static } from 'typebox';
import { BUSINESS_AREAS, DIRECTIONS, GRADES, PROJECT_HEALTHS, PROJECT_STATES, PROJECT_TARGETS } from '../projects/enums';
import { DateString, Id, ListQuery, Nullable } from './common';

// The API shapes of secretary projects (issue 10). The Contract's names are kept exactly; everything else is added.

export const ProjectState = Type.Enum(PROJECT_STATES);
export const ProjectHealth = Type.Enum(PROJECT_HEALTHS);
export const BusinessArea = Type.Enum(BUSINESS_AREAS);
export const Grade = Type.Enum(GRADES);
export const Direction = Type.Enum(DIRECTIONS);
export const RISK_REASONS = ['milestone_overdue', 'obstacle_open', 'reports_missing'] as const;
const Text = (max: number) => Type.String({ maxLength: max });
const Body = Type.String({ minLength: 1, maxLength: 5000 });
const Title = Type.String({ minLength: 1, maxLength: 200 });
export const WeekKey = Type.String({ pattern: '^\\d{4}-W\\d{2}$', description: 'ISO week, e.g. 2026-W05' });
const MonthKey = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Strict = { additionalProperties: false } as const;

// ---- campaigns -----------------------------------------------------------------------------------

export const CriterionInput = Type.Object(
  { id: Type.Optional(Id), name: Type.String({ minLength: 1, maxLength: 100 }), weight: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }), max: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }) },
  Strict,
);
export const Criterion = Type.Object({ id: Type.String(), name: Type.String(), weight: Type.Number(), max: Type.Number() });

export const CampaignSettings = Type.Object({
  milestoneOverdueDays: Type.Integer({ minimum: 0, maximum: 90 }),
  obstacleDays: Type.Integer({ minimum: 1, maximum: 365 }),
  missingReports: Type.Integer({ minimum: 1, maximum: 52 }),
  supervisionMonths: Type.Integer({ minimum: 1, maximum: 12 }),
  milestoneDaysBefore: Type.Integer({ minimum: 0, maximum: 60 }),
});
const SettingsInput = Type.Partial(CampaignSettings, Strict);

export const CampaignCreate = Type.Object(
  {
    organizerOrgId: Id,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    title: Title,
    plan: Type.Optional(Nullable(Text(20000))),
    applicationDeadline: DateString(),
    /** organizations whose subtrees may apply; the organizer's own subtree when left out */
    eligibleOrgIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500 })),
    criteria: Type.Array(CriterionInput, { minItems: 1, maxItems: 20 }),
    settings: Type.Optional(SettingsInput),
  },
  Strict,
);
export type CampaignCreate = Static<typeof CampaignCreate>;

export const CampaignPatch = Type.Object(
  {
    title: Type.Optional(Title),
    plan: Type.Optional(Nullable(Text(20000))),
    applicationDeadline: Type.Optional(DateString()),
    eligibleOrgIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 500 })),
    criteria: Type.Optional(Type.Array(CriterionInput, { minItems: 1, maxItems: 20 })),
    settings: Type.Optional(SettingsInput),
  },
  Strict,
);
export type CampaignPatch = Static<typeof CampaignPatch>;

export const ProjectFile = Type.Object({ id: Type.String(), projectId: Nullable(Type.String()), reportId: Nullable(Type.String()), filename: Type.String(), mime: Type.String(), size: Type.Integer(), createdAt: Type.String() });

export const Campaign = Type.Object({
  id: Type.String(),
  organizerOrgId: Type.String(),
  organizerName: Type.String(),
  year: Type.Integer(),
  title: Type.String(),
  plan: Nullable(Type.String()),
  applicationDeadline: Type.String(),
  eligibleOrgIds: Type.Array(Type.String()),
  criteria: Type.Array(Criterion),
  settings: CampaignSettings,
  projectCount: Type.Integer(),
  files: Type.Array(ProjectFile),
  /** what the caller may do: keep the campaign (approve, launch, evaluate) and apply */
  abilities: Type.Object({ manage: Type.Boolean(), apply: Type.Boolean() }),
});
export type Campaign = Static<typeof Campaign>;

export const CampaignListQuery = Type.Object({ organizer: Type.Optional(Id), year: Type.Optional(Type.Integer()), ...ListQuery }, Strict);
export type CampaignListQuery = Static<typeof CampaignListQuery>;

// ---- projects ------------------------------------------------------------------------------------

export const IndicatorInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), unit: Type.String({ maxLength: 20 }), baseline: Type.Number(), target: Type.Number(), direction: Direction },
  Strict,
);
export const Indicator = Type.Object({
  id: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  baseline: Type.Number(),
  target: Type.Number(),
  direction: Direction,
  /** the latest value reported, and its week */
  achieved: Nullable(Type.Number()),
  achievedWeek: Nullable(Type.String()),
});

const ProjectFields = {
  title: Title,
  problem: Body,
  goals: Body,
  measures: Body,
  expectedOutcomes: Body,
  businessArea: BusinessArea,
  startOn: DateString(),
  endOn: DateString(),
  leaderId: Type.Optional(Nullable(Id)),
  contactLeaderId: Type.Optional(Nullable(Id)),
  supervisorIds: Type.Optional(Type.Array(Id, { maxItems: 10 })),
  indicators: Type.Optional(Type.Array(IndicatorInput, { maxItems: 20 })),
};
export const ProjectCreate = Type.Object({ campaignId: Id, orgId: Id, ...ProjectFields }, Strict);
export type ProjectCreate = Static<typeof ProjectCreate>;
export const ProjectPatch = Type.Partial(Type.Object(ProjectFields), Strict);
export type ProjectPatch = Static<typeof ProjectPatch>;

export const ProjectTransition = Type.Object(
  { to: Type.Enum(PROJECT_TARGETS), note: Type.Optional(Text(20000)), noticeNo: Type.Optional(Text(100)), reason: Type.Optional(Text(5000)) },
  Strict,
);
export type ProjectTransition = Static<typeof ProjectTransition>;

/** The organizer decides several submitted applications at once: all approved (with one notice number) or all returned (with one note); all or nothing. */
export const ProjectBatchDecision = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 200 }),
    to: Type.Enum(['approved', 'returned'] as const),
    noticeNo: Type.Optional(Text(100)),
    note: Type.Optional(Text(20000)),
  },
  Strict,
);
export type ProjectBatchDecision = Static<typeof ProjectBatchDecision>;

const Person = Type.Object({ id: Type.String(), name: Type.String() });
const NextMilestone = Nullable(Type.Object({ id: Type.String(), title: Type.String(), dueOn: Type.String() }));

export const Project = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  campaignTitle: Type.String(),
  year: Type.Integer(),
  orgId: Type.String(),
  orgName: Type.String(),
  title: Type.String(),
  problem: Type.String(),
  goals: Type.String(),
  measures: Type.String(),
  expectedOutcomes: Type.String(),
  businessArea: BusinessArea,
  state: ProjectState,
  health: Nullable(ProjectHealth),
  riskReasons: Type.Array(Type.Enum(RISK_REASONS)),
  percentComplete: Type.Integer(),
  startOn: Type.String(),
  endOn: Type.String(),
  leaderId: Nullable(Type.String()),
  leaderName: Nullable(Type.String()),
  contactLeaderId: Nullable(Type.String()),
  contactLeaderName: Nullable(Type.String()),
  supervisorIds: Type.Array(Type.String()),
  supervisors: Type.Array(Person),
  submittedOn: Nullable(Type.String()),
  noticeNo: Nullable(Type.String()),
  approvedOn: Nullable(Type.String()),
  returnComment: Nullable(Type.String()),
  launchedOn: Nullable(Type.String()),
  completedOn: Nullable(Type.String()),
  closingReport: Nullable(Type.String()),
  evaluatedOn: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  grade: Nullable(Grade),
  evaluationComment: Nullable(Type.String()),
  /** excellent projects are shown as examples */
  showcase: Type.Boolean(),
  indicators: Type.Array(Indicator),
  nextMilestone: NextMilestone,
  openObstacles: Type.Integer(),
  lastReportWeek: Nullable(Type.String()),
  /** the moves the caller may make now */
  allowed: Type.Array(Type.Enum(PROJECT_TARGETS)),
  abilities: Type.Object({ edit: Type.Boolean(), plan: Type.Boolean(), report: Type.Boolean(), supervise: Type.Boolean(), answer: Type.Boolean(), evaluate: Type.Boolean() }),
  files: Type.Optional(Type.Array(ProjectFile)),
  activities: Type.Optional(Type.Array(Type.Object({ id: Type.String(), theme: Type.String(), type: Type.String(), startsAt: Type.String() }))),
});
export type Project = Static<typeof Project>;

export const ProjectListQuery = Type.Object(
  { campaign: Type.Optional(Id), org: Type.Optional(Id), state: Type.Optional(ProjectState), health: Type.Optional(ProjectHealth), ...ListQuery },
  Strict,
);
export type ProjectListQuery = Static<typeof ProjectListQuery>;

// ---- the plan, the reports, the supervision ------------------------------------------------------

export const Milestone = Type.Object({ id: Type.String(), title: Type.String(), dueOn: Type.String(), deliverable: Nullable(Type.String()), doneOn: Nullable(Type.String()) });
export const MilestoneCreate = Type.Object({ title: Title, dueOn: DateString(), deliverable: Type.Optional(Nullable(Text(2000))) }, Strict);
export const MilestonePatch = Type.Object(
  { title: Type.Optional(Title), dueOn: Type.Optional(DateString()), deliverable: Type.Optional(Nullable(Text(2000))), doneOn: Type.Optional(Nullable(DateString())) },
  Strict,
);

export const Task = Type.Object({
  id: Type.String(),
  milestoneId: Nullable(Type.String()),
  title: Type.String(),
  ownerId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  startOn: Type.String(),
  dueOn: Type.String(),
  doneOn: Nullable(Type.String()),
});
export const TaskCreate = Type.Object({ milestoneId: Type.Optional(Nullable(Id)), title: Title, ownerId: Type.Optional(Nullable(Id)), startOn: DateString(), dueOn: DateString() }, Strict);
export const TaskPatch = Type.Object(
  {
    milestoneId: Type.Optional(Nullable(Id)),
    title: Type.Optional(Title),
    ownerId: Type.Optional(Nullable(Id)),
    startOn: Type.Optional(DateString()),
    dueOn: Type.Optional(DateString()),
    doneOn: Type.Optional(Nullable(DateString())),
  },
  Strict,
);

export const Obstacle = Type.Object({ id: Type.String(), reportId: Nullable(Type.String()), description: Type.String(), raisedOn: Type.String(), clearedOn: Nullable(Type.String()) });
export const ObstaclePatch = Type.Object({ description: Type.Optional(Body), clearedOn: Type.Optional(Nullable(DateString())) }, Strict);

const IndicatorValue = Type.Object({ indicatorId: Id, value: Type.Number() }, Strict);
export const ReportCreate = Type.Object(
  {
    week: WeekKey,
    done: Body,
    percentComplete: Type.Integer({ minimum: 0, maximum: 100 }),
    obstacles: Type.Optional(Type.Array(Type.Object({ description: Body }, Strict), { maxItems: 20 })),
    nextPlan: Body,
    indicatorValues: Type.Optional(Type.Array(IndicatorValue, { maxItems: 20 })),
  },
  Strict,
);
export type ReportCreate = Static<typeof ReportCreate>;
export const ReportPatch = Type.Object(
  {
    done: Type.Optional(Body),
    percentComplete: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    nextPlan: Type.Optional(Body),
    indicatorValues: Type.Optional(Type.Array(IndicatorValue, { maxItems: 20 })),
  },
  Strict,
);
export type ReportPatch = Static<typeof ReportPatch>;
export const Report = Type.Object({
  id: Type.String(),
  week: Type.String(),
  done: Type.String(),
  percentComplete: Type.Integer(),
  nextPlan: Type.String(),
  filedOn: Type.String(),
  filedByName: Nullable(Type.String()),
  /** filed after its week ended */
  late: Type.Boolean(),
  indicatorValues: Type.Array(Type.Object({ indicatorId: Type.String(), value: Type.Number() })),
  obstacles: Type.Array(Obstacle),
  files: Type.Array(ProjectFile),
});
export type Report = Static<typeof Report>;

export const Requirement = Type.Object({
  id: Type.String(),
  description: Type.String(),
  dueOn: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  answeredOn: Nullable(Type.String()),
});
export const RequirementPatch = Type.Object({ answer: Body }, Strict);
export const SupervisionCreate = Type.Object(
  {
    visitedOn: DateString(),
    place: Type.String({ minLength: 1, maxLength: 200 }),
    findings: Body,
    requirements: Type.Array(Type.Object({ description: Body, dueOn: Nullable(DateString()) }, Strict), { maxItems: 20 }),
  },
  Strict,
);
export type SupervisionCreate = Static<typeof SupervisionCreate>;
export const SupervisionPatch = Type.Object({ visitedOn: Type.Optional(DateString()), place: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), findings: Type.Optional(Body) }, Strict);
export const Supervision = Type.Object({
  id: Type.String(),
  supervisorId: Nullable(Type.String()),
  supervisorName: Nullable(Type.String()),
  visitedOn: Type.String(),
  place: Type.String(),
  findings: Type.String(),
  requirements: Type.Array(Requirement),
});
export type Supervision = Static<typeof Supervision>;

export const EvaluationCreate = Type.Object(
  { scores: Type.Array(Type.Object({ criterionId: Id, score: Type.Number() }, Strict), { minItems: 1, maxItems: 20 }), grade: Grade, comment: Text(5000) },
  Strict,
);
export type EvaluationCreate = Static<typeof EvaluationCreate>;
export const Evaluation = Type.Object({
  id: Type.String(),
  evaluatorId: Type.String(),
  evaluatorName: Nullable(Type.String()),
  scores: Type.Array(Type.Object({ criterionId: Type.String(), score: Type.Number() })),
  total: Type.Number(),
  grade: Grade,
  comment: Type.String(),
  createdAt: Type.String(),
});
export const EvaluationSummary = Type.Object({ score: Nullable(Type.Number()), grade: Nullable(Grade), showcase: Type.Boolean(), evaluations: Type.Array(Evaluation) });

// ---- roll-up ---------------------------------------------------------------------------------------

export const BoardItem = Type.Object({
  projectId: Type.String(),
  title: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  businessArea: BusinessArea,
  state: ProjectState,
  health: Nullable(ProjectHealth),
  riskReasons: Type.Array(Type.Enum(RISK_REASONS)),
  percentComplete: Type.Integer(),
  nextMilestone: NextMilestone,
  openObstacles: Type.Integer(),
  lastReportWeek: Nullable(Type.String()),
  indicators: Type.Array(Indicator),
  score: Nullable(Type.Number()),
  grade: Nullable(Grade),
  /** an excellent project, shown as an example (典型) on the campaign page */
  showcase: Type.Boolean(),
});
export const BoardQuery = Type.Object({ state: Type.Optional(ProjectState), health: Type.Optional(ProjectHealth), org: Type.Optional(Id) }, Strict);
export type BoardQuery = Static<typeof BoardQuery>;
export const Board = Type.Object({ items: Type.Array(BoardItem) });

export const WeekQuery = Type.Object({ week: Type.Optional(WeekKey) }, Strict);
export const WeekView = Type.Object({
  week: Type.String(),
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(
    Type.Object({
      projectId: Type.String(),
      title: Type.String(),
      orgName: Type.String(),
      reportFiled: Type.Boolean(),
      percentComplete: Type.Integer(),
      tasks: Type.Array(Task),
      milestones: Type.Array(Milestone),
    }),
  ),
});
export const DayQuery = Type.Object({ date: Type.Optional(DateString()) }, Strict);
export const DayView = Type.Object({
  date: Type.String(),
  items: Type.Array(
    Type.Object({
      kind: Type.Enum(['task', 'milestone'] as const),
      id: Type.String(),
      projectId: Type.String(),
      projectTitle: Type.String(),
      orgName: Type.String(),
      title: Type.String(),
      startOn: Nullable(Type.String()),
      dueOn: Type.String(),
      ownerName: Nullable(Type.String()),
      overdue: Type.Boolean(),
    }),
  ),
});
export const BulletinQuery = Type.Object({ month: MonthKey }, Strict);
export const MonthQuery = Type.Object({ month: Type.Optional(MonthKey) }, Strict);
/** The month calendar: every task and milestone of the running projects due in the month, done or not. */
export const MonthView = Type.Object({
  month: Type.String(),
  items: Type.Array(
    Type.Object({
      kind: Type.Enum(['task', 'milestone'] as const),
      id: Type.String(),
      projectId: Type.String(),
      projectTitle: Type.String(),
      orgName: Type.String(),
      title: Type.String(),
      dueOn: Type.String(),
      doneOn: Nullable(Type.String()),
      ownerName: Nullable(Type.String()),
    }),
  ),
});
