import { makeStyles } from '@material-ui/core/styles';

/**
 * A visible ring around the control a keyboard has focused (MUI marks it
 * `Mui-focusVisible`, never on a mouse click), for everything inside the
 * element given `root`: the theme's own cue is a faint ripple or tint on
 * outlined and icon buttons, and none on material-table's detail toggle.
 */
export const useFocusRingStyles = makeStyles(theme => ({
  root: {
    '& .Mui-focusVisible': {
      outlineWidth: 2,
      outlineStyle: 'solid',
      outlineColor: theme.palette.primary.main,
      outlineOffset: 2,
    },
  },
}));
