import type { CreateWaiverRequest, Waiver } from '../api';
import { FakeInfraComplianceApi } from './FakeInfraComplianceApi';

const entity = { kind: 'component', namespace: 'default', name: 'orders' };

describe('FakeInfraComplianceApi.createWaiver', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a request already granted with its waiver, as the backend does', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T00:00:00.000Z') });
    const api = new FakeInfraComplianceApi();
    const request: CreateWaiverRequest = {
      ruleId: 'DLQ-001',
      reason: 'accepted risk',
      expiresAt: '2026-12-02T00:00:00.000Z',
    };
    // Another author's alike grants nothing to the fake's user.
    const byAlice: Waiver = {
      id: '0e9d8c7b-0000-4000-8000-000000000001',
      entityRef: 'component:default/orders',
      ...request,
      author: 'user:default/alice',
      createdAt: '2026-11-30T00:00:00.000Z',
      active: true,
    };
    api.waiverRecords = [byAlice];
    const granted = await api.createWaiver(entity, request);
    expect(granted).toMatchObject({ author: 'user:default/guest' });
    expect(granted.id).not.toBe(byAlice.id);
    // A retry, its reason padded and its expiry the same instant in another offset.
    const retry = await api.createWaiver(
      { ...entity, name: 'Orders' },
      {
        ...request,
        reason: '  accepted risk ',
        expiresAt: '2026-12-02T01:00:00+01:00',
      },
    );
    expect(retry).toEqual(granted);
    expect(api.waiverRecords.map(waiver => waiver.id)).toEqual([
      granted.id,
      byAlice.id,
    ]);

    // Another scope, reason or expiry is another waiver.
    const others: CreateWaiverRequest[] = [
      { fingerprint: 'abcdef12', reason: 'accepted risk' },
      { ...request, reason: 'accepted risk, reviewed' },
      { ...request, expiresAt: '2026-12-03T00:00:00.000Z' },
      { ...request, expiresAt: undefined },
    ];
    for (const other of others) {
      expect((await api.createWaiver(entity, other)).id).not.toBe(granted.id);
    }
    expect(api.waiverRecords).toHaveLength(2 + others.length);

    // As is the same request once the waiver is revoked, or expired.
    await api.revokeWaiver(granted.id);
    const renewed = await api.createWaiver(entity, request);
    expect(renewed.id).not.toBe(granted.id);
    jest.setSystemTime(Date.parse('2026-12-02T00:00:00.000Z'));
    expect((await api.createWaiver(entity, request)).id).not.toBe(renewed.id);
    expect(api.waiverRecords).toHaveLength(2 + others.length + 2);
  });
});
