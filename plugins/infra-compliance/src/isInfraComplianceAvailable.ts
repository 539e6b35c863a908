import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';

/** Annotation with which an entity opts out of scans. */
export const INFRA_COMPLIANCE_SKIP_ANNOTATION = 'infra-compliance/skip';

/**
 * Whether the backend can scan the entity: it has a source location, or is
 * managed by a `file:` location (the local examples), and has not opted out.
 * Mirrors the backend's own test, for `EntitySwitch`.
 */
export function isInfraComplianceAvailable(entity: Entity): boolean {
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
