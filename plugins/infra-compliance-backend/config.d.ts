import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Infra Compliance backend plugin: which catalog entities are scanned, when,
   * and how. Every key is optional.
   */
  infraCompliance?: {
    /**
     * Catalog kinds whose entities are scanned (case-insensitive).
     * Default: ['Component'].
     */
    kinds?: string[];

    /**
     * The org-wide scan: when it runs. Defaults: frequency { hours: 6 },
     * timeout { hours: 1 }, initialDelay { minutes: 1 }. Durations are
     * HumanDuration objects ({ minutes: 30 }), ISO 8601 strings ('PT30M') or
     * { cron: '0 3 * * *' } for the frequency.
     */
    schedule?: {
      /** How often the org-wide scan runs. */
      frequency?: { cron: string } | string | HumanDuration;
      /**
       * How long one shard's run may take before it is aborted; a run of
       * the new-entity sweep and a scan on demand too (it then fails, and
       * the entity can be scanned again).
       * Positive, at most 24 days.
       */
      timeout?: string | HumanDuration;
      /** Delay before the first run after the backend starts. */
      initialDelay?: string | HumanDuration;
    };

    /**
     * Number of shards the org-wide scan is split into. Each shard is a
     * separate global scheduler task (`infra-compliance-scan-shard-<i>-of-<n>`),
     * so several backend replicas share one org-wide scan; every entity
     * belongs to exactly one shard (stable hash of its entity ref). Default: 1.
     */
    shards?: number;

    /** Entities scanned at the same time inside one shard. Default: 4. */
    concurrency?: number;

    /**
     * The org-wide scan marks the known entities the catalog no longer lists
     * as removed (they leave the overview and the roll-ups until the catalog
     * lists them again; nothing is deleted). When the catalog lists more
     * than this percentage fewer entities of the configured kinds than are
     * known (an empty listing included), a catalog being rebuilt, a wrong
     * filter or a service token that lost read access is more likely than a
     * clean-up: that run marks none removed, and logs a warning. 0 to 100;
     * 100 turns the check off. Default: 50.
     */
    maxCatalogShrinkPercentage?: number;

    /**
     * Scans entities that have never been scanned (new in the catalog) soon
     * after they appear, without waiting for the next org-wide scan (the
     * global scheduler task `infra-compliance-scan-new-entities`).
     */
    newEntities?: {
      /** Default: true. */
      enabled?: boolean;
      /** How often the catalog is checked for new entities. Default: { minutes: 5 }. */
      frequency?: string | HumanDuration;
      /** Delay before the first check after the backend starts. Default: { seconds: 30 }. */
      initialDelay?: string | HumanDuration;
    };

    /**
     * A per-entity scan lock not refreshed for this long is considered
     * abandoned (the replica holding it died) and the scan it belonged to is
     * marked failed. A running scan refreshes its lock (a heartbeat) every
     * quarter of this. Positive, at most 24 days. Default: { minutes: 2 }.
     */
    lockTimeout?: string | HumanDuration;

    /**
     * How long scans that changed nothing are kept: unchanged and failed
     * scans older than this are deleted once a day, but for each entity's
     * last scan (its last failure stays visible) and its last completed
     * scan (the results are as of it). Successful scans, which
     * findings and the score history refer to, are kept. Default
     * { days: 90 }.
     */
    scanRetention?: string | HumanDuration;

    /**
     * Largest number of rows a list endpoint (entities, owners, findings,
     * scans, waivers, score history) returns per page (`limit` above it is
     * a 400). Default: 500. The UI's tables ask for pages of up to 100.
     */
    maxPageSize?: number;

    /**
     * Under a conditional catalog read policy (such as "owners only"), lists
     * and roll-ups count the entities the catalog lists for the user; that
     * list is reused for this long per user, so that a page's requests do
     * not each list the catalog. A change in what a user may read shows
     * after at most this long. Default: { seconds: 30 }; { seconds: 0 }
     * lists on every request.
     */
    visibilityCacheTtl?: string | HumanDuration;

    /**
     * How long an API request waits for the catalog (the entities a user may
     * read, an entity, a group's children, the titles a services search
     * looks for, a permission on an entity, which a conditional policy has
     * it decide). After it, a services search finds by names only and other
     * requests answer 503, rather than hang on a catalog that does not
     * answer. Positive, at most 24 days. Default: { seconds: 10 }.
     */
    catalogTimeout?: string | HumanDuration;

    /**
     * Notifications to a service's owners, sent through Backstage's
     * notifications backend (`@backstage/plugin-notifications-backend`,
     * which must be installed): after a successful scan that opened findings
     * (new, or back after being resolved), neither suppressed nor waived, of
     * `minSeverity` or worse, or, with `onGradeDrop`, that lowered the grade.
     * Never for an entity's first successful scan, nor for an unchanged or
     * failed one; after an upgrade of the engine, not for the findings of
     * rules the last scan checked nothing against, nor for a grade drop.
     */
    notifications?: {
      /** Default: false (the notifications backend may not be installed). */
      enabled?: boolean;
      /** The least severity of an opened finding that is told. Default: 'high'. */
      minSeverity?: 'critical' | 'high' | 'medium' | 'low';
      /**
       * Whether a drop of the grade (a scan's, or a waiver's expiry) is told
       * when no finding of `minSeverity` or worse opened. Default: true.
       */
      onGradeDrop?: boolean;
    };
    /**
     * Scan on push: an entity is scanned soon after a push to the branch
     * its source location reads, when the push changed a file under its
     * folder (or when the payload does not list the files). Pushes come
     * from Backstage's events system, as the webhook modules of
     * `@backstage/plugin-events-backend-module-github`, `-gitlab`,
     * `-bitbucket-cloud`, `-azure` and `-bitbucket-server` publish them
     * (topics `github.push`, `gitlab.push`, `bitbucketCloud.repo:push`,
     * `azureDevOps.git.push`, `bitbucketServer.repo:refs_changed`).
     */
    events?: {
      /**
       * Subscribe to those topics. Default: true (nothing happens where no
       * module publishes them).
       */
      enabled?: boolean;
    };
  };
}
