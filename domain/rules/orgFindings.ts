import { addMonths, addYears, fullYearsBetween } from '../dates';
import type { CommitteeRole, OrgType, Sector } from '../enums';
import type { RulePack, Severity } from './pack';

export type OrgRule =
  | 'min_full_members'
  | 'branch_max_members'
  | 'joint_branch_max_units'
  | 'committee_required'
  | 'committee_generally_max'
  | 'no_committee_below_threshold'
  | 'secretary_missing'
  | 'secretary_standing'
  | 'term_missing'
  | 'term_expired'
  | 'term_reminder';

export interface Finding {
  rule: OrgRule;
  severity: Severity;
  params: Record<string, string | number>;
}

export interface OrgFacts {
  type: OrgType;
  sector: Sector | null;
  /** members counted for the organization: its own for a branch, its subtree otherwise */
  members: number;
  fullMembers: number;
  coveredUnits: number;
  committee: { role: CommitteeRole; fullOn: string | null }[];
  termElectedOn: string | null;
  dissolved: boolean;
}

export interface TermDates {
  years: number;
  expiresOn: string;
  remindOn: string;
}

export const BRANCH_TYPES: readonly OrgType[] = ['branch', 'joint_branch'];
const COMMITTEE_RULE_TYPES: readonly OrgType[] = ['branch', 'joint_branch', 'general_branch'];

/** Term length by level and sector (Opinion on Terms 2018); a leading group is appointed, not elected. */
/**
 * Which of a pack's term lengths an organization serves, checked in this order: none for these
 * types, the village and community term for these sectors, the committee term for these types, the
 * branch term for the rest. Data, so that the dashboard's SQL (termsEnding) applies the same rule.
 */
export const TERM_RULE = {
  noTerm: ['leading_group'],
  villageCommunitySectors: ['village', 'community'],
  committeeTypes: ['committee', 'working_committee'],
} as const satisfies { noTerm: readonly OrgType[]; villageCommunitySectors: readonly Sector[]; committeeTypes: readonly OrgType[] };

/** Which of a rule pack's term lengths an organization serves; null when it has no term. */
export type TermKind = 'village_community' | 'committee' | 'branch';

export function termKind(type: OrgType, sector: Sector | null): TermKind | null {
  if ((TERM_RULE.noTerm as readonly OrgType[]).includes(type)) return null;
  if (sector !== null && (TERM_RULE.villageCommunitySectors as readonly Sector[]).includes(sector)) return 'village_community';
  if ((TERM_RULE.committeeTypes as readonly OrgType[]).includes(type)) return 'committee';
  return 'branch';
}

export function termYearsOf(kind: TermKind, terms: Pick<RulePack['terms'], 'villageCommunityYears' | 'committeeYears' | 'branchYears'>): number {
  return kind === 'village_community' ? terms.villageCommunityYears : kind === 'committee' ? terms.committeeYears : terms.branchYears;
}

export function termYears(type: OrgType, sector: Sector | null, pack: RulePack): number | null {
  const kind = termKind(type, sector);
  return kind === null ? null : termYearsOf(kind, pack.terms);
}

export function termDates(type: OrgType, sector: Sector | null, electedOn: string, pack: RulePack): TermDates | null {
  const years = termYears(type, sector, pack);
  if (years === null) return null;
  const expiresOn = addYears(electedOn, years);
  return { years, expiresOn, remindOn: addMonths(expiresOn, -pack.terms.reminderMonthsBefore) };
}

