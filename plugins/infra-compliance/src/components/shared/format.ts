import {
  CATEGORIES,
  Category,
  EntityScorecard,
  OverviewItem,
  Scan,
  ScanCoverage,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** The categories shown as tiles and bars (`parsing` only appears as findings). */
export const SCORED_CATEGORIES = CATEGORIES.filter(c => c.id !== 'parsing');

export function categoryTitle(id: Category | string): string {
  return CATEGORIES.find(c => c.id === id)?.title ?? id;
}

/**
 * A day the backend counts in UTC (a timeline's day, a waiver's expiry, which
 * lasts through its UTC day) as `2026-11-23`, or "—" when missing. A moment's
 * day is formatLocalDay's.
 */
export function formatDay(value: string | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date-time as `2026-11-23 14:03` in the user's time zone, or "—" when
 * missing: a day alone does not tell two scans of one day apart.
 */
export function formatDateTime(value: string | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A moment's time of day as `14:03:27`, in the user's time zone: to the
 * second, as two failures a few seconds apart are told apart by it.
 */
export function formatTimeOfDay(ms: number): string {
  const date = new Date(ms);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(
    date.getSeconds(),
  )}`;
}

/**
 * The day of a moment (a scan, a finding first seen, a waiver made) in the
 * user's time zone, as formatDateTime dates it: its UTC day put an evening's
 * scan west of Greenwich on the next day, the org page saying "scanned
 * 2026-12-06" of the scan its service's tab said was at 2026-12-05 20:00.
 */
export function formatLocalDay(value: string | undefined): string {
  return formatDateTime(value).slice(0, 10);
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['day', DAY_MS],
  ['hour', HOUR_MS],
  ['minute', MINUTE_MS],
];

/** How long ago a date-time was, in words ("3 hours ago", "yesterday"), or undefined when missing. */
export function formatTimeAgo(
  value: string | undefined,
  now = Date.now(),
): string | undefined {
  const time = value ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) return undefined;
  const elapsed = now - time;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of RELATIVE_UNITS) {
    if (Math.abs(elapsed) >= ms) {
      return format.format(-Math.round(elapsed / ms), unit);
    }
  }
  return 'just now';
}

function count(n: number, unit: string): string {
  const text = n.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return `${text} ${unit}${text === '1' ? '' : 's'}`;
}

/**
 * A duration in the largest unit it fills ("40 minutes", "5 hours",
 * "1.5 days"): in days alone, a finding fixed within hours took "0.0 days".
 */
export function formatDuration(ms: number): string {
  if (ms < MINUTE_MS) return 'under a minute';
  if (Math.round(ms / MINUTE_MS) < 60) {
    return count(Math.round(ms / MINUTE_MS), 'minute');
  }
  if (Math.round(ms / HOUR_MS) < 24) {
    return count(Math.round(ms / HOUR_MS), 'hour');
  }
  const days = ms / DAY_MS;
  return count(
    days < 10 ? Math.round(days * 10) / 10 : Math.round(days),
    'day',
  );
}

/**
 * How long a scan took, to the second ("2 seconds", "1 minute 12 seconds"):
 * scans take seconds, which formatDuration's "under a minute" says nothing of.
 */
export function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return 'under a second';
  if (seconds < 60) return count(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest
    ? `${count(minutes, 'minute')} ${count(rest, 'second')}`
    : count(minutes, 'minute');
}

/** Humanized entity ref: `group:default/payments-team` → `payments-team`. */
export function shortRef(ref: string | undefined): string {
  if (!ref) return '—';
  const name = ref.slice(ref.indexOf(':') + 1);
  return name.startsWith('default/') ? name.slice('default/'.length) : name;
}

/**
 * What the last successful scan of a service read of its infrastructure
 * code, when it read none: none found, or some found and skipped (a CDK app
 * in Python, a template too large). Undefined when it read some, or before
 * such a scan.
 */
export function noCodeRead(item: OverviewItem): string | undefined {
  if (item.lastSuccessFilesScanned !== 0) return undefined;
  return item.lastSuccessFilesSkipped
    ? 'No infrastructure code read'
    : 'No infrastructure code found';
}

/**
 * Why a scannable service has no score: never scanned, its scans failed,
 * or its last successful scan read no infrastructure code (or nothing a
 * rule applies to).
 */
export function noScoreReason(item: OverviewItem): string {
  if (item.lastSuccessAt) {
    return noCodeRead(item) ?? 'No score: no rule applies';
  }
  if (item.lastScanStatus === 'failed') return 'Last scan failed';
  return 'Not scanned yet';
}

/**
 * Where a service of the overview links to: its Compliance tab when it can
 * be scanned, its entity page otherwise (an opted-out entity has no tab).
 * With `rule` (the org page's services failing a rule), the tab's findings
 * of that rule: the tab showed all of them, not the count the row gave.
 */
export function serviceLink(
  entityPath: string,
  item: Pick<OverviewItem, 'scannable'>,
  rule?: string,
): string {
  if (!item.scannable) return entityPath;
  const query = rule ? `?${new URLSearchParams({ rule })}` : '';
  return `${entityPath}/compliance${query}`;
}

/**
 * The scan the scorecard's results are as of: the last that read the entity
 * to the end. A scan that found the source unchanged read it, though a scan
 * failed after it. (A backend before lastCompletedScan tells only of the
 * last scan.)
 */
export function lastReadScan(scorecard: EntityScorecard): Scan | undefined {
  return (
    scorecard.lastCompletedScan ??
    (scorecard.lastScan?.status === 'unchanged'
      ? scorecard.lastScan
      : scorecard.lastSuccessfulScan)
  );
}

/**
 * What a successful scan changed, as the tab's banner and Recent scans say
 * it: "1 new, 2 resolved", the reopened only when there are some. New and
 * reopened are the findings it left open, resolved those that were open,
 * as the scorecard counts open ones: one suppressed in code or waived as
 * the scan committed is not counted (a scan recorded before the backend
 * told them apart counts all).
 */
export function scanChanges(counts: NonNullable<Scan['counts']>): string {
  const opened = counts.newOpen ?? counts.new;
  const reopened = counts.reopenedOpen ?? counts.reopened;
  const resolved = counts.resolvedOpen ?? counts.resolved;
  return [
    `${opened} new`,
    ...(reopened > 0 ? [`${reopened} reopened`] : []),
    `${resolved} resolved`,
  ].join(', ');
}

/** What a scan read but did not judge, counted and listed. */
export interface NotJudged {
  /** "Not judged: 2 files skipped, 3 kinds of construct not modelled". */
  summary: string;
  /** How many files it skipped, each once. */
  filesSkipped: number;
  /** The first of them, a file skipped for two reasons listed twice. */
  skipped: ScanCoverage['skipped'];
  /** How many files it skipped past those `skipped` lists. */
  filesNotListed: number;
  /** The programs that create something not modelled, the first of them. */
  programs: ScanCoverage['notModelled'];
  /** How many more such programs there are than `programs` lists. */
  programsNotListed: number;
}

/**
 * What a scan read but did not judge: what its grade says nothing of.
 * Undefined when it judged everything it read, or is from before scans
 * recorded it.
 */
export function notJudged(scan: Scan | undefined): NotJudged | undefined {
  const coverage = scan?.coverage;
  if (!coverage) return undefined;
  // The list stops at a limit; the count does not.
  const filesListed = new Set(coverage.skipped.map(f => f.path)).size;
  const filesSkipped = scan.counts?.filesSkipped ?? filesListed;
  const programs = coverage.notModelled.filter(p => p.types.length > 0);
  // Absent from coverage that lists them all.
  const programsNotListed = coverage.programsNotListed ?? 0;
  // A type two programs create is one kind.
  const kinds = new Set(programs.flatMap(p => p.types.map(t => t.type))).size;
  const parts = [];
  if (filesSkipped > 0) {
    parts.push(
      `${filesSkipped} ${filesSkipped === 1 ? 'file' : 'files'} skipped`,
    );
  }
  if (kinds > 0) {
    // CDK creates constructs, Pulumi resources; the programs not listed
    // may create either, and more kinds.
    const unlisted = programsNotListed > 0;
    const cdk = unlisted || programs.some(p => p.format === 'cdk');
    const other = unlisted || programs.some(p => p.format !== 'cdk');
    let what = 'resource';
    if (cdk) what = other ? 'construct or resource' : 'construct';
    parts.push(
      `${unlisted ? 'at least ' : ''}${kinds} ${
        kinds === 1 ? 'kind' : 'kinds'
      } of ${what} not modelled`,
    );
  }
  if (parts.length === 0) return undefined;
  return {
    summary: `Not judged: ${parts.join(', ')}`,
    filesSkipped,
    skipped: coverage.skipped,
    filesNotListed: filesSkipped - filesListed,
    programs,
    programsNotListed,
  };
}
