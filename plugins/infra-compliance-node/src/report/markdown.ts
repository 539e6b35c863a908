/**
 * The Markdown report (`--format markdown`): GitHub-flavoured Markdown for a
 * GitHub Actions job summary (`>> $GITHUB_STEP_SUMMARY`), a pull or merge
 * request comment that CI posts, or a wiki page. It tells what the table
 * tells, laid out for a page: the grade and score, the counts per severity,
 * the scorecard and the files; the findings by file, each with its rule's
 * title and its remediation folded (with `--baseline`, the new ones first,
 * those already in the baseline folded); the unused suppressions; and
 * folded, the suppressed findings with their reasons, the skipped files and
 * what programs make that is not modelled.
 *
 * Text from the scanned files is escaped (see markdownText). The report
 * fits in GitHub's limit on a comment: past it, lists are cut, the most
 * severe findings kept, each list saying how many it leaves out.
 */
import {
  CATEGORIES,
  Finding,
  IAC_FORMATS,
  IAC_FORMAT_TITLES,
  ReadProgram,
  SEVERITIES,
  ScanReport,
  SkippedFile,
  UnusedSuppression,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { inOrderOfConcern } from './findingOrder';
import { markdownText } from './markdownText';
import { notModelledText, programsNotModelled } from './notModelled';
import { plural } from '../support/plural';
import { partialExplanation, unusedSuppressionsExplanation } from './wording';

/**
 * The most characters GitHub takes in a comment on an issue or a pull
 * request. A job summary takes 1 MiB, which this many UTF-16 code units
 * (what a JavaScript string's length counts) never pass in UTF-8.
 */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /**
   * The longest report, in UTF-16 code units (default
   * {@link GITHUB_COMMENT_LIMIT}): past it, the lists are cut.
   */
  maxLength?: number;
}

/** Something a list of the report names, which a cut may leave out. */
type Listed = Finding | UnusedSuppression | SkippedFile | ReadProgram;

/** Renders a scan as GitHub-flavoured Markdown; ends with a newline. */
export function toMarkdown(
  result: ScanReport,
  options: MarkdownOptions = {},
): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const whole = renderMarkdown(result, () => true, maxLength);
  if (whole.length <= maxLength) return whole;
  // The most items of the lists, in the order they are kept, with which the report fits: found by halving.
  const listed = inOrderKept(result);
  let fits = 0;
  let tooMany = listed.length;
  while (tooMany - fits > 1) {
    const count = Math.floor((fits + tooMany) / 2);
    const kept = new Set(listed.slice(0, count));
    if (
      renderMarkdown(result, item => kept.has(item), maxLength).length <=
      maxLength
    )
      fits = count;
    else tooMany = count;
  }
  const kept = new Set(listed.slice(0, fits));
  return renderMarkdown(result, item => kept.has(item), maxLength);
}

/**
 * What the lists name, in the order a cut keeps them: the open findings, the
 * new ones first, from the most severe, then the unused suppressions, the
 * suppressed findings, the skipped files and the programs.
 */
function inOrderKept(result: ScanReport): Listed[] {
  return [
    ...inOrderOfConcern(result.findings.filter(finding => !finding.suppressed)),
    ...(result.unusedSuppressions ?? []),
    ...inOrderOfConcern(result.findings.filter(finding => finding.suppressed)),
    ...result.skipped,
    ...programsNotModelled(result),
  ];
}

