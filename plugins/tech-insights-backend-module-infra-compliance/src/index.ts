/**
 * Tech Insights backend module: each service's Infra Compliance grade,
 * scores, open findings and last scans as Tech Insights facts.
 *
 * @packageDocumentation
 */
export { techInsightsModuleInfraCompliance as default } from './module';
export { techInsightsModuleInfraCompliance } from './module';
export {
  INFRA_COMPLIANCE_FACT_RETRIEVER_ID,
  createInfraComplianceFactRetriever,
  infraComplianceFactRetriever,
} from './infraComplianceFactRetriever';
