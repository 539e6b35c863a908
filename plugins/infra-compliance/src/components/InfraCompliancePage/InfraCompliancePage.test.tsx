import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useNavigate } from 'react-router-dom';
import { lightTheme } from '@backstage/theme';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
  EntityPresentationApi,
} from '@backstage/plugin-catalog-react';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
  TestApiProvider,
} from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { getRuleMetadata } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  currentAddress,
  CurrentAddress,
} from '../../__testUtils__/currentAddress';
import * as fixtures from '../../__testUtils__/fixtures';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import { holdAnswers } from '../../__testUtils__/holdAnswers';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import {
  cssRgb,
  ruleBackgroundColours,
  ruleValues,
} from '../../__testUtils__/styleRules';
import { emulateTimeZone } from '../../__testUtils__/timeZone';
import {
  mockWindowWidth,
  restoreWindowWidth,
} from '../../__testUtils__/windowWidth';
import { InfraComplianceClient } from '../../api';
import { InfraCompliancePage } from './InfraCompliancePage';

/**
 * The page against `api`, the address it is at shown beside it;
 * `addresses` the browser's history, the page's address last.
 */
function renderPageWithAddress(
  api: FakeInfraComplianceApi,
  addresses?: string[],
) {
  return renderEntityComponent(
    <>
      <InfraCompliancePage />
      <CurrentAddress />
    </>,
    { entity: fixtures.groupEntity, api, addresses },
  );
}

/** The card of the table with this title. */
function table(title: string | RegExp): HTMLElement {
  return screen.getByText(title).closest('div[class*=MuiPaper]') as HTMLElement;
}

/** A column header's sort label (around the header's drag handle, also a button). */
function sortLabel(title: string, column: string): HTMLElement {
  return within(table(title)).getAllByRole('button', { name: column })[0];
}

/** The body rows of the table with this title (no header, no pagination). */
function tableRows(title: string | RegExp): HTMLElement[] {
  return within(table(title))
    .getAllByRole('row')
    .filter(row => row.closest('tbody'));
}

/** The service names of the services table, in order. */
function serviceNames(): string[] {
  return tableRows(/^Services \(\d+\)$/).map(
    row => within(row).getAllByRole('link')[0].textContent ?? '',
  );
}

/** The team names of the teams leaderboard, in order. */
function teamNames(): string[] {
  return tableRows('Teams leaderboard').map(
    row => within(row).getAllByRole('link')[0].textContent ?? '',
  );
}

/** Twelve services, service-10 to service-21, each of a team of its own, team-10 to team-21. */
function twelveTeams() {
  return Array.from({ length: 12 }, (_, i) => ({
    ...fixtures.overviewItems[1],
    entityRef: `component:default/service-${i + 10}`,
    name: `service-${i + 10}`,
    owner: `group:default/team-${i + 10}`,
  }));
}

/** The services region's polite announcement (the address helper is an `output`, a status too). */
function servicesStatus(): HTMLElement {
  return within(screen.getByRole('region', { name: 'Services' })).getByRole(
    'status',
  );
}

/** The catalog's presentation of entities: these titles, the default presentation for others. */
function presentation(titles: Record<string, string>): EntityPresentationApi {
  return {
    forEntity(entityOrRef) {
      const snapshot = defaultEntityPresentation(entityOrRef);
      const title = titles[snapshot.entityRef];
      const presented = title ? { ...snapshot, primaryTitle: title } : snapshot;
      return { snapshot: presented, promise: Promise.resolve(presented) };
    },
  };
}

