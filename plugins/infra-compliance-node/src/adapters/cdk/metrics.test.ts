/**
 * The metrics of CDK constructs (`resource.metric(name)`, `resource.metricErrors()`) as the alarms made on them
 * write them: each construct's own namespace and dimensions, as ALM-001 and ALM-002 read them.
 */
import { Ref, Unknown } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 16; `alarm` the props of an alarm. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
const alarm = { threshold: 1, evaluationPeriods: 1 };`,
    body,
  );

/** The metric each alarm of the stack watches: namespace, metric name, dimensions. */
function watched(text: string): Record<string, unknown> {
  const graph = cdkStackGraph(text);
  return Object.fromEntries(
    graph.ofType('AWS::CloudWatch::Alarm').map(alarm => {
      const { Namespace, MetricName, Dimensions } = alarm.properties;
      return [alarm.id, { Namespace, MetricName, Dimensions }];
    }),
  );
}

describe('metrics of CDK constructs', () => {
  it('are in the namespace and with the dimensions of their construct, not an SQS queue, for topics, tables, APIs and log groups', () => {
    const text = stack(`    const alerts = new sns.Topic(this, 'Alerts');
    alerts.metricNumberOfNotificationsFailed().createAlarm(this, 'AlertsFailed', alarm);
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    new cloudwatch.Alarm(this, 'OrdersThrottled', { ...alarm, metric: orders.metric('ThrottledRequests') });
    orders.metricUserErrors().createAlarm(this, 'OrdersUserErrors', alarm);
    const api = new apigateway.RestApi(this, 'Api', { restApiName: 'orders' });
    api.metricServerError().createAlarm(this, 'ApiErrors', alarm);
    const http = new apigatewayv2.HttpApi(this, 'Http');
    http.metric('5xx').createAlarm(this, 'HttpErrors', alarm);
    const audit = new logs.LogGroup(this, 'Audit');
    audit.metric('IncomingLogEvents').createAlarm(this, 'AuditLogs', alarm);
    const queue = new sqs.Queue(this, 'Jobs');
    queue.metric('NumberOfMessagesSent', { dimensionsMap: { QueueName: 'other' } }).createAlarm(this, 'OtherSent', alarm);`);
    const notKnown = expect.any(Unknown);
    // aws-sns's TopicBase.metric; aws-dynamodb's TableBase.metric, whose named metrics differ (UserErrors has no
    // dimension); aws-apigateway's RestApi.metric by its name, aws-apigatewayv2's by its id (metricServerError: 5XXError);
    // aws-logs's LogGroup.metric, without dimensions; options' dimensionsMap replaces the construct's.
    expect(watched(text)).toEqual({
      AlertsFailed: {
        Namespace: 'AWS/SNS',
        MetricName: 'NumberOfNotificationsFailed',
        Dimensions: [
          { Name: 'TopicName', Value: new Ref('Alerts', 'TopicName') },
        ],
      },
      OrdersThrottled: {
        Namespace: 'AWS/DynamoDB',
        MetricName: 'ThrottledRequests',
        Dimensions: [{ Name: 'TableName', Value: new Ref('Orders') }],
      },
      OrdersUserErrors: {
        Namespace: 'AWS/DynamoDB',
        MetricName: notKnown,
        Dimensions: notKnown,
      },
      ApiErrors: {
        Namespace: 'AWS/ApiGateway',
        MetricName: notKnown,
        Dimensions: [{ Name: 'ApiName', Value: 'orders' }],
      },
      HttpErrors: {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: new Ref('Http') }],
      },
      AuditLogs: {
        Namespace: 'AWS/Logs',
        MetricName: 'IncomingLogEvents',
        Dimensions: [],
      },
      OtherSent: {
        Namespace: 'AWS/SQS',
        MetricName: 'NumberOfMessagesSent',
        Dimensions: [{ Name: 'QueueName', Value: 'other' }],
      },
    });
  });

  it('are not known for a construct whose metrics are not modelled, nor for options not known statically', () => {
    const text = stack(`    const uploads = new s3.Bucket(this, 'Uploads');
    new cloudwatch.Alarm(this, 'UploadsAlarm', { ...alarm, metric: uploads.metric('NumberOfObjects') });
    const queue = new sqs.Queue(this, 'Jobs');
    queue.metricNumberOfMessagesSent(this.node.tryGetContext('metricOptions')).createAlarm(this, 'JobsSent', alarm);`);
    const notKnown = expect.any(Unknown);
    expect(watched(text)).toEqual({
      UploadsAlarm: {
        Namespace: notKnown,
        MetricName: notKnown,
        Dimensions: notKnown,
      },
      JobsSent: {
        Namespace: 'AWS/SQS',
        MetricName: 'NumberOfMessagesSent',
        Dimensions: notKnown,
      },
    });
  });

  it('are written as CDK synthesizes them when made with new Metric, new MathExpression, with() and metric options', () => {
    const text =
      stack(`    const fn = new lambda.Function(this, 'Worker', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    const queue = new sqs.Queue(this, 'Jobs');
    new cloudwatch.Alarm(this, 'Made', { ...alarm, metric: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensionsMap: { FunctionName: fn.functionName }, statistic: 'Sum' }) });
    new cloudwatch.Alarm(this, 'Bare', { ...alarm, metric: new cloudwatch.Metric({ namespace: 'App', metricName: 'Orders' }) });
    new cloudwatch.Alarm(this, 'Rate', { ...alarm, metric: new cloudwatch.MathExpression({ expression: 'e / i', usingMetrics: { e: fn.metricErrors(), i: fn.metric('Invocations', { statistic: 'Sum' }) } }) });
    new cloudwatch.Alarm(this, 'Nested', { ...alarm, metric: new cloudwatch.MathExpression({ expression: 'r * 100', usingMetrics: { r: new cloudwatch.MathExpression({ expression: 'd', usingMetrics: { d: queue.metricApproximateNumberOfMessagesVisible() } }) } }).with({ period: cdk.Duration.minutes(1) }) });
    fn.metricErrors({ statistic: 'Sum' }).with({ period: cdk.Duration.minutes(1), label: 'errors' }).createAlarm(this, 'With', alarm);
    fn.metric('Errors').with({ dimensionsMap: { FunctionName: 'other' } }).createAlarm(this, 'Elsewhere', alarm);
    fn.metric('Errors').with(this.node.tryGetContext('metricOptions')).createAlarm(this, 'NotKnown', alarm);
    new cloudwatch.Alarm(this, 'Given', { ...alarm, metric: new cloudwatch.Metric(this.node.tryGetContext('metric')) });
    new cloudwatch.Alarm(this, 'Using', { ...alarm, metric: new cloudwatch.MathExpression({ expression: 'm', usingMetrics: this.node.tryGetContext('metrics') }) });`);
    const graph = cdkStackGraph(text);
    const written = Object.fromEntries(
      graph
        .ofType('AWS::CloudWatch::Alarm')
        .map(
          ({
            id,
            properties: { Namespace, MetricName, Dimensions, Metrics },
          }) => [
            id,
            Metrics === undefined
              ? { Namespace, MetricName, Dimensions }
              : { Metrics },
          ],
        ),
    );
    const notKnown = expect.any(Unknown);
    const errors = {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: new Ref('Worker') }],
    };
    // aws-cloudwatch alarm.ts (renderMetric): a math expression's queries, its own first (expr_1), then each metric
    // it uses by its id, and those of the expressions it uses; with() keeps the metric, but for dimensions it is given.
    expect(written).toEqual({
      Made: errors,
      Bare: { Namespace: 'App', MetricName: 'Orders', Dimensions: [] },
      Rate: {
        Metrics: [
          { Id: 'expr_1', Expression: 'e / i' },
          { Id: 'e', MetricStat: { Metric: errors }, ReturnData: false },
          {
            Id: 'i',
            MetricStat: { Metric: { ...errors, MetricName: 'Invocations' } },
            ReturnData: false,
          },
        ],
      },
      Nested: {
        Metrics: [
          { Id: 'expr_1', Expression: 'r * 100' },
          { Id: 'r', Expression: 'd', ReturnData: false },
          {
            Id: 'd',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/SQS',
                MetricName: 'ApproximateNumberOfMessagesVisible',
                Dimensions: [
                  { Name: 'QueueName', Value: new Ref('Jobs', 'QueueName') },
                ],
              },
            },
            ReturnData: false,
          },
        ],
      },
      With: errors,
      Elsewhere: {
        ...errors,
        Dimensions: [{ Name: 'FunctionName', Value: 'other' }],
      },
      NotKnown: { ...errors, Dimensions: notKnown },
      Given: {
        Namespace: notKnown,
        MetricName: notKnown,
        Dimensions: notKnown,
      },
      Using: {
        Metrics: [
          { Id: 'expr_1', Expression: 'm' },
          {
            Id: notKnown,
            MetricStat: {
              Metric: {
                Namespace: notKnown,
                MetricName: notKnown,
                Dimensions: notKnown,
              },
            },
          },
        ],
      },
    });
  });

  it('count for the function or queue they watch, and leave the others in question only as far as what is not known of them allows (ALM-001, ALM-002)', () => {
    const text =
      stack(`    const a = new lambda.Function(this, 'A', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), deadLetterQueueEnabled: true });
    const b = new lambda.Function(this, 'B', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    const c = new lambda.Function(this, 'C', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    new cloudwatch.Alarm(this, 'AErrors', { ...alarm, metric: new cloudwatch.Metric({ namespace: 'AWS/Lambda', metricName: 'Errors', dimensionsMap: { FunctionName: a.functionName } }) });
    new cloudwatch.MathExpression({ expression: 'e * 100', usingMetrics: { e: c.metricErrors().with({ period: cdk.Duration.minutes(1) }) } }).createAlarm(this, 'CErrors', alarm);
    // A graph is no alarm.
    new cloudwatch.GraphWidget({ left: [b.metricErrors()] });
    // Queues' metrics, of dimensions not known: of no function.
    new cloudwatch.Alarm(this, 'Depth', { ...alarm, metric: new cloudwatch.Metric({ namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensionsMap: this.node.tryGetContext('dimensions') }) });`);
    expect(findings(text, ['ALM-001', 'ALM-002'])).toEqual(['ALM-001 B 17']);
    const known = text.replace(
      "dimensionsMap: this.node.tryGetContext('dimensions')",
      "dimensionsMap: { QueueName: 'elsewhere' }",
    );
    expect(findings(known, ['ALM-001', 'ALM-002'])).toEqual([
      'ALM-002 A/DeadLetterQueue 16',
      'ALM-001 B 17',
    ]);
  });

  it("do not count an alarm on another construct's metric for a dead-letter queue's (ALM-002)", () => {
    const text = stack(`    const dlq = new sqs.Queue(this, 'Dlq');
    new lambda.Function(this, 'Worker', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), deadLetterQueue: dlq });
    const alerts = new sns.Topic(this, 'Alerts');
    alerts.metric('ApproximateNumberOfMessagesVisible').createAlarm(this, 'AlertsDepth', alarm);
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    orders.metric('ApproximateNumberOfMessagesVisible').createAlarm(this, 'OrdersDepth', alarm);`);
    expect(findings(text, ['ALM-002'])).toEqual(['ALM-002 Dlq 16']);
    // An alarm on the queue's own metric counts.
    const alarmed = text.replace(
      "createAlarm(this, 'OrdersDepth', alarm);",
      "createAlarm(this, 'OrdersDepth', alarm);\n    dlq.metricApproximateNumberOfMessagesVisible().createAlarm(this, 'DlqDepth', alarm);",
    );
    expect(findings(alarmed, ['ALM-002'])).toEqual([]);
  });

  it('made on a metric not known statically watch any function or queue; code of another package may alarm on those it is handed, a construct of the CDK not modelled on none (ALM-001, ALM-002)', () => {
    const text =
      stack(`    const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };
    const dlq = new sqs.Queue(this, 'Dlq');
    const monitored = new lambda.Function(this, 'Monitored', { ...props, deadLetterQueue: dlq });
    const granted = new lambda.Function(this, 'Granted', props);
    new ssm.StringParameter(this, 'Setting', { stringValue: 'x' }).grantRead(granted);
    new MonitoringFacade(this, 'Monitoring').monitorLambdaFunction({ lambdaFunction: monitored }).monitorSqsQueue({ queue: dlq });`).replace(
        "import { Construct } from 'constructs';",
        "import { Construct } from 'constructs';\nimport * as ssm from 'aws-cdk-lib/aws-ssm';\nimport { MonitoringFacade } from 'cdk-monitoring-constructs';",
      );
    expect(findings(text, ['ALM-001', 'ALM-002'])).toEqual([
      'ALM-001 Granted 21',
    ]);
    const handedMetric = text.replace(
      'new ssm.StringParameter(',
      "this.node.tryGetContext('metric').createAlarm(this, 'Given', alarm);\n    new ssm.StringParameter(",
    );
    expect(findings(handedMetric, ['ALM-001', 'ALM-002'])).toEqual([]);
    // Another package's createAlarm, of other arguments, may notify anyone: no alarm without actions is made of it.
    const otherPackage = text.replace(
      'new ssm.StringParameter(',
      "new MonitoringFacade(this, 'Other').createAlarm({ metric: granted.metricErrors() });\n    new ssm.StringParameter(",
    );
    expect(findings(otherPackage, ['ALM-003'])).toEqual([]);
  });

  it('a composite alarm and a dashboard are made as synth writes them: the composite alarm is judged with the actions added to it (ALM-003), both on their tags (OPS-003)', () => {
    const text = stack(`    const queue = new sqs.Queue(this, 'Jobs');
    const depth = queue.metricApproximateNumberOfMessagesVisible().createAlarm(this, 'Depth', alarm);
    const topic = new sns.Topic(this, 'Pager');
    new cloudwatch.CompositeAlarm(this, 'Silent', { alarmRule: cloudwatch.AlarmRule.anyOf(depth) });
    const paging = new cloudwatch.CompositeAlarm(this, 'Paging', { alarmRule: cloudwatch.AlarmRule.anyOf(depth), compositeAlarmName: 'paging' });
    paging.addAlarmAction(new (require('aws-cdk-lib/aws-cloudwatch-actions').SnsAction)(topic));
    new cloudwatch.Dashboard(this, 'Board', { widgets: [[new cloudwatch.GraphWidget({ left: [queue.metricNumberOfMessagesSent()] })]] });`);
    const graph = cdkStackGraph(text);
    expect(graph.get('Paging')!.properties).toEqual({
      AlarmName: 'paging',
      AlarmRule: new Unknown('rule of a composite alarm'),
      AlarmActions: [new Ref('Pager')],
    });
    expect(graph.get('Board')!.properties).toEqual({
      DashboardBody: new Unknown('widgets of a dashboard'),
    });
    expect(
      findings(text, ['ALM-003', 'OPS-003']).filter(row =>
        /Silent|Paging|Board/.test(row),
      ),
    ).toEqual([
      'ALM-003 Silent 19',
      'OPS-003 Silent 19',
      'OPS-003 Paging 20',
      'OPS-003 Board 22',
    ]);
  });
});
