/**
 * The pipeline: files → documents → resource graphs → findings → report.
 * Each file is read and parsed once; each graph is built once and every
 * rule reads it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  ConfigWarning,
  Finding,
  IAC_FORMAT_TITLES,
  ReadProgram,
  ScanReport,
  ScannedFile,
  SkippedFile,
  UnusedSuppression,
  computeScorecard,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  LazyAdapter,
  LoadError,
  LoadResult,
  ReadCompanionFile,
  SourceFile,
} from '../adapters/types';
import { LAZY_ADAPTERS, claimOf } from '../adapters/lazyAdapters';
import { ScanConfig, checkRuleIds, loadConfig } from '../config/loadConfig';
import { companionFileReader, discoverFiles } from '../discovery/discoverFiles';
import {
  NamedFilesOrigin,
  discoverNamedFiles,
  stackOfNamedFile,
} from './namedFiles';
import {
  inReportPaths,
  normalizedPrefix,
  pathFromFolderInReport,
  reportPathOf,
} from './reportPaths';
import { ALL_RULES } from '../rules';
import { readRuleOptions } from '../rules/options';
import { Rule } from '../rules/types';
import {
  AnsweredElsewhere,
  GraphEvaluation,
  ScanCheck,
  SuppressionVerdict,
  evaluateGraph,
  fingerprint,
  rankFindingsAlike,
  suppressionPlace,
} from './evaluateGraph';
import { compareText } from '../support/compareText';
import { toPosix } from '../support/paths';
import { byEntryPoint, byFileAndLine, byPath } from '../support/reportOrder';
import { WildcardIndex } from '../support/wildcardIndex';
import { ANY_TEXT } from '../graph/ResourceGraph';
import { isStackOverflow } from '../support/stackOverflow';
import { Steps, runSteps, runStepsInTurns } from '../support/steps';

export interface ScanOptions {
  /** Only these rule ids (default: all). */
  rules?: string[];
  /** Rule ids to leave out, on top of the config's `rules.disable`. */
  skipRules?: string[];
  /** Replaces the tree's `.infra-compliance.yaml`. */
  config?: ScanConfig;
  /**
   * What the tree's `.infra-compliance.yaml` says that is odd but not wrong
   * (see ScanConfig.warnings), its file named as the report's paths are;
   * not told of `config`.
   */
  onConfigWarning?: (warning: ConfigWarning) => void;
  /** Extra globs narrowing the scan (the backend's `infra-compliance/paths`). */
  include?: string[];
  now?: Date;
  /** Called after each file group, for progress lines. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Called when the engine fails on a stack (a bug in it): the stack's files
   * (by their paths in the report) are skipped with the error as their
   * reason and the scan goes on. For a log with the error's stack trace.
   */
  onInternalError?: (error: unknown, files: string[]) => void;
  /**
   * Files of the folder `root` given by name, by path relative to it: each is
   * read with the files of its stack a scan of `root` reads (see
   * stackOfNamedFile), and the report is of them only. A file given as
   * `root` is read so too, the one file named of its stack.
   */
  namedFiles?: string[];
  /**
   * Put before every path of the report, fingerprints included
   * (`services/orders`; `services/orders/` alike, and `.` puts nothing):
   * trees scanned into one report stay apart, and their findings are those
   * of a scan of the folder the prefix starts from.
   */
  pathPrefix?: string;
  /**
   * The directory (absolute) `pathPrefix` is the path from: the report
   * names each file by its normalized path from it, as a scan of it does
   * (`main.tf`, where the prefix `../..` and the path of the stack's folder
   * `envs/prod/main.tf` would make `../../envs/prod/main.tf`), and its
   * fingerprints are of those paths (see reportPathOf).
   */
  pathPrefixFrom?: string;
  /** Where a file given as `root` was given from, which bounds the search for its stack (default: the process's current directory). */
  origin?: NamedFilesOrigin;
}

/**
 * What tells apart the findings of code two stacks share (a module two
 * programs import): one fingerprint at one line is one finding, whatever
 * each stack's inputs put in its message.
 */
