import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  SEVERITIES,
  Severity,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import type { SeverityCounts as Counts } from '../../api';
import { readableTextOn } from './readableText';

/** Each severity's colour, from the theme's error and warning colours (low in grey). */
function severityColour(theme: Theme, severity: Severity): string {
  const { error, warning, grey } = theme.palette;
  return {
    critical: error.dark,
    high: warning.dark,
    medium: warning.light,
    low: grey[600],
  }[severity];
}

function filled(background: string) {
  return { backgroundColor: background, color: readableTextOn(background) };
}

// Doubled classes: above the chip's own colours whatever order the sheets load in.
const useChipStyles = makeStyles(theme => ({
  critical: { '&&': filled(severityColour(theme, 'critical')) },
  high: { '&&': filled(severityColour(theme, 'high')) },
  medium: { '&&': filled(severityColour(theme, 'medium')) },
  low: { '&&': filled(severityColour(theme, 'low')) },
}));

export function SeverityChip(props: { severity: Severity }) {
  const classes = useChipStyles();
  return (
    <Chip
      size="small"
      label={props.severity}
      className={classes[props.severity]}
    />
  );
}

const useCountStyles = makeStyles(theme => ({
  // Each count close to its chip, the pairs further apart: at one gap, a
  // count read as the next chip's as much as its own.
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    marginTop: theme.spacing(1),
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
  },
  pair: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

/** A chip and a count per severity, most severe first. */
export function SeverityCounts(props: { counts: Partial<Counts> | undefined }) {
  const classes = useCountStyles();
  return (
    <div className={classes.counts}>
      {SEVERITIES.map(severity => (
        <div key={severity} className={classes.pair}>
          <SeverityChip severity={severity} />
          <Typography variant="body2">
            {props.counts?.[severity] ?? 0}
          </Typography>
        </div>
      ))}
    </div>
  );
}
