import { lineOfPath } from '../../graph/locations';
import { ResourceGraph } from '../../graph/ResourceGraph';
import { Ref, Template, Unknown, getPath } from '../../graph/values';
import { pulumiAdapter } from '.';
import { pulumiPropertyName } from './resourceTypes';
import { SourceFile } from '../types';
import { scanFiles, selectRules } from '../../engine/scan';
import { scanPulumiProgram } from '../../testing/programScans';
import { fingerprint } from '../../engine/evaluateGraph';

const PROJECT = 'name: demo\nruntime: nodejs\n';

function load(program: string, extra: SourceFile[] = [], project = PROJECT) {
  const files = [
    { path: 'app/Pulumi.yaml', text: project },
    { path: 'app/index.ts', text: program },
    ...extra,
  ].filter(file => pulumiAdapter.accepts(file));
  return pulumiAdapter.load(files);
}

function graphOf(program: string, extra: SourceFile[] = []): ResourceGraph {
  const result = load(program, extra);
  expect(result.errors).toEqual([]);
  expect(result.graphs).toHaveLength(1);
  return result.graphs[0];
}

describe('pulumiAdapter', () => {
  it('claims Pulumi.yaml and TypeScript or JavaScript modules', () => {
    expect(
      pulumiAdapter.accepts({ path: 'a/Pulumi.yaml', text: 'name: a' }),
    ).toBe(true);
    expect(
      pulumiAdapter.accepts({
        path: 'a/index.ts',
        text: "import * as aws from '@pulumi/aws';",
      }),
    ).toBe(true);
    expect(
      pulumiAdapter.accepts({
        path: 'a/handler.py',
        text: 'def handler(event, context): pass',
      }),
    ).toBe(false);
    expect(pulumiAdapter.fileNamePattern.test('a/lib/stack.mts')).toBe(true);
  });

  it('reads only nodejs (and yaml, see yamlProgram.test.ts) projects, from their main module', () => {
    const python = load(
      'import * as aws from "@pulumi/aws";',
      [],
      'name: demo\nruntime: python\n',
    );
    expect(python.graphs).toEqual([]);
    expect(python.skipped).toEqual([
      {
        path: 'app/Pulumi.yaml',
        reason:
          'a Pulumi program in python: only TypeScript, JavaScript and YAML programs are read',
      },
    ]);
    const result = load(
      '',
      [
        {
          path: 'app/src/main.ts',
          text: 'import * as aws from "@pulumi/aws";\nnew aws.sqs.Queue("q", {});\n',
        },
      ],
      'name: demo\nruntime:\n  name: nodejs\nmain: src/main.ts\n',
    );
    expect(
      [...result.graphs[0].resources].map(r => [r.id, r.type, r.file, r.line]),
    ).toEqual([['q', 'AWS::SQS::Queue', 'app/src/main.ts', 2]]);
    expect(result.files).toEqual([
      { path: 'app/src/main.ts', format: 'pulumi', resources: 1 },
    ]);
  });

  it('maps arguments to resource-model properties, with their lines', () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
const dlq = new aws.sqs.Queue('orders-dlq', {
  messageRetentionSeconds: 14 * 24 * 3600,
  visibilityTimeoutSeconds: 300,
});
const fn = new aws.lambda.Function('orders', {
  name: 'orders-fn',
  runtime: aws.lambda.Runtime.NodeJS20dX,
  deadLetterConfig: { targetArn: dlq.arn },
  tracingConfig: { mode: 'Active' },
  environment: { variables: { QUEUE_URL: dlq.url, table_name: 'x' } },
  tags: { team: 'orders' },
});
`);
    const fn = graph.get('orders')!;
    expect(fn.type).toBe('AWS::Lambda::Function');
    expect(fn.line).toBe(7);
    expect(fn.properties).toMatchObject({
      FunctionName: 'orders-fn',
      Runtime: 'nodejs20.x',
      DeadLetterConfig: { TargetArn: new Ref('orders-dlq', 'Arn') },
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: { QUEUE_URL: new Ref('orders-dlq'), table_name: 'x' },
      },
      Tags: [{ Key: 'team', Value: 'orders' }],
    });
    expect(
      lineOfPath(fn.properties, ['DeadLetterConfig', 'TargetArn'], 0),
    ).toBe(10);
    expect(
      lineOfPath(fn.properties, ['Environment', 'Variables', 'QUEUE_URL'], 0),
    ).toBe(12);
    expect(graph.get('orders-dlq')!.properties).toMatchObject({
      MessageRetentionPeriod: 1209600,
      VisibilityTimeout: 300,
    });
    expect(
      graph
        .referencesTo(graph.get('orders-dlq')!)
        .map(edge => edge.path.join('.')),
    ).toEqual([
      'DeadLetterConfig.TargetArn',
      'Environment.Variables.QUEUE_URL',
    ]);
  });

  it("reads the configuration a stack that sets nothing reads: the project's defaults, or none, at partial confidence where a finding rests on them", () => {
    const program = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const config = new pulumi.Config();
const env = config.get('env') || 'dev';
const days = config.getNumber('retention');
const other = config.getNumber('otherRetention') ?? 1;
new aws.cloudwatch.LogGroup(\`api-\${env}\`, { name: \`/api/\${env}\`, retentionInDays: days });
new aws.cloudwatch.LogGroup('worker', { retentionInDays: other });
new aws.cloudwatch.LogGroup('audit', { retentionInDays: config.getNumber('auditRetention') });
const queue = new aws.sqs.Queue(\`jobs-\${env}\`, {});
if (config.getBoolean('withDlq')) new aws.sqs.Queue('dlq', {});
new aws.cloudwatch.LogGroup('billing', { retentionInDays: config.requireNumber('billingRetention') });
new aws.cloudwatch.LogGroup('orders', { retentionInDays: config.getNumber('ordersRetention') });
`;
    const project =
      'name: demo\nruntime: nodejs\nconfig:\n  retention:\n    type: integer\n    default: 3\n';
    const files = [
      { path: 'app/Pulumi.yaml', text: project },
      { path: 'app/index.ts', text: program },
      // A stack sets it: each stack may have its own.
      {
        path: 'app/Pulumi.prod.yaml',
        text: 'config:\n  demo:ordersRetention: "1"\n',
      },
    ];
    const report = scanFiles(files, selectRules(['LOG-002', 'ENC-003']), {
      ruleOptions: { 'LOG-002': { minRetentionDays: 14 } },
    });
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.confidence,
        f.message,
      ]),
    ).toEqual([
      [
        'LOG-002',
        'api-${env}',
        7,
        'partial',
        expect.stringContaining('keeps its logs 3 days'),
      ],
      [
        'LOG-002',
        'worker',
        8,
        'partial',
        expect.stringContaining('keeps its logs 1 days'),
      ],
      [
        'LOG-002',
        'audit',
        9,
        'partial',
        expect.stringContaining('has no retentionInDays'),
      ],
      // Named from a default, its id is the one the program gives it whatever the configuration; it fails whatever it is.
      ['ENC-003', 'queue', 10, 'high', expect.any(String)],
      // Left out by default: judged as the stack that sets withDlq deploys it.
      ['ENC-003', 'dlq', 11, 'partial', expect.any(String)],
    ]);
    const graph = load(program, files.slice(2), project).graphs[0];
    expect(graph.get('api-${env}')!.properties.LogGroupName).toBe('/api/dev');
    // A required value with no default is each stack's to set: not known.
    expect(graph.get('billing')!.properties.RetentionInDays).toEqual(
      Unknown.oneValue('config demo:billingRetention'),
    );
    expect(graph.get('orders')!.properties.RetentionInDays).toEqual(
      Unknown.oneValue('config demo:ordersRetention'),
    );
  });

  it('reads a log group retention of 0 days as the AWS provider does: never expire (LOG-002)', () => {
    const program = `import * as aws from '@pulumi/aws';
new aws.cloudwatch.LogGroup('forever', { retentionInDays: 0 });
new aws.cloudwatch.LogGroup('kept', { retentionInDays: 30 });
`;
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['LOG-002']),
    );
    expect(report.findings.map(f => [f.resourceId, f.line, f.message])).toEqual(
      [
        [
          'forever',
          2,
          'Log group forever sets retentionInDays to 0, which never expires its logs: they are kept forever.',
        ],
      ],
    );
  });

  it('reads an EventBridge Scheduler schedule as the trigger that invokes its target asynchronously, with its dead-letter queue (DLQ-001, ALM-002)', () => {
    const program = `import * as aws from '@pulumi/aws';
const dlq = new aws.sqs.Queue('nightly-dlq', { messageRetentionSeconds: 1209600 });
const job = new aws.lambda.Function('nightly-job', { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/job' });
new aws.scheduler.Schedule('nightly', {
  flexibleTimeWindow: { mode: 'OFF' },
  scheduleExpression: 'cron(0 1 * * ? *)',
  target: { arn: job.arn, roleArn: 'arn:aws:iam::123456789012:role/scheduler', deadLetterConfig: { arn: dlq.arn } },
});
`;
    expect(
      scanPulumiProgram(program, ['DLQ-001', 'ALM-002']).map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.message,
      ]),
    ).toEqual([
      [
        'ALM-002',
        'nightly-dlq',
        2,
        'Dead-letter queue nightly-dlq (used by nightly) has no CloudWatch alarm on AWS/SQS ApproximateNumberOfMessagesVisible (dimension QueueName): failed messages pile up unseen.',
      ],
      [
        'DLQ-001',
        'nightly-job',
        3,
        'Function nightly-job is invoked asynchronously (by nightly) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
      ],
    ]);
  });

  it('says that a log group named /aws/lambda/<resource name> is not that of a function Pulumi names with a suffix (LOG-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
for (const name of ['orders', 'payments']) {
  new aws.cloudwatch.LogGroup(\`\${name}-logs\`, { name: \`/aws/lambda/\${name}\`, retentionInDays: 7 });
  new aws.lambda.Function(name, { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn', name: name === 'payments' ? name : undefined });
}
`;
    expect(
      scanPulumiProgram(program, ['LOG-001']).map(f => [
        f.resourceId,
        f.line,
        f.message,
      ]),
    ).toEqual([
      [
        'orders',
        4,
        "Function orders has no log group of its own in the stack (none named /aws/lambda/<orders>, no loggingConfig.logGroup), so Lambda creates one with no retention and no encryption. Log group orders-logs is named /aws/lambda/orders, but the function sets no name, so the name it is deployed with is generated, not orders: build the log group's name from the function's name, or set name.",
      ],
    ]);
  });

  it('does not say that a log group named /aws/lambda/<resource name> is mistaken where another function takes that name (LOG-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
new aws.lambda.Function('orders', { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn' });
new aws.lambda.Function('orders-v2', { name: 'orders', runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn' });
new aws.cloudwatch.LogGroup('orders-logs', { name: '/aws/lambda/orders', retentionInDays: 7 });
`;
    expect(
      scanPulumiProgram(program, ['LOG-001']).map(f => [
        f.resourceId,
        f.line,
        f.message,
      ]),
    ).toEqual([
      [
        'orders',
        2,
        'Function orders has no log group of its own in the stack (none named /aws/lambda/<orders>, no loggingConfig.logGroup), so Lambda creates one with no retention and no encryption.',
      ],
    ]);
  });

  it('matches what the two runs declare by the way the program reaches it: the calls, which of their invocations, the loop rounds', () => {
    const HEAD =
      "import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\nconst config = new pulumi.Config();\n";
    const scan = (body: string, rules: string[], extra: SourceFile[] = []) =>
      scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: PROJECT },
          { path: 'app/index.ts', text: HEAD + body },
          ...extra,
        ],
        selectRules(rules),
        {
          ruleOptions: { 'LOG-002': { minRetentionDays: 14 } },
        },
      ).findings.map(f => [f.ruleId, f.resourceId, f.confidence]);
    // A helper under a condition, in both branches, and in a component class: each call is its own way to what it declares.
    // What the default leaves out is judged as the stack that sets the key deploys it, at partial confidence.
    expect(
      scan(
        "function mk(name: string) { return new aws.sqs.Queue(name, { sqsManagedSseEnabled: name === 'second' ? false : true }); }\nif (config.getBoolean('a')) mk('first');\nmk('second');\n",
        ['ENC-003'],
      ),
    ).toEqual([['ENC-003', 'second', 'high']]);
    expect(
      scan(
        "function mk(n: string, d: number) { return new aws.cloudwatch.LogGroup(n, { retentionInDays: d }); }\nif (config.getBoolean('big')) mk('big', 1); else mk('small', 30);\n",
        ['LOG-002'],
      ),
    ).toEqual([['LOG-002', 'big', 'partial']]);
    expect(
      scan(
        "class Svc extends pulumi.ComponentResource {\n  constructor(name: string, days: number) {\n    super('x:Svc', name);\n    new aws.cloudwatch.LogGroup(name, { retentionInDays: days }, { parent: this });\n  }\n}\nif (config.getBoolean('audit')) new Svc('audit', 1);\nnew Svc('app', 30);\n",
        ['LOG-002'],
      ),
    ).toEqual([['LOG-002', 'audit', 'partial']]);
    // A loop over a default list, then the helper on its own: main fails whatever the configuration.
    expect(
      scan(
        "function mk(n: string, d: number) { return new aws.cloudwatch.LogGroup(n, { retentionInDays: d }); }\nfor (const e of config.getObject<string[]>('envs') ?? ['a', 'b']) mk(e, 30);\nmk('main', 1);\n",
        ['LOG-002'],
      ),
    ).toEqual([['LOG-002', 'main', 'high']]);
    // Two on one line; a name a loop over a default takes first; a role a CallbackFunction makes beside one left out by default.
    expect(
      scan(
        "if (config.getBoolean('x')) new aws.sqs.Queue('a', { sqsManagedSseEnabled: true }); new aws.sqs.Queue('b', {});\n",
        ['ENC-003'],
      ),
    ).toEqual([['ENC-003', 'b', 'high']]);
    expect(
      scan(
        "for (const n of config.getObject<string[]>('names') ?? ['x', 'late']) new aws.sqs.Queue(n, { sqsManagedSseEnabled: true });\nnew aws.sqs.Queue('late', {});\n",
        ['ENC-003'],
      ),
    ).toEqual([['ENC-003', 'late', 'high']]);
    expect(
      scan(
        "if (config.getBoolean('legacy')) new aws.iam.Role('handler-role', { assumeRolePolicy: '{}', managedPolicyArns: ['arn:aws:iam::aws:policy/AWSLambda_FullAccess'] });\nnew aws.lambda.CallbackFunction('handler', { callback: async () => {}, policies: [] });\n",
        ['IAM-002'],
      ),
    ).toEqual([['IAM-002', 'handler-role', 'partial']]);
  });

  it('reads what a helper names from the configuration with its defaults, under the ids of the run without them, and a loop over a default list of one item', () => {
    const HEAD =
      "import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\nconst config = new pulumi.Config();\n";
    const scan = (body: string, rules = ['ENC-003']) =>
      scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: PROJECT },
          { path: 'app/index.ts', text: HEAD + body },
        ],
        selectRules(rules),
        {
          ruleOptions: { 'LOG-002': { minRetentionDays: 14 } },
        },
      ).findings.map(f => [f.resourceId, f.confidence]);
    expect(
      scan(
        "const env = config.get('env') ?? 'dev';\nfunction mk(n: string) { return new aws.sqs.Queue(`${env}-${n}`, {}); }\nmk('a');\nmk('b');\n",
      ),
    ).toEqual([
      ['${env}-${n}', 'high'],
      ['${env}-${n}-2', 'high'],
    ]);
    // The helper's retention is the default's: each of its log groups fails, resting on it.
    const helper =
      "const env = config.get('env') ?? 'dev';\nfunction logs(n: string) { return new aws.cloudwatch.LogGroup(`${env}-${n}`, { name: `${env}-${n}`, retentionInDays: config.getNumber('days') ?? 3 }); }\nlogs('api');\nfor (const n of ['a', 'b']) logs(n);\n";
    expect(scan(helper, ['LOG-002'])).toEqual([
      ['${env}-${n}', 'partial'],
      ['${env}-${n}-2', 'partial'],
      ['${env}-${n}-3', 'partial'],
    ]);
    expect(
      [...load(HEAD + helper).graphs[0].resources].map(r => [
        r.id,
        r.properties.LogGroupName,
        r.properties.RetentionInDays,
      ]),
    ).toEqual([
      ['${env}-${n}', 'dev-api', 3],
      ['${env}-${n}-2', 'dev-a', 3],
      ['${env}-${n}-3', 'dev-b', 3],
    ]);
    // A loop over a default list: the run without defaults runs it once, on any item. That round is the round of the
    // default's one item; it is not that of either of two, so those cannot be matched: the configuration is read as not known.
    const overDefault = (list: string) =>
      [
        ...load(
          `${HEAD}for (const n of config.getObject<string[]>('names') ?? ${list}) new aws.cloudwatch.LogGroup(n, { retentionInDays: config.getNumber('days') ?? 3 });\n`,
        ).graphs[0].resources,
      ].map(r => [r.id, r.properties.RetentionInDays]);
    expect(overDefault("['a']")).toEqual([['n', 3]]);
    expect(overDefault("['a', 'b']")).toEqual([
      ['n', Unknown.oneValue('config demo:days')],
    ]);
    expect(
      scan(
        "function topic(n: string) { return new aws.sns.Topic(n, {}); }\nfunction queue(n: string) { return new aws.sqs.Queue(n, {}); }\nfor (const s of ['orders', 'billing']) {\n  if (config.getBoolean(`${s}Alerts`)) topic(s);\n  queue(s);\n}\n",
      ),
    ).toEqual([
      ['orders-2', 'high'],
      ['billing-2', 'high'],
    ]);
    // A secret's conversions are the plain method's.
    const graph = load(
      `${HEAD}new aws.cloudwatch.LogGroup('g', { retentionInDays: config.getSecretNumber('days') ?? 3 });\n`,
    ).graphs[0];
    expect(graph.get('g')!.properties.RetentionInDays).toBe(3);
  });

  it('knows a loop round or a callback by its item where the configuration may add items before it, and a module by its file', () => {
    const HEAD =
      "import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\nconst config = new pulumi.Config();\n";
    const scan = (body: string, extra: SourceFile[] = []) =>
      scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: PROJECT },
          { path: 'app/index.ts', text: HEAD + body },
          ...extra,
        ],
        selectRules(['ENC-003']),
      ).findings.map(f => [f.resourceId, f.confidence]);
    // orders fails whatever audit is; audit, which a stack that sets nothing does not deploy, passes.
    expect(
      scan(
        "const queues: Record<string, boolean> = { ...(config.getBoolean('audit') ? { audit: true } : {}), orders: false };\nfor (const [name, encrypted] of Object.entries(queues)) new aws.sqs.Queue(name, { sqsManagedSseEnabled: encrypted });\n",
      ),
    ).toEqual([['orders', 'high']]);
    expect(
      scan(
        "const queues: Record<string, boolean> = {};\nif (config.getBoolean('audit')) queues.audit = true;\nqueues.orders = false;\nObject.keys(queues).forEach(name => new aws.sqs.Queue(name, { sqsManagedSseEnabled: queues[name] }));\n",
      ),
    ).toEqual([['orders', 'high']]);
    // What a default list spreads before orders is not known without it: orders is still orders.
    const spread =
      "const names: string[] = [];\nnames.push(...(config.getObject<string[]>('extra') ?? []));\nnames.push('orders');\n";
    expect(
      scan(
        `${spread}for (const n of names) new aws.sqs.Queue(n, { sqsManagedSseEnabled: false });\n`,
      ),
    ).toContainEqual(['orders', 'high']);
    expect(
      scan(
        `${spread}for (const [, n] of names.entries()) new aws.sqs.Queue(n, { sqsManagedSseEnabled: false });\n`,
      ),
    ).toContainEqual(['orders', 'high']);
    // Known by their places, the rounds after an item a default may make none or several are not known: y is y.
    const objects =
      "type Q = { name: string; on: boolean; sse: boolean };\nconst queues: Q[] = [];\nqueues.push(...(config.getObject<Q[]>('extra') ?? []));\nqueues.push({ name: 'x', on: config.getBoolean('xOn') ?? false, sse: true }, { name: 'y', on: true, sse: false });\n";
    const declare = (q: string) =>
      `if (${q}.on) new aws.sqs.Queue(${q}.name, { name: ${q}.name, sqsManagedSseEnabled: ${q}.sse });`;
    expect(scan(`${objects}for (const q of queues) ${declare('q')}\n`)).toEqual(
      [['y', 'high']],
    );
    expect(
      scan(`${objects}for (const [, q] of queues.entries()) ${declare('q')}\n`),
    ).toEqual([['y', 'high']]);
    expect(
      scan(
        `${objects}for (const i of queues.keys()) ${declare('queues[i]')}\n`,
      ),
    ).toEqual([]);
    expect(
      scan(
        "const queues = { ...(config.getBoolean('audit') ? { audit: { name: 'audit', on: true, sse: true } } : {}), x: { name: 'x', on: config.getBoolean('xOn') ?? false, sse: true }, y: { name: 'y', on: true, sse: false } };\nObject.values(queues).forEach(q => { if (q.on) new aws.sqs.Queue(q.name, { sqsManagedSseEnabled: q.sse }); });\n",
      ),
    ).toEqual([['y', 'high']]);
    // What a default may add to a list known is an item not known there, none of the other run's rounds: b is b.
    expect(
      scan(
        "const l = ([] as { n: string; sse: boolean }[]).concat(config.getBoolean('x') ? [{ n: 'a', sse: true }] : [], [{ n: 'b', sse: false }]);\nfor (const q of l) new aws.sqs.Queue(q.n, { sqsManagedSseEnabled: q.sse });\n",
      ),
    ).toEqual([['b', 'high']]);
    // A callback's index after an item not known is not known either: nothing proves a and b fail (with three extra
    // items, a is at 3), and the item not known fails at 0 in the run without defaults, which deploys it.
    expect(
      scan(
        `${spread.replace(
          "'orders'",
          "'a', 'b'",
        )}names.forEach((n, i) => { new aws.sqs.Queue(n, { sqsManagedSseEnabled: i > 2 }); });\n`,
      ),
    ).toEqual([
      ['a', 'partial'],
      ['b', 'partial'],
      ['n', 'partial'],
    ]);
    // The calls of one chain start at one place: each is a way of its own. x-j fails whatever the configuration.
    expect(
      scan(
        "class Queues {\n  add(prefix: string, items: string[], on: boolean) {\n    for (const i of items) if (on) new aws.sqs.Queue(`${prefix}-${i}`, { sqsManagedSseEnabled: prefix === 'y' });\n    return this;\n  }\n}\nnew Queues().add('x', config.getObject<string[]>('xs') ?? ['j'], true).add('y', ['j'], config.getBoolean('yOn') ?? false);\n",
      ),
    ).toEqual([['${prefix}-${i}', 'high']]);
    // A module's top level, however the program first reaches it.
    const queues: SourceFile = {
      path: 'app/queues.ts',
      text: "import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\nconst c = new pulumi.Config();\nnew aws.sqs.Queue('mq', { sqsManagedSseEnabled: c.getBoolean('sse') ?? false });\n",
    };
    expect(
      scan(
        "for (const s of ['dev', 'prod']) if (s === (config.get('stage') ?? 'none')) require('./queues');\nrequire('./queues');\n",
        [queues],
      ),
    ).toEqual([['mq', 'partial']]);
    expect(
      scan(
        "function load() { return require('./queues'); }\nif (config.getBoolean('legacy')) load();\nload();\n",
        [queues],
      ),
    ).toEqual([['mq', 'partial']]);
  });

  it('reads a program whose run with defaults takes more steps than it may, and the first not, with its configuration not known', () => {
    const xs = `[${Array.from({ length: 50 }, (_, index) => index).join(
      ', ',
    )}]`;
    const text = `import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\nconst config = new pulumi.Config();\nconst xs = ${xs};\nlet n = 0;\nfor (const a of config.getObject<number[]>('as') ?? xs) for (const b of xs) for (const c of xs) n = n + a + b + c;\nnew aws.sqs.Queue('tail', { sqsManagedSseEnabled: false });\n`;
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text },
      ],
      selectRules(['ENC-003']),
    );
    expect(report.findings.map(f => [f.resourceId, f.confidence])).toEqual([
      ['tail', 'high'],
    ]);
    expect(report.skipped).toEqual([]);
  });

  it('reports what only the run with its configuration not known reads, once', () => {
    const result = load(
      "import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\nconst config = new pulumi.Config();\nif (config.getBoolean('legacy')) require('./legacy');\n",
      [
        {
          path: 'app/legacy.ts',
          text: "import * as aws from '@pulumi/aws';\nnew aws.sqs.Queue('old', {});\nconst x = ;\n",
        },
      ],
    );
    expect(result.errors.map(error => [error.file, error.line])).toEqual([
      ['app/legacy.ts', 3],
    ]);
  });

  it("reads the project's configuration as Pulumi does: values, declarations without one, settings kept elsewhere, keys and conversions", () => {
    const program = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const config = new pulumi.Config();
new aws.sqs.Queue('region', { name: config.get('region') });
new aws.cloudwatch.LogGroup('object', { retentionInDays: config.getObject<{ days: number }>('obj')?.days });
new aws.cloudwatch.LogGroup('typed', { retentionInDays: config.getNumber('days') });
new aws.sqs.Queue('qualified', { name: config.get('aws:region') });
new aws.sqs.Queue('suffixed', { name: new pulumi.Config('demo:config').get('region') });
new aws.cloudwatch.LogGroup('empty', { retentionInDays: config.getNumber('blank') });
new aws.sqs.Queue('list', { name: config.getObject<string[]>('names')?.[1] });
`;
    const project = `name: demo
runtime: nodejs
config:
  region:
    value: eu-west-1
  obj:
    value:
      days: 3
  days:
    type: integer
  aws:region: us-east-1
  blank: ""
  names: '["a", "b"]'
`;
    const graph = load(program, [], project).graphs[0];
    const property = (id: string, name: string) =>
      graph.get(id)!.properties[name];
    expect(property('region', 'QueueName')).toBe('eu-west-1');
    expect(property('object', 'RetentionInDays')).toBe(3);
    // Declared with no value: each stack must set it.
    expect(property('typed', 'RetentionInDays')).toEqual(
      Unknown.oneValue('config demo:days'),
    );
    // The SDK reads the key within the namespace: demo:aws:region, which nothing sets.
    expect(property('qualified', 'QueueName')).toBeUndefined();
    expect(property('suffixed', 'QueueName')).toBe('eu-west-1');
    // getNumber refuses text that is no number; getObject reads JSON text.
    expect(property('empty', 'RetentionInDays')).toEqual(
      Unknown.oneValue('config demo:blank'),
    );
    expect(property('list', 'QueueName')).toBe('b');
    // Stacks' settings kept elsewhere, or an ESC environment: any key may be set.
    for (const [extra, settings] of [
      [[], `${project}stackConfigDir: stacks\n`],
      [
        [
          {
            path: 'app/Pulumi.prod.yaml',
            text: 'environment:\n  - demo/prod\n',
          },
        ],
        project,
      ],
    ] as const) {
      expect(
        load(program, [...extra], settings).graphs[0].get('region')!.properties
          .QueueName,
      ).toEqual(Unknown.oneValue('config demo:region'));
    }
  });

  it('names resources by their variable when the Pulumi name is not static, and keeps unknowns unknown', () => {
    const graph = graphOf(
      `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const config = new pulumi.Config();
const env = config.get('env') || 'dev';
const topic = new aws.sns.Topic(\`events-\${env}\`, { name: \`events-\${env}\` });
new aws.sns.Topic(\`audit-\${env}\`, {});
new aws.sns.Topic('static', { kmsMasterKeyId: aws.getRegionOutput().name });
`,
      // Each stack sets its own env.
      [
        {
          path: 'app/Pulumi.prod.yaml',
          text: 'config:\n  demo:env: production\n',
        },
      ],
    );
    expect([...graph.resources].map(r => r.id)).toEqual([
      'topic',
      'audit-${env}',
      'static',
    ]);
    expect(graph.get('topic')!.properties.TopicName).toEqual(
      new Template(['events-', Unknown.oneValue('config demo:env')]),
    );
    expect(graph.get('static')!.properties.KmsMasterKeyId).toEqual(
      new Unknown('AWS::Region'),
    );
  });

  it('reads policy documents from JSON.stringify, interpolated JSON and getPolicyDocument', () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const topic = new aws.sns.Topic('topic', {});
const table = new aws.dynamodb.Table('table', {});
const role = new aws.iam.Role('role', {
  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
});
new aws.iam.RolePolicy('publish', {
  role: role.id,
  policy: pulumi.interpolate\`{"Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "\${topic.arn}"}]}\`,
});
new aws.iam.RolePolicy('write', {
  role: role.name,
  policy: pulumi.all([table.arn]).apply(([arn]) => JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: [arn, \`\${arn}/index/*\`] }] })),
});
new aws.iam.RolePolicy('read', {
  role: role.name,
  policy: aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ['sqs:ReceiveMessage'], resources: ['*'] }] }).json,
});
new aws.iam.RolePolicy('broken', { role: role.name, policy: pulumi.interpolate\`{ "Statement": \${topic.arn} \` });
`);
    expect(
      graph.get('role')!.properties.AssumeRolePolicyDocument,
    ).toMatchObject({ Statement: [{ Action: 'sts:AssumeRole' }] });
    expect(graph.get('publish')!.properties).toEqual({
      RoleName: new Ref('role'),
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sns:Publish',
            Resource: new Ref('topic'),
          },
        ],
      },
    });
    expect(
      getPath(graph.get('write')!.properties, [
        'PolicyDocument',
        'Statement',
        0,
        'Resource',
      ]),
    ).toEqual([
      new Ref('table', 'Arn'),
      new Template([new Ref('table', 'Arn'), '/index/*']),
    ]);
    expect(graph.get('read')!.properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['sqs:ReceiveMessage'], Resource: ['*'] },
      ],
    });
    expect(graph.get('broken')!.properties.PolicyDocument).toBeInstanceOf(
      Unknown,
    );
  });

  it("reads getPolicyDocument's principals and notPrincipals as the provider writes them: the identifiers of one type together", () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
const trust = aws.iam.getPolicyDocumentOutput({ statements: [{
  actions: ['sts:AssumeRole'],
  principals: [
    { type: 'AWS', identifiers: ['arn:aws:iam::111111111111:root'] },
    { type: 'Service', identifiers: ['lambda.amazonaws.com'] },
    { type: 'AWS', identifiers: ['arn:aws:iam::222222222222:root'] },
  ],
  notPrincipals: [{ type: 'AWS', identifiers: ['arn:aws:iam::333333333333:root'] }],
}, {
  actions: ['sts:AssumeRole'],
  principals: [{ type: '*', identifiers: ['*'] }],
}] });
new aws.iam.Role('role', { assumeRolePolicy: trust.json });
`);
    expect(graph.get('role')!.properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sts:AssumeRole'],
          Principal: {
            AWS: [
              'arn:aws:iam::111111111111:root',
              'arn:aws:iam::222222222222:root',
            ],
            Service: ['lambda.amazonaws.com'],
          },
          NotPrincipal: { AWS: ['arn:aws:iam::333333333333:root'] },
        },
        { Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: '*' },
      ],
    });
  });

  it('adds policy attachments to the role they attach to, or makes every role incomplete when that role is unknown', () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('role', {});
const other = new aws.iam.Role('other', { managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
const policy = new aws.iam.Policy('custom', { policy: JSON.stringify({ Statement: [] }) });
new aws.iam.RolePolicyAttachment('basic', {
  role: role.name,
  policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
});
new aws.iam.RolePolicyAttachment('custom-attach', { role: role, policyArn: policy.arn });
new aws.iam.RolePolicyAttachment('elsewhere', { role: 'some-role', policyArn: policy.arn });
`);
    expect(graph.get('role')!.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      new Ref('custom', 'Arn'),
      expect.any(Unknown),
    ]);
    expect(
      lineOfPath(graph.get('role')!.properties, ['ManagedPolicyArns', 0], 0),
    ).toBe(8);
    expect(graph.get('other')!.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      expect.any(Unknown),
    ]);
    expect(graph.get('custom')!.type).toBe('AWS::IAM::ManagedPolicy');
  });

  it("adds a policy attached by a literal name to the role, user or group of that name (IAM names ignore case), to none of another name, and makes one given no name incomplete (Pulumi's auto-naming suffixes its logical name)", () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
const worker = new aws.iam.Role('worker', { name: 'Worker', assumeRolePolicy: '{}' });
const api = new aws.iam.Role('api', { name: 'api', assumeRolePolicy: '{}' });
const unnamed = new aws.iam.Role('unnamed', { assumeRolePolicy: '{}' });
const ci = new aws.iam.User('ci', { name: 'ci' });
const ops = new aws.iam.Group('ops', { name: 'ops' });
new aws.iam.RolePolicyAttachment('worker-logs', { role: 'worker', policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
new aws.iam.UserPolicyAttachment('ci-read', { user: 'CI', policyArn: aws.iam.ManagedPolicy.ReadOnlyAccess });
new aws.iam.PolicyAttachment('ops-read', { groups: ['ops'], policyArn: aws.iam.ManagedPolicy.ReadOnlyAccess });
`);
    const managedPolicies = (id: string) =>
      graph.get(id)!.properties.ManagedPolicyArns;
    expect(managedPolicies('worker')).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    expect(managedPolicies('api')).toBeUndefined();
    expect(managedPolicies('unnamed')).toEqual([expect.any(Unknown)]);
    expect(managedPolicies('ci')).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(managedPolicies('ops')).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(
      lineOfPath(graph.get('ci')!.properties, ['ManagedPolicyArns', 0], 0),
    ).toBe(9);
  });

  it('gives what the graph does not hold (attachments, policies set on another resource, types not modelled) no name of the graph: declaring one renumbers nothing', () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('api', { assumeRolePolicy: '{}' });
new aws.iam.RolePolicyAttachment('worker', { role: role.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
new aws.route53.Record('worker', { name: 'api', type: 'A', zoneId: 'Z1', records: ['10.0.0.1'] });
new aws.lambda.Function('worker', { role: role.arn, runtime: 'nodejs22.x', handler: 'index.handler' });
`);
    expect([...graph.resources].map(resource => resource.id)).toEqual([
      'api',
      'worker',
    ]);
    expect(graph.get('api')!.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
  });

  it("reads aws.iam.ManagedPolicy keys as the ARNs @pulumi/aws gives them: with the policy's path, for a key that is not the policy's name the policy it stands for", () => {
    const program = `
import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('role', {
  assumeRolePolicy: '{}',
  managedPolicyArns: [
    aws.iam.ManagedPolicy.LambdaFullAccess,
    aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole,
    aws.iam.ManagedPolicy.AWSLambdaInvocationDynamoDB,
    aws.iam.ManagedPolicy.AWSGlueServiceRole,
    aws.iam.ManagedPolicies.AWSLambdaRole,
  ],
});
new aws.lambda.Function('fn', { role: role.arn, runtime: 'nodejs22.x', handler: 'index.handler' });
`;
    expect(graphOf(program).get('role')!.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/AWSLambda_FullAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AWSLambdaInvocation-DynamoDB',
      'arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaRole',
    ]);
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['IAM-002']),
    ).findings;
    expect(
      findings.map(f => [f.resourceId, f.line, f.property, f.message]),
    ).toEqual([
      [
        'role',
        6,
        'ManagedPolicyArns[0]',
        expect.stringContaining(
          'AWSLambda_FullAccess attached, which allows "lambda:*"',
        ),
      ],
      [
        'role',
        9,
        'ManagedPolicyArns[3]',
        expect.stringContaining(
          'AWSGlueServiceRole attached, which allows "glue:*"',
        ),
      ],
    ]);
  });

  it("reads a module another format claims (one that imports the CDK, for Pulumi's CDK interop)", () => {
    const program = `
import * as aws from '@pulumi/aws';
import { queueArgs } from './shared';
new aws.sqs.Queue('orders', queueArgs);
`;
    const shared = `
import * as cdk from 'aws-cdk-lib';
export const queueArgs = { sqsManagedSseEnabled: false };
`;
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
        { path: 'app/shared.ts', text: shared },
      ],
      selectRules(['ENC-003']),
    ).findings;
    expect(
      findings.map(f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`),
    ).toEqual(['ENC-003 orders app/index.ts:4']);
  });

  it('reports JSON text another module built at the line of the property that uses it, never at lines of that module', () => {
    const policy = `
export const text = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:*',
      Resource: '*',
    },
  ],
});
export const parsed = JSON.parse(text);
export const local = JSON.stringify(parsed);
export function made() {
  return JSON.stringify({
    Statement: [
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
    ],
  });
}
`;
    const program = `import * as aws from '@pulumi/aws';
