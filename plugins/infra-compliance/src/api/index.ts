export { infraComplianceApiRef } from './InfraComplianceApi';
export type { InfraComplianceApi } from './InfraComplianceApi';
export { InfraComplianceClient } from './InfraComplianceClient';
export type * from './types';
