import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScanCoverage } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import spec from '../schema/openapi.yaml';
import { DEFAULT_CONFIG } from '../config';
import { ComplianceStore } from '../database/ComplianceStore';
import { EntityScanner } from '../scanning/EntityScanner';
import { QueuedScans } from '../scanning/QueuedScans';
import { readingIsConditional } from '../__testUtils__/fixtures';
import { createRouter, descendantGroups } from './router';

/** The hosts Backstage knows without configuration (github.com, gitlab.com, …). */
const scmIntegrations = ScmIntegrations.fromConfig(new ConfigReader({}));

describe('openapi.yaml', () => {
  it('holds no key without a value: a comma in a description of a flow mapping splits it into keys', () => {
    const keysWithoutValue: string[] = [];
    const walk = (value: unknown, path: string) => {
      if (!value || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if (child === null) keysWithoutValue.push(`${path}/${key}`);
        walk(child, `${path}/${key}`);
      }
    };
    walk(spec, '');
    expect(keysWithoutValue).toEqual([]);
  });

  it('documents every route of the router, and only those', async () => {
    const router = await createRouter({
      config: DEFAULT_CONFIG,
      store: {} as ComplianceStore,
      scanner: {} as EntityScanner,
      queuedScans: {} as QueuedScans,
      catalog: catalogServiceMock(),
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
      scmIntegrations,
    });
    const routes = (router.stack as any[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method} ${String(layer.route.path).replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
      .sort();
    const documented = Object.entries(
      (spec as any).paths as Record<string, object>,
    )
      .flatMap(([path, operations]) =>
        Object.keys(operations).map(method => `${method} ${path}`),
      )
      .sort();
    expect(routes).toEqual(documented);
    expect(routes).toHaveLength(18);
  });
});

describe('GET /entities?q=', () => {
  const titled = (kind: string, name: string, title: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title },
    spec: {},
  });
  const entities = [
    titled('Group', 'orders-team', 'Orders Team'),
    titled('Group', 'ledger-team', 'Ledger_Team'),
    titled('System', 'shop', '100% Shop'),
    titled('Group', 'rnd-ops', 'R&D\\Ops'),
  ];

  /** The refs the search looks for among owners and systems, with a catalog that answers as `queryEntities` does. */
  async function searchRefs(
    q: string,
    queryEntities: CatalogService['queryEntities'],
    config = DEFAULT_CONFIG,
  ) {
    const listOverview = jest.fn(async () => ({ items: [], totalCount: 0 }));
    const logger = mockServices.logger.mock();
    const app = express();
    app.use(
      await createRouter({
        config,
        store: { listOverview } as unknown as ComplianceStore,
        scanner: {} as EntityScanner,
        queuedScans: {} as QueuedScans,
        catalog: catalogServiceMock.mock({ queryEntities }),
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth(),
        permissions: mockServices.permissions(),
        auditor: mockServices.auditor.mock(),
        logger,
        scmIntegrations,
      }),
    );
    const res = await request(app).get('/entities').query({ q });
    expect(res.status).toBe(200);
    return {
      refs: (listOverview.mock.calls[0] as any[])[0].searchRefs,
      logger,
    };
  }

  /**
   * The catalog's full text filter as it is on PostgreSQL: `search.value
   * like '%term%'` on values in lower case, the term unescaped (`\\` escapes
   * the next character), the first `limit` answers.
   */
  const likeCatalog =
    (catalogEntities: Entity[]): CatalogService['queryEntities'] =>
    async query => {
      const { fullTextFilter, limit } = query as any;
      const { term, fields = [] } = fullTextFilter;
      const literal = (char: string) =>
        char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const chars = [...term.trim().toLowerCase()];
      let pattern = '';
      for (let i = 0; i < chars.length; i++) {
        if (chars[i] === '\\') pattern += literal(chars[++i] ?? '');
        else if (chars[i] === '%') pattern += '.*';
        else if (chars[i] === '_') pattern += '.';
        else pattern += literal(chars[i]);
      }
      const values = (entity: Entity) =>
        fields.map((field: string) =>
          field
            .split('.')
            .reduce((value: any, key) => value?.[key], entity as any),
        );
      const items = catalogEntities
        .filter(entity =>
          values(entity).some(
            (value: unknown) =>
              typeof value === 'string' &&
              new RegExp(pattern).test(value.toLowerCase()),
          ),
        )
        .slice(0, limit);
      return { items, totalItems: items.length, pageInfo: {} };
    };

  it("takes `%`, `_` and `\\` in the text as themselves, not as the catalog's LIKE wildcards", async () => {
    expect(
      (await searchRefs('orders team', likeCatalog(entities))).refs,
    ).toEqual(['group:default/orders-team']);
    expect((await searchRefs('_', likeCatalog(entities))).refs).toEqual([
      'group:default/ledger-team',
    ]);
    expect((await searchRefs('r_t', likeCatalog(entities))).refs).toEqual([
      'group:default/ledger-team',
    ]);
    expect((await searchRefs('%', likeCatalog(entities))).refs).toEqual([
      'system:default/shop',
    ]);
    expect((await searchRefs('0% s', likeCatalog(entities))).refs).toEqual([
      'system:default/shop',
    ]);
    expect((await searchRefs('s%m', likeCatalog(entities))).refs).toEqual([]);
    expect((await searchRefs('d\\o', likeCatalog(entities))).refs).toEqual([
      'group:default/rnd-ops',
    ]);
  });

  it('finds a title with `%`, `_` or `\\` in a catalog with more than a page of titles holding a part of the text', async () => {
    // Found first, and a whole answer of the catalog's: `r` or `d` alone
    // finds nothing else.
    const crowded = likeCatalog([
      ...Array.from({ length: 100 }, (_, i) =>
        titled('Group', `rover-${i}`, `Rover ${i} DR`),
      ),
      ...entities,
    ]);
    expect((await searchRefs('r_t', crowded)).refs).toEqual([
      'group:default/ledger-team',
    ]);
    expect((await searchRefs('d\\o', crowded)).refs).toEqual([
      'group:default/rnd-ops',
    ]);
  });

  it('searches by the names only when the catalog fails', async () => {
    const { refs, logger } = await searchRefs('orders team', async () => {
      throw new Error('catalog unavailable');
    });
    expect(refs).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog unavailable'),
    );
  });

  it('searches by the names only when the catalog does not answer within catalogTimeout', async () => {
    const started = Date.now();
    const { refs, logger } = await searchRefs(
      'orders team',
      () => new Promise(() => {}),
      { ...DEFAULT_CONFIG, catalogTimeoutMs: 100 },
    );
    expect(refs).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('The catalog did not answer within 100 ms'),
    );
  });
});

