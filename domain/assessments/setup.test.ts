import { describe, expect, it } from 'vitest';
import { messageText } from '../messages/registry';
import { CODE_ALPHABET, CODE_BITS, formatBallotCode, newBallotCode, normalizeBallotCode } from './codes';
import { checkBallot, validateSetup, type SetupInput } from './setup';
import { DEFAULT_SCALE, DEFAULT_THRESHOLDS } from './tally';

const setup: SetupInput = {
  reporters: [
    { memberId: 'm1', orgId: 'o1' },
    { memberId: 'm2', orgId: 'o2' },
  ],
  raterGroups: [
    { name: '党委委员', weight: 40 },
    { name: '部门负责人', weight: 30 },
    { name: '党员代表', weight: 30 },
  ],
  venues: [{ name: '主会场', main: true }, { name: '分会场' }],
  criteria: [],
  scale: [...DEFAULT_SCALE],
  thresholds: { ...DEFAULT_THRESHOLDS },
};
const codes = (s: SetupInput) => validateSetup(s).map((p) => `${p.field}:${p.code}`);

describe('set-up checks', () => {
  it('accepts a sound set-up', () => {
    expect(validateSetup(setup)).toEqual([]);
  });
  it('names weights that do not add to 100, a reporter twice, a duplicate grade and a bad threshold', () => {
    expect(codes({ ...setup, raterGroups: [{ name: 'a', weight: 50 }, { name: 'b', weight: 40 }] })).toEqual(['raterGroups:weights_sum']);
    expect(codes({ ...setup, reporters: [...setup.reporters, { memberId: 'm1', orgId: 'o3' }] })).toEqual(['reporters.2.memberId:duplicate_reporter']);
    expect(codes({ ...setup, scale: [...setup.scale, { grade: 'good', points: 10 }] })).toContain('scale.4.grade:duplicate_grade');
    expect(codes({ ...setup, thresholds: { excellent: 90, good: 75, fair: 60, great: 95 } })).toEqual(['thresholds.great:grade_not_on_scale']);
    expect(codes({ ...setup, thresholds: { excellent: 70, good: 75, fair: 60 } })).toEqual(['thresholds.good:thresholds_order']);
    expect(codes({ ...setup, thresholds: { excellent: 90, good: 75 } })).toEqual(['thresholds.fair:required']);
    expect(codes({ ...setup, venues: [{ name: 'a', main: true }, { name: 'b', main: true }] })).toEqual(['venues:main_venue']);
    expect(codes({ ...setup, reporters: [] })).toEqual(['reporters:required']);
  });
  it('gives codes with parameters that read in Chinese and English', () => {
    const [weights] = validateSetup({ ...setup, raterGroups: [{ name: 'a', weight: 50 }, { name: 'b', weight: 40 }] });
    expect(messageText(weights!.code, weights!.params, 'zh')).toBe('各测评组权重之和须为 100（现为 90）');
    expect(messageText(weights!.code, weights!.params, 'en')).toBe('the weights add up to 90, not 100');
    const bad = validateSetup({
      ...setup,
      reporters: [],
      raterGroups: [{ name: 'a', weight: 0 }, { name: 'a', weight: 50 }],
      venues: [{ name: 'v', main: true }, { name: 'v', main: true }],
      criteria: [{ name: 'c' }, { name: 'c' }],
      scale: [{ grade: 'x', points: 2000 }],
      thresholds: { x: 5, y: 1001 },
    });
    expect(bad.filter((p) => messageText(p.code, p.params, 'zh') === undefined)).toEqual([]);
  });
});

describe('ballot checks', () => {
  const sheet = { scale: DEFAULT_SCALE, criteria: [], openReporterIds: ['r1', 'r2'], scoredReporterIds: [] };
  const g = (reporterId: string, grade = 'good', criterionId: string | null = null) => ({ reporterId, criterionId, grade });
  it('needs a grade on the scale for every open reporter', () => {
    expect(checkBallot(sheet, [g('r1'), g('r2', 'excellent')])).toEqual({ problems: [], reporterIds: ['r1', 'r2'], repeat: false });
    expect(checkBallot(sheet, [g('r1')]).problems.map((p) => p.code)).toEqual(['missing_grade']);
    expect(checkBallot(sheet, [g('r1'), g('r2', 'great')]).problems).toEqual([{ field: 'grades.1.grade', code: 'grade_not_on_scale', params: { grade: 'great' } }]);
    expect(checkBallot(sheet, [g('r1'), g('r2'), g('r3')]).problems.map((p) => p.field)).toEqual(['grades.2.reporterId']);
    expect(checkBallot(sheet, [g('r1'), g('r1'), g('r2')]).problems.map((p) => p.code)).toEqual(['duplicate_grade']);
  });
  it('asks only for reporters opened since the code last scored, and calls a second grade a repeat', () => {
    const later = { ...sheet, scoredReporterIds: ['r1'] };
    expect(checkBallot(later, [g('r2')])).toMatchObject({ problems: [], reporterIds: ['r2'], repeat: false });
    expect(checkBallot(later, [g('r1'), g('r2')]).repeat).toBe(true);
  });
  it('needs every criterion when there are criteria', () => {
    const withCriteria = { ...sheet, openReporterIds: ['r1'], criteria: [{ id: 'c1' }, { id: 'c2' }] };
    expect(checkBallot(withCriteria, [g('r1', 'good', 'c1'), g('r1', 'fair', 'c2')]).problems).toEqual([]);
    expect(checkBallot(withCriteria, [g('r1', 'good', 'c1')]).problems.map((p) => p.code)).toEqual(['missing_grade']);
    expect(checkBallot(withCriteria, [g('r1', 'good', null), g('r1', 'good', 'c2')]).problems.map((p) => p.code)).toEqual(['unknown_criterion', 'missing_grade']);
  });
});

describe('ballot codes', () => {
  it('carry at least 60 random bits in an unambiguous alphabet', () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(60);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newBallotCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{13}$/);
      seen.add(code);
    }
    expect(seen.size).toBe(2000);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });
  it('read back what people type', () => {
    const code = newBallotCode();
    expect(normalizeBallotCode(formatBallotCode(code).toLowerCase())).toBe(code);
    expect(normalizeBallotCode('o1il-abcd-efgh0')).toBe('0111ABCDEFGH0');
    expect(normalizeBallotCode('ABCD-EFGH-123')).toBeNull();
    expect(normalizeBallotCode('ABCD-EFGH-1234U')).toBeNull();
  });
});
