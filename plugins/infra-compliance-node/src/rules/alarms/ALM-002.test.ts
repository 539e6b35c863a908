import rule from './ALM-002';
import { testRule } from '../../testing/ruleTester';
import { scanFiles, selectRules } from '../../engine/scan';

testRule(rule, {
  valid: [
    {
      name: 'an alarm on an import may watch a queue of a written name (another stack may export it), or one this stack exports under that name',
      code: `
Resources:
  NamedDlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders-dlq
  ExportedDlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt NamedDlq.Arn
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt ExportedDlq.Arn
  NamedDepth:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: !ImportValue orders-dlq-name }]
  ExportedDepth:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: !ImportValue exported-dlq-name }]
Outputs:
  DlqName:
    Value: !GetAtt ExportedDlq.QueueName
    Export: { Name: exported-dlq-name }
`,
    },
    {
      name: 'function dead-letter queue with an alarm on visible messages (!GetAtt QueueName)',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
  DlqAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions:
        - Name: QueueName
          Value: !GetAtt Dlq.QueueName
      Statistic: Maximum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`,
    },
    {
      name: 'SAM redrive target with an alarm naming the queue by its literal QueueName',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders-dlq
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Messages:
          Type: SQS
          Properties: { Queue: !GetAtt Queue.Arn }
  DlqAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: orders-dlq }]
`,
    },
    {
      name: 'metric-math alarm on the dead-letter queue',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
  DlqAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Metrics:
        - Id: visible
          MetricStat:
            Metric:
              Namespace: AWS/SQS
              MetricName: ApproximateNumberOfMessagesVisible
              Dimensions: [{ Name: QueueName, Value: !GetAtt Dlq.QueueName }]
            Period: 60
            Stat: Maximum
`,
    },
    {
      name: 'queue that is not a dead-letter target needs no alarm',
      code: `
Resources:
  Queue:
    Type: AWS::SQS::Queue
`,
    },
    {
      name: 'alarm whose QueueName dimension comes from a parameter without default',
      code: `
Parameters:
  DlqName:
    Type: String
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
  DlqAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: !Ref DlqName }]
`,
    },
  ],
  invalid: [
    {
      name: "an alarm on a queue another stack exports (!ImportValue): not this stack's queue, whose name is generated",
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
  ImportedDepth:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: !ImportValue billing-dlq-name }]
`,
      findings: [
        {
          resourceId: 'Dlq',
          line: 3,
          message: 'Dead-letter queue Dlq (used by Fn)',
        },
      ],
    },
    {
      name: "an alarm whose QueueName dimension is the queue's URL (!Ref) or ARN, not its name",
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
  ByUrl:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: !Ref Dlq }]
  ByArn:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: !GetAtt Dlq.Arn }]
`,
      findings: [
        {
          resourceId: 'Dlq',
          line: 3,
          message: 'Dead-letter queue Dlq (used by Fn)',
        },
      ],
    },
    {
      name: 'function dead-letter queue with no alarm',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
`,
      findings: [
        {
          resourceId: 'Dlq',
          line: 3,
          message: 'Dead-letter queue Dlq (used by Fn)',
        },
      ],
    },
    {
      name: 'alarm on the source queue, not on the dead-letter queue',
      code: `
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 5
  QueueDepth:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: !GetAtt Queue.QueueName }]
`,
      findings: [{ resourceId: 'Dlq', line: 3, message: 'used by Queue' }],
    },
    {
      name: 'alarm on another metric of the dead-letter queue',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      DeadLetterQueue: { Type: SQS, TargetArn: !GetAtt Dlq.Arn }
  DlqAge:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateAgeOfOldestMessage
      Dimensions: [{ Name: QueueName, Value: !GetAtt Dlq.QueueName }]
`,
      findings: [{ resourceId: 'Dlq', line: 4 }],
    },
    {
      name: 'SAM on-failure destination queue created by SAM',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
`,
      findings: [{ resourceId: 'Fn', line: 11 }],
    },
    {
      name: 'JSON template: literal QueueName that is not the dead-letter queue',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Dlq": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": "orders-dlq" } },
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Role": "arn:aws:iam::123456789012:role/x",
        "DeadLetterConfig": { "TargetArn": { "Fn::GetAtt": ["Dlq", "Arn"] } }
      }
    },
    "Alarm": {
      "Type": "AWS::CloudWatch::Alarm",
      "Properties": {
        "Namespace": "AWS/SQS",
        "MetricName": "ApproximateNumberOfMessagesVisible",
        "Dimensions": [{ "Name": "QueueName", "Value": "orders" }]
      }
    }
  }
}
`,
      findings: [{ resourceId: 'Dlq', line: 4 }],
    },
    {
      name: 'dead-letter queues of an EventBridge rule target, a schedule, an SNS subscription and a pipe',
      code: `
