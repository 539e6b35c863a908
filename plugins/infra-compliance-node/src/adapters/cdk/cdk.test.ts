import { triggersOf } from '../../analysis/lambda';
import { lineOfPath } from '../../graph/locations';
import { ResourceGraph } from '../../graph/ResourceGraph';
import { Ref, Template, Unknown, getPath } from '../../graph/values';
import { scanFiles, selectRules } from '../../engine/scan';
import { fingerprint } from '../../engine/evaluateGraph';
import { cdkAdapter } from '.';
import { cloudFormationAdapter } from '../cloudformation';

const CDK_JSON = '{ "app": "npx ts-node --prefer-ts-exts bin/app.ts" }';
const APP = `
import * as cdk from 'aws-cdk-lib';
import { OrdersStack } from '../lib/stack';
const app = new cdk.App();
new OrdersStack(app, 'Orders');
`;

function graphOf(stack: string): ResourceGraph {
  const files = [
    { path: 'svc/cdk.json', text: CDK_JSON },
    { path: 'svc/bin/app.ts', text: APP },
    { path: 'svc/lib/stack.ts', text: stack },
  ];
  expect(files.every(file => cdkAdapter.accepts(file))).toBe(true);
  const result = cdkAdapter.load(files);
  expect(result.errors).toEqual([]);
  expect(result.graphs).toHaveLength(1);
  return result.graphs[0];
}

/** `rule resource line` of what the given rules find in the app whose stack is `stack`. */
function findingsOf(stack: string, rules: string[], app = APP): string[] {
  const files = [
    { path: 'svc/cdk.json', text: CDK_JSON },
    { path: 'svc/bin/app.ts', text: app },
    { path: 'svc/lib/stack.ts', text: stack },
  ];
  return scanFiles(files, selectRules(rules)).findings.map(
    f => `${f.ruleId} ${f.resourceId} ${f.line}`,
  );
}

const IMPORTS = `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
`;

describe('cdkAdapter', () => {
  it('names every file an app read, a module that declares nothing included, apart from those it lists as read', () => {
    const stack = `${IMPORTS}
import { QUEUE_NAME } from './names';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs', { queueName: QUEUE_NAME });
  }
}
`;
    const report = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
        {
          path: 'svc/lib/names.ts',
          text: "export const QUEUE_NAME = 'jobs';\n",
        },
        {
          path: 'svc/lib/unused.ts',
          text: "import * as sqs from 'aws-cdk-lib/aws-sqs';\nexport const unused = sqs;\n",
        },
      ],
      selectRules([]),
    );
    expect(report.files.map(file => `${file.path} ${file.resources}`)).toEqual([
      'svc/bin/app.ts 0',
      'svc/lib/stack.ts 1',
    ]);
    expect(report.programs).toEqual([
      {
        format: 'cdk',
        project: 'svc/cdk.json',
        main: 'svc/bin/app.ts',
        files: ['svc/bin/app.ts', 'svc/lib/names.ts', 'svc/lib/stack.ts'],
      },
    ]);
  });

  it('claims cdk.json and the modules that import the CDK', () => {
    expect(cdkAdapter.accepts({ path: 'a/cdk.json', text: '{}' })).toBe(true);
    expect(
      cdkAdapter.accepts({
        path: 'a/lib/s.ts',
        text: "import * as s3 from 'aws-cdk-lib/aws-s3';",
      }),
    ).toBe(true);
    expect(
      cdkAdapter.accepts({
        path: 'a/index.ts',
        text: "import * as aws from '@pulumi/aws';",
      }),
    ).toBe(false);
  });

  it('models L2 functions with their implicit role, default policy and what CDK grants', () => {
    const graph = graphOf(`${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14) });
    const table = new dynamodb.Table(this, 'Table', { pointInTimeRecovery: true });
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      timeout: cdk.Duration.minutes(1),
      tracing: lambda.Tracing.ACTIVE,
      deadLetterQueue: dlq,
      environment: { TABLE: table.tableName },
    });
    table.grantReadData(fn);
    fn.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Work'), { reportBatchItemFailures: true }));
    new cloudwatch.Alarm(this, 'DlqAlarm', { metric: dlq.metricApproximateNumberOfMessagesVisible(), threshold: 0, evaluationPeriods: 1 });
    new apigateway.LambdaRestApi(this, 'Api', { handler: fn, deployOptions: { throttlingRateLimit: 100, throttlingBurstLimit: 50 } });
  }
}
`);
    expect([...graph.resources].map(r => `${r.id} ${r.type}`)).toEqual([
      'Dlq AWS::SQS::Queue',
      'Table AWS::DynamoDB::Table',
      'Handler/ServiceRole AWS::IAM::Role',
      'Handler AWS::Lambda::Function',
      'Handler/ServiceRole/DefaultPolicy AWS::IAM::Policy',
      'Work AWS::SQS::Queue',
      'Handler/SqsEventSource:OrdersWorkE0A4575B AWS::Lambda::EventSourceMapping',
      'DlqAlarm AWS::CloudWatch::Alarm',
      'Api AWS::ApiGateway::RestApi',
      'Api/Default/ANY/ApiPermission.Api.ANY.. AWS::Lambda::Permission',
      'Api/Default/ANY/ApiPermission.Test.Api.ANY.. AWS::Lambda::Permission',
      'Api/Default/ANY AWS::ApiGateway::Method',
      'Api/Default/{proxy+}/ANY/ApiPermission.Api.ANY..{proxy+} AWS::Lambda::Permission',
      'Api/Default/{proxy+}/ANY/ApiPermission.Test.Api.ANY..{proxy+} AWS::Lambda::Permission',
      'Api/Default/{proxy+}/ANY AWS::ApiGateway::Method',
      'Api/CloudWatchRole AWS::IAM::Role',
      'Api/Account AWS::ApiGateway::Account',
      'Api/Deployment AWS::ApiGateway::Deployment',
      'Api/DeploymentStage.prod AWS::ApiGateway::Stage',
    ]);
    expect(graph.get('DlqAlarm')!.properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: new Ref('Dlq', 'QueueName') }],
    });
    expect(
      graph.get('Api/DeploymentStage.prod')!.properties.MethodSettings,
    ).toEqual([
      {
        ResourcePath: '/*',
        HttpMethod: '*',
        ThrottlingRateLimit: 100,
        ThrottlingBurstLimit: 50,
      },
    ]);
    const fn = graph.get('Handler')!;
    expect(fn.properties).toMatchObject({
      Runtime: 'nodejs20.x',
      Timeout: 60,
      Role: new Ref('Handler/ServiceRole', 'Arn'),
      TracingConfig: { Mode: 'Active' },
      DeadLetterConfig: { TargetArn: new Ref('Dlq', 'Arn') },
      Environment: { Variables: { TABLE: new Ref('Table') } },
    });
    expect(fn.line).toBe(17);
    expect(
      graph.get('Handler/ServiceRole')!.properties.ManagedPolicyArns,
    ).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    expect(graph.get('Dlq')!.properties.MessageRetentionPeriod).toBe(1209600);
    const statements = getPath(
      graph.get('Handler/ServiceRole/DefaultPolicy')!.properties,
      ['PolicyDocument', 'Statement'],
    );
    expect((statements as any[]).map(s => [s.Action, s.Resource])).toEqual([
      [['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*'],
      ['sqs:SendMessage', new Ref('Dlq', 'Arn')],
      // A Table's resources in a list, as cdk synth writes them (aws-dynamodb/lib/table-grants.ts).
      [expect.arrayContaining(['dynamodb:GetItem']), [new Ref('Table', 'Arn')]],
      // Reading a table's data grants reading its stream's records in a statement of its own (table-grants.ts).
      [
        ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        [new Ref('Table', 'Arn')],
      ],
      [expect.arrayContaining(['sqs:ReceiveMessage']), new Ref('Work', 'Arn')],
    ]);
    expect(
      graph.get('Handler/SqsEventSource:OrdersWorkE0A4575B')!.properties
        .FunctionResponseTypes,
    ).toEqual(['ReportBatchItemFailures']);
  });

  it('reads L1 constructs, construct paths, alarms, subscriptions and outputs', () => {
    const graph = graphOf(`${IMPORTS}
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';

class Notifications extends Construct {
  readonly topic: sns.Topic;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic');
  }
}

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const notifications = new Notifications(this, 'Notifications');
    const fn = new lambda.CfnFunction(this, 'Raw', {
      runtime: 'python3.12',
      role: 'arn:aws:iam::123456789012:role/x',
      code: { zipFile: 'pass' },
      environment: { variables: { lower_case: notifications.topic.topicArn } },
      tracingConfig: { mode: 'Active' },
    });
    notifications.topic.addSubscription(new subscriptions.LambdaSubscription(fn));
    fn.metricErrors().createAlarm(this, 'RawErrors', { threshold: 1, evaluationPeriods: 1 })
      .addAlarmAction(new cloudwatchActions.SnsAction(notifications.topic));
    new cdk.CfnOutput(this, 'TopicArn', { value: notifications.topic.topicArn });
  }
}
`);
    expect(graph.get('Notifications/Topic')!.type).toBe('AWS::SNS::Topic');
    expect(graph.get('Raw')!.properties).toMatchObject({
      Runtime: 'python3.12',
      Code: { ZipFile: 'pass' },
      Environment: {
        Variables: { lower_case: new Ref('Notifications/Topic') },
      },
      TracingConfig: { Mode: 'Active' },
    });
    expect(graph.get('RawErrors')!.properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: new Ref('Raw') }],
      AlarmActions: [new Ref('Notifications/Topic')],
    });
    expect(graph.get('Raw/Topic')!.properties.Endpoint).toEqual(
      new Ref('Raw', 'Arn'),
    );
    expect(graph.outputs.map(o => [o.name, o.value])).toEqual([
      ['TopicArn', new Ref('Notifications/Topic')],
    ]);
  });

  it('models how functions are called: event sources, destinations, URLs, load balancers and HTTP APIs', () => {
    const graph = graphOf(`
import * as cdk from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { DynamoEventSource, S3EventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LambdaTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const failures = new sqs.Queue(this, 'Failures');
    const uploads = new lambda.Function(this, 'Uploads', { onFailure: new SqsDestination(failures) });
    const configured = new lambda.Function(this, 'Configured', { onFailure: process.env.FAILURES as any });
    uploads.addEventSource(new S3EventSource(new s3.Bucket(this, 'Inbox'), { events: [] }));
    const reader = new lambda.Function(this, 'Reader', {});
    reader.addEventSource(new DynamoEventSource(new dynamodb.Table(this, 'Clicks', {}), {}));
    const web = new lambda.Function(this, 'Web', {});
    const url = web.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const alb = new lambda.Function(this, 'Alb', {});
    const target = new LambdaTarget(alb);
    const http = new lambda.Function(this, 'Http', {});
    const integration = new HttpLambdaIntegration('Orders', http);
    const api = new apigateway.RestApi(this, 'Api', {});
    new cdk.CfnOutput(this, 'ApiUrl', { value: api.url });
    new cdk.CfnOutput(this, 'WebUrl', { value: url.url });
  }
}
`);
    const kinds = (id: string) =>
      triggersOf(graph, graph.get(id)!).map(
        trigger => `${trigger.kind} ${trigger.via.type}`,
      );
    expect(kinds('Uploads')).toEqual(['async AWS::Lambda::Permission']);
    expect(triggersOf(graph, graph.get('Uploads')!)[0].via.origin).toBe(
      'the notifications of the S3 bucket Inbox',
    );
    expect(
      graph.get('Uploads/EventInvokeConfig')!.properties.DestinationConfig,
    ).toEqual({
      OnFailure: { Destination: new Ref('Failures', 'Arn') },
    });
    expect(
      getPath(graph.get('Configured/EventInvokeConfig')!.properties, [
        'DestinationConfig',
        'OnFailure',
        'Destination',
      ]),
    ).toBeInstanceOf(Unknown);
    expect(kinds('Reader')).toEqual(['poll AWS::Lambda::EventSourceMapping']);
    expect(
      graph.get('Reader/DynamoDBEventSource:OrdersClicks38B90290')!.properties
        .EventSourceArn,
    ).toEqual(new Ref('Clicks', 'StreamArn'));
    expect(kinds('Web')).toEqual(['sync AWS::Lambda::Url']);
    expect(graph.get('Web/FunctionUrl')!.properties.AuthType).toBe('NONE');
    expect(kinds('Alb')).toEqual(['sync AWS::Lambda::Permission']);
    expect(kinds('Http')).toEqual(['sync AWS::Lambda::Permission']);
    expect(graph.outputs.map(output => [output.name, output.value])).toEqual([
      ['ApiEndpoint', new Ref('Api')],
      ['ApiUrl', new Ref('Api')],
      ['WebUrl', new Ref('Web/FunctionUrl')],
    ]);
  });

  it("reads a function's events, addEventSourceMapping and EventSourceMapping as queues it polls", () => {
    const stack = `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const jobs = new sqs.Queue(this, 'Jobs', { visibilityTimeout: cdk.Duration.seconds(30) });
    new lambda.Function(this, 'Worker', { timeout: cdk.Duration.seconds(60), events: [new SqsEventSource(jobs, { reportBatchItemFailures: process.env.PARTIAL === 'yes' })] });
    const mapped = new lambda.Function(this, 'Mapped', {});
    const orders = new sqs.Queue(this, 'Orders');
    mapped.addEventSourceMapping('FromOrders', { eventSourceArn: orders.queueArn, reportBatchItemFailures: true });
    const audit = new sqs.Queue(this, 'Audit');
    new lambda.EventSourceMapping(this, 'FromAudit', { target: new lambda.Function(this, 'Auditor', {}), eventSourceArn: audit.queueArn });
  }
}
`;
    const graph = graphOf(stack);
    const kinds = (id: string) =>
      triggersOf(graph, graph.get(id)!).map(
        trigger => `${trigger.kind} ${trigger.via.id}`,
      );
    expect(['Worker', 'Mapped', 'Auditor'].map(kinds)).toEqual([
      ['poll Worker/SqsEventSource:OrdersJobs75367294'],
      ['poll Mapped/FromOrders'],
      ['poll FromAudit'],
    ]);
    expect(graph.get('Mapped/FromOrders')!.properties).toEqual({
      FunctionName: new Ref('Mapped'),
      EventSourceArn: new Ref('Orders', 'Arn'),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // Polled, so not asynchronous (DLQ-001); each queue lacks a redrive policy; whether Worker's mapping reports partial
    // batch failures is not known statically.
    expect(
      findingsOf(stack, ['DLQ-001', 'DLQ-002', 'DLQ-005', 'DLQ-006']),
    ).toEqual([
      'DLQ-002 Jobs 15',
      'DLQ-006 Jobs 15',
      'DLQ-002 Orders 18',
      'DLQ-002 Audit 20',
      'DLQ-005 FromAudit 21',
    ]);
  });

  it('reads deadLetterTopic and configureAsyncInvoke as where failed events go, with what they grant', () => {
    const stack = `${IMPORTS}
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { settings } from './settings';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const alerts = new sns.Topic(this, 'Alerts');
    new lambda.Function(this, 'ToTopic', { deadLetterTopic: alerts });
    const failures = new sqs.Queue(this, 'Failures');
    const toQueue = new lambda.Function(this, 'ToQueue', {});
    toQueue.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(failures), retryAttempts: 0 });
    const configured = new lambda.Function(this, 'Configured', {});
    configured.configureAsyncInvoke(settings.asyncInvoke);
    new lambda.Function(this, 'Neither', {});
  }
}
`;
    const graph = graphOf(stack);
    expect(graph.get('ToTopic')!.properties.DeadLetterConfig).toEqual({
      TargetArn: new Ref('Alerts'),
    });
    expect(graph.get('ToQueue/EventInvokeConfig')!.properties).toEqual({
      FunctionName: new Ref('ToQueue'),
      Qualifier: '$LATEST',
      DestinationConfig: {
        OnFailure: { Destination: new Ref('Failures', 'Arn') },
      },
    });
    expect(
      getPath(graph.get('Configured/EventInvokeConfig')!.properties, [
        'DestinationConfig',
        'OnFailure',
        'Destination',
      ]),
    ).toBeInstanceOf(Unknown);
    const granted = (role: string) =>
      (
        getPath(graph.get(`${role}/ServiceRole/DefaultPolicy`)!.properties, [
          'PolicyDocument',
          'Statement',
        ]) as any[]
      ).map(s => [s.Action, s.Resource]);
    expect(granted('ToTopic')).toEqual([['sns:Publish', new Ref('Alerts')]]);
    expect(granted('ToQueue')).toEqual([
      [expect.arrayContaining(['sqs:SendMessage']), new Ref('Failures', 'Arn')],
    ]);
    // Only the function whose failures go nowhere; the dead-letter topic's publish is granted (DLQ-004).
    expect(findingsOf(stack, ['DLQ-001', 'DLQ-004'])).toEqual([
      'DLQ-001 Neither 24',
    ]);
  });

  it('gives tables the SSESpecification CDK synthesizes for each way of choosing their encryption', () => {
    const stack = `${IMPORTS}
import * as kms from 'aws-cdk-lib/aws-kms';
import { settings } from './settings';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    new dynamodb.Table(this, 'Plain', {});
    new dynamodb.Table(this, 'Owned', { encryption: dynamodb.TableEncryption.DEFAULT });
    new dynamodb.Table(this, 'Managed', { encryption: dynamodb.TableEncryption.AWS_MANAGED });
    new dynamodb.Table(this, 'Keyed', { encryptionKey: key });
    new dynamodb.Table(this, 'Created', { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED });
    new dynamodb.Table(this, 'Legacy', { serverSideEncryption: true });
    new dynamodb.Table(this, 'Configured', { encryption: settings.encryption });
    new dynamodb.TableV2(this, 'V2Plain', {});
    new dynamodb.TableV2(this, 'V2Owned', { encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey() });
    new dynamodb.TableV2(this, 'V2Managed', { encryption: dynamodb.TableEncryptionV2.awsManagedKey() });
    new dynamodb.TableV2(this, 'V2Keyed', { encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) });
  }
}
`;
    const graph = graphOf(stack);
    const sse = (id: string) => graph.get(id)!.properties.SSESpecification;
    expect(sse('Owned')).toEqual({ SSEEnabled: false });
    expect(sse('Managed')).toEqual({ SSEEnabled: true });
    expect(sse('Keyed')).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: new Ref('Key', 'Arn'),
    });
    // The key CDK makes below the table has rotation on.
    expect(sse('Created')).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
      KMSMasterKeyId: new Ref('Created/Key', 'Arn'),
    });
    expect(graph.get('Created/Key')!.properties.EnableKeyRotation).toBe(true);
    expect(sse('Legacy')).toEqual({ SSEEnabled: true });
    expect(sse('Configured')).toBeInstanceOf(Unknown);
    expect(sse('V2Owned')).toEqual({ SSEEnabled: false });
    expect(sse('V2Managed')).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    // A TableV2's key is its replica's.
    expect(sse('V2Keyed')).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(graph.get('V2Keyed')!.properties.Replicas).toEqual([
      {
        Region: Unknown.oneValue('AWS::Region'),
        SSESpecification: { KMSMasterKeyId: new Ref('Key', 'Arn') },
      },
    ]);
    // An AWS-owned key, by default or by choice, and nothing else.
    expect(findingsOf(stack, ['ENC-005'])).toEqual([
      'ENC-005 Plain 18',
      'ENC-005 Owned 19',
      'ENC-005 V2Plain 25',
      'ENC-005 V2Owned 26',
    ]);
  });

  it('gives queues the encryption CDK synthesizes, with the key it makes for QueueEncryption.KMS without one', () => {
    const stack = `${IMPORTS}
import * as kms from 'aws-cdk-lib/aws-kms';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    new sqs.Queue(this, 'Plain');
    new sqs.Queue(this, 'Sqs', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    new sqs.Queue(this, 'Unencrypted', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new sqs.Queue(this, 'Keyed', { encryptionMasterKey: key });
    new sqs.Queue(this, 'Created', { encryption: sqs.QueueEncryption.KMS });
    new sqs.Queue(this, 'Configured', { encryption: process.env.QUEUE_ENCRYPTION as sqs.QueueEncryption });
  }
}
`;
    const graph = graphOf(stack);
    expect(graph.get('Keyed')!.properties.KmsMasterKeyId).toEqual(
      new Ref('Key', 'Arn'),
    );
    expect(graph.get('Created')!.properties.KmsMasterKeyId).toEqual(
      new Ref('Created/Key', 'Arn'),
    );
    // Not known statically: neither a key nor SSE-SQS is proven missing.
    expect(findingsOf(stack, ['ENC-003', 'ENC-007'])).toEqual([
      'ENC-003 Plain 17',
      'ENC-003 Unencrypted 19',
      'ENC-007 Created/Key 21',
    ]);
  });

  it('fails no function, queue or table on a dead-letter or recovery setting not known statically', () => {
    const stack = `${IMPORTS}
import { settings } from './settings';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Maybe', { runtime: lambda.Runtime.NODEJS_22_X, deadLetterQueueEnabled: settings.dlq });
    new lambda.Function(this, 'Without', { runtime: lambda.Runtime.NODEJS_22_X, deadLetterQueueEnabled: false });
    const fn = new lambda.Function(this, 'Consumer', { runtime: lambda.Runtime.NODEJS_22_X, deadLetterQueueEnabled: true });
    fn.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Redriven', { deadLetterQueue: settings.redrive })));
    fn.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Plain')));
    new dynamodb.Table(this, 'Recovered', { pointInTimeRecoverySpecification: settings.recovery });
    new dynamodb.Table(this, 'Unrecovered', { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } });
  }
}
`;
    expect(findingsOf(stack, ['DLQ-001', 'DLQ-002', 'OPS-004'])).toEqual([
      'DLQ-001 Without 17',
      'DLQ-002 Plain 20',
      'OPS-004 Unrecovered 22',
    ]);
  });

  it("records a key's spec and usage, so that only symmetric keys need rotation", () => {
    const stack = `${IMPORTS}
import * as kms from 'aws-cdk-lib/aws-kms';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new kms.Key(this, 'Signing', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY });
    new kms.Key(this, 'Mac', { keySpec: kms.KeySpec.HMAC_256, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC });
    new kms.Key(this, 'Symmetric', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT });
    new kms.Key(this, 'Default', {});
  }
}
`;
    const graph = graphOf(stack);
    expect(graph.get('Signing')!.properties).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
    });
    expect(graph.get('Mac')!.properties).toMatchObject({
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
    });
    expect(findingsOf(stack, ['ENC-007'])).toEqual([
      'ENC-007 Symmetric 18',
      'ENC-007 Default 19',
    ]);
  });

  it("reads a statement's conditions: in its props, added with addCondition, or in the JSON fromJson reads", () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const insecure = new iam.PolicyStatement({
      effect: iam.Effect.DENY, principals: [new iam.AnyPrincipal()], actions: ['s3:*'], resources: ['*'],
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    new s3.Bucket(this, 'Props').addToResourcePolicy(insecure);
    const added = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'] });
    added.addCondition('Bool', { 'aws:SecureTransport': 'false' });
    added.addCondition('Bool', { 'aws:ViaAWSService': 'false' });
    added.addConditions({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } });
    new s3.Bucket(this, 'Added').addToResourcePolicy(added);
    const json = new s3.Bucket(this, 'Json');
    json.addToResourcePolicy(iam.PolicyStatement.fromJson({
      Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    const elsewhere = new s3.Bucket(this, 'OutsideTheNetwork');
    elsewhere.addToResourcePolicy(iam.PolicyStatement.fromJson({
      Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    }));
  }
}
`;
    const graph = graphOf(stack);
    const condition = (bucket: string) =>
      getPath(graph.get(`${bucket}/Policy`)!.properties, [
        'PolicyDocument',
        'Statement',
        0,
        'Condition',
      ]);
    expect(condition('Props')).toEqual({
      Bool: { 'aws:SecureTransport': 'false' },
    });
    expect(condition('Added')).toEqual({
      Bool: { 'aws:SecureTransport': 'false', 'aws:ViaAWSService': 'false' },
      IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
    });
    expect(condition('Json')).toEqual({
      Bool: { 'aws:SecureTransport': 'false' },
    });
    // A deny of requests from outside a network is no deny of insecure transport.
    expect(findingsOf(stack, ['ENC-006'])).toEqual([
      'ENC-006 OutsideTheNetwork 31',
    ]);
  });

  it("adds to a key's policy the statements of addToResourcePolicy and the grants to a principal with no policies of its own", () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { settings } from './settings';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const added = new kms.Key(this, 'Added', { enableKeyRotation: true });
    added.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('logs.amazonaws.com')], actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'], resources: ['*'],
    }));
    new logs.LogGroup(this, 'AddedLogs', { encryptionKey: added });
    const granted = new kms.Key(this, 'Granted', { enableKeyRotation: true });
    granted.grantEncryptDecrypt(new iam.ServicePrincipal('logs.amazonaws.com'));
    new logs.LogGroup(this, 'GrantedLogs', { encryptionKey: granted });
    const configured = new kms.Key(this, 'Configured', { enableKeyRotation: true });
    configured.grantEncryptDecrypt(settings.principal);
    new logs.LogGroup(this, 'ConfiguredLogs', { encryptionKey: configured });
    const toRole = new kms.Key(this, 'ToRole', { enableKeyRotation: true });
    toRole.grantEncryptDecrypt(new iam.Role(this, 'Reader', { assumedBy: new iam.ServicePrincipal('logs.amazonaws.com') }));
    new logs.LogGroup(this, 'ToRoleLogs', { encryptionKey: toRole });
  }
}
`;
    const graph = graphOf(stack);
    const statements = (key: string) =>
      getPath(graph.get(key)!.properties, ['KeyPolicy', 'Statement']) as any[];
    expect(statements('Added')[1]).toMatchObject({
      Principal: { Service: ['logs.amazonaws.com'] },
      Resource: ['*'],
    });
    expect(statements('Granted')[1]).toEqual({
      Effect: 'Allow',
      Principal: { Service: ['logs.amazonaws.com'] },
      Action: [
        'kms:Decrypt',
        'kms:Encrypt',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
      ],
      Resource: ['*'],
    });
    expect(
      lineOfPath(
        graph.get('Granted')!.properties,
        ['KeyPolicy', 'Statement', 1],
        0,
      ),
    ).toBe(25);
    expect(statements('Configured')[1]).toBeInstanceOf(Unknown);
    // A role is granted in its own policy: the key's still lets no Logs service use it.
    expect(statements('ToRole')).toHaveLength(1);
    expect(findingsOf(stack, ['ENC-002'])).toEqual(['ENC-002 ToRole 30']);
  });

  it("adds to the policy of an alias's key the statements of the alias's addToResourcePolicy, as CDK does (aws-kms/lib/alias.ts): the key lets CloudWatch Logs use it (ENC-002)", () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
const forLogs = () => new iam.PolicyStatement({
  principals: [new iam.ServicePrincipal('logs.amazonaws.com')], actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'], resources: ['*'],
});
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const added = new kms.Key(this, 'Added', { enableKeyRotation: true });
    const alias = added.addAlias('alias/logs');
    alias.addToResourcePolicy(forLogs());
    new logs.LogGroup(this, 'AddedLogs', { encryptionKey: alias });
    const given = new kms.Key(this, 'Given', { enableKeyRotation: true });
    new kms.Alias(this, 'GivenAlias', { aliasName: 'alias/given', targetKey: given }).addToResourcePolicy(forLogs());
    new logs.LogGroup(this, 'GivenLogs', { encryptionKey: given });
    const imported = kms.Key.fromKeyArn(this, 'Imported', cdk.Fn.importValue('KeyArn')).addAlias('alias/imported');
    imported.addToResourcePolicy(forLogs());
  }
}
`;
    const graph = graphOf(stack);
    const statements = (key: string) =>
      getPath(graph.get(key)!.properties, ['KeyPolicy', 'Statement']) as any[];
    for (const key of ['Added', 'Given'])
      expect(statements(key)[1]).toMatchObject({
        Principal: { Service: ['logs.amazonaws.com'] },
        Resource: ['*'],
      });
    expect(findingsOf(stack, ['ENC-002'])).toEqual([]);
  });

  it('reads aspects: a Tag tags what is below its scope, cdk-nag checks and suppressions change nothing, any other aspect may change what is below its scope (partial)', () => {
    const app = (aspects: string) => `${IMPORTS}
