import {
  SQS_VISIBLE_MESSAGES,
  alarmsForOtherStacks,
  hasAlarmOn,
  resourceForOtherStacks,
  valuesAlarmsOnRestOn,
} from '../../analysis/alarms';
import { deadLetterQueues } from '../../analysis/lambda';
import { defineRule } from '../types';

/**
 * ALM-002: every dead-letter queue has an alarm on its
 * ApproximateNumberOfMessagesVisible metric, so that someone hears about
 * the failures that land in it. An alarm of another template of the scan
 * on the queue's literal name, or on the import of the export of its name,
 * answers it (see ALM-001).
 */
export default defineRule(
  'ALM-002',
  ({ graph, check, report, doubt, answerForOtherStacks }) => {
    for (const { key, surely } of alarmsForOtherStacks(
      graph,
      SQS_VISIBLE_MESSAGES,
    ))
      answerForOtherStacks(key, surely);
    for (const { queue, usedBy, restsOn } of deadLetterQueues(graph)) {
      check(queue);
      const alarmed = hasAlarmOn(graph, SQS_VISIBLE_MESSAGES, queue);
      if (alarmed === 'unknown') doubt(queue);
      if (alarmed !== 'no') continue;
      const user = usedBy[0].generatedBy ?? usedBy[0].id;
      report(queue, {
        message: `Dead-letter queue ${queue.id} (used by ${user}) has no CloudWatch alarm on AWS/SQS ApproximateNumberOfMessagesVisible (dimension QueueName): failed messages pile up unseen.`,
        // Whether an alarm watches it, and whether it is a dead-letter queue at all.
        restsOn: [
          ...valuesAlarmsOnRestOn(graph, SQS_VISIBLE_MESSAGES, queue),
          ...restsOn,
        ],
        answeredElsewhereBy: resourceForOtherStacks(
          graph,
          SQS_VISIBLE_MESSAGES,
          queue,
        ),
      });
    }
  },
);
