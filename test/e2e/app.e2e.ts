/**
 * End-to-end test of the app in a real browser (Debian's Chromium driven by
 * playwright-core): starts the backend and the app's dev server with
 * app-config.yaml and a temporary SQLite database (servers.ts), waits until
 * the example services are scanned, then signs in as guest and checks the
 * Compliance views of an example service (with a waiver made and revoked
 * and its SARIF file downloaded), its team and the organisation, saving a
 * screenshot of each to test/e2e/screenshots/ (git-ignored). Last, it audits
 * those views with axe-core in the light and the dark theme (WCAG 2.1 A/AA:
 * a serious or critical violation in the plugin's content fails the step;
 * accessibility.ts).
 *
 *   yarn e2e          (scripts/test.sh runs it after the Jest tests)
 *
 * Environment: E2E_APP_PORT (default 3077), E2E_BACKEND_PORT (default 7077),
 * E2E_CHROMIUM (default /usr/bin/chromium). Ends with `N passed, N failed`
 * and exits 1 when a step failed.
 *
 * The Compliance steps need the frontend plugin (plugins/infra-compliance)
 * wired into packages/app; until it is, only the generic steps run and the
 * runner lists the skipped ones.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type Locator,
  type Page,
  type Route,
} from 'playwright-core';
import { auditInBothThemes } from './accessibility';
import {
  REPO_ROOT,
  getApi,
  guestToken,
  startBackstage,
  waitForReadiness,
  waitForScannedEntities,
  type Backstage,
} from './servers';
import {
  indent,
  runSteps,
  seconds,
  type Step,
  type StepResults,
} from './steps';

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3077);
const BACKEND_PORT = Number(process.env.E2E_BACKEND_PORT ?? 7077);
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, 'screenshots');
const PLUGIN_PACKAGE = path.join(
  REPO_ROOT,
  'plugins/infra-compliance/package.json',
);
/** Everything, servers included, must be over by then. */
const RUN_TIMEOUT_MS = 8 * 60_000;

/** The example services registered in examples/all.yaml (`- ./<dir>/catalog-info.yaml`). */
function exampleServiceCount(): number {
  const text = readFileSync(path.join(REPO_ROOT, 'examples/all.yaml'), 'utf8');
  return (
    text.match(/^\s*-\s*\.\/[^\s]+\/catalog-info\.yaml\s*$/gm)?.length ?? 0
  );
}

// One example service and a known finding of it
// (`yarn infra-compliance scan examples/seed-000-failing --format json`).
const SERVICE = 'seed-000-failing';
const SERVICE_TITLE = 'projectX data pipeline (seed 000, failing)';
const SERVICE_DESCRIPTION_START = /^Seed 000 as the model wrote it/;
const SERVICE_REF = `component/default/${SERVICE}`;
const KNOWN_FINDING = {
  ruleId: 'IAM-004',
  resourceId: 'ProjectXDataProcessorFunction',
  resourceType: 'AWS::Lambda::Function',
  file: 'template.yaml',
  line: 52,
  severity: 'critical',
};
const TEAM = 'platform-team';
const TEAM_TITLE = 'Platform Team';
// A service whose program creates resources the engine does not model.
const PULUMI_SERVICE = 'seed-001-pulumi-failing';
const NOT_MODELLED_TYPE = 'aws.apigateway.Resource';
// A fixed service with a suppression left behind, which its scan lists as unused
// (examples/seed-004-fixed/template.yaml).
const UNUSED_SUPPRESSION = {
  service: 'seed-004-fixed',
  ruleId: 'ENC-003',
  resourceId: 'OrderDLQ',
  location: 'template.yaml:104',
};

/** The Compliance UI is there once the frontend plugin exists and the app depends on it. */
function complianceUiPresent(): boolean {
  if (!existsSync(PLUGIN_PACKAGE)) return false;
  const { name } = JSON.parse(readFileSync(PLUGIN_PACKAGE, 'utf8'));
  const app = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'packages/app/package.json'), 'utf8'),
  );
  return Boolean(app.dependencies?.[name]);
}

/**
 * Client-side navigation: a page load would lose the guest session, so the
 * path is pushed onto the app's router history instead.
 */
async function navigateInApp(page: Page, appPath: string): Promise<void> {
  await page.evaluate(target => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, appPath);
  await page.waitForURL(url => url.pathname + url.search === appPath);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`    screenshot: ${path.relative(process.cwd(), file)}`);
}

