import LinearProgress from '@material-ui/core/LinearProgress';
import { darken, lighten, makeStyles, Theme } from '@material-ui/core/styles';

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
 * A 0–100 score as a bar: in the theme's error colour under 40 (grade F), its
 * warning colour under 70 (grades D and E), the primary colour above.
 */
export function ScoreBar(props: { score: number | null; label: string }) {
  const { score, label } = props;
  const classes = useStyles();
  let colours = {};
  if (score !== null && score < 40) {
    colours = {
      colorPrimary: classes.failingTrack,
      barColorPrimary: classes.failingBar,
    };
  } else if (score !== null && score < 70) {
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
