/**
 * A TableV2 as `cdk synth` writes it (aws-cdk-lib 2.278.0, aws-dynamodb/lib/table-v2.ts): an
 * AWS::DynamoDB::GlobalTable with a replica per region of `replicas`, then one in the stack's region, each
 * with its point-in-time recovery, tags and key; and what refers to it (grants, event sources, metrics).
 */
import { Ref, Unknown } from '../../graph/values';
import { cdkStackGraph, scanCdkStack } from '../../testing/programScans';

/** `lib/stack.ts`: the tables of each kind, and a function that reads two of them, from line 12. */
const STACK = `import * as cdk from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    new dynamodb.TableV2(this, 'Plain', { partitionKey });
    new dynamodb.TableV2(this, 'Owned', { partitionKey, encryption: dynamodb.TableEncryptionV2.dynamoOwnedKey(), pointInTimeRecovery: false, tags: [{ key: 'team', value: 'orders' }] });
    new dynamodb.TableV2(this, 'Managed', { partitionKey, encryption: dynamodb.TableEncryptionV2.awsManagedKey(), pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 } });
    const global = new dynamodb.TableV2(this, 'Global', {
      partitionKey,
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(key, { 'eu-west-1': 'arn:aws:kms:eu-west-1:123456789012:key/replica' }),
      pointInTimeRecovery: true,
      replicas: [{ region: 'eu-west-1', pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false }, tags: [{ key: 'team', value: 'orders' }] }],
      tags: [{ key: 'team', value: 'orders' }],
    });
    const streamed = new dynamodb.TableV2(this, 'Streamed', { partitionKey, dynamoStream: dynamodb.StreamViewType.NEW_IMAGE, billing: dynamodb.Billing.onDemand() });
    cdk.Tags.of(streamed).add('team', 'orders');
    const reader = new lambda.Function(this, 'Reader', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'),
      environment: { GLOBAL: global.tableName, GLOBAL_ARN: global.tableArn, GLOBAL_ID: global.tableId },
      events: [new DynamoEventSource(streamed, { startingPosition: lambda.StartingPosition.LATEST })],
    });
    global.grantReadData(reader);
    global.metric('ConsumedReadCapacityUnits').createAlarm(this, 'Reads', { threshold: 1, evaluationPeriods: 1 });
  }
}
`;

const TAGS = [{ Key: 'team', Value: 'orders' }];

