/**
 * The Infra Compliance plugin for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { InfraComplianceClient, infraComplianceApiRef } from './api';
import { isInfraComplianceAvailable } from './isInfraComplianceAvailable';
import { rootRouteRef } from './routes';

const infraComplianceApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: infraComplianceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InfraComplianceClient(deps),
    }),
});

/**
 * The org-wide page; its title and icon also make its nav item. The page
 * draws its own header, so the app's plugin header is left out (as Backstage
 * does for converted legacy pages) rather than stacked above it.
 */
const infraCompliancePage = PageBlueprint.make({
  params: {
    path: '/infra-compliance',
    title: 'Compliance',
    icon: <VerifiedUserIcon />,
    noHeader: true,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/InfraCompliancePage').then(m =>
        compatWrapper(<m.InfraCompliancePage />),
      ),
  },
});

const entityComplianceContent = EntityContentBlueprint.make({
  params: {
    path: 'compliance',
    title: 'Compliance',
    filter: isInfraComplianceAvailable,
    loader: () =>
      import('./components/EntityInfraComplianceContent').then(m =>
        compatWrapper(<m.EntityInfraComplianceContent />),
      ),
  },
});

const entityComplianceCard = EntityCardBlueprint.make({
  params: {
    filter: isInfraComplianceAvailable,
    loader: () =>
      import('./components/EntityInfraComplianceCard').then(m =>
        compatWrapper(<m.EntityInfraComplianceCard />),
      ),
  },
});

const groupComplianceCard = EntityCardBlueprint.make({
  name: 'group',
  params: {
    filter: entity => entity.kind.toLocaleLowerCase('en-US') === 'group',
    loader: () =>
      import('./components/InfraComplianceGroupCard').then(m =>
        compatWrapper(<m.InfraComplianceGroupCard />),
      ),
  },
});

/** The Infra Compliance frontend plugin (new frontend system). */
export default createFrontendPlugin({
  pluginId: 'infra-compliance',
  title: 'Compliance',
  icon: <VerifiedUserIcon />,
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [
    infraComplianceApi,
    infraCompliancePage,
    entityComplianceContent,
    entityComplianceCard,
    groupComplianceCard,
  ],
});
