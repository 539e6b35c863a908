import { screen } from '@testing-library/react';

/**
 * How `text` (an id, a path) is shown within `container`: spoken whole once,
 * for a screen reader, and shown in parts, the `<wbr>` break opportunities
 * between them counted (BreakableId, BreakablePath). Throws when it is not
 * spoken whole: shown in one piece, a long id ran out of its box.
 */
export function breakOpportunities(container: HTMLElement, text: string) {
  const spoken = screen
    .getAllByText(text)
    .filter(
      element =>
        container.contains(element) &&
        element.closest('[aria-hidden=true]') === null,
    );
  expect(spoken).toHaveLength(1);
  const shown = spoken[0].nextElementSibling!;
  expect(shown).toHaveAttribute('aria-hidden', 'true');
  expect(shown.textContent).toBe(text);
  return shown.querySelectorAll('wbr').length;
}
