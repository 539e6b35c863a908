import {
  QUEUE_TYPE,
  consumersOf,
  consumptionRestsOn,
  redrivePolicy,
} from '../../analysis/lambda';
import { getPath } from '../../graph/values';
import { defineRule } from '../types';

/**
 * DLQ-002: a queue a function consumes needs a redrive policy with a
 * dead-letter target, or messages the function keeps failing on are retried
 * until they expire.
 */
export default defineRule('DLQ-002', ({ graph, check, report, doubt }) => {
  for (const queue of graph.ofType(QUEUE_TYPE)) {
    const consumers = consumersOf(graph, queue);
    if (consumers.length === 0) continue;
    check(queue);
    const written = queue.properties.RedrivePolicy;
    const policy = redrivePolicy(queue);
    // Written but unreadable (a string that is not JSON): not provable.
    if (written !== undefined && policy === undefined) {
      doubt(queue);
      continue;
    }
    if (
      policy !== undefined &&
      getPath(policy, ['deadLetterTargetArn']) !== undefined
    )
      continue;
    const consumer = consumers[0].fn.id;
    const name = graph.nameOf(queue, 'RedrivePolicy');
    report(queue, {
      message:
        policy === undefined
          ? `Queue ${queue.id} is consumed by function ${consumer} but has no ${name}: messages that keep failing are retried until they expire and are then lost.`
          : `Queue ${queue.id} is consumed by function ${consumer} but its ${name} has no deadLetterTargetArn: messages that keep failing are retried until they expire and are then lost.`,
      path: written !== undefined ? ['RedrivePolicy'] : undefined,
      restsOn: consumptionRestsOn(queue, consumers),
    });
  }
});
