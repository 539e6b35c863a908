/**
 * Scans one catalog entity: resolves its tree, reads it (UrlReaderService
 * for url: sources, with the ETag of the last scan; local disk for dir: and
 * file: sources), runs the engine, and stores the results in one
 * transaction. Every outcome is recorded on a scan row: succeeded,
 * unchanged (same ETag: nothing re-scanned; or the same results as the last
 * successful scan: no finding written) or failed (with the error; the
 * entity keeps its last good results).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Stats, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import {
  ConfigWarning,
  SCAN_COVERAGE_NOT_MODELLED_LIMIT,
  SCAN_COVERAGE_SKIPPED_LIMIT,
  SCAN_UNUSED_SUPPRESSIONS_LIMIT,
  ScanCoverage,
  ScanStatus,
  ScanTrigger,
  ScanUnusedSuppressions,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  ADAPTERS,
  CODE_OF_NO_APP,
  CONFIG_FILE_NAME,
  ScanOptions,
  ScanResult,
  compareText,
  configWarningText,
  describeFsError,
  isAtOrBelow,
  isLeftInByPaths,
  scanDateKey,
  scanPath,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';
import { ComplianceStore } from '../database/ComplianceStore';
import { ComplianceNotifier } from '../notifications/ComplianceNotifier';
import { describeError } from './describeError';
import {
  ResolvedEntity,
  ScanTarget,
  kindNotScannedReason,
  resolveEntity,
  textWithoutLocationCredentials,
} from './targets';

/** Folders never worth downloading. */
const IGNORED_SEGMENTS = new Set([
  'node_modules',
  '.git',
  '.terraform',
  '.terragrunt-cache',
  '.aws-sam',
  'cdk.out.tmp',
]);

/**
 * readTree filter: only files some adapter may read, the files the code
 * commonly loads (a policy a Terraform `file()` reads), and the engine's
 * config file.
 */
export function isIacRelevantPath(filePath: string): boolean {
  const normalized = filePath.replace(/\\/g, '/').replace(/^\/+/, '');
  const segments = normalized.split('/');
  if (segments.some(segment => IGNORED_SEGMENTS.has(segment))) return false;
  const base = segments[segments.length - 1];
  if (base === CONFIG_FILE_NAME) return true;
  return ADAPTERS.some(
    adapter =>
      adapter.fileNamePattern.test(normalized) ||
      adapter.companionFileNamePattern?.test(normalized),
  );
}

/**
 * Whether a change to `filePath` (relative to the scanned folder) may change
 * what a scan reading with the `include` globs (`infra-compliance/paths`)
 * finds: a file the read keeps ({@link isIacRelevantPath}) that the globs
 * leave in, or one the scan reads whatever they say, the engine's config
 * file and a file the code may load (a policy a Terraform `file()` reads),
 * which the code names rather than the globs.
 */
export function mayChangeScanResults(
  filePath: string,
  include: readonly string[],
): boolean {
  if (!isIacRelevantPath(filePath)) return false;
  if (include.length === 0) return true;
  const normalized = filePath.replace(/\\/g, '/').replace(/^\/+/, '');
  if (isLeftInByPaths(normalized, { include: [...include] })) return true;
  return (
    path.posix.basename(normalized) === CONFIG_FILE_NAME ||
    ADAPTERS.some(adapter => adapter.companionFileNamePattern?.test(normalized))
  );
}

export interface ScanOutcome {
  scanId?: string;
  entityRef: string;
  status: ScanStatus | 'skipped';
  reason?: string;
}

export interface EntityScannerOptions {
  store: ComplianceStore;
  urlReader: UrlReaderService;
  logger: LoggerService;
  lockTimeoutMs: number;
  /**
   * The running engine's signature (`readEngineSignature`), stored
   * with each scan: a tree's ETag is reused only with the same one.
   */
  engineSignature: string;
  /**
   * How often a running scan refreshes its lock; default a quarter of
   * `lockTimeoutMs`, so a lock is stale after about four missed beats.
   */
  heartbeatMs?: number;
  /** The catalog kinds that may be registered and scanned (`infraCompliance.kinds`); default Component. */
  kinds?: readonly string[];
  /** Tells the entity's owners what a scan opened (`infraCompliance.notifications`); none when off. */
  notifier?: ComplianceNotifier;
  /** Replaceable for tests. */
  scan?: (
    root: string,
    options: Pick<
      ScanOptions,
      'include' | 'now' | 'onInternalError' | 'onConfigWarning'
    >,
  ) => Promise<ScanResult>;
  now?: () => number;
}

