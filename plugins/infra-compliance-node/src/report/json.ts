/**
 * The JSON report (`--format json`): the shape of DESIGN.md, also what the
 * backend stores. Only the report's own fields are written: the scan's
 * checks and timing stay out, so two scans of the same tree give the same
 * bytes.
 */
import {
  Finding,
  ReadProgram,
  ScanReport,
  ScannedFile,
  SkippedFile,
  UnusedSuppression,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** Builds the JSON report of a scan (a `ScanResult` or any `ScanReport`). */
export function toJsonReport(result: ScanReport): ScanReport {
  return {
    version: 1,
    files: result.files.map(
      (file): ScannedFile => ({
        path: file.path,
        format: file.format,
        resources: file.resources,
      }),
    ),
    skipped: result.skipped.map(
      (file): SkippedFile => ({
        path: file.path,
        reason: file.reason,
        ...(file.internalError ? { internalError: true as const } : {}),
      }),
    ),
    ...(result.programs
      ? {
          programs: result.programs.map(
            (program): ReadProgram => ({
              format: program.format,
              project: program.project,
              main: program.main,
              files: [...program.files],
              ...(program.partlyRead ? { partlyRead: true as const } : {}),
              ...(program.notModelled
                ? {
                    notModelled: program.notModelled.map(({ type, count }) => ({
                      type,
                      count,
                    })),
                  }
                : {}),
            }),
          ),
        }
      : {}),
    findings: result.findings.map(toJsonFinding),
    ...(result.unusedSuppressions
      ? {
          unusedSuppressions: result.unusedSuppressions.map(
            ({
              file,
              line,
              resourceId,
              ruleId,
              baselineState,
            }): UnusedSuppression => ({
              file,
              line,
              resourceId,
              ruleId,
              ...(baselineState ? { baselineState } : {}),
            }),
          ),
        }
      : {}),
    scorecard: {
      grade: result.scorecard.grade,
      score: result.scorecard.score,
      categories: { ...result.scorecard.categories },
    },
  };
}

/**
 * The finding with its fields in a fixed order and nothing else. The
 * optional ones are set where the finding has them, in that order, rather
 * than spread in: a spread of an object made for it costs several times the
 * property, in a CLI run that makes the report once, before V8 optimises
 * this.
 */
function toJsonFinding(finding: Finding): Finding {
  // The fields up to resourceId; the others are set below, each in its place.
  const json: Finding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    category: finding.category,
    file: finding.file,
    line: finding.line,
    resourceId: finding.resourceId,
  } as Finding;
  if (finding.generatedResourceId !== undefined)
    json.generatedResourceId = finding.generatedResourceId;
  json.resourceType = finding.resourceType;
  if (finding.property !== undefined) json.property = finding.property;
  json.message = finding.message;
  json.remediation = finding.remediation;
  json.fingerprint = finding.fingerprint;
  json.confidence = finding.confidence;
  json.format = finding.format;
  if (finding.suppressed)
    json.suppressed = {
      kind: finding.suppressed.kind,
      reason: finding.suppressed.reason,
    };
  if (finding.baselineState) json.baselineState = finding.baselineState;
  return json;
}
