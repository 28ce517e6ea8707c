import { Type } from 'typebox';
import { ACTIVITY_TYPES, COMPLIANCE_STATUSES, ORG_TYPES } from '../enums';
import { DateString, Id } from './common';

const Severity = Type.Union([Type.Literal('hard'), Type.Literal('soft')]);
const Status = Type.Enum(COMPLIANCE_STATUSES);
const PERIOD_PATTERN = '^\\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$';
export const PeriodText = Type.String({ pattern: PERIOD_PATTERN, description: '2025, 2025-Q3 or 2025-08' });

export const ComplianceQuery = Type.Object({ org: Id, period: PeriodText }, { additionalProperties: false });

export const RollupQuery = Type.Object(
  {
    org: Id,
    period: PeriodText,
    laggingLimit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: 'list at most this many lagging organizations per requirement (the first in order); all by default' }),
    ),
  },
  { additionalProperties: false },
);

export const ComplianceItem = Type.Object({
  id: Type.String(),
  requirement: Type.Enum(ACTIVITY_TYPES),
  status: Status,
  severity: Severity,
  per: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]),
  required: Type.Integer(),
  count: Type.Integer(),
  activities: Type.Array(Type.String()),
  window: Type.String(),
  reason: Type.Optional(Type.String()),
  daysLeft: Type.Optional(Type.Integer()),
  subPeriods: Type.Optional(Type.Array(Type.Object({ label: Type.String(), status: Status, count: Type.Integer() }))),
  timing: Type.Optional(Type.Object({ quarter: Type.Integer(), severity: Severity, status: Status })),
});

export const ComplianceReport = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  period: Type.String(),
  items: Type.Array(ComplianceItem),
});

export const RollupReport = Type.Object({
  orgId: Type.String(),
  period: Type.String(),
  organizations: Type.Integer({ description: 'organizations evaluated in the subtree' }),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      requirement: Type.Enum(ACTIVITY_TYPES),
      severity: Severity,
      applicable: Type.Integer(),
      met: Type.Integer(),
      shareMet: Type.Union([Type.Number(), Type.Null()]),
      laggingTotal: Type.Integer({ description: 'organizations lagging in all, however many `lagging` lists' }),
      lagging: Type.Array(
        Type.Object({
          orgId: Type.String(),
          orgName: Type.String(),
          status: Type.Union([Type.Literal('missed'), Type.Literal('due')]),
          severity: Severity,
          required: Type.Integer(),
          count: Type.Integer(),
          missedPeriods: Type.Array(Type.String()),
          daysLeft: Type.Optional(Type.Integer()),
        }),
      ),
    }),
  ),
});

const RequirementOverride = Type.Object(
  {
    type: Type.Optional(Type.Enum(ACTIVITY_TYPES)),
    min: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    per: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')])),
    severity: Type.Optional(Severity),
    appliesTo: Type.Optional(Type.Array(Type.Enum(ORG_TYPES))),
    onlyIfPartyGroups: Type.Optional(Type.Boolean()),
    onlyIfCommittee: Type.Optional(Type.Boolean()),
    heldWith: Type.Optional(Type.Array(Type.Enum(ACTIVITY_TYPES), { maxItems: 20 })),
    preferredQuarter: Type.Optional(
      Type.Union([Type.Object({ quarter: Type.Integer({ minimum: 1, maximum: 4 }), severity: Severity, enabled: Type.Boolean() }, { additionalProperties: false }), Type.Null()]),
    ),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** The meetings part of a rule pack override: change a requirement, or add a local one under a new id. */
export const MeetingsOverride = Type.Object(
  { requirements: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }), RequirementOverride) },
  { additionalProperties: false },
);

export const RulePackVersionCreate = Type.Object(
  { effectiveFrom: DateString(), override: Type.Object({ meetings: Type.Optional(MeetingsOverride) }, { additionalProperties: true }) },
  { additionalProperties: false },
);

export const RulePackVersion = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  effectiveFrom: Type.String(),
  override: Type.Unknown(),
});
