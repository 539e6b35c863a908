import { promises as fs } from 'node:fs';
import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEFAULT_CONFIG } from '../config';
import { ComplianceStore } from '../database/ComplianceStore';
import { applyDatabaseMigrations } from '../database/migrations';
import {
  TEMPLATE_NO_DLQ,
  componentEntity,
  makeRepo,
  makeTempDir,
} from '../__testUtils__/fixtures';
import { EntityScanner } from './EntityScanner';
import { OrgScanner } from './OrgScanner';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  const store = new ComplianceStore(knex);
  const logger = mockServices.logger.mock();
  const scanner = new EntityScanner({
    store,
    urlReader: mockServices.urlReader.mock(),
    logger,
    lockTimeoutMs: 60_000,
  });
  return { knex, store, logger, scanner };
}

describe.each(databases.eachSupportedId())('OrgScanner on %p', databaseId => {
  let root: string;
  beforeEach(async () => {
    root = await makeTempDir();
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('marks entities the catalog no longer has, but keeps those of other kinds it still has', async () => {
    const { knex, store, logger, scanner } = await setup(databaseId);
    const orders = componentEntity('orders', {
      dir: await makeRepo(root, 'orders', TEMPLATE_NO_DLQ),
    });
    const platform = componentEntity('platform', { kind: 'System' });
    // Known from earlier: a component and a system since deleted, and a
    // system registered when someone opened its page.
    for (const entity of [
      componentEntity('deleted'),
      componentEntity('retired', { kind: 'System' }),
      platform,
    ]) {
      await scanner.register(entity);
    }
    const org = new OrgScanner({
      config: DEFAULT_CONFIG,
      catalog: catalogServiceMock({ entities: [orders, platform] }),
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
      ['system:default/platform', true],
      ['system:default/retired', false],
    ]);
  });

  it('keeps entities of other kinds when the catalog cannot say whether it still has them', async () => {
    const { knex, store, logger, scanner } = await setup(databaseId);
    await scanner.register(componentEntity('deleted'));
    await scanner.register(componentEntity('platform', { kind: 'System' }));
    const catalog = catalogServiceMock.mock({
      queryEntities: async () => ({ items: [], totalItems: 0, pageInfo: {} }),
      getEntitiesByRefs: async () => {
        throw new Error('catalog unavailable');
      },
    });
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
      ['system:default/platform', true],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog unavailable'),
    );
  });
});
