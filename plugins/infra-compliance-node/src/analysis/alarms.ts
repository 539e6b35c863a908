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
  Unknown,
  Value,
  asList,
  containsUnknown,
  exportNameImported,
  getPath,
  isMap,
} from '../graph/values';
import { Answer } from './iam';
import { RestingValues } from '../rules/types';
import { addToList } from '../support/multiMap';
import { FUNCTION_TYPE, QUEUE_TYPE } from './lambda';

export const ALARM_TYPE = 'AWS::CloudWatch::Alarm';
export const COMPOSITE_ALARM_TYPE = 'AWS::CloudWatch::CompositeAlarm';

/** A CloudWatch metric of one resource: namespace, metric name, and the dimension that names the resource. */
export interface ResourceMetric {
  namespace: string;
  metricName: string;
  /** Dimension whose value names the resource (`FunctionName`, `QueueName`). */
  dimension: string;
  /** The type of the resources the metric is of. */
  resourceType: string;
  /** Property of the resource that holds its physical name (`FunctionName`, `QueueName`). */
  nameProperty: string;
  /**
   * The attribute a reference reads the name from (a queue's `QueueName`);
   * undefined when it is the resource's `Ref` (a function's). Another
   * attribute (an ARN, a queue's URL) is not the name the dimension needs.
   */
  nameAttribute?: string;
}

/** One metric an alarm reads, as written. */
interface AlarmMetric {
  namespace: Value | undefined;
  metricName: Value | undefined;
  dimensions: Value | undefined;
}

/** The metrics an alarm reads; `readable` is false when some of them cannot be known statically. */
function metricsOf(alarm: Resource): {
  metrics: AlarmMetric[];
  readable: boolean;
} {
  const p = alarm.properties;
  const metrics: AlarmMetric[] = [];
  let readable = true;
  if (p.MetricName !== undefined || p.Namespace !== undefined) {
    metrics.push({
      namespace: p.Namespace,
      metricName: p.MetricName,
      dimensions: p.Dimensions,
    });
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
        metrics.push({
          namespace: metric.Namespace,
          metricName: metric.MetricName,
          dimensions: metric.Dimensions,
        });
      } else if (metric !== undefined) {
        readable = false;
      } else if (query.Expression !== undefined) {
        // A SEARCH expression may select any metric; an expression not known statically too.
        const expression = query.Expression;
        const insights =
          typeof expression === 'string'
            ? insightsQueryMetric(expression)
            : undefined;
        if (insights) metrics.push(insights);
        else if (
          typeof expression !== 'string' ||
          /\bSEARCH\s*\(|^\s*SELECT\b/i.test(expression)
        )
          readable = false;
      }
    }
  }
  return { metrics, readable };
}

/**
 * The metric a Metrics Insights query selects (`SELECT MAX(Errors) FROM SCHEMA("AWS/Lambda", FunctionName)`):
 * its namespace and metric name, of any dimensions, as its WHERE clause may keep any; undefined for a query
 * not read so (it may select any metric).
 */