export function sharedFindingKey(finding: Finding): string {
  return `${finding.fingerprint}\u0000${finding.line}`;
}

/** What tells apart the checks of code two stacks share: one rule on one subject of one file is one check. */
export function sharedCheckKey(check: ScanCheck): string {
  return `${check.ruleId}\u0000${check.file}\u0000${check.subject}`;
}

export interface ScanResult extends ScanReport {
  checks: ScanCheck[];
  /**
   * Of a report of files given by name, every file read for them, by report
   * path: the other files of their stacks, which `files` leaves out.
   */
  stackFiles?: string[];
  /** Wall time of the scan in milliseconds. */
  durationMs: number;
}

const PARSE_RULE = 'PARSE-001';
const SUPPRESSION_RULE = 'SUP-001';

/** Selects the rules a scan runs. Unknown ids are an error, not a silent no-op. */
export function selectRules(only?: string[], skip: string[] = []): Rule[] {
  for (const id of [...(only ?? []), ...skip]) {
    if (!getRuleMetadata(id)) throw new Error(`Unknown rule id ${id}`);
  }
  return ALL_RULES.filter(
    rule =>
      (!only || only.includes(rule.meta.id)) && !skip.includes(rule.meta.id),
  );
}

/**
 * Scans a tree (or a single file) and returns the report with its checks.
 * A file is judged in its stack (see stackOfNamedFile): its report's paths
 * are relative to the stack's folder, its own or its program's.
 */
export async function scanPath(
  root: string,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const started = Date.now();
  const config = options.config ?? (await loadConfig(root));
  checkRuleIds(config, ['disable']);
  const rules = selectRules(options.rules, [
    ...config.disabledRules,
    ...(options.skipRules ?? []),
  ]);
  // PARSE-001 and SUP-001 are reported by the engine itself, not by a rule module.
  const engineRuleEnabled = (id: string) =>
    (!options.rules || options.rules.includes(id)) &&
    !config.disabledRules.includes(id) &&
    !options.skipRules?.includes(id);
  const discoveryOptions = {
    include: [...config.include, ...(options.include ?? [])],
    exclude: config.exclude,
    pathsFrom: config.pathsFrom,
    pathsBelow: config.pathsBelow,
  };
  const stack = options.namedFiles
    ? { folder: root, named: options.namedFiles }
    : await stackOfRoot(root, options.origin);
  const discovery = stack
    ? await discoverNamedFiles(stack.folder, stack.named, discoveryOptions)
    : await discoverFiles(root, discoveryOptions);
  const pathPrefix = normalizedPrefix(options.pathPrefix);
  const { prefixed, readFile } = withPathPrefix(
    pathPrefix,
    companionFileReader(stack?.folder ?? root),
  );
  const reportPath = reportPathOf(pathPrefix, options.pathPrefixFrom);
  if (!options.config) {
    const shown = pathFromFolderInReport(pathPrefix, options.pathPrefixFrom);
    for (const warning of config.warnings ?? [])
      options.onConfigWarning?.({ ...warning, file: shown(warning.file) });
  }
  const onlyFiles = stack && new Set(stack.named.map(prefixed));
  const report = await runStepsInTurns(
    scanSteps(
      discovery.files.map(file => ({
        ...file,
        path: prefixed(file.path),
        ...(file.ownFolder && { ownFolder: prefixed(file.ownFolder) }),
      })),
      rules,
      {
        ruleOptions: config.ruleOptions,
        now: options.now,
        parseRule: engineRuleEnabled(PARSE_RULE),
        onProgress: options.onProgress,
        onInternalError: options.onInternalError,
        readFile,
      },
      {
        notRead: discovery.skipped.map(file => prefixed(file.path)),
        onlyFiles,
        reportPath,
      },
    ),
  );
  const kept = engineRuleEnabled(SUPPRESSION_RULE)
    ? report
    : withoutRule(report, SUPPRESSION_RULE);
  const inNamedFolder = onlyFiles && inFolderOfAny(onlyFiles);
  const result = {
    ...kept,
    skipped: [
      ...discovery.skipped
        .map(file => ({ ...file, path: prefixed(file.path) }))
        .filter(file => !inNamedFolder || inNamedFolder(file.path)),
      ...report.skipped,
    ],
    ...(stack
      ? { stackFiles: discovery.files.map(file => prefixed(file.path)) }
      : {}),
  };
  return {
    ...(reportPath ? inReportPaths(result, reportPath) : result),
    durationMs: Date.now() - started,
  };
}

