import { useCallback, useEffect, useRef, useState } from 'react';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { EntityScorecard, infraComplianceApiRef } from '../../api';
import { isPageVisible } from './pageVisibility';

/**
 * How often a page left open, and visible, reads the scorecard again: a
 * scan the scheduler or another user started shows within a minute on a
 * page nobody switches away from (a second screen), and a hidden page asks
 * nothing.
 */
export const IDLE_RECHECK_MS = 60_000;

/** How recent a read answered makes the read of a return needless. */
export const RETURN_RECHECK_AFTER_MS = 10_000;

export interface EntityScorecardState {
  value?: EntityScorecard;
  /** A read that shows its progress: the first one, a retry, another entity. */
  loading: boolean;
  /**
   * Why the last read that was to show its answer failed: with no scorecard
   * shown, the page's error; beside one, a refresh that failed, the
   * scorecard shown staying (it may be out of date). The next read that
   * succeeds clears it.
   */
  error?: Error;
  /**
   * The read `error` is of: each read that fails has its own, though its
   * error be the same object as the last one's (a client may rethrow one it
   * keeps), for a warning that says it failed again.
   */
  failedRead?: number;
  /** Reads it again, its progress shown: the Retry of a failed read. */
  retry(): void;
  /**
   * Reads it again quietly: the scorecard shown stays until the new one
   * comes, and stays if the read fails (`error` then says so).
   */
  refresh(): void;
}

/**
 * How a read shows: `load` its progress (the first read, a retry, a
 * reloadKey); `refresh` only its answer, or its failure beside the
 * scorecard shown; `recheck` (the user back, the next minute) only an
 * answer: a network blip the user did not ask about left the page as it
 * was, the next return or minute reading again.
 */
type ReadMode = 'load' | 'refresh' | 'recheck';

/**
 * What the results beside a scorecard (history, findings, waivers) are
 * made of: the scan they were read from, and the figures a waiver made,
 * revoked or expired changes. Not the last scan: one that failed, or found
 * the source unchanged (the scheduler's, most of the time), reloaded the
 * results as they were, the findings table back on its first page, its
 * open details closed; and a waiver made elsewhere changed the scorecard's
 * figures alone, beside findings and waivers as they were.
 */
function resultsOf(scorecard: EntityScorecard | undefined): string {
  return JSON.stringify([
    scorecard?.lastSuccessfulScan?.id,
    scorecard?.score,
    scorecard?.open,
    scorecard?.waived,
    scorecard?.suppressed,
    scorecard?.resolved,
  ]);
}

/** The scan the scorecard says ended last, and how: what lists of scans show. */
function lastScanOf(scorecard: EntityScorecard | undefined): string {
  return JSON.stringify([scorecard?.lastScan?.id, scorecard?.lastScan?.status]);
}

/**
 * An entity's scorecard, read again quietly whenever the user comes back to
 * the page (it becomes visible again, or its window gets the focus back) and
 * each minute while it is visible: a page left open followed a scan started
 * elsewhere (another tab, another user, the scheduler), or showed the results
 * of one that ended elsewhere, only once reloaded. The events of one return
 * (visibilitychange then focus) make one read, and so does a return while a
 * read is on its way or within RETURN_RECHECK_AFTER_MS of the last one sent,
 * whether it was answered or failed. A hidden page reads nothing.
 *
 * A read that fails keeps the scorecard shown: a network blip after a scan
 * or a waiver replaced the whole page with an error.
 *
 * `reloadKey` reads it again, its progress shown, when it changes.
 * `onResultsChanged` is called when a quiet read finds other results than
 * the ones shown (see resultsOf): the scorecard is the new one already, the
 * rest of the page is to reload. `onLastScanChanged`, when it finds another
 * last scan (one that failed, or found the source unchanged, changes no
 * results): the list of scans is to reload.
 */
