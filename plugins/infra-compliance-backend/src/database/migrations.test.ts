import { TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDirectory } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

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
});
