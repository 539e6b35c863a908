import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import * as fixtures from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { EntityInfraComplianceContent } from './EntityInfraComplianceContent';

// A file of its own: usePermission caches answers (SWR) for the whole test file.
describe('EntityInfraComplianceContent for a user without permissions', () => {
  it('hides "Scan now" and waivers when the permission policy denies them', async () => {
    await renderEntityComponent(<EntityInfraComplianceContent />, {
      entity: fixtures.githubEntity,
      permission: AuthorizeResult.DENY,
    });
    await screen.findByText('62 / 100');
    expect(screen.queryByRole('button', { name: /scan now/i })).toBeNull();
    await userEvent.click(
      screen.getByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    await screen.findByTestId('infra-compliance-finding-detail');
    expect(
      screen.queryByRole('button', { name: 'Waive this finding' }),
    ).toBeNull();
    // The waivers are listed, but none can be revoked.
    expect(
      await screen.findByText(fixtures.waivers[0].reason),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
  });

  it('does not point to "Scan now" under an entity not scanned yet', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      lastScan: undefined,
      lastSuccessfulScan: undefined,
      lastCompletedScan: undefined,
    };
    api.scanRecords = [];
    await renderEntityComponent(<EntityInfraComplianceContent />, {
      entity: fixtures.githubEntity,
      api,
      permission: AuthorizeResult.DENY,
    });
    expect(await screen.findByText('Not scanned yet')).toBeInTheDocument();
    expect(await screen.findByText(/^No scans yet\./)).toBeInTheDocument();
    expect(screen.queryByText(/scan now/i)).toBeNull();
  });
});
