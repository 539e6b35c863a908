/**
 * API Gateway stages of CDK apps made apart from their API: REST API deployments and stages (`new Deployment`,
 * `new Stage`), HTTP API stages (`new HttpStage`, `httpApi.addStage`), as LOG-004 and OPS-001 judge them; and
 * REST APIs imported with their attributes, by the id they are given, as EventBridge targets.
 */
import { Ref, Template, Unknown } from '../../graph/values';
import { scanFiles, selectRules } from '../../engine/scan';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 12. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { stageProps } from './settings';`,
    body,
  );

const CLF =
  '$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] ' +
  '"$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId';

describe('CDK API Gateway stages', () => {
  it("come with the role API Gateway writes logs with, and the account setting naming it, unless the REST API's cloudWatchRole prop or the feature flag @aws-cdk/aws-apigateway:disableCloudWatchRole says not to, as cdk synth makes them (OPS-003)", () => {
    const text = stack(`    new apigateway.RestApi(this, 'Api');
    new apigateway.RestApi(this, 'Quiet', { cloudWatchRole: false });
    new apigateway.SpecRestApi(this, 'Spec', { apiDefinition: apigateway.ApiDefinition.fromInline({}), cloudWatchRole: true });`);
    const graph = graphOf(text);
    expect(graph.get('Api/CloudWatchRole')!.properties).toEqual({
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'apigateway.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      ManagedPolicyArns: [
        'arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
      ],
    });
    expect(graph.get('Api/Account')!.properties).toEqual({
      CloudWatchRoleArn: new Ref('Api/CloudWatchRole', 'Arn'),
    });
    const roles = (files: { path: string; text: string }[]) =>
      scanFiles(files, selectRules(['OPS-003']))
        .findings.filter(f => f.resourceType === 'AWS::IAM::Role')
        .map(f => `${f.resourceId} ${f.line}`);
    expect(roles(cdkStackFiles(text))).toEqual([
      'Api/CloudWatchRole 12',
      'Spec/CloudWatchRole 14',
    ]);
    // The flag cdk init sets: only the API that asks for one has one.
    const [, ...rest] = cdkStackFiles(text);
    const flagged = [
      {
        path: 'svc/cdk.json',
        text: '{ "app": "npx ts-node bin/app.ts", "context": { "@aws-cdk/aws-apigateway:disableCloudWatchRole": true } }',
      },
      ...rest,
    ];
    expect(roles(flagged)).toEqual(['Spec/CloudWatchRole 14']);
    // CDK turns a flag on for any truthy value (FeatureFlags.isEnabled), a string too.
    flagged[0].text = flagged[0].text.replace(': true', ': "true"');
    expect(roles(flagged)).toEqual(['Spec/CloudWatchRole 14']);
  });

  it('are the REST API stages `new Stage` makes of a `new Deployment`, with the method settings and access logs of their props (LOG-004, OPS-001)', () => {
    const text =
      stack(`    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {});
    const api = new apigateway.RestApi(this, 'Api', { deploy: false });
    const deployment = new apigateway.Deployment(this, 'Deployment', { api, description: 'manual' });
    new apigateway.Stage(this, 'Bare', { deployment, stageName: 'bare' });
    new apigateway.Stage(this, 'Live', {
      deployment,
      stageName: 'live',
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      tracingEnabled: true,
      throttlingRateLimit: 100,
      throttlingBurstLimit: 50,
      methodOptions: { '/orders/items/get': { loggingLevel: apigateway.MethodLoggingLevel.INFO, cacheTtl: cdk.Duration.minutes(5) } },
    });
    new apigateway.Stage(this, 'PerMethod', {
      deployment,
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      methodOptions: { '/*/*': { throttlingRateLimit: 10, throttlingBurstLimit: 5 } },
    });
    new apigateway.Stage(this, 'Logged', { deployment, stageName: 'logged', loggingLevel: apigateway.MethodLoggingLevel.ERROR });
    new apigateway.Stage(this, 'Passed', stageProps);`);
    const graph = graphOf(text);
    // deploy: false: no deployment nor stage of the API's own.
    expect(
      [...graph.resources].map(resource => `${resource.id} ${resource.type}`),
    ).toEqual([
      'AccessLogs AWS::Logs::LogGroup',
      'Api AWS::ApiGateway::RestApi',
      'Api/CloudWatchRole AWS::IAM::Role',
      'Api/Account AWS::ApiGateway::Account',
      'Deployment AWS::ApiGateway::Deployment',
      'Bare AWS::ApiGateway::Stage',
      'Live AWS::ApiGateway::Stage',
      'PerMethod AWS::ApiGateway::Stage',
      'Logged AWS::ApiGateway::Stage',
    ]);
    expect(graph.get('Deployment')!.properties).toEqual({
      RestApiId: new Ref('Api'),
      Description: 'manual',
    });
    expect(graph.get('Bare')!.properties).toEqual({
      RestApiId: new Ref('Api'),
      StageName: 'bare',
      DeploymentId: new Ref('Deployment'),
    });
    expect(graph.get('Live')!.properties).toEqual({
      RestApiId: new Ref('Api'),
      StageName: 'live',
      DeploymentId: new Ref('Deployment'),
      TracingEnabled: true,
      MethodSettings: [
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingBurstLimit: 50,
          ThrottlingRateLimit: 100,
        },
        {
          HttpMethod: 'GET',
          ResourcePath: '/~1orders~1items',
          LoggingLevel: 'INFO',
          CacheTtlInSeconds: 300,
        },
      ],
      AccessLogSetting: {
        DestinationArn: new Ref('AccessLogs', 'Arn'),
        Format: CLF,
      },
    });
    expect(graph.get('PerMethod')!.properties).toMatchObject({
      StageName: 'prod',
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
        Format: expect.any(Unknown),
      },
    });
    // A stage-wide option other than throttling is an entry for every method all the same.
    expect(graph.get('Logged')!.properties.MethodSettings).toEqual([
      { HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR' },
    ]);
    // Props not known statically: a stage may be there, configured as they say.
    expect(graph.hasUnknownOfType('AWS::ApiGateway::Stage')).toBe(true);
    expect(findings(text, ['LOG-004', 'OPS-001'])).toEqual([
      'LOG-004 Bare 15',
      'OPS-001 Bare 15',
      'LOG-004 Logged 31',
      'OPS-001 Logged 31',
    ]);
  });

  it("are stages of a deployed REST API's latest deployment, and of the deployment of a REST API imported with its attributes, on the id it is given", () => {
    const text =
      stack(`    const api = new apigateway.RestApi(this, 'Api', { deployOptions: { throttlingRateLimit: 10, throttlingBurstLimit: 5 } });
    new apigateway.Stage(this, 'Canary', { deployment: api.latestDeployment!, stageName: 'canary', throttlingRateLimit: 1, throttlingBurstLimit: 1 });
    const shared = apigateway.RestApi.fromRestApiAttributes(this, 'Shared', { restApiId: 'a1b2c3', rootResourceId: 'r00t' });
    const sharedDeployment = new apigateway.Deployment(this, 'SharedDeployment', { api: shared, stageName: 'v2' });
    new apigateway.Stage(this, 'SharedStage', { deployment: sharedDeployment, stageName: 'v3' });`);
    const graph = graphOf(text);
    expect(graph.get('Canary')!.properties).toMatchObject({
      RestApiId: new Ref('Api'),
      StageName: 'canary',
      DeploymentId: new Ref('Api/Deployment'),
    });
    // A deployment with a stage name makes that stage.
    expect(graph.get('SharedDeployment')!.properties).toEqual({
      RestApiId: 'a1b2c3',
      StageName: 'v2',
    });
    expect(graph.get('SharedStage')!.properties).toEqual({
      RestApiId: 'a1b2c3',
      StageName: 'v3',
      DeploymentId: new Ref('SharedDeployment'),
    });
    expect(findings(text, ['OPS-001'])).toEqual([
      'OPS-001 SharedDeployment 15',
      'OPS-001 SharedStage 16',
    ]);
  });

  it("are a REST API's deploymentStage (of its deployOptions, or one its code sets), which escape hatches configure (LOG-004, OPS-001)", () => {
    const text =
      stack(`    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {});
    const api = new apigateway.RestApi(this, 'Api', {});
    const stage = api.deploymentStage.node.defaultChild as apigateway.CfnStage;
    stage.accessLogSetting = { destinationArn: accessLogs.logGroupArn };
    stage.methodSettings = [{ httpMethod: '*', resourcePath: '/*', throttlingRateLimit: 10, throttlingBurstLimit: 5 }];
    const other = new apigateway.RestApi(this, 'Other', { deployOptions: { stageName: 'v1' } });
    new cdk.CfnOutput(this, 'Url', { value: other.deploymentStage.urlForPath('/') });
    // One its code sets: that stage.
    const manual = new apigateway.RestApi(this, 'Manual', { deploy: false });
    manual.deploymentStage = new apigateway.Stage(this, 'Live', { deployment: new apigateway.Deployment(this, 'Deployment', { api: manual }) });
    const live = manual.deploymentStage.node.defaultChild as apigateway.CfnStage;
    live.accessLogSetting = { destinationArn: accessLogs.logGroupArn };
    live.methodSettings = [{ httpMethod: '*', resourcePath: '/*', throttlingRateLimit: 10, throttlingBurstLimit: 5 }];`);
    expect(
      graphOf(text).get('Api/DeploymentStage.prod')!.properties,
    ).toMatchObject({
      AccessLogSetting: { DestinationArn: new Ref('AccessLogs', 'Arn') },
      MethodSettings: [
        {
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 5,
        },
      ],
    });
    expect(findings(text, ['LOG-004', 'OPS-001'])).toEqual([
      'LOG-004 Other/DeploymentStage.v1 17',
      'OPS-001 Other/DeploymentStage.v1 17',
    ]);
  });

  it('are the HTTP API stages `new HttpStage` and `addStage` make, with the throttle and access logs of their options (LOG-004, OPS-001)', () => {
    const text =
      stack(`    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {});
    const api = new apigwv2.HttpApi(this, 'Http', { createDefaultStage: false });
    new apigwv2.HttpStage(this, 'Beta', { httpApi: api, stageName: 'beta' });
    new apigwv2.HttpStage(this, 'Prod', {
      httpApi: api,
      stageName: 'prod',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 50 },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs) },
    });
    api.addStage('Dev', { stageName: 'dev', throttle: { rateLimit: 10 }, detailedMetricsEnabled: true });
    api.addStage('Default', {});
    api.addStage('Passed', stageProps);`);
    const graph = graphOf(text);
    expect(
      graph.ofType('AWS::ApiGatewayV2::Stage').map(stage => stage.id),
    ).toEqual(['Beta', 'Prod', 'Http/Dev', 'Http/Default']);
    expect(graph.get('Beta')!.properties).toEqual({
      ApiId: new Ref('Http'),
      StageName: 'beta',
    });
    expect(graph.get('Prod')!.properties).toEqual({
      ApiId: new Ref('Http'),
      StageName: 'prod',
      AccessLogSettings: {
        DestinationArn: new Ref('AccessLogs', 'Arn'),
        Format: CLF,
      },
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingBurstLimit: 50,
        ThrottlingRateLimit: 100,
      },
    });
    expect(graph.get('Http/Dev')!.properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 10,
      DetailedMetricsEnabled: true,
    });
    expect(graph.get('Http/Default')!.properties.StageName).toBe('$default');
    expect(graph.hasUnknownOfType('AWS::ApiGatewayV2::Stage')).toBe(true);
    expect(findings(text, ['LOG-004', 'OPS-001'])).toEqual([
      'LOG-004 Beta 14',
      'OPS-001 Beta 14',
      'LOG-004 Http/Dev 22',
      'OPS-001 Http/Dev 22',
      'LOG-004 Http/Default 23',
      'OPS-001 Http/Default 23',
    ]);
  });

  it('call a REST API imported with its attributes by the id it is given, as an API Gateway target', () => {
    const graph = graphOf(
      stack(`    const shared = apigateway.RestApi.fromRestApiAttributes(this, 'Shared', { restApiId: 'a1b2c3', rootResourceId: 'r00t' });
    new events.Rule(this, 'Nightly', { schedule: events.Schedule.rate(cdk.Duration.days(1)), targets: [new targets.ApiGateway(shared, { stage: 'prod', method: 'POST', path: '/jobs' })] });`),
    );
    const jobs = new Template([
      'arn:',
      Unknown.oneValue('AWS::Partition'),
      ':execute-api:',
      Unknown.oneValue('AWS::Region'),
      ':',
      Unknown.oneValue('AWS::AccountId'),
      ':a1b2c3/prod/POST/jobs',
    ]);
    expect(
      (graph.get('Nightly')!.properties.Targets as { Arn: unknown }[]).map(
        target => target.Arn,
      ),
    ).toEqual([jobs]);
    expect(
      (
        graph.get('Shared/EventsRole/DefaultPolicy')!.properties
          .PolicyDocument as { Statement: { Resource: unknown }[] }
      ).Statement.map(statement => statement.Resource),
    ).toEqual([jobs]);
  });

  it("make the usage plans and API keys of a REST API's addUsagePlan and addApiKey, and of new UsagePlan and new ApiKey, below their scope, tagged as the API is, as cdk synth does (OPS-003)", () => {
    const text =
      stack(`    const api = new apigateway.RestApi(this, 'Api', { deployOptions: { throttlingRateLimit: 10, throttlingBurstLimit: 2 } });
    api.root.addMethod('GET', new apigateway.MockIntegration(), { apiKeyRequired: true });
    const plan = api.addUsagePlan('Plan', { name: 'partners', throttle: { rateLimit: 10, burstLimit: 2 } });
    plan.addApiKey(api.addApiKey('PartnerKey', { apiKeyName: 'partner' }));
    plan.addApiStage({ stage: api.deploymentStage });
    const internal = new apigateway.UsagePlan(this, 'InternalPlan', { apiStages: [{ api, stage: api.deploymentStage }] });
    internal.addApiKey(new apigateway.ApiKey(this, 'InternalKey', { enabled: false }));
    cdk.Tags.of(api).add('team', 'payments');`);
    expect(findings(text, ['OPS-003'])).toEqual([
      'OPS-003 InternalPlan 17',
      'OPS-003 InternalKey 18',
    ]);
    const graph = graphOf(text);
    expect(
      ['Api/Plan', 'Api/PartnerKey', 'InternalKey'].map(id => {
        const { type, properties } = graph.get(id)!;
        return [type, properties];
      }),
    ).toEqual([
      ['AWS::ApiGateway::UsagePlan', { UsagePlanName: 'partners' }],
      ['AWS::ApiGateway::ApiKey', { Name: 'partner', Enabled: true }],
      ['AWS::ApiGateway::ApiKey', { Enabled: false }],
    ]);
  });
});
