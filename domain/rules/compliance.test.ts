import { describe, expect, it } from 'vitest';
import type { ActivityState, ActivityType } from '../enums';
import { parsePeriod, PeriodError } from '../periods';
import { addDays } from '../dates';
import { seededRandom } from '../random';
import {
  alsoCountable,
  complianceOn,
  evaluateCompliance,
  orderLagging,
  rollupCompliance,
  storedCompliance,
  type ComplianceActivity,
  type ComplianceInput,
  type ComplianceOrg,
  type ComplianceResult,
} from './compliance';
import { DEFAULT_RULE_PACK, effectivePack, packForPeriod, type VersionedOverride } from './pack';

/** An enterprise branch with party groups and a committee, founded long ago. */
const BRANCH: ComplianceOrg = {
  id: 'A1',
  type: 'branch',
  hasPartyGroups: true,
  hasCommittee: true,
  foundedOn: '2010-07-01',
  dissolvedOn: null,
};

const act = (
  type: ActivityType,
  date: string,
  hostOrgIds: string[] = ['A1'],
  state: ActivityState = 'held',
): ComplianceActivity => ({
  id: `${type}@${date}${state === 'held' ? '' : `:${state}`}${hostOrgIds.length > 1 ? `:${hostOrgIds.join('+')}` : ''}`,
  type,
  state,
  date,
  hostOrgIds,
});

function run(
  overrides: Partial<ComplianceInput> & { period: ComplianceInput['period']; today: string },
): ComplianceResult[] {
  return evaluateCompliance({ org: BRANCH, activities: [], pack: DEFAULT_RULE_PACK, ...overrides });
}
function one(
  id: string,
  overrides: Partial<ComplianceInput> & { period: ComplianceInput['period']; today: string },
): ComplianceResult {
  const r = run(overrides).find((x) => x.id === id);
  if (!r) throw new Error(`no result for ${id}`);
  return r;
}
const subs = (r: ComplianceResult) => r.subPeriods?.map((s) => `${s.label}:${s.status}`);

const months = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** A year of complete branch life: every month a theme day, a committee meeting and a group meeting; a general
 * assembly each quarter; a party lecture in May; the life meeting, the democratic evaluation and a talk in December. */
function fullYear(year: number): ComplianceActivity[] {
  const out: ComplianceActivity[] = [];
  for (const m of months(year)) {
    out.push(
      act('theme_day', `${m}-05`),
      act('committee_meeting', `${m}-10`),
      act('group_meeting', `${m}-15`),
    );
  }
  for (const m of ['02', '05', '08', '11']) out.push(act('general_assembly', `${year}-${m}-20`));
  out.push(
    act('party_lecture', `${year}-05-12`),
    act('life_meeting', `${year}-12-18`),
    act('democratic_evaluation', `${year}-12-18`),
    act('heart_talk', `${year}-11-03`),
  );
  return out;
}

describe('a year of complete branch life', () => {
  const results = run({ period: '2024', today: '2025-01-10', activities: fullYear(2024) });

  it('meets every requirement in force; the local quarterly lecture is off by default', () => {
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['general_assembly', 'met'],
      ['committee_meeting', 'met'],
      ['group_meeting', 'met'],
      ['party_lecture', 'met'],
      ['party_lecture_quarterly', 'not_applicable'],
      ['theme_day', 'met'],
      ['life_meeting', 'met'],
      ['democratic_evaluation', 'met'],
      ['heart_talk', 'met'],
    ]);
    expect(results.find((r) => r.id === 'party_lecture_quarterly')!.reason).toBe('disabled');
  });

  it('names each requirement by the activity type it counts, and lists the activities that satisfied it', () => {
    const theme = results.find((r) => r.requirement === 'theme_day')!;
    expect(theme).toMatchObject({ required: 1, count: 12, severity: 'hard', window: '2024' });
    expect(theme.activities).toEqual(months(2024).map((m) => `theme_day@${m}-05`));
    expect(results.find((r) => r.id === 'life_meeting')!.activities).toEqual(['life_meeting@2024-12-18']);
    expect(results.find((r) => r.id === 'party_lecture_quarterly')!.requirement).toBe('party_lecture');
  });

  it('shows a monthly requirement over a year month by month, and a quarterly one quarter by quarter', () => {
    expect(subs(results.find((r) => r.id === 'theme_day')!)).toEqual(months(2024).map((m) => `${m}:met`));
    expect(subs(results.find((r) => r.id === 'general_assembly')!)).toEqual([
      '2024-Q1:met',
      '2024-Q2:met',
      '2024-Q3:met',
      '2024-Q4:met',
    ]);
    expect(results.find((r) => r.id === 'life_meeting')!.subPeriods).toBeUndefined();
  });

  it('has no days left on any result once the year is over', () => {
    expect(results.every((r) => r.daysLeft === undefined)).toBe(true);
  });
});

