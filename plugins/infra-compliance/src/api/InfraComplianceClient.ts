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
  Scan,
  Waiver,
} from './types';

type QueryValue = string | number | readonly string[] | undefined;

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

/** {@link InfraComplianceApi} over the backend plugin's REST API. */
export class InfraComplianceClient implements InfraComplianceApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
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

  createWaiver(
    entity: CompoundEntityRef,
    request: CreateWaiverRequest,
  ): Promise<Waiver> {
    return this.request(`${entityPath(entity)}/waivers`, {
      method: 'POST',
      body: request,
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

  private async request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('infra-compliance');
    const response = await this.fetchApi.fetch(`${baseUrl}/${path}`, {
      method: options.method ?? 'GET',
      ...(options.body !== undefined && {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(options.body),
      }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
