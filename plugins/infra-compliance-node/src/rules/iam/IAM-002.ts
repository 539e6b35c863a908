import { identityStatements } from '../../analysis/iam';
import { Resource } from '../../graph/ResourceGraph';
import { defineOwnValuesRule } from '../types';
import {
  attachedManagedPolicy,
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

/** What a list of wildcard actions allows, for messages. */
function describeWildcards(wildcards: readonly string[]): string {
  let scope = wildcards.length > 1 ? 'these services' : 'the service';
  if (wildcards.includes('*')) scope = 'every service';
  return `${wildcards
    .map(a => `"${a}"`)
    .join(', ')} (every action of ${scope})`;
}

/**
 * IAM-002: an identity-policy statement that allows `*` or `<service>:*`.
 * Judges statements written in the stack (roles, users, groups, policies,
 * SAM function `Policies` documents) and the statements of AWS managed
 * policies attached to a role, user or group; not SAM policy templates, and not resource
 * policies. One finding per statement written, one per AWS managed policy
 * attached (with the wildcards of all its statements).
 */
export default defineOwnValuesRule('IAM-002', ({ graph, check, report }) => {
  const managed = new Map<
    string,
    { holder: Resource; path: (string | number)[]; wildcards: string[] }
  >();
  for (const statement of identityStatements(graph)) {
    if (statement.origin === 'template') continue;
    const holder = statement.holder;
    check(holder);
    // Actions written as text fail whatever the others are.
    if (statement.effect !== 'Allow' || statement.notAction) continue;
    const wildcards = statement.knownActions.filter(isServiceWildcard);
    if (wildcards.length === 0) continue;
    if (statement.origin === 'managed') {
      const key = `${holder.id}\0${statement.path.join('.')}`;
      const attached = managed.get(key);
      if (attached)
        attached.wildcards.push(
          ...wildcards.filter(w => !attached.wildcards.includes(w)),
        );
      else managed.set(key, { holder, path: statement.path, wildcards });
      continue;
    }
    report(holder, {
      message: `A policy statement of ${describeHolder(
        holder,
      )} allows ${describeWildcards(
        wildcards,
      )} instead of the actions it uses.${narrowPoliciesHint(graph, holder)}`,
      path: [...statement.path, 'Action'],
    });
  }
  for (const { holder, path, wildcards } of managed.values()) {
    report(holder, {
      message: `${attachedManagedPolicy(
        holder,
        path,
      )}, which allows ${describeWildcards(wildcards)}.${narrowPoliciesHint(
        graph,
        holder,
      )}`,
      path,
    });
  }
});
