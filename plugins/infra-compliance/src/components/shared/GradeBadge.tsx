import { makeStyles } from '@material-ui/core/styles';
import type { Grade } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { readableTextOn } from './readableText';

const GRADE_COLORS: Record<Grade, string> = {
  A: '#2e7d32',
  B: '#689f38',
  C: '#f9a825',
  D: '#ef6c00',
  E: '#e64a19',
  F: '#c62828',
};

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
  none: {
    backgroundColor: theme.palette.grey[500],
    color: readableTextOn(theme.palette.grey[500]),
  },
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
        grade ? '' : classes.none
      }`}
      style={
        grade
          ? {
              backgroundColor: GRADE_COLORS[grade],
              color: readableTextOn(GRADE_COLORS[grade]),
            }
          : undefined
      }
      role="img"
      aria-label={grade ? `Grade ${grade}` : 'No grade'}
      data-testid="infra-compliance-grade"
    >
      {grade ?? '–'}
    </span>
  );
}
