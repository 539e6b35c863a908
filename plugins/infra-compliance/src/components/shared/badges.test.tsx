import { screen } from '@testing-library/react';
import {
  createTheme,
  getContrastRatio,
  getLuminance,
  ThemeProvider,
} from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { renderInTestApp } from '@backstage/test-utils';
import {
  Grade,
  SEVERITIES,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { cssRgb, ruleBackgroundColours } from '../../__testUtils__/styleRules';
import { GradeBadge } from './GradeBadge';
import { opaqueOn } from './readableText';
import { SeverityChip } from './SeverityChip';

const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/** WCAG AA for normal text: a small badge's letter and a chip's label are not large text. */
const AA_NORMAL_TEXT = 4.5;

/** WCAG's minimum for the parts of a graphic (1.4.11): a badge on the page. */
const AA_GRAPHICS = 3;

/** The contrast of `element`'s text as painted on its background (the theme's dark text is 87% black). */
function contrastOf(element: HTMLElement): number {
  const style = window.getComputedStyle(element);
  return getContrastRatio(
    style.backgroundColor,
    opaqueOn(style.color, style.backgroundColor),
  );
}

describe('grade badges and severity chips', () => {
  it.each(GRADES.map(grade => [grade]))(
    'grade %s is readable on its colour',
    async grade => {
      await renderInTestApp(<GradeBadge grade={grade} />);
      const badge = screen.getByRole('img', { name: `Grade ${grade}` });
      expect(badge).toHaveTextContent(grade);
      expect(contrastOf(badge)).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
    },
  );

  it('the badge of an entity without a grade is readable too', async () => {
    await renderInTestApp(<GradeBadge grade={null} />);
    const badge = screen.getByRole('img', { name: 'No grade' });
    expect(contrastOf(badge)).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
  });

  it.each(SEVERITIES.map(severity => [severity]))(
    'severity %s is readable on its colour',
    async severity => {
      await renderInTestApp(<SeverityChip severity={severity} />);
      const chip = screen
        .getByText(severity)
        .closest<HTMLElement>('.MuiChip-root')!;
      // The label inherits the chip's colour.
      expect(contrastOf(chip)).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
    },
  );

  it.each([
    ['light', lightTheme],
    ['dark', darkTheme],
  ] as const)(
    'draws every grade in the %s theme readable, 3:1 or more on every background it is drawn on, and lighter than the grade below',
    async (_name, theme) => {
      await renderInTestApp(
        <ThemeProvider theme={theme}>
          {GRADES.map(grade => (
            <GradeBadge key={grade} grade={grade} />
          ))}
          <GradeBadge grade={null} />
        </ThemeProvider>,
      );
      const { paper, default: page } = theme.palette.background;
      const hovered = theme.palette.action.hover;
      const backgrounds = [
        paper,
        page,
        opaqueOn(hovered, paper),
        opaqueOn(hovered, page),
      ];
      const badges = [...GRADES.map(grade => `Grade ${grade}`), 'No grade'];
      const fills = badges.map(
        name =>
          window.getComputedStyle(screen.getByRole('img', { name }))
            .backgroundColor,
      );
      const shortfalls = badges.flatMap((name, i) => [
        ...(contrastOf(screen.getByRole('img', { name })) < AA_NORMAL_TEXT
          ? [`${name}: its letter`]
          : []),
        ...backgrounds
          .filter(
            background => getContrastRatio(fills[i], background) < AA_GRAPHICS,
          )
          .map(background => `${name} on ${background}`),
      ]);
      expect(shortfalls).toEqual([]);
      // Told apart by lightness, not hue alone: each grade 1.1:1 or more lighter than the next.
      const luminance = fills.map(fill => getLuminance(fill));
      const steps = GRADES.slice(1).map((grade, i) => [
        `${GRADES[i]} over ${grade}`,
        luminance[i] > luminance[i + 1] &&
          getContrastRatio(fills[i], fills[i + 1]) >= 1.1,
      ]);
      expect(steps.filter(([, lighter]) => !lighter)).toEqual([]);
    },
  );

  it("takes the severities' colours from the theme's palette, so that a custom theme recolours them", async () => {
    const theme = createTheme({
      palette: { error: { main: '#c62828', dark: '#5c0a14' } },
    });
    await renderInTestApp(
      <ThemeProvider theme={theme}>
        <SeverityChip severity="critical" />
      </ThemeProvider>,
    );
    // The chip around the label (a nested theme's class names are not global).
    const critical = screen.getByText('critical').parentElement!;
    expect(ruleBackgroundColours(critical)).toContain(cssRgb('#5c0a14'));
  });
});
