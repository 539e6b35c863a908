/**
 * An error as a scan's reason or a log line: its message, after its name
 * when that says more than `Error` (a `TypeError`, a `NotFoundError`).
 */
export function describeError(error: unknown): string {
  if (error instanceof Error)
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}