function insightsQueryMetric(expression: string): AlarmMetric | undefined {
  const query =
    /^\s*SELECT\s+\w+\s*\(\s*(?:"([^"]+)"|(\w+))\s*\)\s+FROM\s+(?:SCHEMA\s*\(\s*)?(?:"([^"]+)"|([\w./-]+))/i.exec(
      expression,
    );
  if (!query) return undefined;
  return {
    namespace: query[3] ?? query[4],
    metricName: query[1] ?? query[2],
    dimensions: new Unknown('dimensions a Metrics Insights query selects'),
  };
}

/** Is a namespace or metric name the expected text? */
function textIs(value: Value | undefined, expected: string): Answer {
  if (value === undefined) return 'no';
  if (typeof value === 'string') return value === expected ? 'yes' : 'no';
  return value instanceof Ref ||
    value instanceof Template ||
    containsUnknown(value)
    ? 'unknown'
    : 'no';
}

/**
 * Whether a reference to a Lambda alias or version reads no resource's name: its `Ref` and its ARNs
 * (`AliasArn`, `FunctionArn`, Terraform's `arn`, `invoke_arn`) and a version's number. Another attribute
 * (Terraform's `function_name` of an alias, the name it was given) may be a function's name.
 */
function readsNoName(type: string | undefined, attribute: string | undefined) {
  if (type !== 'AWS::Lambda::Alias' && type !== 'AWS::Lambda::Version')
    return false;
  return (
    attribute === undefined ||
    attribute.endsWith('Arn') ||
    attribute === 'Version'
  );
}

/**
 * Does a dimension value name the resource: the reference that reads its
 * name, or its literal physical name?
 */
function valueNames(
  graph: ResourceGraph,
  value: Value | undefined,
  resource: Resource,
  metric: ResourceMetric,
): Answer {
  if (value === undefined || value === null) return 'no';
  const name = resource.properties[metric.nameProperty];
  if (value instanceof Ref) {
    if (value.target === resource.id)
      return value.attribute === metric.nameAttribute ? 'yes' : 'no';
    const targetType = graph.get(value.target)?.type;
    // Another resource of the same type names another resource, and a Lambda alias or version gives an ARN (or a
    // version number), no name: the metric of such a dimension does not exist. Anything else (a custom resource,
    // a nested stack's output) might name this one.
    return targetType === resource.type ||
      readsNoName(targetType, value.attribute)
      ? 'no'
      : 'unknown';
  }
  if (typeof value === 'string') {
    if (typeof name === 'string' && name === value) return 'yes';
    // Without an explicit name, the physical name is generated at deploy time: a literal cannot be known to match it.
    return name === undefined || typeof name === 'string' ? 'no' : 'unknown';
  }
  const exportName = exportNameImported(value);
  if (exportName !== undefined) {
    // An import is what another stack exports: not the generated name of
    // this resource, which no other stack can know, unless this stack
    // exports it under that name itself.
    return name === undefined &&
      !exportNamesOf(graph, resource, metric).includes(exportName)
      ? 'no'
      : 'unknown';
  }
  return containsUnknown(value) || value instanceof Template ? 'unknown' : 'no';
}

/**
 * The export names under which the stack exports what may be the name of
 * `resource` (an export of an import is another stack's value).
 */
function exportNamesOf(
  graph: ResourceGraph,
  resource: Resource,
  metric: ResourceMetric,
): string[] {
  return graph.outputs.flatMap(output =>
    output.exportName !== undefined &&
    exportNameImported(output.value) === undefined &&
    valueNames(graph, output.value, resource, metric) !== 'no'
      ? [output.exportName]
      : [],
  );
}

/** Does the alarm's list of dimensions contain `dimension` naming the resource? */
function dimensionsName(
  graph: ResourceGraph,
  dimensions: Value | undefined,
  dimension: string,
  resource: Resource,
  metric: ResourceMetric,
): Answer {
  if (dimensions === undefined) return 'no';
  // Formats that write dimensions as a map (`{ FunctionName = ... }`) read the same.
  const list: Value = isMap(dimensions)
    ? Object.entries(dimensions).map(([name, value]) => ({
        Name: name,
        Value: value,
      }))
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
    const named = valueNames(graph, item.Value, resource, metric);
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
function alarmWatches(
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
      dimensionsName(
        graph,
        watched.dimensions,
        metric.dimension,
        resource,
        metric,
      ),
    ]);
    if (matches === 'yes') return 'yes';
    if (matches === 'unknown') answer = 'unknown';
  }
  return answer;
}

/** A resource's name as alarms may name it: generated, literal, or not known statically. */
function nameClassOf(
  name: Value | undefined,
): 'generated' | 'literal' | 'other' {
  if (name === undefined) return 'generated';
  return typeof name === 'string' ? 'literal' : 'other';
}

const RANK: Record<Answer, number> = { no: 0, unknown: 1, yes: 2 };

function stronger(a: Answer, b: Answer): Answer {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The alarms of a graph that may watch one metric, indexed so that each
 * resource is compared only with the alarms that name it. An alarm that
 * does not name a resource (by a reference to it or by its literal name)
 * answers alike for every resource of the same type whose name is alike
 * literal or not, so that answer is computed once per such class of
 * resources. Naming a resource only raises an alarm's answer (no, then
 * unknown, then yes), so a resource's answer is the strongest of its
 * class's answer and the answers of the alarms that name it.
 */
interface AlarmIndex {
  /** The alarms that may watch the metric: the others read another namespace or metric name. */
  candidates: Resource[];
  /** Alarms by what their dimension values name: `ref:<id>`, `name:<literal>` or `import:<export name>`. */
  byNamed: Map<string, Resource[]>;
  /** Whether some alarm names an import. */
  namesImports: boolean;
  /** Strongest answer of all candidates for a resource none of them names, per class of resources. */
  byClass: Map<string, Answer>;
}

