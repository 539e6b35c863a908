import { identityStatements } from '../../analysis/iam';
import { defineRule } from '../types';
import {
  attachedPolicyName,
  capitalize,
  describeHolder,
  narrowPoliciesHint,
} from './describe';

const SERVICE_WILDCARD = /^[a-z0-9-]+:\*+$/i;

/** `*` or `<service>:*`. Most actions end otherwise: only those ending with `*` are matched. */
function isServiceWildcard(action: string): boolean {
  return (
    action === '*' || (action.endsWith('*') && SERVICE_WILDCARD.test(action))
  );
}

/**
 * IAM-002: an identity-policy statement that allows `*` or `<service>:*`.
 * Judges statements written in the stack (roles, users, groups, policies,
 * SAM function `Policies` documents) and AWS managed policies attached to a
 * role that are known to grant such a wildcard; not SAM policy templates,
 * and not resource policies. One finding per statement.
 */
export default defineRule('IAM-002', ({ graph, check, report }) => {
  for (const statement of identityStatements(graph)) {
    if (statement.origin === 'template') continue;
    const holder = statement.holder;
    check(holder);
    // Actions written as text fail whatever the others are.
    if (statement.effect !== 'Allow' || statement.notAction) continue;
    const wildcards = statement.knownActions.filter(isServiceWildcard);
    if (wildcards.length === 0) continue;
    let scope = wildcards.length > 1 ? 'these services' : 'the service';
    if (wildcards.includes('*')) scope = 'every service';
    const allowed = `${wildcards
      .map(a => `"${a}"`)
      .join(', ')} (every action of ${scope})`;
    const hint = narrowPoliciesHint(graph, holder);
    if (statement.origin === 'managed') {
      report(holder, {
        message: `${capitalize(
          describeHolder(holder),
        )} has the AWS managed policy ${attachedPolicyName(
          holder,
          statement.path,
        )} attached, which allows ${allowed}.${hint}`,
        path: statement.path,
      });
    } else {
      report(holder, {
        message: `A policy statement of ${describeHolder(
          holder,
        )} allows ${allowed} instead of the actions it uses.${hint}`,
        path: [...statement.path, 'Action'],
      });
    }
  }
});
