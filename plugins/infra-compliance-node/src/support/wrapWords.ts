/**
 * Splits text into lines of at most `width` characters, breaking at spaces;
 * a word longer than a line is cut. For the terminal reports: a terminal
 * wraps a long line at column 0, under the columns before the text.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    let rest = word;
    if (line && line.length + 1 + rest.length <= width) {
      line += ` ${rest}`;
      continue;
    }
    if (line) lines.push(line);
    while (rest.length > width) {
      const cut = cutIndex(rest, width);
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Where to cut `text` that is longer than `width`: at `width`, or one before
 * where that falls inside a character of two UTF-16 code units (an emoji),
 * which would show as two replacement characters (one after, at width 1).
 */
export function cutIndex(text: string, width: number): number {
  const next = text.charCodeAt(width);
  if (next < 0xdc00 || next > 0xdfff) return width;
  return width > 1 ? width - 1 : width + 1;
}

/** Fewest characters of a row's text beside the columns before it; with less room it goes below them. */
const MIN_TEXT_WIDTH = 40;
/** Indent of a row's text below its columns. */
const TEXT_INDENT = 6;

/**
 * A row of a terminal table: its columns (`prefix`, `prefixWidth`
 * characters shown), then its text, wrapped to `width` under its column, or
 * indented below the columns where they leave it less than
 * {@link MIN_TEXT_WIDTH} characters. Without a width, one line (logs, grep).
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
