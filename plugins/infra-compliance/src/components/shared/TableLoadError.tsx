import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { Status } from './Status';

/**
 * A remote table's failed request, in its empty state with a way to ask
 * again: above the table, the error left the table under it saying there was
 * nothing to show ("No findings match these filters"), which was not so.
 */
export function TableLoadError(props: {
  /** What the table lists, as in "Could not load the findings". */
  what: string;
  error: Error;
  onRetry(): void;
}) {
  const { what, error, onRetry } = props;
  return (
    <Box display="flex" flexDirection="column" alignItems="center">
      <Status kind="error">
        Could not load the {what}: {error.message}
      </Status>
      <Box mt={1}>
        <Button size="small" variant="outlined" onClick={onRetry}>
          Retry
        </Button>
      </Box>
    </Box>
  );
}
