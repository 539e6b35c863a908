/**
 * The command-line scanner:
 *
 *   infra-compliance scan <path...> [--format table|json|sarif|gitlab|github|junit|markdown]
 *                         [--output file]
 *                         [--fail-on critical|high|medium|low|none]
 *                         [--rules ids] [--skip-rules ids] [--config file]
 *                         [--baseline report.json]
 *                         [--fail-on-unused-suppressions] [--no-color]
 *   infra-compliance rules [--format table|json]
 *
 * `main` returns the exit code instead of exiting, so tests run it in
 * process; the bin sets `process.exitCode` from it. Exit codes: 0 no
 * finding at or above `--fail-on`, 1 some (or, with
 * `--fail-on-unused-suppressions`, a suppression that suppressed nothing), 2 usage error (bad option,
 * unknown rule, unreadable path or config), 3 internal error (also when
 * the engine went on past a stack it failed on: the report lacks its files).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import {
  Finding,
  RULE_CATALOG,
  SEVERITIES,
  Severity,
  computeScorecard,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import packageJson from '../../package.json';
import {
  CONFIG_FILE_NAME,
  ConfigError,
  ScanConfig,
  checkRuleIds,
  loadConfig,
  parseConfig,
} from '../config/loadConfig';
import { DiscoveryError, isLeftInByPaths } from '../discovery/discoverFiles';
import { fingerprintApart, suppressionPlace } from '../engine/evaluateGraph';
import {
  ScanResult,
  scanPath,
  sharedCheckKey,
  sharedFindingKey,
} from '../engine/scan';
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
import { ALL_RULES } from '../rules';
import { readRuleOptions } from '../rules/options';
import { realPathOf, repositoryRootOf, toPosix } from '../support/paths';
import { printable } from '../support/printable';
import { layOutRow } from '../support/wrapWords';
import { configFolderOf } from '../engine/namedFiles';
import { Root, ScanUnit, scanUnits, unitLabel } from './scanUnits';

/** Exit codes of the CLI. */
export const EXIT_CODES = {
  /** No unsuppressed finding at or above `--fail-on`. */
  ok: 0,
  /** Unsuppressed findings at or above `--fail-on` remain, or unused suppressions with `--fail-on-unused-suppressions`. */
  findings: 1,
  /** Bad command line, unknown rule id, unreadable path or config. */
  usage: 2,
  /** A bug: the scanner itself failed. */
  internal: 3,
} as const;

const FORMATS = [
  'table',
  'json',
  'sarif',
  'gitlab',
  'github',
  'junit',
  'markdown',
] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = [...SEVERITIES, 'none'] as const;
type FailOn = Severity | 'none';

/** Bad input from the user: reported as one line, exit code 2, no stack trace. */
class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface ScanCommandOptions {
  format: Format;
  output?: string;
  failOn: FailOn;
  rules?: string;
  skipRules?: string;
  config?: string;
  baseline?: string;
  failOnUnusedSuppressions?: boolean;
  color?: boolean;
}

const out = (text: string) => {
  process.stdout.write(text);
};
const err = (text: string) => {
  process.stderr.write(text);
};

const EXIT_CODES_HELP = `
Exit codes:
  0  no unsuppressed finding at or above --fail-on (always 0 with --fail-on none),
     and with --fail-on-unused-suppressions no unused suppression
  1  unsuppressed findings at or above --fail-on remain, or with
     --fail-on-unused-suppressions, suppressions that suppressed nothing
  2  usage error: bad option, unknown rule id, unreadable path or config file
  3  internal error (when the scanner fails on some files only, the report is
     written without them)`;

/**
 * Ends the process with `code` once what was written to stdout and stderr
 * has been handed over (a large report piped to another program arrives
 * whole). Exiting rather than letting the event loop run dry spares the
 * wait for V8's background compilation and marking, about 10 ms per run.
 */
export function exitWhenFlushed(code: number): void {
  process.stdout.write('', () =>
    process.stderr.write('', () => process.exit(code)),
  );
}

