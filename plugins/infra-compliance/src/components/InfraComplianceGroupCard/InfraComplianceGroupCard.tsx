import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraComplianceApiRef, OverviewItem } from '../../api';
import {
  CARD_TITLE_HEADING,
  CardSubheading,
  GradeBadge,
  LoadError,
  OPENED_RESOLVED_TITLE,
  OpenedResolvedBars,
  RollupSummary,
  noScoreReason,
  serviceLink,
  useFocusRingStyles,
} from '../shared';

function serviceSummary(service: OverviewItem): string {
  if (service.score !== null) {
    return `${service.score} / 100 · ${service.open?.total ?? 0} open`;
  }
  if (!service.scannable) return 'Not scannable';
  return noScoreReason(service);
}

const useStyles = makeStyles({
  // Backstage's theme keeps a dense list item's text on one line, clipped
  // without an ellipsis (its ellipsis is on the item, not on the lines in
  // it): at 1024px two services read "projectX data pipeline in Terraform
  // (seed 0". Each line wraps instead.
  wrapped: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
});

/**
 * Services listed on the card, those needing attention first: a failed scan,
 * then the lowest scores (the backend's `attention` sort).
 */
const SERVICES_SHOWN = 100;

/** A group's services with their grades, open findings by severity, trend and MTTR. */
export function InfraComplianceGroupCard() {
  const { entity } = useEntity();
  const api = useApi(infraComplianceApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const focusRing = useFocusRingStyles();
  const classes = useStyles();
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const rollup = await api.getGroupRollup({ namespace, name });
    const services = await api.listEntities({
      owner: rollup.groups,
      sort: 'attention',
      limit: SERVICES_SHOWN,
    });
    return { rollup, services: services.items, total: services.totalCount };
  }, [api, namespace, name]);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <LoadError error={error} onRetry={retry} />;
  } else if (value && value.total === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        This team and its child teams own no service that Infra Compliance
        tracks: services appear here once the catalog names one of these teams
        as their owner.
      </Typography>
    );
  } else if (value) {
    const { rollup, services, total } = value;
    body = (
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <RollupSummary rollup={rollup} />
          <Box mt={2}>
            <CardSubheading>{OPENED_RESOLVED_TITLE}</CardSubheading>
            <OpenedResolvedBars timeline={rollup.timeline} />
          </Box>
        </Grid>
        <Grid item xs={12} md={6}>
          <CardSubheading>
            {total > services.length
              ? `Services: the ${services.length} needing most attention of ${total}`
              : 'Services'}
          </CardSubheading>
          <List dense>
            {services.map(service => (
              <ListItem key={service.entityRef}>
                <ListItemIcon>
                  <GradeBadge grade={service.grade} />
                </ListItemIcon>
                <ListItemText
                  primaryTypographyProps={{ className: classes.wrapped }}
                  secondaryTypographyProps={{ className: classes.wrapped }}
                  primary={
                    <Link
                      to={serviceLink(
                        entityRoute(
                          entityRouteParams(service, { encodeParams: true }),
                        ),
                        service,
                      )}
                    >
                      {service.title ?? service.name}
                    </Link>
                  }
                  secondary={serviceSummary(service)}
                />
              </ListItem>
            ))}
          </List>
        </Grid>
      </Grid>
    );
  }
  return (
    <InfoCard
      title="Infra compliance"
      titleTypographyProps={CARD_TITLE_HEADING}
      className={focusRing.root}
    >
      <div data-testid="infra-compliance-group-card">{body}</div>
    </InfoCard>
  );
}
