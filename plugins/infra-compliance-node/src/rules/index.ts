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

export { defineRule, defineStackRule } from './types';
export type { Rule, RuleContext, RuleFailure } from './types';
