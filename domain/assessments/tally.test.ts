import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, DEFAULT_THRESHOLDS, diffResults, gradeForScore, roundHalfUp2, tally, type TallyBallot, type TallyInput } from './tally';

const groups = [
  { id: 'committee', weight: 40 },
  { id: 'heads', weight: 30 },
  { id: 'reps', weight: 30 },
];
const base: Omit<TallyInput, 'ballots'> = {
  scale: DEFAULT_SCALE,
  thresholds: DEFAULT_THRESHOLDS,
  raterGroups: groups,
  venues: [{ id: 'main' }, { id: 'sub' }],
  reporters: [{ id: 'r1' }, { id: 'r2' }],
  criteria: [],
};
const ballot = (raterGroupId: string, grade: string, venueId = 'main', reporterId = 'r1'): TallyBallot => ({
  raterGroupId,
  venueId,
  grades: [{ reporterId, criterionId: null, grade }],
});
const many = (n: number, raterGroupId: string, grade: string, venueId = 'main') => Array.from({ length: n }, () => ballot(raterGroupId, grade, venueId));

describe('rounding half up to 0.01', () => {
  it('rounds exact halves up and never drifts', () => {
    expect(roundHalfUp2(83335n, 1000n)).toBe(83.34);
    expect(roundHalfUp2(83334n, 1000n)).toBe(83.33);
    expect(roundHalfUp2(1n, 3n)).toBe(0.33);
    expect(roundHalfUp2(2n, 3n)).toBe(0.67);
    expect(roundHalfUp2(200n, 3n)).toBe(66.67);
    // 1.005 is 1.00499999… as a float; exactly it is a half and goes up
    expect(roundHalfUp2(1005n, 1000n)).toBe(1.01);
  });
});

