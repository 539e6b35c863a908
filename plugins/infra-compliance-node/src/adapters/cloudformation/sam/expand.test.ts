import { permissionsOf, grants, roleOf } from '../../../analysis/iam';
import { triggersOf } from '../../../analysis/lambda';
import { lineOfPath } from '../../../graph/locations';
import { Resource, ResourceGraph } from '../../../graph/ResourceGraph';
import {
  Ref,
  Template,
  Unknown,
  Value,
  describeValue,
  refersTo,
} from '../../../graph/values';
import { cloudFormationAdapter } from '../index';

const MANAGED = 'arn:aws:iam::aws:policy/';
const BASIC = `${MANAGED}service-role/AWSLambdaBasicExecutionRole`;
const XRAY = `${MANAGED}AWSXrayWriteOnlyAccess`;
const SQS_EXECUTION = `${MANAGED}service-role/AWSLambdaSQSQueueExecutionRole`;
const KINESIS_EXECUTION = `${MANAGED}service-role/AWSLambdaKinesisExecutionRole`;
const DYNAMODB_EXECUTION = `${MANAGED}service-role/AWSLambdaDynamoDBExecutionRole`;

const TEMPLATE = `
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 10
    MemorySize: 256
    Environment:
      Variables:
        FROM_GLOBALS: global
        OVERRIDDEN: global
    Layers:
      - arn:aws:lambda:eu-west-1:123456789012:layer:global:1
  Api:
    TracingEnabled: true
    MethodSettings:
      - ResourcePath: "/*"
        HttpMethod: "*"
        LoggingLevel: ERROR
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Dlq:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PrimaryKey: { Name: id, Type: String }
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: src/
      Timeout: 30
      Tracing: Active
      Environment:
        Variables:
          OVERRIDDEN: local
          TABLE: !Ref Table
      Layers:
        - arn:aws:lambda:eu-west-1:123456789012:layer:local:1
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt Dlq.Arn
      EventInvokeConfig:
        MaximumRetryAttempts: 1
        DestinationConfig:
          OnFailure:
            Type: SQS
            Destination: !GetAtt Dlq.Arn
      Policies:
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Queue.QueueName
        - DynamoDBCrudPolicy:
            TableName: !Ref Table
        - SNSPublishMessagePolicy:
            TopicName: !GetAtt Topic.TopicName
        - LambdaInvokePolicy:
            FunctionName: !Ref Plain
      Events:
        FromQueue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            BatchSize: 5
        FromTopic:
          Type: SNS
          Properties:
            Topic: !Ref Topic
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
        GetOrder:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
        HttpGet:
          Type: HttpApi
  Plain:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      InlineCode: "exports.handler = async () => {}"
  Streams:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      DeadLetterQueue:
        Type: SNS
        TargetArn: !Ref Topic
      Policies:
        - AWSLambdaExecute
        - NotARealPolicyTemplate:
            Whatever: x
      Events:
        Kinesis:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Stream.Arn
            StartingPosition: LATEST
        Ddb:
          Type: DynamoDB
          Properties:
            Stream: !ImportValue TableStreamArn
            StartingPosition: TRIM_HORIZON
  WithRole:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Role: !GetAtt ExternalRole.Arn
      Policies:
        - SQSSendMessagePolicy:
            QueueName: ignored
  ExternalRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
`;

/**
 * 1-based line of the line of TEMPLATE that is exactly `text` (after trimming
 * the right); `nth` picks one of several.
 */
function lineOf(text: string, nth?: number): number {
  const lines = TEMPLATE.split('\n');
  const matches = lines.flatMap((line, index) =>
    line.trimEnd() === text ? [index + 1] : [],
  );
  if (nth !== undefined) return matches[nth];
  if (matches.length !== 1)
    throw new Error(`"${text}" is on ${matches.length} lines`);
  return matches[0];
}

function load(text: string): ResourceGraph {
  const result = cloudFormationAdapter.load([{ path: 'template.yaml', text }]);
  expect(result.errors).toEqual([]);
  expect(result.graphs).toHaveLength(1);
  return result.graphs[0];
}

function get(graph: ResourceGraph, id: string): Resource {
  const resource = graph.get(id);
  if (!resource)
    throw new Error(
      `no resource ${id}; have ${[...graph.resources]
        .map(r => r.id)
        .join(', ')}`,
    );
  return resource;
}

const graph = load(TEMPLATE);

