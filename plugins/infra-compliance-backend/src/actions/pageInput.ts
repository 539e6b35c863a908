import { z } from 'zod/v3';

/** What a page of a list holds when the caller does not say. */
const DEFAULT_LIMIT = 20;

/**
 * The `limit` and `offset` inputs of an action that lists `what` (e.g.
 * "Findings"): at most `most` a call, and never more than the REST API's
 * `maxPageSize`, which may be lower than the default, which then follows
 * it (as the REST API's does) rather than fail every call that gives none.
 */
export function pageInput(
  zod: typeof z,
  options: { what: string; most: number; maxPageSize: number },
) {
  const maxLimit = Math.min(options.most, options.maxPageSize);
  const defaultLimit = Math.min(DEFAULT_LIMIT, maxLimit);
  return {
    limit: zod
      .number()
      .int()
      .min(1)
      .max(maxLimit)
      .default(defaultLimit)
      .describe(
        `${options.what} to return, at most ${maxLimit} (default ${defaultLimit})`,
      ),
    offset: zod
      .number()
      .int()
      .min(0)
      .max(10_000_000)
      .default(0)
      .describe(`${options.what} to skip, for the next page`),
  };
}
