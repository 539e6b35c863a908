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
  RuleCatalog,
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
  /** The entity's scans, newest first, queued and running ones included, without their coverage. */
  listScans(
    entity: CompoundEntityRef,
    query?: { limit?: number; offset?: number },
  ): Promise<Page<Scan>>;
  createWaiver(
    entity: CompoundEntityRef,
    request: CreateWaiverRequest,
  ): Promise<Waiver>;
  /** The entity's waivers, newest first (`active`: only those that still apply). */
  listWaivers(
    entity: CompoundEntityRef,
    query?: { active?: boolean; limit?: number; offset?: number },
  ): Promise<Page<Waiver>>;
  revokeWaiver(waiverId: string): Promise<Waiver>;
  /** The SARIF 2.1.0 file of the entity's open findings, as the backend names it. */
  getSarif(
    entity: CompoundEntityRef,
  ): Promise<{ fileName: string; content: Blob }>;
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
  /** The rules the backend runs (its engine's catalog, which may differ from the one bundled here). */
  listRules(): Promise<RuleCatalog>;
}

export const infraComplianceApiRef = createApiRef<InfraComplianceApi>({
  id: 'plugin.infra-compliance.service',
});
