import type { TableColumn, TableProps } from '@backstage/core-components';
import type { Page } from '../../api';
import { withSortedHeaders } from './sortedHeaders';

/** A Table's `data` as a function: the table asks for each page it shows. */
export type RemoteTableData<T extends object> = Extract<
  NonNullable<TableProps<T>['data']>,
  (query: any) => unknown
>;

/** What a paged list endpoint of the API takes. */
export interface PageRequest<Sort extends string> {
  limit: number;
  offset: number;
  sort?: Sort;
  order?: 'asc' | 'desc';
  q?: string;
}

/**
 * Remote data for a Table over a paged API endpoint: the table's page,
 * page size, search text and sorted column become the endpoint's offset,
 * limit, `q` and `sort`, so the database sorts and pages, never the browser.
 * `sortByField` names the endpoint's sort key for each sortable column
 * field. `onLoad` sees each page, and the request that got it (the page,
 * size and sort the table now shows); a failed request goes to `onError`
 * and shows as an empty page (the table has no error state of its own).
 * `initialPage` is the page the table asks for first, in place of the first
 * (material-table's `initialPage` is for local data only), and again when
 * that request fails. A page past the last gives the last one: the list
 * shrank under a reload that kept the user's page (a reload after a scan or
 * a waiver sent the user reading page 3 back to the first), or since the
 * link to the page was made (it opened at the first). A failed request's page is
 * asked for again by the next request for the same list (same size, sort and
 * search: its Retry, the next reload): the failure showed as the first page,
 * and a Retry after a failed reload sent the user reading page 3 back to it.
 * `rowId` names each row for rows without an `id` of their own: material-table
 * keeps a row's state by its id (and warns in development without one).
 *
 * The table shows each answer as it arrives: the answer to a request that a
 * newer one replaced (an earlier search text, an earlier page) never
 * settles, so it cannot overwrite the newer one's rows.
 */
export function pagedTableData<T extends object, Sort extends string>(
  fetchPage: (request: PageRequest<Sort>) => Promise<Page<T>>,
  sortByField: Readonly<Record<string, Sort>>,
  callbacks: {
    onLoad?(page: Page<T>, request: PageRequest<Sort>): void;
    onError(error: Error): void;
    rowId?(row: T): string;
    initialPage?: number;
  },
): RemoteTableData<T> {
  let latest = 0;
  let initialPage = callbacks.initialPage ?? 0;
  let failed: { list: string; pageIndex: number } | undefined;
  const superseded = new Promise<never>(() => {});
  return (async query => {
    const ticket = ++latest;
    const field = query.orderBy?.field;
    const sort = typeof field === 'string' ? sortByField[field] : undefined;
    const requestOf = (pageIndex: number): PageRequest<Sort> => ({
      limit: query.pageSize,
      offset: pageIndex * query.pageSize,
      ...(sort && {
        sort,
        order: query.orderDirection === 'desc' ? 'desc' : 'asc',
      }),
      ...(query.search && { q: query.search }),
    });
    // The list asked for, whatever its page: size, sort and search.
    const list = JSON.stringify(requestOf(0));
    const retried = failed?.list === list ? failed.pageIndex : undefined;
    failed = undefined;
    const restoring = initialPage > 0;
    let pageIndex = restoring ? initialPage : retried ?? query.page;
    initialPage = 0;
    let request = requestOf(pageIndex);
    let page: Page<T>;
    try {
      page = await fetchPage(request);
      if (page.items.length === 0 && pageIndex > 0 && ticket === latest) {
        const lastPage = Math.ceil(page.totalCount / query.pageSize) - 1;
        pageIndex = Math.max(lastPage, 0);
        request = requestOf(pageIndex);
        page = await fetchPage(request);
      }
    } catch (error) {
      if (ticket !== latest) return superseded;
      // Its retry asks for the same page (a link's, the user's), not the
      // first, where the table shows the failure.
      if (restoring) initialPage = pageIndex;
      else failed = { list, pageIndex };
      callbacks.onError(error as Error);
      return { data: [], page: 0, totalCount: 0 };
    }
    if (ticket !== latest) return superseded;
    callbacks.onLoad?.(page, request);
    const { rowId } = callbacks;
    const data = rowId
      ? page.items.map(row => ({ ...row, id: rowId(row) }))
      : page.items;
    return { data, page: pageIndex, totalCount: page.totalCount };
  }) as RemoteTableData<T>;
}

