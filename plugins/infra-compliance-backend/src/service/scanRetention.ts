import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ComplianceStore } from '../database/ComplianceStore';
import { toError } from '@backstage/errors';

export const SCAN_RETENTION_TASK_ID = 'infra-compliance-scan-retention';

/**
 * Schedules the daily deletion of old unchanged and failed scans
 * (`infraCompliance.scanRetention`): every scheduled run adds a scan row per
 * entity, most of them unchanged, and nothing reads them once they are old.
 * One global task: any replica runs it.
 */
export async function scheduleScanRetention(options: {
  scheduler: SchedulerService;
  store: ComplianceStore;
  logger: LoggerService;
  retentionMs: number;
  now?: () => number;
}): Promise<void> {
  const { scheduler, store, logger, retentionMs } = options;
  const now = options.now ?? Date.now;
  await scheduler.scheduleTask({
    id: SCAN_RETENTION_TASK_ID,
    scope: 'global',
    frequency: { hours: 24 },
    timeout: { hours: 1 },
    initialDelay: { minutes: 10 },
    fn: async signal => {
      try {
        const deleted = await store.pruneScans(now() - retentionMs, {
          signal,
        });
        if (signal.aborted) {
          logger.warn(
            `Infra Compliance: deleting old scans stopped (the task was aborted) after ${deleted}; the next run goes on`,
          );
        } else if (deleted > 0) {
          logger.info(
            `Infra Compliance: deleted ${deleted} unchanged or failed scans older than the retention`,
          );
        }
      } catch (error) {
        logger.error(
          'Infra Compliance: deleting old scans failed',
          toError(error),
        );
      }
    },
  });
}
