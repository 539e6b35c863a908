/**
 * A scan of paths as a user gives them, as the command line (`scan
 * <path...>`) and the Scaffolder action run it: each folder given, and the
 * files given by name with their stacks (see scanUnits), each scanned with
 * its tree's `.infra-compliance.yaml`, into one report. What cannot be used
 * (a path, a rule id, a config) is refused with a message naming it as the
 * user gave it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  Finding,
  ReadProgram,
  RULE_CATALOG,
  SEVERITIES,
  Severity,
  SkippedFile,
  computeScorecard,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  CONFIG_FILE_NAME,
  ConfigError,
  ScanConfig,
  checkRuleIds,
  configWarningText,
  decodeConfig,
  loadConfig,
  parseConfig,
} from '../config/loadConfig';
import {
  isLeftInByPaths,
  pseudoFileSystemOf,
} from '../discovery/discoverFiles';
import { fingerprintApart, suppressionPlace } from '../engine/evaluateGraph';
import { NamedFilesOrigin, configFolderOf } from '../engine/namedFiles';
import { byEntryPoint, byFileAndLine, byPath } from '../support/reportOrder';
import { pathFromFolderInReport } from '../engine/reportPaths';
import {
  ScanResult,
  readConfigRuleOptions,
  scanPath,
  sharedCheckKey,
  sharedFindingKey,
} from '../engine/scan';
import { compareText } from '../support/compareText';
import { describeFsError } from '../support/describeFsError';
import {
  isAtOrBelow,
  realPathOf,
  realPathResolver,
  repositoryRootOf,
  toPosix,
} from '../support/paths';
import { Root, ScanUnit, scanUnits, unitLabel } from './scanUnits';
import {
  UnitScan,
  linksScannedElsewhere,
  pathsReportedElsewhere,
  reportedFiles,
} from './scannedOnce';

/**
 * Bad input of a scan: a path that cannot be read, an unknown rule id, a
 * config that cannot be used, a report that cannot be written. Its message
 * names them as they were given.
 */
export class ScanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanInputError';
  }
}

/**
 * Refuses a file name given empty to `option` (`--output=`, `-c ''`): it
 * names no file, and would be read or written as the current folder.
 */
export function refuseEmptyFileName(file: string, option: string): void {
  if (file === '') throw new ScanInputError(`${option} needs a file name`);
}

/** The severities a scan can fail on (`--fail-on`), and `none`. */
export const FAIL_ON = [...SEVERITIES, 'none'] as const;
/** A severity a scan fails on, or `none`. */
export type FailOn = (typeof FAIL_ON)[number];

/**
 * The severity to fail on that a user gives, in any case (`HIGH`, `High`),
 * as `--fail-on` and the Scaffolder action's `failOn` take it; undefined
 * for a value that names none of FAIL_ON.
 */
export function parseFailOn(given: string): FailOn | undefined {
  const value = given.toLowerCase();
  return FAIL_ON.find(failOn => failOn === value);
}

export interface ScanGivenPathsOptions {
  /** Files or folders, absolute or relative to `cwd`, as the user gave them: messages name them so. */
  paths: readonly string[];
  /**
   * The directory the paths were given from (the command line's current
   * directory, a Scaffolder task's workspace): with several paths, or files
   * given by name, report paths are relative to it; and outside a Git
   * repository, the stack of a file given by name is looked for up to it.
   */
  cwd: string;
  /**
   * Read nothing above `cwd`: the stack and config of a file given by name
   * are looked for no higher, even where the root of its Git repository is
   * above it (a Scaffolder task's workspace, all its step may read).
   */
  confineToCwd?: boolean;
  /** Only these rules (ids known to the catalog, see parseRuleIdList). */
  rules?: string[];
  /** Rules to leave out, on top of each tree's `rules.disable`. */
  skipRules?: string[];
  /** Replaces each tree's `.infra-compliance.yaml` (`--config`). */
  config?: ScanConfig;
  /** How the user names `rules` and `skipRules`, for the error when they leave no rule to run. */
  ruleOptionNames?: { rules: string; skipRules: string };
  /** Files reports will be written to (as given): a scan that reads one is refused, as its report would replace it. */
  reportFiles?: readonly string[];
  /** What a scan finds odd but not wrong (a path in which no infrastructure code was found), without `warning: `. */
  onWarning?: (message: string) => void;
  /** A scan of the `scans` the paths make starts (see scanUnits); `label` names its paths as given. */
  onScanStart?: (scan: number, scans: number, label: string) => void;
  /** A scan has read `done` of its `total` files. */
  onProgress?: (
    scan: number,
    scans: number,
    label: string,
    done: number,
    total: number,
  ) => void;
  /** The engine failed on these files (a bug in it): they are skipped, and the rest of the report stands. */
  onInternalError?: (error: unknown, files: string[]) => void;
}

