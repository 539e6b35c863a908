/**
 * The document's style sheets in the order a browser cascades them: their
 * elements' order in the document, where JSS puts each sheet by its index.
 * jsdom's document.styleSheets (and its getComputedStyle) has them in the
 * order they were added, and MUI adds a component's sheet when it first
 * renders: a parent's rule for a child (its class for an InputLabel) came
 * before the child's own.
 */
function sheetsInDocumentOrder(): CSSStyleSheet[] {
  return Array.from(document.styleSheets).sort((a, b) => {
    if (!a.ownerNode || !b.ownerNode || a.ownerNode === b.ownerNode) return 0;
    return a.ownerNode.compareDocumentPosition(b.ownerNode) &
      Node.DOCUMENT_POSITION_FOLLOWING
      ? -1
      : 1;
  });
}

/**
 * The values of a CSS property in the style rules that match `element`, in
 * the order of the style sheets in the document (see sheetsInDocumentOrder):
 * jsdom ignores selector specificity in getComputedStyle, so a test reads
 * the rules instead.
 */
export function ruleValues(
  element: Element,
  property:
    | 'backgroundColor'
    | 'color'
    | 'overflowWrap'
    | 'textDecoration'
    | 'wordBreak',
): string[] {
  return sheetsInDocumentOrder()
    .flatMap(sheet => Array.from(sheet.cssRules))
    .filter(
      (rule): rule is CSSStyleRule =>
        rule instanceof CSSStyleRule &&
        !rule.selectorText.includes('::') && // jsdom cannot match pseudo-elements
        element.matches(rule.selectorText),
    )
    .map(rule => rule.style[property])
    .filter(Boolean);
}

/** The background colours of the style rules that match `element` (see ruleValues). */
export function ruleBackgroundColours(element: Element): string[] {
  return ruleValues(element, 'backgroundColor');
}

/** A theme's `#rrggbb` colour as jsdom gives it in a style rule. */
export function cssRgb(hex: string): string {
  return `rgb(${[1, 3, 5]
    .map(at => parseInt(hex.slice(at, at + 2), 16))
    .join(', ')})`;
}
