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
    const wordWidth = displayWidth(word);
    if (line && lineWidth + 1 + wordWidth <= width) {
      line += ` ${word}`;
      lineWidth += 1 + wordWidth;
      continue;
    }
    if (line) lines.push(line);
    if (wordWidth <= width) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    // Its last piece starts the next line.
    const pieces = cutToWidth(word, width);
    line = pieces.pop()!;
    lineWidth = displayWidth(line);
    for (const piece of pieces) lines.push(piece);
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * `text` cut into pieces of at most `width` columns, each as full as it
 * goes, between whole characters (grapheme clusters: cut inside one, an
 * emoji would show as replacement characters, a flag as two letters, an
 * accent on the next line); a character wider than that (a wide one at
 * width 1) is a piece of its own. In one pass over the text, however long.
 */
export function cutToWidth(text: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let pieceWidth = 0;
  for (const grapheme of graphemes(text)) {
    const graphemeWidth = displayWidth(grapheme);
    if (piece && pieceWidth + graphemeWidth > width) {
      pieces.push(piece);
      piece = '';
      pieceWidth = 0;
    }
    piece += grapheme;
    pieceWidth += graphemeWidth;
  }
  pieces.push(piece);
  return pieces;
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
