import rule from './IAM-003';
import { scanFiles, selectRules } from '../../engine/scan';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'actions scoped to the resources used',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: send
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [sqs:SendMessage, s3:Get*]
                Resource:
                  - !GetAtt Queue.Arn
                  - arn:aws:s3:::*
`,
    },
    {
      name: 'actions that only work on "*"',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: telemetry
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
                  - xray:PutTraceSegments
                  - XRay:PutTelemetryRecords
                  - cloudwatch:PutMetricData
                  - logs:CreateLogGroup
                  - ec2:CreateNetworkInterface
                  - ec2:DescribeSubnets
                  - ec2:DescribeInstances
                  - sts:GetCallerIdentity
                Resource: '*'
`,
    },
    {
      name: 'SAM policy templates and AWS managed policies are not judged',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Policies:
        - SSMParameterReadPolicy: { ParameterName: app/* }
        - AmazonS3ReadOnlyAccess
`,
    },
    {
      name: 'deny statements, unknown resources and resource policies',
      code: `
Parameters:
  TableArn:
    Type: String
Resources:
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Deny
            Action: dynamodb:DeleteTable
            Resource: '*'
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: !Ref TableArn
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: !ImportValue table-arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Topic:
    Type: AWS::SNS::Topic
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: events.amazonaws.com }, Action: sns:Publish, Resource: '*' }
`,
    },
    {
      name: 'account-level list and describe calls of MSK, Route 53, DynamoDB and ACM only work on "*"',
      code: `
Resources:
  ListRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [kafka:ListClusters, route53:ListHostedZones, dynamodb:DescribeLimits, acm:ListCertificates]
                Resource: '*'
`,
    },
    {
      name: 'an MSK client\'s bootstrap brokers, cluster operations and replicators, and wildcards of actions that only work on "*"',
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
              - Effect: Allow
                Action: [kafka:GetBootstrapBrokers, kafka:DescribeClusterOperation, kafka:ListReplicators]
                Resource: '*'
              - Effect: Allow
                Action: [xray:Put*, ec2:DescribeSubnet*]
                Resource: '*'
`,
    },
    {
      name: 'actions the reference does not know: a typo, a service under a name IAM does not give it',
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
              - Effect: Allow
                Action: [ecs:StopTasks, docdb:*, docdb:DescribeDBClusters]
                Resource: '*'
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: inline user and group policies, and a policy of the stack attached to a user (judged once, on itself)',
      filename: 'main.tf',
      code: `
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_user_policy" "ci" {
  user   = aws_iam_user.ci.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}
resource "aws_iam_group_policy" "ops" {
  group  = "ops"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })
}
resource "aws_iam_policy" "tables" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "dynamodb:PutItem", Resource = "*" }] })
}
resource "aws_iam_user_policy_attachment" "tables" {
  user       = aws_iam_user.ci.name
  policy_arn = aws_iam_policy.tables.arn
}
`,
      findings: [
        {
          resourceId: 'aws_iam_user_policy.ci',
          line: 7,
          property: 'PolicyDocument.Statement[0].Resource',
          message:
            'A policy statement of policy aws_iam_user_policy.ci allows s3:GetObject on Resource "*"',
        },
        {
          resourceId: 'aws_iam_group_policy.ops',
          line: 11,
          property: 'PolicyDocument.Statement[0].Resource',
          message: 'allows sqs:SendMessage on Resource "*"',
        },
        {
          resourceId: 'aws_iam_policy.tables',
          line: 14,
          property: 'PolicyDocument.Statement[0].Resource',
          message: 'allows dynamodb:PutItem on Resource "*"',
        },
      ],
    },
    {
      name: 'of actions that can be scoped, only those are named: not the ones that only work on "*", nor those the reference does not know',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: msk
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [kafka:GetBootstrapBrokers, kafka:DescribeClusterV2, ecs:StopTasks, ecs:DescribeTasks]
                Resource: '*'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 13,
          property: 'Policies[0].PolicyDocument.Statement[0].Resource',
          message:
            'A policy statement of role Role allows kafka:DescribeClusterV2, ecs:DescribeTasks on Resource "*", though these actions can be scoped',
        },
      ],
    },
    {
      name: 'a Logs Insights reader: logs:GetQueryResults can be scoped to the log groups queried, StopQuery and X-Ray trace reads only work on "*"',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: insights
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [logs:StopQuery, xray:GetTraceSummaries, xray:BatchGetTraces]
                Resource: '*'
              - Effect: Allow
                Action: [logs:StartQuery, logs:GetQueryResults, logs:StopQuery]
                Resource: '*'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 16,
          property: 'Policies[0].PolicyDocument.Statement[1].Resource',
          message:
            'A policy statement of role Role allows logs:StartQuery, logs:GetQueryResults on Resource "*"',
        },
      ],
    },
    {
      name: "a Lambda VPC role's ec2:DeleteNetworkInterface, AssignPrivateIpAddresses and UnassignPrivateIpAddresses can be scoped to the account's interfaces",
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: vpc
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
                  - ec2:CreateNetworkInterface
                  - ec2:DescribeNetworkInterfaces
                  - ec2:DeleteNetworkInterface
                  - ec2:AssignPrivateIpAddresses
                  - ec2:UnassignPrivateIpAddresses
                Resource: '*'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 18,
          property: 'Policies[0].PolicyDocument.Statement[0].Resource',
          message:
            'A policy statement of role Role allows ec2:DeleteNetworkInterface, ec2:AssignPrivateIpAddresses, ec2:UnassignPrivateIpAddresses on Resource "*"',
        },
      ],
    },
    {
      name: 'ec2:Describe* and the EC2 describe calls the reference scopes to a resource (an instance, a VPC) on "*"',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: inventory
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: ec2:Describe*
                Resource: '*'
              - Effect: Allow
                Action: [ec2:DescribeInstances, ec2:DescribeInstanceAttribute, ec2:DescribeVpcs, ec2:DescribeVpcAttribute]
                Resource: '*'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 13,
          property: 'Policies[0].PolicyDocument.Statement[0].Resource',
          message:
            'A policy statement of role Role allows ec2:Describe* on Resource "*"',
        },
        {
          resourceId: 'Role',
          line: 16,
          property: 'Policies[0].PolicyDocument.Statement[1].Resource',
          message:
            'A policy statement of role Role allows ec2:DescribeInstanceAttribute, ec2:DescribeVpcAttribute on Resource "*"',
        },
      ],
    },
    {
      name: 'JSON text whose values a parameter writes: each finding on the line of its own key',
      code: `
Parameters:
  ReadAction: { Type: String, Default: 's3:GetObject' }
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: !Sub |
        {"Statement": [
          {"Effect": "Allow",
           "Action": "\${ReadAction}",
           "Resource": "*"},
          {"Effect": "Allow",
           "Action": "s3:GetObject",
           "Resource": "arn:aws:s3:::b/*"},
          {"Effect": "Allow",
           "Action": "sqs:SendMessage",
           "Resource": "*"}]}
`,
      findings: [
        {
          resourceId: 'P',
          line: 12,
          confidence: 'partial',
          property: 'PolicyDocument.Statement[0].Resource',
        },
        {
          resourceId: 'P',
          line: 18,
          property: 'PolicyDocument.Statement[2].Resource',
        },
      ],
    },
    {
      name: 'resource-scoped actions on "*", beside ones that only work on "*"',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: send
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [xray:PutTraceSegments, sqs:SendMessage]
                Resource: '*'
`,
      findings: [
        {
          resourceId: 'Role',
          line: 13,
          property: 'Policies[0].PolicyDocument.Statement[0].Resource',
          message: 'allows sqs:SendMessage on Resource "*"',
        },
      ],
    },
    {
      name: 'wildcard actions on "*" and a "*" among other resources',
      code: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Policy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: read
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:Get*
            Resource: '*'
          - Effect: Allow
            Action: ec2:*
            Resource: '*'
          - Effect: Allow
            Action: dynamodb:Query
            Resource:
              - !Sub '\${Bucket.Arn}/*'
              - '*'
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
`,
      findings: [
        {
          resourceId: 'Policy',
          line: 14,
          property: 'PolicyDocument.Statement[0].Resource',
          message: 's3:Get*',
        },
        {
          resourceId: 'Policy',
          line: 17,
          property: 'PolicyDocument.Statement[1].Resource',
          message: 'ec2:*',
        },
        {
          resourceId: 'Policy',
          line: 20,
          property: 'PolicyDocument.Statement[2].Resource',
        },
      ],
    },
    {
      name: 'SAM inline statement with "*"',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Policies:
        - AWSLambdaBasicExecutionRole
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:GetItem
                - dynamodb:PutItem
                - cloudwatch:PutMetricData
                - sns:Publish
                - sqs:SendMessage
              Resource: '*'
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 19,
          property: 'Policies[0].PolicyDocument.Statement[0].Resource',
          message:
            'the role SAM creates for Fn allows dynamodb:GetItem, dynamodb:PutItem, sns:Publish and 1 more',
        },
      ],
    },
    {
      name: 'JSON managed policy of the stack',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Policy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [{ "Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*" }]
        }
      }
    }
  }
}
`,
      findings: [
        {
          resourceId: 'Policy',
          line: 8,
          property: 'PolicyDocument.Statement[0].Resource',
          message: 'this action',
        },
      ],
    },
  ],
});

it('tells how to scope the resources of any role, not only of a function', () => {
  const { findings } = scanFiles(
    [
      {
        path: 'template.yaml',
        text: `Resources:
  InstanceRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: queues
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: '*'
`,
      },
    ],
    selectRules(['IAM-003']),
  );
  expect(findings.map(f => f.remediation)).toEqual([
    expect.stringContaining(
      "Scope Resource to the ARNs the statement's actions are used on",
    ),
  ]);
});
