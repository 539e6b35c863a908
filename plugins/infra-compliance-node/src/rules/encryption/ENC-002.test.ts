import rule from './ENC-002';
import { testRule } from '../../testing/ruleTester';

/** The account's admin statement; its list item sits under a `Statement:` indented 8 spaces. */
const ROOT_STATEMENT = `
          - Sid: AccountAdmin
            Effect: Allow
            Principal: { AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root' }
            Action: 'kms:*'
            Resource: '*'`;

testRule(rule, {
  valid: [
    {
      name: 'Terraform: the key policy is a separate aws_kms_key_policy that lets CloudWatch Logs use the key',
      filename: 'main.tf',
      code: `
resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}
resource "aws_kms_key_policy" "logs" {
  key_id = aws_kms_key.logs.id
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" },
      { Effect = "Allow", Principal = { Service = "logs.eu-west-1.amazonaws.com" }, Action = ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"], Resource = "*" },
    ]
  })
}
resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.logs.arn
}
`,
    },
    {
      name: "Terraform: an aws_kms_key_policy for a key not known statically may be any key's",
      filename: 'main.tf',
      code: `
variable "key_id" {}
resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}
resource "aws_kms_key_policy" "logs" {
  key_id = var.key_id
  policy = "{}"
}
resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.logs.arn
}
`,
    },
    {
      name: "key policy allows !Sub 'logs.${AWS::Region}.amazonaws.com'",
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: '2012-10-17'
        Statement:${ROOT_STATEMENT}
          - Effect: Allow
            Principal: { Service: !Sub 'logs.\${AWS::Region}.amazonaws.com' }
            Action: [kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*]
            Resource: '*'
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
    },
    {
      name: 'an Allow with NotPrincipal covers every principal but those it names: CloudWatch Logs may be among them',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/Intruder' }
            Action: kms:*
            Resource: '*'
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
    },
    {
      name: 'key policy lists logs.amazonaws.com among other services, with kms:*',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal:
              Service: [events.amazonaws.com, logs.amazonaws.com]
            Action: kms:*
            Resource: '*'
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
    },
    {
      name: 'regional literal principal and a single statement map',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          Effect: Allow
          Principal: { Service: logs.eu-west-1.amazonaws.com }
          Action: kms:GenerateDataKey*
          Resource: '*'
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
    },
    {
      name: 'principal built with AWS::URLSuffix',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { Service: !Sub 'logs.\${AWS::Region}.\${AWS::URLSuffix}' }
            Action: [kms:Encrypt, kms:Decrypt]
            Resource: '*'
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
    },
    {
      name: 'principal * allows every service',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: kms:*
            Resource: '*'
            Condition:
              StringEquals: { 'kms:CallerAccount': !Ref AWS::AccountId }
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref LogsKey
`,
    },
    {
      name: 'key not used by any log group',
      code: `
Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:${ROOT_STATEMENT}
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Ref DataKey
`,
    },
    {
      name: 'log group using a key outside the stack',
      code: `
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'key policy chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: !If
        - IsProd
        - Statement:
            - Effect: Allow
              Principal: { Service: logs.amazonaws.com }
              Action: kms:*
              Resource: '*'
        - Statement: []
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
    },
    {
      name: 'service principal from a parameter without default',
      code: `
Parameters:
  LogsPrincipal:
    Type: String
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { Service: !Ref LogsPrincipal }
            Action: kms:*
            Resource: '*'
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
    },
    {
      name: 'JSON template with a key policy given as a JSON string and Fn::Sub principal',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "LogsKey": {
      "Type": "AWS::KMS::Key",
      "Properties": {
        "KeyPolicy": {
          "Statement": [
            { "Effect": "Allow", "Principal": { "Service": { "Fn::Sub": "logs.\${AWS::Region}.amazonaws.com" } },
              "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"], "Resource": "*" }
          ]
        }
      }
    },
    "OtherKey": {
      "Type": "AWS::KMS::Key",
      "Properties": {
        "KeyPolicy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"Service\\":\\"logs.amazonaws.com\\"},\\"Action\\":\\"kms:*\\",\\"Resource\\":\\"*\\"}]}"
      }
    },
    "FnLogs": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": { "KmsKeyId": { "Fn::GetAtt": ["LogsKey", "Arn"] } }
    },
    "OtherLogs": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": { "KmsKeyId": { "Fn::GetAtt": ["OtherKey", "Arn"] } }
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a separate aws_kms_key_policy that does not let CloudWatch Logs use the key',
      filename: 'main.tf',
      code: `
resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}
resource "aws_kms_key_policy" "logs" {
  key_id = aws_kms_key.logs.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" }]
  })
}
resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.logs.arn
}
`,
      findings: [
        {
          resourceId: 'aws_kms_key.logs',
          line: 7,
          property: 'KeyPolicy',
          message:
            'has a key policy with no statement allowing the CloudWatch Logs service principal',
        },
      ],
    },
    {
      name: "Terraform: an aws_kms_key_policy of a key made elsewhere (a literal id) leaves the policies of the stack's keys as they are",
      filename: 'main.tf',
      code: `
resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}
resource "aws_kms_key_policy" "shared" {
  key_id = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = "{}"
}
resource "aws_cloudwatch_log_group" "app" {
  name       = "/app"
  kms_key_id = aws_kms_key.logs.arn
}
`,
      findings: [
        {
          resourceId: 'aws_kms_key.logs',
          line: 2,
          property: 'KeyPolicy',
          message: 'has no policy',
        },
      ],
    },
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = true
}
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app"
  retention_in_days = 30
  kms_key_id        = aws_kms_key.logs.arn
}
`,
      findings: [
        {
          resourceId: 'aws_kms_key.logs',
          line: 2,
          property: 'KeyPolicy',
          message: 'has no policy (the default policy',
        },
      ],
    },
    {
      name: 'key policy allows only the account (seed 000: key for the log groups)',
      code: `
Resources:
  LogsKmsKey:
    Type: AWS::KMS::Key
    Properties:
      Description: KMS key for encrypting projectX CloudWatch Logs
      KeyPolicy:
        Version: '2012-10-17'
        Statement:${ROOT_STATEMENT}
  DataProcessorLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKmsKey.Arn
  ResponseHandlerLogGroup:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKmsKey.Arn
`,
      findings: [
        {
          resourceId: 'LogsKmsKey',
          line: 7,
          property: 'KeyPolicy',
          message:
            'encrypts log groups DataProcessorLogGroup, ResponseHandlerLogGroup',
        },
      ],
    },
    {
      name: 'key without KeyPolicy (default policy)',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
      findings: [
        {
          resourceId: 'LogsKey',
          line: 3,
          property: 'KeyPolicy',
          message: 'has no KeyPolicy',
        },
      ],
    },
    {
      name: 'key used through an alias of the stack (Ref and alias ARN)',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: { Service: !Sub 'lambda.\${AWS::Region}.amazonaws.com' }
            Action: kms:*
            Resource: '*'
  LogsKeyAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/app-logs
      TargetKeyId: !Ref LogsKey
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref LogsKeyAlias
  OtherLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Sub 'arn:aws:kms:\${AWS::Region}:\${AWS::AccountId}:alias/app-logs'
`,
      findings: [
        {
          resourceId: 'LogsKey',
          line: 6,
          property: 'KeyPolicy',
          message: 'FnLogs, OtherLogs',
        },
      ],
    },
    {
      name: 'logs principal only denied, or allowed only to describe the key',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - Effect: Deny
            Principal: { Service: logs.amazonaws.com }
            Action: kms:Decrypt
            Resource: '*'
          - Effect: Allow
            Principal: { Service: !Sub 'logs.\${AWS::Region}.amazonaws.com' }
            Action: kms:Describe*
            Resource: '*'
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !GetAtt LogsKey.Arn
`,
      findings: [{ resourceId: 'LogsKey', line: 6, property: 'KeyPolicy' }],
    },
    {
      name: 'JSON template: key policy for another service',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "LogsKey": {
      "Type": "AWS::KMS::Key",
      "Properties": {
        "KeyPolicy": {
          "Statement": [
            { "Effect": "Allow", "Principal": { "Service": "sns.amazonaws.com" }, "Action": "kms:*", "Resource": "*" }
          ]
        }
      }
    },
    "StringPolicyKey": {
      "Type": "AWS::KMS::Key",
      "Properties": {
        "KeyPolicy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::123456789012:root\\"},\\"Action\\":\\"kms:*\\",\\"Resource\\":\\"*\\"}]}"
      }
    },
    "FnLogs": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": { "KmsKeyId": { "Fn::GetAtt": ["LogsKey", "Arn"] } }
    },
    "OtherLogs": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": { "KmsKeyId": { "Fn::GetAtt": ["StringPolicyKey", "Arn"] } }
    }
  }
}
`,
      findings: [
        { resourceId: 'LogsKey', line: 7, property: 'KeyPolicy' },
        { resourceId: 'StringPolicyKey', line: 17, property: 'KeyPolicy' },
      ],
    },
  ],
});
