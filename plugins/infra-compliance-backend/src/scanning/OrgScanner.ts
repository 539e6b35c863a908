/**
 * The org-wide scan: every catalog entity of the configured kinds, split
 * into shards (each a global scheduler task, so backend replicas share the
 * work), scanned with bounded concurrency inside a shard. Also the
 * new-entity sweep: entities never scanned are scanned soon after they
 * appear in the catalog.
 */
import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScanTrigger } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { InfraComplianceConfig } from '../config';
import { ComplianceStore } from '../database/ComplianceStore';
import { describeError } from './describeError';
import { EntityScanner, ScanOutcome } from './EntityScanner';
import { normalizeEntityRef, resolveEntity, shardOf } from './targets';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';

/** Fields read from the catalog: what resolveEntity needs. */
export const ENTITY_FIELDS = ['kind', 'metadata', 'spec', 'relations'];

const PAGE_SIZE = 500;

export function shardTaskId(shard: number, shards: number): string {
  return `infra-compliance-scan-shard-${shard}-of-${shards}`;
}

export const NEW_ENTITIES_TASK_ID = 'infra-compliance-scan-new-entities';

/** Runs `work` over `items` with at most `concurrency` at a time. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(concurrency, items.length) },
    async () => {
      while (next < items.length && !signal?.aborted) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    },
  );
  await Promise.all(workers);
  return results;
}

export interface ShardSummary {
  shard: number;
  shards: number;
  entities: number;
  outcomes: Record<string, number>;
}

export class OrgScanner {
  constructor(
    private readonly options: {
      config: InfraComplianceConfig;
      catalog: CatalogService;
      auth: AuthService;
      store: ComplianceStore;
      scanner: EntityScanner;
      logger: LoggerService;
    },
  ) {}

  /** All catalog entities of the configured kinds, page by page. */
  async listEntities(): Promise<Entity[]> {
    const { catalog, auth, config } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const response = cursor
        ? await catalog.queryEntities(
            { cursor, limit: PAGE_SIZE, fields: ENTITY_FIELDS },
            { credentials },
          )
        : await catalog.queryEntities(
            {
              filter: { kind: config.kinds },
              limit: PAGE_SIZE,
              fields: ENTITY_FIELDS,
            },
            { credentials },
          );
      entities.push(...response.items);
      cursor = response.pageInfo.nextCursor;
    } while (cursor);
    return entities;
  }

  /**
   * Scans one entity of a batch. A scan records its own failures; one that
   * throws all the same (the database failed before the scan could record
   * anything) is logged and counted as failed, so that the rest of the
   * batch is scanned.
   */
  private async scanOne(
    entity: Entity,
    trigger: ScanTrigger,
    signal?: AbortSignal,
  ): Promise<ScanOutcome> {
    try {
      return await this.options.scanner.run(entity, { trigger, signal });
    } catch (error) {
      const entityRef = normalizeEntityRef(stringifyEntityRef(entity));
      const reason = describeError(error);
      this.options.logger.error(
        `Infra Compliance: scan of ${entityRef} failed: ${reason}`,
      );
      return { entityRef, status: 'failed', reason };
    }
  }

  /**
   * Whether the catalog's listing is trusted to tell which known entities
   * are gone: not when it is smaller than the known entities by more than
   * `maxCatalogShrinkPercentage` (an empty one included). A catalog being
   * rebuilt, a wrong filter or a service token that lost read access lists
   * few or none, and marking the rest removed would empty the overview and
   * the roll-ups until the next run. Compared over the whole catalog, not
   * the shard: every shard of a run decides alike.
   */
  private listingIsTrusted(
    shard: number,
    shards: number,
    listed: number,
    known: number,
  ): boolean {
    const { config, logger } = this.options;
    const limit = config.maxCatalogShrinkPercentage;
    const shrink = ((known - listed) * 100) / known;
    if (!(shrink > limit)) return true;
    logger.warn(
      `Infra Compliance: shard ${
        shard + 1
      }/${shards} marks no entity removed from the catalog on this run: the catalog listed ${listed} entities of kinds ${config.kinds.join(
        ', ',
      )}, ${shareAbove(
        shrink,
        limit,
      )}% fewer than the ${known} known, more than infraCompliance.maxCatalogShrinkPercentage (${limit}). A catalog being rebuilt, a wrong catalog filter or a service token that may no longer read the entities lists fewer than there are; the next run checks again. If they were removed from the catalog (or infraCompliance.kinds changed), raise infraCompliance.maxCatalogShrinkPercentage (100: no limit) until a run has marked them.`,
    );
    return false;
  }

  /** Scans the entities of one shard. */
  async runShard(
    shard: number,
    shards: number,
    signal?: AbortSignal,
  ): Promise<ShardSummary> {
    const { store, logger, config } = this.options;
    const all = await this.listEntities();
    const known = await store.listKnownEntityRefs();
    // The least recently scanned first (never scanned before all): a run cut
    // short by the task's timeout leaves others behind than the last run
    // did, so that across runs every entity is scanned.
    const lastScanAt = new Map(
      known.map(row => [row.entityRef, row.lastScanAt ?? -Infinity]),
    );
    const shardEntities = all
      .map(entity => ({
        entity,
        ref: normalizeEntityRef(stringifyEntityRef(entity)),
      }))
      .filter(({ ref }) => shardOf(ref, shards) === shard)
      .sort(
        (a, b) =>
          (lastScanAt.get(a.ref) ?? -Infinity) -
            (lastScanAt.get(b.ref) ?? -Infinity) || 0,
      );
    const mine = shardEntities.map(({ entity }) => entity);
    logger.info(
      `Infra Compliance: shard ${shard + 1}/${shards} scans ${mine.length} of ${
        all.length
      } entities`,
    );
    // Entities of this shard the listing of the configured kinds did not
    // return: gone from the catalog, or of a kind that is not scanned (an
    // older version registered any entity whose page asked for its
    // scorecard). Either way they leave the overview and the roll-ups.
    const present = new Set(shardEntities.map(({ ref }) => ref));
    const missing = known
      .map(row => row.entityRef)
      .filter(ref => shardOf(ref, shards) === shard && !present.has(ref));
    // Marked before the scans: a run the timeout cuts short marks them too.
    if (
      missing.length &&
      this.listingIsTrusted(shard, shards, all.length, known.length)
    ) {
      await store.markRemovedFromCatalog(missing, Date.now());
    }
    const outcomes = await mapWithConcurrency(
      mine,
      config.concurrency,
      entity => this.scanOne(entity, 'schedule', signal),
      signal,
    );
    const summary = summarize(shard, shards, outcomes);
    logger.info(
      `Infra Compliance: shard ${shard + 1}/${shards} done: ${JSON.stringify(
        summary.outcomes,
      )}`,
    );
    return summary;
  }

  /**
   * Scans the catalog entities that have never been scanned (new ones).
   * An entity that cannot be scanned is registered once, with the reason;
   * it is looked at again when its catalog entity changes in what decides
   * that (it becomes scannable, or for another reason), and by the
   * org-wide scan.
   */
  async scanNewEntities(signal?: AbortSignal): Promise<ScanOutcome[]> {
    const { store, config } = this.options;
    const known = new Map(
      (await store.listKnownEntityRefs()).map(row => [row.entityRef, row]),
    );
    const fresh = (await this.listEntities()).filter(entity => {
      const row = known.get(normalizeEntityRef(stringifyEntityRef(entity)));
      if (!row) return true;
      if (row.lastScanId) return false;
      if (row.scannable) return true;
      const resolved = resolveEntity(entity);
      return (
        resolved.target !== undefined ||
        (resolved.info.unscannableReason ?? 'not scannable') !==
          row.unscannableReason
      );
    });
    if (fresh.length === 0) return [];
    this.options.logger.info(
      `Infra Compliance: scanning ${fresh.length} entities never scanned before`,
    );
    return mapWithConcurrency(
      fresh,
      config.concurrency,
      entity => this.scanOne(entity, 'new-entity', signal),
      signal,
    );
  }

  /** Schedules the shard tasks and the new-entity sweep. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const { config, logger } = this.options;
    for (let shard = 0; shard < config.shards; shard++) {
      await scheduler.scheduleTask({
        id: shardTaskId(shard, config.shards),
        scope: 'global',
        frequency: config.schedule.frequency,
        timeout: config.schedule.timeout,
        initialDelay: config.schedule.initialDelay,
        fn: async signal => {
          try {
            await this.runShard(shard, config.shards, signal);
          } catch (error) {
            logger.error(
              `Infra Compliance: shard ${shard + 1}/${config.shards} failed`,
              toError(error),
            );
          }
        },
      });
    }
    if (config.newEntities.enabled) {
      await scheduler.scheduleTask({
        id: NEW_ENTITIES_TASK_ID,
        scope: 'global',
        frequency: config.newEntities.frequency,
        timeout: config.schedule.timeout,
        initialDelay: config.newEntities.initialDelay,
        fn: async signal => {
          try {
            await this.scanNewEntities(signal);
          } catch (error) {
            logger.error(
              'Infra Compliance: new-entity scan failed',
              toError(error),
            );
          }
        },
      });
    }
  }
}

function summarize(
  shard: number,
  shards: number,
  outcomes: ScanOutcome[],
): ShardSummary {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (!outcome) continue;
    counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
  }
  return { shard, shards, entities: outcomes.length, outcomes: counts };
}

/**
 * A share that exceeds `limit`, with as few decimals as show that it does:
 * rounded to the limit it exceeds, it read "50% fewer…, more than 50" (or
 * 57.1 for 4 of 7 against 57.1). Whole, or one decimal at least.
 */
function shareAbove(share: number, limit: number): string {
  if (Number.isInteger(share)) return String(share);
  let digits = 1;
  // toFixed takes up to 100 digits; a share above the limit differs from it well before.
  while (digits < 100 && Number(share.toFixed(digits)) <= limit) digits++;
  return share.toFixed(digits);
}
