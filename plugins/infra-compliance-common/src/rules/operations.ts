import { RuleMetadata } from '../types';

/** Category `operations`: the stack runs safely and portably. */
export const operationsRules: readonly RuleMetadata[] = [
  {
    id: 'OPS-001',
    title: 'API Gateway stage has no throttling limits',
    category: 'operations',
    severity: 'medium',
    rationale:
      "Without stage throttling the API accepts traffic up to the account-wide limit shared by every API in the region, so one client or a spike can exhaust the downstream functions' concurrency and starve the account's other APIs.",
    remediation: {
      summary:
        'Add MethodSettings for HttpMethod "*" and ResourcePath "/*" with ThrottlingRateLimit and ThrottlingBurstLimit (TF aws_api_gateway_method_settings; HTTP APIs: DefaultRouteSettings).',
      snippets: {
        cloudformation: `ApiStage:
  Type: AWS::ApiGateway::Stage
  Properties:
    RestApiId: !Ref Api
    DeploymentId: !Ref ApiDeployment
    StageName: prod
    MethodSettings:
      - HttpMethod: '*'
        ResourcePath: '/*'
        ThrottlingRateLimit: 1000
        ThrottlingBurstLimit: 500`,
        terraform: `resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = 1000
    throttling_burst_limit = 500
  }
}`,
        pulumi: `new aws.apigateway.MethodSettings('all', {
  restApi: api.id,
  stageName: stage.stageName,
  methodPath: '*/*',
  settings: { throttlingRateLimit: 1000, throttlingBurstLimit: 500 },
});`,
        cdk: `const api = new apigateway.RestApi(this, 'Api', {
  deployOptions: { throttlingRateLimit: 1000, throttlingBurstLimit: 500 },
});`,
      },
    },
    seeds: [
      '001_be1f89cdd021749d: Issue 7: Missing API Gateway Throttling Configuration',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'OPS-002',
    title: 'Hardcoded region or account ID',
    category: 'operations',
    severity: 'medium',
    rationale:
      "A literal region or 12-digit account ID ties the stack to one deployment: in another region or account the ARN or URL points at the wrong place, so calls fail or reach someone else's resources, and outputs hand callers a wrong endpoint.",
    remediation: {
      summary:
        "Build ARNs and endpoints from AWS::Region and AWS::AccountId (!Sub), or from the provider's current region and caller identity (Terraform data sources, aws.getRegionOutput(), Stack.of(this).region).",
      snippets: {
        cloudformation: `Outputs:
  ApiUrl:
    Value: !Sub 'https://\${Api}.execute-api.\${AWS::Region}.amazonaws.com/prod/webhook'
# in resources, e.g. an IAM statement:
#   Resource: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:orders'`,
        terraform: `data "aws_region" "current" {}
data "aws_caller_identity" "current" {} # account_id for ARNs

output "api_url" {
  value = "https://\${aws_api_gateway_rest_api.api.id}.execute-api.\${data.aws_region.current.name}.amazonaws.com/prod/webhook"
}`,
        pulumi: `const region = aws.getRegionOutput().name;
export const apiUrl = pulumi.interpolate\`https://\${api.id}.execute-api.\${region}.amazonaws.com/\${stage.stageName}/webhook\`;`,
        cdk: `new CfnOutput(this, 'ApiUrl', {
  value: \`https://\${api.restApiId}.execute-api.\${Stack.of(this).region}.amazonaws.com/prod/webhook\`,
});
// or simply: new CfnOutput(this, 'ApiUrl', { value: api.url });`,
      },
    },
    seeds: [
      '001_be1f89cdd021749d: Issue 9: Hardcoded Region in API URL',
      '004_fbb7571581d294cd: Security Vulnerabilities: Hardcoded Values',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'OPS-003',
    title: 'Resource has no tags',
    category: 'operations',
    severity: 'low',
    rationale:
      'Untagged resources cannot be attributed to a team, service or environment: cost reports, tag-based access policies and incident responders cannot tell whose they are or what they belong to.',
    remediation: {
      summary:
        "Tag every taggable resource, most simply with defaults set once: Terraform provider default_tags, Pulumi provider defaultTags, CDK Tags.of(app), or SAM Globals Tags (which reach only SAM's own resources and those it generates; give other resources their own Tags).",
      snippets: {
        cloudformation: `Globals:
  Function:
    Tags:
      team: payments
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      Tags:
        - Key: team
          Value: payments`,
        terraform: `provider "aws" {
  default_tags {
    tags = {
      team        = "payments"
      environment = "prod"
    }
  }
}`,
        pulumi: `const provider = new aws.Provider('tagged', {
  defaultTags: { tags: { team: 'payments', environment: 'prod' } },
});
const orders = new aws.sqs.Queue('orders', {}, { provider });`,
        cdk: `Tags.of(app).add('team', 'payments');
Tags.of(app).add('environment', 'prod');`,
      },
    },
    seeds: [
      '002_464a6f76eb58ee13: Security and Compliance Gaps: No Resource Tagging',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'OPS-004',
    title: 'DynamoDB table has no point-in-time recovery',
    category: 'operations',
    severity: 'medium',
    rationale:
      'Without point-in-time recovery, items overwritten or deleted by a bad deploy, a bug or an operator cannot be restored to the second before it happened; only on-demand backups, if anyone took them, remain.',
    remediation: {
      summary:
        'Enable PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true (TF point_in_time_recovery { enabled = true }).',
      snippets: {
        cloudformation: `OrdersTable:
  Type: AWS::DynamoDB::Table
  Properties:
    # KeySchema, AttributeDefinitions, BillingMode ...
    PointInTimeRecoverySpecification:
      PointInTimeRecoveryEnabled: true`,
        terraform: `resource "aws_dynamodb_table" "orders" {
  # hash_key, attribute, billing_mode ...
  point_in_time_recovery {
    enabled = true
  }
}`,
        pulumi: `const orders = new aws.dynamodb.Table('orders', {
  // hashKey, attributes, billingMode ...
  pointInTimeRecovery: { enabled: true },
});`,
        cdk: `const orders = new dynamodb.Table(this, 'Orders', {
  partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
});`,
      },
    },
    seeds: ['004_fbb7571581d294cd: Reliability Concerns: No Backup Strategy'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'OPS-005',
    title: 'Function uses a deprecated Lambda runtime',
    category: 'operations',
    severity: 'medium',
    rationale:
      "Per AWS's published Lambda runtime deprecation schedule, a deprecated runtime no longer gets security patches or support, and Lambda then blocks creating and later updating functions on it, so the next deployment of the stack fails. The rule warns 90 days before the deprecation date.",
    remediation: {
      summary:
        'Move the function to a supported runtime of the same language (for example nodejs24.x or python3.13), test the code on it, and redeploy; set it once in SAM Globals where possible.',
      snippets: {
        cloudformation: `Function:
  Type: AWS::Lambda::Function
  Properties:
    Runtime: nodejs24.x   # see AWS's Lambda runtime deprecation schedule`,
        terraform: `resource "aws_lambda_function" "fn" {
  # ...
  runtime = "nodejs24.x"
}`,
        pulumi: `const fn = new aws.lambda.Function('fn', {
  // ...
  runtime: 'nodejs24.x', // or aws.lambda.Runtime.NodeJS24dX
});`,
        cdk: `const fn = new lambda.Function(this, 'Fn', {
  // handler, code ...
  runtime: lambda.Runtime.NODEJS_24_X,
});`,
      },
    },
    seeds: [],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'OPS-006',
    title: 'Stack exports no identifiers of its APIs, tables, queues or topics',
    category: 'operations',
    severity: 'low',
    rationale:
      "Without outputs, other stacks, integration tests and people must look up the API URL, table name or queue URL by hand in the console, which breaks automation and invites using another environment's value.",
    remediation: {
      summary:
        'Add outputs for the identifiers consumers need (API URL, table name, queue URL, topic ARN): CloudFormation Outputs, Terraform output, Pulumi exports or registerOutputs, CDK CfnOutput.',
      snippets: {
        cloudformation: `Outputs:
  ApiUrl:
    Value: !Sub 'https://\${Api}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod'
  TableName:
    Value: !Ref OrdersTable
  QueueUrl:
    Value: !Ref OrdersQueue
  TopicArn:
    Value: !Ref AlertsTopic
    Export:
      Name: !Sub '\${AWS::StackName}-AlertsTopicArn'`,
        terraform: `output "api_url" {
  value = aws_api_gateway_stage.prod.invoke_url
}

output "table_name" {
  value = aws_dynamodb_table.orders.name
}

output "queue_url" {
  value = aws_sqs_queue.orders.url
}`,
        pulumi: `export const apiUrl = stage.invokeUrl;
export const tableName = ordersTable.name;
export const queueUrl = ordersQueue.url;
export const topicArn = alertsTopic.arn;
// inside a ComponentResource: this.registerOutputs({ apiUrl, tableName, queueUrl, topicArn });`,
        cdk: `new CfnOutput(this, 'ApiUrl', { value: api.url });
new CfnOutput(this, 'TableName', { value: ordersTable.tableName });
new CfnOutput(this, 'QueueUrl', { value: ordersQueue.queueUrl });
new CfnOutput(this, 'TopicArn', { value: alertsTopic.topicArn });`,
      },
    },
    seeds: [
      '001_be1f89cdd021749d: Issue 10: Incomplete Output Registration',
      '002_464a6f76eb58ee13: Outputs and Cross-Stack Integration',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'OPS-007',
    title:
      'Stack exports only some of its API, table, queue and topic identifiers',
    category: 'operations',
    severity: 'low',
    rationale:
      'A stack that exports the identifiers of some of its APIs, tables, queues and topics but not others leaves integration tests, dependent stacks and on-call engineers to look the rest up by hand; the dead-letter queue URL and the topic ARN are the ones most often missing. (Added by this project for seed 001; not in RULES.md. OPS-006 covers a stack that exports none.)',
    remediation: {
      summary:
        'Add an output (URL, name or ARN) for each API, table, queue and topic the stack creates.',
      snippets: {
        cloudformation: `Outputs:
  TransactionTopicArn:
    Value: !Ref TransactionTopic
  DeadLetterQueueUrl:
    Value: !Ref DeadLetterQueue`,
        terraform: `output "transaction_topic_arn" {
  value = aws_sns_topic.transaction.arn
}

output "dead_letter_queue_url" {
  value = aws_sqs_queue.dead_letter.url
}`,
        pulumi: `this.registerOutputs({
  snsTopicArn: transactionTopic.arn,
  dlqUrl: deadLetterQueue.url,
});`,
        cdk: `new CfnOutput(this, 'TransactionTopicArn', { value: transactionTopic.topicArn });
new CfnOutput(this, 'DeadLetterQueueUrl', { value: deadLetterQueue.queueUrl });`,
      },
    },
    seeds: ['001_be1f89cdd021749d: Issue 10: Incomplete Output Registration'],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
];
