import { useCallback, useMemo, useState } from 'react';
import ButtonBase from '@material-ui/core/ButtonBase';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { Category } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import useAsync from 'react-use/esm/useAsync';
import {
  infraComplianceApiRef,
  OverviewItem,
  OverviewQuery,
  OwnerSummary,
  OwnersQuery,
} from '../../api';
import {
  GradeBadge,
  OpenedResolvedBars,
  SCORED_CATEGORIES,
  ScoreFormulaInfo,
  formatDay,
  pagedTableComponents,
  pagedTableData,
  pagedTableOptions,
  RollupSummary,
  RuleCatalogProvider,
  SecondaryText,
  serviceLink,
  shortRef,
  useFocusRingStyles,
  useQueryFilters,
  useRuleCatalog,
} from '../shared';

/** Column headers narrow enough for six category columns. */
const SHORT_CATEGORY_TITLES: Partial<Record<Category, string>> = {
  dlq: 'DLQ',
  encryption: 'Enc.',
  iam: 'IAM',
  logging: 'Logs',
  operations: 'Ops',
};

/** Numeric columns with little padding, so that all of them fit. */
function narrowColumn(theme: Theme) {
  const padding = theme.spacing(0.75, 1);
  return { cellStyle: { padding }, headerStyle: { padding } };
}

type NarrowColumn = ReturnType<typeof narrowColumn>;

const useStyles = makeStyles(theme => ({
  ruleId: {
    font: 'inherit',
    fontWeight: 'bold',
    verticalAlign: 'baseline',
    textDecoration: 'underline dotted',
    cursor: 'help',
  },
  // The theme's paper, not the default tooltip's translucent grey: the list
  // under a rule's explanation showed through its lines.
  ruleTooltip: {
    maxWidth: 400,
    padding: theme.spacing(1, 1.5),
    color: theme.palette.text.primary,
    backgroundColor: theme.palette.background.paper,
    border: `1px solid ${theme.palette.divider}`,
    boxShadow: theme.shadows[4],
  },
  score: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    whiteSpace: 'nowrap',
  },
  orgFigures: { marginTop: theme.spacing(1) },
}));

/** The line under a service's name: its system (and owner, when the Owner column is hidden) and its last scan. */
function serviceCaption(item: OverviewItem, withOwner: boolean): string {
  const owner = withOwner ? ` · ${shortRef(item.owner)}` : '';
  return `${shortRef(item.system)}${owner} · ${lastScanText(item)}`;
}

function lastScanText(item: OverviewItem): string {
  if (!item.scannable) return 'not scannable';
  if (!item.lastScanAt) return 'not scanned yet';
  const failed = item.lastScanStatus === 'failed' ? ' (failed)' : '';
  const noCode =
    item.lastSuccessFilesScanned === 0 ? ', no infrastructure code found' : '';
  return `scanned ${formatDay(item.lastScanAt)}${failed}${noCode}`;
}

/** The services table's search, `?q=` in the page's address. */
const SERVICE_FILTER_DEFAULTS = { q: '' };

function readServiceFilters(query: URLSearchParams) {
  return { q: query.get('q') ?? '' };
}

/** The API's sort key for each sortable column of the services table. */
const SERVICE_SORT: Record<string, NonNullable<OverviewQuery['sort']>> = {
  name: 'name',
  score: 'score',
  owner: 'owner',
  'open.total': 'open',
};

/** The API's sort key for each sortable column of the teams table (best average first without one). */
const OWNER_SORT: Record<string, NonNullable<OwnersQuery['sort']>> = {
  owner: 'owner',
  averageScore: 'score',
  entityCount: 'entities',
  'open.critical': 'critical',
  'open.total': 'open',
};

/** How many of a team's services have a score: short, to fit under the team's name in a narrow column. */
function scannedOfServices(row: OwnerSummary): string {
  return `${row.scannedCount} of ${row.entityCount} scanned`;
}

/**
 * The teams table's columns; with `countsUnderTeam` (a narrow page) the
 * service counts go under the team's name, so that the Open column fits.
 */
function ownerColumns(
  countsUnderTeam: boolean,
  narrow: NarrowColumn,
): TableColumn<OwnerSummary>[] {
  return [
    {
      title: 'Team',
      field: 'owner',
      cellStyle: { minWidth: 140 },
      render: row => (
        <>
          {row.owner ? shortRef(row.owner) : 'unowned'}
          {countsUnderTeam && (
            <SecondaryText variant="caption" display="block">
              {scannedOfServices(row)}
            </SecondaryText>
          )}
        </>
      ),
    },
    { title: 'Avg score', field: 'averageScore', type: 'numeric', ...narrow },
    {
      title: 'Services',
      field: 'entityCount',
      type: 'numeric',
      hidden: countsUnderTeam,
      ...narrow,
    },
    {
      title: 'Scanned',
      field: 'scannedCount',
      type: 'numeric',
      sorting: false,
      hidden: countsUnderTeam,
      ...narrow,
    },
    { title: 'Critical', field: 'open.critical', type: 'numeric', ...narrow },
    { title: 'Open', field: 'open.total', type: 'numeric', ...narrow },
  ];
}

