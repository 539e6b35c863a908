/**
 * SAM policy templates expanded into IAM statements, the way SAM's
 * `policy_templates.json` does. A template not listed here is unknown, and
 * makes the function's permissions unknown rather than empty.
 */
import { Unknown, Value, ValueMap, concat } from '../../../graph/values';
import { lookupTable } from '../../../support/lookupTable';

const PARTITION = Unknown.oneValue('AWS::Partition');
const REGION = Unknown.oneValue('AWS::Region');
const ACCOUNT = Unknown.oneValue('AWS::AccountId');

/** `arn:${Partition}:<service>:${Region}:${AccountId}:<resource...>` */
function regionalArn(service: string, ...resource: Value[]): Value {
  return concat([
    'arn:',
    PARTITION,
    `:${service}:`,
    REGION,
    ':',
    ACCOUNT,
    ':',
    ...resource,
  ]);
}

function s3Arn(...resource: Value[]): Value {
  return concat(['arn:', PARTITION, ':s3:::', ...resource]);
}

function statement(actions: string[], resources: Value[]): ValueMap {
  return { Effect: 'Allow', Action: actions, Resource: resources };
}

type Expander = (parameters: ValueMap) => ValueMap[];

const param = (parameters: ValueMap, name: string): Value =>
  parameters[name] ?? new Unknown(`policy template parameter ${name}`);

const DYNAMODB_CRUD = [
  'dynamodb:GetItem',
  'dynamodb:DeleteItem',
  'dynamodb:PutItem',
  'dynamodb:Scan',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:BatchGetItem',
  'dynamodb:DescribeTable',
  'dynamodb:ConditionCheckItem',
];
const DYNAMODB_READ = [
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
  'dynamodb:DescribeTable',
];
const DYNAMODB_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
];

function tableStatements(actions: string[]): Expander {
  return p => [
    statement(actions, [
      regionalArn('dynamodb', 'table/', param(p, 'TableName')),
      regionalArn('dynamodb', 'table/', param(p, 'TableName'), '/index/*'),
    ]),
  ];
}

function bucketStatements(
  objectActions: string[],
  bucketActions: string[],
): Expander {
  return p => [
    statement(
      [...bucketActions, ...objectActions],
      [s3Arn(param(p, 'BucketName')), s3Arn(param(p, 'BucketName'), '/*')],
    ),
  ];
}

