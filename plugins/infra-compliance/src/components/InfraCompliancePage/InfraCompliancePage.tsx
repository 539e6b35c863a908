import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
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
import { parseEntityRef } from '@backstage/catalog-model';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { Category } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import useAsync from 'react-use/esm/useAsync';
import { infraComplianceApiRef, OverviewItem } from '../../api';
import {
  GradeBadge,
  OpenedResolvedBars,
  SCORED_CATEGORIES,
  ScoreFormulaInfo,
  formatDay,
  shortRef,
} from '../shared';
import {
  mergeTimelines,
  mergeTopRules,
  teamLeaderboard,
  topLevelRollups,
  TeamRow,
} from './orgSummary';

/** Column headers narrow enough for six category columns. */
const SHORT_CATEGORY_TITLES: Partial<Record<Category, string>> = {
  dlq: 'DLQ',
  encryption: 'Enc.',
  iam: 'IAM',
  logging: 'Logs',
  operations: 'Ops',
};

/** Numeric columns with little padding, so that all of them fit. */
const NARROW = {
  cellStyle: { padding: '6px 8px' },
  headerStyle: { padding: '6px 8px' },
};

function lastScanText(item: OverviewItem): string {
  if (!item.scannable) return 'not scannable';
  if (!item.lastScanAt) return 'not scanned yet';
  const failed = item.lastScanStatus === 'failed' ? ' (failed)' : '';
  return `scanned ${formatDay(item.lastScanAt)}${failed}`;
}

/** The API's largest page; the org table sorts and filters it in the browser. */
const PAGE_LIMIT = 500;

function useOrgOverview() {
  const api = useApi(infraComplianceApiRef);
  return useAsync(async () => {
    const entities = await api.listEntities({ limit: PAGE_LIMIT });
    const owners = [
      ...new Set(
        entities.items.flatMap(e =>
          e.owner?.startsWith('group:') ? [e.owner] : [],
        ),
      ),
    ];
    const rollups = await Promise.all(
      owners.map(owner => {
        const { namespace, name } = parseEntityRef(owner);
        return api.getGroupRollup({ namespace, name });
      }),
    );
    return { entities, rollups: topLevelRollups(rollups) };
  }, [api]);
}

/** Every scanned service with grades, teams, failing rules and the trend. */
export function InfraCompliancePage() {
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useOrgOverview();

  const serviceColumns: TableColumn<OverviewItem>[] = [
    {
      title: 'Grade',
      field: 'grade',
      render: item => <GradeBadge grade={item.grade} />,
    },
    {
      title: 'Service',
      field: 'name',
      highlight: true,
      cellStyle: { minWidth: 220 },
      render: item => (
        <>
          <Link
            to={`${entityRoute({
              kind: item.kind,
              namespace: item.namespace,
              name: item.name,
            })}/compliance`}
          >
            {item.title ?? item.name}
          </Link>
          <Typography variant="caption" color="textSecondary" component="p">
            {shortRef(item.system)} · {lastScanText(item)}
          </Typography>
        </>
      ),
    },
    { title: 'Score', field: 'score', type: 'numeric', ...NARROW },
    { title: 'Owner', field: 'owner', render: item => shortRef(item.owner) },
    ...SCORED_CATEGORIES.map(
      ({ id, title }): TableColumn<OverviewItem> => ({
        title: <abbr title={title}>{SHORT_CATEGORY_TITLES[id] ?? title}</abbr>,
        field: `categoryScores.${id}`,
        type: 'numeric',
        ...NARROW,
        render: item => item.categoryScores?.[id] ?? 'n/a',
      }),
    ),
    {
      title: 'Open',
      field: 'open.total',
      type: 'numeric',
      ...NARROW,
    },
  ];

  const teamColumns: TableColumn<TeamRow>[] = [
    {
      title: 'Team',
      field: 'owner',
      cellStyle: { minWidth: 140 },
      render: row => shortRef(row.owner),
    },
    { title: 'Avg score', field: 'averageScore', type: 'numeric', ...NARROW },
    { title: 'Services', field: 'services', type: 'numeric', ...NARROW },
    { title: 'Scanned', field: 'scanned', type: 'numeric', ...NARROW },
    { title: 'Critical', field: 'openCritical', type: 'numeric', ...NARROW },
    { title: 'Open', field: 'openTotal', type: 'numeric', ...NARROW },
  ];

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    const { entities, rollups } = value;
    const topRules = mergeTopRules(rollups);
    content = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Table<OverviewItem>
            title={`Services (${entities.totalCount})`}
            data={entities.items}
            columns={serviceColumns}
            options={{
              paging: true,
              pageSize: 20,
              emptyRowsWhenPaging: false,
              search: true,
              padding: 'dense',
            }}
          />
        </Grid>
        <Grid item xs={12} lg={7}>
          <Table<TeamRow>
            title="Teams leaderboard"
            data={teamLeaderboard(entities.items)}
            columns={teamColumns}
            options={{ paging: false, search: false, padding: 'dense' }}
          />
        </Grid>
        <Grid item xs={12} lg={5}>
          <InfoCard title="Rules failing most">
            {topRules.length === 0 ? (
              <Typography variant="body2">No open findings.</Typography>
            ) : (
              <ol data-testid="infra-compliance-top-rules">
                {topRules.map(rule => (
                  <li key={rule.ruleId}>
                    <Typography variant="body2">
                      <strong>{rule.ruleId}</strong> {rule.title} — {rule.open}{' '}
                      open
                    </Typography>
                  </li>
                ))}
              </ol>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Open vs resolved over time"
            subheader="Findings opened (up) and resolved (down) per day"
          >
            <OpenedResolvedBars timeline={mergeTimelines(rollups)} />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Infra compliance"
        subtitle="Infrastructure-as-code findings and scorecards across the catalog"
      />
      <Content>
        <ContentHeader title="Organisation overview">
          <ScoreFormulaInfo />
        </ContentHeader>
        {content}
      </Content>
    </Page>
  );
}
