import LinearProgress from '@material-ui/core/LinearProgress';
import { darken, lighten, makeStyles, Theme } from '@material-ui/core/styles';
import { gradeForScore } from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** The bar's track in a tint of its colour, as MUI tints the primary one. */
function track(theme: Theme, colour: string): string {
  return theme.palette.type === 'light'
    ? lighten(colour, 0.62)
    : darken(colour, 0.5);
}

// Doubled classes: above the bar's own colours whatever order the sheets load in.
const useStyles = makeStyles(theme => ({
  failingBar: { '&&': { backgroundColor: theme.palette.status.error } },
  failingTrack: {
    '&&': { backgroundColor: track(theme, theme.palette.status.error) },
  },
  warningBar: { '&&': { backgroundColor: theme.palette.status.warning } },
  warningTrack: {
    '&&': { backgroundColor: track(theme, theme.palette.status.warning) },
  },
}));

/**
 * A 0–100 score as a bar: in the theme's error colour for grade F (under 40),
 * its warning colour for grades D and E (under 70), the primary colour above.
 */
export function ScoreBar(props: { score: number | null; label: string }) {
  const { score, label } = props;
  const classes = useStyles();
  const grade = score === null ? undefined : gradeForScore(score);
  let colours = {};
  if (grade === 'F') {
    colours = {
      colorPrimary: classes.failingTrack,
      barColorPrimary: classes.failingBar,
    };
  } else if (grade === 'D' || grade === 'E') {
    colours = {
      colorPrimary: classes.warningTrack,
      barColorPrimary: classes.warningBar,
    };
  }
  return (
    <LinearProgress
      variant="determinate"
      value={score ?? 0}
      aria-label={label}
      classes={colours}
    />
  );
}
