import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ResponseErrorPanel } from '@backstage/core-components';

/**
 * A request that failed, or went unanswered until the client's timeout, with
 * a way to ask again: a spinner or an error panel alone left a reload of the
 * whole page as the only way out.
 */
export function LoadError(props: {
  title?: string;
  error: Error;
  onRetry(): void;
}) {
  const { title, error, onRetry } = props;
  return (
    <>
      <ResponseErrorPanel title={title} error={error} />
      <Box mt={1}>
        <Button variant="outlined" onClick={onRetry}>
          Retry
        </Button>
      </Box>
    </>
  );
}