export class EntityScanner {
  private readonly store: ComplianceStore;
  private readonly urlReader: UrlReaderService;
  private readonly logger: LoggerService;
  private readonly lockTimeoutMs: number;
  private readonly engineSignature: string;
  private readonly heartbeatMs: number;
  private readonly kinds: readonly string[];
  private readonly notifier?: ComplianceNotifier;
  private readonly scan: NonNullable<EntityScannerOptions['scan']>;
  private readonly now: () => number;

  constructor(options: EntityScannerOptions) {
    this.store = options.store;
    this.urlReader = options.urlReader;
    this.logger = options.logger;
    this.lockTimeoutMs = options.lockTimeoutMs;
    this.engineSignature = options.engineSignature;
    this.heartbeatMs =
      options.heartbeatMs ??
      Math.max(250, Math.floor(options.lockTimeoutMs / 4));
    this.kinds = options.kinds ?? ['Component'];
    this.notifier = options.notifier;
    this.scan = options.scan ?? scanPath;
    this.now = options.now ?? Date.now;
  }

  /**
   * Why the entity's kind is out of scope (not one of the configured
   * kinds), or undefined when it is in scope.
   */
  kindNotScanned(kind: string): string | undefined {
    return kindNotScannedReason(kind, this.kinds);
  }

  /**
   * Refreshes the entity's row and says whether (and what) it can be
   * scanned. An entity of a kind that is not configured is not written.
   */
  async register(entity: Entity): Promise<ResolvedEntity> {
    const outOfScope = this.kindNotScanned(entity.kind);
    const resolved = resolveEntity(entity);
    if (outOfScope) {
      return {
        info: {
          ...resolved.info,
          scannable: false,
          unscannableReason: outOfScope,
        },
      };
    }
    await this.store.upsertEntity(resolved.info, this.now());
    return resolved;
  }

  /**
   * Creates a queued scan for an on-demand request (or a push); the caller
   * then runs {@link EntityScanner.run} with its id. Returns the already
   * queued or running scan of the entity instead, if there is one.
   */
  async enqueue(
    entity: Entity,
    requestedBy: string | undefined,
    trigger: ScanTrigger = 'manual',
  ): Promise<{ scanId: string; existing: boolean } | { unscannable: string }> {
    const resolved = await this.register(entity);
    if (!resolved.target)
      return {
        unscannable: resolved.info.unscannableReason ?? 'not scannable',
      };
    return this.store.queueScan({
      id: randomUUID(),
      entityRef: resolved.info.entityRef,
      trigger,
      requestedBy,
      status: 'queued',
      now: this.now(),
      staleAfterMs: this.lockTimeoutMs,
    });
  }

