import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  FactRetriever,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { infraComplianceFactRetriever } from './infraComplianceFactRetriever';
import { techInsightsModuleInfraCompliance } from './module';

/**
 * A Tech Insights plugin that offers the fact retrievers' extension point,
 * as the real one does, and keeps what the modules add to it.
 */
function techInsightsStandIn(added: Record<string, FactRetriever>) {
  return createBackendPlugin({
    pluginId: 'tech-insights',
    register(env) {
      env.registerExtensionPoint(techInsightsFactRetrieversExtensionPoint, {
        addFactRetrievers(factRetrievers) {
          Object.assign(added, factRetrievers);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('techInsightsModuleInfraCompliance', () => {
  it('adds the fact retriever under its id, for the kinds the backend scans by default', async () => {
    const added: Record<string, FactRetriever> = {};
    await startTestBackend({
      features: [techInsightsStandIn(added), techInsightsModuleInfraCompliance],
    });
    expect(Object.keys(added)).toEqual(['infraComplianceFactRetriever']);
    expect(added.infraComplianceFactRetriever).toMatchObject({
      id: 'infraComplianceFactRetriever',
      version: '1.0.0',
      entityFilter: { kind: ['Component'] },
      schema: infraComplianceFactRetriever.schema,
    });
  });

  it('adds it for the kinds of infraCompliance.kinds', async () => {
    const added: Record<string, FactRetriever> = {};
    await startTestBackend({
      features: [
        techInsightsStandIn(added),
        techInsightsModuleInfraCompliance,
        mockServices.rootConfig.factory({
          data: { infraCompliance: { kinds: ['Component', 'Resource'] } },
        }),
      ],
    });
    expect(added.infraComplianceFactRetriever.entityFilter).toEqual({
      kind: ['Component', 'Resource'],
    });
  });
});
