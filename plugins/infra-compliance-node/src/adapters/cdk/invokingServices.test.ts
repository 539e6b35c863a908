/**
 * Services that invoke CDK functions, modelled as `cdk synth` writes them
 * (aws-cdk-lib 2.278): Cognito user pools' triggers and AppSync's Lambda
 * authorizers and data sources, which wait for the function unless a
 * resolver asks otherwise, and EventBridge Scheduler's schedules, which do
 * not; as DLQ-001 sees them.
 */
import { scanFiles, selectRules } from '../../engine/scan';
import { Ref, Template, Unknown } from '../../graph/values';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackGraph,
  scanCdkStack,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 15; `props` are a function's props. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { Resolvers } from './resolvers';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

const dlq001 = (text: string) =>
  scanCdkStack(text, ['DLQ-001']).map(
    f => `${f.resourceId} ${f.confidence}: ${f.message.split(' but ')[0]}`,
  );

/** The resources of the stack whose type and id (`AWS::IAM::Role Api/ServiceRole`) match, by id, with their properties. */
function resourcesOf(text: string, types: RegExp): Record<string, unknown> {
  const graph = cdkStackGraph(text);
  return Object.fromEntries(
    [...graph.resources]
      .filter(resource => types.test(`${resource.type} ${resource.id}`))
      .map(resource => [
        resource.id,
        { type: resource.type, ...resource.properties },
      ]),
  );
}

const arnOf = (fn: string) => new Ref(fn, 'Arn');
const versionsOf = (fn: string) => new Template([new Ref(fn, 'Arn'), ':*']);

