import { scanFiles, selectRules } from '../../engine/scan';
import rule from './IAM-001';
import { testRule } from '../../testing/ruleTester';
import { scanPulumiProgram } from '../../testing/programScans';

testRule(rule, {
  valid: [
    {
      name: 'Terraform: copies of a function, each with its copy of a role, or as many as a variable says',
      filename: 'main.tf',
      code: `
variable "names" {
  type = list(string)
}
resource "aws_iam_role" "each" {
  count              = 2
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "per_index" {
  count = 2
  role  = aws_iam_role.each[count.index].arn
}
resource "aws_iam_role" "own" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "per_name" {
  for_each = toset(var.names)
  role     = aws_iam_role.own.arn
}
resource "aws_iam_role" "single" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "once" {
  count = 1
  role  = aws_iam_role.single.arn
}
resource "aws_lambda_function" "never" {
  for_each = {}
  role     = aws_iam_role.single.arn
}
`,
    },
    {
      name: 'each function has its own role',
      code: `
Resources:
  RoleA:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  RoleB:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt RoleA.Arn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt RoleB.Arn
`,
    },
    {
      name: 'SAM functions with implicit roles',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  FnA:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler }
  FnB:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler }
`,
    },
    {
      name: 'roles outside the stack given by one import, by two parameters without default, or by imports of a name built from a parameter, prove nothing',
      code: `
Parameters:
  RoleArn:
    Type: String
  OtherRoleArn:
    Type: String
  Env:
    Type: String
Resources:
  FnF:
    Type: AWS::Lambda::Function
    Properties:
      Role: !ImportValue { 'Fn::Sub': '\${Env}-role-arn' }
  FnG:
    Type: AWS::Lambda::Function
    Properties:
      Role: !ImportValue { 'Fn::Sub': '\${Env}-role-arn' }
  FnC:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
  FnD:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref OtherRoleArn
  FnE:
    Type: AWS::Lambda::Function
    Properties:
      Role: !ImportValue shared-role-arn
`,
    },
    {
      name: "a role ARN written with a literal account may be another account's role of the same name",
      code: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub 'arn:aws:iam::123456789012:role/\${Role}'
`,
    },
    {
      name: 'shared role chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  Shared: !Equals [!Ref Env, prod]
Resources:
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  OwnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt SharedRole.Arn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !If [Shared, !GetAtt SharedRole.Arn, !GetAtt OwnRole.Arn]
`,
    },
    {
      name: 'functions under conditions that never hold together (one the negation of the other, or two values of one parameter)',
      code: `
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  IsStaging: !Equals [staging, !Ref Env]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  ProdFn:
    Type: AWS::Lambda::Function
    Condition: IsProd
    Properties:
      Role: !GetAtt Role.Arn
  DevFn:
    Type: AWS::Lambda::Function
    Condition: IsDev
    Properties:
      Role: !GetAtt Role.Arn
  OtherRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  StagingFn:
    Type: AWS::Serverless::Function
    Condition: IsStaging
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt OtherRole.Arn
  LiveFn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: !GetAtt OtherRole.Arn
`,
    },
  ],
  invalid: [
    {
      name: 'a role outside the stack named after the stack (${AWS::StackName}, the same for all its functions) is one role',
      code: `
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub arn:aws:iam::\${AWS::AccountId}:role/\${AWS::StackName}-lambda
  Payments:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub arn:aws:iam::\${AWS::AccountId}:role/\${AWS::StackName}-lambda
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 6,
          property: 'Role',
          message:
            'Function Orders shares its execution role arn:aws:iam::<AWS::AccountId>:role/<AWS::StackName>-lambda with Payments',
        },
        {
          resourceId: 'Payments',
          line: 10,
          property: 'Role',
          message: 'with Orders,',
        },
      ],
    },
    {
      name: 'a role outside the stack that functions name by the same ARN (written out, or built from the account id) is one role',
      code: `
Transform: AWS::Serverless-2016-10-31
Parameters:
  WorkerRoleArn:
    Type: String
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/shared-lambda
  Payments:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      Role: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/shared-lambda
  Audit:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/audit
  Archive:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/audit
  Reports:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/reports
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref WorkerRoleArn
  Poller:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref WorkerRoleArn
`,
      findings: [
        {
          resourceId: 'Orders',
          line: 12,
          property: 'Role',
          message:
            'Function Orders shares its execution role arn:<AWS::Partition>:iam::<AWS::AccountId>:role/shared-lambda with Payments',
        },
        {
          resourceId: 'Payments',
          line: 18,
          property: 'Role',
          message: 'with Orders,',
        },
        {
          resourceId: 'Audit',
          line: 22,
          property: 'Role',
          message:
            'Function Audit shares its execution role arn:aws:iam::123456789012:role/audit with Archive',
        },
        {
          resourceId: 'Archive',
          line: 26,
          property: 'Role',
          message: 'with Audit,',
        },
        // Which role the parameter names is not known; that both have it is.
        {
          resourceId: 'Worker',
          line: 34,
          property: 'Role',
          message:
            'Function Worker shares its execution role (the one parameter WorkerRoleArn names) with Poller',
        },
        {
          resourceId: 'Poller',
          line: 38,
          property: 'Role',
          message: 'with Worker,',
        },
      ],
    },
    {
      name: 'a role outside the stack named by the same input (read whole, through !Sub, or building its ARN), or by its ARN in another partition spelling',
      code: `
Parameters:
  RoleArn:
    Type: String
  RoleName:
    Type: String
Resources:
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub '\${RoleArn}'
  FnC:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/\${RoleName}'
  FnD:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub 'arn:aws:iam::\${AWS::AccountId}:role/\${RoleName}'
`,
      findings: [
        { resourceId: 'FnA', line: 11, property: 'Role', message: 'with FnB,' },
        { resourceId: 'FnB', line: 15, property: 'Role', message: 'with FnA,' },
        {
          resourceId: 'FnC',
          line: 19,
          property: 'Role',
          message:
            'Function FnC shares its execution role arn:<AWS::Partition>:iam::<AWS::AccountId>:role/<parameter RoleName> with FnD',
        },
        { resourceId: 'FnD', line: 23, property: 'Role', message: 'with FnC,' },
      ],
    },
    {
      name: 'one parameter with a default names one role whatever is deployed; two with the same default, only by default',
      code: `
Parameters:
  RoleArn:
    Type: String
    Default: arn:aws:iam::123456789012:role/worker
  OtherRoleArn:
    Type: String
    Default: arn:aws:iam::123456789012:role/audit
  AuditRoleArn:
    Type: String
    Default: arn:aws:iam::123456789012:role/audit
Resources:
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
  FnC:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref OtherRoleArn
  FnD:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref AuditRoleArn
`,
      findings: [
        {
          resourceId: 'FnA',
          line: 16,
          property: 'Role',
          message: 'arn:aws:iam::123456789012:role/worker with FnB',
        },
        { resourceId: 'FnB', line: 20, property: 'Role', message: 'with FnA' },
        {
          resourceId: 'FnC',
          line: 24,
          property: 'Role',
          confidence: 'partial',
          message: 'with FnD',
        },
        {
          resourceId: 'FnD',
          line: 28,
          property: 'Role',
          confidence: 'partial',
          message: 'with FnC',
        },
      ],
    },
    {
      name: 'an item of a list parameter names one role wherever it is read, with a default or without; two items, only by default',
      code: `
Parameters:
  RoleArns:
    Type: CommaDelimitedList
  WorkerRoleArns:
    Type: List<String>
    Default: arn:aws:iam::123456789012:role/worker
  AuditRoleArns:
    Type: CommaDelimitedList
    Default: 'arn:aws:iam::123456789012:role/audit, arn:aws:iam::123456789012:role/audit'
Resources:
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [0, !Ref RoleArns]
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [0, !Ref RoleArns]
  FnC:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [1, !Ref RoleArns]
  FnD:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [0, !Ref WorkerRoleArns]
  FnE:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [0, !Ref WorkerRoleArns]
  FnF:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [0, !Ref AuditRoleArns]
  FnG:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [1, !Ref AuditRoleArns]
`,
      findings: [
        {
          resourceId: 'FnA',
          line: 15,
          property: 'Role',
          message:
            'Function FnA shares its execution role (the one parameter RoleArns[0] names) with FnB,',
        },
        { resourceId: 'FnB', line: 19, property: 'Role', message: 'with FnA,' },
        {
          resourceId: 'FnD',
          line: 27,
          property: 'Role',
          message: 'arn:aws:iam::123456789012:role/worker with FnE,',
        },
        { resourceId: 'FnE', line: 31, property: 'Role', message: 'with FnD,' },
        {
          resourceId: 'FnF',
          line: 35,
          property: 'Role',
          confidence: 'partial',
          message: 'arn:aws:iam::123456789012:role/audit with FnG,',
        },
        {
          resourceId: 'FnG',
          line: 39,
          property: 'Role',
          confidence: 'partial',
          message: 'with FnF,',
        },
      ],
    },
    {
      name: "an item past the end of a list parameter's default is still the one item a deployment gives",
      code: `
Parameters:
  RoleArns:
    Type: CommaDelimitedList
    Default: arn:aws:iam::123456789012:role/only
Resources:
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [1, !Ref RoleArns]
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [1, !Ref RoleArns]
`,
      findings: [
        {
          resourceId: 'FnA',
          line: 10,
          property: 'Role',
          message:
            'Function FnA shares its execution role (the one parameter RoleArns[1] names) with FnB,',
        },
        { resourceId: 'FnB', line: 14, property: 'Role', message: 'with FnA,' },
      ],
    },
    {
      name: 'a role another function has from a default: the function that names it is partial too',
      code: `
Parameters:
  RoleArn:
    Type: String
    Default: arn:aws:iam::123456789012:role/shared
  RoleArns:
    Type: CommaDelimitedList
    Default: arn:aws:iam::123456789012:role/listed
Resources:
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Ref RoleArn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/shared
  FnC:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Select [0, !Ref RoleArns]
  FnD:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/listed
`,
      findings: [
        // Deployed with another RoleArn, FnB shares its role with no function.
        {
          resourceId: 'FnA',
          line: 13,
          property: 'Role',
          confidence: 'partial',
          message: 'with FnB,',
        },
        {
          resourceId: 'FnB',
          line: 17,
          property: 'Role',
          confidence: 'partial',
          message: 'with FnA,',
        },
        {
          resourceId: 'FnC',
          line: 21,
          property: 'Role',
          confidence: 'partial',
          message: 'with FnD,',
        },
        {
          resourceId: 'FnD',
          line: 25,
          property: 'Role',
          confidence: 'partial',
          message: 'with FnC,',
        },
      ],
    },
    {
      name: 'Terraform: functions given their role by one root variable',
      filename: 'main.tf',
      code: `
variable "role_arn" {
  type = string
}
variable "other_role_arn" {
  type = string
}
resource "aws_lambda_function" "a" {
  role = var.role_arn
}
resource "aws_lambda_function" "b" {
  role = var.role_arn
}
resource "aws_lambda_function" "c" {
  role = var.other_role_arn
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.a',
          line: 9,
          property: 'Role',
          message:
            'Function aws_lambda_function.a shares its execution role (the one variable role_arn names) with aws_lambda_function.b',
        },
        {
          resourceId: 'aws_lambda_function.b',
          line: 12,
          property: 'Role',
          message: 'with aws_lambda_function.a',
        },
      ],
    },
    {
      name: 'Terraform: elements of one root variable not known are as many values (var.role_arns["a"], var.roles.b)',
      filename: 'main.tf',
      code: `
variable "role_arns" {
  type = map(string)
}
variable "roles" {
  type = object({ a = string, b = string })
}
resource "aws_lambda_function" "a" {
  role = var.role_arns["a"]
}
resource "aws_lambda_function" "b" {
  role = var.role_arns["b"]
}
resource "aws_lambda_function" "c" {
  role = var.roles.a
}
resource "aws_lambda_function" "d" {
  role = var.roles.b
}
`,
      findings: [],
    },
    {
      name: 'functions under conditions that read a parameter inside a longer !Sub text, whose values are not tried',
      code: `
Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  WithA: !Equals [!Sub '\${Env}-a', prod-a]
  WithB: !Equals [!Sub '\${Env}-b', prod-b]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  FnA:
    Type: AWS::Lambda::Function
    Condition: WithA
    Properties:
      Role: !GetAtt Role.Arn
  FnB:
    Type: AWS::Lambda::Function
    Condition: WithB
    Properties:
      Role: !GetAtt Role.Arn
`,
      findings: [
        {
          resourceId: 'FnA',
          line: 16,
          property: 'Role',
          confidence: 'partial',
        },
        {
          resourceId: 'FnB',
          line: 21,
          property: 'Role',
          confidence: 'partial',
        },
      ],
    },
    {
      name: 'functions under conditions on two parameters (one read through !Sub), which may both hold',
      code: `
Parameters:
  Env:
    Type: String
    AllowedValues: [prod, dev]
  Tier:
    Type: String
    Default: basic
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsPremium: !And [!Equals [!Sub '\${Tier}', premium], !Not [!Equals [!Ref Env, dev]]]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  ProdFn:
    Type: AWS::Lambda::Function
    Condition: IsProd
    Properties:
      Role: !GetAtt Role.Arn
  PremiumFn:
    Type: AWS::Lambda::Function
    Condition: IsPremium
    Properties:
      Role: !GetAtt Role.Arn
`,
      findings: [
        // Tier's default leaves PremiumFn out: with another Tier (read through !Sub), both are deployed.
        {
          resourceId: 'ProdFn',
          line: 21,
          property: 'Role',
          confidence: 'partial',
          message: 'shares its execution role Role with PremiumFn',
        },
        {
          resourceId: 'PremiumFn',
          line: 26,
          property: 'Role',
          confidence: 'partial',
          message: 'shares its execution role Role with ProdFn',
        },
      ],
    },
    {
      name: 'Terraform: copies of one function (for_each, count) share its role',
      filename: 'main.tf',
      code: `
resource "aws_iam_role" "shared" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "per_tenant" {
  for_each = toset(["a", "b", "c", "a"])
  role     = aws_iam_role.shared.arn
}
resource "aws_iam_role" "pair" {
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "twice" {
  count = 2
  role  = aws_iam_role.pair.arn
}
resource "aws_lambda_function" "other" {
  role = aws_iam_role.pair.arn
}
resource "aws_iam_role" "toggled" {
  count              = 1
  assume_role_policy = "{}"
}
resource "aws_lambda_function" "first" {
  role = aws_iam_role.toggled[0].arn
}
resource "aws_lambda_function" "second" {
  role = aws_iam_role.toggled[0].arn
}
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.per_tenant',
          line: 7,
          property: 'Role',
          message: 'with its other 2 copies (count or for_each), so',
        },
        {
          resourceId: 'aws_lambda_function.twice',
          line: 14,
          property: 'Role',
          message:
            'with its other 1 copy (count or for_each), aws_lambda_function.other, so',
        },
        {
          resourceId: 'aws_lambda_function.other',
          line: 17,
          property: 'Role',
          message: 'with aws_lambda_function.twice, so',
        },
        {
          resourceId: 'aws_lambda_function.first',
          line: 24,
          property: 'Role',
          message: 'with aws_lambda_function.second, so',
        },
        {
          resourceId: 'aws_lambda_function.second',
          line: 27,
          property: 'Role',
          message: 'with aws_lambda_function.first, so',
        },
      ],
    },
    {
      name: 'the role written as !Sub of its ARN, or as an ARN built from its name, is the same role',
      code: `
Resources:
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt SharedRole.Arn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub '\${SharedRole.Arn}'
  FnC:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/\${SharedRole}'
`,
      findings: [
        {
          resourceId: 'FnA',
          line: 10,
          property: 'Role',
          message: 'with FnB, FnC',
        },
        {
          resourceId: 'FnB',
          line: 14,
          property: 'Role',
          message: 'with FnA, FnC',
        },
        {
          resourceId: 'FnC',
          line: 18,
          property: 'Role',
          message: 'with FnA, FnB',
        },
      ],
    },
    {
      name: 'a role outside the stack imported by one export name written out, read whole or building its ARN, is one role',
      code: `
Resources:
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !ImportValue platform-lambda-role-arn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !ImportValue platform-lambda-role-arn
  FnC:
    Type: AWS::Lambda::Function
    Properties:
      Role: !ImportValue other-role-arn
  FnD:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub ['arn:aws:iam::\${AWS::AccountId}:role/\${Name}', { Name: !ImportValue platform-lambda-role-name }]
  FnE:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub ['arn:aws:iam::\${AWS::AccountId}:role/\${Name}', { Name: !ImportValue platform-lambda-role-name }]
`,
      findings: [
        {
          resourceId: 'FnA',
          line: 6,
          property: 'Role',
          message:
            'Function FnA shares its execution role (the one import platform-lambda-role-arn names) with FnB,',
        },
        { resourceId: 'FnB', line: 10, property: 'Role', message: 'with FnA,' },
        {
          resourceId: 'FnD',
          line: 18,
          property: 'Role',
          message:
            'Function FnD shares its execution role arn:aws:iam::<AWS::AccountId>:role/<import platform-lambda-role-name> with FnE,',
        },
        { resourceId: 'FnE', line: 22, property: 'Role', message: 'with FnD,' },
      ],
    },
    {
      name: 'Terraform: one aws_iam_role data source read by two functions, or two naming one role with the default provider, is one role; so are the instances of a count that name it, not those of names of their own count.index',
      filename: 'main.tf',
      code: `
variable "role_name" {
  type = string
}
data "aws_iam_role" "platform" { name = "platform-lambda" }
data "aws_iam_role" "again" { name = "platform-lambda" }
data "aws_iam_role" "chosen" { name = var.role_name }
data "aws_iam_role" "elsewhere" {
  provider = aws.other
  name     = "platform-lambda"
}
data "aws_iam_role" "each" {
  count = 2
  name  = "platform-lambda"
}
resource "aws_lambda_function" "a" { role = data.aws_iam_role.platform.arn }
resource "aws_lambda_function" "b" { role = data.aws_iam_role.again.arn }
resource "aws_lambda_function" "c" { role = data.aws_iam_role.chosen.arn }
resource "aws_lambda_function" "d" { role = data.aws_iam_role.chosen.arn }
resource "aws_lambda_function" "e" { role = data.aws_iam_role.elsewhere.arn }
data "aws_iam_role" "own" {
  count = 2
  name  = "fn-\${count.index}"
}
resource "aws_lambda_function" "f" { role = data.aws_iam_role.each[0].arn }
resource "aws_lambda_function" "g" { role = data.aws_iam_role.each[1].arn }
resource "aws_lambda_function" "h" { role = data.aws_iam_role.own[0].arn }
resource "aws_lambda_function" "i" { role = data.aws_iam_role.own[1].arn }
`,
      findings: [
        {
          resourceId: 'aws_lambda_function.a',
          line: 16,
          property: 'Role',
          message:
            'Function aws_lambda_function.a shares its execution role (ARN of the IAM role named platform-lambda) with aws_lambda_function.b,',
        },
        {
          resourceId: 'aws_lambda_function.b',
          line: 17,
          property: 'Role',
          message: 'with aws_lambda_function.a,',
        },
        {
          resourceId: 'aws_lambda_function.c',
          line: 18,
          property: 'Role',
          message:
            'Function aws_lambda_function.c shares its execution role (data.aws_iam_role.chosen.arn) with aws_lambda_function.d,',
        },
        {
          resourceId: 'aws_lambda_function.d',
          line: 19,
          property: 'Role',
          message: 'with aws_lambda_function.c,',
        },
        {
          resourceId: 'aws_lambda_function.f',
          line: 25,
          property: 'Role',
          message:
            'with aws_lambda_function.a, aws_lambda_function.b, aws_lambda_function.g,',
        },
        {
          resourceId: 'aws_lambda_function.g',
          line: 26,
          property: 'Role',
          message:
            'with aws_lambda_function.a, aws_lambda_function.b, aws_lambda_function.f,',
        },
      ],
    },
    {
      name: 'two functions share one role (seed 000)',
      code: `
Resources:
  LambdaExecutionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  DataProcessor:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Role: !GetAtt LambdaExecutionRole.Arn
  ResponseHandler:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt LambdaExecutionRole.Arn
`,
      findings: [
        {
          resourceId: 'DataProcessor',
          line: 11,
          property: 'Role',
          message: 'with ResponseHandler',
        },
        {
          resourceId: 'ResponseHandler',
          line: 15,
          property: 'Role',
          message: 'with DataProcessor',
        },
      ],
    },
    {
      name: 'SAM functions with one explicit role; a third with its own implicit role passes',
      code: `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.13
Resources:
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  First:
    Type: AWS::Serverless::Function
    Properties:
      Handler: first.handler
      Role: !GetAtt SharedRole.Arn
  Second:
    Type: AWS::Serverless::Function
    Properties:
      Handler: second.handler
      Role: !GetAtt SharedRole.Arn
  Third:
    Type: AWS::Serverless::Function
    Properties:
      Handler: third.handler
`,
      findings: [
        {
          resourceId: 'First',
          line: 15,
          property: 'Role',
          message: 'shares its execution role SharedRole with Second',
        },
        {
          resourceId: 'Second',
          line: 20,
          property: 'Role',
          message: 'with First',
        },
      ],
    },
    {
      name: 'three functions share a role in JSON; the message names the others',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Role": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {} } },
    "A": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": ["Role", "Arn"] } } },
    "B": { "Type": "AWS::Lambda::Function", "Properties": { "Role": { "Fn::GetAtt": ["Role", "Arn"] } } },
    "C": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Role": { "Fn::GetAtt": ["Role", "Arn"] }
      }
    }
  }
}
`,
      findings: [
        { resourceId: 'A', line: 5, property: 'Role', message: 'with B, C' },
        { resourceId: 'B', line: 6, property: 'Role', message: 'with A, C' },
        { resourceId: 'C', line: 10, property: 'Role', message: 'with A, B' },
      ],
    },
    {
      name: 'shared role chosen by a condition known from a parameter default',
      code: `
