/**
 * Infra Compliance backend plugin: catalog-driven scans of infrastructure
 * code on a schedule and on demand, findings with history, scorecards,
 * waivers, SARIF export and a REST API.
 *
 * @packageDocumentation
 */
export { infraCompliancePlugin as default } from './plugin';
export { infraCompliancePlugin } from './plugin';
