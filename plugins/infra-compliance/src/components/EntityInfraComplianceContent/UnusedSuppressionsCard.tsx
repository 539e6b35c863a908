import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { ScanUnusedSuppressions } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  BreakableId,
  CARD_TITLE_HEADING,
  useCardListStyles,
  useRuleCatalog,
} from '../shared';
import { NotListedCount } from './NotListedCount';
import { SourceLocationLink } from './SourceLocationLink';

/**
 * The in-code suppressions the last successful scan found unused: the
 * failure each was written for is fixed, and left in place it would hide
 * the same failure come back. Each with its rule, what it is written on,
 * and where, linked to the source as the findings are.
 */
export function UnusedSuppressionsCard(props: {
  /** The source location the scan read (see scannedLocation). */
  sourceLocation?: string;
  unusedSuppressions: ScanUnusedSuppressions;
}) {
  const { sourceLocation } = props;
  const { items, notListed = 0 } = props.unusedSuppressions;
  const { getRule } = useRuleCatalog();
  const classes = useCardListStyles();
  return (
    <InfoCard
      title={`Unused suppressions (${items.length + notListed})`}
      titleTypographyProps={CARD_TITLE_HEADING}
      subheader="Each of these no longer suppresses anything: remove it so a future regression is reported."
    >
      <Typography variant="body2" component="ul" className={classes.list}>
        {items.map(suppression => {
          const title = getRule(suppression.ruleId)?.title;
          return (
            <li
              key={`${suppression.file}:${suppression.line}:${suppression.ruleId}`}
            >
              {suppression.ruleId}
              {title && (
                <Typography
                  variant="body2"
                  component="span"
                  color="textSecondary"
                >
                  {' '}
                  ({title})
                </Typography>
              )}{' '}
              on <BreakableId id={suppression.resourceId} />, at{' '}
              <SourceLocationLink
                sourceLocation={sourceLocation}
                file={suppression.file}
                line={suppression.line}
              />
            </li>
          );
        })}
      </Typography>
      <NotListedCount count={notListed} />
    </InfoCard>
  );
}
