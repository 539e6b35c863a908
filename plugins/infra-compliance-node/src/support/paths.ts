import fs from 'node:fs';
import { dirname, join, sep } from 'node:path';

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

/** A local path with forward slashes, as report paths are written. */
export function toPosix(file: string): string {
  return file.split(sep).join('/');
}