/**
 * What makes a table hard to read in `region`: words of its cells broken
 * across two lines (a squeezed column breaks words anywhere, as Backstage's
 * cells allow) and text whose lines would touch (a line height under 1.2
 * times the font size, as in a bare material-table cell). With `columns`,
 * only the cells under those headers. A word is the text between spaces,
 * hyphens (`dead-` / `letter`) and the break opportunities a cell marks
 * (`<wbr>`, which ends a text node).
 */
async function unreadableCells(
  region: Locator,
  columns?: string[],
): Promise<{ brokenWords: string[]; tightLines: string[] }> {
  return region.evaluate((element, headers) => {
    const brokenWords = new Set<string>();
    const tightLines = new Set<string>();
    const body = element.querySelector('tbody') ?? element;
    const headerCells = [...element.querySelectorAll('thead th')];
    const shown = headers?.map(header =>
      headerCells.findIndex(
        cell => cell.textContent?.trim().toLowerCase() === header.toLowerCase(),
      ),
    );
    const inShownColumn = (node: Node) => {
      const cell = node.parentElement?.closest('td');
      if (!shown) return true;
      // A detail panel's row is one cell across the table.
      if (!cell || cell.parentElement!.children.length !== headerCells.length) {
        return false;
      }
      return shown.includes([...cell.parentElement!.children].indexOf(cell));
    };
    const texts = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (!inShownColumn(node)) continue;
      const text = node.textContent ?? '';
      const style = getComputedStyle(node.parentElement!);
      if (
        text.trim() &&
        parseFloat(style.lineHeight) < 1.2 * parseFloat(style.fontSize)
      ) {
        tightLines.add(text.trim());
      }
      for (const word of text.matchAll(/[^\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, word.index!);
        range.setEnd(node, word.index! + word[0].length);
        const lines = new Set(
          [...range.getClientRects()].map(rect => Math.round(rect.top)),
        );
        if (lines.size > 1) brokenWords.add(word[0]);
      }
    }
    return { brokenWords: [...brokenWords], tightLines: [...tightLines] };
  }, columns);
}

/**
 * `element`'s accessible name as Chromium computes it for a screen reader
 * (Playwright's own snapshots compute names otherwise).
 */
async function chromiumAccessibleName(
  page: Page,
  element: Locator,
): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await element.evaluate(e => e.setAttribute('data-e2e-named', ''));
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', {
      nodeId: root.nodeId,
      selector: '[data-e2e-named]',
    });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
      nodeId,
      fetchRelatives: false,
    });
    return nodes[0]?.name?.value;
  } finally {
    await element.evaluate(e => e.removeAttribute('data-e2e-named'));
    await cdp.detach();
  }
}

function genericSteps(page: Page, backstage: Backstage): Step[] {
  return [
    {
      name: 'sign in as guest',
      timeoutMs: 90_000,
      run: async () => {
        await page.goto(backstage.appUrl);
        await page.getByRole('button', { name: 'Enter' }).click();
        await page.waitForURL(url => url.pathname.startsWith('/catalog'));
        await page
          .getByRole('button', { name: 'Enter' })
          .waitFor({ state: 'detached' });
        await page.getByRole('link', { name: 'Settings' }).waitFor();
      },
    },
    {
      name: `catalog page of ${SERVICE}`,
      timeoutMs: 60_000,
      run: async () => {
        await navigateInApp(page, `/catalog/default/component/${SERVICE}`);
        await page.getByRole('heading', { name: SERVICE_TITLE }).waitFor();
        // The overview's cards load lazily: wait for them before the screenshot.
        await page.getByText('About', { exact: true }).waitFor();
        await page.getByText(SERVICE_DESCRIPTION_START).waitFor();
        await screenshot(page, 'catalog-entity');
      },
    },
  ];
}

