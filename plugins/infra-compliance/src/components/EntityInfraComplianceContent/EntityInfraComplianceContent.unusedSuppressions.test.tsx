import { screen, within } from '@testing-library/react';
import {
  getRuleMetadata,
  Scan,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { apiWithLastScan } from '../../__testUtils__/FakeInfraComplianceApi';
import {
  findCard,
  forEachLastScan,
  renderComplianceTab,
} from '../../__testUtils__/complianceTab';
import * as fixtures from '../../__testUtils__/fixtures';
import { spokenText } from '../../__testUtils__/spokenText';

/** The last scan, which found two suppressions unused. */
const scanWithUnused: Scan = {
  ...fixtures.succeededScan,
  unusedSuppressions: {
    items: [
      {
        file: 'deploy/template.yaml',
        line: 17,
        resourceId: 'ReadPolicy',
        ruleId: 'IAM-003',
      },
      {
        file: 'deploy/worker.yaml',
        line: 8,
        resourceId: 'Worker',
        ruleId: 'DLQ-001',
      },
    ],
  },
};

const HEADING = /^Unused suppressions/;

describe('EntityInfraComplianceContent: unused suppressions', () => {
  it('lists each suppression the last scan found unused: its rule with its title, what it is written on, and its line linked to the source, as the findings are', async () => {
    await renderComplianceTab(apiWithLastScan(scanWithUnused));
    const card = await findCard(HEADING);
    expect(within(card).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Unused suppressions (2)',
    );
    expect(
      within(card).getByText(
        'Each of these no longer suppresses anything: remove it so a future regression is reported.',
      ),
    ).toBeInTheDocument();
    const items = within(card).getAllByRole('listitem');
    expect(items.map(spokenText)).toEqual([
      `IAM-003 (${
        getRuleMetadata('IAM-003')!.title
      }) on ReadPolicy, at deploy/template.yaml:17, Opens in a new window`,
      `DLQ-001 (${
        getRuleMetadata('DLQ-001')!.title
      }) on Worker, at deploy/worker.yaml:8, Opens in a new window`,
    ]);
    const repository = 'https://github.com/acme/seed-000/tree/main';
    expect(
      within(card)
        .getAllByRole('link')
        .map(link => [spokenText(link), link.getAttribute('href')]),
    ).toEqual([
      [
        'deploy/template.yaml:17, Opens in a new window',
        `${repository}/deploy/template.yaml#L17`,
      ],
      [
        'deploy/worker.yaml:8, Opens in a new window',
        `${repository}/deploy/worker.yaml#L8`,
      ],
    ]);
  });

  it('shows the lines of a local dir: source as text, which a browser cannot open', async () => {
    await renderComplianceTab(
      apiWithLastScan({ ...scanWithUnused, source: fixtures.localSource }),
      fixtures.localEntity,
    );
    const card = await findCard(HEADING);
    expect(within(card).queryAllByRole('link')).toEqual([]);
    expect(Array.from(card.querySelectorAll('code'), spokenText)).toEqual([
      'deploy/template.yaml:17',
      'deploy/worker.yaml:8',
    ]);
  });

  it('says how many more there are than the scan lists', async () => {
    await renderComplianceTab(
      apiWithLastScan({
        ...scanWithUnused,
        unusedSuppressions: {
          ...scanWithUnused.unusedSuppressions!,
          notListed: 3,
        },
      }),
    );
    const card = await findCard(HEADING);
    expect(within(card).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Unused suppressions (5)',
    );
    expect(within(card).getAllByRole('listitem')).toHaveLength(2);
    expect(within(card).getByText('and 3 more')).toBeInTheDocument();
  });

  it('shows no such section when the last scan found none, or is from before scans recorded them', async () => {
    await forEachLastScan(
      [
        { ...fixtures.succeededScan, unusedSuppressions: { items: [] } },
        fixtures.succeededScan,
      ],
      () => {
        expect(screen.queryByRole('heading', { name: HEADING })).toBeNull();
        expect(screen.queryByText(/no longer suppresses anything/)).toBeNull();
      },
    );
  });
});
