import { describe, expect, it } from 'vitest';
import type { CommitteeRole } from '../enums';
import { findingMessage, orgFindings, termDates, termKind, termYears, termYearsOf, type Finding, type OrgFacts } from './orgFindings';
import { DEFAULT_RULE_PACK, effectivePack } from './pack';

const pack = DEFAULT_RULE_PACK;
const TODAY = '2025-06-30';

type Seat = { role: CommitteeRole; fullOn: string | null };
const seat = (role: CommitteeRole, fullOn: string | null = '2010-07-01'): Seat => ({ role, fullOn });
const SECRETARY_ONLY = [seat('secretary')];
const SECRETARY_AND_DEPUTY = [seat('secretary'), seat('deputy_secretary')];
/** secretary, organization, publicity, discipline, youth, and then plain committee members */
const committeeOf = (size: number): Seat[] => {
  const roles: CommitteeRole[] = ['secretary', 'organization_member', 'publicity_member', 'discipline_member', 'youth_member'];
  return Array.from({ length: size }, (_, i) => seat(roles[i] ?? 'committee_member'));
};

/** An enterprise branch with 5 full members, a secretary of long standing and a term elected 2024-03-15: no findings. */
function branch(overrides: Partial<OrgFacts> = {}): OrgFacts {
  return {
    type: 'branch',
    sector: 'state_enterprise',
    members: 5,
    fullMembers: 5,
    coveredUnits: 0,
    committee: SECRETARY_ONLY,
    termElectedOn: '2024-03-15',
    dissolved: false,
    ...overrides,
  };
}

const rules = (findings: Finding[]) => findings.map((f) => f.rule);
const find = (findings: Finding[], rule: Finding['rule']) => findings.find((f) => f.rule === rule);

describe('a well-formed branch', () => {
  it('has no findings', () => {
    expect(orgFindings(branch(), pack, TODAY)).toEqual([]);
  });
});

describe('min_full_members: a unit needs ≥3 full members; probationary members do not count', () => {
  it('fires with 2 full members even when 3 probationary members bring the total to 5', () => {
    const findings = orgFindings(branch({ members: 5, fullMembers: 2 }), pack, TODAY);
    expect(find(findings, 'min_full_members')).toEqual({ rule: 'min_full_members', severity: 'hard', params: { min: 3, actual: 2 } });
  });

  it('does not fire with exactly 3 full members', () => {
    expect(rules(orgFindings(branch({ members: 3, fullMembers: 3 }), pack, TODAY))).not.toContain('min_full_members');
  });

  it('applies to a primary committee counted over its subtree', () => {
    const committee = branch({ type: 'committee', members: 4, fullMembers: 2 });
    expect(rules(orgFindings(committee, pack, TODAY))).toContain('min_full_members');
  });
});

describe('branch_max_members: a branch generally has ≤50 members', () => {
  it('does not fire at 50 members', () => {
    expect(rules(orgFindings(branch({ members: 50, fullMembers: 6 }), pack, TODAY))).not.toContain('branch_max_members');
  });

  it('fires as a soft warning at 51 members, probationary members included', () => {
    const findings = orgFindings(branch({ members: 51, fullMembers: 6 }), pack, TODAY);
    expect(find(findings, 'branch_max_members')).toEqual({ rule: 'branch_max_members', severity: 'soft', params: { max: 50, actual: 51 } });
  });

  it('applies to a joint branch but not to a general branch, whose count covers its subtree', () => {
    expect(rules(orgFindings(branch({ type: 'joint_branch', members: 51, fullMembers: 6 }), pack, TODAY))).toContain('branch_max_members');
    const general = branch({ type: 'general_branch', members: 120, fullMembers: 100, committee: committeeOf(5) });
    expect(rules(orgFindings(general, pack, TODAY))).not.toContain('branch_max_members');
  });
});

describe('joint_branch_max_units: a joint branch generally covers ≤5 units', () => {
  it('fires at 6 covered units and not at 5', () => {
    const at = (coveredUnits: number) => orgFindings(branch({ type: 'joint_branch', coveredUnits }), pack, TODAY);
    expect(rules(at(5))).not.toContain('joint_branch_max_units');
    expect(find(at(6), 'joint_branch_max_units')).toEqual({ rule: 'joint_branch_max_units', severity: 'soft', params: { max: 5, actual: 6 } });
  });

  it('does not apply to an ordinary branch', () => {
    expect(rules(orgFindings(branch({ coveredUnits: 8 }), pack, TODAY))).not.toContain('joint_branch_max_units');
  });
});