Resources:
  RuleDlq:
    Type: AWS::SQS::Queue
  ScheduleDlq:
    Type: AWS::SQS::Queue
  SubscriptionDlq:
    Type: AWS::SQS::Queue
  PipeDlq:
    Type: AWS::SQS::Queue
  Rule:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: { source: [orders] }
      Targets:
        - Id: bus
          Arn: arn:aws:events:eu-west-1:123456789012:event-bus/other
          DeadLetterConfig: { Arn: !GetAtt RuleDlq.Arn }
  Schedule:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 hour)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target:
        Arn: arn:aws:sqs:eu-west-1:123456789012:jobs
        RoleArn: arn:aws:iam::123456789012:role/scheduler
        DeadLetterConfig: { Arn: !GetAtt ScheduleDlq.Arn }
  Subscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: arn:aws:sns:eu-west-1:123456789012:orders
      Protocol: https
      Endpoint: https://example.com/hook
      RedrivePolicy: { deadLetterTargetArn: !GetAtt SubscriptionDlq.Arn }
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: arn:aws:kinesis:eu-west-1:123456789012:stream/orders
      SourceParameters:
        KinesisStreamParameters:
          StartingPosition: LATEST
          DeadLetterConfig: { Arn: !GetAtt PipeDlq.Arn }
      Target: arn:aws:sqs:eu-west-1:123456789012:jobs
`,
      findings: [
        {
          resourceId: 'RuleDlq',
          line: 3,
          message: 'Dead-letter queue RuleDlq (used by Rule)',
        },
        {
          resourceId: 'ScheduleDlq',
          line: 5,
          message: 'Dead-letter queue ScheduleDlq (used by Schedule)',
        },
        {
          resourceId: 'SubscriptionDlq',
          line: 7,
          message: 'Dead-letter queue SubscriptionDlq (used by Subscription)',
        },
        {
          resourceId: 'PipeDlq',
          line: 9,
          message: 'Dead-letter queue PipeDlq (used by Pipe)',
        },
      ],
    },
    {
      name: 'Terraform: the dead-letter queue of an EventBridge target',
      filename: 'main.tf',
      code: `
resource "aws_sqs_queue" "dlq" {}

resource "aws_cloudwatch_event_rule" "orders" {
  event_pattern = jsonencode({ source = ["orders"] })
}

resource "aws_cloudwatch_event_target" "forward" {
  rule = aws_cloudwatch_event_rule.orders.name
  arn  = "arn:aws:events:eu-west-1:123456789012:event-bus/other"
  dead_letter_config {
    arn = aws_sqs_queue.dlq.arn
  }
}
`,
      findings: [
        {
          resourceId: 'aws_sqs_queue.dlq',
          line: 2,
          message: 'used by aws_cloudwatch_event_rule.orders',
        },
      ],
    },
  ],
});

describe('ALM-002 across the templates of one scan', () => {
  const alarm = (id: string, queue: string) => `
  ${id}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions: [{ Name: QueueName, Value: ${queue} }]
      Statistic: Maximum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`;

  it('takes an alarm of another template on the literal name, or the import of the exported name, of a dead-letter queue as its alarm', () => {
    const app = `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: { TargetArn: !GetAtt FnDlq.Arn }
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: { TargetArn: !GetAtt OtherDlq.Arn }
  Third:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: { TargetArn: !GetAtt ThirdDlq.Arn }
  FnDlq:
    Type: AWS::SQS::Queue
  OtherDlq:
    Type: AWS::SQS::Queue
    Properties: { QueueName: other-dlq }
  ThirdDlq:
    Type: AWS::SQS::Queue
Outputs:
  FnDlqName:
    Value: !GetAtt FnDlq.QueueName
    Export: { Name: fn-dlq-name }
  ThirdDlqUrl:
    Value: !Ref ThirdDlq
    Export: { Name: third-dlq-url }
`;
    const monitoring = `Resources:${alarm(
      'FnDlqDepth',
      '!ImportValue fn-dlq-name',
    )}${alarm('OtherDlqDepth', 'other-dlq')}${alarm(
      'ThirdDlqDepth',
      '!ImportValue third-dlq-url',
    )}`;
    const report = scanFiles(
      [
        { path: 'app.yaml', text: app },
        { path: 'monitoring.yaml', text: monitoring },
      ],
      selectRules(['ALM-002']),
    );
    expect(
      report.findings.map(f => [f.file, f.resourceId, f.confidence]),
    ).toEqual([['app.yaml', 'ThirdDlq', 'high']]);
    expect(
      report.checks
        .filter(c => c.ruleId === 'ALM-002')
        .map(c => [c.subject, c.passed]),
    ).toEqual([
      ['FnDlq', true],
      ['OtherDlq', true],
      ['ThirdDlq', false],
    ]);
  });

  it('takes an alarm of another template on the import of a name an export not written out may have (after the stack, or a default) as maybe its alarm', () => {
    const app = `
