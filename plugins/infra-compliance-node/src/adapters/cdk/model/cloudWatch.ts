/** The model of aws-cloudwatch's metrics and alarms (see CloudWatchModel). */
import { lookupTable } from '../../../support/lookupTable';
import { Resource } from '../../../graph/ResourceGraph';
import { Props } from './props';
import {
  DISTRIBUTION,
  GLOBAL_TABLE,
  HTTP_API,
  LAMBDA_FUNCTION,
  REST_API,
  STATE_MACHINE,
  STREAM,
  TABLE,
  VERSION,
} from './resourceTypes';
import { Ref, Unknown, concat } from '../../../graph/values';
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../pulumi/interpreter';
import type { CdkModel } from '../constructs';
import { ref } from './arns';
import { ALARM_OPTIONS } from '../propertyNames';

/**
 * The metrics of the constructs modelled that have some, by the type they deploy, as their `metric(name)`
 * writes them: namespace, and dimensions naming the resource. `named`: what their named metrics
 * (`metricErrors()`) are: `same`, `metric('Errors')`; `name`, of the same dimensions but of another name
 * (`metricServerError()`: 5XXError); `notKnown`, of other dimensions for some too (a table's UserErrors has
 * none, its SystemErrors an Operation). Sources: aws-lambda, aws-sqs, aws-sns (their `*-augmentations`),
 * aws-dynamodb table.ts, aws-kinesis stream.ts, aws-stepfunctions state-machine.ts, aws-apigateway
 * restapi.ts, aws-apigatewayv2 common/base.ts, aws-cloudfront distribution.ts, aws-logs log-group.ts.
 */
const METRICS = lookupTable<{
  namespace: string;
  dimensions: (resource: Resource) => Props;
  named: 'same' | 'name' | 'notKnown';
}>({
  [LAMBDA_FUNCTION]: {
    namespace: 'AWS/Lambda',
    dimensions: fn => ({ FunctionName: new Ref(fn.id) }),
    named: 'same',
  },
  'AWS::SQS::Queue': {
    namespace: 'AWS/SQS',
    dimensions: queue => ({ QueueName: new Ref(queue.id, 'QueueName') }),
    named: 'same',
  },
  'AWS::SNS::Topic': {
    namespace: 'AWS/SNS',
    dimensions: topic => ({ TopicName: new Ref(topic.id, 'TopicName') }),
    named: 'same',
  },
  [TABLE]: {
    namespace: 'AWS/DynamoDB',
    dimensions: table => ({ TableName: new Ref(table.id) }),
    named: 'notKnown',
  },
  [GLOBAL_TABLE]: {
    namespace: 'AWS/DynamoDB',
    dimensions: table => ({ TableName: new Ref(table.id) }),
    named: 'notKnown',
  },
  [STREAM]: {
    namespace: 'AWS/Kinesis',
    dimensions: stream => ({ StreamName: new Ref(stream.id) }),
    named: 'name',
  },
  [STATE_MACHINE]: {
    namespace: 'AWS/States',
    dimensions: machine => ({ StateMachineArn: new Ref(machine.id) }),
    named: 'name',
  },
  // By the name it is given, which is not a reference.
  [REST_API]: {
    namespace: 'AWS/ApiGateway',
    dimensions: api => ({ ApiName: api.properties.Name }),
    named: 'name',
  },
  [HTTP_API]: {
    namespace: 'AWS/ApiGateway',
    dimensions: api => ({ ApiId: new Ref(api.id) }),
    named: 'name',
  },
  [DISTRIBUTION]: {
    namespace: 'AWS/CloudFront',
    dimensions: distribution => ({ DistributionId: new Ref(distribution.id) }),
    named: 'name',
  },
  'AWS::Logs::LogGroup': {
    namespace: 'AWS/Logs',
    dimensions: () => ({}),
    named: 'name',
  },
});

/** A metric not known statically (of props not known, of a construct whose metrics are not modelled): any metric. */
export const metricNotKnown = (reason: string) =>
  new HostObject('metric', {
    namespace: new Unknown(reason),
    metricName: new Unknown(reason),
  });

