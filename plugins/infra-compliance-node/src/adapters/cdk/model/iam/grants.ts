/**
 * What the `grant*` methods of CDK's constructs grant: the actions of each, on which of the resource's ARNs, and the
 * statements a few of them write their own way.
 */
import { lookupTable } from '../../../../support/lookupTable';
import {
  GLOBAL_TABLE,
  KEY,
  KEY_ALIAS,
  QUEUE,
  SECRET,
  STREAM,
  TABLE,
} from '../resourceTypes';
import { JsValue, toGraphValue } from '../../../pulumi/interpreter';
import { Ref, Unknown, Value, concat } from '../../../../graph/values';
import { Props } from '../props';
import { ref, stackArn } from '../arns';

/**
 * What a table's grants that read its data grant in a statement of their own, on what the others are on
 * (aws-dynamodb/lib/table-grants.ts, PRINCIPAL_ONLY_READ_DATA_ACTIONS).
 */
const TABLE_PRINCIPAL_ONLY_READ = [
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
];

/** What a bucket's grants that write objects grant (aws-s3/lib/perms.ts, BUCKET_PUT_ACTIONS and BUCKET_DELETE_ACTIONS). */
const BUCKET_PUT = [
  's3:PutObject',
  's3:PutObjectLegalHold',
  's3:PutObjectRetention',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:Abort*',
];

const BUCKET_WRITE = ['s3:DeleteObject*', ...BUCKET_PUT];

/**
 * Actions the `grant*` methods add, by method name, on the resource's Ref or
 * attribute; a bucket's object actions on its objects too (`arn/*`), or only.
 */
export const GRANTS = lookupTable<{
  actions: string[];
  attribute?: string;
  objects?: 'also' | 'only';
  principalOnly?: string[];
}>({
  grantPublish: { actions: ['sns:Publish'] },
  grantSendMessages: {
    actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
    attribute: 'Arn',
  },
  grantConsumeMessages: {
    actions: [
      'sqs:ReceiveMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:GetQueueUrl',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
    ],
    attribute: 'Arn',
  },
  grantReadData: {
    actions: [
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:Scan',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DescribeTable',
    ],
    attribute: 'Arn',
    principalOnly: TABLE_PRINCIPAL_ONLY_READ,
  },
  grantWriteData: {
    actions: [
      'dynamodb:BatchWriteItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:DescribeTable',
    ],
    attribute: 'Arn',
  },
  grantReadWriteData: {
    actions: [
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
    ],
    attribute: 'Arn',
    principalOnly: TABLE_PRINCIPAL_ONLY_READ,
  },
  grantInvoke: { actions: ['lambda:InvokeFunction'], attribute: 'Arn' },
  grantRead: {
    actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*'],
    attribute: 'Arn',
    objects: 'also',
  },
  grantWrite: { actions: BUCKET_WRITE, attribute: 'Arn', objects: 'also' },
  grantPut: { actions: BUCKET_PUT, attribute: 'Arn', objects: 'only' },
  grantReadWrite: {
    actions: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', ...BUCKET_WRITE],
    attribute: 'Arn',
    objects: 'also',
  },
  grantEncryptDecrypt: {
    actions: [
      'kms:Decrypt',
      'kms:Encrypt',
      'kms:ReEncrypt*',
      'kms:GenerateDataKey*',
    ],
    attribute: 'Arn',
  },
  grantDecrypt: { actions: ['kms:Decrypt'], attribute: 'Arn' },
  grantEncrypt: {
    actions: ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
    attribute: 'Arn',
  },
  grantStartExecution: { actions: ['states:StartExecution'] },
  grantPutEventsTo: { actions: ['events:PutEvents'], attribute: 'Arn' },
});

/**
 * Grants of one type of resource, by its type, which other constructs' methods of those names are not: a table's
 * (aws-dynamodb/lib/table.ts, table-v2-base.ts), a queue's, a topic's, a bucket's and a Kinesis stream's (queue-base.ts,
 * topic-base.ts, bucket.ts, stream.ts), a key's and a state machine's; `undefined` actions: those the call names (`grant(grantee, ...actions)`).
 */
const TABLE_OWN_GRANTS = {
  grantFullAccess: { actions: ['dynamodb:*'], attribute: 'Arn' },
  grant: { attribute: 'Arn' },
};

export const OWN_GRANTS = lookupTable<
  Readonly<
    Record<string, { actions?: string[]; attribute?: string; objects?: 'only' }>
  >