/**
 * The stack of a file given as the root of a scan, with its path from the
 * stack's folder; undefined for a folder, or a file read alone (a project
 * file given alone: it declares nothing, and its report says which entry
 * point to scan with it).
 */
async function stackOfRoot(
  root: string,
  origin: NamedFilesOrigin | undefined,
): Promise<{ folder: string; named: string[] } | undefined> {
  try {
    if (!fs.statSync(root).isFile()) return undefined;
  } catch {
    // A root that cannot be read: discovery says why.
    return undefined;
  }
  const stack = await stackOfNamedFile(root, origin);
  if (!stack || stack.isProjectFile) return undefined;
  return {
    folder: stack.folder,
    named: [toPosix(path.relative(stack.folder, root))],
  };
}

/** Whether a file is in the folder of one of the files named: of their module, as opposed to a module under it. */
function inFolderOfAny(named: Iterable<string>): (file: string) => boolean {
  const folders = new Set([...named].map(file => path.posix.dirname(file)));
  return file => folders.has(path.posix.dirname(file));
}

/**
 * The report of files read with the others of their stack (see
 * discoverNamedFiles): their findings and checks only. The files of their
 * folders, and of the programs that read them, that the scan could not read
 * whole are listed as skipped, saying why: their findings may lack what
 * those declare, or be wrong for them.
 */
function narrowedTo<T extends Omit<ScanResult, 'durationMs'>>(
  report: T,
  named: ReadonlySet<string>,
  parseErrors: readonly LoadError[],
  reportPath: (file: string) => string = file => file,
): T {
  const isNamed = (file: string | undefined) =>
    file !== undefined && named.has(file);
  const programs = report.programs?.filter(
    program => program.files.some(isNamed) || isNamed(program.project),
  );
  const inNamedFolder = inFolderOfAny(named);
  const inProgramOf = (file: string, other: string) =>
    programs?.some(
      program =>
        (program.files.includes(other) || program.project === other) &&
        (program.files.includes(file) || program.project === file),
    );
  const formatOfNamed = new Map(
    report.files
      .filter(scanned => isNamed(scanned.path))
      .map(scanned => [scanned.path, scanned.format]),
  );
  const answersEachOther = (format: string | undefined) =>
    LAZY_ADAPTERS.find(adapter => adapter.format === format)
      ?.stacksAnswerEachOther === true;
  /**
   * The files named that a file not parsed whole was read with: those of its folder, those of the programs that
   * read it, and those below it if it is a program's project file (the program, unread, read none of them). A
   * template, its own stack, was read for what it answers the templates named (it may be in a folder below theirs),
   * and nothing else.
   */
  const readWith = ({ file, format }: LoadError) => {
    if (answersEachOther(format))
      return [...named].filter(other => formatOfNamed.get(other) === format);
    const folder = path.posix.dirname(file);
    const isProjectFile = LAZY_ADAPTERS.find(
      adapter => adapter.format === format,
    )?.program?.projectFileNamePattern.test(file);
    return [...named].filter(
      other =>
        !answersEachOther(formatOfNamed.get(other)) &&
        (path.posix.dirname(other) === folder ||
          inProgramOf(file, other) ||
          (isProjectFile &&
            (folder === '.' || other.startsWith(`${folder}/`)))),
    );
  };
  const notParsed = new Map<string, string[]>();
  for (const error of parseErrors) {
    if (error.readAnyway || isNamed(error.file)) continue;
    const files = readWith(error);
    if (files.length > 0) notParsed.set(error.file, files);
  }
  const checks = report.checks.filter(check => isNamed(check.file));
  return {
    ...report,
    files: report.files.filter(scanned => isNamed(scanned.path)),
    skipped: [
      ...report.skipped.filter(skipped => inNamedFolder(skipped.path)),
      ...[...notParsed]
        .sort(([a], [b]) => compareText(a, b))
        .map(([other, files]) => ({
          path: other,
          reason: notParsedReason(files.map(reportPath)),
        })),
    ],
    programs,
    findings: report.findings.filter(finding => isNamed(finding.file)),
    unusedSuppressions: report.unusedSuppressions?.filter(suppression =>
      isNamed(suppression.file),
    ),
    checks,
    scorecard: computeScorecard(checks),
  };
}

