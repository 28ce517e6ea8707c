// A rule pack holds every number the software checks (defaults from shared/docs/rules.md).
// A higher organization may override any part of it for its subtree; overrides merge root → leaf.
// Overrides are versioned by an effective date: packForDate picks, per organization, the version in force.

import { isWithin } from '../access';
import { isValidDate } from '../dates';
import { ACTIVITY_TYPES, ORG_TYPES, type ActivityType, type OrgType } from '../enums';

export type Severity = 'hard' | 'soft';

/** How often a requirement recurs; also the unit its minimum is counted in. */
export type RequirementPer = 'month' | 'quarter' | 'year';
export const REQUIREMENT_PERS: readonly RequirementPer[] = ['month', 'quarter', 'year'];

/**
 * One recurring activity the rules require: at least `min` held activities of `type` in every `per`.
 * Keyed in the pack by an id: the activity type for the central rules, another id for a second rule on the
 * same type (the local quarterly party lecture) or for a local requirement a committee adds.
 */
export interface MeetingRequirement {
  /** the activity type that counts */
  type: ActivityType;
  min: number;
  per: RequirementPer;
  severity: Severity;
  /** organization types subject to it; other types get not_applicable */
  appliesTo: OrgType[];
  /** only for branches that have party groups (group meetings, Branch Regs Art. 13) */
  onlyIfPartyGroups: boolean;
  /** only for organizations with a committee (a branch with fewer than 7 full members has none, Art. 21) */
  onlyIfCommittee: boolean;
  /**
   * Activity types the practice holds together with this one: an activity of such a type counts for this
   * requirement too when its record says it included it (a life meeting with the democratic evaluation).
   */
  heldWith: ActivityType[];
  /** "generally in quarter N" of a yearly requirement: a separate, usually soft, check */
  preferredQuarter: { quarter: number; severity: Severity; enabled: boolean } | null;
  enabled: boolean;
}

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
    /**
     * Branch Regs Art. 21 reads "3 to 5, generally no more than 7": fewer than `min` is an error (reported as
     * committee_required), 6 or 7 is allowed, above the general maximum a warning.
     */
    committeeSize: { min: number; severity: Severity };
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
  meetings: {
    /** by requirement id, in display order; see MeetingRequirement */
    requirements: Record<string, MeetingRequirement>;
  };
}

/** Branch-level organizations: members hold their branch life here (group meetings, theme days, life meetings, …). */
const BRANCH_LEVEL: OrgType[] = ['branch', 'joint_branch'];
/**
 * A general branch has its own members' assembly and committee (the Branch Work Regulations apply to it by
 * reference), so assemblies and committee meetings apply to it too; the member-level activities happen in
 * the branches under it. Primary committees, working committees and leading groups are not subject to them.
 */
const WITH_GENERAL_BRANCH: OrgType[] = ['branch', 'joint_branch', 'general_branch'];

const requirement = (
  type: ActivityType,
  min: number,
  per: RequirementPer,
  severity: Severity,
  appliesTo: OrgType[],
  extra: Partial<MeetingRequirement> = {},
): MeetingRequirement => ({
  type,
  min,
  per,
  severity,
  appliesTo: [...appliesTo],
  onlyIfPartyGroups: false,
  onlyIfCommittee: false,
  heldWith: [],
  preferredQuarter: null,
  enabled: true,
  ...extra,
});