>({
  'AWS::DynamoDB::Table': TABLE_OWN_GRANTS,
  'AWS::DynamoDB::GlobalTable': TABLE_OWN_GRANTS,
  'AWS::SQS::Queue': {
    grantPurge: {
      actions: ['sqs:PurgeQueue', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      attribute: 'Arn',
    },
    grant: { attribute: 'Arn' },
  },
  'AWS::SNS::Topic': { grantSubscribe: { actions: ['sns:Subscribe'] } },
  'AWS::S3::Bucket': {
    grantDelete: {
      actions: ['s3:DeleteObject*'],
      attribute: 'Arn',
      objects: 'only',
    },
    grantPutAcl: {
      actions: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl'],
      attribute: 'Arn',
      objects: 'only',
    },
  },
  'AWS::Kinesis::Stream': { grant: { attribute: 'Arn' } },
  // A state machine's, on it (its plain reference is its ARN; aws-stepfunctions/lib/state-machine.ts, grant).
  'AWS::StepFunctions::StateMachine': {
    grant: {},
    grantStartSyncExecution: { actions: ['states:StartSyncExecution'] },
  },
  // A key's, on its ARN (aws-kms/lib/key.ts, grant); an alias's are its key's (see callMethod).
  'AWS::KMS::Key': { grant: { attribute: 'Arn' } },
});

/** The actions of a Kinesis stream's grants (aws-kinesis/lib/stream.ts), and the grant of its key each makes too. */
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

const STREAM_WRITE = [
  'kinesis:ListShards',
  'kinesis:PutRecord',
  'kinesis:PutRecords',
];

export const STREAM_GRANTS = lookupTable<{
  actions: string[];
  keyGrant: string;
}>({
  grantRead: { actions: STREAM_READ, keyGrant: 'grantDecrypt' },
  grantWrite: { actions: STREAM_WRITE, keyGrant: 'grantEncrypt' },
  grantReadWrite: {
    actions: [...new Set([...STREAM_READ, ...STREAM_WRITE])],
    keyGrant: 'grantEncryptDecrypt',
  },
});

/**
 * What a table's grants on its stream add (aws-dynamodb/lib/stream-grants.ts): listing the streams, on no
 * resource (`*`), a TableV2's on its stream (table-v2-base.ts), and actions on its stream; `undefined` actions:
 * those the call names (`grantStream(grantee, ...actions)`); grantStreamRead's on the table's key, as its other
 * grants' (see KEY_GRANTS).
 */
export const TABLE_STREAM_GRANTS = lookupTable<{
  listStreams: boolean;
  actions?: string[];
}>({
  grantStreamRead: {
    listStreams: true,
    actions: [
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ],
  },
  grantTableListStreams: { listStreams: true, actions: [] },
  grantStream: { listStreams: false },
});

/**
 * What each destination of a function's asynchronous invocations, and of an event source mapping's failures
 * (aws-lambda-event-sources/lib/sqs-dlq.ts, sns-dlq.ts, s3-onfailuire-destination.ts), grants the function, by class.
 */
export const DESTINATION_GRANTS = lookupTable<string>({
  SqsDestination: 'grantSendMessages',
  SnsDestination: 'grantPublish',
  LambdaDestination: 'grantInvoke',
  SqsDlq: 'grantSendMessages',
  SnsDlq: 'grantPublish',
  S3OnFailureDestination: 'grantReadWrite',
});

/** What a table's and a bucket's grants that read grant on its key (aws-dynamodb/lib/perms.ts, aws-s3/lib/perms.ts). */
const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];

const KEY_READ_WRITE = [...KEY_READ, ...GRANTS.grantEncrypt.actions];

/** A bucket's grants that write grant decrypting too (aws-s3/lib/perms.ts, KEY_WRITE_ACTIONS). */
const BUCKET_KEY_WRITE = [...GRANTS.grantEncrypt.actions, 'kms:Decrypt'];

const TABLE_KEY_GRANTS = {
  grantStreamRead: KEY_READ,
  grantReadData: KEY_READ,
  grantWriteData: KEY_READ_WRITE,
  grantReadWriteData: KEY_READ_WRITE,
  grantFullAccess: KEY_READ_WRITE,
};

/**
 * What a queue's, a table's, a topic's and a bucket's grants grant on the key it is encrypted with, by its type and
 * the grant (aws-sqs/lib/sqs-grants.generated.ts; aws-dynamodb/lib/table-grants.ts; aws-sns/lib/sns-grants.generated.ts;
 * aws-s3/lib/bucket-grants.ts); its other grants, none.
 */
