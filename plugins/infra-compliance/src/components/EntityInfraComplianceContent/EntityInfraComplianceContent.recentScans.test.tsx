import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { InfraComplianceClient, type Scan } from '../../api';
import {
  apiWithLastScan,
  FakeInfraComplianceApi,
} from '../../__testUtils__/FakeInfraComplianceApi';
import * as fixtures from '../../__testUtils__/fixtures';
import {
  restorePageVisibility,
  setPageVisibility,
  stayAway,
} from '../../__testUtils__/pageVisibility';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { ruleValues } from '../../__testUtils__/styleRules';
import {
  nextPoll,
  restoreRealClock,
  settle,
  useFakeScanClock,
} from '../../__testUtils__/scanClock';
import { EntityInfraComplianceContent } from './EntityInfraComplianceContent';

const render = (api: FakeInfraComplianceApi) =>
  renderEntityComponent(<EntityInfraComplianceContent />, {
    entity: fixtures.githubEntity,
    api,
  });

/** Three hours after the scorecard's last scan (2026-11-20 08:00 UTC; the tests run in UTC). */
const NOW = Date.parse('2026-11-20T11:00:00.000Z');

/** The card's table once it lists `rows` scans. */
async function scansTable(rows: number): Promise<HTMLElement> {
  const table = await screen.findByRole('table', { name: 'Recent scans' });
  await within(table)
    .findAllByRole('row')
    .then(found => {
      if (found.length !== rows + 1) throw new Error(`${found.length} rows`);
    });
  return table;
}

/** The table's rows, header first, each cell's lines joined by " | ". */
function rowTexts(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(row.children).map(cell =>
        cell.children.length
          ? Array.from(cell.children)
              .map(line => line.textContent)
              .join(' | ')
          : cell.textContent ?? '',
      ),
    );
}

