import { useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import { makeStyles } from '@material-ui/core/styles';
import { useRuleCatalog } from './useRuleCatalog';

export const SCORE_FORMULA_LABEL = 'How is this score computed?';

const useStyles = makeStyles(theme => ({
  formula: { maxWidth: 420, padding: theme.spacing(2) },
}));

/** An info button beside a score that opens the scorecard formula. */
export function ScoreFormulaInfo(props: { formula?: string }) {
  const catalog = useRuleCatalog();
  const classes = useStyles();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <IconButton
        size="small"
        aria-label={SCORE_FORMULA_LABEL}
        title={SCORE_FORMULA_LABEL}
        onClick={event => setAnchor(event.currentTarget)}
      >
        <InfoOutlinedIcon fontSize="small" />
      </IconButton>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        <Typography
          variant="body2"
          className={classes.formula}
          data-testid="infra-compliance-formula"
        >
          {props.formula ?? catalog.formula}
        </Typography>
      </Popover>
    </>
  );
}
