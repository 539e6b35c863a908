/**
 * Does a pattern, `*` any run of characters and `?` one, match the whole
 * text (case as written)? Each `*` is tried at the fewest characters first
 * and widened only when what follows fails: at most pattern × text steps. A
 * regular expression of the pattern backtracks into every earlier `*`
 * instead, and takes minutes on an IAM policy's `s3:*?*?*?*?*?*?*?*?*?*?x`
 * or a crafted workspace glob.
 */
export function wildcardMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  // The last `*` seen, and where in the text what follows it was last tried.
  let star = -1;
  let resumeAt = 0;
  while (t < text.length) {
    if (pattern[p] === '*') {
      star = p++;
      resumeAt = t;
    } else if (
      p < pattern.length &&
      (pattern[p] === '?' || pattern[p] === text[t])
    ) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
