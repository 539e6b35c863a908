import { ReactNode } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { gradeForScore } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import Typography from '@material-ui/core/Typography';
import type { Snapshot, TimelineDay } from '../../api';
import { DAY_MS, formatDay } from './format';

const WIDTH = 480;
const HEIGHT = 100;
const PAD = 4;

/**
 * What a chart's days are, under a single day and after each day in a
 * tooltip: the backend's UTC days, where the pages' moments are the user's.
 */
const UTC_DAY = 'UTC day';

/** A day as a tooltip names it: which day, in UTC, as the axis says. */
function tooltipDay(day: string): string {
  return `${day} (${UTC_DAY})`;
}

/** The floors of grades A, C and E, drawn as dashed lines. */
const GRADE_LINES = [90, 70, 40];

const useStyles = makeStyles(theme => {
  /** Room left of the chart for the value labels. */
  const labelGutter = theme.spacing(5);
  return {
    plot: { position: 'relative', paddingLeft: labelGutter },
    yLabel: {
      position: 'absolute',
      left: 0,
      transform: 'translateY(-50%)',
      lineHeight: 1,
    },
    // The first day, the note on the days' time zone, the last day; or the
    // only day in the middle, the note beside it. A gap above: a point on
    // the bottom line (a score of 0) sat on the day under it.
    days: {
      display: 'grid',
      gridTemplateColumns: '1fr auto 1fr',
      columnGap: theme.spacing(1),
      paddingLeft: labelGutter,
      marginTop: theme.spacing(1),
    },
    lastDay: { justifySelf: 'end' },
    svg: { display: 'block' },
    legend: {
      display: 'flex',
      justifyContent: 'center',
      gap: theme.spacing(2),
    },
    legendKey: {
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    },
    swatch: { width: 10, height: 10 },
  };
});

/**
 * A chart's frame: value labels in a gutter on the left (at the SVG's y
 * coordinates), the SVG stretched to the width, and the first and last days
 * below (one day: in the middle, where its mark is). The labels are HTML,
 * as text in the stretched SVG would be distorted. The days are UTC days, as
 * the backend counts them, while the pages show moments in the user's time
 * zone: the axis says so.
 */
function ChartFrame(props: {
  testId: string;
  yLabels: { y: number; text: string }[];
  firstDay: string;
  lastDay: string;
  legend?: ReactNode;
  children: ReactNode;
}) {
  const { testId, yLabels, firstDay, lastDay, legend, children } = props;
  const classes = useStyles();
  const caption = (text: string, className?: string) => (
    <Typography variant="caption" color="textSecondary" className={className}>
      {text}
    </Typography>
  );
  return (
    <div data-testid={testId}>
      <div className={classes.plot}>
        {yLabels.map(({ y, text }) => (
          <Typography
            key={`${y}:${text}`}
            variant="caption"
            color="textSecondary"
            className={classes.yLabel}
            style={{ top: y }}
          >
            {text}
          </Typography>
        ))}
        {children}
      </div>
      <div className={classes.days}>
        {firstDay === lastDay ? (
          <>
            <span />
            {caption(firstDay)}
            {caption(UTC_DAY)}
          </>
        ) : (
          <>
            {caption(firstDay)}
            {caption('days in UTC')}
            {caption(lastDay, classes.lastDay)}
          </>
        )}
      </div>
      {legend}
    </div>
  );
}

/** The SVG of a chart: stretched to the width, a fixed height. */
function ChartSvg(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <svg
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      height={HEIGHT}
      preserveAspectRatio="none"
      className={classes.svg}
    >
      {props.children}
    </svg>
  );
}

/**
 * The x axis of a chart over days: each day a slot between the first and the
 * last day (inclusive), by date, a day's mark in the middle of its slot. Days
 * without data leave their slots empty: placed one after the other, a quiet
 * month would look like a day. A single day is in the middle of the chart.
 */
