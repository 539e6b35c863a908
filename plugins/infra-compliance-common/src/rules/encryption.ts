import { RuleMetadata } from '../types';

/** Category `encryption`: data at rest uses keys the team controls. */
export const encryptionRules: readonly RuleMetadata[] = [
  {
    id: 'ENC-001',
    title: 'Log group is not encrypted with a customer-managed KMS key',
    category: 'encryption',
    severity: 'medium',
    rationale:
      'Function logs routinely contain request payloads, identifiers and personal data. Without KmsKeyId they are encrypted only with a key CloudWatch Logs owns, so the team cannot restrict or audit who decrypts them, nor revoke access by disabling the key.',
    remediation: {
      summary:
        'Set KmsKeyId (TF kms_key_id) to the ARN of a customer-managed KMS key whose key policy lets the CloudWatch Logs service principal use it (see ENC-002).',
      snippets: {
        cloudformation: `FunctionLogGroup:
  Type: AWS::Logs::LogGroup
  Properties:
    LogGroupName: !Sub '/aws/lambda/\${Function}'
    RetentionInDays: 30
    KmsKeyId: !GetAtt LogsKey.Arn`,
        terraform: `resource "aws_cloudwatch_log_group" "fn" {
  name              = "/aws/lambda/\${aws_lambda_function.fn.function_name}"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}`,
        pulumi: `const fnLogs = new aws.cloudwatch.LogGroup('fn-logs', {
  name: pulumi.interpolate\`/aws/lambda/\${fn.name}\`,
  retentionInDays: 30,
  kmsKeyId: logsKey.arn,
});`,
        cdk: `const fnLogs = new logs.LogGroup(this, 'FnLogs', {
  retention: logs.RetentionDays.ONE_MONTH,
  encryptionKey: logsKey,
});`,
      },
    },
    seeds: ['000_4e8a716c0e15d636: Missing KMS encryption for CloudWatch Logs'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'ENC-002',
    title: 'KMS key used by a log group does not allow CloudWatch Logs',
    category: 'encryption',
    severity: 'high',
    rationale:
      'CloudWatch Logs uses the key as its own service principal, not as the deploying user. If the key policy has no statement allowing logs.<region>.amazonaws.com, creating or associating the log group fails with a KMS access error and the stack rolls back.',
    remediation: {
      summary:
        "Add a key-policy statement allowing the Service principal logs.<region>.amazonaws.com (in CloudFormation !Sub 'logs.${AWS::Region}.amazonaws.com') kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe*, ideally conditioned on kms:EncryptionContext:aws:logs:arn.",
      snippets: {
        cloudformation: `LogsKey:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true
    KeyPolicy:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
          Action: 'kms:*'
          Resource: '*'
        - Effect: Allow
          Principal: { Service: !Sub 'logs.\${AWS::Region}.amazonaws.com' }
          Action: [kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*]
          Resource: '*'`,
        terraform: `data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "logs" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow", Action = "kms:*", Resource = "*"
        Principal = { AWS = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root" }
      },
      {
        Effect    = "Allow", Resource = "*"
        Principal = { Service = "logs.\${data.aws_region.current.name}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
      },
    ]
  })
}`,
        pulumi: `const region = aws.getRegionOutput().name;
const accountId = aws.getCallerIdentityOutput().accountId;
const logsKey = new aws.kms.Key('logs-key', {
  enableKeyRotation: true,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: pulumi.interpolate\`arn:aws:iam::\${accountId}:root\` },
        Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { Service: pulumi.interpolate\`logs.\${region}.amazonaws.com\` },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*' },
    ],
  }),
});`,
        cdk: `const logsKey = new kms.Key(this, 'LogsKey', { enableKeyRotation: true });
logsKey.addToResourcePolicy(new iam.PolicyStatement({
  principals: [new iam.ServicePrincipal(\`logs.\${Stack.of(this).region}.amazonaws.com\`)],
  actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
  resources: ['*'],
}));
new logs.LogGroup(this, 'FnLogs', {
  encryptionKey: logsKey,
  retention: logs.RetentionDays.ONE_MONTH,
});`,
      },
    },
    seeds: ['000_4e8a716c0e15d636: Missing KMS encryption for CloudWatch Logs'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'ENC-003',
    title: 'Queue is not encrypted at rest',
    category: 'encryption',
    severity: 'medium',
    rationale:
      "Encryption that the template does not declare cannot be verified from the code: it depends on the API's defaults (SQS only turned SSE-SQS on by default for queues created since late 2022). Messages often carry orders and personal data; a customer-managed KMS key also lets the team restrict and audit who can read them.",
    remediation: {
      summary:
        'Set SqsManagedSseEnabled: true, or KmsMasterKeyId (TF kms_master_key_id) to a KMS key; with a customer-managed key, its policy must also let the producers (e.g. sns.amazonaws.com, events.amazonaws.com) use it.',
      snippets: {
        cloudformation: `OrdersQueue:
  Type: AWS::SQS::Queue
  Properties:
    KmsMasterKeyId: !Ref QueueKey   # or: SqsManagedSseEnabled: true`,
        terraform: `resource "aws_sqs_queue" "orders" {
  kms_master_key_id = aws_kms_key.queues.arn # or: sqs_managed_sse_enabled = true
}`,
        pulumi: `const orders = new aws.sqs.Queue('orders', {
  kmsMasterKeyId: queueKey.arn, // or: sqsManagedSseEnabled: true
});`,
        cdk: `const orders = new sqs.Queue(this, 'Orders', {
  encryption: sqs.QueueEncryption.KMS, // or: sqs.QueueEncryption.SQS_MANAGED
  encryptionMasterKey: queueKey,
});`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Security Vulnerabilities: Missing Encryption',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'ENC-004',
    title: 'SNS topic is not encrypted with KMS',
    category: 'encryption',
    severity: 'medium',
    rationale:
      "SNS applies server-side encryption to a topic's messages only when the topic has a KMS key. Without one, alerts and events (and the personal data they often carry) are not protected by a key the team controls, and access to them cannot be restricted or audited through a key policy.",
    remediation: {
      summary:
        'Set KmsMasterKeyId (TF kms_master_key_id) to a customer-managed KMS key whose policy lets the publishing services use it (e.g. cloudwatch.amazonaws.com for alarm topics); the AWS-managed alias/aws/sns key cannot grant that.',
      snippets: {
        cloudformation: `AlertsTopic:
  Type: AWS::SNS::Topic
  Properties:
    KmsMasterKeyId: !Ref TopicKey   # key policy allows cloudwatch.amazonaws.com`,
        terraform: `resource "aws_sns_topic" "alerts" {
  kms_master_key_id = aws_kms_key.topics.arn
}`,
        pulumi: `const alertsTopic = new aws.sns.Topic('alerts', { kmsMasterKeyId: topicKey.arn });`,
        cdk: `const alertsTopic = new sns.Topic(this, 'Alerts', { masterKey: topicKey });
topicKey.grantEncryptDecrypt(new iam.ServicePrincipal('cloudwatch.amazonaws.com'));`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Security Vulnerabilities: Missing Encryption',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'ENC-005',
    title: 'DynamoDB table does not enable KMS server-side encryption',
    category: 'encryption',
    severity: 'low',
    rationale:
      "Without SSESpecification.SSEEnabled the table is encrypted only with an AWS-owned key: its use does not appear in the account's CloudTrail, and the team cannot restrict decryption with a key policy or cut off access to the data by disabling the key.",
    remediation: {
      summary:
        'Set SSESpecification.SSEEnabled: true (TF server_side_encryption { enabled = true }) for the AWS-managed aws/dynamodb key, adding SSEType: KMS and KMSMasterKeyId for a customer-managed key.',
      snippets: {
        cloudformation: `OrdersTable:
  Type: AWS::DynamoDB::Table
  Properties:
    # KeySchema, AttributeDefinitions, BillingMode ...
    SSESpecification:
      SSEEnabled: true
      SSEType: KMS
      KMSMasterKeyId: !Ref TableKey   # omit for the AWS-managed key`,
        terraform: `resource "aws_dynamodb_table" "orders" {
  # hash_key, attribute, billing_mode ...
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.tables.arn # omit for the AWS-managed key
  }
}`,
        pulumi: `const orders = new aws.dynamodb.Table('orders', {
  // hashKey, attributes, billingMode ...
  serverSideEncryption: { enabled: true, kmsKeyArn: tableKey.arn },
});`,
        cdk: `const orders = new dynamodb.Table(this, 'Orders', {
  partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
  encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, // or AWS_MANAGED
  encryptionKey: tableKey,
});`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Security Vulnerabilities: Missing Encryption',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'ENC-006',
    title: 'S3 bucket does not deny insecure transport',
    category: 'encryption',
    severity: 'medium',
    rationale:
      'Without a bucket policy that denies requests where aws:SecureTransport is false, clients can read and write objects over plain HTTP, where data can be read or altered in transit; security reviews (e.g. Security Hub S3.5) flag the bucket.',
    remediation: {
      summary:
        'Add a bucket policy with a Deny statement for all principals and s3:* on the bucket and its objects when aws:SecureTransport is false (CDK: enforceSSL: true).',
      snippets: {
        cloudformation: `DataBucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref DataBucket
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Sid: DenyInsecureTransport
          Effect: Deny
          Principal: '*'
          Action: 's3:*'
          Resource: [!GetAtt DataBucket.Arn, !Sub '\${DataBucket.Arn}/*']
          Condition:
            Bool: { 'aws:SecureTransport': 'false' }`,
        terraform: `resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.data.arn, "\${aws_s3_bucket.data.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}`,
        pulumi: `new aws.s3.BucketPolicy('data-tls-only', {
  bucket: dataBucket.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
      Resource: [dataBucket.arn, pulumi.interpolate\`\${dataBucket.arn}/*\`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }],
  }),
});`,
        cdk: `const dataBucket = new s3.Bucket(this, 'Data', {
  enforceSSL: true, // adds the aws:SecureTransport deny statement to the bucket policy
  encryption: s3.BucketEncryption.S3_MANAGED,
});`,
      },
    },
    seeds: [
      '002_464a6f76eb58ee13: Security and Compliance Gaps: No S3 Bucket Policy',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'ENC-007',
    title: 'Customer-managed KMS key does not rotate',
    category: 'encryption',
    severity: 'medium',
    rationale:
      'Without automatic rotation the same key material protects the data indefinitely, which widens the impact of leaked key material and fails common controls (CIS AWS Foundations, Security Hub KMS.4).',
    remediation: {
      summary:
        'Set EnableKeyRotation: true (TF enable_key_rotation) on every symmetric customer-managed key; KMS then rotates it yearly, or every RotationPeriodInDays.',
      snippets: {
        cloudformation: `LogsKey:
  Type: AWS::KMS::Key
  Properties:
    EnableKeyRotation: true
    RotationPeriodInDays: 365
    # KeyPolicy ...`,
        terraform: `resource "aws_kms_key" "logs" {
  enable_key_rotation     = true
  rotation_period_in_days = 365
  # policy ...
}`,
        pulumi: `const logsKey = new aws.kms.Key('logs-key', {
  enableKeyRotation: true,
  rotationPeriodInDays: 365,
  // policy ...
});`,
        cdk: `const logsKey = new kms.Key(this, 'LogsKey', {
  enableKeyRotation: true,
  rotationPeriod: Duration.days(365),
});`,
      },
    },
    seeds: ['000_4e8a716c0e15d636: Missing KMS encryption for CloudWatch Logs'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
];
