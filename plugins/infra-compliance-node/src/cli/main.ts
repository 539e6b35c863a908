/**
 * The command-line scanner:
 *
 *   infra-compliance scan <path...> [--format table|json|sarif|gitlab|github|junit|markdown]
 *                         [--output file|-] [--report format=file|-]...
 *                         [--fail-on critical|high|medium|low|none]
 *                         [--rules ids] [--skip-rules ids] [--config file|-]
 *                         [--baseline report.json|-]
 *                         [--fail-on-unused-suppressions] [--no-color]
 *   infra-compliance rules [--format table|json]
 *
 * `main` returns the exit code instead of exiting, so tests run it in
 * process; the bin sets `process.exitCode` from it. Exit codes: 0 no
 * finding at or above `--fail-on`, 1 some (or, with
 * `--fail-on-unused-suppressions`, a suppression that suppressed nothing), 2 usage error (a bad
 * option or value, an unknown command or rule, an unreadable path, an
 * invalid config or rule option, an unreadable baseline, a report file
 * that cannot be written), 3 internal error (also when
 * the engine went on past a stack it failed on: the report lacks its files).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import {
  Finding,
  RULE_CATALOG,
  UnusedSuppression,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import packageJson from '../../package.json';
import {
  CONFIG_FILE_NAME,
  ConfigError,
  ScanConfig,
} from '../config/loadConfig';
import { DiscoveryError } from '../discovery/discoverFiles';
import { ScanResult } from '../engine/scan';
import {
  FAIL_ON,
  FailOn,
  GivenPathsScan,
  ScanInputError,
  failingFindings,
  oneLineSummary,
  parseFailOn,
  parseRuleIdList,
  readConfigBytes,
  readConfigFile,
  refuseEmptyFileName,
  scanGivenPaths,
} from '../run/scanGivenPaths';
import {
  REPORT_FORMATS,
  ReportFormat,
  checkReportFile,
  parseReportFormat,
  renderReport,
  writeReportFile,
} from '../run/reportFile';
import { describeFsError } from '../support/describeFsError';
import { realPathOf } from '../support/paths';
import { printable } from '../support/printable';
import { layOutRow } from '../support/wrapWords';

/** Exit codes of the CLI. */
export const EXIT_CODES = {
  /** No unsuppressed finding at or above `--fail-on`. */
  ok: 0,
  /** Unsuppressed findings at or above `--fail-on` remain, or unused suppressions with `--fail-on-unused-suppressions`. */
  findings: 1,
  /** Bad command line, unknown rule id, unreadable path, invalid config or baseline, unwritable report file. */
  usage: 2,
  /** A bug: the scanner itself failed. */
  internal: 3,
} as const;

interface ScanCommandOptions {
  format: ReportFormat;
  /** The file of the report, or `-` for the standard output, where it goes without one. */
  output?: string;
  /** `--report format=file`, each a report of the same scan besides the main one. */
  report?: AdditionalReport[];
  failOn: FailOn;
  rules?: string;
  skipRules?: string;
  config?: string;
  baseline?: string;
  failOnUnusedSuppressions?: boolean;
  color?: boolean;
  /** Whether --format was given: false when it is the default, table. */
  formatGiven: boolean;
}

const err = (text: string) => {
  process.stderr.write(text);
};
/** Set when stdout failed other than by a closed pipe (a full disk): the run exits 2. */
let stdoutFailed = false;
/**
 * Writes to stdout; `then` runs once the text is written (true) or its
 * reader closed the pipe (false), not when stdout failed otherwise (the run
 * then exits 2).
 */
const out = (text: string, then?: (written: boolean) => void) => {
  // Told by the write's callback, which comes before exitWhenFlushed's; the
  // stream's 'error' event may come after the process has exited.
  process.stdout.write(text, (error?: NodeJS.ErrnoException | null) => {
    if (!error || error.code === 'EPIPE') {
      then?.(!error);
      return;
    }
    if (stdoutFailed) return;
    stdoutFailed = true;
    err(
      `infra-compliance: cannot write to the standard output: ${describeFsError(
        error,
      )}\n`,
    );
  });
};