Parameters:
  Env:
    Type: String
    Default: prod
Conditions:
  Shared: !Equals [!Ref Env, prod]
Resources:
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  OwnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  FnA:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt SharedRole.Arn
  FnB:
    Type: AWS::Lambda::Function
    Properties:
      Role: !If [Shared, !GetAtt SharedRole.Arn, !GetAtt OwnRole.Arn]
`,
      findings: [
        {
          resourceId: 'FnA',
          line: 20,
          confidence: 'partial',
          property: 'Role',
        },
        {
          resourceId: 'FnB',
          line: 24,
          confidence: 'partial',
          property: 'Role',
        },
      ],
    },
  ],
});

describe('IAM-001 on Pulumi role lookups', () => {
  it('takes functions whose role is looked up by one name written out (getRoleOutput, getRole) as sharing it; another name, or another provider, as another role', () => {
    const program = `import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
const platform = aws.iam.getRoleOutput({ name: 'platform-lambda' });
const again = aws.iam.getRole({ name: 'platform-lambda' });
const other = aws.iam.getRoleOutput({ name: 'other' });
const elsewhere = aws.iam.getRoleOutput({ name: 'platform-lambda' }, { provider: new aws.Provider('west', { region: 'us-west-2' }) });
const fn = (name: string, role: pulumi.Input<string>) =>
  new aws.lambda.Function(name, { runtime: 'nodejs22.x', handler: 'index.handler', code: new pulumi.asset.FileArchive('./app'), role });
