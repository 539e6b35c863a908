import { getContrastRatio } from '@material-ui/core/styles';

const LIGHT_TEXT = '#fff';
const DARK_TEXT = 'rgba(0, 0, 0, 0.87)';

/**
 * White or near-black, whichever reads better on `background`: white on the
 * yellow of grade C or of a medium finding was under 2:1, far from WCAG AA.
 */
export function readableTextOn(background: string): string {
  return getContrastRatio(background, LIGHT_TEXT) >=
    getContrastRatio(background, DARK_TEXT)
    ? LIGHT_TEXT
    : DARK_TEXT;
}
