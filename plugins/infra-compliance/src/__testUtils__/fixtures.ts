/**
 * Realistic API answers for seed-000-failing (CloudFormation, scanned twice),
 * in the shapes of the backend's OpenAPI file.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  CATEGORIES,
  RULE_CATALOG,
  SCORECARD_FORMULA,
  SEVERITIES,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import type {
  EntityHistory,
  EntityScorecard,
  FindingRecord,
  GroupRollup,
  OwnerSummary,
  Rollup,
  RuleCatalog,
  OverviewItem,
  Scan,
  Waiver,
} from '../api';

export const ENTITY_REF = 'component:default/seed-000-failing';

export const githubEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'seed-000-failing',
    namespace: 'default',
    annotations: {
      'backstage.io/source-location':
        'url:https://github.com/acme/seed-000/tree/main/',
    },
  },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'platform-team' },
};

export const localEntity: Entity = {
  ...githubEntity,
  metadata: {
    ...githubEntity.metadata,
    annotations: {
      'backstage.io/managed-by-location':
        'file:/work/main/examples/seed-000-failing/catalog-info.yaml',
    },
  },
};

/** The source location of localEntity's scans: its folder, on the backend's host. */
export const localSource = {
  type: 'dir',
  target: '/work/main/examples/seed-000-failing',
};

export const groupEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

/** A scan's counts when it judged nothing: no infrastructure code found, or nothing any rule applies to. */
export const nothingJudged: NonNullable<Scan['counts']> = {
  filesScanned: 0,
  filesSkipped: 0,
  checks: 0,
  findings: 0,
  new: 0,
  reopened: 0,
  resolved: 0,
};

export const succeededScan: Scan = {
  id: '6f1c7f4e-8d0b-4a53-9d1e-4c8a2e1b7a10',
  entityRef: ENTITY_REF,
  trigger: 'schedule',
  status: 'succeeded',
  source: {
    type: 'url',
    target: 'https://github.com/acme/seed-000/tree/main/',
  },
  createdAt: '2026-11-20T08:00:00.000Z',
  startedAt: '2026-11-20T08:00:01.000Z',
  finishedAt: '2026-11-20T08:00:03.000Z',
  durationMs: 2000,
  counts: {
    filesScanned: 1,
    filesSkipped: 0,
    checks: 24,
    findings: 3,
    new: 1,
    reopened: 0,
    resolved: 1,
  },
  // A template alone: read to the end, every resource modelled.
  coverage: { skipped: [], notModelled: [] },
};

/**
 * The scheduler's scan under way, as the scorecard reports it beside the
 * last scan (its `runningScan`): the fake API's scan, which its `getScan`
 * follows.
 */
export const scanUnderWay: Scan = {
  id: 'b7a1e2c3-0000-4000-8000-00000000000f',
  entityRef: ENTITY_REF,
  trigger: 'schedule',
  status: 'running',
  createdAt: '2026-11-21T09:00:00.000Z',
};

/**
 * A scan of a repository with a CDK app and a Pulumi program beside the
 * template, which did not judge everything it read: two files skipped, and
 * what the programs create that the engine does not model.
 */
export const partlyJudgedScan: Scan = {
  ...succeededScan,
  counts: { ...succeededScan.counts!, filesScanned: 9, filesSkipped: 2 },
  coverage: {
    skipped: [
      {
        path: 'batch/cdk.json',
        reason:
          'the CDK app runs `python3 app.py`, which names no TypeScript or JavaScript entry point: only TypeScript and JavaScript apps are read',
      },
      {
        path: 'fixtures/huge.template.json',
        reason: 'larger than 20971520 bytes',
      },
    ],
    notModelled: [
      {
        program: 'edge/Pulumi.yaml',
        format: 'pulumi',
        types: [{ type: 'aws.apigateway.Resource', count: 1 }],
      },
      {
        program: 'svc/cdk.json',
        format: 'cdk',
        types: [
          { type: 'aws-ec2.Vpc', count: 2 },
          { type: 'aws-ecs.Cluster', count: 1 },
        ],
      },
    ],
  },
};

