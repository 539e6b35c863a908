import rule from './DLQ-005';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'SQS mapping reporting batch item failures',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
      FunctionResponseTypes: [ReportBatchItemFailures]
`,
    },
    {
      name: 'SAM SQS event reporting batch item failures',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Messages:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            FunctionResponseTypes:
              - ReportBatchItemFailures
`,
    },
    {
      name: 'Kinesis mapping (not SQS)',
      code: `
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Stream.Arn
      FunctionName: !Ref Fn
      StartingPosition: LATEST
`,
    },
    {
      name: 'response types from a parameter without default',
      code: `
Parameters:
  ResponseTypes:
    Type: CommaDelimitedList
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
      FunctionResponseTypes: !Ref ResponseTypes
`,
    },
    {
      name: 'event source imported from another stack (type not known)',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !ImportValue orders-queue-arn
      FunctionName: !Ref Fn
`,
    },
  ],
  invalid: [
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
          resourceId: 'aws_lambda_event_source_mapping.jobs',
          line: 9,
          message: 'in function_response_types:',
        },
      ],
    },
    {
      name: "Terraform: a mapping of a splat of an aws_sqs_queue data source's ARN (one(), a legacy splat's element) consumes that queue",
      filename: 'main.tf',
      code: `
data "aws_sqs_queue" "orders" {
  name = "orders"
}
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::123456789012:role/worker"
}
resource "aws_lambda_event_source_mapping" "one" {
  event_source_arn = one(data.aws_sqs_queue.orders[*].arn)
  function_name    = aws_lambda_function.worker.arn
}
resource "aws_lambda_event_source_mapping" "legacy" {
  event_source_arn = data.aws_sqs_queue.orders.*.arn[0]
  function_name    = aws_lambda_function.worker.arn
}
`,
      findings: [
        { resourceId: 'aws_lambda_event_source_mapping.one', line: 9 },
        { resourceId: 'aws_lambda_event_source_mapping.legacy', line: 13 },
      ],
    },
    {
      name: 'SQS mapping without FunctionResponseTypes',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
      BatchSize: 10
`,
      findings: [
        {
          resourceId: 'Mapping',
          line: 9,
          message: 'does not list ReportBatchItemFailures',
        },
      ],
    },
    {
      name: 'SAM SQS event without FunctionResponseTypes: reported on the function, at the event',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Api:
          Type: Api
          Properties: { Path: /, Method: get }
        Messages:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 5
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 15,
          message: 'The SQS event Messages of Fn does not list',
        },
      ],
    },
    {
      name: 'empty FunctionResponseTypes on a mapping of a literal SQS ARN',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: arn:aws:sqs:eu-west-1:123456789012:orders
      FunctionName: !Ref Fn
      FunctionResponseTypes: []
`,
      findings: [
        { resourceId: 'Mapping', line: 12, property: 'FunctionResponseTypes' },
      ],
    },
    {
      name: 'a mapping of an SQS ARN built with !Sub from pseudo parameters and a parameter',
      code: `
Parameters:
  QueueName: { Type: String }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !Sub arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${QueueName}
      FunctionName: !Ref Fn
`,
      findings: [{ resourceId: 'Mapping', line: 9 }],
    },
    {
      name: 'JSON template: SQS mapping without FunctionResponseTypes',
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
      findings: [{ resourceId: 'Mapping', line: 9 }],
    },
  ],
});