describe('SAM expansion: resources and ids', () => {
  it('generates the resources SAM generates, with SAM logical ids', () => {
    expect(
      [...graph.resources]
        .map(r => [r.id, r.type, r.generatedBy])
        .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    ).toEqual([
      ['Dlq', 'AWS::SQS::Queue', undefined],
      ['ExternalRole', 'AWS::IAM::Role', undefined],
      ['Orders', 'AWS::Lambda::Function', undefined],
      ['OrdersEventInvokeConfig', 'AWS::Lambda::EventInvokeConfig', 'Orders'],
      ['OrdersFromQueue', 'AWS::Lambda::EventSourceMapping', 'Orders'],
      ['OrdersFromTopic', 'AWS::SNS::Subscription', 'Orders'],
      ['OrdersFromTopicPermission', 'AWS::Lambda::Permission', 'Orders'],
      ['OrdersGetOrderPermissionProd', 'AWS::Lambda::Permission', 'Orders'],
      ['OrdersHttpGetPermission', 'AWS::Lambda::Permission', 'Orders'],
      ['OrdersNightly', 'AWS::Events::Rule', 'Orders'],
      ['OrdersNightlyPermission', 'AWS::Lambda::Permission', 'Orders'],
      ['OrdersRole', 'AWS::IAM::Role', 'Orders'],
      ['Plain', 'AWS::Lambda::Function', undefined],
      ['PlainRole', 'AWS::IAM::Role', 'Plain'],
      ['Queue', 'AWS::SQS::Queue', undefined],
      ['ServerlessHttpApi', 'AWS::ApiGatewayV2::Api', 'Orders'],
      [
        'ServerlessHttpApiApiGatewayDefaultStage',
        'AWS::ApiGatewayV2::Stage',
        'Orders',
      ],
      ['ServerlessRestApi', 'AWS::ApiGateway::RestApi', 'Orders'],
      // SAM's id ends with a hash of the definition.
      ['ServerlessRestApiDeployment', 'AWS::ApiGateway::Deployment', 'Orders'],
      ['ServerlessRestApiProdStage', 'AWS::ApiGateway::Stage', 'Orders'],
      ['Stream', 'AWS::Kinesis::Stream', undefined],
      ['Streams', 'AWS::Lambda::Function', undefined],
      ['StreamsDdb', 'AWS::Lambda::EventSourceMapping', 'Streams'],
      ['StreamsKinesis', 'AWS::Lambda::EventSourceMapping', 'Streams'],
      ['StreamsRole', 'AWS::IAM::Role', 'Streams'],
      ['Table', 'AWS::DynamoDB::Table', undefined],
      ['Topic', 'AWS::SNS::Topic', undefined],
      ['WithRole', 'AWS::Lambda::Function', undefined],
    ]);
  });

  it('keeps the SAM type as sourceType', () => {
    expect(get(graph, 'Orders').sourceType).toBe('AWS::Serverless::Function');
    expect(get(graph, 'Table').sourceType).toBe('AWS::Serverless::SimpleTable');
    expect(get(graph, 'OrdersRole').sourceType).toBe(
      'AWS::Serverless::Function',
    );
    expect(get(graph, 'Queue').sourceType).toBeUndefined();
  });

  it('gives generated resources the line of their SAM source (events: the event line)', () => {
    const orders = lineOf('  Orders:');
    expect(get(graph, 'Orders').line).toBe(orders);
    expect(get(graph, 'OrdersRole').line).toBe(orders);
    expect(get(graph, 'OrdersEventInvokeConfig').line).toBe(
      lineOf('      EventInvokeConfig:'),
    );
    expect(get(graph, 'OrdersFromQueue').line).toBe(
      lineOf('        FromQueue:'),
    );
    expect(get(graph, 'OrdersFromTopic').line).toBe(
      lineOf('        FromTopic:'),
    );
    expect(get(graph, 'OrdersFromTopicPermission').line).toBe(
      lineOf('        FromTopic:'),
    );
    expect(get(graph, 'OrdersNightly').line).toBe(lineOf('        Nightly:'));
    expect(get(graph, 'ServerlessRestApi').line).toBe(
      lineOf('        GetOrder:'),
    );
    expect(get(graph, 'ServerlessRestApiProdStage').line).toBe(
      lineOf('        GetOrder:'),
    );
    expect(get(graph, 'OrdersGetOrderPermissionProd').line).toBe(
      lineOf('        GetOrder:'),
    );
    expect(get(graph, 'ServerlessHttpApi').line).toBe(
      lineOf('        HttpGet:'),
    );
    expect(get(graph, 'StreamsKinesis').line).toBe(lineOf('        Kinesis:'));
    expect(get(graph, 'Table').line).toBe(lineOf('  Table:'));
    expect(get(graph, 'PlainRole').line).toBe(lineOf('  Plain:'));
  });

  it('maps the function properties to AWS::Lambda::Function names, with their lines', () => {
    const fn = get(graph, 'Orders');
    expect(fn.properties.Code).toBe('src/');
    expect(fn.properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.properties.DeadLetterConfig).toEqual({
      TargetArn: new Ref('Dlq', 'Arn'),
    });
    expect(fn.properties.Role).toEqual(new Ref('OrdersRole', 'Arn'));
    expect(lineOfPath(fn.properties, ['TracingConfig'], 0)).toBe(
      lineOf('      Tracing: Active'),
    );
    expect(lineOfPath(fn.properties, ['DeadLetterConfig'], 0)).toBe(
      lineOf('      DeadLetterQueue:', 0),
    );
    expect(lineOfPath(fn.properties, ['Timeout'], 0)).toBe(
      lineOf('      Timeout: 30'),
    );
    expect(get(graph, 'Plain').properties.Code).toEqual({
      ZipFile: 'exports.handler = async () => {}',
    });
  });

  it("gives an event source mapping's properties the lines of the event's", () => {
    const mapping = get(graph, 'StreamsKinesis');
    expect(lineOfPath(mapping.properties, ['EventSourceArn'], 0)).toBe(
      lineOf('            Stream: !GetAtt Stream.Arn'),
    );
    expect(lineOfPath(mapping.properties, ['StartingPosition'], 0)).toBe(
      lineOf('            StartingPosition: LATEST'),
    );
    expect(lineOfPath(mapping.properties, ['FunctionName'], 0)).toBe(
      lineOf('        Kinesis:'),
    );
  });
});

