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

  it('deletes old unchanged and failed scans, batch by batch, but each entity\'s last scan, a lock holder and successful scans', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ComplianceStore(knex);
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
        { entityRef: `component:default/${name}`, kind: 'Component', namespace: 'default', name, scannable: true },
        now,
      );
    }
    await knex('entities').where('name', 'orders').update({ last_scan_id: 'last-of-orders' });
    await knex('entities').where('name', 'payments').update({ lock_scan_id: 'lock-of-payments', lock_at: now });

    expect(await store.pruneScans(now - 90 * day, { batchSize: 2 })).toBe(3);
    expect((await knex('scans').orderBy('id').pluck('id'))).toEqual([
      'last-of-orders',
      'lock-of-payments',
      'old-running',
      'old-succeeded',
      'recent-unchanged',
    ]);
    expect(await store.pruneScans(now - 90 * day, { batchSize: 2 })).toBe(0);
  });

  it('stops deleting old scans between batches once the signal is aborted', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ComplianceStore(knex);
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

  it('writes a thousand findings whose lines moved in a few statements, their lifecycle intact', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ComplianceStore(knex);
    const entityRef = 'component:default/orders';
    await store.upsertEntity({ entityRef, kind: 'Component', namespace: 'default', name: 'orders', scannable: true }, 0);
    const findings = (shift: number) =>
      Array.from({ length: 1000 }, (_, i) => ({
        ruleId: 'DLQ-001',
        severity: 'high' as const,
        category: 'dlq' as const,
        file: `stack${i % 10}.yaml`,
        line: 10 + i + shift,
        resourceId: `Worker${i}`,
        resourceType: 'AWS::Lambda::Function',
        message: `Worker${i} has no dead-letter queue`,
        remediation: '',
        fingerprint: i.toString(16).padStart(8, '0'),
        confidence: 'high' as const,
        format: 'cloudformation' as const,
      }));
    const commit = async (scanId: string, at: number, shift: number) => {
      await store.claimEntity(entityRef, scanId, at, 60_000);
      await store.createScan({ id: scanId, entityRef, trigger: 'schedule', status: 'running', now: at });
      let statements = 0;
      const count = () => {
        statements += 1;
      };
      knex.on('query', count);
      try {
        return {
          counts: await store.commitScan({
            scanId,
            entityRef,
            now: at,
            finishedAt: at,
            engineSignature: 'test',
            findings: findings(shift),
            checks: [],
            filesScanned: 10,
            filesSkipped: 0,
          }),
          statements,
        };
      } finally {
        knex.off('query', count);
      }
    };
    await commit('scan-1', 1000, 0);
    // A line added at the top of every file: each finding moved one line down.
    const moved = await commit('scan-2', 2000, 1);
    expect(moved.counts).toMatchObject({ findings: 1000, new: 0, reopened: 0, resolved: 0 });
    expect(moved.statements).toBeLessThan(40);
    const rows = await knex('findings').where('entity_ref', entityRef).orderBy('fingerprint');
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

  it('lists open, waived and suppressed findings as the scorecard counts them', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ComplianceStore(knex);
    const entityRef = 'component:default/orders';
    await store.upsertEntity({ entityRef, kind: 'Component', namespace: 'default', name: 'orders', scannable: true }, 0);
    const finding = (name: string, suppressed: boolean) => ({
      ruleId: 'DLQ-001',
      severity: 'high' as const,
      category: 'dlq' as const,
      file: 'template.yaml',
      line: 1,
      resourceId: name,
      resourceType: 'AWS::Lambda::Function',
      message: `${name} has no dead-letter queue`,
      remediation: '',
      fingerprint: name,
      confidence: 'high' as const,
      format: 'cloudformation' as const,
      ...(suppressed && { suppressed: { kind: 'inline' as const, reason: 'replayed upstream' } }),
    });
    await store.claimEntity(entityRef, 'scan-1', 1000, 60_000);
    await store.createScan({ id: 'scan-1', entityRef, trigger: 'schedule', status: 'running', now: 1000 });
    await store.commitScan({
      scanId: 'scan-1',
      entityRef,
      now: 1000,
      finishedAt: 1000,
      engineSignature: 'test',
      findings: [
        finding('Plain', false),
        finding('Suppressed', true),
        finding('Waived', false),
        finding('SuppressedAndWaived', true),
      ],
      checks: [],
      filesScanned: 1,
      filesSkipped: 0,
    });
    for (const [i, fingerprint] of ['Waived', 'SuppressedAndWaived'].entries()) {
      await store.createWaiver({
        id: `00000000-0000-4000-8000-00000000000${i + 1}`,
        entityRef,
        fingerprint,
        reason: 'accepted risk',
        author: 'user:default/owner',
        now: 2000,
      });
    }
    const names = async (query: { waived?: boolean; suppressed?: boolean }) =>
      (await store.listFindings(entityRef, { status: 'open', sort: 'rule', limit: 10, offset: 0, ...query }, 3000)).items
        .map(f => f.resourceId)
        .sort();
    // The queries of the Compliance tab's Open, Waived and Suppressed filters.
    expect(await names({ waived: false, suppressed: false })).toEqual(['Plain']);
    expect(await names({ waived: true, suppressed: false })).toEqual(['Waived']);
    expect(await names({ suppressed: true })).toEqual(['Suppressed', 'SuppressedAndWaived']);
    expect(await store.getEntityScorecard(entityRef, 3000)).toMatchObject({
      open: { total: 1 },
      waived: 1,
      suppressed: 2,
    });
  });

  it('revokes a waiver once when two revocations arrive together', async () => {
    const knex = await databases.init(databaseId);
    await applyDatabaseMigrations(knex);
    const store = new ComplianceStore(knex);
    await store.upsertEntity(
      { entityRef: 'component:default/orders', kind: 'Component', namespace: 'default', name: 'orders', scannable: true },
      0,
    );
    const waiver = await store.createWaiver({
      id: '00000000-0000-4000-8000-000000000001',
      entityRef: 'component:default/orders',
      ruleId: 'DLQ-001',
      reason: 'accepted risk',
      author: 'user:default/owner',
      now: 1,
    });
    const results = await Promise.allSettled([
      store.revokeWaiver(waiver.id, 'user:default/alice', 2),
      store.revokeWaiver(waiver.id, 'user:default/bob', 3),
    ]);
    const revoked = results.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []));
    const refused = results.flatMap(result => (result.status === 'rejected' ? [result.reason] : []));
    expect(revoked).toHaveLength(1);
    expect(refused).toEqual([expect.objectContaining({ name: 'ConflictError' })]);
    // The answer and the row agree on who revoked it.
    expect(await store.getWaiver(waiver.id, 4)).toMatchObject({
      active: false,
      revokedBy: revoked[0].revokedBy,
      revokedAt: revoked[0].revokedAt,
    });
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