/**
 * Runs the CLI with `argv` as in `process.argv` (node, script, args...) and
 * resolves to the exit code.
 */
export async function main(
  argv: readonly string[] = process.argv,
): Promise<number> {
  let exitCode: number = EXIT_CODES.ok;
  const program = new Command('infra-compliance')
    .description(
      'Finds infrastructure-as-code failures (dead-letter queues, alarms, encryption, IAM scoping, logging, operations) in CloudFormation and SAM templates, Terraform, AWS CDK and Pulumi code.',
    )
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: out,
      writeErr: err,
      // Worded as the scanner's own usage errors, what the user typed escaped as theirs is.
      outputError: (message, write) =>
        write(
          `infra-compliance: ${printableLines(
            message.replace(/^error: /, ''),
          )}`,
        ),
    })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', EXIT_CODES_HELP);

  program
    .command('scan')
    .description('scan files or directories and print a report')
    .argument('<path...>', 'files or directories to scan')
    .addOption(
      anyCase(
        new Option(
          '-f, --format <format>',
          'report format (any case: json, JSON): sarif for GitHub code scanning, gitlab for GitLab Code Quality, github for annotations of a GitHub Actions step, junit for CI test reports (JUnit XML), markdown for a job summary or a pull request comment',
        )
          .choices(FORMATS)
          .default('table'),
      ),
    )
    .option(
      '-o, --output <file>',
      'write the report to a file (only a one-line summary goes to stderr)',
    )
    .addOption(
      anyCase(
        new Option(
          '--fail-on <severity>',
          'exit 1 when an unsuppressed finding at or above this severity remains (any case: high, HIGH)',
        )
          .choices(FAIL_ON)
          .default('none'),
      ),
    )
    .option(
      '--rules <ids>',
      'run only these rules (comma-separated ids, e.g. DLQ-001,IAM-003)',
      joinRepeated,
    )
    .option(
      '--skip-rules <ids>',
      'leave these rules out (comma-separated ids)',
      joinRepeated,
    )
    .option(
      '-c, --config <file>',
      `use this file instead of each tree's ${CONFIG_FILE_NAME}`,
    )
    .option(
      '--baseline <report.json>',
      'a JSON report of an earlier scan: its findings (same fingerprint) are marked unchanged and --fail-on judges only the new ones',
    )
    .option(
      '--fail-on-unused-suppressions',
      'exit 1 also when an in-code suppression suppressed nothing: its rule judged what it is written on and found no failure',
    )
    .option(
      '--color',
      'colours in the table (default: when stdout is a terminal and NO_COLOR is not set, or FORCE_COLOR is)',
    )
    .option('--no-color', 'no colours in the table')
    .addHelpText(
      'after',
      `
With one folder, report paths are relative to it. With several paths, or files
given by name, they are relative to the current directory (each path's files
are prefixed with it), as in a scan of it: a pre-commit hook naming one changed
file or several gets the fingerprints of a \`scan .\` baseline. A file given by
name is judged with its stack, read once for all its files given.
${EXIT_CODES_HELP}`,
    )
    .action(async (paths: string[], options: ScanCommandOptions) => {
      exitCode = await runScan(paths, options);
    });

  program
    .command('rules')
    .description('list the rules of the catalog')
    .allowExcessArguments(false)
    .addOption(
      anyCase(
        new Option(
          '-f, --format <format>',
          'output format (any case: json, JSON)',
        )
          .choices(['table', 'json'])
          .default('table'),
      ),
    )
    .action((options: { format: 'table' | 'json' }) => {
      out(
        options.format === 'json'
          ? `${JSON.stringify(RULE_CATALOG.map(ruleSummary), null, 2)}\n`
          : rulesTable(terminalWidth(undefined)),
      );
    });

  // In place of commander's, which answers a command it does not know with the whole help, without naming it.
  program
    .command('help [command]')
    .description('display help for command')
    .action((name: string | undefined) => {
      if (name === undefined) program.help();
      const command = program.commands.find(known => known.name() === name);
      if (!command) {
        return program.error(`unknown command '${name}'`, {
          code: 'commander.unknownCommand',
        });
      }
      return command.help();
    });

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; everything else is a usage error.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof DiscoveryError
    ) {
      // The message may quote the config file or a path of the scanned tree.
      err(`infra-compliance: ${printableLines(error.message)}\n`);
      return EXIT_CODES.usage;
    }
    printInternalError(error);
    return EXIT_CODES.internal;
  }
}

