import rule from './IAM-002';
import { scanFiles, selectRules } from '../../engine/scan';
import {
  cdkStackGraph,
  scanCdkStack,
  scanPulumiProgram,
} from '../../testing/programScans';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: "the AWS managed policy PowerUserAccess lists no wildcard action (its NotAction statement is IAM-009's)",
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/PowerUserAccess
`,
    },
    {
      name: 'statements list the actions they use',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: write
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [dynamodb:PutItem, s3:Get*, sqs:Send*]
                Resource: '*'
`,
    },
    {
      name: 'SAM policy templates and the permissions SAM adds are not judged',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Tracing: Active
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
      Policies:
        - DynamoDBCrudPolicy: { TableName: !Ref Table }
        - AWSXRayDaemonWriteAccess
`,
    },
    {
      name: 'deny statements, NotAction, and actions not known statically',
      code: `
Parameters:
  Actions:
    Type: CommaDelimitedList
Resources:
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: guard
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Deny
            Action: '*'
            Resource: '*'
          - Effect: Allow
            NotAction: iam:*
            Resource: '*'
          - Effect: Allow
            Action: !Ref Actions
            Resource: '*'
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
`,
    },
    {
      name: 'resource policies (key, bucket, queue, topic) are not judged',
      code: `
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }
            Action: kms:*
            Resource: '*'
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::123456789012:root }
            Action: s3:*
            Resource: !Sub '\${Bucket.Arn}/*'
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Principal: '*', Action: 'sqs:*', Resource: '*' }
`,
    },
    {
      name: 'AWS managed policies whose statements grant no wildcard (AmazonSSMManagedInstanceCore, ReadOnlyAccess: Get*, List*), and an ARN with a path the policy does not have, which names no policy',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - arn:aws:iam::aws:policy/AWSGlueServiceRole
`,
    },
    {
      name: 'SAM Policies: a name with a path (service-role/AWSGlueServiceRole) names no policy: SAM passes it on as written, which IAM refuses',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Policies:
        - service-role/AWSGlueServiceRole
`,
    },
    {
      name: 'Terraform: users and groups with AWS managed policies that grant no wildcard, and a user or group the attachment does not name',
      filename: 'main.tf',
      code: `
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_group" "ops" {
  name = "ops"
}
resource "aws_iam_user_policy_attachment" "ci" {
  user       = aws_iam_user.ci.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"
}
resource "aws_iam_policy_attachment" "elsewhere" {
  name       = "elsewhere"
  users      = ["someone-else"]
  groups     = ["other-ops"]
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`,
    },
    {
      name: 'Terraform: a policy data source that reads a customer managed policy, or no AWS managed policy under its path_prefix, is not known',
      filename: 'main.tf',
      code: `
data "aws_iam_policy" "deploy" {
  arn = "arn:aws:iam::123456789012:policy/AdministratorAccess"
}
data "aws_iam_policy" "elsewhere" {
  name        = "AWSGlueServiceRole"
  path_prefix = "/aws-service-role/"
}
data "aws_iam_policy" "custom" {
  name = "deploy-everything"
}
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_user_policy_attachment" "deploy" {
  user       = aws_iam_user.ci.name
  policy_arn = data.aws_iam_policy.deploy.arn
}
resource "aws_iam_user_policy_attachment" "elsewhere" {
  user       = aws_iam_user.ci.name
  policy_arn = data.aws_iam_policy.elsewhere.arn
}
resource "aws_iam_user_policy_attachment" "custom" {
  user       = aws_iam_user.ci.name
  policy_arn = data.aws_iam_policy.custom.arn
}
`,
    },
    {
      name: 'a managed policy whose content is not known',
      code: `
Parameters:
  PolicyArn:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::123456789012:policy/team-policy
        - !Ref PolicyArn
        - !ImportValue shared-policy-arn
`,
    },
  ],
  invalid: [
    {
      name: "Terraform: a heredoc policy that writes jsonencode() of an aws_caller_identity's id (the account ID, as account_id) is read",
      filename: 'main.tf',
      code: `
data "aws_caller_identity" "current" {}
resource "aws_iam_role_policy" "account" {
  role   = "app"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",
  "Condition": {"StringEquals": {"aws:SourceAccount": \${jsonencode(data.aws_caller_identity.current.id)}}}}]}
