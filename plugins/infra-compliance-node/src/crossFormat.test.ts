/**
 * The rules read a format-neutral graph, so the same stack written in
 * CloudFormation, Terraform, Pulumi or the CDK must get the same findings on the same
 * resources. Three stacks, each with the same misconfigurations in each
 * format (resources named alike in each), as a user of each tool writes it
 * (CDK's L2 constructs with their defaults). First, an order-processing stack:
 * - OrderFunction is invoked by SNS without a dead-letter queue (DLQ-001),
 *   traced without X-Ray permissions (IAM-005), handed AuditQueue's URL
 *   without sqs:SendMessage (IAM-004), and has no error alarm (ALM-001);
 * - AuditFunction sends its failures to OrderDlq, which keeps messages only
 *   4 days (DLQ-003) and has no alarm (ALM-002); its role cannot send there
 *   (DLQ-004);
 * - OrderLogs keeps logs forever (LOG-002), unencrypted (ENC-001).
 */
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { scanFiles, selectRules } from './engine/scan';

const RULES = [
  'DLQ-001',
  'DLQ-003',
  'DLQ-004',
  'IAM-004',
  'IAM-005',
  'ALM-001',
  'ALM-002',
  'LOG-001',
  'LOG-002',
  'ENC-001',
];

const EXPECTED = [
  'ALM-001 AuditFunction',
  'ALM-001 OrderFunction',
  'ALM-002 OrderDlq',
  'DLQ-001 OrderFunction',
  'DLQ-003 OrderDlq',
  'DLQ-004 AuditFunction',
  'ENC-001 OrderLogs',
  'IAM-004 OrderFunction',
  'IAM-005 OrderFunction',
  'LOG-001 AuditFunction',
  'LOG-002 OrderLogs',
];

const CLOUDFORMATION = `
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrderTopic:
    Type: AWS::SNS::Topic
  AuditQueue:
    Type: AWS::SQS::Queue
  OrderDlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 345600
  OrderRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  AuditRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  OrderFunction:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: order-fn
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt OrderRole.Arn
      Code: { ZipFile: 'exports.handler = async () => {}' }
      TracingConfig: { Mode: Active }
      Environment:
        Variables:
          AUDIT_QUEUE_URL: !Ref AuditQueue
  OrderSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref OrderTopic
      Protocol: lambda
      Endpoint: !GetAtt OrderFunction.Arn
  OrderPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref OrderFunction
      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com
      SourceArn: !Ref OrderTopic
  AuditFunction:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: audit-fn
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt AuditRole.Arn
      Code: { ZipFile: 'exports.handler = async () => {}' }
      DeadLetterConfig:
        TargetArn: !GetAtt OrderDlq.Arn
  OrderLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/order-fn
`;

const PULUMI = `
import * as aws from '@pulumi/aws';

const assumeRolePolicy = JSON.stringify({
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const basicExecution = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

const orderTopic = new aws.sns.Topic('OrderTopic', {});
const auditQueue = new aws.sqs.Queue('AuditQueue', {});
const orderDlq = new aws.sqs.Queue('OrderDlq', { messageRetentionSeconds: 4 * 24 * 3600 });
const orderRole = new aws.iam.Role('OrderRole', { assumeRolePolicy });
new aws.iam.RolePolicyAttachment('OrderRoleBasic', { role: orderRole.name, policyArn: basicExecution });
const auditRole = new aws.iam.Role('AuditRole', { assumeRolePolicy, managedPolicyArns: [basicExecution] });

const orderFunction = new aws.lambda.Function('OrderFunction', {
  name: 'order-fn',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: orderRole.arn,
  tracingConfig: { mode: 'Active' },
  environment: { variables: { AUDIT_QUEUE_URL: auditQueue.url } },
});
new aws.sns.TopicSubscription('OrderSubscription', { topic: orderTopic.arn, protocol: 'lambda', endpoint: orderFunction.arn });
new aws.lambda.Permission('OrderPermission', {
  function: orderFunction.name,
  action: 'lambda:InvokeFunction',
  principal: 'sns.amazonaws.com',
  sourceArn: orderTopic.arn,
});

new aws.lambda.Function('AuditFunction', {
  name: 'audit-fn',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  role: auditRole.arn,
  deadLetterConfig: { targetArn: orderDlq.arn },
});

new aws.cloudwatch.LogGroup('OrderLogs', { name: '/aws/lambda/order-fn' });
`;

