import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
} from '@backstage/test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import * as fixtures from '../../__testUtils__/fixtures';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import { InfraComplianceClient } from '../../api';
import { EntityInfraComplianceCard } from '../EntityInfraComplianceCard';
import { EntityInfraComplianceContent } from './EntityInfraComplianceContent';

const BASE = 'http://localhost:7007/api/infra-compliance';
const ENTITY_PATH = `${BASE}/entities/component/default/seed-000-failing`;

/** A backend that takes every request and never answers. */
const silentBackend = http.all(`${BASE}/*`, () => delay('infinite'));

/** A backend that answers the requests of the entity's scorecard. */
const answeringBackend = [
  http.get(`${ENTITY_PATH}/scorecard`, () =>
    HttpResponse.json(fixtures.scorecard),
  ),
  http.get(`${ENTITY_PATH}/history`, () => HttpResponse.json(fixtures.history)),
  http.get(`${BASE}/rules`, () => HttpResponse.json(fixtures.ruleCatalog)),
  http.get(`${ENTITY_PATH}/findings`, () =>
    HttpResponse.json({ items: [], totalCount: 0, limit: 20, offset: 0 }),
  ),
  http.get(`${ENTITY_PATH}/waivers`, () =>
    HttpResponse.json({ items: [], totalCount: 0, limit: 10, offset: 0 }),
  ),
  http.get(`${ENTITY_PATH}/scans`, () =>
    HttpResponse.json({
      items: fixtures.recentScans,
      totalCount: fixtures.recentScans.length,
      limit: 10,
      offset: 0,
    }),
  ),
];

describe('a backend that never answers', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  // The real client, its timeout shortened from 30 seconds.
  const client = () =>
    new InfraComplianceClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: new MockFetchApi(),
      timeoutMs: 200,
    });

  it("ends the Compliance tab's spinner with a message and a Retry that loads it", async () => {
    server.use(silentBackend);
    await renderEntityComponent(<EntityInfraComplianceContent />, {
      entity: fixtures.githubEntity,
      client: client(),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The compliance backend did not answer within 0.2 seconds.',
    );
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();

    server.resetHandlers(...answeringBackend);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('img', { name: 'Grade D' }),
    ).toBeInTheDocument();
    // The history, asked for beside the scorecard, is asked for again too.
    expect(
      await screen.findByTestId('infra-compliance-score-history'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("ends the overview card's spinner with a message and a Retry that loads it", async () => {
    server.use(silentBackend);
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      client: client(),
    });
    const card = screen.getByTestId('infra-compliance-card');
    expect(await within(card).findByRole('alert')).toHaveTextContent(
      'The compliance backend did not answer within 0.2 seconds.',
    );

    server.resetHandlers(...answeringBackend);
    await userEvent.click(within(card).getByRole('button', { name: 'Retry' }));
    expect(await within(card).findByText('62 / 100')).toBeInTheDocument();
  });
});
