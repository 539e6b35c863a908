import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { InfraComplianceClient, infraComplianceApiRef } from './api';
import { rootRouteRef } from './routes';

/** The Infra Compliance plugin for the legacy frontend system. */
export const infraCompliancePlugin = createPlugin({
  id: 'infra-compliance',
  apis: [
    createApiFactory({
      api: infraComplianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InfraComplianceClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/** The org-wide Compliance page. */
export const InfraCompliancePage = infraCompliancePlugin.provide(
  createRoutableExtension({
    name: 'InfraCompliancePage',
    component: () =>
      import('./components/InfraCompliancePage').then(
        m => m.InfraCompliancePage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The Compliance tab of an entity page. */
export const EntityInfraComplianceContent = infraCompliancePlugin.provide(
  createComponentExtension({
    name: 'EntityInfraComplianceContent',
    component: {
      lazy: () =>
        import('./components/EntityInfraComplianceContent').then(
          m => m.EntityInfraComplianceContent,
        ),
    },
  }),
);

/** The overview-page card of an entity. */
export const EntityInfraComplianceCard = infraCompliancePlugin.provide(
  createComponentExtension({
    name: 'EntityInfraComplianceCard',
    component: {
      lazy: () =>
        import('./components/EntityInfraComplianceCard').then(
          m => m.EntityInfraComplianceCard,
        ),
    },
  }),
);

/** The roll-up card of a group page. */
export const InfraComplianceGroupCard = infraCompliancePlugin.provide(
  createComponentExtension({
    name: 'InfraComplianceGroupCard',
    component: {
      lazy: () =>
        import('./components/InfraComplianceGroupCard').then(
          m => m.InfraComplianceGroupCard,
        ),
    },
  }),
);