describe('committee_required: from 7 full members a branch must have a committee of at least 3', () => {
  it('does not require a committee with 6 full members and 4 probationary members', () => {
    expect(orgFindings(branch({ members: 10, fullMembers: 6, committee: SECRETARY_AND_DEPUTY }), pack, TODAY)).toEqual([]);
  });

  it('requires one with 7 full members and only a secretary', () => {
    const findings = orgFindings(branch({ members: 7, fullMembers: 7 }), pack, TODAY);
    expect(find(findings, 'committee_required')).toEqual({ rule: 'committee_required', severity: 'hard', params: { threshold: 7, actual: 1, min: 3 } });
  });

  it('still fires with a committee of 2 and is satisfied by 3', () => {
    const withSize = (size: number) => orgFindings(branch({ members: 12, fullMembers: 12, committee: committeeOf(size) }), pack, TODAY);
    expect(rules(withSize(2))).toContain('committee_required');
    expect(withSize(3)).toEqual([]);
  });

  it('applies to a general branch too, but not to a primary committee', () => {
    expect(rules(orgFindings(branch({ type: 'general_branch', members: 30, fullMembers: 30 }), pack, TODAY))).toContain('committee_required');
    expect(rules(orgFindings(branch({ type: 'committee', members: 300, fullMembers: 280 }), pack, TODAY))).not.toContain('committee_required');
  });
});

describe('committee size: fewer than 3 is an error, 3–7 allowed, above 7 a warning', () => {
  const withSize = (size: number) => orgFindings(branch({ members: 40, fullMembers: 35, committee: committeeOf(size) }), pack, TODAY);

  it('accepts 3 to 7 members: "3 to 5, generally no more than 7" allows 6 and 7', () => {
    for (const size of [3, 4, 5, 6, 7]) expect(withSize(size)).toEqual([]);
  });

  it('flags 2 members as a hard error', () => {
    expect(withSize(2)).toEqual([{ rule: 'committee_required', severity: 'hard', params: { threshold: 7, actual: 2, min: 3 } }]);
  });

  it('warns (soft) above the general maximum of 7, and only that', () => {
    expect(withSize(8)).toEqual([{ rule: 'committee_generally_max', severity: 'soft', params: { max: 7, actual: 8 } }]);
    expect(withSize(9)).toEqual([{ rule: 'committee_generally_max', severity: 'soft', params: { max: 7, actual: 9 } }]);
  });
});

describe('no_committee_below_threshold: below 7 full members only a secretary and at most 1 deputy', () => {
  const below = (committee: Seat[]) => orgFindings(branch({ members: 8, fullMembers: 6, committee }), pack, TODAY);

  it('accepts a secretary alone or with one deputy', () => {
    expect(below(SECRETARY_ONLY)).toEqual([]);
    expect(below(SECRETARY_AND_DEPUTY)).toEqual([]);
  });

  it('flags a secretary with an organization member', () => {
    expect(below([seat('secretary'), seat('organization_member')])).toEqual([
      { rule: 'no_committee_below_threshold', severity: 'hard', params: { threshold: 7, fullMembers: 6, maxDeputies: 1 } },
    ]);
  });

  it('flags a secretary, a deputy and a committee member', () => {
    expect(rules(below([...SECRETARY_AND_DEPUTY, seat('publicity_member')]))).toEqual(['no_committee_below_threshold']);
  });

  it('flags two deputies', () => {
    expect(rules(below([seat('secretary'), seat('deputy_secretary'), seat('deputy_secretary')]))).toEqual(['no_committee_below_threshold']);
  });
});

describe('secretary', () => {
  it('is missing (hard) when an organization with members has none', () => {
    const findings = orgFindings(branch({ committee: [seat('deputy_secretary')] }), pack, TODAY);
    expect(find(findings, 'secretary_missing')).toEqual({ rule: 'secretary_missing', severity: 'hard', params: {} });
  });

  it('is not reported missing for a newly founded organization without members yet', () => {
    expect(rules(orgFindings(branch({ members: 0, fullMembers: 0, committee: [] }), pack, TODAY))).not.toContain('secretary_missing');
  });

  it('has too little standing one day before the first anniversary of becoming a full member', () => {
    const findings = orgFindings(branch({ committee: [seat('secretary', '2024-07-01')] }), pack, TODAY);
    expect(findings).toEqual([{ rule: 'secretary_standing', severity: 'soft', params: { minYears: 1, years: 0 } }]);
  });

  it('has enough standing on the anniversary itself', () => {
    expect(orgFindings(branch({ committee: [seat('secretary', '2024-06-30')] }), pack, TODAY)).toEqual([]);
  });

  it('has no standing while still probationary (no full-membership date)', () => {
    const findings = orgFindings(branch({ committee: [seat('secretary', null)] }), pack, TODAY);
    expect(find(findings, 'secretary_standing')?.params).toEqual({ minYears: 1, years: 0 });
  });
});

