/** `element`'s text as a screen reader gets it: without what is aria-hidden. */
export function spokenText(element: Element): string {
  return Array.from(element.childNodes)
    .map(node => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
      if (
        node instanceof Element &&
        node.getAttribute('aria-hidden') !== 'true'
      ) {
        return spokenText(node);
      }
      return '';
    })
    .join('');
}
