import { formatDateTime, formatTimeAgo } from './format';
import { useMinuteClock } from './useMinuteClock';

/**
 * A moment, as `2026-12-05 14:03 (3 hours ago)`: the date and time an audit
 * needs, and the relative time Backstage's pages show, both in sight (a
 * tooltip is out of a keyboard's and a touch screen's reach). How long ago
 * follows the clock: a tab left open said "just now" an hour on. The date
 * is never broken: a narrow column (Recent scans' When, at 800 pixels)
 * broke it at its hyphens, "2026-" over "12-07"; the time may go under it.
 */
export function DateTimeText(props: { value: string | undefined }) {
  const { value } = props;
  const now = useMinuteClock();
  if (!value) return <>—</>;
  const ago = formatTimeAgo(value, now);
  const [day, time] = formatDateTime(value).split(' ');
  return (
    <>
      <time dateTime={value}>
        <span style={{ whiteSpace: 'nowrap' }}>{day}</span>
        {time && ` ${time}`}
      </time>
      {ago && ` (${ago})`}
    </>
  );
}
