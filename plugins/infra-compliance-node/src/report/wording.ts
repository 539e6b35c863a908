/** What the table and the Markdown report both say in words. */

/** Why `count` findings are marked partial. */
export function partialExplanation(count: number): string {
  return `${
    count === 1 ? 'it rests' : 'they rest'
  } on what the scan cannot know for sure: the default value of a stack input (a parameter or variable), which a deployment may override, or a loop, a condition or code not known statically`;
}

/** What `count` unused suppressions are, and what to do with them. */
export function unusedSuppressionsExplanation(count: number): string {
  return count === 1
    ? 'its rule judged what it is written on and found nothing to suppress; remove it, so that it hides no later failure'
    : 'their rules judged what they are written on and found nothing to suppress; remove them, so that they hide no later failure';
}
