import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useLocation, useSearchParams } from 'react-router-dom';
import { Link } from '@backstage/core-components';
import type { EntityScorecard } from '../../api';
import {
  CardSubheading,
  GradeBadge,
  SCORED_CATEGORIES,
  ScoreBar,
  ScoreFormulaInfo,
  SeverityCounts,
  DateTimeText,
  lastReadScan,
  notJudged,
  Status,
  visuallyHidden,
} from '../shared';
import { categoryFindingsQuery } from './FindingsTable';
import { NOT_JUDGED_HEADING_ID } from './NotJudgedCard';

const useStyles = makeStyles(theme => ({
  severityHeading: { marginTop: theme.spacing(3) },
  notApplicable: { marginTop: theme.spacing(0.75) },
  // The row's height: a title on two lines ("Dead-letter queues" at 1280px)
  // made its tile taller than the others, a ragged row of boxes.
  tile: { height: '100%' },
  hiddenHeading: visuallyHidden,
}));

/**
 * Beside the scorecard's figures when it could not be read again (the
 * warning over the tab says why): the findings, waivers and history beside
 * them reload on their own, and after a waiver listed it, the finding gone
 * from the open ones, beside the figures from before it, as if current.
 */
export function ScorecardOutOfDate() {
  return <Status kind="warning">Not refreshed: may be out of date</Status>;
}

/** Grade, overall score, the counts behind it and open findings by severity. */
export function ScoreOverview(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  const classes = useStyles();
  return (
    <>
      <ScoreHeadline scorecard={scorecard} />
      <CardSubheading className={classes.severityHeading}>
        Open findings by severity
      </CardSubheading>
      <SeverityCounts counts={scorecard.open} />
    </>
  );
}

function ScoreHeadline(props: { scorecard: EntityScorecard }) {
  const { scorecard } = props;
  const lastSuccess = scorecard.lastSuccessfulScan;
  const lastRead = lastReadScan(scorecard);
  const notJudgedSummary = notJudged(lastSuccess)?.summary;
  return (
    <Box
      display="flex"
      alignItems="center"
      data-testid="infra-compliance-score-overview"
    >
      <GradeBadge grade={scorecard.grade} size="large" />
      <Box ml={2}>
        <Box display="flex" alignItems="center">
          <Typography variant="h4" component="p">
            {scorecard.score === null ? 'No score' : `${scorecard.score} / 100`}
          </Typography>
          <ScoreFormulaInfo formula={scorecard.formula} />
        </Box>
        <Typography variant="body2" color="textSecondary">
          {scorecard.open?.total ?? 0} open · {scorecard.waived ?? 0} waived ·{' '}
          {scorecard.suppressed ?? 0} suppressed · {scorecard.resolved ?? 0}{' '}
          resolved
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Last scanned{' '}
          <DateTimeText value={lastRead?.finishedAt ?? lastRead?.createdAt} />
          {lastSuccess?.counts?.filesScanned !== undefined &&
            `, ${lastSuccess.counts.filesScanned} ${
              lastSuccess.counts.filesScanned === 1 ? 'file' : 'files'
            } of infrastructure code`}
        </Typography>
        {notJudgedSummary && (
          <Typography variant="body2">
            {/* A link within the page, its query kept: Backstage's Link
                routes `#…` to the bare path, which drops the findings'
                filters. */}
            <MuiLink href={`#${NOT_JUDGED_HEADING_ID}`}>
              {notJudgedSummary}
            </MuiLink>
          </Typography>
        )}
      </Box>
    </Box>
  );
}

/**
 * One tile per category: its score, or "Not applicable" when no check
 * applies. `outOfDate` when the scorecard could not be read again.
 */
export function CategoryTiles(props: {
  scorecard: EntityScorecard;
  outOfDate?: boolean;
}) {
  const classes = useStyles();
  const { pathname } = useLocation();
  const [query] = useSearchParams();
  const headingId = 'infra-compliance-category-scores';
  return (
    <Grid container spacing={2} component="section" aria-labelledby={headingId}>
      <h2 id={headingId} className={classes.hiddenHeading}>
        Category scores
      </h2>
      {props.outOfDate && (
        <Grid item xs={12}>
          <ScorecardOutOfDate />
        </Grid>
      )}
      {SCORED_CATEGORIES.map(({ id, title }) => {
        const category = props.scorecard.categories[id];
        const score = category?.score ?? null;
        const failing = category?.open ?? category?.failed ?? 0;
        return (
          <Grid item xs={12} sm={6} md={4} lg={2} key={id}>
            <Card
              variant="outlined"
              className={classes.tile}
              data-testid={`infra-compliance-category-${id}`}
            >
              <CardContent>
                <CardSubheading>{title}</CardSubheading>
                {score === null ? (
                  <Typography
                    variant="body1"
                    color="textSecondary"
                    className={classes.notApplicable}
                  >
                    Not applicable
                  </Typography>
                ) : (
                  <>
                    <Typography variant="h5" component="p">
                      {score}
                    </Typography>
                    <ScoreBar score={score} label={`${title} score`} />
                    <Typography variant="body2" color="textSecondary">
                      {/* The failing count leads to those findings, as a
                          rule's count on the organisation page leads to
                          its services. */}
                      {failing === 0 ? (
                        'All checks pass'
                      ) : (
                        <Link
                          to={`${pathname}${categoryFindingsQuery(query, id)}`}
                          underline="always"
                          aria-label={`${failing} failing: show the open ${title} findings`}
                        >
                          {failing} failing
                        </Link>
                      )}
                    </Typography>
                  </>
                )}
              </CardContent>
            </Card>
          </Grid>
        );
      })}
    </Grid>
  );
}
