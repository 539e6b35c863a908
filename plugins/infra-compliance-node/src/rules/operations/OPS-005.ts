import { asString } from '../../graph/values';
import { FUNCTION_TYPE } from '../../analysis/lambda';
import { Rule, defineOwnValuesRule } from '../types';
import { LAMBDA_RUNTIMES } from './lambdaRuntimes';
import { lookupTable } from '../../support/lookupTable';

/** How far ahead an upcoming deprecation is reported. */
const WARNING_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of the date's UTC day: UTC days are DAY_MS apart (and cheaper so than through Date.UTC). */
function utcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS) * DAY_MS;
}

/** When each runtime of the schedule is deprecated and blocked from updates, parsed once: functions are many, runtimes few. */
const SCHEDULE_TIMES = lookupTable<{
  deprecation: number;
  blockUpdate?: number;
}>(
  Object.fromEntries(
    Object.entries(LAMBDA_RUNTIMES).map(([runtime, schedule]) => [
      runtime,
      {
        deprecation: Date.parse(`${schedule.deprecation}T00:00:00Z`),
        blockUpdate: schedule.blockFunctionUpdate
          ? Date.parse(`${schedule.blockFunctionUpdate}T00:00:00Z`)
          : undefined,
      },
    ]),
  ),
);

/** Where a runtime's deprecation stands on a day the rule reports it. */
interface Deprecation {
  deprecated: boolean;
  /** Whether AWS blocks updating functions on it from that day on (undefined where AWS set no date). */
  updateBlocked?: boolean;
}

/** Where the runtime's deprecation stands on `today` (a UTC day): undefined while it is more than WARNING_DAYS ahead. */
function deprecationOn(
  runtime: string,
  today: number,
): Deprecation | undefined {
  const times = SCHEDULE_TIMES[runtime];
  const days = Math.round((times.deprecation - today) / DAY_MS);
  if (days > WARNING_DAYS) return undefined;
  return {
    deprecated: days <= 0,
    updateBlocked:
      times.blockUpdate === undefined ? undefined : times.blockUpdate <= today,
  };
}

/**
 * OPS-005: a function's runtime is deprecated by AWS, or will be within 90
 * days of the scan date, per the schedule in `lambdaRuntimes.ts`. Runtimes
 * that are not known statically, or that the schedule does not list, are
 * not judged.
 */
const rule = defineOwnValuesRule('OPS-005', ({ graph, now, check, report }) => {
  const today = utcDay(now);
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    const runtime = asString(fn.properties.Runtime);
    const schedule =
      runtime === undefined ? undefined : LAMBDA_RUNTIMES[runtime];
    if (!runtime || !schedule) continue;
    check(fn);
    const deprecation = deprecationOn(runtime, today);
    if (!deprecation) continue;
    const blockUpdate = schedule.blockFunctionUpdate;
    let updateNote = '';
    if (blockUpdate) {
      updateNote = deprecation.updateBlocked
        ? `; functions on it can no longer be updated since ${blockUpdate}`
        : `; AWS blocks updating functions on it from ${blockUpdate}`;
    }
    const when = deprecation.deprecated
      ? `was deprecated by AWS on ${schedule.deprecation}`
      : `will be deprecated by AWS on ${schedule.deprecation}`;
    // Where the call that made it cannot set one (a Pulumi inline handler), say where the author can.
    const fix = graph.settingsElsewhere(fn)
      ? ` Set ${graph.nameOf(fn, 'Runtime')}.`
      : '';
    report(fn, {
      message: `Function ${fn.generatedBy ?? fn.id} uses runtime ${runtime} (${
        schedule.name
      }), which ${when}${updateNote}.${fix}`,
      path: ['Runtime'],
    });
  }
});

const ops005: Rule = {
  ...rule,
  /**
   * Each runtime the rule reports at `now`: whether it is deprecated yet, and
   * blocked from updates. Messages give dates, never a count of days left,
   * so that results kept while a repository does not change (the backend
   * scans it again only when this key changes) stay true.
   */
  dateKey(now: Date): string {
    const today = utcDay(now);
    return Object.keys(LAMBDA_RUNTIMES)
      .flatMap(runtime => {
        const deprecation = deprecationOn(runtime, today);
        if (!deprecation) return [];
        const blocked = deprecation.updateBlocked ? ' update blocked' : '';
        return [
          `${runtime} ${
            deprecation.deprecated ? 'deprecated' : 'upcoming'
          }${blocked}`,
        ];
      })
      .join(',');
  },
};

export default ops005;
