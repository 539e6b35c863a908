/**
 * Subscriptions of CDK topics: a function's (`LambdaSubscription`,
 * `SnsEventSource`), a queue's (`SqsSubscription`) and an endpoint's
 * (`UrlSubscription`, `EmailSubscription`, `SmsSubscription`), and those
 * made as constructs (`new sns.Subscription`), with the dead-letter queue of
 * their options, where SNS keeps what it fails to deliver, and their filter
 * policies.
 */
import { Ref, Unknown, Value } from '../../graph/values';
import { ResourceGraph } from '../../graph/ResourceGraph';
import { scanFiles, selectRules } from '../../engine/scan';
import { cdkAdapter } from '.';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph,
  scanCdkStack,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 12; `props` are a function's props. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

describe('CDK topic subscriptions', () => {
  it("write the dead-letter queue of a subscription's options as its RedrivePolicy, as synth does: the queue is a dead-letter queue (ALM-002)", () => {
    const text = stack(`    const orders = new sns.Topic(this, 'Orders');
    const lambdaDlq = new sqs.Queue(this, 'LambdaDlq');
    orders.addSubscription(new subscriptions.LambdaSubscription(new lambda.Function(this, 'Notifier', props), { deadLetterQueue: lambdaDlq }));
    const queueDlq = new sqs.Queue(this, 'QueueDlq', { retentionPeriod: cdk.Duration.days(14) });
    const billing = new sqs.Queue(this, 'Billing');
    orders.addSubscription(new subscriptions.SqsSubscription(billing, { rawMessageDelivery: true, deadLetterQueue: queueDlq }));
    const sourceDlq = new sqs.Queue(this, 'SourceDlq');
    new lambda.Function(this, 'Mailer', { ...props, events: [new SnsEventSource(orders, { deadLetterQueue: sourceDlq })] });
    new lambda.Function(this, 'Pager', { ...props, events: [new SnsEventSource(orders, JSON.parse(process.env.OPTIONS!))] });
    orders.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'Audit')));`);
    const graph = cdkStackGraph(text);
    expect(graph.get('Billing/AppOrders32E40670')!.properties).toEqual({
      TopicArn: new Ref('Orders'),
      Protocol: 'sqs',
      Endpoint: new Ref('Billing', 'Arn'),
      RawMessageDelivery: true,
      RedrivePolicy: { deadLetterTargetArn: new Ref('QueueDlq', 'Arn') },
    });
    expect(graph.get('Audit/AppOrders32E40670')!.properties).toEqual({
      TopicArn: new Ref('Orders'),
      Protocol: 'sqs',
      Endpoint: new Ref('Audit', 'Arn'),
    });
    expect(graph.get('Notifier/Orders')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('LambdaDlq', 'Arn'),
    });
    // Options not known statically may name a dead-letter queue.
    expect(graph.get('Pager/Orders')!.properties.RedrivePolicy).toBeInstanceOf(
      Unknown,
    );
    // DLQ-003 judges the dead-letter queues of functions and queues alone.
    expect(findings(text, ['DLQ-003', 'ALM-002'])).toEqual([
      'ALM-002 LambdaDlq 13',
      'ALM-002 QueueDlq 15',
      'ALM-002 SourceDlq 18',
    ]);
  });

  it("are named as synth names them: a function's below it by the topic's id, with its permission by the topic's unique id; a queue's below it by the topic's unique id", () => {
    const text = stack(`    const alerts = new sns.Topic(this, 'Alerts');
    alerts.addSubscription(new subscriptions.LambdaSubscription(new lambda.Function(this, 'Notifier', props)));
    alerts.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'Billing')));
    new lambda.Function(this, 'Mailer', props).addEventSource(new SnsEventSource(alerts));`);
    const graph = cdkStackGraph(text);
    const ids = (type: string) => graph.ofType(type).map(({ id }) => id);
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes their aws:cdk:path.
    expect(ids('AWS::SNS::Subscription')).toEqual([
      'Notifier/Alerts',
      'Billing/AppAlerts0132A364',
      'Mailer/Alerts',
    ]);
    expect(ids('AWS::Lambda::Permission')).toEqual([
      'Notifier/AllowInvoke:AppAlerts0132A364',
      'Mailer/AllowInvoke:AppAlerts0132A364',
    ]);
  });

  it('of a function or a queue imported by its ARN are made below the import, as synth makes them: their dead-letter queues are dead-letter queues (ALM-002)', () => {
    const text = stack(`    const orders = new sns.Topic(this, 'Orders');
    const fnDlq = new sqs.Queue(this, 'FnDlq');
    orders.addSubscription(new subscriptions.LambdaSubscription(lambda.Function.fromFunctionArn(this, 'Ext', \`arn:aws:lambda:\${this.region}:\${this.account}:function:ext\`), { deadLetterQueue: fnDlq }));
    const queueDlq = new sqs.Queue(this, 'QueueDlq');
    orders.addSubscription(new subscriptions.SqsSubscription(sqs.Queue.fromQueueArn(this, 'ExtQueue', 'arn:aws:sqs:us-east-1:123456789012:ext'), { deadLetterQueue: queueDlq }));`);
    const graph = cdkStackGraph(text);
    expect(graph.get('ExtQueue/AppOrders32E40670')!.properties).toEqual({
      TopicArn: new Ref('Orders'),
      Protocol: 'sqs',
      Endpoint: 'arn:aws:sqs:us-east-1:123456789012:ext',
      RedrivePolicy: { deadLetterTargetArn: new Ref('QueueDlq', 'Arn') },
    });
    expect(graph.get('Ext/Orders')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('FnDlq', 'Arn'),
    });
    expect(findings(text, ['ALM-002'])).toEqual([
      'ALM-002 FnDlq 13',
      'ALM-002 QueueDlq 15',
    ]);
  });

  it('of a queue imported by its attributes (Queue.fromQueueAttributes), and a dead-letter queue so imported, are named by the ARN they name, as synth writes them', () => {
    const text = stack(`    const orders = new sns.Topic(this, 'Orders');
    const dlq = sqs.Queue.fromQueueAttributes(this, 'Dlq', { queueArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' });
    orders.addSubscription(new subscriptions.SqsSubscription(sqs.Queue.fromQueueAttributes(this, 'ExtQueue', { queueArn: 'arn:aws:sqs:us-east-1:123456789012:ext', queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/ext' }), { deadLetterQueue: dlq }));`);
    expect(
      cdkStackGraph(text).get('ExtQueue/AppOrders32E40670')!.properties,
    ).toEqual({
      TopicArn: new Ref('Orders'),
      Protocol: 'sqs',
      Endpoint: 'arn:aws:sqs:us-east-1:123456789012:ext',
      RedrivePolicy: {
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq',
      },
    });
  });

  it("to a topic imported by its ARN are made as to one of the stack's, naming the ARN and its region as synth does: the function is invoked asynchronously (DLQ-001), and the ARN is hardcoded (OPS-002)", () => {
    // Behind function URLs, which wait for them, the functions would need no dead-letter queue if nothing else invoked them.
    const text =
      stack(`    const handler = new lambda.Function(this, 'Handler', props);
    handler.addFunctionUrl();
    const orders = sns.Topic.fromTopicArn(this, 'Orders', 'arn:aws:sns:us-east-1:123456789012:orders');
    orders.addSubscription(new subscriptions.LambdaSubscription(handler));
    orders.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'Billing')));
    const mailer = new lambda.Function(this, 'Mailer', props);
    mailer.addFunctionUrl();
    mailer.addEventSource(new SnsEventSource(sns.Topic.fromTopicAttributes(this, 'Alerts', { topicArn: 'arn:aws:sns:us-east-1:123456789012:alerts' })));`);
    const graph = cdkStackGraph(text);
    expect(graph.get('Handler/Orders')!.properties).toEqual({
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
      Protocol: 'lambda',
      Endpoint: new Ref('Handler', 'Arn'),
      Region: 'us-east-1',
    });
    expect(
      graph.get('Handler/AllowInvoke:AppOrders32E40670')!.properties,
    ).toEqual({
      FunctionName: new Ref('Handler', 'Arn'),
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      SourceArn: 'arn:aws:sns:us-east-1:123456789012:orders',
    });
    expect(graph.get('Billing/AppOrders32E40670')!.properties).toEqual({
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
      Protocol: 'sqs',
      Endpoint: new Ref('Billing', 'Arn'),
      Region: 'us-east-1',
    });
    expect(
      graph.get('Mailer/AllowInvoke:AppAlerts0132A364')!.properties.SourceArn,
    ).toBe('arn:aws:sns:us-east-1:123456789012:alerts');
    expect(findings(text, ['DLQ-001', 'OPS-002'])).toEqual([
      'DLQ-001 Handler 12',
      'OPS-002 Handler/Orders 15',
      'OPS-002 Handler/AllowInvoke:AppOrders32E40670 15',
      // The queue's policy lets SNS send from the topic of that ARN.
      'OPS-002 Billing/Policy 16',
      'OPS-002 Billing/AppOrders32E40670 16',
      'DLQ-001 Mailer 17',
      'OPS-002 Mailer/Alerts 19',
      'OPS-002 Mailer/AllowInvoke:AppAlerts0132A364 19',
    ]);
  });

  it("of a queue of the stack let SNS send to it from the topic in the queue's policy, which addToResourcePolicy adds to, and use its key, from the topic alone under @aws-cdk/aws-sns-subscriptions:restrictSqsDescryption, as synth writes them: a hardcoded topic ARN there is reported (OPS-002)", () => {
    const text = cdkStackSource(
      `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';`,
      `    const orders = new sns.Topic(this, 'Orders');
    const shared = sns.Topic.fromTopicArn(this, 'Shared', 'arn:aws:sns:us-east-1:123456789012:shared');
    const billing = new sqs.Queue(this, 'Billing');
    orders.addSubscription(new subscriptions.SqsSubscription(billing));
    shared.addSubscription(new subscriptions.SqsSubscription(billing));
    billing.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AccountRootPrincipal()], actions: ['sqs:ReceiveMessage'], resources: [billing.queueArn] }));
    const audit = new sqs.Queue(this, 'Audit', { encryptionMasterKey: new kms.Key(this, 'AuditKey', { enableKeyRotation: true }) });
    shared.addSubscription(new subscriptions.SqsSubscription(audit));
    orders.addSubscription(new subscriptions.SqsSubscription(sqs.Queue.fromQueueArn(this, 'External', \`arn:aws:sqs:\${this.region}:\${this.account}:external\`)));`,
    );
    const sendFrom = (queue: string, topic: Value) => ({
      Effect: 'Allow',
      Principal: { Service: ['sns.amazonaws.com'] },
      Action: 'sqs:SendMessage',
      Resource: [new Ref(queue, 'Arn')],
      Condition: { ArnEquals: { 'aws:SourceArn': topic } },
    });
    const sharedArn = 'arn:aws:sns:us-east-1:123456789012:shared';
    const scan = (restrict: boolean) => {
      const [, ...rest] = cdkStackFiles(text);
      const files = [
        {
          path: 'svc/cdk.json',
          text: JSON.stringify({
            app: 'npx ts-node bin/app.ts',
            context: restrict
              ? {
                  '@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption': true,
                }
              : {},
          }),
        },
        ...rest,
      ];
      return {
        graph: cdkAdapter.load(files).graphs[0],
        findings: scanFiles(files, selectRules(['OPS-002'])).findings.map(
          f => `${f.resourceId} ${f.line} ${f.property}`,
        ),
      };
    };
    const unrestricted = scan(false);
    expect(unrestricted.graph.get('Billing/Policy')!.properties).toEqual({
      Queues: [new Ref('Billing')],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          sendFrom('Billing', new Ref('Orders')),
          sendFrom('Billing', sharedArn),
          {
            Effect: 'Allow',
            Principal: { AWS: [expect.anything()] },
            Action: ['sqs:ReceiveMessage'],
            Resource: [new Ref('Billing', 'Arn')],
          },
        ],
      },
    });
    const snsUsesKey = {
      Effect: 'Allow',
      Principal: { Service: ['sns.amazonaws.com'] },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: ['*'],
    };
    const keyStatements = (graph: ResourceGraph) =>
      (graph.get('AuditKey')!.properties.KeyPolicy as { Statement: unknown[] })
        .Statement;
    expect(keyStatements(unrestricted.graph)[1]).toEqual(snsUsesKey);
    // CDK adds to the policy of no queue imported.
    expect(unrestricted.graph.get('External/Policy')).toBeUndefined();
    expect(unrestricted.findings).toEqual([
      'Billing/Policy 15 PolicyDocument.Statement[1].Condition.ArnEquals.aws:SourceArn',
      'Billing/AppShared98EEB22D 15 TopicArn',
      'Audit/Policy 18 PolicyDocument.Statement[0].Condition.ArnEquals.aws:SourceArn',
      'Audit/AppShared98EEB22D 18 TopicArn',
    ]);
    const restricted = scan(true);
    expect(keyStatements(restricted.graph)[1]).toEqual({
      ...snsUsesKey,
      Condition: { ArnEquals: { 'aws:SourceArn': sharedArn } },
    });
    expect(restricted.findings).toContain(
      'AuditKey 18 KeyPolicy.Statement[1].Condition.ArnEquals.aws:SourceArn',
    );
  });

  it("let SNS send from the topic to the dead-letter queue of the stack of their options, in the queue's policy, each statement once, as synth writes it: a hardcoded topic ARN there is reported (OPS-002); what is no queue, given as one, gets no policy", () => {
    const text =
      stack(`    const orders = sns.Topic.fromTopicArn(this, 'Orders', 'arn:aws:sns:us-east-1:123456789012:orders');
    const dlq = new sqs.Queue(this, 'Dlq');
    orders.addSubscription(new subscriptions.LambdaSubscription(new lambda.Function(this, 'Notifier', props), { deadLetterQueue: dlq }));
    orders.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'Billing'), { deadLetterQueue: dlq }));
    new sns.Topic(this, 'Local').addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'Audit'), { deadLetterQueue: dlq }));
    orders.addSubscription(new subscriptions.SqsSubscription(new lambda.Function(this, 'Mistaken', props) as any));`);
    const graph = cdkStackGraph(text);
    const sendFrom = (topic: Value) => ({
      Effect: 'Allow',
      Principal: { Service: ['sns.amazonaws.com'] },
      Action: 'sqs:SendMessage',
      Resource: [new Ref('Dlq', 'Arn')],
      Condition: { ArnEquals: { 'aws:SourceArn': topic } },
    });
    expect(graph.get('Dlq/Policy')!.properties).toEqual({
      Queues: [new Ref('Dlq')],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          sendFrom('arn:aws:sns:us-east-1:123456789012:orders'),
          sendFrom(new Ref('Local')),
        ],
      },
    });
    expect(graph.get('Mistaken/Policy')).toBeUndefined();
    expect(findings(text, ['OPS-002'])).toEqual([
      'OPS-002 Notifier/Orders 14',
      'OPS-002 Dlq/Policy 14',
      'OPS-002 Notifier/AllowInvoke:AppOrders32E40670 14',
      'OPS-002 Billing/Policy 15',
      'OPS-002 Billing/AppOrders32E40670 15',
      'OPS-002 Mistaken/AppOrders32E40670 17',
    ]);
  });

  it('to a topic imported by an ARN not known statically name neither its ARN nor its region: nothing hardcoded is reported (OPS-002), the function is still invoked asynchronously (DLQ-001)', () => {
    const text =
      stack(`    const handler = new lambda.Function(this, 'Handler', props);
    handler.addFunctionUrl();
    sns.Topic.fromTopicArn(this, 'Orders', cdk.Fn.importValue('OrdersTopicArn')).addSubscription(new subscriptions.LambdaSubscription(handler));`);
    const subscription = cdkStackGraph(text).get('Handler/Orders')!.properties;
    expect(subscription.TopicArn).toBeInstanceOf(Unknown);
    expect(subscription.Region).toBeInstanceOf(Unknown);
    expect(findings(text, ['DLQ-001', 'OPS-002'])).toEqual([
      'DLQ-001 Handler 12',
    ]);
  });

  it("to a topic not known statically (a construct's props.topic) are made as to one imported, by a stand-in for the topic's id: the functions are invoked asynchronously (DLQ-001), though behind function URLs, and the dead-letter queue of a queue's subscription is one (ALM-002)", () => {
    const text = cdkStackSource(
      `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { alertsTopic } from '@acme/messaging';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };
class Worker extends Construct {
  constructor(scope: Construct, id: string, workerProps: { topic: sns.ITopic }) {
    super(scope, id);
    const handler = new lambda.Function(this, 'Handler', props);
    handler.addFunctionUrl();
    workerProps.topic.addSubscription(new subscriptions.LambdaSubscription(handler));
    const mailer = new lambda.Function(this, 'Mailer', props);
    mailer.addFunctionUrl();
    mailer.addEventSource(new SnsEventSource(workerProps.topic));
    const dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14) });
    workerProps.topic.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'Billing'), { deadLetterQueue: dlq }));
  }
}`,
      `    new Worker(this, 'Worker', { topic: alertsTopic });`,
    );
    expect(
      scanCdkStack(text, ['DLQ-001', 'ALM-002']).map(
        f =>
          `${f.ruleId} ${f.resourceId} ${f.line} ${f.confidence} ${f.message}`,
      ),
    ).toEqual([
      'DLQ-001 Worker/Handler 13 high Function Worker/Handler is invoked asynchronously (by its subscription to an SNS topic not known statically) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
      'DLQ-001 Worker/Mailer 16 high Function Worker/Mailer is invoked asynchronously (by its subscription to an SNS topic not known statically) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
      expect.stringMatching(/^ALM-002 Worker\/Dlq 19 high /),
    ]);
    const graph = cdkStackGraph(text);
    expect(graph.get('Worker/Handler/topic')!.properties).toEqual({
      TopicArn: expect.any(Unknown),
      Protocol: 'lambda',
      Endpoint: new Ref('Worker/Handler', 'Arn'),
      Region: expect.any(Unknown),
    });
    expect(graph.get('Worker/Handler/AllowInvoke:topic')!.properties).toEqual({
      FunctionName: new Ref('Worker/Handler', 'Arn'),
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      SourceArn: expect.any(Unknown),
    });
    expect(graph.get('Worker/Billing/topic')!.properties.RedrivePolicy).toEqual(
      { deadLetterTargetArn: new Ref('Worker/Dlq', 'Arn') },
    );
  });

  it('name a dead-letter queue imported by its ARN by that ARN, as synth writes it (OPS-002)', () => {
    const text = stack(`    const orders = new sns.Topic(this, 'Orders');
    const shared = sqs.Queue.fromQueueArn(this, 'Shared', 'arn:aws:sqs:us-east-1:123456789012:shared-dlq');
    orders.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'Billing'), { deadLetterQueue: shared }));`);
    expect(
      cdkStackGraph(text).get('Billing/AppOrders32E40670')!.properties
        .RedrivePolicy,
    ).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:shared-dlq',
    });
    expect(findings(text, ['OPS-002'])).toEqual([
      'OPS-002 Billing/AppOrders32E40670 14',
    ]);
  });
  it("of functions and queues write the filter policies of their options, of the message's attributes or of its body, as synth writes them", () => {
    const text = stack(`    const orders = new sns.Topic(this, 'Orders');
    orders.addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(this, 'Billing'), { filterPolicy: { status: sns.SubscriptionFilter.stringFilter({ matchSuffixes: ['ed'] }), retries: sns.SubscriptionFilter.notExistsFilter() } }));
    new lambda.Function(this, 'Mailer', { ...props, events: [new SnsEventSource(orders, { filterPolicyWithMessageBody: { total: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.numericFilter({ allowlist: [1, 2], lessThanOrEqualTo: 9, betweenStrict: { start: 0, stop: 10 } })) } })] });
    new lambda.Function(this, 'Pager', { ...props, events: [new SnsEventSource(orders, { filterPolicy: { level: sns.SubscriptionFilter.stringFilter(JSON.parse(process.env.LEVELS!)) } })] });`);
    const graph = cdkStackGraph(text);
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes them.
    expect(
      graph.get('Billing/AppOrders32E40670')!.properties.FilterPolicy,
    ).toEqual({ status: [{ suffix: 'ed' }], retries: [{ exists: false }] });
    const mailer = graph.get('Mailer/Orders')!.properties;
    expect(mailer.FilterPolicy).toEqual({
      total: [
        { numeric: ['=', 1] },
        { numeric: ['=', 2] },
        { numeric: ['<=', 9] },
        { numeric: ['>', 0, '<', 10] },
      ],
    });
    expect(mailer.FilterPolicyScope).toBe('MessageBody');
    expect(graph.get('Pager/Orders')!.properties.FilterPolicy).toEqual({
      level: expect.any(Unknown),
    });
  });

  it('of endpoints (a URL, an email address, a phone number) are made below the topic, named by the endpoint or, not known statically, TokenSubscription:<n>, with their filter policies and dead-letter queue, as synth writes them: the queue is a dead-letter queue (ALM-002), not the one an SMS subscription drops', () => {
    const text = stack(`    const orders = new sns.Topic(this, 'Orders');
    const dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14) });
    orders.addSubscription(new subscriptions.EmailSubscription('ops@example.com', { json: true, deadLetterQueue: dlq, filterPolicy: { color: sns.SubscriptionFilter.stringFilter({ allowlist: ['red'], denylist: ['blue'], matchPrefixes: ['gr'] }), size: sns.SubscriptionFilter.numericFilter({ greaterThan: 0, between: { start: 1, stop: 5 } }) } }));
    orders.addSubscription(new subscriptions.UrlSubscription('https://example.com/hooks/orders', { deadLetterQueue: dlq, rawMessageDelivery: true, filterPolicyWithMessageBody: { detail: sns.FilterOrPolicy.policy({ kind: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.existsFilter()) }) } }));
    orders.addSubscription(new subscriptions.UrlSubscription(cdk.Fn.importValue('HookUrl'), { protocol: sns.SubscriptionProtocol.HTTPS }));
    const smsDlq = new sqs.Queue(this, 'SmsDlq');
    orders.addSubscription(new subscriptions.SmsSubscription('+15555550100', { deadLetterQueue: smsDlq }));
    orders.addSubscription(new subscriptions.EmailSubscription('audit@example.com', JSON.parse(process.env.OPTIONS!)));`);
    const graph = cdkStackGraph(text);
    const deadLetter = { deadLetterTargetArn: new Ref('Dlq', 'Arn') };
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes them, by their aws:cdk:path.
    expect(
      Object.fromEntries(
        graph
          .ofType('AWS::SNS::Subscription')
          .map(({ id, properties }) => [id, properties]),
      ),
    ).toEqual({
      'Orders/ops@example.com': {
        TopicArn: new Ref('Orders'),
        Protocol: 'email-json',
        Endpoint: 'ops@example.com',
        RedrivePolicy: deadLetter,
        FilterPolicy: {
          color: ['red', { 'anything-but': ['blue'] }, { prefix: 'gr' }],
          size: [{ numeric: ['>', 0] }, { numeric: ['>=', 1, '<=', 5] }],
        },
      },
      'Orders/https:----example.com--hooks--orders': {
        TopicArn: new Ref('Orders'),
        Protocol: 'https',
        Endpoint: 'https://example.com/hooks/orders',
        RawMessageDelivery: true,
        RedrivePolicy: deadLetter,
        FilterPolicy: { detail: { kind: [{ exists: true }] } },
        FilterPolicyScope: 'MessageBody',
      },
      'Orders/TokenSubscription:1': {
        TopicArn: new Ref('Orders'),
        Protocol: 'https',
        Endpoint: expect.any(Unknown),
      },
      'Orders/+15555550100': {
        TopicArn: new Ref('Orders'),
        Protocol: 'sms',
        Endpoint: '+15555550100',
      },
      // Options not known statically may name a format, a dead-letter queue, a filter policy.
      'Orders/audit@example.com': {
        TopicArn: new Ref('Orders'),
        Protocol: expect.any(Unknown),
        Endpoint: 'audit@example.com',
        RedrivePolicy: expect.any(Unknown),
        FilterPolicy: expect.any(Unknown),
      },
    });
    // The dead-letter queue's policy lets SNS send to it from the topic, once.
    expect(graph.get('Dlq/Policy')!.properties).toEqual({
      Queues: [new Ref('Dlq')],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['sns.amazonaws.com'] },
            Action: 'sqs:SendMessage',
            Resource: [new Ref('Dlq', 'Arn')],
            Condition: { ArnEquals: { 'aws:SourceArn': new Ref('Orders') } },
          },
        ],
      },
    });
    expect(graph.get('SmsDlq/Policy')).toBeUndefined();
    expect(findings(text, ['DLQ-003', 'ALM-002'])).toEqual(['ALM-002 Dlq 13']);
  });

  it('of endpoints to a topic imported by its ARN are made below the import, naming the ARN without a region, as synth writes them: the ARN and an endpoint that hardcode a region or an account are reported (OPS-002)', () => {
    const text =
      stack(`    const orders = sns.Topic.fromTopicArn(this, 'Orders', 'arn:aws:sns:us-east-1:123456789012:orders');
    const dlq = new sqs.Queue(this, 'Dlq');
    orders.addSubscription(new subscriptions.UrlSubscription('https://abc123.execute-api.us-east-1.amazonaws.com/prod/hook', { deadLetterQueue: dlq }));
    orders.addSubscription(new subscriptions.EmailSubscription('ops@example.com'));`);
    const graph = cdkStackGraph(text);
    expect(
      graph.get(
        'Orders/https:----abc123.execute-api.us-east-1.amazonaws.com--prod--hook',
      )!.properties,
    ).toEqual({
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
      Protocol: 'https',
      Endpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/hook',
      RedrivePolicy: { deadLetterTargetArn: new Ref('Dlq', 'Arn') },
    });
    expect(graph.get('Orders/ops@example.com')!.properties).toEqual({
      TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    expect(
      scanCdkStack(text, ['OPS-002']).map(
        f => `${f.resourceId} ${f.line} ${f.property}`,
      ),
    ).toEqual([
      'Orders/https:----abc123.execute-api.us-east-1.amazonaws.com--prod--hook 14 TopicArn',
      'Orders/https:----abc123.execute-api.us-east-1.amazonaws.com--prod--hook 14 Endpoint',
      'Dlq/Policy 14 PolicyDocument.Statement[0].Condition.ArnEquals.aws:SourceArn',
      'Orders/ops@example.com 15 TopicArn',
    ]);
  });

  it("of endpoints to a topic not known statically (a construct's props.topic) are made as to one imported, TOPIC standing for its path: their dead-letter queue is one (ALM-002)", () => {
    const text = cdkStackSource(
      `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { alertsTopic, auditTopic } from '@acme/messaging';
class Notifier extends Construct {
  constructor(scope: Construct, id: string, notifierProps: { topic: sns.ITopic }) {
    super(scope, id);
    const dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14) });
    notifierProps.topic.addSubscription(new subscriptions.EmailSubscription('ops@example.com', { deadLetterQueue: dlq }));
    notifierProps.topic.addSubscription(new subscriptions.SmsSubscription(process.env.PHONE!));
  }
}`,
      `    new Notifier(this, 'Alerts', { topic: alertsTopic });
    new Notifier(this, 'Audit', { topic: auditTopic });`,
    );
    const graph = cdkStackGraph(text);
    expect(graph.get('topic/ops@example.com')!.properties).toEqual({
      TopicArn: expect.any(Unknown),
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      RedrivePolicy: { deadLetterTargetArn: new Ref('Alerts/Dlq', 'Arn') },
    });
    expect(
      graph.get('topic/ops@example.com2')!.properties.RedrivePolicy,
    ).toEqual({ deadLetterTargetArn: new Ref('Audit/Dlq', 'Arn') });
    expect(graph.get('topic/TokenSubscription:2')!.properties).toEqual({
      TopicArn: expect.any(Unknown),
      Protocol: 'sms',
      Endpoint: expect.any(Unknown),
    });
    expect(findings(text, ['ALM-002'])).toEqual([
      'ALM-002 Alerts/Dlq 10',
      'ALM-002 Audit/Dlq 10',
    ]);
  });

  it('made as constructs (new sns.Subscription) are as synth writes them: their dead-letter queue is one (ALM-002), a function subscribed is invoked asynchronously, though behind a function URL (DLQ-001), and the hardcoded ARN of an imported topic is reported (OPS-002)', () => {
    const text = stack(`    const orders = new sns.Topic(this, 'Orders');
    const dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14) });
    new sns.Subscription(this, 'Hook', { topic: orders, protocol: sns.SubscriptionProtocol.HTTPS, endpoint: 'https://hook.example.com', deadLetterQueue: dlq, rawMessageDelivery: true, filterPolicy: { kind: sns.SubscriptionFilter.existsFilter() } });
    const notifier = new lambda.Function(this, 'Notifier', props);
    notifier.addFunctionUrl();
    new sns.Subscription(this, 'ToNotifier', { topic: orders, protocol: sns.SubscriptionProtocol.LAMBDA, endpoint: notifier.functionArn });
    const shared = sns.Topic.fromTopicArn(this, 'Shared', 'arn:aws:sns:us-east-1:123456789012:shared');
    new sns.Subscription(this, 'ToBilling', { topic: shared, protocol: sns.SubscriptionProtocol.SQS, endpoint: new sqs.Queue(this, 'Billing').queueArn, region: 'us-east-1' });`);
    const graph = cdkStackGraph(text);
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes them.
    expect(
      Object.fromEntries(
        graph
          .ofType('AWS::SNS::Subscription')
          .map(({ id, properties }) => [id, properties]),
      ),
    ).toEqual({
      Hook: {
        TopicArn: new Ref('Orders'),
        Protocol: 'https',
        Endpoint: 'https://hook.example.com',
        RawMessageDelivery: true,
        RedrivePolicy: { deadLetterTargetArn: new Ref('Dlq', 'Arn') },
        FilterPolicy: { kind: [{ exists: true }] },
      },
      ToNotifier: {
        TopicArn: new Ref('Orders'),
        Protocol: 'lambda',
        Endpoint: new Ref('Notifier', 'Arn'),
      },
      ToBilling: {
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:shared',
        Protocol: 'sqs',
        Endpoint: new Ref('Billing', 'Arn'),
        Region: 'us-east-1',
      },
    });
    expect(graph.get('Dlq/Policy')!.properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: ['sns.amazonaws.com'] },
          Action: 'sqs:SendMessage',
          Resource: [new Ref('Dlq', 'Arn')],
          Condition: { ArnEquals: { 'aws:SourceArn': new Ref('Orders') } },
        },
      ],
    });
    expect(findings(text, ['ALM-002', 'DLQ-001', 'OPS-002'])).toEqual([
      'ALM-002 Dlq 13',
      'DLQ-001 Notifier 15',
      'OPS-002 ToBilling 19',
    ]);
  });
});
