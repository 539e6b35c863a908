/**
 * JSON shapes the Infra Compliance REST API returns and accepts
 * (plugins/infra-compliance-backend/src/schema/openapi.yaml), shared so the
 * backend that writes them and the frontend client that reads them agree.
 */
import type {
  Category,
  Confidence,
  ConfigWarning,
  Grade,
  IacFormat,
  RuleMetadata,
  Severity,
  UnusedSuppression,
} from './types';

/** GET /rules: the rules the backend's engine runs, and how it scores them. */
export interface RuleCatalog {
  items: RuleMetadata[];
  totalCount: number;
  categories: { id: Category; title: string }[];
  severities: Severity[];
  /** How the scorecard is computed, in words. */
  formula: string;
}

/** A page of a list endpoint. */
/** The kinds the backend scans when `infraCompliance.kinds` is not set. */
export const DEFAULT_SCANNED_KINDS: readonly string[] = ['Component'];

/** The largest page the backend's lists serve when `infraCompliance.maxPageSize` is not set. */
export const DEFAULT_MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}

export interface SeverityCounts {
  critical: number;
  high: number;
  medium: number;
  low: number;
  total: number;
}

export type ScanStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'unchanged';
/** What started a scan: `push` is a push to the entity's repository (see the backend's "Scan on push"). */
export type ScanTrigger = 'schedule' | 'manual' | 'new-entity' | 'push';
export type FindingStatus = 'open' | 'resolved';
/** How an entity's IaC source is fetched. */
export type SourceType = 'url' | 'dir' | 'file';

export interface EntitySummary {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  /** Owner entity ref. */
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
  scannable: boolean;
  unscannableReason?: string;
  source?: { type: SourceType; target: string };
}

export interface OverviewItem extends EntitySummary {
  grade: Grade | null;
  score: number | null;
  categoryScores?: Partial<Record<Category, number | null>>;
  open?: SeverityCounts;
  waived?: number;
  /**
   * With a rule filter (`GET /entities?rule=`): the entity's open findings
   * of those rules, neither waived nor suppressed (`open` counts all its
   * rules'). Absent without one.
   */
  ruleOpen?: number;
  lastScanAt?: string;
  lastScanStatus?: ScanStatus;
  lastSuccessAt?: string;
  /**
   * Files the last successful scan read as infrastructure code: 0 when it
   * found none (the score is then null: nothing to score, not "not scanned").
   */
  lastSuccessFilesScanned?: number;
  /**
   * Files it skipped, in whole or in part (`Scan.counts.filesSkipped`):
   * where it read none, more than 0 means it found code it could not read
   * (a CDK app in Python, a template too large).
   */
  lastSuccessFilesSkipped?: number;
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
  trigger?: ScanTrigger;
  requestedBy?: string;
  status: ScanStatus;
  source?: { type: string; target: string };
  etag?: string;
  previousEtag?: string;
  createdAt?: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  error?: string;
  counts?: {
    filesScanned: number;
    /** Files (or folders) skipped in whole or in part, each once. */
    filesSkipped: number;
    checks: number;
    findings: number;
    /** Findings the scan found first, suppressed and waived ones included. */
    new: number;
    /** Resolved findings the scan found again, suppressed and waived ones included. */
    reopened: number;
    /**
     * Of `new`, those open as the scan committed: neither suppressed in
     * code nor waived, as the scorecard counts open findings. A waiver
     * granted later does not change it. Absent on scans recorded before
     * the backend counted it.
     */
    newOpen?: number;
    /** Of `reopened`, those open as the scan committed; absent as `newOpen` is. */
    reopenedOpen?: number;
    /** Findings the scan no longer found, suppressed and waived ones included. */
    resolved: number;
    /**
     * Of `resolved`, those that were open: neither suppressed (as last
     * seen) nor waived as the scan committed; absent as `newOpen` is.
     */
    resolvedOpen?: number;
  };
  /**
   * What the scan read but did not judge, so what its grade says nothing
   * of. Set on scans that read the entity to the end (succeeded) recorded by
   * a backend that keeps it; absent on older ones. Served on a scan on its
   * own (`GET /scans/{scanId}`) and on the scorecard's `lastSuccessfulScan`,
   * the scan the grade is of; lists of scans and the scorecard's other
   * scans leave it out.
   */
  coverage?: ScanCoverage;
  /**
   * The in-code suppressions the scan found unused: they suppressed nothing
   * (the failure was fixed), and would hide a later regression. Set on
   * succeeded scans recorded by a backend that keeps them, served as
   * `coverage` is: on a scan on its own and on the scorecard's
   * `lastSuccessfulScan`.
   */
  unusedSuppressions?: ScanUnusedSuppressions;
  /**
   * What the repository's `.infra-compliance.yaml` says that is odd but not
   * wrong (a rule disabled twice), each warning with its file (relative to
   * the scanned tree, as a finding's) and line (see {@link ConfigWarning}):
   * the scan went on with the config. Empty when it has none. Set on
   * succeeded scans recorded by a backend that keeps them, served as
   * `unusedSuppressions` are.
   */
  configWarnings?: ConfigWarning[];
}