  /**
   * Scans an entity. With `scanId`, continues a queued scan (see
   * {@link EntityScanner.enqueue}); otherwise registers the entity and
   * creates the scan. Never throws for scan errors: they are recorded.
   */
  async run(
    entity: Entity,
    options: { trigger: ScanTrigger; scanId?: string; signal?: AbortSignal },
  ): Promise<ScanOutcome> {
    const outOfScope = this.kindNotScanned(entity.kind);
    if (outOfScope && !options.scanId) {
      return {
        entityRef: resolveEntity(entity).info.entityRef,
        status: 'skipped',
        reason: outOfScope,
      };
    }
    const resolved = options.scanId
      ? resolveEntity(entity)
      : await this.register(entity);
    if (outOfScope) {
      resolved.target = undefined;
      resolved.info = { ...resolved.info, unscannableReason: outOfScope };
    }
    const entityRef = resolved.info.entityRef;
    const target = resolved.target;
    if (!target) {
      if (options.scanId) {
        await this.store.failScan(
          options.scanId,
          entityRef,
          resolved.info.unscannableReason ?? 'not scannable',
          this.now(),
        );
      }
      return {
        entityRef,
        status: 'skipped',
        reason: resolved.info.unscannableReason,
      };
    }

    const scanId = options.scanId ?? randomUUID();
    const claimedAt = this.now();
    // Claim before creating the scan row, so a busy entity leaves no stray scan.
    const claim = await this.store.claimEntity(
      entityRef,
      scanId,
      claimedAt,
      this.lockTimeoutMs,
    );
    if (!options.scanId) {
      if (!claim.claimed) {
        return {
          entityRef,
          status: 'skipped',
          // No holder: it finished between the claim and the read.
          reason: `${
            claim.heldBy ? `scan ${claim.heldBy}` : 'another scan'
          } of this entity is running`,
        };
      }
      await this.store.createScan({
        id: scanId,
        entityRef,
        trigger: options.trigger,
        status: 'running',
        now: claimedAt,
        source: sourceOf(target),
      });
    } else {
      if (!claim.claimed) {
        const error = `Another scan of this entity is running${
          claim.heldBy ? ` (${claim.heldBy})` : ''
        }`;
        await this.failWithoutLock(scanId, error);
        return { scanId, entityRef, status: 'failed', reason: error };
      }
    }

    // The heartbeat: the lock stays fresh while this scan runs, so that a
    // lock whose beats stopped (its replica died) is taken over after
    // lockTimeout, however long a live scan takes.
    let finished = false;
    const heartbeat = setInterval(() => {
      this.store.heartbeat(entityRef, scanId, this.now()).then(
        holds => {
          // A beat that waited for the scan's own commit finds the lock released.
          if (!holds && !finished)
            this.logger.warn(
              `Infra Compliance: scan ${scanId} of ${entityRef} lost its lock to another scan`,
            );
        },
        error =>
          this.logger.warn(
            `Infra Compliance: heartbeat of scan ${scanId} failed: ${describeError(
              error,
            )}`,
          ),
      );
    }, this.heartbeatMs);
    heartbeat.unref?.();
    try {
      return await this.runClaimed(resolved, target, scanId, options);
    } finally {
      finished = true;
      clearInterval(heartbeat);
    }
  }

