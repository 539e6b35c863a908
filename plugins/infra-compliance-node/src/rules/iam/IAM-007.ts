import { FUNCTION_TYPE } from '../../analysis/lambda';
import { grants, permissionsOf, roleOf } from '../../analysis/iam';
import { defineRule } from '../types';

const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/**
 * IAM-007: a function whose role (of the stack) cannot write its logs: it
 * needs both logs:CreateLogStream and logs:PutLogEvents (AWSLambdaBasicExecutionRole
 * and SAM's implicit role grant them).
 */
export default defineRule('IAM-007', ({ graph, check, report }) => {
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const role = roleOf(graph, fn);
    if (!role) continue;
    check(fn);
    const permissions = permissionsOf(graph, role);
    const missing = LOG_ACTIONS.filter(
      action => grants(permissions, [action]) === 'no',
    );
    if (missing.length === 0) continue;
    report(fn, {
      message: `Function ${fn.id} runs as role ${
        role.id
      }, which grants no ${missing.join(' and no ')}, so its logs are dropped.`,
      path: ['Role'],
    });
  }
});
