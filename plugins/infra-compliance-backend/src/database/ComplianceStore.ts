/**
 * Everything the plugin keeps in its database: entities, scans, findings with
 * their lifecycle, waivers and score snapshots (schema: ../../migrations).
 *
 * Invariants:
 * - One scan's writes are one transaction ({@link ComplianceStore.commitScan}):
 *   a failed or interrupted scan leaves the previous results as they were.
 * - Two scans of one entity never interleave: a scan first claims the entity's
 *   lock (`entities.lock_scan_id`, a conditional UPDATE, atomic on every
 *   database), and its write transaction re-checks that it still holds it
 *   with the entity row locked (`SELECT … FOR UPDATE` on PostgreSQL; SQLite
 *   serializes write transactions).
 * - Aggregates for the API are computed in SQL on indexed columns.
 *
 * Times are epoch milliseconds (BIGINT) in the database and ISO strings in the
 * API.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CATEGORIES,
  Category,
  CategoryScoreSort,
  CategorySummary,
  Check,
  ConfigWarning,
  EntityScorecard,
  EntitySummary,
  Finding,
  FindingRecord,
  FindingStatus,
  Grade,
  OverviewItem,
  OwnerSummary,
  Page,
  SCAN_COVERAGE_NOT_MODELLED_LIMIT,
  SCORECARD_FORMULA,
  SEVERITIES,
  Scan,
  ScanCoverage,
  ScanStatus,
  ScanTrigger,
  ScanUnusedSuppressions,
  Scorecard,
  Severity,
  SeverityCounts,
  TimelineDay,
  Waiver,
  computeScorecard,
  getRuleMetadata,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  compareText,
  fingerprintApart,
} from '@infra-compliance/backstage-plugin-infra-compliance-node';
import { Knex } from 'knex';
import {
  locationWithoutCredentials,
  textWithoutLocationCredentials,
  truncate,
} from '../scanning/targets';
import { EntityInfo } from '../types';
import { sortNameOf } from './sortName';

export const DAY_MS = 86_400_000;

const SEVERITY_RANK: Record<Severity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

const CATEGORY_IDS: readonly Category[] = CATEGORIES.map(
  category => category.id,
);

/** entities/score_snapshots column of each category's score. */
export const CATEGORY_SCORE_COLUMN: Record<Category, string> = {
  dlq: 'score_dlq',
  alarms: 'score_alarms',
  encryption: 'score_encryption',
  iam: 'score_iam',
  logging: 'score_logging',
  operations: 'score_operations',
  parsing: 'score_parsing',
};

/** The GET /entities sort key of a category's score. */
function categoryScoreSort(category: Category): CategoryScoreSort {
  return `score.${category}`;
}

export const CATEGORY_SCORE_SORTS: readonly CategoryScoreSort[] =
  CATEGORY_IDS.map(categoryScoreSort);

/** The columns {@link toScan} reads, but the coverage, the unused suppressions and the config warnings: those of a list of scans. */
const SCAN_LIST_COLUMNS = [
  'id',
  'entity_ref',
  'trigger',
  'requested_by',
  'status',
  'source_type',
  'source_target',
  'etag',
  'previous_etag',
  'created_at',
  'started_at',
  'finished_at',
  'duration_ms',
  'error',
  'files_scanned',
  'files_skipped',
  'checks_total',
  'findings_total',
  'findings_new',
  'findings_reopened',
  'findings_new_open',
  'findings_reopened_open',
  'findings_resolved',
  'findings_resolved_open',
];

/** Row ids: numbers on SQLite, strings (BIGINT) on PostgreSQL. */
type Id = string | number;

/** Rows per INSERT / IN (...) list: well under SQLite's bound-parameter limit. */
const CHUNK = 400;

/**
 * Scans the retention deletes per statement. On SQLite each statement is a
 * commit, a sync of its journal, and rewrites the index pages of the rows
 * it deletes: in batches of 400, a day's deletion (20,000 scans at 5,000
 * entities scanned every 6 hours) was 50 commits, each rewriting the pages
 * of up to 400 entities again. A batch of 10,000 holds SQLite's write lock
 * for well under a second.
 */
const PRUNE_BATCH = 10_000;

// ----------------------------------------------------------------- helpers

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    result.push(items.slice(i, i + size));
  return result;
}

/** PostgreSQL returns BIGINT and aggregates as strings. */
function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : Number(value);
}

function iso(value: unknown): string | undefined {
  return value === null || value === undefined
    ? undefined
    : new Date(num(value)).toISOString();
}

function opt<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, total: 0 };
}

/**
 * ORDER BY a column with NULLs last in both directions, the same on SQLite
 * (3.30 and later) and PostgreSQL (knex's `nulls` option is broken on
 * SQLite). Written as `nulls last`, not as `case when … is null`, so that
 * the database can read the order from an index.
 */
function orderNullsLast(
  query: Knex.QueryBuilder,
  column: string,
  order: 'asc' | 'desc',
) {
  query.orderByRaw(`?? ${order === 'desc' ? 'desc' : 'asc'} nulls last`, [
    column,
  ]);
}

/**
 * A stored figure of an entity (score, grade, open counts) as the overview,
 * the roll-ups and the owners count it: only while the entity is
 * scannable. An entity that opts out (or loses its source location) keeps
 * its findings, scans and snapshots, its history, but its last figures,
 * which nobody can see on its page or waive any more, no longer count;
 * they count again, unchanged, if it becomes scannable again.
 */
function ifScannable(column: string, otherwise = 'null'): string {
  return `case when scannable then ${column} else ${otherwise} end`;
}

/**
 * Rows where any of `expressions` (trusted SQL: column names) contains
 * `search`, case-insensitively in any script; `%`, `_`, `*`, `?`, `[` and
 * `\` in it match themselves.
 */
function whereAnyContains(
  query: Knex.QueryBuilder,
  expressions: readonly string[],
  search: string,
  isPostgres: boolean,
) {
  query.andWhere(inner => {
    for (const expression of expressions)
      orWhereHolds(inner, expression, [search], isPostgres);
  });
}

/**
 * A stored URL as listUrlSourcedEntities searches it: followed by a `/`,
 * each run of slashes single, however long (`github.com//org/////repo`,
 * which the providers read as `github.com/org/repo`). SQLite has no regular
 * expression: each `/` is followed by a `<`, every `</` (a slash after
 * another) removed, then each `<` left; a `<` of the URL is first read as a
 * space, which no search holds either (removed, it would join the names
 * around it). Searches cut at each `/` instead held the URLs of every
 * repository of the organization with a folder of the pushed one's name
 * (`org/infra`: `org/app/tree/main/infra`).
 */
const URL_AS_SEARCHED = `replace(replace(replace(replace(source_target || '/', '<', ' '), '/', '/<'), '</', ''), '<', '')`;

/**
 * Or: `expression` (trusted SQL) holds each of `parts`, in this order,
 * case-insensitively in any script; `%`, `_`, `*`, `?`, `[` and `\` in them
 * match themselves.
 */
function orWhereHolds(
  query: Knex.QueryBuilder,
  expression: string,
  parts: readonly string[],
  isPostgres: boolean,
) {
  if (isPostgres) {
    const like = `%${parts
      .map(part =>
        part.toLocaleLowerCase('en-US').replace(/[%_\\]/g, c => `\\${c}`),
      )
      .join('%')}%`;
    query.orWhereRaw(`lower(${expression}) like ? escape '\\'`, [like]);
    return;
  }
  // SQLite's lower() and LIKE fold ASCII letters only: a GLOB whose letters
  // list both cases (`*[éÉ]cole*`) matches `ÉCOLE` as PostgreSQL does.
  query.orWhereRaw(`${expression} glob ?`, [
    `*${parts.map(caseInsensitiveGlob).join('*')}*`,
  ]);
}

/** A GLOB pattern matching `text` in any letter case, its wildcards taken literally. */
function caseInsensitiveGlob(text: string): string {
  let pattern = '';
  for (const char of text) {
    const cases = new Set(
      [char, char.toLocaleLowerCase('en-US'), char.toLocaleUpperCase('en-US')]
        // A letter whose other case is several characters (ß, SS) keeps its own.
        .filter(variant => [...variant].length === 1),
    );
    if (cases.size > 1) pattern += `[${[...cases].join('')}]`;
    else if (char === '*' || char === '?' || char === '[')
      pattern += `[${char}]`;
    else pattern += char;
  }
  return pattern;
}

function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

// ----------------------------------------------------------------- inputs

/** A scan to record before it runs. */
export interface NewScan {
  id: string;
  entityRef: string;
  trigger: ScanTrigger;
  requestedBy?: string;
  status: ScanStatus;
  now: number;
  source?: { type: string; target: string };
}

/** What a successful scan hands to {@link ComplianceStore.commitScan}. */
export interface ScanWrite {
  scanId: string;
  entityRef: string;
  /** When the scan started (first/last seen, resolved at). */
  now: number;
  finishedAt: number;
  etag?: string;
  /**
   * What the ETag was read for (the source and its paths, and what the rules'
   * outcome depends on in the scan date): a scan that reads something else,
   * or on a date the rules judge otherwise, does not reuse it.
   */
  etagReadKey?: string;
  engineSignature: string;
  findings: readonly Finding[];
  /**
   * Files, and folders (`.`: the whole tree), this scan could not judge:
   * its open findings there stay open. Not seen is not fixed.
   */
  unjudgedPaths?: readonly string[];
  checks: readonly Check[];
  filesScanned: number;
  filesSkipped: number;
  /** What the scan did not judge, recorded on the succeeded scan. */
  coverage: ScanCoverage;
  /**
   * The in-code suppressions it found unused, recorded on the succeeded
   * scan; undefined when the engine does not report them.
   */
  unusedSuppressions?: ScanUnusedSuppressions;
  /**
   * The warnings of the repository's config it read, recorded on the
   * succeeded scan; undefined when not told (stored as on older scans).
   */
  configWarnings?: readonly ConfigWarning[];
}

/** An entity's scorecard, with the scan under way if any. */
export type ScorecardWithRunningScan = EntityScorecard & {
  runningScan: Scan | undefined;
};

/** An entity's grade before and after a change of its score (null: no score). */
export interface GradeChange {
  gradeBefore: Grade | null;
  gradeAfter: Grade | null;
}

/** What a succeeded scan changed for its entity, besides its counts. */
export interface ScanChanges extends GradeChange {
  /** Whether the entity had a successful scan before this one. */
  hadSuccessfulScan: boolean;
  /** The fingerprints of the findings it opened: new, or back after being resolved. */
  openedFingerprints: string[];
  /** Whether another engine made the entity's last successful scan (the plugin was upgraded). */
  engineChanged: boolean;
  /**
   * Of the new findings of a scan by another engine, those of rules the
   * last successful scan checked nothing against: rules the upgrade added,
   * or that now apply where they did not; what the engine finds anew more
   * than what the code changed.
   */
  newToEngineFingerprints: string[];
}

/** What {@link ComplianceStore.commitScan} recorded. */
export type ScanCommit = ScanCounts &
  (
    | {
        /** The scan found what the last successful one did, and only the scan was written. */
        status: 'unchanged';
      }
    | ({ status: 'succeeded' } & ScanChanges)
  );

/** A scan's changes to the findings of its entity (see ComplianceStore.planFindings). */
interface FindingsPlan {
  inserts: Record<string, unknown>[];
  /** Seen again, unchanged. */
  touched: Id[];
  changed: { fingerprint: string; details: Record<string, unknown> }[];
  reopened: { id: Id; fingerprint: string; details: Record<string, unknown> }[];
  resolvedIds: Id[];
  counts: ScanCounts;
}

export interface ScanCounts {
  findings: number;
  new: number;
  reopened: number;
  /**
   * Of the new findings, those open as the scan commits: neither suppressed
   * nor waived, as the scorecard counts open ones.
   */
  newOpen: number;
  /** Of the reopened findings, those open as the scan commits. */
  reopenedOpen: number;
  resolved: number;
  /**
   * Of the resolved findings, those that were open: neither suppressed (as
   * last seen) nor waived as the scan commits. What the timelines count as
   * resolved, as they count opened ones.
   */
  resolvedOpen: number;
  /** Sum over the findings this scan resolved of (now - first seen, or reopened at). */
  remediationMs: number;
}

/** Which findings of an entity a query keeps. */
export interface FindingFilter {
  status?: FindingStatus | 'all';
  categories?: Category[];
  severities?: Severity[];
  ruleIds?: string[];
  waived?: boolean;
  suppressed?: boolean;
  /** Text in the rule id, resource id or type, file (or `file:line`) or message. */
  search?: string;
  /** Only these findings (a scan's opened ones). */
  fingerprints?: readonly string[];
}

