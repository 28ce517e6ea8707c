import { describe, expect, it } from 'vitest';
import { planYear } from './planning';
import { DEFAULT_RULE_PACK, effectivePack } from './rules/pack';

const branch = { type: 'branch', hasPartyGroups: false, hasCommittee: true };

describe('yearly plan', () => {
  it('plans 12 theme party days, 12 committee meetings, 4 general assemblies and the yearly meetings for a whole year', () => {
    const plan = planYear({ year: 2027, org: branch, pack: DEFAULT_RULE_PACK, existing: [], today: '2026-12-01' });
    const count = (t: string) => plan.filter((p) => p.type === t).length;
    expect(count('theme_day')).toBe(12);
    expect(count('committee_meeting')).toBe(12);
    expect(count('general_assembly')).toBe(4);
    expect(count('life_meeting')).toBe(1);
    expect(count('democratic_evaluation')).toBe(1);
    expect(count('party_lecture')).toBe(1);
    expect(count('group_meeting')).toBe(0); // no party groups
    expect(count('heart_talk')).toBe(0); // needs the pairs
    expect(plan.find((p) => p.type === 'life_meeting')!.date).toBe('2027-12-15');
    expect(plan.filter((p) => p.type === 'theme_day').map((p) => p.date.slice(5))).toEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `${m}-15`),
    );
  });

  it('leaves out months that are over and units that already have their activity', () => {
    const plan = planYear({ year: 2026, org: branch, pack: DEFAULT_RULE_PACK, existing: [{ type: 'theme_day', date: '2026-11-03' }], today: '2026-11-22' });
    expect(plan.filter((p) => p.type === 'theme_day').map((p) => p.date)).toEqual(['2026-12-15']);
    // this quarter's assembly is still due: planned from today, never in the past
    expect(plan.find((p) => p.type === 'general_assembly')!.date).toBe('2026-11-22');
  });

  it('follows the pack: group meetings with party groups, a local quarterly lecture, none without a committee', () => {
    const pack = effectivePack([{ meetings: { requirements: { party_lecture_quarterly: { enabled: true } } } }]);
    const plan = planYear({ year: 2027, org: { type: 'branch', hasPartyGroups: true, hasCommittee: false }, pack, existing: [], today: '2026-12-01' });
    expect(plan.filter((p) => p.type === 'group_meeting')).toHaveLength(12);
    expect(plan.filter((p) => p.type === 'party_lecture')).toHaveLength(4); // the quarterly ones cover the yearly rule
    expect(plan.filter((p) => p.type === 'committee_meeting')).toHaveLength(0);
  });

  it('plans nothing for an organization type the rules do not cover', () => {
    expect(planYear({ year: 2027, org: { type: 'leading_group', hasPartyGroups: false, hasCommittee: true }, pack: DEFAULT_RULE_PACK, existing: [], today: '2026-12-01' })).toEqual([]);
  });
});
