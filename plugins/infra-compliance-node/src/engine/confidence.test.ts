import { loadTemplates } from '../adapters/cloudformation';
import { ALL_RULES } from '../rules';
import { evaluateGraph } from './evaluateGraph';
import { scanFiles } from './scan';

/** Scans files with the given rules; each finding as `rule resource line confidence`. */
function scan(files: Record<string, string>, ruleIds: string[]): string[] {
  const rules = ALL_RULES.filter(rule => ruleIds.includes(rule.meta.id));
  const result = scanFiles(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    rules,
    { parseRule: false },
  );
  return result.findings.map(
    f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.confidence}`,
  );
}

describe('findings that rest on the default of a stack input are at partial confidence', () => {
  it('CloudFormation: a value read from a parameter default, or decided by a condition over one', () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: { Type: String, Default: dev }
  Actions: { Type: CommaDelimitedList, Default: 's3:*' }
  Prefix: { Type: String, Default: orders }
  WorkerRoleName: { Type: String, Default: orders-worker }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !If [IsProd, 30, !Ref AWS::NoValue]
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '\${Prefix}-audit'
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub '\${Prefix}-role'
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: access
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: !Ref Actions
                Resource: '*'
              - Effect: Allow
                Action: 'sqs:*'
                Resource: '*'
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref WorkerRoleName
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;
    expect(
      scan({ 'template.yaml': template }, [
        'LOG-002',
        'IAM-002',
        'IAM-003',
        'IAM-006',
      ]),
    ).toEqual([
      // The retention is there only where the condition holds, which the default decides.
      'LOG-002 Logs 10 partial',
      // A default read elsewhere in the resource (its name): the finding is not checked again.
      'LOG-002 AuditLogs 14 high',
      // A name partly built from a default is explicit whatever the default.
      'IAM-006 Role 21 high',
      // The actions are the default's; so is what the statement's Resource "*" allows.
      'IAM-002 Role 32 partial',
      'IAM-003 Role 33 partial',
      'IAM-002 Role 35 high',
      'IAM-003 Role 36 high',
      // A name that is a parameter is not fixed: whoever deploys may give each stack its own.
      'IAM-006 WorkerRole 40 partial',
    ]);
  });

  it("SAM: what SAM generates from a value decided by a default, and not a generated resource's name", () => {
    const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: v1 }
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: !Ref Stage
      OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src
      DeadLetterQueue: !If
        - IsProd
        - Type: SQS
          TargetArn: !GetAtt Dlq.Arn
        - !Ref AWS::NoValue
      Events:
        Notified:
          Type: SNS
          Properties:
            Topic: !Ref Topic
  Dlq:
    Type: AWS::SQS::Queue
`;
    expect(scan({ 'template.yaml': template }, ['DLQ-001', 'LOG-004'])).toEqual(
      [
        // SAM names the stage after the default (Apiv1Stage): the API's stage has no access logs whatever its name.
        'LOG-004 Api 12 high',
        'DLQ-001 Fn 16 partial',
      ],
    );
  });

  it('CloudFormation: a statement that a default removed does not move the findings of those after it', () => {
    const template = `Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - !If
            - IsProd
            - { Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::b/* }
            - !Ref AWS::NoValue
          - Effect: Allow
            Action: 'sqs:*'
            Resource: '*'
`;
    expect(scan({ 'template.yaml': template }, ['IAM-002', 'IAM-003'])).toEqual(
      ['IAM-002 Policy 16 high', 'IAM-003 Policy 17 high'],
    );
  });

  it("CloudFormation: after an item a default removed, each item's finding is proven by its own failure, not by the one of the item at its index without defaults", () => {
    // Read without defaults, the condition's item stays (not known): West is at the index Central has with them.
    const template = `Parameters:
  WithExtra: { Type: String, Default: 'no' }
  WestRecovery: { Type: String, Default: 'false' }
  West: { Type: String }
  Central: { Type: String }
Conditions:
  HasExtra: !Equals [!Ref WithExtra, 'yes']
Resources:
  Table:
    Type: AWS::DynamoDB::GlobalTable
    Properties:
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      Replicas:
        - Region: !Ref AWS::Region
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
        - !If
          - HasExtra
          - Region: ap-southeast-2
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
          - !Ref AWS::NoValue
        - Region: !Ref West
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: !Ref WestRecovery }
        - Region: !Ref Central
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false }
`;
    expect(scan({ 'template.yaml': template }, ['OPS-004'])).toEqual([
      'OPS-004 Table 22 partial',
      'OPS-004 Table 24 high',
    ]);
  });

  it('CloudFormation: items after one a default removed are told apart where they are written on one line (a JSON template of one line)', () => {
    const replica = (region: unknown, recovery: unknown) => ({
      Region: region,
      PointInTimeRecoverySpecification: {
        PointInTimeRecoveryEnabled: recovery,
      },
    });
    const template = JSON.stringify({
      Parameters: {
        WithExtra: { Type: 'String', Default: 'no' },
        WestRecovery: { Type: 'String', Default: 'false' },
        West: { Type: 'String' },
        Central: { Type: 'String' },
      },
      Conditions: { HasExtra: { 'Fn::Equals': [{ Ref: 'WithExtra' }, 'yes'] } },
      Resources: {
        Table: {
          Type: 'AWS::DynamoDB::GlobalTable',
          Properties: {
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            Replicas: [
              replica({ Ref: 'AWS::Region' }, true),
              {
                'Fn::If': [
                  'HasExtra',
                  replica('ap-southeast-2', true),
                  { Ref: 'AWS::NoValue' },
                ],
              },
              replica({ Ref: 'West' }, { Ref: 'WestRecovery' }),
              replica({ Ref: 'Central' }, false),
            ],
          },
        },
      },
    });
    const { findings } = scanFiles(
      [{ path: 'template.json', text: template }],
      ALL_RULES.filter(rule => rule.meta.id === 'OPS-004'),
      { parseRule: false },
    );
    expect(findings.map(f => [f.line, f.property, f.confidence])).toEqual([
      [1, 'Replicas[1].PointInTimeRecoverySpecification', 'partial'],
      [1, 'Replicas[2].PointInTimeRecoverySpecification', 'high'],
    ]);
  });

  it('CloudFormation: one failure without defaults proves one finding, not an equal one elsewhere that rests on a default', () => {
    const template = `Parameters:
  Actions: { Type: CommaDelimitedList, Default: 's3:*' }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: chosen
          PolicyDocument: { Statement: [{ Effect: Allow, Action: !Ref Actions, Resource: arn:aws:s3:::b/* }] }
        - PolicyName: written
          PolicyDocument: { Statement: [{ Effect: Allow, Action: 's3:*', Resource: arn:aws:s3:::b/* }] }
`;
    expect(scan({ 'template.yaml': template }, ['IAM-002'])).toEqual([
      'IAM-002 Role 10 partial',
      'IAM-002 Role 12 high',
    ]);
  });

  it('CloudFormation: the statement holding a default, written as one map or holding a list of defaults', () => {
    const template = `Parameters:
  Act: { Type: String, Default: 's3:GetObject' }
Resources:
  One:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          Effect: Allow
          Action: !Ref Act
          Resource: '*'
  Listed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action:
              - !Ref Act
            Resource: '*'
`;
    expect(scan({ 'template.yaml': template }, ['IAM-003'])).toEqual([
      'IAM-003 One 11 partial',
      'IAM-003 Listed 20 partial',
    ]);
  });

  it('CloudFormation: what a default decides in Globals, in Outputs, through a mapping or in a loop', () => {
    const globals = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Globals:
  Api:
    OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
    AccessLogSetting: !If [IsProd, { DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api, Format: x }, !Ref AWS::NoValue]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      CodeUri: src
      Events:
        Get:
          Type: Api
          Properties: { Path: /, Method: get }
`;
    expect(scan({ 'template.yaml': globals }, ['LOG-004'])).toEqual([
      'LOG-004 Fn 18 partial',
    ]);
    const outputs = `Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
Outputs:
  QueueUrl:
    Value: !If [IsProd, !Ref Queue, none]
`;
    expect(scan({ 'template.yaml': outputs }, ['OPS-006'])).toEqual([
      'OPS-006 Queue 6 partial',
    ]);
    const mapping = `Transform: AWS::LanguageExtensions
Parameters:
  Env: { Type: String, Default: dev }
Mappings:
  Retention:
    prod: { Days: 30 }
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !FindInMap [Retention, !Ref Env, Days, { DefaultValue: !Ref AWS::NoValue }]
  Other:
    Type: AWS::Logs::LogGroup
`;
    expect(scan({ 'template.yaml': mapping }, ['LOG-002'])).toEqual([
      'LOG-002 Logs 8 partial',
      'LOG-002 Other 12 high',
    ]);
    const loop = `Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList, Default: 'a,b' }
Resources:
  Fn::ForEach::Roles:
    - Name
    - !Ref Names
    - Role\${Name}:
        Type: AWS::IAM::Role
        Properties:
          RoleName: !Ref Name
          AssumeRolePolicyDocument: {}
`;
    expect(scan({ 'template.yaml': loop }, ['IAM-006'])).toEqual([
      'IAM-006 Rolea 11 partial',
      'IAM-006 Roleb 11 partial',
    ]);
  });

  it('CloudFormation: an output that reads a default, for the rules that read outputs and only for them', () => {
    const template = `Parameters:
  Pick: { Type: Number, Default: 0 }
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Refunds:
    Type: AWS::SQS::Queue
  Logs:
    Type: AWS::Logs::LogGroup
Outputs:
  QueueUrl:
    Value: !Select [!Ref Pick, [!Ref Orders, !Ref Refunds]]
`;
    // OPS-007 reads what OPS-006 computed from the outputs first: through that analysis, it reads them too.
    expect(
      scan({ 'template.yaml': template }, ['OPS-006', 'OPS-007', 'LOG-002']),
    ).toEqual(['OPS-007 Refunds 6 partial', 'LOG-002 Logs 8 high']);
    // A rule that does not read the outputs has its findings proven without building the stack again.
    const graph = loadTemplates([{ path: 'template.yaml', text: template }])
      .graphs[0];
    const withoutDefaults = jest.spyOn(graph.defaults!, 'withoutDefaults');
    expect(
      evaluateGraph(
        graph,
        ALL_RULES.filter(rule => rule.meta.id === 'LOG-002'),
      ).findings,
    ).toHaveLength(1);
    expect(withoutDefaults).not.toHaveBeenCalled();
    expect(
      evaluateGraph(
        graph,
        ALL_RULES.filter(rule => rule.meta.id === 'OPS-007'),
      ).findings,
    ).toHaveLength(1);
    expect(withoutDefaults).toHaveBeenCalledTimes(1);
    // So is what a condition over a default decides in an output, and whether the output is there at all.
    const decidedInOutputs = `Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Refunds:
    Type: AWS::SQS::Queue
  Logs:
    Type: AWS::Logs::LogGroup
Outputs:
  QueueUrl:
    Condition: IsDev
    Value: !If [IsDev, !Ref Orders, !Ref Refunds]
`;
    expect(
      scan({ 'template.yaml': decidedInOutputs }, [
        'OPS-006',
        'OPS-007',
        'LOG-002',
      ]),
    ).toEqual(['OPS-007 Refunds 8 partial', 'LOG-002 Logs 10 high']);
    const decidedGraph = loadTemplates([
      { path: 'template.yaml', text: decidedInOutputs },
    ]).graphs[0];
    const rebuild = jest.spyOn(decidedGraph.defaults!, 'withoutDefaults');
    evaluateGraph(
      decidedGraph,
      ALL_RULES.filter(rule => rule.meta.id === 'LOG-002'),
    );
    expect(rebuild).not.toHaveBeenCalled();
  });

  it("CloudFormation: LOG-001 rests on the names it compares, a function's and a log group's, wherever a default gives them", () => {
    const template = `Parameters:
  OrdersName: { Type: String, Default: orders }
  AuditGroup: { Type: String, Default: /aws/lambda/something-else }
  Runtime: { Type: String, Default: python3.12 }
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Ref OrdersName
  Audit:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: audit
  Billing:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: billing
      Runtime: !Ref Runtime
  PaymentsLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/payments
  AuditLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Ref AuditGroup
`;
    expect(scan({ 'template.yaml': template }, ['LOG-001'])).toEqual([
      // Deployed with OrdersName payments, PaymentsLogs is its log group.
      'LOG-001 Orders 6 partial',
      // Deployed with AuditGroup /aws/lambda/audit, AuditLogs is its log group.
      'LOG-001 Audit 10 partial',
      // No name is its name whatever is deployed: neither log group is /aws/lambda/billing (AuditLogs may be: see Audit).
      'LOG-001 Billing 14 partial',
    ]);
    // Where no value a default gives is a name, the finding is proven without building the stack again.
    const names = template
      .replace('!Ref OrdersName', 'orders')
      .replace('!Ref AuditGroup', '/aws/lambda/something-else');
    const graph = loadTemplates([{ path: 'template.yaml', text: names }])
      .graphs[0];
    const withoutDefaults = jest.spyOn(graph.defaults!, 'withoutDefaults');
    expect(
      evaluateGraph(
        graph,
        ALL_RULES.filter(rule => rule.meta.id === 'LOG-001'),
      ).findings.map(f => `${f.resourceId} ${f.confidence}`),
    ).toEqual(['Orders high', 'Audit high', 'Billing high']);
    expect(withoutDefaults).not.toHaveBeenCalled();
  });

  it("CloudFormation: ALM-001 rests on the alarms' metrics and the function's name, wherever a default gives them", () => {
    const stack = (parameter: string, resources: string) => `Parameters:
  ${parameter}
  Threshold: { Type: Number, Default: 1 }
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
${resources}`;
    const alarm = (properties: string) => `  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Threshold: !Ref Threshold
${properties}`;
    // Deployed with AlarmedName orders, the alarm is Orders'.
    const dimension = stack(
      'AlarmedName: { Type: String, Default: payments }',
      alarm(`      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref AlarmedName
`),
    );
    // Deployed with Metric Errors.
    const metricName = stack(
      'Metric: { Type: String, Default: Throttles }',
      alarm(`      Namespace: AWS/Lambda
      MetricName: !Ref Metric
      Dimensions:
        - Name: FunctionName
          Value: !Ref Orders
`),
    );
    // Deployed with Metric Errors, the metric-math alarm watches Orders' errors.
    const metricMath = stack(
      'Metric: { Type: String, Default: Throttles }',
      alarm(`      Metrics:
        - Id: errors
          MetricStat:
            Metric:
              Namespace: AWS/Lambda
              MetricName: !Ref Metric
              Dimensions:
                - Name: FunctionName
                  Value: !Ref Orders
            Period: 60
            Stat: Sum
`),
    );
    // Deployed with PaymentsName payments, the alarm is the function's.
    const functionName = stack(
      'PaymentsName: { Type: String, Default: billing }',
      `  Payments:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Ref PaymentsName
${alarm(`      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: payments
`)}`,
    );
    expect(scan({ 'template.yaml': dimension }, ['ALM-001'])).toEqual([
      'ALM-001 Orders 5 partial',
    ]);
    expect(scan({ 'template.yaml': metricName }, ['ALM-001'])).toEqual([
      'ALM-001 Orders 5 partial',
    ]);
    expect(scan({ 'template.yaml': metricMath }, ['ALM-001'])).toEqual([
      'ALM-001 Orders 5 partial',
    ]);
    expect(scan({ 'template.yaml': functionName }, ['ALM-001'])).toEqual([
      'ALM-001 Orders 5 high',
      'ALM-001 Payments 9 partial',
    ]);
    // A threshold from a default changes no alarm's metric: the finding is proven without building the stack again.
    const graph = loadTemplates([
      {
        path: 'template.yaml',
        text: functionName.replace('!Ref PaymentsName', 'billing'),
      },
    ]).graphs[0];
    const withoutDefaults = jest.spyOn(graph.defaults!, 'withoutDefaults');
    expect(
      evaluateGraph(
        graph,
        ALL_RULES.filter(rule => rule.meta.id === 'ALM-001'),
      ).findings.map(f => `${f.resourceId} ${f.confidence}`),
    ).toEqual(['Orders high', 'Payments high']);
    expect(withoutDefaults).not.toHaveBeenCalled();
  });

  it("CloudFormation: ALM-002 rests on the alarms' metrics and the queue's name, as ALM-001 does", () => {
    const template = `Parameters:
  AlarmedQueue: { Type: String, Default: other }
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: dlq
      MessageRetentionPeriod: 1209600
  Source:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Dlq.Arn
        maxReceiveCount: 3
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/SQS
      MetricName: ApproximateNumberOfMessagesVisible
      Dimensions:
        - Name: QueueName
          Value: !Ref AlarmedQueue
`;
    // Deployed with AlarmedQueue dlq, the alarm is the dead-letter queue's.
    expect(scan({ 'template.yaml': template }, ['ALM-002'])).toEqual([
      'ALM-002 Dlq 4 partial',
    ]);
    expect(
      scan(
        { 'template.yaml': template.replace('!Ref AlarmedQueue', 'other') },
        ['ALM-002'],
      ),
    ).toEqual(['ALM-002 Dlq 4 high']);
  });

  it("CloudFormation: DLQ-006 rests on the consumer's timeout and on what makes it the queue's consumer, wherever a default gives them", () => {
    const template = (
      timeout: string,
      mapping = '      EventSourceArn: !GetAtt Queue.Arn\n      FunctionName: !Ref Worker\n',
    ) => `Parameters:
  WorkerTimeout: { Type: Number, Default: 60 }
  Visibility: { Type: Number, Default: 10 }
  QueueName: { Type: String, Default: jobs }
  WorkerName: { Type: String, Default: worker }
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: worker
      Role: arn:aws:iam::123456789012:role/worker
      Timeout: ${timeout}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
${mapping}`;
    // A deployment with WorkerTimeout 30 or less passes.
    expect(
      scan({ 'template.yaml': template('!Ref WorkerTimeout') }, ['DLQ-006']),
    ).toEqual(['DLQ-006 Queue 7 partial']);
    expect(scan({ 'template.yaml': template('60') }, ['DLQ-006'])).toEqual([
      'DLQ-006 Queue 7 high',
    ]);
    // A deployment with another QueueName, or another WorkerName, has another queue or function consumed.
    const byName = template(
      '60',
      "      EventSourceArn: !Sub 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${QueueName}'\n      FunctionName: worker\n",
    );
    expect(scan({ 'template.yaml': byName }, ['DLQ-006'])).toEqual([
      'DLQ-006 Queue 7 partial',
    ]);
    const byFunctionName = template(
      '60',
      '      EventSourceArn: !GetAtt Queue.Arn\n      FunctionName: !Ref WorkerName\n',
    );
    expect(scan({ 'template.yaml': byFunctionName }, ['DLQ-006'])).toEqual([
      'DLQ-006 Queue 7 partial',
    ]);
    // The queue's own VisibilityTimeout from a default is the finding's own place.
    const visibility = template('30').replace(
      '      QueueName: jobs\n',
      '      QueueName: jobs\n      VisibilityTimeout: !Ref Visibility\n',
    );
    expect(scan({ 'template.yaml': visibility }, ['DLQ-006'])).toEqual([
      'DLQ-006 Queue 11 partial',
    ]);
  });

  it("SAM: DLQ-006 rests on the consumer's Timeout a default gives, on the function or in Globals", () => {
    const template = (
      globals: string,
      timeout: string,
    ) => `Transform: AWS::Serverless-2016-10-31
Parameters:
  WorkerTimeout: { Type: Number, Default: 60 }
Globals:
  Function:
${globals}
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      Handler: app.handler
${timeout}      Events:
        Jobs: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
`;
    expect(
      scan(
        {
          'template.yaml': template(
            '    MemorySize: 256',
            '      Timeout: !Ref WorkerTimeout\n',
          ),
        },
        ['DLQ-006'],
      ),
    ).toEqual(['DLQ-006 Queue 8 partial']);
    expect(
      scan(
        { 'template.yaml': template('    Timeout: !Ref WorkerTimeout', '') },
        ['DLQ-006'],
      ),
    ).toEqual(['DLQ-006 Queue 8 partial']);
    expect(
      scan(
        {
          'template.yaml': template(
            '    MemorySize: 256',
            '      Timeout: 60\n',
          ),
        },
        ['DLQ-006'],
      ),
    ).toEqual(['DLQ-006 Queue 8 high']);
  });

  it("CloudFormation: DLQ-004, IAM-005, IAM-007 and IAM-008 rest on the function's role and that role's policies, as IAM-004 does", () => {
    // Each role's one policy is a stack policy attached by Roles: [!Ref AttachTo]: deployed with AttachTo attached, it is the role's.
    const template = (attachTo: string) => `Parameters:
  AttachTo: { Type: String, Default: other-role }
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Dlq:
    Type: AWS::SQS::Queue
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: attached
      AssumeRolePolicyDocument: {}
  Attach:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: all
      Roles: [${attachTo}]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [sqs:SendMessage, sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes, xray:PutTraceSegments, logs:CreateLogStream, logs:PutLogEvents]
            Resource: '*'
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      TracingConfig: { Mode: Active }
      DeadLetterConfig:
        TargetArn: !GetAtt Dlq.Arn
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
`;
    const rules = ['DLQ-004', 'IAM-005', 'IAM-007', 'IAM-008'];
    expect(scan({ 'template.yaml': template('!Ref AttachTo') }, rules)).toEqual(
      [
        'IAM-007 Fn 26 partial',
        'IAM-005 Fn 27 partial',
        'DLQ-004 Fn 29 partial',
        'IAM-008 Mapping 33 partial',
      ],
    );
    expect(scan({ 'template.yaml': template('other-role') }, rules)).toEqual([
      'IAM-007 Fn 26 high',
      'IAM-005 Fn 27 high',
      'DLQ-004 Fn 29 high',
      'IAM-008 Mapping 33 high',
    ]);
  });

  it('CloudFormation: DLQ-002, DLQ-003 and ALM-002 rest on what makes a queue consumed or a dead-letter queue, wherever a default gives it', () => {
    const arnOf = (name: string) =>
      `!Sub 'arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:${name}'`;
    const consumed = (queueArn: string) => `Parameters:
  QueueName: { Type: String, Default: jobs }
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/x
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: ${queueArn}
      FunctionName: !Ref Fn
`;
    // Deployed with another QueueName, the function consumes another queue.
    expect(
      scan({ 'template.yaml': consumed(arnOf('${QueueName}')) }, ['DLQ-002']),
    ).toEqual(['DLQ-002 Queue 4 partial']);
    expect(
      scan({ 'template.yaml': consumed(arnOf('jobs')) }, ['DLQ-002']),
    ).toEqual(['DLQ-002 Queue 4 high']);
    const deadLetter = (targetArn: string) => `Parameters:
  DlqName: { Type: String, Default: dlq }
Resources:
  Dlq:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: dlq
  Source:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: ${targetArn}
        maxReceiveCount: 3
`;
    // Deployed with another DlqName, the source's dead-letter queue is another queue.
    expect(
      scan({ 'template.yaml': deadLetter(arnOf('${DlqName}')) }, [
        'DLQ-003',
        'ALM-002',
      ]),
    ).toEqual(['ALM-002 Dlq 4 partial', 'DLQ-003 Dlq 4 partial']);
    expect(
      scan({ 'template.yaml': deadLetter(arnOf('dlq')) }, [
        'DLQ-003',
        'ALM-002',
      ]),
    ).toEqual(['ALM-002 Dlq 4 high', 'DLQ-003 Dlq 4 high']);
  });

  it("CloudFormation: ENC-002 rests on what makes a log group the key's, ENC-006 on what makes a bucket policy the bucket's", () => {
    const keyOfLogs = (keyId: string) => `Parameters:
  LogsKey: { Type: String, Default: alias/logs }
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - { Effect: Allow, Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }
  Alias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: alias/logs
      TargetKeyId: !Ref Key
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: ${keyId}
`;
    // Deployed with LogsKey naming a key outside the stack, no log group uses the key.
    expect(
      scan({ 'template.yaml': keyOfLogs('!Ref LogsKey') }, ['ENC-002']),
    ).toEqual(['ENC-002 Key 7 partial']);
    expect(
      scan({ 'template.yaml': keyOfLogs('alias/logs') }, ['ENC-002']),
    ).toEqual(['ENC-002 Key 7 high']);
    const policyOn = (bucket: string) => `Parameters:
  Target: { Type: String, Default: other }
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: mine
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: ${bucket}
      PolicyDocument:
        Statement:
          - { Effect: Deny, Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }
`;
    // Deployed with Target mine, the policy is the bucket's.
    expect(
      scan({ 'template.yaml': policyOn('!Ref Target') }, ['ENC-006']),
    ).toEqual(['ENC-006 Bucket 4 partial']);
    expect(scan({ 'template.yaml': policyOn('other') }, ['ENC-006'])).toEqual([
      'ENC-006 Bucket 4 high',
    ]);
  });

  it("CloudFormation: IAM-004 rests on the function's role, that role's policies and the name of what it is given, wherever a default gives them", () => {
    const role = (id: string, properties = '') => `  ${id}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
${properties}`;
    const fn = (id: string, roleArn: string, queue = 'Queue') => `  ${id}:
    Type: AWS::Lambda::Function
    Properties:
      Role: ${roleArn}
      Environment:
        Variables:
          QUEUE: !Ref ${queue}
`;
    const sendTo = (resource: string) => `      Policies:
        - PolicyName: send
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: ${resource}
`;
    const template = `Parameters:
  QueueArn: { Type: String, Default: 'arn:aws:sqs:us-east-1:123456789012:other' }
  JobsName: { Type: String, Default: jobs }
  AttachTo: { Type: String, Default: other-role }
  WorkerRoleName: { Type: String, Default: worker }
  AliasName: { Type: String, Default: live }
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Ref JobsName
${role('ArnRole', sendTo('!Ref QueueArn'))}${fn(
      'ByArn',
      '!GetAtt ArnRole.Arn',
    )}${role(
      'NameRole',
      sendTo('arn:aws:sqs:us-east-1:123456789012:urgent'),
    )}${fn('ByName', '!GetAtt NameRole.Arn', 'Jobs')}${role(
      'AttachedRole',
      '      RoleName: attached\n',
    )}  Attach:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: send
      Roles: [!Ref AttachTo]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: !GetAtt Queue.Arn
${fn('ByAttachment', '!GetAtt AttachedRole.Arn')}${role(
      'Worker',
      '      RoleName: worker\n',
    )}${fn(
      'ByRoleName',
      "!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${WorkerRoleName}'",
    )}${role('PlainRole')}${fn('Plain', '!GetAtt PlainRole.Arn')}  Target:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: target
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Target
      FunctionVersion: '1'
      Name: !Ref AliasName
${role(
  'CallerRole',
  '      Policies:\n        - PolicyName: invoke\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: lambda:InvokeFunction\n                Resource: arn:aws:lambda:us-east-1:123456789012:function:target:prod\n',
)}  Caller:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt CallerRole.Arn
      Environment:
        Variables:
          TARGET: !Ref Live
`;
    expect(scan({ 'template.yaml': template }, ['IAM-004'])).toEqual([
      // Deployed with QueueArn the queue's ARN, the policy grants sqs:SendMessage on it.
      'IAM-004 ByArn 33 partial',
      // Deployed with JobsName urgent, the policy names the queue.
      'IAM-004 ByName 51 partial',
      // Deployed with AttachTo attached, the policy is the role's.
      'IAM-004 ByAttachment 73 partial',
      // Deployed with WorkerRoleName naming another role, the function runs as that one.
      'IAM-004 ByRoleName 85 partial',
      // Nothing of its role, its policies or its queue comes from a default.
      'IAM-004 Plain 96 high',
      // Deployed with AliasName prod, the policy names the alias.
      'IAM-004 Caller 124 partial',
    ]);
  });

  it('CloudFormation: an item a Fn::Select index from a default chooses, and an output whose Condition holds by default', () => {
    const select = `Parameters:
  Pick: { Type: Number, Default: 0 }
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      Code: { ZipFile: x }
      Role: arn:aws:iam::123456789012:role/x
      DeadLetterConfig:
        TargetArn: !Select [!Ref Pick, [!GetAtt DlqA.Arn, !GetAtt DlqB.Arn]]
  DlqA:
    Type: AWS::SQS::Queue
  DlqB:
    Type: AWS::SQS::Queue
    Properties: { MessageRetentionPeriod: 1209600 }
`;
    // DlqA is a dead-letter queue because Pick is 0 by default.
    expect(scan({ 'template.yaml': select }, ['DLQ-003'])).toEqual([
      'DLQ-003 DlqA 13 partial',
    ]);
    const condition = `Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Refunds:
    Type: AWS::SQS::Queue
Outputs:
  OrdersUrl:
    Condition: IsDev
    Value: !Ref Orders
`;
    // With another Env, the stack exports nothing (OPS-006's finding, not this one).
    expect(
      scan({ 'template.yaml': condition }, ['OPS-006', 'OPS-007']),
    ).toEqual(['OPS-007 Refunds 8 partial']);
    // A condition not known statically: whether the stack exports anything is not known.
    const notKnown = condition.replace(
      'Default: dev',
      'AllowedValues: [dev, prod]',
    );
    expect(scan({ 'template.yaml': notKnown }, ['OPS-006', 'OPS-007'])).toEqual(
      [],
    );
    // An output the stack may not export only adds exports: one it always exports proves the others missing.
    const alsoAlways = `${notKnown.replace(
      '  Refunds:',
      '  Spare:\n    Type: AWS::SQS::Queue\n  Refunds:',
    )}  RefundsUrl:
    Value: !Ref Refunds
`;
    expect(
      scan({ 'template.yaml': alsoAlways }, ['OPS-006', 'OPS-007']),
    ).toEqual(['OPS-007 Spare 8 high']);
  });

  it("CloudFormation: a finding on another resource than the one a default decided (a function's dead-letter queue, a shared role)", () => {
    const template = `Parameters:
  UseDlq: { Type: String, Default: 'yes' }
  Env: { Type: String, Default: dev }
Conditions:
  HasDlq: !Equals [!Ref UseDlq, 'yes']
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  ProdRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Fn1:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      DeadLetterConfig:
        TargetArn: !If [HasDlq, !GetAtt Dlq.Arn, !Ref AWS::NoValue]
  Fn2:
    Type: AWS::Lambda::Function
    Properties:
      Role: !If [IsProd, !GetAtt ProdRole.Arn, !GetAtt Role.Arn]
  Dlq:
    Type: AWS::SQS::Queue
`;
    expect(scan({ 'template.yaml': template }, ['IAM-001', 'DLQ-003'])).toEqual(
      [
        'IAM-001 Fn1 19 partial',
        'IAM-001 Fn2 25 partial',
        'DLQ-003 Dlq 26 partial',
      ],
    );
  });

  it('CloudFormation: AWS managed policies in ManagedPolicyArns under Fn::If, as an item or as the whole list', () => {
    const template = `Parameters:
  Admin: { Type: String, Default: 'true' }
  Audit: { Type: String, Default: 'false' }
  Env: { Type: String }
Conditions:
  IsAdmin: !Equals [!Ref Admin, 'true']
  IsAudit: !Equals [!Ref Audit, 'true']
  IsProd: !Equals [!Ref Env, prod]
  Always: !Equals [a, a]
Resources:
  ItemByDefault:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - !If [IsAdmin, arn:aws:iam::aws:policy/AdministratorAccess, !Ref AWS::NoValue]
  ListByDefault:
    Type: AWS::IAM::Group
    Properties:
      ManagedPolicyArns: !If
        - IsAdmin
        - - arn:aws:iam::aws:policy/ReadOnlyAccess
          - arn:aws:iam::aws:policy/AmazonSQSFullAccess
        - !Ref AWS::NoValue
  LeftOutByDefault:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns:
        - !If [IsAudit, arn:aws:iam::aws:policy/AdministratorAccess, !Ref AWS::NoValue]
  Literal:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !If [Always, arn:aws:iam::aws:policy/IAMFullAccess, arn:aws:iam::aws:policy/ReadOnlyAccess]
  NotKnown:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !If [IsProd, arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole, arn:aws:iam::aws:policy/AdministratorAccess]
  NotKnownList:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: !If [IsProd, [arn:aws:iam::aws:policy/ReadOnlyAccess], [arn:aws:iam::aws:policy/AmazonS3FullAccess]]
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt NotKnown.Arn
`;
    expect(scan({ 'template.yaml': template }, ['IAM-002', 'IAM-007'])).toEqual(
      [
        // The branch a default chooses is judged, resting on the default.
        'IAM-002 ItemByDefault 15 partial',
        'IAM-002 ListByDefault 22 partial',
        // A condition of literals is known whatever the inputs.
        'IAM-002 Literal 34 high',
        // A condition not known: either branch may be deployed, neither is judged (nor is the role known completely).
      ],
    );
  });

  it('CloudFormation: a resource or output whose Condition a default makes false, and one never deployed', () => {
    const template = `Parameters:
  EnvType: { Type: String, Default: Serverless, AllowedValues: [Provisioned, Serverless] }
Conditions:
  Provisioned: !Equals [!Ref EnvType, Provisioned]
  Serverless: !Equals [!Ref EnvType, Serverless]
  Never: !Equals [a, b]
Resources:
  ProvisionedLogs:
    Type: AWS::Logs::LogGroup
    Condition: Provisioned
  ServerlessLogs:
    Type: AWS::Logs::LogGroup
    Condition: Serverless
  NeverLogs:
    Type: AWS::Logs::LogGroup
    Condition: Never
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: true
Outputs:
  QueueUrl:
    Condition: Provisioned
    Value: !Ref Queue
`;
    expect(scan({ 'template.yaml': template }, ['LOG-002', 'OPS-006'])).toEqual(
      [
        'LOG-002 ProvisionedLogs 8 partial',
        'LOG-002 ServerlessLogs 11 high',
        'OPS-006 Queue 17 partial',
      ],
    );
  });

  it('CloudFormation: what a resource a default leaves out makes of one deployed, and a suppression with no reason on it', () => {
    const template = `Parameters:
  Consume: { Type: String, Default: 'off' }
Conditions:
  Consuming: !Equals [!Ref Consume, 'on']
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::123456789012:role/worker
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Condition: Consuming
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-005
    Properties:
      FunctionName: !Ref Worker
      EventSourceArn: !GetAtt Jobs.Arn
`;
    // The queue is consumed only when the mapping is deployed; whether a suppression gives its reason does not depend on it.
    expect(scan({ 'template.yaml': template }, ['DLQ-002', 'SUP-001'])).toEqual(
      ['DLQ-002 Jobs 6 partial', 'SUP-001 Mapping 18 high'],
    );
    const checks = scanFiles(
      [{ path: 'template.yaml', text: template }],
      ALL_RULES.filter(rule => rule.meta.id === 'DLQ-002'),
      { parseRule: false },
    ).checks;
    expect(checks.map(check => check.passed)).toEqual([false, false]);
  });

  it('CloudFormation: a Fn::ForEach resource whose Condition is false by default is judged (the stack without defaults has no loop over one)', () => {
    const template = `Transform: AWS::LanguageExtensions
Parameters:
  Names: { Type: CommaDelimitedList, Default: 'orders,billing' }
  WithDlq: { Type: String, Default: 'no' }
Conditions:
  Dlq: !Equals [!Ref WithDlq, 'yes']
Resources:
  Fn::ForEach::Queues:
    - Name
    - !Ref Names
    - '\${Name}Dlq':
        Type: AWS::SQS::Queue
        Condition: Dlq
`;
    expect(scan({ 'template.yaml': template }, ['ENC-003'])).toEqual([
      'ENC-003 ordersDlq 11 partial',
      'ENC-003 billingDlq 11 partial',
    ]);
    // Over a list written in the template, the stack without defaults has them too, and judges them,
    // whatever other loop runs over a default.
    const literal = template.replace(
      '    - !Ref Names',
      '    - [orders, billing]',
    );
    expect(scan({ 'template.yaml': literal }, ['ENC-003'])).toEqual([
      'ENC-003 ordersDlq 11 partial',
      'ENC-003 billingDlq 11 partial',
    ]);
    const besideLoopOverDefault = `${literal}  Fn::ForEach::Topics:
    - Topic
    - !Ref Names
    - '\${Topic}Topic':
        Type: AWS::SNS::Topic
`;
    expect(
      scan({ 'template.yaml': besideLoopOverDefault }, ['ENC-003']),
    ).toEqual([
      'ENC-003 ordersDlq 11 partial',
      'ENC-003 billingDlq 11 partial',
    ]);
  });

  it('CloudFormation: a failure reported at another place without the defaults is the same failure (one IAM-004 per table)', () => {
    const template = `Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  IsProd: !Equals [!Ref Env, prod]
Resources:
  ProdTopic:
    Type: AWS::SNS::Topic
    Condition: IsProd
  Table:
    Type: AWS::DynamoDB::Table
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          DEBUG_TABLE: !If [IsDev, !Ref Table, '']
          TABLE: !Ref Table
`;
    expect(scan({ 'template.yaml': template }, ['IAM-004'])).toEqual([
      'IAM-004 Fn 24 partial',
    ]);
  });

  it('SAM: the implicit API stays the same resource when the first function with an Api event is left out by a default', () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Parameters:
  EnableAdmin: { Type: String, Default: 'false' }
Conditions:
  AdminOn: !Equals [!Ref EnableAdmin, 'true']
Globals:
  Api:
    OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
Resources:
  AdminFn:
    Type: AWS::Serverless::Function
    Condition: AdminOn
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Admin: { Type: Api, Properties: { Path: /admin, Method: get } }
  PublicFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Pub: { Type: Api, Properties: { Path: /pub, Method: get } }
`;
    expect(scan({ 'template.yaml': template }, ['LOG-003', 'LOG-004'])).toEqual(
      [
        'LOG-003 AdminFn 10 partial',
        'LOG-003 PublicFn 18 high',
        'LOG-004 PublicFn 24 high',
      ],
    );
  });

  it("SAM: the implicit REST and HTTP APIs' stages are judged apart", () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: { Type: String, Default: dev }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Globals:
  Api:
    OpenApiVersion: '3.0.1' # no stage Stage beside the API's own
    AccessLogSetting: !If [IsProd, { DestinationArn: arn:aws:logs:eu-west-1:123456789012:log-group:api, Format: x }, !Ref AWS::NoValue]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      CodeUri: src
      Events:
        Rest:
          Type: Api
          Properties: { Path: /a, Method: get }
        Http:
          Type: HttpApi
          Properties: { Path: /b, Method: get }
`;
    expect(scan({ 'template.yaml': template }, ['LOG-004'])).toEqual([
      'LOG-004 Fn 18 partial',
      'LOG-004 Fn 21 high',
    ]);
  });

  it('SAM: each resource SAM generates from an event is judged apart, on its event', () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Buffered: { Type: String, Default: 'true' }
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: a.b
      CodeUri: src
      Events:
        Always:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            SqsSubscription: true
        Maybe:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            SqsSubscription: !Ref Buffered
`;
    expect(scan({ 'template.yaml': template }, ['DLQ-002'])).toEqual([
      'DLQ-002 Fn 14 high',
      'DLQ-002 Fn 19 partial',
    ]);
  });

  it('Terraform: a variable default, directly or through a local read more than once; a value set in terraform.tfvars is known', () => {
    const main = `variable "env" {
  default = "dev"
}
variable "key_arn" {}
locals {
  is_prod = var.env == "prod"
}
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app"
  retention_in_days = 30
  kms_key_id        = local.is_prod ? var.key_arn : null
}
resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit"
  retention_in_days = 30
  kms_key_id        = local.is_prod ? var.key_arn : null
}
resource "aws_cloudwatch_log_group" "trail" {
  name              = "/trail"
  retention_in_days = 30
  kms_key_id        = var.env == "dev" ? null : var.key_arn
}
`;
    expect(scan({ 'stack/main.tf': main }, ['ENC-001'])).toEqual([
      'ENC-001 aws_cloudwatch_log_group.app 8 partial',
      'ENC-001 aws_cloudwatch_log_group.audit 13 partial',
      'ENC-001 aws_cloudwatch_log_group.trail 18 partial',
    ]);
    expect(
      scan(
        { 'stack/main.tf': main, 'stack/terraform.tfvars': 'env = "dev"\n' },
        ['ENC-001'],
      ),
    ).toEqual([
      'ENC-001 aws_cloudwatch_log_group.app 8 high',
      'ENC-001 aws_cloudwatch_log_group.audit 13 high',
      'ENC-001 aws_cloudwatch_log_group.trail 18 high',
    ]);
  });

  it('Terraform: a resource a default leaves out, and a failure proven whatever the defaults', () => {
    const main = `variable "create_alarm" {
  default = false
}
variable "prefix" {
  default = "orders"
}
resource "aws_lambda_function" "fn" {
  function_name = "orders-fn"
  role          = "arn:aws:iam::123456789012:role/fn"
}
resource "aws_cloudwatch_metric_alarm" "errors" {
  count       = var.create_alarm ? 1 : 0
  namespace   = "AWS/Lambda"
  metric_name = "Errors"
  dimensions  = { FunctionName = aws_lambda_function.fn.function_name }
}
resource "aws_cloudwatch_log_group" "fn" {
  name = "/aws/lambda/\${var.prefix}-fn"
}
`;
    expect(scan({ 'stack/main.tf': main }, ['ALM-001', 'LOG-002'])).toEqual([
      'ALM-001 aws_lambda_function.fn 7 partial',
      'LOG-002 aws_cloudwatch_log_group.fn 17 high',
    ]);
  });

  it("Terraform: a user's attachment a default leaves out, and an AWS managed policy a data source finds by a name a default gives", () => {
    const main = `variable "debug_admin" {
  default = false
}
variable "ops_policy" {
  default = "AdministratorAccess"
}
resource "aws_iam_user" "ci" {
  name = "ci"
}
resource "aws_iam_user_policy_attachment" "admin" {
  count      = var.debug_admin ? 1 : 0
  user       = aws_iam_user.ci.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
data "aws_iam_policy" "ops" {
  name = var.ops_policy
}
resource "aws_iam_group" "ops" {
  name = "ops"
}
resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = data.aws_iam_policy.ops.arn
}
`;
    expect(scan({ 'stack/main.tf': main }, ['IAM-002'])).toEqual([
      'IAM-002 aws_iam_user.ci 13 partial',
      'IAM-002 aws_iam_group.ops 23 partial',
    ]);
  });

  it('Terraform: what an attachment a default leaves out gives a role, with the check it fails', () => {
    const main = `variable "debug_admin" {
  default = false
}
resource "aws_iam_role" "fn" {
  assume_role_policy = "{}"
}
resource "aws_iam_role_policy_attachment" "admin" {
  count      = var.debug_admin ? 1 : 0
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`;
    expect(scan({ 'stack/main.tf': main }, ['IAM-002'])).toEqual([
      'IAM-002 aws_iam_role.fn 10 partial',
    ]);
    const checksOf = (text: string) =>
      scanFiles(
        [{ path: 'stack/main.tf', text }],
        ALL_RULES.filter(rule => rule.meta.id === 'IAM-002'),
        { parseRule: false },
      ).checks.filter(check => check.ruleId === 'IAM-002');
    expect(checksOf(main).map(check => check.passed)).toEqual([false]);
    // Suppressed, it fails no check.
    const suppressed = main.replace(
      'resource "aws_iam_role" "fn" {',
      '# infra-compliance:suppress=IAM-002:break-glass access, removed after the incident\nresource "aws_iam_role" "fn" {',
    );
    expect(checksOf(suppressed).map(check => check.passed)).toEqual([true]);
    // Suppressed on a role the stack with defaults judges too (it has a policy that passes), it fails no check either.
    const judged = suppressed.replace(
      '  assume_role_policy = "{}"',
      '  assume_role_policy  = "{}"\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]',
    );
    expect(checksOf(judged).map(check => check.passed)).toEqual([true]);
    // Beside a failure with the defaults, at another place of the role.
    const withInline = main.replace(
      '  assume_role_policy = "{}"',
      '  assume_role_policy = "{}"\n  inline_policy {\n    name   = "s3"\n    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })\n  }',
    );
    expect(scan({ 'stack/main.tf': withInline }, ['IAM-002'])).toEqual([
      'IAM-002 aws_iam_role.fn 8 high',
      'IAM-002 aws_iam_role.fn 14 partial',
    ]);
  });

  it('Terraform: a module two stacks share is proven when either stack proves it', () => {
    const module = `variable "kms_key" {}
resource "aws_cloudwatch_log_group" "this" {
  name              = "/app"
  retention_in_days = 30
  kms_key_id        = var.kms_key
}
`;
    const files = {
      'modules/logs/main.tf': module,
      'a/main.tf':
        'variable "kms" {\n  default = null\n}\nmodule "logs" {\n  source  = "../modules/logs"\n  kms_key = var.kms\n}\n',
      'b/main.tf':
        'module "logs" {\n  source  = "../modules/logs"\n  kms_key = null\n}\n',
    };
    expect(scan(files, ['ENC-001'])).toEqual([
      'ENC-001 module.logs.aws_cloudwatch_log_group.this 2 high',
    ]);
    expect(
      scan(
        { 'modules/logs/main.tf': module, 'a/main.tf': files['a/main.tf'] },
        ['ENC-001'],
      ),
    ).toEqual(['ENC-001 module.logs.aws_cloudwatch_log_group.this 2 partial']);
    // A module's own default is its caller's choice, not the deployer's.
    const ownDefault =
      'variable "kms_key" {\n  default = null\n}\nresource "aws_cloudwatch_log_group" "this" {\n  name = "/app"\n  retention_in_days = 30\n  kms_key_id = var.kms_key\n}\n';
    expect(
      scan(
        {
          'modules/logs/main.tf': ownDefault,
          'c/main.tf': 'module "logs" {\n  source = "../modules/logs"\n}\n',
        },
        ['ENC-001'],
      ),
    ).toEqual(['ENC-001 module.logs.aws_cloudwatch_log_group.this 4 high']);
  });

  it('Terraform: what an attachment configures with a default', () => {
    const main = `variable "policy_arn" {
  default = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role" "worker" {
  name               = "worker"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_iam_role_policy_attachment" "worker" {
  role       = aws_iam_role.worker.name
  policy_arn = var.policy_arn
}
`;
    expect(scan({ 'stack/main.tf': main }, ['IAM-002'])).toEqual([
      'IAM-002 aws_iam_role.worker 10 partial',
    ]);
  });
});
