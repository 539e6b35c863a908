import { asString } from '../../graph/values';
import { FUNCTION_TYPE } from '../../analysis/lambda';
import { defineRule } from '../types';
import { LAMBDA_RUNTIMES } from './lambdaRuntimes';
import { lookupTable } from '../../support/lookupTable';

/** How far ahead an upcoming deprecation is reported. */
const WARNING_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of the date's UTC day: UTC days are DAY_MS apart (and cheaper so than through Date.UTC). */
function utcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS) * DAY_MS;
}

/** When each runtime of the schedule is deprecated, parsed once: functions are many, runtimes few. */
const DEPRECATION_TIMES = lookupTable<number>(
  Object.fromEntries(Object.entries(LAMBDA_RUNTIMES).map(([runtime, schedule]) => [runtime, Date.parse(`${schedule.deprecation}T00:00:00Z`)])),
);

/**
 * OPS-005: a function's runtime is deprecated by AWS, or will be within 90
 * days of the scan date, per the schedule in `lambdaRuntimes.ts`. Runtimes
 * that are not known statically, or that the schedule does not list, are
 * not judged.
 */
export default defineRule('OPS-005', ({ graph, now, check, report }) => {
  const today = utcDay(now);
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const runtime = asString(fn.properties.Runtime);
    const schedule = runtime === undefined ? undefined : LAMBDA_RUNTIMES[runtime];
    if (!runtime || !schedule) continue;
    check(fn);
    const deprecation = DEPRECATION_TIMES[runtime];
    const days = Math.round((deprecation - today) / DAY_MS);
    if (days > WARNING_DAYS) continue;
    const blockUpdate = schedule.blockFunctionUpdate;
    let updateNote = '';
    if (blockUpdate) {
      updateNote = Date.parse(`${blockUpdate}T00:00:00Z`) <= today
        ? `; functions on it can no longer be updated since ${blockUpdate}`
        : `; AWS blocks updating functions on it from ${blockUpdate}`;
    }
    const when = days <= 0
      ? `was deprecated by AWS on ${schedule.deprecation}`
      : `will be deprecated by AWS on ${schedule.deprecation}, in ${days} day${days === 1 ? '' : 's'}`;
    // Where the call that made it cannot set one (a Pulumi inline handler), say where the author can.
    const fix = graph.settingsElsewhere(fn) ? ` Set ${graph.nameOf(fn, 'Runtime')}.` : '';
    report(fn, {
      message: `Function ${fn.generatedBy ?? fn.id} uses runtime ${runtime} (${schedule.name}), which ${when}${updateNote}.${fix}`,
      path: ['Runtime'],
    });
  }
});
