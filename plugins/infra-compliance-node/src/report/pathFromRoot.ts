import path from 'node:path';
import { realPathOf } from '../support/paths';

/**
 * A report path (relative to `srcRoot`, the directory the scan named its
 * files from) as a code-scanning service names the file: `/`-separated from
 * `root` (the repository's, a real path), the file by its real path (one
 * reached through a symlink is named where it is). A file outside `root`
 * has its absolute real path instead: a path climbing out with `../`
 * resolves nowhere in the repository.
 */
export function pathFromRoot(
  file: string,
  srcRoot: string,
  root: string,
): { inside: boolean; path: string } {
  const absolute = realPathOf(path.resolve(srcRoot, file));
  const fromRoot = path.relative(root, absolute).split(path.sep).join('/');
  if (
    fromRoot === '..' ||
    fromRoot.startsWith('../') ||
    path.isAbsolute(fromRoot)
  ) {
    return { inside: false, path: absolute };
  }
  return { inside: true, path: fromRoot };
}