  /** The scan itself, once it holds the entity's lock. */
  private async runClaimed(
    resolved: ResolvedEntity,
    target: ScanTarget,
    scanId: string,
    options: { signal?: AbortSignal },
  ): Promise<ScanOutcome> {
    const entityRef = resolved.info.entityRef;
    const started = this.now();
    const previous = await this.store.getEntityRow(entityRef);
    const readKey =
      target.type === 'url'
        ? etagReadKey(target, new Date(started))
        : undefined;
    // A tree's ETag (often its commit) is reused only to read the same folder
    // and paths again, on a date the rules judge alike: another source
    // location or other paths read anew, and so does the first scan on the
    // day a rule's outcome changes with the date.
    const etag =
      readKey !== undefined &&
      previous?.etagReadKey === readKey &&
      previous.engineSignature === this.engineSignature &&
      previous.lastSuccessScanId
        ? previous.etag
        : undefined;
    await this.store.markScanRunning(
      scanId,
      started,
      sourceOf(target),
      previous?.etag,
    );

    let tempDir: string | undefined;
    /** A local target's path on the backend's disk through symlinks, once checked. */
    let localRoot: string | undefined;
    /** The tree's writing into tempDir, when the scan stopped waiting for it. */
    let abandonedWriting: Promise<string> | undefined;
    try {
      let root: string;
      /** The folder the scan's paths are relative to. */
      let treeRoot: string;
      let newEtag: string | undefined;
      if (target.type === 'url') {
        let tree;
        /** Whether the tree held any file or folder, kept or not. */
        let treeHeldAnything = false;
        try {
          tree = await untilAborted(
            this.urlReader.readTree(target.url, {
              etag,
              filter: filePath => {
                treeHeldAnything = true;
                return isIacRelevantPath(filePath);
              },
              signal: options.signal,
            }),
            options.signal,
          );
        } catch (error) {
          if (
            NotModifiedError.is(error) ||
            (error as Error)?.name === 'NotModifiedError'
          ) {
            await this.store.finishUnchanged(
              scanId,
              entityRef,
              etag,
              this.now(),
            );
            this.logger.info(
              `Infra Compliance: ${entityRef} unchanged since the last scan (ETag ${etag})`,
            );
            return { scanId, entityRef, status: 'unchanged' };
          }
          throw error;
        }
        tempDir = await fs.mkdtemp(path.join(os.tmpdir(), 'infra-compliance-'));
        // Files may arrive as they are written: the read can stall here too.
        const writing = tree.dir({ targetDir: tempDir });
        try {
          root = await untilAborted(writing, options.signal);
        } catch (error) {
          abandonedWriting = writing;
          throw error;
        }
        // A folder that is not in the repository (moved, renamed, a typo),
        // or a location naming a file, is read by GitHub's and other
        // archive readers as an empty tree, not an error: that is no reason
        // to resolve every finding.
        if (!treeHeldAnything && (await fs.readdir(root)).length === 0) {
          throw new Error(
            `${target.location} holds no files: its folder is not in the repository (moved or renamed?), the location names a file rather than a folder, or the repository is empty`,
          );
        }
        treeRoot = root;
        newEtag = tree.etag;
      } else {
        root = localRoot = await checkLocalTarget(target);
        treeRoot = target.type === 'file' ? path.dirname(root) : root;
      }

      // Odd but not wrong (a rule disabled twice): the scan goes on, and
      // stores them for the team that owns the repository to see.
      const configWarnings: ConfigWarning[] = [];
      const result = await this.scan(root, {
        include: target.include.length ? target.include : undefined,
        now: new Date(started),
        onConfigWarning: warning => configWarnings.push(warning),
        // The scan goes on without those files, which keep their last findings (see unjudgedFiles).
        onInternalError: (error, files) =>
          this.logger.error(
            `Infra Compliance: ${entityRef}: the scanner failed on ${files.join(
              ', ',
            )}; their last findings stay open: ${describeError(error)}`,
            error instanceof Error ? error : undefined,
          ),
      });
      // Read before the commit, which makes this scan the last successful one.
      const configWarningsToLog = await this.configWarningsNotStored(
        previous?.lastSuccessScanId,
        configWarnings,
      );
      const committed = await this.store.commitScan({
        scanId,
        entityRef,
        now: started,
        finishedAt: this.now(),
        etag: newEtag,
        etagReadKey: readKey,
        engineSignature: this.engineSignature,
        findings: result.findings,
        unjudgedPaths: await this.unjudgedPaths(entityRef, treeRoot, result),
        checks: result.checks,
        filesScanned: result.files.length,
        // A file skipped in part twice (two resources of a template) is one file.
        filesSkipped: new Set(result.skipped.map(file => file.path)).size,
        coverage: scanCoverage(result),
        unusedSuppressions: scanUnusedSuppressions(result),
        configWarnings,
      });
      // Once stored: a scan that could not commit them (its lock taken
      // over) leaves them to the scan that stores them.
      for (const warning of configWarningsToLog)
        this.logger.warn(
          `Infra Compliance: ${entityRef}: ${configWarningText(warning)}`,
        );
      // Once committed: the notifier never throws, and the results stand whatever it does.
      await this.notifier?.scanCommitted(resolved.info, committed, this.now());
      return { scanId, entityRef, status: committed.status };
    } catch (error) {
      // A reader's error quotes the URL it was handed, credentials and all;
      // the engine's, the local folder it read, on the backend's disk.
      const message = textWithoutLocationCredentials(
        target.type === 'url' || localRoot === undefined
          ? describeError(error)
          : textNamingLocalLocation(describeError(error), target, [
              target.path,
              localRoot,
            ]),
        sourceOf(target).target,
      );
      // Where a local target is on the disk is the operators' to see.
      this.logger.warn(
        `Infra Compliance: scan of ${entityRef} failed: ${message}${
          target.type === 'url'
            ? ''
            : ` (${localLocationName(target)} is ${target.path} on this host)`
        }`,
      );
      try {
        await this.store.failScan(scanId, entityRef, message, this.now());
      } catch (recordError) {
        this.logger.error(
          `Infra Compliance: could not record the failed scan ${scanId}: ${describeError(
            recordError,
          )}`,
        );
      }
      return { scanId, entityRef, status: 'failed', reason: message };
    } finally {
      if (tempDir) {
        const folder = tempDir;
        const removeFolder = () =>
          fs
            .rm(folder, { recursive: true, force: true })
            .catch(() => undefined);
        await removeFolder();
        // A tree that ignores the abort writes on, recreating the folder:
        // it is removed again once the writing stops.
        abandonedWriting?.then(removeFolder, removeFolder);
      }
    }
  }