describe('theme party day: one a month (hard)', () => {
  it('over a quarter, is met only when every month has one', () => {
    const activities = [
      act('theme_day', '2025-07-01'),
      act('theme_day', '2025-08-31'),
      act('theme_day', '2025-09-30'),
    ];
    expect(one('theme_day', { period: '2025-Q3', today: '2025-10-01', activities })).toMatchObject({
      status: 'met',
      count: 3,
    });
    const gap = one('theme_day', {
      period: '2025-Q3',
      today: '2025-10-01',
      activities: activities.filter((a) => !a.date.startsWith('2025-08')),
    });
    expect(gap).toMatchObject({ status: 'missed', count: 2, severity: 'hard' });
    expect(subs(gap)).toEqual(['2025-07:met', '2025-08:missed', '2025-09:met']);
  });

  it('two in one month do not make up for a month without one', () => {
    const r = one('theme_day', {
      period: '2025-Q3',
      today: '2025-10-01',
      activities: [
        act('theme_day', '2025-07-01'),
        act('theme_day', '2025-07-20'),
        act('theme_day', '2025-09-10'),
      ],
    });
    expect(r.status).toBe('missed');
    expect(subs(r)).toEqual(['2025-07:met', '2025-08:missed', '2025-09:met']);
  });

  it('is due on the last day of the month with nothing held (1 day left), missed the next day', () => {
    expect(one('theme_day', { period: '2025-07', today: '2025-07-31' })).toMatchObject({
      status: 'due',
      daysLeft: 1,
      count: 0,
    });
    expect(one('theme_day', { period: '2025-07', today: '2025-08-01' })).toMatchObject({
      status: 'missed',
      count: 0,
    });
    expect(one('theme_day', { period: '2025-07', today: '2025-08-01' }).daysLeft).toBeUndefined();
  });

  it('turns met as soon as it is held, even mid-month', () => {
    expect(
      one('theme_day', {
        period: '2025-07',
        today: '2025-07-10',
        activities: [act('theme_day', '2025-07-08')],
      }),
    ).toMatchObject({ status: 'met', activities: ['theme_day@2025-07-08'] });
  });

  it('mid-quarter: due with the days left in the current month while earlier months are met', () => {
    const r = one('theme_day', {
      period: '2025-Q3',
      today: '2025-08-15',
      activities: [act('theme_day', '2025-07-01')],
    });
    expect(r).toMatchObject({ status: 'due', daysLeft: 17, count: 1 });
    expect(subs(r)).toEqual(['2025-07:met', '2025-08:due', '2025-09:due']);
  });

  it('mid-quarter: the current month already met points to the next month not yet started', () => {
    const r = one('theme_day', {
      period: '2025-Q3',
      today: '2025-08-15',
      activities: [act('theme_day', '2025-07-01'), act('theme_day', '2025-08-12')],
    });
    expect(r).toMatchObject({ status: 'due', daysLeft: 30 });
  });

  it('is missed once a month ended unmet, even while later months are still open', () => {
    const r = one('theme_day', {
      period: '2025-Q3',
      today: '2025-08-15',
      activities: [act('theme_day', '2025-08-12')],
    });
    expect(r.status).toBe('missed');
    expect(r.daysLeft).toBeUndefined();
    expect(subs(r)).toEqual(['2025-07:missed', '2025-08:met', '2025-09:due']);
  });

  it('over a year in progress: due with the days left in March once January and February are met', () => {
    const r = one('theme_day', {
      period: '2025',
      today: '2025-03-10',
      activities: [act('theme_day', '2025-01-05'), act('theme_day', '2025-02-05')],
    });
    expect(r).toMatchObject({ status: 'due', daysLeft: 22, count: 2 });
    expect(r.subPeriods).toHaveLength(12);
  });

  it('counts a day in February of a leap year, and the 29th is the last day to hold it', () => {
    expect(
      one('theme_day', {
        period: '2024-02',
        today: '2024-03-01',
        activities: [act('theme_day', '2024-02-29')],
      }).status,
    ).toBe('met');
    expect(one('theme_day', { period: '2024-02', today: '2024-02-29' })).toMatchObject({
      status: 'due',
      daysLeft: 1,
    });
    expect(one('theme_day', { period: '2024-02', today: '2024-02-28' })).toMatchObject({
      status: 'due',
      daysLeft: 2,
    });
    expect(one('theme_day', { period: '2024-02', today: '2024-03-01' }).status).toBe('missed');
    expect(one('theme_day', { period: '2025-02', today: '2025-02-28' })).toMatchObject({
      status: 'due',
      daysLeft: 1,
    });
    expect(one('theme_day', { period: '2025-02', today: '2025-03-01' }).status).toBe('missed');
  });

  it('is due for a future period with the whole of its first month left', () => {
    expect(one('theme_day', { period: '2026-Q1', today: '2025-12-20' })).toMatchObject({
      status: 'due',
      daysLeft: 31,
    });
  });
});