import { AwsSolutionsChecks, NagPack, NagSuppressions } from 'cdk-nag';
import { IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
class OrgChecks extends NagPack {
  constructor() {
    super();
    this.packName = 'Org';
  }
  public visit(node: IConstruct): void {}
}
class Tracing implements IAspect {
  visit(node: IConstruct) {
    if (node instanceof lambda.CfnFunction) node.tracingConfig = { mode: 'Active' };
  }
}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const api = new Construct(this, 'Api');
    const table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const handler = new lambda.Function(api, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), environment: { TABLE: table.tableName } });
    const worker = new lambda.Function(this, 'Worker', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), tracing: lambda.Tracing.ACTIVE });
    ${aspects}
  }
}
`;
    const scan = (aspects: string) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: app(aspects) },
        ],
        selectRules(['LOG-003', 'OPS-003', 'IAM-004']),
      )
        .findings.map(f => `${f.ruleId} ${f.resourceId} ${f.confidence}`)
        .filter(f => !f.startsWith('OPS-003 Orders'))
        .sort();
    expect(scan('')).toEqual([
      'IAM-004 Api/Handler high',
      'LOG-003 Api/Handler high',
      'OPS-003 Api/Handler high',
      'OPS-003 Api/Handler/ServiceRole high',
      'OPS-003 Worker high',
      'OPS-003 Worker/ServiceRole high',
    ]);
    expect(
      scan("cdk.Aspects.of(api).add(new cdk.Tag('team', 'orders'));"),
    ).toEqual([
      'IAM-004 Api/Handler high',
      'LOG-003 Api/Handler high',
      'OPS-003 Worker high',
      'OPS-003 Worker/ServiceRole high',
    ]);
    expect(
      scan(
        "cdk.Aspects.of(this).add(new AwsSolutionsChecks({ verbose: true }));\n    NagSuppressions.addResourceSuppressions(handler, [{ id: 'AwsSolutions-IAM4', reason: 'managed policy' }], true);",
      ),
    ).toEqual(scan(''));
    // A rule pack of the app's own (a NagPack subclass) only reports, as cdk-nag's do: it tags nothing in the app.
    expect(scan('cdk.Aspects.of(this).add(new OrgChecks());')).toEqual(
      scan(''),
    );
    expect(scan('cdk.Aspects.of(api).add(new Tracing());')).toEqual([
      'IAM-004 Api/Handler partial',
      'LOG-003 Api/Handler partial',
      'OPS-003 Api/Handler partial',
      'OPS-003 Api/Handler/ServiceRole partial',
      'OPS-003 Worker high',
      'OPS-003 Worker/ServiceRole high',
    ]);
  });

  it('reads a walk of the constructs below a construct (node.findAll, node.children) as an aspect not modelled: what is below may be changed (partial)', () => {
    const stack = (walk: string) => `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const jobs = new Construct(this, 'Jobs');
    new sqs.Queue(jobs, 'Queue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new sqs.Queue(this, 'Audit', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    ${walk}
  }
}
`;
    const scan = (walk: string, app = APP) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: app },
          { path: 'svc/lib/stack.ts', text: stack(walk) },
        ],
        selectRules(['ENC-003']),
      )
        .findings.map(f => `${f.ruleId} ${f.resourceId} ${f.confidence}`)
        .sort();
    expect(scan('')).toEqual(['ENC-003 Audit high', 'ENC-003 Jobs/Queue high']);
    // cdk synth writes SqsManagedSseEnabled: true for each queue the walk reaches.
    expect(
      scan(
        "jobs.node.findAll().forEach(c => { if (c instanceof sqs.CfnQueue) c.addPropertyOverride('SqsManagedSseEnabled', true); });",
      ),
    ).toEqual(['ENC-003 Audit high', 'ENC-003 Jobs/Queue partial']);
    expect(
      scan(
        'for (const child of this.node.children) { const cfn = child.node.defaultChild; if (cfn instanceof sqs.CfnQueue) cfn.sqsManagedSseEnabled = true; }',
      ),
    ).toEqual(['ENC-003 Audit partial', 'ENC-003 Jobs/Queue partial']);
    // A stack made directly, and the app, walked in the app's file.
    const walked = (walk: string) =>
      scan(
        '',
        `
import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { OrdersStack } from '../lib/stack';
const app = new cdk.App();
const stack = new OrdersStack(app, 'Orders');
const other = new cdk.Stack(app, 'Other');
new sqs.Queue(other, 'Other', { encryption: sqs.QueueEncryption.UNENCRYPTED });
${walk}
`,
      );
    expect(walked('')).toEqual([
      'ENC-003 Audit high',
      'ENC-003 Jobs/Queue high',
      'ENC-003 Other high',
    ]);
    expect(
      walked(
        'other.node.findAll().filter(c => c instanceof sqs.CfnQueue).forEach(c => (c as sqs.CfnQueue).sqsManagedSseEnabled = true);',
      ),
    ).toEqual([
      'ENC-003 Audit high',
      'ENC-003 Jobs/Queue high',
      'ENC-003 Other partial',
    ]);
    expect(
      walked(
        "app.node.findAll().forEach(c => { if (c instanceof sqs.CfnQueue) c.addPropertyOverride('SqsManagedSseEnabled', true); });",
      ),
    ).toEqual([
      'ENC-003 Audit partial',
      'ENC-003 Jobs/Queue partial',
      'ENC-003 Other partial',
    ]);
  });

  it('tags what is below the scope Tags.of names, and all of a stack given tags', () => {
    const stack = (tagging: string) => `${IMPORTS}
class Notifications extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sns.Topic(this, 'Topic');
    ${
      tagging.includes('notifications')
        ? "cdk.Tags.of(this).add('team', 'orders');"
        : ''
    }
  }
}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const jobs = new sqs.Queue(this, 'Jobs');
    new Notifications(this, 'Notifications');
    const fn = new lambda.Function(this, 'Handler', {});
    ${
      tagging.includes('jobs') ? "cdk.Tags.of(jobs).add('team', 'orders');" : ''
    }
    ${tagging.includes('fn') ? "cdk.Tags.of(fn).add('team', 'orders');" : ''}
  }
}
`;
    const app = (props: string, tagging = '') => `
import * as cdk from 'aws-cdk-lib';
import { OrdersStack } from '../lib/stack';
const app = new cdk.App();
new OrdersStack(app, 'Orders'${props});
${tagging}
`;
    const untagged = (tagging: string, appProps = '', appTagging = '') =>
      findingsOf(stack(tagging), ['OPS-003'], app(appProps, appTagging)).map(
        finding => finding.split(' ')[1],
      );
    const all = [
      'Notifications/Topic',
      'Jobs',
      'Handler/ServiceRole',
      'Handler',
    ];
    expect(untagged('')).toEqual(all);
    // Only what is below the scope: a queue, a construct's topic, a function and the role CDK makes for it.
    expect(untagged('jobs')).toEqual([
      'Notifications/Topic',
      'Handler/ServiceRole',
      'Handler',
    ]);
    expect(untagged('notifications')).toEqual([
      'Jobs',
      'Handler/ServiceRole',
      'Handler',
    ]);
    expect(untagged('fn')).toEqual(['Notifications/Topic', 'Jobs']);
    // The app, the stack's tags, tags not known statically: everything.
    expect(untagged('', '', "cdk.Tags.of(app).add('team', 'orders');")).toEqual(
      [],
    );
    expect(untagged('', ", { tags: { team: 'orders' } }")).toEqual([]);
    expect(untagged('', ', { tags: JSON.parse(process.env.TAGS!) }')).toEqual(
      [],
    );
    expect(untagged('', ', { tags: {} }')).toEqual(all);
  });

  it('applies the props of Tags.of(scope).add and remove, and of Tag and RemoveTag aspects, as the tag aspects do (OPS-003)', () => {
    const stack = (tagging: string) => `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const group = new Construct(this, 'Group');
    new sqs.Queue(group, 'Jobs');
    new lambda.Function(group, 'Handler', {});
    ${tagging}
  }
}
`;
    const explicit = JSON.stringify({
      ...JSON.parse(CDK_JSON),
      context: { '@aws-cdk/core:explicitStackTags': true },
    });
    const untagged = (tagging: string, cdkJson = CDK_JSON, app = APP) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: cdkJson },
          { path: 'svc/bin/app.ts', text: app },
          { path: 'svc/lib/stack.ts', text: stack(tagging) },
        ],
        selectRules(['OPS-003']),
      ).findings.map(finding => `${finding.resourceId} ${finding.line}`);
    const all = [
      'Group/Jobs 16',
      'Group/Handler/ServiceRole 17',
      'Group/Handler 17',
    ];
    const role = "excludeResourceTypes: ['AWS::IAM::Role']";
    // A type excluded, or not included, is left untagged; the rest of the scope is tagged.
    expect(
      untagged(`cdk.Tags.of(group).add('team', 'orders', { ${role} });`),
    ).toEqual(['Group/Handler/ServiceRole 17']);
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders', { includeResourceTypes: ['AWS::SQS::Queue'] });",
      ),
    ).toEqual(['Group/Handler/ServiceRole 17', 'Group/Handler 17']);
    expect(
      untagged(
        `cdk.Aspects.of(group).add(new cdk.Tag('team', 'orders', { ${role} }));`,
      ),
    ).toEqual(['Group/Handler/ServiceRole 17']);
    // On a stack, the stack itself is tagged, and CloudFormation gives its tags to all it deploys, unless
    // explicitStackTags leaves it out, as it does for Tags.of unless the stack's type is included.
    expect(
      untagged(`cdk.Tags.of(this).add('team', 'orders', { ${role} });`),
    ).toEqual([]);
    expect(
      untagged(
        `cdk.Tags.of(this).add('team', 'orders', { ${role} });`,
        explicit,
      ),
    ).toEqual(['Group/Handler/ServiceRole 17']);
    expect(
      untagged(
        "cdk.Tags.of(this).add('team', 'orders', { includeResourceTypes: ['aws:cdk:stack'] });",
        explicit,
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Tags.of(this).add('team', 'orders', { excludeResourceTypes: ['aws:cdk:stack', 'AWS::IAM::Role'] });",
      ),
    ).toEqual(['Group/Handler/ServiceRole 17']);
    expect(
      untagged(
        `cdk.Aspects.of(this).add(new cdk.Tag('team', 'orders', { ${role} }));`,
        explicit,
      ),
    ).toEqual([]);
    // A remove of the key undoes an add of lower or equal priority (100 and 200 by default), of equal ones
    // the last applied: that on the innermost scope, or the last added on one scope.
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders');\n    cdk.Tags.of(group).remove('team');",
      ),
    ).toEqual(all);
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders');\n    cdk.Tags.of(group).remove('owner');",
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders', { priority: 300 });\n    cdk.Tags.of(this).remove('team');",
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders');\n    cdk.Tags.of(this).remove('team', { includeResourceTypes: ['AWS::IAM::Role'] });",
      ),
    ).toEqual(['Group/Handler/ServiceRole 17']);
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders', { priority: 200 });\n    cdk.Tags.of(this).remove('team');",
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Tags.of(this).add('team', 'orders', { priority: 200 });\n    cdk.Tags.of(group).remove('team');",
        explicit,
      ),
    ).toEqual(all);
    expect(
      untagged(
        "cdk.Aspects.of(group).add(new cdk.RemoveTag('team', { priority: 100 }));\n    cdk.Tags.of(group).add('team', 'orders');",
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders');\n    cdk.Aspects.of(group).add(new cdk.RemoveTag('team', { priority: 100 }));",
      ),
    ).toEqual(all);
    // A stack's own tags (priority 50) are undone too.
    const taggedApp = APP.replace(
      "'Orders'",
      "'Orders', { tags: { team: 'orders' } }",
    );
    expect(untagged('', CDK_JSON, taggedApp)).toEqual([]);
    expect(
      untagged("cdk.Tags.of(this).remove('team');", CDK_JSON, taggedApp),
    ).toEqual(all);
    expect(
      untagged("cdk.Tags.of(this).remove('owner');", CDK_JSON, taggedApp),
    ).toEqual([]);
    // Props, keys or removes not known statically may leave the tag: never a failure.
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders', JSON.parse(process.env.TAG_PROPS!));",
      ),
    ).toEqual([]);
    expect(
      untagged(
        `cdk.Tags.of(group).add('team', 'orders', { excludeResourceTypes: JSON.parse(process.env.TYPES!) });`,
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders');\n    cdk.Tags.of(group).remove(process.env.KEY!);",
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders');\n    if (process.env.BARE) cdk.Tags.of(group).remove('team');",
      ),
    ).toEqual([]);
  });

  it('undoes a tag by a remove of equal priority only when its aspect surely runs later, as aspect priorities order them (OPS-003)', () => {
    const stack = (tagging: string) => `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const group = new Construct(this, 'Group');
    new sqs.Queue(group, 'Jobs');
    ${tagging}
  }
}
`;
    const untagged = (tagging: string) =>
      findingsOf(stack(tagging), ['OPS-003']);
    // Tags.of runs its aspects at 200 (MUTATING, @aws-cdk/core:aspectPrioritiesMutating) or 500, Aspects.of(scope).add
    // at 500 unless told: a remove by Tags.of may run before a Tag aspect added earlier on the same scope.
    expect(
      untagged(
        "cdk.Aspects.of(group).add(new cdk.Tag('team', 'orders'));\n    cdk.Tags.of(group).remove('team', { priority: 100 });",
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Aspects.of(group).add(new cdk.Tag('team', 'orders', { priority: 200 }));\n    cdk.Tags.of(group).remove('team');",
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Aspects.of(group).add(new cdk.Tag('team', 'orders'), { priority: 100 });\n    cdk.Tags.of(group).remove('team', { priority: 100 });",
      ),
    ).toEqual(['OPS-003 Group/Jobs 16']);
    expect(
      untagged(
        "cdk.Aspects.of(group).add(new cdk.Tag('team', 'orders'), { priority: 600 });\n    cdk.Aspects.of(group).add(new cdk.RemoveTag('team', { priority: 100 }));",
      ),
    ).toEqual([]);
    expect(
      untagged(
        "cdk.Aspects.of(group).add(new cdk.Tag('team', 'orders'), JSON.parse(process.env.OPTIONS!));\n    cdk.Aspects.of(group).add(new cdk.RemoveTag('team', { priority: 100 }));",
      ),
    ).toEqual([]);
    // Of equal aspect priorities, the last applied.
    expect(
      untagged(
        "cdk.Tags.of(group).add('team', 'orders');\n    cdk.Aspects.of(group).add(new cdk.RemoveTag('team', { priority: 100 }));",
      ),
    ).toEqual(['OPS-003 Group/Jobs 16']);
    expect(
      untagged(
        "cdk.Aspects.of(group).add(new cdk.Tag('team', 'orders'));\n    cdk.Aspects.of(group).add(new cdk.RemoveTag('team', { priority: 100 }));",
      ),
    ).toEqual(['OPS-003 Group/Jobs 16']);
  });

  it('matches the include and exclude lists of tags with the type TagManager gives a TableV2, AWS::DynamoDB::GlobalTable (OPS-003)', () => {
    const stack = (props: string) => `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const group = new Construct(this, 'Group');
    new dynamodb.TableV2(group, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    new dynamodb.Table(group, 'Legacy', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    cdk.Tags.of(group).add('team', 'orders', ${props});
  }
}
`;
    const untagged = (props: string) => findingsOf(stack(props), ['OPS-003']);
    expect(
      untagged("{ includeResourceTypes: ['AWS::DynamoDB::GlobalTable'] }"),
    ).toEqual(['OPS-003 Group/Legacy 17']);
    expect(
      untagged("{ excludeResourceTypes: ['AWS::DynamoDB::Table'] }"),
    ).toEqual(['OPS-003 Group/Legacy 17']);
    expect(
      untagged("{ excludeResourceTypes: ['AWS::DynamoDB::GlobalTable'] }"),
    ).toEqual(['OPS-003 Group/Orders 16']);
  });

  it("tags one stack's resources, not those of the app's other stacks, whose constructs may share its paths", () => {
    const stack = `${IMPORTS}
class Group extends Construct {
  constructor(scope: Construct, id: string, team?: string) {
    super(scope, id);
    new sqs.Queue(this, 'Inner');
    if (team) cdk.Tags.of(this).add('team', team);
  }
}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps & { team?: string }) {
    super(scope, id, props);
    new sqs.Queue(this, 'Jobs');
    new Group(this, 'G', props?.team);
  }
}
`;
    const app = (stacks: string) => `
import * as cdk from 'aws-cdk-lib';
import { OrdersStack } from '../lib/stack';
const app = new cdk.App();
${stacks}
`;
    const untagged = (stacks: string) =>
      findingsOf(stack, ['OPS-003'], app(stacks)).map(
        finding => finding.split(' ')[1],
      );
    // Each stack is its own graph, with the same paths: what is untagged in either is reported once, where it is written.
    expect(
      untagged(
        "new OrdersStack(app, 'Prod', { tags: { team: 'orders' } });\nnew OrdersStack(app, 'Dev');",
      ),
    ).toEqual(['G/Inner', 'Jobs']);
    expect(
      untagged(
        "new OrdersStack(app, 'Prod', { team: 'orders' });\nnew OrdersStack(app, 'Dev', { team: 'orders' });",
      ),
    ).toEqual(['Jobs']);
    expect(
      untagged(
        "new OrdersStack(app, 'Prod', { tags: { team: 'orders' } });\nnew OrdersStack(app, 'Dev', { tags: { team: 'orders' } });",
      ),
    ).toEqual([]);
  });

  describe('an app of several stacks', () => {
    const twoStacks = (api: string, data: string) => `${IMPORTS}
export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps & { table?: dynamodb.Table; dlq?: sqs.Queue; fn?: lambda.Function; scope?: Construct }) {
    super(scope, id, props);
    ${api}
  }
}
export class DataStack extends cdk.Stack {
  readonly table: dynamodb.Table;
  readonly dlq: sqs.Queue;
  readonly fn: lambda.Function;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    ${data}
  }
}
`;
    const app = (stacks: string) => `
import * as cdk from 'aws-cdk-lib';
import { ApiStack, DataStack } from '../lib/stack';
const app = new cdk.App();
${stacks}
`;
    const graphsOf = (stack: string, appText: string) => {
      const result = cdkAdapter.load([
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: appText },
        { path: 'svc/lib/stack.ts', text: stack },
      ]);
      expect(result.errors).toEqual([]);
      return result.graphs;
    };
    const ids = (graph: ResourceGraph) =>
      [...graph.resources].map(resource => resource.id);

    it('is one graph per stack, whose ids are the construct paths below the stack', () => {
      const stack = twoStacks(
        "new sqs.Queue(this, 'Queue');",
        "new sqs.Queue(this, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });",
      );
      const both = app(
        "new ApiStack(app, 'Api');\nnew DataStack(app, 'Data');",
      );
      expect(graphsOf(stack, both).map(ids)).toEqual([['Queue'], ['Queue']]);
      expect(findingsOf(stack, ['ENC-003'], both)).toEqual([
        'ENC-003 Queue 15',
      ]);
    });

    it('reads a cdk.Stack made directly as a stack of its own, tagged by its tags prop', () => {
      const appText = `