fn('orders', platform.arn);
fn('payments', again.then(role => role.arn));
fn('audit', other.arn);
fn('billing', elsewhere.arn);
`;
    const findings = scanPulumiProgram(program, ['IAM-001']);
    expect(findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'orders',
        expect.stringContaining(
          'Function orders shares its execution role (ARN of the IAM role named platform-lambda) with payments,',
        ),
      ],
      [
        'payments',
        expect.stringContaining(
          'Function payments shares its execution role (ARN of the IAM role named platform-lambda) with orders,',
        ),
      ],
    ]);
  });
});

describe('IAM-001 on Pulumi config', () => {
  const fn = (name: string, role: string) =>
    `new aws.lambda.Function('${name}', { runtime: 'nodejs22.x', handler: 'index.handler', code: new pulumi.asset.FileArchive('./app'), role: ${role} });\n`;

  it('takes functions whose role is one config key, with its namespace, as sharing it; other namespaces and members of an object in config as other roles', () => {
    const program = `import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
const config = new pulumi.Config();
const other = new pulumi.Config('other');
const roles = config.requireObject<Record<string, string>>('roles');
${fn('orders', "config.require('roleArn')")}${fn(
      'payments',
      "new pulumi.Config().require('roleArn')",
    )}${fn('audit', "other.require('roleArn')")}${fn(
      'billing',
      'roles.billing',
    )}${fn('refunds', 'roles.refunds')}`;
    const findings = scanPulumiProgram(program, ['IAM-001']);
    expect(findings.map(f => [f.resourceId, f.line, f.message])).toEqual([
      [
        'orders',
        6,
        expect.stringContaining(
          'Function orders shares its execution role (the one config demo:roleArn names) with payments',
        ),
      ],
      [
        'payments',
        7,
        expect.stringContaining(
          'Function payments shares its execution role (the one config demo:roleArn names) with orders',
        ),
      ],
    ]);
  });

  it("takes a YAML program's functions reading one config key, with or without its namespace, as sharing it", () => {
    const program = `name: demo
