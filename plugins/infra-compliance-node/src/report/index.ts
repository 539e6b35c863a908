export { inOrderOfConcern } from './findingOrder';
export { toCodeQuality } from './gitlab';
export type {
  CodeQualityIssue,
  CodeQualityOptions,
  CodeQualitySeverity,
} from './gitlab';
export { toGithubAnnotations } from './github';
export type { GithubAnnotationOptions } from './github';
export { toJsonReport } from './json';
export { toJUnit } from './junit';
export type { JUnitOptions } from './junit';
export { toMarkdown, GITHUB_COMMENT_LIMIT } from './markdown';
export { notModelledText, programsNotModelled } from './notModelled';
export type { ProgramNotModelled } from './notModelled';
export type { MarkdownOptions } from './markdown';
export {
  toSarif,
  githubSarifLimitWarnings,
  GITHUB_SARIF_LIMITS,
  SARIF_FINGERPRINT_KEY,
  SARIF_SCHEMA_URI,
  SARIF_TOOL_NAME,
} from './sarif';
export type {
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
} from './sarif';
export { toTable } from './table';
export type { TableOptions } from './table';
