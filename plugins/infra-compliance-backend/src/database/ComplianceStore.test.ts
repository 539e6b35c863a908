import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  createTestDatabases,
  readWithCommitDuring,
} from '../__testUtils__/databases';
import {
  Check,
  Finding,
  computeScorecard,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  fingerprint as fingerprintOf,
  fingerprintApart,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';
import {
  addComponent,
  finding,
  grantWaiver,
  scanOf,
  scanWrite,
  startScan,
  waiverId,
} from '../__testUtils__/scans';
import { ComplianceStore } from './ComplianceStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/**
 * PostgreSQL's plan of a query captured from knex, planned as for a large
 * table (a test's few rows would be read and sorted whole): no sequential
 * or bitmap scan, no sort where another plan gives the order.
 */
async function plannedAsLarge(
  knex: Knex,
  query: { sql: string; bindings: unknown[] },
): Promise<string> {
  return knex.transaction(async trx => {
    for (const setting of [
      'enable_seqscan',
      'enable_bitmapscan',
      'enable_sort',
    ])
      await trx.raw(`set local ${setting} = off`);
    const result = await trx.raw(
      `explain ${query.sql.replace(/\$\d+/g, '?')}`,
      query.bindings as any[],
    );
    return (result.rows as { 'QUERY PLAN': string }[])
      .map(row => row['QUERY PLAN'])
      .join('\n');
  });
}

/** Unscannable components of these names and titles, as the catalog sync writes them. */
async function addServices(
  store: ComplianceStore,
  services: [name: string, title: string | undefined][],
): Promise<void> {
  for (const [name, title] of services) {
    await addComponent(store, name, { title, scannable: false });
  }
}

describe.each(databases.eachSupportedId())(
  'ComplianceStore on %p',
  databaseId => {
    it('lists the scannable entities in the catalog read from a URL containing a text, in any letter case, wildcards taken literally, the URL followed by a slash, each run of slashes single', async () => {
      const { store } = await databases.initStore(databaseId);
      const sources: [string, string, boolean][] = [
        ['orders', 'https://GitHub.com/Acme/My_Repo/tree/main/orders', true],
        [
          'payments',
          'https://github.com/acme/myXrepo/tree/main/payments',
          true,
        ],
        ['removed', 'https://github.com/acme/my_repo/tree/main/removed', true],
        ['skipped', 'https://github.com/acme/my_repo/tree/main/skipped', false],
        ['inventory', 'https://github.com/acme/inventory', true],
        ['ported', 'https://github.com:443//acme///ported/tree/main', true],
        ['slashes', 'https://github.com/////acme//////slashes', true],
        // Other repositories: a folder of that name, a `<` between names.
        ['folder', 'https://github.com/acme/app/tree/main/slashes', true],
        ['bracket', 'https://github.com/acme</slashes', true],
      ];
      for (const [name, url, scannable] of sources) {
        await addComponent(store, name, {
          scannable,
          sourceType: 'url',
          sourceTarget: url,
        });
      }
      await store.markRemovedFromCatalog(['component:default/removed'], 0);
      expect(
        await store.listUrlSourcedEntities([['github.com/acme/my_repo']]),
      ).toEqual([
        {
          entityRef: 'component:default/orders',
          sourceTarget: 'https://GitHub.com/Acme/My_Repo/tree/main/orders',
        },
      ]);
      expect(await store.listUrlSourcedEntities([['gitlab.com/acme']])).toEqual(
        [],
      );
      // Several searches, each of parts in order, in one query.
      expect(
        (
          await store.listUrlSourcedEntities([
            ['gitlab.com/acme'],
            ['github.com/acme/my', 'repo/tree'],
          ])
        ).map(row => row.entityRef),
      ).toEqual(['component:default/orders', 'component:default/payments']);
      expect(
        await store.listUrlSourcedEntities([['github.com/acme/', 'my_repo']]),
      ).toHaveLength(1);
      expect(await store.listUrlSourcedEntities([])).toEqual([]);
      // Read with its slashes single.
      expect(
        await store.listUrlSourcedEntities([['github.com', '/acme/ported/']]),
      ).toEqual([
        {
          entityRef: 'component:default/ported',
          sourceTarget: 'https://github.com:443//acme///ported/tree/main',
        },
      ]);
      // However many in a row, and only there.
      expect(
        await store.listUrlSourcedEntities([['github.com', '/acme/slashes/']]),
      ).toEqual([
        {
          entityRef: 'component:default/slashes',
          sourceTarget: 'https://github.com/////acme//////slashes',
        },
      ]);
      expect(
        await store.listUrlSourcedEntities([['github.com', '/acmeslashes/']]),
      ).toEqual([]);
      // A search may end where the URL does.
      expect(
        await store.listUrlSourcedEntities([['github.com/acme/inventory/']]),
      ).toEqual([
        {
          entityRef: 'component:default/inventory',
          sourceTarget: 'https://github.com/acme/inventory',
        },
      ]);
    });

    it('searches names and titles case-insensitively in any script, wildcards taken literally', async () => {
      const { store } = await databases.initStore(databaseId);
      const titles = [
        'ÉCOLE API',
        'Straße Service',
        'orders*',
        'ordersX',
        'a_b',
        'a%b',
        '[beta] gateway',
      ];
      for (const [index, title] of titles.entries()) {
        await addComponent(store, `e${index}`, { title, scannable: false });
      }
      const search = async (text: string) =>
        (
          await store.listOverview({ search: text, limit: 20, offset: 0 })
        ).items.map(item => item.title);

      expect(await search('école')).toEqual(['ÉCOLE API']);
      expect(await search('ÉCOLE api')).toEqual(['ÉCOLE API']);
      expect(await search('STRASSE')).toEqual([]);
      expect(await search('straße')).toEqual(['Straße Service']);
      expect(await search('ORDERS*')).toEqual(['orders*']);
      expect(await search('orders?')).toEqual([]);
      expect(await search('a_')).toEqual(['a_b']);
      expect(await search('a%')).toEqual(['a%b']);
      expect(await search('[BETA]')).toEqual(['[beta] gateway']);
      expect(await search('E1')).toEqual(['Straße Service']); // the name, e1
    });

    it("searches the services by their owner's and system's names, and by the owners and systems whose titles matched", async () => {
      const { store } = await databases.initStore(databaseId);
      const services: [string, string | undefined, string | undefined][] = [
        ['checkout', 'group:default/orders-team', 'system:default/payments'],
        ['ledger', 'group:finance/ledger-team', 'system:default/accounting'],
        ['loose', undefined, undefined],
      ];
      for (const [name, owner, system] of services) {
        await addComponent(store, name, {
          ownerRef: owner,
          systemRef: system,
          scannable: false,
        });
      }
      const search = async (text: string, searchRefs?: string[]) =>
        (
          await store.listOverview({
            search: text,
            searchRefs,
            limit: 20,
            offset: 0,
          })
        ).items.map(item => item.name);

      expect(await search('ORDERS-team')).toEqual(['checkout']);
      expect(await search('payments')).toEqual(['checkout']);
      expect(await search('ledger-TEAM')).toEqual(['ledger']);
      expect(await search('team')).toEqual(['checkout', 'ledger']);
      // The ref's kind and namespace are not what a row shows.
      expect(await search('group')).toEqual([]);
      expect(await search('default')).toEqual([]);
      expect(await search('finance')).toEqual([]);
      // "Orders Team", the catalog's display name of orders-team.
      expect(await search('Orders Team')).toEqual([]);
      expect(
        await search('Orders Team', ['group:default/orders-team']),
      ).toEqual(['checkout']);
      expect(await search('Books', ['system:default/accounting'])).toEqual([
        'ledger',
      ]);
      // The other filters still apply.
      expect(
        (
          await store.listOverview({
            search: 'team',
            searchRefs: ['system:default/accounting'],
            owners: ['group:default/orders-team'],
            limit: 20,
            offset: 0,
          })
        ).items.map(item => item.name),
      ).toEqual(['checkout']);
    });

    it('sorts the services by what their rows show, the title else the name, case aside; the same ones by ref', async () => {
      const { store } = await databases.initStore(databaseId);
      const services: [string, string | undefined][] = [
        ['zeta', 'Alpha Billing'],
        ['alpha', undefined],
        ['mid', 'beta'],
        ['b2', 'Beta'],
      ];
      await addServices(store, services);
      const names = async (order?: 'asc' | 'desc') =>
        (
          await store.listOverview({
            sort: 'name',
            order,
            limit: 20,
            offset: 0,
          })
        ).items.map(item => item.name);

      expect(await names()).toEqual(['alpha', 'zeta', 'b2', 'mid']);
      expect(await names('desc')).toEqual(['b2', 'mid', 'zeta', 'alpha']);
      // The default sort.
      expect(
        (await store.listOverview({ limit: 20, offset: 0 })).items.map(
          item => item.name,
        ),
      ).toEqual(['alpha', 'zeta', 'b2', 'mid']);
    });

    it("pages the services in each sort as the whole list orders them, reading the scans of the page's rows only", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      await addServices(
        store,
        Array.from({ length: 30 }, (_, i) => [
          `svc-${String((i * 7) % 30).padStart(2, '0')}`,
          i % 3 ? undefined : `Service ${i}`,
        ]),
      );
      for (const sort of ['name', 'owner', 'attention', 'score'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const refs = async (limit: number, offset: number) =>
            (
              await store.listOverview({ sort, order, limit, offset })
            ).items.map(item => item.entityRef);
          const all = await refs(30, 0);
          expect(all).toHaveLength(30);
          expect([
            ...(await refs(12, 0)),
            ...(await refs(12, 12)),
            ...(await refs(12, 24)),
          ]).toEqual(all);
        }
      }

      // The lookups of the last successful scan run for the 5 rows of the page, not for the 25 up to its end.
      const queries: { sql: string; bindings: unknown[] }[] = [];
      const capture = (query: { sql: string; bindings: unknown[] }) =>
        queries.push(query);
      knex.on('query', capture);
      const page = await store.listOverview({
        sort: 'owner',
        limit: 5,
        offset: 20,
      });
      knex.off('query', capture);
      expect(page.items).toHaveLength(5);
      expect(page.totalCount).toBe(30);
      if (!databaseId.startsWith('POSTGRES')) return;
      const rowsQuery = queries.find(query =>
        query.sql.includes('files_scanned'),
      )!;
      const plan = await knex.raw(
        `explain (analyze, costs off) ${rowsQuery.sql.replace(/\$\d+/g, '?')}`,
        rowsQuery.bindings as any[],
      );
      const lookups = (plan.rows as { 'QUERY PLAN': string }[])
        .map(row => row['QUERY PLAN'])
        .filter(line => line.includes('scans_pkey'))
        .map(line => Number(/loops=(\d+)/.exec(line)![1]));
      expect(lookups.length).toBeGreaterThan(0);
      expect(Math.max(...lookups)).toBeLessThanOrEqual(5);
    });

    it('pages the services by name, the default sort, on PostgreSQL from the name index, without sorting them all', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      await addServices(store, [
        ['c', 'Same'],
        ['a', 'Same'],
        ['b', undefined],
        ['d', 'Zed'],
      ]);
      const queries: { sql: string; bindings: unknown[] }[] = [];
      const onQuery = (query: { sql: string; bindings?: unknown[] }) => {
        if (/order by/i.test(query.sql))
          queries.push({ sql: query.sql, bindings: query.bindings ?? [] });
      };
      knex.on('query', onQuery);
      const pages = [
        await store.listOverview({ limit: 2, offset: 0 }),
        await store.listOverview({ limit: 2, offset: 2 }),
        await store.listOverview({ order: 'desc', limit: 2, offset: 0 }),
      ];
      knex.off('query', onQuery);
      // Equal names by ref, in both directions.
      expect(pages.map(page => page.items.map(item => item.name))).toEqual([
        ['b', 'a'],
        ['c', 'd'],
        ['d', 'a'],
      ]);
      if (!databaseId.startsWith('POSTGRES')) return;
      const plans = await Promise.all(
        [queries[0], queries[2]].map(query => plannedAsLarge(knex, query)),
      );
      for (const plan of plans) {
        expect(plan).not.toMatch(/(^|->\s+)Sort\s+\(cost/m);
        expect(plan).toMatch(
          /Index Scan (Backward )?using ic_entities_sort_name_idx/,
        );
      }
    });

    it('sorts the services needing attention first: a failed scan with no score, the lowest scores, then no scan yet, nothing to score, not scannable', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const now = Date.parse('2026-12-01T00:00:00Z');
      const services: [
        name: string,
        scannable: boolean,
        columns: Record<string, unknown>,
      ][] = [
        ['a-grade', true, { score: 95, last_success_at: now }],
        ['no-code', true, { last_success_at: now }],
        ['opted-out', false, { score: 10, last_success_at: now }],
        ['never', true, { last_scan_status: null }],
        ['scanning', true, { last_scan_status: 'running' }],
        ['broken', true, { last_scan_status: 'failed' }],
        ['failing', true, { score: 0, last_success_at: now }],
        // Its last scan failed after one that scored it: its score shows.
        ['stale', true, { score: 60, last_scan_status: 'failed' }],
      ];
      for (const [name, scannable, columns] of services) {
        await store.upsertEntity(
          {
            entityRef: `component:default/${name}`,
            kind: 'Component',
            namespace: 'default',
            name,
            scannable,
          },
          now,
        );
        await knex('entities').where('name', name).update(columns);
      }
      const names = async (order?: 'asc' | 'desc') =>
        (
          await store.listOverview({
            sort: 'attention',
            order,
            limit: 20,
            offset: 0,
          })
        ).items.map(item => item.name);

      const ascending = [
        'broken',
        'failing',
        'stale',
        'a-grade',
        'never',
        'scanning',
        'no-code',
        'opted-out',
      ];
      expect(await names()).toEqual(ascending);
      // Equal ranks (never, scanning) keep their ref order both ways.
      expect(await names('desc')).toEqual([
        'opted-out',
        'no-code',
        'never',
        'scanning',
        'a-grade',
        'stale',
        'failing',
        'broken',
      ]);
    });

    it("sorts the services by a category's score, those it is not applicable to last both ways, as the score sort puts those without one; the same ones by ref", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const services: [
        name: string,
        scannable: boolean,
        columns: Record<string, unknown>,
      ][] = [
        ['charlie', true, { score: 70, score_alarms: 40, score_dlq: 50 }],
        ['bravo', true, { score: 90, score_alarms: 90, score_dlq: 0 }],
        ['alpha', true, { score: 75, score_alarms: 40, score_dlq: 100 }],
        // No alarms check applies to it.
        ['delta', true, { score: 80, score_alarms: null, score_dlq: 20 }],
        // Opted out: its last figures do not count.
        ['echo', false, { score: 10, score_alarms: 10, score_dlq: 10 }],
        // Not scanned yet.
        ['foxtrot', true, { score: null }],
      ];
      for (const [name, scannable, columns] of services) {
        await addComponent(store, name, { scannable });
        await knex('entities').where('name', name).update(columns);
      }
      const names = async (
        sort: 'score.alarms' | 'score.dlq',
        order?: 'asc' | 'desc',
        page = { limit: 20, offset: 0 },
      ) =>
        (await store.listOverview({ sort, order, ...page })).items.map(
          item => item.name,
        );

      expect(await names('score.alarms')).toEqual([
        'alpha',
        'charlie',
        'bravo',
        'delta',
        'echo',
        'foxtrot',
      ]);
      expect(await names('score.alarms', 'desc')).toEqual([
        'bravo',
        'alpha',
        'charlie',
        'delta',
        'echo',
        'foxtrot',
      ]);
      expect(
        await names('score.alarms', 'desc', { limit: 2, offset: 1 }),
      ).toEqual(['alpha', 'charlie']);
      expect(await names('score.dlq', 'desc')).toEqual([
        'alpha',
        'charlie',
        'delta',
        'bravo',
        'echo',
        'foxtrot',
      ]);
    });

    it('filters by kind and lifecycle case aside, as the catalog does', async () => {
      const { store } = await databases.initStore(databaseId);
      const services: [string, string, string | undefined][] = [
        ['api', 'API', 'Production'],
        ['web', 'Component', 'production'],
        ['lab', 'Component', 'experimental'],
        ['old', 'Component', undefined],
      ];
      for (const [name, kind, lifecycle] of services) {
        await store.upsertEntity(
          {
            entityRef: `${kind.toLowerCase()}:default/${name}`,
            kind,
            namespace: 'default',
            name,
            lifecycle,
            scannable: false,
          },
          0,
        );
      }
      const names = async (kinds?: string[], lifecycles?: string[]) =>
        (
          await store.listOverview({ kinds, lifecycles, limit: 20, offset: 0 })
        ).items.map(item => item.name);

      expect(await names(undefined, ['production'])).toEqual(['api', 'web']);
      expect(await names(undefined, ['PRODUCTION', 'Experimental'])).toEqual([
        'api',
        'lab',
        'web',
      ]);
      expect(await names(['api'], ['production'])).toEqual(['api']);
      expect(await names(['COMPONENT'])).toEqual(['lab', 'old', 'web']);
    });

    it('sorts titles with accents and other scripts the same on every database: accents and case aside, then by code point', async () => {
      const { store } = await databases.initStore(databaseId);
      const services: [string, string | undefined][] = [
        ['z1', 'Éb'],
        ['z2', 'éa'],
        ['z3', 'Ecu'],
        ['z4', 'zeta'],
        ['z5', '注文'],
        ['z6', 'a-b'],
        ['z7', 'ab'],
        ['eb', undefined],
      ];
      await addServices(store, services);
      const names = async (order?: 'asc' | 'desc') =>
        (
          await store.listOverview({
            sort: 'name',
            order,
            limit: 20,
            offset: 0,
          })
        ).items.map(item => item.title ?? item.name);

      const ascending = ['a-b', 'ab', 'éa', 'eb', 'Éb', 'Ecu', 'zeta', '注文'];
      expect(await names()).toEqual(ascending);
      // Equal keys (eb, Éb) keep their ref order both ways.
      expect(await names('desc')).toEqual([
        '注文',
        'zeta',
        'Ecu',
        'eb',
        'Éb',
        'éa',
        'ab',
        'a-b',
      ]);
    });

    it('sorts refs and paths byte by byte on every database, whatever its collation', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      if (knex.client.config.client === 'pg') {
        // As in a database made with an ICU en-US collation, which puts `_`
        // before `-` and lower case before upper (glibc's en_US sets
        // punctuation aside altogether).
        for (const [table, column] of [
          ['entities', 'entity_ref'],
          ['entities', 'owner_ref'],
          ['entities', 'system_ref'],
          ['findings', 'file'],
        ])
          await knex.raw(
            'alter table ?? alter column ?? type text collate "en-x-icu"',
            [table, column],
          );
      }
      const owners = [
        'group:default/team-z',
        'group:default/team_a',
        'group:default/team-b',
      ];
      for (const [index, name] of ['a-c', 'ab', 'a_d'].entries()) {
        await addComponent(store, name, {
          title: 'Same title',
          ownerRef: owners[index],
          systemRef: `system:default/${['s.z', 'sa', 's-b'][index]}`,
          scannable: index !== 1,
        });
      }
      const entityRef = 'component:default/a-c';
      const files = [
        'infra/z.yaml',
        'infra/a.yaml',
        'infra_old/b.yaml',
        'infra-old/b.yaml',
        'Infra.yaml',
      ];
      await scanOf(store, entityRef, {
        findings: files.map((file, index) =>
          finding({
            ruleId: 'ENC-001',
            file,
            resourceId: `Logs${index}`,
            resourceType: 'AWS::Logs::LogGroup',
            message: 'no key',
            fingerprint: `f${index}`,
          }),
        ),
        filesScanned: files.length,
      });
      const byteOrder = [
        'Infra.yaml',
        'infra-old/b.yaml',
        'infra/a.yaml',
        'infra/z.yaml',
        'infra_old/b.yaml',
      ];

      const listedFiles = async (sort: 'file' | 'severity') =>
        (
          await store.listFindings(
            entityRef,
            { status: 'open', sort, limit: 20, offset: 0 },
            2000,
          )
        ).items.map(item => item.file);
      expect(await listedFiles('file')).toEqual(byteOrder);
      expect(await listedFiles('severity')).toEqual(byteOrder);
      expect(
        (await store.listOpenFindings(entityRef, 2000)).map(item => item.file),
      ).toEqual(byteOrder);
      const overview = async (sort: 'owner' | 'system' | 'name') =>
        (await store.listOverview({ sort, limit: 20, offset: 0 })).items.map(
          item => item.name,
        );
      expect(await overview('owner')).toEqual(['a_d', 'a-c', 'ab']);
      expect(await overview('system')).toEqual(['a_d', 'a-c', 'ab']);
      // Equal titles: by ref.
      expect(await overview('name')).toEqual(['a-c', 'a_d', 'ab']);
      expect(
        (
          await store.listOwners({
            sort: 'owner',
            order: 'asc',
            limit: 20,
            offset: 0,
          })
        ).items.map(item => item.owner),
      ).toEqual(owners.slice().sort());
      expect(
        (await store.listUnscannable(20, 0)).items.map(item => item.name),
      ).toEqual(['ab']);
    });

    it('pages the services by ref from a cursor, which entities removed or added before it do not shift as they shift an offset', async () => {
      const { store } = await databases.initStore(databaseId);
      const upsert = (name: string) => addComponent(store, name);
      // Byte order: '-' < '_' < 'a'.
      for (const name of ['b', 'a-c', 'ab', 'a_d', 'c']) await upsert(name);
      const refs = (page: { items: { entityRef: string }[] }) =>
        page.items.map(item =>
          item.entityRef.replace('component:default/', ''),
        );
      const first = await store.listOverview({
        sort: 'ref',
        limit: 2,
        offset: 0,
      });
      expect(refs(first)).toEqual(['a-c', 'a_d']);
      expect(first.totalCount).toBe(5);

      // Between two pages, an entity before the cursor leaves the catalog:
      // the next page by offset skips one.
      await store.markRemovedFromCatalog(['component:default/a-c'], 1);
      expect(
        refs(await store.listOverview({ sort: 'ref', limit: 2, offset: 2 })),
      ).toEqual(['b', 'c']);
      const next = () =>
        store.listOverview({
          sort: 'ref',
          after: first.items[1].entityRef,
          limit: 2,
          offset: 0,
        });
      expect(refs(await next())).toEqual(['ab', 'b']);
      // One arriving before the cursor shifts nothing either.
      await upsert('a');
      expect(refs(await next())).toEqual(['ab', 'b']);
      expect(
        refs(
          await store.listOverview({
            sort: 'ref',
            after: 'component:default/b',
            limit: 2,
            offset: 0,
          }),
        ),
      ).toEqual(['c']);
      expect(
        refs(
          await store.listOverview({
            sort: 'ref',
            order: 'desc',
            after: 'component:default/ab',
            limit: 5,
            offset: 0,
          }),
        ),
      ).toEqual(['a_d', 'a']);
    });

    it('pages the entities that cannot be scanned in byte order, on PostgreSQL from an index in that order', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      for (const name of ['bz', 'b_y', 'scanned', 'b-x', 'a'])
        await addComponent(store, name, { scannable: name === 'scanned' });
      const queries: { sql: string; bindings: unknown[] }[] = [];
      const onQuery = (query: { sql: string; bindings?: unknown[] }) => {
        if (/order by/i.test(query.sql))
          queries.push({ sql: query.sql, bindings: query.bindings ?? [] });
      };
      knex.on('query', onQuery);
      const pages = [
        await store.listUnscannable(2, 0),
        await store.listUnscannable(2, 2),
      ];
      knex.off('query', onQuery);
      expect(pages.map(page => page.items.map(item => item.name))).toEqual([
        ['a', 'b-x'],
        ['b_y', 'bz'],
      ]);
      expect(pages.map(page => page.totalCount)).toEqual([4, 4]);
      if (!databaseId.startsWith('POSTGRES')) return;
      // Planned as for a large catalog (these few rows would be read and
      // sorted whole): the page from an index in order, no sort, as the
      // primary key gave it before refs compared byte by byte.
      const plan = await plannedAsLarge(knex, queries[0]);
      expect(plan).not.toMatch(/(^|->\s+)Sort\s+\(cost/m);
      expect(plan).toMatch(/Index Scan using ic_entities_unscannable_ref_idx/);
    });

    it("deletes old unchanged and failed scans, batch by batch, but each entity's last scan, its last completed scan, a lock holder and successful scans", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const day = 86_400_000;
      const now = 1000 * day;
      const scans: [string, string, number][] = [
        ['old-unchanged-1', 'unchanged', now - 100 * day],
        ['old-unchanged-2', 'unchanged', now - 95 * day],
        ['old-failed', 'failed', now - 99 * day],
        ['old-succeeded', 'succeeded', now - 98 * day],
        ['old-running', 'running', now - 97 * day],
        ['recent-unchanged', 'unchanged', now - 10 * day],
        ['last-of-orders', 'failed', now - 96 * day],
        ['lock-of-payments', 'unchanged', now - 94 * day],
      ];
      await knex('scans').insert(
        scans.map(([id, status, createdAt]) => ({
          id,
          entity_ref: 'component:default/orders',
          trigger: 'schedule',
          status,
          created_at: createdAt,
        })),
      );
      for (const name of ['orders', 'payments', 'docs']) {
        await store.upsertEntity(
          {
            entityRef: `component:default/${name}`,
            kind: 'Component',
            namespace: 'default',
            name,
            scannable: true,
          },
          now,
        );
      }
      await knex('entities')
        .where('name', 'orders')
        .update({ last_scan_id: 'last-of-orders' });
      await knex('entities')
        .where('name', 'payments')
        .update({ lock_scan_id: 'lock-of-payments', lock_at: now });
      // Unchanged, then the last scan failed: the results are as of the unchanged one.
      await knex('entities')
        .where('name', 'orders')
        .update({ last_completed_scan_id: 'old-unchanged-2' });

      expect(await store.pruneScans(now - 90 * day, { batchSize: 2 })).toBe(2);
      expect(await knex('scans').orderBy('id').pluck('id')).toEqual([
        'last-of-orders',
        'lock-of-payments',
        'old-running',
        'old-succeeded',
        'old-unchanged-2',
        'recent-unchanged',
      ]);
      expect(await store.pruneScans(now - 90 * day, { batchSize: 2 })).toBe(0);
    });

    it('stops deleting old scans between batches once the signal is aborted', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const day = 86_400_000;
      const now = 1000 * day;
      await knex('scans').insert(
        ['a', 'b', 'c', 'd', 'e'].map(id => ({
          id,
          entity_ref: 'component:default/orders',
          trigger: 'schedule',
          status: 'unchanged',
          created_at: now - 100 * day,
        })),
      );
      const controller = new AbortController();
      // The task is aborted (its timeout) while the first batch is deleted.
      const abortOnDelete = (_response: unknown, query: { sql: string }) => {
        if (/^delete/i.test(query.sql)) controller.abort();
      };
      knex.on('query-response', abortOnDelete);
      try {
        expect(
          await store.pruneScans(now - 90 * day, {
            batchSize: 2,
            signal: controller.signal,
          }),
        ).toBe(2);
      } finally {
        knex.removeListener('query-response', abortOnDelete);
      }
      expect(await knex('scans').orderBy('id').pluck('id')).toHaveLength(3);
      // An aborted signal deletes nothing; the next run deletes the rest.
      expect(
        await store.pruneScans(now - 90 * day, { signal: controller.signal }),
      ).toBe(0);
      expect(await store.pruneScans(now - 90 * day, { batchSize: 2 })).toBe(3);
    });

    it('deletes 12,000 old scans in two statements, each picking and deleting its batch: on SQLite each statement is a commit, and 400 at a time made 30 of them', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const day = 86_400_000;
      const now = 1000 * day;
      const old = Array.from({ length: 12_000 }, (_, i) => ({
        id: `old-${String(i).padStart(5, '0')}`,
        entity_ref: `component:default/service-${i % 3000}`,
        trigger: 'schedule',
        status: i % 10 === 0 ? 'failed' : 'unchanged',
        created_at: now - 91 * day + i,
      }));
      await knex.batchInsert('scans', old, 200);
      await knex('scans').insert({
        id: 'recent',
        entity_ref: 'component:default/service-0',
        trigger: 'schedule',
        status: 'unchanged',
        created_at: now - day,
      });
      const statements: string[] = [];
      const record = (query: { sql: string }) => statements.push(query.sql);
      knex.on('query', record);
      try {
        expect(await store.pruneScans(now - 90 * day)).toBe(12_000);
      } finally {
        knex.removeListener('query', record);
      }
      expect(statements).toHaveLength(2);
      for (const sql of statements) expect(sql).toMatch(/^delete/i);
      expect(await knex('scans').pluck('id')).toEqual(['recent']);
    });

    it('writes a thousand findings whose lines moved in a few statements, their lifecycle intact', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const findings = (shift: number) =>
        Array.from({ length: 1000 }, (_, i) =>
          finding({
            file: `stack${i % 10}.yaml`,
            line: 10 + i + shift,
            resourceId: `Worker${i}`,
            message: `Worker${i} has no dead-letter queue`,
            fingerprint: i.toString(16).padStart(8, '0'),
          }),
        );
      const commit = async (scanId: string, at: number, shift: number) => {
        const commitScan = await startScan(store, entityRef, {
          scanId,
          at,
          findings: findings(shift),
          filesScanned: 10,
        });
        let statements = 0;
        const count = () => {
          statements += 1;
        };
        knex.on('query', count);
        try {
          return { counts: await commitScan(), statements };
        } finally {
          knex.off('query', count);
        }
      };
      await commit('scan-1', 1000, 0);
      // A line added at the top of every file: each finding moved one line down.
      const moved = await commit('scan-2', 2000, 1);
      expect(moved.counts).toMatchObject({
        findings: 1000,
        new: 0,
        reopened: 0,
        resolved: 0,
      });
      expect(moved.statements).toBeLessThan(40);
      const rows = await knex('findings')
        .where('entity_ref', entityRef)
        .orderBy('fingerprint');
      expect(rows).toHaveLength(1000);
      expect(
        rows.every(
          (row, i) =>
            Number(row.line) === 11 + i &&
            row.status === 'open' &&
            Number(row.first_seen_at) === 1000 &&
            row.first_scan_id === 'scan-1' &&
            Number(row.last_seen_at) === 2000 &&
            row.last_scan_id === 'scan-2',
        ),
      ).toBe(true);
      expect(new Set(rows.map(row => String(row.id))).size).toBe(1000);
    });

    it('serves coverage stored before the limit on programs as a scan recorded now stores it', async () => {
      const { store } = await databases.initStore(
        databaseId,
        mockServices.logger.mock(),
      );
      const entityRef = await addComponent(store, 'platform');
      const program = (index: number) => ({
        program: `apps/app-${String(index).padStart(3, '0')}/cdk.json`,
        format: 'cdk' as const,
        types: [{ type: 'aws-ec2.Vpc', count: 1 }],
      });
      // 103 programs, not in order by path, as an older backend stored them.
      const programs = Array.from({ length: 103 }, (_, index) =>
        program(102 - index),
      );
      const commit = async (
        scanId: string,
        at: number,
        notModelled: typeof programs,
      ) => {
        await scanOf(store, entityRef, {
          scanId,
          at,
          filesScanned: 103,
          coverage: { skipped: [], notModelled },
        });
      };
      await commit('scan-1', 1000, programs);
      const expected = {
        skipped: [],
        notModelled: Array.from({ length: 100 }, (_, index) => program(index)),
        programsNotListed: 3,
      };
      expect((await store.getScan('scan-1'))?.coverage).toEqual(expected);
      expect((await store.getResultsScan(entityRef))?.coverage).toEqual(
        expected,
      );
      expect(
        (await store.getEntityScorecard(entityRef, 2000))?.lastSuccessfulScan
          ?.coverage,
      ).toEqual(expected);

      // Coverage within the limit is served as stored.
      await commit('scan-2', 2000, programs.slice(0, 2));
      expect((await store.getResultsScan(entityRef))?.coverage).toEqual({
        skipped: [],
        notModelled: programs.slice(0, 2),
      });
    });

    it('keeps each different finding of a report that shares a fingerprint with another, the later ones under their rank, and warns naming them', async () => {
      const logger = mockServices.logger.mock();
      const { knex, store } = await databases.initStore(databaseId, logger);
      const entityRef = await addComponent(store, 'orders');
      const fingerprint = fingerprintOf(
        'SUP-001',
        'template.yaml',
        'Fn',
        'suppression:DLQ-001',
      );
      // Two comments of one rule on one resource, as an engine that did not tell them apart reported them.
      const suppression = (line: number) =>
        finding({
          ruleId: 'SUP-001',
          severity: 'low',
          category: 'parsing',
          line,
          resourceId: 'Fn',
          message:
            'The suppression on Fn of DLQ-001 gives no reason, so it is not applied.',
          fingerprint,
        });
      const commit = (scanId: string, at: number, findings: Finding[]) =>
        scanOf(store, entityRef, { scanId, at, findings });
      // The same finding twice is one.
      expect(
        await commit('scan-1', 1000, [
          suppression(3),
          suppression(5),
          suppression(5),
        ]),
      ).toMatchObject({ findings: 2, new: 2 });
      const rows = async () =>
        (
          await knex('findings').where('entity_ref', entityRef).orderBy('line')
        ).map(row => [Number(row.line), row.fingerprint, row.status]);
      // The second is kept under the fingerprint the engine now gives it (its rank among the suppressions alike).
      expect(await rows()).toEqual([
        [3, fingerprint, 'open'],
        [5, fingerprintApart(fingerprint, '#2'), 'open'],
      ]);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        `Infra Compliance: findings of ${entityRef} that share fingerprint ${fingerprint}, SUP-001 on Fn in template.yaml at lines 3 and 5: each is kept, the ones after the first under fingerprints of their own`,
      );
      // A scan that finds them again, lines moved, changes no history: nothing new, nothing resolved.
      expect(
        await commit('scan-2', 2000, [suppression(4), suppression(6)]),
      ).toMatchObject({ findings: 2, new: 0, resolved: 0 });
      expect(await rows()).toEqual([
        [4, fingerprint, 'open'],
        [6, fingerprintApart(fingerprint, '#2'), 'open'],
      ]);
    });

    it('searches findings by rule, resource, type, file, message, and the file:line the table shows', async () => {
      const { store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const unprotected = (resourceId: string, file: string, line: number) =>
        finding({
          file,
          line,
          resourceId,
          message: `${resourceId} has no dead-letter queue`,
          fingerprint: resourceId,
        });
      await scanOf(store, entityRef, {
        findings: [
          unprotected('Orders', 'infra/template.yaml', 42),
          unprotected('Billing', 'infra/template.yaml', 420),
          unprotected('Audit', 'audit.yaml', 4),
        ],
        filesScanned: 2,
      });
      const search = async (text: string) =>
        (
          await store.listFindings(
            entityRef,
            {
              status: 'open',
              sort: 'rule',
              search: text,
              limit: 10,
              offset: 0,
            } as any,
            2000,
          )
        ).items
          .map(f => f.resourceId)
          .sort();
      expect(await search('dlq-001')).toEqual(['Audit', 'Billing', 'Orders']);
      expect(await search('ORDERS')).toEqual(['Orders']);
      expect(await search('dead-letter')).toEqual([
        'Audit',
        'Billing',
        'Orders',
      ]);
      expect(await search('audit.yaml')).toEqual(['Audit']);
      expect(await search('TEMPLATE.yaml:42')).toEqual(['Billing', 'Orders']);
      expect(await search('template.yaml:420')).toEqual(['Billing']);
      expect(await search(':4')).toEqual(['Audit', 'Billing', 'Orders']);
      expect(await search('yaml:4')).toEqual(['Audit', 'Billing', 'Orders']);
      expect(await search('audit.yaml:42')).toEqual([]);
    });

    it('lists open, waived and suppressed findings as the scorecard counts them', async () => {
      const { store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const unprotected = (name: string, suppressed: boolean) =>
        finding({
          resourceId: name,
          message: `${name} has no dead-letter queue`,
          fingerprint: name,
          ...(suppressed && {
            suppressed: { kind: 'inline', reason: 'replayed upstream' },
          }),
        });
      await scanOf(store, entityRef, {
        findings: [
          unprotected('Plain', false),
          unprotected('Suppressed', true),
          unprotected('Waived', false),
          unprotected('SuppressedAndWaived', true),
        ],
      });
      for (const [i, fingerprint] of [
        'Waived',
        'SuppressedAndWaived',
      ].entries()) {
        await grantWaiver(store, {
          id: waiverId(i + 1),
          entityRef,
          fingerprint,
        });
      }
      const names = async (query: { waived?: boolean; suppressed?: boolean }) =>
        (
          await store.listFindings(
            entityRef,
            { status: 'open', sort: 'rule', limit: 10, offset: 0, ...query },
            3000,
          )
        ).items
          .map(f => f.resourceId)
          .sort();
      // The queries of the Compliance tab's Open, Waived and Suppressed filters.
      expect(await names({ waived: false, suppressed: false })).toEqual([
        'Plain',
      ]);
      expect(await names({ waived: true, suppressed: false })).toEqual([
        'Waived',
      ]);
      expect(await names({ suppressed: true })).toEqual([
        'Suppressed',
        'SuppressedAndWaived',
      ]);
      expect(await store.getEntityScorecard(entityRef, 3000)).toMatchObject({
        open: { total: 1 },
        waived: 1,
        suppressed: 2,
      });
    });

    it('reads a scorecard on one snapshot: a scan committing as it is read changes none of its figures', async () => {
      const { store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const unprotected = finding();
      const dlqCheck = (passed: boolean): Check => ({
        ruleId: 'DLQ-001',
        category: 'dlq',
        severity: 'high',
        passed,
      });
      const scan = (
        scanId: string,
        at: number,
        findings: Finding[],
        checks: Check[],
      ) => startScan(store, entityRef, { scanId, at, findings, checks });
      await (
        await scan('scan-1', 1000, [unprotected], [dlqCheck(false)])
      )();
      const commitFix = await scan('scan-2', 2000, [], [dlqCheck(true)]);
      const before = await store.getEntityScorecard(entityRef, 3000);
      expect(before).toMatchObject({
        lastSuccessfulScan: { id: 'scan-1' },
        grade: 'F',
        open: { total: 1 },
        resolved: 0,
      });

      // The fix commits once the scorecard has read the entity's row and
      // its last scans, as it computes the figures: these were the fix's
      // (no finding open, one resolved) beside scan-1 as the last
      // successful scan.
      expect(
        await readWithCommitDuring({
          method: 'computeEntityScore',
          commit: commitFix,
          read: () => store.getEntityScorecard(entityRef, 3000),
        }),
      ).toEqual(before);
      expect(await store.getEntityScorecard(entityRef, 3000)).toMatchObject({
        lastSuccessfulScan: { id: 'scan-2' },
        grade: 'A',
        open: { total: 0 },
        resolved: 1,
      });
    });

    it("counts each top rule's services: those with open findings of it, none waived, suppressed or resolved only, in the roll-up's scope", async () => {
      const { store } = await databases.initStore(databaseId);
      const ref = (name: string) => `component:default/${name}`;
      const failing = (
        ruleId: 'DLQ-001' | 'ENC-001',
        name: string,
        suppressed = false,
      ) =>
        finding({
          ruleId,
          resourceId: name,
          message: `${name} fails ${ruleId}`,
          fingerprint: `${ruleId}-${name}`,
          ...(suppressed && {
            suppressed: { kind: 'inline', reason: 'replayed upstream' },
          }),
        });
      const scan = (
        name: string,
        scanId: string,
        at: number,
        findings: Finding[],
      ) => scanOf(store, ref(name), { scanId, at, findings });
      for (const [name, team] of [
        ['orders', 'team-a'],
        ['payments', 'team-b'],
        ['billing', 'team-a'],
        ['ledger', 'team-b'],
        ['hidden', 'team-a'],
      ]) {
        await addComponent(store, name, { ownerRef: `group:default/${team}` });
      }
      // orders: 3 open DLQ-001 findings besides a waived and a suppressed one.
      await scan('orders', 'scan-orders', 1000, [
        failing('DLQ-001', 'A'),
        failing('DLQ-001', 'B'),
        failing('DLQ-001', 'C'),
        failing('DLQ-001', 'Waived'),
        failing('DLQ-001', 'Suppressed', true),
        failing('ENC-001', 'A'),
      ]);
      await grantWaiver(store, {
        entityRef: ref('orders'),
        fingerprint: 'DLQ-001-Waived',
      });
      await scan('payments', 'scan-payments', 1000, [
        failing('DLQ-001', 'A'),
        failing('ENC-001', 'A'),
      ]);
      // billing: its DLQ-001 finding waived (the rule), its ENC-001 one suppressed.
      await scan('billing', 'scan-billing', 1000, [
        failing('DLQ-001', 'A'),
        failing('ENC-001', 'A', true),
      ]);
      await grantWaiver(store, {
        id: waiverId(2),
        entityRef: ref('billing'),
        ruleId: 'DLQ-001',
      });
      // ledger: its DLQ-001 finding resolved by its next scan.
      await scan('ledger', 'scan-ledger-1', 1000, [
        failing('DLQ-001', 'A'),
        failing('ENC-001', 'A'),
      ]);
      await scan('ledger', 'scan-ledger-2', 3000, [failing('ENC-001', 'A')]);
      await scan('hidden', 'scan-hidden', 1000, [failing('DLQ-001', 'A')]);

      const visible = ['orders', 'payments', 'billing', 'ledger'].map(ref);
      const topRules = async (
        options: { owners?: string[]; visible?: string[] } = {},
      ) =>
        (await store.rollup({ ...options, since: 0 })).topRules.map(
          ({ ruleId, open, services }) => ({ ruleId, open, services }),
        );
      // Ordered by open findings, not by services.
      expect(await topRules({ visible })).toEqual([
        { ruleId: 'DLQ-001', open: 4, services: 2 },
        { ruleId: 'ENC-001', open: 3, services: 3 },
      ]);
      expect(await topRules()).toEqual([
        { ruleId: 'DLQ-001', open: 5, services: 3 },
        { ruleId: 'ENC-001', open: 3, services: 3 },
      ]);
      expect(
        await topRules({ owners: ['group:default/team-a'], visible }),
      ).toEqual([
        { ruleId: 'DLQ-001', open: 3, services: 1 },
        { ruleId: 'ENC-001', open: 1, services: 1 },
      ]);
      expect(await topRules({ owners: ['group:default/team-b'] })).toEqual([
        { ruleId: 'ENC-001', open: 2, services: 2 },
        { ruleId: 'DLQ-001', open: 1, services: 1 },
      ]);
      // The services the link of each rule lists.
      for (const [ruleId, services] of [
        ['DLQ-001', ['orders', 'payments']],
        ['ENC-001', ['ledger', 'orders', 'payments']],
      ] as const) {
        const listed = await store.listOverview({
          rules: [ruleId],
          visible,
          limit: 10,
          offset: 0,
        });
        expect(listed.items.map(item => item.name)).toEqual(services);
      }
    });

    it('filters the services by rule from the entities with open findings of it, on PostgreSQL from an index of those rows', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const counts: [name: string, ruleId: string, open: number][] = [
        ['orders', 'DLQ-001', 2],
        ['orders', 'ENC-001', 1],
        ['payments', 'DLQ-001', 0],
        ['payments', 'ENC-001', 3],
        ['billing', 'DLQ-001', 1],
      ];
      for (const name of ['orders', 'payments', 'billing', 'ledger']) {
        await addComponent(store, name);
      }
      // As a scan writes them (writeRuleCounts): its open findings per rule.
      await knex('entity_rule_counts').insert(
        counts.map(([name, ruleId, open]) => ({
          entity_ref: `component:default/${name}`,
          rule_id: ruleId,
          category: ruleId.startsWith('DLQ') ? 'dlq' : 'encryption',
          severity: 'high',
          open,
          waived: 0,
          suppressed: open ? 0 : 1,
        })),
      );
      const queries: { sql: string; bindings: unknown[] }[] = [];
      const onQuery = (query: { sql: string; bindings?: unknown[] }) => {
        if (/entity_rule_counts/.test(query.sql))
          queries.push({ sql: query.sql, bindings: query.bindings ?? [] });
      };
      knex.on('query', onQuery);
      const listed = await store.listOverview({
        rules: ['DLQ-001'],
        limit: 10,
        offset: 0,
        sort: 'name',
      });
      knex.off('query', onQuery);
      expect(listed.items.map(item => item.name)).toEqual([
        'billing',
        'orders',
      ]);
      expect(listed.totalCount).toBe(2);
      expect(queries).toHaveLength(2);
      if (!databaseId.startsWith('POSTGRES')) return;
      // Planned as for a large catalog: the page and its count find the
      // rule's rows with open findings from the index, not from all rows.
      for (const query of queries) {
        expect(await plannedAsLarge(knex, query)).toMatch(
          /Index Only Scan using ic_rule_counts_open_rule_idx/,
        );
      }
    });

    it('scores waived findings in SQL: the scorecard reads a row per rule, never one per finding or resource, and probes the waivers once', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const failing = (
        ruleId: string,
        resourceId: string,
        fingerprint: string,
        extra: Partial<Finding> = {},
      ) =>
        finding({
          ruleId,
          file: 'stack.yaml',
          resourceId,
          message: `${resourceId} fails ${ruleId}`,
          fingerprint,
          ...extra,
        });
      const check = (
        f: Pick<Finding, 'ruleId' | 'category' | 'severity'>,
        passed: boolean,
      ): Check => ({
        ruleId: f.ruleId,
        category: f.category,
        severity: f.severity,
        passed,
      });
      const dlq = Array.from({ length: 300 }, (_, i) =>
        failing('DLQ-001', `Worker${i}`, `dlq-${i}`),
      );
      const iam = [
        failing('IAM-001', 'RoleOne', 'iam-1a', { property: 'Policies' }),
        failing('IAM-001', 'RoleOne', 'iam-1b', {
          property: 'ManagedPolicyArns',
        }),
        failing('IAM-001', 'RoleTwo', 'iam-2'),
      ];
      const enc = failing('ENC-001', 'Bucket', 'enc-1');
      const log = failing('LOG-001', 'Worker0', 'log-1');
      const suppressed = failing('LOG-002', 'Worker0', 'log-2', {
        suppressed: { kind: 'inline', reason: 'accepted in code' },
      });
      await scanOf(store, entityRef, {
        findings: [...dlq, ...iam, enc, log, suppressed],
        checks: [
          ...dlq.map(f => check(f, false)),
          ...Array.from({ length: 5 }, () => check(dlq[0], true)),
          check(iam[0], false),
          check(iam[2], false),
          check(iam[0], true),
          check(enc, false),
          check(log, false),
        ],
      });
      const waiver = (
        n: number,
        target: { ruleId?: string; fingerprint?: string },
        expiresAt?: number,
      ) =>
        grantWaiver(store, {
          id: waiverId(n),
          entityRef,
          ...target,
          expiresAt,
        });
      await waiver(1, { ruleId: 'DLQ-001' });
      // One of RoleOne's two findings: RoleOne still fails IAM-001; RoleTwo's only one: it passes.
      await waiver(2, { fingerprint: 'iam-1a' });
      await waiver(3, { fingerprint: 'iam-2' });
      await waiver(4, { ruleId: 'ENC-001' }, 2500); // expired by 3000
      await waiver(5, { ruleId: 'LOG-001' });
      await store.revokeWaiver(waiverId(5), 'user:default/owner', 2100);

      const queries: { sql: string; bindings: unknown[] }[] = [];
      let largestAnswer = 0;
      const onQuery = (query: { sql: string; bindings?: unknown[] }) => {
        // Not the statements of the snapshot it is read on: they have no plan.
        if (/^(begin|commit|rollback)\b/i.test(query.sql)) return;
        queries.push({ sql: query.sql, bindings: query.bindings ?? [] });
      };
      const onResponse = (response: unknown) => {
        if (Array.isArray(response))
          largestAnswer = Math.max(largestAnswer, response.length);
      };
      knex.on('query', onQuery).on('query-response', onResponse);
      const scorecard = await store.getEntityScorecard(entityRef, 3000);
      knex.off('query', onQuery).off('query-response', onResponse);

      const expected = computeScorecard([
        ...Array.from({ length: 305 }, () => check(dlq[0], true)),
        check(iam[0], false),
        check(iam[2], true),
        check(iam[0], true),
        check(enc, false),
        check(log, false),
      ]);
      expect(scorecard).toMatchObject({
        grade: expected.grade,
        score: expected.score,
        open: { critical: 0, high: 1, medium: 2, low: 0, total: 3 },
        waived: 302,
        suppressed: 1,
      });
      expect(scorecard!.categories).toEqual({
        dlq: { ...expected.categories.dlq, passed: 305, failed: 0, open: 0 },
        iam: { ...expected.categories.iam, passed: 2, failed: 1, open: 1 },
        encryption: {
          ...expected.categories.encryption,
          passed: 0,
          failed: 1,
          open: 1,
        },
        logging: {
          ...expected.categories.logging,
          passed: 0,
          failed: 1,
          open: 1,
        },
      });
      // A row per rule and state at most (6 here): the 300 waived resources of DLQ-001 are counted in the database.
      expect(largestAnswer).toBeLessThan(10);

      const list = (waived: boolean) =>
        store.listFindings(
          entityRef,
          { status: 'open', waived, limit: 500, offset: 0 } as any,
          3000,
        );
      const waivedList = await list(true);
      expect(waivedList.totalCount).toBe(302);
      expect(new Set(waivedList.items.map(f => f.fingerprint))).toEqual(
        new Set([...dlq.map(f => f.fingerprint), 'iam-1a', 'iam-2']),
      );
      const notWaived = await list(false);
      expect(notWaived.items.map(f => f.fingerprint).sort()).toEqual([
        'enc-1',
        'iam-1b',
        'log-1',
        'log-2',
      ]);
      expect(notWaived.totalCount).toBe(4);

      // On PostgreSQL, uncorrelated: each waiver subquery runs once into a hashed set (`hashed SubPlan`), never once per finding (`(SubPlan n)`).
      const isPostgres = databaseId.startsWith('POSTGRES');
      const plans = isPostgres
        ? await Promise.all(
            queries.map(async ({ sql, bindings }) => {
              const result = await knex.raw(
                `explain ${sql.replace(/\$\d+/g, '?')}`,
                bindings as any[],
              );
              return (result.rows as { 'QUERY PLAN': string }[])
                .map(row => row['QUERY PLAN'])
                .join('\n');
            }),
          )
        : [];
      const waiverPlans = plans.filter(plan => plan.includes('waivers'));
      expect(waiverPlans.length > 0).toBe(isPostgres);
      expect(waiverPlans.filter(plan => /\(SubPlan \d+\)/.test(plan))).toEqual(
        [],
      );
    });

    it('pages the findings of an entity in the order of each sort, walking the index instead of sorting every finding', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const rules: [string, Finding['severity'], Finding['category']][] = [
        ['IAM-001', 'high', 'iam'],
        ['DLQ-001', 'high', 'dlq'],
        ['ENC-001', 'medium', 'encryption'],
        ['LOG-001', 'medium', 'logging'],
      ];
      const numbered = (i: number) => {
        const [ruleId, severity, category] = rules[i % rules.length];
        return finding({
          ruleId,
          severity,
          category,
          file: `stack${i % 3}.yaml`,
          line: 100 - (i % 7),
          resourceId: `Res${i}`,
          message: `Res${i} fails ${ruleId}`,
          fingerprint: `fp-${String(i).padStart(3, '0')}`,
        });
      };
      const commit = async (scanId: string, at: number, indexes: number[]) => {
        await scanOf(store, entityRef, {
          scanId,
          at,
          findings: indexes.map(numbered),
          filesScanned: 3,
        });
      };
      const range = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, i) => from + i);
      await commit('scan-1', 1000, range(0, 40));
      // 0-9 fixed at 2000 (resolved), 40-59 new at 2000; 10-14 fixed at 3000.
      await commit('scan-2', 2000, range(10, 60));
      await commit('scan-3', 3000, range(15, 60));

      const rows = await knex('findings').where('entity_ref', entityRef);
      expect(rows).toHaveLength(60);
      type Row = Record<string, any>;
      const by =
        (...keys: (keyof Row)[]) =>
        (a: Row, b: Row) => {
          for (const key of keys) {
            if (a[key] === b[key]) continue;
            if (a[key] === null) return 1;
            if (b[key] === null) return -1;
            return a[key] < b[key] ? -1 : 1;
          }
          return Number(a.id) - Number(b.id);
        };
      const normalized = rows.map(row => ({
        ...row,
        id: Number(row.id),
        line: Number(row.line),
        severity_rank: Number(row.severity_rank),
        first_seen_at: Number(row.first_seen_at),
        last_seen_at: Number(row.last_seen_at),
        resolved_at: row.resolved_at === null ? null : Number(row.resolved_at),
      }));
      const comparators = {
        severity: by('severity_rank', 'rule_id', 'file', 'line'),
        rule: by('rule_id', 'file', 'line'),
        category: by('category', 'severity_rank', 'rule_id'),
        file: by('file', 'line', 'rule_id'),
        firstSeen: by('first_seen_at'),
        lastSeen: by('last_seen_at'),
        resolvedAt: by('resolved_at'),
      };
      for (const [sort, compare] of Object.entries(comparators)) {
        for (const order of ['asc', 'desc'] as const) {
          const sorted = [...normalized].sort((a, b) => {
            const c = compare(a, b);
            // Descending reverses every key, nulls (of resolved_at) still last.
            if (order === 'asc') return c;
            if (
              sort === 'resolvedAt' &&
              (a.resolved_at === null) !== (b.resolved_at === null)
            )
              return c;
            return -c;
          });
          const pages = [];
          for (const offset of [0, 25, 50]) {
            const page = await store.listFindings(
              entityRef,
              { status: 'all', sort, order, limit: 25, offset } as any,
              4000,
            );
            pages.push(...page.items.map(f => f.fingerprint));
          }
          expect({ sort, order, fingerprints: pages }).toEqual({
            sort,
            order,
            fingerprints: sorted.map(row => row.fingerprint),
          });
        }
      }

      // On PostgreSQL, the page of the default (open, by severity), by first seen and by resolved date (open findings
      // last, either way) comes from an index in order: at most an incremental sort within equal leading keys, never a
      // sort of all the entity's findings.
      const isPostgres = databaseId.startsWith('POSTGRES');
      const pageQueries: { sql: string; bindings: unknown[] }[] = [];
      const onQuery = (query: { sql: string; bindings?: unknown[] }) => {
        if (/order by/i.test(query.sql))
          pageQueries.push({ sql: query.sql, bindings: query.bindings ?? [] });
      };
      knex.on('query', onQuery);
      await store.listFindings(
        entityRef,
        { status: 'open', limit: 10, offset: 10 } as any,
        4000,
      );
      await store.listFindings(
        entityRef,
        {
          status: 'all',
          sort: 'firstSeen',
          order: 'desc',
          limit: 10,
          offset: 10,
        } as any,
        4000,
      );
      await store.listFindings(
        entityRef,
        {
          status: 'all',
          sort: 'resolvedAt',
          order: 'desc',
          limit: 10,
          offset: 10,
        } as any,
        4000,
      );
      await store.listFindings(
        entityRef,
        {
          status: 'all',
          sort: 'resolvedAt',
          order: 'asc',
          limit: 10,
          offset: 10,
        } as any,
        4000,
      );
      knex.off('query', onQuery);
      expect(pageQueries).toHaveLength(4);
      const plans = isPostgres
        ? await Promise.all(
            // A full sort only where no index can give the order.
            pageQueries.map(query => plannedAsLarge(knex, query)),
          )
        : [];
      expect(
        plans.filter(plan => /(^|->\s+)Sort\s+\(cost/m.test(plan)),
      ).toEqual([]);
      expect(plans.every(plan => /Index Scan/.test(plan))).toBe(true);
    });

    it("gives each finding the waiver id it had, probing the waivers only for the page's rows and once for the SARIF export", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const orders = 'component:default/orders';
      const billing = 'component:default/billing';
      const failing = (
        ruleId: string,
        fingerprint: string,
        line: number,
        extra: Partial<Finding> = {},
      ) =>
        finding({
          ruleId,
          file: 'stack.yaml',
          line,
          resourceId: `Res-${fingerprint}`,
          message: `${fingerprint} fails ${ruleId}`,
          fingerprint,
          ...extra,
        });
      const findings = [
        failing('DLQ-001', 'dlq-1', 1),
        failing('DLQ-001', 'dlq-2', 2),
        failing('DLQ-001', 'dlq-3', 3, {
          suppressed: { kind: 'inline', reason: 'replayed upstream' },
        }),
        failing('IAM-001', 'iam-1', 4),
        failing('IAM-001', 'iam-2', 5),
        failing('IAM-001', 'iam-3', 6),
        failing('ENC-001', 'enc-1', 7),
        failing('ENC-001', 'enc-2', 8, {
          suppressed: { kind: 'inline', reason: 'public assets' },
        }),
        failing('ENC-001', 'enc-3', 9),
      ];
      const commit = async (
        entityRef: string,
        scanId: string,
        at: number,
        committed: Finding[],
      ) => {
        await scanOf(store, entityRef, { scanId, at, findings: committed });
      };
      for (const [entityRef, name] of [
        [orders, 'orders'],
        [billing, 'billing'],
      ]) {
        await addComponent(store, name);
        // Both entities have the same fingerprints: waivers of one never cover the other's findings.
        await commit(entityRef, `${name}-1`, 1000, findings);
      }
      // enc-3 is fixed: resolved, its waiver still reported in the list of every status.
      await commit(
        orders,
        'orders-2',
        1500,
        findings.filter(f => f.fingerprint !== 'enc-3'),
      );
      const waiver = (
        n: number,
        target: { ruleId?: string; fingerprint?: string },
        entityRef = orders,
        expiresAt?: number,
      ) =>
        grantWaiver(store, {
          id: waiverId(n),
          entityRef,
          ...target,
          expiresAt,
        });
      // Rule and fingerprint waivers both apply: the least id is reported, be it the fingerprint's (dlq-1) or the rule's (dlq-2).
      await waiver(20, { ruleId: 'DLQ-001' });
      await waiver(10, { fingerprint: 'dlq-1' });
      await waiver(30, { fingerprint: 'dlq-2' });
      await waiver(11, { fingerprint: 'dlq-3' }); // suppressed and waived
      await waiver(12, { ruleId: 'IAM-001' }, orders, 2500); // expired by 3000
      await waiver(13, { fingerprint: 'iam-1' });
      await waiver(14, { fingerprint: 'iam-2' });
      await store.revokeWaiver(waiverId(14), 'user:default/owner', 2100);
      await waiver(15, { fingerprint: 'iam-3' }, orders, 2500); // expired: iam-3 is waived by 40 alone
      await waiver(40, { fingerprint: 'iam-3' });
      await waiver(16, { fingerprint: 'enc-3' });
      await waiver(17, { fingerprint: 'enc-1' }, billing);
      await waiver(18, { ruleId: 'ENC-001' }, billing);
      const expected: Record<string, string | undefined> = {
        'dlq-1': waiverId(10),
        'dlq-2': waiverId(20),
        'dlq-3': waiverId(11),
        'iam-1': waiverId(13),
        'iam-2': undefined,
        'iam-3': waiverId(40),
        'enc-1': undefined,
        'enc-2': undefined,
        'enc-3': waiverId(16),
      };
      const waiverIds = (
        items: { fingerprint: string; waived: boolean; waiverId?: string }[],
      ) =>
        Object.fromEntries(
          items.map(f => [f.fingerprint, f.waived ? f.waiverId : undefined]),
        );

      const pageQueries: { sql: string; bindings: unknown[] }[] = [];
      const onQuery = (query: { sql: string; bindings?: unknown[] }) => {
        if (/limit/i.test(query.sql))
          pageQueries.push({ sql: query.sql, bindings: query.bindings ?? [] });
      };
      for (const sort of [
        'severity',
        'rule',
        'category',
        'file',
        'firstSeen',
        'lastSeen',
        'resolvedAt',
      ] as const) {
        for (const [limit, offsets] of [
          [100, [0]],
          [4, [0, 4, 8]],
        ] as const) {
          const items = [];
          for (const offset of offsets) {
            knex.on('query', onQuery);
            const page = await store.listFindings(
              orders,
              { status: 'all', sort, limit, offset },
              3000,
            );
            knex.off('query', onQuery);
            expect(page.totalCount).toBe(9);
            items.push(...page.items);
          }
          expect({ sort, limit, waiverIds: waiverIds(items) }).toEqual({
            sort,
            limit,
            waiverIds: expected,
          });
        }
      }
      const expectedOpen = Object.fromEntries(
        Object.entries(expected).filter(
          ([fingerprint]) => fingerprint !== 'enc-3',
        ),
      );
      expect(
        waiverIds(
          (
            await store.listFindings(
              orders,
              { status: 'open', waived: true, limit: 100, offset: 0 },
              3000,
            )
          ).items,
        ),
      ).toEqual({
        'dlq-1': waiverId(10),
        'dlq-2': waiverId(20),
        'dlq-3': waiverId(11),
        'iam-1': waiverId(13),
        'iam-3': waiverId(40),
      });
      expect(
        waiverIds(
          (
            await store.listFindings(
              billing,
              { status: 'all', limit: 100, offset: 0 },
              3000,
            )
          ).items,
        ),
      ).toEqual(
        Object.fromEntries(
          findings.map(f => [
            f.fingerprint,
            {
              'enc-1': waiverId(17),
              'enc-2': waiverId(18),
              'enc-3': waiverId(18),
            }[f.fingerprint],
          ]),
        ),
      );

      const exportQueries: { sql: string; bindings: unknown[] }[] = [];
      const onExportQuery = (query: { sql: string; bindings?: unknown[] }) => {
        exportQueries.push({ sql: query.sql, bindings: query.bindings ?? [] });
      };
      knex.on('query', onExportQuery);
      const open = await store.listOpenFindings(orders, 3000);
      knex.off('query', onExportQuery);
      // In the export's order (file, line, rule), with the list's waiver ids and fields.
      expect(open.map(f => f.fingerprint)).toEqual(
        findings.filter(f => f.fingerprint !== 'enc-3').map(f => f.fingerprint),
      );
      expect(waiverIds(open)).toEqual(expectedOpen);
      const listed = (
        await store.listFindings(
          orders,
          { status: 'open', sort: 'file', limit: 100, offset: 0 },
          3000,
        )
      ).items;
      expect(open).toEqual(listed);
      expect(waiverIds(await store.listOpenFindings(billing, 3000))).toEqual({
        'dlq-1': undefined,
        'dlq-2': undefined,
        'dlq-3': undefined,
        'iam-1': undefined,
        'iam-2': undefined,
        'iam-3': undefined,
        'enc-1': waiverId(17),
        'enc-2': waiverId(18),
        'enc-3': waiverId(18),
      });
      // The export reads the waivers in a query of their own, once, and the findings without them.
      expect(exportQueries.filter(q => /waivers/.test(q.sql))).toHaveLength(1);
      expect(
        exportQueries.filter(
          q => /findings/.test(q.sql) && /waivers/.test(q.sql),
        ),
      ).toEqual([]);
      // Findings alike in file, line and rule come in one order (the database's parallel sort may not keep one).
      expect(
        exportQueries
          .filter(q => /findings/.test(q.sql))
          .map(q => /order by .*/i.exec(q.sql)?.[0].replace(/[`"]/g, '')),
      ).toEqual([
        `order by f.file${
          databaseId.startsWith('POSTGRES') ? ' collate C' : ''
        }, f.line asc, f.rule_id asc, f.id asc`,
      ]);

      // On PostgreSQL, the waiver subquery of a page runs over the page's rows, above the limit: never for every finding sorted.
      if (!databaseId.startsWith('POSTGRES')) return;
      type PlanNode = {
        'Node Type': string;
        'Relation Name'?: string;
        Plans?: PlanNode[];
      };
      const nodes = (node: PlanNode): PlanNode[] => [
        node,
        ...(node.Plans ?? []).flatMap(nodes),
      ];
      const underLimits = await Promise.all(
        pageQueries.map(async ({ sql, bindings }) => {
          const result = await knex.raw(
            `explain (format json) ${sql.replace(/\$\d+/g, '?')}`,
            bindings as any[],
          );
          const plan: PlanNode = result.rows[0]['QUERY PLAN'][0].Plan;
          const limit = nodes(plan).find(node => node['Node Type'] === 'Limit');
          expect(limit).toBeDefined();
          return nodes(limit!).filter(
            node => node['Relation Name'] === 'waivers',
          ).length;
        }),
      );
      expect(underLimits.length).toBeGreaterThan(0);
      expect(underLimits.filter(n => n > 0)).toEqual([]);
    });

    it("lists and returns a waiver of one finding with that finding, of its own entity only; a rule's waiver without one", async () => {
      const { store } = await databases.initStore(databaseId);
      // Two entities with a finding of the same fingerprint each.
      for (const [name, resourceId, line] of [
        ['orders', 'OrdersFunction', 12],
        ['payments', 'PaymentsFunction', 40],
      ] as const) {
        const entityRef = await addComponent(store, name);
        await scanOf(store, entityRef, {
          scanId: `scan-${name}`,
          findings: [
            finding({
              line,
              resourceId,
              message: `${resourceId} has no dead-letter queue`,
              fingerprint: 'shared-fingerprint',
            }),
          ],
        });
      }
      const entityRef = 'component:default/orders';
      const { waiver: ofFinding } = await grantWaiver(store, {
        entityRef,
        fingerprint: 'shared-fingerprint',
      });
      await grantWaiver(store, {
        id: waiverId(2),
        entityRef,
        ruleId: 'IAM-004',
        now: 3000,
      });
      await grantWaiver(store, {
        id: waiverId(3),
        entityRef,
        fingerprint: 'gone',
        now: 4000,
      });
      const waived = {
        id: expect.any(Number),
        ruleId: 'DLQ-001',
        severity: 'high',
        status: 'open',
        file: 'template.yaml',
        line: 12,
        resourceId: 'OrdersFunction',
        resourceType: 'AWS::Lambda::Function',
      };
      expect(ofFinding.finding).toEqual(waived);
      const page = await store.listWaivers({ entityRef }, 10, 0, 5000);
      expect(page.totalCount).toBe(3);
      expect(page.items.map(w => [w.id, w.finding])).toEqual([
        ['00000000-0000-4000-8000-000000000003', undefined],
        ['00000000-0000-4000-8000-000000000002', undefined],
        ['00000000-0000-4000-8000-000000000001', waived],
      ]);
      // Every entity's waivers, the visible ones and the active ones filtered as before.
      const visible = await store.listWaivers(
        { visible: [entityRef], active: true },
        10,
        0,
        5000,
      );
      expect(
        visible.items.map(
          w => w.finding?.resourceId ?? w.ruleId ?? w.fingerprint,
        ),
      ).toEqual(['gone', 'IAM-004', 'OrdersFunction']);
      expect(
        (
          await store.listWaivers(
            { visible: ['component:default/payments'] },
            10,
            0,
            5000,
          )
        ).totalCount,
      ).toBe(0);
      const revoked = await store.revokeWaiver(
        ofFinding.id,
        'user:default/owner',
        6000,
      );
      expect(revoked.finding).toEqual(waived);
      expect(
        (
          await store.listWaivers({ entityRef, active: false }, 10, 0, 7000)
        ).items.map(w => w.finding?.resourceId),
      ).toEqual(['OrdersFunction']);
    });

    it('answers a waiver already granted instead of a second one, one of two identical requests at once included', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      let ids = 0;
      const request = (
        changes: Partial<Parameters<ComplianceStore['createWaiver']>[0]> = {},
      ) =>
        grantWaiver(store, {
          id: waiverId(++ids),
          entityRef,
          ruleId: 'DLQ-001',
          now: 1000,
          expiresAt: 5000,
          ...changes,
        });

      // Each request's transaction kept open past its look-up and insert, so
      // that the other's look-up runs before it commits unless it waits for it.
      const refresh = (ComplianceStore.prototype as any).refreshEntityScoreIn;
      const slowRefresh = jest
        .spyOn(ComplianceStore.prototype as any, 'refreshEntityScoreIn')
        .mockImplementation(async function slow(
          this: ComplianceStore,
          ...args: unknown[]
        ) {
          await new Promise(resolve => setTimeout(resolve, 200));
          return refresh.apply(this, args);
        });
      let together: Awaited<ReturnType<typeof request>>[];
      try {
        together = await Promise.all([request(), request()]);
      } finally {
        slowRefresh.mockRestore();
      }
      expect(together.map(answer => answer.created).sort()).toEqual([
        false,
        true,
      ]);
      const [granted] = together.map(answer => answer.waiver);
      expect(together[1].waiver).toEqual(granted);
      expect(await request({ now: 2000 })).toEqual({
        waiver: granted,
        created: false,
      });
      expect(await knex('waivers').pluck('id')).toEqual([granted.id]);

      // Another scope, reason, expiry or author is another waiver.
      const others = [
        { ruleId: undefined, fingerprint: 'abcdef12' },
        { reason: 'accepted risk, reviewed' },
        { expiresAt: 6000 },
        { expiresAt: undefined },
        { author: 'user:default/alice' },
      ];
      for (const changes of others) {
        expect({ changes, created: (await request(changes)).created }).toEqual({
          changes,
          created: true,
        });
      }
      // As is the same request once the waiver is revoked, or expired.
      await store.revokeWaiver(granted.id, 'user:default/owner', 3000);
      const renewed = await request({ now: 4000 });
      expect(renewed.created).toBe(true);
      expect((await request({ now: 5000 })).created).toBe(true);
      expect(Number((await knex('waivers').count({ n: '*' }).first())!.n)).toBe(
        1 + others.length + 2,
      );
    });

    it('revokes a waiver once when two revocations arrive together', async () => {
      const { store } = await databases.initStore(databaseId);
      await addComponent(store, 'orders');
      const { waiver } = await grantWaiver(store, {
        entityRef: 'component:default/orders',
        ruleId: 'DLQ-001',
        now: 1,
      });
      const results = await Promise.allSettled([
        store.revokeWaiver(waiver.id, 'user:default/alice', 2),
        store.revokeWaiver(waiver.id, 'user:default/bob', 3),
      ]);
      const revoked = results.flatMap(result =>
        result.status === 'fulfilled' ? [result.value] : [],
      );
      const refused = results.flatMap(result =>
        result.status === 'rejected' ? [result.reason] : [],
      );
      expect(revoked).toHaveLength(1);
      expect(refused).toEqual([
        expect.objectContaining({ name: 'ConflictError' }),
      ]);
      // The answer and the row agree on who revoked it.
      expect(await store.getWaiver(waiver.id, 4)).toMatchObject({
        active: false,
        revokedBy: revoked[0].revokedBy,
        revokedAt: revoked[0].revokedAt,
      });
    });

    it("records a failed scan whose lock another scan took over without making it the entity's last scan", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      for (const id of ['slow-scan', 'new-scan']) {
        await store.createScan({
          id,
          entityRef,
          trigger: 'schedule',
          status: 'running',
          now: 0,
        });
      }
      expect(await store.claimEntity(entityRef, 'slow-scan', 0, 1000)).toEqual({
        claimed: true,
      });
      await store.heartbeat(entityRef, 'slow-scan', 800);
      // The slow scan ran past the lock timeout: the next one takes the lock
      // over, and marks it ended at its last beat.
      expect(
        await store.claimEntity(entityRef, 'new-scan', 5000, 1000),
      ).toEqual({ claimed: true });
      expect(await store.getScan('slow-scan')).toMatchObject({
        status: 'failed',
        finishedAt: new Date(800).toISOString(),
      });
      await store.failScan(
        'slow-scan',
        entityRef,
        'its commit lost the lock',
        6000,
      );
      expect(
        await knex('entities').where('entity_ref', entityRef).first(),
      ).toMatchObject({
        lock_scan_id: 'new-scan',
        last_scan_id: null,
      });
      expect((await store.getScan('slow-scan'))!.status).toBe('failed');

      // Or the new scan finished first: the slow one failing later does not replace it.
      await store.failScan(
        'slow-scan',
        entityRef,
        'its commit lost the lock',
        6500,
      );
      await knex('entities').where('entity_ref', entityRef).update({
        lock_scan_id: null,
        lock_at: null,
        last_scan_id: 'new-scan',
        last_scan_status: 'succeeded',
        last_scan_at: 6200,
      });
      await store.failScan(
        'slow-scan',
        entityRef,
        'its commit lost the lock',
        6800,
      );
      expect(
        await knex('entities').where('entity_ref', entityRef).first(),
      ).toMatchObject({
        last_scan_id: 'new-scan',
        last_scan_status: 'succeeded',
      });
      await knex('entities').where('entity_ref', entityRef).update({
        lock_scan_id: 'new-scan',
        last_scan_id: null,
        last_scan_status: null,
        last_scan_at: null,
      });

      // The scan holding the lock fails: it is the last scan, and the lock is free.
      await store.failScan(
        'new-scan',
        entityRef,
        'unreadable repository',
        7000,
      );
      expect(
        await knex('entities').where('entity_ref', entityRef).first(),
      ).toMatchObject({
        lock_scan_id: null,
        last_scan_id: 'new-scan',
        last_scan_status: 'failed',
      });
    });

    it('lists the snapshots of one instant in the order they were taken, the last of a page of one the latest', async () => {
      const { store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      // Two scans ending in the same millisecond: the first opens a
      // finding, the second resolves it.
      await scanOf(store, entityRef, {
        scanId: 'scan-1',
        at: 5000,
        findings: [finding()],
      });
      await scanOf(store, entityRef, { scanId: 'scan-2', at: 5000 });
      const scanIds = async (limit: number) =>
        (await store.getHistory(entityRef, { since: 0, limit })).snapshots.map(
          snapshot => snapshot.scanId,
        );
      expect(await scanIds(10)).toEqual(['scan-1', 'scan-2']);
      expect(await scanIds(1)).toEqual(['scan-2']);
    });

    it("stores a failed scan's error, in its row and the entity's, without the credentials of a URL it quotes, before cutting it to its column", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const location =
        'https://deploy:s3cr3t@GitLab.example.com/acme/orders/-/tree/main/infra?private_token=s3cr3t';
      await startScan(store, entityRef, {
        scanId: 'failing-scan',
        source: { type: 'url', target: location },
      });
      // A long error whose column would cut the URL in its password
      // (`https://deploy:s3`).
      const padding = 'x'.repeat(3982);
      await store.failScan(
        'failing-scan',
        entityRef,
        `${padding} ${location} could not be read as https://deploy:s3cr3t@gitlab.example.com/api/v4/projects/acme%2Forders`,
        5000,
      );
      const stored = [
        (await knex('scans').where('id', 'failing-scan').first()).error,
        (await knex('entities').where('entity_ref', entityRef).first())
          .last_scan_error,
      ];
      const withoutCredentials = `${padding} https://GitLab.example.com/acme/orders/-/tree/main/infra`;
      expect(stored).toEqual([
        withoutCredentials.slice(0, 4000),
        withoutCredentials.slice(0, 4000),
      ]);
    });

    it("cuts a failed scan's error to 4000 characters, not in the middle of one written in two UTF-16 units", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      await startScan(store, entityRef, { scanId: 'failing-scan' });
      // An emoji is two UTF-16 units: cut between them, the error ended in
      // half of one, which the database stores as U+FFFD.
      const error = `${'x'.repeat(3999)}\u{1F525} and what follows`;
      await store.failScan('failing-scan', entityRef, error, 5000);
      const stored = [
        (await knex('scans').where('id', 'failing-scan').first()).error,
        (await knex('entities').where('entity_ref', entityRef).first())
          .last_scan_error,
      ];
      expect(stored).toEqual([
        `${'x'.repeat(3999)}\u{1F525}`,
        `${'x'.repeat(3999)}\u{1F525}`,
      ]);
    });

    it("reports the entity's scan under way while it is queued or holds a fresh lock, its last scan set only once it ends, one whose process stopped as the last scan, failed", async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const lockTimeoutMs = 60_000;
      const runningAt = (now: number, staleAfterMs = lockTimeoutMs) =>
        store.settleActiveScans(entityRef, now, staleAfterMs);
      const lastScanId = async (now: number) =>
        (await store.getEntityScorecard(entityRef, now))?.lastScan?.id;
      const commit = (scanId: string, at: number) =>
        store.commitScan(scanWrite(entityRef, { scanId, at }));
      expect(await runningAt(0)).toBeUndefined();

      // The scheduler's scan: claimed, then recorded running.
      await startScan(store, entityRef, {
        scanId: 'scan-1',
        at: 1000,
        lockTimeoutMs,
      });
      expect(await runningAt(2000)).toEqual({
        id: 'scan-1',
        entityRef,
        trigger: 'schedule',
        status: 'running',
        createdAt: new Date(1000).toISOString(),
        startedAt: new Date(1000).toISOString(),
      });
      expect(await lastScanId(2000)).toBeUndefined();
      await commit('scan-1', 3000);
      expect(await runningAt(4000)).toBeUndefined();
      expect(await lastScanId(4000)).toBe('scan-1');

      // Queued on demand: under way until lockTimeout after it was queued,
      // as queueScan counts it.
      await store.queueScan({
        id: 'scan-2',
        entityRef,
        trigger: 'manual',
        requestedBy: 'user:default/alice',
        status: 'queued',
        now: 10_000,
        staleAfterMs: lockTimeoutMs,
      });
      expect(await runningAt(11_000, 1000)).toMatchObject({
        id: 'scan-2',
        status: 'queued',
      });

      // Running, its lock refreshed by its heartbeat: under way until
      // lockTimeout after its last beat.
      await store.claimEntity(entityRef, 'scan-2', 12_000, lockTimeoutMs);
      await store.markScanRunning('scan-2', 12_000, {
        type: 'url',
        target: 'https://github.com/acme/orders',
      });
      await store.heartbeat(entityRef, 'scan-2', 50_000);
      expect(await runningAt(50_000 + lockTimeoutMs)).toMatchObject({
        id: 'scan-2',
        status: 'running',
        startedAt: new Date(12_000).toISOString(),
      });
      expect(await lastScanId(50_000 + lockTimeoutMs)).toBe('scan-1');
      // Its beats stopped (its process died): no longer under way, marked
      // failed as the next scan would mark it, ended at its last beat, and
      // the entity's last scan, its lock released.
      expect(await runningAt(50_001 + lockTimeoutMs)).toBeUndefined();
      expect(await store.getScan('scan-2')).toMatchObject({
        status: 'failed',
        error: 'Interrupted: the scan stopped without finishing',
        finishedAt: new Date(50_000).toISOString(),
      });
      expect(await store.getScan('scan-2')).not.toHaveProperty('durationMs');
      expect(await lastScanId(50_001 + lockTimeoutMs)).toBe('scan-2');
      expect(
        await knex('entities').where('entity_ref', entityRef).first(),
      ).toMatchObject({
        last_scan_status: 'failed',
        last_scan_error: 'Interrupted: the scan stopped without finishing',
        lock_scan_id: null,
        lock_at: null,
      });

      // The next scan: under way.
      await startScan(store, entityRef, {
        scanId: 'scan-3',
        at: 200_000,
        lockTimeoutMs,
      });
      expect(await runningAt(201_000)).toMatchObject({ id: 'scan-3' });
      await commit('scan-3', 202_000);
      expect(await runningAt(203_000)).toBeUndefined();
      expect(await lastScanId(203_000)).toBe('scan-3');
    });

    it('answers a scan whose process stopped as failed when its status is read, and one alive or ended as it is, without writing', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      const lockTimeoutMs = 60_000;
      const statusAt = async (scanId: string, now: number) =>
        store.settleScan((await store.getScan(scanId))!, now, lockTimeoutMs);
      await startScan(store, entityRef, {
        scanId: 'scan-1',
        at: 1000,
        lockTimeoutMs,
      });
      await store.heartbeat(entityRef, 'scan-1', 5000);

      // Its lock fresh: running, as stored.
      expect(await statusAt('scan-1', 5000 + lockTimeoutMs)).toMatchObject({
        id: 'scan-1',
        status: 'running',
      });
      expect((await store.getScan('scan-1'))!.status).toBe('running');

      // Its beats stopped (the backend died): failed as it is read, once,
      // ended when it was last known to run (its last beat), not when found.
      const interrupted = {
        id: 'scan-1',
        status: 'failed',
        error: 'Interrupted: the scan stopped without finishing',
        finishedAt: new Date(5000).toISOString(),
      };
      expect(await statusAt('scan-1', 5001 + lockTimeoutMs)).toMatchObject(
        interrupted,
      );
      expect(await statusAt('scan-1', 9000 + lockTimeoutMs)).toMatchObject(
        interrupted,
      );
      // The entity's last scan, as failScan would record it, its lock released.
      expect(
        await knex('entities').where('entity_ref', entityRef).first(),
      ).toMatchObject({
        last_scan_id: 'scan-1',
        last_scan_status: 'failed',
        last_scan_error: 'Interrupted: the scan stopped without finishing',
        lock_scan_id: null,
        lock_at: null,
      });
      expect(
        Number(
          (await knex('entities').where('entity_ref', entityRef).first())
            .last_scan_at,
        ),
      ).toBe(5000);

      // Queued, not claimed: failed once queued longer than lockTimeout ago,
      // as queueScan counts it.
      await store.queueScan({
        id: 'scan-2',
        entityRef,
        trigger: 'manual',
        status: 'queued',
        now: 100_000,
        staleAfterMs: lockTimeoutMs,
      });
      expect(await statusAt('scan-2', 100_000 + lockTimeoutMs)).toMatchObject({
        status: 'queued',
      });
      expect(await statusAt('scan-2', 100_001 + lockTimeoutMs)).toMatchObject({
        status: 'failed',
        finishedAt: new Date(100_000).toISOString(),
      });
      expect(
        (await store.getEntityScorecard(entityRef, 100_001 + lockTimeoutMs))
          ?.lastScan,
      ).toMatchObject({
        id: 'scan-2',
        status: 'failed',
        error: 'Interrupted: the scan stopped without finishing',
      });
    });

    it.each(['read of its status', 'next scan queued'])(
      'marks a scan whose process stopped failed without making it the last scan when a later one ended, at the %s',
      async settledBy => {
        const { knex, store } = await databases.initStore(databaseId);
        const entityRef = await addComponent(store, 'orders');
        const lockTimeoutMs = 60_000;
        // Queued on demand; its backend stopped before it claimed the entity.
        await store.queueScan({
          id: 'queued-scan',
          entityRef,
          trigger: 'manual',
          status: 'queued',
          now: 1000,
          staleAfterMs: lockTimeoutMs,
        });
        // The scheduler's scan, claimed after it, ends.
        await startScan(store, entityRef, {
          scanId: 'later-scan',
          at: 2000,
          lockTimeoutMs,
        });
        await store.failScan('later-scan', entityRef, 'unreadable', 3000);

        const now = 1001 + lockTimeoutMs;
        if (settledBy === 'read of its status') {
          await store.settleScan(
            (await store.getScan('queued-scan'))!,
            now,
            lockTimeoutMs,
          );
        } else {
          await store.queueScan({
            id: 'next-scan',
            entityRef,
            trigger: 'manual',
            status: 'queued',
            now,
            staleAfterMs: lockTimeoutMs,
          });
        }
        expect(await store.getScan('queued-scan')).toMatchObject({
          status: 'failed',
          error: 'Interrupted: the scan stopped without finishing',
        });
        expect(
          await knex('entities').where('entity_ref', entityRef).first(),
        ).toMatchObject({
          last_scan_id: 'later-scan',
          last_scan_status: 'failed',
          last_scan_error: 'unreadable',
        });
        expect(
          Number(
            (await knex('entities').where('entity_ref', entityRef).first())
              .last_scan_at,
          ),
        ).toBe(3000);
      },
    );

    it('fails a scan while another transaction holds the entity row and marks that scan stale, without a deadlock', async () => {
      const { knex, store } = await databases.initStore(databaseId);
      const entityRef = await addComponent(store, 'orders');
      await store.createScan({
        id: 'stale-scan',
        entityRef,
        trigger: 'schedule',
        status: 'running',
        now: 0,
      });
      // As queueScan does: the entity's row, then the stale scan's row.
      const queueing = await knex.transaction();
      let entityRow = queueing('entities').where('entity_ref', entityRef);
      if (databaseId.startsWith('POSTGRES')) entityRow = entityRow.forUpdate();
      await entityRow.first('entity_ref');
      const failing = store
        .failScan('stale-scan', entityRef, 'its replica stopped', 10_000)
        .then(
          () => 'failed',
          e => String(e),
        );
      await new Promise(resolve => setTimeout(resolve, 300)); // failScan waits for the entity's row
      const marked = await queueing('scans')
        .where('id', 'stale-scan')
        .update({ status: 'failed', error: 'Interrupted' })
        .then(
          () => 'marked',
          e => String(e),
        );
      await queueing.commit();
      expect({ marked, failing: await failing }).toEqual({
        marked: 'marked',
        failing: 'failed',
      });
    });
  },
);