/**
 * The router with `store` and `catalog`, reading entities conditional
 * (lists ask the catalog what the user sees), catalogTimeout 2 seconds.
 */
async function conditionalReadingApp(
  store: object,
  catalog: Partial<CatalogService>,
) {
  const app = express();
  app.use(
    await createRouter({
      config: { ...DEFAULT_CONFIG, catalogTimeoutMs: 2_000 },
      store: store as unknown as ComplianceStore,
      scanner: {} as EntityScanner,
      queuedScans: {} as QueuedScans,
      catalog: catalogServiceMock.mock(catalog),
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      permissions: mockServices.permissions.mock({
        authorizeConditional: readingIsConditional,
      }),
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
      scmIntegrations,
    }),
  );
  return app;
}

describe('GET /entities?q= under a conditional read policy', () => {
  it('waits for the catalog once, not once for what the user sees and again for the titles', async () => {
    // The catalog lists what the user sees only once the titles were asked
    // for: asked one after the other, the request waits catalogTimeout for
    // the first, and answers 503.
    let titlesAsked = () => {};
    const titlesWereAsked = new Promise<void>(resolve => {
      titlesAsked = resolve;
    });
    const listOverview = jest.fn(async () => ({ items: [], totalCount: 0 }));
    const app = await conditionalReadingApp(
      { listOverview },
      {
        getEntities: async () => {
          await titlesWereAsked;
          return {
            items: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Component',
                metadata: { name: 'orders', namespace: 'default' },
              },
            ],
          };
        },
        queryEntities: async () => {
          titlesAsked();
          return { items: [], totalItems: 0, pageInfo: {} };
        },
      },
    );
    const res = await request(app).get('/entities').query({ q: 'orders' });
    expect(res.status).toBe(200);
    expect((listOverview.mock.calls[0] as any[])[0]).toMatchObject({
      visible: ['component:default/orders'],
      searchRefs: [],
    });
  });
});