Parameters:
  Env: { Type: String, Default: prod }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: { TargetArn: !GetAtt FnDlq.Arn }
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: { TargetArn: !GetAtt OtherDlq.Arn }
  Third:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: { TargetArn: !GetAtt ThirdDlq.Arn }
  FnDlq:
    Type: AWS::SQS::Queue
  OtherDlq:
    Type: AWS::SQS::Queue
  ThirdDlq:
    Type: AWS::SQS::Queue
Outputs:
  FnDlqName:
    Value: !GetAtt FnDlq.QueueName
    Export: { Name: !Sub '\${AWS::StackName}-fn-dlq' }
  OtherDlqName:
    Value: !GetAtt OtherDlq.QueueName
    Export: { Name: !Sub 'other-dlq-\${Env}' }
  ThirdDlqName:
    Value: !GetAtt ThirdDlq.QueueName
    Export: { Name: !Sub '\${AWS::StackName}-third-dlq' }
`;
    const monitoring = `Resources:${alarm(
      'FnDlqDepth',
      '!ImportValue orders-fn-dlq',
    )}${alarm('OtherDlqDepth', '!ImportValue other-dlq-prod')}${alarm(
      'ElseDepth',
      '!ImportValue orders-third-queue',
    )}`;
    const report = scanFiles(
      [
        { path: 'app.yaml', text: app },
        { path: 'monitoring.yaml', text: monitoring },
      ],
      selectRules(['ALM-002']),
    );
    expect(
      report.findings.map(f => [f.file, f.resourceId, f.confidence]),
    ).toEqual([
      ['app.yaml', 'FnDlq', 'partial'],
      ['app.yaml', 'OtherDlq', 'partial'],
      ['app.yaml', 'ThirdDlq', 'high'],
    ]);
  });

  it('takes no alarm of another template as maybe the alarm of a queue exported by a name that tells none (a parameter, separators only) or that is read whole from a default of nothing', () => {
    const queue = (id: string) => `
  ${id}Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !Sub arn:aws:iam::\${AWS::AccountId}:role/x
      DeadLetterConfig: { TargetArn: !GetAtt ${id}.Arn }
  ${id}:
    Type: AWS::SQS::Queue`;
    const app = `
Parameters:
  ExportName: { Type: String }
  Whole: { Type: String, Default: orders-dlq }
  Env: { Type: String, Default: prod }
  Suffix: { Type: String, Default: '' }
Resources:${queue('NoDefault')}${queue('FromDefault')}${queue(
      'Separators',
    )}${queue('EmptyDefault')}
Outputs:
  NoDefault:
    Value: !GetAtt NoDefault.QueueName
    Export: { Name: !Sub '\${ExportName}' }
  FromDefault:
    Value: !GetAtt FromDefault.QueueName
    Export: { Name: !Ref Whole }
  Separators:
    Value: !GetAtt Separators.QueueName
    Export: { Name: !Sub '\${AWS::StackName}-\${Env}' }
  EmptyDefault:
    Value: !GetAtt EmptyDefault.QueueName
    Export: { Name: !Sub 'orders-dlq\${Suffix}' }
`;
    const monitoring = `Resources:${alarm(
      'UnrelatedDepth',
      '!ImportValue billing-prod',
    )}${alarm('OrdersDepth', '!ImportValue orders-dlq')}`;
    const report = scanFiles(
      [
        { path: 'app.yaml', text: app },
        { path: 'monitoring.yaml', text: monitoring },
      ],
      selectRules(['ALM-002']),
    );
    expect(
      report.findings.map(f => [f.file, f.resourceId, f.confidence]),
    ).toEqual([
      ['app.yaml', 'NoDefault', 'high'],
      ['app.yaml', 'FromDefault', 'high'],
      ['app.yaml', 'Separators', 'high'],
      ['app.yaml', 'EmptyDefault', 'high'],
    ]);
  });

  it("does not take a template's alarm on a queue it declares itself as the alarm of another template's queue of that name", () => {
    const app = (alarmed: string) => `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig: { TargetArn: !GetAtt Dlq.Arn }
  Dlq:
    Type: AWS::SQS::Queue
    Properties: { QueueName: orders-dlq }
${alarmed}`;
    const report = scanFiles(
      [
        { path: 'prod.yaml', text: app(alarm('DlqDepth', 'orders-dlq')) },
        { path: 'dev.yaml', text: app('') },
      ],
      selectRules(['ALM-002']),
    );
    expect(
      report.findings.map(f => [f.file, f.resourceId, f.confidence]),
    ).toEqual([['dev.yaml', 'Dlq', 'high']]);
  });
});
