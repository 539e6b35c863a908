/**
 * Versions and aliases of CDK functions (`fn.currentVersion`, `new lambda.Version`, `new lambda.Alias`, `fn.addAlias`): Lambda runs
 * them as their function, with its role, so the triggers, failure destinations, grants and metrics CDK gives
 * them are their function's, as DLQ-001, IAM-008 and ALM-001 see them.
 */
import { triggersOf } from '../../analysis/lambda';
import { Ref, Template } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 15; `props` are a function's props. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { KinesisEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

describe('versions and aliases of CDK functions', () => {
  it('are the aliases CDK makes, polled as their function and granting as it (DLQ-001, IAM-008)', () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const worker = new lambda.Function(this, 'Worker', props);
    const live = new lambda.Alias(this, 'Live', { aliasName: 'live', version: worker.currentVersion });
    live.addEventSource(new SqsEventSource(jobs));
    // Its name alone invokes nothing.
    new lambda.Function(this, 'Reporter', { ...props, environment: { WORKER_ALIAS: live.aliasName } });
    const clicks = new kinesis.Stream(this, 'Clicks');
    const reader = new lambda.Function(this, 'Reader', props);
    reader.addAlias('prod').addEventSource(new KinesisEventSource(clicks, { startingPosition: lambda.StartingPosition.LATEST }));
    const audit = new sqs.Queue(this, 'Audit');
    const auditor = new lambda.Function(this, 'Auditor', props);
    const stable = auditor.addAlias('stable');
    new lambda.EventSourceMapping(this, 'FromAudit', { target: stable, eventSourceArn: audit.queueArn });
    audit.grantConsumeMessages(stable);
    const legacy = new lambda.Function(this, 'Legacy', props);
    legacy.currentVersion.addAlias('old').addEventSource(new SqsEventSource(audit));`);
    // Reporter has no trigger at all: a true finding.
    expect(findings(text, ['DLQ-001', 'IAM-008'])).toEqual([
      'DLQ-001 Reporter 20',
    ]);
    const graph = graphOf(text);
    expect(
      ['Worker', 'Reader', 'Auditor', 'Legacy'].map(fn =>
        triggersOf(graph, graph.get(fn)!).map(
          trigger => `${trigger.kind} ${trigger.via.id}`,
        ),
      ),
    ).toEqual([
      ['poll Live/SqsEventSource:AppJobs563087B7'],
      ['poll Reader/Aliasprod/KinesisEventSource:AppClicksDD538F3C'],
      ['poll FromAudit'],
      // `version.addAlias` (deprecated) makes it below the version.
      ['poll Legacy/CurrentVersion/Aliasold/SqsEventSource:AppAuditA25EDC89'],
    ]);
    expect(graph.get('Live')!.properties).toEqual(
      expect.objectContaining({
        Name: 'live',
        FunctionName: new Ref('Worker'),
        FunctionVersion: new Ref('Worker/CurrentVersion', 'Version'),
      }),
    );
    expect(graph.get('Reader/Aliasprod')!.properties).toEqual(
      expect.objectContaining({
        Name: 'prod',
        FunctionName: new Ref('Reader'),
      }),
    );
    const statements = (role: string) =>
      (
        graph.get(`${role}/DefaultPolicy`)!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement;
    expect(statements('Reader/ServiceRole')).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['kinesis:GetRecords']),
        Resource: new Ref('Clicks', 'Arn'),
      }),
    ]);
  });

  it("send the failed asynchronous invocations of a version or an alias where its options say, with the function's role granted it (DLQ-001)", () => {
    const text = stack(`    const failed = new sqs.Queue(this, 'Failed');
    const orders = new sns.Topic(this, 'Orders');
    const notifier = new lambda.Function(this, 'Notifier', props);
    orders.addSubscription(new subscriptions.LambdaSubscription(notifier.addAlias('live', { onFailure: new destinations.SqsDestination(failed) })));
    const mailer = new lambda.Function(this, 'Mailer', props);
    mailer.currentVersion.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(failed) });
    orders.addSubscription(new subscriptions.LambdaSubscription(mailer.currentVersion));
    const pager = new lambda.Function(this, 'Pager', props);
    orders.addSubscription(new subscriptions.LambdaSubscription(new lambda.Alias(this, 'Paging', { aliasName: 'paging', version: pager.currentVersion })));`);
    // Pager's alias is subscribed, and has no destination: a true finding.
    expect(findings(text, ['DLQ-001'])).toEqual(['DLQ-001 Pager 22']);
    const graph = graphOf(text);
    expect(
      graph.get('Notifier/Aliaslive/EventInvokeConfig')!.properties,
    ).toEqual(
      expect.objectContaining({
        FunctionName: new Ref('Notifier'),
        Qualifier: 'live',
        DestinationConfig: {
          OnFailure: { Destination: new Ref('Failed', 'Arn') },
        },
      }),
    );
    expect(
      graph.get('Mailer/CurrentVersion/EventInvokeConfig')!.properties,
    ).toEqual(
      expect.objectContaining({
        FunctionName: new Ref('Mailer'),
        Qualifier: new Ref('Mailer/CurrentVersion', 'Version'),
      }),
    );
    const statements = (role: string) =>
      (
        graph.get(`${role}/DefaultPolicy`)!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement;
    expect(statements('Notifier/ServiceRole')).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['sqs:SendMessage']),
        Resource: new Ref('Failed', 'Arn'),
      }),
    ]);
    expect(statements('Mailer/ServiceRole')).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['sqs:SendMessage']),
        Resource: new Ref('Failed', 'Arn'),
      }),
    ]);
  });

  it("read the metrics of a version and an alias as CDK writes them, in AWS/Lambda, with the function's name (ALM-001)", () => {
    const text = stack(`    const api = new lambda.Function(this, 'Api', props);
    new cloudwatch.Alarm(this, 'ApiErrors', { metric: api.currentVersion.metricErrors(), threshold: 1, evaluationPeriods: 1 });
    const worker = new lambda.Function(this, 'Worker', props);
    worker.addAlias('live').metricErrors().createAlarm(this, 'WorkerErrors', { threshold: 1, evaluationPeriods: 1 });
    const mailer = new lambda.Function(this, 'Mailer', props);
    mailer.currentVersion.metricThrottles().createAlarm(this, 'MailerThrottles', { threshold: 1, evaluationPeriods: 1 });`);
    // Mailer's only alarm watches its throttles: a true finding.
    expect(findings(text, ['ALM-001'])).toEqual(['ALM-001 Mailer 19']);
    const graph = graphOf(text);
    expect(graph.get('ApiErrors')!.properties).toEqual(
      expect.objectContaining({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [
          { Name: 'FunctionName', Value: new Ref('Api') },
          {
            Name: 'Resource',
            Value: new Template([
              new Ref('Api', 'Arn'),
              ':',
              new Ref('Api/CurrentVersion', 'Version'),
            ]),
          },
        ],
      }),
    );
    expect(graph.get('WorkerErrors')!.properties.Dimensions).toEqual([
      { Name: 'FunctionName', Value: new Ref('Worker') },
      { Name: 'Resource', Value: new Template([new Ref('Worker'), ':live']) },
    ]);
  });

  it('are the versions `new lambda.Version` makes, as fn.currentVersion: triggered, configured, granting and measured as their function (DLQ-001, IAM-008, ALM-001)', () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const failed = new sqs.Queue(this, 'Failed');
    const orders = new sns.Topic(this, 'Orders');
    const worker = new lambda.Function(this, 'Worker', props);
    const v1 = new lambda.Version(this, 'WorkerV1', { lambda: worker });
    v1.addEventSource(new SqsEventSource(jobs));
    new lambda.Alias(this, 'Live', { aliasName: 'live', version: v1 });
    const mailer = new lambda.Function(this, 'Mailer', props);
    const mailerVersion = new lambda.Version(this, 'MailerVersion', { lambda: mailer, onFailure: new destinations.SqsDestination(failed) });
    orders.addSubscription(new subscriptions.LambdaSubscription(mailerVersion));
    mailerVersion.metricErrors().createAlarm(this, 'MailerErrors', { threshold: 1, evaluationPeriods: 1 });`);
    // Worker has no alarm on its errors: a true finding.
    expect(findings(text, ['DLQ-001', 'IAM-008', 'ALM-001'])).toEqual([
      'ALM-001 Worker 18',
    ]);
    const graph = graphOf(text);
    expect(graph.get('WorkerV1')).toEqual(
      expect.objectContaining({
        type: 'AWS::Lambda::Version',
        properties: { FunctionName: new Ref('Worker') },
        line: 19,
      }),
    );
    expect(
      ['Worker', 'Mailer'].map(fn =>
        triggersOf(graph, graph.get(fn)!).map(
          trigger => `${trigger.kind} ${trigger.via.id}`,
        ),
      ),
    ).toEqual([
      ['poll WorkerV1/SqsEventSource:AppJobs563087B7'],
      [
        'async MailerVersion/Orders',
        'async MailerVersion/AllowInvoke:AppOrders32E40670',
      ],
    ]);
    expect(graph.get('Live')!.properties).toEqual(
      expect.objectContaining({
        FunctionName: new Ref('Worker'),
        FunctionVersion: new Ref('WorkerV1', 'Version'),
      }),
    );
    expect(graph.get('MailerVersion/EventInvokeConfig')!.properties).toEqual(
      expect.objectContaining({
        FunctionName: new Ref('Mailer'),
        Qualifier: new Ref('MailerVersion', 'Version'),
        DestinationConfig: {
          OnFailure: { Destination: new Ref('Failed', 'Arn') },
        },
      }),
    );
    expect(graph.get('MailerErrors')!.properties.Dimensions).toEqual([
      { Name: 'FunctionName', Value: new Ref('Mailer') },
      {
        Name: 'Resource',
        Value: new Template([
          new Ref('Mailer', 'Arn'),
          ':',
          new Ref('MailerVersion', 'Version'),
        ]),
      },
    ]);
    const statements = (role: string) =>
      (
        graph.get(`${role}/DefaultPolicy`)!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement;
    expect(statements('Worker/ServiceRole')).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['sqs:ReceiveMessage']),
        Resource: new Ref('Jobs', 'Arn'),
      }),
    ]);
    expect(statements('Mailer/ServiceRole')).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['sqs:SendMessage']),
        Resource: new Ref('Failed', 'Arn'),
      }),
    ]);
  });
});
