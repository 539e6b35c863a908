import { makeStyles } from '@material-ui/core/styles';
import type { Grade } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { gradeColour, noGradeColour } from './gradeColour';
import { readableTextOn } from './readableText';

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
  none: filled(noGradeColour(theme)),
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
