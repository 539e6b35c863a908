import { withUnicodeEscapes } from './printable';

/**
 * Text from the scanned files (messages, resource ids, file names) written
 * into an XML 1.0 document, the JUnit report. The characters XML 1.0 does
 * not allow at all (control characters other than tab, line feed and
 * carriage return, U+FFFE, U+FFFF and unpaired surrogates), which a parser
 * rejects even written as character references, are shown as `\u001b`
 * escapes, as the table shows control characters; so are DEL, the C1
 * controls and the bidirectional overrides, which XML allows but which
 * would reorder a test's name where a CI's page shows it, as the table
 * shows them.
 */
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]/gu;

function withoutCharactersXmlForbids(text: string): string {
  return withUnicodeEscapes(text, NOT_IN_XML);
}

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  // `>` too: `]]>` may not appear in text.
  '>': '&gt;',
  // A parser reads a carriage return as a line feed; a reference keeps it.
  '\r': '&#13;',
};

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  "'": '&apos;',
  // A parser reads these as spaces in an attribute; references keep them.
  '\t': '&#9;',
  '\n': '&#10;',
};

/** `text` as the content of an element. */
export function xmlText(text: string): string {
  return withoutCharactersXmlForbids(text).replace(
    /[&<>\r]/g,
    char => TEXT_ESCAPES[char],
  );
}

/** `text` as the value of an attribute, between double or single quotes. */
export function xmlAttribute(text: string): string {
  return withoutCharactersXmlForbids(text).replace(
    /[&<>"'\t\n\r]/g,
    char => ATTRIBUTE_ESCAPES[char],
  );
}