  /**
   * The files and folders the scan could not judge ({@link unjudgedFiles}),
   * with the unread files of its unread programs: those of the entity's
   * open findings that are still in the tree. A file gone from the tree is
   * judged: its findings went with it. (Only a scan writes findings, and
   * this one holds the entity's lock: they are still open at its commit.)
   * Warns of each program read only in part, with the engine's reason.
   */
  private async unjudgedPaths(
    entityRef: string,
    treeRoot: string,
    result: Pick<ScanResult, 'files' | 'skipped' | 'findings' | 'programs'>,
  ): Promise<string[]> {
    const { paths, programFormats, judgedFiles } = unjudgedFiles(result);
    for (const program of result.programs ?? []) {
      if (!program.partlyRead) continue;
      const reason = result.skipped.find(
        file => file.path === program.main,
      )?.reason;
      this.logger.warn(
        `Infra Compliance: ${entityRef}: the ${program.format} program ${
          program.main
        } was read only in part${
          reason ? ` (${reason})` : ''
        }: the findings of its files stay open`,
      );
    }
    const judged = new Set(judgedFiles);
    const unread: string[] = [];
    for (const file of await this.store.openFindingFiles(
      entityRef,
      programFormats,
    )) {
      if (!judged.has(file) && (await isFileInTree(treeRoot, file)))
        unread.push(file);
    }
    return [...paths, ...unread];
  }

  /**
   * The warnings of the repository's config that the entity's last
   * successful scan did not store, to log: the first scan that meets one,
   * or its line or text changed. Not on every scan: each scheduled run
   * repeated them in the platform team's logs, and the owners see them on
   * the entity's page. That scan is still the last successful one: this
   * scan holds the entity's lock and has not committed.
   */
  private async configWarningsNotStored(
    lastSuccessScanId: string | undefined,
    warnings: readonly ConfigWarning[],
  ): Promise<ConfigWarning[]> {
    if (warnings.length === 0) return [];
    const stored = lastSuccessScanId
      ? (await this.store.getScan(lastSuccessScanId))?.configWarnings
      : undefined;
    // By their text: file, line and message.
    const storedTexts = new Set(stored?.map(configWarningText));
    return warnings.filter(
      warning => !storedTexts.has(configWarningText(warning)),
    );
  }

  private async failWithoutLock(scanId: string, error: string) {
    const now = this.now();
    await this.store
      .knex('scans')
      .where('id', scanId)
      .update({ status: 'failed', error, finished_at: now });
  }
}

/**
 * What a scan did not judge, as the API serves it: the files it skipped,
 * the first {@link SCAN_COVERAGE_SKIPPED_LIMIT} by path, and the programs
 * that create types the engine does not model, with those types, the first
 * {@link SCAN_COVERAGE_NOT_MODELLED_LIMIT} by path and how many more (a
 * monorepo's hundreds would make every scorecard large). A program is named
 * by its project file; a CDK app without a `cdk.json` by its entry point,
 * as the apps of one package share its `package.json`.
 */
