import type { Entity } from '@backstage/catalog-model';
import { isInfraComplianceAvailable } from './isInfraComplianceAvailable';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-api', annotations },
});

describe('isInfraComplianceAvailable', () => {
  it('accepts a source location', () => {
    expect(
      isInfraComplianceAvailable(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/orders/tree/main/',
        }),
      ),
    ).toBe(true);
  });

  it('accepts an entity managed by a file: location (local examples)', () => {
    expect(
      isInfraComplianceAvailable(
        entity({
          'backstage.io/managed-by-location':
            'file:/repo/examples/a/catalog-info.yaml',
        }),
      ),
    ).toBe(true);
  });

  it('rejects an entity managed by a url: location without a source location', () => {
    expect(
      isInfraComplianceAvailable(
        entity({
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
        }),
      ),
    ).toBe(false);
  });

  it('rejects the kinds the backend does not scan, even managed by a file: location', () => {
    for (const kind of ['Group', 'User', 'System', 'Location', 'Resource']) {
      expect(
        isInfraComplianceAvailable({
          ...entity({
            'backstage.io/managed-by-location':
              'file:/repo/examples/a/catalog-info.yaml',
            'backstage.io/source-location':
              'url:https://github.com/acme/orders/tree/main/',
          }),
          kind,
        }),
      ).toBe(false);
    }
  });

  it('rejects an entity that opted out', () => {
    expect(
      isInfraComplianceAvailable(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/orders/tree/main/',
          'infra-compliance/skip': ' TRUE ',
        }),
      ),
    ).toBe(false);
  });
});
