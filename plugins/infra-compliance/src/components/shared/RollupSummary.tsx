import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { Rollup } from '../../api';
import { ScoreFormulaInfo } from './ScoreFormulaInfo';
import { SeverityCounts } from './SeverityChip';

/**
 * A roll-up's headline: the average score, how many services are scanned,
 * the mean time to remediate, and the open findings by severity.
 */
export function RollupSummary(props: { rollup: Rollup }) {
  const { rollup } = props;
  const mttr = rollup.meanTimeToRemediateDays;
  return (
    <>
      <Box display="flex" alignItems="center">
        <Typography variant="h5" component="p">
          {rollup.averageScore === null || rollup.averageScore === undefined
            ? 'No score'
            : `Average score ${rollup.averageScore}`}
        </Typography>
        <ScoreFormulaInfo />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {rollup.scannedCount} of {rollup.entityCount} services scanned · mean
        time to remediate{' '}
        {mttr === null || mttr === undefined ? '—' : `${mttr.toFixed(1)} days`}
      </Typography>
      <SeverityCounts counts={rollup.open} />
    </>
  );
}