describe('quarters and months at the year end', () => {
  const activities = [
    act('theme_day', '2024-10-08'),
    act('theme_day', '2024-11-08'),
    act('theme_day', '2024-12-31'),
    act('general_assembly', '2024-12-31'),
  ];

  it('an activity on 31 December counts for December and Q4 2024, not for January or Q1 2025', () => {
    expect(one('theme_day', { period: '2024-12', today: '2025-01-02', activities }).status).toBe('met');
    expect(one('theme_day', { period: '2024-Q4', today: '2025-01-02', activities }).status).toBe('met');
    expect(one('general_assembly', { period: '2024-Q4', today: '2025-01-02', activities }).status).toBe(
      'met',
    );
    expect(one('theme_day', { period: '2025-01', today: '2025-01-02', activities })).toMatchObject({
      status: 'due',
      count: 0,
      daysLeft: 30,
    });
    expect(one('general_assembly', { period: '2025-Q1', today: '2025-01-02', activities })).toMatchObject({
      status: 'due',
      count: 0,
      daysLeft: 89,
    });
  });

  it('Q4 is still due on 31 December and missed on 1 January', () => {
    expect(one('general_assembly', { period: '2024-Q4', today: '2024-12-31' })).toMatchObject({
      status: 'due',
      daysLeft: 1,
    });
    expect(one('general_assembly', { period: '2024-Q4', today: '2025-01-01' }).status).toBe('missed');
  });

  it('an activity on 1 January 2025 counts for January and Q1 2025 only', () => {
    const jan = [act('theme_day', '2025-01-01'), act('general_assembly', '2025-01-01')];
    expect(one('theme_day', { period: '2025-01', today: '2025-01-02', activities: jan }).status).toBe('met');
    expect(one('general_assembly', { period: '2025-Q1', today: '2025-01-02', activities: jan }).status).toBe(
      'met',
    );
    expect(
      one('general_assembly', { period: '2024-Q4', today: '2025-01-02', activities: jan }),
    ).toMatchObject({ status: 'missed', count: 0 });
  });
});

describe('only held activities count', () => {
  it('a planned or cancelled theme day leaves the month missed', () => {
    const r = one('theme_day', {
      period: '2025-06',
      today: '2025-07-01',
      activities: [
        act('theme_day', '2025-06-10', ['A1'], 'planned'),
        act('theme_day', '2025-06-20', ['A1'], 'cancelled'),
      ],
    });
    expect(r).toMatchObject({ status: 'missed', count: 0, activities: [] });
  });

  it('an activity of another type does not count (a joint meeting is not a theme day)', () => {
    expect(
      one('theme_day', {
        period: '2025-06',
        today: '2025-07-01',
        activities: [act('joint_meeting', '2025-06-10'), act('study_session', '2025-06-11')],
      }).status,
    ).toBe('missed');
  });

  it('an activity outside the period does not count', () => {
    expect(
      one('theme_day', {
        period: '2025-07',
        today: '2025-08-01',
        activities: [act('theme_day', '2025-06-30'), act('theme_day', '2025-08-01')],
      }).status,
    ).toBe('missed');
  });
});

describe('joint activities count for each host', () => {
  const joint = act('theme_day', '2025-04-27', ['A1', 'B2']);
  const org = (id: string): ComplianceOrg => ({ ...BRANCH, id });

  it('a joint theme day of two branches meets the month for both', () => {
    for (const id of ['A1', 'B2']) {
      expect(
        one('theme_day', { org: org(id), period: '2025-04', today: '2025-05-01', activities: [joint] }),
      ).toMatchObject({ status: 'met', activities: [joint.id] });
    }
  });

  it('does not count for an organization that did not host it', () => {
    expect(
      one('theme_day', { org: org('C3'), period: '2025-04', today: '2025-05-01', activities: [joint] })
        .status,
    ).toBe('missed');
  });

  it('joint general assemblies and committee meetings count for every host too', () => {
    const activities = [act('general_assembly', '2025-04-27', ['A1', 'B2', 'C3'])];
    for (const id of ['A1', 'B2', 'C3'])
      expect(
        one('general_assembly', { org: org(id), period: '2025-Q2', today: '2025-07-01', activities }).status,
      ).toBe('met');
  });
});

describe('general assembly: once a quarter (soft)', () => {
  it('over a year, a quarter without one is missed', () => {
    const r = one('general_assembly', {
      period: '2025',
      today: '2026-01-05',
      activities: [
        act('general_assembly', '2025-03-31'),
        act('general_assembly', '2025-07-01'),
        act('general_assembly', '2025-12-01'),
      ],
    });
    expect(r).toMatchObject({ status: 'missed', severity: 'soft', count: 3 });
    expect(subs(r)).toEqual(['2025-Q1:met', '2025-Q2:missed', '2025-Q3:met', '2025-Q4:met']);
  });

  it('asked for one month, is evaluated over the quarter that contains it', () => {
    const r = one('general_assembly', {
      period: '2025-08',
      today: '2025-08-15',
      activities: [act('general_assembly', '2025-07-03')],
    });
    expect(r).toMatchObject({
      status: 'met',
      window: '2025-Q3',
      activities: ['general_assembly@2025-07-03'],
    });
    expect(one('general_assembly', { period: '2025-08', today: '2025-08-15' })).toMatchObject({
      status: 'due',
      window: '2025-Q3',
      daysLeft: 47,
    });
  });
});

