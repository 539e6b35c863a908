import type { Theme } from '@material-ui/core/styles';
import type { Grade } from '@infra-compliance/backstage-plugin-infra-compliance-common';

/**
 * Each grade's colour, from the theme's success, warning and error colours
 * (green to red), so that a custom or dark theme colours the grades too. The
 * one mapping of the grade badges and the score bars: a bar of grade E was in
 * the warning colour beside a badge in the error one.
 */
export function gradeColour(theme: Theme, grade: Grade): string {
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
