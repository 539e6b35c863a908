/**
 * A constant table that is read with keys taken from scanned input (a
 * resource type, an event type, a policy template name). It has no
 * prototype, so that a template whose resource type is `constructor` or
 * `__proto__` finds nothing in it instead of one of Object's members.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
