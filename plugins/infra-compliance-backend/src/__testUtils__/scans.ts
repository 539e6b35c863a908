/**
 * Scans written to the store as the scanner writes them (claimed, recorded
 * running, committed), and the findings they report, for tests that need a
 * scan's results in the database without running one.
 */
import {
  Check,
  Finding,
  ScanCoverage,
  ScanTrigger,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  ComplianceStore,
  NewScan,
  ScanCommit,
  ScanWrite,
} from '../database/ComplianceStore';
import { EntityInfo } from '../types';

/**
 * The scannable component `name` (`component:default/<name>`), with
 * `fields`, as the catalog sync records it at time 0: its ref.
 */
export async function addComponent(
  store: ComplianceStore,
  name: string,
  fields: Partial<EntityInfo> = {},
): Promise<string> {
  const entityRef = `component:default/${name}`;
  await store.upsertEntity(
    {
      entityRef,
      kind: 'Component',
      namespace: 'default',
      name,
      scannable: true,
      ...fields,
    },
    0,
  );
  return entityRef;
}

/** The severity and category of the rules the tests' findings are of. */
const RULES: Record<string, Pick<Finding, 'severity' | 'category'>> = {
  'DLQ-001': { severity: 'high', category: 'dlq' },
  'IAM-001': { severity: 'high', category: 'iam' },
  'ENC-001': { severity: 'medium', category: 'encryption' },
  'LOG-001': { severity: 'medium', category: 'logging' },
  'LOG-002': { severity: 'medium', category: 'logging' },
};

/**
 * A finding as the engine reports one: by default DLQ-001 on the function
 * `Worker` at line 1 of template.yaml (CloudFormation), with `overrides`.
 * A rule given without a severity or category has those of the rule.
 */
export function finding(overrides: Partial<Finding> = {}): Finding {
  const ruleId = overrides.ruleId ?? 'DLQ-001';
  const rule = RULES[ruleId];
  if (!rule && !(overrides.severity && overrides.category)) {
    throw new Error(`Give the severity and category of ${ruleId}`);
  }
  return {
    ruleId,
    ...rule,
    file: 'template.yaml',
    line: 1,
    resourceId: 'Worker',
    resourceType: 'AWS::Lambda::Function',
    message: 'Worker has no dead-letter queue',
    remediation: '',
    fingerprint: 'dlq-worker',
    confidence: 'high',
    format: 'cloudformation',
    ...overrides,
  };
}

/** A scan of {@link scanOf}, and what it found. */
export interface ScanOptions {
  /** Default `scan-1`. */
  scanId?: string;
  /** When it is claimed, starts and ends; default 1000. */
  at?: number;
  /** Default `schedule`. */
  trigger?: ScanTrigger;
  source?: NewScan['source'];
  /** The lock timeout its claim is made with; default 60 000. */
  lockTimeoutMs?: number;
  /** Default `test`. */
  engineSignature?: string;
  /** Default none. */
  findings?: readonly Finding[];
  /** Default none. */
  checks?: readonly Check[];
  /** Default 1. */
  filesScanned?: number;
  /** Default nothing skipped, nothing not modelled. */
  coverage?: ScanCoverage;
}

/** What a successful scan of `entityRef` hands to commitScan (see {@link ScanOptions}). */
export function scanWrite(
  entityRef: string,
  options: ScanOptions = {},
): ScanWrite {
  const at = options.at ?? 1000;
  return {
    scanId: options.scanId ?? 'scan-1',
    entityRef,
    now: at,
    finishedAt: at,
    engineSignature: options.engineSignature ?? 'test',
    findings: options.findings ?? [],
    checks: options.checks ?? [],
    filesScanned: options.filesScanned ?? 1,
    filesSkipped: 0,
    coverage: options.coverage ?? { skipped: [], notModelled: [] },
  };
}

/**
 * Claims `entityRef` for a scan and records it running, as the scanner
 * does; the function returned commits it with what it found. Throws if
 * another scan holds the entity.
 */
export async function startScan(
  store: ComplianceStore,
  entityRef: string,
  options: ScanOptions = {},
): Promise<() => Promise<ScanCommit>> {
  const write = scanWrite(entityRef, options);
  const claim = await store.claimEntity(
    entityRef,
    write.scanId,
    write.now,
    options.lockTimeoutMs ?? 60_000,
  );
  if (!claim.claimed) {
    throw new Error(`${entityRef} is held by scan ${claim.heldBy}`);
  }
  await store.createScan({
    id: write.scanId,
    entityRef,
    trigger: options.trigger ?? 'schedule',
    status: 'running',
    now: write.now,
    source: options.source,
  });
  return () => store.commitScan(write);
}

/**
 * A successful scan of `entityRef`, claimed, recorded running and
 * committed (see {@link startScan}): commitScan's answer.
 */
export async function scanOf(
  store: ComplianceStore,
  entityRef: string,
  options: ScanOptions = {},
): Promise<ScanCommit> {
  const commit = await startScan(store, entityRef, options);
  return commit();
}

/** Waiver `n` of a test: its id, a UUID as the router makes them. */
export function waiverId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** What createWaiver takes. */
type NewWaiver = Parameters<ComplianceStore['createWaiver']>[0];

/**
 * Grants a waiver of `entityRef`'s findings of a rule (`ruleId`) or of one
 * finding (`fingerprint`), as the router does: by default waiver 1, by
 * user:default/owner for an accepted risk, at 2000 (after a scan of
 * {@link scanOf} at its default time), not expiring. createWaiver's answer.
 */
export function grantWaiver(
  store: ComplianceStore,
  waiver: Pick<NewWaiver, 'entityRef'> & Partial<NewWaiver>,
): ReturnType<ComplianceStore['createWaiver']> {
  return store.createWaiver({
    id: waiverId(1),
    reason: 'accepted risk',
    author: 'user:default/owner',
    now: 2000,
    ...waiver,
  });
}
