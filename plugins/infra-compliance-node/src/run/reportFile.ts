/**
 * The report of a scan of paths given, in each format the command line
 * writes, and the file it is written to.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  githubSarifLimitWarnings,
  toCodeQuality,
  toGithubAnnotations,
  toJUnit,
  toJsonReport,
  toMarkdown,
  toSarif,
  toTable,
} from '../report';
import { ScanResult } from '../engine/scan';
import { describeFsError } from '../support/describeFsError';
import {
  ReportContext,
  ScanInputError,
  oneLineSummary,
  refuseEmptyFileName,
} from './scanGivenPaths';

/** The formats of a report (`--format`). */
export const REPORT_FORMATS = [
  'table',
  'json',
  'sarif',
  'gitlab',
  'github',
  'junit',
  'markdown',
] as const;
/** A format of a report. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The report format a user gives, in any case (`JSON`, `Sarif`), as
 * `--format` and the Scaffolder action's `format` take it; undefined for a
 * value that names none of REPORT_FORMATS.
 */
export function parseReportFormat(given: string): ReportFormat | undefined {
  const value = given.toLowerCase();
  return REPORT_FORMATS.find(format => format === value);
}

export interface RenderReportOptions extends ReportContext {
  /** ANSI colours in the table. */
  color?: boolean;
  /** The terminal's width the table wraps to (see TableOptions). */
  width?: number;
  /** What the report loses where it is read (a SARIF log past GitHub's limits), without `warning: `. */
  onWarning?: (message: string) => void;
}

/** The report of `result` in `format`, as the command line writes it; ends with a newline. */
export function renderReport(
  result: ScanResult,
  format: ReportFormat,
  options: RenderReportOptions,
): string {
  const { srcRoot, repositoryRoot } = options;
  // Outside a repository, GitLab (Code Quality, and the JUnit report it links) reads paths from the job's checkout,
  // where the scan runs; GitHub's runner names an absolute path from its workspace (GITHUB_WORKSPACE), whatever the
  // step's working-directory.
  const fromCheckout = {
    srcRoot,
    repositoryRoot,
    rootOutsideRepository: options.cwd,
  };
  if (format === 'json') {
    return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
  }
  if (format === 'gitlab') {
    const issues = toCodeQuality(result, fromCheckout);
    return `${JSON.stringify(issues, null, 2)}\n`;
  }
  if (format === 'github') {
    return toGithubAnnotations(result, {
      srcRoot,
      repositoryRoot,
      summary: oneLineSummary(result),
    });
  }
  if (format === 'junit') {
    return toJUnit(result, fromCheckout);
  }
  if (format === 'sarif') {
    const log = toSarif(result, {
      rules: options.ranRules,
      srcRoot,
      repositoryRoot,
    });
    // Said apart from the log: an upload to GitHub would fail or be cut without saying so in CI.
    for (const warning of githubSarifLimitWarnings(log))
      options.onWarning?.(warning);
    return `${JSON.stringify(log, null, 2)}\n`;
  }
  if (format === 'markdown') {
    return toMarkdown(result);
  }
  return toTable(result, { color: options.color, width: options.width });
}

/**
 * Refuses a report file (absolute, or relative to `cwd`, as given in
 * `option`) that cannot be written, before the scan rather than after it.
 */
export function checkReportFile(
  file: string,
  cwd: string,
  option: string,
): void {
  refuseEmptyFileName(file, option);
  // `reports/` names a folder whether it is there or not: no file is written in it under a name of our own.
  if (file.endsWith('/') || file.endsWith(path.sep))
    throw new ScanInputError(
      `cannot write ${file}: ${option} takes a file name, not a folder (e.g. ${file}report.json)`,
    );
  const absolute = path.resolve(cwd, file);
  try {
    const existing = fs.statSync(absolute, { throwIfNoEntry: false });
    if (existing?.isDirectory())
      throw new ScanInputError(`cannot write ${file}: is a directory`);
    // A file there (`/dev/stdout`, the last report) is written in place: it, not its folder, must take writing.
    if (existing) {
      fs.accessSync(absolute, fs.constants.W_OK);
      return;
    }
    // Folders not there yet are made when the report is written: the nearest one there must take them.
    let folder = path.dirname(absolute);
    let stat = fs.statSync(folder, { throwIfNoEntry: false });
    while (!stat && path.dirname(folder) !== folder) {
      folder = path.dirname(folder);
      stat = fs.statSync(folder, { throwIfNoEntry: false });
    }
    if (stat && !stat.isDirectory())
      throw new ScanInputError(
        `cannot write ${file}: ${folder} is not a directory`,
      );
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    if (error instanceof ScanInputError) throw error;
    throw new ScanInputError(`cannot write ${file}: ${describeFsError(error)}`);
  }
}

/** Writes a report to `file` (absolute, or relative to `cwd`), making its folders as ESLint makes them. */
export function writeReportFile(file: string, text: string, cwd: string): void {
  const absolute = path.resolve(cwd, file);
  try {
    // Synchronous, as discovery reads: one local file, which the command line exits right after.
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text, 'utf8');
  } catch (error) {
    throw new ScanInputError(`cannot write ${file}: ${describeFsError(error)}`);
  }
}
