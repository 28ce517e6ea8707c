import { Type, type Static } from 'typebox';
import { ACTIVITY_TYPES, COMPLIANCE_STATUSES, ORG_TYPES } from '../enums';
import { DateString, Id } from './common';

export const DashboardQuery = Type.Object({ org: Id }, { additionalProperties: false });

/** Age bands from the birth year (age reached this year) and party-standing bands from the year joined. */
export const AGE_BANDS = ['le30', '31_40', '41_50', '51_60', 'gt60'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const STANDING_BANDS = ['lt5', '5_10', '10_20', '20_30', 'ge30'] as const;
export type StandingBand = (typeof STANDING_BANDS)[number];

/** One slice of a chart: an enum value (or band), 'unknown' where the record has none, and its count. */
const Slice = Type.Object({ key: Type.String(), n: Type.Integer() });
export type Slice = Static<typeof Slice>;

export const Dashboard = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  today: DateString(),
  orgs: Type.Object({
    total: Type.Integer({ description: 'active organizations in the subtree, the root included' }),
    byType: Type.Array(Slice),
    bySector: Type.Array(Slice),
  }),
  members: Type.Object({
    total: Type.Integer(),
    gender: Type.Array(Slice),
    age: Type.Array(Slice, { description: 'bands of AGE_BANDS' }),
    education: Type.Array(Slice),
    status: Type.Array(Slice),
    category: Type.Array(Slice),
    standing: Type.Array(Slice, { description: 'bands of STANDING_BANDS: years since joining the Party' }),
  }),
  activities: Type.Object({
    months: Type.Array(Type.String({ description: 'YYYY-MM, oldest first, the current month last' })),
    series: Type.Array(Type.Object({ type: Type.Enum(ACTIVITY_TYPES), counts: Type.Array(Type.Integer()) })),
  }),
  themeDays: Type.Object({
    months: Type.Array(Type.String()),
    orgs: Type.Array(
      Type.Object({
        orgId: Type.String(),
        orgName: Type.String(),
        cells: Type.Array(Type.Enum(COMPLIANCE_STATUSES), { description: 'one per month' }),
      }),
    ),
    branches: Type.Integer({ description: 'active branches in the subtree' }),
    omitted: Type.Integer({ description: 'branches left out of the heatmap (it shows the first ones by name)' }),
  }),
  terms: Type.Object({
    items: Type.Array(
      Type.Object({
        orgId: Type.String(),
        orgName: Type.String(),
        type: Type.Enum(ORG_TYPES),
        electedOn: DateString(),
        expiresOn: DateString(),
        daysLeft: Type.Integer(),
      }),
    ),
    total: Type.Integer({ description: 'terms expiring within 6 months; items holds the first ones by date' }),
    expired: Type.Integer({ description: 'terms already expired (on or before today) and not renewed; expiredItems holds the longest expired first' }),
    expiredItems: Type.Array(
      Type.Object({
        orgId: Type.String(),
        orgName: Type.String(),
        type: Type.Enum(ORG_TYPES),
        electedOn: DateString(),
        expiresOn: DateString(),
        daysLeft: Type.Integer({ description: '0 or negative: days since it expired' }),
      }),
    ),
  }),
});
export type Dashboard = Static<typeof Dashboard>;
