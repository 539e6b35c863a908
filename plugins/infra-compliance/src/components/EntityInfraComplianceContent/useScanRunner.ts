import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityScorecard, infraComplianceApiRef, Scan } from '../../api';
import {
  isScanActive,
  latestScan,
  SCAN_POLL_INTERVAL_MS,
  setVisibleTimeout,
} from '../shared';

/**
 * How many answers in a row may fail before the page stops following a scan:
 * one lost request (a backend restarting, a network blip) left the page
 * saying it could not follow a scan that went on, never reloading its results.
 */
const POLL_ATTEMPTS = 3;

/**
 * A refusal that asking again does not change (the scan is not found, or not
 * the user's to see): the page says so at once, not after two more polls.
 * A timeout, too many requests and the backend's own failures may pass.
 */
function lasting(error: unknown): boolean {
  return (
    error instanceof ResponseError &&
    error.statusCode >= 400 &&
    error.statusCode < 500 &&
    error.statusCode !== 408 &&
    error.statusCode !== 429
  );
}

export interface ScanRunner {
  /** The scan being followed, with its latest status. */
  scan?: Scan;
  /** A failure to start the scan (not a failed scan). */
  error?: Error;
  /**
   * The last failure to read the followed scan's status, once the page gave
   * up following it: the scan itself may still be running.
   */
  followError?: Error;
  scanning: boolean;
  /**
   * The request to start a scan is on its way: "Scan now" is busy from the
   * press on, not only once the scan is answered.
   */
  starting: boolean;
  /** The id of the scan the user started on this page, if any. */
  startedId?: string;
  /** Whether the page read the scan's status as ended. */
  seenToEnd(scanId: string): boolean;
  start(): Promise<void>;
  /** Follows a scan started elsewhere (the scheduler, another user). */
  follow(scanId: string): void;
  /**
   * The scorecard, read again, shows `scan` as the entity's last scan: if
   * it is the one the page gave up following, the page caught up with it.
   */
  lastScanShown(scan: Scan): void;
}

/**
 * Whether the page shows the scan it follows as under way: followed, or
 * ended with the scorecard not showing it ended yet, its results still
 * reloading ("Scan finished" beside the previous scan's results read as a
 * scan that changed nothing). The status says "Scanning…" and "Scan now"
 * stays busy for as long: the button was offered again beside "Scanning…".
 * A failed scan changes no results: over at once. One the page stopped
 * following (its status could not be read) is not shown under way either.
 * A scan asked for is under way from the press on.
 */
export function scanUnderWay(
  runner: ScanRunner,
  scorecard: EntityScorecard,
): boolean {
  const { scan } = runner;
  if (runner.scanning || runner.starting) return true;
  if (!scan || isScanActive(scan) || scan.status === 'failed') return false;
  // The last scan is set only once a scan ends: it is this one once the
  // scorecard has reloaded.
  const shown = scorecard.lastScan;
  return latestScan(scan, shown) === scan && shown?.id !== scan.id;
}

/**
 * Whether "Scan now" is busy: while the page shows a scan under way, and
 * while the scorecard reports one (`runningScan`) the page has not seen
 * end, its status unreadable included: the button was offered beside the
 * progress bar, and pressing it would only answer that scan again.
 */
export function scanNowBusy(
  runner: ScanRunner,
  scorecard: EntityScorecard,
): boolean {
  const running = scorecard.runningScan;
  return (
    scanUnderWay(runner, scorecard) ||
    (running !== undefined && !runner.seenToEnd(running.id))
  );
}

/**
 * Starts a scan of the entity and polls its status until it ends, then
 * calls `onFinished` so the page reloads the new results.
 */
