/**
 * What a repository location that names no branch (`https://github.com/acme/mono`)
 * needs after it for paths in the default branch, which is what a scan of
 * it read: the branch, as HEAD, in the host's URL form. Empty for a
 * location that names a branch or a folder, and for hosts whose URL form is
 * not known here. `hostType` is the SCM integration's type of the URL's
 * host (`github`, `gitlab`, …), as `@backstage/integration` reads it.
 *
 * @public
 */
export function defaultBranchPath(
  location: URL,
  hostType: string | undefined,
): string {
  const names = location.pathname.split('/').filter(Boolean);
  switch (hostType) {
    case 'github':
      return names.length === 2 ? 'tree/HEAD/' : '';
    case 'gitlab':
      // Groups nest, so a repository's path has no fixed length; its pages
      // are under `/-/` (`/tree/` in older links).
      return names.length >= 2 &&
        !names.some(name => name === '-' || name === 'tree' || name === 'blob')
        ? '-/tree/HEAD/'
        : '';
    default:
      return '';
  }
}

/**
 * What a link into a repository needs of Backstage's SCM integrations: an
 * `ScmIntegrationRegistry` of `@backstage/integration`, as the backend and
 * the app both have one.
 *
 * @public
 */
export interface ScmUrlResolver {
  byUrl(url: string | URL): { type: string } | undefined;
  resolveUrl(options: {
    url: string;
    base: string;
    lineNumber?: number;
  }): string;
  azure: { byUrl(url: string | URL): unknown };
}

/**
 * The URL of a file (a finding's, at its line; one a scan skipped) in the
 * repository of a `url` source location, the one the scan read; undefined
 * for local `dir`/`file` sources, which a browser cannot open, and for a
 * target that is no URL.
 *
 * @public
 */
export function sourceLocationFileUrl(
  location: { type: string; target: string } | undefined,
  scmIntegrations: ScmUrlResolver,
  place: { file: string; line?: number },
): string | undefined {
  if (location?.type !== 'url') return undefined;
  try {
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
  scmIntegrations: ScmUrlResolver,
  place: { file: string; line?: number },
): string {
  // A `+` in `version` is a plus, as the scan reads it (a ref's name holds
  // no space). Encoded: the query's rewriting below reads a bare `+` as a
  // form does, as a space, and writes it back as `+`, which whatever reads
  // the link's query as a form (Backstage's Azure reader does) takes for a
  // space too (`release 2026`); `%2B` is a plus however it is read.
  base.search = base.search.replace(
    /([?&]version=)([^&#]*)/,
    (_, name, value) => `${name}${value.replace(/\+/g, '%2B')}`,
  );
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
