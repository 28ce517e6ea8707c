import { Type, type Static } from 'typebox';
import { PERIOD_KINDS } from '../periods';
import { DEMAND_STATES, PAIRING_CATEGORIES, PAIRING_STATES, URGENCIES } from '../pairings/enums';
import { HEALTH_STATES, type HealthReason } from '../pairings/health';
import { DateString, Id, ListQuery, Nullable, OffsetQuery } from './common';

// The API shapes of pairing and co-construction (issue 4). The Contract's names are kept exactly;
// everything else is added.

export const PairingState = Type.Enum(PAIRING_STATES);
export const PairingCategory = Type.Enum(PAIRING_CATEGORIES);
export const Urgency = Type.Enum(URGENCIES);
export const DemandState = Type.Enum(DEMAND_STATES);
export const HealthState = Type.Enum(HEALTH_STATES);
export const ITEM_STATUSES = ['open', 'matched', 'closed'] as const;
export const ItemStatus = Type.Enum(ITEM_STATUSES);
export const PROJECT_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export const ProjectStatus = Type.Enum(PROJECT_STATUSES);
const Text = (max: number) => Type.String({ maxLength: max });
const Title = Type.String({ minLength: 1, maxLength: 200 });

export const Frequency = Type.Object(
  { min: Type.Integer({ minimum: 0, maximum: 100 }), per: Type.Enum(PERIOD_KINDS) },
  { additionalProperties: false },
);

export const ContactInput = Type.Object(
  {
    orgId: Id,
    contactName: Type.Optional(Nullable(Text(50))),
    contactPhone: Type.Optional(Nullable(Text(30))),
    contactTitle: Type.Optional(Nullable(Text(100))),
  },
  { additionalProperties: false },
);

export const CommitmentInput = Type.Object(
  {
    /** the party organization that owes it */
    orgId: Id,
    description: Type.String({ minLength: 1, maxLength: 1000 }),
    target: Type.Optional(Nullable(Text(500))),
    dueOn: Type.Optional(Nullable(DateString())),
    doneOn: Type.Optional(Nullable(DateString())),
  },
  { additionalProperties: false },
);

export const Plaque = Type.Object(
  { awardedOn: Nullable(DateString()), wording: Nullable(Text(200)) },
  { additionalProperties: false },
);

const pairingFields = {
  title: Title,
  partyOrgIds: Type.Array(Id, { minItems: 2, maxItems: 20 }),
  coordinatorOrgId: Nullable(Id),
  signedOn: Nullable(DateString()),
  validFrom: DateString(),
  validTo: DateString(),
  frequency: Frequency,
  content: Nullable(Text(20000)),
  plaque: Nullable(Plaque),
  contacts: Type.Array(ContactInput, { maxItems: 20 }),
  /** replaces the whole list; an item with an id keeps it (one object: an intersection would refuse `id` as unknown) */
  commitments: Type.Array(Type.Object({ id: Type.Optional(Id), ...CommitmentInput.properties }, { additionalProperties: false }), { maxItems: 200 }),
};

export const PairingCreate = Type.Object(
  {
    title: pairingFields.title,
    partyOrgIds: pairingFields.partyOrgIds,
    coordinatorOrgId: Type.Optional(pairingFields.coordinatorOrgId),
    signedOn: Type.Optional(pairingFields.signedOn),
    validFrom: pairingFields.validFrom,
    validTo: pairingFields.validTo,
    /** draft by default; active when signed */
    state: Type.Optional(Type.Enum(['draft', 'active'] as const)),
    frequency: Type.Optional(pairingFields.frequency),
    content: Type.Optional(pairingFields.content),
    plaque: Type.Optional(pairingFields.plaque),
    contacts: Type.Optional(pairingFields.contacts),
    commitments: Type.Optional(Type.Array(CommitmentInput, { maxItems: 200 })),
    /** renewal: the pairing this one continues */
    previousId: Type.Optional(Nullable(Id)),
  },
  { additionalProperties: false },
);
export type PairingCreate = Static<typeof PairingCreate>;

