/**
 * Dates' local fields (year, month, day, hours, minutes) as in a time zone
 * `offsetHours` east of UTC, until the function returned is called: the
 * tests run in UTC, where a moment's UTC day and its local day are one, and
 * Node reads the TZ variable of the real process only, not a test's.
 */
export function emulateTimeZone(offsetHours: number): () => void {
  const shifted = (date: Date) =>
    new Date(date.getTime() + offsetHours * 3_600_000);
  const fields = [
    ['getFullYear', 'getUTCFullYear'],
    ['getMonth', 'getUTCMonth'],
    ['getDate', 'getUTCDate'],
    ['getHours', 'getUTCHours'],
    ['getMinutes', 'getUTCMinutes'],
  ] as const;
  const spies = fields.map(([local, utc]) =>
    jest
      .spyOn(Date.prototype, local)
      .mockImplementation(function inTimeZone(this: Date) {
        return shifted(this)[utc]();
      }),
  );
  return () => spies.forEach(spy => spy.mockRestore());
}
