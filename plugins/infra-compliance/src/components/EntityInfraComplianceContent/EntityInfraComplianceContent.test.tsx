import { useState } from 'react';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { getContrastRatio, ThemeProvider } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import {
  getRuleMetadata,
  SCORECARD_FORMULA,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import type { FindingsQuery } from '../../api';
import {
  apiWithLastScan,
  apiWithScanUnderWay,
  FakeInfraComplianceApi,
} from '../../__testUtils__/FakeInfraComplianceApi';
import * as fixtures from '../../__testUtils__/fixtures';
import {
  currentAddress,
  CurrentAddress,
} from '../../__testUtils__/currentAddress';
import { holdAnswers } from '../../__testUtils__/holdAnswers';
import { focus, tabTo } from '../../__testUtils__/keyboardFocus';
import {
  restorePageVisibility,
  setWindowFocus,
  stayAway,
} from '../../__testUtils__/pageVisibility';
import { emulateTimeZone } from '../../__testUtils__/timeZone';
import {
  mockWindowWidth,
  restoreWindowWidth,
} from '../../__testUtils__/windowWidth';
import {
  cssRgb,
  ruleBackgroundColours,
  ruleValues,
} from '../../__testUtils__/styleRules';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { spokenText } from '../../__testUtils__/spokenText';
import {
  nextPoll,
  restoreRealClock,
  settle,
  useFakeScanClock,
} from '../../__testUtils__/scanClock';
import { opaqueOn } from '../shared/readableText';
import { EntityInfraComplianceContent } from './EntityInfraComplianceContent';

const render = (
  options: Partial<Parameters<typeof renderEntityComponent>[1]> = {},
) =>
  renderEntityComponent(<EntityInfraComplianceContent />, {
    entity: fixtures.githubEntity,
    ...options,
  });

/** Another entity, for a page that moves from one entity to the next. */
const otherEntity: Entity = {
  ...fixtures.githubEntity,
  metadata: { ...fixtures.githubEntity.metadata, name: 'seed-000-fixed' },
};

/**
 * A Typography by its text as a screen reader gets it, an id's parts
 * included (each a box of its own, that getByText's default matcher would
 * read one by one).
 */
const typographyWithText =
  (text: string) => (_content: string, element: Element | null) =>
    Boolean(element?.matches('[class*=MuiTypography-root]')) &&
    spokenText(element!) === text;

/**
 * The innermost element whose text matches `pattern`, a link's text in it
 * included ("waived by <a>alice</a> on 2026-11-20").
 */
const textMatching =
  (pattern: RegExp) => (_content: string, element: Element | null) =>
    Boolean(
      element &&
        pattern.test(element.textContent ?? '') &&
        !Array.from(element.children).some(child =>
          pattern.test(child.textContent ?? ''),
        ),
    );

/**
 * The findings table, for text the waivers table shows too (the place of
 * the finding a waiver covers).
 */
const findingsRegion = () => screen.getByRole('region', { name: 'Findings' });

/** An empty page, as the API answers for an entity without findings or waivers. */
const nothing = (query: { limit?: number } = {}) => ({
  items: [],
  totalCount: 0,
  limit: query.limit ?? 20,
  offset: 0,
});

/** An entity's page, as Backstage's catalog routes it. */
const entityPath = (entity: Entity) =>
  `/catalog/default/component/${entity.metadata.name}`;

/**
 * The tab on an entity page that stays mounted when the route moves to
 * another entity, as Backstage's entity pages do: moveToOtherEntity() follows
 * a link to the other entity's page, goBack() is the browser's Back. The page
 * is at the last of `addresses`.
 */
async function renderMovingEntityPage(
  api: FakeInfraComplianceApi,
  addresses = [entityPath(fixtures.githubEntity)],
) {
  function MovingEntityPage() {
    const { pathname } = useLocation();
    const navigate = useNavigate();
    const entity =
      pathname === entityPath(otherEntity)
        ? otherEntity
        : fixtures.githubEntity;
    return (
      <>
        <button onClick={() => navigate(entityPath(otherEntity))}>
          Go to the other entity
        </button>
        <button onClick={() => navigate(-1)}>Back</button>
        <CurrentAddress />
        <EntityProvider entity={entity}>
          <EntityInfraComplianceContent />
        </EntityProvider>
      </>
    );
  }
  return renderEntityComponent(<MovingEntityPage />, {
    entity: fixtures.githubEntity,
    api,
    addresses,
  });
}

/** `count` findings, each on its own line of template.yaml. */
function manyFindings(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    ...fixtures.findings[index % fixtures.findings.length],
    id: 1000 + index,
    fingerprint: `f${index}`,
    line: index + 1,
  }));
}

/**
 * What the client throws when the backend answers a scan's status (GET
 * /scans/{scanId}) with `statusCode` and the error `name`.
 */