/** A bug of the scanner on stderr, with where it met it when it went on past it. */
function printInternalError(error: unknown, files: readonly string[] = []) {
  const message = error instanceof Error ? error.message : String(error);
  const where =
    files.length === 0
      ? ''
      : ` on ${printableLines(files[0])}${
          files.length > 1 ? ` and ${files.length - 1} more files` : ''
        } (not scanned; the rest of the report stands)`;
  err(`infra-compliance: internal error${where}: ${printableLines(message)}\n`);
  if (
    process.env.INFRA_COMPLIANCE_DEBUG &&
    error instanceof Error &&
    error.stack
  ) {
    err(`${error.stack}\n`);
  } else {
    err('(set INFRA_COMPLIANCE_DEBUG=1 to print the stack trace)\n');
  }
}

/**
 * An option whose choices are taken in any case (`--fail-on HIGH`,
 * `--format JSON`), as rule ids are: the value is lower-cased before
 * commander checks it against them, so help and the error for a wrong value
 * still list the choices.
 */
function anyCase(option: Option): Option {
  const checkChoice = option.parseArg!;
  return option.argParser((value: string, previous: unknown) =>
    checkChoice(value.toLowerCase(), previous),
  );
}

async function runScan(
  paths: string[],
  options: ScanCommandOptions,
): Promise<number> {
  const only =
    options.rules !== undefined
      ? parseRuleIds(options.rules, '--rules')
      : undefined;
  const skip =
    options.skipRules !== undefined
      ? parseRuleIds(options.skipRules, '--skip-rules')
      : [];
  const sharedConfig =
    options.config !== undefined ? readConfigFile(options.config) : undefined;
  const baseline =
    options.baseline !== undefined ? readBaseline(options.baseline) : undefined;
  if (options.output !== undefined) checkOutput(options.output);

  const cwd = process.cwd();
  const roots = paths.map(given => checkRoot(given, cwd));
  const units = await scanUnits(roots);
  // Several roots make one report whose paths are relative to the current directory, and so do files given by
  // name: a pre-commit hook names one or several, and their fingerprints must be those a `scan .` baseline holds.
  const relativeToCwd = roots.length > 1 || roots[0].isFile;

  const progress = process.stderr.isTTY
    ? createProgress(units.length)
    : undefined;
  const scans: { unit: ScanUnit; result: ScanResult }[] = [];
  const ranRules = new Set<string>();
  // Printed once the progress line is gone; the exit code tells CI the report lacks their files.
  const internalErrors: { error: unknown; files: string[] }[] = [];
  try {
    for (const [index, unit] of units.entries()) {
      const label = unitLabel(unit);
      const config = sharedConfig ?? (await readTreeConfig(unit));
      const ran = ranRuleIds(only, [...skip, ...config.disabledRules]);
      if (ran.length === 0) {
        throw new UsageError(
          `no rule left to run in ${label}: --rules, --skip-rules and rules.disable leave out every rule`,
        );
      }
      ran.forEach(id => ranRules.add(id));
      progress?.start(index, label);
      const pathPrefix = relativeToCwd
        ? toPosix(path.relative(cwd, unit.baseDirectory))
        : undefined;
      const result = await scanPath(unit.absolute, {
        rules: only,
        skipRules: skip,
        config,
        namedFiles: unit.namedFiles,
        pathPrefix,
        onProgress: progress
          ? (done, total) => progress.update(index, label, done, total)
          : undefined,
        onInternalError: (error, files) =>
          internalErrors.push({ error, files }),
      });
      if (
        options.output !== undefined &&
        readsFile(
          result,
          unit.baseDirectory,
          relativeToCwd ? cwd : undefined,
          options.output,
        )
      )
        throw new UsageError(
          `cannot write ${options.output}: it is a file the scan reads, which the report would replace`,
        );
      for (const notRead of pathsNotRead(unit, result, pathPrefix)) {
        // A README or package.json a pre-commit hook names with the IaC it changed is no typo to warn about.
        if (roots.length > 1 && holdsNoIac(notRead, config)) continue;
        err(`infra-compliance: ${noFileWarning(notRead, config)}\n`);
      }
      scans.push({ unit, result });
    }
  } finally {
    progress?.clear();
  }
  for (const { error, files } of internalErrors)
    printInternalError(error, files);

  const scanned = scans.length === 1 ? scans[0].result : mergeScans(scans);
  const result = baseline ? compareWithBaseline(scanned, baseline) : scanned;
  if (
    baseline &&
    options.baseline !== undefined &&
    baseline.length > 0 &&
    result.findings.length > 0 &&
    result.findings.every(f => f.baselineState === 'new')
  ) {
    // Likely a baseline of other paths (`scan .` against `scan services/orders`): every finding would fail as new.
    err(
      `infra-compliance: warning: no finding matches the baseline ${printableLines(
        options.baseline,
      )}; fingerprints hold the report's paths, so make the baseline by scanning the same paths from the same directory\n`,
    );
  }
  const srcRoot = relativeToCwd ? cwd : units[0].baseDirectory;
  const color =
    options.output === undefined &&
    (options.color ?? coloursByDefault(Boolean(process.stdout.isTTY)));

  const repositoryRoot = () => scannedRepositoryRoot(units, cwd);
  let text: string;
  if (options.format === 'json') {
    text = `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
  } else if (options.format === 'gitlab') {
    const issues = toCodeQuality(result, {
      srcRoot,
      repositoryRoot: repositoryRoot(),
    });
    text = `${JSON.stringify(issues, null, 2)}\n`;
  } else if (options.format === 'github') {
    text = toGithubAnnotations(result, {
      srcRoot,
      repositoryRoot: repositoryRoot(),
      summary: oneLineSummary(result),
    });
  } else if (options.format === 'junit') {
    text = toJUnit(result, { srcRoot, repositoryRoot: repositoryRoot() });
  } else if (options.format === 'sarif') {
    const log = toSarif(result, {
      rules: [...ranRules],
      srcRoot,
      repositoryRoot: repositoryRoot(),
    });
    // On stderr, not in the log: an upload to GitHub would fail or be cut without saying so in CI.
    for (const warning of githubSarifLimitWarnings(log))
      err(`infra-compliance: warning: ${warning}\n`);
    text = `${JSON.stringify(log, null, 2)}\n`;
  } else if (options.format === 'markdown') {
    text = toMarkdown(result);
  } else {
    text = toTable(result, { color, width: terminalWidth(options.output) });
  }

  if (options.output !== undefined) {
    try {
      // The process ends here: nothing else would run while an async write waits. A folder not there yet is made, as
      // ESLint makes it.
      fs.mkdirSync(path.dirname(options.output), { recursive: true });
      fs.writeFileSync(options.output, text, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot write ${options.output}: ${describeFsError(error)}`,
      );
    }
    err(
      `infra-compliance: wrote the ${options.format} report to ${
        options.output
      }: ${oneLineSummary(result)}\n`,
    );
  } else {
    out(text);
  }
  if (internalErrors.length > 0) return EXIT_CODES.internal;
  return failsThreshold(result.findings, options.failOn) ||
    (options.failOnUnusedSuppressions && result.unusedSuppressions?.length)
    ? EXIT_CODES.findings
    : EXIT_CODES.ok;
}

