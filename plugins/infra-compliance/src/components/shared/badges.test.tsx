import { screen } from '@testing-library/react';
import { getContrastRatio } from '@material-ui/core/styles';
import { renderInTestApp } from '@backstage/test-utils';
import {
  Grade,
  SEVERITIES,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
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
});
