/**
 * Scaffolder backend module: the `infra-compliance:scan` action, which
 * scans the infrastructure code a software template generated in its
 * workspace with the Infra Compliance rules.
 *
 * @packageDocumentation
 */
export { scaffolderModuleInfraCompliance as default } from './module';
export { scaffolderModuleInfraCompliance } from './module';
export {
  INFRA_COMPLIANCE_SCAN_ACTION_ID,
  createInfraComplianceScanAction,
} from './actions/scan';
