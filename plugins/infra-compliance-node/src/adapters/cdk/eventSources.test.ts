/**
 * Event sources of CDK functions: the mappings through which Lambda polls
 * queues and streams, and what CDK grants the function's role to read them;
 * the services that invoke the function (S3 notifications, an API), as
 * IAM-004, IAM-008 and DLQ-001 see them.
 */
import { triggersOf } from '../../analysis/lambda';
import { Ref, Template, Unknown, getPath } from '../../graph/values';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph,
  scanCdkStack,
} from '../../testing/programScans';
import { cdkAdapter } from '.';

/** The imports of `lib/stack.ts`; `props` are a function's props, `table` a table's with a stream. */
const PREAMBLE = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as s3 from 'aws-cdk-lib/aws-s3'; import * as apigateway from 'aws-cdk-lib/aws-apigateway'; import * as sns from 'aws-cdk-lib/aws-sns'; import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ApiEventSource, DynamoEventSource, KinesisConsumerEventSource, KinesisEventSource, ManagedKafkaEventSource, S3EventSource, S3EventSourceV2, S3OnFailureDestination, SelfManagedKafkaEventSource, SnsDlq, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };
const table = { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE };`;

/** `lib/stack.ts` with `body` in the stack's constructor, from line 14. */
const stack = (body: string) => cdkStackSource(PREAMBLE, body);

/** The statements of the default policy of a role of the stack. */
function statementsOf(text: string, role: string): unknown[] {
  const graph = cdkStackGraph(text);
  return (
    graph.get(`${role}/DefaultPolicy`)!.properties.PolicyDocument as {
      Statement: unknown[];
    }
  ).Statement;
}

const STREAM_READ = [
  'kinesis:DescribeStreamSummary',
  'kinesis:GetRecords',
  'kinesis:GetShardIterator',
  'kinesis:ListShards',
  'kinesis:SubscribeToShard',
  'kinesis:DescribeStream',
  'kinesis:ListStreams',
  'kinesis:DescribeStreamConsumer',
];
const LIST_STREAMS = {
  Effect: 'Allow',
  Action: 'dynamodb:ListStreams',
  Resource: '*',
};
const READ_TABLE_STREAM = (table: string) => ({
  Effect: 'Allow',
  Action: [
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
  ],
  Resource: new Ref(table, 'StreamArn'),
});

describe('CDK event sources', () => {
  it("grant the function what KinesisEventSource and DynamoEventSource grant it to read them, as the stream's and the table's grants do", () => {
    const text =
      stack(`    const clicks = new kinesis.Stream(this, 'Clicks', { encryption: kinesis.StreamEncryption.KMS });
    const streamReader = new lambda.Function(this, 'StreamReader', props);
    streamReader.addEventSource(new KinesisEventSource(clicks, { startingPosition: lambda.StartingPosition.LATEST }));
    const orders = new dynamodb.Table(this, 'Orders', table);
    new lambda.Function(this, 'TableReader', { ...props, events: [new DynamoEventSource(orders, { startingPosition: lambda.StartingPosition.LATEST })] });
    const imported = kinesis.Stream.fromStreamArn(this, 'Imported', process.env.STREAM_ARN!);
    const importedReader = new lambda.Function(this, 'ImportedReader', props);
    importedReader.addEventSource(new KinesisEventSource(imported, { startingPosition: lambda.StartingPosition.LATEST }));`);
    expect(statementsOf(text, 'StreamReader/ServiceRole')).toEqual([
      {
        Effect: 'Allow',
        Action: STREAM_READ,
        Resource: new Ref('Clicks', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: new Ref('Clicks/Key', 'Arn'),
      },
    ]);
    expect(statementsOf(text, 'TableReader/ServiceRole')).toEqual([
      LIST_STREAMS,
      READ_TABLE_STREAM('Orders'),
    ]);
    // A stream not known statically is granted all the same, on what is not known.
    expect(statementsOf(text, 'ImportedReader/ServiceRole')).toEqual([
      expect.objectContaining({
        reason: 'grantRead of an event source not known statically',
      }),
    ]);
    // Polled, so none of them is invoked asynchronously; dynamodb:ListStreams works only on `*`.
    expect(findings(text, ['DLQ-001', 'IAM-002', 'IAM-003'])).toEqual([]);
  });

  it("write a stream source's options on its mapping, as synth does, granting the function what its on-failure destination needs: a queue there is a dead-letter queue (DLQ-003, ALM-002)", () => {
    const text =
      stack(`    const orders = new dynamodb.Table(this, 'Orders', table);
    const failed = new sqs.Queue(this, 'Failed');
    const reader = new lambda.Function(this, 'Reader', props);
    reader.addEventSource(new DynamoEventSource(orders, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON, onFailure: new SqsDlq(failed), batchSize: 50, bisectBatchOnError: true, retryAttempts: 3,
      maxRecordAge: cdk.Duration.hours(1), reportBatchItemFailures: true, maxBatchingWindow: cdk.Duration.seconds(5), parallelizationFactor: 2,
      tumblingWindow: cdk.Duration.seconds(30), enabled: false,
    }));
    const clicks = new kinesis.Stream(this, 'Clicks');
    const alerts = new sns.Topic(this, 'Alerts');
    new lambda.Function(this, 'StreamReader', { ...props, events: [new KinesisEventSource(clicks, { startingPosition: lambda.StartingPosition.LATEST, onFailure: new SnsDlq(alerts), retryAttempts: 0 })] });
    const archiver = new lambda.Function(this, 'Archiver', props);
    archiver.addEventSource(new KinesisEventSource(clicks, { startingPosition: lambda.StartingPosition.AT_TIMESTAMP, startingPositionTimestamp: 1700000000, onFailure: new S3OnFailureDestination(new s3.Bucket(this, 'Failures')) }));
    const mappedFailed = new sqs.Queue(this, 'MappedFailed');
    archiver.addEventSourceMapping('FromClicks', { eventSourceArn: clicks.streamArn, startingPosition: lambda.StartingPosition.LATEST, onFailure: new SqsDlq(mappedFailed), retryAttempts: 2 });
    const builtFailed = new sqs.Queue(this, 'BuiltFailed');
    new lambda.EventSourceMapping(this, 'FromOrders', { target: reader, eventSourceArn: orders.tableStreamArn!, startingPosition: lambda.StartingPosition.LATEST, onFailure: new SqsDlq(builtFailed) });`);
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::Lambda::EventSourceMapping')
        .map(mapping => [mapping.id, mapping.properties]),
    ).toEqual([
      [
        'Reader/DynamoDBEventSource:AppOrders32E40670',
        {
          FunctionName: new Ref('Reader'),
          EventSourceArn: new Ref('Orders', 'StreamArn'),
          BatchSize: 50,
          StartingPosition: 'TRIM_HORIZON',
          DestinationConfig: {
            OnFailure: { Destination: new Ref('Failed', 'Arn') },
          },
          BisectBatchOnFunctionError: true,
          MaximumRetryAttempts: 3,
          MaximumRecordAgeInSeconds: 3600,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          MaximumBatchingWindowInSeconds: 5,
          ParallelizationFactor: 2,
          TumblingWindowInSeconds: 30,
          Enabled: false,
        },
      ],
      // A stream's source reads 100 records at a time unless told otherwise; a topic's ARN is its Ref.
      [
        'StreamReader/KinesisEventSource:AppClicksDD538F3C',
        {
          FunctionName: new Ref('StreamReader'),
          EventSourceArn: new Ref('Clicks', 'Arn'),
          BatchSize: 100,
          StartingPosition: 'LATEST',
          DestinationConfig: { OnFailure: { Destination: new Ref('Alerts') } },
          MaximumRetryAttempts: 0,
        },
      ],
      [
        'Archiver/KinesisEventSource:AppClicksDD538F3C',
        {
          FunctionName: new Ref('Archiver'),
          EventSourceArn: new Ref('Clicks', 'Arn'),
          BatchSize: 100,
          StartingPosition: 'AT_TIMESTAMP',
          StartingPositionTimestamp: 1700000000,
          DestinationConfig: {
            OnFailure: { Destination: new Ref('Failures', 'Arn') },
          },
        },
      ],
      [
        'Archiver/FromClicks',
        {
          FunctionName: new Ref('Archiver'),
          EventSourceArn: new Ref('Clicks', 'Arn'),
          StartingPosition: 'LATEST',
          DestinationConfig: {
            OnFailure: { Destination: new Ref('MappedFailed', 'Arn') },
          },
          MaximumRetryAttempts: 2,
        },
      ],
      [
        'FromOrders',
        {
          FunctionName: new Ref('Reader'),
          EventSourceArn: new Ref('Orders', 'StreamArn'),
          StartingPosition: 'LATEST',
          DestinationConfig: {
            OnFailure: { Destination: new Ref('BuiltFailed', 'Arn') },
          },
        },
      ],
    ]);
    const sendMessages = (queue: string) => ({
      Effect: 'Allow',
      Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      Resource: new Ref(queue, 'Arn'),
    });
    expect(statementsOf(text, 'Reader/ServiceRole')).toEqual([
      sendMessages('Failed'),
      LIST_STREAMS,
      READ_TABLE_STREAM('Orders'),
      sendMessages('BuiltFailed'),
    ]);
    expect(statementsOf(text, 'StreamReader/ServiceRole')).toEqual([
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: new Ref('Alerts') },
      {
        Effect: 'Allow',
        Action: STREAM_READ,
        Resource: new Ref('Clicks', 'Arn'),
      },
    ]);
    expect(statementsOf(text, 'Archiver/ServiceRole')).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['s3:PutObject']),
        Resource: [new Ref('Failures', 'Arn'), expect.anything()],
      }),
      {
        Effect: 'Allow',
        Action: STREAM_READ,
        Resource: new Ref('Clicks', 'Arn'),
      },
      sendMessages('MappedFailed'),
    ]);
    // As the synthesized template's: each queue a mapping's failures go to is a dead-letter queue, unwatched and kept 4 days.
    expect(findings(text, ['DLQ-003', 'ALM-002', 'DLQ-004'])).toEqual([
      'ALM-002 Failed 15',
      'DLQ-003 Failed 15',
      'ALM-002 MappedFailed 27',
      'DLQ-003 MappedFailed 27',
      'ALM-002 BuiltFailed 29',
      'DLQ-003 BuiltFailed 29',
    ]);
  });

  it("write a Kafka source's options on its mapping, as synth does, granting the function what its on-failure destination needs: a queue there is a dead-letter queue (DLQ-003, ALM-002)", () => {
    // Synth (aws-cdk-lib 2.278.0): ManagedKafkaEventSource and SelfManagedKafkaEventSource write a stream source's
    // options (100 records at a time unless told otherwise) and DestinationConfig.OnFailure, their destination granting
    // the function what it does for a stream's. Their topics, a self-managed cluster's servers and what they grant
    // the function on the cluster and its secret are not modelled.
    const text = stack(`    const failed = new sqs.Queue(this, 'Failed');
    const orders = new lambda.Function(this, 'Orders', props);
    orders.addEventSource(new ManagedKafkaEventSource({
      clusterArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/c/abc', topic: 'orders', startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      onFailure: new SqsDlq(failed), retryAttempts: 2,
    }));
    const alerts = new sns.Topic(this, 'Alerts');
    const secret = secretsmanager.Secret.fromSecretNameV2(this, 'Secret', 'kafka');
    new lambda.Function(this, 'Clicks', { ...props, events: [new SelfManagedKafkaEventSource({ bootstrapServers: ['b1:9092'], topic: 'clicks', secret, startingPosition: lambda.StartingPosition.LATEST, onFailure: new SnsDlq(alerts) })] });`);
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::Lambda::EventSourceMapping')
        .map(mapping => [mapping.id, mapping.properties]),
    ).toEqual([
      [
        'Orders/KafkaEventSource:AppOrders32E40670orders',
        {
          FunctionName: new Ref('Orders'),
          EventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/c/abc',
          BatchSize: 100,
          StartingPosition: 'TRIM_HORIZON',
          DestinationConfig: {
            OnFailure: { Destination: new Ref('Failed', 'Arn') },
          },
          MaximumRetryAttempts: 2,
        },
      ],
      [
        'Clicks/KafkaEventSource:92e27cd0ccd49d18ed4e589fcac23a8c:clicks',
        {
          FunctionName: new Ref('Clicks'),
          EventSourceArn: expect.any(Unknown),
          BatchSize: 100,
          StartingPosition: 'LATEST',
          DestinationConfig: { OnFailure: { Destination: new Ref('Alerts') } },
        },
      ],
    ]);
    expect(statementsOf(text, 'Orders/ServiceRole')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'sqs:SendMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: new Ref('Failed', 'Arn'),
      },
    ]);
    expect(statementsOf(text, 'Clicks/ServiceRole')).toEqual([
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: new Ref('Alerts') },
    ]);
    expect(findings(text, ['DLQ-001', 'DLQ-003', 'ALM-002'])).toEqual([
      'ALM-002 Failed 14',
      'DLQ-003 Failed 14',
    ]);
  });

  it("poll a stream through its consumer (enhanced fan-out) for KinesisConsumerEventSource, granting what the consumer's grantRead grants (DLQ-001)", () => {
    const text = stack(`    const clicks = new kinesis.Stream(this, 'Clicks');
    const consumer = new kinesis.StreamConsumer(this, 'Consumer', { stream: clicks, streamConsumerName: 'reader' });
    const reader = new lambda.Function(this, 'Reader', props);
    reader.addEventSource(new KinesisConsumerEventSource(consumer, { startingPosition: lambda.StartingPosition.LATEST }));`);
    expect(findings(text, ['DLQ-001'])).toEqual([]);
    const graph = cdkStackGraph(text);
    expect(
      triggersOf(graph, graph.get('Reader')!).map(trigger => trigger.kind),
    ).toEqual(['poll']);
    // The consumer is not modelled: what its grantRead grants is not known.
    expect(statementsOf(text, 'Reader/ServiceRole')).toEqual([
      expect.objectContaining({
        reason: 'grantRead of an event source not known statically',
      }),
    ]);
  });

  it('poll each stream imported by an ARN not known statically through a mapping of its own, named by the import as synth names it', () => {
    const text =
      stack(`    const reader = new lambda.Function(this, 'Reader', props);
    reader.addEventSource(new KinesisEventSource(kinesis.Stream.fromStreamArn(this, 'Clicks', process.env.CLICKS!), { startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new KinesisEventSource(kinesis.Stream.fromStreamArn(this, 'Views', process.env.VIEWS!), { startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new DynamoEventSource(dynamodb.Table.fromTableArn(this, 'Orders', process.env.ORDERS!), { startingPosition: lambda.StartingPosition.LATEST }));`);
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::Lambda::EventSourceMapping')
        .map(mapping => mapping.id),
    ).toEqual([
      'Reader/KinesisEventSource:AppClicksDD538F3C',
      'Reader/KinesisEventSource:AppViews82E38ADD',
      'Reader/DynamoDBEventSource:AppOrders32E40670',
    ]);
    expect(
      triggersOf(graph, graph.get('Reader')!).map(
        trigger => `${trigger.kind} ${trigger.via.id}`,
      ),
    ).toEqual([
      'poll Reader/KinesisEventSource:AppClicksDD538F3C',
      'poll Reader/KinesisEventSource:AppViews82E38ADD',
      'poll Reader/DynamoDBEventSource:AppOrders32E40670',
    ]);
  });

  it("are named below the function as synth names their mappings: by the source's class and the unique id, from the app, of the stream, consumer, table or queue it reads (one of a nested stack too); a Kafka source's by its topic after the function's unique id, or the MD5 of its bootstrap servers", () => {
    const text = cdkStackSource(
      `${PREAMBLE}
class Inner extends cdk.NestedStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Worker', props).addEventSource(new SqsEventSource(new sqs.Queue(this, 'Jobs')));
  }
}`,
      `    const reader = new lambda.Function(this, 'Reader', props);
    const clicks = new kinesis.Stream(this, 'Clicks');
    reader.addEventSource(new KinesisEventSource(clicks, { startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new KinesisConsumerEventSource(new kinesis.StreamConsumer(this, 'Fanout', { stream: clicks, streamConsumerName: 'fanout' }), { startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new DynamoEventSource(new dynamodb.Table(this, 'Orders', table), { startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new SqsEventSource(new sqs.Queue(new Construct(this, 'Group'), 'Jobs')));
    reader.addEventSource(new KinesisEventSource(kinesis.Stream.fromStreamArn(this, 'Shared', 'arn:aws:kinesis:eu-west-1:123456789012:stream/shared'), { startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new ManagedKafkaEventSource({ clusterArn: 'arn:aws:kafka:eu-west-1:123456789012:cluster/c/abc', topic: 'orders', startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new SelfManagedKafkaEventSource({ bootstrapServers: ['b1:9092', 'b2:9092'], topic: 'clicks', startingPosition: lambda.StartingPosition.LATEST, secret: new secretsmanager.Secret(this, 'Kafka') }));
    new lambda.Alias(this, 'Live', { aliasName: 'live', version: reader.currentVersion }).addEventSource(new SqsEventSource(new sqs.Queue(this, 'Urgent')));
    new Inner(this, 'Inner');`,
    );
    const mappings = cdkAdapter
      .load(cdkStackFiles(text))
      .graphs.flatMap(graph =>
        graph.ofType('AWS::Lambda::EventSourceMapping').map(({ id }) => id),
      );
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes their aws:cdk:path.
    expect(mappings.sort()).toEqual([
      'Live/SqsEventSource:AppUrgentB38AC167',
      'Reader/DynamoDBEventSource:AppOrders32E40670',
      'Reader/KafkaEventSource:5ad467210443228c8e8aa933ccb16115:clicks',
      'Reader/KafkaEventSource:AppReader9F493E13orders',
      'Reader/KinesisConsumerEventSource:AppFanout3625686B',
      'Reader/KinesisEventSource:AppClicksDD538F3C',
      'Reader/KinesisEventSource:AppShared98EEB22D',
      'Reader/SqsEventSource:AppGroupJobs6908EAD8',
      'Worker/SqsEventSource:AppInnerJobs2594E5E6',
    ]);
  });

  it("are named by the unique id of what they read from the app, after the path of the stage of its stack: a Stage or one of the app's classes", () => {
    const text = stack(
      `    new lambda.Function(this, 'Fn', props).addEventSource(new SqsEventSource(new sqs.Queue(this, 'Q')));`,
    );
    const app = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AppStack } from '../lib/stack';
class Prod extends cdk.Stage {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AppStack(this, 'Svc');
  }
}
const app = new cdk.App();
new Prod(app, 'Prod');
new AppStack(new cdk.Stage(app, 'Beta'), 'Svc');
new AppStack(app, 'Dev');
`;
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes their aws:cdk:path.
    expect(
      cdkAdapter
        .load(cdkStackFiles(text, app))
        .graphs.map(
          graph => graph.ofType('AWS::Lambda::EventSourceMapping')[0].id,
        ),
    ).toEqual([
      'Fn/SqsEventSource:ProdSvcQA56770CF',
      'Fn/SqsEventSource:BetaSvcQFA88F206',
      'Fn/SqsEventSource:DevQ85460731',
    ]);
  });

  it('poll a queue imported by its attributes (Queue.fromQueueAttributes) by the ARN they name, as synth writes it, and consume from the key they name', () => {
    const text =
      stack(`    const reader = new lambda.Function(this, 'Reader', props);
    reader.addEventSource(new SqsEventSource(sqs.Queue.fromQueueAttributes(this, 'Jobs', { queueArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs' })));
    reader.addEventSource(new SqsEventSource(sqs.Queue.fromQueueAttributes(this, 'Keyed', { queueArn: 'arn:aws:sqs:eu-west-1:123456789012:keyed', keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k' }), { reportBatchItemFailures: true }));`);
    const graph = cdkStackGraph(text);
    expect(
      graph.get('Reader/SqsEventSource:AppJobs563087B7')!.properties,
    ).toEqual({
      FunctionName: new Ref('Reader'),
      EventSourceArn: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
    });
    expect(
      graph.get('Reader/SqsEventSource:AppKeyed0CD0F067')!.properties
        .EventSourceArn,
    ).toEqual('arn:aws:sqs:eu-west-1:123456789012:keyed');
    const consume = (arn: string) => ({
      Effect: 'Allow',
      Action: [
        'sqs:ReceiveMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueUrl',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
      ],
      Resource: arn,
    });
    expect(statementsOf(text, 'Reader/ServiceRole')).toEqual([
      consume('arn:aws:sqs:eu-west-1:123456789012:jobs'),
      consume('arn:aws:sqs:eu-west-1:123456789012:keyed'),
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      },
    ]);
    expect(findings(text, ['DLQ-005'])).toEqual([
      'DLQ-005 Reader/SqsEventSource:AppJobs563087B7 15',
    ]);
  });

  it('poll a queue imported by its ARN (Queue.fromQueueArn) by that ARN, as synth writes it: an SQS mapping, which DLQ-005 and IAM-008 judge', () => {
    const text =
      stack(`    const reader = new lambda.Function(this, 'Reader', props);
    const shared = sqs.Queue.fromQueueArn(this, 'Shared', \`arn:aws:sqs:\${this.region}:\${this.account}:shared-jobs\`);
    reader.addEventSource(new SqsEventSource(shared));
    reader.addEventSource(new SqsEventSource(sqs.Queue.fromQueueArn(this, 'Batched', 'arn:aws:sqs:eu-west-1:123456789012:batched'), { reportBatchItemFailures: true }));`);
    const graph = cdkStackGraph(text);
    const arn = new Template([
      'arn:aws:sqs:',
      new Unknown('AWS::Region'),
      ':',
      new Unknown('AWS::AccountId'),
      ':shared-jobs',
    ]);
    expect(
      graph.get('Reader/SqsEventSource:AppShared98EEB22D')!.properties
        .EventSourceArn,
    ).toEqual(arn);
    expect(
      graph.get('Reader/SqsEventSource:AppBatchedD51F6F01')!.properties,
    ).toEqual({
      FunctionName: new Ref('Reader'),
      EventSourceArn: 'arn:aws:sqs:eu-west-1:123456789012:batched',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // SqsEventSource grants the function what it needs to consume the queue.
    expect(findings(text, ['DLQ-005', 'IAM-008'])).toEqual([
      'DLQ-005 Reader/SqsEventSource:AppShared98EEB22D 16',
    ]);
  });

  it("leave a source's options not known statically unknown on its mapping: its response types (DLQ-005), its on-failure destination", () => {
    const text = stack(`    const work = new sqs.Queue(this, 'Work');
    const orders = new dynamodb.Table(this, 'Orders', table);
    const reader = new lambda.Function(this, 'Reader', props);
    const options = this.node.tryGetContext('options');
    reader.addEventSource(new SqsEventSource(work, options));
    reader.addEventSource(new DynamoEventSource(orders, { ...options, startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Plain')));`);
    expect(findings(text, ['DLQ-005'])).toEqual([
      'DLQ-005 Reader/SqsEventSource:AppPlain08253D4E 20',
    ]);
    const graph = cdkStackGraph(text);
    expect(
      getPath(
        graph.get('Reader/DynamoDBEventSource:AppOrders32E40670')!.properties,
        ['DestinationConfig', 'OnFailure', 'Destination'],
      ),
    ).toBeInstanceOf(Unknown);
  });

  it("keep a source's options written after a spread not known statically, which it cannot override: not those before it (DLQ-005, DLQ-003, ALM-002)", () => {
    // Synth (aws-cdk-lib 2.278.0), of options {} and of options that set onFailure and reportBatchItemFailures: the
    // mapping of Orders fails to Failed either way, that of Clicks to Overridable or to the options' destination; the
    // mapping of Work reports no batch item failures either way.
    const text = stack(`    const options = this.node.tryGetContext('options');
    const orders = new dynamodb.Table(this, 'Orders', table);
    const failed = new sqs.Queue(this, 'Failed');
    const reader = new lambda.Function(this, 'Reader', props);
    reader.addEventSource(new DynamoEventSource(orders, { ...options, onFailure: new SqsDlq(failed), startingPosition: lambda.StartingPosition.LATEST }));
    const clicks = new kinesis.Stream(this, 'Clicks');
    const overridable = new sqs.Queue(this, 'Overridable');
    reader.addEventSource(new KinesisEventSource(clicks, { onFailure: new SqsDlq(overridable), ...options, startingPosition: lambda.StartingPosition.LATEST }));
    reader.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Work'), { ...options, reportBatchItemFailures: false }));`);
    const graph = cdkStackGraph(text);
    expect(
      graph.get('Reader/DynamoDBEventSource:AppOrders32E40670')!.properties,
    ).toEqual({
      FunctionName: new Ref('Reader'),
      EventSourceArn: new Ref('Orders', 'StreamArn'),
      StartingPosition: 'LATEST',
      DestinationConfig: {
        OnFailure: { Destination: new Ref('Failed', 'Arn') },
      },
      FunctionResponseTypes: expect.any(Unknown),
    });
    expect(
      getPath(
        graph.get('Reader/KinesisEventSource:AppClicksDD538F3C')!.properties,
        ['DestinationConfig', 'OnFailure', 'Destination'],
      ),
    ).toBeInstanceOf(Unknown);
    // What the destination written after the spread grants; what one before it may grant is not known.
    expect(statementsOf(text, 'Reader/ServiceRole')).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'sqs:SendMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: new Ref('Failed', 'Arn'),
      },
      LIST_STREAMS,
      READ_TABLE_STREAM('Orders'),
      {
        Effect: 'Allow',
        Action: STREAM_READ,
        Resource: new Ref('Clicks', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: [
          'sqs:ReceiveMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueUrl',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
        ],
        Resource: new Ref('Work', 'Arn'),
      },
    ]);
    expect(findings(text, ['DLQ-005', 'DLQ-003', 'ALM-002'])).toEqual([
      'ALM-002 Failed 16',
      'DLQ-003 Failed 16',
      'DLQ-005 Reader/SqsEventSource:AppWork1CF0A6FC 22',
    ]);
  });

  it('write no on-failure destination for an SqsEventSource, which passes none on, whatever its props hold (DLQ-003, ALM-002)', () => {
    // Synth (aws-cdk-lib 2.278.0): SqsEventSource binds with its batch options alone; the SqsDlq spread into its props
    // is neither written nor granted. The mapping of options not known statically has no DestinationConfig either.
    const text = stack(`    const failed = new sqs.Queue(this, 'Failed');
    const reader = new lambda.Function(this, 'Reader', props);
    const streamOptions = { onFailure: new SqsDlq(failed), retryAttempts: 2 };
    reader.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Work'), { ...streamOptions, reportBatchItemFailures: true }));
    reader.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Other'), this.node.tryGetContext('options')));`);
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::Lambda::EventSourceMapping')
        .map(mapping => [mapping.id, mapping.properties]),
    ).toEqual([
      [
        'Reader/SqsEventSource:AppWork1CF0A6FC',
        {
          FunctionName: new Ref('Reader'),
          EventSourceArn: new Ref('Work', 'Arn'),
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        },
      ],
      [
        'Reader/SqsEventSource:AppOther2AAD3EFD',
        {
          FunctionName: new Ref('Reader'),
          EventSourceArn: new Ref('Other', 'Arn'),
          FunctionResponseTypes: expect.any(Unknown),
        },
      ],
    ]);
    expect(
      statementsOf(text, 'Reader/ServiceRole').map(
        statement => (statement as { Resource: unknown }).Resource,
      ),
    ).toEqual([new Ref('Work', 'Arn'), new Ref('Other', 'Arn')]);
    expect(findings(text, ['DLQ-003', 'ALM-002'])).toEqual([]);
  });

  it("grant what a table's stream grants grant, which use its stream, not the table a function is handed (IAM-004)", () => {
    const text =
      stack(`    const orders = new dynamodb.Table(this, 'Orders', table);
    const streamOnly = new lambda.Function(this, 'StreamOnly', { ...props, environment: { TABLE: orders.tableName } });
    orders.grantStreamRead(streamOnly);
    const both = new lambda.Function(this, 'Both', { ...props, environment: { TABLE: orders.tableName } });
    orders.grantStreamRead(both);
    orders.grantReadData(both);
    const listing = new lambda.Function(this, 'Listing', props);
    orders.grantTableListStreams(listing);
    orders.grantStream(listing, 'dynamodb:DescribeStream');`);
    expect(findings(text, ['IAM-004', 'IAM-003'])).toEqual([
      'IAM-004 StreamOnly 15',
    ]);
    expect(statementsOf(text, 'StreamOnly/ServiceRole')).toEqual([
      LIST_STREAMS,
      READ_TABLE_STREAM('Orders'),
    ]);
    expect(statementsOf(text, 'Listing/ServiceRole')).toEqual([
      LIST_STREAMS,
      {
        Effect: 'Allow',
        Action: ['dynamodb:DescribeStream'],
        Resource: new Ref('Orders', 'StreamArn'),
      },
    ]);
  });

  it("grant what is granted to a function's version, and to the event sources added to it, to the function's role (IAM-008)", () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const worker = new lambda.Function(this, 'Worker', props);
    worker.currentVersion.addEventSource(new SqsEventSource(jobs));
    const more = new sqs.Queue(this, 'More');
    const mapped = new lambda.Function(this, 'Mapped', props);
    mapped.currentVersion.addEventSourceMapping('FromMore', { eventSourceArn: more.queueArn });
    more.grantConsumeMessages(mapped.currentVersion);
    const audit = new sqs.Queue(this, 'Audit');
    const auditor = new lambda.Function(this, 'Auditor', props);
    new lambda.EventSourceMapping(this, 'FromAudit', { target: auditor.currentVersion, eventSourceArn: audit.queueArn });
    audit.grantConsumeMessages(auditor);`);
    // Polled through its version, the function is not invoked asynchronously (DLQ-001).
    expect(findings(text, ['IAM-008', 'DLQ-001'])).toEqual([]);
    const graph = cdkStackGraph(text);
    expect(
      ['Worker', 'Mapped', 'Auditor'].map(fn =>
        triggersOf(graph, graph.get(fn)!).map(
          trigger => `${trigger.kind} ${trigger.via.id}`,
        ),
      ),
    ).toEqual([
      ['poll Worker/CurrentVersion/SqsEventSource:AppJobs563087B7'],
      ['poll Mapped/CurrentVersion/FromMore'],
      ['poll FromAudit'],
    ]);
    expect(statementsOf(text, 'Worker/ServiceRole')).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['sqs:ReceiveMessage']),
        Resource: new Ref('Jobs', 'Arn'),
      }),
    ]);
  });

  it('invoke the function for the notifications of a bucket, one of the stack (S3EventSource) or imported (S3EventSourceV2), asynchronously (DLQ-001)', () => {
    const text = stack(`    const uploads = new s3.Bucket(this, 'Uploads');
    const v1 = new lambda.Function(this, 'V1', props);
    v1.addEventSource(new S3EventSource(uploads, { events: [s3.EventType.OBJECT_CREATED] }));
    const v2 = new lambda.Function(this, 'V2', props);
    v2.addEventSource(new S3EventSourceV2(uploads, { events: [s3.EventType.OBJECT_CREATED] }));
    const archive = s3.Bucket.fromBucketName(this, 'Archive', 'archive');
    new lambda.Function(this, 'Imported', { ...props, events: [new S3EventSourceV2(archive, { events: [s3.EventType.OBJECT_REMOVED] })] });`);
    const scanned = scanCdkStack(text, ['DLQ-001']);
    expect(scanned.map(f => `${f.resourceId} ${f.line}: ${f.message}`)).toEqual(
      [
        'V1 15: Function V1 is invoked asynchronously (by the notifications of the S3 bucket Uploads) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
        'V2 17: Function V2 is invoked asynchronously (by the notifications of the S3 bucket Uploads) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
        'Imported 20: Function Imported is invoked asynchronously (by the notifications of an S3 bucket) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
      ],
    );
  });

  it("let S3 invoke the function by a permission below the bucket, one of the stack or imported, named by the function's unique id, as synth names it", () => {
    const text = cdkStackSource(
      `${PREAMBLE}
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';`,
      `    const uploads = new s3.Bucket(this, 'Uploads');
    new lambda.Function(this, 'Mailer', props).addEventSource(new S3EventSource(uploads, { events: [s3.EventType.OBJECT_CREATED] }));
    uploads.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.LambdaDestination(new lambda.Function(this, 'Notifier', props)));
    new lambda.Function(this, 'Imported', { ...props, events: [new S3EventSourceV2(s3.Bucket.fromBucketName(this, 'Archive', 'archive'), { events: [s3.EventType.OBJECT_REMOVED] })] });`,
    );
    // As `cdk synth` (aws-cdk-lib 2.278.0) writes their aws:cdk:path.
    expect(
      cdkStackGraph(text)
        .ofType('AWS::Lambda::Permission')
        .map(permission => permission.id),
    ).toEqual([
      'Uploads/AllowBucketNotificationsToAppMailer18E87145',
      'Uploads/AllowBucketNotificationsToAppNotifier5973A194',
      'Archive/AllowBucketNotificationsToAppImported4F8BDE43',
    ]);
  });

  it("invoke the function for an API's methods through the REST API CDK makes for ApiEventSource, synchronously (DLQ-001)", () => {
    const text =
      stack(`    const orders = new lambda.Function(this, 'Orders', props);
    orders.addEventSource(new ApiEventSource('GET', '/orders'));
    orders.addEventSource(new ApiEventSource('POST', '/orders'));
    new lambda.Function(this, 'Health', { ...props, events: [new ApiEventSource('GET', '/health')] });`);
    const graph = cdkStackGraph(text);
    // One REST API per function, deployed to its prod stage, and a permission for each method and one for its test-invoke
    // stage, below the method (aws-lambda-event-sources/lib/api.ts, a LambdaIntegration).
    expect(
      [...graph.resources]
        .filter(resource => !resource.id.includes('ServiceRole'))
        .map(resource => `${resource.id} ${resource.type}`),
    ).toEqual([
      'Orders AWS::Lambda::Function',
      'Orders:ApiEventSource AWS::ApiGateway::RestApi',
      'Orders:ApiEventSource/CloudWatchRole AWS::IAM::Role',
      'Orders:ApiEventSource/Account AWS::ApiGateway::Account',
      'Orders:ApiEventSource/Deployment AWS::ApiGateway::Deployment',
      'Orders:ApiEventSource/DeploymentStage.prod AWS::ApiGateway::Stage',
      'Orders:ApiEventSource/Default/orders/GET/ApiPermission.Orders:ApiEventSource.GET..orders AWS::Lambda::Permission',
      'Orders:ApiEventSource/Default/orders/GET/ApiPermission.Test.Orders:ApiEventSource.GET..orders AWS::Lambda::Permission',
      'Orders:ApiEventSource/Default/orders/GET AWS::ApiGateway::Method',
      'Orders:ApiEventSource/Default/orders/POST/ApiPermission.Orders:ApiEventSource.POST..orders AWS::Lambda::Permission',
      'Orders:ApiEventSource/Default/orders/POST/ApiPermission.Test.Orders:ApiEventSource.POST..orders AWS::Lambda::Permission',
      'Orders:ApiEventSource/Default/orders/POST AWS::ApiGateway::Method',
      'Health AWS::Lambda::Function',
      'Health:ApiEventSource AWS::ApiGateway::RestApi',
      'Health:ApiEventSource/CloudWatchRole AWS::IAM::Role',
      'Health:ApiEventSource/Account AWS::ApiGateway::Account',
      'Health:ApiEventSource/Deployment AWS::ApiGateway::Deployment',
      'Health:ApiEventSource/DeploymentStage.prod AWS::ApiGateway::Stage',
      'Health:ApiEventSource/Default/health/GET/ApiPermission.Health:ApiEventSource.GET..health AWS::Lambda::Permission',
      'Health:ApiEventSource/Default/health/GET/ApiPermission.Test.Health:ApiEventSource.GET..health AWS::Lambda::Permission',
      'Health:ApiEventSource/Default/health/GET AWS::ApiGateway::Method',
    ]);
    expect(
      graph.get(
        'Orders:ApiEventSource/Default/orders/GET/ApiPermission.Orders:ApiEventSource.GET..orders',
      )!.properties,
    ).toMatchObject({
      FunctionName: new Ref('Orders', 'Arn'),
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
    });
    expect(
      ['Orders', 'Health'].map(fn =>
        triggersOf(graph, graph.get(fn)!).map(trigger => trigger.kind),
      ),
    ).toEqual([
      ['sync', 'sync', 'sync', 'sync', 'sync', 'sync'],
      ['sync', 'sync', 'sync'],
    ]);
    expect(findings(text, ['DLQ-001'])).toEqual([]);
  });

  it('let API Gateway invoke a function behind several LambdaIntegration methods by a permission for each method, and one for its test-invoke stage; a method named in lower case is upper-cased but for its construct', () => {
    const text =
      stack(`    const orders = new lambda.Function(this, 'Orders', props);
    const api = new apigateway.RestApi(this, 'Api');
    const integration = new apigateway.LambdaIntegration(orders);
    const resource = api.root.addResource('orders');
    resource.addMethod('GET', integration);
    resource.addMethod('POST', integration);
    resource.addResource('{id}').addMethod('GET', new apigateway.LambdaIntegration(orders, { allowTestInvoke: false }));
    api.root.addMethod('ANY', integration);
    for (const method of process.env.METHODS!.split(',')) resource.addMethod(method, integration);
    resource.addResource('items').addMethod('post', integration);`);
    const graph = cdkStackGraph(text);
    expect(
      graph.ofType('AWS::Lambda::Permission').map(permission => permission.id),
    ).toEqual([
      'Api/Default/orders/GET/ApiPermission.Api.GET..orders',
      'Api/Default/orders/GET/ApiPermission.Test.Api.GET..orders',
      'Api/Default/orders/POST/ApiPermission.Api.POST..orders',
      'Api/Default/orders/POST/ApiPermission.Test.Api.POST..orders',
      'Api/Default/orders/{id}/GET/ApiPermission.Api.GET..orders.{id}',
      'Api/Default/ANY/ApiPermission.Api.ANY..',
      'Api/Default/ANY/ApiPermission.Test.Api.ANY..',
      'Api/method@22/ApiPermission.Api.method.',
      'Api/method@22/ApiPermission.Test.Api.method.',
      'Api/Default/orders/items/post/ApiPermission.Api.POST..orders.items',
      'Api/Default/orders/items/post/ApiPermission.Test.Api.POST..orders.items',
    ]);
    expect(
      graph.get('Api/Default/orders/items/post')!.properties.HttpMethod,
    ).toBe('POST');
    expect(
      graph.get('Api/Default/orders/GET/ApiPermission.Api.GET..orders')!
        .properties,
    ).toMatchObject({
      FunctionName: new Ref('Orders', 'Arn'),
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
    });
    expect(
      new Set(
        triggersOf(graph, graph.get('Orders')!).map(trigger => trigger.kind),
      ),
    ).toEqual(new Set(['sync']));
    expect(findings(text, ['DLQ-001'])).toEqual([]);
  });

  it("invoke a function asynchronously through a method whose integration's request parameters ask for it (X-Amz-Invocation-Type 'Event'), proxy or not, a Lambda, AWS or plain integration; a header not known statically is not known to (DLQ-001)", () => {
    const text =
      stack(`    const queued = new lambda.Function(this, 'Queued', props);
    const proxied = new lambda.Function(this, 'Proxied', props);
    const waited = new lambda.Function(this, 'Waited', props);
    const chosen = new lambda.Function(this, 'Chosen', props);
    const direct = new lambda.Function(this, 'Direct', props);
    const raw = new lambda.Function(this, 'Raw', props);
    const orders = new apigateway.RestApi(this, 'Api').root.addResource('orders');
    orders.addMethod('POST', new apigateway.LambdaIntegration(queued, { proxy: false, requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" } }));
    orders.addMethod('PUT', new apigateway.LambdaIntegration(proxied, { requestParameters: { 'integration.request.header.x-amz-invocation-type': "'Event'" } }));
    orders.addMethod('GET', new apigateway.LambdaIntegration(waited, { proxy: false, requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'RequestResponse'" } }));
    orders.addMethod('DELETE', new apigateway.LambdaIntegration(chosen, { proxy: false, requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': process.env.INVOCATION_TYPE! } }));
    const event = { requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" } };
    orders.addResource('direct').addMethod('POST', new apigateway.AwsIntegration({ service: 'lambda', path: \`2015-03-31/functions/\${direct.functionArn}/invocations\`, options: event }));
    orders.addResource('raw').addMethod('POST', new apigateway.Integration({
      type: apigateway.IntegrationType.AWS,
      integrationHttpMethod: 'POST',
      uri: \`arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/\${raw.functionArn}/invocations\`,
      options: event,
    }));`);
    const graph = cdkStackGraph(text);
    expect(
      graph.ofType('AWS::ApiGateway::Method').map(method => method.id),
    ).toEqual([
      'Api/Default/orders/POST',
      'Api/Default/orders/PUT',
      'Api/Default/orders/GET',
      'Api/Default/orders/DELETE',
      'Api/Default/orders/direct/POST',
      'Api/Default/orders/raw/POST',
    ]);
    expect(graph.get('Api/Default/orders/POST')!.properties).toEqual({
      RestApiId: new Ref('Api'),
      // The resources below the root are not modelled.
      ResourceId: expect.any(Unknown),
      HttpMethod: 'POST',
      AuthorizationType: 'NONE',
      Integration: {
        Type: 'AWS',
        IntegrationHttpMethod: 'POST',
        Uri: new Template([
          'arn:',
          Unknown.oneValue('AWS::Partition'),
          ':apigateway:',
          Unknown.oneValue('AWS::Region'),
          ':lambda:path/2015-03-31/functions/',
          new Ref('Queued', 'Arn'),
          '/invocations',
        ]),
        RequestParameters: {
          'integration.request.header.X-Amz-Invocation-Type': "'Event'",
        },
      },
    });
    expect(
      getPath(graph.get('Api/Default/orders/PUT')!.properties, [
        'Integration',
        'Type',
      ]),
    ).toBe('AWS_PROXY');
    // CDK adds no permission for an AWS integration: its role (credentialsRole) may invoke the function.
    expect(
      graph.get('Api/Default/orders/direct/POST')!.properties.Integration,
    ).toEqual({
      Type: 'AWS',
      IntegrationHttpMethod: 'POST',
      Uri: new Template([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        ':apigateway:',
        Unknown.oneValue('AWS::Region'),
        ':lambda:path/2015-03-31/functions/',
        new Ref('Direct', 'Arn'),
        '/invocations',
      ]),
      RequestParameters: {
        'integration.request.header.X-Amz-Invocation-Type': "'Event'",
      },
    });
    expect(
      graph.get('Api/Default/orders/raw/POST')!.properties.Integration,
    ).toEqual({
      Type: 'AWS',
      IntegrationHttpMethod: 'POST',
      Uri: new Template([
        'arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/',
        new Ref('Raw', 'Arn'),
        '/invocations',
      ]),
      RequestParameters: {
        'integration.request.header.X-Amz-Invocation-Type': "'Event'",
      },
    });
    // Each function's permissions (the method's and its test-invoke stage's), then its method.
    expect(
      ['Queued', 'Proxied', 'Waited', 'Chosen', 'Direct', 'Raw'].map(fn =>
        triggersOf(graph, graph.get(fn)!).map(trigger => trigger.kind),
      ),
    ).toEqual([
      ['sync', 'sync', 'async'],
      ['sync', 'sync', 'async'],
      ['sync', 'sync', 'sync'],
      ['sync', 'sync', 'sync'],
      ['async'],
      ['async'],
    ]);
    expect(findings(text, ['DLQ-001'])).toEqual([
      'DLQ-001 Queued 14',
      'DLQ-001 Proxied 15',
      'DLQ-001 Direct 18',
      'DLQ-001 Raw 19',
    ]);
  });
  it("let API Gateway invoke a function behind a LambdaRestApi's proxy, the default integration of an API, a resource or a proxy, and a method at a path (resourceForPath, getResource)", () => {
    const text =
      stack(`    const [proxied, byApi, byResource, byProxy, atPath] = ['Proxied', 'ByApi', 'ByResource', 'ByProxy', 'AtPath'].map(name => new lambda.Function(this, name, props));
    new apigateway.LambdaRestApi(this, 'Proxy', { handler: proxied, integrationOptions: { allowTestInvoke: false } });
    const api = new apigateway.RestApi(this, 'Api', { defaultIntegration: new apigateway.LambdaIntegration(byApi) });
    api.root.addResource('orders').addMethod('GET');
    api.root.addResource('users', { defaultIntegration: new apigateway.LambdaIntegration(byResource) }).addMethod('GET');
    api.root.addResource('files').addProxy({ defaultIntegration: new apigateway.LambdaIntegration(byProxy) });
    api.root.resourceForPath('/orders/{id}').addMethod('GET', new apigateway.LambdaIntegration(atPath, { allowTestInvoke: false }));
    api.root.addProxy({ anyMethod: false }).addMethod('POST', new apigateway.LambdaIntegration(atPath, { allowTestInvoke: false }));
    new apigateway.RestApi(this, 'Bare').root.addProxy({ defaultIntegration: new apigateway.LambdaIntegration(byProxy, { allowTestInvoke: false }) });
    api.root.resourceForPath('users').addMethod('DELETE');
    (api.root.getResource('carts') ?? api.root.addResource('carts', { defaultIntegration: new apigateway.LambdaIntegration(byResource, { allowTestInvoke: false }) })).addMethod('GET');`);
    const graph = cdkStackGraph(text);
    // A proxy right below the root adds its methods to the root too (resource.ts, ProxyResource.addMethod).
    expect(
      graph
        .ofType('AWS::Lambda::Permission')
        .map(
          permission =>
            `${permission.id} ${
              (permission.properties.FunctionName as Ref).target
            }`,
        ),
    ).toEqual([
      'Proxy/Default/ANY/ApiPermission.Proxy.ANY.. Proxied',
      'Proxy/Default/{proxy+}/ANY/ApiPermission.Proxy.ANY..{proxy+} Proxied',
      'Api/Default/orders/GET/ApiPermission.Api.GET..orders ByApi',
      'Api/Default/orders/GET/ApiPermission.Test.Api.GET..orders ByApi',
      'Api/Default/users/GET/ApiPermission.Api.GET..users ByResource',
      'Api/Default/users/GET/ApiPermission.Test.Api.GET..users ByResource',
      'Api/Default/files/{proxy+}/ANY/ApiPermission.Api.ANY..files.{proxy+} ByProxy',
      'Api/Default/files/{proxy+}/ANY/ApiPermission.Test.Api.ANY..files.{proxy+} ByProxy',
      'Api/Default/orders/{id}/GET/ApiPermission.Api.GET..orders.{id} AtPath',
      'Api/Default/POST/ApiPermission.Api.POST.. AtPath',
      'Api/Default/{proxy+}/POST/ApiPermission.Api.POST..{proxy+} AtPath',
      // The root's method integrates the root's default integration, not the proxy's.
      'Bare/Default/{proxy+}/ANY/ApiPermission.Bare.ANY..{proxy+} ByProxy',
      // A resource there already integrates as it did.
      'Api/Default/users/DELETE/ApiPermission.Api.DELETE..users ByResource',
      'Api/Default/users/DELETE/ApiPermission.Test.Api.DELETE..users ByResource',
      // getResource gives none that is not there.
      'Api/Default/carts/GET/ApiPermission.Api.GET..carts ByResource',
    ]);
    expect(findings(text, ['DLQ-001'])).toEqual([]);
  });
  it("let API Gateway invoke a function behind a method added to a REST API imported with its attributes, in the importing stack at the import's path, of the API's id given (DLQ-001); fromRestApiId has no root", () => {
    const text =
      stack(`    const [listed, queued, byId] = ['Listed', 'Queued', 'ById'].map(name => new lambda.Function(this, name, props));
    const api = apigateway.RestApi.fromRestApiAttributes(this, 'Shared', { restApiId: 'a1b2c3', rootResourceId: 'r00t' });
    api.root.addResource('orders').addMethod('GET', new apigateway.LambdaIntegration(listed));
    const event = { proxy: false, requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" } };
    apigateway.LambdaRestApi.fromRestApiAttributes(this, 'Other', { restApiId: process.env.API_ID!, rootResourceId: 'r00t' }).root.addMethod('POST', new apigateway.LambdaIntegration(queued, event));
    const byIdOnly = apigateway.RestApi.fromRestApiId(this, 'ById', 'd4e5f6');
    byIdOnly.root.addResource('items').addMethod('GET', new apigateway.LambdaIntegration(byId));`);
    const graph = cdkStackGraph(text);
    expect(
      [...graph.resources]
        .filter(
          resource => !/ServiceRole|^(Listed|Queued|ById)$/.test(resource.id),
        )
        .map(resource => `${resource.id} ${resource.type}`),
    ).toEqual([
      'Shared/Default/orders/GET/ApiPermission.Shared.GET..orders AWS::Lambda::Permission',
      'Shared/Default/orders/GET/ApiPermission.Test.Shared.GET..orders AWS::Lambda::Permission',
      'Shared/Default/orders/GET AWS::ApiGateway::Method',
      'Other/Default/POST/ApiPermission.Other.POST.. AWS::Lambda::Permission',
      'Other/Default/POST/ApiPermission.Test.Other.POST.. AWS::Lambda::Permission',
      'Other/Default/POST AWS::ApiGateway::Method',
    ]);
    expect(graph.get('Shared/Default/orders/GET')!.properties.RestApiId).toBe(
      'a1b2c3',
    );
    expect(
      graph.get('Other/Default/POST')!.properties.RestApiId,
    ).toBeInstanceOf(Unknown);
    expect(
      graph.get('Shared/Default/orders/GET/ApiPermission.Shared.GET..orders')!
        .properties,
    ).toMatchObject({
      FunctionName: new Ref('Listed', 'Arn'),
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
    });
    expect(
      ['Listed', 'Queued'].map(fn =>
        triggersOf(graph, graph.get(fn)!).map(trigger => trigger.kind),
      ),
    ).toEqual([
      ['sync', 'sync', 'sync'],
      ['sync', 'sync', 'async'],
    ]);
    // fromRestApiId's root throws in CDK (the app does not synthesize): no method of it is modelled, none calls ById.
    expect(findings(text, ['DLQ-001'])).toEqual([
      'DLQ-001 Queued 14',
      'DLQ-001 ById 14',
    ]);
    // Imported by two stacks, the API gets the methods and permissions of each, apart.
    const twoStacks =
      "import * as cdk from 'aws-cdk-lib';\nimport { AppStack } from '../lib/stack';\nconst app = new cdk.App();\nnew AppStack(app, 'East');\nnew AppStack(app, 'West');\n";
    const loaded = cdkAdapter.load(cdkStackFiles(text, twoStacks)).graphs;
    expect(
      loaded.map(g =>
        g.ofType('AWS::ApiGateway::Method').map(method => method.id),
      ),
    ).toEqual([
      ['Shared/Default/orders/GET', 'Other/Default/POST'],
      ['Shared/Default/orders/GET', 'Other/Default/POST'],
    ]);
    const scanned = scanCdkStack(text, ['DLQ-001'], twoStacks);
    expect(scanned.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`)).toEqual([
      'DLQ-001 Queued 14',
      'DLQ-001 ById 14',
    ]);
    expect(new Set(scanned.map(f => f.fingerprint)).size).toBe(scanned.length);
  });
  it('let the service or account a permission names invoke the function, or its version or alias (addPermission), below it unless the permission names a scope: a service that waits synchronously, another asynchronously, anyone through the function URL synchronously (DLQ-001)', () => {
    const text = stack(`    const web = new lambda.Function(this, 'Web', props);
    web.addPermission('ApiInvoke', { principal: new cdk.aws_iam.ServicePrincipal('apigateway.amazonaws.com'), sourceArn: 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/*' });
    const nightly = new lambda.Function(this, 'Nightly', props);
    nightly.addPermission('EventsInvoke', { principal: new cdk.aws_iam.ServicePrincipal('events.amazonaws.com'), scope: this });
    const shared = new lambda.Function(this, 'Shared', props);
    shared.currentVersion.addAlias('live').addPermission('PartnerInvoke', { principal: new cdk.aws_iam.AccountPrincipal('210987654321') });
    const site = new lambda.Function(this, 'Site', props);
    site.addPermission('Public', { principal: new cdk.aws_iam.AnyPrincipal(), action: 'lambda:InvokeFunctionUrl', functionUrlAuthType: lambda.FunctionUrlAuthType.NONE });
    site.addPermission('PublicInvoke', { principal: new cdk.aws_iam.AnyPrincipal(), action: 'lambda:InvokeFunction', invokedViaFunctionUrl: true });`);
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::Lambda::Permission')
        .map(permission => [permission.id, permission.properties]),
    ).toEqual([
      [
        'Web/ApiInvoke',
        {
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          FunctionName: new Ref('Web', 'Arn'),
          SourceArn: 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3/*',
        },
      ],
      [
        'EventsInvoke',
        {
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
          FunctionName: new Ref('Nightly', 'Arn'),
        },
      ],
      [
        'Shared/CurrentVersion/Aliaslive/PartnerInvoke',
        {
          Action: 'lambda:InvokeFunction',
          Principal: '210987654321',
          FunctionName: new Ref('Shared/CurrentVersion/Aliaslive', 'Arn'),
        },
      ],
      [
        'Site/Public',
        {
          Action: 'lambda:InvokeFunctionUrl',
          Principal: '*',
          FunctionName: new Ref('Site', 'Arn'),
          FunctionUrlAuthType: 'NONE',
        },
      ],
      [
        'Site/PublicInvoke',
        {
          Action: 'lambda:InvokeFunction',
          Principal: '*',
          FunctionName: new Ref('Site', 'Arn'),
          InvokedViaFunctionUrl: true,
        },
      ],
    ]);
    expect(findings(text, ['DLQ-001'])).toEqual([
      'DLQ-001 Nightly 16',
      'DLQ-001 Shared 18',
    ]);
  });

  it("write the principal of a permission as CDK does: an organization's as anyone of it, one of conditions as itself and the caller or organization they name, a role's as its ARN; each invokes asynchronously but the services that wait (DLQ-001)", () => {
    const text = stack(`    const iam = cdk.aws_iam;
    const partners = new lambda.Function(this, 'Partners', props);
    partners.addPermission('Org', { principal: new iam.OrganizationPrincipal('o-abc1234567') });
    const uploads = new lambda.Function(this, 'Uploads', props);
    uploads.addPermission('Sns', { principal: new iam.ServicePrincipal('sns.amazonaws.com').withConditions({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*' } }) });
    const shared = new lambda.Function(this, 'Shared', props);
    shared.addPermission('Root', { principal: new iam.ArnPrincipal('arn:aws:iam::210987654321:root').inOrganization('o-abc1234567') });
    const caller = new iam.Role(this, 'Caller', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const called = new lambda.Function(this, 'Called', props);
    called.addPermission('Role', { principal: caller });
    const api = new lambda.Function(this, 'Api', props);
    api.addPermission('Api', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': '210987654321' } }) });`);
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::Lambda::Permission')
        .map(permission => [permission.id, permission.properties]),
    ).toEqual([
      [
        'Partners/Org',
        {
          Action: 'lambda:InvokeFunction',
          Principal: '*',
          FunctionName: new Ref('Partners', 'Arn'),
          PrincipalOrgID: 'o-abc1234567',
        },
      ],
      [
        'Uploads/Sns',
        {
          Action: 'lambda:InvokeFunction',
          Principal: 'sns.amazonaws.com',
          FunctionName: new Ref('Uploads', 'Arn'),
          SourceArn: 'arn:aws:sns:*',
        },
      ],
      [
        'Shared/Root',
        {
          Action: 'lambda:InvokeFunction',
          Principal: 'arn:aws:iam::210987654321:root',
          FunctionName: new Ref('Shared', 'Arn'),
          PrincipalOrgID: 'o-abc1234567',
        },
      ],
      [
        'Called/Role',
        {
          Action: 'lambda:InvokeFunction',
          Principal: new Ref('Caller', 'Arn'),
          FunctionName: new Ref('Called', 'Arn'),
        },
      ],
      [
        'Api/Api',
        {
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          FunctionName: new Ref('Api', 'Arn'),
          SourceAccount: '210987654321',
        },
      ],
    ]);
    expect(findings(text, ['DLQ-001'])).toEqual([
      'DLQ-001 Partners 15',
      'DLQ-001 Uploads 17',
      'DLQ-001 Shared 19',
    ]);
  });
});
