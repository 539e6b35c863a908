import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import type { EntityScorecard, Scan } from '../../api';
import {
  formatDateTime,
  isScanActive,
  latestScan,
  notJudged,
  scanChanges,
} from '../shared';
import { ScanRunner, scanUnderWay } from './useScanRunner';

/** What a scan that ended found, in a sentence. */
function scanOutcome(scan: Scan): string {
  if (scan.status === 'failed') return 'Scan failed.';
  if (scan.status === 'unchanged') {
    return 'Scan finished: the source has not changed since the last scan.';
  }
  if (!scan.counts) return 'Scan finished.';
  return `Scan finished: ${scanChanges(scan.counts)}.`;
}

/**
 * Whether the tab shows a scan under way (its progress bar): the scan the
 * page follows until its results show, or the scorecard's `runningScan`.
 * The banner of the previous scan stays hidden for as long: "No
 * infrastructure code found" came back beside "Scanning…" while the
 * results of the scan that ended reloaded.
 */
function scanShownActive(
  runner: ScanRunner,
  scorecard: EntityScorecard,
): boolean {
  return scanUnderWay(runner, scorecard) || scorecard.runningScan !== undefined;
}

/**
 * The scan the user started, in progress, or what the scan the page followed
 * found once it ended ("Scan finished: 1 new, 2 resolved"), in a live region:
 * a screen reader announces each change, where the progress bar used to
 * disappear without a word. A scan found under way (the scheduler's, another
 * user's) is announced only once it ends, not as the page loads. The region
 * stays mounted (it is the tab's first element, whatever the tab shows under
 * it), as a region added with its text is not announced by every screen
 * reader.
 */
export function ScanProgress(props: {
  scorecard: EntityScorecard;
  runner: ScanRunner;
}) {
  const { scorecard, runner } = props;
  const { scan } = runner;
  const latest = scan && latestScan(scan, scorecard.lastScan) === scan;
  const underWay = scanUnderWay(runner, scorecard);
  const active = scanShownActive(runner, scorecard);
  let message: string | undefined;
  if (runner.starting) {
    // Asked for, not answered yet: announced once queued, and the previous
    // scan's outcome no longer beside the busy "Scan now".
  } else if (scan && latest && underWay) {
    // A scan found under way (the scheduler's, another user's) is announced
    // only once it ended.
    if (scan.id === runner.startedId) {
      message = scan.status === 'queued' ? 'Scan queued…' : 'Scanning…';
    }
  } else if (scan && latest && !isScanActive(scan)) {
    // Not of a scan still active the page no longer follows (its status
    // could not be read): it has none yet.
    message = scanOutcome(scan);
  }
  return (
    <Box mb={message ? 2 : 0}>
      <div role="status">
        {message && <Typography variant="body1">{message}</Typography>}
      </div>
      {active && (
        <Box data-testid="infra-compliance-scanning">
          <LinearProgress aria-label="Scan progress" />
        </Box>
      )}
    </Box>
  );
}

/** What went wrong with the entity's scans: failed, or found no IaC. */
export function ScanStatusBanner(props: {
  scorecard: EntityScorecard;
  runner: ScanRunner;
}) {
  const { scorecard, runner } = props;
  if (runner.error) {
    return (
      <ResponseErrorPanel
        title="Could not start the scan"
        error={runner.error}
      />
    );
  }
  if (runner.followError) {
    // The status could not be read, several times: the scan may well go on.
    return (
      <ResponseErrorPanel
        title="Could not follow the scan: it may still be running. Reload the page for its progress or results."
        error={runner.followError}
      />
    );
  }
  // ScanProgress shows the scan under way.
  if (scanShownActive(runner, scorecard)) return null;
  const lastScan = latestScan(runner.scan, scorecard.lastScan);
  if (lastScan?.status === 'failed') {
    return (
      <WarningPanel
        severity="error"
        defaultExpanded
        title={`Last scan failed (${formatDateTime(
          lastScan.finishedAt ?? lastScan.createdAt,
        )})`}
        message={lastScan.error ?? 'The scan failed without an error message.'}
      />
    );
  }
  if (scorecard.lastSuccessfulScan?.counts?.filesScanned === 0) {
    // A Python CDK app's cdk.json, a template too large: found, not read.
    if (notJudged(scorecard.lastSuccessfulScan)?.filesSkipped) {
      return (
        <WarningPanel
          severity="info"
          defaultExpanded
          title="No infrastructure code read"
          message="The last scan skipped every file of infrastructure code it found in this entity's source: Not judged, below, lists them with why."
        />
      );
    }
    return (
      <WarningPanel
        severity="info"
        defaultExpanded
        title="No infrastructure code found"
        message={
          <>
            The last scan found no CloudFormation, SAM, Terraform, Pulumi or CDK
            files in this entity's source. If its infrastructure code lives
            elsewhere, point <code>backstage.io/source-location</code> or{' '}
            <code>infra-compliance/paths</code> at it; if it has none,{' '}
            <code>infra-compliance/skip: "true"</code> removes this tab.
          </>
        }
      />
    );
  }
  return null;
}
