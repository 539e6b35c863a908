/**
 * The terminal report: findings grouped by file, the suppressions that
 * suppressed nothing, then a summary with the counts per severity, the grade, the score of every category, the files
 * scanned and skipped, and what programs make that is not modelled, which is
 * not judged.
 *
 *   template.yaml
 *     42  high    DLQ-001  OrderProcessor  Function OrderProcessor is invoked …
 *     57  medium  LOG-002  OrderLogs       [suppressed: kept by the platform] …
 *     63  medium  ENC-001  AuditLogs       [partial] Log group AuditLogs has …
 */
import {
  CATEGORIES,
  Finding,
  Grade,
  IAC_FORMATS,
  SEVERITIES,
  ScanReport,
  Severity,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { displayWidth, endWithin } from '../support/displayWidth';
import { plural } from '../support/plural';
import { printable } from '../support/printable';
import { notModelledEntries, programsNotModelled } from './notModelled';
import { cutToWidth, layOutRow, wrapWords } from '../support/wrapWords';
import { partialExplanation, unusedSuppressionsExplanation } from './wording';

/** A space the table's wrapping does not break at. */
const NO_BREAK = '\u00a0';

export interface TableOptions {
  /** ANSI colours; off unless asked for. */
  color?: boolean;
  /**
   * The terminal's width, in columns (a CJK character or an emoji takes
   * two): each message wraps under its column, or below its row where the
   * columns leave it less than 40; a long file path
   * breaks after a `/`, and the resource column takes what the others leave
   * it. Unset, a finding is one line (logs, grep).
   */
  width?: number;
  /**
   * How many skipped files to list by name, and how many programs that make
   * what is not modelled (default 10 each).
   */
  maxSkippedListed?: number;
}

type Style = (text: string) => string;

const ESC = '\u001b[';
const ansi =
  (open: string, close: string): Style =>
  text =>
    `${ESC}${open}m${text}${ESC}${close}m`;
const plain: Style = text => text;

interface Palette {
  bold: Style;
  dim: Style;
  severity: Record<Severity, Style>;
  grade: (grade: Grade | null) => Style;
}

const COLORS: Palette = {
  bold: ansi('1', '22'),
  dim: ansi('2', '22'),
  severity: {
    critical: text => ansi('1', '22')(ansi('31', '39')(text)),
    high: ansi('31', '39'),
    medium: ansi('33', '39'),
    low: ansi('36', '39'),
  },
  grade: grade => {
    if (grade === 'A' || grade === 'B') return ansi('32', '39');
    if (grade === 'C' || grade === 'D') return ansi('33', '39');
    return grade ? ansi('31', '39') : plain;
  },
};

const NO_COLORS: Palette = {
  bold: plain,
  dim: plain,
  severity: { critical: plain, high: plain, medium: plain, low: plain },
  grade: () => plain,
};

const SEVERITY_WIDTH = Math.max(...SEVERITIES.map(s => s.length));
/** Widest resource column: a longer id keeps its end (`…aws_iam_role.worker`), which the message names in full. */
const RESOURCE_WIDTH = 40;
/** Narrowest, in a terminal too narrow for the columns: enough of an id's end to tell it (`…_role.worker`). */
const MIN_RESOURCE_WIDTH = 12;

/** Renders a scan as text for a terminal; ends with a newline. */
export function toTable(
  result: ScanReport,
  options: TableOptions = {},
): string {
  const style = options.color ? COLORS : NO_COLORS;
  const lines: string[] = [];

  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const ruleWidth = Math.max(0, ...result.findings.map(f => f.ruleId.length));
  for (const [file, findings] of byFile) {
    const lineWidth = Math.max(...findings.map(f => String(f.line).length));
    const resourceColumn =
      2 + lineWidth + 2 + SEVERITY_WIDTH + 2 + ruleWidth + 2;
    // In a terminal, the columns fit in its width: the resource keeps what the others leave it.
    const resourceLimit =
      options.width === undefined
        ? RESOURCE_WIDTH
        : Math.min(
            RESOURCE_WIDTH,
            Math.max(MIN_RESOURCE_WIDTH, options.width - resourceColumn),
          );
    const resourceWidth = Math.max(
      0,
      ...findings.map(f => displayWidth(displayResource(f, resourceLimit))),
    );
    lines.push(...wrapPath(printable(file), options.width).map(style.bold));
    const messageColumn = resourceColumn + resourceWidth + 2;
    for (const finding of findings) {
      const columns = [
        String(finding.line).padStart(lineWidth),
        style.severity[finding.severity](
          finding.severity.padEnd(SEVERITY_WIDTH),
        ),
        finding.ruleId.padEnd(ruleWidth),
        padToWidth(displayResource(finding, resourceLimit), resourceWidth),
      ];
      const message = printable(
        finding.suppressed
          ? `[suppressed: ${finding.suppressed.reason}] ${finding.message}`
          : `${finding.baselineState === 'unchanged' ? '[baseline] ' : ''}${
              finding.confidence === 'partial' ? '[partial] ' : ''
            }${finding.message}`,
      );
      const rows = layOutRow(
        `  ${columns.join('  ')}  `,
        messageColumn,
        message,
        options.width,
      );
      lines.push(
        ...(finding.suppressed || finding.baselineState === 'unchanged'
          ? rows.map(style.dim)
          : rows),
      );
    }
    lines.push('');
  }
  lines.push(...unusedSuppressions(result, style, options.width));

  lines.push(
    ...summary(result, style, options.maxSkippedListed ?? 10, options.width),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The suppressions that suppressed nothing, each as `file:line  rule
 * resource`, under a heading that says what to do with them; nothing where
 * there are none.
 */
function unusedSuppressions(
  result: ScanReport,
  style: Palette,
  width: number | undefined,
): string[] {
  const unused = result.unusedSuppressions ?? [];
  if (unused.length === 0) return [];
  const heading = `${plural(unused.length, 'unused suppression')}: `;
  const lines = layOutRow(
    style.bold(heading),
    heading.length,
    unusedSuppressionsExplanation(unused.length),
    width,
  );
  // The rule and the resource stay together, the rules aligned (NO_BREAK): a line too long breaks before them.
  const ruleWidth = Math.max(...unused.map(u => u.ruleId.length));
  for (const { file, line, ruleId, resourceId, baselineState } of unused) {
    const columns = ` ${NO_BREAK}${printable(ruleId).padEnd(
      ruleWidth,
      NO_BREAK,
    )}${NO_BREAK}${NO_BREAK}${printable(resourceId)}${
      // As a finding already in the baseline: dimmed, and not what --fail-on-unused-suppressions judges.
      baselineState === 'unchanged' ? ' [baseline]' : ''
    }`;
    const rows = wrapLabelledPath(
      '  ',
      printable(`${file}:${line}`),
      columns,
      width,
    ).map(row => row.replaceAll(NO_BREAK, ' '));
    lines.push(...(baselineState === 'unchanged' ? rows.map(style.dim) : rows));
  }
  lines.push('');
  return lines;
}

/** A resource id at most `limit` columns wide: a wider one keeps its end, whole characters of it. */
function displayResource(finding: Finding, limit: number): string {
  const id = printable(finding.resourceId) || '-';
  return endWithin(id, limit) === id ? id : `…${endWithin(id, limit - 1)}`;
}

/** `text` followed by spaces up to `width` columns. */
function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * A file path (the header of a file's findings, a program's, a skipped
 * file's). In a terminal, a path longer than its width breaks after a `/`
 * (within a name only where the name alone is longer), all of it kept:
 * nothing else in the report names the file. Without a width, one line
 * (logs, grep).
 */
function wrapPath(path: string, width: number | undefined): string[] {
  if (width === undefined) return [path];
  const lines: string[] = [];
  let line = '';
  for (const part of path.split(/(?<=\/)/)) {
    if (line && displayWidth(line) + displayWidth(part) > width) {
      lines.push(line);
      line = '';
    }
    line += part;
    if (displayWidth(line) > width) {
      const pieces = cutToWidth(line, width);
      line = pieces.pop()!;
      lines.push(...pieces);
    }
  }
  return [...lines, line];
}

function summary(
  result: ScanReport,
  style: Palette,
  maxSkippedListed: number,
  width: number | undefined,
): string[] {
  const lines: string[] = [];
  const open = result.findings.filter(f => !f.suppressed);
  const suppressed = result.findings.length - open.length;
  if (result.findings.length === 0) {
    lines.push(style.bold('No findings.'));
  } else {
    // A count stays with its noun where the line wraps (NO_BREAK); it is coloured once the line is laid out, as the
    // colour's escape codes take no room on the screen.
    const counts = SEVERITIES.map(severity => ({
      severity,
      count: open.filter(f => f.severity === severity).length,
    }));
    const suppressedNote =
      suppressed > 0 ? `; ${suppressed}${NO_BREAK}suppressed` : '';
    const inBaseline = open.filter(f => f.baselineState === 'unchanged').length;
    const baselineNote = open.some(f => f.baselineState)
      ? `; ${
          open.length - inBaseline
        }${NO_BREAK}new, ${inBaseline}${NO_BREAK}already in the baseline`
      : '';
    const findingsLabel = plural(open.length, 'finding');
    const rows = layOutRow(
      `${style.bold(findingsLabel)}: `,
      findingsLabel.length + 2,
      `${counts
        .map(({ severity, count }) => `${count}${NO_BREAK}${severity}`)
        .join(', ')}${suppressedNote}${baselineNote}`,
      width,
    );
    lines.push(
      ...rows.map(row =>
        counts
          .filter(({ count }) => count > 0)
          .reduce(
            (shown, { severity, count }) =>
              shown.replace(
                `${count}${NO_BREAK}${severity}`,
                style.severity[severity](`${count} ${severity}`),
              ),
            row,
          )
          .replaceAll(NO_BREAK, ' '),
      ),
    );
    const partial = open.filter(f => f.confidence === 'partial').length;
    if (partial > 0) {
      const partialLabel = `${partial} [partial]: `;
      lines.push(
        ...layOutRow(
          partialLabel,
          partialLabel.length,
          partialExplanation(partial),
          width,
        ),
      );
    }
  }

  const { grade, score, categories } = result.scorecard;
  lines.push(
    ...(grade === null
      ? layOutRow(
          `Grade ${style.bold('n/a')} `,
          'Grade n/a '.length,
          '(no check applies to the scanned files)',
          width,
        )
      : [`Grade ${style.bold(style.grade(grade)(grade))}, score ${score}/100`]),
  );
  const titleWidth = Math.max(...CATEGORIES.map(c => c.title.length));
  // A category's title and score, then its counts of checks (none where no check applies).
  const categoryRows = CATEGORIES.map(category => {
    const entry = categories[category.id];
    const title = category.title.padEnd(titleWidth);
    return !entry || entry.score === null
      ? { columns: `  ${title}  ${style.dim('n/a'.padStart(3))}`, counts: '' }
      : {
          columns: `  ${title}  ${String(entry.score).padStart(3)}  `,
          counts: `(${entry.passed}${NO_BREAK}passed, ${entry.failed}${NO_BREAK}failed)`,
        };
  });
  const countsColumn = 2 + titleWidth + 2 + 3 + 2;
  // Where a category's line does not fit in the terminal, the counts of every category go below its title and score,
  // as a message goes below its columns: all categories alike, not some on one line and some on two.
  const countsBelow =
    width !== undefined &&
    categoryRows.some(({ counts }) => countsColumn + counts.length > width);
  for (const { columns, counts } of categoryRows) {
    const rows =
      countsBelow && counts
        ? layOutRow(columns, countsColumn, counts, width)
        : [`${columns}${counts}`];
    lines.push(...rows.map(row => row.replaceAll(NO_BREAK, ' ')));
  }

  const perFormat = IAC_FORMATS.map(
    format =>
      [format, result.files.filter(f => f.format === format).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([format, count]) => `${count}${NO_BREAK}${format}`);
  lines.push(
    ...layOutRow(
      'Files: ',
      'Files: '.length,
      `${result.files.length}${NO_BREAK}scanned${
        perFormat.length > 0 ? ` (${perFormat.join(', ')})` : ''
      }, ${result.skipped.length}${NO_BREAK}skipped`,
      width,
    ).map(row => row.replaceAll(NO_BREAK, ' ')),
  );
  for (const skipped of result.skipped.slice(0, maxSkippedListed)) {
    lines.push(
      ...wrapLabelledPath(
        '  skipped ',
        printable(`${skipped.path}:`),
        printable(` ${skipped.reason}`),
        width,
      ).map(style.dim),
    );
  }
  if (result.skipped.length > maxSkippedListed) {
    lines.push(
      style.dim(
        `  … and ${result.skipped.length - maxSkippedListed} more skipped`,
      ),
    );
  }
  const notModelled = programsNotModelled(result);
  for (const program of notModelled.slice(0, maxSkippedListed)) {
    // A long list wraps under itself, as a finding's message does, between its entries (`aws-ecs.Cluster (2 constructs)`).
    const heading = wrapLabelledPath(
      '  ',
      printable(program.main),
      ` (${program.format}): not modelled, not judged:`,
      width,
    );
    const prefix = `${heading.pop()} `;
    const entries = notModelledEntries(program.format, program.notModelled)
      .map(entry => printable(entry).replaceAll(' ', NO_BREAK))
      .join(', ');
    const rows = [
      ...heading,
      ...layOutRow(prefix, displayWidth(prefix), entries, width),
    ];
    lines.push(...rows.map(row => style.dim(row.replaceAll(NO_BREAK, ' '))));
  }
  if (notModelled.length > maxSkippedListed) {
    lines.push(
      style.dim(
        `  … and ${
          notModelled.length - maxSkippedListed
        } more programs that make what is not modelled`,
      ),
    );
  }
  return lines;
}

/**
 * A line of the summary that names a file: `label`, `path`, then `text`. In
 * a terminal, the path breaks as {@link wrapPath} breaks it and the text at
 * its spaces, as a message does, from the path's last line on; its further
 * lines go under its first.
 */
function wrapLabelledPath(
  label: string,
  path: string,
  text: string,
  width: number | undefined,
): string[] {
  if (width === undefined) return [`${label}${path}${text}`];
  const room = Math.max(width - label.length, 1);
  const pathLines = wrapPath(path, room);
  // The path's last line, at most `room` wide, stays whole: its spaces do not break.
  const last = pathLines.pop()!.replaceAll(' ', NO_BREAK);
  const lines = [
    ...pathLines,
    ...wrapWords(`${last}${text}`, room).map(line =>
      line.replaceAll(NO_BREAK, ' '),
    ),
  ];
  const indent = ' '.repeat(label.length);
  return lines.map((line, index) => `${index === 0 ? label : indent}${line}`);
}
