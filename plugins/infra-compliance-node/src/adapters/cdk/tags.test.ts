import { cdkStackGraph, scanCdkStack } from '../../testing/programScans';

/**
 * OPS-003 on CDK apps: which resources the tags of `Tags.of`, the `Tag` and
 * `RemoveTag` aspects and the constructs' own `tags` props leave tagged.
 */
const stack = (body: string) => `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    ${body}
  }
}
`;

/** The app of `bin/app.ts`, one stack, `tagging` after it. */
const app = (tagging: string) => `
import * as cdk from 'aws-cdk-lib';
import { AppStack } from '../lib/stack';
const app = new cdk.App();
new AppStack(app, 'App');
${tagging}
`;

const untagged = (body: string, appFile = app('')) =>
  scanCdkStack(stack(body), ['OPS-003'], appFile).map(
    finding => `${finding.resourceId} ${finding.line}`,
  );

/** A VPC not modelled: one of NAT instances (see CdkModel.vpc). */
const VPC_NOT_MODELLED =
  "new ec2.Vpc(this, 'Vpc', { natGatewayProvider: ec2.NatProvider.instanceV2({ instanceType: new ec2.InstanceType('t3.micro') }) })";
const QUEUE_AND_TOPIC =
  "new sqs.Queue(this, 'Jobs');\n    new sns.Topic(this, 'Alerts');";