function complianceSteps(page: Page, backstage: Backstage): Step[] {
  const api = async (apiPath: string) =>
    getApi(
      backstage.backendUrl,
      await guestToken(backstage.backendUrl),
      apiPath,
    );
  const latestScan = async () =>
    (await api(`/entities/${SERVICE_REF}/scans?limit=1`)).items[0];
  return [
    {
      name: `overview card of ${SERVICE}: grade and score`,
      timeoutMs: 60_000,
      run: async () => {
        const scorecard = await api(`/entities/${SERVICE_REF}/scorecard`);
        await navigateInApp(page, `/catalog/default/component/${SERVICE}`);
        const card = page.getByTestId('infra-compliance-card');
        await card
          .getByLabel(`Grade ${scorecard.grade}`, { exact: true })
          .waitFor();
        await card.getByText(`${scorecard.score} / 100`).waitFor();
        await card.scrollIntoViewIfNeeded();
        await screenshot(page, 'entity-overview-card');
      },
    },
    {
      name: `Compliance tab of ${SERVICE}: grade, score and ${KNOWN_FINDING.ruleId} at ${KNOWN_FINDING.file}:${KNOWN_FINDING.line}`,
      timeoutMs: 60_000,
      run: async () => {
        const scorecard = await api(`/entities/${SERVICE_REF}/scorecard`);
        await navigateInApp(page, `/catalog/default/component/${SERVICE}`);
        await page.getByRole('tab', { name: 'Compliance' }).click();
        await page
          .getByRole('tab', { name: 'Compliance', selected: true })
          .waitFor();
        await page
          .getByLabel(`Grade ${scorecard.grade}`, { exact: true })
          .first()
          .waitFor();
        await page.getByText(`${scorecard.score} / 100`).first().waitFor();
        await page
          .getByRole('row')
          .filter({ hasText: KNOWN_FINDING.ruleId })
          .filter({ hasText: `${KNOWN_FINDING.file}:${KNOWN_FINDING.line}` })
          .first()
          .waitFor();
        await screenshot(page, 'entity-compliance-tab');
        // Resource ids and file paths break between their parts and words,
        // never inside one (`ProjectXDataP` / `rocessorFuncti` / `on`), and
        // rule titles between words (`Asynchronousl` / `y` at 1024px).
        const findings = page.getByRole('region', { name: 'Findings' });
        const idColumns = ['Rule', 'Resource', 'Location'];
        const brokenAt1400 = (await unreadableCells(findings, idColumns))
          .brokenWords;
        // In a 1024px window the findings table fits beside the sidebar: a
        // horizontal scroll bar hid the end of its last column.
        await page.setViewportSize({ width: 1024, height: 1400 });
        const overflow = await findings.evaluate(region =>
          [...region.querySelectorAll<HTMLElement>('div')]
            .filter(box => box.scrollWidth > box.clientWidth + 1)
            .map(box => `${box.scrollWidth}px in ${box.clientWidth}px`),
        );
        const brokenAt1024 = (await unreadableCells(findings, idColumns))
          .brokenWords;
        await page.setViewportSize({ width: 1400, height: 1400 });
        if (overflow.length) {
          throw new Error(
            `the findings table scrolls sideways at 1024px: ${overflow[0]}`,
          );
        }
        if (brokenAt1400.length || brokenAt1024.length) {
          throw new Error(
            `ids or titles broken inside a word at 1400px: ${brokenAt1400}; at 1024px: ${brokenAt1024}`,
          );
        }
        // A screen reader gets the ids whole: Chromium read each break
        // opportunity as a space (`AWS:: Lambda:: Function`).
        const cells = page
          .getByRole('row')
          .filter({ hasText: KNOWN_FINDING.ruleId })
          .filter({ hasText: `${KNOWN_FINDING.file}:${KNOWN_FINDING.line}` })
          .first()
          .getByRole('cell');
        const names = [
          await chromiumAccessibleName(page, cells.nth(3)),
          await chromiumAccessibleName(page, cells.nth(4)),
        ];
        const expected = [
          `${KNOWN_FINDING.resourceId} ${KNOWN_FINDING.resourceType}`,
          `${KNOWN_FINDING.file}:${KNOWN_FINDING.line}`,
        ];
        if (names.join('|') !== expected.join('|')) {
          throw new Error(
            `the Resource and Location cells are named ${JSON.stringify(
              names,
            )}, not ${JSON.stringify(expected)}`,
          );
        }
      },
    },
    {
      name: `Compliance tab of ${SERVICE} opened at an address with filters: its ${KNOWN_FINDING.ruleId} findings only, each change written to the address`,
      timeoutMs: 60_000,
      run: async () => {
        const tab = `/catalog/default/component/${SERVICE}/compliance`;
        const { totalCount } = await api(
          `/entities/${SERVICE_REF}/findings?rule=${KNOWN_FINDING.ruleId}&status=all&limit=1`,
        );
        await navigateInApp(
          page,
          `${tab}?ic.rule=${KNOWN_FINDING.ruleId}&ic.status=all`,
        );
        const findings = page.getByRole('region', { name: 'Findings' });
        await findings.getByText(`Findings (${totalCount})`).waitFor();
        const ruleIds = (
          await findings
            .getByRole('row')
            .filter({ hasText: /[A-Z]{2,4}-\d{3}/ })
            .allTextContents()
        ).map(text => text.match(/[A-Z]{2,4}-\d{3}/)![0]);
        if (
          ruleIds.length !== Math.min(totalCount, 20) ||
          ruleIds.some(id => id !== KNOWN_FINDING.ruleId)
        ) {
          throw new Error(
            `the rows under ?ic.rule=${KNOWN_FINDING.ruleId} are of ${ruleIds}, not ${totalCount} of ${KNOWN_FINDING.ruleId}`,
          );
        }
        await page.getByRole('button', { name: /^Severity / }).click();
        await page
          .getByRole('option', { name: KNOWN_FINDING.severity })
          .click();
        await page.getByPlaceholder('Filter').fill(KNOWN_FINDING.resourceId);
        await page.waitForURL(
          url =>
            url.search ===
            `?ic.rule=${KNOWN_FINDING.ruleId}&ic.status=all&ic.severity=${KNOWN_FINDING.severity}&ic.q=${KNOWN_FINDING.resourceId}`,
        );
        await findings
          .getByRole('row')
          .filter({ hasText: KNOWN_FINDING.resourceId })
          .first()
          .waitFor();
        await page.setViewportSize({ width: 1024, height: 1400 });
        await findings.scrollIntoViewIfNeeded();
        await screenshot(page, 'entity-compliance-filters-1024');
        await page.setViewportSize({ width: 1400, height: 1400 });
        // The next steps start from the tab's default filters.
        await navigateInApp(page, tab);
        await page.getByRole('button', { name: /All severities/ }).waitFor();
      },
    },
    {
      name: `Compliance tab of ${PULUMI_SERVICE}: what its scan did not judge, ${NOT_MODELLED_TYPE} among it, one click from the score`,
      timeoutMs: 60_000,
      run: async () => {
        const { lastSuccessfulScan } = await api(
          `/entities/component/default/${PULUMI_SERVICE}/scorecard`,
        );
        const notModelled: string[] = (
          lastSuccessfulScan?.coverage?.notModelled ?? []
        ).flatMap((program: { types: { type: string }[] }) =>
          program.types.map(({ type }) => type),
        );
        if (!notModelled.includes(NOT_MODELLED_TYPE)) {
          throw new Error(
            `the last scan of ${PULUMI_SERVICE} lists ${JSON.stringify(
              notModelled,
            )} as not modelled, not ${NOT_MODELLED_TYPE}`,
          );
        }
        const tab = `/catalog/default/component/${PULUMI_SERVICE}/compliance`;
        await navigateInApp(page, `${tab}?ic.status=all`);
        const link = page.getByRole('link', { name: /^Not judged: / });
        await link.waitFor();
        await screenshot(page, 'entity-compliance-not-judged-line');
        await link.click();
        // An anchor within the page: the findings' filters stay.
        await page.waitForURL(
          url =>
            url.search === '?ic.status=all' &&
            url.hash === '#infra-compliance-not-judged',
        );
        const heading = page.getByRole('heading', { name: 'Not judged' });
        await page.getByText(NOT_MODELLED_TYPE, { exact: true }).waitFor();
        const top = await heading.evaluate(
          element => element.getBoundingClientRect().top,
        );
        if (top < 0 || top > page.viewportSize()!.height) {
          throw new Error(
            `the Not judged card is not in view after its link (its heading at ${top}px)`,
          );
        }
        await screenshot(page, 'entity-compliance-not-judged');
        // The next steps start from the tab of SERVICE.
        await navigateInApp(
          page,
          `/catalog/default/component/${SERVICE}/compliance`,
        );
        await page.getByRole('button', { name: /All severities/ }).waitFor();
      },
    },
    {
      name: `Compliance tab of ${UNUSED_SUPPRESSION.service}: its ${UNUSED_SUPPRESSION.ruleId} suppression on ${UNUSED_SUPPRESSION.resourceId} listed as unused, at ${UNUSED_SUPPRESSION.location}`,
      timeoutMs: 60_000,
      run: async () => {
        const { lastSuccessfulScan } = await api(
          `/entities/component/default/${UNUSED_SUPPRESSION.service}/scorecard`,
        );
        const listed = lastSuccessfulScan?.unusedSuppressions?.items ?? [];
        if (
          !listed.some(
            (item: { ruleId: string; resourceId: string }) =>
              item.ruleId === UNUSED_SUPPRESSION.ruleId &&
              item.resourceId === UNUSED_SUPPRESSION.resourceId,
          )
        ) {
          throw new Error(
            `the last scan of ${
              UNUSED_SUPPRESSION.service
            } lists ${JSON.stringify(listed)} as unused suppressions`,
          );
        }
        await navigateInApp(
          page,
          `/catalog/default/component/${UNUSED_SUPPRESSION.service}/compliance`,
        );
        await page
          .getByRole('heading', {
            name: `Unused suppressions (${listed.length})`,
          })
          .waitFor();
        await page
          .getByRole('listitem')
          .filter({ hasText: UNUSED_SUPPRESSION.ruleId })
          .filter({ hasText: UNUSED_SUPPRESSION.resourceId })
          .getByText(UNUSED_SUPPRESSION.location)
          .first()
          .waitFor();
        await screenshot(page, 'entity-compliance-unused-suppressions');
        // The next steps start from the tab of SERVICE.
        await navigateInApp(
          page,
          `/catalog/default/component/${SERVICE}/compliance`,
        );
        await page.getByRole('button', { name: /All severities/ }).waitFor();
      },
    },
    {
      name: 'Scan now runs a scan to its end',
      timeoutMs: 120_000,
      run: async () => {
        const previous = await latestScan();
        await page.getByRole('button', { name: 'Scan now' }).click();
        // The button follows the scan (it polls every 1.5 s, so "Scanning…"
        // stays long enough to be seen), then offers a new scan.
        await page.getByRole('button', { name: 'Scanning…' }).waitFor();
        await page
          .getByRole('button', { name: 'Scan now' })
          .and(page.locator(':enabled'))
          .waitFor({ timeout: 90_000 });
        await page
          .getByTestId('infra-compliance-scanning')
          .waitFor({ state: 'hidden' });
        // Announced to a screen reader, not only a progress bar gone.
        await page
          .getByRole('status')
          .filter({ hasText: /^Scan finished: / })
          .waitFor();
        const scan = await latestScan();
        if (!scan || scan.id === previous?.id) {
          throw new Error('the backend recorded no new scan');
        }
        if (!['succeeded', 'unchanged'].includes(scan.status)) {
          throw new Error(
            `scan ${scan.id} ended ${scan.status}: ${scan.error ?? ''}`,
          );
        }
        await page
          .getByRole('row')
          .filter({ hasText: KNOWN_FINDING.ruleId })
          .first()
          .waitFor();
        // Recent scans lists it first, as the guest asked for it and as it ended.
        const newest = page
          .getByRole('table', { name: 'Recent scans' })
          .getByRole('row')
          .nth(1);
        await newest.filter({ hasText: /Scan now by \S*guest/ }).waitFor();
        await newest
          .filter({
            hasText: scan.status === 'succeeded' ? 'Succeeded' : 'Unchanged',
          })
          .waitFor();
        await screenshot(page, 'entity-compliance-scanned');
      },
    },
    {
      name: `waives every ${KNOWN_FINDING.ruleId} finding, revokes the waiver, downloads the SARIF file`,
      timeoutMs: 90_000,
      run: async () => {
        const reason = `e2e: ${KNOWN_FINDING.ruleId} accepted for the test`;
        // The tab reloads after the scan of the previous step: let it settle,
        // so that no late layout shift moves a button away from a click.
        await page.waitForLoadState('networkidle');
        await page
          .getByRole('row')
          .filter({ hasText: KNOWN_FINDING.ruleId })
          .first()
          .click();
        const dialog = page.getByRole('dialog');
        const waive = page.getByRole('button', { name: 'Waive this finding' });
        // The panel's remediation snippet is loaded lazily: it must not move
        // the button (below the snippet, it did, and a click then landed on
        // the snippet about one run in ten).
        await waive.waitFor();
        const before = await waive.boundingBox();
        await page
          .getByTestId('infra-compliance-finding-detail')
          .locator('pre')
          .first()
          .waitFor();
        const after = await waive.boundingBox();
        if (before?.y !== after?.y || before?.x !== after?.x) {
          throw new Error(
            `the waive button moved when the snippet loaded: ${JSON.stringify(
              before,
            )} → ${JSON.stringify(after)}`,
          );
        }
        await waive.click();
        await dialog
          .getByLabel(
            `Every ${KNOWN_FINDING.ruleId} finding of this entity, in this and later scans`,
          )
          .check();
        await dialog.getByLabel(/Reason/).fill(reason);
        await dialog.getByRole('button', { name: 'Create waiver' }).click();
        await dialog.waitFor({ state: 'detached' });
        const row = page.getByRole('row').filter({ hasText: reason });
        await row.getByText('Active').waitFor();
        const [waiver] = (
          await api(`/entities/${SERVICE_REF}/waivers?active=true`)
        ).items.filter((item: any) => item.reason === reason);
        if (waiver?.ruleId !== KNOWN_FINDING.ruleId) {
          throw new Error(
            `the backend has no active ${KNOWN_FINDING.ruleId} waiver`,
          );
        }
        const revoke = row.getByRole('button', { name: 'Revoke' });
        await revoke.waitFor();
        await screenshot(page, 'entity-waivers');

        await revoke.click();
        await page
          .getByRole('dialog')
          .getByRole('button', { name: 'Revoke waiver' })
          .click();
        await row.getByText(/Revoked/).waitFor();
        // The focus goes to the waivers table, in view: the reload that
        // emptied the tables above it moved it away, out of view.
        const waivers = page.getByRole('region', { name: 'Waivers' });
        await waivers.and(page.locator(':focus')).waitFor();
        const inView = await waivers.evaluate(region => {
          const box = region.getBoundingClientRect();
          return box.top < window.innerHeight && box.bottom > 0;
        });
        if (!inView) {
          throw new Error('the focused waivers table is out of view');
        }
        // Readable in a 1024px window too (the table beside the sidebar).
        await page.setViewportSize({ width: 1024, height: 1400 });
        const unreadable = await unreadableCells(waivers);
        await page.setViewportSize({ width: 1400, height: 1400 });
        if (unreadable.brokenWords.length || unreadable.tightLines.length) {
          throw new Error(
            `the waivers table at 1024px: ${JSON.stringify(unreadable)}`,
          );
        }
        const revoked = await api(`/entities/${SERVICE_REF}/waivers`);
        if (
          revoked.items.some(
            (item: any) => item.id === waiver.id && item.active,
          )
        ) {
          throw new Error(`waiver ${waiver.id} is still active`);
        }

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Download SARIF' }).click(),
        ]);
        const file = path.join(SCREENSHOTS, download.suggestedFilename());
        await download.saveAs(file);
        const sarif = JSON.parse(readFileSync(file, 'utf8'));
        const rules = sarif.runs?.[0]?.results?.map((r: any) => r.ruleId) ?? [];
        if (
          sarif.version !== '2.1.0' ||
          !rules.includes(KNOWN_FINDING.ruleId)
        ) {
          throw new Error(
            `${download.suggestedFilename()} is not the SARIF of ${SERVICE}'s findings`,
          );
        }
        console.log(
          `    SARIF: ${download.suggestedFilename()}, ${rules.length} results`,
        );
      },
    },
    {
      name: `group page of ${TEAM}: compliance card lists ${SERVICE} with its grade`,
      timeoutMs: 60_000,
      run: async () => {
        const { grade } = await api(`/entities/${SERVICE_REF}/scorecard`);
        await navigateInApp(page, `/catalog/default/group/${TEAM}`);
        const card = page.getByTestId('infra-compliance-group-card');
        await card.getByText(/Average score \d+/).waitFor();
        await card
          .getByRole('listitem')
          .filter({ hasText: SERVICE_TITLE })
          .getByLabel(`Grade ${grade}`, { exact: true })
          .waitFor();
        // The page scrolls inside its layout, not the document: bring the card
        // into the screenshot.
        await card.scrollIntoViewIfNeeded();
        await screenshot(page, 'group-compliance-card');
      },
    },
    {
      name: 'org page /infra-compliance from the sidebar lists every service',
      timeoutMs: 60_000,
      run: async () => {
        await page.getByRole('link', { name: 'Compliance' }).first().click();
        await page.waitForURL(url => url.pathname === '/infra-compliance');
        const { items, totalCount } = await api('/entities?limit=100');
        await page.getByText(`Services (${totalCount})`).waitFor();
        for (const item of items) {
          await page
            .getByRole('link', { name: item.title ?? item.name, exact: true })
            .first()
            .waitFor();
        }
        await screenshot(page, 'org-compliance');
      },
    },
    {
      name: "org page search finds a team's services by the team's display name, and shows the team by it",
      timeoutMs: 60_000,
      run: async () => {
        // Orders Team: group:default/orders-team's display name (examples/org.yaml).
        const { totalCount } = await api('/entities?owner=orders-team');
        if (totalCount === 0) throw new Error('orders-team owns no service');
        await page.getByPlaceholder('Filter').fill('Orders Team');
        await page.getByText(`Services (${totalCount})`).waitFor();
        await page.waitForURL(
          url => url.searchParams.get('q') === 'Orders Team',
        );
        const owners = page
          .getByRole('row')
          .getByRole('link', { name: 'Orders Team', exact: true });
        if ((await owners.count()) < totalCount) {
          throw new Error(
            `${await owners.count()} of ${totalCount} rows link Orders Team`,
          );
        }
        await screenshot(page, 'org-compliance-search-team');
      },
    },
  ];
}

