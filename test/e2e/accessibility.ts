/**
 * An accessibility audit of the plugin's own content with axe-core: WCAG 2.1
 * A and AA rules, in Backstage's light and dark themes. Only what the plugin
 * renders is audited (a container the caller gives: the tab's content, a
 * card, a dialog), never Backstage's chrome around it (sidebar, header,
 * tabs, the catalog's own cards), which is not ours to fix.
 */
import type { Locator, Page } from 'playwright-core';
import type * as Axe from 'axe-core';

const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = ['serious', 'critical'];

/**
 * Violations of Backstage's components that the plugin only uses, left out
 * rule by rule, each under the elements it names.
 */
const BACKSTAGE_VIOLATIONS = [
  {
    // CodeSnippet (core-components, a finding's remediation snippet) colours
    // its tokens with react-syntax-highlighter's docco and dark styles,
    // whatever the app's theme: strings (and keywords in the dark theme) are
    // 3.7:1 on its background. Backstage's own snippets (a missing
    // annotation's, on the catalog's pages) fail alike.
    rule: 'color-contrast',
    within: 'pre > code[class*="language-"]',
  },
];

const COLOUR_SCHEMES = ['light', 'dark'] as const;
type ColourScheme = (typeof COLOUR_SCHEMES)[number];

/**
 * Switches the app to Backstage's light or dark theme in place: a user who
 * never picked one in Settings, as the test's guest, gets the one of the
 * system's colour scheme. A page load would lose the guest session. The
 * theme's provider mounts the whole app anew: the guest is signed in again
 * (the app signs in automatically with the last provider), and what the
 * page showed (an open dialog, a row's details) is gone.
 */
async function switchColourScheme(
  page: Page,
  scheme: ColourScheme,
): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  // Backstage marks the body with the theme it applied.
  await page
    .locator(`body[data-theme-mode="${scheme}"]`)
    .waitFor({ state: 'attached' });
  // Signed in again: a navigation during the sign-in left the sign-in page.
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .waitFor({ state: 'attached' });
}

/**
 * The serious and critical WCAG 2.1 A/AA violations in `container`, one line
 * per node (rule, impact, help, selector, the start of its HTML), once the
 * container shows no Backstage Progress (its content loaded) and no
 * transition is under way in it or around it (a dialog fading in is read at
 * its opacity).
 */
async function accessibilityViolations(
  page: Page,
  container: Locator,
): Promise<string[]> {
  await container
    .getByTestId('progress')
    .first()
    .waitFor({ state: 'detached' });
  await container.evaluate(element =>
    Promise.all(
      document
        .getAnimations()
        .filter(animation => {
          const target = (animation.effect as KeyframeEffect | null)?.target;
          return (
            target &&
            (target.contains(element) || element.contains(target)) &&
            animation.playState === 'running' &&
            // Not a spinner's, which never ends.
            animation.effect?.getComputedTiming().endTime !== Infinity
          );
        })
        .map(animation => animation.finished.catch(() => undefined)),
    ),
  );
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: AXE_SCRIPT });
  }
  return container.evaluate(
    async (element, { tags, impacts, excluded }) => {
      const { axe } = window as unknown as { axe: typeof Axe };
      const results = await axe.run(element, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
        elementRef: true,
      });
      return results.violations.flatMap(violation =>
        violation.nodes
          .filter(
            node =>
              impacts.includes(node.impact ?? '') &&
              !excluded.some(
                ({ rule, within }) =>
                  rule === violation.id && node.element?.closest(within),
              ),
          )
          .map(
            node =>
              `${violation.id} (${node.impact}): ${
                violation.help
              } at ${node.target.join(' ')}: ${node.html.slice(0, 160)}`,
          ),
      );
    },
    {
      tags: WCAG_21_AA,
      impacts: FAILING_IMPACTS,
      excluded: BACKSTAGE_VIOLATIONS,
    },
  );
}

/**
 * Audits in the light theme, then in the dark one, what `visit` shows: it
 * reaches each page or state anew in each theme (switching mounts the page
 * anew) and calls `audit` on each of our containers. Fails with every
 * violation of both themes; leaves the light theme on.
 */
export async function auditInBothThemes(
  page: Page,
  visit: (
    audit: (what: string, container: Locator) => Promise<void>,
  ) => Promise<void>,
): Promise<void> {
  const violations: string[] = [];
  try {
    for (const scheme of COLOUR_SCHEMES) {
      await switchColourScheme(page, scheme);
      await visit(async (what, container) => {
        const count = await container.count();
        if (count !== 1) {
          throw new Error(`${what}: ${count} containers to audit, not 1`);
        }
        for (const line of await accessibilityViolations(page, container)) {
          violations.push(`${what}, ${scheme} theme: ${line}`);
        }
      });
    }
  } finally {
    await switchColourScheme(page, 'light');
  }
  if (violations.length > 0) {
    throw new Error(
      `${
        violations.length
      } serious or critical accessibility violations:\n${violations.join(
        '\n',
      )}`,
    );
  }
}