EOF
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role_policy.account',
          line: 6,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"s3:*" (every action of the service)',
        },
      ],
    },
    {
      name: 'a wildcard written beside actions not known statically (it is there whatever they are)',
      code: `
Parameters:
  Extra: { Type: String }
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: ['s3:*', !Ref Extra, !ImportValue more-actions]
            Resource: arn:aws:s3:::b/*
`,
      findings: [
        {
          resourceId: 'Policy',
          line: 11,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"s3:*" (every action of the service)',
        },
      ],
    },
    {
      name: 'a managed policy that is a permissions boundary and also attached is judged',
      code: `
Resources:
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: 'sqs:*'
            Resource: arn:aws:sqs:eu-west-1:123456789012:q
  Role:
    Type: AWS::IAM::Role
    Properties:
      PermissionsBoundary: !Ref Boundary
      ManagedPolicyArns: [!Ref Boundary]
      AssumeRolePolicyDocument: {}
`,
      findings: [
        {
          resourceId: 'Boundary',
          line: 9,
          property: 'PolicyDocument.Statement[0].Action',
        },
      ],
    },
    {
      name: 'inline role policy allowing every action',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: everything
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: '*'
                Resource: '*'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 13,
          property: 'Policies[0].PolicyDocument.Statement[0].Action',
          message: '"*" (every action of every service)',
        },
      ],
    },
    {
      name: 'policy documents written as JSON text (a !Sub, a plain string) are read',
      code: `
Parameters:
  Service:
    Type: String
    Default: docdb
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: docdb
          PolicyDocument: !Sub '{
              "Version": "2012-10-17",
              "Statement": [{ "Effect": "Allow", "Action": ["\${Service}:*"], "Resource": "*" }]
            }'
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref Role]
      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 15,
          confidence: 'partial',
          property: 'Policies[0].PolicyDocument.Statement[0].Action',
          message: '"docdb:*" (every action of the service)',
        },
        {
          resourceId: 'Managed',
          line: 21,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"iam:*" (every action of the service)',
        },
      ],
    },
    {
      name: 'JSON text over several lines: each finding on the line of its statement, within the text',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: data
          PolicyDocument: !Sub |
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "s3:GetObject",
                  "Resource": "arn:\${AWS::Partition}:s3:::bucket/*"
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "sqs:SendMessage",
                    "dynamodb:*"
                  ],
                  "Resource": "*"
                }
              ]
            }
      Tags:
        - Key: Action
          Value: '"Action"'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 20,
          property: 'Policies[0].PolicyDocument.Statement[1].Action',
        },
      ],
    },
    {
      name: 'service wildcards in a policy: one finding per statement',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: data
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action:
              - dynamodb:*
              - s3:*
            Resource: '*'
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: '*'
          - Effect: Allow
            Action: [SQS:*]
            Resource: !GetAtt Queue.Arn
  Queue:
    Type: AWS::SQS::Queue
`,
      findings: [
        {
          resourceId: 'Policy',
          line: 15,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"dynamodb:*", "s3:*" (every action of these services)',
        },
        {
          resourceId: 'Policy',
          line: 23,
          property: 'PolicyDocument.Statement[2].Action',
          message: '"SQS:*"',
        },
      ],
    },
    {
      name: 'a managed policy of the stack is reported once, on itself',
      code: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Publish:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sns:*
            Resource: !Ref Topic
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [!Ref Publish]
`,
      findings: [
        {
          resourceId: 'Publish',
          line: 11,
          property: 'PolicyDocument.Statement[0].Action',
        },
      ],
    },
    {
      name: 'AWS managed policies known to grant wildcards',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonSQSFullAccess
        - arn:aws:iam::aws:policy/AWSLambda_FullAccess
`,
      findings: [
        {
          resourceId: 'Role',
          line: 9,
          property: 'ManagedPolicyArns[1]',
          message: 'AdministratorAccess',
        },
        {
          resourceId: 'Role',
          line: 11,
          property: 'ManagedPolicyArns[3]',
          message: 'AmazonSQSFullAccess attached, which allows "sqs:*"',
        },
        {
          resourceId: 'Role',
          line: 12,
          property: 'ManagedPolicyArns[4]',
          message:
            'AWSLambda_FullAccess attached, which allows "lambda:*" (every action of the service).',
        },
      ],
    },
    {
      name: 'AWS managed policies, with their paths: AWSGlueServiceRole (glue:* beside its other actions); AmazonEC2FullAccess, one finding with the wildcards of its four statements',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AmazonEC2FullAccess
`,
      findings: [
        {
          resourceId: 'Role',
          line: 8,
          property: 'ManagedPolicyArns[0]',
          message:
            'Role Role has the AWS managed policy AWSGlueServiceRole attached, which allows "glue:*" (every action of the service).',
        },
        {
          resourceId: 'Role',
          line: 9,
          property: 'ManagedPolicyArns[1]',
          message:
            'AmazonEC2FullAccess attached, which allows "ec2:*", "elasticloadbalancing:*", "cloudwatch:*", "autoscaling:*" (every action of these services).',
        },
      ],
    },
    {
      name: 'AWS managed policies of users and groups, which RULES.md names beside roles',
      code: `
Resources:
  Operator:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
  Queues:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/ReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonSQSFullAccess
`,
      findings: [
        {
          resourceId: 'Operator',
          line: 7,
          property: 'ManagedPolicyArns[0]',
          message:
            'User Operator has the AWS managed policy AdministratorAccess attached, which allows "*" (every action of every service).',
        },
        {
          resourceId: 'Queues',
          line: 13,
          property: 'ManagedPolicyArns[1]',
          message:
            'Group Queues has the AWS managed policy AmazonSQSFullAccess attached, which allows "sqs:*" (every action of the service).',
        },
      ],
    },
    {
      name: 'Terraform: AWSGlueServiceRole attached by managed_policy_arns and by an attachment',
      filename: 'main.tf',
      code: `
data "aws_partition" "current" {}
resource "aws_iam_role" "glue" {
  assume_role_policy  = "{}"
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole"]
}
resource "aws_iam_role" "crawler" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "crawler" {
  role       = aws_iam_role.crawler.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSGlueServiceRole"
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role.glue',
          line: 5,
          property: 'ManagedPolicyArns[0]',
          message: 'AWSGlueServiceRole attached, which allows "glue:*"',
        },
        {
          resourceId: 'aws_iam_role.crawler',
          line: 12,
          property: 'ManagedPolicyArns[0]',
          message: 'AWSGlueServiceRole attached, which allows "glue:*"',
        },
      ],
    },
    {
      name: 'Terraform: AWS managed policies attached to users and groups, by their own attachments and by aws_iam_policy_attachment, on the line of policy_arn',
      filename: 'main.tf',
      code: `
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_group" "ops" {
  name = "ops"
}
resource "aws_iam_user_policy_attachment" "ci_admin" {
  user       = aws_iam_user.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_group_policy_attachment" "ops_queues" {
  group      = "OPS"
  policy_arn = "arn:aws:iam::aws:policy/AmazonSQSFullAccess"
}
resource "aws_iam_policy_attachment" "lambda" {
  name       = "lambda"
  users      = [aws_iam_user.ci.name]
  groups     = [aws_iam_group.ops.name]
  policy_arn = "arn:aws:iam::aws:policy/AWSLambda_FullAccess"
}
`,
      findings: [
        {
          resourceId: 'aws_iam_user.ci',
          line: 10,
          property: 'ManagedPolicyArns[0]',
          message:
            'User aws_iam_user.ci has the AWS managed policy AdministratorAccess attached, which allows "*" (every action of every service).',
        },
        // IAM group names ignore case.
        {
          resourceId: 'aws_iam_group.ops',
          line: 14,
          property: 'ManagedPolicyArns[0]',
          message:
            'Group aws_iam_group.ops has the AWS managed policy AmazonSQSFullAccess attached, which allows "sqs:*"',
        },
        {
          resourceId: 'aws_iam_user.ci',
          line: 20,
          property: 'ManagedPolicyArns[1]',
          message: 'AWSLambda_FullAccess attached, which allows "lambda:*"',
        },
        {
          resourceId: 'aws_iam_group.ops',
          line: 20,
          property: 'ManagedPolicyArns[1]',
          message: 'AWSLambda_FullAccess attached, which allows "lambda:*"',
        },
      ],
    },
    {
      name: 'Terraform: a policy of the stack attached to a user and a group is reported once, on itself',
      filename: 'main.tf',
      code: `
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_group" "ops" {
  name = "ops"
}
resource "aws_iam_policy" "deploy" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "cloudformation:*", Resource = "*" }] })
}
resource "aws_iam_user_policy_attachment" "ci" {
  user       = aws_iam_user.ci.name
  policy_arn = aws_iam_policy.deploy.arn
}
resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = aws_iam_policy.deploy.arn
}
`,
      findings: [
        {
          resourceId: 'aws_iam_policy.deploy',
          line: 9,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"cloudformation:*"',
        },
      ],
    },
    {
      name: 'Terraform: an AWS managed policy a data source reads, by its ARN or by its name (under its path_prefix), is known',
      filename: 'main.tf',
      code: `
data "aws_iam_policy" "admin" {
  arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
data "aws_iam_policy" "glue" {
  name        = "AWSGlueServiceRole"
  path_prefix = "/service-role/"
}
data "aws_iam_policy" "queues" {
  for_each = toset(["AmazonSQSFullAccess"])
  name     = each.key
}
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_user_policy_attachment" "ci" {
  user       = aws_iam_user.ci.name
  policy_arn = data.aws_iam_policy.admin.arn
}
resource "aws_iam_role" "crawler" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "crawler" {
  role       = aws_iam_role.crawler.name
  policy_arn = data.aws_iam_policy.glue.id
}
resource "aws_iam_role_policy_attachment" "queues" {
  role       = aws_iam_role.crawler.name
  policy_arn = data.aws_iam_policy.queues["AmazonSQSFullAccess"].arn
}
`,
      findings: [
        {
          resourceId: 'aws_iam_user.ci',
          line: 18,
          property: 'ManagedPolicyArns[0]',
          message:
            'User aws_iam_user.ci has the AWS managed policy AdministratorAccess attached, which allows "*"',
        },
        {
          resourceId: 'aws_iam_role.crawler',
          line: 25,
          property: 'ManagedPolicyArns[0]',
          message: 'AWSGlueServiceRole attached, which allows "glue:*"',
        },
        {
          resourceId: 'aws_iam_role.crawler',
          line: 29,
          property: 'ManagedPolicyArns[1]',
          message: 'AmazonSQSFullAccess attached, which allows "sqs:*"',
        },
      ],
    },
    {
      name: "Terraform: an attachment for_each over the instances of a policy data source reads each one's ARN (each.value.arn)",
      filename: 'main.tf',
      code: `
data "aws_iam_policy" "managed" {
  for_each = toset(["AdministratorAccess", "ReadOnlyAccess"])
  name     = each.value
}
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_user_policy_attachment" "ci" {
  for_each   = data.aws_iam_policy.managed
  user       = aws_iam_user.ci.name
  policy_arn = each.value.arn
}
`,
      findings: [
        {
          resourceId: 'aws_iam_user.ci',
          line: 12,
          property: 'ManagedPolicyArns[0]',
          message:
            'User aws_iam_user.ci has the AWS managed policy AdministratorAccess attached, which allows "*"',
        },
      ],
    },
    {
      name: 'Terraform: each of the policy_arns of the exclusive attachments of a role, a user and a group, on its own line',
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "worker" {
  assume_role_policy = "{}"
}
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_group" "ops" {
  name = "ops"
}
resource "aws_iam_role_policy_attachments_exclusive" "worker" {
  role_name = aws_iam_role.worker.name
  policy_arns = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
  ]
}
resource "aws_iam_user_policy_attachments_exclusive" "ci" {
  user_name   = "CI"
  policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
resource "aws_iam_group_policy_attachments_exclusive" "ops" {
  group_name  = aws_iam_group.ops.name
  policy_arns = ["arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"]
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role.worker',
          line: 15,
          property: 'ManagedPolicyArns[1]',
          message: 'AmazonSQSFullAccess attached, which allows "sqs:*"',
        },
        {
          resourceId: 'aws_iam_user.ci',
          line: 20,
          property: 'ManagedPolicyArns[0]',
          message: 'AdministratorAccess attached, which allows "*"',
        },
        {
          resourceId: 'aws_iam_group.ops',
          line: 24,
          property: 'ManagedPolicyArns[0]',
          message:
            'AmazonDynamoDBFullAccess attached, which allows "dynamodb:*"',
        },
      ],
    },
    {
      name: 'SAM Policies: an inline statement and a managed policy name, at their own lines',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Policies:
        - DynamoDBReadPolicy: { TableName: !Ref Table }
        - AmazonDynamoDBFullAccess
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: !GetAtt Table.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 13,
          property: 'ManagedPolicyArns[1]',
          message: 'AmazonDynamoDBFullAccess',
        },
        {
          resourceId: 'Fn',
          line: 16,
          property: 'Policies[1].PolicyDocument.Statement[0].Action',
          message: 'the role SAM creates for Fn',
        },
      ],
    },
    {
      name: 'managed policies that give full access to one service (IAM, CloudFormation)',
      code: `
Resources:
  ClientRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/IAMFullAccess
        - arn:aws:iam::aws:policy/AWSCloudFormationFullAccess
`,
      findings: [
        {
          resourceId: 'ClientRole',
          line: 8,
          property: 'ManagedPolicyArns[0]',
          message: 'IAMFullAccess attached, which allows "iam:*"',
        },
        {
          resourceId: 'ClientRole',
          line: 9,
          property: 'ManagedPolicyArns[1]',
          message:
            'AWSCloudFormationFullAccess attached, which allows "cloudformation:*"',
        },
      ],
    },
    {
      name: 'managed policies that give full access to EventBridge and Cognito (the default role of a Pulumi CallbackFunction has them)',
      code: `
Resources:
  ClientRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/CloudWatchEventsFullAccess
        - arn:aws:iam::aws:policy/AmazonCognitoPowerUser
`,
      findings: [
        {
          resourceId: 'ClientRole',
          line: 8,
          property: 'ManagedPolicyArns[0]',
          message:
            'CloudWatchEventsFullAccess attached, which allows "events:*", "schemas:*", "scheduler:*", "pipes:*" (every action of these services)',
        },
        {
          resourceId: 'ClientRole',
          line: 9,
          property: 'ManagedPolicyArns[1]',
          message:
            'AmazonCognitoPowerUser attached, which allows "cognito-identity:*", "cognito-idp:*", "cognito-sync:*" (every action of these services)',
        },
      ],
    },
    {
      name: 'Terraform: a policy document merged with others as the AWS provider merges them (a statement with a Sid replaces the one of that Sid)',
      filename: 'main.tf',
      code: `
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Logs"
    actions   = ["logs:*"]
    resources = ["*"]
  }
  statement {
    actions   = ["kms:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "narrow" {
  statement {
    sid       = "Queue"
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
  statement {
    actions   = ["dynamodb:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "app" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.narrow.json]
  statement {
    sid       = "Logs"
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
  statement {
    sid       = "Queue"
    actions   = ["sqs:*"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "p" {
  role   = "app"
  policy = data.aws_iam_policy_document.app.json
}
data "aws_iam_policy_document" "none" {
  override_policy_documents = []
  statement {
    sid       = "Kept"
    actions   = ["dynamodb:*"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "q" {
  role   = "app"
  policy = data.aws_iam_policy_document.none.json
}
`,
      findings: [
        // The source's "Logs" gives way to the document's own, whose "Queue" gives way to the override's; the other statements add up.
        {
          resourceId: 'aws_iam_role_policy.p',
          line: 9,
          property: 'PolicyDocument.Statement[1].Action',
          message: '"kms:*"',
        },
        {
          resourceId: 'aws_iam_role_policy.p',
          line: 20,
          property: 'PolicyDocument.Statement[4].Action',
          message: '"dynamodb:*"',
        },
        {
          resourceId: 'aws_iam_role_policy.p',
          line: 33,
          property: 'PolicyDocument.Statement[2].Action',
          message: '"s3:*"',
        },
        // An empty list of overrides replaces no statement.
        {
          resourceId: 'aws_iam_role_policy.q',
          line: 50,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"dynamodb:*"',
        },
      ],
    },
    {
      name: 'Terraform: a policy document merged with source_json and override_json (providers before 5.0), or with documents not known statically',
      filename: 'main.tf',
      code: `
variable "extra" { type = string }
variable "overrides" { type = list(string) }
data "aws_iam_policy_document" "legacy" {
  source_json   = jsonencode({ Statement = [{ Sid = "All", Effect = "Allow", Action = "*", Resource = "*" }, { Effect = "Allow", Action = "sns:*", Resource = "*" }] })
  override_json = <<EOF
{"Statement": [{"Sid": "All", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
EOF
}
resource "aws_iam_role_policy" "legacy" {
  role   = "app"
  policy = data.aws_iam_policy_document.legacy.json
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [var.extra]
  override_policy_documents = var.overrides
  statement {
    sid       = "Mine"
    actions   = ["ec2:*"]
    resources = ["*"]
  }
  statement {
    actions   = ["ssm:*"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "merged" {
  role   = "app"
  policy = data.aws_iam_policy_document.merged.json
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role_policy.legacy',
          line: 5,
          property: 'PolicyDocument.Statement[1].Action',
          message: '"sns:*"',
        },
        // "Mine" may be replaced by an override not known: only the statement without a Sid surely stays.
        {
          resourceId: 'aws_iam_role_policy.merged',
          line: 23,
          property: 'PolicyDocument.Statement[2].Action',
          message: '"ssm:*"',
        },
      ],
    },
    {
      name: 'Terraform: policy documents that merge each other in (a cycle, which Terraform refuses) are read, what each merges of itself not known',
      filename: 'main.tf',
      code: `
data "aws_iam_policy_document" "a" {
  source_policy_documents = [data.aws_iam_policy_document.b.json]
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "b" {
  source_policy_documents = [data.aws_iam_policy_document.a.json]
}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = data.aws_iam_policy_document.a.json
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role_policy.p',
          line: 5,
          property: 'PolicyDocument.Statement[1].Action',
          message: '"s3:*"',
        },
      ],
    },
    {
      name: 'Terraform: the statements of policy documents decoded from their json (jsondecode(data.….json).Statement) and put together',
      filename: 'main.tf',
      code: `
data "aws_iam_policy_document" "queues" {
  statement {
    actions   = ["sqs:*"]
    resources = ["arn:aws:sqs:us-east-1:123456789012:orders"]
  }
}
data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:us-east-1:123456789012:log-group:orders:*"]
  }
}
resource "aws_iam_policy" "app" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      jsondecode(data.aws_iam_policy_document.queues.json).Statement,
      jsondecode(data.aws_iam_policy_document.logs.json).Statement,
    )
  })
}
`,
      findings: [
        {
          resourceId: 'aws_iam_policy.app',
          line: 4,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"sqs:*"',
        },
      ],
    },
    {
      name: 'Terraform: merged policy documents whose Sids the provider refuses, or does not reach, keep their statements',
      filename: 'main.tf',
      code: `
variable "sid" { type = string }
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Shared"
    actions   = ["sns:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "repeats" {
  source_policy_documents = [data.aws_iam_policy_document.base.json, data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Own"
    actions   = ["s3:*"]
    resources = ["*"]
  }
  statement {
    sid       = "Own"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "overridden" {
  override_policy_documents = [jsonencode({ Statement = null }), jsonencode({ Statement = [{ Sid = "First", Effect = "Allow", Action = "ec2:DescribeInstances", Resource = "*" }] })]
  statement {
    sid       = "First"
    actions   = ["ec2:*"]
    resources = ["*"]
  }
  statement {
    sid       = var.sid
    actions   = ["sqs:*"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "repeats" {
  role   = "r"
  policy = data.aws_iam_policy_document.repeats.json
}
resource "aws_iam_role_policy" "overridden" {
  role   = "r"
  policy = data.aws_iam_policy_document.overridden.json
}
`,
      findings: [
        // The provider refuses a Sid repeated among the sources, or among the document's own statements: each is judged as written.
        {
          resourceId: 'aws_iam_role_policy.repeats',
          line: 6,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"sns:*"',
        },
        {
          resourceId: 'aws_iam_role_policy.repeats',
          line: 6,
          property: 'PolicyDocument.Statement[1].Action',
          message: '"sns:*"',
        },
        {
          resourceId: 'aws_iam_role_policy.repeats',
          line: 14,
          property: 'PolicyDocument.Statement[2].Action',
          message: '"s3:*"',
        },
        // A document without statements replaces none; "First" replaces the first statement of that Sid, before the one whose Sid is not known.
        {
          resourceId: 'aws_iam_role_policy.overridden',
          line: 32,
          property: 'PolicyDocument.Statement[1].Action',
          message: '"sqs:*"',
        },
      ],
    },
    {
      name: "Terraform: a policy document's minified_json is its document",
      filename: 'main.tf',
      code: `
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = data.aws_iam_policy_document.app.minified_json
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role_policy.p',
          line: 4,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"s3:*"',
        },
      ],
    },
    {
      name: 'Terraform: user and group policies',
      filename: 'main.tf',
      code: `
resource "aws_iam_user_policy" "ci" {
  user   = "ci"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_group_policy" "ops" {
  group  = "ops"
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}
EOF
}
`,
      findings: [
        {
          resourceId: 'aws_iam_user_policy.ci',
          line: 4,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"*" (every action of every service)',
        },
        // The heredoc's text, on the line after the argument.
        {
          resourceId: 'aws_iam_group_policy.ops',
          line: 9,
          property: 'PolicyDocument.Statement[0].Action',
          message: '"dynamodb:*"',
        },
      ],
    },
    {
      name: 'Terraform: a policy in an indented heredoc with interpolations: each finding on the line of its statement',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "jobs" {}
resource "aws_iam_role_policy" "app" {
  role   = "app"
  policy = <<-EOT
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "sqs:SendMessage",
          "Resource": "\${aws_sqs_queue.jobs.arn}"
        },
        {
          "Effect": "Allow",
          "Action": ["kinesis:*"],
          "Resource": "*"
        }
      ]
    }
  EOT
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role_policy.app',
          line: 15,
          property: 'PolicyDocument.Statement[1].Action',
          message: '"kinesis:*"',
        },
      ],
    },
    {
      name: 'JSON user and group policies',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Ops": {
      "Type": "AWS::IAM::Group",
      "Properties": {
        "Policies": [{
          "PolicyName": "all",
          "PolicyDocument": { "Statement": { "Effect": "Allow", "Action": "*", "Resource": "*" } }
        }]
      }
    },
    "Ci": {
      "Type": "AWS::IAM::User",
      "Properties": {
        "Policies": [{
          "PolicyName": "deploy",
          "PolicyDocument": {
            "Statement": [
              { "Effect": "Allow", "Action": ["cloudformation:*"], "Resource": "*" }
            ]
          }
        }]
      }
    }
  }
}
`,
      findings: [
        {
          resourceId: 'Ops',
          line: 9,
          property: 'Policies[0].PolicyDocument.Statement.Action',
        },
        {
          resourceId: 'Ci',
          line: 20,
          property: 'Policies[0].PolicyDocument.Statement[0].Action',
        },
      ],
    },
  ],
});