describe('InfraCompliancePage', () => {
  it("tells a failing rule's rationale and remediation from the rules failing most", async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    const topRules = await screen.findByTestId('infra-compliance-top-rules');
    const rule = getRuleMetadata('DLQ-001')!;
    await userEvent.hover(within(topRules).getByText('DLQ-001'));
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(rule.title);
    expect(tooltip).toHaveTextContent(rule.rationale);
    expect(tooltip).toHaveTextContent(rule.remediation.summary);
    // On the theme's paper: the default tooltip's translucent grey let the
    // list under it show through its lines.
    expect(ruleBackgroundColours(tooltip.firstElementChild!)).toContain(
      cssRgb(lightTheme.palette.background.paper),
    );
  });

  it("explains the rules failing most in the backend's own words, not the bundled catalog's", async () => {
    const api = new FakeInfraComplianceApi();
    const bundled = getRuleMetadata('DLQ-001')!;
    // A backend of another version: DLQ-001 reworded, and a rule this
    // frontend's bundled catalog does not have.
    const reworded = {
      ...bundled,
      rationale: 'Failed asynchronous events are dropped after two retries.',
      remediation: { summary: 'Give the function a DLQ.', snippets: {} },
    };
    const unbundled = {
      ...bundled,
      id: 'DLQ-099',
      title: 'Queue without a redrive policy',
      rationale: 'A poison message is received again and again.',
      remediation: { summary: 'Set a redrive policy.', snippets: {} },
    };
    api.rules = {
      ...fixtures.ruleCatalog,
      items: [reworded, unbundled],
      totalCount: 2,
    };
    api.orgRollup = {
      ...fixtures.orgRollup,
      topRules: [
        { ruleId: 'DLQ-001', open: 2, services: 1 },
        { ruleId: 'DLQ-099', open: 1, services: 1 },
      ],
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    const topRules = await screen.findByTestId('infra-compliance-top-rules');

    // Known only once the backend's rules are in.
    await userEvent.hover(await within(topRules).findByText('DLQ-099'));
    let tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(unbundled.title);
    expect(tooltip).toHaveTextContent(unbundled.rationale);
    expect(tooltip).toHaveTextContent(unbundled.remediation.summary);
    await userEvent.unhover(within(topRules).getByText('DLQ-099'));
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());

    await userEvent.hover(within(topRules).getByText('DLQ-001'));
    tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(reworded.rationale);
    expect(tooltip).not.toHaveTextContent(bundled.rationale);
    expect(tooltip).toHaveTextContent(reworded.remediation.summary);
    // One request for every rule shown.
    expect(api.ruleRequests).toBe(1);
  });

  it("explains the score with the backend's formula", async () => {
    const api = new FakeInfraComplianceApi();
    api.rules = {
      ...fixtures.ruleCatalog,
      formula: 'Each category scores the share of its checks that pass.',
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    await screen.findByTestId('infra-compliance-org-summary');
    await userEvent.click(
      screen.getAllByLabelText('How is this score computed?')[0],
    );
    expect(
      await screen.findByText(
        'Each category scores the share of its checks that pass.',
      ),
    ).toBeInTheDocument();
  });

  it("shows each service's grade beside its score, in one column, so that the table fits", async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    const services = table('Services (3)');
    const headers = within(services)
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(headers).toEqual([
      'Service',
      'Score',
      'Owner',
      'DLQ',
      'Alarms',
      'Enc.',
      'IAM',
      'Logs',
      'Ops',
      'Open',
    ]);
    const failing = tableRows('Services (3)').find(row =>
      within(row).queryByRole('link', { name: 'seed-000-failing' }),
    )!;
    const scoreCell = within(failing).getAllByRole('cell')[1];
    expect(
      within(scoreCell).getByRole('img', { name: /^Grade / }),
    ).toBeInTheDocument();
    expect(scoreCell).toHaveTextContent(/\d+/);
  });

  afterEach(restoreWindowWidth);

  async function serviceHeaders(): Promise<(string | null)[]> {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    return within(table('Services (3)'))
      .getAllByRole('columnheader')
      .map(header => header.textContent);
  }

  it('moves the owner under the service name in a 1024px window, so that the table fits', async () => {
    mockWindowWidth(1024);
    expect(await serviceHeaders()).toEqual([
      'Service',
      'Score',
      'DLQ',
      'Alarms',
      'Enc.',
      'IAM',
      'Logs',
      'Ops',
      'Open',
    ]);
    const failing = tableRows('Services (3)').find(row =>
      within(row).queryByRole('link', { name: 'seed-000-failing' }),
    )!;
    expect(failing).toHaveTextContent(/platform-team · scanned /);
  });

  it("underlines the system and owner links in a service's caption, which link blue alone does not tell from its grey text", async () => {
    mockWindowWidth(1024);
    await serviceHeaders();
    const fixed = tableRows('Services (3)').find(row =>
      within(row).queryByRole('link', { name: 'seed-000-fixed' }),
    )!;
    const caption = within(fixed).getByText(/ · scanned /);
    const links = within(caption).getAllByRole('link');
    expect(links.map(link => link.textContent)).toEqual([
      'projectx',
      'platform-team',
    ]);
    // WCAG 1.4.1: 1.5:1 on the caption in the light theme, 1.7:1 in the dark one.
    for (const link of links) {
      expect(ruleValues(link, 'textDecoration').at(-1)).toBe('underline');
    }
  });

  it('leaves the category scores to the Compliance tab in a 900px window', async () => {
    mockWindowWidth(900);
    expect(await serviceHeaders()).toEqual(['Service', 'Score', 'Open']);
  });

  async function teamHeaders(): Promise<(string | null)[]> {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    await waitFor(() =>
      expect(tableRows('Teams leaderboard').length).toBeGreaterThan(0),
    );
    return within(table('Teams leaderboard'))
      .getAllByRole('columnheader')
      .map(header => header.textContent);
  }

  it('gives the teams table a row of its own in a 1280px window, where beside the trend it was 41px too narrow', async () => {
    mockWindowWidth(1280);
    expect(await teamHeaders()).toEqual([
      'Team',
      'Avg score',
      'Services',
      'Graded',
      'Critical',
      'Open',
    ]);
    // The grid item around the table: the whole row below the extra-large
    // breakpoint (7/12 of a 1280px page is 578px, the table needs 619px).
    // (The test theme numbers its class names: MuiGrid-grid-xs-12-443.)
    const item = table('Teams leaderboard').closest('[class*=MuiGrid-item]')!;
    expect(item.className).toMatch(/\bMuiGrid-grid-xs-12\b/);
    expect(item.className).not.toMatch(/\bMuiGrid-grid-(sm|md|lg)-/);
  });

  it("moves the teams' service counts under the team in a 700px window, so that the Open column fits", async () => {
    mockWindowWidth(700);
    expect(await teamHeaders()).toEqual([
      'Team',
      'Avg score',
      'Critical',
      'Open',
    ]);
    const platform = tableRows('Teams leaderboard').find(row =>
      within(row).queryByText('platform-team'),
    )!;
    expect(platform).toHaveTextContent(/platform-team\d+ of \d+ graded/);
  });

  it('gives material-table a unique id for every row of both tables', async () => {
    // material-table checks the rows (and warns in the console) only in development.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await renderEntityComponent(<InfraCompliancePage />, {
        entity: fixtures.groupEntity,
      });
      expect(await screen.findByText('Services (3)')).toBeInTheDocument();
      await waitFor(() =>
        expect(tableRows('Teams leaderboard').length).toBeGreaterThan(0),
      );
      expect(warn.mock.calls.flat().join('\n')).not.toContain('unique id');
    } finally {
      process.env.NODE_ENV = nodeEnv;
      warn.mockRestore();
    }
  });

  it('lists every service, the teams, the rules failing most and the trend', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'seed-000-fixed' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/seed-000-fixed/compliance',
    );
    expect(screen.getByText('— · not scannable')).toBeInTheDocument();
    // No Compliance tab on an entity that cannot be scanned: its entity page.
    expect(screen.getByRole('link', { name: 'orders-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api',
    );

    // Grouped by owner in the backend, best average first.
    await waitFor(() =>
      expect(
        tableRows('Teams leaderboard').map(row => row.textContent),
      ).toEqual([
        expect.stringMatching(/^platform-team81/),
        expect.stringMatching(/^orders-team/),
      ]),
    );

    // The catalog's figures, aggregated by the backend.
    const summary = screen.getByTestId('infra-compliance-org-summary');
    expect(summary).toHaveTextContent('Average score 81');
    expect(summary).toHaveTextContent(
      '2 of 3 services graded · mean time to remediate 1 day',
    );
    expect(summary).toHaveTextContent('1 finding resolved by scans · 0 waived');

    const topRules = screen.getByTestId('infra-compliance-top-rules');
    expect(within(topRules).getAllByRole('listitem')[0]).toHaveTextContent(
      'DLQ-001',
    );
    expect(
      screen.getByRole('img', {
        name: 'Findings over time: 5 opened, 1 resolved',
      }),
    ).toBeInTheDocument();
  });

  it("shows each service's owner and system as the catalog does: by title, linked to its page", async () => {
    const api = new FakeInfraComplianceApi();
    // The backend gives the catalog's kinds: Component, not component.
    api.overview = fixtures.overviewItems.map(item => ({
      ...item,
      kind: 'Component',
    }));
    await renderEntityComponent(
      <TestApiProvider
        apis={[
          [
            entityPresentationApiRef,
            presentation({
              'group:default/orders-team': 'Orders Team',
              'group:default/platform-team': 'Platform Team',
              'system:default/projectx': 'Project X',
            }),
          ],
        ]}
      >
        <InfraCompliancePage />
      </TestApiProvider>,
      { entity: fixtures.groupEntity, api },
    );
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    // Links as the catalog's own, its kind in lower case.
    expect(
      screen.getByRole('link', { name: 'seed-000-fixed' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/seed-000-fixed/compliance',
    );
    const ordersApi = tableRows('Services (3)').find(row =>
      within(row).queryByRole('link', { name: 'orders-api' }),
    )!;
    expect(
      within(ordersApi).getByRole('link', { name: 'Orders Team' }),
    ).toHaveAttribute('href', '/catalog/default/group/orders-team');
    const fixed = tableRows('Services (3)').find(row =>
      within(row).queryByRole('link', { name: 'seed-000-fixed' }),
    )!;
    expect(
      within(fixed).getByRole('link', { name: 'Project X' }),
    ).toHaveAttribute('href', '/catalog/default/system/projectx');
    expect(
      within(fixed).getByRole('link', { name: 'Platform Team' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform-team');

    await waitFor(() => expect(tableRows('Teams leaderboard')).toHaveLength(2));
    const teams = tableRows('Teams leaderboard').map(
      row => within(row).getByRole('link').textContent,
    );
    expect(teams).toEqual(['Platform Team', 'Orders Team']);
    expect(
      within(table('Teams leaderboard')).getByRole('link', {
        name: 'Orders Team',
      }),
    ).toHaveAttribute('href', '/catalog/default/group/orders-team');
  });

  it('shows one error with a retry when the backend cannot be reached, and tables that say they could not load', async () => {
    const api = new FakeInfraComplianceApi();
    let down = true;
    const unreachable = (url: string) =>
      new TypeError(`Failed to fetch: GET http://localhost:7007/api/${url}`);
    const getRollup = api.getRollup.bind(api);
    const listEntities = api.listEntities.bind(api);
    const listOwners = api.listOwners.bind(api);
    api.getRollup = async () => {
      if (down) throw unreachable('rollup');
      return getRollup();
    };
    api.listEntities = async query => {
      if (down) throw unreachable('entities');
      return listEntities(query);
    };
    api.listOwners = async query => {
      if (down) throw unreachable('owners');
      return listOwners(query);
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    expect(
      await screen.findByText('The services could not be loaded.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('The teams could not be loaded.'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Could not load the compliance figures/),
    ).toHaveLength(1);
    expect(screen.queryByText('No records to display')).toBeNull();

    down = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('link', { name: 'seed-000-fixed' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(tableRows('Teams leaderboard')).toHaveLength(2));
    expect(
      await screen.findByTestId('infra-compliance-org-summary'),
    ).toHaveTextContent('Average score 81');
    expect(
      screen.queryByText(/Could not load the compliance figures/),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('says when no service matches the search', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      addresses: ['/infra-compliance?q=nothing-like-it'],
    });
    expect(
      await screen.findByText('No service matches "nothing-like-it".'),
    ).toBeInTheDocument();
  });

  it("gives the organisation's average score its grade, as every other score has", async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    const summary = await screen.findByTestId('infra-compliance-org-summary');
    // 81: grade B.
    expect(
      within(summary).getByRole('img', { name: 'Grade B' }),
    ).toHaveTextContent('B');
  });

  it('says "Not applicable" of a category no check applies to, as the entity pages do', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    const failing = tableRows('Services (3)').find(row =>
      within(row).queryByRole('link', { name: 'seed-000-failing' }),
    )!;
    // Its Ops score is null; an abbreviation in the narrow column.
    expect(within(failing).getByTitle('Not applicable')).toHaveTextContent(
      'n/a',
    );
  });

  it('says a team none of whose services is graded has no average score, not a blank', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    await waitFor(() => expect(tableRows('Teams leaderboard')).toHaveLength(2));
    const [platform, orders] = tableRows('Teams leaderboard');
    // orders-team's only service cannot be scanned.
    expect(within(orders).getByTitle('No service graded')).toHaveTextContent(
      '—',
    );
    expect(within(platform).queryByTitle('No service graded')).toBeNull();
    expect(within(platform).getByText('81')).toBeInTheDocument();
  });

  it("counts a failing rule's open findings and the services they are in, its link leading to those services", async () => {
    const api = new FakeInfraComplianceApi();
    api.orgRollup = {
      ...fixtures.orgRollup,
      topRules: [
        {
          ruleId: 'IAM-003',
          title:
            'Policy statement allows resource-scoped actions on every resource',
          open: 7,
          services: 2,
        },
        ...fixtures.orgRollup.topRules,
      ],
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    const topRules = await screen.findByTestId('infra-compliance-top-rules');
    // A bare "7 open" over a table of 2 services read as a miscount.
    expect(
      within(topRules)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'IAM-003 Policy statement allows resource-scoped actions on every resource — 7 open findings in 2 services',
      'DLQ-001 Asynchronously invoked function without a dead-letter queue — 2 open findings in 1 service',
      'ENC-001 Log group without a KMS key — 1 open finding in 1 service',
    ]);
    expect(
      within(topRules)
        .getAllByRole('link')
        .map(link => link.getAttribute('aria-label')),
    ).toEqual([
      '7 open findings in 2 services: show the services failing IAM-003',
      '2 open findings in 1 service: show the services failing DLQ-001',
      '1 open finding in 1 service: show the services failing ENC-001',
    ]);
  });

  it('underlines the links of the rules failing most, which their colour alone does not tell from the sentence around them', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    const topRules = await screen.findByTestId('infra-compliance-top-rules');
    const links = within(topRules).getAllByRole('link');
    expect(links.length).toBeGreaterThan(0);
    // Link blue on body text is 2.1:1 in the light theme, 1.7:1 in the dark
    // one, under the 3:1 that would let colour alone mark a link (WCAG 1.4.1).
    for (const link of links) {
      expect(ruleValues(link, 'textDecoration').at(-1)).toBe('underline');
    }
  });

  it('shows the rules failing most as text explained on focus, not as buttons that do nothing', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    const topRules = await screen.findByTestId('infra-compliance-top-rules');
    expect(within(topRules).queryAllByRole('button')).toEqual([]);
    // A keyboard still reaches the explanation.
    const ruleId = within(topRules).getByText('DLQ-001');
    expect(ruleId).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(document.body, { key: 'Tab' });
    act(() => ruleId.focus());
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      getRuleMetadata('DLQ-001')!.title,
    );
  });

  it('labels the opened vs resolved chart: counts, days, a single day in the middle', async () => {
    const api = new FakeInfraComplianceApi();
    api.orgRollup = {
      ...fixtures.orgRollup,
      timeline: [{ day: '2026-11-19', opened: 4, resolved: 1 }],
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    const chart = await screen.findByRole('img', {
      name: 'Findings over time: 4 opened, 1 resolved',
    });
    const frame = within(
      screen.getByTestId('infra-compliance-opened-resolved'),
    );
    // Each side's largest count at its line: opened at the top, resolved at the bottom.
    expect(frame.getByText('4')).toBeInTheDocument();
    expect(frame.getByText('1')).toBeInTheDocument();
    expect(frame.getByText('0')).toBeInTheDocument();
    expect(frame.getByText('2026-11-19')).toBeInTheDocument();
    expect(frame.getByText('opened')).toBeInTheDocument();
    expect(frame.getByText('resolved')).toBeInTheDocument();
    // One day's bars sit in the middle of the chart, not on its left edge.
    const width = Number(chart.getAttribute('viewBox')!.split(' ')[2]);
    for (const bar of chart.querySelectorAll('rect')) {
      const x = Number(bar.getAttribute('x'));
      expect(x + Number(bar.getAttribute('width')) / 2).toBe(width / 2);
    }
  });

  it('labels no resolved count on the opened vs resolved chart when nothing was resolved', async () => {
    const api = new FakeInfraComplianceApi();
    api.orgRollup = {
      ...fixtures.orgRollup,
      timeline: [
        { day: '2026-11-19', opened: 112, resolved: 0 },
        { day: '2026-11-20', opened: 3, resolved: 0 },
      ],
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    const chart = await screen.findByRole('img', {
      name: 'Findings over time: 115 opened, 0 resolved',
    });
    const frame = screen.getByTestId('infra-compliance-opened-resolved');
    // The labels left of the chart: the opened side's largest count and 0,
    // nothing claiming 112 resolved at the bottom line.
    const labels = [...frame.querySelectorAll('span')]
      .filter(label => getComputedStyle(label).position === 'absolute')
      .map(label => label.textContent);
    expect(labels).toEqual(['112', '0']);
    // The top and middle lines only.
    expect(chart.querySelectorAll('line')).toHaveLength(2);
  });

  it('places the days of the opened vs resolved chart by date, first and last below', async () => {
    const api = new FakeInfraComplianceApi();
    // Scans on the 1st, 2nd and 10th: the gap is a gap, not a neighbour.
    api.orgRollup = {
      ...fixtures.orgRollup,
      timeline: [
        { day: '2026-11-01', opened: 2, resolved: 0 },
        { day: '2026-11-02', opened: 1, resolved: 0 },
        { day: '2026-11-10', opened: 0, resolved: 3 },
      ],
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    await screen.findByRole('img', {
      name: 'Findings over time: 3 opened, 3 resolved',
    });
    const frame = screen.getByTestId('infra-compliance-opened-resolved');
    expect(within(frame).getByText('2026-11-01')).toBeInTheDocument();
    expect(within(frame).getByText('2026-11-10')).toBeInTheDocument();
    const lefts = within(frame)
      .getAllByTestId('infra-compliance-timeline-day')
      .map(day => Number(day.querySelector('rect')!.getAttribute('x')));
    const dayWidth = lefts[1] - lefts[0];
    expect(lefts[2] - lefts[1]).toBeCloseTo(8 * dayWidth);
  });

  it("keeps each table's failure in view while the other table loads", async () => {
    const api = new FakeInfraComplianceApi();
    api.listEntities = async () => {
      throw new Error('services unavailable');
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    await waitFor(() =>
      expect(
        tableRows('Teams leaderboard').map(row => row.textContent),
      ).toHaveLength(2),
    );
    expect(
      (await screen.findAllByText(/services unavailable/)).length,
    ).toBeGreaterThan(0);

    const ownersFailing = new FakeInfraComplianceApi();
    ownersFailing.listOwners = async () => {
      throw new Error('teams unavailable');
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api: ownersFailing,
    });
    expect(
      await screen.findByRole('link', { name: 'seed-000-fixed' }),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/teams unavailable/)).length,
    ).toBeGreaterThan(0);
  });

  it("drops the previous search's count when the services of a new search fail to load", async () => {
    const api = new FakeInfraComplianceApi();
    // The page binds the method once: fail from inside it, not by replacing it.
    let failing = false;
    const listEntities = api.listEntities.bind(api);
    api.listEntities = async query => {
      if (failing) throw new Error('services unavailable');
      return listEntities(query);
    };
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    failing = true;
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'fixed' },
    });
    expect(
      (await screen.findAllByText(/services unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Services (3)')).toBeNull();
    expect(
      screen.getByRole('heading', { name: 'Services' }),
    ).toBeInTheDocument();
  });

  it('has the API page, sort and search the services and the teams', async () => {
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    await screen.findByRole('link', { name: 'seed-000-fixed' });
    expect(api.entityQueries).toEqual([{ limit: 20, offset: 0 }]);
    expect(serviceNames()).toEqual([
      'orders-api',
      'seed-000-failing',
      'seed-000-fixed',
    ]);

    fireEvent.click(sortLabel('Services (3)', 'Score'));
    await waitFor(() =>
      expect(api.entityQueries.at(-1)).toEqual({
        limit: 20,
        offset: 0,
        sort: 'score',
        order: 'asc',
      }),
    );
    // Unscored services last, as the backend sorts them.
    await waitFor(() =>
      expect(serviceNames()).toEqual([
        'seed-000-failing',
        'seed-000-fixed',
        'orders-api',
      ]),
    );

    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'fixed' },
    });
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-fixed']));
    expect(api.entityQueries.at(-1)).toMatchObject({ q: 'fixed' });
    // The title counts the services the search found, not the catalog's.
    expect(screen.getByText('Services (1)')).toBeInTheDocument();

    fireEvent.click(sortLabel('Teams leaderboard', 'Services'));
    await waitFor(() =>
      expect(api.ownerQueries.at(-1)).toEqual({
        limit: 10,
        offset: 0,
        sort: 'entities',
        order: 'asc',
      }),
    );
    await waitFor(() =>
      expect(
        tableRows('Teams leaderboard').map(row => row.textContent),
      ).toEqual([
        expect.stringMatching(/^orders-team/),
        expect.stringMatching(/^platform-team/),
      ]),
    );
  });

  it('tells a screen reader the sort of the services and the teams: aria-sort on the sorted column header only, as each click and the address sort them', async () => {
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
      addresses: ['/infra-compliance?sort=score.encryption&order=desc'],
    });
    /** Each header of the table with this title that has aria-sort, and its value. */
    const sortedHeaders = (title: string | RegExp) =>
      within(table(title))
        .getAllByRole('columnheader')
        .filter(header => header.hasAttribute('aria-sort'))
        .map(header => [header.textContent, header.getAttribute('aria-sort')]);
    const services = /^Services \(\d+\)$/;
    await waitFor(() =>
      expect(sortedHeaders(services)).toEqual([['Enc.', 'descending']]),
    );
    expect(sortedHeaders('Teams leaderboard')).toEqual([]);

    // Another column keeps the order.
    fireEvent.click(sortLabel('Services (3)', 'Score'));
    await waitFor(() =>
      expect(sortedHeaders(services)).toEqual([['Score', 'descending']]),
    );
    expect(api.entityQueries.at(-1)).toMatchObject({
      sort: 'score',
      order: 'desc',
    });
    // The next click leaves the API's order: no column sorted.
    fireEvent.click(sortLabel('Services (3)', 'Score'));
    await waitFor(() =>
      expect(api.entityQueries.at(-1)).not.toHaveProperty('sort'),
    );
    await waitFor(() => expect(sortedHeaders(services)).toEqual([]));
    fireEvent.click(sortLabel('Services (3)', 'Score'));
    await waitFor(() =>
      expect(sortedHeaders(services)).toEqual([['Score', 'ascending']]),
    );

    fireEvent.click(sortLabel('Teams leaderboard', 'Critical'));
    await waitFor(() =>
      expect(sortedHeaders('Teams leaderboard')).toEqual([
        ['Critical', 'ascending'],
      ]),
    );
    fireEvent.click(sortLabel('Teams leaderboard', 'Critical'));
    await waitFor(() =>
      expect(sortedHeaders('Teams leaderboard')).toEqual([
        ['Critical', 'descending'],
      ]),
    );
    // Each table its own sort.
    expect(sortedHeaders(services)).toEqual([['Score', 'ascending']]);
  });

  it("has the API sort the services by a category's score, those it is not applicable to last, the sort kept in the page's address", async () => {
    const api = new FakeInfraComplianceApi();
    await renderPageWithAddress(api);
    await screen.findByRole('link', { name: 'seed-000-fixed' });

    // Alarms: seed-000-failing 50, seed-000-fixed 100, orders-api not applicable.
    fireEvent.click(sortLabel('Services (3)', 'Alarms'));
    await waitFor(() =>
      expect(serviceNames()).toEqual([
        'seed-000-failing',
        'seed-000-fixed',
        'orders-api',
      ]),
    );
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 20,
      offset: 0,
      sort: 'score.alarms',
      order: 'asc',
    });

    fireEvent.click(sortLabel('Services (3)', 'Alarms'));
    await waitFor(() =>
      expect(serviceNames()).toEqual([
        'seed-000-fixed',
        'seed-000-failing',
        'orders-api',
      ]),
    );
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 20,
      offset: 0,
      sort: 'score.alarms',
      order: 'desc',
    });
    expect(currentAddress()).toBe('/?sort=score.alarms&order=desc');
  });

  it("starts from a category's score sort in the page's address, as Back from a service does", async () => {
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
      addresses: ['/infra-compliance?sort=score.encryption&order=desc'],
    });
    // Encryption: seed-000-failing 80, seed-000-fixed 100, orders-api not applicable.
    await waitFor(() =>
      expect(serviceNames()).toEqual([
        'seed-000-fixed',
        'seed-000-failing',
        'orders-api',
      ]),
    );
    expect(api.entityQueries).toEqual([
      { limit: 20, offset: 0, sort: 'score.encryption', order: 'desc' },
    ]);
    // The column shows its sort, downwards.
    const label = sortLabel('Services (3)', 'Enc.');
    expect(label.className).toMatch(/\bMuiTableSortLabel-active\b/);
    expect(label.querySelector('svg')?.getAttribute('class')).toMatch(
      /\bMuiTableSortLabel-iconDirectionDesc\b/,
    );
  });

  it('keeps the focus on the pager of both tables when paging reaches the last page or the first', async () => {
    const api = new FakeInfraComplianceApi();
    // Two pages of services (20 a page) and of teams (10 a page).
    api.overview = Array.from({ length: 24 }, (_, index) => ({
      ...fixtures.overviewItems[1],
      entityRef: `component:default/service-${index}`,
      name: `service-${index}`,
      owner: `group:default/team-${index % 12}`,
    }));
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    await screen.findByText('Services (24)');
    await waitFor(() =>
      expect(tableRows('Teams leaderboard')).toHaveLength(10),
    );
    // Asked for anew each time: the pager may be rendered again with the page.
    const pagerButton = (title: string, name: string) =>
      within(table(title)).getByRole('button', { name });
    for (const title of ['Services (24)', 'Teams leaderboard']) {
      pagerButton(title, 'Next Page').focus();
      await userEvent.keyboard('{Enter}');
      await waitFor(() =>
        expect(pagerButton(title, 'Next Page')).toBeDisabled(),
      );
      expect(pagerButton(title, 'Previous Page')).toHaveFocus();
      await userEvent.keyboard('{Enter}');
      await waitFor(() =>
        expect(pagerButton(title, 'Previous Page')).toBeDisabled(),
      );
      expect(pagerButton(title, 'Next Page')).toHaveFocus();
    }
  });

  it('says when a service has no infrastructure code, or none the scan could read', async () => {
    const api = new FakeInfraComplianceApi();
    api.overview = [
      {
        ...fixtures.overviewItems[1],
        grade: null,
        score: null,
        categoryScores: {},
        lastScanStatus: 'succeeded',
        lastSuccessAt: fixtures.succeededScan.finishedAt,
        lastSuccessFilesScanned: 0,
        lastSuccessFilesSkipped: 0,
      },
      {
        // A CDK app in Python: its cdk.json found, and skipped.
        ...fixtures.overviewItems[1],
        entityRef: 'component:default/ledger',
        name: 'ledger',
        title: 'ledger',
        grade: null,
        score: null,
        categoryScores: {},
        lastScanStatus: 'succeeded',
        lastSuccessAt: fixtures.succeededScan.finishedAt,
        lastSuccessFilesScanned: 0,
        lastSuccessFilesSkipped: 1,
      },
    ];
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    expect(
      await screen.findByText(/scanned [0-9-]+, no infrastructure code found/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/scanned [0-9-]+, no infrastructure code read/),
    ).toBeInTheDocument();
  });

  it('counts no open findings of a service no scan has read, whose last scan failed', async () => {
    const api = new FakeInfraComplianceApi();
    api.overview = [
      {
        ...fixtures.overviewItems[1],
        grade: null,
        score: null,
        categoryScores: {},
        // What the backend sends for it: zero counts.
        open: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
        lastScanAt: fixtures.succeededScan.finishedAt,
        lastScanStatus: 'failed',
        lastSuccessAt: undefined,
      },
    ];
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    const [row] = await waitFor(() => {
      const rows = tableRows(/^Services \(\d+\)$/);
      expect(rows).toHaveLength(1);
      return rows;
    });
    // "0" open read as a clean service, of code nobody has checked.
    const open = within(row).getAllByRole('cell').at(-1)!;
    expect(open).toHaveTextContent(/^—$/);
    expect(
      within(open).getByTitle('No successful scan yet'),
    ).toBeInTheDocument();
  });

  it("dates a service's last scan on the user's day, as its Compliance tab does, not on the UTC day", async () => {
    // New York: 21:00 on Nov 19 is 02:00 on Nov 20 in UTC.
    const restoreTimeZone = emulateTimeZone(-5);
    try {
      const api = new FakeInfraComplianceApi();
      api.overview = [
        {
          ...fixtures.overviewItems[1],
          lastScanAt: '2026-11-20T02:00:00.000Z',
        },
      ];
      await renderEntityComponent(<InfraCompliancePage />, {
        entity: fixtures.groupEntity,
        api,
      });
      expect(
        await screen.findByText(/· scanned 2026-11-19$/),
      ).toBeInTheDocument();
    } finally {
      restoreTimeZone();
    }
  });

  it("keeps the services' search in the page's address, and starts from it", async () => {
    const api = new FakeInfraComplianceApi();
    await renderPageWithAddress(api, ['/infra-compliance?q=fixed&tab=x']);
    expect(await screen.findByText('Services (1)')).toBeInTheDocument();
    expect(serviceNames()).toEqual(['seed-000-fixed']);
    // Its only query: none without the search first.
    expect(api.entityQueries).toEqual([{ limit: 20, offset: 0, q: 'fixed' }]);
    expect(screen.getByPlaceholderText('Filter')).toHaveValue('fixed');

    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'orders' },
    });
    await waitFor(() =>
      expect(currentAddress()).toBe('/infra-compliance?q=orders&tab=x'),
    );
    await waitFor(() => expect(serviceNames()).toEqual(['orders-api']));
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: '' },
    });
    await waitFor(() =>
      expect(currentAddress()).toBe('/infra-compliance?tab=x'),
    );
  });

  it("keeps the services' page, page size and sort in the page's address, and starts from them, as Back from a service does", async () => {
    const api = new FakeInfraComplianceApi();
    const names = Array.from({ length: 12 }, (_, i) => `service-${i + 10}`);
    api.overview = names.map(name => ({
      ...fixtures.overviewItems[1],
      entityRef: `component:default/${name}`,
      name,
    }));
    await renderPageWithAddress(api, [
      '/infra-compliance?page=2&size=5&sort=name&order=desc',
    ]);
    await waitFor(() =>
      expect(serviceNames()).toEqual([
        'service-16',
        'service-15',
        'service-14',
        'service-13',
        'service-12',
      ]),
    );
    // Its only query: not the first page in the API's order first.
    expect(api.entityQueries).toEqual([
      { limit: 5, offset: 5, sort: 'name', order: 'desc' },
    ]);

    await userEvent.click(
      within(table(/^Services \(12\)$/)).getByRole('button', {
        name: 'Next Page',
      }),
    );
    await waitFor(() =>
      expect(serviceNames()).toEqual(['service-11', 'service-10']),
    );
    expect(currentAddress()).toBe(
      '/infra-compliance?page=3&size=5&sort=name&order=desc',
    );
  });

  it('opens the services at their last page for a page of the address past it, as the findings open', async () => {
    const api = new FakeInfraComplianceApi();
    const names = Array.from({ length: 12 }, (_, i) => `service-${i + 10}`);
    api.overview = names.map(name => ({
      ...fixtures.overviewItems[1],
      entityRef: `component:default/${name}`,
      name,
    }));
    await renderPageWithAddress(api, [
      '/infra-compliance?page=9&size=5&sort=name',
    ]);
    await waitFor(() =>
      expect(serviceNames()).toEqual(['service-20', 'service-21']),
    );
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 5,
      offset: 10,
      sort: 'name',
      order: 'asc',
    });
    await waitFor(() =>
      expect(currentAddress()).toBe(
        '/infra-compliance?page=3&size=5&sort=name',
      ),
    );
  });

  it("keeps the teams' page, page size and sort in the page's address, and starts from them, as Back from a team does", async () => {
    const api = new FakeInfraComplianceApi();
    api.overview = twelveTeams();
    await renderPageWithAddress(api, [
      '/infra-compliance?teams.page=2&teams.size=5&teams.sort=owner&teams.order=desc',
    ]);
    await waitFor(() =>
      expect(teamNames()).toEqual([
        'team-16',
        'team-15',
        'team-14',
        'team-13',
        'team-12',
      ]),
    );
    // Its only query: not the first page in the API's order first.
    expect(api.ownerQueries).toEqual([
      { limit: 5, offset: 5, sort: 'owner', order: 'desc' },
    ]);
    const team = sortLabel('Teams leaderboard', 'Team');
    expect(team.className).toMatch(/\bMuiTableSortLabel-active\b/);
    expect(team.querySelector('svg')?.getAttribute('class')).toMatch(
      /\bMuiTableSortLabel-iconDirectionDesc\b/,
    );
    expect(team.closest('th')).toHaveAttribute('aria-sort', 'descending');

    await userEvent.click(
      within(table('Teams leaderboard')).getByRole('button', {
        name: 'Next Page',
      }),
    );
    await waitFor(() => expect(teamNames()).toEqual(['team-11', 'team-10']));
    expect(currentAddress()).toBe(
      '/infra-compliance?teams.page=3&teams.size=5&teams.sort=owner&teams.order=desc',
    );
    // Another column, in the same order: from the first page.
    await userEvent.click(sortLabel('Teams leaderboard', 'Critical'));
    await waitFor(() =>
      expect(currentAddress()).toBe(
        '/infra-compliance?teams.size=5&teams.sort=critical&teams.order=desc',
      ),
    );
    // The services' own: their first page, asked for once.
    expect(api.entityQueries).toEqual([{ limit: 20, offset: 0 }]);
  });

  it("keeps the services' and the teams' pages in the address apart, each table correcting its own", async () => {
    const api = new FakeInfraComplianceApi();
    api.overview = twelveTeams();
    // Both past their last page (three of five), both sizes one the tables do not offer.
    await renderPageWithAddress(api, [
      '/infra-compliance?page=9&size=5&teams.page=9&teams.size=5&sort=name&teams.sort=owner',
    ]);
    await waitFor(() => expect(teamNames()).toEqual(['team-20', 'team-21']));
    await waitFor(() =>
      expect(serviceNames()).toEqual(['service-20', 'service-21']),
    );
    await waitFor(() =>
      expect(currentAddress()).toBe(
        '/infra-compliance?page=3&size=5&teams.page=3&teams.size=5&sort=name&teams.sort=owner',
      ),
    );
  });

  it("drops a page size neither table offers from the address, the services' and the teams'", async () => {
    const api = new FakeInfraComplianceApi();
    await renderPageWithAddress(api, [
      '/infra-compliance?size=37&teams.size=37&teams.sort=owner',
    ]);
    await waitFor(() => expect(serviceNames()).toHaveLength(3));
    expect(api.ownerQueries.at(-1)).toEqual({
      limit: 10,
      offset: 0,
      sort: 'owner',
      order: 'asc',
    });
    await waitFor(() =>
      expect(currentAddress()).toBe('/infra-compliance?teams.sort=owner'),
    );
  });

  it('shows the services failing a rule from the rules failing most, until asked for all again', async () => {
    const api = new FakeInfraComplianceApi();
    await renderPageWithAddress(api, ['/infra-compliance']);
    await waitFor(() => expect(serviceNames()).toHaveLength(3));

    await userEvent.click(
      within(await screen.findByTestId('infra-compliance-top-rules')).getByRole(
        'link',
        {
          name: '2 open findings in 1 service: show the services failing DLQ-001',
        },
      ),
    );
    expect(currentAddress()).toBe('/infra-compliance?rule=DLQ-001');
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-failing']));
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 20,
      offset: 0,
      rule: ['DLQ-001'],
    });
    expect(
      screen.getByTestId('infra-compliance-rule-filter'),
    ).toHaveTextContent('Services with open DLQ-001 findings.');
    // The search goes with the rule.
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'fixed' },
    });
    await waitFor(() =>
      expect(
        screen.getByText(
          'No service with open DLQ-001 findings matches "fixed".',
        ),
      ).toBeInTheDocument(),
    );
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 20,
      offset: 0,
      rule: ['DLQ-001'],
      q: 'fixed',
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Show all services' }),
    );
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-fixed']));
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 20,
      offset: 0,
      q: 'fixed',
    });
    expect(currentAddress()).toBe('/infra-compliance?q=fixed');
    expect(screen.queryByTestId('infra-compliance-rule-filter')).toBeNull();
  });

  it("keeps the services' page size and sort when following a rule, from its first page and without the search, and says what the table shows", async () => {
    const api = new FakeInfraComplianceApi();
    const names = Array.from({ length: 12 }, (_, i) => `service-${i + 10}`);
    api.overview = names.map(name => ({
      ...fixtures.overviewItems[1],
      entityRef: `component:default/${name}`,
      name,
    }));
    // Seven of them, service-10 to service-16, fail DLQ-001.
    api.failingRules = Object.fromEntries(
      api.overview.slice(0, 7).map(item => [item.entityRef, { 'DLQ-001': 1 }]),
    );
    await renderPageWithAddress(api, [
      '/infra-compliance?q=service-1&page=2&size=5&sort=name&order=desc',
    ]);
    await waitFor(() =>
      expect(serviceNames()).toEqual([
        'service-14',
        'service-13',
        'service-12',
        'service-11',
        'service-10',
      ]),
    );
    const status = servicesStatus();
    expect(status).toBeEmptyDOMElement();

    const link = within(
      await screen.findByTestId('infra-compliance-top-rules'),
    ).getByRole('link', {
      name: '2 open findings in 1 service: show the services failing DLQ-001',
    });
    expect(link).toHaveAttribute(
      'href',
      '/infra-compliance?size=5&sort=name&order=desc&rule=DLQ-001',
    );
    await userEvent.click(link);
    expect(currentAddress()).toBe(
      '/infra-compliance?size=5&sort=name&order=desc&rule=DLQ-001',
    );
    await waitFor(() =>
      expect(serviceNames()).toEqual([
        'service-16',
        'service-15',
        'service-14',
        'service-13',
        'service-12',
      ]),
    );
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 5,
      offset: 0,
      sort: 'name',
      order: 'desc',
      rule: ['DLQ-001'],
    });
    expect(screen.getByPlaceholderText('Filter')).toHaveValue('');
    // Said politely to a screen reader, the focus still on the link.
    expect(status).toHaveTextContent('Showing 7 services failing DLQ-001');
    expect(status).not.toHaveAttribute('aria-live', 'assertive');

    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'service-16' },
    });
    await waitFor(() => expect(serviceNames()).toEqual(['service-16']));
    expect(status).toHaveTextContent(
      'Showing 1 service failing DLQ-001 matching "service-16"',
    );
  });

  it("drops a page size the table does not offer from the address, which a rule's link then does not carry on", async () => {
    const api = new FakeInfraComplianceApi();
    await renderPageWithAddress(api, [
      '/infra-compliance?size=37&sort=name&order=desc',
    ]);
    await waitFor(() => expect(serviceNames()).toHaveLength(3));
    // The table shows 20 a page: so does the address, at once.
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 20,
      offset: 0,
      sort: 'name',
      order: 'desc',
    });
    expect(currentAddress()).toBe('/infra-compliance?sort=name&order=desc');
    expect(
      within(await screen.findByTestId('infra-compliance-top-rules')).getByRole(
        'link',
        {
          name: '2 open findings in 1 service: show the services failing DLQ-001',
        },
      ),
    ).toHaveAttribute(
      'href',
      '/infra-compliance?sort=name&order=desc&rule=DLQ-001',
    );
  });

  it("says the rule's services a search found once they load, not the count from before it", async () => {
    const api = new FakeInfraComplianceApi();
    api.overview = Array.from({ length: 7 }, (_, i) => ({
      ...fixtures.overviewItems[1],
      entityRef: `component:default/service-${i + 10}`,
      name: `service-${i + 10}`,
    }));
    api.failingRules = Object.fromEntries(
      api.overview.map(item => [item.entityRef, { 'DLQ-001': 1 }]),
    );
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
      addresses: ['/infra-compliance?rule=DLQ-001'],
    });
    const status = servicesStatus();
    await waitFor(() =>
      expect(status).toHaveTextContent(/^Showing 7 services failing DLQ-001$/),
    );

    // The search's page on its way: the 7 are still the ones shown.
    const answers = holdAnswers(api.listEntities.bind(api));
    jest.spyOn(api, 'listEntities').mockImplementation(answers.held);
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'service-16' },
    });
    await waitFor(() => expect(api.listEntities).toHaveBeenCalled());
    expect(status).toHaveTextContent(/^Showing 7 services failing DLQ-001$/);

    await act(async () => answers.release());
    await waitFor(() => expect(serviceNames()).toEqual(['service-16']));
    expect(status).toHaveTextContent(
      /^Showing 1 service failing DLQ-001 matching "service-16"$/,
    );
  });

  it("counts the rule's services when the catalog's page answers after them", async () => {
    const api = new FakeInfraComplianceApi();
    const listEntities = api.listEntities.bind(api);
    let answerAll: () => void = () => {};
    const allAnswered = new Promise<void>(resolve => {
      answerAll = resolve;
    });
    api.overview = [
      ...fixtures.overviewItems,
      ...['a', 'b', 'c', 'd'].map(name => ({
        ...fixtures.overviewItems[1],
        entityRef: `component:default/extra-${name}`,
        name: `extra-${name}`,
      })),
    ];
    // The second page of every service is slow, the rule's quick.
    jest.spyOn(api, 'listEntities').mockImplementation(async query => {
      const answer = await listEntities(query);
      if (!query?.rule) await allAnswered;
      return answer;
    });
    await renderPageWithAddress(api, ['/infra-compliance?page=2&size=5']);
    await userEvent.click(
      within(await screen.findByTestId('infra-compliance-top-rules')).getByRole(
        'link',
        {
          name: '2 open findings in 1 service: show the services failing DLQ-001',
        },
      ),
    );
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-failing']));
    expect(screen.getByText('Services (1)')).toBeInTheDocument();
    await act(async () => answerAll());
    // The table the link replaced: its count and its page are not the rule's.
    expect(screen.getByText('Services (1)')).toBeInTheDocument();
    expect(currentAddress()).toBe('/infra-compliance?size=5&rule=DLQ-001');
  });

  it("does not title the rule's services with the count of all while they load", async () => {
    const api = new FakeInfraComplianceApi();
    const listEntities = api.listEntities.bind(api);
    const ruleAnswers = holdAnswers(listEntities);
    jest
      .spyOn(api, 'listEntities')
      .mockImplementation(query =>
        query?.rule ? ruleAnswers.held(query) : listEntities(query),
      );
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    await userEvent.click(
      within(await screen.findByTestId('infra-compliance-top-rules')).getByRole(
        'link',
        {
          name: '2 open findings in 1 service: show the services failing DLQ-001',
        },
      ),
    );
    expect(
      screen.getByTestId('infra-compliance-rule-filter'),
    ).toHaveTextContent('Services with open DLQ-001 findings.');
    expect(screen.queryByText('Services (3)')).toBeNull();
    expect(
      screen.getByRole('heading', { name: 'Services' }),
    ).toBeInTheDocument();
    // Nothing said of the rule's services before they are shown.
    expect(servicesStatus()).toBeEmptyDOMElement();
    await act(async () => ruleAnswers.release());
    expect(await screen.findByText('Services (1)')).toBeInTheDocument();
    expect(servicesStatus()).toHaveTextContent(
      'Showing 1 service failing DLQ-001',
    );
  });

  it('puts the focus on the services after showing them all, not on the page', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      addresses: ['/infra-compliance?rule=DLQ-001'],
    });
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-failing']));
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all services' }),
    );
    await waitFor(() => expect(serviceNames()).toHaveLength(3));
    // The button went with the filter: the focus goes to what it showed.
    expect(document.activeElement).not.toBe(document.body);
    expect(screen.getByRole('region', { name: 'Services' })).toHaveFocus();
  });

  it("goes Back from all the services to the rule's, not to a copy of all the services", async () => {
    function BackButton() {
      const navigate = useNavigate();
      return <button onClick={() => navigate(-1)}>Back</button>;
    }
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(
      <>
        <InfraCompliancePage />
        <BackButton />
        <CurrentAddress />
      </>,
      { entity: fixtures.groupEntity, api, addresses: ['/infra-compliance'] },
    );
    await waitFor(() => expect(serviceNames()).toHaveLength(3));
    await userEvent.click(
      within(await screen.findByTestId('infra-compliance-top-rules')).getByRole(
        'link',
        {
          name: '2 open findings in 1 service: show the services failing DLQ-001',
        },
      ),
    );
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-failing']));
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all services' }),
    );
    await waitFor(() => expect(serviceNames()).toHaveLength(3));
    expect(currentAddress()).toBe('/infra-compliance');

    // The link went forward to the rule's services: Back goes to them.
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(currentAddress()).toBe('/infra-compliance?rule=DLQ-001');
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-failing']));
    expect(
      screen.getByTestId('infra-compliance-rule-filter'),
    ).toHaveTextContent('Services with open DLQ-001 findings.');
  });

  it('reads a rule filter from the address, and ignores one that is not a rule id', async () => {
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
      addresses: ['/infra-compliance?rule=ENC-001'],
    });
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-failing']));
    expect(api.entityQueries).toEqual([
      { limit: 20, offset: 0, rule: ['ENC-001'] },
    ]);

    const other = new FakeInfraComplianceApi();
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api: other,
      addresses: ['/infra-compliance?rule=enc-1'],
    });
    await waitFor(() => expect(other.entityQueries).toHaveLength(1));
    expect(other.entityQueries).toEqual([{ limit: 20, offset: 0 }]);

    // Typed in lower case, as the backend takes rule ids.
    const lower = new FakeInfraComplianceApi();
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api: lower,
      addresses: ['/infra-compliance?rule=enc-001'],
    });
    await waitFor(() => expect(lower.entityQueries).toHaveLength(1));
    expect(lower.entityQueries).toEqual([
      { limit: 20, offset: 0, rule: ['ENC-001'] },
    ]);
  });

  it('says no service fails a rule when none has open findings of it', async () => {
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
      addresses: ['/infra-compliance?rule=IAM-002'],
    });
    expect(
      await screen.findByText('No service has open IAM-002 findings.'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('infra-compliance-rule-filter'),
    ).toHaveTextContent('Services with open IAM-002 findings.');
  });

  it("searches the services for the address's search again when Back brings another one", async () => {
    function BackButton() {
      const navigate = useNavigate();
      return <button onClick={() => navigate(-1)}>Back</button>;
    }
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(
      <>
        <InfraCompliancePage />
        <BackButton />
        <CurrentAddress />
      </>,
      {
        entity: fixtures.groupEntity,
        api,
        // An earlier visit searched for "fixed"; this one starts without.
        addresses: ['/infra-compliance?q=fixed', '/infra-compliance'],
      },
    );
    await waitFor(() => expect(serviceNames()).toContain('orders-api'));
    fireEvent.change(screen.getByPlaceholderText('Filter'), {
      target: { value: 'orders' },
    });
    await waitFor(() => expect(serviceNames()).toEqual(['orders-api']));

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(currentAddress()).toBe('/infra-compliance?q=fixed');
    await waitFor(() =>
      expect(screen.getByPlaceholderText('Filter')).toHaveValue('fixed'),
    );
    await waitFor(() => expect(serviceNames()).toEqual(['seed-000-fixed']));
    expect(api.entityQueries.at(-1)).toEqual({
      limit: 20,
      offset: 0,
      q: 'fixed',
    });
  });
});

