import { FUNCTION_TYPE } from '../../analysis/lambda';
import { defaultLogGroupName, hasOwnLogGroup } from '../../analysis/logs';
import { describeValue } from '../../graph/values';
import { defineRule } from '../types';

/**
 * LOG-001: a function needs a log group of its own in the stack, named
 * /aws/lambda/<function name>, or set in its LoggingConfig.LogGroup.
 */
export default defineRule('LOG-001', ({ graph, check, report }) => {
  for (const fn of graph.ofType(FUNCTION_TYPE)) {
    check(fn);
    if (hasOwnLogGroup(graph, fn) !== 'no') continue;
    const name = fn.properties.FunctionName === undefined ? `/aws/lambda/<${fn.id}>` : describeValue(defaultLogGroupName(fn));
    report(fn, {
      message: `Function ${fn.id} has no log group of its own in the stack (none named ${name}, no ${graph.nameOf(fn, 'LoggingConfig.LogGroup')}), so Lambda creates one with no retention and no encryption.`,
    });
  }
});