export interface FindingQuery extends FindingFilter {
  sort?:
    | 'severity'
    | 'rule'
    | 'category'
    | 'file'
    | 'firstSeen'
    | 'lastSeen'
    | 'resolvedAt';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The entity refs a user may read (the catalog's read permission); all without it. */
export type VisibleEntities = readonly string[] | undefined;

export interface OverviewQuery {
  visible?: VisibleEntities;
  owners?: string[];
  kinds?: string[];
  systems?: string[];
  lifecycles?: string[];
  grades?: Grade[];
  /** Entities with open findings of any of these rules (scannable ones, as the roll-ups count them). */
  rules?: string[];
  search?: string;
  /**
   * Owners and systems whose title (or display name) contains `search`, in
   * the catalog: their services match the search too.
   */
  searchRefs?: string[];
  sort?:
    | 'name'
    | 'score'
    | 'attention'
    | 'open'
    | 'critical'
    | 'lastScan'
    | 'owner'
    | 'system'
    | 'ref'
    | CategoryScoreSort;
  order?: 'asc' | 'desc';
  /**
   * With sort `ref`: the entities after this ref in that order (a cursor:
   * entities added or removed before it do not shift the next page).
   */
  after?: string;
  limit: number;
  offset: number;
}

export interface OwnersQuery {
  visible?: VisibleEntities;
  sort?: 'score' | 'owner' | 'entities' | 'open' | 'critical';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface Rollup {
  entityCount: number;
  scannedCount: number;
  averageScore: number | null;
  grades: Partial<Record<Grade | 'none', number>>;
  open: SeverityCounts;
  openByCategory: Partial<Record<Category, SeverityCounts>>;
  waived: number;
  resolvedTotal: number;
  meanTimeToRemediateMs: number | null;
  meanTimeToRemediateDays: number | null;
  timeline: TimelineDay[];
  /** The rules with the most open findings: those findings, and the entities they are in. */
  topRules: {
    ruleId: string;
    title?: string;
    open: number;
    services: number;
  }[];
}

interface EntityScoreSummary {
  scorecard: Scorecard;
  open: SeverityCounts;
  /** Per rule: the rows of entity_rule_counts. */
  rules: Map<
    string,
    {
      category: string;
      severity: string;
      open: number;
      waived: number;
      suppressed: number;
    }
  >;
  /** Open findings per category (neither suppressed nor waived). */
  openByCategory: Map<string, number>;
  waived: number;
  suppressed: number;
}

// ----------------------------------------------------------------- store

/** Columns of a finding that a later scan may update. */
const DETAIL_KEYS = [
  'rule_id',
  'severity',
  'category',
  'format',
  'confidence',
  'file',
  'line',
  'resource_id',
  'generated_resource_id',
  'resource_type',
  'property',
  'message',
  'suppressed',
  'suppression_reason',
] as const;

export class ComplianceStore {
  constructor(
    private readonly db: Knex,
    /** Warns of a report whose findings share a fingerprint (see storedFingerprints). */
    private readonly logger?: LoggerService,
  ) {}

  get knex(): Knex {
    return this.db;
  }

  /**
   * Runs `read` on one snapshot of the database: what it reads in several
   * statements is as it was at one moment, with no write committed between
   * two of them. On PostgreSQL, a read-only transaction at REPEATABLE READ
   * (at its default, READ COMMITTED, each statement sees what was
   * committed before it began); on SQLite, a transaction, on the one
   * connection there is. Within a snapshot already, `read` runs in it.
   */
  private onSnapshot<T>(read: (store: ComplianceStore) => Promise<T>) {
    if (this.db.isTransaction) return read(this);
    return this.db.transaction(
      trx => read(new ComplianceStore(trx, this.logger)),
      // SQLite's transactions are serializable: knex warns of an isolation level given.
      this.isPostgres
        ? { isolationLevel: 'repeatable read', readOnly: true }
        : undefined,
    );
  }

  private get isPostgres(): boolean {
    return (
      String((this.db.client as { dialect?: string }).dialect) === 'postgresql'
    );
  }

  /**
   * A text column (trusted SQL) as ORDER BY compares it byte by byte on
   * both databases. SQLite compares text so; PostgreSQL by the database's
   * collation: glibc's en_US sets punctuation aside (`infra-old/b.yaml`
   * came between `infra/a.yaml` and `infra/z.yaml`), ICU's puts `_` before
   * `-`. For refs and paths; names sort by `sort_name`, written for that.
   */
  private inByteOrder(column: string): string {
    return this.isPostgres ? `${column} collate "C"` : column;
  }

  /**
   * Keeps the rows whose `column` is one of `visible`, the entities a user
   * may read; no filter without `visible`.
   */
  private onlyVisible(
    query: Knex.QueryBuilder,
    column: string,
    visible: readonly string[] | undefined,
  ): Knex.QueryBuilder {
    return visible ? this.whereInList(query, column, visible) : query;
  }

  /**
   * Keeps the rows whose `column` is one of `values`. The list is one bound
   * JSON parameter: SQLite and PostgreSQL cap the parameters of a statement
   * well below the size of a large catalog, or of a scan's findings.
   */
  private whereInList(
    query: Knex.QueryBuilder,
    column: string,
    values: readonly string[],
  ): Knex.QueryBuilder {
    const json = JSON.stringify(values);
    return this.isPostgres
      ? query.whereRaw(`?? in (select jsonb_array_elements_text(?::jsonb))`, [
          column,
          json,
        ])
      : query.whereRaw(`?? in (select value from json_each(?))`, [
          column,
          json,
        ]);
  }

  /**
   * Whether an active waiver of `entityRef` covers the finding row aliased
   * f (a finding of that entity). Not correlated with f: each database
   * reads the entity's few waivers once into a set and tests every finding
   * against it, where a correlated `exists` probed the waivers once per
   * finding (70,000 probes for an entity with 70,000 open findings).
   */
  private activeWaiverSql(entityRef: string, now: number): Knex.Raw {
    const active = (column: 'rule_id' | 'fingerprint') =>
      this.db('waivers')
        .where('entity_ref', entityRef)
        .whereNull('revoked_at')
        .andWhere(q =>
          q.whereNull('expires_at').orWhere('expires_at', '>', now),
        )
        // x in a set holding a null is null, not false, when x is not in it: `not` of it would drop the row.
        .whereNotNull(column)
        .select(column);
    return this.db.raw('(f.rule_id in ? or f.fingerprint in ?)', [
      active('rule_id'),
      active('fingerprint'),
    ]);
  }

  /**
   * The id of the active waiver covering the finding row aliased f: the
   * least, in the database's order, of those naming its rule or its
   * fingerprint. Correlated: one probe of the waivers per row, so only for
   * rows already paged.
   */
  private activeWaiverIdSql(now: number): Knex.Raw {
    return this.db.raw(
      `(select min(w.id) from waivers w where w.entity_ref = f.entity_ref and w.revoked_at is null and (w.expires_at is null or w.expires_at > ?) and (w.rule_id = f.rule_id or w.fingerprint = f.fingerprint)) as waiver_id`,
      [now],
    );
  }

  /**
   * The waiver id of any finding of `entityRef`, as activeWaiverIdSql gives
   * it, from the entity's active waivers read once: for all the findings of
   * an entity, where that subquery would probe the waivers once per finding.
   * The waivers come in the database's order of ids, so the first that
   * matches is the `min(w.id)` of the subquery (collation included).
   */
  private async activeWaiverIdOf(
    entityRef: string,
    now: number,
    db: Knex | Knex.Transaction = this.db,
  ): Promise<(row: Record<string, any>) => string | null> {
    const waivers = await db('waivers')
      .where('entity_ref', entityRef)
      .whereNull('revoked_at')
      .andWhere(q => q.whereNull('expires_at').orWhere('expires_at', '>', now))
      .select('id', 'rule_id', 'fingerprint')
      .orderBy('id');
    // The first (least) waiver per rule and per fingerprint, by position.
    const byRule = new Map<string, number>();
    const byFingerprint = new Map<string, number>();
    waivers.forEach((waiver, position) => {
      if (waiver.rule_id !== null && !byRule.has(waiver.rule_id))
        byRule.set(waiver.rule_id, position);
      if (waiver.fingerprint !== null && !byFingerprint.has(waiver.fingerprint))
        byFingerprint.set(waiver.fingerprint, position);
    });
    return row => {
      const position = Math.min(
        byRule.get(row.rule_id) ?? Infinity,
        byFingerprint.get(row.fingerprint) ?? Infinity,
      );
      return position === Infinity ? null : waivers[position].id;
    };
  }

  // --------------------------------------------------------------- entities

  /** Inserts or refreshes what the catalog says about an entity. */
  async upsertEntity(info: EntityInfo, now: number): Promise<void> {
    const row = {
      entity_ref: info.entityRef,
      kind: info.kind,
      namespace: info.namespace,
      name: info.name,
      title: info.title ?? null,
      sort_name: sortNameOf(info.name, info.title),
      owner_ref: info.ownerRef ?? null,
      system_ref: info.systemRef ?? null,
      lifecycle: info.lifecycle ?? null,
      type: info.type ?? null,
      in_catalog: true,
      scannable: info.scannable,
      unscannable_reason: info.scannable
        ? null
        : info.unscannableReason ?? 'not scannable',
      source_type: info.sourceType ?? null,
      source_target: info.sourceTarget ?? null,
      updated_at: now,
    };
    const { entity_ref: _ref, ...update } = row;
    await this.db('entities')
      .insert(row)
      .onConflict('entity_ref')
      .merge(update);
  }

  /** Marks entities of the given set that are gone from the catalog. */
  async markRemovedFromCatalog(
    entityRefs: readonly string[],
    now: number,
  ): Promise<void> {
    for (const chunk of chunks(entityRefs)) {
      await this.db('entities')
        .whereIn('entity_ref', chunk)
        .update({ in_catalog: false, updated_at: now });
    }
  }

  /** Entity refs the database holds as present in the catalog. */
  async listKnownEntityRefs(): Promise<
    {
      entityRef: string;
      lastScanId?: string;
      lastScanAt?: number;
      scannable: boolean;
      unscannableReason?: string;
    }[]
  > {
    const rows = await this.db('entities')
      .where('in_catalog', true)
      .select(
        'entity_ref',
        'last_scan_id',
        'last_scan_at',
        'scannable',
        'unscannable_reason',
      );
    return rows.map(row => ({
      entityRef: row.entity_ref,
      lastScanId: opt(row.last_scan_id),
      lastScanAt:
        row.last_scan_at === null || row.last_scan_at === undefined
          ? undefined
          : num(row.last_scan_at),
      scannable: Boolean(num(row.scannable)),
      unscannableReason: opt(row.unscannable_reason),
    }));
  }

  /**
   * The scannable entities in the catalog read from a URL that holds,
   * followed by a `/` (a search may end in a path's end: `repo/` holds
   * `…/repo` too), for one of `searches`, each of its parts in this order
   * (in any letter case): one query, over this plugin's own rows, which
   * every scan of an entity refreshes. Given a repository's host and path,
   * those of the repository, and of others whose URL holds the same (the
   * caller tells them apart). A URL is read as URL_AS_SEARCHED writes it.
   */
  async listUrlSourcedEntities(
    searches: readonly (readonly string[])[],
  ): Promise<{ entityRef: string; sourceTarget: string }[]> {
    if (searches.length === 0) return [];
    const rows = await this.db('entities')
      .where({ in_catalog: true, scannable: true, source_type: 'url' })
      .andWhere(query => {
        for (const parts of searches)
          orWhereHolds(query, URL_AS_SEARCHED, parts, this.isPostgres);
      })
      .select('entity_ref', 'source_target')
      .orderBy('entity_ref');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      sourceTarget: row.source_target,
    }));
  }

  async getEntityRow(entityRef: string): Promise<
    | {
        etag?: string;
        etagReadKey?: string;
        engineSignature?: string;
        lastSuccessScanId?: string;
        scannable: boolean;
        unscannableReason?: string;
      }
    | undefined
  > {
    const row = await this.db('entities')
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    return {
      etag: opt(row.etag),
      etagReadKey: opt(row.etag_read_key),
      engineSignature: opt(row.engine_signature),
      lastSuccessScanId: opt(row.last_success_scan_id),
      scannable: Boolean(row.scannable),
      unscannableReason: opt(row.unscannable_reason),
    };
  }

  // --------------------------------------------------------------- scans

  async createScan(options: NewScan, db: Knex = this.db): Promise<void> {
    await db('scans').insert({
      id: options.id,
      entity_ref: options.entityRef,
      trigger: options.trigger,
      requested_by: options.requestedBy ?? null,
      status: options.status,
      source_type: options.source?.type ?? null,
      source_target: options.source?.target ?? null,
      created_at: options.now,
      started_at: options.status === 'running' ? options.now : null,
    });
  }

  /**
   * Claims the per-entity lock for a scan. Fails while another scan holds
   * it, unless that lock was last refreshed more than `lockTimeoutMs` ago
   * (its holder stopped beating: its replica died; see
   * {@link ComplianceStore.heartbeat}): then the abandoned scan is marked
   * failed and the lock taken over.
   */
  async claimEntity(
    entityRef: string,
    scanId: string,
    now: number,
    lockTimeoutMs: number,
  ): Promise<{ claimed: true } | { claimed: false; heldBy?: string }> {
    const before = await this.db('entities')
      .where('entity_ref', entityRef)
      .first('lock_scan_id', 'lock_at');
    if (!before) throw new NotFoundError(`Unknown entity ${entityRef}`);
    const updated = await this.db('entities')
      .where('entity_ref', entityRef)
      .andWhere(query =>
        query
          .whereNull('lock_scan_id')
          .orWhere('lock_scan_id', scanId)
          .orWhere('lock_at', '<', now - lockTimeoutMs),
      )
      .update({ lock_scan_id: scanId, lock_at: now });
    if (updated === 0) {
      // Read again: a scan claiming it at the same time may have taken it since `before`.
      const holder = await this.db('entities')
        .where('entity_ref', entityRef)
        .first('lock_scan_id');
      return { claimed: false, heldBy: opt(holder?.lock_scan_id) };
    }
    if (before.lock_scan_id && before.lock_scan_id !== scanId) {
      await this.db('scans')
        .where('id', before.lock_scan_id)
        .whereIn('status', ['queued', 'running'])
        .update({
          status: 'failed',
          error:
            'Interrupted: the scan stopped without finishing (its lock expired)',
          // Its last beat: when it was last known to run (`now` is a lockTimeout or more later).
          finished_at: num(before.lock_at),
        });
    }
    return { claimed: true };
  }

  /**
   * Refreshes the lock a running scan holds (its heartbeat): `lock_at` is
   * the time of its last beat. False when the scan no longer holds it
   * (another replica took it over after missed beats): its write
   * transaction will refuse to commit.
   */
  async heartbeat(
    entityRef: string,
    scanId: string,
    now: number,
  ): Promise<boolean> {
    const updated = await this.db('entities')
      .where({ entity_ref: entityRef, lock_scan_id: scanId })
      .update({ lock_at: now });
    return updated > 0;
  }

  /**
   * Queues an on-demand scan, unless the entity has one queued or running:
   * then that scan's id is returned. One transaction holds the entity's row,
   * so that requests arriving together queue one scan.
   */
  async queueScan(
    options: NewScan & { staleAfterMs: number },
  ): Promise<{ scanId: string; existing: boolean }> {
    return this.db.transaction(async trx => {
      await this.entityRowForUpdate(trx, options.entityRef).first('entity_ref');
      const active = await this.getActiveScan(
        options.entityRef,
        options.now,
        options.staleAfterMs,
        trx,
      );
      if (active) return { scanId: active.id, existing: true };
      await this.createScan(options, trx);
      return { scanId: options.id, existing: false };
    });
  }

