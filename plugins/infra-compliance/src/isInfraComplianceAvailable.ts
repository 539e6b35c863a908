import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';

/** Annotation with which an entity opts out of scans. */
export const INFRA_COMPLIANCE_SKIP_ANNOTATION = 'infra-compliance/skip';

/**
 * Whether the backend can scan the entity: a Component (the backend's
 * default `infraCompliance.kinds`; a Group, User, Location or System is
 * never scanned), with a source location, or managed by a `file:` location
 * (the local examples), that has not opted out. Mirrors the backend's own
 * test, for `EntitySwitch`. An app whose backend scans more kinds can pass
 * its own filter (in the new frontend system, the extension's `filter`
 * config).
 */
export function isInfraComplianceAvailable(entity: Entity): boolean {
  if (entity.kind?.toLocaleLowerCase('en-US') !== 'component') {
    return false;
  }
  const annotations = entity.metadata.annotations ?? {};
  const skip = annotations[INFRA_COMPLIANCE_SKIP_ANNOTATION];
  if (skip?.trim().toLocaleLowerCase('en-US') === 'true') {
    return false;
  }
  return Boolean(
    annotations[ANNOTATION_SOURCE_LOCATION] ||
      annotations[ANNOTATION_LOCATION]?.startsWith('file:'),
  );
}
