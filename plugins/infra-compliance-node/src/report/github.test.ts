import {
  Finding,
  ScanReport,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanFiles, selectRules } from '../engine/scan';
import { toGithubAnnotations } from './github';
import { finding, notJudged, reportWith } from './__testUtils__/report';

const TEMPLATE = `Resources:
  Orders:
    Type: AWS::SQS::Queue
    Metadata:
      infra-compliance:
        suppress:
          - id: ENC-003
            reason: holds no personal data
    Properties:
      SqsManagedSseEnabled: true
  Processor:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Code: { ZipFile: 'exports.handler = async () => {}' }
  ProcessorLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/\${Processor}
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Metadata:
      infra-compliance:
        suppress:
          - id: LOG-002
            reason: kept forever by legal hold
`;

const SUMMARY = '3 findings, grade F (33)';

/** The output with the token of its stop-commands, a random UUID, as `TOKEN`. */
function withToken(output: string): string {
  const token = /^::stop-commands::(.+)$/m.exec(output)?.[1];
  return token ? output.replaceAll(token, 'TOKEN') : output;
}

/** A report of these findings (and unused suppressions) alone. */
function reportOf(
  findings: Finding[],
  unusedSuppressions: ScanReport['unusedSuppressions'] = [],
) {
  return reportWith({ findings, unusedSuppressions });
}

