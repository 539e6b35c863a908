import { scanFiles, selectRules } from '../engine/scan';
import { GITHUB_COMMENT_LIMIT, toMarkdown } from './markdown';
import { finding, notJudged, reportWith } from './__testUtils__/report';

const ORDERS_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  OrderTopic:
    Type: AWS::SNS::Topic
  OrderProcessor:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Orders:
          Type: SNS
          Properties:
            Topic: !Ref OrderTopic
  OrderLogs:
    Type: AWS::Logs::LogGroup
  LegacyLogs:
    Type: AWS::Logs::LogGroup
    Metadata:
      infra-compliance:
        suppress:
          - id: LOG-002
            reason: kept forever by legal hold (ask @records-team)
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
    Metadata:
      infra-compliance:
        suppress:
          - id: LOG-002
            reason: retention set by the platform
`;

/** The scorecard of a scan of no check. */
const NOT_APPLICABLE = `| Category | Score | Checks passed | Checks failed |
| :-- | --: | --: | --: |
| Dead-letter queues | not applicable | 0 | 0 |
| Alarms | not applicable | 0 | 0 |
| Encryption | not applicable | 0 | 0 |
| IAM scoping | not applicable | 0 | 0 |
| Logging | not applicable | 0 | 0 |
| Operations | not applicable | 0 | 0 |
| Parsing | not applicable | 0 | 0 |`;

const FINDINGS_HEADER = `| Line | Severity | Rule | Resource | Finding |
| --: | :-- | :-- | :-- | :-- |`;

describe('toMarkdown', () => {
  it('writes a scan: its grade, counts, scorecard and files, the findings by file with their rule and remediation, unused suppressions, and the suppressed findings with their reasons folded', () => {
    const report = scanFiles(
      [
        { path: 'orders/template.yaml', text: ORDERS_TEMPLATE },
        {
          path: 'broken.yaml',
          text: 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: [unclosed\n',
        },
      ],
      selectRules(['DLQ-001', 'LOG-002', 'PARSE-001']),
    );
    expect(toMarkdown(report)).toBe(`## Infra Compliance: grade E, score 47/100

**3 findings**: 0 critical, 2 high, 1 medium, 0 low; 1 suppressed

| Category | Score | Checks passed | Checks failed |
| :-- | --: | --: | --: |
| Dead-letter queues | 0 | 0 | 1 |
| Alarms | not applicable | 0 | 0 |
| Encryption | not applicable | 0 | 0 |
| IAM scoping | not applicable | 0 | 0 |
| Logging | 66 | 2 | 1 |
| Operations | not applicable | 0 | 0 |
| Parsing | 58 | 3 | 1 |

Files: 2 scanned (2 CloudFormation), 0 skipped

### Findings

#### broken.yaml

${FINDINGS_HEADER}
| 4 | high | PARSE-001 |  | **Infrastructure file cannot be parsed**<br>CloudFormation parse error in broken.yaml: unexpected end of the stream within a flow collection<details><summary>Remediation</summary>Fix what the message names at the reported line (a syntax error: indentation, a tab in YAML, an unclosed bracket or quote, a malformed intrinsic function; a duplicate key: keep the one value meant and remove the others) and validate locally with cfn-lint or sam validate, terraform validate, or tsc.</details> |

#### orders/template.yaml

${FINDINGS_HEADER}
| 5 | high | DLQ-001 | OrderProcessor | **Asynchronously invoked function has no dead-letter target**<br>Function OrderProcessor is invoked asynchronously (by its SNS event Orders) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.<details><summary>Remediation</summary>Point the function's DeadLetterConfig.TargetArn (SAM DeadLetterQueue, TF dead\\_letter\\_config) at an SQS queue or SNS topic, or add an EventInvokeConfig with an OnFailure destination. Functions triggered only synchronously or by poll-based event source mappings are exempt.</details> |
| 15 | medium | LOG-002 | OrderLogs | **Log group keeps logs forever**<br>Log group OrderLogs has no RetentionInDays, so its logs are kept forever.<details><summary>Remediation</summary>Set RetentionInDays (TF retention\\_in\\_days) to the period the team needs, for example 30 days.</details> |

### Unused suppressions

1 unused suppression: its rule judged what it is written on and found nothing to suppress; remove it, so that it hides no later failure.

| File | Line | Rule | Resource |
| :-- | --: | :-- | :-- |
| orders/template.yaml | 31 | LOG-002 | AuditLogs |

<details>
<summary>1 suppressed finding</summary>

