import { Theme } from '@material-ui/core/styles';
import { deepOrange, green, lime, orange, red } from '@material-ui/core/colors';
import type { Grade } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { contrastOn } from './readableText';

/** WCAG's minimum for the parts of a graphic (1.4.11): a score bar on its track. */
const AA_GRAPHICS = 3;

/**
 * Each grade's colour in the theme (green to red), and MUI's shade of its
 * hue that is 3:1 or more on both the light and the dark track, for a theme
 * whose colour is not: in Backstage's light theme success.light,
 * warning.light and warning.dark (B, C, D) were 1.5 to 2.3:1. No yellow is
 * 3:1 on a light grey: C's is an olive.
 */
const GRADE_COLOURS: Record<
  Grade,
  [(palette: Theme['palette']) => string, string]
> = {
  A: [palette => palette.success.dark, green[800]],
  B: [palette => palette.success.light, lime[900]],
  C: [palette => palette.warning.light, orange[900]],
  D: [palette => palette.warning.dark, deepOrange[800]],
  E: [palette => palette.error.main, red[600]],
  F: [palette => palette.error.dark, red[700]],
};

/** The one neutral track of every score bar. */
export function scoreTrackColour(theme: Theme): string {
  return theme.palette.type === 'light'
    ? theme.palette.grey[200]
    : theme.palette.grey[900];
}

/**
 * Each grade's colour, the one mapping of the grade badges and the score
 * bars (a bar of grade E was in the warning colour beside a badge in the
 * error one): the theme's, so that a custom or dark theme colours the
 * grades too, unless it is under 3:1 on the score bars' track as it shows
 * there (a translucent colour blended in) or cannot be judged.
 */
export function gradeColour(theme: Theme, grade: Grade): string {
  const [fromTheme, fallback] = GRADE_COLOURS[grade];
  const colour = fromTheme(theme.palette);
  const track = scoreTrackColour(theme);
  return contrastOn(colour, track) >= AA_GRAPHICS ? colour : fallback;
}
