import { act } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/**
 * Tabs until `target` has the focus, as a keyboard user does, with
 * `:focus-visible` matching the focused element as in a browser (jsdom never
 * matches it, so MUI would never mark a control `Mui-focusVisible`).
 */
export async function tabTo(target: HTMLElement, maxTabs = 40): Promise<void> {
  const matches = Element.prototype.matches;
  const focusVisible = jest
    .spyOn(Element.prototype, 'matches')
    .mockImplementation(function matchesInBrowser(this: Element, selector) {
      if (selector === ':focus-visible') return this === document.activeElement;
      return matches.call(this, selector);
    });
  try {
    for (let i = 0; i < maxTabs && document.activeElement !== target; i++) {
      await userEvent.tab();
    }
  } finally {
    focusVisible.mockRestore();
  }
}

/**
 * Gives `element` the focus as a script does, in act(): MUI's controls
 * update on focus and blur (a text field left, a button's focus-visible
 * look), which React otherwise reports as updates outside act().
 */
export function focus(element: HTMLElement): void {
  act(() => element.focus());
}
