import { makeStyles, Theme } from '@material-ui/core/styles';
import type { Grade } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { readableTextOn } from './readableText';

/**
 * Each grade's colour, from the theme's success, warning and error colours
 * (green to red), so that a custom or dark theme colours the grades too.
 */
function gradeColour(theme: Theme, grade: Grade): string {
  const { success, warning, error } = theme.palette;
  return {
    A: success.dark,
    B: success.light,
    C: warning.light,
    D: warning.dark,
    E: error.main,
    F: error.dark,
  }[grade];
}

function filled(background: string) {
  return { backgroundColor: background, color: readableTextOn(background) };
}

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    borderRadius: theme.shape.borderRadius,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  small: { width: 28, height: 28, fontSize: '1rem' },
  large: { width: 64, height: 64, fontSize: '2.5rem' },
  none: filled(theme.palette.grey[500]),
  A: filled(gradeColour(theme, 'A')),
  B: filled(gradeColour(theme, 'B')),
  C: filled(gradeColour(theme, 'C')),
  D: filled(gradeColour(theme, 'D')),
  E: filled(gradeColour(theme, 'E')),
  F: filled(gradeColour(theme, 'F')),
}));

/** A letter grade in its colour; "–" for an entity without a grade. */
export function GradeBadge(props: {
  grade: Grade | null | undefined;
  size?: 'small' | 'large';
}) {
  const { grade, size = 'small' } = props;
  const classes = useStyles();
  return (
    <span
      className={`${classes.badge} ${classes[size]} ${
        classes[grade ?? 'none']
      }`}
      role="img"
      aria-label={grade ? `Grade ${grade}` : 'No grade'}
      data-testid="infra-compliance-grade"
    >
      {grade ?? '–'}
    </span>
  );
}
