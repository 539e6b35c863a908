import { displayWidth, graphemes } from './displayWidth';

/**
 * Splits text into lines of at most `width` columns, breaking at spaces; a
 * word wider than a line is cut. For the terminal reports: a terminal wraps
 * a long line at column 0, under the columns before the text.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of text.split(' ').filter(Boolean)) {
    let rest = word;
    let restWidth = displayWidth(rest);
    if (line && lineWidth + 1 + restWidth <= width) {
      line += ` ${rest}`;
      lineWidth += 1 + restWidth;
      continue;
    }
    if (line) lines.push(line);
    while (restWidth > width) {
      const piece = rest.slice(0, cutIndex(rest, width));
      lines.push(piece);
      rest = rest.slice(piece.length);
      restWidth -= displayWidth(piece);
    }
    line = rest;
    lineWidth = restWidth;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Where to cut `text` that is wider than `width` columns: after as many
 * whole characters as fit (grapheme clusters: cut inside one, an emoji
 * would show as replacement characters, a flag as two letters, an accent
 * on the next line), or after the first where even it does not (a wide
 * character at width 1), so that each cut takes something.
 */
export function cutIndex(text: string, width: number): number {
  let index = 0;
  let used = 0;
  for (const grapheme of graphemes(text)) {
    used += displayWidth(grapheme);
    if (used > width) return index > 0 ? index : grapheme.length;
    index += grapheme.length;
  }
  return index;
}

/** Fewest columns of a row's text beside the columns before it; with less room it goes below them. */
const MIN_TEXT_WIDTH = 40;
/** Indent of a row's text below its columns. */
const TEXT_INDENT = 6;

/**
 * A row of a terminal table: its columns (`prefix`, `prefixWidth`
 * columns shown), then its text, wrapped to `width` under its column, or
 * indented below the columns where they leave it less than
 * {@link MIN_TEXT_WIDTH} columns. Without a width, one line (logs, grep).
 */
export function layOutRow(
  prefix: string,
  prefixWidth: number,
  text: string,
  width: number | undefined,
): string[] {
  if (width === undefined) return [`${prefix}${text}`.trimEnd()];
  if (width - prefixWidth >= MIN_TEXT_WIDTH) {
    const [first, ...rest] = wrapWords(text, width - prefixWidth);
    const indent = ' '.repeat(prefixWidth);
    return [`${prefix}${first}`.trimEnd(), ...rest.map(line => indent + line)];
  }
  const indent = ' '.repeat(TEXT_INDENT);
  return [
    prefix.trimEnd(),
    ...wrapWords(text, Math.max(width - TEXT_INDENT, 1)).map(
      line => indent + line,
    ),
  ];
}
