/**
 * Test databases dropped after each test. Backstage's `TestDatabases` drops
 * all of a file's databases in one `afterAll` of 60 seconds; on PostgreSQL
 * each drop waits for a checkpoint, and the ~40 databases of a large test
 * file outlast it on a loaded machine.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';

/** The connection `TestDatabases` itself reads for PostgreSQL 15. */
const POSTGRES_CONNECTION_VARIABLE =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

async function dropDatabase(knex: Knex): Promise<void> {
  const { client, connection } = knex.client.config;
  await knex.destroy();
  const connectionString = process.env[POSTGRES_CONNECTION_VARIABLE];
  if (client !== 'pg' || !connectionString) return;
  const admin = knexFactory({ client: 'pg', connection: connectionString });
  try {
    await admin.raw('DROP DATABASE IF EXISTS ??', [connection.database]);
  } finally {
    await admin.destroy();
  }
}

/**
 * SQLite and PostgreSQL 15 (when configured), as `TestDatabases.create`
 * gives them, for databases made inside a test or its `beforeEach`: each is
 * dropped after the test that made it.
 */
export function createTestDatabases(): Pick<
  TestDatabases,
  'init' | 'eachSupportedId'
> {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const madeInTest: Knex[] = [];
  afterEach(async () => {
    for (const knex of madeInTest.splice(0)) await dropDatabase(knex);
  });
  return {
    eachSupportedId: () => databases.eachSupportedId(),
    async init(id: TestDatabaseId) {
      const knex = await databases.init(id);
      madeInTest.push(knex);
      return knex;
    },
  };
}

/**
 * Resolves once `commit`, a write started while a read is under way, has
 * committed, or is waiting for that read to end. On PostgreSQL it has a
 * connection of its own and commits. On SQLite it needs the one connection
 * there is: free between two statements, it commits; held by a read in a
 * transaction, the write waits in the pool until the read ends (awaited,
 * it would wait for ever).
 */
export async function commitDuringRead(
  knex: Knex,
  commit: Promise<unknown>,
): Promise<void> {
  if (knex.client.config.client === 'pg') {
    await commit;
    return;
  }
  let settled = false;
  commit.then(
    () => (settled = true),
    () => (settled = true),
  );
  const pool = knex.client.pool as { numPendingAcquires(): number };
  while (!settled && pool.numPendingAcquires() === 0) {
    await new Promise(resolve => setImmediate(resolve));
  }
}
