import { deadLetterQueues } from '../../analysis/lambda';
import { asNumber } from '../../graph/values';
import { wholeNumber } from '../options';
import { defineRule } from '../types';

const FOURTEEN_DAYS = 1209600;
const SQS_DEFAULT_RETENTION = 345600;

/**
 * DLQ-003: a dead-letter queue keeps failed messages for at least 14 days
 * (option `minRetentionSeconds`). A missing MessageRetentionPeriod is the
 * SQS default of 4 days. RULES.md names the dead-letter queues of
 * functions and of queues' redrive policies, not those of services that
 * deliver events (EventBridge, SNS), which ALM-002 also watches.
 */
export default defineRule(
  'DLQ-003',
  ({ graph, options, check, report, doubt }) => {
    const minimum =
      (options.minRetentionSeconds as number | undefined) ?? FOURTEEN_DAYS;
    for (const { queue, usedBy, restsOn } of deadLetterQueues(
      graph,
      'functions and queues',
    )) {
      check(queue);
      const written = queue.properties.MessageRetentionPeriod;
      const retention =
        written === undefined ? SQS_DEFAULT_RETENTION : asNumber(written);
      if (retention === undefined) doubt(queue);
      if (retention === undefined || retention >= minimum) continue;
      const user = usedBy[0].generatedBy ?? usedBy[0].id;
      const name = graph.nameOf(queue, 'MessageRetentionPeriod');
      const kept =
        written === undefined
          ? `keeps messages for the SQS default of 4 days (no ${name})`
          : `keeps messages for ${formatSeconds(
              retention,
            )} (${name} ${graph.valueOf(
              queue,
              'MessageRetentionPeriod',
              retention,
            )})`;
      report(queue, {
        message: `Dead-letter queue ${
          queue.id
        } (used by ${user}) ${kept}, less than ${formatSeconds(
          minimum,
        )}: failed messages can expire before anyone looks at them.`,
        path: written === undefined ? undefined : ['MessageRetentionPeriod'],
        restsOn,
      });
    }
  },
  {
    // SQS keeps a message whole seconds, from 60 to 14 days: a minimum above would fail every queue for good, one below pass all.
    minRetentionSeconds: wholeNumber('seconds', {
      minimum: 60,
      maximum: FOURTEEN_DAYS,
      why: 'the retention periods SQS takes, 1 minute to 14 days',
    }),
  },
);

function formatSeconds(seconds: number): string {
  const days = seconds / 86400;
  if (Number.isInteger(days)) return `${days} day${days === 1 ? '' : 's'}`;
  return `${seconds} s`;
}
