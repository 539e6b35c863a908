import { useCallback, useEffect, useRef, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import {
  DEFAULT_NAMESPACE,
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi, useRouteRefParams } from '@backstage/core-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraComplianceApiRef, Scan } from '../../api';
import {
  CARD_TITLE_HEADING,
  CardSubheading,
  lastReadScan,
  LoadError,
  notJudged,
  OPENED_RESOLVED_TITLE,
  OpenedResolvedBars,
  PanelTitlesAsH2,
  RefreshWarning,
  RuleCatalogProvider,
  ScoreSparkline,
  useEntityScorecard,
  useFocusRingStyles,
  withScanEnded,
} from '../shared';
import { ConfigWarningsCard } from './ConfigWarningsCard';
import { FindingsTable } from './FindingsTable';
import { NotJudgedCard } from './NotJudgedCard';
import { RecentScansCard } from './RecentScansCard';
import { ScanNowButton } from './ScanNowButton';
import { scannedLocation } from './sourceLink';
import { ScanProgress, ScanStatusBanner } from './ScanStatusBanner';
import {
  CategoryTiles,
  ScoreOverview,
  ScorecardOutOfDate,
} from './ScorecardSummary';
import { UnusedSuppressionsCard } from './UnusedSuppressionsCard';
import { useScanRunner } from './useScanRunner';
import { WaiversTable } from './WaiversTable';

/** Why an entity that can be scanned has no results yet. */
function NoResultsYet(props: {
  lastScan: Scan | undefined;
  scanButton: JSX.Element;
}) {
  const { lastScan, scanButton } = props;
  if (lastScan?.status === 'failed') {
    // The banner above says why it failed.
    return (
      <EmptyState
        missing="data"
        title="No successful scan yet"
        description="No scan of this entity's infrastructure code has succeeded yet, so it has no scorecard. Scheduled scans will try again, or start one now."
        action={scanButton}
      />
    );
  }
  if (lastScan) {
    // A scan that ended without results shown: the first one, the page
    // following it to its end and its results not read (withScanEnded),
    // the warning's Retry above. It said "Not scanned yet" under "Scan
    // finished: 1 new, 0 resolved.".
    return (
      <EmptyState
        missing="data"
        title="Results not loaded"
        description="The scan finished, but its results could not be loaded. Retry, above."
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title="Not scanned yet"
      description="This entity's infrastructure code has not been scanned. Scheduled scans will pick it up, or start one now."
      action={scanButton}
    />
  );
}

/**
 * Whether the page's address names another entity than the one the page
 * shows: the address moves on (a link, Back) before the catalog has
 * answered with the entity it names. False outside an entity's route.
 */
function useAddressNamesAnotherEntity(entity: Entity): boolean {
  const params: Partial<Record<'kind' | 'namespace' | 'name', string>> =
    useRouteRefParams(entityRouteRef);
  if (!params.kind || !params.name) return false;
  const shown = getCompoundEntityRef(entity);
  const same = (a: string, b: string) =>
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
  return !(
    same(params.kind, shown.kind) &&
    same(params.namespace ?? DEFAULT_NAMESPACE, shown.namespace) &&
    same(params.name, shown.name)
  );
}

/** The Compliance tab of an entity page. */
export function EntityInfraComplianceContent() {
  const classes = useFocusRingStyles();
  const { entity } = useEntity();
  // Until the entity the address names arrives: the tab of the one still
  // shown would read that address's page of findings (and correct it to
  // its own last page, which the entity moved to would then open at).
  const addressMovedOn = useAddressNamesAnotherEntity(entity);
  return (
    <RuleCatalogProvider>
      <div className={classes.root}>
        {/* Remounted on another entity (the entity page stays mounted when
            the route moves on): the scan the page followed, its polling and
            its outcome ("Scan failed.") are the previous entity's. */}
        {addressMovedOn ? (
          <Progress />
        ) : (
          <ComplianceTab key={stringifyEntityRef(entity)} />
        )}
      </div>
    </RuleCatalogProvider>
  );
}

function ComplianceTab() {
  const { entity } = useEntity();
  const api = useApi(infraComplianceApiRef);
  const entityRef = getCompoundEntityRef(entity);
  const refKey = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`;
  // The whole tab reloads after a scan it followed or a waiver; only the
  // results (history, findings, waivers) after a scan that ended elsewhere,
  // or a waiver made elsewhere, which the scorecard, read again quietly,
  // already shows.
  const [reloadKey, setReloadKey] = useState(0);
  const [resultsKey, setResultsKey] = useState(0);
  // The recent scans: with the results, and after a scan that ended
  // elsewhere without changing them (failed, or the source unchanged).
  const [scansKey, setScansKey] = useState(0);
  const reloadResults = useCallback(() => {
    setResultsKey(k => k + 1);
    setScansKey(k => k + 1);
  }, []);
  const reload = useCallback(() => {
    setReloadKey(k => k + 1);
    reloadResults();
  }, [reloadResults]);
  const runner = useScanRunner(entityRef, reload);
  // Not while a scan is followed: its end reloads the whole tab, and the
  // results were read twice when the scorecard, read again, said so too
  // (on return, both are asked at once).
  const scanningRef = useRef(runner.scanning);
  scanningRef.current = runner.scanning;
  const reloadChangedResults = useCallback(() => {
    if (!scanningRef.current) reloadResults();
  }, [reloadResults]);
  const reloadChangedScans = useCallback(() => {
    if (!scanningRef.current) setScansKey(k => k + 1);
  }, []);

  // The results under the warning of a failed refresh: the focus goes
  // there when the warning goes away with it.
  const resultsRef = useRef<HTMLDivElement>(null);
  const scorecard = useEntityScorecard(entityRef, {
    reloadKey,
    onResultsChanged: reloadChangedResults,
    onLastScanChanged: reloadChangedScans,
  });
  const history = useAsyncRetry(
    () => api.getHistory(entityRef),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, refKey, resultsKey],
  );

  // A scan started elsewhere (scheduler, another user) is followed too.
  const activeScanId = scorecard.value?.runningScan?.id;
  const { follow, scanning } = runner;
  useEffect(() => {
    if (activeScanId && !scanning) follow(activeScanId);
  }, [activeScanId, follow, scanning]);
  // A scan the page could not follow, over as the scorecard shows.
  const lastScan = scorecard.value?.lastScan;
  const { lastScanShown } = runner;
  useEffect(() => {
    if (lastScan) lastScanShown(lastScan);
  }, [lastScan, lastScanShown]);

  const retry = () => {
    scorecard.retry();
    if (scorecard.value) {
      // Read again with it after a scan or a waiver, the results beside the
      // scorecard shown failed with it when the backend was down: the
      // tables stayed "Could not load", each with a Retry of its own, once
      // the warning's Retry had cleared it. In place, as after a scan.
      reloadResults();
    } else if (history.error) {
      // Asked for beside the scorecard, it failed with it.
      history.retry();
    }
  };
  if (!scorecard.value) {
    // A retry's spinner, not the error it retries.
    if (scorecard.error && !scorecard.loading) {
      return (
        <LoadError headingLevel={2} error={scorecard.error} onRetry={retry} />
      );
    }
    return <Progress />;
  }
  // Read again in vain (after a scan, a waiver): the results shown stay,
  // a warning over them; the scan the page followed ended all the same.
  const card = scorecard.error
    ? withScanEnded(scorecard.value, runner.scan)
    : scorecard.value;
  // Its figures marked as such, not the results beside them: those reload
  // on their own (after a waiver, the finding left the open ones and its
  // waiver is listed), each saying when it cannot. Showing them from before
  // the waiver too, for the scorecard's sake, hid the waiver just made.
  const outOfDate = scorecard.error !== undefined;
  const refreshWarning = (
    <RefreshWarning
      error={scorecard.error}
      failedRead={scorecard.failedRead}
      retrying={scorecard.loading}
      onRetry={retry}
      resultsRef={resultsRef}
    />
  );
  const scanButton = (
    <ScanNowButton entityRef={entityRef} runner={runner} scorecard={card} />
  );

  if (card.entity && !card.entity.scannable) {
    return (
      <PanelTitlesAsH2>
        <EmptyState
          missing="info"
          title="This entity cannot be scanned"
          description={
            card.entity.unscannableReason ?? 'It has no source location.'
          }
        />
      </PanelTitlesAsH2>
    );
  }
  // Its panels' titles, and the states' under it, are h2 as the cards'.
  const banner = (
    <PanelTitlesAsH2>
      <ScanStatusBanner scorecard={card} runner={runner} />
    </PanelTitlesAsH2>
  );
  // First in both layouts, so that it stays mounted when the first scan's
  // results replace "Not scanned yet": its announcements are then heard.
  // So does the refresh warning's live region, after it.
  const progress = <ScanProgress scorecard={card} runner={runner} />;
  // A named region: where the focus lands when the warning goes away with
  // it, a screen reader said all of its text, not where the focus was.
  const resultsProps = {
    ref: resultsRef,
    tabIndex: -1,
    role: 'region',
    'aria-label': 'Results',
  };
  // In both layouts, under one key: kept mounted when the first scan's
  // results replace "Not scanned yet". At another place among the grid's
  // items, it was mounted anew: it read the scans a second time, its rows
  // gone under a spinner meanwhile.
  const recentScans = (
    <Grid item xs={12} key="recent-scans">
      <RecentScansCard entityRef={entityRef} reloadKey={scansKey} />
    </Grid>
  );
  if (!card.lastSuccessfulScan) {
    return (
      <>
        {progress}
        {refreshWarning}
        <Grid container spacing={3} {...resultsProps}>
          <Grid item xs={12}>
            {banner}
          </Grid>
          <Grid item xs={12}>
            <PanelTitlesAsH2>
              <NoResultsYet lastScan={card.lastScan} scanButton={scanButton} />
            </PanelTitlesAsH2>
          </Grid>
          {/* A first scan queued (the entity new in the catalog) or failed, with why. */}
          {recentScans}
        </Grid>
      </>
    );
  }

  const notJudgedByLastScan = notJudged(card.lastSuccessfulScan);
  const unusedSuppressions = card.lastSuccessfulScan.unusedSuppressions;
  const configWarnings = card.lastSuccessfulScan.configWarnings;
  // Paths are relative to the folder the results were read from.
  const sourceLocation = scannedLocation(lastReadScan(card), entity);
  return (
    <>
      {progress}
      {refreshWarning}
      <Grid container spacing={3} {...resultsProps}>
        <Grid item xs={12}>
          {banner}
        </Grid>
        <Grid item xs={12} md={5}>
          <InfoCard
            title="Scorecard"
            titleTypographyProps={CARD_TITLE_HEADING}
            subheader={outOfDate && <ScorecardOutOfDate />}
            action={scanButton}
            variant="gridItem"
          >
            <ScoreOverview scorecard={card} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard
            variant="gridItem"
            title="History"
            titleTypographyProps={CARD_TITLE_HEADING}
            subheader="Last 90 days"
          >
            {history.loading && !history.value && <Progress />}
            {history.error && !history.loading && (
              <LoadError error={history.error} onRetry={history.retry} />
            )}
            {history.value && (
              <>
                <CardSubheading>Score</CardSubheading>
                <ScoreSparkline snapshots={history.value.snapshots} />
                <CardSubheading>{OPENED_RESOLVED_TITLE}</CardSubheading>
                <OpenedResolvedBars timeline={history.value.timeline} />
              </>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <CategoryTiles scorecard={card} outOfDate={outOfDate} />
        </Grid>
        <Grid item xs={12}>
          {/* Both tables remounted on another entity, their filters and dialogs
            gone: the entity page stays mounted when the route moves to
            another entity, and a rule picked on one service filtered the
            next one's findings, and a revoke dialog (the browser's Back
            pressed under it) stayed open over the next one's page. The
            findings' filters are read from the address, the next entity's
            own. */}
          <FindingsTable
            key={refKey}
            entity={entity}
            sourceLocation={sourceLocation}
            reloadKey={resultsKey}
            excepted={(card.waived ?? 0) + (card.suppressed ?? 0)}
            nothingChecked={card.lastSuccessfulScan?.counts?.checks === 0}
            onChanged={reload}
          />
        </Grid>
        {/* What only the repository's owners can fix, under its findings. */}
        {configWarnings && configWarnings.length > 0 && (
          <Grid item xs={12}>
            <ConfigWarningsCard
              sourceLocation={sourceLocation}
              configWarnings={configWarnings}
            />
          </Grid>
        )}
        {/* Remediation left half done, under the findings it was about. */}
        {unusedSuppressions && unusedSuppressions.items.length > 0 && (
          <Grid item xs={12}>
            <UnusedSuppressionsCard
              sourceLocation={sourceLocation}
              unusedSuppressions={unusedSuppressions}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <WaiversTable
            key={refKey}
            entity={entity}
            reloadKey={resultsKey}
            onChanged={reload}
          />
        </Grid>
        {recentScans}
        {/* Last, at length: the scorecard says how much, and links here. */}
        {notJudgedByLastScan && (
          <Grid item xs={12}>
            <NotJudgedCard
              sourceLocation={sourceLocation}
              notJudged={notJudgedByLastScan}
            />
          </Grid>
        )}
      </Grid>
    </>
  );
}
