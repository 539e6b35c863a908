import path from 'node:path';
import { realPathOf, realPathResolver } from '../support/paths';

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
 * What a report path names: a file the scan read (or that findings name),
 * or an entry the report lists as skipped.
 */
export type NamedInReport = 'file' | 'skipped';

/**
 * How a report read from the repository's root names a report path: from
 * that root (see pathsFromRoot) when `srcRoot` is known, else as the report
 * has it. Outside a repository, from `rootOutsideRepository`, else by the
 * absolute path: a path from the folder scanned, which the reader does not
 * know, would name another file.
 */
export function repositoryPaths(
  options: RepositoryPathOptions,
): (file: string, named?: NamedInReport) => string {
  const { srcRoot } = options;
  if (!srcRoot) return file => file;
  const root = options.repositoryRoot ?? options.rootOutsideRepository;
  if (root === undefined) return realPathsNamed(srcRoot);
  const fromRoot = pathsFromRoot(srcRoot, realPathOf(root));
  return (file, named) => fromRoot(file, named).path;
}

/**
 * The real path of what a report path (relative to `srcRoot`) names: a file
 * where it is, one read through a symlink at the link's target; but an
 * entry listed as skipped, under its own name in its folder's real path: a
 * symlink the walk did not follow (out of the folder scanned, or broken) is
 * what was skipped, not the file or folder it leads to. Each folder is
 * resolved once for all the paths of a report (see realPathResolver).
 */
function realPathsNamed(
  srcRoot: string,
): (file: string, named?: NamedInReport) => string {
  const realPath = realPathResolver();
  return (file, named = 'file') => {
    const absolute = path.resolve(srcRoot, file);
    // The folder scanned itself (`.`, unreadable) is named as a path given is: by its real path.
    if (named === 'file' || absolute === path.resolve(srcRoot))
      return realPath(absolute);
    return path.join(realPath(path.dirname(absolute)), path.basename(absolute));
  };
}

/**
 * How a code-scanning service names a report path (relative to `srcRoot`,
 * the directory the scan named its files from): `/`-separated from `root`
 * (the repository's, a real path), the file by its real path (one reached
 * through a symlink is named where it is; a skipped entry, see
 * realPathsNamed, as the link it is). A file outside `root` has its
 * absolute real path instead: a path climbing out with `../` resolves
 * nowhere in the repository.
 */
export function pathsFromRoot(
  srcRoot: string,
  root: string,
): (file: string, named?: NamedInReport) => { inside: boolean; path: string } {
  const realPathNamed = realPathsNamed(srcRoot);
  return (file, named) => {
    const absolute = realPathNamed(file, named);
    const fromRoot = path.relative(root, absolute).split(path.sep).join('/');
    if (
      fromRoot === '..' ||
      fromRoot.startsWith('../') ||
      path.isAbsolute(fromRoot)
    ) {
      return { inside: false, path: absolute };
    }
    return { inside: true, path: fromRoot };
  };
}
