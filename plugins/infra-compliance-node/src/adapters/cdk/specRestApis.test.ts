/**
 * REST APIs of CDK apps made of an OpenAPI definition (`SpecRestApi`, `ApiDefinition`): the RestApi of its body, or
 * of the S3 object that holds it, deployed to the stage of its deployOptions as a RestApi is (LOG-004, OPS-001); the
 * functions its integrations call, as DLQ-001 judges them.
 */
import { Ref, Template, Unknown } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
  scanCdkStack,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 15; `props` are a function's, `invocations(fn)` the URI an integration calls it by. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') };`,
    `    const invocations = (fn: lambda.IFunction) => \`arn:aws:apigateway:\${cdk.Aws.REGION}:lambda:path/2015-03-31/functions/\${fn.functionArn}/invocations\`;
${body}`,
  );

const dlqFindings = (text: string) =>
  scanCdkStack(text, ['DLQ-001']).map(
    f => `${f.resourceId} ${f.line}: ${f.message.split(' but ')[0]}`,
  );

/** The URI of an integration that calls function `fn` of the stack. */
const invocationsOf = (fn: string) =>
  new Template([
    'arn:aws:apigateway:',
    Unknown.oneValue('AWS::Region'),
    ':lambda:path/2015-03-31/functions/',
    new Ref(fn, 'Arn'),
    '/invocations',
  ]);

const CLF =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] ' +
  '"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId';

const API_GATEWAY =
  "{ principal: new iam.ServicePrincipal('apigateway.amazonaws.com') }";

