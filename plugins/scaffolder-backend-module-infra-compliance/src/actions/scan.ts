import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  Grade,
  SEVERITIES,
  Severity,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  ConfigError,
  DiscoveryError,
  FAIL_ON,
  Finding,
  ReportFormat,
  ScanInputError,
  checkReportFile,
  describeFsError,
  failingFindings,
  inOrderOfConcern,
  notModelledText,
  oneLineSummary,
  parseFailOn,
  parseReportFormat,
  parseRuleIdList,
  programsNotModelled,
  renderReport,
  scanGivenPaths,
  writeReportFile,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';

/** The id of the action. */
export const INFRA_COMPLIANCE_SCAN_ACTION_ID = 'infra-compliance:scan';

/** The formats a report written into the workspace takes: a file to keep, to upload to code scanning, to read. */
const REPORT_PATH_FORMATS = [
  'json',
  'sarif',
  'markdown',
] as const satisfies readonly ReportFormat[];

const GRADES = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
] as const satisfies readonly Grade[];

/** How many of the findings that fail the step its error names, the most severe: the log lists more. */
const FAILING_FINDINGS_NAMED = 5;

/**
 * How many findings, skipped files and programs not modelled the log lists at
 * most (the most severe findings first): the Scaffolder keeps a task's log in
 * its database, a row a line, and a generated monorepo may have thousands.
 */
const LOGGED_PER_LIST = 100;

const EXAMPLES = [
  {
    description:
      'Scan what the template generated before publishing it, failing the task on a critical or high finding',
    example: `steps:
  - id: fetch
    name: Fetch the service skeleton
    action: fetch:template
    input:
      url: ./skeleton
      values:
        name: \${{ parameters.name }}
  - id: compliance
    name: Check the infrastructure code
    action: infra-compliance:scan
    input:
      failOn: high
  - id: publish
    name: Publish
    action: publish:github
    input:
      repoUrl: \${{ parameters.repoUrl }}
output:
  text:
    - title: Infra Compliance
      content: Grade \${{ steps.compliance.output.grade }}, \${{ steps.compliance.output.total }} open findings`,
  },
  {
    description:
      'Scan one folder of the workspace with some rules left out, and commit a SARIF report with the service',
    example: `steps:
  - id: compliance
    name: Check the infrastructure code
    action: infra-compliance:scan
    input:
      path: infra
      skipRules: [OPS-003, OPS-007]
      reportPath: reports/infra-compliance.sarif
      format: sarif`,
  },
];

/**
 * Creates the `infra-compliance:scan` Scaffolder action: it scans the
 * infrastructure code a template generated in the task's workspace, as
 * `infra-compliance scan` does, logs what it found, writes a report into
 * the workspace if asked, and fails the step when findings at or above
 * `failOn` remain.
 *
 * @public
 */