runtime: yaml
resources:
  orders:
    type: aws:lambda:Function
    properties:
      runtime: nodejs22.x
      handler: index.handler
      role: \${roleArn}
  payments:
    type: aws:lambda:Function
    properties:
      runtime: nodejs22.x
      handler: index.handler
      role: \${demo:roleArn}
  audit:
    type: aws:lambda:Function
    properties:
      runtime: nodejs22.x
      handler: index.handler
      role: \${other:roleArn}
`;
    const findings = scanFiles(
      [{ path: 'app/Pulumi.yaml', text: program }],
      selectRules(['IAM-001']),
    ).findings;
    expect(findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'orders',
        expect.stringContaining(
          'Function orders shares its execution role (the one config demo:roleArn names) with payments',
        ),
      ],
      [
        'payments',
        expect.stringContaining(
          'Function payments shares its execution role (the one config demo:roleArn names) with orders',
        ),
      ],
    ]);
  });
});

describe('IAM-001 across Terraform modules', () => {
  it("reads the aws_iam_role data sources of two calls of a module that inherits the root's default provider, naming one role, as one role", () => {
    const service = `
variable "name" {}
data "aws_iam_role" "lambda" { name = "platform-lambda" }
data "aws_iam_role" "chosen" { name = var.name }
resource "aws_lambda_function" "fn" {
  function_name = var.name
  role          = data.aws_iam_role.lambda.arn
}
resource "aws_lambda_function" "own" {
  function_name = "\${var.name}-own"
  role          = data.aws_iam_role.chosen.arn
}
`;
    const root = `
