import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_CONFIG } from '../config';
import {
  TEMPLATE_NO_DLQ,
  componentEntity,
  makeRepo,
  tempDirEachTest,
} from '../__testUtils__/fixtures';
import { EntityScanner } from './EntityScanner';
import { OrgScanner } from './OrgScanner';

jest.setTimeout(60_000);

const databases = createTestDatabases();

async function setup(databaseId: TestDatabaseId) {
  const { knex, store } = await databases.initStore(databaseId);
  const logger = mockServices.logger.mock();
  const scanner = new EntityScanner({
    store,
    urlReader: mockServices.urlReader.mock(),
    logger,
    lockTimeoutMs: 60_000,
    engineSignature: 'engine-1',
  });
  return { knex, store, logger, scanner };
}

describe.each(databases.eachSupportedId())('OrgScanner on %p', databaseId => {
  const root = tempDirEachTest();

  it('marks entities the catalog no longer has, and those of kinds that are not scanned', async () => {
    const { knex, store, logger, scanner } = await setup(databaseId);
    const orders = componentEntity('orders', {
      dir: await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ),
    });
    const platform = componentEntity('platform', { kind: 'Group' });
    // Known from earlier: a component since deleted, and a group an older
    // version registered when someone opened its page (as it stored them).
    await scanner.register(componentEntity('deleted'));
    await store.upsertEntity(
      {
        entityRef: 'group:default/platform',
        kind: 'Group',
        namespace: 'default',
        name: 'platform',
        scannable: true,
        sourceType: 'dir',
        sourceTarget: root(),
      },
      Date.now(),
    );
    const catalog = catalogServiceMock({ entities: [orders, platform] });
    const org = new OrgScanner({
      config: DEFAULT_CONFIG,
      catalog,
      auth: mockServices.auth(),
      store,
      scanner,
      logger,
    });
    await org.runShard(0, 1);
    const rows = await knex('entities').orderBy('entity_ref');
    expect(
      rows.map(row => [row.entity_ref, Boolean(Number(row.in_catalog))]),
    ).toEqual([
      ['component:default/deleted', false],
      ['component:default/orders', true],
      ['group:default/platform', false],
    ]);
    expect(await knex('scans').pluck('entity_ref')).toEqual([
      'component:default/orders',
    ]);
  });

  it('marks no entity removed when the catalog lists far fewer than are known (empty, being rebuilt, a token that lost access), with a warning; the next run that lists them again, or the check turned off, decides', async () => {
    const { knex, store, logger, scanner } = await setup(databaseId);
    const names = ['alpha', 'beta', 'gamma', 'delta'];
    const entities = names.map(name => componentEntity(name, { dir: root() }));
    for (const entity of entities) await scanner.register(entity);
    const runWith = async (
      listed: typeof entities,
      config: Partial<typeof DEFAULT_CONFIG> = {},
    ) => {
      logger.warn.mockClear();
      await new OrgScanner({
        config: { ...DEFAULT_CONFIG, ...config },
        catalog: catalogServiceMock({ entities: listed }),
        auth: mockServices.auth(),
        store,
        scanner,
        logger,
      }).runShard(0, 1);
    };
    const inOverview = async () =>
      (
        await store.listOverview({ limit: 10, offset: 0, sort: 'name' })
      ).items.map(item => item.name);

    // An empty listing, and one with a quarter (75% fewer than known).
    await runWith([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Infra Compliance: shard 1/1 marks no entity removed from the catalog on this run: the catalog listed 0 entities of kinds Component, 100% fewer than the 4 known, more than infraCompliance.maxCatalogShrinkPercentage (50). A catalog being rebuilt, a wrong catalog filter or a service token that may no longer read the entities lists fewer than there are; the next run checks again. If they were removed from the catalog (or infraCompliance.kinds changed), raise infraCompliance.maxCatalogShrinkPercentage (100: no limit) until a run has marked them.',
    );
    expect(await inOverview()).toEqual(names.slice().sort());
    await runWith(entities.slice(0, 1));
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'listed 1 entities of kinds Component, 75% fewer than the 4 known',
      ),
    );
    expect(await inOverview()).toEqual(names.slice().sort());
    expect((await store.rollup({ since: 0 })).entityCount).toBe(4);
    expect(
      await knex('entities').where('in_catalog', false).pluck('entity_ref'),
    ).toEqual([]);

    // Half as many as known is within the default limit: those it lacks go.
    await runWith(entities.slice(0, 2));
    expect(logger.warn).not.toHaveBeenCalled();
    expect(await inOverview()).toEqual(['alpha', 'beta']);

    // The check turned off: an empty listing is believed.
    await runWith([], { maxCatalogShrinkPercentage: 100 });
    expect(logger.warn).not.toHaveBeenCalled();
    expect(await inOverview()).toEqual([]);
    // No row is lost: listed again, they are back.
    await runWith(entities);
    expect(await inOverview()).toEqual(names.slice().sort());

    // A share not rounded to the limit it exceeds: 1 of 3 is 66.7% fewer.
    await runWith(entities.slice(0, 3), { maxCatalogShrinkPercentage: 100 });
    await runWith(entities.slice(0, 1), { maxCatalogShrinkPercentage: 66 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'listed 1 entities of kinds Component, 66.7% fewer than the 3 known, more than infraCompliance.maxCatalogShrinkPercentage (66)',
      ),
    );
    // Nor to a limit with a decimal: 4 of 7 is 57.14…% fewer, 57.1 read as the limit.
    const seven = [
      ...entities,
      ...['epsilon', 'zeta', 'eta'].map(name =>
        componentEntity(name, { dir: root() }),
      ),
    ];
    await runWith(seven, { maxCatalogShrinkPercentage: 100 });
    await runWith(seven.slice(0, 3), { maxCatalogShrinkPercentage: 57.1 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'listed 3 entities of kinds Component, 57.14% fewer than the 7 known, more than infraCompliance.maxCatalogShrinkPercentage (57.1)',
      ),
    );
  });

  it('scans the rest of the batch when the scan of one entity throws, and still marks removed entities', async () => {
    const { knex, store, logger, scanner } = await setup(databaseId);
    const entities = ['alpha', 'broken', 'gamma', 'delta'].map(name =>
      componentEntity(name, { dir: root() }),
    );
    await scanner.register(componentEntity('deleted'));
    const run = scanner.run.bind(scanner);
    // A database error before the scan could record anything (a dropped connection).
    jest
      .spyOn(scanner, 'run')
      .mockImplementation(async (entity, options) =>
        entity.metadata.name === 'broken'
          ? Promise.reject(new Error('Connection terminated unexpectedly'))
          : run(entity, options),
      );
    const org = new OrgScanner({
      // One worker: the throwing scan is not left behind by the others.
      config: { ...DEFAULT_CONFIG, concurrency: 1 },
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      store,
      scanner,
      logger,
    });
    await expect(org.runShard(0, 1)).resolves.toMatchObject({
      entities: 4,
      outcomes: { succeeded: 3, failed: 1 },
    });
    expect((await knex('scans').pluck('entity_ref')).sort()).toEqual([
      'component:default/alpha',
      'component:default/delta',
      'component:default/gamma',
    ]);
    const deleted = await knex('entities')
      .where('entity_ref', 'component:default/deleted')
      .first('in_catalog');
    expect(Boolean(Number(deleted.in_catalog))).toBe(false);
    // Worded as the failures a scan records itself (EntityScanner).
    expect(logger.error).toHaveBeenCalledWith(
      'Infra Compliance: scan of component:default/broken failed: Connection terminated unexpectedly',
    );

    // The sweep of new entities goes on past it too.
    await knex('scans').delete();
    await knex('entities').update({ last_scan_id: null });
    const outcomes = await org.scanNewEntities();
    expect(outcomes.map(outcome => outcome.status).sort()).toEqual([
      'failed',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(outcomes.find(outcome => outcome.status === 'failed')).toEqual({
      entityRef: 'component:default/broken',
      status: 'failed',
      reason: 'Connection terminated unexpectedly',
    });
  });

  it('scans the least recently scanned entities first, so that runs cut short by the timeout still reach every entity', async () => {
    const { knex, store, logger, scanner } = await setup(databaseId);
    const names = ['a', 'b', 'c', 'd', 'e'];
    const entities = names.map(name => componentEntity(name, { dir: root() }));
    const org = new OrgScanner({
      config: { ...DEFAULT_CONFIG, concurrency: 1 },
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      store,
      scanner,
      logger,
    });
    const run = scanner.run.bind(scanner);
    const scanned: string[] = [];
    // Each run times out after `budget` scans.
    const runCutShort = async (budget: number) => {
      const controller = new AbortController();
      let left = budget;
      const spy = jest
        .spyOn(scanner, 'run')
        .mockImplementation(async (entity, options) => {
          const outcome = await run(entity, options);
          scanned.push(entity.metadata.name);
          if (--left === 0) controller.abort();
          return outcome;
        });
      await org.runShard(0, 1, controller.signal);
      spy.mockRestore();
    };
    await scanner.register(componentEntity('deleted'));
    await runCutShort(2);
    // An entity gone from the catalog leaves the overview though the run was cut short.
    const deleted = await knex('entities')
      .where('entity_ref', 'component:default/deleted')
      .first('in_catalog');
    expect(Boolean(Number(deleted.in_catalog))).toBe(false);
    await runCutShort(2);
    await runCutShort(2);
    expect(scanned).toEqual(['a', 'b', 'c', 'd', 'e', 'a']);
    expect(
      Number(
        (
          await knex('entities')
            .whereNotNull('last_scan_id')
            .count({ n: '*' })
            .first()
        )?.n,
      ),
    ).toBe(5);
  });

  it('registers and scans an entity whose catalog title is longer than the column', async () => {
    const { knex, scanner } = await setup(databaseId);
    const entity = componentEntity('orders', {
      dir: await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ),
    });
    entity.metadata.title = `Orders ${'é'.repeat(300)}`;
    expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
      'succeeded',
    );
    const row = await knex('entities')
      .where('entity_ref', 'component:default/orders')
      .first('title');
    expect(row.title).toBe(entity.metadata.title.slice(0, 255));
  });

  it('neither registers nor scans an entity of a kind that is not configured', async () => {
    const { knex, scanner } = await setup(databaseId);
    const group = componentEntity('platform-team', {
      kind: 'Group',
      dir: await makeRepo(root(), 'platform-team', TEMPLATE_NO_DLQ),
    });
    const registered = await scanner.register(group);
    expect(registered.target).toBeUndefined();
    expect(registered.info.unscannableReason).toMatch(/kind Group/);
    expect(await scanner.enqueue(group, 'user:default/mock')).toEqual({
      unscannable: expect.stringMatching(
        /does not scan entities of kind Group/,
      ),
    });
    expect(await scanner.run(group, { trigger: 'manual' })).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/kind Group/),
    });
    expect(Number((await knex('entities').count({ n: '*' }).first())?.n)).toBe(
      0,
    );
    expect(await knex('scans').select()).toEqual([]);
  });
  it('leaves the figures of an entity that opted out out of the overview, the roll-ups and the owners, keeping its history', async () => {
    const { knex, store, scanner } = await setup(databaseId);
    const dir = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
    const orders = componentEntity('orders', { dir, owner: 'team-a' });
    const payments = componentEntity('payments', {
      dir: await makeRepo(root(), 'payments', TEMPLATE_NO_DLQ),
      owner: 'team-b',
    });
    expect((await scanner.run(orders, { trigger: 'schedule' })).status).toBe(
      'succeeded',
    );
    expect((await scanner.run(payments, { trigger: 'schedule' })).status).toBe(
      'succeeded',
    );
    const before = await store.rollup({ since: 0 });
    expect(before.scannedCount).toBe(2);
    const paymentsOpen = (
      await store.listOverview({ limit: 10, offset: 0, sort: 'name' })
    ).items[1].open!.total;
    expect(paymentsOpen).toBeGreaterThan(0);

    // orders opts out: the next scan only records that.
    const skipped = componentEntity('orders', {
      dir,
      owner: 'team-a',
      annotations: { 'infra-compliance/skip': 'true' },
    });
    expect((await scanner.run(skipped, { trigger: 'schedule' })).status).toBe(
      'skipped',
    );

    const overview = await store.listOverview({
      limit: 10,
      offset: 0,
      sort: 'score',
    });
    expect(overview.totalCount).toBe(2);
    expect(overview.items[1]).toMatchObject({
      entityRef: 'component:default/orders',
      grade: null,
      score: null,
      categoryScores: {},
      open: { total: 0 },
    });
    const graded = await store.listOverview({
      limit: 10,
      offset: 0,
      grades: ['A', 'B', 'C', 'D', 'E', 'F'],
    });
    expect(graded.items.map(item => item.name)).toEqual(['payments']);

    const rollup = await store.rollup({ since: 0 });
    expect(rollup).toMatchObject({
      entityCount: 2,
      scannedCount: 1,
      grades: { none: 1 },
    });
    expect(rollup.open.total).toBe(paymentsOpen);
    const team = await store.rollup({
      since: 0,
      owners: ['group:default/team-a'],
    });
    expect(team).toMatchObject({
      entityCount: 1,
      scannedCount: 0,
      averageScore: null,
      open: { total: 0 },
      openByCategory: {},
      topRules: [],
      timeline: [],
    });

    const owners = await store.listOwners({ limit: 10, offset: 0 });
    expect(
      owners.items.find(item => item.owner === 'group:default/team-a'),
    ).toEqual({
      owner: 'group:default/team-a',
      entityCount: 1,
      scannedCount: 0,
      averageScore: null,
      open: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
    });

    // Its history is kept: findings, scans and snapshots are still there.
    const openFindings = await knex('findings')
      .where({ entity_ref: 'component:default/orders', status: 'open' })
      .count({ n: '*' })
      .first();
    expect(Number(openFindings?.n)).toBeGreaterThan(0);
    expect(
      await knex('score_snapshots')
        .where('entity_ref', 'component:default/orders')
        .pluck('entity_ref'),
    ).toHaveLength(1);
  });
  it('sweeps an entity that cannot be scanned once, and again only when it changes', async () => {
    const { knex, store, logger, scanner } = await setup(databaseId);
    const docs = componentEntity('docs');
    let entities = [docs];
    const catalog = catalogServiceMock.mock({
      queryEntities: async () => ({
        items: entities,
        totalItems: entities.length,
        pageInfo: {},
      }),
    });
    const org = new OrgScanner({
      config: DEFAULT_CONFIG,
      catalog,
      auth: mockServices.auth(),
      store,
      scanner,
      logger,
    });
    expect(await org.scanNewEntities()).toEqual([
      expect.objectContaining({ status: 'skipped' }),
    ]);
    const upsert = jest.spyOn(store, 'upsertEntity');
    expect(await org.scanNewEntities()).toEqual([]);
    expect(await org.scanNewEntities()).toEqual([]);
    expect(upsert).not.toHaveBeenCalled();

    // The catalog entity changes: now it has a tree to scan.
    entities = [
      componentEntity('docs', {
        dir: await makeRepo(root(), 'docs', TEMPLATE_NO_DLQ),
      }),
    ];
    expect(await org.scanNewEntities()).toEqual([
      expect.objectContaining({ status: 'succeeded' }),
    ]);
    expect(await org.scanNewEntities()).toEqual([]);
    expect(await knex('scans').pluck('entity_ref')).toEqual([
      'component:default/docs',
    ]);
  });
  it('lists how many files the last successful scan found and skipped: 0 found for a service without infrastructure code, some skipped for one whose code cannot be read', async () => {
    const { store, scanner } = await setup(databaseId);
    const empty = path.join(root(), 'website');
    await fs.mkdir(empty);
    await fs.writeFile(path.join(empty, 'catalog-info.yaml'), '# website\n');
    await fs.writeFile(path.join(empty, 'index.html'), '<p>hello</p>\n');
    const orders = await makeRepo(root(), 'orders', TEMPLATE_NO_DLQ);
    // A CDK app in Python: code found, none of it read.
    const python = path.join(root(), 'ledger');
    await fs.mkdir(python);
    await fs.writeFile(
      path.join(python, 'cdk.json'),
      '{"app": "python3 app.py"}\n',
    );
    await fs.writeFile(path.join(python, 'app.py'), 'import aws_cdk\n');
    for (const entity of [
      componentEntity('website', { dir: empty }),
      componentEntity('orders', { dir: orders }),
      componentEntity('ledger', { dir: python }),
    ]) {
      expect((await scanner.run(entity, { trigger: 'schedule' })).status).toBe(
        'succeeded',
      );
    }
    await scanner.register(componentEntity('docs'));
    const { items } = await store.listOverview({
      limit: 10,
      offset: 0,
      sort: 'name',
    });
    expect(
      items.map(item => [
        item.name,
        item.score,
        item.lastSuccessFilesScanned,
        item.lastSuccessFilesSkipped,
      ]),
    ).toEqual([
      ['docs', null, undefined, undefined],
      ['ledger', null, 0, 1],
      ['orders', expect.any(Number), 1, 0],
      ['website', null, 0, 0],
    ]);
  });
});
