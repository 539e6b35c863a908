import rule from './IAM-006';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'generated names',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Statement: [] }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
`,
    },
    {
      name: 'a name that a condition not known statically may remove',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  Named: !Equals [!Ref Env, prod]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      RoleName: !If [Named, orders-role, !Ref AWS::NoValue]
`,
    },
    {
      name: 'a name the default condition removes',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  Named: !Equals [!Ref Env, prod]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      RoleName: !If [Named, orders-role, !Ref AWS::NoValue]
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "worker" {
  name               = "orders-worker"
  assume_role_policy = jsonencode({ Statement = [] })
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role.worker',
          line: 3,
          property: 'RoleName',
          message: 'explicit name,',
        },
      ],
    },
    {
      name: 'seed 002: explicit RoleName, also built with !Sub',
      code: `
Resources:
  LambdaExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: lambda-execution-role
      AssumeRolePolicyDocument: {}
  StackRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      RoleName: !Sub '\${AWS::StackName}-role'
  AccountRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub '\${AWS::AccountId}-role'
      AssumeRolePolicyDocument: {}
`,
      findings: [
        {
          resourceId: 'LambdaExecutionRole',
          line: 6,
          property: 'RoleName',
          message: 'Role LambdaExecutionRole has an explicit RoleName',
        },
        {
          resourceId: 'StackRole',
          line: 12,
          property: 'RoleName',
          message: 'an update that must replace it fails',
        },
        {
          resourceId: 'AccountRole',
          line: 16,
          property: 'RoleName',
          message: 'a second copy of the stack collides with it',
        },
      ],
    },
    {
      name: 'managed policy name, and a role name from a parameter default',
      code: `
Parameters:
  Name:
    Type: String
    Default: orders
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: orders-write
      PolicyDocument: { Statement: [] }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      RoleName: !Ref Name
`,
      findings: [
        {
          resourceId: 'Policy',
          line: 10,
          property: 'ManagedPolicyName',
          message: 'Managed policy Policy',
        },
        {
          resourceId: 'Role',
          line: 16,
          confidence: 'partial',
          property: 'RoleName',
        },
      ],
    },
    {
      name: 'JSON role name',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Role": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {},
        "RoleName": { "Fn::Join": ["-", [{ "Ref": "AWS::Region" }, "orders"]] }
      }
    }
  }
}
`,
      findings: [{ resourceId: 'Role', line: 8, property: 'RoleName' }],
    },
    {
      name: 'Terraform: a name built from other values, and a written one',
      filename: 'main.tf',
      code: `
resource "random_id" "suffix" {
  byte_length = 4
}
resource "aws_iam_role" "built" {
  name               = "orders-\${random_id.suffix.hex}"
  assume_role_policy = "{}"
}
resource "aws_iam_policy" "written" {
  name   = "orders-write"
  policy = "{}"
}
`,
      findings: [
        {
          resourceId: 'aws_iam_role.built',
          line: 6,
          property: 'RoleName',
          message:
            'Role aws_iam_role.built has an explicit name, so the values it is built from must keep it unique in the account (IAM names are account-wide); name_prefix lets Terraform add a unique suffix.',
        },
        {
          resourceId: 'aws_iam_policy.written',
          line: 10,
          property: 'ManagedPolicyName',
          message:
            'a second copy of the stack, in another region or environment of the account, collides with it.',
        },
      ],
    },
  ],
});