describe('CDK services that invoke functions', () => {
  it("write a user pool's triggers in its LambdaConfig, each with the permission CDK adds for Cognito, so none is taken as invoked asynchronously", () => {
    const text =
      stack(`    const signUp = new lambda.Function(this, 'SignUp', props);
    const sender = new lambda.Function(this, 'Sender', props);
    const confirmed = new lambda.Function(this, 'Confirmed', props);
    const key = new kms.Key(this, 'Key');
    const pool = new cognito.UserPool(this, 'Pool', { selfSignUpEnabled: true, customSenderKmsKey: key, lambdaTriggers: { preSignUp: signUp, customEmailSender: sender } });
    pool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, confirmed);`);
    const permission = (fn: string) => ({
      type: 'AWS::Lambda::Permission',
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(fn),
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: new Ref('Pool', 'Arn'),
    });
    expect(resourcesOf(text, /Cognito|Permission/)).toEqual({
      Pool: {
        type: 'AWS::Cognito::UserPool',
        LambdaConfig: {
          KMSKeyID: new Ref('Key', 'Arn'),
          PreSignUp: arnOf('SignUp'),
          CustomEmailSender: {
            LambdaArn: arnOf('Sender'),
            LambdaVersion: 'V1_0',
          },
          PostConfirmation: arnOf('Confirmed'),
        },
      },
      'Pool/PreSignUpCognito': permission('SignUp'),
      'Pool/CustomEmailSenderCognito': permission('Sender'),
      'Pool/PostConfirmationCognito': permission('Confirmed'),
    });
    expect(dlq001(text)).toEqual([]);
  });

  it("write a GraphQL API's Lambda data sources with the service role CDK grants lambda:InvokeFunction, and let AppSync invoke its Lambda authorizer", () => {
    const text =
      stack(`    const resolver = new lambda.Function(this, 'Resolver', props);
    const other = new lambda.Function(this, 'Other', props);
    const authorizer = new lambda.Function(this, 'Authorizer', props);
    const api = new appsync.GraphqlApi(this, 'Api', {
      name: 'orders',
      definition: appsync.Definition.fromFile('schema.graphql'),
      authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.LAMBDA, lambdaAuthorizerConfig: { handler: authorizer } } },
    });
    api.addLambdaDataSource('orders-source', resolver).createResolver('Orders', { typeName: 'Query', fieldName: 'orders' });
    const source = new appsync.LambdaDataSource(this, 'OtherSource', { api, lambdaFunction: other, name: 'other' });
    new appsync.Resolver(this, 'Cancel', { api, dataSource: source, typeName: 'Mutation', fieldName: 'cancel', requestMappingTemplate: appsync.MappingTemplate.lambdaRequest() });`);
    expect(
      resourcesOf(text, /AppSync|Permission|source\/ServiceRole/i),
    ).toEqual({
      Api: {
        type: 'AWS::AppSync::GraphQLApi',
        Name: 'orders',
        AuthenticationType: new Unknown('authorization of a GraphQL API'),
      },
      'Authorizer/Api-appsync': {
        type: 'AWS::Lambda::Permission',
        Action: 'lambda:InvokeFunction',
        FunctionName: arnOf('Authorizer'),
        Principal: 'appsync.amazonaws.com',
        SourceArn: new Unknown(
          'source ARN of an AppSync authorizer, as a feature flag decides',
        ),
      },
      ...Object.fromEntries(
        [
          ['Api/orders-source', 'orderssource', 'Resolver'],
          ['OtherSource', 'other', 'Other'],
        ].flatMap(([id, name, fn]) => [
          [
            `${id}/ServiceRole`,
            {
              type: 'AWS::IAM::Role',
              AssumeRolePolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 'appsync.amazonaws.com' },
                    Action: 'sts:AssumeRole',
                  },
                ],
              },
            },
          ],
          [
            id,
            {
              type: 'AWS::AppSync::DataSource',
              ApiId: new Ref('Api', 'ApiId'),
              Name: name,
              Type: 'AWS_LAMBDA',
              LambdaConfig: { LambdaFunctionArn: arnOf(fn) },
              ServiceRoleArn: new Ref(`${id}/ServiceRole`, 'Arn'),
            },
          ],
          [
            `${id}/ServiceRole/DefaultPolicy`,
            {
              type: 'AWS::IAM::Policy',
              PolicyName: `${id}/ServiceRoleDefaultPolicy`,
              Roles: [new Ref(`${id}/ServiceRole`)],
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'lambda:InvokeFunction',
                    Resource: [arnOf(fn), versionsOf(fn)],
                  },
                ],
              },
            },
          ],
        ]),
      ),
    });
    // A direct Lambda resolver and lambdaRequest's template invoke the function synchronously.
    expect(dlq001(text)).toEqual([]);
  });

  it('give a data source that addLambdaDataSource makes a role of its own, whatever role its options name, as CDK does', () => {
    const text =
      stack(`    const api = new appsync.GraphqlApi(this, 'Api', { name: 'orders', definition: appsync.Definition.fromFile('schema.graphql') });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com') });
    const options: any = { name: 'orders', serviceRole: role };
    api.addLambdaDataSource('Source', new lambda.Function(this, 'Fn', props), options);
    new appsync.LambdaDataSource(this, 'Given', { api, lambdaFunction: new lambda.Function(this, 'Other', props), serviceRole: role });`);
    const resources = resourcesOf(text, /AppSync::DataSource/);
    expect(resources['Api/Source']).toEqual(
      expect.objectContaining({
        Name: 'orders',
        ServiceRoleArn: new Ref('Api/Source/ServiceRole', 'Arn'),
      }),
    );
    expect(resources.Given).toEqual(
      expect.objectContaining({ ServiceRoleArn: new Ref('Role', 'Arn') }),
    );
  });

  it("grant a data source's role what is granted the data source or its grantPrincipal (a function's too), and permissions not known where the data source is handed to code not read", () => {
    const text =
      stack(`    const api = new appsync.GraphqlApi(this, 'Api', { name: 'orders', definition: appsync.Definition.fromFile('schema.graphql') });
    const fn = new lambda.Function(this, 'Fn', props);
    const source = api.addLambdaDataSource('Source', fn);
    const queue = new sqs.Queue(this, 'Queue');
    queue.grantSendMessages(source);
    source.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    fn.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] }));
    new Resolvers(this, 'Resolvers', api.addLambdaDataSource('HandedOn', new lambda.Function(this, 'Other', props)));`);
    const statementsOf = (policy: string) =>
      (
        resourcesOf(text, /Policy/)[policy] as {
          PolicyDocument: { Statement: unknown[] };
        }
      ).PolicyDocument.Statement;
    expect(statementsOf('Api/Source/ServiceRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [arnOf('Fn'), versionsOf('Fn')],
      },
      {
        Effect: 'Allow',
        Action: [
          'sqs:SendMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        Resource: arnOf('Queue'),
      },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] },
    ]);
    expect(statementsOf('Fn/ServiceRole/DefaultPolicy')).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['*'] },
    ]);
    expect(statementsOf('Api/HandedOn/ServiceRole/DefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [arnOf('Other'), versionsOf('Other')],
      },
      new Unknown('permissions granted by a construct not modelled'),
    ]);
  });

  it("take a Lambda data source's function as invoked asynchronously where a resolver's request template is known to ask for an Event invocation, and synchronously where it is not known", () => {
    const text =
      stack(`    const api = new appsync.GraphqlApi(this, 'Api', { name: 'orders', definition: appsync.Definition.fromFile('schema.graphql') });
    const start = new lambda.Function(this, 'Start', props);
    api.addLambdaDataSource('Start', start).createResolver('Resolver', {
      typeName: 'Mutation',
      fieldName: 'start',
      requestMappingTemplate: appsync.MappingTemplate.fromString('{ "version": "2018-05-29", "operation": "Invoke", "invocationType": "Event", "payload": {} }'),
    });
    const interpolated = new lambda.Function(this, 'Interpolated', props);
    api.addLambdaDataSource('Interpolated', interpolated).createResolver('Later', {
      typeName: 'Mutation',
      fieldName: 'later',
      requestMappingTemplate: appsync.MappingTemplate.fromString(\`{ "version": "2018-05-29", "operation": "Invoke", "invocationType": "Event", "payload": \${process.env.PAYLOAD} }\`),
    });
    // Of a field not known statically: named by its path, below the API as CDK makes it.
    const dynamic = new lambda.Function(this, 'Dynamic', props);
    api.addLambdaDataSource('DynamicSource', dynamic).createResolver('DynamicResolver', {
      typeName: process.env.TYPE!,
      fieldName: 'dynamic',
      requestMappingTemplate: appsync.MappingTemplate.fromString('{ "version": "2018-05-29", "operation": "Invoke", "invocationType": "Event", "payload": {} }'),
    });
    const waits = new lambda.Function(this, 'Waits', props);
    api.createResolver('Waits', {
      dataSource: api.addLambdaDataSource('Waits', waits),
      typeName: 'Query',
      fieldName: 'waits',
      requestMappingTemplate: appsync.MappingTemplate.fromString('{ "version": "2018-05-29", "operation": "Invoke", "invocationType": "RequestResponse", "payload": {} }'),
    });
    const fromFile = new lambda.Function(this, 'FromFile', props);
    const fromFileSource = api.addLambdaDataSource('FromFile', fromFile);
    new appsync.AppsyncFunction(this, 'Step', { api, name: 'step', dataSource: fromFileSource, requestMappingTemplate: appsync.MappingTemplate.fromFile('resolvers/step.vtl') });
    new appsync.AppsyncFunction(this, 'Other', { api, name: 'other', dataSource: fromFileSource, requestMappingTemplate: appsync.MappingTemplate.fromFile('resolvers/other.vtl') });
    const notRead = new lambda.Function(this, 'NotRead', props);
    const notReadSource = api.addLambdaDataSource('NotRead', notRead);
    notReadSource.createFunction('Missing', { name: 'missing', requestMappingTemplate: appsync.MappingTemplate.fromFile('resolvers/missing.vtl') });
    notReadSource.createResolver('Code', { typeName: 'Mutation', fieldName: 'code', runtime: appsync.FunctionRuntime.JS_1_0_0, code: appsync.Code.fromAsset('resolvers/code.js') });
    notReadSource.createResolver('Inline', { typeName: 'Mutation', fieldName: 'inline', runtime: appsync.FunctionRuntime.JS_1_0_0, code: appsync.Code.fromInline(process.env.CODE!) });
    const handedOn = new lambda.Function(this, 'HandedOn', props);
    new Resolvers(this, 'Resolvers', api.addLambdaDataSource('HandedOn', handedOn));`);
    // cdk reads a template file relative to the folder it runs the app in, cdk.json's.
    const files = [
      ...cdkStackFiles(text),
      {
        path: 'svc/resolvers/step.vtl',
        text: '{\n  "version": "2018-05-29",\n  "operation": "Invoke",\n  "invocationType": "Event",\n  "payload": $util.toJson($ctx.args)\n}\n',
      },
      {
        path: 'resolvers/other.vtl',
        text: '{ "version": "2018-05-29", "operation": "Invoke", "invocationType": "Event", "payload": {} }',
      },
      {
        path: 'svc/resolvers/code.js',
        text: 'export function request(ctx) { return { operation: "Invoke", invocationType: "Event", payload: ctx.args }; }',
      },
    ];
    expect(
      scanFiles(files, selectRules(['DLQ-001'])).findings.map(
        f => `${f.resourceId} ${f.confidence}: ${f.message.split(' but ')[0]}`,
      ),
    ).toEqual([
      'Start high: Function Start is invoked asynchronously (by AppSync resolver Mutation.start, whose request mapping template asks for an Event invocation)',
      'Interpolated high: Function Interpolated is invoked asynchronously (by AppSync resolver Mutation.later, whose request mapping template asks for an Event invocation)',
      'Dynamic high: Function Dynamic is invoked asynchronously (by AppSync resolver Api/DynamicResolver, whose request mapping template asks for an Event invocation)',
      'FromFile high: Function FromFile is invoked asynchronously (by AppSync pipeline function step, whose request mapping template asks for an Event invocation)',
    ]);
    // Without the file, the template is not known, nor is what it asks.
    expect(dlq001(text)).toEqual([
      'Start high: Function Start is invoked asynchronously (by AppSync resolver Mutation.start, whose request mapping template asks for an Event invocation)',
      'Interpolated high: Function Interpolated is invoked asynchronously (by AppSync resolver Mutation.later, whose request mapping template asks for an Event invocation)',
      'Dynamic high: Function Dynamic is invoked asynchronously (by AppSync resolver Api/DynamicResolver, whose request mapping template asks for an Event invocation)',
    ]);
  });

  it("write a schedule of a LambdaInvoke target with the role CDK makes for the function, and DLQ-001 names the schedule as the function's asynchronous caller, whose dead-letter queue is not the function's", () => {
    const text =
      stack(`    const nightly = new lambda.Function(this, 'Nightly', props);
    const failed = new sqs.Queue(this, 'Failed');
    new scheduler.Schedule(this, 'Schedule', {
      schedule: scheduler.ScheduleExpression.rate(cdk.Duration.hours(1)),
      target: new targets.LambdaInvoke(nightly, { deadLetterQueue: failed, retryAttempts: 2 }),
    });
    new scheduler.Schedule(this, 'Again', { schedule: scheduler.ScheduleExpression.rate(cdk.Duration.days(1)), target: new targets.LambdaInvoke(nightly) });`);
    // The role's id as cdk synth writes it: md5 of {"Fn::GetAtt":["Nightly<hash>","Arn"]}.
    const role = 'SchedulerRoleForTarget-16d947';
    const target = { Arn: arnOf('Nightly'), RoleArn: new Ref(role, 'Arn') };
    expect(resourcesOf(text, /Scheduler|SchedulerRoleForTarget/)).toEqual({
      Schedule: {
        type: 'AWS::Scheduler::Schedule',
        ScheduleExpression: new Unknown('schedule expression'),
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: 'ENABLED',
        Target: {
          ...target,
          DeadLetterConfig: { Arn: new Ref('Failed', 'Arn') },
          RetryPolicy: {
            MaximumEventAgeInSeconds: 86400,
            MaximumRetryAttempts: 2,
          },
        },
      },
      [role]: expect.objectContaining({ type: 'AWS::IAM::Role' }),
      [`${role}/DefaultPolicy`]: expect.objectContaining({
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: [arnOf('Nightly'), versionsOf('Nightly')],
            },
            {
              Effect: 'Allow',
              Action: 'sqs:SendMessage',
              Resource: new Ref('Failed', 'Arn'),
            },
          ],
        },
      }),
      Again: expect.objectContaining({
        Target: {
          ...target,
          RetryPolicy: {
            MaximumEventAgeInSeconds: 86400,
            MaximumRetryAttempts: 185,
          },
        },
      }),
    });
    const graph = cdkStackGraph(text);
    expect(graph.get(role)!.properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: {
              'aws:SourceAccount': Unknown.oneValue('AWS::AccountId'),
              'aws:SourceArn': expect.any(Template),
            },
          },
        },
      ],
    });
    expect(dlq001(text)).toEqual([
      'Nightly high: Function Nightly is invoked asynchronously (by Schedule)',
    ]);
  });

  it("write the role CDK makes for a schedule of an alias, granted the alias's ARN alone, and none for the version fn.currentVersion publishes, whose logical id is not known", () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    const live = new lambda.Alias(this, 'Live', { aliasName: 'live', version: fn.currentVersion });
    new scheduler.Schedule(this, 'ToAlias', { schedule: scheduler.ScheduleExpression.rate(cdk.Duration.hours(1)), target: new targets.LambdaInvoke(live) });
    const versioned = new lambda.Function(this, 'Versioned', props);
    new scheduler.Schedule(this, 'ToVersion', { schedule: scheduler.ScheduleExpression.rate(cdk.Duration.hours(1)), target: new targets.LambdaInvoke(versioned.currentVersion) });`);
    // As cdk synth writes them: the md5 of {"Ref":"Live848578DF"}.
    const role = 'SchedulerRoleForTarget-7253b4';
    const resources = resourcesOf(text, /Scheduler/);
    expect(Object.keys(resources)).toEqual([
      role,
      `${role}/DefaultPolicy`,
      'ToAlias',
      'ToVersion',
    ]);
    expect(resources[`${role}/DefaultPolicy`]).toEqual(
      expect.objectContaining({
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: arnOf('Live'),
            },
          ],
        },
      }),
    );
    expect(resources.ToVersion).toEqual(
      expect.objectContaining({
        Target: expect.objectContaining({
          RoleArn: new Unknown(
            'role CDK makes for a target not known statically',
          ),
        }),
      }),
    );
  });

  it('hand on the function of a schedule target handed to code not read, which may bind it to any schedule or none', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    new Resolvers(this, 'Schedules', new targets.LambdaInvoke(fn));`);
    // Partial as for any function handed to code not read, though a schedule target could only invoke it asynchronously.
    expect(dlq001(text)).toEqual([
      'Fn partial: Function Fn is handed to code the scanner does not read, which may invoke it asynchronously,',
    ]);
  });

  it('report a function a user pool invokes that a schedule invokes too', () => {
    const text = stack(`    const fn = new lambda.Function(this, 'Fn', props);
    new cognito.UserPool(this, 'Pool', { lambdaTriggers: { postConfirmation: fn } });
    new scheduler.Schedule(this, 'Schedule', { schedule: scheduler.ScheduleExpression.rate(cdk.Duration.hours(1)), target: new targets.LambdaInvoke(fn) });`);
    expect(dlq001(text)).toEqual([
      'Fn high: Function Fn is invoked asynchronously (by Schedule)',
    ]);
  });

  it('hand on the functions of triggers, data sources and targets not known statically, which may be invoked either way', () => {
    const text =
      stack(`    const trigger = new lambda.Function(this, 'Trigger', props);
    const resolver = new lambda.Function(this, 'Resolver', props);
    const scheduled = new lambda.Function(this, 'Scheduled', props);
    const pool = new cognito.UserPool(this, 'Pool');
    pool.addTrigger(cognito.UserPoolOperation.of(process.env.OPERATION!), trigger);
    const api = new appsync.GraphqlApi(this, 'Api', { name: 'orders', definition: appsync.Definition.fromFile('schema.graphql') });
    api.addLambdaDataSource('Source', resolver, JSON.parse(process.env.OPTIONS!));
    new scheduler.Schedule(this, 'Schedule', { schedule: scheduler.ScheduleExpression.rate(cdk.Duration.hours(1)), target: new targets.LambdaInvoke(scheduled, JSON.parse(process.env.OPTIONS!)) });`);
    // Cognito and AppSync invoke them synchronously all the same: what is not known is the configuration, not the caller.
    expect(dlq001(text)).toEqual([
      'Scheduled high: Function Scheduled is invoked asynchronously (by Schedule)',
    ]);
    const resources = resourcesOf(text, /Cognito|AppSync|Scheduler/);
    expect(resources.Pool).toEqual({
      type: 'AWS::Cognito::UserPool',
      LambdaConfig: new Unknown('trigger of a user pool not known statically'),
    });
    expect(resources['Api/Source']).toEqual(
      expect.objectContaining({
        Name: new Unknown(
          'name of a data source of options not known statically',
        ),
        // addLambdaDataSource never hands the data source a role of its options: CDK makes one.
        ServiceRoleArn: new Ref('Api/Source/ServiceRole', 'Arn'),
      }),
    );
    expect(resources.Schedule).toEqual(
      expect.objectContaining({
        Target: {
          Arn: arnOf('Scheduled'),
          RoleArn: new Unknown('role of target options not known statically'),
          RetryPolicy: new Unknown(
            'retry policy of target options not known statically',
          ),
        },
      }),
    );
  });
});