/**
 * `new Metric(props)` (aws-cloudwatch metric.ts): the namespace, name and dimensions it is given (`dimensionsMap`,
 * or the deprecated `dimensions`; none when neither is), as `resource.metric()` makes one (see CloudWatchModel.metric).
 */
export function newMetric(props: JsValue): HostObject {
  if (!isPlainObject(props))
    return metricNotKnown('metric of props not known statically');
  return new HostObject('metric', {
    namespace: props.namespace,
    metricName: props.metricName,
    dimensions: props.dimensionsMap ?? props.dimensions ?? {},
  });
}

/** `new MathExpression(props)` (aws-cloudwatch metric.ts): its expression, and the metrics it uses by the ids it names them by. */
export function mathExpression(props: JsValue): HostObject {
  if (!isPlainObject(props))
    return new HostObject('metric', {
      expression: new Unknown('math expression'),
      usingMetrics: new Unknown('math expression'),
    });
  return new HostObject('metric', {
    expression: props.expression,
    usingMetrics: props.usingMetrics ?? {},
  });
}

const isMathExpression = (metric: HostObject) => 'usingMetrics' in metric.data;

/**
 * `metric.with(options)` (aws-cloudwatch metric.ts): the same metric of another statistic, period or label;
 * given dimensions replace a metric's, and options not known statically may. A math expression's options
 * (label, period, search account and region) change neither its expression nor its metrics.
 */
export function metricWith(metric: HostObject, options: JsValue): HostObject {
  if (isMathExpression(metric) || options === undefined) return metric;
  const dimensions = isPlainObject(options)
    ? options.dimensionsMap ?? options.dimensions ?? metric.data.dimensions
    : undefined;
  return new HostObject('metric', { ...metric.data, dimensions });
}

/**
 * What an alarm on `metric` writes of it, as aws-cloudwatch alarm.ts renders it: a metric's namespace, name and
 * dimensions; a math expression's queries (`Metrics`): the expression, then each metric it uses, by its id, and
 * those of the expressions it uses. A metric, or dimensions, not known statically may be any resource's.
 */
function alarmMetric(metric: JsValue): Props {
  if (!(metric instanceof HostObject && metric.kind === 'metric'))
    return alarmMetric(metricNotKnown('metric'));
  if (isMathExpression(metric))
    return { Metrics: mathQueries(metric, 'expr_1', true) };
  const { namespace, metricName, dimensions } = metric.data;
  return {
    Namespace: namespace,
    MetricName: metricName,
    Dimensions: isPlainObject(dimensions)
      ? Object.entries(dimensions).map(([Name, value]) => ({
          Name,
          Value: value,
        }))
      : new Unknown('metric'),
  };
}

/** The queries of a math expression (see {@link alarmMetric}): only the alarm's own returns data. */
function mathQueries(
  expression: HostObject,
  id: string,
  alarmed: boolean,
): JsValue[] {
  const returnData = alarmed ? {} : { ReturnData: false };
  const { usingMetrics } = expression.data;
  const queries: JsValue[] = [
    { Id: id, Expression: expression.data.expression, ...returnData },
  ];
  // Metrics not known statically may be any.
  if (!isPlainObject(usingMetrics))
    return [
      ...queries,
      {
        Id: new Unknown('metrics of a math expression'),
        MetricStat: {
          Metric: alarmMetric(metricNotKnown('metrics of a math expression')),
        },
      },
    ];
  for (const [key, used] of Object.entries(usingMetrics)) {
    const metric =
      used instanceof HostObject && used.kind === 'metric'
        ? used
        : metricNotKnown('metric');
    if (isMathExpression(metric))
      queries.push(...mathQueries(metric, key, false));
    else
      queries.push({
        Id: key,
        MetricStat: { Metric: alarmMetric(metric) },
        ReturnData: false,
      });
  }
  return queries;
}

/** The part of CdkModel the CloudWatch model uses. */
type Model = Pick<CdkModel, 'add' | 'byId' | 'lambdaModel' | 'writtenAs'>;

