/**
 * WebSocket APIs of CDK apps (aws-apigatewayv2's WebSocketApi, WebSocketStage, WebSocketRoute, and the alpha
 * modules'), as `cdk synth` writes them: the API (ProtocolType WEBSOCKET), a route for each route option and
 * `addRoute`, the AWS_PROXY integration and the permission a WebSocketLambdaIntegration makes when its first route
 * binds it, and stages with their throttle and access logs; as LOG-004, OPS-001, DLQ-001 and OPS-006 judge them,
 * and as they judge the same stack written as CloudFormation.
 */
import { triggersOf } from '../../analysis/lambda';
import { scanFiles, selectRules } from '../../engine/scan';
import { Ref, Template, Unknown } from '../../graph/values';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 14; `props` are a function's props. */
const stack = (
  body: string,
  module = 'aws-cdk-lib/aws-apigatewayv2',
  integrations = 'aws-cdk-lib/aws-apigatewayv2-integrations',
) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as apigwv2 from '${module}';
import { LambdaWebSocketIntegration, WebSocketLambdaIntegration, WebSocketMockIntegration } from '${integrations}';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { routeOptions, stageProps } from './settings';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

const partition = Unknown.oneValue('AWS::Partition');
const region = Unknown.oneValue('AWS::Region');
const account = Unknown.oneValue('AWS::AccountId');
/** The URI of the AWS_PROXY integration of a function (`fn.functionArn`). */
const invocations = (fn: string) =>
  new Template([
    'arn:',
    partition,
    ':apigateway:',
    region,
    ':lambda:path/2015-03-31/functions/',
    new Ref(fn, 'Arn'),
    '/invocations',
  ]);

/** The default format of a WebSocket stage's access logs (websocket/stage.ts, defaultAccessLogFormat). */
const WEBSOCKET_LOG_FORMAT =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] ' +
  '"$context.eventType $context.routeKey $context.connectionId" $context.status $context.requestId';

const ROUTES = `    const connect = new lambda.Function(this, 'Connect', props);
    const chat = new lambda.Function(this, 'Chat', props);
    const shared = new WebSocketLambdaIntegration('Shared', chat);
    const api = new apigwv2.WebSocketApi(this, 'Socket', {
      routeSelectionExpression: '$request.body.type',
      connectRouteOptions: { integration: new WebSocketLambdaIntegration('OnConnect', connect) },
      defaultRouteOptions: { integration: shared },
    });
    api.addRoute('send', { integration: shared });
    new apigwv2.WebSocketRoute(this, 'Ping', { webSocketApi: api, routeKey: 'ping', integration: new WebSocketMockIntegration('Pong') });
    api.addRoute('passed', routeOptions);`;

