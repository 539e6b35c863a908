import { identityStatements } from '../../analysis/iam';
import { defineOwnValuesRule } from '../types';
import { attachedManagedPolicy, describeHolder } from './describe';

/** The actions a statement lists, quoted; `otherwise` when they are not known statically. */
export function listedActions(
  actions: string[] | undefined,
  otherwise: string,
): string {
  return actions && actions.length > 0
    ? actions.map(action => `"${action}"`).join(', ')
    : otherwise;
}

/**
 * IAM-009 (beyond RULES.md): an identity-policy statement that allows with
 * `NotAction`, which grants every action of every service except those it
 * lists. Judges the statements IAM-002 judges. One finding per statement.
 */
export default defineOwnValuesRule('IAM-009', ({ graph, check, report }) => {
  for (const statement of identityStatements(graph)) {
    if (statement.origin === 'template') continue;
    check(statement.holder);
    if (statement.effect !== 'Allow' || !statement.notAction) continue;
    if (statement.origin === 'managed') {
      report(statement.holder, {
        message: `${attachedManagedPolicy(
          statement.holder,
          statement.path,
        )}, which allows every action except ${listedActions(
          statement.actions,
          'those it lists',
        )}: every other action of every AWS service on every resource, instead of the actions it uses.`,
        path: statement.path,
      });
      continue;
    }
    report(statement.holder, {
      message: `A policy statement of ${describeHolder(
        statement.holder,
      )} allows every action except ${listedActions(
        statement.actions,
        'those it lists',
      )}: every other action of every AWS service on its resources, instead of the actions it uses.`,
      path: [...statement.path, 'NotAction'],
    });
  }
});