export const DEFAULT_RULE_PACK: RulePack = {
  version: 'cn-2018.1',
  organizations: {
    minFullMembers: { value: 3, severity: 'hard' },
    branchMaxMembers: { value: 50, severity: 'soft' },
    jointBranchMaxUnits: { value: 5, severity: 'soft' },
    committeeFromFullMembers: { value: 7, severity: 'hard' },
    committeeSize: { min: 3, severity: 'hard' },
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
  meetings: {
    requirements: {
      /** Branch Regs Art. 11: the general assembly generally meets once a quarter */
      general_assembly: requirement('general_assembly', 1, 'quarter', 'soft', WITH_GENERAL_BRANCH),
      /** Art. 12: the committee generally meets once a month; only where there is a committee */
      committee_meeting: requirement('committee_meeting', 1, 'month', 'soft', WITH_GENERAL_BRANCH, {
        onlyIfCommittee: true,
      }),
      /** Art. 13: party groups meet generally once a month, for branches that have groups */
      group_meeting: requirement('group_meeting', 1, 'month', 'soft', BRANCH_LEVEL, {
        onlyIfPartyGroups: true,
      }),
      /** Art. 15: secretaries lecture at least once a year (counted as one party lecture a year in the branch) */
      party_lecture: requirement('party_lecture', 1, 'year', 'soft', BRANCH_LEVEL),
      /** common local rule, off by default: one party lecture a quarter */
      party_lecture_quarterly: requirement('party_lecture', 1, 'quarter', 'soft', BRANCH_LEVEL, {
        enabled: false,
      }),
      /** Art. 16, Education Regs Art. 16: one theme party day a month */
      theme_day: requirement('theme_day', 1, 'month', 'hard', BRANCH_LEVEL),
      /** Art. 17: at least once a year (hard), generally in the fourth quarter (soft) */
      life_meeting: requirement('life_meeting', 1, 'year', 'hard', BRANCH_LEVEL, {
        preferredQuarter: { quarter: 4, severity: 'soft', enabled: true },
      }),
      /** Art. 18: once a year, often held within the life meeting: then that one activity counts for both */
      democratic_evaluation: requirement('democratic_evaluation', 1, 'year', 'soft', BRANCH_LEVEL, {
        heldWith: ['life_meeting'],
      }),
      /**
       * Art. 19: at least one talk per pair per year. The pairs need the people of each talk; from activity
       * records alone this checks only that the branch held at least one talk in the year.
       */
      heart_talk: requirement('heart_talk', 1, 'year', 'soft', BRANCH_LEVEL),
    },
  },
};

/** Every field optional, recursively; a nullable object (preferredQuarter) may be overridden in part or set to null. */
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object
    ? DeepPartial<T[K]>
    : null extends T[K]
      ? NonNullable<T[K]> extends object
        ? DeepPartial<NonNullable<T[K]>> | null
        : T[K]
      : T[K];
};
export type RulePackOverride = DeepPartial<RulePack>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const REQUIREMENT_ID = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A requirement a committee adds for its subtree (a key the pack does not have yet): accepted only when
 * complete and well-formed, so a typo in an id cannot add a half-defined rule. Returns null otherwise.
 */
export function parseNewRequirement(value: unknown): MeetingRequirement | null {
  if (!isPlainObject(value)) return null;
  const {
    type,
    min,
    per,
    severity,
    appliesTo,
    onlyIfPartyGroups,
    onlyIfCommittee,
    heldWith,
    preferredQuarter,
    enabled,
  } = value;
  const isSeverity = (v: unknown): v is Severity => v === 'hard' || v === 'soft';
  if (typeof type !== 'string' || !(ACTIVITY_TYPES as readonly string[]).includes(type)) return null;
  if (typeof min !== 'number' || !Number.isInteger(min) || min < 0) return null;
  if (typeof per !== 'string' || !(REQUIREMENT_PERS as readonly string[]).includes(per)) return null;
  if (!isSeverity(severity)) return null;
  if (!Array.isArray(appliesTo) || !appliesTo.every((t) => (ORG_TYPES as readonly unknown[]).includes(t)))
    return null;
  if (heldWith !== undefined && (!Array.isArray(heldWith) || !heldWith.every((t) => (ACTIVITY_TYPES as readonly unknown[]).includes(t))))
    return null;
  let quarter: MeetingRequirement['preferredQuarter'] = null;
  if (preferredQuarter !== undefined && preferredQuarter !== null) {
    if (!isPlainObject(preferredQuarter)) return null;
    const q = preferredQuarter.quarter;
    if (
      typeof q !== 'number' ||
      !Number.isInteger(q) ||
      q < 1 ||
      q > 4 ||
      !isSeverity(preferredQuarter.severity)
    )
      return null;
    quarter = {
      quarter: q,
      severity: preferredQuarter.severity,
      enabled: preferredQuarter.enabled !== false,
    };
  }
  return {
    type: type as ActivityType,
    min,
    per: per as RequirementPer,
    severity,
    appliesTo: [...new Set(appliesTo as OrgType[])],
    onlyIfPartyGroups: onlyIfPartyGroups === true,
    onlyIfCommittee: onlyIfCommittee === true,
    heldWith: [...new Set((heldWith ?? []) as ActivityType[])],
    preferredQuarter: quarter,
    enabled: enabled !== false,
  };
}

