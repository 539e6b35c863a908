import {
  Finding,
  ScanReport,
  computeScorecard,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** A finding of a catalog rule with plausible defaults. */
export function finding(
  ruleId: string,
  overrides: Partial<Finding> = {},
): Finding {
  const meta = getRuleMetadata(ruleId)!;
  return {
    ruleId,
    severity: meta.severity,
    category: meta.category,
    file: 'template.yaml',
    line: 10,
    resourceId: 'OrderProcessor',
    resourceType: 'AWS::Lambda::Function',
    message: `${ruleId} failed on OrderProcessor.`,
    remediation: meta.remediation.summary,
    fingerprint: `${ruleId.toLowerCase().replace('-', '')}`.padEnd(32, '0'),
    confidence: 'high',
    format: 'cloudformation',
    ...overrides,
  };
}

/** A report of no file, finding or check, with what `parts` gives. */
export function reportWith(parts: Partial<ScanReport> = {}): ScanReport {
  return {
    version: 1,
    files: [],
    skipped: [],
    findings: [],
    scorecard: computeScorecard([]),
    ...parts,
  };
}

/**
 * What a scan did not judge: a file too large, one the scanner failed on, a
 * CDK program that makes what is not modelled and a Pulumi one that makes
 * nothing of it.
 */
export function notJudged(): Pick<ScanReport, 'skipped' | 'programs'> {
  return {
    skipped: [
      { path: 'big.json', reason: 'larger than 20971520 bytes' },
      {
        path: 'stack.yaml',
        reason:
          'not scanned: the scanner failed on it (internal error: boom); please report it',
        internalError: true,
      },
    ],
    programs: [
      {
        format: 'cdk',
        project: 'network/cdk.json',
        main: 'network/bin/app.ts',
        files: ['network/bin/app.ts'],
        notModelled: [
          { type: 'aws-ec2.Vpc', count: 1 },
          { type: 'aws-efs.FileSystem', count: 2 },
        ],
      },
      {
        format: 'pulumi',
        project: 'jobs/Pulumi.yaml',
        main: 'jobs/index.ts',
        files: ['jobs/index.ts'],
      },
    ],
  };
}

/** A report with one finding per severity, a suppressed one and a parse error. */
export function sampleReport(): ScanReport & {
  checks: unknown[];
  durationMs: number;
} {
  const findings: Finding[] = [
    finding('IAM-004', {
      line: 42,
      property: 'Environment.Variables.TOPIC_ARN',
    }),
    finding('DLQ-001', { line: 7 }),
    finding('LOG-002', {
      file: 'infra/logs stack.yaml',
      line: 3,
      resourceId: 'OrderLogs',
      resourceType: 'AWS::Logs::LogGroup',
      suppressed: { kind: 'inline', reason: 'legal hold' },
    }),
    finding('OPS-003', { line: 12, confidence: 'partial' }),
    finding('PARSE-001', {
      file: 'broken.yaml',
      line: 5,
      resourceId: '',
      resourceType: '',
      message:
        'CloudFormation parse error in broken.yaml: unexpected end of the stream',
    }),
  ];
  const checks = [
    {
      ruleId: 'IAM-004',
      category: 'iam' as const,
      severity: 'critical' as const,
      passed: false,
    },
    {
      ruleId: 'DLQ-001',
      category: 'dlq' as const,
      severity: 'high' as const,
      passed: false,
    },
    {
      ruleId: 'DLQ-001',
      category: 'dlq' as const,
      severity: 'high' as const,
      passed: true,
    },
    {
      ruleId: 'LOG-002',
      category: 'logging' as const,
      severity: 'medium' as const,
      passed: true,
    },
    {
      ruleId: 'OPS-003',
      category: 'operations' as const,
      severity: 'low' as const,
      passed: false,
    },
    {
      ruleId: 'PARSE-001',
      category: 'parsing' as const,
      severity: 'high' as const,
      passed: false,
    },
  ];
  return {
    version: 1,
    files: [
      { path: 'broken.yaml', format: 'cloudformation', resources: 0 },
      { path: 'infra/logs stack.yaml', format: 'cloudformation', resources: 1 },
      { path: 'template.yaml', format: 'cloudformation', resources: 4 },
    ],
    skipped: [{ path: 'big.json', reason: 'larger than 20971520 bytes' }],
    findings,
    checks,
    scorecard: computeScorecard(checks),
    durationMs: 12,
  };
}