/** Where a report's files are, and what its scan ran: what the report formats need besides the findings. */
export interface ReportContext {
  /** The rules the scan ran (SARIF lists them). */
  ranRules: string[];
  /** Absolute directory the report's paths are relative to. */
  srcRoot: string;
  /** The root of the Git repository the paths scanned are in, from which SARIF and Code Quality name the files. */
  repositoryRoot?: string;
  /** The directory the paths were given from: outside a repository, Code Quality and JUnit name files from it. */
  cwd?: string;
}

/** A scan of paths given. */
export interface GivenPathsScan extends ReportContext {
  result: ScanResult;
}

/**
 * Scans the paths given, each tree with its own `.infra-compliance.yaml`
 * (the config of a file's stack's folder, or above it, for a file given
 * by name), into one report. One folder makes a report whose paths are
 * relative to it; several paths, or files given by name, one whose paths
 * are relative to `cwd`. Throws ScanInputError for a path that cannot be
 * read, a config that cannot be used (naming the file), or rules that leave
 * none to run.
 */
export async function scanGivenPaths(
  options: ScanGivenPathsOptions,
): Promise<GivenPathsScan> {
  const { cwd, rules: only, skipRules: skip = [], reportFiles = [] } = options;
  const names = options.ruleOptionNames ?? {
    rules: '--rules',
    skipRules: '--skip-rules',
  };
  const origin: NamedFilesOrigin = { cwd, confined: options.confineToCwd };
  const roots = options.paths.map(given => checkRoot(given, cwd));
  const units = await scanUnits(roots, origin);
  // Several roots make one report whose paths are relative to `cwd`, and so do files given by name: a pre-commit
  // hook names one or several, and their fingerprints must be those a `scan .` baseline holds.
  const relativeToCwd = roots.length > 1 || roots[0].isFile;
  // One folder makes a report whose paths are relative to it, also where its scan reads its program from above it.
  const srcRoot = relativeToCwd ? cwd : roots[0].absolute;

  // By real paths: a report file that is a symlink to a template, or in a symlink to its folder, would replace it.
  const realPath = realPathResolver();
  const reportTargets = reportFiles.map(file => ({
    file,
    target: realPath(path.resolve(cwd, file)),
  }));
  const scans: (UnitScan & {
    config: ScanConfig;
    pathPrefix: string | undefined;
  })[] = [];
  const ranRules = new Set<string>();
  // A config several scans read (the repository's, for files given by name in two stacks) warns once.
  const configWarnings = new Set<string>();
  for (const [index, unit] of units.entries()) {
    const label = unitLabel(unit);
    const { config, configFile } = options.config
      ? {
          config: withPathsOf(options.config, pathsFolderOf(unit), unit),
          configFile: undefined,
        }
      : await readTreeConfig(unit, origin);
    for (const text of (config.warnings ?? []).map(configWarningText)) {
      if (configWarnings.has(text)) continue;
      configWarnings.add(text);
      options.onWarning?.(text);
    }
    const ran = ranRuleIds(only, [...skip, ...config.disabledRules]);
    if (ran.length === 0) {
      throw new ScanInputError(
        `no rule left to run in ${label}: ${names.rules}, ${names.skipRules} and rules.disable leave out every rule`,
      );
    }
    ran.forEach(id => ranRules.add(id));
    options.onScanStart?.(index, units.length, label);
    const pathPrefix =
      relativeToCwd || unit.baseDirectory !== srcRoot
        ? toPosix(path.relative(srcRoot, unit.baseDirectory))
        : undefined;
    const { onProgress } = options;
    const result = await scanPath(unit.absolute, {
      rules: only,
      skipRules: skip,
      config,
      namedFiles: unit.namedFiles,
      pathPrefix,
      pathPrefixFrom: srcRoot,
      origin,
      onProgress: onProgress
        ? (done, total) => onProgress(index, units.length, label, done, total)
        : undefined,
      onInternalError: options.onInternalError,
    });
    if (reportTargets.length > 0) {
      const read = filesRead(
        result,
        unit.baseDirectory,
        pathPrefix === undefined ? undefined : srcRoot,
        realPath,
      );
      if (configFile !== undefined) read.add(realPath(configFile));
      const replaced = reportTargets.find(({ target }) => read.has(target));
      if (replaced)
        throw new ScanInputError(
          `cannot write ${replaced.file}: it is a file the scan reads, which the report would replace`,
        );
    }
    scans.push({ unit, result, config, pathPrefix });
  }

  // Once all are scanned: a link one path's walk leaves out may lead to what a path given after it scans.
  const result =
    scans.length === 1
      ? scans[0].result
      : mergeScans(
          scans,
          pathsReportedElsewhere(scans, roots, cwd),
          linksScannedElsewhere(scans, srcRoot),
        );
  // What the report lists as skipped: a file one path skips and another reads is listed as scanned.
  const skippedInReport = new Set(result.skipped.map(file => file.path));
  for (const { unit, result: own, config, pathPrefix } of scans) {
    for (const notRead of pathsNotRead(
      unit,
      own,
      pathFromFolderInReport(pathPrefix, srcRoot),
      skippedInReport,
    )) {
      // A README or package.json a pre-commit hook names with the IaC it changed is no typo to warn about.
      if (roots.length > 1 && holdsNoIac(notRead, config)) continue;
      options.onWarning?.(noFileWarning(notRead, config));
    }
  }

  return {
    result,
    ranRules: [...ranRules],
    srcRoot,
    repositoryRoot: scannedRepositoryRoot(units, cwd),
    cwd,
  };
}

