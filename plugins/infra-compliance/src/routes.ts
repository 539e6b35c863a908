import { createRouteRef } from '@backstage/core-plugin-api';

/** The org-wide Compliance page. */
export const rootRouteRef = createRouteRef({ id: 'infra-compliance' });
