import { useEffect, useState } from 'react';
import { formatDateTime, formatTimeAgo } from './format';

/** How often how long ago is said again: its smallest unit is the minute. */
const TIME_AGO_REFRESH_MS = 60_000;

/** The time now, again each minute while mounted. */
function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TIME_AGO_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * A moment, as `2026-12-05 14:03 (3 hours ago)`: the date and time an audit
 * needs, and the relative time Backstage's pages show, both in sight (a
 * tooltip is out of a keyboard's and a touch screen's reach). How long ago
 * follows the clock: a tab left open said "just now" an hour on.
 */
export function DateTimeText(props: { value: string | undefined }) {
  const { value } = props;
  const now = useMinuteClock();
  if (!value) return <>—</>;
  const ago = formatTimeAgo(value, now);
  return (
    <>
      <time dateTime={value}>{formatDateTime(value)}</time>
      {ago && ` (${ago})`}
    </>
  );
}
