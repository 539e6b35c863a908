/**
 * The constructs of the CDK an app makes that are not modelled (ReadProgram.notModelled): what they make
 * is not in the graph, so the report lists them, by class, as not judged.
 */
import { scanCdkApp } from '../../testing/programScans';

const STACK = `import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUrlIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

class Network extends ec2.Vpc {
  constructor(scope: Construct, id: string) {
    // Of NAT instances: not modelled.
    super(scope, id, { natGatewayProvider: ec2.NatProvider.instanceV2({ instanceType: new ec2.InstanceType('t3.micro') }) });
  }
}

class Workers extends Construct {
  constructor(scope: Construct, id: string, vpc: ec2.IVpc) {
    super(scope, id);
    for (const name of ['Batch', 'Web']) new efs.FileSystem(this, name, { vpc });
  }
}

export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const vpc = new Network(this, 'Network');
    new Workers(this, 'Workers', vpc);
    new ec2.Instance(this, 'Site', {
      vpc,
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: new ec2.AmazonLinuxImage(),
    });
    const api = new apigwv2.HttpApi(this, 'Api');
    api.addRoutes({ path: '/legacy', integration: new HttpUrlIntegration('Legacy', 'https://legacy.example.com') });
    const jobs = new sqs.Queue(this, 'Jobs');
    new sqs.CfnQueue(this, 'Raw', { queueName: 'raw' });
    new rds.CfnDBSubnetGroup(this, 'Subnets', { dbSubnetGroupDescription: 'db', subnetIds: ['subnet-1'] });
    new cdk.CfnResource(this, 'Custom', { type: this.node.tryGetContext('rawType') });
    jobs.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [jobs.queueArn], principals: [new iam.AnyPrincipal()] }));
  }
}
`;

/** The app makes its stack in a stage, which makes no resource. */
const APP_WITH_STAGE = `import * as cdk from 'aws-cdk-lib';
import { AppStack } from '../lib/stack';
const app = new cdk.App();
new AppStack(new cdk.Stage(app, 'Prod'), 'App');
`;

