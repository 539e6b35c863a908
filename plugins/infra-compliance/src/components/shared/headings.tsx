import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';

/**
 * An InfoCard's title as a heading of level 2, under the page's title (h1),
 * beside the tables' titles (h2): MUI's CardHeader made it a span, and the
 * headings in the cards (subtitle2, an h6 by default) followed the page's h1
 * with an h6.
 */
export const CARD_TITLE_HEADING = { component: 'h2' } as const;

/** A heading inside a card (level 3, under the card's title). */
export function CardSubheading(props: {
  children: ReactNode;
  className?: string;
}) {
  return (
    <Typography variant="subtitle2" component="h3" className={props.className}>
      {props.children}
    </Typography>
  );
}