/**
 * Rule ids as the user gave them (`dlq-001`, ` IAM-003`): each once, in
 * upper case. None, or ids the catalog does not know, are a ScanInputError
 * naming `option`, the option they were given in.
 */
export function parseRuleIdList(
  given: readonly string[],
  option: string,
): string[] {
  const ids = given.map(id => id.trim().toUpperCase()).filter(Boolean);
  if (ids.length === 0)
    throw new ScanInputError(`${option} needs at least one rule id`);
  const unknown = ids.filter(id => !getRuleMetadata(id));
  if (unknown.length > 0) {
    throw new ScanInputError(
      `unknown rule id${
        unknown.length > 1 ? 's' : ''
      } in ${option}: ${unknown.join(
        ', ',
      )} (run "infra-compliance rules" for the list)`,
    );
  }
  return [...new Set(ids)];
}

/**
 * The unsuppressed findings at or above `failOn` (none for `none`), not
 * counting those a baseline already has: those that fail a scan.
 */
export function failingFindings(
  findings: readonly Finding[],
  failOn: FailOn,
): Finding[] {
  if (failOn === 'none') return [];
  const limit = SEVERITIES.indexOf(failOn);
  return findings.filter(
    f =>
      !f.suppressed &&
      f.baselineState !== 'unchanged' &&
      SEVERITIES.indexOf(f.severity) <= limit,
  );
}

/**
 * A scan in one line: `3 findings (0 critical, 2 high, 1 medium, 0 low), 1
 * suppressed, grade F (35), 1 file scanned`.
 */
