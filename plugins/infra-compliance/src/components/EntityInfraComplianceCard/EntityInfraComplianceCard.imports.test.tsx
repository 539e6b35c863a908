import { screen, within } from '@testing-library/react';
import { apiWithScanUnderWay } from '../../__testUtils__/FakeInfraComplianceApi';
import * as fixtures from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { EntityInfraComplianceCard } from './EntityInfraComplianceCard';

// The card and the Compliance tab are extensions loaded apart: what both use
// is in ../shared, and the card loads none of the tab's modules.
jest.mock('../EntityInfraComplianceContent', () => {
  throw new Error('The card loaded the Compliance tab');
});
jest.mock('../EntityInfraComplianceContent/useScanRunner', () => {
  throw new Error("The card loaded the Compliance tab's scan runner");
});

describe('EntityInfraComplianceCard, apart from the Compliance tab', () => {
  it('says a scan is under way without loading the Compliance tab', async () => {
    const api = apiWithScanUnderWay({ status: 'queued' });
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect((await within(card).findByRole('note')).textContent).toMatch(
      /^Scan queued\. These results are from the scan of /,
    );
  });
});
