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
  InfraComplianceApi,
  OverviewItem,
  OverviewQuery,
  Page,
  Scan,
  Waiver,
} from '../api';
import * as fixtures from './fixtures';

/** A fresh copy per answer, as from the network (material-table writes into its rows). */
function page<T>(items: T[]): Page<T> {
  return {
    items: structuredClone(items),
    totalCount: items.length,
    limit: 500,
    offset: 0,
  };
}

/**
 * An in-memory {@link InfraComplianceApi}: filters findings like the backend,
 * runs a scan through queued → running → the given outcome, records waivers.
 */
export class FakeInfraComplianceApi implements InfraComplianceApi {
  scorecard: EntityScorecard = fixtures.scorecard;
  findings: FindingRecord[] = fixtures.findings;
  history: EntityHistory = fixtures.history;
  overview: OverviewItem[] = fixtures.overviewItems;
  rollup: GroupRollup = fixtures.groupRollup;
  /** Statuses getScan answers in turn for a started scan; the last one repeats. */
  scanSteps: Scan['status'][] = ['running', 'succeeded'];
  scanError?: string;
  /** Applied to the scorecard when a started scan succeeds. */
  afterScan?: Partial<EntityScorecard>;
  readonly waivers: CreateWaiverRequest[] = [];
  readonly findingQueries: FindingsQuery[] = [];
  private scanPolls = 0;

  async getScorecard(_entity: CompoundEntityRef) {
    return this.scorecard;
  }

  async listFindings(_entity: CompoundEntityRef, query: FindingsQuery = {}) {
    this.findingQueries.push(query);
    const status = query.status ?? 'open';
    return page(
      this.findings.filter(
        f =>
          (status === 'all' || f.status === status) &&
          (!query.category || query.category.includes(f.category)) &&
          (!query.severity || query.severity.includes(f.severity)),
      ),
    );
  }

  async getHistory(_entity: CompoundEntityRef) {
    return this.history;
  }

  async startScan(_entity: CompoundEntityRef): Promise<CreateScanResponse> {
    this.scanPolls = 0;
    return {
      scanId: 'b7a1e2c3-0000-4000-8000-00000000000f',
      existing: false,
      scan: this.scan('queued'),
    };
  }

  async getScan(_scanId: string): Promise<Scan> {
    const status =
      this.scanSteps[Math.min(this.scanPolls++, this.scanSteps.length - 1)];
    const scan = this.scan(status);
    if (status === 'succeeded' && this.afterScan) {
      this.scorecard = { ...this.scorecard, ...this.afterScan, lastScan: scan };
    }
    if (status === 'failed') {
      this.scorecard = { ...this.scorecard, lastScan: scan };
    }
    return scan;
  }

  async createWaiver(
    entity: CompoundEntityRef,
    request: CreateWaiverRequest,
  ): Promise<Waiver> {
    this.waivers.push(request);
    return {
      id: '0e9d8c7b-0000-4000-8000-000000000001',
      entityRef: `${entity.kind}:${entity.namespace}/${entity.name}`,
      fingerprint: request.fingerprint,
      reason: request.reason,
      author: 'user:default/guest',
      createdAt: new Date().toISOString(),
      expiresAt: request.expiresAt,
      active: true,
    };
  }

  async listEntities(_query?: OverviewQuery) {
    return page(this.overview);
  }

  async listUnscannableEntities(): Promise<Page<EntitySummary>> {
    return page(this.overview.filter(item => !item.scannable));
  }

  /** The fixture roll-up for its group; an empty one for any other team. */
  async getGroupRollup(group: { namespace: string; name: string }) {
    const ref = `group:${group.namespace}/${group.name}`;
    if (ref === this.rollup.group) return structuredClone(this.rollup);
    return {
      ...structuredClone(this.rollup),
      group: ref,
      groups: [ref],
      entityCount: 1,
      scannedCount: 0,
      averageScore: null,
      open: { critical: 0, high: 0, medium: 0, low: 0, total: 0 },
      timeline: [],
      topRules: [],
    };
  }

  private scan(status: Scan['status']): Scan {
    return {
      id: 'b7a1e2c3-0000-4000-8000-00000000000f',
      entityRef: fixtures.ENTITY_REF,
      trigger: 'manual',
      status,
      createdAt: '2026-11-21T09:00:00.000Z',
      ...(status === 'failed' && {
        error: this.scanError,
        finishedAt: '2026-11-21T09:00:02.000Z',
      }),
    };
  }
}