describe('constructs not modelled', () => {
  it('are listed on their program by class, with how many it makes, subclasses and loops counted; modelled, L1s of any module, app classes and others left out; a CfnResource of a type not known statically listed', () => {
    const report = scanCdkApp(STACK, ['OPS-003'], APP_WITH_STAGE);
    expect(report.programs).toEqual([
      {
        format: 'cdk',
        project: 'svc/cdk.json',
        main: 'svc/bin/app.ts',
        files: ['svc/bin/app.ts', 'svc/lib/stack.ts'],
        notModelled: [
          { type: 'CfnResource', count: 1 },
          { type: 'aws-ec2.Instance', count: 1 },
          { type: 'aws-ec2.Vpc', count: 1 },
          { type: 'aws-efs.FileSystem', count: 2 },
        ],
      },
    ]);
    // Only what is modelled is judged.
    expect(report.findings.map(f => `${f.ruleId} ${f.resourceId}`)).toEqual([
      'OPS-003 Api',
      'OPS-003 Api/DefaultStage',
      'OPS-003 Jobs',
      'OPS-003 Raw',
      'OPS-003 Subnets',
    ]);
  });

  it('are counted when made in a loop whose rounds are not known statically, with ids written as templates', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import { Construct } from 'constructs';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    for (let i = 0; i < this.node.tryGetContext('volumes'); i++) new efs.FileSystem(this, \`Files\${i}\`);
  }
}
`;
    const [program] = scanCdkApp(stack, ['OPS-003']).programs!;
    expect(program.notModelled).toEqual([
      { type: 'aws-efs.FileSystem', count: 1 },
    ]);
  });

  it('leave out assets, files and images the CDK CLI publishes, which the template only points at', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import * as efs from 'aws-cdk-lib/aws-efs';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { DockerImageAsset, TarballImageAsset } from 'aws-cdk-lib/aws-ecr-assets';
import { Construct } from 'constructs';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Asset(this, 'Seed', { path: 'seed/data.json' });
    new DockerImageAsset(this, 'Image', { directory: 'image' });
    new TarballImageAsset(this, 'Tarball', { tarballFile: 'image.tar' });
    new efs.FileSystem(this, 'Files');
  }
}
`;
    const [program] = scanCdkApp(stack, ['OPS-003']).programs!;
    expect(program.notModelled).toEqual([
      { type: 'aws-efs.FileSystem', count: 1 },
    ]);
  });

  it('are listed from every module of aws-cdk-lib, those not named for a service too', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import { custom_resources } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct } from 'constructs';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new pipelines.CodePipeline(this, 'Pipeline', {
      synth: new pipelines.ShellStep('Synth', { input: pipelines.CodePipelineSource.gitHub('org/repo', 'main'), commands: ['npx cdk synth'] }),
    });
    const onEvent = new lambda.Function(this, 'OnEvent', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('provider') });
    new custom_resources.Provider(this, 'Provider', { onEventHandler: onEvent });
  }
}
`;
    const [program] = scanCdkApp(stack, ['OPS-003']).programs!;
    expect(program.notModelled).toEqual([
      { type: 'custom-resources.Provider', count: 1 },
      { type: 'pipelines.CodePipeline', count: 1 },
    ]);
  });

  it('leave out Step Functions tasks that are only states of their state machine; those that make resources are listed', () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const list = new tasks.CallAwsService(this, 'ListBuckets', { service: 's3', action: 'listBuckets', iamResources: ['*'] });
    const copy = new tasks.CallAwsServiceCrossRegion(this, 'Copy', { service: 's3', action: 'listBuckets', region: 'eu-west-1', iamResources: ['*'] });
    new sfn.StateMachine(this, 'Inventory', { definitionBody: sfn.DefinitionBody.fromChainable(list.next(copy)) });
  }
}
`;
    const [program] = scanCdkApp(stack, ['OPS-003']).programs!;
    expect(program.notModelled).toEqual([
      { type: 'aws-stepfunctions-tasks.CallAwsServiceCrossRegion', count: 1 },
    ]);
  });

  it('leave what an output of theirs exports not known: it may be an API, a table, a queue or a topic they make (OPS-006, OPS-007)', () => {
    const stack = (output: string) => `import * as cdk from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const api = new appsync.EventApi(this, 'Api', { apiName: 'events' });
    new sqs.Queue(this, 'Dlq');
    new cdk.CfnOutput(this, 'Url', { value: ${output} });
  }
}
`;
    const rows = (output: string) =>
      scanCdkApp(stack(output), ['OPS-006', 'OPS-007']).findings.map(
        f => `${f.ruleId} ${f.resourceId}`,
      );
    // The stack exports the API's address, so OPS-006 does not hold; which of its resources it leaves out is not known.
    expect(rows('api.httpDns')).toEqual([]);
    expect(rows('`${api.httpDns}orders`')).toEqual([]);
    expect(rows("cdk.Fn.join('', [api.httpDns, 'orders'])")).toEqual([]);
    expect(rows("cdk.Fn.sub('${Url}orders', { Url: api.httpDns })")).toEqual(
      [],
    );
    // A name Fn.sub is not given may be a resource's logical id.
    expect(rows("cdk.Fn.sub('${Dlq}')")).toEqual([]);
    // What the stack outputs is known to be none of them.
    expect(rows('process.env.STAGE!')).toEqual(['OPS-006 Dlq']);
    expect(
      rows(
        "cdk.Fn.sub('https://${AWS::Region}.${!Host}/', { Unused: api.httpDns })",
      ),
    ).toEqual(['OPS-006 Dlq']);
    expect(rows("cdk.Fn.join('/', ['https:', '', 'example.com'])")).toEqual([
      'OPS-006 Dlq',
    ]);
    // Fn.join of a queue's URL exports it.
    expect(
      rows("cdk.Fn.join('', [new sqs.Queue(this, 'Jobs').queueUrl, '?x'])"),
    ).toEqual(['OPS-007 Dlq']);
    // A VPC's id names none.
    expect(rows("new ec2.Vpc(this, 'Network').vpcId")).toEqual(['OPS-006 Dlq']);
  });
});
