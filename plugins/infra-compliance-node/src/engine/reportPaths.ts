/**
 * The paths a report names files by, where they differ from those the scan
 * read them under: one place that maps the one to the other, after the
 * adapters, for every path of the report and the fingerprints.
 */
import path from 'node:path';
import { compareText } from '../support/compareText';
import { toPosix } from '../support/paths';
import { byEntryPoint, byFileAndLine, byPath } from '../support/reportOrder';
import type { ScanResult } from './scan';

/**
 * A path prefix as given (`ScanOptions.pathPrefix`) in the one spelling the
 * scan puts before paths, reads companion files under and maps to report
 * paths by: normalized, with `/` between folders and no `/` after the last
 * (`../` is `..`, `envs/prod/` is `envs/prod`); none for one that names the
 * folder itself (`.`, `./`).
 */
export function normalizedPrefix(
  pathPrefix: string | undefined,
): string | undefined {
  if (!pathPrefix) return undefined;
  const normalized = path.posix.normalize(toPosix(pathPrefix));
  const folder =
    normalized.length > 1 && normalized.endsWith('/')
      ? normalized.slice(0, -1)
      : normalized;
  return folder === '.' ? undefined : folder;
}

/** A prefix made of `..` alone: `..`, `../..`. */
const CLIMBS_ONLY = /^\.\.(?:\/\.\.)*$/;

/**
 * How a report names a file that a scan with `pathPrefix` read under its
 * path with that prefix, where `from` (absolute) is the directory the
 * prefix starts from (the current directory of a scan of files given by
 * name): by its normalized path from `from`, climbing out with `..` only
 * where the file is outside it, as a scan of `from` names it. The scan
 * reads a stack under the prefixed paths, from which its adapters resolve
 * imports and module sources as text (`../bin/app.ts` imports
 * `../lib/stack`); but a prefix that climbs to a folder above `from` (the
 * repository's root, read for a stack in `envs/prod` that calls
 * `../../modules/q`) makes the paths that come back down longer than need
 * be (`../../envs/prod/main.tf` for `main.tf`). Undefined where every
 * path is already so: no prefix, or one that does not climb to a folder
 * above `from` (`services/orders`, `../shared`), as the folder read is
 * then not above `from`.
 */
export function reportPathOf(
  pathPrefix: string | undefined,
  from: string | undefined,
): ((file: string) => string) | undefined {
  const prefix = normalizedPrefix(pathPrefix);
  if (!prefix || from === undefined || !CLIMBS_ONLY.test(prefix))
    return undefined;
  const named = new Map<string, string>();
  return file => {
    let shown = named.get(file);
    if (shown === undefined) {
      shown = toPosix(path.relative(from, path.resolve(from, file)));
      named.set(file, shown);
    }
    return shown;
  };
}

/**
 * How the report of a scan with `pathPrefix` (see reportPathOf) names a
 * file by its path from the folder scanned.
 */
export function pathFromFolderInReport(
  pathPrefix: string | undefined,
  from: string | undefined,
): (file: string) => string {
  if (!pathPrefix) return file => file;
  const reportPath = reportPathOf(pathPrefix, from);
  return file => {
    const prefixed = path.posix.join(pathPrefix, file);
    return reportPath ? reportPath(prefixed) : prefixed;
  };
}

/**
 * The report with each of its paths named by `reportPath` (see
 * reportPathOf), sorted again where the report sorts by path. Findings are
 * fingerprinted by those paths already (see EvaluationOptions.reportPath).
 */
export function inReportPaths<T extends Omit<ScanResult, 'durationMs'>>(
  report: T,
  reportPath: (file: string) => string,
): T {
  return {
    ...report,
    files: report.files
      .map(file => ({ ...file, path: reportPath(file.path) }))
      .sort(byPath),
    skipped: report.skipped.map(file => ({
      ...file,
      path: reportPath(file.path),
    })),
    ...(report.programs && {
      programs: report.programs
        .map(program => ({
          ...program,
          project: reportPath(program.project),
          main: reportPath(program.main),
          files: program.files.map(reportPath).sort(compareText),
        }))
        .sort(byEntryPoint),
    }),
    findings: report.findings
      .map(finding => ({ ...finding, file: reportPath(finding.file) }))
      .sort(byFileAndLine),
    ...(report.unusedSuppressions && {
      unusedSuppressions: report.unusedSuppressions
        .map(unused => ({ ...unused, file: reportPath(unused.file) }))
        .sort(byFileAndLine),
    }),
    checks: report.checks.map(check =>
      check.file === undefined
        ? check
        : { ...check, file: reportPath(check.file) },
    ),
    ...(report.stackFiles && {
      stackFiles: report.stackFiles.map(reportPath),
    }),
  };
}