function renderMarkdown(
  result: ScanReport,
  shown: (item: Listed) => boolean,
  maxLength: number,
): string {
  const open = result.findings.filter(finding => !finding.suppressed);
  const inBaseline = open.filter(f => f.baselineState === 'unchanged');
  const fresh = open.filter(f => f.baselineState !== 'unchanged');
  const suppressed = result.findings.filter(finding => finding.suppressed);
  const unused = result.unusedSuppressions ?? [];
  const programs = programsNotModelled(result);
  /**
   * The line under a list cut short: `… and 3 more skipped files not listed,
   * …`, and the reports that list them all (the table lists the first few
   * skipped files and programs).
   */
  const cutLine = (
    what: string,
    listedBy = 'the table, JSON and SARIF reports',
  ) =>
    `… and ${what} not listed, to keep the report within ${maxLength.toLocaleString(
      'en-US',
    )} characters${
      maxLength === GITHUB_COMMENT_LIMIT ? ' (what a GitHub comment takes)' : ''
    }: ${listedBy} list them all.`;
  const notListed = (items: Listed[], noun: string, listedBy?: string) => {
    const left = items.filter(item => !shown(item)).length;
    return left === 0 ? [] : [cutLine(plural(left, `more ${noun}`), listedBy)];
  };
  const findingsNotListed = (findings: Finding[]) => {
    const left = findings.filter(finding => !shown(finding));
    return left.length === 0
      ? []
      : [
          cutLine(
            `${plural(left.length, 'more finding')} (${countsText(
              left,
              false,
            )})`,
          ),
        ];
  };

  const blocks: string[] = [heading(result), ...counts(result, open)];
  blocks.push(scorecardTable(result), filesLine(result));

  const baseline = open.some(finding => finding.baselineState);
  if (fresh.length > 0) {
    blocks.push(
      baseline ? '### New findings' : '### Findings',
      ...findingsByFile(fresh.filter(shown)),
      ...findingsNotListed(fresh),
    );
  }
  if (inBaseline.length > 0) {
    blocks.push(
      ...folded(
        `${plural(inBaseline.length, 'finding')} already in the baseline`,
        [
          ...findingsByFile(inBaseline.filter(shown)),
          ...findingsNotListed(inBaseline),
        ],
      ),
    );
  }
  if (unused.length > 0) {
    blocks.push(
      '### Unused suppressions',
      `${plural(
        unused.length,
        'unused suppression',
      )}: ${unusedSuppressionsExplanation(unused.length)}.`,
      ...table(
        ['File', 'Line', 'Rule', 'Resource'],
        'lrll',
        unused
          .filter(shown)
          .map(({ file, line, ruleId, resourceId, baselineState }) => [
            markdownText(file),
            String(line),
            markdownText(ruleId),
            // As a finding's: already listed by the baseline, not what --fail-on-unused-suppressions judges.
            `${markdownText(resourceId)}${
              baselineState === 'unchanged' ? ' (already in the baseline)' : ''
            }`,
          ]),
      ),
      ...notListed(unused, 'unused suppression'),
    );
  }
  if (suppressed.length > 0) {
    blocks.push(
      ...folded(plural(suppressed.length, 'suppressed finding'), [
        ...table(
          ['File', 'Line', 'Rule', 'Resource', 'Reason', 'Finding'],
          'lrllll',
          suppressed
            .filter(shown)
            .map(finding => [
              markdownText(finding.file),
              String(finding.line),
              markdownText(finding.ruleId),
              markdownText(finding.resourceId),
              markdownText(finding.suppressed!.reason),
              markdownText(finding.message),
            ]),
        ),
        ...findingsNotListed(suppressed),
      ]),
    );
  }
  if (result.skipped.length > 0) {
    blocks.push(
      ...folded(`${plural(result.skipped.length, 'file')} skipped`, [
        ...table(
          ['File', 'Reason'],
          'll',
          result.skipped
            .filter(shown)
            .map(file => [markdownText(file.path), markdownText(file.reason)]),
        ),
        ...notListed(
          result.skipped,
          'skipped file',
          'the JSON and SARIF reports',
        ),
      ]),
    );
  }
  if (programs.length > 0) {
    blocks.push(
      ...folded(
        `${plural(programs.length, 'program')} ${
          programs.length === 1 ? 'makes' : 'make'
        } what is not modelled, not judged`,
        [
          ...table(
            ['Program', 'Format', 'Not modelled'],
            'lll',
            programs
              .filter(shown)
              .map(program => [
                markdownText(program.main),
                IAC_FORMAT_TITLES[program.format],
                markdownText(
                  notModelledText(program.format, program.notModelled),
                ),
              ]),
          ),
          ...notListed(programs, 'program', 'the JSON and SARIF reports'),
        ],
      ),
    );
  }
  return `${blocks.join('\n\n')}\n`;
}

