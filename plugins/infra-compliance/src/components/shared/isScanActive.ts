import type { EntityScorecard, Scan } from '../../api';

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

/**
 * The later of the scan the page followed and the entity's last scan: the
 * followed one stays in memory after it ends, and a scan that ran since
 * (the scheduler's, another user's) is the one to show. One without a
 * creation time was just started here.
 */
export function latestScan(
  followed: Scan | undefined,
  last: Scan | undefined,
): Scan | undefined {
  if (!followed || !last || followed.id === last.id) return followed ?? last;
  if (!followed.createdAt) return followed;
  if (!last.createdAt) return last;
  return Date.parse(last.createdAt) > Date.parse(followed.createdAt)
    ? last
    : followed;
}

/**
 * The scorecard as the page knows it once `ended`, a scan it followed, was
 * read as ended but the scorecard could not be read again after it: that
 * scan is the last one, no longer under way. "Scanning…" (the card's
 * "Scanning now") stayed over the results from before it until a read
 * succeeded. The scorecard as read if it shows that scan, or a later one.
 */
export function withScanEnded(
  scorecard: EntityScorecard,
  ended: Scan | undefined,
): EntityScorecard {
  if (
    !ended ||
    isScanActive(ended) ||
    ended.id === scorecard.lastScan?.id ||
    latestScan(ended, scorecard.lastScan) !== ended
  ) {
    return scorecard;
  }
  return {
    ...scorecard,
    lastScan: ended,
    runningScan:
      scorecard.runningScan?.id === ended.id
        ? undefined
        : scorecard.runningScan,
  };
}
