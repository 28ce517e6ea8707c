// The tally of a debriefing assessment (述职评议考核), computed from the ballots alone so anyone can recount.
//
// Per reporter: ballots per grade (overall and per rater group and venue), the share of the top two grades
// (excellent + good), each group's mean points, and the weighted score Σ meanPoints × weight / 100 over the groups
// that cast ballots, the weights of groups without ballots spread over the others in proportion (so the score is
// Σ meanPoints × weight / Σ weights-with-ballots). With criteria, a ballot's points for a reporter are the mean of
// its criteria's points and the grade it counts under is the grade those points reach on the thresholds.
//
// Arithmetic is exact: points are integers, every mean is a fraction of BigInts, and each figure is rounded once,
// half up, to 0.01 (so 83.335 is 83.34, never 83.33 from float drift). The overall grade is read from the rounded
// score, the figure people see. A group or venue with fewer than MIN_SHOWN ballots shows its ballot count only.

export interface ScaleStep {
  grade: string;
  points: number;
}

/** grade → the lowest score that earns it; the last grade of the scale is "everything below" and has none */
export type Thresholds = Record<string, number>;

export const DEFAULT_SCALE: readonly ScaleStep[] = [
  { grade: 'excellent', points: 100 },
  { grade: 'good', points: 80 },
  { grade: 'fair', points: 60 },
  { grade: 'poor', points: 0 },
];
export const DEFAULT_THRESHOLDS: Thresholds = { excellent: 90, good: 75, fair: 60 };
/** results by rater group or venue are shown only where at least this many ballots were cast */
export const MIN_SHOWN = 5;

export interface TallyGrade {
  reporterId: string;
  criterionId: string | null;
  grade: string;
}

export interface TallyBallot {
  raterGroupId: string;
  venueId: string;
  grades: readonly TallyGrade[];
}

export interface TallyInput {
  scale: readonly ScaleStep[];
  thresholds: Thresholds;
  raterGroups: readonly { id: string; weight: number }[];
  venues: readonly { id: string }[];
  reporters: readonly { id: string }[];
  criteria: readonly { id: string }[];
  ballots: readonly TallyBallot[];
}

export type GradeCounts = Record<string, number>;

export interface PartResult {
  ballots: number;
  /** absent under MIN_SHOWN ballots */
  counts?: GradeCounts;
  meanPoints?: number | null;
}

export interface ReporterResult {
  reporterId: string;
  ballots: number;
  counts: GradeCounts;
  /** (excellent + good) / ballots in percent, 0.01; null without ballots */
  share: number | null;
  /** weighted score, 0.01; null without ballots */
  score: number | null;
  grade: string | null;
  byGroup: (PartResult & { raterGroupId: string })[];
  byVenue: (PartResult & { venueId: string })[];
}

export interface TallyResult {
  ballots: number;
  reporters: ReporterResult[];
}

// ---- exact fractions ---------------------------------------------------------------------------

interface Frac {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};
const frac = (n: bigint, d: bigint): Frac => {
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const add = (a: Frac, b: Frac): Frac => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Frac, b: Frac): Frac => frac(a.n * b.n, a.d * b.d);

/** Rounds a non-negative fraction half up to hundredths and returns it as a number (83.335 → 83.34). */
export function roundHalfUp2(n: bigint, d: bigint): number {
  if (d <= 0n) throw new Error('denominator must be positive');
  const cents = (n * 200n + d) / (2n * d);
  return Number(cents) / 100;
}
const round = (f: Frac) => roundHalfUp2(f.n, f.d);

/** Threshold in hundredths, so a threshold of 74.5 compares exactly. */
const cents = (x: number) => BigInt(Math.round(x * 100));

/** The grade a score earns: the first grade of the scale whose threshold it reaches, else the last grade. */
export function gradeForScore(scale: readonly ScaleStep[], thresholds: Thresholds, score: Frac | number): string {
  const f = typeof score === 'number' ? frac(cents(score), 100n) : score;
  for (const step of scale.slice(0, -1)) {
    const t = thresholds[step.grade];
    if (t === undefined) continue;
    // f ≥ t  ⇔  f.n × 100 ≥ t_cents × f.d
    if (f.n * 100n >= cents(t) * f.d) return step.grade;
  }
  return scale.at(-1)!.grade;
}

const emptyCounts = (scale: readonly ScaleStep[]): GradeCounts => Object.fromEntries(scale.map((s) => [s.grade, 0]));