/** Table options for remote data: pages of `pageSize`, search sent to the API after a pause in typing, fixed column order. */
export function pagedTableOptions(
  pageSize: number,
  search: boolean,
): NonNullable<TableProps<object>['options']> {
  return {
    paging: true,
    pageSize,
    emptyRowsWhenPaging: false,
    search,
    debounceInterval: 300,
    padding: 'dense',
    // No column reordering: each header's drag handle was a tab stop of its
    // own (two per sortable column) with nothing a keyboard could do there.
    draggable: false,
  };
}

/**
 * A column whose words are kept whole: Backstage's cells break words
 * anywhere, so a squeezed column broke "(0ca8ce0 / a0a41…)", user names, and
 * a rule's title ("Asynchronousl / y" at 1024px); the table gives it the
 * width of its longest word, or scrolls (at 700px). Not for a column whose
 * words (a link, an id) may be long.
 */
export const WHOLE_WORDS = { cellStyle: { wordBreak: 'normal' } } as const;

/**
 * The page sizes a paged table offers: material-table's, and 50 and 100
 * (an entity's 320 findings were 16 pages of 20). Within the backend's
 * `maxPageSize` (500 unless configured lower).
 */
export const TABLE_PAGE_SIZES = [5, 10, 20, 50, 100];

/** The address's parameters of readTablePaging, to settle (useQueryFilters): checked against nothing that loads. */
export const TABLE_PAGING = ['page', 'size', 'sort', 'order'] as const;

/**
 * A paged table's page (from 1), page size and sort (the API's sort key of
 * the sorted column, none for the API's order) in a page's address, as the
 * table writes them with its filters (useQueryFilters), each checked: an
 * invalid one is the first page, `defaultSize`, or no sort.
 */
export function readTablePaging<Sort extends string>(
  query: URLSearchParams,
  sortByField: Readonly<Record<string, Sort>>,
  defaultSize: string,
): { page: string; size: string; sort: Sort | ''; order: 'asc' | 'desc' } {
  const page = query.get('page') ?? '';
  const size = Number(query.get('size'));
  const sort = query.get('sort') ?? '';
  const sorted = Object.values(sortByField).includes(sort as Sort);
  return {
    // Up to 99,999: the backend answers an offset past 10 million with an
    // error, not with the empty page that sends the table to its first.
    page: /^[1-9]\d{0,4}$/.test(page) ? page : '1',
    size: TABLE_PAGE_SIZES.includes(size) ? String(size) : defaultSize,
    sort: sorted ? (sort as Sort) : '',
    order: sorted && query.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

/**
 * The page (from 1), page size and sort of a request of pagedTableData (its
 * `onLoad`'s: what the table shows), as readTablePaging reads them from a
 * page's address, for a table to write them there.
 */
export function requestedPaging<Sort extends string>(
  request: PageRequest<Sort>,
): { page: string; size: string; sort: Sort | ''; order: 'asc' | 'desc' } {
  return {
    page: String(request.offset / request.limit + 1),
    size: String(request.limit),
    sort: request.sort ?? '',
    order: request.order ?? 'asc',
  };
}

/**
 * `columns`, the headers of those the API sorts saying the sort the rows
 * show (withSortedHeaders), the one whose API sort key (`sortByField`) is
 * `sort` sorted in `order` as the table mounts.
 */
export function sortedAs<T extends object, Sort extends string>(
  sort: Sort | '',
  order: 'asc' | 'desc',
  columns: TableColumn<T>[],
  sortByField: Readonly<Record<string, Sort>>,
): TableColumn<T>[] {
  return withSortedHeaders(columns, sortByField).map(column =>
    sort && sortByField[column.field as string] === sort
      ? { ...column, defaultSort: order }
      : column,
  );
}
