/**
 * Off screen but read by a screen reader, as MUI 5's `visuallyHidden` (MUI
 * 4 has none): for a makeStyles class.
 */
export const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
