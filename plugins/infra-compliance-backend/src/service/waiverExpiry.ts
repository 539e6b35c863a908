import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ComplianceStore } from '../database/ComplianceStore';
import { ComplianceNotifier } from '../notifications/ComplianceNotifier';
import { toError } from '@backstage/errors';

export const WAIVER_EXPIRY_TASK_ID = 'infra-compliance-waiver-expiry';

/**
 * Schedules the refresh of stored scores after waivers expire: the overview
 * and the roll-ups read stored figures, which otherwise would count an
 * expired waiver until the entity's next scan. One global task: any replica
 * runs it. The notifier, when notifications are on, tells the owners of an
 * entity whose grade dropped.
 */
export async function scheduleWaiverExpiry(options: {
  scheduler: SchedulerService;
  store: ComplianceStore;
  logger: LoggerService;
  notifier?: ComplianceNotifier;
  now?: () => number;
}): Promise<void> {
  const { scheduler, store, logger, notifier } = options;
  const now = options.now ?? Date.now;
  await scheduler.scheduleTask({
    id: WAIVER_EXPIRY_TASK_ID,
    scope: 'global',
    frequency: { minutes: 15 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      try {
        const { refreshed, regraded, failed } = await store.applyExpiredWaivers(
          now(),
        );
        if (refreshed.length > 0) {
          logger.info(
            `Infra Compliance: refreshed the scores of ${refreshed.length} entities whose waivers expired`,
          );
        }
        for (const change of regraded) await notifier?.waiversExpired(change);
        for (const { entityRef, error } of failed) {
          logger.error(
            `Infra Compliance: refreshing the score of ${entityRef} after waiver expiry failed; the next run retries`,
            toError(error),
          );
        }
      } catch (error) {
        logger.error(
          'Infra Compliance: refreshing scores after waiver expiry failed',
          toError(error),
        );
      }
    },
  });
}