import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
const app = new cdk.App();
const api = new cdk.Stack(app, 'Api');
new sqs.Queue(api, 'Queue');
const data = new cdk.Stack(app, 'Data', { tags: { team: 'data' } });
const queue = new sqs.Queue(data, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
new cdk.CfnOutput(data, 'QueueUrl', { value: queue.queueUrl });
`;
      const files = [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: appText },
      ];
      const result = cdkAdapter.load(files);
      expect(result.errors).toEqual([]);
      expect(result.graphs.map(ids)).toEqual([['Queue'], ['Queue']]);
      expect(
        scanFiles(
          files,
          selectRules(['ENC-003', 'OPS-003', 'OPS-006']),
        ).findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`),
      ).toEqual(['ENC-003 Queue 6', 'OPS-003 Queue 6', 'OPS-006 Queue 6']);
    });

    it('reports what a stack class instantiated twice fails once, where it is written', () => {
      const stack = twoStacks("new sqs.Queue(this, 'Queue');", '');
      const twice = app(
        "new ApiStack(app, 'Prod');\nnew ApiStack(app, 'Dev');",
      );
      expect(graphsOf(stack, twice).map(ids)).toEqual([['Queue'], ['Queue']]);
      expect(findingsOf(stack, ['ENC-003'], twice)).toEqual([
        'ENC-003 Queue 15',
      ]);
    });

    it('judges OPS-006 per stack: one exports its queue, the other nothing', () => {
      const stack = twoStacks(
        "const queue = new sqs.Queue(this, 'Queue');\n    new cdk.CfnOutput(this, 'QueueUrl', { value: queue.queueUrl });",
        "new sqs.Queue(this, 'Queue');",
      );
      const both = app(
        "new ApiStack(app, 'Api');\nnew DataStack(app, 'Data');",
      );
      expect(
        graphsOf(stack, both).map(graph =>
          graph.outputs.map(output => output.name),
        ),
      ).toEqual([['QueueUrl'], []]);
      expect(findingsOf(stack, ['OPS-006', 'OPS-007'], both)).toEqual([
        'OPS-006 Queue 25',
      ]);
    });

    it("puts what Stack.of(construct) holds in the construct's stack; what a scope not known holds in a graph of its own", () => {
      const stack = twoStacks(
        "new sqs.Queue(cdk.Stack.of(this), 'Singleton');\n    new sqs.Queue(props!.scope!, 'Elsewhere');",
        '',
      );
      const twice = app(
        "new ApiStack(app, 'Prod');\nnew ApiStack(app, 'Dev');",
      );
      expect(graphsOf(stack, twice).map(ids)).toEqual([
        ['Singleton'],
        ['Singleton'],
        ['Elsewhere', 'Elsewhere2'],
      ]);
      // With one stack, the scope not known is in it.
      expect(
        graphsOf(stack, app("new ApiStack(app, 'Prod');")).map(ids),
      ).toEqual([['Singleton', 'Elsewhere']]);
    });

    it("reads another stack's resources as imports, which CDK exports from their stack", () => {
      const stack = twoStacks(
        `const fn = new lambda.Function(this, 'Handler', {
      deadLetterQueue: props!.dlq,
      environment: { TABLE: props!.table!.tableName },
    });
    props!.table!.grantReadData(fn);`,
        `this.table = new dynamodb.Table(this, 'Table', { pointInTimeRecovery: true });
    this.dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14) });`,
      );
      const both = app(
        "const data = new DataStack(app, 'Data');\nnew ApiStack(app, 'Api', { table: data.table, dlq: data.dlq });",
      );
      const [data, api] = graphsOf(stack, both);
      expect(ids(data)).toEqual(['Table', 'Dlq']);
      expect(ids(api)).toEqual([
        'Handler/ServiceRole',
        'Handler',
        'Handler/ServiceRole/DefaultPolicy',
      ]);
      const fn = api.get('Handler')!;
      expect(
        getPath(fn.properties, ['Environment', 'Variables', 'TABLE']),
      ).toBeInstanceOf(Unknown);
      expect(
        getPath(fn.properties, ['DeadLetterConfig', 'TargetArn']),
      ).toBeInstanceOf(Unknown);
      // CDK exports what the other stack imports: the table's name and ARN, the queue's ARN.
      expect(data.outputs.map(output => output.value)).toEqual([
        new Ref('Table'),
        new Ref('Dlq', 'Arn'),
        new Ref('Table', 'Arn'),
      ]);
      expect(
        findingsOf(
          stack,
          ['IAM-004', 'DLQ-001', 'DLQ-004', 'OPS-006', 'OPS-007'],
          both,
        ),
      ).toEqual([]);
    });

    it('takes what code not modelled in another stack is handed for what CDK may export (OPS-006)', () => {
      const stack = twoStacks(
        "new ssm.StringParameter(this, 'DlqUrl', { stringValue: props!.dlq!.queueUrl });",
        "this.dlq = new sqs.Queue(this, 'Dlq');",
      );
      const both = app(
        "const data = new DataStack(app, 'Data');\nnew ApiStack(app, 'Api', { dlq: data.dlq });",
      );
      const withSsm = stack.replace(
        "import * as cdk from 'aws-cdk-lib';",
        "import * as cdk from 'aws-cdk-lib';\nimport * as ssm from 'aws-cdk-lib/aws-ssm';",
      );
      expect(findingsOf(withSsm, ['OPS-006'], both)).toEqual([]);
      // Handed to code not modelled in its own stack, it is exported no more than before.
      const own = twoStacks(
        '',
        "this.dlq = new sqs.Queue(this, 'Dlq');\n    new ssm.StringParameter(this, 'DlqUrl', { stringValue: this.dlq.queueUrl });",
      ).replace(
        "import * as cdk from 'aws-cdk-lib';",
        "import * as cdk from 'aws-cdk-lib';\nimport * as ssm from 'aws-cdk-lib/aws-ssm';",
      );
      expect(findingsOf(own, ['OPS-006'], both)).toEqual(['OPS-006 Dlq 25']);
    });

    it('takes a resource of another stack that uses one of this stack for one a rule may look for', () => {
      const stack = twoStacks(
        "new cloudwatch.Alarm(this, 'Errors', { metric: props!.fn!.metricErrors(), threshold: 1, evaluationPeriods: 1 });",
        "this.fn = new lambda.Function(this, 'Handler', {});",
      );
      const both = app(
        "const data = new DataStack(app, 'Data');\nnew ApiStack(app, 'Api', { fn: data.fn });",
      );
      expect(
        graphsOf(stack, both)[0].hasUnknownOfType('AWS::CloudWatch::Alarm'),
      ).toBe(true);
      expect(findingsOf(stack, ['ALM-001'], both)).toEqual([]);
      expect(
        findingsOf(stack, ['ALM-001'], app("new DataStack(app, 'Data');")),
      ).toEqual(['ALM-001 Handler 24']);
    });
  });

  describe('a nested stack', () => {
    const stack = `${IMPORTS}
import { NestedStack } from 'aws-cdk-lib';
class DataStack extends NestedStack {
  readonly dlq: sqs.Queue;
  constructor(scope: Construct, id: string, alerts: sns.Topic) {
    super(scope, id);
    this.dlq = new sqs.Queue(this, 'Dlq');
    new sqs.Queue(this, 'Work', { deadLetterQueue: { queue: this.dlq, maxReceiveCount: 3 } });
    new sns.Topic(this, 'Mirror', { topicName: alerts.topicName });
  }
}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    cdk.Tags.of(this).add('team', 'orders');
    const alerts = new sns.Topic(this, 'Alerts');
    const data = new DataStack(this, 'Data', alerts);
    const group = new Construct(this, 'Group');
    const audit = new cdk.NestedStack(group, 'Audit');
    new sqs.Queue(audit, 'Events');
    const fn = new lambda.Function(this, 'Handler', { deadLetterQueue: data.dlq });
    new cloudwatch.Alarm(this, 'DlqDepth', { metric: data.dlq.metricApproximateNumberOfMessagesVisible(), threshold: 1, evaluationPeriods: 1 });
    new cdk.CfnOutput(this, 'HandlerArn', { value: fn.functionArn });
  }
}
`;

    it('is a graph of its own, as cdk synth writes it a template, whose ids are the paths below it', () => {
      const result = cdkAdapter.load([
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
      ]);
      expect(result.errors).toEqual([]);
      const [orders, data, audit] = result.graphs;
      expect(
        [orders, data, audit].map(graph =>
          [...graph.resources].map(resource => resource.id),
        ),
      ).toEqual([
        // The parent deploys each nested stack with a stack resource of its own, as cdk synth writes it there.
        [
          'Alerts',
          'Data.NestedStack/Data.NestedStackResource',
          'Group/Audit.NestedStack/Audit.NestedStackResource',
          'Handler/ServiceRole',
          'Handler',
          'Handler/ServiceRole/DefaultPolicy',
          'DlqDepth',
        ],
        ['Dlq', 'Work', 'Mirror'],
        ['Events'],
      ]);
      // What the parent reads of the nested stack is passed through the nested stack's outputs: not known here.
      expect(
        getPath(orders.get('Handler')!.properties, [
          'DeadLetterConfig',
          'TargetArn',
        ]),
      ).toEqual(new Unknown('Data/Dlq.Arn, imported from another stack'));
      expect(data.outputs.map(output => output.value)).toEqual([
        new Ref('Dlq', 'Arn'),
        new Ref('Dlq', 'QueueName'),
      ]);
      // What the nested stack reads of its parent is passed as a parameter: the parent outputs nothing for it.
      expect(getPath(data.get('Mirror')!.properties, ['TopicName'])).toEqual(
        new Unknown('Orders/Alerts.TopicName, imported from another stack'),
      );
      expect(orders.outputs.map(output => output.name)).toEqual(['HandlerArn']);
      // The parent's tags reach the resources of the stacks nested in it.
      expect(
        [...data.resources, ...audit.resources].every(
          resource => resource.defaultTags,
        ),
      ).toBe(true);
    });

    it('is judged as a stack of its own by the rules of a stack (OPS-006), and its parent by its own', () => {
      // The nested stack that outputs its queue for the parent exports it; the other outputs nothing, nor does
      // the parent about its topic, which it passes to a nested stack. The alarm on the dead-letter queue is in
      // the parent: the nested stack's may be there (ALM-002).
      expect(findingsOf(stack, ['OPS-006', 'ALM-002', 'OPS-003'])).toEqual([
        'OPS-006 Alerts 26',
        'OPS-006 Events 30',
      ]);
    });

    it("deploys with a stack resource in its parent, at its new, tagged by the parent's scope and, unless explicitStackTags, by the nested stack's own tags (OPS-003)", () => {
      const tagged = (tags: string) => `${IMPORTS}
import { NestedStack } from 'aws-cdk-lib';
class DataStack extends NestedStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    cdk.Tags.of(this).add('team', 'data');
    new sqs.Queue(this, 'Work');
  }
}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const data = new DataStack(this, 'Data');
    const group = new Construct(this, 'Group');
    const audit = new cdk.NestedStack(group, 'Audit');
    ${tags}
  }
}
`;
      const scan = (program: string, cdkJson = CDK_JSON) =>
        scanFiles(
          [
            { path: 'svc/cdk.json', text: cdkJson },
            { path: 'svc/bin/app.ts', text: APP },
            { path: 'svc/lib/stack.ts', text: program },
          ],
          selectRules(['OPS-003']),
        ).findings.map(
          finding => `${finding.ruleId} ${finding.resourceId} ${finding.line}`,
        );
      // The tags of a nested stack are copied onto the resource that deploys it when its template is written.
      expect(scan(tagged(''))).toEqual([
        'OPS-003 Group/Audit.NestedStack/Audit.NestedStackResource 25',
      ]);
      expect(scan(tagged("cdk.Tags.of(audit).add('team', 'audit');"))).toEqual(
        [],
      );
      expect(scan(tagged("cdk.Tags.of(group).add('team', 'orders');"))).toEqual(
        [],
      );
      // Under explicitStackTags, Tags.of leaves stacks, and so what its nested stacks are copied, untagged.
      const explicit = JSON.stringify({
        ...JSON.parse(CDK_JSON),
        context: { '@aws-cdk/core:explicitStackTags': true },
      });
      expect(
        scan(tagged("cdk.Tags.of(audit).add('team', 'audit');"), explicit),
      ).toEqual([
        'OPS-003 Data.NestedStack/Data.NestedStackResource 23',
        'OPS-003 Group/Audit.NestedStack/Audit.NestedStackResource 25',
      ]);
      expect(
        scan(tagged("cdk.Tags.of(group).add('team', 'orders');"), explicit),
      ).toEqual(['OPS-003 Data.NestedStack/Data.NestedStackResource 23']);
      expect(
        scan(tagged("cdk.Tags.of(this).add('team', 'orders');"), explicit),
      ).toEqual([]);
    });

    it('is placed by the scope and id its class hands NestedStack, in the nested stack that makes it when nested twice', () => {
      const twiceNested = `${IMPORTS}
import { NestedStack } from 'aws-cdk-lib';
class AuditStack extends NestedStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Events');
  }
}
class DataStack extends NestedStack {
  constructor(scope: Construct, id: string) {
    super(scope, \`\${id}Nested\`);
    new AuditStack(this, 'Audit');
  }
}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new DataStack(this, 'Data');
  }
}
`;
      const result = cdkAdapter.load([
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: twiceNested },
      ]);
      expect(result.errors).toEqual([]);
      // CDK names the resource and the construct beside it after the id NestedStack is given (aws-cdk-lib core/lib/nested-stack.ts).
      expect(
        result.graphs.map(graph =>
          [...graph.resources].map(
            resource => `${resource.id} ${resource.line}`,
          ),
        ),
      ).toEqual([
        ['DataNested.NestedStack/DataNested.NestedStackResource 28'],
        ['Audit.NestedStack/Audit.NestedStackResource 22'],
        ['Events 16'],
      ]);
    });

    describe('of one id as another of the same file, under another scope', () => {
      /** `rule resource line fingerprint` of what the rules find in an app of one file, `svc/bin/app.ts`. */
      const scanApp = (text: string, rules: string[]) =>
        scanFiles(
          [
            { path: 'svc/cdk.json', text: CDK_JSON },
            { path: 'svc/bin/app.ts', text },
          ],
          selectRules(rules),
        ).findings.map(
          f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.fingerprint}`,
        );
      const at = (rule: string, id: string, line: number, fingerprinted = id) =>
        `${rule} ${id} ${line} ${fingerprint(
          rule,
          'svc/bin/app.ts',
          fingerprinted,
        )}`;

      it('holds resources fingerprinted by their path below their stack, where an app construct holding it is used twice', () => {
        const text = `${IMPORTS}
import { NestedStack } from 'aws-cdk-lib';
class Database extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(new NestedStack(this, 'Db'), 'Jobs');
  }
}
const app = new cdk.App();
const orders = new cdk.Stack(app, 'Orders');
new Database(orders, 'Primary');
new Database(orders, 'Replica');
new sqs.Queue(orders, 'Jobs');
`;
        // Each nested stack is a graph of its own, as cdk synth writes each a template named by its path. The
        // stack's own queue keeps its fingerprint; those of the nested stacks are fingerprinted by their paths below
        // the stack, as cdk synth names them.
        expect(scanApp(text, ['ENC-003'])).toEqual([
          at('ENC-003', 'Jobs', 16, 'Primary/Db/Jobs'),
          at('ENC-003', 'Jobs', 16, 'Replica/Db/Jobs'),
          at('ENC-003', 'Jobs', 23),
        ]);
        // A check each, as for two constructs of one class in one stack.
        const checks = scanFiles(
          [
            { path: 'svc/cdk.json', text: CDK_JSON },
            { path: 'svc/bin/app.ts', text },
          ],
          selectRules(['ENC-003']),
        ).checks;
        expect(
          checks
            .filter(check => check.ruleId === 'ENC-003')
            .map(check => check.passed),
        ).toEqual([false, false, false]);
        // Two stacks of one class that nest it alike hold one finding, as their own resources are.
        const stackClass = `${IMPORTS}
class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(new cdk.NestedStack(this, 'Db'), 'Jobs');
  }
}
const app = new cdk.App();
new ApiStack(app, 'Prod');
new ApiStack(app, 'Dev');
`;
        expect(scanApp(stackClass, ['ENC-003'])).toEqual([
          at('ENC-003', 'Jobs', 15),
        ]);
      });

      it('holds resources fingerprinted by their path from the app, where two stacks hold nested stacks of one id', () => {
        const text = `${IMPORTS}
const app = new cdk.App();
const stackA = new cdk.Stack(app, 'A');
const stackB = new cdk.Stack(app, 'B');
const dbA = new cdk.NestedStack(stackA, 'Db');
const dbB = new cdk.NestedStack(stackB, 'Db');
new sqs.Queue(dbA, 'Jobs');
new sqs.Queue(dbB, 'Jobs');
`;
        // The first of each keeps its fingerprint; the stack resources that deploy them in A and B are told apart too.
        expect(scanApp(text, ['ENC-003', 'OPS-003'])).toEqual([
          at('OPS-003', 'Db.NestedStack/Db.NestedStackResource', 15),
          at(
            'OPS-003',
            'Db.NestedStack/Db.NestedStackResource',
            16,
            'B/Db.NestedStack/Db.NestedStackResource',
          ),
          at('ENC-003', 'Jobs', 17),
          at('OPS-003', 'Jobs', 17),
          at('ENC-003', 'Jobs', 18, 'B/Db/Jobs'),
          at('OPS-003', 'Jobs', 18, 'B/Db/Jobs'),
        ]);
      });

      it('holds resources fingerprinted by their path from the app with their stage, where stacks of one name in three stages hold them', () => {
        const text = `${IMPORTS}
const app = new cdk.App();
new sqs.Queue(new cdk.Stack(new cdk.Stage(app, 'Prod'), 'Api'), 'Work');
new sqs.Queue(new cdk.Stack(new cdk.Stage(app, 'Beta'), 'Api'), 'Work');
new sqs.Queue(new cdk.Stack(new cdk.Stage(app, 'Dev'), 'Api'), 'Work');
`;
        // With two stages, the second is fingerprinted by Api/Work; a third needs the stage's id too.
        expect(scanApp(text, ['ENC-003'])).toEqual([
          at('ENC-003', 'Work', 13),
          at('ENC-003', 'Work', 14, 'Beta/Api/Work'),
          at('ENC-003', 'Work', 15, 'Dev/Api/Work'),
        ]);
        expect(
          scanApp(text.replace(/^new sqs.Queue.*'Dev'.*\n/m, ''), ['ENC-003']),
        ).toEqual([
          at('ENC-003', 'Work', 13),
          at('ENC-003', 'Work', 14, 'Api/Work'),
        ]);
      });

      it('holds a resource in a scope not known fingerprinted apart from one of its id in a stack, after it', () => {
        const text = `${IMPORTS}
declare const somewhere: Construct;
const app = new cdk.App();
new sqs.Queue(new cdk.Stack(app, 'Orders'), 'Jobs');
new sqs.Queue(new cdk.Stack(app, 'Billing'), 'Audit');
new sqs.Queue(somewhere, 'Jobs');
`;
        // Its stack is not known: it has no path from the app but its id, which the queue of Orders keeps.
        expect(scanApp(text, ['ENC-003'])).toEqual([
          at('ENC-003', 'Jobs', 14),
          at('ENC-003', 'Audit', 15),
          at('ENC-003', 'Jobs', 16, 'Jobs#2'),
        ]);
      });

      it('holds outputs of one name in several stacks fingerprinted apart, as their resources are', () => {
        const text = `${IMPORTS}
const app = new cdk.App();
new cdk.CfnOutput(new cdk.Stack(app, 'Orders'), 'Url', { value: 'arn:aws:sqs:us-east-1:123456789012:orders' });
new cdk.CfnOutput(new cdk.Stack(app, 'Billing'), 'Url', { value: 'arn:aws:sqs:us-east-1:123456789012:billing' });
`;
        expect(scanApp(text, ['OPS-002'])).toEqual([
          `OPS-002 Outputs.Url 13 ${fingerprint(
            'OPS-002',
            'svc/bin/app.ts',
            'Outputs.Url',
          )}`,
          `OPS-002 Outputs.Url 14 ${fingerprint(
            'OPS-002',
            'svc/bin/app.ts',
            'Outputs.Billing/Url',
          )}`,
        ]);
      });

      it("holds the comments on constructs of the app's class of one path in several stacks fingerprinted apart, by SUP-001", () => {
        const text = `${IMPORTS}
class Database extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs');
  }
}
const app = new cdk.App();
const orders = new cdk.Stack(app, 'Orders');
// infra-compliance:suppress=ENC-003
new Database(orders, 'Db');
// infra-compliance:suppress=ENC-003
new Database(new cdk.Stack(app, 'Billing'), 'Db');
// infra-compliance:suppress=OPS-003
new sqs.Queue(new cdk.Stack(app, 'Audit'), 'Db');
`;
        // The queue Db of Audit keeps its id for its own comment; the constructs take paths from the app.
        const sup = (line: number, on: string, rule: string) =>
          `SUP-001 Db ${line} ${fingerprint(
            'SUP-001',
            'svc/bin/app.ts',
            on,
            `suppression:${rule}`,
          )}`;
        expect(scanApp(text, ['SUP-001'])).toEqual([
          sup(20, 'Orders/Db', 'ENC-003'),
          sup(22, 'Billing/Db', 'ENC-003'),
          sup(24, 'Db', 'OPS-003'),
        ]);
      });
    });
  });

  it('takes a resource in a scope not known for one of a tagged stack, when a stack is tagged', () => {
    const stack = (tags: string) => `${IMPORTS}
import { sharedScope } from '@acme/scopes';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const group = new Construct(this, 'Messaging');
    new sqs.Queue(group, 'Orders');
    new sqs.Queue(sharedScope, 'Singleton');
    ${tags}
  }
}
`;
    expect(findingsOf(stack(''), ['OPS-003'])).toEqual([
      'OPS-003 Messaging/Orders 17',
      'OPS-003 Singleton 18',
    ]);
    expect(
      findingsOf(stack("cdk.Tags.of(this).add('team', 'orders');"), [
        'OPS-003',
      ]),
    ).toEqual([]);
  });

  it('takes a stack whose base class comes from a package not read for one that may tag its resources', () => {
    const stack = `${IMPORTS}
import { TaggedStack } from '@acme/cdk-base';
export class OrdersStack extends TaggedStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs');
  }
}
`;
    expect(findingsOf(stack, ['OPS-003'])).toEqual([]);
  });

  it('reads no construct from the arguments of super() to a CDK construct it does not model as a subclass', () => {
    const stack = `${IMPORTS}
class OrdersApi extends apigateway.LambdaRestApi {
  constructor(scope: Construct, id: string) {
    super(scope, id, { handler: new lambda.Function(scope, 'Handler', {}) });
  }
}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new OrdersApi(this, 'Api');
  }
}
`;
    expect(findingsOf(stack, ['DLQ-001'])).toEqual([]);
  });

  it('reads a stack that hands an object holding itself to a construct it does not model, or to a stack output', () => {
    const stack = `${IMPORTS}
import { Dashboard } from '@acme/dashboards';
export const registry: { queues: sqs.Queue[]; self?: unknown } = { queues: [] };
registry.self = registry;
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    registry.queues.push(new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.SQS_MANAGED }));
    new Dashboard(this, 'Board', { registry });
    let described = 'none';
    try { described = JSON.stringify(registry); } catch { described = 'holds itself'; }
    new cdk.CfnOutput(this, 'Registry', { value: described });
    new sqs.Queue(this, 'Audit');
  }
}
`;
    expect(findingsOf(stack, ['ENC-003', 'PARSE-001'])).toEqual([
      'ENC-003 Audit 23',
    ]);
  });

  it('reads a JavaScript app whose stack module makes itself the stack class (module.exports = class …)', () => {
    const files = [
      { path: 'svc/cdk.json', text: '{ "app": "node bin/app.js" }' },
      {
        path: 'svc/bin/app.js',
        text: "const cdk = require('aws-cdk-lib');\nconst OrdersStack = require('../lib/stack');\nnew OrdersStack(new cdk.App(), 'Orders');\n",
      },
      {
        path: 'svc/lib/stack.js',
        text: "const cdk = require('aws-cdk-lib');\nconst sqs = require('aws-cdk-lib/aws-sqs');\nmodule.exports = class OrdersStack extends cdk.Stack {\n  constructor(scope, id) {\n    super(scope, id);\n    new sqs.Queue(this, 'Jobs');\n  }\n};\n",
      },
    ];
    expect(
      scanFiles(files, selectRules(['ENC-003'])).findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`,
      ),
    ).toEqual(['ENC-003 Jobs svc/lib/stack.js:6']);
  });

  it('reads a stack class the stack module exports as its default without a name (export default class extends cdk.Stack)', () => {
    const stack = `${IMPORTS}
export default class extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs');
  }
}
`;
    const app = `import * as cdk from 'aws-cdk-lib';
import OrdersStack from '../lib/stack';
new OrdersStack(new cdk.App(), 'Orders');
`;
    expect(findingsOf(stack, ['ENC-003'], app)).toEqual(['ENC-003 Jobs 15']);
  });

  it('reads a getter of props written as an object literal as the setting it returns (ENC-003)', () => {
    const stack = `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs', { get encryption() { return sqs.QueueEncryption.SQS_MANAGED; } });
    new sqs.Queue(this, 'Audit', { get encryption() { return sqs.QueueEncryption.UNENCRYPTED; } });
  }
}
`;
    expect(findingsOf(stack, ['ENC-003'])).toEqual(['ENC-003 Audit 16']);
  });

  it('models event rules and their function targets, L1 constructs of more services, disabled tracing and the log group Lambda owns', () => {
    const graph = graphOf(`
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const nightly = new lambda.Function(this, 'Nightly', { tracing: lambda.Tracing.DISABLED, logRetention: logs.RetentionDays.ONE_WEEK });
    const rule = new events.Rule(this, 'Schedule', { schedule: events.Schedule.rate(cdk.Duration.days(1)) });
    rule.addTarget(new targets.LambdaFunction(nightly));
    const transform = new lambda.Function(this, 'Transform', {});
    new firehose.CfnDeliveryStream(this, 'Stream', {
      extendedS3DestinationConfiguration: {
        processingConfiguration: { enabled: true, processors: [{ type: 'Lambda', parameters: [{ parameterName: 'LambdaArn', parameterValue: transform.functionArn }] }] },
      },
    });
  }
}
`);
    const kinds = (id: string) =>
      triggersOf(graph, graph.get(id)!).map(
        trigger => `${trigger.kind} ${trigger.via.type}`,
      );
    expect(kinds('Nightly')).toEqual(['async AWS::Events::Rule']);
    expect(kinds('Transform')).toEqual([
      'sync AWS::KinesisFirehose::DeliveryStream',
    ]);
    expect(graph.get('Nightly')!.properties.TracingConfig).toBeUndefined();
    expect(graph.get('Nightly/LogRetention')!.generatedBy).toBe('Nightly');
  });

  it("reads the dead-letter queue of a rule's targets, of any kind, for ALM-002", () => {
    const stack = `${IMPORTS}
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fnDlq = new sqs.Queue(this, 'FnDlq');
    const busDlq = new sqs.Queue(this, 'BusDlq');
    const fn = new lambda.Function(this, 'Handler', {});
    const bus = new events.EventBus(this, 'Bus');
    new events.Rule(this, 'Forward', {
      eventPattern: { source: ['orders'] },
      targets: [new targets.LambdaFunction(fn, { deadLetterQueue: fnDlq }), new targets.EventBus(bus, { deadLetterQueue: busDlq })],
    });
    new sqs.Queue(this, 'Plain');
  }
}
`;
    expect(findingsOf(stack, ['ALM-002'])).toEqual([
      'ALM-002 FnDlq 17',
      'ALM-002 BusDlq 18',
    ]);
  });

  it("puts each statement of a role's default policy on the line that adds it, once, or where it is written in the function's props", () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import { allowLogs } from './grants';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Handler', {
      initialPolicy: [
        new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] }),
      ],
    });
    const table = new dynamodb.Table(this, 'Table', {});
    table.grantReadData(fn);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    allowLogs(fn);
  }
}
`;
    const grants = `
