import type { Page } from '../../api';
import { PageRequest, pagedTableData } from './pagedTableData';

interface Row {
  name: string;
}

/** What material-table passes a remote data function. */
function tableQuery(
  overrides: Partial<{
    page: number;
    pageSize: number;
    search: string;
    orderBy: { field?: unknown };
    orderDirection: 'asc' | 'desc' | '';
  }> = {},
): any {
  return {
    page: 0,
    pageSize: 20,
    search: '',
    orderBy: undefined,
    orderDirection: '',
    filters: [],
    totalCount: 0,
    ...overrides,
  };
}

const pageOf = (names: string[], totalCount = names.length): Page<Row> => ({
  items: names.map(name => ({ name })),
  totalCount,
  limit: 20,
  offset: 0,
});

/** A fetch whose answers the test releases one by one. */
function controlledFetch() {
  const calls: {
    request: PageRequest<'name' | 'score'>;
    resolve(page: Page<Row>): void;
    reject(error: Error): void;
  }[] = [];
  const fetchPage = (request: PageRequest<'name' | 'score'>) =>
    new Promise<Page<Row>>((resolve, reject) =>
      calls.push({ request, resolve, reject }),
    );
  return { calls, fetchPage };
}

const settled = (promise: Promise<unknown>) =>
  Promise.race([
    promise.then(() => true),
    new Promise(resolve => setTimeout(() => resolve(false), 20)),
  ]);