function scanStatusRefused(
  statusCode: number,
  statusText: string,
  name: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message: 'No such scan' },
        request: { method: 'GET', url: '/scans/x' },
        response: { statusCode },
      }),
      {
        status: statusCode,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/**
 * The fake API whose last scan found no infrastructure code: it judged
 * nothing, so no grade, no score and no findings.
 */
function apiWithNothingJudged(): FakeInfraComplianceApi {
  const emptyScan = {
    ...fixtures.succeededScan,
    counts: fixtures.nothingJudged,
  };
  const api = new FakeInfraComplianceApi();
  api.scorecard = {
    ...fixtures.scorecard,
    grade: null,
    score: null,
    categories: {},
    lastScan: emptyScan,
    lastSuccessfulScan: emptyScan,
  };
  api.findings = [];
  return api;
}

/** The findings table, once its title says `title`. */
async function findingsTableOf(title: string): Promise<HTMLElement> {
  return (await screen.findByText(title)).closest(
    'div[class*=MuiPaper]',
  ) as HTMLElement;
}

async function moveToOtherEntity(user: Pick<UserEvent, 'click'> = userEvent) {
  await user.click(
    screen.getByRole('button', { name: 'Go to the other entity' }),
  );
}

/**
 * As the browser's Back moves the page on under a modal dialog. Not async:
 * awaited, it let the answers of the entity moved to (its scorecard) come
 * outside act(), before the test's next waitFor.
 */
function moveToOtherEntityUnderDialog() {
  fireEvent.click(
    screen.getByRole('button', {
      name: 'Go to the other entity',
      hidden: true,
    }),
  );
}

describe('EntityInfraComplianceContent', () => {
  // After a test of a scan on the fake clock (useFakeScanClock), or of the
  // user away (stayAway).
  afterEach(async () => {
    await restoreRealClock();
    restorePageVisibility();
  });

  it('shows the grade, the category tiles and the findings linked to GitHub lines', async () => {
    await render();
    expect(await screen.findByText('62 / 100')).toBeInTheDocument();
    expect(screen.getAllByLabelText('Grade D').length).toBeGreaterThan(0);

    const dlq = screen.getByTestId('infra-compliance-category-dlq');
    expect(within(dlq).getByText('Dead-letter queues')).toBeInTheDocument();
    expect(within(dlq).getByText('2 failing')).toBeInTheDocument();
    const operations = screen.getByTestId(
      'infra-compliance-category-operations',
    );
    expect(within(operations).getByText('Not applicable')).toBeInTheDocument();

    const link = await screen.findByRole('link', { name: /template\.yaml:42/ });
    expect(link).toHaveAttribute(
      'href',
      'https://github.com/acme/seed-000/tree/main/template.yaml#L42',
    );
    expect(screen.getByText('Findings (2)')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Score history: 2 days, latest 62' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Findings over time: 5 opened, 1 resolved',
      }),
    ).toBeInTheDocument();
  });

  it('gives every category tile the height of its row, a two-line title or not', async () => {
    await render();
    const tiles = await screen.findAllByTestId(/^infra-compliance-category-/);
    expect(tiles).toHaveLength(6);
    for (const tile of tiles) {
      expect(window.getComputedStyle(tile).height).toBe('100%');
    }
  });

  it('shows file:line as text for a local dir: source', async () => {
    await render({
      entity: fixtures.localEntity,
      api: apiWithLastScan({
        ...fixtures.succeededScan,
        source: fixtures.localSource,
      }),
    });
    expect(
      await within(
        await screen.findByRole('region', { name: 'Findings' }),
      ).findByText('template.yaml:42'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /template\.yaml:42/ }),
    ).toBeNull();
  });

  it('links the findings to where the scan read them, though the entity has moved since', async () => {
    const movedEntity: Entity = {
      ...fixtures.githubEntity,
      metadata: {
        ...fixtures.githubEntity.metadata,
        annotations: {
          'backstage.io/source-location':
            'url:https://gitlab.com/acme/seed-000/-/tree/next/',
        },
      },
    };
    const findingLink = async () =>
      (
        await screen.findByRole('link', { name: /template\.yaml:42/ })
      ).getAttribute('href');
    const { unmount } = await render({ entity: movedEntity });
    expect(await findingLink()).toBe(
      'https://github.com/acme/seed-000/tree/main/template.yaml#L42',
    );
    unmount();

    // A scan recorded without where it read: the entity's source location.
    const { source: _, ...unlocated } = fixtures.succeededScan;
    await render({ entity: movedEntity, api: apiWithLastScan(unlocated) });
    expect(await findingLink()).toBe(
      'https://gitlab.com/acme/seed-000/-/tree/next/template.yaml#L42',
    );
  });

  it('filters the findings by severity through the API', async () => {
    const { api } = await render();
    await screen.findByText('template.yaml:77');
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'medium' }),
    );
    await waitFor(() =>
      expect(
        within(findingsRegion()).queryByText('template.yaml:42'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('template.yaml:77')).toBeInTheDocument();
    expect(api.findingQueries.at(-1)).toMatchObject({
      status: 'open',
      severity: ['medium'],
    });
  });

  it("filters the findings by rule through the API, offering the chosen category's rules", async () => {
    const { api } = await render();
    await screen.findByText('template.yaml:77');
    await userEvent.click(screen.getByRole('button', { name: /All rules/ }));
    // Every rule of the catalog, with its title.
    expect(
      await screen.findByRole('option', {
        name: `DLQ-001 ${getRuleMetadata('DLQ-001')!.title}`,
      }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('option', {
        name: `ENC-001 ${getRuleMetadata('ENC-001')!.title}`,
      }),
    );
    await waitFor(() =>
      expect(
        within(findingsRegion()).queryByText('template.yaml:42'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('template.yaml:77')).toBeInTheDocument();
    expect(api.findingQueries.at(-1)).toMatchObject({ rule: ['ENC-001'] });

    // A category whose rules do not include the chosen one clears it and
    // leaves only its own rules to choose from.
    await userEvent.click(
      screen.getByRole('button', { name: /All categories/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Dead-letter queues' }),
    );
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toEqual(
        expect.objectContaining({ category: ['dlq'], rule: undefined }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: /All rules/ }));
    expect(
      await screen.findByRole('option', { name: /^DLQ-001 / }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /^ENC-001 / })).toBeNull();
  });

  it('offers the rules the backend runs in the rule filter, not the bundled catalog', async () => {
    const api = new FakeInfraComplianceApi();
    // A backend of another version, whose engine has no ENC-001.
    api.rules = {
      ...fixtures.ruleCatalog,
      items: fixtures.ruleCatalog.items.filter(r => r.id !== 'ENC-001'),
      totalCount: fixtures.ruleCatalog.totalCount - 1,
    };
    await render({ api });
    await screen.findByText('template.yaml:77');
    await userEvent.click(screen.getByRole('button', { name: /All rules/ }));
    expect(
      await screen.findByRole('option', { name: /^DLQ-001 / }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /^ENC-001 / })).toBeNull();
  });

  it('offers the bundled rule catalog in the rule filter when the backend cannot list its rules', async () => {
    const api = new FakeInfraComplianceApi();
    api.listRules = async () => {
      throw new Error('rules unavailable');
    };
    await render({ api });
    await screen.findByText('template.yaml:77');
    await userEvent.click(screen.getByRole('button', { name: /All rules/ }));
    expect(
      await screen.findByRole('option', { name: /^ENC-001 / }),
    ).toBeInTheDocument();
  });

  it('labels the score history: grade lines, scan dates, a single scan in the middle', async () => {
    const api = new FakeInfraComplianceApi();
    api.history = {
      ...fixtures.history,
      snapshots: [fixtures.history.snapshots.at(-1)!],
    };
    await render({ api });
    const chart = await screen.findByRole('img', {
      name: 'Score history: 1 day, latest 62',
    });
    const history = chart.closest(
      '[data-testid=infra-compliance-score-history]',
    );
    expect(history).not.toBeNull();
    // The dashed lines are the floors of grades A, C and E.
    for (const label of ['A 90', 'C 70', 'E 40']) {
      expect(
        within(history as HTMLElement).getByText(label),
      ).toBeInTheDocument();
    }
    const takenAt = fixtures.history.snapshots.at(-1)!.takenAt.slice(0, 10);
    expect(
      within(history as HTMLElement).getByText(takenAt),
    ).toBeInTheDocument();
    // The backend's days are UTC days; moments elsewhere are the user's.
    expect(
      within(history as HTMLElement).getByText('UTC day'),
    ).toBeInTheDocument();
    // One scan sits in the middle of the chart, not on its left edge.
    const dot = chart.querySelector(
      '[data-testid=infra-compliance-score-point]',
    )!;
    const width = Number(chart.getAttribute('viewBox')!.split(' ')[2]);
    expect(Number(dot.getAttribute('x1'))).toBe(width / 2);
  });

  it("labels the score history's bottom line 0, a score of 0 drawn on it", async () => {
    const api = new FakeInfraComplianceApi();
    api.history = {
      ...fixtures.history,
      snapshots: [{ ...fixtures.history.snapshots[0], score: 0 }],
    };
    await render({ api });
    const chart = await screen.findByRole('img', {
      name: 'Score history: 1 day, latest 0',
    });
    const point = chart.querySelector(
      '[data-testid=infra-compliance-score-point]',
    )!;
    const y = point.getAttribute('y1');
    // A solid line at its height, labelled: unlabelled, a point at the
    // bottom could have been any low score.
    const lines = Array.from(chart.querySelectorAll('line')).filter(
      line => line !== point,
    );
    expect(
      lines.filter(
        line =>
          line.getAttribute('y1') === y &&
          !line.hasAttribute('stroke-dasharray'),
      ),
    ).toHaveLength(1);
    const history = screen.getByTestId('infra-compliance-score-history');
    expect(within(history).getByText('0')).toHaveStyle({ top: `${y}px` });
  });

  it('places the scans of the score history by date, where the opened vs resolved chart places their days', async () => {
    const api = new FakeInfraComplianceApi();
    // Scans on the 1st, 2nd and 10th: the gap is a gap, not a neighbour.
    const scan = fixtures.history.snapshots[0];
    const days = ['2026-11-01', '2026-11-02', '2026-11-10'];
    api.history = {
      ...fixtures.history,
      snapshots: days.map((day, i) => ({
        ...scan,
        takenAt: `${day}T08:00:03.000Z`,
        score: 50 + 10 * i,
      })),
      timeline: days.map(day => ({ day, opened: 1, resolved: 1 })),
    };
    await render({ api });
    const chart = await screen.findByRole('img', {
      name: 'Score history: 3 days, latest 70',
    });
    const xs = [
      ...chart.querySelectorAll('[data-testid=infra-compliance-score-point]'),
    ].map(point => Number(point.getAttribute('x1')));
    expect(xs[2] - xs[1]).toBeCloseTo(8 * (xs[1] - xs[0]));
    // Each scan straight above its day's bars.
    const barCentres = screen
      .getAllByTestId('infra-compliance-timeline-day')
      .map(day => {
        const bar = day.querySelector('rect')!;
        return (
          Number(bar.getAttribute('x')) + Number(bar.getAttribute('width')) / 2
        );
      });
    expect(xs).toEqual(barCentres);
    // Each day's tooltip names it a UTC day, as the axis below says.
    expect(
      screen
        .getAllByTestId('infra-compliance-timeline-day')
        .map(day => day.querySelector('title')!.textContent),
    ).toEqual([
      '2026-11-01 (UTC day): 1 opened, 1 resolved',
      '2026-11-02 (UTC day): 1 opened, 1 resolved',
      '2026-11-10 (UTC day): 1 opened, 1 resolved',
    ]);
    // The backend's days are UTC days; moments elsewhere are the user's.
    for (const frame of [
      screen.getByTestId('infra-compliance-score-history'),
      screen.getByTestId('infra-compliance-opened-resolved'),
    ]) {
      expect(within(frame).getByText('days in UTC')).toBeInTheDocument();
    }
  });

  it("draws a day of several scans as one point, the day's last score, listing the others in its tooltip", async () => {
    const api = new FakeInfraComplianceApi();
    const scan = fixtures.history.snapshots[0];
    const scores = [
      ['2026-11-01T08:00:00.000Z', 50],
      ['2026-11-02T08:00:00.000Z', 70],
      ['2026-11-02T11:30:00.000Z', 40],
      ['2026-11-02T17:45:00.000Z', 60],
      ['2026-11-03T08:00:00.000Z', 65],
    ] as const;
    api.history = {
      ...fixtures.history,
      snapshots: scores.map(([takenAt, score]) => ({
        ...scan,
        takenAt,
        score,
      })),
    };
    await render({ api });
    const chart = await screen.findByRole('img', {
      name: 'Score history: 3 days, latest 65',
    });
    const points = [
      ...chart.querySelectorAll('[data-testid=infra-compliance-score-point]'),
    ];
    // Each day named a UTC day, as the axis below says.
    expect(points.map(point => point.textContent)).toEqual([
      '2026-11-01 (UTC day): 50',
      '2026-11-02 (UTC day): 60, the last of 3 scores (70, 40, 60)',
      '2026-11-03 (UTC day): 65',
    ]);
    // One point per day, apart, on the line through them.
    const xs = points.map(point => Number(point.getAttribute('x1')));
    expect(new Set(xs).size).toBe(3);
    expect(
      chart.querySelector('polyline')!.getAttribute('points')!.split(' '),
    ).toHaveLength(3);
  });

  it('says the score did not change when the period holds none of its points', async () => {
    const api = new FakeInfraComplianceApi();
    // Scanned every day, the results unchanged since before the period.
    api.history = { ...fixtures.history, snapshots: [], timeline: [] };
    await render({ api });
    expect(
      await screen.findByText('The score did not change in this period.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No score history yet.')).toBeNull();
  });

  it('lists waived and suppressed findings apart from the open ones the scorecard counts', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [
      ...fixtures.findings,
      {
        ...fixtures.findings[1],
        id: 13,
        fingerprint: 'c5f1e4d3a2b1c0d9',
        line: 90,
        suppressed: true,
        suppressionReason: 'Logs hold no personal data (SEC-42)',
      },
      {
        ...fixtures.findings[0],
        id: 14,
        fingerprint: 'd6a2f5e4b3c2d1e0',
        line: 120,
        waived: true,
      },
    ];
    await render({ api });
    // Open as in the scorecard: neither suppressed nor waived.
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    expect(
      within(findingsRegion()).getByText('template.yaml:42'),
    ).toBeInTheDocument();
    expect(screen.queryByText('template.yaml:90')).toBeNull();
    expect(screen.queryByText('template.yaml:120')).toBeNull();
    expect(api.findingQueries.at(-1)).toMatchObject({
      status: 'open',
      waived: false,
      suppressed: false,
    });

    const chooseStatus = async (name: string) => {
      await userEvent.click(screen.getByRole('button', { name: /^Status / }));
      await userEvent.click(await screen.findByRole('option', { name }));
    };
    await chooseStatus('Suppressed');
    expect(await screen.findByText('template.yaml:90')).toBeInTheDocument();
    expect(screen.getByText('Findings (1)')).toBeInTheDocument();
    expect(within(findingsRegion()).queryByText('template.yaml:42')).toBeNull();
    expect(api.findingQueries.at(-1)).toMatchObject({
      status: 'open',
      suppressed: true,
    });

    await chooseStatus('Waived');
    expect(await screen.findByText('template.yaml:120')).toBeInTheDocument();
    expect(screen.getByText('Findings (1)')).toBeInTheDocument();
    expect(api.findingQueries.at(-1)).toMatchObject({
      status: 'open',
      waived: true,
    });

    await chooseStatus('All');
    expect(await screen.findByText('Findings (4)')).toBeInTheDocument();
  });

  it('counts a finding both suppressed and waived as suppressed, as the scorecard does', async () => {
    const api = new FakeInfraComplianceApi();
    // Waived in Backstage, then suppressed in the code: the scorecard counts it suppressed only.
    api.findings = [
      {
        ...fixtures.findings[0],
        id: 15,
        fingerprint: 'e7b3a6f5c4d3e2f1',
        line: 150,
        suppressed: true,
        suppressionReason: 'Replayed from the source system',
        waived: true,
      },
    ];
    await render({ api });
    const chooseStatus = async (name: string) => {
      await userEvent.click(screen.getByRole('button', { name: /^Status / }));
      await userEvent.click(await screen.findByRole('option', { name }));
    };
    await chooseStatus('Waived');
    expect(await screen.findByText('Findings (0)')).toBeInTheDocument();
    expect(api.findingQueries.at(-1)).toMatchObject({
      status: 'open',
      waived: true,
      suppressed: false,
    });

    await chooseStatus('Suppressed');
    const row = (await screen.findByText('template.yaml:150')).closest('tr')!;
    expect(within(row).getByText('Suppressed')).toBeInTheDocument();
    expect(within(row).queryByText('Waived')).toBeNull();
  });

  it("drops the previous filter's count when the findings of a new filter fail to load", async () => {
    const { api } = await render();
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    jest
      .spyOn(api, 'listFindings')
      .mockRejectedValue(new Error('findings unavailable'));
    await userEvent.click(screen.getByRole('button', { name: /^Severity / }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'critical' }),
    );
    expect(
      (await screen.findAllByText(/findings unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Findings (2)')).toBeNull();
    expect(screen.getByText('Findings')).toBeInTheDocument();
  });

  it('pages, sorts and searches the findings through the API', async () => {
    const api = new FakeInfraComplianceApi();
    // More findings than a page: the table asks for each page it shows.
    api.findings = Array.from({ length: 45 }, (_, index) => ({
      ...fixtures.findings[index % fixtures.findings.length],
      id: 1000 + index,
      fingerprint: `f${index}`,
      line: index + 1,
    }));
    await render({ api });
    expect(await screen.findByText('Findings (45)')).toBeInTheDocument();
    expect(await screen.findByText('template.yaml:20')).toBeInTheDocument();
    expect(screen.queryByText('template.yaml:21')).toBeNull();
    expect(api.findingQueries.at(-1)).toMatchObject({ limit: 20, offset: 0 });

    const findingsTable = screen
      .getByText('Findings (45)')
      .closest('div[class*=MuiPaper]') as HTMLElement;
    await userEvent.click(
      within(findingsTable).getByRole('button', { name: 'Next Page' }),
    );
    expect(await screen.findByText('template.yaml:21')).toBeInTheDocument();
    expect(api.findingQueries.at(-1)).toMatchObject({ limit: 20, offset: 20 });

    await userEvent.click(
      within(findingsTable).getAllByRole('button', { name: 'First seen' })[0],
    );
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({
        sort: 'firstSeen',
        order: 'asc',
        offset: 0,
      }),
    );

    // The 22 copies of the log group finding (every other one) mention KmsKeyId.
    // The whole text at once: typed slowly, each pause longer than the debounce would send a query.
    fireEvent.change(within(findingsTable).getByPlaceholderText('Filter'), {
      target: { value: 'kmskeyid' },
    });
    expect(await screen.findByText('Findings (22)')).toBeInTheDocument();
    expect(api.findingQueries.at(-1)).toMatchObject({ q: 'kmskeyid' });
  });

  it('keeps the page of the findings the user reads when the results change, the last one when they shrank past it', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(60);
    await render({ api });
    const findings = await findingsTableOf('Findings (60)');
    await userEvent.click(
      within(findings).getByRole('button', { name: 'Next Page' }),
    );
    await within(findings).findByText('template.yaml:21');
    await userEvent.click(
      within(findings).getByRole('button', { name: 'Next Page' }),
    );
    await within(findings).findByText('template.yaml:41');

    /** The results changed elsewhere, read again at the user's return. */
    const changeResults = (count: number, score: number) => {
      setWindowFocus(false);
      stayAway();
      api.findings = manyFindings(count);
      api.scorecard = { ...api.scorecard, score };
      setWindowFocus(true);
    };
    changeResults(61, 61);
    expect(
      await within(findings).findByText('Findings (61)'),
    ).toBeInTheDocument();
    expect(within(findings).getByText('template.yaml:41')).toBeInTheDocument();
    expect(within(findings).queryByText('template.yaml:1')).toBeNull();
    expect(within(findings).getAllByText('41-60 of 61')).not.toHaveLength(0);

    // Two pages now: the last of them, not the first.
    changeResults(30, 70);
    expect(
      await within(findings).findByText('Findings (30)'),
    ).toBeInTheDocument();
    expect(
      await within(findings).findByText('template.yaml:21'),
    ).toBeInTheDocument();
    expect(within(findings).queryByText('template.yaml:1')).toBeNull();
    expect(within(findings).getAllByText('21-30 of 30')).not.toHaveLength(0);
    expect(api.findingQueries.at(-1)).toMatchObject({ limit: 20, offset: 20 });
  });

  it('keeps the page of the findings the user reads when their reload fails, its Retry asking for that page again', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(60);
    await render({ api });
    const findings = await findingsTableOf('Findings (60)');
    await userEvent.click(
      within(findings).getByRole('button', { name: 'Next Page' }),
    );
    await within(findings).findByText('template.yaml:21');
    await userEvent.click(
      within(findings).getByRole('button', { name: 'Next Page' }),
    );
    await within(findings).findByText('template.yaml:41');

    // The results changed elsewhere, read again at the user's return; the
    // findings' reload fails.
    jest
      .spyOn(api, 'listFindings')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    setWindowFocus(false);
    stayAway();
    api.findings = manyFindings(59);
    api.scorecard = { ...api.scorecard, score: 59 };
    setWindowFocus(true);
    await within(findings).findByText(/^Could not load the findings/);

    await userEvent.click(
      within(findings).getByRole('button', { name: 'Retry' }),
    );
    expect(
      await within(findings).findByText('Findings (59)'),
    ).toBeInTheDocument();
    expect(within(findings).getByText('template.yaml:41')).toBeInTheDocument();
    expect(within(findings).queryByText('template.yaml:1')).toBeNull();
    expect(within(findings).getAllByText('41-59 of 59')).not.toHaveLength(0);
    expect(api.findingQueries.at(-1)).toMatchObject({ limit: 20, offset: 40 });
  });

  it('keeps the focus on the pager of both tables when paging reaches the last page or the first', async () => {
    const api = new FakeInfraComplianceApi();
    // Three pages of findings, two of waivers.
    api.findings = Array.from({ length: 45 }, (_, index) => ({
      ...fixtures.findings[index % fixtures.findings.length],
      id: 1000 + index,
      fingerprint: `f${index}`,
      line: index + 1,
    }));
    api.waiverRecords = Array.from({ length: 12 }, (_, index) => ({
      ...fixtures.waivers[0],
      id: `0e9d8c7b-0000-4000-8000-${String(index).padStart(12, '0')}`,
    }));
    await render({ api });
    const findings = await screen.findByRole('region', { name: 'Findings' });
    await within(findings).findByText('Findings (45)');
    const waivers = screen.getByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (12)');

    /** Presses the focused pager button with the keyboard, and waits for `line`'s page. */
    const press = async (table: HTMLElement, line: number) => {
      await userEvent.keyboard('{Enter}');
      await within(table).findByText(`template.yaml:${line}`);
    };
    const pagerButton = (table: HTMLElement, name: string) =>
      within(table).getByRole('button', { name });

    pagerButton(findings, 'Next Page').focus();
    await press(findings, 21);
    expect(pagerButton(findings, 'Next Page')).toHaveFocus();
    await press(findings, 41);
    // The last page: "Next page" is disabled.
    expect(pagerButton(findings, 'Next Page')).toBeDisabled();
    expect(pagerButton(findings, 'Previous Page')).toHaveFocus();
    await press(findings, 21);
    expect(pagerButton(findings, 'Previous Page')).toHaveFocus();
    await press(findings, 1);
    expect(pagerButton(findings, 'Previous Page')).toBeDisabled();
    expect(pagerButton(findings, 'Next Page')).toHaveFocus();

    pagerButton(waivers, 'Next Page').focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(pagerButton(waivers, 'Next Page')).toBeDisabled(),
    );
    expect(pagerButton(waivers, 'Previous Page')).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(pagerButton(waivers, 'Previous Page')).toBeDisabled(),
    );
    expect(pagerButton(waivers, 'Next Page')).toHaveFocus();
  });

  it("opens a finding's rationale and its format's remediation snippet", async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const detail = await screen.findByTestId('infra-compliance-finding-detail');
    expect(within(detail).getByText('Why it matters')).toBeInTheDocument();
    const rule = getRuleMetadata('DLQ-001')!;
    expect(within(detail).getByText(rule.rationale)).toBeInTheDocument();
    expect(detail.textContent).not.toContain('Partial confidence');
    expect(
      within(detail).getByText(rule.remediation.summary),
    ).toBeInTheDocument();
    // The CloudFormation snippet (tokens are split by the highlighter).
    const firstLine = rule.remediation.snippets
      .cloudformation!.split('\n')[0]
      .trim();
    // The highlighter loads lazily.
    await waitFor(() => expect(detail.textContent).toContain(firstLine));
  });

  it("keeps a remediation snippet's long lines from widening the findings table: they scroll inside the snippet", async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const detail = await screen.findByTestId('infra-compliance-finding-detail');
    // The highlighter loads lazily.
    const snippet = await waitFor(() => {
      const pre = detail.querySelector('pre');
      expect(pre).not.toBeNull();
      return pre!;
    });
    // In a 768px window a snippet's widest line made the table 54px wider
    // than the page, the details' text and the Waive button cut off at its
    // edge. A box that counts for no width in the table's layout, and takes
    // the whole of the details' width, leaves the line to the snippet's
    // scroll bar.
    const boxes: HTMLElement[] = [];
    for (let box = snippet.parentElement; box && box !== detail; ) {
      boxes.push(box);
      box = box.parentElement;
    }
    expect(
      boxes.some(box => {
        const style = window.getComputedStyle(box);
        return style.width === '0px' && style.minWidth === '100%';
      }),
    ).toBe(true);
  });

  it("explains a finding in the words of the backend's rules, asked for once for the whole tab", async () => {
    const api = new FakeInfraComplianceApi();
    // A backend of another version, whose DLQ-001 is worded otherwise.
    api.rules = {
      ...fixtures.ruleCatalog,
      items: fixtures.ruleCatalog.items.map(rule =>
        rule.id === 'DLQ-001'
          ? {
              ...rule,
              rationale: 'Failed asynchronous events are dropped.',
              remediation: {
                summary: 'Give the function a dead-letter queue.',
                snippets: { cloudformation: 'DeadLetterConfig: {}' },
              },
            }
          : rule,
      ),
    };
    await render({ api });
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const detail = await screen.findByTestId('infra-compliance-finding-detail');
    expect(
      await within(detail).findByText(
        'Failed asynchronous events are dropped.',
      ),
    ).toBeInTheDocument();
    expect(detail).not.toHaveTextContent(getRuleMetadata('DLQ-001')!.rationale);
    expect(
      within(detail).getByText('Give the function a dead-letter queue.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(detail.textContent).toContain('DeadLetterConfig: {}'),
    );
    // Another panel, the rule filter, the formula: the same answer.
    await userEvent.click(screen.getByText('DataProcessorLogGroup'));
    await waitFor(() =>
      expect(
        screen.getAllByTestId('infra-compliance-finding-detail'),
      ).toHaveLength(2),
    );
    expect(api.ruleRequests).toBe(1);
  });

  it("asks once for the tab's rules when the backend cannot list them, and again only when the tab mounts again", async () => {
    const api = new FakeInfraComplianceApi();
    const listRules = jest
      .spyOn(api, 'listRules')
      .mockRejectedValueOnce(new Error('rules unavailable'));
    const { unmount } = await render({ api });
    // Each panel explains its finding with the bundled catalog, asking nothing.
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const detail = await screen.findByTestId('infra-compliance-finding-detail');
    expect(
      await within(detail).findByText(getRuleMetadata('DLQ-001')!.rationale),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByText('DataProcessorLogGroup'));
    await waitFor(() =>
      expect(
        screen.getAllByTestId('infra-compliance-finding-detail'),
      ).toHaveLength(2),
    );
    expect(
      screen.getByText(getRuleMetadata('ENC-001')!.rationale),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /All rules/ }));
    expect(
      await screen.findByRole('option', { name: /^ENC-001 / }),
    ).toBeInTheDocument();
    expect(listRules).toHaveBeenCalledTimes(1);

    // The tab mounts again (the user comes back to it): the backend answers now.
    unmount();
    api.rules = {
      ...fixtures.ruleCatalog,
      items: fixtures.ruleCatalog.items.map(rule =>
        rule.id === 'DLQ-001'
          ? { ...rule, rationale: 'Failed asynchronous events are dropped.' }
          : rule,
      ),
    };
    await render({ api });
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    expect(
      await screen.findByText('Failed asynchronous events are dropped.'),
    ).toBeInTheDocument();
    expect(listRules).toHaveBeenCalledTimes(2);
  });

  it('says when a finding rests on what the scan cannot know for sure (the default of a stack input, a loop, code not read)', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [{ ...fixtures.findings[0], confidence: 'partial' }];
    await render({ api });
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const detail = await screen.findByTestId('infra-compliance-finding-detail');
    expect(detail.textContent).toContain(
      'Partial confidence: this rests on what the scan cannot know for sure: the default value of a stack input (a parameter or variable), which a deployment may override, or a loop, a condition or code not known statically.',
    );
  });

  it('explains the score formula', async () => {
    await render();
    await userEvent.click(
      (
        await screen.findAllByLabelText('How is this score computed?')
      )[0],
    );
    expect(await screen.findByText(SCORECARD_FORMULA)).toBeInTheDocument();
  });

  it('scans now, shows progress until the scan ends, then reloads the scorecard', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    const getScan = jest.spyOn(api, 'getScan');
    await render({ api });
    await user.click(await screen.findByRole('button', { name: /scan now/i }));
    await settle();
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    // Running at the first poll: the progress stays, the results are the previous scan's.
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    expect(screen.getByText('62 / 100')).toBeInTheDocument();

    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(screen.queryByTestId('infra-compliance-scanning')).toBeNull();
    expect(getScan).toHaveBeenCalledTimes(2);
  });

  it('names every progress bar while a scan runs: the spinner in "Scan now" is hidden, as its icon is', async () => {
    const user = useFakeScanClock();
    await render();
    await user.click(await screen.findByRole('button', { name: /scan now/i }));
    await settle();
    const button = screen.getByRole('button', { name: 'Scanning…' });
    // A progress bar without a name (axe's aria-progressbar-name, WCAG 1.1.1).
    expect(within(button).queryByRole('progressbar')).toBeNull();
    const bars = screen.getAllByRole('progressbar');
    expect(bars.map(bar => bar.getAttribute('aria-label'))).toContain(
      'Scan progress',
    );
    for (const bar of bars) expect(bar).toHaveAccessibleName();
  });

  it('follows a scan to its results through a lost answer to its status, without saying it could not follow it', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    // The backend restarting under the first poll.
    const getScan = jest
      .spyOn(api, 'getScan')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await render({ api });
    await user.click(await screen.findByRole('button', { name: /scan now/i }));
    await settle();
    const status = screen.getByRole('status');
    // The lost answer: asked again at the next poll, nothing said of it.
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(1);
    expect(status).toHaveTextContent('Scan queued…');
    expect(screen.queryByText(/Could not follow the scan/)).toBeNull();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(2);
    expect(status).toHaveTextContent('Scanning…');

    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');
    expect(screen.queryByText(/Could not follow the scan/)).toBeNull();
  });

  it('keeps the keyboard focus on "Scan now" while the scan runs, a press then starting no other scan', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    const startScan = jest.spyOn(api, 'startScan');
    await render({ api });
    const button = await screen.findByRole('button', { name: /scan now/i });
    act(() => button.focus());
    await user.keyboard('{Enter}');
    await settle();
    expect(startScan).toHaveBeenCalledTimes(1);
    // A disabled button drops the focus to the page's body in a browser: the
    // keyboard user had to tab again from the top of the page.
    expect(button).toHaveTextContent('Scanning…');
    expect(button).not.toBeDisabled();
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveFocus();
    await user.keyboard('{Enter}');
    await settle();
    expect(startScan).toHaveBeenCalledTimes(1);

    await nextPoll();
    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(button).toHaveTextContent('Scan now');
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(button).toHaveFocus();
  });

  it.each([
    [404, 'Not Found', 'NotFoundError'],
    [403, 'Forbidden', 'NotAllowedError'],
  ])(
    'says it could not follow the scan at the first %s answer to its status, without asking again',
    async (statusCode, statusText, name) => {
      const api = new FakeInfraComplianceApi();
      const refusal = await scanStatusRefused(statusCode, statusText, name);
      const getScan = jest.spyOn(api, 'getScan').mockRejectedValue(refusal);
      const user = useFakeScanClock();
      await render({ api });
      await user.click(
        await screen.findByRole('button', { name: /scan now/i }),
      );
      await settle();
      expect(screen.queryByText(/Could not follow the scan/)).toBeNull();
      // Said at the first answer, not two polls on.
      await nextPoll();
      expect(screen.getByText(/Could not follow the scan/)).toBeInTheDocument();
      expect(getScan).toHaveBeenCalledTimes(1);
      await nextPoll();
      await nextPoll();
      expect(getScan).toHaveBeenCalledTimes(1);
    },
  );

  it('stops saying "Scanning…" once the status of the scan cannot be read, and says the scan may still be running', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    const getScan = jest
      .spyOn(api, 'getScan')
      .mockRejectedValue(new TypeError('Failed to fetch'));
    await render({ api });
    const status = await screen.findByRole('status');
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    expect(status).toHaveTextContent('Scan queued…');
    // Two lost answers: still followed.
    await nextPoll();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(2);
    expect(status).toHaveTextContent('Scan queued…');
    expect(screen.queryByText(/Could not follow the scan/)).toBeNull();

    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(3);
    // Not "Could not scan": the scan was started, and may go on.
    expect(
      screen.getByText(
        'Error: Could not follow the scan: it may still be running. Reload the page for its progress or results.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not scan/)).toBeNull();
    expect(status).toBeEmptyDOMElement();
    expect(
      screen.getByRole('button', { name: /scan now/i }),
    ).not.toHaveAttribute('aria-disabled');
    // Given up: not asked again.
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(3);
  });

  it('stops saying it could not follow a scan found under way once its status is read again', async () => {
    const api = apiWithScanUnderWay({ status: 'queued' });
    api.scanSteps = ['running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const getScan = jest
      .spyOn(api, 'getScan')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    useFakeScanClock();
    await render({ api });
    expect(
      await screen.findByTestId('infra-compliance-scanning'),
    ).toBeInTheDocument();
    await nextPoll();
    await nextPoll();
    expect(screen.queryByText(/Could not follow the scan/)).toBeNull();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(3);
    expect(
      screen.getByText(/^Error: Could not follow the scan/),
    ).toBeInTheDocument();
    // Followed again, as the page still calls it active: once its status
    // is read (running), no longer said lost, before its results.
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(4);
    expect(screen.queryByText(/Could not follow the scan/)).toBeNull();
    expect(screen.getByText('62 / 100')).toBeInTheDocument();

    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(screen.queryByText(/Could not follow the scan/)).toBeNull();
  });

  it('does not follow again a scan found under way whose status is refused (404), though the page still calls it active', async () => {
    const api = apiWithScanUnderWay({
      id: 'b7a1e2c3-0000-4000-8000-00000000000e',
    });
    const refusal = await scanStatusRefused(404, 'Not Found', 'NotFoundError');
    const getScan = jest.spyOn(api, 'getScan').mockRejectedValue(refusal);
    useFakeScanClock();
    await render({ api });
    expect(
      await screen.findByTestId('infra-compliance-scanning'),
    ).toBeInTheDocument();
    await nextPoll();
    expect(
      screen.getByText(/^Error: Could not follow the scan/),
    ).toBeInTheDocument();
    // Three poll intervals later, still the one request.
    await nextPoll();
    await nextPoll();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(1);
    expect(
      screen.getByText(/^Error: Could not follow the scan/),
    ).toBeInTheDocument();
  });

  it('keeps "Scan now" busy beside the progress bar while the scorecard reports a scan under way whose status is refused (404)', async () => {
    const api = apiWithScanUnderWay({
      id: 'b7a1e2c3-0000-4000-8000-00000000000d',
    });
    const refusal = await scanStatusRefused(404, 'Not Found', 'NotFoundError');
    jest.spyOn(api, 'getScan').mockRejectedValue(refusal);
    const startScan = jest.spyOn(api, 'startScan');
    const user = useFakeScanClock();
    await render({ api });
    await screen.findByTestId('infra-compliance-scanning');
    await nextPoll();
    expect(
      screen.getByText(/^Error: Could not follow the scan/),
    ).toBeInTheDocument();

    // No longer followed, still reported under way: the button is busy
    // beside the progress bar, a press asking for nothing.
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Scanning…' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    act(() => button.focus());
    await user.keyboard('{Enter}');
    await settle();
    expect(startScan).not.toHaveBeenCalled();
  });

  it('says when a scan could not be started', async () => {
    const api = new FakeInfraComplianceApi();
    jest
      .spyOn(api, 'startScan')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await render({ api });
    await userEvent.click(
      await screen.findByRole('button', { name: /scan now/i }),
    );
    expect(
      await screen.findByText('Error: Could not start the scan'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not follow/)).toBeNull();
  });

  it('counts as new and reopened only the findings the scan left open, and as resolved those that were open, as the scorecard does: not those suppressed in code or waived', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    // 2 new findings, 1 suppressed in code with a reason and 1 of a waived
    // rule; 2 reopened, 1 of them waived; 3 resolved, 1 of them waived.
    api.scanFindingCounts = {
      findings: 12,
      new: 2,
      newOpen: 0,
      reopened: 2,
      reopenedOpen: 1,
      resolved: 3,
      resolvedOpen: 2,
    };
    await render({ api });
    const status = await screen.findByRole('status');
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    await nextPoll();
    await nextPoll();
    expect(status).toHaveTextContent(
      /^Scan finished: 0 new, 1 reopened, 2 resolved\.$/,
    );
    // Recent scans says the same of it.
    const table = await screen.findByRole('table', { name: 'Recent scans' });
    expect(
      await within(table).findByText(
        '12 findings: 0 new, 1 reopened, 2 resolved',
      ),
    ).toBeInTheDocument();
  });

  it('announces the scan in a live region, queued, running, then what it found', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    await render({ api });
    const status = await screen.findByRole('status');
    expect(status).toBeEmptyDOMElement();
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    expect(status).toHaveTextContent(/^Scan queued…$/);
    await nextPoll();
    expect(status).toHaveTextContent(/^Scanning…$/);
    await nextPoll();
    // The same region, kept while the results reload: a screen reader hears each change.
    expect(status).toHaveTextContent(/^Scan finished: 1 new, 2 resolved\.$/);
    expect(screen.getByRole('status')).toBe(status);
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(screen.getByRole('status')).toBe(status);
  });

  it('says the scan finished only once its results show, "Last scanned" with them', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    await render({ api });
    const status = await screen.findByRole('status');
    const lastScanned = () =>
      screen.getByText(/^Last scanned/).querySelector('time');
    expect(lastScanned()).toHaveAttribute(
      'dateTime',
      fixtures.succeededScan.finishedAt,
    );
    // The reload of the scorecard after the scan, slow.
    const reload = holdAnswers(api.getScorecard.bind(api));
    jest.spyOn(api, 'getScorecard').mockImplementation(reload.held);
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    await nextPoll();
    await nextPoll();
    // Ended, its results on their way: still in progress, the previous
    // scan's time beside it.
    expect(status).toHaveTextContent(/^Scanning…$/);
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    expect(lastScanned()).toHaveAttribute(
      'dateTime',
      fixtures.succeededScan.finishedAt,
    );

    await act(async () => reload.release());
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(status).toHaveTextContent(/^Scan finished: 1 new, 2 resolved\.$/);
    expect(lastScanned()).toHaveAttribute(
      'dateTime',
      '2026-11-21T09:00:02.000Z',
    );
    expect(screen.queryByTestId('infra-compliance-scanning')).toBeNull();
  });

  it('keeps "Scan now" busy while the results of the scan it ran reload, as long as the status says "Scanning…"', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    const startScan = jest.spyOn(api, 'startScan');
    await render({ api });
    const status = await screen.findByRole('status');
    const button = screen.getByRole('button', { name: /scan now/i });
    // The reload of the scorecard after the scan, slow.
    const reload = holdAnswers(api.getScorecard.bind(api));
    jest.spyOn(api, 'getScorecard').mockImplementation(reload.held);
    act(() => button.focus());
    await user.keyboard('{Enter}');
    await settle();
    await nextPoll();
    await nextPoll();
    // Ended, its results on their way: busy beside "Scanning…" (it was
    // offered again), the previous scan's results under both.
    expect(status).toHaveTextContent(/^Scanning…$/);
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
    expect(button).toHaveTextContent('Scanning…');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    await user.keyboard('{Enter}');
    await settle();
    expect(startScan).toHaveBeenCalledTimes(1);

    await act(async () => reload.release());
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(status).toHaveTextContent(/^Scan finished: 1 new, 2 resolved\.$/);
    expect(button).toHaveTextContent('Scan now');
    expect(button).not.toHaveAttribute('aria-disabled');
  });

  it('offers "Scan now" again once the results of a scan that found the source unchanged reload, the scan then the last one', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['running', 'unchanged'];
    await render({ api });
    const status = await screen.findByRole('status');
    const button = screen.getByRole('button', { name: /scan now/i });
    const reload = holdAnswers(api.getScorecard.bind(api));
    jest.spyOn(api, 'getScorecard').mockImplementation(reload.held);
    await user.click(button);
    await settle();
    await nextPoll();
    await nextPoll();
    expect(status).toHaveTextContent(/^Scanning…$/);
    expect(button).toHaveAttribute('aria-disabled', 'true');

    await act(async () => reload.release());
    expect(await screen.findByRole('button', { name: 'Scan now' })).toBe(
      button,
    );
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(status).toHaveTextContent(
      /^Scan finished: the source has not changed since the last scan\.$/,
    );
    expect(screen.queryByTestId('infra-compliance-scanning')).toBeNull();
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
  });

  it('asks for one scan on a double click of "Scan now", its answer slow', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    const answer = holdAnswers(api.startScan.bind(api));
    const startScan = jest
      .spyOn(api, 'startScan')
      .mockImplementation(answer.held);
    await render({ api });
    const status = await screen.findByRole('status');
    await user.dblClick(screen.getByRole('button', { name: /scan now/i }));
    await act(async () => answer.release());
    await settle();
    expect(startScan).toHaveBeenCalledTimes(1);
    expect(status).toHaveTextContent(/^Scan queued…$/);
    await nextPoll();
    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');
  });

  it('shows no banner of the previous scan beside "Scanning…" while the results of the scan it ran reload', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    const emptyScan = {
      ...fixtures.succeededScan,
      counts: { ...fixtures.succeededScan.counts!, filesScanned: 0 },
    };
    api.scorecard = {
      ...fixtures.scorecard,
      lastScan: emptyScan,
      lastSuccessfulScan: emptyScan,
    };
    api.afterScan = { score: 91, grade: 'A' };
    await render({ api });
    const status = await screen.findByRole('status');
    expect(
      screen.getByText(/No infrastructure code found/),
    ).toBeInTheDocument();
    const reload = holdAnswers(api.getScorecard.bind(api));
    jest.spyOn(api, 'getScorecard').mockImplementation(reload.held);
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    await nextPoll();
    expect(status).toHaveTextContent(/^Scanning…$/);
    expect(screen.queryByText(/No infrastructure code found/)).toBeNull();
    await nextPoll();
    // Ended, its results on their way: still "Scanning…", and the previous
    // scan's banner not back under it until they show.
    expect(status).toHaveTextContent(/^Scanning…$/);
    expect(screen.queryByText(/No infrastructure code found/)).toBeNull();

    await act(async () => reload.release());
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');
    expect(screen.queryByText(/No infrastructure code found/)).toBeNull();
  });

  it('keeps "Scan now" busy, and says nothing, until the results of a scan found under way show', async () => {
    // The scorecard calls it running until it reloads.
    const api = apiWithScanUnderWay();
    api.scanSteps = ['succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    useFakeScanClock();
    await render({ api });
    const button = await screen.findByRole('button', { name: 'Scanning…' });
    const status = screen.getByRole('status');
    const reload = holdAnswers(api.getScorecard.bind(api));
    jest.spyOn(api, 'getScorecard').mockImplementation(reload.held);
    await nextPoll();
    // Ended, its results on their way: still under way, not "Scan finished"
    // over the previous scan's results.
    expect(button).toHaveTextContent('Scanning…');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    expect(status).toBeEmptyDOMElement();

    await act(async () => reload.release());
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');
    expect(button).toHaveTextContent('Scan now');
    expect(button).not.toHaveAttribute('aria-disabled');
  });

  it('offers "Scan now" again as soon as the scan fails, its results not reloaded yet', async () => {
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['failed'];
    api.scanError = 'Could not read https://github.com/acme/seed-000: 404';
    const user = useFakeScanClock();
    await render({ api });
    const status = await screen.findByRole('status');
    const button = screen.getByRole('button', { name: /scan now/i });
    // The reload after the scan, never answered: a failed scan changes no results.
    const reload = holdAnswers(api.getScorecard.bind(api));
    jest.spyOn(api, 'getScorecard').mockImplementation(reload.held);
    await user.click(button);
    await settle();
    await nextPoll();
    expect(status).toHaveTextContent('Scan failed.');
    expect(button).toHaveTextContent('Scan now');
    expect(button).not.toHaveAttribute('aria-disabled');
  });

  it('keeps the results, the scan over, when the reload after the scan fails, and says so beside them until a retry loads the new ones', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    await render({ api });
    const status = await screen.findByRole('status');
    const button = await screen.findByRole('button', { name: /scan now/i });
    await user.click(button);
    await settle();
    const getScorecard = api.getScorecard.bind(api);
    const read = jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await nextPoll();
    await nextPoll();
    // The results from before the scan stay, a warning over them.
    expect(read).toHaveBeenCalledTimes(1);
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
    expect(screen.getByText('Findings (2)')).toBeInTheDocument();
    const warning = screen
      .getByText(/^Could not refresh the results/)
      .closest<HTMLElement>('[aria-live]')!;
    expect(warning).toHaveTextContent(
      'Could not refresh the results: Failed to fetch. They may be out of date.Retry',
    );
    // The scan is over all the same: not "Scanning…", what it found said.
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');
    expect(screen.queryByTestId('infra-compliance-scanning')).toBeNull();
    expect(button).toHaveTextContent('Scan now');
    expect(button).not.toHaveAttribute('aria-disabled');

    // Retried, its answer slow: the results and the warning stay meanwhile.
    const retried = holdAnswers(getScorecard);
    read.mockImplementation(retried.held);
    const retry = within(warning).getByRole('button', { name: 'Retry' });
    await user.click(retry);
    expect(retry).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).toBeNull();
    expect(retry).toHaveFocus();
    await act(async () => retried.release());
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(screen.queryByText(/Could not refresh/)).toBeNull();
    expect(button).not.toHaveAttribute('aria-disabled');
    // Retry went with the warning: the focus is on the results it was over,
    // not fallen to the page's body, and the next Tab reaches Scan now. A
    // screen reader names them, not reads all of them.
    expect(document.body).not.toHaveFocus();
    expect(document.activeElement).toContainElement(
      screen.getByText('91 / 100'),
    );
    expect(screen.getByRole('region', { name: 'Results' })).toHaveFocus();
    await user.tab();
    expect(button).toHaveFocus();
  });

  it('says the first scan of an entity without results ended, not "Not scanned yet", when the reload of its results fails, until a Retry loads them', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      categories: {},
      lastScan: undefined,
      lastCompletedScan: undefined,
      lastSuccessfulScan: undefined,
    };
    api.afterScan = { score: 91, grade: 'A' };
    await render({ api });
    await screen.findByText('Not scanned yet');
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    const read = jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await nextPoll();
    await nextPoll();
    const warning = screen
      .getByText(/^Could not refresh the results/)
      .closest<HTMLElement>('[aria-live]')!;
    expect(screen.getByRole('status')).toHaveTextContent(
      'Scan finished: 1 new, 2 resolved.',
    );
    expect(screen.queryByText('Not scanned yet')).toBeNull();
    expect(screen.getByText('Results not loaded')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The scan finished, but its results could not be loaded. Retry, above.',
      ),
    ).toBeInTheDocument();

    read.mockRestore();
    await user.click(within(warning).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(screen.queryByText('Results not loaded')).toBeNull();
  });

  it('says the results could not be refreshed in a live region there from the start, and again when a Retry fails again, when', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    await render({ api });
    const button = await screen.findByRole('button', { name: /scan now/i });
    // Empty, with the results: a live region added with its text is not
    // announced by every screen reader.
    const refreshStatus = screen.getByTestId('infra-compliance-refresh-status');
    expect(refreshStatus).toHaveAttribute('aria-live', 'polite');
    expect(refreshStatus).toBeEmptyDOMElement();
    await user.click(button);
    await settle();
    jest.spyOn(api, 'getScorecard').mockImplementation(async () => {
      // Each failed request's error its own, as fetch's.
      throw new TypeError('Failed to fetch');
    });
    await nextPoll();
    await nextPoll();
    expect(screen.getByTestId('infra-compliance-refresh-status')).toBe(
      refreshStatus,
    );
    expect(refreshStatus).toHaveTextContent(
      'Could not refresh the results: Failed to fetch. They may be out of date.Retry',
    );
    // Said by the region alone, not by a live region inside it too.
    expect(within(refreshStatus).queryByRole('status')).toBeNull();
    expect(within(refreshStatus).queryByRole('alert')).toBeNull();

    // Each Retry that fails again changes its text: it said the same.
    const retry = within(refreshStatus).getByRole('button', { name: 'Retry' });
    jest.setSystemTime(new Date(2030, 0, 7, 14, 3, 27));
    await user.click(retry);
    await settle();
    expect(refreshStatus).toHaveTextContent(
      'Could not refresh the results (again at 14:03:27): Failed to fetch. They may be out of date.Retry',
    );
    jest.setSystemTime(new Date(2030, 0, 7, 14, 3, 41));
    await user.click(retry);
    await settle();
    expect(refreshStatus).toHaveTextContent(
      'Could not refresh the results (again at 14:03:41): Failed to fetch. They may be out of date.Retry',
    );
    expect(retry).toHaveFocus();
  });

  it("reloads the findings and waivers that failed with the scorecard after a scan at the warning's Retry, the backend down meanwhile", async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    await render({ api });
    const findings = await screen.findByRole('region', { name: 'Findings' });
    const waivers = screen.getByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (2)');
    await user.click(await screen.findByRole('button', { name: /scan now/i }));
    await settle();
    const down = new TypeError('Failed to fetch');
    jest.spyOn(api, 'getScorecard').mockRejectedValueOnce(down);
    jest.spyOn(api, 'getHistory').mockRejectedValueOnce(down);
    jest.spyOn(api, 'listFindings').mockRejectedValueOnce(down);
    jest.spyOn(api, 'listWaivers').mockRejectedValueOnce(down);
    await nextPoll();
    await nextPoll();
    const warning = screen
      .getByText(/^Could not refresh the results/)
      .closest<HTMLElement>('[aria-live]')!;
    expect(
      await within(findings).findByText(/^Could not load the findings/),
    ).toBeInTheDocument();
    expect(
      await within(waivers).findByText(/^Could not load the waivers/),
    ).toBeInTheDocument();

    // The backend back: one Retry loads all of it.
    await user.click(within(warning).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(
      await within(findings).findByText('Findings (2)'),
    ).toBeInTheDocument();
    expect(await within(waivers).findByText('Waivers (2)')).toBeInTheDocument();
    expect(screen.queryByText(/^Could not/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('announces a scan found running when the page loads only once it ends, not its progress', async () => {
    const api = apiWithScanUnderWay({ status: 'queued' });
    api.scanSteps = ['running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const getScan = jest.spyOn(api, 'getScan');
    useFakeScanClock();
    await render({ api });
    expect(
      await screen.findByTestId('infra-compliance-scanning'),
    ).toBeInTheDocument();
    const status = screen.getByRole('status');
    expect(status).toBeEmptyDOMElement();
    // Running, its progress not announced.
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(1);
    expect(status).toBeEmptyDOMElement();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(2);
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
  });

  it("follows the scan under way the scorecard reports beside its last scan (runningScan) from the page's load to its results", async () => {
    // As the backend reports it: the last scan is the previous one, which
    // ended.
    const api = apiWithScanUnderWay({ startedAt: '2026-11-21T09:00:00.000Z' });
    api.scanSteps = ['running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const getScan = jest.spyOn(api, 'getScan');
    useFakeScanClock();
    await render({ api });
    expect(
      await screen.findByTestId('infra-compliance-scanning'),
    ).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Scanning…' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    const status = screen.getByRole('status');
    expect(status).toBeEmptyDOMElement();
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
    await nextPoll();
    expect(getScan).toHaveBeenCalledWith(
      'b7a1e2c3-0000-4000-8000-00000000000f',
    );
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();

    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');
    expect(screen.queryByTestId('infra-compliance-scanning')).toBeNull();
    expect(button).toHaveTextContent('Scan now');
    expect(button).not.toHaveAttribute('aria-disabled');
  });

  it('shows "Scan now" busy from the press on, while the scan is asked for, the previous outcome no longer beside it', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.afterScan = { score: 91, grade: 'A' };
    await render({ api });
    const status = await screen.findByRole('status');
    const button = screen.getByRole('button', { name: 'Scan now' });
    await user.click(button);
    await settle();
    await nextPoll();
    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');

    const answer = holdAnswers(api.startScan.bind(api));
    jest.spyOn(api, 'startScan').mockImplementation(answer.held);
    await user.click(button);
    await settle();
    // Not answered yet: busy as while the scan runs, nothing announced.
    expect(button).toHaveTextContent('Scanning…');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    expect(status).toBeEmptyDOMElement();

    await act(async () => answer.release());
    await settle();
    expect(status).toHaveTextContent(/^Scan queued…$/);
    expect(button).toHaveTextContent('Scanning…');
    expect(button).toHaveAttribute('aria-disabled', 'true');
  });

  it('offers "Scan now" again when the request for the scan fails', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    const answer = holdAnswers(() =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    jest.spyOn(api, 'startScan').mockImplementation(answer.held);
    await render({ api });
    const button = await screen.findByRole('button', { name: 'Scan now' });
    await user.click(button);
    await settle();
    expect(button).toHaveTextContent('Scanning…');
    expect(button).toHaveAttribute('aria-disabled', 'true');

    await act(async () => answer.release());
    await settle();
    expect(
      screen.getByText('Error: Could not start the scan'),
    ).toBeInTheDocument();
    expect(button).toHaveTextContent('Scan now');
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(screen.queryByTestId('infra-compliance-scanning')).toBeNull();
  });

  it('announces a failed scan in the live region, the error in the panel under it', async () => {
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['failed'];
    api.scanError = 'Could not read https://github.com/acme/seed-000: 404';
    const user = useFakeScanClock();
    await render({ api });
    const status = await screen.findByRole('status');
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    expect(status).toHaveTextContent('Scan queued…');
    await nextPoll();
    expect(status).toHaveTextContent('Scan failed.');
    // In the panel; the recent scans list it too.
    expect(await screen.findByRole('alert')).toHaveTextContent(api.scanError);
    expect(
      screen.getByText(/Last scan failed \(2026-11-21 \d\d:\d\d\)/),
    ).toBeInTheDocument();
  });

  it("says nothing of the previous entity's scan on the entity the page moved to", async () => {
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['failed'];
    api.scanError = 'Could not read https://github.com/acme/seed-000: 404';
    const user = useFakeScanClock();
    await renderMovingEntityPage(api);
    // The tab's live region, not the test page's <output> of its address.
    const scanStatus = () =>
      screen
        .getAllByRole('status')
        .find(element => element.getAttribute('role') === 'status')!;
    await screen.findByRole('button', { name: /scan now/i });
    const status = scanStatus();
    await user.click(screen.getByRole('button', { name: /scan now/i }));
    await settle();
    await nextPoll();
    expect(status).toHaveTextContent('Scan failed.');
    expect(await screen.findByRole('alert')).toHaveTextContent(api.scanError);
    // The other entity's last scan succeeded.
    const getScorecard = api.getScorecard.bind(api);
    api.getScorecard = async ref =>
      ref.name === otherEntity.metadata.name
        ? fixtures.scorecard
        : getScorecard(ref);
    await moveToOtherEntity(user);
    expect(await screen.findByText('62 / 100')).toBeInTheDocument();
    expect(scanStatus()).toBeEmptyDOMElement();
    expect(screen.queryByText(api.scanError)).toBeNull();
    expect(screen.queryByText(/Last scan failed/)).toBeNull();
  });

  it('names the generated resource a finding is about beside the resource written in the code', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [
      {
        ...fixtures.findings[0],
        ruleId: 'DLQ-005',
        resourceType: 'AWS::Serverless::Function',
        generatedResourceId: 'DataProcessorMessages',
      },
    ];
    await render({ api });
    expect(
      await screen.findByText(
        typographyWithText(
          'AWS::Serverless::Function · generated DataProcessorMessages',
        ),
      ),
    ).toBeInTheDocument();
  });

  it('breaks long resource ids, types and paths between their parts first, then between the words of a part', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [
      {
        ...fixtures.findings[0],
        format: 'terraform',
        resourceId: 'aws_lambda_function.data_processor',
        resourceType: 'aws_lambda_function',
        file: 'infra/orders/main.tf',
        line: 67,
      },
      {
        ...fixtures.findings[1],
        resourceId: 'OrderQueueEventSourceMapping',
        resourceType: 'AWS::Lambda::EventSourceMapping',
        file: 'template.yaml',
        line: 124,
      },
    ];
    await render({ api });
    /** What `element` shows, its text as a screen reader gets it aside. */
    const shown = (element: HTMLElement) =>
      element.querySelector('[aria-hidden=true]')!;
    /**
     * Where a line may break `element`'s text: its parts, each an inline box
     * of its own, each part's pieces between its break opportunities.
     */
    const breaksOf = (element: HTMLElement) =>
      Array.from(shown(element).children)
        .filter(part => part.tagName === 'SPAN')
        .map(part => {
          expect(window.getComputedStyle(part).display).toBe('inline-block');
          return Array.from(part.children)
            .filter(piece => piece.tagName === 'SPAN')
            .map(piece => piece.textContent);
        });
    expect(
      breaksOf(
        await screen.findByText(
          typographyWithText('aws_lambda_function.data_processor'),
        ),
      ),
    ).toEqual([
      ['aws_', 'lambda_', 'function.'],
      ['data_', 'processor'],
    ]);
    expect(
      breaksOf(screen.getByText(typographyWithText('aws_lambda_function'))),
    ).toEqual([['aws_', 'lambda_', 'function']]);
    expect(
      breaksOf(
        screen.getByText(typographyWithText('OrderQueueEventSourceMapping')),
      ),
    ).toEqual([['Order', 'Queue', 'Event', 'Source', 'Mapping']]);
    expect(
      breaksOf(
        screen.getByText(typographyWithText('AWS::Lambda::EventSourceMapping')),
      ),
    ).toEqual([['AWS::'], ['Lambda::'], ['Event', 'Source', 'Mapping']]);
    // A path breaks after its slashes, then in the name, never before its
    // line: a line number alone on a line tells nothing.
    const location = screen.getByRole('link', {
      name: /^infra\/orders\/main\.tf:67,/,
    });
    expect(breaksOf(location)).toEqual([
      ['infra/'],
      ['orders/'],
      ['main.', 'tf:67'],
    ]);
    expect(
      breaksOf(screen.getByRole('link', { name: /^template\.yaml:124,/ })),
    ).toEqual([['template.', 'yaml:124']]);
  });

  it('gives a screen reader and a copied selection each id whole, its break opportunities hidden from both', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [
      {
        ...fixtures.findings[0],
        resourceId: 'OrderQueueEventSourceMapping',
        resourceType: 'AWS::Lambda::EventSourceMapping',
        file: 'infra/template.yaml',
        line: 67,
      },
    ];
    await render({ api });
    const id = await screen.findByText(
      typographyWithText('OrderQueueEventSourceMapping'),
    );
    // Chromium reads each <wbr> and each part's box as a space.
    for (const text of [
      'OrderQueueEventSourceMapping',
      'AWS::Lambda::EventSourceMapping',
      'infra/template.yaml:67',
    ]) {
      const spoken = screen
        .getAllByText(text)
        .filter(element => element.closest('[aria-hidden=true]') === null);
      expect(spoken).toHaveLength(1);
      expect(spoken[0].childNodes).toHaveLength(1);
      // Not copied twice with the shown text.
      expect(getComputedStyle(spoken[0]).userSelect).toBe('none');
      expect(spoken[0].nextElementSibling).toHaveAttribute(
        'aria-hidden',
        'true',
      );
      expect(spoken[0].nextElementSibling!.textContent).toBe(text);
    }
    expect(id.querySelectorAll('wbr').length).toBeGreaterThan(0);
  });

  it('shows the error of a failed scan', async () => {
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['failed'];
    api.scanError = 'Could not read https://github.com/acme/seed-000: 404';
    const user = useFakeScanClock();
    await render({ api });
    await user.click(await screen.findByRole('button', { name: /scan now/i }));
    await settle();
    expect(screen.queryByText(api.scanError)).toBeNull();
    await nextPoll();
    // In the panel; the recent scans list it too.
    expect(await screen.findByRole('alert')).toHaveTextContent(api.scanError);
  });

  it('dates the results by the last scan that read them, one that found them unchanged included, though a scan failed since', async () => {
    const api = new FakeInfraComplianceApi();
    // Scanned again on Dec 1: the same results, nothing written but the scan.
    const unchangedScan = {
      ...fixtures.succeededScan,
      id: '0c4f2a9e-0000-4000-8000-000000000012',
      status: 'unchanged' as const,
      createdAt: '2026-12-01T08:00:00.000Z',
      startedAt: '2026-12-01T08:00:01.000Z',
      finishedAt: '2026-12-01T08:00:02.000Z',
      counts: undefined,
    };
    api.scorecard = {
      ...fixtures.scorecard,
      lastScan: unchangedScan,
      lastCompletedScan: unchangedScan,
    };
    // The text, and the moment its date and time (in the user's time zone) stand for.
    const lastScanned = async () => {
      const { unmount } = await render({ api });
      const line = await screen.findByText(/^Last scanned/);
      const seen = [
        line.textContent,
        line.querySelector('time')?.getAttribute('datetime'),
      ];
      unmount();
      return seen;
    };
    const asOf = (day: string, finishedAt: string) => [
      expect.stringMatching(
        new RegExp(
          `^Last scanned ${day} \\d\\d:\\d\\d \\([^)]+\\), 1 file of infrastructure code$`,
        ),
      ),
      finishedAt,
    ];
    expect(await lastScanned()).toEqual(
      asOf('2026-12-01', '2026-12-01T08:00:02.000Z'),
    );

    // A scan that failed since read nothing: the results are still as of the unchanged scan.
    const failedScan = {
      ...unchangedScan,
      id: '0c4f2a9e-0000-4000-8000-000000000013',
      status: 'failed' as const,
      createdAt: '2026-12-02T08:00:00.000Z',
      startedAt: '2026-12-02T08:00:01.000Z',
      finishedAt: '2026-12-02T08:00:02.000Z',
      error: 'Could not read https://github.com/acme/seed-000: 404',
    };
    api.scorecard = { ...api.scorecard, lastScan: failedScan };
    expect(await lastScanned()).toEqual(
      asOf('2026-12-01', '2026-12-01T08:00:02.000Z'),
    );

    // A backend that does not tell the last completed scan: the successful scan's.
    api.scorecard = { ...api.scorecard, lastCompletedScan: undefined };
    expect(await lastScanned()).toEqual(
      asOf('2026-11-20', '2026-11-20T08:00:03.000Z'),
    );
  });

  it('waives a finding with a reason and an expiry day', async () => {
    const { api } = await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const waive = await screen.findByRole('button', {
      name: 'Waive this finding',
    });
    // Above the remediation (whose snippet loads lazily), so that it never moves under the pointer.
    expect(
      waive.compareDocumentPosition(screen.getByText('What to change')) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    await userEvent.click(waive);
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'Events are replayed from the source system',
    );
    const expiresOn = within(dialog).getByLabelText('Expires on');
    // The day is sent as ending at its last millisecond in UTC, and said so.
    expect(expiresOn).toHaveAccessibleDescription(
      /^It applies to the end of this day in UTC\./,
    );
    await userEvent.type(expiresOn, '2099-01-31');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create waiver' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.waivers).toEqual([
      {
        fingerprint: 'a3f9c2d1e4b5a6c7',
        reason: 'Events are replayed from the source system',
        expiresAt: '2099-01-31T23:59:59.999Z',
      },
    ]);
  });

  it("keeps the results when the scorecard cannot be read again after a waiver, and says so until the read at the user's return succeeds", async () => {
    const { api } = await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'Events are replayed from the source system',
    );
    const read = jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create waiver' }),
    );
    const warning = await screen.findByText(/^Could not refresh the results/);
    expect(read).toHaveBeenCalledTimes(1);
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
    // The findings beside it reloaded all the same: the waived one left the list.
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();

    // Back from another window a while later: read again, the warning gone.
    setWindowFocus(false);
    stayAway();
    setWindowFocus(true);
    await waitFor(() => expect(warning).not.toBeInTheDocument());
    expect(read).toHaveBeenCalledTimes(2);
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
  });

  it('marks the scorecard figures out of date beside the findings and waivers reloaded after a waiver, the scorecard not read again, until a read succeeds', async () => {
    const { api } = await render();
    await screen.findByText('Findings (2)');
    const scorecardCard = () =>
      screen
        .getByTestId('infra-compliance-score-overview')
        .closest<HTMLElement>('[class*=MuiCard-root]')!;
    const categoryScores = () =>
      screen.getByRole('region', { name: 'Category scores' });
    expect(within(scorecardCard()).queryByText(/out of date/)).toBeNull();
    expect(within(categoryScores()).queryByText(/out of date/)).toBeNull();
    const read = jest
      .spyOn(api, 'getScorecard')
      .mockImplementation(async () => {
        throw new TypeError('Failed to fetch');
      });

    /** Waives the finding of `rule` on `resource` for good, from its details. */
    const waive = async (rule: string, resource: string) => {
      await userEvent.click(
        await within(findingsRegion()).findByRole('button', {
          name: `Show details of ${rule} on ${resource}`,
        }),
      );
      await userEvent.click(
        await screen.findByRole('button', { name: 'Waive this finding' }),
      );
      const dialog = await screen.findByRole('dialog');
      await userEvent.type(within(dialog).getByLabelText(/Reason/), 'Accepted');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Create waiver' }),
      );
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    };
    await waive('DLQ-001', 'DataProcessor');
    await screen.findByText(/^Could not refresh the results/);
    // The findings and waivers reloaded: the waived finding left the list,
    // its waiver is listed. The scorecard's figures are from before it.
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(await screen.findByText('Waivers (3)')).toBeInTheDocument();
    expect(within(scorecardCard()).getByText('62 / 100')).toBeInTheDocument();
    expect(within(scorecardCard()).getByText(/^Scorecard/)).toBeInTheDocument();
    expect(
      within(scorecardCard()).getByText('Not refreshed: may be out of date'),
    ).toBeInTheDocument();
    expect(
      within(categoryScores()).getByText('Not refreshed: may be out of date'),
    ).toBeInTheDocument();

    // Another waiver while the warning shows: the same.
    await waive('ENC-001', 'DataProcessorLogGroup');
    expect(await screen.findByText(/again at/)).toBeInTheDocument();
    expect(
      within(scorecardCard()).getByText('Not refreshed: may be out of date'),
    ).toBeInTheDocument();

    // The scorecard read again: the figures are current, unmarked.
    read.mockRestore();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() =>
      expect(screen.queryByText(/^Could not refresh/)).toBeNull(),
    );
    expect(within(scorecardCard()).queryByText(/out of date/)).toBeNull();
    expect(within(categoryScores()).queryByText(/out of date/)).toBeNull();
  });

  it.each([
    // 20:00 on the 5th in New York: the UTC day is the 6th, which ends 23 hours on.
    ['2026-12-06T01:00:00.000Z', -5, '2026-12-06', '2026-12-06 18:59'],
    // Half an hour before the UTC day ends: it can still end a waiver.
    ['2026-12-05T23:30:00.000Z', 0, '2026-12-05', '2026-12-05 23:59'],
    // 08:00 on the 6th in Tokyo: the UTC day is still the 5th, the user's
    // yesterday, which would end the waiver an hour on; the 6th ends on the 7th there.
    ['2026-12-05T23:00:00.000Z', 9, '2026-12-06', '2026-12-07 08:59'],
  ])(
    "offers as the first expiry day at %s, %i hours from UTC, %s, and says it ends at %s on the user's clock",
    async (now, offsetHours, firstDay, localEnd) => {
      const { api } = await render();
      await userEvent.click(
        await screen.findByRole('button', {
          name: /^Show details of \S+ on DataProcessor$/,
        }),
      );
      const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.parse(now));
      const restoreTimeZone = emulateTimeZone(offsetHours);
      try {
        await userEvent.click(
          await screen.findByRole('button', { name: 'Waive this finding' }),
        );
        const dialog = await screen.findByRole('dialog');
        const expiresOn = within(dialog).getByLabelText('Expires on');
        expect(expiresOn).toHaveAttribute('min', firstDay);
        await userEvent.type(
          within(dialog).getByLabelText(/Reason/),
          'Replayed',
        );
        await userEvent.type(expiresOn, firstDay);
        // The contract's day, on the user's clock.
        expect(expiresOn).toHaveAccessibleDescription(
          `It applies to the end of this day in UTC: ${localEnd} your time. Leave empty for a waiver that does not expire.`,
        );
        await userEvent.click(
          within(dialog).getByRole('button', { name: 'Create waiver' }),
        );
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(api.waivers).toEqual([
          expect.objectContaining({ expiresAt: `${firstDay}T23:59:59.999Z` }),
        ]);
      } finally {
        restoreTimeZone();
        clock.mockRestore();
      }
    },
  );

  it("refuses an expiry day typed in before the first, east of Greenwich the user's yesterday", async () => {
    const { api } = await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    // 08:00 on the 6th in Tokyo, 23:00 on the 5th in UTC.
    const clock = jest
      .spyOn(Date, 'now')
      .mockReturnValue(Date.parse('2026-12-05T23:00:00.000Z'));
    const restoreTimeZone = emulateTimeZone(9);
    try {
      await userEvent.click(
        await screen.findByRole('button', { name: 'Waive this finding' }),
      );
      const dialog = await screen.findByRole('dialog');
      await userEvent.type(within(dialog).getByLabelText(/Reason/), 'Replayed');
      const expiresOn = within(dialog).getByLabelText('Expires on');
      await userEvent.type(expiresOn, '2026-12-05');
      expect(expiresOn).toBeInvalid();
      expect(expiresOn).toHaveAccessibleDescription(
        'Choose 2026-12-06 or a later day.',
      );
      const create = within(dialog).getByRole('button', {
        name: 'Create waiver',
      });
      expect(create).toBeDisabled();
      await userEvent.clear(expiresOn);
      expect(expiresOn).toBeValid();
      expect(create).toBeEnabled();
      await userEvent.click(create);
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      // Without the day: a waiver that does not expire.
      expect(api.waivers).toEqual([
        { fingerprint: 'a3f9c2d1e4b5a6c7', reason: 'Replayed' },
      ]);
    } finally {
      restoreTimeZone();
      clock.mockRestore();
    }
  });

  /**
   * A minute before the first expiry day ends, the process's own time zone
   * whatever it is: midnight UTC in UTC and in Los Angeles (15:59 there);
   * in Tokyo, the user's own midnight (the UTC day ends at 08:59 there, a
   * day the dialog no longer offers then), on the 6th.
   */
  const dayEnding = [
    {
      zone: 'UTC',
      offsetHours: 0,
      at: '2026-12-05T23:59:00.000Z',
      day: '2026-12-05',
      next: '2026-12-06',
    },
    {
      zone: 'Los Angeles',
      offsetHours: -8,
      at: '2026-12-05T23:59:00.000Z',
      day: '2026-12-05',
      next: '2026-12-06',
    },
    {
      zone: 'Tokyo',
      offsetHours: 9,
      at: '2026-12-06T14:59:00.000Z',
      day: '2026-12-06',
      next: '2026-12-07',
    },
  ];

  /**
   * The waiver dialog of the first finding, opened on the fake clock
   * (useFakeScanClock's `user`) a minute before the first expiry day ends
   * in the time zone (emulated by the test), a reason given and that day
   * chosen.
   */
  async function waiveJustBeforeDayEnds(
    user: UserEvent,
    ending: (typeof dayEnding)[number],
  ) {
    jest.setSystemTime(Date.parse(ending.at));
    const { api } = await render();
    await user.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    await user.click(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Reason/), 'Replayed');
    const expiresOn = within(dialog).getByLabelText('Expires on');
    expect(expiresOn).toHaveAttribute('min', ending.day);
    await user.type(expiresOn, ending.day);
    const create = within(dialog).getByRole('button', {
      name: 'Create waiver',
    });
    expect(create).toBeEnabled();
    return { api, dialog, expiresOn, create };
  }

  it.each(dayEnding)(
    'moves the first expiry day on when it ends while the waiver dialog is open, refusing the day that ended, in $zone',
    async ending => {
      const user = useFakeScanClock();
      const restoreTimeZone = emulateTimeZone(ending.offsetHours);
      try {
        const { api, expiresOn, create } = await waiveJustBeforeDayEnds(
          user,
          ending,
        );
        // The dialog left open past the day's end: it can no longer end a waiver.
        await act(() => jest.advanceTimersByTimeAsync(60_000));
        expect(expiresOn).toHaveAttribute('min', ending.next);
        expect(expiresOn).toBeInvalid();
        expect(expiresOn).toHaveAccessibleDescription(
          `Choose ${ending.next} or a later day.`,
        );
        expect(create).toBeDisabled();
        expect(api.waivers).toEqual([]);
      } finally {
        restoreTimeZone();
      }
    },
  );

  it.each(dayEnding)(
    'refuses at Create, without a request, an expiry day that ended while the waiver dialog was open, in $zone',
    async ending => {
      const user = useFakeScanClock();
      const restoreTimeZone = emulateTimeZone(ending.offsetHours);
      try {
        const { api, dialog, expiresOn, create } = await waiveJustBeforeDayEnds(
          user,
          ending,
        );
        // The day's end passed with no timer run (a laptop asleep, a
        // background tab): the backend would refuse the day as not in the
        // future, or as the user's yesterday.
        jest.setSystemTime(Date.parse(ending.at) + 90_000);
        await user.click(create);
        await settle();
        expect(api.waivers).toEqual([]);
        expect(screen.getByRole('dialog')).toBe(dialog);
        expect(expiresOn).toBeInvalid();
        expect(expiresOn).toHaveAccessibleDescription(
          `Choose ${ending.next} or a later day.`,
        );
        expect(create).toBeDisabled();
      } finally {
        restoreTimeZone();
      }
    },
  );

  it('refuses an expiry day typed in part, which the browser reads as no day, rather than waive for good', async () => {
    const { api } = await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'Replayed');
    const expiresOn = within(dialog).getByLabelText(
      'Expires on',
    ) as HTMLInputElement;
    await userEvent.click(expiresOn);
    // "12/06/yyyy" typed in: a browser's value is empty, its input bad
    // (jsdom has no date segments to type into, nor bad input).
    const partial = jest
      .spyOn(expiresOn, 'validity', 'get')
      .mockReturnValue({ badInput: true, valid: false } as ValidityState);
    const create = within(dialog).getByRole('button', {
      name: 'Create waiver',
    });
    // Its mousedown leaves the field: the click comes to a disabled button.
    await userEvent.click(create);
    expect(api.waivers).toEqual([]);
    expect(create).toBeDisabled();
    expect(expiresOn).toHaveAccessibleDescription(
      'Enter the whole day (year, month and day), or clear the field for a waiver that does not expire.',
    );
    expect(within(dialog).getByText(/^Enter the whole day/)).toHaveClass(
      'Mui-error',
    );

    // The day typed in whole.
    partial.mockRestore();
    await userEvent.type(expiresOn, '2027-01-31');
    expect(create).toBeEnabled();
    await userEvent.click(create);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.waivers).toEqual([
      expect.objectContaining({ expiresAt: '2027-01-31T23:59:59.999Z' }),
    ]);
  });

  it('offers no waiver for a finding already suppressed in the code', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [
      fixtures.findings[0],
      {
        ...fixtures.findings[0],
        id: 16,
        fingerprint: 'f8c4b7a6d5e4f3a2',
        resourceId: 'ReplayProcessor',
        suppressed: true,
        suppressionReason: 'Invoked synchronously only',
      },
    ];
    await render({ api });
    await userEvent.click(screen.getByRole('button', { name: /^Status / }));
    await userEvent.click(await screen.findByRole('option', { name: 'All' }));
    await userEvent.click(await screen.findByText('ReplayProcessor'));
    await userEvent.click(
      screen.getByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    // The open finding's panel offers it once the permission is known; the suppressed one's never.
    // Roles are looked up within the panels: across the whole page, each lookup takes seconds.
    await waitFor(() =>
      expect(
        screen.getAllByTestId('infra-compliance-finding-detail'),
      ).toHaveLength(2),
    );
    const details = screen.getAllByTestId('infra-compliance-finding-detail');
    const suppressed = details.find(d =>
      within(d).queryByText('Suppressed in code: Invoked synchronously only'),
    )!;
    expect(suppressed).toBeDefined();
    const open = details.find(d => d !== suppressed)!;
    await within(open).findByRole('button', { name: 'Waive this finding' });
    expect(
      within(suppressed).queryByRole('button', { name: 'Waive this finding' }),
    ).toBeNull();
  });

  it("gives the findings' text columns the width of half paddings, and lets the First seen title take two lines rather than widen its column", async () => {
    await render();
    const findings = await findingsTableOf('Findings (2)');
    await within(findings).findByText('template.yaml:42');
    const headers = within(findings).getAllByRole('columnheader');
    const firstRow = within(findings).getAllByRole('row')[1];
    const cells = within(firstRow).getAllByRole('cell');
    expect(headers.map(header => header.textContent)).toEqual([
      'Details',
      'Severity',
      'Rule',
      'Resource',
      'Location',
      'Status',
      'First seen',
    ]);
    // Half of the theme's 16px on each side, in every column.
    for (const box of [...headers, ...cells]) {
      expect([
        box.textContent,
        box.style.paddingLeft,
        box.style.paddingRight,
      ]).toEqual([box.textContent, '8px', '8px']);
    }
    expect(headers[6].style.whiteSpace).toBe('');
    expect(cells[6].style.whiteSpace).toBe('nowrap');
  });

  it('has one tab stop per sortable column header of the findings table, none on the others', async () => {
    await render();
    await screen.findByText('template.yaml:77');
    const headers = within(
      screen.getByText('Findings (2)').closest('div[class*=MuiPaper]')!,
    ).getAllByRole('columnheader');
    const tabStops = (header: HTMLElement) =>
      [header, ...header.querySelectorAll<HTMLElement>('*')].filter(
        element => element.tabIndex >= 0,
      ).length;
    expect(
      Object.fromEntries(
        headers
          .filter(header => header.textContent)
          .map(header => [header.textContent, tabStops(header)]),
      ),
    ).toEqual({
      Details: 0,
      Severity: 1,
      Rule: 1,
      Resource: 0,
      Location: 1,
      Status: 0,
      'First seen': 1,
    });
  });

  it("names the detail toggles' column header for a screen reader only", async () => {
    await render();
    await screen.findByText('template.yaml:77');
    const table = screen
      .getByText('Findings (2)')
      .closest('div[class*=MuiPaper]') as HTMLElement;
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'Details',
      'Severity',
      'Rule',
      'Resource',
      'Location',
      'Status',
      'First seen',
    ]);
    expect(
      within(table).getByRole('columnheader', { name: 'Details' })
        .firstElementChild,
    ).toHaveStyle({
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
    });
  });

  it('moves the location under the resource and the first day under the status in a 768px window, so that the table fits', async () => {
    mockWindowWidth(768);
    try {
      await render();
      const findings = await screen.findByRole('region', { name: 'Findings' });
      await within(findings).findByText('Findings (2)');
      // Seven columns were 151px wider than the page: Status and First seen
      // out of view, and each finding's details wider than the screen.
      expect(
        within(findings)
          .getAllByRole('columnheader')
          .map(header => header.textContent),
      ).toEqual(['Details', 'Severity', 'Rule', 'Resource', 'Status']);
      const link = within(findings).getByRole('link', {
        name: /template\.yaml:42/,
      });
      expect(link).toHaveAttribute(
        'href',
        'https://github.com/acme/seed-000/tree/main/template.yaml#L42',
      );
      const row = link.closest('tr')!;
      expect(link.closest('td')).toHaveTextContent(/^DataProcessor/);
      expect(within(row).getAllByRole('cell').at(-1)).toHaveTextContent(
        /^Open\s*first seen \d{4}-\d{2}-\d{2}$/,
      );
    } finally {
      restoreWindowWidth();
    }
  });

  it('moves the expiry under the reason and Revoke under the status in a 768px window, so that the waivers table fits', async () => {
    mockWindowWidth(768);
    try {
      await render();
      const waivers = await screen.findByRole('region', { name: 'Waivers' });
      const revoke = await within(waivers).findByRole('button', {
        name: 'Revoke',
      });
      // Five columns were 189px wider than the page: the status and Revoke
      // out of view.
      expect(
        within(waivers)
          .getAllByRole('columnheader')
          .map(header => header.textContent),
      ).toEqual(['Applies to', 'Reason', 'Status']);
      const cells = within(revoke.closest('tr')!).getAllByRole('cell');
      expect(cells[1]).toHaveTextContent(
        `${fixtures.waivers[0].reason}expires 2099-03-31`,
      );
      expect(cells[2]).toContainElement(revoke);
      expect(cells[2]).toHaveTextContent(/^Active/);
    } finally {
      restoreWindowWidth();
    }
  });

  it("names the Revoke buttons' column header for a screen reader only", async () => {
    await render();
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    await within(waivers).findByRole('button', { name: 'Revoke' });
    // A header without text: a screen reader announced the buttons' cells
    // under no column.
    expect(
      within(waivers)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual(['Applies to', 'Reason', 'Expires', 'Status', 'Actions']);
    expect(
      within(waivers).getByRole('columnheader', { name: 'Actions' })
        .firstElementChild,
    ).toHaveStyle({
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
    });
  });

  it("rings the control a keyboard focuses, a row's detail toggle too", async () => {
    await render();
    await screen.findByText('template.yaml:77');
    const toggle = screen.getByRole('button', {
      name: 'Show details of DLQ-001 on DataProcessor',
    });
    await tabTo(toggle);
    expect(toggle).toHaveFocus();
    expect(toggle).toHaveClass('Mui-focusVisible');
    expect(getComputedStyle(toggle).outlineStyle).toBe('solid');
    expect(getComputedStyle(toggle).outlineWidth).toBe('2px');
  });

  it("names each row's detail toggle after its finding and tells whether its details show", async () => {
    await render();
    await screen.findByText('template.yaml:77');
    // material-table's own toggle, the same unnamed one on every row, is gone.
    expect(
      screen.queryByRole('button', { name: 'Detail panel visiblity toggle' }),
    ).toBeNull();
    const dlq = screen.getByRole('button', {
      name: 'Show details of DLQ-001 on DataProcessor',
    });
    const enc = screen.getByRole('button', {
      name: 'Show details of ENC-001 on DataProcessorLogGroup',
    });
    expect(dlq).toHaveAttribute('aria-expanded', 'false');
    expect(enc).toHaveAttribute('aria-expanded', 'false');
    // Cells' padding keeps the focus ring (2px, 2px out) off the table's edge.
    expect(dlq.closest('td')).toHaveStyle({ paddingLeft: '8px' });

    dlq.focus();
    await userEvent.keyboard('{Enter}');
    expect(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    ).toBeInTheDocument();
    expect(dlq).toHaveAttribute('aria-expanded', 'true');
    expect(enc).toHaveAttribute('aria-expanded', 'false');

    await userEvent.click(dlq);
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Waive this finding' }),
      ).toBeNull(),
    );
    expect(dlq).toHaveAttribute('aria-expanded', 'false');
  });

  it('gives the focus back to "Waive this finding" when the waiver dialog is closed with Escape', async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const waive = await screen.findByRole('button', {
      name: 'Waive this finding',
    });
    waive.focus();
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The same button, still in the page: a keyboard user carries on from it.
    expect(waive).toBeInTheDocument();
    expect(waive).toHaveFocus();
  });

  it('gives the focus to the findings table once a waiver is created, not to the page body', async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const waive = await screen.findByRole('button', {
      name: 'Waive this finding',
    });
    waive.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'Invoked synchronously',
    );
    focus(within(dialog).getByRole('button', { name: 'Create waiver' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The finding left the Open list with its panel and button.
    await waitFor(() => expect(waive).not.toBeInTheDocument());
    expect(screen.getByRole('region', { name: 'Findings' })).toHaveFocus();
  });

  it('waives every finding of a rule on the entity', async () => {
    const { api } = await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    );
    const dialog = await screen.findByRole('dialog');
    const reason = within(dialog).getByLabelText(/Reason/);
    expect(reason).toHaveAccessibleDescription(
      'Why this finding is acceptable (at least 3 characters).',
    );
    await userEvent.click(
      within(dialog).getByLabelText(
        'Every DLQ-001 finding of this entity, in this and later scans',
      ),
    );
    // The reason asked for is the rule's, not the finding's the dialog opened from.
    expect(reason).toHaveAccessibleDescription(
      'Why every DLQ-001 finding of this entity is acceptable (at least 3 characters).',
    );
    await userEvent.type(
      reason,
      'Every function here is invoked synchronously',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create waiver' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.waivers).toEqual([
      {
        ruleId: 'DLQ-001',
        reason: 'Every function here is invoked synchronously',
      },
    ]);
    // The page reloads: the new waiver heads the list.
    expect(await screen.findByText('Waivers (3)')).toBeInTheDocument();
    expect(screen.getByText('Every DLQ-001 finding')).toBeInTheDocument();
  });

  it('keeps the columns of its tables stable while the permissions load', async () => {
    // material-table checks the columns (and warns in the console) only in development.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await render();
      expect(await screen.findByText('Waivers (2)')).toBeInTheDocument();
      expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
      // The revoke button shows once the permission is known.
      expect(
        await screen.findByRole('button', { name: 'Revoke' }),
      ).toBeInTheDocument();
      const warnings = warn.mock.calls.flat().join('\n');
      expect(warnings).not.toContain('are static, but contain functions');
      expect(warnings).not.toContain('unique id');
    } finally {
      process.env.NODE_ENV = nodeEnv;
      warn.mockRestore();
    }
  });

  it("rings the revoke dialog's button a keyboard focuses", async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke' }),
    );
    const dialog = await screen.findByRole('dialog');
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    await tabTo(cancel);
    expect(cancel).toHaveFocus();
    expect(getComputedStyle(cancel).outlineStyle).toBe('solid');
  });

  it("colours the revoke dialog's action with the theme's error colour, not its pink accent, its label readable on it", async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke' }),
    );
    const dialog = await screen.findByRole('dialog');
    const revoke = within(dialog).getByRole('button', {
      name: 'Revoke waiver',
    });
    const { palette } = lightTheme;
    const backgrounds = ruleBackgroundColours(revoke);
    expect(backgrounds).not.toContain(cssRgb(palette.secondary.main));
    // The last rule is the button's own (not hovered).
    const background = backgrounds.at(-1)!;
    expect(background).toBe(cssRgb(palette.error.dark));
    // WCAG AA for its label, in the light and the dark theme alike.
    for (const { error } of [lightTheme.palette, darkTheme.palette]) {
      expect(
        getContrastRatio(error.dark, error.contrastText),
      ).toBeGreaterThanOrEqual(4.5);
    }
  });

  it.each([
    ['light', lightTheme],
    ['dark', darkTheme],
  ])(
    'greys the captions of its tables readably on every row, striped and hovered ones too, in the %s theme',
    async (_name, theme) => {
      await renderEntityComponent(
        <ThemeProvider theme={theme}>
          <EntityInfraComplianceContent />
        </ThemeProvider>,
        { entity: fixtures.githubEntity },
      );
      const captions = [
        await screen.findByText(typographyWithText('AWS::Lambda::Function')),
        await screen.findByText(
          'Asynchronously invoked function without a dead-letter queue',
        ),
        await screen.findByText(textMatching(/^waived by alice on/)),
      ];
      const { background, action } = theme.palette;
      const rows = [
        background.paper,
        background.default, // the striped rows
        opaqueOn(action.hover, background.paper),
      ];
      for (const caption of captions) {
        const colour = window.getComputedStyle(caption).color;
        for (const row of rows) {
          expect(
            getContrastRatio(opaqueOn(colour, row), row),
          ).toBeGreaterThanOrEqual(4.5);
        }
      }
    },
  );

  it("labels the findings' filters readably on the app's page, in the light and the dark theme", async () => {
    // The page under the filters: Backstage UI's app background in the app
    // (its stylesheet's --bui-bg-app), or the theme's own.
    const themes = [
      [lightTheme, '#f5f5f5'],
      [darkTheme, '#333333'],
    ] as const;
    for (const [theme, appPage] of themes) {
      const { unmount } = await renderEntityComponent(
        <ThemeProvider theme={theme}>
          <EntityInfraComplianceContent />
        </ThemeProvider>,
        { entity: fixtures.githubEntity },
      );
      await screen.findByText('template.yaml:77');
      for (const name of ['Category', 'Rule', 'Severity', 'Status']) {
        const label = screen.getByText(name, { selector: 'label' });
        // The last rule is the one shown: the rules matching a label not
        // focused have one class each.
        const colour = ruleValues(label, 'color').at(-1)!;
        for (const page of [appPage, theme.palette.background.default]) {
          expect(
            getContrastRatio(opaqueOn(colour, page), page),
          ).toBeGreaterThanOrEqual(4.5);
        }
      }
      unmount();
    }
  });

  it('revokes a waiver where the table was, and gives the table the focus once it shows the waiver revoked', async () => {
    const api = new FakeInfraComplianceApi();
    // Ten newer revoked waivers: the active one is on the second page.
    const [active, revoked] = structuredClone(fixtures.waivers);
    api.waiverRecords = [
      ...Array.from({ length: 10 }, (_, i) => ({
        ...revoked,
        id: `${revoked.id.slice(0, -2)}${String(i + 10)}`,
        reason: `Replayed from the source, case ${i + 1}`,
      })),
      active,
    ];
    await render({ api });
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    const findings = screen.getByRole('region', { name: 'Findings' });
    await within(waivers).findByText('Waivers (11)');
    await userEvent.click(
      within(waivers).getByRole('button', { name: /next page/i }),
    );
    const revoke = await within(waivers).findByRole('button', {
      name: 'Revoke',
    });
    const [waiversTable] = within(waivers).getAllByRole('table');
    const [findingsTable] = await within(findings).findAllByRole('table');
    let shownWhenFocused = '';
    waivers.addEventListener('focus', () => {
      shownWhenFocused = waivers.textContent ?? '';
    });

    revoke.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    within(dialog).getByRole('button', { name: 'Revoke waiver' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // The focus comes once the reload shows the waiver revoked, not while
    // the rows are still loading.
    await waitFor(() => expect(waivers).toHaveFocus());
    expect(revoke).not.toBeInTheDocument();
    expect(shownWhenFocused).toMatch(/Revoked by guest on /);
    // Still the second page, and neither table was emptied and rebuilt: a
    // table above that shrinks and grows back moves this one out of view.
    expect(waivers).toHaveTextContent('11-11 of 11');
    expect(within(waivers).getAllByRole('table')[0]).toBe(waiversTable);
    expect(within(findings).getAllByRole('table')[0]).toBe(findingsTable);
  });

  it('keeps the focus on the waivers table when a waiver is revoked while the findings still reload after another waiver', async () => {
    const { api } = await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'Invoked synchronously',
    );
    // The findings answer slowly from now on; the waivers at once.
    const findings = holdAnswers(api.listFindings.bind(api));
    api.listFindings = findings.held;
    focus(within(dialog).getByRole('button', { name: 'Create waiver' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // The new waiver is revoked before the findings came back.
    const waivers = screen.getByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (3)');
    const [revoke] = await within(waivers).findAllByRole('button', {
      name: 'Revoke',
    });
    revoke.focus();
    await userEvent.keyboard('{Enter}');
    const confirm = await screen.findByRole('dialog');
    within(confirm).getByRole('button', { name: 'Revoke waiver' }).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(waivers).toHaveFocus());

    // The findings table's reloads end: the focus stays where the user is.
    const asked = api.findingQueries.length;
    await act(async () => findings.release());
    await waitFor(() => expect(api.findingQueries.length).toBe(asked + 2));
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(waivers).toHaveFocus();
  });

  it('gives the focus to the findings table after a waiver on the entity the page moved to, not to the waivers table of a revoke on the previous one', async () => {
    const api = new FakeInfraComplianceApi();
    await renderMovingEntityPage(api);
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (2)');
    // The reload after the revoke is still on its way when the page moves on.
    const slowWaivers = holdAnswers(api.listWaivers.bind(api));
    const listWaivers = api.listWaivers.bind(api);
    api.listWaivers = (ref, query) =>
      ref.name === otherEntity.metadata.name
        ? listWaivers(ref, query)
        : slowWaivers.held(ref, query);
    await userEvent.click(
      await within(waivers).findByRole('button', { name: 'Revoke' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Revoke waiver',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await moveToOtherEntity();
    await act(async () => slowWaivers.release());

    // On the other entity, a finding is waived with the keyboard.
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const waive = await screen.findByRole('button', {
      name: 'Waive this finding',
    });
    waive.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'Invoked synchronously',
    );
    focus(within(dialog).getByRole('button', { name: 'Create waiver' }));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(waive).not.toBeInTheDocument());
    const findings = screen.getByRole('region', { name: 'Findings' });
    await waitFor(() => expect(findings).toHaveFocus());
    // Both tables have reloaded: the focus stayed on the findings.
    await within(screen.getByRole('region', { name: 'Waivers' })).findByText(
      'Waivers (3)',
    );
    expect(findings).toHaveFocus();
  });

  it('leaves the focus where the user moved it while the reload after a revoke was on its way', async () => {
    const { api } = await render();
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (2)');
    const slowWaivers = holdAnswers(api.listWaivers.bind(api));
    api.listWaivers = slowWaivers.held;
    await userEvent.click(
      await within(waivers).findByRole('button', { name: 'Revoke' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Revoke waiver',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Meanwhile the user goes on to the findings' filters.
    const severity = screen.getByRole('button', { name: /All severities/ });
    focus(severity);
    await act(async () => slowWaivers.release());
    await within(waivers).findByText(textMatching(/^by guest on/));
    expect(severity).toHaveFocus();
  });

  it("titles the waivers of the entity the page moved to without the previous one's count, while they load and when they fail", async () => {
    const api = new FakeInfraComplianceApi();
    const listWaivers = api.listWaivers.bind(api);
    const failing = holdAnswers(async () => {
      throw new Error('waivers unavailable');
    });
    api.listWaivers = (ref, query) =>
      ref.name === otherEntity.metadata.name
        ? failing.held()
        : listWaivers(ref, query);
    await renderMovingEntityPage(api);
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (2)');

    await moveToOtherEntity();
    // The entity's own table.
    const otherWaivers = screen.getByRole('region', { name: 'Waivers' });
    expect(
      within(otherWaivers).getByRole('heading', { name: 'Waivers' }),
    ).toBeInTheDocument();
    await act(async () => failing.release());
    expect(
      (await screen.findAllByText(/waivers unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(
      within(otherWaivers).getByRole('heading', { name: 'Waivers' }),
    ).toBeInTheDocument();
  });

  it('keeps the waiver count of the entity the page moved to when the previous one answers a reload late', async () => {
    const api = new FakeInfraComplianceApi();
    const listWaivers = api.listWaivers.bind(api);
    const slow = holdAnswers(listWaivers);
    await renderMovingEntityPage(api);
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (2)');
    api.listWaivers = async (ref, query) =>
      ref.name === otherEntity.metadata.name
        ? nothing(query)
        : slow.held(ref, query);
    await userEvent.click(
      await within(waivers).findByRole('button', { name: 'Revoke' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Revoke waiver',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await moveToOtherEntity();
    const otherWaivers = screen.getByRole('region', { name: 'Waivers' });
    await within(otherWaivers).findByText('Waivers (0)');

    await act(async () => slow.release());
    await waitFor(() => expect(api.revokedWaiverIds).toHaveLength(1));
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(within(otherWaivers).getByText('Waivers (0)')).toBeInTheDocument();
  });

  it("keeps the count of the findings' new filter when the reload of the previous filter answers late", async () => {
    const { api } = await render();
    const findings = screen.getByRole('region', { name: 'Findings' });
    await within(findings).findByText('Findings (2)');
    // The reload after a revoke answers slowly; the new filter at once.
    const listFindings = api.listFindings.bind(api);
    const slow = holdAnswers(listFindings);
    api.listFindings = (ref, query) =>
      query?.severity ? listFindings(ref, query) : slow.held(ref, query);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Revoke waiver',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'medium' }),
    );
    await within(findings).findByText('Findings (1)');

    const asked = api.findingQueries.length;
    await act(async () => slow.release());
    await waitFor(() =>
      expect(api.findingQueries.length).toBeGreaterThan(asked),
    );
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(within(findings).getByText('Findings (1)')).toBeInTheDocument();
  });

  it("reads each finding's and waiver's status to a screen reader, not only its icon", async () => {
    await render();
    const findings = await screen.findByRole('region', { name: 'Findings' });
    const finding = (
      await within(findings).findByText('DataProcessor')
    ).closest('tr')!;
    expect(within(finding).getByRole('cell', { name: 'Open' })).toBeVisible();
    const waivers = screen.getByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (2)');
    expect(within(waivers).getByRole('cell', { name: 'Active' })).toBeVisible();
    expect(
      within(waivers).getByRole('cell', {
        name: 'Revoked by alice on 2026-11-10',
      }),
    ).toBeVisible();
  });

  it('shows a finding that came back after it was resolved as reopened, with how many times', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [
      { ...fixtures.findings[0], reopenedCount: 2 },
      { ...fixtures.findings[1], reopenedCount: 1 },
    ];
    await render({ api });
    const findings = await screen.findByRole('region', { name: 'Findings' });
    await within(findings).findByText('Findings (2)');
    const row = async (resource: string) =>
      (await within(findings).findByText(resource)).closest('tr')!;
    expect(
      within(await row('DataProcessor')).getByRole('cell', {
        name: 'Open Reopened 2 times',
      }),
    ).toBeVisible();
    expect(
      within(await row('DataProcessorLogGroup')).getByRole('cell', {
        name: 'Open Reopened once',
      }),
    ).toBeVisible();
  });

  it('names and describes both waiver dialogs to a screen reader', async () => {
    await render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    );
    const waive = await screen.findByRole('dialog', {
      name: 'Waive DLQ-001 on DataProcessor',
    });
    expect(waive).toHaveAccessibleDescription(
      /^A waived finding counts as passed in the scorecard/,
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    const revoke = await screen.findByRole('dialog', {
      name: 'Revoke the waiver of every ENC-001 finding?',
    });
    expect(revoke).toHaveAccessibleDescription(
      /^The findings it covers count as failing again/,
    );
  });

  it('names a service that waived or revoked without linking it as a user, who has no catalog page', async () => {
    const api = new FakeInfraComplianceApi();
    const [ofRule, ofFinding] = structuredClone(fixtures.waivers);
    // A service's principal, as the backend records it: its subject.
    api.waiverRecords = [
      { ...ofRule, author: 'external:ci-bot' },
      { ...ofFinding, revokedBy: 'plugin:catalog' },
    ];
    await render({ api });
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    expect(
      await within(waivers).findByText(
        textMatching(/^waived by external:ci-bot on 2026-11-20$/),
      ),
    ).toBeInTheDocument();
    expect(
      within(waivers).getByText(
        textMatching(/^by plugin:catalog on \d{4}-\d\d-\d\d$/),
      ),
    ).toBeInTheDocument();
    expect(within(waivers).queryByRole('link', { name: /ci-bot/ })).toBeNull();
    expect(within(waivers).queryByRole('link', { name: /catalog/ })).toBeNull();
    // A user's is a link to their page.
    expect(within(waivers).getByRole('link', { name: 'bob' })).toHaveAttribute(
      'href',
      '/catalog/default/user/bob',
    );
  });

  it('underlines the users who waived and revoked, whom link blue alone does not tell from "waived by … on"', async () => {
    await render();
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    await within(waivers).findByText('Waivers (2)');
    const users = within(waivers).getAllByRole('link', {
      name: /^(alice|bob)$/,
    });
    expect(users.map(user => user.parentElement?.textContent)).toEqual([
      expect.stringMatching(/^waived by alice on /),
      expect.stringMatching(/^waived by bob on /),
      expect.stringMatching(/^by alice on /),
    ]);
    // WCAG 1.4.1: 2.7:1 on the sentence in the light theme, 1.7:1 in the dark one.
    for (const user of users) {
      expect(ruleValues(user, 'textDecoration').at(-1)).toBe('underline');
    }
  });

  it('names the finding a waiver of one finding covers, its rule, resource and place, the fingerprint only in a tooltip, in the table and the revoke dialog', async () => {
    const api = new FakeInfraComplianceApi();
    const [, ofFinding] = structuredClone(fixtures.waivers);
    api.waiverRecords = [
      {
        ...ofFinding,
        revokedAt: undefined,
        revokedBy: undefined,
        active: true,
      },
    ];
    await render({ api });
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    const target = await within(waivers).findByText(
      typographyWithText('DLQ-001 on DataProcessor'),
    );
    expect(
      within(waivers).getByRole('cell', {
        name: 'DLQ-001 on DataProcessor template.yaml:42 waived by bob on 2026-11-01',
      }),
    ).toBeInTheDocument();
    expect(within(waivers).queryByText(/a3f9c2d1e4b5/)).toBeNull();
    // Who waived it, as Backstage names them, linked to their page.
    expect(within(waivers).getByRole('link', { name: 'bob' })).toHaveAttribute(
      'href',
      '/catalog/default/user/bob',
    );
    await userEvent.hover(target);
    expect(
      await screen.findByRole('tooltip', {
        name: 'Fingerprint a3f9c2d1e4b5a6c7',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(waivers).getByRole('button', { name: 'Revoke' }),
    );
    expect(
      await screen.findByRole('dialog', {
        name: 'Revoke the waiver of DLQ-001 on DataProcessor (template.yaml:42)?',
      }),
    ).toBeInTheDocument();
  });

  it('names a waiver of a finding the API does not describe by its fingerprint, in a sentence without a stray capital', async () => {
    const api = new FakeInfraComplianceApi();
    const [, ofFinding] = structuredClone(fixtures.waivers);
    api.waiverRecords = [
      {
        ...ofFinding,
        finding: undefined,
        revokedAt: undefined,
        revokedBy: undefined,
        active: true,
      },
    ];
    await render({ api });
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    expect(
      await within(waivers).findByText('One finding (a3f9c2d1e4b5…)'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(waivers).getByRole('button', { name: 'Revoke' }),
    );
    expect(
      await screen.findByRole('dialog', {
        name: 'Revoke the waiver of one finding (a3f9c2d1e4b5…)?',
      }),
    ).toBeInTheDocument();
  });

  it('lists the waivers and revokes one after asking', async () => {
    const { api } = await render();
    expect(await screen.findByText('Waivers (2)')).toBeInTheDocument();
    expect(screen.getByText('Every ENC-001 finding')).toBeInTheDocument();
    // Who made it and when under what it covers, who revoked it and when
    // under its status: as read to a screen reader too.
    const waivers = screen.getByRole('region', { name: 'Waivers' });
    const revoked = within(waivers)
      .getByRole('cell', {
        name: 'DLQ-001 on DataProcessor template.yaml:42 waived by bob on 2026-11-01',
      })
      .closest('tr')!;
    expect(
      within(revoked).getByRole('cell', {
        name: 'Revoked by alice on 2026-11-10',
      }),
    ).toBeInTheDocument();
    // Only the active waiver can be revoked.
    const revoke = screen.getAllByRole('button', { name: 'Revoke' });
    expect(revoke).toHaveLength(1);
    await userEvent.click(revoke[0]);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent(fixtures.waivers[0].reason);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke waiver' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.revokedWaiverIds).toEqual([fixtures.waivers[0].id]);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull(),
    );
    expect(screen.getAllByText(textMatching(/^by guest on/))).toHaveLength(1);
  });

  it('downloads the SARIF file of the open findings', async () => {
    const saved: { href: string; download: string }[] = [];
    const createObjectURL = jest.fn(() => 'blob:sarif');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        saved.push({ href: this.href, download: this.download });
      });
    try {
      const { api } = await render();
      await userEvent.click(
        await screen.findByRole('button', { name: 'Download SARIF' }),
      );
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(api.sarifDownloads).toBe(1);
      expect(saved[0]).toEqual({
        href: 'blob:sarif',
        download: 'Component_default_seed-000-failing.sarif',
      });
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:sarif');
    } finally {
      click.mockRestore();
    }
  });

  it('says beside "Download SARIF" that the file has all the open findings, whatever the filters', async () => {
    await render();
    const button = await screen.findByRole('button', {
      name: 'Download SARIF',
    });
    // The API's SARIF has no filters: the file is not the filtered table.
    expect(button).toHaveAccessibleDescription(
      'All open findings, whatever the filters',
    );
    expect(
      screen.getByText('All open findings, whatever the filters'),
    ).toBeVisible();
  });

  it('keeps the keyboard focus on "Download SARIF" while the file is on its way, a press then asking no second file', async () => {
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    Object.assign(URL, {
      createObjectURL: jest.fn(() => 'blob:sarif'),
      revokeObjectURL: jest.fn(),
    });
    try {
      const api = new FakeInfraComplianceApi();
      const sarif = holdAnswers(api.getSarif.bind(api));
      api.getSarif = sarif.held;
      await render({ api });
      const button = await screen.findByRole('button', {
        name: 'Download SARIF',
      });
      button.focus();
      await userEvent.keyboard('{Enter}');
      // A disabled button drops the focus to the page's body in a browser.
      expect(button).not.toBeDisabled();
      expect(button).toHaveAttribute('aria-disabled', 'true');
      expect(button).toHaveFocus();
      await userEvent.keyboard('{Enter}');
      sarif.release();
      await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
      expect(api.sarifDownloads).toBe(1);
      await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'));
      expect(button).toHaveFocus();
    } finally {
      click.mockRestore();
    }
  });

  it('says when the entity has never been scanned', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      categories: {},
      lastScan: undefined,
      lastSuccessfulScan: undefined,
    };
    await render({ api });
    expect(await screen.findByText('Not scanned yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /scan now/i }),
    ).toBeInTheDocument();
  });

  it('says why the entity cannot be scanned', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      entity: {
        ...fixtures.scorecard.entity!,
        scannable: false,
        unscannableReason:
          'Opted out with the infra-compliance/skip annotation',
      },
    };
    await render({ api });
    expect(
      await screen.findByText('This entity cannot be scanned'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Opted out with the infra-compliance/skip annotation'),
    ).toBeInTheDocument();
  });

  it('says when the last scan found no infrastructure code', async () => {
    await render({ api: apiWithNothingJudged() });
    expect(
      await screen.findByText(/No infrastructure code found/),
    ).toBeInTheDocument();
  });

  it('claims no passing check in the findings table when the last scan had nothing to check', async () => {
    await render({ api: apiWithNothingJudged() });
    const findings = await screen.findByRole('region', { name: 'Findings' });
    // A service without infrastructure code read "every check passes".
    expect(
      await within(findings).findByText(
        'No findings: the last scan had nothing to check.',
      ),
    ).toBeInTheDocument();
    expect(within(findings).queryByText(/every check passes/)).toBeNull();
  });

  it('tells where to point the scan, or how to opt out, when the last scan found no infrastructure code', async () => {
    await render({ api: apiWithNothingJudged() });
    // The banner said what was missing, not what the owner can do about it.
    expect(
      await screen.findByText(
        textMatching(
          /backstage\.io\/source-location or infra-compliance\/paths.*infra-compliance\/skip: "true"/,
        ),
      ),
    ).toBeInTheDocument();
  });

  it('says when no scan has succeeded yet because the last one failed', async () => {
    const api = new FakeInfraComplianceApi();
    const failedScan = {
      ...fixtures.succeededScan,
      status: 'failed' as const,
      error: 'FetchError: getaddrinfo ENOTFOUND api.github.com',
    };
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      categories: {},
      lastScan: failedScan,
      lastSuccessfulScan: undefined,
    };
    await render({ api });
    expect(
      await screen.findByText('No successful scan yet'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Not scanned yet')).toBeNull();
    expect(
      screen.getByText('FetchError: getaddrinfo ENOTFOUND api.github.com'),
    ).toBeInTheDocument();
  });

  it('says so when no finding matches and when there is no waiver', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [];
    api.waiverRecords = [];
    api.scorecard = { ...fixtures.scorecard, waived: 0, suppressed: 0 };
    await render({ api });
    expect(await screen.findByText('Findings (0)')).toBeInTheDocument();
    // On the default filters: a clean entity, not a filter that matched nothing.
    expect(
      await screen.findByText('No open findings: every check passes.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('No findings match these filters.')).toBeNull();
    expect(await screen.findByText(/^No waivers\./)).toBeInTheDocument();
    expect(screen.queryByText('No records to display')).toBeNull();
  });

  it('shows no pager on an empty table, and the pager again once the table has rows', async () => {
    const api = new FakeInfraComplianceApi();
    api.waiverRecords = [];
    await render({ api });
    const findings = await screen.findByRole('region', { name: 'Findings' });
    await within(findings).findByText('Findings (2)');
    expect(within(findings).getAllByText('1-2 of 2')).not.toHaveLength(0);
    expect(
      within(findings).getByRole('button', { name: 'Next Page' }),
    ).toBeInTheDocument();
    const waivers = screen.getByRole('region', { name: 'Waivers' });
    await within(waivers).findByText(/^No waivers\./);
    expect(within(waivers).queryAllByText('0-0 of 0')).toHaveLength(0);
    expect(
      within(waivers).queryByRole('button', { name: 'Next Page' }),
    ).toBeNull();

    // A search that matches nothing, then one that matches again.
    const search = within(findings).getByPlaceholderText('Filter');
    fireEvent.change(search, { target: { value: 'no-such-finding' } });
    await within(findings).findByText('Findings (0)');
    expect(within(findings).queryAllByText('0-0 of 0')).toHaveLength(0);
    expect(
      within(findings).queryByRole('button', { name: 'Next Page' }),
    ).toBeNull();
    fireEvent.change(search, { target: { value: 'kmskeyid' } });
    await within(findings).findByText('Findings (1)');
    expect(
      await within(findings).findByRole('button', { name: 'Next Page' }),
    ).toBeInTheDocument();
    expect(within(findings).getAllByText('1-1 of 1')).not.toHaveLength(0);
  });

  it('says the filters match nothing once the user filters, and that the other findings are waived or suppressed on the default ones', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = [];
    api.scorecard = { ...fixtures.scorecard, waived: 1, suppressed: 0 };
    await render({ api });
    expect(
      await screen.findByText(
        'No open findings: every check passes, but for waived or suppressed findings.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'critical' }),
    );
    expect(
      await screen.findByText('No findings match these filters.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^No open findings/)).toBeNull();
  });

  it('claims no clean entity, nor an empty waivers list, while their first page loads', async () => {
    const api = new FakeInfraComplianceApi();
    const slowFindings = holdAnswers(api.listFindings.bind(api));
    const slowWaivers = holdAnswers(api.listWaivers.bind(api));
    api.listFindings = slowFindings.held;
    api.listWaivers = slowWaivers.held;
    await render({ api });
    const findings = await screen.findByRole('region', { name: 'Findings' });
    const waivers = screen.getByRole('region', { name: 'Waivers' });
    await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    expect(within(findings).queryByText(/^No open findings/)).toBeNull();
    expect(within(waivers).queryByText(/^No waivers\./)).toBeNull();
    slowFindings.release();
    slowWaivers.release();
    expect(
      await within(findings).findByText('template.yaml:77'),
    ).toBeInTheDocument();
    expect(await within(waivers).findByText('Waivers (2)')).toBeInTheDocument();
  });

  it('shows a failed request for the findings in the table, with a retry, not as an empty list', async () => {
    const api = new FakeInfraComplianceApi();
    const listFindings = jest
      .spyOn(api, 'listFindings')
      .mockRejectedValueOnce(new Error('findings unavailable'));
    await render({ api });
    const findings = await screen.findByRole('region', { name: 'Findings' });
    expect(
      await within(findings).findByText(
        textMatching(/^Could not load the findings: findings unavailable$/),
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No findings match|No open findings/)).toBeNull();
    // Said once, in the table, not again in a panel above it.
    expect(screen.getAllByText(/findings unavailable/)).toHaveLength(1);

    await userEvent.click(
      within(findings).getByRole('button', { name: 'Retry' }),
    );
    expect(
      await within(findings).findByText('template.yaml:77'),
    ).toBeInTheDocument();
    expect(within(findings).getByText('Findings (2)')).toBeInTheDocument();
    expect(screen.queryByText(/findings unavailable/)).toBeNull();
    expect(listFindings).toHaveBeenCalledTimes(2);
  });

  it("starts the entity the page moved to on the default filters, not the previous entity's", async () => {
    const api = new FakeInfraComplianceApi();
    const asked: Array<{ entity: string; query: FindingsQuery }> = [];
    const listFindings = api.listFindings.bind(api);
    api.listFindings = async (ref, query = {}) => {
      asked.push({ entity: ref.name, query });
      return listFindings(ref, query);
    };
    await renderMovingEntityPage(api);
    const findings = await screen.findByRole('region', { name: 'Findings' });
    await within(findings).findByText('Findings (2)');
    await userEvent.click(
      screen.getByRole('button', { name: /All categories/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Encryption' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /All rules/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: /^ENC-001 / }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'medium' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /^Status / }));
    await userEvent.click(await screen.findByRole('option', { name: 'All' }));
    await within(findings).findByText('Findings (1)');

    await moveToOtherEntity();
    await waitFor(() =>
      expect(asked.at(-1)?.entity).toBe(otherEntity.metadata.name),
    );
    expect(currentAddress()).toBe(entityPath(otherEntity));
    expect(asked.at(-1)!.query).toEqual({
      limit: 20,
      offset: 0,
      status: 'open',
      waived: false,
      suppressed: false,
      category: undefined,
      severity: undefined,
      rule: undefined,
    });
    // Its only query: none under the previous entity's filters first.
    expect(
      asked.filter(({ entity }) => entity === otherEntity.metadata.name),
    ).toHaveLength(1);
    expect(
      screen.getByRole('button', { name: /All categories/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /All rules/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /All severities/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Status / })).toHaveTextContent(
      'Open',
    );
    expect(
      within(screen.getByRole('region', { name: 'Findings' })).getByText(
        'Findings (2)',
      ),
    ).toBeInTheDocument();
  });

  it('closes the revoke dialog of a waiver of the previous entity when the page moves to another', async () => {
    const api = new FakeInfraComplianceApi();
    await renderMovingEntityPage(api);
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    await userEvent.click(
      await within(waivers).findByRole('button', { name: 'Revoke' }),
    );
    await screen.findByRole('dialog');
    moveToOtherEntityUnderDialog();
    // It would revoke the previous entity's waiver on this one's page.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.revokedWaiverIds).toEqual([]);
  });

  it('closes the waiver dialog of a finding of the previous entity when the page moves to another', async () => {
    const api = new FakeInfraComplianceApi();
    await renderMovingEntityPage(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    );
    await screen.findByRole('dialog');
    moveToOtherEntityUnderDialog();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("shows the findings and waivers of the entity the page moved to, not the previous one's", async () => {
    const api = new FakeInfraComplianceApi();
    const listFindings = api.listFindings.bind(api);
    const listWaivers = api.listWaivers.bind(api);
    api.listFindings = async (ref, query) =>
      ref.name === otherEntity.metadata.name
        ? nothing(query)
        : listFindings(ref, query);
    api.listWaivers = async (ref, query) =>
      ref.name === otherEntity.metadata.name
        ? nothing(query)
        : listWaivers(ref, query);
    await renderMovingEntityPage(api);
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    expect(await screen.findByText(/^Waivers \(\d+\)$/)).toBeInTheDocument();
    expect(screen.queryByText('Waivers (0)')).toBeNull();

    await moveToOtherEntity();
    expect(await screen.findByText('Findings (0)')).toBeInTheDocument();
    expect(await screen.findByText('Waivers (0)')).toBeInTheDocument();
    expect(within(findingsRegion()).queryByText('template.yaml:42')).toBeNull();
  });

  it("takes the findings' filters from the page's address, its only query under them", async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [
      `${path}?tab=x&ic.category=encryption&ic.rule=ENC-001&ic.severity=medium&ic.status=all`,
    ]);
    const findings = await screen.findByRole('region', { name: 'Findings' });
    expect(
      await within(findings).findByText('Findings (1)'),
    ).toBeInTheDocument();
    expect(within(findings).getByText('template.yaml:77')).toBeInTheDocument();
    expect(api.findingQueries).toEqual([
      {
        limit: 20,
        offset: 0,
        status: 'all',
        category: ['encryption'],
        severity: ['medium'],
        rule: ['ENC-001'],
      },
    ]);
    expect(
      screen.getByRole('button', { name: /^Category / }),
    ).toHaveTextContent('Encryption');
    expect(screen.getByRole('button', { name: /^Rule / })).toHaveTextContent(
      'ENC-001',
    );
    expect(
      screen.getByRole('button', { name: /^Severity / }),
    ).toHaveTextContent('medium');
    expect(screen.getByRole('button', { name: /^Status / })).toHaveTextContent(
      'All',
    );
  });

  it("leads from a category tile's failing count to that category's open findings, the other filters dropped", async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [
      `${path}?tab=x&ic.severity=low&ic.status=all&ic.q=kms&ic.size=10`,
    ]);
    const dlq = await screen.findByTestId('infra-compliance-category-dlq');
    // "2 failing" said which category fails, and led nowhere.
    await userEvent.click(
      within(dlq).getByRole('link', {
        name: '2 failing: show the open Dead-letter queues findings',
      }),
    );
    expect(currentAddress()).toBe(`${path}?tab=x&ic.size=10&ic.category=dlq`);
    expect(
      screen.getByRole('button', { name: /^Category / }),
    ).toHaveTextContent('Dead-letter queues');
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({
        limit: 10,
        offset: 0,
        status: 'open',
        category: ['dlq'],
        severity: undefined,
      }),
    );
    const findings = screen.getByRole('region', { name: 'Findings' });
    expect(within(findings).getByPlaceholderText('Filter')).toHaveValue('');
  });

  it("keeps the findings' filters in the page's address, with its other parameters, a default left out", async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [`${path}?tab=x`]);
    await screen.findByText('Findings (2)');
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'medium' }),
    );
    expect(currentAddress()).toBe(`${path}?tab=x&ic.severity=medium`);
    await userEvent.click(screen.getByRole('button', { name: /^Status / }));
    await userEvent.click(await screen.findByRole('option', { name: 'All' }));
    expect(currentAddress()).toBe(
      `${path}?tab=x&ic.severity=medium&ic.status=all`,
    );
    await userEvent.click(screen.getByRole('button', { name: /^Status / }));
    await userEvent.click(await screen.findByRole('option', { name: 'Open' }));
    expect(currentAddress()).toBe(`${path}?tab=x&ic.severity=medium`);
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({
        status: 'open',
        severity: ['medium'],
      }),
    );
  });

  it("reads a link from before the findings' parameters had their prefix, and writes its filters under the prefix at the next change", async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [
      `${path}?tab=x&category=encryption&status=all&q=kms`,
    ]);
    expect(
      await screen.findByRole('button', { name: /^Category / }),
    ).toHaveTextContent('Encryption');
    expect(screen.getByRole('button', { name: /^Status / })).toHaveTextContent(
      'All',
    );
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({
        status: 'all',
        category: ['encryption'],
        q: 'kms',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'medium' }),
    );
    expect(currentAddress()).toBe(
      `${path}?tab=x&ic.category=encryption&ic.severity=medium&ic.status=all&ic.q=kms`,
    );
  });

  it("leaves another plugin's bare parameters of the same names alone", async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [
      `${path}?status=deployed&q=other&page=3&ic.severity=medium`,
    ]);
    expect(
      await screen.findByRole('button', { name: /^Status / }),
    ).toHaveTextContent('Open');
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({
        status: 'open',
        severity: ['medium'],
        offset: 0,
      }),
    );
    expect(api.findingQueries.at(-1)).not.toHaveProperty('q');
    await userEvent.click(screen.getByRole('button', { name: /^Severity / }));
    await userEvent.click(await screen.findByRole('option', { name: 'low' }));
    expect(currentAddress()).toBe(
      `${path}?status=deployed&q=other&page=3&ic.severity=low`,
    );
  });

  it("keeps the findings' page and sort in the page's address, replaced", async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(45);
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, ['/catalog', `${path}?tab=x`]);
    const findingsTable = await findingsTableOf('Findings (45)');
    await userEvent.click(
      within(findingsTable).getByRole('button', { name: 'Next Page' }),
    );
    expect(await screen.findByText('template.yaml:21')).toBeInTheDocument();
    await waitFor(() =>
      expect(currentAddress()).toBe(`${path}?tab=x&ic.page=2`),
    );

    // A new sort starts from the first page.
    await userEvent.click(
      within(findingsTable).getAllByRole('button', { name: 'Rule' })[0],
    );
    await waitFor(() =>
      expect(currentAddress()).toBe(`${path}?tab=x&ic.sort=rule`),
    );
    await userEvent.click(
      within(findingsTable).getAllByRole('button', { name: 'Rule' })[0],
    );
    await waitFor(() =>
      expect(currentAddress()).toBe(`${path}?tab=x&ic.sort=rule&ic.order=desc`),
    );

    // Replaced, not added: Back leaves the page.
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(currentAddress()).toBe('/catalog');
  });

  it("keeps the findings' page size in the page's address, and goes back to the first page on a new filter", async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(45);
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [`${path}?ic.sort=rule`]);
    const findingsTable = await findingsTableOf('Findings (45)');
    await userEvent.click(
      within(findingsTable).getByRole('button', { name: /20/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: '10' }));
    await waitFor(() =>
      expect(currentAddress()).toBe(`${path}?ic.sort=rule&ic.size=10`),
    );
    await userEvent.click(
      within(findingsTable).getByRole('button', { name: 'Next Page' }),
    );
    await waitFor(() =>
      expect(currentAddress()).toBe(
        `${path}?ic.sort=rule&ic.size=10&ic.page=2`,
      ),
    );

    await userEvent.click(screen.getByRole('button', { name: /^Status / }));
    await userEvent.click(await screen.findByRole('option', { name: 'All' }));
    await waitFor(() =>
      expect(currentAddress()).toBe(
        `${path}?ic.sort=rule&ic.size=10&ic.status=all`,
      ),
    );
    expect(api.findingQueries.at(-1)).toMatchObject({
      status: 'all',
      limit: 10,
      offset: 0,
      sort: 'rule',
      order: 'asc',
    });
  });

  it('offers pages of 50 and 100 findings, kept in the address', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(320);
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [`${path}?ic.size=50`]);
    const findingsTable = await findingsTableOf('Findings (320)');
    expect(api.findingQueries.at(-1)).toMatchObject({ limit: 50, offset: 0 });
    expect(
      await within(findingsTable).findAllByText('1-50 of 320'),
    ).not.toHaveLength(0);
    await userEvent.click(
      within(findingsTable).getByRole('button', { name: /50/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: '100' }));
    await waitFor(() => expect(currentAddress()).toBe(`${path}?ic.size=100`));
    expect(api.findingQueries.at(-1)).toMatchObject({ limit: 100, offset: 0 });
    expect(
      await within(findingsTable).findAllByText('1-100 of 320'),
    ).not.toHaveLength(0);
  });

  it("tells a screen reader the findings' sort: aria-sort on the sorted column header only, from the address and after each click", async () => {
    const api = new FakeInfraComplianceApi();
    await render({
      api,
      addresses: [
        `${entityPath(fixtures.githubEntity)}?ic.sort=file&ic.order=desc`,
      ],
    });
    await screen.findByText('template.yaml:77');
    const sortedHeaders = () =>
      within(findingsRegion())
        .getAllByRole('columnheader')
        .filter(header => header.hasAttribute('aria-sort'))
        .map(header => [header.textContent, header.getAttribute('aria-sort')]);
    await waitFor(() =>
      expect(sortedHeaders()).toEqual([['Location', 'descending']]),
    );
    const rule = () =>
      within(findingsRegion()).getAllByRole('button', { name: 'Rule' })[0];
    // Another column keeps the order; the next click leaves the API's
    // order, the one after sorts up.
    fireEvent.click(rule());
    await waitFor(() =>
      expect(sortedHeaders()).toEqual([['Rule', 'descending']]),
    );
    expect(api.findingQueries.at(-1)).toMatchObject({
      sort: 'rule',
      order: 'desc',
    });
    fireEvent.click(rule());
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).not.toHaveProperty('sort'),
    );
    await waitFor(() => expect(sortedHeaders()).toEqual([]));
    fireEvent.click(rule());
    await waitFor(() =>
      expect(sortedHeaders()).toEqual([['Rule', 'ascending']]),
    );
  });

  it("opens the findings at the address's page, page size and sort", async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(45);
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [
      `${path}?ic.page=3&ic.size=10&ic.sort=file&ic.order=desc`,
    ]);
    const findingsTable = await findingsTableOf('Findings (45)');
    expect(api.findingQueries).toEqual([
      expect.objectContaining({
        limit: 10,
        offset: 20,
        sort: 'file',
        order: 'desc',
      }),
    ]);
    expect(
      await within(findingsTable).findAllByText('21-30 of 45'),
    ).not.toHaveLength(0);
    // The sorted column shows its arrow, pointing down.
    const location = within(findingsTable).getAllByRole('button', {
      name: 'Location',
    })[0];
    expect(location).toHaveClass('MuiTableSortLabel-active');
    expect(location.querySelector('svg')).toHaveClass(
      'MuiTableSortLabel-iconDirectionDesc',
    );
    expect(currentAddress()).toBe(
      `${path}?ic.page=3&ic.size=10&ic.sort=file&ic.order=desc`,
    );
  });

  it('opens the page of findings Back returns to, though the catalog answers with that entity after the address moved', async () => {
    const api = new FakeInfraComplianceApi();
    // The entity moved back to has more findings than the one it leaves.
    api.findings = manyFindings(45);
    const listFindings = api.listFindings.bind(api);
    jest
      .spyOn(api, 'listFindings')
      .mockImplementation(async (entity, query) =>
        entity.name === otherEntity.metadata.name
          ? nothing(query)
          : listFindings(entity, query),
      );
    const path = entityPath(fixtures.githubEntity);
    /**
     * An entity page under the catalog's route, whose entity follows the
     * address only when the catalog answers ("Catalog answers"): until
     * then it shows the entity of the address before.
     */
    function LaggingEntityPage() {
      const { pathname } = useLocation();
      const navigate = useNavigate();
      const named =
        pathname === entityPath(otherEntity)
          ? otherEntity
          : fixtures.githubEntity;
      const [entity, setEntity] = useState(named);
      return (
        <>
          <button onClick={() => navigate(-1)}>Back</button>
          <button onClick={() => setEntity(named)}>Catalog answers</button>
          <CurrentAddress />
          <EntityProvider entity={entity}>
            <EntityInfraComplianceContent />
          </EntityProvider>
        </>
      );
    }
    await renderEntityComponent(
      <Routes>
        <Route
          path="/catalog/:namespace/:kind/:name/*"
          element={<LaggingEntityPage />}
        />
      </Routes>,
      {
        entity: otherEntity,
        api,
        addresses: [`${path}?ic.page=3&ic.size=10`, entityPath(otherEntity)],
      },
    );
    expect(await findingsTableOf('Findings (0)')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    // The entity left is still shown: no tab of it reads the address moved to.
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText('Findings (0)')).not.toBeInTheDocument();
    expect(currentAddress()).toBe(`${path}?ic.page=3&ic.size=10`);

    await userEvent.click(
      screen.getByRole('button', { name: 'Catalog answers' }),
    );
    const findingsTable = await findingsTableOf('Findings (45)');
    expect(
      await within(findingsTable).findAllByText('21-30 of 45'),
    ).not.toHaveLength(0);
    expect(currentAddress()).toBe(`${path}?ic.page=3&ic.size=10`);
  });

  it("retries a failed first load at the address's page, not the first", async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(45);
    jest
      .spyOn(api, 'listFindings')
      .mockRejectedValueOnce(new Error('findings unavailable'));
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [`${path}?ic.page=3&ic.size=10`]);
    const findings = await screen.findByRole('region', { name: 'Findings' });
    await userEvent.click(
      await within(findings).findByRole('button', { name: 'Retry' }),
    );
    const findingsTable = await findingsTableOf('Findings (45)');
    expect(
      await within(findingsTable).findAllByText('21-30 of 45'),
    ).not.toHaveLength(0);
    expect(currentAddress()).toBe(`${path}?ic.page=3&ic.size=10`);
  });

  it('drops a page, size or sort it does not know from the address, as the table shows its defaults', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(45);
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [
      `${path}?ic.page=0&ic.size=37&ic.sort=message&ic.order=up&ic.severity=high&tab=x`,
    ]);
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({
        limit: 20,
        offset: 0,
        severity: ['high'],
      }),
    );
    // The other filters and another component's parameter stay.
    await waitFor(() =>
      expect(currentAddress()).toBe(`${path}?ic.severity=high&tab=x`),
    );
  });

  it.each([
    [
      'a page, size or sort it does not know',
      'ic.page=0&ic.size=7&ic.sort=message&ic.order=up',
    ],
    ['a page past the offsets the backend takes', 'ic.page=600000'],
  ])('opens the findings at their first page for %s', async (_case, query) => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(45);
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [`${path}?${query}`]);
    const findingsTable = await findingsTableOf('Findings (45)');
    expect(api.findingQueries.at(-1)).toEqual(
      expect.objectContaining({ limit: 20, offset: 0 }),
    );
    expect(api.findingQueries.at(-1)).not.toHaveProperty('sort');
    expect(
      await within(findingsTable).findByText('template.yaml:1'),
    ).toBeInTheDocument();
    expect(within(findingsTable).getAllByText('1-20 of 45')).not.toHaveLength(
      0,
    );
  });

  it('opens the findings at their last page for a page past it, the address following, as after a reload that shortened them', async () => {
    const api = new FakeInfraComplianceApi();
    api.findings = manyFindings(45);
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [`${path}?ic.page=99&ic.size=10`]);
    const findingsTable = await findingsTableOf('Findings (45)');
    expect(api.findingQueries.at(-1)).toEqual(
      expect.objectContaining({ limit: 10, offset: 40 }),
    );
    expect(
      await within(findingsTable).findAllByText('41-45 of 45'),
    ).not.toHaveLength(0);
    expect(
      within(findingsTable).getByRole('button', { name: 'Next Page' }),
    ).toBeDisabled();
    expect(currentAddress()).toBe(`${path}?ic.page=5&ic.size=10`);
  });

  it('shows the default for a filter of the address it does not know, and drops that one from the address at the next change', async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [
      `${path}?ic.category=nope&ic.rule=NOPE-001&ic.severity=urgent&ic.status=toString&tab=x`,
    ]);
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    expect(api.findingQueries).toEqual([
      {
        limit: 20,
        offset: 0,
        status: 'open',
        waived: false,
        suppressed: false,
        category: undefined,
        severity: undefined,
        rule: undefined,
      },
    ]);
    expect(
      screen.getByRole('button', { name: /All categories/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /All rules/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Status / })).toHaveTextContent(
      'Open',
    );
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'low' }));
    expect(currentAddress()).toBe(`${path}?ic.severity=low&tab=x`);
  });

  it('takes a rule of the address in any case, as the backend takes rule ids', async () => {
    const api = new FakeInfraComplianceApi();
    await renderMovingEntityPage(api, [
      `${entityPath(fixtures.githubEntity)}?rule=enc-001`,
    ]);
    await waitFor(() => expect(api.findingQueries).toHaveLength(1));
    expect(api.findingQueries[0]).toMatchObject({ rule: ['ENC-001'] });
    expect(screen.getByRole('button', { name: /^Rule / })).toHaveTextContent(
      'ENC-001',
    );
  });

  it("leaves out a rule of the address outside the address's category: it would match nothing", async () => {
    const api = new FakeInfraComplianceApi();
    await renderMovingEntityPage(api, [
      `${entityPath(fixtures.githubEntity)}?category=iam&rule=ENC-001`,
    ]);
    await waitFor(() => expect(api.findingQueries).toHaveLength(1));
    expect(api.findingQueries[0]).toMatchObject({
      category: ['iam'],
      rule: undefined,
    });
    expect(
      screen.getByRole('button', { name: /^Category / }),
    ).toHaveTextContent('IAM scoping');
    expect(
      screen.getByRole('button', { name: /All rules/ }),
    ).toBeInTheDocument();
  });

  it("finds the previous entity's filters again on Back, its address replaced by each filter rather than added to the history", async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, ['/catalog', path]);
    await screen.findByText('Findings (2)');
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'medium' }),
    );
    await userEvent.click(screen.getByRole('button', { name: /^Status / }));
    await userEvent.click(await screen.findByRole('option', { name: 'All' }));
    await moveToOtherEntity();
    expect(
      await screen.findByRole('button', { name: /All severities/ }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(currentAddress()).toBe(`${path}?ic.severity=medium&ic.status=all`);
    expect(
      await screen.findByRole('button', { name: /^Severity / }),
    ).toHaveTextContent('medium');
    expect(screen.getByRole('button', { name: /^Status / })).toHaveTextContent(
      'All',
    );
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({
        status: 'all',
        severity: ['medium'],
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(currentAddress()).toBe('/catalog');
  });

  it("keeps the findings' search in the page's address, through a new filter too", async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    await renderMovingEntityPage(api, [`${path}?ic.q=ENC`]);
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(api.findingQueries).toEqual([
      expect.objectContaining({ offset: 0, q: 'ENC' }),
    ]);
    expect(screen.getByPlaceholderText('Filter')).toHaveValue('ENC');

    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'DLQ' },
    });
    await waitFor(() => expect(currentAddress()).toBe(`${path}?ic.q=DLQ`));
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({ q: 'DLQ' }),
    );
    // A new filter remounts the table: its search stays.
    await userEvent.click(
      screen.getByRole('button', { name: /All severities/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'high' }));
    expect(currentAddress()).toBe(`${path}?ic.q=DLQ&ic.severity=high`);
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({
        q: 'DLQ',
        severity: ['high'],
      }),
    );
    expect(screen.getByPlaceholderText('Filter')).toHaveValue('DLQ');
  });

  it("searches the findings for the address's search again when Back brings another one on the same entity's page", async () => {
    const api = new FakeInfraComplianceApi();
    const path = entityPath(fixtures.githubEntity);
    // An earlier visit searched for ENC; this one starts without a search.
    await renderMovingEntityPage(api, [`${path}?ic.q=ENC`, path]);
    await screen.findByText('Findings (2)');
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'DLQ' },
    });
    await waitFor(() => expect(currentAddress()).toBe(`${path}?ic.q=DLQ`));
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({ q: 'DLQ' }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(currentAddress()).toBe(`${path}?ic.q=ENC`);
    await waitFor(() =>
      expect(screen.getByPlaceholderText('Filter')).toHaveValue('ENC'),
    );
    await waitFor(() =>
      expect(api.findingQueries.at(-1)).toMatchObject({ offset: 0, q: 'ENC' }),
    );
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(currentAddress()).toBe(`${path}?ic.q=ENC`);
  });

  it("dates findings and waivers on the user's day, as it dates the last scan, not on the UTC day", async () => {
    // Pago Pago: 21:00 on Nov 19 is 08:00 on Nov 20 in UTC.
    const restoreTimeZone = emulateTimeZone(-11);
    try {
      await render();
      expect(await screen.findByText(/^Last scanned/)).toHaveTextContent(
        /^Last scanned 2026-11-19 21:00 /,
      );
      const findings = await screen.findByRole('region', { name: 'Findings' });
      await within(findings).findByText('Findings (2)');
      // First seen at 08:00 UTC on Nov 19 and Nov 20.
      expect(within(findings).getByText('2026-11-18')).toBeInTheDocument();
      expect(within(findings).getByText('2026-11-19')).toBeInTheDocument();
      const waivers = screen.getByRole('region', { name: 'Waivers' });
      await within(waivers).findByText('Waivers (2)');
      // Made at 10:00 UTC on Nov 20 and Nov 1, revoked on Nov 10.
      expect(waivers).toHaveTextContent('alice on 2026-11-19');
      expect(waivers).toHaveTextContent('bob on 2026-10-31');
      expect(waivers).toHaveTextContent('alice on 2026-11-09');
      // The expiry is a day in UTC, as the waiver dialog sets it.
      expect(waivers).toHaveTextContent('2099-03-31');
    } finally {
      restoreTimeZone();
    }
  });
});
