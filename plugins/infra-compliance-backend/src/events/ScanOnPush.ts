/**
 * Scan on push: subscribes to the push topics of the webhook modules of
 * Backstage's events system, finds the scanned entities whose source
 * location is in the pushed repository, on the pushed branch, with a
 * changed file under their folder, and queues their scans.
 */
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { ComplianceStore } from '../database/ComplianceStore';
import { mayChangeScanResults } from '../scanning/EntityScanner';
import { ENTITY_FIELDS } from '../scanning/OrgScanner';
import { describeError } from '../scanning/describeError';
import { resolveEntity } from '../scanning/targets';
import { PushScanQueue } from './PushScanQueue';
import {
  PushProvider,
  RepositoryPush,
  SourceLocation,
  filesUnder,
  folderOnPushedBranch,
  keySearches,
  repositoryKey,
} from './RepositoryPush';
import { azureDevOpsPushes } from './azureDevOps';
import { bitbucketCloudPushes } from './bitbucketCloud';
import { bitbucketServerPushes } from './bitbucketServer';
import { githubPushes } from './github';
import { gitlabPushes } from './gitlab';

/** The providers whose pushes scan; Bitbucket Server's servers those `integrations` configure. */
function pushProviders(integrations: ScmIntegrationRegistry): PushProvider[] {
  return [
    githubPushes,
    gitlabPushes,
    bitbucketCloudPushes,
    azureDevOpsPushes,
    bitbucketServerPushes(integrations),
  ];
}

/** A scanned entity of the pushed repository; undefined when gone from the catalog. */
interface RepositoryEntity {
  entityRef: string;
  entity?: Entity;
}

/** The subscriber's id: subscribers of one id (the plugin's replicas) share the events. */
export const PUSH_SUBSCRIBER_ID = 'infra-compliance';

/** The location of `url` (a source location's), when it is in the pushed repository. */
function locationInRepository(
  provider: PushProvider,
  url: string,
  push: RepositoryPush,
): SourceLocation | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const location = provider.parseLocation(parsed);
  return location &&
    push.repositoryUrls.some(
      pushed => repositoryKey(pushed) === repositoryKey(location.repositoryUrl),
    )
    ? location
    : undefined;
}

/** Whether the push may change what a scan of the entity finds. */
function isAffected(
  provider: PushProvider,
  push: RepositoryPush,
  entity: Entity,
): boolean {
  const { target } = resolveEntity(entity);
  if (target?.type !== 'url') return false;
  const location = locationInRepository(provider, target.url, push);
  if (!location) return false;
  const folder = folderOnPushedBranch(location, push);
  if (folder === undefined) return false;
  return (
    !push.changedFiles ||
    filesUnder(push.changedFiles, folder).some(file =>
      mayChangeScanResults(file, target.include),
    )
  );
}

export class ScanOnPush {
  private readonly providers: ReadonlyMap<string, PushProvider>;

  constructor(
    private readonly options: {
      store: ComplianceStore;
      catalog: CatalogService;
      auth: AuthService;
      integrations: ScmIntegrationRegistry;
      queue: PushScanQueue;
      logger: LoggerService;
    },
  ) {
    this.providers = new Map(
      pushProviders(options.integrations).map(provider => [
        provider.topic,
        provider,
      ]),
    );
  }

  async subscribe(events: EventsService): Promise<void> {
    await events.subscribe({
      id: PUSH_SUBSCRIBER_ID,
      topics: [...this.providers.keys()],
      onEvent: params => this.onEvent(params),
    });
  }

  /** Never throws: what goes wrong is logged, and the event ignored. */
  private async onEvent({ topic, eventPayload }: EventParams): Promise<void> {
    const { queue, logger } = this.options;
    const provider = this.providers.get(topic);
    if (!provider) return;
    let pushes: RepositoryPush[];
    try {
      pushes = provider.parsePush(eventPayload);
    } catch (error) {
      logger.warn(
        `Infra Compliance: ${topic} event ignored: ${describeError(error)}`,
      );
      return;
    }
    if (pushes.length === 0) return;
    // The branches of a payload are one repository's: its entities are
    // looked up once, however many branches were pushed.
    const [first] = pushes;
    let entities: RepositoryEntity[];
    try {
      entities = await this.repositoryEntities(provider, first);
    } catch (error) {
      logger.error(
        `Infra Compliance: could not find what the ${topic} push to ${
          first.repositoryUrls[0]
        } (${first.branch}${
          pushes.length > 1 ? ` and ${pushes.length - 1} more` : ''
        }) changed: ${describeError(error)}`,
      );
      return;
    }
    // An entity of several pushed branches is queued once: queued again
    // while its scan runs, it would be scanned twice.
    const affected = new Map<string, Entity>();
    for (const push of pushes) {
      for (const { entityRef, entity } of this.affectedEntities(
        provider,
        push,
        entities,
      ))
        affected.set(entityRef, entity);
    }
    for (const [entityRef, entity] of affected) queue.add(entityRef, entity);
  }

  /** The entities the plugin scans that read the pushed repository, as the catalog has them now. */
  private async repositoryEntities(
    provider: PushProvider,
    push: RepositoryPush,
  ): Promise<RepositoryEntity[]> {
    const { store, catalog, auth } = this.options;
    // The plugin's own rows say which entities read the repository: one
    // query, for every form of its URL (Azure DevOps has several), rather
    // than a listing of the catalog per push. The catalog then gives those
    // entities as they are now.
    const searches = new Map(
      push.repositoryUrls
        .flatMap(url => keySearches(repositoryKey(url)))
        .map(parts => [parts.join('\n'), parts]),
    );
    const entityRefs = new Set<string>();
    for (const row of await store.listUrlSourcedEntities([
      ...searches.values(),
    ])) {
      if (locationInRepository(provider, row.sourceTarget, push))
        entityRefs.add(row.entityRef);
    }
    if (entityRefs.size === 0) return [];
    const refs = [...entityRefs];
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ENTITY_FIELDS },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return refs.map((entityRef, index) => ({
      entityRef,
      entity: items[index],
    }));
  }

  /** The entities the push may change the scan of, logged. */
  private affectedEntities(
    provider: PushProvider,
    push: RepositoryPush,
    entities: readonly RepositoryEntity[],
  ): { entityRef: string; entity: Entity }[] {
    const { logger } = this.options;
    const pushed = `${push.repositoryUrls[0]} (${push.branch})`;
    if (entities.length === 0) {
      logger.debug(`Infra Compliance: push to ${pushed}: no scanned entity`);
      return [];
    }
    const affected = entities.flatMap(({ entityRef, entity }) =>
      entity && isAffected(provider, push, entity)
        ? [{ entityRef, entity }]
        : [],
    );
    const queued = affected.map(({ entityRef }) => entityRef);
    const removed = entities.filter(({ entity }) => !entity).length;
    const others = entities.length - queued.length - removed;
    const entitiesOf = (count: number, which: string) =>
      `${count} ${which}entit${count === 1 ? 'y' : 'ies'} of the repository`;
    logger.info(
      `Infra Compliance: push to ${pushed}: ${
        queued.length ? `scanning ${queued.join(', ')}` : 'nothing to scan'
      }${
        others
          ? `; ${entitiesOf(
              others,
              'other ',
            )} not affected (another branch, or no change in their folder)`
          : ''
      }${
        removed ? `; ${entitiesOf(removed, '')} no longer in the catalog` : ''
      }`,
    );
    return affected;
  }
}