  /**
   * The queued or running scan of an entity, if any (see
   * {@link ComplianceStore.readActiveScans}). The others belonged to a
   * replica that stopped (or lost their lock): they are marked failed
   * ("Interrupted"), as failScan marks a scan, the entity's last scan
   * among them, and ignored.
   */
  private async getActiveScan(
    entityRef: string,
    now: number,
    staleAfterMs: number,
    trx: Knex.Transaction,
  ): Promise<Scan | undefined> {
    const { alive, stale } = await this.readActiveScans(
      entityRef,
      now,
      staleAfterMs,
      trx,
    );
    for (const { row, lastAlive } of stale) {
      await this.recordFailure(
        trx,
        row.id,
        entityRef,
        'Interrupted: the scan stopped without finishing',
        lastAlive,
        { interrupted: true },
      );
    }
    return alive && toScan(alive);
  }

  /**
   * The entity's scan under way, if any, as its page shows it: queued or
   * running, and alive (see {@link ComplianceStore.readActiveScans}). Those
   * whose process stopped are first marked failed, as the next scan of the
   * entity marks them (see {@link ComplianceStore.getActiveScan}): the
   * entity's last scan says it was interrupted at once, not the results
   * from before it until the entity is scanned again. Only reads while
   * none is stale.
   */
  async settleActiveScans(
    entityRef: string,
    now: number,
    staleAfterMs: number,
  ): Promise<Scan | undefined> {
    const { alive, stale } = await this.readActiveScans(
      entityRef,
      now,
      staleAfterMs,
    );
    if (stale.length === 0) return alive && toScan(alive);
    return this.db.transaction(async trx => {
      // The entity's row first, as queueScan takes it before the same test.
      await this.entityRowForUpdate(trx, entityRef).first('entity_ref');
      return this.getActiveScan(entityRef, now, staleAfterMs, trx);
    });
  }

  /**
   * The rows of the entity's queued and running scans: the newest alive one,
   * and those stale. A running scan is alive while it holds the entity's
   * lock and has beaten within `staleAfterMs` (the lock's `lock_at`,
   * refreshed by its heartbeat); a queued one, while it was queued within
   * `staleAfterMs` (it is claimed at once).
   */
  private async readActiveScans(
    entityRef: string,
    now: number,
    staleAfterMs: number,
    db: Knex = this.db,
  ): Promise<{
    alive?: Record<string, any>;
    stale: { row: Record<string, any>; lastAlive: number }[];
  }> {
    const rows = await db('scans')
      .where('entity_ref', entityRef)
      .whereIn('status', ['queued', 'running'])
      .orderBy('created_at', 'desc');
    if (rows.length === 0) return { stale: [] };
    const lock = await db('entities')
      .where('entity_ref', entityRef)
      .first('lock_scan_id', 'lock_at');
    let alive: Record<string, any> | undefined;
    const stale: { row: Record<string, any>; lastAlive: number }[] = [];
    for (const row of rows) {
      const holder = lock?.lock_scan_id === row.id;
      let lastBeat = -Infinity; // running without the lock: lost it
      if (holder) lastBeat = num(lock.lock_at);
      else if (row.status === 'queued') lastBeat = num(row.created_at);
      if (now - lastBeat <= staleAfterMs) alive ??= row;
      else
        stale.push({
          row,
          // When it was last known to run: its last beat, its queueing, or
          // (lock lost) its start.
          lastAlive:
            lastBeat > -Infinity
              ? lastBeat
              : num(row.started_at ?? row.created_at),
        });
    }
    return { alive, stale };
  }

  async markScanRunning(
    scanId: string,
    now: number,
    source: { type: string; target: string },
    previousEtag?: string,
  ): Promise<void> {
    await this.db('scans')
      .where('id', scanId)
      .update({
        status: 'running',
        started_at: now,
        source_type: source.type,
        source_target: source.target,
        previous_etag: previousEtag ?? null,
      });
  }

  /** Records a failed scan; the entity keeps its last good results. */
  async failScan(
    scanId: string,
    entityRef: string,
    error: string,
    now: number,
  ): Promise<void> {
    await this.db.transaction(async trx => {
      // The entity's row first, as every transaction that writes both takes them.
      await this.entityRowForUpdate(trx, entityRef).first('entity_ref');
      await this.recordFailure(trx, scanId, entityRef, error, now);
    });
  }

  /**
   * Records the scan failed and, unless a later one is, as the entity's
   * last scan, releasing its lock; in a transaction holding the entity's
   * row. `now`: when it ended. `interrupted`: a scan whose process
   * stopped, marked by another request: only while it is still queued or
   * running (one that ended meanwhile keeps its outcome), `now` being when
   * it was last known to run (the request may come days later), and
   * without a duration (it stopped somewhere between that moment and a
   * lock timeout after it).
   */
  private async recordFailure(
    trx: Knex.Transaction,
    scanId: string,
    entityRef: string,
    error: string,
    now: number,
    options: { interrupted?: boolean } = {},
  ): Promise<void> {
    const scan = await trx('scans')
      .where('id', scanId)
      .first('started_at', 'created_at', 'source_target');
    // Whoever wrote it, the error is stored without the credentials of a
    // URL it quotes; cut after, which could keep a URL's start, between
    // characters (not in one written in two UTF-16 units).
    const storedError = truncate(
      textWithoutLocationCredentials(error, opt(scan?.source_target)),
      4000,
    );
    const scanRow = trx('scans').where('id', scanId);
    if (options.interrupted) scanRow.whereIn('status', ['queued', 'running']);
    const updated = await scanRow.update({
      status: 'failed',
      error: storedError,
      finished_at: now,
      duration_ms:
        scan && !options.interrupted
          ? now - num(scan.started_at ?? scan.created_at)
          : null,
    });
    if (updated === 0 && options.interrupted) return;
    // A scan whose lock another scan took over (it ran past the lock
    // timeout) is not the entity's last scan: the one running now, or one
    // that finished after this one started, is.
    const createdAt = scan ? num(scan.created_at) : now;
    await trx('entities')
      .where('entity_ref', entityRef)
      .andWhere(query =>
        query
          .where('lock_scan_id', scanId)
          .orWhere(free =>
            free
              .whereNull('lock_scan_id')
              .andWhere(earlier =>
                earlier
                  .whereNull('last_scan_at')
                  .orWhere('last_scan_at', '<=', createdAt),
              ),
          ),
      )
      .update({
        last_scan_id: scanId,
        last_scan_status: 'failed',
        last_scan_at: now,
        last_scan_error: storedError,
        lock_scan_id: null,
        lock_at: null,
        updated_at: now,
      });
  }

  /**
   * The tree did not change since the last scan (same ETag): no finding is
   * written; the scan is recorded as unchanged, and the entity's score is
   * refreshed (a waiver may have expired since).
   */
  async finishUnchanged(
    scanId: string,
    entityRef: string,
    etag: string | undefined,
    now: number,
  ) {
    await this.db.transaction(async trx => {
      await this.lockEntityForWrite(trx, entityRef, scanId);
      await this.recordUnchanged(trx, scanId, entityRef, etag, now);
    });
  }

  /**
   * Records the scan as unchanged and as the entity's last scan (its last
   * successful one stays), releases the lock and refreshes the entity's
   * score (a waiver may have expired since).
   */
  private async recordUnchanged(
    trx: Knex.Transaction,
    scanId: string,
    entityRef: string,
    etag: string | undefined,
    now: number,
  ) {
    const scan = await trx('scans')
      .where('id', scanId)
      .first('started_at', 'created_at');
    await trx('scans')
      .where('id', scanId)
      .update({
        status: 'unchanged',
        etag: etag ?? null,
        finished_at: now,
        duration_ms: scan
          ? now - num(scan.started_at ?? scan.created_at)
          : null,
      });
    await trx('entities').where('entity_ref', entityRef).update({
      last_scan_id: scanId,
      last_scan_status: 'unchanged',
      last_scan_at: now,
      last_completed_scan_id: scanId,
      last_scan_error: null,
      lock_scan_id: null,
      lock_at: null,
      updated_at: now,
    });
    await this.refreshEntityScoreIn(trx, entityRef, now);
  }

  /**
   * The entity's row, locked until the transaction ends on PostgreSQL
   * (SQLite runs one transaction at a time).
   */
  private entityRowForUpdate(trx: Knex.Transaction, entityRef: string) {
    const query = trx('entities').where('entity_ref', entityRef);
    return this.isPostgres ? query.forUpdate() : query;
  }

  /**
   * Locks the entity row for the write transaction and checks the scan
   * still holds the entity; returns the entity's last successful scan and
   * the signature of the engine that ran it.
   */
  private async lockEntityForWrite(
    trx: Knex.Transaction,
    entityRef: string,
    scanId: string,
  ): Promise<{
    lastSuccessScanId?: string;
    engineSignature?: string;
    grade: Grade | null;
  }> {
    const row = await this.entityRowForUpdate(trx, entityRef).first(
      'lock_scan_id',
      'last_success_scan_id',
      'engine_signature',
      'grade',
    );
    if (!row) throw new NotFoundError(`Unknown entity ${entityRef}`);
    if (row.lock_scan_id !== scanId) {
      throw new ConflictError(
        `Scan ${scanId} no longer holds the lock of ${entityRef} (held by ${
          row.lock_scan_id ?? 'nobody'
        })`,
      );
    }
    return {
      lastSuccessScanId: opt(row.last_success_scan_id),
      engineSignature: opt(row.engine_signature),
      grade: row.grade ?? null,
    };
  }

  /**
   * Writes one successful scan in one transaction: findings lifecycle,
   * checks, score snapshot, entity summary, scan status; releases the lock.
   * A scan that found what the entity's last successful scan did (no
   * finding new, changed, reopened or resolved; the same checks, file
   * counts, coverage, unused suppressions and config warnings; the same
   * engine) is recorded as unchanged instead, as a tree whose ETag did not
   * change is: nothing is written but the scan, which the scan retention
   * deletes in time. (A local directory has no ETag: it is scanned every
   * time, and each scan kept a successful scan and a score snapshot for
   * good.)
   */
  async commitScan(write: ScanWrite): Promise<ScanCommit> {
    return this.db.transaction(async trx => {
      const {
        lastSuccessScanId,
        engineSignature,
        grade: gradeBefore,
      } = await this.lockEntityForWrite(trx, write.entityRef, write.scanId);
      const plan = await this.planFindings(trx, write);
      const counts = plan.counts;
      if (
        lastSuccessScanId &&
        engineSignature === write.engineSignature &&
        counts.new + counts.reopened + counts.resolved + plan.changed.length ===
          0 &&
        (await this.sameAsLastSuccessfulScan(trx, lastSuccessScanId, write))
      ) {
        await this.recordUnchanged(
          trx,
          write.scanId,
          write.entityRef,
          write.etag,
          write.finishedAt,
        );
        // The tree read (another revision, the same results) is the one the next scan may find unchanged.
        await trx('entities')
          .where('entity_ref', write.entityRef)
          .update({
            etag: write.etag ?? null,
            etag_read_key: write.etagReadKey ?? null,
          });
        return { status: 'unchanged', ...counts };
      }
      const engineChanged =
        lastSuccessScanId !== undefined &&
        engineSignature !== write.engineSignature;
      // Read before this scan's checks are written and the older ones pruned.
      const checkedBefore = engineChanged
        ? new Set<string>(
            await trx('scan_checks')
              .where('scan_id', lastSuccessScanId)
              .pluck('rule_id'),
          )
        : undefined;
      await this.writeFindings(trx, write, plan);
      await this.writeChecks(trx, write);
      await this.pruneChecks(trx, write.entityRef, [
        write.scanId,
        ...(lastSuccessScanId ? [lastSuccessScanId] : []),
      ]);
      const summary = await this.computeEntityScore(
        trx,
        write.entityRef,
        write.scanId,
        write.finishedAt,
      );
      await this.writeSnapshot(
        trx,
        {
          scanId: write.scanId,
          entityRef: write.entityRef,
          takenAt: write.finishedAt,
        },
        summary,
        counts,
      );
      await trx('entities')
        .where('entity_ref', write.entityRef)
        .update({
          last_scan_id: write.scanId,
          last_scan_status: 'succeeded',
          last_scan_at: write.finishedAt,
          last_scan_error: null,
          last_success_scan_id: write.scanId,
          last_success_at: write.finishedAt,
          last_completed_scan_id: write.scanId,
          etag: write.etag ?? null,
          etag_read_key: write.etagReadKey ?? null,
          engine_signature: write.engineSignature,
          lock_scan_id: null,
          lock_at: null,
          updated_at: write.finishedAt,
          remediated_count: trx.raw('remediated_count + ?', [counts.resolved]),
          remediation_ms_sum: trx.raw('remediation_ms_sum + ?', [
            counts.remediationMs,
          ]),
          ...scoreColumns(summary),
        });
      await this.writeRuleCounts(trx, write.entityRef, summary);
      await trx('scans')
        .where('id', write.scanId)
        .update({
          status: 'succeeded',
          etag: write.etag ?? null,
          finished_at: write.finishedAt,
          duration_ms: write.finishedAt - write.now,
          error: null,
          files_scanned: write.filesScanned,
          files_skipped: write.filesSkipped,
          coverage: JSON.stringify(write.coverage),
          unused_suppressions: jsonColumn(write.unusedSuppressions),
          config_warnings: jsonColumn(write.configWarnings),
          checks_total: write.checks.length,
          findings_total: counts.findings,
          findings_new: counts.new,
          findings_reopened: counts.reopened,
          findings_new_open: counts.newOpen,
          findings_reopened_open: counts.reopenedOpen,
          findings_resolved: counts.resolved,
          findings_resolved_open: counts.resolvedOpen,
        });
      return {
        status: 'succeeded',
        ...counts,
        hadSuccessfulScan: lastSuccessScanId !== undefined,
        openedFingerprints: [
          ...plan.inserts.map(row => row.fingerprint as string),
          ...plan.reopened.map(row => row.fingerprint),
        ],
        engineChanged,
        newToEngineFingerprints: checkedBefore
          ? plan.inserts
              .filter(row => !checkedBefore.has(row.rule_id as string))
              .map(row => row.fingerprint as string)
          : [],
        gradeBefore,
        gradeAfter: summary.scorecard.grade,
      };
    });
  }

