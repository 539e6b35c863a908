import { useCallback, useMemo, useRef, useState } from 'react';
import Button from '@material-ui/core/Button';
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
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { Category } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { useLocation } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  infraComplianceApiRef,
  OverviewItem,
  OverviewQuery,
  OwnerSummary,
  OwnersQuery,
} from '../../api';
import {
  CARD_TITLE_HEADING,
  GradeBadge,
  LoadError,
  OPENED_RESOLVED_TITLE,
  OpenedResolvedBars,
  SCORED_CATEGORIES,
  ScoreFormulaInfo,
  formatLocalDay,
  noCodeRead,
  pagedTableComponents,
  pagedTableData,
  pagedTableOptions,
  readTablePaging,
  requestedPaging,
  RollupSummary,
  RuleCatalogProvider,
  SecondaryText,
  serviceLink,
  ShownTableSort,
  sortedAs,
  TABLE_PAGE_SIZES,
  TABLE_PAGING,
  useFocusRingStyles,
  useQueryFilters,
  useRuleCatalog,
  useTableReload,
  visuallyHidden,
  WHOLE_WORDS,
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
function narrowColumn(theme: Theme, sidePadding = 1) {
  const padding = theme.spacing(0.75, sidePadding);
  return { cellStyle: { padding }, headerStyle: { padding } };
}

type NarrowColumn = ReturnType<typeof narrowColumn>;

const useStyles = makeStyles(theme => ({
  // Sort arrows without their side margins: with an arrow in each of the ten
  // sortable columns the services table was wider than a 1024px window, Open
  // out of view. The arrow is the sort button's icon (no class name to go by:
  // MUI's are generated).
  servicesTable: {
    '& th [role="button"] > svg': { marginLeft: 0, marginRight: 0 },
  },
  // Text with an explanation, as an abbreviation shows: not a button, which
  // did nothing when pressed.
  ruleId: {
    fontWeight: 'bold',
    textDecoration: 'underline dotted',
    cursor: 'help',
    // The page's focus ring (useFocusRingStyles), which rings MUI's controls only.
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
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
  ruleFilter: { marginBottom: theme.spacing(1) },
  // A rule id in a column's heading: broken at its hyphen, "DLQ-" over "001".
  noWrap: { whiteSpace: 'nowrap' },
  announcement: visuallyHidden,
}));

/**
 * An entity the catalog names (a service's owner or system) as the catalog
 * shows it: its title or display name, linked to its page; "—" for none.
 * `underline` for a link among other words (a service's caption), which its
 * colour alone does not tell from them.
 */
function CatalogName(props: {
  entityRef?: string;
  defaultKind: string;
  underline?: 'always';
}) {
  if (!props.entityRef) return <>—</>;
  return (
    <EntityRefLink
      entityRef={props.entityRef}
      defaultKind={props.defaultKind}
      hideIcon
      underline={props.underline}
    />
  );
}

/** The line under a service's name: its system (and owner, when the Owner column is hidden) and its last scan. */
function ServiceCaption(props: { item: OverviewItem; withOwner: boolean }) {
  const { item, withOwner } = props;
  return (
    <SecondaryText variant="caption" display="block">
      {/* Underlined: link blue on the caption's grey is 1.5:1 in the light
          theme, 1.7:1 in the dark one, under the 3:1 that would let colour
          alone mark a link (WCAG 1.4.1). */}
      <CatalogName
        entityRef={item.system}
        defaultKind="system"
        underline="always"
      />
      {withOwner && (
        <>
          {' · '}
          <CatalogName
            entityRef={item.owner}
            defaultKind="group"
            underline="always"
          />
        </>
      )}
      {` · ${lastScanText(item)}`}
    </SecondaryText>
  );
}

function lastScanText(item: OverviewItem): string {
  if (!item.scannable) return 'not scannable';
  if (!item.lastScanAt) return 'not scanned yet';
  const failed = item.lastScanStatus === 'failed' ? ' (failed)' : '';
  const noCodeText = noCodeRead(item);
  const noCode = noCodeText ? `, ${noCodeText.toLowerCase()}` : '';
  return `scanned ${formatLocalDay(item.lastScanAt)}${failed}${noCode}`;
}

/** What the services table says when it has no row. */
function servicesEmptyText(
  error: Error | undefined,
  search: string,
  rule: string,
): string {
  if (error) return 'The services could not be loaded.';
  const failing = rule ? ` with open ${rule} findings` : '';
  if (search) return `No service${failing} matches "${search}".`;
  if (rule) return `No service has open ${rule} findings.`;
  return 'No service yet.';
}

/** The API's sort key for each sortable column of the services table. */
const SERVICE_SORT: Record<string, NonNullable<OverviewQuery['sort']>> = {
  name: 'name',
  score: 'score',
  owner: 'owner',
  'open.total': 'open',
  ...Object.fromEntries(
    SCORED_CATEGORIES.map(({ id }) => [
      `categoryScores.${id}`,
      `score.${id}` as const,
    ]),
  ),
};

/**
 * The services table's search, page, page size and sort in the page's
 * address (`?q=orders&page=3`): Back from a service opened on page 3 came
 * back to the first page, in the API's order.
 */
const SERVICE_FILTER_DEFAULTS: {
  q: string;
  /** A rule id: the services with open findings of it only (from the rules failing most). */
  rule: string;
  page: string;
  size: string;
  sort: (typeof SERVICE_SORT)[string] | '';
  order: 'asc' | 'desc';
} = { q: '', rule: '', page: '1', size: '20', sort: '', order: 'asc' };

/** A rule id as the API takes it (GET /entities?rule=). */
const RULE_ID = /^[A-Z]{2,8}-\d{3}$/;

/**
 * The link from the rules failing most to the services failing `ruleId`:
 * the address `search` with the rule, the table's page size and sort kept
 * (a bare `?rule=` put back 20 a page in the API's order), from its first
 * page and without the table's search (the rule's services are all of them;
 * a search for another service hid them). Other parameters stay.
 */
function ruleServicesLink(search: string, ruleId: string): string {
  const query = new URLSearchParams(search);
  query.delete('q');
  query.delete('page');
  query.set('rule', ruleId);
  return `?${query}`;
}

/**
 * A rule's open findings and the services they are in, in the rules failing
 * most: "1 open finding in 1 service", "7 open findings in 5 services".
 */
function openFindingsInServices(rule: {
  open: number;
  services: number;
}): string {
  const { open, services } = rule;
  return `${open} open ${open === 1 ? 'finding' : 'findings'} in ${services} ${
    services === 1 ? 'service' : 'services'
  }`;
}

/**
 * What the services table shows once a rule's services load, for a screen
 * reader: the focus stays on the rule's link, and nothing else said that
 * the table below it now lists the rule's services.
 */
function ruleServicesAnnouncement(
  rule: string,
  count: number,
  search: string,
): string {
  const services = count === 1 ? 'service' : 'services';
  const matching = search ? ` matching "${search}"` : '';
  return `Showing ${count} ${services} failing ${rule}${matching}`;
}

function readServiceFilters(query: URLSearchParams) {
  // In any case, as the backend takes rule ids (an address typed by hand).
  const rule = (query.get('rule') ?? '').toUpperCase();
  return {
    q: query.get('q') ?? '',
    rule: RULE_ID.test(rule) ? rule : '',
    ...readTablePaging(query, SERVICE_SORT, SERVICE_FILTER_DEFAULTS.size),
  };
}

/** The API's sort key for each sortable column of the teams table (best average first without one). */
const OWNER_SORT: Record<string, NonNullable<OwnersQuery['sort']>> = {
  owner: 'owner',
  averageScore: 'score',
  entityCount: 'entities',
  'open.critical': 'critical',
  'open.total': 'open',
};

/**
 * The teams leaderboard's page, page size and sort in the page's address,
 * as the services' (Back from a team's page came back to its first page, in
 * the API's order), under a prefix of their own: `?teams.page=2`.
 */
const OWNER_PAGING_DEFAULTS: {
  page: string;
  size: string;
  sort: (typeof OWNER_SORT)[string] | '';
  order: 'asc' | 'desc';
} = { page: '1', size: '10', sort: '', order: 'asc' };

const OWNER_PARAMS = { prefix: 'teams.', unprefixed: [] };

function readOwnerPaging(query: URLSearchParams) {
  return readTablePaging(query, OWNER_SORT, OWNER_PAGING_DEFAULTS.size);
}

/**
 * How many of a team's services have a grade (RollupSummary's count): short,
 * to fit under the team's name in a narrow column.
 */
function gradedOfServices(row: OwnerSummary): string {
  return `${row.scannedCount} of ${row.entityCount} graded`;
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
      cellStyle: { ...WHOLE_WORDS.cellStyle, minWidth: 140 },
      render: row => (
        <>
          {row.owner ? (
            <CatalogName entityRef={row.owner} defaultKind="group" />
          ) : (
            'unowned'
          )}
          {countsUnderTeam && (
            <SecondaryText variant="caption" display="block">
              {gradedOfServices(row)}
            </SecondaryText>
          )}
        </>
      ),
    },
    {
      title: 'Avg score',
      field: 'averageScore',
      type: 'numeric',
      ...narrow,
      // A team of services none of which has a grade has no average: a
      // blank cell looked like one still loading.
      render: row =>
        row.averageScore ?? <abbr title="No service graded">—</abbr>,
    },
    {
      title: 'Services',
      field: 'entityCount',
      type: 'numeric',
      hidden: countsUnderTeam,
      ...narrow,
    },
    {
      title: 'Graded',
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
          <Typography variant="subtitle2" component="p">
            {rule.title}
          </Typography>
          <Typography variant="body2" paragraph>
            {rule.rationale}
          </Typography>
          <Typography variant="body2">
            <strong>What to change:</strong> {rule.remediation.summary}
          </Typography>
        </>
      }
    >
      {/* Focusable, so that a keyboard reaches it and focus shows the tooltip. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <span tabIndex={0} className={classes.ruleId}>
        {props.ruleId}
      </span>
    </Tooltip>
  );
}

/** A category no check applies to, in a column too narrow for the words of the entity pages. */
function NotApplicable() {
  return <abbr title="Not applicable">n/a</abbr>;
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
  const { search: address } = useLocation();
  const rollup = useAsyncRetry(() => api.getRollup(), [api]);
  const focusRing = useFocusRingStyles();
  const classes = useStyles();
  const theme = useTheme();
  const narrow = useMemo(() => narrowColumn(theme), [theme]);
  // The six category scores, sortable, fit a 1024px window beside the rest with half the side padding.
  const categoryColumn = useMemo(() => narrowColumn(theme, 0.5), [theme]);
  // One error per table: one table loading must not hide the other's failure.
  const [servicesError, setServicesError] = useState<Error>();
  // The services the table's search found, not the catalog's count; of the
  // table shown (the one a rule link or Back mounts has none yet), and the
  // search that found them (the address's is the next page's while it loads).
  const [servicesTotal, setServicesTotal] = useState<{
    of: unknown;
    count: number;
    search: string;
  }>();
  const [ownersError, setOwnersError] = useState<Error>();
  // Each table asks for its page again when its count goes up.
  const [servicesAttempt, setServicesAttempt] = useState(0);
  const [ownersAttempt, setOwnersAttempt] = useState(0);
  const servicesTable = useTableReload(servicesAttempt);
  const ownersTable = useTableReload(ownersAttempt);
  // One panel for the page: with the backend down, the roll-up's, the
  // services' and the teams' failures were three panels of the same error.
  const pageError = rollup.error ?? servicesError ?? ownersError;
  const retry = () => {
    if (rollup.error) rollup.retry();
    if (servicesError) setServicesAttempt(attempt => attempt + 1);
    if (ownersError) setOwnersAttempt(attempt => attempt + 1);
  };
  const [serviceFilters, setServiceFilters, serviceAddressChanges] =
    useQueryFilters(
      SERVICE_FILTER_DEFAULTS,
      readServiceFilters,
      undefined,
      TABLE_PAGING,
    );
  const serviceSearch = serviceFilters.q;
  const onServicesState = useCallback(
    (state: { search?: string }) =>
      setServiceFilters({ q: state.search ?? '' }),
    [setServiceFilters],
  );
  // The page, size and sort of the address as the services table mounts;
  // then the table keeps its own, and each page it shows goes to the address.
  // The rule filter is not the table's: it mounts the table anew.
  const serviceRule = serviceFilters.rule;
  const servicesPaging = useMemo(
    () => serviceFilters,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [serviceAddressChanges, serviceRule],
  );
  const servicesRegion = useRef<HTMLDivElement>(null);
  const showAllServices = useCallback(() => {
    // A history entry of its own, as the rule's link made: Back goes back to
    // the rule's services, not to the entry before the link (these services
    // again, Back seeming to do nothing).
    setServiceFilters({ rule: '', page: '1' }, { push: true });
    // The button goes with the filter: the focus goes to the services it
    // showed, not to the page's body (the start of the page for a keyboard).
    servicesRegion.current?.focus();
  }, [setServiceFilters]);
  // The services table a rule link or Back replaced may still be waiting for
  // its page: its answer is none of the shown table's (its count, its page).
  const shownServices = useRef<unknown>();
  // Stable across renders: the tables keep their page and sort. The
  // services' anew for each table remounted by Back or Forward.
  const services = useMemo(() => {
    const data = pagedTableData(
      request =>
        api.listEntities(
          servicesPaging.rule
            ? { ...request, rule: [servicesPaging.rule] }
            : request,
        ),
      SERVICE_SORT,
      {
        onLoad: (page, request) => {
          if (shownServices.current !== data) return;
          setServicesError(undefined);
          setServicesTotal({
            of: data,
            count: page.totalCount,
            search: request.q ?? '',
          });
          setServiceFilters(requestedPaging(request));
        },
        onError: error => {
          if (shownServices.current !== data) return;
          setServicesError(error);
          // The count was the previous search's: the table is now empty.
          setServicesTotal(undefined);
        },
        rowId: item => item.entityRef,
        initialPage: Number(servicesPaging.page) - 1,
      },
    );
    shownServices.current = data;
    return data;
  }, [api, setServiceFilters, servicesPaging]);
  const [ownerPaging, setOwnerPaging, ownerAddressChanges] = useQueryFilters(
    OWNER_PAGING_DEFAULTS,
    readOwnerPaging,
    OWNER_PARAMS,
    TABLE_PAGING,
  );
  // As the services': the address's as the teams table mounts, then the
  // table's own, each page it shows going to the address.
  const ownersPaging = useMemo(
    () => ownerPaging,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ownerAddressChanges],
  );
  const owners = useMemo(
    () =>
      pagedTableData(api.listOwners.bind(api), OWNER_SORT, {
        onLoad: (_page, request) => {
          setOwnersError(undefined);
          setOwnerPaging(requestedPaging(request));
        },
        onError: setOwnersError,
        rowId: row => row.owner ?? '',
        initialPage: Number(ownersPaging.page) - 1,
      }),
    [api, setOwnerPaging, ownersPaging],
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
  const unsortedServiceColumns = useMemo(
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
                entityRoute(entityRouteParams(item, { encodeParams: true })),
                item,
                serviceRule,
              )}
            >
              {item.title ?? item.name}
            </Link>
            <ServiceCaption item={item} withOwner={ownerUnderName} />
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
        ...WHOLE_WORDS,
        render: item => (
          <CatalogName entityRef={item.owner} defaultKind="group" />
        ),
      },
      ...SCORED_CATEGORIES.map(
        ({ id, title }): TableColumn<OverviewItem> => ({
          title: (
            <abbr title={title}>{SHORT_CATEGORY_TITLES[id] ?? title}</abbr>
          ),
          field: `categoryScores.${id}`,
          type: 'numeric',
          hidden: categoriesHidden,
          ...categoryColumn,
          render: item => item.categoryScores?.[id] ?? <NotApplicable />,
        }),
      ),
      {
        // The services failing a rule: their open findings of it (the
        // backend's ruleOpen, which its open sort sorts by), not of all their
        // rules, which read as that rule's.
        title: serviceRule ? (
          <>
            Open <span className={classes.noWrap}>{serviceRule}</span>
          </>
        ) : (
          'Open'
        ),
        field: 'open.total',
        type: 'numeric',
        ...narrow,
        // No scan has read the service's code (the last one failed): its
        // zero counts would read as a clean service.
        render: item => {
          if (!item.lastSuccessAt)
            return <abbr title="No successful scan yet">—</abbr>;
          if (!serviceRule) return item.open?.total ?? 0;
          // A backend older than ruleOpen filters by the rule but does not count.
          return (
            item.ruleOpen ?? (
              <abbr
                title={`Not counted: the backend, an older version, does not count a service's open findings of ${serviceRule}`}
              >
                —
              </abbr>
            )
          );
        },
      },
    ],
    [
      entityRoute,
      ownerUnderName,
      categoriesHidden,
      narrow,
      categoryColumn,
      classes.score,
      classes.noWrap,
      serviceRule,
    ],
  );
  const serviceColumns = useMemo(
    () =>
      sortedAs(
        servicesPaging.sort,
        servicesPaging.order,
        unsortedServiceColumns,
        SERVICE_SORT,
      ),
    [servicesPaging, unsortedServiceColumns],
  );
  // Below the medium breakpoint (a 700px window leaves the teams table 428px
  // of the 619px it needs) the service counts move under the team's name.
  const teamColumns = useMemo(
    () =>
      sortedAs(
        ownersPaging.sort,
        ownersPaging.order,
        ownerColumns(categoriesHidden, narrow),
        OWNER_SORT,
      ),
    [ownersPaging, categoriesHidden, narrow],
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
  } else if (rollup.value) {
    const { topRules, timeline, resolvedTotal, waived } = rollup.value;
    rollupCards = (
      <>
        <Grid item xs={12} md={6}>
          <InfoCard
            title="Organisation"
            titleTypographyProps={CARD_TITLE_HEADING}
            variant="gridItem"
          >
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
          <InfoCard
            title="Rules failing most"
            titleTypographyProps={CARD_TITLE_HEADING}
            variant="gridItem"
          >
            {topRules.length === 0 ? (
              <Typography variant="body2">No open findings.</Typography>
            ) : (
              <ol data-testid="infra-compliance-top-rules">
                {topRules.map(rule => (
                  <li key={rule.ruleId}>
                    <Typography variant="body2">
                      <RuleId ruleId={rule.ruleId} /> {rule.title} —{' '}
                      {/* The services table below, showing those failing it:
                          the services counted ("7 open" alone over a table of
                          5 services read as a miscount), the link's name
                          saying where it leads. Underlined: its colour
                          alone does not tell it from the sentence. */}
                      <Link
                        to={ruleServicesLink(address, rule.ruleId)}
                        underline="always"
                        aria-label={`${openFindingsInServices(
                          rule,
                        )}: show the services failing ${rule.ruleId}`}
                      >
                        {openFindingsInServices(rule)}
                      </Link>
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
          title={OPENED_RESOLVED_TITLE}
          titleTypographyProps={CARD_TITLE_HEADING}
          subheader="Per day: opened up, resolved down"
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
          {pageError && (
            <Grid item xs={12}>
              <LoadError
                title="Could not load the compliance figures"
                error={pageError}
                onRetry={retry}
              />
            </Grid>
          )}
          {rollupCards}
          <Grid
            item
            xs={12}
            className={classes.servicesTable}
            ref={servicesRegion}
            tabIndex={-1}
            role="region"
            aria-label="Services"
          >
            {/* Mounted with the table, empty until a rule's services load: a
                region added with its text is not read by every screen reader. */}
            <div role="status" className={classes.announcement}>
              {servicesPaging.rule &&
                servicesTotal?.of === services &&
                ruleServicesAnnouncement(
                  servicesPaging.rule,
                  servicesTotal.count,
                  servicesTotal.search,
                )}
            </div>
            {servicesPaging.rule && (
              <Typography
                variant="body2"
                className={classes.ruleFilter}
                data-testid="infra-compliance-rule-filter"
              >
                Services with open <RuleId ruleId={servicesPaging.rule} />{' '}
                findings.{' '}
                <Button size="small" color="primary" onClick={showAllServices}>
                  Show all services
                </Button>
              </Typography>
            )}
            {/* The sort of the page last loaded, in the address, for the
                sorted column's header to say. */}
            <ShownTableSort
              value={{
                sort: serviceFilters.sort,
                order: serviceFilters.order,
              }}
            >
              <Table<OverviewItem>
                // Remounted on a search that Back or Forward brings to the
                // address: the table keeps its own from when it mounted.
                key={`${serviceAddressChanges}:${servicesPaging.rule}`}
                title={
                  servicesTotal?.of === services
                    ? `Services (${servicesTotal.count})`
                    : 'Services'
                }
                tableRef={servicesTable.tableRef}
                data={services}
                columns={serviceColumns}
                localization={{
                  body: {
                    emptyDataSourceMessage: servicesEmptyText(
                      servicesError,
                      serviceSearch,
                      servicesPaging.rule,
                    ),
                  },
                }}
                // The search of the page's address; each change goes back to
                // it. material-table reads `searchText` when it mounts only.
                options={{
                  ...pagedTableOptions(Number(servicesPaging.size), true),
                  pageSizeOptions: TABLE_PAGE_SIZES,
                  searchText: serviceSearch,
                }}
                initialState={{ search: serviceSearch }}
                onStateChange={onServicesState}
                components={pagedTableComponents}
              />
            </ShownTableSort>
          </Grid>
          {/* Beside the trend only on an extra-large page: at 7/12 of a
              1280px one (578px) the teams table needs 619px. */}
          <Grid item xs={12} xl={7}>
            <ShownTableSort
              value={{ sort: ownerPaging.sort, order: ownerPaging.order }}
            >
              <Table<OwnerSummary>
                // Remounted when Back or Forward brings another page or sort
                // to the address: the table keeps its own from when it mounted.
                key={ownerAddressChanges}
                title="Teams leaderboard"
                tableRef={ownersTable.tableRef}
                data={owners}
                localization={{
                  body: {
                    emptyDataSourceMessage: ownersError
                      ? 'The teams could not be loaded.'
                      : 'No team owns a service yet.',
                  },
                }}
                columns={teamColumns}
                options={{
                  ...pagedTableOptions(Number(ownersPaging.size), false),
                  pageSizeOptions: TABLE_PAGE_SIZES,
                }}
                components={pagedTableComponents}
              />
            </ShownTableSort>
          </Grid>
          {trendCard}
        </Grid>
      </Content>
    </Page>
  );
}