describe('IAM-002 on Pulumi policy documents that merge others', () => {
  const described = (
    findings: {
      resourceId: string;
      line?: number;
      property?: string;
      message: string;
      confidence?: string;
    }[],
  ) =>
    findings.map(
      f =>
        `${f.resourceId} ${f.line} ${f.property} ${f.message.replace(
          /.* allows (.*) instead of .*/,
          '$1',
        )}${f.confidence === 'partial' ? ' (partial)' : ''}`,
    );

  it('TypeScript: getPolicyDocument merges sourcePolicyDocuments, its statements and overridePolicyDocuments as the provider does', () => {
    const program = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const config = new pulumi.Config();
const role = new aws.iam.Role('worker', { assumeRolePolicy: '{}' });
const base = aws.iam.getPolicyDocumentOutput({ statements: [{ sid: 'Logs', actions: ['logs:*'], resources: ['*'] }, { actions: ['kms:*'], resources: ['*'] }] });
const narrow = JSON.stringify({ Statement: [{ Sid: 'Queue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }, { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] });
const app = aws.iam.getPolicyDocumentOutput({
  sourcePolicyDocuments: [base.json],
  overridePolicyDocuments: [narrow],
  statements: [
    { sid: 'Logs', actions: ['logs:PutLogEvents'], resources: ['*'] },
    { actions: ['s3:*'], resources: ['*'] },
    { sid: 'Queue', actions: ['sqs:*'], resources: ['*'] },
  ],
});
new aws.iam.RolePolicy('app', { role: role.id, policy: app.json });
const legacy = aws.iam.getPolicyDocument({
  sourceJson: JSON.stringify({ Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Allow', Action: 'sns:*', Resource: '*' }] }),
  overrideJson: '{"Statement": [{"Sid": "All", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
});
new aws.iam.RolePolicy('legacy', { role: role.id, policy: legacy.then(doc => doc.json) });
const unread = aws.iam.getPolicyDocumentOutput({
  sourcePolicyDocuments: [config.require('extraPolicy')],
  overridePolicyDocuments: [config.require('overridePolicy')],
  statements: [{ sid: 'Mine', actions: ['ec2:*'], resources: ['*'] }, { actions: ['ssm:*'], resources: ['*'] }],
});
new aws.iam.RolePolicy('unread', { role: role.id, policy: unread.json });
`;
    // The source's "Logs" gives way to the program's own, whose "Queue" gives way to the override's; the
    // others add up. Documents not known may replace "Mine": only the statement without a Sid surely stays.
    expect(described(scanPulumiProgram(program, ['IAM-002']))).toEqual([
      // The override's statement keeps the line where JSON.stringify writes it.
      'app 6 PolicyDocument.Statement[4].Action "dynamodb:*" (every action of the service)',
      'app 16 PolicyDocument.Statement[1].Action "kms:*" (every action of the service)',
      'app 16 PolicyDocument.Statement[2].Action "s3:*" (every action of the service)',
      // sourceJson's "All" gives way to overrideJson's.
      'legacy 18 PolicyDocument.Statement[1].Action "sns:*" (every action of the service)',
      'unread 27 PolicyDocument.Statement[2].Action "ssm:*" (every action of the service)',
    ]);
  });

  it('YAML: an fn::invoke of aws:iam:getPolicyDocument merges its source and override documents', () => {
    const program = `name: demo
runtime: yaml
config:
  extraPolicy:
    type: string
variables:
  baseDoc:
    fn::invoke:
      function: aws:iam:getPolicyDocument
      arguments:
        statements:
          - sid: Logs
            actions: ['logs:*']
            resources: ['*']
          - actions: ['kms:*']
            resources: ['*']
      return: json
  appDoc:
    fn::invoke:
      function: aws:iam:getPolicyDocument
      arguments:
        sourcePolicyDocuments: ['\${baseDoc}']
        overridePolicyDocuments:
          - fn::toJSON:
              Statement:
                - Sid: Queue
                  Effect: Allow
                  Action: sqs:SendMessage
                  Resource: '*'
        statements:
          - sid: Logs
            actions: ['logs:PutLogEvents']
            resources: ['*']
          - sid: Queue
            actions: ['sqs:*']
            resources: ['*']
      return: json
  unreadDoc:
    fn::invoke:
      function: aws:iam:getPolicyDocument
      arguments:
        overridePolicyDocuments: ['\${extraPolicy}']
        statements:
          - sid: Mine
            actions: ['ec2:*']
            resources: ['*']
      return: json
resources:
  role:
    type: aws:iam:Role
    properties:
      assumeRolePolicy: '{}'
  app:
    type: aws:iam:RolePolicy
    properties:
      role: \${role.id}
      policy: \${appDoc}
  unread:
    type: aws:iam:RolePolicy
    properties:
      role: \${role.id}
      policy: \${unreadDoc}
`;
    const { findings } = scanFiles(
      [{ path: 'app/Pulumi.yaml', text: program }],
      selectRules(['IAM-002']),
    );
    // "Logs" and "Queue" give way to narrower statements; a document not known may replace "Mine".
    expect(described(findings)).toEqual([
      'app 57 PolicyDocument.Statement[1].Action "kms:*" (every action of the service)',
    ]);
  });
});

it('tells how to replace an AWS managed policy that allows whole services, not only how to list actions', () => {
  const { findings } = scanFiles(
    [
      {
        path: 'template.yaml',
        text: `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonSQSFullAccess
`,
      },
    ],
    selectRules(['IAM-002']),
  );
  expect(findings.map(f => f.remediation)).toEqual([
    expect.stringContaining(
      'in place of an AWS managed policy that allows whole services (AmazonS3FullAccess, AWSLambda_FullAccess, ...), attach a policy of your own that lists those actions',
    ),
  ]);
});

describe('IAM-002 on the policies a Pulumi program attaches to users and groups', () => {
  const described = (
    findings: {
      resourceId: string;
      line?: number;
      property?: string;
      message: string;
    }[],
  ) =>
    findings.map(
      f =>
        `${f.resourceId} ${f.line} ${f.property} ${f.message.replace(
          /.* has the AWS managed policy (\S+) attached.*/,
          '$1',
        )}`,
    );

  it('TypeScript: AWS managed policies attached to users and groups, written out or found by aws.iam.getPolicy, on the line of policyArn', () => {
    const program = `import * as aws from '@pulumi/aws';
const user = new aws.iam.User('ci', { name: 'ci' });
const group = new aws.iam.Group('ops', { name: 'ops' });
new aws.iam.UserPolicyAttachment('ci-admin', {
  user: user.name,
  policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
});
new aws.iam.GroupPolicyAttachment('ops-queues', { group: group.name, policyArn: aws.iam.ManagedPolicy.AmazonSQSFullAccess });
new aws.iam.PolicyAttachment('lambda', {
  users: [user.name],
  groups: [group.name],
  policyArn: 'arn:aws:iam::aws:policy/AWSLambda_FullAccess',
});
const glue = aws.iam.getPolicyOutput({ name: 'AWSGlueServiceRole', pathPrefix: '/service-role/' });
new aws.iam.GroupPolicyAttachment('ops-glue', { group: group.name, policyArn: glue.arn });
const admin = aws.iam.getPolicy({ arn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
const role = new aws.iam.Role('deployer', { assumeRolePolicy: '{}' });
new aws.iam.RolePolicyAttachment('deployer-admin', { role: role.name, policyArn: admin.then(policy => policy.arn) });
const deploy = new aws.iam.Policy('deploy', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'cloudformation:*', Resource: '*' }] }) });
new aws.iam.UserPolicyAttachment('ci-deploy', { user: user.name, policyArn: deploy.arn });
`;
    expect(described(scanPulumiProgram(program, ['IAM-002']))).toEqual([
      'ci 6 ManagedPolicyArns[0] AdministratorAccess',
      'ops 8 ManagedPolicyArns[0] AmazonSQSFullAccess',
      'ci 12 ManagedPolicyArns[1] AWSLambda_FullAccess',
      'ops 12 ManagedPolicyArns[1] AWSLambda_FullAccess',
      'ops 15 ManagedPolicyArns[2] AWSGlueServiceRole',
      'deployer 18 ManagedPolicyArns[0] AdministratorAccess',
      // A policy of the program, attached to the user, is judged once, on itself.
      'deploy 19 PolicyDocument.Statement[0].Action A policy statement of managed policy deploy allows "cloudformation:*" (every action of the service) instead of the actions it uses.',
    ]);
  });

  it('TypeScript: each of the policyArns of the exclusive attachments of a role, a user and a group, on its own line', () => {
    const program = `import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('worker', { assumeRolePolicy: '{}' });
const user = new aws.iam.User('ci', { name: 'ci' });
const group = new aws.iam.Group('ops', { name: 'ops' });
new aws.iam.RolePolicyAttachmentsExclusive('worker', {
  roleName: role.name,
  policyArns: [
    aws.iam.ManagedPolicy.ReadOnlyAccess,
    aws.iam.ManagedPolicy.AmazonSQSFullAccess,
  ],
});
new aws.iam.UserPolicyAttachmentsExclusive('ci', { userName: user.name, policyArns: [aws.iam.ManagedPolicy.AdministratorAccess] });
new aws.iam.GroupPolicyAttachmentsExclusive('ops', { groupName: group.name, policyArns: ['arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess'] });
`;
    expect(described(scanPulumiProgram(program, ['IAM-002']))).toEqual([
      'worker 9 ManagedPolicyArns[1] AmazonSQSFullAccess',
      'ci 12 ManagedPolicyArns[0] AdministratorAccess',
      'ops 13 ManagedPolicyArns[0] AmazonDynamoDBFullAccess',
    ]);
  });

  it('TypeScript: a policy aws.iam.getPolicy finds that is a customer managed one, or no AWS managed one under its pathPrefix, is not known', () => {
    const program = `import * as aws from '@pulumi/aws';
const user = new aws.iam.User('ci', { name: 'ci' });
const mine = aws.iam.getPolicyOutput({ arn: 'arn:aws:iam::123456789012:policy/AdministratorAccess' });
new aws.iam.UserPolicyAttachment('ci-mine', { user: user.name, policyArn: mine.arn });
const elsewhere = aws.iam.getPolicyOutput({ name: 'AWSGlueServiceRole', pathPrefix: '/aws-service-role/' });
new aws.iam.UserPolicyAttachment('ci-elsewhere', { user: user.name, policyArn: elsewhere.arn });
const named = aws.iam.getPolicyOutput({ name: 'deploy-everything' });
new aws.iam.UserPolicyAttachment('ci-named', { user: user.name, policyArn: named.arn });
new aws.iam.UserPolicyAttachment('other', { user: 'someone-else', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
`;
    expect(scanPulumiProgram(program, ['IAM-002'])).toEqual([]);
  });

  it('TypeScript: a user or group named by a literal is the one of that name, ignoring case; one of another name is not, one given no name may be', () => {
    const program = `import * as aws from '@pulumi/aws';
const ci = new aws.iam.User('ci', { name: 'CI-Deployer' });
const auditor = new aws.iam.User('auditor', { name: 'auditor' });
const unnamed = new aws.iam.User('unnamed', {});
const ops = new aws.iam.Group('ops', { name: 'ops' });
new aws.iam.UserPolicyAttachment('ci-admin', { user: 'ci-deployer', policyArn: aws.iam.ManagedPolicy.AdministratorAccess });
new aws.iam.GroupPolicyAttachment('ops-sqs', { group: 'OPS', policyArn: aws.iam.ManagedPolicy.AmazonSQSFullAccess });
new aws.iam.PolicyAttachment('readers', { users: ['auditor'], policyArn: aws.iam.ManagedPolicy.ReadOnlyAccess });
`;
    expect(described(scanPulumiProgram(program, ['IAM-002']))).toEqual([
      'ci 6 ManagedPolicyArns[0] AdministratorAccess',
      'ops 7 ManagedPolicyArns[0] AmazonSQSFullAccess',
    ]);
  });
});

describe('IAM-002 on the users and groups of a CDK app', () => {
  const described = (
    findings: {
      resourceId: string;
      line?: number;
      property?: string;
      message: string;
    }[],
  ) =>
    findings.map(
      f =>
        `${f.resourceId} ${f.line} ${f.property} ${f.message.replace(
          /.* allows (.*) \(every action.*/,
          '$1',
        )}`,
    );

  it('managedPolicies, addManagedPolicy, addToPolicy and attachInlinePolicy of an iam.User and an iam.Group, as of an iam.Role', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const user = new iam.User(this, 'Ci', {
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    const group = new iam.Group(this, 'Ops', {
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    });
    group.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSQSFullAccess'));
    user.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    group.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    const deploy = new iam.Policy(this, 'Deploy', {
      statements: [new iam.PolicyStatement({ actions: ['cloudformation:*'], resources: ['*'] })],
    });
    user.attachInlinePolicy(deploy);
    const keys = new iam.ManagedPolicy(this, 'Keys', {
      statements: [new iam.PolicyStatement({ actions: ['kms:*'], resources: ['*'] })],
    });
    new iam.User(this, 'Auditor', { managedPolicies: [keys] }).addManagedPolicy(keys);
  }
}
`;
    expect(described(scanCdkStack(stack, ['IAM-002']))).toEqual([
      'Ci 8 ManagedPolicyArns[0] "*"',
      'Ops 10 ManagedPolicyArns[1] "sqs:*"',
      'Ci/DefaultPolicy 14 PolicyDocument.Statement[0].Action "s3:*"',
      'Ops/DefaultPolicy 15 PolicyDocument.Statement[0].Action "dynamodb:*"',
      'Deploy 17 PolicyDocument.Statement[0].Action "cloudformation:*"',
      // A managed policy of the app is judged once, on itself, however often it is attached.
      'Keys 21 PolicyDocument.Statement[0].Action "kms:*"',
    ]);
  });

  it('users and groups imported: what is added to their policy, or granted them, is in a policy CDK makes below the import, as synth writes it', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const carol = iam.User.fromUserName(this, 'Carol', 'carol');
    carol.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] }));
    const admins = iam.Group.fromGroupArn(this, 'Admins', 'arn:aws:iam::123456789012:group/admins');
    admins.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    const bob = iam.User.fromUserAttributes(this, 'Bob', { userArn: 'arn:aws:iam::123456789012:user/bob' });
    new sqs.Queue(this, 'Jobs').grant(bob.grantPrincipal, 'sqs:*');
    bob.attachInlinePolicy(new iam.Policy(this, 'Deploy', {
      statements: [new iam.PolicyStatement({ actions: ['cloudformation:*'], resources: ['*'] })],
    }));
  }
}
`;
    expect(described(scanCdkStack(stack, ['IAM-002']))).toEqual([
      'Carol/Policy 9 PolicyDocument.Statement[0].Action "ec2:*"',
      'Admins/DefaultPolicy 11 PolicyDocument.Statement[0].Action "s3:*"',
      'Bob/Policy 13 PolicyDocument.Statement[0].Action "sqs:*"',
      'Deploy 15 PolicyDocument.Statement[0].Action "cloudformation:*"',
    ]);
    const graph = cdkStackGraph(stack);
    expect(graph.get('Carol/Policy')!.properties.Users).toEqual(['carol']);
    expect(graph.get('Admins/DefaultPolicy')!.properties.Groups).toEqual([
      'admins',
    ]);
    expect(graph.get('Bob/Policy')!.properties.Users).toEqual(['bob']);
  });

  it('a managed policy added again to a role or user is attached once (CDK skips it)', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const admin = iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
    const user = new iam.User(this, 'Ci', { managedPolicies: [admin] });
    user.addManagedPolicy(admin);
    const role = new iam.Role(this, 'Deployer', { assumedBy: new iam.AccountRootPrincipal() });
    role.addManagedPolicy(admin);
    role.addManagedPolicy(admin);
  }
}
`;
    expect(described(scanCdkStack(stack, ['IAM-002']))).toEqual([
      'Ci 8 ManagedPolicyArns[0] "*"',
      'Deployer 10 ManagedPolicyArns[0] "*"',
    ]);
  });

  it('users and groups with AWS managed policies that grant no wildcard, or handed to code not modelled', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Grants } from './grants';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const user = new iam.User(this, 'Ci', {
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
    });
    const group = new iam.Group(this, 'Ops');
    group.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSQSReadOnlyAccess'));
    new s3.Bucket(this, 'Reports').grantRead(user);
    new Grants(this, 'Grants', { group });
  }
}
`;
    expect(scanCdkStack(stack, ['IAM-002'])).toEqual([]);
  });
});
