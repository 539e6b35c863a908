import { act, render } from '@testing-library/react';
import { MemoryRouter, NavigateFunction, useNavigate } from 'react-router-dom';
import { renderInTestApp } from '@backstage/test-utils';
import {
  currentAddress,
  CurrentAddress,
} from '../../__testUtils__/currentAddress';
import { useQueryFilters } from './useQueryFilters';

type Setter = ReturnType<typeof useQueryFilters>[1];

/** The organisation page's two sets of filters: the services' rule under its bare name, the teams' page under `teams.`. */
const SERVICE_DEFAULTS = { rule: '' };
const TEAM_DEFAULTS = { page: '1' };
const TEAM_PARAMS = { prefix: 'teams.', unprefixed: [] };

function readServices(query: URLSearchParams) {
  return { rule: query.get('rule') ?? '' };
}

function readTeams(query: URLSearchParams) {
  return { page: query.get('page') ?? '1' };
}

/** The page's setters and its router's navigate, for changes made together, before the page renders. */
interface PageControls {
  services: Setter;
  teams: Setter;
  navigate: NavigateFunction;
}

function ServiceFilters(props: { controls: Partial<PageControls> }) {
  props.controls.services = useQueryFilters(SERVICE_DEFAULTS, readServices)[1];
  return null;
}

function TeamFilters(props: { controls: Partial<PageControls> }) {
  props.controls.teams = useQueryFilters(
    TEAM_DEFAULTS,
    readTeams,
    TEAM_PARAMS,
  )[1];
  return null;
}

function Navigation(props: { controls: Partial<PageControls> }) {
  props.controls.navigate = useNavigate();
  return null;
}

/** Both sets of filters under the test app's router, at `address`. */
async function renderPage(address: string): Promise<PageControls> {
  const controls: Partial<PageControls> = {};
  await renderInTestApp(
    <>
      <ServiceFilters controls={controls} />
      <TeamFilters controls={controls} />
      <Navigation controls={controls} />
      <CurrentAddress />
    </>,
    { routeEntries: [address] },
  );
  return controls as PageControls;
}

describe('useQueryFilters', () => {
  it("keeps one set's change made before the page renders another's", async () => {
    const page = await renderPage('/infra-compliance');
    act(() => {
      page.services({ rule: 'DLQ-001' });
      page.teams({ page: '2' });
    });
    expect(currentAddress()).toBe(
      '/infra-compliance?rule=DLQ-001&teams.page=2',
    );
  });

  it('leaves out a change another navigation overtook before the page rendered it', async () => {
    const page = await renderPage('/infra-compliance');
    act(() => {
      page.services({ rule: 'DLQ-001' });
      // The page's own address again, as a link to it takes the user there.
      page.navigate('/infra-compliance');
    });
    expect(currentAddress()).toBe('/infra-compliance');
    act(() => page.teams({ page: '2' }));
    expect(currentAddress()).toBe('/infra-compliance?teams.page=2');
  });

  it("writes each router's filters to its own address", () => {
    const first: Partial<PageControls> = {};
    const second: Partial<PageControls> = {};
    const { getAllByTestId } = render(
      <>
        <MemoryRouter initialEntries={['/infra-compliance']}>
          <ServiceFilters controls={first} />
          <CurrentAddress />
        </MemoryRouter>
        <MemoryRouter initialEntries={['/infra-compliance']}>
          <TeamFilters controls={second} />
          <CurrentAddress />
        </MemoryRouter>
      </>,
    );
    act(() => {
      first.services!({ rule: 'DLQ-001' });
      second.teams!({ page: '2' });
    });
    expect(
      getAllByTestId('current-address').map(address => address.textContent),
    ).toEqual([
      '/infra-compliance?rule=DLQ-001',
      '/infra-compliance?teams.page=2',
    ]);
  });
});