provider "aws" {
  alias  = "other"
  region = "us-west-2"
}
module "orders" {
  source = "./service"
  name   = "orders"
}
module "payments" {
  source = "./service"
  name   = "payments"
}
module "audit" {
  source    = "./service"
  name      = "audit"
  providers = { aws = aws.other }
}
`;
    const findings = scanFiles(
      [
        { path: 'main.tf', text: root },
        { path: 'service/main.tf', text: service },
      ],
      selectRules(['IAM-001']),
    ).findings;
    expect(findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'module.orders.aws_lambda_function.fn',
        expect.stringContaining(
          'shares its execution role (ARN of the IAM role named platform-lambda) with module.payments.aws_lambda_function.fn',
        ),
      ],
      [
        'module.payments.aws_lambda_function.fn',
        expect.stringContaining('with module.orders.aws_lambda_function.fn'),
      ],
    ]);
  });

  it("reads the aws_iam_role data sources of two calls of a module passed one other provider, naming one role, as one role of that provider's account", () => {
    const service = `
variable "name" {}
data "aws_iam_role" "lambda" { name = "platform-lambda" }
resource "aws_lambda_function" "fn" {
  function_name = var.name
  role          = data.aws_iam_role.lambda.arn
}
`;
    // A module between that passes the configuration on passes the same one.
    const wrapper = `