describe('committee meeting: once a month (soft), where there is a committee', () => {
  it('is required of a branch with a committee and of a general branch', () => {
    expect(one('committee_meeting', { period: '2025-05', today: '2025-06-01' })).toMatchObject({
      status: 'missed',
      severity: 'soft',
    });
    expect(
      one('committee_meeting', {
        org: { ...BRANCH, type: 'general_branch' },
        period: '2025-05',
        today: '2025-06-01',
      }).status,
    ).toBe('missed');
  });

  it('is not applicable to a branch without a committee (fewer than 7 full members)', () => {
    expect(
      one('committee_meeting', {
        org: { ...BRANCH, hasCommittee: false },
        period: '2025-05',
        today: '2025-06-01',
      }),
    ).toMatchObject({ status: 'not_applicable', reason: 'no_committee' });
  });
});

describe('party group meeting: monthly, only for branches with party groups', () => {
  it('is not applicable without party groups', () => {
    const r = one('group_meeting', {
      org: { ...BRANCH, hasPartyGroups: false },
      period: '2025-05',
      today: '2025-06-01',
    });
    expect(r).toMatchObject({
      status: 'not_applicable',
      reason: 'no_party_groups',
      count: 0,
      activities: [],
    });
  });

  it('is required with party groups', () => {
    expect(one('group_meeting', { period: '2025-05', today: '2025-06-01' }).status).toBe('missed');
    expect(
      one('group_meeting', {
        period: '2025-05',
        today: '2025-06-01',
        activities: [act('group_meeting', '2025-05-30')],
      }).status,
    ).toBe('met');
  });
});

describe('which organization types the requirements apply to', () => {
  it('a primary committee is subject to none of them', () => {
    const results = run({ org: { ...BRANCH, type: 'committee' }, period: '2025-Q2', today: '2025-07-01' });
    expect(results.every((r) => r.status === 'not_applicable')).toBe(true);
    expect(results.filter((r) => r.reason === 'org_type').map((r) => r.id)).toEqual(
      results.filter((r) => r.id !== 'party_lecture_quarterly').map((r) => r.id),
    );
  });

  it("a general branch holds assemblies and committee meetings; member-level activities are its branches' business", () => {
    const results = run({
      org: { ...BRANCH, type: 'general_branch' },
      period: '2025-Q2',
      today: '2025-07-01',
    });
    const applicable = results.filter((r) => r.status !== 'not_applicable').map((r) => r.id);
    expect(applicable).toEqual(['general_assembly', 'committee_meeting']);
  });

  it('a joint branch is subject to the same requirements as a branch', () => {
    const statuses = (type: ComplianceOrg['type']) =>
      run({ org: { ...BRANCH, type }, period: '2025', today: '2026-01-02' }).map((r) => r.status);
    expect(statuses('joint_branch')).toEqual(statuses('branch'));
  });
});

describe('organizational life meeting: yearly (hard), generally in Q4 (soft)', () => {
  it('is due until 31 December and missed (hard) on 1 January', () => {
    expect(one('life_meeting', { period: '2024', today: '2024-12-31' })).toMatchObject({
      status: 'due',
      daysLeft: 1,
      severity: 'hard',
    });
    expect(one('life_meeting', { period: '2024', today: '2025-01-01' })).toMatchObject({
      status: 'missed',
      severity: 'hard',
    });
  });

  it('held in Q4: met, and the Q4 check met', () => {
    expect(
      one('life_meeting', {
        period: '2024',
        today: '2025-01-01',
        activities: [act('life_meeting', '2024-10-01')],
      }),
    ).toMatchObject({
      status: 'met',
      timing: { quarter: 4, severity: 'soft', status: 'met' },
    });
  });

  it('held only in June: the yearly rule is met, the Q4 check is due until the year ends and then missed (soft)', () => {
    const activities = [act('life_meeting', '2024-06-20')];
    expect(one('life_meeting', { period: '2024', today: '2024-09-30', activities })).toMatchObject({
      status: 'met',
      timing: { status: 'due' },
    });
    expect(one('life_meeting', { period: '2024', today: '2024-12-31', activities }).timing!.status).toBe(
      'due',
    );
    expect(
      one('life_meeting', {
        period: '2025-Q1',
        today: '2025-01-01',
        activities: [act('life_meeting', '2024-09-30')],
      }).timing!.status,
    ).toBe('due');
    expect(one('life_meeting', { period: '2024', today: '2025-01-01', activities })).toMatchObject({
      status: 'met',
      severity: 'hard',
      timing: { status: 'missed', severity: 'soft' },
    });
  });

  it('asked for a quarter, is evaluated over the year: due with the days left in the year', () => {
    expect(one('life_meeting', { period: '2025-Q3', today: '2025-08-15' })).toMatchObject({
      status: 'due',
      window: '2025',
      daysLeft: 139,
    });
    expect(
      one('life_meeting', {
        period: '2025-Q3',
        today: '2025-08-15',
        activities: [act('life_meeting', '2025-03-01')],
      }),
    ).toMatchObject({ status: 'met', window: '2025' });
  });

  it('the Q4 check can be switched off', () => {
    const pack = effectivePack([
      { meetings: { requirements: { life_meeting: { preferredQuarter: { enabled: false } } } } },
    ]);
    expect(
      one('life_meeting', {
        pack,
        period: '2024',
        today: '2025-01-01',
        activities: [act('life_meeting', '2024-06-20')],
      }).timing,
    ).toBeUndefined();
  });
});