import * as iam from 'aws-cdk-lib/aws-iam';
export function allowLogs(fn: any) {
  fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['logs:PutLogEvents'], resources: ['*'] }));
}
`;
    const result = cdkAdapter.load([
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/lib/stack.ts', text: stack },
      { path: 'svc/lib/grants.ts', text: grants },
    ]);
    const policy = result.graphs[0].get('Handler/ServiceRole/DefaultPolicy')!;
    const statements = getPath(policy.properties, [
      'PolicyDocument',
      'Statement',
    ]) as unknown[];
    expect(statements).toHaveLength(5);
    const lineOf = (index: number) =>
      lineOfPath(
        policy.properties,
        ['PolicyDocument', 'Statement', index, 'Action'],
        0,
      );
    // The statement in initialPolicy, grantReadData's two, the first addToRolePolicy; one added in another file sits on the function's line.
    expect([0, 1, 2, 3, 4].map(lineOf)).toEqual([19, 23, 23, 24, 17]);
  });

  it('reads modules that import no CDK package, and gives a resource no line of another file', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import { config } from './config';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.CfnQueue(this, 'Raw', config.queue);
    new lambda.Function(this, 'Handler', {
      initialPolicy: [new iam.PolicyStatement({ actions: config.actions, resources: ['*'] })],
      environment: config.environment,
    });
  }
}
`;
    const configText = `
export const config = {
  queue: {
    sqsManagedSseEnabled: false,
  },
  actions: [
    's3:*',
  ],
  environment: {
    TOPIC: 'arn:aws:sns:us-east-1:123456789012:orders',
  },
};
`;
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/lib/stack.ts', text: stack },
      { path: 'svc/lib/config.ts', text: configText },
    ];
    const findings = scanFiles(
      files,
      selectRules(['ENC-003', 'IAM-002', 'OPS-002']),
    ).findings.map(f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`);
    // config.ts, which imports no CDK package, is read all the same. stack.ts has 22 lines: its statement
    // (line 19) stands for the actions config.ts lists, and its function's `environment:` (line 20) for the variables.
    expect(findings).toEqual([
      'ENC-003 Raw svc/lib/stack.ts:17',
      'IAM-002 Handler/ServiceRole/DefaultPolicy svc/lib/stack.ts:19',
      'OPS-002 Handler svc/lib/stack.ts:20',
    ]);
  });

  it("points at the stack file's assignment to a key of a value another file wrote", () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import { config } from './config';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const statement = config.statement;
    statement.Action = 's3:*';
    new iam.CfnPolicy(this, 'Reader', { policyName: 'reader', roles: ['app'], policyDocument: { Statement: [statement] } });
  }
}
`;
    const configText = `
export const config = {
  statement: {
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: '*',
  },
};
`;
    const findings = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
        { path: 'svc/lib/config.ts', text: configText },
      ],
      selectRules(['IAM-002']),
    ).findings.map(f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`);
    expect(findings).toEqual(['IAM-002 Reader svc/lib/stack.ts:18']);
  });

  it("puts a statement a helper in another file adds to a policy on the policy's line", () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import { grantAll } from './helpers';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const policy = new iam.Policy(this, 'Admin', { roles: [iam.Role.fromRoleName(this, 'Ops', 'ops')] });
    grantAll(policy);
  }
}
`;
    const helpers = `
import * as iam from 'aws-cdk-lib/aws-iam';
export function grantAll(policy: any) {
  policy.addStatements(new iam.PolicyStatement({ actions: ['*'], resources: ['*'] }));
}
`;
    const findings = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
        { path: 'svc/lib/helpers.ts', text: helpers },
      ],
      selectRules(['IAM-002']),
    ).findings.map(f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`);
    // helpers.ts line 4 is not a line of stack.ts, whose policy is on line 17.
    expect(findings).toEqual(['IAM-002 Admin svc/lib/stack.ts:17']);
  });

  it('leaves out a construct whose props are not known statically, and rules know one of its type may be there', () => {
    const stack = `${IMPORTS}
import { defaults } from '@org/cdk-defaults';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Shared', { ...defaults.function, handler: 'index.handler' });
    new sqs.CfnQueue(this, 'Raw', defaults.queue);
    const known = new lambda.Function(this, 'Known', { tracing: lambda.Tracing.ACTIVE });
    new cloudwatch.Alarm(this, 'Errors', defaults.alarmFor(known));
  }
}
`;
    const graph = graphOf(stack);
    // Known is handed to code not read (defaults.alarmFor): its role may be granted anything there.
    expect([...graph.resources].map(resource => resource.id)).toEqual([
      'Known/ServiceRole',
      'Known',
      'Known/ServiceRole/DefaultPolicy',
    ]);
    expect(
      [
        'AWS::Lambda::Function',
        'AWS::SQS::Queue',
        'AWS::CloudWatch::Alarm',
      ].map(type => graph.hasUnknownOfType(type)),
    ).toEqual([true, true, true]);
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/lib/stack.ts', text: stack },
    ];
    // Nothing is reported on what is not known: not the shared function, nor a missing alarm on Known.
    expect(
      scanFiles(
        files,
        selectRules(['LOG-003', 'DLQ-001', 'ENC-003', 'ALM-001']),
      ).findings.map(f => `${f.ruleId} ${f.resourceId}`),
    ).toEqual(['DLQ-001 Known']);
  });

  it('keeps what does not depend on props not known statically: a queue polled by a function, a role functions share', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import { defaults } from '@org/cdk-defaults';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const queue = new sqs.Queue(this, 'Jobs', defaults.queue);
    const role = new iam.Role(this, 'Shared', defaults.role);
    const worker = new lambda.Function(this, 'Worker', { role });
    worker.addEventSource(new SqsEventSource(queue));
    worker.addEventSource(new SqsEventSource(new sqs.Queue(this, 'More', defaults.queue)));
    new lambda.Function(this, 'Other', { role });
  }
}
`;
    const graph = graphOf(stack);
    const mappings = graph
      .ofType('AWS::Lambda::EventSourceMapping')
      .map(mapping => mapping.id);
    expect(mappings).toEqual([
      'Worker/SqsEventSource:queue',
      'Worker/SqsEventSource:queue2',
    ]);
    expect(
      mappings.map(id => graph.get(id)!.properties.EventSourceArn),
    ).toEqual([expect.any(Unknown), expect.any(Unknown)]);
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/lib/stack.ts', text: stack },
    ];
    // Worker is polled, not invoked asynchronously; the two functions share a role whatever its props.
    expect(
      scanFiles(files, selectRules(['DLQ-001', 'IAM-001']))
        .findings.map(f => `${f.ruleId} ${f.resourceId}`)
        .sort(),
    ).toEqual(['DLQ-001 Other', 'IAM-001 Other', 'IAM-001 Worker']);
  });

  it('hands on what an object or a list holds beside a spread not known statically, and reads the keys written after the spread (DLQ-001)', () => {
    const stack = (body: string) => `${IMPORTS}
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Backend } from '@org/cdk-constructs';
import { defaults } from '@org/cdk-defaults';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fnProps = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };
    const fn = new lambda.Function(this, 'Orders', fnProps);
    ${body}
  }
}
`;
    const dlq001 = (body: string) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack(body) },
        ],
        selectRules(['DLQ-001']),
      ).findings.map(
        f => `${f.resourceId} ${f.confidence}: ${f.message.split(' but ')[0]}`,
      );
    // Partial: the code not read may give it only a synchronous trigger (an API's integration or authorizer), which exempts it.
    const handedOn = [
      'Orders partial: Function Orders is handed to code the scanner does not read, which may invoke it asynchronously,',
    ];
    const untied =
      'Orders partial: Function Orders has no trigger the scanner can tie to it (what the program wires may be it or not, as a condition not known statically decides), so it may be invoked asynchronously';
    expect(dlq001('')).toEqual([
      'Orders high: Function Orders has no trigger in the stack, so it may be invoked asynchronously',
    ]);
    // The construct, modelled or not, is handed an object it may read the function from.
    expect(
      dlq001(
        "new Backend(this, 'Backend', { ...defaults.backend, handler: fn });",
      ),
    ).toEqual(handedOn);
    expect(
      dlq001(
        "new apigateway.LambdaRestApi(this, 'Api', { ...defaults.api, handler: fn });",
      ),
    ).toEqual(handedOn);
    expect(
      dlq001(
        "new apigateway.RestApi(this, 'Api', { ...defaults.api, defaultMethodOptions: { authorizer: new apigateway.TokenAuthorizer(this, 'Auth', { handler: fn }) } });",
      ),
    ).toEqual(handedOn);
    expect(
      dlq001(
        "new apigateway.RestApi(this, 'Api').root.addMethod('GET', new apigateway.MockIntegration(), { ...defaults.method, authorizer: new apigateway.TokenAuthorizer(this, 'Auth', { handler: fn }) });",
      ),
    ).toEqual(handedOn);
    // An API of props not known is not in the graph: what a method added to it integrates is handed to code not read.
    expect(
      dlq001(
        "new apigateway.RestApi(this, 'Api', { ...defaults.api }).root.addMethod('GET', new apigateway.LambdaIntegration(fn));",
      ),
    ).toEqual(handedOn);
    expect(
      dlq001("defaults.route(new WebSocketLambdaIntegration('Connect', fn));"),
    ).toEqual(handedOn);
    // The items written beside a list's spread not known are its items; a source not known binds the function in code not read.
    expect(dlq001('defaults.register([...defaults.more, fn]);')).toEqual(
      handedOn,
    );
    expect(dlq001('fn.addEventSource(defaults.source);')).toEqual(handedOn);
    expect(
      dlq001(
        "new lambda.Function(this, 'Worker', { ...fnProps, events: [...defaults.events, new SqsEventSource(new sqs.Queue(this, 'Jobs'))] });",
      ),
    ).toEqual([
      'Orders high: Function Orders has no trigger in the stack, so it may be invoked asynchronously',
    ]);
    // Its ARN or name is handed on as much: code not read may invoke the function by it.
    expect(
      dlq001("new Backend(this, 'Backend', { target: fn.functionArn });"),
    ).toEqual(handedOn);
    expect(
      dlq001(
        "new lambda.CfnPermission(this, 'Invoke', { ...defaults.permission, functionName: fn.functionName, action: 'lambda:InvokeFunction', principal: 'sns.amazonaws.com' });",
      ),
    ).toEqual(handedOn);
    // What the object's values make is made: the integration lets API Gateway invoke the function.
    expect(
      dlq001(
        "new apigwv2.HttpApi(this, 'Http').addRoutes({ ...defaults.route, path: '/orders', integration: new HttpLambdaIntegration('Orders', fn) });",
      ),
    ).toEqual([]);
    // A key written after the spread is known, one before it may be the spread's: the API's handler may be the function or not.
    expect(
      dlq001(
        "const options = { ...defaults.api, handler: fn };\n    new apigateway.LambdaRestApi(this, 'Api', { handler: options.handler });",
      ),
    ).toEqual([]);
    expect(
      dlq001(
        "const options = { handler: fn, ...defaults.api };\n    new apigateway.LambdaRestApi(this, 'Api', { handler: options.handler });",
      ),
    ).toEqual([untied]);
  });

  it("hands on what an object beside a spread not known statically holds only with the object: not to a construct of the CDK's own, nor a name made a string of (DLQ-001, ALM-002)", () => {
    const stack = (body: string) => `${IMPORTS}
import { defaults } from '@org/cdk-defaults';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fnProps = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };
    const fn = new lambda.Function(this, 'Orders', fnProps);
    ${body}
  }
}
`;
    const findings = (body: string, rules: string[]) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack(body) },
        ],
        selectRules(rules),
      ).findings.map(
        f =>
          `${f.ruleId} ${f.resourceId} ${f.confidence}: ${
            f.message.split(' but ')[0]
          }`,
      );
    const noTrigger =
      'DLQ-001 Orders high: Function Orders has no trigger in the stack, so it may be invoked asynchronously';
    // A queue of props not known makes no alarm: the dead-letter queue it is handed is not watched there.
    const dlq =
      "const dlq = new sqs.Queue(this, 'Dlq');\n    new lambda.Function(this, 'Worker', { ...fnProps, deadLetterQueue: dlq });";
    expect(
      findings(
        `${dlq}\n    new sqs.Queue(this, 'Jobs', { ...defaults.queue, deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });`,
        ['ALM-002'],
      ),
    ).toEqual([
      expect.stringMatching(
        /^ALM-002 Dlq high: Dead-letter queue Dlq \(used by Worker\) has no CloudWatch alarm/,
      ),
    ]);
    // A metric's dimension names the function; an environment, of a function whose other props are known, is data.
    const metric =
      "new cloudwatch.Metric({ ...defaults.metric, namespace: 'AWS/Lambda', metricName: 'Errors', dimensionsMap: { FunctionName: fn.functionName } })";
    expect(
      findings(
        `new cloudwatch.Alarm(this, 'Errors', { metric: ${metric}, threshold: 1, evaluationPeriods: 1 });`,
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
    expect(
      findings(
        "new lambda.Function(this, 'Caller', { ...fnProps, deadLetterQueue: new sqs.Queue(this, 'Dlq'), environment: { ...defaults.env, TARGET: fn.functionName } });",
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
    // The CDK's own functions make strings of a name or ARN; they do not invoke the function.
    expect(
      findings(
        "new cdk.CfnOutput(this, 'Arn', { value: cdk.Fn.join(':', [fn.functionArn, 'live']) });",
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
    expect(
      findings(
        "new cdk.CfnOutput(this, 'Arn', { value: cdk.Fn.sub('${Arn}:live', { Arn: fn.functionArn }) });",
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
    // The stack's own methods likewise.
    const formatArn =
      "{ service: 'lambda', resource: 'function', resourceName: fn.functionName, arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME }";
    expect(
      findings(
        `new cdk.CfnOutput(this, 'Arn', { value: cdk.Stack.of(this).formatArn(${formatArn}) });`,
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
    expect(
      findings(
        `new cdk.CfnOutput(this, 'Arn', { value: this.formatArn(${formatArn}) });`,
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
    expect(
      findings(
        "new cdk.CfnOutput(this, 'Name', { value: cdk.Stack.of(this).splitArn(fn.functionArn, cdk.ArnFormat.COLON_RESOURCE_NAME).resourceName! });",
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
    expect(
      findings(
        "new cdk.CfnOutput(this, 'Json', { value: this.toJsonString({ target: fn.functionArn }) });",
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
    expect(
      findings(
        "new cdk.CfnOutput(this, 'Arn', { value: cdk.Stack.of(this).resolve(fn.functionArn) });",
        ['DLQ-001'],
      ),
    ).toEqual([noTrigger]);
  });

  it("reads the ARN a stack's formatArn makes, in the stack's partition, region and account unless the components name others", () => {
    const graph = graphOf(`${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Orders', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    new cdk.CfnOutput(this, 'Colon', { value: this.formatArn({ service: 'lambda', resource: 'function', resourceName: fn.functionName, arnFormat: cdk.ArnFormat.COLON_RESOURCE_NAME }) });
    new cdk.CfnOutput(this, 'Slash', { value: cdk.Stack.of(fn).formatArn({ service: 'sqs', account: '123456789012', resource: 'queue', resourceName: 'jobs' }) });
    new cdk.CfnOutput(this, 'Bucket', { value: this.formatArn({ service: 's3', region: '', account: '', resource: 'assets', arnFormat: cdk.ArnFormat.NO_RESOURCE_NAME }) });
    new cdk.CfnOutput(this, 'Split', { value: this.splitArn(fn.functionArn, cdk.ArnFormat.COLON_RESOURCE_NAME).resourceName! });
  }
}
`);
    const [partition, region, account] = [
      'AWS::Partition',
      'AWS::Region',
      'AWS::AccountId',
    ].map(pseudo => Unknown.oneValue(pseudo));
    expect(graph.outputs.map(output => [output.name, output.value])).toEqual([
      [
        'Colon',
        new Template([
          'arn:',
          partition,
          ':lambda:',
          region,
          ':',
          account,
          ':function:',
          new Ref('Orders'),
        ]),
      ],
      [
        'Slash',
        new Template([
          'arn:',
          partition,
          ':sqs:',
          region,
          ':123456789012:queue/jobs',
        ]),
      ],
      ['Bucket', new Template(['arn:', partition, ':s3:::assets'])],
      ['Split', expect.any(Unknown)],
    ]);
  });

  it("reads a stack's own method of the name of one of the stack's (formatArn, resolve) as that method", () => {
    const graph = graphOf(`${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new cdk.CfnOutput(this, 'Arn', { value: this.formatArn({ service: 'sqs', resource: 'jobs' }) });
    new cdk.CfnOutput(this, 'Resolved', { value: this.resolve('jobs') });
  }

  formatArn(components: cdk.ArnComponents): string {
    return \`arn:aws:\${components.service}:eu-west-1:123456789012:\${components.resource}\`;
  }

  resolve(name: string): string {
    return \`orders-\${name}\`;
  }
}
`);
    expect(graph.outputs.map(output => [output.name, output.value])).toEqual([
      ['Arn', 'arn:aws:sqs:eu-west-1:123456789012:jobs'],
      ['Resolved', 'orders-jobs'],
    ]);
  });

  it('reads a policy made with props not known statically as one that may grant any role anything', () => {
    const stack = (extra: string) => `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import { defaults } from '@org/cdk-defaults';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const topic = new sns.Topic(this, 'Alerts', {});
    new lambda.Function(this, 'Handler', { environment: { TOPIC_ARN: topic.topicArn } });
    ${extra}
  }
}
`;
    const iam004 = (extra: string) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack(extra) },
        ],
        selectRules(['IAM-004']),
      ).findings.map(f => `${f.ruleId} ${f.resourceId}`);
    expect(iam004('')).toEqual(['IAM-004 Handler']);
    expect(iam004("new iam.Policy(this, 'Extra', defaults.policy);")).toEqual(
      [],
    );
    expect(
      iam004("new iam.ManagedPolicy(this, 'Extra', defaults.policy);"),
    ).toEqual([]);
    // The policy is not in the graph, and the roles get no default policy CDK would not make: the same resources.
    const resources = (extra: string) =>
      cdkAdapter
        .load([
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack(extra) },
        ])
        .graphs.flatMap(graph =>
          [...graph.resources].map(resource => resource.id),
        );
    expect(
      resources("new iam.Policy(this, 'Extra', defaults.policy);"),
    ).toEqual(resources(''));
  });

  it('models buckets: enforceSSL as a policy denying insecure transport, and their notifications to functions', () => {
    const stack = `${IMPORTS}
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const secure = new s3.Bucket(this, 'Secure', { enforceSSL: true });
    const plain = new s3.Bucket(this, 'Plain', { autoDeleteObjects: true });
    const indexer = new lambda.Function(this, 'Indexer', {});
    plain.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(indexer));
    // Not known statically: a policy flag from the environment, a policy of a construct not modelled.
    new s3.Bucket(this, 'Configured', { enforceSSL: process.env.ENFORCE_SSL === 'yes' });
    const shared = new s3.Bucket(this, 'Shared', {});
    new s3.BucketPolicy(this, 'SharedPolicy', { bucket: shared });
  }
}
`;
    const report = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
      ],
      selectRules(['ENC-006', 'DLQ-001', 'OPS-003']),
    );
    // autoDeleteObjects tags the bucket it empties.
    const untagged = report.findings.filter(
      f => f.ruleId === 'OPS-003' && f.resourceType === 'AWS::S3::Bucket',
    );
    expect(untagged.map(f => f.resourceId)).toEqual([
      'Secure',
      'Configured',
      'Shared',
    ]);
    expect(
      report.findings
        .filter(f => f.ruleId !== 'OPS-003')
        .map(f => [
          f.ruleId,
          f.resourceId,
          f.message.replace(/,.*| but .*/, ''),
        ]),
    ).toEqual([
      [
        'ENC-006',
        'Plain',
        'S3 bucket Plain has no bucket policy in the stack denying requests where aws:SecureTransport is false',
      ],
      [
        'DLQ-001',
        'Indexer',
        'Function Indexer is invoked asynchronously (by the notifications of the S3 bucket Plain)',
      ],
    ]);
  });

  it('makes the EdgeFunction of a stack outside us-east-1 in a stack of its own, as synth does, where CloudFront does not trigger it', () => {
    const stack = `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
export class CdnStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const auth = new cloudfront.experimental.EdgeFunction(this, 'Auth', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('edge'),
    });
    new cloudfront.Distribution(this, 'Cdn', {
      defaultBehavior: {
        origin: undefined as any,
        edgeLambdas: [{ functionVersion: auth.currentVersion, eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST }],
      },
    });
  }
}
`;
    const app = `
import * as cdk from 'aws-cdk-lib';
import { CdnStack } from '../lib/stack';
const app = new cdk.App();
new CdnStack(app, 'Frankfurt', { env: { region: 'eu-central-1' } });
new CdnStack(app, 'Virginia', { env: { region: 'us-east-1' } });
new CdnStack(app, 'Anywhere', { env: { region: process.env.CDK_DEFAULT_REGION } });
`;
    const result = cdkAdapter.load([
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: app },
      { path: 'svc/lib/stack.ts', text: stack },
    ]);
    expect(result.errors).toEqual([]);
    // Synth's templates: Frankfurt's distribution, its function in us-east-1; Virginia's; Anywhere's, as if us-east-1.
    expect(
      result.graphs.map(graph =>
        [...graph.resources].map(resource => resource.id),
      ),
    ).toEqual([
      ['Cdn'],
      ['Auth/ServiceRole', 'Auth', 'Auth/CurrentVersion', 'Auth/Parameter'],
      ['Auth/Fn/ServiceRole', 'Auth/Fn', 'Auth/Fn/CurrentVersion', 'Cdn'],
      ['Auth/Fn/ServiceRole', 'Auth/Fn', 'Auth/Fn/CurrentVersion', 'Cdn'],
    ]);
    // The stack synth names edge-lambda-stack-<Frankfurt's node.addr>.
    expect(
      getPath(result.graphs[0].get('Cdn')!.properties, [
        'DistributionConfig',
        'DefaultCacheBehavior',
        'LambdaFunctionAssociations',
        0,
        'LambdaFunctionARN',
      ]),
    ).toEqual(
      new Unknown(
        'edge-lambda-stack-c84f89d9c890aa500973986f4a768d067fc53139f4/Auth/CurrentVersion, imported from another stack',
      ),
    );
    // CloudFront calls the function and waits, but from another stack than Frankfurt's function's: none in it triggers it.
    const kinds = (graph: ResourceGraph) =>
      triggersOf(graph, graph.get('Auth') ?? graph.get('Auth/Fn')!).map(
        trigger => `${trigger.kind} ${trigger.via.type}`,
      );
    expect(result.graphs.slice(1).map(kinds)).toEqual([
      [],
      ['sync AWS::CloudFront::Distribution'],
      ['sync AWS::CloudFront::Distribution'],
    ]);
    expect(findingsOf(stack, ['DLQ-001', 'OPS-003'], app)).toEqual([
      'DLQ-001 Auth 9',
      'OPS-003 Auth/ServiceRole 9',
      'OPS-003 Auth 9',
      'OPS-003 Auth/Parameter 9',
      'OPS-003 Auth/Fn/ServiceRole 9',
      'OPS-003 Auth/Fn 9',
      'OPS-003 Cdn 14',
    ]);
  });

  it("names a CloudFrontWebDistribution's resource and the function of an EdgeFunction of a stack in us-east-1 as synth does: its CFDistribution, and its Fn, below which are the function's role, versions, aliases and event sources; the EdgeFunction's tags reach it", () => {
    const stack = `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
export class CdnStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const auth = new cloudfront.experimental.EdgeFunction(this, 'Auth', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('x'),
    });
    auth.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Jobs')));
    auth.addAlias('live');
    new cloudfront.CloudFrontWebDistribution(this, 'OldCdn', {
      originConfigs: [{ s3OriginSource: { s3BucketSource: new s3.Bucket(this, 'Site') }, behaviors: [{ isDefaultBehavior: true, lambdaFunctionAssociations: [{ eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST, lambdaFunction: auth.currentVersion }] }] }],
    });
    cdk.Tags.of(auth).add('team', 'edge');
  }
}
`;
    const app = `
import * as cdk from 'aws-cdk-lib';
import { CdnStack } from '../lib/stack';
const app = new cdk.App();
new CdnStack(app, 'Virginia', { env: { region: 'us-east-1' } });
`;
    const result = cdkAdapter.load([
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: app },
      { path: 'svc/lib/stack.ts', text: stack },
    ]);
    expect(result.errors).toEqual([]);
    const [graph] = result.graphs;
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes their aws:cdk:path; but the bucket's policy, which what its origin
    // does may write (not modelled), not known.
    expect(
      [...graph.resources]
        .filter(resource => resource.type !== 'AWS::S3::BucketPolicy')
        .map(resource => resource.id)
        .sort(),
    ).toEqual([
      'Auth/Fn',
      'Auth/Fn/Aliaslive',
      'Auth/Fn/CurrentVersion',
      'Auth/Fn/ServiceRole',
      'Auth/Fn/ServiceRole/DefaultPolicy',
      'Auth/Fn/SqsEventSource:VirginiaJobs344BFF71',
      'Jobs',
      'OldCdn/CFDistribution',
      'Site',
    ]);
    expect(
      getPath(graph.get('OldCdn/CFDistribution')!.properties, [
        'DistributionConfig',
        'DefaultCacheBehavior',
        'LambdaFunctionAssociations',
        0,
        'LambdaFunctionARN',
      ]),
    ).toEqual(new Ref('Auth/Fn/CurrentVersion'));
    expect(
      triggersOf(graph, graph.get('Auth/Fn')!).map(
        trigger => `${trigger.kind} ${trigger.via.id}`,
      ),
    ).toEqual([
      'poll Auth/Fn/SqsEventSource:VirginiaJobs344BFF71',
      'sync OldCdn/CFDistribution',
    ]);
    expect(
      scanFiles(
        [
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: app },
          { path: 'svc/lib/stack.ts', text: stack },
        ],
        selectRules(['OPS-003']),
      ).findings.map(f => f.resourceId),
    ).toEqual(['Jobs', 'OldCdn/CFDistribution', 'Site']);
  });

  it("makes a construct made in a resource's scope below it, as synth does (an alarm in a queue's, in its L1's, in a function's by createAlarm), where the resource's tags reach it (OPS-003)", () => {
    const stack = `${IMPORTS}
const alarm = { threshold: 1, evaluationPeriods: 1 };
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const jobs = new sqs.Queue(this, 'Jobs');
    new cloudwatch.Alarm(jobs, 'Backlog', { ...alarm, metric: jobs.metricApproximateNumberOfMessagesVisible() });
    new cloudwatch.Alarm(jobs.node.defaultChild as sqs.CfnQueue, 'Age', { ...alarm, metric: jobs.metricApproximateAgeOfOldestMessage() });
    const fn = new lambda.Function(this, 'Fn', {});
    fn.metricErrors().createAlarm(fn, 'Errors', alarm);
    cdk.Tags.of(jobs).add('team', 'jobs');
  }
}
`;
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes their aws:cdk:path, and tags the queue's alarms.
    expect(
      graphOf(stack)
        .ofType('AWS::CloudWatch::Alarm')
        .map(({ id }) => id),
    ).toEqual(['Jobs/Backlog', 'Jobs/Resource/Age', 'Fn/Errors']);
    expect(findingsOf(stack, ['OPS-003'])).toEqual([
      'OPS-003 Fn/ServiceRole 19',
      'OPS-003 Fn 19',
      'OPS-003 Fn/Errors 20',
    ]);
  });

  it('models Python and edge functions, the versions CloudFront runs at the edge, and HTTP APIs with their default stage', () => {
    const graph = graphOf(`
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as alpha from '@aws-cdk/aws-apigatewayv2-alpha';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';
import { GoFunction } from '@aws-cdk/aws-lambda-go-alpha';
import { Vendor } from 'vendor-constructs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const worker = new PythonFunction(this, 'Worker', { entry: 'worker' });
    new GoFunction(this, 'Mover', { entry: 'mover' });
    const auth = new lambda.Function(this, 'Auth', {});
    const rewrite = new cloudfront.experimental.EdgeFunction(this, 'Rewrite', {});
    const cdn = new cloudfront.Distribution(this, 'Cdn', {
      defaultBehavior: {
        origin: undefined as any,
        edgeLambdas: [{ functionVersion: auth.currentVersion, eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: { '/img/*': { origin: undefined as any, edgeLambdas: [{ functionVersion: rewrite.currentVersion, eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST }] } },
    });
    const resize = new lambda.Function(this, 'Resize', {});
    cdn.addBehavior('/thumbs/*', undefined as any, { edgeLambdas: [{ functionVersion: resize.currentVersion, eventType: cloudfront.LambdaEdgeEventType.ORIGIN_RESPONSE }] });
    const legacy = new lambda.Function(this, 'Legacy', {});
    new cloudfront.CloudFrontWebDistribution(this, 'OldCdn', {
      originConfigs: [{ behaviors: [{ isDefaultBehavior: true, lambdaFunctionAssociations: [{ eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST, lambdaFunction: legacy.currentVersion }] }] }],
    });
    const routed = new HttpApi(this, 'Public', {});
    routed.addRoutes({ path: '/', integration: undefined as any });
    new alpha.HttpApi(this, 'Beta', {});
    new HttpApi(this, 'Internal', { createDefaultStage: false });
    new HttpApi(this, 'Maybe', { createDefaultStage: process.env.STAGE === 'yes' });
    new Vendor(this, 'Gateway', { api: new HttpApi(this, 'Handed', {}) });
    const tuned = new HttpApi(this, 'Tuned', {});
    (tuned.defaultStage?.node.defaultChild as any).accessLogSettings = { destinationArn: 'arn' };
  }
}
`);
    expect(graph.get('Worker')!.type).toBe('AWS::Lambda::Function');
    expect(graph.get('Mover')!.type).toBe('AWS::Lambda::Function');
    const kinds = (id: string) =>
      triggersOf(graph, graph.get(id)!).map(
        trigger => `${trigger.kind} ${trigger.via.type}`,
      );
    expect(kinds('Auth')).toEqual(['sync AWS::CloudFront::Distribution']);
    expect(kinds('Rewrite/Fn')).toEqual(['sync AWS::CloudFront::Distribution']);
    expect(kinds('Legacy')).toEqual(['sync AWS::CloudFront::Distribution']);
    expect(kinds('Resize')).toEqual(['sync AWS::CloudFront::Distribution']);
    expect(
      getPath(graph.get('Cdn')!.properties, [
        'DistributionConfig',
        'DefaultCacheBehavior',
        'LambdaFunctionAssociations',
      ]),
    ).toEqual([
      {
        EventType: 'viewer-request',
        LambdaFunctionARN: new Ref('Auth/CurrentVersion'),
      },
    ]);
    expect(graph.get('Public/DefaultStage')!.properties).toEqual({
      ApiId: new Ref('Public'),
      StageName: '$default',
      AutoDeploy: true,
    });
    expect(graph.get('Beta/DefaultStage')!.properties.StageName).toBe(
      '$default',
    );
    // No stage, or one that may not exist: not judged.
    expect(graph.get('Internal/DefaultStage')).toBeUndefined();
    expect(graph.get('Maybe/DefaultStage')).toBeUndefined();
    // Code this model does not read may configure the stage of an API handed to it.
    expect(
      graph.get('Handed/DefaultStage')!.properties.AccessLogSettings,
    ).toBeInstanceOf(Unknown);
    // Code that reaches the default stage may configure it: what it sets on its L1 is read.
    expect(
      graph.get('Tuned/DefaultStage')!.properties.AccessLogSettings,
    ).toEqual({ DestinationArn: 'arn' });
    expect(
      graph.get('Tuned/DefaultStage')!.properties.DefaultRouteSettings,
    ).toBeInstanceOf(Unknown);
    const findings = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        {
          path: 'svc/lib/stack.ts',
          text: `${IMPORTS}\nimport { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';\nexport class OrdersStack extends cdk.Stack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n    new HttpApi(this, 'Public', {});\n  }\n}\n`,
        },
      ],
      selectRules(['LOG-004', 'OPS-001']),
    ).findings;
    expect(
      findings.map(finding => `${finding.ruleId} ${finding.resourceId}`),
    ).toEqual(['LOG-004 Public/DefaultStage', 'OPS-001 Public/DefaultStage']);
  });

  it('reads notActions and notResources: a statement that allows all but some actions may grant what a function uses', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const orders = new sqs.Queue(this, 'Orders');
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
      environment: { QUEUE_URL: orders.queueUrl },
    });
    fn.addToRolePolicy(new iam.PolicyStatement({ notActions: ['iam:*'], notResources: ['arn:aws:s3:::payroll/*'] }));
  }
}
`;
    const graph = graphOf(stack);
    expect(
      getPath(graph.get('Handler/ServiceRole/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
        0,
      ]),
    ).toEqual({
      Effect: 'Allow',
      NotAction: ['iam:*'],
      NotResource: ['arn:aws:s3:::payroll/*'],
    });
    const { findings } = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
      ],
      selectRules(['IAM-004']),
    );
    expect(findings).toEqual([]);
  });

  it('models iam.Policy and iam.ManagedPolicy: their statements are judged and grant what they say to the roles they are attached to', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const orders = new sqs.Queue(this, 'Orders');
    const alerts = new sns.Topic(this, 'Alerts');
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
      environment: { QUEUE_URL: orders.queueUrl, TOPIC_ARN: alerts.topicArn },
    });
    const send = new iam.Policy(this, 'Send', {
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [orders.queueArn] })],
    });
    send.attachToRole(fn.role!);
    const broad = new iam.ManagedPolicy(this, 'Broad', { roles: [fn.role!] });
    broad.addStatements(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    const fromDocument = new iam.Policy(this, 'FromDocument', {
      document: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] })] }),
    });
    const other = new iam.Role(this, 'Other', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    other.attachInlinePolicy(fromDocument);
  }
}
`;
    const graph = graphOf(stack);
    expect(graph.get('FromDocument')!.properties.Roles).toEqual([
      new Ref('Other'),
    ]);
    expect(graph.get('Send')!.properties.Roles).toEqual([
      new Ref('Handler/ServiceRole'),
    ]);
    const { findings } = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
      ],
      selectRules(['IAM-002', 'IAM-004', 'IAM-009']),
    );
    // The queue is granted by the Policy; the topic by nothing.
    expect(
      findings.map(
        f =>
          `${f.ruleId} ${f.resourceId} ${f.line} ${f.message.replace(
            / (?:but|instead|\().*/,
            '',
          )}`,
      ),
    ).toEqual([
      'IAM-004 Handler 22 Function Handler is given Alerts in TOPIC_ARN',
      'IAM-002 Broad 29 A policy statement of managed policy Broad allows "s3:*"',
      'IAM-009 FromDocument 31 A policy statement of policy FromDocument allows every action except "iam:*": every other action of every AWS service on its resources,',
    ]);
  });

  it('reports JSON text another module built, which the stack parses, at the line of the property of the stack that reads it', () => {
    const policy = `
export const text = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:*',
      Resource: '*',
    },
  ],
});
export const parsed = JSON.parse(text);
`;
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { text, parsed } from './policy';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new iam.Policy(this, 'Imported', { roles: [iam.Role.fromRoleName(this, 'Ops', 'ops')], document: iam.PolicyDocument.fromJson(JSON.parse(text)) });
    new iam.Policy(this, 'Parsed', { roles: [iam.Role.fromRoleName(this, 'Admins', 'admins')], document: iam.PolicyDocument.fromJson(parsed) });
    new iam.CfnPolicy(this, 'Cfn', { policyName: 'p', policyDocument: JSON.parse(text), roles: ['r'] });
  }
}
`;
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/lib/stack.ts', text: stack },
      { path: 'svc/lib/policy.ts', text: policy },
    ];
    expect(
      scanFiles(files, selectRules(['IAM-002'])).findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`,
      ),
    ).toEqual([
      'IAM-002 Imported svc/lib/stack.ts:8',
      'IAM-002 Parsed svc/lib/stack.ts:9',
      'IAM-002 Cfn svc/lib/stack.ts:10',
    ]);
  });

  it('reads PolicyStatement.fromJson, PolicyDocument.fromJson and document.addStatements, before or after a policy uses the document', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const orders = new sqs.Queue(this, 'Orders');
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
      environment: { QUEUE_URL: orders.queueUrl },
    });
    fn.addToRolePolicy(iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: orders.queueArn }));
    fn.addToRolePolicy(iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }));
    const before = new iam.PolicyDocument();
    before.addStatements(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    new iam.Policy(this, 'Before', { document: before, roles: [fn.role!] });
    const after = new iam.PolicyDocument();
    new iam.ManagedPolicy(this, 'After', { document: after, roles: [fn.role!] });
    after.addStatements(iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: 'sns:*', Resource: '*' }));
    new iam.Role(this, 'Admin', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: { all: iam.PolicyDocument.fromJson({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }) },
    });
  }
}
`;
    const graph = graphOf(stack);
    expect(
      getPath(graph.get('Handler/ServiceRole/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: new Ref('Orders', 'Arn'),
      },
      { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
    ]);
    const { findings } = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
      ],
      selectRules(['IAM-002', 'IAM-004', 'IAM-009']),
    );
    expect(
      findings.map(
        f =>
          `${f.ruleId} ${f.resourceId} ${f.line} ${f.message.replace(
            / (?:but|instead|\().*/,
            '',
          )}`,
      ),
    ).toEqual([
      'IAM-002 Handler/ServiceRole/DefaultPolicy 24 A policy statement of policy Handler/ServiceRole/DefaultPolicy allows "dynamodb:*"',
      'IAM-002 Before 26 A policy statement of policy Before allows "s3:*"',
      'IAM-002 After 30 A policy statement of managed policy After allows "sns:*"',
      'IAM-009 Admin 33 A policy statement of role Admin allows every action except "iam:*": every other action of every AWS service on its resources,',
    ]);
  });

  it('writes a statement a document holds twice once, made with it or added to it after a policy uses it, as synth writes it: what is wrong with it is reported once (IAM-002, IAM-003)', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const everything = () => new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] });
    const document = new iam.PolicyDocument({ statements: [everything(), everything()] });
    new iam.Role(this, 'Admin', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), inlinePolicies: { all: document } });
    document.addStatements(everything(), new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }), everything());
  }
}
`;
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes it.
    expect(
      getPath(graphOf(stack).get('Admin')!.properties, [
        'Policies',
        0,
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([
      { Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['sqs:*'], Resource: ['*'] },
    ]);
    expect(
      scanFiles(
        [
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack },
        ],
        selectRules(['IAM-002', 'IAM-003']),
      ).findings.map(f => `${f.ruleId} ${f.resourceId} ${f.property}`),
    ).toEqual([
      'IAM-002 Admin Policies[0].PolicyDocument.Statement[0].Action',
      'IAM-003 Admin Policies[0].PolicyDocument.Statement[0].Resource',
      'IAM-002 Admin Policies[0].PolicyDocument.Statement[1].Action',
      'IAM-003 Admin Policies[0].PolicyDocument.Statement[1].Resource',
    ]);
  });

  it('judges no API stage whose settings, or whose existence, are not known statically', () => {
    const stack = `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: any) {
    super(scope, id);
    new apigateway.RestApi(this, 'Passed', props.api);
    new apigateway.RestApi(this, 'Optioned', { deployOptions: props.deployOptions });
    new apigateway.RestApi(this, 'Undeployed', { deploy: props.deploy });
    new apigateway.RestApi(this, 'Plain', {});
    new apigateway.RestApi(this, 'Throttled', { deployOptions: { methodOptions: { '/*/*': { throttlingRateLimit: 10, throttlingBurstLimit: 5 } } } });
    new apigateway.RestApi(this, 'Logged', { deployOptions: { methodOptions: { '/orders/GET': { loggingLevel: 'INFO' } } } });
  }
}
`;
    const { findings } = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
      ],
      selectRules(['LOG-004', 'OPS-001']),
    );
    expect(
      findings.map(finding => `${finding.ruleId} ${finding.resourceId}`),
    ).toEqual([
      'LOG-004 Plain/DeploymentStage.prod',
      'OPS-001 Plain/DeploymentStage.prod',
      'LOG-004 Throttled/DeploymentStage.prod',
      'LOG-004 Logged/DeploymentStage.prod',
      'OPS-001 Logged/DeploymentStage.prod',
    ]);
    expect(
      findings.find(
        finding =>
          finding.resourceId === 'Logged/DeploymentStage.prod' &&
          finding.ruleId === 'OPS-001',
      )!.message,
    ).toContain(
      'nothing in its deployOptions sets both throttlingRateLimit and throttlingBurstLimit',
    );
  });

  it('gives each function a log group of its own when cdk.json turns on useCdkManagedLogGroup', () => {
    const stack = `${IMPORTS}
import * as logs from 'aws-cdk-lib/aws-logs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Managed', { functionName: 'orders' });
    new lambda.Function(this, 'Retained', { logRetention: logs.RetentionDays.ONE_WEEK });
    new lambda.Function(this, 'Own', { logGroup: new logs.LogGroup(this, 'OwnLogs', {}) });
    new lambda.Function(this, 'Forever', { logRetention: logs.RetentionDays.INFINITE });
    new lambda.Function(this, 'Configured', { logRetention: Number(process.env.RETENTION) });
  }
}
`;
    const scan = (cdkJson: string) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: cdkJson },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack },
        ],
        selectRules(['LOG-001', 'LOG-002']),
      ).findings.map(finding => `${finding.ruleId} ${finding.resourceId}`);
    // A LogRetention of RetentionDays.INFINITE sets none; one not known statically is not judged.
    expect(scan(CDK_JSON)).toEqual(['LOG-001 Managed', 'LOG-002 Forever']);
    const flagged = JSON.stringify({
      ...JSON.parse(CDK_JSON),
      context: { '@aws-cdk/aws-lambda:useCdkManagedLogGroup': true },
    });
    expect(scan(flagged)).toEqual(['LOG-002 Forever']);
  });

  it('gives a NodejsFunction without a runtime Node.js 16, unless cdk.json turns on useLatestRuntimeVersion', () => {
    const stack = `${IMPORTS}
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new NodejsFunction(this, 'Defaulted', { entry: 'src/handler.ts' });
    new NodejsFunction(this, 'Pinned', { entry: 'src/handler.ts', runtime: lambda.Runtime.NODEJS_22_X });
    new lambda.Function(this, 'Plain', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
  }
}
`;
    const scan = (cdkJson: string) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: cdkJson },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack },
        ],
        selectRules(['OPS-005']),
        { now: new Date('2026-12-04T00:00:00Z') },
      ).findings.map(
        finding =>
          `${finding.ruleId} ${finding.resourceId} ${finding.line}: ${finding.message}`,
      );
    expect(scan(CDK_JSON)).toEqual([
      'OPS-005 Defaulted 16: Function Defaulted uses runtime nodejs16.x (Node.js 16), which was deprecated by AWS on 2024-06-12; AWS blocks updating functions on it from 2027-08-31.',
    ]);
    // NODEJS_LATEST is another runtime in each CDK version: not judged.
    const latest = JSON.stringify({
      ...JSON.parse(CDK_JSON),
      context: { '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': true },
    });
    expect(scan(latest)).toEqual([]);
  });

  it('gives a NodejsFunction without a runtime Node.js 16 only on the aws-cdk-lib versions that do (2.93.0 on), as the lockfile or package.json says', () => {
    const stack = `${IMPORTS}
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new NodejsFunction(this, 'Defaulted', { entry: 'src/handler.ts' });
  }
}
`;
    const scan = (
      packageJson: string | undefined,
      context: Record<string, unknown> = {},
      lockfiles: Record<string, string> = {},
    ) =>
      scanFiles(
        [
          {
            path: 'svc/cdk.json',
            text: JSON.stringify({ ...JSON.parse(CDK_JSON), context }),
          },
          ...(packageJson === undefined
            ? []
            : [{ path: 'svc/package.json', text: packageJson }]),
          ...Object.entries(lockfiles).map(([path, text]) => ({ path, text })),
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack },
        ],
        selectRules(['OPS-005']),
        { now: new Date('2026-12-04T00:00:00Z') },
      ).findings.map(
        finding => `${finding.ruleId} ${finding.resourceId} ${finding.line}`,
      );
    const declaring = (dependencies: Record<string, string>) =>
      JSON.stringify({ name: 'svc', dependencies });
    expect(
      scan(declaring({ 'aws-cdk-lib': '2.177.0', constructs: '^10.0.0' })),
    ).toEqual(['OPS-005 Defaulted 16']);
    expect(scan(declaring({ 'aws-cdk-lib': '^2.93.0' }))).toEqual([
      'OPS-005 Defaulted 16',
    ]);
    // No CDK version declared: a current aws-cdk-lib.
    expect(scan(undefined)).toEqual(['OPS-005 Defaulted 16']);
    expect(scan('{ not json')).toEqual(['OPS-005 Defaulted 16']);
    // Older versions defaulted to Node.js 14, the region's latest, then Node.js 18; v1 to another: not known.
    expect(scan(declaring({ 'aws-cdk-lib': '2.80.0' }))).toEqual([]);
    expect(scan(declaring({ 'aws-cdk-lib': '^2.50.0' }))).toEqual([]);
    expect(
      scan(
        JSON.stringify({
          devDependencies: {
            '@aws-cdk/core': '1.204.0',
            '@aws-cdk/aws-lambda-nodejs': '1.204.0',
          },
        }),
      ),
    ).toEqual([]);
    // The version a lockfile beside package.json installs, rather than the lowest the range allows.
    const locked = (version: string) => ({
      'svc/package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: { 'node_modules/aws-cdk-lib': { version } },
      }),
    });
    expect(
      scan(declaring({ 'aws-cdk-lib': '^2.50.0' }), {}, locked('2.150.0')),
    ).toEqual(['OPS-005 Defaulted 16']);
    // A lockfile older than package.json (2.92.0 is not ^2.93.0): what package.json declares.
    expect(
      scan(declaring({ 'aws-cdk-lib': '^2.93.0' }), {}, locked('2.92.0')),
    ).toEqual(['OPS-005 Defaulted 16']);
    expect(
      scan(
        declaring({ 'aws-cdk-lib': '^2.50.0' }),
        {},
        { 'svc/yarn.lock': 'aws-cdk-lib@^2.50.0:\n  version "2.150.0"\n' },
      ),
    ).toEqual(['OPS-005 Defaulted 16']);
    expect(
      scan(
        declaring({ 'aws-cdk-lib': '^2.50.0' }),
        {},
        { 'svc/package-lock.json': '{ "packages": ' },
      ),
    ).toEqual([]);
    // A member of a workspace: the lockfile at its root, which lists the member.
    const workspaceLock = {
      'pnpm-lock.yaml':
        "lockfileVersion: '9.0'\nimporters:\n  svc:\n    dependencies:\n      aws-cdk-lib:\n        specifier: ^2.50.0\n        version: 2.150.0\n",
    };
    expect(
      scan(declaring({ 'aws-cdk-lib': '^2.50.0' }), {}, workspaceLock),
    ).toEqual(['OPS-005 Defaulted 16']);
    // CDK reads the flag as Boolean(value): the string "false" turns it on, null leaves it off.
    expect(
      scan(undefined, {
        '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': 'false',
      }),
    ).toEqual([]);
    expect(
      scan(undefined, {
        '@aws-cdk/aws-lambda-nodejs:useLatestRuntimeVersion': null,
      }),
    ).toEqual(['OPS-005 Defaulted 16']);
  });

  it('models a state machine: its role, logs and tracing as CDK synthesizes them, and grantStartExecution (IAM-004, OPS-003)', () => {
    const stack = `${IMPORTS}
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as logs from 'aws-cdk-lib/aws-logs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const flow = new sfn.StateMachine(this, 'Flow', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Start')),
      tracingEnabled: true,
      logs: { destination: new logs.LogGroup(this, 'FlowLogs'), level: sfn.LogLevel.ALL },
    });
    const tagged = new sfn.StateMachine(this, 'Tagged', { definitionBody: sfn.DefinitionBody.fromString('{}') });
    cdk.Tags.of(tagged).add('team', 'orders');
    new lambda.Function(this, 'Starter', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), environment: { FLOW: flow.stateMachineArn } });
    const granted = new lambda.Function(this, 'Granted', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), environment: { FLOW: flow.stateMachineArn } });
    flow.grantStartExecution(granted);
  }
}
`;
    expect(findingsOf(stack, ['IAM-004'])).toEqual(['IAM-004 Starter 24']);
    // The machine and the role CDK makes for it are tagged by the tags of its scope.
    expect(
      findingsOf(stack, ['OPS-003']).filter(finding =>
        /Flow|Tagged/.test(finding),
      ),
    ).toEqual([
      'OPS-003 Flow/Role 17',
      'OPS-003 Flow 17',
      'OPS-003 FlowLogs 20',
    ]);
    // Logs and tracing grant their actions on `*`, which support no other resource.
    expect(findingsOf(stack, ['IAM-002', 'IAM-003'])).toEqual([]);
    const graph = graphOf(stack);
    expect(graph.get('Flow')!.properties).toEqual({
      DefinitionString:
        '{"StartAt":"Start","States":{"Start":{"Type":"Pass","End":true}}}',
      RoleArn: new Ref('Flow/Role', 'Arn'),
      LoggingConfiguration: {
        Destinations: [
          {
            CloudWatchLogsLogGroup: { LogGroupArn: new Ref('FlowLogs', 'Arn') },
          },
        ],
        Level: 'ALL',
      },
      TracingConfiguration: { Enabled: true },
    });
    expect(graph.get('Flow/Role')!.properties.AssumeRolePolicyDocument).toEqual(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'states.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
    );
  });

  it('models the role EventBridge starts a state machine target as: made below the machine once for all its rules, or given, granted StartExecution (OPS-003, IAM-002/003/006)', () => {
    const stack = `${IMPORTS}
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const flow = new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromString('{}') });
    const nightly = new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)) });
    nightly.addTarget(new targets.SfnStateMachine(flow));
    new events.Rule(this, 'Hourly', { schedule: events.Schedule.rate(cdk.Duration.hours(1)), targets: [new targets.SfnStateMachine(flow)] });
    const tagged = new sfn.StateMachine(this, 'Tagged', { definitionBody: sfn.DefinitionBody.fromString('{}') });
    cdk.Tags.of(tagged).add('team', 'orders');
    const starter = new iam.Role(this, 'Starter', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    cdk.Tags.of(starter).add('team', 'orders');
    new events.Rule(this, 'Weekly', { schedule: events.Schedule.rate(cdk.Duration.days(7)), targets: [new targets.SfnStateMachine(tagged, { role: starter })] });
    new events.Rule(this, 'Daily', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.SfnStateMachine(tagged)] });
  }
}
`;
    const graph = graphOf(stack);
    expect(
      graph.get('Flow/EventsRole')!.properties.AssumeRolePolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    // One role for the two rules, granted once.
    expect(graph.ofType('AWS::IAM::Role').map(role => role.id)).toEqual([
      'Flow/Role',
      'Flow/EventsRole',
      'Tagged/Role',
      'Starter',
      'Tagged/EventsRole',
    ]);
    const startFlow = {
      Effect: 'Allow',
      Action: ['states:StartExecution'],
      Resource: new Ref('Flow'),
    };
    expect(
      (
        graph.get('Flow/EventsRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([startFlow]);
    expect(
      (
        graph.get('Starter/DefaultPolicy')!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['states:StartExecution'],
        Resource: new Ref('Tagged'),
      },
    ]);
    expect(
      ['Nightly', 'Hourly', 'Weekly'].map(
        rule => graph.get(rule)!.properties.Targets,
      ),
    ).toEqual([
      [
        {
          Arn: new Ref('Flow', 'Arn'),
          RoleArn: new Ref('Flow/EventsRole', 'Arn'),
        },
      ],
      [
        {
          Arn: new Ref('Flow', 'Arn'),
          RoleArn: new Ref('Flow/EventsRole', 'Arn'),
        },
      ],
      [{ Arn: new Ref('Tagged', 'Arn'), RoleArn: new Ref('Starter', 'Arn') }],
    ]);
    // The role CDK makes is tagged by the tags of the machine's scope; it has no name; it may start only its machine.
    expect(
      findingsOf(stack, ['OPS-003']).filter(finding =>
        /EventsRole|Starter/.test(finding),
      ),
    ).toEqual(['OPS-003 Flow/EventsRole 21']);
    expect(findingsOf(stack, ['IAM-002', 'IAM-003', 'IAM-006'])).toEqual([]);
  });

  it('makes no role for a state machine target whose props are not known statically, and no longer knows what a role they may name grants', () => {
    const graph = graphOf(`${IMPORTS}
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { targetProps } from './settings';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const flow = new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromString('{}') });
    const starter = new iam.Role(this, 'Starter', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.SfnStateMachine(flow, targetProps(starter))] });
    const imported = sfn.StateMachine.fromStateMachineArn(this, 'Imported', process.env.MACHINE_ARN!);
    new events.Rule(this, 'Hourly', { schedule: events.Schedule.rate(cdk.Duration.hours(1)), targets: [new targets.SfnStateMachine(imported, { role: starter })] });
  }
}
`);
    expect(graph.get('Flow/EventsRole')).toBeUndefined();
    expect(graph.get('Nightly')!.properties.Targets).toEqual([
      {
        Arn: new Ref('Flow', 'Arn'),
        RoleArn: expect.any(Unknown),
        DeadLetterConfig: { Arn: expect.any(Unknown) },
      },
    ]);
    expect(
      (
        graph.get('Starter/DefaultPolicy')!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement,
    ).toEqual([
      expect.any(Unknown),
      {
        Effect: 'Allow',
        Action: ['states:StartExecution'],
        Resource: expect.any(Unknown),
      },
    ]);
  });

  it('leaves what an import (`Class.fromXxx(scope, id, …)`) is given as it was: CDK only reads it', () => {
    const graph = graphOf(`${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const orders = { tableName: 'orders', retention: cdk.Duration.days(14) };
    dynamodb.Table.fromTableAttributes(this, 'Orders', orders);
    new sqs.Queue(this, 'Dlq', { retentionPeriod: orders.retention });
  }
}
`);
    expect(graph.get('Dlq')!.properties.MessageRetentionPeriod).toBe(1209600);
  });

  it("makes the events role below a state machine imported (fromStateMachineArn, fromStateMachineName) that is a target, granted StartExecution on its ARN, the stack's for a name (OPS-003)", () => {
    const stack = `${IMPORTS}
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const imported = sfn.StateMachine.fromStateMachineArn(this, 'Imported', 'arn:aws:states:eu-west-1:123456789012:stateMachine:orders');
    new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.SfnStateMachine(imported)] });
    new events.Rule(this, 'Hourly', { schedule: events.Schedule.rate(cdk.Duration.hours(1)), targets: [new targets.SfnStateMachine(imported)] });
    const named = sfn.StateMachine.fromStateMachineName(this, 'Named', 'billing');
    new events.Rule(this, 'Weekly', { schedule: events.Schedule.rate(cdk.Duration.days(7)), targets: [new targets.SfnStateMachine(named)] });
  }
}
`;
    const graph = graphOf(stack);
    // One role for the two rules of the machine imported by its ARN, granted on it once.
    expect(graph.ofType('AWS::IAM::Role').map(role => role.id)).toEqual([
      'Imported/EventsRole',
      'Named/EventsRole',
    ]);
    expect(
      graph.get('Imported/EventsRole')!.properties.AssumeRolePolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
    expect(
      (
        graph.get('Imported/EventsRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['states:StartExecution'],
        Resource: 'arn:aws:states:eu-west-1:123456789012:stateMachine:orders',
      },
    ]);
    // Named: the ARN CDK formats in the stack's partition, region and account.
    const billing = new Template([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':states:',
      Unknown.oneValue('AWS::Region'),
      ':',
      Unknown.oneValue('AWS::AccountId'),
      ':stateMachine:billing',
    ]);
    expect(
      (
        graph.get('Named/EventsRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      { Effect: 'Allow', Action: ['states:StartExecution'], Resource: billing },
    ]);
    expect(
      ['Nightly', 'Hourly', 'Weekly'].map(
        rule =>
          (graph.get(rule)!.properties.Targets as { RoleArn: unknown }[])[0]
            .RoleArn,
      ),
    ).toEqual([
      new Ref('Imported/EventsRole', 'Arn'),
      new Ref('Imported/EventsRole', 'Arn'),
      new Ref('Named/EventsRole', 'Arn'),
    ]);
    // The rules call the machine imported by its ARN at that ARN.
    expect(
      ['Nightly', 'Hourly', 'Weekly'].map(
        rule =>
          (graph.get(rule)!.properties.Targets as { Arn: unknown }[])[0].Arn,
      ),
    ).toEqual([
      'arn:aws:states:eu-west-1:123456789012:stateMachine:orders',
      'arn:aws:states:eu-west-1:123456789012:stateMachine:orders',
      billing,
    ]);
    expect(
      findingsOf(stack, ['OPS-003']).filter(finding =>
        /EventsRole/.test(finding),
      ),
    ).toEqual([
      'OPS-003 Imported/EventsRole 19',
      'OPS-003 Named/EventsRole 22',
    ]);
  });

  it('models the role EventBridge calls a bus, a stream, a delivery stream, a build project, a pipeline, an ECS task or a Batch job target as: given, or made below the target (the rule for a bus), with its grant (OPS-003, IAM-002/003/006)', () => {
    const stack = `${IMPORTS}
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as batch from 'aws-cdk-lib/aws-batch';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const bus = new events.EventBus(this, 'Bus');
    const forwarder = new iam.Role(this, 'Forwarder', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    const clicks = new kinesis.Stream(this, 'Clicks');
    const raw = new firehose.CfnDeliveryStream(this, 'Raw', {});
    const archive = new firehose.DeliveryStream(this, 'Archive', { destination: undefined });
    const build = new codebuild.Project(this, 'Build', {});
    const pipeline = new codepipeline.Pipeline(this, 'Pipeline', {});
    const task = new ecs.FargateTaskDefinition(this, 'Task');
    const jobs = new batch.JobQueue(this, 'Jobs', {});
    const job = new batch.EcsJobDefinition(this, 'Job', {});
    const rule = new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.EventBus(bus)] });
    rule.addTarget(new targets.EventBus(bus, { role: forwarder }));
    rule.addTarget(new targets.KinesisStream(clicks));
    rule.addTarget(new targets.KinesisFirehoseStream(raw));
    rule.addTarget(new targets.FirehoseDeliveryStream(archive));
    rule.addTarget(new targets.CodeBuildProject(build));
    rule.addTarget(new targets.CodePipeline(pipeline, { eventRole: forwarder }));
    rule.addTarget(new targets.EcsTask({ cluster: new ecs.Cluster(this, 'Cluster'), taskDefinition: task }));
    rule.addTarget(new targets.BatchJob(jobs.jobQueueArn, jobs, job.jobDefinitionArn, job));
  }
}
`;
    const graph = graphOf(stack);
    // The task definition's task role (aws-ecs), then the roles of the targets.
    expect(graph.ofType('AWS::IAM::Role').map(role => role.id)).toEqual([
      'Forwarder',
      'Task/TaskRole',
      'Nightly/EventsRole',
      'Clicks/EventsRole',
      'Raw/EventsRole',
      'Archive/EventsRole',
      'Build/EventsRole',
      'Task/EventsRole',
      'Job/EventsRole',
    ]);
    const statements = (role: string) =>
      (
        graph.get(`${role}/DefaultPolicy`)!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement;
    expect(statements('Nightly/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: new Ref('Bus', 'Arn'),
      },
    ]);
    expect(statements('Forwarder')).toEqual([
      {
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: new Ref('Bus', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: ['codepipeline:StartPipelineExecution'],
        Resource: expect.any(Unknown),
      },
    ]);
    expect(statements('Clicks/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['kinesis:PutRecord', 'kinesis:PutRecords'],
        Resource: new Ref('Clicks', 'Arn'),
      },
    ]);
    expect(statements('Raw/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        Resource: new Ref('Raw', 'Arn'),
      },
    ]);
    expect(statements('Archive/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
        Resource: expect.any(Unknown),
      },
    ]);
    expect(statements('Build/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['codebuild:StartBuild'],
        Resource: expect.any(Unknown),
      },
    ]);
    // The task definition of no container has no execution role: only its task role is passed.
    expect(statements('Task/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['ecs:RunTask'],
        Resource: new Ref('Task'),
        Condition: { ArnEquals: { 'ecs:cluster': new Ref('Cluster', 'Arn') } },
      },
      {
        Effect: 'Allow',
        Action: ['ecs:TagResource'],
        Resource: expect.any(Template),
      },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: new Ref('Task/TaskRole', 'Arn'),
      },
    ]);
    expect(statements('Job/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['batch:SubmitJob'],
        Resource: [expect.any(Unknown), expect.any(Unknown)],
      },
    ]);
    expect(
      (graph.get('Nightly')!.properties.Targets as { RoleArn: unknown }[]).map(
        target => target.RoleArn,
      ),
    ).toEqual(
      [
        'Nightly/EventsRole',
        'Forwarder',
        'Clicks/EventsRole',
        'Raw/EventsRole',
        'Archive/EventsRole',
        'Build/EventsRole',
        'Forwarder',
        'Task/EventsRole',
        'Job/EventsRole',
      ].map(role => new Ref(role, 'Arn')),
    );
    expect(
      (graph.get('Nightly')!.properties.Targets as { Arn: unknown }[])
        .slice(0, 4)
        .map(target => target.Arn),
    ).toEqual([
      new Ref('Bus', 'Arn'),
      new Ref('Bus', 'Arn'),
      new Ref('Clicks', 'Arn'),
      new Ref('Raw', 'Arn'),
    ]);
    // The roles CDK makes are untagged, unnamed, and granted only what their targets need.
    expect(
      findingsOf(stack, ['OPS-003']).filter(finding =>
        /EventsRole/.test(finding),
      ),
    ).toEqual([
      'OPS-003 Nightly/EventsRole 34',
      'OPS-003 Clicks/EventsRole 36',
      'OPS-003 Raw/EventsRole 37',
      'OPS-003 Archive/EventsRole 38',
      'OPS-003 Build/EventsRole 39',
      'OPS-003 Task/EventsRole 41',
      'OPS-003 Job/EventsRole 42',
    ]);
    expect(findingsOf(stack, ['IAM-002', 'IAM-003', 'IAM-006'])).toEqual([]);
  });

  it('models the role EventBridge calls a REST API, an API destination or an AppSync API target as: given, or made below the target, granted what CDK grants (AppSync: only the role it makes)', () => {
    const stack = `${IMPORTS}
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as appsync from 'aws-cdk-lib/aws-appsync';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const caller = new iam.Role(this, 'Caller', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    const api = new apigateway.RestApi(this, 'Api');
    const connection = new events.Connection(this, 'Connection', { authorization: events.Authorization.apiKey('x-api-key', cdk.SecretValue.secretsManager('key')) });
    const destination = new events.ApiDestination(this, 'Destination', { connection, endpoint: 'https://example.com/orders' });
    const graphql = new appsync.GraphqlApi(this, 'Graphql', { name: 'orders', definition: appsync.Definition.fromFile('schema.graphql') });
    const variables = events.RuleTargetInput.fromEventPath('$.detail');
    const rule = new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.ApiGateway(api)] });
    rule.addTarget(new targets.ApiGateway(api, { method: 'POST', path: '/orders', stage: 'prod', eventRole: caller }));
    rule.addTarget(new targets.ApiDestination(destination));
    rule.addTarget(new targets.AppSync(graphql, { graphQLOperation: 'mutation Publish { publish }', variables, mutationFields: ['publish'] }));
    rule.addTarget(new targets.AppSync(graphql, { graphQLOperation: 'mutation Publish { publish }', variables, eventRole: caller }));
  }
}
`;
    const graph = graphOf(stack);
    expect(graph.ofType('AWS::IAM::Role').map(role => role.id)).toEqual([
      'Caller',
      'Api/CloudWatchRole',
      'Api/EventsRole',
      'Destination/EventsRole',
      'Graphql/EventsRole',
    ]);
    const statements = (role: string) =>
      (
        graph.get(`${role}/DefaultPolicy`)!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement;
    const executeApi = (stage: unknown, methodAndPath: string) =>
      new Template([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        ':execute-api:',
        Unknown.oneValue('AWS::Region'),
        ':',
        Unknown.oneValue('AWS::AccountId'),
        ':',
        new Ref('Api'),
        '/',
        stage as Unknown,
        `/${methodAndPath}`,
      ]);
    const invoke = ['execute-api:Invoke', 'execute-api:ManageConnections'];
    // Any method at the root of the API's deployment stage, unless the options say which.
    expect(statements('Api/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: invoke,
        Resource: executeApi(expect.any(Unknown), '*/'),
      },
    ]);
    const prodOrders = new Template([
      ...executeApi('prod', '').parts.slice(0, 8),
      '/prod/POST/orders',
    ]);
    expect(statements('Caller')).toEqual([
      { Effect: 'Allow', Action: invoke, Resource: prodOrders },
    ]);
    expect(statements('Destination/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['events:InvokeApiDestination'],
        Resource: expect.any(Unknown),
      },
    ]);
    expect(statements('Graphql/EventsRole')).toEqual([
      {
        Effect: 'Allow',
        Action: ['appsync:GraphQL'],
        Resource: expect.any(Template),
      },
    ]);
    expect(
      (
        graph.get('Graphql/EventsRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: { Resource: Template }[] }
      ).Statement[0].Resource.parts.slice(-1),
    ).toEqual(['/types/Mutation/fields/publish']);
    const ruleTargets = graph.get('Nightly')!.properties.Targets as {
      Arn: unknown;
      RoleArn: unknown;
    }[];
    expect(ruleTargets.map(target => target.RoleArn)).toEqual(
      [
        'Api/EventsRole',
        'Caller',
        'Destination/EventsRole',
        'Graphql/EventsRole',
        'Caller',
      ].map(role => new Ref(role, 'Arn')),
    );
    // The rule calls the stage's method it is granted, not the API.
    expect(ruleTargets.slice(0, 2).map(target => target.Arn)).toEqual([
      executeApi(expect.any(Unknown), '*/'),
      prodOrders,
    ]);
    expect(
      findingsOf(stack, ['OPS-003']).filter(finding =>
        /EventsRole/.test(finding),
      ),
    ).toEqual([
      'OPS-003 Api/EventsRole 25',
      'OPS-003 Destination/EventsRole 27',
      'OPS-003 Graphql/EventsRole 28',
    ]);
    expect(findingsOf(stack, ['IAM-002', 'IAM-003', 'IAM-006'])).toEqual([]);
  });

  it('grants and calls any method of a REST API for an API Gateway target whose method is ANY in any case (arnForExecuteApi)', () => {
    const graph = graphOf(`${IMPORTS}
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const api = new apigateway.RestApi(this, 'Api');
    new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.ApiGateway(api, { method: 'any', stage: 'prod' })] });
  }
}
`);
    const anyMethod = new Template([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':execute-api:',
      Unknown.oneValue('AWS::Region'),
      ':',
      Unknown.oneValue('AWS::AccountId'),
      ':',
      new Ref('Api'),
      '/prod/*/',
    ]);
    expect(
      (graph.get('Nightly')!.properties.Targets as { Arn: unknown }[]).map(
        target => target.Arn,
      ),
    ).toEqual([anyMethod]);
    expect(
      (
        graph.get('Api/EventsRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: { Resource: unknown }[] }
      ).Statement.map(statement => statement.Resource),
    ).toEqual([anyMethod]);
  });

  it('makes no role for a target whose options are not known statically, or below a construct of a path not known, and no longer knows what a role they may name grants', () => {
    const graph = graphOf(`${IMPORTS}
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import { buildProject, targetProps } from './settings';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const starter = new iam.Role(this, 'Starter', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    const build = new codebuild.Project(this, 'Build', {});
    const rule = new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.CodeBuildProject(build, targetProps(starter))] });
    rule.addTarget(new targets.CodeBuildProject(buildProject(this)));
    rule.addTarget(new targets.KinesisStream(kinesis.Stream.fromStreamArn(this, 'Clicks', process.env.CLICKS!)));
  }
}
`);
    expect(graph.ofType('AWS::IAM::Role').map(role => role.id)).toEqual([
      'Starter',
      'Clicks/EventsRole',
    ]);
    expect(graph.get('Nightly')!.properties.Targets).toEqual([
      {
        Arn: expect.any(Unknown),
        RoleArn: expect.any(Unknown),
        DeadLetterConfig: { Arn: expect.any(Unknown) },
      },
      { Arn: expect.any(Unknown), RoleArn: expect.any(Unknown) },
      {
        Arn: expect.any(Unknown),
        RoleArn: new Ref('Clicks/EventsRole', 'Arn'),
      },
    ]);
    expect(
      (
        graph.get('Starter/DefaultPolicy')!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement,
    ).toEqual([expect.any(Unknown)]);
    expect(
      (
        graph.get('Clicks/EventsRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['kinesis:PutRecord', 'kinesis:PutRecords'],
        Resource: expect.any(Unknown),
      },
    ]);
  });

  it('models an event bus (OPS-003) and a Kinesis stream, whose grants add only their actions: a role given them is still judged (IAM-007)', () => {
    const stack = `${IMPORTS}
import * as events from 'aws-cdk-lib/aws-events';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const bus = new events.EventBus(this, 'Bus');
    const taggedBus = new events.EventBus(this, 'TaggedBus', { eventBusName: 'orders' });
    cdk.Tags.of(taggedBus).add('team', 'orders');
    const clicks = new kinesis.Stream(this, 'Clicks', { encryption: kinesis.StreamEncryption.KMS });
    const role = new iam.Role(this, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const reader = new lambda.Function(this, 'Read', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), role });
    clicks.grantRead(reader);
    clicks.grantReadWrite(reader);
    bus.grantPutEventsTo(reader);
    clicks.metricGetRecordsIteratorAgeMilliseconds().createAlarm(this, 'Lag', { threshold: 60000, evaluationPeriods: 1 });
  }
}
`;
    expect(
      findingsOf(stack, ['OPS-003']).filter(finding =>
        /Bus|Clicks/.test(finding),
      ),
    ).toEqual(['OPS-003 Bus 18', 'OPS-003 Clicks/Key 21', 'OPS-003 Clicks 21']);
    // The key the stream makes has no rotation; the role of its reader grants no logs actions.
    expect(findingsOf(stack, ['ENC-007', 'IAM-007'])).toEqual([
      'ENC-007 Clicks/Key 21',
      'IAM-007 Read 23',
    ]);
    const graph = graphOf(stack);
    expect(graph.get('Clicks')!.properties).toEqual({
      RetentionPeriodHours: 24,
      ShardCount: 1,
      StreamEncryption: {
        EncryptionType: 'KMS',
        KeyId: new Ref('Clicks/Key', 'Arn'),
      },
    });
    expect(graph.get('TaggedBus')!.properties).toEqual({ Name: 'orders' });
    // A stream's metrics are Kinesis's, of the stream (not those of a queue).
    expect(graph.get('Lag')!.properties).toMatchObject({
      Namespace: 'AWS/Kinesis',
      Dimensions: [{ Name: 'StreamName', Value: new Ref('Clicks') }],
    });
    const statements = graph.get('Reader/DefaultPolicy')!.properties
      .PolicyDocument as { Statement: unknown[] };
    expect(statements.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:ListShards',
          'kinesis:SubscribeToShard',
          'kinesis:DescribeStream',
          'kinesis:ListStreams',
          'kinesis:DescribeStreamConsumer',
        ],
        Resource: new Ref('Clicks', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: new Ref('Clicks/Key', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: [
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:ListShards',
          'kinesis:SubscribeToShard',
          'kinesis:DescribeStream',
          'kinesis:ListStreams',
          'kinesis:DescribeStreamConsumer',
          'kinesis:PutRecord',
          'kinesis:PutRecords',
        ],
        Resource: new Ref('Clicks', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: [
          'kms:Decrypt',
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
        ],
        Resource: new Ref('Clicks/Key', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: ['events:PutEvents'],
        Resource: new Ref('Bus', 'Arn'),
      },
    ]);
  });

  it("keeps a Kinesis stream's encryption not known when its props are, and what its grants grant of a key known as far as it is (IAM-007)", () => {
    const stack = `${IMPORTS}
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as iam from 'aws-cdk-lib/aws-iam';
import { settings } from './settings';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const imported = new kinesis.Stream(this, 'Imported', { encryptionKey: kms.Key.fromKeyArn(this, 'Key', settings.keyArn) });
    const configured = new kinesis.Stream(this, 'Configured', { encryption: settings.encryption });
    const fn = (name: string) => new lambda.Function(this, name, {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'),
      role: new iam.Role(this, name + 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
    });
    imported.grantRead(fn('ReadsImported'));
    configured.grantRead(fn('ReadsConfigured'));
  }
}
`;
    // A key imported is granted all the same; whether a configured stream has one is not known, nor what its grant adds.
    expect(findingsOf(stack, ['IAM-007'])).toEqual([
      'IAM-007 ReadsImported 23',
    ]);
    const graph = graphOf(stack);
    expect(graph.get('Imported')!.properties.StreamEncryption).toEqual({
      EncryptionType: 'KMS',
      KeyId: expect.any(Unknown),
    });
    expect(graph.get('Configured')!.properties.StreamEncryption).toBeInstanceOf(
      Unknown,
    );
    expect(
      (
        graph.get('ReadsImportedRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement[1],
    ).toEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: expect.any(Unknown),
    });
  });

  it('reports the log group logRetention sets up on its function, and says it cannot take a key', () => {
    const stack = `${IMPORTS}
import * as logs from 'aws-cdk-lib/aws-logs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Forever', { logRetention: logs.RetentionDays.INFINITE });
  }
}
`;
    const { findings } = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
      ],
      selectRules(['ENC-001', 'LOG-002']),
    );
    expect(
      findings.map(
        ({
          ruleId,
          resourceId,
          generatedResourceId,
          resourceType,
          message,
        }) => ({
          ruleId,
          resourceId,
          generatedResourceId,
          resourceType,
          message,
        }),
      ),
    ).toEqual([
      {
        ruleId: 'ENC-001',
        resourceId: 'Forever',
        generatedResourceId: 'Forever/LogRetention',
        resourceType: 'AWS::Lambda::Function',
        message:
          'The log group of function Forever that its logRetention sets up has no KMS key, so its logs are not encrypted with a KMS key the team controls, and cannot be given one: give Forever a log group of its own, created with a key.',
      },
      {
        ruleId: 'LOG-002',
        resourceId: 'Forever',
        generatedResourceId: 'Forever/LogRetention',
        resourceType: 'AWS::Lambda::Function',
        message:
          'The log group of function Forever that its logRetention sets up has no retention, so its logs are kept forever.',
      },
    ]);
  });

  it("reads a module the app imports from outside its folder (a monorepo's shared constructs)", () => {
    const report = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        {
          path: 'svc/lib/stack.ts',
          text: `${IMPORTS}
import { worker } from '../../shared/functions';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    worker(this);
  }
}
`,
        },
        {
          path: 'shared/functions.ts',
          text: `import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
export function worker(scope: Construct) {
  return new lambda.Function(scope, 'Worker', {});
}
`,
        },
      ],
      selectRules(['ALM-001']),
    );
    expect(
      report.findings.map(
        finding =>
          `${finding.ruleId} ${finding.resourceId} ${finding.file}:${finding.line}`,
      ),
    ).toEqual(['ALM-001 Worker shared/functions.ts:4']);
    expect(report.files.map(file => file.path)).toEqual([
      'shared/functions.ts',
      'svc/bin/app.ts',
    ]);
  });

  it('fingerprints apart what two apps declare in a shared module under one path at different lines, their outputs and comments', () => {
    const app = (name: string, make: string) => [
      { path: `${name}/cdk.json`, text: CDK_JSON },
      {
        path: `${name}/bin/app.ts`,
        text: `import * as cdk from 'aws-cdk-lib';\nimport { ${make} } from '../../shared/queues';\n${make}(new cdk.Stack(new cdk.App(), 'Service'));\n`,
      },
    ];
    const report = scanFiles(
      [
        ...app('orders', 'queue'),
        ...app('billing', 'deadLetters'),
        {
          path: 'shared/queues.ts',
          text: `${IMPORTS}
class Archive extends Construct { constructor(scope: Construct, id: string) { super(scope, id); new sqs.Queue(this, 'Store', { encryption: sqs.QueueEncryption.KMS_MANAGED }); } }
export function queue(scope: Construct) {
  new cdk.CfnOutput(scope, 'Arn', { value: 'arn:aws:sqs:us-east-1:123456789012:jobs' });
  new Archive(scope, 'Archive'); // infra-compliance:suppress=OPS-003
  return new sqs.Queue(scope, 'Jobs');
}
export function deadLetters(scope: Construct) {
  new cdk.CfnOutput(scope, 'Arn', { value: 'arn:aws:sqs:us-east-1:123456789012:dead-letters' });
  new Archive(scope, 'Archive'); // infra-compliance:suppress=OPS-003
  return new sqs.Queue(scope, 'Jobs', { retentionPeriod: cdk.Duration.days(14) });
}
`,
        },
      ],
      selectRules(['ENC-003', 'OPS-002', 'SUP-001']),
    );
    expect(
      report.findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.fingerprint}`,
      ),
    ).toEqual([
      `OPS-002 Outputs.Arn 14 ${fingerprint(
        'OPS-002',
        'shared/queues.ts',
        'Outputs.Arn',
      )}`,
      `SUP-001 Archive 15 ${fingerprint(
        'SUP-001',
        'shared/queues.ts',
        'Archive',
        'suppression:OPS-003',
      )}`,
      `ENC-003 Jobs 16 ${fingerprint('ENC-003', 'shared/queues.ts', 'Jobs')}`,
      `OPS-002 Outputs.Arn 19 ${fingerprint(
        'OPS-002',
        'shared/queues.ts',
        'billing/Outputs.Arn',
      )}`,
      `SUP-001 Archive 20 ${fingerprint(
        'SUP-001',
        'shared/queues.ts',
        'billing/Archive',
        'suppression:OPS-003',
      )}`,
      `ENC-003 Jobs 21 ${fingerprint(
        'ENC-003',
        'shared/queues.ts',
        'billing/Jobs',
      )}`,
    ]);
  });

  it('takes an alarm on a metric not known statically as possibly the alarm a function needs (ALM-001)', () => {
    const report = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        {
          path: 'svc/lib/stack.ts',
          text: `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: { prod?: boolean }) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Fn', {});
    const metric = props?.prod ? fn.metricErrors({ period: cdk.Duration.minutes(1) }) : fn.metricErrors();
    new cloudwatch.Alarm(this, 'Errors', { metric, threshold: 1, evaluationPeriods: 1 });
  }
}
`,
        },
      ],
      selectRules(['ALM-001']),
    );
    expect(report.findings).toEqual([]);
  });

  it('takes a role imported by one ARN, or one name, as one role outside the stack that functions given it share (IAM-001)', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const shared = iam.Role.fromRoleArn(this, 'Shared', 'arn:aws:iam::123456789012:role/orders');
    new lambda.Function(this, 'Api', { runtime: lambda.Runtime.NODEJS_22_X, role: shared });
    new lambda.Function(this, 'Worker', { runtime: lambda.Runtime.NODEJS_22_X, role: iam.Role.fromRoleArn(this, 'Again', 'arn:aws:iam::123456789012:role/orders') });
    new lambda.Function(this, 'Reports', { runtime: lambda.Runtime.NODEJS_22_X, role: iam.Role.fromRoleName(this, 'Named', 'reports') });
    new lambda.Function(this, 'Exports', { runtime: lambda.Runtime.NODEJS_22_X, role: iam.Role.fromRoleName(this, 'NamedAgain', 'reports') });
    new lambda.Function(this, 'Billing', { runtime: lambda.Runtime.NODEJS_22_X, role: iam.Role.fromRoleName(this, 'Other', 'billing') });
    // Imported from another stack by one export name: one role, as \`Fn::ImportValue: RoleArn\` in a template.
    new lambda.Function(this, 'Audit', { runtime: lambda.Runtime.NODEJS_22_X, role: iam.Role.fromRoleArn(this, 'Imported', cdk.Fn.importValue('RoleArn')) });
    new lambda.Function(this, 'Archive', { runtime: lambda.Runtime.NODEJS_22_X, role: iam.Role.fromRoleArn(this, 'ImportedAgain', cdk.Fn.importValue('RoleArn')) });
    // By a name not known statically: which role it names is not known.
    new lambda.Function(this, 'Ledger', { runtime: lambda.Runtime.NODEJS_22_X, role: iam.Role.fromRoleArn(this, 'ImportedByName', cdk.Fn.importValue(\`\${this.node.tryGetContext('env')}-RoleArn\`)) });
    new lambda.Function(this, 'Journal', { runtime: lambda.Runtime.NODEJS_22_X, role: iam.Role.fromRoleArn(this, 'ImportedByNameAgain', cdk.Fn.importValue(\`\${this.node.tryGetContext('env')}-RoleArn\`)) });
    new cdk.CfnOutput(this, 'RoleArn', { value: shared.roleArn });
  }
}
`;
    expect(findingsOf(stack, ['IAM-001'])).toEqual([
      'IAM-001 Api 17',
      'IAM-001 Worker 18',
      'IAM-001 Reports 19',
      'IAM-001 Exports 20',
      'IAM-001 Audit 23',
      'IAM-001 Archive 24',
    ]);
    // The ARN is written into each function's Role and the output, as cdk synth writes it.
    expect(graphOf(stack).get('Worker')!.properties.Role).toBe(
      'arn:aws:iam::123456789012:role/orders',
    );
    expect(findingsOf(stack, ['OPS-002'])).toEqual([
      'OPS-002 Api 17',
      'OPS-002 Worker 18',
      'OPS-002 Outputs.RoleArn 28',
    ]);
  });

  it('attaches what is added to a role imported by name to the policy CDK makes for it; by an ARN of an account, whether there is one is not known (IAM-002)', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const named = iam.Role.fromRoleName(this, 'Named', 'reports');
    named.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::reports/*'] }));
    const worker = new lambda.Function(this, 'Worker', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), role: named });
    worker.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    const byArn = iam.Role.fromRoleArn(this, 'ByArn', 'arn:aws:iam::123456789012:role/orders');
    byArn.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['*'] }));
    const frozen = iam.Role.fromRoleName(this, 'Frozen', 'billing', { mutable: false });
    frozen.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:*'], resources: ['*'] }));
  }
}
`;
    expect(findingsOf(stack, ['IAM-002'])).toEqual([
      'IAM-002 Named/Policy 17',
      'IAM-002 Named/Policy 19',
    ]);
    const graph = graphOf(stack);
    expect(graph.get('Named/Policy')!.properties.Roles).toEqual(['reports']);
    expect(
      getPath(graph.get('Named/Policy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toHaveLength(2);
    expect(
      getPath(graph.get('ByArn/Policy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([expect.any(Unknown)]);
    expect(graph.get('Frozen/Policy')).toBeUndefined();
  });

  it("reads the CfnCondition an L1's cfnOptions deploys it under: functions under a condition and its negation never share a role (IAM-001)", () => {
    const stack = (devCondition: string) => `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const env = new cdk.CfnParameter(this, 'Env', { allowedValues: ['prod', 'dev'] });
    const isProd = new cdk.CfnCondition(this, 'IsProd', { expression: cdk.Fn.conditionEquals(env.valueAsString, 'prod') });
    const isDev = new cdk.CfnCondition(this, 'IsDev', { expression: ${devCondition} });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const prod = new lambda.Function(this, 'Prod', { runtime: lambda.Runtime.NODEJS_20_X, role });
    (prod.node.defaultChild as lambda.CfnFunction).cfnOptions.condition = isProd;
    const dev = new lambda.CfnFunction(this, 'Dev', { role: role.roleArn, code: {} });
    dev.cfnOptions.condition = isDev;
    dev.cfnOptions.deletionPolicy = cdk.CfnDeletionPolicy.RETAIN;
  }
}
`;
    const exclusive = stack('cdk.Fn.conditionNot(isProd)');
    const graph = graphOf(exclusive);
    expect([
      graph.get('Prod')!.deployedIf,
      graph.get('Dev')!.deployedIf,
      graph.get('Role')!.deployedIf,
    ]).toEqual(['IsProd', 'IsDev', undefined]);
    expect(findingsOf(exclusive, ['IAM-001'])).toEqual([]);
    // Conditions that may both hold (prod in Ireland): the functions may share the role.
    expect(
      findingsOf(stack("cdk.Fn.conditionEquals(cdk.Aws.REGION, 'eu-west-1')"), [
        'IAM-001',
      ]),
    ).toEqual(['IAM-001 Prod 20', 'IAM-001 Dev 22']);
  });

  it("reads cdk.Aws's pseudo parameters as those they stand for: a role named after the account collides with a second copy of the stack (IAM-006)", () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new iam.Role(this, 'Role', { assumedBy: new iam.AccountPrincipal(cdk.Aws.ACCOUNT_ID), roleName: \`\${cdk.Aws.ACCOUNT_ID}-orders\` });
  }
}
`;
    const role = graphOf(stack).get('Role')!;
    expect(role.properties.RoleName).toEqual(
      new Template([Unknown.oneValue('AWS::AccountId'), '-orders']),
    );
    expect(
      getPath(role.properties, [
        'AssumeRolePolicyDocument',
        'Statement',
        0,
        'Principal',
        'AWS',
      ]),
    ).toEqual(
      new Template([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        ':iam::',
        Unknown.oneValue('AWS::AccountId'),
        ':root',
      ]),
    );
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/lib/stack.ts', text: stack },
    ];
    expect(
      scanFiles(files, selectRules(['IAM-006'])).findings.map(f => f.message),
    ).toEqual([
      'Role Role has an explicit roleName, so a second copy of the stack, in another region or environment of the account, collides with it.',
    ]);
  });

  it("reads a CfnCondition's expression as last set: one set again after its props may no longer be the negation they gave (IAM-001)", () => {
    const stack = (change: string) => `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const env = new cdk.CfnParameter(this, 'Env', { allowedValues: ['prod', 'dev'] });
    const isProd = new cdk.CfnCondition(this, 'IsProd', { expression: cdk.Fn.conditionEquals(env.valueAsString, 'prod') });
    const isDev = new cdk.CfnCondition(this, 'IsDev', { expression: cdk.Fn.conditionNot(isProd) });
    ${change}
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const prod = new lambda.CfnFunction(this, 'Prod', { role: role.roleArn, code: {} });
    prod.cfnOptions.condition = isProd;
    const dev = new lambda.CfnFunction(this, 'Dev', { role: role.roleArn, code: {} });
    dev.cfnOptions.condition = isDev;
  }
}
`;
    expect(
      findingsOf(
        stack(
          "isDev.expression = cdk.Fn.conditionEquals(cdk.Aws.REGION, 'eu-west-1');",
        ),
        ['IAM-001'],
      ),
    ).toEqual(['IAM-001 Prod 21', 'IAM-001 Dev 23']);
    // Set in code that may not run, the expression is not known: the conditions may both hold.
    expect(
      findingsOf(
        stack(
          "if (this.node.tryGetContext('eu')) isDev.expression = cdk.Fn.conditionEquals(cdk.Aws.REGION, 'eu-west-1');",
        ),
        ['IAM-001'],
      ),
    ).toEqual(['IAM-001 Prod 21', 'IAM-001 Dev 23']);
    // Set to the negation, it is one.
    expect(
      findingsOf(stack('isDev.expression = cdk.Fn.conditionNot(isProd);'), [
        'IAM-001',
      ]),
    ).toEqual([]);
  });

  it('decides as CloudFormation does which CfnConditions may hold together: over the values a CfnParameter may take, through Fn.conditionAnd/Or (IAM-001)', () => {
    const stack = (parameter: string, prod: string, dev: string) => `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const env = new cdk.CfnParameter(this, 'Env', ${parameter});
    const region = new cdk.CfnParameter(this, 'Region');
    const isProd = new cdk.CfnCondition(this, 'IsProd', { expression: ${prod} });
    const isDev = new cdk.CfnCondition(this, 'IsDev', { expression: ${dev} });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const prod = new lambda.CfnFunction(this, 'Prod', { role: role.roleArn, code: {} });
    prod.cfnOptions.condition = isProd;
    const dev = new lambda.CfnFunction(this, 'Dev', { role: role.roleArn, code: {} });
    dev.cfnOptions.condition = isDev;
  }
}
`;
    const equals = (value: string) =>
      `cdk.Fn.conditionEquals(env.valueAsString, '${value}')`;
    const shared = ['IAM-001 Prod 21', 'IAM-001 Dev 23'];
    // The one parameter equal to two texts: never both, whatever it may be.
    expect(
      findingsOf(stack('{}', equals('prod'), equals('dev')), ['IAM-001']),
    ).toEqual([]);
    expect(
      findingsOf(
        stack(
          "{ allowedValues: ['prod', 'dev'] }",
          equals('prod'),
          equals('dev'),
        ),
        ['IAM-001'],
      ),
    ).toEqual([]);
    // Combined: prod in Ireland, and dev or anywhere but Ireland.
    const inIreland =
      "cdk.Fn.conditionEquals(region.valueAsString, 'eu-west-1')";
    expect(
      findingsOf(
        stack(
          '{}',
          `cdk.Fn.conditionAnd(${equals('prod')}, ${inIreland})`,
          `cdk.Fn.conditionOr(${equals(
            'dev',
          )}, cdk.Fn.conditionNot(${inIreland}))`,
        ),
        ['IAM-001'],
      ),
    ).toEqual([]);
    // Prod, and dev or Ireland: prod in Ireland is both.
    expect(
      findingsOf(
        stack(
          '{}',
          equals('prod'),
          `cdk.Fn.conditionOr(${equals('dev')}, ${inIreland})`,
        ),
        ['IAM-001'],
      ),
    ).toEqual(shared);
    // Of the allowed values, 'test' makes both hold.
    expect(
      findingsOf(
        stack(
          "{ allowedValues: ['test', 'qa'] }",
          equals('test'),
          `cdk.Fn.conditionOr(${equals('qa')}, ${equals('test')})`,
        ),
        ['IAM-001'],
      ),
    ).toEqual(shared);
    // A literal compared with a literal: decided as written.
    expect(
      findingsOf(
        stack(
          '{}',
          "cdk.Fn.conditionEquals('a', 'a')",
          "cdk.Fn.conditionEquals('a', 'b')",
        ),
        ['IAM-001'],
      ),
    ).toEqual([]);
    // A parameter whose type or allowed values are not known statically may be anything: the conditions may both hold.
    expect(
      findingsOf(
        stack(
          "{ allowedValues: this.node.tryGetContext('envs') }",
          equals('prod'),
          equals('dev'),
        ),
        ['IAM-001'],
      ),
    ).toEqual(shared);
    // A list parameter's value is none of these texts: CloudFormation's evaluator does not try its values.
    expect(
      findingsOf(
        stack("{ type: 'CommaDelimitedList' }", equals('prod'), equals('dev')),
        ['IAM-001'],
      ),
    ).toEqual(shared);
  });

  it('gives two CfnParameters whose ids are not known statically two values (IAM-001 takes one parameter for one role)', () => {
    const stack = `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const shared = new cdk.CfnParameter(this, 'RoleArn');
    new lambda.CfnFunction(this, 'A', { role: shared.valueAsString, code: {} });
    new lambda.CfnFunction(this, 'B', { role: shared.valueAsString, code: {} });
    for (const name of [process.env.FIRST, process.env.SECOND]) {
      const role = new cdk.CfnParameter(this, name as string);
      new lambda.CfnFunction(this, \`\${name}Fn\`, { role: role.valueAsString, code: {} });
    }
  }
}
`;
    expect(findingsOf(stack, ['IAM-001'])).toEqual([
      'IAM-001 A 16',
      'IAM-001 B 17',
    ]);
  });

  it('takes a function made again under its path in a branch that may not run as one function for IAM-001', () => {
    const stack = (third: string) => `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: { prod?: boolean }) {
    super(scope, id);
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    if (process.env.PROD === 'true') new lambda.Function(this, 'Fn', { role, memorySize: 1024 });
    else new lambda.Function(this, 'Fn', { role, memorySize: 128 });
    ${third}
  }
}
`;
    const scan = (third: string) =>
      scanFiles(
        [
          { path: 'svc/cdk.json', text: CDK_JSON },
          { path: 'svc/bin/app.ts', text: APP },
          { path: 'svc/lib/stack.ts', text: stack(third) },
        ],
        selectRules(['IAM-001']),
      ).findings.map(finding => finding.resourceId);
    expect(scan('')).toEqual([]);
    expect(scan("new lambda.Function(this, 'Worker', { role });")).toEqual([
      'Fn',
      'Fn2',
      'Worker',
    ]);
  });

  it("reads a stack's account, region and name as CloudFormation's pseudo parameters", () => {
    const graph = graphOf(`${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Handler', { functionName: \`\${cdk.Stack.of(this).account}-orders\` });
    new iam.Role(this, 'Worker', { roleName: \`\${this.stackName}-\${this.region}-worker\`, assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  }
}
`);
    expect(graph.get('Handler')!.properties.FunctionName).toEqual(
      new Template([new Unknown('AWS::AccountId'), '-orders']),
    );
    expect(graph.get('Worker')!.properties.RoleName).toEqual(
      new Template([
        new Unknown('AWS::StackName'),
        '-',
        new Unknown('AWS::Region'),
        '-worker',
      ]),
    );
  });

  it('judges a policy the app reads from a JSON file of the scan, not one outside it or missing', () => {
    const stack = `${IMPORTS}
import * as fs from 'fs';
import * as path from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8'));
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new iam.Policy(this, 'Worker', { roles: [iam.Role.fromRoleName(this, 'Ops', 'ops')], document: iam.PolicyDocument.fromJson(read('../policies/worker.json')) });
    new iam.CfnPolicy(this, 'Cwd', {
      policyName: 'cwd',
      policyDocument: JSON.parse(fs.readFileSync(path.resolve('policies/worker.json'), 'utf8')),
    });
    new iam.Policy(this, 'Outside', { document: iam.PolicyDocument.fromJson(read('../../../worker.json')) });
    new iam.Policy(this, 'Missing', { document: iam.PolicyDocument.fromJson(read('../policies/missing.json')) });
  }
}
`;
    const wildcard = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const findings = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        { path: 'svc/bin/app.ts', text: APP },
        { path: 'svc/lib/stack.ts', text: stack },
      ],
      selectRules(['IAM-002', 'IAM-003']),
      // A reader that would read anything: what leaves the scanned root is not asked for.
      {
        readFile: file => (file.endsWith('worker.json') ? wildcard : undefined),
      },
    ).findings;
    expect(findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`)).toEqual([
      'IAM-002 Worker 19',
      'IAM-003 Worker 19',
      'IAM-002 Cwd 22',
      'IAM-003 Cwd 22',
    ]);
  });

  it('judges a policy the app reads as bytes made text, with fs/promises, or by a path made from __filename', async () => {
    const stack = `${IMPORTS}
import * as fs from 'fs';
import { readFile } from 'node:fs/promises';
import * as path from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
const here = path.dirname(__filename);
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, worker: iam.PolicyDocument) {
    super(scope, id);
    const roles = [new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') })];
    new iam.Policy(this, 'Bytes', { roles, document: iam.PolicyDocument.fromJson(JSON.parse(fs.readFileSync(path.join(here, '../policies/worker.json')).toString())) });
    new iam.Policy(this, 'Buffer', { roles, document: iam.PolicyDocument.fromJson(JSON.parse(fs.readFileSync('policies/worker.json') as any)) });
    new iam.Policy(this, 'Awaited', { roles, document: worker });
  }
}
export async function build(app: cdk.App) {
  const worker = iam.PolicyDocument.fromJson(JSON.parse(await fs.promises.readFile(path.join(__dirname, '../policies/worker.json'), 'utf8')));
  new OrdersStack(app, 'Orders', worker);
  const text = await readFile(path.resolve(path.dirname(__filename), '..', 'policies', 'worker.json'), { encoding: 'utf8' });
  const extra = new cdk.Stack(app, 'Extra');
  const roles = [new iam.Role(extra, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') })];
  new iam.Policy(extra, 'Promised', { roles, document: iam.PolicyDocument.fromJson(JSON.parse(text)) });
}
`;
    const wildcard = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const findings = scanFiles(
      [
        { path: 'svc/cdk.json', text: CDK_JSON },
        {
          path: 'svc/bin/app.ts',
          text: "import * as cdk from 'aws-cdk-lib';\nimport { build } from '../lib/stack';\nvoid build(new cdk.App());\n",
        },
        { path: 'svc/lib/stack.ts', text: stack },
      ],
      selectRules(['IAM-002']),
      {
        readFile: file => (file.endsWith('worker.json') ? wildcard : undefined),
      },
    ).findings;
    // cdk synth (aws-cdk-lib 2.278.0): Bytes, Buffer, Awaited and Promised allow Action "*".
    expect(findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`)).toEqual([
      'IAM-002 Bytes 21',
      'IAM-002 Buffer 22',
      'IAM-002 Awaited 23',
      'IAM-002 Promised 32',
    ]);
  });

  it('runs a callback over a collection not known statically once, as it runs a for-of loop over one', () => {
    const graph = graphOf(`${IMPORTS}
import settings from './settings.json';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    settings.tags.forEach((tag: { key: string; value: string }) => cdk.Tags.of(this).add(tag.key, tag.value));
    const queues = settings.queues.map((name: string) => new sqs.Queue(this, name));
    // Read as a property, \`map\` is a setting not known statically: either branch may run.
    if (settings.map.enabled) new sqs.Queue(this, 'Mapped');
    else new sqs.Queue(this, 'Unmapped');
    settings.topics['forEach']((name: string) => new sns.Topic(this, name));
  }
}
`);
    // The tags may well be added: no resource is said to have none.
    expect([...graph.resources].every(resource => resource.defaultTags)).toBe(
      true,
    );
    expect([...graph.resources].map(resource => resource.type)).toEqual([
      'AWS::SQS::Queue',
      'AWS::SQS::Queue',
      'AWS::SQS::Queue',
      'AWS::SNS::Topic',
    ]);
    expect(graph.get('Mapped')).toBeDefined();
    expect(graph.get('Unmapped')).toBeDefined();
  });

  it('no longer knows the permissions of a role handed to something it does not model', () => {
    const graph = graphOf(`${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new opensearch.Domain(this, 'Search', { version: opensearch.EngineVersion.OPENSEARCH_2_11 }).grantRead(role);
  }
}
`);
    expect(
      getPath(graph.get('Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([new Unknown('permissions granted by a construct not modelled')]);
  });

  it("reads a function's settings made through its L1 (node.defaultChild, findChild('Resource')): overrides and assignments", () => {
    const stack = `${IMPORTS}
import * as logs from 'aws-cdk-lib/aws-logs';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14), encryption: sqs.QueueEncryption.SQS_MANAGED });
    const group = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    const fn = new lambda.Function(this, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    const cfnFn = fn.node.defaultChild as lambda.CfnFunction;
    cfnFn.addPropertyOverride('LoggingConfig.LogGroup', group.logGroupName);
    cfnFn.addPropertyOverride('DeadLetterConfig', { TargetArn: dlq.queueArn });
    (fn.node.findChild('Resource') as lambda.CfnFunction).addOverride('Properties.TracingConfig.Mode', 'Active');
    const raw = new lambda.CfnFunction(this, 'Raw', { role: fn.role!.roleArn, code: { zipFile: 'pass' }, runtime: 'nodejs20.x' });
    raw.deadLetterConfig = { targetArn: dlq.queueArn };
    raw.loggingConfig = { logGroup: group.logGroupName };
    raw.tracingConfig = { mode: 'Active' };
  }
}
`;
    const graph = graphOf(stack);
    expect(graph.get('Handler')!.properties).toMatchObject({
      LoggingConfig: { LogGroup: new Ref('Logs') },
      DeadLetterConfig: { TargetArn: new Ref('Dlq', 'Arn') },
      TracingConfig: { Mode: 'Active' },
    });
    expect(graph.get('Raw')!.properties).toMatchObject({
      DeadLetterConfig: { TargetArn: new Ref('Dlq', 'Arn') },
      LoggingConfig: { LogGroup: new Ref('Logs') },
      TracingConfig: { Mode: 'Active' },
    });
    // Set on the L1, they grant nothing: CDK adds the role's permissions only for its L2 props.
    expect(
      findingsOf(stack, [
        'DLQ-001',
        'LOG-001',
        'LOG-003',
        'DLQ-004',
        'IAM-005',
      ]),
    ).toEqual([
      'DLQ-004 Handler 21',
      'IAM-005 Handler 22',
      'DLQ-004 Raw 24',
      'IAM-005 Raw 26',
    ]);
  });

  it('reads an encryption setting a queue and a table get or lose through their L1', () => {
    const stack = `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const plain = new sqs.Queue(this, 'Plain', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    (plain.node.defaultChild as sqs.CfnQueue).sqsManagedSseEnabled = false;
    const unkeyed = new sqs.Queue(this, 'Unkeyed', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    (unkeyed.node.defaultChild as sqs.CfnQueue).addPropertyDeletionOverride('KmsMasterKeyId');
    const keyed = new sqs.Queue(this, 'Keyed');
    const cfnKeyed = keyed.node.defaultChild as sqs.CfnQueue;
    cfnKeyed.kmsMasterKeyId = 'alias/orders';
    const managed = new sqs.Queue(this, 'Managed');
    (managed.node.defaultChild as cdk.CfnResource).addOverride('Properties.SqsManagedSseEnabled', true);
    const table = new dynamodb.Table(this, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, pointInTimeRecovery: true });
    (table.node.defaultChild as dynamodb.CfnTable).sseSpecification = { sseEnabled: true };
    const undone = new dynamodb.Table(this, 'Undone', { encryption: dynamodb.TableEncryption.AWS_MANAGED, pointInTimeRecovery: true });
    (undone.node.defaultChild as dynamodb.CfnTable).addPropertyOverride('SSESpecification.SSEEnabled', false);
    new dynamodb.CfnTable(this, 'Raw', { keySchema: [], sseSpecification: { sseEnabled: true }, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true } });
  }
}
`;
    const graph = graphOf(stack);
    expect(graph.get('Keyed')!.properties.KmsMasterKeyId).toBe('alias/orders');
    expect(graph.get('Table')!.properties.SSESpecification).toEqual({
      SSEEnabled: true,
    });
    expect(graph.get('Raw')!.properties.SSESpecification).toEqual({
      SSEEnabled: true,
    });
    expect(findingsOf(stack, ['ENC-003', 'ENC-005'])).toEqual([
      'ENC-003 Plain 16',
      'ENC-003 Unkeyed 17',
      'ENC-005 Undone 27',
    ]);
  });

  it('applies overrides as CDK merges them at synthesis: into objects and lists, after the L2 changes, with intrinsics and values not known', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: { dlqArn: string; path: string }) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X, environment: { A: 'a' } });
    const cfnFn = fn.node.defaultChild as lambda.CfnFunction;
    cfnFn.addPropertyOverride('Environment.Variables.B', 'b');
    fn.addEnvironment('C', 'c');
    cfnFn.addPropertyOverride('Environment.Variables.C', 'overridden');
    cfnFn.addPropertyOverride('DeadLetterConfig.TargetArn', props.dlqArn);
    cfnFn.addOverride('DeletionPolicy', 'Retain');
    cfnFn.addPropertyOverride('LoggingConfig', { LogGroup: { Ref: 'HandlerLogs1234ABCD' } });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::orders/*'] }));
    (role.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy).addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
    const queue = new sqs.Queue(this, 'Queue', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    (queue.node.defaultChild as sqs.CfnQueue).addPropertyOverride(props.path, false);
    const maybe = new sqs.Queue(this, 'Maybe', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    if (process.env.PLAIN) (maybe.node.defaultChild as sqs.CfnQueue).sqsManagedSseEnabled = false;
  }
}
`;
    const graph = graphOf(stack);
    const fn = graph.get('Handler')!.properties;
    expect(fn.Environment).toEqual({
      Variables: { A: 'a', B: 'b', C: 'overridden' },
    });
    expect(fn.DeadLetterConfig).toEqual({ TargetArn: expect.any(Unknown) });
    expect(fn.LoggingConfig).toEqual({ LogGroup: expect.any(Unknown) });
    expect(lineOfPath(fn, ['Environment', 'Variables', 'B'], 0)).toBe(18);
    expect(
      getPath(graph.get('Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
        0,
      ]),
    ).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: '*',
    });
    // An override at a path not known statically may set anything: the queue is left out, as one made with props not known.
    expect(graph.get('Queue')).toBeUndefined();
    expect(graph.hasUnknownOfType('AWS::SQS::Queue')).toBe(true);
    // Set in code that may not run: not known.
    expect(graph.get('Maybe')!.properties.SqsManagedSseEnabled).toBeInstanceOf(
      Unknown,
    );
    expect(
      findingsOf(stack, ['DLQ-001', 'LOG-001', 'IAM-003', 'ENC-003']),
    ).toEqual(['IAM-003 Role/DefaultPolicy 26']);
  });

  it('judges a statement built with its methods as CDK synthesizes it, also when they are called after it was added', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X });
    const everything = new iam.PolicyStatement();
    everything.addActions('s3:GetObject');
    everything.addAllResources();
    fn.addToRolePolicy(everything);
    const late = new iam.PolicyStatement({ actions: ['dynamodb:GetItem'] });
    fn.addToRolePolicy(late);
    late.addAllResources();
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    const forLogs = new iam.PolicyStatement({ actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'] });
    forLogs.addServicePrincipal('logs.amazonaws.com');
    forLogs.addAllResources();
    key.addToResourcePolicy(forLogs);
    new logs.LogGroup(this, 'Logs', { encryptionKey: key });
    const bucket = new s3.Bucket(this, 'Bucket');
    const insecure = new iam.PolicyStatement({ actions: ['s3:*'], resources: [bucket.bucketArn] });
    insecure.addAnyPrincipal();
    insecure.addCondition('Bool', { 'aws:SecureTransport': 'false' });
    bucket.addToResourcePolicy(insecure);
    insecure.effect = iam.Effect.DENY;
  }
}
`;
    const graph = graphOf(stack);
    expect(
      getPath(graph.get('Handler/ServiceRole/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] },
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: ['*'] },
    ]);
    expect(
      getPath(graph.get('Bucket/Policy')!.properties, [
        'PolicyDocument',
        'Statement',
        0,
      ]),
    ).toEqual({
      Effect: 'Deny',
      Action: ['s3:*'],
      Resource: [new Ref('Bucket', 'Arn')],
      Principal: { AWS: ['*'] },
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(findingsOf(stack, ['IAM-003', 'ENC-002', 'ENC-006'])).toEqual([
      'IAM-003 Handler/ServiceRole/DefaultPolicy 23',
      'IAM-003 Handler/ServiceRole/DefaultPolicy 25',
    ]);
  });

  it("writes a statement's notPrincipals (props, addNotPrincipals, fromJson) as its NotPrincipal and its sid as its Sid, as CDK synthesizes them", () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const bucket = new s3.Bucket(this, 'Bucket');
    const admin = new iam.Role(this, 'Admin', { assumedBy: new iam.AccountRootPrincipal() });
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'OnlyAdminDeletes',
      effect: iam.Effect.DENY,
      notPrincipals: [new iam.ArnPrincipal(admin.roleArn)],
      actions: ['s3:DeleteObject'],
      resources: [bucket.arnForObjects('*')],
    }));
    const guard = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:PutBucketPolicy'], resources: [bucket.bucketArn] });
    guard.addNotPrincipals(new iam.ArnPrincipal('arn:aws:iam::111122223333:role/Deployer'));
    guard.sid = 'OnlyDeployerChangesPolicy';
    bucket.addToResourcePolicy(guard);
    bucket.addToResourcePolicy(iam.PolicyStatement.fromJson({
      Sid: 'Json', Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: '*',
    }));
  }
}
`;
    const graph = graphOf(stack);
    expect(
      getPath(graph.get('Bucket/Policy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([
      {
        Effect: 'Deny',
        Action: ['s3:DeleteObject'],
        Resource: [expect.any(Unknown)],
        NotPrincipal: { AWS: [new Ref('Admin', 'Arn')] },
        Sid: 'OnlyAdminDeletes',
      },
      {
        Effect: 'Deny',
        Action: ['s3:PutBucketPolicy'],
        Resource: [new Ref('Bucket', 'Arn')],
        NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/Deployer'] },
        Sid: 'OnlyDeployerChangesPolicy',
      },
      {
        Effect: 'Deny',
        Action: 's3:*',
        Resource: '*',
        NotPrincipal: { AWS: ['arn:aws:iam::111122223333:root'] },
        Sid: 'Json',
      },
    ]);
    // Known, the statements are judged: none denies insecure transport; the accounts they name are principals', as in a template.
    expect(findingsOf(stack, ['ENC-006', 'OPS-002'])).toEqual([
      'ENC-006 Bucket 17',
    ]);
  });

  it('no longer knows a statement whose principals or conditions are not known, nor one changed in code that may not run', () => {
    const stack = `${IMPORTS}
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: { principal: iam.IPrincipal }) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Handler', { runtime: lambda.Runtime.NODEJS_20_X });
    const statement = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] });
    statement.addNotPrincipals(props.principal);
    fn.addToRolePolicy(statement);
    const bucket = new s3.Bucket(this, 'Bucket');
    const deny = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'] });
    deny.addPrincipals(props.principal);
    bucket.addToResourcePolicy(deny);
    const fromAccount = new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:*'], resources: ['*'] });
    fromAccount.addAwsAccountPrincipal('111122223333');
    fromAccount.addSourceAccountCondition(cdk.Stack.of(this).account);
    bucket.addToResourcePolicy(fromAccount);
    const maybe = new iam.PolicyStatement({ actions: ['s3:GetObject'] });
    if (process.env.WIDE) maybe.addAllResources();
    fn.addToRolePolicy(maybe);
  }
}
`;
    const graph = graphOf(stack);
    expect(
      getPath(graph.get('Handler/ServiceRole/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([new Unknown('principal'), new Unknown('policy statement')]);
    const [deny, fromAccount] = getPath(
      graph.get('Bucket/Policy')!.properties,
      ['PolicyDocument', 'Statement'],
    ) as any[];
    expect(deny).toEqual(expect.any(Unknown));
    expect(fromAccount).toEqual({
      Effect: 'Deny',
      Action: ['s3:*'],
      Resource: ['*'],
      Principal: {
        AWS: [
          new Template([
            'arn:',
            Unknown.oneValue('AWS::Partition'),
            ':iam::111122223333:root',
          ]),
        ],
      },
      Condition: {
        StringEquals: { 'aws:SourceAccount': new Unknown('AWS::AccountId') },
      },
    });
  });

  it('finds the entry point among the words of the app command, quoted or not, and a long word that is none quickly', () => {
    const stack = `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs');
  }
}
`;
    const appFiles = (app: string) => [
      { path: 'svc/cdk.json', text: JSON.stringify({ app }) },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/lib/stack.ts', text: stack },
    ];
    expect(
      cdkAdapter
        .load(appFiles('node "bin/app.ts"'))
        .graphs.map(graph => graph.file),
    ).toEqual(['svc/bin/app.ts']);
    expect(
      cdkAdapter
        .load(appFiles('npx ts-node --prefer-ts-exts bin/app.ts'))
        .graphs.map(graph => graph.file),
    ).toEqual(['svc/bin/app.ts']);
    // Searched for inside the command, this took seconds (quadratic in the word's length).
    expect(
      cdkAdapter.load(appFiles(`npx ${'x'.repeat(200_000)}`)).graphs,
    ).toEqual([]);
  });

  it('says why it passed over an app in another language, and one whose entry point is not scanned', () => {
    const python = cdkAdapter.load([
      { path: 'svc/cdk.json', text: JSON.stringify({ app: 'python3 app.py' }) },
      { path: 'svc/app.py', text: 'import aws_cdk' },
    ]);
    expect(python.graphs).toEqual([]);
    expect(python.skipped).toEqual([
      {
        path: 'svc/cdk.json',
        reason:
          'the CDK app runs `python3 app.py`, which names no TypeScript or JavaScript entry point: only TypeScript and JavaScript apps are read',
      },
    ]);
    const missing = cdkAdapter.load([{ path: 'svc/cdk.json', text: CDK_JSON }]);
    expect(missing.skipped).toEqual([
      {
        path: 'svc/cdk.json',
        reason: expect.stringContaining('is not among the scanned files'),
      },
    ]);
    // A cdk.json with only context names no app: nothing to say.
    expect(
      cdkAdapter.load([{ path: 'svc/cdk.json', text: '{ "context": {} }' }])
        .skipped,
    ).toEqual([]);
  });

  it('names the resources of synthesized templates by construct path, and prefers them to the sources', () => {
    const template = JSON.stringify(
      {
        Resources: {
          Dlq1A2B3C: {
            Type: 'AWS::SQS::Queue',
            Metadata: { 'aws:cdk:path': 'Orders/Dlq/Resource' },
          },
          Handler9F8E7D: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              DeadLetterConfig: {
                TargetArn: { 'Fn::GetAtt': ['Dlq1A2B3C', 'Arn'] },
              },
            },
            Metadata: { 'aws:cdk:path': 'Orders/Handler/Resource' },
          },
        },
      },
      null,
      2,
    );
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/cdk.out/Orders.template.json', text: template },
    ];
    expect(files.every(file => cdkAdapter.accepts(file))).toBe(true);
    const result = cdkAdapter.load(files);
    expect(result.files).toEqual([
      { path: 'svc/cdk.out/Orders.template.json', format: 'cdk', resources: 2 },
    ]);
    const graph = result.graphs[0];
    expect(graph.format).toBe('cdk');
    expect(
      getPath(graph.get('Handler')!.properties, [
        'DeadLetterConfig',
        'TargetArn',
      ]),
    ).toEqual(new Ref('Dlq', 'Arn'));
    expect(graph.get('Handler')!.line).toBe(9);
    expect(graph.referencesTo(graph.get('Dlq')!)).toHaveLength(1);
  });

  it("names the resources of a stage's stack and of its nested stack by their paths below their stack, as the sources name them (logical ids of cdk synth, aws-cdk-lib 2.278.0)", () => {
    const resource = (type: string, path: string, properties = {}) => ({
      Type: type,
      Properties: properties,
      Metadata: { 'aws:cdk:path': path },
    });
    const stack = JSON.stringify({
      Resources: {
        QueuesNestedStackQueuesNestedStackResource6C8EF01A: resource(
          'AWS::CloudFormation::Stack',
          'Prod/App/Queues.NestedStack/Queues.NestedStackResource',
        ),
        ApiF70053CD: resource('AWS::Lambda::Function', 'Prod/App/Api/Resource'),
        // An id overridden (overrideLogicalId) is not CDK's: the stack's path is read from the others.
        Legacy: resource('AWS::SQS::Queue', 'Prod/App/Legacy/Resource'),
      },
    });
    const nested = JSON.stringify({
      Resources: {
        DlqD1FAA4AD: resource(
          'AWS::SQS::Queue',
          'Prod/App/Queues/Dlq/Resource',
        ),
        JobsDF1CC2D4: resource(
          'AWS::SQS::Queue',
          'Prod/App/Queues/Jobs/Resource',
          {
            RedrivePolicy: {
              deadLetterTargetArn: { 'Fn::GetAtt': ['DlqD1FAA4AD', 'Arn'] },
            },
          },
        ),
      },
    });
    const result = cdkAdapter.load([
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      {
        path: 'svc/cdk.out/assembly-Prod/ProdAppB2A2DCC5.template.json',
        text: stack,
      },
      {
        path: 'svc/cdk.out/assembly-Prod/ProdAppQueues9A322032.nested.template.json',
        text: nested,
      },
    ]);
    expect(
      result.graphs.map(graph => [...graph.resources].map(r => r.id)),
    ).toEqual([
      ['Queues.NestedStack/Queues.NestedStackResource', 'Api', 'Legacy'],
      ['Dlq', 'Jobs'],
    ]);
    expect(
      getPath(result.graphs[1].get('Jobs')!.properties, [
        'RedrivePolicy',
        'deadLetterTargetArn',
      ]),
    ).toEqual(new Ref('Dlq', 'Arn'));
  });

  it('reads the path of a nested stack from logical ids CDK shortened: a part the one before it ends with is left out (OrdersQueue/Queue: OrdersQueue929135A0, cdk synth, aws-cdk-lib 2.278.0)', () => {
    const nested = JSON.stringify({
      Resources: {
        OrdersQueue929135A0: {
          Type: 'AWS::SQS::Queue',
          Metadata: {
            'aws:cdk:path': 'Dupes/Inner/OrdersQueue/Queue/Resource',
          },
        },
      },
    });
    const result = cdkAdapter.load([
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      {
        path: 'svc/cdk.out/DupesInnerDC646468.nested.template.json',
        text: nested,
      },
    ]);
    expect([...result.graphs[0].resources].map(r => r.id)).toEqual([
      'OrdersQueue/Queue',
    ]);
  });

  it("reads a stack's path from the logical ids CDK made, not from one overridden to the construct's id (Legacy of Ovr/Svc/Legacy, cdk synth, aws-cdk-lib 2.278.0)", () => {
    const template = JSON.stringify({
      Resources: {
        Legacy: {
          Type: 'AWS::SQS::Queue',
          Metadata: { 'aws:cdk:path': 'Ovr/Svc/Legacy' },
        },
        SvcJobsC7F3292D: {
          Type: 'AWS::SQS::Queue',
          Metadata: { 'aws:cdk:path': 'Ovr/Svc/Jobs/Resource' },
        },
      },
    });
    const result = cdkAdapter.load([
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/cdk.out/Ovr.template.json', text: template },
    ]);
    expect([...result.graphs[0].resources].map(r => r.id)).toEqual([
      'Svc/Legacy',
      'Svc/Jobs',
    ]);
  });

  it("reads a synthesized function's logRetention (Custom::LogRetention) as the log group it sets the retention of, as the sources' reading has it (LOG-001, LOG-002, ENC-001)", () => {
    const fn = (path: string) => ({
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'index.handler', Runtime: 'python3.12' },
      Metadata: { 'aws:cdk:path': path },
    });
    const retention = (fnId: string, path: string, days?: number) => ({
      Type: 'Custom::LogRetention',
      Properties: {
        ServiceToken: {
          'Fn::GetAtt': [
            'LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A',
            'Arn',
          ],
        },
        LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: fnId }]] },
        ...(days && { RetentionInDays: days }),
      },
      Metadata: { 'aws:cdk:path': path },
    });
    const template = JSON.stringify({
      Resources: {
        NightlyReportFE59B3CD: fn('Events/NightlyReport/Resource'),
        NightlyReportLogRetentionD3BCA322: retention(
          'NightlyReportFE59B3CD',
          'Events/NightlyReport/LogRetention/Resource',
          14,
        ),
        // RetentionDays.INFINITE: none.
        Forever: fn('Events/Forever/Resource'),
        ForeverLogRetention: retention(
          'Forever',
          'Events/Forever/LogRetention/Resource',
        ),
      },
    });
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      { path: 'svc/cdk.out/Events.template.json', text: template },
    ];
    expect(
      scanFiles(
        files,
        selectRules(['LOG-001', 'LOG-002', 'ENC-001']),
      ).findings.map(f => `${f.ruleId} ${f.resourceId}: ${f.message}`),
    ).toEqual([
      'ENC-001 NightlyReport: The log group of function NightlyReport that its logRetention sets up has no KMS key, so its logs are not encrypted with a KMS key the team controls, and cannot be given one: give NightlyReport a log group of its own, created with a key.',
      'ENC-001 Forever: The log group of function Forever that its logRetention sets up has no KMS key, so its logs are not encrypted with a KMS key the team controls, and cannot be given one: give Forever a log group of its own, created with a key.',
      'LOG-002 Forever: The log group of function Forever that its logRetention sets up has no retention, so its logs are kept forever.',
    ]);
  });

  it("reads the tags of a synthesized template's stack from the cloud assembly's manifest, where synth writes them: CloudFormation tags the stack's resources, and its nested stacks' (OPS-003)", () => {
    const resource = (type: string, path: string) => ({
      Type: type,
      Metadata: { 'aws:cdk:path': path },
    });
    const template = (resources: Record<string, unknown>) =>
      JSON.stringify({ Resources: resources });
    const stack = (
      templateFile: string,
      displayName: string,
      tags?: object,
    ) => ({
      type: 'aws:cloudformation:stack',
      properties: { templateFile, ...(tags && { tags }) },
      displayName,
    });
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      {
        path: 'svc/cdk.out/assembly-Prod/manifest.json',
        text: JSON.stringify({
          artifacts: {
            ProdAppB2A2DCC5: stack(
              'ProdAppB2A2DCC5.template.json',
              'Prod/App',
              {
                stage: 'Prod',
              },
            ),
            ProdToolsC8B3E6F0: stack(
              'ProdToolsC8B3E6F0.template.json',
              'Prod/Tools',
            ),
          },
        }),
      },
      {
        path: 'svc/cdk.out/assembly-Prod/ProdAppB2A2DCC5.template.json',
        text: template({
          ApiF70053CD: resource(
            'AWS::Lambda::Function',
            'Prod/App/Api/Resource',
          ),
        }),
      },
      {
        path: 'svc/cdk.out/assembly-Prod/ProdAppQueues9A322032.nested.template.json',
        text: template({
          DlqD1FAA4AD: resource(
            'AWS::SQS::Queue',
            'Prod/App/Queues/Dlq/Resource',
          ),
        }),
      },
      {
        path: 'svc/cdk.out/assembly-Prod/ProdToolsC8B3E6F0.template.json',
        text: template({
          JobsDF1CC2D4: resource('AWS::SQS::Queue', 'Prod/Tools/Jobs/Resource'),
        }),
      },
    ];
    expect(
      scanFiles(files, selectRules(['OPS-003'])).findings.map(
        f => `${f.resourceId} ${f.file}`,
      ),
    ).toEqual([
      'Jobs svc/cdk.out/assembly-Prod/ProdToolsC8B3E6F0.template.json',
    ]);
  });

  it("reports a cloud assembly manifest that cannot be parsed (PARSE-001), once, and reads its stacks' templates all the same, as stacks without tags of their own (OPS-003)", () => {
    const template = (path: string) =>
      JSON.stringify({
        Resources: {
          Queue4A7E3555: {
            Type: 'AWS::SQS::Queue',
            Metadata: { 'aws:cdk:path': path },
          },
        },
      });
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/bin/app.ts', text: APP },
      {
        path: 'svc/cdk.out/manifest.json',
        // Cut short, as a synth that was stopped leaves it.
        text: '{\n  "version": "48.0.0",\n  "artifacts": {\n    "App": {\n      "type": "aws:cloudformation:stack",\n',
      },
      {
        path: 'svc/cdk.out/App.template.json',
        text: template('App/Queue/Resource'),
      },
      {
        path: 'svc/cdk.out/Tools.template.json',
        text: template('Tools/Queue/Resource'),
      },
    ];
    expect(
      scanFiles(files, selectRules(['OPS-003', 'PARSE-001'])).findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`,
      ),
    ).toEqual([
      'OPS-003 Queue svc/cdk.out/App.template.json:1',
      'OPS-003 Queue svc/cdk.out/Tools.template.json:1',
      'PARSE-001  svc/cdk.out/manifest.json:5',
    ]);
  });

  it('reads an empty stack of the cloud assembly (no Resources, only the bootstrap check) as a stack with nothing in it', () => {
    const empty = JSON.stringify({
      Parameters: {
        BootstrapVersion: {
          Type: 'AWS::SSM::Parameter::Value<String>',
          Default: '/cdk-bootstrap/hnb659fds/version',
        },
      },
      Rules: {
        CheckBootstrapVersion: {
          Assertions: [
            {
              Assert: {
                'Fn::Not': [
                  { 'Fn::Contains': [['1', '2'], { Ref: 'BootstrapVersion' }] },
                ],
              },
            },
          ],
        },
      },
    });
    const result = cdkAdapter.load([
      { path: 'svc/cdk.json', text: CDK_JSON },
      { path: 'svc/cdk.out/Empty.template.json', text: empty },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.files).toEqual([
      { path: 'svc/cdk.out/Empty.template.json', format: 'cdk', resources: 0 },
    ]);
    // A plain template without Resources is still an error: CloudFormation refuses it.
    expect(
      cloudFormationAdapter.load([{ path: 'empty.json', text: empty }]).errors,
    ).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('no Resources section'),
      }),
    ]);
  });

  it('says why it passed over a file of the cloud assembly that is no template', () => {
    const files = [
      { path: 'svc/cdk.json', text: CDK_JSON },
      {
        path: 'svc/cdk.out/Orders.template.json',
        text: '{ "notes": { "Type": "AWS::SQS::Queue" } }',
      },
    ];
    const result = cdkAdapter.load(files);
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual([
      {
        path: 'svc/cdk.out/Orders.template.json',
        reason: expect.stringContaining('not a CloudFormation template'),
      },
    ]);
  });

  it("takes a construct's attribute as set in a condition (IAM-004); a context value, or a table's stream ARN which a table without a stream has not, as not known", () => {
    const stack = `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const table = new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    this.worker('Audit', table.tableName);
    this.worker('Configured', this.node.tryGetContext('tableName'));
    this.worker('Streamed', table.tableStreamArn && table.tableName);
    this.worker('Named', table.tableName === undefined ? undefined : \`\${table.tableName}\`);
  }
  private worker(id: string, tableName?: string) {
    return new lambda.Function(this, id, {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'),
      environment: tableName ? { TABLE: tableName } : undefined,
    });
  }
}
`;
    expect(findingsOf(stack, ['IAM-004'])).toEqual([
      'IAM-004 Audit 24',
      'IAM-004 Named 24',
    ]);
  });

  it("takes an L1 construct's property, and what a construct has only when configured so, as maybe undefined in a condition (ENC-004, LOG-004)", () => {
    const stack = `${IMPORTS}
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const topic = new sns.CfnTopic(this, 'Events', {});
    if (!topic.kmsMasterKeyId) topic.kmsMasterKeyId = 'alias/aws/sns';
    const http = new apigwv2.HttpApi(this, 'Http', { createDefaultStage: false });
    if (!http.defaultStage) new apigwv2.HttpStage(this, 'Prod', { httpApi: http, stageName: 'prod' });
  }
}
`;
    expect(findingsOf(stack, ['ENC-004', 'LOG-004'])).toEqual([
      'LOG-004 Prod 19',
    ]);
  });

  it('loads in steps, pausing after each synthesized template and each app read from source', () => {
    const files = [
      { path: 'orders/cdk.json', text: CDK_JSON },
      { path: 'orders/bin/app.ts', text: APP },
      {
        path: 'orders/cdk.out/Orders.template.json',
        text: '{ "Resources": { "Dlq1A2B3C": { "Type": "AWS::SQS::Queue" } } }',
      },
      { path: 'billing/cdk.json', text: CDK_JSON },
      { path: 'billing/bin/app.ts', text: APP },
      {
        path: 'billing/lib/stack.ts',
        text: `${IMPORTS}
export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Invoices');
  }
}
`,
      },
    ];
    const steps = cdkAdapter.loadInSteps!(files);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    expect(pauses).toBe(2);
    expect(step.value.graphs.map(graph => graph.file)).toEqual([
      'orders/cdk.out/Orders.template.json',
      'billing/bin/app.ts',
    ]);
    expect(step.value).toEqual(cdkAdapter.load(files));
  });
});
