/**
 * Lambda authorizers of CDK apps as `cdk synth` writes them: a REST API's TokenAuthorizer and RequestAuthorizer
 * (aws-apigateway), made when a method first attaches them, and HTTP and WebSocket routes' HttpLambdaAuthorizer and
 * WebSocketLambdaAuthorizer (aws-apigatewayv2-authorizers, and the alpha module), made when a route first binds them;
 * each with the permission CDK adds for API Gateway to invoke its handler. API Gateway waits for an authorizer's
 * handler: DLQ-001 exempts a function only authorizers call, as it does in CloudFormation.
 */
import { triggersOf } from '../../analysis/lambda';
import { scanFiles, selectRules } from '../../engine/scan';
import { Ref, Template, Unknown } from '../../graph/values';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackGraph as graphOf,
  scanCdkStack,
  cdkStackFindingRows,
} from '../../testing/programScans';
import { cdkAdapter } from '.';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 15; `props` are a function's props. */
const stack = (
  body: string,
  authorizers = 'aws-cdk-lib/aws-apigatewayv2-authorizers',
) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration, WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { HttpLambdaAuthorizer, WebSocketLambdaAuthorizer } from '${authorizers}';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

const findings = (text: string) =>
  scanCdkStack(text, ['DLQ-001']).map(
    f =>
      `${f.ruleId} ${f.resourceId} ${f.line}: ${f.message.split(' but ')[0]}`,
  );

const partition = Unknown.oneValue('AWS::Partition');
const region = Unknown.oneValue('AWS::Region');
const account = Unknown.oneValue('AWS::AccountId');
/** The URI API Gateway invokes a function by (`arn:<partition>:apigateway:<region>:lambda:path/…/<arn>/invocations`). */
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
/** The ARN of an authorizer of an API (`arn:<partition>:execute-api:<region>:<account>:<api>/authorizers/<authorizer>`). */
const authorizerArn = (api: string, authorizer: string) =>
  new Template([
    'arn:',
    partition,
    ':execute-api:',
    region,
    ':',
    account,
    ':',
    new Ref(api),
    '/authorizers/',
    new Ref(authorizer),
  ]);
const permission = (fn: string, api: string, authorizer: string) => ({
  FunctionName: new Ref(fn, 'Arn'),
  Action: 'lambda:InvokeFunction',
  Principal: 'apigateway.amazonaws.com',
  SourceArn: authorizerArn(api, authorizer),
});

