import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { gradeForScore } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import type { Rollup } from '../../api';
import { formatDuration } from './format';
import { GradeBadge } from './GradeBadge';
import { ScoreFormulaInfo } from './ScoreFormulaInfo';
import { SeverityCounts } from './SeverityChip';

/**
 * A roll-up's headline: the average score with its grade, as every other
 * score has, how many services it averages (those with a grade: a service
 * whose scan failed or found no infrastructure code was scanned, yet has
 * none, and "3 of 7 services scanned" sat beside a list where 6 were), the
 * mean time to remediate, and the open findings by severity.
 */
export function RollupSummary(props: { rollup: Rollup }) {
  const { rollup } = props;
  const { averageScore } = rollup;
  // In milliseconds: the days are rounded to a tenth, 0.0 for hours.
  const mttr = rollup.meanTimeToRemediateMs ?? null;
  const scored = averageScore !== null && averageScore !== undefined;
  return (
    <>
      <Box display="flex" alignItems="center">
        {scored && (
          <Box mr={1} display="flex">
            <GradeBadge grade={gradeForScore(averageScore)} />
          </Box>
        )}
        <Typography variant="h5" component="p">
          {scored ? `Average score ${averageScore}` : 'No score'}
        </Typography>
        <ScoreFormulaInfo />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {rollup.scannedCount} of {rollup.entityCount} services graded · mean
        time to remediate {mttr === null ? '—' : formatDuration(mttr)}
      </Typography>
      <SeverityCounts counts={rollup.open} />
    </>
  );
}