function dayAxis(firstDay: string, lastDay: string) {
  const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
  const slot =
    (WIDTH - 2 * PAD) / (dayNumber(lastDay) - dayNumber(firstDay) + 1);
  return {
    slot,
    centre: (day: string) =>
      PAD + (dayNumber(day) - dayNumber(firstDay) + 0.5) * slot,
  };
}

/** A guide line across the chart, solid or dashed. */
function GuideLine(props: { y: number; dashed?: boolean }) {
  const theme = useTheme();
  return (
    <line
      x1={0}
      x2={WIDTH}
      y1={props.y}
      y2={props.y}
      stroke={theme.palette.divider}
      strokeDasharray={props.dashed ? '4 4' : undefined}
      vectorEffect="non-scaling-stroke"
    />
  );
}

/**
 * The entity's scores, oldest first, as a line (0–100) over the grade floors
 * and the 0 line, each labelled, a point per day at the day's place between
 * the first and the last day (below), straight above the day's bars in the
 * opened vs resolved chart. The history holds a score per change (a
 * successful scan, a waiver that changed it): a period with none is a period
 * without change. A day of several scores shows the last, the score the day
 * ended with, and lists them all in its tooltip: at their day's place they
 * were drawn one on another, the line going up and down on the spot; at
 * their hours on a 90-day axis they would be under a pixel apart. The points
 * are round-capped zero-length strokes that do not stretch into ellipses.
 */
export function ScoreSparkline(props: { snapshots: Snapshot[] }) {
  const theme = useTheme();
  const scored = props.snapshots.filter(s => s.score !== null);
  if (props.snapshots.length === 0) {
    return (
      <Typography variant="body2">
        The score did not change in this period.
      </Typography>
    );
  }
  if (scored.length === 0) {
    return <Typography variant="body2">No score history yet.</Typography>;
  }
  const scoresByDay = new Map<string, number[]>();
  for (const snapshot of scored) {
    const day = formatDay(snapshot.takenAt);
    scoresByDay.set(day, [...(scoresByDay.get(day) ?? []), snapshot.score!]);
  }
  const points = [...scoresByDay].map(([day, scores]) => ({
    day,
    scores,
    score: scores[scores.length - 1],
  }));
  const first = points[0];
  const last = points[points.length - 1];
  const x = dayAxis(first.day, last.day).centre;
  const y = (score: number) => PAD + ((100 - score) / 100) * (HEIGHT - 2 * PAD);
  const coords = points.map(p => [x(p.day), y(p.score)] as const);
  return (
    <ChartFrame
      testId="infra-compliance-score-history"
      yLabels={[
        ...GRADE_LINES.map(floor => ({
          y: y(floor),
          text: `${gradeForScore(floor)} ${floor}`,
        })),
        // A point on the bottom line, unlabelled, could be any low score.
        { y: y(0), text: '0' },
      ]}
      firstDay={first.day}
      lastDay={last.day}
    >
      <ChartSvg
        label={`Score history: ${points.length} ${
          points.length === 1 ? 'day' : 'days'
        }, latest ${last.score}`}
      >
        {GRADE_LINES.map(floor => (
          <GuideLine key={floor} y={y(floor)} dashed />
        ))}
        <GuideLine y={y(0)} />
        <polyline
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
          points={coords.map(([px, py]) => `${px},${py}`).join(' ')}
        />
        {coords.map(([px, py], i) => (
          <line
            key={points[i].day}
            data-testid="infra-compliance-score-point"
            x1={px}
            x2={px}
            y1={py}
            y2={py}
            stroke={theme.palette.primary.main}
            strokeWidth={6}
            strokeLinecap="round"
            vectorEffect="non-scaling-stroke"
          >
            <title>{scoreOfDayTitle(points[i])}</title>
          </line>
        ))}
      </ChartSvg>
    </ChartFrame>
  );
}

