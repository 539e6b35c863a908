import rule from './IAM-008';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'SAM SQS event on the implicit role',
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
        Orders:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
`,
    },
    {
      name: 'managed policy, inline statement on the queue, and an external queue with a grant',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  ManagedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole
  InlineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: consume
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]
                Resource: !GetAtt Queue.Arn
              - Effect: Allow
                Action: sqs:*
                Resource: arn:aws:sqs:eu-west-1:123456789012:external
  A:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt ManagedRole.Arn }
  AMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref A
      EventSourceArn: !GetAtt Queue.Arn
  B:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt InlineRole.Arn }
  BMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !GetAtt B.Arn
      EventSourceArn: !GetAtt Queue.Arn
  BExternal:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref B
      EventSourceArn: arn:aws:sqs:eu-west-1:123456789012:external
`,
    },
    {
      name: 'not SQS, or nothing proven',
      code: `
Parameters:
  RoleArn:
    Type: String
  QueueArn:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Stream:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 1 }
  PlainRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
  UnknownRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::123456789012:policy/consume]
  External:
    Type: AWS::Lambda::Function
    Properties: { Role: !Ref RoleArn }
  ExternalMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref External, EventSourceArn: !GetAtt Queue.Arn }
  Streamer:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt PlainRole.Arn }
  StreamMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Streamer, EventSourceArn: !GetAtt Stream.Arn, StartingPosition: LATEST }
  ParamQueueMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Streamer, EventSourceArn: !Ref QueueArn }
  Unknown:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt UnknownRole.Arn }
  UnknownMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Unknown, EventSourceArn: !GetAtt Queue.Arn }
`,
    },
  ],
  invalid: [
    {
      name: "a grant on the queue's URL (its Ref) does not cover it (only its ARN does)",
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: consume
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes], Resource: !Ref Queue }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
  FromQueue:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Queue.Arn
`,
      findings: [
        {
          resourceId: 'FromQueue',
          line: 22,
          property: 'EventSourceArn',
          message:
            'Function Fn consumes queue Queue but its role Role grants no sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on it',
        },
      ],
    },
    {
      name: 'a NotResource statement applies to every resource but those it lists: not to the queue it lists',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Other:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: all-queues-but-one
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sqs:*, NotResource: !GetAtt Queue.Arn }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
  FromQueue:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Queue.Arn
  FromOther:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Other.Arn
`,
      findings: [
        {
          resourceId: 'FromQueue',
          line: 24,
          property: 'EventSourceArn',
          message:
            'Function Fn consumes queue Queue but its role Role grants no sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on it',
        },
      ],
    },
    {
      name: 'a NotAction statement grants every action but those it lists: not the sqs actions it lists, and PowerUserAccess grants them',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: all-but-sqs
          PolicyDocument:
            Statement:
              - { Effect: Allow, NotAction: [sqs:*, iam:*], Resource: '*' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Queue.Arn
  PowerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/PowerUserAccess]
  PowerFn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt PowerRole.Arn
  PowerMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref PowerFn
      EventSourceArn: !GetAtt Queue.Arn
`,
      findings: [
        {
          resourceId: 'Mapping',
          line: 22,
          property: 'EventSourceArn',
          message:
            'Function Fn consumes queue Queue but its role Role grants no sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on it',
        },
      ],
    },
    {
      name: 'role grants only part of the actions, or on another queue',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  OtherQueue:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: consume
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sqs:ReceiveMessage, Resource: !GetAtt Queue.Arn }
              - { Effect: Allow, Action: [sqs:DeleteMessage, sqs:GetQueueAttributes], Resource: !GetAtt OtherQueue.Arn }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Queue.Arn
`,
      findings: [
        {
          resourceId: 'Mapping',
          line: 25,
          property: 'EventSourceArn',
          message:
            'Function Fn consumes queue Queue but its role Role grants no sqs:DeleteMessage, sqs:GetQueueAttributes on it',
        },
      ],
    },
    {
      name: 'SAM SQS events with an explicit role: one finding per queue',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Returns:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Events:
        OrderEvents:
          Type: SQS
          Properties: { Queue: !GetAtt Orders.Arn }
        ReturnEvents:
          Type: SQS
          Properties:
            Queue: !GetAtt Returns.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 22,
          property: 'EventSourceArn',
          message: 'queue Orders',
        },
        {
          resourceId: 'Fn',
          line: 26,
          property: 'EventSourceArn',
          message: 'queue Returns',
        },
      ],
    },
    {
      name: 'JSON: a queue outside the stack and a role with no SQS permission at all',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Role": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {} } },
    "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": ["Role", "Arn"] } } },
    "Mapping": {
      "Type": "AWS::Lambda::EventSourceMapping",
      "Properties": {
        "FunctionName": { "Ref": "Fn" },
        "EventSourceArn": "arn:aws:sqs:eu-west-1:123456789012:orders"
      }
    }
  }
}
`,
      findings: [
        {
          resourceId: 'Mapping',
          line: 10,
          property: 'EventSourceArn',
          message: 'consumes an SQS queue',
        },
      ],
    },
    {
      name: "Terraform: a registry module's function and role, each the one instance of its block, named as their blocks, as findings on them are",
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
module "fn" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "worker"

  event_source_mapping = {
    jobs = {
      event_source_arn = aws_sqs_queue.jobs.arn
    }
  }
}
`,
      findings: [
        {
          resourceId: 'module.fn.aws_lambda_event_source_mapping.this',
          line: 9,
          property: 'EventSourceArn',
          message:
            'Function module.fn.aws_lambda_function.this consumes queue aws_sqs_queue.jobs but its role module.fn.aws_iam_role.lambda grants no sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on it.',
        },
      ],
    },
    {
      name: 'Terraform: blocks with a count of one named as written, blocks with more by the instance',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
resource "aws_iam_role" "consumer" {
  count              = 1
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "worker" {
  count         = 2
  function_name = "worker-\${count.index}"
  role          = aws_iam_role.consumer[0].arn
}
resource "aws_lambda_event_source_mapping" "jobs" {
  function_name    = aws_lambda_function.worker[1].arn
  event_source_arn = aws_sqs_queue.jobs.arn
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_event_source_mapping.jobs',
          line: 16,
          property: 'EventSourceArn',
          message:
            'Function aws_lambda_function.worker[1] consumes queue aws_sqs_queue.jobs but its role aws_iam_role.consumer grants no sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on it.',
        },
      ],
    },
  ],
});
