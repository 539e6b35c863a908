import { RefObject, useLayoutEffect, useRef } from 'react';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { busyButtonProps } from './busyButtonProps';

/**
 * A read again of the results shown (after a scan, a waiver) that failed:
 * they stay, this says they may be out of date, with a way to ask again.
 * The whole page or card gave way to the error panel for a network blip.
 * Retry stays while it asks, busy, the keyboard's focus on it.
 *
 * `resultsRef` is the element of the results it is over, focusable
 * (tabIndex -1): when the warning goes away with the focus in it (its
 * Retry, or the minute's read, succeeded), the focus goes there. It fell to
 * the page's body with the Retry button, and the next Tab started again
 * from the top of the page.
 */
export function RefreshWarning(props: {
  error: Error;
  retrying: boolean;
  onRetry(): void;
  resultsRef: RefObject<HTMLElement>;
}) {
  const { error, retrying, onRetry, resultsRef } = props;
  const warningRef = useRef<HTMLDivElement>(null);
  // A layout effect's cleanup: the warning is still on the page, the focus
  // still in it.
  useLayoutEffect(() => {
    const warning = warningRef.current;
    const results = resultsRef.current;
    return () => {
      if (warning?.contains(document.activeElement)) results?.focus();
    };
  }, [resultsRef]);
  return (
    <Alert
      ref={warningRef}
      severity="warning"
      role="status"
      action={
        <Button
          color="inherit"
          size="small"
          {...busyButtonProps(retrying, onRetry)}
        >
          Retry
        </Button>
      }
    >
      Could not refresh the results: {error.message}. They may be out of date.
    </Alert>
  );
}