export const KEY_GRANTS = lookupTable<Readonly<Record<string, string[]>>>({
  [QUEUE]: {
    grantConsumeMessages: GRANTS.grantDecrypt.actions,
    grantSendMessages: GRANTS.grantEncryptDecrypt.actions,
  },
  [TABLE]: TABLE_KEY_GRANTS,
  [GLOBAL_TABLE]: TABLE_KEY_GRANTS,
  'AWS::SNS::Topic': { grantPublish: ['kms:Decrypt', 'kms:GenerateDataKey*'] },
  'AWS::S3::Bucket': {
    grantRead: KEY_READ,
    grantWrite: BUCKET_KEY_WRITE,
    grantPut: BUCKET_KEY_WRITE,
    grantReadWrite: KEY_READ_WRITE,
  },
});

/**
 * The resources imported whose grants write what those of the stack's own of their type write (see importedGrant),
 * by module, class and method (`aws-dynamodb.Table.fromTableName`); by the name or ARN they are given, or a table's,
 * a queue's or a topic's attributes (`fromTableAttributes`).
 */
export const IMPORTS_GRANTED = new Set([
  ...['Table', 'TableV2'].flatMap(name =>
    ['fromTableName', 'fromTableArn', 'fromTableAttributes'].map(
      method => `aws-dynamodb.${name}.${method}`,
    ),
  ),
  'aws-sqs.Queue.fromQueueArn',
  'aws-sqs.Queue.fromQueueAttributes',
  'aws-sns.Topic.fromTopicArn',
  'aws-sns.Topic.fromTopicAttributes',
  'aws-s3.Bucket.fromBucketName',
  'aws-s3.Bucket.fromBucketArn',
  'aws-s3.Bucket.fromBucketAttributes',
  'aws-kinesis.Stream.fromStreamArn',
  'aws-kms.Key.fromKeyArn',
  'aws-kms.Alias.fromAliasName',
  'aws-kms.Alias.fromAliasAttributes',
  'aws-logs.LogGroup.fromLogGroupName',
  'aws-logs.LogGroup.fromLogGroupArn',
  'aws-secretsmanager.Secret.fromSecretNameV2',
  'aws-secretsmanager.Secret.fromSecretCompleteArn',
  'aws-secretsmanager.Secret.fromSecretPartialArn',
]);

/** The grants of {@link GRANTS} each type of resource has; the others it has are in OWN_GRANTS or STREAM_GRANTS. */
const TABLE_GRANTS = ['grantReadData', 'grantWriteData', 'grantReadWriteData'];

const GRANTS_OF_TYPE = lookupTable<string[]>({
  [TABLE]: TABLE_GRANTS,
  [GLOBAL_TABLE]: TABLE_GRANTS,
  [QUEUE]: ['grantSendMessages', 'grantConsumeMessages'],
  'AWS::SNS::Topic': ['grantPublish'],
  'AWS::S3::Bucket': ['grantRead', 'grantWrite', 'grantPut', 'grantReadWrite'],
  [KEY]: ['grantEncryptDecrypt', 'grantDecrypt', 'grantEncrypt'],
  [KEY_ALIAS]: ['grantEncryptDecrypt', 'grantDecrypt', 'grantEncrypt'],
});

/**
 * The grants of a log group (aws-logs/lib/log-group-grants.ts): their actions (`undefined`: those the call names), on
 * its ARN (`<arn>:*`) and, unless `streamsOnly`, on its ARN without the `:*` too.
 */
export const LOG_GROUP_GRANTS = lookupTable<{
  actions?: string[];
  streamsOnly?: boolean;
}>({
  grantWrite: {
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    streamsOnly: true,
  },
  grantRead: {
    actions: [
      'logs:FilterLogEvents',
      'logs:GetLogEvents',
      'logs:GetLogGroupFields',
      'logs:DescribeLogGroups',
      'logs:DescribeLogStreams',
    ],
  },
  grant: {},
});

/** The actions of an SSM parameter's grants (aws-ssm/lib/parameter.ts, ParameterBase), on its ARN (see parameterArn). */
export const PARAMETER_GRANTS = lookupTable<string[]>({
  grantRead: [
    'ssm:DescribeParameters',
    'ssm:GetParameters',
    'ssm:GetParameter',
    'ssm:GetParameterHistory',
  ],
  grantWrite: ['ssm:PutParameter'],
});

