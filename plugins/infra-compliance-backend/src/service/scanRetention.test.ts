import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { SCAN_RETENTION_TASK_ID, scheduleScanRetention } from './scanRetention';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const DAY_MS = 86_400_000;

describe.each(databases.eachSupportedId())(
  'scan retention task on %p',
  databaseId => {
    it("passes the task's abort signal on: an aborted run deletes nothing and says it stopped", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const logger = mockServices.logger.mock();
      const now = 1000 * DAY_MS;
      await knex('scans').insert(
        ['a', 'b'].map(id => ({
          id,
          entity_ref: 'component:default/orders',
          trigger: 'schedule',
          status: 'unchanged',
          created_at: now - 100 * DAY_MS,
        })),
      );
      const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
      const scheduler = {
        scheduleTask: async (
          task: SchedulerServiceTaskInvocationDefinition,
        ) => {
          tasks.push(task);
        },
      } as unknown as SchedulerService;
      await scheduleScanRetention({
        scheduler,
        store,
        logger,
        retentionMs: 90 * DAY_MS,
        now: () => now,
      });
      expect(tasks.map(task => task.id)).toEqual([SCAN_RETENTION_TASK_ID]);

      const aborted = new AbortController();
      aborted.abort();
      await tasks[0].fn(aborted.signal);
      expect(await knex('scans').orderBy('id').pluck('id')).toEqual(['a', 'b']);
      expect(logger.warn).toHaveBeenCalledWith(
        'Infra Compliance: deleting old scans stopped (the task was aborted) after 0; the next run goes on',
      );

      await tasks[0].fn(new AbortController().signal);
      expect(await knex('scans').pluck('id')).toEqual([]);
      expect(logger.info).toHaveBeenCalledWith(
        'Infra Compliance: deleted 2 unchanged or failed scans older than the retention',
      );

      // A failure is logged with the error itself, so its stack is kept.
      const failure = new Error('connection lost');
      jest.spyOn(store, 'pruneScans').mockRejectedValueOnce(failure);
      await tasks[0].fn(new AbortController().signal);
      expect(logger.error).toHaveBeenCalledWith(
        'Infra Compliance: deleting old scans failed',
        failure,
      );
    });
  },
);
