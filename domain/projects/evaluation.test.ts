import { describe, expect, it } from 'vitest';
import { averageScore, checkScores, isShowcase, round2, weightedTotal, type Criterion } from './evaluation';

const criteria: Criterion[] = [
  { id: 'a', name: '目标达成', weight: 40, max: 40 },
  { id: 'b', name: '措施落实', weight: 30, max: 10 },
  { id: 'c', name: '示范作用', weight: 30, max: 5 },
];

describe('evaluation arithmetic', () => {
  it('weights each criterion by its share of the maximum', () => {
    expect(weightedTotal(criteria, [{ criterionId: 'a', score: 40 }, { criterionId: 'b', score: 10 }, { criterionId: 'c', score: 5 }])).toBe(100);
    // 30/40×40 + 8/10×30 + 3/5×30 = 30 + 24 + 18
    expect(weightedTotal(criteria, [{ criterionId: 'a', score: 30 }, { criterionId: 'b', score: 8 }, { criterionId: 'c', score: 3 }])).toBeCloseTo(72, 10);
  });

  it('scales weights that do not add up to 100', () => {
    const two: Criterion[] = [{ id: 'x', name: 'x', weight: 1, max: 10 }, { id: 'y', name: 'y', weight: 3, max: 10 }];
    expect(weightedTotal(two, [{ criterionId: 'x', score: 10 }, { criterionId: 'y', score: 0 }])).toBe(25);
  });

  it('averages several evaluators and rounds half up to 0.01', () => {
    expect(averageScore([72, 85, 90])).toBe(82.33);
    expect(averageScore([80.005])).toBe(80.01);
    expect(averageScore([1.005, 1.005])).toBe(1.01);
    expect(averageScore([70, 70.01])).toBe(70.01); // 70.005 → up
    expect(averageScore([])).toBeNull();
    expect(round2(2.675)).toBe(2.68);
    expect(round2(-2.675)).toBe(-2.68);
  });

  it('wants every criterion scored once within its range', () => {
    const ok = [{ criterionId: 'a', score: 40 }, { criterionId: 'b', score: 0 }, { criterionId: 'c', score: 2.5 }];
    expect(checkScores(criteria, ok)).toEqual([]);
    expect(checkScores(criteria, [...ok.slice(0, 2), { criterionId: 'c', score: 6 }])).toEqual([{ field: 'scores.2.score', code: 'score_out_of_range', params: { max: 5 } }]);
    expect(checkScores(criteria, [...ok.slice(0, 2), { criterionId: 'c', score: -1 }])[0]?.field).toBe('scores.2.score');
    expect(checkScores(criteria, [...ok, { criterionId: 'z', score: 1 }])).toEqual([{ field: 'scores.3.criterionId', code: 'criterion_not_of_campaign' }]);
    expect(checkScores(criteria, ok.slice(0, 2))).toEqual([{ field: 'scores', code: 'score_missing', params: { name: '示范作用' } }]);
    expect(checkScores(criteria, [...ok, ok[0]!])[0]).toEqual({ field: 'scores.3.criterionId', code: 'scored_twice' });
  });

  it('shows excellent projects', () => {
    expect(isShowcase('excellent')).toBe(true);
    expect(isShowcase('good')).toBe(false);
  });
});
