/**
 * The seed reviews (/work/shared/seeds, summarised in RULES.md) are where the
 * rule catalog comes from: the engine must catch every failure they list.
 * Each seed has two example services under `examples/`: `seed-XXX-failing`
 * (the failures as the seed describes them) and `seed-XXX-fixed` (all of the
 * seed's fixes, and as far beyond them as the catalog requires).
 *
 * For each seed, a table maps every failure the seed names to the rule that
 * covers it and the resource it must be reported on; the failing example must
 * carry each of those findings, unsuppressed. The fixed example must have no
 * finding in the core categories (dlq, alarms, encryption, iam, logging) and
 * none of the seed's findings. Failures no rule can see (networking design,
 * inline code, a certificate's validity...) are listed with the reason.
 */
import path from 'node:path';
import {
  CORE_CATEGORIES,
  Finding,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { ScanResult, scanPath } from './engine/scan';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** One failure a seed names, and where the engine must report it. */
interface Expected {
  /** The seed's heading (or issue) for the failure. */
  failure: string;
  ruleId: string;
  /** Resource id the finding is reported on. */
  resourceId: string;
  /** Prefix of the finding's property path, when the rule reports one. */
  property?: string;
  /**
   * Another example that carries the finding, when the seed's failing state
   * cannot (e.g. a rule about dead-letter queues on a stack that has none).
   */
  example?: string;
  /** Why the finding is looked for in another example. */
  note?: string;
  /** Why the rule no longer applies to the fixed version (the fix removes what it checks). */
  notApplicableWhenFixed?: string;
}

/** A failure a seed names that no rule of the catalog reports on the failing example. */
interface NotCovered {
  failure: string;
  reason: string;
  /** When a rule was considered: it must indeed not report on the failing example. */
  ruleId?: string;
}

interface SeedCase {
  seed: string;
  expected: Expected[];
  notCovered: NotCovered[];
  /**
   * Rules (beyond those of `expected`) the fixed version must be checked by
   * and pass: what the seed's fixes bring in (a key policy, a dead-letter
   * queue's retention, permission and alarm...).
   */
  fixedChecks: string[];
}

const SEEDS: SeedCase[] = [
  {
    seed: '000',
    expected: [
      {
        failure: 'Shared IAM role instead of separate roles',
        ruleId: 'IAM-001',
        resourceId: 'ProjectXDataProcessorFunction',
        property: 'Role',
      },
      {
        failure: 'Shared IAM role instead of separate roles',
        ruleId: 'IAM-001',
        resourceId: 'ProjectXResponseHandlerFunction',
        property: 'Role',
      },
      {
        failure: 'Missing KMS encryption for CloudWatch Logs',
        ruleId: 'ENC-001',
        resourceId: 'DataProcessorLogGroup',
      },
      {
        failure: 'Missing KMS encryption for CloudWatch Logs',
        ruleId: 'ENC-001',
        resourceId: 'ResponseHandlerLogGroup',
      },
      {
        failure: 'No dead-letter queues for Lambda error handling',
        ruleId: 'DLQ-001',
        resourceId: 'ProjectXDataProcessorFunction',
      },
      {
        failure: 'No dead-letter queues for Lambda error handling',
        ruleId: 'DLQ-001',
        resourceId: 'ProjectXResponseHandlerFunction',
      },
      {
        failure: 'No CloudWatch alarms for error monitoring (Lambda errors)',
        ruleId: 'ALM-001',
        resourceId: 'ProjectXDataProcessorFunction',
      },
      {
        failure: 'No CloudWatch alarms for error monitoring (Lambda errors)',
        ruleId: 'ALM-001',
        resourceId: 'ProjectXResponseHandlerFunction',
      },
      {
        failure:
          'No CloudWatch alarms for error monitoring (dead-letter queues)',
        ruleId: 'ALM-002',
        resourceId: 'OrderDLQ',
        example: 'seed-004-failing',
        note: 'the seed-000 failing stack has no dead-letter queue to alarm on (the seed says the model added none); ALM-002 is asserted on seed-004-failing, whose dead-letter queue has no alarm',
      },
      {
        failure:
          'Missing SQS permissions in IAM roles ("even if DLQs were added")',
        ruleId: 'DLQ-004',
        resourceId: 'OrderProcessorFunction',
        property: 'DeadLetterConfig',
        example: 'seed-004-failing',
        note: 'the seed-000 failing stack has no dead-letter target for a role to lack sqs:SendMessage on; DLQ-004 is asserted on seed-004-failing, whose function has a dead-letter queue its role cannot send to',
      },
      {
        failure: 'Missing Lambda invoke permission for dataProcessor',
        ruleId: 'IAM-004',
        resourceId: 'ProjectXDataProcessorFunction',
        property: 'Environment.Variables.RESPONSE_HANDLER_FUNCTION',
      },
    ],
    notCovered: [],
    // The seed's fix: a KMS key with a "proper key policy for CloudWatch Logs",
    // and dead-letter queues that need retention, an alarm and sqs:SendMessage.
    fixedChecks: [
      'ENC-002',
      'ENC-007',
      'DLQ-003',
      'DLQ-004',
      'ALM-002',
      'ALM-003',
    ],
  },
  {
    seed: '001',
    expected: [
      {
        failure: 'Issue 1: Missing X-Ray Policy Attachments',
        ruleId: 'IAM-005',
        resourceId: 'ValidationLambda',
      },
      {
        failure: 'Issue 1: Missing X-Ray Policy Attachments',
        ruleId: 'IAM-005',
        resourceId: 'ProcessingLambda',
      },
      {
        failure: 'Issue 2: Missing Dead Letter Queue',
        ruleId: 'DLQ-001',
        resourceId: 'ProcessingLambda',
      },
      {
        failure: 'Issue 2: Missing Dead Letter Queue (14-day retention)',
        ruleId: 'DLQ-003',
        resourceId: 'OrderDLQ',
        example: 'seed-004-failing',
        note: 'the seed-001 failing stack has no queue at all; the retention requirement is asserted on seed-004-failing, whose dead-letter queue keeps the 4-day default (and seed-001-fixed keeps 14 days, so no DLQ-003 there)',
      },
      {
        failure: 'Issue 3: Missing CloudWatch Log Groups',
        ruleId: 'LOG-001',
        resourceId: 'ValidationLambda',
      },
      {
        failure: 'Issue 3: Missing CloudWatch Log Groups',
        ruleId: 'LOG-001',
        resourceId: 'ProcessingLambda',
      },
      {
        failure:
          'Issue 4: Missing SNS Publish Permission for Validation Lambda',
        ruleId: 'IAM-004',
        resourceId: 'ValidationLambda',
        property: 'Environment.Variables.SNS_TOPIC_ARN',
      },
      {
        failure: 'Issue 5: Missing Dead Letter Config on Processing Lambda',
        ruleId: 'DLQ-001',
        resourceId: 'ProcessingLambda',
      },
      {
        failure: 'Issue 6: Missing DynamoDB Write Permissions',
        ruleId: 'IAM-004',
        resourceId: 'ProcessingLambda',
        property: 'Environment.Variables.DYNAMODB_TABLE_NAME',
      },
      {
        failure: 'Issue 7: Missing API Gateway Throttling Configuration',
        ruleId: 'OPS-001',
        resourceId: 'ApiStage',
      },
      {
        failure: 'Issue 8: Missing CloudWatch Alarms for Lambda Errors',
        ruleId: 'ALM-001',
        resourceId: 'ValidationLambda',
      },
      {
        failure: 'Issue 8: Missing CloudWatch Alarms for Lambda Errors',
        ruleId: 'ALM-001',
        resourceId: 'ProcessingLambda',
      },
      {
        failure: 'Issue 9: Hardcoded Region in API URL',
        ruleId: 'OPS-002',
        resourceId: 'Outputs.ApiUrl',
      },
      {
        failure: 'Issue 10: Incomplete Output Registration',
        ruleId: 'OPS-007',
        resourceId: 'TransactionTopic',
      },
    ],
    notCovered: [],
    // Issue 2's 14-day retention, Issue 6's sqs:SendMessage, alarms with actions.
    fixedChecks: [
      'DLQ-003',
      'DLQ-004',
      'ALM-002',
      'ALM-003',
      'ENC-002',
      'LOG-004',
    ],
  },
  {
    seed: '002',
    expected: [
      {
        failure:
          'Security and Compliance Gaps: IAM Role Naming (Security Failures: Explicit IAM Role Names)',
        ruleId: 'IAM-006',
        resourceId: 'LambdaExecutionRole',
        property: 'RoleName',
      },
      {
        failure: 'Security and Compliance Gaps: No S3 Bucket Policy',
        ruleId: 'ENC-006',
        resourceId: 'ReceiptsBucket',
      },
      {
        failure:
          'Security and Compliance Gaps: No Explicit Least-Privilege Policies (logs:*)',
        ruleId: 'IAM-002',
        resourceId: 'LambdaExecutionRole',
        property: 'Policies',
      },
      {
        failure:
          'Security and Compliance Gaps: No Explicit Least-Privilege Policies (S3 actions on Resource "*")',
        ruleId: 'IAM-003',
        resourceId: 'LambdaExecutionRole',
        property: 'Policies',
      },
      {
        failure: 'Security and Compliance Gaps: No Resource Tagging',
        ruleId: 'OPS-003',
        resourceId: 'LambdaExecutionRole',
      },
      {
        failure: 'Security and Compliance Gaps: No Resource Tagging',
        ruleId: 'OPS-003',
        resourceId: 'ReceiptsFunction',
      },
      {
        failure: 'Security and Compliance Gaps: No Resource Tagging',
        ruleId: 'OPS-003',
        resourceId: 'ReceiptsBucket',
      },
      {
        failure: 'Security and Compliance Gaps: No Resource Tagging',
        ruleId: 'OPS-003',
        resourceId: 'ReceiptsApi',
      },
    ],
    notCovered: [
      {
        failure:
          'Outputs and Cross-Stack Integration: Outputs Only Basic Resources / Outputs ARN for Alarm',
        ruleId: 'OPS-006',
        reason:
          'the failing stack exports its API URL, so OPS-006 (no identifier of any API, table, queue or topic exported) passes; which outputs beyond that, and alarm name versus ARN, no rule judges.',
      },
      {
        failure:
          'Networking and High Availability Deficiencies (no VPC, subnets, security groups, networking outputs, multi-region)',
        reason:
          'a design choice, not a failure in the rule catalog: a Lambda function outside a VPC is the default and often right.',
      },
      {
        failure:
          'Resource Configuration and Operational Gaps: No Inline Lambda Code / Infrastructure Failures: No S3 Bucket Resource',
        reason:
          'the code bucket is a parameter the stack does not create; whether it exists at deploy time cannot be known from the template, and S3-packaged code is not a failure.',
      },
      {
        failure:
          'No Guidance for ACM/DomainName / Custom Domain Resource Always Created',
        reason:
          'whether a certificate is valid is deploy-time state; an unconditional custom domain is not a failure the catalog defines.',
      },
      {
        failure: 'No Outputs for Parameter Values',
        reason:
          'parameter values are known to the caller; no rule asks for them as outputs.',
      },
    ],
    // Least privilege: no wildcard actions or resources, roles can use what they are given.
    fixedChecks: ['IAM-004', 'IAM-007', 'ENC-002', 'LOG-001', 'OPS-001'],
  },
  {
    seed: '004',
    expected: [
      {
        failure:
          'Common Architecture Failures: Missing DLQ Configuration (no redrive policy)',
        ruleId: 'DLQ-002',
        resourceId: 'OrderQueue',
      },
      {
        failure:
          'Common Architecture Failures: Missing DLQ Configuration (dead-letter queue wired to the function, role cannot send to it)',
        ruleId: 'DLQ-004',
        resourceId: 'OrderProcessorFunction',
        property: 'DeadLetterConfig',
        notApplicableWhenFixed:
          "the fix moves the dead-letter queue to the order queue's redrive policy: the function, fed only by SQS, has no dead-letter target",
      },
      {
        failure:
          'Architecture Improvements: Complete DLQ Implementation (appropriate message retention)',
        ruleId: 'DLQ-003',
        resourceId: 'OrderDLQ',
      },
      {
        failure:
          'Common Architecture Failures: Inadequate Error Handling (Reliability Features: Batch Processing with Partial Failures)',
        ruleId: 'DLQ-005',
        resourceId: 'OrderQueueEventSourceMapping',
      },
      {
        failure: 'Security Vulnerabilities: Broad IAM Policies (dynamodb:*)',
        ruleId: 'IAM-002',
        resourceId: 'OrderProcessorRole',
        property: 'Policies',
      },
      {
        failure: 'Security Vulnerabilities: Broad IAM Policies (Resource "*")',
        ruleId: 'IAM-003',
        resourceId: 'OrderProcessorRole',
        property: 'Policies',
      },
      {
        failure: 'Cost Inefficiency Issues: No Log Retention',
        ruleId: 'LOG-002',
        resourceId: 'OrderProcessorLogGroup',
      },
      {
        failure:
          'Monitoring and Observability Gaps: Missing Alarms (function errors)',
        ruleId: 'ALM-001',
        resourceId: 'OrderProcessorFunction',
      },
      {
        failure:
          'Monitoring and Observability Gaps: Missing Alarms (dead-letter queue)',
        ruleId: 'ALM-002',
        resourceId: 'OrderDLQ',
      },
      {
        failure: 'Security Vulnerabilities: Missing Encryption (order queue)',
        ruleId: 'ENC-003',
        resourceId: 'OrderQueue',
      },
      {
        failure:
          'Security Vulnerabilities: Missing Encryption (dead-letter queue)',
        ruleId: 'ENC-003',
        resourceId: 'OrderDLQ',
      },
      {
        failure: 'Security Vulnerabilities: Missing Encryption (table)',
        ruleId: 'ENC-005',
        resourceId: 'OrdersTable',
      },
      {
        failure: 'Reliability Concerns: No Backup Strategy',
        ruleId: 'OPS-004',
        resourceId: 'OrdersTable',
      },
    ],
    notCovered: [
      {
        failure:
          'Cost Inefficiency Issues: Provisioned Capacity / Oversized Lambda',
        reason:
          'cost sizing depends on the workload; the catalog has no rule for billing mode or memory size.',
      },
      {
        failure:
          'Monitoring and Observability Gaps: Inadequate Metrics / No Dashboard',
        reason:
          'no rule requires custom metrics or a dashboard; the alarms the catalog requires are asserted above.',
      },
      {
        failure:
          'Security Vulnerabilities: Hardcoded Values (sensitive data in templates)',
        reason:
          'the placeholder review names no value; OPS-002 covers hardcoded regions and account IDs (asserted on seed-001-failing), and the failing example embeds no secret.',
      },
      {
        failure:
          'Reliability Concerns: No Retry Logic / Single Point of Failure',
        reason:
          'Lambda and SQS retry and span availability zones by themselves; the redrive that bounds retries is DLQ-002, asserted above.',
      },
    ],
    // Redrive to a dead-letter queue that keeps 14 days, a consumer allowed to read the queue.
    fixedChecks: ['DLQ-006', 'IAM-008', 'IAM-004', 'ENC-002', 'ENC-007'],
  },
];

const scans = new Map<string, Promise<ScanResult>>();

/** Scans an example once, however many tests read it. */
function scanExample(name: string): Promise<ScanResult> {
  let scan = scans.get(name);
  if (!scan) {
    scan = scanPath(path.join(EXAMPLES, name));
    scans.set(name, scan);
  }
  return scan;
}

function describeFinding(finding: Finding): string {
  const where = `${finding.file}:${finding.line}`;
  const property = finding.property ? ` ${finding.property}` : '';
  const suppressed = finding.suppressed
    ? ` (suppressed: ${finding.suppressed.reason})`
    : '';
  return `  ${finding.ruleId} ${finding.severity} ${finding.resourceId}${property} at ${where}${suppressed}: ${finding.message}`;
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.length
    ? findings.map(describeFinding).join('\n')
    : '  (none)';
}

function matches(finding: Finding, expected: Expected): boolean {
  return (
    finding.ruleId === expected.ruleId &&
    finding.resourceId === expected.resourceId &&
    (expected.property === undefined ||
      (finding.property ?? '').startsWith(expected.property))
  );
}

describe.each(SEEDS)(
  'seed $seed',
  ({ seed, expected, notCovered, fixedChecks }) => {
    const failing = `seed-${seed}-failing`;
    const fixed = `seed-${seed}-fixed`;

    it.each([failing, fixed])(
      '%s is one CloudFormation template that parses',
      async name => {
        const result = await scanExample(name);
        const parseErrors = result.findings.filter(
          f => f.ruleId === 'PARSE-001',
        );
        expect(
          parseErrors.length
            ? `${name} does not parse:\n${describeFindings(parseErrors)}`
            : undefined,
        ).toBeUndefined();
        expect(result.files).toEqual([
          {
            path: 'template.yaml',
            format: 'cloudformation',
            resources: expect.any(Number),
          },
        ]);
        expect(result.files[0].resources).toBeGreaterThan(0);
      },
    );

    describe(`${failing} carries every failure the seed names`, () => {
      it.each(
        expected.map(e => ({
          ...e,
          where: e.example ?? failing,
          on: e.property ? `${e.resourceId}.${e.property}` : e.resourceId,
        })),
      )('$ruleId on $on in $where: $failure', async entry => {
        const result = await scanExample(entry.where);
        const found = result.findings.filter(
          f => matches(f, entry) && !f.suppressed,
        );
        const sameRule = result.findings.filter(f => f.ruleId === entry.ruleId);
        const sameResource = result.findings.filter(
          f => f.resourceId === entry.resourceId,
        );
        const problem = found.length
          ? undefined
          : `Seed ${seed} "${entry.failure}": expected an unsuppressed ${entry.ruleId} finding on ${entry.resourceId}` +
            `${entry.property ? ` (property ${entry.property}...)` : ''} in ${
              entry.where
            }${entry.note ? ` (${entry.note})` : ''}.\n` +
            `${entry.ruleId} findings in ${entry.where}:\n${describeFindings(
              sameRule,
            )}\n` +
            `Findings on ${entry.resourceId}:\n${describeFindings(
              sameResource,
            )}`;
        expect(problem).toBeUndefined();
      });

      const considered = notCovered.filter(item => item.ruleId);
      if (considered.length) {
        it.each(considered)('$ruleId does not apply: $failure', async item => {
          const result = await scanExample(failing);
          const found = result.findings.filter(f => f.ruleId === item.ruleId);
          const problem = found.length
            ? `Seed ${seed} "${item.failure}" is documented as not covered by ${item.ruleId} (${item.reason}), ` +
              `but ${failing} has:\n${describeFindings(
                found,
              )}\nMove it to the expected findings.`
            : undefined;
          expect(problem).toBeUndefined();
        });
      }

      const documented = notCovered.filter(item => !item.ruleId);
      if (documented.length) {
        // Listed so that the test output shows every failure of the seed and its fate.
        it.each(documented)('not a rule: $failure', item => {
          expect(item.reason).toMatch(/\w+ \w+ \w+/);
        });
      }
    });

    describe(`${fixed} applies the fixes`, () => {
      it('has no finding in the core categories (dlq, alarms, encryption, iam, logging)', async () => {
        const result = await scanExample(fixed);
        const core = result.findings.filter(f =>
          CORE_CATEGORIES.includes(f.category),
        );
        expect(
          core.length
            ? `${fixed} has ${
                core.length
              } core-category finding(s):\n${describeFindings(core)}`
            : undefined,
        ).toBeUndefined();
      });

      it("has none of the failing version's seed findings", async () => {
        const result = await scanExample(fixed);
        const remaining = result.findings.filter(f =>
          expected.some(e => !e.example && matches(f, e)),
        );
        expect(
          remaining.length
            ? `${fixed} still has findings the seed's fixes remove:\n${describeFindings(
                remaining,
              )}`
            : undefined,
        ).toBeUndefined();
      });

      it("is checked by, and passes, the rules of the seed's failures and fixes", async () => {
        const result = await scanExample(fixed);
        const rules = [
          ...new Set([
            ...expected
              .filter(e => !e.example && !e.notApplicableWhenFixed)
              .map(e => e.ruleId),
            ...fixedChecks,
          ]),
        ];
        const unchecked = rules.filter(
          ruleId => !result.checks.some(c => c.ruleId === ruleId),
        );
        const failed = rules.filter(ruleId =>
          result.checks.some(c => c.ruleId === ruleId && !c.passed),
        );
        expect({ unchecked, failed }).toEqual({ unchecked: [], failed: [] });
      });

      it('keeps operations findings few', async () => {
        const result = await scanExample(fixed);
        const operations = result.findings.filter(
          f => f.category === 'operations',
        );
        expect(
          operations.length > 2
            ? `${fixed} has ${
                operations.length
              } operations findings:\n${describeFindings(operations)}`
            : undefined,
        ).toBeUndefined();
      });
    });
  },
);
