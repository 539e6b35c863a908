import { z } from 'zod/v3';

/** Open findings, neither waived nor suppressed, by severity. */
export function openCountsOutput(zod: typeof z) {
  return zod
    .object({
      critical: zod.number(),
      high: zod.number(),
      medium: zod.number(),
      low: zod.number(),
      total: zod.number(),
    })
    .describe('Open findings (neither waived nor suppressed) by severity');
}
