import rule from './ALM-001';
import { testRule } from '../../testing/ruleTester';
import { scanFiles, selectRules } from '../../engine/scan';

testRule(rule, {
  valid: [
    {
      name: 'alarm on the Errors metric of the function (!Ref)',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  FnErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref Fn
      Statistic: Sum
      Period: 300
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`,
    },
    {
      name: 'SAM function with an alarm',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
  FnErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: !Ref Fn }]
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`,
    },
    {
      name: 'metric-math error-rate alarm',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  FnErrorRate:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
      Metrics:
        - Id: rate
          Expression: 100 * errors / invocations
        - Id: errors
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: AWS/Lambda
              MetricName: Errors
              Dimensions: [{ Name: FunctionName, Value: !Ref Fn }]
            Period: 300
            Stat: Sum
        - Id: invocations
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: AWS/Lambda
              MetricName: Invocations
              Dimensions: [{ Name: FunctionName, Value: !Ref Fn }]
            Period: 300
            Stat: Sum
`,
    },
    {
      name: 'alarm naming the function by its literal FunctionName',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: order-processor
      Role: arn:aws:iam::123456789012:role/x
  FnErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: order-processor
`,
    },
    {
      name: 'alarm whose FunctionName dimension is imported: another stack may export the name a function is given, or the stack exports its own function under that name',
      code: `
Resources:
  Named:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: processor
      Role: arn:aws:iam::123456789012:role/x
  Exported:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  NamedErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !ImportValue processor-name
  ExportedErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !ImportValue exported-name
Outputs:
  ExportedName:
    Value: !Ref Exported
    Export: { Name: exported-name }
`,
    },
    {
      name: 'alarm and function both named from the stack name (not known statically)',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub \${AWS::StackName}-processor
      Role: arn:aws:iam::123456789012:role/x
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Sub \${AWS::StackName}-processor
`,
    },
    {
      name: 'literal dimension and a function name from a parameter without default',
      code: `
Parameters:
  Name:
    Type: String
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Ref Name
      Role: arn:aws:iam::123456789012:role/x
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: processor
`,
    },
    {
      name: 'metric-math SEARCH expression (may select any function)',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  AllErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
      Metrics:
        - Id: total
          Expression: "SUM(SEARCH('{AWS/Lambda,FunctionName} MetricName=\\"Errors\\"', 'Sum', 300))"
`,
    },
    {
      name: "a Metrics Insights query on the functions' Errors (its WHERE clause may keep any function)",
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  AllErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
      Metrics:
        - Id: errors
          Expression: SELECT MAX(Errors) FROM SCHEMA("AWS/Lambda", FunctionName) WHERE FunctionName != 'other' GROUP BY FunctionName
          Period: 60
`,
    },
    {
      name: 'dimensions chosen by a condition that is not known',
      code: `
Parameters:
  Env:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: !If [IsProd, [{ Name: FunctionName, Value: !Ref Fn }], []]
`,
    },
    {
      name: "Terraform: an alarm on an alias's function_name, which may be the function's name",
      filename: 'main.tf',
      code: `
resource "aws_lambda_function" "fn" {
  function_name = "processor"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.fn.function_name
  function_version = "$LATEST"
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  namespace   = "AWS/Lambda"
  metric_name = "Errors"
  dimensions  = { FunctionName = aws_lambda_alias.live.function_name }
}
`,
    },
  ],
  invalid: [
    {
      name: "alarm whose FunctionName dimension is imported: another stack's export, not the name generated for a function of this one",
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !ImportValue processor-name
`,
      findings: [{ resourceId: 'Fn', line: 3 }],
    },
    {
      name: 'a Metrics Insights query on queues, which watches no function',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Depth:
    Type: AWS::CloudWatch::Alarm
    Properties:
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
      Metrics:
        - Id: depth
          Expression: SELECT MAX("Errors") FROM "AWS/SQS"
          Period: 60
`,
      findings: [{ resourceId: 'Fn', line: 3 }],
    },
    {
      name: 'SAM AutoPublishAlias: the version SAM publishes for Status is no stand-in for a function of the stack named StatusVersion',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  StatusVersion:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
  Status:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      AutoPublishAlias: live
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: !Ref StatusVersion }]
`,
      findings: [
        {
          resourceId: 'Status',
          line: 9,
          message:
            'Function Status has no CloudWatch alarm on its AWS/Lambda Errors metric',
        },
      ],
    },
    {
      name: "an alarm whose FunctionName dimension is the function's ARN, not its name",
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: !GetAtt Fn.Arn }]
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 3,
          message:
            'Function Fn has no CloudWatch alarm on its AWS/Lambda Errors metric',
        },
      ],
    },
    {
      name: "an alarm whose FunctionName dimension is the Ref of a function's alias: its ARN, so it watches no metric, and no alarm of any other function either",
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Other:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Fn
      FunctionVersion: $LATEST
      Name: live
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: !Ref Live }]
`,
      findings: [
        { resourceId: 'Fn', line: 3 },
        { resourceId: 'Other', line: 7 },
      ],
    },
    {
      name: 'SAM: an alarm on the alias AutoPublishAlias makes (!Ref Fn.Alias, its ARN) or on the version (!Ref Fn.Version)',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
      AutoPublishAlias: live
  AliasErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: !Ref Fn.Alias }]
  VersionErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: !Ref Fn.Version }]
`,
      findings: [{ resourceId: 'Fn', line: 4 }],
    },
    {
      name: "Terraform: an alarm on an alias's arn",
      filename: 'main.tf',
      code: `
resource "aws_lambda_function" "fn" {
  function_name = "processor"
  role          = "arn:aws:iam::123456789012:role/x"
}
resource "aws_lambda_alias" "live" {
  name             = "live"
  function_name    = aws_lambda_function.fn.function_name
  function_version = "$LATEST"
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  namespace   = "AWS/Lambda"
  metric_name = "Errors"
  dimensions  = { FunctionName = aws_lambda_alias.live.arn }
}
`,
      findings: [{ resourceId: 'aws_lambda_function.fn', line: 2 }],
    },
    {
      name: 'function with no alarm at all',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
`,
      findings: [
        {
          resourceId: 'Fn',
          line: 3,
          message:
            'Function Fn has no CloudWatch alarm on its AWS/Lambda Errors metric',
        },
      ],
    },
    {
      name: 'two functions, the alarm covers only one',
      code: `
Resources:
  Covered:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Uncovered:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  CoveredErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref Covered
`,
      findings: [{ resourceId: 'Uncovered', line: 7 }],
    },
    {
      name: 'alarms on another metric, another namespace, and on all functions (no dimension)',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Throttles:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Throttles
      Dimensions: [{ Name: FunctionName, Value: !Ref Fn }]
  Custom:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: MyApp
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: !ImportValue something }]
  AccountWide:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
`,
      findings: [{ resourceId: 'Fn', line: 3 }],
    },
    {
      name: 'literal dimension naming another function',
      code: `
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: order-processor
      Role: arn:aws:iam::123456789012:role/x
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: payment-processor
`,
      findings: [{ resourceId: 'Fn', line: 3 }],
    },
    {
      name: 'SAM function with no alarm',
      code: `
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
`,
      findings: [{ resourceId: 'Fn', line: 4 }],
    },
    {
      name: 'alarm that the default condition points at no function',
      code: `
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Errors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: !If [IsProd, [{ Name: FunctionName, Value: !Ref Fn }], []]
`,
      findings: [{ resourceId: 'Fn', line: 9, confidence: 'partial' }],
    },
    {
      name: 'JSON template: metric-math alarm on another function',
      filename: 'template.json',
      code: `
{
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Role": "arn:aws:iam::123456789012:role/x" }
    },
    "Other": {
      "Type": "AWS::Lambda::Function",
      "Properties": { "Role": "arn:aws:iam::123456789012:role/x" }
    },
    "OtherErrors": {
      "Type": "AWS::CloudWatch::Alarm",
      "Properties": {
        "Metrics": [
          {
            "Id": "errors",
            "MetricStat": {
              "Metric": {
                "Namespace": "AWS/Lambda",
                "MetricName": "Errors",
                "Dimensions": [{ "Name": "FunctionName", "Value": { "Ref": "Other" } }]
              },
              "Period": 300,
              "Stat": "Sum"
            }
          }
        ]
      }
    }
  }
}
`,
      findings: [{ resourceId: 'Fn', line: 4 }],
    },
  ],
});

