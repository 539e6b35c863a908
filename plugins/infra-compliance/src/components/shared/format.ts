import {
  CATEGORIES,
  Category,
  OverviewItem,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** The categories shown as tiles and bars (`parsing` only appears as findings). */
export const SCORED_CATEGORIES = CATEGORIES.filter(c => c.id !== 'parsing');

export function categoryTitle(id: Category | string): string {
  return CATEGORIES.find(c => c.id === id)?.title ?? id;
}

/** A date (or date-time) as `2026-11-23`, or "—" when missing. */
export function formatDay(value: string | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

/** Humanized entity ref: `group:default/payments-team` → `payments-team`. */
export function shortRef(ref: string | undefined): string {
  if (!ref) return '—';
  const name = ref.slice(ref.indexOf(':') + 1);
  return name.startsWith('default/') ? name.slice('default/'.length) : name;
}

/**
 * Why a scannable service has no score: never scanned, its scans failed,
 * or its last successful scan found no infrastructure code (or nothing a
 * rule applies to).
 */
export function noScoreReason(item: OverviewItem): string {
  if (item.lastSuccessAt) {
    return item.lastSuccessFilesScanned === 0
      ? 'No infrastructure code found'
      : 'No score: no rule applies';
  }
  if (item.lastScanStatus === 'failed') return 'Last scan failed';
  return 'Not scanned yet';
}

/**
 * Where a service of the overview links to: its Compliance tab when it can
 * be scanned, its entity page otherwise (an opted-out entity has no tab).
 */
export function serviceLink(
  entityPath: string,
  item: Pick<OverviewItem, 'scannable'>,
): string {
  return item.scannable ? `${entityPath}/compliance` : entityPath;
}
