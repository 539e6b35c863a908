import { Entity } from '@backstage/catalog-model';
import type { scmIntegrationsApiRef } from '@backstage/integration-react';
import { sourceFileUrl } from './sourceLink';

/** Resolves as Backstage's SCM integrations do by default: a relative URL against its base, keeping the base's query. */
const scmIntegrations = {
  resolveUrl: ({ url, base, lineNumber }) => {
    const resolved = new URL(url, base);
    resolved.search = new URL(base).search;
    if (lineNumber) resolved.hash = `L${lineNumber}`;
    return resolved.toString();
  },
} as Partial<typeof scmIntegrationsApiRef.T> as typeof scmIntegrationsApiRef.T;

function located(sourceLocation: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'orders',
      annotations: { 'backstage.io/source-location': sourceLocation },
    },
  };
}

describe('sourceFileUrl', () => {
  const finding = { file: 'infra/template.yaml', line: 42 };

  it.each([
    'url:https://github.com/acme/mono/tree/main/services/orders/',
    'url:https://github.com/acme/mono/tree/main/services/orders',
  ])('links into the folder the source location names (%s)', location => {
    expect(sourceFileUrl(located(location), scmIntegrations, finding)).toBe(
      'https://github.com/acme/mono/tree/main/services/orders/infra/template.yaml#L42',
    );
  });

  it('keeps the query that names the branch after the folder', () => {
    expect(
      sourceFileUrl(
        located(
          'url:https://bitbucket.example.com/projects/P/repos/r/browse/services/orders?at=refs%2Fheads%2Fmain',
        ),
        scmIntegrations,
        finding,
      ),
    ).toBe(
      'https://bitbucket.example.com/projects/P/repos/r/browse/services/orders/infra/template.yaml?at=refs%2Fheads%2Fmain#L42',
    );
  });

  it('has no link for a local folder, which a browser cannot open', () => {
    expect(
      sourceFileUrl(located('dir:./services/orders'), scmIntegrations, finding),
    ).toBeUndefined();
  });
});
