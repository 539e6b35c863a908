import rule from './IAM-007';
import { scanPulumiProgram } from '../../testing/programScans';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'a policy that names the role by its RoleName (a literal, or the parameter that names it), or by a parameter that may be its name',
      code: `
Parameters:
  RoleNameParam: { Type: String }
  OtherRoleName: { Type: String }
Resources:
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
  MaybeRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: maybe-role
      AssumeRolePolicyDocument: {}
  Logs:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: logs
      Roles: [MY-FN-ROLE]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: '*' }
  ParamLogs:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: logs
      Roles: [!Ref RoleNameParam]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: '*' }
  Elsewhere:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref OtherRoleName]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: sqs:SendMessage, Resource: '*' }
  Literal:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt LiteralRole.Arn
  Param:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt ParamRole.Arn
  Maybe:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt MaybeRole.Arn
`,
    },
    {
      name: 'SAM implicit role',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Policies:
        - Statement:
            - { Effect: Allow, Action: sqs:SendMessage, Resource: '*' }
`,
    },
    {
      name: 'managed policies and inline statements that allow writing logs',
      code: `
Resources:
  BasicRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  VpcRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole
  InlineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: !GetAtt Logs.Arn
  WildcardRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  WildcardPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: logs
      Roles: [!Ref WildcardRole]
      PolicyDocument:
        Statement: { Effect: Allow, Action: 'logs:*', Resource: '*' }
  Logs:
    Type: AWS::Logs::LogGroup
  A:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt BasicRole.Arn }
  B:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt VpcRole.Arn }
  C:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt InlineRole.Arn }
  D:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt WildcardRole.Arn }
`,
    },
    {
      name: 'nothing proven: role outside the stack, unknown managed policy, unknown statement',
      code: `
Parameters:
  RoleArn:
    Type: String
  LogActions:
    Type: CommaDelimitedList
Resources:
  UnknownPolicyRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::123456789012:policy/lambda-logs]
  UnknownActionsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: !Ref LogActions, Resource: '*' }
  A:
    Type: AWS::Lambda::Function
    Properties: { Role: !Ref RoleArn }
  B:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt UnknownPolicyRole.Arn }
  C:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt UnknownActionsRole.Arn }
`,
    },
    {
      name: 'Terraform: an attachment naming by a literal a role whose name is not known may attach to it',
      filename: 'main.tf',
      code: `
