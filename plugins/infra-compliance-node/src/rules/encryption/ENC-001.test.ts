import rule from './ENC-001';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'log group encrypted with a key of the stack',
      code: `
Resources:
  LogsKey:
    Type: AWS::KMS::Key
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30
      KmsKeyId: !GetAtt LogsKey.Arn
`,
    },
    {
      name: 'key from a parameter without default (not known statically)',
      code: `
Parameters:
  LogsKeyArn:
    Type: String
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !Ref LogsKeyArn
`,
    },
    {
      name: 'key imported from another stack',
      code: `
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !ImportValue shared-logs-key-arn
`,
    },
    {
      name: 'key chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !If [IsProd, arn:aws:kms:eu-west-1:123456789012:key/abc, !Ref AWS::NoValue]
`,
    },
  ],
  invalid: [
    {
      name: 'log group without KmsKeyId',
      code: `
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/orders
      RetentionInDays: 30
`,
      findings: [{ resourceId: 'FnLogs', line: 3, message: 'has no KmsKeyId' }],
    },
    {
      name: 'key removed by the default condition',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !If [IsProd, arn:aws:kms:eu-west-1:123456789012:key/abc, !Ref AWS::NoValue]
`,
      findings: [{ resourceId: 'FnLogs', line: 9, confidence: 'partial' }],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "FnLogs": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": { "RetentionInDays": 14 }
    },
    "OtherLogs": {
      "Type": "AWS::Logs::LogGroup",
      "Properties": { "KmsKeyId": "arn:aws:kms:eu-west-1:123456789012:key/abc" }
    }
  }
}
`,
      findings: [{ resourceId: 'FnLogs', line: 4 }],
    },
  ],
});