/** The InfoCard (title, content, link) around one of our cards' content. */
function infoCardAround(page: Page, content: Locator): Locator {
  return page.locator('[class*="MuiCard-root"]', { has: content });
}

/**
 * The Compliance tab's content: Backstage's Content element around it holds
 * nothing else; the entity's header and tabs above are Backstage's.
 */
function complianceTab(page: Page): Locator {
  return page
    .locator('main article')
    .filter({ has: page.getByRole('region', { name: 'Results' }) });
}

/**
 * Opens an entity's Compliance tab and waits for its history and its
 * tables: nothing that loads later moves a row away from a click.
 */
async function openComplianceTab(page: Page, appPath: string): Promise<void> {
  await navigateInApp(page, appPath);
  await page.getByText('Findings opened and resolved per day').waitFor();
  await page.getByText(/^Findings \(\d+\)$/).waitFor();
  await page.getByText(/^Waivers \(\d+\)$/).waitFor();
  await page
    .getByRole('table', { name: 'Recent scans' })
    .getByRole('row')
    .nth(1)
    .waitFor();
}

/** A scan's status, which the Compliance tab polls while it follows a scan. */
const SCAN_STATUS = '**/api/infra-compliance/scans/*';

/**
 * An audit with axe-core (WCAG 2.1 A/AA, serious and critical violations)
 * of each of our pages the steps above visit, in the light and the dark
 * theme, restricted to our content (accessibility.ts).
 */