/**
 * The root of the Git repository SARIF and Code Quality paths are written
 * from (GitHub and GitLab read them from there): the one the scanned paths are in, by
 * their real paths (a symlink into a repository leads into it), whatever
 * the current directory is in. Paths in several repositories make a log for
 * the current directory's, when it is one of them (their other files get
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
 * Whether the table is coloured when neither --color nor --no-color is given.
 * FORCE_COLOR (force-color.org), which a CI job sets to have colours in its
 * log (GitHub Actions and GitLab show them), colours a table that is piped;
 * `0` and `false` turn colours off, as Node and chalk read them. Else
 * NO_COLOR (no-color.org) turns off the colours of a terminal. An empty value
 * of either does not count.
 */
function coloursByDefault(isTerminal: boolean): boolean {
  const force = process.env.FORCE_COLOR;
  if (force) return force !== '0' && force !== 'false';
  return isTerminal && !process.env.NO_COLOR;
}

/** A message for the terminal: its lines kept, any other control character escaped. */
function printableLines(message: string): string {
  return message.split('\n').map(printable).join('\n');
}

/** True when an unsuppressed finding at or above the severity remains, not counting those of the baseline. */
function failsThreshold(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const limit = SEVERITIES.indexOf(failOn);
  return findings.some(
    f =>
      !f.suppressed &&
      f.baselineState !== 'unchanged' &&
      SEVERITIES.indexOf(f.severity) <= limit,
  );
}

