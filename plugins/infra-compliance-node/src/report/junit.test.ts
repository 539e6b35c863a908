import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { scanFiles, selectRules } from '../engine/scan';
import { toJUnit } from './junit';
import {
  finding,
  notJudged,
  reportWith,
  sampleReport,
} from './__testUtils__/report';

const TEMPLATE = `Resources:
  OrderLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30
  AuditLogs:
    Type: AWS::Logs::LogGroup
  LegacyLogs:
    Type: AWS::Logs::LogGroup
    Metadata:
      infra-compliance:
        suppress:
          - id: LOG-002
            reason: kept forever by legal hold
`;

const BROKEN = `Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: [unclosed
`;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  // Reads the character references the report writes (`&#10;`).
  htmlEntities: true,
  isArray: name => name === 'testsuite' || name === 'testcase',
});

interface ParsedCase {
  classname: string;
  name: string;
  file?: string;
  line?: string;
  failure?: { message: string; type: string; '#text': string };
  error?: { message: string; type: string; '#text': string };
  skipped?: { message: string; '#text': string };
}

interface ParsedSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  time: string;
  testcase?: ParsedCase[];
}

/** The report read by a real XML parser, after checking that it is well-formed. */
function parse(xml: string): {
  testsuites: Omit<ParsedSuite, 'testcase'> & { testsuite?: ParsedSuite[] };
} {
  expect(XMLValidator.validate(xml)).toBe(true);
  // The characters XML 1.0 forbids, which the validator lets through.
  expect(xml).not.toMatch(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/u,
  );
  return parser.parse(xml);
}

/** The counts of the test cases of `cases`, as the totals name them. */
function countsOf(cases: readonly ParsedCase[]) {
  return {
    tests: String(cases.length),
    failures: String(cases.filter(c => c.failure).length),
    errors: String(cases.filter(c => c.error).length),
    skipped: String(cases.filter(c => c.skipped).length),
    time: '0',
  };
}

/** Checks the totals of every suite and of the whole report against the test cases they hold. */
function expectTotalsOfTestCases(xml: string) {
  const { testsuites } = parse(xml);
  const suites = testsuites.testsuite ?? [];
  for (const suite of suites) {
    expect(suite).toMatchObject(countsOf(suite.testcase ?? []));
  }
  expect(testsuites).toMatchObject(
    countsOf(suites.flatMap(suite => suite.testcase ?? [])),
  );
}