describe('democratic evaluation, heart-to-heart talks, party lecture: yearly (soft)', () => {
  it.each(['democratic_evaluation', 'heart_talk', 'party_lecture'] as const)(
    '%s: missed (soft) without one in the year, met with one',
    (type) => {
      expect(one(type, { period: '2024', today: '2025-01-01' })).toMatchObject({
        status: 'missed',
        severity: 'soft',
      });
      expect(
        one(type, { period: '2024', today: '2025-01-01', activities: [act(type, '2024-01-01')] }),
      ).toMatchObject({ status: 'met' });
    },
  );

});

describe('one activity for several requirements when the practice holds them together', () => {
  const lifeMeetingWith = (alsoCounts: ActivityType[]): ComplianceActivity => ({
    ...act('life_meeting', '2024-12-18'),
    alsoCounts,
  });
  const status = (id: string, activities: ComplianceActivity[], pack = DEFAULT_RULE_PACK) =>
    run({ period: '2024', today: '2025-01-01', activities, pack }).find((r) => r.id === id);

  it('a life meeting that included the democratic evaluation meets both requirements', () => {
    const meeting = lifeMeetingWith(['democratic_evaluation']);
    expect(status('life_meeting', [meeting])).toMatchObject({ status: 'met', activities: [meeting.id] });
    expect(status('democratic_evaluation', [meeting])).toMatchObject({ status: 'met', count: 1, activities: [meeting.id] });
  });

  it('a life meeting alone does not count as a democratic evaluation', () => {
    expect(status('democratic_evaluation', [act('life_meeting', '2024-12-18')])!.status).toBe('missed');
  });

  it('only types the practice holds together: a theme day cannot claim the democratic evaluation, nor a life meeting the theme day', () => {
    const themeDay: ComplianceActivity = { ...act('theme_day', '2024-12-05'), alsoCounts: ['democratic_evaluation'] };
    expect(status('democratic_evaluation', [themeDay])!.status).toBe('missed');
    const theme = status('theme_day', [lifeMeetingWith(['theme_day'])]);
    expect(theme!.subPeriods!.find((s) => s.label === '2024-12')!.status).toBe('missed');
  });

  it('a planned life meeting counts for neither', () => {
    const planned: ComplianceActivity = { ...act('life_meeting', '2024-12-18', ['A1'], 'planned'), alsoCounts: ['democratic_evaluation'] };
    expect(status('democratic_evaluation', [planned])!.status).toBe('missed');
  });

  it('a higher organization can stop holding them together', () => {
    const pack = effectivePack([{ meetings: { requirements: { democratic_evaluation: { heldWith: [] } } } }]);
    expect(status('democratic_evaluation', [lifeMeetingWith(['democratic_evaluation'])], pack)!.status).toBe('missed');
  });

  it('offers a record only what the pack holds together with its type', () => {
    expect(alsoCountable(DEFAULT_RULE_PACK, 'life_meeting')).toEqual(['democratic_evaluation']);
    expect(alsoCountable(DEFAULT_RULE_PACK, 'theme_day')).toEqual([]);
    expect(alsoCountable(DEFAULT_RULE_PACK, 'democratic_evaluation')).toEqual([]);
    expect(alsoCountable(effectivePack([{ meetings: { requirements: { democratic_evaluation: { heldWith: [] } } } }]), 'life_meeting')).toEqual([]);
    const both = effectivePack([{ meetings: { requirements: { theme_day: { heldWith: ['life_meeting'] } } } }]);
    expect(alsoCountable(both, 'life_meeting').sort()).toEqual(['democratic_evaluation', 'theme_day']);
  });
});

