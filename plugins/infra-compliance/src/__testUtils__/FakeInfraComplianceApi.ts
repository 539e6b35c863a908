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
  OwnerSummary,
  OwnersQuery,
  Page,
  Rollup,
  RuleCatalog,
  Scan,
  ScanCoverage,
  Waiver,
} from '../api';
import {
  CATEGORIES,
  type CategoryScoreSort,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import * as fixtures from './fixtures';

/** A fresh copy per answer, as from the network (material-table writes into its rows). */
function page<T>(
  items: T[],
  query: { limit?: number; offset?: number } = {},
): Page<T> {
  const limit = query.limit ?? 500;
  const offset = query.offset ?? 0;
  return {
    items: structuredClone(items.slice(offset, offset + limit)),
    totalCount: items.length,
    limit,
    offset,
  };
}

/** Ascending, missing values last whatever the order, like the backend. */
function sortBy<T>(
  items: T[],
  key: (item: T) => string | number | null | undefined,
  order: 'asc' | 'desc' = 'asc',
): T[] {
  return [...items].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (x < y ? -1 : 1) * (order === 'asc' ? 1 : -1);
  });
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
  orgRollup: Rollup = fixtures.orgRollup;
  rules: RuleCatalog = fixtures.ruleCatalog;
  /**
   * Per entity ref, its open findings per rule it has some of (what GET
   * /entities?rule= filters on, and gives as ruleOpen).
   */
  failingRules: Record<string, Record<string, number>> = {
    [fixtures.overviewItems[0].entityRef]: { 'DLQ-001': 2, 'ENC-001': 1 },
  };
  readonly entityQueries: OverviewQuery[] = [];
  readonly ownerQueries: OwnersQuery[] = [];
  /** Statuses getScan answers in turn for a started scan; the last one repeats. */
  scanSteps: Scan['status'][] = ['running', 'succeeded'];
  scanError?: string;
  /** What a started scan that succeeds read but did not judge. */
  scanCoverage: ScanCoverage = { skipped: [], notModelled: [] };
  /** The findings a started scan that succeeds found, opened and resolved, but its file counts. */
  scanFindingCounts: Omit<
    NonNullable<Scan['counts']>,
    'filesScanned' | 'filesSkipped' | 'checks'
  > = {
    findings: 2,
    new: 1,
    newOpen: 1,
    reopened: 0,
    reopenedOpen: 0,
    resolved: 2,
  };
  /** The entity's scans, newest first, as listScans answers them; a started scan is added, and kept up to date as it runs. */
  scanRecords: Scan[] = structuredClone(fixtures.recentScans);
  /** Applied to the scorecard when a started scan succeeds. */
  afterScan?: Partial<EntityScorecard>;
  /** Waiver requests received. */
  readonly waivers: CreateWaiverRequest[] = [];
  /** The entity's waivers, newest first, as listWaivers answers them. */
  waiverRecords: Waiver[] = structuredClone(fixtures.waivers);
  readonly revokedWaiverIds: string[] = [];
  sarifDownloads = 0;
  /** How many times the rules were asked for. */
  ruleRequests = 0;
  readonly findingQueries: FindingsQuery[] = [];
  private scanPolls = 0;

  async getScorecard(_entity: CompoundEntityRef) {
    return this.scorecard;
  }

  async listFindings(_entity: CompoundEntityRef, query: FindingsQuery = {}) {
    this.findingQueries.push(query);
    // As the backend's validation answers (400) an offset above its maximum.
    if ((query.offset ?? 0) > 10_000_000) {
      throw new Error('offset: Number must be less than or equal to 10000000');
    }
    const status = query.status ?? 'open';
    const search = query.q?.toLocaleLowerCase('en-US');
    return page(
      this.findings.filter(
        f =>
          (status === 'all' || f.status === status) &&
          (!query.category || query.category.includes(f.category)) &&
          (!query.severity || query.severity.includes(f.severity)) &&
          (!query.rule || query.rule.includes(f.ruleId)) &&
          (query.waived === undefined || f.waived === query.waived) &&
          (query.suppressed === undefined ||
            f.suppressed === query.suppressed) &&
          (!search ||
            [
              f.ruleId,
              f.resourceId,
              f.resourceType,
              `${f.file}:${f.line}`,
              f.message,
            ].some(text => text?.toLocaleLowerCase('en-US').includes(search))),
      ),
      query,
    );
  }

  async getHistory(_entity: CompoundEntityRef) {
    return this.history;
  }

  async startScan(_entity: CompoundEntityRef): Promise<CreateScanResponse> {
    this.scanPolls = 0;
    const scan = this.scan('queued');
    this.recordScan(scan);
    this.scorecard = { ...this.scorecard, runningScan: scan };
    return { scanId: scan.id, existing: false, scan };
  }

  async getScan(_scanId: string): Promise<Scan> {
    const status =
      this.scanSteps[Math.min(this.scanPolls++, this.scanSteps.length - 1)];
    const scan = this.scan(status);
    this.recordScan(scan);
    // As the backend reports it: the scan under way until it ends, the
    // entity's last scan once it ended.
    this.scorecard = {
      ...this.scorecard,
      runningScan:
        status === 'queued' || status === 'running' ? scan : undefined,
    };
    if (status === 'succeeded' && this.afterScan) {
      this.scorecard = {
        ...this.scorecard,
        ...this.afterScan,
        lastScan: scan,
        lastSuccessfulScan: scan,
        lastCompletedScan: scan,
      };
    }
    if (status === 'failed') {
      this.scorecard = { ...this.scorecard, lastScan: scan };
    }
    if (status === 'unchanged') {
      // As the backend records it: the last scan, and the last that read the
      // source; the results stay the last successful scan's.
      this.scorecard = {
        ...this.scorecard,
        lastScan: scan,
        lastCompletedScan: scan,
      };
    }
    return scan;
  }

  /** The scans of `entity` only: a page that moved to another entity lists none of the first one's. */
  async listScans(
    entity: CompoundEntityRef,
    query: { limit?: number; offset?: number } = {},
  ) {
    const entityRef =
      `${entity.kind}:${entity.namespace}/${entity.name}`.toLocaleLowerCase(
        'en-US',
      );
    return page(
      this.scanRecords.filter(scan => scan.entityRef === entityRef),
      query,
    );
  }

  /** As the backend lists it: the scan's latest state, in place, or first when new; without its coverage. */
  private recordScan(scan: Scan) {
    const listed = { ...scan, coverage: undefined };
    const index = this.scanRecords.findIndex(record => record.id === scan.id);
    if (index < 0) this.scanRecords.unshift(listed);
    else this.scanRecords[index] = listed;
  }

  /**
   * As the backend does: a request already granted (an active waiver of the
   * entity with the same rule or fingerprint, reason once trimmed, expiry and
   * author) is answered with that waiver, the oldest if several, and nothing
   * is recorded; any other is a new waiver.
   */
  async createWaiver(
    entity: CompoundEntityRef,
    request: CreateWaiverRequest,
  ): Promise<Waiver> {
    this.waivers.push(request);
    const now = Date.now();
    const asked = {
      entityRef:
        `${entity.kind}:${entity.namespace}/${entity.name}`.toLocaleLowerCase(
          'en-US',
        ),
      ruleId: request.ruleId,
      fingerprint: request.fingerprint,
      reason: request.reason.trim(),
      author: 'user:default/guest',
      // The instant, as the backend stores it: the same expiry in another offset is the same.
      expiresAt:
        request.expiresAt === undefined
          ? undefined
          : new Date(request.expiresAt).toISOString(),
    };
    const [granted] = sortBy(
      this.waiverRecords.filter(
        waiver =>
          waiver.active &&
          (waiver.expiresAt === undefined ||
            Date.parse(waiver.expiresAt) > now) &&
          (Object.keys(asked) as (keyof typeof asked)[]).every(
            key => waiver[key] === asked[key],
          ),
      ),
      waiver => `${waiver.createdAt} ${waiver.id}`,
    );
    if (granted) return structuredClone(granted);
    const waiver: Waiver = {
      id: `0e9d8c7b-0000-4000-8000-${String(this.waivers.length).padStart(
        12,
        'f',
      )}`,
      ...asked,
      createdAt: new Date(now).toISOString(),
      active: true,
    };
    this.waiverRecords.unshift(waiver);
    this.updateWaivedFindings(waiver);
    return waiver;
  }

  /** As the backend does: the findings `changed` covers are waived while an active waiver covers them. */
  private updateWaivedFindings(changed: Waiver) {
    const covers = (waiver: Waiver, finding: FindingRecord) =>
      waiver.fingerprint === finding.fingerprint ||
      waiver.ruleId === finding.ruleId;
    this.findings = this.findings.map(finding =>
      covers(changed, finding)
        ? {
            ...finding,
            waived: this.waiverRecords.some(
              waiver => waiver.active && covers(waiver, finding),
            ),
          }
        : finding,
    );
  }

  async listWaivers(
    _entity: CompoundEntityRef,
    query: { active?: boolean; limit?: number; offset?: number } = {},
  ) {
    return page(
      this.waiverRecords.filter(
        waiver => query.active === undefined || waiver.active === query.active,
      ),
      query,
    );
  }

  async revokeWaiver(waiverId: string): Promise<Waiver> {
    this.revokedWaiverIds.push(waiverId);
    const waiver = this.waiverRecords.find(w => w.id === waiverId);
    if (!waiver) throw new Error(`No waiver ${waiverId}`);
    Object.assign(waiver, {
      active: false,
      revokedAt: new Date().toISOString(),
      revokedBy: 'user:default/guest',
    });
    this.updateWaivedFindings(waiver);
    return structuredClone(waiver);
  }

  async getSarif(entity: CompoundEntityRef) {
    this.sarifDownloads += 1;
    return {
      fileName: `${entity.kind}_${entity.namespace}_${entity.name}.sarif`,
      content: new Blob(['{"version":"2.1.0","runs":[]}'], {
        type: 'application/sarif+json',
      }),
    };
  }

  /** Filters by owner, searches, sorts and pages the overview fixture like the backend. */
  async listEntities(query: OverviewQuery = {}) {
    this.entityQueries.push(query);
    const search = query.q?.toLocaleLowerCase('en-US');
    const { rule } = query;
    const ruleOpen = (item: OverviewItem) =>
      rule?.reduce(
        (sum, ruleId) =>
          sum + (this.failingRules[item.entityRef]?.[ruleId] ?? 0),
        0,
      ) ?? 0;
    const found = this.overview
      .filter(
        item =>
          (!query.owner || query.owner.includes(item.owner ?? '')) &&
          (!rule || ruleOpen(item) > 0) &&
          (!search ||
            item.name.includes(search) ||
            item.title?.toLocaleLowerCase('en-US').includes(search)),
      )
      // As the backend gives them: with a rule filter, its open findings.
      .map(item => (rule ? { ...item, ruleOpen: ruleOpen(item) } : item));
    const keys: Record<
      NonNullable<OverviewQuery['sort']>,
      (item: OverviewItem) => string | number | null | undefined
    > = {
      name: item => item.name,
      score: item => item.score,
      attention: item => {
        if (!item.scannable) return 103;
        if (item.score !== null) return item.score;
        if (item.lastSuccessAt) return 102;
        return item.lastScanStatus === 'failed' ? -1 : 101;
      },
      open: item => (rule ? item.ruleOpen : item.open?.total),
      critical: item => item.open?.critical,
      lastScan: item => item.lastScanAt,
      owner: item => item.owner,
      system: item => item.system,
      ref: item => item.entityRef,
      // Not applicable (absent or null) last, as the backend sorts it.
      ...(Object.fromEntries(
        CATEGORIES.map(({ id }) => [
          `score.${id}`,
          (item: OverviewItem) => item.categoryScores?.[id] ?? null,
        ]),
      ) as Record<CategoryScoreSort, (item: OverviewItem) => number | null>),
    };
    return page(sortBy(found, keys[query.sort ?? 'name'], query.order), query);
  }

  /** The overview fixture grouped by owner, sorted and paged like the backend. */
  async listOwners(query: OwnersQuery = {}): Promise<Page<OwnerSummary>> {
    this.ownerQueries.push(query);
    const byOwner = new Map<string | null, OverviewItem[]>();
    for (const item of this.overview) {
      const owner = item.owner ?? null;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
    }
    const owners = [...byOwner].map(([owner, items]): OwnerSummary => {
      const scores = items.flatMap(item =>
        item.score === null ? [] : [item.score],
      );
      const open = { critical: 0, high: 0, medium: 0, low: 0, total: 0 };
      for (const item of items) {
        for (const severity of Object.keys(open) as (keyof typeof open)[])
          open[severity] += item.open?.[severity] ?? 0;
      }
      return {
        owner,
        entityCount: items.length,
        scannedCount: scores.length,
        averageScore: scores.length
          ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length)
          : null,
        open,
      };
    });
    const keys: Record<
      NonNullable<OwnersQuery['sort']>,
      (owner: OwnerSummary) => string | number | null
    > = {
      score: owner => owner.averageScore,
      owner: owner => owner.owner,
      entities: owner => owner.entityCount,
      open: owner => owner.open.total,
      critical: owner => owner.open.critical,
    };
    return page(
      sortBy(owners, keys[query.sort ?? 'score'], query.order ?? 'desc'),
      query,
    );
  }

  async getRollup() {
    return structuredClone(this.orgRollup);
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
      requestedBy: 'user:default/guest',
      status,
      createdAt: '2026-11-21T09:00:00.000Z',
      ...(status !== 'queued' && { startedAt: '2026-11-21T09:00:00.000Z' }),
      ...(status !== 'queued' && status !== 'running' && { durationMs: 2000 }),
      ...(status === 'succeeded' && {
        finishedAt: '2026-11-21T09:00:02.000Z',
        counts: {
          filesScanned: 1,
          filesSkipped: this.scanCoverage.skipped.length,
          checks: 24,
          ...this.scanFindingCounts,
        },
        coverage: this.scanCoverage,
      }),
      ...(status === 'failed' && {
        error: this.scanError,
        finishedAt: '2026-11-21T09:00:02.000Z',
      }),
      ...(status === 'unchanged' && {
        finishedAt: '2026-11-21T09:00:02.000Z',
      }),
    };
  }

  async listRules(): Promise<RuleCatalog> {
    this.ruleRequests += 1;
    return structuredClone(this.rules);
  }
}

/** The fake API with `scan` as the last scan, successful, that read the entity. */
export function apiWithLastScan(scan: Scan): FakeInfraComplianceApi {
  const api = new FakeInfraComplianceApi();
  api.scorecard = {
    ...fixtures.scorecard,
    lastScan: scan,
    lastSuccessfulScan: scan,
    lastCompletedScan: scan,
  };
  return api;
}

/**
 * The fake API as the page finds it during the scheduler's scan
 * ({@link fixtures.scanUnderWay}, with what `scan` says otherwise).
 */
export function apiWithScanUnderWay(
  scan: Partial<Scan> = {},
): FakeInfraComplianceApi {
  const api = new FakeInfraComplianceApi();
  api.scorecard = {
    ...fixtures.scorecard,
    runningScan: { ...fixtures.scanUnderWay, ...scan },
  };
  return api;
}
