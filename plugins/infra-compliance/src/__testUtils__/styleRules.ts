/**
 * The values of a CSS property in the style rules that match `element`, in
 * the order of the style sheets: jsdom ignores selector specificity in
 * getComputedStyle, so a test reads the rules instead.
 */
export function ruleValues(
  element: Element,
  property: 'backgroundColor' | 'textDecoration',
): string[] {
  return Array.from(document.styleSheets)
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
