import { describe, expect, it } from 'vitest';
import { similarity, suggestMatches, terms, type ListItem } from './matching';

const item = (
  id: string,
  orgId: string,
  pairingId: string,
  category: ListItem['category'],
  description: string,
): ListItem => ({
  id,
  orgId,
  pairingId,
  category,
  description,
});

describe('terms', () => {
  it('splits Chinese into character bigrams and other text into words', () => {
    expect([...terms('安全生产培训')].sort()).toEqual(['产培', '全生', '培训', '安全', '生产'].sort());
    expect([...terms('Safety training, for the staff!')].sort()).toEqual(['safety', 'staff', 'training']);
    expect([...terms('HSE 安全 培训')].sort()).toEqual(['hse', '培训', '安全']);
    expect([...terms('需要 税')]).toEqual(['税']);
  });

  it('measures overlap with the Dice coefficient', () => {
    expect(similarity(new Set(['a', 'b']), new Set(['b', 'c']))).toBe(0.5);
    expect(similarity(new Set(), new Set(['b']))).toBe(0);
  });
});

describe('suggestMatches', () => {
  // pairing A: organ1 ↔ ent1; pairing B: organ2 ↔ ent2
  const needs = [
    item('n1', 'ent1', 'A', 'safety', '需要安全生产培训讲师'),
    item('n2', 'ent2', 'B', 'policy', '高新企业税收优惠政策解读'),
    item('n3', 'ent1', 'A', 'venue', '党员活动场地'),
  ];
  const resources = [
    item('r1', 'organ2', 'B', 'safety', '提供安全生产培训'),
    item('r2', 'organ1', 'A', 'policy', '税收政策宣讲'),
    item('r3', 'organ1', 'A', 'talent', '安全生产专家讲师团'),
    item('r4', 'ent2', 'B', 'venue', '企业会议室可作党员活动场地'),
    item('r5', 'ent1', 'A', 'safety', '安全生产培训基地'),
  ];

  it('ranks same category first, then by keyword overlap, best first', () => {
    const s = suggestMatches(needs, resources);
    expect(s.map((m) => `${m.needId}-${m.resourceId}`)).toEqual(['n1-r1', 'n3-r4', 'n2-r2', 'n1-r3']);
    const [first, second, , last] = s;
    expect(second).toMatchObject({
      sameCategory: true,
      needPairingId: 'A',
      resourcePairingId: 'B',
      resourceOrgId: 'ent2',
    });
    expect(first?.terms).toEqual(['产培', '全生', '培训', '安全', '生产'].sort());
    expect(last).toMatchObject({ sameCategory: false, terms: ['全生', '安全', '生产', '讲师'].sort() });
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.score).toBeGreaterThanOrEqual(s[i]!.score);
  });

  it('a same-category pair without shared words still beats a cross-category pair with some', () => {
    const s = suggestMatches(
      [item('n', 'a', 'A', 'finance', '贷款 融资')],
      [item('r1', 'b', 'B', 'market', '贷款 融资 渠道'), item('r2', 'c', 'C', 'finance', '银行')],
    );
    expect(s.map((m) => m.resourceId)).toEqual(['r2', 'r1']);
  });

  it("never matches an organization's need with its own resource", () => {
    const s = suggestMatches(needs, resources);
    expect(s.some((m) => m.resourceId === 'r5')).toBe(false);
    expect(s.every((m) => m.needOrgId !== m.resourceOrgId)).toBe(true);
    expect(suggestMatches([needs[0]!], [resources[4]!])).toEqual([]);
  });

  it('skips closed items and unrelated pairs, and treats other as no shared category', () => {
    expect(suggestMatches([{ ...needs[0]!, open: false }], resources).length).toBe(0);
    expect(
      suggestMatches([item('n', 'a', 'A', 'other', '绿化')], [item('r', 'b', 'B', 'other', '法律咨询')]),
    ).toEqual([]);
    expect(
      suggestMatches(
        [item('n', 'a', 'A', 'other', 'legal advice')],
        [item('r', 'b', 'B', 'other', 'free legal clinic')],
      ),
    ).toMatchObject([{ sameCategory: false, terms: ['legal'] }]);
  });

  it('returns the top N, can ask for a minimum score and for pairs across pairings only', () => {
    expect(suggestMatches(needs, resources, { limit: 2 }).map((m) => m.needId)).toEqual(['n1', 'n3']);
    expect(suggestMatches(needs, resources, { minScore: 1 }).every((m) => m.sameCategory)).toBe(true);
    const cross = suggestMatches(needs, resources, { crossPairingOnly: true });
    expect(cross.every((m) => m.needPairingId !== m.resourcePairingId)).toBe(true);
    expect(cross.map((m) => m.resourceId)).not.toContain('r3');
  });

  it('is stable on equal scores (by need, then resource id)', () => {
    const s = suggestMatches(
      [item('n2', 'a', 'A', 'talent', 'x'), item('n1', 'a', 'A', 'talent', 'x')],
      [item('r2', 'b', 'B', 'talent', 'y'), item('r1', 'c', 'C', 'talent', 'y')],
    );
    expect(s.map((m) => `${m.needId}-${m.resourceId}`)).toEqual(['n1-r1', 'n1-r2', 'n2-r1', 'n2-r2']);
  });
});
