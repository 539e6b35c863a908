import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { Snapshot, TimelineDay } from '../../api';

const WIDTH = 480;
const HEIGHT = 100;
const PAD = 4;

/** The score of each successful scan, oldest first, as a line (0–100). */
export function ScoreSparkline(props: { snapshots: Snapshot[] }) {
  const theme = useTheme();
  const points = props.snapshots.filter(s => s.score !== null);
  if (points.length === 0) {
    return <Typography variant="body2">No score history yet.</Typography>;
  }
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const y = (score: number) => PAD + ((100 - score) / 100) * (HEIGHT - 2 * PAD);
  const coords = points.map((s, i) => [PAD + i * step, y(s.score!)] as const);
  const last = points[points.length - 1];
  return (
    <svg
      role="img"
      aria-label={`Score history: ${points.length} scans, latest ${last.score}`}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      height={HEIGHT}
      preserveAspectRatio="none"
    >
      {[40, 70, 90].map(floor => (
        <line
          key={floor}
          x1={0}
          x2={WIDTH}
          y1={y(floor)}
          y2={y(floor)}
          stroke={theme.palette.divider}
          strokeDasharray="4 4"
        />
      ))}
      <polyline
        fill="none"
        stroke={theme.palette.primary.main}
        strokeWidth={2}
        points={coords.map(([px, py]) => `${px},${py}`).join(' ')}
      />
      {coords.map(([px, py], i) => (
        <circle key={i} cx={px} cy={py} r={3} fill={theme.palette.primary.main}>
          <title>{`${points[i].takenAt.slice(0, 10)}: ${
            points[i].score
          }`}</title>
        </circle>
      ))}
    </svg>
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