describe('EntityInfraComplianceContent: recent scans', () => {
  afterEach(async () => {
    await restoreRealClock();
    restorePageVisibility();
  });

  it('lists the last scans, newest first: when, why, how each ended and how long it took', async () => {
    useFakeScanClock();
    jest.setSystemTime(NOW);
    const api = new FakeInfraComplianceApi();
    await render(api);
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Recent scans' }),
    ).toBeInTheDocument();
    const table = await scansTable(5);
    expect(rowTexts(table)).toEqual([
      ['When', 'Why', 'Outcome', 'Duration'],
      [
        '2026-11-20 08:00 (3 hours ago)',
        'On schedule',
        'Succeeded | 3 findings: 1 new, 1 resolved',
        '2 seconds',
      ],
      [
        '2026-11-19 16:42 (18 hours ago)',
        'After a push',
        'Unchanged | The source was the same as at the scan before: the results stand.',
        '1 second',
      ],
      [
        '2026-11-19 10:15 (yesterday)',
        'Scan now by jane.doe',
        'Failed | Interrupted: the scan stopped without finishing',
        '—',
      ],
      [
        '2026-11-18 14:05 (2 days ago)',
        // A service (a CI job's token) pressed no button.
        'Requested by the service external:ci-bot',
        'Succeeded | 3 findings: 0 new, 1 reopened, 1 resolved',
        '1 minute 12 seconds',
      ],
      [
        '2026-11-18 09:30 (2 days ago)',
        'New in the catalog',
        'Succeeded | 3 findings: 3 new, 0 resolved',
        '3 seconds',
      ],
    ]);
    // Its own date and time is the row's header; a user links to their
    // page, a service has none.
    for (const row of within(table).getAllByRole('row').slice(1)) {
      const when = row.firstElementChild;
      expect([when?.tagName, when?.getAttribute('scope')]).toEqual([
        'TH',
        'row',
      ]);
    }
    expect(
      within(table).getByRole('link', { name: 'jane.doe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jane.doe');
    expect(
      within(table).queryByRole('link', { name: /ci-bot/ }),
    ).not.toBeInTheDocument();
  });

  it('underlines the user who asked for a scan, whom link blue alone does not tell from "Scan now by"', async () => {
    const api = new FakeInfraComplianceApi();
    await render(api);
    const table = await scansTable(5);
    const user = within(table).getByRole('link', { name: 'jane.doe' });
    expect(user.parentElement).toHaveTextContent(/^Scan now by jane\.doe$/);
    // WCAG 1.4.1: 2.7:1 on the sentence in the light theme, 1.7:1 in the dark one.
    expect(ruleValues(user, 'textDecoration').at(-1)).toBe('underline');
  });

  it("says a scan's findings include the waived and suppressed ones, which the scorecard counts apart from the open ones", async () => {
    const api = new FakeInfraComplianceApi();
    // The last scan saw 3 findings: 1 open, 1 waived, 1 suppressed in code.
    api.scorecard = {
      ...fixtures.scorecard,
      open: { critical: 0, high: 1, medium: 0, low: 0, total: 1 },
      waived: 1,
      suppressed: 1,
    };
    await render(api);
    const table = await scansTable(5);
    expect(
      screen.getByText('1 open · 1 waived · 1 suppressed · 1 resolved'),
    ).toBeInTheDocument();
    expect(rowTexts(table)[1][2]).toBe(
      'Succeeded | 3 findings: 1 new, 1 resolved',
    );
    expect(
      screen.getByText(
        "The last 10, newest first. A scan's findings include the waived and suppressed ones; its new and reopened, only those it left open, its resolved, those that were open.",
      ),
    ).toBeInTheDocument();
  });

  it.each([
    ['queued', 'Queued'],
    ['running', 'Running'],
  ] as const)(
    'says a scan is %s, in words, without a duration',
    async (status, words) => {
      const api = new FakeInfraComplianceApi();
      const underWay: Scan = {
        id: 'c3d4e5f6-0000-4000-8000-000000000001',
        entityRef: fixtures.ENTITY_REF,
        trigger: 'push',
        status,
        source: fixtures.succeededScan.source,
        createdAt: '2026-11-20T10:59:00.000Z',
        ...(status === 'running' && { startedAt: '2026-11-20T10:59:01.000Z' }),
      };
      api.scanRecords = [underWay, ...fixtures.recentScans];
      await render(api);
      const table = await scansTable(6);
      const [, first] = rowTexts(table);
      expect(first.slice(1)).toEqual(['After a push', words, '—']);
    },
  );

  it('says when the entity has not been scanned yet', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      lastScan: undefined,
      lastSuccessfulScan: undefined,
      lastCompletedScan: undefined,
    };
    api.scanRecords = [];
    await render(api);
    expect(await screen.findByText('Not scanned yet')).toBeInTheDocument();
    expect(await screen.findByText('No scans yet.')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Recent scans' }),
    ).not.toBeInTheDocument();
  });

  it('says a successful scan that judged nothing did so, not that it found 0 findings', async () => {
    const judgedNothing = (
      id: string,
      counts: Partial<NonNullable<Scan['counts']>>,
    ): Scan => ({
      ...fixtures.recentScans[4],
      id,
      counts: { ...fixtures.nothingJudged, ...counts },
    });
    const api = new FakeInfraComplianceApi();
    api.scanRecords = [
      // The infrastructure code moved out of the folder scanned.
      judgedNothing('c3d4e5f6-0000-4000-8000-000000000011', { resolved: 3 }),
      // A Python CDK app: found, not read.
      judgedNothing('c3d4e5f6-0000-4000-8000-000000000012', {
        filesSkipped: 1,
      }),
      // Read, but no rule applies to what it creates.
      judgedNothing('c3d4e5f6-0000-4000-8000-000000000013', {
        filesScanned: 2,
      }),
    ];
    await render(api);
    const table = await scansTable(3);
    expect(
      rowTexts(table)
        .slice(1)
        .map(row => row[2]),
    ).toEqual([
      'Succeeded | No infrastructure code found: 0 new, 3 resolved',
      'Succeeded | No infrastructure code read: 0 new, 0 resolved',
      'Succeeded | Nothing to check: 0 new, 0 resolved',
    ]);
  });

  it.each([
    [
      'one long line, cut',
      `Could not read https://github.com/acme/seed-000/tree/main/: ${'x'.repeat(
        3930,
      )}`,
      `Could not read https://github.com/acme/seed-000/tree/main/: ${'x'.repeat(
        140,
      )}…`,
    ],
    [
      'its first line',
      'Could not parse the source\n    at readTree (reader.js:10:3)\n    at scan (scan.js:2:1)',
      'Could not parse the source…',
    ],
  ])(
    "shows a long failed scan's error short (%s), with a control that shows it whole",
    async (_, error, short) => {
      const failed: Scan = { ...fixtures.recentScans[2], error };
      const api = new FakeInfraComplianceApi();
      api.scanRecords = [failed, fixtures.recentScans[1], failed].map(
        (scan, i) => ({
          ...scan,
          id: `c3d4e5f6-0000-4000-8000-00000000002${i}`,
        }),
      );
      await render(api);
      const table = await scansTable(3);
      const rows = within(table).getAllByRole('row');
      expect(rowTexts(table)[1][2]).toBe(
        `Failed | ${short} Show the whole error`,
      );
      const show = within(rows[1]).getByRole('button', {
        name: 'Show the whole error',
      });
      expect(show).toHaveAttribute('aria-expanded', 'false');
      const errorText = document.getElementById(
        show.getAttribute('aria-controls')!,
      );
      expect(errorText).toHaveTextContent(short, {
        normalizeWhitespace: false,
      });

      await userEvent.click(show);
      expect(show).toHaveAttribute('aria-expanded', 'true');
      expect(show).toHaveAccessibleName('Show less');
      expect(errorText?.textContent).toBe(error);
      // Only that row's: the other failed scan's stays short.
      expect(rowTexts(table)[3][2]).toBe(
        `Failed | ${short} Show the whole error`,
      );

      await userEvent.click(show);
      expect(show).toHaveAttribute('aria-expanded', 'false');
      expect(errorText?.textContent).toBe(short);
    },
  );

  it("keeps the words of the scans whole, but a failed scan's error and a service's name, which break anywhere", async () => {
    const api = new FakeInfraComplianceApi();
    api.scanRecords = [
      {
        ...fixtures.recentScans[2],
        error: `Could not read https://github.com/acme/seed-000/tree/main/${'x'.repeat(
          300,
        )}`,
      },
      fixtures.recentScans[1],
      fixtures.recentScans[0],
      fixtures.recentScans[3],
    ];
    await render(api);
    const table = await scansTable(4);
    // Both properties are inherited: the value of the rules nearest the
    // text, the last of a sheet later in the document where several match
    // (jsdom's getComputedStyle knows no cascade). Backstage's table cells
    // set word-break: break-word.
    const inherited = (
      text: HTMLElement,
      property: 'overflowWrap' | 'wordBreak',
    ) => {
      for (let e: Element | null = text; e; e = e.parentElement) {
        const values = ruleValues(e, property);
        if (values.length) return values.at(-1);
      }
      return undefined;
    };
    const breaksAnywhere = (text: HTMLElement) =>
      inherited(text, 'overflowWrap') === 'anywhere' ||
      inherited(text, 'wordBreak') === 'break-word';
    // A squeezed column (a window 800 pixels wide) broke them across lines:
    // "Succeed" / "ed".
    // When: the date and time, and how long ago.
    const [, firstRow] = within(table).getAllByRole('row');
    expect(breaksAnywhere(firstRow.firstElementChild as HTMLElement)).toBe(
      false,
    );
    for (const words of [
      'Succeeded',
      '3 findings: 1 new, 1 resolved',
      'Unchanged',
      'The source was the same as at the scan before: the results stand.',
      'Failed',
      'On schedule',
    ]) {
      for (const text of within(table).getAllByText(words)) {
        expect([words, breaksAnywhere(text)]).toEqual([words, false]);
      }
    }
    // An error (a URL) wraps rather than widen the page, cut or whole.
    const show = within(table).getByRole('button', {
      name: 'Show the whole error',
    });
    const errorText = document.getElementById(
      show.getAttribute('aria-controls')!,
    )!;
    expect(breaksAnywhere(errorText)).toBe(true);
    await userEvent.click(show);
    expect(breaksAnywhere(errorText)).toBe(true);
    expect(breaksAnywhere(within(table).getByText('external:ci-bot'))).toBe(
      true,
    );
  });

  it("lists a failed first scan with its error under the tab's warning", async () => {
    const failed = fixtures.recentScans[2];
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      lastScan: failed,
      lastSuccessfulScan: undefined,
      lastCompletedScan: undefined,
    };
    api.scanRecords = [failed];
    await render(api);
    const table = await scansTable(1);
    expect(rowTexts(table)[1].slice(1)).toEqual([
      'Scan now by jane.doe',
      'Failed | Interrupted: the scan stopped without finishing',
      '—',
    ]);
    // Short: whole, with nothing to expand.
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lists the scan the user started once it ended, read again with the rest of the results', async () => {
    const user = useFakeScanClock();
    // Half a minute after the fake's scan was asked for.
    jest.setSystemTime(Date.parse('2026-11-21T09:00:30.000Z'));
    const api = apiWithLastScan(fixtures.succeededScan);
    api.afterScan = { score: 91, grade: 'A' };
    await render(api);
    await scansTable(5);
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    await nextPoll();
    await nextPoll();
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Scan finished: 1 new, 2 resolved.',
    );
    const table = await scansTable(6);
    expect(rowTexts(table)[1]).toEqual([
      '2026-11-21 09:00 (just now)',
      'Scan now by guest',
      'Succeeded | 2 findings: 1 new, 2 resolved',
      '2 seconds',
    ]);
    expect(api.scanRecords).toHaveLength(6);
  });

  it.each([
    ['unchanged', 'Unchanged'],
    ['failed', 'Failed'],
  ] as const)(
    'lists a scan that ended elsewhere, %s, changing no results, once the user is back',
    async (status, words) => {
      const api = new FakeInfraComplianceApi();
      api.scanError = 'Could not fetch the source';
      await render(api);
      await scansTable(5);
      setPageVisibility('hidden');
      // The scheduler's scan (the fake records it as Scan now), while away.
      api.scanSteps = [status];
      const { scanId } = await api.startScan(
        getCompoundEntityRef(fixtures.githubEntity),
      );
      await api.getScan(scanId);
      const listScans = jest.spyOn(api, 'listScans');

      stayAway();
      setPageVisibility('visible');
      await waitFor(() => expect(listScans).toHaveBeenCalledTimes(1));
      const table = await scansTable(6);
      expect(rowTexts(table)[1][2]).toMatch(new RegExp(`^${words} \\|`));
    },
  );

  it.each([
    ['not scanned yet', []],
    ['a failed first scan', [fixtures.recentScans[2]]],
  ])(
    'keeps the card when the first scan succeeds, after %s: the scans read once, no spinner again once it has rows',
    async (_, scans) => {
      const user = useFakeScanClock();
      const api = new FakeInfraComplianceApi();
      api.scorecard = {
        ...fixtures.scorecard,
        lastScan: scans[0],
        lastSuccessfulScan: undefined,
        lastCompletedScan: undefined,
      };
      api.scanRecords = [...scans];
      api.afterScan = { score: 91, grade: 'A' };
      await render(api);
      if (scans.length) await scansTable(scans.length);
      else await screen.findByText('No scans yet.');
      // The card (its Progress mounted) and its rows, as they change: the
      // card moved in the tree with the layout was mounted anew, its rows
      // gone under a spinner while it read the scans again.
      let hadRows = scans.length > 0;
      const spinnerAfterRows: string[] = [];
      const observer = new MutationObserver(() => {
        const card = screen
          .queryByRole('heading', { name: 'Recent scans' })
          ?.closest<HTMLElement>('.MuiCard-root');
        if (!card) return;
        if (hadRows && within(card).queryByTestId('progress')) {
          spinnerAfterRows.push(card.textContent ?? '');
        }
        hadRows ||= within(card).queryByRole('table') !== null;
      });
      observer.observe(document.body, { childList: true, subtree: true });
      const listScans = jest.spyOn(api, 'listScans');
      try {
        await user.click(screen.getByRole('button', { name: /scan now/i }));
        await settle();
        await nextPoll();
        await nextPoll();
        expect(await screen.findByText('91 / 100')).toBeInTheDocument();
        await scansTable(scans.length + 1);
        await nextPoll();
      } finally {
        observer.disconnect();
      }
      expect(listScans).toHaveBeenCalledTimes(1);
      expect(spinnerAfterRows).toEqual([]);
    },
  );

  it('reads the scans once when a scan the user started ends', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['unchanged'];
    await render(api);
    await scansTable(5);
    const listScans = jest.spyOn(api, 'listScans');
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    await nextPoll();
    await scansTable(6);
    await nextPoll();
    await nextPoll();
    expect(listScans).toHaveBeenCalledTimes(1);
  });
});

