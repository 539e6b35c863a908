import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import spec from '../schema/openapi.yaml';
import { DEFAULT_CONFIG } from '../config';
import { ComplianceStore } from '../database/ComplianceStore';
import { EntityScanner } from '../scanning/EntityScanner';
import { createRouter } from './router';

describe('openapi.yaml', () => {
  it('documents every route of the router, and only those', async () => {
    const router = await createRouter({
      config: DEFAULT_CONFIG,
      store: {} as ComplianceStore,
      scanner: {} as EntityScanner,
      catalog: catalogServiceMock(),
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
    });
    const routes = (router.stack as any[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method} ${String(layer.route.path).replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    const documented = Object.entries(
      (spec as any).paths as Record<string, object>,
    )
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(method => `${method} ${path}`),
      )
      .sort();
    expect(routes).toEqual(documented);
    expect(routes).toHaveLength(18);
  });
});
