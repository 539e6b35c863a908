import { makeStyles } from '@material-ui/core/styles';

/**
 * The bulleted list of a card that lists what the last scan found in the
 * repository (unused suppressions, config warnings), one item a line.
 */
export const useCardListStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(3),
    // A long path or message wraps in a narrow window rather than widen the page.
    overflowWrap: 'anywhere',
    '& > li:not(:last-child)': { marginBottom: theme.spacing(0.5) },
  },
}));