describe('pagedTableData', () => {
  it("turns the table's page, size, search and sorted column into the API's request", async () => {
    const { calls, fetchPage } = controlledFetch();
    const onLoad = jest.fn();
    const data = pagedTableData(
      fetchPage,
      { name: 'name', score: 'score' },
      {
        onLoad,
        onError: jest.fn(),
      },
    );
    const answer = data(
      tableQuery({
        page: 2,
        pageSize: 10,
        search: 'orders',
        orderBy: { field: 'score' },
        orderDirection: 'desc',
      }),
    );
    await Promise.resolve();
    expect(calls[0].request).toEqual({
      limit: 10,
      offset: 20,
      sort: 'score',
      order: 'desc',
      q: 'orders',
    });
    calls[0].resolve(pageOf(['a', 'b'], 42));
    expect(await answer).toEqual({
      data: [{ name: 'a' }, { name: 'b' }],
      page: 2,
      totalCount: 42,
    });
    // With the request that got it: the page, size and sort now shown.
    expect(onLoad).toHaveBeenCalledWith(
      pageOf(['a', 'b'], 42),
      calls[0].request,
    );

    // A column the API cannot sort by sends no sort.
    data(tableQuery({ orderBy: { field: 'categoryScores.dlq' } }));
    await Promise.resolve();
    expect(calls[1].request).toEqual({ limit: 20, offset: 0 });
  });

  it('shows a failed request as an empty page and hands the error over', async () => {
    const { calls, fetchPage } = controlledFetch();
    const onError = jest.fn();
    const data = pagedTableData(fetchPage, {}, { onError });
    const answer = data(tableQuery());
    await Promise.resolve();
    calls[0].reject(new Error('503 Service Unavailable'));
    expect(await answer).toEqual({ data: [], page: 0, totalCount: 0 });
    expect(onError).toHaveBeenCalledWith(new Error('503 Service Unavailable'));
  });

  it('asks for the page of a failed request again at the next request for the same list, the first for another search', async () => {
    const { calls, fetchPage } = controlledFetch();
    const data = pagedTableData(fetchPage, {}, { onError: jest.fn() });
    // Page 3 failed: the table shows the failure on the first.
    const failed = data(tableQuery({ page: 2, pageSize: 10 }));
    await Promise.resolve();
    calls[0].reject(new Error('503 Service Unavailable'));
    expect(await failed).toMatchObject({ page: 0 });
    // Its Retry: page 3 again.
    const retried = data(tableQuery({ page: 0, pageSize: 10 }));
    await Promise.resolve();
    expect(calls[1].request).toEqual({ limit: 10, offset: 20 });
    calls[1].reject(new Error('503 Service Unavailable'));
    await retried;
    // Another search lists other findings: from the first page.
    data(tableQuery({ page: 0, pageSize: 10, search: 'kms' }));
    await Promise.resolve();
    expect(calls[2].request).toEqual({ limit: 10, offset: 0, q: 'kms' });
  });

  it('answers the last page for a page past it, the list shrunk under a reload, and the first for none', async () => {
    const { calls, fetchPage } = controlledFetch();
    const onLoad = jest.fn();
    const data = pagedTableData(fetchPage, {}, { onLoad, onError: jest.fn() });
    // Page 3 of 10, the list 25 long now: page 2 (index 1).
    const answer = data(tableQuery({ page: 2, pageSize: 10 }));
    await Promise.resolve();
    calls[0].resolve(pageOf([], 15));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(calls[1].request).toEqual({ limit: 10, offset: 10 });
    calls[1].resolve(pageOf(['k', 'l', 'm', 'n', 'o'], 15));
    expect(await answer).toMatchObject({ page: 1, totalCount: 15 });
    expect(onLoad).toHaveBeenCalledTimes(1);
    expect(onLoad).toHaveBeenCalledWith(expect.anything(), calls[1].request);

    const emptied = data(tableQuery({ page: 2, pageSize: 10 }));
    await Promise.resolve();
    calls[2].resolve(pageOf([], 0));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(calls[3].request).toEqual({ limit: 10, offset: 0 });
    calls[3].resolve(pageOf([], 0));
    expect(await emptied).toMatchObject({ data: [], page: 0, totalCount: 0 });
  });

  it("answers the last page for an initial page past it (a link's), asking for the initial page in place of the table's", async () => {
    const { calls, fetchPage } = controlledFetch();
    const data = pagedTableData(
      fetchPage,
      {},
      { onError: jest.fn(), initialPage: 8 },
    );
    const answer = data(tableQuery({ page: 0, pageSize: 10 }));
    await Promise.resolve();
    expect(calls[0].request).toEqual({ limit: 10, offset: 80 });
    calls[0].resolve(pageOf([], 25));
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(calls[1].request).toEqual({ limit: 10, offset: 20 });
    calls[1].resolve(pageOf(['u', 'v', 'w', 'x', 'y'], 25));
    expect(await answer).toMatchObject({ page: 2, totalCount: 25 });

    // The table's own pages after it.
    data(tableQuery({ page: 0, pageSize: 10 }));
    await Promise.resolve();
    expect(calls[2].request).toEqual({ limit: 10, offset: 0 });
  });

  it('drops the answer of a request a newer one replaced, whatever the order they arrive in', async () => {
    const { calls, fetchPage } = controlledFetch();
    const onLoad = jest.fn();
    const onError = jest.fn();
    const data = pagedTableData(fetchPage, {}, { onLoad, onError });
    const typedSoFar = data(tableQuery({ search: 'k' }));
    const typed = data(tableQuery({ search: 'kmskeyid' }));
    await Promise.resolve();
    // The newer answer comes first, the older one after it.
    calls[1].resolve(pageOf(['log group'], 22));
    expect(await typed).toMatchObject({ totalCount: 22 });
    calls[0].resolve(pageOf(['everything'], 45));
    expect(await settled(typedSoFar)).toBe(false);
    expect(onLoad).toHaveBeenCalledTimes(1);
    expect(onLoad).toHaveBeenCalledWith(
      pageOf(['log group'], 22),
      calls[1].request,
    );

    // A superseded request that fails is dropped too.
    const older = data(tableQuery({ page: 1 }));
    const newer = data(tableQuery({ page: 2 }));
    await Promise.resolve();
    calls[2].reject(new Error('timeout'));
    calls[3].resolve(pageOf(['c']));
    expect(await newer).toMatchObject({ page: 2 });
    expect(await settled(older)).toBe(false);
    expect(onError).not.toHaveBeenCalled();
  });
});
