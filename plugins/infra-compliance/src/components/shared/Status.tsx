import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';

const ICONS = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  aborted: StatusAborted,
  pending: StatusPending,
  running: StatusRunning,
};

const useStyles = makeStyles(theme => ({
  // As Backstage lays out its statuses: the icon on the words' baseline.
  status: {
    display: 'flex',
    alignItems: 'baseline',
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/**
 * One of Backstage's statuses, an icon and words, whose words a screen
 * reader reads: Backstage's own hide the whole status (aria-hidden, words
 * included), so that a finding's "Open" or a waiver's "Revoked 2026-11-10 by
 * alice" read as an empty cell. Only the icon, Backstage's status without
 * words, stays hidden.
 */
export function Status(props: {
  kind: keyof typeof ICONS;
  children: ReactNode;
}) {
  const classes = useStyles();
  const Icon = ICONS[props.kind];
  return (
    <Typography component="span" className={classes.status}>
      <Icon />
      {props.children}
    </Typography>
  );
}