describe('tally', () => {
  it('weights each group mean points by its weight', () => {
    const result = tally({
      ...base,
      ballots: [...many(5, 'committee', 'excellent'), ...many(5, 'heads', 'good'), ...many(4, 'reps', 'fair'), ...many(1, 'reps', 'poor')],
    });
    const r1 = result.reporters[0]!;
    expect(r1.ballots).toBe(15);
    expect(r1.counts).toEqual({ excellent: 5, good: 5, fair: 4, poor: 1 });
    // committee 100 × 0.4 + heads 80 × 0.3 + reps (4×60+0)/5 = 48 × 0.3 = 40 + 24 + 14.4
    expect(r1.score).toBe(78.4);
    expect(r1.grade).toBe('good');
    // (5 + 5) / 15 = 66.666…%
    expect(r1.share).toBe(66.67);
    expect(r1.byGroup.map((g) => g.meanPoints)).toEqual([100, 80, 48]);
  });

  it('spreads the weight of a group without ballots over the others in proportion', () => {
    const result = tally({ ...base, ballots: [...many(6, 'committee', 'excellent'), ...many(6, 'heads', 'fair')] });
    // reps cast nothing: committee 40/70, heads 30/70 → (100×40 + 60×30) / 70 = 5800/70 = 82.857…
    expect(result.reporters[0]!.score).toBe(82.86);
  });

  it('reads the grade from the thresholds at their boundaries', () => {
    expect(gradeForScore(DEFAULT_SCALE, DEFAULT_THRESHOLDS, 90)).toBe('excellent');
    expect(gradeForScore(DEFAULT_SCALE, DEFAULT_THRESHOLDS, 89.99)).toBe('good');
    expect(gradeForScore(DEFAULT_SCALE, DEFAULT_THRESHOLDS, 75)).toBe('good');
    expect(gradeForScore(DEFAULT_SCALE, DEFAULT_THRESHOLDS, 60)).toBe('fair');
    expect(gradeForScore(DEFAULT_SCALE, DEFAULT_THRESHOLDS, 59.99)).toBe('poor');
    expect(gradeForScore(DEFAULT_SCALE, { excellent: 95, good: 85, fair: 70 }, 90)).toBe('good');
  });

  it('grades the rounded score people see', () => {
    // three committee ballots: 100, 100, 80 → 93.33; score only from the committee
    const result = tally({ ...base, raterGroups: [{ id: 'committee', weight: 100 }], ballots: [...many(2, 'committee', 'excellent'), ...many(1, 'committee', 'good')] });
    expect(result.reporters[0]!.score).toBe(93.33);
    expect(result.reporters[0]!.grade).toBe('excellent');
    // 1999 × 100 + 2001 × 80 over 4000 ballots is exactly 89.995: shown as 90.00, so excellent
    const edge = tally({ ...base, raterGroups: [{ id: 'committee', weight: 100 }], ballots: [...many(1999, 'committee', 'excellent'), ...many(2001, 'committee', 'good')] });
    expect(edge.reporters[0]!.score).toBe(90);
    expect(edge.reporters[0]!.grade).toBe('excellent');
  });

  it('shows a group or venue under 5 ballots by its count only, yet counts it in the score', () => {
    const result = tally({ ...base, ballots: [...many(5, 'committee', 'excellent', 'main'), ...many(4, 'heads', 'poor', 'sub')] });
    const r1 = result.reporters[0]!;
    expect(r1.byGroup[0]).toEqual({ raterGroupId: 'committee', ballots: 5, counts: { excellent: 5, good: 0, fair: 0, poor: 0 }, meanPoints: 100 });
    expect(r1.byGroup[1]).toEqual({ raterGroupId: 'heads', ballots: 4 });
    expect(r1.byGroup[2]).toEqual({ raterGroupId: 'reps', ballots: 0 });
    expect(r1.byVenue[1]).toEqual({ venueId: 'sub', ballots: 4 });
    // committee 100 × 40/70 + heads 0 × 30/70
    expect(r1.score).toBe(57.14);
    expect(r1.grade).toBe('poor');
  });

  it('with criteria, takes a ballot’s points as the mean of its criteria and counts the grade they reach', () => {
    const criteria = [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }];
    const b = (grades: string[]): TallyBallot => ({
      raterGroupId: 'committee',
      venueId: 'main',
      grades: grades.map((grade, i) => ({ reporterId: 'r1', criterionId: `c${i + 1}`, grade })),
    });
    const result = tally({
      ...base,
      criteria,
      raterGroups: [{ id: 'committee', weight: 100 }],
      // (100+100+80)/3 = 93.33 → excellent; (80+80+60)/3 = 73.33 → fair
      ballots: [b(['excellent', 'excellent', 'good']), b(['good', 'good', 'fair'])],
    });
    const r1 = result.reporters[0]!;
    expect(r1.counts).toEqual({ excellent: 1, good: 0, fair: 1, poor: 0 });
    // (280/3 + 220/3) / 2 = 83.333…
    expect(r1.score).toBe(83.33);
  });

  it('gives no score to a reporter without ballots and keeps reporters apart', () => {
    const result = tally({ ...base, ballots: [ballot('committee', 'good', 'main', 'r2')] });
    expect(result.reporters[0]).toMatchObject({ reporterId: 'r1', ballots: 0, score: null, grade: null, share: null });
    expect(result.reporters[1]).toMatchObject({ reporterId: 'r2', ballots: 1, score: 80, grade: 'good', share: 100 });
  });

  it('refuses a grade that is not on the scale', () => {
    expect(() => tally({ ...base, ballots: [ballot('committee', 'great')] })).toThrow(/not on the scale/);
  });
});

describe('diffResults', () => {
  it('names each figure that differs', () => {
    expect(diffResults({ reporters: [{ score: 1 }] }, { reporters: [{ score: 1 }] })).toEqual([]);
    expect(diffResults({ reporters: [{ score: 83.34, ballots: 3 }] }, { reporters: [{ score: 83.33, ballots: 3 }] })).toEqual(['reporters[0].score: 83.34 ≠ 83.33']);
    expect(diffResults([1, 2], [1])).toEqual(['(root): 2 items ≠ 1']);
  });
});
