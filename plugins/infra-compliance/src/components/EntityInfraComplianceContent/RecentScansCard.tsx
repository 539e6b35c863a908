import { useState } from 'react';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Progress } from '@backstage/core-components';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraComplianceApiRef, Scan } from '../../api';
import {
  CARD_TITLE_HEADING,
  DateTimeText,
  formatElapsed,
  isUserRef,
  LoadError,
  scanChanges,
  SecondaryText,
  Status,
  UserLink,
  WHOLE_WORDS,
} from '../shared';

/** How many scans the card lists: enough to see the last days' pushes and schedule. */
export const RECENT_SCANS_LIMIT = 10;

/**
 * The most of a failed scan's error the card shows until asked for all of
 * it: the backend keeps up to 4,000 characters, and a few such errors made
 * the card screens tall.
 */
const SHORT_ERROR_LENGTH = 200;

const useStyles = makeStyles({
  // Words kept whole, as in the tab's other tables: Backstage's cells break
  // them anywhere, and a window 800 pixels wide broke "Succeed" / "ed".
  table: { '& th, & td': WHOLE_WORDS.cellStyle },
  // But a long error (a URL, a stack's first line) or service name wraps
  // rather than widen the page.
  breakAnywhere: { overflowWrap: 'anywhere' },
  nowrap: { whiteSpace: 'nowrap' },
  // A whole error keeps its lines (a stack, a parser's context).
  wholeError: { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
});

/** What started a scan, in words; who pressed "Scan now" (or asked an assistant to), or the service that asked, when recorded. */
function ScanReason(props: { scan: Scan }) {
  const { trigger, requestedBy } = props.scan;
  const classes = useStyles();
  switch (trigger) {
    case 'schedule':
      return <>On schedule</>;
    case 'new-entity':
      return <>New in the catalog</>;
    case 'push':
      return <>After a push</>;
    case 'manual':
      if (!requestedBy) return <>Scan now</>;
      // Through the API or an action with a service's credentials (a CI
      // job's static token, another plugin): no one pressed a button.
      if (!isUserRef(requestedBy)) {
        return (
          <>
            Requested by the service{' '}
            <span className={classes.breakAnywhere}>{requestedBy}</span>
          </>
        );
      }
      return (
        <>
          Scan now by <UserLink entityRef={requestedBy} />
        </>
      );
    default:
      // Recorded by a backend that did not keep the trigger.
      return <>—</>;
  }
}

/** What a successful scan found: "3 findings: 1 new, 1 resolved", as the banner counts changes. */
function foundText(counts: NonNullable<Scan['counts']>): string {
  // "0 findings" read as a clean scan where it had nothing to judge, as the
  // tab's banner and findings table say.
  let findings = `${counts.findings} finding${
    counts.findings === 1 ? '' : 's'
  }`;
  if (counts.filesScanned === 0) {
    findings = counts.filesSkipped
      ? 'No infrastructure code read'
      : 'No infrastructure code found';
  } else if (counts.checks === 0) {
    findings = 'Nothing to check';
  }
  return `${findings}: ${scanChanges(counts)}`;
}

/**
 * The error's first line, cut at SHORT_ERROR_LENGTH characters; undefined
 * when that is all of it.
 */
function shortError(error: string): string | undefined {
  const [firstLine] = error.trim().split('\n', 1);
  // By code point: a cut never splits a character in two.
  const characters = Array.from(firstLine.trimEnd());
  const short = characters.slice(0, SHORT_ERROR_LENGTH).join('').trimEnd();
  return short === error.trim() ? undefined : `${short}…`;
}

/**
 * A failed scan's error, its short form ({@link shortError}) with a
 * disclosure that shows it whole, in place: one `id` per row, which the
 * control names as the text it expands.
 */
function ScanError(props: { id: string; error: string }) {
  const { id, error } = props;
  const classes = useStyles();
  const [whole, setWhole] = useState(false);
  const short = shortError(error);
  return (
    <SecondaryText variant="caption" display="block">
      <span
        id={id}
        className={whole ? classes.wholeError : classes.breakAnywhere}
      >
        {whole || !short ? error : short}
      </span>
      {short && (
        <>
          {' '}
          <Link
            component="button"
            variant="caption"
            aria-expanded={whole}
            aria-controls={id}
            onClick={() => setWhole(!whole)}
          >
            {whole ? 'Show less' : 'Show the whole error'}
          </Link>
        </>
      )}
    </SecondaryText>
  );
}

/** How a scan ended, or that it has not yet, in words beside the status icon, with what it found or why it failed. */
function ScanOutcome(props: { scan: Scan }) {
  const { scan } = props;
  switch (scan.status) {
    case 'queued':
      return <Status kind="pending">Queued</Status>;
    case 'running':
      return <Status kind="running">Running</Status>;
    case 'unchanged':
      return (
        <>
          <Status kind="ok">Unchanged</Status>
          <SecondaryText variant="caption" display="block">
            The source was the same as at the scan before: the results stand.
          </SecondaryText>
        </>
      );
    case 'failed':
      return (
        <>
          <Status kind="error">Failed</Status>
          <ScanError
            id={`infra-compliance-scan-error-${scan.id}`}
            error={scan.error ?? 'The scan failed without an error message.'}
          />
        </>
      );
    default:
      return (
        <>
          <Status kind="ok">Succeeded</Status>
          {scan.counts && (
            <SecondaryText variant="caption" display="block">
              {foundText(scan.counts)}
            </SecondaryText>
          )}
        </>
      );
  }
}

/**
 * The entity's last scans, newest first: when, what started each, how it
 * ended and how long it took, so an owner who pushed a fix sees that a scan
 * ran and what it did. Read again when `reloadKey` changes: with the tab's
 * results, and when a scan ended elsewhere, though it changed no results.
 */
export function RecentScansCard(props: {
  entityRef: CompoundEntityRef;
  /** Changes when the scans are to be read again. */
  reloadKey: number;
}) {
  const { entityRef, reloadKey } = props;
  const api = useApi(infraComplianceApiRef);
  const classes = useStyles();
  const refKey = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`;
  // The rows shown stay while they are read again: the card did not empty
  // and grow back under the user at each reload.
  const scans = useAsyncRetry(
    () => api.listScans(entityRef, { limit: RECENT_SCANS_LIMIT }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, refKey, reloadKey],
  );
  return (
    <InfoCard
      title="Recent scans"
      titleTypographyProps={CARD_TITLE_HEADING}
      // A scan counts every finding it sees: "11 findings" beside the
      // scorecard's "10 open · 1 suppressed" read as a finding gone missing.
      // Its new, reopened and resolved are open ones, as the banner says.
      subheader={`The last ${RECENT_SCANS_LIMIT}, newest first. A scan's findings include the waived and suppressed ones; its new and reopened, only those it left open, its resolved, those that were open.`}
    >
      {scans.loading && !scans.value && <Progress />}
      {scans.error && !scans.loading && (
        <LoadError error={scans.error} onRetry={scans.retry} />
      )}
      {/* Under "Not scanned yet", which says what comes next, with "Scan now"
          to those the permission policy lets scan. */}
      {scans.value?.items.length === 0 && (
        <Typography variant="body2">No scans yet.</Typography>
      )}
      {scans.value && scans.value.items.length > 0 && (
        <Table size="small" aria-label="Recent scans" className={classes.table}>
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Why</TableCell>
              <TableCell>Outcome</TableCell>
              <TableCell>Duration</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {scans.value.items.map(scan => (
              <TableRow key={scan.id}>
                <TableCell component="th" scope="row">
                  <Typography variant="body2">
                    <DateTimeText value={scan.createdAt} />
                  </Typography>
                </TableCell>
                <TableCell>
                  <Typography variant="body2">
                    <ScanReason scan={scan} />
                  </Typography>
                </TableCell>
                <TableCell>
                  <ScanOutcome scan={scan} />
                </TableCell>
                <TableCell className={classes.nowrap}>
                  <Typography variant="body2">
                    {/* Set once a scan ends, but one found stopped (interrupted). */}
                    {scan.durationMs !== undefined
                      ? formatElapsed(scan.durationMs)
                      : '—'}
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