import { text, parsed, local, made } from './shared';
const r = new aws.iam.Role('r', { assumeRolePolicy: '{}' });
new aws.iam.RolePolicy('p', { role: r.id, policy: text });
const merged = aws.iam.getPolicyDocument({ sourcePolicyDocuments: [text] });
new aws.iam.RolePolicy('m', { role: r.id, policy: merged.json });
new aws.iam.RolePolicy('reparsed', { role: r.id, policy: JSON.stringify(JSON.parse(text)) });
new aws.iam.RolePolicy('parsed', { role: r.id, policy: JSON.stringify(parsed) });
new aws.iam.RolePolicy('local', { role: r.id, policy: local });
new aws.iam.RolePolicy('here', { role: r.id, policy: JSON.stringify({ Version: '2012-10-17', Statement: [
  { Effect: 'Allow', Action: 's3:*', Resource: '*' },
] }) });
new aws.iam.RolePolicy('made', { role: r.id, policy: made() });
`;
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
        { path: 'app/shared.ts', text: "export * from './policy';\n" },
        { path: 'app/policy.ts', text: policy },
      ],
      selectRules(['IAM-002']),
    ).findings;
    expect(
      findings.map(f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`),
    ).toEqual([
      'IAM-002 p app/index.ts:4',
      'IAM-002 m app/index.ts:6',
      'IAM-002 reparsed app/index.ts:7',
      'IAM-002 parsed app/index.ts:8',
      'IAM-002 local app/index.ts:9',
      'IAM-002 here app/index.ts:11',
      'IAM-002 made app/index.ts:13',
    ]);
  });

  it('says where JSON text another module built is written, in the message of a finding on a policy read from it', () => {
    const policy = `export const text = JSON.stringify({
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
});
export const redrive = JSON.stringify({ maxReceiveCount: 5 });
`;
    const program = `import * as aws from '@pulumi/aws';
import { text, redrive } from './policy';
new aws.iam.RolePolicy('p', { role: 'r', policy: text });
new aws.iam.Role('r', { assumeRolePolicy: '{}', inlinePolicies: [{ name: 'a', policy: '{}' }, { name: 'b', policy: text }] });
const here = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
new aws.iam.RolePolicy('here', { role: 'r', policy: here });
const queue = new aws.sqs.Queue('q', {});
new aws.sqs.RedrivePolicy('rp', { queueUrl: queue.url, redrivePolicy: redrive });
const fn = new aws.lambda.Function('fn', { runtime: 'nodejs22.x', handler: 'i.h', role: 'arn:aws:iam::123456789012:role/x' });
new aws.lambda.EventSourceMapping('m', { eventSourceArn: queue.arn, functionName: fn.name });
`;
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
        { path: 'app/policy.ts', text: policy },
      ],
      selectRules(['IAM-002', 'DLQ-002']),
    ).findings;
    expect(
      findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line} ${f.message}`,
      ),
    ).toEqual([
      'IAM-002 p app/index.ts:3 A policy statement of policy p allows "s3:*" (every action of the service) instead of the actions it uses. (policy is set in app/policy.ts, line 1.)',
      'IAM-002 r app/index.ts:4 A policy statement of role r allows "s3:*" (every action of the service) instead of the actions it uses. (inlinePolicies[1].policy is set in app/policy.ts, line 1.)',
      // Written in the resource's file, it has lines there.
      'IAM-002 here app/index.ts:5 A policy statement of policy here allows "s3:*" (every action of the service) instead of the actions it uses.',
      'DLQ-002 q app/index.ts:8 Queue q is consumed by function fn but its redrivePolicy has no deadLetterTargetArn: messages that keep failing are retried until they expire and are then lost. (redrivePolicy is set in app/policy.ts, line 4.)',
    ]);
  });

  it('parses JSON text into a copy: a statement pushed onto what JSON.parse gave is not in the text', () => {
    const program = `import * as aws from '@pulumi/aws';
