import { Type, type Static } from 'typebox';
import { EDUCATIONS, GENDERS, MEMBER_CATEGORIES, MEMBER_STATUSES } from '../enums';
import { Ability } from './orgs';
import { DateString, Id, ListQuery, Nullable, OffsetQuery, Page } from './common';

export const Gender = Type.Enum(GENDERS);
export const MemberStatus = Type.Enum(MEMBER_STATUSES);
export const MemberCategory = Type.Enum(MEMBER_CATEGORIES);
export const Education = Type.Enum(EDUCATIONS);

const memberFields = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  gender: Gender,
  ethnicity: Nullable(Type.String({ maxLength: 20 })),
  birthDate: DateString(),
  idNumber: Nullable(Type.String({ maxLength: 18 })),
  phone: Nullable(Type.String({ maxLength: 20, pattern: '^[0-9+\\- ]*$' })),
  education: Nullable(Education),
  joinedOn: DateString(),
  fullOn: Nullable(DateString()),
  status: MemberStatus,
  category: MemberCategory,
  jobTitle: Nullable(Type.String({ maxLength: 100 })),
  orgId: Id,
  partyGroupId: Nullable(Id),
};

export const MemberCreate = Type.Object(
  {
    ...memberFields,
    gender: Type.Optional(Gender),
    birthDate: Type.Optional(DateString()),
    ethnicity: Type.Optional(memberFields.ethnicity),
    idNumber: Type.Optional(memberFields.idNumber),
    phone: Type.Optional(memberFields.phone),
    education: Type.Optional(memberFields.education),
    fullOn: Type.Optional(memberFields.fullOn),
    jobTitle: Type.Optional(memberFields.jobTitle),
    partyGroupId: Type.Optional(memberFields.partyGroupId),
  },
  { additionalProperties: false },
);
export type MemberCreate = Static<typeof MemberCreate>;

export const MemberPatch = Type.Object(
  {
    name: Type.Optional(memberFields.name),
    gender: Type.Optional(memberFields.gender),
    ethnicity: Type.Optional(memberFields.ethnicity),
    birthDate: Type.Optional(memberFields.birthDate),
    idNumber: Type.Optional(memberFields.idNumber),
    phone: Type.Optional(memberFields.phone),
    education: Type.Optional(memberFields.education),
    joinedOn: Type.Optional(memberFields.joinedOn),
    fullOn: Type.Optional(memberFields.fullOn),
    status: Type.Optional(memberFields.status),
    category: Type.Optional(memberFields.category),
    jobTitle: Type.Optional(memberFields.jobTitle),
    partyGroupId: Type.Optional(memberFields.partyGroupId),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MemberPatch = Static<typeof MemberPatch>;

export const MemberTransfer = Type.Object(
  { orgId: Id, on: Type.Optional(DateString()), note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const Member = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: Gender,
  ethnicity: Nullable(Type.String()),
  birthDate: Type.String(),
  /** masked in a list; in the member's record, masked unless the caller may read it */
  idNumber: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  education: Nullable(Education),
  joinedOn: Type.String(),
  fullOn: Nullable(Type.String()),
  status: MemberStatus,
  category: MemberCategory,
  jobTitle: Nullable(Type.String()),
  orgId: Type.String(),
  orgName: Type.String(),
  partyGroupId: Nullable(Type.String()),
  masked: Type.Boolean(),
});
export type Member = Static<typeof Member>;

export const MemberDetail = Type.Object({
  ...Member.properties,
  history: Type.Array(
    Type.Object({ orgId: Type.String(), orgName: Type.String(), fromOn: Type.String(), toOn: Nullable(Type.String()), note: Nullable(Type.String()) }),
  ),
  committeeRoles: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), role: Type.String(), startedOn: Type.String() })),
  abilities: Type.Array(Ability),
});
export type MemberDetail = Static<typeof MemberDetail>;

export const MEMBER_SORTS = ['name', 'joinedOn', 'birthDate'] as const;

/** The filters of a members list, shared by the list and the export of what it shows. */
const memberFilters = {
  subtree: Type.Optional(Type.Boolean({ default: true })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  status: Type.Optional(MemberStatus),
  category: Type.Optional(MemberCategory),
  gender: Type.Optional(Gender),
  education: Type.Optional(Education),
  ageMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  ageMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
  joinedFrom: Type.Optional(Type.Integer({ minimum: 1921, maximum: 2100, description: 'year' })),
  joinedTo: Type.Optional(Type.Integer({ minimum: 1921, maximum: 2100, description: 'year' })),
  sort: Type.Optional(Type.Enum(MEMBER_SORTS)),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
};

export const MemberListQuery = Type.Object(
  {
    org: Type.Optional(Id),
    ...memberFilters,
    ...ListQuery,
    ...OffsetQuery,
  },
  { additionalProperties: false },
);
export type MemberListQuery = Static<typeof MemberListQuery>;

/** A member in a list, with what the caller may do to it (edit, transfer) for the row's actions. */
export const MemberListItem = Type.Object({ ...Member.properties, abilities: Type.Array(Ability) });
export type MemberListItem = Static<typeof MemberListItem>;

export const MemberPage = Type.Object({
  ...Page(MemberListItem).properties,
  /** false when more members match than were counted: `total` is then a lower bound */
  totalExact: Type.Boolean(),
  /** what the caller may do somewhere in the listed organization (or its scope): add, import, export, edit */
  abilities: Type.Array(Ability),
});
export type MemberPage = Static<typeof MemberPage>;

/**
 * The export of a members list: the roster of an organization (its subtree unless `subtree=false`), or of the caller's
 * whole scope without one, filtered and ordered like the list.
 */
export const MemberExportQuery = Type.Object({ org: Type.Optional(Id), ...memberFilters }, { additionalProperties: false });
export type MemberExportQuery = Static<typeof MemberExportQuery>;
export type MemberFilterQuery = Omit<MemberExportQuery, 'org'>;

/** Puts the given members into a party group of their organization, or takes them out of theirs (`partyGroupId: null`). */
export const MemberGroupAssign = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: 200 }), partyGroupId: Nullable(Id) },
  { additionalProperties: false },
);
export type MemberGroupAssign = Static<typeof MemberGroupAssign>;
export const MemberBatchResult = Type.Object({ updated: Type.Integer(), unchanged: Type.Integer() });
export type MemberBatchResult = Static<typeof MemberBatchResult>;
