import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { InfraComplianceApi, infraComplianceApiRef } from '../api';
import { FakeInfraComplianceApi } from './FakeInfraComplianceApi';

/** Renders an entity-page component against the fake API, as a signed-in user would see it. */
export async function renderEntityComponent(
  element: ReactElement,
  options: {
    entity: Entity;
    api?: FakeInfraComplianceApi;
    /** Another API than the fake: the real client. */
    client?: InfraComplianceApi;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** The browser's history, the page's address (its query included) last. */
    addresses?: string[];
  },
) {
  const api = options.api ?? new FakeInfraComplianceApi();
  const rendered = await renderInTestApp(
    <TestApiProvider
      apis={[
        [infraComplianceApiRef, options.client ?? api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.permission ?? AuthorizeResult.ALLOW,
          }),
        ],
        [
          scmIntegrationsApiRef,
          ScmIntegrationsApi.fromConfig(mockApis.config({ data: {} })),
        ],
      ]}
    >
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries: options.addresses,
    },
  );
  return { api, ...rendered };
}
