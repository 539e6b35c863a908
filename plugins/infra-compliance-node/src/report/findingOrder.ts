import {
  Finding,
  SEVERITIES,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

/**
 * Findings in the order that counts where a report shows only some of them:
 * those new since the baseline first (what `--fail-on` judges), then the
 * most severe, else in the order given.
 */
export function inOrderOfConcern<T extends Finding>(
  findings: readonly T[],
): T[] {
  const rank = (finding: Finding) =>
    Number(finding.baselineState === 'unchanged') * SEVERITIES.length +
    SEVERITIES.indexOf(finding.severity);
  // Array.prototype.sort is stable: findings of one rank keep their order.
  return [...findings].sort((a, b) => rank(a) - rank(b));
}
