/** `1 finding`, `2 findings`: a count and its noun, with an `s` for any count but one. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