export function oneLineSummary(result: ScanResult): string {
  const open = result.findings.filter(f => !f.suppressed);
  const counts = SEVERITIES.map(
    (severity: Severity) =>
      `${open.filter(f => f.severity === severity).length} ${severity}`,
  );
  const suppressed = result.findings.length - open.length;
  const unused = result.unusedSuppressions?.length ?? 0;
  const fresh = open.filter(f => f.baselineState === 'new').length;
  const grade =
    result.scorecard.grade === null
      ? 'grade n/a'
      : `grade ${result.scorecard.grade} (${result.scorecard.score})`;
  return (
    `${open.length} finding${open.length === 1 ? '' : 's'} (${counts.join(
      ', ',
    )})` +
    `${suppressed > 0 ? `, ${suppressed} suppressed` : ''}` +
    `${
      unused > 0
        ? `, ${unused} unused suppression${unused === 1 ? '' : 's'}`
        : ''
    }` +
    `${
      open.some(f => f.baselineState) ? `, ${fresh} new since the baseline` : ''
    }, ${grade}, ` +
    `${result.files.length} file${result.files.length === 1 ? '' : 's'} scanned`
  );
}

/**
 * The config file given in place of each tree's (`--config`), checked as a
 * tree's is, named in errors as given.
 */
export function readConfigFile(file: string, cwd: string): ScanConfig {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.resolve(cwd, file));
  } catch (error) {
    throw new ScanInputError(
      `cannot read the config file ${file}: ${describeFsError(error)}`,
    );
  }
  return readConfigBytes(bytes, file);
}

/**
 * A config given by its bytes (`--config -`, the standard input), checked
 * as a file's is, named `name` in errors.
 */
export function readConfigBytes(bytes: Uint8Array, name: string): ScanConfig {
  return checkConfig(parseConfigOrThrow(bytes, name), name);
}

function checkRoot(given: string, cwd: string): Root {
  const absolute = path.resolve(cwd, given);
  let isFile: boolean;
  try {
    const stat = fs.statSync(absolute);
    if (stat.isDirectory()) {
      fs.readdirSync(absolute);
      isFile = false;
    } else if (stat.isFile()) {
      fs.accessSync(absolute, fs.constants.R_OK);
      isFile = true;
    } else {
      throw new ScanInputError(`cannot scan ${given}: not a file or directory`);
    }
  } catch (error) {
    if (error instanceof ScanInputError) throw error;
    throw new ScanInputError(`cannot read ${given}: ${describeFsError(error)}`);
  }
  return { given, absolute, isFile };
}

/** The rules a scan runs (for SARIF's rule list); PARSE-001 and SUP-001 are in the catalog too. */
function ranRuleIds(
  only: string[] | undefined,
  skip: readonly string[],
): string[] {
  return RULE_CATALOG.map(rule => rule.id).filter(
    id => (!only || only.includes(id)) && !skip.includes(id),
  );
}

/**
 * The config of the tree a scan's report paths are relative to: a folder's
 * own (also of a folder read in its program, see scanUnits.folderUnit: not
 * the project's), and that of a file's stack's folder (`scan template.yaml`
 * beside the config, or a pre-commit hook's file names, keep the rules the
 * team disabled out), named in errors as the path first given spells it;
 * and the file it is read from, or would be (absolute).
 */
async function readTreeConfig(
  unit: ScanUnit,
  origin: NamedFilesOrigin,
): Promise<{ config: ScanConfig; configFile: string }> {
  const [{ given, absolute, isFile }] = unit.roots;
  const folder = isFile
    ? configFolderOf(unit.baseDirectory, origin)
    : pathsFolderOf(unit);
  const file = path.join(
    isFile ? path.dirname(given) : given,
    path.relative(isFile ? path.dirname(absolute) : absolute, folder),
    CONFIG_FILE_NAME,
  );
  const configFile = path.join(folder, CONFIG_FILE_NAME);
  try {
    const config = checkConfig(await loadConfig(folder), file);
    return { config: withPathsOf(config, folder, unit), configFile };
  } catch (error) {
    throw asInputError(error, file);
  }
}

