import fs from 'node:fs';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { RULE_CATALOG } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  ALL_RULES,
  SarifLog,
  ScanReport,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';
import { createInfraComplianceScanAction } from './scan';

/** A SAM service as a template might generate it: an SNS-triggered function with nothing around it. */
const FAILING_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrderTopic:
    Type: AWS::SNS::Topic
  OrderProcessor:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Events:
        Orders:
          Type: SNS
          Properties:
            Topic: !Ref OrderTopic
`;

/** The same service fixed: dead-letter queue, alarms, its own encrypted log group, tracing, tags and outputs. */
const FIXED_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tags:
      team: orders
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root
            Action: kms:*
            Resource: '*'
          - Effect: Allow
            Principal:
              Service: !Sub logs.\${AWS::Region}.amazonaws.com
            Action:
              - kms:Encrypt*
              - kms:Decrypt*
              - kms:ReEncrypt*
              - kms:GenerateDataKey*
              - kms:Describe*
            Resource: '*'
      Tags:
        - Key: team
          Value: orders
  OrderTopic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/aws/sns
      Tags:
        - Key: team
          Value: orders
  OrderDeadLetters:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
      SqsManagedSseEnabled: true
      Tags:
        - Key: team
          Value: orders
  OrderProcessor:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Tracing: Active
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt OrderDeadLetters.Arn
      Events:
        Orders:
          Type: SNS
          Properties:
            Topic: !Ref OrderTopic
  OrderProcessorLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/\${OrderProcessor}
      RetentionInDays: 30
      KmsKeyId: !GetAtt LogsKey.Arn
      Tags:
        - Key: team
          Value: orders
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/aws/sns
      Tags:
        - Key: team
          Value: orders
  OrderProcessorErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref OrderProcessor
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions:
        - !Ref Alerts
      Tags:
        - Key: team
          Value: orders
  OrderDeadLettersVisible:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions:
        - Name: QueueName
          Value: !GetAtt OrderDeadLetters.QueueName
      Statistic: Maximum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions:
        - !Ref Alerts
      Tags:
        - Key: team
          Value: orders
Outputs:
  OrderTopicArn:
    Value: !Ref OrderTopic
  OrderDeadLettersUrl:
    Value: !Ref OrderDeadLetters
  AlertsArn:
    Value: !Ref Alerts
`;

/** Each finding of FAILING_TEMPLATE as the log names it, by severity. */
const ENC_004 =
  'ENC-004 medium SNS topic OrderTopic has no KmsMasterKeyId, so its messages are not encrypted with a KMS key.';
const OPS_003_TOPIC =
  'OPS-003 low AWS::SNS::Topic OrderTopic has no tags, so it cannot be attributed to a team, service or environment.';
const OPS_006 =
  'OPS-006 low The stack has no outputs, so it exports nothing about its topic OrderTopic: consumers must look up its URL, name or ARN by hand.';
const ALM_001 =
  'ALM-001 high Function OrderProcessor has no CloudWatch alarm on its AWS/Lambda Errors metric (dimension FunctionName): its failed invocations go unnoticed.';
const DLQ_001 =
  'DLQ-001 high Function OrderProcessor is invoked asynchronously (by its SNS event Orders) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.';
const LOG_001 =
  'LOG-001 medium Function OrderProcessor has no log group of its own in the stack (none named /aws/lambda/<OrderProcessor>, no LoggingConfig.LogGroup), so Lambda creates one with no retention and no encryption.';
const LOG_003 =
  'LOG-003 low Function OrderProcessor does not turn on X-Ray tracing, so its requests leave no trace.';
const OPS_003_FUNCTION =
  'OPS-003 low AWS::Serverless::Function OrderProcessor has no tags, so it cannot be attributed to a team, service or environment.';

/** The log lines of FAILING_TEMPLATE's findings, in the report's order, its file at `file`. */
function failingFindingLines(file: string) {
  return [
    `${file}:4 ${ENC_004}`,
    `${file}:4 ${OPS_003_TOPIC}`,
    `${file}:4 ${OPS_006}`,
    `${file}:6 ${ALM_001}`,
    `${file}:6 ${DLQ_001}`,
    `${file}:6 ${LOG_001}`,
    `${file}:6 ${LOG_003}`,
    `${file}:6 ${OPS_003_FUNCTION}`,
  ];
}

type ScanInput = Parameters<
  ReturnType<typeof createInfraComplianceScanAction>['handler']
>[0]['input'];

const FAILING_OUTPUT = {
  grade: 'D',
  score: 62,
  findings: { critical: 0, high: 2, medium: 2, low: 4 },
  total: 8,
};