interface Acc {
  ballots: number;
  counts: GradeCounts;
  /** Σ of the ballots' points, each a fraction (a mean over criteria) */
  points: Frac;
}

export function tally(input: TallyInput): TallyResult {
  const pointsOf = new Map(input.scale.map((s) => [s.grade, s.points]));
  const criteriaCount = BigInt(Math.max(1, input.criteria.length));
  const topTwo = input.scale.slice(0, 2).map((s) => s.grade);
  const newAcc = (): Acc => ({ ballots: 0, counts: emptyCounts(input.scale), points: frac(0n, 1n) });

  const byReporter = new Map<string, { all: Acc; groups: Map<string, Acc>; venues: Map<string, Acc> }>();
  for (const r of input.reporters) {
    byReporter.set(r.id, {
      all: newAcc(),
      groups: new Map(input.raterGroups.map((g) => [g.id, newAcc()])),
      venues: new Map(input.venues.map((v) => [v.id, newAcc()])),
    });
  }

  for (const ballot of input.ballots) {
    const sums = new Map<string, { sum: bigint; grade: string | null }>();
    for (const g of ballot.grades) {
      const points = pointsOf.get(g.grade);
      if (points === undefined) throw new Error(`grade ${g.grade} is not on the scale`);
      const s = sums.get(g.reporterId) ?? { sum: 0n, grade: null };
      s.sum += BigInt(points);
      if (input.criteria.length === 0) s.grade = g.grade;
      sums.set(g.reporterId, s);
    }
    for (const [reporterId, { sum, grade }] of sums) {
      const acc = byReporter.get(reporterId);
      if (!acc) continue;
      const points = frac(sum, criteriaCount);
      const counted = grade ?? gradeForScore(input.scale, input.thresholds, points);
      for (const a of [acc.all, acc.groups.get(ballot.raterGroupId), acc.venues.get(ballot.venueId)]) {
        if (!a) continue;
        a.ballots += 1;
        a.counts[counted] = (a.counts[counted] ?? 0) + 1;
        a.points = add(a.points, points);
      }
    }
  }

  const mean = (a: Acc): Frac | null => (a.ballots === 0 ? null : mul(a.points, frac(1n, BigInt(a.ballots))));
  const part = (a: Acc): PartResult => {
    if (a.ballots < MIN_SHOWN) return { ballots: a.ballots };
    const m = mean(a);
    return { ballots: a.ballots, counts: a.counts, meanPoints: m ? round(m) : null };
  };

  const reporters = input.reporters.map((r): ReporterResult => {
    const acc = byReporter.get(r.id)!;
    const cast = input.raterGroups.filter((g) => (acc.groups.get(g.id)?.ballots ?? 0) > 0);
    const weightCast = cast.reduce((s, g) => s + BigInt(g.weight), 0n);
    let score: Frac | null = null;
    if (acc.all.ballots > 0 && weightCast > 0n) {
      score = frac(0n, 1n);
      for (const g of cast) score = add(score, mul(mean(acc.groups.get(g.id)!)!, frac(BigInt(g.weight), weightCast)));
    }
    const shown = score ? round(score) : null;
    const top = topTwo.reduce((s, grade) => s + (acc.all.counts[grade] ?? 0), 0);
    return {
      reporterId: r.id,
      ballots: acc.all.ballots,
      counts: acc.all.counts,
      share: acc.all.ballots > 0 ? roundHalfUp2(BigInt(top) * 100n, BigInt(acc.all.ballots)) : null,
      score: shown,
      grade: shown === null ? null : gradeForScore(input.scale, input.thresholds, shown),
      byGroup: input.raterGroups.map((g) => ({ raterGroupId: g.id, ...part(acc.groups.get(g.id)!) })),
      byVenue: input.venues.map((v) => ({ venueId: v.id, ...part(acc.venues.get(v.id)!) })),
    };
  });
  return { ballots: input.ballots.length, reporters };
}

/**
 * Where two sets of results disagree, as readable paths ("reporters[3].score: 83.34 ≠ 83.33"); empty when they
 * agree. Used by `assessment verify` to compare a recount with what was stored and shown.
 */
export function diffResults(expected: unknown, actual: unknown, path = ''): string[] {
  if (Object.is(expected, actual)) return [];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [`${path || '(root)'}: ${expected.length} items ≠ ${actual.length}`];
    return expected.flatMap((e, i) => diffResults(e, actual[i], `${path}[${i}]`));
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((k) =>
      diffResults((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k),
    );
  }
  return [`${path || '(root)'}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`];
}