const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const parsed = JSON.parse(text);
parsed.Statement.push({ Effect: 'Allow', Action: '*', Resource: '*' });
new aws.iam.RolePolicy('text', { role: 'r', policy: text });
new aws.iam.RolePolicy('changed', { role: 'r', policy: JSON.stringify(parsed) });
`;
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['IAM-002']),
    ).findings;
    expect(
      findings.map(f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`),
    ).toEqual(['IAM-002 changed app/index.ts:4']);
  });

  it('reads a JSON module as its value: the default import is the whole value, its keys are named imports', () => {
    const program = `
import * as aws from '@pulumi/aws';
import config from './config.json';
import { queue } from './config.json';
new aws.sqs.Queue('whole', { sqsManagedSseEnabled: config.queue.sse });
new aws.sqs.Queue('named', { sqsManagedSseEnabled: queue.sse });
new aws.sqs.Queue('member', { sqsManagedSseEnabled: config.default.sse });
`;
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
        {
          path: 'app/config.json',
          text: '{ "default": { "sse": false }, "queue": { "sse": true } }',
        },
      ],
      selectRules(['ENC-003']),
    ).findings;
    expect(findings.map(f => `${f.ruleId} ${f.resourceId}`)).toEqual([
      'ENC-003 member',
    ]);
  });

  it('reads a JSON file require() loads as its value itself: `default` is only a key of it', () => {
    const program = `
import * as aws from '@pulumi/aws';
import required = require('./config.json');
new aws.sqs.Queue('required', { sqsManagedSseEnabled: required.default.sse });
new aws.sqs.Queue('called', { sqsManagedSseEnabled: require('./config.json').queue.sse });
new aws.sqs.Queue('no-default-key', { sqsManagedSseEnabled: require('./plain.json').default?.sse ?? true });
new aws.sqs.Queue('plain', { sqsManagedSseEnabled: require('./plain.json').sse });
new aws.sqs.Queue('no-extension', { sqsManagedSseEnabled: require('./plain').sse });
new aws.sqs.Queue('before-index', { sqsManagedSseEnabled: require('./settings').sse });
`;
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
        {
          path: 'app/config.json',
          text: '{ "default": { "sse": false }, "queue": { "sse": true } }',
        },
        { path: 'app/plain.json', text: '{ "sse": false }' },
        // Node's require() tries settings.json before the folder's index.
        { path: 'app/settings.json', text: '{ "sse": false }' },
        { path: 'app/settings/index.ts', text: 'export const sse = true;' },
      ],
      selectRules(['ENC-003']),
    ).findings;
    expect(findings.map(f => `${f.ruleId} ${f.resourceId}`)).toEqual([
      'ENC-003 required',
      'ENC-003 plain',
      'ENC-003 no-extension',
      'ENC-003 before-index',
    ]);
  });

  it('reads the keys of a JSON module as they are when read, after code changed the value require() gave', () => {
    const program = `
import * as aws from '@pulumi/aws';
const required = require('./settings.json');
required.sse = false;
import { sse } from './settings.json';
import whole from './settings.json';
new aws.sqs.Queue('named', { sqsManagedSseEnabled: sse });
new aws.sqs.Queue('whole', { sqsManagedSseEnabled: whole.sse });
`;
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
        { path: 'app/settings.json', text: '{ "sse": true }' },
      ],
      selectRules(['ENC-003']),
    ).findings;
    expect(findings.map(f => `${f.ruleId} ${f.resourceId}`)).toEqual([
      'ENC-003 named',
      'ENC-003 whole',
    ]);
  });

  it('judges a policy the program reads from a JSON file of the scan, not one outside it, missing or read as bytes', () => {
    const program = `
import * as aws from '@pulumi/aws';
import { readFileSync } from 'fs';
import path from 'node:path';
new aws.iam.Policy('text', { policy: readFileSync('policies/worker.json', 'utf8') });
new aws.iam.Policy('parsed', {
  policy: JSON.stringify(JSON.parse(readFileSync(path.join(__dirname, 'policies', 'worker.json'), { encoding: 'utf-8' }))),
});
new aws.iam.Policy('outside', { policy: readFileSync(path.resolve(process.cwd(), '../../worker.json'), 'utf8') });
new aws.iam.Policy('missing', { policy: readFileSync('policies/missing.json', 'utf8') });
new aws.iam.Policy('bytes', { policy: readFileSync('policies/worker.json') });
`;
    const wildcard = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['IAM-002', 'IAM-003']),
      // A reader that would read anything: what leaves the scanned root is not asked for.
      {
        readFile: file => (file.endsWith('worker.json') ? wildcard : undefined),
      },
    ).findings;
    expect(findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`)).toEqual([
      'IAM-002 text 5',
      'IAM-003 text 5',
      'IAM-002 parsed 7',
      'IAM-003 parsed 7',
    ]);
  });

  it('judges a policy the program reads as bytes made text, awaits from fs/promises, or finds by a path made from __filename', () => {
    const program = `
import * as aws from '@pulumi/aws';
import * as fs from 'fs';
import { readFile } from 'fs/promises';
import * as path from 'path';
const here = path.dirname(__filename);
new aws.iam.Policy('bytes', { policy: fs.readFileSync(path.join(here, 'policies/worker.json')).toString('utf8') });
new aws.iam.Policy('base64', { policy: fs.readFileSync(path.join(here, 'policies/worker.json')).toString('base64') });
export = async () => {
  const text = await readFile(path.join(here, 'policies', 'worker.json'), 'utf8');
  new aws.iam.Policy('awaited', { policy: JSON.stringify(JSON.parse(text)) });
  new aws.iam.Policy('promises', { policy: await fs.promises.readFile('policies/worker.json', { encoding: 'utf8' }) });
};
`;
    const wildcard = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['IAM-002']),
      {
        readFile: file => (file.endsWith('worker.json') ? wildcard : undefined),
      },
    ).findings;
    expect(findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`)).toEqual([
      'IAM-002 bytes 7',
      'IAM-002 awaited 11',
      'IAM-002 promises 12',
    ]);
  });

  it('gives a CallbackFunction without a role the role it makes, with its policies or the broad default ones', () => {
    const program = `
import * as aws from '@pulumi/aws';
new aws.lambda.CallbackFunction('broad', { callback: async () => {} });
new aws.lambda.CallbackFunction('listed', {
  callback: async () => {},
  policies: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole],
});
new aws.lambda.CallbackFunction('mapped', {
  callback: async () => {},
  policies: { logs: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' },
});
const own = new aws.iam.Role('own', { assumeRolePolicy: '{}', managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole] });
new aws.lambda.CallbackFunction('given', { callback: async () => {}, role: own });
new aws.lambda.CallbackFunction('nulls', { callback: async () => {}, role: null, policies: null });
new aws.sqs.Queue('nulls-role', { sqsManagedSseEnabled: true });
`;
    const graph = graphOf(program);
    expect(graph.get('broad')!.properties.Role).toEqual(
      new Ref('broad-role', 'Arn'),
    );
    expect(graph.get('broad-role')).toMatchObject({
      type: 'AWS::IAM::Role',
      generatedBy: 'broad',
      line: 3,
    });
    expect(graph.get('broad-role')!.properties.ManagedPolicyArns).toHaveLength(
      9,
    );
    for (const id of ['listed', 'mapped']) {
      expect(graph.get(`${id}-role`)!.properties.ManagedPolicyArns).toEqual([
        'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      ]);
    }
    expect(graph.get('given-role')).toBeUndefined();
    // Null is not given, as Pulumi reads it; a resource the program names keeps its name.
    expect(graph.get('nulls-role')!.type).toBe('AWS::SQS::Queue');
    expect(
      graph.get('nulls-role-2')!.properties.ManagedPolicyArns,
    ).toHaveLength(9);
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['IAM-002', 'IAM-007']),
    ).findings;
    // The default policies allow s3:*, dynamodb:*, sqs:*, kinesis:*, cloudwatch:*, logs:*, sns:*, events:*: reported on the function.
    expect(
      new Set(
        findings.map(
          f => `${f.ruleId} ${f.resourceId} ${f.generatedResourceId} ${f.line}`,
        ),
      ),
    ).toEqual(
      new Set(['IAM-002 broad broad-role 3', 'IAM-002 nulls nulls-role-2 14']),
    );
    expect(
      findings
        .filter(f => f.ruleId === 'IAM-002')
        .map(f => f.message)
        .join(' '),
    ).toMatch(
      /^The role CallbackFunction creates for broad has the AWS managed policy AWSLambda_FullAccess .*AmazonS3FullAccess.*AmazonDynamoDBFullAccess/s,
    );
  });

  it("reads a function's role taken from another function (first.role) as the role that one runs as, a CallbackFunction's own too (IAM-001)", () => {
    const program = `
import * as aws from '@pulumi/aws';
const shared = new aws.iam.Role('shared', { assumeRolePolicy: '{}' });
const first = new aws.lambda.Function('first', { runtime: 'nodejs22.x', handler: 'i.h', role: shared.arn });
const second = new aws.lambda.Function('second', { runtime: 'nodejs22.x', handler: 'i.h', role: first.role });
new aws.lambda.Function('third', { runtime: 'nodejs22.x', handler: 'i.h', role: second.role });
const callback = new aws.lambda.CallbackFunction('callback', { callback: async () => {}, policies: [] });
new aws.lambda.Function('beside', { runtime: 'nodejs22.x', handler: 'i.h', role: callback.role });
`;
    expect(graphOf(program).get('beside')!.properties.Role).toEqual(
      new Ref('callback-role', 'Arn'),
    );
    expect(
      scanPulumiProgram(program, ['IAM-001']).map(
        f => `${f.resourceId}:${f.line}`,
      ),
    ).toEqual(['first:4', 'second:5', 'third:6', 'callback:7', 'beside:8']);
  });

  it("keeps a stack export of a component's output once, as the export", () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
class Inbox extends pulumi.ComponentResource {
  public readonly queueUrl: pulumi.Output<string>;
  constructor(name: string) {
    super('demo:Inbox', name);
    const queue = new aws.sqs.Queue(name, {}, { parent: this });
    this.queueUrl = queue.url;
    this.registerOutputs({ queueUrl: queue.url });
  }
}
const inbox = new Inbox('inbox');
export const queueUrl = inbox.queueUrl;
`);
    expect(graph.outputs.map(o => [o.name, o.value, o.line])).toEqual([
      ['queueUrl', new Ref('inbox'), 14],
    ]);
  });

  it('runs component classes once per instance, across local modules, with their outputs', () => {
    const component = `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { RETENTION } from './constants';

export class Queues extends pulumi.ComponentResource {
  public readonly dlq: aws.sqs.Queue;
  constructor(name: string, args: { prefix: string }, opts?: pulumi.ComponentResourceOptions) {
    super('demo:Queues', name, {}, opts);
    this.dlq = new aws.sqs.Queue(\`\${args.prefix}-dlq\`, { messageRetentionSeconds: RETENTION }, { parent: this });
    const main = new aws.sqs.Queue(\`\${args.prefix}-main\`, {
      redrivePolicy: this.dlq.arn.apply(arn => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })),
    }, { parent: this });
    this.registerOutputs({ mainUrl: main.url });
  }
}
`;
    const graph = graphOf(
      `
import { Queues } from './lib/queues';
const orders = new Queues('orders', { prefix: 'orders' });
new Queues('billing', { prefix: 'billing' });
export const ordersDlq = orders.dlq.arn;
`,
      [
        { path: 'app/lib/queues.ts', text: component },
        {
          path: 'app/lib/constants.ts',
          text: 'import "@pulumi/pulumi";\nexport const RETENTION = 1209600;\n',
        },
      ],
    );
    expect(
      [...graph.resources].map(r => `${r.id} ${r.file}:${r.line}`),
    ).toEqual([
      'orders-dlq app/lib/queues.ts:10',
      'orders-main app/lib/queues.ts:11',
      'billing-dlq app/lib/queues.ts:10',
      'billing-main app/lib/queues.ts:11',
    ]);
    expect(graph.get('billing-dlq')!.properties.MessageRetentionPeriod).toBe(
      1209600,
    );
    expect(graph.get('orders-main')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('orders-dlq', 'Arn'),
      maxReceiveCount: 3,
    });
    // Each instance registers its own mainUrl.
    expect(graph.outputs.map(o => [o.name, o.value, o.line])).toEqual([
      ['mainUrl', new Ref('orders-main'), 14],
      ['mainUrl', new Ref('billing-main'), 14],
      ['ordersDlq', new Ref('orders-dlq', 'Arn'), 5],
    ]);
  });

  it('reads a table with replicas as a global table: each replica its own point-in-time recovery and tags, as the provider makes them (OPS-004, OPS-003)', () => {
    const program = `
import * as aws from '@pulumi/aws';
new aws.dynamodb.Table('orders', {
  hashKey: 'id',
  attributes: [{ name: 'id', type: 'S' }],
  streamEnabled: true,
  streamViewType: 'NEW_AND_OLD_IMAGES',
  tags: { team: 'orders' },
  pointInTimeRecovery: { enabled: true },
  replicas: [
    { regionName: 'eu-west-2' },
    { regionName: 'us-west-2', pointInTimeRecovery: true, propagateTags: true },
  ],
});
new aws.dynamodb.Table('single', {
  hashKey: 'id',
  attributes: [{ name: 'id', type: 'S' }],
  tags: { team: 'orders' },
  pointInTimeRecovery: { enabled: true },
});
`;
    const graph = graphOf(program);
    expect(graph.get('orders')!.type).toBe('AWS::DynamoDB::GlobalTable');
    expect(graph.get('single')!.type).toBe('AWS::DynamoDB::Table');
    expect(
      scanPulumiProgram(program, ['OPS-004', 'OPS-003']).map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.message,
      ]),
    ).toEqual([
      [
        'OPS-003',
        'orders',
        11,
        'aws.dynamodb.Table orders has no tags on its replica in eu-west-2, so it cannot be attributed to a team, service or environment.',
      ],
      [
        'OPS-004',
        'orders',
        11,
        'DynamoDB global table orders has no point-in-time recovery on its replica in eu-west-2, so deleted or overwritten items cannot be restored.',
      ],
    ]);
  });

  it("takes the replicas of a table a dynamodb.Tag may tag (the provider's way to tag a replica) for tagged as far as is known (OPS-003)", () => {
    const program = (tag: string) => `
import * as aws from '@pulumi/aws';
import * as std from '@pulumi/std';
const orders = new aws.dynamodb.Table('orders', {
  hashKey: 'id',
  attributes: [{ name: 'id', type: 'S' }],
  tags: { team: 'orders' },
  replicas: [{ regionName: 'eu-west-2' }],
});
${tag}
`;
    const tag = `new aws.dynamodb.Tag('orders-replica', {
  resourceArn: std.replaceOutput({ text: orders.arn, search: 'eu-west-1', replace: 'eu-west-2' }).result,
  key: 'team',
  value: 'orders',
});`;
    expect(
      scanPulumiProgram(program(''), ['OPS-003']).map(f => f.resourceId),
    ).toEqual(['orders']);
    expect(scanPulumiProgram(program(tag), ['OPS-003'])).toEqual([]);
  });

  it('takes the replicas of a table whose dynamodb.TableReplica a dynamodb.Tag may tag for tagged as far as is known (OPS-003)', () => {
    const program = (tagged: string) => `
import * as aws from '@pulumi/aws';
const orders = new aws.dynamodb.Table('orders', { hashKey: 'id', tags: { team: 'orders' } });
const west = new aws.dynamodb.TableReplica('west', { globalTableArn: orders.arn, region: 'eu-west-2' });
const audit = new aws.dynamodb.Table('audit', { hashKey: 'id', tags: { team: 'orders' } });
const auditWest = new aws.dynamodb.TableReplica('audit-west', { globalTableArn: audit.arn, region: 'eu-west-2' });
new aws.dynamodb.Tag('west', { resourceArn: ${tagged}.arn, key: 'team', value: 'orders' });
`;
    const findings = (tagged: string) =>
      scanPulumiProgram(program(tagged), ['OPS-003']).map(
        f => `${f.resourceId} ${f.property}`,
      );
    expect(findings('west')).toEqual(['audit Replicas[1]']);
    expect(findings('auditWest')).toEqual(['orders Replicas[1]']);
  });

  it("adds each dynamodb.TableReplica to its table's replicas, its own pointInTimeRecovery and tags as the provider makes them, the table a global table (OPS-004, OPS-003)", () => {
    const program = `
import * as aws from '@pulumi/aws';
const orders = new aws.dynamodb.Table('orders', {
  hashKey: 'id',
  attributes: [{ name: 'id', type: 'S' }],
  streamEnabled: true,
  streamViewType: 'NEW_AND_OLD_IMAGES',
  tags: { team: 'orders' },
  pointInTimeRecovery: { enabled: true },
}, { ignoreChanges: ['replicas'] });
new aws.dynamodb.TableReplica('west', { globalTableArn: orders.arn, region: 'eu-west-2' });
new aws.dynamodb.TableReplica('us', {
  globalTableArn: orders.arn,
  region: 'us-west-2',
  pointInTimeRecovery: true,
  tags: { team: 'orders' },
});
const tagging = new aws.Provider('tagging', { defaultTags: { tags: { team: 'orders' } } });
new aws.dynamodb.TableReplica('tagged', { globalTableArn: orders.arn, pointInTimeRecovery: false }, { provider: tagging });
new aws.dynamodb.TableReplica('elsewhere', { globalTableArn: process.env.TABLE_ARN! });
`;
    const graph = graphOf(program);
    expect(graph.get('orders')!.type).toBe('AWS::DynamoDB::GlobalTable');
    expect(graph.get('orders')!.properties.Replicas).toHaveLength(4);
    expect(graph.get('west')).toBeUndefined();
    expect(
      scanPulumiProgram(program, ['OPS-004', 'OPS-003']).map(f => [
        f.ruleId,
        f.line,
        f.property,
        f.message,
      ]),
    ).toEqual([
      [
        'OPS-003',
        11,
        'Replicas[1]',
        'aws.dynamodb.Table orders has no tags on its replica in eu-west-2, so it cannot be attributed to a team, service or environment.',
      ],
      [
        'OPS-004',
        11,
        'Replicas[1]',
        'DynamoDB global table orders has no point-in-time recovery on its replica in eu-west-2, so deleted or overwritten items cannot be restored.',
      ],
      [
        'OPS-004',
        19,
        'Replicas[3].PointInTimeRecoverySpecification',
        'DynamoDB global table orders has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      ],
    ]);
  });

  it("reads a table's ARN built around its name (pulumi.interpolate, apply), or with its name written out, in a TableReplica's globalTableArn and a dynamodb.Tag's resourceArn as that table's (OPS-003)", () => {
    const program = (more: string) => `
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
const account = aws.getCallerIdentityOutput().accountId;
const orders = new aws.dynamodb.Table('orders', { name: 'orders', hashKey: 'id', tags: { team: 'orders' } });
const audit = new aws.dynamodb.Table('audit', { name: 'audit', hashKey: 'id', tags: { team: 'orders' } });
const events = new aws.dynamodb.Table('events', { name: 'events', hashKey: 'id', tags: { team: 'orders' } });
new aws.dynamodb.TableReplica('orders-west', {
  globalTableArn: pulumi.interpolate\`arn:aws:dynamodb:\${aws.getRegionOutput().name}:\${account}:table/\${orders.name}\`,
  region: 'eu-west-2',
});
new aws.dynamodb.TableReplica('audit-west', {
  globalTableArn: audit.name.apply(name => \`arn:aws:dynamodb:us-east-1:123456789012:table/\${name}\`),
  region: 'eu-west-2',
});
new aws.dynamodb.TableReplica('events-west', { globalTableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/events', region: 'eu-west-2' });
new aws.dynamodb.Tag('orders-west', { resourceArn: 'arn:aws:dynamodb:eu-west-2:123456789012:table/orders', key: 'team', value: 'orders' });
${more}`;
    const findings = (more: string) =>
      scanPulumiProgram(program(more), ['OPS-003']).map(
        f => `${f.resourceId} ${f.property} ${f.line}`,
      );
    // The tag names orders: the others' replicas are untagged.
    expect(findings('')).toEqual([
      'audit Replicas[1] 12',
      'events Replicas[1] 16',
    ]);
    // A table Pulumi names may be the one a name written out names: the tag may tag any replica, and the replica
    // written so is not judged.
    const other =
      "new aws.dynamodb.Table('other', { hashKey: 'id', tags: { team: 'orders' } });";
    expect(findings(other)).toEqual([]);
    const replicated = (more: string) =>
      scanPulumiProgram(program(more), ['OPS-004'])
        .filter(f => f.property === 'Replicas[1]')
        .map(f => f.resourceId);
    expect(replicated('')).toEqual(['orders', 'audit', 'events']);
    expect(replicated(other)).toEqual(['orders', 'audit']);
  });

  it("names a replica's empty tags as what sets them: the table's tags, which an item of replicas propagates, and a TableReplica's own (OPS-003)", () => {
    const program = `
import * as aws from '@pulumi/aws';
const orders = new aws.dynamodb.Table('orders', {
  hashKey: 'id',
  tags: {},
  replicas: [{ regionName: 'us-west-2', propagateTags: true }],
});
new aws.dynamodb.TableReplica('west', { globalTableArn: orders.arn, region: 'eu-west-2', tags: {} });
`;
    expect(
      scanPulumiProgram(program, ['OPS-003']).map(f => [
        f.line,
        f.property,
        f.message,
      ]),
    ).toEqual([
      [
        5,
        'Replicas[0].Tags',
        'aws.dynamodb.Table orders has no tags on its replica: tags is empty, so it cannot be attributed to a team, service or environment.',
      ],
      [
        6,
        'Replicas[1].Tags',
        'aws.dynamodb.Table orders has no tags on its replica in us-west-2: tags is empty, so it cannot be attributed to a team, service or environment.',
      ],
      [
        8,
        'Replicas[2].Tags',
        'aws.dynamodb.Table orders has no tags on its replica in eu-west-2: tags of aws.dynamodb.TableReplica west is empty, so it cannot be attributed to a team, service or environment.',
      ],
    ]);
    // And the other properties of each, as their arguments.
    const graph = graphOf(program);
    const orders = graph.get('orders')!;
    expect(
      [
        'Replicas[0].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
        'Replicas[1]',
        'Replicas[1].Region',
        'Replicas[1].PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
        'Replicas[2]',
        'Replicas[2].SSESpecification.KMSMasterKeyId',
      ].map(path => graph.nameOf(orders, path)),
    ).toEqual([
      'pointInTimeRecovery.enabled',
      'replicas[0]',
      'replicas[0].regionName',
      'replicas[0].pointInTimeRecovery',
      'aws.dynamodb.TableReplica west',
      'kmsKeyArn of aws.dynamodb.TableReplica west',
    ]);
  });

  it("names the region of a table's own replica, and of a TableReplica, where known: its region, else that of the provider its options name as written (OPS-004)", () => {
    const program = `
import * as aws from '@pulumi/aws';
const west = new aws.Provider('west', { region: 'eu-west-2' });
const configured = new aws.Provider('configured', { region: process.env.REGION });
const replicas = [{ regionName: 'us-west-2' }];
new aws.dynamodb.Table('default', { hashKey: 'id', replicas });
new aws.dynamodb.Table('own', { hashKey: 'id', region: 'ap-south-1', replicas });
new aws.dynamodb.Table('west', { hashKey: 'id', replicas }, { provider: west });
new aws.dynamodb.Table('configured', { hashKey: 'id', replicas }, { provider: configured });
const apart = new aws.dynamodb.Table('apart', { hashKey: 'id' });
new aws.dynamodb.TableReplica('apart-west', { globalTableArn: apart.arn }, { provider: west });
`;
    const inRegion = (message: string) =>
      / on its replica( in ([a-z0-9-]+))?,/.exec(message)![2] ?? 'none';
    expect(
      scanPulumiProgram(program, ['OPS-004'])
        .filter(f => f.property !== 'Replicas[1]' || f.resourceId === 'apart')
        .map(f => [f.resourceId, f.property, inRegion(f.message)]),
    ).toEqual([
      ['default', 'Replicas[0]', 'none'],
      ['own', 'Replicas[0]', 'ap-south-1'],
      ['west', 'Replicas[0]', 'eu-west-2'],
      ['configured', 'Replicas[0]', 'none'],
      ['apart', 'Replicas[0]', 'none'],
      ['apart', 'Replicas[1]', 'eu-west-2'],
    ]);
  });

  it("names the default provider's region where every stack's configuration sets the same aws:region, else none (OPS-004)", () => {
    const program = `
import * as aws from '@pulumi/aws';
const orders = new aws.dynamodb.Table('orders', { hashKey: 'id', pointInTimeRecovery: { enabled: true } });
new aws.dynamodb.TableReplica('replica', { globalTableArn: orders.arn });
`;
    const regions = (project: string, stacks: Record<string, string>) =>
      scanFiles(
        [
          {
            path: 'app/Pulumi.yaml',
            text: `name: demo\nruntime: nodejs\n${project}`,
          },
          { path: 'app/index.ts', text: program },
          ...Object.entries(stacks).map(([stack, text]) => ({
            path: `app/Pulumi.${stack}.yaml`,
            text,
          })),
        ],
        selectRules(['OPS-004']),
      ).findings.map(
        f =>
          / on its replica( in ([a-z0-9-]+))?,/.exec(f.message)![2] ?? 'none',
      );
    const region = (name: string) => `config:\n  aws:region: ${name}\n`;
    // The table's own replica has point-in-time recovery: the finding is the replica resource's.
    expect(regions('', { dev: region('eu-west-1') })).toEqual(['eu-west-1']);
    expect(
      regions('', { dev: region('eu-west-1'), prod: region('eu-west-1') }),
    ).toEqual(['eu-west-1']);
    // Pulumi.yaml's for every stack that sets none; a stack's own over it.
    expect(regions(region('us-east-2'), {})).toEqual(['us-east-2']);
    expect(
      regions('config:\n  aws:region:\n    value: us-east-2\n', {
        dev: 'config:\n  demo:size: 2\n',
        prod: region('us-east-2'),
      }),
    ).toEqual(['us-east-2']);
    expect(regions(region('us-east-2'), { dev: region('eu-west-1') })).toEqual([
      'eu-west-1',
    ]);
    // Pulumi refuses a default of another namespace's key: it sets none.
    expect(
      regions('config:\n  aws:region:\n    default: us-east-2\n', {}),
    ).toEqual(['none']);
    // Stacks that differ, one whose region is its environment's, or settings not read: none.
    expect(
      regions('', { dev: region('eu-west-1'), prod: region('us-east-1') }),
    ).toEqual(['none']);
    expect(
      regions('', {
        dev: region('eu-west-1'),
        prod: 'config:\n  demo:size: 2\n',
      }),
    ).toEqual(['none']);
    expect(
      regions('', { dev: `${region('eu-west-1')}environment:\n  - shared\n` }),
    ).toEqual(['none']);
    expect(
      regions('stackConfigDir: stacks\n', { dev: region('eu-west-1') }),
    ).toEqual(['none']);
    expect(regions('', {})).toEqual(['none']);
  });

  it("names the region of the provider that a resource's providers option names, or that a component it is the child of is given (OPS-004)", () => {
    const program = `
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
const west = new aws.Provider('west', { region: 'eu-west-2' });
const configured = new aws.Provider('configured', { region: process.env.REGION });
const orders = new aws.dynamodb.Table('orders', { hashKey: 'id', pointInTimeRecovery: { enabled: true } });
new aws.dynamodb.TableReplica('listed', { globalTableArn: orders.arn }, { providers: [west] });
new aws.dynamodb.TableReplica('mapped', { globalTableArn: orders.arn }, { providers: { aws: west } });
class Replicas extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('demo:Replicas', name, {}, opts);
    new aws.dynamodb.TableReplica(\`\${name}-replica\`, { globalTableArn: orders.arn }, { parent: this });
  }
}
class Group extends pulumi.ComponentResource {}
new Replicas('given-providers', { providers: [west] });
new Replicas('given-provider', { provider: west });
new Replicas('nested', { parent: new Group('demo:Group', 'group', {}, { providers: [west] }) });
new Replicas('given-configured', { providers: [configured] });
new Replicas('given-none');
`;
    expect(
      scanPulumiProgram(program, ['OPS-004']).map(
        f =>
          / on its replica( in ([a-z0-9-]+))?,/.exec(f.message)![2] ?? 'none',
      ),
    ).toEqual([
      'eu-west-2',
      'eu-west-2',
      'eu-west-2',
      'eu-west-2',
      'eu-west-2',
      'none',
      'none',
    ]);
  });

  it("names the provider Pulumi chooses: a providers map's only under its key aws, and none where a component's options may come from a spread or a transformation of the stack may change any provider (OPS-004)", () => {
    const program = (more: string) => `
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
const west = new aws.Provider('west', { region: 'eu-west-2' });
const orders = new aws.dynamodb.Table('orders', { hashKey: 'id', pointInTimeRecovery: { enabled: true } });
new aws.dynamodb.TableReplica('keyed-west', { globalTableArn: orders.arn }, { providers: { west } });
class Replicas extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('demo:Replicas', name, {}, opts);
    new aws.dynamodb.TableReplica(\`\${name}-replica\`, { globalTableArn: orders.arn }, { parent: this });
  }
}
class Spread extends pulumi.ComponentResource {
  constructor(...args: [string, pulumi.Inputs, pulumi.ComponentResourceOptions]) {
    super('demo:Spread', ...args);
    new aws.dynamodb.TableReplica('spread-replica', { globalTableArn: orders.arn }, { parent: this });
  }
}
class Group extends pulumi.ComponentResource {}
new Replicas('keyed-other', { providers: { other: west } });
new Spread(...(process.env.ARGS as any));
new Replicas('spread-group', { parent: new Group(...(process.env.GROUP as any)) });
${more}`;
    const regions = (more: string) =>
      scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: PROJECT },
          { path: 'app/index.ts', text: program(more) },
          {
            path: 'app/Pulumi.dev.yaml',
            text: 'config:\n  aws:region: us-east-1\n',
          },
        ],
        selectRules(['OPS-004']),
      ).findings.map(
        f =>
          / on its replica( in ([a-z0-9-]+))?,/.exec(f.message)![2] ?? 'none',
      );
    // The default provider's, and not where a transformation may give another: the table's own replica too.
    expect(regions('')).toEqual(['us-east-1', 'us-east-1', 'none', 'none']);
    expect(
      regions(
        'pulumi.runtime.registerStackTransformation(args => ({ props: args.props, opts: { ...args.opts, provider: west } }));',
      ),
    ).toEqual(['none', 'none', 'none', 'none']);
  });

  it("reads aws.config.region as the aws:region of the stacks' configuration, where known: compared, looked up, given to a provider, and in an ARN the stack's region, which is not hardcoded (OPS-004, OPS-002)", () => {
    const program = `
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
const caller = aws.getCallerIdentityOutput();
const home = new aws.Provider('home', { region: aws.config.region ?? 'us-east-1' });
const peer = aws.config.region === 'us-east-1' ? 'us-west-2' : 'eu-central-1';
const backup = { 'eu-west-1': 'eu-north-1', 'us-east-1': 'us-east-2' }[aws.config.requireRegion()];
new aws.dynamodb.Table('orders', {
  hashKey: 'id',
  replicas: [{ regionName: peer }, { regionName: backup }],
}, { provider: home });
new aws.dynamodb.Table('audit', { hashKey: 'id', region: aws.config.region, replicas: [{ regionName: peer }] });
export const ordersDlqArn = pulumi.interpolate\`arn:aws:sqs:\${aws.config.region}:\${caller.accountId}:orders-dlq\`;
export const auditQueueArn = 'arn:aws:sqs:eu-west-1:123456789012:audit';
`;
    const findings = (stack: string, transforms = '') =>
      scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: 'name: demo\nruntime: nodejs\n' },
          { path: 'app/index.ts', text: program + transforms },
          { path: 'app/Pulumi.dev.yaml', text: stack },
        ],
        selectRules(['OPS-004', 'OPS-002']),
      ).findings.map(f => `${f.ruleId} ${f.line}: ${f.message}`);
    const region = 'config:\n  aws:region: eu-west-1\n';
    // A table's own replica is on its line, the others on that of their list.
    const replica = (line: number, where: string, table = 'orders') =>
      `OPS-004 ${line}: DynamoDB global table ${table} has no point-in-time recovery on its replica${where}, so deleted or overwritten items cannot be restored.`;
    const hardcoded =
      'OPS-002 14: Output auditQueueArn hardcodes the region eu-west-1 and the account ID 123456789012 in the ARN "arn:aws:sqs:eu-west-1:123456789012:audit"; build it from aws.getRegion() and aws.getCallerIdentity() so the stack works in any region and account.';
    expect(findings(region)).toEqual([
      replica(8, ' in eu-west-1'),
      replica(10, ' in eu-central-1'),
      replica(10, ' in eu-north-1'),
      replica(12, ' in eu-west-1', 'audit'),
      replica(12, ' in eu-central-1', 'audit'),
      hardcoded,
    ]);
    // A transformation of every resource may give the table another provider; the program's values stay known.
    expect(
      findings(
        region,
        'pulumi.runtime.registerStackTransformation(args => undefined);\n',
      ),
    ).toEqual([
      replica(8, ''),
      replica(10, ' in eu-central-1'),
      replica(10, ' in eu-north-1'),
      replica(12, ' in eu-west-1', 'audit'),
      replica(12, ' in eu-central-1', 'audit'),
      hardcoded,
    ]);
    // Its environment's region (none set, or an ESC environment's): not known.
    for (const stack of [
      'config:\n  demo:size: 2\n',
      `${region}environment:\n  - shared\n`,
    ])
      expect(findings(stack)).toEqual([
        replica(8, ''),
        replica(10, ''),
        replica(10, ''),
        replica(12, '', 'audit'),
        replica(12, '', 'audit'),
        hardcoded,
      ]);
  });

  it("keeps aws.config.region the stack's region in JSON text and in what the program parses back from it: an ARN built from the copy is not hardcoded, a comparison still reads it (OPS-002, OPS-004)", () => {
    const program = `
import * as aws from '@pulumi/aws';
const settings = JSON.parse(JSON.stringify({ region: aws.config.region, queue: 'orders-dlq' }));
const statement = JSON.parse(aws.iam.getPolicyDocument({ statements: [{ actions: ['sqs:SendMessage'], resources: [aws.config.region] }] }).json).Statement[0];
new aws.dynamodb.Table('orders', { hashKey: 'id', replicas: [{ regionName: settings.region === 'eu-west-1' ? 'eu-north-1' : 'us-east-2' }] });
export const dlqArn = \`arn:aws:sqs:\${settings.region}:\${aws.getCallerIdentityOutput().accountId}:\${settings.queue}\`;
export const grantedArn = \`arn:aws:sqs:\${statement.Resource[0]}:\${aws.getCallerIdentityOutput().accountId}:orders\`;
`;
    expect(
      scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: 'name: demo\nruntime: nodejs\n' },
          { path: 'app/index.ts', text: program },
          {
            path: 'app/Pulumi.dev.yaml',
            text: 'config:\n  aws:region: eu-west-1\n',
          },
        ],
        selectRules(['OPS-004', 'OPS-002']),
      ).findings.map(f => `${f.ruleId} ${f.line}: ${f.message}`),
    ).toEqual([
      'OPS-004 5: DynamoDB global table orders has no point-in-time recovery on its replica in eu-west-1, so deleted or overwritten items cannot be restored.',
      'OPS-004 5: DynamoDB global table orders has no point-in-time recovery on its replica in eu-north-1, so deleted or overwritten items cannot be restored.',
    ]);
  });

  it("names no region a table's region argument does not say statically, and rests no verdict on it: a suppression of a rule it passes is unused (OPS-004)", () => {
    const program = `
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
const region = new pulumi.Config().require('region');
const west = new aws.Provider('west', { region: 'eu-west-2' });
// infra-compliance:suppress=OPS-004:restored from the nightly export
new aws.dynamodb.Table('own', { hashKey: 'id', region, pointInTimeRecovery: { enabled: true } });
new aws.dynamodb.Table('global', { hashKey: 'id', region, replicas: [{ regionName: 'us-west-2' }] }, { provider: west });
`;
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['OPS-004']),
    );
    expect(report.unusedSuppressions!.map(u => u.resourceId)).toEqual(['own']);
    // Not its provider's region either: the table's own is not known.
    expect(
      report.findings.map(f => [f.resourceId, f.property, f.message]),
    ).toEqual([
      [
        'global',
        'Replicas[0]',
        'DynamoDB global table global has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      ],
      [
        'global',
        'Replicas[1]',
        'DynamoDB global table global has no point-in-time recovery on its replica in us-west-2, so deleted or overwritten items cannot be restored.',
      ],
    ]);
  });

  it("names no region an item of replicas' regionName or a TableReplica's region does not say statically, and rests no verdict on it: a suppression of a rule its table passes is unused (OPS-004)", () => {
    const program = `
import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
const region = new pulumi.Config().require('region');
const west = new aws.Provider('west', { region: 'eu-west-2' });
// infra-compliance:suppress=OPS-003:tagged by the account's tag policy
new aws.dynamodb.Table('items', { hashKey: 'id', tags: { team: 'orders' }, pointInTimeRecovery: { enabled: true }, replicas: [{ regionName: region, propagateTags: true }] });
// infra-compliance:suppress=OPS-003:tagged by the account's tag policy
const apart = new aws.dynamodb.Table('apart', { hashKey: 'id', tags: { team: 'orders' }, pointInTimeRecovery: { enabled: true } });
new aws.dynamodb.TableReplica('replica', { globalTableArn: apart.arn, region, tags: { team: 'orders' } }, { provider: west });
`;
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['OPS-003', 'OPS-004']),
    );
    expect(report.unusedSuppressions!.map(u => u.resourceId)).toEqual([
      'items',
      'apart',
    ]);
    // Not its provider's region either: the replica's own is not known.
    expect(
      report.findings.map(f => [f.resourceId, f.property, f.message]),
    ).toEqual([
      [
        'items',
        'Replicas[1]',
        'DynamoDB global table items has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      ],
      [
        'apart',
        'Replicas[1]',
        'DynamoDB global table apart has no point-in-time recovery on its replica, so deleted or overwritten items cannot be restored.',
      ],
    ]);
  });

  it('reports the $default stage quick create (a target) makes for an HTTP API, as generated by the API, unless the program declares one (LOG-004, OPS-001)', () => {
    const program = `
import * as aws from '@pulumi/aws';
const target = 'arn:aws:lambda:eu-west-1:123456789012:function:events';
new aws.apigatewayv2.Api('quick', { protocolType: 'HTTP', target });
new aws.apigatewayv2.Api('socket', { protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action', target });
const staged = new aws.apigatewayv2.Api('staged', { protocolType: 'HTTP', target });
new aws.apigatewayv2.Stage('staged-default', {
  apiId: staged.id,
  name: '$default',
  autoDeploy: true,
  accessLogSettings: { destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:access', format: '$context.requestId' },
  defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 5 },
});
new aws.apigatewayv2.Api('plain', { protocolType: 'HTTP' });
`;
    const stage = graphOf(program)
      .ofType('AWS::ApiGatewayV2::Stage')
      .filter(s => s.generatedBy);
    expect(stage.map(s => [s.id, s.generatedBy, s.origin, s.line])).toEqual([
      ['quick-$default', 'quick', 'target (quick create)', 4],
    ]);
    expect(
      scanPulumiProgram(program, ['LOG-004', 'OPS-001']).map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.message,
      ]),
    ).toEqual([
      [
        'LOG-004',
        'quick',
        4,
        'The $default stage that the target (quick create) of quick creates has no access log settings (accessLogSettings.destinationArn), so failed and throttled requests cannot be investigated.',
      ],
      [
        'OPS-001',
        'quick',
        4,
        'The $default stage of API quick has no throttling limits: it has no defaultRouteSettings with throttlingRateLimit and throttlingBurstLimit, so it takes traffic up to the account-wide limit.',
      ],
    ]);
  });

  it('parses redrive policies and maps alarms and method settings', () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const dlq = new aws.sqs.Queue('dlq', {});
const queue = new aws.sqs.Queue('queue', { redrivePolicy: dlq.arn.apply(arn => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })) });
new aws.cloudwatch.MetricAlarm('depth', { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: dlq.name } });
new aws.cloudwatch.MetricAlarm('rate', { metricQueries: [{ id: 'e', metric: { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: 'f' }, period: 60, stat: 'Sum' } }] });
const jobs = new aws.sqs.Queue('jobs', {});
new aws.sqs.RedrivePolicy('jobs-redrive', { queueUrl: jobs.id,
  redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) });