/** Any field of the create body; `state` moves draft → active, or to terminated with `terminateReason`. */
export const PairingPatch = Type.Object(
  {
    title: Type.Optional(pairingFields.title),
    coordinatorOrgId: Type.Optional(pairingFields.coordinatorOrgId),
    signedOn: Type.Optional(pairingFields.signedOn),
    validFrom: Type.Optional(pairingFields.validFrom),
    validTo: Type.Optional(pairingFields.validTo),
    state: Type.Optional(Type.Enum(['active', 'terminated'] as const)),
    terminateReason: Type.Optional(Text(1000)),
    frequency: Type.Optional(pairingFields.frequency),
    content: Type.Optional(pairingFields.content),
    plaque: Type.Optional(pairingFields.plaque),
    contacts: Type.Optional(pairingFields.contacts),
    commitments: Type.Optional(pairingFields.commitments),
  },
  { additionalProperties: false },
);
export type PairingPatch = Static<typeof PairingPatch>;

export const PairingParty = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  sector: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  contactTitle: Nullable(Type.String()),
});

export const Commitment = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  description: Type.String(),
  target: Nullable(Type.String()),
  dueOn: Nullable(Type.String()),
  doneOn: Nullable(Type.String()),
  overdue: Type.Boolean(),
  /** the caller may mark it done (or undo that): it acts for the owing party, or keeps the agreement */
  mayMarkDone: Type.Optional(Type.Boolean()),
});

export const PairingFile = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  createdAt: Type.String(),
  /** the caller may delete it: it uploaded it, or keeps the agreement */
  mayDelete: Type.Optional(Type.Boolean()),
});

/** A list item's health this quarter (health.ts), from the same rule as the pairing page and the dashboard. */
export const PairingHealthSummary = Type.Object({
  period: Type.String(),
  state: HealthState,
  reasons: Type.Array(Type.String()),
  activitiesHeld: Type.Integer(),
  activitiesRequired: Type.Integer(),
  commitmentsOverdue: Type.Integer(),
  demandsOverdue: Type.Integer(),
});
export type PairingHealthSummary = Static<typeof PairingHealthSummary>;

