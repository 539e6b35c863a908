import {
  getAzureCommitsUrl,
  getAzureDownloadUrl,
} from '@backstage/integration';
import { componentEntity } from '../__testUtils__/fixtures';
import {
  locationWithoutCredentials,
  parsePathsAnnotation,
  resolveEntity,
  shardOf,
  textWithoutLocationCredentials,
} from './targets';

describe('resolveEntity', () => {
  it('scans the directory of a file: managed-by location when there is no source location', () => {
    const resolved = resolveEntity(
      componentEntity('orders', { dir: '/repos/orders', system: 'shop' }),
    );
    expect(resolved.target).toEqual({
      type: 'dir',
      path: '/repos/orders',
      location: '.',
      boundary: '/repos/orders',
      include: [],
    });
    expect(resolved.info).toMatchObject({
      entityRef: 'component:default/orders',
      ownerRef: 'group:default/team-a',
      systemRef: 'system:default/shop',
      lifecycle: 'production',
      scannable: true,
      sourceType: 'dir',
      // The folder as `dir:.` names it, not the backend's disk path.
      sourceTarget: '.',
    });
  });

  it('resolves dir: and file: source locations relative to the managed-by file', () => {
    const dir = (target: string) =>
      resolveEntity(
        componentEntity('orders', {
          dir: '/repos/orders',
          annotations: { 'backstage.io/source-location': target },
        }),
      );
    expect(dir('dir:.').target).toMatchObject({
      type: 'dir',
      path: '/repos/orders',
    });
    expect(dir('dir:./').target).toMatchObject({
      type: 'dir',
      path: '/repos/orders',
    });
    expect(dir('dir:infra').target).toMatchObject({
      type: 'dir',
      path: '/repos/orders/infra',
      location: 'infra',
    });
    // Recorded as the catalog writes it, not as resolved on the disk.
    expect(dir('dir:infra').info).toMatchObject({
      sourceType: 'dir',
      sourceTarget: 'infra',
    });
    expect(dir('file:./template.yaml').info).toMatchObject({
      sourceType: 'file',
      sourceTarget: './template.yaml',
    });
    expect(dir('file:./template.yaml').target).toMatchObject({
      type: 'file',
      path: '/repos/orders/template.yaml',
    });
    expect(dir('dir:/repos/orders/infra').target).toMatchObject({
      path: '/repos/orders/infra',
    });
    // A folder whose name starts with `..` is in it.
    expect(dir('dir:..config').target).toMatchObject({
      type: 'dir',
      path: '/repos/orders/..config',
    });
    expect(dir('file:./..hidden/template.yaml').target).toMatchObject({
      type: 'file',
      path: '/repos/orders/..hidden/template.yaml',
    });
    expect(dir('dir:../other').info.unscannableReason).toMatch(
      /must not contain "\.\."/,
    );
    expect(dir('dir:/etc').info.unscannableReason).toMatch(
      /leaves the directory/,
    );
  });

  it('reads url: source locations with the UrlReader', () => {
    const resolved = resolveEntity(
      componentEntity('orders', {
        annotations: {
          'backstage.io/source-location':
            'url:https://github.com/org/orders/tree/main/',
          'infra-compliance/paths': 'infra/**, deploy/*.yaml',
        },
      }),
    );
    expect(resolved.target).toEqual({
      type: 'url',
      url: 'https://github.com/org/orders/tree/main/',
      location: 'https://github.com/org/orders/tree/main/',
      include: ['infra/**', 'deploy/*.yaml'],
    });
  });

  it("has Backstage's Azure reader read a branch with a `+` in a location's `version` as a plus, not a space", () => {
    const location =
      'https://dev.azure.com/acme/shop/_git/orders?path=/my+app&version=GBrelease+2026';
    const resolved = resolveEntity(
      componentEntity('orders', {
        annotations: { 'backstage.io/source-location': `url:${location}` },
      }),
    );
    expect(resolved.info.sourceTarget).toBe(location);
    const url = (resolved.target as { url: string }).url;
    // The requests of the reader's readTree: the branch's last commit, its archive.
    expect(
      new URL(getAzureCommitsUrl(url)).searchParams.get(
        'searchCriteria.itemVersion.version',
      ),
    ).toBe('release+2026');
    const download = new URL(getAzureDownloadUrl(url)).searchParams;
    expect(download.get('version')).toBe('release+2026');
    // The folder as the reader reads it, as before.
    expect(download.get('scopePath')).toBe('/my app');
    // Other URLs as they are.
    for (const other of [
      'https://dev.azure.com/acme/shop/_git/orders?version=GBrelease%2B2026',
      'https://github.com/org/orders/tree/a+b/',
    ])
      expect(
        (
          resolveEntity(
            componentEntity('orders', {
              annotations: { 'backstage.io/source-location': `url:${other}` },
            }),
          ).target as { url: string }
        ).url,
      ).toBe(other);
  });

  it('says why an entity cannot be scanned', () => {
    expect(resolveEntity(componentEntity('a')).info).toMatchObject({
      scannable: false,
      unscannableReason: expect.stringMatching(
        /No backstage.io\/source-location/,
      ),
    });
    expect(
      resolveEntity(
        componentEntity('b', {
          dir: '/repos/b',
          annotations: { 'infra-compliance/skip': 'true' },
        }),
      ).info.unscannableReason,
    ).toMatch(/Opted out/);
    expect(
      resolveEntity(
        componentEntity('c', {
          annotations: { 'backstage.io/source-location': 'dir:.' },
        }),
      ).info.unscannableReason,
    ).toMatch(/needs a file: managed-by location/);
    expect(
      resolveEntity(
        componentEntity('d', {
          annotations: { 'backstage.io/source-location': 'url:ftp://x/y' },
        }),
      ).info.unscannableReason,
    ).toMatch(/Unsupported/);
    // Quoted without the credentials written into it.
    expect(
      resolveEntity(
        componentEntity('f', {
          annotations: {
            'backstage.io/source-location':
              'url:https://user:secret@git.example.com:99999/x',
          },
        }),
      ).info.unscannableReason,
    ).toBe(
      'Invalid backstage.io/source-location URL "https://git.example.com:99999/x"',
    );
    // A URL without its url: prefix, which the catalog's error quotes too.
    expect(
      resolveEntity(
        componentEntity('g', {
          annotations: {
            'backstage.io/source-location':
              'https://user:secret@git.example.com/x?token=secret',
          },
        }),
      ).info.unscannableReason,
    ).toBe(
      `Invalid backstage.io/source-location "https://git.example.com/x": Invalid location ref 'https://git.example.com/x', please prefix it with 'url:', e.g. 'url:https://git.example.com/x'`,
    );
    expect(
      resolveEntity(
        componentEntity('e', {
          dir: '/r/e',
          annotations: { 'infra-compliance/paths': '../x/**' },
        }),
      ).info.unscannableReason,
    ).toMatch(/must be relative/);
  });

  it('parses the paths annotation', () => {
    expect(parsePathsAnnotation(undefined)).toEqual([]);
    expect(parsePathsAnnotation(' a/** ,, b/*.yaml ')).toEqual([
      'a/**',
      'b/*.yaml',
    ]);
  });
});

