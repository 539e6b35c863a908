import fs from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** The folder of a `/`-separated path of the scanned tree: '' for a file at its root. */
export function folderOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}

/** The real path of a local file or folder (symlinks resolved), or the path as given where there is none to read. */
export function realPathOf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * realPathOf for many files, each folder on their paths resolved once: a
 * file's real path is its folder's plus its name, unless it is a link
 * itself. realpathSync resolves a path a component at a time, again for
 * each file: for files under paths through many links (a report path a
 * hundred folders deep, each reached by a link), that was thousands of
 * calls to the file system per file.
 */
export function realPathResolver(): (file: string) => string {
  const folders = new Map<string, string>();
  /** The real path of `entry`, in a folder whose real path is `folderReal`; undefined where there is none. */
  const realEntry = (entry: string, folderReal: string) => {
    const inReal = join(folderReal, basename(entry));
    try {
      return fs.lstatSync(inReal).isSymbolicLink()
        ? fs.realpathSync(inReal)
        : inReal;
    } catch {
      return undefined;
    }
  };
  const realFolder = (folder: string): string => {
    // Up to the nearest folder known (the root is its own), then down, each once.
    const unknown: string[] = [];
    let known = folders.get(folder);
    for (let up = folder; known === undefined; ) {
      unknown.push(up);
      const parent = dirname(up);
      known = parent === up ? up : folders.get((up = parent));
    }
    for (const down of unknown.reverse()) {
      known = dirname(down) === down ? down : realEntry(down, known) ?? down;
      folders.set(down, known);
    }
    return known;
  };
  return file => {
    const absolute = resolve(file);
    const folder = dirname(absolute);
    if (folder === absolute) return absolute;
    // As realPathOf: a path that cannot be resolved as given, relative or not.
    return realEntry(absolute, realFolder(folder)) ?? file;
  };
}

/**
 * The root of the Git work tree `directory` is in: the nearest folder up
 * from it holding `.git` (a folder, or a file in a linked work tree or a
 * submodule).
 */
export function repositoryRootOf(directory: string): string | undefined {
  for (let folder = directory; ; folder = dirname(folder)) {
    if (fs.existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * Whether `folder` (absolute) is `other` or below it, by its path: every
 * folder is below the root of the file system (`/`, `C:\`), whose path
 * alone ends in a separator.
 */
export function isAtOrBelow(folder: string, other: string): boolean {
  return (
    folder === other ||
    folder.startsWith(other.endsWith(sep) ? other : `${other}${sep}`)
  );
}

/** A local path with forward slashes, as report paths are written. */
export function toPosix(file: string): string {
  return file.split(sep).join('/');
}
