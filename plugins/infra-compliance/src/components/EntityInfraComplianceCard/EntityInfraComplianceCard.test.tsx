import { screen, within } from '@testing-library/react';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import * as fixtures from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { EntityInfraComplianceCard } from './EntityInfraComplianceCard';

describe('EntityInfraComplianceCard', () => {
  it('shows the grade, a bar per category and a link to the tab', async () => {
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByText('62 / 100')).toBeInTheDocument();
    expect(within(card).getByLabelText('Grade D')).toBeInTheDocument();
    expect(
      within(card).getByLabelText('Dead-letter queues score'),
    ).toHaveAttribute('aria-valuenow', '0');
    expect(within(card).getByLabelText('Encryption score')).toHaveAttribute(
      'aria-valuenow',
      '80',
    );
    expect(within(card).getByText('Not applicable')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /View findings/ })).toHaveAttribute(
      'href',
      expect.stringMatching(/compliance$/),
    );
  });

  it('says when the entity cannot be scanned', async () => {
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
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    expect(
      await screen.findByText(
        /Opted out with the infra-compliance\/skip annotation/,
      ),
    ).toBeInTheDocument();
  });

  it('says when the last scan found no infrastructure code', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      categories: {},
      lastSuccessfulScan: {
        ...fixtures.scorecard.lastSuccessfulScan!,
        counts: {
          ...fixtures.scorecard.lastSuccessfulScan!.counts!,
          filesScanned: 0,
        },
      },
    };
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    expect(
      await screen.findByText(/No infrastructure code found/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not scanned yet/)).toBeNull();
  });
});
