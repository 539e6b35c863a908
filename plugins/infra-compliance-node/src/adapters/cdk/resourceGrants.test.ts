/**
 * What the grants of tables, queues, topics, buckets, streams, keys and state machines add to the grantee's policy, as `cdk synth`
 * writes it (aws-cdk-lib 2.278.0: aws-dynamodb/lib/table.ts and table-v2-base.ts, aws-sqs/lib/queue-base.ts,
 * aws-sns/lib/topic-base.ts, aws-s3/lib/bucket.ts, aws-kinesis/lib/stream.ts), as IAM-002 and IAM-004 judge it; and
 * those of such resources imported, and of log groups and secrets imported (aws-logs/lib/log-group-grants.ts,
 * aws-secretsmanager/lib/secret.ts), on the ARNs CDK derives from the imports; and those of log groups and secrets of the stack's;
 * and what `iam.Grant`'s methods add (aws-iam/lib/grant.ts).
 */
import {
  Ref,
  Template,
  Unknown,
  Value,
  concat,
  importOf,
} from '../../graph/values';
import {
  cdkStackFindingRows as findings,
  cdkStackGraph,
  cdkStackSource,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 11. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs'; import * as sns from 'aws-cdk-lib/aws-sns'; import * as s3 from 'aws-cdk-lib/aws-s3'; import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms'; import * as iam from 'aws-cdk-lib/aws-iam'; import * as sfn from 'aws-cdk-lib/aws-stepfunctions'; import * as logs from 'aws-cdk-lib/aws-logs'; import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager'; import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') };