describe('CDK SpecRestApi', () => {
  it('is a RestApi of its inline OpenAPI body, deployed to the stage of its deployOptions (prod unless named) as a RestApi is (LOG-004, OPS-001)', () => {
    const text =
      stack(`    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {});
    const items = new lambda.Function(this, 'Items', props);
    const definition = { openapi: '3.0.1', paths: { '/items': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: invocations(items) } } } } };
    new apigateway.SpecRestApi(this, 'Api', { apiDefinition: apigateway.ApiDefinition.fromInline(definition) });
    new apigateway.SpecRestApi(this, 'Logged', {
      restApiName: 'logged',
      apiDefinition: apigateway.ApiDefinition.fromInline(definition),
      deployOptions: { stageName: 'v1', accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs), throttlingRateLimit: 10, throttlingBurstLimit: 5 },
    });`);
    const graph = graphOf(text);
    expect(
      graph
        .ofType(
          'AWS::ApiGateway::RestApi',
          'AWS::ApiGateway::Deployment',
          'AWS::ApiGateway::Stage',
        )
        .map(resource => resource.id),
    ).toEqual([
      'Api',
      'Logged',
      'Api/Deployment',
      'Logged/Deployment',
      'Api/DeploymentStage.prod',
      'Logged/DeploymentStage.v1',
    ]);
    expect(graph.get('Api')!.properties).toEqual({
      Name: 'Api',
      Body: {
        openapi: '3.0.1',
        paths: {
          '/items': {
            get: {
              'x-amazon-apigateway-integration': {
                type: 'aws_proxy',
                httpMethod: 'POST',
                uri: invocationsOf('Items'),
              },
            },
          },
        },
      },
    });
    expect(graph.get('Logged')!.properties.Name).toBe('logged');
    expect(graph.get('Api/DeploymentStage.prod')!.properties).toEqual({
      RestApiId: new Ref('Api'),
      StageName: 'prod',
      DeploymentId: new Ref('Api/Deployment'),
    });
    expect(graph.get('Logged/DeploymentStage.v1')!.properties).toEqual({
      RestApiId: new Ref('Logged'),
      StageName: 'v1',
      DeploymentId: new Ref('Logged/Deployment'),
      MethodSettings: [
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingBurstLimit: 5,
          ThrottlingRateLimit: 10,
        },
      ],
      AccessLogSetting: {
        DestinationArn: new Ref('AccessLogs', 'Arn'),
        Format: CLF,
      },
    });
    expect(findings(text, ['LOG-004', 'OPS-001'])).toEqual([
      'LOG-004 Api/DeploymentStage.prod 18',
      'OPS-001 Api/DeploymentStage.prod 18',
    ]);
  });

  it('makes no deployment nor stage with deploy: false; a stage of its own its code sets is its deploymentStage, which escape hatches configure (LOG-004, OPS-001)', () => {
    const text =
      stack(`    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {});
    const definition = apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: {} });
    const api = new apigateway.SpecRestApi(this, 'Api', { apiDefinition: definition, deploy: false });
    api.deploymentStage = new apigateway.Stage(this, 'Live', { deployment: new apigateway.Deployment(this, 'Deployment', { api }) });
    const live = api.deploymentStage.node.defaultChild as apigateway.CfnStage;
    live.accessLogSetting = { destinationArn: accessLogs.logGroupArn };
    new apigateway.SpecRestApi(this, 'Manual', { apiDefinition: definition, deploy: false });`);
    const graph = graphOf(text);
    expect(
      [...graph.resources].map(resource => `${resource.id} ${resource.type}`),
    ).toEqual([
      'AccessLogs AWS::Logs::LogGroup',
      'Api AWS::ApiGateway::RestApi',
      'Api/CloudWatchRole AWS::IAM::Role',
      'Api/Account AWS::ApiGateway::Account',
      'Deployment AWS::ApiGateway::Deployment',
      'Live AWS::ApiGateway::Stage',
      'Manual AWS::ApiGateway::RestApi',
      'Manual/CloudWatchRole AWS::IAM::Role',
      'Manual/Account AWS::ApiGateway::Account',
    ]);
    expect(graph.get('Live')!.properties.AccessLogSetting).toEqual({
      DestinationArn: new Ref('AccessLogs', 'Arn'),
    });
    expect(findings(text, ['LOG-004', 'OPS-001'])).toEqual(['OPS-001 Live 18']);
  });

  it('lets DLQ-001 exempt a function its spec calls synchronously, which API Gateway may invoke; one the spec calls with an Event header, or with an asynchronous trigger too, is reported', () => {
    const text =
      stack(`    const sync = new lambda.Function(this, 'Sync', props);
    const event = new lambda.Function(this, 'Event', props);
    const notified = new lambda.Function(this, 'Notified', props);
    const api = new apigateway.SpecRestApi(this, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: {
        '/sync': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: invocations(sync) } } },
        '/event': { post: { 'x-amazon-apigateway-integration': {
          type: 'aws', httpMethod: 'POST', uri: invocations(event), requestParameters: { 'integration.request.header.X-Amz-Invocation-Type': "'Event'" },
        } } },
        '/notified': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: invocations(notified) } } },
      } }),
    });
    sync.addPermission('ApiInvoke', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com'), sourceArn: api.arnForExecuteApi() });
    event.addPermission('ApiInvoke', ${API_GATEWAY});
    notified.addPermission('ApiInvoke', ${API_GATEWAY});
    new sns.Topic(this, 'Topic').addSubscription(new subscriptions.LambdaSubscription(notified));`);
    expect(dlqFindings(text)).toEqual([
      'Event 16: Function Event is invoked asynchronously (by Api)',
      'Notified 17: Function Notified is invoked asynchronously (by its subscription to the SNS topic Topic)',
    ]);
  });

  it('is a RestApi of the S3 object of an asset or a bucket that holds its definition, which the scanner does not read: a function API Gateway may invoke is judged by its permission (DLQ-001)', () => {
    const text =
      stack(`    const orders = new lambda.Function(this, 'Orders', props);
    const api = new apigateway.SpecRestApi(this, 'Api', { apiDefinition: apigateway.ApiDefinition.fromAsset('openapi.yaml') });
    orders.addPermission('ApiInvoke', { principal: new iam.ServicePrincipal('apigateway.amazonaws.com'), sourceArn: api.arnForExecuteApi() });
    const specs = new s3.Bucket(this, 'Specs');
    new apigateway.SpecRestApi(this, 'Stored', { apiDefinition: apigateway.ApiDefinition.fromBucket(specs, 'openapi.yaml', 'v1') });`);
    const graph = graphOf(text);
    expect(graph.get('Api')!.properties).toEqual({
      Name: 'Api',
      BodyS3Location: { Bucket: expect.any(Unknown), Key: expect.any(Unknown) },
    });
    expect(graph.get('Stored')!.properties).toEqual({
      Name: 'Stored',
      BodyS3Location: {
        Bucket: new Ref('Specs'),
        Key: 'openapi.yaml',
        Version: 'v1',
      },
    });
    expect(graph.get('Stored/DeploymentStage.prod')).toBeDefined();
    expect(dlqFindings(text)).toEqual([]);
  });

  it("lets a function granted to API Gateway (grantInvoke of a service's principal) be invoked by the permission CDK adds, once, of the id CDK derives from the principal; one granted to a role is invoked by no trigger of the stack (DLQ-001)", () => {
    const text =
      stack(`    const items = new lambda.Function(this, 'Items', props);
    const nightly = new lambda.Function(this, 'Nightly', props);
    const roled = new lambda.Function(this, 'Roled', props);
    new apigateway.SpecRestApi(this, 'Api', {
      apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.1', paths: { '/items': { get: { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: invocations(items) } } } } }),
    });
    items.grantInvoke(new iam.ServicePrincipal('apigateway.amazonaws.com'));
    items.grantInvoke(new iam.ServicePrincipal('apigateway.amazonaws.com'));
    nightly.currentVersion.addAlias('live').grantInvoke(new iam.OrganizationPrincipal('o-abc1234567'));
    roled.grantInvoke(new iam.Role(this, 'Caller', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }));`);
    const graph = graphOf(text);
    expect(
      graph
        .ofType('AWS::Lambda::Permission')
        .map(permission => [permission.id, permission.properties]),
    ).toEqual([
      [
        'Items/InvokeFcyXBRX02EWa52GlF+ECQiCzDt0fdRUDi4mo4foC5aU=',
        {
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          FunctionName: new Ref('Items', 'Arn'),
        },
      ],
      [
        'Nightly/CurrentVersion/Aliaslive/InvokebJJMLtDvJEn--yjOtMt8J3f3E9--TFVnHWzjvg1hg0sKU=',
        {
          Action: 'lambda:InvokeFunction',
          Principal: '*',
          FunctionName: new Ref('Nightly/CurrentVersion/Aliaslive', 'Arn'),
          PrincipalOrgID: 'o-abc1234567',
        },
      ],
    ]);
    expect(dlqFindings(text)).toEqual([
      'Nightly 16: Function Nightly is invoked asynchronously (by Nightly/CurrentVersion/Aliaslive/InvokebJJMLtDvJEn--yjOtMt8J3f3E9--TFVnHWzjvg1hg0sKU=)',
      'Roled 17: Function Roled has no trigger in the stack, so it may be invoked asynchronously',
    ]);
  });
});
