import { act } from '@testing-library/react';
import { RETURN_RECHECK_AFTER_MS } from '../components/shared';

let dateNow: jest.SpyInstance<number, []> | undefined;
let awayMs = 0;

/**
 * The page hidden (another tab, a minimised window) or shown again, as the
 * browser says it: `document.visibilityState`, then a `visibilitychange`.
 * restorePageVisibility() puts jsdom's back after the test.
 */
export function setPageVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  Object.defineProperty(document, 'hidden', {
    configurable: true,
    get: () => state === 'hidden',
  });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** The browser window losing the focus to another, or getting it back. */
export function setWindowFocus(focused: boolean) {
  act(() => {
    window.dispatchEvent(new Event(focused ? 'focus' : 'blur'));
  });
}

/**
 * The user away for `ms` (another tab, another window): Date.now() moved on,
 * the timers not run (a hidden page runs none of its own). A return reads
 * the scorecard again only a while after the last read.
 */
export function stayAway(ms = RETURN_RECHECK_AFTER_MS) {
  awayMs += ms;
  if (dateNow) return;
  const now = Date.now.bind(Date);
  dateNow = jest.spyOn(Date, 'now').mockImplementation(() => now() + awayMs);
}

/** jsdom's own again: the page visible, the clock as it was. */
export function restorePageVisibility() {
  dateNow?.mockRestore();
  dateNow = undefined;
  awayMs = 0;
  Reflect.deleteProperty(document, 'visibilityState');
  Reflect.deleteProperty(document, 'hidden');
}
