/**
 * True for the error a JavaScript engine throws when recursion runs out of
 * stack: what an input nested far deeper than any real one (20,000
 * brackets) causes in a parser or an evaluator.
 */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