describe('SAM Globals', () => {
  const orders = () => get(graph, 'Orders').properties;
  const plain = () => get(graph, 'Plain').properties;

  it('lets the function override a scalar', () => {
    expect(orders().Timeout).toBe(30);
    expect(plain().Timeout).toBe(10);
    expect(orders().Runtime).toBe('nodejs22.x');
    expect(orders().MemorySize).toBe(256);
  });

  it('merges maps key by key', () => {
    expect(orders().Environment).toEqual({
      Variables: {
        FROM_GLOBALS: 'global',
        OVERRIDDEN: 'local',
        TABLE: new Ref('Table'),
      },
    });
    expect(plain().Environment).toEqual({
      Variables: { FROM_GLOBALS: 'global', OVERRIDDEN: 'global' },
    });
  });

  it('concatenates lists, globals first', () => {
    expect(orders().Layers).toEqual([
      'arn:aws:lambda:eu-west-1:123456789012:layer:global:1',
      'arn:aws:lambda:eu-west-1:123456789012:layer:local:1',
    ]);
  });

  it('gives a merged key the line where it is written', () => {
    expect(
      lineOfPath(orders(), ['Environment', 'Variables', 'OVERRIDDEN'], 0),
    ).toBe(lineOf('          OVERRIDDEN: local'));
    expect(lineOfPath(plain(), ['Runtime'], 0)).toBe(
      lineOf('    Runtime: nodejs22.x'),
    );
  });

  it('applies Globals.Api to the implicit API stage', () => {
    const stage = get(graph, 'ServerlessRestApiProdStage').properties;
    expect(stage.TracingEnabled).toBe(true);
    expect(stage.MethodSettings).toEqual([
      { ResourcePath: '/*', HttpMethod: '*', LoggingLevel: 'ERROR' },
    ]);
    expect(stage.StageName).toBe('Prod');
    expect(stage.RestApiId).toEqual(new Ref('ServerlessRestApi'));
  });
});

describe('SAM Globals and explicit APIs', () => {
  const g = load(`
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Tracing: Active
  Api:
    TracingEnabled: true
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: live
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Events:
        Get:
          Type: Api
          Properties:
            RestApiId: !Ref Api
            Path: /
            Method: get
`);

  it('takes Tracing from Globals.Function, and adds the X-Ray policy for it', () => {
    expect(get(g, 'Fn').properties.TracingConfig).toEqual({ Mode: 'Active' });
    expect(get(g, 'FnRole').properties.ManagedPolicyArns).toEqual([
      BASIC,
      XRAY,
    ]);
  });

  it('expands an explicit Serverless::Api (with Globals.Api) and creates no implicit API', () => {
    expect(get(g, 'Api').type).toBe('AWS::ApiGateway::RestApi');
    expect(get(g, 'Api').generatedBy).toBeUndefined();
    expect(get(g, 'ApiliveStage').properties).toMatchObject({
      RestApiId: new Ref('Api'),
      StageName: 'live',
      TracingEnabled: true,
    });
    expect(get(g, 'ApiliveStage').line).toBe(12);
    expect(g.get('ServerlessRestApi')).toBeUndefined();
    expect(
      refersTo(get(g, 'FnGetPermissionProd').properties.SourceArn, 'Api'),
    ).toBe(true);
  });
});

