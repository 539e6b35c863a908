/**
 * ESLint-style tests for rules: each rule's test file lists `valid` inputs
 * (no finding) and `invalid` ones with the exact findings expected. Inputs
 * go through the whole pipeline (adapter, graph, rule), so a rule test
 * also proves the adapter gives the rule what it needs.
 */
/* eslint-disable jest/no-export -- a test helper shared by every rule's test file, like ESLint's RuleTester */
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanFiles } from '../engine/scan';
import { Rule } from '../rules/types';

export interface RuleTestCase {
  name: string;
  /** Template text; its file name decides the adapter (default `template.yaml`). */
  code: string;
  filename?: string;
  options?: Record<string, unknown>;
  /** Scan date, for date-dependent rules. */
  now?: Date;
}

export interface ExpectedFinding {
  resourceId: string;
  line: number;
  property?: string;
  /** A substring the message must contain. */
  message?: string;
  confidence?: 'partial';
  suppressed?: true;
}

export interface InvalidRuleTestCase extends RuleTestCase {
  findings: ExpectedFinding[];
}

/** Runs one rule on one file and returns its findings. */
export function runRule(rule: Rule, testCase: RuleTestCase): Finding[] {
  const filename = testCase.filename ?? 'template.yaml';
  const result = scanFiles([{ path: filename, text: testCase.code }], [rule], {
    ruleOptions: testCase.options
      ? { [rule.meta.id]: testCase.options }
      : undefined,
    now: testCase.now,
  });
  const parseErrors = result.findings.filter(f => f.ruleId === 'PARSE-001');
  if (parseErrors.length > 0) {
    throw new Error(
      `Test input does not parse: ${parseErrors
        .map(f => `${f.line}: ${f.message}`)
        .join('; ')}`,
    );
  }
  if (result.files.length === 0)
    throw new Error(`No adapter accepted ${filename}`);
  return result.findings.filter(f => f.ruleId === rule.meta.id);
}

export function testRule(
  rule: Rule,
  cases: { valid: RuleTestCase[]; invalid: InvalidRuleTestCase[] },
): void {
  // eslint-disable-next-line jest/valid-title -- the suite is named after the rule under test
  describe(rule.meta.id, () => {
    describe('valid', () => {
      it.each(cases.valid.map(c => [c.name, c] as const))(
        '%s',
        (_name, testCase) => {
          expect(runRule(rule, testCase).map(summarize)).toEqual([]);
        },
      );
    });
    describe('invalid', () => {
      it.each(cases.invalid.map(c => [c.name, c] as const))(
        '%s',
        (_name, testCase) => {
          const actual = runRule(rule, testCase);
          expect(
            actual.map(finding => ({
              ...summarize(finding),
              message: finding.message,
            })),
          ).toEqual(
            testCase.findings.map(expected => ({
              resourceId: expected.resourceId,
              line: expected.line,
              property: expected.property,
              ...(expected.confidence
                ? { confidence: expected.confidence }
                : {}),
              ...(expected.suppressed ? { suppressed: true } : {}),
              message: messageMatcher(expected.message),
            })),
          );
        },
      );
    });
  });
}

/** Matches a finding's message: containing the expected text, or any text when none is given. */
function messageMatcher(expected: string | undefined) {
  return expected === undefined
    ? expect.any(String)
    : expect.stringContaining(expected);
}

function summarize(finding: Finding) {
  return {
    resourceId: finding.resourceId,
    line: finding.line,
    property: finding.property,
    ...(finding.confidence === 'partial' ? { confidence: 'partial' } : {}),
    ...(finding.suppressed ? { suppressed: true } : {}),
  };
}
