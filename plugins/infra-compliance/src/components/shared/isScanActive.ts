import type { Scan } from '../../api';

/**
 * How often the status of a scan under way is asked for, by the Compliance
 * tab that follows it and by the Overview card that reloads once it ends.
 */
export const SCAN_POLL_INTERVAL_MS = 1500;

/**
 * Whether a scan is still to end (queued or running): the scan under way is
 * polled until it is not. The one the page opens on is the scorecard's
 * `runningScan` (its `lastScan` is set only once a scan ends).
 */
export function isScanActive(scan: Scan | undefined): boolean {
  return scan?.status === 'queued' || scan?.status === 'running';
}
