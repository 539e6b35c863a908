import { ReactNode, useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { darken, makeStyles, useTheme } from '@material-ui/core/styles';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { infraComplianceWaiverCreatePermission } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { infraComplianceApiRef, Waiver } from '../../api';
import {
  BreakableId,
  BreakablePath,
  formatDay,
  formatLocalDay,
  pagedTableComponents,
  pagedTableData,
  pagedTableOptions,
  SecondaryText,
  WHOLE_WORDS,
  Status,
  TableLoadError,
  useFocusRingStyles,
  usePagedTableStatus,
  useTableReload,
  UserLink,
  visuallyHidden,
} from '../shared';

/**
 * The expiry day and the action as narrow as their content: by default
 * material-table gives every column the same width, and a revoked waiver's
 * status ("Revoked 2026-12-05 by development/guest") broke in the middle of
 * words beside a mostly empty action column.
 */
const FIT_CONTENT = {
  width: '1%',
  cellStyle: { whiteSpace: 'nowrap' },
  headerStyle: { whiteSpace: 'nowrap' },
} as const;

const useDayStyles = makeStyles({ day: { whiteSpace: 'nowrap' } });

// The Revoke buttons' column header, named for a screen reader only.
const useHiddenTitleStyles = makeStyles({ hiddenTitle: visuallyHidden });

/** A moment's day in a caption, never broken at its hyphens ("2026-12- / 05"). */
function Day(props: { value: string | undefined }) {
  const classes = useDayStyles();
  return <span className={classes.day}>{formatLocalDay(props.value)}</span>;
}

/**
 * What a waiver covers, in words to go in a sentence: a rule's findings, or
 * the rule and resource of the finding waived ("DLQ-001 on DataProcessor");
 * its fingerprint only when the API does not name the finding (a finding no
 * longer stored, an older backend).
 */
function waiverTarget(waiver: Waiver): string {
  if (waiver.ruleId) return `every ${waiver.ruleId} finding`;
  if (waiver.finding) {
    return `${waiver.finding.ruleId} on ${waiver.finding.resourceId}`;
  }
  return `one finding (${waiver.fingerprint?.slice(0, 12)}…)`;
}

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);

/**
 * What a waiver covers, as waiverTarget says it (`capital` at the start of a
 * line), the finding's resource id in parts that break (BreakableId): whole,
 * a long logical id (a CDK construct's, 60 characters and more) widened the
 * waivers table past a 768px page, its reason, status and Revoke out of
 * view, and ran out of the revoke dialog, cut off at its edge.
 */
function WaiverTargetText(props: { waiver: Waiver; capital?: boolean }) {
  const { waiver, capital } = props;
  if (!waiver.ruleId && waiver.finding) {
    return (
      <>
        {waiver.finding.ruleId} on{' '}
        <BreakableId id={waiver.finding.resourceId} />
      </>
    );
  }
  const text = waiverTarget(waiver);
  return <>{capital ? capitalized(text) : text}</>;
}

/**
 * What a waiver covers and where; the finding's fingerprint, whole, only in
 * a tooltip: a hash told the reader nothing of what was waived.
 */
function WaiverTarget(props: { waiver: Waiver }) {
  const { waiver } = props;
  const { finding } = waiver;
  const target = (
    <Typography variant="body2">
      <WaiverTargetText waiver={waiver} capital />
    </Typography>
  );
  return (
    <>
      {waiver.fingerprint ? (
        <Tooltip title={`Fingerprint ${waiver.fingerprint}`}>{target}</Tooltip>
      ) : (
        target
      )}
      {finding && (
        <SecondaryText variant="caption" display="block">
          <BreakablePath path={finding.file} line={finding.line} />
          {finding.status === 'resolved' && ' · resolved since'}
        </SecondaryText>
      )}
    </>
  );
}

/**
 * Active, expired, or revoked, with who revoked it and when under it: in one
 * line, "Revoked 2026-12-05 by development/guest" broke in the middle of the
 * day and the name ("2026-12- / 05", "development/gu / est") in a 1024px
 * window.
 */
