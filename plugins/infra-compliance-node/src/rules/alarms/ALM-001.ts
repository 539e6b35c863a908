import { LAMBDA_ERRORS, hasAlarmOn, valuesAlarmsOnRestOn } from '../../analysis/alarms';
import { FUNCTION_TYPE } from '../../analysis/lambda';
import { defineRule } from '../types';

/**
 * ALM-001: every function has a CloudWatch alarm on its AWS/Lambda Errors
 * metric (directly or inside a metric-math alarm).
 */
export default defineRule('ALM-001', ({ graph, check, report }) => {
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    check(fn);
    if (hasAlarmOn(graph, LAMBDA_ERRORS, fn) !== 'no') continue;
    report(fn, {
      message: `Function ${fn.id} has no CloudWatch alarm on its AWS/Lambda Errors metric (dimension FunctionName): its failed invocations go unnoticed.`,
      restsOn: valuesAlarmsOnRestOn(graph, LAMBDA_ERRORS, fn),
    });
  }
});
