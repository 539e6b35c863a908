import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  SchedulerService,
  ServiceFactory,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EventsService,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import request from 'supertest';
import {
  TEMPLATE_NO_DLQ,
  componentEntity,
  treeResponse,
} from './__testUtils__/fixtures';
import { infraCompliancePlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SCANS = '/api/infra-compliance/entities/component/default/orders/scans';

const orders = componentEntity('orders', {
  annotations: {
    'backstage.io/source-location':
      'url:https://github.com/acme/shop/tree/main/services/orders',
  },
});

/** A GitHub push to acme/shop's main branch that changed the orders service's template. */
const push = {
  ref: 'refs/heads/main',
  before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
  after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
  created: false,
  deleted: false,
  forced: false,
  commits: [
    {
      id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      message: 'Add a dead-letter queue',
      added: [],
      removed: [],
      modified: ['services/orders/template.yaml'],
    },
  ],
  repository: {
    full_name: 'acme/shop',
    html_url: 'https://github.com/acme/shop',
    default_branch: 'main',
  },
};

/** The backend's plugin, its org-wide scan run once (which registers the entity), and a publisher of events. */
async function startBackend(
  databaseId: TestDatabaseId,
  infraCompliance: JsonObject,
  events: ServiceFactory | BackendFeature,
) {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory(options?: {
      skipTaskRunOnStartup?: boolean;
    }): ServiceFactory<SchedulerService>;
    triggerTask(id: string): Promise<void>;
  };
  let publisher: EventsService | undefined;
  const { server } = await startTestBackend({
    features: [
      infraCompliancePlugin,
      // The webhook modules publish as the events plugin.
      createBackendPlugin({
        pluginId: 'events',
        register(env) {
          env.registerInit({
            deps: { events: eventsServiceRef },
            async init({ events: service }) {
              publisher = service;
            },
          });
        },
      }),
      events,
      mockServices.database.factory({
        knex: await databases.init(databaseId),
      }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities: [orders] }),
      mockServices.urlReader.mock({
        readTree: async () =>
          treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ }),
      }).factory,
      mockServices.rootConfig.factory({
        data: {
          infraCompliance,
          // No events backend: the events stay in this process.
          events: { useEventBus: 'never' },
        },
      }),
    ],
  });
  await scheduler.triggerTask('infra-compliance-scan-shard-0-of-1');
  return { server, publisher: publisher! };
}

describe.each(databases.eachSupportedId())(
  'infra-compliance scan on push, on %p',
  databaseId => {
    it('scans an entity when its repository receives a push, recorded as triggered by the push', async () => {
      const { server, publisher } = await startBackend(
        databaseId,
        {},
        eventsServiceFactory,
      );
      await publisher.publish({
        topic: 'github.push',
        eventPayload: push,
        metadata: { 'x-github-event': 'push' },
      });
      let scans: { trigger: string; status: string }[] = [];
      for (let i = 0; i < 200; i++) {
        scans = (await request(server).get(SCANS)).body.items;
        if (
          scans.length === 2 &&
          !['queued', 'running'].includes(scans[0].status)
        )
          break;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      expect(scans).toMatchObject([
        { trigger: 'push', status: 'unchanged' },
        { trigger: 'schedule', status: 'succeeded' },
      ]);
    });

    it('does not subscribe to pushes with infraCompliance.events.enabled false', async () => {
      const events = mockServices.events.mock();
      await startBackend(
        databaseId,
        { events: { enabled: false } },
        events.factory,
      );
      expect(events.subscribe).not.toHaveBeenCalled();
    });

    it('subscribes to the push topics of GitHub, GitLab and Bitbucket Cloud by default', async () => {
      const events = mockServices.events.mock();
      await startBackend(databaseId, {}, events.factory);
      expect(events.subscribe).toHaveBeenCalledWith({
        id: 'infra-compliance',
        topics: ['github.push', 'gitlab.push', 'bitbucketCloud.repo:push'],
        onEvent: expect.any(Function),
      });
    });
  },
);