describe('CDK tags (OPS-003)', () => {
  it('applies the props of a tag on the app as those of a tag on a stack', () => {
    expect(untagged(QUEUE_AND_TOPIC)).toEqual(['Jobs 10', 'Alerts 11']);
    expect(
      untagged(QUEUE_AND_TOPIC, app("cdk.Tags.of(app).add('team', 'orders');")),
    ).toEqual([]);
    // TagManager names a queue AWS::SQS::Queue: an include list of queues leaves the topic untagged, an exclude list the
    // queue, if it excludes the stack too (aws:cdk:stack), whose tags CloudFormation gives all it deploys.
    expect(
      untagged(
        QUEUE_AND_TOPIC,
        app(
          "cdk.Tags.of(app).add('team', 'orders', { includeResourceTypes: ['AWS::SQS::Queue'] });",
        ),
      ),
    ).toEqual(['Alerts 11']);
    expect(
      untagged(
        QUEUE_AND_TOPIC,
        app(
          "cdk.Tags.of(app).add('team', 'orders', { excludeResourceTypes: ['AWS::SQS::Queue', 'aws:cdk:stack'] });",
        ),
      ),
    ).toEqual(['Jobs 10']);
    expect(
      untagged(
        QUEUE_AND_TOPIC,
        app(
          "cdk.Tags.of(app).add('team', 'orders', { excludeResourceTypes: ['AWS::SQS::Queue'] });",
        ),
      ),
    ).toEqual([]);
    expect(
      untagged(
        QUEUE_AND_TOPIC,
        app(
          "cdk.Aspects.of(app).add(new cdk.Tag('team', 'orders', { includeResourceTypes: ['AWS::SNS::Topic'] }));",
        ),
      ),
    ).toEqual(['Jobs 10']);
    // A remove on the app, of higher priority, undoes it; one on the stack undoes a tag on the app.
    expect(
      untagged(
        QUEUE_AND_TOPIC,
        app(
          "cdk.Tags.of(app).add('team', 'orders');\ncdk.Tags.of(app).remove('team', { priority: 300, includeResourceTypes: ['AWS::SNS::Topic', 'aws:cdk:stack'] });",
        ),
      ),
    ).toEqual(['Alerts 11']);
    expect(
      untagged(
        `${QUEUE_AND_TOPIC}\n    cdk.Tags.of(this).remove('team');`,
        app("cdk.Tags.of(app).add('team', 'orders');"),
      ),
    ).toEqual(['Jobs 10', 'Alerts 11']);
    expect(
      untagged(
        `${QUEUE_AND_TOPIC}\n    cdk.Tags.of(this).remove('owner');`,
        app("cdk.Tags.of(app).add('team', 'orders');"),
      ),
    ).toEqual([]);
  });

  it('tags what a stage holds when the stage is tagged', () => {
    const stageApp = (tagging: string) => `
import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AppStack } from '../lib/stack';
class Prod extends cdk.Stage {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AppStack(this, 'App');
    ${tagging}
  }
}
const app = new cdk.App();
new Prod(app, 'Prod');
`;
    expect(untagged(QUEUE_AND_TOPIC, stageApp(''))).toEqual([
      'Jobs 10',
      'Alerts 11',
    ]);
    expect(
      untagged(
        QUEUE_AND_TOPIC,
        stageApp(
          "cdk.Tags.of(this).add('team', 'orders', { excludeResourceTypes: ['AWS::SNS::Topic', 'aws:cdk:stack'] });",
        ),
      ),
    ).toEqual(['Alerts 11']);
  });

  it("undoes an L1's own tags by a remove of their keys, as TagManager sets them at priority 50", () => {
    const queue =
      "new sqs.CfnQueue(this, 'Jobs', { tags: [{ key: 'team', value: 'orders' }, { key: 'env', value: 'prod' }] });";
    expect(untagged(queue)).toEqual([]);
    expect(
      untagged(
        `${queue}\n    cdk.Tags.of(this).remove('team');\n    cdk.Tags.of(this).remove('env');`,
      ),
    ).toEqual(['Jobs 10']);
    expect(
      untagged(
        `${queue}\n    cdk.Aspects.of(this).add(new cdk.RemoveTag('team'));\n    cdk.Aspects.of(this).add(new cdk.RemoveTag('env'));`,
      ),
    ).toEqual(['Jobs 10']);
    // One key left, a remove of lower priority, one not reaching queues, one that may not run, one of a key not known.
    expect(untagged(`${queue}\n    cdk.Tags.of(this).remove('team');`)).toEqual(
      [],
    );
    expect(
      untagged(
        `${queue}\n    cdk.Tags.of(this).remove('team', { priority: 10 });\n    cdk.Tags.of(this).remove('env');`,
      ),
    ).toEqual([]);
    expect(
      untagged(
        `${queue}\n    cdk.Tags.of(this).remove('team', { includeResourceTypes: ['AWS::SNS::Topic'] });\n    cdk.Tags.of(this).remove('env');`,
      ),
    ).toEqual([]);
    expect(
      untagged(
        `${queue}\n    if (process.env.BARE) cdk.Tags.of(this).remove('team');\n    cdk.Tags.of(this).remove('env');`,
      ),
    ).toEqual([]);
    expect(
      untagged(
        `${queue}\n    cdk.Tags.of(this).remove(process.env.KEY!);\n    cdk.Tags.of(this).remove('env');`,
      ),
    ).toEqual([]);
    // A tag added back after the removes, of a priority they do not beat.
    expect(
      untagged(
        `${queue}\n    cdk.Tags.of(this).remove('team');\n    cdk.Tags.of(this).remove('env');\n    cdk.Tags.of(this).add('owner', 'ops');`,
      ),
    ).toEqual([]);
    // A map of tags (a parameter's), and tags not known statically.
    expect(
      untagged(
        "new cdk.aws_ssm.CfnParameter(this, 'Flag', { type: 'String', value: 'on', tags: { team: 'orders' } });\n    cdk.Tags.of(this).remove('team');",
      ),
    ).toEqual(['Flag 10']);
    expect(
      untagged(
        "new sqs.CfnQueue(this, 'Jobs', { tags: JSON.parse(process.env.TAGS!) });\n    cdk.Tags.of(this).remove('team');",
      ),
    ).toEqual([]);
    // Those of an L1 that renders them in another property (a CfnUserPool's UserPoolTags, a CfnFileSystem's FileSystemTags).
    const pool =
      "new cdk.aws_cognito.CfnUserPool(this, 'Users', { userPoolTags: { team: 'orders' } });";
    const files =
      "new cdk.aws_efs.CfnFileSystem(this, 'Files', { fileSystemTags: [{ key: 'team', value: 'orders' }] });";
    expect(
      untagged(`${pool}\n    ${files}\n    cdk.Tags.of(this).remove('team');`),
    ).toEqual(['Users 10', 'Files 11']);
    expect(
      untagged(`${pool}\n    ${files}\n    cdk.Tags.of(this).remove('env');`),
    ).toEqual([]);
  });

  it('keeps the own tags of an L1 that sets them last (ITaggableV2), or that releases rendered with no TagManager, from removes that may not undo them', () => {
    const alarm =
      "new cdk.aws_cloudwatch.CfnAlarm(this, 'Slow', { comparisonOperator: 'GreaterThanThreshold', evaluationPeriods: 1, tags: [{ key: 'team', value: 'orders' }] });";
    // Its TagManager takes them when rendered, after the aspects: a remove of equal priority runs first and loses.
    expect(
      untagged(
        `${alarm}\n    cdk.Tags.of(this).remove('team', { priority: 50 });`,
      ),
    ).toEqual([]);
    expect(untagged(`${alarm}\n    cdk.Tags.of(this).remove('team');`)).toEqual(
      ['Slow 10'],
    );
    // A health check's, in its HealthCheckTags.
    const check =
      "new cdk.aws_route53.CfnHealthCheck(this, 'Ping', { healthCheckConfig: { type: 'HTTPS' }, healthCheckTags: [{ key: 'team', value: 'orders' }] });";
    expect(
      untagged(
        `${check}\n    cdk.Tags.of(this).remove('team', { priority: 50 });`,
      ),
    ).toEqual([]);
    expect(untagged(`${check}\n    cdk.Tags.of(this).remove('team');`)).toEqual(
      ['Ping 10'],
    );
    // A classic L1's, set when it is made, a remove of equal priority undoes.
    expect(
      untagged(
        "new sqs.CfnQueue(this, 'Jobs', { tags: [{ key: 'team', value: 'orders' }] });\n    cdk.Tags.of(this).remove('team', { priority: 50 });",
      ),
    ).toEqual(['Jobs 10']);
    // Releases before aws-cdk-lib 2.140 rendered an event bus's as given, out of any remove's reach.
    expect(
      untagged(
        "new cdk.aws_events.CfnEventBus(this, 'Bus', { name: 'orders', tags: [{ key: 'team', value: 'orders' }] });\n    cdk.Tags.of(this).remove('team');",
      ),
    ).toEqual([]);
  });

  it('tags, by a tag on a construct not modelled, only what may be below it', () => {
    const vpc = (tagging: string) => `const vpc = new ec2.Vpc(this, 'Vpc');
    for (const subnet of vpc.publicSubnets) {
      ${tagging}
    }
    ${QUEUE_AND_TOPIC}`;
    expect(untagged(vpc(''))).toEqual(['Jobs 14', 'Alerts 15']);
    // Made in the stack, the queue and the topic are not below a subnet.
    expect(
      untagged(
        vpc("cdk.Aspects.of(subnet).add(new cdk.Tag('Name', 'public'));"),
      ),
    ).toEqual(['Jobs 14', 'Alerts 15']);
    expect(untagged(vpc("cdk.Tags.of(subnet).add('Name', 'public');"))).toEqual(
      ['Jobs 14', 'Alerts 15'],
    );
    expect(untagged(vpc("cdk.Tags.of(vpc).add('Name', 'public');"))).toEqual([
      'Jobs 14',
      'Alerts 15',
    ]);
    // What is made in a construct not modelled, or in a stack of a scope not known, may be below it.
    expect(
      untagged(
        `const vpc = ${VPC_NOT_MODELLED};\n    new sqs.Queue(vpc, 'Jobs');\n    cdk.Tags.of(vpc).add('team', 'orders');\n    new sns.Topic(this, 'Alerts');`,
      ),
    ).toEqual(['Alerts 13']);
    const staged = `
import * as cdk from 'aws-cdk-lib';
import { AppStack } from '../lib/stack';
const stage = new cdk.Stage(new cdk.App(), 'Prod');
new AppStack(stage, 'App');
cdk.Tags.of(stage).add('team', 'orders');
`;
    expect(untagged(QUEUE_AND_TOPIC, staged)).toEqual([]);
    // `Stack.of` a construct not modelled may be any stack.
    expect(
      untagged(
        `const vpc = new ec2.Vpc(this, 'Vpc');\n    cdk.Tags.of(cdk.Stack.of(vpc)).add('team', 'orders');\n    ${QUEUE_AND_TOPIC}`,
      ),
    ).toEqual([]);
  });

  it('tags everything by a tag on a scope not known statically that may be above a resource', () => {
    const queueAndTopic =
      "const queue = new sqs.Queue(this, 'Jobs');\n    new sns.Topic(this, 'Alerts');";
    const tagged = (tagging: string, appFile?: string) =>
      untagged(
        `${queueAndTopic}\n    const vpc = new ec2.Vpc(this, 'Vpc');\n    ${tagging}`,
        appFile,
      );
    expect(tagged('')).toEqual(['Jobs 10', 'Alerts 11']);
    // The stack's children (the queue, the topic); the stack or the queue; the stack holding the VPC; what a package not read returns.
    expect(
      tagged(
        "for (const child of this.node.children) cdk.Tags.of(child).add('team', 'orders');",
      ),
    ).toEqual([]);
    expect(
      tagged(
        "this.node.children.forEach(child => cdk.Aspects.of(child).add(new cdk.Tag('team', 'orders')));",
      ),
    ).toEqual([]);
    expect(
      tagged(
        "cdk.Tags.of(process.env.ALL ? this : queue).add('team', 'orders');",
      ),
    ).toEqual([]);
    expect(
      tagged("cdk.Tags.of(vpc.node.scope!).add('team', 'orders');"),
    ).toEqual([]);
    expect(tagged("cdk.Tags.of(vpc.stack).add('team', 'orders');")).toEqual([]);
    expect(
      tagged(
        "cdk.Tags.of(vpc.publicSubnets[0].node.scope!.node.scope!).add('team', 'orders');",
      ),
    ).toEqual([]);
    expect(tagged("cdk.Tags.of(vpc.node.root).add('team', 'orders');")).toEqual(
      [],
    );
    expect(
      tagged(
        "cdk.Tags.of(require('./scopes').scopeOf(this)).add('team', 'orders');",
      ),
    ).toEqual([]);
    // Its props still count: a type it does not include is not tagged by it.
    expect(
      tagged(
        "cdk.Tags.of(vpc.node.scope!).add('team', 'orders', { includeResourceTypes: ['AWS::SQS::Queue'] });",
      ),
    ).toEqual(['Alerts 11']);
    // Applied below the stack, it is not undone by a remove on the stack of its priority, only by one of a higher priority
    // (a remove's default, 200).
    expect(
      tagged(
        "cdk.Tags.of(this).remove('team', { priority: 100 });\n    for (const child of this.node.children) cdk.Tags.of(child).add('team', 'orders');",
      ),
    ).toEqual([]);
    expect(
      tagged(
        "cdk.Tags.of(this).remove('team');\n    for (const child of this.node.children) cdk.Tags.of(child).add('team', 'orders');",
      ),
    ).toEqual(['Jobs 10', 'Alerts 11']);
    // `Stack.of` a construct not modelled, added after a remove on the stack: the stack may be this one, tagged after the remove.
    expect(
      tagged(
        "cdk.Tags.of(this).remove('team', { priority: 100 });\n    cdk.Tags.of(cdk.Stack.of(vpc)).add('team', 'orders');",
      ),
    ).toEqual([]);
  });

  it('tags, by a tag on what is surely below a construct not modelled, only what is below that construct', () => {
    const inVpc = (tagging: string) =>
      untagged(
        `${QUEUE_AND_TOPIC}\n    const vpc = ${VPC_NOT_MODELLED};\n    ${tagging}`,
      );
    // CDK makes a VPC's subnets, and whatever is in its node's children, below the VPC.
    expect(
      inVpc("cdk.Tags.of(vpc.publicSubnets[0]).add('team', 'orders');"),
    ).toEqual(['Jobs 10', 'Alerts 11']);
    expect(
      inVpc(
        "vpc.isolatedSubnets.forEach(subnet => cdk.Tags.of(subnet).add('team', 'orders'));",
      ),
    ).toEqual(['Jobs 10', 'Alerts 11']);
    expect(
      inVpc(
        "for (const subnet of vpc.privateSubnets) cdk.Aspects.of(subnet).add(new cdk.Tag('team', 'orders'));",
      ),
    ).toEqual(['Jobs 10', 'Alerts 11']);
    expect(
      inVpc(
        "for (const child of vpc.node.children) cdk.Tags.of(child).add('team', 'orders');",
      ),
    ).toEqual(['Jobs 10', 'Alerts 11']);
    expect(
      inVpc("cdk.Tags.of(vpc.node.defaultChild!).add('team', 'orders');"),
    ).toEqual(['Jobs 10', 'Alerts 11']);
  });

  it("reads the tags set on a construct's TagManager (setTag, removeTag), as TagManager keeps them before any aspect runs", () => {
    // An L1's `tags`, an L2's default child's, `TagManager.of`, the stack's (which CloudFormation gives all it deploys).
    expect(
      untagged(
        "const jobs = new sqs.CfnQueue(this, 'Jobs');\n    jobs.tags.setTag('team', 'orders');\n    new sns.Topic(this, 'Alerts');",
      ),
    ).toEqual(['Alerts 12']);
    expect(
      untagged(
        "const jobs = new sqs.Queue(this, 'Jobs');\n    (jobs.node.defaultChild as sqs.CfnQueue).tags.setTag('team', 'orders');\n    new sns.Topic(this, 'Alerts');",
      ),
    ).toEqual(['Alerts 12']);
    expect(
      untagged(
        "const jobs = new sqs.CfnQueue(this, 'Jobs');\n    cdk.TagManager.of(jobs)?.setTag('team', 'orders');\n    new sns.Topic(this, 'Alerts');",
      ),
    ).toEqual(['Alerts 12']);
    expect(
      untagged(`${QUEUE_AND_TOPIC}\n    this.tags.setTag('team', 'orders');`),
    ).toEqual([]);
    expect(
      untagged(
        QUEUE_AND_TOPIC,
        "import * as cdk from 'aws-cdk-lib';\nimport { AppStack } from '../lib/stack';\nconst app = new cdk.App();\nconst other = new cdk.Stack(app, 'Other');\nother.tags.setTag('team', 'orders');\nnew AppStack(app, 'App');\n",
      ),
    ).toEqual(['Jobs 10', 'Alerts 11']);
    // setTag's priority is 0 unless given: a remove of 200 by default undoes it, whenever it runs.
    expect(
      untagged(
        "const jobs = new sqs.CfnQueue(this, 'Jobs');\n    jobs.tags.setTag('team', 'orders');\n    cdk.Tags.of(this).remove('team');",
      ),
    ).toEqual(['Jobs 10']);
    expect(
      untagged(
        "const jobs = new sqs.CfnQueue(this, 'Jobs');\n    jobs.tags.setTag('team', 'orders', 300);\n    cdk.Tags.of(this).remove('team');",
      ),
    ).toEqual([]);
    // removeTag(key, priority) undoes the L1's own tags at priority 50 when its priority is no lower.
    const own =
      "const jobs = new sqs.CfnQueue(this, 'Jobs', { tags: [{ key: 'team', value: 'orders' }] });";
    expect(untagged(`${own}\n    jobs.tags.removeTag('team', 50);`)).toEqual([
      'Jobs 10',
    ]);
    expect(untagged(`${own}\n    jobs.tags.removeTag('team', 10);`)).toEqual(
      [],
    );
    expect(
      untagged(
        `${own}\n    if (process.env.BARE) jobs.tags.removeTag('team', 50);`,
      ),
    ).toEqual([]);
    expect(
      untagged(
        `${own}\n    jobs.tags.removeTag('team', Number(process.env.PRIORITY));`,
      ),
    ).toEqual([]);
  });

  it("keeps an L1's own tags as its TagManager takes them: an ITaggableV2's when rendered, as cdk synth shows", () => {
    // A dashboard's L1 merges its tags after every aspect ran, so a remove of their priority (50) leaves them; a queue's has them from the start.
    const graph = cdkStackGraph(`
import * as cdk from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new cloudwatch.CfnDashboard(this, 'Dashboard', { dashboardBody: '{}', tags: [{ key: 'team', value: 'orders' }] });
    new sqs.CfnQueue(this, 'Queue', { tags: [{ key: 'team', value: 'orders' }] });
    cdk.Tags.of(this).remove('team', { priority: 50 });
  }
}
`);
    expect(graph.get('Dashboard')!.properties.Tags).toEqual([
      { Key: 'team', Value: 'orders' },
    ]);
    expect(graph.get('Queue')!.properties.Tags).toBeUndefined();
  });

  it("leaves an L1 without a TagManager untagged by Tags.of: a CfnGlobalTable, whose tags are its replicas'", () => {
    const body = `const group = new Construct(this, 'Group');
    new dynamodb.CfnGlobalTable(group, 'Orders', { keySchema: [], replicas: [{ region: 'us-east-1' }] });
    new sqs.CfnQueue(group, 'Jobs');
    cdk.Tags.of(group).add('team', 'orders');`;
    const withTables = stack(body).replace(
      "import * as sqs from 'aws-cdk-lib/aws-sqs';",
      "import * as sqs from 'aws-cdk-lib/aws-sqs'; import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';",
    );
    expect(
      scanCdkStack(withTables, ['OPS-003']).map(
        finding => `${finding.resourceId} ${finding.line}`,
      ),
    ).toEqual(['Group/Orders 11']);
  });

  it("tags the function of an EdgeFunction made in an edge stack as synth does: by the stack's tags when it was made, not by those on the EdgeFunction", () => {
    // A stack outside us-east-1: synth makes the function, its role and its parameter in an edge stack of the app,
    // given the stack's tags as they are then (its own, those set on its TagManager so far), as `cdk synth` shows.
    const edgeUntagged = (before: string, after: string, stackProps = '') =>
      scanCdkStack(
        stack(`${before}
    const auth = new cloudfront.experimental.EdgeFunction(this, 'Auth', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('edge') });
    ${after}`).replace(
          "import * as sqs from 'aws-cdk-lib/aws-sqs';",
          "import * as sqs from 'aws-cdk-lib/aws-sqs'; import * as lambda from 'aws-cdk-lib/aws-lambda'; import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';",
        ),
        ['OPS-003'],
        `
import * as cdk from 'aws-cdk-lib';
import { AppStack } from '../lib/stack';
const app = new cdk.App();
new AppStack(app, 'App', { env: { region: 'eu-central-1' }${stackProps} });
`,
      ).map(finding => `${finding.resourceId} ${finding.line}`);
    const edgeResources = [
      'Auth/ServiceRole 11',
      'Auth 11',
      'Auth/Parameter 11',
    ];
    expect(edgeUntagged('', '')).toEqual(edgeResources);
    expect(edgeUntagged('', '', ", tags: { team: 'orders' }")).toEqual([]);
    expect(edgeUntagged("this.tags.setTag('team', 'orders');", '')).toEqual([]);
    // Set after, or added by an aspect (run at synthesis), they are not given.
    expect(edgeUntagged('', "this.tags.setTag('team', 'orders');")).toEqual(
      edgeResources,
    );
    expect(
      edgeUntagged('', "cdk.Tags.of(this).add('team', 'orders');"),
    ).toEqual(edgeResources);
    // The EdgeFunction stays in the stack: a tag on it does not reach the function.
    expect(
      edgeUntagged('', "cdk.Tags.of(auth).add('team', 'orders');"),
    ).toEqual(edgeResources);
  });

  it("reads CDK v1's deprecated Tag.add and Tag.remove as Tags.of", () => {
    const v1Stack = (tagging: string) => `
import * as cdk from '@aws-cdk/core';
import * as sqs from '@aws-cdk/aws-sqs';
import * as sns from '@aws-cdk/aws-sns';
export class AppStack extends cdk.Stack {
  constructor(scope: cdk.Construct, id: string) {
    super(scope, id);
    ${QUEUE_AND_TOPIC}
    ${tagging}
  }
}
`;
    const v1App =
      "import * as cdk from '@aws-cdk/core';\nimport { AppStack } from '../lib/stack';\nnew AppStack(new cdk.App(), 'App');\n";
    const v1Untagged = (tagging: string) =>
      scanCdkStack(v1Stack(tagging), ['OPS-003'], v1App).map(
        finding => `${finding.resourceId} ${finding.line}`,
      );
    expect(v1Untagged('')).toEqual(['Jobs 8', 'Alerts 9']);
    expect(
      v1Untagged(
        "cdk.Tag.add(this, 'team', 'orders', { includeResourceTypes: ['AWS::SNS::Topic'] });",
      ),
    ).toEqual(['Jobs 8']);
    expect(
      v1Untagged(
        "cdk.Tag.add(this, 'team', 'orders');\n    cdk.Tag.remove(this, 'team', { includeResourceTypes: ['AWS::SQS::Queue', 'aws:cdk:stack'] });",
      ),
    ).toEqual(['Jobs 8']);
    // v1's node.applyAspect, not modelled, is handed the aspect: it may tag anything, as its props say.
    expect(
      v1Untagged("this.node.applyAspect(new cdk.Tag('team', 'orders'));"),
    ).toEqual([]);
    expect(
      v1Untagged(
        "this.node.applyAspect(new cdk.Tag('team', 'orders', { includeResourceTypes: ['AWS::SNS::Topic'] }));",
      ),
    ).toEqual(['Jobs 8']);
    expect(
      v1Untagged("this.node.applyAspect(new cdk.RemoveTag('team'));"),
    ).toEqual(['Jobs 8', 'Alerts 9']);
  });
});
