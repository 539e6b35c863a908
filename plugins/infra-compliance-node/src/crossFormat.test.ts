/**
 * The rules read a format-neutral graph, so the same stack written in
 * CloudFormation, Terraform, Pulumi or the CDK must get the same findings on the same
 * resources. One order-processing stack with the same misconfigurations in
 * each format (resources named alike in each):
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

const FORMATS: { format: string; files: { path: string; text: string }[] }[] = [
  {
    format: 'cloudformation',
    files: [{ path: 'cfn/template.yaml', text: CLOUDFORMATION }],
  },
  {
    format: 'pulumi',
    files: [
      { path: 'pulumi/Pulumi.yaml', text: 'name: orders\nruntime: nodejs\n' },
      { path: 'pulumi/index.ts', text: PULUMI },
    ],
  },
  { format: 'terraform', files: [{ path: 'tf/main.tf', text: TERRAFORM }] },
  {
    format: 'cdk',
    files: [
      { path: 'cdk/cdk.json', text: '{ "app": "npx ts-node bin/app.ts" }' },
      {
        path: 'cdk/bin/app.ts',
        text: "import * as cdk from 'aws-cdk-lib';\nimport { OrdersStack } from '../lib/stack';\nnew OrdersStack(new cdk.App(), 'Orders');\n",
      },
      { path: 'cdk/lib/stack.ts', text: CDK },
    ],
  },
];

/** `aws_lambda_function.OrderFunction` (a Terraform address) → `OrderFunction`. */
const logicalName = (finding: Finding) =>
  finding.resourceId.replace(/^[a-z0-9_]+\./, '');

describe('the same stack in every format', () => {
  it.each(FORMATS)(
    '$format: the same findings on the same resources',
    ({ format, files }) => {
      const result = scanFiles(files, selectRules(RULES));
      expect(result.files.every(file => file.format === format)).toBe(true);
      expect(result.findings.filter(f => f.ruleId === 'PARSE-001')).toEqual([]);
      expect(
        result.findings.map(f => `${f.ruleId} ${logicalName(f)}`).sort(),
      ).toEqual(EXPECTED);
    },
  );
});

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
