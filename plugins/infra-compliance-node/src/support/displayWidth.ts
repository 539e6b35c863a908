import { onFirstUse } from './onFirstUse';

/**
 * How many columns text takes in a terminal, for the terminal reports'
 * wrapping and alignment: a CJK ideograph, a kana or Hangul syllable, a
 * fullwidth form or an emoji takes two; a combining mark, a joiner or a
 * variation selector none, as it joins the character before it; a spacing
 * mark (a Devanagari or Thai vowel sign) one, as terminals give it a column
 * of its own though it joins the character before it.
 */

/**
 * Code points of East Asian Width W (wide) and F (fullwidth), Unicode 16.0
 * (EastAsianWidth.txt), sorted, as [first, last] ranges; the emoji among
 * them are left out, as {@link EMOJI} finds those, the ones of later
 * Unicode versions too.
 */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x2329, 0x232a], // angle brackets
  [0x2630, 0x2637], // trigrams
  [0x268a, 0x268f], // monograms and digrams
  [0x2e80, 0x2e99], // CJK radicals
  [0x2e9b, 0x2ef3],
  [0x2f00, 0x2fd5], // Kangxi radicals
  [0x2ff0, 0x303e], // ideographic description, CJK symbols and punctuation (ideographic space)
  [0x3041, 0x3096], // Hiragana
  [0x3099, 0x30ff], // (voiced sound marks) Katakana
  [0x3105, 0x312f], // Bopomofo
  [0x3131, 0x318e], // Hangul compatibility Jamo
  [0x3190, 0x31e5], // Kanbun, Bopomofo extended, CJK strokes
  [0x31ef, 0x321e], // Katakana phonetic extensions, enclosed CJK
  [0x3220, 0x3247],
  [0x3250, 0xa48c], // enclosed CJK, CJK ideographs (extension A, unified), Yijing hexagrams, Yi syllables
  [0xa490, 0xa4c6], // Yi radicals
  [0xa960, 0xa97c], // Hangul Jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe52], // CJK compatibility forms, small form variants
  [0xfe54, 0xfe66],
  [0xfe68, 0xfe6b],
  [0xff01, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4], // ideographic symbols
  [0x16ff0, 0x16ff1],
  [0x17000, 0x187f7], // Tangut
  [0x18800, 0x18cd5], // Tangut components, Khitan small script
  [0x18cff, 0x18d08],
  [0x1aff0, 0x1aff3], // Kana extended B
  [0x1aff5, 0x1affb],
  [0x1affd, 0x1affe],
  [0x1b000, 0x1b122], // Kana supplement, extended A
  [0x1b132, 0x1b132], // small kana extension
  [0x1b150, 0x1b152],
  [0x1b155, 0x1b155],
  [0x1b164, 0x1b167],
  [0x1b170, 0x1b2fb], // Nushu
  [0x1d300, 0x1d356], // Tai Xuan Jing symbols
  [0x1d360, 0x1d376], // counting rod numerals
  [0x1f200, 0x1f202], // enclosed ideographic supplement
  [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248],
  [0x1f250, 0x1f251],
  [0x1f260, 0x1f265],
  [0x20000, 0x2fffd], // CJK ideographs, extensions B to F, compatibility supplement
  [0x30000, 0x3fffd], // CJK ideographs, extensions G to J
];

/** An emoji shown as one: one of emoji presentation, or another made one by its variation selector (`❤️`, `1️⃣`). */
const EMOJI = /\p{Emoji_Presentation}|\p{Emoji}\uFE0F/u;
/**
 * A character that takes no column of its own: a combining mark, a format character (a joiner, a zero-width space),
 * a control character, a Hangul vowel or final consonant Jamo; not a soft hyphen, which terminals show as a hyphen.
 */
const ZERO_WIDTH =
  /^(?!\u00ad)[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u1160-\u11ff\ud7b0-\ud7ff]/u;
/** Text of characters that take one column each, the usual text (ASCII, and the ellipsis of a resource id the table cuts, its no-break spaces): its width is its length. */
const ONE_COLUMN_EACH = /^[\x20-\x7e\u00a0\u2026]*$/;
/**
 * Text of characters that are a grapheme cluster each, whatever is next to them: ASCII, Latin letters, punctuation,
 * CJK ideographs, kana but its combining voiced sound marks, Hangul syllables, fullwidth and halfwidth forms but
 * the halfwidth voiced sound marks. Segmenting text takes about a microsecond a character, longer than all the
 * rest of the table: such text, Chinese, Japanese or Korean as a rule, is not segmented.
 */
const OWN_CLUSTER_EACH =
  /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d]*$/;

// Made on first use: the first segmenter loads ICU's break rules, about 10 ms of every CLI start otherwise.
const segmenter = onFirstUse(
  () => new Intl.Segmenter('en', { granularity: 'grapheme' }),
);

/**
 * The grapheme clusters of `text`, what a terminal shows as one character
 * each: a letter and its combining marks, an emoji with its skin tone,
 * joined emoji (`👩‍💻`), a flag (two regional indicators). Text is cut
 * between them only.
 */
export function graphemes(text: string): Iterable<string> {
  return OWN_CLUSTER_EACH.test(text) ? text : segments(text);
}

function* segments(text: string): Iterable<string> {
  for (const { segment } of segmenter().segment(text)) yield segment;
}

/**
 * The longest end of `text` at most `width` columns wide, of whole grapheme clusters: found from the end, so that
 * a long text (a resource id of thousands of characters) is not segmented in full.
 */
export function endWithin(text: string, width: number): string {
  const clusters = OWN_CLUSTER_EACH.test(text)
    ? undefined
    : segmenter().segment(text);
  let start = text.length;
  let used = 0;
  while (start > 0) {
    const cluster = clusters
      ? clusters.containing(start - 1)!
      : { segment: text[start - 1], index: start - 1 };
    used += displayWidth(cluster.segment);
    if (used > width) break;
    start = cluster.index;
  }
  return text.slice(start);
}

/** The columns `text` takes in a terminal. */
export function displayWidth(text: string): number {
  if (ONE_COLUMN_EACH.test(text)) return text.length;
  let width = 0;
  if (OWN_CLUSTER_EACH.test(text)) {
    // None of them is an emoji or of no width: one column each, two for a wide one.
    for (let i = 0; i < text.length; i++) {
      width += isWide(text.charCodeAt(i)) ? 2 : 1;
    }
    return width;
  }
  for (const grapheme of segments(text)) width += graphemeWidth(grapheme);
  return width;
}

/**
 * Two columns for an emoji, whatever joins it; otherwise the columns of its characters: besides its first, those
 * of a spacing mark (कि, กำ), of a consonant a virama joins to it (क्ष) and of a halfwidth voiced sound mark (ﾃﾞ)
 * count, as terminals give each of them a column.
 */
function graphemeWidth(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;
  let width = 0;
  for (const char of grapheme) width += charWidth(char);
  return width;
}

function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  return isWide(char.codePointAt(0)!) ? 2 : 1;
}

function isWide(codePoint: number): boolean {
  let low = 0;
  let high = WIDE.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = WIDE[middle];
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return true;
  }
  return false;
}