/** What a scan did not judge: files passed over and constructs not modelled. */
export interface ScanCoverage {
  /**
   * Files the engine passed over (unreadable, too large, not parsed as a
   * program), with its reason, sorted by path; a file skipped in part for
   * two reasons (two resources of a template) is listed twice. At most
   * {@link SCAN_COVERAGE_SKIPPED_LIMIT} (`counts.filesSkipped` counts all
   * files, each once).
   */
  skipped: { path: string; reason: string }[];
  /**
   * Per CDK or Pulumi program that creates something the engine does not
   * model: its project file (`cdk.json`, `Pulumi.yaml`; a CDK app without a
   * `cdk.json`, its entry point), its format, and the types it creates that
   * were not judged, with how many of each. The first
   * {@link SCAN_COVERAGE_NOT_MODELLED_LIMIT} by path, for scans recorded
   * before that limit too.
   */
  notModelled: {
    program: string;
    format: IacFormat;
    types: { type: string; count: number }[];
  }[];
  /** How many more programs `notModelled` would list past its limit; absent when it lists them all. */
  programsNotListed?: number;
}

/** The most skipped files a scan's {@link ScanCoverage} lists. */
export const SCAN_COVERAGE_SKIPPED_LIMIT = 100;

/** The most programs a scan's {@link ScanCoverage} lists as not modelled. */
export const SCAN_COVERAGE_NOT_MODELLED_LIMIT = 100;

/** The in-code suppressions a scan found unused (see {@link UnusedSuppression}). */
export interface ScanUnusedSuppressions {
  /**
   * The first {@link SCAN_UNUSED_SUPPRESSIONS_LIMIT} by file and line; a
   * file is relative to the scanned tree, as a finding's is.
   */
  items: UnusedSuppression[];
  /** How many more `items` would list past its limit; absent when it lists them all. */
  notListed?: number;
}

/** The most unused suppressions a scan's {@link ScanUnusedSuppressions} lists. */
export const SCAN_UNUSED_SUPPRESSIONS_LIMIT = 100;

export interface EntityScorecard {
  entityRef: string;
  entity: EntitySummary;
  grade: Grade | null;
  score: number | null;
  /** Per category; open = open findings, neither suppressed nor waived. */
  categories: Partial<Record<Category, CategorySummary & { open: number }>>;
  open: SeverityCounts;
  waived: number;
  suppressed: number;
  resolved: number;
  lastScan?: Scan;
  lastSuccessfulScan?: Scan;
  /**
   * The last scan that read the entity to the end: succeeded, or unchanged
   * (the results of the last successful one are as of then).
   */
  lastCompletedScan?: Scan;
  /**
   * The entity's scan under way, queued or running, if any: `lastScan` is
   * set only once a scan ends. A scan whose process stopped (its lock was
   * not refreshed within `lockTimeout`) is not under way.
   */
  runningScan?: Scan;
  formula: string;
}

/** A finding as the backend stores it, with its lifecycle. */
export interface FindingRecord {
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
  /** Relative to the scanned tree. */
  file: string;
  line: number;
  resourceId: string;
  /** The generated resource the finding is about, when the format generated it (see Finding). */
  generatedResourceId?: string;
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
  reopenedCount?: number;
}

export interface Snapshot {
  scanId: string;
  takenAt: string;
  grade: Grade | null;
  score: number | null;
  categories?: Record<string, unknown>;
  open?: SeverityCounts;
  waived?: number;
  suppressed?: number;
  new?: number;
  reopened?: number;
  /**
   * Of `new` and `reopened`, those open as the scan committed (neither
   * suppressed nor waived); absent on snapshots recorded before the backend
   * counted it.
   */
  opened?: number;
  resolved?: number;
  /** Of `resolved`, those that were open; absent as `opened` is. */
  resolvedOpen?: number;
}

/**
 * Findings opened and resolved on one day. Opened: new or reopened, and
 * open as the scan committed (neither suppressed nor waived); resolved:
 * those no longer found that were open. On the days of snapshots from
 * before the backend counted that, every finding opened and resolved.
 */
export interface TimelineDay {
  day: string;
  opened: number;
  resolved: number;
}