describe('InfraCompliancePage through the real client', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const BASE = 'http://localhost:7007/api/infra-compliance';

  /** The backend's answers but the services: the roll-up, the rules, no owners. */
  const answersBesideTheServices = () => [
    http.get(`${BASE}/rollup`, () => HttpResponse.json(fixtures.orgRollup)),
    http.get(`${BASE}/rules`, () => HttpResponse.json(fixtures.ruleCatalog)),
    http.get(`${BASE}/owners`, () =>
      HttpResponse.json({ items: [], totalCount: 0, limit: 20, offset: 0 }),
    ),
  ];

  /** The page through the real client, showing the services failing DLQ-001. */
  const renderServicesFailingDlq001 = () =>
    renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      client: new InfraComplianceClient({
        discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        fetchApi: new MockFetchApi(),
      }),
      addresses: ['/infra-compliance?rule=DLQ-001'],
    });

  it("shows in the Open column of the services failing a rule their open findings of that rule, linking to them on the service's tab, and all of them once shown all again", async () => {
    const [failing] = fixtures.overviewItems;
    // 9 open findings, 2 of them of DLQ-001.
    const open = { critical: 1, high: 3, medium: 4, low: 1, total: 9 };
    const entityQueries: string[] = [];
    server.use(
      ...answersBesideTheServices(),
      http.get(`${BASE}/entities`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        entityQueries.push(query.toString());
        const item = query.get('rule')
          ? { ...failing, open, ruleOpen: 2 }
          : { ...failing, open };
        return HttpResponse.json({
          items: [item],
          totalCount: 1,
          limit: 20,
          offset: 0,
        });
      }),
    );
    await renderServicesFailingDlq001();
    /** The Open column's heading and the service's cell in it. */
    const openColumn = async () => {
      await screen.findByText(/^Services \(1\)$/);
      const headers = within(table(/^Services \(1\)$/)).getAllByRole(
        'columnheader',
      );
      const [row] = tableRows(/^Services \(1\)$/);
      const cells = within(row).getAllByRole('cell');
      return [headers.at(-1)?.textContent, cells.at(-1)?.textContent];
    };
    await waitFor(() => expect(entityQueries).toHaveLength(1));
    expect(entityQueries[0]).toContain('rule=DLQ-001');
    expect(await openColumn()).toEqual(['Open DLQ-001', '2']);
    // The service's tab lists the findings its row counted, not all its 9.
    const serviceName = failing.title ?? failing.name;
    expect(screen.getByRole('link', { name: serviceName })).toHaveAttribute(
      'href',
      `/catalog/default/component/${failing.name}/compliance?rule=DLQ-001`,
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Show all services' }),
    );
    await waitFor(() => expect(entityQueries).toHaveLength(2));
    expect(entityQueries[1]).not.toContain('rule=');
    await waitFor(async () =>
      expect(await openColumn()).toEqual(['Open', '9']),
    );
    expect(screen.getByRole('link', { name: serviceName })).toHaveAttribute(
      'href',
      `/catalog/default/component/${failing.name}/compliance`,
    );
  });

  it('says in the Open column of the services failing a rule, from a backend that does not count their open findings of it, why it shows none', async () => {
    const [failing] = fixtures.overviewItems;
    server.use(
      ...answersBesideTheServices(),
      // A backend from before ruleOpen: it filters by the rule, no more.
      http.get(`${BASE}/entities`, () =>
        HttpResponse.json({
          items: [failing],
          totalCount: 1,
          limit: 20,
          offset: 0,
        }),
      ),
    );
    await renderServicesFailingDlq001();
    await screen.findByText(/^Services \(1\)$/);
    const [row] = tableRows(/^Services \(1\)$/);
    const open = within(row).getAllByRole('cell').at(-1)!;
    expect(open).toHaveTextContent(/^—$/);
    expect(
      within(open).getByTitle(
        "Not counted: the backend, an older version, does not count a service's open findings of DLQ-001",
      ),
    ).toBeInTheDocument();
  });
});