variable "name" {}
module "service" {
  source = "../service"
  name   = var.name
}
`;
    const root = `
provider "aws" {
  alias  = "other"
  region = "us-west-2"
}
provider "aws" {
  alias  = "third"
  region = "eu-west-1"
}
module "orders" {
  source    = "./service"
  name      = "orders"
  providers = { aws = aws.other }
}
module "payments" {
  source    = "./wrapper"
  name      = "payments"
  providers = { aws = aws.other }
}
module "audit" {
  source = "./service"
  name   = "audit"
}
module "billing" {
  source    = "./service"
  name      = "billing"
  providers = { aws = aws.third }
}
`;
    const findings = scanFiles(
      [
        { path: 'main.tf', text: root },
        { path: 'service/main.tf', text: service },
        { path: 'wrapper/main.tf', text: wrapper },
      ],
      selectRules(['IAM-001']),
    ).findings;
    expect(findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'module.orders.aws_lambda_function.fn',
        expect.stringContaining(
          'shares its execution role (ARN of the IAM role named platform-lambda in the account of provider aws.other) with module.payments.module.service.aws_lambda_function.fn',
        ),
      ],
      [
        'module.payments.module.service.aws_lambda_function.fn',
        expect.stringContaining('with module.orders.aws_lambda_function.fn'),
      ],
    ]);
  });

  it("reads the aws_iam_role data sources of two calls of a module that configures its own provider as two roles: each may be another account's", () => {
    const service = `
