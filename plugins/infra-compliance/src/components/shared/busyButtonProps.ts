/**
 * The props of a button that says it is busy (a scan running, a file on its
 * way) without being disabled: a browser drops the focus of a button that
 * becomes disabled to the page's body, and the keyboard user who pressed it
 * had to tab again from the top of the page. It is aria-disabled, has MUI's
 * disabled look (its global Mui-disabled class), and a press does nothing.
 */
export function busyButtonProps(busy: boolean, onClick: () => void) {
  return {
    'aria-disabled': busy || undefined,
    className: busy ? 'Mui-disabled' : undefined,
    onClick: busy ? undefined : onClick,
  };
}
