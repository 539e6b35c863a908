export { EntityInfraComplianceCard } from './EntityInfraComplianceCard';