function alarmIndex(graph: ResourceGraph, metric: ResourceMetric): AlarmIndex {
  const perMetric = graph.analysis(
    alarmIndex,
    () => new Map<ResourceMetric, AlarmIndex>(),
  );
  let index = perMetric.get(metric);
  if (index) return index;
  index = {
    candidates: [],
    byNamed: new Map(),
    namesImports: false,
    byClass: new Map(),
  };
  for (const alarm of graph.ofType(ALARM_TYPE)) {
    const { metrics, readable } = metricsOf(alarm);
    const mayWatch =
      !readable ||
      metrics.some(
        watched =>
          textIs(watched.namespace, metric.namespace) !== 'no' &&
          textIs(watched.metricName, metric.metricName) !== 'no',
      );
    if (!mayWatch) continue;
    index.candidates.push(alarm);
    const named = new Set<string>();
    for (const watched of metrics) {
      for (const { value } of dimensionEntries(watched.dimensions))
        if (value !== undefined) namedKeys(value, named);
    }
    for (const key of named) {
      addToList(index.byNamed, key, alarm);
      if (key.startsWith('import:')) index.namesImports = true;
    }
  }
  perMetric.set(metric, index);
  return index;
}

/** What a dimension value may name (see `valueNames`): resources it refers to, or a literal name. */
function namedKeys(value: Value, out: Set<string>): void {
  const exportName = exportNameImported(value);
  if (exportName !== undefined) out.add(`import:${exportName}`);
  else if (typeof value === 'string') out.add(`name:${value}`);
  else if (value instanceof Ref) out.add(`ref:${value.target}`);
  else if (value instanceof Template) {
    for (const part of value.parts)
      if (part instanceof Ref) out.add(`ref:${part.target}`);
  }
}

/**
 * Does some alarm of the graph watch `metric` of `resource`? Not `no` when
 * the stack declares an alarm whose arguments are not known.
 */
export function hasAlarmOn(
  graph: ResourceGraph,
  metric: ResourceMetric,
  resource: Resource,
): Answer {
  const answer = alarmOn(graph, metric, resource);
  // An alarm of a type not known, or made by code not modelled that the resource is handed to, may watch it.
  return answer === 'no' &&
    (graph.hasUnknownOfType(ALARM_TYPE) || resource.handedToCodeThatMayAlarm)
    ? 'unknown'
    : answer;
}

function alarmOn(
  graph: ResourceGraph,
  metric: ResourceMetric,
  resource: Resource,
): Answer {
  const index = alarmIndex(graph, metric);
  if (index.candidates.length === 0) return 'no';
  const name = resource.properties[metric.nameProperty];
  const nameClass = nameClassOf(name);
  const classKey = `${resource.type}\u0000${nameClass}`;
  let answer = index.byClass.get(classKey);
  if (answer === undefined) {
    // A resource of this class that no alarm names: no id, and a name no alarm can write.
    const anonymous: Resource = {
      ...resource,
      id: '\u0000',
      properties:
        nameClass === 'generated'
          ? {}
          : {
              [metric.nameProperty]: nameClass === 'literal' ? '\u0000' : name,
            },
    };
    answer = 'no';
    for (const alarm of index.candidates) {
      answer = stronger(answer, alarmWatches(graph, alarm, metric, anonymous));
      if (answer === 'yes') break;
    }
    index.byClass.set(classKey, answer);
  }
  if (answer === 'yes') return answer;
  const naming = [
    ...(index.byNamed.get(`ref:${resource.id}`) ?? []),
    ...(typeof name === 'string'
      ? index.byNamed.get(`name:${name}`) ?? []
      : []),
    // Most stacks have no alarm on an import: their outputs are not read.
    ...(index.namesImports
      ? exportNamesOf(graph, resource, metric).flatMap(
          exportName => index.byNamed.get(`import:${exportName}`) ?? [],
        )
      : []),
  ];
  for (const alarm of naming) {
    answer = stronger(answer, alarmWatches(graph, alarm, metric, resource));
    if (answer === 'yes') break;
  }
  return answer;
}

/** How one stack tells others of a metric of a resource it names: by its literal name, or by the export its name is imported by. */
function keyForOtherStacks(
  metric: ResourceMetric,
  names: 'name' | 'import',
  text: string,
): string {
  return `${metric.namespace}\u0000${metric.metricName}\u0000${metric.dimension}\u0000${names}:${text}`;
}

/**
 * What the alarms of the graph watch that other stacks may declare (see
 * `RuleContext.answerForOtherStacks`): `metric` of a resource named by a
 * literal name or by the import of an export name written out; surely where
 * the alarm's namespace, metric name and dimension name are written out and
 * it is deployed whatever the conditions, maybe otherwise. A dimension value
 * of another form (a parameter, an import by a name built from one) names
 * no resource of another stack that the scan can tell, and a literal name of
 * a resource of the graph names that one: one account and region hold one
 * function (queue) of a name, so a stack declaring it is never deployed
 * beside another that does (a prod and a dev template).
 */