export function createInfraComplianceScanAction() {
  return createTemplateAction({
    id: INFRA_COMPLIANCE_SCAN_ACTION_ID,
    description:
      "Scans the infrastructure code of the workspace (CloudFormation and SAM templates, Terraform, AWS CDK and Pulumi programs) with the Infra Compliance rules, as the command-line scanner does with the folder's .infra-compliance.yaml. Logs the grade and each open finding, writes a report into the workspace if asked, and fails when findings at or above failOn remain (a dry run logs that it would, and goes on).",
    examples: EXAMPLES,
    // It only reads the workspace, and writes reportPath inside it.
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string({
              description:
                "The folder or file to scan, relative to the workspace (default '.', the whole workspace). It must stay inside the workspace.",
            })
            .optional(),
        // A string, not an enum: the Scaffolder checks the input against its JSON schema, whose enum takes one case.
        failOn: z =>
          z
            .string({
              description: `Fail the step when an unsuppressed finding at or above this severity remains: ${FAIL_ON.join(
                ', ',
              )}, in any case (high, HIGH), as the command line's --fail-on takes it (default none: never fail on findings). A dry run logs that it would fail, and goes on.`,
            })
            .optional(),
        rules: z =>
          z
            .array(z.string(), {
              description:
                'Run only these rules, by id (DLQ-001, IAM-003), in any case. An unknown id is an error, and so is an empty list, as the command line refuses an empty --rules: to run every rule, leave rules out.',
            })
            .optional(),
        skipRules: z =>
          z
            .array(z.string(), {
              description:
                "Leave these rules out, by id, on top of the .infra-compliance.yaml's rules.disable. An unknown id is an error; an empty list leaves none out.",
            })
            .optional(),
        reportPath: z =>
          z
            .string({
              description:
                'Write the report to this file of the workspace (its folders are made), which publish steps then commit with the rest.',
            })
            .optional(),
        // A string, not an enum, as failOn.
        format: z =>
          z
            .string({
              description:
                "The format of the report written to reportPath (default json): json, sarif (GitHub code scanning) or markdown, in any case (sarif, SARIF), as the command line's --format takes it.",
            })
            .optional(),
      },
      output: {
        grade: z =>
          z
            .enum(GRADES)
            .nullable()
            .describe(
              'A (score ≥ 90) to F; null where no check applies (no infrastructure code)',
            ),
        score: z =>
          z
            .number()
            .int()
            .nullable()
            .describe('0 to 100; null where no check applies'),
        findings: z =>
          z
            .object({
              critical: z.number().int(),
              high: z.number().int(),
              medium: z.number().int(),
              low: z.number().int(),
            })
            .describe('The unsuppressed findings, by severity'),
        total: z => z.number().int().describe('The unsuppressed findings'),
        passed: z =>
          z
            .boolean()
            .describe('No unsuppressed finding at or above failOn remains'),
        reportPath: z =>
          z
            .string()
            .optional()
            .describe('The report file written, as given in reportPath'),
      },
    },
    async handler(ctx) {
      const { workspacePath, logger } = ctx;
      const given = ctx.input.path ?? '.';
      const failOn = parseFailOn(ctx.input.failOn ?? 'none');
      if (failOn === undefined)
        throw new InputError(
          `failOn ${ctx.input.failOn} is not one of ${FAIL_ON.join(
            ', ',
          )} (in any case)`,
        );
      const { reportPath } = ctx.input;
      if (ctx.input.format !== undefined && reportPath === undefined)
        throw new InputError(
          'format needs reportPath: the report is only written to a file of the workspace',
        );
      const format = parseFormat(ctx.input.format ?? 'json');
      checkInsideWorkspace(workspacePath, given, 'path', 'read');
      if (reportPath !== undefined)
        checkInsideWorkspace(workspacePath, reportPath, 'reportPath', 'write');

      const internalErrors: { error: unknown; files: string[] }[] = [];
      const scan = await asInputError(async () => {
        const rules =
          ctx.input.rules && parseRuleIdList(ctx.input.rules, 'rules');
        // An empty list leaves nothing out, as a template's list parameter left empty means.
        const skipRules = ctx.input.skipRules?.length
          ? parseRuleIdList(ctx.input.skipRules, 'skipRules')
          : undefined;
        if (reportPath !== undefined)
          checkReportFile(reportPath, workspacePath, 'reportPath');
        return scanGivenPaths({
          paths: [given],
          cwd: workspacePath,
          // The workspace may sit in a checkout (a local backend's working directory): its step reads no further.
          confineToCwd: true,
          rules,
          skipRules,
          ruleOptionNames: { rules: 'rules', skipRules: 'skipRules' },
          reportFiles: reportPath === undefined ? [] : [reportPath],
          onWarning: warning => logger.warn(warning),
          onInternalError: (error, files) =>
            internalErrors.push({ error, files }),
        });
      });
      const { result } = scan;
      // Report paths are relative to the folder scanned: the log names files from the workspace, as the template does.
      const fromWorkspace = (file: string) =>
        path
          .relative(workspacePath, path.resolve(scan.srcRoot, file))
          .split(path.sep)
          .join('/');
      const place = (finding: Finding) =>
        `${fromWorkspace(finding.file)}:${finding.line} ${finding.ruleId} ${
          finding.severity
        } ${finding.message}`;

      const open = result.findings.filter(finding => !finding.suppressed);
      // A Markdown report is cut to what a GitHub comment takes.
      const allListed =
        reportPath !== undefined && format !== 'markdown'
          ? `the report ${reportPath} lists them all`
          : 'a JSON report written to reportPath lists them all';
      /** Says how many more the log leaves out, `one` or `many` of them. */
      const logNotLogged = (left: number, [one, many]: [string, string]) => {
        if (left > 0)
          logger.info(
            `… and ${left} more ${
              left === 1 ? one : many
            } not logged: ${allListed}`,
          );
      };
      /** Logs the first LOGGED_PER_LIST of `lines`, then how many more there are. */
      const logFirst = (lines: readonly string[], what: [string, string]) => {
        for (const line of lines.slice(0, LOGGED_PER_LIST)) logger.info(line);
        logNotLogged(lines.length - LOGGED_PER_LIST, what);
      };
      const logged = new Set(inOrderOfConcern(open).slice(0, LOGGED_PER_LIST));
      logger.info(`Scanned ${given}: ${oneLineSummary(result)}`);
      const { grade, score } = result.scorecard;
      logger.info(
        grade === null
          ? 'Grade n/a: no check applies to the scanned files'
          : `Grade ${grade}, score ${score}/100`,
      );
      // The most severe, in the report's order: by file and line.
      for (const finding of open)
        if (logged.has(finding)) logger.info(place(finding));
      logNotLogged(open.length - logged.size, ['finding', 'findings']);
      logFirst(
        result.skipped.map(
          skipped =>
            `Skipped ${fromWorkspace(skipped.path)}: ${skipped.reason}`,
        ),
        ['skipped file', 'skipped files'],
      );
      for (const { error, files } of internalErrors)
        logger.error(
          `The scanner failed on ${files
            .map(fromWorkspace)
            .join(
              ', ',
            )} (not scanned; the rest of the report stands): ${messageOf(
            error,
          )}`,
        );
      logFirst(
        programsNotModelled(result).map(
          program =>
            `${fromWorkspace(program.main)} (${
              program.format
            }): not modelled, not judged: ${notModelledText(
              program.format,
              program.notModelled,
            )}`,
        ),
        ['program not modelled', 'programs not modelled'],
      );

      if (reportPath !== undefined) {
        const text = renderReport(result, format, {
          ranRules: scan.ranRules,
          srcRoot: scan.srcRoot,
          // The workspace becomes the repository publish steps make: SARIF names files from its root.
          repositoryRoot: workspacePath,
          onWarning: warning => logger.warn(warning),
        });
        await asInputError(async () =>
          writeReportFile(reportPath, text, workspacePath),
        );
        logger.info(`Wrote the ${format} report to ${reportPath}`);
      }

      const failing = failingFindings(result.findings, failOn);
      ctx.output('grade', grade);
      ctx.output('score', score);
      ctx.output(
        'findings',
        Object.fromEntries(
          SEVERITIES.map(severity => [
            severity,
            open.filter(finding => finding.severity === severity).length,
          ]),
        ) as Record<Severity, number>,
      );
      ctx.output('total', open.length);
      ctx.output('passed', failing.length === 0);
      if (reportPath !== undefined) ctx.output('reportPath', reportPath);

      const failingMessage = (): string | undefined => {
        if (failing.length === 0) return undefined;
        const named = inOrderOfConcern(failing)
          .slice(0, FAILING_FINDINGS_NAMED)
          .map(place);
        const more = failing.length - named.length;
        return [
          `${failing.length} unsuppressed finding${
            failing.length === 1 ? '' : 's'
          } at or above ${failOn} (failOn: ${failOn}):`,
          ...named,
          ...(more > 0
            ? [
                `… and ${more} more${
                  failing.every(finding => logged.has(finding))
                    ? ', listed in the log'
                    : `: ${allListed}`
                }`,
              ]
            : []),
        ].join('\n');
      };
      // As the command line exits 3: the scan is incomplete, whatever it found.
      const failure =
        internalErrors.length > 0
          ? `The scanner failed on ${internalErrors
              .flatMap(({ files: failed }) => failed)
              .map(fromWorkspace)
              .join(
                ', ',
              )}, which the report lacks (an internal error, logged above); please report it`
          : failingMessage();
      if (failure === undefined) return;
      // A dry run (the template editor's) whose step fails answers its error alone, an HTTP 500 without the log, outputs and report its author ran it for.
      if (ctx.isDryRun) {
        logger.error(`A real run would fail this step: ${failure}`);
        return;
      }
      throw new Error(failure);
    },
  });
}