describe('CDK Lambda authorizers', () => {
  it("of a REST API are made where they are, on the API of the first method that attaches them (its options', its resource's defaults), with the permission for API Gateway below the handler", () => {
    const graph = graphOf(
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const tokens = new lambda.Function(this, 'Tokens', props);
    const requests = new lambda.Function(this, 'Requests', props);
    const token = new apigateway.TokenAuthorizer(this, 'Token', { handler: tokens });
    const request = new apigateway.RequestAuthorizer(this, 'Request', { handler: requests, identitySources: ['method.request.header.X-Key'], authorizerName: 'keys' });
    const api = new apigateway.RestApi(this, 'Api', { defaultMethodOptions: { authorizer: request } });
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn, { allowTestInvoke: false }));
    api.root.addMethod('PUT', new apigateway.LambdaIntegration(fn, { allowTestInvoke: false }), { authorizer: token });
    api.root.addResource('open').addMethod('GET', new apigateway.LambdaIntegration(fn, { allowTestInvoke: false }), { authorizationType: apigateway.AuthorizationType.NONE });
    api.root.addMethod('POST', new apigateway.LambdaIntegration(fn, { allowTestInvoke: false }), { authorizer: token });`),
    );
    expect(
      [...graph.resources]
        .filter(r => /Authorizer|Permission/.test(r.type))
        .map(r => `${r.id} ${r.type} ${r.line}`),
    ).toEqual([
      'Request AWS::ApiGateway::Authorizer 19',
      'Requests/Request:Permissions AWS::Lambda::Permission 19',
      'Api/Default/GET/ApiPermission.Api.GET.. AWS::Lambda::Permission 21',
      'Token AWS::ApiGateway::Authorizer 18',
      'Tokens/Token:Permissions AWS::Lambda::Permission 18',
      'Api/Default/PUT/ApiPermission.Api.PUT.. AWS::Lambda::Permission 22',
      'Api/Default/open/GET/ApiPermission.Api.GET..open AWS::Lambda::Permission 23',
      // Attached once.
      'Api/Default/POST/ApiPermission.Api.POST.. AWS::Lambda::Permission 24',
    ]);
    expect(graph.get('Token')!.properties).toEqual({
      Name: expect.any(Unknown),
      RestApiId: new Ref('Api'),
      Type: 'TOKEN',
      AuthorizerUri: invocations('Tokens'),
      IdentitySource: 'method.request.header.Authorization',
    });
    expect(graph.get('Request')!.properties).toEqual({
      Name: 'keys',
      RestApiId: new Ref('Api'),
      Type: 'REQUEST',
      AuthorizerUri: invocations('Requests'),
      IdentitySource: 'method.request.header.X-Key',
    });
    expect(graph.get('Tokens/Token:Permissions')!.properties).toEqual(
      permission('Tokens', 'Api', 'Token'),
    );
    expect(
      graph
        .ofType('AWS::ApiGateway::Method')
        .map(method => [
          method.id,
          method.properties.AuthorizationType,
          method.properties.AuthorizerId,
        ]),
    ).toEqual([
      ['Api/Default/GET', 'CUSTOM', new Ref('Request')],
      ['Api/Default/PUT', 'CUSTOM', new Ref('Token')],
      // NONE, naming no authorizer, leaves out the default one.
      ['Api/Default/open/GET', 'NONE', undefined],
      ['Api/Default/POST', 'CUSTOM', new Ref('Token')],
    ]);
    const kinds = (id: string) =>
      triggersOf(graph, graph.get(id)!).map(
        trigger => `${trigger.kind} ${trigger.via.id}`,
      );
    expect(kinds('Tokens')).toEqual([
      'sync Token',
      'sync Tokens/Token:Permissions',
    ]);
  });

  it('of a REST API given a role to assume grant the role to invoke the handler, not API Gateway; one attached by the code is made as a method makes it', () => {
    const graph = graphOf(
      stack(`    const tokens = new lambda.Function(this, 'Tokens', props);
    const invoker = new iam.Role(this, 'Invoker', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const api = new apigateway.RestApi(this, 'Api', {});
    const token = new apigateway.TokenAuthorizer(this, 'Token', { handler: tokens, assumeRole: invoker });
    token._attachToApi(api);
    const live = new lambda.Alias(this, 'Live', { aliasName: 'live', version: tokens.currentVersion });
    new apigateway.TokenAuthorizer(this, 'Aliased', { handler: live, assumeRole: invoker })._attachToApi(api);`),
    );
    expect(graph.get('Token')!.properties).toEqual(
      expect.objectContaining({
        RestApiId: new Ref('Api'),
        AuthorizerCredentials: new Ref('Invoker', 'Arn'),
      }),
    );
    expect(graph.ofType('AWS::Lambda::Permission')).toEqual([]);
    expect(graph.get('Token/authorizerInvokePolicy')!.properties).toEqual({
      PolicyName: 'Token/authorizerInvokePolicyPolicy',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['lambda:InvokeFunction'],
            Resource: [
              new Ref('Tokens', 'Arn'),
              new Template([new Ref('Tokens', 'Arn'), ':*']),
            ],
          },
        ],
      },
      Roles: [new Ref('Invoker')],
    });
    // An alias's, as a version's, is its own ARN only (QualifiedFunctionBase's resourceArnsForGrantInvoke).
    expect(
      graph.get('Aliased/authorizerInvokePolicy')!.properties.PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['lambda:InvokeFunction'],
          Resource: [new Ref('Live', 'Arn')],
        },
      ],
    });
  });

  it("of a resource's defaults are left out by a method whose options say NONE, as the enum member or as its value, and name none", () => {
    const graph = graphOf(
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const tokens = new lambda.Function(this, 'Tokens', props);
    const api = new apigateway.RestApi(this, 'Api', { defaultMethodOptions: { authorizer: new apigateway.TokenAuthorizer(this, 'Token', { handler: tokens }) } });
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn), { authorizationType: apigateway.AuthorizationType.NONE });
    api.root.addMethod('PUT', new apigateway.LambdaIntegration(fn), { authorizationType: 'NONE' as apigateway.AuthorizationType });
    api.root.addMethod('POST', new apigateway.LambdaIntegration(fn));`),
    );
    expect(
      graph
        .ofType('AWS::ApiGateway::Method')
        .map(method => [
          method.id,
          method.properties.AuthorizationType,
          method.properties.AuthorizerId,
        ]),
    ).toEqual([
      ['Api/Default/GET', 'NONE', undefined],
      ['Api/Default/PUT', 'NONE', undefined],
      ['Api/Default/POST', 'CUSTOM', new Ref('Token')],
    ]);
  });

  it('of a REST API are constructs, a scope of what is made in them and of their tags', () => {
    const files = cdkStackFiles(
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const tokens = new lambda.Function(this, 'Tokens', props);
    const token = new apigateway.TokenAuthorizer(this, 'Token', { handler: tokens });
    new apigateway.RestApi(this, 'Api', { defaultMethodOptions: { authorizer: token } }).root.addMethod('GET', new apigateway.LambdaIntegration(fn));
    cdk.Tags.of(token).add('team', 'auth');
    new sns.Topic(token, 'Denied');`),
    );
    expect(
      cdkAdapter
        .load(files)
        .graphs[0].ofType('AWS::SNS::Topic')
        .map(topic => topic.id),
    ).toEqual(['Token/Denied']);
    // The topic below it is tagged; what is not below it is not.
    const untagged = scanFiles(files, selectRules(['OPS-003'])).findings.map(
      f => f.resourceId,
    );
    expect(untagged).toEqual(expect.arrayContaining(['Fn', 'Tokens', 'Api']));
    expect(untagged).not.toContain('Token/Denied');
  });

  it('of one id bound in branches apart are each made, told apart', () => {
    const graph = graphOf(
      stack(`    const prod = new lambda.Function(this, 'Prod', props);
    const dev = new lambda.Function(this, 'Dev', props);
    const api = new apigateway.RestApi(this, 'Api', {});
    const http = new apigwv2.HttpApi(this, 'Http', {});
    if (process.env.STAGE === 'prod') {
      api.root.addMethod('GET', undefined, { authorizer: new apigateway.TokenAuthorizer(this, 'Token', { handler: prod }) });
      http.addRoutes({ path: '/', integration: new HttpLambdaIntegration('Root', prod), authorizer: new HttpLambdaAuthorizer('Gate', prod) });
    } else {
      api.root.addMethod('GET', undefined, { authorizer: new apigateway.TokenAuthorizer(this, 'Token', { handler: dev }) });
      http.addRoutes({ path: '/', integration: new HttpLambdaIntegration('Root', dev), authorizer: new HttpLambdaAuthorizer('Gate', dev) });
    }`),
    );
    expect(
      [...graph.resources]
        .filter(
          r =>
            r.type.endsWith('::Authorizer') ||
            r.id.includes(':Permissions') ||
            r.id.endsWith('-Permission'),
        )
        .map(r => [
          r.id,
          r.line,
          r.properties.AuthorizerUri ?? r.properties.SourceArn,
        ]),
    ).toEqual([
      ['Token', 20, invocations('Prod')],
      ['Prod/Token:Permissions', 20, authorizerArn('Api', 'Token')],
      ['Http/Gate', 21, invocations('Prod')],
      ['Http/Gate-Permission', 21, authorizerArn('Http', 'Http/Gate')],
      ['Token2', 23, invocations('Dev')],
      ['Dev/Token2:Permissions', 23, authorizerArn('Api', 'Token2')],
      ['Http/Gate2', 24, invocations('Dev')],
      ['Http/Gate2-Permission', 24, authorizerArn('Http', 'Http/Gate2')],
    ]);
  });

  it("of HTTP and WebSocket routes are made below the API when a route first binds them (the options', the API's default), with the permission for API Gateway", () => {
    const graph = graphOf(
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const gate = new lambda.Function(this, 'Gate', props);
    const keys = new lambda.Function(this, 'Keys', props);
    const sockets = new lambda.Function(this, 'Sockets', props);
    const http = new apigwv2.HttpApi(this, 'Http', { defaultAuthorizer: new HttpLambdaAuthorizer('Gate', gate) });
    http.addRoutes({ path: '/orders', methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.POST], integration: new HttpLambdaIntegration('Orders', fn) });
    const other = new apigwv2.HttpApi(this, 'Other', {});
    other.addRoutes({ path: '/keys', integration: new HttpLambdaIntegration('Keys', fn), authorizer: new HttpLambdaAuthorizer('Keys', keys, { identitySource: ['$request.header.X-Key'] }) });
    const socket = new apigwv2.WebSocketApi(this, 'Socket', {
      connectRouteOptions: { integration: new WebSocketLambdaIntegration('OnConnect', fn), authorizer: new WebSocketLambdaAuthorizer('Connect', sockets, { authorizerName: 'connect' }) },
    });`),
    );
    expect(
      [...graph.resources]
        .filter(
          r => r.type.endsWith('::Authorizer') || r.id.endsWith('-Permission'),
        )
        .map(r => `${r.id} ${r.type} ${r.line}`),
    ).toEqual([
      'Http/Gate AWS::ApiGatewayV2::Authorizer 20',
      'Http/Gate-Permission AWS::Lambda::Permission 20',
      'Other/Keys AWS::ApiGatewayV2::Authorizer 22',
      'Other/Keys-Permission AWS::Lambda::Permission 22',
      'Socket/$connect-Route/OnConnect-Permission AWS::Lambda::Permission 23',
      'Socket/Connect AWS::ApiGatewayV2::Authorizer 23',
      'Socket/Connect-Permission AWS::Lambda::Permission 23',
    ]);
    expect(graph.get('Http/Gate')!.properties).toEqual({
      Name: 'Gate',
      ApiId: new Ref('Http'),
      AuthorizerType: 'REQUEST',
      AuthorizerUri: invocations('Gate'),
      IdentitySource: ['$request.header.Authorization'],
    });
    expect(graph.get('Other/Keys')!.properties.IdentitySource).toEqual([
      '$request.header.X-Key',
    ]);
    expect(graph.get('Socket/Connect')!.properties).toEqual({
      Name: 'connect',
      ApiId: new Ref('Socket'),
      AuthorizerType: 'REQUEST',
      AuthorizerUri: invocations('Sockets'),
      IdentitySource: ['route.request.header.Authorization'],
    });
    expect(graph.get('Http/Gate-Permission')!.properties).toEqual(
      permission('Gate', 'Http', 'Http/Gate'),
    );
    expect(graph.get('Socket/Connect-Permission')!.properties).toEqual(
      permission('Sockets', 'Socket', 'Socket/Connect'),
    );
    expect(graph.get('Socket/$connect-Route')!.properties).toEqual(
      expect.objectContaining({
        AuthorizationType: 'CUSTOM',
        AuthorizerId: new Ref('Socket/Connect'),
      }),
    );
  });

  it("of the alpha module, and of its early releases (of props, named by their name), are made as aws-cdk-lib's", () => {
    const graph = graphOf(
      stack(
        `    const fn = new lambda.Function(this, 'Fn', props);
    const gate = new lambda.Function(this, 'Gate', props);
    const http = new apigwv2.HttpApi(this, 'Http', {});
    http.addRoutes({ path: '/a', integration: new HttpLambdaIntegration('A', fn), authorizer: new HttpLambdaAuthorizer('Gate', gate) });
    http.addRoutes({ path: '/b', integration: new HttpLambdaIntegration('B', fn), authorizer: new HttpLambdaAuthorizer({ authorizerName: 'legacy', handler: gate }) });`,
        '@aws-cdk/aws-apigatewayv2-authorizers-alpha',
      ),
    );
    expect(
      graph
        .ofType('AWS::ApiGatewayV2::Authorizer')
        .map(authorizer => [
          authorizer.id,
          authorizer.properties.Name,
          authorizer.properties.AuthorizerUri,
        ]),
    ).toEqual([
      ['Http/Gate', 'Gate', invocations('Gate')],
      ['Http/legacy', 'legacy', invocations('Gate')],
    ]);
  });

  it("of a route made apart (new HttpRoute, of aws-cdk-lib or the alpha module) are bound as addRoutes binds them, its own and not the API's default; the API's stage is judged as it was (LOG-004, OPS-001)", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const gate = new lambda.Function(this, 'Gate', props);
    const idle = new lambda.Function(this, 'Idle', props);
    const http = new apigwv2.HttpApi(this, 'Http', { defaultAuthorizer: new HttpLambdaAuthorizer('Idle', idle) });
    new apigwv2.HttpRoute(this, 'Orders', {
      httpApi: http,
      routeKey: apigwv2.HttpRouteKey.with('/orders', apigwv2.HttpMethod.GET),
      integration: new HttpLambdaIntegration('Orders', fn),
      authorizer: new HttpLambdaAuthorizer('Gate', gate),
    });
    new apigwv2.HttpRoute(this, 'Health', { httpApi: http, routeKey: apigwv2.HttpRouteKey.with('/health'), integration: new HttpLambdaIntegration('Health', fn) });`);
    const alpha = text.replace(
      "from 'aws-cdk-lib/aws-apigatewayv2';",
      "from '@aws-cdk/aws-apigatewayv2-alpha';",
    );
    for (const program of [text, alpha]) {
      const graph = graphOf(program);
      expect(
        graph
          .ofType('AWS::ApiGatewayV2::Authorizer')
          .map(authorizer => authorizer.id),
      ).toEqual(['Http/Gate']);
      expect(graph.get('Http/Gate-Permission')!.properties).toEqual(
        permission('Gate', 'Http', 'Http/Gate'),
      );
      expect(
        cdkStackFindingRows(program, ['DLQ-001', 'LOG-004', 'OPS-001']),
      ).toEqual([
        'DLQ-001 Idle 17',
        'LOG-004 Http/DefaultStage 18',
        'OPS-001 Http/DefaultStage 18',
      ]);
    }
  });

  it('exempt from DLQ-001 a function only authorizers call, not one something else invokes asynchronously, nor one whose authorizer is never bound or is handed to code not read', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const tokens = new lambda.Function(this, 'Tokens', props);
    const gate = new lambda.Function(this, 'Gate', props);
    const sockets = new lambda.Function(this, 'Sockets', props);
    const notified = new lambda.Function(this, 'Notified', props);
    const unbound = new lambda.Function(this, 'Unbound', props);
    const handed = new lambda.Function(this, 'Handed', props);
    const api = new apigateway.RestApi(this, 'Api', {});
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn), { authorizer: new apigateway.TokenAuthorizer(this, 'Token', { handler: tokens }) });
    api.root.addMethod('POST', new apigateway.LambdaIntegration(fn), { authorizer: new apigateway.TokenAuthorizer(this, 'Notify', { handler: notified }) });
    new sns.Topic(this, 'Events').addSubscription(new LambdaSubscription(notified));
    new apigwv2.HttpApi(this, 'Http', { defaultAuthorizer: new HttpLambdaAuthorizer('Gate', gate), defaultIntegration: new HttpLambdaIntegration('Default', fn) });
    new apigwv2.HttpApi(this, 'Idle', { defaultAuthorizer: new HttpLambdaAuthorizer('Idle', unbound) });
    new apigwv2.WebSocketApi(this, 'Socket', {
      connectRouteOptions: { integration: new WebSocketLambdaIntegration('OnConnect', fn), authorizer: new WebSocketLambdaAuthorizer('Connect', sockets) },
    });
    new apigwv2.HttpApi(this, 'Vendor', {}).addRoutes({ path: '/', integration: new HttpLambdaIntegration('Vendor', fn), authorizer: (globalThis as any).wrap(new HttpLambdaAuthorizer('Handed', handed)) });
    const either = new lambda.Function(this, 'Either', props);
    const other = new lambda.Function(this, 'Or', props);
    const chosen = process.env.STAGE === 'prod' ? new apigateway.TokenAuthorizer(this, 'Either', { handler: either }) : new apigateway.TokenAuthorizer(this, 'Or', { handler: other });
    api.root.addMethod('PUT', new apigateway.LambdaIntegration(fn), { authorizer: chosen });`);
    expect(findings(text)).toEqual([
      'DLQ-001 Notified 19: Function Notified is invoked asynchronously (by its subscription to the SNS topic Events)',
      'DLQ-001 Unbound 20: Function Unbound has no trigger in the stack, so it may be invoked asynchronously',
      'DLQ-001 Handed 21: Function Handed is handed to code the scanner does not read, which may invoke it asynchronously,',
      // What the method binds may be either authorizer: their handlers are not tied to it.
      'DLQ-001 Either 32: Function Either has no trigger the scanner can tie to it (what the program wires may be it or not, as a condition not known statically decides), so it may be invoked asynchronously',
      'DLQ-001 Or 33: Function Or has no trigger the scanner can tie to it (what the program wires may be it or not, as a condition not known statically decides), so it may be invoked asynchronously',
    ]);
  });

  it("that are the default of an API handed to code not read, and that the app's code binds not, hand their handlers there: its methods or routes there may bind them", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const gate = new lambda.Function(this, 'Gate', props);
    const tokens = new lambda.Function(this, 'Tokens', props);
    const bound = new lambda.Function(this, 'Bound', props);
    const http = new apigwv2.HttpApi(this, 'Http', { defaultAuthorizer: new HttpLambdaAuthorizer('Gate', gate) });
    const api = new apigateway.RestApi(this, 'Api', { defaultMethodOptions: { authorizer: new apigateway.TokenAuthorizer(this, 'Token', { handler: tokens }) } });
    (globalThis as any).addRoutes(http, api);
    // Bound by the app's code, before or after: what more code binds of it binds what is made.
    const other = new apigwv2.HttpApi(this, 'Other', { defaultAuthorizer: new HttpLambdaAuthorizer('Bound', bound) });
    (globalThis as any).addRoutes(other);
    other.addRoutes({ path: '/', integration: new HttpLambdaIntegration('Root', fn) });`);
    expect(findings(text)).toEqual([
      'DLQ-001 Gate 16: Function Gate is handed to code the scanner does not read, which may invoke it asynchronously,',
      'DLQ-001 Tokens 17: Function Tokens is handed to code the scanner does not read, which may invoke it asynchronously,',
    ]);
    // Nor is the handler of one bound by the app's code, whose role code not read grants nothing.
    expect(
      graphOf(text).get('Bound/ServiceRole/DefaultPolicy'),
    ).toBeUndefined();
  });

  it('made by a class of the app that extends them hand their handlers to code not read: what binds the instance is not tied to them', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const jwt = new lambda.Function(this, 'Jwt', props);
    class JwtAuthorizer extends apigateway.TokenAuthorizer {
      constructor(scope: Construct, id: string, handler: lambda.IFunction) {
        super(scope, id, { handler });
      }
    }
    const api = new apigateway.RestApi(this, 'Api', {});
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn), { authorizer: new JwtAuthorizer(this, 'JwtAuthorizer', jwt) });`);
    expect(findings(text)).toEqual([
      'DLQ-001 Jwt 16: Function Jwt is handed to code the scanner does not read, which may invoke it asynchronously,',
    ]);
  });

  it('get the DLQ-001 findings the CloudFormation template `cdk synth` writes of them gets', () => {
    const text = (subscribed: boolean) =>
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const tokens = new lambda.Function(this, 'Tokens', props);
    const api = new apigateway.RestApi(this, 'Api', { deploy: false });
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn, { allowTestInvoke: false }), { authorizer: new apigateway.TokenAuthorizer(this, 'Token', { handler: tokens }) });
${
  subscribed
    ? "    new sns.Topic(this, 'Events').addSubscription(new LambdaSubscription(tokens));"
    : ''
}`);
    const fn = (id: string) => `  ${id}Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
  ${id}:
    Type: AWS::Lambda::Function
    Properties: { Runtime: nodejs22.x, Handler: index.handler, Role: !GetAtt ${id}Role.Arn, Code: { ZipFile: x } }
