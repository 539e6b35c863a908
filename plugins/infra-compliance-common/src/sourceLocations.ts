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
