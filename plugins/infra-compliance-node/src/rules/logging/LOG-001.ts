import { FUNCTION_TYPE } from '../../analysis/lambda';
import {
  LOG_GROUP_TYPE,
  defaultLogGroupName,
  hasOwnLogGroup,
} from '../../analysis/logs';
import { describeValue } from '../../graph/values';
import { defineRule } from '../types';

/**
 * LOG-001: a function needs a log group of its own in the stack, named
 * /aws/lambda/<function name>, or set in its LoggingConfig.LogGroup.
 */
export default defineRule('LOG-001', ({ graph, check, report, doubt }) => {
  const functions = graph.ofType(FUNCTION_TYPE);
  // Whether a log group is a function's rests on their names: a log group's may name any function (`!Sub '/aws/lambda/${Fn}'`).
  const restsOn = [
    { resources: functions, path: ['FunctionName'] },
    { resources: graph.ofType(LOG_GROUP_TYPE), path: ['LogGroupName'] },
  ];
  for (const fn of functions) {
    check(fn);
    const ownLogGroup = hasOwnLogGroup(graph, fn);
    if (ownLogGroup === 'unknown') doubt(fn);
    if (ownLogGroup !== 'no') continue;
    const generatedName = fn.properties.FunctionName === undefined;
    const name = generatedName
      ? `/aws/lambda/<${fn.id}>`
      : describeValue(defaultLogGroupName(fn));
    // A log group named for the function's id takes the generated name for that id: a common mistake (Pulumi adds a
    // suffix). Not where another function is named so: the log group is that one's.
    const namedForId =
      generatedName &&
      !functions.some(other => other.properties.FunctionName === fn.id)
        ? graph
            .ofType(LOG_GROUP_TYPE)
            .find(
              group => group.properties.LogGroupName === `/aws/lambda/${fn.id}`,
            )
        : undefined;
    const nameProperty = graph.nameOf(fn, 'FunctionName');
    const generated = namedForId
      ? ` Log group ${namedForId.id} is named /aws/lambda/${fn.id}, but the function sets no ${nameProperty}, so the name it is deployed with is generated, not ${fn.id}: build the log group's name from the function's name, or set ${nameProperty}.`
      : '';
    report(fn, {
      message: `Function ${
        fn.id
      } has no log group of its own in the stack (none named ${name}, no ${graph.nameOf(
        fn,
        'LoggingConfig.LogGroup',
      )}), so Lambda creates one with no retention and no encryption.${generated}`,
      restsOn,
    });
  }
});
