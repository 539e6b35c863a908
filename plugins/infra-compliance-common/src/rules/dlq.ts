import { RuleMetadata } from '../types';

/** Category `dlq`: failures are captured, not lost. */
export const dlqRules: readonly RuleMetadata[] = [
  {
    id: 'DLQ-001',
    title: 'Asynchronously invoked function has no dead-letter target',
    category: 'dlq',
    severity: 'high',
    rationale:
      'Lambda retries a failed asynchronous invocation twice and then discards the event. Without a dead-letter queue or an on-failure destination, the SNS message, S3 notification or EventBridge event that failed is gone: nobody can inspect it, replay it or even count it.',
    remediation: {
      summary:
        "Point the function's DeadLetterConfig.TargetArn (SAM DeadLetterQueue, TF dead_letter_config) at an SQS queue or SNS topic, or add an EventInvokeConfig with an OnFailure destination. Functions triggered only synchronously or by poll-based event source mappings are exempt.",
      snippets: {
        cloudformation: `FunctionDLQ:
  Type: AWS::SQS::Queue
  Properties:
    MessageRetentionPeriod: 1209600
Function:                  # plain CloudFormation
  Type: AWS::Lambda::Function
  Properties:
    DeadLetterConfig:
      TargetArn: !GetAtt FunctionDLQ.Arn
SamFunction:               # SAM
  Type: AWS::Serverless::Function
  Properties:
    DeadLetterQueue:
      Type: SQS
      TargetArn: !GetAtt FunctionDLQ.Arn`,
        terraform: `resource "aws_sqs_queue" "fn_dlq" {
  message_retention_seconds = 1209600
}

resource "aws_lambda_function" "fn" {
  # ...
  dead_letter_config {
    target_arn = aws_sqs_queue.fn_dlq.arn
  }
}`,
        pulumi: `const fnDlq = new aws.sqs.Queue('fn-dlq', { messageRetentionSeconds: 1209600 });
const fn = new aws.lambda.Function('fn', {
  // ...
  deadLetterConfig: { targetArn: fnDlq.arn },
});`,
        cdk: `const fnDlq = new sqs.Queue(this, 'FnDlq', { retentionPeriod: Duration.days(14) });
const fn = new lambda.Function(this, 'Fn', {
  // runtime, handler, code ...
  deadLetterQueue: fnDlq, // also grants sqs:SendMessage to the function's role
});`,
      },
    },
    seeds: [
      '000_4e8a716c0e15d636: No dead-letter queues for Lambda error handling',
      '001_be1f89cdd021749d: Issue 5: Missing Dead Letter Config on Processing Lambda',
      '001_be1f89cdd021749d: Issue 2: Missing Dead Letter Queue',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'DLQ-002',
    title: 'Queue consumed by a function has no redrive policy',
    category: 'dlq',
    severity: 'high',
    rationale:
      'A message the function keeps failing on goes back to the queue after every visibility timeout and is retried until its retention period ends, wasting invocations and then disappearing without a trace. A redrive policy moves it to a dead-letter queue after maxReceiveCount attempts, where it can be inspected and replayed.',
    remediation: {
      summary:
        'Add a RedrivePolicy (TF redrive_policy) with deadLetterTargetArn pointing at a dedicated dead-letter queue and a maxReceiveCount, to every queue a function consumes.',
      snippets: {
        cloudformation: `OrdersDLQ:
  Type: AWS::SQS::Queue
  Properties:
    MessageRetentionPeriod: 1209600
OrdersQueue:
  Type: AWS::SQS::Queue
  Properties:
    VisibilityTimeout: 180
    RedrivePolicy:
      deadLetterTargetArn: !GetAtt OrdersDLQ.Arn
      maxReceiveCount: 5`,
        terraform: `resource "aws_sqs_queue" "orders_dlq" {
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue" "orders" {
  visibility_timeout_seconds = 180
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.orders_dlq.arn
    maxReceiveCount     = 5
  })
}`,
        pulumi: `const ordersDlq = new aws.sqs.Queue('orders-dlq', { messageRetentionSeconds: 1209600 });
const orders = new aws.sqs.Queue('orders', {
  visibilityTimeoutSeconds: 180,
  redrivePolicy: pulumi.jsonStringify({
    deadLetterTargetArn: ordersDlq.arn,
    maxReceiveCount: 5,
  }),
});`,
        cdk: `const ordersDlq = new sqs.Queue(this, 'OrdersDlq', { retentionPeriod: Duration.days(14) });
const orders = new sqs.Queue(this, 'Orders', {
  visibilityTimeout: Duration.seconds(180),
  deadLetterQueue: { queue: ordersDlq, maxReceiveCount: 5 },
});`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Common Architecture Failures: Missing DLQ Configuration',
      '004_fbb7571581d294cd: Architecture Improvements: Complete DLQ Implementation',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'DLQ-003',
    title: 'Dead-letter queue keeps messages for less than 14 days',
    category: 'dlq',
    severity: 'medium',
    rationale:
      "Failed messages are deleted when the queue's retention period ends, and for standard queues that period counts from the message's original enqueue time. With the SQS default of 4 days, a failure that lands before a long weekend can expire before anyone looks at it, and the evidence and the data are lost for good.",
    remediation: {
      summary:
        'Set MessageRetentionPeriod (TF message_retention_seconds) to 1209600 seconds (14 days, the SQS maximum) on every queue used as a dead-letter target.',
      snippets: {
        cloudformation: `FunctionDLQ:
  Type: AWS::SQS::Queue
  Properties:
    MessageRetentionPeriod: 1209600   # 14 days, the SQS maximum
    SqsManagedSseEnabled: true`,
        terraform: `resource "aws_sqs_queue" "fn_dlq" {
  message_retention_seconds = 1209600 # 14 days, the SQS maximum
  sqs_managed_sse_enabled   = true
}`,
        pulumi: `const fnDlq = new aws.sqs.Queue('fn-dlq', {
  messageRetentionSeconds: 1209600, // 14 days, the SQS maximum
  sqsManagedSseEnabled: true,
});`,
        cdk: `const fnDlq = new sqs.Queue(this, 'FnDlq', {
  retentionPeriod: Duration.days(14), // 1209600 s, the SQS maximum
  encryption: sqs.QueueEncryption.SQS_MANAGED,
});`,
      },
    },
    seeds: [
      '001_be1f89cdd021749d: Issue 2: Missing Dead Letter Queue',
      '004_fbb7571581d294cd: Architecture Improvements: Complete DLQ Implementation',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'DLQ-004',
    title: "Function's role cannot send to its dead-letter target",
    category: 'dlq',
    severity: 'high',
    rationale:
      'Lambda delivers failed events to the dead-letter target with the function\'s execution role. Without sqs:SendMessage (SQS) or sns:Publish (SNS) on the target, Lambda rejects the configuration ("The provided execution role does not have permissions to call SendMessage on SQS") and the deployment fails; if the grant is removed later, failed events are dropped and only the DeadLetterErrors metric notices.',
    remediation: {
      summary:
        "Grant the execution role sqs:SendMessage on the dead-letter queue's ARN (or sns:Publish on the topic). SAM's DeadLetterQueue and CDK's deadLetterQueue add this grant to the roles they create.",
      snippets: {
        cloudformation: `FunctionRole:
  Type: AWS::IAM::Role
  Properties:
    # AssumeRolePolicyDocument, ManagedPolicyArns ...
    Policies:
      - PolicyName: dead-letter
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !GetAtt FunctionDLQ.Arn`,
        terraform: `resource "aws_iam_role_policy" "fn_dlq" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sqs:SendMessage"
      Resource = aws_sqs_queue.fn_dlq.arn
    }]
  })
}`,
        pulumi: `new aws.iam.RolePolicy('fn-dlq-send', {
  role: fnRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: fnDlq.arn }],
  }),
});`,
        cdk: `// lambda.Function({ deadLetterQueue }) adds this itself; for a role passed in:
fnDlq.grantSendMessages(fn);`,
      },
    },
    seeds: [
      '000_4e8a716c0e15d636: Missing SQS permissions in IAM roles',
      '001_be1f89cdd021749d: Issue 6: Missing DynamoDB Write Permissions',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'DLQ-005',
    title: 'SQS event source mapping does not report partial batch failures',
    category: 'dlq',
    severity: 'low',
    rationale:
      'Without ReportBatchItemFailures, one bad message fails the whole batch: every message in it becomes visible again and is processed again, so work that succeeded is repeated (duplicate side effects), and healthy messages can be driven into the dead-letter queue together with the bad one.',
    remediation: {
      summary:
        "Add ReportBatchItemFailures to the mapping's FunctionResponseTypes and have the handler return batchItemFailures with the message IDs that failed.",
      snippets: {
        cloudformation: `OrderProcessor:
  Type: AWS::Serverless::Function
  Properties:
    Events:
      Orders:
        Type: SQS
        Properties:
          Queue: !GetAtt OrdersQueue.Arn
          BatchSize: 10
          FunctionResponseTypes:
            - ReportBatchItemFailures
# Plain CloudFormation: the same FunctionResponseTypes on AWS::Lambda::EventSourceMapping`,
        terraform: `resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn        = aws_sqs_queue.orders.arn
  function_name           = aws_lambda_function.order_processor.arn
  batch_size              = 10
  function_response_types = ["ReportBatchItemFailures"]
}`,
        pulumi: `new aws.lambda.EventSourceMapping('orders', {
  eventSourceArn: orders.arn,
  functionName: orderProcessor.arn,
  batchSize: 10,
  functionResponseTypes: ['ReportBatchItemFailures'],
});`,
        cdk: `orderProcessor.addEventSource(
  new SqsEventSource(orders, { batchSize: 10, reportBatchItemFailures: true }),
);`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Reliability Features: Batch Processing with Partial Failures',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'DLQ-006',
    title: "Queue's visibility timeout is shorter than its consumer's timeout",
    category: 'dlq',
    severity: 'medium',
    rationale:
      'When a message becomes visible again while the function is still working on it, another invocation picks it up: the message is processed twice, and the extra receives count toward maxReceiveCount, so messages that would have succeeded end up in the dead-letter queue. AWS recommends a visibility timeout of at least six times the function timeout (defaults: queue 30 s, function 3 s).',
    remediation: {
      summary:
        "Set the queue's VisibilityTimeout (TF visibility_timeout_seconds) to at least the consuming function's Timeout, preferably six times it (180 s for a 30 s function).",
      snippets: {
        cloudformation: `OrderProcessor:
  Type: AWS::Serverless::Function
  Properties:
    Timeout: 30
    Events:
      Orders:
        Type: SQS
        Properties:
          Queue: !GetAtt OrdersQueue.Arn
OrdersQueue:
  Type: AWS::SQS::Queue
  Properties:
    VisibilityTimeout: 180   # >= 6 x the function's 30 s timeout`,
        terraform: `resource "aws_lambda_function" "order_processor" {
  # ...
  timeout = 30
}

resource "aws_sqs_queue" "orders" {
  visibility_timeout_seconds = 180 # >= 6 x the function's 30 s timeout
}`,
        pulumi: `const orderProcessor = new aws.lambda.Function('order-processor', {
  // ...
  timeout: 30,
});
const orders = new aws.sqs.Queue('orders', {
  visibilityTimeoutSeconds: 180, // >= 6 x the function's 30 s timeout
});`,
        cdk: `const orderProcessor = new lambda.Function(this, 'OrderProcessor', {
  // runtime, handler, code ...
  timeout: Duration.seconds(30),
});
const orders = new sqs.Queue(this, 'Orders', {
  visibilityTimeout: Duration.seconds(180), // >= 6 x the function's timeout
});`,
      },
    },
    seeds: ['001_be1f89cdd021749d: Issue 2: Missing Dead Letter Queue'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
];