/** A day's point: its score, and the day's others before it. */
function scoreOfDayTitle(point: {
  day: string;
  scores: number[];
  score: number;
}) {
  const { day, scores, score } = point;
  if (scores.length === 1) return `${tooltipDay(day)}: ${score}`;
  return `${tooltipDay(day)}: ${score}, the last of ${
    scores.length
  } scores (${scores.join(', ')})`;
}

/**
 * The title of the chart of findings opened and resolved, the same on the
 * entity tab, the group card and the organisation page: they called it three
 * names ("Open vs resolved over time" for the same chart).
 */
export const OPENED_RESOLVED_TITLE = 'Findings opened and resolved per day';

/** A coloured square and its name, for a chart's legend. */
function LegendKey(props: { color: string; text: string }) {
  const classes = useStyles();
  return (
    <span className={classes.legendKey}>
      <span
        aria-hidden
        className={classes.swatch}
        style={{ background: props.color }}
      />
      <Typography variant="caption" color="textSecondary">
        {props.text}
      </Typography>
    </span>
  );
}

/**
 * Findings opened (up, red) and resolved (down, green) per day, each day at
 * its place between the first and the last day (the timeline lists only days
 * with scans). Each side's largest count labels its guide line, the first
 * and last days sit below, a single day in the middle.
 */
export function OpenedResolvedBars(props: { timeline: TimelineDay[] }) {
  const theme = useTheme();
  const classes = useStyles();
  const days = props.timeline;
  const opened = days.reduce((sum, d) => sum + d.opened, 0);
  const resolved = days.reduce((sum, d) => sum + d.resolved, 0);
  if (days.length === 0) {
    return (
      <Typography variant="body2">
        No findings opened or resolved yet.
      </Typography>
    );
  }
  // Each side on its own scale, labelled with its own largest count: on one
  // scale a first scan's hundred findings flattened the few resolved later,
  // and the bottom line claimed the opened side's largest count even when
  // nothing was resolved.
  const maxOpened = Math.max(...days.map(d => d.opened));
  const maxResolved = Math.max(...days.map(d => d.resolved));
  const mid = HEIGHT / 2;
  const height = (n: number, max: number) =>
    max === 0 ? 0 : (n / max) * (mid - PAD);
  const first = days[0];
  const last = days[days.length - 1];
  const { slot, centre } = dayAxis(first.day, last.day);
  const barWidth = Math.max(2, Math.min(16, slot * 0.7));
  // A side with nothing on it has no scale: no guide line, no label.
  const sides = [
    { max: maxOpened, y: PAD },
    { max: maxResolved, y: HEIGHT - PAD },
  ].filter(side => side.max > 0);
  return (
    <ChartFrame
      testId="infra-compliance-opened-resolved"
      yLabels={[
        ...sides.map(side => ({ y: side.y, text: `${side.max}` })),
        { y: mid, text: '0' },
      ]}
      firstDay={first.day}
      lastDay={last.day}
      legend={
        <div className={classes.legend}>
          <LegendKey color={theme.palette.error.main} text="opened" />
          <LegendKey color={theme.palette.success.main} text="resolved" />
        </div>
      }
    >
      <ChartSvg
        label={`Findings over time: ${opened} opened, ${resolved} resolved`}
      >
        {sides.map(side => (
          <GuideLine key={side.y} y={side.y} dashed />
        ))}
        <GuideLine y={mid} />
        {days.map(d => (
          <g key={d.day} data-testid="infra-compliance-timeline-day">
            <title>{`${tooltipDay(d.day)}: ${d.opened} opened, ${
              d.resolved
            } resolved`}</title>
            <rect
              x={centre(d.day) - barWidth / 2}
              y={mid - height(d.opened, maxOpened)}
              width={barWidth}
              height={height(d.opened, maxOpened)}
              fill={theme.palette.error.main}
            />
            <rect
              x={centre(d.day) - barWidth / 2}
              y={mid}
              width={barWidth}
              height={height(d.resolved, maxResolved)}
              fill={theme.palette.success.main}
            />
          </g>
        ))}
      </ChartSvg>
    </ChartFrame>
  );
}
