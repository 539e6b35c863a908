import { screen } from '@testing-library/react';
import type { Scan } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { EntityInfraComplianceContent } from '../components/EntityInfraComplianceContent/EntityInfraComplianceContent';
import {
  apiWithLastScan,
  FakeInfraComplianceApi,
} from './FakeInfraComplianceApi';
import * as fixtures from './fixtures';
import { renderEntityComponent } from './renderEntityComponent';

/** Renders the Compliance tab of `entity` against `api`. */
export function renderComplianceTab(
  api: FakeInfraComplianceApi,
  entity = fixtures.githubEntity,
) {
  return renderEntityComponent(<EntityInfraComplianceContent />, {
    entity,
    api,
  });
}

/** The tab's card under the level-2 heading `name`, once the tab shows it. */
export async function findCard(name: string | RegExp): Promise<HTMLElement> {
  const heading = await screen.findByRole('heading', { level: 2, name });
  return heading.closest('[class*=MuiCard-root]') as HTMLElement;
}

/**
 * Renders the tab with each of `scans` as its last scan in turn, and runs
 * `check` on each once the tab has loaded: its findings are listed.
 */
export async function forEachLastScan(
  scans: Scan[],
  check: () => void,
): Promise<void> {
  for (const scan of scans) {
    const { unmount } = await renderComplianceTab(apiWithLastScan(scan));
    expect(
      await screen.findByRole('heading', { level: 2, name: /^Findings/ }),
    ).toBeInTheDocument();
    check();
    unmount();
  }
}
