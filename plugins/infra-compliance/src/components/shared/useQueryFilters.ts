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
 */
export function useQueryFilters<Filters extends Record<string, string>>(
  defaults: Filters,
  read: (query: URLSearchParams) => Filters,
): [Filters, (changes: Partial<Filters>) => void] {
  const [query, setQuery] = useSearchParams();
  const filters = read(query);
  const setFilters = (changes: Partial<Filters>) => {
    const next = new URLSearchParams(query);
    const values: Filters = { ...filters, ...changes };
    for (const [name, value] of Object.entries(values)) {
      if (value === defaults[name]) next.delete(name);
      else next.set(name, value);
    }
    setQuery(next, { replace: true });
  };
  return [filters, setFilters];
}