/** The actions of a secret's grants (aws-secretsmanager/lib/secret.ts), on the ARN its policies name. */
export const SECRET_GRANTS = lookupTable<string[]>({
  grantRead: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
  grantWrite: [
    'secretsmanager:PutSecretValue',
    'secretsmanager:UpdateSecret',
    'secretsmanager:UpdateSecretVersionStage',
  ],
});

/**
 * A bucket's grant `name` on the bucket of ARN `arn` (aws-s3/lib/bucket-grants.ts): on its objects of the key pattern
 * it is given (`*` by default), and on the bucket too where `objects` is 'also'; grantWrite's action patterns, where
 * it is given any, are what it grants.
 */
export function bucketGrantStatement(
  name: string,
  grant: { actions: JsValue[]; objects: 'also' | 'only' },
  arn: Value,
  [keyPattern, actionPatterns]: JsValue[],
): Props {
  const objects = concat([
    arn,
    '/',
    keyPattern === undefined ? '*' : toGraphValue(keyPattern, ref),
  ]);
  const narrowed =
    name === 'grantWrite' &&
    actionPatterns !== undefined &&
    !(Array.isArray(actionPatterns) && actionPatterns.length === 0);
  return {
    Effect: 'Allow',
    Action: narrowed ? actionPatterns : grant.actions,
    Resource: grant.objects === 'also' ? [arn, objects] : objects,
  };
}

/**
 * What a state machine's grantRead grants (aws-stepfunctions/lib/state-machine.ts): listing its executions, on it
 * (its plain reference is its ARN); reading them, on its executions' ARNs; and listing and describing activities and
 * state machines, on `*`.
 */
export function stateMachineReadStatements(stateMachine: string): Props[] {
  return [
    {
      Effect: 'Allow',
      Action: ['states:ListExecutions', 'states:ListStateMachines'],
      Resource: new Ref(stateMachine),
    },
    {
      Effect: 'Allow',
      Action: [
        'states:DescribeExecution',
        'states:DescribeStateMachineForExecution',
        'states:GetExecutionHistory',
      ],
      Resource: stackArn('states', [
        'execution:',
        new Ref(stateMachine, 'Name'),
        ':*',
      ]),
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
  ];
}

/** A log group's grant `name` (see LOG_GROUP_GRANTS), of the actions `named` to it, on its ARN `streams` and that ARN without `:*`. */
export function logGroupGrantStatement(
  name: string,
  named: JsValue[],
  withoutSuffix: Value,
  streams: Value,
): Props {
  const grant = LOG_GROUP_GRANTS[name]!;
  return {
    Effect: 'Allow',
    Action: grant.actions ?? named,
    Resource: grant.streamsOnly ? streams : [withoutSuffix, streams],
  };
}

/** A secret's grant `name` (see SECRET_GRANTS) on `arn`; the version stages `grantRead` is given make a condition of it. */
export function secretGrantStatement(
  name: string,
  versionStages: JsValue,
  arn: Value,
): Props {
  const statement: Props = {
    Effect: 'Allow',
    Action: SECRET_GRANTS[name]!,
    Resource: arn,
  };
  if (
    name === 'grantRead' &&
    versionStages !== undefined &&
    versionStages !== null
  )
    statement.Condition = {
      'ForAnyValue:StringEquals': {
        'secretsmanager:VersionStage': versionStages,
      },
    };
  return statement;
}

/**
 * A resource imported whose grants this model writes (see IMPORTS_GRANTED): its type; the ARN its grants are on (a
 * log group's without `:*`, a secret's as its policies name it); whether a table's are on its indexes too (see
 * hasIndexes); and the ARN of the key a table's or a queue's attributes name, which they grant on too (see
 * KEY_GRANTS).
 */
export interface ImportedResource {
  type: string;
  arn: Value;
  indexes: boolean | Unknown;
  keyArn?: Value;
}

/** Whether `name` is a grant of a resource of `type` imported that this model writes (see importedGrant). */
export function writesImportedGrant(type: string, name: string): boolean {
  if (type === 'AWS::Logs::LogGroup')
    return LOG_GROUP_GRANTS[name] !== undefined;
  if (type === SECRET) return SECRET_GRANTS[name] !== undefined;
  if (type === STREAM && STREAM_GRANTS[name] !== undefined) return true;
  return (
    Object.hasOwn(OWN_GRANTS[type] ?? {}, name) ||
    (GRANTS_OF_TYPE[type] ?? []).includes(name)
  );
}