describe('GET /entities/{kind}/{namespace}/{name}/sarif', () => {
  /** The export's run of an entity whose results were read from `source`, and whose results' scan did not judge `coverage`. */
  async function exportOf(options: {
    source?: { type: 'url' | 'dir'; target: string };
    coverage?: ScanCoverage;
    /** The hosts of `infraCompliance`'s app config (github.com and gitlab.com without it). */
    integrations?: object;
  }) {
    const { source, coverage } = options;
    const app = express();
    app.use(
      await createRouter({
        config: DEFAULT_CONFIG,
        store: {
          getEntitySummary: async (entityRef: string) => ({
            entityRef,
            kind: 'component',
            namespace: 'default',
            name: 'orders',
            scannable: true,
          }),
          getOpenResults: async () => ({
            findings: [],
            resultsScan: coverage && { coverage },
            source,
          }),
        } as unknown as ComplianceStore,
        scanner: {} as EntityScanner,
        queuedScans: {} as QueuedScans,
        catalog: catalogServiceMock(),
        httpAuth: mockServices.httpAuth(),
        auth: mockServices.auth(),
        permissions: mockServices.permissions(),
        auditor: mockServices.auditor.mock(),
        logger: mockServices.logger.mock(),
        scmIntegrations: options.integrations
          ? ScmIntegrations.fromConfig(
              new ConfigReader({ integrations: options.integrations }),
            )
          : scmIntegrations,
      }),
    );
    const res = await request(app).get(
      '/entities/component/default/orders/sarif',
    );
    expect(res.status).toBe(200);
    return JSON.parse(res.text).runs[0];
  }

  /** The `%SRCROOT%` of the export of an entity whose results were read from `source`. */
  async function srcRootOf(source?: { type: 'url' | 'dir'; target: string }) {
    return (await exportOf({ source })).originalUriBaseIds['%SRCROOT%'];
  }

  it('counts the programs that make what is not modelled past those the coverage lists', async () => {
    const notes = async (programsNotListed?: number) => {
      const run = await exportOf({
        coverage: {
          skipped: [],
          notModelled: [
            {
              program: 'edge/Pulumi.yaml',
              format: 'pulumi',
              types: [{ type: 'aws.ec2.Vpc', count: 3 }],
            },
          ],
          ...(programsNotListed && { programsNotListed }),
        },
      });
      return (run.invocations[0].toolExecutionNotifications as any[]).map(
        note => note.message.text,
      );
    };
    const listed =
      'edge/Pulumi.yaml (Pulumi): not modelled, not judged: aws.ec2.Vpc (3 resources)';
    expect(await notes(2)).toEqual([
      listed,
      '… and 2 more programs that make what is not modelled, not judged',
    ]);
    expect(await notes(1)).toEqual([
      listed,
      '… and 1 more program that makes what is not modelled, not judged',
    ]);
    expect(await notes()).toEqual([listed]);
  });

  it('writes %SRCROOT% of a location that names only a repository in its default branch, which the scan read', async () => {
    await expect(
      srcRootOf({ type: 'url', target: 'https://github.com/acme/orders' }),
    ).resolves.toEqual({ uri: 'https://github.com/acme/orders/tree/HEAD/' });
    await expect(
      srcRootOf({
        type: 'url',
        target: 'https://gitlab.com/acme/shop/orders/',
      }),
    ).resolves.toEqual({
      uri: 'https://gitlab.com/acme/shop/orders/-/tree/HEAD/',
    });
    // A host whose links are not known here: the location as it is.
    await expect(
      srcRootOf({ type: 'url', target: 'https://git.example.com/acme/orders' }),
    ).resolves.toEqual({ uri: 'https://git.example.com/acme/orders/' });
  });

  it('writes %SRCROOT% as the source location URL, ending in a slash', async () => {
    await expect(
      srcRootOf({
        type: 'url',
        target: 'https://github.com/acme/orders/tree/main/',
      }),
    ).resolves.toEqual({ uri: 'https://github.com/acme/orders/tree/main/' });
    await expect(
      srcRootOf({
        type: 'url',
        target: 'https://github.com/acme/orders/tree/main',
      }),
    ).resolves.toEqual({
      uri: 'https://github.com/acme/orders/tree/main/',
    });
  });

  it('names files from the root of the GitHub or GitLab repository whose folder the location is, where code scanning reads them', async () => {
    /** %SRCROOT%, and the URI of a file the scan skipped at `broken.yaml` of the location. */
    const placed = async (target: string) => {
      const run = await exportOf({
        source: { type: 'url', target },
        coverage: {
          skipped: [{ path: 'broken.yaml', reason: 'binary file' }],
          notModelled: [],
        },
      });
      return {
        srcRoot: run.originalUriBaseIds['%SRCROOT%'].uri,
        uri: run.invocations[0].toolExecutionNotifications[0].locations[0]
          .physicalLocation.artifactLocation,
      };
    };
    await expect(
      placed('https://github.com/acme/shop/tree/main/services/orders/'),
    ).resolves.toEqual({
      srcRoot: 'https://github.com/acme/shop/tree/main/',
      uri: { uri: 'services/orders/broken.yaml', uriBaseId: '%SRCROOT%' },
    });
    await expect(
      placed('https://gitlab.com/acme/shop/orders/-/tree/release/infra/eu'),
    ).resolves.toEqual({
      srcRoot: 'https://gitlab.com/acme/shop/orders/-/tree/release/',
      uri: { uri: 'infra/eu/broken.yaml', uriBaseId: '%SRCROOT%' },
    });
    // A name escaped in the URL is the folder's own, escaped once in the URI.
    await expect(
      placed('https://github.com/acme/shop/tree/main/order%20service'),
    ).resolves.toEqual({
      srcRoot: 'https://github.com/acme/shop/tree/main/',
      uri: { uri: 'order%20service/broken.yaml', uriBaseId: '%SRCROOT%' },
    });
    // The repository's root: nothing before the paths.
    await expect(placed('https://github.com/acme/shop')).resolves.toEqual({
      srcRoot: 'https://github.com/acme/shop/tree/HEAD/',
      uri: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' },
    });
    // A host whose URL form is not known here: from the location, as it is.
    await expect(
      placed('https://git.example.com/acme/shop/tree/main/orders'),
    ).resolves.toEqual({
      srcRoot: 'https://git.example.com/acme/shop/tree/main/orders/',
      uri: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' },
    });
  });

  it("names files from the repository's root for a folder's blob/ URL, as the catalog writes a GitLab file's folder, and on hosts of the app's integrations", async () => {
    /** %SRCROOT%, and the URI of a file the scan skipped at `broken.yaml` of the location. */
    const placed = async (target: string, integrations?: object) => {
      const run = await exportOf({
        source: { type: 'url', target },
        coverage: {
          skipped: [{ path: 'broken.yaml', reason: 'binary file' }],
          notModelled: [],
        },
        integrations,
      });
      return {
        srcRoot: run.originalUriBaseIds['%SRCROOT%'].uri,
        uri: run.invocations[0].toolExecutionNotifications[0].locations[0]
          .physicalLocation.artifactLocation.uri,
      };
    };
    // The catalog's source location of …/-/blob/main/services/orders/catalog-info.yaml.
    await expect(
      placed('https://gitlab.com/acme/shop/-/blob/main/services/orders/'),
    ).resolves.toEqual({
      srcRoot: 'https://gitlab.com/acme/shop/-/blob/main/',
      uri: 'services/orders/broken.yaml',
    });
    await expect(
      placed('https://gitlab.com/acme/shop/blob/main/services/orders'),
    ).resolves.toEqual({
      srcRoot: 'https://gitlab.com/acme/shop/blob/main/',
      uri: 'services/orders/broken.yaml',
    });
    await expect(
      placed('https://github.com/acme/shop/blob/main/services/orders/'),
    ).resolves.toEqual({
      srcRoot: 'https://github.com/acme/shop/blob/main/',
      uri: 'services/orders/broken.yaml',
    });
    // GitHub Enterprise, and a GitLab served under a path of its host.
    await expect(
      placed('https://ghe.acme.example/acme/shop/tree/main/services/orders', {
        github: [{ host: 'ghe.acme.example' }],
      }),
    ).resolves.toEqual({
      srcRoot: 'https://ghe.acme.example/acme/shop/tree/main/',
      uri: 'services/orders/broken.yaml',
    });
    await expect(
      placed(
        'https://git.acme.example/gitlab/acme/shop/-/blob/main/services/orders/',
        {
          gitlab: [
            {
              host: 'git.acme.example',
              baseUrl: 'https://git.acme.example/gitlab',
              apiBaseUrl: 'https://git.acme.example/gitlab/api/v4',
            },
          ],
        },
      ),
    ).resolves.toEqual({
      srcRoot: 'https://git.acme.example/gitlab/acme/shop/-/blob/main/',
      uri: 'services/orders/broken.yaml',
    });
  });

  it('only describes %SRCROOT% when no base URI can be given', async () => {
    // A path against `?path=/infra` would lose the query.
    await expect(
      srcRootOf({
        type: 'url',
        target: 'https://dev.azure.com/acme/shop/_git/orders?path=/infra',
      }),
    ).resolves.toEqual({
      description: {
        text: 'The url: source location of component:default/orders',
      },
    });
    // A directory of the backend's host is not the reader's.
    await expect(
      srcRootOf({ type: 'dir', target: '/srv/catalog/orders' }),
    ).resolves.toEqual({
      description: {
        text: 'The dir: source location of component:default/orders',
      },
    });
    await expect(srcRootOf()).resolves.toEqual({
      description: { text: 'The source location of component:default/orders' },
    });
  });
});

