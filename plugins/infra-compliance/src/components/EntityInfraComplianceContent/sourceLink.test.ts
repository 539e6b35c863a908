import { Entity } from '@backstage/catalog-model';
import { ScmIntegrationsApi } from '@backstage/integration-react';
import { mockApis } from '@backstage/test-utils';
import * as fixtures from '../../__testUtils__/fixtures';
import { scannedLocation, sourceFileUrl } from './sourceLink';

/** Backstage's SCM integrations as an app without integrations config has them: github.com, gitlab.com and dev.azure.com among them. */
const scmIntegrations = ScmIntegrationsApi.fromConfig(
  mockApis.config({ data: {} }),
);

function located(sourceLocation?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'orders',
      annotations: sourceLocation
        ? { 'backstage.io/source-location': sourceLocation }
        : {},
    },
  };
}

describe('sourceFileUrl', () => {
  const finding = { file: 'infra/template.yaml', line: 42 };

  it.each([
    'url:https://github.com/acme/mono/tree/main/services/orders/',
    'url:https://github.com/acme/mono/tree/main/services/orders',
  ])('links into the folder the source location names (%s)', location => {
    expect(sourceFileUrl(location, scmIntegrations, finding)).toBe(
      'https://github.com/acme/mono/tree/main/services/orders/infra/template.yaml#L42',
    );
  });

  // The scan read the default branch: a link names it as HEAD.
  it.each([
    [
      'url:https://github.com/acme/mono',
      'https://github.com/acme/mono/tree/HEAD/infra/template.yaml#L42',
    ],
    [
      'url:https://github.com/acme/mono/',
      'https://github.com/acme/mono/tree/HEAD/infra/template.yaml#L42',
    ],
    [
      'url:https://gitlab.com/acme/platform/mono',
      'https://gitlab.com/acme/platform/mono/-/tree/HEAD/infra/template.yaml#L42',
    ],
    // Older GitLab links name the branch without `/-/`: kept as they are.
    [
      'url:https://gitlab.com/acme/mono/tree/main/services',
      'https://gitlab.com/acme/mono/tree/main/services/infra/template.yaml#L42',
    ],
  ])(
    'links into the default branch of a location that names only the repository (%s)',
    (location, url) => {
      expect(sourceFileUrl(location, scmIntegrations, finding)).toBe(url);
    },
  );

  it('keeps the query that names the branch after the folder', () => {
    expect(
      sourceFileUrl(
        'url:https://bitbucket.example.com/projects/P/repos/r/browse/services/orders?at=refs%2Fheads%2Fmain',
        scmIntegrations,
        finding,
      ),
    ).toBe(
      'https://bitbucket.example.com/projects/P/repos/r/browse/services/orders/infra/template.yaml?at=refs%2Fheads%2Fmain#L42',
    );
  });

  // The folder is named in the query, with or without its trailing slash.
  it.each([
    'url:https://dev.azure.com/acme/mono/_git/mono?path=/services/orders&version=GBmain',
    'url:https://dev.azure.com/acme/mono/_git/mono?path=/services/orders/&version=GBmain',
  ])(
    'links into the folder of an Azure DevOps source location (%s)',
    location => {
      expect(sourceFileUrl(location, scmIntegrations, finding)).toBe(
        'https://dev.azure.com/acme/mono/_git/mono?version=GBmain&path=%2Fservices%2Forders%2Finfra%2Ftemplate.yaml&line=42&lineEnd=43&lineStartColumn=1&lineEndColumn=1',
      );
    },
  );

  // Each a file's name, not the start of a fragment, a query, an escape or a scheme.
  const oddFile = { file: 'infra/a #1?b=%41 c/x:y.yaml', line: 7 };
  const oddPath = 'infra/a%20%231%3Fb%3D%2541%20c/x%3Ay.yaml';

  it.each([
    [
      'url:https://github.com/acme/mono/tree/main/services/orders/',
      `https://github.com/acme/mono/tree/main/services/orders/${oddPath}#L7`,
    ],
    [
      'url:https://gitlab.com/acme/mono/-/tree/main/services/orders',
      `https://gitlab.com/acme/mono/-/tree/main/services/orders/${oddPath}#L7`,
    ],
    [
      'url:https://gitlab.com/acme/mono/-/tree/release/services/orders?ref_type=heads',
      `https://gitlab.com/acme/mono/-/tree/release/services/orders/${oddPath}?ref_type=heads#L7`,
    ],
  ])(
    'links to a file whose name holds #, ?, %, : or a space (%s)',
    (location, url) => {
      expect(sourceFileUrl(location, scmIntegrations, oddFile)).toBe(url);
      // The path the link opens is the file's.
      const { pathname } = new URL(url);
      expect(decodeURIComponent(pathname)).toMatch(
        /\/a #1\?b=%41 c\/x:y\.yaml$/,
      );
    },
  );

  it('names a file whose name holds #, ?, %, : or a space in the query of an Azure DevOps link, encoded once', () => {
    const url = sourceFileUrl(
      'url:https://dev.azure.com/acme/mono/_git/mono?path=/services/orders',
      scmIntegrations,
      oddFile,
    );
    expect(new URL(url!).searchParams.get('path')).toBe(
      '/services/orders/infra/a #1?b=%41 c/x:y.yaml',
    );
  });

  it('links to a file whose first name holds a colon, not to its name as a URL', () => {
    expect(
      sourceFileUrl(
        'url:https://github.com/acme/mono/tree/main/',
        scmIntegrations,
        { file: 'c:x.yaml' },
      ),
    ).toBe('https://github.com/acme/mono/tree/main/c%3Ax.yaml');
  });

  it('has no link for a local folder, which a browser cannot open', () => {
    expect(
      sourceFileUrl('dir:./services/orders', scmIntegrations, finding),
    ).toBeUndefined();
    expect(sourceFileUrl(undefined, scmIntegrations, finding)).toBeUndefined();
  });
});

describe('scannedLocation', () => {
  const moved = located('url:https://github.com/acme/moved/tree/next/');

  it('is the location the scan read, though the entity has moved since', () => {
    expect(scannedLocation(fixtures.succeededScan, moved)).toBe(
      'url:https://github.com/acme/seed-000/tree/main/',
    );
  });

  it("is the entity's for a scan recorded without it", () => {
    const { source: _, ...withoutSource } = fixtures.succeededScan;
    expect(scannedLocation(withoutSource, moved)).toBe(
      'url:https://github.com/acme/moved/tree/next/',
    );
    expect(scannedLocation(undefined, located())).toBeUndefined();
  });
});
