import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_PACK,
  packRegions,
  effectivePack,
  packForDate,
  packForPeriod,
  parseNewRequirement,
  type RulePackOverride,
  type VersionedOverride,
} from './pack';

describe('DEFAULT_RULE_PACK (rules.md defaults)', () => {
  it('holds the numbers of the Organizations and Terms sections', () => {
    const o = DEFAULT_RULE_PACK.organizations;
    expect(o.minFullMembers).toEqual({ value: 3, severity: 'hard' });
    expect(o.branchMaxMembers).toEqual({ value: 50, severity: 'soft' });
    expect(o.jointBranchMaxUnits).toEqual({ value: 5, severity: 'soft' });
    expect(o.committeeFromFullMembers).toEqual({ value: 7, severity: 'hard' });
    expect(o.committeeSize).toEqual({ min: 3, severity: 'hard' });
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
    const stored = { meetings: { themeDayPerMonth: 1 }, dues: { rate: 2 }, organizations: { maxGroups: { value: 9 }, branchMaxMembers: { value: 45, colour: 'red' } } };
    // stored JSON from an older version: extra keys are not part of RulePackOverride
    const pack = effectivePack([stored as RulePackOverride]);
    expect(pack).not.toHaveProperty('dues');
    expect(pack.meetings).not.toHaveProperty('themeDayPerMonth');
    expect(pack.meetings).toEqual(DEFAULT_RULE_PACK.meetings);
    expect(pack.organizations).not.toHaveProperty('maxGroups');
    expect(pack.organizations.branchMaxMembers).toEqual({ value: 45, severity: 'soft' });
  });

  it('does not let inherited object keys such as constructor or __proto__ into the pack', () => {
    const stored = JSON.parse('{"constructor": 1, "toString": 2, "__proto__": {"polluted": true}, "terms": {"hasOwnProperty": 3, "branchYears": 4}}') as RulePackOverride;
    const pack = effectivePack([stored]);
    expect(Object.keys(pack).sort()).toEqual(['meetings', 'organizations', 'terms', 'version']);
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

describe('DEFAULT_RULE_PACK meetings (rules.md, Meetings and activities)', () => {
  const r = DEFAULT_RULE_PACK.meetings.requirements;
  const brief = (id: string) => {
    const x = r[id]!;
    return [x.type, x.min, x.per, x.severity, x.enabled];
  };

  it('holds the frequency and severity of each of the three meetings and one lesson', () => {
    expect(brief('general_assembly')).toEqual(['general_assembly', 1, 'quarter', 'soft', true]);
    expect(brief('committee_meeting')).toEqual(['committee_meeting', 1, 'month', 'soft', true]);
    expect(brief('group_meeting')).toEqual(['group_meeting', 1, 'month', 'soft', true]);
    expect(brief('party_lecture')).toEqual(['party_lecture', 1, 'year', 'soft', true]);
  });

  it('holds theme days (monthly, hard), the life meeting (yearly, hard; Q4 soft), evaluation and talks (yearly, soft)', () => {
    expect(brief('theme_day')).toEqual(['theme_day', 1, 'month', 'hard', true]);
    expect(brief('life_meeting')).toEqual(['life_meeting', 1, 'year', 'hard', true]);
    expect(r.life_meeting!.preferredQuarter).toEqual({ quarter: 4, severity: 'soft', enabled: true });
    expect(brief('democratic_evaluation')).toEqual(['democratic_evaluation', 1, 'year', 'soft', true]);
    expect(brief('heart_talk')).toEqual(['heart_talk', 1, 'year', 'soft', true]);
  });

  it('carries the local quarterly party lecture, switched off by default', () => {
    expect(brief('party_lecture_quarterly')).toEqual(['party_lecture', 1, 'quarter', 'soft', false]);
  });

  it('asks group meetings only of branches with party groups and committee meetings only where there is a committee', () => {
    expect(r.group_meeting!.onlyIfPartyGroups).toBe(true);
    expect(r.committee_meeting!.onlyIfCommittee).toBe(true);
    expect(
      Object.entries(r)
        .filter(([, x]) => x.onlyIfPartyGroups)
        .map(([id]) => id),
    ).toEqual(['group_meeting']);
  });

  it('applies to branch-level organizations; assemblies and committee meetings also to general branches; never to committees', () => {
    expect(r.general_assembly!.appliesTo).toEqual(['branch', 'joint_branch', 'general_branch']);
    expect(r.committee_meeting!.appliesTo).toEqual(['branch', 'joint_branch', 'general_branch']);
    for (const id of [
      'group_meeting',
      'party_lecture',
      'theme_day',
      'life_meeting',
      'democratic_evaluation',
      'heart_talk',
    ]) {
      expect(r[id]!.appliesTo).toEqual(['branch', 'joint_branch']);
    }
    for (const x of Object.values(r)) {
      expect(x.appliesTo).not.toContain('committee');
      expect(x.appliesTo).not.toContain('leading_group');
    }
  });
});

describe('effectivePack: meetings overrides from a higher organization', () => {
  it('changes the frequency of one requirement and keeps its other fields and the other requirements', () => {
    const pack = effectivePack([{ meetings: { requirements: { committee_meeting: { per: 'quarter' } } } }]);
    expect(pack.meetings.requirements.committee_meeting).toEqual({
      ...DEFAULT_RULE_PACK.meetings.requirements.committee_meeting,
      per: 'quarter',
    });
    expect(pack.meetings.requirements.theme_day).toEqual(DEFAULT_RULE_PACK.meetings.requirements.theme_day);
  });

  it('changes min, severity and enabled, and switches on the local quarterly lecture', () => {
    const pack = effectivePack([
      {
        meetings: {
          requirements: { theme_day: { min: 2, severity: 'soft' }, heart_talk: { enabled: false } },
        },
      },
      { meetings: { requirements: { party_lecture_quarterly: { enabled: true } } } },
    ]);
    expect(pack.meetings.requirements.theme_day).toMatchObject({ min: 2, per: 'month', severity: 'soft' });
    expect(pack.meetings.requirements.heart_talk!.enabled).toBe(false);
    expect(pack.meetings.requirements.party_lecture_quarterly).toMatchObject({
      type: 'party_lecture',
      per: 'quarter',
      enabled: true,
    });
  });

  it('replaces the list of organization types as a whole', () => {
    const pack = effectivePack([
      { meetings: { requirements: { general_assembly: { appliesTo: ['branch'] } } } },
    ]);
    expect(pack.meetings.requirements.general_assembly!.appliesTo).toEqual(['branch']);
  });

  it('adds a local requirement under a new id, after the default ones, and lets a nearer committee adjust it', () => {
    const province: RulePackOverride = {
      meetings: {
        requirements: {
          micro_lesson_monthly: {
            type: 'micro_lesson',
            min: 1,
            per: 'month',
            severity: 'soft',
            appliesTo: ['branch', 'joint_branch'],
            enabled: true,
          },
        },
      },
    };
    const city: RulePackOverride = {
      meetings: { requirements: { micro_lesson_monthly: { per: 'quarter' } } },
    };
    const pack = effectivePack([province, city]);
    const ids = Object.keys(pack.meetings.requirements);
    expect(ids.at(-1)).toBe('micro_lesson_monthly');
    expect(pack.meetings.requirements.micro_lesson_monthly).toEqual({
      type: 'micro_lesson',
      min: 1,
      per: 'quarter',
      severity: 'soft',
      appliesTo: ['branch', 'joint_branch'],
      onlyIfPartyGroups: false,
      onlyIfCommittee: false,
      heldWith: [],
      preferredQuarter: null,
      enabled: true,
    });
    expect(DEFAULT_RULE_PACK.meetings.requirements).not.toHaveProperty('micro_lesson_monthly');
  });

  it('drops a new requirement that is incomplete or malformed, and ids that are not plain identifiers', () => {
    const stored = JSON.parse(
      JSON.stringify({
        meetings: {
          requirements: {
            half_defined: { per: 'month' },
            bad_type: {
              type: 'dinner',
              min: 1,
              per: 'month',
              severity: 'soft',
              appliesTo: ['branch'],
              enabled: true,
            },
            bad_per: {
              type: 'micro_lesson',
              min: 1,
              per: 'week',
              severity: 'soft',
              appliesTo: ['branch'],
              enabled: true,
            },
            bad_min: {
              type: 'micro_lesson',
              min: -1,
              per: 'month',
              severity: 'soft',
              appliesTo: ['branch'],
              enabled: true,
            },
            'Bad-Id': {
              type: 'micro_lesson',
              min: 1,
              per: 'month',
              severity: 'soft',
              appliesTo: ['branch'],
              enabled: true,
            },
            constructor: {
              type: 'micro_lesson',
              min: 1,
              per: 'month',
              severity: 'soft',
              appliesTo: ['branch'],
              enabled: true,
            },
          },
        },
      }),
    ) as RulePackOverride;
    const pack = effectivePack([stored]);
    expect(Object.keys(pack.meetings.requirements)).toEqual(
      Object.keys(DEFAULT_RULE_PACK.meetings.requirements),
    );
    expect(Object.hasOwn(pack.meetings.requirements, 'constructor')).toBe(false);
  });

  it('parseNewRequirement fills the optional fields and rejects a bad preferred quarter', () => {
    expect(
      parseNewRequirement({
        type: 'study_session',
        min: 2,
        per: 'quarter',
        severity: 'hard',
        appliesTo: ['branch'],
      }),
    ).toMatchObject({ enabled: true, preferredQuarter: null, onlyIfPartyGroups: false, heldWith: [] });
    expect(
      parseNewRequirement({ type: 'study_session', min: 1, per: 'year', severity: 'soft', appliesTo: ['branch'], heldWith: ['theme_day'] }),
    ).toMatchObject({ heldWith: ['theme_day'] });
    expect(
      parseNewRequirement({ type: 'study_session', min: 1, per: 'year', severity: 'soft', appliesTo: ['branch'], heldWith: ['no_such_type'] }),
    ).toBeNull();
    expect(
      parseNewRequirement({
        type: 'study_session',
        min: 1,
        per: 'year',
        severity: 'soft',
        appliesTo: ['branch'],
        preferredQuarter: { quarter: 5, severity: 'soft' },
      }),
    ).toBeNull();
    expect(
      parseNewRequirement({
        type: 'study_session',
        min: 1.5,
        per: 'year',
        severity: 'soft',
        appliesTo: ['branch'],
      }),
    ).toBeNull();
    expect(
      parseNewRequirement({
        type: 'study_session',
        min: 1,
        per: 'year',
        severity: 'soft',
        appliesTo: ['village'],
      }),
    ).toBeNull();
  });
});

describe('packForDate: versioned overrides with an effective date', () => {
  const monthly = DEFAULT_RULE_PACK.meetings.requirements.committee_meeting!;
  const city = (effectiveFrom: string, per: 'month' | 'quarter'): VersionedOverride => ({
    depth: 1,
    effectiveFrom,
    override: { meetings: { requirements: { committee_meeting: { per } } } },
  });

  it('uses no override before its effective date and the override from that date on (frequency changed on 1 July)', () => {
    const versions = [city('2025-07-01', 'quarter')];
    expect(packForDate(versions, '2025-06-30').meetings.requirements.committee_meeting).toEqual(monthly);
    expect(packForDate(versions, '2025-07-01').meetings.requirements.committee_meeting!.per).toBe('quarter');
    expect(packForDate(versions, '2026-01-01').meetings.requirements.committee_meeting!.per).toBe('quarter');
  });

  it('takes, per organization, the version with the latest effective date on or before the date, in any list order', () => {
    const versions = [
      city('2026-01-01', 'month'),
      city('2024-01-01', 'quarter'),
      city('2025-03-01', 'month'),
    ];
    expect(packForDate(versions, '2024-12-31').meetings.requirements.committee_meeting!.per).toBe('quarter');
    expect(packForDate(versions, '2025-03-01').meetings.requirements.committee_meeting!.per).toBe('month');
    expect(packForDate(versions, '2023-12-31').meetings.requirements.committee_meeting).toEqual(monthly);
  });

  it("a version with a null override ends the organization's earlier override", () => {
    const versions: VersionedOverride[] = [
      city('2024-01-01', 'quarter'),
      { depth: 1, effectiveFrom: '2025-01-01', override: null },
    ];
    expect(packForDate(versions, '2024-06-01').meetings.requirements.committee_meeting!.per).toBe('quarter');
    expect(packForDate(versions, '2025-06-01').meetings.requirements.committee_meeting!.per).toBe('month');
  });

  it('merges the versions in force of several ancestors root first, whatever their dates', () => {
    const versions: VersionedOverride[] = [
      {
        depth: 2,
        effectiveFrom: '2024-01-01',
        override: { meetings: { requirements: { theme_day: { severity: 'soft' } } } },
      },
      {
        depth: 0,
        effectiveFrom: '2025-01-01',
        override: { meetings: { requirements: { theme_day: { min: 2, severity: 'hard' } } } },
      },
    ];
    expect(packForDate(versions, '2025-02-01').meetings.requirements.theme_day).toMatchObject({
      min: 2,
      severity: 'soft',
    });
    expect(packForDate(versions, '2024-12-31').meetings.requirements.theme_day).toMatchObject({
      min: 1,
      severity: 'soft',
    });
  });

  it('of two versions with the same date, the later in the list wins', () => {
    expect(
      packForDate([city('2025-01-01', 'quarter'), city('2025-01-01', 'month')], '2025-05-05').meetings
        .requirements.committee_meeting!.per,
    ).toBe('month');
  });

  it('packForPeriod evaluates a period under the pack in force on its first day', () => {
    const versions = [city('2025-07-15', 'quarter')];
    expect(
      packForPeriod(versions, { start: '2025-07-01' }).meetings.requirements.committee_meeting!.per,
    ).toBe('month');
    expect(
      packForPeriod(versions, { start: '2025-10-01' }).meetings.requirements.committee_meeting!.per,
    ).toBe('quarter');
  });

  it('rejects dates that are not calendar dates', () => {
    expect(() => packForDate([], '2025-02-29')).toThrow(RangeError);
    expect(() => packForDate([city('2025-13-01', 'month')], '2025-01-01')).toThrow(RangeError);
  });
});

describe('packRegions', () => {
  it('gives each pack its subtree less the subtrees of the packs nearest below it', () => {
    const regions = packRegions([{ path: 'a' }, { path: 'a.b.c' }, { path: 'a.b.c.d' }, { path: 'a.e' }]);
    expect(regions.map((r) => [r.path, r.below.map((b) => b.path)])).toEqual([
      ['a', ['a.b.c', 'a.e']],
      ['a.b.c', ['a.b.c.d']],
      ['a.b.c.d', []],
      ['a.e', []],
    ]);
  });
});