  /**
   * Whether the scan's checks, per rule, its counts of files scanned and
   * skipped, its coverage, its unused suppressions and its config warnings
   * are those of the entity's last successful scan: what the UI shows of
   * them is that scan's, and must not go stale (a type not modelled more or
   * less, another reason to skip a file, a suppression that moved to
   * another line, a rule disabled twice or no longer).
   */
  private async sameAsLastSuccessfulScan(
    trx: Knex.Transaction,
    lastSuccessScanId: string,
    write: ScanWrite,
  ): Promise<boolean> {
    const last = await trx('scans')
      .where('id', lastSuccessScanId)
      .first(
        'files_scanned',
        'files_skipped',
        'coverage',
        'unused_suppressions',
        'config_warnings',
      );
    if (
      !last ||
      num(last.files_scanned) !== write.filesScanned ||
      num(last.files_skipped) !== write.filesSkipped ||
      last.coverage !== JSON.stringify(write.coverage) ||
      (last.unused_suppressions ?? null) !==
        jsonColumn(write.unusedSuppressions) ||
      (last.config_warnings ?? null) !== jsonColumn(write.configWarnings)
    )
      return false;
    const checks = checksPerRule(write.checks);
    const lastChecks = await trx('scan_checks')
      .where('scan_id', lastSuccessScanId)
      .select('rule_id', 'category', 'severity', 'passed', 'failed');
    return (
      lastChecks.length === checks.size &&
      lastChecks.every(row => {
        const check = checks.get(row.rule_id);
        return (
          check !== undefined &&
          check.category === row.category &&
          check.severity === row.severity &&
          check.passed === num(row.passed) &&
          check.failed === num(row.failed)
        );
      })
    );
  }

  /**
   * What the scan changes in the findings lifecycle: new → open; gone →
   * resolved; back → open again (reopened); details changed (a line moved).
   */
  private async planFindings(
    trx: Knex.Transaction,
    write: ScanWrite,
  ): Promise<FindingsPlan> {
    const { entityRef, scanId, now } = write;
    const existing = await trx('findings')
      .where('entity_ref', entityRef)
      .select(
        'id',
        'fingerprint',
        'status',
        ...DETAIL_KEYS,
        'first_seen_at',
        'reopened_at',
      );
    const byFingerprint = new Map(
      existing.map(row => [row.fingerprint as string, row]),
    );
    const seen = new Set<string>();
    const inserts: Record<string, unknown>[] = [];
    const touched: Id[] = [];
    const changed: { fingerprint: string; details: Record<string, unknown> }[] =
      [];
    const reopened: FindingsPlan['reopened'] = [];

    const stored = storedFingerprints(write.findings);
    for (const shared of stored.shared) {
      const [{ ruleId, resourceId, file, fingerprint }] = shared;
      const lines = shared.map(finding => finding.line);
      this.logger?.warn(
        `Infra Compliance: findings of ${entityRef} that share fingerprint ${fingerprint}, ${ruleId} on ${resourceId} in ${file} at lines ${lines
          .slice(0, -1)
          .join(', ')} and ${lines.at(
          -1,
        )}: each is kept, the ones after the first under fingerprints of their own`,
      );
    }
    for (const { fingerprint, details } of stored.findings) {
      seen.add(fingerprint);
      const row = byFingerprint.get(fingerprint);
      if (!row) {
        inserts.push({
          ...details,
          entity_ref: entityRef,
          fingerprint,
          status: 'open',
          first_seen_at: now,
          last_seen_at: now,
          reopened_count: 0,
          first_scan_id: scanId,
          last_scan_id: scanId,
        });
      } else if (row.status !== 'open') {
        reopened.push({ id: row.id, fingerprint, details });
      } else if (detailsDiffer(row, details)) {
        changed.push({ fingerprint, details });
      } else {
        touched.push(row.id);
      }
    }
    const isUnjudged = unjudgedTest(write.unjudgedPaths ?? []);
    const resolvedRows = existing.filter(
      row =>
        row.status === 'open' && !seen.has(row.fingerprint) && !isUnjudged(row),
    );
    const resolvedIds: Id[] = resolvedRows.map(row => row.id);
    // Suppressed or waived findings are not open, on the scorecard: a scan
    // that opened or resolved only those opened or fixed nothing to fix
    // (the scan's "new" and "resolved", the timelines'). Waived at the time
    // the score is taken.
    const waiverIdOf =
      inserts.length + reopened.length + resolvedRows.length > 0
        ? await this.activeWaiverIdOf(entityRef, write.finishedAt, trx)
        : () => null;
    const isLeftOpen = (row: Record<string, any>) =>
      !row.suppressed && waiverIdOf(row) === null;
    const remediationMs = resolvedRows.reduce(
      (sum, row) =>
        sum +
        Math.max(
          0,
          now - Math.max(num(row.first_seen_at), num(row.reopened_at)),
        ),
      0,
    );
    return {
      inserts,
      touched,
      changed,
      reopened,
      resolvedIds,
      counts: {
        findings: seen.size,
        new: inserts.length,
        reopened: reopened.length,
        newOpen: inserts.filter(isLeftOpen).length,
        reopenedOpen: reopened.filter(({ fingerprint, details }) =>
          isLeftOpen({ ...details, fingerprint }),
        ).length,
        resolved: resolvedIds.length,
        resolvedOpen: resolvedRows.filter(isLeftOpen).length,
        remediationMs,
      },
    };
  }

  /** Writes the changes {@link ComplianceStore.planFindings} planned. */
  protected async writeFindings(
    trx: Knex.Transaction,
    write: ScanWrite,
    plan: FindingsPlan,
  ): Promise<void> {
    const { entityRef, scanId, now } = write;
    const { inserts, touched, changed, reopened, resolvedIds } = plan;
    for (const chunk of chunks(inserts, 200)) {
      await trx('findings').insert(chunk);
    }
    for (const chunk of chunks(touched)) {
      await trx('findings')
        .whereIn('id', chunk)
        .update({ last_seen_at: now, last_scan_id: scanId });
    }
    // Changed details (a line moved: every finding below a line added) are
    // written as chunked upserts on the finding's key, not one UPDATE per
    // finding. Every row exists (the entity is locked), so only the merged
    // columns are written; the others only satisfy the INSERT.
    for (const chunk of chunks(changed, 200)) {
      await trx('findings')
        .insert(
          chunk.map(({ fingerprint, details }) => ({
            ...details,
            entity_ref: entityRef,
            fingerprint,
            status: 'open',
            first_seen_at: now,
            first_scan_id: scanId,
            last_seen_at: now,
            last_scan_id: scanId,
          })),
        )
        .onConflict(['entity_ref', 'fingerprint'])
        .merge([
          ...Object.keys(chunk[0].details),
          'last_seen_at',
          'last_scan_id',
        ]);
    }
    for (const { id, details } of reopened) {
      await trx('findings')
        .where('id', id)
        .update({
          ...details,
          status: 'open',
          resolved_at: null,
          resolved_scan_id: null,
          reopened_at: now,
          reopened_count: trx.raw('reopened_count + 1'),
          last_seen_at: now,
          last_scan_id: scanId,
        });
    }
    for (const chunk of chunks(resolvedIds)) {
      await trx('findings').whereIn('id', chunk).update({
        status: 'resolved',
        resolved_at: now,
        resolved_scan_id: scanId,
      });
    }
  }

  protected async writeChecks(
    trx: Knex.Transaction,
    write: ScanWrite,
  ): Promise<void> {
    const rows = [...checksPerRule(write.checks)].map(([ruleId, entry]) => ({
      scan_id: write.scanId,
      rule_id: ruleId,
      ...entry,
    }));
    for (const chunk of chunks(rows, 200))
      await trx('scan_checks').insert(chunk);
  }

  /**
   * Deletes the checks of the entity's scans but `keep`. Only the last
   * successful scan's checks are read (the score); the snapshots keep the
   * history. The previous one's are kept too, for a reader that looked up
   * the entity just before this commit.
   */
  private async pruneChecks(
    trx: Knex.Transaction,
    entityRef: string,
    keep: string[],
  ): Promise<void> {
    await trx('scan_checks')
      .whereIn(
        'scan_id',
        trx('scans').where('entity_ref', entityRef).select('id'),
      )
      .whereNotIn('scan_id', keep)
      .delete();
  }

  /**
   * Records the entity's score in its history: `scanId` is the successful
   * scan whose checks it scores; `counts`, what that scan changed (none for
   * a score a waiver changed).
   */
  protected async writeSnapshot(
    trx: Knex.Transaction,
    snapshot: { scanId: string; entityRef: string; takenAt: number },
    summary: EntityScoreSummary,
    counts?: ScanCounts,
  ): Promise<void> {
    await trx('score_snapshots').insert({
      scan_id: snapshot.scanId,
      entity_ref: snapshot.entityRef,
      taken_at: snapshot.takenAt,
      ...scoreColumns(summary),
      new_count: counts?.new ?? 0,
      reopened_count: counts?.reopened ?? 0,
      opened_count: counts ? counts.newOpen + counts.reopenedOpen : 0,
      resolved_count: counts?.resolved ?? 0,
      resolved_open_count: counts?.resolvedOpen ?? 0,
    });
  }

  /**
   * The entity's scorecard from the checks of its last successful scan, with
   * waived findings counting as passed: for each rule, a failing check flips
   * to passed when every unsuppressed open finding on its resource is waived.
   */
  private async computeEntityScore(
    db: Knex | Knex.Transaction,
    entityRef: string,
    scanId: string,
    now: number,
  ): Promise<EntityScoreSummary> {
    const checkRows = await db('scan_checks')
      .where('scan_id', scanId)
      .select('rule_id', 'category', 'severity', 'passed', 'failed');

    const countRows = await db
      .from(
        db
          .from({ f: 'findings' })
          .where('f.entity_ref', entityRef)
          .andWhere('f.status', 'open')
          .select(
            'f.rule_id',
            'f.category',
            'f.severity',
            'f.suppressed',
            db.raw('case when ? then 1 else 0 end as waived', [
              this.activeWaiverSql(entityRef, now),
            ]),
          )
          .as('y'),
      )
      .select('rule_id', 'category', 'severity', 'suppressed', 'waived')
      .count({ n: '*' })
      .groupBy('rule_id', 'category', 'severity', 'suppressed', 'waived');
    const open = emptyCounts();
    let waived = 0;
    let suppressed = 0;
    const rules: EntityScoreSummary['rules'] = new Map();
    const openByCategory = new Map<string, number>();
    for (const row of countRows as Record<string, any>[]) {
      const n = num(row.n);
      let rule = rules.get(row.rule_id);
      if (!rule) {
        rule = {
          category: row.category,
          severity: row.severity,
          open: 0,
          waived: 0,
          suppressed: 0,
        };
        rules.set(row.rule_id, rule);
      }
      if (row.suppressed === true || num(row.suppressed) === 1) {
        suppressed += n;
        rule.suppressed += n;
      } else if (num(row.waived) === 1) {
        waived += n;
        rule.waived += n;
      } else {
        open[row.severity as Severity] += n;
        open.total += n;
        rule.open += n;
        openByCategory.set(
          row.category,
          (openByCategory.get(row.category) ?? 0) + n,
        );
      }
    }

    // Only rules some unsuppressed open finding of which is waived can flip
    // (most entities: none; else a few of the entity's findings to read).
    const waivedRules = [...rules]
      .filter(([, rule]) => rule.waived > 0)
      .map(([ruleId]) => ruleId);
    const perResource = db
      .from({ f: 'findings' })
      .where('f.entity_ref', entityRef)
      .whereIn('f.rule_id', waivedRules)
      .andWhere('f.status', 'open')
      .andWhere('f.suppressed', false)
      // Seen by the scan whose checks these are: a finding left open on a
      // file it could not judge has no check to flip.
      .andWhere('f.last_scan_id', scanId)
      .select(
        'f.rule_id',
        // The resource the check was about: generated ones share the id the author wrote.
        db.raw(
          'coalesce(f.generated_resource_id, f.resource_id) as checked_resource',
        ),
        'f.file',
        db.raw('case when ? then 1 else 0 end as waived', [
          this.activeWaiverSql(entityRef, now),
        ]),
      )
      .as('x');
    // Per rule, the resources whose every finding is waived: counted in SQL
    // (a row per rule), not by reading a row per resource.
    const flipRows =
      waivedRules.length === 0
        ? []
        : await db
            .from(
              db
                .from(perResource)
                .select('rule_id')
                .groupBy('rule_id', 'checked_resource', 'file')
                .havingRaw('min(waived) = 1')
                .as('all_waived'),
            )
            .select('rule_id')
            .count({ n: '*' })
            .groupBy('rule_id');
    const flips = new Map<string, number>(
      flipRows.map(row => [row.rule_id as string, num(row.n)]),
    );
    const checks: Check[] = [];
    for (const row of checkRows) {
      const failed = num(row.failed);
      const flip = Math.min(failed, flips.get(row.rule_id) ?? 0);
      const base = {
        ruleId: row.rule_id,
        category: row.category,
        severity: row.severity,
      };
      for (let i = 0; i < num(row.passed) + flip; i++)
        checks.push({ ...base, passed: true });
      for (let i = 0; i < failed - flip; i++)
        checks.push({ ...base, passed: false });
    }
    const scorecard = computeScorecard(checks);
    return { scorecard, open, waived, suppressed, rules, openByCategory };
  }

  /**
   * Recomputes the entity's stored score and rule counts, in the
   * transaction of what changed them (a waiver created, revoked or expired,
   * an unchanged scan). Figures that changed are recorded in the history
   * (a score snapshot), as a successful scan's are: a scan that finds what
   * the last one did records none, so the history kept the score from
   * before the waiver. Returns the entity's grade before and after; none
   * for an entity with no successful scan, which has no score.
   */
  private async refreshEntityScoreIn(
    trx: Knex.Transaction,
    entityRef: string,
    now: number,
  ): Promise<GradeChange | undefined> {
    // Locked first: a scan committing meanwhile is waited for, and its results are the ones scored.
    const row = await this.entityRowForUpdate(trx, entityRef).first(
      'last_success_scan_id',
      'grade',
    );
    if (!row?.last_success_scan_id) return undefined;
    const summary = await this.computeEntityScore(
      trx,
      entityRef,
      row.last_success_scan_id,
      now,
    );
    const columns = scoreColumns(summary);
    await trx('entities')
      .where('entity_ref', entityRef)
      .update({ ...columns, updated_at: now });
    await this.writeRuleCounts(trx, entityRef, summary);
    const lastSnapshot = await trx('score_snapshots')
      .where('entity_ref', entityRef)
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first(Object.keys(columns));
    if (!lastSnapshot || !sameScoreColumns(lastSnapshot, columns)) {
      await this.writeSnapshot(
        trx,
        { scanId: row.last_success_scan_id, entityRef, takenAt: now },
        summary,
      );
    }
    return {
      gradeBefore: row.grade ?? null,
      gradeAfter: summary.scorecard.grade,
    };
  }