/** The format of the input, one of REPORT_PATH_FORMATS in any case. */
function parseFormat(given: string): (typeof REPORT_PATH_FORMATS)[number] {
  const format = parseReportFormat(given);
  const reportPathFormat = REPORT_PATH_FORMATS.find(
    choice => choice === format,
  );
  if (reportPathFormat === undefined)
    throw new InputError(
      `format ${given} is not one of ${REPORT_PATH_FORMATS.join(
        ', ',
      )} (in any case)`,
    );
  return reportPathFormat;
}

/**
 * A path of the input, which must not lead out of the workspace (`..`, an
 * absolute path, a symlink), to be read or written (`access`).
 */
function checkInsideWorkspace(
  workspacePath: string,
  given: string,
  input: string,
  access: 'read' | 'write',
): void {
  try {
    resolveSafeChildPath(workspacePath, given);
  } catch (error) {
    if (error instanceof NotAllowedError)
      throw new InputError(
        `${input} ${given} is outside the workspace: give a path relative to it, inside it`,
      );
    // Its symlinks could not be followed (a part of it is a file, a symlink loop): said as the command line says it.
    if ((error as NodeJS.ErrnoException).code !== undefined)
      throw new InputError(
        `cannot ${access} ${given}: ${describeFsError(error)}`,
      );
    throw error;
  }
}

/** Runs `step`; bad input it throws (a path, a rule id, a config) is an InputError with its message. */
async function asInputError<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (
      error instanceof ScanInputError ||
      error instanceof ConfigError ||
      error instanceof DiscoveryError
    )
      // Not as its cause: the message would say it twice.
      throw new InputError(error.message);
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