/**
 * Why a file the files named were read with is listed as skipped: it does
 * not parse whole. The files are named by their paths in the report, which
 * tell apart two of one name (`lib/a/stack.ts`, `lib/b/stack.ts`).
 */
function notParsedReason(named: readonly string[]): string {
  // In one order, whatever the order the files were named in (`scan queues.tf main.tf`).
  const names = [...named].sort(compareText);
  const listed =
    names.length <= 3
      ? names.slice(0, -1).join(', ') +
        (names.length > 1 ? ' and ' : '') +
        names[names.length - 1]
      : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more files`;
  return names.length === 1
    ? `read with ${listed} as part of its stack, it does not parse whole: what it declares may be missing from that file's findings (a scan of the folder reports it)`
    : `read with ${listed} as part of their stack, it does not parse whole: what it declares may be missing from their findings (a scan of the folder reports it)`;
}

/**
 * Paths with the prefix (see normalizedPrefix) before them, and a reader of
 * companion files that takes such paths.
 */
function withPathPrefix(
  prefix: string | undefined,
  read: ReadCompanionFile,
): { prefixed: (file: string) => string; readFile: ReadCompanionFile } {
  if (!prefix) return { prefixed: file => file, readFile: read };
  const start = `${prefix}/`;
  return {
    prefixed: file => path.posix.join(prefix, file),
    // Only files of this tree: what the prefix does not start is outside it.
    readFile: file => {
      const normalized = path.posix.normalize(file);
      return normalized.startsWith(start)
        ? read(normalized.slice(start.length))
        : undefined;
    },
  };
}

/** The report without one rule's findings and checks (a rule the engine runs on every graph). */
function withoutRule<T extends Omit<ScanResult, 'durationMs'>>(
  report: T,
  ruleId: string,
): T {
  const checks = report.checks.filter(check => check.ruleId !== ruleId);
  return {
    ...report,
    findings: report.findings.filter(finding => finding.ruleId !== ruleId),
    unusedSuppressions: report.unusedSuppressions?.filter(
      suppression => suppression.ruleId !== ruleId,
    ),
    checks,
    scorecard: computeScorecard(checks),
  };
}

/** The options of {@link scanFiles}. */
export interface ScanFilesOptions {
  /** The options a config gives each rule (`rules.options`). */
  ruleOptions?: ScanConfig['ruleOptions'];
  /** The date the scan is of, for the rules (default: now). */
  now?: Date;
  /** Whether the engine reports PARSE-001, its findings and checks (default: yes). */
  parseRule?: boolean;
  /** Called after each file group, for progress lines. */
  onProgress?: (done: number, total: number) => void;
  onInternalError?: ScanOptions['onInternalError'];
  /** Reads the other files the code names (default for `scanFiles`: among the files given). */
  readFile?: ReadCompanionFile;
}

/**
 * What {@link scanPath} knows of the files of a tree it hands the pipeline
 * that files given in memory ({@link scanFiles}) have not: not one of the
 * latter's options, as a report path there would fingerprint findings by
 * paths their report does not name them by.
 */
interface TreeFiles {
  /** Files of the tree discovery could not read (binary, too large): a stack reading their folder is read in part. */
  notRead?: readonly string[];
  /** The files to report on: the others were read for what they declare (see discoverNamedFiles). */
  onlyFiles?: ReadonlySet<string>;
  /** How the report names the files, where not as read (see reportPathOf): findings are fingerprinted so. */
  reportPath?: (file: string) => string;
}

