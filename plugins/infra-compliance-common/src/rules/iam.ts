import { RuleMetadata } from '../types';

/** Category `iam`: every function has exactly the access it needs. */
export const iamRules: readonly RuleMetadata[] = [
  {
    id: 'IAM-001',
    title: 'Execution role shared by several functions',
    category: 'iam',
    severity: 'high',
    rationale:
      "A shared role holds the union of every function's permissions, so each function can do whatever any of them may do and least privilege is lost; a grant added for one function silently widens the others, and removing one can break them.",
    remediation: {
      summary:
        'Give each function its own execution role that grants only what that function uses.',
      snippets: {
        cloudformation: `DataProcessorRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Principal: { Service: lambda.amazonaws.com }
          Action: sts:AssumeRole
    ManagedPolicyArns:
      - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'
DataProcessorFunction:
  Type: AWS::Lambda::Function
  Properties:
    Role: !GetAtt DataProcessorRole.Arn
# ResponseHandlerFunction gets its own ResponseHandlerRole the same way`,
        terraform: `resource "aws_iam_role" "data_processor" {
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

resource "aws_iam_role" "response_handler" {
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

resource "aws_lambda_function" "data_processor" {
  # ...
  role = aws_iam_role.data_processor.arn
}
# aws_lambda_function.response_handler uses aws_iam_role.response_handler.arn`,
        pulumi: `const assumeRolePolicy = aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' });
const processorRole = new aws.iam.Role('processor-role', { assumeRolePolicy });
const handlerRole = new aws.iam.Role('handler-role', { assumeRolePolicy });
const processor = new aws.lambda.Function('processor', { /* ... */ role: processorRole.arn });
const handler = new aws.lambda.Function('handler', { /* ... */ role: handlerRole.arn });`,
        cdk: `// Without a \`role\`, each function gets its own role with AWSLambdaBasicExecutionRole.
const processor = new lambda.Function(this, 'Processor', { /* runtime, handler, code */ });
const handler = new lambda.Function(this, 'Handler', { /* runtime, handler, code */ });
table.grantWriteData(processor);
topic.grantPublish(handler);`,
      },
    },
    seeds: ['000_4e8a716c0e15d636: Shared IAM role instead of separate roles'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-002',
    title: 'Policy statement allows all actions of a service',
    category: 'iam',
    severity: 'high',
    rationale:
      "An action of * or <service>:* grants operations nobody reviewed, including deletes, policy changes and data exports, so a bug or a compromised function can do anything the service allows on the statement's resources.",
    remediation: {
      summary:
        "List the specific actions the role's code calls (for example dynamodb:PutItem and dynamodb:UpdateItem) instead of a wildcard, or use a narrow SAM policy template or CDK grant method; in place of an AWS managed policy that allows whole services (AmazonS3FullAccess, AWSLambda_FullAccess, ...), attach a policy of your own that lists those actions.",
      snippets: {
        cloudformation: `Policies:
  - PolicyName: orders-table-write
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Action:
            - dynamodb:PutItem
            - dynamodb:UpdateItem
          Resource: !GetAtt OrdersTable.Arn
# SAM: Policies: [{ DynamoDBWritePolicy: { TableName: !Ref OrdersTable } }]`,
        terraform: `resource "aws_iam_role_policy" "orders_write" {
  role = aws_iam_role.processor.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
      Resource = aws_dynamodb_table.orders.arn
    }]
  })
}`,
        pulumi: `new aws.iam.RolePolicy('orders-write', {
  role: processorRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      Resource: ordersTable.arn,
    }],
  }),
});`,
        cdk: `processor.addToRolePolicy(new iam.PolicyStatement({
  actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
  resources: [ordersTable.tableArn],
}));
// or: ordersTable.grantWriteData(processor);`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Security Vulnerabilities: Broad IAM Policies',
      '002_464a6f76eb58ee13: Security and Compliance Gaps: No Explicit Least-Privilege Policies',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-003',
    title: 'Policy statement allows resource-scoped actions on every resource',
    category: 'iam',
    severity: 'medium',
    rationale:
      'With Resource "*" the function can use the granted actions on every table, queue, topic or bucket in the account, not just its own, so a bug or a compromised function reaches other services\' data. Actions that only work on "*" (xray:PutTraceSegments, xray:PutTelemetryRecords, cloudwatch:PutMetricData, logs:CreateLogGroup at account level, ec2:CreateNetworkInterface) are not affected.',
    remediation: {
      summary:
        'Scope Resource to the ARNs the statement\'s actions are used on (!GetAtt Table.Arn, !Ref Topic, ...), whatever the role is for (a function, a state machine, an instance), and keep "*" only in a separate statement for actions that support no resource-level permissions.',
      snippets: {
        cloudformation: `Statement:
  - Effect: Allow
    Action: sqs:SendMessage
    Resource: !GetAtt OrdersQueue.Arn
  - Effect: Allow           # these actions only work on "*"
    Action:
      - xray:PutTraceSegments
      - xray:PutTelemetryRecords
      - cloudwatch:PutMetricData
    Resource: '*'`,
        terraform: `data "aws_iam_policy_document" "processor" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.orders.arn]
  }
  statement { # these actions only work on "*"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "cloudwatch:PutMetricData"]
    resources = ["*"]
  }
}`,
        pulumi: `new aws.iam.RolePolicy('processor', {
  role: processorRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: orders.arn },
      // these actions only work on "*"
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'cloudwatch:PutMetricData'], Resource: '*' },
    ],
  }),
});`,
        cdk: `orders.grantSendMessages(processor); // scoped to the queue's ARN
processor.addToRolePolicy(new iam.PolicyStatement({
  // these actions only work on "*"
  actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'cloudwatch:PutMetricData'],
  resources: ['*'],
}));`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Security Vulnerabilities: Broad IAM Policies',
      '004_fbb7571581d294cd: Security Hardening: Resource-Specific IAM',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-004',
    title: "Function's role cannot use a resource it is wired to",
    category: 'iam',
    severity: 'critical',
    rationale:
      "The function gets the resource's name or ARN in an environment variable, so its code calls it, but the role grants no action on it: the stack deploys cleanly and then every call fails with AccessDenied at run time (a function with SNS_TOPIC_ARN but no sns:Publish fails every request).",
    remediation: {
      summary:
        'Grant the role the actions the code uses, scoped to that resource: sns:Publish on a topic, dynamodb data actions on a table, sqs:SendMessage on a queue, lambda:InvokeFunction on a function, s3 object actions on a bucket, states:StartExecution on a state machine, or the matching SAM policy template.',
      snippets: {
        cloudformation: `ValidationFunction:
  Type: AWS::Serverless::Function
  Properties:
    Environment:
      Variables:
        SNS_TOPIC_ARN: !Ref TransactionTopic
        TABLE_NAME: !Ref TransactionsTable
    Policies:
      - SNSPublishMessagePolicy:
          TopicName: !GetAtt TransactionTopic.TopicName
      - DynamoDBWritePolicy:
          TableName: !Ref TransactionsTable`,
        terraform: `resource "aws_iam_role_policy" "validation_publish" {
  role = aws_iam_role.validation.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "sns:Publish"
      Resource = aws_sns_topic.transactions.arn
    }]
  })
}`,
        pulumi: `new aws.iam.RolePolicy('validation-sns-publish', {
  role: validationRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: transactionTopic.arn }],
  }),
});`,
        cdk: `const validation = new lambda.Function(this, 'Validation', {
  // runtime, handler, code ...
  environment: { SNS_TOPIC_ARN: transactionTopic.topicArn },
});
transactionTopic.grantPublish(validation);`,
      },
    },
    seeds: [
      '001_be1f89cdd021749d: Issue 4: Missing SNS Publish Permission for Validation Lambda',
      '001_be1f89cdd021749d: Issue 6: Missing DynamoDB Write Permissions',
      '000_4e8a716c0e15d636: Missing Lambda invoke permission for dataProcessor',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-005',
    title: "Traced function's role cannot write to X-Ray",
    category: 'iam',
    severity: 'high',
    rationale:
      "With active tracing, Lambda sends trace segments to X-Ray with the function's execution role. Without xray:PutTraceSegments and xray:PutTelemetryRecords the segments are rejected, so the traces that tracing was turned on for are missing exactly when a failure needs to be followed.",
    remediation: {
      summary:
        'Attach AWSXRayDaemonWriteAccess to the role, or allow xray:PutTraceSegments and xray:PutTelemetryRecords on "*"; SAM\'s Tracing: Active and CDK\'s Tracing.ACTIVE add them to the roles they create.',
      snippets: {
        cloudformation: `FunctionRole:
  Type: AWS::IAM::Role
  Properties:
    # AssumeRolePolicyDocument ...
    ManagedPolicyArns:
      - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'
      - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess'
Function:
  Type: AWS::Lambda::Function
  Properties:
    Role: !GetAtt FunctionRole.Arn
    TracingConfig:
      Mode: Active`,
        terraform: `resource "aws_iam_role_policy_attachment" "fn_xray" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"
}`,
        pulumi: `new aws.iam.RolePolicyAttachment('fn-xray', {
  role: fnRole.name,
  policyArn: 'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
});`,
        cdk: `// Tracing.ACTIVE adds the X-Ray grants to a role the function creates;
// for a role passed in, attach the managed policy:
fnRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AWSXRayDaemonWriteAccess'));
const fn = new lambda.Function(this, 'Fn', {
  // runtime, handler, code ...
  role: fnRole,
  tracing: lambda.Tracing.ACTIVE,
});`,
      },
    },
    seeds: ['001_be1f89cdd021749d: Issue 1: Missing X-Ray Policy Attachments'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-006',
    title: 'IAM role or managed policy has an explicit name',
    category: 'iam',
    severity: 'low',
    rationale:
      'A fixed RoleName or ManagedPolicyName makes every deployment need CAPABILITY_NAMED_IAM, and because IAM names are global to the account, a second copy of the stack (another environment or region) fails with "already exists", as does any update that must replace the role.',
    remediation: {
      summary:
        'Remove RoleName / ManagedPolicyName (TF name on aws_iam_role; use name_prefix if a readable prefix is needed) and let the tool generate a unique name; reference the role by !Ref / !GetAtt.',
      snippets: {
        cloudformation: `FunctionRole:
  Type: AWS::IAM::Role
  Properties:          # no RoleName: CloudFormation generates a unique one
    AssumeRolePolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Principal: { Service: lambda.amazonaws.com }
          Action: sts:AssumeRole`,
        terraform: `resource "aws_iam_role" "fn" {
  name_prefix        = "orders-fn-" # instead of name; Terraform adds a unique suffix
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}`,
        pulumi: `// No \`name\`: Pulumi auto-names the role with a random suffix.
const fnRole = new aws.iam.Role('fn-role', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});`,
        cdk: `// No roleName: CloudFormation generates a unique name.
const fnRole = new iam.Role(this, 'FnRole', {
  assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
});`,
      },
    },
    seeds: [
      '002_464a6f76eb58ee13: Security and Compliance Gaps: IAM Role Naming',
      '002_464a6f76eb58ee13: Security Failures: Explicit IAM Role Names',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-007',
    title: "Function's role cannot write its logs",
    category: 'iam',
    severity: 'medium',
    rationale:
      "Lambda writes the function's output to CloudWatch Logs with the execution role. Without logs:CreateLogStream and logs:PutLogEvents every log line and error stack trace is silently dropped, so failures cannot be diagnosed.",
    remediation: {
      summary:
        "Attach AWSLambdaBasicExecutionRole (AWSLambdaVPCAccessExecutionRole for VPC functions), or allow logs:CreateLogStream and logs:PutLogEvents on the function's log group.",
      snippets: {
        cloudformation: `FunctionRole:
  Type: AWS::IAM::Role
  Properties:
    # AssumeRolePolicyDocument ...
    Policies:
      - PolicyName: write-logs
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: [logs:CreateLogStream, logs:PutLogEvents]
              Resource: !GetAtt FunctionLogGroup.Arn   # the Arn ends in :*`,
        terraform: `resource "aws_iam_role_policy" "fn_logs" {
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "\${aws_cloudwatch_log_group.fn.arn}:*"
    }]
  })
}`,
        pulumi: `new aws.iam.RolePolicyAttachment('fn-basic-execution', {
  role: fnRole.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});`,
        cdk: `const fnRole = new iam.Role(this, 'FnRole', {
  assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
  managedPolicies: [
    iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
  ],
});`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Common Architecture Failures: Wrong IAM Permissions',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-008',
    title: "Queue consumer's role cannot receive and delete messages",
    category: 'iam',
    severity: 'high',
    rationale:
      "The event source mapping polls the queue with the function's execution role. Without sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on the queue, Lambda rejects the mapping and the deployment fails, or, if a grant is narrowed later, messages stop being delivered or are never deleted and are processed again and again.",
    remediation: {
      summary:
        "Allow sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on the queue's ARN, or attach AWSLambdaSQSQueueExecutionRole; a SAM SQS event and CDK's SqsEventSource add them.",
      snippets: {
        cloudformation: `OrderProcessorRole:
  Type: AWS::IAM::Role
  Properties:
    # AssumeRolePolicyDocument, AWSLambdaBasicExecutionRole ...
    Policies:
      - PolicyName: consume-orders
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]
              Resource: !GetAtt OrdersQueue.Arn`,
        terraform: `resource "aws_iam_role_policy" "consume_orders" {
  role = aws_iam_role.order_processor.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
      Resource = aws_sqs_queue.orders.arn
    }]
  })
}`,
        pulumi: `new aws.iam.RolePolicy('consume-orders', {
  role: orderProcessorRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      Resource: orders.arn,
    }],
  }),
});`,
        cdk: `// SqsEventSource grants the consume actions on the queue to the function's role.
orderProcessor.addEventSource(new SqsEventSource(orders, { reportBatchItemFailures: true }));
// without an event source: orders.grantConsumeMessages(orderProcessor);`,
      },
    },
    seeds: [
      '004_fbb7571581d294cd: Common Architecture Failures: Wrong IAM Permissions',
      '004_fbb7571581d294cd: Security Hardening: Resource-Specific IAM',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-009',
    title:
      'Policy statement allows every action but those it lists (NotAction)',
    category: 'iam',
    severity: 'high',
    rationale:
      'Allow with NotAction grants every action of every AWS service except the few it lists, including actions AWS adds later: far more than any function calls, so a bug or a compromised function can do almost anything. AWS Security Hub counts it as full access, like <service>:*.',
    remediation: {
      summary:
        'Allow the actions the function calls, listed with Action; to keep some actions out of a broader grant, add a Deny statement for them instead of allowing everything else.',
      snippets: {
        cloudformation: `Policies:
  - PolicyName: orders-access
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Effect: Allow
          Action:
            - dynamodb:GetItem
            - dynamodb:PutItem
          Resource: !GetAtt OrdersTable.Arn
        # instead of: Effect: Allow, NotAction: iam:*, Resource: '*'`,
        terraform: `data "aws_iam_policy_document" "orders_access" {
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [aws_dynamodb_table.orders.arn]
  }
  # instead of: not_actions = ["iam:*"], resources = ["*"]
}`,
        pulumi: `new aws.iam.RolePolicy('orders-access', {
  role: processorRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], // not NotAction
      Resource: ordersTable.arn,
    }],
  }),
});`,
        cdk: `processor.addToRolePolicy(new iam.PolicyStatement({
  actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], // not notActions
  resources: [ordersTable.tableArn],
}));
// or: ordersTable.grantReadWriteData(processor);`,
      },
    },
    seeds: [],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'IAM-010',
    title:
      'Policy statement allows actions on every resource but those it lists (NotResource)',
    category: 'iam',
    severity: 'medium',
    rationale:
      'Allow with NotResource grants its actions on every resource except the few it lists: resources of other applications, other accounts and ones created later. It is as broad as Resource "*" and easy to misread as a restriction.',
    remediation: {
      summary:
        'Name the resources the actions are for with Resource (their ARNs); to keep some resources out of a broader grant, add a Deny statement for them.',
      snippets: {
        cloudformation: `Statement:
  - Effect: Allow
    Action: s3:GetObject
    Resource: !Sub '\${ReportsBucket.Arn}/*'
  # instead of: Effect: Allow, Action: s3:GetObject, NotResource: arn:aws:s3:::payroll/*`,
        terraform: `data "aws_iam_policy_document" "reports_read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.reports.arn}/*"]
  }
  # instead of: not_resources = ["arn:aws:s3:::payroll/*"]
}`,
        pulumi: `new aws.iam.RolePolicy('reports-read', {
  role: processorRole.id,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: pulumi.interpolate\`\${reports.arn}/*\`, // not NotResource
    }],
  }),
});`,
        cdk: `processor.addToRolePolicy(new iam.PolicyStatement({
  actions: ['s3:GetObject'],
  resources: [reports.arnForObjects('*')], // not notResources
}));
// or: reports.grantRead(processor);`,
      },
    },
    seeds: [],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
];