variable "env" { type = string }
resource "aws_iam_role" "fn" {
  name               = "\${var.env}-orders-fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "logs" {
  role       = "prod-orders-fn"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
resource "aws_lambda_function" "fn" {
  function_name = "orders"
  role          = aws_iam_role.fn.arn
}
`,
    },
    {
      name: 'a managed policy naming the role by its name in another case (IAM role names ignore case)',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: fn-role-y
      AssumeRolePolicyDocument: {}
  Logs:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [FN-ROLE-Y]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: '*' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
`,
    },
    {
      name: 'Terraform: AWSLambdaBasicExecutionRole read by a data source of its name (path_prefix "/" by default)',
      filename: 'main.tf',
      code: `
data "aws_iam_policy" "basic" {
  name = "AWSLambdaBasicExecutionRole"
}
resource "aws_iam_role" "fn" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "basic" {
  role       = aws_iam_role.fn.name
  policy_arn = data.aws_iam_policy.basic.arn
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
}
`,
    },
    {
      name: 'Terraform: AWSLambdaBasicExecutionRole among the policy_arns of aws_iam_role_policy_attachments_exclusive',
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "fn" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachments_exclusive" "fn" {
  role_name   = aws_iam_role.fn.name
  policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
}
`,
    },
    {
      name: 'Terraform: a role policy naming the role by its literal name',
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "r" {
  name               = "my-fn-role"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "logs" {
  role   = "my-fn-role"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" }] })
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.r.arn
}
`,
    },
    {
      name: 'log writes on an ARN that may name the log group of the function, or on any group of a function with LoggingConfig',
      code: `
Resources:
  PrefixRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: [arn:aws:logs:*:*:log-group:/aws/lambda/*, !Sub 'arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/\${B}:*']
  InsightsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/CloudWatchLambdaInsightsExecutionRolePolicy]
  A:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt PrefixRole.Arn }
  B:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt PrefixRole.Arn }
  C:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt InsightsRole.Arn
      LoggingConfig: { LogGroup: /aws/lambda-insights }
`,
    },
    {
      name: 'Terraform: a policy document merged with a document not known statically may grant the log writes',
      filename: 'main.tf',
      code: `
variable "base_policy" { type = string }
variable "overrides" { type = list(string) }
data "aws_iam_policy_document" "from_base" {
  source_policy_documents = [var.base_policy]
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "overridden" {
  override_policy_documents = var.overrides
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogGroup"]
    resources = ["*"]
  }
}
resource "aws_iam_role" "r" {
  for_each           = toset(["from_base", "overridden"])
  name               = each.key
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "from_base" {
  role   = aws_iam_role.r["from_base"].id
  policy = data.aws_iam_policy_document.from_base.json
}
resource "aws_iam_role_policy" "overridden" {
  role   = aws_iam_role.r["overridden"].id
  policy = data.aws_iam_policy_document.overridden.json
}
resource "aws_lambda_function" "f" {
  for_each      = toset(["from_base", "overridden"])
  function_name = each.key
  role          = aws_iam_role.r[each.key].arn
}
`,
    },
    {
      name: "AWS managed policies beyond Lambda's that allow the log writes (AmazonECSTaskExecutionRolePolicy), or may under a condition (AWSMcpServiceActionsFullAccess: every action, through an MCP server only)",
      code: `
Resources:
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
  McpRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSMcpServiceActionsFullAccess
  Task:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt TaskRole.Arn
  Mcp:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt McpRole.Arn
`,
    },
  ],
  invalid: [
    {
      name: "an AWS managed policy that grants no log writes (AmazonSSMManagedInstanceCore, an EC2 instance's for Systems Manager)",
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 12,
          property: 'Role',
          message:
            'Function Fn runs as role Role, which grants no logs:CreateLogStream and no logs:PutLogEvents on its log group',
        },
      ],
    },
    {
      name: 'Terraform: the only policy is an AWS managed one a data source reads by name, which grants no log writes',
      filename: 'main.tf',
      code: `
data "aws_iam_policy" "read" {
  name = "ReadOnlyAccess"
}
resource "aws_iam_role" "fn" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "read" {
  role       = aws_iam_role.fn.name
  policy_arn = data.aws_iam_policy.read.arn
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.fn',
          line: 14,
          property: 'Role',
          message:
            'runs as role aws_iam_role.fn, which grants no logs:CreateLogStream and no logs:PutLogEvents',
        },
      ],
    },
    {
      name: 'Terraform: a policy document merged with documents known statically, whose override replaces the log writes',
      filename: 'main.tf',
      code: `
data "aws_iam_policy_document" "logs" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "create_group_only" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogGroup"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "fn" {
  source_policy_documents   = [data.aws_iam_policy_document.logs.json]
  override_policy_documents = [data.aws_iam_policy_document.create_group_only.json]
}
resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy" "fn" {
  role   = aws_iam_role.fn.id
  policy = data.aws_iam_policy_document.fn.json
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.fn',
          line: 30,
          property: 'Role',
          message: 'grants no logs:CreateLogStream and no logs:PutLogEvents',
        },
      ],
    },
    {
      name: 'Terraform: policy attachments naming roles by their literal names (in another case too) attach to those roles alone',
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "a" {
  name               = "fn-role-a"
  assume_role_policy = "{}"
}
resource "aws_iam_role" "b" {
  name               = "fn-role-b"
  assume_role_policy = "{}"
}
resource "aws_iam_policy" "logs" {
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "*" }] })
}
resource "aws_iam_policy_attachment" "logs" {
  name       = "logs"
  roles      = ["FN-ROLE-B"]
  policy_arn = aws_iam_policy.logs.arn
}
resource "aws_iam_role_policy_attachment" "basic" {
  role       = "fn-role-a"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = aws_iam_role.a.arn
}
resource "aws_lambda_function" "g" {
  function_name = "g"
  role          = aws_iam_role.b.arn
}
resource "aws_iam_role" "c" {
  name               = "fn-role-c"
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "h" {
  function_name = "h"
  role          = aws_iam_role.c.arn
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.h',
          line: 36,
          property: 'Role',
          message: 'grants no logs:CreateLogStream',
        },
      ],
    },
    {
      name: 'a policy naming another role by its literal name',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: my-fn-role
      AssumeRolePolicyDocument: {}
  Logs:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: logs
      Roles: [other-role]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: '*' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 19,
          property: 'Role',
          message: 'runs as role Role, which grants no logs:CreateLogStream',
        },
      ],
    },
    {
      name: 'a policy naming a role by a parameter cannot name a role whose name the deployment generates',
      code: `
Parameters:
  ExistingRoleName: { Type: String }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Logs:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: logs
      Roles: [!Ref ExistingRoleName]
      PolicyDocument:
        Statement:
          - { Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: '*' }
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 20,
          property: 'Role',
          message: 'runs as role Role, which grants no logs:CreateLogStream',
        },
      ],
    },
    {
      name: "log writes only on another log group: CloudWatchLambdaInsightsExecutionRolePolicy's (the extension's), or one written",
      code: `
Resources:
  InsightsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/CloudWatchLambdaInsightsExecutionRolePolicy]
  EcsLogsRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [logs:CreateLogStream, logs:PutLogEvents]
                Resource: !Sub 'arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/ecs/app:*'
  A:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt InsightsRole.Arn }
  B:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt EcsLogsRole.Arn }
