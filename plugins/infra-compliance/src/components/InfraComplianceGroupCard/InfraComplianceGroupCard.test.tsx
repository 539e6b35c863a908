import { screen, within } from '@testing-library/react';
import * as fixtures from '../../__testUtils__/fixtures';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { InfraComplianceGroupCard } from './InfraComplianceGroupCard';

describe('InfraComplianceGroupCard', () => {
  it("shows the team's services with grades, open findings and time to remediate", async () => {
    const api = new FakeInfraComplianceApi();
    // orders-team is a child team: its services are the group's too.
    api.rollup = {
      ...fixtures.groupRollup,
      groups: ['group:default/platform-team', 'group:default/orders-team'],
    };
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-group-card');
    expect(
      await within(card).findByText('Average score 81'),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(/mean time to remediate 1 day$/),
    ).toBeInTheDocument();
    const service = within(card).getByRole('link', {
      name: 'seed-000-failing',
    });
    expect(service).toHaveAttribute(
      'href',
      '/catalog/default/component/seed-000-failing/compliance',
    );
    expect(within(card).getByText('62 / 100 · 3 open')).toBeInTheDocument();
    expect(within(card).getByText('Not scannable')).toBeInTheDocument();
    // No Compliance tab on an entity that cannot be scanned: its entity page.
    expect(
      within(card).getByRole('link', { name: 'orders-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/orders-api');
  });

  it.each([
    [40 * 60_000, '40 minutes'],
    [3 * 3_600_000, '3 hours'],
    [36 * 3_600_000, '1.5 days'],
    [12 * 86_400_000, '12 days'],
  ])(
    'says a mean time to remediate of %d ms in its largest unit, "%s"',
    async (ms, text) => {
      const api = new FakeInfraComplianceApi();
      api.rollup = {
        ...fixtures.groupRollup,
        meanTimeToRemediateMs: ms,
        // Rounded to a tenth of a day by the backend.
        meanTimeToRemediateDays: Math.round(ms / 8_640_000) / 10,
      };
      await renderEntityComponent(<InfraComplianceGroupCard />, {
        entity: fixtures.groupEntity,
        api,
      });
      const card = await screen.findByTestId('infra-compliance-group-card');
      expect(
        await within(card).findByText(
          new RegExp(`· mean time to remediate ${text}$`),
        ),
      ).toBeInTheDocument();
    },
  );

  it("shows a service's whole name on as many lines as it needs, and links it as the catalog does", async () => {
    const api = new FakeInfraComplianceApi();
    // The backend gives the catalog's kinds: Component, not component.
    api.overview = fixtures.overviewItems.map(item => ({
      ...item,
      kind: 'Component',
      title: `projectX data pipeline in Terraform (${item.name})`,
    }));
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-group-card');
    const service = await within(card).findByRole('link', {
      name: 'projectX data pipeline in Terraform (seed-000-failing)',
    });
    expect(service).toHaveAttribute(
      'href',
      '/catalog/default/component/seed-000-failing/compliance',
    );
    // Backstage's theme keeps a dense list item's text on one line, and its
    // ellipsis never showed: the name was cut off at 1024px.
    const text = service.closest('.MuiListItemText-root') as HTMLElement;
    expect(window.getComputedStyle(text).whiteSpace).toBe('nowrap');
    for (const line of [
      service.parentElement!,
      within(text).getByText(/open$/),
    ]) {
      expect(window.getComputedStyle(line).whiteSpace).toBe('normal');
    }
  });

  it("grades the team's average score", async () => {
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
    });
    const card = await screen.findByTestId('infra-compliance-group-card');
    await within(card).findByText('Average score 81');
    expect(within(card).getAllByRole('img', { name: 'Grade B' })).toHaveLength(
      1,
    );
  });

  it('says so when the team owns no service, instead of empty figures', async () => {
    const api = new FakeInfraComplianceApi();
    api.overview = [];
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-group-card');
    expect(
      await within(card).findByText(
        /own no service that Infra Compliance tracks/,
      ),
    ).toBeInTheDocument();
    expect(within(card).queryByText('Services')).toBeNull();
  });

  it('says how many services the list leaves out', async () => {
    const api = new FakeInfraComplianceApi();
    api.overview = Array.from({ length: 120 }, (_, index) => ({
      ...fixtures.overviewItems[1],
      entityRef: `component:default/service-${index}`,
      name: `service-${index}`,
      score: index,
    }));
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-group-card');
    expect(
      await within(card).findByText(
        'Services: the 100 needing most attention of 120',
      ),
    ).toBeInTheDocument();
    expect(within(card).getAllByRole('link')).toHaveLength(100);
    expect(within(card).getAllByRole('link')[0]).toHaveTextContent('service-0');
  });

  it('lists the services needing attention first: a failed scan, the lowest scores, then no scan yet, no code, not scannable', async () => {
    const api = new FakeInfraComplianceApi();
    const [failing, fixed, notScannable] = fixtures.overviewItems;
    const noGrade = { ...fixed, grade: null, score: null, categoryScores: {} };
    api.overview = [
      notScannable,
      {
        ...noGrade,
        entityRef: 'component:default/website',
        name: 'website',
        lastScanStatus: 'succeeded',
        lastSuccessAt: fixtures.succeededScan.finishedAt,
        lastSuccessFilesScanned: 0,
        lastSuccessFilesSkipped: 0,
      },
      {
        ...noGrade,
        entityRef: 'component:default/fresh',
        name: 'fresh',
        lastScanAt: undefined,
        lastScanStatus: undefined,
      },
      fixed,
      failing,
      {
        ...noGrade,
        entityRef: 'component:default/broken',
        name: 'broken',
        lastScanStatus: 'failed',
      },
    ];
    api.rollup = {
      ...fixtures.groupRollup,
      groups: ['group:default/platform-team', 'group:default/orders-team'],
    };
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-group-card');
    await within(card).findByRole('link', { name: 'broken' });
    expect(
      within(card)
        .getAllByRole('link')
        .map(link => link.textContent),
    ).toEqual([
      'broken',
      'seed-000-failing',
      'seed-000-fixed',
      'fresh',
      'website',
      'orders-api',
    ]);
  });

  it('says when a service has no infrastructure code, rather than "not scanned"', async () => {
    const api = new FakeInfraComplianceApi();
    const base = {
      ...fixtures.overviewItems[1],
      grade: null,
      score: null,
      categoryScores: {},
    };
    api.overview = [
      {
        ...base,
        entityRef: 'component:default/website',
        name: 'website',
        title: 'website',
        lastScanStatus: 'succeeded',
        lastSuccessAt: fixtures.succeededScan.finishedAt,
        lastSuccessFilesScanned: 0,
        lastSuccessFilesSkipped: 0,
      },
      {
        // A CDK app in Python: its cdk.json found, and skipped.
        ...base,
        entityRef: 'component:default/ledger',
        name: 'ledger',
        title: 'ledger',
        lastScanStatus: 'succeeded',
        lastSuccessAt: fixtures.succeededScan.finishedAt,
        lastSuccessFilesScanned: 0,
        lastSuccessFilesSkipped: 1,
      },
      {
        ...base,
        entityRef: 'component:default/fresh',
        name: 'fresh',
        title: 'fresh',
        lastScanAt: undefined,
        lastScanStatus: undefined,
        lastSuccessAt: undefined,
      },
    ];
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-group-card');
    const item = async (name: string) =>
      (await within(card).findByRole('link', { name })).closest('li')!;
    expect(await item('website')).toHaveTextContent(
      'No infrastructure code found',
    );
    expect(await item('ledger')).toHaveTextContent(
      'No infrastructure code read',
    );
    expect(await item('fresh')).toHaveTextContent('Not scanned yet');
  });

  it('counts the services it averages as graded, not scanned: a failed scan or one without code was a scan too', async () => {
    const api = new FakeInfraComplianceApi();
    const [graded, , notScannable] = fixtures.overviewItems;
    const noGrade = { ...graded, grade: null, score: null, categoryScores: {} };
    api.overview = [
      graded,
      {
        ...noGrade,
        entityRef: 'component:default/broken',
        name: 'broken',
        title: 'broken',
        lastScanStatus: 'failed',
        lastSuccessAt: undefined,
      },
      {
        ...noGrade,
        entityRef: 'component:default/website',
        name: 'website',
        title: 'website',
        lastScanStatus: 'succeeded',
        lastSuccessAt: fixtures.succeededScan.finishedAt,
        lastSuccessFilesScanned: 0,
        lastSuccessFilesSkipped: 0,
      },
      notScannable,
    ];
    api.rollup = {
      ...fixtures.groupRollup,
      entityCount: 4,
      scannedCount: 1,
      averageScore: graded.score,
    };
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-group-card');
    expect(
      await within(card).findByText(/^1 of 4 services graded · /),
    ).toBeInTheDocument();
    const item = (name: string) =>
      within(card).getByRole('link', { name }).closest('li')!;
    expect(item('broken')).toHaveTextContent('Last scan failed');
    expect(item('website')).toHaveTextContent('No infrastructure code found');
  });
});
