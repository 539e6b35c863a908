import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import type { scmIntegrationsApiRef } from '@backstage/integration-react';

type ScmIntegrationRegistry = typeof scmIntegrationsApiRef.T;

/**
 * The URL of a file (a finding's, at its line; one the scan skipped) in the
 * entity's repository, when the entity's source location is a `url:`;
 * undefined for local `dir:` sources, which a browser cannot open.
 */
export function sourceFileUrl(
  entity: Entity,
  scmIntegrations: ScmIntegrationRegistry,
  place: { file: string; line?: number },
): string | undefined {
  const annotation = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  if (!annotation) return undefined;
  try {
    const location = parseLocationRef(annotation);
    if (location.type !== 'url') return undefined;
    // The source location is the folder the scan read, with or without its
    // trailing slash; resolved without one, a file would lose the folder's
    // name. The slash ends the path, before a query naming the branch.
    const base = new URL(location.target);
    if (!base.pathname.endsWith('/')) base.pathname = `${base.pathname}/`;
    return scmIntegrations.resolveUrl({
      url: place.file,
      base: base.toString(),
      lineNumber: place.line,
    });
  } catch {
    return undefined;
  }
}
