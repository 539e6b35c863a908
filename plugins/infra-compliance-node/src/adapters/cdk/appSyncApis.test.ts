/**
 * AppSync GraphQL APIs (aws-appsync `GraphqlApi`): the role CDK makes for a `logConfig` and the HTTP data sources of
 * `addHttpDataSource` with their roles and what is granted them, as `cdk synth` writes them (aws-cdk-lib 2.278.0).
 */
import { Ref, Unknown, concat } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
  scanCdkApp,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 9. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';`,
    body,
  );

const APPSYNC_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'appsync.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
};

describe('CDK AppSync', () => {
  it("a logConfig makes the role AppSync logs as, unless given, and an HTTP data source calls its endpoint as a role of its own, granted what is granted the data source; the log group's LogRetention is listed as not modelled", () => {
    const text =
      stack(`    const machine = new sfn.StateMachine(this, 'Machine', { definition: new sfn.Pass(this, 'Pass'), stateMachineType: sfn.StateMachineType.EXPRESS });
    const api = new appsync.GraphqlApi(this, 'Api', { name: 'orders', definition: appsync.Definition.fromFile('schema.graphql'), xrayEnabled: true,
      logConfig: { excludeVerboseContent: false, fieldLogLevel: appsync.FieldLogLevel.ALL } });
    const ds = api.addHttpDataSource('StepFunctions', 'https://sync-states.' + this.region + '.amazonaws.com/', { authorizationConfig: { signingRegion: this.region, signingServiceName: 'states' } });
    machine.grantStartExecution(ds);
    machine.grant(ds.grantPrincipal, 'states:StartSyncExecution');
    const logs = new iam.Role(this, 'Logs', { assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com') });
    new appsync.GraphqlApi(this, 'Given', { name: 'given', definition: appsync.Definition.fromFile('schema.graphql'), logConfig: { role: logs } });`);
    const graph = graphOf(text);
    expect(
      [...graph.resources]
        .filter(resource => !resource.id.startsWith('Machine'))
        .map(resource => `${resource.id} ${resource.type}`),
    ).toEqual([
      'Api/ApiLogsRole AWS::IAM::Role',
      'Api AWS::AppSync::GraphQLApi',
      'Api/StepFunctions/ServiceRole AWS::IAM::Role',
      'Api/StepFunctions AWS::AppSync::DataSource',
      'Api/StepFunctions/ServiceRole/DefaultPolicy AWS::IAM::Policy',
      'Logs AWS::IAM::Role',
      'Given AWS::AppSync::GraphQLApi',
    ]);
    expect(graph.get('Api/ApiLogsRole')!.properties).toEqual({
      AssumeRolePolicyDocument: APPSYNC_TRUST,
      ManagedPolicyArns: [
        'arn:aws:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs',
      ],
    });
    expect(graph.get('Api')!.properties).toEqual({
      Name: 'orders',
      AuthenticationType: 'API_KEY',
      LogConfig: {
        CloudWatchLogsRoleArn: new Ref('Api/ApiLogsRole', 'Arn'),
        ExcludeVerboseContent: false,
        FieldLogLevel: 'ALL',
      },
    });
    expect(graph.get('Given')!.properties.LogConfig).toEqual({
      CloudWatchLogsRoleArn: new Ref('Logs', 'Arn'),
      FieldLogLevel: 'NONE',
    });
    // `this.region`, as the model has a stack's region.
    const region = new Unknown('AWS::Region');
    expect(graph.get('Api/StepFunctions')!.properties).toEqual({
      ApiId: new Ref('Api', 'ApiId'),
      Name: 'StepFunctions',
      Type: 'HTTP',
      HttpConfig: {
        Endpoint: concat(['https://sync-states.', region, '.amazonaws.com/']),
        AuthorizationConfig: {
          AuthorizationType: 'AWS_IAM',
          AwsIamConfig: { SigningRegion: region, SigningServiceName: 'states' },
        },
      },
      ServiceRoleArn: new Ref('Api/StepFunctions/ServiceRole', 'Arn'),
    });
    expect(graph.get('Api/StepFunctions/ServiceRole')!.properties).toEqual({
      AssumeRolePolicyDocument: APPSYNC_TRUST,
    });
    expect(
      graph.get('Api/StepFunctions/ServiceRole/DefaultPolicy')!.properties
        .PolicyDocument,
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: new Ref('Machine'),
        },
        {
          Effect: 'Allow',
          Action: ['states:StartSyncExecution'],
          Resource: new Ref('Machine'),
        },
      ],
    });
    // As the synthesized template's: every role, API and the state machine are untagged.
    expect(findings(text, ['OPS-003'])).toEqual([
      'OPS-003 Machine/Role 9',
      'OPS-003 Machine 9',
      'OPS-003 Api/ApiLogsRole 10',
      'OPS-003 Api 10',
      'OPS-003 Api/StepFunctions/ServiceRole 12',
      'OPS-003 Logs 15',
      'OPS-003 Given 16',
    ]);
    const [program] = scanCdkApp(text, ['OPS-003']).programs!;
    expect(program.notModelled).toEqual([
      { type: 'aws-logs.LogRetention', count: 2 },
    ]);
  });
});