describe('CDK TableV2', () => {
  it('synthesizes an AWS::DynamoDB::GlobalTable with a replica per region, each with its recovery, tags and key', () => {
    const graph = cdkStackGraph(STACK);
    const table = (id: string) => graph.get(id)!;
    expect(
      ['Plain', 'Owned', 'Managed', 'Global', 'Streamed'].map(
        id => table(id).type,
      ),
    ).toEqual(Array(5).fill('AWS::DynamoDB::GlobalTable'));
    const region = Unknown.oneValue('AWS::Region');
    expect(table('Plain').properties).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [{ Region: region }],
    });
    // The deprecated pointInTimeRecovery as the specification; the table's tags are its own region's replica's.
    expect(table('Owned').properties).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: false },
      Replicas: [
        {
          Region: region,
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: false,
          },
          Tags: TAGS,
        },
      ],
    });
    expect(table('Managed').properties.Replicas).toEqual([
      {
        Region: region,
        PointInTimeRecoverySpecification: {
          PointInTimeRecoveryEnabled: true,
          RecoveryPeriodInDays: 7,
        },
      },
    ]);
    expect(table('Managed').properties.SSESpecification).toEqual({
      SSEEnabled: true,
      SSEType: 'KMS',
    });
    // Replicas in other regions first, each with its own settings over the table's and its key of replicaKeyArns;
    // a table with replicas streams new and old images.
    expect(table('Global').properties).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      Replicas: [
        {
          Region: 'eu-west-1',
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: false,
          },
          SSESpecification: {
            KMSMasterKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/replica',
          },
          Tags: TAGS,
        },
        {
          Region: region,
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
          },
          SSESpecification: { KMSMasterKeyId: new Ref('Key', 'Arn') },
          Tags: TAGS,
        },
      ],
    });
    expect(table('Streamed').properties.StreamSpecification).toEqual({
      StreamViewType: 'NEW_IMAGE',
    });
  });

  it('is judged as the CloudFormation of its synthesized template is (ENC-005, OPS-003, OPS-004)', () => {
    const findings = scanCdkStack(STACK, [
      'ENC-005',
      'OPS-003',
      'OPS-004',
    ]).filter(
      f =>
        ![
          'Key',
          'Reader',
          'Reader/ServiceRole',
          'Reader/DynamoDBEventSource:AppStreamedBC53A1A4',
          'Reads',
        ].includes(f.resourceId),
    );
    expect(
      findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}: ${f.message}`),
    ).toEqual([
      'ENC-005 Plain 12: Global table Plain does not set encryption, so it is encrypted only with an AWS-owned key.',
      'OPS-003 Plain 12: AWS::DynamoDB::GlobalTable Plain has no tags on its replica, so it cannot be attributed to a team, service or environment.',
      'OPS-004 Plain 12: DynamoDB global table Plain has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      'ENC-005 Owned 13: Global table Owned sets encryption to TableEncryptionV2.dynamoOwnedKey(), so it is encrypted only with an AWS-owned key.',
      'OPS-004 Owned 13: DynamoDB global table Owned has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      'OPS-003 Managed 14: AWS::DynamoDB::GlobalTable Managed has no tags on its replica, so it cannot be attributed to a team, service or environment.',
      'OPS-004 Global 19: DynamoDB global table Global has no point-in-time recovery on its replica in eu-west-1, so deleted or overwritten items cannot be restored.',
      'ENC-005 Streamed 22: Global table Streamed does not set encryption, so it is encrypted only with an AWS-owned key.',
      'OPS-004 Streamed 22: DynamoDB global table Streamed has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
    ]);
  });

  it("adds a replica of addReplica before its own region's, with the table's settings under its own, as cdk synth does", () => {
    const text = STACK.replace(
      "new dynamodb.TableV2(this, 'Managed'",
      "const managed = new dynamodb.TableV2(this, 'Managed'",
    ).replace(
      '    cdk.Tags.of(streamed)',
      "    managed.addReplica({ region: 'us-west-2', tags: [{ key: 'team', value: 'orders' }] });\n    streamed.addReplica({ region: 'eu-west-1' });\n    cdk.Tags.of(streamed)",
    );
    const graph = cdkStackGraph(text);
    const region = Unknown.oneValue('AWS::Region');
    const recovery = {
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: 7,
    };
    expect(graph.get('Managed')!.properties.Replicas).toEqual([
      {
        Region: 'us-west-2',
        PointInTimeRecoverySpecification: recovery,
        Tags: TAGS,
      },
      { Region: region, PointInTimeRecoverySpecification: recovery },
    ]);
    // A table with replicas streams new and old images, unless its dynamoStream says otherwise.
    expect(graph.get('Managed')!.properties.StreamSpecification).toEqual({
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(graph.get('Streamed')!.properties.Replicas).toEqual([
      { Region: 'eu-west-1' },
      { Region: region },
    ]);
    expect(graph.get('Streamed')!.properties.StreamSpecification).toEqual({
      StreamViewType: 'NEW_IMAGE',
    });
  });

  it('is referred to by its name, ARN, ID and stream ARN, in grants, event sources, metrics and variables', () => {
    const graph = cdkStackGraph(STACK);
    expect(graph.get('Reader')!.properties.Environment).toEqual({
      Variables: {
        GLOBAL: new Ref('Global'),
        GLOBAL_ARN: new Ref('Global', 'Arn'),
        GLOBAL_ID: new Ref('Global', 'TableId'),
      },
    });
    expect(
      graph.get('Reader/DynamoDBEventSource:AppStreamedBC53A1A4')!.properties
        .EventSourceArn,
    ).toEqual(new Ref('Streamed', 'StreamArn'));
    // A TableV2 lists its streams on its stream's ARN, not on `*` as a Table.
    expect(
      (
        graph.get('Reader/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: 'dynamodb:ListStreams',
        Resource: new Ref('Streamed', 'StreamArn'),
      },
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
        ],
        Resource: new Ref('Streamed', 'StreamArn'),
      },
      // On the key it is encrypted with, as synth writes it.
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: new Ref('Key', 'Arn'),
      },
      expect.objectContaining({
        Action: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']),
        Resource: new Ref('Global', 'Arn'),
      }),
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        Resource: new Ref('Global', 'Arn'),
      },
    ]);
    expect(graph.get('Reads')!.properties).toMatchObject({
      Namespace: 'AWS/DynamoDB',
      Dimensions: [{ Name: 'TableName', Value: new Ref('Global') }],
    });
    expect(
      scanCdkStack(STACK, ['IAM-002', 'IAM-004', 'DLQ-001', 'ALM-002']),
    ).toEqual([]);
  });
});