type ReadFile = SourceFile & {
  decodeError?: { line: number; message: string };
};

/**
 * The options a config gives each rule (`rules.options`), read by the
 * catalog's rules, any other rule given whose id is not among them, and the
 * engine's own rules (PARSE-001, SUP-001), which take none: options given
 * them are an error, as for any rule that takes none, not ignored.
 */
export function readConfigRuleOptions(
  ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  rules: readonly Rule[] = ALL_RULES,
): Record<string, Record<string, unknown>> {
  const catalogIds = new Set(ALL_RULES.map(rule => rule.meta.id));
  return readRuleOptions(
    [
      ...ALL_RULES,
      ...rules.filter(rule => !catalogIds.has(rule.meta.id)),
      ...[PARSE_RULE, SUPPRESSION_RULE].map(id => ({ meta: { id } })),
    ],
    ruleOptions,
  );
}

/** Runs the pipeline on files already read, without pausing. */
export function scanFiles(
  files: readonly ReadFile[],
  rules: readonly Rule[],
  options: ScanFilesOptions = {},
): Omit<ScanResult, 'durationMs'> {
  const readFile = options.readFile ?? inMemoryReader(files);
  return runSteps(scanSteps(files, rules, { ...options, readFile }));
}

/** Why the files of a stack the engine failed on were skipped. */
function internalErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `not scanned: the scanner failed on it (internal error: ${message}); please report it`;
}

/** Reads among files already in memory, by their paths. */
function inMemoryReader(files: readonly ReadFile[]): ReadCompanionFile {
  let filesByPath: Map<string, ReadFile> | undefined;
  return relative => {
    filesByPath ??= new Map(files.map(file => [file.path, file]));
    const file = filesByPath.get(path.posix.normalize(relative));
    return file && !file.decodeError ? file.text : undefined;
  };
}

/**
 * What the readings of the scan's stacks made of each suppression, by where
 * it is written (see `suppressionPlace`). It is unused where every reading
 * that judged it passed it: one that used it, or could not tell, keeps it.
 */
class SuppressionVerdicts {
  private readonly byPlace = new Map<
    string,
    { suppression: UnusedSuppression; verdicts: Set<string> }
  >();

  /** Adds the verdicts of a reading of a stack; of one read in part, what passed there is not known. */
  add(
    verdicts: readonly SuppressionVerdict[] | undefined,
    readInPart = false,
  ): void {
    for (const { suppression, verdict: made } of verdicts ?? []) {
      const verdict = readInPart && made === 'passed' ? 'unknown' : made;
      const key = suppressionPlace(suppression);
      const place = this.byPlace.get(key);
      if (place) place.verdicts.add(verdict);
      else this.byPlace.set(key, { suppression, verdicts: new Set([verdict]) });
    }
  }

  /** The suppressions every reading passed, by file and line. */
  unused(): UnusedSuppression[] {
    return [...this.byPlace.values()]
      .filter(({ verdicts }) => verdicts.size === 1 && verdicts.has('passed'))
      .map(({ suppression }) => suppression)
      .sort(byFileAndLine);
  }
}

/**
 * The pipeline, pausing after each stack loaded and each graph evaluated:
 * {@link scanPath} runs it in turns of the event loop, so that a backend
 * scanning a large tree still answers requests.
 */
