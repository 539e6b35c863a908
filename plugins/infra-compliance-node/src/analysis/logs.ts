/**
 * CloudWatch Logs log groups of the graph and the functions they belong to.
 * A function's own log group is the one named `/aws/lambda/<function name>`
 * (the name Lambda writes to), or the one its `LoggingConfig.LogGroup` sets.
 */
import { Resource, ResourceGraph } from '../graph/ResourceGraph';
import { Ref, Value, concat, getPath } from '../graph/values';
import { Answer } from './iam';
import { anyAnswer, physicalNameResolver, sameString } from './strings';

export const LOG_GROUP_TYPE = 'AWS::Logs::LogGroup';
const LAMBDA_LOG_PREFIX = '/aws/lambda/';

/**
 * The name of the log group Lambda writes a function's logs to by default:
 * `/aws/lambda/` + its FunctionName, or + the name CloudFormation generates
 * (a name only `!Ref Function` can produce) when FunctionName is not set.
 */
export function defaultLogGroupName(fn: Resource): Value {
  return concat([LAMBDA_LOG_PREFIX, fn.properties.FunctionName ?? new Ref(fn.id)]);
}

/**
 * Is this log group the function's default one? Compares the log group's
 * name with `/aws/lambda/<function name>`: `!Sub '/aws/lambda/${Fn}'`, the
 * literal name, or a name built the same way as the function's. `unknown`
 * when a part of the name is not known statically and could make it match.
 */
export function isDefaultLogGroupOf(graph: ResourceGraph, logGroup: Resource, fn: Resource): Answer {
  const name = logGroup.properties.LogGroupName;
  // Without a name, CloudFormation generates one, never under /aws/lambda/.
  if (name === undefined) return 'no';
  return sameString(name, defaultLogGroupName(fn), physicalNameResolver(graph));
}

/**
 * Does the function have a log group of its own in the stack? `yes` with
 * `LoggingConfig.LogGroup` set (whatever it holds) or a log group named for
 * it; `unknown` when a log group's name could be its name.
 */
export function hasOwnLogGroup(graph: ResourceGraph, fn: Resource): Answer {
  if (getPath(fn.properties, ['LoggingConfig', 'LogGroup']) !== undefined) return 'yes';
  return anyAnswer(graph.ofType(LOG_GROUP_TYPE).map(logGroup => isDefaultLogGroupOf(graph, logGroup, fn)));
}

/** The log groups of the graph a function writes to: named for it, or set in its LoggingConfig. */
export function logGroupsOf(graph: ResourceGraph, fn: Resource): Resource[] {
  const configured = getPath(fn.properties, ['LoggingConfig', 'LogGroup']);
  const resolve = physicalNameResolver(graph);
  return graph.ofType(LOG_GROUP_TYPE).filter(logGroup =>
    configured !== undefined
      ? graph.resolve(configured) === logGroup || sameString(logGroup.properties.LogGroupName, configured, resolve) === 'yes'
      : isDefaultLogGroupOf(graph, logGroup, fn) === 'yes',
  );
}