`,
      findings: [
        {
          resourceId: 'A',
          line: 21,
          property: 'Role',
          message:
            'grants no logs:CreateLogStream and no logs:PutLogEvents on its log group',
        },
        {
          resourceId: 'B',
          line: 24,
          property: 'Role',
          message:
            'grants no logs:CreateLogStream and no logs:PutLogEvents on its log group',
        },
      ],
    },
    {
      name: 'AWSLambda_FullAccess manages Lambda and reads logs, but grants no log writes',
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSLambda_FullAccess]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 11,
          property: 'Role',
          message: 'grants no logs:CreateLogStream and no logs:PutLogEvents',
        },
      ],
    },
    {
      name: 'role with no log permissions, and one with only CreateLogStream',
      code: `
Resources:
  EmptyRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  HalfRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Statement:
              - { Effect: Allow, Action: [logs:CreateLogGroup, logs:CreateLogStream], Resource: '*' }
  A:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt EmptyRole.Arn
  B:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt HalfRole.Arn
`,
      findings: [
        {
          resourceId: 'A',
          line: 19,
          property: 'Role',
          message: 'grants no logs:CreateLogStream and no logs:PutLogEvents',
        },
        {
          resourceId: 'B',
          line: 23,
          property: 'Role',
          message: 'grants no logs:PutLogEvents on its log group,',
        },
      ],
    },
    {
      name: 'SAM function with an explicit role that cannot write logs',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess]
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
`,
      findings: [{ resourceId: 'Fn', line: 14, property: 'Role' }],
    },
    {
      name: 'JSON',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Role": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {} } },
    "Fn": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": ["Role", "Arn"] } } }
  }
}
`,
      findings: [{ resourceId: 'Fn', line: 5, property: 'Role' }],
    },
  ],
});

it('Pulumi: AWSLambdaBasicExecutionRole among the policyArns of iam.RolePolicyAttachmentsExclusive', () => {
  const program = `import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('fn', { assumeRolePolicy: '{}' });
new aws.iam.RolePolicyAttachmentsExclusive('fn', { roleName: role.name, policyArns: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole] });
new aws.lambda.Function('f', { role: role.arn, runtime: 'nodejs20.x', handler: 'index.handler' });
`;
  expect(scanPulumiProgram(program, ['IAM-007'])).toEqual([]);
});

it('Pulumi: a role named by a literal in an attachment is the role of that name (ignoring case); one given no name may be it (auto-naming adds a suffix to its logical name)', () => {
  const program = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const logged = new aws.iam.Role('logged', { name: 'Orders-Handler', assumeRolePolicy: trust });
const silent = new aws.iam.Role('silent', { name: 'reports-handler', assumeRolePolicy: trust });
const unnamed = new aws.iam.Role('unnamed', { assumeRolePolicy: trust });
new aws.iam.RolePolicyAttachment('logs', { role: 'orders-handler', policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
const code = new pulumi.asset.AssetArchive({});
new aws.lambda.Function('orders', { role: logged.arn, runtime: 'nodejs20.x', handler: 'index.handler', code });
new aws.lambda.Function('reports', { role: silent.arn, runtime: 'nodejs20.x', handler: 'index.handler', code });
new aws.lambda.Function('other', { role: unnamed.arn, runtime: 'nodejs20.x', handler: 'index.handler', code });
`;
  expect(
    scanPulumiProgram(program, ['IAM-007']).map(
      f => `${f.resourceId} ${f.line}`,
    ),
  ).toEqual(['reports 10']);
});
