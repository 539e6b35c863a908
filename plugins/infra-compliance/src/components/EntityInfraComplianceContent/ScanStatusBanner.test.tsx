import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { Scan } from '../../api';
import * as fixtures from '../../__testUtils__/fixtures';
import { ScanStatusBanner } from './ScanStatusBanner';
import { ScanRunner } from './useScanRunner';

const failedHere: Scan = {
  ...fixtures.succeededScan,
  id: 'manual-scan',
  trigger: 'manual',
  status: 'failed',
  error: 'Could not read the repository: 404',
  createdAt: '2026-11-21T09:00:00.000Z',
  finishedAt: '2026-11-21T09:00:02.000Z',
};

function runnerAfter(scan: Scan): ScanRunner {
  return {
    scan,
    scanning: false,
    starting: false,
    seenToEnd: () => false,
    start: async () => {},
    follow: () => {},
    lastScanShown: () => {},
  };
}

describe('ScanStatusBanner', () => {
  it('shows the failure of the scan the page ran while it is the latest', async () => {
    await renderInTestApp(
      <ScanStatusBanner
        scorecard={{ ...fixtures.scorecard, lastScan: failedHere }}
        runner={runnerAfter(failedHere)}
      />,
    );
    expect(
      screen.getByText('Could not read the repository: 404'),
    ).toBeInTheDocument();
  });

  it('no longer shows it once a later scan of the entity succeeded', async () => {
    const later = {
      ...fixtures.succeededScan,
      id: 'scheduled-scan',
      createdAt: '2026-11-22T08:00:00.000Z',
    };
    await renderInTestApp(
      <ScanStatusBanner
        scorecard={{ ...fixtures.scorecard, lastScan: later }}
        runner={runnerAfter(failedHere)}
      />,
    );
    expect(screen.queryByText(/Last scan failed/)).toBeNull();
  });

  it('shows the failure of a later scan though the page ran one that succeeded', async () => {
    const ranHere = {
      ...fixtures.succeededScan,
      id: 'manual-scan',
      createdAt: '2026-11-21T09:00:00.000Z',
    };
    const laterFailure = {
      ...failedHere,
      id: 'scheduled-scan',
      createdAt: '2026-11-22T08:00:00.000Z',
      error: 'Timed out',
    };
    await renderInTestApp(
      <ScanStatusBanner
        scorecard={{ ...fixtures.scorecard, lastScan: laterFailure }}
        runner={runnerAfter(ranHere)}
      />,
    );
    expect(screen.getByText('Timed out')).toBeInTheDocument();
  });
});
