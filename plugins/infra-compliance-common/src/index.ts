/**
 * Shared types, the rule catalog and the scorecard formula of the Infra
 * Compliance plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './scorecard';
export * from './rules';
export * from './permissions';
export * from './api';
export * from './notModelled';
export * from './sourceLocations';