const TERRAFORM = `
resource "aws_sns_topic" "OrderTopic" {}

resource "aws_sqs_queue" "AuditQueue" {}

resource "aws_sqs_queue" "OrderDlq" {
  message_retention_seconds = 345600
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "OrderRole" {
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "OrderRoleBasic" {
  role       = aws_iam_role.OrderRole.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role" "AuditRole" {
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "AuditRoleBasic" {
  role       = aws_iam_role.AuditRole.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "OrderFunction" {
  function_name = "order-fn"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  role          = aws_iam_role.OrderRole.arn
  filename      = "order.zip"
  tracing_config {
    mode = "Active"
  }
  environment {
    variables = {
      AUDIT_QUEUE_URL = aws_sqs_queue.AuditQueue.url
    }
  }
}

resource "aws_sns_topic_subscription" "OrderSubscription" {
  topic_arn = aws_sns_topic.OrderTopic.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.OrderFunction.arn
}

resource "aws_lambda_permission" "OrderPermission" {
  function_name = aws_lambda_function.OrderFunction.function_name
  action        = "lambda:InvokeFunction"
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.OrderTopic.arn
}

resource "aws_lambda_function" "AuditFunction" {
  function_name = "audit-fn"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  role          = aws_iam_role.AuditRole.arn
  filename      = "audit.zip"
  dead_letter_config {
    target_arn = aws_sqs_queue.OrderDlq.arn
  }
}

resource "aws_cloudwatch_log_group" "OrderLogs" {
  name = "/aws/lambda/order-fn"
}
`;

const CDK = `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';

const basicExecution = () => [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')];

export class OrdersStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const orderTopic = new sns.Topic(this, 'OrderTopic');
    const auditQueue = new sqs.Queue(this, 'AuditQueue');
    const orderDlq = new sqs.Queue(this, 'OrderDlq', { retentionPeriod: cdk.Duration.days(4) });
    // Explicit roles given as CfnFunction roles: CDK then adds nothing to them.
    const orderRole = new iam.Role(this, 'OrderRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: basicExecution() });
    const auditRole = new iam.Role(this, 'AuditRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: basicExecution() });
    const orderFunction = new lambda.CfnFunction(this, 'OrderFunction', {
      functionName: 'order-fn',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      role: orderRole.roleArn,
      code: { zipFile: 'exports.handler = async () => {}' },
      tracingConfig: { mode: 'Active' },
      environment: { variables: { AUDIT_QUEUE_URL: auditQueue.queueUrl } },
    });
    new sns.CfnSubscription(this, 'OrderSubscription', { topicArn: orderTopic.topicArn, protocol: 'lambda', endpoint: orderFunction.attrArn });
    new lambda.CfnPermission(this, 'OrderPermission', {
      functionName: orderFunction.ref,
      action: 'lambda:InvokeFunction',
      principal: 'sns.amazonaws.com',
      sourceArn: orderTopic.topicArn,
    });
    new lambda.CfnFunction(this, 'AuditFunction', {
      functionName: 'audit-fn',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      role: auditRole.roleArn,
      code: { zipFile: 'exports.handler = async () => {}' },
      deadLetterConfig: { targetArn: orderDlq.queueArn },
    });
    new logs.LogGroup(this, 'OrderLogs', { logGroupName: '/aws/lambda/order-fn', retention: logs.RetentionDays.INFINITE });
  }
}
`;

type Stack = { format: string; files: { path: string; text: string }[] }[];

