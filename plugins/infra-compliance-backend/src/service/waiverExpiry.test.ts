import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  addComponent,
  finding,
  grantWaiver,
  scanOf,
  waiverId,
} from '../__testUtils__/scans';
import { ComplianceStore } from '../database/ComplianceStore';
import { WAIVER_EXPIRY_TASK_ID, scheduleWaiverExpiry } from './waiverExpiry';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ENTITIES = ['component:default/orders', 'component:default/payments'];

describe.each(databases.eachSupportedId())(
  'waiver expiry task on %p',
  databaseId => {
    it('refreshes each entity with its expired waivers in one transaction: one whose refresh fails keeps its waivers for the next run, and the others are refreshed', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const logger = mockServices.logger.mock();
      // Each entity: one open DLQ-001 finding, waived until 2000.
      for (const [index, entityRef] of ENTITIES.entries()) {
        const name = entityRef.split('/')[1];
        const scanId = `scan-${name}`;
        await addComponent(store, name);
        await scanOf(store, entityRef, {
          scanId,
          findings: [finding({ fingerprint: `dlq-${name}` })],
        });
        await grantWaiver(store, {
          id: waiverId(index + 1),
          entityRef,
          ruleId: 'DLQ-001',
          now: 1500,
          expiresAt: 2000,
        });
      }
      const stored = async () =>
        Object.fromEntries(
          (
            await knex('entities')
              .whereIn('entity_ref', ENTITIES)
              .select('entity_ref', 'open_total', 'waived_total')
          ).map(row => [
            row.entity_ref,
            { open: Number(row.open_total), waived: Number(row.waived_total) },
          ]),
        );
      const unapplied = () =>
        knex('waivers')
          .whereNull('expiry_applied_at')
          .orderBy('entity_ref')
          .pluck('entity_ref');
      expect(await stored()).toEqual({
        [ENTITIES[0]]: { open: 0, waived: 1 },
        [ENTITIES[1]]: { open: 0, waived: 1 },
      });

      const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
      const scheduler = {
        scheduleTask: async (
          task: SchedulerServiceTaskInvocationDefinition,
        ) => {
          tasks.push(task);
        },
      } as unknown as SchedulerService;
      let now = 3000;
      await scheduleWaiverExpiry({ scheduler, store, logger, now: () => now });
      expect(tasks.map(task => task.id)).toEqual([WAIVER_EXPIRY_TASK_ID]);

      // The refresh of the first entity refreshed fails at its last write, as a dropped connection would.
      const failure = new Error('connection lost');
      const writeRuleCounts = jest
        .spyOn(ComplianceStore.prototype as any, 'writeRuleCounts')
        .mockRejectedValueOnce(failure);
      try {
        await tasks[0].fn(new AbortController().signal);
        const failedRef = writeRuleCounts.mock.calls[0][1] as string;
        const [otherRef] = ENTITIES.filter(ref => ref !== failedRef);
        // Neither the failed entity's score nor its waivers changed; the other's did.
        expect(await unapplied()).toEqual([failedRef]);
        expect(await stored()).toEqual({
          [failedRef]: { open: 0, waived: 1 },
          [otherRef]: { open: 1, waived: 0 },
        });
        // The failure is logged with the entity and the error itself.
        expect(logger.error).toHaveBeenCalledWith(
          `Infra Compliance: refreshing the score of ${failedRef} after waiver expiry failed; the next run retries`,
          failure,
        );
        expect(logger.info).toHaveBeenCalledWith(
          'Infra Compliance: refreshed the scores of 1 entities whose waivers expired',
        );

        now = 4000;
        await tasks[0].fn(new AbortController().signal);
        expect(await unapplied()).toEqual([]);
        expect(await stored()).toEqual({
          [ENTITIES[0]]: { open: 1, waived: 0 },
          [ENTITIES[1]]: { open: 1, waived: 0 },
        });
      } finally {
        writeRuleCounts.mockRestore();
      }
    });
  },
);