describe('termDates and termYears', () => {
  it('gives the rules.md example: an enterprise branch elected 2023-03-15 expires 2026-03-15, reminder 2025-09-15', () => {
    expect(termDates('branch', 'state_enterprise', '2023-03-15', pack)).toEqual({ years: 3, expiresOn: '2026-03-15', remindOn: '2025-09-15' });
  });

  it('maps an election on 29 Feb to 28 Feb for expiry', () => {
    expect(termDates('branch', 'private_enterprise', '2024-02-29', pack)).toEqual({ years: 3, expiresOn: '2027-02-28', remindOn: '2026-08-28' });
  });

  it('gives 5 years to primary and working committees and 3 to general branches and branches', () => {
    expect(termYears('committee', 'public_institution', pack)).toBe(5);
    expect(termYears('working_committee', 'government_organ', pack)).toBe(5);
    expect(termYears('general_branch', 'school', pack)).toBe(3);
    expect(termYears('branch', null, pack)).toBe(3);
    expect(termYears('joint_branch', 'private_enterprise', pack)).toBe(3);
  });

  it('names the kind of term each type and sector serves, which the dashboard counts by', () => {
    expect(termKind('committee', 'village')).toBe('village_community');
    expect(termKind('working_committee', null)).toBe('committee');
    expect(termKind('general_branch', 'school')).toBe('branch');
    expect(termKind('leading_group', 'community')).toBeNull();
    expect(termYearsOf('village_community', { ...pack.terms, villageCommunityYears: 4 })).toBe(4);
  });

  it('gives 5 years at every level in villages and communities', () => {
    for (const sector of ['village', 'community'] as const) {
      expect(termYears('branch', sector, pack)).toBe(5);
      expect(termYears('general_branch', sector, pack)).toBe(5);
      expect(termYears('committee', sector, pack)).toBe(5);
    }
  });

  it('gives no term to a leading group, which is appointed', () => {
    expect(termYears('leading_group', null, pack)).toBeNull();
    expect(termDates('leading_group', null, '2023-03-15', pack)).toBeNull();
  });
});

describe('term findings (rules.md example: elected 2023-03-15, expires 2026-03-15, reminder 2025-09-15)', () => {
  const on = (today: string) => orgFindings(branch({ termElectedOn: '2023-03-15' }), pack, today);

  it('is quiet the day before the reminder date', () => {
    expect(on('2025-09-14')).toEqual([]);
  });

  it('reminds from the reminder date', () => {
    expect(on('2025-09-15')).toEqual([
      { rule: 'term_reminder', severity: 'soft', params: { expiresOn: '2026-03-15', remindOn: '2025-09-15' } },
    ]);
  });

  it('still reminds, not expired, on the day before expiry', () => {
    expect(rules(on('2026-03-14'))).toEqual(['term_reminder']);
  });

  it('is expired on the expiry day itself and after', () => {
    expect(on('2026-03-15')).toEqual([{ rule: 'term_expired', severity: 'soft', params: { expiresOn: '2026-03-15' } }]);
    expect(rules(on('2027-01-01'))).toEqual(['term_expired']);
  });

  it('asks for the election date when none is recorded', () => {
    expect(orgFindings(branch({ termElectedOn: null }), pack, TODAY)).toEqual([{ rule: 'term_missing', severity: 'soft', params: {} }]);
  });

  it('gives a village branch elected 2021-01-10 five years: not expired on 2025-06-30, expired on 2026-01-10', () => {
    const village = branch({ sector: 'village', termElectedOn: '2021-01-10' });
    expect(rules(orgFindings(village, pack, '2025-06-30'))).toEqual([]);
    expect(rules(orgFindings(village, pack, '2025-07-10'))).toEqual(['term_reminder']);
    expect(rules(orgFindings(village, pack, '2026-01-10'))).toEqual(['term_expired']);
    // the same branch in an enterprise would have expired on 2024-01-10
    expect(rules(orgFindings({ ...village, sector: 'state_enterprise' }, pack, '2025-06-30'))).toEqual(['term_expired']);
  });

  it('gives a community general branch five years too', () => {
    const community = branch({ type: 'general_branch', sector: 'community', termElectedOn: '2021-01-10' });
    expect(rules(orgFindings(community, pack, '2024-06-30'))).toEqual([]);
  });
});