function scanCoverage(
  result: Pick<ScanResult, 'skipped' | 'programs'>,
): ScanCoverage {
  const notModelled = (result.programs ?? [])
    .flatMap(program =>
      program.notModelled?.length
        ? [
            {
              program: isProjectFile(program.project, program.format)
                ? program.project
                : program.main,
              format: program.format,
              types: program.notModelled,
            },
          ]
        : [],
    )
    .sort((a, b) => compareText(a.program, b.program));
  const programsNotListed =
    notModelled.length - SCAN_COVERAGE_NOT_MODELLED_LIMIT;
  return {
    skipped: [...result.skipped]
      .sort((a, b) => compareText(a.path, b.path))
      .slice(0, SCAN_COVERAGE_SKIPPED_LIMIT)
      .map(file => ({ path: file.path, reason: file.reason })),
    notModelled: notModelled.slice(0, SCAN_COVERAGE_NOT_MODELLED_LIMIT),
    // Absent when none are left out, as in coverage stored before the limit.
    ...(programsNotListed > 0 && { programsNotListed }),
  };
}

/**
 * The in-code suppressions the scan found unused, as the API serves them:
 * the first {@link SCAN_UNUSED_SUPPRESSIONS_LIMIT} in the engine's order (by
 * file and line), and how many more. Their files are relative to the
 * scanned tree, as the findings' are. Undefined from an engine that does not
 * report them: not known is not none.
 */
function scanUnusedSuppressions(
  result: Pick<ScanResult, 'unusedSuppressions'>,
): ScanUnusedSuppressions | undefined {
  if (!result.unusedSuppressions) return undefined;
  const notListed =
    result.unusedSuppressions.length - SCAN_UNUSED_SUPPRESSIONS_LIMIT;
  return {
    items: result.unusedSuppressions
      .slice(0, SCAN_UNUSED_SUPPRESSIONS_LIMIT)
      .map(({ file, line, resourceId, ruleId }) => ({
        file,
        line,
        resourceId,
        ruleId,
      })),
    ...(notListed > 0 && { notListed }),
  };
}

/**
 * Formats whose files make one program, read from its entry point on, with
 * the names of their project files (which name the entry point) and
 * modules: the engine's adapters say which.
 */
const PROGRAM_FORMATS = ADAPTERS.flatMap(adapter =>
  adapter.program ? [{ format: adapter.format, ...adapter.program }] : [],
);

/** Whether `file` is a project file (`cdk.json`, `Pulumi.yaml`) of `format`'s programs. */
function isProjectFile(file: string, format: string): boolean {
  return PROGRAM_FORMATS.some(
    program =>
      program.format === format && program.projectFileNamePattern.test(file),
  );
}

/** What a scan could not judge, from its report alone. */
export interface UnjudgedFiles {
  /**
   * Files (or folders) that did not parse, were too large or unreadable,
   * and every file a program read only in part read.
   */
  paths: string[];
  /**
   * Formats of programs (CDK, Pulumi) a file of which did not parse, a
   * project file or module of which was skipped, or one of which was read
   * only in part: the files of that format the scan did not judge (not
   * among `judgedFiles`) are not judged either.
   */
  programFormats: string[];
  /**
   * The files the scan listed as read, with the own files (in its project's
   * folder, not in a nested project's) of each program it read in full,
   * those that declare nothing included.
   */
  judgedFiles: string[];
}

/**
 * What a scan could not judge: a file that does not parse (its `parsing`
 * finding), and one the engine passed over without reading (too large,
 * unreadable). A file it read but of which it skipped a resource is
 * judged: its other findings stand. A CDK or Pulumi program is read from
 * its entry point on: when a file of it does not parse, a module is skipped
 * (unread), or its project file (`cdk.json`, `Pulumi.yaml`) is skipped
 * (unread, or its entry point is not among the files read), the scan may
 * not have reached the program's other files, and those of that format it
 * did not judge are not judged either. A skipped module, unread, may be of
 * either format. A program read only in part (the report's `programs` say
 * which) may have declared more in any file it read, and in files it did
 * not reach: none of them is judged.
 *
 * Which unread program a file not judged belonged to, the scan cannot tell:
 * only the files a program read in full judges (its own, in its folder but
 * not in a nested project's; a module it shares with programs elsewhere may
 * hold what an unread one of them declared), none of which failed to parse,
 * are told apart from it, and none while a module is skipped unread.
 */
