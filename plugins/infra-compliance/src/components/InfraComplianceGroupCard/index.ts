export { InfraComplianceGroupCard } from './InfraComplianceGroupCard';
