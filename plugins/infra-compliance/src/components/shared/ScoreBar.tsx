import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import {
  Grade,
  gradeForScore,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { gradeColour, scoreTrackColour } from './gradeColour';

function barOf(colour: string) {
  // Doubled: above the bar's own colour whatever order the sheets load in.
  return { '&&': { backgroundColor: colour } };
}

const useStyles = makeStyles(theme => ({
  // One neutral track for every score: in a tint of the bar's colour, a
  // score of 0 was a full-width pink bar and 100 a full-width blue one. Every
  // grade's bar is 3:1 or more on it, in Backstage's light and dark themes.
  track: {
    '&&': { backgroundColor: scoreTrackColour(theme) },
  },
  A: barOf(gradeColour(theme, 'A')),
  B: barOf(gradeColour(theme, 'B')),
  C: barOf(gradeColour(theme, 'C')),
  D: barOf(gradeColour(theme, 'D')),
  E: barOf(gradeColour(theme, 'E')),
  F: barOf(gradeColour(theme, 'F')),
}));

/**
 * A 0–100 score as a bar in its grade's colour, the grade badges' own, over
 * a neutral track: 0 is an empty track.
 */
export function ScoreBar(props: { score: number | null; label: string }) {
  const { score, label } = props;
  const classes = useStyles();
  const grade: Grade | undefined =
    score === null ? undefined : gradeForScore(score);
  return (
    <LinearProgress
      variant="determinate"
      value={score ?? 0}
      aria-label={label}
      classes={{
        colorPrimary: classes.track,
        ...(grade && { barColorPrimary: classes[grade] }),
      }}
    />
  );
}
