import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { busyButtonProps } from './busyButtonProps';

/**
 * A read again of the results shown (after a scan, a waiver) that failed:
 * they stay, this says they may be out of date, with a way to ask again.
 * The whole page or card gave way to the error panel for a network blip.
 * Retry stays while it asks, busy, the keyboard's focus on it.
 */
export function RefreshWarning(props: {
  error: Error;
  retrying: boolean;
  onRetry(): void;
}) {
  const { error, retrying, onRetry } = props;
  return (
    <Alert
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
