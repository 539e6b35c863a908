import { Rule } from './types';
import { alarmsRules } from './alarms';
import { dlqRules } from './dlq';
import { encryptionRules } from './encryption';
import { iamRules } from './iam';
import { loggingRules } from './logging';
import { operationsRules } from './operations';

/** Every rule the engine runs, in catalog order. PARSE-001 and SUP-001 are reported by the engine itself. */
export const ALL_RULES: readonly Rule[] = [
  ...dlqRules,
  ...alarmsRules,
  ...encryptionRules,
  ...iamRules,
  ...loggingRules,
  ...operationsRules,
];

/**
 * What the outcome of the rules depends on in the scan date, at `now`: each
 * rule's {@link Rule.dateKey}. Scans of the same files by the same engine at
 * two dates with the same key find the same (save counts of days in
 * messages, which {@link Rule.dateKey} may leave out); the key changes the
 * day a rule's outcome may change (OPS-005: a runtime enters its 90-day
 * window, is deprecated, is blocked from updates).
 */
export function scanDateKey(now: Date): string {
  return ALL_RULES.flatMap(rule =>
    rule.dateKey ? [`${rule.meta.id}: ${rule.dateKey(now)}`] : [],
  ).join('; ');
}

export { defineRule, defineStackRule } from './types';
export type { Rule, RuleContext, RuleFailure } from './types';
