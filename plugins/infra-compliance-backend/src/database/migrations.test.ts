import { createTestDatabases } from '../__testUtils__/databases';
import { Knex } from 'knex';
import { migrationsDirectory } from './migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** A table's indexes, by name, with their columns in order. */
async function indexesOf(
  knex: Knex,
  table: string,
): Promise<Record<string, string[]>> {
  const indexes: Record<string, string[]> = {};
  if (knex.client.config.client === 'pg') {
    const { rows } = await knex.raw(
      `SELECT i.relname AS name, a.attname AS column_name
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, position)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace
        ORDER BY i.relname, k.position`,
      [table],
    );
    for (const row of rows) (indexes[row.name] ??= []).push(row.column_name);
    return indexes;
  }
  for (const { name } of await knex.raw(`PRAGMA index_list('${table}')`)) {
    const columns = await knex.raw(`PRAGMA index_info('${name}')`);
    indexes[name] = columns.map((column: { name: string }) => column.name);
  }
  return indexes;
}

/**
 * That `migration` adds `column` to the scans, null on a scan from before
 * it and `value` on one after, and back down drops it, the scans and the
 * table's indexes kept.
 */
async function expectScansColumnAdded(
  knex: Knex,
  migration: string,
  column: string,
  value: string,
) {
  const directory = migrationsDirectory();
  await knex.migrate.latest({ directory });
  const indexes = await indexesOf(knex, 'scans');
  // The database as it was before the migration.
  await knex.migrate.down({ directory, name: migration });
  expect(await knex.schema.hasColumn('scans', column)).toBe(false);
  const scan = (id: string) => ({
    id,
    entity_ref: 'component:default/a',
    trigger: 'schedule',
    status: 'succeeded',
    created_at: 0,
  });
  await knex('scans').insert(scan('before'));

  await knex.migrate.up({ directory, name: migration });
  await knex('scans').insert({ ...scan('after'), [column]: value });
  expect(await knex('scans').orderBy('id').select('id', column)).toEqual([
    { id: 'after', [column]: value },
    { id: 'before', [column]: null },
  ]);

  await knex.migrate.down({ directory, name: migration });
  expect(await knex.schema.hasColumn('scans', column)).toBe(false);
  expect(await knex('scans').orderBy('id').pluck('id')).toEqual([
    'after',
    'before',
  ]);
  expect(await indexesOf(knex, 'scans')).toEqual(indexes);
}

