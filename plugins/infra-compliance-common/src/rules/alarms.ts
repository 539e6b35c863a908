import { RuleMetadata } from '../types';

/** Category `alarms`: someone hears about failures. */
export const alarmsRules: readonly RuleMetadata[] = [
  {
    id: 'ALM-001',
    title: 'Function has no alarm on its Errors metric',
    category: 'alarms',
    severity: 'high',
    rationale:
      "Lambda only counts errors in CloudWatch; without an alarm on the function's AWS/Lambda Errors metric, failed invocations (and the retries and dead-letter traffic they cause) go unnoticed until a user complains or someone happens to read a dashboard.",
    remediation: {
      summary:
        'Add a CloudWatch alarm on namespace AWS/Lambda, metric Errors, dimension FunctionName set to this function (a metric-math error-rate alarm using it also counts), with AlarmActions that reach the team.',
      snippets: {
        cloudformation: `FunctionErrorsAlarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    Namespace: AWS/Lambda
    MetricName: Errors
    Dimensions:
      - Name: FunctionName
        Value: !Ref Function
    Statistic: Sum
    Period: 300
    EvaluationPeriods: 1
    Threshold: 1
    ComparisonOperator: GreaterThanOrEqualToThreshold
    TreatMissingData: notBreaching
    AlarmActions: [!Ref AlertsTopic]`,
        terraform: `resource "aws_cloudwatch_metric_alarm" "fn_errors" {
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.fn.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}`,
        pulumi: `new aws.cloudwatch.MetricAlarm('fn-errors', {
  namespace: 'AWS/Lambda',
  metricName: 'Errors',
  dimensions: { FunctionName: fn.name },
  statistic: 'Sum',
  period: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
  alarmActions: [alertsTopic.arn],
});`,
        cdk: `const fnErrors = new cloudwatch.Alarm(this, 'FnErrors', {
  metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
  threshold: 1,
  evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
});
fnErrors.addAlarmAction(new cloudwatchActions.SnsAction(alertsTopic));`,
      },
    },
    seeds: [
      '000_4e8a716c0e15d636: No CloudWatch alarms for error monitoring',
      '001_be1f89cdd021749d: Issue 8: Missing CloudWatch Alarms for Lambda Errors',
      '004_fbb7571581d294cd: Monitoring and Observability Gaps: Missing Alarms',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'ALM-002',
    title: 'Dead-letter queue has no alarm on visible messages',
    category: 'alarms',
    severity: 'high',
    rationale:
      'SQS tells no one when a message lands in a dead-letter queue. Without an alarm on its ApproximateNumberOfMessagesVisible, failed events pile up unseen until the retention period deletes them, and the failure they record is never investigated.',
    remediation: {
      summary:
        "Add a CloudWatch alarm on namespace AWS/SQS, metric ApproximateNumberOfMessagesVisible, dimension QueueName set to the dead-letter queue's name, firing at 1 message or more, with AlarmActions.",
      snippets: {
        cloudformation: `FunctionDLQAlarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    Namespace: AWS/SQS
    MetricName: ApproximateNumberOfMessagesVisible
    Dimensions:
      - Name: QueueName
        Value: !GetAtt FunctionDLQ.QueueName
    Statistic: Maximum
    Period: 300
    EvaluationPeriods: 1
    Threshold: 1
    ComparisonOperator: GreaterThanOrEqualToThreshold
    AlarmActions: [!Ref AlertsTopic]`,
        terraform: `resource "aws_cloudwatch_metric_alarm" "fn_dlq_messages" {
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.fn_dlq.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.alerts.arn]
}`,
        pulumi: `new aws.cloudwatch.MetricAlarm('fn-dlq-messages', {
  namespace: 'AWS/SQS',
  metricName: 'ApproximateNumberOfMessagesVisible',
  dimensions: { QueueName: fnDlq.name },
  statistic: 'Maximum',
  period: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  alarmActions: [alertsTopic.arn],
});`,
        cdk: `const dlqMessages = new cloudwatch.Alarm(this, 'FnDlqMessages', {
  metric: fnDlq.metricApproximateNumberOfMessagesVisible({
    period: Duration.minutes(5),
    statistic: 'Maximum',
  }),
  threshold: 1,
  evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
});
dlqMessages.addAlarmAction(new cloudwatchActions.SnsAction(alertsTopic));`,
      },
    },
    seeds: [
      '000_4e8a716c0e15d636: No CloudWatch alarms for error monitoring',
      '004_fbb7571581d294cd: Enhanced Monitoring: Multiple CloudWatch Alarms',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
  {
    id: 'ALM-003',
    title: 'Alarm has no actions',
    category: 'alarms',
    severity: 'medium',
    rationale:
      'An alarm without AlarmActions only changes state in the CloudWatch console: it notifies, pages and triggers nothing, so the failure it detects still goes unnoticed unless someone is watching the console at that moment.',
    remediation: {
      summary:
        'Add AlarmActions (TF alarm_actions), typically an SNS topic that reaches the on-call team; OKActions on the same topic announce recovery.',
      snippets: {
        cloudformation: `AlertsTopic:
  Type: AWS::SNS::Topic
  Properties:
    Subscription:
      - Protocol: email
        Endpoint: oncall@example.com
FunctionErrorsAlarm:
  Type: AWS::CloudWatch::Alarm
  Properties:
    # Namespace, MetricName, Dimensions, Threshold ...
    AlarmActions: [!Ref AlertsTopic]
    OKActions: [!Ref AlertsTopic]`,
        terraform: `resource "aws_sns_topic" "alerts" {}

resource "aws_cloudwatch_metric_alarm" "fn_errors" {
  # namespace, metric_name, dimensions, threshold ...
  alarm_actions = [aws_sns_topic.alerts.arn]
  ok_actions    = [aws_sns_topic.alerts.arn]
}`,
        pulumi: `const alertsTopic = new aws.sns.Topic('alerts');
new aws.cloudwatch.MetricAlarm('fn-errors', {
  // namespace, metricName, dimensions, threshold ...
  alarmActions: [alertsTopic.arn],
  okActions: [alertsTopic.arn],
});`,
        cdk: `const alertsTopic = new sns.Topic(this, 'Alerts');
alarm.addAlarmAction(new cloudwatchActions.SnsAction(alertsTopic));
alarm.addOkAction(new cloudwatchActions.SnsAction(alertsTopic));`,
      },
    },
    seeds: [
      '000_4e8a716c0e15d636: No CloudWatch alarms for error monitoring',
      '001_be1f89cdd021749d: Issue 8: Missing CloudWatch Alarms for Lambda Errors',
    ],
    formats: ['cloudformation', 'terraform', 'pulumi', 'cdk'],
  },
];