/**
 * A rule's id with, on hover or keyboard focus, its title, why it matters and
 * what to change (from the rules the backend runs), so that a rule failing
 * across the catalog can be understood without opening a service.
 */
function RuleId(props: { ruleId: string }) {
  const rule = useRuleCatalog().getRule(props.ruleId);
  const classes = useStyles();
  if (!rule) return <strong>{props.ruleId}</strong>;
  return (
    <Tooltip
      classes={{ tooltip: classes.ruleTooltip }}
      title={
        <>
          <Typography variant="subtitle2">{rule.title}</Typography>
          <Typography variant="body2" paragraph>
            {rule.rationale}
          </Typography>
          <Typography variant="body2">
            <strong>What to change:</strong> {rule.remediation.summary}
          </Typography>
        </>
      }
    >
      {/* A button, so that a keyboard reaches it and focus shows the tooltip. */}
      <ButtonBase disableRipple className={classes.ruleId}>
        {props.ruleId}
      </ButtonBase>
    </Tooltip>
  );
}

/** Every scanned service with grades, teams, failing rules and the trend. */
export function InfraCompliancePage() {
  return (
    <RuleCatalogProvider>
      <OrganisationOverview />
    </RuleCatalogProvider>
  );
}

function OrganisationOverview() {
  const api = useApi(infraComplianceApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const rollup = useAsync(() => api.getRollup(), [api]);
  const focusRing = useFocusRingStyles();
  const classes = useStyles();
  const theme = useTheme();
  const narrow = useMemo(() => narrowColumn(theme), [theme]);
  // One error per table: one table loading must not hide the other's failure.
  const [servicesError, setServicesError] = useState<Error>();
  // The services the table's search found, not the catalog's count.
  const [servicesTotal, setServicesTotal] = useState<number>();
  const [ownersError, setOwnersError] = useState<Error>();
  const [{ q: serviceSearch }, setServiceFilters, serviceAddressChanges] =
    useQueryFilters(SERVICE_FILTER_DEFAULTS, readServiceFilters);
  const onServicesState = useCallback(
    (state: { search?: string }) =>
      setServiceFilters({ q: state.search ?? '' }),
    [setServiceFilters],
  );
  // Stable across renders: the tables keep their page and sort.
  const [services, owners] = useMemo(
    () =>
      [
        pagedTableData(api.listEntities.bind(api), SERVICE_SORT, {
          onLoad: page => {
            setServicesError(undefined);
            setServicesTotal(page.totalCount);
          },
          onError: error => {
            setServicesError(error);
            // The count was the previous search's: the table is now empty.
            setServicesTotal(undefined);
          },
          rowId: item => item.entityRef,
        }),
        pagedTableData(api.listOwners.bind(api), OWNER_SORT, {
          onLoad: () => setOwnersError(undefined),
          onError: setOwnersError,
          rowId: row => row.owner ?? '',
        }),
      ] as const,
    [api],
  );

  // Below the large breakpoint (a 1024px window beside the sidebar) the
  // services table is wider than the page: the owner moves under the name
  // (the teams table ranks owners), so that the Open column stays in view;
  // below the medium one the category scores go too (each service's
  // Compliance tab has them).
  const ownerUnderName = useMediaQuery(theme.breakpoints.down('md'), {
    noSsr: true,
  });
  const categoriesHidden = useMediaQuery(theme.breakpoints.down('sm'), {
    noSsr: true,
  });
  const serviceColumns = useMemo(
    (): TableColumn<OverviewItem>[] => [
      {
        title: 'Service',
        field: 'name',
        highlight: true,
        cellStyle: { minWidth: 220 },
        render: item => (
          <>
            <Link
              to={serviceLink(
                entityRoute({
                  kind: item.kind,
                  namespace: item.namespace,
                  name: item.name,
                }),
                item,
              )}
            >
              {item.title ?? item.name}
            </Link>
            <SecondaryText variant="caption" display="block">
              {serviceCaption(item, ownerUnderName)}
            </SecondaryText>
          </>
        ),
      },
      {
        // The grade beside the score, not a column of its own: with every
        // category the table was wider than a 1100px window.
        title: 'Score',
        field: 'score',
        type: 'numeric',
        ...narrow,
        render: item => (
          <span className={classes.score}>
            <GradeBadge grade={item.grade} />
            {item.score}
          </span>
        ),
      },
      {
        title: 'Owner',
        field: 'owner',
        hidden: ownerUnderName,
        render: item => shortRef(item.owner),
      },
      ...SCORED_CATEGORIES.map(
        ({ id, title }): TableColumn<OverviewItem> => ({
          title: (
            <abbr title={title}>{SHORT_CATEGORY_TITLES[id] ?? title}</abbr>
          ),
          field: `categoryScores.${id}`,
          type: 'numeric',
          sorting: false,
          hidden: categoriesHidden,
          ...narrow,
          render: item => item.categoryScores?.[id] ?? 'n/a',
        }),
      ),
      {
        title: 'Open',
        field: 'open.total',
        type: 'numeric',
        ...narrow,
      },
    ],
    [entityRoute, ownerUnderName, categoriesHidden, narrow, classes.score],
  );
  // Below the medium breakpoint (a 700px window leaves the teams table 428px
  // of the 619px it needs) the service counts move under the team's name.
  const teamColumns = useMemo(
    () => ownerColumns(categoriesHidden, narrow),
    [categoriesHidden, narrow],
  );

  // The catalog roll-up feeds a summary and the rules failing most above the
  // tables, and the trend beside the teams.
  let rollupCards;
  let trendCard;
  if (rollup.loading) {
    rollupCards = (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  } else if (rollup.error) {
    rollupCards = (
      <Grid item xs={12}>
        <ResponseErrorPanel error={rollup.error} />
      </Grid>
    );
  } else if (rollup.value) {
    const { topRules, timeline, resolvedTotal, waived } = rollup.value;
    rollupCards = (
      <>
        <Grid item xs={12} md={6}>
          <InfoCard title="Organisation" variant="gridItem">
            <div data-testid="infra-compliance-org-summary">
              <RollupSummary rollup={rollup.value} />
              <Typography
                variant="body2"
                color="textSecondary"
                className={classes.orgFigures}
              >
                {`${resolvedTotal ?? 0} ${
                  resolvedTotal === 1 ? 'finding' : 'findings'
                } resolved by scans · ${waived ?? 0} waived`}
              </Typography>
            </div>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Rules failing most" variant="gridItem">
            {topRules.length === 0 ? (
              <Typography variant="body2">No open findings.</Typography>
            ) : (
              <ol data-testid="infra-compliance-top-rules">
                {topRules.map(rule => (
                  <li key={rule.ruleId}>
                    <Typography variant="body2">
                      <RuleId ruleId={rule.ruleId} /> {rule.title} — {rule.open}{' '}
                      open
                    </Typography>
                  </li>
                ))}
              </ol>
            )}
          </InfoCard>
        </Grid>
      </>
    );
    trendCard = (
      <Grid item xs={12} xl={5}>
        <InfoCard
          title="Open vs resolved over time"
          subheader="Findings opened (up) and resolved (down) per day"
        >
          <OpenedResolvedBars timeline={timeline} />
        </InfoCard>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Infra compliance"
        subtitle="Infrastructure-as-code findings and scorecards across the catalog"
      />
      <Content className={focusRing.root}>
        <ContentHeader title="Organisation overview">
          <ScoreFormulaInfo />
        </ContentHeader>
        <Grid container spacing={3}>
          {rollupCards}
          {servicesError && (
            <Grid item xs={12}>
              <ResponseErrorPanel error={servicesError} />
            </Grid>
          )}
          <Grid item xs={12}>
            <Table<OverviewItem>
              // Remounted on a search that Back or Forward brings to the
              // address: the table keeps its own from when it mounted.
              key={serviceAddressChanges}
              title={
                servicesTotal === undefined
                  ? 'Services'
                  : `Services (${servicesTotal})`
              }
              data={services}
              columns={serviceColumns}
              // The search of the page's address; each change goes back to
              // it. material-table reads `searchText` when it mounts only.
              options={{
                ...pagedTableOptions(20, true),
                searchText: serviceSearch,
              }}
              initialState={{ search: serviceSearch }}
              onStateChange={onServicesState}
              components={pagedTableComponents}
            />
          </Grid>
          {/* Beside the trend only on an extra-large page: at 7/12 of a
              1280px one (578px) the teams table needs 619px. */}
          <Grid item xs={12} xl={7}>
            {ownersError && <ResponseErrorPanel error={ownersError} />}
            <Table<OwnerSummary>
              title="Teams leaderboard"
              data={owners}
              columns={teamColumns}
              options={pagedTableOptions(10, false)}
              components={pagedTableComponents}
            />
          </Grid>
          {trendCard}
        </Grid>
      </Content>
    </Page>
  );
}
