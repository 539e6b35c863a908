import fs from 'node:fs';

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