export function alarmsForOtherStacks(
  graph: ResourceGraph,
  metric: ResourceMetric,
): { key: string; surely: boolean }[] {
  const answers: { key: string; surely: boolean }[] = [];
  for (const alarm of alarmIndex(graph, metric).candidates) {
    const deployed = alarm.deployedIf === undefined && !graph.partlyRead;
    for (const watched of metricsOf(alarm).metrics) {
      const namespace = textIs(watched.namespace, metric.namespace);
      const metricName = textIs(watched.metricName, metric.metricName);
      if (namespace === 'no' || metricName === 'no') continue;
      for (const { name, value } of dimensionEntries(watched.dimensions)) {
        const dimension = textIs(name, metric.dimension);
        if (dimension === 'no') continue;
        const surely =
          deployed &&
          namespace === 'yes' &&
          metricName === 'yes' &&
          dimension === 'yes';
        const exportName = exportNameImported(value);
        if (typeof value === 'string') {
          const own = namesOwnResource(graph, value, metric);
          if (own !== 'yes')
            answers.push({
              key: keyForOtherStacks(metric, 'name', value),
              surely: surely && own === 'no',
            });
        } else if (exportName !== undefined)
          answers.push({
            key: keyForOtherStacks(metric, 'import', exportName),
            surely,
          });
      }
    }
  }
  return answers;
}

/** Whether a literal dimension value names a resource of the graph (see {@link valueNames}). */
function namesOwnResource(
  graph: ResourceGraph,
  name: string,
  metric: ResourceMetric,
): Answer {
  let answer: Answer = 'no';
  for (const resource of graph.ofType(metric.resourceType))
    answer = stronger(answer, valueNames(graph, name, resource, metric));
  return answer;
}

/** An alarm's dimensions, written as a list of `{ Name, Value }` or as a map. */
function dimensionEntries(
  dimensions: Value | undefined,
): { name: Value | undefined; value: Value | undefined }[] {
  if (isMap(dimensions))
    return Object.entries(dimensions).map(([name, value]) => ({ name, value }));
  if (!Array.isArray(dimensions)) return [];
  return dimensions.flatMap(item =>
    isMap(item) ? [{ name: item.Name, value: item.Value }] : [],
  );
}

/**
 * What an alarm of another stack on `metric` of the resource would name
 * (see {@link alarmsForOtherStacks}): its literal name, and each export
 * name under which the stack exports its name (one not written out as a
 * pattern, which imports of the names it matches may answer, maybe).
 */
export function resourceForOtherStacks(
  graph: ResourceGraph,
  metric: ResourceMetric,
  resource: Resource,
): string[] {
  const keys: string[] = [];
  const name = resource.properties[metric.nameProperty];
  if (typeof name === 'string')
    keys.push(keyForOtherStacks(metric, 'name', name));
  for (const output of graph.outputs) {
    const exportName = output.exportName ?? output.exportNamePattern;
    if (
      exportName !== undefined &&
      valueNames(graph, output.value, resource, metric) === 'yes'
    )
      keys.push(keyForOtherStacks(metric, 'import', exportName));
  }
  return keys;
}

/** What an alarm says of the metrics it watches (see {@link metricsOf}), as property paths. */
const ALARM_METRIC_PATHS = [
  ['Namespace'],
  ['MetricName'],
  ['Dimensions'],
  ['Metrics'],
];

/**
 * The values whether an alarm watches `metric` of `resource` (see
 * {@link hasAlarmOn}) rests on: the metrics of every alarm of the graph, and
 * the name of the resource that a dimension may give.
 */
export function valuesAlarmsOnRestOn(
  graph: ResourceGraph,
  metric: ResourceMetric,
  resource: Resource,
): RestingValues[] {
  return [
    { resources: [resource], path: [metric.nameProperty] },
    ...alarmMetricValues(graph),
  ];
}

/** The metrics of every alarm of a graph, one list for every resource asked about. */
function alarmMetricValues(graph: ResourceGraph): RestingValues[] {
  return graph.analysis(alarmMetricValues, () =>
    ALARM_METRIC_PATHS.map(path => ({
      resources: graph.ofType(ALARM_TYPE),
      path,
    })),
  );
}

export const LAMBDA_ERRORS: ResourceMetric = {
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimension: 'FunctionName',
  resourceType: FUNCTION_TYPE,
  nameProperty: 'FunctionName',
};

export const SQS_VISIBLE_MESSAGES: ResourceMetric = {
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimension: 'QueueName',
  resourceType: QUEUE_TYPE,
  nameProperty: 'QueueName',
  nameAttribute: 'QueueName',
};