/** The findings of an earlier JSON report (`--format json`), each with its fingerprint. */
function readBaseline(file: string): readonly Finding[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the baseline ${file}: ${describeFsError(error)}`,
    );
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      // V8 quotes the start of the text, newlines and all: keep the error on one line.
      `the baseline ${file} is not JSON: ${(error as Error).message.replace(
        /\s*\n\s*/g,
        ' ',
      )}`,
    );
  }
  const { version, findings } = (report ?? {}) as {
    version?: unknown;
    findings?: unknown;
  };
  if (
    !Array.isArray(findings) ||
    !findings.every(
      finding => typeof (finding as Finding)?.fingerprint === 'string',
    )
  ) {
    throw new UsageError(
      `the baseline ${file} is not a report of infra-compliance scan --format json (it needs findings with fingerprints)`,
    );
  }
  // Another version of the report may fingerprint otherwise: every finding would be new, or an old one unchanged.
  if (version !== 1) {
    throw new UsageError(
      `the baseline ${file} ${
        version === undefined
          ? 'gives no report version'
          : `is a report of version ${printable(JSON.stringify(version))}`
      }, not 1: make it again with this version of infra-compliance scan --format json`,
    );
  }
  return findings as Finding[];
}

/**
 * Marks each finding new or unchanged against the baseline's findings, each
 * of which answers for one finding. A fingerprint names a list item by its
 * index (`Statement[1]`): where an item was added above it, the finding it
 * had is the baseline's of the same rule, file, resource, message and
 * property but for the indices. A finding is matched to the baseline's of
 * its fingerprint and message first, then to one of its own moved, then to
 * the baseline's of its fingerprint alone (its message changed): so an item
 * inserted at the index of another is the new one, not the moved one. A
 * suppressed finding of the baseline answers only for a suppressed one.
 */
function compareWithBaseline(
  result: ScanResult,
  baseline: readonly Finding[],
): ScanResult {
  const byFingerprint = new Map(baseline.map(old => [old.fingerprint, old]));
  const moved = new Map<string, Finding[]>();
  for (const old of baseline) {
    const key = movedItemKey(old);
    if (key === undefined) continue;
    const alike = moved.get(key);
    if (alike) alike.push(old);
    else moved.set(key, [old]);
  }
  const used = new Set<Finding>();
  const take = (finding: Finding, old: Finding | undefined) => {
    // A suppressed finding of the baseline was waived by its suppression, not by the baseline: gone, it fails.
    if (
      old === undefined ||
      used.has(old) ||
      (old.suppressed && !finding.suppressed)
    )
      return false;
    used.add(old);
    return true;
  };
  const unchanged = new Set<Finding>();
  const passes: ((finding: Finding) => boolean)[] = [
    finding => {
      const old = byFingerprint.get(finding.fingerprint);
      return old?.message === finding.message && take(finding, old);
    },
    finding => {
      const key = movedItemKey(finding);
      return (
        key !== undefined &&
        (moved.get(key) ?? []).some(old => take(finding, old))
      );
    },
    finding => take(finding, byFingerprint.get(finding.fingerprint)),
  ];
  for (const pass of passes) {
    for (const finding of result.findings) {
      if (!unchanged.has(finding) && pass(finding)) unchanged.add(finding);
    }
  }
  return {
    ...result,
    findings: result.findings.map(finding => ({
      ...finding,
      baselineState: unchanged.has(finding) ? 'unchanged' : 'new',
    })),
  };
}

/** What a finding on a list item is but for the item's indices; none for a finding on no list item. */
function movedItemKey(finding: Finding): string | undefined {
  const { ruleId, file, resourceId, property, message } = finding;
  if (
    typeof property !== 'string' ||
    !/\[\d+\]/.test(property) ||
    ![ruleId, file, resourceId, message].every(
      field => typeof field === 'string',
    )
  )
    return undefined;
  return [
    ruleId,
    file,
    resourceId,
    property.replace(/\[\d+\]/g, '[]'),
    // A message may name the item by its path too (OPS-003: `Replicas[1].Tags is empty`).
    message.replace(/\[\d+\]/g, '[]'),
  ].join('\u0000');
}

/** "dlq-001, IAM-003" → ['DLQ-001', 'IAM-003']; unknown ids are a usage error. */
function parseRuleIds(value: string, option: string): string[] {
  const ids = value
    .split(',')
    .map(id => id.trim().toUpperCase())
    .filter(Boolean);
  if (ids.length === 0)
    throw new UsageError(`${option} needs at least one rule id`);
  const unknown = ids.filter(id => !getRuleMetadata(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown rule id${
        unknown.length > 1 ? 's' : ''
      } in ${option}: ${unknown.join(
        ', ',
      )} (run "infra-compliance rules" for the list)`,
    );
  }
  return [...new Set(ids)];
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