describe('ALM-001 across the templates of one scan', () => {
  const app = `
Parameters:
  Env: { Type: String }
Resources:
  OrdersFn:
    Type: AWS::Lambda::Function
    Properties: { FunctionName: orders-api, Role: arn:aws:iam::123456789012:role/x }
  PaymentsFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  AuditFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  BillingFn:
    Type: AWS::Lambda::Function
    Properties: { Role: arn:aws:iam::123456789012:role/x }
  RefundsFn:
    Type: AWS::Lambda::Function
    Properties: { FunctionName: refunds-api, Role: arn:aws:iam::123456789012:role/x }
Outputs:
  PaymentsFnName:
    Value: !Ref PaymentsFn
    Export: { Name: payments-fn-name }
  AuditFnName:
    Value: !Ref AuditFn
    Export: { Name: audit-fn-name }
  BillingFnArn:
    Value: !GetAtt BillingFn.Arn
    Export: { Name: billing-fn-arn }
  RefundsFnName:
    Value: !Ref RefundsFn
    Export: { Name: !Sub '\${Env}-refunds-fn-name' }
`;
  const alarm = (id: string, dimension: string, extra = '') => `
  ${id}:
    Type: AWS::CloudWatch::Alarm${extra}
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions: [{ Name: FunctionName, Value: ${dimension} }]
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
`;
  const scan = (monitoring: string) =>
    scanFiles(
      [
        { path: 'app.yaml', text: app },
        { path: 'monitoring.yaml', text: monitoring },
      ],
      selectRules(['ALM-001']),
    );

  it('takes an alarm of another template on the literal name, or the import of the exported name, of a function as its alarm', () => {
    const report = scan(`
Parameters:
  Env: { Type: String }
Resources:${alarm('OrdersErrors', 'orders-api')}${alarm(
      'PaymentsErrors',
      '!ImportValue payments-fn-name',
    )}${alarm('BillingErrors', '!ImportValue billing-fn-arn')}${alarm(
      'RefundsErrors',
      "!ImportValue { 'Fn::Sub': '${Env}-refunds-fn-name' }",
    )}`);
    expect(
      report.findings.map(f => [f.file, f.resourceId, f.confidence]),
    ).toEqual([
      ['app.yaml', 'AuditFn', 'high'],
      ['app.yaml', 'BillingFn', 'high'],
      ['app.yaml', 'RefundsFn', 'high'],
    ]);
    expect(
      report.checks
        .filter(c => c.ruleId === 'ALM-001' && c.passed)
        .map(c => c.subject),
    ).toEqual(['OrdersFn', 'PaymentsFn']);
  });

  it("takes an alarm of another template that may not watch the Errors metric, or may not be deployed, as maybe the function's alarm: partial", () => {
    const report = scan(`
Parameters:
  Metric: { Type: String }
Conditions:
  Watched: !Equals [!Ref Metric, Errors]
Resources:
  OrdersErrors:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Lambda
      MetricName: !Ref Metric
      Dimensions: [{ Name: FunctionName, Value: orders-api }]
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
${alarm(
  'PaymentsErrors',
  '!ImportValue payments-fn-name',
  '\n    Condition: Watched',
)}`);
    expect(report.findings.map(f => [f.resourceId, f.confidence])).toEqual([
      ['OrdersFn', 'partial'],
      ['PaymentsFn', 'partial'],
      ['AuditFn', 'high'],
      ['BillingFn', 'high'],
      ['RefundsFn', 'high'],
    ]);
  });

  it("does not take a template's alarm on a function it declares itself as the alarm of another template's function of that name", () => {
    const fn = `
  OrdersFn:
    Type: AWS::Lambda::Function
    Properties: { FunctionName: orders-api, Role: arn:aws:iam::123456789012:role/x }
`;
    const report = scanFiles(
      [
        {
          path: 'prod.yaml',
          text: `Resources:${fn}${alarm('OrdersErrors', 'orders-api')}`,
        },
        { path: 'dev.yaml', text: `Resources:${fn}` },
      ],
      selectRules(['ALM-001']),
    );
    expect(
      report.findings.map(f => [f.file, f.resourceId, f.confidence]),
    ).toEqual([['dev.yaml', 'OrdersFn', 'high']]);
    expect(
      report.checks
        .filter(c => c.ruleId === 'ALM-001')
        .map(c => [c.file, c.passed]),
    ).toEqual([
      ['prod.yaml', true],
      ['dev.yaml', false],
    ]);
  });

  it('takes an alarm of another template on a name (an export) that two templates declare as maybe the alarm of each: partial', () => {
    const fn = (name: string) => `
  Fn:
    Type: AWS::Lambda::Function
    Properties: { FunctionName: ${name}, Role: arn:aws:iam::123456789012:role/x }
Outputs:
  FnName:
    Value: !Ref Fn
    Export: { Name: fn-name }
`;
    const report = scanFiles(
      [
        { path: 'prod.yaml', text: `Resources:${fn('orders-api')}` },
        { path: 'dev.yaml', text: `Resources:${fn('orders-api')}` },
        { path: 'a.yaml', text: `Resources:${fn('a-api')}` },
        { path: 'b.yaml', text: `Resources:${fn('b-api')}` },
        {
          path: 'monitoring.yaml',
          text: `Resources:${alarm('OrdersErrors', 'orders-api')}${alarm(
            'ImportedErrors',
            '!ImportValue fn-name',
          )}`,
        },
      ],
      selectRules(['ALM-001']),
    );
    expect(report.findings.map(f => [f.file, f.confidence])).toEqual([
      ['a.yaml', 'partial'],
      ['b.yaml', 'partial'],
      ['dev.yaml', 'partial'],
      ['prod.yaml', 'partial'],
    ]);
  });
});