new aws.apigateway.MethodSettings('throttle', { restApi: 'api', stageName: 'prod', methodPath: '*/*', settings: { throttlingRateLimit: 10, throttlingBurstLimit: 5 } });
`);
    expect(graph.get('queue')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('dlq', 'Arn'),
      maxReceiveCount: 3,
    });
    expect(graph.get('jobs')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('dlq', 'Arn'),
      maxReceiveCount: 5,
    });
    expect(
      lineOfPath(graph.get('jobs')!.properties, ['RedrivePolicy'], 0),
    ).toBe(10);
    expect(graph.get('depth')!.properties.Dimensions).toEqual([
      { Name: 'QueueName', Value: new Ref('dlq', 'QueueName') },
    ]);
    expect(graph.get('rate')!.properties.Metrics).toEqual([
      {
        Id: 'e',
        MetricStat: {
          Period: 60,
          Stat: 'Sum',
          Metric: {
            Namespace: 'AWS/Lambda',
            MetricName: 'Errors',
            Dimensions: [{ Name: 'FunctionName', Value: 'f' }],
          },
        },
      },
    ]);
    expect(graph.get('throttle')!.properties).toMatchObject({
      RestApiId: 'api',
      StageName: 'prod',
      Settings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 5 },
    });
  });

  it("takes a provider's default tags for those of the resources it may make: named in their options, or their parent's, or not known (OPS-003)", () => {
    const rows = (taggedOptions: string, service: string, shared = 'shared') =>
      scanPulumiProgram(
        `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { shared } from 'providers-package';
const tagged = new aws.Provider('tagged', ${taggedOptions});
const plain = new aws.Provider('plain', { region: 'eu-west-1' });
new aws.sqs.Queue('on-tagged', {}, { provider: tagged });
new aws.sqs.Queue('in-list', {}, { providers: [tagged] });
new aws.sqs.Queue('in-map', {}, { providers: { aws: tagged } });
new aws.sqs.Queue('on-shared', {}, { provider: ${shared} });
new aws.sqs.Queue('on-default', {});
new aws.sqs.Queue('on-plain', {}, { provider: plain });
class Service extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super('acme:Service', name, {}, opts);
    new aws.sqs.Queue(\`\${name}-child\`, {}, { parent: this });
    new aws.sqs.Queue(\`\${name}-own\`, {});
  }
}
new Service('svc', ${service});
`,
        ['OPS-003'],
      ).map(f => `${f.resourceId} ${f.line}`);
    const withTags = "{ defaultTags: { tags: { team: 'orders' } } }";
    expect(rows(withTags, '{ providers: [tagged] }')).toEqual([
      'on-default 10',
      'on-plain 11',
      'svc-own 16',
    ]);
    // Which providers a parent has is not followed: its children may take any the program makes with default tags.
    expect(rows(withTags, '{ providers: [plain] }')).toEqual([
      'on-default 10',
      'on-plain 11',
      'svc-own 16',
    ]);
    // Where none has them, a parent's children are judged, unless one of them may be given a provider not known.
    const withoutTags = "{ region: 'eu-west-1' }";
    expect(rows(withoutTags, '{ providers: [plain] }', 'plain')).toEqual([
      'on-tagged 6',
      'in-list 7',
      'in-map 8',
      'on-shared 9',
      'on-default 10',
      'on-plain 11',
      'svc-child 15',
      'svc-own 16',
    ]);
    expect(rows(withoutTags, '{ providers: [shared] }')).toEqual([
      'on-tagged 6',
      'in-list 7',
      'in-map 8',
      'on-default 10',
      'on-plain 11',
      'svc-own 16',
    ]);
    // What a subscription makes is made below what is subscribed to, with the options it is given.
    const subscribed = (options: string) =>
      scanPulumiProgram(
        `import * as aws from '@pulumi/aws';
import { shared } from 'providers-package';
const topic = new aws.sns.Topic('events', { tags: { team: 'orders' } });
topic.onEvent('on-event', async () => {}, {}, ${options});
`,
        ['OPS-003'],
      ).map(f => `${f.resourceId} ${f.line}`);
    expect(subscribed('{ provider: shared }')).toEqual([]);
    expect(subscribed('{}')).toEqual(['on-event 4']);
    // A provider of options not known may have default tags.
    expect(rows('settings', 'undefined')).toEqual([
      'on-default 10',
      'on-plain 11',
      'svc-own 16',
    ]);
  });

  it('reads default tags from the stack configuration, and suppression comments', () => {
    const result = pulumiAdapter.load([
      { path: 'Pulumi.yaml', text: PROJECT },
      {
        path: 'Pulumi.prod.yaml',
        text: 'config:\n  aws:defaultTags:\n    tags:\n      team: orders\n',
      },
      {
        path: 'index.ts',
        text: [
          "import * as aws from '@pulumi/aws';",
          '// infra-compliance:suppress=DLQ-001: retried by the caller',
          "const fn = new aws.lambda.Function('fn', {});",
        ].join('\n'),
      },
    ]);
    expect(result.graphs[0].hasDefaultTags).toBe(true);
    expect(result.graphs[0].get('fn')!.suppressions).toEqual([
      { ruleId: 'DLQ-001', reason: 'retried by the caller', line: 2 },
    ]);
  });

  it('takes default tags for set where stacks may set them unseen (an ESC environment, settings kept elsewhere) or a stack transformation may add them', () => {
    const program =
      "import * as aws from '@pulumi/aws';\nnew aws.sqs.Queue('jobs', {});\n";
    const hasDefaultTags = (
      files: SourceFile[],
      project = PROJECT,
      text = program,
    ) =>
      pulumiAdapter.load([
        { path: 'Pulumi.yaml', text: project },
        { path: 'index.ts', text },
        ...files,
      ]).graphs[0].hasDefaultTags;
    expect(
      hasDefaultTags([
        { path: 'Pulumi.dev.yaml', text: 'config:\n  demo:size: 2\n' },
      ]),
    ).toBe(false);
    expect(
      hasDefaultTags([
        {
          path: 'Pulumi.dev.yaml',
          text: 'environment:\n  - acme/aws-defaults\n',
        },
      ]),
    ).toBe(true);
    expect(hasDefaultTags([], `${PROJECT}stackConfigDir: config\n`)).toBe(true);
    expect(
      hasDefaultTags(
        [],
        PROJECT,
        `import * as pulumi from '@pulumi/pulumi';\npulumi.runtime.registerStackTransformation(args => args);\n${program}`,
      ),
    ).toBe(true);
  });

  it("maps a KMS key's spec, so that an asymmetric key is not taken for a symmetric one", () => {
    const program = `
import * as aws from '@pulumi/aws';
new aws.kms.Key('signing', { customerMasterKeySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' });
`;
    const graph = graphOf(program);
    expect(graph.get('signing')!.properties.KeySpec).toBe('RSA_2048');
    expect(
      scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: PROJECT },
          { path: 'app/index.ts', text: program },
        ],
        selectRules(['ENC-007']),
      ).findings,
    ).toEqual([]);
  });

  it("leaves out a deployment's stageDescription, the text of its stage's description", () => {
    const graph = graphOf(`
import * as aws from '@pulumi/aws';
new aws.apigateway.Deployment('dev', { restApi: 'api', stageName: 'dev', stageDescription: 'development' });
`);
    expect(graph.get('dev')!.properties).toEqual({
      RestApiId: 'api',
      StageName: 'dev',
    });
  });

  it('maps network and container resources for their tags', () => {
    const graph = graphOf(
      [
        "import * as aws from '@pulumi/aws';",
        "const group = new aws.ec2.SecurityGroup('web', { vpcId: 'vpc-1', tags: { team: 'orders' } });",
        "const balancer = new aws.lb.LoadBalancer('front', { securityGroups: [group.id] });",
      ].join('\n'),
    );
    expect(graph.get('web')!.type).toBe('AWS::EC2::SecurityGroup');
    expect(graph.get('web')!.properties.Tags).toEqual([
      { Key: 'team', Value: 'orders' },
    ]);
    expect(graph.get('front')!.type).toBe(
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
    );
    expect(graph.get('front')!.properties.Tags).toBeUndefined();
  });

  it('reads CommonJS programs', () => {
    const result = pulumiAdapter.load([
      {
        path: 'Pulumi.yaml',
        text: 'name: js\nruntime: nodejs\nmain: index.js\n',
      },
      {
        path: 'index.js',
        text: [
          'const aws = require("@pulumi/aws");',
          'const { retention } = require("./settings");',
          'const logs = new aws.cloudwatch.LogGroup("logs", { retentionInDays: retention });',
          'exports.logGroupName = logs.name;',
        ].join('\n'),
      },
      { path: 'settings.js', text: 'module.exports = { retention: 14 };\n' },
    ]);
    const graph = result.graphs[0];
    expect(graph.get('logs')!.properties.RetentionInDays).toBe(14);
    expect(graph.outputs).toEqual([
      {
        name: 'logGroupName',
        value: new Ref('logs'),
        file: 'index.js',
        line: 4,
      },
    ]);
  });

  it('reads a module that makes itself a class or a function (module.exports = …, export = …) as what require() gives, and a main module that makes itself a function as the program', () => {
    const js = (path: string, ...lines: string[]) => ({
      path,
      text: lines.join('\n'),
    });
    const result = pulumiAdapter.load([
      js('Pulumi.yaml', 'name: js', 'runtime: nodejs', 'main: index.js'),
      js(
        'index.js',
        'const aws = require("@pulumi/aws");',
        'const makeQueue = require("./makeQueue");',
        'const Topic = require("./topic");',
        'module.exports = async () => {',
        '  const jobs = makeQueue("jobs");',
        '  new Topic("alerts");',
        '  return { jobsUrl: jobs.url };',
        '};',
      ),
      js(
        'makeQueue.js',
        'const aws = require("@pulumi/aws");',
        'module.exports = function (name) { return new aws.sqs.Queue(name, {}); };',
      ),
      js(
        'topic.ts',
        "import * as aws from '@pulumi/aws';",
        'class Topic { constructor(name: string) { new aws.sns.Topic(name, {}); } }',
        'export = Topic;',
      ),
    ]);
    const graph = result.graphs[0];
    expect([...graph.resources].map(r => [r.id, r.type, r.file])).toEqual([
      ['jobs', 'AWS::SQS::Queue', 'makeQueue.js'],
      ['alerts', 'AWS::SNS::Topic', 'topic.ts'],
    ]);
    expect(graph.outputs).toEqual([
      { name: 'jobsUrl', value: new Ref('jobs'), file: 'index.js', line: 7 },
    ]);
  });

  it('reports a module nested too deeply to read, and keeps what the other modules declare', () => {
    const result = load(
      "import * as aws from '@pulumi/aws';\nimport { deep } from './deep';\nnew aws.sqs.Queue('orders', {});\n",
      [
        {
          path: 'app/deep.ts',
          text: `export const deep = ${"'a' + ".repeat(20_000)}'z';\n`,
        },
      ],
    );
    expect(result.errors).toEqual([
      {
        file: 'app/deep.ts',
        line: 1,
        message: 'the program nests too deeply to read',
        format: 'pulumi',
      },
    ]);
    expect([...result.graphs[0].resources].map(r => r.id)).toEqual(['orders']);
  });

  it('skips resources whose arguments are not known statically and reports syntax errors', () => {
    const result = load(`
import * as aws from '@pulumi/aws';
import { props } from 'elsewhere';
new aws.lambda.Function('fn', props);
new aws.lambda.Function('spread', { ...props, runtime: 'nodejs20.x' });
const x = ;
`);
    expect([...result.graphs[0].resources]).toEqual([]);
    expect(result.errors).toEqual([
      {
        file: 'app/index.ts',
        line: 6,
        message: 'Expression expected.',
        format: 'pulumi',
      },
    ]);
  });
});