export interface EntityHistory {
  entityRef: string;
  since: string;
  snapshots: Snapshot[];
  timeline: TimelineDay[];
}

export interface CreateScanResponse {
  scanId: string;
  existing: boolean;
  scan?: Scan;
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
  /**
   * What a waiver of one finding (by fingerprint) waives, as last stored:
   * absent for a rule's waiver and for a finding no longer stored.
   */
  finding?: WaivedFinding;
}

/** The stored finding a waiver of one finding covers. */
export type WaivedFinding = Pick<
  FindingRecord,
  | 'id'
  | 'ruleId'
  | 'severity'
  | 'status'
  | 'file'
  | 'line'
  | 'resourceId'
  | 'resourceType'
>;

/** Exactly one of ruleId and fingerprint. */
export interface CreateWaiverRequest {
  ruleId?: string;
  fingerprint?: string;
  reason: string;
  expiresAt?: string;
}

/** Figures over a set of entities, aggregated by the backend (never over a page of them). */
export interface Rollup {
  /** Start of the timeline. */
  since: string;
  entityCount: number;
  scannedCount: number;
  averageScore: number | null;
  /** Entities per grade; "none" = not scanned. */
  grades: Record<string, number>;
  open: SeverityCounts;
  openByCategory?: Partial<Record<Category, SeverityCounts>>;
  waived?: number;
  resolvedTotal?: number;
  meanTimeToRemediateMs?: number | null;
  meanTimeToRemediateDays?: number | null;
  timeline: TimelineDay[];
  /**
   * The rules with the most open findings, most first: per rule, its open
   * findings and the entities of the roll-up they are in (as GET
   * /entities?rule= filters entities).
   */
  topRules: {
    ruleId: string;
    title?: string;
    open: number;
    services: number;
  }[];
}

/** GET /groups/{namespace}/{name}/rollup: a team with the teams below it. */
export interface GroupRollup extends Rollup {
  group: string;
  /** The group and all groups below it. */
  groups: string[];
}

/** One owner's entities (GET /owners), with the owners of the whole catalog. */
export interface OwnerSummary {
  /** Owner entity ref; null for the entities without an owner. */
  owner: string | null;
  entityCount: number;
  scannedCount: number;
  /** Mean score of the scanned entities; null when none is scanned. */
  averageScore: number | null;
  open: SeverityCounts;
}

/** Query parameters of GET /owners. */
export interface OwnersQuery {
  sort?: 'score' | 'owner' | 'entities' | 'open' | 'critical';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** Query parameters of GET /entities/{kind}/{namespace}/{name}/findings. */
export interface FindingsQuery {
  status?: FindingStatus | 'all';
  category?: Category[];
  severity?: Severity[];
  rule?: string[];
  /** Only findings an active waiver covers (true) or none covers (false). */
  waived?: boolean;
  /** Only findings suppressed in the code (true) or not (false). */
  suppressed?: boolean;
  /** Text in the rule id, resource id or type, file (or `file:line`) or message. */
  q?: string;
  sort?:
    | 'severity'
    | 'rule'
    | 'category'
    | 'file'
    | 'firstSeen'
    | 'lastSeen'
    | 'resolvedAt';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

/** GET /entities sort key of a category's score: `score.dlq`. */
export type CategoryScoreSort = `score.${Category}`;

/** Query parameters of GET /entities. */
export interface OverviewQuery {
  owner?: string[];
  system?: string[];
  kind?: string[];
  lifecycle?: string[];
  grade?: Grade[];
  /** Rule ids: the entities with open findings of any of them (those the roll-up's topRules count). */
  rule?: string[];
  /**
   * Text in the name or title, the owner's or system's name, or the title
   * or display name of the owner or system in the catalog.
   */
  q?: string;
  /**
   * `attention` puts first what needs it: an entity whose last scan failed
   * with no score, then the scores lowest first, then the entities not
   * scanned yet, those a scan found nothing to score in, and last those
   * that cannot be scanned. A category's score (CategoryScoreSort) sorts
   * the services where the category is not applicable last, as `score`
   * sorts those without a score.
   */
  sort?:
    | 'name'
    | 'score'
    | 'attention'
    | 'open'
    | 'critical'
    | 'lastScan'
    | 'owner'
    | 'system'
    | 'ref'
    | CategoryScoreSort;
  order?: 'asc' | 'desc';
  /**
   * With sort `ref` only: the entities after this entity ref in that order.
   * A cursor for reading every entity, which entities added or removed
   * meanwhile do not shift as they shift an offset.
   */
  after?: string;
  limit?: number;
  offset?: number;
}
