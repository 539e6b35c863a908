import { mockCredentials } from '@backstage/backend-test-utils';
import { VisibilityCache } from './VisibilityCache';

describe('VisibilityCache', () => {
  let clock = 0;
  const now = () => clock;
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');

  beforeEach(() => {
    clock = 0;
  });

  it('answers a principal from one listing until it expires', async () => {
    const cache = new VisibilityCache({ ttlMs: 30_000, maxEntries: 10, now });
    let listings = 0;
    const list = jest.fn(
      async (): Promise<string[]> => [`component:default/a${++listings}`],
    );
    expect(await cache.refs(alice, list)).toEqual(['component:default/a1']);
    clock = 29_999;
    expect(await cache.refs(alice, list)).toEqual(['component:default/a1']);
    clock = 30_000;
    expect(await cache.refs(alice, list)).toEqual(['component:default/a2']);
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('lists once for concurrent requests, and separately for each principal', async () => {
    const cache = new VisibilityCache({ ttlMs: 30_000, maxEntries: 10, now });
    const list = jest.fn(async () => ['component:default/a']);
    const service = mockCredentials.service('plugin:catalog');
    await Promise.all([
      cache.refs(alice, list),
      cache.refs(alice, list),
      cache.refs(bob, list),
      cache.refs(service, list),
      cache.refs(service, list),
    ]);
    expect(list).toHaveBeenCalledTimes(3);
  });

  it('does not keep a failed listing', async () => {
    const cache = new VisibilityCache({ ttlMs: 30_000, maxEntries: 10, now });
    await expect(
      cache.refs(alice, async () => {
        throw new Error('catalog unavailable');
      }),
    ).rejects.toThrow('catalog unavailable');
    expect(
      await cache.refs(alice, async () => ['component:default/a']),
    ).toEqual(['component:default/a']);
  });

  it('drops the oldest principals beyond its size', async () => {
    const cache = new VisibilityCache({ ttlMs: 30_000, maxEntries: 2, now });
    const list = jest.fn(async (): Promise<string[]> => []);
    const carol = mockCredentials.user('user:default/carol');
    await cache.refs(alice, list);
    await cache.refs(bob, list);
    await cache.refs(carol, list);
    await cache.refs(bob, list);
    await cache.refs(carol, list);
    expect(list).toHaveBeenCalledTimes(3);
    await cache.refs(alice, list);
    expect(list).toHaveBeenCalledTimes(4);
  });

  it('lists on every request with a time to live of zero', async () => {
    const cache = new VisibilityCache({ ttlMs: 0, maxEntries: 10, now });
    const list = jest.fn(async (): Promise<string[]> => []);
    await cache.refs(alice, list);
    await cache.refs(alice, list);
    expect(list).toHaveBeenCalledTimes(2);
  });
});