/** An option of ids given several times names them all (`--rules DLQ-001 --rules IAM-003`), not the last only. */
function joinRepeated(value: string, previous: string | undefined): string {
  return previous === undefined ? value : `${previous},${value}`;
}

/** Whether a scan read `file` (an --output that would overwrite a template with its own report). */
function readsFile(
  result: ScanResult,
  baseDirectory: string,
  prefixedFrom: string | undefined,
  file: string,
): boolean {
  const target = path.resolve(file);
  // Paths are the root's, or, with several roots or files given by name, the current directory's (see pathPrefix).
  return [
    ...result.files.map(scanned => scanned.path),
    ...(result.stackFiles ?? []),
  ].some(read => path.resolve(prefixedFrom ?? baseDirectory, read) === target);
}

/** Refuses an --output the report cannot be written to before the scan rather than after it. */
function checkOutput(file: string): void {
  if (file === '') throw new UsageError('--output needs a file name');
  // `reports/` names a folder whether it is there or not: no file is written in it under a name of our own.
  if (file.endsWith('/') || file.endsWith(path.sep))
    throw new UsageError(
      `cannot write ${file}: --output takes a file name, not a folder (e.g. ${file}report.json)`,
    );
  try {
    const existing = fs.statSync(file, { throwIfNoEntry: false });
    if (existing?.isDirectory())
      throw new UsageError(`cannot write ${file}: is a directory`);
    // A file there (`/dev/stdout`, the last report) is written in place: it, not its folder, must take writing.
    if (existing) {
      fs.accessSync(file, fs.constants.W_OK);
      return;
    }
    // Folders not there yet are made when the report is written: the nearest one there must take them.
    let folder = path.dirname(path.resolve(file));
    let stat = fs.statSync(folder, { throwIfNoEntry: false });
    while (!stat && path.dirname(folder) !== folder) {
      folder = path.dirname(folder);
      stat = fs.statSync(folder, { throwIfNoEntry: false });
    }
    if (stat && !stat.isDirectory())
      throw new UsageError(
        `cannot write ${file}: ${folder} is not a directory`,
      );
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot write ${file}: ${describeFsError(error)}`);
  }
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
      throw new UsageError(`cannot scan ${given}: not a file or directory`);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${given}: ${describeFsError(error)}`);
  }
  return { given, absolute, isFile };
}

