import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/** What a remote table's last answer said: its row count, or its error. */
export interface PagedTableStatus {
  total?: number;
  error?: Error;
}

/**
 * The status of a remote table's last answer for what it shows now, `key`
 * (its entity and filters). Another key's count is not shown while the new
 * key's first page loads, and an answer for an earlier key, come late (a
 * reload still on its way when the user moved to another entity or filter),
 * changes nothing: it used to put the previous entity's count, or no count,
 * over the new one. `callbacksFor(key)` are pagedTableData's callbacks for
 * the data of `key`.
 */
export function usePagedTableStatus(key: string): PagedTableStatus & {
  callbacksFor(dataKey: string): {
    onLoad(page: { totalCount: number }): void;
    onError(error: Error): void;
  };
} {
  const [status, setStatus] = useState<PagedTableStatus & { key: string }>();
  // Layout effect: set before any answer for the new key can come.
  const shownKey = useRef(key);
  useLayoutEffect(() => {
    shownKey.current = key;
  }, [key]);
  const callbacksFor = useCallback(
    (dataKey: string) => ({
      onLoad(page: { totalCount: number }) {
        if (dataKey === shownKey.current) {
          setStatus({ key: dataKey, total: page.totalCount });
        }
      },
      onError(error: Error) {
        if (dataKey === shownKey.current) setStatus({ key: dataKey, error });
      },
    }),
    [],
  );
  const shown = status?.key === key ? status : undefined;
  return { total: shown?.total, error: shown?.error, callbacksFor };
}
