import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { DEFAULT_SCANNED_KINDS } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  INFRA_COMPLIANCE_FACT_RETRIEVER_ID,
  createInfraComplianceFactRetriever,
} from './infraComplianceFactRetriever';

/**
 * Adds the Infra Compliance fact retriever to Tech Insights, for the kinds
 * of `infraCompliance.kinds` (the kinds the backend scans). Tech Insights
 * schedules it only once `techInsights.factRetrievers.infraComplianceFactRetriever`
 * is configured (its `cadence`, and optionally `lifecycle`, `timeout` and
 * `initialDelay`).
 *
 * @public
 */
export const techInsightsModuleInfraCompliance = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'infra-compliance',
  register(env) {
    env.registerInit({
      deps: {
        providers: techInsightsFactRetrieversExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const kinds =
          config.getOptionalStringArray('infraCompliance.kinds') ??
          DEFAULT_SCANNED_KINDS;
        providers.addFactRetrievers({
          [INFRA_COMPLIANCE_FACT_RETRIEVER_ID]:
            createInfraComplianceFactRetriever({ kinds }),
        });
      },
    });
  },
});
