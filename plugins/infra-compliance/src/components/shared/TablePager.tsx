import {
  createContext,
  ReactElement,
  useContext,
  useEffect,
  useRef,
} from 'react';
import TablePagination, {
  TablePaginationProps,
} from '@material-ui/core/TablePagination';
import type { TablePaginationActionsProps } from '@material-ui/core/TablePagination/TablePaginationActions';

type RenderPagerButtons = (props: TablePaginationActionsProps) => ReactElement;

const PagerButtonsOfTable = createContext<RenderPagerButtons | undefined>(
  undefined,
);

/**
 * material-table's pager buttons, as one component for the table's life:
 * material-table hands over a new component function at each of its
 * renders, so that React put new buttons in at each one (a page loaded, a
 * count shown), and the button the user had pressed, and its focus, were
 * gone. Its function only lays out the buttons, so it is called here.
 */
function PagerButtons(props: TablePaginationActionsProps) {
  const render = useContext(PagerButtonsOfTable)!;
  return render(props);
}

/**
 * After the user paged: on the last page material-table disables "Next page"
 * and "Last page" (on the first, "Previous page" and "First page"), and the
 * button just pressed, now disabled, dropped the focus to the page's body. It
 * goes to the nearest pager button still enabled: "Previous page" on the last
 * page, "Next page" on the first. A focus the user moved elsewhere stays.
 */
function keepPagerFocus(pager: HTMLElement): void {
  // First, previous, next, last.
  const buttons = Array.from(pager.querySelectorAll('button'));
  const focused = document.activeElement;
  const dropped =
    !focused ||
    focused === document.body ||
    (pager.contains(focused) && focused.matches(':disabled'));
  if (!dropped || !buttons.some(button => button.disabled)) return;
  const enabled = buttons.filter(button => !button.disabled);
  const nearest = buttons.at(-1)?.disabled ? enabled.at(-1) : enabled[0];
  nearest?.focus();
}

/**
 * The pager of a paged table (its `components.Pagination`): MUI's, as
 * material-table's, whose buttons keep the focus while the user pages. None
 * on an empty table, where it only said "0-0 of 0".
 */
export function TablePager(props: TablePaginationProps) {
  const { ActionsComponent, onPageChange, page, count } = props;
  const root = useRef<HTMLTableCellElement>(null);
  const paged = useRef(false);
  useEffect(() => {
    // Only after the user's paging: a reload back to the first page (after a
    // scan) must not take the focus.
    if (!paged.current || !root.current) return;
    paged.current = false;
    keepPagerFocus(root.current);
  }, [page]);
  if (count === 0) return null;
  return (
    <PagerButtonsOfTable.Provider
      value={ActionsComponent as RenderPagerButtons | undefined}
    >
      <TablePagination
        {...props}
        ref={root}
        ActionsComponent={ActionsComponent && PagerButtons}
        onPageChange={(event, next) => {
          paged.current = true;
          onPageChange(event, next);
        }}
      />
    </PagerButtonsOfTable.Provider>
  );
}

/** A paged table's components: its pager. */
export const pagedTableComponents = { Pagination: TablePager };
