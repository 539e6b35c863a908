import { MAPPING_TYPE, isSqsMapping } from '../../analysis/lambda';
import { asList, containsUnknown } from '../../graph/values';
import { defineOwnValuesRule } from '../types';

/**
 * DLQ-005: an SQS event source mapping reports partial batch failures, so
 * that one bad message does not send the whole batch back to the queue.
 */
export default defineOwnValuesRule(
  'DLQ-005',
  ({ graph, check, report, doubt }) => {
    for (const mapping of graph.ofType(MAPPING_TYPE)) {
      if (!isSqsMapping(graph, mapping)) continue;
      check(mapping);
      const types = mapping.properties.FunctionResponseTypes;
      if (containsUnknown(types)) {
        doubt(mapping);
        continue;
      }
      if (asList(types).includes('ReportBatchItemFailures')) continue;
      // A mapping SAM generates is named by the event that made it (an SQS event, or an SNS event's SqsSubscription).
      const owner = mapping.generatedBy
        ? `The ${mapping.origin ?? `event ${mapping.id}`} of ${
            mapping.generatedBy
          }`
        : `SQS event source mapping ${mapping.id}`;
      const name = graph.nameOf(mapping, 'FunctionResponseTypes');
      // CDK's L2s set the list with a boolean prop (`reportBatchItemFailures: true`).
      const setting = graph.valueOfOtherType(mapping, 'FunctionResponseTypes', [
        'ReportBatchItemFailures',
      ]);
      const missing =
        setting === undefined
          ? `does not list ReportBatchItemFailures in ${name}`
          : `does not set ${name} to ${setting}`;
      report(mapping, {
        message: `${owner} ${missing}: one failed message returns the whole batch to the queue.`,
        path: types === undefined ? undefined : ['FunctionResponseTypes'],
      });
    }
  },
);