describe('pulumiAdapter: policies', () => {
  const scan = (program: string, rules: string[]) =>
    scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(rules),
    ).findings.map(
      finding => `${finding.ruleId} ${finding.resourceId} ${finding.line}`,
    );

  it('judges the inline policies of users and groups (IAM-002, IAM-003)', () => {
    expect(
      scan(
        `
import * as aws from '@pulumi/aws';
const ci = new aws.iam.User('ci', { tags: { team: 'a' } });
new aws.iam.UserPolicy('ci-deploy', {
  user: ci.name,
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
});
const ops = new aws.iam.Group('ops', {});
new aws.iam.GroupPolicy('ops-s3', {
  group: ops.name,
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }),
});
`,
        ['IAM-002', 'IAM-003'],
      ),
    ).toEqual([
      'IAM-002 ci-deploy 6',
      'IAM-003 ci-deploy 6',
      'IAM-002 ops-s3 11',
      'IAM-003 ops-s3 11',
    ]);
  });

  it("takes the permissions of a role, or of a function's role, handed to code not modelled as not known (IAM-004, IAM-007)", () => {
    const program = (grant: string) => `
import * as aws from '@pulumi/aws';
import { grantTableReadWrite } from '@acme/pulumi-iam';
const table = new aws.dynamodb.Table('items', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' });
const role = new aws.iam.Role('api-role', { assumeRolePolicy: JSON.stringify({ Statement: [] }) });
const fn = new aws.lambda.Function('api-fn', {
  runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn,
  environment: { variables: { TABLE: table.name } },
});
const other = new aws.iam.Role('other-role', { assumeRolePolicy: JSON.stringify({ Statement: [] }) });
new aws.lambda.Function('other-fn', { runtime: 'nodejs22.x', handler: 'index.handler', role: other.arn });
${grant}
`;
    expect(scan(program(''), ['IAM-004', 'IAM-007'])).toEqual([
      'IAM-007 api-fn 7',
      'IAM-004 api-fn 8',
      'IAM-007 other-fn 11',
    ]);
    expect(
      scan(program('grantTableReadWrite(role, table);'), [
        'IAM-004',
        'IAM-007',
      ]),
    ).toEqual(['IAM-007 other-fn 11']);
    expect(
      scan(program('grantTableReadWrite({ fn });'), ['IAM-004', 'IAM-007']),
    ).toEqual(['IAM-007 other-fn 11']);
    // A component of the program handed on hands on the resources it holds; given as a parent, it hands on nothing.
    expect(
      scan(program('class Api { fn = fn; }\ngrantTableReadWrite(new Api());'), [
        'IAM-004',
        'IAM-007',
      ]),
    ).toEqual(['IAM-007 other-fn 11']);
    expect(
      scan(
        program(
          "class Api { fn = fn; }\nnew random.RandomId('suffix', { byteLength: 4 }, { parent: new Api() });",
        ),
        ['IAM-004', 'IAM-007'],
      ),
    ).toEqual(['IAM-007 api-fn 7', 'IAM-004 api-fn 8', 'IAM-007 other-fn 11']);
    // The role of one that runs as another's (fn.role): that one's, once read.
    expect(
      scan(
        program(
          "const borrower = new aws.lambda.Function('borrower', { runtime: 'nodejs22.x', handler: 'index.handler', role: fn.role });\ngrantTableReadWrite(borrower);",
        ),
        ['IAM-004', 'IAM-007'],
      ),
    ).toEqual(['IAM-007 other-fn 11']);
  });

  it('takes a log group, an alarm or a role policy whose arguments are not known as possibly the one a rule looks for', () => {
    const program = (spread: string) => `
import * as aws from '@pulumi/aws';
import { defaults } from '@acme/pulumi-defaults';
const topic = new aws.sns.Topic('events', {});
const role = new aws.iam.Role('role', { assumeRolePolicy: '{}', managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole] });
const fn = new aws.lambda.Function('orders', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn, environment: { variables: { TOPIC_ARN: topic.arn } } });
new aws.cloudwatch.LogGroup('orders-logs', { ${spread}name: '/aws/lambda/other' });
new aws.cloudwatch.MetricAlarm('orders-errors', { ${spread}namespace: 'AWS/Lambda', metricName: 'Throttles' });
new aws.iam.RolePolicy('publish', { ${spread}role: 'elsewhere', policy: '{}' });
`;
    expect(scan(program(''), ['LOG-001', 'ALM-001', 'IAM-004'])).toEqual([
      'ALM-001 orders 6',
      'IAM-004 orders 6',
      'LOG-001 orders 6',
    ]);
    expect(
      scan(program('...defaults, '), ['LOG-001', 'ALM-001', 'IAM-004']),
    ).toEqual([]);
  });

  it('says a function handed to code not modelled may be invoked asynchronously there, not that it has no trigger, at partial confidence: that code may give it only an API trigger (DLQ-001)', () => {
    const findings = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        {
          path: 'app/index.ts',
          text: `import * as aws from '@pulumi/aws';
import * as awsx from '@pulumi/awsx';
const fn = new aws.lambda.Function('api-fn', { runtime: 'nodejs22.x', handler: 'i.h', role: 'arn:aws:iam::123456789012:role/x' });
new awsx.classic.apigateway.API('api', { routes: [{ path: '/items', method: 'GET', eventHandler: fn }] });
new aws.lambda.Function('idle', { runtime: 'nodejs22.x', handler: 'i.h', role: 'arn:aws:iam::123456789012:role/x' });
`,
        },
      ],
      selectRules(['DLQ-001']),
    ).findings.map(finding => `${finding.confidence}: ${finding.message}`);
    expect(findings).toEqual([
      'partial: Function api-fn is handed to code the scanner does not read, which may invoke it asynchronously, but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
      'high: Function idle has no trigger in the stack, so it may be invoked asynchronously but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
    ]);
  });

  it('hands on what an object or a list holds beside a spread not known statically, and reads the keys written after the spread (DLQ-001)', () => {
    const program = (body: string) => `import * as aws from '@pulumi/aws';
import { defaults } from '@acme/pulumi-defaults';
const fn = new aws.lambda.Function('api-fn', { runtime: 'nodejs22.x', handler: 'i.h', role: 'arn:aws:iam::123456789012:role/x' });
${body}
`;
    const dlq001 = (body: string) =>
      scanPulumiProgram(program(body), ['DLQ-001']).map(
        f => `${f.resourceId} ${f.confidence}: ${f.message.split(' but ')[0]}`,
      );
    const handedOn = [
      'api-fn partial: Function api-fn is handed to code the scanner does not read, which may invoke it asynchronously,',
    ];
    expect(dlq001('')).toEqual([
      'api-fn high: Function api-fn has no trigger in the stack, so it may be invoked asynchronously',
    ]);
    // A resource of arguments not known is not in the graph: what they hold is handed to code not read.
    expect(
      dlq001(
        "new aws.lambda.Permission('api', { ...defaults.permission, function: fn, principal: 'apigateway.amazonaws.com' });",
      ),
    ).toEqual(handedOn);
    // A resource of the provider makes no alarm: the function it is handed is not watched there (ALM-001).
    expect(
      scanPulumiProgram(
        program(
          "new aws.lambda.Permission('api', { ...defaults.permission, function: fn, principal: 'apigateway.amazonaws.com' });",
        ),
        ['ALM-001'],
      ).map(f => f.resourceId),
    ).toEqual(['api-fn']);
    // Its name or ARN is handed on as much: code not read may invoke the function by it.
    expect(
      dlq001(
        "new aws.lambda.Permission('api', { ...defaults.permission, function: fn.name, principal: 'apigateway.amazonaws.com' });",
      ),
    ).toEqual(handedOn);
    expect(
      dlq001(
        "const jobs = new aws.sqs.Queue('jobs', {});\nnew aws.lambda.EventSourceMapping('jobs', { ...defaults.mapping, eventSourceArn: jobs.arn, functionName: fn.arn });",
      ),
    ).toEqual(handedOn);
    expect(dlq001('defaults.register([...defaults.more, fn]);')).toEqual(
      handedOn,
    );
    // A key written after the spread is known, one before it may be the spread's: the permission may be the function's or not.
    expect(
      dlq001(
        "const options = { ...defaults.permission, fn };\nnew aws.lambda.Permission('api', { function: options.fn, principal: 'apigateway.amazonaws.com' });",
      ),
    ).toEqual([]);
    expect(
      dlq001(
        "const options = { fn, ...defaults.permission };\nnew aws.lambda.Permission('api', { function: options.fn, principal: 'apigateway.amazonaws.com' });",
      ),
    ).toEqual([
      'api-fn partial: Function api-fn has no trigger the scanner can tie to it (what the program wires may be it or not, as a condition not known statically decides), so it may be invoked asynchronously',
    ]);
    // Spread in turn, such an object brings those keys as they were.
    expect(
      dlq001(
        "const options = { ...defaults.permission, fn };\nconst more = { ...options };\nnew aws.lambda.Permission('api', { function: more.fn, principal: 'apigateway.amazonaws.com' });",
      ),
    ).toEqual([]);
    expect(
      dlq001(
        "const options = { fn, ...defaults.permission };\nconst more = { fn: undefined, ...options };\nnew aws.lambda.Permission('api', { function: more.fn, principal: 'apigateway.amazonaws.com' });",
      ),
    ).toEqual([
      'api-fn partial: Function api-fn has no trigger the scanner can tie to it (what the program wires may be it or not, as a condition not known statically decides), so it may be invoked asynchronously',
    ]);
  });

  it('says partly that a function made in a ternary or an if and its else has no trigger when what the program then wires to the value may be it (DLQ-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
const args = { runtime: 'nodejs22.x', handler: 'i.h', role: 'arn:aws:iam::123456789012:role/x' };
const fn = process.env.BIG === '1' ? new aws.lambda.Function('a', args) : new aws.lambda.Function('b', args);
new aws.lambda.Permission('api', { action: 'lambda:InvokeFunction', function: fn.name, principal: 'apigateway.amazonaws.com' });
let worker: aws.lambda.Function;
if (process.env.BIG === '1') worker = new aws.lambda.Function('c', args);
else worker = new aws.lambda.Function('d', args);
new aws.lambda.EventSourceMapping('jobs', { eventSourceArn: new aws.sqs.Queue('jobs', {}).arn, functionName: worker.arn });
new aws.lambda.Function('idle', args);
`;
    expect(
      scanPulumiProgram(program, ['DLQ-001']).map(
        f => `${f.resourceId} ${f.line} ${f.confidence}`,
      ),
    ).toEqual([
      'a 3 partial',
      'b 3 partial',
      'c 6 partial',
      'd 7 partial',
      'idle 9 high',
    ]);
  });

  it("reads aws.kms.KeyPolicy as its key's policy, and any key's when the key is not known (ENC-002)", () => {
    const program = (keyId: string) => `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const region = aws.getRegionOutput();
const key = new aws.kms.Key('logs-key', { enableKeyRotation: true });
new aws.kms.KeyPolicy('logs-key-policy', {
  keyId: ${keyId},
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: pulumi.interpolate\`logs.\${region.name}.amazonaws.com\` }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*' }],
  }),
});
const other = new aws.kms.Key('other-key', { enableKeyRotation: true });
new aws.cloudwatch.LogGroup('app', { retentionInDays: 30, kmsKeyId: key.arn });
new aws.cloudwatch.LogGroup('audit', { retentionInDays: 30, kmsKeyId: other.arn });
`;
    // The policy is read from the KeyPolicy resource; the other key has none.
    expect(scan(program('key.id'), ['ENC-002'])).toEqual([
      'ENC-002 other-key 13',
    ]);
    // A key not known statically may be either: nothing is proven missing.
    expect(
      scan(program('pulumi.output(process.env.KEY_ID)'), ['ENC-002']),
    ).toEqual([]);
  });
});

describe('pulumiAdapter: modules outside the project folder', () => {
  it("reads a module the program imports from outside its folder (a monorepo's shared library), and lists it once", () => {
    const observability = {
      path: 'lib/observability.ts',
      text: `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
export function logGroupFor(fn: aws.lambda.Function, name: string) {
  return new aws.cloudwatch.LogGroup(\`\${name}-logs\`, { name: pulumi.interpolate\`/aws/lambda/\${fn.name}\`, retentionInDays: 30 });
}
`,
    };
    const program = (name: string) => ({
      path: `stacks/${name}/index.ts`,
      text: `import * as aws from '@pulumi/aws';
import { logGroupFor } from '../../lib/observability';
const fn = new aws.lambda.Function('${name}', { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/x' });
logGroupFor(fn, '${name}');
`,
    });
    const files = [
      { path: 'stacks/api/Pulumi.yaml', text: PROJECT },
      program('api'),
      { path: 'stacks/worker/Pulumi.yaml', text: PROJECT },
      program('worker'),
      observability,
    ];
    const report = scanFiles(files, selectRules(['LOG-001', 'LOG-002']));
    expect(report.findings).toEqual([]);
    expect(report.files).toEqual([
      { path: 'lib/observability.ts', format: 'pulumi', resources: 2 },
      { path: 'stacks/api/index.ts', format: 'pulumi', resources: 1 },
      { path: 'stacks/worker/index.ts', format: 'pulumi', resources: 1 },
    ]);
  });
});

