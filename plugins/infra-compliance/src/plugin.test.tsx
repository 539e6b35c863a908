import { screen } from '@testing-library/react';
import * as fixtures from './__testUtils__/fixtures';
import { renderEntityComponent } from './__testUtils__/renderEntityComponent';
import { EntityInfraComplianceContent, infraCompliancePlugin } from './plugin';
import { infraComplianceApiRef } from './api';

describe('infraCompliancePlugin (legacy frontend system)', () => {
  it('provides the API client', () => {
    expect(
      [...infraCompliancePlugin.getApis()].map(factory => factory.api.id),
    ).toEqual([infraComplianceApiRef.id]);
  });

  it('renders the Compliance tab extension', async () => {
    await renderEntityComponent(<EntityInfraComplianceContent />, {
      entity: fixtures.githubEntity,
    });
    expect(await screen.findByText('62 / 100')).toBeInTheDocument();
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
  });
});
