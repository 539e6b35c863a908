/**
 * Types of the plugin's storage and REST API (the shapes the OpenAPI document
 * src/schema/openapi.yaml describes).
 */
import {
  Category,
  Confidence,
  Grade,
  IacFormat,
  Severity,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

export type ScanStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'unchanged';
export type ScanTrigger = 'schedule' | 'manual' | 'new-entity';
export type FindingStatus = 'open' | 'resolved';
export type SourceType = 'url' | 'dir' | 'file';

/** What the plugin stores about a catalog entity (refreshed at each scan). */
export interface EntityInfo {
  /** Lower-case entity ref, e.g. component:default/orders-api. */
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  ownerRef?: string;
  systemRef?: string;
  lifecycle?: string;
  type?: string;
  scannable: boolean;
  unscannableReason?: string;
  sourceType?: SourceType;
  sourceTarget?: string;
}

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  total: number;
}

export interface CategorySummary {
  /** Null when no check of the category applies ("not applicable"). */
  score: number | null;
  passed: number;
  failed: number;
}

export interface Scan {
  id: string;
  entityRef: string;
  trigger: ScanTrigger;
  requestedBy?: string;
  status: ScanStatus;
  source?: { type: string; target: string };
  etag?: string;
  previousEtag?: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  error?: string;
  counts?: {
    filesScanned: number;
    filesSkipped: number;
    checks: number;
    findings: number;
    new: number;
    reopened: number;
    resolved: number;
  };
}

export interface StoredFinding {
  id: number;
  entityRef: string;
  fingerprint: string;
  status: FindingStatus;
  ruleId: string;
  title?: string;
  severity: Severity;
  category: Category;
  format: IacFormat;
  confidence: Confidence;
  file: string;
  line: number;
  resourceId: string;
  resourceType: string;
  property?: string;
  message: string;
  remediation?: string;
  suppressed: boolean;
  suppressionReason?: string;
  waived: boolean;
  waiverId?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt?: string;
  reopenedAt?: string;
  reopenedCount: number;
}

export interface Waiver {
  id: string;
  entityRef: string;
  ruleId?: string;
  fingerprint?: string;
  reason: string;
  author: string;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  /** Neither revoked nor expired. */
  active: boolean;
}

export interface EntityScorecard {
  entityRef: string;
  entity: EntitySummary;
  grade: Grade | null;
  score: number | null;
  categories: Partial<Record<Category, CategorySummary & { open: number }>>;
  open: SeverityCounts;
  waived: number;
  suppressed: number;
  resolved: number;
  lastScan?: Scan;
  lastSuccessfulScan?: Scan;
  formula: string;
}

export interface EntitySummary {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  scannable: boolean;
  unscannableReason?: string;
  source?: { type: string; target: string };
}

export interface OverviewItem extends EntitySummary {
  grade: Grade | null;
  score: number | null;
  categoryScores: Partial<Record<Category, number | null>>;
  open: SeverityCounts;
  waived: number;
  lastScanAt?: string;
  lastScanStatus?: ScanStatus;
  lastSuccessAt?: string;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}
