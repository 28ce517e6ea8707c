import { Type, type Static } from 'typebox';
import { ACTIONS } from '../access';
import { COMMITTEE_ROLES, ORG_TYPES, SECTORS } from '../enums';
import { DateString, Id, Nullable } from './common';
import { MeetingsOverride } from './compliance';

export const OrgType = Type.Enum(ORG_TYPES);
export const Sector = Type.Enum(SECTORS);
export const CommitteeRole = Type.Enum(COMMITTEE_ROLES);
export const Ability = Type.Enum(ACTIONS);

const Threshold = Type.Object(
  { value: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })), severity: Type.Optional(Type.Union([Type.Literal('hard'), Type.Literal('soft')])) },
  { additionalProperties: false },
);
/** The parts of the rule pack an organization may override for its subtree. */
export const RulePackOverride = Type.Object(
  {
    organizations: Type.Optional(
      Type.Object(
        {
          minFullMembers: Type.Optional(Threshold),
          branchMaxMembers: Type.Optional(Threshold),
          jointBranchMaxUnits: Type.Optional(Threshold),
          committeeFromFullMembers: Type.Optional(Threshold),
          committeeGenerallyMax: Type.Optional(Threshold),
          secretaryMinStandingYears: Type.Optional(Threshold),
        },
        { additionalProperties: false },
      ),
    ),
    terms: Type.Optional(
      Type.Object(
        {
          committeeYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
          branchYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
          villageCommunityYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
          reminderMonthsBefore: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 })),
        },
        { additionalProperties: false },
      ),
    ),
    meetings: Type.Optional(MeetingsOverride),
  },
  { additionalProperties: false },
);

const orgFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  shortName: Nullable(Type.String({ maxLength: 50 })),
  code: Nullable(Type.String({ maxLength: 50, pattern: '^[A-Za-z0-9_.-]+$' })),
  type: OrgType,
  sector: Nullable(Sector),
  hostUnit: Nullable(Type.String({ maxLength: 200 })),
  foundedOn: Nullable(DateString()),
  contactName: Nullable(Type.String({ maxLength: 50 })),
  contactPhone: Nullable(Type.String({ maxLength: 30 })),
  coveredUnits: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
  termElectedOn: Nullable(DateString()),
};

export const OrgCreate = Type.Object(
  {
    ...orgFields,
    parentId: Nullable(Id),
    shortName: Type.Optional(orgFields.shortName),
    code: Type.Optional(orgFields.code),
    sector: Type.Optional(orgFields.sector),
    hostUnit: Type.Optional(orgFields.hostUnit),
    foundedOn: Type.Optional(orgFields.foundedOn),
    contactName: Type.Optional(orgFields.contactName),
    contactPhone: Type.Optional(orgFields.contactPhone),
    coveredUnits: Type.Optional(orgFields.coveredUnits),
    termElectedOn: Type.Optional(orgFields.termElectedOn),
  },
  { additionalProperties: false },
);
export type OrgCreate = Static<typeof OrgCreate>;

export const OrgPatch = Type.Object(
  {
    name: Type.Optional(orgFields.name),
    shortName: Type.Optional(orgFields.shortName),
    code: Type.Optional(orgFields.code),
    type: Type.Optional(orgFields.type),
    sector: Type.Optional(orgFields.sector),
    hostUnit: Type.Optional(orgFields.hostUnit),
    foundedOn: Type.Optional(orgFields.foundedOn),
    contactName: Type.Optional(orgFields.contactName),
    contactPhone: Type.Optional(orgFields.contactPhone),
    coveredUnits: Type.Optional(orgFields.coveredUnits),
    termElectedOn: Type.Optional(orgFields.termElectedOn),
    rulePackOverride: Type.Optional(Nullable(RulePackOverride)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type OrgPatch = Static<typeof OrgPatch>;

export const OrgMove = Type.Object({ parentId: Id }, { additionalProperties: false });
export const OrgDissolve = Type.Object(
  { dissolvedOn: DateString(), reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const OrgSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Nullable(Type.String()),
  code: Nullable(Type.String()),
  type: OrgType,
  sector: Nullable(Sector),
  hostUnit: Nullable(Type.String()),
  parentId: Nullable(Type.String()),
  foundedOn: Nullable(Type.String()),
  dissolvedOn: Nullable(Type.String()),
  hasChildren: Type.Boolean(),
  memberCount: Type.Integer(),
  fullMemberCount: Type.Integer(),
  /** names from the root down to this organization */
  pathNames: Type.Array(Type.String()),
});
export type OrgSummary = Static<typeof OrgSummary>;

export const Finding = Type.Object({
  rule: Type.String(),
  severity: Type.Union([Type.Literal('hard'), Type.Literal('soft')]),
  message: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
});

export const CommitteeSeat = Type.Object({
  id: Type.String(),
  memberId: Type.String(),
  memberName: Type.String(),
  role: CommitteeRole,
  startedOn: Type.String(),
});

export const PartyGroup = Type.Object({
  id: Type.String(),
  name: Type.String(),
  leaderMemberId: Nullable(Type.String()),
  leaderName: Nullable(Type.String()),
  memberCount: Type.Integer(),
});

export const OrgDetail = Type.Object({
  ...OrgSummary.properties,
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  coveredUnits: Type.Array(Type.String()),
  dissolvedReason: Nullable(Type.String()),
  directMemberCount: Type.Integer(),
  directFullMemberCount: Type.Integer(),
  term: Type.Object({
    electedOn: Nullable(Type.String()),
    years: Nullable(Type.Integer()),
    expiresOn: Nullable(Type.String()),
    remindOn: Nullable(Type.String()),
  }),
  committee: Type.Array(CommitteeSeat),
  partyGroups: Type.Array(PartyGroup),
  findings: Type.Array(Finding),
  rulePackOverride: Nullable(Type.Unknown()),
  abilities: Type.Array(Ability),
});
export type OrgDetail = Static<typeof OrgDetail>;

export const CommitteeSeatCreate = Type.Object(
  { memberId: Id, role: CommitteeRole, startedOn: DateString() },
  { additionalProperties: false },
);
export const PartyGroupCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 50 }), leaderMemberId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false },
);
export const PartyGroupPatch = Type.Object(
  { name: Type.Optional(PartyGroupCreate.properties.name), leaderMemberId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false, minProperties: 1 },
);
export type PartyGroupPatch = Static<typeof PartyGroupPatch>;