const EXIT_CODES_HELP = `
Exit codes:
  0  no unsuppressed finding at or above --fail-on (always 0 with --fail-on none),
     and with --fail-on-unused-suppressions no unused suppression
  1  unsuppressed findings at or above --fail-on remain, or with
     --fail-on-unused-suppressions, suppressions that suppressed nothing
     (the last line on stderr says which, and how many)
  2  usage error: bad option or value, unknown command or rule id, unreadable
     path, unreadable or invalid config file or --baseline report, a report
     file that cannot be written (the line on stderr says which)
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
    process.stderr.write('', () =>
      process.exit(stdoutFailed ? EXIT_CODES.usage : code),
    ),
  );
}

/**
 * Keeps an error writing to stdout or stderr from ending the process with a
 * stack trace and exit code 1, the code of findings. A program that stops
 * reading (`| head`) closes the pipe: the rest has nowhere to go, which is
 * no failure, and the run keeps its exit code. Any other failure of stdout
 * (a full disk) loses the report: exit 2 with the reason (see `out`), as for
 * an `--output` that cannot be written. A failure of stderr has nowhere to
 * be told; the exit code stays the run's.
 */
export function handleOutputErrors(): void {
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', () => {});
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
      givenOnce(
        anyCase(
          new Option(
            '-f, --format <format>',
            'report format (any case: json, JSON): sarif for GitHub code scanning, gitlab for GitLab Code Quality, github for annotations of a GitHub Actions step, junit for CI test reports (JUnit XML), markdown for a job summary or a pull request comment',
          )
            .choices(REPORT_FORMATS)
            .default('table'),
          // As the Scaffolder action's format reads it.
          parseReportFormat,
        ),
      ),
    )
    .addOption(
      givenOnce(
        new Option(
          '-o, --output <file>',
          'write the report to a file (only a one-line summary goes to stderr); - is the standard output (./- a file named -)',
        ),
      ),
    )
    .option(
      '--report <format=file>',
      'also write the report of the same scan in this format to this file (e.g. sarif=results.sarif), besides the one --format and --output give; repeatable, one file each (only a one-line summary goes to stderr); a file - is the standard output, once --output gives the other report a file',
      collectReport,
    )
    .addOption(
      givenOnce(
        anyCase(
          new Option(
            '--fail-on <severity>',
            'exit 1 when an unsuppressed finding at or above this severity remains (any case: high, HIGH)',
          )
            .choices(FAIL_ON)
            .default('none'),
          // As the Scaffolder action's failOn reads it.
          parseFailOn,
        ),
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
    .addOption(
      givenOnce(
        new Option(
          '-c, --config <file>',
          `use this file instead of each tree's ${CONFIG_FILE_NAME}; - is the standard input (./- a file named -)`,
        ),
      ),
    )
    .addOption(
      givenOnce(
        new Option(
          '--baseline <report.json>',
          'a JSON report of an earlier scan: its findings (same fingerprint) are marked unchanged and --fail-on judges only the new ones; - is the standard input (./- a file named -)',
        ),
      ),
    )
    .option(
      '--fail-on-unused-suppressions',
      'exit 1 also when an in-code suppression suppressed nothing: its rule judged what it is written on and found no failure (with --baseline, only one the baseline did not list)',
    )
    .option(
      '--color',
      'colours in the table (default: when FORCE_COLOR is set, but to 0 or false, which turns them off; else when stdout is a terminal and NO_COLOR is unset or empty)',
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

An option of one value (--format, --output, --fail-on, --config, --baseline)
is given once: twice is a usage error. --rules, --skip-rules and --report add up.
${EXIT_CODES_HELP}`,
    )
    .action(
      async (
        paths: string[],
        options: Omit<ScanCommandOptions, 'formatGiven'>,
        command: Command,
      ) => {
        exitCode = await runScan(paths, {
          ...options,
          formatGiven: command.getOptionValueSource('format') !== 'default',
        });
      },
    );

  program
    .command('rules')
    .description('list the rules of the catalog')
    .allowExcessArguments(false)
    .addOption(
      givenOnce(
        anyCase(
          new Option(
            '-f, --format <format>',
            'output format (any case: json, JSON)',
          )
            .choices(['table', 'json'])
            .default('table'),
        ),
      ),
    )
    .action((options: { format: 'table' | 'json' }) => {
      out(
        options.format === 'json'
          ? `${JSON.stringify(RULE_CATALOG.map(ruleSummary), null, 2)}\n`
          : rulesTable(terminalWidth()),
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

  for (const command of program.commands)
    refuseEqualsAfterShortFlag(command, argv);

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; everything else is a usage error.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    if (
      error instanceof ScanInputError ||
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
 * `--format JSON`), as rule ids are: `read` finds the choice a value names
 * (default: the value lower-cased) before commander checks it against them,
 * so help and the error for a wrong value still list the choices.
 */
function anyCase(
  option: Option,
  read: (value: string) => string | undefined = value => value.toLowerCase(),
): Option {
  const checkChoice = option.parseArg!;
  return option.argParser((value: string, previous: unknown) =>
    checkChoice(read(value) ?? value, previous),
  );
}

/**
 * Refuses `-o=x` for each short option of `command` that takes a value:
 * commander gives it the value `=x` (`-o=-` wrote a file named `=-`), where
 * `--output=x` or `-o x` was meant. The argument as typed tells `-o=x` from
 * `-o =x`, which still names `=x`; one after `--` is a path (a file named
 * `-o=x`), not an option.
 */
function refuseEqualsAfterShortFlag(
  command: Command,
  argv: readonly string[],
): void {
  const separator = argv.indexOf('--');
  const beforeSeparator = separator === -1 ? argv : argv.slice(0, separator);
  for (const option of command.options) {
    const { short, long } = option;
    if (short === undefined || !(option.required || option.optional)) continue;
    const read = option.parseArg;
    option.argParser((value: string, previous: unknown) => {
      if (
        value.startsWith('=') &&
        beforeSeparator.includes(`${short}${value}`)
      ) {
        const meant = value.slice(1);
        if (meant === '') {
          // `-o=` names no value: the option's placeholder (<file>) stands for it.
          const placeholder = /[<[].*[>\]]/.exec(option.flags)![0];
          throw new ScanInputError(
            `${short}= gives ${short} the value =: write ${short} ${placeholder}${
              long ? ` or ${long}=${placeholder}` : ''
            }`,
          );
        }
        throw new ScanInputError(
          `${short}${value} gives ${short} the value ${value}, not ${meant}: write ${short} ${meant}${
            long ? ` or ${long}=${meant}` : ''
          } (${short} ${value} for a value that starts with =)`,
        );
      }
      return read ? read(value, previous) : value;
    });
  }
}

/** The file name `--output` and `--report` take for the standard output, as most command-line tools do. */
const STANDARD_OUTPUT = '-';
/** The file name `--config` and `--baseline` take for the standard input. */
const STANDARD_INPUT = '-';
/** The standard input where messages name a file (`<stdin>:3: paths.include must be a list of strings`). */
const STANDARD_INPUT_NAME = '<stdin>';

/**
 * All of the standard input, which `option` given `-` reads `what` from.
 * Refused from a terminal, where the scan would wait for what is typed,
 * from a folder, and when empty, as a pipe whose writer failed leaves it.
 */
async function readStandardInput(
  option: string,
  what: string,
): Promise<Buffer> {
  if (process.stdin.isTTY)
    throw new ScanInputError(
      `${option} - reads ${what} from the standard input, which is a terminal: pipe it in (${option} - < file) or name its file`,
    );
  // Node reads a folder there (< configs/) as nothing, which would be called empty.
  if (fs.fstatSync(0).isDirectory())
    throw new ScanInputError(
      `${option} -: cannot read the standard input: is a directory`,
    );
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of process.stdin) chunks.push(chunk);
  } catch (error) {
    throw new ScanInputError(
      `${option} -: cannot read the standard input: ${describeFsError(error)}`,
    );
  }
  if (chunks.length === 0)
    throw new ScanInputError(
      `${option} - reads ${what} from the standard input, which is empty: pipe it in`,
    );
  return Buffer.concat(chunks);
}

/** The formats a report file's extension suggests, for a warning when --format is not given. */
const FORMATS_BY_EXTENSION: Record<string, ReportFormat[] | undefined> = {
  '.sarif': ['sarif'],
  '.json': ['json', 'gitlab'],
  '.xml': ['junit'],
  '.md': ['markdown'],
};

async function runScan(
  paths: string[],
  options: ScanCommandOptions,
): Promise<number> {
  const cwd = process.cwd();
  const only =
    options.rules !== undefined
      ? parseRuleIds(options.rules, '--rules')
      : undefined;
  const skip =
    options.skipRules !== undefined
      ? parseRuleIds(options.skipRules, '--skip-rules')
      : [];
  if (options.config !== undefined)
    refuseEmptyFileName(options.config, '--config');
  if (options.baseline !== undefined)
    refuseEmptyFileName(options.baseline, '--baseline');
  if (options.config === STANDARD_INPUT && options.baseline === STANDARD_INPUT)
    throw new ScanInputError(
      '--config - and --baseline - both name the standard input: give one of them a file',
    );
  let sharedConfig: ScanConfig | undefined;
  if (options.config === STANDARD_INPUT)
    sharedConfig = readConfigBytes(
      await readStandardInput('--config', 'a config'),
      STANDARD_INPUT_NAME,
    );
  else if (options.config !== undefined)
    sharedConfig = readConfigFile(options.config, cwd);
  const baselineName =
    options.baseline === STANDARD_INPUT
      ? STANDARD_INPUT_NAME
      : options.baseline;
  let baseline: Baseline | undefined;
  if (options.baseline === STANDARD_INPUT)
    baseline = readBaseline(
      await readStandardInput('--baseline', 'a JSON report'),
      STANDARD_INPUT_NAME,
    );
  else if (options.baseline !== undefined)
    baseline = readBaseline(
      readBaselineFile(options.baseline),
      options.baseline,
    );
  const output =
    options.output === STANDARD_OUTPUT ? undefined : options.output;
  const reportOnStdout = checkReportOnStdout(options);
  const moreReportFiles = (options.report ?? []).filter(
    report => report.file !== STANDARD_OUTPUT,
  );
  const reportFiles = [
    ...(output !== undefined
      ? [
          {
            option: '--output',
            file: output,
            given: output,
            format: options.format,
          },
        ]
      : []),
    ...moreReportFiles.map(report => ({
      option: '--report',
      ...report,
    })),
  ];
  // The standard input is no file a report could replace.
  checkReportFiles(
    reportFiles,
    cwd,
    options.config === STANDARD_INPUT ? undefined : options.config,
    options.baseline === STANDARD_INPUT ? undefined : options.baseline,
  );

  const progress = process.stderr.isTTY ? createProgress() : undefined;
  const warn = (warning: string) => {
    // A warning written after the progress line would run on from it.
    progress?.clear();
    err(`infra-compliance: warning: ${printableLines(warning)}\n`);
  };
  // Printed once the progress line is gone; the exit code tells CI the report lacks their files.
  const internalErrors: { error: unknown; files: string[] }[] = [];
  let scan: GivenPathsScan;
  try {
    scan = await scanGivenPaths({
      paths,
      cwd,
      rules: only,
      skipRules: skip,
      config: sharedConfig,
      reportFiles: reportFiles.map(report => report.file),
      onWarning: warn,
      onScanStart: progress?.start,
      onProgress: progress?.update,
      onInternalError: (error, files) => internalErrors.push({ error, files }),
    });
  } finally {
    progress?.clear();
  }
  for (const { error, files } of internalErrors)
    printInternalError(error, files);

  const result = baseline
    ? compareWithBaseline(scan.result, baseline)
    : scan.result;
  if (
    baseline &&
    baseline.findings.length > 0 &&
    result.findings.length > 0 &&
    result.findings.every(f => f.baselineState === 'new')
  ) {
    // Likely a baseline of other paths (`scan .` against `scan services/orders`): every finding would fail as new.
    warn(
      `no finding matches the baseline ${baselineName}; fingerprints hold the report's paths, so make the baseline by scanning the same paths from the same directory`,
    );
  }
  // Colours and the terminal's width only for the report on stdout, never in a file.
  const render = (format: ReportFormat, onStdout: boolean) =>
    renderReport(result, format, {
      ranRules: scan.ranRules,
      srcRoot: scan.srcRoot,
      repositoryRoot: scan.repositoryRoot,
      cwd: scan.cwd,
      // On stderr, not in the log: an upload to GitHub would fail or be cut without saying so in CI.
      onWarning: warn,
      color:
        onStdout &&
        (options.color ?? coloursByDefault(Boolean(process.stdout.isTTY))),
      width: onStdout ? terminalWidth() : undefined,
    });
  const text = render(options.format, output === undefined);

  const meant =
    output !== undefined && !options.formatGiven
      ? FORMATS_BY_EXTENSION[path.extname(output).toLowerCase()]
      : undefined;
  // A CI step that uploads results.sarif would fail later, far from the cause.
  if (meant)
    warn(
      `${output} gets a table, the default format: add ${meant
        .map(format => `--format ${format}`)
        .join(' or ')} for the report its name suggests`,
    );
  const summary = oneLineSummary(result);
  const failed =
    internalErrors.length > 0
      ? undefined
      : whyFindingsFail(result, options, baseline !== undefined);
  // The last line of a failed CI step's log: why it failed, whatever the report's format.
  const tellWhyFailed = () => {
    if (failed) err(`infra-compliance: exit 1: ${failed}\n`);
  };
  const writeFile = (format: ReportFormat, file: string, report: string) => {
    writeReportFile(file, report, cwd);
    err(
      `infra-compliance: wrote the ${format} report to ${file}: ${summary}\n`,
    );
  };
  // The files first: the lines on stderr of the report on stdout come once it is written.
  if (output !== undefined) writeFile(options.format, output, text);
  for (const report of moreReportFiles)
    writeFile(report.format, report.file, render(report.format, false));
  const stdoutFormat =
    output === undefined ? options.format : reportOnStdout?.format;
  if (stdoutFormat === undefined) {
    tellWhyFailed();
  } else {
    // Piped to a file or a program, a report for machines leaves the log without the reason a failing step failed.
    // The table says it, and so do GitHub annotations, in a notice the log shows. Told once it is written (not on
    // a full disk, nor to a reader that stopped reading).
    const told =
      !process.stdout.isTTY &&
      stdoutFormat !== 'table' &&
      stdoutFormat !== 'github';
    out(output === undefined ? text : render(stdoutFormat, true), written => {
      if (written && told)
        err(
          `infra-compliance: wrote the ${stdoutFormat} report to the standard output: ${summary}\n`,
        );
      tellWhyFailed();
    });
  }
  if (internalErrors.length > 0) return EXIT_CODES.internal;
  return failed ? EXIT_CODES.findings : EXIT_CODES.ok;
}

