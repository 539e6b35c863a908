import { Theme } from '@material-ui/core/styles';
import type { Grade } from '@infra-compliance/backstage-plugin-infra-compliance-common';

/**
 * Each grade's colour in a light and in a dark theme: two greens, gold, an
 * orange-brown, red and plum, each grade lighter than the next, so that the
 * grades are told apart by lightness as well as hue (with a colour-vision
 * deficiency too: simulated protanopia, deuteranopia and tritanopia leave
 * any two grades 7 or more apart in CIEDE2000). Six grades cannot come from
 * the theme's success, warning and error colours: C and D shared warning's
 * hue, E and F error's. Every colour is 3:1 or more on the paper, the page,
 * a hovered or striped row and the score bars' track of Backstage's themes,
 * and its letter (see readableTextOn) 4.5:1 or more on it.
 */
const GRADE_COLOURS: Record<Theme['palette']['type'], Record<Grade, string>> = {
  light: {
    A: '#009c6c',
    B: '#248448',
    C: '#7e6600',
    D: '#84422a',
    E: '#721800',
    F: '#5a1242',
  },
  dark: {
    A: '#9cfc66',
    B: '#60f090',
    C: '#cccc00',
    D: '#eaae60',
    E: '#f6907e',
    F: '#d28ab4',
  },
};

/** The one neutral track of every score bar. */
export function scoreTrackColour(theme: Theme): string {
  return theme.palette.type === 'light'
    ? theme.palette.grey[200]
    : theme.palette.grey[900];
}

/** Each grade's colour, the one mapping of the grade badges and the score bars. */
export function gradeColour(theme: Theme, grade: Grade): string {
  return GRADE_COLOURS[theme.palette.type][grade];
}

/**
 * The badge of an entity without a grade: a grey 3:1 or more on the same
 * backgrounds (grey 500 was 2.3 to 2.7:1 on the light theme's, 3.0:1 on a
 * hovered row of the dark theme's).
 */
export function noGradeColour(theme: Theme): string {
  return theme.palette.type === 'light'
    ? theme.palette.grey[600]
    : theme.palette.grey[400];
}
