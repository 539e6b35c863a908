/**
 * JUnit XML (`--format junit`), the test report CI systems show: Jenkins'
 * `junit` step, GitLab's `artifacts:reports:junit`, Azure DevOps, CircleCI,
 * GitHub's test-report actions. Each rule is a test suite, as in Checkov's
 * and KICS's reports, and each of its verdicts a test case: a finding is
 * one that fails (`<failure>`), a suppressed finding one skipped
 * (`<skipped>`), a check passed one that passes, so that the CI's pass
 * rates are the scorecard's. After the rules, what was not judged (files
 * skipped, a file the scanner failed on being an `<error>`, and what
 * programs make that is not modelled, skipped) and the suppressions that
 * suppressed nothing, which fail.
 *
 * A test case's `classname` is its rule's category and id (`dlq.DLQ-001`):
 * GitLab shows it as the suite, Jenkins as a package and a class. Its
 * `name`, unique in its class (GitLab keeps one test case of a name), is
 * its file and what it is about, not the line, so that a CI comparing two
 * runs (a merge request with its target branch, Jenkins' history) follows
 * it through edits. `file` is the path from the repository's root, which
 * GitLab links; `line` is there where there is one. No time is measured:
 * `time` is 0, and the same tree gives the same bytes.
 */
import {
  Category,
  Finding,
  IAC_FORMAT_TITLES,
  RULE_CATALOG,
  ScanReport,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { ScanCheck, fingerprint } from '../engine/evaluateGraph';
import { compareText } from '../support/compareText';
import { xmlAttribute, xmlText } from '../support/xml';
import { notModelledText, programsNotModelled } from './notModelled';
import { RepositoryPathOptions, repositoryPaths } from './pathFromRoot';

/** GitLab links a test case's `file` from the repository's root, so the paths are written from there. */
export type JUnitOptions = RepositoryPathOptions;

interface TestOutcome {
  element: 'failure' | 'error' | 'skipped';
  message: string;
  type?: string;
  text: string;
}

interface TestCase {
  name: string;
  file?: string;
  line?: number;
  /** None for a test case that passes. */
  outcome?: TestOutcome;
}

interface TestSuite {
  name: string;
  classname: string;
  cases: TestCase[];
}

const SKIPPED_FILES = {
  name: 'Not judged: files skipped',
  classname: 'not-judged.skipped-files',
};
const NOT_MODELLED = {
  name: 'Not judged: not modelled',
  classname: 'not-judged.not-modelled',
};
const UNUSED_SUPPRESSIONS = {
  name: 'Unused suppressions',
  classname: 'suppressions.unused',
};

/** The JUnit XML report of a scan; ends with a newline. Without `checks` (a JSON report read back), no test case passes. */
export function toJUnit(
  result: ScanReport & { checks?: readonly ScanCheck[] },
  options: JUnitOptions = {},
): string {
  const pathOf = repositoryPaths(options);
  const ruleSuites = new Map<string, TestSuite>();
  const ruleSuite = (ruleId: string, category: Category) => {
    let suite = ruleSuites.get(ruleId);
    if (!suite) {
      const rule = getRuleMetadata(ruleId);
      suite = {
        name: rule ? `${ruleId}: ${rule.title}` : ruleId,
        classname: `${rule?.category ?? category}.${ruleId}`,
        cases: [],
      };
      ruleSuites.set(ruleId, suite);
    }
    return suite;
  };

  const passedBySuppression = checksPassedBySuppression(result);
  for (const check of result.checks ?? []) {
    if (!check.passed || passedBySuppression.has(check)) continue;
    const file = check.file === undefined ? undefined : pathOf(check.file);
    ruleSuite(check.ruleId, check.category).cases.push({
      name: caseName(file, check.label ?? check.subject),
      ...(file === undefined ? {} : { file }),
    });
  }
  for (const finding of result.findings) {
    const file = pathOf(finding.file);
    const line = Math.max(1, Math.floor(finding.line) || 1);
    const details = findingDetails(finding, `${file}:${line}`);
    ruleSuite(finding.ruleId, finding.category).cases.push({
      name: caseName(file, findingSubject(finding)),
      file,
      line,
      outcome: finding.suppressed
        ? {
            element: 'skipped',
            message: `suppressed: ${finding.suppressed.reason}`,
            text: `Suppressed: ${finding.suppressed.reason}\n${details}`,
          }
        : {
            element: 'failure',
            message: finding.message,
            type: finding.severity,
            text: details,
          },
    });
  }

  const skippedFiles: TestSuite = { ...SKIPPED_FILES, cases: [] };
  for (const skipped of result.skipped) {
    const file = pathOf(skipped.path, 'skipped');
    skippedFiles.cases.push({
      name: file,
      file,
      // The engine failed on it: JUnit's error, a test that could not run.
      outcome: skipped.internalError
        ? {
            element: 'error',
            message: skipped.reason,
            type: 'internal-error',
            text: skipped.reason,
          }
        : { element: 'skipped', message: skipped.reason, text: skipped.reason },
    });
  }
  const notModelled: TestSuite = { ...NOT_MODELLED, cases: [] };
  for (const program of programsNotModelled(result)) {
    const file = pathOf(program.main);
    const what = notModelledText(program.format, program.notModelled);
    notModelled.cases.push({
      name: file,
      file,
      outcome: {
        element: 'skipped',
        message: `not modelled, not judged: ${what}`,
        text: `${file} (${
          IAC_FORMAT_TITLES[program.format]
        }) makes what the scanner does not model, which is not judged: ${what}`,
      },
    });
  }
  const unusedSuppressions: TestSuite = { ...UNUSED_SUPPRESSIONS, cases: [] };
  for (const unused of result.unusedSuppressions ?? []) {
    const file = pathOf(unused.file);
    const message = `Unused suppression of ${unused.ruleId} on ${unused.resourceId}: the rule judged it and found nothing to suppress; remove it.`;
    unusedSuppressions.cases.push({
      name: `${file}: ${unused.ruleId} on ${unused.resourceId}`,
      file,
      line: unused.line,
      outcome: {
        element: 'failure',
        message,
        type: 'unused-suppression',
        text: [
          message,
          `Location: ${file}:${unused.line}`,
          ...(unused.baselineState ? [baselineLine(unused.baselineState)] : []),
        ].join('\n'),
      },
    });
  }

  const suites = [
    ...[...ruleSuites.entries()]
      .sort(
        ([a], [b]) => catalogIndex(a) - catalogIndex(b) || compareText(a, b),
      )
      .map(([, suite]) => suite),
    skippedFiles,
    notModelled,
    unusedSuppressions,
  ].filter(suite => suite.cases.length > 0);
  for (const suite of suites) nameApart(suite.cases);
  return render(suites);
}

/** The checks that passed only because each failure their rule found on their subject is suppressed (its findings are skipped). */
function checksPassedBySuppression(
  result: ScanReport & { checks?: readonly ScanCheck[] },
): Set<ScanCheck> {
  const suppressed = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    if (!finding.suppressed) continue;
    const key = `${finding.ruleId}\u0000${finding.file}`;
    suppressed.set(key, [...(suppressed.get(key) ?? []), finding]);
  }
  const passed = new Set<ScanCheck>();
  if (suppressed.size === 0) return passed;
  for (const check of result.checks ?? []) {
    if (!check.passed || check.file === undefined) continue;
    const { ruleId, file, subject } = check;
    const findings = suppressed.get(`${ruleId}\u0000${file}`);
    if (findings?.some(finding => isAbout(finding, ruleId, file, subject)))
      passed.add(check);
  }
  return passed;
}

