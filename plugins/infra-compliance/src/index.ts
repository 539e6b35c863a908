/**
 * Infra Compliance frontend plugin: a service's Compliance tab and overview
 * card, a group roll-up card and the org-wide Compliance page.
 *
 * @packageDocumentation
 */
export {
  infraCompliancePlugin,
  InfraCompliancePage,
  EntityInfraComplianceContent,
  EntityInfraComplianceCard,
  InfraComplianceGroupCard,
} from './plugin';
export {
  isInfraComplianceAvailable,
  INFRA_COMPLIANCE_SKIP_ANNOTATION,
} from './isInfraComplianceAvailable';
export { rootRouteRef as infraComplianceRouteRef } from './routes';
export * from './api';