describe('pulumiAdapter: code two programs share', () => {
  it('resolves no module above the scanned root, rather than one of its files', () => {
    const shared = {
      path: 'lib/queues.ts',
      text: "import * as aws from '@pulumi/aws';\nexport const jobs = () => new aws.sqs.Queue('jobs', {});\n",
    };
    const app = {
      path: 'app/index.ts',
      text: "import { jobs } from '../../lib/queues';\njobs();\n",
    };
    const { findings } = scanFiles(
      [{ path: 'app/Pulumi.yaml', text: PROJECT }, app, shared],
      selectRules(['OPS-003']),
    );
    expect(findings).toEqual([]);
  });

  it('reports a failure of a module two programs import once, where it is written', () => {
    const shared = {
      path: 'lib/queues.ts',
      text: "import * as aws from '@pulumi/aws';\nexport const jobs = () => new aws.sqs.Queue('jobs', {});\n",
    };
    const app = (name: string) => ({
      path: `stacks/${name}/index.ts`,
      text: "import { jobs } from '../../lib/queues';\njobs();\n",
    });
    const { findings, checks } = scanFiles(
      [
        { path: 'stacks/a/Pulumi.yaml', text: PROJECT },
        app('a'),
        { path: 'stacks/b/Pulumi.yaml', text: PROJECT },
        app('b'),
        shared,
      ],
      selectRules(['OPS-003']),
    );
    expect(
      findings.map(f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`),
    ).toEqual(['OPS-003 jobs lib/queues.ts:2']);
    // One check where the code is written, as the finding: the scorecard counts it once.
    expect(checks.filter(check => check.ruleId === 'OPS-003')).toEqual([
      expect.objectContaining({ file: 'lib/queues.ts', passed: false }),
    ]);
  });

  it('fingerprints apart what two programs declare in a module under one name at different lines, after the second program', () => {
    const shared = {
      path: 'lib/queues.ts',
      text: "import * as aws from '@pulumi/aws';\nexport const queue = (name: string) => new aws.sqs.Queue(name, {});\nexport const deadLetters = (name: string) => new aws.sqs.Queue(name, {});\n",
    };
    const app = (name: string, make: string) => ({
      path: `stacks/${name}/index.ts`,
      text: `import { ${make} } from '../../lib/queues';\n${make}('jobs');\n`,
    });
    const { findings, checks } = scanFiles(
      [
        { path: 'stacks/a/Pulumi.yaml', text: PROJECT },
        app('a', 'queue'),
        { path: 'stacks/b/Pulumi.yaml', text: PROJECT },
        app('b', 'deadLetters'),
        { path: 'stacks/c/Pulumi.yaml', text: PROJECT },
        app('c', 'queue'),
      ].concat(shared),
      selectRules(['OPS-003']),
    );
    // The queue of a and c is one declaration, one finding; b's is another, fingerprinted by b's folder.
    expect(findings.map(f => [f.resourceId, f.line, f.fingerprint])).toEqual([
      ['jobs', 2, fingerprint('OPS-003', 'lib/queues.ts', 'jobs')],
      ['jobs', 3, fingerprint('OPS-003', 'lib/queues.ts', 'stacks/b/jobs')],
    ]);
    expect(
      checks
        .filter(check => check.ruleId === 'OPS-003')
        .map(check => check.passed),
    ).toEqual([false, false]);
  });
});

describe('pulumiPropertyName', () => {
  it.each([
    ['iam.Role', 'RoleName', 'name'],
    ['iam.Role', 'Policies[1].PolicyDocument', 'inlinePolicies[1].policy'],
    ['sqs.Queue', 'MessageRetentionPeriod', 'messageRetentionSeconds'],
    [
      'apigateway.Stage',
      'AccessLogSetting.DestinationArn',
      'accessLogSettings.destinationArn',
    ],
    [
      'dynamodb.Table',
      'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
      'pointInTimeRecovery.enabled',
    ],
    ['cloudwatch.LogGroup', 'RetentionInDays', 'retentionInDays'],
    ['lambda.Function', 'TracingConfig.Mode', 'tracingConfig.mode'],
    ['apigateway.Stage', 'MethodSettings', 'aws.apigateway.MethodSettings'],
    [
      'apigateway.Stage',
      'MethodSettings.ThrottlingRateLimit',
      'settings.throttlingRateLimit',
    ],
    [
      'apigateway.Deployment',
      'StageDescription.ThrottlingRateLimit',
      'settings.throttlingRateLimit',
    ],
    [
      'dynamodb.Table',
      'SSESpecification.KMSMasterKeyId',
      'serverSideEncryption.kmsKeyArn',
    ],
    ['cloudwatch.MetricAlarm', 'OKActions', 'okActions'],
    [
      'apigateway.Deployment',
      'StageDescription.AccessLogSetting.DestinationArn',
      'accessLogSettings.destinationArn of an aws.apigateway.Stage',
    ],
  ])('%s: %s is written %s', (type, property, written) => {
    expect(pulumiPropertyName(type, property)).toBe(written);
  });
});

describe("pulumiAdapter: @pulumi/aws's event subscriptions", () => {
  const scan = (program: string, rules: string[]) =>
    scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(rules),
    ).findings;
  // IAM-002 reports each managed policy: once per resource and line is enough here.
  const summary = (findings: ReturnType<typeof scan>) => [
    ...new Set(findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`)),
  ];

  it('declares the function an S3 subscription makes of a callback, and the permission that lets S3 invoke it asynchronously (DLQ-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
import { archive } from '@acme/handlers';
const uploads = new aws.s3.Bucket('uploads', {});
uploads.onObjectCreated('on-upload', async event => {
  console.log(event.Records?.length);
});
const dlq = new aws.sqs.Queue('thumbs-dlq', { messageRetentionSeconds: 1209600 });
const thumbs = new aws.lambda.CallbackFunction('thumbs', {
  callback: async () => {},
  deadLetterConfig: { targetArn: dlq.arn },
});
uploads.onObjectRemoved('on-remove', thumbs, { filterPrefix: 'images/' });
uploads.onEvent('on-archive', archive, { events: ['s3:ObjectRestore:*'] });
`;
    const graph = graphOf(program);
    expect(graph.get('on-upload')).toMatchObject({
      type: 'AWS::Lambda::Function',
      sourceType: 'aws.lambda.CallbackFunction',
      line: 4,
    });
    expect(graph.get('on-upload-role')).toMatchObject({
      generatedBy: 'on-upload',
      line: 4,
    });
    expect(
      graph.get('on-upload-role')!.properties.ManagedPolicyArns,
    ).toHaveLength(9);
    expect(graph.get('on-upload-permission')).toMatchObject({
      type: 'AWS::Lambda::Permission',
      generatedBy: 'on-upload',
      line: 4,
      properties: {
        FunctionName: new Ref('on-upload'),
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: new Ref('uploads', 'Arn'),
      },
    });
    // An existing function is only wired: no function, and no role, of the subscription's name.
    expect(graph.get('on-remove')).toBeUndefined();
    expect(graph.get('on-remove-permission')).toMatchObject({
      generatedBy: 'thumbs',
      line: 12,
      properties: { FunctionName: new Ref('thumbs') },
    });
    // A handler not known statically may be a function or a callback: what the subscription declares is not known.
    expect(graph.get('on-archive')).toBeUndefined();
    expect(graph.get('on-archive-permission')).toBeUndefined();

    const findings = scan(program, ['DLQ-001', 'IAM-002', 'LOG-001']);
    expect(summary(findings)).toEqual([
      'DLQ-001 on-upload 4',
      'IAM-002 on-upload 4',
      'LOG-001 on-upload 4',
      'IAM-002 thumbs 8',
      'LOG-001 thumbs 8',
    ]);
    expect(findings[0].message).toBe(
      'Function on-upload is invoked asynchronously (by its onObjectCreated subscription to the S3 bucket uploads) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to onObjectCreated of the S3 bucket uploads in place of its inline handler.',
    );
    expect(findings[1].generatedResourceId).toBe('on-upload-role');
  });

  it("sets one notification configuration on a bucket for all its subscriptions, as @pulumi/aws's BucketNotification holds them, and keeps the functions of every notification that may be deployed last (DLQ-001)", () => {
    const program = `import * as aws from '@pulumi/aws';
const uploads = new aws.s3.Bucket('uploads', {});
uploads.onObjectCreated('on-upload', async () => {});
uploads.onObjectRemoved('on-remove', async () => {}, { event: 'Delete' });
uploads.onEvent('on-restore', async () => {}, { events: ['s3:ObjectRestore:*'] });
const logs = new aws.s3.Bucket('logs', {});
const audit = new aws.lambda.Function('audit', { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/audit' });
const legacy = new aws.lambda.Function('legacy', { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/audit' });
new aws.s3.BucketNotification('logs-old', { bucket: logs.id, lambdaFunctions: [{ events: ['s3:ObjectCreated:*'], lambdaFunctionArn: legacy.arn }] });
new aws.s3.BucketNotification('logs-notification', { bucket: logs.id, lambdaFunctions: [{ events: ['s3:ObjectCreated:*'], lambdaFunctionArn: audit.arn }] });
const media = new aws.s3.Bucket('media', {});
new aws.s3.BucketNotification('media-notification', { bucket: media.id, lambdaFunctions: [{ events: ['s3:ObjectCreated:*'], lambdaFunctionArn: audit.arn }] });
media.onObjectRemoved('on-media-removed', async () => {});
const archive = new aws.s3.Bucket('archive', {});
archive.onObjectRemoved('on-archive-removed', async () => {});
new aws.s3.BucketNotification('archive-notification', { bucket: archive.id, lambdaFunctions: [{ events: ['s3:ObjectCreated:*'], lambdaFunctionArn: audit.arn }] });
`;
    const graph = graphOf(program);
    expect(graph.get('uploads')!.properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        {
          Event: ['s3:ObjectCreated:*'],
          Function: new Ref('on-upload', 'Arn'),
        },
        {
          Event: ['s3:ObjectRemoved:Delete'],
          Function: new Ref('on-remove', 'Arn'),
        },
        {
          Event: ['s3:ObjectRestore:*'],
          Function: new Ref('on-restore', 'Arn'),
        },
      ],
    });
    expect(
      lineOfPath(
        graph.get('uploads')!.properties,
        ['NotificationConfiguration'],
        0,
      ),
    ).toBe(3);
    // Each notification the program declares replaces the bucket's configuration, in no set order: either may be
    // deployed last, and both are kept, at the first.
    expect(graph.get('logs')!.properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        { Event: ['s3:ObjectCreated:*'], Function: new Ref('legacy', 'Arn') },
        { Event: ['s3:ObjectCreated:*'], Function: new Ref('audit', 'Arn') },
      ],
    });
    expect(
      lineOfPath(
        graph.get('logs')!.properties,
        ['NotificationConfiguration'],
        0,
      ),
    ).toBe(9);
    // @pulumi/aws declares its notification for the subscriptions after all the program declares, wherever the
    // program's is: either may be deployed last, and both are kept, at the program's.
    for (const [bucket, removed, line] of [
      ['media', 'on-media-removed', 12],
      ['archive', 'on-archive-removed', 16],
    ] as const) {
      expect(graph.get(bucket)!.properties.NotificationConfiguration).toEqual({
        LambdaConfigurations: [
          { Event: ['s3:ObjectCreated:*'], Function: new Ref('audit', 'Arn') },
          { Event: ['s3:ObjectRemoved:*'], Function: new Ref(removed, 'Arn') },
        ],
      });
      expect(
        lineOfPath(
          graph.get(bucket)!.properties,
          ['NotificationConfiguration'],
          0,
        ),
      ).toBe(line);
    }

    // Each function is reported once, for its subscription, though the bucket notifies it too.
    const findings = scan(program, ['DLQ-001']);
    expect(findings.map(f => `${f.resourceId} ${f.line}`)).toEqual([
      'on-upload 3',
      'on-remove 4',
      'on-restore 5',
      'audit 7',
      'legacy 8',
      'on-media-removed 13',
      'on-archive-removed 15',
    ]);
    expect(findings[1].message).toMatch(
      /^Function on-remove is invoked asynchronously \(by its onObjectRemoved subscription to the S3 bucket uploads\)/,
    );
    expect(findings[3].message).toMatch(
      /^Function audit is invoked asynchronously \(by logs\)/,
    );
    expect(findings[4].message).toMatch(
      /^Function legacy is invoked asynchronously \(by logs\)/,
    );
  });

  it('subscribes to sources the program does not declare (`.get`): declares what the subscription makes, not the source (DLQ-001, DLQ-002, DLQ-005)', () => {
    const program = `import * as aws from '@pulumi/aws';
const events = aws.sns.Topic.get('events', 'arn:aws:sns:eu-west-1:123456789012:events');
events.onEvent('on-message', async () => {});
const jobs = aws.sqs.Queue.get('jobs', 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs');
jobs.onEvent('process-jobs', async () => {});
aws.s3.Bucket.get('uploads', 'uploads').onObjectCreated('on-upload', async () => {});
aws.cloudwatch.EventRule.get('created', 'order-created').onEvent('on-created', async () => {});
`;
    const graph = graphOf(program);
    expect([...graph.resources].map(r => r.id)).toEqual([
      'on-message',
      'on-message-permission',
      'on-message-subscription',
      'process-jobs',
      'process-jobs-permission',
      'process-jobs-mapping',
      'on-upload',
      'on-upload-permission',
      // The target is its rule's (Targets): the rule is not the program's.
      'on-created',
      'on-created-permission',
      'on-message-role',
      'process-jobs-role',
      'on-upload-role',
      'on-created-role',
    ]);
    // A topic's id is its ARN, which the program gives; of the queue's ARN (its id is its URL), only that it is an SQS queue's.
    expect(graph.get('on-message-subscription')!.properties.TopicArn).toBe(
      'arn:aws:sns:eu-west-1:123456789012:events',
    );
    // A bucket's id is its name, of which @pulumi/aws makes the ARN it lets S3 invoke the function from (s3Mixins).
    expect(graph.get('on-upload-permission')!.properties.SourceArn).toBe(
      'arn:aws:s3:::uploads',
    );
    expect(
      graph.get('process-jobs-mapping')!.properties.EventSourceArn,
    ).toEqual(
      new Template([
        'arn:',
        new Unknown('partition of an SQS queue'),
        ':sqs:',
        new Unknown('region, account and name of an SQS queue'),
      ]),
    );

    // No finding on the sources; the mapping reads SQS all the same, without reporting partial batch failures (DLQ-005).
    const findings = scan(program, ['DLQ-001', 'DLQ-002', 'DLQ-005']);
    expect(findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`)).toEqual([
      'DLQ-001 on-message 3',
      'DLQ-005 process-jobs 5',
      'DLQ-001 on-upload 6',
      'DLQ-001 on-created 7',
    ]);
    expect(findings[1].message).toMatch(
      /^The onEvent subscription to the existing SQS queue jobs of process-jobs does not list ReportBatchItemFailures/,
    );
    expect(findings[0].message).toMatch(
      /^Function on-message is invoked asynchronously \(by its onEvent subscription to the existing SNS topic events\)/,
    );
  });

  it('declares the function a helper called on a value not known statically makes: of a bucket for onObjectCreated, invoked in a way not known for onEvent (DLQ-001, LOG-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
import { uploads, events } from '@acme/shared';
uploads.onObjectCreated('on-upload', async () => {});
events.onEvent('on-event', async () => {});
function wire(topic: aws.sns.Topic, handler: aws.lambda.Function) {
  topic.onEvent('on-topic', handler);
}
const worker = new aws.lambda.Function('worker', { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/worker' });
wire(events.topic, worker);
class Media extends aws.s3.Bucket {}
new Media('media', {}).onObjectRemoved('on-media', async () => {});
`;
    const graph = graphOf(program);
    expect([...graph.resources].map(r => r.id)).toEqual([
      'on-upload',
      'on-upload-permission',
      'on-event',
      'on-event-permission',
      'worker',
      'on-topic-permission',
      'media',
      'on-media',
      'on-media-permission',
      'on-upload-role',
      'on-event-role',
      'on-media-role',
    ]);
    expect(graph.get('on-upload-permission')!.properties).toMatchObject({
      Principal: 's3.amazonaws.com',
      SourceArn: new Template([
        'arn:aws:s3:::',
        new Unknown('id of the S3 bucket not known statically'),
      ]),
    });
    // A source of any kind: how it invokes the function, and the policies of the function's role, are not known.
    expect(
      graph.get('on-event-permission')!.properties.Principal,
    ).toBeInstanceOf(Unknown);
    expect(
      graph.get('on-event-role')!.properties.ManagedPolicyArns,
    ).toBeInstanceOf(Unknown);
    expect(graph.get('on-topic-permission')!.properties.FunctionName).toEqual(
      new Ref('worker'),
    );
    // The subclass's instance is its bucket, which S3 notifies.
    expect(graph.get('media')!.properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        { Event: ['s3:ObjectRemoved:*'], Function: new Ref('on-media', 'Arn') },
      ],
    });

    const findings = scan(program, ['DLQ-001', 'LOG-001']);
    expect(summary(findings)).toEqual([
      'DLQ-001 on-upload 3',
      'LOG-001 on-upload 3',
      'LOG-001 on-event 4',
      'LOG-001 worker 8',
      'DLQ-001 on-media 11',
      'LOG-001 on-media 11',
    ]);
    expect(findings[0].message).toBe(
      'Function on-upload is invoked asynchronously (by its onObjectCreated subscription to the S3 bucket not known statically) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to onObjectCreated of the S3 bucket not known statically in place of its inline handler.',
    );
  });

  it('checks the role of a function subscribed to a queue got with `.get`, which it polls all the same (IAM-008)', () => {
    const program = `import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('worker-role', { assumeRolePolicy: '{}' });
const worker = new aws.lambda.Function('worker', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
aws.sqs.Queue.get('jobs', 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs').onEvent('on-jobs', worker, { batchSize: 5 });
`;
    const findings = scan(program, ['IAM-008']);
    expect(findings.map(f => `${f.resourceId} ${f.line} ${f.message}`)).toEqual(
      [
        'worker 4 Function worker consumes an SQS queue but its role worker-role grants no sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes on it.',
      ],
    );
  });

  it('wires an SNS subscription to a callback or to an existing function, whose role stays known (DLQ-001, IAM-007)', () => {
    const program = `import * as aws from '@pulumi/aws';
const events = new aws.sns.Topic('events', {});
events.onEvent('on-message', async () => {});
const role = new aws.iam.Role('worker-role', { assumeRolePolicy: '{}' });
const worker = new aws.lambda.Function('worker', { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn });
const subscription = events.onEvent('notify-worker', worker);
export const subscribed = subscription.func.name;
`;
    const graph = graphOf(program);
    expect(graph.get('on-message-subscription')).toMatchObject({
      type: 'AWS::SNS::Subscription',
      generatedBy: 'on-message',
      line: 3,
      properties: {
        TopicArn: new Ref('events'),
        Protocol: 'lambda',
        Endpoint: new Ref('on-message', 'Arn'),
      },
    });
    expect(graph.get('on-message-permission')!.properties).toMatchObject({
      Principal: 'sns.amazonaws.com',
      SourceArn: new Ref('events'),
    });
    expect(graph.get('notify-worker-subscription')).toMatchObject({
      generatedBy: 'worker',
      line: 6,
      properties: { Endpoint: new Ref('worker', 'Arn') },
    });
    expect(graph.outputs.map(output => output.value)).toEqual([
      new Ref('worker'),
    ]);

    const findings = scan(program, ['DLQ-001', 'IAM-007']);
    expect(summary(findings)).toEqual([
      'DLQ-001 on-message 3',
      'DLQ-001 worker 5',
      'IAM-007 worker 5',
    ]);
    expect(findings[1].message).toMatch(
      /^Function worker is invoked asynchronously \(by its onEvent subscription to the SNS topic events\)/,
    );
  });

  it("passes a topic subscription's options on to its SNS subscription, as snsMixins does: a redrive policy's dead-letter queue is one (ALM-002)", () => {
    const program = `import * as aws from '@pulumi/aws';
const events = new aws.sns.Topic('events', {});
const dlq = new aws.sqs.Queue('events-dlq', {});
events.onEvent('on-message', async () => {}, {
  redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }),
  filterPolicy: JSON.stringify({ kind: ['order'] }),
  rawMessageDelivery: true,
});
const auditDlq = new aws.sqs.Queue('audit-dlq', {});
new aws.sns.TopicEventSubscription('on-audit', events, async () => {}, { redrivePolicy: JSON.stringify({ deadLetterTargetArn: auditDlq.arn }) });
`;
    const graph = graphOf(program);
    expect(graph.get('on-message-subscription')!.properties).toEqual({
      TopicArn: new Ref('events'),
      Protocol: 'lambda',
      Endpoint: new Ref('on-message', 'Arn'),
      RedrivePolicy: { deadLetterTargetArn: new Ref('events-dlq', 'Arn') },
      FilterPolicy: JSON.stringify({ kind: ['order'] }),
      RawMessageDelivery: true,
    });
    expect(
      graph.get('on-audit-subscription')!.properties.RedrivePolicy,
    ).toEqual({ deadLetterTargetArn: new Ref('audit-dlq', 'Arn') });
    expect(
      scanPulumiProgram(program, ['ALM-002']).map(
        f => `${f.resourceId} ${f.line} ${f.message}`,
      ),
    ).toEqual([
      'events-dlq 3 Dead-letter queue events-dlq (used by on-message) has no CloudWatch alarm on AWS/SQS ApproximateNumberOfMessagesVisible (dimension QueueName): failed messages pile up unseen.',
      'audit-dlq 9 Dead-letter queue audit-dlq (used by on-audit) has no CloudWatch alarm on AWS/SQS ApproximateNumberOfMessagesVisible (dimension QueueName): failed messages pile up unseen.',
    ]);
  });

  it('maps a queue subscription to an event source mapping: a poll, whose queue needs its own dead-letter queue (DLQ-001, DLQ-002, DLQ-005, IAM-008)', () => {
    const program = `import * as aws from '@pulumi/aws';
const jobs = new aws.sqs.Queue('jobs', {});
jobs.onEvent('process-jobs', async () => {}, { batchSize: 5 });
const dlq = new aws.sqs.Queue('orders-dlq', { messageRetentionSeconds: 1209600 });
const orders = new aws.sqs.Queue('orders', {
  redrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }),
});
orders.onEvent('process-orders', async () => {});
`;
    const graph = graphOf(program);
    expect(graph.get('process-jobs-mapping')).toMatchObject({
      type: 'AWS::Lambda::EventSourceMapping',
      generatedBy: 'process-jobs',
      line: 3,
      properties: {
        BatchSize: 5,
        Enabled: true,
        EventSourceArn: new Ref('jobs', 'Arn'),
        FunctionName: new Ref('process-jobs'),
      },
    });
    // The queue subscription's callback has policies of its own, not CallbackFunction's default ones.
    expect(
      graph.get('process-jobs-role')!.properties.ManagedPolicyArns,
    ).toEqual([
      'arn:aws:iam::aws:policy/AWSLambdaFullAccess',
      'arn:aws:iam::aws:policy/AmazonSQSFullAccess',
    ]);
    expect(graph.get('process-jobs-permission')!.properties).toMatchObject({
      Action: 'lambda:*',
      Principal: 'sqs.amazonaws.com',
    });

    const findings = scan(program, [
      'DLQ-001',
      'DLQ-002',
      'DLQ-005',
      'IAM-008',
    ]);
    expect(summary(findings)).toEqual([
      'DLQ-002 jobs 2',
      'DLQ-005 process-jobs 3',
      'DLQ-005 process-orders 8',
    ]);
    expect(findings[1]).toMatchObject({
      generatedResourceId: 'process-jobs-mapping',
      message:
        'The onEvent subscription to the SQS queue jobs of process-jobs does not list ReportBatchItemFailures in functionResponseTypes (which onEvent does not pass on to its mapping: declare an aws.lambda.EventSourceMapping in its place): one failed message returns the whole batch to the queue.',
    });
  });

  it("says where to set what an inline handler or a subscription's mapping cannot be given: on a CallbackFunction passed in its place, on a mapping of the program's own (LOG-001, DLQ-005)", () => {
    const program = `import * as aws from '@pulumi/aws';
const events = new aws.sns.Topic('events', {});
events.onEvent('on-message', async () => {});
aws.cloudwatch.onSchedule('nightly', 'rate(1 day)', async () => {});
const jobs = new aws.sqs.Queue('jobs', {});
jobs.onEvent('process-jobs', async () => {});
const worker = new aws.lambda.CallbackFunction('worker', { callback: async () => {} });
events.onEvent('notify-worker', worker);
const orders = new aws.sqs.Queue('orders', {});
orders.onEvent('process-orders', worker, { batchSize: 5 });
`;
    const messages = (rule: string) =>
      scanPulumiProgram(program, [rule]).map(f => [f.resourceId, f.message]);
    expect(messages('LOG-001')).toEqual([
      [
        'on-message',
        'Function on-message has no log group of its own in the stack (none named /aws/lambda/<on-message>, no loggingConfig.logGroup of an aws.lambda.CallbackFunction passed to onEvent of the SNS topic events in place of its inline handler), so Lambda creates one with no retention and no encryption.',
      ],
      [
        'nightly',
        'Function nightly has no log group of its own in the stack (none named /aws/lambda/<nightly>, no loggingConfig.logGroup of an aws.lambda.CallbackFunction passed to aws.cloudwatch.onSchedule in place of its inline handler), so Lambda creates one with no retention and no encryption.',
      ],
      [
        'process-jobs',
        'Function process-jobs has no log group of its own in the stack (none named /aws/lambda/<process-jobs>, no loggingConfig.logGroup of an aws.lambda.CallbackFunction passed to onEvent of the SQS queue jobs in place of its inline handler), so Lambda creates one with no retention and no encryption.',
      ],
      // A function the program declares is set where it is declared.
      [
        'worker',
        'Function worker has no log group of its own in the stack (none named /aws/lambda/<worker>, no loggingConfig.logGroup), so Lambda creates one with no retention and no encryption.',
      ],
    ]);
    // queue.onEvent passes only batchSize on to the mapping it makes, whatever its handler (sqsMixins).
    const whereToSet =
      'functionResponseTypes (which onEvent does not pass on to its mapping: declare an aws.lambda.EventSourceMapping in its place)';
    expect(messages('DLQ-005')).toEqual([
      [
        'process-jobs',
        `The onEvent subscription to the SQS queue jobs of process-jobs does not list ReportBatchItemFailures in ${whereToSet}: one failed message returns the whole batch to the queue.`,
      ],
      [
        'worker',
        `The onEvent subscription to the SQS queue orders of worker does not list ReportBatchItemFailures in ${whereToSet}: one failed message returns the whole batch to the queue.`,
      ],
    ]);
  });

  it('says how to set, on a CallbackFunction passed in its place, what an inline handler lacks where a message names no property (DLQ-001, LOG-003, OPS-003, IAM-002)', () => {
    const program = `import * as aws from '@pulumi/aws';
const events = new aws.sns.Topic('events', { tags: { team: 'orders' } });
events.onEvent('on-message', async () => {}, {});
const worker = new aws.lambda.CallbackFunction('worker', { callback: async () => {}, policies: ['arn:aws:iam::aws:policy/AmazonSQSFullAccess'] });
events.onEvent('notify-worker', worker);
async function audit() {}
const archive = async () => {};
events.onEvent('on-audit', audit);
events.onEvent('on-archive', archive);
`;
    const messages = (rule: string) =>
      scanPulumiProgram(program, [rule]).map(f => [f.resourceId, f.message]);
    const place =
      'of an aws.lambda.CallbackFunction passed to onEvent of the SNS topic events in place of its inline handler';
    const lost =
      'but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.';
    expect(messages('DLQ-001')).toEqual([
      [
        'on-message',
        `Function on-message is invoked asynchronously (by its onEvent subscription to the SNS topic events) ${lost} Set deadLetterConfig ${place}.`,
      ],
      // A function the program declares is set where it is declared: its messages are unchanged.
      [
        'worker',
        `Function worker is invoked asynchronously (by its onEvent subscription to the SNS topic events) ${lost}`,
      ],
      // A handler declared under a name is named, not said to be inline.
      [
        'on-audit',
        `Function on-audit is invoked asynchronously (by its onEvent subscription to the SNS topic events) ${lost} Set deadLetterConfig of an aws.lambda.CallbackFunction passed to onEvent of the SNS topic events in place of its handler audit.`,
      ],
      [
        'on-archive',
        `Function on-archive is invoked asynchronously (by its onEvent subscription to the SNS topic events) ${lost} Set deadLetterConfig of an aws.lambda.CallbackFunction passed to onEvent of the SNS topic events in place of its handler archive.`,
      ],
    ]);
    // Of the named handlers, only DLQ-001's are shown.
    const ofInlineAndDeclared = (rule: string) =>
      messages(rule).filter(([id]) => id === 'on-message' || id === 'worker');
    expect(ofInlineAndDeclared('LOG-003')).toEqual([
      [
        'on-message',
        `Function on-message does not turn on X-Ray tracing, so its requests leave no trace. Set mode Active in tracingConfig ${place}.`,
      ],
      [
        'worker',
        'Function worker does not turn on X-Ray tracing, so its requests leave no trace.',
      ],
    ]);
    expect(ofInlineAndDeclared('OPS-003')).toEqual([
      [
        'on-message',
        `aws.lambda.CallbackFunction on-message has no tags, so it cannot be attributed to a team, service or environment. Set tags ${place}.`,
      ],
      [
        'worker',
        'aws.lambda.CallbackFunction worker has no tags, so it cannot be attributed to a team, service or environment.',
      ],
    ]);
    expect(
      ofInlineAndDeclared('IAM-002').filter(([, message]) =>
        message.includes('AmazonSQSFullAccess'),
      ),
    ).toEqual([
      [
        'on-message',
        `The role CallbackFunction creates for on-message has the AWS managed policy AmazonSQSFullAccess attached, which allows "sqs:*" (every action of the service). Set policies ${place} to ones that grant only the actions it uses, or give that function a role of its own.`,
      ],
      [
        'worker',
        'The role CallbackFunction creates for worker has the AWS managed policy AmazonSQSFullAccess attached, which allows "sqs:*" (every action of the service).',
      ],
    ]);
  });

  it('names a handler declared under a name as a property, a class field or by an assignment, not as inline (DLQ-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
const events = new aws.sns.Topic('events', {});
const handlers = { audit: async () => {} };
class Handlers { static archive = async () => {}; }
let notify;
notify = (async () => {});
events.onEvent('on-audit', handlers.audit);
events.onEvent('on-archive', Handlers.archive);
events.onEvent('on-notify', notify);
events.onEvent('on-message', async () => {});
`;
    expect(
      scanPulumiProgram(program, ['DLQ-001']).map(
        f => `${f.resourceId} ${f.message.replace(/^.* in place of its /, '')}`,
      ),
    ).toEqual([
      'on-audit handler audit.',
      'on-archive handler archive.',
      'on-notify handler notify.',
      'on-message inline handler.',
    ]);
  });

  it("gives a CallbackFunction @pulumi/aws's timeout of 180 s when it is given none (DLQ-006)", () => {
    const program = `import * as aws from '@pulumi/aws';
const jobs = new aws.sqs.Queue('jobs', { visibilityTimeout: 120 });
jobs.onEvent('process-jobs', async () => {});
const quick = new aws.sqs.Queue('quick', { visibilityTimeout: 120 });
const worker = new aws.lambda.CallbackFunction('worker', { callback: async () => {}, timeout: 20 });
quick.onEvent('process-quick', worker);
`;
    expect(graphOf(program).get('process-jobs')!.properties.Timeout).toBe(180);
    const findings = scan(program, ['DLQ-006']);
    expect(summary(findings)).toEqual(['DLQ-006 jobs 2']);
    expect(findings[0].message).toMatch(
      /^Queue jobs has a visibility timeout of 120 s, shorter than the 180 s timeout of its consumer process-jobs/,
    );
  });

  it("gives a CallbackFunction without a runtime, inline or a subscription's, the default of every @pulumi/aws version package.json allows, or none known (OPS-005)", () => {
    const program = `import * as aws from '@pulumi/aws';
new aws.lambda.CallbackFunction('fn', { callback: async () => {} });
new aws.lambda.CallbackFunction('pinned', { callback: async () => {}, runtime: 'nodejs24.x' });
new aws.lambda.CallbackFunction('empty', { callback: async () => {}, runtime: '' });
new aws.s3.Bucket('uploads', {}).onObjectCreated('on-upload', async () => {});
`;
    const scanWith = (manifests: Record<string, string>) => {
      const report = scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: PROJECT },
          { path: 'app/index.ts', text: program },
          ...Object.entries(manifests).map(([path, text]) => ({ path, text })),
        ],
        selectRules(['OPS-005']),
        { now: new Date('2026-12-04T00:00:00Z') },
      );
      // Each function whose runtime is known is checked.
      const checked = report.checks.filter(
        check => check.ruleId === 'OPS-005',
      ).length;
      return {
        checked,
        findings: report.findings.map(
          f => `${f.resourceId} ${f.line} ${f.message}`,
        ),
      };
    };
    const declaring = (range: string) => ({
      'app/package.json': JSON.stringify({
        dependencies: { '@pulumi/aws': range, '@pulumi/pulumi': '^3.0.0' },
      }),
    });
    const node20 =
      'uses runtime nodejs20.x (Node.js 20), which was deprecated by AWS on 2026-04-30; AWS blocks updating functions on it from 2027-08-31.';
    expect(scanWith(declaring('^6.50.1')).findings).toEqual([
      `fn 2 Function fn ${node20}`,
      `empty 4 Function empty ${node20}`,
      `on-upload 5 Function on-upload ${node20} Set runtime of an aws.lambda.CallbackFunction passed to onObjectCreated of the S3 bucket uploads in place of its inline handler.`,
    ]);
    expect(scanWith(declaring('~6.40.0')).findings[0]).toBe(
      'fn 2 Function fn uses runtime nodejs16.x (Node.js 16), which was deprecated by AWS on 2024-06-12; AWS blocks updating functions on it from 2027-08-31.',
    );
    // Node.js 22 from 7.28.0 on, a version a workspace's package.json above the project may declare: judged, not deprecated yet.
    for (const manifests of [
      declaring('7.30.0'),
      {
        'package.json': JSON.stringify({
          devDependencies: { '@pulumi/aws': '^7.28.0' },
        }),
        'app/package.json': '{}',
      },
    ]) {
      expect(scanWith(manifests)).toEqual({ checked: 4, findings: [] });
    }
    // Versions of different defaults (^7.0.0 allows 7.26.0's Node.js 20 and 7.28.0's Node.js 22), one whose default was not read,
    // a range not read, none declared: the runtime is not known, and not judged.
    for (const manifests of [
      declaring('^7.0.0'),
      declaring('^6.0.0'),
      declaring('6.49.0'),
      declaring('7.x'),
      declaring('latest'),
      {},
      { 'app/package.json': '{ not json' },
    ]) {
      expect(scanWith(manifests)).toEqual({ checked: 1, findings: [] });
    }
  });

  it('gives a CallbackFunction without a runtime the default of the @pulumi/aws version the lockfile beside package.json installs (OPS-005)', () => {
    const runtimeOf = (files: Record<string, string>) => {
      const report = scanFiles(
        [
          { path: 'app/Pulumi.yaml', text: PROJECT },
          {
            path: 'app/index.ts',
            text: "import * as aws from '@pulumi/aws';\nnew aws.lambda.CallbackFunction('fn', { callback: async () => {} });\n",
          },
          ...Object.entries(files).map(([path, text]) => ({ path, text })),
        ],
        selectRules(['OPS-005']),
        { now: new Date('2026-12-04T00:00:00Z') },
      );
      if (
        report.checks.filter(check => check.ruleId === 'OPS-005').length === 0
      )
        return 'not known';
      return (
        report.findings.map(f => /runtime (\S+)/.exec(f.message)![1]).join() ||
        'judged, not deprecated'
      );
    };
    // ^7.0.0 allows 7.26.0's Node.js 20 and 7.28.0's Node.js 22: the lockfile says which the app gets.
    const manifest = (folder: string) => ({
      [`${folder}package.json`]: JSON.stringify({
        dependencies: { '@pulumi/aws': '^7.0.0' },
      }),
    });
    const npm = (version: string) =>
      JSON.stringify({
        lockfileVersion: 3,
        packages: { '': {}, 'node_modules/@pulumi/aws': { version } },
      });
    const yarnClassic = (version: string) =>
      `# yarn lockfile v1\n\n"@pulumi/aws@^7.0.0":\n  version "${version}"\n  dependencies:\n    version "1.0.0"\n`;
    const yarnBerry = (version: string) =>
      `__metadata:\n  version: 8\n\n"@pulumi/aws@npm:^7.0.0":\n  version: ${version}\n  resolution: "@pulumi/aws@npm:${version}"\n`;
    const pnpm = (version: string) =>
      `lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      '@pulumi/aws':\n        specifier: ^7.0.0\n        version: ${version}(typescript@5.4.5)\npackages:\n  '@pulumi/aws@${version}': {}\n`;
    expect(runtimeOf(manifest('app/'))).toBe('not known');
    for (const [file, lock] of [
      ['package-lock.json', npm],
      ['yarn.lock', yarnClassic],
      ['yarn.lock', yarnBerry],
      ['pnpm-lock.yaml', pnpm],
    ] as const) {
      expect([
        file,
        runtimeOf({ ...manifest('app/'), [`app/${file}`]: lock('7.20.0') }),
      ]).toEqual([file, 'nodejs20.x']);
      expect([
        file,
        runtimeOf({ ...manifest('app/'), [`app/${file}`]: lock('7.30.0') }),
      ]).toEqual([file, 'judged, not deprecated']);
    }
    // Beside the workspace's package.json that declares the package, above the project.
    expect(
      runtimeOf({
        ...manifest(''),
        'app/package.json': '{}',
        'package-lock.json': npm('7.20.0'),
      }),
    ).toBe('nodejs20.x');
    // A member of a workspace: the lockfile at the workspace's root, where its workspace includes the project.
    const workspace = {
      'package.json': JSON.stringify({ private: true, workspaces: ['app'] }),
    };
    const npmWorkspace = (version: string) =>
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { workspaces: ['app'] },
          app: { dependencies: { '@pulumi/aws': '^7.0.0' } },
          'node_modules/@pulumi/aws': { version },
        },
      });
    const pnpmWorkspace = (version: string) =>
      `lockfileVersion: '6.0'\nimporters:\n  app:\n    dependencies:\n      '@pulumi/aws':\n        specifier: ^7.0.0\n        version: ${version}\n`;
    for (const [file, lock] of [
      ['package-lock.json', npmWorkspace],
      ['yarn.lock', yarnClassic],
      ['yarn.lock', yarnBerry],
      ['pnpm-lock.yaml', pnpmWorkspace],
    ] as const) {
      expect([
        file,
        runtimeOf({
          ...manifest('app/'),
          ...workspace,
          [file]: lock('7.20.0'),
        }),
      ]).toEqual([file, 'nodejs20.x']);
      expect([
        file,
        runtimeOf({
          ...manifest('app/'),
          ...workspace,
          [file]: lock('7.30.0'),
        }),
      ]).toEqual([file, 'judged, not deprecated']);
    }
    // Not beside the package.json that declares it, another package's version, a pre-release, lockfiles that disagree,
    // malformed or too long ones: the range declared.
    for (const files of [
      { ...manifest('app/'), 'package-lock.json': npm('7.20.0') },
      {
        ...manifest('app/'),
        'app/yarn.lock': yarnClassic('7.20.0').replace(
          '@pulumi/aws@^7.0.0',
          '@pulumi/aws@^6.0.0',
        ),
      },
      { ...manifest('app/'), 'app/package-lock.json': npm('7.29.0-alpha.1') },
      {
        ...manifest('app/'),
        'app/package-lock.json': npm('7.20.0'),
        'app/yarn.lock': yarnClassic('7.30.0'),
      },
      {
        ...manifest('app/'),
        'app/package-lock.json': '{ "packages": ',
        'app/pnpm-lock.yaml': 'importers: [',
        'app/yarn.lock': '"@pulumi/aws@^7.0.0":\n  version',
      },
      {
        ...manifest('app/'),
        'app/package-lock.json': JSON.stringify({
          packages: { 'node_modules/@pulumi/aws': { version: 7.2 } },
        }),
      },
      {
        ...manifest('app/'),
        'app/package-lock.json': npm('7.20.0').padEnd(1024 * 1024 + 1),
      },
    ]) {
      expect(runtimeOf(files)).toBe('not known');
    }
  });

  it("declares the function, permission and subscription filter of a log group's onEvent and onDecodedEvent, whose function CloudWatch Logs invokes asynchronously (DLQ-001)", () => {
    const program = `import * as aws from '@pulumi/aws';
import { shipped } from '@acme/shared';
const app = new aws.cloudwatch.LogGroup('app-logs', { retentionInDays: 30 });
app.onEvent('ship-logs', async () => {}, { filterPattern: 'ERROR' });
const handle = async (event: aws.cloudwatch.DecodedLogGroupEvent) => console.log(event.logEvents.length);
app.onDecodedEvent('ship-decoded', handle);
const dlq = new aws.sqs.Queue('audit-dlq', { messageRetentionSeconds: 1209600 });
const audit = new aws.lambda.CallbackFunction('audit', { callback: async () => {}, deadLetterConfig: { targetArn: dlq.arn } });
new aws.cloudwatch.LogGroupEventSubscription('audit-logs', app, audit);
aws.cloudwatch.LogGroup.get('existing', '/aws/lambda/legacy').onDecodedEvent('ship-legacy', async () => {});
shipped.onDecodedEvent('ship-shared', async () => {});
const shipper = new aws.lambda.Function('shipper', { runtime: 'nodejs22.x', handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/shipper' });
new aws.cloudwatch.LogSubscriptionFilter('ship', { logGroup: app.name, destinationArn: shipper.arn, filterPattern: '' });
`;
    const graph = graphOf(program);
    expect(
      [...graph.resources]
        .filter(r => r.generatedBy)
        .map(r => `${r.id} ${r.type} ${r.line}`),
    ).toEqual([
      'ship-logs-permission AWS::Lambda::Permission 4',
      'ship-logs-filter AWS::Logs::SubscriptionFilter 4',
      'ship-decoded-permission AWS::Lambda::Permission 6',
      'ship-decoded-filter AWS::Logs::SubscriptionFilter 6',
      'audit-logs-permission AWS::Lambda::Permission 9',
      'audit-logs-filter AWS::Logs::SubscriptionFilter 9',
      'ship-legacy-permission AWS::Lambda::Permission 10',
      'ship-legacy-filter AWS::Logs::SubscriptionFilter 10',
      'ship-shared-permission AWS::Lambda::Permission 11',
      'ship-shared-filter AWS::Logs::SubscriptionFilter 11',
      'ship-logs-role AWS::IAM::Role 4',
      'ship-decoded-role AWS::IAM::Role 6',
      'audit-role AWS::IAM::Role 8',
      'ship-legacy-role AWS::IAM::Role 10',
      'ship-shared-role AWS::IAM::Role 11',
    ]);
    // As logGroupMixins makes them: the principal of the log group's region, on its log streams.
    expect(graph.get('ship-logs-permission')!.properties).toEqual({
      FunctionName: new Ref('ship-logs'),
      Action: 'lambda:invokeFunction',
      Principal: new Template([
        'logs.',
        new Unknown('AWS::Region'),
        '.amazonaws.com',
      ]),
      SourceArn: new Template([new Ref('app-logs', 'Arn'), ':*']),
    });
    expect(graph.get('ship-logs-filter')!.properties).toEqual({
      DestinationArn: new Ref('ship-logs', 'Arn'),
      FilterPattern: 'ERROR',
      LogGroupName: new Ref('app-logs'),
    });
    expect(graph.get('ship-decoded-filter')!.properties).toMatchObject({
      DestinationArn: new Ref('ship-decoded', 'Arn'),
      FilterPattern: '',
    });
    expect(graph.get('audit-logs-filter')!.properties.DestinationArn).toEqual(
      new Ref('audit', 'Arn'),
    );

    const findings = scan(program, ['DLQ-001']);
    expect(summary(findings)).toEqual([
      'DLQ-001 ship-logs 4',
      'DLQ-001 ship-decoded 6',
      'DLQ-001 ship-legacy 10',
      'DLQ-001 ship-shared 11',
      'DLQ-001 shipper 12',
    ]);
    expect(findings[0].message).toBe(
      'Function ship-logs is invoked asynchronously (by its onEvent subscription to the CloudWatch log group app-logs) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to onEvent of the CloudWatch log group app-logs in place of its inline handler.',
    );
    // onDecodedEvent takes only a callback: a function goes to onEvent in its place, and decodes the events itself.
    expect(findings[1].message).toBe(
      'Function ship-decoded is invoked asynchronously (by its onDecodedEvent subscription to the CloudWatch log group app-logs) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to onEvent of the CloudWatch log group app-logs in place of onDecodedEvent and its handler handle, decoding the events itself.',
    );
    // A subscription filter the program declares invokes its function the same way.
    expect(findings[4].message).toMatch(
      /^Function shipper is invoked asynchronously \(by ship\)/,
    );
  });

  it('declares the rule, function and permission of aws.cloudwatch.onSchedule, and wires a rule to a function (DLQ-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
aws.cloudwatch.onSchedule('nightly', 'rate(1 day)', async () => {});
const created = new aws.cloudwatch.EventRule('order-created', {
  eventPattern: JSON.stringify({ source: ['orders'] }),
});
const dlq = new aws.sqs.Queue('audit-dlq', { messageRetentionSeconds: 1209600 });
const audit = new aws.lambda.CallbackFunction('audit', { callback: async () => {}, deadLetterConfig: { targetArn: dlq.arn } });
created.onEvent('audit-orders', audit);
`;
    const graph = graphOf(program);
    expect(graph.get('nightly')).toMatchObject({
      type: 'AWS::Lambda::Function',
      line: 2,
    });
    expect(graph.get('nightly-rule')).toMatchObject({
      type: 'AWS::Events::Rule',
      generatedBy: 'nightly',
      line: 2,
      properties: { ScheduleExpression: 'rate(1 day)' },
    });
    expect(graph.get('nightly-permission')!.properties).toMatchObject({
      Principal: 'events.amazonaws.com',
      SourceArn: new Ref('nightly-rule', 'Arn'),
    });
    expect(graph.get('audit-orders-permission')!.properties).toMatchObject({
      FunctionName: new Ref('audit'),
      SourceArn: new Ref('order-created', 'Arn'),
    });

    const findings = scan(program, ['DLQ-001']);
    expect(summary(findings)).toEqual(['DLQ-001 nightly 2']);
    expect(findings[0].message).toMatch(
      /^Function nightly is invoked asynchronously \(by its schedule rate\(1 day\)\)/,
    );
  });

  it('declares for a subscription class the program constructs what the helper that constructs it declares (DLQ-001, DLQ-005, LOG-001)', () => {
    const sources = `import * as aws from '@pulumi/aws';
const events = new aws.sns.Topic('events', {});
const jobs = new aws.sqs.Queue('jobs', {});
const uploads = new aws.s3.Bucket('uploads', {});
const items = new aws.dynamodb.Table('items', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id', streamEnabled: true, streamViewType: 'NEW_IMAGE' });
const clicks = new aws.kinesis.Stream('clicks', { shardCount: 1 });
const created = new aws.cloudwatch.EventRule('order-created', { eventPattern: JSON.stringify({ source: ['orders'] }) });
const worker = new aws.lambda.CallbackFunction('worker', { callback: async () => {} });
`;
    const constructed = `${sources}new aws.sns.TopicEventSubscription('on-message', events, async () => {});
new aws.sqs.QueueEventSubscription('process-jobs', jobs, async () => {}, { batchSize: 5 });
new aws.s3.BucketEventSubscription('on-upload', uploads, worker, { events: ['s3:ObjectCreated:*'] });
new aws.dynamodb.TableEventSubscription('on-change', items, async () => {}, { startingPosition: 'LATEST' });
new aws.kinesis.StreamEventSubscription('on-click', clicks, async () => {}, { startingPosition: 'TRIM_HORIZON' });
new aws.cloudwatch.EventRuleEventSubscription('on-created', created, async () => {});
new aws.cloudwatch.EventRuleEventSubscription('nightly', 'rate(1 day)', async () => {});
`;
    const called = `${sources}events.onEvent('on-message', async () => {});
jobs.onEvent('process-jobs', async () => {}, { batchSize: 5 });
uploads.onEvent('on-upload', worker, { events: ['s3:ObjectCreated:*'] });
items.onEvent('on-change', async () => {}, { startingPosition: 'LATEST' });
clicks.onEvent('on-click', async () => {}, { startingPosition: 'TRIM_HORIZON' });
created.onEvent('on-created', async () => {});
aws.cloudwatch.onSchedule('nightly', 'rate(1 day)', async () => {});
`;
    // All but what messages call them: the class constructed, or the helper called.
    const declared = (program: string) =>
      [...graphOf(program).resources].map(
        ({ origin, ...resource }) => resource,
      );
    expect(declared(constructed)).toEqual(declared(called));
    expect(
      declared(constructed)
        .filter(resource => resource.generatedBy)
        .map(resource => resource.id),
    ).toEqual([
      'on-message-permission',
      'on-message-subscription',
      'process-jobs-permission',
      'process-jobs-mapping',
      'on-upload-permission',
      'on-change-permission',
      'on-change-mapping',
      'on-click-permission',
      'on-click-mapping',
      'on-created-permission',
      'nightly-rule',
      'nightly-permission',
      'worker-role',
      'on-message-role',
      'process-jobs-role',
      'on-change-role',
      'on-click-role',
      'on-created-role',
      'nightly-role',
    ]);

    const findings = (rule: string) =>
      scanPulumiProgram(constructed, [rule]).map(
        f => `${f.resourceId} ${f.line} ${f.message}`,
      );
    expect(findings('DLQ-001')).toEqual([
      'worker 8 Function worker is invoked asynchronously (by its aws.s3.BucketEventSubscription to the S3 bucket uploads) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
      'on-message 9 Function on-message is invoked asynchronously (by its aws.sns.TopicEventSubscription to the SNS topic events) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to aws.sns.TopicEventSubscription in place of its inline handler.',
      'on-created 14 Function on-created is invoked asynchronously (by its aws.cloudwatch.EventRuleEventSubscription to the EventBridge rule order-created) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to aws.cloudwatch.EventRuleEventSubscription in place of its inline handler.',
      'nightly 15 Function nightly is invoked asynchronously (by its schedule rate(1 day)) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to aws.cloudwatch.EventRuleEventSubscription in place of its inline handler.',
    ]);
    expect(findings('DLQ-005')).toEqual([
      'process-jobs 10 The aws.sqs.QueueEventSubscription to the SQS queue jobs of process-jobs does not list ReportBatchItemFailures in functionResponseTypes (which aws.sqs.QueueEventSubscription does not pass on to its mapping: declare an aws.lambda.EventSourceMapping in its place): one failed message returns the whole batch to the queue.',
    ]);
    expect(
      findings('LOG-001').filter(finding => finding.startsWith('nightly')),
    ).toEqual([
      'nightly 15 Function nightly has no log group of its own in the stack (none named /aws/lambda/<nightly>, no loggingConfig.logGroup of an aws.lambda.CallbackFunction passed to aws.cloudwatch.EventRuleEventSubscription in place of its inline handler), so Lambda creates one with no retention and no encryption.',
    ]);
  });

  it('names the call that makes a rule of a schedule not known statically as the program writes it (DLQ-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const minutes = new pulumi.Config().require('minutes');
new aws.cloudwatch.EventRuleEventSubscription('every', \`rate(\${minutes} minutes)\`, async () => {});
aws.cloudwatch.onSchedule('hourly', \`rate(\${minutes} hours)\`, async () => {});
`;
    expect(
      scanPulumiProgram(program, ['DLQ-001']).map(
        f => `${f.resourceId} ${f.line} ${f.message}`,
      ),
    ).toEqual([
      'every 4 Function every is invoked asynchronously (by its aws.cloudwatch.EventRuleEventSubscription schedule) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to aws.cloudwatch.EventRuleEventSubscription in place of its inline handler.',
      'hourly 5 Function hourly is invoked asynchronously (by its aws.cloudwatch.onSchedule schedule) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to aws.cloudwatch.onSchedule in place of its inline handler.',
    ]);
  });

  it('declares for a subscription class given a source not known statically what it declares, of the kind the class takes (DLQ-001, DLQ-005, LOG-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const config = new pulumi.Config();
const topic = config.require('mode') === 'shared' ? aws.sns.Topic.get('shared', config.require('topicArn')) : new aws.sns.Topic('events', {});
new aws.sns.TopicEventSubscription('on-message', topic, async () => {});
const queue = config.require('mode') === 'shared' ? new aws.sqs.Queue('shared-jobs', {}) : new aws.sqs.Queue('jobs', {});
new aws.sqs.QueueEventSubscription('process-jobs', queue, async () => {}, { batchSize: 5 });
new aws.cloudwatch.EventRuleEventSubscription('nightly', config.require('schedule'), async () => {});
aws.cloudwatch.onSchedule('hourly', config.require('hourly'), async () => {});
`;
    const graph = graphOf(program);
    expect(
      [...graph.resources]
        .filter(resource => resource.generatedBy)
        .map(resource => resource.id),
    ).toEqual([
      'on-message-permission',
      'on-message-subscription',
      'process-jobs-permission',
      'process-jobs-mapping',
      // A rule or a schedule: no rule of its own, which EventRuleEventSubscription makes only of a schedule.
      // Targets are their rules' (Targets).
      'nightly-permission',
      'hourly-rule',
      'hourly-permission',
      'on-message-role',
      'process-jobs-role',
      'nightly-role',
      'hourly-role',
    ]);
    expect(graph.get('on-message-subscription')!.properties).toMatchObject({
      TopicArn: new Unknown('id of the SNS topic not known statically'),
      Protocol: 'lambda',
    });
    // The class says the queue is an SQS queue's, which Lambda polls.
    expect(graph.get('process-jobs-mapping')!.properties).toMatchObject({
      BatchSize: 5,
      EventSourceArn: new Template([
        'arn:',
        new Unknown('partition of an SQS queue'),
        ':sqs:',
        new Unknown('region, account and name of an SQS queue'),
      ]),
    });

    const findings = (rule: string) =>
      scanPulumiProgram(program, [rule]).map(
        f => `${f.resourceId} ${f.line} ${f.message}`,
      );
    expect(findings('DLQ-001')).toEqual([
      'on-message 5 Function on-message is invoked asynchronously (by its aws.sns.TopicEventSubscription to the SNS topic not known statically) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to aws.sns.TopicEventSubscription in place of its inline handler.',
      'nightly 8 Function nightly is invoked asynchronously (by its aws.cloudwatch.EventRuleEventSubscription to the EventBridge rule or schedule not known statically) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to aws.cloudwatch.EventRuleEventSubscription in place of its inline handler.',
      'hourly 9 Function hourly is invoked asynchronously (by its aws.cloudwatch.onSchedule schedule) but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost. Set deadLetterConfig of an aws.lambda.CallbackFunction passed to aws.cloudwatch.onSchedule in place of its inline handler.',
    ]);
    expect(findings('DLQ-005')).toEqual([
      'process-jobs 7 The aws.sqs.QueueEventSubscription to the SQS queue not known statically of process-jobs does not list ReportBatchItemFailures in functionResponseTypes (which aws.sqs.QueueEventSubscription does not pass on to its mapping: declare an aws.lambda.EventSourceMapping in its place): one failed message returns the whole batch to the queue.',
    ]);
    expect(
      findings('LOG-001').map(finding =>
        finding.split(' ').slice(0, 2).join(' '),
      ),
    ).toEqual(['on-message 5', 'process-jobs 7', 'nightly 8', 'hourly 9']);
  });

  it('subscribes through a helper of a source that is one of several of one kind (a ternary, a variable set in a branch), not known statically (DLQ-001, DLQ-005)', () => {
    const program = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const config = new pulumi.Config();
const shared = config.require('mode') === 'shared';
const events = shared ? aws.sns.Topic.get('shared', config.require('topicArn')) : new aws.sns.Topic('events', {});
events.onEvent('on-message', async () => {});
let jobs = new aws.sqs.Queue('jobs', {});
if (shared) jobs = new aws.sqs.Queue('jobs-shared', {});
jobs.onEvent('process-jobs', async () => {}, { batchSize: 5 });
// A topic or a queue: which helper onEvent is, is not known; its function is declared all the same, invoked in a way not known.
const either = shared ? new aws.sns.Topic('audit', {}) : new aws.sqs.Queue('audit-jobs', {});
either.onEvent('on-audit', async () => {});
`;
    const graph = graphOf(program);
    expect(
      [...graph.resources]
        .filter(resource => resource.generatedBy)
        .map(resource => resource.id),
    ).toEqual([
      'on-message-permission',
      'on-message-subscription',
      'process-jobs-permission',
      'process-jobs-mapping',
      'on-audit-permission',
      'on-message-role',
      'process-jobs-role',
      'on-audit-role',
    ]);
    expect(
      graph.get('on-audit-permission')!.properties.Principal,
    ).toBeInstanceOf(Unknown);
    expect(graph.get('on-message-subscription')!.properties.TopicArn).toEqual(
      new Unknown('id of the SNS topic not known statically'),
    );
    expect(
      scanPulumiProgram(program, ['DLQ-001', 'DLQ-005']).map(
        f =>
          `${f.ruleId} ${f.resourceId} ${f.line} ${f.message.replace(
            / (but has|does not list) .*/,
            '',
          )}`,
      ),
    ).toEqual([
      'DLQ-001 on-message 6 Function on-message is invoked asynchronously (by its onEvent subscription to the SNS topic not known statically)',
      'DLQ-005 process-jobs 9 The onEvent subscription to the SQS queue not known statically of process-jobs',
    ]);
  });

  it('declares for a subscription class given a bucket, table or stream not known statically what it declares, without a finding of what is not known (DLQ-001, DLQ-002)', () => {
    const program = `import * as aws from '@pulumi/aws';
import { bucket, table, stream, rule } from '@acme/shared-resources';
export function subscribe(bucket: aws.s3.Bucket, table: aws.dynamodb.Table, stream: aws.kinesis.Stream, rule: aws.cloudwatch.EventRule) {
  new aws.s3.BucketEventSubscription('on-upload', bucket, async () => {}, { events: ['s3:ObjectCreated:*'] });
  new aws.dynamodb.TableEventSubscription('on-change', table, async () => {}, { startingPosition: 'LATEST' });
  new aws.kinesis.StreamEventSubscription('on-click', stream, async () => {}, { startingPosition: 'LATEST' });
  new aws.cloudwatch.EventRuleEventSubscription('on-created', rule, async () => {});
}
subscribe(bucket, table, stream, rule);
`;
    const graph = graphOf(program);
    expect(
      [...graph.resources]
        .filter(resource => resource.generatedBy)
        .map(resource => resource.id),
    ).toEqual([
      // The notification is its bucket's, the target its rule's (Targets): neither is known.
      'on-upload-permission',
      'on-change-permission',
      'on-change-mapping',
      'on-click-permission',
      'on-click-mapping',
      'on-created-permission',
      'on-upload-role',
      'on-change-role',
      'on-click-role',
      'on-created-role',
    ]);
    expect(graph.get('on-upload-permission')!.properties).toMatchObject({
      Principal: 's3.amazonaws.com',
      SourceArn: new Template([
        'arn:aws:s3:::',
        new Unknown('id of the S3 bucket not known statically'),
      ]),
    });
    expect(graph.get('on-change-mapping')!.properties).toMatchObject({
      EventSourceArn: new Unknown(
        'streamArn of the DynamoDB table not known statically',
      ),
      StartingPosition: 'LATEST',
    });
    // Streams are polled: only the bucket and the rule invoke asynchronously.
    expect(
      scanPulumiProgram(program, ['DLQ-001', 'DLQ-002']).map(
        f => `${f.ruleId} ${f.resourceId} ${f.line}`,
      ),
    ).toEqual(['DLQ-001 on-upload 4', 'DLQ-001 on-created 7']);
  });

  it('reads a source of another class given to a subscription class as the class reads it: an aws.s3.BucketV2 gets its notification (DLQ-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
const media = new aws.s3.BucketV2('media', {});
new aws.s3.BucketEventSubscription('on-media', media, async () => {}, { events: ['s3:ObjectCreated:*'] });
const jobs = new aws.sqs.Queue('jobs', {});
new aws.sns.TopicEventSubscription('on-job', jobs as any, async () => {});
`;
    const graph = graphOf(program);
    expect(graph.get('media')!.properties.NotificationConfiguration).toEqual({
      LambdaConfigurations: [
        { Event: ['s3:ObjectCreated:*'], Function: new Ref('on-media', 'Arn') },
      ],
    });
    expect(graph.get('on-media-permission')!.properties.SourceArn).toEqual(
      new Ref('media', 'Arn'),
    );
    // TopicEventSubscription reads the id of what it is given, a queue's URL here, as its topic's ARN.
    expect(graph.get('on-job-subscription')!.properties.TopicArn).toEqual(
      new Ref('jobs'),
    );
    expect(
      scanPulumiProgram(program, ['DLQ-001']).map(
        f =>
          `${f.resourceId} ${f.line} ${f.message.replace(/ but has .*/, '')}`,
      ),
    ).toEqual([
      'on-media 3 Function on-media is invoked asynchronously (by its aws.s3.BucketEventSubscription to the aws.s3.BucketV2 media)',
      'on-job 5 Function on-job is invoked asynchronously (by its aws.sns.TopicEventSubscription to the SQS queue jobs)',
    ]);
  });

  it("declares for a class of the program extending a subscription class what its super declares, and gives its instances the subscription's members (DLQ-001, DLQ-005)", () => {
    const program = `import * as aws from '@pulumi/aws';
const events = new aws.sns.Topic('events', {});
class AuditSubscription extends aws.sns.TopicEventSubscription {
  constructor(name: string, topic: aws.sns.Topic) {
    super(name, topic, async () => {}, { rawMessageDelivery: true });
  }
}
const audit = new AuditSubscription('audit', events);
export const auditFunction = audit.func.name;
class JobsSubscription extends aws.sqs.QueueEventSubscription {}
const jobs = new aws.sqs.Queue('jobs', {});
new JobsSubscription('process-jobs', jobs, async () => {}, { batchSize: 5 });
`;
    const graph = graphOf(program);
    expect(
      [...graph.resources]
        .filter(resource => resource.generatedBy)
        .map(resource => `${resource.id} ${resource.line}`),
    ).toEqual([
      'audit-permission 5',
      'audit-subscription 5',
      'process-jobs-permission 10',
      'process-jobs-mapping 10',
      'audit-role 5',
      'process-jobs-role 10',
    ]);
    expect(graph.get('audit-subscription')!.properties).toMatchObject({
      TopicArn: new Ref('events'),
      RawMessageDelivery: true,
    });
    expect(graph.outputs.map(output => output.value)).toEqual([
      new Ref('audit'),
    ]);
    expect(
      scanPulumiProgram(program, ['DLQ-001', 'DLQ-005']).map(
        f => `${f.ruleId} ${f.resourceId} ${f.line}`,
      ),
    ).toEqual(['DLQ-001 audit 5', 'DLQ-005 process-jobs 10']);
  });

  it('names what a subclass without a constructor declares, given a name not known statically, by the name its `new` is given, as the class itself names it', () => {
    const program = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const env = new pulumi.Config().require('env');
const events = new aws.sns.Topic('events', {});
class AuditSubscription extends aws.sns.TopicEventSubscription {}
new AuditSubscription(\`audit-\${env}\`, events, async () => {});
new aws.sns.TopicEventSubscription(\`direct-\${env}\`, events, async () => {});
`;
    expect(
      [...graphOf(program).resources].map(
        resource => `${resource.id} ${resource.line}`,
      ),
    ).toEqual([
      'events 4',
      'audit-${env} 5',
      'audit-${env}-permission 5',
      'audit-${env}-subscription 5',
      'direct-${env} 7',
      'direct-${env}-permission 7',
      'direct-${env}-subscription 7',
      'audit-${env}-role 5',
      'direct-${env}-role 7',
    ]);
  });

  it("declares for `new` of aws.cloudwatch.onSchedule, a function Node constructs, or a CommonJS class extending it, what the call declares, and gives its instances the subscription's members (DLQ-001)", () => {
    const files = [
      {
        path: 'app/Pulumi.yaml',
        text: 'name: js\nruntime: nodejs\nmain: index.js\n',
      },
      {
        path: 'app/index.js',
        text: [
          'const aws = require("@pulumi/aws");',
          'class Tick extends aws.cloudwatch.onSchedule {',
          '  constructor(name) {',
          '    super(name, "rate(5 minutes)", async () => {});',
          '  }',
          '}',
          'const tick = new Tick("tick");',
          'exports.tickRule = tick.eventRule.name;',
          'class Nightly extends aws.cloudwatch.onSchedule {}',
          'new Nightly("nightly", "cron(0 2 * * ? *)", async () => {});',
          'new aws.cloudwatch.onSchedule("hourly", "rate(1 hour)", async () => {});',
        ].join('\n'),
      },
    ];
    const graph = pulumiAdapter.load(files).graphs[0];
    // Without a constructor, the class calls onSchedule at its `extends`, as a subclass of a subscription class does.
    expect(
      [...graph.resources].map(resource => `${resource.id} ${resource.line}`),
    ).toEqual([
      'tick 4',
      'tick-rule 4',
      'tick-permission 4',
      'nightly 9',
      'nightly-rule 9',
      'nightly-permission 9',
      'hourly 11',
      'hourly-rule 11',
      'hourly-permission 11',
      'tick-role 4',
      'nightly-role 9',
      'hourly-role 11',
    ]);
    expect(graph.get('tick-rule')!.properties.ScheduleExpression).toBe(
      'rate(5 minutes)',
    );
    expect(graph.get('nightly-rule')!.properties.ScheduleExpression).toBe(
      'cron(0 2 * * ? *)',
    );
    expect(graph.outputs.map(output => output.value)).toEqual([
      new Ref('tick-rule', 'Name'),
    ]);
    expect(
      scanFiles(files, selectRules(['DLQ-001'])).findings.map(
        f => `${f.resourceId} ${f.line}`,
      ),
    ).toEqual(['tick 4', 'nightly 9', 'hourly 11']);
  });

  it('maps DynamoDB and Kinesis stream subscriptions to event source mappings with the options they pass on (DLQ-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
const items = new aws.dynamodb.Table('items', {
  attributes: [{ name: 'id', type: 'S' }], hashKey: 'id', streamEnabled: true, streamViewType: 'NEW_IMAGE',
});
items.onEvent('on-change', async () => {}, { startingPosition: 'LATEST', batchSize: 10 });
const clicks = new aws.kinesis.Stream('clicks', { shardCount: 1 });
clicks.onEvent('on-click', async () => {}, { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 2 });
`;
    const graph = graphOf(program);
    expect(graph.get('on-change-mapping')!.properties).toMatchObject({
      EventSourceArn: new Ref('items', 'StreamArn'),
      StartingPosition: 'LATEST',
      BatchSize: 10,
    });
    expect(
      graph.get('on-change-role')!.properties.ManagedPolicyArns,
    ).toHaveLength(9);
    expect(graph.get('on-click-mapping')!.properties).toMatchObject({
      EventSourceArn: new Ref('clicks', 'Arn'),
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: 2,
    });
    expect(graph.get('on-click-role')!.properties.ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/AWSLambdaFullAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole',
    ]);
    // Polled through their mappings: the permissions the subscriptions grant the streams invoke nothing.
    expect(scan(program, ['DLQ-001'])).toEqual([]);
  });
});

/**
 * A suppression written on an attachment (a policy attachment, a key or
 * redrive policy, a bucket's notification, a table's replica) applies to
 * what it sets: the findings on the resource it is folded into that point
 * into its declaration.
 */
describe('pulumiAdapter: suppressions written on attachments', () => {
  /** The scan's findings as `[rule, resource, line, suppressed]`, and its unused suppressions as `[line, resource, rule]`. */
  const scan = (program: string, rules: string[]) => {
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(rules),
    );
    return {
      findings: report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.line,
        f.suppressed !== undefined,
      ]),
      unused: report.unusedSuppressions!.map(u => [
        u.line,
        u.resourceId,
        u.ruleId,
      ]),
    };
  };

  it('suppresses the findings on the role that point into the attachment, not those elsewhere on the role; one that suppresses nothing is unused (OPS-002)', () => {
    const program = `import * as aws from '@pulumi/aws';
const role = new aws.iam.Role('r', {
  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  permissionsBoundary: 'arn:aws:iam::123456789012:policy/boundary',
});
// infra-compliance:suppress=OPS-002:the shared policy lives in the platform account
new aws.iam.RolePolicyAttachment('shared', {
  role: role.name,
  policyArn: 'arn:aws:iam::123456789012:policy/shared',
});
new aws.iam.RolePolicyAttachment('own', {
  role: role.name,
  policyArn: 'arn:aws:iam::123456789012:policy/own',
});
// infra-compliance:suppress=OPS-002:the platform account's policy
new aws.iam.RolePolicyAttachment('managed', {
  role: role.name,
  policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
});
`;
    expect(scan(program, ['OPS-002'])).toEqual({
      findings: [
        ['OPS-002', 'r', 4, false],
        ['OPS-002', 'r', 9, true],
        ['OPS-002', 'r', 13, false],
      ],
      unused: [[15, 'iam.RolePolicyAttachment:managed', 'OPS-002']],
    });
  });

  it("suppresses the finding on the replica a dynamodb.TableReplica adds to its table, not the table's own replicas (OPS-004)", () => {
    const program = `import * as aws from '@pulumi/aws';
const orders = new aws.dynamodb.Table('orders', {
  hashKey: 'id',
  replicas: [{ regionName: 'us-east-2' }],
});
// infra-compliance:suppress=OPS-004:the west replica is rebuilt from the primary
new aws.dynamodb.TableReplica('west', {
  globalTableArn: orders.arn,
  region: 'us-west-2',
});
`;
    expect(scan(program, ['OPS-004'])).toEqual({
      findings: [
        ['OPS-004', 'orders', 2, false],
        ['OPS-004', 'orders', 4, false],
        ['OPS-004', 'orders', 7, true],
      ],
      unused: [],
    });
  });

  it('suppresses what an attachment sets that is written elsewhere in its file: a policy built above it (OPS-002)', () => {
    const program = `import * as aws from '@pulumi/aws';
const key = new aws.kms.Key('k', { enableKeyRotation: true });
const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic' } } }],
});
// infra-compliance:suppress=OPS-002:the publisher is in the platform account
new aws.kms.KeyPolicy('k', { keyId: key.id, policy });
const queue = new aws.sqs.Queue('jobs', {});
const redrive = { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 3 };
// infra-compliance:suppress=OPS-002:the dead-letter queue is the platform's
new aws.sqs.RedrivePolicy('jobs', { queueUrl: queue.url, redrivePolicy: JSON.stringify(redrive) });
`;
    expect(scan(program, ['OPS-002'])).toEqual({
      findings: [
        ['OPS-002', 'k', 5, true],
        ['OPS-002', 'jobs', 10, true],
      ],
      unused: [],
    });
  });

  it('suppresses a redrive policy a sqs.RedrivePolicy sets, and reviews the suppressions on one of a queue not of the program, which it sets nothing of: reported without a reason, never unused (OPS-002, SUP-001)', () => {
    const program = `import * as aws from '@pulumi/aws';
