import rule from './IAM-004';
import { scanCdkStack, scanPulumiProgram } from '../../testing/programScans';
import { testRule } from '../../testing/ruleTester';

const ROLE = `
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`;

testRule(rule, {
  valid: [
    {
      name: 'a policy that names the role by its RoleName: a literal, or the parameter that names it',
      code: `
Parameters:
  RoleNameParam: { Type: String }
Resources:
  Topic:
    Type: AWS::SNS::Topic
  LiteralRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: my-fn-role
      AssumeRolePolicyDocument: {}
  ParamRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref RoleNameParam
      AssumeRolePolicyDocument: {}
  Publish:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: publish
      Roles: [my-fn-role, !Ref RoleNameParam]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: sns:Publish, Resource: !Ref Topic }
  Literal:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt LiteralRole.Arn
      Environment: { Variables: { TOPIC: !Ref Topic } }
  Param:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt ParamRole.Arn
      Environment: { Variables: { TOPIC: !Ref Topic } }
`,
    },
    {
      name: 'NotResource that takes out what is built around a resource (its index) or a bucket (not its objects) leaves the resource',
      code: `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Bucket:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: dynamodb:*, NotResource: !Sub '\${Table.Arn}/index/*' }
              - { Effect: Allow, Action: s3:*, NotResource: !GetAtt Bucket.Arn }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TABLE: !Ref Table
          BUCKET: !Ref Bucket
`,
    },
    {
      name: 'a managed policy of which only part is known may grant the rest (SageMaker on its buckets)',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/AmazonSageMakerFullAccess
  Data:
    Type: AWS::S3::Bucket
    Properties: { BucketName: orders-sagemaker-data }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment: { Variables: { DATA: !Ref Data } }
`,
    },
    {
      name: 'role grants the action on the resource (inline policy and separate policy)',
      code: `
Resources:${ROLE}
      Policies:
        - PolicyName: publish
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sns:Publish
                Resource: !Ref Topic
  Topic:
    Type: AWS::SNS::Topic
  Table:
    Type: AWS::DynamoDB::Table
  TablePolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: table
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [dynamodb:Query, dynamodb:DescribeTable]
            Resource: [!GetAtt Table.Arn, !Sub '\${Table.Arn}/index/*']
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TOPIC_ARN: !Ref Topic
          TABLE: !Ref Table
          TABLE_ARN: !GetAtt Table.Arn
          STAGE: prod
`,
    },
    {
      name: 'SAM policy templates grant the actions',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Table:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
  Bucket:
    Type: AWS::S3::Bucket
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
  Other:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TOPIC: !Ref Topic
          TABLE: !Ref Table
          QUEUE_URL: !Ref Queue
          BUCKET: !Ref Bucket
          MACHINE: !Ref Machine
          OTHER: !GetAtt Other.Arn
      Policies:
        - SNSPublishMessagePolicy: { TopicName: !GetAtt Topic.TopicName }
        - DynamoDBWritePolicy: { TableName: !Ref Table }
        - SQSSendMessagePolicy: { QueueName: !GetAtt Queue.QueueName }
        - S3ReadPolicy: { BucketName: !Ref Bucket }
        - StepFunctionsExecutionPolicy: { StateMachineName: !GetAtt Machine.Name }
        - LambdaInvokePolicy: { FunctionName: !Ref Other }
`,
    },
    {
      name: "a resource's ARN covers it, a bucket's objects need one that goes on to them; an attribute not known may be the ARN",
      code: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Uploads:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: s3:GetObject, Resource: !Sub '\${Bucket.Arn}/*' }
              - { Effect: Allow, Action: s3:PutObject, Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Uploads}/incoming/*' }
              - { Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Queue.Attribute }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          BUCKET: !Ref Bucket
          UPLOADS: !Ref Uploads
          QUEUE: !Ref Queue
`,
    },
    {
      name: 'AWS managed policies known to grant the action',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess
        - arn:aws:iam::aws:policy/service-role/AWSLambdaRole
  Table:
    Type: AWS::DynamoDB::Table
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/other
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TABLE: !Ref Table
          NEXT: !Ref Other
`,
    },
    {
      name: 'nothing is proven: role outside the stack, unknown policy, unknown resource, unknown variables',
      code: `
Parameters:
  RoleArn:
    Type: String
  TopicArn:
    Type: String
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Topic:
    Type: AWS::SNS::Topic
  External:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
      Environment:
        Variables:
          TOPIC: !Ref Topic
  UnknownPolicyRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::123456789012:policy/team
  WithUnknownPolicy:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt UnknownPolicyRole.Arn
      Environment:
        Variables:
          TOPIC: !Ref Topic
  ParamRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: publish
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sns:Publish, Resource: !Ref TopicArn }
  WithParamResource:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt ParamRole.Arn
      Environment:
        Variables:
          TOPIC: !Ref Topic
  PlainRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  WithUnknownVariables:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt PlainRole.Arn
      Environment:
        Variables: !If [IsProd, { TOPIC: !Ref Topic }, !Ref AWS::NoValue]
  WithUnrelatedReference:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt PlainRole.Arn
      Environment:
        Variables:
          LOG_GROUP: !Ref Logs
          TOPIC_NAME: orders-topic
  Logs:
    Type: AWS::Logs::LogGroup
`,
    },
    {
      name: "SAM connectors grant on the function's role: embedded in the function (its generated role) or separate (its own role)",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  ExecRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Embedded:
    Type: AWS::Serverless::Function
    Connectors:
      TableConn:
        Properties:
          Destination: { Id: Table }
          Permissions: [Read, Write]
    Properties:
      Environment: { Variables: { TABLE: !Ref Table } }
  OwnRole:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt ExecRole.Arn
      Environment: { Variables: { TABLE: !Ref Table } }
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: OwnRole }
      Destination: { Id: Table }
      Permissions: [Write]
`,
    },
    {
      name: "a function handed a table's stream ARN uses the stream, not the table (CloudFormation, Terraform)",
      code: `
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: stream
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: [dynamodb:GetRecords, dynamodb:GetShardIterator], Resource: !GetAtt Table.StreamArn }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          STREAM: !GetAtt Table.StreamArn
`,
    },
    {
      name: "Terraform: a function handed a table's stream ARN and label",
      filename: 'main.tf',
      code: `
resource "aws_dynamodb_table" "t" {
  name           = "orders"
  stream_enabled = true
}
resource "aws_iam_role" "fn" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "fn" {
  function_name = "orders"
  role          = aws_iam_role.fn.arn
  environment {
    variables = {
      STREAM = aws_dynamodb_table.t.stream_arn
      LABEL  = aws_dynamodb_table.t.stream_label
    }
  }
}
`,
    },
    {
      name: 'Terraform: a function handed the stream ARN and label of a table with replicas (a global table)',
      filename: 'main.tf',
      code: `
resource "aws_dynamodb_table" "t" {
  name             = "orders"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"
  replica {
    region_name = "eu-west-2"
  }
}
resource "aws_iam_role" "fn" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "fn" {
  function_name = "orders"
  role          = aws_iam_role.fn.arn
  environment {
    variables = {
      STREAM = aws_dynamodb_table.t.stream_arn
      LABEL  = aws_dynamodb_table.t.stream_label
    }
  }
}
`,
    },
    {
      name: "an alias or version of a function is covered by *, the function's ARN followed by *, :* or :<alias>, or the alias's own ARN",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      AutoPublishAlias: live
  Audit:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: audit
      Role: !GetAtt AuditRole.Arn
  AuditAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Audit
      FunctionVersion: '1'
      Name: prod
  ViaTemplate:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref Orders.Alias
          VERSION: !Ref Orders.Version
      Policies:
        - LambdaInvokePolicy: { FunctionName: !Ref Orders }
  ViaQualifierWildcard:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref Orders.Alias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: !Sub '\${Orders.Arn}:*' }
  ViaAliasName:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref Orders.Alias
          AUDIT: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: !Sub '\${Orders.Arn}:live' }
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: arn:aws:lambda:us-east-1:123456789012:function:audit:prod }
  ViaAliasArn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: !Ref AuditAlias }
  ViaStar:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: '*' }
  AuditRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
`,
    },
    {
      name: "a global table granted by its ARN, or by an ARN written out of its name; given its stream's ARN or its ID, it is not used",
      code: `
Resources:${ROLE}
      Policies:
        - PolicyName: tables
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: dynamodb:GetItem, Resource: [!GetAtt Orders.Arn, 'arn:aws:dynamodb:us-east-1:123456789012:table/payments'] }
  Orders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas: [{ Region: us-east-1 }]
  Payments:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      TableName: payments
      Replicas: [{ Region: us-east-1 }]
  Events:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas: [{ Region: us-east-1 }]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          ORDERS: !Ref Orders
          PAYMENTS: !Ref Payments
          EVENTS: !GetAtt Events.StreamArn
          EVENTS_ID: !GetAtt Events.TableId
`,
    },
    {
      name: "AWS managed policies beyond Lambda's that grant the action (AWSIoTRuleActions: sns:Publish, sqs:SendMessage* on every resource), by ARN and by name in SAM Policies",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSIoTRuleActions
  Topic:
    Type: AWS::SNS::Topic
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment: { Variables: { TOPIC: !Ref Topic, QUEUE: !Ref Queue } }
  SamFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Policies: [AWSIoTRuleActions]
      Environment: { Variables: { TOPIC: !Ref Topic, QUEUE: !Ref Queue } }
`,
    },
  ],
  invalid: [
    {
      name: 'an AWS managed policy named in SAM Policies (SAM gives it its ARN, with its path) that grants nothing on the topic: AmazonECSTaskExecutionRolePolicy',
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
      Policies: [AmazonECSTaskExecutionRolePolicy]
      Environment: { Variables: { TOPIC: !Ref Topic } }
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 12,
          property: 'Environment.Variables.TOPIC',
          message: 'grants no sns:Publish on it',
        },
      ],
    },
    {
      name: 'a global table given to a function whose role grants nothing on it',
      code: `
Resources:${ROLE}
  Orders:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      Replicas: [{ Region: us-east-1 }]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          ORDERS: !Ref Orders
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 19,
          property: 'Environment.Variables.ORDERS',
          message:
            'Function Fn is given Orders in ORDERS but its role Role grants no dynamodb data action',
        },
      ],
    },
    {
      name: "an alias or version of a function without a grant that covers its qualified ARN (the function's unqualified ARN does not)",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      AutoPublishAlias: live
  Audit:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: audit
      Role: !GetAtt AuditRole.Arn
  AuditAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Audit
      FunctionVersion: '1'
      Name: prod
  NoGrant:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref Orders.Alias
  Unqualified:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref Orders.Alias
          AUDIT: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: [!GetAtt Orders.Arn, arn:aws:lambda:us-east-1:123456789012:function:audit] }
  OtherAlias:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref Orders.Alias
          VERSION: !Ref Orders.Version
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: !Sub '\${Orders.Arn}:canary' }
  AuditRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
`,
      findings: [
        {
          resourceId: 'NoGrant',
          line: 28,
          property: 'Environment.Variables.TARGET',
          message:
            'Function NoGrant is given OrdersAliaslive in TARGET but its role NoGrantRole grants no lambda:InvokeFunction on it',
        },
        {
          resourceId: 'Unqualified',
          line: 36,
          property: 'Environment.Variables.TARGET',
          message: 'OrdersAliaslive',
        },
        {
          resourceId: 'Unqualified',
          line: 37,
          property: 'Environment.Variables.AUDIT',
          message: 'AuditAlias',
        },
        {
          resourceId: 'OtherAlias',
          line: 48,
          property: 'Environment.Variables.TARGET',
          message: 'OrdersAliaslive',
        },
      ],
    },
    {
      name: 'Terraform: a function handed an alias, its role granting the unqualified function only',
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "caller" {
  assume_role_policy = "{}"
  inline_policy {
    name   = "invoke"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = aws_lambda_function.orders.arn }] })
  }
}
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.caller.arn
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.orders.function_name
  function_version = "1"
}
resource "aws_lambda_function" "caller" {
  function_name = "caller"
  role          = aws_iam_role.caller.arn
  environment {
    variables = { TARGET = aws_lambda_alias.live.arn }
  }
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.caller',
          line: 22,
          property: 'Environment.Variables.TARGET',
          message:
            "grants no lambda:InvokeFunction on it (a version or alias of aws_lambda_function.orders, invoked by its qualified ARN, which aws_lambda_function.orders's ARN alone does not cover: add :* or *)",
        },
      ],
    },
    {
      name: 'an alias covered, or not, by a literal pattern: matched against its ARN where its names are known, unknown where a part of it is',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Audit:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-fn
      Role: !GetAtt AuditRole.Arn
  AuditRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  AuditAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Audit
      FunctionVersion: '1'
      Name: live
  AnyRegionUnqualified:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: 'arn:aws:lambda:*:*:function:orders-fn' }
  OtherAliasPattern:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: 'arn:aws:lambda:*:*:function:orders-fn:prod*' }
  OtherCase:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: 'arn:aws:lambda:*:*:function:orders-fn:LIVE' }
  AnyQualifier:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-fn:*' }
  OneCharacter:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: 'arn:aws:lambda:*:*:function:orders-fn:liv?' }
  AnyRegionAlias:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: 'arn:aws:lambda:*:*:function:orders-*:live' }
  SpanningFields:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: 'arn:aws:lambda:*' }
  PartlyWrittenRegion:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Environment:
        Variables:
          TARGET: !Ref AuditAlias
      Policies:
        - Statement:
            - { Effect: Allow, Action: lambda:InvokeFunction, Resource: 'arn:aws:lambda:eu-*:*:function:orders-fn:live' }
`,
      findings: [
        {
          resourceId: 'AnyRegionUnqualified',
          line: 26,
          property: 'Environment.Variables.TARGET',
          message:
            'Function AnyRegionUnqualified is given AuditAlias in TARGET',
        },
        {
          resourceId: 'OtherAliasPattern',
          line: 37,
          property: 'Environment.Variables.TARGET',
          message: 'Function OtherAliasPattern is given AuditAlias in TARGET',
        },
        {
          resourceId: 'OtherCase',
          line: 48,
          property: 'Environment.Variables.TARGET',
          message: 'Function OtherCase is given AuditAlias in TARGET',
        },
      ],
    },
    {
      name: "Terraform: a function handed another's qualified_arn (its version), its role granting the unqualified function only; granted :* or the qualified_arn, it may invoke",
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "unqualified" {
  assume_role_policy = "{}"
  inline_policy {
    name   = "invoke"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = aws_lambda_function.orders.arn }] })
  }
}
resource "aws_iam_role" "any_version" {
  assume_role_policy = "{}"
  inline_policy {
    name   = "invoke"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "\${aws_lambda_function.orders.arn}:*" }] })
  }
}
resource "aws_iam_role" "this_version" {
  assume_role_policy = "{}"
  inline_policy {
    name   = "invoke"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = aws_lambda_function.orders.qualified_arn }] })
  }
}
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.unqualified.arn
  publish       = true
}
resource "aws_lambda_function" "caller" {
  function_name = "caller"
  role          = aws_iam_role.unqualified.arn
  environment {
    variables = { TARGET = aws_lambda_function.orders.qualified_arn }
  }
}
resource "aws_lambda_function" "any_version" {
  function_name = "any_version"
  role          = aws_iam_role.any_version.arn
  environment {
    variables = { TARGET = aws_lambda_function.orders.qualified_arn }
  }
}
resource "aws_lambda_function" "this_version" {
  function_name = "this_version"
  role          = aws_iam_role.this_version.arn
  environment {
    variables = { TARGET = aws_lambda_function.orders.qualified_arn }
  }
}
resource "aws_iam_role" "patterns" {
  assume_role_policy = "{}"
  inline_policy {
    name   = "invoke"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:*:*:function:orders" }] })
  }
}
resource "aws_lambda_function" "unqualified_pattern" {
  function_name = "unqualified_pattern"
  role          = aws_iam_role.patterns.arn
  environment {
    variables = { TARGET = aws_lambda_function.orders.qualified_arn }
  }
}
resource "aws_iam_role" "version_one" {
  assume_role_policy = "{}"
  inline_policy {
    name   = "invoke"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = "arn:aws:lambda:*:*:function:orders:1" }] })
  }
}
resource "aws_lambda_function" "version_one" {
  function_name = "version_one"
  role          = aws_iam_role.version_one.arn
  environment {
    variables = { TARGET = aws_lambda_function.orders.qualified_arn }
  }
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.caller',
          line: 32,
          property: 'Environment.Variables.TARGET',
          message:
            "Function aws_lambda_function.caller is given aws_lambda_function.orders in TARGET but its role aws_iam_role.unqualified grants no lambda:InvokeFunction on it (its qualified ARN, a version of it, which aws_lambda_function.orders's ARN alone does not cover: add :* or *)",
        },
        // A pattern without a qualifier names no version; one naming version 1 may name the one published.
        {
          resourceId: 'aws_lambda_function.unqualified_pattern',
          line: 60,
          property: 'Environment.Variables.TARGET',
          message:
            'its role aws_iam_role.patterns grants no lambda:InvokeFunction on it (its qualified ARN',
        },
      ],
    },
    {
      name: "Terraform: an alias's name, version or function name hands no qualified ARN; its function name is the function's",
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "caller" {
  assume_role_policy = "{}"
  inline_policy {
    name   = "invoke"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "lambda:InvokeFunction", Resource = aws_lambda_function.orders.arn }] })
  }
}
resource "aws_iam_role" "none" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.none.arn
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.orders.function_name
  function_version = "1"
}
resource "aws_lambda_function" "caller" {
  function_name = "caller"
  role          = aws_iam_role.caller.arn
  environment {
    variables = {
      ALIAS    = aws_lambda_alias.live.name
      VERSION  = aws_lambda_alias.live.function_version
      FUNCTION = aws_lambda_alias.live.function_name
    }
  }
}
resource "aws_lambda_function" "ungranted" {
  function_name = "ungranted"
  role          = aws_iam_role.none.arn
  environment {
    variables = { FUNCTION = aws_lambda_alias.live.function_name }
  }
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.ungranted',
          line: 36,
          property: 'Environment.Variables.FUNCTION',
          message:
            'Function aws_lambda_function.ungranted is given aws_lambda_function.orders in FUNCTION but its role aws_iam_role.none grants no lambda:InvokeFunction on it, so',
        },
      ],
    },
    {
      name: "a version's number hands no qualified ARN",
      code: `
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt CallerRole.Arn
  OrdersVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Orders
  Caller:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt CallerRole.Arn
      Environment:
        Variables:
          ORDERS: !Ref Orders
          ORDERS_VERSION: !GetAtt OrdersVersion.Version
  CallerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: lambda:InvokeFunction, Resource: !GetAtt Orders.Arn }
`,
      findings: [],
    },
    {
      name: 'a grant on an ARN whose name goes on past the reference names another resource',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Bucket:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sqs:SendMessage, Resource: !Sub 'arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Queue.QueueName}-other' }
              - { Effect: Allow, Action: s3:PutObject, Resource: !Sub 'arn:aws:s3:::\${Bucket}-replica/*' }
              - { Effect: Allow, Action: sns:Publish, Resource: !Sub 'arn:aws:sns:\${AWS::Region}:\${AWS::AccountId}:old-\${Topic.TopicName}' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          QUEUE_URL: !Ref Queue
          BUCKET: !Ref Bucket
          TOPIC: !Ref Topic
  Topic:
    Type: AWS::SNS::Topic
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 24,
          property: 'Environment.Variables.QUEUE_URL',
          message: 'grants no sqs:SendMessage on it',
        },
        {
          resourceId: 'Fn',
          line: 25,
          property: 'Environment.Variables.BUCKET',
          message: 'grants no s3 object action',
        },
        {
          resourceId: 'Fn',
          line: 26,
          property: 'Environment.Variables.TOPIC',
          message: 'grants no sns:Publish on it',
        },
      ],
    },
    {
      name: "a SAM connector that only reads a queue grants the function's own role no sqs:SendMessage",
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  ExecRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt ExecRole.Arn
      Environment: { Variables: { QUEUE: !Ref Queue } }
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: Fn }
      Destination: { Id: Queue }
      Permissions: [Read]
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 14,
          property: 'Environment.Variables.QUEUE',
          message: 'role ExecRole grants no sqs:SendMessage',
        },
      ],
    },
    {
      name: 'seed 000: a function handed another function without lambda:InvokeFunction',
      code: `
Resources:
  DataProcessorRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: '*'
  ResponseHandlerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  DataProcessor:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt DataProcessorRole.Arn
      Environment:
        Variables:
          RESPONSE_HANDLER_FUNCTION: !GetAtt ResponseHandler.Arn
  ResponseHandler:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt ResponseHandlerRole.Arn
`,
      findings: [
        {
          resourceId: 'DataProcessor',
          line: 24,
          property: 'Environment.Variables.RESPONSE_HANDLER_FUNCTION',
          message: 'grants no lambda:InvokeFunction',
        },
      ],
    },
    {
      name: 'seed 001: SNS topic and DynamoDB table without permissions (issues 4 and 6)',
      code: `
Resources:
  TransactionTopic:
    Type: AWS::SNS::Topic
  TransactionsTable:
    Type: AWS::DynamoDB::Table
  ValidationRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
  ProcessingRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  Validation:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt ValidationRole.Arn
      Environment:
        Variables:
          SNS_TOPIC_ARN: !Ref TransactionTopic
  Processing:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt ProcessingRole.Arn
      Environment:
        Variables:
          DYNAMODB_TABLE_NAME: !Ref TransactionsTable
`,
      findings: [
        {
          resourceId: 'Validation',
          line: 26,
          property: 'Environment.Variables.SNS_TOPIC_ARN',
          message: 'grants no sns:Publish on it',
        },
        {
          resourceId: 'Processing',
          line: 33,
          property: 'Environment.Variables.DYNAMODB_TABLE_NAME',
          message: 'grants no dynamodb data action',
        },
      ],
    },
    {
      name: 'grants on other resources or of other actions do not count; once per resource',
      code: `
Resources:
  Topic:
    Type: AWS::SNS::Topic
  OtherTopic:
    Type: AWS::SNS::Topic
  Table:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
  Bucket:
    Type: AWS::S3::Bucket
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: mixed
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: sns:Publish, Resource: !Ref OtherTopic }
              - { Effect: Allow, Action: dynamodb:DescribeTable, Resource: !GetAtt Table.Arn }
              - { Effect: Allow, Action: [sqs:ReceiveMessage, sqs:DeleteMessage], Resource: !GetAtt Queue.Arn }
              - { Effect: Allow, Action: s3:ListBucket, Resource: !GetAtt Bucket.Arn }
              - { Effect: Allow, Action: states:DescribeExecution, Resource: '*' }
              - { Effect: Deny, Action: '*', Resource: '*' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          TOPIC: !Ref Topic
          OTHER_TOPIC: !Ref OtherTopic
          TABLE_NAME: !Ref Table
          TABLE_ARN: !GetAtt Table.Arn
          QUEUE: !Ref Queue
          OBJECTS: !Sub 's3://\${Bucket}/objects'
          MACHINE: !Ref Machine
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 37,
          property: 'Environment.Variables.TOPIC',
          message: 'is given Topic in TOPIC',
        },
        {
          resourceId: 'Fn',
          line: 39,
          property: 'Environment.Variables.TABLE_NAME',
        },
        {
          resourceId: 'Fn',
          line: 41,
          property: 'Environment.Variables.QUEUE',
          message: 'sqs:SendMessage',
        },
        {
          resourceId: 'Fn',
          line: 42,
          property: 'Environment.Variables.OBJECTS',
          message: 's3 object action',
        },
        {
          resourceId: 'Fn',
          line: 43,
          property: 'Environment.Variables.MACHINE',
          message: 'states:StartExecution',
        },
      ],
    },
    {
      name: "a grant on a resource's name, URL or other attribute, or on a bucket's ARN without its objects, does not cover it",
      code: `
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Named:
    Type: AWS::S3::Bucket
  Queue:
    Type: AWS::SQS::Queue
  Table:
    Type: AWS::DynamoDB::Table
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/other
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/sfn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: [s3:GetObject, s3:PutObject], Resource: !GetAtt Bucket.Arn }
              - { Effect: Allow, Action: s3:GetObject, Resource: !Sub 'arn:aws:s3:::\${Named}' }
              - { Effect: Allow, Action: sqs:SendMessage, Resource: [!Ref Queue, !GetAtt Queue.QueueName] }
              - { Effect: Allow, Action: dynamodb:PutItem, Resource: [!Ref Table, !GetAtt Table.StreamArn] }
              - { Effect: Allow, Action: lambda:InvokeFunction, Resource: !Ref Other }
              - { Effect: Allow, Action: states:StartExecution, Resource: !GetAtt Machine.Name }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          BUCKET: !Ref Bucket
          NAMED: !Ref Named
          QUEUE: !Ref Queue
          TABLE: !Ref Table
          NEXT: !Ref Other
          MACHINE: !Ref Machine
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 39,
          property: 'Environment.Variables.BUCKET',
          message: 'grants no s3 object action',
        },
        {
          resourceId: 'Fn',
          line: 40,
          property: 'Environment.Variables.NAMED',
          message: 'grants no s3 object action',
        },
        {
          resourceId: 'Fn',
          line: 41,
          property: 'Environment.Variables.QUEUE',
          message: 'grants no sqs:SendMessage',
        },
        {
          resourceId: 'Fn',
          line: 42,
          property: 'Environment.Variables.TABLE',
          message: 'grants no dynamodb data action',
        },
        {
          resourceId: 'Fn',
          line: 43,
          property: 'Environment.Variables.NEXT',
          message: 'grants no lambda:InvokeFunction',
        },
        {
          resourceId: 'Fn',
          line: 44,
          property: 'Environment.Variables.MACHINE',
          message: 'grants no states:StartExecution',
        },
      ],
    },
    {
      name: "Terraform: a grant on a table's name or a bucket's ARN without its objects does not cover them",
      filename: 'main.tf',
      code: `
resource "aws_dynamodb_table" "t" {
  name     = "orders"
  hash_key = "pk"
}
resource "aws_s3_bucket" "b" {
  bucket_prefix = "x"
}
resource "aws_iam_role" "r" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "p" {
  role = aws_iam_role.r.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = "dynamodb:PutItem", Resource = aws_dynamodb_table.t.name },
    { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = aws_s3_bucket.b.arn }
  ] })
}
resource "aws_lambda_function" "f" {
  function_name = "fn"
  role          = aws_iam_role.r.arn
  environment {
    variables = { TABLE = aws_dynamodb_table.t.name, BUCKET = aws_s3_bucket.b.id }
  }
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.f',
          line: 23,
          property: 'Environment.Variables.TABLE',
          message: 'grants no dynamodb data action',
        },
        {
          resourceId: 'aws_lambda_function.f',
          line: 23,
          property: 'Environment.Variables.BUCKET',
          message: 'grants no s3 object action',
        },
      ],
    },
    {
      name: 'SAM function whose templates name other resources, and one with no policy for its table',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    Environment:
      Variables:
        TABLE_NAME: !Ref Table
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - DynamoDBReadPolicy: { TableName: !Ref Table }
  Writer:
    Type: AWS::Serverless::Function
`,
      findings: [
        {
          resourceId: 'Writer',
          line: 9,
          property: 'Environment.Variables.TABLE_NAME',
          message: 'role WriterRole grants no dynamodb',
        },
      ],
    },
    {
      name: 'JSON: a topic handed through Fn::Join',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Topic": { "Type": "AWS::SNS::Topic" },
    "Role": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {} } },
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Role": { "Fn::GetAtt": ["Role", "Arn"] },
        "Environment": {
          "Variables": {
            "TOPICS": { "Fn::Join": [",", [{ "Ref": "Topic" }, "arn:aws:sns:eu-west-1:123456789012:audit"]] }
          }
        }
      }
    }
  }
}
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 12,
          property: 'Environment.Variables.TOPICS',
        },
      ],
    },
  ],
});

describe('IAM-004 on CDK grants', () => {
  it("counts a bucket's grantRead, grantWrite and grantPut: CDK grants them on its objects too", () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const reports = new s3.Bucket(this, 'Reports');
    const uploads = new s3.Bucket(this, 'Uploads');
    const archive = new s3.Bucket(this, 'Archive');
    const fn = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
      environment: { REPORTS: reports.bucketName, UPLOADS: uploads.bucketName, ARCHIVE: archive.bucketName },
    });
    reports.grantRead(fn);
    uploads.grantPut(fn);
    archive.grantWrite(fn);
  }
}
`;
    expect(scanCdkStack(stack, ['IAM-004'])).toEqual([]);
  });
});

describe('IAM-004 on Pulumi', () => {
  it('does not take the stream label of a table with replicas (a global table) for the table', () => {
    const program = `
import * as aws from '@pulumi/aws';
const orders = new aws.dynamodb.Table('orders', {
  hashKey: 'id',
  attributes: [{ name: 'id', type: 'S' }],
  streamEnabled: true,
  streamViewType: 'NEW_AND_OLD_IMAGES',
  replicas: [{ regionName: 'eu-west-2' }],
});
const role = new aws.iam.Role('fn', { assumeRolePolicy: '{}' });
new aws.lambda.Function('fn', {
  role: role.arn,
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  environment: { variables: { STREAM: orders.streamArn, LABEL: orders.streamLabel } },
});
`;
    expect(scanPulumiProgram(program, ['IAM-004'])).toEqual([]);
  });
});