describe('toJUnit', () => {
  it('writes a suite per rule: a test case failing per finding, one skipped per suppressed finding, one passing per check passed', () => {
    const scan = scanFiles(
      [
        { path: 'template.yaml', text: TEMPLATE },
        { path: 'broken.yaml', text: BROKEN },
      ],
      selectRules(['LOG-002']),
    );
    const xml = toJUnit(scan);
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="infra-compliance" tests="6" failures="2" errors="0" skipped="1" time="0">
  <testsuite name="LOG-002: Log group keeps logs forever" tests="3" failures="1" errors="0" skipped="1" time="0">
    <testcase classname="logging.LOG-002" name="template.yaml: AuditLogs" file="template.yaml" line="6">
      <failure message="Log group AuditLogs has no RetentionInDays, so its logs are kept forever." type="medium">Log group AuditLogs has no RetentionInDays, so its logs are kept forever.
Rule: LOG-002 Log group keeps logs forever (medium)
Location: template.yaml:6
Resource: AuditLogs (AWS::Logs::LogGroup)
Remediation: Set RetentionInDays (TF retention_in_days) to the period the team needs, for example 30 days.</failure>
    </testcase>
    <testcase classname="logging.LOG-002" name="template.yaml: LegacyLogs" file="template.yaml" line="8">
      <skipped message="suppressed: kept forever by legal hold">Suppressed: kept forever by legal hold
Log group LegacyLogs has no RetentionInDays, so its logs are kept forever.
Rule: LOG-002 Log group keeps logs forever (medium)
Location: template.yaml:8
Resource: LegacyLogs (AWS::Logs::LogGroup)
Remediation: Set RetentionInDays (TF retention_in_days) to the period the team needs, for example 30 days.</skipped>
    </testcase>
    <testcase classname="logging.LOG-002" name="template.yaml: OrderLogs" file="template.yaml"/>
  </testsuite>
  <testsuite name="PARSE-001: Infrastructure file cannot be parsed" tests="2" failures="1" errors="0" skipped="0" time="0">
    <testcase classname="parsing.PARSE-001" name="broken.yaml" file="broken.yaml" line="4">
      <failure message="CloudFormation parse error in broken.yaml: unexpected end of the stream within a flow collection" type="high">CloudFormation parse error in broken.yaml: unexpected end of the stream within a flow collection
Rule: PARSE-001 Infrastructure file cannot be parsed (high)
Location: broken.yaml:4
Remediation: Fix what the message names at the reported line (a syntax error: indentation, a tab in YAML, an unclosed bracket or quote, a malformed intrinsic function; a duplicate key: keep the one value meant and remove the others) and validate locally with cfn-lint or sam validate, terraform validate, or tsc.</failure>
    </testcase>
    <testcase classname="parsing.PARSE-001" name="template.yaml" file="template.yaml"/>
  </testsuite>
  <testsuite name="SUP-001: In-code suppression without a reason or for an unknown rule" tests="1" failures="0" errors="0" skipped="0" time="0">
    <testcase classname="parsing.SUP-001" name="template.yaml: LegacyLogs" file="template.yaml"/>
  </testsuite>
</testsuites>
`);
    expectTotalsOfTestCases(xml);
    // The same scan, the same bytes.
    expect(
      toJUnit(
        scanFiles(
          [
            { path: 'template.yaml', text: TEMPLATE },
            { path: 'broken.yaml', text: BROKEN },
          ],
          selectRules(['LOG-002']),
        ),
      ),
    ).toBe(xml);
  });

  it('writes what was not judged, a file the scanner failed on as an error, and unused suppressions as failures', () => {
    const xml = toJUnit(
      reportWith({
        ...notJudged(),
        unusedSuppressions: [
          {
            file: 'template.yaml',
            line: 104,
            resourceId: 'DeadLetters',
            ruleId: 'ENC-003',
          },
        ],
      }),
    );
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="infra-compliance" tests="4" failures="1" errors="1" skipped="2" time="0">
  <testsuite name="Not judged: files skipped" tests="2" failures="0" errors="1" skipped="1" time="0">
    <testcase classname="not-judged.skipped-files" name="big.json" file="big.json">
      <skipped message="larger than 20971520 bytes">larger than 20971520 bytes</skipped>
    </testcase>
    <testcase classname="not-judged.skipped-files" name="stack.yaml" file="stack.yaml">
      <error message="not scanned: the scanner failed on it (internal error: boom); please report it" type="internal-error">not scanned: the scanner failed on it (internal error: boom); please report it</error>
    </testcase>
  </testsuite>
  <testsuite name="Not judged: not modelled" tests="1" failures="0" errors="0" skipped="1" time="0">
    <testcase classname="not-judged.not-modelled" name="network/bin/app.ts" file="network/bin/app.ts">
      <skipped message="not modelled, not judged: aws-ec2.Vpc, aws-efs.FileSystem (2 constructs)">network/bin/app.ts (CDK) makes what the scanner does not model, which is not judged: aws-ec2.Vpc, aws-efs.FileSystem (2 constructs)</skipped>
    </testcase>
  </testsuite>
  <testsuite name="Unused suppressions" tests="1" failures="1" errors="0" skipped="0" time="0">
    <testcase classname="suppressions.unused" name="template.yaml: ENC-003 on DeadLetters" file="template.yaml" line="104">
      <failure message="Unused suppression of ENC-003 on DeadLetters: the rule judged it and found nothing to suppress; remove it." type="unused-suppression">Unused suppression of ENC-003 on DeadLetters: the rule judged it and found nothing to suppress; remove it.
Location: template.yaml:104</failure>
    </testcase>
  </testsuite>
</testsuites>
`);
    expectTotalsOfTestCases(xml);
  });

  it('writes an empty report for a scan of nothing', () => {
    const xml = toJUnit(reportWith());
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="infra-compliance" tests="0" failures="0" errors="0" skipped="0" time="0"/>
`);
    expect(parse(xml).testsuites).toEqual({
      name: 'infra-compliance',
      tests: '0',
      failures: '0',
      errors: '0',
      skipped: '0',
      time: '0',
    });
  });

  it('escapes markup in attributes and text, and shows the characters XML forbids as escapes', () => {
    const message =
      'Queue <"Jobs"> & \'Q\' ]]> \u0001\u001b[31m red\ud800 \uffff\r\nnext\tline';
    const xml = toJUnit(
      reportWith({
        findings: [
          finding('DLQ-001', {
            file: 'a&b <c>.yaml',
            resourceId: 'Q"1\u0000',
            message,
            suppressed: { kind: 'inline', reason: 'the "legacy" <queue> & co' },
          }),
        ],
      }),
    );
    expect(xml).toContain(
      `<testcase classname="dlq.DLQ-001" name="a&amp;b &lt;c&gt;.yaml: Q&quot;1\\u0000" file="a&amp;b &lt;c&gt;.yaml" line="10">
      <skipped message="suppressed: the &quot;legacy&quot; &lt;queue&gt; &amp; co">Suppressed: the "legacy" &lt;queue&gt; &amp; co
Queue &lt;"Jobs"&gt; &amp; 'Q' ]]&gt; \\u0001\\u001b[31m red\\ud800 \\uffff&#13;
next\tline
Rule: DLQ-001`,
    );
    const [suite] = parse(xml).testsuites.testsuite!;
    const [testCase] = suite.testcase!;
    const shown =
      'Queue <"Jobs"> & \'Q\' ]]> \\u0001\\u001b[31m red\\ud800 \\uffff\r\nnext\tline';
    expect(testCase.name).toBe('a&b <c>.yaml: Q"1\\u0000');
    expect(testCase.skipped!['#text']).toContain(`\n${shown}\n`);

    const failing = toJUnit(
      reportWith({ findings: [finding('DLQ-001', { message })] }),
    );
    expect(
      parse(failing).testsuites.testsuite![0].testcase![0].failure,
    ).toEqual(expect.objectContaining({ message: shown, type: 'high' }));
    expect(failing).toContain(
      'message="Queue &lt;&quot;Jobs&quot;&gt; &amp; &apos;Q&apos; ]]&gt; \\u0001\\u001b[31m red\\ud800 \\uffff&#13;&#10;next&#9;line"',
    );
  });

  it('shows DEL, C1 controls and bidirectional overrides as escapes, as the table does', () => {
    const xml = toJUnit(
      reportWith({
        findings: [
          finding('DLQ-001', {
            resourceId: 'Queue\u202eeulav\u202c\u0085\u007f',
            message: 'Queue \u2066x\u2069 \u009b31m',
          }),
        ],
      }),
    );
    const [testCase] = parse(xml).testsuites.testsuite![0].testcase!;
    expect(testCase.name).toBe(
      'template.yaml: Queue\\u202eeulav\\u202c\\u0085\\u007f',
    );
    expect(testCase.failure!.message).toBe('Queue \\u2066x\\u2069 \\u009b31m');
  });

  it('keeps a character of another plane, whose surrogates are paired', () => {
    const xml = toJUnit(
      reportWith({ findings: [finding('DLQ-001', { resourceId: 'Queue🚀' })] }),
    );
    expect(parse(xml).testsuites.testsuite![0].testcase![0].name).toBe(
      'template.yaml: Queue🚀',
    );
  });

  it('names files from the root of the repository, as GitLab links them', () => {
    const xml = toJUnit(
      reportWith({
        findings: [finding('DLQ-001', { file: 'api/template.yaml', line: 0 })],
        skipped: [{ path: 'big.json', reason: 'larger than 20971520 bytes' }],
      }),
      { srcRoot: '/repo/infra/orders', repositoryRoot: '/repo' },
    );
    const cases = parse(xml).testsuites.testsuite!.flatMap(
      suite => suite.testcase!,
    );
    expect(cases.map(({ name, file, line }) => ({ name, file, line }))).toEqual(
      [
        {
          name: 'infra/orders/api/template.yaml: OrderProcessor',
          file: 'infra/orders/api/template.yaml',
          line: '1',
        },
        {
          name: 'infra/orders/big.json',
          file: 'infra/orders/big.json',
          line: undefined,
        },
      ],
    );
    expect(cases[0].failure!['#text']).toContain(
      '\nLocation: infra/orders/api/template.yaml:1\n',
    );
  });

  it('gives each test case of a class its own name, in order of file, name and line', () => {
    const xml = toJUnit(
      reportWith({
        findings: [
          finding('IAM-003', { line: 30, property: 'Policies[0]' }),
          finding('IAM-003', { line: 20, property: 'Policies[0]' }),
          finding('IAM-003', {
            line: 5,
            property: 'Policies[0] (2)',
          }),
          finding('IAM-003', {
            line: 40,
            resourceId: 'Api',
            generatedResourceId: 'ApiRole',
          }),
        ],
      }),
    );
    const [suite] = parse(xml).testsuites.testsuite!;
    expect(suite.testcase!.map(({ name, line }) => `${name} @${line}`)).toEqual(
      [
        'template.yaml: Api (ApiRole) @40',
        'template.yaml: OrderProcessor Policies[0] @20',
        'template.yaml: OrderProcessor Policies[0] (3) @30',
        'template.yaml: OrderProcessor Policies[0] (2) @5',
      ],
    );
  });

  it('names the test cases of suppressions by what they are written on, passing or failing, without their lines', () => {
    const names = (text: string) =>
      parse(
        toJUnit(
          scanFiles(
            [{ path: 'main.tf', text }],
            selectRules(['ENC-003', 'OPS-003']),
          ),
        ),
      )
        .testsuites.testsuite!.filter(
          suite => suite.testcase![0].classname === 'parsing.SUP-001',
        )
        .flatMap(suite =>
          suite.testcase!.map(({ name, failure }) => ({
            name,
            failed: failure !== undefined,
          })),
        );
    const queue = `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
`;
    const unexplained = `# infra-compliance:suppress=ENC-003:holds no personal data
# infra-compliance:suppress=OPS-003
${queue}`;
    // One check of what both are written on, which the suppression without a reason fails.
    expect(names(unexplained)).toEqual([
      { name: 'main.tf: aws_sqs_queue.jobs', failed: true },
    ]);
    // Once its reason is given, and lines are added above: the same test case, passing (GitLab shows it fixed).
    expect(
      names(`variable "region" {}

# infra-compliance:suppress=ENC-003:holds no personal data
# infra-compliance:suppress=OPS-003:tagged by the account's policy
${queue}`),
    ).toEqual([{ name: 'main.tf: aws_sqs_queue.jobs', failed: false }]);
  });

  it('does not pass the check of a Terraform declaration whose only failing instance is suppressed', () => {
    const scan = scanFiles(
      [
        {
          path: 'main.tf',
          text: `# infra-compliance:suppress=ENC-003:the queues hold public data
resource "aws_sqs_queue" "jobs" {
  for_each                = { orders = true, audit = false }
  name                    = "jobs-\${each.key}"
  sqs_managed_sse_enabled = each.value
}
`,
        },
      ],
      selectRules(['ENC-003']),
      { parseRule: false },
    );
    // The declaration's check passes: its one failure, on an instance, is suppressed.
    expect(scan.checks).toEqual([
      expect.objectContaining({
        ruleId: 'ENC-003',
        passed: true,
        subject: 'aws_sqs_queue.jobs',
      }),
      expect.objectContaining({ ruleId: 'SUP-001', passed: true }),
    ]);
    const [suite] = parse(toJUnit(scan)).testsuites.testsuite!;
    expect(
      suite.testcase!.map(({ name, skipped }) => [name, !!skipped]),
    ).toEqual([
      ['main.tf: aws_sqs_queue.jobs["audit"] SqsManagedSseEnabled', true],
    ]);
  });

  it('passes no test case of a report without checks (a JSON report read back)', () => {
    const { checks, durationMs, ...json } = sampleReport();
    const { testsuites } = parse(toJUnit(json));
    expect(testsuites).toMatchObject({
      tests: '6',
      failures: '4',
      errors: '0',
      skipped: '2',
    });
    expect(testsuites.testsuite!.map(suite => suite.name)).toEqual([
      'DLQ-001: Asynchronously invoked function has no dead-letter target',
      "IAM-004: Function's role cannot use a resource it is wired to",
      'LOG-002: Log group keeps logs forever',
      'OPS-003: Resource has no tags',
      'PARSE-001: Infrastructure file cannot be parsed',
      'Not judged: files skipped',
    ]);
  });
});
