/**
 * GitHub Actions workflow commands (`--format github`): a step that prints
 * `::error file=…,line=…,title=…::message` has GitHub annotate that line of
 * the pull request ("Workflow commands for GitHub Actions" on
 * docs.github.com), with no SARIF upload, which code scanning, and so
 * GitHub Advanced Security on a private repository, would need.
 *
 * The runner makes annotations of the first 10 errors, 10 warnings and 10
 * notices a step prints, and writes the others to the log alone, without
 * their file and line (actions/runner, ExecutionContext.AddIssue; the
 * limits are listed under "Limitations" in actions/toolkit's
 * docs/problem-matchers.md, with 50 annotations a job). So the findings
 * that count most come first, and those past the limits are listed in the
 * log with their file and line, as text, before a last notice that sums the
 * scan up and says how many are not annotated.
 */
import {
  Finding,
  IAC_FORMAT_TITLES,
  ScanReport,
  Severity,
  UnusedSuppression,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { randomUUID } from 'node:crypto';
import { plural } from '../support/plural';
import { inOrderOfConcern } from './findingOrder';
import { notModelledText, programsNotModelled } from './notModelled';
import { printable } from '../support/printable';
import { RepositoryPathOptions, repositoryPaths } from './pathFromRoot';
import { SARIF_TOOL_NAME } from './sarif';

export interface GithubAnnotationOptions extends RepositoryPathOptions {
  /** The scan's one-line summary (the CLI's), which the last notice gives. */
  summary: string;
}

type Command = 'error' | 'warning' | 'notice';

/** As SARIF's levels: what may break the stack is an error, the least a notice. */
const COMMANDS: Record<Severity, Command> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
};

/** Annotations of each command the runner makes in a step. */
const ANNOTATIONS_PER_COMMAND = 10;

/** A line of the output: an annotation, or a line listing what was not annotated. */
interface Entry {
  noun: 'finding' | 'unused suppression';
  command: Command;
  file: string;
  line: number;
  title: string;
  message: string;
  /** The entry as one line of text, for the list of those not annotated. */
  text: string;
}

/** The workflow commands of a scan, one a line; ends with a newline. */
export function toGithubAnnotations(
  result: ScanReport,
  options: GithubAnnotationOptions,
): string {
  const pathOf = repositoryPaths(options);
  const findings = inOrderOfConcern(
    result.findings.filter(finding => !finding.suppressed),
  ).map(finding => findingEntry(finding, pathOf(finding.file)));
  const unused = (result.unusedSuppressions ?? []).map(suppression =>
    unusedSuppressionEntry(suppression, pathOf(suppression.file)),
  );
  const commands: Record<Command, Entry[]> = {
    error: findings.filter(entry => entry.command === 'error'),
    warning: findings.filter(entry => entry.command === 'warning'),
    notice: [
      ...findings.filter(entry => entry.command === 'notice'),
      ...unused,
    ],
  };
  // One notice is the summary's, printed last.
  const limits: Record<Command, number> = {
    error: ANNOTATIONS_PER_COMMAND,
    warning: ANNOTATIONS_PER_COMMAND,
    notice: ANNOTATIONS_PER_COMMAND - 1,
  };
  const annotated = (['error', 'warning', 'notice'] as const).flatMap(command =>
    commands[command].slice(0, limits[command]),
  );
  const notAnnotated = (['error', 'warning', 'notice'] as const).flatMap(
    command => commands[command].slice(limits[command]),
  );

  const lines = annotated.map(entry =>
    workflowCommand(
      entry.command,
      { file: entry.file, line: String(entry.line), title: entry.title },
      entry.message,
    ),
  );
  const summary = [options.summary];
  // What was not judged: nothing else of the output names it, there is no line to annotate.
  const { skipped } = result;
  if (skipped.length > 0) {
    summary.push(
      summaryList(
        `${plural(skipped.length, 'file')} ${
          skipped.length === 1 ? 'was' : 'were'
        } skipped, not scanned`,
        skipped.map(file => `${pathOf(file.path, 'skipped')} (${file.reason})`),
      ),
    );
  }
  const programs = programsNotModelled(result);
  if (programs.length > 0) {
    summary.push(
      summaryList(
        `${plural(programs.length, 'program')} ${
          programs.length === 1 ? 'makes' : 'make'
        } what is not modelled, not judged`,
        programs.map(
          program =>
            `${pathOf(program.main)} (${
              IAC_FORMAT_TITLES[program.format]
            }: ${notModelledText(program.format, program.notModelled)})`,
        ),
      ),
    );
  }
  if (notAnnotated.length > 0) {
    const heading = `Not annotated: ${countOf(notAnnotated)}`;
    // The lines hold text of the scanned files (a file named `::add-mask::…`, a message quoting `##[error]`): the
    // runner runs no command until it reads the token, which that text cannot know.
    const token = randomUUID();
    lines.push(
      workflowCommand('group', {}, heading),
      workflowCommand('stop-commands', {}, token),
      ...notAnnotated.map(entry => entry.text),
      `::${token}::`,
      workflowCommand('endgroup', {}, ''),
    );
    summary.push(
      `${countOf(notAnnotated)} ${
        notAnnotated.length === 1 ? 'is' : 'are'
      } not annotated: GitHub annotates the first ${ANNOTATIONS_PER_COMMAND} errors, ${ANNOTATIONS_PER_COMMAND} warnings and ${ANNOTATIONS_PER_COMMAND} notices of a step. This step's log lists them, under "Not annotated"; --format table prints the full report.`,
    );
  }
  lines.push(
    workflowCommand('notice', { title: SARIF_TOOL_NAME }, summary.join('\n')),
  );
  return `${lines.join('\n')}\n`;
}

