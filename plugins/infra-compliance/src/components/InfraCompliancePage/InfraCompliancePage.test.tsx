import { screen, within } from '@testing-library/react';
import * as fixtures from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { InfraCompliancePage } from './InfraCompliancePage';

describe('InfraCompliancePage', () => {
  it('lists every service, the teams, the rules failing most and the trend', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
    });
    expect(await screen.findByText('Services (3)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'seed-000-fixed' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/seed-000-fixed/compliance',
    );
    expect(screen.getByText('— · not scannable')).toBeInTheDocument();

    const leaderboard = screen
      .getByText('Teams leaderboard')
      .closest('div[class*=MuiPaper]') as HTMLElement;
    const rows = within(leaderboard).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      expect.stringMatching(/^platform-team81/),
      expect.stringMatching(/^orders-team/),
    ]);

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
});