function readConfigFile(file: string): ScanConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the config file ${file}: ${describeFsError(error)}`,
    );
  }
  return checkConfig(parseConfigOrThrow(text, file), file);
}

/**
 * The config of the tree a scan's report paths are relative to: a folder's
 * own, and that of a file's stack's folder (`scan template.yaml` beside the
 * config, or a pre-commit hook's file names, keep the rules the team
 * disabled out), named in errors as the path first given spells it.
 */
async function readTreeConfig(unit: ScanUnit): Promise<ScanConfig> {
  const [{ given, absolute, isFile }] = unit.roots;
  const folder = isFile
    ? configFolderOf(unit.baseDirectory)
    : unit.baseDirectory;
  const file = path.join(
    isFile ? path.dirname(given) : given,
    path.relative(isFile ? path.dirname(absolute) : absolute, folder),
    CONFIG_FILE_NAME,
  );
  try {
    const config = checkConfig(await loadConfig(folder), file);
    return folder === unit.baseDirectory
      ? config
      : {
          ...config,
          pathsFrom: toPosix(path.relative(folder, unit.baseDirectory)),
        };
  } catch (error) {
    throw asUsageError(error, file);
  }
}

function parseConfigOrThrow(text: string, file: string): ScanConfig {
  try {
    return parseConfig(text);
  } catch (error) {
    throw asUsageError(error, file);
  }
}

/**
 * A config error as the command line tells it, naming the file it read:
 * where the engine's message names the config by its default name
 * (`.infra-compliance.yaml is not valid YAML`, `.infra-compliance.yaml:3:
 * rules.disable …`), the file takes its place.
 */
function asUsageError(error: unknown, file: string): unknown {
  if (!(error instanceof ConfigError)) return error;
  const { message } = error;
  return new UsageError(
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
    readRuleOptions(ALL_RULES, config.ruleOptions);
  } catch (error) {
    throw asUsageError(error, file);
  }
  return config;
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
 * alone, whose report lists no file; a file named with its stack that the
 * report lists neither as read nor as the project file of a program read.
 */
function pathsNotRead(
  unit: ScanUnit,
  result: ScanResult,
  pathPrefix: string | undefined,
): PathNotRead[] {
  const { namedFiles } = unit;
  if (!namedFiles) {
    if (result.files.length > 0) return [];
    const filesSkipped = new Set(result.skipped.map(file => file.path)).size;
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
    const shown = pathPrefix ? path.posix.join(pathPrefix, named) : named;
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
 * in Python): say so on stderr, without failing.
 */
function noFileWarning(
  { root, named, filesSkipped }: PathNotRead,
  config: ScanConfig,
): string {
  const where = printableLines(root.given);
  if (filesSkipped > 0) {
    return `warning: no infrastructure-as-code file read in ${where}: ${filesSkipped} ${
      filesSkipped === 1 ? 'file' : 'files'
    } skipped (the report says why)`;
  }
  // A file named on the command line (as a pre-commit hook names those it changed) that the config leaves out.
  if (
    named !== undefined &&
    config.exclude.length > 0 &&
    !isLeftInByPaths(named, { ...config, include: [] })
  ) {
    return `warning: ${where} is not scanned: it matches paths.exclude ${printableLines(
      config.exclude.join(', '),
    )}`;
  }
  if (config.include.length === 0) {
    return `warning: no infrastructure-as-code file found in ${where}`;
  }
  const folders = config.include.filter(glob => !/[*?[{]/.test(glob));
  const hint =
    folders.length > 0
      ? ` (a folder is included with its files: ${folders
          .map(glob => `${glob.replace(/\/$/, '')}/**`)
          .join(', ')})`
      : '';
  return `warning: no infrastructure-as-code file in ${where} matches paths.include ${printableLines(
    config.include.join(', '),
  )}${hint}`;
}

/**
 * The reports of several roots, whose paths already start with each root's
 * own. A file two roots reach (a path inside another, or given twice) is
 * reported once, whatever the order of the paths: as the root that scanned
 * it rather than one that skipped it, and as a folder, the outermost, rather
 * than the file alone (a folder reads the files a template or module uses).
 * A file only findings name (a `cdk.json` that does not parse) goes with the
 * first root, in that order, that reports on it.
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
  scans: { unit: ScanUnit; result: ScanResult }[],
): ScanResult {
  const ranked = [...scans].sort(
    (a, b) =>
      Number(a.unit.isFile) - Number(b.unit.isFile) ||
      a.unit.absolute.length - b.unit.absolute.length ||
      compare(a.unit.absolute, b.unit.absolute),
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
  files.sort((a, b) => compare(a.path, b.path));
  findings.sort(
    (a, b) =>
      compare(a.file, b.file) || a.line - b.line || compare(a.ruleId, b.ruleId),
  );
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
    .sort(
      (a, b) =>
        compare(a.file, b.file) ||
        a.line - b.line ||
        compare(a.ruleId, b.ruleId),
    );
  return {
    version: 1,
    files,
    skipped: results.flatMap(result =>
      owned(result, result.skipped, file => file.path),
    ),
    programs: results
      .flatMap(result =>
        owned(result, result.programs ?? [], program => program.main),
      )
      .sort((a, b) => compare(a.main, b.main) || compare(a.format, b.format)),
    findings,
    unusedSuppressions,
    checks,
    scorecard: computeScorecard(checks),
    durationMs: results.reduce((sum, result) => sum + result.durationMs, 0),
  };
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function oneLineSummary(result: ScanResult): string {
  const open = result.findings.filter(f => !f.suppressed);
  const counts = SEVERITIES.map(
    severity =>
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

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** `\r`-updated progress line on stderr (only used when stderr is a TTY). */
function createProgress(rootCount: number) {
  const label = (index: number, given: string) =>
    rootCount > 1 ? ` in ${given} (${index + 1}/${rootCount})` : '';
  return {
    start(index: number, given: string) {
      err(`\r\u001b[Kdiscovering files${label(index, given)}…`);
    },
    update(index: number, given: string, done: number, total: number) {
      err(`\r\u001b[Kscanned ${done}/${total} files${label(index, given)}`);
    },
    clear() {
      err('\r\u001b[K');
    },
  };
}

function ruleSummary(rule: (typeof RULE_CATALOG)[number]) {
  return {
    id: rule.id,
    severity: rule.severity,
    category: rule.category,
    title: rule.title,
    formats: rule.formats,
  };
}

/**
 * The width to wrap a table to: the terminal's, when the table goes to one
 * that knows it (a pseudo-terminal never sized reports 0 columns, which
 * would put each character on a line of its own).
 */
function terminalWidth(output: string | undefined): number | undefined {
  return output === undefined && process.stdout.isTTY
    ? process.stdout.columns || undefined
    : undefined;
}

/** The rule catalog; with a width, titles wrap as the findings' messages do. */
function rulesTable(width: number | undefined): string {
  const header = ['ID', 'SEVERITY', 'CATEGORY', 'TITLE'];
  const rows = RULE_CATALOG.map(rule => [
    rule.id,
    rule.severity,
    rule.category,
    rule.title,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map(row => row[column].length)),
  );
  const titleColumn = widths
    .slice(0, -1)
    .reduce((sum, columnWidth) => sum + columnWidth + 2, 0);
  const render = (row: string[]) => {
    const prefix = row
      .slice(0, -1)
      .map((cell, column) => `${cell.padEnd(widths[column])}  `)
      .join('');
    return layOutRow(prefix, titleColumn, row[row.length - 1], width).join(
      '\n',
    );
  };
  return `${[header, ...rows].map(render).join('\n')}\n`;
}
