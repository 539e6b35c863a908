import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import { breakOpportunities } from '../../__testUtils__/breakOpportunities';
import { renderComplianceTab } from '../../__testUtils__/complianceTab';
import * as fixtures from '../../__testUtils__/fixtures';

/** A CDK construct's logical id, as long as they come. */
const LONG_ID =
  'OrdersServiceOrderHandlerFunctionServiceRoleDefaultPolicy6A4C8E3B';
const FILE = 'cdk.out/OrdersStack.template.json';

describe('WaiversTable', () => {
  it("breaks a waived finding's long resource id and its file, in the table and the revoke dialog", async () => {
    const api = new FakeInfraComplianceApi();
    const [, ofFinding] = structuredClone(fixtures.waivers);
    api.waiverRecords = [
      {
        ...ofFinding,
        finding: { ...ofFinding.finding!, resourceId: LONG_ID, file: FILE },
        revokedAt: undefined,
        revokedBy: undefined,
        active: true,
      },
    ];
    await renderComplianceTab(api);
    const waivers = await screen.findByRole('region', { name: 'Waivers' });
    const cell = await within(waivers).findByRole('cell', {
      name: `DLQ-001 on ${LONG_ID} ${FILE}:42 waived by bob on 2026-11-01`,
    });
    // In one piece, the id widened the table past a 768px page: its
    // reason, status and Revoke out of view.
    expect(breakOpportunities(cell, LONG_ID)).toBeGreaterThan(0);

    await userEvent.click(
      within(waivers).getByRole('button', { name: 'Revoke' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Revoke the waiver of DLQ-001 on ${LONG_ID} (${FILE}:42)?`,
    });
    // In one piece, they ran out of the dialog, cut off at its edge.
    const title = within(dialog).getByRole('heading');
    expect(breakOpportunities(title, LONG_ID)).toBeGreaterThan(0);
    expect(breakOpportunities(title, `${FILE}:42`)).toBeGreaterThan(0);
  });
});