/** Records where an override may add keys (path → how to accept a new entry); everywhere else unknown keys are dropped. */
const OPEN_RECORDS = new Map<string, (value: unknown) => unknown>([
  ['meetings.requirements', parseNewRequirement],
]);

function mergeInto(base: Record<string, unknown>, override: Record<string, unknown>, path = ''): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(base, key)) {
      // unknown keys (inherited ones too) never enter the pack, except a complete new entry of an open record
      const accept = OPEN_RECORDS.get(path);
      if (accept && REQUIREMENT_ID.test(key) && !(key in Object.prototype)) {
        const entry = accept(value);
        if (entry !== null && entry !== undefined) out[key] = entry;
      }
      continue;
    }
    const current = base[key];
    out[key] =
      isPlainObject(current) && isPlainObject(value)
        ? mergeInto(current, value, path ? `${path}.${key}` : key)
        : value;
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

/** One stored version of an organization's override: in force from `effectiveFrom` until its next version. */
export interface VersionedOverride {
  /** depth of the organization in the tree, 0 for the root: overrides merge root first */
  depth: number;
  /** 'YYYY-MM-DD', China calendar date */
  effectiveFrom: string;
  /** null: from this date the organization no longer overrides anything */
  override: RulePackOverride | null | undefined;
}

/**
 * The pack in force on a date: for each ancestor (by depth) the version with the latest effectiveFrom on or
 * before the date (of two versions with the same date, the later one in the list), merged root first.
 * Versions that take effect after the date are ignored.
 */
export function packForDate(
  versions: readonly VersionedOverride[],
  date: string,
  base = DEFAULT_RULE_PACK,
): RulePack {
  if (!isValidDate(date)) throw new RangeError(`not a date: ${date}`);
  const inForce = new Map<number, VersionedOverride>();
  for (const v of versions) {
    if (!isValidDate(v.effectiveFrom)) throw new RangeError(`not a date: ${v.effectiveFrom}`);
    if (v.effectiveFrom > date) continue;
    const current = inForce.get(v.depth);
    if (!current || v.effectiveFrom >= current.effectiveFrom) inForce.set(v.depth, v);
  }
  const rootFirst = [...inForce.entries()].sort(([a], [b]) => a - b).map(([, v]) => v.override);
  return effectivePack(rootFirst, base);
}

/**
 * The pack a period is evaluated with: the one in force on its first day. A branch plans its year, quarter or
 * month under the rules known when it begins; an override recorded or taking effect later changes the next
 * periods, never one already under way, so a period's result does not change retroactively and every
 * sub-period of a period is judged by one rule.
 */
export function packForPeriod(
  versions: readonly VersionedOverride[],
  period: { start: string },
  base = DEFAULT_RULE_PACK,
): RulePack {
  return packForDate(versions, period.start, base);
}

/**
 * Where each pack of a subtree serves: its own subtree less the subtrees of the packs nearest
 * below it (`packs` are the subtree's own and those of the organizations inside it with versions
 * of their own; an organization follows the deepest pack above it).
 */
export function packRegions<T extends { path: string }>(packs: T[]): (T & { below: T[] })[] {
  const isBelow = (inner: string, outer: string) => inner !== outer && isWithin(inner, outer);
  return packs.map((p) => ({
    ...p,
    below: packs.filter((b) => isBelow(b.path, p.path) && !packs.some((m) => isBelow(b.path, m.path) && isBelow(m.path, p.path))),
  }));
}