| File | Line | Rule | Resource | Reason | Finding |
| :-- | --: | :-- | :-- | :-- | :-- |
| orders/template.yaml | 17 | LOG-002 | LegacyLogs | kept forever by legal hold (ask @&#8203;records-team) | Log group LegacyLogs has no RetentionInDays, so its logs are kept forever. |

</details>
`);
  });

  it('says which findings are partial, and folds the skipped files and what programs make that is not modelled', () => {
    const report = reportWith({
      findings: [
        finding('OPS-003', {
          confidence: 'partial',
          message: 'Queue Jobs has no tags.',
          remediation: 'Tag it.',
        }),
      ],
      ...notJudged(),
    });
    expect(toMarkdown(report)).toBe(`## Infra Compliance: grade n/a

No check applies to the scanned files.

**1 finding**: 0 critical, 0 high, 0 medium, 1 low

1 \\[partial\\]: it rests on what the scan cannot know for sure: the default value of a stack input (a parameter or variable), which a deployment may override, or a loop, a condition or code not known statically.

${NOT_APPLICABLE}

Files: 0 scanned, 2 skipped

### Findings

#### template.yaml

${FINDINGS_HEADER}
| 10 | low | OPS-003 | OrderProcessor | **Resource has no tags**<br>\\[partial\\] Queue Jobs has no tags.<details><summary>Remediation</summary>Tag it.</details> |

<details>
<summary>2 files skipped</summary>

| File | Reason |
| :-- | :-- |
| big.json | larger than 20971520 bytes |
| stack.yaml | not scanned: the scanner failed on it (internal error: boom); please report it |

</details>

<details>
<summary>1 program makes what is not modelled, not judged</summary>

| Program | Format | Not modelled |
| :-- | :-- | :-- |
| network/bin/app.ts | CDK | aws-ec2.Vpc, aws-efs.FileSystem (2 constructs) |

</details>
`);
  });

  it('writes an empty scan', () => {
    expect(toMarkdown(reportWith())).toBe(`## Infra Compliance: grade n/a

No check applies to the scanned files.

**No findings.**

${NOT_APPLICABLE}

Files: 0 scanned, 0 skipped
`);
  });

  it('with a baseline, lists the new findings first and folds those already in the baseline', () => {
    const report = reportWith({
      findings: [
        finding('IAM-004', {
          file: 'a.yaml',
          line: 1,
          message: 'Old critical.',
          remediation: 'Grant it.',
          baselineState: 'unchanged',
        }),
        finding('DLQ-001', {
          file: 'a.yaml',
          line: 2,
          message: 'New high.',
          remediation: 'Add a DLQ.',
          baselineState: 'new',
        }),
        finding('LOG-002', {
          file: 'b.yaml',
          line: 3,
          message: 'Old medium.',
          remediation: 'Set a retention.',
          baselineState: 'unchanged',
        }),
      ],
    });
    expect(toMarkdown(report)).toBe(`## Infra Compliance: grade n/a

No check applies to the scanned files.

**3 findings**: 1 critical, 1 high, 1 medium, 0 low; 1 new, 2 already in the baseline

${NOT_APPLICABLE}

Files: 0 scanned, 0 skipped

### New findings

#### a.yaml

${FINDINGS_HEADER}
| 2 | high | DLQ-001 | OrderProcessor | **Asynchronously invoked function has no dead-letter target**<br>New high.<details><summary>Remediation</summary>Add a DLQ.</details> |

<details>
<summary>2 findings already in the baseline</summary>

#### a.yaml

${FINDINGS_HEADER}
| 1 | critical | IAM-004 | OrderProcessor | **Function's role cannot use a resource it is wired to**<br>Old critical.<details><summary>Remediation</summary>Grant it.</details> |

#### b.yaml

${FINDINGS_HEADER}
| 3 | medium | LOG-002 | OrderProcessor | **Log group keeps logs forever**<br>Old medium.<details><summary>Remediation</summary>Set a retention.</details> |

</details>
`);
  });

  it('escapes the text of the scanned files, so that it adds no markup and stays in its cell', () => {
    const report = reportWith({
      findings: [
        finding('DLQ-001', {
          file: 'stacks/<b>|x.yaml',
          resourceId: 'aws_lambda_function.*worker*',
          message: 'Run `rm -rf /`\n| 1 | critical | injected | row |',
          remediation: '<img src=x onerror=alert(1)>',
        }),
        finding('LOG-002', {
          file: 'ok.yaml',
          suppressed: {
            kind: 'inline',
            reason: 'see [the ticket](https://evil.example) #12, @team',
          },
        }),
      ],
      skipped: [{ path: '__init__.yaml', reason: 'not <valid>' }],
      unusedSuppressions: [
        {
          file: 'a|b.yaml',
          line: 3,
          ruleId: 'LOG-002',
          resourceId: '~~Logs~~',
        },
      ],
    });
    const lines = toMarkdown(report).split('\n');
    expect(lines).toContain('#### stacks/\\<b\\>\\|x.yaml');
    expect(lines).toContain(
      '| 10 | high | DLQ-001 | aws\\_lambda\\_function.\\*worker\\* | **Asynchronously invoked function has no dead-letter target**<br>Run \\`rm -rf /\\`\\\\u000a\\| 1 \\| critical \\| injected \\| row \\|<details><summary>Remediation</summary>\\<img src=x onerror=alert(1)\\></details> |',
    );
    expect(lines).toContain(
      '| ok.yaml | 10 | LOG-002 | OrderProcessor | see \\[the ticket\\](https\\://evil.example) \\#&#8203;12, @&#8203;team | LOG-002 failed on OrderProcessor. |',
    );
    expect(lines).toContain('| a\\|b.yaml | 3 | LOG-002 | \\~\\~Logs\\~\\~ |');
    expect(lines).toContain('| \\_\\_init\\_\\_.yaml | not \\<valid\\> |');
  });

  it('cuts the lists to fit, the most severe findings kept, each list saying how many it leaves out', () => {
    const report = reportWith({
      findings: [
        finding('OPS-003', { file: 'a.yaml', line: 1, message: 'Low.' }),
        finding('DLQ-001', { file: 'a.yaml', line: 2, message: 'High.' }),
        finding('IAM-004', {
          file: 'b.yaml',
          line: 3,
          message: 'Critical.',
          remediation: 'Grant it.',
        }),
        finding('LOG-002', { file: 'b.yaml', line: 4, message: 'Medium.' }),
        finding('LOG-002', {
          file: 'b.yaml',
          line: 5,
          suppressed: { kind: 'inline', reason: 'legal hold' },
        }),
      ],
      skipped: [
        { path: 'a.json', reason: 'too big' },
        { path: 'b.json', reason: 'too big' },
      ],
    });
    const markdown = toMarkdown(report, { maxLength: 1500 });
    expect(markdown.length).toBeLessThanOrEqual(1500);
    expect(markdown).toBe(`## Infra Compliance: grade n/a

No check applies to the scanned files.

**4 findings**: 1 critical, 1 high, 1 medium, 1 low; 1 suppressed

${NOT_APPLICABLE}

Files: 0 scanned, 2 skipped

### Findings

#### b.yaml

${FINDINGS_HEADER}
| 3 | critical | IAM-004 | OrderProcessor | **Function's role cannot use a resource it is wired to**<br>Critical.<details><summary>Remediation</summary>Grant it.</details> |

… and 3 more findings (1 high, 1 medium, 1 low) not listed, to keep the report within 1,500 characters: the table, JSON and SARIF reports list them all.

<details>
<summary>1 suppressed finding</summary>

… and 1 more finding (1 medium) not listed, to keep the report within 1,500 characters: the table, JSON and SARIF reports list them all.

</details>

<details>
<summary>2 files skipped</summary>

… and 2 more skipped files not listed, to keep the report within 1,500 characters: the JSON and SARIF reports list them all.

</details>
`);
  });

  it('fits in a GitHub comment by default, and lists or counts every finding', () => {
    const findings = Array.from({ length: 600 }, (_, index) =>
      finding(['OPS-003', 'LOG-002', 'DLQ-001', 'IAM-004'][index % 4], {
        file: `stack-${index % 7}.yaml`,
        line: index + 1,
        baselineState: index % 3 === 0 ? 'unchanged' : 'new',
      }),
    );
    const markdown = toMarkdown(reportWith({ findings }));
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(markdown.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 1000);
    const listed = [...markdown.matchAll(/^\| (\d+) \| (\w+) \|/gm)].map(
      ([, line, severity]) => ({ line: Number(line), severity }),
    );
    const left = [
      ...markdown.matchAll(/^… and (\d+) more findings? \(([^)]*)\)/gm),
    ];
    expect(left).toHaveLength(2);
    expect(
      listed.length + left.reduce((sum, [, count]) => sum + Number(count), 0),
    ).toBe(600);
    // The new findings first, from the most severe: every new critical one, then high ones as long as they fit.
    expect(listed.filter(f => f.severity === 'critical')).toHaveLength(100);
    expect(new Set(listed.map(f => f.severity))).toEqual(
      new Set(['critical', 'high']),
    );
    expect(
      listed.every(({ line }) => findings[line - 1].baselineState === 'new'),
    ).toBe(true);
    expect(left[0][2]).toMatch(/^\d+ high, 100 medium, 100 low$/);
    expect(left[1][2]).toBe('50 critical, 50 high, 50 medium, 50 low');
    expect(
      toMarkdown(reportWith({ findings }), { maxLength: 1_000_000 }),
    ).not.toContain('not listed');
  });
});
