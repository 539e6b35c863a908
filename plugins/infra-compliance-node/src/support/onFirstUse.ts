/**
 * A value made the first time it is read, then kept. The CLI starts anew on
 * every run: a table only one format's files read is not built by a run that
 * scans none of them.
 */
export function onFirstUse<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
