/**
 * The metrics of CDK constructs (`resource.metric(name)`, `resource.metricErrors()`) as the alarms made on them
 * write them: each construct's own namespace and dimensions, as ALM-001 and ALM-002 read them.
 */
import { scanFiles, selectRules } from '../../engine/scan';
import { Ref, Unknown } from '../../graph/values';
import { cdkStackFiles } from '../../testing/programScans';
import { cdkAdapter } from '.';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 16; `alarm` the props of an alarm. */
const stack = (body: string) => `import * as cdk from 'aws-cdk-lib';
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
const alarm = { threshold: 1, evaluationPeriods: 1 };
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}
  }
}
`;

const findings = (text: string, rules: string[]) =>
  scanFiles(cdkStackFiles(text), selectRules(rules)).findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`);

/** The metric each alarm of the stack watches: namespace, metric name, dimensions. */
function watched(text: string): Record<string, unknown> {
  const graph = cdkAdapter.load(cdkStackFiles(text)).graphs[0];
  return Object.fromEntries(graph.ofType('AWS::CloudWatch::Alarm').map(alarm => {
    const { Namespace, MetricName, Dimensions } = alarm.properties;
    return [alarm.id, { Namespace, MetricName, Dimensions }];
  }));
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
      AlertsFailed: { Namespace: 'AWS/SNS', MetricName: 'NumberOfNotificationsFailed', Dimensions: [{ Name: 'TopicName', Value: new Ref('Alerts', 'TopicName') }] },
      OrdersThrottled: { Namespace: 'AWS/DynamoDB', MetricName: 'ThrottledRequests', Dimensions: [{ Name: 'TableName', Value: new Ref('Orders') }] },
      OrdersUserErrors: { Namespace: 'AWS/DynamoDB', MetricName: notKnown, Dimensions: notKnown },
      ApiErrors: { Namespace: 'AWS/ApiGateway', MetricName: notKnown, Dimensions: [{ Name: 'ApiName', Value: 'orders' }] },
      HttpErrors: { Namespace: 'AWS/ApiGateway', MetricName: '5xx', Dimensions: [{ Name: 'ApiId', Value: new Ref('Http') }] },
      AuditLogs: { Namespace: 'AWS/Logs', MetricName: 'IncomingLogEvents', Dimensions: [] },
      OtherSent: { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent', Dimensions: [{ Name: 'QueueName', Value: 'other' }] },
    });
  });

  it('are not known for a construct whose metrics are not modelled, nor for options not known statically', () => {
    const text = stack(`    const uploads = new s3.Bucket(this, 'Uploads');
    new cloudwatch.Alarm(this, 'UploadsAlarm', { ...alarm, metric: uploads.metric('NumberOfObjects') });
    const queue = new sqs.Queue(this, 'Jobs');
    queue.metricNumberOfMessagesSent(this.node.tryGetContext('metricOptions')).createAlarm(this, 'JobsSent', alarm);`);
    const notKnown = expect.any(Unknown);
    expect(watched(text)).toEqual({
      UploadsAlarm: { Namespace: notKnown, MetricName: notKnown, Dimensions: notKnown },
      JobsSent: { Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent', Dimensions: notKnown },
    });
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
    const alarmed = text.replace("createAlarm(this, 'OrdersDepth', alarm);", "createAlarm(this, 'OrdersDepth', alarm);\n    dlq.metricApproximateNumberOfMessagesVisible().createAlarm(this, 'DlqDepth', alarm);");
    expect(findings(alarmed, ['ALM-002'])).toEqual([]);
  });
});
