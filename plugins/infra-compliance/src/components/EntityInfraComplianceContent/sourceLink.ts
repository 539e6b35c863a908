import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import type { scmIntegrationsApiRef } from '@backstage/integration-react';
import { sourceLocationFileUrl } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import type { Scan } from '../../api';

type ScmIntegrationRegistry = typeof scmIntegrationsApiRef.T;

/**
 * The source location (a location ref: `url:…`, `dir:…`) a scan's paths
 * are relative to: the one it read, which the entity may have left since (a
 * repository moved, another branch); the entity's for a scan recorded
 * without it. A string, which stays the same across reloads.
 */
export function scannedLocation(
  scan: Scan | undefined,
  entity: Entity,
): string | undefined {
  return scan?.source
    ? `${scan.source.type}:${scan.source.target}`
    : entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
}

/**
 * The URL of a file (a finding's, at its line; one the scan skipped) in the
 * repository of a `url:` source location; undefined for local `dir:`
 * sources, which a browser cannot open.
 */
export function sourceFileUrl(
  sourceLocation: string | undefined,
  scmIntegrations: ScmIntegrationRegistry,
  place: { file: string; line?: number },
): string | undefined {
  if (!sourceLocation) return undefined;
  try {
    return sourceLocationFileUrl(
      parseLocationRef(sourceLocation),
      scmIntegrations,
      place,
    );
  } catch {
    return undefined;
  }
}