function WaiverStatus(props: { waiver: Waiver }) {
  const { waiver } = props;
  if (waiver.revokedAt) {
    return (
      <Status kind="aborted">
        <span>
          Revoked{' '}
          <SecondaryText variant="caption" display="block">
            by <UserLink entityRef={waiver.revokedBy} /> on{' '}
            <Day value={waiver.revokedAt} />
          </SecondaryText>
        </span>
      </Status>
    );
  }
  if (!waiver.active) return <Status kind="warning">Expired</Status>;
  return <Status kind="ok">Active</Status>;
}

/**
 * A destructive action's button in the theme's error colours, as Backstage's
 * own destructive buttons are (MUI 4's Button has no error colour; the
 * secondary one is an accent, pink in the default theme). The dark tone:
 * white on the main one (#f44336 in Backstage's themes) is 3.7:1, under
 * WCAG AA for a button's label; on the dark one (#d32f2f) 5:1.
 */
const useDestructiveStyles = makeStyles(theme => ({
  button: {
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.dark,
    '&:hover': { backgroundColor: darken(theme.palette.error.dark, 0.2) },
    // Hover on touch devices: the resting colour.
    '@media (hover: none)': {
      '&:hover': { backgroundColor: theme.palette.error.dark },
    },
  },
}));

/** Asks before revoking: the findings it covers count as failing again at once. */
function RevokeWaiverDialog(props: {
  waiver: Waiver;
  onClose(): void;
  onRevoked(): void;
}) {
  const { waiver, onClose, onRevoked } = props;
  const api = useApi(infraComplianceApiRef);
  // In a portal, outside the tab's ring.
  const classes = useFocusRingStyles();
  const destructive = useDestructiveStyles();
  const [{ loading: revoking, error }, revoke] = useAsyncFn(async () => {
    await api.revokeWaiver(waiver.id);
    onRevoked();
  }, [api, waiver.id, onRevoked]);
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      className={classes.root}
      // Named and described for a screen reader, which otherwise announces a bare "dialog".
      aria-labelledby="infra-compliance-revoke-title"
      aria-describedby="infra-compliance-revoke-description"
    >
      <DialogTitle id="infra-compliance-revoke-title">
        Revoke the waiver of <WaiverTargetText waiver={waiver} />
        {waiver.finding && (
          <>
            {' ('}
            <BreakablePath
              path={waiver.finding.file}
              line={waiver.finding.line}
            />
            )
          </>
        )}
        ?
      </DialogTitle>
      <DialogContent>
        {error && <ResponseErrorPanel error={error} />}
        <DialogContentText id="infra-compliance-revoke-description">
          The findings it covers count as failing again in the scorecard from
          now on. The waiver stays listed as revoked, with who revoked it.
        </DialogContentText>
        <DialogContentText>Reason given: {waiver.reason}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          className={destructive.button}
          disabled={revoking}
          onClick={revoke}
        >
          Revoke waiver
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Revoke, for an active waiver and a user allowed to. The cell reads the
 * permission itself: columns that changed when it loaded would make
 * material-table reset its state (and warn).
 */
function RevokeButton(props: {
  entityRef: string;
  waiver: Waiver;
  onRevoke(waiver: Waiver): void;
}) {
  const { entityRef, waiver, onRevoke } = props;
  const { allowed } = usePermission({
    permission: infraComplianceWaiverCreatePermission,
    resourceRef: entityRef,
  });
  if (!allowed || !waiver.active) return null;
  return (
    <Button size="small" onClick={() => onRevoke(waiver)}>
      Revoke
    </Button>
  );
}

/**
 * The entity's waivers, newest first, paged by the API; those that still
 * apply can be revoked by users the permission policy lets waive.
 */