/**
 * The entity's scans as GET /entities/{kind}/{namespace}/{name}/scans lists
 * them: newest first, without their coverage; the scorecard's last scan
 * first, then one of each other trigger and ending.
 */
export const recentScans: Scan[] = [
  { ...succeededScan, coverage: undefined },
  {
    id: '2d0f3b9a-51c4-4e8e-9a7b-0c1d2e3f4a51',
    entityRef: ENTITY_REF,
    trigger: 'push',
    status: 'unchanged',
    source: succeededScan.source,
    etag: 'W/"3f2a9c"',
    previousEtag: 'W/"3f2a9c"',
    createdAt: '2026-11-19T16:42:10.000Z',
    startedAt: '2026-11-19T16:42:11.000Z',
    finishedAt: '2026-11-19T16:42:12.000Z',
    durationMs: 1000,
  },
  {
    id: '8c4e1a7d-2b3f-4c5d-8e9f-a0b1c2d3e4f5',
    entityRef: ENTITY_REF,
    trigger: 'manual',
    requestedBy: 'user:default/jane.doe',
    status: 'failed',
    source: succeededScan.source,
    createdAt: '2026-11-19T10:15:00.000Z',
    startedAt: '2026-11-19T10:15:00.000Z',
    // Its process stopped (a restart): the backend records no duration.
    finishedAt: '2026-11-19T10:25:00.000Z',
    error: 'Interrupted: the scan stopped without finishing',
  },
  {
    id: '4b9d2f60-7a1e-4f3c-b5d8-1e2f3a4b5c6d',
    entityRef: ENTITY_REF,
    trigger: 'manual',
    requestedBy: 'external:ci-bot',
    status: 'succeeded',
    source: succeededScan.source,
    createdAt: '2026-11-18T14:05:00.000Z',
    startedAt: '2026-11-18T14:05:01.000Z',
    finishedAt: '2026-11-18T14:06:13.000Z',
    durationMs: 72000,
    counts: {
      filesScanned: 1,
      filesSkipped: 0,
      checks: 24,
      findings: 3,
      new: 0,
      reopened: 1,
      resolved: 1,
    },
  },
  {
    id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    entityRef: ENTITY_REF,
    trigger: 'new-entity',
    status: 'succeeded',
    source: succeededScan.source,
    createdAt: '2026-11-18T09:30:00.000Z',
    startedAt: '2026-11-18T09:30:00.000Z',
    finishedAt: '2026-11-18T09:30:03.000Z',
    durationMs: 3400,
    counts: {
      filesScanned: 1,
      filesSkipped: 0,
      checks: 24,
      findings: 3,
      new: 3,
      reopened: 0,
      resolved: 0,
    },
  },
];

export const scorecard: EntityScorecard = {
  entityRef: ENTITY_REF,
  entity: {
    entityRef: ENTITY_REF,
    kind: 'component',
    namespace: 'default',
    name: 'seed-000-failing',
    owner: 'group:default/platform-team',
    system: 'system:default/projectx',
    scannable: true,
    source: {
      type: 'url',
      target: 'https://github.com/acme/seed-000/tree/main/',
    },
  },
  grade: 'D',
  score: 62,
  categories: {
    dlq: { score: 0, passed: 0, failed: 2, open: 2 },
    alarms: { score: 50, passed: 2, failed: 2, open: 2 },
    encryption: { score: 80, passed: 4, failed: 1, open: 1 },
    iam: { score: 100, passed: 6, failed: 0, open: 0 },
    logging: { score: 100, passed: 2, failed: 0, open: 0 },
    operations: { score: null, passed: 0, failed: 0, open: 0 },
  },
  open: { critical: 0, high: 2, medium: 1, low: 0, total: 3 },
  waived: 0,
  suppressed: 0,
  resolved: 1,
  lastScan: succeededScan,
  lastSuccessfulScan: succeededScan,
  lastCompletedScan: succeededScan,
  formula: SCORECARD_FORMULA,
};