describe('CDK WebSocket APIs', () => {
  it('are the API, a route of each route option and addRoute, and the integration and permission of a WebSocketLambdaIntegration, made once', () => {
    const graph = graphOf(
      stack(`${ROUTES}
    new apigwv2.WebSocketRoute(this, 'PassedRoute', routeOptions);`),
    );
    expect(
      [...graph.resources]
        .filter(r => r.id.startsWith('Socket') || r.id === 'Ping')
        .map(r => `${r.id} ${r.type}`),
    ).toEqual([
      'Socket AWS::ApiGatewayV2::Api',
      'Socket/$connect-Route/OnConnect-Permission AWS::Lambda::Permission',
      'Socket/$connect-Route/OnConnect AWS::ApiGatewayV2::Integration',
      'Socket/$connect-Route AWS::ApiGatewayV2::Route',
      'Socket/$default-Route/Shared-Permission AWS::Lambda::Permission',
      'Socket/$default-Route/Shared AWS::ApiGatewayV2::Integration',
      'Socket/$default-Route AWS::ApiGatewayV2::Route',
      // The integration bound to $default already: no other.
      'Socket/send-Route AWS::ApiGatewayV2::Route',
      'Ping AWS::ApiGatewayV2::Route',
    ]);
    expect(graph.get('Socket')!.properties).toEqual({
      Name: 'Socket',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.type',
    });
    expect(
      graph.get('Socket/$connect-Route/OnConnect-Permission')!.properties,
    ).toEqual({
      FunctionName: new Ref('Connect', 'Arn'),
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: new Template([
        'arn:',
        partition,
        ':execute-api:',
        region,
        ':',
        account,
        ':',
        new Ref('Socket'),
        '/*$connect',
      ]),
    });
    expect(graph.get('Socket/$connect-Route/OnConnect')!.properties).toEqual({
      ApiId: new Ref('Socket'),
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: invocations('Connect'),
    });
    expect(graph.get('Socket/$connect-Route')!.properties).toEqual({
      ApiId: new Ref('Socket'),
      RouteKey: '$connect',
      Target: new Template([
        'integrations/',
        new Ref('Socket/$connect-Route/OnConnect'),
      ]),
      AuthorizationType: 'NONE',
    });
    expect(graph.get('Socket/send-Route')!.properties.Target).toEqual(
      new Template(['integrations/', new Ref('Socket/$default-Route/Shared')]),
    );
    // An integration not modelled calls what is not known; a route of props not known statically may be any.
    expect(graph.get('Ping')!.properties.Target).toEqual(
      new Template(['integrations/', expect.any(Unknown)]),
    );
    expect(graph.get('PassedRoute')).toBeUndefined();
    expect(graph.hasUnknownOfType('AWS::ApiGatewayV2::Route')).toBe(true);
    // API Gateway calls the functions of its Lambda integrations and waits for them, as it calls those of an HTTP API.
    const kinds = (id: string) =>
      triggersOf(graph, graph.get(id)!).map(
        trigger => `${trigger.kind} ${trigger.via.id}`,
      );
    expect(kinds('Connect')).toEqual([
      'sync Socket/$connect-Route/OnConnect-Permission',
      'sync Socket/$connect-Route/OnConnect',
    ]);
    expect(kinds('Chat')).toEqual([
      'sync Socket/$default-Route/Shared-Permission',
      'sync Socket/$default-Route/Shared',
    ]);
  });

  it('exempt from DLQ-001 a function only WebSocket routes integrate, not one something else invokes asynchronously, nor one handed to an integration not modelled', () => {
    const text = stack(`${ROUTES}
    const notify = new lambda.Function(this, 'Notify', props);
    api.addRoute('notify', { integration: new WebSocketLambdaIntegration('OnNotify', notify) });
    new sns.Topic(this, 'Events').addSubscription(new LambdaSubscription(notify));
    const legacy = new lambda.Function(this, 'Legacy', props);
    api.addRoute('legacy', { integration: new LambdaWebSocketIntegration({ handler: legacy }) });`);
    expect(findings(text, ['DLQ-001'])).toEqual([
      'DLQ-001 Notify 25',
      'DLQ-001 Legacy 28',
    ]);
  });

  it('are routes of one key added in branches apart, each with its integration and permission (DLQ-001)', () => {
    const text =
      stack(`    const api = new apigwv2.WebSocketApi(this, 'Socket');
    const prod = new lambda.Function(this, 'Prod', props);
    const dev = new lambda.Function(this, 'Dev', props);
    if (process.env.STAGE === 'prod') {
      api.addRoute('send', { integration: new WebSocketLambdaIntegration('Send', prod) });
    } else {
      api.addRoute('send', { integration: new WebSocketLambdaIntegration('Send', dev) });
    }`);
    const graph = graphOf(text);
    expect(
      graph
        .ofType('AWS::ApiGatewayV2::Route')
        .map(route => `${route.id} ${route.line}`),
    ).toEqual(['Socket/send-Route 18', 'Socket/send-Route2 20']);
    expect(
      graph.get('Socket/send-Route/Send-Permission')!.properties.FunctionName,
    ).toEqual(new Ref('Prod', 'Arn'));
    expect(
      graph.get('Socket/send-Route2/Send-Permission')!.properties.FunctionName,
    ).toEqual(new Ref('Dev', 'Arn'));
    expect(findings(text, ['DLQ-001'])).toEqual([]);
  });

  it('are WebSocketStages with the throttle and access logs of their props (LOG-004, OPS-001)', () => {
    const text =
      stack(`    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const api = new apigwv2.WebSocketApi(this, 'Socket');
    new apigwv2.WebSocketStage(this, 'Dev', { webSocketApi: api, stageName: 'dev' });
    new apigwv2.WebSocketStage(this, 'Prod', {
      webSocketApi: api,
      stageName: 'prod',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 50 },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs) },
    });
    new apigwv2.WebSocketStage(this, 'Metered', { webSocketApi: api, stageName: 'metered', throttle: { rateLimit: 10 }, detailedMetricsEnabled: true });
    new apigwv2.WebSocketStage(this, 'Passed', stageProps);`);
    const graph = graphOf(text);
    // The API makes no stage of its own.
    expect(
      graph.ofType('AWS::ApiGatewayV2::Stage').map(stage => stage.id),
    ).toEqual(['Dev', 'Prod', 'Metered']);
    expect(graph.get('Socket')!.properties).toEqual({
      Name: 'Socket',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
    expect(graph.get('Dev')!.properties).toEqual({
      ApiId: new Ref('Socket'),
      StageName: 'dev',
    });
    expect(graph.get('Prod')!.properties).toEqual({
      ApiId: new Ref('Socket'),
      StageName: 'prod',
      AccessLogSettings: {
        DestinationArn: new Ref('AccessLogs', 'Arn'),
        Format: WEBSOCKET_LOG_FORMAT,
      },
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingBurstLimit: 50,
        ThrottlingRateLimit: 100,
      },
    });
    expect(graph.get('Metered')!.properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 10,
      DetailedMetricsEnabled: true,
    });
    // Props not known statically: a stage may be there, configured as they say.
    expect(graph.hasUnknownOfType('AWS::ApiGatewayV2::Stage')).toBe(true);
    expect(findings(text, ['LOG-004', 'OPS-001'])).toEqual([
      'LOG-004 Dev 16',
      'OPS-001 Dev 16',
      'LOG-004 Metered 24',
      'OPS-001 Metered 24',
    ]);
  });

  it('are read from the alpha modules (@aws-cdk/aws-apigatewayv2-alpha, -integrations-alpha) as from aws-cdk-lib', () => {
    const text = stack(
      `    const connect = new lambda.Function(this, 'Connect', props);
    const api = new apigwv2.WebSocketApi(this, 'Socket', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('OnConnect', connect) } });
    new apigwv2.WebSocketStage(this, 'Prod', { webSocketApi: api, stageName: 'prod', throttle: { rateLimit: 100, burstLimit: 50 } });`,
      '@aws-cdk/aws-apigatewayv2-alpha',
      '@aws-cdk/aws-apigatewayv2-integrations-alpha',
    );
    const graph = graphOf(text);
    expect(
      [...graph.resources]
        .filter(r => r.id.startsWith('Socket') || r.id === 'Prod')
        .map(r => `${r.id} ${r.type}`),
    ).toEqual([
      'Socket AWS::ApiGatewayV2::Api',
      'Socket/$connect-Route/OnConnect-Permission AWS::Lambda::Permission',
      'Socket/$connect-Route/OnConnect AWS::ApiGatewayV2::Integration',
      'Socket/$connect-Route AWS::ApiGatewayV2::Route',
      'Prod AWS::ApiGatewayV2::Stage',
    ]);
    expect(findings(text, ['LOG-004', 'OPS-001', 'DLQ-001'])).toEqual([
      'LOG-004 Prod 16',
    ]);
  });

  it("grant posting to the API's connections (grantManageConnections, grantManagementApiAccess), and export the API by its endpoint or a stage's URL (OPS-006)", () => {
    const text = (output: string) =>
      stack(`    const api = new apigwv2.WebSocketApi(this, 'Socket');
    const stage = new apigwv2.WebSocketStage(this, 'Prod', { webSocketApi: api, stageName: 'prod' });
    const broadcast = new lambda.Function(this, 'Broadcast', props);
    api.grantManageConnections(broadcast);
    stage.grantManagementApiAccess(broadcast);
${output}`);
    const graph = graphOf(text(''));
    const connections = (stage: string) =>
      new Template([
        'arn:',
        partition,
        ':execute-api:',
        region,
        ':',
        account,
        ':',
        new Ref('Socket'),
        `/${stage}/*/@connections/*`,
      ]);
    expect(
      (
        graph.get('Broadcast/ServiceRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: unknown[] }
      ).Statement,
    ).toEqual([
      {
        Effect: 'Allow',
        Action: 'execute-api:ManageConnections',
        Resource: connections('*'),
      },
      {
        Effect: 'Allow',
        Action: 'execute-api:ManageConnections',
        Resource: connections('prod'),
      },
    ]);
    expect(findings(text(''), ['OPS-006'])).toEqual(['OPS-006 Socket 14']);
    expect(
      findings(
        text(
          "    new cdk.CfnOutput(this, 'Endpoint', { value: api.apiEndpoint });",
        ),
        ['OPS-006'],
      ),
    ).toEqual([]);
    expect(
      findings(
        text("    new cdk.CfnOutput(this, 'Url', { value: stage.url });"),
        ['OPS-006'],
      ),
    ).toEqual([]);
  });

  it('get the findings the CloudFormation template `cdk synth` writes of them gets', () => {
    const text =
      stack(`    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
    const connect = new lambda.Function(this, 'Connect', props);
    const api = new apigwv2.WebSocketApi(this, 'Socket', { connectRouteOptions: { integration: new WebSocketLambdaIntegration('OnConnect', connect) } });
    new apigwv2.WebSocketStage(this, 'Dev', { webSocketApi: api, stageName: 'dev' });
    new apigwv2.WebSocketStage(this, 'Prod', {
      webSocketApi: api,
      stageName: 'prod',
      throttle: { rateLimit: 100, burstLimit: 50 },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs) },
    });`);
    const template = `Resources:
  AccessLogs:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 30 }
  ConnectServiceRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      ManagedPolicyArns: [!Sub 'arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']
  Connect:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, Role: !GetAtt ConnectServiceRole.Arn, Code: { ZipFile: x } }
  Socket:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: Socket, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  SocketConnectRouteOnConnectPermission:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Connect.Arn
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub 'arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${Socket}/*$connect'
  SocketConnectRouteOnConnect:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Socket
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Connect.Arn}/invocations'
  SocketConnectRoute:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Socket, RouteKey: $connect, AuthorizationType: NONE, Target: !Sub 'integrations/\${SocketConnectRouteOnConnect}' }
  Dev:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Socket, StageName: dev }
  Prod:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Socket
      StageName: prod
      AccessLogSettings: { DestinationArn: !GetAtt AccessLogs.Arn, Format: '$context.requestId' }
      DefaultRouteSettings: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 100 }
`;
    const rules = selectRules(['LOG-004', 'OPS-001', 'DLQ-001']);
    const byRule = (report: ReturnType<typeof scanFiles>) =>
      report.findings.map(f => `${f.ruleId} ${f.resourceId}`);
    const synthesized = scanFiles(
      [{ path: 'svc/template.yaml', text: template }],
      rules,
    );
    expect(byRule(synthesized)).toEqual(['LOG-004 Dev', 'OPS-001 Dev']);
    expect(byRule(scanFiles(cdkStackFiles(text), rules))).toEqual(
      byRule(synthesized),
    );
  });
});
