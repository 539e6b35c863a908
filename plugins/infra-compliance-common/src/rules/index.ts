import { RuleMetadata } from '../types';
import { alarmsRules } from './alarms';
import { dlqRules } from './dlq';
import { encryptionRules } from './encryption';
import { iamRules } from './iam';
import { loggingRules } from './logging';
import { operationsRules } from './operations';
import { parsingRules } from './parsing';

export {
  alarmsRules,
  dlqRules,
  encryptionRules,
  iamRules,
  loggingRules,
  operationsRules,
  parsingRules,
};

/** Every rule of the catalog, in the order of RULES.md. */
export const RULE_CATALOG: readonly RuleMetadata[] = [
  ...dlqRules,
  ...alarmsRules,
  ...encryptionRules,
  ...iamRules,
  ...loggingRules,
  ...operationsRules,
  ...parsingRules,
];

const RULES_BY_ID: ReadonlyMap<string, RuleMetadata> = new Map(
  RULE_CATALOG.map(rule => [rule.id, rule]),
);

/** The metadata of one rule, or undefined for an unknown ID. */
export function getRuleMetadata(id: string): RuleMetadata | undefined {
  return RULES_BY_ID.get(id);
}
