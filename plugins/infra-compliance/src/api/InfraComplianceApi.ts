import { createApiRef } from '@backstage/core-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
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

/** The Infra Compliance backend, as the frontend uses it. */
export interface InfraComplianceApi {
  getScorecard(entity: CompoundEntityRef): Promise<EntityScorecard>;
  listFindings(
    entity: CompoundEntityRef,
    query?: FindingsQuery,
  ): Promise<Page<FindingRecord>>;
  getHistory(
    entity: CompoundEntityRef,
    options?: { days?: number },
  ): Promise<EntityHistory>;
  startScan(entity: CompoundEntityRef): Promise<CreateScanResponse>;
  getScan(scanId: string): Promise<Scan>;
  createWaiver(
    entity: CompoundEntityRef,
    request: CreateWaiverRequest,
  ): Promise<Waiver>;
  listEntities(query?: OverviewQuery): Promise<Page<OverviewItem>>;
  listUnscannableEntities(options?: {
    limit?: number;
    offset?: number;
  }): Promise<Page<EntitySummary>>;
  getGroupRollup(
    group: { namespace: string; name: string },
    options?: { days?: number },
  ): Promise<GroupRollup>;
  /** The whole catalog's roll-up. */
  getRollup(options?: { days?: number }): Promise<Rollup>;
  listOwners(query?: OwnersQuery): Promise<Page<OwnerSummary>>;
}

export const infraComplianceApiRef = createApiRef<InfraComplianceApi>({
  id: 'plugin.infra-compliance.service',
});
