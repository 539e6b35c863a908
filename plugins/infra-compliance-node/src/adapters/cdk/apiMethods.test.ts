/**
 * Methods of CDK REST APIs as CDK synthesizes them: the authorization type of their options or of their
 * resource's default method options, the id of the resource they are on, and their integration.
 */
import { Ref, Template, Unknown, getPath } from '../../graph/values';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackGraph,
  scanCdkStack,
} from '../../testing/programScans';
import { cdkAdapter } from '.';

/** `lib/stack.ts` with `body` in the stack's constructor; `props` are a function's props. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ApiEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

describe('CDK REST API methods', () => {
  it('are of the authorization type of their options or of their resource, NONE without one, on the id of their resource, with the credentials of their integration', () => {
    const graph = cdkStackGraph(
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const caller = new iam.Role(this, 'Caller', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const api = new apigateway.RestApi(this, 'Api', { defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.IAM } });
    api.root.addMethod('GET', new apigateway.LambdaIntegration(fn));
    const open = api.root.addResource('open', { defaultMethodOptions: { authorizationType: apigateway.AuthorizationType.NONE } });
    open.addMethod('GET', new apigateway.LambdaIntegration(fn));
    open.addResource('signed').addMethod('POST', new apigateway.LambdaIntegration(fn), { authorizationType: apigateway.AuthorizationType.COGNITO });
    api.root.addMethod('PUT', new apigateway.LambdaIntegration(fn), { authorizer: new apigateway.TokenAuthorizer(this, 'Authorizer', { handler: fn }) });
    api.root.addMethod('POST', new apigateway.AwsIntegration({ service: 'sqs', path: 'queue', options: { credentialsRole: caller } }));
    api.root.addMethod('DELETE', new apigateway.AwsIntegration({ service: 'sqs', path: 'queue', options: { credentialsPassthrough: true } }));
    new apigateway.RestApi(this, 'Plain', {}).root.addMethod('GET', new apigateway.LambdaIntegration(fn));
    const shared = apigateway.RestApi.fromRestApiAttributes(this, 'Shared', { restApiId: 'a1b2c3', rootResourceId: 'r00t' });
    shared.root.addMethod('GET', new apigateway.LambdaIntegration(fn));`),
    );
    const methods = graph.ofType('AWS::ApiGateway::Method');
    expect(
      methods.map(method => [method.id, method.properties.AuthorizationType]),
    ).toEqual([
      ['Api/Default/GET', 'AWS_IAM'],
      ['Api/Default/open/GET', 'NONE'],
      ['Api/Default/open/signed/POST', 'COGNITO_USER_POOLS'],
      ['Api/Default/PUT', 'CUSTOM'],
      ['Api/Default/POST', 'AWS_IAM'],
      ['Api/Default/DELETE', 'AWS_IAM'],
      ['Plain/Default/GET', 'NONE'],
      ['Shared/Default/GET', 'NONE'],
    ]);
    // The root's id; those of the resources below it, which are not modelled, are not known.
    expect(methods.map(method => method.properties.ResourceId)).toEqual([
      new Ref('Api', 'RootResourceId'),
      expect.any(Unknown),
      expect.any(Unknown),
      ...['Api', 'Api', 'Api', 'Plain'].map(
        api => new Ref(api, 'RootResourceId'),
      ),
      'r00t',
    ]);
    expect(graph.get('Shared/Default/GET')!.properties.RestApiId).toBe(
      'a1b2c3',
    );
    expect(
      methods.map(method =>
        getPath(method.properties, ['Integration', 'Credentials']),
      ),
    ).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      new Ref('Caller', 'Arn'),
      new Template([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        ':iam::*:user/*',
      ]),
      undefined,
      undefined,
    ]);
  });

  it('of an ApiEventSource are of the authorization type of its options', () => {
    const graph = cdkStackGraph(
      stack(`    const fn = new lambda.Function(this, 'Fn', props);
    fn.addEventSource(new ApiEventSource('GET', '/events', { authorizationType: apigateway.AuthorizationType.IAM }));
    fn.addEventSource(new ApiEventSource('POST', '/events'));`),
    );
    expect(
      graph
        .ofType('AWS::ApiGateway::Method')
        .map(method => [method.id, method.properties.AuthorizationType]),
    ).toEqual([
      ['Fn:ApiEventSource/Default/events/GET', 'AWS_IAM'],
      ['Fn:ApiEventSource/Default/events/POST', 'NONE'],
    ]);
  });

  it('integrate a MockIntegration, an HttpIntegration (a proxy unless not), or without any a mock; a Method made directly is below its scope, and lets API Gateway invoke its function (DLQ-001)', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const api = new apigateway.RestApi(this, 'Api', {});
    api.root.addMethod('OPTIONS', new apigateway.MockIntegration({ requestParameters: { 'integration.request.header.x': "'y'" } }));
    api.root.addMethod('GET', new apigateway.HttpIntegration('https://example.com/orders'));
    api.root.addMethod('POST', new apigateway.HttpIntegration('https://example.com/orders', { proxy: false, httpMethod: 'POST' }));
    api.root.addMethod('DELETE');
    new apigateway.Method(this, 'Put', { resource: api.root, httpMethod: 'put', integration: new apigateway.LambdaIntegration(fn), options: { authorizationType: apigateway.AuthorizationType.IAM } });`);
    const graph = cdkStackGraph(text);
    const orders = 'https://example.com/orders';
    expect(
      graph
        .ofType('AWS::ApiGateway::Method')
        .map(method => [
          method.id,
          method.properties.HttpMethod,
          method.properties.AuthorizationType,
          method.properties.Integration,
        ]),
    ).toEqual([
      [
        'Api/Default/OPTIONS',
        'OPTIONS',
        'NONE',
        {
          Type: 'MOCK',
          RequestParameters: { 'integration.request.header.x': "'y'" },
        },
      ],
      [
        'Api/Default/GET',
        'GET',
        'NONE',
        { Type: 'HTTP_PROXY', IntegrationHttpMethod: 'GET', Uri: orders },
      ],
      [
        'Api/Default/POST',
        'POST',
        'NONE',
        { Type: 'HTTP', IntegrationHttpMethod: 'POST', Uri: orders },
      ],
      ['Api/Default/DELETE', 'DELETE', 'NONE', { Type: 'MOCK' }],
      [
        'Put',
        'PUT',
        'AWS_IAM',
        {
          Type: 'AWS_PROXY',
          IntegrationHttpMethod: 'POST',
          Uri: expect.objectContaining({
            parts: expect.arrayContaining([new Ref('Fn', 'Arn')]),
          }),
        },
      ],
    ]);
    expect(graph.get('Put')!.properties.ResourceId).toEqual(
      new Ref('Api', 'RootResourceId'),
    );
    expect(
      graph.ofType('AWS::Lambda::Permission').map(permission => permission.id),
    ).toEqual([
      'Put/ApiPermission.Api.PUT..',
      'Put/ApiPermission.Test.Api.PUT..',
    ]);
    // API Gateway invokes the function and waits: its only trigger is synchronous.
    expect(scanCdkStack(text, ['DLQ-001'])).toEqual([]);
  });
  it("of a Method made in a resource's scope are below that resource, in its API's stack, as the methods it adds", () => {
    const text = `import * as cdk from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
export class ApiStack extends cdk.Stack {
  readonly api: apigateway.RestApi;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.api = new apigateway.RestApi(this, 'Api', {});
  }
}
export class MethodsStack extends cdk.Stack {
  constructor(scope: Construct, id: string, api: apigateway.RestApi) {
    super(scope, id);
    const orders = api.root.addResource('orders');
    new apigateway.Method(orders, 'Post', { resource: orders, httpMethod: 'POST' });
    new apigateway.Method(this, 'Get', { resource: orders, httpMethod: 'GET' });
  }
}
`;
    const app = `import * as cdk from 'aws-cdk-lib';
import { ApiStack, MethodsStack } from '../lib/stack';
const app = new cdk.App();
new MethodsStack(app, 'Methods', new ApiStack(app, 'Api').api);
`;
    const methods = cdkAdapter
      .load(cdkStackFiles(text, app))
      .graphs.map(graph =>
        graph.ofType('AWS::ApiGateway::Method').map(method => method.id),
      );
    expect(methods).toEqual([['Api/Default/orders/Post'], ['Get']]);
  });

  it("of a StepFunctionsRestApi (its root's ANY) or integrating StepFunctionsIntegration.startExecution start the state machine's executions as the role given or one below the method, granted it; the API's stage and endpoint output are made (OPS-003, OPS-007)", () => {
    const text =
      stack(`    const machine = new sfn.StateMachine(this, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(this, 'Pass')),
      stateMachineType: sfn.StateMachineType.EXPRESS,
    });
    new apigateway.StepFunctionsRestApi(this, 'SfnApi', { stateMachine: machine });
    const caller = new iam.Role(this, 'Caller', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
    const api = new apigateway.RestApi(this, 'Api');
    api.root.addMethod('POST', apigateway.StepFunctionsIntegration.startExecution(machine, { credentialsRole: caller }));
    const shared = sfn.StateMachine.fromStateMachineArn(this, 'Shared', 'arn:aws:states:us-east-1:123456789012:stateMachine:shared');
    api.root.addMethod('PUT', apigateway.StepFunctionsIntegration.startExecution(shared));`);
    const graph = cdkStackGraph(text);
    const start = [
      {
        Effect: 'Allow',
        Action: ['states:StartSyncExecution'],
        Resource: new Ref('Machine'),
      },
    ];
    expect(
      graph.ofType('AWS::ApiGateway::Method').map(method => method.id),
    ).toEqual(['SfnApi/Default/ANY', 'Api/Default/POST', 'Api/Default/PUT']);
    expect(
      graph.get('Api/Default/PUT/StartSyncExecutionRole/DefaultPolicy')!
        .properties.PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          ...start[0],
          Resource: 'arn:aws:states:us-east-1:123456789012:stateMachine:shared',
        },
      ],
    });
    expect(
      graph.get('SfnApi/Default/ANY/StartSyncExecutionRole/DefaultPolicy')!
        .properties.PolicyDocument,
    ).toEqual({ Version: '2012-10-17', Statement: start });
    expect(
      graph.get('Caller/DefaultPolicy')!.properties.PolicyDocument,
    ).toEqual({ Version: '2012-10-17', Statement: start });
    expect(
      scanCdkStack(text, ['OPS-003', 'OPS-006', 'OPS-007'])
        .filter(f => f.resourceId.startsWith('SfnApi'))
        .map(f => `${f.ruleId} ${f.resourceId}`),
    ).toEqual([
      'OPS-003 SfnApi',
      'OPS-003 SfnApi/CloudWatchRole',
      'OPS-003 SfnApi/DeploymentStage.prod',
      'OPS-003 SfnApi/Default/ANY/StartSyncExecutionRole',
    ]);
  });
});