export const Pairing = Type.Object({
  id: Type.String(),
  title: Type.String(),
  partyOrgIds: Type.Array(Type.String()),
  parties: Type.Array(PairingParty),
  coordinatorOrgId: Nullable(Type.String()),
  coordinatorName: Nullable(Type.String()),
  signedOn: Nullable(Type.String()),
  validFrom: Type.String(),
  validTo: Type.String(),
  state: PairingState,
  frequency: Frequency,
  content: Nullable(Type.String()),
  plaque: Nullable(Plaque),
  terminatedOn: Nullable(Type.String()),
  terminateReason: Nullable(Type.String()),
  previousId: Nullable(Type.String()),
  nextId: Nullable(Type.String()),
  commitments: Type.Array(Commitment),
  files: Type.Array(PairingFile),
  /** what the caller may do: 'pairing.manage' (edit the agreement), and the party orgs it acts for */
  abilities: Type.Array(Type.String()),
  actingOrgIds: Type.Array(Type.String()),
  /** the parties whose side has not yet accepted the pairing (a draft stays a draft until none is left) */
  awaitingOrgIds: Type.Optional(Type.Array(Type.String())),
  /** list items: this quarter's health; null for a pairing not in force in it (a draft, or one ended before it) */
  health: Type.Optional(Nullable(PairingHealthSummary)),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Pairing = Static<typeof Pairing>;

export const PairingListQuery = Type.Object(
  {
    /** pairings where this organization is a party or the coordinator */
    org: Type.Optional(Id),
    coordinator: Type.Optional(Id),
    state: Type.Optional(PairingState),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ...ListQuery,
    ...OffsetQuery,
  },
  { additionalProperties: false },
);
export type PairingListQuery = Static<typeof PairingListQuery>;

/** The list's filters without its paging: the export holds every row they select. */
export const PairingExportQuery = Type.Object(
  {
    org: Type.Optional(Id),
    coordinator: Type.Optional(Id),
    state: Type.Optional(PairingState),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type PairingExportQuery = Static<typeof PairingExportQuery>;

/** 催办: one notice to the officers of every party of each selected pairing. All or nothing. */
export const PairingRemind = Type.Object(
  {
    ids: Type.Array(Id, { minItems: 1, maxItems: 200 }),
    note: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type PairingRemind = Static<typeof PairingRemind>;

/** Many pairings from one template: rows × columns ticked in the matrix. All or nothing. */
export const PairingBulk = Type.Object(
  {
    coordinatorOrgId: Id,
    pairs: Type.Array(Type.Object({ rowOrgId: Id, columnOrgId: Id }, { additionalProperties: false }), { minItems: 1, maxItems: 2000 }),
    template: Type.Object(
      {
        /** `{row}` and `{column}` are replaced by the organizations' names */
        title: Title,
        signedOn: Type.Optional(Nullable(DateString())),
        validFrom: DateString(),
        validTo: DateString(),
        state: Type.Optional(Type.Enum(['draft', 'active'] as const)),
        frequency: Type.Optional(Frequency),
        content: Type.Optional(Nullable(Text(20000))),
        plaque: Type.Optional(Nullable(Plaque)),
        commitments: Type.Optional(
          Type.Array(
            Type.Object(
              {
                side: Type.Enum(['row', 'column'] as const),
                description: Type.String({ minLength: 1, maxLength: 1000 }),
                target: Type.Optional(Nullable(Text(500))),
                dueOn: Type.Optional(Nullable(DateString())),
              },
              { additionalProperties: false },
            ),
            { maxItems: 50 },
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PairingBulk = Static<typeof PairingBulk>;

// ---- the three lists ----------------------------------------------------------------------------

export const ItemCreate = Type.Object(
  {
    /** the party organization that keeps it */
    orgId: Id,
    category: PairingCategory,
    title: Title,
    description: Type.Optional(Nullable(Text(5000))),
  },
  { additionalProperties: false },
);
export type ItemCreate = Static<typeof ItemCreate>;
export const ItemPatch = Type.Object(
  {
    category: Type.Optional(PairingCategory),
    title: Type.Optional(Title),
    description: Type.Optional(Nullable(Text(5000))),
    status: Type.Optional(ItemStatus),
  },
  { additionalProperties: false },
);
export type ItemPatch = Static<typeof ItemPatch>;
export const PairingItem = Type.Object({
  id: Type.String(),
  pairingId: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  kind: Type.Enum(['need', 'resource'] as const),
  category: PairingCategory,
  title: Type.String(),
  description: Nullable(Type.String()),
  status: ItemStatus,
  createdAt: Type.String(),
});
export type PairingItem = Static<typeof PairingItem>;

const ProjectOwner = Type.Object({ orgId: Id, name: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: false });
export const ProjectCreate = Type.Object(
  {
    title: Title,
    needId: Type.Optional(Nullable(Id)),
    /** may be a resource of another pairing of the same coordinator */
    resourceId: Type.Optional(Nullable(Id)),
    owners: Type.Array(ProjectOwner, { maxItems: 20 }),
    dueOn: Type.Optional(Nullable(DateString())),
    status: Type.Optional(ProjectStatus),
    outcome: Type.Optional(Nullable(Text(5000))),
  },
  { additionalProperties: false },
);
export type ProjectCreate = Static<typeof ProjectCreate>;
export const ProjectPatch = Type.Object(
  {
    title: Type.Optional(Title),
    owners: Type.Optional(Type.Array(ProjectOwner, { maxItems: 20 })),
    dueOn: Type.Optional(Nullable(DateString())),
    status: Type.Optional(ProjectStatus),
    outcome: Type.Optional(Nullable(Text(5000))),
  },
  { additionalProperties: false },
);
export type ProjectPatch = Static<typeof ProjectPatch>;
export const JointProject = Type.Object({
  id: Type.String(),
  pairingId: Type.String(),
  needId: Nullable(Type.String()),
  resourceId: Nullable(Type.String()),
  needTitle: Nullable(Type.String()),
  resourceTitle: Nullable(Type.String()),
  /** the pairing the resource belongs to (another pairing of the same coordinator, or this one) */
  resourcePairingId: Nullable(Type.String()),
  title: Type.String(),
  owners: Type.Array(Type.Object({ orgId: Type.String(), name: Type.String() })),
  dueOn: Nullable(Type.String()),
  status: ProjectStatus,
  outcome: Nullable(Type.String()),
  doneOn: Nullable(Type.String()),
});
export type JointProject = Static<typeof JointProject>;

// ---- demands ------------------------------------------------------------------------------------

export const DemandCreate = Type.Object(
  {
    pairingId: Id,
    /** the party organization raising it (the caller must act for it) */
    raisedByOrgId: Id,
    title: Title,
    description: Type.String({ minLength: 1, maxLength: 5000 }),
    category: PairingCategory,
    urgency: Urgency,
  },
  { additionalProperties: false },
);
export type DemandCreate = Static<typeof DemandCreate>;

export const DemandTransition = Type.Object(
  {
    to: Type.Enum(['accepted', 'in_progress', 'resolved', 'confirmed', 'reopened'] as const),
    note: Type.Optional(Text(5000)),
    resolution: Type.Optional(Text(5000)),
    rating: Type.Optional(Type.Integer()),
    reason: Type.Optional(Text(5000)),
    /** on acceptance: the user who will handle it (default: the caller) */
    assigneeId: Type.Optional(Id),
    /** the organization the move is made as (a party or the coordinator); needed only when the caller could act as several */
    actingAsOrgId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type DemandTransition = Static<typeof DemandTransition>;

export const DemandEvent = Type.Object({
  from: Nullable(DemandState),
  to: DemandState,
  at: Type.String(),
  byOrgId: Nullable(Type.String()),
  byOrgName: Nullable(Type.String()),
  byUserName: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const Demand = Type.Object({
  id: Type.String(),
  pairingId: Type.String(),
  pairingTitle: Type.String(),
  raisedByOrgId: Type.String(),
  raisedByOrgName: Type.String(),
  assignedOrgId: Nullable(Type.String()),
  assignedOrgName: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  title: Type.String(),
  description: Type.String(),
  category: PairingCategory,
  urgency: Urgency,
  state: DemandState,
  raisedOn: Type.String(),
  acceptedOn: Nullable(Type.String()),
  dueOn: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
  resolvedOn: Nullable(Type.String()),
  rating: Nullable(Type.Integer()),
  confirmedOn: Nullable(Type.String()),
  reopenReason: Nullable(Type.String()),
  escalatedOn: Nullable(Type.String()),
  overdue: Type.Boolean(),
  /** the transitions the caller may make now */
  allowed: Type.Array(Type.String()),
  /** detail only: the timeline */
  events: Type.Optional(Type.Array(DemandEvent)),
  /** detail only: the attachments */
  files: Type.Optional(Type.Array(PairingFile)),
});
export type Demand = Static<typeof Demand>;

export const DemandListQuery = Type.Object(
  {
    pairing: Type.Optional(Id),
    coordinator: Type.Optional(Id),
    /** demands raised by or assigned to this organization */
    org: Type.Optional(Id),
    state: Type.Optional(DemandState),
    urgency: Type.Optional(Urgency),
    overdue: Type.Optional(Type.Boolean()),
    ...ListQuery,
  },
  { additionalProperties: false },
);
export type DemandListQuery = Static<typeof DemandListQuery>;

// ---- health and the coordinator's dashboard -----------------------------------------------------

export const PeriodQuery = Type.Object(
  { period: Type.String({ pattern: '^\\d{4}(-Q[1-4]|-\\d{2})?$', description: '2025, 2025-Q3 or 2025-08' }) },
  { additionalProperties: false },
);

export const PairingPolicy = Type.Object(
  {
    timeLimits: Type.Object(Object.fromEntries(URGENCIES.map((u) => [u, Type.Integer({ minimum: 1, maximum: 365 })])) as Record<
      (typeof URGENCIES)[number],
      ReturnType<typeof Type.Integer>
    >, { additionalProperties: false }),
    counting: Type.Enum(['calendar', 'working'] as const),
    holidays: Type.Array(DateString(), { maxItems: 100 }),
    extraWorkingDays: Type.Array(DateString(), { maxItems: 100 }),
    thresholds: Type.Object(
      {
        inactiveAfterDays: Type.Integer({ minimum: 0, maximum: 366 }),
        maxMissedActivityUnits: Type.Integer({ minimum: 0, maximum: 100 }),
        activityDueWarningDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
        maxOverdueCommitments: Type.Integer({ minimum: 0, maximum: 1000 }),
        maxOverdueDemands: Type.Integer({ minimum: 0, maximum: 1000 }),
        minAverageSatisfaction: Type.Number({ minimum: 0, maximum: 5 }),
        maxMedianDaysToResolve: Type.Integer({ minimum: 0, maximum: 366 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PairingPolicy = Static<typeof PairingPolicy>;

// ---- added with the server (issue 4): renewal, bulk result, matrix, suggestions, health, dashboard ---

/** The next period of a pairing: by default it starts the day after the old one ends and lasts as long. */
export const PairingAccept = Type.Object(
  {
    /** the party accepted for; by default every awaited party the caller acts for */
    orgId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type PairingAccept = Static<typeof PairingAccept>;

export const PairingRenew = Type.Object(
  {
    title: Type.Optional(Title),
    validFrom: Type.Optional(DateString()),
    validTo: Type.Optional(DateString()),
  },
  { additionalProperties: false },
);
export type PairingRenew = Static<typeof PairingRenew>;

export const PairingBulkResult = Type.Object({ items: Type.Array(Pairing) });

const OrgRef = Type.Object({ orgId: Type.String(), orgName: Type.String() });

export const PairingMatrixQuery = Type.Object(
  {
    coordinator: Id,
    /** the period of the health state; the current quarter when absent */
    period: Type.Optional(PeriodQuery.properties.period),
  },
  { additionalProperties: false },
);
export type PairingMatrixQuery = Static<typeof PairingMatrixQuery>;

/**
 * The coordinator's pairings as a matrix: rows are the first parties, columns the second parties
 * (as ticked in a bulk creation). A cell holds the latest pairing of that row and column (by
 * validity start); `health` is null for a pairing not in force during the period (a draft, or one
 * that ended before it).
 */
export const PairingMatrix = Type.Object({
  coordinatorOrgId: Type.String(),
  period: Type.String(),
  rows: Type.Array(OrgRef),
  columns: Type.Array(OrgRef),
  cells: Type.Array(
    Type.Object({
      rowOrgId: Type.String(),
      columnOrgId: Type.String(),
      pairingId: Type.String(),
      title: Type.String(),
      /** all parties, for a pairing of more than two */
      partyOrgIds: Type.Array(Type.String()),
      state: PairingState,
      health: Nullable(HealthState),
    }),
  ),
});
export type PairingMatrix = Static<typeof PairingMatrix>;

export const SuggestionQuery = Type.Object(
  {
    /** across all pairings of this coordinator (the caller must act for it) */
    coordinator: Type.Optional(Id),
    /** only the needs of this pairing; without a coordinator, only its own resources too (any reader) */
    pairing: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  },
  { additionalProperties: false },
);
export type SuggestionQuery = Static<typeof SuggestionQuery>;

const SuggestionSide = {
  id: Type.String(),
  title: Type.String(),
  category: PairingCategory,
  orgId: Type.String(),
  orgName: Type.String(),
  pairingId: Type.String(),
  pairingTitle: Type.String(),
};
export const MatchSuggestion = Type.Object({
  need: Type.Object(SuggestionSide),
  resource: Type.Object(SuggestionSide),
  sameCategory: Type.Boolean(),
  /** 0–1 overlap of the texts */
  similarity: Type.Number(),
  /** 0–2, best first */
  score: Type.Number(),
  /** shared terms */
  terms: Type.Array(Type.String()),
});
export const SuggestionList = Type.Object({ items: Type.Array(MatchSuggestion) });
export type SuggestionList = Static<typeof SuggestionList>;

export const HEALTH_REASONS = [
  'no_records',
  'activities_missed',
  'activities_due',
  'commitments_overdue',
  'demands_overdue',
  'low_satisfaction',
  'slow_resolution',
] as const satisfies readonly HealthReason[];

/** pairingHealth() of domain/pairings/health.ts, as served. */
export const PairingHealthResult = Type.Object({
  pairingId: Type.String(),
  period: Type.String(),
  activities: Type.Object({
    held: Type.Integer(),
    window: Type.String(),
    frequency: Frequency,
    required: Type.Integer(),
    met: Type.Integer(),
    missed: Type.Integer(),
    units: Type.Array(Type.Object({ label: Type.String(), held: Type.Integer(), status: Type.Enum(['met', 'missed', 'due', 'not_required'] as const) })),
  }),
  commitments: Type.Object({ total: Type.Integer(), done: Type.Integer(), overdue: Type.Integer() }),
  demands: Type.Object({ raised: Type.Integer(), resolved: Type.Integer(), overdue: Type.Integer() }),
  medianDaysToResolve: Nullable(Type.Number()),
  averageSatisfaction: Nullable(Type.Number()),
  ratings: Type.Integer(),
  projectsDone: Type.Integer(),
  state: HealthState,
  reasons: Type.Array(Type.Enum(HEALTH_REASONS)),
});

export const PairingDashboardQuery = Type.Object(
  {
    coordinator: Id,
    /** 2025, 2025-Q3 or 2025-08; the current quarter when absent */
    period: Type.Optional(PeriodQuery.properties.period),
  },
  { additionalProperties: false },
);
export type PairingDashboardQuery = Static<typeof PairingDashboardQuery>;

const HealthCounts = {
  onTrack: Type.Integer(),
  needsAttention: Type.Integer(),
  inactive: Type.Integer(),
};

/** One pairing's health figures in the period (flat, for a table); health fields are null when it was not in force. */
export const PairingDashboardRow = Type.Object({
  pairingId: Type.String(),
  title: Type.String(),
  parties: Type.Array(OrgRef),
  state: PairingState,
  validFrom: Type.String(),
  validTo: Type.String(),
  health: Nullable(HealthState),
  reasons: Type.Array(Type.Enum(HEALTH_REASONS)),
  activitiesHeld: Type.Integer(),
  activitiesRequired: Type.Integer(),
  activitiesMissed: Type.Integer(),
  commitmentsTotal: Type.Integer(),
  commitmentsDone: Type.Integer(),
  commitmentsOverdue: Type.Integer(),
  demandsRaised: Type.Integer(),
  demandsResolved: Type.Integer(),
  demandsOverdue: Type.Integer(),
  medianDaysToResolve: Nullable(Type.Number()),
  averageSatisfaction: Nullable(Type.Number()),
  projectsDone: Type.Integer(),
  /** demands not yet resolved, today */
  openDemands: Type.Integer(),
});

/** The coordinator's dashboard: totals for the period, one row per pairing, and a trend for charts. */
export const PairingDashboard = Type.Object({
  coordinatorOrgId: Type.String(),
  coordinatorName: Type.String(),
  period: Type.String(),
  totals: Type.Object({
    /** all of the coordinator's pairings, by their state today */
    pairings: Type.Integer(),
    byState: Type.Object({ draft: Type.Integer(), active: Type.Integer(), expired: Type.Integer(), terminated: Type.Integer() }),
    /** health states of the pairings in force during the period */
    health: Type.Object(HealthCounts),
    /** today: demands not yet resolved, and those of them past their due date */
    openDemands: Type.Integer(),
    overdueDemands: Type.Integer(),
    /** of the ratings given in the period, over all pairings (not an average of averages) */
    averageSatisfaction: Nullable(Type.Number()),
    ratings: Type.Integer(),
    jointActivitiesHeld: Type.Integer(),
    demandsRaised: Type.Integer(),
    demandsResolved: Type.Integer(),
    commitmentsOverdue: Type.Integer(),
    projectsDone: Type.Integer(),
  }),
  /** the pairings whose validity overlaps the period (a draft among them has null health) */
  rows: Type.Array(PairingDashboardRow),
  /** the last 4 quarters (the 4 of the year for a year, the last 12 months for a month), oldest first */
  trend: Type.Array(
    Type.Object({
      period: Type.String(),
      ...HealthCounts,
      jointActivitiesHeld: Type.Integer(),
      demandsRaised: Type.Integer(),
      demandsResolved: Type.Integer(),
      demandsOverdue: Type.Integer(),
      averageSatisfaction: Nullable(Type.Number()),
      projectsDone: Type.Integer(),
    }),
  ),
});
export type PairingDashboard = Static<typeof PairingDashboard>;

/** A joint activity as listed on the pairing page (the activity itself is at /activities/:id). */
export const JointActivity = Type.Object({
  id: Type.String(),
  type: Type.String(),
  state: Type.String(),
  theme: Type.String(),
  heldOn: Type.String(),
  hosts: Type.Array(OrgRef),
});

// ---- added with issue 11: one commitment marked done, the demand's possible assignees ------------

export const CommitmentDone = Type.Object(
  {
    /** the day it was done (not after today); null undoes it */
    doneOn: Nullable(DateString()),
  },
  { additionalProperties: false },
);
export type CommitmentDone = Static<typeof CommitmentDone>;

export const DemandAssignee = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  /** the party organization the account acts for here */
  orgId: Type.String(),
  orgName: Type.String(),
});
export const DemandAssigneeList = Type.Object({ items: Type.Array(DemandAssignee) });
export type DemandAssigneeList = Static<typeof DemandAssigneeList>;