/**
 * Whether a finding is about a check's subject: the finding's fingerprint
 * is that of its rule, file and property on the subject (the subject is
 * the id a finding is fingerprinted by). A Terraform instance
 * (`aws_sqs_queue.jobs["orders"]`) that alone fails is checked as its
 * declaration (`aws_sqs_queue.jobs`), the subject of all its instances.
 */
function isAbout(
  finding: Finding,
  ruleId: string,
  file: string,
  subject: string,
): boolean {
  return (
    finding.fingerprint ===
      fingerprint(ruleId, file, subject, finding.property) ||
    withoutInstanceKeys(finding.generatedResourceId ?? finding.resourceId) ===
      subject
  );
}

/** A Terraform address without its instances' keys: `module.jobs[0].aws_sqs_queue.this["a"]` → `module.jobs.aws_sqs_queue.this`. */
function withoutInstanceKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]/g, '');
}

/** What a finding is about: its resource, the generated one, and the property (`Fn (FnRole) Policies[0]`). */
function findingSubject(finding: Finding): string {
  return [
    finding.resourceId,
    finding.generatedResourceId && `(${finding.generatedResourceId})`,
    finding.property,
  ]
    .filter(Boolean)
    .join(' ');
}

/** `file: subject`; the file alone for a test case about the whole file (PARSE-001). */
function caseName(file: string | undefined, subject: string): string {
  if (file === undefined) return subject;
  return subject ? `${file}: ${subject}` : file;
}