  /** Replaces the entity's rows of entity_rule_counts (the roll-ups' input). */
  private async writeRuleCounts(
    trx: Knex.Transaction,
    entityRef: string,
    summary: EntityScoreSummary,
  ) {
    await trx('entity_rule_counts').where('entity_ref', entityRef).delete();
    const rows = [...summary.rules].map(([ruleId, counts]) => ({
      entity_ref: entityRef,
      rule_id: ruleId,
      ...counts,
    }));
    for (const chunk of chunks(rows, 200))
      await trx('entity_rule_counts').insert(chunk);
  }

  async getScan(scanId: string): Promise<Scan | undefined> {
    const row = await this.db('scans').where('id', scanId).first();
    return row ? toScan(row) : undefined;
  }

  /**
   * A scan read as its status is asked for: one queued or running whose
   * process stopped is marked failed first (see
   * {@link ComplianceStore.settleActiveScans}). It read "running" until the
   * entity was scanned again: a page following it said "Scanning…" for as
   * long. Only reads while no scan of the entity is stale.
   */
  async settleScan(
    scan: Scan,
    now: number,
    staleAfterMs: number,
  ): Promise<Scan> {
    if (scan.status !== 'queued' && scan.status !== 'running') return scan;
    const active = await this.settleActiveScans(
      scan.entityRef,
      now,
      staleAfterMs,
    );
    if (active?.id === scan.id) return active;
    return (await this.getScan(scan.id)) ?? scan;
  }

