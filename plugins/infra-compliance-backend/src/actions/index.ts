import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { InfraComplianceConfig } from '../config';
import { ComplianceOperations } from '../service/ComplianceOperations';
import { createGetRuleAction } from './createGetRuleAction';
import { createGetScorecardAction } from './createGetScorecardAction';
import { createListFindingsAction } from './createListFindingsAction';
import { createListServicesAction } from './createListServicesAction';
import { createScanEntityAction } from './createScanEntityAction';

/**
 * Registers the plugin's actions with Backstage's actions registry, which
 * the MCP actions backend serves to AI assistants as tools: the scorecard,
 * findings and services the REST API serves, its rules, and a scan on
 * demand, on behalf of the caller's credentials.
 */
export function registerInfraComplianceActions(options: {
  actionsRegistry: ActionsRegistryService;
  operations: ComplianceOperations;
  config: InfraComplianceConfig;
  scmIntegrations: ScmIntegrationRegistry;
}) {
  createGetScorecardAction(options);
  createListFindingsAction(options);
  createListServicesAction(options);
  createGetRuleAction(options);
  createScanEntityAction(options);
}