const queue = new aws.sqs.Queue('jobs', {});
// infra-compliance:suppress=OPS-002:the dead-letter queue is the platform's
new aws.sqs.RedrivePolicy('jobs', {
  queueUrl: queue.url,
  redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 3 }),
});
// infra-compliance:suppress=OPS-002
new aws.iam.RolePolicyAttachment('theirs', {
  role: 'shared-role',
  policyArn: 'arn:aws:iam::123456789012:policy/shared',
});
// infra-compliance:suppress=OPS-002:the platform team's role
new aws.iam.RolePolicyAttachment('platform', {
  role: 'platform-role',
  policyArn: 'arn:aws:iam::123456789012:policy/shared',
});
`;
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['OPS-002', 'SUP-001']),
    );
    expect(
      report.findings.map(f => [
        f.ruleId,
        f.resourceId,
        f.resourceType,
        f.line,
        f.suppressed !== undefined,
        f.message.replace(/ hardcodes .*/, ''),
      ]),
    ).toEqual([
      ['OPS-002', 'jobs', 'aws.sqs.Queue', 6, true, 'jobs'],
      [
        'SUP-001',
        'iam.RolePolicyAttachment:theirs',
        'aws.iam.RolePolicyAttachment',
        8,
        false,
        'The suppression on iam.RolePolicyAttachment:theirs of OPS-002 gives no reason, so it is not applied.',
      ],
    ]);
    expect(report.unusedSuppressions).toEqual([]);
  });
});

describe('pulumiAdapter: attachments in another file than the resource they set values of', () => {
  it("reports what they set at the resource's line in the resource's file, saying where a policy is set; a suppression on one suppresses nothing, and is unused (OPS-002)", () => {
    const resources = `import * as aws from '@pulumi/aws';
