import { Rule } from './types';
import dlq001 from './dlq/DLQ-001';

/** Every rule the engine runs, in catalog order. PARSE-001 and SUP-001 are reported by the engine itself. */
export const ALL_RULES: readonly Rule[] = [dlq001];

export { defineRule } from './types';
export type { Rule, RuleContext, RuleFailure } from './types';
