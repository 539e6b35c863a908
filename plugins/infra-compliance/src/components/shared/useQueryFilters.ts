import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { Location, useLocation, useSearchParams } from 'react-router-dom';

/** Where a page's filters are in its address, when not under their names. */
export interface QueryFilterNames {
  /** Before each filter's name (`ic.` for `ic.category`). */
  prefix: string;
  /** The filters that a link from before the prefix has under their bare names. */
  unprefixed: readonly string[];
}

/**
 * The parameters of the filters named `names`, by name: those under the
 * prefix, or, in an address with none, the bare names of a link from before
 * the prefix, which are then the filters' own.
 */
function ownParams(
  query: URLSearchParams,
  names: readonly string[],
  where: QueryFilterNames | undefined,
): { params: URLSearchParams; legacy: boolean } {
  const read = (ownNames: readonly string[], prefix: string) => {
    const params = new URLSearchParams();
    for (const name of ownNames) {
      const value = query.get(`${prefix}${name}`);
      if (value !== null) params.set(name, value);
    }
    return params;
  };
  const params = read(names, where?.prefix ?? '');
  if (!where || params.toString()) return { params, legacy: false };
  const bare = read(where.unprefixed, '');
  return { params: bare, legacy: Boolean(bare.toString()) };
}

/**
 * The address the filters last wrote over each location the page rendered,
 * until the page renders the next: shared by all the filters of a page (the
 * organisation page's services' and teams'), a change starts from it, not
 * from the address rendered, which lacks it (the teams' first page,
 * correcting the address just after the services' did, undid their
 * correction). By the location, which the router makes anew for each
 * navigation, not by its query: a change another navigation overtook (to
 * the same query) is not written again with the next, and each router's
 * filters keep to its own address.
 */
const unrendered = new WeakMap<Location, URLSearchParams>();

/** Filters as one string, to compare two sets of them. */
function filtersKey(filters: Record<string, string>): string {
  return new URLSearchParams(Object.entries(filters).sort()).toString();
}

/**
 * A page's filters, kept in its query string (`?category=iam&status=all`) as
 * Backstage's catalog keeps its own: the address is a link to the filtered
 * list, and a reload, Back or Forward finds the filters again. On a page
 * that other plugins share (an entity page), `names` puts them under a
 * prefix (`?ic.category=iam`), and still reads a link from before it.
 *
 * `read` takes each filter from the query, its default when the query has no
 * valid value: a mistyped or outdated link shows the default, not an error. A
 * change writes every filter of `defaults` (an invalid value goes, a default
 * is left out) and keeps the query's other parameters, another component's.
 * It replaces the history entry, as the catalog does: Back leaves the page
 * instead of stepping back through each filter (or each typed letter); with
 * `push`, for a change that undoes a link's (its own entry), it adds one.
 *
 * The setter keeps its identity (a table's `onStateChange` effect runs again
 * for a new one), and writes nothing when no filter changes. A change made
 * before the page renders the last one (another table's on the same page,
 * under other names) starts from it, and keeps it.
 *
 * The filters named in `settled` (a table's page, size and sort) are read
 * from the address alone: an invalid value of one is replaced in the
 * address as soon as it is read, for the value shown.
 *
 * The third value changes when the filters change in the address other than
 * through the setter (Back or Forward to another visit of the same page, a
 * link to it): a component that holds a filter in a state of its own, read
 * when it mounts only (a table's search), takes it as part of its key.
 */
export function useQueryFilters<Filters extends Record<string, string>>(
  defaults: Filters,
  read: (query: URLSearchParams) => Filters,
  names?: QueryFilterNames,
  settled: readonly string[] = [],
): [
  Filters,
  (changes: Partial<Filters>, options?: { push?: boolean }) => void,
  number,
] {
  const [query, setQuery] = useSearchParams();
  const own = ownParams(query, Object.keys(defaults), names);
  const prefix = names?.prefix ?? '';
  const filters = read(own.params);
  const location = useLocation();
  const latest = useRef({ query, location, setQuery, read });
  latest.current = { query, location, setQuery, read };
  // The filters the setter wrote and the page has not shown yet, told from
  // the address's other changes. A list: two writes can come before a render.
  const written = useRef<string[]>([]);
  const shownKey = filtersKey(filters);
  const [shown, setShown] = useState({ key: shownKey, addressChanges: 0 });
  if (shown.key !== shownKey) {
    setShown({
      key: shownKey,
      addressChanges: written.current.includes(shownKey)
        ? shown.addressChanges
        : shown.addressChanges + 1,
    });
  }
  useLayoutEffect(() => {
    // Shown: this write and the earlier ones are done.
    written.current.splice(0, written.current.indexOf(shownKey) + 1);
  }, [shownKey]);
  /**
   * The filters of the latest address (the one written and not rendered, or
   * the one rendered), that address, and whether the filters are a link's
   * from before the prefix.
   */
  const latestFilters = useCallback(() => {
    const current = latest.current;
    const address = unrendered.get(current.location) ?? current.query;
    const { params, legacy } = ownParams(address, Object.keys(defaults), names);
    return { address, filters: current.read(params), legacy };
  }, [defaults, names]);
  /** Writes the latest filters with `changes`; with none, as they show (an invalid value gone). */
  const write = useCallback(
    (changes: Partial<Filters>, push: boolean) => {
      const current = latest.current;
      const { address, filters: before, legacy } = latestFilters();
      const values: Filters = { ...before, ...changes };
      const key = filtersKey(values);
      if (key !== filtersKey(before)) written.current.push(key);
      const next = new URLSearchParams(address);
      // A link from before the prefix: its bare names go with the first change.
      if (legacy) names?.unprefixed.forEach(name => next.delete(name));
      for (const [name, value] of Object.entries(values)) {
        if (value === defaults[name]) next.delete(`${prefix}${name}`);
        else next.set(`${prefix}${name}`, value);
      }
      unrendered.set(current.location, next);
      current.setQuery(next, { replace: !push });
    },
    [defaults, names, prefix, latestFilters],
  );
  const setFilters = useCallback(
    (changes: Partial<Filters>, options: { push?: boolean } = {}) => {
      // A table reports its search as it mounts: the address stays as it was.
      const { filters: before } = latestFilters();
      const unchanged = Object.entries(changes).every(
        ([name, value]) => before[name] === value,
      );
      if (!unchanged) write(changes, Boolean(options.push));
    },
    [latestFilters, write],
  );
  // A `settled` filter's invalid value (`?size=37`, shown as the default
  // 20) goes from the address at once: the address said one page size and
  // the table another, and a link made from the address (a rule's, keeping
  // the page size) carried it on. Only those read from the address alone:
  // another (a rule of the backend's catalog) may be valid once data loads.
  const unsettled = settled
    .filter(name => {
      const value = own.params.get(name);
      return value !== null && value !== filters[name];
    })
    .map(name => `${name}=${own.params.get(name)}`)
    .join('&');
  // Not a layout effect: the router ignores a navigation from one as the page mounts.
  useEffect(() => {
    // The shown filters, written as they are: no change of the filters.
    if (unsettled) write({}, false);
  }, [unsettled, write]);
  return [filters, setFilters, shown.addressChanges];
}
