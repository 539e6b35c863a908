import rule from './DLQ-004';
import { testRule } from '../../testing/ruleTester';

const ASSUME = `
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole`;

testRule(rule, {
  valid: [
    {
      name: "Terraform: a dead-letter topic given by an aws_sns_topic data source's id, which the role may publish to by its ARN",
      filename: 'main.tf',
      code: `
data "aws_sns_topic" "alerts" {
  name = "alerts"
}
resource "aws_iam_role" "fn" {}
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = data.aws_sns_topic.alerts.arn }] })
}
resource "aws_lambda_function" "fn" {
  role = aws_iam_role.fn.arn
  dead_letter_config {
    target_arn = data.aws_sns_topic.alerts.id
  }
}
`,
    },
    {
      name: 'a policy that may name the role (by another parameter than its name) and grants sqs:SendMessage on the queue',
      code: `
Parameters:
  RoleNameParam: { Type: String }
  OtherRoleName: { Type: String }
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref RoleNameParam
      AssumeRolePolicyDocument: {}
  Elsewhere:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: elsewhere
      Roles: [!Ref OtherRoleName]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Dlq.Arn }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
    {
      name: 'NotResource with the ARN of a queue of another region and account leaves the dead-letter queue',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sqs:SendMessage, NotResource: 'arn:aws:sqs:eu-west-1:222222222222:dlq' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: arn:aws:sqs:us-east-1:111111111111:dlq
`,
    },
    {
      name: 'a grant on the queue that an ARN built from its name designates',
      code: `
Resources:
  FnDlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      Policies:
        - PolicyName: dlq
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt FnDlq.Arn
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${FnDlq.QueueName}'
`,
    },
    {
      name: 'role grants sqs:SendMessage on the dead-letter queue',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: dlq
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Dlq.Arn
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
    {
      name: 'SAM DeadLetterQueue on an implicit role (SAM adds sns:Publish)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      DeadLetterQueue:
        Type: SNS
        TargetArn: !Ref Topic
`,
    },
    {
      name: 'role outside the stack',
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
    },
    {
      name: 'dead-letter target from a parameter without default',
      code: `
Parameters:
  DlqArn:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !Ref DlqArn
`,
    },
    {
      name: 'literal SQS ARN granted by its exact ARN, through a separate AWS::IAM::Policy',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
  DlqPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: dlq
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [sqs:SendMessage]
            Resource: arn:aws:sqs:eu-west-1:123456789012:orders-dlq
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: arn:aws:sqs:eu-west-1:123456789012:orders-dlq
`,
    },
    {
      name: 'role with a managed policy that cannot be read',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      ManagedPolicyArns:
        - !ImportValue shared-policy-arn
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
    },
    {
      name: 'ARN built with !Sub, granted on an ARN built with unknown parts',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      Policies:
        - PolicyName: dlq
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !Sub arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:orders-dlq
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !Sub arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:orders-dlq
`,
    },
    {
      name: 'dead-letter target that is neither a queue nor a topic',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: arn:aws:lambda:eu-west-1:123456789012:function:other
`,
    },
  ],
  invalid: [
    {
      name: "Terraform: a dead-letter topic given by an aws_sns_topic data source's id (its ARN) the role grants no sns:Publish on",
      filename: 'main.tf',
      code: `
data "aws_sns_topic" "alerts" {
  name = "alerts"
}
resource "aws_iam_role" "fn" {}
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sns:Publish", Resource = "arn:aws:sns:eu-west-1:123456789012:audit" }] })
}
resource "aws_lambda_function" "fn" {
  role = aws_iam_role.fn.arn
  dead_letter_config {
    target_arn = data.aws_sns_topic.alerts.id
  }
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.fn',
          line: 13,
          property: 'DeadLetterConfig.TargetArn',
        },
      ],
    },
    {
      name: 'a policy that may name the role (by another parameter than its name) but grants no sqs:SendMessage: the role lacks it either way',
      code: `
Parameters:
  RoleNameParam: { Type: String }
  OtherRoleName: { Type: String }
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref RoleNameParam
      AssumeRolePolicyDocument: {}
  Elsewhere:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: elsewhere
      Roles: [!Ref OtherRoleName]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: s3:GetObject, Resource: '*' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 26,
          property: 'DeadLetterConfig.TargetArn',
          message: 'grants no sqs:SendMessage on it',
        },
      ],
    },
    {
      name: "a grant on the queue's URL (its Ref) or name does not cover it (only its ARN does)",
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sqs:SendMessage, Resource: [!Ref Dlq, !GetAtt Dlq.QueueName] }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 19,
          property: 'DeadLetterConfig.TargetArn',
          message: 'grants no sqs:SendMessage on it',
        },
      ],
    },
    {
      name: "Terraform: a grant on the queue's url or id (its URL) does not cover it",
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "dlq" {}
resource "aws_iam_role" "r" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.r.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = "sqs:SendMessage", Resource = [aws_sqs_queue.dlq.url, aws_sqs_queue.dlq.id] }
  ] })
}
resource "aws_lambda_function" "f" {
  function_name = "fn"
  role          = aws_iam_role.r.arn
  dead_letter_config {
    target_arn = aws_sqs_queue.dlq.arn
  }
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.f',
          line: 16,
          property: 'DeadLetterConfig.TargetArn',
          message: 'grants no sqs:SendMessage on it',
        },
      ],
    },
    {
      name: "NotResource that names the topic by its Ref (a topic's Ref is its ARN) takes it out",
      code: `
Resources:
  Dlq:
    Type: AWS::SNS::Topic
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sns:Publish, NotResource: !Ref Dlq }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !Ref Dlq
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 19,
          property: 'DeadLetterConfig.TargetArn',
          message: 'grants no sns:Publish on it',
        },
      ],
    },
    {
      name: 'role with only basic execution and an SQS dead-letter queue',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 21,
          property: 'DeadLetterConfig.TargetArn',
          message: 'grants no sqs:SendMessage',
        },
      ],
    },
    {
      name: 'SNS dead-letter topic and a role that can only send to SQS',
      code: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      Policies:
        - PolicyName: dlq
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: '*'
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !Ref Topic
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 26,
          property: 'DeadLetterConfig.TargetArn',
          message: 'dead-letter topic Topic',
        },
      ],
    },
    {
      name: 'role grants sqs:SendMessage on another queue of the stack',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Work:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      Policies:
        - PolicyName: send
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Work.Arn
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
      findings: [
        { resourceId: 'Fn', line: 28, property: 'DeadLetterConfig.TargetArn' },
      ],
    },
    {
      name: 'SAM function with its own role of the stack (SAM adds nothing to it)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt Dlq.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 23,
          property: 'DeadLetterConfig.TargetArn',
          message: 'its role Role',
        },
      ],
    },
    {
      name: 'literal SQS ARN and a grant on a different literal queue',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      Policies:
        - PolicyName: send
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: arn:aws:sqs:eu-west-1:123456789012:work
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: arn:aws:sqs:eu-west-1:123456789012:orders-dlq
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 24,
          property: 'DeadLetterConfig.TargetArn',
          message: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq',
        },
      ],
    },
    {
      name: 'ARN built from the name of a queue of the stack is that queue',
      code: `
Resources:
  FnDlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub '\${Role.Arn}'
      DeadLetterConfig:
        TargetArn: !Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${FnDlq.QueueName}'
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 19,
          property: 'DeadLetterConfig.TargetArn',
          message: 'dead-letter queue FnDlq, but its role Role grants',
        },
      ],
    },
    {
      name: 'ARN built with !Sub and a role with no SQS permission at all',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:${ASSUME}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !Sub arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:orders-dlq
`,
      findings: [
        { resourceId: 'Fn', line: 19, property: 'DeadLetterConfig.TargetArn' },
      ],
    },
    {
      name: 'JSON template: role without sqs:SendMessage',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Dlq": { "Type": "AWS::SQS::Queue" },
    "Role": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
        }
      }
    },
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Role": { "Fn::GetAtt": ["Role", "Arn"] },
        "DeadLetterConfig": { "TargetArn": { "Fn::GetAtt": ["Dlq", "Arn"] } }
      }
    }
  }
}
`,
      findings: [
        { resourceId: 'Fn', line: 17, property: 'DeadLetterConfig.TargetArn' },
      ],
    },
  ],
});
