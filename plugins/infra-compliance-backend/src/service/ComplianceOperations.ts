/**
 * What the REST API (./router.ts) and the actions for AI assistants
 * (../actions) do on behalf of a caller, given the caller's credentials:
 * both answer alike, under the same authorization. Reads follow the
 * catalog's read permission: a hidden entity is not found, and lists count
 * only the entities the caller may read. Scans are authorized with the
 * permission framework against the entity and recorded with the auditor.
 */
import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CreateScanResponse,
  EntitySummary,
  FindingRecord,
  Grade,
  OverviewItem,
  Page,
  Scan,
  infraComplianceScanCreatePermission,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { Request } from 'express';
import { InfraComplianceConfig } from '../config';
import {
  ComplianceStore,
  FindingQuery,
  OverviewQuery,
  ScorecardWithRunningScan,
  VisibleEntities,
} from '../database/ComplianceStore';
import { EntityScanner } from '../scanning/EntityScanner';
import { QueuedScans } from '../scanning/QueuedScans';
import { kindNotScannedReason, normalizeEntityRef } from '../scanning/targets';
import { VisibilityCache } from './VisibilityCache';
import { fromCatalog } from './answerWithin';
import { entityRefFromParts, entityRefParam } from './inputs';

/** The owners and systems whose titles a services search looks for, at most. */
const TITLE_MATCHES = 100;

export interface ComplianceOperationsOptions {
  config: InfraComplianceConfig;
  store: ComplianceStore;
  scanner: EntityScanner;
  /** Runs the scans queued on demand. */
  queuedScans: QueuedScans;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  now?: () => number;
  /** Called with every on-demand scan started (tests await them). */
  onScanStarted?: (scan: Promise<unknown>) => void;
}

/**
 * GET /entities's filters, as given: owners and systems are entity refs
 * that may leave out their kind (group, system) and namespace.
 */
export interface OverviewRequest {
  owner?: string[];
  system?: string[];
  kind?: string[];
  lifecycle?: string[];
  grade?: Grade[];
  /** Rule ids: the services with open findings of any of them. */
  rule?: string[];
  /** Text in the name or title, or the name or title of the owner or system. */
  q?: string;
  sort?: OverviewQuery['sort'];
  order?: OverviewQuery['order'];
  after?: string;
  limit: number;
  offset: number;
}

/** Who asked for a scan, for the audit trail: an HTTP request, or an action. */
export type ScanOrigin = { request: Request } | { action: string };

/** Who is asking: a user's entity ref, or a service's subject. */
export function principalRef(
  credentials: BackstageCredentials,
  auth: AuthService,
): string {
  if (auth.isPrincipal(credentials, 'user'))
    return credentials.principal.userEntityRef;
  if (auth.isPrincipal(credentials, 'service'))
    return credentials.principal.subject;
  return 'unknown';
}

export class ComplianceOperations {
  private readonly now: () => number;
  private readonly visibility: VisibilityCache;

  constructor(private readonly options: ComplianceOperationsOptions) {
    this.now = options.now ?? Date.now;
    this.visibility = new VisibilityCache({
      ttlMs: options.config.visibilityCacheTtlMs,
      maxEntries: 10_000,
      now: this.now,
    });
  }

  /**
   * The entity of a request. An entity of a kind Infra Compliance does not
   * scan (not in `infraCompliance.kinds`) has no compliance data: reads are
   * 404 and writes 400, with the reason, before anything is looked up or
   * written.
   */
  scopedEntityRef(
    parts: { kind: string; namespace: string; name: string },
    write = false,
  ): string {
    const entityRef = entityRefFromParts(parts);
    const reason = kindNotScannedReason(parts.kind, this.options.config.kinds);
    if (reason) {
      if (write) throw new InputError(`${entityRef}: ${reason}`);
      throw new NotFoundError(reason);
    }
    return entityRef;
  }

  /**
   * A decision on an entity, awaited as the catalog's answers are: under a
   * conditional policy the permission framework asks the catalog whether
   * the entity meets the conditions.
   */
  private decidedByCatalog<T>(decision: Promise<T>): Promise<T> {
    return fromCatalog(decision, this.options.config.catalogTimeoutMs);
  }

