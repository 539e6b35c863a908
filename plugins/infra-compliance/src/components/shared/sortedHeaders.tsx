import {
  createContext,
  ReactNode,
  useContext,
  useLayoutEffect,
  useRef,
} from 'react';
import type { TableColumn } from '@backstage/core-components';

/**
 * The sort a table's rows show: the API's sort key of the sorted column
 * (none for the API's order) and its order.
 */
export interface ShownSort {
  sort: string;
  order: 'asc' | 'desc';
}

const ShownSortContext = createContext<ShownSort>({ sort: '', order: 'asc' });

/**
 * Around a table whose columns went through withSortedHeaders: the sort its
 * rows show (for a paged table, the one of the page last loaded), that its
 * headers say.
 */
export const ShownTableSort = ShownSortContext.Provider;

/**
 * A sortable column's title, which gives its header cell `aria-sort` while
 * the rows show the column's sort, and none otherwise (WAI-ARIA: on the
 * sorted column's header only). material-table renders the header cells, and
 * gives none of them the attribute: a screen reader was not told the sort.
 * The title is the column's part of its header cell, so it sets the
 * attribute on the cell, which React leaves alone.
 */
function SortableTitle(props: { sortKey: string; children: ReactNode }) {
  const { sort, order } = useContext(ShownSortContext);
  const title = useRef<HTMLSpanElement>(null);
  let direction: 'ascending' | 'descending' | undefined;
  if (sort === props.sortKey) {
    direction = order === 'desc' ? 'descending' : 'ascending';
  }
  useLayoutEffect(() => {
    const header = title.current?.closest('th');
    if (!header || !direction) return undefined;
    header.setAttribute('aria-sort', direction);
    return () => header.removeAttribute('aria-sort');
  }, [direction]);
  return <span ref={title}>{props.children}</span>;
}

/**
 * `columns`, the header of each that the API sorts (its field a key of
 * `sortByField`, the API's sort key for it) saying whether the rows show its
 * sort, and in which order (see ShownTableSort).
 */
export function withSortedHeaders<T extends object, Sort extends string>(
  columns: TableColumn<T>[],
  sortByField: Readonly<Record<string, Sort>>,
): TableColumn<T>[] {
  return columns.map(column => {
    const field = column.field as string | undefined;
    if (!field || !Object.hasOwn(sortByField, field)) return column;
    if (column.sorting === false) return column;
    return {
      ...column,
      title: (
        <SortableTitle sortKey={sortByField[field]}>
          {column.title}
        </SortableTitle>
      ),
    };
  });
}