/**
 * Why the scan exits 1 (findings at or above `--fail-on`, unused
 * suppressions with `--fail-on-unused-suppressions`; with a baseline, only
 * the new count), or undefined when it does not.
 */
function whyFindingsFail(
  result: ScanResult,
  options: ScanCommandOptions,
  withBaseline: boolean,
): string | undefined {
  const failing = failingFindings(result.findings, options.failOn).length;
  const unused = options.failOnUnusedSuppressions
    ? (result.unusedSuppressions ?? []).filter(
        suppression => suppression.baselineState !== 'unchanged',
      ).length
    : 0;
  const newOnes = withBaseline ? ' new' : '';
  const reasons = [
    ...(failing > 0
      ? [
          `${failing}${newOnes} unsuppressed finding${
            failing === 1 ? '' : 's'
          } at or above ${options.failOn} (--fail-on ${options.failOn})`,
        ]
      : []),
    ...(unused > 0
      ? [
          `${unused}${newOnes} suppression${
            unused === 1 ? '' : 's'
          } that suppressed nothing (--fail-on-unused-suppressions)`,
        ]
      : []),
  ];
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/**
 * The `--report <format>=-` that takes the standard output, the main report
 * being written to `--output`'s file; one where the main report goes there
 * (without --output, or with `--output -`), or a second one, is refused.
 */
function checkReportOnStdout(
  options: ScanCommandOptions,
): AdditionalReport | undefined {
  const [report, other] = (options.report ?? []).filter(
    given => given.file === STANDARD_OUTPUT,
  );
  if (report === undefined) return undefined;
  if (other !== undefined)
    throw new ScanInputError(
      `--report ${report.given} and --report ${other.given} both name the standard output: give one of them a file`,
    );
  if (options.output === STANDARD_OUTPUT)
    throw new ScanInputError(
      `--output - and --report ${report.given} both name the standard output: give one of them a file`,
    );
  if (options.output === undefined)
    throw new ScanInputError(
      `--report ${report.given} names the standard output, where the ${options.format} report goes without --output: give --output a file`,
    );
  return report;
}

/**
 * An option that takes one value (`--format`, `--output`, `--config`):
 * given twice, it is refused rather than the last one kept without a word
 * (a script adding one to a command line that has it), its values named as
 * given. Those that add up (`--rules`, `--report`) are not given to it.
 */
function givenOnce(option: Option): Option {
  const read = option.parseArg;
  // What commander passes as the value before is the default for the first one given (--format's table).
  let given: string | undefined;
  return option.argParser((value: string, previous: unknown) => {
    if (given !== undefined)
      throw new ScanInputError(
        `${option.long} is given twice (${given} and ${value}): give it once`,
      );
    given = value;
    return read ? read(value, previous) : value;
  });
}

/** A report `--report` writes besides the main one. */
interface AdditionalReport {
  format: ReportFormat;
  file: string;
  /** The option's value as given (`sarif=results.sarif`), for messages. */
  given: string;
}

/** `--report sarif=results.sarif`, split on the first `=` (a file name may hold one, or a drive's colon). */
function collectReport(
  value: string,
  previous: AdditionalReport[] = [],
): AdditionalReport[] {
  const split = value.indexOf('=');
  const format =
    split < 0 ? undefined : parseReportFormat(value.slice(0, split));
  if (format === undefined)
    throw new InvalidArgumentError(
      `It takes a format and a file, as sarif=results.sarif (formats: ${REPORT_FORMATS.join(
        ', ',
      )})`,
    );
  return [...previous, { format, file: value.slice(split + 1), given: value }];
}

/**
 * Refuses, before the scan, report files that cannot be written (see
 * checkReportFile), the config file `--config` reads, the `--baseline`
 * report but for a JSON report (which updates it, as a ratchet does), and
 * a file two reports name, by where they would be written (a symlink leads
 * there).
 */
function checkReportFiles(
  reports: readonly {
    option: string;
    file: string;
    given: string;
    format: ReportFormat;
  }[],
  cwd: string,
  config: string | undefined,
  baseline: string | undefined,
): void {
  const realPathGiven = (file: string | undefined) =>
    file === undefined ? undefined : realPathOf(path.resolve(cwd, file));
  const configFile = realPathGiven(config);
  const baselineFile = realPathGiven(baseline);
  const named = new Map<string, (typeof reports)[number]>();
  for (const report of reports) {
    checkReportFile(report.file, cwd, report.option);
    const target = writtenPathOf(path.resolve(cwd, report.file));
    if (target === configFile)
      throw new ScanInputError(
        `cannot write ${report.file}: it is the config file --config reads, which the report would replace`,
      );
    if (target === baselineFile && report.format !== 'json')
      throw new ScanInputError(
        `cannot write ${report.file}: it is the baseline --baseline reads, which a ${report.format} report would replace with one no --baseline can read (a json report there updates the baseline)`,
      );
    const other = named.get(target);
    if (other)
      throw new ScanInputError(
        `${other.option} ${other.given} and ${report.option} ${report.given} name the same file: give each report a file of its own`,
      );
    named.set(target, report);
  }
}

/** Where writing `absolute` writes: its real path, or, not there yet, its nearest folder's followed by the rest. */
function writtenPathOf(absolute: string): string {
  if (fs.existsSync(absolute)) return realPathOf(absolute);
  const folder = path.dirname(absolute);
  return folder === absolute
    ? absolute
    : path.join(writtenPathOf(folder), path.basename(absolute));
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

/** What a baseline report holds that a scan is compared with. */
interface Baseline {
  findings: readonly Finding[];
  unusedSuppressions: readonly UnusedSuppression[];
}

/** The bytes of the `--baseline` file. */
function readBaselineFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ScanInputError(
      `cannot read the baseline ${file}: ${describeFsError(error)}`,
    );
  }
}

