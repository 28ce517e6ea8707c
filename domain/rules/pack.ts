// A rule pack holds every number the software checks (defaults from shared/docs/rules.md).
// A higher organization may override any part of it for its subtree; overrides merge root → leaf.

export type Severity = 'hard' | 'soft';

export interface Threshold {
  value: number;
  severity: Severity;
}

export interface RulePack {
  version: string;
  organizations: {
    /** a unit with ≥N full members must set up an organization; probationary members do not count (党章 Art. 30) */
    minFullMembers: Threshold;
    /** a branch generally has ≤N members (Branch Regs Art. 4) */
    branchMaxMembers: Threshold;
    /** a joint branch generally covers ≤N units (Branch Regs Art. 5) */
    jointBranchMaxUnits: Threshold;
    /** from N full members a branch must have a committee (Branch Regs Art. 21) */
    committeeFromFullMembers: Threshold;
    /** committee size min–max (hard) and the general upper bound (soft) (Branch Regs Art. 21) */
    committeeSize: { min: number; max: number; severity: Severity };
    committeeGenerallyMax: Threshold;
    /** below the committee threshold: a secretary and at most N deputies, no committee */
    deputiesWithoutCommittee: Threshold;
    /** a secretary generally has ≥N years of party standing (Branch Regs Art. 23) */
    secretaryMinStandingYears: Threshold;
  };
  terms: {
    committeeYears: number;
    branchYears: number;
    /** village and community committees at all levels (Opinion on Terms 2018) */
    villageCommunityYears: number;
    reminderMonthsBefore: number;
    severity: Severity;
  };
}

export const DEFAULT_RULE_PACK: RulePack = {
  version: 'cn-2018.1',
  organizations: {
    minFullMembers: { value: 3, severity: 'hard' },
    branchMaxMembers: { value: 50, severity: 'soft' },
    jointBranchMaxUnits: { value: 5, severity: 'soft' },
    committeeFromFullMembers: { value: 7, severity: 'hard' },
    committeeSize: { min: 3, max: 5, severity: 'hard' },
    committeeGenerallyMax: { value: 7, severity: 'soft' },
    deputiesWithoutCommittee: { value: 1, severity: 'hard' },
    secretaryMinStandingYears: { value: 1, severity: 'soft' },
  },
  terms: {
    committeeYears: 5,
    branchYears: 3,
    villageCommunityYears: 5,
    reminderMonthsBefore: 6,
    severity: 'soft',
  },
};

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type RulePackOverride = DeepPartial<RulePack>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mergeInto(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (!Object.hasOwn(base, key) || value === undefined) continue; // unknown keys (inherited ones too) never enter the pack
    const current = base[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeInto(current, value) : value;
  }
  return out;
}

/** The pack in force for an organization: the default, then each ancestor's override from the root down. */
export function effectivePack(overridesRootFirst: readonly (RulePackOverride | null | undefined)[], base = DEFAULT_RULE_PACK): RulePack {
  let pack = base as unknown as Record<string, unknown>;
  for (const override of overridesRootFirst) {
    if (override) pack = mergeInto(pack, override);
  }
  return pack as unknown as RulePack;
}
