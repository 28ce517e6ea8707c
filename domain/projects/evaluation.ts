import type { Grade } from './enums';

// Evaluation arithmetic. Each criterion has a weight and a maximum score; an evaluator's total is the weighted share of
// the maxima on a 100-point scale: Σ(score / max × weight) / Σ weight × 100. Several evaluators: the project's score is
// the mean of their totals. Every figure shown is rounded half up to 0.01.

export interface Criterion {
  id: string;
  name: string;
  weight: number;
  max: number;
}

export interface Score {
  criterionId: string;
  score: number;
}

/** Half up to two decimals; toPrecision first so 1.005 (stored as 1.00499…) rounds to 1.01 as written. */
export function round2(x: number): number {
  const cents = Number((Math.abs(x) * 100).toPrecision(12));
  return (Math.sign(x) * Math.floor(cents + 0.5)) / 100;
}

/** a field's problem as a catalog code (domain/messages/projects.ts) and its parameters */
export type ScoreProblem = { field: string; code: string; params?: Record<string, string | number> };

/** Every criterion scored exactly once, within 0 … its maximum; fields named as the request names them. */
export function checkScores(criteria: readonly Criterion[], scores: readonly Score[]): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    const c = criteria.find((k) => k.id === s.criterionId);
    if (!c) problems.push({ field: `scores.${i}.criterionId`, code: 'criterion_not_of_campaign' });
    else if (seen.has(c.id)) problems.push({ field: `scores.${i}.criterionId`, code: 'scored_twice' });
    else if (!(s.score >= 0 && s.score <= c.max)) problems.push({ field: `scores.${i}.score`, code: 'score_out_of_range', params: { max: c.max } });
    seen.add(s.criterionId);
  });
  for (const c of criteria) if (!seen.has(c.id)) problems.push({ field: 'scores', code: 'score_missing', params: { name: c.name } });
  return problems;
}

/** One evaluator's total out of 100 (unrounded; round what is shown). */
export function weightedTotal(criteria: readonly Criterion[], scores: readonly Score[]): number {
  const weights = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (weights === 0) return 0;
  const earned = criteria.reduce((sum, c) => {
    const s = scores.find((x) => x.criterionId === c.id)?.score ?? 0;
    return sum + (s / c.max) * c.weight;
  }, 0);
  return (earned / weights) * 100;
}

/** The project's score: the mean of the evaluators' totals, rounded half up to 0.01 (null without any). */
export function averageScore(totals: readonly number[]): number | null {
  if (totals.length === 0) return null;
  return round2(totals.reduce((a, b) => a + b, 0) / totals.length);
}

/** Excellent projects are shown as examples (典型). */
export const isShowcase = (grade: Grade | null) => grade === 'excellent';
