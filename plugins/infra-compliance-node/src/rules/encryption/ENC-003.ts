import { asBoolean } from '../../graph/values';
import { QUEUE_TYPE } from '../../analysis/lambda';
import { defineOwnValuesRule } from '../types';

/** ENC-003: a queue has neither KmsMasterKeyId nor SqsManagedSseEnabled: true. */
export default defineOwnValuesRule(
  'ENC-003',
  ({ graph, check, report, doubt }) => {
    for (const queue of graph.ofType(QUEUE_TYPE)) {
      check(queue);
      const p = queue.properties;
      if (p.KmsMasterKeyId !== undefined) continue;
      const sse = p.SqsManagedSseEnabled;
      if (sse !== undefined && asBoolean(sse) === undefined) doubt(queue);
      if (sse !== undefined && asBoolean(sse) !== false) continue; // true, or not known statically
      const generated = queue.generatedBy
        ? ` (created by SAM for ${queue.generatedBy})`
        : '';
      const [keyName, sseName] = [
        graph.nameOf(queue, 'KmsMasterKeyId'),
        graph.nameOf(queue, 'SqsManagedSseEnabled'),
      ];
      const sseSetTo = (value: boolean) =>
        `${sseName} to ${graph.valueOf(queue, 'SqsManagedSseEnabled', value)}`;
      report(queue, {
        message:
          sse === undefined
            ? `Queue ${
                queue.id
              }${generated} has no ${keyName} and does not set ${sseSetTo(
                true,
              )}, so its encryption at rest is not declared.`
            : `Queue ${queue.id} sets ${sseSetTo(
                false,
              )} and has no ${keyName}, so its messages are not encrypted at rest.`,
        ...(sse === undefined ? {} : { path: ['SqsManagedSseEnabled'] }),
      });
    }
  },
);
