import {
  FUNCTION_TYPE,
  eventSourceMappingsOf,
  isSqsMapping,
  queueOfMapping,
} from '../../analysis/lambda';
import { grants, namesRestOn, permissionsOf, roleOf } from '../../analysis/iam';
import { defineRule } from '../types';

const CONSUME_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
];

/**
 * IAM-008: a function that consumes an SQS queue (event source mapping, SAM
 * `SQS` event) but whose role (of the stack) lacks one of the actions the
 * mapping polls with. Checked and reported per mapping, so that a function
 * reading several queues gets one finding per queue. For a queue outside
 * the stack (a literal ARN), any resource counts: only a role that grants
 * an action on nothing at all is reported.
 */
export default defineRule('IAM-008', ({ graph, check, report, doubt }) => {
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const role = roleOf(graph, fn);
    if (!role) continue;
    for (const mapping of eventSourceMappingsOf(graph, fn)) {
      if (!isSqsMapping(graph, mapping)) continue;
      const queue = queueOfMapping(graph, mapping);
      check(mapping);
      const permissions = permissionsOf(graph, role);
      const granted = CONSUME_ACTIONS.map(action =>
        grants(permissions, [action], queue),
      );
      if (granted.includes('unknown')) doubt(mapping);
      const missing = CONSUME_ACTIONS.filter(
        (_, index) => granted[index] === 'no',
      );
      if (missing.length === 0) continue;
      report(mapping, {
        message: `Function ${fn.id} consumes ${
          queue ? `queue ${queue.id}` : 'an SQS queue'
        } but its role ${role.id} grants no ${missing.join(', ')} on it.`,
        path: ['EventSourceArn'],
        // Which function reads the queue, its role, what that role may do, and the name its policies may give the queue by.
        restsOn: [
          { resources: [mapping], path: ['FunctionName'] },
          { resources: [fn], path: ['Role'] },
          ...permissions.restsOn,
          ...(queue ? namesRestOn([queue]) : []),
        ],
      });
    }
  }
});
