import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import type { scmIntegrationsApiRef } from '@backstage/integration-react';
import { defaultBranchPath } from '@infra-compliance/backstage-plugin-infra-compliance-common';
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
    const location = parseLocationRef(sourceLocation);
    if (location.type !== 'url') return undefined;
    const base = new URL(location.target);
    if (scmIntegrations.azure.byUrl(base)) {
      return azureFileUrl(base, scmIntegrations, place);
    }
    // The source location is the folder the scan read, with or without its
    // trailing slash; resolved without one, a file would lose the folder's
    // name. The slash ends the path, before a query naming the branch.
    if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
    base.pathname += defaultBranchPath(base, scmIntegrations.byUrl(base)?.type);
    return scmIntegrations.resolveUrl({
      url: encodedPath(place.file.split('/')),
      base: base.toString(),
      lineNumber: place.line,
    });
  } catch {
    return undefined;
  }
}

/**
 * A path resolved as a relative URL, each name encoded: a `#` or `?` in one
 * would start its fragment or query, a `%` an escape, a `:` its scheme.
 */
function encodedPath(names: string[]): string {
  return names.map(encodeURIComponent).join('/');
}

/**
 * The URL of a file in Azure DevOps, which names the folder in the query
 * (`?path=`). resolveUrl resolves a file against that path as against a
 * URL's (without a trailing slash, the folder's last name is lost) and
 * sets the result as encoded in a URL, to be encoded again. So the file's
 * whole path is resolved from the repository's root, and then decoded.
 */
function azureFileUrl(
  base: URL,
  scmIntegrations: ScmIntegrationRegistry,
  place: { file: string; line?: number },
): string {
  const folder = base.searchParams.get('path') ?? '';
  base.searchParams.delete('path');
  const link = new URL(
    scmIntegrations.resolveUrl({
      url: encodedPath(
        [...folder.split('/'), ...place.file.split('/')].filter(Boolean),
      ),
      base: base.toString(),
      lineNumber: place.line,
    }),
  );
  link.searchParams.set(
    'path',
    decodeURIComponent(link.searchParams.get('path') ?? ''),
  );
  return link.toString();
}
