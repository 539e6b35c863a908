import {
  LAMBDA_ERRORS,
  alarmsForOtherStacks,
  hasAlarmOn,
  resourceForOtherStacks,
  valuesAlarmsOnRestOn,
} from '../../analysis/alarms';
import { FUNCTION_TYPE } from '../../analysis/lambda';
import { defineRule } from '../types';

/**
 * ALM-001: every function has a CloudWatch alarm on its AWS/Lambda Errors
 * metric (directly or inside a metric-math alarm). An alarm of another
 * template of the scan on the function's literal name, or on the import of
 * the export of its name, answers it (a monitoring stack beside the app's).
 */
export default defineRule(
  'ALM-001',
  ({ graph, check, report, doubt, answerForOtherStacks }) => {
    for (const { key, surely } of alarmsForOtherStacks(graph, LAMBDA_ERRORS))
      answerForOtherStacks(key, surely);
    for (const fn of graph.ofType(FUNCTION_TYPE)) {
      check(fn);
      const alarmed = hasAlarmOn(graph, LAMBDA_ERRORS, fn);
      if (alarmed === 'unknown') doubt(fn);
      if (alarmed !== 'no') continue;
      report(fn, {
        message: `Function ${fn.id} has no CloudWatch alarm on its AWS/Lambda Errors metric (dimension FunctionName): its failed invocations go unnoticed.`,
        restsOn: valuesAlarmsOnRestOn(graph, LAMBDA_ERRORS, fn),
        answeredElsewhereBy: resourceForOtherStacks(graph, LAMBDA_ERRORS, fn),
      });
    }
  },
);
