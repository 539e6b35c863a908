import type { Scan } from '../../api';

/**
 * Whether a scan is still to end (queued or running): the Compliance tab
 * polls the scan it follows until it is not. The scan under way that the
 * page opens on is the scorecard's `runningScan` (its `lastScan` is set only
 * once a scan ends).
 */
export function isScanActive(scan: Scan | undefined): boolean {
  return scan?.status === 'queued' || scan?.status === 'running';
}
