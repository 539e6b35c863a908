import {
  darken,
  decomposeColor,
  getContrastRatio,
  getLuminance,
  hslToRgb,
  lighten,
  recomposeColor,
  Theme,
} from '@material-ui/core/styles';

const LIGHT_TEXT = '#fff';
const DARK_TEXT = 'rgba(0, 0, 0, 0.87)';

/** WCAG AA for normal text. */
const AA_NORMAL_TEXT = 4.5;

/**
 * White or near-black, whichever reads better on `background`: white on the
 * yellow of grade C or of a medium finding was under 2:1, far from WCAG AA.
 */
export function readableTextOn(background: string): string {
  try {
    return getContrastRatio(background, LIGHT_TEXT) >=
      getContrastRatio(background, DARK_TEXT)
      ? LIGHT_TEXT
      : DARK_TEXT;
  } catch {
    // A background MUI cannot read (a custom theme's CSS variable): the theme's usual text.
    return DARK_TEXT;
  }
}

/**
 * `colour` as it shows on the opaque `background`, its alpha blended in and
 * rounded to whole channels as a browser paints it: getContrastRatio ignores
 * alpha, and reads the theme's 54% black as black.
 */
export function opaqueOn(colour: string, background: string): string {
  const { values } = decomposeColor(inRgb(colour));
  const alpha = values[3] ?? 1;
  const under = decomposeColor(inRgb(background)).values;
  const blend = (i: number) =>
    Math.round(values[i] * alpha + under[i] * (1 - alpha));
  return recomposeColor({
    type: 'rgb',
    values: [blend(0), blend(1), blend(2)],
  });
}

/**
 * The contrast of `colour` as it shows on `background` (see {@link opaqueOn});
 * 0 for a colour MUI cannot read, such as a CSS variable or name a custom
 * theme may give, which would otherwise throw while the page renders.
 */
export function contrastOn(colour: string, background: string): number {
  try {
    return getContrastRatio(opaqueOn(colour, background), background);
  } catch {
    return 0;
  }
}

/** `colour` in red, green and blue: the channels of an hsl() one are no such values to blend. */
function inRgb(colour: string): string {
  return decomposeColor(colour).type.startsWith('hsl')
    ? hslToRgb(colour)
    : colour;
}

/**
 * What secondary text shows on: a Backstage table's rows (the paper, a
 * striped row, a hovered row) and the page around the cards (the theme's
 * background.default). In an app that loads Backstage UI's stylesheet, as
 * this repository's does, the page is its app background instead, which the
 * MUI theme does not give: #f5f5f5 in the light theme, the grey of a hovered
 * row (black at 4% on white), and #333333 in the dark one, where light text
 * reads better than on any of these.
 */
function secondaryTextBackgrounds(theme: Theme): string[] {
  const { paper, default: page } = theme.palette.background;
  return [paper, page, opaqueOn(theme.palette.action.hover, paper)];
}

/**
 * The theme's grey for secondary text (a caption under a cell's value, a
 * finding's notes, the findings' filter labels) that reaches WCAG AA on
 * every row of a table and on the page. In Backstage's light theme
 * text.secondary (black at 54%) is 4.53:1 on a striped row and 4.48:1 on a
 * hovered one and on Backstage UI's page; its textSubtle, which Backstage's
 * own SubvalueCell gives the captions of its tables, is 4.7:1 at worst.
 * Failing both (a custom theme), the primary text colour.
 */
export function readableSecondaryText(theme: Theme): string {
  const { text, textSubtle } = theme.palette;
  const backgrounds = secondaryTextBackgrounds(theme);
  const readable = (colour: string) =>
    backgrounds.every(
      background => contrastOn(colour, background) >= AA_NORMAL_TEXT,
    );
  return (
    [text.secondary, textSubtle].find(
      colour => colour !== undefined && readable(colour),
    ) ?? text.primary
  );
}

/**
 * The theme's red for an error said in text (a field's message and label)
 * that reaches WCAG AA on `background` (the paper by default: a dialog's):
 * MUI gives the main red, 3.7:1 on Backstage's light paper and 2.7:1 on its
 * dark one. The first of its main, dark and light tones that does, else its
 * main red made lighter (on a dark background) or darker, a tenth at a time;
 * the primary text colour for a red MUI cannot read.
 */
export function readableErrorText(
  theme: Theme,
  background: string = theme.palette.background.paper,
): string {
  const { error, text } = theme.palette;
  const readable = (colour: string) =>
    contrastOn(colour, background) >= AA_NORMAL_TEXT;
  const tone = [error.main, error.dark, error.light].find(readable);
  if (tone) return tone;
  try {
    const towards = getLuminance(inRgb(background)) < 0.5 ? lighten : darken;
    for (let step = 1; step <= 10; step++) {
      const colour = towards(inRgb(error.main), step / 10);
      if (readable(colour)) return colour;
    }
  } catch {
    // A colour MUI cannot read (a custom theme's CSS variable).
  }
  return text.primary;
}
