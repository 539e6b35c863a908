import rule from './LOG-002';
import { runRule, testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'log group with a retention',
      code: `
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/orders
      RetentionInDays: 30
`,
    },
    {
      name: 'retention from a parameter without default, or an unknown condition',
      code: `
Parameters:
  Retention:
    Type: Number
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Retention
  OtherLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !If [IsProd, 365, !Ref AWS::NoValue]
`,
      options: { minRetentionDays: 30 },
    },
    {
      name: 'retention at least minRetentionDays',
      code: `
Parameters:
  Retention:
    Type: Number
    Default: 90
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 30
  OtherLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Retention
`,
      options: { minRetentionDays: 30 },
    },
    {
      name: 'a short retention passes when minRetentionDays is not set',
      code: `
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 1
`,
    },
    {
      name: 'Terraform: a DELIVERY log group ignores its retention (2 days): 0 or none is not kept forever, nor with a class not known',
      filename: 'main.tf',
      code: `
variable "class" {}
resource "aws_cloudwatch_log_group" "zero" {
  name              = "/orders/zero"
  log_group_class   = "DELIVERY"
  retention_in_days = 0
}
resource "aws_cloudwatch_log_group" "none" {
  name            = "/orders/none"
  log_group_class = "DELIVERY"
}
resource "aws_cloudwatch_log_group" "not_known" {
  name              = "/orders/not-known"
  log_group_class   = var.class
  retention_in_days = 0
}
`,
    },
    {
      name: 'a DELIVERY log group keeps its logs as AWS sets, whatever minRetentionDays asks (its retention is ignored), nor with a class not known',
      options: { minRetentionDays: 30 },
      code: `
Parameters:
  LogClass:
    Type: String
Resources:
  Delivery:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupClass: DELIVERY
      RetentionInDays: 1
  NotKnown:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupClass: !Ref LogClass
      RetentionInDays: 1
`,
    },
    {
      name: 'CloudFormation refuses a retention of 0 days: it is not read as never expire',
      code: `
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 0
`,
    },
  ],
  invalid: [
    {
      name: 'log group without RetentionInDays (seed 001 issue 3, seed 004)',
      code: `
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/orders
`,
      findings: [{ resourceId: 'FnLogs', line: 3, message: 'kept forever' }],
    },
    {
      name: 'retention removed by the default condition',
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
      RetentionInDays: !If [IsProd, 365, !Ref AWS::NoValue]
`,
      findings: [{ resourceId: 'FnLogs', line: 9, confidence: 'partial' }],
    },
    {
      name: 'retention shorter than minRetentionDays (also from a parameter default)',
      code: `
Parameters:
  Retention:
    Type: Number
    Default: 7
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 14
  OtherLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Retention
  NoRetention:
    Type: AWS::Logs::LogGroup
`,
      // Quoted digits read as their number.
      options: { minRetentionDays: '30' },
      findings: [
        {
          resourceId: 'FnLogs',
          line: 10,
          property: 'RetentionInDays',
          message: '14 days, less than the 30 days',
        },
        {
          resourceId: 'OtherLogs',
          line: 14,
          confidence: 'partial',
          property: 'RetentionInDays',
          message: '7 days',
        },
        { resourceId: 'NoRetention', line: 15, message: 'no RetentionInDays' },
      ],
    },
    {
      name: 'Terraform: a retention of 0 days never expires, also with minRetentionDays',
      filename: 'main.tf',
      code: `
variable "days" {
  default = 0
}
resource "aws_cloudwatch_log_group" "forever" {
  name              = "/orders/forever"
  retention_in_days = 0
}
resource "aws_cloudwatch_log_group" "by_default" {
  name              = "/orders/by-default"
  retention_in_days = var.days
}
resource "aws_cloudwatch_log_group" "kept" {
  name              = "/orders/kept"
  retention_in_days = 30
}
`,
      options: { minRetentionDays: 7 },
      findings: [
        {
          resourceId: 'aws_cloudwatch_log_group.forever',
          line: 7,
          property: 'RetentionInDays',
          message: 'sets retention_in_days to 0, which never expires its logs',
        },
        {
          resourceId: 'aws_cloudwatch_log_group.by_default',
          line: 11,
          property: 'RetentionInDays',
          confidence: 'partial',
          message: 'to 0',
        },
      ],
    },
    {
      name: 'Terraform: a log group of another class keeps logs forever with a retention of 0',
      filename: 'main.tf',
      code: `
resource "aws_cloudwatch_log_group" "standard" {
  name              = "/orders/standard"
  log_group_class   = "STANDARD"
  retention_in_days = 0
}
resource "aws_cloudwatch_log_group" "infrequent" {
  name            = "/orders/infrequent"
  log_group_class = "INFREQUENT_ACCESS"
}
`,
      findings: [
        {
          resourceId: 'aws_cloudwatch_log_group.standard',
          line: 5,
          property: 'RetentionInDays',
          message: 'to 0',
        },
        {
          resourceId: 'aws_cloudwatch_log_group.infrequent',
          line: 7,
          message: 'no retention_in_days',
        },
      ],
    },
    {
      name: 'JSON template',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "FnLogs": { "Type": "AWS::Logs::LogGroup", "Properties": { "LogGroupName": "/aws/lambda/orders" } },
    "Kept": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": 30 } }
  }
}
`,
      findings: [{ resourceId: 'FnLogs', line: 4 }],
    },
  ],
});

describe('LOG-002 options', () => {
  it.each([['30d'], ['30.5'], [' 30'], [1.5], [0], [3654], ['3654']])(
    'rejects a minRetentionDays of %p, which is no retention CloudWatch Logs takes',
    value => {
      expect(() =>
        runRule(rule, {
          name: 'bad option',
          code: `
Resources:
  FnLogs:
    Type: AWS::Logs::LogGroup
`,
          options: { minRetentionDays: value },
        }),
      ).toThrow(
        `minRetentionDays must be a whole number of days from 1 to 3653 (the retentions CloudWatch Logs takes), got ${
          typeof value === 'string' ? `the text "${value}"` : value
        }`,
      );
    },
  );
});