  /** NotAllowedError (403) unless the policy allows `permission` on the entity. */
  async authorize(
    permission: typeof infraComplianceScanCreatePermission,
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.decidedByCatalog(
      this.options.permissions.authorize(
        [{ permission, resourceRef: entityRef }],
        { credentials },
      ),
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ${entityRef}`,
      );
    }
  }

  /**
   * An entity's compliance data is as visible as the entity: what the
   * catalog's read permission hides from a user is "not found" here too
   * (the permission framework applies conditional policies, such as
   * ownership, through the catalog).
   */
  async canRead(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.decidedByCatalog(
      this.options.permissions.authorize(
        [{ permission: catalogEntityReadPermission, resourceRef: entityRef }],
        { credentials },
      ),
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  async requireReadable(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (!(await this.canRead(entityRef, credentials))) {
      throw new NotFoundError(`Infra Compliance has no record of ${entityRef}`);
    }
  }

  /** A readable entity that Infra Compliance knows. */
  async requireEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntitySummary> {
    await this.requireReadable(entityRef, credentials);
    const summary = await this.options.store.getEntitySummary(entityRef);
    if (!summary)
      throw new NotFoundError(`Infra Compliance has no record of ${entityRef}`);
    return summary;
  }

  /**
   * The entities lists and roll-ups may count for the caller: all of them
   * (undefined) when the policy allows reading every entity, none when it
   * denies, and under a conditional decision the refs the catalog itself
   * lists for the caller (reused for a while: {@link VisibilityCache}).
   */
  async visibleEntities(
    credentials: BackstageCredentials,
  ): Promise<VisibleEntities> {
    const { config, catalog, permissions } = this.options;
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return [];
    return this.visibility.refs(credentials, async () => {
      // Only the kinds that are scanned: users and groups, often most of a
      // large catalog, have no compliance data to show.
      const { items } = await fromCatalog(
        catalog.getEntities(
          {
            filter: { kind: [...config.kinds] },
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
          },
          { credentials },
        ),
        config.catalogTimeoutMs,
      );
      return items.map(entity =>
        normalizeEntityRef(stringifyEntityRef(entity)),
      );
    });
  }

  /** The catalog's entity, as the caller may read it; 404 when it has none. */
  async catalogEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await fromCatalog(
      this.options.catalog.getEntityByRef(entityRef, { credentials }),
      this.options.config.catalogTimeoutMs,
    );
    if (!entity) throw new NotFoundError(`No catalog entity ${entityRef}`);
    return entity;
  }

  /**
   * The owners and systems the caller may see whose title or display name
   * contains `search`: the services page shows them by these names (Orders
   * Team for group:default/orders-team), and a search for one finds their
   * services. The first TITLE_MATCHES only: a search that names more finds
   * too much anyway.
   *
   * The catalog matches its term with LIKE, unescaped: `%` and `_` are
   * wildcards there (and `\` an escape on PostgreSQL), so `_` would name
   * every titled group. Its answers are kept when their names hold the whole
   * text; it is asked for the text with each `\` as `_`, a pattern that
   * matches every such name (a wildcard matches itself too) and few others.
   */
  private async titledRefsMatching(
    search: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const text = search.toLocaleLowerCase('en-US');
    const { items } = await fromCatalog(
      this.options.catalog.queryEntities(
        {
          filter: { kind: ['group', 'user', 'system'] },
          fullTextFilter: {
            term: text.replace(/\\/g, '_'),
            fields: ['metadata.title', 'spec.profile.displayName'],
          },
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.title',
            'spec.profile.displayName',
          ],
          limit: TITLE_MATCHES,
        },
        { credentials },
      ),
      this.options.config.catalogTimeoutMs,
    );
    const holdsText = (value: unknown) =>
      typeof value === 'string' &&
      value.toLocaleLowerCase('en-US').includes(text);
    return items
      .filter(
        entity =>
          holdsText(entity.metadata.title) ||
          holdsText(
            (entity.spec?.profile as { displayName?: unknown } | undefined)
              ?.displayName,
          ),
      )
      .map(entity => normalizeEntityRef(stringifyEntityRef(entity)));
  }

  /**
   * {@link titledRefsMatching}, or none when the catalog fails or does not
   * answer in time: the search still finds what the names match.
   */
  private async titledRefsOrNone(
    search: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    try {
      return await this.titledRefsMatching(search, credentials);
    } catch (error) {
      this.options.logger.warn(
        `Infra Compliance: services search by the catalog's titles failed, searching by names only: ${error}`,
      );
      return [];
    }
  }

  /** GET /entities: the services the caller may read, filtered, sorted and paged. */
  async listOverview(
    query: OverviewRequest,
    credentials: BackstageCredentials,
  ): Promise<Page<OverviewItem>> {
    const refs = (values: string[] | undefined, defaultKind: string) =>
      values?.map(value => entityRefParam(value, defaultKind));
    // Asked together: the request waits catalogTimeout for the catalog, not twice that.
    const [visible, searchRefs] = await Promise.all([
      this.visibleEntities(credentials),
      query.q ? this.titledRefsOrNone(query.q, credentials) : undefined,
    ]);
    return this.options.store.listOverview({
      visible,
      owners: refs(query.owner, 'group'),
      systems: refs(query.system, 'system'),
      kinds: query.kind,
      lifecycles: query.lifecycle,
      grades: query.grade,
      rules: query.rule,
      search: query.q,
      searchRefs,
      sort: query.sort,
      order: query.order,
      // As stored (lower case, namespace given): the cursor compares bytes.
      after:
        query.after === undefined ? undefined : entityRefParam(query.after),
      limit: query.limit,
      offset: query.offset,
    });
  }

  /** GET …/scorecard: the entity's scorecard, with the scan under way if any. */
  async getScorecard(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ScorecardWithRunningScan> {
    const { store, scanner, config } = this.options;
    await this.requireReadable(entityRef, credentials);
    // Beside the last scan, which is set only once a scan ends: a page
    // opened while one runs follows it. One whose process stopped is marked
    // failed first, as reading its status marks it: the last scan, it says
    // so at once.
    const read = () =>
      store.getScorecardWithRunningScan(
        entityRef,
        this.now(),
        config.lockTimeoutMs,
      );
    const scorecard = await read();
    if (scorecard) return scorecard;
    // Not seen by a scan yet: register it from the catalog so the answer says whether it can be scanned.
    await scanner.register(await this.catalogEntity(entityRef, credentials));
    // Registered now: scopedEntityRef let only kinds that are scanned through.
    return (await read())!;
  }

  /** GET …/findings: a page of the entity's findings, with the entity. */
  async listFindings(
    entityRef: string,
    query: FindingQuery,
    credentials: BackstageCredentials,
  ): Promise<{ entity: EntitySummary; page: Page<FindingRecord> }> {
    const entity = await this.requireEntity(entityRef, credentials);
    const page = await this.options.store.listFindings(
      entityRef,
      query,
      this.now(),
    );
    return { entity, page };
  }

  /**
   * A page of the entity's findings with the source location they were
   * read from, their paths relative to it, on one snapshot (see
   * {@link ComplianceStore.listFindingsWithSource}).
   */
  async listFindingsWithSource(
    entityRef: string,
    query: FindingQuery,
    credentials: BackstageCredentials,
  ): Promise<{
    page: Page<FindingRecord>;
    source: { type: string; target: string } | undefined;
  }> {
    await this.requireEntity(entityRef, credentials);
    return this.options.store.listFindingsWithSource(
      entityRef,
      query,
      this.now(),
    );
  }

  /**
   * POST …/scans: queues a scan of the entity (or gives the one queued or
   * running already), and starts it unless it was there. Needs
   * `infra-compliance.scan.create` on the entity; audited as `scan-create`.
   */
  async requestScan(
    entityRef: string,
    credentials: BackstageCredentials,
    origin: ScanOrigin,
  ): Promise<CreateScanResponse> {
    const { auditor, scanner, store, auth } = this.options;
    await this.authorize(
      infraComplianceScanCreatePermission,
      entityRef,
      credentials,
    );
    const entity = await this.catalogEntity(entityRef, credentials);
    const requestedBy = principalRef(credentials, auth);
    const auditEvent = await auditor.createEvent({
      eventId: 'scan-create',
      severityLevel: 'low',
      // Without a request the auditor names the plugin as the actor: the
      // meta says who asked, through which action.
      ...('request' in origin
        ? { request: origin.request, meta: { entityRef } }
        : { meta: { entityRef, action: origin.action, requestedBy } }),
    });
    const queued = await scanner.enqueue(entity, requestedBy);
    if ('unscannable' in queued) {
      const error = new InputError(
        `${entityRef} cannot be scanned: ${queued.unscannable}`,
      );
      await auditEvent.fail({ error });
      throw error;
    }
    await auditEvent.success({
      meta: { scanId: queued.scanId, existing: queued.existing },
    });
    // Read before it starts, as it was queued: read after, it was at times
    // running already (on a loaded database, marked so first). Started
    // though the read fails: never started, it held the entity as the scan
    // under way until lockTimeout.
    let scan: Scan | undefined;
    try {
      scan = await store.getScan(queued.scanId);
    } finally {
      if (!queued.existing) {
        const run = this.options.queuedScans.run(entity, {
          scanId: queued.scanId,
          trigger: 'manual',
        });
        this.options.onScanStarted?.(run);
      }
    }
    return { scanId: queued.scanId, existing: queued.existing, scan };
  }
}