/** The body of a finding's `<failure>` or `<skipped>`: what a CI shows of it. */
function findingDetails(finding: Finding, location: string): string {
  const rule = getRuleMetadata(finding.ruleId);
  return [
    finding.message,
    `Rule: ${finding.ruleId}${rule ? ` ${rule.title}` : ''} (${
      finding.severity
    })`,
    `Location: ${location}`,
    ...(finding.resourceId
      ? [
          `Resource: ${finding.resourceId}${
            finding.resourceType ? ` (${finding.resourceType})` : ''
          }`,
        ]
      : []),
    ...(finding.generatedResourceId
      ? [`Generated resource: ${finding.generatedResourceId}`]
      : []),
    ...(finding.property ? [`Property: ${finding.property}`] : []),
    ...(finding.confidence === 'partial'
      ? [
          'Confidence: partial (it rests on what the scan cannot know for sure: an input a deployment may override, a loop, a condition or code not known statically)',
        ]
      : []),
    ...(finding.baselineState ? [baselineLine(finding.baselineState)] : []),
    `Remediation: ${finding.remediation}`,
  ].join('\n');
}

/** A suite's test cases in order (file, name, line), a name that repeats made unique: `… (2)`. */
function nameApart(cases: TestCase[]): void {
  cases.sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      compareText(a.name, b.name) ||
      (a.line ?? 0) - (b.line ?? 0),
  );
  const taken = new Set(cases.map(testCase => testCase.name));
  const seen = new Set<string>();
  for (const testCase of cases) {
    if (!seen.has(testCase.name)) {
      seen.add(testCase.name);
      continue;
    }
    let rank = 2;
    while (taken.has(`${testCase.name} (${rank})`)) rank++;
    testCase.name = `${testCase.name} (${rank})`;
    taken.add(testCase.name);
  }
}

function catalogIndex(ruleId: string): number {
  const index = RULE_CATALOG.findIndex(rule => rule.id === ruleId);
  return index < 0 ? RULE_CATALOG.length : index;
}

function render(suites: readonly TestSuite[]): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const totals = (cases: readonly TestCase[]) => ({
    tests: cases.length,
    failures: cases.filter(c => c.outcome?.element === 'failure').length,
    errors: cases.filter(c => c.outcome?.element === 'error').length,
    skipped: cases.filter(c => c.outcome?.element === 'skipped').length,
    time: 0,
  });
  const all = suites.flatMap(suite => suite.cases);
  const root = attributes({ name: 'infra-compliance', ...totals(all) });
  if (suites.length === 0) return `${lines[0]}\n<testsuites ${root}/>\n`;
  lines.push(`<testsuites ${root}>`);
  for (const suite of suites) {
    lines.push(
      `  <testsuite ${attributes({
        name: suite.name,
        ...totals(suite.cases),
      })}>`,
    );
    for (const testCase of suite.cases) {
      const { outcome } = testCase;
      const caseAttributes = attributes({
        classname: suite.classname,
        name: testCase.name,
        file: testCase.file,
        line: testCase.line,
      });
      if (!outcome) {
        lines.push(`    <testcase ${caseAttributes}/>`);
        continue;
      }
      lines.push(
        `    <testcase ${caseAttributes}>`,
        `      <${outcome.element} ${attributes({
          message: outcome.message,
          type: outcome.type,
        })}>${xmlText(outcome.text)}</${outcome.element}>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** `name="value"` pairs, in the order given; those without a value left out. */
function attributes(
  values: Record<string, string | number | undefined>,
): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}="${xmlAttribute(String(value))}"`)
    .join(' ');
}

/** A test case's line saying whether what it reports is new since `--baseline`. */
function baselineLine(state: 'new' | 'unchanged'): string {
  return `Baseline: ${
    state === 'new' ? 'new since the baseline' : 'already in the baseline'
  }`;
}
