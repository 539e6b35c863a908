/*
 * The Backstage backend of this repository: the catalog, auth with the guest
 * provider for local use, permissions, and the Infra Compliance plugin.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Infra Compliance: scheduled and on-demand scans of the catalog's
// infrastructure code, REST API under /api/infra-compliance.
backend.add(
  import('@infra-compliance/backstage-plugin-infra-compliance-backend'),
);

backend.start();