export const findings: FindingRecord[] = [
  {
    id: 11,
    entityRef: ENTITY_REF,
    fingerprint: 'a3f9c2d1e4b5a6c7',
    status: 'open',
    ruleId: 'DLQ-001',
    title: 'Asynchronously invoked function without a dead-letter queue',
    severity: 'high',
    category: 'dlq',
    format: 'cloudformation',
    confidence: 'high',
    file: 'template.yaml',
    line: 42,
    resourceId: 'DataProcessor',
    resourceType: 'AWS::Lambda::Function',
    message: 'DataProcessor has no DeadLetterConfig or OnFailure destination.',
    remediation: 'Add a DeadLetterConfig pointing at an SQS queue.',
    suppressed: false,
    waived: false,
    firstSeenAt: '2026-11-19T08:00:03.000Z',
    lastSeenAt: '2026-11-20T08:00:03.000Z',
  },
  {
    id: 12,
    entityRef: ENTITY_REF,
    fingerprint: 'b4e0d3c2f1a0b9c8',
    status: 'open',
    ruleId: 'ENC-001',
    title: 'Log group without a KMS key',
    severity: 'medium',
    category: 'encryption',
    format: 'cloudformation',
    confidence: 'high',
    file: 'template.yaml',
    line: 77,
    resourceId: 'DataProcessorLogGroup',
    resourceType: 'AWS::Logs::LogGroup',
    message: 'DataProcessorLogGroup has no KmsKeyId.',
    suppressed: false,
    waived: false,
    firstSeenAt: '2026-11-20T08:00:03.000Z',
    lastSeenAt: '2026-11-20T08:00:03.000Z',
  },
];

export const history: EntityHistory = {
  entityRef: ENTITY_REF,
  since: '2026-08-22T00:00:00.000Z',
  snapshots: [
    {
      scanId: '1d2c3b4a-0000-4000-8000-000000000001',
      takenAt: '2026-11-19T08:00:03.000Z',
      grade: 'E',
      score: 55,
      open: { critical: 0, high: 3, medium: 1, low: 0, total: 4 },
      new: 4,
      reopened: 0,
      resolved: 0,
    },
    {
      scanId: succeededScan.id,
      takenAt: '2026-11-20T08:00:03.000Z',
      grade: 'D',
      score: 62,
      open: { critical: 0, high: 2, medium: 1, low: 0, total: 3 },
      new: 1,
      reopened: 0,
      resolved: 1,
    },
  ],
  timeline: [
    { day: '2026-11-19', opened: 4, resolved: 0 },
    { day: '2026-11-20', opened: 1, resolved: 1 },
  ],
};

export const overviewItems: OverviewItem[] = [
  {
    ...scorecard.entity!,
    grade: 'D',
    score: 62,
    categoryScores: {
      dlq: 0,
      alarms: 50,
      encryption: 80,
      iam: 100,
      logging: 100,
      operations: null,
    },
    open: scorecard.open,
    waived: 0,
    lastScanAt: succeededScan.finishedAt,
    lastScanStatus: 'succeeded',
    lastSuccessAt: succeededScan.finishedAt,
  },
  {
    entityRef: 'component:default/seed-000-fixed',
    kind: 'component',
    namespace: 'default',
    name: 'seed-000-fixed',
    owner: 'group:default/platform-team',
    system: 'system:default/projectx',
    scannable: true,
    grade: 'A',
    score: 100,
    categoryScores: {
      dlq: 100,
      alarms: 100,
      encryption: 100,
      iam: 100,
      logging: 100,
      operations: 100,
    },
    open: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
    lastScanAt: succeededScan.finishedAt,
    lastScanStatus: 'succeeded',
  },
  {
    entityRef: 'component:default/orders-api',
    kind: 'component',
    namespace: 'default',
    name: 'orders-api',
    owner: 'group:default/orders-team',
    scannable: false,
    unscannableReason:
      'No backstage.io/source-location annotation, and the entity is not managed by a file: location',
    grade: null,
    score: null,
  },
];