function heading(result: ScanReport): string {
  const { grade, score } = result.scorecard;
  return grade === null
    ? '## Infra Compliance: grade n/a\n\nNo check applies to the scanned files.'
    : `## Infra Compliance: grade ${grade}, score ${score}/100`;
}

/** The counts per severity of the open findings, and the partial ones explained. */
function counts(result: ScanReport, open: Finding[]): string[] {
  if (result.findings.length === 0) return ['**No findings.**'];
  const suppressed = result.findings.length - open.length;
  const inBaseline = open.filter(f => f.baselineState === 'unchanged').length;
  const line = `**${plural(open.length, 'finding')}**: ${countsText(
    open,
    true,
  )}${suppressed > 0 ? `; ${suppressed} suppressed` : ''}${
    open.some(f => f.baselineState)
      ? `; ${
          open.length - inBaseline
        } new, ${inBaseline} already in the baseline`
      : ''
  }`;
  const partial = open.filter(f => f.confidence === 'partial').length;
  return partial > 0
    ? [line, `${partial} \\[partial\\]: ${partialExplanation(partial)}.`]
    : [line];
}

/** `1 critical, 2 high, 0 medium, 1 low`; without `withNone`, the severities of none left out. */
function countsText(findings: Finding[], withNone: boolean): string {
  return SEVERITIES.map(severity => ({
    severity,
    count: findings.filter(f => f.severity === severity).length,
  }))
    .filter(({ count }) => withNone || count > 0)
    .map(({ severity, count }) => `${count} ${severity}`)
    .join(', ');
}

/** Every category's score, or not applicable where no check applies, and its checks. */
function scorecardTable(result: ScanReport): string {
  const { categories } = result.scorecard;
  const [scorecard] = table(
    ['Category', 'Score', 'Checks passed', 'Checks failed'],
    'lrrr',
    CATEGORIES.map(category => {
      const entry = categories[category.id];
      return [
        category.title,
        entry === undefined || entry.score === null
          ? 'not applicable'
          : String(entry.score),
        String(entry?.passed ?? 0),
        String(entry?.failed ?? 0),
      ];
    }),
  );
  return scorecard;
}

function filesLine(result: ScanReport): string {
  const perFormat = IAC_FORMATS.map(
    format =>
      [format, result.files.filter(f => f.format === format).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([format, count]) => `${count} ${IAC_FORMAT_TITLES[format]}`);
  return `Files: ${result.files.length} scanned${
    perFormat.length > 0 ? ` (${perFormat.join(', ')})` : ''
  }, ${result.skipped.length} skipped`;
}

/** A table of findings under each file's name, the files in the order of the report. */
function findingsByFile(findings: Finding[]): string[] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return [...byFile].flatMap(([file, ofFile]) => [
    `#### ${markdownText(file)}`,
    ...table(
      ['Line', 'Severity', 'Rule', 'Resource', 'Finding'],
      'rllll',
      ofFile.map(finding => [
        String(finding.line),
        finding.severity,
        markdownText(finding.ruleId),
        markdownText(finding.resourceId),
        findingText(finding),
      ]),
    ),
  ]);
}

/** The rule's title, the message, and the remediation folded. */
function findingText(finding: Finding): string {
  const title = getRuleMetadata(finding.ruleId)?.title;
  return `${title ? `**${markdownText(title)}**<br>` : ''}${
    finding.confidence === 'partial' ? '\\[partial\\] ' : ''
  }${markdownText(
    finding.message,
  )}<details><summary>Remediation</summary>${markdownText(
    finding.remediation,
  )}</details>`;
}

/**
 * A table of cells already Markdown, each column aligned as `align` says
 * (`l` left, `r` right); no table where there is no row.
 */
function table(header: string[], align: string, rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    [
      line(header),
      line([...align].map(side => (side === 'r' ? '--:' : ':--'))),
      ...rows.map(line),
    ].join('\n'),
  ];
}

/** Blocks under a summary that a click unfolds. */
function folded(summary: string, blocks: string[]): string[] {
  return [`<details>\n<summary>${summary}</summary>`, ...blocks, '</details>'];
}
