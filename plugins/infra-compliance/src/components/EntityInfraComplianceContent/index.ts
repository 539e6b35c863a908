export { EntityInfraComplianceContent } from './EntityInfraComplianceContent';
