import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * The entity refs each principal may read, kept for a short while. Under a
 * conditional catalog read policy the backend asks the catalog which
 * entities a user sees: one page of the UI sends several list requests at
 * once, and paging or sorting a table sends more, each of which would
 * otherwise list the whole catalog. Concurrent requests of one principal
 * share one answer; a failed answer is not kept. A change in what a user
 * may read shows after at most `ttlMs`.
 */
export class VisibilityCache {
  private readonly entries = new Map<
    string,
    { expires: number; refs: Promise<string[]> }
  >();

  constructor(
    private readonly options: {
      ttlMs: number;
      /** Principals kept at most; the least recently listed are dropped first. */
      maxEntries: number;
      now: () => number;
    },
  ) {}

  refs(
    credentials: BackstageCredentials,
    list: () => Promise<string[]>,
  ): Promise<string[]> {
    if (this.options.ttlMs <= 0) return list();
    const key = principalKey(credentials);
    const now = this.options.now();
    const cached = this.entries.get(key);
    if (cached && cached.expires > now) return cached.refs;
    this.entries.delete(key);
    const entry = { expires: now + this.options.ttlMs, refs: list() };
    this.entries.set(key, entry);
    entry.refs.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    // A Map iterates in insertion order: the first keys are the oldest.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
    return entry.refs;
  }
}

function principalKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return `user:${principal.userEntityRef}`;
  if (principal.type === 'service') return `service:${principal.subject}`;
  return principal.type;
}