describe('overrides from a higher organization', () => {
  it('the local quarterly party lecture, switched on, needs one lecture each quarter', () => {
    const pack = effectivePack([
      { meetings: { requirements: { party_lecture_quarterly: { enabled: true } } } },
    ]);
    const activities = [
      act('party_lecture', '2025-02-10'),
      act('party_lecture', '2025-08-10'),
      act('party_lecture', '2025-11-10'),
    ];
    const results = run({ pack, period: '2025', today: '2026-01-01', activities });
    expect(results.find((r) => r.id === 'party_lecture')!.status).toBe('met');
    const quarterly = results.find((r) => r.id === 'party_lecture_quarterly')!;
    expect(quarterly).toMatchObject({ requirement: 'party_lecture', status: 'missed', count: 3 });
    expect(subs(quarterly)).toEqual(['2025-Q1:met', '2025-Q2:missed', '2025-Q3:met', '2025-Q4:met']);
  });

  it('two theme days a month: one is not enough', () => {
    const pack = effectivePack([{ meetings: { requirements: { theme_day: { min: 2 } } } }]);
    expect(
      one('theme_day', {
        pack,
        period: '2025-06',
        today: '2025-07-01',
        activities: [act('theme_day', '2025-06-01')],
      }),
    ).toMatchObject({ status: 'missed', required: 2, count: 1 });
    expect(
      one('theme_day', {
        pack,
        period: '2025-06',
        today: '2025-06-30',
        activities: [act('theme_day', '2025-06-01')],
      }),
    ).toMatchObject({ status: 'due', daysLeft: 1 });
  });

  it('a disabled requirement is not applicable', () => {
    const pack = effectivePack([{ meetings: { requirements: { heart_talk: { enabled: false } } } }]);
    expect(one('heart_talk', { pack, period: '2024', today: '2025-01-01' })).toMatchObject({
      status: 'not_applicable',
      reason: 'disabled',
    });
  });

  it('a local requirement added by a committee is evaluated after the central ones', () => {
    const pack = effectivePack([
      {
        meetings: {
          requirements: {
            micro_lesson: {
              type: 'micro_lesson',
              min: 1,
              per: 'quarter',
              severity: 'soft',
              appliesTo: ['branch', 'joint_branch'],
              enabled: true,
            },
          },
        },
      },
    ]);
    const results = run({
      pack,
      period: '2025-Q2',
      today: '2025-07-01',
      activities: [act('micro_lesson', '2025-06-01')],
    });
    expect(results.at(-1)).toMatchObject({ id: 'micro_lesson', requirement: 'micro_lesson', status: 'met' });
  });

  describe('with an effective date: committee meetings monthly until June, quarterly from 1 July 2025', () => {
    const versions: VersionedOverride[] = [
      {
        depth: 1,
        effectiveFrom: '2025-07-01',
        override: { meetings: { requirements: { committee_meeting: { per: 'quarter' } } } },
      },
    ];
    const activities = [
      act('committee_meeting', '2025-04-10'),
      act('committee_meeting', '2025-05-10'),
      act('committee_meeting', '2025-08-10'),
    ];
    const evaluate = (period: string, today: string) =>
      one('committee_meeting', {
        period,
        today,
        activities,
        pack: packForPeriod(versions, parsePeriod(period)),
      });

    it('Q2 is judged monthly: June without one is missed', () => {
      const r = evaluate('2025-Q2', '2025-07-05');
      expect(r.status).toBe('missed');
      expect(subs(r)).toEqual(['2025-04:met', '2025-05:met', '2025-06:missed']);
    });

    it('Q3 is judged quarterly: one meeting in August meets it', () => {
      expect(evaluate('2025-Q3', '2025-10-01')).toMatchObject({ status: 'met', per: 'quarter', count: 1 });
    });

    it('a single month after the change is judged over its quarter', () => {
      expect(evaluate('2025-09', '2025-09-15')).toMatchObject({ status: 'met', window: '2025-Q3' });
    });

    it('the year 2025 is judged by the pack of 1 January (monthly): July and September are missed', () => {
      const r = evaluate('2025', '2026-01-02');
      expect(r).toMatchObject({ status: 'missed', per: 'month' });
      expect(r.subPeriods!.filter((s) => s.status === 'met').map((s) => s.label)).toEqual([
        '2025-04',
        '2025-05',
        '2025-08',
      ]);
    });

    it('the year 2026 is judged quarterly', () => {
      expect(evaluate('2026', '2026-02-01')).toMatchObject({ per: 'quarter', status: 'due', daysLeft: 59 });
    });
  });
});

