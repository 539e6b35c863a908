/**
 * Seed 000 written in Terraform (examples/seed-000-terraform-*): the failing
 * version carries every seed-000 failure under the same rule ids as the
 * CloudFormation version (seeds.test.ts), the fixed one none in the core
 * categories.
 */
import path from 'node:path';
import { CORE_CATEGORIES } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanPath } from '../../engine/scan';

const EXAMPLES = path.resolve(__dirname, '../../../../../examples');

const EXPECTED = [
  {
    failure: 'Shared IAM role',
    ruleId: 'IAM-001',
    resourceId: 'aws_lambda_function.data_processor',
    property: 'Role',
    line: 62,
  },
  {
    failure: 'Shared IAM role',
    ruleId: 'IAM-001',
    resourceId: 'aws_lambda_function.response_handler',
    property: 'Role',
    line: 80,
  },
  {
    failure: 'Missing KMS encryption for CloudWatch Logs',
    ruleId: 'ENC-001',
    resourceId: 'aws_cloudwatch_log_group.data_processor',
    line: 91,
  },
  {
    failure: 'Missing KMS encryption for CloudWatch Logs',
    ruleId: 'ENC-001',
    resourceId: 'aws_cloudwatch_log_group.response_handler',
    line: 96,
  },
  {
    failure: 'No dead-letter queues',
    ruleId: 'DLQ-001',
    resourceId: 'aws_lambda_function.data_processor',
    line: 55,
  },
  {
    failure: 'No dead-letter queues',
    ruleId: 'DLQ-001',
    resourceId: 'aws_lambda_function.response_handler',
    line: 73,
  },
  {
    failure: 'No alarms on Lambda errors',
    ruleId: 'ALM-001',
    resourceId: 'aws_lambda_function.data_processor',
    line: 55,
  },
  {
    failure: 'No alarms on Lambda errors',
    ruleId: 'ALM-001',
    resourceId: 'aws_lambda_function.response_handler',
    line: 73,
  },
  {
    failure: 'Missing Lambda invoke permission for dataProcessor',
    ruleId: 'IAM-004',
    resourceId: 'aws_lambda_function.data_processor',
    property: 'Environment.Variables.RESPONSE_HANDLER_FUNCTION',
    line: 67,
  },
];

describe('seed 000 in Terraform', () => {
  it('finds every seed-000 failure on the failing version, at its line', async () => {
    const report = await scanPath(
      path.join(EXAMPLES, 'seed-000-terraform-failing'),
    );
    expect(report.files).toEqual([
      { path: 'main.tf', format: 'terraform', resources: 5 },
    ]);
    for (const expected of EXPECTED) {
      const found = report.findings.filter(
        f =>
          f.ruleId === expected.ruleId &&
          f.resourceId === expected.resourceId &&
          !f.suppressed,
      );
      expect({
        failure: expected.failure,
        found: found.map(f => ({ line: f.line, property: f.property })),
      }).toEqual({
        failure: expected.failure,
        found: [{ line: expected.line, property: expected.property }],
      });
      expect(found[0].format).toBe('terraform');
    }
  });

  it('finds nothing in the core categories on the fixed version', async () => {
    const report = await scanPath(
      path.join(EXAMPLES, 'seed-000-terraform-fixed'),
    );
    const core = report.findings.filter(f =>
      (CORE_CATEGORIES as readonly string[]).includes(f.category),
    );
    expect(core.map(f => `${f.ruleId} ${f.resourceId}: ${f.message}`)).toEqual(
      [],
    );
    // The fixes are checked, not merely absent: DLQ retention, alarms and KMS key policy rules ran.
    const checked = new Set(
      report.checks.filter(c => c.passed).map(c => c.ruleId),
    );
    for (const ruleId of [
      'DLQ-001',
      'DLQ-003',
      'DLQ-004',
      'ALM-001',
      'ALM-002',
      'ENC-001',
      'ENC-002',
      'IAM-001',
      'IAM-004',
    ]) {
      expect(checked).toContain(ruleId);
    }
  });
});