function* scanSteps(
  files: readonly ReadFile[],
  rules: readonly Rule[],
  options: ScanFilesOptions,
  { notRead, onlyFiles, reportPath }: TreeFiles = {},
): Steps<Omit<ScanResult, 'durationMs'>> {
  const findings: Finding[] = [];
  const checks: ScanCheck[] = [];
  const scanned: ScannedFile[] = [];
  const skipped: SkippedFile[] = [];
  const programs: ReadProgram[] = [];
  const parseErrors: LoadError[] = [];
  const reported = new Map<string, Finding>();
  const checked = new Map<string, ScanCheck>();
  const suppressions = new SuppressionVerdicts();
  // The folders of files not read (see readInPart below): discovery's, and those that do not decode.
  const foldersNotRead = new Set(
    [
      ...(notRead ?? []),
      ...files.filter(file => file.decodeError).map(file => file.path),
    ].map(file => path.posix.dirname(file)),
  );
  const claimed = new Map<LazyAdapter, SourceFile[]>();
  // What templates answer for each other (see RuleContext.answerForOtherStacks): only keys, never graphs.
  const answers = new Map<string, Map<string, boolean>>();
  const answerable: Answerable[] = [];
  // Options are read before anything is scanned: a config error stops the scan, whatever the tree holds.
  const evaluationOptions = {
    ruleOptions: readConfigRuleOptions(options.ruleOptions ?? {}, rules),
    now: options.now,
    reportPath,
  };

  for (const file of files) {
    const claim = claimOf(file);
    if (!claim) continue;
    if (file.decodeError) {
      parseErrors.push({
        file: file.path,
        ...file.decodeError,
        format: claim.format,
      });
      scanned.push({ path: file.path, format: claim.format, resources: 0 });
      continue;
    }
    const group = claimed.get(claim) ?? [];
    group.push(file);
    claimed.set(claim, group);
  }

  const readScanned = inMemoryReader(files);
  let done = 0;
  const total = [...claimed.values()].reduce(
    (count, group) => count + group.length,
    0,
  );
  for (const [claim, group] of claimed) {
    // The adapter's code is loaded here, for the files it claims: a scan loads no other.
    const adapter = claim.loadAdapter();
    // Graphs are evaluated as soon as their stack is loaded and then dropped:
    // a large tree is never held in memory all at once.
    for (const stack of adapter.stacks?.(group) ?? [group]) {
      let loaded: LoadResult;
      const evaluations: GraphEvaluation[] = [];
      try {
        loaded = adapter.loadInSteps
          ? yield* adapter.loadInSteps(
              stack,
              options.readFile,
              readScanned,
              reportPath,
            )
          : adapter.load(stack, options.readFile, readScanned, reportPath);
        for (const graph of loaded.graphs) {
          evaluations.push(evaluateGraph(graph, rules, evaluationOptions));
          yield;
        }
      } catch (error) {
        if (isStackOverflow(error)) {
          // Parsers, evaluators and rules recurse: input nested thousands deep
          // that none of them refused costs its own files, not the scan.
          for (const file of stack) {
            scanned.push({
              path: file.path,
              format: adapter.format,
              resources: 0,
            });
            parseErrors.push({
              file: file.path,
              line: 1,
              message: 'it nests too deeply to read',
              format: adapter.format,
            });
          }
        } else {
          // A bug of the engine costs the stack it met, not the scan: the
          // stack's files are not judged (a backend keeps their last findings).
          const reason = internalErrorReason(error);
          for (const file of stack)
            skipped.push({ path: file.path, reason, internalError: true });
          options.onInternalError?.(
            error,
            stack.map(file => reportPath?.(file.path) ?? file.path),
          );
        }
        done += stack.length;
        options.onProgress?.(done, total);
        yield;
        continue;
      }
      scanned.push(...loaded.files);
      skipped.push(...(loaded.skipped ?? []));
      programs.push(...(loaded.programs ?? []));
      parseErrors.push(...loaded.errors);
      // Code two stacks share (a module two programs import) is one finding and one check where it is
      // written, failed if it fails in either; a template is its own stack, and shares none.
      const shared = adapter.format !== 'cloudformation';
      // A file of the stack not read whole, or one not read in a folder a stack of folders reads (a Terraform
      // module's), may hold what would fail a rule on what a suppression is written on, wherever that is.
      const readInPart =
        loaded.errors.some(error => !error.readAnyway) ||
        (shared &&
          loaded.files.some(file =>
            foldersNotRead.has(path.posix.dirname(file.path)),
          ));
      evaluations.forEach((evaluation, graphIndex) => {
        for (const finding of evaluation.findings) {
          if (shared) {
            const key = sharedFindingKey(finding);
            const earlier = reported.get(key);
            if (earlier) {
              // Proven in either stack (one gives the module's input, the other leaves its default): proven.
              if (finding.confidence === 'high') earlier.confidence = 'high';
              continue;
            }
            reported.set(key, finding);
          }
          findings.push(finding);
        }
        suppressions.add(evaluation.suppressionVerdicts, readInPart);
        for (const scanCheck of evaluation.checks) {
          if (shared) {
            const key = sharedCheckKey(scanCheck);
            const earlier = checked.get(key);
            if (earlier) {
              earlier.passed &&= scanCheck.passed;
              continue;
            }
            checked.set(key, scanCheck);
          }
          checks.push(scanCheck);
        }
        // Templates, each its own stack, answer each other's failures (an alarm in a monitoring template).
        if (!shared)
          collectAnswers(
            loaded.graphs[graphIndex].file,
            evaluation,
            answers,
            answerable,
          );
      });
      done += stack.length;
      options.onProgress?.(done, total);
      yield;
    }
  }

  const answered = answerFromOtherStacks(answers, answerable);
  if (answered.size > 0)
    findings.splice(
      0,
      findings.length,
      ...findings.filter(finding => !answered.has(finding)),
    );

  if (options.parseRule !== false) {
    const meta = getRuleMetadata(PARSE_RULE)!;
    const failedFiles = new Set(parseErrors.map(error => error.file));
    const parseFindings: Finding[] = [];
    // A module two programs import is read by each: its problems are reported once.
    const reportedErrors = new Set<string>();
    for (const error of parseErrors) {
      const key = `${error.file}\u0000${error.line}\u0000${error.message}`;
      if (reportedErrors.has(key)) continue;
      reportedErrors.add(key);
      parseFindings.push({
        ruleId: meta.id,
        severity: meta.severity,
        category: meta.category,
        file: error.file,
        line: error.line,
        resourceId: '',
        resourceType: '',
        message: error.readAnyway
          ? `${IAC_FORMAT_TITLES[error.format]} file ${path.basename(
              error.file,
            )} has a ${error.message}, and the earlier value has no effect.`
          : `${IAC_FORMAT_TITLES[error.format]} parse error in ${path.basename(
              error.file,
            )}: ${error.message}`,
        remediation: meta.remediation.summary,
        // Without line numbers in the message ("also on line 4"), so that it survives edits above.
        fingerprint: fingerprint(
          meta.id,
          reportPath?.(error.file) ?? error.file,
          '',
          error.message.replace(/\bline \d+/g, 'line'),
        ),
        confidence: error.confidence ?? 'high',
        format: error.format,
      });
    }
    // Problems alike in one file (a key repeated in two resources) are told apart by their rank.
    rankFindingsAlike(parseFindings);
    findings.push(...parseFindings);
    for (const file of scanned) {
      checks.push({
        ruleId: meta.id,
        category: meta.category,
        severity: meta.severity,
        passed: !failedFiles.has(file.path),
        file: file.path,
        subject: '',
      });
    }
  }

  // A file read with errors, or that a stack the engine failed on reads, may lack what would fail a rule:
  // its suppressions are not judged unused.
  const notReadWhole = new Set([
    ...parseErrors.map(error => error.file),
    ...skipped.filter(file => file.internalError).map(file => file.path),
  ]);
  const unusedSuppressions = suppressions
    .unused()
    .filter(
      suppression =>
        !notReadWhole.has(suppression.file) &&
        (options.parseRule !== false || suppression.ruleId !== PARSE_RULE),
    );

  findings.sort(byFileAndLine);
  scanned.sort(byPath);
  programs.sort(byEntryPoint);
  const report = {
    version: 1 as const,
    files: scanned,
    skipped,
    programs,
    findings,
    unusedSuppressions,
    checks,
    scorecard: computeScorecard(checks),
  };
  return onlyFiles === undefined
    ? report
    : narrowedTo(report, onlyFiles, parseErrors, reportPath);
}