describe('GET /groups/{namespace}/{name}/rollup', () => {
  it('waits catalogTimeout for the whole tree of groups, not at each level', async () => {
    /** team-0 is the parent of team-1, its parent of team-2… to team-4: one level per catalog answer. */
    const team = (level: number): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${level}`, namespace: 'default' },
      spec: {},
      relations:
        level < 4
          ? [{ type: 'parentOf', targetRef: `group:default/team-${level + 1}` }]
          : [],
    });
    const slowly = <T>(value: T) =>
      new Promise<T>(resolve => setTimeout(() => resolve(value), 200));
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => slowly(team(0)),
      getEntitiesByRefs: async ({ entityRefs }) =>
        slowly({
          items: entityRefs.map(ref => team(Number(ref.split('-').pop()))),
        }),
    });
    await expect(
      descendantGroups(
        catalog,
        'group:default/team-0',
        await mockServices.auth().getOwnServiceCredentials(),
        { timeoutMs: 500 },
      ),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: 'The catalog did not answer within 500 ms',
    });
    // Past the timeout, no more levels are asked for.
    const asked = catalog.getEntitiesByRefs.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 600));
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(asked);
  });
  it('is asked of the catalog with what the user sees, not before: the roll-up waits catalogTimeout once', async () => {
    // The catalog answers for the group only once asked what the user sees.
    let visibilityAsked = () => {};
    const visibilityWasAsked = new Promise<void>(resolve => {
      visibilityAsked = resolve;
    });
    const rollup = jest.fn(async () => ({}));
    const app = await conditionalReadingApp(
      { rollup },
      {
        getEntityByRef: async () => {
          await visibilityWasAsked;
          return {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'team-a', namespace: 'default' },
            spec: {},
          };
        },
        getEntities: async () => {
          visibilityAsked();
          return { items: [] };
        },
      },
    );
    const res = await request(app).get('/groups/default/team-a/rollup');
    expect(res.status).toBe(200);
    expect(rollup).toHaveBeenCalledWith(
      expect.objectContaining({
        owners: ['group:default/team-a'],
        visible: [],
      }),
    );
  });
});
