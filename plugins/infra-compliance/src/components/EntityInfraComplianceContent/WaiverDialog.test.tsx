import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getContrastRatio, ThemeProvider } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import { breakOpportunities } from '../../__testUtils__/breakOpportunities';
import { renderComplianceTab } from '../../__testUtils__/complianceTab';
import * as fixtures from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { ruleValues } from '../../__testUtils__/styleRules';
import { opaqueOn } from '../shared/readableText';
import { EntityInfraComplianceContent } from './EntityInfraComplianceContent';

/** Opens the waiver dialog of the tab's DataProcessor finding. */
async function openWaiverDialog(): Promise<HTMLElement> {
  await userEvent.click(
    await screen.findByRole('button', {
      name: /^Show details of \S+ on DataProcessor$/,
    }),
  );
  await userEvent.click(
    await screen.findByRole('button', { name: 'Waive this finding' }),
  );
  return screen.findByRole('dialog');
}

/** A click beside the dialog, on the dimmed page around it. */
async function clickBesideDialog(dialog: HTMLElement): Promise<void> {
  // MUI closes the dialog on a click that starts and ends on its container,
  // the area around the dialog's paper.
  const container = dialog.closest<HTMLElement>('[class*=MuiDialog-container]');
  await userEvent.click(container!);
}

describe('WaiverDialog', () => {
  it('stays open with what was entered when a click lands beside it', async () => {
    const api = new FakeInfraComplianceApi();
    await renderComplianceTab(api);
    const dialog = await openWaiverDialog();
    const reason = 'Replayed from the source system, see SEC-1234';
    await userEvent.type(within(dialog).getByLabelText(/Reason/), reason);
    await userEvent.click(
      within(dialog).getByRole('radio', { name: /^Every DLQ-001 finding/ }),
    );
    await userEvent.type(
      within(dialog).getByLabelText('Expires on'),
      '2099-01-31',
    );

    await clickBesideDialog(dialog);

    // Still open, nothing lost: the reason, the scope and the day.
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(within(dialog).getByLabelText(/Reason/)).toHaveValue(reason);
    expect(
      within(dialog).getByRole('radio', { name: /^Every DLQ-001 finding/ }),
    ).toBeChecked();
    expect(within(dialog).getByLabelText('Expires on')).toHaveValue(
      '2099-01-31',
    );
    // And the waiver is made as entered.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create waiver' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.waivers).toEqual([
      { ruleId: 'DLQ-001', reason, expiresAt: '2099-01-31T23:59:59.999Z' },
    ]);
  });

  it('closes on a click beside it while nothing is entered, and on Escape or Cancel once something is', async () => {
    const api = new FakeInfraComplianceApi();
    await renderComplianceTab(api);

    await clickBesideDialog(await openWaiverDialog());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    let dialog = await openWaiverDialog();
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'Accepted');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    dialog = await openWaiverDialog();
    // Opened anew: Escape and Cancel discard what was entered.
    expect(within(dialog).getByLabelText(/Reason/)).toHaveValue('');
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'Accepted');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.waivers).toEqual([]);
  });

  it("breaks the finding's long resource id in its title and its file in its choice", async () => {
    const api = new FakeInfraComplianceApi();
    // A CDK construct's logical id, as long as they come.
    const id =
      'OrdersServiceOrderHandlerFunctionServiceRoleDefaultPolicy6A4C8E3B';
    const file = 'cdk.out/OrdersStack.template.json';
    api.findings = [
      {
        ...fixtures.findings[0],
        resourceId: id,
        file,
        resourceType: 'AWS::IAM::Policy',
      },
    ];
    await renderComplianceTab(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: `Show details of DLQ-001 on ${id}`,
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Waive this finding' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Waive DLQ-001 on ${id}`,
    });
    // In one piece, the id ran out of the dialog, cut off at its edge.
    expect(
      breakOpportunities(within(dialog).getByRole('heading'), id),
    ).toBeGreaterThan(0);
    const thisFinding = within(dialog).getByRole('radio', {
      name: `This finding (${file}:42)`,
    });
    expect(
      breakOpportunities(thisFinding.closest('label')!, `${file}:42`),
    ).toBeGreaterThan(0);
  });

  it.each([
    ['light', lightTheme],
    ['dark', darkTheme],
  ])(
    'says what is wrong with the expiry day in a red that reads on the dialog, in the %s theme',
    async (_name, theme) => {
      await renderEntityComponent(
        <ThemeProvider theme={theme}>
          <EntityInfraComplianceContent />
        </ThemeProvider>,
        { entity: fixtures.githubEntity },
      );
      const dialog = await openWaiverDialog();
      const expiresOn = within(dialog).getByLabelText('Expires on');
      await userEvent.type(expiresOn, '2020-01-31');
      expect(expiresOn).toHaveAccessibleDescription(
        /^Choose \d{4}-\d\d-\d\d or a later day\.$/,
      );
      const paper = theme.palette.background.paper;
      const message = within(dialog).getByText(/^Choose .* or a later day\.$/);
      const label = within(dialog).getByText('Expires on', {
        selector: 'label',
      });
      for (const text of [message, label]) {
        // The last rule is the one shown: it adds an element to the two
        // classes of MUI's error colour.
        const colour = ruleValues(text, 'color').at(-1)!;
        // WCAG AA: the theme's main red was 3.7:1 on the light paper, 2.7:1
        // on the dark one.
        expect(
          getContrastRatio(opaqueOn(colour, paper), paper),
        ).toBeGreaterThanOrEqual(4.5);
      }
    },
  );
});