describe('infra-compliance:scan', () => {
  const mockDir = createMockDirectory();
  const workspacePath = mockDir.resolve('workspace');
  const action = createInfraComplianceScanAction();

  beforeEach(() => {
    mockDir.clear();
  });

  /** Runs the action on the workspace (as a dry run if asked); what it logged and output, or the error it failed with. */
  async function run(input: ScanInput, { isDryRun = false } = {}) {
    const logger = mockServices.logger.mock();
    const ctx = {
      ...createMockActionContext({ input, workspacePath, logger }),
      isDryRun,
    };
    let error: unknown;
    try {
      await action.handler(ctx);
    } catch (thrown) {
      error = thrown;
    }
    const messages = (mock: jest.Mock) =>
      mock.mock.calls.map(([message]) => message);
    return {
      error,
      output: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
      info: messages(logger.info as jest.Mock),
      warn: messages(logger.warn as jest.Mock),
      logError: messages(logger.error as jest.Mock),
    };
  }

  const readReport = (file: string) =>
    fs.readFileSync(mockDir.resolve('workspace', file), 'utf8');

  describe('a failing SAM template', () => {
    beforeEach(() => {
      mockDir.setContent({ 'workspace/template.yaml': FAILING_TEMPLATE });
    });

    it('logs the grade, the counts and each finding, outputs them, and passes without failOn', async () => {
      const { error, output, info, warn } = await run({});
      expect(error).toBeUndefined();
      expect(output).toEqual({ ...FAILING_OUTPUT, passed: true });
      expect(info).toEqual([
        'Scanned .: 8 findings (0 critical, 2 high, 2 medium, 4 low), grade D (62), 1 file scanned',
        'Grade D, score 62/100',
        ...failingFindingLines('template.yaml'),
      ]);
      expect(warn).toEqual([]);
    });

    it('fails at failOn high, naming the findings at or above it', async () => {
      const { error, output } = await run({ failOn: 'high' });
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toBe(
        [
          '2 unsuppressed findings at or above high (failOn: high):',
          `template.yaml:6 ${ALM_001}`,
          `template.yaml:6 ${DLQ_001}`,
        ].join('\n'),
      );
      expect(output).toEqual({ ...FAILING_OUTPUT, passed: false });
    });

    it('names the five most severe findings at failOn low, and how many more the log lists', async () => {
      const { error, output } = await run({ failOn: 'low' });
      expect((error as Error).message).toBe(
        [
          '8 unsuppressed findings at or above low (failOn: low):',
          `template.yaml:6 ${ALM_001}`,
          `template.yaml:6 ${DLQ_001}`,
          `template.yaml:4 ${ENC_004}`,
          `template.yaml:6 ${LOG_001}`,
          `template.yaml:4 ${OPS_003_TOPIC}`,
          '… and 3 more, listed in the log',
        ].join('\n'),
      );
      expect(output.passed).toBe(false);
    });

    it('fails at failOn medium on the high and medium findings', async () => {
      const { error } = await run({ failOn: 'medium' });
      expect((error as Error).message).toBe(
        [
          '4 unsuppressed findings at or above medium (failOn: medium):',
          `template.yaml:6 ${ALM_001}`,
          `template.yaml:6 ${DLQ_001}`,
          `template.yaml:4 ${ENC_004}`,
          `template.yaml:6 ${LOG_001}`,
        ].join('\n'),
      );
    });

    it('takes failOn in any case, as the command line takes --fail-on, and refuses a value that is no severity', async () => {
      const high = await run({ failOn: 'HIGH' });
      expect((high.error as Error).message).toMatch(
        /^2 unsuppressed findings at or above high \(failOn: high\):\n/,
      );
      expect(high.output.passed).toBe(false);
      const critical = await run({ failOn: 'Critical' });
      expect(critical.error).toBeUndefined();
      expect(critical.output.passed).toBe(true);
      const severe = await run({ failOn: 'severe' });
      expect(severe.error).toBeInstanceOf(InputError);
      expect((severe.error as Error).message).toBe(
        'failOn severe is not one of critical, high, medium, low, none (in any case)',
      );
      expect(severe.output).toEqual({});
    });

    it('leaves a finding suppressed in the code out of its outputs, its log and its failure', async () => {
      mockDir.setContent({
        'workspace/template.yaml': FAILING_TEMPLATE.replace(
          '  OrderProcessor:\n',
          '  # infra-compliance:suppress=DLQ-001:the events are replayed from the source\n  OrderProcessor:\n',
        ),
      });
      const { error, output, info } = await run({ failOn: 'high' });
      expect((error as Error).message).toBe(
        [
          '1 unsuppressed finding at or above high (failOn: high):',
          `template.yaml:7 ${ALM_001}`,
        ].join('\n'),
      );
      // A suppressed finding's check passes (the scorecard's formula).
      expect(output).toEqual({
        grade: 'C',
        score: 73,
        findings: { critical: 0, high: 1, medium: 2, low: 4 },
        total: 7,
        passed: false,
      });
      expect(info[0]).toBe(
        'Scanned .: 7 findings (0 critical, 1 high, 2 medium, 4 low), 1 suppressed, grade C (73), 1 file scanned',
      );
      expect(info.some(line => line.includes('DLQ-001'))).toBe(false);
    });

    it('passes at failOn critical, as no critical finding remains', async () => {
      const { error, output } = await run({ failOn: 'critical' });
      expect(error).toBeUndefined();
      expect(output).toEqual({ ...FAILING_OUTPUT, passed: true });
    });

    it('runs only the rules given, in any case', async () => {
      const { error, output, info } = await run({
        rules: ['dlq-001', 'ALM-001'],
        failOn: 'critical',
      });
      expect(error).toBeUndefined();
      expect(output).toEqual({
        grade: 'F',
        score: 0,
        findings: { critical: 0, high: 2, medium: 0, low: 0 },
        total: 2,
        passed: true,
      });
      expect(info.slice(2)).toEqual([
        `template.yaml:6 ${ALM_001}`,
        `template.yaml:6 ${DLQ_001}`,
      ]);
    });

    it('leaves out the rules of skipRules, and none for an empty list', async () => {
      const skipped = await run({
        skipRules: ['OPS-003', 'OPS-006', 'LOG-003'],
      });
      expect(skipped.output.findings).toEqual({
        critical: 0,
        high: 2,
        medium: 2,
        low: 0,
      });
      expect(skipped.info.slice(2)).toEqual([
        `template.yaml:4 ${ENC_004}`,
        `template.yaml:6 ${ALM_001}`,
        `template.yaml:6 ${DLQ_001}`,
        `template.yaml:6 ${LOG_001}`,
      ]);
      const none = await run({ skipRules: [] });
      expect(none.output).toEqual({ ...FAILING_OUTPUT, passed: true });
    });

    it('refuses unknown rule ids, naming them, and an empty rules', async () => {
      const rules = await run({ rules: ['DLQ-001', 'FOO-1', 'bar-2'] });
      expect(rules.error).toBeInstanceOf(InputError);
      expect((rules.error as Error).message).toBe(
        'unknown rule ids in rules: FOO-1, BAR-2 (run "infra-compliance rules" for the list)',
      );
      const skipRules = await run({ skipRules: ['LOG-9'] });
      expect(skipRules.error).toBeInstanceOf(InputError);
      expect((skipRules.error as Error).message).toBe(
        'unknown rule id in skipRules: LOG-9 (run "infra-compliance rules" for the list)',
      );
      expect(rules.output).toEqual({});
      const none = await run({ rules: [] });
      expect(none.error).toBeInstanceOf(InputError);
      expect((none.error as Error).message).toBe(
        'rules needs at least one rule id',
      );
    });

    it('refuses rules and skipRules that leave no rule to run', async () => {
      const { error } = await run({
        rules: ['DLQ-001'],
        skipRules: ['DLQ-001'],
      });
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(
        'no rule left to run in .: rules, skipRules and rules.disable leave out every rule',
      );
    });

    it('writes a JSON report into the workspace, its folders made', async () => {
      const { error, output, info } = await run({
        reportPath: 'reports/infra-compliance.json',
      });
      expect(error).toBeUndefined();
      expect(output).toEqual({
        ...FAILING_OUTPUT,
        passed: true,
        reportPath: 'reports/infra-compliance.json',
      });
      expect(info[info.length - 1]).toBe(
        'Wrote the json report to reports/infra-compliance.json',
      );
      const report: ScanReport = JSON.parse(
        readReport('reports/infra-compliance.json'),
      );
      expect(report.version).toBe(1);
      expect(report.files).toEqual([
        // SAM's function makes a role, and its SNS event a subscription and a permission.
        { path: 'template.yaml', format: 'cloudformation', resources: 5 },
      ]);
      expect(
        report.findings.map(finding => [
          finding.file,
          finding.line,
          finding.ruleId,
        ]),
      ).toEqual([
        ['template.yaml', 4, 'ENC-004'],
        ['template.yaml', 4, 'OPS-003'],
        ['template.yaml', 4, 'OPS-006'],
        ['template.yaml', 6, 'ALM-001'],
        ['template.yaml', 6, 'DLQ-001'],
        ['template.yaml', 6, 'LOG-001'],
        ['template.yaml', 6, 'LOG-003'],
        ['template.yaml', 6, 'OPS-003'],
      ]);
      expect(report.scorecard).toMatchObject({ grade: 'D', score: 62 });
    });

    it('writes a SARIF report naming files from the workspace’s root, the repository to be', async () => {
      mockDir.setContent({
        'workspace/services/orders/template.yaml': FAILING_TEMPLATE,
      });
      const { error, output } = await run({
        path: 'services/orders',
        reportPath: 'infra-compliance.sarif',
        format: 'sarif',
      });
      expect(error).toBeUndefined();
      expect(output.reportPath).toBe('infra-compliance.sarif');
      const log: SarifLog = JSON.parse(readReport('infra-compliance.sarif'));
      expect(log.$schema).toBe(
        'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json',
      );
      const [sarifRun] = log.runs;
      expect(sarifRun.tool.driver.rules?.map(rule => rule.id)).toEqual(
        RULE_CATALOG.map(rule => rule.id),
      );
      expect(
        sarifRun.results.map(result => [
          result.ruleId,
          result.locations[0].physicalLocation.artifactLocation.uri,
          result.locations[0].physicalLocation.region?.startLine,
        ]),
      ).toEqual([
        ['ENC-004', 'services/orders/template.yaml', 4],
        ['OPS-003', 'services/orders/template.yaml', 4],
        ['OPS-006', 'services/orders/template.yaml', 4],
        ['ALM-001', 'services/orders/template.yaml', 6],
        ['DLQ-001', 'services/orders/template.yaml', 6],
        ['LOG-001', 'services/orders/template.yaml', 6],
        ['LOG-003', 'services/orders/template.yaml', 6],
        ['OPS-003', 'services/orders/template.yaml', 6],
      ]);
    });

    it('writes a Markdown report', async () => {
      const { error } = await run({
        reportPath: 'COMPLIANCE.md',
        format: 'markdown',
      });
      expect(error).toBeUndefined();
      const markdown = readReport('COMPLIANCE.md');
      expect(markdown.split('\n').slice(0, 3)).toEqual([
        '## Infra Compliance: grade D, score 62/100',
        '',
        '**8 findings**: 0 critical, 2 high, 2 medium, 4 low',
      ]);
      expect(markdown).toContain(
        '| 6 | high | DLQ-001 | OrderProcessor | **Asynchronously invoked function has no dead-letter target**<br>Function OrderProcessor is invoked asynchronously',
      );
    });

    it('takes format in any case, as the command line takes --format, and refuses a format it does not write', async () => {
      const sarif = await run({
        reportPath: 'infra-compliance.sarif',
        format: 'SARIF',
      });
      expect(sarif.error).toBeUndefined();
      expect(sarif.info).toContain(
        'Wrote the sarif report to infra-compliance.sarif',
      );
      const log: SarifLog = JSON.parse(readReport('infra-compliance.sarif'));
      expect(log.version).toBe('2.1.0');
      const markdown = await run({
        reportPath: 'COMPLIANCE.md',
        format: 'Markdown',
      });
      expect(markdown.error).toBeUndefined();
      expect(readReport('COMPLIANCE.md')).toMatch(
        /^## Infra Compliance: grade D, score 62\/100\n/,
      );
      // A format of the command line's that the action does not write, and none.
      for (const format of ['JUnit', 'xml']) {
        const refused = await run({ reportPath: 'report.txt', format });
        expect(refused.error).toBeInstanceOf(InputError);
        expect((refused.error as Error).message).toBe(
          `format ${format} is not one of json, sarif, markdown (in any case)`,
        );
        expect(refused.output).toEqual({});
        expect(fs.existsSync(mockDir.resolve('workspace', 'report.txt'))).toBe(
          false,
        );
      }
    });

    it('writes the report before failing at failOn', async () => {
      const { error } = await run({
        failOn: 'high',
        reportPath: 'infra-compliance.json',
      });
      expect((error as Error).message).toMatch(
        /^2 unsuppressed findings at or above high/,
      );
      const report: ScanReport = JSON.parse(
        readReport('infra-compliance.json'),
      );
      expect(report.findings).toHaveLength(8);
    });

    it('in a dry run, logs that a real run would fail at failOn, and passes with its outputs and report', async () => {
      const { error, output, info, logError } = await run(
        { failOn: 'high', reportPath: 'infra-compliance.json' },
        { isDryRun: true },
      );
      expect(error).toBeUndefined();
      expect(output).toEqual({
        ...FAILING_OUTPUT,
        passed: false,
        reportPath: 'infra-compliance.json',
      });
      expect(info).toEqual([
        'Scanned .: 8 findings (0 critical, 2 high, 2 medium, 4 low), grade D (62), 1 file scanned',
        'Grade D, score 62/100',
        ...failingFindingLines('template.yaml'),
        'Wrote the json report to infra-compliance.json',
      ]);
      expect(logError).toEqual([
        [
          'A real run would fail this step: 2 unsuppressed findings at or above high (failOn: high):',
          `template.yaml:6 ${ALM_001}`,
          `template.yaml:6 ${DLQ_001}`,
        ].join('\n'),
      ]);
      const report: ScanReport = JSON.parse(
        readReport('infra-compliance.json'),
      );
      expect(report.findings).toHaveLength(8);
    });

    it('refuses a format without reportPath, and a reportPath the scan reads', async () => {
      const format = await run({ format: 'sarif' });
      expect(format.error).toBeInstanceOf(InputError);
      expect((format.error as Error).message).toBe(
        'format needs reportPath: the report is only written to a file of the workspace',
      );
      const template = await run({ reportPath: 'template.yaml' });
      expect(template.error).toBeInstanceOf(InputError);
      expect((template.error as Error).message).toBe(
        'cannot write template.yaml: it is a file the scan reads, which the report would replace',
      );
      expect(readReport('template.yaml')).toBe(FAILING_TEMPLATE);
      const folder = await run({ reportPath: 'reports/' });
      expect((folder.error as Error).message).toBe(
        'cannot write reports/: reportPath takes a file name, not a folder (e.g. reports/report.json)',
      );
    });

    it('refuses a reportPath over the config or the project file of a program the scan reads', async () => {
      const config = 'rules:\n  disable: [OPS-006]\n';
      const project = '{ "app": "npx ts-node bin/app.ts" }';
      mockDir.setContent({
        'workspace/.infra-compliance.yaml': config,
        'workspace/network/cdk.json': project,
        'workspace/network/bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
const app = new cdk.App();
new sqs.Queue(new cdk.Stack(app, 'Network'), 'Jobs');
`,
      });
      for (const reportPath of ['.infra-compliance.yaml', 'network/cdk.json']) {
        const { error, output } = await run({ reportPath });
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toBe(
          `cannot write ${reportPath}: it is a file the scan reads, which the report would replace`,
        );
        expect(output).toEqual({});
      }
      expect(readReport('.infra-compliance.yaml')).toBe(config);
      expect(readReport('network/cdk.json')).toBe(project);
    });

    it('scans a file given by name, naming files from the workspace', async () => {
      mockDir.setContent({
        'workspace/services/orders/template.yaml': FAILING_TEMPLATE,
      });
      const { error, output, info } = await run({
        path: 'services/orders/template.yaml',
      });
      expect(error).toBeUndefined();
      expect(output).toEqual({ ...FAILING_OUTPUT, passed: true });
      expect(info).toEqual([
        'Scanned services/orders/template.yaml: 8 findings (0 critical, 2 high, 2 medium, 4 low), grade D (62), 1 file scanned',
        'Grade D, score 62/100',
        ...failingFindingLines('services/orders/template.yaml'),
      ]);
    });

    /** LOG-001 throws on the template, as a bug of the engine that its input reaches would; restored by jest.restoreAllMocks. */
    function makeLog001Throw() {
      const rule = ALL_RULES.find(
        candidate => candidate.meta.id === 'LOG-001',
      )!;
      jest.spyOn(rule, 'check').mockImplementation(() => {
        throw new TypeError(
          "Cannot read properties of undefined (reading 'Arn')",
        );
      });
    }
    /** The files the JSON report written to infra-compliance.json says were not scanned. */
    const skippedInReport = () =>
      (
        JSON.parse(readReport('infra-compliance.json')) as ScanReport
      ).skipped.map(skipped => skipped.path);
    const LOG_001_THROWN =
      "The scanner failed on template.yaml (not scanned; the rest of the report stands): Cannot read properties of undefined (reading 'Arn')";

    it('fails, after writing the report, when the scanner fails on a file', async () => {
      makeLog001Throw();
      try {
        const { error, logError, output } = await run({
          reportPath: 'infra-compliance.json',
        });
        expect((error as Error).message).toBe(
          'The scanner failed on template.yaml, which the report lacks (an internal error, logged above); please report it',
        );
        expect(logError).toEqual([LOG_001_THROWN]);
        expect(output.total).toBe(0);
        expect(skippedInReport()).toEqual(['template.yaml']);
      } finally {
        jest.restoreAllMocks();
      }
    });

    it('in a dry run, logs that a real run would fail on the internal error, and goes on with its report', async () => {
      makeLog001Throw();
      try {
        const { error, logError, output } = await run(
          { reportPath: 'infra-compliance.json' },
          { isDryRun: true },
        );
        expect(error).toBeUndefined();
        expect(logError).toEqual([
          LOG_001_THROWN,
          'A real run would fail this step: The scanner failed on template.yaml, which the report lacks (an internal error, logged above); please report it',
        ]);
        expect(output.reportPath).toBe('infra-compliance.json');
        // No finding fails at failOn none: passed says only that (README).
        expect(output.passed).toBe(true);
        expect(skippedInReport()).toEqual(['template.yaml']);
      } finally {
        jest.restoreAllMocks();
      }
    });
  });

  it('outputs grade A and passes at failOn low on the fixed template', async () => {
    mockDir.setContent({ 'workspace/template.yaml': FIXED_TEMPLATE });
    const { error, output, info } = await run({ failOn: 'low' });
    expect(error).toBeUndefined();
    expect(output).toEqual({
      grade: 'A',
      score: 100,
      findings: { critical: 0, high: 0, medium: 0, low: 0 },
      total: 0,
      passed: true,
    });
    expect(info).toEqual([
      'Scanned .: 0 findings (0 critical, 0 high, 0 medium, 0 low), grade A (100), 1 file scanned',
      'Grade A, score 100/100',
    ]);
  });

  it('refuses a path or a reportPath that leads out of the workspace', async () => {
    mockDir.setContent({
      'workspace/template.yaml': FAILING_TEMPLATE,
      'workspace/elsewhere': ({ symlink }) => symlink('../outside'),
      'outside/template.yaml': FAILING_TEMPLATE,
    });
    for (const [input, message] of [
      [{ path: '../outside' }, 'path ../outside is outside the workspace'],
      [
        { path: mockDir.resolve('outside') },
        `path ${mockDir.resolve('outside')} is outside the workspace`,
      ],
      [{ path: 'elsewhere' }, 'path elsewhere is outside the workspace'],
      [
        { reportPath: '../report.json' },
        'reportPath ../report.json is outside the workspace',
      ],
    ] as const) {
      const { error, output } = await run(input);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(
        `${message}: give a path relative to it, inside it`,
      );
      expect(output).toEqual({});
    }
    expect(fs.existsSync(mockDir.resolve('report.json'))).toBe(false);
  });

  it('refuses a path or a reportPath under a file, or through a symlink loop, saying why', async () => {
    mockDir.setContent({
      'workspace/template.yaml': FAILING_TEMPLATE,
      'workspace/loop': ({ symlink }) => symlink('loop'),
    });
    for (const [input, message] of [
      [
        { path: 'template.yaml/infra' },
        'cannot read template.yaml/infra: a part of the path is not a directory',
      ],
      [
        { reportPath: 'template.yaml/report.json' },
        'cannot write template.yaml/report.json: a part of the path is not a directory',
      ],
      [{ path: 'loop' }, 'cannot read loop: a symlink loop'],
      [
        { reportPath: 'loop/report.json' },
        'cannot write loop/report.json: a symlink loop',
      ],
    ] as const) {
      const { error, output } = await run(input);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(message);
      expect(output).toEqual({});
    }
  });

  describe('a file given by name in a workspace inside a bigger tree', () => {
    /** A CDK stack module, whose app is looked for above it. */
    const CDK_STACK = `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Orders');
  }
}
`;
    /** What the log says of the stack module alone: the workspace holds no app of it. */
    const CDK_STACK_NOT_READ = [
      'Scanned lib/stack.ts: 0 findings (0 critical, 0 high, 0 medium, 0 low), grade n/a, 0 files scanned',
      'Grade n/a: no check applies to the scanned files',
      'Skipped lib/stack.ts: AWS CDK code of no app found (no cdk.json above it, and no module that creates a CDK App imports it): not read',
    ];
    /** A CDK app above the workspace that uses the workspace's stack. */
    const APP_ABOVE = {
      'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
      'bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import { OrdersStack } from '../workspace/lib/stack';
new OrdersStack(new cdk.App(), 'Orders');
`,
    };

    it('reads no config above the workspace, though a Git repository holds it', async () => {
      // A local backend's working directory in its checkout: the repository's root is above the workspace.
      mockDir.setContent({
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.infra-compliance.yaml': 'rules:\n  disable: [DLQ-001, ALM-001]\n',
        'workspace/template.yaml': FAILING_TEMPLATE,
      });
      const { error, output, info } = await run({ path: 'template.yaml' });
      expect(error).toBeUndefined();
      expect(output).toEqual({ ...FAILING_OUTPUT, passed: true });
      expect(info.slice(2)).toEqual(failingFindingLines('template.yaml'));
    });

    it('reads no program above the workspace, though a Git repository holds it', async () => {
      mockDir.setContent({
        '.git/HEAD': 'ref: refs/heads/main\n',
        ...APP_ABOVE,
        'workspace/lib/stack.ts': CDK_STACK,
      });
      const { error, info } = await run({ path: 'lib/stack.ts' });
      expect(error).toBeUndefined();
      expect(info).toEqual(CDK_STACK_NOT_READ);
    });

    it("reads no program above the workspace from the backend's current directory", async () => {
      mockDir.setContent({ ...APP_ABOVE, 'workspace/lib/stack.ts': CDK_STACK });
      const backendDirectory = process.cwd();
      process.chdir(mockDir.path);
      try {
        const { error, info } = await run({ path: 'lib/stack.ts' });
        expect(error).toBeUndefined();
        expect(info).toEqual(CDK_STACK_NOT_READ);
      } finally {
        process.chdir(backendDirectory);
      }
    });
  });

  it('refuses a path that is not there', async () => {
    mockDir.setContent({ 'workspace/template.yaml': FAILING_TEMPLATE });
    const { error } = await run({ path: 'services/orders' });
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'cannot read services/orders: no such file or directory',
    );
  });

  it('passes a workspace without infrastructure code, saying so, its grade and score not applicable', async () => {
    mockDir.setContent({
      'workspace/README.md': '# Orders\n',
      'workspace/src/index.js': 'exports.handler = async () => {};\n',
    });
    const { error, output, info, warn } = await run({ failOn: 'low' });
    expect(error).toBeUndefined();
    expect(output).toEqual({
      grade: null,
      score: null,
      findings: { critical: 0, high: 0, medium: 0, low: 0 },
      total: 0,
      passed: true,
    });
    expect(warn).toEqual(['no infrastructure-as-code file found in .']);
    expect(info).toEqual([
      'Scanned .: 0 findings (0 critical, 0 high, 0 medium, 0 low), grade n/a, 0 files scanned',
      'Grade n/a: no check applies to the scanned files',
    ]);
  });

  it('reports a template that does not parse as PARSE-001, as the engine does', async () => {
    mockDir.setContent({
      'workspace/template.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: [unclosed
`,
    });
    const parseError =
      'template.yaml:5 PARSE-001 high CloudFormation parse error in template.yaml: unexpected end of the stream within a flow collection';
    const passing = await run({});
    expect(passing.error).toBeUndefined();
    expect(passing.output).toEqual({
      grade: 'F',
      score: 0,
      findings: { critical: 0, high: 1, medium: 0, low: 0 },
      total: 1,
      passed: true,
    });
    expect(passing.info.slice(2)).toEqual([parseError]);
    const failing = await run({ failOn: 'high' });
    expect((failing.error as Error).message).toBe(
      `1 unsuppressed finding at or above high (failOn: high):\n${parseError}`,
    );
  });

  it('logs the files it skips and what programs make that it does not model', async () => {
    mockDir.setContent({
      'workspace/broken.json': Buffer.from('{"Resources": \u0000\u0001}'),
      'workspace/network/cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
      'workspace/network/bin/app.ts': `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
const app = new cdk.App();
const stack = new cdk.Stack(app, 'Network');
const vpc = new ec2.Vpc(stack, 'Vpc');
new efs.FileSystem(stack, 'Api', { vpc });
new efs.FileSystem(stack, 'Jobs', { vpc });
`,
    });
    const { error, info } = await run({});
    expect(error).toBeUndefined();
    expect(info).toEqual([
      'Scanned .: 0 findings (0 critical, 0 high, 0 medium, 0 low), grade A (100), 1 file scanned',
      'Grade A, score 100/100',
      'Skipped broken.json: binary file',
      'network/bin/app.ts (cdk): not modelled, not judged: aws-efs.FileSystem (2 constructs)',
    ]);
  });

  describe('a workspace of many findings and skipped files', () => {
    /** 110 queues without encryption (ENC-003, medium), then an SNS-triggered function without a dead-letter queue (DLQ-001, high). */
    const MANY_QUEUES = [
      'Resources:',
      ...Array.from(
        { length: 110 },
        (_, index) => `  Queue${index}:\n    Type: AWS::SQS::Queue`,
      ),
      FAILING_TEMPLATE.slice(FAILING_TEMPLATE.indexOf('  OrderTopic:')),
    ].join('\n');
    const encryptionLine = (index: number) =>
      `template.yaml:${
        2 * index + 2
      } ENC-003 medium Queue Queue${index} has no KmsMasterKeyId and does not set SqsManagedSseEnabled to true, so its encryption at rest is not declared.`;
    const dlqLine = `template.yaml:224 ${DLQ_001}`;

    it('logs the 100 most severe findings, in the report’s order, and says where the rest are', async () => {
      mockDir.setContent({ 'workspace/template.yaml': MANY_QUEUES });
      const { error, output, info } = await run({
        rules: ['ENC-003', 'DLQ-001'],
      });
      expect(error).toBeUndefined();
      expect(output.findings).toEqual({
        critical: 0,
        high: 1,
        medium: 110,
        low: 0,
      });
      expect(info.slice(2)).toEqual([
        ...Array.from({ length: 99 }, (_, index) => encryptionLine(index)),
        dlqLine,
        '… and 11 more findings not logged: a JSON report written to reportPath lists them all',
      ]);
      const reported = await run({
        rules: ['ENC-003', 'DLQ-001'],
        reportPath: 'infra-compliance.sarif',
        format: 'sarif',
      });
      expect(reported.info[reported.info.length - 2]).toBe(
        '… and 11 more findings not logged: the report infra-compliance.sarif lists them all',
      );
    });

    it('names in its error where the failing findings the log leaves out are', async () => {
      mockDir.setContent({ 'workspace/template.yaml': MANY_QUEUES });
      const { error } = await run({
        rules: ['ENC-003', 'DLQ-001'],
        failOn: 'medium',
        reportPath: 'reports/infra-compliance.json',
      });
      expect((error as Error).message).toBe(
        [
          '111 unsuppressed findings at or above medium (failOn: medium):',
          dlqLine,
          ...[0, 1, 2, 3].map(encryptionLine),
          '… and 106 more: the report reports/infra-compliance.json lists them all',
        ].join('\n'),
      );
    });

    it('logs the first 100 skipped files, and how many more', async () => {
      mockDir.setContent(
        Object.fromEntries(
          Array.from({ length: 103 }, (_, index) => [
            `workspace/generated/${String(index).padStart(3, '0')}.json`,
            Buffer.from('{"Resources": \u0000}'),
          ]),
        ),
      );
      const { info } = await run({});
      expect(info.slice(2)).toEqual([
        ...Array.from(
          { length: 100 },
          (_, index) =>
            `Skipped generated/${String(index).padStart(
              3,
              '0',
            )}.json: binary file`,
        ),
        '… and 3 more skipped files not logged: a JSON report written to reportPath lists them all',
      ]);
    });
  });

  describe('.infra-compliance.yaml', () => {
    it("honours the scanned folder's config", async () => {
      mockDir.setContent({
        'workspace/services/orders/template.yaml': FAILING_TEMPLATE,
        'workspace/services/orders/.infra-compliance.yaml':
          'rules:\n  disable: [OPS-003, ops-006]\n',
      });
      const { error, output, info } = await run({ path: 'services/orders' });
      expect(error).toBeUndefined();
      expect(output.findings).toEqual({
        critical: 0,
        high: 2,
        medium: 2,
        low: 1,
      });
      expect(info.slice(2)).toEqual([
        `services/orders/template.yaml:4 ${ENC_004}`,
        `services/orders/template.yaml:6 ${ALM_001}`,
        `services/orders/template.yaml:6 ${DLQ_001}`,
        `services/orders/template.yaml:6 ${LOG_001}`,
        `services/orders/template.yaml:6 ${LOG_003}`,
      ]);
    });

    it('warns of a rule the config disables twice, naming the config from the workspace and the line, and scans on', async () => {
      mockDir.setContent({
        'workspace/services/orders/template.yaml': FAILING_TEMPLATE,
        'workspace/services/orders/.infra-compliance.yaml':
          'rules:\n  disable:\n    - OPS-003\n    - ops-003\n',
      });
      const { error, output, warn } = await run({ path: 'services/orders' });
      expect(error).toBeUndefined();
      expect(warn).toEqual([
        'services/orders/.infra-compliance.yaml:4: rules.disable names OPS-003 more than once (OPS-003, ops-003): once is enough',
      ]);
      expect(output.findings).toEqual({
        critical: 0,
        high: 2,
        medium: 2,
        low: 2,
      });
    });

    it('refuses a config that cannot be used, naming it and the line', async () => {
      mockDir.setContent({
        'workspace/template.yaml': FAILING_TEMPLATE,
        'workspace/services/orders/template.yaml': FAILING_TEMPLATE,
        'workspace/.infra-compliance.yaml':
          'rules:\n  disable:\n    - OPS-003\n    - NOPE-1\n',
        'workspace/services/orders/.infra-compliance.yaml':
          'paths:\n  include: infra\n',
      });
      const root = await run({});
      expect(root.error).toBeInstanceOf(InputError);
      expect((root.error as Error).message).toBe(
        '.infra-compliance.yaml:4: rules.disable names unknown rule id(s) NOPE-1',
      );
      const service = await run({ path: 'services/orders' });
      expect(service.error).toBeInstanceOf(InputError);
      expect((service.error as Error).message).toBe(
        'services/orders/.infra-compliance.yaml:2: paths.include must be a list of strings',
      );
    });
  });
});
