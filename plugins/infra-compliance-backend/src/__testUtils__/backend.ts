/**
 * The plugin in a test backend, and the mock services its tests install
 * beside it.
 */
import {
  BackendFeature,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { infraCompliancePlugin } from '../plugin';

/**
 * Backstage's mock scheduler, typed as the MockSchedulerService it is (the
 * package types it as a plain SchedulerService): it installs itself with
 * `factory`, and runs a task on demand with `triggerTask`.
 */
export function mockScheduler() {
  return mockServices.scheduler() as SchedulerService & {
    factory(options?: {
      skipTaskRunOnStartup?: boolean;
    }): ServiceFactory<SchedulerService>;
  };
}

/** An auditor whose events, and each event's success and failure, are jest mocks. */
export function mockAuditor() {
  return mockServices.auditor.mock({
    createEvent: jest.fn(async () => ({
      success: jest.fn(async () => {}),
      fail: jest.fn(async () => {}),
    })),
  });
}

/**
 * The plugin in a test backend on `knex`, the catalog holding `entities`,
 * with any other `features` (a scheduler, a URL reader) beside them.
 */
export function startPluginBackend(options: {
  knex: Knex;
  entities: Entity[];
  features?: (ServiceFactory | BackendFeature)[];
}) {
  return startTestBackend({
    features: [
      infraCompliancePlugin,
      mockServices.database.factory({ knex: options.knex }),
      catalogServiceMock.factory({ entities: options.entities }),
      ...(options.features ?? []),
    ],
  });
}