  /**
   * The entity's scans, newest first, without their coverage: a page of
   * scans stays small, and the coverage the UI shows is that of the
   * scorecard's last successful scan (or of `getScan`).
   */
  async listScans(
    entityRef: string,
    limit: number,
    offset: number,
  ): Promise<Page<Scan>> {
    const [rows, total] = await Promise.all([
      this.db('scans')
        .where('entity_ref', entityRef)
        .select(SCAN_LIST_COLUMNS)
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit)
        .offset(offset),
      this.db('scans').where('entity_ref', entityRef).count({ n: '*' }).first(),
    ]);
    return {
      items: rows.map(toScan),
      totalCount: num(total?.n),
      limit,
      offset,
    };
  }

  /**
   * Deletes the unchanged and failed scans created before `before`, but an
   * entity's last scan, its last completed scan or the one holding its lock;
   * successful scans (the findings and the snapshots refer to them) stay.
   * Deletes `batchSize` at a time, each batch one statement (the scans it
   * picks and their deletion), and stops between batches once `signal` is
   * aborted (the task's timeout, a shutdown): the next run goes on. Returns
   * how many went.
   */
  async pruneScans(
    before: number,
    options: { batchSize?: number; signal?: AbortSignal } = {},
  ): Promise<number> {
    const { batchSize = PRUNE_BATCH, signal } = options;
    let deleted = 0;
    while (!signal?.aborted) {
      const batch = this.db('scans')
        .whereIn('status', ['unchanged', 'failed'])
        .andWhere('created_at', '<', before)
        // NOT IN over non-null ids: one hashed set for the whole statement on both databases.
        .whereNotIn(
          'id',
          this.db('entities')
            .whereNotNull('last_scan_id')
            .select('last_scan_id'),
        )
        .whereNotIn(
          'id',
          this.db('entities')
            .whereNotNull('last_completed_scan_id')
            .select('last_completed_scan_id'),
        )
        .whereNotIn(
          'id',
          this.db('entities')
            .whereNotNull('lock_scan_id')
            .select('lock_scan_id'),
        )
        .limit(batchSize)
        .select('id');
      const count = await this.db('scans').whereIn('id', batch).delete();
      deleted += count;
      if (count < batchSize) return deleted;
    }
    return deleted;
  }

  // --------------------------------------------------------------- API reads

  async getEntitySummary(
    entityRef: string,
  ): Promise<EntitySummary | undefined> {
    const row = await this.db('entities')
      .where('entity_ref', entityRef)
      .first();
    return row ? toEntitySummary(row) : undefined;
  }

  /**
   * The source location the entity's results were read from, their paths
   * relative to it: that of its last completed scan (succeeded or
   * unchanged), which the entity may have left since (a repository moved);
   * the entity's own before such a scan. Both in one statement.
   */
  async getResultsSource(entityRef: string): Promise<Scan['source']> {
    const row = await this.db('entities as e')
      .leftJoin('scans as s', 's.id', 'e.last_completed_scan_id')
      .where('e.entity_ref', entityRef)
      .first(
        's.source_type as scan_source_type',
        's.source_target as scan_source_target',
        'e.source_type',
        'e.source_target',
      );
    if (!row) return undefined;
    const [type, target] = row.scan_source_type
      ? [row.scan_source_type, row.scan_source_target]
      : [row.source_type, row.source_target];
    return type ? toSource(type, target) : undefined;
  }

  /**
   * The scan the entity's results come from (its last successful one), with
   * its counts and what it did not judge. Undefined before such a scan.
   */
  async getResultsScan(entityRef: string): Promise<Scan | undefined> {
    const row = await this.db('entities as e')
      .join('scans as s', 's.id', 'e.last_success_scan_id')
      .where('e.entity_ref', entityRef)
      .first('s.*');
    return row ? toScan(row) : undefined;
  }

  /**
   * The entity's scorecard with its scan under way, if any (see
   * {@link ComplianceStore.settleActiveScans}), both read on one snapshot.
   * Read one after the other, a scan that ended between the two reads was
   * both: the scorecard's last scan and the scan under way (a page said
   * "Scanning…" beside its results, and an assistant was told of a scan
   * under way that had ended).
   */
  async getScorecardWithRunningScan(
    entityRef: string,
    now: number,
    staleAfterMs: number,
  ): Promise<ScorecardWithRunningScan | undefined> {
    const read = () =>
      this.onSnapshot(async snapshot => {
        const { alive, stale } = await snapshot.readActiveScans(
          entityRef,
          now,
          staleAfterMs,
        );
        const scorecard = await snapshot.getEntityScorecard(entityRef, now);
        return {
          scorecard: scorecard && {
            ...scorecard,
            runningScan: alive && toScan(alive),
          },
          settled: stale.length === 0,
        };
      });
    const { scorecard, settled } = await read();
    if (settled) return scorecard;
    // Those whose process stopped are marked failed (a write, which the
    // snapshot does not make), then the scorecard read again: its last
    // scan says so at once.
    await this.settleActiveScans(entityRef, now, staleAfterMs);
    return (await read()).scorecard;
  }

  /**
   * The entity's scorecard, computed now (waivers that expired no longer
   * count), on one snapshot: its last scans, its figures and the checks
   * they are of read in several statements, from the results of one scan.
   */
  async getEntityScorecard(
    entityRef: string,
    now: number,
  ): Promise<EntityScorecard | undefined> {
    return this.onSnapshot(snapshot =>
      snapshot.readEntityScorecard(entityRef, now),
    );
  }

  private async readEntityScorecard(
    entityRef: string,
    now: number,
  ): Promise<EntityScorecard | undefined> {
    const row = await this.db('entities')
      .where('entity_ref', entityRef)
      .first();
    if (!row) return undefined;
    // The coverage, the unused suppressions and the config warnings once,
    // on the scan the grade is of: the three scans are often one. The last
    // scan and the last completed one as a list of scans serves each
    // (SCAN_LIST_COLUMNS): without them.
    const asListedScan = (scan: Scan | undefined) => {
      if (!scan) return undefined;
      const { coverage, unusedSuppressions, configWarnings, ...rest } = scan;
      return rest;
    };
    // In one statement: a transaction's statements run one at a time.
    const scanIds = [
      row.last_scan_id,
      row.last_success_scan_id,
      row.last_completed_scan_id,
    ].filter(id => id);
    const scans = new Map<string, Scan>(
      scanIds.length === 0
        ? []
        : (await this.db('scans').whereIn('id', scanIds)).map(scan => [
            scan.id,
            toScan(scan),
          ]),
    );
    const base = {
      entityRef,
      entity: toEntitySummary(row),
      lastScan: asListedScan(scans.get(row.last_scan_id)),
      lastSuccessfulScan: scans.get(row.last_success_scan_id),
      lastCompletedScan: asListedScan(scans.get(row.last_completed_scan_id)),
      formula: SCORECARD_FORMULA,
    };
    if (!row.last_success_scan_id) {
      return {
        ...base,
        grade: null,
        score: null,
        categories: {},
        open: emptyCounts(),
        waived: 0,
        suppressed: 0,
        resolved: 0,
      };
    }
    const summary = await this.computeEntityScore(
      this.db,
      entityRef,
      row.last_success_scan_id,
      now,
    );
    const resolved = await this.db('findings')
      .where({ entity_ref: entityRef, status: 'resolved' })
      .count({ n: '*' })
      .first();
    const categories: EntityScorecard['categories'] = {};
    for (const category of CATEGORY_IDS) {
      const score = summary.scorecard.categories[category];
      const open = summary.openByCategory.get(category) ?? 0;
      if (score || open) {
        categories[category] = {
          ...(score ?? { score: null, passed: 0, failed: 0 }),
          open,
        };
      }
    }
    return {
      ...base,
      grade: summary.scorecard.grade,
      score: summary.scorecard.score,
      categories,
      open: summary.open,
      waived: summary.waived,
      suppressed: summary.suppressed,
      resolved: num(resolved?.n),
    };
  }

  /** The findings of `entityRef` (aliased f) that `filter` keeps. */
  private findingsMatching(
    entityRef: string,
    filter: FindingFilter,
    now: number,
  ): Knex.QueryBuilder {
    const q = this.db.from({ f: 'findings' }).where('f.entity_ref', entityRef);
    if (filter.status && filter.status !== 'all')
      q.andWhere('f.status', filter.status);
    if (filter.categories?.length) q.whereIn('f.category', filter.categories);
    if (filter.severities?.length) q.whereIn('f.severity', filter.severities);
    if (filter.ruleIds?.length) q.whereIn('f.rule_id', filter.ruleIds);
    if (filter.fingerprints)
      this.whereInList(q, 'f.fingerprint', filter.fingerprints);
    if (filter.suppressed !== undefined)
      q.andWhere('f.suppressed', filter.suppressed);
    if (filter.waived === true) q.where(this.activeWaiverSql(entityRef, now));
    if (filter.waived === false)
      q.whereNot(this.activeWaiverSql(entityRef, now));
    if (filter.search) {
      whereAnyContains(
        q,
        [
          'f.rule_id',
          'f.resource_id',
          'f.resource_type',
          'f.file',
          // As the findings table shows a location: `template.yaml:42`.
          `f.file || ':' || f.line`,
          'f.message',
        ],
        filter.search,
        this.isPostgres,
      );
    }
    return q;
  }

  async listFindings(
    entityRef: string,
    query: FindingQuery,
    now: number,
  ): Promise<Page<FindingRecord>> {
    const filtered = () => this.findingsMatching(entityRef, query, now);
    const order = query.order ?? 'asc';
    const sortColumns: Record<NonNullable<FindingQuery['sort']>, string[]> = {
      severity: ['f.severity_rank', 'f.rule_id', 'f.file', 'f.line'],
      rule: ['f.rule_id', 'f.file', 'f.line'],
      category: ['f.category', 'f.severity_rank', 'f.rule_id'],
      file: ['f.file', 'f.line', 'f.rule_id'],
      firstSeen: ['f.first_seen_at'],
      lastSeen: ['f.last_seen_at'],
      resolvedAt: ['f.resolved_at'],
    };
    const columns = sortColumns[query.sort ?? 'severity'];
    // Columns that are never null are ordered by as they are: the database
    // then walks an index (entity, status, severity rank; entity, first seen)
    // and stops at the page, where `case when … is null` made it sort every
    // finding of the entity for each page.
    const ordered = (q: Knex.QueryBuilder) => {
      for (const column of columns) {
        if (column === 'f.resolved_at') orderNullsLast(q, column, order);
        else if (column === 'f.file')
          q.orderByRaw(`${this.inByteOrder(column)} ${order}`);
        else q.orderBy(column, order);
      }
      return q.orderBy('f.id', order);
    };
    // The page first, then its rows' waiver ids: beside f.* in a sorted
    // query, SQLite ran the waiver subquery for every finding it sorted (by
    // resolved date, or all statuses by severity), and PostgreSQL only when
    // its planner chose to run it after the sort.
    const page = ordered(filtered().select('f.*'))
      .limit(query.limit)
      .offset(query.offset)
      .as('f');
    const rowsQuery = ordered(
      this.db.from(page).select('f.*', this.activeWaiverIdSql(now)),
    );
    const [rows, total] = await Promise.all([
      rowsQuery,
      filtered().count({ n: '*' }).first(),
    ]);
    return {
      items: rows.map(toFinding),
      totalCount: num(total?.n),
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * A page of the entity's findings with the location they were read from
   * (see {@link ComplianceStore.getResultsSource}), on one snapshot. Read
   * one after the other, a repository move committed between them linked
   * the findings to files at the location they were not read from.
   */
  async listFindingsWithSource(
    entityRef: string,
    query: FindingQuery,
    now: number,
  ): Promise<{ page: Page<FindingRecord>; source: Scan['source'] }> {
    return this.onSnapshot(async snapshot => ({
      page: await snapshot.listFindings(entityRef, query, now),
      source: await snapshot.getResultsSource(entityRef),
    }));
  }

  /** How many findings of `entityRef` that `filter` keeps are of each severity. */
  async countFindingsBySeverity(
    entityRef: string,
    filter: FindingFilter,
    now: number,
  ): Promise<SeverityCounts> {
    const rows = await this.findingsMatching(entityRef, filter, now)
      .select('f.severity')
      .count({ n: '*' })
      .groupBy('f.severity');
    const counts = emptyCounts();
    for (const row of rows) {
      counts[row.severity as Severity] += num(row.n);
      counts.total += num(row.n);
    }
    return counts;
  }

  /**
   * For the SARIF export, on one snapshot: all open findings of an entity,
   * the scan they come from (its last successful one: what it did not
   * judge) and the location they were read from (see
   * {@link ComplianceStore.getResultsSource}). Read one after the other, a
   * scan committing between them gave the findings of one scan with what
   * another did not judge.
   */
  async getOpenResults(
    entityRef: string,
    now: number,
  ): Promise<{
    findings: FindingRecord[];
    resultsScan: Scan | undefined;
    source: Scan['source'];
  }> {
    return this.onSnapshot(async snapshot => ({
      findings: await snapshot.listOpenFindings(entityRef, now),
      resultsScan: await snapshot.getResultsScan(entityRef),
      source: await snapshot.getResultsSource(entityRef),
    }));
  }

  /** All open findings of an entity. */
  async listOpenFindings(
    entityRef: string,
    now: number,
  ): Promise<FindingRecord[]> {
    // One after the other: a transaction's statements run one at a time.
    const waiverIdOf = await this.activeWaiverIdOf(entityRef, now);
    const rows = await this.db
      .from({ f: 'findings' })
      .where({ 'f.entity_ref': entityRef, 'f.status': 'open' })
      .select('f.*')
      // The id last: findings alike in file, line and rule keep one order, so two exports compare equal.
      .orderByRaw(this.inByteOrder('f.file'))
      .orderBy([
        { column: 'f.line' },
        { column: 'f.rule_id' },
        { column: 'f.id' },
      ]);
    return rows.map(row => {
      row.waiver_id = waiverIdOf(row);
      return toFinding(row);
    });
  }

  /** The files of the entity's open findings of these formats. */
  async openFindingFiles(
    entityRef: string,
    formats: readonly string[],
  ): Promise<string[]> {
    if (formats.length === 0) return [];
    return this.db('findings')
      .where({ entity_ref: entityRef, status: 'open' })
      .whereIn('format', formats)
      .distinct('file')
      .pluck('file');
  }

  async findingExists(
    entityRef: string,
    fingerprint: string,
  ): Promise<boolean> {
    const row = await this.db('findings')
      .where({ entity_ref: entityRef, fingerprint })
      .first('id');
    return Boolean(row);
  }

  async getHistory(
    entityRef: string,
    options: { since: number; limit: number },
  ): Promise<{
    snapshots: Record<string, unknown>[];
    timeline: TimelineDay[];
  }> {
    // The last `limit`: of one instant (a scan and a waiver in the same
    // millisecond), the last taken last.
    const snapshots = await this.db('score_snapshots')
      .where('entity_ref', entityRef)
      .andWhere('taken_at', '>=', options.since)
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(options.limit);
    const timeline = await this.timeline(
      this.db({ s: 'score_snapshots' }).where('s.entity_ref', entityRef),
      options.since,
    );
    return {
      snapshots: snapshots.reverse().map(toSnapshot),
      timeline,
    };
  }

  /**
   * Findings opened (new or reopened, and open: neither suppressed nor
   * waived as the scan committed) and resolved (of those open, likewise)
   * per day, from the snapshot of each scan: `snapshots` selects from
   * `score_snapshots as s`. A finding fixed and broken again counts on each
   * day it changed. The snapshots from before opened_count and
   * resolved_open_count count every finding they opened and resolved.
   */
  private async timeline(
    snapshots: Knex.QueryBuilder,
    since: number,
  ): Promise<TimelineDay[]> {
    const rows: Record<string, any>[] = await snapshots
      .andWhere('s.taken_at', '>=', since)
      .select(
        this.db.raw(`(s.taken_at / ${DAY_MS}) as day`),
        this.db.raw(
          'sum(coalesce(s.opened_count, s.new_count + s.reopened_count)) as opened',
        ),
        this.db.raw(
          'sum(coalesce(s.resolved_open_count, s.resolved_count)) as resolved',
        ),
      )
      .groupByRaw(`(s.taken_at / ${DAY_MS})`)
      .orderBy('day');
    return rows.map(row => ({
      day: dayString(Math.floor(num(row.day))),
      opened: num(row.opened),
      resolved: num(row.resolved),
    }));
  }

  async listOverview(query: OverviewQuery): Promise<Page<OverviewItem>> {
    const filtered = () => {
      const q = this.db('entities').where('in_catalog', true);
      this.onlyVisible(q, 'entity_ref', query.visible);
      if (query.owners?.length) q.whereIn('owner_ref', query.owners);
      if (query.kinds?.length) {
        // Kinds are case-insensitive in the catalog.
        const kinds = query.kinds.map(kind => kind.toLocaleLowerCase('en-US'));
        q.whereRaw(
          `lower(kind) in (${kinds.map(() => '?').join(', ')})`,
          kinds,
        );
      }
      if (query.systems?.length) q.whereIn('system_ref', query.systems);
      if (query.lifecycles?.length) {
        // The catalog filters spec fields case aside; lower() on both sides
        // folds alike on each database (SQLite's folds ASCII only).
        q.whereRaw(
          `lower(lifecycle) in (${query.lifecycles
            .map(() => 'lower(?)')
            .join(', ')})`,
          query.lifecycles,
        );
      }
      if (query.grades?.length)
        q.whereIn('grade', query.grades).andWhere('scannable', true);
      if (query.rules?.length) {
        const rules = query.rules;
        q.andWhere('scannable', true).whereExists(inner =>
          inner
            .select(this.db.raw('1'))
            .from({ c: 'entity_rule_counts' })
            .whereRaw('c.entity_ref = entities.entity_ref')
            .whereIn('c.rule_id', rules)
            .andWhere('c.open', '>', 0),
        );
      }
      if (query.search) {
        const { search, searchRefs = [] } = query;
        // What a row of the services shows: the service's name or title,
        // its owner's and its system's names, and their titles (searchRefs).
        const position = this.isPostgres ? 'strpos' : 'instr';
        const refName = (column: string) =>
          `substr(${column}, ${position}(${column}, '/') + 1)`;
        q.andWhere(inner => {
          whereAnyContains(
            inner,
            [
              'name',
              `coalesce(title, '')`,
              refName('owner_ref'),
              refName('system_ref'),
            ],
            search,
            this.isPostgres,
          );
          if (searchRefs.length) {
            inner
              .orWhereIn('owner_ref', searchRefs)
              .orWhereIn('system_ref', searchRefs);
          }
        });
      }
      return q;
    };
    // Each sort's SQL: what the column shows.
    const sortExpression: Record<NonNullable<OverviewQuery['sort']>, string> = {
      // A row shows the title, else the name (sortNameOf).
      name: 'sort_name',
      // The figures of an entity that is not scannable do not count (ifScannable).
      score: ifScannable('score'),
      // Scores are 0 to 100: a failed scan with no score comes before them;
      // no scan yet, then a scan with nothing to score, after them.
      attention: `case
        when not scannable then 103
        when score is not null then score
        when last_success_at is not null then 102
        when last_scan_status = 'failed' then -1
        else 101
      end`,
      open: ifScannable('open_total', '0'),
      critical: ifScannable('open_critical', '0'),
      lastScan: 'last_scan_at',
      owner: this.inByteOrder('owner_ref'),
      system: this.inByteOrder('system_ref'),
      ref: this.inByteOrder('entity_ref'),
      // Null where the category is not applicable: last, as a missing score.
      ...(Object.fromEntries(
        CATEGORY_IDS.map(category => [
          categoryScoreSort(category),
          ifScannable(CATEGORY_SCORE_COLUMN[category]),
        ]),
      ) as Record<CategoryScoreSort, string>),
    };
    // With a rule filter, a row's open findings are those of its rules
    // (what the rows were filtered by): the column shows them, and `open`
    // sorts by them.
    const ruleIds = query.rules?.length ? query.rules : undefined;
    const ruleOpen = ruleIds && {
      sql: `(select coalesce(sum(c.open), 0) from entity_rule_counts c where c.entity_ref = entities.entity_ref and c.rule_id in (${ruleIds
        .map(() => '?')
        .join(', ')}))`,
      bindings: ruleIds,
    };
    const order = query.order ?? 'asc';
    const sort = query.sort ?? 'name';
    const sortBy =
      sort === 'open' && ruleOpen
        ? ruleOpen
        : { sql: sortExpression[sort], bindings: [] };
    const ordered = (q: Knex.QueryBuilder) =>
      q
        .orderByRaw(
          // sort_name is never null (every write of an entity sets it):
          // ordered by as it is, the database walks ic_entities_sort_name_idx
          // to the page, where the nulls' case made it sort every entity.
          `${
            sort === 'name'
              ? ''
              : `case when ${sortBy.sql} is null then 1 else 0 end, `
          }${sortBy.sql} ${order === 'desc' ? 'desc' : 'asc'}`,
          sort === 'name'
            ? sortBy.bindings
            : [...sortBy.bindings, ...sortBy.bindings],
        )
        .orderByRaw(this.inByteOrder('entity_ref'));
    // The page's refs first, then its rows: sorted with every column and
    // the scan lookups, each sort carried whole rows (PostgreSQL spilled
    // them to disk) and computed the lookups of every row up to the page,
    // 4,000 of them for a page at offset 4,000.
    const pageRefs = filtered().select('entity_ref');
    if (query.after !== undefined) {
      pageRefs.whereRaw(
        `${this.inByteOrder('entity_ref')} ${order === 'desc' ? '<' : '>'} ?`,
        [query.after],
      );
    }
    const page = ordered(pageRefs)
      .limit(query.limit)
      .offset(query.offset)
      .as('page');
    const [rows, total] = await Promise.all([
      ordered(
        this.db('entities')
          // As the page's rows are: the sort by name then reads them in the order of its index.
          .where('in_catalog', true)
          .whereIn('entity_ref', this.db.from(page).select('entity_ref'))
          .select(
            '*',
            // Primary-key lookups per row of the page.
            this.db.raw(
              '(select s.files_scanned from scans s where s.id = entities.last_success_scan_id) as last_success_files_scanned',
            ),
            this.db.raw(
              '(select s.files_skipped from scans s where s.id = entities.last_success_scan_id) as last_success_files_skipped',
            ),
            ...(ruleOpen
              ? [this.db.raw(`${ruleOpen.sql} as rule_open`, ruleOpen.bindings)]
              : []),
          ),
      ),
      filtered().count({ n: '*' }).first(),
    ]);
    return {
      items: rows.map(toOverviewItem),
      totalCount: num(total?.n),
      limit: query.limit,
      offset: query.offset,
    };
  }

  async listUnscannable(
    limit: number,
    offset: number,
    visible?: VisibleEntities,
  ): Promise<Page<EntitySummary>> {
    const filtered = () =>
      this.onlyVisible(
        this.db('entities').where({ in_catalog: true, scannable: false }),
        'entity_ref',
        visible,
      );
    const [rows, total] = await Promise.all([
      filtered()
        .select('*')
        .orderByRaw(this.inByteOrder('entity_ref'))
        .limit(limit)
        .offset(offset),
      filtered().count({ n: '*' }).first(),
    ]);
    return {
      items: rows.map(toEntitySummary),
      totalCount: num(total?.n),
      limit,
      offset,
    };
  }

  /**
   * Roll-up over the entities owned by any of `owners`, or over the whole
   * catalog without `owners`, aggregated in SQL over the per-entity
   * aggregates (entities, entity_rule_counts, score_snapshots), never over
   * the findings: its cost grows with the number of entities, not of
   * findings.
   */
  async rollup(options: {
    owners?: readonly string[];
    visible?: VisibleEntities;
    since: number;
  }): Promise<Rollup> {
    const { owners, visible } = options;
    const inScope = (query: Knex.QueryBuilder, prefix = '') => {
      query.where(`${prefix}in_catalog`, true);
      if (owners) query.whereIn(`${prefix}owner_ref`, owners);
      return this.onlyVisible(query, `${prefix}entity_ref`, visible);
    };
    // Every entity in scope counts as an entity; only scannable ones
    // count with their figures (see ifScannable).
    const owned = (query: Knex.QueryBuilder, column: string) =>
      inScope(
        query
          .join({ e: 'entities' }, 'e.entity_ref', column)
          .where('e.scannable', true),
        'e.',
      );

    const [entityStats, remediation, perRule, timeline] = await Promise.all([
      inScope(this.db('entities'))
        .select(this.db.raw(`${ifScannable('grade')} as grade`))
        .count({ n: '*' })
        .select(this.db.raw(`avg(${ifScannable('score')}) as average`))
        .groupByRaw(ifScannable('grade')) as Promise<Record<string, any>[]>,
      inScope(this.db('entities'))
        .where('scannable', true)
        .sum({ resolved: 'remediated_count', ms: 'remediation_ms_sum' })
        .first() as Promise<Record<string, any> | undefined>,
      // One row per rule (a rule fixes category and severity): the totals below add up a few dozen rows.
      owned(this.db({ c: 'entity_rule_counts' }), 'c.entity_ref')
        .select('c.rule_id', 'c.severity', 'c.category')
        .sum({ open: 'c.open', waived: 'c.waived' })
        // A row per (entity, rule): the entities with open findings of the
        // rule, as listOverview's `rules` filter finds them.
        .select(
          this.db.raw('count(case when c.open > 0 then 1 end) as services'),
        )
        .groupBy('c.rule_id', 'c.severity', 'c.category') as Promise<
        Record<string, any>[]
      >,
      this.timeline(
        owned(this.db({ s: 'score_snapshots' }), 's.entity_ref'),
        options.since,
      ),
    ]);

    const grades: Rollup['grades'] = {};
    let entityCount = 0;
    let scannedCount = 0;
    let scoreSum = 0;
    for (const row of entityStats) {
      const n = num(row.n);
      entityCount += n;
      grades[(row.grade ?? 'none') as Grade | 'none'] = n;
      if (row.grade) {
        scannedCount += n;
        scoreSum += num(row.average) * n;
      }
    }

    const open = emptyCounts();
    const openByCategory: Rollup['openByCategory'] = {};
    let waived = 0;
    for (const row of perRule) {
      const n = num(row.open);
      waived += num(row.waived);
      if (n === 0) continue;
      const severity = row.severity as Severity;
      open[severity] += n;
      open.total += n;
      const perCategory = (openByCategory[row.category as Category] ??=
        emptyCounts());
      perCategory[severity] += n;
      perCategory.total += n;
    }

    const resolvedTotal = num(remediation?.resolved);
    const mttr =
      resolvedTotal > 0 ? num(remediation?.ms) / resolvedTotal : null;
    return {
      entityCount,
      scannedCount,
      averageScore: scannedCount ? Math.round(scoreSum / scannedCount) : null,
      grades,
      open,
      openByCategory,
      waived,
      resolvedTotal,
      meanTimeToRemediateMs: mttr === null ? null : Math.round(mttr),
      meanTimeToRemediateDays:
        mttr === null ? null : Math.round((mttr / DAY_MS) * 10) / 10,
      timeline,
      topRules: perRule
        .filter(row => num(row.open) > 0)
        .sort(
          (a, b) =>
            num(b.open) - num(a.open) || (a.rule_id < b.rule_id ? -1 : 1),
        )
        .slice(0, 10)
        .map(row => ({
          ruleId: row.rule_id,
          title: getRuleMetadata(row.rule_id)?.title,
          open: num(row.open),
          services: num(row.services),
        })),
    };
  }

  /**
   * The owners of the catalog's entities, each with its entities' figures,
   * grouped and sorted in SQL (a page of owners, never all entities).
   */
  async listOwners(query: OwnersQuery): Promise<Page<OwnerSummary>> {
    // Aggregates by expression: PostgreSQL cannot order by an alias inside an expression.
    const sortExpression: Record<NonNullable<OwnersQuery['sort']>, string> = {
      score: `avg(${ifScannable('score')})`,
      owner: this.inByteOrder('owner_ref'),
      entities: 'count(*)',
      open: `sum(${ifScannable('open_total', '0')})`,
      critical: `sum(${ifScannable('open_critical', '0')})`,
    };
    const expression = sortExpression[query.sort ?? 'score'];
    const order = query.order === 'asc' ? 'asc' : 'desc';
    const grouped = () =>
      this.onlyVisible(
        this.db('entities').where('in_catalog', true),
        'entity_ref',
        query.visible,
      ).groupBy('owner_ref');
    const [rows, total] = await Promise.all([
      grouped()
        .select('owner_ref')
        .count({ entities: '*' })
        .select(
          this.db.raw(`count(${ifScannable('score')}) as scanned`),
          this.db.raw(`avg(${ifScannable('score')}) as average`),
          ...(['critical', 'high', 'medium', 'low', 'total'] as const).map(
            severity =>
              this.db.raw(
                `sum(${ifScannable(`open_${severity}`, '0')}) as ${severity}`,
              ),
          ),
        )
        .orderByRaw(
          `case when ${expression} is null then 1 else 0 end, ${expression} ${order}`,
        )
        .orderByRaw(
          `case when owner_ref is null then 1 else 0 end, ${this.inByteOrder(
            'owner_ref',
          )}`,
        )
        .limit(query.limit)
        .offset(query.offset) as Promise<Record<string, any>[]>,
      this.db
        .count({ n: '*' })
        .from(grouped().select('owner_ref').as('owners'))
        .first(),
    ]);
    return {
      items: rows.map(row => ({
        owner: row.owner_ref ?? null,
        entityCount: num(row.entities),
        scannedCount: num(row.scanned),
        averageScore:
          row.average === null || row.average === undefined
            ? null
            : Math.round(num(row.average)),
        open: {
          critical: num(row.critical),
          high: num(row.high),
          medium: num(row.medium),
          low: num(row.low),
          total: num(row.total),
        },
      })),
      totalCount: num(total?.n),
      limit: query.limit,
      offset: query.offset,
    };
  }

  // --------------------------------------------------------------- waivers

  /**
   * Records a waiver and refreshes the entity's stored score in one
   * transaction: a failed refresh leaves no waiver behind, where a waiver
   * without its refresh would leave the overview and roll-ups stale until
   * the next scan.
   *
   * A request already granted is answered with its waiver, nothing written
   * (`created: false`): an active waiver of the entity with the same rule or
   * fingerprint, reason, expiry and author is a retry (a save that timed out
   * in the browser but was committed, a double click, a second tab). The
   * entity's row is locked before the look-up, so two such requests at once
   * find the one the other made: on PostgreSQL, at read committed, both
   * would otherwise find none and insert; SQLite runs one write transaction
   * at a time. The router creates waivers only for entities with a row, and
   * rows are never deleted.
   */
  async createWaiver(waiver: {
    id: string;
    entityRef: string;
    ruleId?: string;
    fingerprint?: string;
    reason: string;
    author: string;
    now: number;
    expiresAt?: number;
  }): Promise<{ waiver: Waiver; created: boolean }> {
    const { id, created } = await this.db.transaction(async trx => {
      // The entity's row before the waivers, as every writer of both takes them.
      await this.entityRowForUpdate(trx, waiver.entityRef).first('entity_ref');
      const granted = await trx('waivers')
        .where({
          entity_ref: waiver.entityRef,
          rule_id: waiver.ruleId ?? null,
          fingerprint: waiver.fingerprint ?? null,
          reason: waiver.reason,
          author: waiver.author,
          expires_at: waiver.expiresAt ?? null,
        })
        .whereNull('revoked_at')
        .andWhere(inner =>
          inner.whereNull('expires_at').orWhere('expires_at', '>', waiver.now),
        )
        .orderBy(['created_at', 'id'])
        .first('id');
      if (granted) return { id: granted.id as string, created: false };
      await trx('waivers').insert({
        id: waiver.id,
        entity_ref: waiver.entityRef,
        rule_id: waiver.ruleId ?? null,
        fingerprint: waiver.fingerprint ?? null,
        reason: waiver.reason,
        author: waiver.author,
        created_at: waiver.now,
        expires_at: waiver.expiresAt ?? null,
      });
      await this.refreshEntityScoreIn(trx, waiver.entityRef, waiver.now);
      return { id: waiver.id, created: true };
    });
    return { waiver: (await this.getWaiver(id, waiver.now))!, created };
  }

  /**
   * Refreshes the stored scores and roll-up counts of the entities whose
   * waivers expired since they were last applied (the live scorecard sees
   * an expiry at once; the stored figures wait for this), and marks those
   * waivers applied. Each entity in a transaction of its own: one whose
   * refresh fails keeps its waivers unapplied for the next run, and does
   * not hold back the others. `regraded`: the refreshed entities whose
   * grade changed.
   */
  async applyExpiredWaivers(now: number): Promise<{
    refreshed: string[];
    regraded: ({ entityRef: string } & GradeChange)[];
    failed: { entityRef: string; error: unknown }[];
  }> {
    const expired: { id: string; entity_ref: string }[] = await this.db(
      'waivers',
    )
      .whereNull('revoked_at')
      .whereNull('expiry_applied_at')
      .andWhere('expires_at', '<=', now)
      .select('id', 'entity_ref');
    const byEntity = new Map<string, string[]>();
    for (const waiver of expired) {
      const ids = byEntity.get(waiver.entity_ref);
      if (ids) ids.push(waiver.id);
      else byEntity.set(waiver.entity_ref, [waiver.id]);
    }
    const refreshed: string[] = [];
    const regraded: ({ entityRef: string } & GradeChange)[] = [];
    const failed: { entityRef: string; error: unknown }[] = [];
    for (const [entityRef, ids] of byEntity) {
      try {
        const grades = await this.db.transaction(async trx => {
          const change = await this.refreshEntityScoreIn(trx, entityRef, now);
          for (const chunk of chunks(ids))
            await trx('waivers')
              .whereIn('id', chunk)
              .update({ expiry_applied_at: now });
          return change;
        });
        refreshed.push(entityRef);
        if (grades && grades.gradeBefore !== grades.gradeAfter)
          regraded.push({ entityRef, ...grades });
      } catch (error) {
        failed.push({ entityRef, error });
      }
    }
    return { refreshed, regraded, failed };
  }

  async getWaiver(id: string, now: number): Promise<Waiver | undefined> {
    const row = await this.withWaivedFinding(
      this.db('waivers').where('waivers.id', id),
    ).first();
    return row ? toWaiver(row, now) : undefined;
  }

  /**
   * The waivers of `query` with the stored finding a waiver of one finding
   * covers (one at most: a fingerprint is unique in its entity), so that a
   * waiver shows what it waives, not a fingerprint.
   */
  private withWaivedFinding(query: Knex.QueryBuilder): Knex.QueryBuilder {
    return query
      .leftJoin('findings as wf', join =>
        join
          .on('wf.entity_ref', '=', 'waivers.entity_ref')
          .andOn('wf.fingerprint', '=', 'waivers.fingerprint'),
      )
      .select(
        'waivers.*',
        'wf.id as finding_id',
        'wf.rule_id as finding_rule_id',
        'wf.severity as finding_severity',
        'wf.status as finding_status',
        'wf.file as finding_file',
        'wf.line as finding_line',
        'wf.resource_id as finding_resource_id',
        'wf.resource_type as finding_resource_type',
      );
  }

  /**
   * Revokes a waiver and refreshes the entity's stored score in one
   * transaction: a failed refresh leaves the waiver active.
   */
  async revokeWaiver(
    id: string,
    revokedBy: string,
    now: number,
  ): Promise<Waiver> {
    const row = await this.db('waivers').where('id', id).first('entity_ref');
    if (!row) throw new NotFoundError(`No waiver ${id}`);
    await this.db.transaction(async trx => {
      // The entity's row before the waiver's, as the expiry task takes them:
      // the other order could deadlock with it on PostgreSQL.
      await this.entityRowForUpdate(trx, row.entity_ref).first('entity_ref');
      // Conditional: of two revocations at once, one revokes, the other is told it was already.
      const revoked = await trx('waivers')
        .where('id', id)
        .whereNull('revoked_at')
        .update({ revoked_at: now, revoked_by: revokedBy });
      if (revoked === 0) {
        throw new ConflictError(`Waiver ${id} was already revoked`);
      }
      await this.refreshEntityScoreIn(trx, row.entity_ref, now);
    });
    return (await this.getWaiver(id, now))!;
  }

  async listWaivers(
    filter: { entityRef?: string; active?: boolean; visible?: VisibleEntities },
    limit: number,
    offset: number,
    now: number,
  ): Promise<Page<Waiver>> {
    // Columns named with their table: the page's query joins the findings.
    const filtered = () => {
      const q = this.onlyVisible(
        this.db('waivers'),
        'waivers.entity_ref',
        filter.visible,
      );
      if (filter.entityRef) q.where('waivers.entity_ref', filter.entityRef);
      if (filter.active === true) {
        q.whereNull('waivers.revoked_at').andWhere(inner =>
          inner
            .whereNull('waivers.expires_at')
            .orWhere('waivers.expires_at', '>', now),
        );
      } else if (filter.active === false) {
        q.andWhere(inner =>
          inner
            .whereNotNull('waivers.revoked_at')
            .orWhere('waivers.expires_at', '<=', now),
        );
      }
      return q;
    };
    const [rows, total] = await Promise.all([
      this.withWaivedFinding(filtered())
        .orderBy('waivers.created_at', 'desc')
        .orderBy('waivers.id')
        .limit(limit)
        .offset(offset),
      filtered().count({ n: '*' }).first(),
    ]);
    return {
      items: rows.map((row: Record<string, any>) => toWaiver(row, now)),
      totalCount: num(total?.n),
      limit,
      offset,
    };
  }
}

// ----------------------------------------------------------------- row mapping

/**
 * The findings of a scan with the fingerprint each is stored under, one row
 * per fingerprint. The engine never reports two different findings with one
 * fingerprint; a report that does (an engine of before it told them all
 * apart) keeps each: the first its fingerprint, each other the fingerprint
 * with its rank (`#2`), as the engine ranks findings only their lines tell
 * apart, so that history follows it on. A finding dropped would be a failure
 * no one sees, and its waiver, resolution and reopening would be another's.
 * `shared` lists those of each such fingerprint, to warn of. A finding whose
 * details are another's is the same finding, stored once.
 */
function storedFingerprints(findings: readonly Finding[]): {
  findings: { fingerprint: string; details: Record<string, unknown> }[];
  shared: Finding[][];
} {
  const stored: { fingerprint: string; details: Record<string, unknown> }[] =
    [];
  const used = new Set<string>();
  // Each fingerprint's findings, and their details as text.
  const byFingerprint = new Map<
    string,
    { findings: Finding[]; details: string[] }
  >();
  for (const finding of findings) {
    const details = findingDetails(finding);
    const text = JSON.stringify(details);
    const alike = byFingerprint.get(finding.fingerprint) ?? {
      findings: [],
      details: [],
    };
    byFingerprint.set(finding.fingerprint, alike);
    if (alike.details.includes(text)) continue;
    alike.findings.push(finding);
    alike.details.push(text);
    let fingerprint = finding.fingerprint;
    for (let rank = 2; used.has(fingerprint); rank++)
      fingerprint = fingerprintApart(finding.fingerprint, `#${rank}`);
    used.add(fingerprint);
    stored.push({ fingerprint, details });
  }
  const shared = [...byFingerprint.values()]
    .filter(alike => alike.findings.length > 1)
    .map(alike => alike.findings);
  return { findings: stored, shared };
}

function findingDetails(finding: Finding): Record<string, unknown> {
  return {
    rule_id: finding.ruleId,
    severity: finding.severity,
    severity_rank: SEVERITY_RANK[finding.severity] ?? 3,
    category: finding.category,
    format: finding.format,
    confidence: finding.confidence,
    file: finding.file,
    line: Math.max(0, Math.floor(finding.line) || 0),
    resource_id: (finding.resourceId ?? '').slice(0, 255),
    generated_resource_id: finding.generatedResourceId?.slice(0, 255) ?? null,
    resource_type: (finding.resourceType ?? '').slice(0, 255),
    property: finding.property ?? null,
    message: finding.message,
    suppressed: Boolean(finding.suppressed),
    suppression_reason: finding.suppressed?.reason ?? null,
  };
}

/** A scan's checks counted per rule, as scan_checks holds them. */
function checksPerRule(
  checks: readonly Check[],
): Map<
  string,
  { category: string; severity: string; passed: number; failed: number }
> {
  const perRule = new Map<
    string,
    { category: string; severity: string; passed: number; failed: number }
  >();
  for (const check of checks) {
    let entry = perRule.get(check.ruleId);
    if (!entry) {
      entry = {
        category: check.category,
        severity: check.severity,
        passed: 0,
        failed: 0,
      };
      perRule.set(check.ruleId, entry);
    }
    if (check.passed) entry.passed += 1;
    else entry.failed += 1;
  }
  return perRule;
}

/**
 * Whether a stored finding is on a file the scan could not judge: one of
 * `paths`, or under one. Looks up the file and its folders, not every path
 * (an unread program may leave thousands).
 */
function unjudgedTest(
  paths: readonly string[],
): (row: { file: string }) => boolean {
  if (paths.length === 0) return () => false;
  const unjudged = new Set(paths);
  if (unjudged.has('.')) return () => true;
  return row => {
    for (
      let end = row.file.length;
      end > 0;
      end = row.file.lastIndexOf('/', end - 1)
    ) {
      if (unjudged.has(row.file.slice(0, end))) return true;
    }
    return false;
  };
}

function detailsDiffer(
  row: Record<string, unknown>,
  details: Record<string, unknown>,
): boolean {
  return DETAIL_KEYS.some(key => {
    const stored = row[key];
    const next = details[key];
    if (key === 'suppressed') return Boolean(num(stored)) !== next;
    if (key === 'line') return num(stored) !== next;
    return (stored ?? null) !== (next ?? null);
  });
}

function scoreColumns(summary: EntityScoreSummary): Record<string, unknown> {
  const columns: Record<string, unknown> = {
    grade: summary.scorecard.grade,
    score: summary.scorecard.score,
    categories: JSON.stringify(summary.scorecard.categories),
    open_critical: summary.open.critical,
    open_high: summary.open.high,
    open_medium: summary.open.medium,
    open_low: summary.open.low,
    open_total: summary.open.total,
    waived_total: summary.waived,
    suppressed_total: summary.suppressed,
  };
  for (const category of CATEGORY_IDS) {
    columns[CATEGORY_SCORE_COLUMN[category]] =
      summary.scorecard.categories[category]?.score ?? null;
  }
  return columns;
}

/** Whether stored score columns (a snapshot's) hold the values of `columns`. */
function sameScoreColumns(
  stored: Record<string, unknown>,
  columns: Record<string, unknown>,
): boolean {
  return Object.entries(columns).every(([key, value]) => {
    const storedValue = stored[key] ?? null;
    if (storedValue === null || value === null) return storedValue === value;
    return typeof value === 'number'
      ? num(storedValue) === value
      : storedValue === value;
  });
}

/**
 * A stored source location as the store hands it out: a URL's credentials
 * left out (see locationWithoutCredentials). They are stored as the catalog
 * writes the location, in rows written before this too: left out on read,
 * none is rewritten.
 */
function toSource<T extends string>(
  type: T,
  target: string | null,
): { type: T; target: string } {
  return { type, target: locationWithoutCredentials(target ?? '') };
}

function toScan(row: Record<string, any>): Scan {
  const scan: Scan = {
    id: row.id,
    entityRef: row.entity_ref,
    trigger: row.trigger,
    status: row.status,
    createdAt: iso(row.created_at)!,
  };
  if (row.requested_by) scan.requestedBy = row.requested_by;
  if (row.source_type)
    scan.source = toSource(row.source_type, row.source_target);
  if (row.etag) scan.etag = row.etag;
  if (row.previous_etag) scan.previousEtag = row.previous_etag;
  if (row.started_at !== null && row.started_at !== undefined)
    scan.startedAt = iso(row.started_at);
  if (row.finished_at !== null && row.finished_at !== undefined)
    scan.finishedAt = iso(row.finished_at);
  if (row.duration_ms !== null && row.duration_ms !== undefined)
    scan.durationMs = num(row.duration_ms);
  // An earlier version stored the error as the reader wrote it, quoting
  // the scan's location with its credentials: left out on read too.
  if (row.error)
    scan.error = textWithoutLocationCredentials(
      row.error,
      opt(row.source_target),
    );
  if (row.findings_total !== null && row.findings_total !== undefined) {
    scan.counts = {
      filesScanned: num(row.files_scanned),
      filesSkipped: num(row.files_skipped),
      checks: num(row.checks_total),
      findings: num(row.findings_total),
      new: num(row.findings_new),
      reopened: num(row.findings_reopened),
      resolved: num(row.findings_resolved),
    };
    // Not on the scans from before they were counted.
    if (row.findings_new_open !== null && row.findings_new_open !== undefined)
      scan.counts.newOpen = num(row.findings_new_open);
    if (
      row.findings_reopened_open !== null &&
      row.findings_reopened_open !== undefined
    )
      scan.counts.reopenedOpen = num(row.findings_reopened_open);
    if (
      row.findings_resolved_open !== null &&
      row.findings_resolved_open !== undefined
    )
      scan.counts.resolvedOpen = num(row.findings_resolved_open);
  }
  const coverage = parseJsonColumn(row.coverage, isScanCoverage);
  if (coverage) scan.coverage = withinCoverageLimits(coverage);
  const unusedSuppressions = parseJsonColumn(
    row.unused_suppressions,
    isScanUnusedSuppressions,
  );
  if (unusedSuppressions) scan.unusedSuppressions = unusedSuppressions;
  const configWarnings = parseJsonColumn(row.config_warnings, isConfigWarnings);
  if (configWarnings) scan.configWarnings = configWarnings;
  return scan;
}

/** A scans column of JSON (unused suppressions, config warnings): null when not told, as on older scans. */
function jsonColumn(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/**
 * What a scans column of JSON holds (coverage, unused suppressions, config
 * warnings), when `isValid` takes it; undefined when the column is null, or
 * does not hold the JSON of one (a hand-edited row, a shape a development
 * backend stored before): the scan is served without it rather than not at
 * all.
 */
function parseJsonColumn<T>(
  text: unknown,
  isValid: (value: unknown) => value is T,
): T | undefined {
  if (typeof text !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isValid(value) ? value : undefined;
}

function isScanCoverage(value: unknown): value is ScanCoverage {
  const coverage = value as Partial<Record<keyof ScanCoverage, unknown>>;
  return (
    Array.isArray(coverage?.skipped) && Array.isArray(coverage?.notModelled)
  );
}

function isScanUnusedSuppressions(
  value: unknown,
): value is ScanUnusedSuppressions {
  return Array.isArray(
    (value as Partial<Record<keyof ScanUnusedSuppressions, unknown>>)?.items,
  );
}

/** Config warnings as the engine tells them; not the lines of text a development backend stored before they had fields. */
function isConfigWarnings(value: unknown): value is ConfigWarning[] {
  return Array.isArray(value) && value.every(isConfigWarning);
}

function isConfigWarning(value: unknown): value is ConfigWarning {
  if (typeof value !== 'object' || value === null) return false;
  const { file, line, message } = value as Record<string, unknown>;
  return (
    typeof file === 'string' &&
    typeof message === 'string' &&
    (line === undefined || (Number.isInteger(line) && Number(line) >= 1))
  );
}

/**
 * Coverage stored before it listed at most
 * {@link SCAN_COVERAGE_NOT_MODELLED_LIMIT} programs, served as a scan
 * recorded now stores it (the first by path, and how many more), so that
 * every scan's coverage stays as small as the API says.
 */
function withinCoverageLimits(coverage: ScanCoverage): ScanCoverage {
  const programsLeftOut =
    coverage.notModelled.length - SCAN_COVERAGE_NOT_MODELLED_LIMIT;
  if (programsLeftOut <= 0) return coverage;
  return {
    ...coverage,
    notModelled: [...coverage.notModelled]
      .sort((a, b) => compareText(a.program, b.program))
      .slice(0, SCAN_COVERAGE_NOT_MODELLED_LIMIT),
    programsNotListed: (coverage.programsNotListed ?? 0) + programsLeftOut,
  };
}

function toEntitySummary(row: Record<string, any>): EntitySummary {
  const summary: EntitySummary = {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    scannable: Boolean(num(row.scannable)),
  };
  if (row.title) summary.title = row.title;
  if (row.owner_ref) summary.owner = row.owner_ref;
  if (row.system_ref) summary.system = row.system_ref;
  if (row.lifecycle) summary.lifecycle = row.lifecycle;
  if (row.type) summary.type = row.type;
  if (row.unscannable_reason && !summary.scannable)
    summary.unscannableReason = row.unscannable_reason;
  if (row.source_type)
    summary.source = toSource(row.source_type, row.source_target);
  return summary;
}

function toOverviewItem(row: Record<string, any>): OverviewItem {
  // The last figures of an entity that is no longer scannable do not count (ifScannable).
  const scannable = Boolean(num(row.scannable));
  const categoryScores: OverviewItem['categoryScores'] = {};
  for (const category of scannable ? CATEGORY_IDS : []) {
    const value = row[CATEGORY_SCORE_COLUMN[category]];
    if (value !== null && value !== undefined)
      categoryScores[category] = num(value);
  }
  return {
    ...toEntitySummary(row),
    grade: scannable ? row.grade ?? null : null,
    score:
      !scannable || row.score === null || row.score === undefined
        ? null
        : num(row.score),
    categoryScores,
    open: {
      critical: scannable ? num(row.open_critical) : 0,
      high: scannable ? num(row.open_high) : 0,
      medium: scannable ? num(row.open_medium) : 0,
      low: scannable ? num(row.open_low) : 0,
      total: scannable ? num(row.open_total) : 0,
    },
    waived: scannable ? num(row.waived_total) : 0,
    ...(row.rule_open === null || row.rule_open === undefined
      ? {}
      : { ruleOpen: num(row.rule_open) }),
    lastScanAt: iso(row.last_scan_at),
    lastScanStatus: opt(row.last_scan_status),
    lastSuccessAt: iso(row.last_success_at),
    ...(scannable &&
    row.last_success_files_scanned !== null &&
    row.last_success_files_scanned !== undefined
      ? {
          lastSuccessFilesScanned: num(row.last_success_files_scanned),
          lastSuccessFilesSkipped: num(row.last_success_files_skipped),
        }
      : {}),
  };
}

function toFinding(row: Record<string, any>): FindingRecord {
  const meta = getRuleMetadata(row.rule_id);
  const finding: FindingRecord = {
    id: num(row.id),
    entityRef: row.entity_ref,
    fingerprint: row.fingerprint,
    status: row.status,
    ruleId: row.rule_id,
    severity: row.severity,
    category: row.category,
    format: row.format,
    confidence: row.confidence,
    file: row.file,
    line: num(row.line),
    resourceId: row.resource_id,
    ...(row.generated_resource_id
      ? { generatedResourceId: row.generated_resource_id }
      : {}),
    resourceType: row.resource_type,
    message: row.message,
    suppressed: Boolean(num(row.suppressed)),
    waived: Boolean(row.waiver_id),
    firstSeenAt: iso(row.first_seen_at)!,
    lastSeenAt: iso(row.last_seen_at)!,
    reopenedCount: num(row.reopened_count),
  };
  if (meta) {
    finding.title = meta.title;
    finding.remediation = meta.remediation.summary;
  }
  if (row.property) finding.property = row.property;
  if (row.suppression_reason)
    finding.suppressionReason = row.suppression_reason;
  if (row.waiver_id) finding.waiverId = row.waiver_id;
  if (row.resolved_at !== null && row.resolved_at !== undefined)
    finding.resolvedAt = iso(row.resolved_at);
  if (row.reopened_at !== null && row.reopened_at !== undefined)
    finding.reopenedAt = iso(row.reopened_at);
  return finding;
}

function toWaiver(row: Record<string, any>, now: number): Waiver {
  const revoked = row.revoked_at !== null && row.revoked_at !== undefined;
  const expired =
    row.expires_at !== null &&
    row.expires_at !== undefined &&
    num(row.expires_at) <= now;
  const waiver: Waiver = {
    id: row.id,
    entityRef: row.entity_ref,
    reason: row.reason,
    author: row.author,
    createdAt: iso(row.created_at)!,
    active: !revoked && !expired,
  };
  if (row.rule_id) waiver.ruleId = row.rule_id;
  if (row.fingerprint) waiver.fingerprint = row.fingerprint;
  if (row.expires_at !== null && row.expires_at !== undefined)
    waiver.expiresAt = iso(row.expires_at);
  if (revoked) waiver.revokedAt = iso(row.revoked_at);
  if (row.revoked_by) waiver.revokedBy = row.revoked_by;
  if (row.finding_id !== null && row.finding_id !== undefined) {
    waiver.finding = {
      id: num(row.finding_id),
      ruleId: row.finding_rule_id,
      severity: row.finding_severity,
      status: row.finding_status,
      file: row.finding_file,
      line: num(row.finding_line),
      resourceId: row.finding_resource_id,
      resourceType: row.finding_resource_type,
    };
  }
  return waiver;
}

function toSnapshot(row: Record<string, any>): Record<string, unknown> {
  const categories: Partial<Record<Category, CategorySummary>> = row.categories
    ? JSON.parse(row.categories)
    : {};
  return {
    scanId: row.scan_id,
    takenAt: iso(row.taken_at),
    grade: row.grade ?? null,
    score:
      row.score === null || row.score === undefined ? null : num(row.score),
    categories,
    open: {
      critical: num(row.open_critical),
      high: num(row.open_high),
      medium: num(row.open_medium),
      low: num(row.open_low),
      total: num(row.open_total),
    },
    waived: num(row.waived_total),
    suppressed: num(row.suppressed_total),
    new: num(row.new_count),
    reopened: num(row.reopened_count),
    resolved: num(row.resolved_count),
    // Not on the snapshots from before it was counted.
    ...(row.opened_count === null || row.opened_count === undefined
      ? {}
      : { opened: num(row.opened_count) }),
    ...(row.resolved_open_count === null ||
    row.resolved_open_count === undefined
      ? {}
      : { resolvedOpen: num(row.resolved_open_count) }),
  };
}

export { SEVERITIES };