/**
 * The folder a `--config`'s paths are relative to, and whose own config a
 * folder given is scanned with: the folder given, also where it is read
 * from its program's project; for files given by name, the folder their
 * stack is read from.
 */
function pathsFolderOf(unit: ScanUnit): string {
  return unit.isFile ? unit.baseDirectory : unit.roots[0].absolute;
}

/**
 * A config whose paths are relative to `folder`, for the scan of `unit`,
 * which reads from its folder: above it (a file's stack's, with the
 * repository's config), or below it (a folder given in a Pulumi program's
 * main folder, read from the project's).
 */
function withPathsOf(
  config: ScanConfig,
  folder: string,
  unit: ScanUnit,
): ScanConfig {
  const scanned = unit.baseDirectory;
  if (folder === scanned) return config;
  return isAtOrBelow(folder, scanned)
    ? { ...config, pathsBelow: toPosix(path.relative(scanned, folder)) }
    : { ...config, pathsFrom: toPosix(path.relative(folder, scanned)) };
}

function parseConfigOrThrow(bytes: Uint8Array, file: string): ScanConfig {
  try {
    return parseConfig(decodeConfig(bytes));
  } catch (error) {
    throw asInputError(error, file);
  }
}

/**
 * A config error as the user is told it, naming the file it read: where
 * the engine's message names the config by its default name
 * (`.infra-compliance.yaml is not valid YAML`, `.infra-compliance.yaml:3:
 * rules.disable …`), the file takes its place.
 */
function asInputError(error: unknown, file: string): unknown {
  if (!(error instanceof ConfigError)) return error;
  const { message } = error;
  return new ScanInputError(
    message.startsWith(CONFIG_FILE_NAME) &&
    /^[ :]/.test(message.slice(CONFIG_FILE_NAME.length))
      ? `${file}${message.slice(CONFIG_FILE_NAME.length)}`
      : `${file}: ${message}`,
  );
}

/** Rule ids the catalog lacks, and rule options it cannot use, are errors before any tree is scanned. */
function checkConfig(config: ScanConfig, file: string): ScanConfig {
  try {
    checkRuleIds(config, ['disable', 'options']);
    // Every rule's options, whether or not this scan runs it: a broken config fails before any tree needs it.
    readConfigRuleOptions(config.ruleOptions);
  } catch (error) {
    throw asInputError(error, file);
  }
  return config.warnings
    ? {
        ...config,
        warnings: config.warnings.map(warning => ({ ...warning, file })),
      }
    : config;
}

/**
 * The root of the Git repository SARIF and Code Quality paths are written
 * from (GitHub and GitLab read them from there): the one the scanned paths are in, by
 * their real paths (a symlink into a repository leads into it), whatever
 * `cwd` is in. Paths in several repositories make a log for
 * `cwd`'s, when it is one of them (their other files get
 * absolute URIs); else for none.
 */
function scannedRepositoryRoot(
  units: readonly ScanUnit[],
  cwd: string,
): string | undefined {
  const repositories = new Set(
    units.map(unit => repositoryRootOf(realPathOf(unit.baseDirectory))),
  );
  if (repositories.size === 1) return [...repositories][0];
  const current = repositoryRootOf(cwd);
  return current !== undefined && repositories.has(current)
    ? current
    : undefined;
}

/**
 * The real paths of the files a scan read (a report file must not overwrite
 * a template with its own report), by `realPath` (see realPathResolver).
 */
function filesRead(
  result: ScanResult,
  baseDirectory: string,
  prefixedFrom: string | undefined,
  realPath: (file: string) => string,
): Set<string> {
  // Paths are the root's, or, prefixed (several roots, files given by name, a folder read in its program), `prefixedFrom`'s.
  return new Set(
    [...reportedFiles(result), ...(result.stackFiles ?? [])].map(read =>
      realPath(path.resolve(prefixedFrom ?? baseDirectory, read)),
    ),
  );
}

/** A path given that its scan read no file of. */
interface PathNotRead {
  root: Root;
  /** A file's path from the folder the config's globs are relative to. */
  named?: string;
  /** How many files the report skips there. */
  filesSkipped: number;
}

