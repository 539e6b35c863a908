/**
 * CloudWatch Logs log groups of the graph and the functions they belong to.
 * A function's own log group is the one named `/aws/lambda/<function name>`
 * (the name Lambda writes to), or the one its `LoggingConfig.LogGroup` sets.
 */
import { Resource, ResourceGraph } from '../graph/ResourceGraph';
import { Ref, Template, Value, concat, getPath, isMap } from '../graph/values';
import { Answer } from './iam';
import {
  NOT_KNOWN,
  anyAnswer,
  knownText,
  physicalNameResolver,
  sameString,
  textWithPartsNotKnown,
} from './strings';

export const LOG_GROUP_TYPE = 'AWS::Logs::LogGroup';

/** `Log group Logs`, or for one a format makes for a function: `The log group of function Fn that its logRetention sets up`. */
export function describeLogGroup(logGroup: Resource): string {
  if (!logGroup.generatedBy) return `Log group ${logGroup.id}`;
  if (logGroup.origin)
    return `The log group of function ${logGroup.generatedBy} that its ${logGroup.origin} sets up`;
  return `The log group made for function ${logGroup.generatedBy}`;
}
const LAMBDA_LOG_PREFIX = '/aws/lambda/';

/**
 * The name of the log group Lambda writes a function's logs to by default:
 * `/aws/lambda/` + its FunctionName, or + the name CloudFormation generates
 * (a name only `!Ref Function` can produce) when FunctionName is not set.
 */
export function defaultLogGroupName(fn: Resource): Value {
  return concat([
    LAMBDA_LOG_PREFIX,
    fn.properties.FunctionName ?? new Ref(fn.id),
  ]);
}

/**
 * Is this log group the function's default one? Compares the log group's
 * name with `/aws/lambda/<function name>`: `!Sub '/aws/lambda/${Fn}'`, the
 * literal name, or a name built the same way as the function's. `unknown`
 * when a part of the name is not known statically and could make it match.
 */
export function isDefaultLogGroupOf(
  graph: ResourceGraph,
  logGroup: Resource,
  fn: Resource,
): Answer {
  const name = logGroup.properties.LogGroupName;
  // Without a name, CloudFormation generates one, never under /aws/lambda/.
  if (name === undefined) return 'no';
  return sameString(name, defaultLogGroupName(fn), physicalNameResolver(graph));
}

/** The log groups of a graph: by name where the name is known, else in a list to compare one by one. */
interface LogGroupIndex {
  byName: Map<string, Resource>;
  partlyKnown: Resource[];
}

function logGroupIndex(graph: ResourceGraph): LogGroupIndex {
  return graph.analysis(logGroupIndex, buildLogGroupIndex);
}

function buildLogGroupIndex(graph: ResourceGraph): LogGroupIndex {
  const index: LogGroupIndex = { byName: new Map(), partlyKnown: [] };
  const resolve = physicalNameResolver(graph);
  for (const logGroup of graph.ofType(LOG_GROUP_TYPE)) {
    const name = logGroup.properties.LogGroupName;
    if (name === undefined) continue; // a generated name, never under /aws/lambda/
    const known = knownText(name, resolve);
    if (known === undefined) index.partlyKnown.push(logGroup);
    else index.byName.set(known, logGroup);
  }
  return index;
}

/**
 * Does the function have a log group of its own in the stack? `yes` with
 * `LoggingConfig.LogGroup` set (whatever it holds) or a log group named for
 * it; `unknown` when a log group's name could be its name, or the stack
 * declares a log group whose arguments are not known.
 */
export function hasOwnLogGroup(graph: ResourceGraph, fn: Resource): Answer {
  if (getPath(fn.properties, ['LoggingConfig', 'LogGroup']) !== undefined)
    return 'yes';
  // A known name is looked up, not compared with every log group: stacks have hundreds.
  const index = logGroupIndex(graph);
  const known = knownText(defaultLogGroupName(fn), physicalNameResolver(graph));
  if (known !== undefined && index.byName.has(known)) return 'yes';
  const candidates =
    known === undefined ? graph.ofType(LOG_GROUP_TYPE) : index.partlyKnown;
  const answer = anyAnswer(
    candidates.map(logGroup => isDefaultLogGroupOf(graph, logGroup, fn)),
  );
  return answer === 'no' && graph.hasUnknownOfType(LOG_GROUP_TYPE)
    ? 'unknown'
    : answer;
}

/** The log-group name in a CloudWatch Logs ARN: `arn:<partition>:logs:<region>:<account>:log-group:<name>[:...]`. */
const LOG_GROUP_ARN = /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:([^:]*)/;

/** Where the known start of a name pattern ends: a wildcard, or a part not known. */
const END_OF_KNOWN = new RegExp(`[*?${NOT_KNOWN}]`);

/**
 * May a policy statement's resource name the log group a function writes to
 * by default, or its streams? `no` only for a log group's ARN whose name,
 * up to its first wildcard or part not known, leaves `/aws/lambda/` (the
 * Lambda Insights extension's `/aws/lambda-insights`); `unknown` for other
 * values, and for a function whose `LoggingConfig` may name any group.
 */
export function mayNameOwnLogGroup(fn: Resource): (value: Value) => Answer {
  const config = fn.properties.LoggingConfig;
  const logsElsewhere =
    config !== undefined && (!isMap(config) || config.LogGroup !== undefined);
  return value => {
    if (value === '*') return 'yes';
    if (
      logsElsewhere ||
      (typeof value !== 'string' && !(value instanceof Template))
    )
      return 'unknown';
    const name = LOG_GROUP_ARN.exec(textWithPartsNotKnown(value))?.[1];
    if (name === undefined) return 'unknown';
    const known = name.split(END_OF_KNOWN)[0];
    return LAMBDA_LOG_PREFIX.startsWith(known) ||
      known.startsWith(LAMBDA_LOG_PREFIX)
      ? 'unknown'
      : 'no';
  };
}
