import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ResponseErrorPanel } from '@backstage/core-components';
import { PanelTitlesAsH2, PanelTitlesAsH3 } from './headings';

/**
 * A request that failed, or went unanswered until the client's timeout, with
 * a way to ask again: a spinner or an error panel alone left a reload of the
 * whole page as the only way out. Its title is a heading of `headingLevel`:
 * 3 by default, inside a card under the card's title (the panel's own
 * Typography variant made it an h6 there), 2 where it stands for the cards.
 */
export function LoadError(props: {
  title?: string;
  error: Error;
  onRetry(): void;
  headingLevel?: 2 | 3;
}) {
  const { title, error, onRetry, headingLevel = 3 } = props;
  const Headings = headingLevel === 2 ? PanelTitlesAsH2 : PanelTitlesAsH3;
  return (
    <>
      <Headings>
        <ResponseErrorPanel title={title} error={error} />
      </Headings>
      <Box mt={1}>
        <Button variant="outlined" onClick={onRetry}>
          Retry
        </Button>
      </Box>
    </>
  );
}