export function unjudgedFiles(
  result: Pick<ScanResult, 'files' | 'skipped' | 'findings' | 'programs'>,
): UnjudgedFiles {
  const listed = result.files.map(file => file.path);
  const read = new Set(listed);
  const programs = result.programs ?? [];
  const mains = new Set(programs.map(program => program.main));
  const paths = new Set<string>();
  const programFormats = new Set<string>();
  for (const finding of result.findings) {
    if (finding.category !== 'parsing') continue;
    paths.add(finding.file);
    if (PROGRAM_FORMATS.some(program => program.format === finding.format))
      programFormats.add(finding.format);
  }
  for (const file of result.skipped) {
    if (!read.has(file.path)) paths.add(file.path);
    // A program's entry point read in part: its program says which format.
    if (mains.has(file.path)) continue;
    for (const program of PROGRAM_FORMATS)
      if (
        program.projectFileNamePattern.test(file.path) ||
        program.moduleFileNamePattern.test(file.path)
      )
        programFormats.add(program.format);
  }
  const failed = new Set(paths);
  // A module skipped unread is not among the files of the program that
  // imports it, which may be any: no program's files are told apart then.
  // AWS CDK code of no app is imported by no program the scan read (it would
  // have been read): it hides nothing of theirs.
  const moduleUnread = result.skipped.some(
    file =>
      !read.has(file.path) &&
      file.reason !== CODE_OF_NO_APP &&
      PROGRAM_FORMATS.some(program =>
        program.moduleFileNamePattern.test(file.path),
      ),
  );
  // A file is the own of the project nearest above it: a nested app's files
  // are not those of the app around it, though that one reads them. A CDK
  // app without a cdk.json has its package.json, or its entry point, as its
  // project.
  const projectFolders = new Set([
    ...programs.map(program => folderOf(program.project)),
    ...[...result.skipped.map(file => file.path), ...failed]
      .filter(file =>
        PROGRAM_FORMATS.some(program =>
          program.projectFileNamePattern.test(file),
        ),
      )
      .map(folderOf),
  ]);
  const judged = new Set(listed);
  for (const program of programs) {
    if (program.partlyRead) {
      for (const file of program.files) paths.add(file);
      programFormats.add(program.format);
      continue;
    }
    // A file of it that does not parse may be what makes its other files
    // declare anything: those it read that declare nothing are not judged.
    if (moduleUnread || program.files.some(file => failed.has(file))) continue;
    const folder = folderOf(program.project);
    for (const file of program.files)
      if (nearestProjectFolder(file, projectFolders) === folder)
        judged.add(file);
  }
  return {
    paths: [...paths],
    programFormats: [...programFormats],
    judgedFiles: [...judged],
  };
}

/** The folder of a relative path ('' for the root). */
function folderOf(file: string): string {
  const folder = path.posix.dirname(file);
  return folder === '.' ? '' : folder;
}

/** The folder among `projectFolders` nearest above `file`, if any. */
function nearestProjectFolder(
  file: string,
  projectFolders: ReadonlySet<string>,
): string | undefined {
  for (let at = file; at !== ''; ) {
    const folder = folderOf(at);
    if (projectFolders.has(folder)) return folder;
    if (folder === at) return undefined; // '/': an absolute path
    at = folder;
  }
  return undefined;
}

/** Whether `file` (relative, from a finding) is a file of the tree at `root`. */
async function isFileInTree(root: string, file: string): Promise<boolean> {
  const normalized = path.posix.normalize(file);
  if (
    normalized === '..' ||
    normalized.startsWith('../') ||
    path.posix.isAbsolute(normalized)
  )
    return false;
  try {
    return (await fs.stat(path.join(root, normalized))).isFile();
  } catch {
    return false;
  }
}

/**
 * What `work` gives, or the signal's reason as soon as it aborts: a reader
 * that does not heed the signal does not keep the scan, and the entity's
 * lock its heartbeat keeps fresh, forever.
 */
async function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) return work;
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * What a URL target's ETag is reused for, hashed to fit a column: its
 * location and include globs, and what the rules' outcome depends on in the
 * scan date (OPS-005: which runtimes are deprecated or soon, see
 * `scanDateKey`). The date's part is here rather than in the engine
 * signature: this key is stored also by a scan that finds what the last one
 * did, recorded unchanged, where another engine signature makes it
 * `succeeded`, with a score snapshot.
 */