const partitionKey = { name: 'id', type: dynamodb.AttributeType.STRING };`,
    body,
  );

/** What a bucket's grantPut grants, and its grantWrite and grantReadWrite besides reading (aws-s3/lib/perms.ts). */
const PUT_OBJECTS = [
  's3:PutObject',
  's3:PutObjectLegalHold',
  's3:PutObjectRetention',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:Abort*',
];
const WRITE_OBJECTS = ['s3:DeleteObject*', ...PUT_OBJECTS];
/** What a table's grantReadWriteData grants but reading its stream's records (aws-dynamodb/lib/perms.ts). */
const READ_WRITE_DATA = [
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
];

describe('CDK grants', () => {
  it('make no default policy for a role a call grants nothing (CDK makes it on the first statement)', () => {
    const graph = cdkStackGraph(
      stack(`    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const imported = iam.Role.fromRoleArn(this, 'Imported', 'arn:aws:iam::123456789012:role/worker');
    const managed = new iam.ManagedPolicy(this, 'Managed', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })] });
    managed.attachToRole(role);
    managed.attachToRole(imported);`),
    );
    expect(graph.ofType('AWS::IAM::Policy')).toEqual([]);
    expect(graph.get('Managed')!.properties.Roles).toEqual([
      new Ref('Role'),
      'worker',
    ]);
  });

  it("grant a role's, a user's or a group's grantPrincipal what they grant the role, user or group (its own grantPrincipal)", () => {
    const graph = cdkStackGraph(
      stack(`    const queue = new sqs.Queue(this, 'Jobs');
    queue.grantSendMessages(new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }).grantPrincipal);
    queue.grantSendMessages(new iam.User(this, 'User').grantPrincipal);
    queue.grantSendMessages(new iam.Group(this, 'Group').grantPrincipal);`),
    );
    const sendMessages = {
      Effect: 'Allow',
      Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      Resource: new Ref('Jobs', 'Arn'),
    };
    for (const identity of ['Role', 'User', 'Group'])
      expect(
        graph.get(`${identity}/DefaultPolicy`)!.properties.PolicyDocument,
      ).toEqual({ Version: '2012-10-17', Statement: [sendMessages] });
  });

  it("grant what reading a table's data and writing a bucket's objects grant, reading the table's stream records in a statement of its own", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey });
    orders.grantReadData(fn);
    orders.grantReadWriteData(fn);
    const files = new s3.Bucket(this, 'Files');
    files.grantWrite(fn);
    files.grantReadWrite(fn);
    files.grantPut(fn);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as { Statement: unknown[] }
    ).Statement;
    const table = [new Ref('Orders', 'Arn')];
    const records = {
      Effect: 'Allow',
      Action: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      Resource: table,
    };
    const bucket = new Ref('Files', 'Arn');
    const objects = new Template([bucket, '/*']);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:GetItem',
          'dynamodb:Scan',
          'dynamodb:ConditionCheckItem',
          'dynamodb:DescribeTable',
        ],
        Resource: table,
      },
      records,
      // The same statement again is written once, as synth writes it.
      { Effect: 'Allow', Action: READ_WRITE_DATA, Resource: table },
      { Effect: 'Allow', Action: WRITE_OBJECTS, Resource: [bucket, objects] },
      {
        Effect: 'Allow',
        Action: [
          's3:GetObject*',
          's3:GetBucket*',
          's3:List*',
          ...WRITE_OBJECTS,
        ],
        Resource: [bucket, objects],
      },
      { Effect: 'Allow', Action: PUT_OBJECTS, Resource: objects },
    ]);
  });

  it("grant every DynamoDB action on the table for grantFullAccess, a Table's and a TableV2's (IAM-002)", () => {
    const text =
      stack(`    const admin = new lambda.Function(this, 'Admin', props);
    new dynamodb.Table(this, 'Orders', { partitionKey }).grantFullAccess(admin);
    new dynamodb.TableV2(this, 'Carts', { partitionKey }).grantFullAccess(admin);`);
    const graph = cdkStackGraph(text);
    expect(
      (
        graph.get('Admin/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: [new Ref('Orders', 'Arn')],
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: new Ref('Carts', 'Arn'),
      },
    ]);
    expect(findings(text, ['IAM-002'])).toEqual([
      'IAM-002 Admin/ServiceRole/DefaultPolicy 12',
      'IAM-002 Admin/ServiceRole/DefaultPolicy 13',
    ]);
  });

  it('grant the actions named to grant() on a table, a queue or a stream (IAM-002), and what grantPurge, grantSubscribe, grantDelete and grantPutAcl grant (IAM-004)', () => {
    const text =
      stack(`    const orders = new dynamodb.Table(this, 'Orders', { partitionKey });
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
    expect(
      (
        graph.get('Fn/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: [new Ref('Orders', 'Arn')],
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:PutItem'],
        Resource: new Ref('Carts', 'Arn'),
      },
      { Effect: 'Allow', Action: ['sqs:*'], Resource: new Ref('Jobs', 'Arn') },
      {
        Effect: 'Allow',
        Action: ['kinesis:*'],
        Resource: new Ref('Clicks', 'Arn'),
      },
      { Effect: 'Allow', Action: ['s3:DeleteObject*'], Resource: objects },
      {
        Effect: 'Allow',
        Action: ['sqs:PurgeQueue', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        Resource: new Ref('Jobs', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: ['sns:Subscribe'],
        Resource: new Ref('Alerts'),
      },
    ]);
    expect(
      (
        graph.get('Other/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'],
        Resource: objects,
      },
    ]);
    // As the synthesized template's: subscribing is not publishing; an ACL of the bucket's objects is a use of it, not of the table.
    expect(findings(text, ['IAM-002', 'IAM-004'])).toEqual([
      'IAM-004 Fn 17',
      'IAM-002 Fn/ServiceRole/DefaultPolicy 18',
      'IAM-002 Fn/ServiceRole/DefaultPolicy 20',
      'IAM-002 Fn/ServiceRole/DefaultPolicy 21',
      'IAM-004 Other 25',
    ]);
  });

  it("grant the actions named to a key's grant() on its ARN, an alias's on its key's, an imported key's on the ARN it is given, as synth writes them (IAM-002, OPS-002)", () => {
    const text =
      stack(`    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    const alias = key.addAlias('alias/app');
    const imported = kms.Key.fromKeyArn(this, 'Ext', 'arn:aws:kms:eu-west-1:123456789012:key/k');
    const fn = new lambda.Function(this, 'Fn', props);
    key.grant(fn, 'kms:Decrypt', 'kms:DescribeKey');
    alias.grant(fn, 'kms:*');
    imported.grant(fn, 'kms:Decrypt');`);
    expect(
      (
        cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: new Ref('Key', 'Arn'),
      },
      { Effect: 'Allow', Action: ['kms:*'], Resource: new Ref('Key', 'Arn') },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      },
    ]);
    expect(findings(text, ['IAM-002', 'OPS-002'])).toEqual([
      'IAM-002 Fn/ServiceRole/DefaultPolicy 16',
      'OPS-002 Fn/ServiceRole/DefaultPolicy 17',
    ]);
  });

  it('grant on resources imported what they grant on those of the stack, on the ARNs CDK derives from the imports (IAM-002)', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    dynamodb.Table.fromTableName(this, 'Orders', 'orders').grantFullAccess(fn);
    dynamodb.Table.fromTableArn(this, 'Carts', 'arn:aws:dynamodb:us-east-1:123456789012:table/carts').grantWriteData(fn);
    dynamodb.TableV2.fromTableName(this, 'Users', 'users').grant(fn, 'dynamodb:*');
    sqs.Queue.fromQueueArn(this, 'Jobs', 'arn:aws:sqs:us-east-1:123456789012:jobs').grantConsumeMessages(fn);
    sns.Topic.fromTopicArn(this, 'Alerts', 'arn:aws:sns:us-east-1:123456789012:alerts').grantPublish(fn);
    s3.Bucket.fromBucketName(this, 'Files', 'files').grantReadWrite(fn);
    s3.Bucket.fromBucketArn(this, 'Other', 'arn:aws:s3:::other').grantPut(fn);
    kinesis.Stream.fromStreamArn(this, 'Clicks', 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks').grant(fn, 'kinesis:*');
    kms.Key.fromKeyArn(this, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/abc').grantDecrypt(fn);
    logs.LogGroup.fromLogGroupName(this, 'App', 'app').grantWrite(fn);
    logs.LogGroup.fromLogGroupArn(this, 'Audit', 'arn:aws:logs:us-east-1:123456789012:log-group:audit:*').grantRead(fn);
    secretsmanager.Secret.fromSecretNameV2(this, 'Db', 'db').grantRead(fn);
    secretsmanager.Secret.fromSecretCompleteArn(this, 'Api', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf').grantWrite(fn);`);
    const graph = cdkStackGraph(text);
    // `stack.formatArn`'s, in the stack's partition, region and account.
    const arn = (service: string, resource: string) =>
      new Template([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        `:${service}:`,
        Unknown.oneValue('AWS::Region'),
        ':',
        Unknown.oneValue('AWS::AccountId'),
        `:${resource}`,
      ]);
    expect(
      (
        graph.get('Fn/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: [arn('dynamodb', 'table/orders')],
      },
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchWriteItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
        ],
        Resource: ['arn:aws:dynamodb:us-east-1:123456789012:table/carts'],
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: arn('dynamodb', 'table/users'),
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
        Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs',
      },
      {
        Effect: 'Allow',
        Action: ['sns:Publish'],
        Resource: 'arn:aws:sns:us-east-1:123456789012:alerts',
      },
      {
        Effect: 'Allow',
        Action: [
          's3:GetObject*',
          's3:GetBucket*',
          's3:List*',
          ...WRITE_OBJECTS,
        ],
        Resource: [
          new Template([
            'arn:',
            Unknown.oneValue('AWS::Partition'),
            ':s3:::files',
          ]),
          new Template([
            'arn:',
            Unknown.oneValue('AWS::Partition'),
            ':s3:::files/*',
          ]),
        ],
      },
      {
        Effect: 'Allow',
        Action: PUT_OBJECTS,
        Resource: 'arn:aws:s3:::other/*',
      },
      {
        Effect: 'Allow',
        Action: ['kinesis:*'],
        Resource: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks',
      },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arn('logs', 'log-group:app:*'),
      },
      {
        Effect: 'Allow',
        Action: [
          'logs:FilterLogEvents',
          'logs:GetLogEvents',
          'logs:GetLogGroupFields',
          'logs:DescribeLogGroups',
          'logs:DescribeLogStreams',
        ],
        Resource: [
          'arn:aws:logs:us-east-1:123456789012:log-group:audit',
          'arn:aws:logs:us-east-1:123456789012:log-group:audit:*',
        ],
      },
      {
        Effect: 'Allow',
        Action: [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
        ],
        Resource: arn('secretsmanager', 'secret:db-??????'),
      },
      {
        Effect: 'Allow',
        Action: [
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecret',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        Resource:
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:api-AbCdEf',
      },
    ]);
    expect(findings(text, ['IAM-002', 'IAM-003'])).toEqual([
      'IAM-002 Fn/ServiceRole/DefaultPolicy 12',
      'IAM-002 Fn/ServiceRole/DefaultPolicy 14',
      'IAM-002 Fn/ServiceRole/DefaultPolicy 19',
    ]);
  });

  it('grant on a resource imported of an ARN not known statically on that ARN, and on the key its attributes name (IAM-002)', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const arn = cdk.Fn.importValue('OrdersArn');
    dynamodb.Table.fromTableArn(this, 'Orders', arn).grantFullAccess(fn);
    const key = new kms.Key(this, 'Key');
    dynamodb.Table.fromTableAttributes(this, 'Carts', { tableName: 'carts', encryptionKey: key }).grantReadWriteData(fn);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as { Statement: unknown[] }
    ).Statement;
    const carts = new Template([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':dynamodb:',
      Unknown.oneValue('AWS::Region'),
      ':',
      Unknown.oneValue('AWS::AccountId'),
      ':table/carts',
    ]);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: [importOf('OrdersArn')],
      },
      {
        Effect: 'Allow',
        Action: READ_WRITE_DATA,
        Resource: [carts],
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        Resource: [carts],
      },
      {
        Effect: 'Allow',
        Action: [
          'kms:Decrypt',
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
        ],
        Resource: new Ref('Key', 'Arn'),
      },
    ]);
    // What the table's ARN is does not change that every action is granted; a resource not known is not `*`.
    expect(findings(text, ['IAM-002', 'IAM-003'])).toEqual([
      'IAM-002 Fn/ServiceRole/DefaultPolicy 13',
    ]);
  });

  it("grant on a bucket imported by its attributes (Bucket.fromBucketAttributes) on the ARN they name, else on the one CDK makes of its name, and on the key they name, as synth writes them; the function granted is not lost to the model (ALM-001), and the key's hardcoded ARN is found (OPS-002)", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const key = kms.Key.fromKeyArn(this, 'Key', 'arn:aws:kms:eu-west-1:123456789012:key/k');
    s3.Bucket.fromBucketAttributes(this, 'Files', { bucketArn: 'arn:aws:s3:::files', encryptionKey: key }).grantRead(fn);
    const own = new kms.Key(this, 'Own', { enableKeyRotation: true });
    s3.Bucket.fromBucketAttributes(this, 'Uploads', { bucketName: 'uploads', encryptionKey: own }).grantPut(fn);
    s3.Bucket.fromBucketAttributes(this, 'Other', { bucketName: 'other' }).grantWrite(fn);`);
    const uploads = concat([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':s3:::uploads/*',
    ]);
    const other = (suffix: string) =>
      concat([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        `:s3:::other${suffix}`,
      ]);
    expect(
      (
        cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
        Resource: ['arn:aws:s3:::files', 'arn:aws:s3:::files/*'],
      },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Resource: 'arn:aws:kms:eu-west-1:123456789012:key/k',
      },
      { Effect: 'Allow', Action: PUT_OBJECTS, Resource: uploads },
      {
        Effect: 'Allow',
        Action: [
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Decrypt',
        ],
        Resource: new Ref('Own', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: WRITE_OBJECTS,
        Resource: [other(''), other('/*')],
      },
    ]);
    expect(findings(text, ['ALM-001', 'OPS-002'])).toEqual([
      'ALM-001 Fn 11',
      'OPS-002 Fn/ServiceRole/DefaultPolicy 13',
    ]);
  });

  it('grant on a queue imported by its attributes (Queue.fromQueueAttributes) on the ARN they name, and on the key they name, as synth writes them', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    sqs.Queue.fromQueueAttributes(this, 'Jobs', { queueArn: 'arn:aws:sqs:us-east-1:123456789012:jobs', keyArn: 'arn:aws:kms:us-east-1:123456789012:key/k' }).grantSendMessages(fn);`);
    expect(
      (
        cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'sqs:SendMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs',
      },
      {
        Effect: 'Allow',
        Action: [
          'kms:Decrypt',
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
        ],
        Resource: 'arn:aws:kms:us-east-1:123456789012:key/k',
      },
    ]);
  });

  it("grant on the key a queue, a table or a topic of the stack's is encrypted with what their grants grant on it, as synth writes it; a key imported by ARN is that ARN, on which OPS-002 finds its hardcoded region and account", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true });
    new sqs.Queue(this, 'Orders', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key }).grantConsumeMessages(fn);
    new dynamodb.Table(this, 'Customers', { partitionKey, encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: key }).grantReadData(fn);
    new sns.Topic(this, 'Events', { masterKey: key }).grantPublish(fn);
    new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.KMS }).grantPurge(fn);
    const imported = kms.Key.fromKeyArn(this, 'Imported', 'arn:aws:kms:eu-west-1:123456789012:key/k');
    new sqs.Queue(this, 'Audit', { encryptionMasterKey: imported }).grantSendMessages(fn);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as {
        Statement: { Action: unknown; Resource: unknown }[];
      }
    ).Statement;
    expect(
      statements
        .filter(statement => String(statement.Action).startsWith('kms:'))
        .map(statement => [statement.Action, statement.Resource]),
    ).toEqual([
      [['kms:Decrypt'], new Ref('Key', 'Arn')],
      [['kms:Decrypt', 'kms:DescribeKey'], new Ref('Key', 'Arn')],
      [['kms:Decrypt', 'kms:GenerateDataKey*'], new Ref('Key', 'Arn')],
      [
        [
          'kms:Decrypt',
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
        ],
        'arn:aws:kms:eu-west-1:123456789012:key/k',
      ],
    ]);
    expect(findings(text, ['OPS-002'])).toEqual([
      'OPS-002 Fn/ServiceRole/DefaultPolicy 18',
      'OPS-002 Audit 18',
    ]);
  });

  it('grant on the key a bucket is given what its grants grant on it, as synth writes it (OPS-002 on a key imported by ARN)', () => {
    const text =
      stack(`    const key = kms.Key.fromKeyArn(this, 'Shared', 'arn:aws:kms:eu-west-1:123456789012:key/k');
    const bucket = new s3.Bucket(this, 'Files', { encryptionKey: key });
    bucket.grantRead(new lambda.Function(this, 'Reader', props));
    bucket.grantPut(new lambda.Function(this, 'Writer', props));
    bucket.grantReadWrite(new lambda.Function(this, 'Both', props));
    bucket.grantDelete(new lambda.Function(this, 'Cleaner', props));
    new s3.Bucket(this, 'Plain').grantRead(new lambda.Function(this, 'Other', props));`);
    const graph = cdkStackGraph(text);
    const keyStatements = (fn: string) =>
      (
        (graph.get(`${fn}/ServiceRole/DefaultPolicy`)?.properties
          .PolicyDocument ?? { Statement: [] }) as {
          Statement: { Action: unknown; Resource: unknown }[];
        }
      ).Statement.filter(statement =>
        String(statement.Action).startsWith('kms:'),
      ).map(statement => statement.Action);
    expect(
      ['Reader', 'Writer', 'Both', 'Cleaner', 'Other'].map(keyStatements),
    ).toEqual([
      [['kms:Decrypt', 'kms:DescribeKey']],
      [
        [
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Decrypt',
        ],
      ],
      [
        [
          'kms:Decrypt',
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
        ],
      ],
      [],
      [],
    ]);
    // The bucket's BucketEncryption names the key too, as synth writes it.
    expect(findings(text, ['OPS-002'])).toEqual([
      'OPS-002 Files 12',
      'OPS-002 Reader/ServiceRole/DefaultPolicy 13',
      'OPS-002 Writer/ServiceRole/DefaultPolicy 14',
      'OPS-002 Both/ServiceRole/DefaultPolicy 15',
    ]);
  });

  it('grant on the key a queue or a table imported names, by ARN or imported by ARN, what their grants grant on it, on which OPS-002 finds its hardcoded region and account as in the synthesized template', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const queue = sqs.Queue.fromQueueAttributes(this, 'Orders', {
      queueArn: cdk.Stack.of(this).formatArn({ service: 'sqs', resource: 'orders' }),
      keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    queue.grantConsumeMessages(fn);
    const table = dynamodb.Table.fromTableAttributes(this, 'Customers', {
      tableName: 'customers',
      encryptionKey: kms.Key.fromKeyArn(this, 'CustomersKey', 'arn:aws:kms:eu-west-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab'),
    });
    table.grantReadData(fn);
    sqs.Queue.fromQueueAttributes(this, 'Audit', { queueArn: 'arn:aws:sqs:eu-west-1:123456789012:audit', keyArn: cdk.Fn.importValue('AuditKeyArn') }).grantPurge(fn);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as {
        Statement: { Action: unknown; Resource: unknown }[];
      }
    ).Statement;
    expect(
      statements
        .filter(statement => String(statement.Action).startsWith('kms:'))
        .map(statement => [statement.Action, statement.Resource]),
    ).toEqual([
      [
        ['kms:Decrypt'],
        'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ],
      [
        ['kms:Decrypt', 'kms:DescribeKey'],
        'arn:aws:kms:eu-west-1:123456789012:key/abcd1234-12ab-34cd-56ef-1234567890ab',
      ],
    ]);
    expect(findings(text, ['OPS-002'])).toEqual([
      'OPS-002 Fn/ServiceRole/DefaultPolicy 16',
      'OPS-002 Fn/ServiceRole/DefaultPolicy 21',
      'OPS-002 Fn/ServiceRole/DefaultPolicy 22',
    ]);
  });

  it('grant on the key a bucket encrypted with KMS or DSSE without one makes (with rotation for KMS, ENC-007), and on the key a topic imported names, what synth writes (OPS-002)', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    new s3.Bucket(this, 'Uploads', { encryption: s3.BucketEncryption.KMS }).grantWrite(fn);
    new s3.Bucket(this, 'Archive', { encryption: s3.BucketEncryption.DSSE }).grantRead(fn);
    new s3.Bucket(this, 'Plain', { encryption: s3.BucketEncryption.S3_MANAGED }).grantRead(fn);
    sns.Topic.fromTopicAttributes(this, 'Events', {
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:events',
      keyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k',
    }).grantPublish(fn);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as {
        Statement: { Action: unknown; Resource: unknown }[];
      }
    ).Statement;
    expect(
      statements
        .filter(statement => !String(statement.Action).startsWith('s3:'))
        .map(statement => [statement.Action, statement.Resource]),
    ).toEqual([
      [
        [
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Decrypt',
        ],
        new Ref('Uploads/Key', 'Arn'),
      ],
      [['kms:Decrypt', 'kms:DescribeKey'], new Ref('Archive/Key', 'Arn')],
      [['sns:Publish'], 'arn:aws:sns:eu-west-1:123456789012:events'],
      [
        ['kms:Decrypt', 'kms:GenerateDataKey*'],
        'arn:aws:kms:eu-west-1:123456789012:key/k',
      ],
    ]);
    expect(findings(text, ['ENC-007', 'OPS-002'])).toEqual([
      'ENC-007 Archive/Key 13',
      'OPS-002 Fn/ServiceRole/DefaultPolicy 15',
      'OPS-002 Fn/ServiceRole/DefaultPolicy 15',
    ]);
  });

  it("grant on the key a TableV2 is encrypted with, and grantStreamRead on a table's key, what synth writes (OPS-002 on a key imported by ARN)", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const key = kms.Key.fromKeyArn(this, 'Key', 'arn:aws:kms:eu-west-1:123456789012:key/k');
    new dynamodb.TableV2(this, 'Carts', { partitionKey, encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) }).grantWriteData(fn);
    new dynamodb.Table(this, 'Orders', { partitionKey, encryptionKey: key, stream: dynamodb.StreamViewType.NEW_IMAGE }).grantStreamRead(fn);
    new dynamodb.Table(this, 'Users', { partitionKey, encryptionKey: key, stream: dynamodb.StreamViewType.NEW_IMAGE }).grantTableListStreams(fn);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as {
        Statement: { Action: unknown; Resource: unknown }[];
      }
    ).Statement;
    expect(
      statements
        .filter(statement => String(statement.Action).startsWith('kms:'))
        .map(statement => [statement.Action, statement.Resource]),
    ).toEqual([
      [
        [
          'kms:Decrypt',
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
        ],
        'arn:aws:kms:eu-west-1:123456789012:key/k',
      ],
      [
        ['kms:Decrypt', 'kms:DescribeKey'],
        'arn:aws:kms:eu-west-1:123456789012:key/k',
      ],
    ]);
    expect(
      findings(text, ['OPS-002']).filter(row => row.includes('Policy')),
    ).toEqual([
      'OPS-002 Fn/ServiceRole/DefaultPolicy 13',
      'OPS-002 Fn/ServiceRole/DefaultPolicy 14',
    ]);
  });

  it("grant on a table's indexes too where it has any: a Table's at synthesis, a TableV2's when granted, an import's as its attributes say", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey, sortKey: partitionKey });
    orders.grantWriteData(fn);
    orders.addLocalSecondaryIndex({ indexName: 'byDate', sortKey: { name: 'date', type: dynamodb.AttributeType.STRING } });
    new dynamodb.TableV2(this, 'Carts', { partitionKey, globalSecondaryIndexes: [{ indexName: 'byUser', partitionKey }] }).grantFullAccess(fn);
    const users = new dynamodb.TableV2(this, 'Users', { partitionKey });
    users.grant(fn, 'dynamodb:GetItem');
    users.addGlobalSecondaryIndex({ indexName: 'byEmail', partitionKey });
    dynamodb.Table.fromTableAttributes(this, 'Items', { tableName: 'items', globalIndexes: ['byOwner'] }).grant(fn, 'dynamodb:Query');
    dynamodb.TableV2.fromTableAttributes(this, 'Tags', { tableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/tags', grantIndexPermissions: true }).grant(fn, 'dynamodb:Query');`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as { Statement: unknown[] }
    ).Statement;
    const withIndexes = (arn: Value) => [arn, concat([arn, '/index/*'])];
    const items = new Template([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':dynamodb:',
      Unknown.oneValue('AWS::Region'),
      ':',
      Unknown.oneValue('AWS::AccountId'),
      ':table/items',
    ]);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchWriteItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
        ],
        Resource: withIndexes(new Ref('Orders', 'Arn')),
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:*'],
        Resource: withIndexes(new Ref('Carts', 'Arn')),
      },
      // An index added to a TableV2 after the grant is not granted on (table-v2.ts: its grants read hasIndex when made).
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem'],
        Resource: new Ref('Users', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:Query'],
        Resource: withIndexes(items),
      },
      {
        Effect: 'Allow',
        Action: ['dynamodb:Query'],
        Resource: withIndexes(
          'arn:aws:dynamodb:us-east-1:123456789012:table/tags',
        ),
      },
    ]);
  });
  it("grant on a log group's and a secret's what their grants grant, not a bucket's actions; a secret's version stages as a condition", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const app = new logs.LogGroup(this, 'App');
    app.grant(fn, 'logs:PutLogEvents');
    app.grantRead(fn);
    app.grantWrite(fn);
    const db = new secretsmanager.Secret(this, 'Db');
    db.grantRead(fn);
    db.grantWrite(fn);
    db.grantRead(fn, ['AWSCURRENT']);
    secretsmanager.Secret.fromSecretNameV2(this, 'Api', 'api').grantRead(fn, ['AWSPREVIOUS']);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as { Statement: unknown[] }
    ).Statement;
    const stackArn = (service: string, ...resource: (string | Ref)[]) =>
      new Template([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        `:${service}:`,
        Unknown.oneValue('AWS::Region'),
        ':',
        Unknown.oneValue('AWS::AccountId'),
        ...resource,
      ]);
    const logGroup = [
      stackArn('logs', ':log-group:', new Ref('App')),
      new Ref('App', 'Arn'),
    ];
    const read = [
      'secretsmanager:GetSecretValue',
      'secretsmanager:DescribeSecret',
    ];
    const stages = (stage: string) => ({
      'ForAnyValue:StringEquals': { 'secretsmanager:VersionStage': [stage] },
    });
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: logGroup },
      {
        Effect: 'Allow',
        Action: [
          'logs:FilterLogEvents',
          'logs:GetLogEvents',
          'logs:GetLogGroupFields',
          'logs:DescribeLogGroups',
          'logs:DescribeLogStreams',
        ],
        Resource: logGroup,
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: new Ref('App', 'Arn'),
      },
      { Effect: 'Allow', Action: read, Resource: new Ref('Db') },
      {
        Effect: 'Allow',
        Action: [
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecret',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        Resource: new Ref('Db'),
      },
      {
        Effect: 'Allow',
        Action: read,
        Resource: new Ref('Db'),
        Condition: stages('AWSCURRENT'),
      },
      {
        Effect: 'Allow',
        Action: read,
        Resource: stackArn('secretsmanager', ':secret:api-??????'),
        Condition: stages('AWSPREVIOUS'),
      },
    ]);
  });
  it("grant on a bucket's objects of the key pattern a grant is given, and grantWrite's action patterns where it is given any", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const files = new s3.Bucket(this, 'Files');
    files.grantRead(fn, 'reports/*');
    files.grantDelete(fn, 'tmp/*');
    files.grantWrite(fn, 'in/*', []);
    s3.Bucket.fromBucketName(this, 'Other', 'other').grantWrite(fn, 'in/*', ['s3:PutObject']);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as { Statement: unknown[] }
    ).Statement;
    const files = new Ref('Files', 'Arn');
    const other = (key: string) =>
      new Template([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        `:s3:::other${key}`,
      ]);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
        Resource: [files, new Template([files, '/reports/*'])],
      },
      {
        Effect: 'Allow',
        Action: ['s3:DeleteObject*'],
        Resource: new Template([files, '/tmp/*']),
      },
      {
        Effect: 'Allow',
        Action: WRITE_OBJECTS,
        Resource: [files, new Template([files, '/in/*'])],
      },
      {
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: [other(''), other('/in/*')],
      },
    ]);
  });
  it("grant on a Table's replicas in other regions too, and on their indexes where it has any", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const orders = new dynamodb.Table(this, 'Orders', { partitionKey, replicationRegions: ['eu-west-1'], billingMode: dynamodb.BillingMode.PAY_PER_REQUEST });
    orders.grantWriteData(fn);
    orders.addGlobalSecondaryIndex({ indexName: 'byUser', partitionKey });`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as { Statement: unknown[] }
    ).Statement;
    const table = new Ref('Orders', 'Arn');
    const replica = new Template([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':dynamodb:eu-west-1:',
      Unknown.oneValue('AWS::AccountId'),
      ':table/',
      new Ref('Orders'),
    ]);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchWriteItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
        ],
        Resource: [
          table,
          replica,
          concat([table, '/index/*']),
          concat([replica, '/index/*']),
        ],
      },
    ]);
  });
  it("grant what a state machine's grantRead grants, not a bucket's actions: listing and describing on `*` too (IAM-003)", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const flow = new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Start')) });
    flow.grantRead(fn);`);
    const statements = (
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument as { Statement: unknown[] }
    ).Statement;
    const executions = new Template([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':states:',
      Unknown.oneValue('AWS::Region'),
      ':',
      Unknown.oneValue('AWS::AccountId'),
      ':execution:',
      new Ref('Flow', 'Name'),
      ':*',
    ]);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['states:ListExecutions', 'states:ListStateMachines'],
        Resource: new Ref('Flow'),
      },
      {
        Effect: 'Allow',
        Action: [
          'states:DescribeExecution',
          'states:DescribeStateMachineForExecution',
          'states:GetExecutionHistory',
        ],
        Resource: executions,
      },
      {
        Effect: 'Allow',
        Action: [
          'states:ListActivities',
          'states:DescribeStateMachine',
          'states:DescribeActivity',
        ],
        Resource: '*',
      },
    ]);
    expect(findings(text, ['IAM-003'])).toEqual([
      'IAM-003 Fn/ServiceRole/DefaultPolicy 13',
    ]);
  });

  it("grant a state machine's grant(grantee, ...actions) grants the actions named, on the state machine, as synth writes", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const flow = new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Start')) });
    flow.grant(fn, 'states:ListExecutions', 'states:DescribeStateMachine');
    flow.grant(fn, 'states:StopExecution');`);
    expect(
      cdkStackGraph(text).get('Fn/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['states:ListExecutions', 'states:DescribeStateMachine'],
          Resource: new Ref('Flow'),
        },
        {
          Effect: 'Allow',
          // Synth writes one action as a string, the model as a list of one, as for other grants.
          Action: ['states:StopExecution'],
          Resource: new Ref('Flow'),
        },
      ],
    });
  });

  it("iam.Grant.addToPrincipal and its …OrResource and …AndResource forms add the statement to the grantee's default policy; …AndResource also to the policy of a bucket of the stack (the grantee its principal), not of one imported, as synth writes", () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const reports = new s3.Bucket(this, 'Reports');
    const fn = new lambda.Function(this, 'Fn', { ...props, environment: { QUEUE_URL: jobs.queueUrl } });
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['sqs:SendMessage'], resourceArns: [jobs.queueArn] });
    const ci = new iam.User(this, 'Ci');
    iam.Grant.addToPrincipalOrResource({ grantee: ci, actions: ['s3:*'], resourceArns: ['*'], resource: reports });
    const worker = new iam.Role(this, 'Worker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const secure = { Bool: { 'aws:SecureTransport': 'true' } };
    iam.Grant.addToPrincipalAndResource({ grantee: worker, actions: ['s3:GetObject'], resourceArns: [\`\${reports.bucketArn}/*\`], resource: reports, conditions: secure });
    const other = s3.Bucket.fromBucketArn(this, 'Other', 'arn:aws:s3:::other');
    iam.Grant.addToPrincipalAndResource({ grantee: worker, actions: ['s3:PutObject'], resourceArns: ['arn:aws:s3:::other/*'], resource: other });`);
    const graph = cdkStackGraph(text);
    const statements = (id: string) =>
      (graph.get(id)!.properties.PolicyDocument as { Statement: Value[] })
        .Statement;
    expect(statements('Fn/ServiceRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: [new Ref('Jobs', 'Arn')],
      },
    ]);
    expect(statements('Ci/DefaultPolicy')).toEqual([
      { Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] },
    ]);
    const objects = concat([new Ref('Reports', 'Arn'), '/*']);
    const condition = { Bool: { 'aws:SecureTransport': 'true' } };
    expect(statements('Worker/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [objects],
        Condition: condition,
      },
      {
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::other/*'],
      },
    ]);
    expect(statements('Reports/Policy')).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [objects],
        Condition: condition,
        Principal: { AWS: [new Ref('Worker', 'Arn')] },
      },
    ]);
    expect(findings(text, ['IAM-002', 'IAM-004'])).toEqual([
      'IAM-002 Ci/DefaultPolicy 16',
    ]);
  });
});
