import type { EntityScorecard, Scan } from '../../api';

/**
 * Whether a scan is still to end (queued or running): the Compliance tab
 * follows it, the Overview card says the results shown are from before it.
 */
export function isScanActive(scan: Scan | undefined): boolean {
  return scan?.status === 'queued' || scan?.status === 'running';
}

/**
 * The entity's scan under way as its scorecard reports it: its
 * `runningScan` (the backend sets `lastScan` only once a scan ends), else
 * its last scan while that is still active.
 */
export function activeScanOf(
  scorecard: EntityScorecard | undefined,
): Scan | undefined {
  if (scorecard?.runningScan) return scorecard.runningScan;
  return isScanActive(scorecard?.lastScan) ? scorecard?.lastScan : undefined;
}