function accessibilitySteps(page: Page): Step[] {
  const tab = `/catalog/default/component/${SERVICE}/compliance`;
  return [
    {
      name: `axe, light and dark themes: overview card of ${SERVICE}`,
      timeoutMs: 60_000,
      run: () =>
        auditInBothThemes(page, async audit => {
          await navigateInApp(page, `/catalog/default/component/${SERVICE}`);
          const content = page.getByTestId('infra-compliance-card');
          await content.getByText(/^\d+ \/ 100$/).waitFor();
          await audit('overview card', infoCardAround(page, content));
        }),
    },
    {
      name: `axe, light and dark themes: Compliance tab of ${SERVICE}, a finding's details open, and the waiver dialog`,
      timeoutMs: 90_000,
      run: () =>
        auditInBothThemes(page, async audit => {
          await openComplianceTab(page, tab);
          await page
            .getByRole('row')
            .filter({ hasText: KNOWN_FINDING.ruleId })
            .first()
            .click();
          await page
            .getByTestId('infra-compliance-finding-detail')
            .locator('pre')
            .first()
            .waitFor();
          await audit('Compliance tab', complianceTab(page));
          await page
            .getByRole('button', { name: 'Waive this finding' })
            .click();
          const dialog = page.getByRole('dialog');
          await dialog.getByLabel(/Reason/).waitFor();
          await audit('waiver dialog', dialog);
          await page.keyboard.press('Escape');
          await dialog.waitFor({ state: 'detached' });
        }),
    },
    {
      name: `axe, light and dark themes: Compliance tab of ${SERVICE} while a scan runs`,
      timeoutMs: 120_000,
      run: () =>
        auditInBothThemes(page, async audit => {
          await openComplianceTab(page, tab);
          // The scan's status answers wait for the audit: the scan cannot
          // end under it, however quick.
          let release = () => {};
          const released = new Promise<void>(resolve => {
            release = resolve;
          });
          const hold = async (route: Route) => {
            await released;
            await route.continue().catch(() => {});
          };
          await page.route(SCAN_STATUS, hold);
          try {
            await page.getByRole('button', { name: 'Scan now' }).click();
            await page.getByTestId('infra-compliance-scanning').waitFor();
            await page.getByRole('button', { name: 'Scanning…' }).waitFor();
            await audit(
              'Compliance tab while a scan runs',
              complianceTab(page),
            );
          } finally {
            release();
            await page.unroute(SCAN_STATUS, hold);
          }
          await page
            .getByRole('status')
            .filter({ hasText: /^Scan finished: / })
            .waitFor({ timeout: 90_000 });
        }),
    },
    {
      name: `axe, light and dark themes: Compliance tabs of ${PULUMI_SERVICE} (not judged) and ${UNUSED_SUPPRESSION.service} (unused suppressions)`,
      timeoutMs: 60_000,
      run: () =>
        auditInBothThemes(page, async audit => {
          await openComplianceTab(
            page,
            `/catalog/default/component/${PULUMI_SERVICE}/compliance`,
          );
          await page.getByRole('heading', { name: 'Not judged' }).waitFor();
          await audit(
            `Compliance tab of ${PULUMI_SERVICE}`,
            complianceTab(page),
          );
          await openComplianceTab(
            page,
            `/catalog/default/component/${UNUSED_SUPPRESSION.service}/compliance`,
          );
          await page
            .getByRole('heading', { name: /^Unused suppressions/ })
            .waitFor();
          await audit(
            `Compliance tab of ${UNUSED_SUPPRESSION.service}`,
            complianceTab(page),
          );
        }),
    },
    {
      name: `axe, light and dark themes: compliance card of ${TEAM}'s group page`,
      timeoutMs: 60_000,
      run: () =>
        auditInBothThemes(page, async audit => {
          await navigateInApp(page, `/catalog/default/group/${TEAM}`);
          const content = page.getByTestId('infra-compliance-group-card');
          await content.getByText(/Average score \d+/).waitFor();
          await content.getByRole('listitem').first().waitFor();
          await audit('group card', infoCardAround(page, content));
        }),
    },
    {
      name: 'axe, light and dark themes: org page /infra-compliance',
      timeoutMs: 60_000,
      run: () =>
        auditInBothThemes(page, async audit => {
          await navigateInApp(page, '/infra-compliance');
          await page.getByText(/^Services \(\d+\)$/).waitFor();
          await page
            .locator('[class*="MuiPaper-root"]', {
              has: page.getByText('Teams leaderboard', { exact: true }),
            })
            .getByRole('link', { name: TEAM_TITLE, exact: true })
            .waitFor();
          await page.getByTestId('infra-compliance-top-rules').waitFor();
          // Backstage's header (its title ours) is left out, as on the tabs.
          await audit('org page', page.locator('main article'));
        }),
    },
  ];
}

