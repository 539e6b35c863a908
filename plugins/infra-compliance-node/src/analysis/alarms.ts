/**
 * CloudWatch alarms read from the graph: which metrics an alarm watches (its
 * own metric, or the metrics of its metric-math queries) and whether one of
 * them is a given metric of a given resource. Answers are `unknown` whenever
 * a namespace, metric name or dimension cannot be read, so that a missing
 * alarm is only reported when it is proven missing.
 */
import { Resource, ResourceGraph } from '../graph/ResourceGraph';
import {
  Ref,
  Template,
  Value,
  asList,
  containsUnknown,
  getPath,
  isMap,
} from '../graph/values';
import { Answer } from './iam';
import { namesResource } from './lambda';

export const ALARM_TYPE = 'AWS::CloudWatch::Alarm';
export const COMPOSITE_ALARM_TYPE = 'AWS::CloudWatch::CompositeAlarm';

/** A CloudWatch metric of one resource: namespace, metric name, and the dimension that names the resource. */
export interface ResourceMetric {
  namespace: string;
  metricName: string;
  /** Dimension whose value names the resource (`FunctionName`, `QueueName`). */
  dimension: string;
  /** Property of the resource that holds its physical name (`FunctionName`, `QueueName`). */
  nameProperty: string;
}

/** One metric an alarm reads, as written. */
interface AlarmMetric {
  namespace: Value | undefined;
  metricName: Value | undefined;
  dimensions: Value | undefined;
}

/** The metrics an alarm reads; `readable` is false when some of them cannot be known statically. */
function metricsOf(alarm: Resource): { metrics: AlarmMetric[]; readable: boolean } {
  const p = alarm.properties;
  const metrics: AlarmMetric[] = [];
  let readable = true;
  if (p.MetricName !== undefined || p.Namespace !== undefined) {
    metrics.push({ namespace: p.Namespace, metricName: p.MetricName, dimensions: p.Dimensions });
  }
  if (p.Metrics !== undefined) {
    if (!Array.isArray(p.Metrics)) readable = false;
    for (const query of asList(p.Metrics)) {
      if (!isMap(query)) {
        readable = false;
        continue;
      }
      const metric = getPath(query, ['MetricStat', 'Metric']);
      if (isMap(metric)) {
        metrics.push({ namespace: metric.Namespace, metricName: metric.MetricName, dimensions: metric.Dimensions });
      } else if (metric !== undefined) {
        readable = false;
      } else if (query.Expression !== undefined) {
        // A SEARCH expression may select any metric; an expression not known statically too.
        const expression = query.Expression;
        if (typeof expression !== 'string' || /\bSEARCH\s*\(/i.test(expression)) readable = false;
      }
    }
  }
  return { metrics, readable };
}

/** Is a namespace or metric name the expected text? */
function textIs(value: Value | undefined, expected: string): Answer {
  if (value === undefined) return 'no';
  if (typeof value === 'string') return value === expected ? 'yes' : 'no';
  return value instanceof Ref || value instanceof Template || containsUnknown(value) ? 'unknown' : 'no';
}

/** Does a dimension value name the resource (a reference to it, or its literal physical name)? */
function valueNames(graph: ResourceGraph, value: Value | undefined, resource: Resource, nameProperty: string): Answer {
  if (namesResource(value, resource, nameProperty)) return 'yes';
  if (value === undefined || value === null) return 'no';
  if (containsUnknown(value)) return 'unknown';
  if (value instanceof Ref) {
    // Another resource of the same type names another resource; anything else (a custom resource, a nested stack's output) might name this one.
    return graph.get(value.target)?.type === resource.type ? 'no' : 'unknown';
  }
  if (value instanceof Template) return 'unknown';
  if (typeof value === 'string') {
    // Without an explicit name, the physical name is generated at deploy time: a literal cannot be known to match it.
    const name = resource.properties[nameProperty];
    return name === undefined || typeof name === 'string' ? 'no' : 'unknown';
  }
  return 'no';
}

/** Does the alarm's list of dimensions contain `dimension` naming the resource? */
function dimensionsName(
  graph: ResourceGraph,
  dimensions: Value | undefined,
  dimension: string,
  resource: Resource,
  nameProperty: string,
): Answer {
  if (dimensions === undefined) return 'no';
  // Formats that write dimensions as a map (`{ FunctionName = ... }`) read the same.
  const list: Value = isMap(dimensions)
    ? Object.entries(dimensions).map(([name, value]) => ({ Name: name, Value: value }))
    : dimensions;
  if (!Array.isArray(list)) return 'unknown';
  let answer: Answer = 'no';
  for (const item of list) {
    if (!isMap(item)) {
      answer = 'unknown';
      continue;
    }
    const name = textIs(item.Name, dimension);
    if (name === 'no') continue;
    const named = valueNames(graph, item.Value, resource, nameProperty);
    if (name === 'yes' && named === 'yes') return 'yes';
    if (named !== 'no') answer = 'unknown';
  }
  return answer;
}

function all(answers: Answer[]): Answer {
  if (answers.includes('no')) return 'no';
  return answers.every(a => a === 'yes') ? 'yes' : 'unknown';
}

/** Does one alarm watch `metric` of `resource` (directly or in metric math)? */
export function alarmWatches(
  graph: ResourceGraph,
  alarm: Resource,
  metric: ResourceMetric,
  resource: Resource,
): Answer {
  const { metrics, readable } = metricsOf(alarm);
  let answer: Answer = readable ? 'no' : 'unknown';
  for (const watched of metrics) {
    const matches = all([
      textIs(watched.namespace, metric.namespace),
      textIs(watched.metricName, metric.metricName),
      dimensionsName(graph, watched.dimensions, metric.dimension, resource, metric.nameProperty),
    ]);
    if (matches === 'yes') return 'yes';
    if (matches === 'unknown') answer = 'unknown';
  }
  return answer;
}

/**
 * The alarms of the graph that may watch `metric` of some resource: the
 * others read only other metrics (another namespace or metric name), and
 * need not be compared with every function or queue.
 */
function candidateAlarms(graph: ResourceGraph, metric: ResourceMetric): Resource[] {
  const perMetric = graph.analysis(candidateAlarms, () => new Map<ResourceMetric, Resource[]>());
  let candidates = perMetric.get(metric);
  if (!candidates) {
    candidates = graph.ofType(ALARM_TYPE).filter(alarm => {
      const { metrics, readable } = metricsOf(alarm);
      return !readable || metrics.some(watched =>
        textIs(watched.namespace, metric.namespace) !== 'no' && textIs(watched.metricName, metric.metricName) !== 'no');
    });
    perMetric.set(metric, candidates);
  }
  return candidates;
}

/** Does some alarm of the graph watch `metric` of `resource`? */
export function hasAlarmOn(graph: ResourceGraph, metric: ResourceMetric, resource: Resource): Answer {
  let answer: Answer = 'no';
  for (const alarm of candidateAlarms(graph, metric)) {
    const watches = alarmWatches(graph, alarm, metric, resource);
    if (watches === 'yes') return 'yes';
    if (watches === 'unknown') answer = 'unknown';
  }
  return answer;
}

export const LAMBDA_ERRORS: ResourceMetric = {
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimension: 'FunctionName',
  nameProperty: 'FunctionName',
};

export const SQS_VISIBLE_MESSAGES: ResourceMetric = {
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimension: 'QueueName',
  nameProperty: 'QueueName',
};