function etagReadKey(
  target: Extract<ScanTarget, { type: 'url' }>,
  now: Date,
): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        target.url,
        [...target.include].sort(),
        scanDateKey(now),
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}

/**
 * The source location a scan records (its history, the location its
 * findings' paths are relative to), as the catalog writes it: a URL not
 * as the reader is handed it (an Azure DevOps `version`'s `+` encoded), a
 * `dir:` or `file:` path not as resolved on the backend's disk.
 */
function sourceOf(target: ScanTarget): { type: string; target: string } {
  return { type: target.type, target: target.location };
}

/**
 * The local target, resolved through symlinks, must exist and stay inside
 * its boundary. Its errors, served with the scan, name it as the catalog
 * writes it (`dir:infra`): its path on the backend's disk is the operators'
 * to see, logged with them, not the entity's owners'.
 */
async function checkLocalTarget(target: LocalTarget): Promise<string> {
  const named = localLocationName(target);
  let real: string;
  let boundary: string;
  let stat: Stats;
  try {
    boundary = await fs.realpath(target.boundary);
    real = await fs.realpath(target.path);
    stat = await fs.stat(real);
  } catch (error) {
    throw new Error(`Cannot read ${named}: ${describeFsError(error)}`);
  }
  if (!isAtOrBelow(real, boundary)) {
    throw new Error(
      `${named} resolves outside the directory of the entity's catalog file`,
    );
  }
  if (target.type === 'dir' && !stat.isDirectory())
    throw new Error(`${named} is not a directory`);
  if (target.type === 'file' && !stat.isFile())
    throw new Error(`${named} is not a file`);
  return real;
}

type LocalTarget = Extract<ScanTarget, { type: 'dir' | 'file' }>;

/** A local target's location as the catalog writes it, with its type: `dir:infra`. */
function localLocationName(target: LocalTarget): string {
  return `${target.type}:${target.location}`;
}

/**
 * A character of a path's names: before a disk path, it makes the path
 * the end of a longer one (`/srv/app` holds `/app`), not the path.
 */
const PATH_NAME_CHARACTER = /[\p{L}\p{N}_.~+-]/u;

/**
 * A scan's error about a local target (the engine's, quoting the folder
 * that vanished as it read it) naming the target as the catalog writes it
 * (`dir:infra`, `dir:infra/main.tf` for a file in it) where it names the
 * paths the backend read it at on its disk (`diskPaths`: as resolved and
 * through symlinks), as checkLocalTarget's errors do. A path that is the
 * location as written is left: the catalog names it so. Read once, each
 * where it starts a path: one at the end of a longer path (`/app` in
 * `component:default/app`, a catalog file at /app/catalog-info.yaml) is
 * not the target, and the name put in (`dir:/srv/x/infra/`, written with
 * its disk path) is not read again.
 */
function textNamingLocalLocation(
  text: string,
  target: LocalTarget,
  diskPaths: readonly string[],
): string {
  const named = localLocationName(target);
  // The longest first: a path that starts another replaced whole.
  const paths = [...new Set(diskPaths)]
    // The file system's root (a catalog file at /) is in every path.
    .filter(
      diskPath =>
        diskPath !== target.location && path.dirname(diskPath) !== diskPath,
    )
    .sort((a, b) => b.length - a.length);
  /** Where each path is next quoted as a path, at or after `from`; -1: nowhere. */
  const next = paths.map(() => -2);
  let result = '';
  let from = 0;
  for (;;) {
    let first = -1;
    for (let index = 0; index < paths.length; index++) {
      if (next[index] !== -1 && next[index] < from) {
        let at = text.indexOf(paths[index], from);
        while (at > 0 && PATH_NAME_CHARACTER.test(text[at - 1]))
          at = text.indexOf(paths[index], at + 1);
        next[index] = at;
      }
      if (next[index] >= 0 && (first < 0 || next[index] < next[first]))
        first = index;
    }
    if (first < 0) return result + text.slice(from);
    result += text.slice(from, next[first]) + named;
    from = next[first] + paths[first].length;
  }
}
