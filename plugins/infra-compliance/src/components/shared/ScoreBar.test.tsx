import { screen } from '@testing-library/react';
import { getContrastRatio, ThemeProvider } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { renderInTestApp } from '@backstage/test-utils';
import { gradeForScore } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { cssRgb, ruleBackgroundColours } from '../../__testUtils__/styleRules';
import { GradeBadge } from './GradeBadge';
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
});
