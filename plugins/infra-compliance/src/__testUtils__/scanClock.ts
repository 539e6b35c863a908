import { act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SCAN_POLL_INTERVAL_MS } from '../components/shared';

let faked = false;

/**
 * A fake clock for a test of a followed scan, each of the scan's polls when
 * the test moves it on (nextPoll): on the real clock a test waited out polls
 * 1.5 s apart within a timeout of its own, and ran out on a loaded machine.
 * Returns user-event moving the fake clock on as it waits between events.
 * The test puts the real clock back when it ends (restoreRealClock).
 */
export function useFakeScanClock() {
  jest.useFakeTimers();
  faked = true;
  return userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
}

/**
 * The real clock back, once the timers left on the fake one have run: a
 * test failing on it left the page's work waiting for them, and the tests
 * after it, on either clock, found their page stuck loading. Nothing after
 * a test that kept the real clock.
 */
export async function restoreRealClock(): Promise<void> {
  if (!faked) return;
  faked = false;
  await act(() => jest.runOnlyPendingTimersAsync());
  jest.useRealTimers();
}

/** The answers already on their way, the clock not moved on (a scan's creation). */
export function settle(): Promise<void> {
  return act(() => jest.advanceTimersByTimeAsync(0));
}

/** The clock moved on to the followed scan's next poll, and its answer handled. */
export function nextPoll(): Promise<void> {
  return act(() => jest.advanceTimersByTimeAsync(SCAN_POLL_INTERVAL_MS));
}
