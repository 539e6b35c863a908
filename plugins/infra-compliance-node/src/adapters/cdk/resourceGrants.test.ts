/**
 * What the grants of tables, queues, topics, buckets and streams add to the grantee's policy, as `cdk synth`
 * writes it (aws-cdk-lib 2.278.0: aws-dynamodb/lib/table.ts and table-v2-base.ts, aws-sqs/lib/queue-base.ts,
 * aws-sns/lib/topic-base.ts, aws-s3/lib/bucket.ts, aws-kinesis/lib/stream.ts), as IAM-002 and IAM-004 judge it.
 */
import { Ref, Template } from '../../graph/values';
import { cdkStackFindingRows as findings, cdkStackGraph, cdkStackSource } from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 11. */
const stack = (body: string) => cdkStackSource(`import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs'; import * as sns from 'aws-cdk-lib/aws-sns'; import * as s3 from 'aws-cdk-lib/aws-s3'; import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') };
const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };`, body);

describe('CDK grants', () => {
  it("grant every DynamoDB action on the table for grantFullAccess, a Table's and a TableV2's (IAM-002)", () => {
    const text = stack(`    const admin = new lambda.Function(this, 'Admin', props);
    new dynamodb.Table(this, 'Orders', { partitionKey }).grantFullAccess(admin);
    new dynamodb.TableV2(this, 'Carts', { partitionKey }).grantFullAccess(admin);`);
    const graph = cdkStackGraph(text);
    expect((graph.get('Admin/ServiceRole/DefaultPolicy')!.properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:*'], Resource: new Ref('Orders', 'Arn') },
      { Effect: 'Allow', Action: ['dynamodb:*'], Resource: new Ref('Carts', 'Arn') },
    ]);
    expect(findings(text, ['IAM-002'])).toEqual(['IAM-002 Admin/ServiceRole/DefaultPolicy 12', 'IAM-002 Admin/ServiceRole/DefaultPolicy 13']);
  });

  it('grant the actions named to grant() on a table, a queue or a stream (IAM-002), and what grantPurge, grantSubscribe, grantDelete and grantPutAcl grant (IAM-004)', () => {
    const text = stack(`    const orders = new dynamodb.Table(this, 'Orders', { partitionKey });
    const carts = new dynamodb.TableV2(this, 'Carts', { partitionKey });
    const jobs = new sqs.Queue(this, 'Jobs');
    const alerts = new sns.Topic(this, 'Alerts');
    const files = new s3.Bucket(this, 'Files');
    const clicks = new kinesis.Stream(this, 'Clicks');
    const fn = new lambda.Function(this, 'Fn', { ...props, environment: { T: orders.tableName, V: carts.tableName, Q: jobs.queueUrl, S: alerts.topicArn, B: files.bucketName } });
    orders.grant(fn, 'dynamodb:*');
    carts.grant(fn, 'dynamodb:PutItem');
    jobs.grant(fn, 'sqs:*');
    clicks.grant(fn, 'kinesis:*');
    files.grantDelete(fn);
    jobs.grantPurge(fn);
    alerts.grantSubscribe(fn);
    const other = new lambda.Function(this, 'Other', { ...props, environment: { B: files.bucketName, T: orders.tableName } });
    files.grantPutAcl(other);`);
    const graph = cdkStackGraph(text);
    const objects = new Template([new Ref('Files', 'Arn'), '/*']);
    expect((graph.get('Fn/ServiceRole/DefaultPolicy')!.properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:*'], Resource: new Ref('Orders', 'Arn') },
      { Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: new Ref('Carts', 'Arn') },
      { Effect: 'Allow', Action: ['sqs:*'], Resource: new Ref('Jobs', 'Arn') },
      { Effect: 'Allow', Action: ['kinesis:*'], Resource: new Ref('Clicks', 'Arn') },
      { Effect: 'Allow', Action: ['s3:DeleteObject*'], Resource: objects },
      { Effect: 'Allow', Action: ['sqs:PurgeQueue', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: new Ref('Jobs', 'Arn') },
      { Effect: 'Allow', Action: ['sns:Subscribe'], Resource: new Ref('Alerts') },
    ]);
    expect((graph.get('Other/ServiceRole/DefaultPolicy')!.properties.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'], Resource: objects },
    ]);
    // As the synthesized template's: subscribing is not publishing; an ACL of the bucket's objects is a use of it, not of the table.
    expect(findings(text, ['IAM-002', 'IAM-004'])).toEqual([
      'IAM-004 Fn 17', 'IAM-002 Fn/ServiceRole/DefaultPolicy 18', 'IAM-002 Fn/ServiceRole/DefaultPolicy 20', 'IAM-002 Fn/ServiceRole/DefaultPolicy 21', 'IAM-004 Other 25',
    ]);
  });
});