export function useScanRunner(
  entityRef: CompoundEntityRef,
  onFinished: () => void,
): ScanRunner {
  const api = useApi(infraComplianceApiRef);
  const [scan, setScan] = useState<Scan>();
  const [error, setError] = useState<Error>();
  const [followError, setFollowError] = useState<Error>();
  const [followedId, setFollowedId] = useState<string>();
  const [startedId, setStartedId] = useState<string>();
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;
  // Scans seen to end: the page's data may still call one active until it reloads.
  const ended = useRef(new Set<string>());
  // Scans whose status answered a lasting refusal (404, 403): following them
  // again, as the page's data calls them active, asked again every interval.
  const unreadable = useRef(new Set<string>());
  // The scan the page gave up following (followError), until it is read again.
  const lostId = useRef<string>();

  useEffect(() => {
    if (!followedId) return undefined;
    let cancelled = false;
    // Not while the page is hidden: it asked every interval for as long as
    // the scan ran, or its status could not be read. At once when shown again.
    let cancelPoll = () => {};
    let failures = 0;
    const poll = async () => {
      try {
        const latest = await api.getScan(followedId);
        if (cancelled) return;
        failures = 0;
        // Followed again (a scan the page found under way is): no longer lost.
        lostId.current = undefined;
        setFollowError(undefined);
        setScan(latest);
        if (isScanActive(latest)) {
          cancelPoll = setVisibleTimeout(poll, SCAN_POLL_INTERVAL_MS);
        } else {
          ended.current.add(followedId);
          setFollowedId(undefined);
          onFinishedRef.current();
        }
      } catch (e) {
        if (cancelled) return;
        if (lasting(e)) unreadable.current.add(followedId);
        else if (++failures < POLL_ATTEMPTS) {
          cancelPoll = setVisibleTimeout(poll, SCAN_POLL_INTERVAL_MS);
          return;
        }
        lostId.current = followedId;
        setFollowError(e as Error);
        setFollowedId(undefined);
      }
    };
    cancelPoll = setVisibleTimeout(poll, SCAN_POLL_INTERVAL_MS);
    return () => {
      cancelled = true;
      cancelPoll();
    };
  }, [api, followedId]);

  // Busy from the press on: for as long as the scan was asked for, "Scan
  // now" looked as if nothing happened. The ref, set at once, keeps a second
  // press before the button shows busy (a double click) from asking again.
  const startRequested = useRef(false);
  const [starting, setStarting] = useState(false);
  const start = useCallback(async () => {
    if (startRequested.current) return;
    startRequested.current = true;
    setStarting(true);
    setError(undefined);
    lostId.current = undefined;
    setFollowError(undefined);
    try {
      const created = await api.startScan(entityRef);
      setScan(
        created.scan ?? { id: created.scanId, entityRef: '', status: 'queued' },
      );
      setStartedId(created.scanId);
      setFollowedId(created.scanId);
    } catch (e) {
      setError(e as Error);
    } finally {
      startRequested.current = false;
      setStarting(false);
    }
  }, [api, entityRef]);

  const follow = useCallback((scanId: string) => {
    if (!ended.current.has(scanId) && !unreadable.current.has(scanId))
      setFollowedId(scanId);
  }, []);

  // "Could not follow the scan… Reload the page" stayed over the results of
  // that scan once the scorecard, read again (the user back, the next
  // minute), showed it ended: the page says what it found instead.
  const followedRef = useRef(followedId);
  followedRef.current = followedId;
  const lastScanShown = useCallback((last: Scan) => {
    if (last.id !== lostId.current) return;
    lostId.current = undefined;
    ended.current.add(last.id);
    setFollowError(undefined);
    setScan(last);
    // Followed again as found under way: over, and the page reloads as at
    // the end of a scan it follows.
    if (followedRef.current === last.id) {
      setFollowedId(undefined);
      onFinishedRef.current();
    }
  }, []);

  const seenToEnd = useCallback(
    (scanId: string) => ended.current.has(scanId),
    [],
  );

  return {
    scan,
    error,
    followError,
    scanning: Boolean(followedId),
    starting,
    startedId,
    seenToEnd,
    start,
    follow,
    lastScanShown,
  };
}