`;
    const template = (subscribed: boolean) => `Resources:
${fn('Fn')}${fn('Tokens')}  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: { Name: Api }
  Token:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      Name: AppToken
      RestApiId: !Ref Api
      Type: TOKEN
      IdentitySource: method.request.header.Authorization
      AuthorizerUri: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Tokens.Arn}/invocations'
  TokensPermissions:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !GetAtt Tokens.Arn
      Principal: apigateway.amazonaws.com
      SourceArn: !Sub 'arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${Api}/authorizers/\${Token}'
  FnPermission:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !GetAtt Fn.Arn, Principal: apigateway.amazonaws.com }
  ApiGET:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: GET
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref Token
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub 'arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations'
${
  subscribed
    ? `  Events:
    Type: AWS::SNS::Topic
  TokensSubscription:
    Type: AWS::SNS::Subscription
    Properties: { TopicArn: !Ref Events, Protocol: lambda, Endpoint: !GetAtt Tokens.Arn }
`
    : ''
}`;
    const rules = selectRules(['DLQ-001']);
    const byRule = (report: ReturnType<typeof scanFiles>) =>
      report.findings.map(f => `${f.ruleId} ${f.resourceId}`);
    const synthesized = (subscribed: boolean) =>
      byRule(
        scanFiles(
          [{ path: 'svc/template.yaml', text: template(subscribed) }],
          rules,
        ),
      );
    expect(synthesized(false)).toEqual([]);
    expect(byRule(scanFiles(cdkStackFiles(text(false)), rules))).toEqual(
      synthesized(false),
    );
    expect(synthesized(true)).toEqual(['DLQ-001 Tokens']);
    expect(byRule(scanFiles(cdkStackFiles(text(true)), rules))).toEqual(
      synthesized(true),
    );
  });
});