/** A template's failures that other templates may answer, with their check where only they fail it. */
interface Answerable {
  file: string;
  findings: AnsweredElsewhere['findings'];
  check?: ScanCheck;
}

/**
 * Adds what a template's evaluation answers for the others to `answers`
 * (by key, then by file: whether surely), and its failures that other
 * templates may answer to `answerable`, with their checks.
 */
function collectAnswers(
  file: string,
  evaluation: GraphEvaluation,
  answers: Map<string, Map<string, boolean>>,
  answerable: Answerable[],
): void {
  for (const [key, surely] of evaluation.answers ?? []) {
    let byFile = answers.get(key);
    if (!byFile) answers.set(key, (byFile = new Map()));
    byFile.set(file, surely || byFile.get(file) === true);
  }
  for (const { findings, check } of evaluation.answeredElsewhere ?? []) {
    answerable.push({ file, findings, ...(check ? { check } : {}) });
  }
}

/**
 * Whether a template other than a given one answers a key that a pattern (a
 * key with {@link ANY_TEXT}) matches. (A `*` or `?` of a key, which names
 * hold none of, would match more: an answer maybe.) Templates of one kind
 * export under one pattern (`${AWS::StackName}-dlq`) that matches the same
 * imports: each pattern is matched once, keeping the first two templates
 * that answer it, which tell it for any template.
 */