export function useEntityScorecard(
  entityRef: CompoundEntityRef,
  options: {
    reloadKey?: number;
    onResultsChanged?: () => void;
    onLastScanChanged?: () => void;
  } = {},
): EntityScorecardState {
  const { kind, namespace, name } = entityRef;
  const { reloadKey = 0 } = options;
  const api = useApi(infraComplianceApiRef);
  const [state, setState] = useState<
    Omit<EntityScorecardState, 'retry' | 'refresh'>
  >({ loading: true });
  const stateRef = useRef(state);
  stateRef.current = state;
  const onResultsChangedRef = useRef(options.onResultsChanged);
  onResultsChangedRef.current = options.onResultsChanged;
  const onLastScanChangedRef = useRef(options.onLastScanChanged);
  onLastScanChangedRef.current = options.onLastScanChanged;
  // Only the latest read's answer is shown: an earlier one may predate a
  // scan's end. `reading` while it is on its way; when the last one was sent.
  const reads = useRef<{
    latest: number;
    reading: boolean;
    sentAt?: number;
  }>({ latest: 0, reading: false });

  const read = useCallback(
    async (mode: ReadMode) => {
      const id = ++reads.current.latest;
      reads.current.sentAt = Date.now();
      reads.current.reading = true;
      if (mode === 'load') setState(shown => ({ ...shown, loading: true }));
      try {
        const value = await api.getScorecard({ kind, namespace, name });
        if (id !== reads.current.latest) return;
        reads.current.reading = false;
        const shown = stateRef.current.value;
        setState({ value, loading: false });
        if (mode !== 'load' && resultsOf(shown) !== resultsOf(value)) {
          onResultsChangedRef.current?.();
        }
        if (mode !== 'load' && lastScanOf(shown) !== lastScanOf(value)) {
          onLastScanChangedRef.current?.();
        }
      } catch (e) {
        if (id !== reads.current.latest) return;
        reads.current.reading = false;
        if (mode !== 'recheck') {
          setState(shown => ({
            ...shown,
            error: e as Error,
            failedRead: id,
            loading: false,
          }));
        }
      }
    },
    [api, kind, namespace, name],
  );

  // Another entity's scorecard is not shown while this one's loads, nor
  // beside its error.
  const readShown = useRef(read);
  useEffect(() => {
    if (readShown.current !== read) {
      readShown.current = read;
      setState({ loading: true });
    }
    read('load');
    const pending = reads.current;
    // An answer after another entity's read, or after unmount, is dropped.
    return () => {
      pending.latest++;
      pending.reading = false;
    };
  }, [read, reloadKey]);

  const retry = useCallback(() => read('load'), [read]);
  // Not over a read that shows its progress: that one's failure is the page's to show.
  const refresh = useCallback(() => {
    if (!stateRef.current.loading) read('refresh');
  }, [read]);

  useEffect(() => {
    // Not over a read on its way: its answer is as new.
    const recheck = () => {
      if (isPageVisible() && !reads.current.reading) {
        read('recheck');
      }
    };
    // A page opened in the background reads again when first shown.
    let away = !isPageVisible();
    let timer: ReturnType<typeof setInterval> | undefined;
    const stopIdleRechecks = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const startIdleRechecks = () => {
      stopIdleRechecks();
      timer = setInterval(recheck, IDLE_RECHECK_MS);
    };
    const onLeave = () => {
      away = true;
      if (!isPageVisible()) stopIdleRechecks();
    };
    const onReturn = () => {
      if (!isPageVisible()) {
        onLeave();
        return;
      }
      if (!away) return;
      away = false;
      // Not again a moment after a read: switching windows back and forth
      // (alt-tab) read the scorecard at every return, also while the
      // backend was down and every read failed.
      const { sentAt } = reads.current;
      if (
        sentAt === undefined ||
        Date.now() - sentAt >= RETURN_RECHECK_AFTER_MS
      ) {
        recheck();
      }
      startIdleRechecks();
    };
    if (isPageVisible()) startIdleRechecks();
    document.addEventListener('visibilitychange', onReturn);
    window.addEventListener('focus', onReturn);
    window.addEventListener('blur', onLeave);
    return () => {
      stopIdleRechecks();
      document.removeEventListener('visibilitychange', onReturn);
      window.removeEventListener('focus', onReturn);
      window.removeEventListener('blur', onLeave);
    };
  }, [read]);

  return { ...state, retry, refresh };
}
