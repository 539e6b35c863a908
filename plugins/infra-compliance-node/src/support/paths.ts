/** The folder of a `/`-separated path of the scanned tree: '' for a file at its root. */
export function folderOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}
