import { useEffect, useRef, useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, Progress } from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { EntityScorecard, infraComplianceApiRef, Scan } from '../../api';
import {
  CARD_TITLE_HEADING,
  DateTimeText,
  LoadError,
  GradeBadge,
  isScanActive,
  lastReadScan,
  notJudged,
  RefreshWarning,
  SCORED_CATEGORIES,
  ScoreBar,
  ScoreFormulaInfo,
  SCAN_POLL_INTERVAL_MS,
  setVisibleTimeout,
  useEntityScorecard,
  useFocusRingStyles,
  withScanEnded,
} from '../shared';

/**
 * A failed last scan, when earlier results are shown: the grade alone
 * passed for current when the tab said the last scan failed.
 */
function FailedScanWarning(props: { scorecard: EntityScorecard }) {
  const { lastScan } = props.scorecard;
  if (lastScan?.status !== 'failed') return null;
  const lastRead = lastReadScan(props.scorecard);
  return (
    // A note, not an alert: it is there when the page loads, nothing new to interrupt with.
    <Box mb={2}>
      <Alert severity="error" role="note">
        Last scan failed{' '}
        <DateTimeText value={lastScan.finishedAt ?? lastScan.createdAt} />.
        These results are from the scan of{' '}
        <DateTimeText value={lastRead?.finishedAt ?? lastRead?.createdAt} />.
      </Alert>
    </Box>
  );
}

/** A scan under way, in words: queued or running. */
function scanUnderWay(scan: Scan): string {
  return scan.status === 'queued' ? 'Scan queued' : 'Scanning now';
}

/**
 * A scan under way, when earlier results are shown: the tab shows its
 * progress, the card said nothing of it.
 */
function ScanningNote(props: { scorecard: EntityScorecard }) {
  const { runningScan } = props.scorecard;
  if (!runningScan) return null;
  const lastRead = lastReadScan(props.scorecard);
  return (
    <Box mb={2}>
      <Alert severity="info" role="note">
        {scanUnderWay(runningScan)}. These results are from the scan of{' '}
        <DateTimeText value={lastRead?.finishedAt ?? lastRead?.createdAt} />.
      </Alert>
    </Box>
  );
}

/**
 * Calls `reload` once the scan the card says is under way ended, its status
 * asked for as the Compliance tab asks: the card said "Scanning now" over
 * the results from before it for as long as the page stayed open. A status
 * that cannot be read is not asked for again: the note stays. Returns that
 * scan as it ended, while the card still says it is under way.
 */
function useReloadAfterScan(
  runningScanId: string | undefined,
  reload: () => void,
): Scan | undefined {
  const api = useApi(infraComplianceApiRef);
  const [ended, setEnded] = useState<Scan>();
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    if (!runningScanId) return undefined;
    let cancelled = false;
    // Not while the page is hidden, as the tab: at once when shown again.
    let cancelPoll = () => {};
    const poll = async () => {
      try {
        const scan = await api.getScan(runningScanId);
        if (cancelled) return;
        if (isScanActive(scan)) {
          cancelPoll = setVisibleTimeout(poll, SCAN_POLL_INTERVAL_MS);
        } else {
          setEnded(scan);
          reloadRef.current();
        }
      } catch {
        // The note stays as the page loaded it.
      }
    };
    cancelPoll = setVisibleTimeout(poll, SCAN_POLL_INTERVAL_MS);
    return () => {
      cancelled = true;
      cancelPoll();
    };
  }, [api, runningScanId]);
  return ended?.id === runningScanId ? ended : undefined;
}

/** Why an entity that can be scanned has no results yet, as the tab says it. */
function NoResultsYet(props: { scorecard: EntityScorecard }) {
  const { lastScan, runningScan } = props.scorecard;
  if (runningScan) {
    return (
      <Typography variant="body2">
        {scanUnderWay(runningScan)}: no results yet.
      </Typography>
    );
  }
  if (lastScan?.status === 'failed') {
    return (
      <>
        <Typography variant="body2">
          Last scan failed{' '}
          <DateTimeText value={lastScan.finishedAt ?? lastScan.createdAt} />:{' '}
          {lastScan.error ?? 'no reason given'}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          No scan of this entity has succeeded yet.
        </Typography>
      </>
    );
  }
  if (lastScan) {
    // A scan that ended without results shown: the first one, the page
    // following it to its end and its results not read (withScanEnded),
    // the warning's Retry over this. It said "Not scanned yet.".
    return (
      <Typography variant="body2">
        Scan finished{' '}
        <DateTimeText value={lastScan.finishedAt ?? lastScan.createdAt} />: its
        results could not be loaded.
      </Typography>
    );
  }
  return <Typography variant="body2">Not scanned yet.</Typography>;
}

/**
 * The link to the tab, named for what it shows: findings only after a scan
 * that read infrastructure code; the state of the scans (and Scan now)
 * otherwise. None for an entity that cannot be scanned: the card says why.
 */
function tabLink(
  scorecard: EntityScorecard | undefined,
  tabPath: string,
): { title: string; link: string } | undefined {
  if (!scorecard || scorecard.entity?.scannable === false) return undefined;
  const readCode =
    scorecard.lastSuccessfulScan &&
    scorecard.lastSuccessfulScan.counts?.filesScanned !== 0;
  return {
    title: readCode ? 'View findings' : 'View scan status',
    link: tabPath,
  };
}