/**
 * The paths given that a scan read no file of: a folder, or a file read
 * alone, whose report lists no file, but for one whose files skipped the
 * report of all the paths given lists none of (`skippedInReport`): another
 * path given read them (`scan .. .` in a CDK app's `lib`, which the app's
 * folder reads), or they are links to what another scanned (see
 * linksScannedElsewhere); a file named with its stack that the report
 * lists neither as read nor as the project file of a program read.
 */
function pathsNotRead(
  unit: ScanUnit,
  result: ScanResult,
  reportPath: (named: string) => string,
  skippedInReport: ReadonlySet<string>,
): PathNotRead[] {
  const { namedFiles } = unit;
  // A folder given whose files are read in their program is not read where none of them is.
  if (!namedFiles || !unit.isFile) {
    if (result.files.length > 0) return [];
    const skipped = result.skipped.filter(file =>
      skippedInReport.has(file.path),
    );
    if (skipped.length === 0 && result.skipped.length > 0) return [];
    const filesSkipped = new Set(skipped.map(file => file.path)).size;
    return unit.roots.map(root => ({
      root,
      named: root.isFile ? path.basename(root.absolute) : undefined,
      filesSkipped,
    }));
  }
  const read = new Set([
    ...result.files.map(file => file.path),
    ...(result.programs ?? []).map(program => program.project),
  ]);
  return unit.roots.flatMap(root => {
    const named = toPosix(path.relative(unit.absolute, root.absolute));
    const shown = reportPath(named);
    if (read.has(shown)) return [];
    const filesSkipped = result.skipped.some(file => file.path === shown)
      ? 1
      : 0;
    return [{ root, named, filesSkipped }];
  });
}

/** A file given by name that the config's `paths` leave in, in which no infrastructure as code is found. */
function holdsNoIac(
  { named, filesSkipped }: PathNotRead,
  config: ScanConfig,
): boolean {
  return (
    named !== undefined && filesSkipped === 0 && isLeftInByPaths(named, config)
  );
}

/**
 * A scan that found nothing to scan may be a typo (`include: [infra]` for
 * `infra/**`) that would keep CI green, or code it cannot read (a CDK app
 * in Python): said as a warning, without failing.
 */