function findingEntry(finding: Finding, file: string): Entry {
  const line = Math.max(1, Math.floor(finding.line) || 1);
  const rule = getRuleMetadata(finding.ruleId);
  const tags = `${finding.baselineState === 'unchanged' ? '[baseline] ' : ''}${
    finding.confidence === 'partial' ? '[partial] ' : ''
  }`;
  return {
    noun: 'finding',
    command: COMMANDS[finding.severity],
    file,
    line,
    title: printable(
      `${finding.ruleId} (${finding.severity})${rule ? `: ${rule.title}` : ''}`,
    ),
    message: `${tags}${printable(finding.message)}\nRemediation: ${printable(
      finding.remediation,
    )}`,
    text: printable(
      `${file}:${line}: ${finding.severity} ${finding.ruleId}: ${tags}${finding.message}`,
    ),
  };
}

function unusedSuppressionEntry(
  suppression: UnusedSuppression,
  file: string,
): Entry {
  const { ruleId, resourceId, line, baselineState } = suppression;
  // As a finding's: already listed by the baseline, not what --fail-on-unused-suppressions judges.
  const tag = baselineState === 'unchanged' ? '[baseline] ' : '';
  return {
    noun: 'unused suppression',
    command: 'notice',
    file,
    line,
    title: printable(`Unused suppression of ${ruleId}`),
    message: printable(
      `${tag}The suppression of ${ruleId} on ${resourceId} suppressed nothing: its rule judged ${resourceId} and found no failure. Remove it, so that it hides no later failure.`,
    ),
    text: printable(
      `${file}:${line}: ${tag}unused suppression of ${ruleId} on ${resourceId}`,
    ),
  };
}

/** How many of a list the summary names; the JSON report lists them all. */
const NAMED_IN_SUMMARY = 5;

/** `<lead>: a, b, c, d, e and 2 more, which --format json lists.`, the first few of `items` named. */
function summaryList(lead: string, items: readonly string[]): string {
  const more = items.length - NAMED_IN_SUMMARY;
  return printable(
    `${lead}: ${items.slice(0, NAMED_IN_SUMMARY).join(', ')}${
      more > 0 ? ` and ${more} more, which --format json lists` : ''
    }.`,
  );
}

/** `3 findings and 1 unused suppression`: how many entries of each noun. */
function countOf(entries: Entry[]): string {
  return (['finding', 'unused suppression'] as const)
    .map(noun => ({
      noun,
      count: entries.filter(entry => entry.noun === noun).length,
    }))
    .filter(({ count }) => count > 0)
    .map(({ noun, count }) => plural(count, noun))
    .join(' and ');
}

/**
 * `::command key=value,…::data`, escaped as actions/toolkit's core.issueCommand
 * escapes it and the runner reads it (ActionCommand.TryParseV2): in the data,
 * `%`, CR and LF; in a property also `:` and `,`, which end it.
 */
function workflowCommand(
  command: string,
  properties: Record<string, string>,
  data: string,
): string {
  const list = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${command}${list ? ` ${list}` : ''}::${escapeData(data)}`;
}

function escapeData(text: string): string {
  return text
    .replaceAll('%', '%25')
    .replaceAll('\r', '%0D')
    .replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