export const role = new aws.iam.Role('r', {
  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
});
export const key = new aws.kms.Key('k', { enableKeyRotation: true });
export const queue = new aws.sqs.Queue('jobs', {});
export const bucket = new aws.s3.Bucket('b', {});
`;
    const program = `import * as aws from '@pulumi/aws';
import { role, key, queue, bucket } from './resources';
// infra-compliance:suppress=OPS-002:the shared policy lives in the platform account
new aws.iam.RolePolicyAttachment('shared', {
  role: role.name,
  policyArn: 'arn:aws:iam::123456789012:policy/shared',
});
new aws.kms.KeyPolicy('k', {
  keyId: key.id,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'kms:Decrypt', Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic' } } }],
  }),
});
new aws.sqs.RedrivePolicy('jobs', {
  queueUrl: queue.url,
  redrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 3 }),
});
new aws.s3.BucketNotification('b', {
  bucket: bucket.id,
  lambdaFunctions: [
    { lambdaFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:resize', events: ['s3:ObjectCreated:*'] },
  ],
});
`;
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text: program },
        { path: 'app/resources.ts', text: resources },
      ],
      selectRules(['OPS-002']),
    );
    expect(
      report.findings.map(
        f =>
          `${f.resourceId} ${f.file}:${f.line}${
            f.suppressed ? ' suppressed' : ''
          }${/ \(.*\)$/.exec(f.message)?.[0] ?? ''}`,
      ),
    ).toEqual([
      'r app/resources.ts:2',
      'k app/resources.ts:5 (policy is set in app/index.ts, line 10.)',
      'jobs app/resources.ts:6 (redrivePolicy is set in app/index.ts, line 17.)',
      'b app/resources.ts:7',
    ]);
    expect(report.unusedSuppressions).toEqual([
      {
        file: 'app/index.ts',
        line: 3,
        resourceId: 'iam.RolePolicyAttachment:shared',
        ruleId: 'OPS-002',
      },
    ]);
  });
});
