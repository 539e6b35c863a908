import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { InfraComplianceApi } from './InfraComplianceApi';
import type {
  CreateScanResponse,
  CreateWaiverRequest,
  EntityHistory,
  EntityScorecard,
  EntitySummary,
  FindingRecord,
  FindingsQuery,
  GroupRollup,
  OverviewItem,
  OverviewQuery,
  OwnerSummary,
  OwnersQuery,
  Page,
  Rollup,
  RuleCatalog,
  Scan,
  Waiver,
} from './types';

type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Query string with arrays as comma-separated values, as the API expects. */
function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function entityPath(entity: CompoundEntityRef): string {
  return ['entities', entity.kind, entity.namespace, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}

/**
 * How long a request may take, its answer read, before it fails: Backstage's
 * fetchApi has no timeout, and a backend that never answered left the page
 * spinning for good, with nothing to retry.
 */
const REQUEST_TIMEOUT_MS = 30_000;

/** {@link InfraComplianceApi} over the backend plugin's REST API. */
export class InfraComplianceClient implements InfraComplianceApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly timeoutMs: number;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** {@link REQUEST_TIMEOUT_MS} by default. */
    timeoutMs?: number;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  getScorecard(entity: CompoundEntityRef): Promise<EntityScorecard> {
    return this.request(`${entityPath(entity)}/scorecard`);
  }

  listFindings(
    entity: CompoundEntityRef,
    query: FindingsQuery = {},
  ): Promise<Page<FindingRecord>> {
    return this.request(
      `${entityPath(entity)}/findings${queryString({ ...query })}`,
    );
  }

  getHistory(
    entity: CompoundEntityRef,
    options: { days?: number } = {},
  ): Promise<EntityHistory> {
    return this.request(
      `${entityPath(entity)}/history${queryString({ days: options.days })}`,
    );
  }

  startScan(entity: CompoundEntityRef): Promise<CreateScanResponse> {
    return this.request(`${entityPath(entity)}/scans`, {
      method: 'POST',
      body: {},
    });
  }

  getScan(scanId: string): Promise<Scan> {
    return this.request(`scans/${encodeURIComponent(scanId)}`);
  }

  listScans(
    entity: CompoundEntityRef,
    query: { limit?: number; offset?: number } = {},
  ): Promise<Page<Scan>> {
    return this.request(`${entityPath(entity)}/scans${queryString(query)}`);
  }

  createWaiver(
    entity: CompoundEntityRef,
    request: CreateWaiverRequest,
  ): Promise<Waiver> {
    return this.request(`${entityPath(entity)}/waivers`, {
      method: 'POST',
      body: request,
    });
  }

  listWaivers(
    entity: CompoundEntityRef,
    query: { active?: boolean; limit?: number; offset?: number } = {},
  ): Promise<Page<Waiver>> {
    return this.request(
      `${entityPath(entity)}/waivers${queryString({
        active: query.active === undefined ? undefined : String(query.active),
        limit: query.limit,
        offset: query.offset,
      })}`,
    );
  }

  revokeWaiver(waiverId: string): Promise<Waiver> {
    return this.request(`waivers/${encodeURIComponent(waiverId)}`, {
      method: 'DELETE',
    });
  }

  getSarif(
    entity: CompoundEntityRef,
  ): Promise<{ fileName: string; content: Blob }> {
    return this.fetch(`${entityPath(entity)}/sarif`, {}, async response => {
      const disposition = response.headers.get('Content-Disposition') ?? '';
      const fileName =
        /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${entity.name}.sarif`;
      return { fileName, content: await response.blob() };
    });
  }

  listEntities(query: OverviewQuery = {}): Promise<Page<OverviewItem>> {
    return this.request(`entities${queryString({ ...query })}`);
  }

  listUnscannableEntities(
    options: { limit?: number; offset?: number } = {},
  ): Promise<Page<EntitySummary>> {
    return this.request(`entities/unscannable${queryString(options)}`);
  }

  getGroupRollup(
    group: { namespace: string; name: string },
    options: { days?: number } = {},
  ): Promise<GroupRollup> {
    const path = ['groups', group.namespace, group.name]
      .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
      .join('/');
    return this.request(`${path}/rollup${queryString({ days: options.days })}`);
  }

  getRollup(options: { days?: number } = {}): Promise<Rollup> {
    return this.request(`rollup${queryString({ days: options.days })}`);
  }

  listOwners(query: OwnersQuery = {}): Promise<Page<OwnerSummary>> {
    return this.request(`owners${queryString({ ...query })}`);
  }

  listRules(): Promise<RuleCatalog> {
    return this.request('rules');
  }

  private request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    return this.fetch(path, options, response => response.json());
  }

  /**
   * `read` of a successful response; a failed one throws a ResponseError with
   * the backend's message, one without an answer in time an error saying so.
   */
  private async fetch<T>(
    path: string,
    options: { method?: string; body?: unknown },
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('infra-compliance');
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    try {
      const response = await this.fetchApi.fetch(`${baseUrl}/${path}`, {
        method: options.method ?? 'GET',
        signal: timeout.signal,
        ...(options.body !== undefined && {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(options.body),
        }),
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return await read(response);
    } catch (error) {
      if (!timeout.signal.aborted) throw error;
      throw new Error(
        `The compliance backend did not answer within ${
          this.timeoutMs / 1000
        } seconds.`,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
