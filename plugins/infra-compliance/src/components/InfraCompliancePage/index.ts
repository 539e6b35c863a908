export { InfraCompliancePage } from './InfraCompliancePage';