describe('leading group and dissolved organizations', () => {
  it('reports nothing for a leading group: no term, no minimum membership, no secretary needed', () => {
    const group = branch({ type: 'leading_group', members: 2, fullMembers: 1, committee: [], termElectedOn: null });
    expect(orgFindings(group, pack, TODAY)).toEqual([]);
  });

  it('reports nothing for a dissolved organization, however incomplete', () => {
    const dissolved = branch({ members: 60, fullMembers: 2, committee: [], termElectedOn: '2015-01-01', dissolved: true });
    expect(rules(orgFindings({ ...dissolved, dissolved: false }, pack, TODAY)).length).toBeGreaterThan(2);
    expect(orgFindings(dissolved, pack, TODAY)).toEqual([]);
  });
});

describe('a higher committee overriding the pack for its subtree', () => {
  it('sets branchMaxMembers to 30: 31 members is a finding, 30 is not', () => {
    const county = effectivePack([{ organizations: { branchMaxMembers: { value: 30 } } }]);
    expect(rules(orgFindings(branch({ members: 30, fullMembers: 6 }), county, TODAY))).toEqual([]);
    expect(find(orgFindings(branch({ members: 31, fullMembers: 6 }), county, TODAY), 'branch_max_members')).toEqual({
      rule: 'branch_max_members',
      severity: 'soft',
      params: { max: 30, actual: 31 },
    });
  });

  it('raises the secretary standing to 2 years', () => {
    const strict = effectivePack([{ organizations: { secretaryMinStandingYears: { value: 2 } } }]);
    const facts = branch({ committee: [seat('secretary', '2023-07-01')] });
    expect(orgFindings(facts, pack, TODAY)).toEqual([]);
    expect(find(orgFindings(facts, strict, TODAY), 'secretary_standing')?.params).toEqual({ minYears: 2, years: 1 });
  });

  it('requires a committee from 5 full members', () => {
    const local = effectivePack([{ organizations: { committeeFromFullMembers: { value: 5 } } }]);
    expect(rules(orgFindings(branch(), local, TODAY))).toEqual(['committee_required']);
  });

  it('makes too few full members a soft warning', () => {
    const lenient = effectivePack([{ organizations: { minFullMembers: { severity: 'soft' } } }]);
    expect(find(orgFindings(branch({ fullMembers: 2 }), lenient, TODAY), 'min_full_members')?.severity).toBe('soft');
  });

  it('moves the term reminder to 3 months before expiry', () => {
    const local = effectivePack([{ terms: { reminderMonthsBefore: 3 } }]);
    const facts = branch({ termElectedOn: '2023-03-15' });
    expect(orgFindings(facts, local, '2025-12-14')).toEqual([]);
    expect(orgFindings(facts, local, '2025-12-15')).toEqual([
      { rule: 'term_reminder', severity: 'soft', params: { expiresOn: '2026-03-15', remindOn: '2025-12-15' } },
    ]);
  });

  it('sets a 4-year branch term', () => {
    const local = effectivePack([{ terms: { branchYears: 4 } }]);
    expect(termDates('branch', 'school', '2023-03-15', local)?.expiresOn).toBe('2027-03-15');
  });
});

describe('findingMessage', () => {
  it('fills the parameters in Chinese', () => {
    const [finding] = orgFindings(branch({ members: 5, fullMembers: 2 }), pack, TODAY);
    expect(finding).toBeDefined();
    expect(findingMessage(finding!, 'zh')).toBe('正式党员 2 名，少于 3 名（预备党员不计入）');
  });

  it('fills the parameters in English', () => {
    const finding: Finding = { rule: 'branch_max_members', severity: 'soft', params: { max: 30, actual: 31 } };
    expect(findingMessage(finding, 'en')).toBe('31 members; a branch generally has at most 30');
  });

  it('writes the expiry date into a term message in both languages', () => {
    const [finding] = orgFindings(branch({ termElectedOn: '2023-03-15' }), pack, '2026-03-15');
    expect(findingMessage(finding!, 'zh')).toBe('任期已于 2026-03-15 届满，应按期换届');
    expect(findingMessage(finding!, 'en')).toBe('The term expired on 2026-03-15; an election is due');
  });

  it('leaves no placeholder behind for any finding produced', () => {
    const messy = branch({ type: 'joint_branch', members: 60, fullMembers: 8, coveredUnits: 7, committee: [seat('secretary', null), ...committeeOf(8).slice(1)], termElectedOn: '2020-01-01' });
    const findings = orgFindings(messy, pack, TODAY);
    expect(findings.length).toBeGreaterThanOrEqual(5);
    for (const f of findings) {
      for (const lang of ['zh', 'en'] as const) expect(findingMessage(f, lang)).not.toMatch(/[{}]/);
    }
  });
});
