/** Terraform version constraints (`~> 4.0`, `4.18.0`, `>= 3, < 5`), as a module call's `version` writes them. */

const compareVersions = (a: number[], b: number[]) =>
  a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** A clause of a constraint (`~> 4.0`): its operator (`=` where none is written), version, and whether it writes a minor and a patch. */
interface Clause {
  operator: string;
  version: number[];
  minor: boolean;
  patch: boolean;
}

/** Each clause of a constraint, undefined for one not understood. */
function clausesOf(constraint: unknown): (Clause | undefined)[] {
  if (typeof constraint !== 'string') return [];
  return constraint.split(',').map(clause => {
    const match =
      /^\s*(=|<=|<|>=|>|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(
        clause,
      );
    if (!match) return undefined;
    const [operator = '=', major, minor, patch] = [
      match[1],
      Number(match[2]),
      match[3],
      match[4],
    ];
    return {
      operator,
      version: [major, Number(minor ?? 0), Number(patch ?? 0)],
      minor: minor !== undefined,
      patch: patch !== undefined,
    };
  });
}

/** Whether every release a Terraform version constraint admits is before `bound` (`[4, 0, 0]`). */
export function onlyBefore(constraint: unknown, bound: number[]): boolean {
  return clausesOf(constraint).some(clause => {
    if (!clause) return false;
    const { operator, version, minor, patch } = clause;
    if (operator === '<') return compareVersions(version, bound) <= 0;
    if (operator === '<=' || operator === '=')
      return compareVersions(version, bound) < 0;
    if (operator !== '~>') return false;
    // `~> 4.0` admits 4.x, `~> 4.1.2` admits 4.1.x; `~> 4` has no upper bound.
    if (!minor) return false;
    const below = patch
      ? [version[0], version[1] + 1, 0]
      : [version[0] + 1, 0, 0];
    return compareVersions(below, bound) <= 0;
  });
}

/** Whether every release a Terraform version constraint admits is `bound` (`[5, 0, 0]`) or later. */
export function onlyFrom(constraint: unknown, bound: number[]): boolean {
  // `>= 5.0`, `> 5.0`, `~> 5.0`, `5.2.0`: none admits a release before its version.
  return clausesOf(constraint).some(
    clause =>
      clause !== undefined &&
      ['=', '>=', '>', '~>'].includes(clause.operator) &&
      compareVersions(clause.version, bound) >= 0,
  );
}
