/**
 * examples/cdk-orders-{failing,fixed}: a CDK app with representative
 * failures (named in its comments) and its fix, read from the TypeScript.
 */
import path from 'node:path';
import {
  CORE_CATEGORIES,
  Finding,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanPath } from './engine/scan';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const NOW = new Date('2026-06-01T00:00:00Z');

const summary = (findings: Finding[]) =>
  findings.map(f => `${f.ruleId} ${f.resourceId}`).sort();

describe('the CDK orders example', () => {
  it('cdk-orders-failing carries the failures its comments name', async () => {
    const result = await scanPath(path.join(EXAMPLES, 'cdk-orders-failing'), {
      now: NOW,
    });
    expect(result.files.map(file => [file.path, file.format])).toEqual([
      ['bin/app.ts', 'cdk'],
      ['lib/stack.ts', 'cdk'],
    ]);
    expect(summary(result.findings)).toEqual([
      'ALM-001 Notifier',
      'ALM-001 OrderProcessor',
      'ALM-002 FailedOrders',
      'DLQ-001 Notifier',
      'DLQ-002 WorkQueue',
      'DLQ-003 FailedOrders',
      'DLQ-005 Notifier/SqsEventSource:OrdersStackWorkQueue704F81EC',
      'DLQ-006 WorkQueue',
      'ENC-004 OrdersTopic',
      'ENC-005 OrdersTable',
      'IAM-004 OrderProcessor',
      'LOG-001 Notifier',
      'LOG-001 OrderProcessor',
      'LOG-003 Notifier',
      'OPS-004 OrdersTable',
      'OPS-007 FailedOrders',
      'OPS-007 OrdersTable',
      'OPS-007 WorkQueue',
    ]);
    const iam004 = result.findings.find(f => f.ruleId === 'IAM-004')!;
    expect([iam004.file, iam004.line, iam004.property]).toEqual([
      'lib/stack.ts',
      53,
      'Environment.Variables.TABLE_NAME',
    ]);
  });

  it('cdk-orders-fixed has no finding at all', async () => {
    const result = await scanPath(path.join(EXAMPLES, 'cdk-orders-fixed'), {
      now: NOW,
    });
    expect(summary(result.findings)).toEqual([]);
    const core = result.checks.filter(check =>
      CORE_CATEGORIES.includes(check.category),
    );
    expect(core.length).toBeGreaterThan(30);
  });
});
