/**
 * Seed 001 is a Pulumi TypeScript program. seeds.test.ts checks its
 * CloudFormation equivalent (examples/seed-001-*); this test checks the
 * program itself (examples/seed-001-pulumi-*): the same rules must report
 * on the same logical resources, which the program names by their
 * variables (its Pulumi names depend on configuration).
 */
import path from 'node:path';
import {
  CORE_CATEGORIES,
  Finding,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanPath } from './engine/scan';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const NOW = new Date('2026-06-01T00:00:00Z');

/** CloudFormation logical id (seeds.test.ts) → the Pulumi program's resource id. */
const PULUMI_IDS: Record<string, string> = {
  ValidationLambda: 'validationLambda',
  ProcessingLambda: 'processingLambda',
  ApiStage: 'stage',
  WebhookApi: 'api',
  TransactionTopic: 'transactionTopic',
  'Outputs.ApiUrl': 'Outputs.apiUrl',
};

/** Seed 001's table in seeds.test.ts (failures found on the failing example itself). */
const EXPECTED: {
  failure: string;
  ruleId: string;
  resourceId: string;
  property?: string;
}[] = [
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
    failure: 'Issue 4: Missing SNS Publish Permission for Validation Lambda',
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
];

/** What the fixes bring in, checked and passing on the fixed program (as for the CloudFormation version). */
const FIXED_CHECKS = [
  'DLQ-003',
  'DLQ-004',
  'ALM-002',
  'ALM-003',
  'ENC-002',
  'LOG-004',
];

const describeFindings = (findings: Finding[]) =>
  findings
    .map(
      f =>
        `  ${f.ruleId} ${f.resourceId}${f.property ? `.${f.property}` : ''} (${
          f.file
        }:${f.line})`,
    )
    .join('\n') || '  (none)';

describe('seed 001 as a Pulumi program', () => {
  it.each(EXPECTED)(
    'seed-001-pulumi-failing: $ruleId on $resourceId ($failure)',
    async expected => {
      const result = await scanPath(
        path.join(EXAMPLES, 'seed-001-pulumi-failing'),
        { now: NOW },
      );
      const resourceId = PULUMI_IDS[expected.resourceId];
      const found = result.findings.filter(
        f =>
          f.ruleId === expected.ruleId &&
          f.resourceId === resourceId &&
          !f.suppressed &&
          (!expected.property || f.property?.startsWith(expected.property)),
      );
      expect(
        found.length
          ? undefined
          : `no ${
              expected.ruleId
            } on ${resourceId}; findings:\n${describeFindings(
              result.findings,
            )}`,
      ).toBeUndefined();
      expect(
        found.every(f => f.format === 'pulumi' && f.file === 'index.ts'),
      ).toBe(true);
    },
  );

  it('reports the same seed findings as the CloudFormation version, on the same resources', async () => {
    const rules = [...new Set(EXPECTED.map(e => e.ruleId))];
    const [pulumi, cloudFormation] = await Promise.all([
      scanPath(path.join(EXAMPLES, 'seed-001-pulumi-failing'), {
        rules,
        now: NOW,
      }),
      scanPath(path.join(EXAMPLES, 'seed-001-failing'), { rules, now: NOW }),
    ]);
    const key = (f: Finding) => `${f.ruleId} ${f.resourceId}`;
    expect(pulumi.findings.map(key).sort()).toEqual(
      cloudFormation.findings
        .map(f =>
          key({ ...f, resourceId: PULUMI_IDS[f.resourceId] ?? f.resourceId }),
        )
        .sort(),
    );
  });

  describe('seed-001-pulumi-fixed', () => {
    it('has no finding in the core categories, nor any of the seed findings', async () => {
      const result = await scanPath(
        path.join(EXAMPLES, 'seed-001-pulumi-fixed'),
        { now: NOW },
      );
      const remaining = result.findings.filter(
        f =>
          CORE_CATEGORIES.includes(f.category) ||
          EXPECTED.some(
            e =>
              e.ruleId === f.ruleId &&
              PULUMI_IDS[e.resourceId] === f.resourceId,
          ),
      );
      expect(describeFindings(remaining)).toBe('  (none)');
    });

    it("is checked by, and passes, the rules of the seed's failures and fixes", async () => {
      const result = await scanPath(
        path.join(EXAMPLES, 'seed-001-pulumi-fixed'),
        { now: NOW },
      );
      const rules = [
        ...new Set([...EXPECTED.map(e => e.ruleId), ...FIXED_CHECKS]),
      ];
      const unchecked = rules.filter(
        ruleId => !result.checks.some(c => c.ruleId === ruleId),
      );
      const failed = rules.filter(ruleId =>
        result.checks.some(c => c.ruleId === ruleId && !c.passed),
      );
      expect({ unchecked, failed }).toEqual({ unchecked: [], failed: [] });
    });
  });
});