/** What aws-cloudwatch's metrics and alarms synthesize: the metrics constructs give, and alarms on them. */
export class CloudWatchModel {
  constructor(private readonly model: Model) {}

  /**
   * `resource.metric(name, options)` or one of its named metrics (`metricErrors(options)`), as the construct
   * writes it (see {@link METRICS}); that of a construct whose metrics are not modelled is not known. Options
   * that give dimensions (`dimensionsMap`, or the deprecated `dimensions`) replace the construct's, as `new Metric` takes them.
   */
  metric(object: ResourceHandle, method: string, args: JsValue[]): HostObject {
    const named = method !== 'metric';
    const [metricName, options] = named
      ? [method.slice('metric'.length), args[0]]
      : args;
    const resource = this.model.byId.get(object.id);
    const qualified = this.model.lambdaModel.qualifiers.get(object.id);
    let metric: Props;
    if (qualified) {
      // The function's metric of the invocations through the version or alias (aws-lambda/lib/lambda-version.ts
      // and alias.ts, metric): a version's Resource is the function's ARN with it, an alias's the function's name.
      const { fn, qualifier } = qualified;
      metric = {
        namespace: 'AWS/Lambda',
        metricName,
        dimensions: {
          FunctionName: new Ref(fn.id),
          Resource: concat([
            new Ref(fn.id, resource?.type === VERSION ? 'Arn' : undefined),
            ':',
            toGraphValue(qualifier, ref),
          ]),
        },
      };
    } else {
      const written = resource ? METRICS[resource.type] : undefined;
      if (!written) return metricNotKnown(`metric of ${object.id}`);
      metric = {
        namespace: written.namespace,
        metricName:
          named && written.named !== 'same'
            ? new Unknown(`metric name of ${method}()`)
            : metricName,
        dimensions:
          named && written.named === 'notKnown'
            ? undefined
            : written.dimensions(resource!),
      };
    }
    if (options !== undefined && !isPlainObject(options))
      metric.dimensions = undefined;
    else if (
      options?.dimensionsMap !== undefined ||
      options?.dimensions !== undefined
    )
      metric.dimensions = options.dimensionsMap ?? options.dimensions;
    return new HostObject('metric', metric);
  }

  /** An alarm of its props (`new Alarm`) or options (`metric.createAlarm`). */
  alarm(id: string, p: Props, site: CallSite): ResourceHandle {
    const alarm = this.model.add(id, 'AWS::CloudWatch::Alarm', site, {
      AlarmName: p.alarmName,
      ...alarmMetric(p.metric),
      Threshold: p.threshold,
      EvaluationPeriods: p.evaluationPeriods,
    });
    this.model.writtenAs.set(alarm.id, ALARM_OPTIONS);
    return alarm;
  }

  /**
   * `new CompositeAlarm(scope, id, props)` (aws-cloudwatch/lib/composite-alarm.ts): named as CDK generates unless
   * `compositeAlarmName` says, of the rule its alarms make (not modelled); actions are added with addAlarmAction.
   */
  compositeAlarm(id: string, p: Props, site: CallSite): ResourceHandle {
    const alarm = this.model.add(id, 'AWS::CloudWatch::CompositeAlarm', site, {
      AlarmName: p.compositeAlarmName ?? new Unknown('name CDK generates'),
      AlarmRule: new Unknown('rule of a composite alarm'),
      AlarmDescription: p.alarmDescription,
      ActionsEnabled: p.actionsEnabled,
    });
    this.model.writtenAs.set(alarm.id, ALARM_OPTIONS);
    return alarm;
  }

  /** `new Dashboard(scope, id, props)` (aws-cloudwatch/lib/dashboard.ts): its widgets' body is not modelled. */
  dashboard(id: string, p: Props, site: CallSite): ResourceHandle {
    return this.model.add(id, 'AWS::CloudWatch::Dashboard', site, {
      DashboardName: p.dashboardName,
      DashboardBody: new Unknown('widgets of a dashboard'),
    });
  }
}
