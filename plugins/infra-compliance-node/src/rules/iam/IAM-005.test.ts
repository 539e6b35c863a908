import rule from './IAM-005';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: "Terraform: a policy given by the id of an aws_iam_role data source that reads the function's own role (by its name) is that role's",
      filename: 'main.tf',
      code: `
data "aws_iam_role" "app" {
  name = "app"
}
resource "aws_iam_role" "app" {
  name = "app"
}
resource "aws_iam_role_policy_attachment" "xray" {
  role       = data.aws_iam_role.app.id
  policy_arn = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"
}
resource "aws_lambda_function" "fn" {
  role = aws_iam_role.app.arn
  tracing_config {
    mode = "Active"
  }
}
`,
    },
    {
      name: 'SAM Tracing: Active on the implicit role (also from Globals)',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: Active
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Tracing: Active
`,
    },
    {
      name: 'roles that grant xray:PutTraceSegments (managed policy, inline statement)',
      code: `
Resources:
  ManagedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess
  InlineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: xray
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [xray:PutTraceSegments, xray:PutTelemetryRecords]
                Resource: '*'
  A:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt ManagedRole.Arn
      TracingConfig: { Mode: Active }
  B:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt InlineRole.Arn
      TracingConfig:
        Mode: Active
`,
    },
    {
      name: 'no active tracing, or nothing proven',
      code: `
Parameters:
  TracingMode:
    Type: String
  RoleArn:
    Type: String
Resources:
  PlainRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  UnknownPolicyRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [!ImportValue tracing-policy-arn]
  PassThrough:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt PlainRole.Arn
      TracingConfig: { Mode: PassThrough }
  ModeFromParameter:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt PlainRole.Arn
      TracingConfig: { Mode: !Ref TracingMode }
  ExternalRole:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
      TracingConfig: { Mode: Active }
  UnknownPolicy:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt UnknownPolicyRole.Arn
      TracingConfig: { Mode: Active }
`,
    },
  ],
  invalid: [
    {
      name: "Terraform: a policy given to the role an aws_iam_role data source reads by its id (the role's name) is another role's, not this one's",
      filename: 'main.tf',
      code: `
data "aws_iam_role" "shared" {
  name = "shared"
}
resource "aws_iam_role" "app" {
  name = "app"
}
resource "aws_iam_role_policy" "shared_xray" {
  role   = data.aws_iam_role.shared.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "xray:PutTraceSegments", Resource = "*" }] })
}
resource "aws_lambda_function" "fn" {
  role = aws_iam_role.app.arn
  tracing_config {
    mode = "Active"
  }
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.fn',
          line: 15,
          property: 'TracingConfig.Mode',
          message: 'its role aws_iam_role.app grants no xray:PutTraceSegments',
        },
      ],
    },
    {
      name: "Terraform: a managed policy attached to the role an aws_iam_role data source reads by its name is another role's, not this one's",
      filename: 'main.tf',
      code: `
data "aws_iam_role" "shared" {
  name = "shared"
}
resource "aws_iam_role" "app" {
  name = "app"
}
resource "aws_iam_role_policy_attachment" "shared_xray" {
  role       = data.aws_iam_role.shared.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"
}
resource "aws_lambda_function" "fn" {
  role = aws_iam_role.app.arn
  tracing_config {
    mode = "Active"
  }
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.fn',
          line: 15,
          property: 'TracingConfig.Mode',
          message: 'its role aws_iam_role.app grants no xray:PutTraceSegments',
        },
      ],
    },
    {
      name: 'seed 001 issue 1: active tracing with only the basic execution policy',
      code: `
Resources:
  ValidationRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  Validation:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt ValidationRole.Arn
      TracingConfig:
        Mode: Active
`,
      findings: [
        {
          resourceId: 'Validation',
          line: 14,
          property: 'TracingConfig.Mode',
          message: 'grants no xray:PutTraceSegments',
        },
      ],
    },
    {
      name: 'SAM function with an explicit role: SAM adds no X-Ray permission',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: telemetry
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: xray:PutTelemetryRecords, Resource: '*' }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Tracing: Active
`,
      findings: [
        { resourceId: 'Fn', line: 19, property: 'TracingConfig.Mode' },
      ],
    },
    {
      name: 'JSON function and role',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Role": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {} } },
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Role": { "Fn::GetAtt": ["Role", "Arn"] },
        "TracingConfig": { "Mode": "Active" }
      }
    }
  }
}
`,
      findings: [{ resourceId: 'Fn', line: 9, property: 'TracingConfig.Mode' }],
    },
  ],
});
