import Box from '@material-ui/core/Box';
import { useTheme } from '@material-ui/core/styles';
import { gradeForScore } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import Typography from '@material-ui/core/Typography';
import type { Snapshot, TimelineDay } from '../../api';

const WIDTH = 480;
const HEIGHT = 100;
const PAD = 4;

/** The floors of grades A, C and E, drawn as dashed lines. */
const GRADE_LINES = [90, 70, 40];
/** Room left of the chart for the grade lines' labels. */
const LABEL_GUTTER = 40;

/**
 * The score of each successful scan, oldest first, as a line (0–100) over
 * the grade floors, with the first and last scan's days below. The SVG
 * stretches to the width, so labels are HTML beside it and the points are
 * round-capped zero-length strokes that do not stretch into ellipses.
 */
export function ScoreSparkline(props: { snapshots: Snapshot[] }) {
  const theme = useTheme();
  const points = props.snapshots.filter(s => s.score !== null);
  if (points.length === 0) {
    return <Typography variant="body2">No score history yet.</Typography>;
  }
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  // A single scan in the middle: on the left edge it read as a stray mark.
  const x = (i: number) => (points.length > 1 ? PAD + i * step : WIDTH / 2);
  const y = (score: number) => PAD + ((100 - score) / 100) * (HEIGHT - 2 * PAD);
  const coords = points.map((s, i) => [x(i), y(s.score!)] as const);
  const first = points[0];
  const last = points[points.length - 1];
  const day = (snapshot: Snapshot) => snapshot.takenAt.slice(0, 10);
  return (
    <div data-testid="infra-compliance-score-history">
      <div style={{ position: 'relative', paddingLeft: LABEL_GUTTER }}>
        {GRADE_LINES.map(floor => (
          <Typography
            key={floor}
            variant="caption"
            color="textSecondary"
            style={{
              position: 'absolute',
              left: 0,
              top: y(floor),
              transform: 'translateY(-50%)',
              lineHeight: 1,
            }}
          >
            {`${gradeForScore(floor)} ${floor}`}
          </Typography>
        ))}
        <svg
          role="img"
          aria-label={`Score history: ${points.length} ${
            points.length === 1 ? 'scan' : 'scans'
          }, latest ${last.score}`}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width="100%"
          height={HEIGHT}
          preserveAspectRatio="none"
          style={{ display: 'block' }}
        >
          {GRADE_LINES.map(floor => (
            <line
              key={floor}
              x1={0}
              x2={WIDTH}
              y1={y(floor)}
              y2={y(floor)}
              stroke={theme.palette.divider}
              strokeDasharray="4 4"
              vectorEffect="non-scaling-stroke"
            />
          ))}
          <polyline
            fill="none"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
            points={coords.map(([px, py]) => `${px},${py}`).join(' ')}
          />
          {coords.map(([px, py], i) => (
            <line
              key={i}
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
              <title>{`${day(points[i])}: ${points[i].score}`}</title>
            </line>
          ))}
        </svg>
      </div>
      <Box
        display="flex"
        justifyContent={points.length > 1 ? 'space-between' : 'center'}
        style={{ paddingLeft: LABEL_GUTTER }}
      >
        <Typography variant="caption" color="textSecondary">
          {day(first)}
        </Typography>
        {points.length > 1 && (
          <Typography variant="caption" color="textSecondary">
            {day(last)}
          </Typography>
        )}
      </Box>
    </div>
  );
}

/** Findings opened (up, red) and resolved (down, green) per day. */
export function OpenedResolvedBars(props: { timeline: TimelineDay[] }) {
  const theme = useTheme();
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
  const max = Math.max(1, ...days.map(d => Math.max(d.opened, d.resolved)));
  const mid = HEIGHT / 2;
  const barWidth = Math.max(
    2,
    Math.min(16, (WIDTH - 2 * PAD) / days.length - 2),
  );
  const step = (WIDTH - 2 * PAD) / days.length;
  const scale = (n: number) => (n / max) * (mid - PAD);
  return (
    <svg
      role="img"
      aria-label={`Findings over time: ${opened} opened, ${resolved} resolved`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      height={HEIGHT}
      preserveAspectRatio="none"
    >
      <line
        x1={0}
        x2={WIDTH}
        y1={mid}
        y2={mid}
        stroke={theme.palette.divider}
      />
      {days.map((d, i) => {
        const x = PAD + i * step;
        return (
          <g key={d.day}>
            <title>{`${d.day}: ${d.opened} opened, ${d.resolved} resolved`}</title>
            <rect
              x={x}
              y={mid - scale(d.opened)}
              width={barWidth}
              height={scale(d.opened)}
              fill={theme.palette.error.main}
            />
            <rect
              x={x}
              y={mid}
              width={barWidth}
              height={scale(d.resolved)}
              fill={theme.palette.success.main}
            />
          </g>
        );
      })}
    </svg>
  );
}