variable "name" {}
provider "aws" {
  region = "us-west-2"
}
data "aws_iam_role" "lambda" { name = "platform-lambda" }
resource "aws_lambda_function" "fn" {
  function_name = var.name
  role          = data.aws_iam_role.lambda.arn
}
`;
    const root = `
module "orders" {
  source = "./service"
  name   = "orders"
}
module "payments" {
  source = "./service"
  name   = "payments"
}
`;
    expect(
      scanFiles(
        [
          { path: 'main.tf', text: root },
          { path: 'service/main.tf', text: service },
        ],
        selectRules(['IAM-001']),
      ).findings,
    ).toEqual([]);
  });

  it("reads the aws_iam_role data sources of a module's instances each passed its own instance of a provider (OpenTofu's provider for_each) as roles apart: each may be another account's", () => {
    const service = `
variable "name" {}
data "aws_iam_role" "lambda" { name = "platform-lambda" }
resource "aws_lambda_function" "fn" {
  function_name = var.name
  role          = data.aws_iam_role.lambda.arn
}
`;
    const accounts = { eu: '111111111111', us: '222222222222' };
    const root = (providers: string) => `
provider "aws" {
  alias    = "by_account"
  for_each = ${JSON.stringify(accounts).replace(/:/g, ' = ')}
  assume_role {
    role_arn = "arn:aws:iam::\${each.value}:role/deploy"
  }
}
provider "aws" {
  alias = "shared"
}
module "service" {
  source    = "./service"
  for_each  = toset(${JSON.stringify(Object.keys(accounts))})
  name      = each.key
  providers = ${providers}
}
`;
    const findings = (providers: string) =>
      scanFiles(
        [
          { path: 'main.tf', text: root(providers) },
          { path: 'service/main.tf', text: service },
        ],
        selectRules(['IAM-001']),
      ).findings.map(f => f.resourceId);
    expect(findings('{ aws = aws.by_account[each.key] }')).toEqual([]);
    // As the .tf.json form writes it.
    expect(findings('{ aws = "aws.by_account[each.key]" }')).toEqual([]);
    // One configuration passed to every instance: one role.
    expect(findings('{ aws = aws.shared }')).toEqual([
      'module.service.aws_lambda_function.fn',
    ]);
  });

  it('reads one aws_iam_role data source of another provider, read by two functions, as one role', () => {
    const findings = scanFiles(
      [
        {
          path: 'main.tf',
          text: `
provider "aws" {
  alias  = "audit"
  region = "us-west-2"
}
data "aws_iam_role" "audit" {
  provider = aws.audit
  name     = "audit-lambda"
}
resource "aws_lambda_function" "collect" {
  function_name = "collect"
  role          = data.aws_iam_role.audit.arn
}
resource "aws_lambda_function" "report" {
  function_name = "report"
  role          = data.aws_iam_role.audit.arn
}
`,
        },
      ],
      selectRules(['IAM-001']),
    ).findings;
    expect(findings.map(f => [f.resourceId, f.message])).toEqual([
      [
        'aws_lambda_function.collect',
        expect.stringContaining(
          'shares its execution role (ARN of the IAM role named audit-lambda in the account of provider aws.audit) with aws_lambda_function.report',
        ),
      ],
      [
        'aws_lambda_function.report',
        expect.stringContaining('with aws_lambda_function.collect'),
      ],
    ]);
  });
});
