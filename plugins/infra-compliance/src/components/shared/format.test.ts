import { formatDateTime, formatElapsed, formatTimeAgo } from './format';

describe('formatDateTime', () => {
  it("writes a moment's day and minute in the user's time zone", () => {
    // Built in the local time zone, whatever the machine's.
    expect(formatDateTime(new Date(2026, 11, 5, 14, 3, 59).toISOString())).toBe(
      '2026-12-05 14:03',
    );
    expect(formatDateTime(new Date(2026, 0, 9, 7, 5).toISOString())).toBe(
      '2026-01-09 07:05',
    );
    expect(formatDateTime(undefined)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});

describe('formatTimeAgo', () => {
  const now = Date.parse('2026-12-05T14:00:00.000Z');
  it('says how long ago in the largest whole unit', () => {
    expect(formatTimeAgo('2026-12-05T13:59:30.000Z', now)).toBe('just now');
    expect(formatTimeAgo('2026-12-05T13:57:00.000Z', now)).toBe(
      '3 minutes ago',
    );
    expect(formatTimeAgo('2026-12-05T11:00:00.000Z', now)).toBe('3 hours ago');
    expect(formatTimeAgo('2026-12-04T12:00:00.000Z', now)).toBe('yesterday');
    expect(formatTimeAgo('2026-12-01T14:00:00.000Z', now)).toBe('4 days ago');
    expect(formatTimeAgo('2026-09-01T14:00:00.000Z', now)).toBe('3 months ago');
    expect(formatTimeAgo(undefined, now)).toBeUndefined();
  });
});

describe('formatElapsed', () => {
  it('says how long a scan took, to the second', () => {
    expect(formatElapsed(400)).toBe('under a second');
    expect(formatElapsed(800)).toBe('1 second');
    expect(formatElapsed(3400)).toBe('3 seconds');
    expect(formatElapsed(60_000)).toBe('1 minute');
    expect(formatElapsed(72_000)).toBe('1 minute 12 seconds');
    expect(formatElapsed(125_000)).toBe('2 minutes 5 seconds');
  });
});