describe('founded and dissolved organizations', () => {
  const founded = (foundedOn: string): ComplianceOrg => ({ ...BRANCH, foundedOn });

  it('founded mid-quarter (20 August): July is not required, August and September are', () => {
    const r = one('theme_day', {
      org: founded('2025-08-20'),
      period: '2025-Q3',
      today: '2025-10-01',
      activities: [act('theme_day', '2025-08-25'), act('theme_day', '2025-09-05')],
    });
    expect(r).toMatchObject({ status: 'met', count: 2 });
    expect(subs(r)).toEqual(['2025-07:not_applicable', '2025-08:met', '2025-09:met']);
  });

  it('the founding month counts even when founded on its last day', () => {
    const r = one('theme_day', {
      org: founded('2025-08-31'),
      period: '2025-Q3',
      today: '2025-10-01',
      activities: [act('theme_day', '2025-09-05')],
    });
    expect(r.status).toBe('missed');
    expect(subs(r)).toEqual(['2025-07:not_applicable', '2025-08:missed', '2025-09:met']);
  });

  it('the quarter of founding requires its general assembly', () => {
    expect(
      one('general_assembly', { org: founded('2025-08-20'), period: '2025-Q3', today: '2025-10-01' }).status,
    ).toBe('missed');
  });

  it('a year of founding counts only the months from the founding month', () => {
    const r = one('theme_day', {
      org: founded('2025-11-03'),
      period: '2025',
      today: '2026-01-01',
      activities: [act('theme_day', '2025-11-10'), act('theme_day', '2025-12-10')],
    });
    expect(r.status).toBe('met');
    expect(r.subPeriods!.filter((s) => s.status !== 'not_applicable').map((s) => s.label)).toEqual([
      '2025-11',
      '2025-12',
    ]);
  });

  it('a period entirely before the founding is not applicable, for every requirement', () => {
    const results = run({ org: founded('2025-08-20'), period: '2025-Q2', today: '2025-10-01' });
    expect(results.every((r) => r.status === 'not_applicable')).toBe(true);
    expect(results.find((r) => r.id === 'theme_day')!.reason).toBe('not_in_existence');
  });

  it('dissolved on 10 August: July is required, August and September are not', () => {
    const org = { ...BRANCH, dissolvedOn: '2025-08-10' };
    const r = one('theme_day', {
      org,
      period: '2025-Q3',
      today: '2025-10-01',
      activities: [act('theme_day', '2025-07-05')],
    });
    expect(r.status).toBe('met');
    expect(subs(r)).toEqual(['2025-07:met', '2025-08:not_applicable', '2025-09:not_applicable']);
  });

  it('a period entirely after the dissolution is not applicable', () => {
    const org = { ...BRANCH, dissolvedOn: '2025-08-10' };
    expect(one('theme_day', { org, period: '2025-Q4', today: '2025-12-01' })).toMatchObject({
      status: 'not_applicable',
      reason: 'not_in_existence',
    });
    expect(one('general_assembly', { org, period: '2025-Q3', today: '2025-12-01' })).toMatchObject({
      status: 'not_applicable',
      reason: 'not_in_existence',
    });
  });

  it('a yearly rule asked for a quarter before the founding is not applicable either', () => {
    expect(
      one('life_meeting', { org: founded('2025-08-20'), period: '2025-Q2', today: '2025-10-01' }),
    ).toMatchObject({ status: 'not_applicable', reason: 'not_in_existence' });
    expect(
      one('life_meeting', { org: founded('2025-08-20'), period: '2025-Q3', today: '2025-10-01' }),
    ).toMatchObject({ status: 'due', window: '2025' });
  });

  it('a yearly rule is not asked of an organization dissolved before the year ends', () => {
    expect(
      one('life_meeting', {
        org: { ...BRANCH, dissolvedOn: '2025-11-30' },
        period: '2025',
        today: '2026-01-01',
      }).status,
    ).toBe('not_applicable');
  });
});

describe('input', () => {
  it('accepts a parsed period as well as its spelling', () => {
    expect(run({ period: parsePeriod('2025-Q3'), today: '2025-10-01' })).toEqual(
      run({ period: '2025-Q3', today: '2025-10-01' }),
    );
  });

  it('rejects a malformed period', () => {
    expect(() => run({ period: '2025-Q5', today: '2025-10-01' })).toThrow(PeriodError);
  });

  it('without an org id, counts every activity it is given', () => {
    const r = one('theme_day', {
      org: { ...BRANCH, id: undefined },
      period: '2025-06',
      today: '2025-07-01',
      activities: [act('theme_day', '2025-06-03', ['X9'])],
    });
    expect(r.status).toBe('met');
  });
});