export const POLICY_TEMPLATES = lookupTable<Expander>({
  SQSPollerPolicy: p => [
    statement(
      [
        'sqs:ChangeMessageVisibility',
        'sqs:ChangeMessageVisibilityBatch',
        'sqs:DeleteMessage',
        'sqs:DeleteMessageBatch',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
      ],
      [regionalArn('sqs', param(p, 'QueueName'))],
    ),
  ],
  SQSSendMessagePolicy: p => [
    statement(
      ['sqs:SendMessage*'],
      [regionalArn('sqs', param(p, 'QueueName'))],
    ),
  ],
  SNSPublishMessagePolicy: p => [
    statement(['sns:Publish'], [regionalArn('sns', param(p, 'TopicName'))]),
  ],
  SNSCrudPolicy: p => [
    statement(
      [
        'sns:ListSubscriptionsByTopic',
        'sns:CreateTopic',
        'sns:SetTopicAttributes',
        'sns:Subscribe',
        'sns:Publish',
      ],
      [regionalArn('sns', param(p, 'TopicName'), '*')],
    ),
  ],
  DynamoDBCrudPolicy: tableStatements(DYNAMODB_CRUD),
  DynamoDBReadPolicy: tableStatements(DYNAMODB_READ),
  DynamoDBWritePolicy: tableStatements(DYNAMODB_WRITE),
  DynamoDBStreamReadPolicy: p => [
    statement(
      [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
      ],
      [
        regionalArn(
          'dynamodb',
          'table/',
          param(p, 'TableName'),
          '/stream/',
          param(p, 'StreamName'),
        ),
      ],
    ),
    statement(
      ['dynamodb:ListStreams'],
      [regionalArn('dynamodb', 'table/', param(p, 'TableName'), '/stream/*')],
    ),
  ],
  LambdaInvokePolicy: p => [
    statement(
      ['lambda:InvokeFunction'],
      [regionalArn('lambda', 'function:', param(p, 'FunctionName'), '*')],
    ),
  ],
  S3ReadPolicy: bucketStatements(
    ['s3:GetObject', 's3:GetObjectVersion'],
    ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration'],
  ),
  S3WritePolicy: bucketStatements(
    ['s3:PutObject', 's3:PutObjectAcl'],
    ['s3:PutLifecycleConfiguration'],
  ),
  S3CrudPolicy: bucketStatements(
    [
      's3:GetObject',
      's3:GetObjectVersion',
      's3:PutObject',
      's3:PutObjectAcl',
      's3:DeleteObject',
    ],
    [
      's3:ListBucket',
      's3:GetBucketLocation',
      's3:GetLifecycleConfiguration',
      's3:PutLifecycleConfiguration',
    ],
  ),
  S3FullAccessPolicy: bucketStatements(
    [
      's3:GetObject',
      's3:GetObjectAcl',
      's3:GetObjectVersion',
      's3:PutObject',
      's3:PutObjectAcl',
      's3:DeleteObject',
      's3:DeleteObjectTagging',
      's3:DeleteObjectVersionTagging',
      's3:GetObjectTagging',
      's3:GetObjectVersionTagging',
      's3:PutObjectTagging',
      's3:PutObjectVersionTagging',
    ],
    [
      's3:ListBucket',
      's3:GetBucketLocation',
      's3:GetLifecycleConfiguration',
      's3:PutLifecycleConfiguration',
    ],
  ),
  StepFunctionsExecutionPolicy: p => [
    statement(
      ['states:StartExecution'],
      [regionalArn('states', 'stateMachine:', param(p, 'StateMachineName'))],
    ),
  ],
  KMSDecryptPolicy: p => [
    statement(['kms:Decrypt'], [regionalArn('kms', 'key/', param(p, 'KeyId'))]),
  ],
  KMSEncryptPolicy: p => [
    statement(['kms:Encrypt'], [regionalArn('kms', 'key/', param(p, 'KeyId'))]),
  ],
  EventBridgePutEventsPolicy: p => [
    statement(
      ['events:PutEvents'],
      [regionalArn('events', 'event-bus/', param(p, 'EventBusName'))],
    ),
  ],
  CloudWatchPutMetricPolicy: () => [
    statement(['cloudwatch:PutMetricData'], ['*']),
  ],
  AWSSecretsManagerGetSecretValuePolicy: p => [
    statement(['secretsmanager:GetSecretValue'], [param(p, 'SecretArn')]),
  ],
  SSMParameterReadPolicy: p => [
    statement(['ssm:DescribeParameters'], ['*']),
    statement(
      ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
      [regionalArn('ssm', 'parameter/', param(p, 'ParameterName'))],
    ),
  ],
  SESCrudPolicy: p => [
    statement(
      [
        'ses:GetIdentityVerificationAttributes',
        'ses:SendEmail',
        'ses:SendRawEmail',
        'ses:VerifyEmailIdentity',
      ],
      [regionalArn('ses', 'identity/', param(p, 'IdentityName'))],
    ),
  ],
  KinesisStreamReadPolicy: p => [
    statement(
      ['kinesis:ListStreams', 'kinesis:DescribeLimits'],
      [regionalArn('kinesis', 'stream/*')],
    ),
    statement(
      [
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:GetRecords',
        'kinesis:GetShardIterator',
      ],
      [regionalArn('kinesis', 'stream/', param(p, 'StreamName'))],
    ),
  ],
  KinesisCrudPolicy: p => [
    statement(
      [
        'kinesis:AddTagsToStream',
        'kinesis:CreateStream',
        'kinesis:DecreaseStreamRetentionPeriod',
        'kinesis:DeleteStream',
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:GetShardIterator',
        'kinesis:IncreaseStreamRetentionPeriod',
        'kinesis:ListTagsForStream',
        'kinesis:MergeShards',
        'kinesis:PutRecord',
        'kinesis:PutRecords',
        'kinesis:SplitShard',
        'kinesis:RemoveTagsFromStream',
      ],
      [regionalArn('kinesis', 'stream/', param(p, 'StreamName'))],
    ),
  ],
  VPCAccessPolicy: () => [
    statement(
      [
        'ec2:CreateNetworkInterface',
        'ec2:DeleteNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DetachNetworkInterface',
      ],
      ['*'],
    ),
  ],
});
