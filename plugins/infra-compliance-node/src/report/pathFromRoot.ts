import path from 'node:path';
import { realPathOf } from '../support/paths';

/** Where the files of a report are, for a report read from the repository's root. */
export interface RepositoryPathOptions {
  /** Absolute directory the report's paths are relative to. */
  srcRoot?: string;
  /**
   * Absolute root of the repository `srcRoot` is in (only with `srcRoot`):
   * GitHub and GitLab read a path from the repository's root, so the paths
   * are written from there.
   */
  repositoryRoot?: string;
  /**
   * Where no repository holds the files (no `repositoryRoot`): the
   * directory their paths are written from instead, the one the scan ran in
   * (a CI job runs in its checkout, whose root GitLab reads paths from).
   * Without it, those paths are absolute.
   */
  rootOutsideRepository?: string;
}

/**
 * How a report read from the repository's root names a report path: from
 * that root (see pathFromRoot) when `srcRoot` is known, else as the report
 * has it. Outside a repository, from `rootOutsideRepository`, else by the
 * absolute path: a path from the folder scanned, which the reader does not
 * know, would name another file.
 */
export function repositoryPaths(
  options: RepositoryPathOptions,
): (file: string) => string {
  const { srcRoot } = options;
  if (!srcRoot) return file => file;
  const root = options.repositoryRoot ?? options.rootOutsideRepository;
  if (root === undefined)
    return file => realPathOf(path.resolve(srcRoot, file));
  const realRoot = realPathOf(root);
  return file => pathFromRoot(file, srcRoot, realRoot).path;
}

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
