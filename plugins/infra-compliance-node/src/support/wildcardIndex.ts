/**
 * Texts that patterns (`*` any run of characters, `?` one, as
 * {@link wildcardMatches} reads them) may match, found without trying every
 * pattern against every text: many patterns against many texts (export
 * names of each template against imports of the others) would take
 * patterns × texts steps.
 */
import { wildcardMatches } from './wildcards';

export class WildcardIndex {
  /** The texts, sorted. */
  private readonly forward: string[];
  /** The texts reversed, sorted: those ending in a text are together. */
  private readonly backward: string[];

  constructor(texts: Iterable<string>) {
    this.forward = [...texts].sort();
    this.backward = this.forward.map(reversed).sort();
  }

  /** The texts `pattern` matches, found as they are asked for: a caller may stop at the first. */
  *matches(pattern: string): Generator<string> {
    const first = pattern.search(/[*?]/);
    if (first < 0) {
      const at = firstIndex(this.forward, 0, text => text >= pattern);
      if (this.forward[at] === pattern) yield pattern;
      return;
    }
    const last = Math.max(pattern.lastIndexOf('*'), pattern.lastIndexOf('?'));
    // Those that begin with the text before the first wildcard, or end with the text after the last: the fewer.
    const starting = startingWith(this.forward, pattern.slice(0, first));
    const ending = startingWith(
      this.backward,
      reversed(pattern.slice(last + 1)),
    );
    const fromStart =
      starting.end - starting.start <= ending.end - ending.start;
    const { start, end } = fromStart ? starting : ending;
    for (let at = start; at < end; at++) {
      const text = fromStart ? this.forward[at] : reversed(this.backward[at]);
      if (wildcardMatches(pattern, text)) yield text;
    }
  }
}

function reversed(text: string): string {
  return text.split('').reverse().join('');
}

/** The range of the sorted `texts` that begin with `prefix`. */
function startingWith(
  texts: readonly string[],
  prefix: string,
): { start: number; end: number } {
  const start = firstIndex(texts, 0, text => text >= prefix);
  const end = firstIndex(texts, start, text => !text.startsWith(prefix));
  return { start, end };
}

/** The first index from `from` whose text `after` holds (false, then true, along the texts), by bisection. */
function firstIndex(
  texts: readonly string[],
  from: number,
  after: (text: string) => boolean,
): number {
  let low = from;
  let high = texts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (after(texts[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}
