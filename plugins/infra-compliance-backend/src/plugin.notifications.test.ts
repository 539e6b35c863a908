import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ServiceFactory,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import {
  TEMPLATE_NO_DLQ,
  TEMPLATE_WITH_DLQ,
  componentEntity,
  makeRepo,
  tempDirEachTest,
  writeTemplate,
} from './__testUtils__/fixtures';
import { mockScheduler } from './__testUtils__/backend';
import { infraCompliancePlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SCAN_TASK = 'infra-compliance-scan-shard-0-of-1';

/** What the orders service's owners are told when its dead-letter queue goes. */
const DEAD_LETTER_QUEUE_GONE: NotificationSendOptions = {
  recipients: { type: 'entity', entityRef: 'component:default/orders' },
  payload: {
    title: 'Service orders: 1 new high finding in its infrastructure code',
    description:
      'DLQ-001 Asynchronously invoked function has no dead-letter target (template.yaml:3). Its grade dropped from E to F.',
    severity: 'high',
    link: '/catalog/default/component/orders/compliance',
    topic: 'infra-compliance',
    scope: 'infra-compliance:component:default/orders',
  },
};

describe.each(databases.eachSupportedId())(
  'infra-compliance notifications on %p',
  databaseId => {
    const root = tempDirEachTest();

    /**
     * The backend with the orders service (its dead-letter queue in place)
     * and `infraCompliance` config; `notifications`, when given, stands in
     * for the notifications backend's service.
     */
    async function startBackend(
      id: TestDatabaseId,
      options: {
        infraCompliance?: JsonObject;
        notifications?: ServiceFactory;
      },
    ) {
      const dir = await makeRepo(
        await fs.mkdtemp(path.join(root(), 'backend-')),
        'orders',
        TEMPLATE_WITH_DLQ,
      );
      const scheduler = mockScheduler();
      const logger = mockServices.logger.mock();
      const { server } = await startTestBackend({
        features: [
          infraCompliancePlugin,
          mockServices.database.factory({ knex: await databases.init(id) }),
          scheduler.factory({ skipTaskRunOnStartup: true }),
          logger.factory,
          catalogServiceMock.factory({
            entities: [componentEntity('orders', { dir })],
          }),
          mockServices.rootConfig.factory({
            data: { infraCompliance: options.infraCompliance ?? {} },
          }),
          ...(options.notifications ? [options.notifications] : []),
        ],
      });
      /** The org-wide scan: the first, then one after the dead-letter queue went. */
      const scanTwice = async () => {
        await scheduler.triggerTask(SCAN_TASK);
        await writeTemplate(dir, TEMPLATE_NO_DLQ);
        await scheduler.triggerTask(SCAN_TASK);
      };
      return { server, logger, scanTwice };
    }

    function recordingNotifications() {
      const sent: NotificationSendOptions[] = [];
      const factory = createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (notification: NotificationSendOptions) => {
            sent.push(notification);
          },
        }),
      });
      return { sent, factory };
    }

    it("tells a service's owners of the high finding a scan opened, not of its first scan's, once notifications are enabled, not by default", async () => {
      const enabled = recordingNotifications();
      const withNotifications = await startBackend(databaseId, {
        infraCompliance: { notifications: { enabled: true } },
        notifications: enabled.factory,
      });
      await withNotifications.scanTwice();
      expect(enabled.sent).toEqual([DEAD_LETTER_QUEUE_GONE]);

      const byDefault = recordingNotifications();
      const withoutNotifications = await startBackend(databaseId, {
        notifications: byDefault.factory,
      });
      await withoutNotifications.scanTwice();
      expect(byDefault.sent).toEqual([]);
    });

    it('logs a warning without the notifications backend, and keeps the results', async () => {
      const { server, logger, scanTwice } = await startBackend(databaseId, {
        infraCompliance: { notifications: { enabled: true } },
      });
      await scanTwice();
      // Backstage's own service posts to /api/notifications, which no plugin serves here.
      expect(logger.warn).toHaveBeenCalledWith(
        'Infra Compliance: could not notify the owners of component:default/orders: Failed to send notifications: Error: Request failed with status 404',
      );
      const findings = await request(server).get(
        '/api/infra-compliance/entities/component/default/orders/findings?rule=DLQ-001',
      );
      expect(findings.status).toBe(200);
      expect(findings.body.items).toMatchObject([
        { ruleId: 'DLQ-001', status: 'open' },
      ]);
      const scans = await request(server).get(
        '/api/infra-compliance/entities/component/default/orders/scans',
      );
      expect(
        scans.body.items.map((scan: { status: string }) => scan.status),
      ).toEqual(['succeeded', 'succeeded']);
    });

    it('refuses to start with a minSeverity it does not know', async () => {
      await expect(
        startBackend(databaseId, {
          infraCompliance: {
            notifications: { enabled: true, minSeverity: 'severe' },
          },
        }),
      ).rejects.toThrow(
        "infraCompliance.notifications.minSeverity must be one of critical, high, medium, low, got 'severe'",
      );
    });
  },
);