describe('SAM implicit function role', () => {
  const managed = (id: string) => get(graph, id).properties.ManagedPolicyArns;

  it('always attaches AWSLambdaBasicExecutionRole', () => {
    expect(managed('PlainRole')).toEqual([BASIC]);
  });

  it('adds AWSXrayWriteOnlyAccess only with Tracing: Active', () => {
    expect(managed('OrdersRole')).toContain(XRAY);
    expect(managed('PlainRole')).not.toContain(XRAY);
  });

  it('adds the execution role policy of SQS, Kinesis and DynamoDB event sources', () => {
    expect(managed('OrdersRole')).toEqual([BASIC, XRAY, SQS_EXECUTION]);
    expect(managed('StreamsRole')).toEqual([
      BASIC,
      `${MANAGED}AWSLambdaExecute`,
      KINESIS_EXECUTION,
      DYNAMODB_EXECUTION,
    ]);
  });

  it('generates no role when the function names one', () => {
    expect(graph.get('WithRoleRole')).toBeUndefined();
    expect(get(graph, 'WithRole').properties.Role).toEqual(
      new Ref('ExternalRole', 'Arn'),
    );
    expect(roleOf(graph, get(graph, 'WithRole'))?.id).toBe('ExternalRole');
  });

  it('is the role of the function', () => {
    expect(roleOf(graph, get(graph, 'Orders'))?.id).toBe('OrdersRole');
    expect(
      get(graph, 'OrdersRole').properties.AssumeRolePolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
  });

  describe('policy templates', () => {
    const policies = () =>
      get(graph, 'OrdersRole').properties.Policies as any[];
    const statementOf = (name: string) =>
      policies().find(policy => policy.PolicyName === name)!.PolicyDocument
        .Statement as any[];

    it('expands each into a named inline policy', () => {
      expect(policies().map(policy => policy.PolicyName)).toEqual([
        'OrdersRolePolicy0',
        'OrdersRolePolicy1',
        'OrdersRolePolicy2',
        'OrdersRolePolicy3',
        'OrdersDeadLetterQueuePolicy',
        'OrdersEventInvokeConfigOnFailurePolicy',
      ]);
    });

    it.each<[string, string, string, string[]]>([
      [
        'OrdersRolePolicy0',
        'SQSSendMessagePolicy',
        'Queue',
        ['sqs:SendMessage*'],
      ],
      [
        'OrdersRolePolicy1',
        'DynamoDBCrudPolicy',
        'Table',
        ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      ],
      [
        'OrdersRolePolicy2',
        'SNSPublishMessagePolicy',
        'Topic',
        ['sns:Publish'],
      ],
      [
        'OrdersRolePolicy3',
        'LambdaInvokePolicy',
        'Plain',
        ['lambda:InvokeFunction'],
      ],
    ])('%s (%s) allows on %s', (name, _template, target, actions) => {
      const [statement] = statementOf(name);
      expect(statement.Effect).toBe('Allow');
      expect(statement.Action).toEqual(expect.arrayContaining(actions));
      const resources = statement.Resource as Value[];
      expect(resources.length).toBeGreaterThan(0);
      for (const resource of resources) {
        expect(resource).toBeInstanceOf(Template);
        expect(refersTo(resource, target)).toBe(true);
      }
    });

    it('builds the ARN the template builds', () => {
      const [statement] = statementOf('OrdersRolePolicy0');
      expect(describeValue(statement.Resource[0])).toBe(
        'arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:<Queue.QueueName>',
      );
      const [table] = statementOf('OrdersRolePolicy1');
      expect(table.Resource.map(describeValue)).toEqual([
        'arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<Table>',
        'arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<Table>/index/*',
      ]);
    });

    it('adds the permission SAM adds for the dead-letter queue and destinations', () => {
      expect(statementOf('OrdersDeadLetterQueuePolicy')).toEqual([
        {
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: new Ref('Dlq', 'Arn'),
        },
      ]);
      expect(statementOf('OrdersEventInvokeConfigOnFailurePolicy')).toEqual([
        {
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: new Ref('Dlq', 'Arn'),
        },
      ]);
      const streams = get(graph, 'StreamsRole').properties.Policies as any[];
      expect(
        streams.find(p => p.PolicyName === 'StreamsDeadLetterQueuePolicy')
          .PolicyDocument.Statement,
      ).toEqual([
        {
          Effect: 'Allow',
          Action: ['sns:Publish'],
          Resource: new Ref('Topic'),
        },
      ]);
    });

    it('keeps an unknown policy template as an unreadable policy: permissions incomplete', () => {
      const streams = get(graph, 'StreamsRole').properties.Policies as any[];
      expect(
        streams.find(p => p.PolicyName === 'StreamsRolePolicy1').PolicyDocument,
      ).toEqual(new Unknown('SAM policy template NotARealPolicyTemplate'));
      expect(permissionsOf(graph, get(graph, 'StreamsRole')).complete).toBe(
        false,
      );
      expect(permissionsOf(graph, get(graph, 'OrdersRole')).complete).toBe(
        true,
      );
      expect(permissionsOf(graph, get(graph, 'PlainRole')).complete).toBe(true);
    });
  });
});

describe('SAM events', () => {
  it('SQS: an event source mapping reading the queue', () => {
    expect(get(graph, 'OrdersFromQueue').properties).toEqual({
      EventSourceArn: new Ref('Queue', 'Arn'),
      FunctionName: new Ref('Orders'),
      BatchSize: 5,
    });
  });

  it('Kinesis and DynamoDB: event source mappings (an imported stream stays unknown)', () => {
    expect(get(graph, 'StreamsKinesis').properties).toEqual({
      EventSourceArn: new Ref('Stream', 'Arn'),
      FunctionName: new Ref('Streams'),
      StartingPosition: 'LATEST',
    });
    expect(get(graph, 'StreamsDdb').properties.EventSourceArn).toEqual(
      Unknown.oneValue('import TableStreamArn'),
    );
  });

  it('SNS: a subscription and a permission for SNS', () => {
    expect(get(graph, 'OrdersFromTopic').properties).toEqual({
      Protocol: 'lambda',
      Endpoint: new Ref('Orders', 'Arn'),
      TopicArn: new Ref('Topic'),
    });
    expect(get(graph, 'OrdersFromTopicPermission').properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: new Ref('Orders'),
      Principal: 'sns.amazonaws.com',
      SourceArn: new Ref('Topic'),
    });
  });

  it('SNS with SqsSubscription: a queue SAM creates (or the one named), subscribed to the topic and read by a mapping', () => {
    const subscribed = load(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Own:
    Type: AWS::SQS::Queue
  Fanout:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Created:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            SqsSubscription: true
        Deleted:
          Type: SNS
          Properties:
            Topic: !Ref Topic
            SqsSubscription:
              QueueArn: !GetAtt Own.Arn
              QueueUrl: !Ref Own
              BatchSize: 5
`);
    const generated = [...subscribed.resources]
      .filter(resource => resource.generatedBy === 'Fanout')
      .map(resource => [resource.id, resource.type, resource.line]);
    expect(generated).toEqual([
      ['FanoutCreatedQueue', 'AWS::SQS::Queue', 14],
      ['FanoutCreatedQueuePolicy', 'AWS::SQS::QueuePolicy', 14],
      ['FanoutCreated', 'AWS::SNS::Subscription', 14],
      [
        'FanoutCreatedEventSourceMapping',
        'AWS::Lambda::EventSourceMapping',
        14,
      ],
      ['FanoutDeletedQueuePolicy', 'AWS::SQS::QueuePolicy', 19],
      ['FanoutDeleted', 'AWS::SNS::Subscription', 19],
      [
        'FanoutDeletedEventSourceMapping',
        'AWS::Lambda::EventSourceMapping',
        19,
      ],
      ['FanoutRole', 'AWS::IAM::Role', 8],
    ]);
    expect(get(subscribed, 'FanoutCreated').properties).toEqual({
      Protocol: 'sqs',
      Endpoint: new Ref('FanoutCreatedQueue', 'Arn'),
      TopicArn: new Ref('Topic'),
    });
    expect(
      get(subscribed, 'FanoutDeletedEventSourceMapping').properties,
    ).toEqual({
      EventSourceArn: new Ref('Own', 'Arn'),
      FunctionName: new Ref('Fanout'),
      BatchSize: 5,
      Enabled: true,
    });
    // The function polls: no permission for SNS, and its role may read the queues.
    expect(
      triggersOf(subscribed, get(subscribed, 'Fanout')).map(trigger => [
        trigger.kind,
        trigger.via.id,
      ]),
    ).toEqual([
      ['poll', 'FanoutCreatedEventSourceMapping'],
      ['poll', 'FanoutDeletedEventSourceMapping'],
    ]);
    expect(
      get(subscribed, 'FanoutRole').properties.ManagedPolicyArns,
    ).toContain(SQS_EXECUTION);
  });

  it('Schedule: an EventBridge rule targeting the function, and a permission', () => {
    expect(get(graph, 'OrdersNightly').properties).toEqual({
      ScheduleExpression: 'rate(1 day)',
      Targets: [
        { Arn: new Ref('Orders', 'Arn'), Id: 'OrdersNightlyLambdaTarget' },
      ],
    });
    expect(get(graph, 'OrdersNightlyPermission').properties.Principal).toBe(
      'events.amazonaws.com',
    );
  });

  it('Api: the implicit ServerlessRestApi, its Prod stage and a permission', () => {
    expect(get(graph, 'ServerlessRestApi').type).toBe(
      'AWS::ApiGateway::RestApi',
    );
    const permission = get(graph, 'OrdersGetOrderPermissionProd').properties;
    expect(permission.Principal).toBe('apigateway.amazonaws.com');
    expect(refersTo(permission.SourceArn, 'ServerlessRestApi')).toBe(true);
  });

  it('HttpApi: the implicit ServerlessHttpApi and its default stage', () => {
    expect(get(graph, 'ServerlessHttpApi').properties).toEqual({
      ProtocolType: 'HTTP',
    });
    expect(
      get(graph, 'ServerlessHttpApiApiGatewayDefaultStage').properties,
    ).toEqual({
      ApiId: new Ref('ServerlessHttpApi'),
      StageName: '$default',
      AutoDeploy: true,
    });
    expect(get(graph, 'OrdersHttpGetPermission').properties.Principal).toBe(
      'apigateway.amazonaws.com',
    );
  });

  it('EventInvokeConfig: an AWS::Lambda::EventInvokeConfig with its destinations', () => {
    expect(get(graph, 'OrdersEventInvokeConfig').properties).toEqual({
      FunctionName: new Ref('Orders'),
      Qualifier: '$LATEST',
      DestinationConfig: { OnFailure: { Destination: new Ref('Dlq', 'Arn') } },
      MaximumRetryAttempts: 1,
    });
  });

  it('SimpleTable: an on-demand DynamoDB table', () => {
    expect(get(graph, 'Table').properties).toEqual({
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('EventInvokeConfig of a function with AutoPublishAlias: of the alias, as SAM writes its Qualifier', () => {
    const g = load(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      AutoPublishAlias: live
      EventInvokeConfig:
        MaximumRetryAttempts: 0
`);
    expect(get(g, 'FnEventInvokeConfig').properties).toEqual({
      FunctionName: new Ref('Fn'),
      Qualifier: 'live',
      DestinationConfig: {},
      MaximumRetryAttempts: 0,
    });
    expect(get(g, 'FnAliaslive').properties.Name).toBe('live');
  });

  it('creates the destination queue SAM creates when none is given', () => {
    const g = load(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
`);
    expect(get(g, 'FnEventInvokeConfigOnFailureQueue').type).toBe(
      'AWS::SQS::Queue',
    );
    expect(get(g, 'FnEventInvokeConfigOnFailureQueue').line).toBe(10);
    expect(get(g, 'FnEventInvokeConfig').properties.DestinationConfig).toEqual({
      OnFailure: {
        Destination: new Ref('FnEventInvokeConfigOnFailureQueue', 'Arn'),
      },
    });
  });

  it('lets the template name the queues and topics SAM creates for EventInvokeConfig and SqsSubscription', () => {
    const g = load(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      EventInvokeConfig:
        DestinationConfig:
          OnFailure:
            Type: SQS
          OnSuccess:
            Type: SNS
      Events:
        Orders:
          Type: SNS
          Properties:
            Topic: !ImportValue orders-topic
            SqsSubscription: true
Outputs:
  Failures:
    Value: !GetAtt FnEventInvokeConfigOnFailureQueue.Arn
  Successes:
    Value: !Ref FnEventInvokeConfigOnSuccessTopic
  Buffer:
    Value: !Ref FnOrdersQueue
`);
    expect(g.outputs.map(output => output.value)).toEqual([
      new Ref('FnEventInvokeConfigOnFailureQueue', 'Arn'),
      new Ref('FnEventInvokeConfigOnSuccessTopic'),
      new Ref('FnOrdersQueue'),
    ]);
    expect(get(g, 'FnOrdersQueue').type).toBe('AWS::SQS::Queue');
  });

  it("creates the dead-letter queue SAM creates for a function's or state machine's rule or schedule event with DeadLetterConfig Type SQS", () => {
    const g = load(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Events:
        Hourly:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
            DeadLetterConfig:
              Type: SQS
        Changed:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [crm] }
            DeadLetterConfig:
              Type: SQS
              QueueLogicalId: CrmDlq
        Nightly:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(1 day)
            DeadLetterConfig:
              Type: SQS
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }
      Events:
        Daily:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
            DeadLetterConfig:
              Type: SQS
  CrmDlqDepth:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Dimensions:
        - Name: QueueName
          Value: !GetAtt CrmDlq.QueueName
`);
    for (const [id, line] of [
      ['FnHourlyQueue', 13],
      ['CrmDlq', 19],
      ['FnNightlyQueue', 26],
      ['FlowDailyQueue', 37],
    ] as const) {
      expect(get(g, id).type).toBe('AWS::SQS::Queue');
      expect(get(g, id).properties).toEqual({});
      expect(get(g, id).line).toBe(line);
    }
    expect(get(g, 'FnHourly').properties.Targets).toEqual([
      expect.objectContaining({
        DeadLetterConfig: { Arn: new Ref('FnHourlyQueue', 'Arn') },
      }),
    ]);
    expect(get(g, 'FnChanged').properties.Targets).toEqual([
      expect.objectContaining({
        DeadLetterConfig: { Arn: new Ref('CrmDlq', 'Arn') },
      }),
    ]);
    expect(get(g, 'FnNightly').properties.Target).toEqual(
      expect.objectContaining({
        DeadLetterConfig: { Arn: new Ref('FnNightlyQueue', 'Arn') },
      }),
    );
    expect(get(g, 'FlowDaily').properties.Targets).toEqual([
      {
        Arn: new Ref('Flow'),
        Id: 'FlowDailyStepFunctionsTarget',
        RoleArn: expect.any(Unknown),
        DeadLetterConfig: { Arn: new Ref('FlowDailyQueue', 'Arn') },
      },
    ]);
    // The template may name the queue SAM creates by its id.
    expect(get(g, 'CrmDlqDepth').properties.Dimensions).toEqual([
      { Name: 'QueueName', Value: new Ref('CrmDlq', 'QueueName') },
    ]);
  });
});

describe('analysis/lambda triggersOf on expanded SAM', () => {
  const kinds = (id: string) =>
    triggersOf(graph, get(graph, id))
      .map(trigger => `${trigger.kind} ${trigger.via.id}`)
      .sort();

  it('classifies each generated trigger', () => {
    expect(kinds('Orders')).toEqual([
      'async OrdersFromTopic',
      'async OrdersFromTopicPermission',
      'async OrdersNightly',
      'async OrdersNightlyPermission',
      'poll OrdersFromQueue',
      'sync OrdersGetOrderPermissionProd',
      'sync OrdersHttpGetPermission',
    ]);
    expect(kinds('Streams')).toEqual([
      'poll StreamsDdb',
      'poll StreamsKinesis',
    ]);
  });

  it('finds no trigger for a function nothing invokes', () => {
    expect(kinds('Plain')).toEqual([]);
  });
});

describe('analysis/iam grants on expanded SAM', () => {
  const orders = () => permissionsOf(graph, get(graph, 'OrdersRole'));

  it('yes: a policy template on the resource', () => {
    expect(grants(orders(), ['sqs:SendMessage'], get(graph, 'Queue'))).toBe(
      'yes',
    );
    expect(grants(orders(), ['dynamodb:PutItem'], get(graph, 'Table'))).toBe(
      'yes',
    );
    expect(grants(orders(), ['sns:Publish'], get(graph, 'Topic'))).toBe('yes');
    expect(
      grants(orders(), ['lambda:InvokeFunction'], get(graph, 'Plain')),
    ).toBe('yes');
  });

  it('yes: a managed policy (Resource "*") or SAM\'s own DLQ permission', () => {
    expect(grants(orders(), ['logs:PutLogEvents'])).toBe('yes');
    expect(grants(orders(), ['xray:PutTraceSegments'])).toBe('yes');
    expect(grants(orders(), ['sqs:ReceiveMessage'], get(graph, 'Queue'))).toBe(
      'yes',
    );
    expect(grants(orders(), ['sqs:SendMessage'], get(graph, 'Dlq'))).toBe(
      'yes',
    );
  });

  it('no: an action no statement allows, when every policy is known', () => {
    expect(grants(orders(), ['s3:GetObject'])).toBe('no');
    expect(
      grants(
        permissionsOf(graph, get(graph, 'PlainRole')),
        ['sqs:SendMessage'],
        get(graph, 'Queue'),
      ),
    ).toBe('no');
  });

  it('no: a role whose known policies have nothing for the action', () => {
    const plain = permissionsOf(graph, get(graph, 'PlainRole'));
    expect(grants(plain, ['logs:PutLogEvents'], get(graph, 'Queue'))).toBe(
      'yes',
    ); // Resource "*"
    expect(grants(plain, ['sqs:SendMessage'], get(graph, 'Stream'))).toBe('no');
  });

  it('no: a policy template ARN built around another resource does not cover this one', () => {
    // Unknown partition, region and account do not matter: the ARN names the topic or table.
    expect(grants(orders(), ['sns:Publish'], get(graph, 'Queue'))).toBe('no');
    expect(grants(orders(), ['dynamodb:GetItem'], get(graph, 'Queue'))).toBe(
      'no',
    );
  });

  it('unknown: a role with a policy that cannot be read', () => {
    const streams = permissionsOf(graph, get(graph, 'StreamsRole'));
    expect(grants(streams, ['sqs:SendMessage'], get(graph, 'Queue'))).toBe(
      'unknown',
    );
    // ...but what it is known to allow is still a yes.
    expect(grants(streams, ['sns:Publish'], get(graph, 'Topic'))).toBe('yes');
    expect(grants(streams, ['s3:GetObject'])).toBe('yes'); // AWSLambdaExecute
  });
});

describe('analysis/iam grants on written policies', () => {
  const roleGraph = load(`
Parameters:
  BucketArn: { Type: String }
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Other:
    Type: AWS::SQS::Queue
  Named:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:Send*
                Resource: !GetAtt Queue.Arn
              - Effect: Allow
                Action: [s3:GetObject]
                Resource: !Ref BucketArn
              - Effect: Allow
                Action: sqs:DeleteMessage
                Resource: arn:aws:sqs:eu-west-1:123456789012:orders
              - Effect: Deny
                Action: "*"
                Resource: "*"
  Attached:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: attached
      Roles: [!Ref Role]
      PolicyDocument:
        Statement:
          - Effect: Allow
            NotAction: iam:*
            Resource: "*"
  Unknowable:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - arn:aws:iam::123456789012:policy/customer-managed
`);
  const role = () => get(roleGraph, 'Role');
  const permissions = () => ({
    ...permissionsOf(roleGraph, role()),
    statements: permissionsOf(roleGraph, role()).statements.filter(
      s => !s.notAction,
    ),
  });

  it('matches action wildcards, case-insensitively', () => {
    expect(
      grants(permissions(), ['sqs:SendMessage'], get(roleGraph, 'Queue')),
    ).toBe('yes');
    expect(
      grants(permissions(), ['SQS:SENDMESSAGE'], get(roleGraph, 'Queue')),
    ).toBe('yes');
  });

  it('says no for a Ref to another resource', () => {
    expect(
      grants(permissions(), ['sqs:SendMessage'], get(roleGraph, 'Other')),
    ).toBe('no');
  });

  it('says unknown when the statement resource is a parameter without default', () => {
    expect(grants(permissions(), ['s3:GetObject'])).toBe('yes'); // any resource
    expect(
      grants(permissions(), ['s3:GetObject'], get(roleGraph, 'Queue')),
    ).toBe('unknown');
  });

  it('matches a literal ARN to a resource with that physical name', () => {
    expect(
      grants(permissions(), ['sqs:DeleteMessage'], get(roleGraph, 'Named')),
    ).toBe('yes');
    expect(
      grants(permissions(), ['sqs:DeleteMessage'], get(roleGraph, 'Queue')),
    ).toBe('no');
  });

  it('does not subtract Deny statements (rules only report a missing grant)', () => {
    expect(grants(permissions(), ['logs:PutLogEvents'])).toBe('yes');
  });

  it('reads NotAction (from a policy attached to the role) as granting every action but those it lists', () => {
    const all = permissionsOf(roleGraph, role());
    expect(
      all.statements.some(s => s.notAction && s.holder.id === 'Attached'),
    ).toBe(true);
    expect(grants(all, ['dynamodb:GetItem'], get(roleGraph, 'Queue'))).toBe(
      'yes',
    );
    expect(grants(all, ['iam:PassRole'])).toBe('no');
    expect(
      grants(all, ['iam:PassRole', 'sqs:SendMessage'], get(roleGraph, 'Other')),
    ).toBe('yes');
  });

  it('treats a managed policy it does not know as unknown', () => {
    const unknowable = permissionsOf(roleGraph, get(roleGraph, 'Unknowable'));
    expect(unknowable.complete).toBe(false);
    expect(grants(unknowable, ['sqs:SendMessage'])).toBe('unknown');
  });
});

describe('SAM state machine definitions in files', () => {
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.yaml
`;
  const files: Record<string, string> = {
    'svc/statemachine/flow.asl.yaml':
      'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n',
  };
  const loadWith = (read: (path: string) => string | undefined) =>
    get(
      cloudFormationAdapter.load(
        [{ path: 'svc/template.yaml', text: template }],
        read,
      ).graphs[0],
      'Flow',
    );

  it('inlines the file DefinitionUri names, every part of it on the line of DefinitionUri', () => {
    const flow = loadWith(path => files[path]);
    expect(flow.properties.Definition).toEqual({
      StartAt: 'A',
      States: { A: { Type: 'Pass', End: true } },
    });
    expect(
      lineOfPath(flow.properties, ['Definition', 'States', 'A', 'Type'], 0),
    ).toBe(6);
  });

  it('leaves the definition unknown when its file does not parse, and absent when it is not in the tree', () => {
    expect(loadWith(() => 'StartAt: [').properties.Definition).toBeInstanceOf(
      Unknown,
    );
    expect(loadWith(() => undefined).properties.Definition).toBeUndefined();
  });
});

describe('SAM connectors', () => {
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
  ExecRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
  Embedded:
    Type: AWS::Serverless::Function
    Connectors:
      TableConn:
        Properties:
          Destination:
            Id: Table
          Permissions: [Read, Write]
    Properties:
      Handler: index.handler
  OwnRole:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Role: !GetAtt ExecRole.Arn
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source:
        Id: OwnRole
      Destination:
        - Id: Table
        - Id: Queue
      Permissions: [Read]
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
  QueueConn:
    Type: AWS::Serverless::Connector
    Properties:
      Source:
        Id: Queue
      Destination:
        Id: Consumer
      Permissions: [Read, Write]
  Mapper:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
  Elsewhere:
    Type: AWS::Serverless::Connector
    Properties:
      Source:
        Id: Mapper
      Destination:
        Type: AWS::Location::Map
        Arn: arn:aws:geo:eu-west-1:123456789012:map/m
      Permissions: [Read]
`;
  const g = load(template);
  const permissions = (role: string) => permissionsOf(g, get(g, role));

  it("attaches an embedded connector's policy to the role SAM generates for its function, at the connector's line", () => {
    const policy = get(g, 'EmbeddedTableConnPolicy');
    expect(policy).toMatchObject({
      type: 'AWS::IAM::ManagedPolicy',
      generatedBy: 'Embedded',
      origin: 'connector TableConn',
      line: 15,
    });
    expect(policy.properties.Roles).toEqual([new Ref('EmbeddedRole')]);
    expect(
      grants(
        permissions('EmbeddedRole'),
        ['dynamodb:PutItem'],
        get(g, 'Table'),
      ),
    ).toBe('yes');
    expect(
      grants(permissions('EmbeddedRole'), ['sqs:SendMessage'], get(g, 'Queue')),
    ).toBe('no');
  });

  it("attaches a connector's policies to the function's own role, one per destination, with the actions of its Permissions", () => {
    expect(get(g, 'ConnPolicyDestination0').properties.Roles).toEqual([
      new Ref('ExecRole'),
    ]);
    expect(g.get('OwnRoleRole')).toBeUndefined();
    const role = permissions('ExecRole');
    expect(grants(role, ['dynamodb:GetItem'], get(g, 'Table'))).toBe('yes');
    expect(grants(role, ['dynamodb:PutItem'], get(g, 'Table'))).toBe('no');
    expect(grants(role, ['sqs:ReceiveMessage'], get(g, 'Queue'))).toBe('yes');
    // Read on a queue does not send to it.
    expect(grants(role, ['sqs:SendMessage'], get(g, 'Queue'))).toBe('no');
  });

  it("attaches a queue's connector to a function to the function's role", () => {
    expect(get(g, 'QueueConnPolicy').properties.Roles).toEqual([
      new Ref('ConsumerRole'),
    ]);
    expect(
      grants(
        permissions('ConsumerRole'),
        ['sqs:DeleteMessage'],
        get(g, 'Queue'),
      ),
    ).toBe('yes');
  });

  it('leaves a connection it does not know as a policy not known on the role', () => {
    expect(get(g, 'ElsewherePolicy').properties.PolicyDocument).toBeInstanceOf(
      Unknown,
    );
    expect(get(g, 'ElsewherePolicy').properties.Roles).toEqual([
      new Ref('MapperRole'),
    ]);
    expect(permissions('MapperRole').complete).toBe(false);
  });
});
