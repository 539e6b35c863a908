import { act } from '@testing-library/react';

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

/** jsdom's own again: the page visible. */
export function restorePageVisibility() {
  Reflect.deleteProperty(document, 'visibilityState');
  Reflect.deleteProperty(document, 'hidden');
}
