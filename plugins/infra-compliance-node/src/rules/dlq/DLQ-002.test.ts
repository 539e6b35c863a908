import rule from './DLQ-002';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'consumed queue with a redrive policy',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 5
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
    },
    {
      name: 'SAM SQS event on a queue whose redrive policy is a JSON string',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:123456789012:dlq", "maxReceiveCount": 3}'
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
      name: 'a redrive policy written as text that is not JSON cannot be read, so proves nothing',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: 'deadLetterTargetArn=arn:aws:sqs:eu-west-1:123456789012:dlq'
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`,
    },
    {
      name: 'queue that no function consumes',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
`,
    },
    {
      name: 'dead-letter target imported from another stack',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !ImportValue shared-dlq-arn
        maxReceiveCount: 5
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
    },
    {
      name: 'redrive policy chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: !If [IsProd, { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5 }, !Ref AWS::NoValue]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
    },
    {
      name: 'redrive policy given as a parameter without default',
      code: `
Parameters:
  Redrive:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: !Ref Redrive
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
    },
  ],
  invalid: [
    {
      name: 'a queue a function reads through its alias (CloudFormation and Terraform)',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: '1'
      Name: live
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Live
`,
      findings: [
        { resourceId: 'Queue', line: 3, message: 'consumed by function Fn' },
      ],
    },
    {
      name: 'Terraform: a queue a function reads through its alias',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "q" {
  name = "jobs"
}
resource "aws_lambda_function" "f" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.f.function_name
  function_version = aws_lambda_function.f.version
}
resource "aws_lambda_event_source_mapping" "m" {
  event_source_arn = aws_sqs_queue.q.arn
  function_name    = aws_lambda_alias.live.arn
}
`,
      findings: [
        {
          resourceId: 'aws_sqs_queue.q',
          line: 2,
          message: 'consumed by function aws_lambda_function.f',
        },
      ],
    },
    {
      name: 'the queue SAM creates for an SNS event with SqsSubscription has no redrive policy',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Fanout:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Created:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            SqsSubscription: true
`,
      findings: [
        {
          resourceId: 'Fanout',
          line: 12,
          message:
            'Queue FanoutCreatedQueue is consumed by function Fanout but has no RedrivePolicy',
        },
      ],
    },
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
}
resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.worker.arn
}
`,
      findings: [
        {
          resourceId: 'aws_sqs_queue.jobs',
          line: 2,
          message: 'has no redrive_policy:',
        },
      ],
    },
    {
      name: 'consumed queue without a redrive policy',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !GetAtt Fn.Arn
`,
      findings: [
        {
          resourceId: 'Queue',
          line: 3,
          message: 'consumed by function Fn but has no RedrivePolicy',
        },
      ],
    },
    {
      name: 'SAM SQS event on a queue without a redrive policy',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Processor:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Messages:
          Type: SQS
          Properties:
            Queue: !GetAtt Orders.Arn
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 4,
          message: 'Queue Orders is consumed by function Processor',
        },
      ],
    },
    {
      name: 'SAM SQS event on a queue named in its ARN by its fixed QueueName',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
  Processor:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Messages:
          Type: SQS
          Properties:
            Queue: !Sub 'arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:orders'
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 4,
          message: 'Queue Orders is consumed by function Processor',
        },
      ],
    },
    {
      name: 'redrive policy without a dead-letter target',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        maxReceiveCount: 5
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
      findings: [
        {
          resourceId: 'Queue',
          line: 6,
          property: 'RedrivePolicy',
          message: 'has no deadLetterTargetArn',
        },
      ],
    },
    {
      name: 'redrive policy that the default condition removes',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: !If [IsProd, { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5 }, !Ref AWS::NoValue]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`,
      findings: [{ resourceId: 'Queue', line: 11, confidence: 'partial' }],
    },
    {
      name: 'JSON template: consumed queue without a redrive policy',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue" },
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Role": "arn:aws:iam::123456789012:role/x" }
    },
    "Mapping": {
      "Type": "AWS::Lambda::EventSourceMapping",
      "Properties": {
        "EventSourceArn": { "Fn::GetAtt": ["Queue", "Arn"] },
        "FunctionName": { "Ref": "Fn" }
      }
    }
  }
}
`,
      findings: [{ resourceId: 'Queue', line: 4 }],
    },
  ],
});
