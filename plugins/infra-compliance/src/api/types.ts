/**
 * Response shapes of the Infra Compliance REST API, shared with the backend
 * through the common package and re-exported here for the plugin's users.
 */
export type {
  Page,
  SeverityCounts,
  ScanStatus,
  ScanTrigger,
  FindingStatus,
  SourceType,
  EntitySummary,
  OverviewItem,
  CategorySummary,
  Scan,
  ScanCoverage,
  EntityScorecard,
  FindingRecord,
  Snapshot,
  TimelineDay,
  EntityHistory,
  CreateScanResponse,
  Waiver,
  WaivedFinding,
  CreateWaiverRequest,
  Rollup,
  GroupRollup,
  OwnerSummary,
  OwnersQuery,
  FindingsQuery,
  OverviewQuery,
  RuleCatalog,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