/** The platform team's two services. */
const platformFigures: Rollup = {
  since: '2026-08-22T00:00:00.000Z',
  entityCount: 2,
  scannedCount: 2,
  averageScore: 81,
  grades: { A: 1, D: 1 },
  open: { critical: 0, high: 2, medium: 1, low: 0, total: 3 },
  openByCategory: {
    dlq: { critical: 0, high: 2, medium: 0, low: 0, total: 2 },
    encryption: { critical: 0, high: 0, medium: 1, low: 0, total: 1 },
  },
  waived: 0,
  resolvedTotal: 1,
  meanTimeToRemediateMs: 86_400_000,
  meanTimeToRemediateDays: 1,
  timeline: history.timeline,
  topRules: [
    {
      ruleId: 'DLQ-001',
      title: 'Asynchronously invoked function without a dead-letter queue',
      open: 2,
      services: 1,
    },
    {
      ruleId: 'ENC-001',
      title: 'Log group without a KMS key',
      open: 1,
      services: 1,
    },
  ],
};

export const groupRollup: GroupRollup = {
  group: 'group:default/platform-team',
  groups: ['group:default/platform-team'],
  ...platformFigures,
};

/** The catalog's roll-up: the two platform services and orders-api, not scannable. */
export const orgRollup: Rollup = {
  ...platformFigures,
  entityCount: 3,
  grades: { A: 1, D: 1, none: 1 },
};

/** GET /owners, best average score first. */
export const owners: OwnerSummary[] = [
  {
    owner: 'group:default/platform-team',
    entityCount: 2,
    scannedCount: 2,
    averageScore: 81,
    open: { critical: 0, high: 2, medium: 1, low: 0, total: 3 },
  },
  {
    owner: 'group:default/orders-team',
    entityCount: 1,
    scannedCount: 0,
    averageScore: null,
    open: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
  },
];

/** The entity's waivers, newest first: one per rule that applies, one per finding revoked. */
export const waivers: Waiver[] = [
  {
    id: '0e9d8c7b-0000-4000-8000-000000000002',
    entityRef: ENTITY_REF,
    ruleId: 'ENC-001',
    reason: 'Logs hold no customer data; the KMS key lands next quarter',
    author: 'user:default/alice',
    createdAt: '2026-11-20T10:00:00.000Z',
    expiresAt: '2099-03-31T23:59:59.000Z',
    active: true,
  },
  {
    id: '0e9d8c7b-0000-4000-8000-000000000001',
    entityRef: ENTITY_REF,
    fingerprint: 'a3f9c2d1e4b5a6c7',
    finding: {
      id: 11,
      ruleId: 'DLQ-001',
      severity: 'high',
      status: 'open',
      file: 'template.yaml',
      line: 42,
      resourceId: 'DataProcessor',
      resourceType: 'AWS::Lambda::Function',
    },
    reason: 'Events are replayed from the source system',
    author: 'user:default/bob',
    createdAt: '2026-11-01T10:00:00.000Z',
    revokedAt: '2026-11-10T10:00:00.000Z',
    revokedBy: 'user:default/alice',
    active: false,
  },
];

/** GET /rules: the bundled catalog, as a backend of the same version answers. */
export const ruleCatalog: RuleCatalog = {
  items: [...RULE_CATALOG],
  totalCount: RULE_CATALOG.length,
  categories: [...CATEGORIES],
  severities: [...SEVERITIES],
  formula: SCORECARD_FORMULA,
};