describe('toGithubAnnotations', () => {
  it('annotates each unsuppressed finding and unused suppression of a scan at its line, from the root of the repository, then sums the scan up', () => {
    const report = scanFiles(
      [{ path: 'template.yaml', text: TEMPLATE }],
      selectRules(['DLQ-001', 'LOG-002', 'ENC-003', 'LOG-003']),
    );
    expect(
      toGithubAnnotations(report, {
        srcRoot: '/repo/infra',
        repositoryRoot: '/repo',
        summary: SUMMARY,
      }),
    ).toBe(
      [
        // Most severe first (the function's low finding after the log group's medium one).
        "::error file=infra/template.yaml,line=11,title=DLQ-001 (high)%3A Asynchronously invoked function has no dead-letter target::Function Processor has no trigger in the stack, so it may be invoked asynchronously but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.%0ARemediation: Point the function's DeadLetterConfig.TargetArn (SAM DeadLetterQueue, TF dead_letter_config) at an SQS queue or SNS topic, or add an EventInvokeConfig with an OnFailure destination. Functions triggered only synchronously or by poll-based event source mappings are exempt.",
        '::warning file=infra/template.yaml,line=17,title=LOG-002 (medium)%3A Log group keeps logs forever::Log group ProcessorLogs has no RetentionInDays, so its logs are kept forever.%0ARemediation: Set RetentionInDays (TF retention_in_days) to the period the team needs, for example 30 days.',
        '::notice file=infra/template.yaml,line=11,title=LOG-003 (low)%3A Function does not have active X-Ray tracing::Function Processor does not turn on X-Ray tracing, so its requests leave no trace.%0ARemediation: Set TracingConfig.Mode: Active (SAM Tracing: Active, e.g. in Globals; TF tracing_config { mode = "Active" }) and make sure the role can write to X-Ray (IAM-005).',
        // AuditLogs' LOG-002 is suppressed: no annotation.
        '::notice file=infra/template.yaml,line=7,title=Unused suppression of ENC-003::The suppression of ENC-003 on Orders suppressed nothing: its rule judged Orders and found no failure. Remove it, so that it hides no later failure.',
        '::notice title=infra-compliance::3 findings, grade F (33)',
        '',
      ].join('\n'),
    );
  });

  it('writes the summary alone for a scan that found nothing', () => {
    expect(
      toGithubAnnotations(reportOf([]), {
        summary: '0 findings (0 critical, 0 high, 0 medium, 0 low), grade n/a',
      }),
    ).toBe(
      '::notice title=infra-compliance::0 findings (0 critical, 0 high, 0 medium, 0 low), grade n/a\n',
    );
  });

  it('says in the summary what was not judged: the files skipped and why, the programs that make what is not modelled, the first five of each named', () => {
    const summaryOf = (report: ScanReport) =>
      toGithubAnnotations(report, {
        srcRoot: '/repo/infra',
        repositoryRoot: '/repo',
        summary: SUMMARY,
      });
    expect(summaryOf(reportWith(notJudged()))).toBe(
      '::notice title=infra-compliance::3 findings, grade F (33)%0A2 files were skipped, not scanned: infra/big.json (larger than 20971520 bytes), infra/stack.yaml (not scanned: the scanner failed on it (internal error: boom); please report it).%0A1 program makes what is not modelled, not judged: infra/network/bin/app.ts (CDK: aws-ec2.Vpc, aws-efs.FileSystem (2 constructs)).\n',
    );
    const many = Array.from({ length: 7 }, (_, index) => ({
      path: `bin/tool${index}\n.so`,
      reason: 'binary file',
    }));
    expect(summaryOf(reportWith({ skipped: many }))).toBe(
      '::notice title=infra-compliance::3 findings, grade F (33)%0A7 files were skipped, not scanned: infra/bin/tool0\\u000a.so (binary file), infra/bin/tool1\\u000a.so (binary file), infra/bin/tool2\\u000a.so (binary file), infra/bin/tool3\\u000a.so (binary file), infra/bin/tool4\\u000a.so (binary file) and 2 more, which --format json lists.\n',
    );
  });

  it('escapes %, CR and LF in a message, and also : and , in a property, as the runner reads them', () => {
    const report = reportOf([
      finding('DLQ-001', {
        file: 'infra/a:b, 100%\r\n.yaml',
        line: 3,
        message: 'Retries 100% of events: lost.',
        remediation: 'Add a queue,\nthen an alarm.',
      }),
    ]);
    const [annotation] = toGithubAnnotations(report, {
      summary: SUMMARY,
    }).split('\n');
    expect(annotation).toBe(
      // The remediation's newline is shown (\u000a), as the table shows a file's control characters: a line break
      // would read as the end of the message.
      '::error file=infra/a%3Ab%2C 100%25%0D%0A.yaml,line=3,title=DLQ-001 (high)%3A Asynchronously invoked function has no dead-letter target::Retries 100%25 of events: lost.%0ARemediation: Add a queue,\\u000athen an alarm.',
    );
  });

  it('annotates the first 10 errors, 10 warnings and 9 notices, new findings then the most severe first, and lists the others in the log, where no command in them runs', () => {
    const findings = [
      ...Array.from({ length: 11 }, (_, index) =>
        finding('DLQ-001', {
          line: 100 + index,
          baselineState: 'unchanged',
        }),
      ),
      finding('IAM-004', { line: 200, baselineState: 'unchanged' }),
      finding('DLQ-002', { line: 300, baselineState: 'new' }),
      ...Array.from({ length: 10 }, (_, index) =>
        finding('LOG-002', { line: 400 + index, baselineState: 'unchanged' }),
      ),
      ...Array.from({ length: 9 }, (_, index) =>
        finding('OPS-003', { line: 500 + index, baselineState: 'unchanged' }),
      ),
      finding('LOG-003', {
        file: '::add-mask::secret/template.yaml',
        line: 600,
        message: 'Function ##[add-mask]secret does not turn on X-Ray tracing.',
        baselineState: 'unchanged',
      }),
    ];
    const output = withToken(
      toGithubAnnotations(
        reportOf(findings, [
          {
            file: 'template.yaml',
            line: 700,
            resourceId: 'Orders',
            ruleId: 'ENC-003',
          },
        ]),
        { srcRoot: '/repo', repositoryRoot: '/repo', summary: SUMMARY },
      ),
    );
    const lines = output.split('\n');
    const annotations = lines
      .filter(line => /^::(error|warning|notice) file=/.test(line))
      .map(line => /^::(\w+) file=[^,]*,line=(\d+)/.exec(line)!.slice(1, 3));
    expect(annotations).toEqual([
      // The new high finding, then the critical one, then the first 8 highs of the report.
      ['error', '300'],
      ['error', '200'],
      ...Array.from({ length: 8 }, (_, index) => ['error', `${100 + index}`]),
      ...Array.from({ length: 10 }, (_, index) => [
        'warning',
        `${400 + index}`,
      ]),
      ...Array.from({ length: 9 }, (_, index) => ['notice', `${500 + index}`]),
    ]);
    expect(
      lines.slice(
        lines.indexOf(
          '::group::Not annotated: 4 findings and 1 unused suppression',
        ),
      ),
    ).toEqual([
      '::group::Not annotated: 4 findings and 1 unused suppression',
      '::stop-commands::TOKEN',
      'template.yaml:108: high DLQ-001: [baseline] DLQ-001 failed on OrderProcessor.',
      'template.yaml:109: high DLQ-001: [baseline] DLQ-001 failed on OrderProcessor.',
      'template.yaml:110: high DLQ-001: [baseline] DLQ-001 failed on OrderProcessor.',
      '::add-mask::secret/template.yaml:600: low LOG-003: [baseline] Function ##[add-mask]secret does not turn on X-Ray tracing.',
      'template.yaml:700: unused suppression of ENC-003 on Orders',
      '::TOKEN::',
      '::endgroup::',
      `::notice title=infra-compliance::${SUMMARY}%0A4 findings and 1 unused suppression are not annotated: GitHub annotates the first 10 errors, 10 warnings and 10 notices of a step. This step's log lists them, under "Not annotated"; --format table prints the full report.`,
      '',
    ]);
    // Each run has a token of its own, which the scanned files cannot know.
    const tokens = [1, 2].map(
      () =>
        /^::stop-commands::(.+)$/m.exec(
          toGithubAnnotations(reportOf(findings), { summary: SUMMARY }),
        )![1],
    );
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it('tags findings the baseline had and partial ones, as the table does', () => {
    const output = toGithubAnnotations(
      reportOf([
        finding('OPS-003', {
          baselineState: 'unchanged',
          confidence: 'partial',
        }),
      ]),
      { summary: SUMMARY },
    );
    expect(output).toContain(
      '::[baseline] [partial] OPS-003 failed on OrderProcessor.%0ARemediation: ',
    );
  });
});
