import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import { renderComplianceTab } from '../../__testUtils__/complianceTab';

/**
 * Past the moment a row's click takes effect: material-table calls
 * onRowClick 200ms after the click, once no second click made it a double one.
 */
const afterRowClick = () =>
  act(() => new Promise(resolve => setTimeout(resolve, 400)));

describe('FindingsTable', () => {
  it("opens a finding's details from its row, not when its link to the source is followed", async () => {
    await renderComplianceTab(new FakeInfraComplianceApi());
    const findings = await screen.findByRole('region', { name: 'Findings' });
    /** Whether the row's details show, as its toggle says. */
    const expanded = () =>
      within(findings)
        .getByRole('button', {
          name: 'Show details of DLQ-001 on DataProcessor',
        })
        .getAttribute('aria-expanded');
    expect(await within(findings).findByText('DLQ-001')).toBeInTheDocument();
    expect(expanded()).toBe('false');
    const source = within(findings).getByRole('link', {
      name: /^template\.yaml:42/,
    });
    expect(source.getAttribute('href')).toMatch(
      /^https:\/\/github\.com\/acme\/seed-000\/.*\/template\.yaml#L42$/,
    );

    // The file opens (in a tab of its own); the row stays as it was.
    await userEvent.click(source);
    await afterRowClick();
    expect(expanded()).toBe('false');
    expect(screen.queryByTestId('infra-compliance-finding-detail')).toBeNull();

    // A click on the row elsewhere opens its details, and the link, followed
    // then, leaves them open.
    await userEvent.click(within(findings).getByText('DLQ-001'));
    await waitFor(() => expect(expanded()).toBe('true'));
    expect(
      await screen.findByTestId('infra-compliance-finding-detail'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(findings).getByRole('link', { name: /^template\.yaml:42/ }),
    );
    await afterRowClick();
    expect(expanded()).toBe('true');
    expect(screen.getByTestId('infra-compliance-finding-detail')).toBeVisible();
  });

  it("leaves a finding's details as they were when text of its row is selected, to copy it, and toggles them by its toggle all the same", async () => {
    await renderComplianceTab(new FakeInfraComplianceApi());
    const findings = await screen.findByRole('region', { name: 'Findings' });
    const toggle = () =>
      within(findings).getByRole('button', {
        name: 'Show details of DLQ-001 on DataProcessor',
      });
    const title = await within(findings).findByText(
      'Asynchronously invoked function without a dead-letter queue',
    );
    /** Drags over the rule's title, which selects it, as a user copying it. */
    const selectTitle = async () => {
      await userEvent.pointer([
        { keys: '[MouseLeft>]', target: title, offset: 0 },
        { offset: title.textContent!.length },
        { keys: '[/MouseLeft]' },
      ]);
      expect(String(document.getSelection())).toBe(title.textContent);
    };

    await selectTitle();
    await afterRowClick();
    expect(toggle()).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByTestId('infra-compliance-finding-detail')).toBeNull();

    // A click on the row (no text selected once it is pressed) opens them.
    await userEvent.click(title);
    await waitFor(() =>
      expect(toggle()).toHaveAttribute('aria-expanded', 'true'),
    );
    await selectTitle();
    await afterRowClick();
    expect(toggle()).toHaveAttribute('aria-expanded', 'true');

    // The toggle closes them, over the text still selected: a browser
    // keeps the selection on a click on a button (MUI's are user-select:
    // none), which user-event's click clears.
    fireEvent.click(toggle());
    expect(String(document.getSelection())).toBe(title.textContent);
    await waitFor(() =>
      expect(toggle()).toHaveAttribute('aria-expanded', 'false'),
    );
  });
});
