import { identityStatements } from '../../analysis/iam';
import { Value, getPath } from '../../graph/values';
import { defineOwnValuesRule } from '../types';
import { attachedManagedPolicy, describeHolder } from './describe';
import { listedActions } from './IAM-009';

function listedResources(resources: Value | undefined): string {
  const list = Array.isArray(resources) ? resources : [resources];
  return list.every(item => typeof item === 'string') && list.length > 0
    ? list.map(item => `"${item}"`).join(', ')
    : 'the ones it lists';
}

/**
 * IAM-010 (beyond RULES.md): an identity-policy statement that allows with
 * `NotResource`, which applies its actions to every resource except those
 * it lists. Judges the statements IAM-002 judges. One finding per statement.
 */
export default defineOwnValuesRule('IAM-010', ({ graph, check, report }) => {
  for (const statement of identityStatements(graph)) {
    if (statement.origin === 'template') continue;
    check(statement.holder);
    if (statement.effect !== 'Allow' || !statement.notResource) continue;
    const actions = statement.notAction
      ? `every action except ${listedActions(
          statement.actions,
          'those it lists',
        )}`
      : listedActions(statement.actions, 'its actions');
    if (statement.origin === 'managed') {
      report(statement.holder, {
        message: `${attachedManagedPolicy(
          statement.holder,
          statement.path,
        )}, which allows ${actions} on every resource except ${listedResources(
          statement.notResources,
        )}: resources of other applications and accounts too, instead of the ones it uses.`,
        path: statement.path,
      });
      continue;
    }
    const path = [...statement.path, 'NotResource'];
    report(statement.holder, {
      message: `A policy statement of ${describeHolder(
        statement.holder,
      )} allows ${actions} on every resource except ${listedResources(
        getPath(statement.holder.properties, path),
      )}: resources of other applications and accounts too, instead of the ones it uses.`,
      path,
    });
  }
});