/** The definition of the index `name` after its `USING btree` on PostgreSQL; undefined on SQLite. */
async function postgresIndexDefinition(
  knex: Knex,
  name: string,
): Promise<string | undefined> {
  if (knex.client.config.client !== 'pg') return undefined;
  const { rows } = await knex.raw(
    'select pg_get_indexdef(?::regclass) as definition',
    [name],
  );
  return rows[0].definition.replace(/^.* USING btree /, '');
}

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('migrate up step by step (backfilling the roll-up aggregates) and back down', async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    await knex.migrate.up({ directory });
    await knex('entities').insert({
      entity_ref: 'component:default/a',
      kind: 'Component',
      namespace: 'default',
      name: 'a',
      updated_at: 0,
    });
    const finding = (
      fingerprint: string,
      status: string,
      suppressed = false,
    ) => ({
      entity_ref: 'component:default/a',
      fingerprint,
      status,
      rule_id: 'DLQ-001',
      severity: 'high',
      severity_rank: 1,
      category: 'dlq',
      format: 'cloudformation',
      confidence: 'high',
      file: 'template.yaml',
      line: 3,
      resource_id: `R${fingerprint}`,
      resource_type: 'AWS::Lambda::Function',
      message: 'm',
      suppressed,
      first_seen_at: 1000,
      last_seen_at: 5000,
      resolved_at: status === 'resolved' ? 4000 : null,
      first_scan_id: 's1',
      last_scan_id: 's2',
    });
    await knex('findings').insert([
      finding('aa', 'open'),
      finding('bb', 'open', true),
      finding('cc', 'resolved'),
    ]);

    await knex.migrate.latest({ directory });
    const counts = await knex('entity_rule_counts').select();
    expect(
      counts.map(row => ({
        ...row,
        open: Number(row.open),
        suppressed: Number(row.suppressed),
      })),
    ).toEqual([
      {
        entity_ref: 'component:default/a',
        rule_id: 'DLQ-001',
        category: 'dlq',
        severity: 'high',
        open: 1,
        waived: 0,
        suppressed: 1,
      },
    ]);
    const entity = await knex('entities').first();
    expect(Number(entity.remediated_count)).toBe(1);
    expect(Number(entity.remediation_ms_sum)).toBe(3000);

    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('findings')).toBe(false);
    expect(await knex.schema.hasTable('entity_rule_counts')).toBe(false);
  });

  it("fills each entity's last completed scan, succeeded or unchanged, from the scans kept, and back down", async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    const migration = '20261205000000_entities_last_completed_scan.js';
    await knex.migrate.latest({ directory });
    // The database as it was before the migration.
    await knex.migrate.down({ directory, name: migration });
    for (const name of ['orders', 'payments', 'docs'])
      await knex('entities').insert({
        entity_ref: `component:default/${name}`,
        kind: 'Component',
        namespace: 'default',
        name,
        updated_at: 0,
      });
    const scan = (
      id: string,
      name: string,
      status: string,
      finishedAt: number | null,
    ) => ({
      id,
      entity_ref: `component:default/${name}`,
      trigger: 'schedule',
      status,
      created_at: 0,
      finished_at: finishedAt,
    });
    await knex('scans').insert([
      scan('orders-succeeded', 'orders', 'succeeded', 1000),
      scan('orders-unchanged', 'orders', 'unchanged', 2000),
      scan('orders-failed', 'orders', 'failed', 3000),
      scan('orders-running', 'orders', 'running', null),
      scan('payments-unchanged', 'payments', 'unchanged', 1000),
      scan('payments-succeeded', 'payments', 'succeeded', 2000),
      scan('docs-failed', 'docs', 'failed', 1000),
    ]);

    await knex.migrate.up({ directory, name: migration });
    expect(
      await knex('entities')
        .orderBy('name')
        .select('name', 'last_completed_scan_id'),
    ).toEqual([
      { name: 'docs', last_completed_scan_id: null },
      { name: 'orders', last_completed_scan_id: 'orders-unchanged' },
      { name: 'payments', last_completed_scan_id: 'payments-succeeded' },
    ]);

    await knex.migrate.down({ directory, name: migration });
    expect(
      await knex.schema.hasColumn('entities', 'last_completed_scan_id'),
    ).toBe(false);
  });

  it('fills the sort key of every entity from its title, else its name, accents and case aside, and back down', async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    const migration = '20261206000000_entities_sort_name.js';
    await knex.migrate.latest({ directory });
    const indexes = await indexesOf(knex, 'entities');
    // The database as it was before the migration.
    await knex.migrate.down({ directory, name: migration });
    const entities: [string, string | null][] = [
      ['zed', 'Éb'],
      ['alpha', null],
      ['e2', 'éa'],
      ['b', 'ZÜRICH ﬁles'],
    ];
    for (const [name, title] of entities)
      await knex('entities').insert({
        entity_ref: `component:default/${name}`,
        kind: 'Component',
        namespace: 'default',
        name,
        title,
        updated_at: 0,
      });

    await knex.migrate.up({ directory, name: migration });
    expect(
      await knex('entities').orderBy('sort_name').select('name', 'sort_name'),
    ).toEqual([
      { name: 'alpha', sort_name: 'alpha' },
      { name: 'e2', sort_name: 'ea' },
      { name: 'zed', sort_name: 'eb' },
      { name: 'b', sort_name: 'zurich files' },
    ]);
    expect(await indexesOf(knex, 'entities')).toEqual(indexes);

    await knex.migrate.down({ directory, name: migration });
    expect(await knex.schema.hasColumn('entities', 'sort_name')).toBe(false);
    expect(Number((await knex('entities').count({ n: '*' }).first())!.n)).toBe(
      4,
    );
  });

  // eslint-disable-next-line jest/expect-expect -- the assertions are expectScansColumnAdded's
  it("adds the scans' coverage, null on the scans before it, and back down, the scans and their indexes kept", async () => {
    await expectScansColumnAdded(
      await databases.init(databaseId),
      '20261205000002_scans_coverage.js',
      'coverage',
      JSON.stringify({
        skipped: [{ path: 'binary.yaml', reason: 'binary file' }],
        notModelled: [],
      }),
    );
  });

  it('indexes the scans by status and creation time for the retention, and back down', async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    await knex.migrate.latest({ directory });
    const indexes = await indexesOf(knex, 'scans');
    expect(indexes.ic_scans_status_created_idx).toEqual([
      'status',
      'created_at',
    ]);
    expect(indexes.ic_scans_status_idx).toBeUndefined();

    await knex.migrate.down({
      directory,
      name: '20261204000000_scans_status_created_index.js',
    });
    const before = await indexesOf(knex, 'scans');
    expect(before.ic_scans_status_idx).toEqual(['status']);
    expect(before.ic_scans_status_created_idx).toBeUndefined();
  });

  // eslint-disable-next-line jest/expect-expect -- the assertions are expectScansColumnAdded's
  it("adds the scans' unused suppressions, null on the scans before it, and back down, the scans and their indexes kept", async () => {
    await expectScansColumnAdded(
      await databases.init(databaseId),
      '20261206000002_scans_unused_suppressions.js',
      'unused_suppressions',
      JSON.stringify({
        items: [
          {
            file: 'template.yaml',
            line: 17,
            resourceId: 'ReadPolicy',
            ruleId: 'IAM-003',
          },
        ],
      }),
    );
  });

  // eslint-disable-next-line jest/expect-expect -- the assertions are expectScansColumnAdded's
  it('adds the warnings of the config a scan read, null on the scans before it, and back down, the scans and their indexes kept', async () => {
    await expectScansColumnAdded(
      await databases.init(databaseId),
      '20261207000003_scans_config_warnings.js',
      'config_warnings',
      JSON.stringify([
        {
          file: '.infra-compliance.yaml',
          line: 2,
          message:
            'rules.disable names DLQ-001 more than once (DLQ-001, dlq-001): once is enough',
        },
      ]),
    );
  });

  it('indexes the score snapshots by entity and date with their counts for the timelines, and back down', async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    await knex.migrate.latest({ directory });
    const indexes = await indexesOf(knex, 'score_snapshots');
    expect(indexes.ic_snapshots_entity_timeline_idx).toEqual([
      'entity_ref',
      'taken_at',
      'new_count',
      'reopened_count',
      'resolved_count',
      'opened_count',
      'resolved_open_count',
    ]);
    expect(indexes.ic_snapshots_entity_idx).toBeUndefined();

    await knex.migrate.down({
      directory,
      name: '20261207000001_opened_open_counts.js',
    });
    await knex.migrate.down({
      directory,
      name: '20261207000000_snapshots_timeline_index.js',
    });
    const before = await indexesOf(knex, 'score_snapshots');
    expect(before.ic_snapshots_entity_idx).toEqual(['entity_ref', 'taken_at']);
    expect(before.ic_snapshots_entity_timeline_idx).toBeUndefined();
  });

  it('adds the open counts of the findings a scan opened to the scans and the snapshots, null on the rows before it, and back down, the rows and the other indexes kept', async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    const migration = '20261207000001_opened_open_counts.js';
    await knex.migrate.latest({ directory });
    const scanIndexes = await indexesOf(knex, 'scans');
    // The database as it was before the migration.
    await knex.migrate.down({ directory, name: migration });
    const snapshotIndexes = await indexesOf(knex, 'score_snapshots');
    const scan = (id: string) => ({
      id,
      entity_ref: 'component:default/a',
      trigger: 'schedule',
      status: 'succeeded',
      created_at: 0,
      findings_new: 3,
      findings_reopened: 1,
    });
    const snapshot = (scanId: string) => ({
      scan_id: scanId,
      entity_ref: 'component:default/a',
      taken_at: 1000,
      new_count: 3,
      reopened_count: 1,
    });
    await knex('scans').insert(scan('before'));
    await knex('score_snapshots').insert(snapshot('before'));

    await knex.migrate.up({ directory, name: migration });
    await knex('scans').insert({
      ...scan('after'),
      findings_new_open: 2,
      findings_reopened_open: 0,
      findings_resolved_open: 4,
    });
    await knex('score_snapshots').insert({
      ...snapshot('after'),
      opened_count: 2,
      resolved_open_count: 4,
    });
    expect(
      await knex('scans')
        .orderBy('id')
        .select(
          'id',
          'findings_new_open',
          'findings_reopened_open',
          'findings_resolved_open',
        ),
    ).toEqual([
      {
        id: 'after',
        findings_new_open: 2,
        findings_reopened_open: 0,
        findings_resolved_open: 4,
      },
      {
        id: 'before',
        findings_new_open: null,
        findings_reopened_open: null,
        findings_resolved_open: null,
      },
    ]);
    expect(
      await knex('score_snapshots')
        .orderBy('scan_id')
        .select('scan_id', 'opened_count', 'resolved_open_count'),
    ).toEqual([
      { scan_id: 'after', opened_count: 2, resolved_open_count: 4 },
      { scan_id: 'before', opened_count: null, resolved_open_count: null },
    ]);
    expect(await indexesOf(knex, 'scans')).toEqual(scanIndexes);
    // The timeline index holds the new count too; the others are as they were.
    expect(await indexesOf(knex, 'score_snapshots')).toEqual({
      ...snapshotIndexes,
      ic_snapshots_entity_timeline_idx: [
        ...snapshotIndexes.ic_snapshots_entity_timeline_idx,
        'opened_count',
        'resolved_open_count',
      ],
    });

    await knex.migrate.down({ directory, name: migration });
    expect(await knex.schema.hasColumn('scans', 'findings_new_open')).toBe(
      false,
    );
    expect(await knex.schema.hasColumn('scans', 'findings_reopened_open')).toBe(
      false,
    );
    expect(await knex.schema.hasColumn('score_snapshots', 'opened_count')).toBe(
      false,
    );
    for (const [table, column] of [
      ['scans', 'findings_resolved_open'],
      ['score_snapshots', 'resolved_open_count'],
    ])
      expect(await knex.schema.hasColumn(table, column)).toBe(false);
    expect(await knex('scans').orderBy('id').pluck('id')).toEqual([
      'after',
      'before',
    ]);
    expect(
      await knex('score_snapshots').orderBy('scan_id').pluck('scan_id'),
    ).toEqual(['after', 'before']);
    expect(await indexesOf(knex, 'score_snapshots')).toEqual(snapshotIndexes);
  });

  it('indexes the entities that cannot be scanned by ref, byte by byte, on PostgreSQL only, and back down', async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    await knex.migrate.latest({ directory });
    const isPostgres = databaseId.startsWith('POSTGRES');
    // SQLite's primary key is in byte order already.
    expect(
      (await indexesOf(knex, 'entities')).ic_entities_unscannable_ref_idx,
    ).toEqual(isPostgres ? ['entity_ref'] : undefined);
    // In byte order, of the entities that cannot be scanned only.
    expect(
      await postgresIndexDefinition(knex, 'ic_entities_unscannable_ref_idx'),
    ).toEqual(
      isPostgres
        ? '(entity_ref COLLATE "C") WHERE (in_catalog AND (NOT scannable))'
        : undefined,
    );

    await knex.migrate.down({
      directory,
      name: '20261206000001_entities_unscannable_ref_index.js',
    });
    expect(
      (await indexesOf(knex, 'entities')).ic_entities_unscannable_ref_idx,
    ).toBeUndefined();
  });

  it('indexes the entities with open findings by rule, on PostgreSQL only, and back down', async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    await knex.migrate.latest({ directory });
    const isPostgres = databaseId.startsWith('POSTGRES');
    // SQLite probes the primary key (entity_ref, rule_id) per entity.
    expect(
      (await indexesOf(knex, 'entity_rule_counts'))
        .ic_rule_counts_open_rule_idx,
    ).toEqual(isPostgres ? ['rule_id', 'entity_ref'] : undefined);
    // Of the rows with open findings only, as the filter asks for them.
    expect(
      await postgresIndexDefinition(knex, 'ic_rule_counts_open_rule_idx'),
    ).toEqual(
      isPostgres ? '(rule_id, entity_ref) WHERE (open > 0)' : undefined,
    );

    await knex.migrate.down({
      directory,
      name: '20261207000002_rule_counts_open_rule_index.js',
    });
    expect(
      (await indexesOf(knex, 'entity_rule_counts'))
        .ic_rule_counts_open_rule_idx,
    ).toBeUndefined();
    expect(
      (await indexesOf(knex, 'entity_rule_counts'))[
        isPostgres
          ? 'entity_rule_counts_pkey'
          : 'sqlite_autoindex_entity_rule_counts_1'
      ],
    ).toEqual(['entity_ref', 'rule_id']);
  });

  it('indexes the findings by resolved date, most recent first, on PostgreSQL only, and back down', async () => {
    const knex = await databases.init(databaseId);
    const directory = migrationsDirectory();
    await knex.migrate.latest({ directory });
    const indexes = await indexesOf(knex, 'findings');
    // SQLite reads the index on (entity_ref, resolved_at) backwards in that order.
    expect(indexes.ic_findings_entity_resolved_desc_idx).toEqual(
      databaseId.startsWith('POSTGRES')
        ? ['entity_ref', 'resolved_at', 'id']
        : undefined,
    );
    expect(indexes.ic_findings_entity_resolved_idx).toEqual([
      'entity_ref',
      'resolved_at',
    ]);

    await knex.migrate.down({
      directory,
      name: '20261205000001_findings_resolved_desc_index.js',
    });
    const before = await indexesOf(knex, 'findings');
    expect(before.ic_findings_entity_resolved_desc_idx).toBeUndefined();
    expect(before.ic_findings_entity_resolved_idx).toEqual([
      'entity_ref',
      'resolved_at',
    ]);
  });
});