/**
 * The open findings in a line: "No open findings" for none (not "0 open
 * findings (0 critical, 0 high)"), "1 open finding" for one.
 */
function openFindingsText(open: EntityScorecard['open']): string {
  const total = open?.total ?? 0;
  if (total === 0) return 'No open findings';
  return `${total} open ${total === 1 ? 'finding' : 'findings'} (${
    open?.critical ?? 0
  } critical, ${open?.high ?? 0} high)`;
}

/**
 * The overview-page card: grade, a bar per category and a link to the tab.
 * `tabPath` is where the app mounted the Compliance tab, relative to the entity page.
 */
export function EntityInfraComplianceCard(props: { tabPath?: string }) {
  const { tabPath = 'compliance' } = props;
  const { entity } = useEntity();
  const focusRing = useFocusRingStyles();
  const entityRef = getCompoundEntityRef(entity);
  const scorecard = useEntityScorecard(entityRef);
  const { error, retry } = scorecard;
  const resultsRef = useRef<HTMLDivElement>(null);
  // In place: the card went blank under a spinner when the scan ended.
  const endedScan = useReloadAfterScan(
    scorecard.value?.runningScan?.id,
    scorecard.refresh,
  );
  // Read again in vain (after that scan): the results shown stay, a
  // warning over them, not "Scanning now" over the results from before it.
  const value =
    scorecard.value && error
      ? withScanEnded(scorecard.value, endedScan)
      : scorecard.value;

  const deepLink = tabLink(value, tabPath);
  let body;
  if (!value) {
    // A retry's spinner, not the error it retries.
    body =
      error && !scorecard.loading ? (
        <LoadError error={error} onRetry={retry} />
      ) : (
        <Progress />
      );
  } else if (value.entity && !value.entity.scannable) {
    body = (
      <Typography variant="body2">
        Not scannable: {value.entity.unscannableReason}
      </Typography>
    );
  } else if (!value.lastSuccessfulScan) {
    body = <NoResultsYet scorecard={value} />;
  } else if (value.lastSuccessfulScan.counts?.filesScanned === 0) {
    const notJudgedByLastScan = notJudged(value.lastSuccessfulScan);
    body = (
      <>
        <FailedScanWarning scorecard={value} />
        <ScanningNote scorecard={value} />
        {/* A Python CDK app's cdk.json, a template too large: found, not read. */}
        {notJudgedByLastScan?.filesSkipped ? (
          <>
            <Typography variant="body2">
              No infrastructure code read: the last scan skipped every file of
              it that it found.
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {notJudgedByLastScan.summary}
            </Typography>
          </>
        ) : (
          <Typography variant="body2">
            No infrastructure code found: the last scan read no file the engine
            knows.
          </Typography>
        )}
      </>
    );
  } else {
    const lastRead = lastReadScan(value);
    const notJudgedSummary = notJudged(value.lastSuccessfulScan)?.summary;
    body = (
      <>
        <FailedScanWarning scorecard={value} />
        <ScanningNote scorecard={value} />
        <Box display="flex" alignItems="center" mb={2}>
          <GradeBadge grade={value.grade} size="large" />
          <Box ml={2}>
            <Box display="flex" alignItems="center">
              <Typography variant="h5" component="p">
                {value.score === null ? 'No score' : `${value.score} / 100`}
              </Typography>
              <ScoreFormulaInfo formula={value.formula} />
            </Box>
            <Typography variant="body2" color="textSecondary">
              {openFindingsText(value.open)}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Last scanned{' '}
              <DateTimeText
                value={lastRead?.finishedAt ?? lastRead?.createdAt}
              />
            </Typography>
            {/* What the grade leaves out, in a line: the tab lists it. */}
            {notJudgedSummary && (
              <Typography variant="body2" color="textSecondary">
                {notJudgedSummary}
              </Typography>
            )}
          </Box>
        </Box>
        {SCORED_CATEGORIES.map(({ id, title }) => {
          const score = value.categories[id]?.score ?? null;
          return (
            <Box key={id} mb={1}>
              <Box display="flex" justifyContent="space-between">
                <Typography variant="body2">{title}</Typography>
                <Typography variant="body2" color="textSecondary">
                  {score === null ? 'Not applicable' : score}
                </Typography>
              </Box>
              <ScoreBar score={score} label={`${title} score`} />
            </Box>
          );
        })}
      </>
    );
  }
  return (
    <InfoCard
      title="Infra compliance"
      titleTypographyProps={CARD_TITLE_HEADING}
      deepLink={deepLink}
      className={focusRing.root}
    >
      {/* A named region: where the focus lands when the warning goes away
          with it, a screen reader said all of the card's text, not where the
          focus was. */}
      <div
        data-testid="infra-compliance-card"
        ref={resultsRef}
        tabIndex={-1}
        role="region"
        aria-label="Infra compliance results"
      >
        {/* Without results, LoadError is the card's body. */}
        <RefreshWarning
          error={value && error}
          failedRead={scorecard.failedRead}
          retrying={scorecard.loading}
          onRetry={retry}
          resultsRef={resultsRef}
        />
        {body}
      </div>
    </InfoCard>
  );
}