describe('locationWithoutCredentials', () => {
  it("leaves out a URL's user and password, whichever it holds", () => {
    expect(
      locationWithoutCredentials(
        'https://x-access-token:secret@github.com/acme/orders/tree/main/',
      ),
    ).toBe('https://github.com/acme/orders/tree/main/');
    expect(
      locationWithoutCredentials('https://deploy@git.example.com/acme/orders'),
    ).toBe('https://git.example.com/acme/orders');
    expect(
      locationWithoutCredentials(
        'https://:secret@dev.azure.com/acme/shop/_git/orders?path=/infra&version=GBrelease+2026',
      ),
    ).toBe(
      'https://dev.azure.com/acme/shop/_git/orders?path=/infra&version=GBrelease+2026',
    );
    // An `@` of the password, and the rest as the catalog writes it (not as a URL parser would write it again).
    expect(
      locationWithoutCredentials(
        'https://user:pa@ss@dev.azure.com/Acme/shop/_git/orders?path=/my app&version=GBrelease+2026#x',
      ),
    ).toBe(
      'https://dev.azure.com/Acme/shop/_git/orders?path=/my app&version=GBrelease+2026#x',
    );
    // An invalid URL (the port) is quoted in why the entity cannot be scanned.
    expect(
      locationWithoutCredentials('https://user:secret@git.example.com:99999/x'),
    ).toBe('https://git.example.com:99999/x');
  });

  it('leaves out a token in the query, whichever host names it so', () => {
    expect(
      locationWithoutCredentials(
        'https://gitlab.example.com/acme/orders/-/tree/main/infra?private_token=glpat-secret',
      ),
    ).toBe('https://gitlab.example.com/acme/orders/-/tree/main/infra');
    expect(
      locationWithoutCredentials(
        'https://dev.azure.com/acme/shop/_git/orders?Token=secret&path=/my app&access_token=secret&version=GBrelease+2026#x',
      ),
    ).toBe(
      'https://dev.azure.com/acme/shop/_git/orders?path=/my app&version=GBrelease+2026#x',
    );
    expect(
      locationWithoutCredentials(
        'https://acme.blob.core.windows.net/infra/orders?sv=2024-11-04&sig=c2VjcmV0',
      ),
    ).toBe('https://acme.blob.core.windows.net/infra/orders?sv=2024-11-04');
  });

  it('leaves out a key, a password, a secret or a signature in the query, however its name is written', () => {
    const secretNames = [
      'key',
      'api_key',
      'apiKey',
      'API-KEY',
      'x-api-key',
      'subscription-key',
      'access_key',
      'AWSAccessKeyId',
      'GoogleAccessId',
      'secret',
      'client_secret',
      'SecretKey',
      'password',
      'db_password',
      'passwd',
      'pass',
      'pwd',
      'auth',
      'oauth',
      'authorization',
      'code',
      'signature',
      'Signature',
      'X-Amz-Signature',
      'X-Amz-Security-Token',
      'X-Amz-Credential',
      'X-Goog-Signature',
      'X-Goog-Credential',
      'auth_token',
      'id_token',
      'refresh_token',
      'apitoken',
      'sig',
      // Percent-encoded: `private_token`.
      'private%5Ftoken',
    ];
    for (const name of secretNames)
      expect(
        locationWithoutCredentials(
          `https://git.example.com/acme/orders?ref=main&${name}=s3cr3t&path=infra`,
        ),
      ).toBe('https://git.example.com/acme/orders?ref=main&path=infra');
    // The rest of a signed URL, which says nothing secret.
    expect(
      locationWithoutCredentials(
        'https://acme.s3.amazonaws.com/infra.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20260101&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=abc',
      ),
    ).toBe(
      'https://acme.s3.amazonaws.com/infra.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host',
    );
  });

  it("leaves out a token in the fragment, as an OAuth implicit flow's redirect holds it, and one after a semicolon, which an older form separates parameters with", () => {
    expect(
      locationWithoutCredentials(
        'https://git.example.com/acme/orders#access_token=s3cr3t&token_type=bearer',
      ),
    ).toBe('https://git.example.com/acme/orders#token_type=bearer');
    expect(
      locationWithoutCredentials(
        'https://git.example.com/acme/orders?ref=main#token=s3cr3t',
      ),
    ).toBe('https://git.example.com/acme/orders?ref=main');
    expect(
      locationWithoutCredentials(
        'https://git.example.com/acme/orders?ref=main;token=s3cr3t&path=infra;api_key=s3cr3t',
      ),
    ).toBe('https://git.example.com/acme/orders?ref=main&path=infra');
    expect(
      locationWithoutCredentials(
        'https://git.example.com/acme/orders?token=s3cr3t;ref=main#L10;id_token=s3cr3t',
      ),
    ).toBe('https://git.example.com/acme/orders?ref=main#L10');
  });

  it('gives any other location as it is written', () => {
    for (const target of [
      'https://dev.azure.com/acme/shop/_git/orders?path=/my app&version=GBrelease+2026',
      'https://github.com/acme/orders',
      'https://github.com/acme/orders/tree/main/me@work?tokens=1&a=token',
      // The parameters of the hosts' own locations.
      'https://gitlab.com/acme/orders/-/tree/main/infra?ref_type=heads',
      'https://gitlab.com/acme/orders/-/jobs/artifacts/main/raw/infra.zip?job=build',
      'https://bitbucket.org/acme/orders/src/main/infra/?at=main',
      'https://bitbucket.example.com/projects/ACME/repos/orders/browse/infra?at=refs%2Fheads%2Fmain',
      'https://dev.azure.com/acme/shop/_git/orders?path=/infra&version=GBmain&_a=contents',
      'https://github.com/acme/orders/blob/main/infra/template.yaml?plain=1',
      // A fragment's anchors, named as a parameter or not.
      'https://github.com/acme/orders/blob/main/infra/template.yaml#L10-L20',
      'https://git.example.com/acme/orders#code',
      'https://git.example.com/acme/orders?ref=main;path=infra#section=token',
      'https://git.example.com/acme/orders?#',
      'https://git.example.com/acme/orders?ref=main&branch=main&sha=abc&at=main&version=2&path=infra',
      'https://acme.blob.core.windows.net/infra/orders?sv=2024-11-04&se=2026-01-01&sp=r&sr=c&spr=https',
      'https://storage.googleapis.com/acme/infra.zip?Expires=1767225600',
      'git+ssh://git.example.com:acme/orders',
      '/repos/orders/infra',
      '/repos/orders/infra?token=1',
      'C:\\repos\\me@work\\infra',
      'not a URL',
    ])
      expect(locationWithoutCredentials(target)).toBe(target);
  });
});

