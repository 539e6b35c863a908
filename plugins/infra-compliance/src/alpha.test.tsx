import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { FakeInfraComplianceApi } from './__testUtils__/FakeInfraComplianceApi';
import * as fixtures from './__testUtils__/fixtures';
import { infraComplianceApiRef } from './api';
import infraCompliancePlugin from './alpha';

describe('infra-compliance (new frontend system)', () => {
  const apis = [
    [infraComplianceApiRef, new FakeInfraComplianceApi()],
    [permissionApiRef, mockApis.permission()],
    [scmIntegrationsApiRef, ScmIntegrationsApi.fromConfig(mockApis.config())],
  ] as const;

  it('renders the Compliance entity content for scannable entities only', async () => {
    const tester = createExtensionTester(
      infraCompliancePlugin.getExtension('entity-content:infra-compliance'),
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Compliance',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(fixtures.githubEntity)).toBe(true);
    expect(filter?.(fixtures.groupEntity)).toBe(false);

    renderInTestApp(
      <EntityProvider entity={fixtures.githubEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis },
    );
    expect(await screen.findByText('62 / 100')).toBeInTheDocument();
  });

  it('shows neither the tab nor the card on Group, User or System pages', () => {
    // As the catalog serves them: managed by the file: location they were read from.
    const managed = (kind: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name: 'platform-team',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'file:/repo/examples/org/catalog-info.yaml',
        },
      },
      spec: {},
    });
    const content = createExtensionTester(
      infraCompliancePlugin.getExtension('entity-content:infra-compliance'),
    ).get(EntityContentBlueprint.dataRefs.filterFunction);
    const card = createExtensionTester(
      infraCompliancePlugin.getExtension('entity-card:infra-compliance'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction);
    for (const kind of ['Group', 'User', 'System']) {
      expect(content?.(managed(kind))).toBe(false);
      expect(card?.(managed(kind))).toBe(false);
    }
    expect(content?.(managed('Component'))).toBe(true);
    expect(card?.(managed('Component'))).toBe(true);
  });

  it('mounts the org page at /infra-compliance', () => {
    const tester = createExtensionTester(
      infraCompliancePlugin.getExtension('page:infra-compliance'),
    );
    expect(tester.snapshot()).toMatchObject({ id: 'page:infra-compliance' });
  });

  it('shows the org page under its own header only, not under a second plugin header', async () => {
    // renderTestApp runs the app plugin's page layout, which an app gets.
    renderTestApp({
      features: [infraCompliancePlugin],
      initialRouteEntries: ['/infra-compliance'],
      // As the catalog plugin mounts it; the page links to entities.
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
      apis,
    });
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Infra compliance',
      }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    // Its title and icon still make the nav item.
    expect(screen.getByRole('link', { name: 'Compliance' })).toHaveAttribute(
      'href',
      '/infra-compliance',
    );
  });
});
