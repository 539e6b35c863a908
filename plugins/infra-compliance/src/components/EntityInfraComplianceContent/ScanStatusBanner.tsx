import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import type { EntityScorecard } from '../../api';
import { formatDay } from '../shared';
import { isScanActive, latestScan, ScanRunner } from './useScanRunner';

/** What is happening with the entity's scans: running, failed, or found no IaC. */
export function ScanStatusBanner(props: {
  scorecard: EntityScorecard;
  runner: ScanRunner;
}) {
  const { scorecard, runner } = props;
  if (runner.error) {
    return <ResponseErrorPanel title="Could not scan" error={runner.error} />;
  }
  if (runner.scanning || isScanActive(scorecard.lastScan)) {
    const status = runner.scan?.status ?? scorecard.lastScan?.status;
    return (
      <Box data-testid="infra-compliance-scanning">
        <Typography variant="body1">
          {status === 'queued' ? 'Scan queued…' : 'Scanning…'}
        </Typography>
        <LinearProgress />
      </Box>
    );
  }
  const lastScan = latestScan(runner.scan, scorecard.lastScan);
  if (lastScan?.status === 'failed') {
    return (
      <WarningPanel
        severity="error"
        defaultExpanded
        title={`Last scan failed (${formatDay(
          lastScan.finishedAt ?? lastScan.createdAt,
        )})`}
        message={lastScan.error ?? 'The scan failed without an error message.'}
      />
    );
  }
  if (scorecard.lastSuccessfulScan?.counts?.filesScanned === 0) {
    return (
      <WarningPanel
        severity="info"
        defaultExpanded
        title="No infrastructure code found"
        message="The last scan found no CloudFormation, SAM, Terraform, Pulumi or CDK files in this entity's source."
      />
    );
  }
  return null;
}
