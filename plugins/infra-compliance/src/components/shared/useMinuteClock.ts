import { useEffect, useState } from 'react';

/**
 * How often the time is read again: what follows it (how long ago, the
 * first day a waiver may expire on) changes by the minute at most.
 */
const REFRESH_MS = 60_000;

/** The time now, again each minute while mounted. */
export function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}
