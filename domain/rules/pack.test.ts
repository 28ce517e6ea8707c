import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PACK, effectivePack, type RulePackOverride } from './pack';

describe('DEFAULT_RULE_PACK (rules.md defaults)', () => {
  it('holds the numbers of the Organizations and Terms sections', () => {
    const o = DEFAULT_RULE_PACK.organizations;
    expect(o.minFullMembers).toEqual({ value: 3, severity: 'hard' });
    expect(o.branchMaxMembers).toEqual({ value: 50, severity: 'soft' });
    expect(o.jointBranchMaxUnits).toEqual({ value: 5, severity: 'soft' });
    expect(o.committeeFromFullMembers).toEqual({ value: 7, severity: 'hard' });
    expect(o.committeeSize).toEqual({ min: 3, max: 5, severity: 'hard' });
    expect(o.committeeGenerallyMax).toEqual({ value: 7, severity: 'soft' });
    expect(o.deputiesWithoutCommittee).toEqual({ value: 1, severity: 'hard' });
    expect(o.secretaryMinStandingYears).toEqual({ value: 1, severity: 'soft' });
    expect(DEFAULT_RULE_PACK.terms).toEqual({ committeeYears: 5, branchYears: 3, villageCommunityYears: 5, reminderMonthsBefore: 6, severity: 'soft' });
  });
});

describe('effectivePack', () => {
  it('is the default pack when no ancestor overrides anything', () => {
    expect(effectivePack([])).toEqual(DEFAULT_RULE_PACK);
    expect(effectivePack([null, undefined, {}])).toEqual(DEFAULT_RULE_PACK);
  });

  it('applies a county committee override to a branch in its subtree', () => {
    const pack = effectivePack([{ organizations: { branchMaxMembers: { value: 30 } } }]);
    expect(pack.organizations.branchMaxMembers.value).toBe(30);
    expect(pack.organizations.minFullMembers).toEqual({ value: 3, severity: 'hard' });
    expect(pack.terms).toEqual(DEFAULT_RULE_PACK.terms);
  });

  it('merges overrides from several ancestors root first: the nearer ancestor wins', () => {
    const province: RulePackOverride = { organizations: { branchMaxMembers: { value: 40 } }, terms: { reminderMonthsBefore: 3 } };
    const city: RulePackOverride = { organizations: { branchMaxMembers: { value: 30 }, secretaryMinStandingYears: { value: 2 } } };
    const county: RulePackOverride = { terms: { reminderMonthsBefore: 4 } };
    const pack = effectivePack([province, null, city, county]);
    expect(pack.organizations.branchMaxMembers.value).toBe(30);
    expect(pack.organizations.secretaryMinStandingYears.value).toBe(2);
    expect(pack.terms.reminderMonthsBefore).toBe(4);
    expect(pack.terms.branchYears).toBe(3);
  });

  it('keeps an ancestor override that a nearer ancestor does not touch', () => {
    const pack = effectivePack([{ terms: { branchYears: 4 } }, { terms: { reminderMonthsBefore: 2 } }]);
    expect(pack.terms.branchYears).toBe(4);
    expect(pack.terms.reminderMonthsBefore).toBe(2);
  });

  it('keeps the other field when an override changes only part of a threshold', () => {
    const valueOnly = effectivePack([{ organizations: { branchMaxMembers: { value: 30 } } }]);
    expect(valueOnly.organizations.branchMaxMembers).toEqual({ value: 30, severity: 'soft' });
    const severityOnly = effectivePack([{ organizations: { branchMaxMembers: { severity: 'hard' } } }]);
    expect(severityOnly.organizations.branchMaxMembers).toEqual({ value: 50, severity: 'hard' });
  });

  it('ignores a field set to undefined instead of erasing the default', () => {
    const pack = effectivePack([{ organizations: { minFullMembers: { value: undefined } } }]);
    expect(pack.organizations.minFullMembers).toEqual({ value: 3, severity: 'hard' });
  });

  it('ignores keys the pack does not know, at every level', () => {
    const stored = { meetings: { themeDayPerMonth: 1 }, organizations: { maxGroups: { value: 9 }, branchMaxMembers: { value: 45, colour: 'red' } } };
    // stored JSON from an older version: extra keys are not part of RulePackOverride
    const pack = effectivePack([stored]);
    expect(pack).not.toHaveProperty('meetings');
    expect(pack.organizations).not.toHaveProperty('maxGroups');
    expect(pack.organizations.branchMaxMembers).toEqual({ value: 45, severity: 'soft' });
  });

  it('does not let inherited object keys such as constructor or __proto__ into the pack', () => {
    const stored = JSON.parse('{"constructor": 1, "toString": 2, "__proto__": {"polluted": true}, "terms": {"hasOwnProperty": 3, "branchYears": 4}}') as RulePackOverride;
    const pack = effectivePack([stored]);
    expect(Object.keys(pack).sort()).toEqual(['organizations', 'terms', 'version']);
    expect(Object.getPrototypeOf(pack)).toBe(Object.prototype);
    expect(pack).not.toHaveProperty('polluted');
    expect(Object.keys(pack.terms).sort()).toEqual(['branchYears', 'committeeYears', 'reminderMonthsBefore', 'severity', 'villageCommunityYears']);
    expect(pack.terms.branchYears).toBe(4);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not mutate DEFAULT_RULE_PACK', () => {
    const before = structuredClone(DEFAULT_RULE_PACK);
    const pack = effectivePack([
      { organizations: { branchMaxMembers: { value: 30, severity: 'hard' }, committeeFromFullMembers: { value: 5 } } },
      { terms: { branchYears: 4, severity: 'hard' }, version: 'hunan-2024.1' },
    ]);
    expect(pack.organizations.branchMaxMembers).toEqual({ value: 30, severity: 'hard' });
    expect(pack.version).toBe('hunan-2024.1');
    expect(DEFAULT_RULE_PACK).toEqual(before);
  });

  it('merges onto a given base pack instead of the default', () => {
    const base = effectivePack([{ terms: { branchYears: 4 } }]);
    const pack = effectivePack([{ terms: { reminderMonthsBefore: 3 } }], base);
    expect(pack.terms.branchYears).toBe(4);
    expect(pack.terms.reminderMonthsBefore).toBe(3);
    expect(base.terms.reminderMonthsBefore).toBe(6);
  });
});
