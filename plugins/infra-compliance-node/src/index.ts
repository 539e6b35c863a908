/**
 * The Infra Compliance scanning engine and its command-line scanner.
 *
 * Data flows one way: files (discovery) → documents (YAML/JSON with lines)
 * → format-neutral resource graphs (adapters: CloudFormation and SAM) →
 * findings and checks (rules) → reports (JSON, SARIF 2.1.0, terminal
 * table). Needs no Backstage runtime: the backend plugin and the CLI both
 * call {@link scanPath} / {@link scanFiles}.
 *
 * @packageDocumentation
 */

// Engine
export { scanPath, scanFiles, selectRules } from './engine/scan';
export type { ScanFilesOptions, ScanOptions, ScanResult } from './engine/scan';
export type { NamedFilesOrigin } from './engine/namedFiles';
export {
  evaluateGraph,
  fingerprint,
  fingerprintApart,
} from './engine/evaluateGraph';
export type {
  EvaluationOptions,
  GraphEvaluation,
  ScanCheck,
} from './engine/evaluateGraph';

// Rules
export { ALL_RULES, defineRule, defineStackRule, scanDateKey } from './rules';
export type { Rule, RuleContext, RuleFailure } from './rules';

// Reports
export {
  inOrderOfConcern,
  notModelledText,
  programsNotModelled,
  toJsonReport,
  toSarif,
  toTable,
  SARIF_FINGERPRINT_KEY,
  SARIF_SCHEMA_URI,
  SARIF_TOOL_NAME,
} from './report';
export type {
  ProgramNotModelled,
  SarifArtifactLocation,
  SarifBaseLocation,
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifNotification,
  SarifOptions,
  SarifResult,
  SarifRule,
  SarifRun,
  TableOptions,
} from './report';

// A scan of paths as a user gives them (the CLI's and the Scaffolder action's), and its report file
export {
  FAIL_ON,
  ScanInputError,
  failingFindings,
  oneLineSummary,
  parseFailOn,
  parseRuleIdList,
  readConfigFile,
  scanGivenPaths,
} from './run/scanGivenPaths';
export type {
  FailOn,
  GivenPathsScan,
  ReportContext,
  ScanGivenPathsOptions,
} from './run/scanGivenPaths';
export {
  REPORT_FORMATS,
  checkReportFile,
  parseReportFormat,
  renderReport,
  writeReportFile,
} from './run/reportFile';
export type { RenderReportOptions, ReportFormat } from './run/reportFile';
export { describeFsError } from './support/describeFsError';

// Configuration and discovery
export {
  CONFIG_FILE_NAME,
  ConfigError,
  EMPTY_CONFIG,
  configWarningText,
  loadConfig,
  parseConfig,
} from './config/loadConfig';
export type { ScanConfig } from './config/loadConfig';
export {
  DiscoveryError,
  discoverFiles,
  isLeftInByPaths,
} from './discovery/discoverFiles';
export type {
  DiscoveredFile,
  Discovery,
  DiscoveryOptions,
} from './discovery/discoverFiles';

// Adapters
export { ADAPTERS } from './adapters';
export { CODE_OF_NO_APP } from './adapters/cdk/appsWithoutProjectFile';
export type {
  Adapter,
  LoadError,
  LoadResult,
  ReadCompanionFile,
  SourceFile,
} from './adapters';

// Resource graph
export { ResourceGraph } from './graph/ResourceGraph';
export type {
  Edge,
  InlineSuppression,
  Resource,
  ResourceGraphInit,
  StackOutput,
} from './graph/ResourceGraph';
export {
  Ref,
  Template,
  Unknown,
  asBoolean,
  asList,
  asNumber,
  asString,
  collectRefs,
  concat,
  containsUnknown,
  describeValue,
  getPath,
  isMap,
  isRef,
  isTemplate,
  isUnknown,
  refersTo,
} from './graph/values';
export type { Scalar, Value, ValueMap } from './graph/values';

// Text in one order on every machine and locale (by code unit).
export { compareText } from './support/compareText';

// Whether a path is at or below a folder, the root of the file system (`/`, `C:\`) included.
export { isAtOrBelow } from './support/paths';

// Shared types, re-exported for convenience
export type {
  Category,
  CategoryScore,
  Check,
  Confidence,
  ConfigWarning,
  Finding,
  FindingSuppression,
  Grade,
  IacFormat,
  RuleMetadata,
  ScanReport,
  ScannedFile,
  Scorecard,
  Severity,
  SkippedFile,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

// CLI. bin/infra-compliance, once installed, loads dist/cli/main directly;
// the build keeps only the exports of that module that this entry point
// re-exports, so each function the bin calls is listed here.
export {
  main as runCli,
  exitWhenFlushed,
  handleOutputErrors,
  EXIT_CODES,
} from './cli/main';