class PatternAnswers {
  private readonly keys: WildcardIndex;
  private readonly answering = new Map<string, string[]>();

  constructor(
    private readonly answers: ReadonlyMap<string, ReadonlyMap<string, boolean>>,
  ) {
    this.keys = new WildcardIndex(answers.keys());
  }

  answeredFor(pattern: string, file: string): boolean {
    let files = this.answering.get(pattern);
    if (!files) this.answering.set(pattern, (files = this.firstTwo(pattern)));
    return files.some(answering => answering !== file);
  }

  private firstTwo(pattern: string): string[] {
    const files: string[] = [];
    for (const key of this.keys.matches(pattern.split(ANY_TEXT).join('*'))) {
      for (const answering of this.answers.get(key)!.keys()) {
        if (!files.includes(answering)) files.push(answering);
        if (files.length === 2) return files;
      }
    }
    return files;
  }
}

/**
 * The failures another template answers surely (see
 * `RuleContext.answerForOtherStacks`), to drop: each check only they fail
 * passes once they all go. A failure another template may answer is
 * partial. A template never answers its own: its rules judged it whole.
 * A key the failures of several templates wait on (two templates' functions
 * of one name, or exports of one name: a prod and a dev template) is
 * answered maybe: one account and region hold only one of them, and which
 * one an answer is deployed beside is not known.
 */
function answerFromOtherStacks(
  answers: ReadonlyMap<string, ReadonlyMap<string, boolean>>,
  answerable: readonly Answerable[],
): Set<Finding> {
  const answered = new Set<Finding>();
  if (answers.size === 0) return answered;
  // The one template whose failures wait on each key; null where several do.
  const waitedOnBy = new Map<string, string | null>();
  for (const { file, findings } of answerable) {
    for (const { keys } of findings) {
      for (const key of keys) {
        const earlier = waitedOnBy.get(key);
        waitedOnBy.set(
          key,
          earlier === undefined || earlier === file ? file : null,
        );
      }
    }
  }
  // Made on first use: most scans have no name known in part.
  let byPattern: PatternAnswers | undefined;
  for (const { file, findings, check } of answerable) {
    let all = true;
    for (const { finding, keys } of findings) {
      let answer: boolean | undefined;
      for (const key of keys) {
        if (key.includes(ANY_TEXT)) {
          // A name known in part (an export named after the stack): what another template names by a name
          // it matches may be it.
          byPattern ??= new PatternAnswers(answers);
          if (byPattern.answeredFor(key, file)) answer = answer === true;
          continue;
        }
        const alone = waitedOnBy.get(key) !== null;
        for (const [answering, surely] of answers.get(key) ?? [])
          if (answering !== file) answer = (surely && alone) || answer === true;
      }
      if (answer === true) answered.add(finding);
      else all = false;
      if (answer === false) finding.confidence = 'partial';
    }
    if (all && check) check.passed = true;
  }
  return answered;
}
