import rule from './ALM-003';
import { testRule } from '../../testing/ruleTester';

testRule(rule, {
  valid: [
    {
      name: 'alarm notifying a topic',
      code: `
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      AlarmActions: [!Ref Alerts]
`,
    },
    {
      name: 'SAM template: composite alarm with an action',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Combined:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: ALARM(a) OR ALARM(b)
      AlarmActions:
        - arn:aws:sns:eu-west-1:123456789012:alerts
`,
    },
    {
      name: 'actions from a parameter without default',
      code: `
Parameters:
  AlarmTopics:
    Type: CommaDelimitedList
Resources:
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      AlarmActions: !Ref AlarmTopics
`,
    },
    {
      name: 'actions chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      AlarmActions: !If [IsProd, [arn:aws:sns:eu-west-1:123456789012:alerts], !Ref AWS::NoValue]
`,
    },
    {
      name: 'imported topic',
      code: `
Resources:
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      AlarmActions:
        - !ImportValue alerts-topic-arn
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a composite alarm without alarm_actions',
      filename: 'main.tf',
      code: `
resource "aws_cloudwatch_composite_alarm" "service" {
  alarm_name = "orders-degraded"
  alarm_rule = "ALARM(orders-errors) OR ALARM(orders-throttles)"
}
`,
      findings: [
        {
          resourceId: 'aws_cloudwatch_composite_alarm.service',
          line: 2,
          message: 'has no alarm_actions:',
        },
      ],
    },
    {
      name: 'Terraform: the message names the arguments as Terraform writes them',
      filename: 'main.tf',
      code: `
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name  = "errors"
  namespace   = "AWS/Lambda"
  metric_name = "Errors"
}
`,
      findings: [
        {
          resourceId: 'aws_cloudwatch_metric_alarm.errors',
          line: 2,
          message: 'has no alarm_actions:',
        },
      ],
    },
    {
      name: 'Terraform: actions that are empty strings, written or a default',
      filename: 'main.tf',
      code: `
variable "alarm_topic_arn" {
  type    = string
  default = ""
}
resource "aws_cloudwatch_metric_alarm" "written" {
  alarm_actions = [""]
}
resource "aws_cloudwatch_metric_alarm" "from_default" {
  alarm_actions = [var.alarm_topic_arn]
}
`,
      findings: [
        {
          resourceId: 'aws_cloudwatch_metric_alarm.written',
          line: 7,
          property: 'AlarmActions',
          message: 'has only empty strings in its alarm_actions list:',
        },
        {
          resourceId: 'aws_cloudwatch_metric_alarm.from_default',
          line: 10,
          property: 'AlarmActions',
          message: 'has only empty strings in its alarm_actions list:',
          confidence: 'partial',
        },
      ],
    },
    {
      name: 'alarm without AlarmActions (OKActions alone tell nobody about the alarm)',
      code: `
Resources:
  Alerts:
    Type: AWS::SNS::Topic
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      OKActions: [!Ref Alerts]
`,
      findings: [
        {
          resourceId: 'Errors',
          line: 5,
          message: 'Alarm Errors has no AlarmActions',
        },
      ],
    },
    {
      name: 'alarm with an empty AlarmActions list',
      code: `
Resources:
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      AlarmActions: []
`,
      findings: [
        {
          resourceId: 'Errors',
          line: 8,
          property: 'AlarmActions',
          message: 'empty AlarmActions list',
        },
      ],
    },
    {
      name: 'SAM template: composite alarm without actions',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Combined:
    Type: AWS::CloudWatch::CompositeAlarm
    Properties:
      AlarmRule: ALARM(a) OR ALARM(b)
`,
      findings: [{ resourceId: 'Combined', line: 4 }],
    },
    {
      name: 'actions that the default condition removes',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      AlarmActions: !If [IsProd, [arn:aws:sns:eu-west-1:123456789012:alerts], !Ref AWS::NoValue]
`,
      findings: [{ resourceId: 'Errors', line: 9, confidence: 'partial' }],
    },
    {
      name: 'JSON template: alarm without actions',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Errors": {
      "Type": "AWS::CloudWatch::Alarm",
      "Properties": { "Namespace": "AWS/Lambda", "MetricName": "Errors" }
    }
  }
}
`,
      findings: [{ resourceId: 'Errors', line: 4 }],
    },
  ],
});
