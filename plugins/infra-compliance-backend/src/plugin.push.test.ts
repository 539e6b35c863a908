import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  ServiceFactory,
  UrlReaderServiceReadTreeResponse,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
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
import { mockScheduler } from './__testUtils__/backend';
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

/**
 * The backend's plugin, its org-wide scan run once (which registers the
 * entities, by default orders), and a publisher of events. `readTree`
 * stands in for the repositories after that scan.
 */
async function startBackend(
  databaseId: TestDatabaseId,
  infraCompliance: JsonObject,
  events: ServiceFactory | BackendFeature,
  options: {
    entities?: Entity[];
    readTree?: () => Promise<UrlReaderServiceReadTreeResponse>;
  } = {},
) {
  const knex = await databases.init(databaseId);
  let readTree = async () =>
    treeResponse('etag-1', { 'template.yaml': TEMPLATE_NO_DLQ });
  const scheduler = mockScheduler();
  let publisher: EventsService | undefined;
  const backend = await startTestBackend({
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
      mockServices.database.factory({ knex }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities: options.entities ?? [orders] }),
      mockServices.urlReader.mock({ readTree: () => readTree() }).factory,
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
  if (options.readTree) readTree = options.readTree;
  return { backend, server: backend.server, knex, publisher: publisher! };
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

    it('stops with the backend: the scans on demand and on push under way fail as stopped, the entities waiting for a push scan are dropped', async () => {
      const service = (name: string, repository = 'shop') =>
        componentEntity(name, {
          annotations: {
            'backstage.io/source-location': `url:https://github.com/acme/${repository}/tree/main/services/${name}`,
          },
        });
      const { backend, server, knex, publisher } = await startBackend(
        databaseId,
        { concurrency: 1, schedule: { timeout: { minutes: 10 } } },
        eventsServiceFactory,
        {
          entities: [
            service('orders'),
            service('payments'),
            service('billing', 'ledger'),
          ],
          // The repositories stop answering.
          readTree: () => new Promise(() => {}),
        },
      );
      const running = async (entityRef: string) => {
        for (let i = 0; i < 200; i++) {
          const row = await knex('scans')
            .where({ entity_ref: entityRef, status: 'running' })
            .first('id');
          if (row) return;
          await new Promise(resolve => setTimeout(resolve, 25));
        }
        throw new Error(`No scan of ${entityRef} ran`);
      };
      // orders is scanned, payments waits its turn.
      await publisher.publish({
        topic: 'github.push',
        eventPayload: {
          ...push,
          commits: [
            {
              ...push.commits[0],
              modified: [
                'services/orders/template.yaml',
                'services/payments/template.yaml',
              ],
            },
          ],
        },
      });
      await running('component:default/orders');
      expect(
        (
          await request(server).post(
            '/api/infra-compliance/entities/component/default/billing/scans',
          )
        ).status,
      ).toBe(202);
      await running('component:default/billing');

      await backend.stop();
      const stopped = 'The backend stopped before the scan ended';
      expect(
        await knex('scans')
          .whereNot('trigger', 'schedule')
          .orderBy('entity_ref')
          .select('entity_ref', 'trigger', 'status', 'error'),
      ).toEqual([
        {
          entity_ref: 'component:default/billing',
          trigger: 'manual',
          status: 'failed',
          error: stopped,
        },
        {
          entity_ref: 'component:default/orders',
          trigger: 'push',
          status: 'failed',
          error: stopped,
        },
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

    it('subscribes to the push topics of GitHub, GitLab, Bitbucket Cloud, Azure DevOps and Bitbucket Server by default', async () => {
      const events = mockServices.events.mock();
      await startBackend(databaseId, {}, events.factory);
      expect(events.subscribe).toHaveBeenCalledWith({
        id: 'infra-compliance',
        topics: [
          'github.push',
          'gitlab.push',
          'bitbucketCloud.repo:push',
          'azureDevOps.git.push',
          'bitbucketServer.repo:refs_changed',
        ],
        onEvent: expect.any(Function),
      });
    });
  },
);
