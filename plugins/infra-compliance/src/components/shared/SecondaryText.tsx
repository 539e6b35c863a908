import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { readableSecondaryText } from './readableText';

const useStyles = makeStyles(theme => ({
  root: { color: readableSecondaryText(theme) },
}));

/**
 * Grey text under or beside a table cell's value, or in a row's detail
 * panel, readable on the table's striped and hovered rows (the theme's
 * textSecondary is not, by a hair, in Backstage's light theme).
 */
export function SecondaryText(props: {
  variant: 'caption' | 'body2';
  display?: 'block';
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Typography
      variant={props.variant}
      display={props.display}
      className={classes.root}
    >
      {props.children}
    </Typography>
  );
}
