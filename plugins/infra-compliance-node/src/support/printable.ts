/**
 * Control characters and bidirectional overrides. Resource ids, messages
 * and file names come from the scanned files: written raw, an escape
 * sequence in a resource name would drive the terminal (clear it, retitle
 * it, write to the clipboard) and an override would reorder the line.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text from a scanned file, its control characters shown as `\u001b` escapes, fit for a terminal. */
export function printable(text: string): string {
  return withUnicodeEscapes(text, UNPRINTABLE);
}

/** `text` with each character `characters` matches (a global pattern) written as a `\u001b` escape. */
export function withUnicodeEscapes(text: string, characters: RegExp): string {
  return text.replace(
    characters,
    char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