export function orgFindings(facts: OrgFacts, pack: RulePack, today: string): Finding[] {
  if (facts.dissolved) return [];
  const rules = pack.organizations;
  const out: Finding[] = [];
  const isBranch = BRANCH_TYPES.includes(facts.type);

  if (facts.type !== 'leading_group' && facts.fullMembers < rules.minFullMembers.value) {
    out.push({
      rule: 'min_full_members',
      severity: rules.minFullMembers.severity,
      params: { min: rules.minFullMembers.value, actual: facts.fullMembers },
    });
  }
  if (isBranch && facts.members > rules.branchMaxMembers.value) {
    out.push({
      rule: 'branch_max_members',
      severity: rules.branchMaxMembers.severity,
      params: { max: rules.branchMaxMembers.value, actual: facts.members },
    });
  }
  if (facts.type === 'joint_branch' && facts.coveredUnits > rules.jointBranchMaxUnits.value) {
    out.push({
      rule: 'joint_branch_max_units',
      severity: rules.jointBranchMaxUnits.severity,
      params: { max: rules.jointBranchMaxUnits.value, actual: facts.coveredUnits },
    });
  }

  const secretaries = facts.committee.filter((c) => c.role === 'secretary');
  const deputies = facts.committee.filter((c) => c.role === 'deputy_secretary').length;
  const size = facts.committee.length;

  if (COMMITTEE_RULE_TYPES.includes(facts.type)) {
    const threshold = rules.committeeFromFullMembers.value;
    if (facts.fullMembers >= threshold) {
      if (size < rules.committeeSize.min) {
        out.push({
          rule: 'committee_required',
          severity: rules.committeeFromFullMembers.severity,
          params: { threshold, actual: size, min: rules.committeeSize.min },
        });
      } else if (size > rules.committeeGenerallyMax.value) {
        out.push({
          rule: 'committee_generally_max',
          severity: rules.committeeGenerallyMax.severity,
          params: { max: rules.committeeGenerallyMax.value, actual: size },
        });
      }
    } else if (size > secretaries.length + Math.min(deputies, rules.deputiesWithoutCommittee.value) || deputies > rules.deputiesWithoutCommittee.value) {
      out.push({
        rule: 'no_committee_below_threshold',
        severity: rules.deputiesWithoutCommittee.severity,
        params: { threshold, fullMembers: facts.fullMembers, maxDeputies: rules.deputiesWithoutCommittee.value },
      });
    }
  }

  if (facts.type !== 'leading_group' && facts.members > 0 && secretaries.length === 0) {
    out.push({ rule: 'secretary_missing', severity: 'hard', params: {} });
  }
  for (const s of secretaries) {
    const standing = s.fullOn ? fullYearsBetween(s.fullOn, today) : 0;
    if (standing < rules.secretaryMinStandingYears.value) {
      out.push({
        rule: 'secretary_standing',
        severity: rules.secretaryMinStandingYears.severity,
        params: { minYears: rules.secretaryMinStandingYears.value, years: Math.max(0, standing) },
      });
    }
  }

  const years = termYears(facts.type, facts.sector, pack);
  if (years !== null) {
    if (!facts.termElectedOn) {
      out.push({ rule: 'term_missing', severity: 'soft', params: {} });
    } else {
      const term = termDates(facts.type, facts.sector, facts.termElectedOn, pack);
      if (term && today >= term.expiresOn) {
        out.push({ rule: 'term_expired', severity: pack.terms.severity, params: { expiresOn: term.expiresOn } });
      } else if (term && today >= term.remindOn) {
        out.push({
          rule: 'term_reminder',
          severity: pack.terms.severity,
          params: { expiresOn: term.expiresOn, remindOn: term.remindOn },
        });
      }
    }
  }
  return out;
}

const MESSAGES: Record<OrgRule, { zh: string; en: string }> = {
  min_full_members: {
    zh: '正式党员 {actual} 名，少于 {min} 名（预备党员不计入）',
    en: '{actual} full members, fewer than {min} (probationary members do not count)',
  },
  branch_max_members: { zh: '党支部党员 {actual} 名，一般不超过 {max} 名', en: '{actual} members; a branch generally has at most {max}' },
  joint_branch_max_units: { zh: '联合党支部覆盖 {actual} 个单位，一般不超过 {max} 个', en: 'Joint branch covers {actual} units; generally at most {max}' },
  committee_required: {
    zh: '正式党员满 {threshold} 名应设支部委员会（{min} 人以上），现有 {actual} 人',
    en: 'With {threshold} or more full members a committee of at least {min} is required; it has {actual}',
  },
  committee_generally_max: { zh: '支部委员会一般不超过 {max} 人，现有 {actual} 人', en: 'A committee generally has at most {max} people; it has {actual}' },
  no_committee_below_threshold: {
    zh: '正式党员不足 {threshold} 名（{fullMembers} 名），只设书记和不超过 {maxDeputies} 名副书记，不设委员会',
    en: 'Fewer than {threshold} full members ({fullMembers}): a secretary and at most {maxDeputies} deputy, no committee',
  },
  secretary_missing: { zh: '未配备书记', en: 'No secretary' },
  secretary_standing: { zh: '书记党龄 {years} 年，一般应不少于 {minYears} 年', en: 'Secretary has {years} years of party standing; generally at least {minYears}' },
  term_missing: { zh: '未登记换届选举日期', en: 'No election date recorded' },
  term_expired: { zh: '任期已于 {expiresOn} 届满，应按期换届', en: 'The term expired on {expiresOn}; an election is due' },
  term_reminder: { zh: '任期将于 {expiresOn} 届满，请做好换届准备', en: 'The term expires on {expiresOn}; prepare the election' },
};

export function findingMessage(finding: Finding, lang: 'zh' | 'en'): string {
  return MESSAGES[finding.rule][lang].replace(/\{(\w+)\}/g, (_, key: string) => String(finding.params[key] ?? ''));
}
