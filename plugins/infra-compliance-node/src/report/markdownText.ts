import { printable } from '../support/printable';

/**
 * What GitHub-flavoured Markdown reads as markup in a line of text, each
 * escaped with a backslash (CommonMark escapes any ASCII punctuation so):
 * code spans, emphasis and strikethrough, links and images, a table's cell
 * separator (escaped, it stays in its cell, even in a code span), HTML and
 * autolinks in `<>`, entities, a heading's closing `#`, GitHub's math (`$`),
 * and the `://` and `www.` that GFM makes links of.
 */
const MARKUP = /[\\`*_~[\]|<>&#$]|:(?=\/\/)|(?<=www)\./gi;

/**
 * A mention (`@team`) or an issue reference (`#12`, `GH-12`), which GitHub
 * links after Markdown made the HTML, whatever escaped them (a mention
 * notifies, a reference lists the comment on the issue): a zero-width space
 * after the sign leaves them text.
 */
const REFERENCE = /@(?=\w)|#(?=\d)|(?<=\bGH)-(?=\d)/gi;

/**
 * Text from the scanned files (a message, a resource id, a file name, a
 * reason) as Markdown that shows it as it is, on one line, wherever inline
 * Markdown goes (a table's cell, a heading): its markup escaped, its
 * control characters written as `\u000a` (a line break would end the
 * table's row), as the table writes them.
 */
export function markdownText(text: string): string {
  return printable(text)
    .replace(MARKUP, char => `\\${char}`)
    .replace(REFERENCE, sign => `${sign}&#8203;`);
}