describe('rollupCompliance', () => {
  const theme = (
    org: string,
    activities: ComplianceActivity[],
    type: ComplianceOrg['type'] = 'branch',
    hasPartyGroups = true,
    today = '2025-08-25',
  ) => ({
    orgId: org,
    orgName: `支部${org}`,
    results: evaluateCompliance({
      org: { ...BRANCH, id: org, type, hasPartyGroups },
      period: '2025-Q3',
      activities,
      pack: DEFAULT_RULE_PACK,
      today,
    }),
  });
  const tree = [
    theme('A', [
      act('theme_day', '2025-07-01', ['A']),
      act('theme_day', '2025-08-01', ['A']),
      act('group_meeting', '2025-07-02', ['A']),
    ]),
    theme('B', [act('theme_day', '2025-08-01', ['B'])]),
    theme('C', [act('theme_day', '2025-07-01', ['C'])], 'branch', false),
    theme('D', [], 'committee'),
    theme('E', [act('theme_day', '2025-07-03', ['E'])], 'joint_branch', false),
  ];
  const rows = rollupCompliance(tree);
  const row = (id: string) => rows.find((r) => r.id === id)!;

  it('counts, per requirement, the organizations subject to it and those that met it', () => {
    const t = row('theme_day');
    expect(t).toMatchObject({ requirement: 'theme_day', severity: 'hard', applicable: 4, met: 0 });
    expect(t.shareMet).toBe(0);
    const q = rollupCompliance([
      tree[0]!,
      theme('F', [
        act('theme_day', '2025-07-01', ['F']),
        act('theme_day', '2025-08-01', ['F']),
        act('theme_day', '2025-09-01', ['F']),
      ]),
    ]);
    expect(q.find((r) => r.id === 'theme_day')).toMatchObject({ applicable: 2, met: 1, shareMet: 0.5 });
  });

  it('lists lagging organizations, missed first, then due with the fewest days left', () => {
    expect(row('theme_day').lagging.map((l) => [l.orgId, l.status, l.missedPeriods])).toEqual([
      ['B', 'missed', ['2025-07']],
      ['C', 'due', []],
      ['E', 'due', []],
      ['A', 'due', []],
    ]);
    // C and E still owe August (7 days left on 25 August); A has held August and owes September (30 days)
    expect(row('theme_day').lagging[1]).toMatchObject({
      orgName: '支部C',
      daysLeft: 7,
      required: 1,
      count: 1,
      severity: 'hard',
    });
    expect(row('theme_day').lagging[3]).toMatchObject({ orgName: '支部A', daysLeft: 30, count: 2 });
  });

  it('counts every lagging organization, and a bounded list keeps the first of them in the same order', () => {
    expect(row('theme_day').laggingTotal).toBe(4);
    expect(orderLagging(row('theme_day').lagging, 2).map((l) => l.orgId)).toEqual(['B', 'C']);
    // ties (C and E, 7 days left each) keep the order they were given in
    expect(orderLagging([...row('theme_day').lagging].reverse()).map((l) => l.orgId)).toEqual(['B', 'E', 'C', 'A']);
  });

  it('leaves out organizations the requirement does not apply to (no party groups, a committee)', () => {
    const g = row('group_meeting');
    expect(g.applicable).toBe(2);
    expect(g.lagging.map((l) => l.orgId)).toEqual(['B', 'A']);
  });

  it('has a null share when no organization is subject to a requirement', () => {
    expect(row('party_lecture_quarterly')).toMatchObject({
      applicable: 0,
      met: 0,
      shareMet: null,
      lagging: [],
    });
  });

  it('gives a share between 0 and 1 and names organizations, never individual members', () => {
    const done = rollupCompliance([
      {
        orgId: 'A',
        orgName: 'A',
        results: run({ period: '2024', today: '2025-01-10', activities: fullYear(2024) }),
      },
      {
        orgId: 'B',
        orgName: 'B',
        results: run({
          period: '2024',
          today: '2025-01-10',
          activities: fullYear(2024).filter((a) => a.type !== 'life_meeting'),
        }),
      },
    ]);
    const life = done.find((r) => r.id === 'life_meeting')!;
    expect(life).toMatchObject({ applicable: 2, met: 1, shareMet: 0.5 });
    expect(life.lagging).toEqual([
      {
        orgId: 'B',
        orgName: 'B',
        status: 'missed',
        severity: 'hard',
        required: 1,
        count: 0,
        missedPeriods: ['2024'],
      },
    ]);
    expect(done.find((r) => r.id === 'theme_day')!.shareMet).toBe(1);
  });

  it('is empty for no organizations', () => {
    expect(rollupCompliance([])).toEqual([]);
  });
});

describe('stored results read on a later day', () => {
  it('equal a fresh evaluation on that day, for random activities, periods and days', () => {
    const random = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const types: ActivityType[] = ['theme_day', 'general_assembly', 'committee_meeting', 'life_meeting', 'party_lecture'];
    const periods = ['2025', '2025-Q1', '2025-Q2', '2025-Q4', '2025-02', '2025-06', '2025-12'];
    for (let i = 0; i < 300; i++) {
      const activities = Array.from({ length: Math.floor(random() * 12) }, () =>
        act(pick(types), addDays('2025-01-01', Math.floor(random() * 365))),
      );
      const org: ComplianceOrg = { ...BRANCH, foundedOn: pick([null, '2025-03-15', '2025-05-31']), dissolvedOn: pick([null, null, '2025-11-02']) };
      const period = pick(periods);
      const stored = addDays('2024-12-20', Math.floor(random() * 380));
      const later = addDays(stored, Math.floor(random() * 200));
      const then = evaluateCompliance({ org, period, activities, pack: DEFAULT_RULE_PACK, today: stored });
      const now = evaluateCompliance({ org, period, activities, pack: DEFAULT_RULE_PACK, today: later });
      then.forEach((r, j) => {
        const fresh = now[j]!;
        if (r.status === 'not_applicable') {
          expect(fresh.status).toBe('not_applicable');
          return;
        }
        const read = complianceOn(storedCompliance(r), later);
        expect({ status: read.status, daysLeft: read.daysLeft, missed: read.missedPeriods }, `${period} ${r.id} stored ${stored} read ${later}`).toEqual({
          status: fresh.status,
          daysLeft: fresh.daysLeft,
          missed: (fresh.subPeriods ?? [{ label: fresh.window, status: fresh.status }]).filter((s) => s.status === 'missed').map((s) => s.label),
        });
      });
    }
  });

  it('name the sub-period still open as the current one', () => {
    const [theme] = run({ period: '2025-Q2', today: '2025-04-10', activities: [] }).filter((r) => r.id === 'theme_day');
    const read = complianceOn(storedCompliance(theme!), '2025-05-03');
    expect(read).toMatchObject({ status: 'missed', missedPeriods: ['2025-04'] });
    expect(read.current).toBeUndefined();
    const [yearly] = run({ period: '2025', today: '2025-04-10', activities: [] }).filter((r) => r.id === 'party_lecture');
    expect(complianceOn(storedCompliance(yearly!), '2025-12-31')).toMatchObject({ status: 'due', daysLeft: 1, current: '2025' });
  });
});
