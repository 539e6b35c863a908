import { screen, within } from '@testing-library/react';
import { Scan } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { apiWithLastScan } from '../../__testUtils__/FakeInfraComplianceApi';
import {
  findCard,
  forEachLastScan,
  renderComplianceTab,
} from '../../__testUtils__/complianceTab';
import * as fixtures from '../../__testUtils__/fixtures';
import { spokenText } from '../../__testUtils__/spokenText';

/** The last scan, whose config disables two rules twice each. */
const scanWithWarnings: Scan = {
  ...fixtures.succeededScan,
  configWarnings: [
    {
      file: '.infra-compliance.yaml',
      line: 3,
      message:
        'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough',
    },
    {
      file: '.infra-compliance.yaml',
      line: 5,
      message:
        'rules.disable names OPS-003 more than once (OPS-003, OPS-003): once is enough',
    },
  ],
};

const HEADING = /^Config warnings/;

describe('EntityInfraComplianceContent: config warnings', () => {
  it("says the repository's config has problems and that the scan went on, and lists each warning, its line linked to the source as the findings' are", async () => {
    await renderComplianceTab(apiWithLastScan(scanWithWarnings));
    const card = await findCard(HEADING);
    expect(within(card).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Config warnings (2)',
    );
    expect(
      within(card).getByText(
        "The repository's .infra-compliance.yaml has problems. The scan went on with it as it is: fix them there.",
      ),
    ).toBeInTheDocument();
    expect(within(card).getAllByRole('listitem').map(spokenText)).toEqual([
      '.infra-compliance.yaml:3, Opens in a new window: rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough',
      '.infra-compliance.yaml:5, Opens in a new window: rules.disable names OPS-003 more than once (OPS-003, OPS-003): once is enough',
    ]);
    const repository = 'https://github.com/acme/seed-000/tree/main';
    expect(
      within(card)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual([
      `${repository}/.infra-compliance.yaml#L3`,
      `${repository}/.infra-compliance.yaml#L5`,
    ]);
  });

  it('shows the lines of a local dir: source as text, which a browser cannot open, and a warning whose line is not known by its message alone', async () => {
    await renderComplianceTab(
      apiWithLastScan({
        ...scanWithWarnings,
        source: fixtures.localSource,
        configWarnings: [
          scanWithWarnings.configWarnings![0],
          {
            file: '.infra-compliance.yaml',
            message:
              'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough',
          },
        ],
      }),
      fixtures.localEntity,
    );
    const card = await findCard(HEADING);
    expect(within(card).queryAllByRole('link')).toEqual([]);
    expect(within(card).getAllByRole('listitem').map(spokenText)).toEqual([
      '.infra-compliance.yaml:3: rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough',
      'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough',
    ]);
    expect(Array.from(card.querySelectorAll('code'), spokenText)).toEqual([
      '.infra-compliance.yaml:3',
    ]);
  });

  it('shows no such card when the config has no warnings, or the scan is from before scans recorded them', async () => {
    await forEachLastScan(
      [
        { ...fixtures.succeededScan, configWarnings: [] },
        fixtures.succeededScan,
      ],
      () => {
        expect(screen.queryByRole('heading', { name: HEADING })).toBeNull();
        expect(screen.queryByText(/has problems/)).toBeNull();
      },
    );
  });
});
