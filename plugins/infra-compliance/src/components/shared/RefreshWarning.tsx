import { RefObject, useLayoutEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { busyButtonProps } from './busyButtonProps';
import { formatTimeOfDay } from './format';

/** A read that failed, and when, if the one before it had failed too. */
interface Failure {
  read: number;
  againAt?: number;
}

interface RefreshWarningProps {
  retrying: boolean;
  onRetry(): void;
  resultsRef: RefObject<HTMLElement>;
}

/**
 * A read again of the results shown (after a scan, a waiver) that failed:
 * they stay, this says they may be out of date, with a way to ask again.
 * The whole page or card gave way to the error panel for a network blip.
 * Retry stays while it asks, busy, the keyboard's focus on it.
 *
 * Mounted with the results, `error` or not: the warning shows in a live
 * region there from the start, and a Retry that fails again says when
 * ("again at 14:03:27"), which a screen reader announces. The warning was a
 * live region added with its text, which not every screen reader announces,
 * and a Retry that failed again changed none of its text.
 *
 * `resultsRef` is the element of the results it is over, focusable
 * (tabIndex -1) and named: when the warning goes away with the focus in it
 * (its Retry, or the minute's read, succeeded), the focus goes there. It fell
 * to the page's body with the Retry button, and the next Tab started again
 * from the top of the page.
 */
export function RefreshWarning(
  props: RefreshWarningProps & {
    error: Error | undefined;
    /** The read `error` is of (useEntityScorecard's `failedRead`). */
    failedRead: number | undefined;
  },
) {
  const { error, failedRead, ...warningProps } = props;
  // Again by the read, not by its error: fetch makes one for each failed
  // request, a client that keeps its last error rethrows the same, and a
  // Retry that failed again said nothing new. Set in the render that shows
  // it.
  const [failure, setFailure] = useState<Failure>();
  const shownRead = error && failedRead;
  if (shownRead !== failure?.read) {
    setFailure(
      shownRead === undefined
        ? undefined
        : { read: shownRead, againAt: failure && Date.now() },
    );
  }
  return (
    // Atomic: "again at" alone said nothing of what failed again.
    <div
      aria-live="polite"
      aria-atomic="true"
      data-testid="infra-compliance-refresh-status"
    >
      {error && failure && (
        <Warning error={error} failure={failure} {...warningProps} />
      )}
    </div>
  );
}

function Warning(
  props: RefreshWarningProps & { error: Error; failure: Failure },
) {
  const { error, failure, retrying, onRetry, resultsRef } = props;
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
  const again =
    failure.againAt === undefined
      ? ''
      : ` (again at ${formatTimeOfDay(failure.againAt)})`;
  return (
    <Box mb={2}>
      {/* No live region of its own (MUI's alert): the one around it is. */}
      <Alert
        ref={warningRef}
        severity="warning"
        role="none"
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
        Could not refresh the results{again}: {error.message}. They may be out
        of date.
      </Alert>
    </Box>
  );
}
