import { useState } from 'react';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getRuleMetadata } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { infraComplianceApiRef } from '../../api';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import * as fixtures from '../../__testUtils__/fixtures';
import { RuleCatalogProvider, useRuleCatalog } from './useRuleCatalog';

/** The backend's words for DLQ-001, not the bundled catalog's. */
const BACKEND_TITLE = 'Dead-letter queue missing (backend)';

function RuleTitle(props: { testId: string }) {
  const title = useRuleCatalog().getRule('DLQ-001')?.title;
  return <span data-testid={props.testId}>{title}</span>;
}

function backendApi() {
  const api = new FakeInfraComplianceApi();
  api.rules = {
    ...fixtures.ruleCatalog,
    items: fixtures.ruleCatalog.items.map(rule =>
      rule.id === 'DLQ-001' ? { ...rule, title: BACKEND_TITLE } : rule,
    ),
  };
  return api;
}

describe('useRuleCatalog', () => {
  it('asks once for a page and a card mounted at the same time, both showing the answer', async () => {
    const api = backendApi();
    const listRules = jest.spyOn(api, 'listRules');
    await renderInTestApp(
      <TestApiProvider apis={[[infraComplianceApiRef, api]]}>
        <RuleCatalogProvider>
          <RuleTitle testId="page" />
          <RuleTitle testId="panel" />
        </RuleCatalogProvider>
        <RuleTitle testId="card" />
      </TestApiProvider>,
    );
    for (const testId of ['page', 'panel', 'card']) {
      expect(await screen.findByTestId(testId)).toHaveTextContent(
        BACKEND_TITLE,
      );
    }
    expect(listRules).toHaveBeenCalledTimes(1);
  });

  it('asks again for a card mounted after a failed request, and shows the answer', async () => {
    const api = backendApi();
    const listRules = jest
      .spyOn(api, 'listRules')
      .mockRejectedValueOnce(new Error('rules unavailable'));
    function PageThenCard() {
      const [card, setCard] = useState(false);
      return (
        <>
          <RuleCatalogProvider>
            <RuleTitle testId="page" />
          </RuleCatalogProvider>
          {card && <RuleTitle testId="card" />}
          <button onClick={() => setCard(true)}>Mount the card</button>
        </>
      );
    }
    await renderInTestApp(
      <TestApiProvider apis={[[infraComplianceApiRef, api]]}>
        <PageThenCard />
      </TestApiProvider>,
    );
    const bundledTitle = getRuleMetadata('DLQ-001')!.title;
    expect(await screen.findByTestId('page')).toHaveTextContent(bundledTitle);
    // The failure is in.
    await act(async () => {});
    expect(listRules).toHaveBeenCalledTimes(1);

    await userEvent.click(
      screen.getByRole('button', { name: 'Mount the card' }),
    );
    expect(await screen.findByTestId('card')).toHaveTextContent(BACKEND_TITLE);
    // The page keeps the bundled catalog until it mounts again.
    expect(screen.getByTestId('page')).toHaveTextContent(bundledTitle);
    expect(listRules).toHaveBeenCalledTimes(2);
  });
});
