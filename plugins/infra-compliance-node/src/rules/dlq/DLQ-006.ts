import {
  QUEUE_TYPE,
  consumersOf,
  consumptionRestsOn,
} from '../../analysis/lambda';
import { Resource } from '../../graph/ResourceGraph';
import { asNumber } from '../../graph/values';
import { defineRule } from '../types';

const DEFAULT_VISIBILITY_TIMEOUT = 30;
const DEFAULT_FUNCTION_TIMEOUT = 3;

/** A numeric property, its default when missing, undefined when not known statically. */
function seconds(
  resource: Resource,
  property: string,
  fallback: number,
): number | undefined {
  const value = resource.properties[property];
  return value === undefined ? fallback : asNumber(value);
}

/**
 * DLQ-006: a queue's visibility timeout must be at least its consumers'
 * timeout, or messages reappear while still being processed.
 */
export default defineRule('DLQ-006', ({ graph, check, report, doubt }) => {
  for (const queue of graph.ofType(QUEUE_TYPE)) {
    const consumers = consumersOf(graph, queue);
    if (consumers.length === 0) continue;
    const visibility = seconds(
      queue,
      'VisibilityTimeout',
      DEFAULT_VISIBILITY_TIMEOUT,
    );
    if (visibility === undefined) continue;
    let slowest:
      | { fn: Resource; mapping: Resource; timeout: number }
      | undefined;
    for (const { fn, mapping } of consumers) {
      const timeout = seconds(fn, 'Timeout', DEFAULT_FUNCTION_TIMEOUT);
      // A consumer whose timeout is not known statically may be slower than the queue allows.
      if (timeout === undefined) {
        doubt(queue);
        continue;
      }
      check(queue);
      if (timeout > visibility && (!slowest || timeout > slowest.timeout)) {
        slowest = { fn, mapping, timeout };
      }
    }
    if (!slowest) continue;
    const written = queue.properties.VisibilityTimeout !== undefined;
    report(queue, {
      message: `Queue ${queue.id} has a visibility timeout of ${visibility} s${
        written ? '' : ' (the SQS default)'
      }, shorter than the ${slowest.timeout} s timeout of its consumer ${
        slowest.fn.id
      }: messages reappear and are processed twice while still in flight; AWS recommends at least six times the function timeout (${
        slowest.timeout * 6
      } s).`,
      path: written ? ['VisibilityTimeout'] : undefined,
      // The consumer's timeout, and what makes it the queue's consumer: a default may give any of them (`Timeout: !Ref WorkerTimeout`).
      restsOn: [
        { resources: [slowest.fn], path: ['Timeout'] },
        ...consumptionRestsOn(queue, [slowest]),
      ],
    });
  }
});
