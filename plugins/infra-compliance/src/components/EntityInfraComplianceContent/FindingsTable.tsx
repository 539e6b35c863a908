import { ReactNode, useCallback, useMemo, useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { Table, TableColumn } from '@backstage/core-components';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CATEGORIES,
  Category,
  infraComplianceWaiverCreatePermission,
  SEVERITIES,
  Severity,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { FindingRecord, FindingsQuery, infraComplianceApiRef } from '../../api';
import {
  BreakableId,
  categoryTitle,
  formatLocalDay,
  pagedTableComponents,
  pagedTableData,
  pagedTableOptions,
  readableSecondaryText,
  readTablePaging,
  requestedPaging,
  sortedAs,
  TABLE_PAGE_SIZES,
  TABLE_PAGING,
  SecondaryText,
  SeverityChip,
  ShownTableSort,
  Status,
  TableLoadError,
  usePagedTableStatus,
  useQueryFilters,
  WHOLE_WORDS,
  useRuleCatalog,
  RuleCatalogView,
  useTableReload,
  visuallyHidden,
} from '../shared';
import { DownloadSarifButton } from './DownloadSarifButton';
import { FindingDetail } from './FindingDetail';
import { SourceLocationLink } from './SourceLocationLink';
import { WaiverDialog } from './WaiverDialog';

/** The API's sort key for each sortable column. */
const FINDING_SORT: Record<string, NonNullable<FindingsQuery['sort']>> = {
  severity: 'severity',
  ruleId: 'rule',
  file: 'file',
  firstSeenAt: 'firstSeen',
};

/**
 * The status filter's choices and the query each sends, counted as the
 * scorecard counts: "Open" is neither suppressed in the code nor waived, and a
 * finding both suppressed and waived counts as suppressed, not waived.
 */
const STATUS_FILTERS = {
  open: {
    label: 'Open',
    query: { status: 'open', waived: false, suppressed: false },
  },
  waived: {
    label: 'Waived',
    query: { status: 'open', waived: true, suppressed: false },
  },
  suppressed: {
    label: 'Suppressed',
    query: { status: 'open', suppressed: true },
  },
  resolved: { label: 'Resolved', query: { status: 'resolved' } },
  all: { label: 'All', query: { status: 'all' } },
} as const satisfies Record<string, { label: string; query: FindingsQuery }>;

type StatusFilter = keyof typeof STATUS_FILTERS;

type FindingSort = (typeof FINDING_SORT)[string];

interface FindingFilters extends Record<string, string> {
  category: Category | '';
  severity: Severity | '';
  rule: string;
  status: StatusFilter;
  /** The table's search. */
  q: string;
  /** The table's page, from 1. */
  page: string;
  size: string;
  /** The API's sort key of the sorted column, none for the API's order. */
  sort: FindingSort | '';
  order: 'asc' | 'desc';
}

/** The filters of a page without any in its address. */
const DEFAULT_FILTERS: FindingFilters = {
  category: '',
  severity: '',
  rule: '',
  status: 'open',
  q: '',
  page: '1',
  size: '20',
  sort: '',
  order: 'asc',
};

/** What the table shows without a filter in the address (the filters proper). */
const UNFILTERED = ['category', 'severity', 'rule', 'status', 'q'] as const;

/**
 * The findings' parameters in the address, prefixed: an entity page is
 * shared with other plugins' tabs and cards, and a bare `status` or `q` could
 * be one of theirs. A link from before the prefix had the filters bare.
 */
const FINDING_PARAMS = { prefix: 'ic.', unprefixed: UNFILTERED };

/**
 * The page's query showing a category's open findings from the first page:
 * the findings' other filters dropped (a search or a severity would show
 * fewer than the category's count), their page size and sort and the
 * query's other parameters kept.
 */
export function categoryFindingsQuery(
  query: URLSearchParams,
  category: Category,
): string {
  const next = new URLSearchParams(query);
  for (const name of [...UNFILTERED, 'page']) {
    next.delete(`${FINDING_PARAMS.prefix}${name}`);
  }
  next.set(`${FINDING_PARAMS.prefix}category`, category);
  return `?${next}`;
}

/**
 * The filters of the page's address (`?ic.category=iam&ic.status=all`), each
 * checked: an unknown value, or a rule outside the chosen category (it would
 * match nothing, and the filters never pick one), is left at its default.
 */
function readFindingFilters(
  query: URLSearchParams,
  getRule: RuleCatalogView['getRule'],
): FindingFilters {
  const category = query.get('category') ?? '';
  const severity = query.get('severity') ?? '';
  // In any case, as the backend takes rule ids (an address typed by hand).
  const rule = getRule((query.get('rule') ?? '').toUpperCase());
  const status = query.get('status') ?? '';
  const validCategory = CATEGORIES.some(c => c.id === category)
    ? (category as Category)
    : '';
  return {
    category: validCategory,
    severity: (SEVERITIES as readonly string[]).includes(severity)
      ? (severity as Severity)
      : '',
    rule:
      rule && (!validCategory || rule.category === validCategory)
        ? rule.id
        : '',
    status: Object.hasOwn(STATUS_FILTERS, status)
      ? (status as StatusFilter)
      : DEFAULT_FILTERS.status,
    q: query.get('q') ?? '',
    ...readTablePaging(query, FINDING_SORT, DEFAULT_FILTERS.size),
  };
}

/**
 * Short columns (a chip, a status, a day) as narrow as their content: by
 * default material-table gives every column the same width, and the resource
 * column broke ProjectXDataProcessorFunction in the middle of the word beside
 * a severity column mostly empty. With half the side padding: at the full
 * one the three made the table 18px wider than a 1024px window's.
 */
function fitContent(theme: Theme) {
  const style = { whiteSpace: 'nowrap', ...halfPadding(theme) };
  return { width: '1%', cellStyle: style, headerStyle: style } as const;
}

/**
 * Half the side padding, for the text columns too: at the full one, in a
 * 1024px window, rule titles ran to four lines, resource ids to three and
 * `template.yaml:52` broke at its dot, beside the padding of seven columns.
 */
function halfPadding(theme: Theme) {
  return { paddingLeft: theme.spacing(1), paddingRight: theme.spacing(1) };
}

/** A text column with half the side padding, its cells styled `cellStyle` too. */
function textColumn(theme: Theme, cellStyle: object = {}) {
  const style = halfPadding(theme);
  return { cellStyle: { ...cellStyle, ...style }, headerStyle: style };
}

const useStyles = makeStyles(theme => ({
  // A gap, not margins: on a narrow page the selects wrap, and the outlined
  // labels of a second row would sit on the row above.
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  // The four selects share the row, each wide enough for "All severities":
  // at a fixed width, a 1024px window left the Status select alone on a
  // second row beside the download button, an empty strip beside the rest.
  filter: { flex: '1 1 150px', maxWidth: 220 },
  // On the page, not the table's paper: MUI's text.secondary, its labels'
  // grey, is 4.48:1 on the app's page (#f5f5f5), under WCAG AA. A focused
  // label keeps MUI's primary colour (a rule of two classes).
  filterLabel: { color: readableSecondaryText(theme) },
  // At the row's end, or alone at the right of a second row when the page
  // is narrow.
  download: { marginLeft: 'auto', alignSelf: 'center' },
  // Pointing down when the row's details show, as material-table's did.
  toggle: { transition: 'transform 200ms ease' },
  toggleOpen: { transform: 'rotate(90deg)' },
  // The toggles' column header, named for a screen reader only.
  hiddenTitle: visuallyHidden,
}));

function FilterSelect<T extends string>(props: {
  label: string;
  value: T | '';
  options: readonly { value: T; label: string }[];
  allLabel?: string;
  /** What the closed select shows of a chosen option (its label by default). */
  renderValue?(value: T): string;
  onChange(value: T | ''): void;
}) {
  const { renderValue, allLabel } = props;
  const classes = useStyles();
  return (
    <TextField
      select
      id={`infra-compliance-filter-${props.label.toLocaleLowerCase('en-US')}`}
      label={props.label}
      value={props.value}
      variant="outlined"
      size="small"
      className={classes.filter}
      SelectProps={{
        displayEmpty: true,
        ...(renderValue && {
          renderValue: value =>
            value ? renderValue(value as T) : allLabel ?? '',
        }),
      }}
      InputLabelProps={{ shrink: true, className: classes.filterLabel }}
      onChange={event => props.onChange(event.target.value as T | '')}
    >
      {props.allLabel && <MenuItem value="">{props.allLabel}</MenuItem>}
      {props.options.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

function FindingStatus(props: { finding: FindingRecord }) {
  const { finding } = props;
  if (finding.status === 'resolved') {
    return <Status kind="ok">Resolved</Status>;
  }
  // Suppressed first, as the scorecard counts a finding that is both.
  let status = <Status kind="error">Open</Status>;
  if (finding.suppressed) status = <Status kind="warning">Suppressed</Status>;
  else if (finding.waived) status = <Status kind="warning">Waived</Status>;
  const reopened = finding.reopenedCount ?? 0;
  if (reopened === 0) return status;
  // A finding back after a fix was read as just "Open", as a new one.
  return (
    <>
      {status}
      <SecondaryText variant="caption">
        {reopened === 1 ? 'Reopened once' : `Reopened ${reopened} times`}
      </SecondaryText>
    </>
  );
}

/**
 * A row's detail toggle, named after its finding ("Show details of DLQ-001
 * on DataProcessor") and saying whether the details show: material-table's
 * own was "Detail panel visiblity toggle" on every row, with no state, at
 * the table's left edge that cut off its focus ring. A click on it is the
 * row's click, which toggles the panel (onRowClick).
 */
function DetailToggle(props: {
  finding: FindingRecord & { tableData?: { showDetailPanel?: unknown } };
}) {
  const { finding } = props;
  const classes = useStyles();
  const open = Boolean(finding.tableData?.showDetailPanel);
  return (
    <IconButton
      size="small"
      aria-label={`Show details of ${finding.ruleId} on ${finding.resourceId}`}
      aria-expanded={open}
      className={`${classes.toggle} ${open ? classes.toggleOpen : ''}`}
    >
      <ChevronRightIcon />
    </IconButton>
  );
}

/**
 * Whether the click just made ends a text selection: the text the user
 * dragged over stays selected (a plain click clears it as it starts).
 */
function endsSelection(): boolean {
  const selection = window.getSelection();
  return Boolean(selection && !selection.isCollapsed);
}

/**
 * A row's detail panel. material-table keeps the render function of the moment
 * a panel opened, so the waive permission is read here, not in the table.
 */
function FindingDetailPanel(props: {
  entity: Entity;
  finding: FindingRecord;
  onWaive(finding: FindingRecord): void;
}) {
  const { entity, finding, onWaive } = props;
  const { allowed: canWaive } = usePermission({
    permission: infraComplianceWaiverCreatePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  return (
    <FindingDetail
      finding={finding}
      onWaive={canWaive ? () => onWaive(finding) : undefined}
    />
  );
}

/**
 * Why the table is empty: the user's filters, or, on the default ones (the
 * open findings), a clean entity, or one whose last scan checked nothing (no
 * infrastructure code), which passes no check either.
 */
function noFindingsMessage(
  filters: FindingFilters,
  excepted: number,
  nothingChecked: boolean,
): string {
  const filtered = UNFILTERED.some(
    name => filters[name] !== DEFAULT_FILTERS[name],
  );
  if (filtered) return 'No findings match these filters.';
  if (nothingChecked) return 'No findings: the last scan had nothing to check.';
  return excepted > 0
    ? 'No open findings: every check passes, but for waived or suppressed findings.'
    : 'No open findings: every check passes.';
}

/** The entity's findings with filters, source links and a detail panel per row. */
export function FindingsTable(props: {
  entity: Entity;
  /** The source location the findings were read from (see scannedLocation). */
  sourceLocation?: string;
  /** Changes when the page reloads (after a scan or a waiver). */
  reloadKey: number;
  /** Findings neither open nor resolved: waived or suppressed. */
  excepted?: number;
  /** The last successful scan ran no check (it read no infrastructure code). */
  nothingChecked?: boolean;
  onChanged(): void;
}) {
  const {
    entity,
    sourceLocation,
    reloadKey,
    excepted = 0,
    nothingChecked = false,
    onChanged,
  } = props;
  const entityRef = getCompoundEntityRef(entity);
  const refKey = stringifyEntityRef(entity);
  const api = useApi(infraComplianceApiRef);
  const classes = useStyles();
  const [waiving, setWaiving] = useState<FindingRecord>();
  const { tableRef, regionRef, focusAfterReload } =
    useTableReload<HTMLDivElement>(reloadKey);
  const { rules, getRule } = useRuleCatalog();
  const [filters, setFilters, addressChanges] = useQueryFilters(
    DEFAULT_FILTERS,
    query => readFindingFilters(query, getRule),
    FINDING_PARAMS,
    TABLE_PAGING,
  );
  const { category, severity, rule, status, q } = filters;
  const onTableState = useCallback(
    (state: { search?: string }) => setFilters({ q: state.search ?? '' }),
    [setFilters],
  );
  // Another filter lists other findings: from their first page.
  const changeFilter = (changes: Partial<FindingFilters>) =>
    setFilters({ ...changes, page: DEFAULT_FILTERS.page });

  const filterKey = [refKey, status, category, severity, rule].join('/');
  const tableKey = `${filterKey}/${addressChanges}`;
  const { total, error, callbacksFor } = usePagedTableStatus(filterKey);
  // The page, size and sort of the address as the table mounts; then the
  // table keeps its own, and each page it shows goes to the address.
  const { page, size, sort, order } = useMemo(
    () => filters,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tableKey],
  );
  const data = useMemo(
    () => {
      const { onLoad, onError } = callbacksFor(filterKey);
      return pagedTableData(
        request =>
          api.listFindings(entityRef, {
            ...request,
            ...STATUS_FILTERS[status].query,
            category: category ? [category] : undefined,
            severity: severity ? [severity] : undefined,
            rule: rule ? [rule] : undefined,
          }),
        FINDING_SORT,
        {
          onLoad(shown, request) {
            onLoad(shown);
            setFilters(requestedPaging(request));
          },
          onError,
          initialPage: Number(page) - 1,
        },
      );
    },
    // A new page source for each table below, remounted when the entity or
    // a filter changes, or the address (Back or Forward).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, tableKey],
  );

  // Stable across renders (a page loaded re-renders): the table keeps its state.
  const theme = useTheme();
  // Below the medium breakpoint (a 768px window beside the sidebar left the
  // table 151px wider than the page: Status and First seen out of view, each
  // finding's details wider than the screen) the location goes under the
  // resource and the first day under the status, as the organisation page
  // moves a service's owner under its name.
  const narrow = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
  const unsortedColumns = useMemo((): TableColumn<FindingRecord>[] => {
    const location = (f: FindingRecord) => (
      <SourceLocationLink
        sourceLocation={sourceLocation}
        file={f.file}
        line={f.line}
      />
    );
    return [
      {
        title: <span className={classes.hiddenTitle}>Details</span>,
        sorting: false,
        ...fitContent(theme),
        render: f => <DetailToggle finding={f} />,
      },
      {
        title: 'Severity',
        field: 'severity',
        ...fitContent(theme),
        render: f => <SeverityChip severity={f.severity} />,
      },
      {
        title: 'Rule',
        field: 'ruleId',
        ...textColumn(theme, WHOLE_WORDS.cellStyle),
        render: f => (
          <>
            <Typography variant="body2">{f.ruleId}</Typography>
            <SecondaryText variant="caption">
              {f.title ?? categoryTitle(f.category)}
            </SecondaryText>
          </>
        ),
      },
      {
        title: 'Resource',
        field: 'resourceId',
        sorting: false,
        ...textColumn(theme),
        render: f => (
          <>
            <Typography variant="body2">
              <BreakableId id={f.resourceId} />
            </Typography>
            <SecondaryText variant="caption">
              <BreakableId id={f.resourceType} />
              {f.generatedResourceId && (
                <>
                  {' · generated '}
                  <BreakableId id={f.generatedResourceId} />
                </>
              )}
            </SecondaryText>
            {narrow && (
              <SecondaryText variant="caption" display="block">
                {location(f)}
              </SecondaryText>
            )}
          </>
        ),
      },
      {
        title: 'Location',
        field: 'file',
        hidden: narrow,
        ...textColumn(theme),
        render: location,
      },
      {
        title: 'Status',
        field: 'status',
        ...fitContent(theme),
        sorting: false,
        render: f => (
          <>
            <FindingStatus finding={f} />
            {narrow && (
              <SecondaryText variant="caption" display="block">
                first seen {formatLocalDay(f.firstSeenAt)}
              </SecondaryText>
            )}
          </>
        ),
      },
      {
        title: 'First seen',
        field: 'firstSeenAt',
        hidden: narrow,
        ...fitContent(theme),
        // On two lines: its title was wider than its days.
        headerStyle: halfPadding(theme),
        render: f => formatLocalDay(f.firstSeenAt),
      },
    ];
  }, [sourceLocation, theme, classes, narrow]);
  const columns = useMemo(
    () => sortedAs(sort, order, unsortedColumns, FINDING_SORT),
    [sort, order, unsortedColumns],
  );

  // Stable across renders: a new panel list remounts the open panels, and
  // opening the waiver dialog would detach the button that opened it, so that
  // closing the dialog could not give the focus back to it.
  const detailPanel = useMemo(
    () => [
      {
        render: ({ rowData }: { rowData: FindingRecord }) => (
          <FindingDetailPanel
            entity={entity}
            finding={rowData}
            onWaive={setWaiving}
          />
        ),
      },
    ],
    [entity],
  );

  // Nothing said of an empty list before its first page comes: on every
  // load of the tab, an entity with open findings was called clean.
  let emptyMessage: ReactNode = '';
  if (error) {
    emptyMessage = (
      <TableLoadError
        what="findings"
        error={error}
        onRetry={() => tableRef.current?.onQueryChange()}
      />
    );
  } else if (total !== undefined) {
    emptyMessage = noFindingsMessage(filters, excepted, nothingChecked);
  }

  return (
    <>
      <div className={classes.filters}>
        <FilterSelect<Category>
          label="Category"
          value={category}
          allLabel="All categories"
          options={CATEGORIES.map(c => ({ value: c.id, label: c.title }))}
          onChange={next =>
            changeFilter({
              category: next,
              // A rule of another category would match nothing.
              ...(next && getRule(rule)?.category !== next && { rule: '' }),
            })
          }
        />
        <FilterSelect<string>
          label="Rule"
          value={rule}
          allLabel="All rules"
          options={rules
            .filter(r => !category || r.category === category)
            .map(r => ({ value: r.id, label: `${r.id} ${r.title}` }))}
          renderValue={id => id}
          onChange={next => changeFilter({ rule: next })}
        />
        <FilterSelect<Severity>
          label="Severity"
          value={severity}
          allLabel="All severities"
          options={SEVERITIES.map(s => ({ value: s, label: s }))}
          onChange={next => changeFilter({ severity: next })}
        />
        <FilterSelect<StatusFilter>
          label="Status"
          value={status}
          options={Object.entries(STATUS_FILTERS).map(([value, { label }]) => ({
            value: value as StatusFilter,
            label,
          }))}
          onChange={next =>
            changeFilter({ status: next || DEFAULT_FILTERS.status })
          }
        />
        <div className={classes.download}>
          <DownloadSarifButton entityRef={entityRef} />
        </div>
      </div>
      <div ref={regionRef} tabIndex={-1} role="region" aria-label="Findings">
        {/* The sort of the page last loaded, in the address, for the sorted
            column's header to say. */}
        <ShownTableSort value={{ sort: filters.sort, order: filters.order }}>
          {/* Remounted on another entity or a new filter: back to the first
              page, fetched again. And on a search that Back or Forward brings
              to the address: the table keeps its own from when it mounted. */}
          <Table<FindingRecord>
            key={tableKey}
            tableRef={tableRef}
            title={total === undefined ? 'Findings' : `Findings (${total})`}
            data={data}
            columns={columns}
            // The search of the page's address, at each remount too (a new
            // filter); each change goes back to it. material-table reads
            // `searchText` when it mounts only.
            // The toggle is a column of its own, DetailToggle.
            options={{
              ...pagedTableOptions(Number(size), true),
              pageSizeOptions: TABLE_PAGE_SIZES,
              searchText: q,
              showDetailPanelIcon: false,
            }}
            initialState={{ search: q }}
            onStateChange={onTableState}
            components={pagedTableComponents}
            // Not a click on a link in the row (the finding's file in its
            // repository): it opened the file in a tab of its own and, on
            // this one, opened or closed the row's details too. Nor one
            // that ends a text selection (a message dragged over to copy
            // it), which toggled them too; the toggle's own click does,
            // over any selection, which it leaves.
            onRowClick={(event, _row, togglePanel) => {
              const target = event?.target as Element | undefined;
              if (target?.closest('a')) return;
              if (!target?.closest('button') && endsSelection()) return;
              togglePanel?.();
            }}
            detailPanel={detailPanel}
            // Backstage's Table shows `emptyContent` only for array data, not for remote data.
            localization={{
              body: {
                emptyDataSourceMessage: emptyMessage,
              },
            }}
          />
        </ShownTableSort>
      </div>
      {waiving && (
        <WaiverDialog
          open
          entityRef={entityRef}
          finding={waiving}
          onClose={() => setWaiving(undefined)}
          onCreated={() => {
            setWaiving(undefined);
            focusAfterReload();
            onChanged();
          }}
        />
      )}
    </>
  );
}
