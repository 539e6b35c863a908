import { onFirstUse } from './onFirstUse';

/**
 * A constant table that is read with keys taken from scanned input (a
 * resource type, an event type, a policy template name). It has no
 * prototype, so that a template whose resource type is `constructor` or
 * `__proto__` finds nothing in it instead of one of Object's members.
 */
export function lookupTable<T>(
  entries: Record<string, T>,
): Readonly<Record<string, T>> {
  return Object.freeze(
    Object.assign(Object.create(null) as Record<string, T>, entries),
  );
}

/**
 * A lookupTable written as the JSON text of its entries (a generated one),
 * made the first time it is read: a run that reads none of it does not
 * build it, and parsing JSON costs less than compiling and running an
 * object literal of the same entries.
 */
export function lookupTableOfJson<T>(
  json: string,
): () => Readonly<Record<string, T>> {
  return onFirstUse(() => lookupTable<T>(JSON.parse(json)));
}
