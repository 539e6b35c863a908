import { RefObject, useCallback, useEffect, useRef } from 'react';

/** What of material-table's instance a reload uses. */
interface RemoteTable {
  onQueryChange(query?: { page?: number }, callback?: () => void): void;
}

/**
 * Reloads a remote-data Table in place when `reloadKey` changes (after a scan
 * or a waiver): it asks for its page again and keeps showing the rows it has
 * until the new ones arrive. A remounted table emptied, shrank and grew back
 * as its rows came, and with it everything below it moved: a control just
 * focused there was scrolled out of view. The page the user reads stays, or
 * the last one if the list shrank past it (pagedTableData): a user reading
 * page 3 of the findings was sent back to the first at every scan, waiver
 * or change read at the minute.
 *
 * `focusAfterReload` is for after a dialog's action: the next reload's rows
 * no longer have the control that opened the dialog (a revoked waiver has no
 * Revoke, a waived finding leaves the Open list and its panel), so once they
 * are on the page the focus goes to `regionRef`, the table's region, instead
 * of falling to the page's body. Only that reload's rows take the focus, and
 * only from the body or the table itself: a later reload (after the user's
 * next action in another table), or the user's own move meanwhile, keeps it.
 */
export function useTableReload<T extends HTMLElement>(
  reloadKey: number,
): {
  tableRef: RefObject<RemoteTable>;
  regionRef: RefObject<T>;
  focusAfterReload(): void;
} {
  const tableRef = useRef<RemoteTable>(null);
  const regionRef = useRef<T>(null);
  const shownKey = useRef(reloadKey);
  const focusRequested = useRef(false);
  useEffect(() => {
    if (reloadKey === shownKey.current) return;
    shownKey.current = reloadKey;
    // The request is this reload's: a reload that a newer one replaces never
    // ends, nor one whose table another entity replaced, and a request left
    // pending would take the focus at some later reload (a scan's, another
    // table's action's).
    const focus = focusRequested.current;
    focusRequested.current = false;
    tableRef.current?.onQueryChange({}, () => {
      const region = regionRef.current;
      if (!focus || !region) return;
      const focused = document.activeElement;
      if (focused && focused !== document.body && !region.contains(focused)) {
        return;
      }
      region.focus();
    });
  }, [reloadKey]);
  const focusAfterReload = useCallback(() => {
    focusRequested.current = true;
  }, []);
  return { tableRef, regionRef, focusAfterReload };
}