describe('EntityInfraComplianceContent: recent scans, through the real client', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const BASE = 'http://localhost:7007/api/infra-compliance';
  const ENTITY_PATH = `${BASE}/entities/component/default/seed-000-failing`;

  it('counts as new and reopened the findings a scan left open, and all those a scan recorded before the backend told them apart opened', async () => {
    const [last, , , , older] = fixtures.recentScans;
    // 2 new findings, 1 of them suppressed in code; 1 reopened, waived.
    const leftOpen: Scan = {
      ...last,
      counts: {
        ...last.counts!,
        findings: 3,
        new: 2,
        newOpen: 1,
        reopened: 1,
        reopenedOpen: 0,
        resolved: 1,
      },
    };
    server.use(
      http.get(`${ENTITY_PATH}/scorecard`, () =>
        HttpResponse.json(fixtures.scorecard),
      ),
      http.get(`${ENTITY_PATH}/history`, () =>
        HttpResponse.json(fixtures.history),
      ),
      http.get(`${BASE}/rules`, () => HttpResponse.json(fixtures.ruleCatalog)),
      http.get(`${ENTITY_PATH}/findings`, () =>
        HttpResponse.json({ items: [], totalCount: 0, limit: 20, offset: 0 }),
      ),
      http.get(`${ENTITY_PATH}/waivers`, () =>
        HttpResponse.json({ items: [], totalCount: 0, limit: 10, offset: 0 }),
      ),
      http.get(`${ENTITY_PATH}/scans`, () =>
        HttpResponse.json({
          items: [leftOpen, older],
          totalCount: 2,
          limit: 10,
          offset: 0,
        }),
      ),
    );
    await renderEntityComponent(<EntityInfraComplianceContent />, {
      entity: fixtures.githubEntity,
      client: new InfraComplianceClient({
        discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        fetchApi: new MockFetchApi(),
      }),
    });
    const table = await scansTable(2);
    expect(rowTexts(table).map(row => row[2])).toEqual([
      'Outcome',
      'Succeeded | 3 findings: 1 new, 1 resolved',
      // Its counts of open ones absent: every finding it opened.
      'Succeeded | 3 findings: 3 new, 0 resolved',
    ]);
  });
});