/** One stack in each format, as a project of its own (the CDK app makes `cdkClass` of lib/stack.ts). */
function inEveryFormat(code: {
  cloudformation: string;
  pulumi: string;
  terraform: string;
  cdk: string;
  cdkClass: string;
  cdkProps?: string;
}): Stack {
  return [
    {
      format: 'cloudformation',
      files: [{ path: 'cfn/template.yaml', text: code.cloudformation }],
    },
    {
      format: 'pulumi',
      files: [
        { path: 'pulumi/Pulumi.yaml', text: 'name: orders\nruntime: nodejs\n' },
        { path: 'pulumi/index.ts', text: code.pulumi },
      ],
    },
    {
      format: 'terraform',
      files: [{ path: 'tf/main.tf', text: code.terraform }],
    },
    {
      format: 'cdk',
      files: [
        { path: 'cdk/cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
        {
          path: 'cdk/bin/app.ts',
          text: `import * as cdk from 'aws-cdk-lib';\nimport { ${
            code.cdkClass
          } } from '../lib/stack';\nnew ${code.cdkClass}(new cdk.App(), '${
            code.cdkClass
          }'${code.cdkProps ? `, ${code.cdkProps}` : ''});\n`,
        },
        { path: 'cdk/lib/stack.ts', text: code.cdk },
      ],
    },
  ];
}

const FORMATS = inEveryFormat({
  cloudformation: CLOUDFORMATION,
  pulumi: PULUMI,
  terraform: TERRAFORM,
  cdk: CDK,
  cdkClass: 'OrdersStack',
});

/** `aws_lambda_function.OrderFunction` (a Terraform address) → `OrderFunction`. */
const logicalName = (finding: Finding) =>
  finding.resourceId.replace(/^[a-z0-9_]+\./, '');

describe('messages name properties as each format writes them', () => {
  // CDK's by the props of the L2s that set them (a synthesized template names them as CloudFormation does).
  const NAMES: Record<
    string,
    { retention: string; key: string; queueRetention: string }
  > = {
    cloudformation: {
      retention: 'no RetentionInDays',
      key: 'no KmsKeyId',
      queueRetention: '(MessageRetentionPeriod 345600)',
    },
    terraform: {
      retention: 'no retention_in_days',
      key: 'no kms_key_id',
      queueRetention: '(message_retention_seconds 345600)',
    },
    pulumi: {
      retention: 'no retentionInDays',
      key: 'no kmsKeyId',
      queueRetention: '(messageRetentionSeconds 345600)',
    },
    cdk: {
      retention: 'no retention',
      key: 'no encryptionKey',
      queueRetention: '(retentionPeriod Duration.seconds(345600))',
    },
  };

  it.each(FORMATS)('$format', ({ format, files }) => {
    const { findings } = scanFiles(
      files,
      selectRules(['LOG-002', 'ENC-001', 'DLQ-003']),
    );
    const message = (ruleId: string) =>
      findings.find(finding => finding.ruleId === ruleId)?.message;
    expect(message('LOG-002')).toContain(NAMES[format].retention);
    expect(message('ENC-001')).toContain(NAMES[format].key);
    expect(message('DLQ-003')).toContain(NAMES[format].queueRetention);
  });
});

/**
 * A queue worker, the same in each format:
 * - WorkQueue declares no encryption (ENC-003: CDK's Queue writes none by
 *   default either, leaving SQS's own default, as the others do) and is
 *   consumed by WorkerFunction through WorkerMapping without a redrive policy
 *   (DLQ-002), without partial batch responses (DLQ-005), with the default
 *   30 s visibility timeout under the function's 60 s (DLQ-006); it is the
 *   stack's only export candidate and is not exported (OPS-006);
 * - WorkerRole has a name (IAM-006) and grants nothing: not logs (IAM-007),
 *   not the queue (IAM-008, a mapping CDK grants nothing for); both functions
 *   run as it (IAM-001; ReportFunction takes WorkerFunction's role where the
 *   format can, not CloudFormation) untraced (LOG-003);
 * - WorkerFunction runs on a deprecated runtime (OPS-005) and hardcodes an ARN
 *   (OPS-002); nothing is tagged (OPS-003);
 * - ReportFunction hardcodes the ARNs of its layer and of its environment's
 *   key (OPS-002, CDK's of constructs imported by them); behind a function URL,
 *   it is also subscribed to a topic of another stack, which invokes it
 *   asynchronously (DLQ-001; WorkerFunction, polled by its mapping alone, is
 *   exempt); ReportErrors, the alarm on its errors, notifies a topic of a
 *   hardcoded ARN (OPS-002).
 */
const WORKER_RULES = [
  'DLQ-001',
  'DLQ-002',
  'DLQ-005',
  'DLQ-006',
  'ENC-003',
  'IAM-001',
  'IAM-006',
  'IAM-007',
  'IAM-008',
  'LOG-003',
  'OPS-002',
  'OPS-003',
  'OPS-005',
  'OPS-006',
];

const WORKER_EXPECTED = [
  'DLQ-001 ReportFunction',
  'DLQ-002 WorkQueue',
  'DLQ-005 WorkerMapping',
  'DLQ-006 WorkQueue',
  'ENC-003 WorkQueue',
  'IAM-001 ReportFunction',
  'IAM-001 WorkerFunction',
  'IAM-006 WorkerRole',
  'IAM-007 ReportFunction',
  'IAM-007 WorkerFunction',
  'IAM-008 WorkerMapping',
  'LOG-003 ReportFunction',
  'LOG-003 WorkerFunction',
  'OPS-002 ReportErrors',
  'OPS-002 ReportFunction',
  'OPS-002 ReportFunction',
  'OPS-002 WorkerFunction',
  'OPS-003 ReportErrors',
  'OPS-003 ReportFunction',
  'OPS-003 WorkQueue',
  'OPS-003 WorkerFunction',
  'OPS-003 WorkerMapping',
  'OPS-003 WorkerRole',
  'OPS-005 WorkerFunction',
  'OPS-006 WorkQueue',
];

const WORKER = inEveryFormat({
  cloudformation: `
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WorkQueue:
    Type: AWS::SQS::Queue
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: worker-role
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  WorkerFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs16.x
      Handler: index.handler
      Timeout: 60
      Role: !GetAtt WorkerRole.Arn
      Code: { ZipFile: 'exports.handler = async () => {}' }
      Environment:
        Variables:
          ALERTS_TOPIC_ARN: arn:aws:sns:eu-west-1:123456789012:alerts
  WorkerMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt WorkQueue.Arn
      FunctionName: !Ref WorkerFunction
  ReportFunction:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt WorkerRole.Arn
      Code: { ZipFile: 'exports.handler = async () => {}' }
      Layers:
        - arn:aws:lambda:eu-west-1:123456789012:layer:deps:1
      KmsKeyArn: arn:aws:kms:eu-west-1:123456789012:key/1234abcd
  ReportUrl:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt ReportFunction.Arn
      AuthType: AWS_IAM
  ReportSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Sub arn:aws:sns:\${AWS::Region}:\${AWS::AccountId}:reports
      Protocol: lambda
      Endpoint: !GetAtt ReportFunction.Arn
  ReportPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt ReportFunction.Arn
      Action: lambda:InvokeFunction
      Principal: sns.amazonaws.com
      SourceArn: !Sub arn:aws:sns:\${AWS::Region}:\${AWS::AccountId}:reports
  ReportErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - { Name: FunctionName, Value: !Ref ReportFunction }
      Statistic: Average
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      AlarmActions:
        - arn:aws:sns:eu-west-1:123456789012:alerts
`,
  pulumi: `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const workQueue = new aws.sqs.Queue('WorkQueue', {});
const workerRole = new aws.iam.Role('WorkerRole', {
  name: 'worker-role',
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const workerFunction = new aws.lambda.Function('WorkerFunction', {
  runtime: aws.lambda.Runtime.NodeJS16dX,
  handler: 'index.handler',
  timeout: 60,
  role: workerRole.arn,
  code: new pulumi.asset.FileArchive('./worker'),
  environment: { variables: { ALERTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:alerts' } },
});
new aws.lambda.EventSourceMapping('WorkerMapping', { eventSourceArn: workQueue.arn, functionName: workerFunction.arn });
const reportFunction = new aws.lambda.Function('ReportFunction', {
  runtime: aws.lambda.Runtime.NodeJS22dX,
  handler: 'index.handler',
  role: workerFunction.role,
  code: new pulumi.asset.FileArchive('./report'),
  layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:deps:1'],
  kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd',
});
new aws.lambda.FunctionUrl('ReportUrl', { functionName: reportFunction.name, authorizationType: 'AWS_IAM' });
const reportsTopicArn = pulumi.interpolate\`arn:aws:sns:\${aws.getRegionOutput().name}:\${aws.getCallerIdentityOutput().accountId}:reports\`;
new aws.sns.TopicSubscription('ReportSubscription', { topic: reportsTopicArn, protocol: 'lambda', endpoint: reportFunction.arn });
new aws.lambda.Permission('ReportPermission', {
  function: reportFunction.arn,
  action: 'lambda:InvokeFunction',
  principal: 'sns.amazonaws.com',
  sourceArn: reportsTopicArn,
});
new aws.cloudwatch.MetricAlarm('ReportErrors', {
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimensions: { FunctionName: reportFunction.name },
  statistic: 'Average',
  period: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  alarmActions: ['arn:aws:sns:eu-west-1:123456789012:alerts'],
});
`,
  terraform: `
resource "aws_sqs_queue" "WorkQueue" {}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "WorkerRole" {
  name               = "worker-role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_lambda_function" "WorkerFunction" {
  function_name = "worker"
  runtime       = "nodejs16.x"
  handler       = "index.handler"
  timeout       = 60
  role          = aws_iam_role.WorkerRole.arn
  filename      = "worker.zip"
  environment {
    variables = {
      ALERTS_TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:alerts"
    }
  }
}

resource "aws_lambda_event_source_mapping" "WorkerMapping" {
  event_source_arn = aws_sqs_queue.WorkQueue.arn
  function_name    = aws_lambda_function.WorkerFunction.arn
}

resource "aws_lambda_function" "ReportFunction" {
  function_name = "report"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  role          = aws_lambda_function.WorkerFunction.role
  filename      = "report.zip"
  layers        = ["arn:aws:lambda:eu-west-1:123456789012:layer:deps:1"]
  kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd"
}

resource "aws_lambda_function_url" "ReportUrl" {
  function_name      = aws_lambda_function.ReportFunction.function_name
  authorization_type = "AWS_IAM"
}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  reports_topic_arn = "arn:aws:sns:\${data.aws_region.current.name}:\${data.aws_caller_identity.current.account_id}:reports"
}

resource "aws_sns_topic_subscription" "ReportSubscription" {
  topic_arn = local.reports_topic_arn
  protocol  = "lambda"
  endpoint  = aws_lambda_function.ReportFunction.arn
}

resource "aws_lambda_permission" "ReportPermission" {
  function_name = aws_lambda_function.ReportFunction.function_name
  action        = "lambda:InvokeFunction"
  principal     = "sns.amazonaws.com"
  source_arn    = local.reports_topic_arn
}

resource "aws_cloudwatch_metric_alarm" "ReportErrors" {
  alarm_name          = "report-errors"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.ReportFunction.function_name }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = ["arn:aws:sns:eu-west-1:123456789012:alerts"]
}
`,
  cdk: `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';

export class WorkerStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const workQueue = new sqs.Queue(this, 'WorkQueue');
    const workerRole = new iam.Role(this, 'WorkerRole', {
      roleName: 'worker-role',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    // Given a role, a Function adds no managed policy to it.
    const workerFunction = new lambda.Function(this, 'WorkerFunction', {
      runtime: lambda.Runtime.NODEJS_16_X,
      handler: 'index.handler',
      timeout: cdk.Duration.minutes(1),
      role: workerRole,
      code: lambda.Code.fromAsset('lambda/worker'),
      environment: { ALERTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:alerts' },
    });
    // A mapping of its own, unlike addEventSource(new SqsEventSource(...)), grants nothing on the queue.
    new lambda.EventSourceMapping(this, 'WorkerMapping', { target: workerFunction, eventSourceArn: workQueue.queueArn });
    const reportFunction = new lambda.Function(this, 'ReportFunction', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      role: workerFunction.role,
      code: lambda.Code.fromAsset('lambda/report'),
      layers: [lambda.LayerVersion.fromLayerVersionArn(this, 'DepsLayer', 'arn:aws:lambda:eu-west-1:123456789012:layer:deps:1')],
      environmentEncryption: kms.Key.fromKeyArn(this, 'EnvKey', 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd'),
    });
    reportFunction.addFunctionUrl();
    // The subscription and the permission CDK makes of an imported topic, as of its own.
    sns.Topic.fromTopicArn(this, 'ReportsTopic', \`arn:aws:sns:\${this.region}:\${this.account}:reports\`)
      .addSubscription(new subscriptions.LambdaSubscription(reportFunction));
    reportFunction
      .metricErrors({ period: cdk.Duration.minutes(5) })
      .createAlarm(this, 'ReportErrors', { evaluationPeriods: 1, threshold: 1 })
      .addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(this, 'AlertsTopic', 'arn:aws:sns:eu-west-1:123456789012:alerts')));
  }
}
`,
  cdkClass: 'WorkerStack',
});

/**
 * Storage, a policy and APIs, the same in each format:
 * - DataKey has no rotation (ENC-007) and the default key policy, yet
 *   encrypts AppLogs (ENC-002);
 * - OrdersTable is a global table with a replica in eu-west-2, encrypted
 *   with an AWS-owned key (ENC-005), without point-in-time recovery in
 *   either region (OPS-004); TableAlarm on it has no action (ALM-003);
 * - ArchiveTable, encrypted with the AWS-managed key, is a global table
 *   whose replica in eu-west-2 has no point-in-time recovery, which its own
 *   region's has (OPS-004): in Terraform and Pulumi a replica resource of
 *   its own (aws_dynamodb_table_replica, dynamodb.TableReplica);
 * - EventsTopic is not encrypted (ENC-004); UploadsBucket does not deny
 *   insecure transport (ENC-006);
 * - AppPolicy is named (IAM-006) and allows s3:* (IAM-002), DynamoDB
 *   actions on * (IAM-003), NotAction (IAM-009) and NotResource (IAM-010);
 * - OrdersStage (REST) and EventsStage (HTTP) have neither access logs
 *   (LOG-004) nor throttling (OPS-001);
 * - the stack exports its tables only, not its topic nor its APIs (OPS-007).
 */
const STORAGE_RULES = [
  'ALM-003',
  'ENC-002',
  'ENC-004',
  'ENC-005',
  'ENC-006',
  'ENC-007',
  'IAM-002',
  'IAM-003',
  'IAM-006',
  'IAM-009',
  'IAM-010',
  'LOG-004',
  'OPS-001',
  'OPS-004',
  'OPS-007',
];

const STORAGE_EXPECTED = [
  'ALM-003 TableAlarm',
  'ENC-002 DataKey',
  'ENC-004 EventsTopic',
  'ENC-005 OrdersTable',
  'ENC-006 UploadsBucket',
  'ENC-007 DataKey',
  'IAM-002 AppPolicy',
  'IAM-003 AppPolicy',
  'IAM-006 AppPolicy',
  'IAM-009 AppPolicy',
  'IAM-010 AppPolicy',
  'LOG-004 EventsStage',
  'LOG-004 OrdersStage',
  'OPS-001 EventsStage',
  'OPS-001 OrdersStage',
  'OPS-004 ArchiveTable',
  'OPS-004 OrdersTable',
  'OPS-004 OrdersTable',
  'OPS-007 EventsApi',
  'OPS-007 EventsTopic',
  'OPS-007 OrdersApi',
];

const STORAGE = inEveryFormat({
  cloudformation: `
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DataKey:
    Type: AWS::KMS::Key
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30
      KmsKeyId: !GetAtt DataKey.Arn
  OrdersTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: orderId, AttributeType: S }
      KeySchema:
        - { AttributeName: orderId, KeyType: HASH }
      StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
      Replicas:
        - Region: !Ref AWS::Region
        - Region: eu-west-2
  ArchiveTable:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - { AttributeName: archiveId, AttributeType: S }
      KeySchema:
        - { AttributeName: archiveId, KeyType: HASH }
      StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
      SSESpecification: { SSEEnabled: true, SSEType: KMS }
      Replicas:
        - Region: !Ref AWS::Region
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
        - Region: eu-west-2
  EventsTopic:
    Type: AWS::SNS::Topic
  UploadsBucket:
    Type: AWS::S3::Bucket
  TableAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/DynamoDB
      MetricName: ThrottledRequests
      Dimensions:
        - { Name: TableName, Value: !Ref OrdersTable }
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: app-policy
      Roles: [!Ref AppRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - { Effect: Allow, Action: 's3:*', Resource: !Sub '\${UploadsBucket.Arn}/*' }
          - { Effect: Allow, Action: [dynamodb:GetItem, dynamodb:PutItem], Resource: '*' }
          - { Effect: Allow, NotAction: 'iam:*', Resource: '*' }
          - { Effect: Allow, Action: sns:Publish, NotResource: !Ref EventsTopic }
  OrdersApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  OrdersMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref OrdersApi
      ResourceId: !GetAtt OrdersApi.RootResourceId
      HttpMethod: GET
      AuthorizationType: NONE
      Integration: { Type: MOCK }
  OrdersDeployment:
    Type: AWS::ApiGateway::Deployment
    DependsOn: OrdersMethod
    Properties:
      RestApiId: !Ref OrdersApi
  OrdersStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref OrdersApi
      DeploymentId: !Ref OrdersDeployment
      StageName: prod
  EventsApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: events
      ProtocolType: HTTP
  EventsStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref EventsApi
      StageName: $default
      AutoDeploy: true
Outputs:
  OrdersTableName:
    Value: !Ref OrdersTable
  ArchiveTableName:
    Value: !Ref ArchiveTable
`,
  pulumi: `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const dataKey = new aws.kms.Key('DataKey', {});
new aws.cloudwatch.LogGroup('AppLogs', { retentionInDays: 30, kmsKeyId: dataKey.arn });
const ordersTable = new aws.dynamodb.Table('OrdersTable', {
  billingMode: 'PAY_PER_REQUEST',
  hashKey: 'orderId',
  attributes: [{ name: 'orderId', type: 'S' }],
  streamEnabled: true,
  streamViewType: 'NEW_AND_OLD_IMAGES',
  replicas: [{ regionName: 'eu-west-2' }],
});
const archiveTable = new aws.dynamodb.Table('ArchiveTable', {
  billingMode: 'PAY_PER_REQUEST',
  hashKey: 'archiveId',
  attributes: [{ name: 'archiveId', type: 'S' }],
  streamEnabled: true,
  streamViewType: 'NEW_AND_OLD_IMAGES',
  serverSideEncryption: { enabled: true },
  pointInTimeRecovery: { enabled: true },
}, { ignoreChanges: ['replicas'] });
const west = new aws.Provider('west', { region: 'eu-west-2' });
new aws.dynamodb.TableReplica('ArchiveReplica', { globalTableArn: archiveTable.arn }, { provider: west });
const eventsTopic = new aws.sns.Topic('EventsTopic', {});
const uploadsBucket = new aws.s3.BucketV2('UploadsBucket', {});
new aws.cloudwatch.MetricAlarm('TableAlarm', {
  namespace: 'AWS/DynamoDB',
  metricName: 'ThrottledRequests',
  dimensions: { TableName: ordersTable.name },
  statistic: 'Sum',
  period: 60,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
});

const appRole = new aws.iam.Role('AppRole', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
const appPolicy = new aws.iam.Policy('AppPolicy', {
  name: 'app-policy',
  policy: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:*', Resource: pulumi.interpolate\`\${uploadsBucket.arn}/*\` },
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: '*' },
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      { Effect: 'Allow', Action: 'sns:Publish', NotResource: eventsTopic.arn },
    ],
  },
});
new aws.iam.RolePolicyAttachment('AppPolicy', { role: appRole.name, policyArn: appPolicy.arn });

const ordersApi = new aws.apigateway.RestApi('OrdersApi', { name: 'orders' });
const ordersMethod = new aws.apigateway.Method('OrdersMethod', {
  restApi: ordersApi.id,
  resourceId: ordersApi.rootResourceId,
  httpMethod: 'GET',
  authorization: 'NONE',
});
const ordersIntegration = new aws.apigateway.Integration('OrdersIntegration', {
  restApi: ordersApi.id,
  resourceId: ordersApi.rootResourceId,
  httpMethod: ordersMethod.httpMethod,
  type: 'MOCK',
});
const ordersDeployment = new aws.apigateway.Deployment('OrdersDeployment', { restApi: ordersApi.id }, { dependsOn: [ordersIntegration] });
new aws.apigateway.Stage('OrdersStage', { restApi: ordersApi.id, deployment: ordersDeployment.id, stageName: 'prod' });
const eventsApi = new aws.apigatewayv2.Api('EventsApi', { name: 'events', protocolType: 'HTTP' });
new aws.apigatewayv2.Stage('EventsStage', { apiId: eventsApi.id, name: '$default', autoDeploy: true });

export const ordersTableName = ordersTable.name;
export const archiveTableName = archiveTable.name;
`,
  terraform: `
resource "aws_kms_key" "DataKey" {}

resource "aws_cloudwatch_log_group" "AppLogs" {
  name              = "app"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.DataKey.arn
}

resource "aws_dynamodb_table" "OrdersTable" {
  name             = "orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "orderId"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "orderId"
    type = "S"
  }
  replica {
    region_name = "eu-west-2"
  }
}

provider "aws" {
  alias  = "west"
  region = "eu-west-2"
}

resource "aws_dynamodb_table" "ArchiveTable" {
  name             = "archive"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "archiveId"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  attribute {
    name = "archiveId"
    type = "S"
  }
  server_side_encryption {
    enabled = true
  }
  point_in_time_recovery {
    enabled = true
  }
  lifecycle {
    ignore_changes = [replica]
  }
}

resource "aws_dynamodb_table_replica" "ArchiveReplica" {
  provider         = aws.west
  global_table_arn = aws_dynamodb_table.ArchiveTable.arn
}

resource "aws_sns_topic" "EventsTopic" {}

resource "aws_s3_bucket" "UploadsBucket" {}

resource "aws_cloudwatch_metric_alarm" "TableAlarm" {
  alarm_name          = "orders-throttled"
  namespace           = "AWS/DynamoDB"
  metric_name         = "ThrottledRequests"
  dimensions          = { TableName = aws_dynamodb_table.OrdersTable.name }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "AppRole" {
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:*"]
    resources = ["\${aws_s3_bucket.UploadsBucket.arn}/*"]
  }
  statement {
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = ["*"]
  }
  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
  statement {
    actions       = ["sns:Publish"]
    not_resources = [aws_sns_topic.EventsTopic.arn]
  }
}

resource "aws_iam_policy" "AppPolicy" {
  name   = "app-policy"
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_role_policy_attachment" "AppPolicy" {
  role       = aws_iam_role.AppRole.name
  policy_arn = aws_iam_policy.AppPolicy.arn
}

resource "aws_api_gateway_rest_api" "OrdersApi" {
  name = "orders"
}

resource "aws_api_gateway_method" "OrdersMethod" {
  rest_api_id   = aws_api_gateway_rest_api.OrdersApi.id
  resource_id   = aws_api_gateway_rest_api.OrdersApi.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "OrdersIntegration" {
  rest_api_id = aws_api_gateway_rest_api.OrdersApi.id
  resource_id = aws_api_gateway_rest_api.OrdersApi.root_resource_id
  http_method = aws_api_gateway_method.OrdersMethod.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "OrdersDeployment" {
  rest_api_id = aws_api_gateway_rest_api.OrdersApi.id
  depends_on  = [aws_api_gateway_integration.OrdersIntegration]
}

resource "aws_api_gateway_stage" "OrdersStage" {
  rest_api_id   = aws_api_gateway_rest_api.OrdersApi.id
  deployment_id = aws_api_gateway_deployment.OrdersDeployment.id
  stage_name    = "prod"
}

resource "aws_apigatewayv2_api" "EventsApi" {
  name          = "events"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "EventsStage" {
  api_id      = aws_apigatewayv2_api.EventsApi.id
  name        = "$default"
  auto_deploy = true
}

output "orders_table_name" {
  value = aws_dynamodb_table.OrdersTable.name
}

output "archive_table_name" {
  value = aws_dynamodb_table.ArchiveTable.name
}
`,
  cdk: `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';

export class StorageStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: cdk.StackProps) {
    super(scope, id, props);
    // The default key policy allows the account only.
    const dataKey = new kms.Key(this, 'DataKey');
    new logs.LogGroup(this, 'AppLogs', { retention: logs.RetentionDays.ONE_MONTH, encryptionKey: dataKey });
    // A global table, with a replica in the stack's region and one in eu-west-2.
    const ordersTable = new dynamodb.TableV2(this, 'OrdersTable', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      replicas: [{ region: 'eu-west-2' }],
    });
    const archiveTable = new dynamodb.TableV2(this, 'ArchiveTable', {
      partitionKey: { name: 'archiveId', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecovery: true,
      replicas: [{ region: 'eu-west-2', pointInTimeRecovery: false }],
    });
    const eventsTopic = new sns.Topic(this, 'EventsTopic');
    const uploadsBucket = new s3.Bucket(this, 'UploadsBucket');
    new cloudwatch.Alarm(this, 'TableAlarm', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName: 'ThrottledRequests',
        dimensionsMap: { TableName: ordersTable.tableName },
        statistic: 'Sum',
        period: cdk.Duration.minutes(1),
      }),
      evaluationPeriods: 1,
      threshold: 1,
    });
    const appRole = new iam.Role(this, 'AppRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.ManagedPolicy(this, 'AppPolicy', {
      managedPolicyName: 'app-policy',
      roles: [appRole],
      statements: [
        new iam.PolicyStatement({ actions: ['s3:*'], resources: [uploadsBucket.arnForObjects('*')] }),
        new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: ['*'] }),
        new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }),
        new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: [eventsTopic.topicArn] }),
      ],
    });
    // A stage of its own: deployed by the RestApi, it would be exported (its Endpoint output).
    const ordersApi = new apigateway.RestApi(this, 'OrdersApi', { restApiName: 'orders', deploy: false, cloudWatchRole: false });
    ordersApi.root.addMethod('GET', new apigateway.MockIntegration());
    new apigateway.Stage(this, 'OrdersStage', {
      deployment: new apigateway.Deployment(this, 'OrdersDeployment', { api: ordersApi }),
      stageName: 'prod',
    });
    const eventsApi = new apigwv2.HttpApi(this, 'EventsApi', { apiName: 'events', createDefaultStage: false });
    new apigwv2.HttpStage(this, 'EventsStage', { httpApi: eventsApi, stageName: '$default', autoDeploy: true });
    new cdk.CfnOutput(this, 'OrdersTableName', { value: ordersTable.tableName });
    new cdk.CfnOutput(this, 'ArchiveTableName', { value: archiveTable.tableName });
  }
}
`,
  cdkClass: 'StorageStack',
  // Replicas need the stack's region.
  cdkProps: "{ env: { region: 'eu-west-1' } }",
});

describe.each([
  {
    stack: 'order-processing stack',
    formats: FORMATS,
    rules: RULES,
    expected: EXPECTED,
  },
  {
    stack: 'queue worker',
    formats: WORKER,
    rules: WORKER_RULES,
    expected: WORKER_EXPECTED,
  },
  {
    stack: 'storage and APIs',
    formats: STORAGE,
    rules: STORAGE_RULES,
    expected: STORAGE_EXPECTED,
  },
])('the same $stack in every format', ({ formats, rules, expected }) => {
  it.each(formats)(
    '$format: the same findings on the same resources',
    ({ format, files }) => {
      const result = scanFiles(files, selectRules(rules));
      expect(result.files.every(file => file.format === format)).toBe(true);
      expect(result.findings.filter(f => f.ruleId === 'PARSE-001')).toEqual([]);
      expect(
        result.findings.map(f => `${f.ruleId} ${logicalName(f)}`).sort(),
      ).toEqual(expected);
    },
  );
});

describe('messages of the worker and storage stacks name properties as each format writes them', () => {
  const NAMES: Record<
    string,
    { redrive: string; roleName: string; sse: string }
  > = {
    cloudformation: {
      redrive: 'no RedrivePolicy',
      roleName: 'explicit RoleName',
      sse: 'does not set SSESpecification',
    },
    terraform: {
      redrive: 'no redrive_policy',
      roleName: 'explicit name',
      sse: 'does not set server_side_encryption',
    },
    pulumi: {
      redrive: 'no redrivePolicy',
      roleName: 'explicit name',
      sse: 'does not set serverSideEncryption',
    },
    cdk: {
      redrive: 'no deadLetterQueue',
      roleName: 'explicit roleName',
      sse: 'does not set encryption',
    },
  };

  it.each(
    WORKER.map((worker, index) => ({
      ...worker,
      storage: STORAGE[index].files,
    })),
  )('$format', ({ format, files, storage }) => {
    const worker = scanFiles(
      files,
      selectRules(['DLQ-002', 'IAM-006']),
    ).findings;
    const { findings } = scanFiles(storage, selectRules(['ENC-005']));
    const message = (ruleId: string) =>
      [...worker, ...findings].find(finding => finding.ruleId === ruleId)
        ?.message;
    expect(message('DLQ-002')).toContain(NAMES[format].redrive);
    expect(message('IAM-006')).toContain(NAMES[format].roleName);
    expect(message('ENC-005')).toContain(NAMES[format].sse);
  });
});

describe("messages of the storage stack name the region of ArchiveTable's replica, where each format says it", () => {
  // CloudFormation and the CDK list it in the global table; Terraform and Pulumi name it by the provider of the replica resource.
  it.each(STORAGE)('$format', ({ files }) => {
    const { findings } = scanFiles(files, selectRules(['OPS-004']));
    expect(
      findings
        .filter(finding => logicalName(finding) === 'ArchiveTable')
        .map(finding => finding.message),
    ).toEqual([
      expect.stringContaining(
        'has no point-in-time recovery on its replica in eu-west-2,',
      ),
    ]);
  });
});
