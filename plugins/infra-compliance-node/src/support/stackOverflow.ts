/**
 * True for the error a JavaScript engine throws when recursion runs out of
 * stack: what an input nested far deeper than any real one (20,000
 * brackets) causes in a parser or an evaluator.
 */
export function isStackOverflow(error: unknown): boolean {
  // No regular expression: caught where the stack ran out, compiling one overflows again (a SyntaxError, not this).
  return error instanceof RangeError && error.message.includes('call stack');
}