/** The findings of an earlier JSON report (`--format json`) of `bytes`, each with its fingerprint, named `file` in errors. */
function readBaseline(bytes: Buffer, file: string): Baseline {
  let text: string;
  try {
    text = bytes.toString();
  } catch (error) {
    // Longer than a string can be (512 MiB), from a file or the standard input alike.
    throw new ScanInputError(
      `cannot read the baseline ${file}: ${describeFsError(error)}`,
    );
  }
  let report: unknown;
  try {
    // A byte order mark, as PowerShell's Out-File and Set-Content -Encoding utf8 write it, is no JSON: it is left out.
    report = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    throw new ScanInputError(
      // V8 quotes the start of the text, newlines and all: keep the error on one line.
      `the baseline ${file} is not JSON: ${(error as Error).message.replace(
        /\s*\n\s*/g,
        ' ',
      )}`,
    );
  }
  const { version, findings, unusedSuppressions } = (report ?? {}) as {
    version?: unknown;
    findings?: unknown;
    unusedSuppressions?: unknown;
  };
  if (
    !Array.isArray(findings) ||
    !findings.every(
      finding => typeof (finding as Finding)?.fingerprint === 'string',
    )
  ) {
    throw new ScanInputError(
      `the baseline ${file} is not a report of infra-compliance scan --format json (it needs findings with fingerprints)`,
    );
  }
  // Another version of the report may fingerprint otherwise: every finding would be new, or an old one unchanged.
  if (version !== 1) {
    throw new ScanInputError(
      `the baseline ${file} ${
        version === undefined
          ? 'gives no report version'
          : `is a report of version ${printable(JSON.stringify(version))}`
      }, not 1: make it again with this version of infra-compliance scan --format json`,
    );
  }
  return {
    findings: findings as Finding[],
    // Written only where there are some; an older report of version 1 has none.
    unusedSuppressions: Array.isArray(unusedSuppressions)
      ? (unusedSuppressions as UnusedSuppression[])
      : [],
  };
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
  { findings: baseline, unusedSuppressions: baselineUnused }: Baseline,
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
  // Each of the baseline's answers for one: by rule, file and resource, not the line, as a finding's fingerprint.
  const unusedKey = (unused: UnusedSuppression) =>
    JSON.stringify([unused.ruleId, unused.file, unused.resourceId]);
  const unusedLeft = new Map<string, number>();
  for (const old of baselineUnused) {
    const key = unusedKey(old);
    unusedLeft.set(key, (unusedLeft.get(key) ?? 0) + 1);
  }
  return {
    ...result,
    findings: result.findings.map(finding => ({
      ...finding,
      baselineState: unchanged.has(finding) ? 'unchanged' : 'new',
    })),
    unusedSuppressions: result.unusedSuppressions?.map(unused => {
      const key = unusedKey(unused);
      const left = unusedLeft.get(key) ?? 0;
      if (left > 0) unusedLeft.set(key, left - 1);
      return { ...unused, baselineState: left > 0 ? 'unchanged' : 'new' };
    }),
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
  return parseRuleIdList(value.split(','), option);
}

/** An option of ids given several times names them all (`--rules DLQ-001 --rules IAM-003`), not the last only. */
function joinRepeated(value: string, previous: string | undefined): string {
  return previous === undefined ? value : `${previous},${value}`;
}

/** `\r`-updated progress line on stderr (only used when stderr is a TTY). */
function createProgress() {
  const label = (index: number, count: number, given: string) =>
    count > 1 ? ` in ${given} (${index + 1}/${count})` : '';
  let shown = false;
  const show = (line: string) => {
    err(`\r\u001b[K${line}`);
    shown = true;
  };
  return {
    start(index: number, count: number, given: string) {
      show(`discovering files${label(index, count, given)}…`);
    },
    update(
      index: number,
      count: number,
      given: string,
      done: number,
      total: number,
    ) {
      show(`scanned ${done}/${total} files${label(index, count, given)}`);
    },
    /** Erases the line, where one is shown: the next update writes it again. */
    clear() {
      if (shown) err('\r\u001b[K');
      shown = false;
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
 * The width to wrap a table on stdout to: the terminal's, when stdout is one
 * that knows it (a pseudo-terminal never sized reports 0 columns, which
 * would put each character on a line of its own).
 */
function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns || undefined : undefined;
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
