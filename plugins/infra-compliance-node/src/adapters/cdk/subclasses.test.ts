/**
 * Classes of the app that extend a construct CDK's adapter models (`class Worker extends lambda.Function`):
 * their `super(scope, id, props)` makes that construct, at the path of the scope and id it is given, and
 * `this` in them is that construct.
 */
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  scanCdkApp,
  cdkStackGraph,
} from '../../testing/programScans';
import { Unknown } from '../../graph/values';

/** `lib/stack.ts` with `classes` before the stack and `body` in the stack's constructor. */
const stack = (classes: string, body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
${classes}`,
    body,
  );

const WORKER = `class Worker extends lambda.Function {
  readonly alarmName?: string;
  constructor(scope: Construct, id: string, props: { memorySize: number }) {
    super(scope, id, { ...props, runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    this.addEnvironment('STAGE', 'prod');
  }
  describe() { return this.functionName; }
  addEnvironment(key: string, value: string) { return super.addEnvironment(\`APP_\${key}\`, value); }
}`;

const LAMBDA_RULES = ['DLQ-001', 'ALM-001'];

describe('classes of the app that extend a construct modelled', () => {
  it('make it: a subclassed function without DLQ or alarms gives the findings a plain one gives, at its super call', () => {
    const plain = findings(
      stack(
        '',
        `    new lambda.Function(this, 'W', { memorySize: 256, runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });`,
      ),
      LAMBDA_RULES,
    );
    expect(plain).toEqual(['ALM-001 W 11', 'DLQ-001 W 11']);
    expect(
      findings(
        stack(WORKER, `    new Worker(this, 'W', { memorySize: 256 });`),
        LAMBDA_RULES,
      ),
    ).toEqual(['ALM-001 W 10', 'DLQ-001 W 10']);
  });

  it('are that construct as `this` and as the instance, with their own fields and methods', () => {
    const text = stack(
      WORKER,
      `    const worker = new Worker(this, 'W', { memorySize: 256 });
    if (!worker.alarmName) worker.metricErrors().createAlarm(this, 'WErrors', { threshold: 1, evaluationPeriods: 1 });
    new sqs.Queue(worker, 'Named', { queueName: worker.describe() });`,
    );
    const graph = cdkStackGraph(text);
    const fn = graph.ofType('AWS::Lambda::Function')[0];
    expect(fn.id).toBe('W');
    expect(fn.properties).toMatchObject({
      MemorySize: 256,
      Runtime: 'nodejs20.x',
      Environment: { Variables: { APP_STAGE: 'prod' } },
    });
    // Made in its scope, it is below it.
    const queue = graph.ofType('AWS::SQS::Queue')[0];
    expect(queue.id).toBe('W/Named');
    expect(queue.properties.QueueName).toEqual(
      expect.objectContaining({ target: 'W' }),
    );
    expect(findings(text, LAMBDA_RULES)).toEqual(['DLQ-001 W 10']);
  });

  it('of an L1 set its props as members of `this`, but for the fields they declare', () => {
    const text = stack(
      `class EncryptedQueue extends sqs.CfnQueue {
  readonly retention: number;
  constructor(scope: Construct, id: string, props: sqs.CfnQueueProps = {}) {
    super(scope, id, props);
    this.kmsMasterKeyId = 'alias/aws/sqs';
    this.retention = 1209600;
    if (process.env.FIFO) this.fifoQueue = true;
  }
}`,
      `    new EncryptedQueue(this, 'Jobs', { visibilityTimeout: 60 });`,
    );
    const queue = cdkStackGraph(text).get('Jobs')!;
    expect(queue.properties).toEqual({
      VisibilityTimeout: 60,
      KmsMasterKeyId: 'alias/aws/sqs',
      FifoQueue: new Unknown('set in code that may not run'),
    });
    expect(findings(text, ['ENC-003'])).toEqual([]);
  });

  it('are at the path of the scope and id given to super, for queues and tables too; one of a construct not modelled makes nothing', () => {
    const text = stack(
      `class Queue extends sqs.Queue {
  constructor(scope: Construct, id: string) {
    super(scope, \`\${id}Queue\`, { retentionPeriod: cdk.Duration.days(4) });
  }
}
class Table extends dynamodb.Table {}
class Network extends ec2.Vpc {}
class Group extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new Queue(this, 'Jobs');
  }
}`,
      `    new Group(this, 'Group');
    new Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    // Not modelled: a VPC of NAT instances.
    new Network(this, 'Vpc', { natGatewayProvider: ec2.NatProvider.instanceV2({ instanceType: new ec2.InstanceType('t3.micro') }) });`,
    );
    const graph = cdkStackGraph(text);
    expect(
      [...graph.resources]
        .map(resource => `${resource.type} ${resource.id}`)
        .sort(),
    ).toEqual([
      'AWS::DynamoDB::Table Orders',
      'AWS::SQS::Queue Group/JobsQueue',
    ]);
  });

  it('are handed on as that construct: a dead-letter queue, a grantee', () => {
    const text = stack(
      `class Dlq extends sqs.Queue {}
${WORKER}`,
      `    const dlq = new Dlq(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14) });
    new lambda.Function(this, 'F', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src'), deadLetterQueue: dlq });
    const worker = new Worker(this, 'W', { memorySize: 256 });
    new dynamodb.Table(this, 'Orders', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }).grantReadData(worker);`,
    );
    expect(findings(text, ['DLQ-004'])).toEqual([]);
    const graph = cdkStackGraph(text);
    const policy = graph
      .ofType('AWS::IAM::Policy')
      .find(resource => resource.id.startsWith('W/'));
    expect(JSON.stringify(policy?.properties)).toContain('dynamodb:GetItem');
  });

  it("read the construct's method at super.method() two classes down, where the class between declares none", () => {
    const text = stack(
      `class Base extends lambda.Function {}
class Prefixed extends Base {
  addEnvironment(key: string, value: string) { return super.addEnvironment(\`APP_\${key}\`, value); }
}`,
      `    new Prefixed(this, 'W', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') }).addEnvironment('STAGE', 'prod');`,
    );
    const fn = cdkStackGraph(text).ofType('AWS::Lambda::Function')[0];
    expect(fn.properties.Environment).toEqual({
      Variables: { APP_STAGE: 'prod' },
    });
  });

  it('made in a loop not known statically are named by the id as the `new` writes it, and their findings are partial', () => {
    const text = stack(
      `class Table extends dynamodb.Table {}
class Jobs extends sqs.Queue {
  constructor(scope: Construct, id: string) {
    super(scope, id, {});
  }
}`,
      `    for (const name of this.node.tryGetContext('names')) {
      new Table(this, \`\${name}Table\`, { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
      new Jobs(this, \`\${name}Jobs\`);
    }`,
    );
    const report = scanCdkApp(text, ['ENC-003', 'ENC-005']);
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.line, f.confidence]),
    ).toEqual([
      ['ENC-005', '${name}Table', 7, 'partial'],
      ['ENC-003', '${name}Jobs', 10, 'partial'],
    ]);
  });

  it('take the suppression comments on their `new`, with those on their super call, wherever the id super is given puts them', () => {
    const text = stack(
      `class Jobs extends sqs.Queue {
  constructor(scope: Construct, id: string) {
    // infra-compliance:suppress=ENC-003:public catalogue events only
    super(scope, \`\${id}Queue\`, {});
  }
}`,
      `    // infra-compliance:suppress=OPS-003:tagged by the platform pipeline
    new Jobs(this, 'Jobs');`,
    );
    const report = scanCdkApp(text, ['ENC-003', 'OPS-003']);
    expect(
      report.findings.map(f => [f.ruleId, f.resourceId, f.suppressed?.reason]),
    ).toEqual([
      ['ENC-003', 'JobsQueue', 'public catalogue events only'],
      ['OPS-003', 'JobsQueue', 'tagged by the platform pipeline'],
    ]);
  });

  it('of an alias make it, so a function an API calls through one is not taken for one with no trigger', () => {
    const text = stack(
      `import * as apigw from 'aws-cdk-lib/aws-apigateway';
class Live extends lambda.Alias {
  constructor(scope: Construct, id: string, fn: lambda.Function) {
    super(scope, id, { aliasName: 'live', version: fn.currentVersion });
  }
}`,
      `    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') });
    new apigw.LambdaRestApi(this, 'Api', { handler: new Live(this, 'Live', fn) });`,
    );
    expect(findings(text, ['DLQ-001'])).toEqual([]);
    const alias = cdkStackGraph(text).ofType('AWS::Lambda::Alias')[0];
    expect(alias.id).toBe('Live');
  });

  it('that extend Array, Map or Set are that list, Map or Set: what a loop or a spread over one makes is made for each item, as synth makes it', () => {
    const text = stack(
      `class Names extends Array<string> {}
class Timeouts extends Map<string, number> {
  constructor() { super([['orders', 30]]); this.set('jobs', 60); }
  names() { return [...this.keys()]; }
}
class Tags extends Set<string> {}`,
      `    const names = new Names('a', 'b');
    names.push('c');
    for (const name of names) new sqs.Queue(this, \`Names\${name}\`);
    const timeouts = new Timeouts();
    for (const [name, seconds] of timeouts) new sqs.Queue(this, \`Timeout\${name}\`, { visibilityTimeout: cdk.Duration.seconds(seconds) });
    for (const name of timeouts.names()) new sqs.Queue(this, \`Named\${name}\`, { retentionPeriod: cdk.Duration.days(timeouts.size) });
    const tags = new Tags(['x']);
    tags.add('y');
    [...tags].forEach(tag => new sqs.Queue(this, \`Tag\${tag}\`));`,
    );
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::SQS::Queue')
        .map(queue => [queue.id, queue.properties]),
    ).toEqual([
      ['Namesa', {}],
      ['Namesb', {}],
      ['Namesc', {}],
      ['Timeoutorders', { VisibilityTimeout: 30 }],
      ['Timeoutjobs', { VisibilityTimeout: 60 }],
      ['Namedorders', { MessageRetentionPeriod: 172800 }],
      ['Namedjobs', { MessageRetentionPeriod: 172800 }],
      ['Tagx', {}],
      ['Tagy', {}],
    ]);
  });

  it("that extend Array, Map or Set and override a method calling super's, or take rest arguments into super(...), are that list, Map or Set as synth makes it: a function pushed through it is granted what a loop over it grants (ALM-001 judged, no IAM-004)", () => {
    const text = stack(
      `class Lower extends Set<string> {
  add(name: string) { return super.add(name.toLowerCase()); }
}
class Timeouts extends Map<string, number> {
  get(name: string) { return super.get(name) ?? 60; }
}
class Names extends Array<string> {
  constructor(...names: string[]) { super(...names); }
}
class MoreNames extends Names {
  constructor(...names: string[]) { super(...names, 'Extra'); }
}
class Consumers extends Array<lambda.IFunction> {
  push(...fns: lambda.IFunction[]) { return super.push(...fns); }
}`,
      `    const names = new Lower();
    names.add('Orders');
    names.add('ORDERS');
    names.add('Jobs');
    const timeouts = new Timeouts([['orders', 30]]);
    for (const name of names) new sqs.Queue(this, name, { visibilityTimeout: cdk.Duration.seconds(timeouts.get(name)) });
    for (const name of new MoreNames('Audit', 'Billing')) new sqs.Queue(this, name);
    const work = new sqs.Queue(this, 'Work');
    const consumers = new Consumers();
    consumers.push(new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), environment: { QUEUE: work.queueUrl } }));
    for (const fn of consumers) work.grantSendMessages(fn);`,
    );
    const graph = cdkStackGraph(text);
    expect(
      graph
        .ofType('AWS::SQS::Queue')
        .map(queue => [queue.id, queue.properties]),
    ).toEqual([
      ['orders', { VisibilityTimeout: 30 }],
      ['jobs', { VisibilityTimeout: 60 }],
      ['Audit', {}],
      ['Billing', {}],
      ['Extra', {}],
      ['Work', {}],
    ]);
    expect(findings(text, ['ALM-001', 'IAM-004'])).toEqual(['ALM-001 Fn 34']);
  });

  it('that extend Array are that list where they are given as a value: a policy of the actions one holds (IAM-002), as synth writes it', () => {
    const text = stack(
      "import * as iam from 'aws-cdk-lib/aws-iam';\nclass Actions extends Array<string> {}",
      `    const queue = new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.SQS_MANAGED });
    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    const actions = new Actions();
    actions.push('sqs:*');
    fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [queue.queueArn] }));`,
    );
    expect(findings(text, ['IAM-002'])).toEqual([
      'IAM-002 Fn/ServiceRole/DefaultPolicy 16',
    ]);
  });
});