function noFileWarning(
  { root, named, filesSkipped }: PathNotRead,
  config: ScanConfig,
): string {
  const where = root.given;
  // `scan /proc`: the walk passes over such a folder, given or met.
  const pseudoFileSystem = root.isFile
    ? undefined
    : pseudoFileSystemOf(root.absolute);
  if (pseudoFileSystem) {
    return `${where} is on a pseudo file system (${pseudoFileSystem}), which holds no code: not walked`;
  }
  if (filesSkipped > 0) {
    return `no infrastructure-as-code file read in ${where}: ${filesSkipped} ${
      filesSkipped === 1 ? 'file' : 'files'
    } skipped (the report says why)`;
  }
  // A file named on the command line (as a pre-commit hook names those it changed) that the config leaves out, by
  // the patterns that do (itself or a folder of it), not every pattern of the config.
  const excludedBy =
    named === undefined
      ? []
      : config.exclude.filter(
          pattern =>
            !isLeftInByPaths(named, {
              ...config,
              include: [],
              exclude: [pattern],
            }),
        );
  if (excludedBy.length > 0) {
    return `${where} is not scanned: it matches paths.exclude ${excludedBy.join(
      ', ',
    )}`;
  }
  if (config.include.length === 0) {
    return `no infrastructure-as-code file found in ${where}`;
  }
  const folders = config.include.filter(glob => !/[*?[{]/.test(glob));
  const hint =
    folders.length > 0
      ? ` (a folder is included with its files: ${folders
          .map(glob => `${glob.replace(/\/$/, '')}/**`)
          .join(', ')})`
      : '';
  return `no infrastructure-as-code file in ${where} matches paths.include ${config.include.join(
    ', ',
  )}${hint}`;
}

/**
 * The programs the reports of several roots read, each once by its main
 * module: the one of the root that reports its main module, else (the roots
 * report only modules of their own, read with the program: a folder in its
 * main folder beside a template's) of the first, in `results`' order, that
 * lists it. `owner`: the result each file goes with (see mergeScans).
 */
function programsOnce(
  results: readonly ScanResult[],
  owner: ReadonlyMap<string, ScanResult>,
): Map<string, ReadProgram> {
  const programs = new Map<string, ReadProgram>();
  for (const result of results) {
    for (const program of result.programs ?? []) {
      const mainOwner = owner.get(program.main);
      if (
        mainOwner === undefined
          ? !programs.has(program.main)
          : mainOwner === result
      )
        programs.set(program.main, program);
    }
  }
  return programs;
}

/**
 * The reports of several roots, whose paths already start with each root's
 * own. A file two roots reach (a path inside another, or given twice) is
 * reported once, whatever the order of the paths: as the root that scanned
 * it rather than one that skipped it, and as a folder, the outermost, rather
 * than the file alone (a folder reads the files a template or module uses).
 * A file only findings name (a `cdk.json` that does not parse) goes with the
 * first root, in that order, that reports on it. A file two roots read
 * under two paths (through a symlink) is reported under one, the others
 * being `reportedElsewhere` (see pathsReportedElsewhere); a link a root did
 * not follow to what another scanned is no file skipped
 * (`scannedElsewhere`, see linksScannedElsewhere).
 *
 * A root that scanned files its file's root did not (a stack of its own
 * that calls a module both reach, which the other's `paths` leave out) also
 * judged that file with its own inputs: its findings and checks there are
 * kept too, each once, as one scan of both stacks keeps those of code they
 * share (see sharedFindingKey, sharedCheckKey): the first root's finding,
 * proven if either proves it, and a check failed if it fails in either. The
 * roots are taken in one order, whatever the order of the paths.
 */
function mergeScans(
  unitScans: readonly UnitScan[],
  reportedElsewhere: ReadonlyMap<UnitScan, ReadonlySet<string>>,
  scannedElsewhere: (skipped: SkippedFile) => boolean,
): ScanResult {
  const scans = unitScans.map((scan): UnitScan => {
    const { unit, result } = scan;
    const elsewhere = reportedElsewhere.get(scan);
    const here = (file: string | undefined) =>
      file === undefined || !elsewhere?.has(file);
    return {
      unit,
      result: {
        ...result,
        files: result.files.filter(file => here(file.path)),
        skipped: result.skipped.filter(
          file => here(file.path) && !scannedElsewhere(file),
        ),
        findings: result.findings.filter(finding => here(finding.file)),
        checks: result.checks.filter(check => here(check.file)),
        unusedSuppressions: result.unusedSuppressions?.filter(unused =>
          here(unused.file),
        ),
      },
    };
  });
  // A folder read in its program ranks by the folder given, not the project read from: the one holding the other
  // owns its files, as for any folders, whatever their order (each has its own config).
  const walked = ({ unit }: UnitScan) =>
    unit.isFile ? unit.absolute : pathsFolderOf(unit);
  const ranked = [...scans].sort(
    (a, b) =>
      Number(a.unit.isFile) - Number(b.unit.isFile) ||
      walked(a).length - walked(b).length ||
      compareText(walked(a), walked(b)),
  );
  const owner = new Map<string, ScanResult>();
  const claim = (paths: (string | undefined)[], result: ScanResult) => {
    for (const file of paths) {
      if (file !== undefined && !owner.has(file)) owner.set(file, result);
    }
  };
  for (const { result } of ranked)
    claim(
      result.files.map(file => file.path),
      result,
    );
  for (const { result } of ranked)
    claim(
      result.skipped.map(file => file.path),
      result,
    );
  for (const { result } of ranked) {
    claim(
      [
        ...result.findings.map(finding => finding.file),
        ...result.checks.map(check => check.file),
      ],
      result,
    );
  }
  const results = ranked.map(scan => scan.result);
  const owned = <T>(
    result: ScanResult,
    items: T[],
    fileOf: (item: T) => string | undefined,
  ) =>
    items.filter(item => {
      const file = fileOf(item);
      return file === undefined || owner.get(file) === result;
    });
  const scannedBy = new Map(
    results.map(result => [
      result,
      new Set(result.files.map(file => file.path)),
    ]),
  );
  const scannedApart = new Map<ScanResult, Map<ScanResult, boolean>>();
  /** Whether `result` scanned a file that the root owning `file` did not: it judged `file` in stacks of its own. */
  const judgedApart = (result: ScanResult, file: string | undefined) => {
    const fileOwner = file === undefined ? result : owner.get(file)!;
    if (fileOwner === result) return false;
    const known = scannedApart.get(result) ?? new Map<ScanResult, boolean>();
    scannedApart.set(result, known);
    if (!known.has(fileOwner)) {
      const ownerScanned = scannedBy.get(fileOwner)!;
      known.set(
        fileOwner,
        [...scannedBy.get(result)!].some(scanned => !ownerScanned.has(scanned)),
      );
    }
    return known.get(fileOwner)!;
  };

  const findings = results.flatMap(result =>
    owned(result, result.findings, finding => finding.file).map(finding => ({
      ...finding,
    })),
  );
  const sameFindings = new Map(
    findings.map(finding => [sharedFindingKey(finding), finding]),
  );
  const fingerprints = new Set(findings.map(finding => finding.fingerprint));
  for (const result of results) {
    for (const finding of result.findings) {
      if (!judgedApart(result, finding.file)) continue;
      const same = sameFindings.get(sharedFindingKey(finding));
      if (same) {
        // Proven in either stack (one gives the module's input, the other leaves its default): proven.
        if (finding.confidence === 'high') same.confidence = 'high';
        continue;
      }
      // A fingerprint another line of the file has already (see rankFindingsAlike).
      let kept = finding;
      for (let rank = 2; fingerprints.has(kept.fingerprint); rank++) {
        kept = {
          ...finding,
          fingerprint: fingerprintApart(finding.fingerprint, `#${rank}`),
        };
      }
      fingerprints.add(kept.fingerprint);
      sameFindings.set(sharedFindingKey(finding), kept);
      findings.push(kept);
    }
  }

  const checks = results.flatMap(result =>
    owned(result, result.checks, check => check.file).map(check => ({
      ...check,
    })),
  );
  const sameChecks = new Map(
    checks
      .filter(check => check.file !== undefined)
      .map(check => [sharedCheckKey(check), check]),
  );
  for (const result of results) {
    for (const check of result.checks) {
      if (!judgedApart(result, check.file)) continue;
      const same = sameChecks.get(sharedCheckKey(check));
      if (same) {
        same.passed &&= check.passed;
        continue;
      }
      const kept = { ...check };
      sameChecks.set(sharedCheckKey(kept), kept);
      checks.push(kept);
    }
  }

  const files = results.flatMap(result =>
    owned(result, result.files, file => file.path),
  );
  files.sort(byPath);
  findings.sort(byFileAndLine);
  // A suppression of a file several roots scanned is unused where each finds it so: a stack of another may use it.
  const unusedBy = new Map(
    results.map(result => [
      result,
      new Set((result.unusedSuppressions ?? []).map(suppressionPlace)),
    ]),
  );
  const unusedSuppressions = results
    .flatMap(result =>
      owned(result, result.unusedSuppressions ?? [], unused => unused.file),
    )
    .filter(unused =>
      results.every(
        result =>
          !scannedBy.get(result)!.has(unused.file) ||
          unusedBy.get(result)!.has(suppressionPlace(unused)),
      ),
    )
    .sort(byFileAndLine);
  return {
    version: 1,
    files,
    skipped: results
      .flatMap(result => owned(result, result.skipped, file => file.path))
      .sort(byPath),
    programs: [...programsOnce(results, owner).values()].sort(byEntryPoint),
    findings,
    unusedSuppressions,
    checks,
    scorecard: computeScorecard(checks),
    durationMs: results.reduce((sum, result) => sum + result.durationMs, 0),
  };
}
