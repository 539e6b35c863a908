import { screen } from '@testing-library/react';
import {
  createTheme,
  getContrastRatio,
  ThemeProvider,
} from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { renderInTestApp } from '@backstage/test-utils';
import { gradeForScore } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { cssRgb, ruleBackgroundColours } from '../../__testUtils__/styleRules';
import { GradeBadge } from './GradeBadge';
import { opaqueOn } from './readableText';
import { ScoreBar } from './ScoreBar';

/** A score of each grade, A to F. */
const SCORES = [95, 85, 75, 65, 45, 20];

/** WCAG's minimum for the parts of a graphic (1.4.11). */
const AA_GRAPHICS = 3;

function bar(label: string): HTMLElement {
  return screen.getByLabelText(label).firstElementChild as HTMLElement;
}

/**
 * The background `element` shows: the last of the rules of highest
 * specificity (jsdom ignores it), the bar's own colours being a class
 * doubled over MUI's single ones.
 */
function shownBackground(element: Element): string {
  const rules = Array.from(document.styleSheets)
    .flatMap(sheet => Array.from(sheet.cssRules))
    .filter(
      (rule): rule is CSSStyleRule =>
        rule instanceof CSSStyleRule &&
        !rule.selectorText.includes(':') &&
        !rule.selectorText.includes(',') &&
        element.matches(rule.selectorText) &&
        Boolean(rule.style.backgroundColor),
    );
  const classes = (rule: CSSStyleRule) =>
    rule.selectorText.split('.').length - 1;
  const most = Math.max(...rules.map(classes));
  return rules.filter(rule => classes(rule) === most).at(-1)!.style
    .backgroundColor;
}

describe('ScoreBar', () => {
  it.each(SCORES.map(score => [gradeForScore(score), score]))(
    'draws a score of grade %s (%d) in the colour of its grade badge',
    async (grade, score) => {
      await renderInTestApp(
        <>
          <GradeBadge grade={grade} />
          <ScoreBar score={score} label="score" />
        </>,
      );
      const badge = screen.getByRole('img', { name: `Grade ${grade}` });
      expect(shownBackground(bar('score'))).toBe(
        window.getComputedStyle(badge).backgroundColor,
      );
    },
  );

  it('draws 0 as an empty bar on the neutral track that 100 fills', async () => {
    await renderInTestApp(
      <>
        <ScoreBar score={0} label="none" />
        <ScoreBar score={100} label="all" />
      </>,
    );
    const track = (label: string) =>
      ruleBackgroundColours(screen.getByLabelText(label));
    // The same track, in neither the grade's tint (a full-width pink bar
    // for 0) nor the primary colour's.
    expect(track('none')).toEqual(track('all'));
    expect(shownBackground(screen.getByLabelText('none'))).toBe(
      cssRgb(lightTheme.palette.grey[200]),
    );
    expect(bar('none').style.transform).toBe('translateX(-100%)');
    expect(bar('all').style.transform).toBe('translateX(0%)');
  });

  it.each([
    ['light', lightTheme],
    ['dark', darkTheme],
  ] as const)(
    'draws the bar of every grade 3:1 or more against the track in the %s theme',
    async (_name, theme) => {
      await renderInTestApp(
        <ThemeProvider theme={theme}>
          {SCORES.map(score => (
            <ScoreBar key={score} score={score} label={`${score}`} />
          ))}
        </ThemeProvider>,
      );
      const ratios = SCORES.map(score => [
        gradeForScore(score),
        getContrastRatio(
          shownBackground(bar(`${score}`)),
          shownBackground(screen.getByLabelText(`${score}`)),
        ),
      ]);
      expect(
        ratios.filter(([, ratio]) => (ratio as number) < AA_GRAPHICS),
      ).toEqual([]);
    },
  );

  it("judges a theme's translucent or hsl() colour as it shows on the track", async () => {
    // Green, 4.4:1 on the track when opaque, about 1.5:1 at 30%.
    const rgba = 'rgba(46, 125, 50, 0.3)';
    const hsla = 'hsla(123, 46%, 34%, 0.3)';
    // And an opaque yellow in hsl(), 1.1:1.
    const yellow = 'hsl(60, 100%, 50%)';
    const theme = createTheme({
      palette: {
        success: { main: rgba, dark: rgba, light: hsla },
        warning: { main: yellow, dark: yellow, light: yellow },
      },
    });
    await renderInTestApp(
      <ThemeProvider theme={theme}>
        <ScoreBar score={95} label="A" />
        <ScoreBar score={85} label="B" />
        <ScoreBar score={75} label="C" />
      </ThemeProvider>,
    );
    for (const grade of ['A', 'B', 'C']) {
      const track = shownBackground(screen.getByLabelText(grade));
      const shown = opaqueOn(shownBackground(bar(grade)), track);
      expect([grade, getContrastRatio(shown, track) >= AA_GRAPHICS]).toEqual([
        grade,
        true,
      ]);
    }
  });

  it("draws a theme's colour it cannot judge (a CSS variable) in its own shade of the grade, and its badge", async () => {
    // MUI takes a palette's colours as given when each shade and the text on them are written out.
    const variable = 'var(--brand-success)';
    const theme = createTheme({
      palette: {
        success: {
          main: variable,
          dark: variable,
          light: variable,
          contrastText: '#fff',
        },
      },
    });
    await renderInTestApp(
      <ThemeProvider theme={theme}>
        <ScoreBar score={95} label="A" />
        <GradeBadge grade="A" />
      </ThemeProvider>,
    );
    const track = shownBackground(screen.getByLabelText('A'));
    expect(
      getContrastRatio(shownBackground(bar('A')), track),
    ).toBeGreaterThanOrEqual(AA_GRAPHICS);
    expect(screen.getByRole('img', { name: 'Grade A' })).toBeVisible();
  });
});
