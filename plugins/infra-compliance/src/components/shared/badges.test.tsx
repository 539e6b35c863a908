import { screen } from '@testing-library/react';
import {
  createTheme,
  getContrastRatio,
  ThemeProvider,
} from '@material-ui/core/styles';
import { renderInTestApp } from '@backstage/test-utils';
import {
  Grade,
  SEVERITIES,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { cssRgb, ruleBackgroundColours } from '../../__testUtils__/styleRules';
import { GradeBadge } from './GradeBadge';
import { SeverityChip } from './SeverityChip';

const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/** WCAG AA for normal text: a small badge's letter and a chip's label are not large text. */
const AA_NORMAL_TEXT = 4.5;

function contrastOf(element: HTMLElement): number {
  const style = window.getComputedStyle(element);
  return getContrastRatio(style.backgroundColor, style.color);
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

  it("takes the colours from the theme's palette, so that a custom theme recolours them", async () => {
    const theme = createTheme({
      palette: {
        success: { main: '#2e7d32', dark: '#0b5d1e' },
        error: { main: '#c62828', dark: '#5c0a14' },
      },
    });
    await renderInTestApp(
      <ThemeProvider theme={theme}>
        <GradeBadge grade="A" />
        <GradeBadge grade="F" />
        <SeverityChip severity="critical" />
      </ThemeProvider>,
    );
    expect(
      ruleBackgroundColours(screen.getByRole('img', { name: 'Grade A' })),
    ).toContain(cssRgb('#0b5d1e'));
    const gradeF = screen.getByRole('img', { name: 'Grade F' });
    expect(ruleBackgroundColours(gradeF)).toContain(cssRgb('#5c0a14'));
    expect(contrastOf(gradeF)).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
    // The chip around the label (a nested theme's class names are not global).
    const critical = screen.getByText('critical').parentElement!;
    expect(ruleBackgroundColours(critical)).toContain(cssRgb('#5c0a14'));
  });
});