async function main(): Promise<number> {
  const results: StepResults = { passed: 0, failed: 0, skipped: [] };
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'infra-compliance-e2e-'));
  // Only this run's screenshots: no stale failure-*.png from an earlier one.
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  let backstage: Backstage | undefined;
  let browser: Browser | undefined;
  const hardStop = setTimeout(() => {
    console.error(`e2e: the run exceeded ${RUN_TIMEOUT_MS / 1000}s, aborting`);
    console.log(`${results.passed} passed, ${results.failed + 1} failed`);
    process.exit(1); // the 'exit' hooks of the servers kill them
  }, RUN_TIMEOUT_MS);
  hardStop.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`e2e: ${signal}, stopping the servers`);
      process.exit(1); // the 'exit' hooks of the servers kill them
    });
  }

  try {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set E2E_CHROMIUM`,
      );
    }
    let started = Date.now();
    console.log(
      `e2e: starting the backend (:${BACKEND_PORT}) and the app (:${APP_PORT}); logs in ${tmpDir}`,
    );
    backstage = await startBackstage(tmpDir, {
      app: APP_PORT,
      backend: BACKEND_PORT,
    });
    await waitForReadiness(backstage, 180_000);
    console.log(`e2e: servers ready (${seconds(started)})`);
    started = Date.now();
    const scanned = await waitForScannedEntities(
      backstage.backendUrl,
      exampleServiceCount(),
      120_000,
    );
    console.log(
      `e2e: ${scanned.length} example services scanned (${seconds(
        started,
      )}): ${scanned.map(e => `${e.name} ${e.grade}`).join(', ')}`,
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      timeout: 60_000,
    });
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1400 },
    });
    page.setDefaultTimeout(30_000);
    page.setDefaultNavigationTimeout(60_000);
    // An error in the app shows in the failing step's output.
    page.on('pageerror', error =>
      console.log(`    page error: ${error.message}`),
    );

    const steps = genericSteps(page, backstage);
    const compliance = [
      ...complianceSteps(page, backstage),
      ...accessibilitySteps(page),
    ];
    if (complianceUiPresent()) {
      steps.push(...compliance);
    } else {
      results.skipped.push(...compliance.map(s => s.name));
    }
    await runSteps(steps, results, name =>
      screenshot(
        page,
        `failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`,
      ),
    );
  } catch (error) {
    results.failed += 1;
    console.log(`  ✗ setup: ${(error as Error)?.stack ?? error}`);
    if (backstage) {
      console.log('    last lines of the server logs:');
      console.log(indent(backstage.logTail()));
    }
  } finally {
    await browser?.close().catch(() => {});
    await backstage?.stop();
    clearTimeout(hardStop);
  }

  if (results.skipped.length > 0) {
    console.log(
      `e2e: ${results.skipped.length} Compliance steps SKIPPED: the Compliance UI is not there yet (plugins/infra-compliance missing, or packages/app does not depend on it):`,
    );
    for (const name of results.skipped) console.log(`    - ${name}`);
  }
  if (results.failed === 0) rmSync(tmpDir, { recursive: true, force: true });
  else console.log(`e2e: server logs kept in ${tmpDir}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 ? 0 : 1;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error);
    process.exit(1);
  },
);
