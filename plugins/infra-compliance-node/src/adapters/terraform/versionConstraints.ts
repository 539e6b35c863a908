/** Terraform version constraints (`~> 4.0`, `4.18.0`, `>= 3, < 5`), as a module call's `version` writes them. */

const compareVersions = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether every release a Terraform version constraint admits is before `bound` (`[4, 0, 0]`). */
export function onlyBefore(constraint: unknown, bound: number[]): boolean {
  if (typeof constraint !== 'string') return false;
  return constraint.split(',').some(clause => {
    const match = /^\s*(=|<=|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(clause);
    if (!match) return false;
    const [operator = '=', major, minor, patch] = [match[1], Number(match[2]), match[3], match[4]];
    const version = [major, Number(minor ?? 0), Number(patch ?? 0)];
    if (operator === '<') return compareVersions(version, bound) <= 0;
    if (operator === '<=' || operator === '=') return compareVersions(version, bound) < 0;
    // `~> 4.0` admits 4.x, `~> 4.1.2` admits 4.1.x; `~> 4` has no upper bound.
    if (minor === undefined) return false;
    const below = patch === undefined ? [major + 1, 0, 0] : [major, Number(minor) + 1, 0];
    return compareVersions(below, bound) <= 0;
  });
}