export function WaiversTable(props: {
  entity: Entity;
  /** Changes when the page reloads (after a scan or a waiver). */
  reloadKey: number;
  onChanged(): void;
}) {
  const { entity, reloadKey, onChanged } = props;
  const entityRef = getCompoundEntityRef(entity);
  const refKey = stringifyEntityRef(entity);
  const api = useApi(infraComplianceApiRef);
  const { total, error, callbacksFor } = usePagedTableStatus(refKey);
  const [revoking, setRevoking] = useState<Waiver>();
  const { hiddenTitle } = useHiddenTitleStyles();
  // Below the medium breakpoint (in a 768px window the table was 189px wider
  // than the page, the status and Revoke out of view) the expiry goes under
  // the reason and Revoke under the status, as the findings table moves its
  // location and first day.
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
  // On the page it was on: a revoked waiver stays listed, as revoked, and
  // the focus goes to the table once it shows so.
  const { tableRef, regionRef, focusAfterReload } =
    useTableReload<HTMLDivElement>(reloadKey);

  const data = useMemo(
    () =>
      pagedTableData(
        ({ limit, offset }) => api.listWaivers(entityRef, { limit, offset }),
        {},
        callbacksFor(refKey),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, refKey],
  );

  const columns = useMemo(
    (): TableColumn<Waiver>[] => [
      {
        // Who made it and when under what it covers, as the findings table
        // puts a rule's title under its id: fewer columns, wider ones.
        title: 'Applies to',
        ...WHOLE_WORDS,
        render: waiver => (
          <>
            <WaiverTarget waiver={waiver} />
            <SecondaryText variant="caption">
              waived by <UserLink entityRef={waiver.author} /> on{' '}
              <Day value={waiver.createdAt} />
            </SecondaryText>
          </>
        ),
      },
      // In the theme's type, as the other cells: a bare cell's lines touched
      // (line height 1) in another font. 200px at least, so that with a
      // Revoke button the table still fits a 1024px window.
      {
        title: 'Reason',
        cellStyle: narrow ? undefined : { minWidth: 200 },
        render: waiver => (
          <>
            <Typography variant="body2">{waiver.reason}</Typography>
            {narrow && (
              <SecondaryText variant="caption" display="block">
                {waiver.expiresAt
                  ? `expires ${formatDay(waiver.expiresAt)}`
                  : 'never expires'}
              </SecondaryText>
            )}
          </>
        ),
      },
      {
        title: 'Expires',
        hidden: narrow,
        ...FIT_CONTENT,
        render: waiver => (
          <Typography variant="body2">
            {waiver.expiresAt ? formatDay(waiver.expiresAt) : 'never'}
          </Typography>
        ),
      },
      {
        title: 'Status',
        ...WHOLE_WORDS,
        render: waiver => (
          <>
            <WaiverStatus waiver={waiver} />
            {narrow && (
              <RevokeButton
                entityRef={refKey}
                waiver={waiver}
                onRevoke={setRevoking}
              />
            )}
          </>
        ),
      },
      {
        title: <span className={hiddenTitle}>Actions</span>,
        hidden: narrow,
        ...FIT_CONTENT,
        render: waiver => (
          <RevokeButton
            entityRef={refKey}
            waiver={waiver}
            onRevoke={setRevoking}
          />
        ),
      },
    ],
    [refKey, hiddenTitle, narrow],
  );

  // Nothing said of an empty list before its first page comes: "No waivers"
  // showed on every load of the tab, waivers or not.
  let emptyMessage: ReactNode = '';
  if (error) {
    emptyMessage = (
      <TableLoadError
        what="waivers"
        error={error}
        onRetry={() => tableRef.current?.onQueryChange()}
      />
    );
  } else if (total !== undefined) {
    emptyMessage =
      "No waivers. A waiver is made from a finding's details, with a reason.";
  }

  return (
    <>
      <div ref={regionRef} tabIndex={-1} role="region" aria-label="Waivers">
        <Table<Waiver>
          tableRef={tableRef}
          title={total === undefined ? 'Waivers' : `Waivers (${total})`}
          data={data}
          columns={columns}
          options={{ ...pagedTableOptions(10, false), sorting: false }}
          components={pagedTableComponents}
          // Backstage's Table shows `emptyContent` only for array data, not for remote data.
          localization={{
            body: {
              emptyDataSourceMessage: emptyMessage,
            },
          }}
        />
      </div>
      {revoking && (
        <RevokeWaiverDialog
          waiver={revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={() => {
            setRevoking(undefined);
            focusAfterReload();
            onChanged();
          }}
        />
      )}
    </>
  );
}
