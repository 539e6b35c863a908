/**
 * Test databases dropped after each test. Backstage's `TestDatabases` drops
 * all of a file's databases in one `afterAll` of 60 seconds; on PostgreSQL
 * each drop waits for a checkpoint, and the ~40 databases of a large test
 * file outlast it on a loaded machine.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { ComplianceStore } from '../database/ComplianceStore';
import { applyDatabaseMigrations } from '../database/migrations';

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

/** The test databases of a file (see {@link createTestDatabases}). */
export interface TestDatabasesOfFile
  extends Pick<TestDatabases, 'init' | 'eachSupportedId'> {
  /**
   * A new database of `id`, migrated, and the plugin's store on it (its
   * `logger`, if given, that of the store's warnings).
   */
  initStore(
    id: TestDatabaseId,
    logger?: LoggerService,
  ): Promise<{ knex: Knex; store: ComplianceStore }>;
}

/**
 * SQLite and PostgreSQL 15 (when configured), as `TestDatabases.create`
 * gives them, for databases made inside a test or its `beforeEach`: each is
 * dropped after the test that made it.
 */
export function createTestDatabases(): TestDatabasesOfFile {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const madeInTest: Knex[] = [];
  afterEach(async () => {
    for (const knex of madeInTest.splice(0)) await dropDatabase(knex);
  });
  const init = async (id: TestDatabaseId) => {
    const knex = await databases.init(id);
    madeInTest.push(knex);
    return knex;
  };
  return {
    eachSupportedId: () => databases.eachSupportedId(),
    init,
    async initStore(id, logger) {
      const knex = await init(id);
      await applyDatabaseMigrations(knex);
      return { knex, store: new ComplianceStore(knex, logger) };
    },
  };
}

/**
 * Resolves once `commit`, a write started while a read is under way, has
 * committed, or cannot commit before that read ends. `reader` is the
 * connection the read runs on: the `knex` of the store whose method is
 * reading (in a snapshot, its transaction).
 *
 * On PostgreSQL the write has a connection of its own, and commits. On
 * SQLite there is one connection: a read in a transaction holds it until
 * the read ends, and the write waits for it (awaited here, it would wait
 * for ever); a read outside one leaves it free between two statements, and
 * the write commits. Knex's public `isTransaction` tells the two apart (no
 * look into its pool): a read not in a transaction always awaits the write,
 * so a test of a snapshot that was dropped fails; and were `isTransaction`
 * lost in an upgrade, a read in one would wait for the write and time out.
 */
async function commitDuringRead(
  reader: Knex,
  commit: Promise<unknown>,
): Promise<void> {
  const client = reader.client.config.client;
  if (client === 'pg') {
    await commit;
    return;
  }
  if (client !== 'better-sqlite3' && client !== 'sqlite3') {
    throw new Error(
      `commitDuringRead knows SQLite and PostgreSQL, not ${client}`,
    );
  }
  if (reader.isTransaction) return;
  await commit;
}

/**
 * What `read` answers when `commit`, a write, is started as the store's
 * `method` (private or not) is first called, and commits during that read
 * as {@link commitDuringRead} lets it, before `method` goes on. Throws if
 * the read never calls `method`; resolves once the write has committed.
 */
export async function readWithCommitDuring<T>(options: {
  method: string;
  commit: () => Promise<unknown>;
  read: () => Promise<T>;
}): Promise<T> {
  const { method, commit, read } = options;
  const original = (ComplianceStore.prototype as any)[method];
  let committed: Promise<unknown> | undefined;
  const spy = jest
    .spyOn(ComplianceStore.prototype as any, method)
    .mockImplementationOnce(async function during(
      this: ComplianceStore,
      ...args: unknown[]
    ) {
      committed = commit();
      await commitDuringRead(this.knex, committed);
      return original.apply(this, args);
    });
  try {
    const answer = await read();
    if (!committed) {
      throw new Error(`The read never called ComplianceStore's ${method}`);
    }
    await committed;
    return answer;
  } finally {
    spy.mockRestore();
  }
}
