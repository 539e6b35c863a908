import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  more: { marginTop: theme.spacing(0.5), paddingLeft: theme.spacing(3) },
}));

/**
 * "and 3 more" under a list the backend cut short (it keeps the first
 * items of a scan's lists), in line with the list's items; nothing when
 * none was left out.
 */
export function NotListedCount(props: { count: number; noun?: string }) {
  const classes = useStyles();
  if (props.count <= 0) return null;
  return (
    <Typography variant="body2" color="textSecondary" className={classes.more}>
      and {props.count} more{props.noun ? ` ${props.noun}` : ''}
    </Typography>
  );
}
