import {
  SCORECARD_FORMULA,
  SEVERITY_WEIGHTS,
  computeScorecard,
  gradeForScore,
} from './scorecard';
import { Category, Check, Severity } from './types';

function checks(
  category: Category,
  severity: Severity,
  passed: number,
  failed: number,
): Check[] {
  const make = (ok: boolean): Check => ({
    ruleId: 'X-001',
    category,
    severity,
    passed: ok,
  });
  return [
    ...Array.from({ length: passed }, () => make(true)),
    ...Array.from({ length: failed }, () => make(false)),
  ];
}

describe('SEVERITY_WEIGHTS', () => {
  it('weights critical 10, high 5, medium 2, low 1', () => {
    expect(SEVERITY_WEIGHTS).toEqual({
      critical: 10,
      high: 5,
      medium: 2,
      low: 1,
    });
  });

  it('is what the formula text says', () => {
    expect(SCORECARD_FORMULA).toContain('critical 10, high 5, medium 2, low 1');
    expect(SCORECARD_FORMULA).toContain(
      'A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, E ≥ 40, F below 40',
    );
  });
});

describe('gradeForScore', () => {
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [79, 'C'],
    [70, 'C'],
    [69, 'D'],
    [60, 'D'],
    [59, 'E'],
    [40, 'E'],
    [39, 'F'],
    [0, 'F'],
  ])('%i is %s', (score, grade) => {
    expect(gradeForScore(score)).toBe(grade);
  });
});

describe('computeScorecard', () => {
  it('is not applicable (null grade and score, no categories) without checks', () => {
    expect(computeScorecard([])).toEqual({
      grade: null,
      score: null,
      categories: {},
    });
  });

  it('scores 100 / A when every check passes', () => {
    expect(computeScorecard(checks('dlq', 'high', 3, 0))).toEqual({
      grade: 'A',
      score: 100,
      categories: { dlq: { score: 100, passed: 3, failed: 0 } },
    });
  });

  it('scores 0 / F when every check fails', () => {
    expect(computeScorecard(checks('iam', 'low', 0, 2))).toEqual({
      grade: 'F',
      score: 0,
      categories: { iam: { score: 0, passed: 0, failed: 2 } },
    });
  });

  it('weights checks by severity', () => {
    // One critical pass (10) against one low failure (1): 10/11 = 90.9 -> 90, an A.
    const card = computeScorecard([
      ...checks('iam', 'critical', 1, 0),
      ...checks('iam', 'low', 0, 1),
    ]);
    expect(card.score).toBe(90);
    expect(card.grade).toBe('A');
    expect(card.categories.iam).toEqual({ score: 90, passed: 1, failed: 1 });

    // The other way round: 1/11 = 9.09 -> 9, an F.
    const reversed = computeScorecard([
      ...checks('iam', 'critical', 0, 1),
      ...checks('iam', 'low', 1, 0),
    ]);
    expect(reversed.score).toBe(9);
    expect(reversed.grade).toBe('F');
  });

  it('uses every weight: high 5 and medium 2', () => {
    // passed high (5) + failed medium (2): 5/7 = 71.4 -> 71, a C.
    const card = computeScorecard([
      ...checks('dlq', 'high', 1, 0),
      ...checks('dlq', 'medium', 0, 1),
    ]);
    expect(card.score).toBe(71);
    expect(card.grade).toBe('C');
  });

  it('floors the share rather than rounding it', () => {
    // 2 of 3 equal checks: 66.67 -> 66 (not 67).
    expect(computeScorecard(checks('logging', 'medium', 2, 1)).score).toBe(66);
    // 199 of 200: 99.5 -> 99, never 100 while something fails.
    expect(computeScorecard(checks('logging', 'low', 199, 1)).score).toBe(99);
    // 8 of 9: 88.9 -> 88, a B and not an A.
    const card = computeScorecard(checks('logging', 'low', 8, 1));
    expect(card.score).toBe(88);
    expect(card.grade).toBe('B');
  });

  it('scores each category alone and the overall over all checks', () => {
    const card = computeScorecard([
      ...checks('dlq', 'high', 1, 1), // 5 of 10
      ...checks('encryption', 'medium', 3, 0), // 6 of 6
      ...checks('parsing', 'high', 2, 0), // 10 of 10
    ]);
    expect(card.categories).toEqual({
      dlq: { score: 50, passed: 1, failed: 1 },
      encryption: { score: 100, passed: 3, failed: 0 },
      parsing: { score: 100, passed: 2, failed: 0 },
    });
    // 21 of 26 = 80.77 -> 80, a B.
    expect(card.score).toBe(80);
    expect(card.grade).toBe('B');
    // A category nothing applies to is absent ("not applicable").
    expect(card.categories.alarms).toBeUndefined();
    expect(card.categories.iam).toBeUndefined();
  });

  it('counts a suppressed finding as a passed check', () => {
    // The engine turns a suppressed finding into a passed check; the
    // scorecard then scores it like any pass.
    const withSuppressed = computeScorecard([
      { ruleId: 'DLQ-001', category: 'dlq', severity: 'high', passed: true },
      { ruleId: 'DLQ-002', category: 'dlq', severity: 'high', passed: true },
    ]);
    expect(withSuppressed).toEqual({
      grade: 'A',
      score: 100,
      categories: { dlq: { score: 100, passed: 2, failed: 0 } },
    });
  });

  it('lands on each grade boundary exactly', () => {
    // n passes out of 10 low checks gives a score of 10n.
    const at = (passed: number) =>
      computeScorecard(checks('operations', 'low', passed, 10 - passed));
    expect([9, 8, 7, 6, 4, 3].map(n => [at(n).score, at(n).grade])).toEqual([
      [90, 'A'],
      [80, 'B'],
      [70, 'C'],
      [60, 'D'],
      [40, 'E'],
      [30, 'F'],
    ]);
  });

  it('accepts any iterable of checks', () => {
    function* generate(): Generator<Check> {
      yield { ruleId: 'A', category: 'alarms', severity: 'high', passed: true };
      yield {
        ruleId: 'A',
        category: 'alarms',
        severity: 'high',
        passed: false,
      };
    }
    expect(computeScorecard(generate()).score).toBe(50);
  });
});
