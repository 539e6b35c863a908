/**
 * In-code suppressions on CloudFormation resources, in two forms:
 *
 *   Metadata:
 *     infra-compliance:
 *       suppress:
 *         - id: IAM-003
 *           reason: X-Ray needs "*"
 *
 * and, in YAML, a comment on the resource's line or directly above it:
 *
 *   # infra-compliance:suppress=IAM-003:X-Ray needs "*"
 */
import { lineOfPath } from '../../graph/locations';
import { InlineSuppression } from '../../graph/ResourceGraph';
import { Template, Unknown, describeValue } from '../../graph/values';

/** Text every suppression comment contains. */
export const SUPPRESSION_COMMENT_MARKER = 'infra-compliance:suppress';

/** What opens a comment, and what quotes a string (in which an opener is text), for `#` (YAML), `//` (TypeScript) or any of HCL's (`#`, `//`, `/*`). */
const COMMENT_SYNTAX = {
  '#': { openers: ['#'], quotes: '"\'' },
  '//': { openers: ['//'], quotes: '"\'`' },
  hcl: { openers: ['#', '//', '/*'], quotes: '"' },
} as const;
// A comment that starts with the marker (`# infra-compliance:suppress…`, `/* infra-compliance:suppress… */`): what
// follows it, up to the end of a block comment closed on the line.
const SUPPRESSION_COMMENT =
  /^(?:(?:#+|\/{2,})\s*infra-compliance:suppress\b(.*)|\/\*+\s*infra-compliance:suppress\b(.*?)(?:\s*\*+\/.*)?)$/;
const COMMENT_LINES = {
  '#': /^\s*#/,
  '//': /^\s*\/\//,
  hcl: /^\s*(?:#|\/\/|\/\*)/,
} as const;
// The end of an HCL block comment (`*/`) that ends its line: the lines above it up to its `/*` are comment.
const BLOCK_COMMENT_END = /\*\/\s*$/;
// A line that a block comment opens (`/*`, `/**`).
const BLOCK_COMMENT_START = /^\s*\/\*/;
// A `#` or `//` comment line: a `*/` at its end ends no block comment.
const LINE_COMMENT = /^\s*(?:#|\/\/)/;
export type CommentStyle = keyof typeof COMMENT_SYNTAX;
/** What follows the marker in a well-written comment: `=RULE-ID:reason`. */
const SUPPRESSION_TEXT = /^=([A-Za-z]+-\d+)(?::(.*))?$/;

/** Suppressions written in a resource's `Metadata`. */
export function metadataSuppressions(
  declaration: Record<string, unknown>,
  resourceLine: number,
): InlineSuppression[] {
  const metadata = declaration.Metadata as Record<string, unknown> | undefined;
  const settings = metadata?.['infra-compliance'] as
    | Record<string, unknown>
    | undefined;
  const list = settings?.suppress;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    // One entry not in a list (`suppress: { id, reason }`) would otherwise be ignored without a word.
    return [
      {
        ruleId: '',
        line: lineOfPath(
          declaration as any,
          ['Metadata', 'infra-compliance', 'suppress'],
          resourceLine,
        ),
        malformed: 'as a list of { id, reason }',
      },
    ];
  }
  return list.map((entry, index) =>
    metadataEntrySuppression(
      entry,
      lineOfPath(
        declaration as any,
        ['Metadata', 'infra-compliance', 'suppress', index],
        resourceLine,
      ),
    ),
  );
}

/** The suppression one entry of a metadata `suppress` list (`{ id, reason }`) writes, at `line`. */
export function metadataEntrySuppression(
  entry: unknown,
  line: number,
): InlineSuppression {
  const { id, reason } = (
    typeof entry === 'object' && entry !== null ? entry : {}
  ) as Record<string, unknown>;
  // Rule ids are read as the command line and the config read them: `dlq-001` is DLQ-001.
  const ruleId = (
    typeof id === 'string' || typeof id === 'number' ? String(id) : ''
  )
    .trim()
    .toUpperCase();
  // Text a program builds when it runs (a CDK template literal, `owned by ${team}`) is a reason, and so is what
  // a helper not read statically returns (`reason: approvedReason('SEC-43')`): a reason not known, not a missing one.
  if (reason instanceof Template || reason instanceof Unknown)
    return { ruleId, reason: describeValue(reason).trim() || undefined, line };
  // A reason that is data but no text (`reason: 42`, a list) is told apart from none.
  if (isDataOtherThanText(reason))
    return { ruleId, line, malformed: 'with a reason that is text' };
  return {
    ruleId,
    reason: typeof reason === 'string' ? reason.trim() || undefined : undefined,
    line,
  };
}

/**
 * Whether `value` is data (as YAML, JSON or a program's literals write it) other than text: a number, a boolean,
 * a list or a map. Not a value a program computes that is not known statically.
 */
export function isDataOtherThanText(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    Array.isArray(value) ||
    (typeof value === 'object' &&
      value !== null &&
      Object.getPrototypeOf(value) === Object.prototype)
  );
}

/** Suppression comments on a resource's line or in the comment block right above it. */
export function commentSuppressions(
  lines: readonly string[],
  resourceLine: number,
  comment: CommentStyle = '#',
): InlineSuppression[] {
  const found: InlineSuppression[] = [];
  const take = (lineNumber: number, inBlockComment?: string) => {
    // A file with CRLF line ends leaves a `\r` at the end of each line.
    const text =
      inBlockComment?.replace(/\r$/, '') ??
      commentOf((lines[lineNumber - 1] ?? '').replace(/\r$/, ''), comment);
    const match = text === undefined ? null : SUPPRESSION_COMMENT.exec(text);
    if (!match) return;
    const written = SUPPRESSION_TEXT.exec(match[1] ?? match[2]);
    // A comment that means to suppress but is written otherwise (`=DLQ-001 reason`) is reported, not ignored.
    found.push(
      written
        ? {
            ruleId: written[1].toUpperCase(),
            reason: written[2]?.trim() || undefined,
            line: lineNumber,
          }
        : {
            ruleId: '',
            line: lineNumber,
            malformed: 'infra-compliance:suppress=<RULE-ID>:<reason>',
          },
    );
  };
  take(resourceLine);
  for (let n = resourceLine - 1; n >= 1; n--) {
    const line = (lines[n - 1] ?? '').replace(/\r$/, '');
    if (
      comment === 'hcl' &&
      BLOCK_COMMENT_END.test(line) &&
      !LINE_COMMENT.test(line)
    ) {
      // A block comment right above: each of its lines is read as a comment (`/*`, then ` * text` or `text`).
      const start = blockCommentStart(lines, n);
      if (start === undefined) break;
      for (let inner = n; inner > start; inner--)
        take(inner, `/*${lines[inner - 1].replace(/^\s*\**/, '')}`);
      take(start);
      n = start;
    } else if (
      !COMMENT_LINES[comment].test(line) ||
      (comment === '#' && inBlockScalar(lines, n))
    )
      break;
    else take(n);
  }
  return found;
}

// The line that opens the HCL block comment ending on line `end`: that line when it opens there, else the nearest
// above that opens one (`/*` within a line, as in `arn:aws:s3:::assets/*`, opens none), unless an end of another
// comment comes first. Undefined for none: a block comment after code (`} /* … */`) is not a comment block.
function blockCommentStart(
  lines: readonly string[],
  end: number,
): number | undefined {
  if (BLOCK_COMMENT_START.test(lines[end - 1])) return end;
  for (let n = end - 1; n >= 1; n--) {
    if (BLOCK_COMMENT_START.test(lines[n - 1])) return n;
    if (lines[n - 1].includes('*/')) return undefined;
  }
  return undefined;
}

/** A YAML block scalar's indicator (`Content: |`, `- >-`), ending the line that opens it. */
const BLOCK_SCALAR_START = /(?:^|[:\s-])[|>][-+0-9]*\s*(?:#.*)?$/;

/**
 * Whether line `lineNumber`, which starts with `#`, is text in a YAML block scalar (`Content: |`), not a
 * comment: the nearest line above it that is indented less opens one.
 */
function inBlockScalar(lines: readonly string[], lineNumber: number): boolean {
  const above = linesIndentedLessAbove(lines)[lineNumber - 1];
  return above >= 0 && BLOCK_SCALAR_START.test(lines[above].replace(/\r$/, ''));
}

/** What {@link linesIndentedLessAbove} found in each file's lines. */
const indentedLessAbove = new WeakMap<readonly string[], Int32Array>();

/**
 * For each line, the index of the nearest line above it, not blank, that is indented less (-1 for none): found
 * once for a file's lines, which a template's every resource with a comment above it asks about (walking up to
 * `Resources:` for each would take as long as the template for each).
 */
function linesIndentedLessAbove(lines: readonly string[]): Int32Array {
  const known = indentedLessAbove.get(lines);
  if (known) return known;
  const found = new Int32Array(lines.length).fill(-1);
  // The lines not blank above the current one, each indented more than the one below it in the stack.
  const open: { index: number; indent: number }[] = [];
  lines.forEach((text, index) => {
    const line = text.replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    let top = open.length - 1;
    while (top >= 0 && open[top].indent >= indent) top--;
    found[index] = top >= 0 ? open[top].index : -1;
    if (line.trim() === '') return;
    open.length = top + 1;
    open.push({ index, indent });
  });
  indentedLessAbove.set(lines, found);
  return found;
}

/**
 * A line's comment, from its opener on: the marker only counts at its start, not in a string of the code
 * (`name = "#infra-compliance:suppress"`) or further in the comment (`# see https://x/#infra-compliance:suppress`).
 */
function commentOf(line: string, comment: CommentStyle): string | undefined {
  const { openers, quotes } = COMMENT_SYNTAX[comment];
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote !== undefined) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (quotes.includes(char)) quote = char;
    else if (openers.some(opener => line.startsWith(opener, i)))
      return line.slice(i);
  }
  return undefined;
}

/** The text {@link suppressionsAt} split last, with its lines. */
let lastSplit: { text: string; lines: readonly string[] } | undefined;

/** {@link commentSuppressions} in a file's text, split only where it holds a suppression comment. */
export function suppressionsAt(
  text: string,
  line: number,
  comment: CommentStyle,
): InlineSuppression[] {
  if (!text.includes(SUPPRESSION_COMMENT_MARKER)) return [];
  // The resources of a file are read one after another: its lines are split, and looked at (see inBlockScalar), once.
  if (lastSplit?.text !== text) lastSplit = { text, lines: text.split('\n') };
  return commentSuppressions(lastSplit.lines, line, comment);
}
