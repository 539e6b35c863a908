import { identityStatements } from '../../analysis/iam';
import { resourceLevelSupport } from '../../analysis/resourceLevelPermissions';
import { defineOwnValuesRule } from '../types';
import { describeHolder } from './describe';

/**
 * IAM-003: an identity-policy statement written in the stack that allows,
 * on `Resource: "*"`, an action that supports resource-level permissions.
 * Which actions support resource-level permissions is read from the AWS
 * Service Authorization Reference (analysis/resourceLevelPermissions): an
 * action it does not know is not reported.
 */
export default defineOwnValuesRule('IAM-003', ({ graph, check, report }) => {
  for (const statement of identityStatements(graph)) {
    if (statement.origin !== 'written') continue;
    const holder = statement.holder;
    check(holder);
    // Actions written as text fail whatever the others are.
    if (statement.effect !== 'Allow' || statement.notAction) continue;
    if (!statement.resources?.some(resource => resource === '*')) continue;
    const scoped = statement.knownActions.filter(
      action => resourceLevelSupport(action) === 'supported',
    );
    if (scoped.length === 0) continue;
    const shown =
      scoped.slice(0, 3).join(', ') +
      (scoped.length > 3 ? ` and ${scoped.length - 3} more` : '');
    report(holder, {
      message: `A policy statement of ${describeHolder(
        holder,
      )} allows ${shown} on Resource "*", though ${
        scoped.length > 1 ? 'these actions' : 'this action'
      } can be scoped to the resources used.`,
      path: [...statement.path, 'Resource'],
    });
  }
});
