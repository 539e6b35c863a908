import { useCallback, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * A page's filters, kept in its query string (`?category=iam&status=all`) as
 * Backstage's catalog keeps its own: the address is a link to the filtered
 * list, and a reload, Back or Forward finds the filters again.
 *
 * `read` takes each filter from the query, its default when the query has no
 * valid value: a mistyped or outdated link shows the default, not an error. A
 * change writes every filter of `defaults` (an invalid value goes, a default
 * is left out) and keeps the query's other parameters, another component's.
 * It replaces the history entry, as the catalog does: Back leaves the page
 * instead of stepping back through each filter (or each typed letter).
 *
 * The setter keeps its identity (a table's `onStateChange` effect runs again
 * for a new one), and writes nothing when no filter changes.
 */
export function useQueryFilters<Filters extends Record<string, string>>(
  defaults: Filters,
  read: (query: URLSearchParams) => Filters,
): [Filters, (changes: Partial<Filters>) => void] {
  const [query, setQuery] = useSearchParams();
  const filters = read(query);
  const latest = useRef({ query, setQuery, filters });
  latest.current = { query, setQuery, filters };
  const setFilters = useCallback(
    (changes: Partial<Filters>) => {
      const current = latest.current;
      // A table reports its search as it mounts: the address stays as it was.
      const unchanged = Object.entries(changes).every(
        ([name, value]) => current.filters[name] === value,
      );
      if (unchanged) return;
      const next = new URLSearchParams(current.query);
      const values: Filters = { ...current.filters, ...changes };
      for (const [name, value] of Object.entries(values)) {
        if (value === defaults[name]) next.delete(name);
        else next.set(name, value);
      }
      current.setQuery(next, { replace: true });
    },
    [defaults],
  );
  return [filters, setFilters];
}
