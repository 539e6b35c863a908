import rule from './DLQ-003';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'Terraform: a retention of 14 days written as arithmetic',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "dlq" {
  name                      = "orders-dlq"
  message_retention_seconds = 14 * 24 * 60 * 60
}
resource "aws_sqs_queue" "orders" {
  name           = "orders"
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 5 })
}
`,
    },
    {
      name: 'function dead-letter queue kept 14 days',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
    {
      name: 'SAM redrive target whose retention comes from a parameter default (a string)',
      code: `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Retention:
    Type: Number
    Default: '1209600'
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: !Ref Retention
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Messages:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
`,
    },
    {
      name: "an EventBridge target's dead-letter queue (RULES.md names those of functions and of redrive policies)",
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Rule:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets:
        - Id: bus
          Arn: arn:aws:events:eu-west-1:123456789012:event-bus/other
          DeadLetterConfig: { Arn: !GetAtt Dlq.Arn }
`,
    },
    {
      name: 'queue that is not a dead-letter target keeps the default',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
`,
    },
    {
      name: 'retention from a parameter without default',
      code: `
Parameters:
  Retention:
    Type: Number
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: !Ref Retention
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
    {
      name: 'retention chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: !If [IsProd, 1209600, 86400]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
    {
      name: 'a lower minimum set in the options',
      options: { minRetentionSeconds: 604800 },
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 604800
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a retention computed from a variable (4 days written as arithmetic)',
      filename: 'main.tf',
      code: `
variable "dlq_days" {
  default = 4
}
resource "aws_sqs_queue" "dlq" {
  name                      = "orders-dlq"
  message_retention_seconds = var.dlq_days * 24 * 60 * 60
}
resource "aws_sqs_queue" "orders" {
  name           = "orders"
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.dlq.arn, maxReceiveCount = 5 })
}
`,
      findings: [
        {
          resourceId: 'aws_sqs_queue.dlq',
          line: 7,
          confidence: 'partial',
          property: 'MessageRetentionPeriod',
          message: '345600',
        },
      ],
    },
    {
      name: 'function dead-letter queue with no retention (SQS default 4 days)',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
      findings: [
        { resourceId: 'Dlq', line: 3, message: 'SQS default of 4 days' },
      ],
    },
    {
      name: 'a function dead-letter queue named in its ARN by its fixed QueueName',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders-dlq
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:orders-dlq'
`,
      findings: [
        {
          resourceId: 'Dlq',
          line: 3,
          message:
            'Dead-letter queue Dlq (used by Fn) keeps messages for the SQS default of 4 days',
        },
      ],
    },
    {
      name: 'redrive target kept 4 days',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 345600
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 3
`,
      findings: [
        {
          resourceId: 'Dlq',
          line: 6,
          property: 'MessageRetentionPeriod',
          message: 'used by Queue',
        },
      ],
    },
    {
      name: "redrive policy written as !Sub JSON text, and ARNs built from the queues' names",
      code: `
Resources:
  JobsDlq:
    Type: AWS::SQS::Queue
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: !Sub '{"deadLetterTargetArn":"\${JobsDlq.Arn}","maxReceiveCount":5}'
  BillingDlq:
    Type: AWS::SQS::Queue
  Billing:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${BillingDlq.QueueName}'
        maxReceiveCount: 5
  FnDlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${FnDlq.QueueName}'
`,
      findings: [
        { resourceId: 'JobsDlq', line: 3, message: 'used by Jobs' },
        { resourceId: 'BillingDlq', line: 9, message: 'used by Billing' },
        { resourceId: 'FnDlq', line: 17, message: 'used by Fn' },
      ],
    },
    {
      name: 'SAM DeadLetterQueue kept 7 days',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  FnDlq:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 604800
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt FnDlq.Arn
`,
      findings: [
        {
          resourceId: 'FnDlq',
          line: 7,
          property: 'MessageRetentionPeriod',
          message: '7 days',
        },
      ],
    },
    {
      name: 'SAM on-failure destination queue that SAM creates with the default retention',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
`,
      findings: [{ resourceId: 'Fn', line: 11 }],
    },
    {
      name: 'on-failure destination of an EventInvokeConfig, below the minimum from the options',
      options: { minRetentionSeconds: 1000000 },
      code: `
Resources:
  Failures:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 864000
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  FnInvokeConfig:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure:
          Destination: !GetAtt Failures.Arn
`,
      findings: [
        { resourceId: 'Failures', line: 6, property: 'MessageRetentionPeriod' },
      ],
    },
    {
      name: 'JSON template: dead-letter queue kept 1 day',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Dlq": {
      "Type": "AWS::SQS::Queue",
      "Properties": { "MessageRetentionPeriod": 86400 }
    },
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Role": "arn:aws:iam::123456789012:role/x",
        "DeadLetterConfig": { "TargetArn": { "Fn::GetAtt": ["Dlq", "Arn"] } }
      }
    }
  }
}
`,
      findings: [
        {
          resourceId: 'Dlq',
          line: 6,
          property: 'MessageRetentionPeriod',
          message: '1 day',
        },
      ],
    },
  ],
});
