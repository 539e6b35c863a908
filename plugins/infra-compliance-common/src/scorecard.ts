import {
  Category,
  CategoryScore,
  Check,
  Grade,
  Scorecard,
  Severity,
} from './types';

/**
 * The scorecard formula, in words, for the UI and the docs.
 * Keep it in step with {@link computeScorecard}.
 */
export const SCORECARD_FORMULA = [
  'Every resource a rule applies to is one check; it fails when the rule reports an unsuppressed finding on it.',
  'Parsing checks each IaC file (PARSE-001) and each resource, output or construct that in-code suppressions are written on, once however many it holds (SUP-001).',
  'A category score is the severity-weighted share of passing checks: critical 10, high 5, medium 2, low 1.',
  'The overall score is the same share over all checks of all categories.',
  'Grades: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 40, F below 40; a category with no checks is "not applicable".',
].join(' ');

export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 2,
  low: 1,
};

const GRADE_FLOORS: readonly [Grade, number][] = [
  ['A', 90],
  ['B', 80],
  ['C', 70],
  ['D', 60],
  ['E', 40],
  ['F', 0],
];

/** The letter grade of a 0–100 score. */
export function gradeForScore(score: number): Grade {
  return GRADE_FLOORS.find(([, floor]) => score >= floor)![0];
}

/** Weighted share of passed checks as a whole number 0–100 (floored, so 99.6 is not an A+ 100). */
function weightedScore(passedWeight: number, totalWeight: number): number {
  return Math.floor((100 * passedWeight) / totalWeight);
}

/** Computes a scorecard from the checks of a scan. */
export function computeScorecard(checks: Iterable<Check>): Scorecard {
  const perCategory = new Map<
    Category,
    {
      passed: number;
      failed: number;
      passedWeight: number;
      totalWeight: number;
    }
  >();
  let passedWeight = 0;
  let totalWeight = 0;
  for (const check of checks) {
    const weight = SEVERITY_WEIGHTS[check.severity];
    let entry = perCategory.get(check.category);
    if (!entry) {
      entry = { passed: 0, failed: 0, passedWeight: 0, totalWeight: 0 };
      perCategory.set(check.category, entry);
    }
    entry.totalWeight += weight;
    totalWeight += weight;
    if (check.passed) {
      entry.passed += 1;
      entry.passedWeight += weight;
      passedWeight += weight;
    } else {
      entry.failed += 1;
    }
  }
  const categories: Partial<Record<Category, CategoryScore>> = {};
  for (const [category, entry] of perCategory) {
    categories[category] = {
      score: weightedScore(entry.passedWeight, entry.totalWeight),
      passed: entry.passed,
      failed: entry.failed,
    };
  }
  if (totalWeight === 0) {
    return { grade: null, score: null, categories };
  }
  const score = weightedScore(passedWeight, totalWeight);
  return { grade: gradeForScore(score), score, categories };
}
