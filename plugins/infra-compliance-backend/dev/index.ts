/*
 * Development setup: the plugin alone in a minimal backend, with mocked auth
 * and permissions, an in-memory SQLite database, and a fixed catalog holding
 * one example service of the repository.
 *
 *   cd plugins/infra-compliance-backend && yarn start
 *
 * Then, for instance (mock auth accepts any request as a user):
 *
 *   curl -X POST http://localhost:7007/api/infra-compliance/entities/component/default/seed-000-failing/scans
 *   curl http://localhost:7007/api/infra-compliance/entities/component/default/seed-000-failing/scorecard
 *   curl http://localhost:7007/api/infra-compliance/entities/component/default/seed-000-failing/findings
 *
 * Unauthenticated and service requests:
 *   curl http://localhost:7007/api/infra-compliance/entities -H 'Authorization: Bearer mock-none-token'
 *   curl http://localhost:7007/api/infra-compliance/entities -H 'Authorization: Bearer mock-service-token'
 */
import path from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import knexFactory from 'knex';

const example = path.resolve(__dirname, '../../../examples/seed-000-failing');

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
// An in-memory database, so the dev backend never touches the app's data.
backend.add(
  mockServices.database.factory({
    knex: knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    }),
  }),
);
// No permission backend here: every scan and waiver is allowed.
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'seed-000-failing',
          title: 'Example service (seed 000, failing)',
          annotations: {
            'backstage.io/managed-by-location': `file:${path.join(
              example,
              'catalog-info.yaml',
            )}`,
          },
        },
        spec: {
          type: 'service',
          lifecycle: 'experimental',
          owner: 'platform-team',
        },
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/platform-team' },
        ],
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'platform-team' },
        spec: { type: 'team', children: [] },
      },
    ],
  }),
);

backend.add(import('../src'));

backend.start();
