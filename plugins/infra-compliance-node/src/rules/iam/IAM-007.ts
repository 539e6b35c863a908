import { FUNCTION_TYPE } from '../../analysis/lambda';
import { grants, permissionsOf, roleOf } from '../../analysis/iam';
import { mayNameOwnLogGroup } from '../../analysis/logs';
import { defineRule } from '../types';

const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/**
 * IAM-007: a function whose role (of the stack) cannot write its logs: it
 * needs both logs:CreateLogStream and logs:PutLogEvents on its log group
 * (AWSLambdaBasicExecutionRole and SAM's implicit role grant them; not
 * CloudWatchLambdaInsightsExecutionRolePolicy, which grants them on the
 * Lambda Insights extension's log group only).
 */
export default defineRule('IAM-007', ({ graph, check, report, doubt }) => {
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const role = roleOf(graph, fn);
    if (!role) continue;
    check(fn);
    const permissions = permissionsOf(graph, role);
    const ownLogGroup = mayNameOwnLogGroup(fn);
    const granted = LOG_ACTIONS.map(action =>
      grants(permissions, [action], ownLogGroup),
    );
    if (granted.includes('unknown')) doubt(fn);
    const missing = LOG_ACTIONS.filter((_, index) => granted[index] === 'no');
    if (missing.length === 0) continue;
    report(fn, {
      message: `Function ${fn.id} runs as role ${
        role.id
      }, which grants no ${missing.join(
        ' and no ',
      )} on its log group, so its logs are dropped.`,
      path: ['Role'],
      // What the role may do: its policies, and those of the stack it has.
      restsOn: permissions.restsOn,
    });
  }
});
