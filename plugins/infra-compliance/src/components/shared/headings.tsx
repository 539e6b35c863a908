import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { Theme, ThemeProvider } from '@material-ui/core/styles';

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

/** The theme around, with the variants of Backstage's panel titles as headings of `level`. */
function panelTitlesAs(level: 2 | 3) {
  return (outer: Theme): Theme => {
    const typography = outer.props?.MuiTypography;
    return {
      ...outer,
      props: {
        ...outer.props,
        MuiTypography: {
          ...typography,
          variantMapping: {
            ...typography?.variantMapping,
            h5: `h${level}`,
            subtitle1: `h${level}`,
          },
        },
      },
    };
  };
}

const panelTitlesAsH2 = panelTitlesAs(2);
const panelTitlesAsH3 = panelTitlesAs(3);

/**
 * Backstage's EmptyState and WarningPanel (ResponseErrorPanel's too) in it
 * titled with headings of level 2, as the cards beside them: they take no
 * heading level, and their titles' Typography variants alone made an h5
 * (EmptyState) and an h6 (WarningPanel) right under the entity page's h1.
 * Only the element changes, the variant's look stays the theme's. Around
 * those alone: any other h5 or subtitle1 in it would become an h2 too.
 */
export function PanelTitlesAsH2(props: { children: ReactNode }) {
  return (
    <ThemeProvider theme={panelTitlesAsH2}>{props.children}</ThemeProvider>
  );
}

/**
 * As {@link PanelTitlesAsH2}, with headings of level 3: for a panel inside a
 * card, under the card's title (h2).
 */
export function PanelTitlesAsH3(props: { children: ReactNode }) {
  return (
    <ThemeProvider theme={panelTitlesAsH3}>{props.children}</ThemeProvider>
  );
}
