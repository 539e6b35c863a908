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

  it('marks entities the catalog no longer has, and those of kinds that are not scanned', async () => {
    const { knex, store, logger, scanner } = await setup(databaseId);
    const orders = componentEntity('orders', {
      dir: await makeRepo(root, 'orders', TEMPLATE_NO_DLQ),
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
        sourceTarget: root,
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

  it('neither registers nor scans an entity of a kind that is not configured', async () => {
    const { knex, scanner } = await setup(databaseId);
    const group = componentEntity('platform-team', {
      kind: 'Group',
      dir: await makeRepo(root, 'platform-team', TEMPLATE_NO_DLQ),
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
});