describe('textWithoutLocationCredentials', () => {
  it('leaves them out of the location as written and as the reader is handed it (an Azure DevOps version with a + as %2B)', () => {
    const location =
      'https://user:s3cr3t@dev.azure.com/acme/shop/_git/orders?path=/infra&version=GBrelease+2026';
    const withoutCredentials =
      'https://dev.azure.com/acme/shop/_git/orders?path=/infra&version=GBrelease+2026';
    expect(
      textWithoutLocationCredentials(
        `Reading from '${location.replace(
          '+',
          '%2B',
        )}' failed; location ${location}`,
        location,
      ),
    ).toBe(
      `Reading from '${withoutCredentials.replace(
        '+',
        '%2B',
      )}' failed; location ${withoutCredentials}`,
    );
  });

  it('leaves them out of any other URL the text quotes, as a reader rewrites the location (GitLab, in its API form)', () => {
    const location =
      'https://deploy:glpat-s3cr3t@GitLab.example.com/acme/orders/-/blob/main/infra/main.tf?private_token=glpat-s3cr3t';
    // GitLab's reader quotes the URL it fetched: the location's user and
    // password kept, its host lower-cased, its path and query rewritten.
    expect(
      textWithoutLocationCredentials(
        `NotFoundError: ${location} could not be read as https://deploy:glpat-s3cr3t@gitlab.example.com/api/v4/projects/acme%2Forders/repository/files/infra%2Fmain.tf/raw?ref=main, 404 Not Found`,
        location,
      ),
    ).toBe(
      'NotFoundError: https://GitLab.example.com/acme/orders/-/blob/main/infra/main.tf could not be read as https://gitlab.example.com/api/v4/projects/acme%2Forders/repository/files/infra%2Fmain.tf/raw?ref=main, 404 Not Found',
    );
    expect(
      textWithoutLocationCredentials(
        "Unable to read 'https://gitlab.example.com/api/v4/projects/acme%2Forders/repository/archive?sha=main&private_token=glpat-s3cr3t&path=infra', FetchError: request to https://user:pass@gitlab.example.com/api/v4/projects failed, reason: ETIMEDOUT",
        '/repos/orders',
      ),
    ).toBe(
      "Unable to read 'https://gitlab.example.com/api/v4/projects/acme%2Forders/repository/archive?sha=main&path=infra', FetchError: request to https://gitlab.example.com/api/v4/projects failed, reason: ETIMEDOUT",
    );
  });

  it('keeps what closes a sentence, a bracket or an escaped quote after a quoted URL whose last query parameter it leaves out', () => {
    expect(
      textWithoutLocationCredentials(
        'Could not read the archive (https://gitlab.example.com/api/v4/projects/7/repository/archive?sha=main&private_token=s3cr3t). Unable to read https://gitlab.example.com/api/v4/projects/7?private_token=s3cr3t, 404 Not Found; body {\\"url\\":\\"https://h.example.com/x?token=s3cr3t\\"}',
        undefined,
      ),
    ).toBe(
      'Could not read the archive (https://gitlab.example.com/api/v4/projects/7/repository/archive?sha=main). Unable to read https://gitlab.example.com/api/v4/projects/7, 404 Not Found; body {\\"url\\":\\"https://h.example.com/x\\"}',
    );
  });

  it('leaves them out of a URL quoted with its slashes escaped, as a JSON body writes it, and of its fragment', () => {
    expect(
      textWithoutLocationCredentials(
        'Request failed with 401: {"message":"Bad credentials","url":"https:\\/\\/deploy:s3cr3t@git.example.com\\/api\\/v4\\/projects\\/7?ref=main;private_token=s3cr3t"}; redirected to https://sso.example.com/callback#access_token=s3cr3t&token_type=bearer.',
        undefined,
      ),
    ).toBe(
      'Request failed with 401: {"message":"Bad credentials","url":"https:\\/\\/git.example.com\\/api\\/v4\\/projects\\/7?ref=main"}; redirected to https://sso.example.com/callback#token_type=bearer.',
    );
  });

  it("leaves them out of a URL quoted in a JSON body that escapes its & as \\u0026, as Go's and Rails' do", () => {
    expect(
      textWithoutLocationCredentials(
        '404 Not Found: {"url":"https:\\/\\/gitea.example.com\\/api\\/v1\\/repos\\/acme\\/orders?ref=main\\u0026access_token=s3cr3t\\u0026path=infra","next":"https://gitlab.example.com/api/v4/projects/7?private_token=s3cr3t\\u0026ref=main"}',
        undefined,
      ),
    ).toBe(
      '404 Not Found: {"url":"https:\\/\\/gitea.example.com\\/api\\/v1\\/repos\\/acme\\/orders?ref=main\\u0026path=infra","next":"https://gitlab.example.com/api/v4/projects/7?ref=main"}',
    );
  });

  it('reads a long text of almost URLs with escaped slashes, or a URL of many parameters, in a time that grows as its length', () => {
    // A long scheme each, its slashes escaped but not both.
    const almostUrls = `${'x'.repeat(33_000)}:\\/ `.repeat(3);
    const parameters = ';a=1&b'.repeat(16_000);
    const started = Date.now();
    expect(
      textWithoutLocationCredentials(
        `${almostUrls} https:\\/\\/h.example.com\\/x?${parameters};token=s3cr3t#${parameters}&access_token=s3cr3t`,
        undefined,
      ),
    ).toBe(
      `${almostUrls} https:\\/\\/h.example.com\\/x?${parameters}#${parameters}`,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads a long error without a URL, such as a hex dump, in a time that grows as its length', () => {
    const dump = `Unexpected response: ${'deadbeef0123'.repeat(8000)}`;
    const started = Date.now();
    expect(
      textWithoutLocationCredentials(
        `${dump} from https://user:s3cr3t@github.com/acme/orders`,
        undefined,
      ),
    ).toBe(`${dump} from https://github.com/acme/orders`);
    // Read from each of its characters again, it took seconds.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('leaves a text that quotes no such location, and one quoting a path, as it is', () => {
    expect(
      textWithoutLocationCredentials(
        'Cannot read dir:/repos/orders: ENOENT',
        '/repos/orders',
      ),
    ).toBe('Cannot read dir:/repos/orders: ENOENT');
    expect(
      textWithoutLocationCredentials(
        'Reading timed out',
        'https://user:s3cr3t@github.com/acme/orders',
      ),
    ).toBe('Reading timed out');
  });
});

describe('shardOf', () => {
  const refs = Array.from(
    { length: 2000 },
    (_, i) => `component:default/service-${i}`,
  );

  it.each([1, 2, 3, 7, 16])(
    'puts every entity in exactly one of %i shards',
    shards => {
      const perShard = Array.from({ length: shards }, (_, shard) =>
        refs.filter(ref => shardOf(ref, shards) === shard),
      );
      // Every entity once: the shards partition the set.
      const all = perShard.flat();
      expect(all).toHaveLength(refs.length);
      expect(new Set(all).size).toBe(refs.length);
      // Reasonably balanced.
      for (const shard of perShard) {
        expect(shard.length).toBeGreaterThan((refs.length / shards) * 0.7);
      }
    },
  );

  it('is stable and case-insensitive', () => {
    expect(shardOf('Component:default/Orders', 5)).toBe(
      shardOf('component:default/orders', 5),
    );
    expect(shardOf('component:default/orders', 5)).toBe(
      shardOf('component:default/orders', 5),
    );
  });
});
