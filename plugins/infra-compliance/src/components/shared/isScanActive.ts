import type { Scan } from '../../api';

/**
 * Whether a scan is still to end (queued or running): the Compliance tab
 * follows it, the Overview card says the results shown are from before it.
 */
export function isScanActive(scan: Scan | undefined): boolean {
  return scan?.status === 'queued' || scan?.status === 'running';
}
