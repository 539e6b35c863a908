import { TestDatabases } from '@backstage/backend-test-utils';
import { ComplianceStore } from './ComplianceStore';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('ComplianceStore on %p', databaseId => {
  it('searches names and titles case-insensitively in any script, wildcards taken literally', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ComplianceStore(knex);
    const titles = ['ÉCOLE API', 'Straße Service', 'orders*', 'ordersX', 'a_b', 'a%b', '[beta] gateway'];
    for (const [index, title] of titles.entries()) {
      await store.upsertEntity(
        {
          entityRef: `component:default/e${index}`,
          kind: 'Component',
          namespace: 'default',
          name: `e${index}`,
          title,
          scannable: false,
        },
        0,
      );
    }
    const search = async (text: string) =>
      (await store.listOverview({ search: text, limit: 20, offset: 0 })).items.map(item => item.title);

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

  it('records a failed scan whose lock another scan took over without making it the entity\'s last scan', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ComplianceStore(knex);
    const entityRef = 'component:default/orders';
    await store.upsertEntity({ entityRef, kind: 'Component', namespace: 'default', name: 'orders', scannable: true }, 0);
    for (const id of ['slow-scan', 'new-scan']) {
      await store.createScan({ id, entityRef, trigger: 'schedule', status: 'running', now: 0 });
    }
    expect(await store.claimEntity(entityRef, 'slow-scan', 0, 1000)).toEqual({ claimed: true });
    // The slow scan ran past the lock timeout: the next one takes the lock over.
    expect(await store.claimEntity(entityRef, 'new-scan', 5000, 1000)).toEqual({ claimed: true });
    await store.failScan('slow-scan', entityRef, 'its commit lost the lock', 6000);
    expect(await knex('entities').where('entity_ref', entityRef).first()).toMatchObject({
      lock_scan_id: 'new-scan',
      last_scan_id: null,
    });
    expect((await store.getScan('slow-scan'))!.status).toBe('failed');

    // Or the new scan finished first: the slow one failing later does not replace it.
    await store.failScan('slow-scan', entityRef, 'its commit lost the lock', 6500);
    await knex('entities').where('entity_ref', entityRef).update({ lock_scan_id: null, lock_at: null, last_scan_id: 'new-scan', last_scan_status: 'succeeded', last_scan_at: 6200 });
    await store.failScan('slow-scan', entityRef, 'its commit lost the lock', 6800);
    expect(await knex('entities').where('entity_ref', entityRef).first()).toMatchObject({
      last_scan_id: 'new-scan',
      last_scan_status: 'succeeded',
    });
    await knex('entities').where('entity_ref', entityRef).update({ lock_scan_id: 'new-scan', last_scan_id: null, last_scan_status: null, last_scan_at: null });

    // The scan holding the lock fails: it is the last scan, and the lock is free.
    await store.failScan('new-scan', entityRef, 'unreadable repository', 7000);
    expect(await knex('entities').where('entity_ref', entityRef).first()).toMatchObject({
      lock_scan_id: null,
      last_scan_id: 'new-scan',
      last_scan_status: 'failed',
    });
  });

  it('fails a scan while another transaction holds the entity row and marks that scan stale, without a deadlock', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ComplianceStore(knex);
    const entityRef = 'component:default/orders';
    await store.upsertEntity({ entityRef, kind: 'Component', namespace: 'default', name: 'orders', scannable: true }, 0);
    await store.createScan({ id: 'stale-scan', entityRef, trigger: 'schedule', status: 'running', now: 0 });
    // As queueScan does: the entity's row, then the stale scan's row.
    const queueing = await knex.transaction();
    let entityRow = queueing('entities').where('entity_ref', entityRef);
    if (databaseId.startsWith('POSTGRES')) entityRow = entityRow.forUpdate();
    await entityRow.first('entity_ref');
    const failing = store.failScan('stale-scan', entityRef, 'its replica stopped', 10_000).then(() => 'failed', e => String(e));
    await new Promise(resolve => setTimeout(resolve, 300)); // failScan waits for the entity's row
    const marked = await queueing('scans')
      .where('id', 'stale-scan')
      .update({ status: 'failed', error: 'Interrupted' })
      .then(() => 'marked', e => String(e));
    await queueing.commit();
    expect({ marked, failing: await failing }).toEqual({ marked: 'marked', failing: 'failed' });
  });
});
