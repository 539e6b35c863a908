import { scanFiles, selectRules } from '../../engine/scan';
import { SourceFile } from '../types';
import { pulumiAdapter } from '.';
import { toGraphValue } from './interpreter';
import { scanPulumiProgram } from '../../testing/programScans';
import { Ref, Template, Unknown, Value, getPath } from '../../graph/values';

const PROJECT = 'name: demo\nruntime: nodejs\n';
const ROLE = "'arn:aws:iam::123456789012:role/app'";

/** Scans a Pulumi program with the rules given: each finding as `ruleId resourceId file:line`. */
function findings(
  program: string,
  rules: string[],
  extra: SourceFile[] = [],
): string[] {
  const files = [
    { path: 'app/Pulumi.yaml', text: PROJECT },
    { path: 'app/index.ts', text: program },
    ...extra,
  ];
  return scanFiles(files, selectRules(rules)).findings.map(
    f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`,
  );
}

/** A program's lines, from line 1. */
const program = (...lines: string[]) => lines.join('\n');

/** An alarm on a function's errors, as ALM-001 asks. */
const alarmFor = (fn: string) =>
  `new aws.cloudwatch.MetricAlarm(\`\${${fn}.name}-errors\`, { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions: { FunctionName: ${fn}.name }, statistic: 'Sum', period: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold' });`;

describe('the Pulumi program interpreter', () => {
  it('adds what push and unshift add to a list, so that a loop over it runs on each', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const fns: aws.lambda.Function[] = [];',
      "for (const name of ['create', 'read']) {",
      `  fns.push(new aws.lambda.Function(name, { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} }));`,
      '}',
      `fns.unshift(...[new aws.lambda.Function('update', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} })]);`,
      `new aws.lambda.Function('lonely', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      `for (const fn of fns) { ${alarmFor('fn')} }`,
    );
    expect(findings(text, ['ALM-001'])).toEqual([
      'ALM-001 lonely app/index.ts:7',
    ]);
  });

  it('runs what `void` drops the value of: `void main()` declares what main does', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'async function main() {',
      "  new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: false });",
      '}',
      'void main();',
      "const dropped = void new aws.sqs.Queue('audit', { sqsManagedSseEnabled: false });",
      "new aws.sqs.Queue('plain', { sqsManagedSseEnabled: dropped === undefined ? false : true });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 jobs app/index.ts:3',
      'ENC-003 audit app/index.ts:6',
      'ENC-003 plain app/index.ts:7',
    ]);
  });

  it('reads an optional chain on no value as undefined, and an object as neither undefined nor null', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'function make(name: string, options?: { encrypted?: boolean; dlq?: { arn: string } }) {',
      '  const given = options !== undefined;',
      "  return new aws.sqs.Queue(name, { sqsManagedSseEnabled: options?.encrypted ?? given, redrivePolicy: options?.dlq?.arn === undefined ? undefined : 'x' });",
      '}',
      "make('plain');",
      "make('given', {});",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 plain app/index.ts:4',
    ]);
  });

  it('pushes policies and statements onto the lists a role is given', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const topic = new aws.sns.Topic('events', {});",
      'const policyArns: string[] = [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole];',
      'policyArns.push(aws.iam.ManagedPolicy.AWSXRayDaemonWriteAccess);',
      'const statements: object[] = [];',
      "statements.push({ Effect: 'Allow', Action: 'sns:Publish', Resource: topic.arn });",
      "const role = new aws.iam.Role('fn-role', {",
      "  assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),",
      "  managedPolicyArns: policyArns, inlinePolicies: [{ name: 'app', policy: JSON.stringify({ Statement: statements }) }],",
      '});',
      "new aws.lambda.Function('fn', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn, tracingConfig: { mode: 'Active' },",
      '  environment: { variables: { TOPIC_ARN: topic.arn } } });',
    );
    expect(findings(text, ['IAM-004', 'IAM-005'])).toEqual([]);
  });

  it('makes a list changed by a method it does not model not known, rather than unchanged', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const fns: aws.lambda.Function[] = [];',
      `fns.splice(0, 0, new aws.lambda.Function('a', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} }));`,
      `for (const fn of fns) { ${alarmFor('fn')} }`,
    );
    expect(findings(text, ['ALM-001'])).toEqual([]);
  });

  it('sets entries by a computed key, and forgets what an object holds when the key is not known', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const handlers: Record<string, aws.lambda.Function> = {};',
      "for (const name of ['orders', 'payments']) {",
      `  handlers[name] = new aws.lambda.Function(name, { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      '}',
      `for (const [, fn] of Object.entries(handlers)) { ${alarmFor('fn')} }`,
      'const more: Record<string, aws.lambda.Function> = {};',
      `more[new pulumi.Config().require('name')] = new aws.lambda.Function('more', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      `for (const fn of Object.values(more)) { ${alarmFor('fn')} }`,
    );
    expect(findings(text, ['ALM-001'])).toEqual([]);
  });

  it('takes an object given values at keys not known as still holding them: a stack export of it may name their resources (OPS-007)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'export const queueUrls: Record<string, pulumi.Output<string>> = {};',
      "for (const name of new pulumi.Config().requireObject<string[]>('queues')) {",
      '  const queue = new aws.sqs.Queue(`${name}-jobs`, {});',
      '  queueUrls[name] = queue.url;',
      "  new aws.sqs.Queue('audit', {});",
      '}',
    );
    expect(findings(text, ['OPS-006', 'OPS-007'])).toEqual([
      'OPS-007 audit app/index.ts:7',
    ]);
  });

  it('takes a copy of an object given values at keys not known, and a list given items not modelled, as holding them (OPS-007)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const config = new pulumi.Config();',
      "const name = config.require('name');",
      'const urls: Record<string, pulumi.Output<string>> = {};',
      "urls[name] = new aws.sqs.Queue('copied', {}).url;",
      'export const copiedUrls = { ...urls };',
      'const more: Record<string, pulumi.Output<string>> = {};',
      "more[name] = new aws.sqs.Queue('assigned', {}).url;",
      "export const assignedUrls = Object.assign({ jobs: 'none' }, more);",
      'const listed: pulumi.Output<string>[] = [];',
      "listed[config.requireNumber('at')] = new aws.sqs.Queue('listed', {}).url;",
      'export const listedUrls = listed;',
      'const pushed: pulumi.Output<string>[] = [];',
      "if (config.requireBoolean('push')) pushed.push(new aws.sqs.Queue('pushed', {}).url);",
      'export const pushedUrls = pushed;',
      'new aws.sqs.Queue(`audit-${assignedUrls.jobs}`, {});',
    );
    expect(findings(text, ['OPS-006', 'OPS-007'])).toEqual([
      'OPS-007 audit-${assignedUrls.jobs} app/index.ts:17',
    ]);
  });

  it('runs a for-in loop over an object given a key not known on its keys known and once on one not known', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const retention: Record<string, number> = { audit: 1209600 };',
      "retention[new pulumi.Config().require('name')] = 345600;",
      'for (const name in retention) new aws.sqs.Queue(`${name}-jobs`, { sqsManagedSseEnabled: false });',
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 audit-jobs app/index.ts:5',
      'ENC-003 ${name}-jobs app/index.ts:5',
    ]);
  });

  it('reads a list changed in code that may not run, in loops in a loop, as holding what it held', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX'];
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const more = new pulumi.Config().requireBoolean('more');",
      `const letters = ${JSON.stringify(letters)};`,
      "const urls = [new aws.sqs.Queue('jobs', {}).url];",
      'for (const a of letters) for (const b of letters) if (more) urls.push(`${a}${b}`);',
      'export const queueUrls = urls;',
      "new aws.sqs.Queue('audit', {});",
    );
    expect(findings(text, ['OPS-007', 'PARSE-001'])).toEqual([
      'OPS-007 audit app/index.ts:8',
    ]);
  });

  it('reads an object that holds itself at a key not known', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const registry: Record<string, unknown> = {};',
      "registry[new pulumi.Config().require('name')] = registry;",
      'export const all = registry;',
      "new aws.sqs.Queue('jobs', {});",
    );
    expect(findings(text, ['OPS-006'])).toEqual([
      'OPS-006 jobs app/index.ts:6',
    ]);
  });

  it('reads an object or a list that holds itself at a key known, or as an item: JSON.stringify of it (which throws) in a try, a stack output of it', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const registry: { name: string; self?: unknown; all: unknown[] } = { name: 'jobs', all: [] };",
      'registry.self = registry;',
      'registry.all.push(registry.all);',
      "let described = 'none';",
      "try { described = JSON.stringify(registry); } catch { described = 'holds itself'; }",
      "new aws.sqs.Queue('jobs', { tags: { described } });",
      'export const all = registry.all;',
    );
    expect(findings(text, ['ENC-003', 'PARSE-001'])).toEqual([
      'ENC-003 jobs app/index.ts:7',
    ]);
  });

  it('imports the default export of a function or a class declared without a name (export default function (name) {…})', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import makeQueue from './makeQueue';",
      "import Topic from './topic';",
      "makeQueue('jobs');",
      "new Topic('alerts');",
    );
    const modules = [
      {
        path: 'app/makeQueue.ts',
        text: "import * as aws from '@pulumi/aws';\nexport default function (name: string) { return new aws.sqs.Queue(name, {}); }\n",
      },
      {
        path: 'app/topic.ts',
        text: "import * as aws from '@pulumi/aws';\nexport default class { constructor(name: string) { new aws.sns.Topic(name, {}); } }\n",
      },
    ];
    expect(findings(text, ['ENC-003', 'ENC-004'], modules)).toEqual([
      'ENC-003 jobs app/makeQueue.ts:2',
      'ENC-004 alerts app/topic.ts:2',
    ]);
  });

  it('gives the arguments of a call to the parameters after a `this` parameter, which only types `this`', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'function queueName(this: void, suffix: string) { return `orders-${suffix}`; }',
      "new aws.sqs.Queue(queueName('jobs'), {});",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 orders-jobs app/index.ts:3',
    ]);
  });

  it("runs a function of the program that call or apply calls, `this` the instance of the program's class given", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "class Naming { prefix = 'orders'; }",
      'function queue(this: Naming, suffix: string) { return new aws.sqs.Queue(`${this.prefix}-${suffix}`, {}); }',
      'const naming = new Naming();',
      "queue.call(naming, 'jobs');",
      "queue.apply(naming, ['audit']);",
      "(function () { new aws.sqs.Queue('setup', {}); }).call(undefined);",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 orders-jobs app/index.ts:3',
      'ENC-003 orders-audit app/index.ts:3',
      'ENC-003 setup app/index.ts:7',
    ]);
  });

  it("reads a getter of an object literal as its key's value, and a key with only a setter as not set (ENC-003)", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "new aws.sqs.Queue('jobs', { get sqsManagedSseEnabled() { return true; } });",
      "new aws.sqs.Queue('audit', { set sqsManagedSseEnabled(enabled: boolean) {} });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 audit app/index.ts:3',
    ]);
  });

  it('reads the rest of a known object or list a destructuring leaves (ENC-003)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'function queue(name: string, { fifo = false, ...settings }: { fifo?: boolean; sqsManagedSseEnabled?: boolean } = {}) {',
      '  return new aws.sqs.Queue(name, { fifoQueue: fifo, ...settings });',
      '}',
      "queue('jobs', { sqsManagedSseEnabled: true });",
      "queue('audit', { fifo: true });",
      "const [first, ...others] = ['orders', 'billing'];",
      'for (const name of others) new aws.sqs.Queue(name, {});',
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 audit app/index.ts:3',
      'ENC-003 billing app/index.ts:8',
    ]);
  });

  it('spreads a conditional object: keys the branches set alike are known, the others not', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const kmsKeyArn = new pulumi.Config().get('kms');",
      "const isProd = pulumi.getStack() === 'prod';",
      `new aws.lambda.Function('fn', { name: 'orders-api', runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      "new aws.cloudwatch.LogGroup('fn-logs', {",
      "  name: '/aws/lambda/orders-api',",
      '  ...(kmsKeyArn ? { kmsKeyId: kmsKeyArn, retentionInDays: 30 } : { retentionInDays: 30 }),',
      '});',
      "new aws.cloudwatch.LogGroup('other-logs', { ...(isProd && { kmsKeyId: 'alias/logs' }), retentionInDays: 7 });",
      `new aws.lambda.Function('fn2', { runtime: 'python3.8', handler: 'i.h', role: ${ROLE}, ...(isProd ? { memorySize: 1024 } : {}) });`,
    );
    // fn-logs is the function's log group, its retention known; neither group's key is proven missing.
    expect(
      findings(text, ['LOG-001', 'LOG-002', 'LOG-004', 'OPS-005']),
    ).toEqual(['LOG-001 fn2 app/index.ts:11', 'OPS-005 fn2 app/index.ts:11']);
  });

  it('merges the statements of source and override documents into getPolicyDocument', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const topic = new aws.sns.Topic('events', {});",
      "const publish = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ['sns:Publish'], resources: [topic.arn] }] });",
      'const combined = aws.iam.getPolicyDocumentOutput({',
      '  sourcePolicyDocuments: [publish.json],',
      "  statements: [{ actions: ['logs:PutLogEvents'], resources: ['*'] }],",
      '});',
      'const overridden = aws.iam.getPolicyDocumentOutput({',
      '  overridePolicyDocuments: [publish.json],',
      "  statements: [{ sid: 'All', actions: ['sqs:*'], resources: ['*'] }, { actions: ['s3:*'], resources: ['*'] }],",
      '});',
      "const trust = aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' });",
      "const role = new aws.iam.Role('role', { assumeRolePolicy: trust, inlinePolicies: [{ name: 'app', policy: combined.json }] });",
      "new aws.iam.Policy('over', { policy: overridden.json });",
      "new aws.lambda.Function('fn', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn, environment: { variables: { TOPIC_ARN: topic.arn } } });",
      "const none = aws.iam.getPolicyDocumentOutput({ overridePolicyDocuments: [], statements: [{ sid: 'All', actions: ['sqs:*'], resources: ['*'] }] });",
      "new aws.iam.Policy('empty-override', { policy: none.json });",
    );
    // The function may publish to its topic (the source's statement); the override, without a Sid, replaces no statement.
    expect(findings(text, ['IAM-002', 'IAM-004'])).toEqual([
      'IAM-002 over app/index.ts:14',
      'IAM-002 over app/index.ts:14',
      'IAM-002 empty-override app/index.ts:17',
    ]);
  });

  it('reads the minifiedJson of getPolicyDocument as its json, merged statements included', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const doc = aws.iam.getPolicyDocumentOutput({',
      '  sourceJson: \'{"Statement":{"Effect":"Allow","Action":"kms:*","Resource":"*"}}\',',
      "  statements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }],",
      '});',
      "new aws.iam.Policy('minified', { policy: doc.minifiedJson });",
    );
    expect(findings(text, ['IAM-002'])).toEqual([
      'IAM-002 minified app/index.ts:6',
    ]);
  });

  it("calls static methods of the program's classes, and methods a class inherits", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'class Observability {',
      '  static readonly retention = 30;',
      '  static logGroupFor(fn: aws.lambda.Function) {',
      '    return new aws.cloudwatch.LogGroup(`${fn.name}-logs`, { name: pulumi.interpolate`/aws/lambda/${fn.name}`, retentionInDays: Observability.retention });',
      '  }',
      '}',
      'class BaseService {',
      '  protected observe(fn: aws.lambda.Function) {',
      '    Observability.logGroupFor(fn);',
      '  }',
      '}',
      'class ApiService extends BaseService {',
      '  constructor(name: string) {',
      '    super();',
      `    this.observe(new aws.lambda.Function(name, { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} }));`,
      '  }',
      '}',
      "new ApiService('api');",
      `Observability.logGroupFor(new aws.lambda.Function('worker', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} }));`,
      `new aws.lambda.Function('plain', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
    );
    expect(findings(text, ['LOG-001', 'LOG-002'])).toEqual([
      'LOG-001 plain app/index.ts:22',
    ]);
  });

  it('runs the clause of a switch on a known value, and any clause of one on a value not known', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const env: string = 'dev';",
      'switch (env) {',
      "  case 'prod': new aws.sqs.Queue('orders', { sqsManagedSseEnabled: true }); break;",
      "  case 'staging':",
      "  case 'dev': new aws.sqs.Queue('orders', {}); break;",
      "  default: new aws.sqs.Queue('orders', { sqsManagedSseEnabled: true });",
      '}',
      'switch (pulumi.getStack()) {',
      "  case 'prod': new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: true }); break;",
      "  default: new aws.sqs.Queue('audit', {});",
      '}',
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 orders app/index.ts:7',
      'ENC-003 audit app/index.ts:12',
    ]);
  });

  it('runs the branches of a condition not known from the same state: what they set alike is known after them, the rest not', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const isProd = pulumi.getStack() === 'prod';",
      "const table = new aws.dynamodb.Table('items', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' });",
      "const role = new aws.iam.Role('role', { assumeRolePolicy: '{}' });",
      'const vars: Record<string, unknown> = {};',
      'let fn: aws.lambda.Function;',
      'if (isProd) {',
      "  vars.TABLE = table.name; vars.LEVEL = 'warn';",
      "  fn = new aws.lambda.Function('prod-fn', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn });",
      `  ${alarmFor('fn')}`,
      '} else {',
      "  vars.TABLE = table.name; vars.LEVEL = 'debug';",
      "  fn = new aws.lambda.Function('dev-fn', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn });",
      '}',
      "new aws.lambda.Function('app', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn, environment: { variables: vars } });",
      // After the branches `fn` is one function or the other: an alarm on it may watch either.
      `${alarmFor('fn')}`,
    );
    // The table is named alike in both branches: the role is proven to grant it nothing.
    expect(findings(text, ['IAM-004', 'ALM-001'])).toEqual([
      'IAM-004 app app/index.ts:16',
    ]);
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    expect(
      getPath(graph.get('app')!.properties, [
        'Environment',
        'Variables',
        'LEVEL',
      ]),
    ).toBeInstanceOf(Unknown);
  });

  it('falls through the clauses of a switch on a known value up to a break', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const env: string = 'prod';",
      "const props: aws.sqs.QueueArgs = { tags: { team: 'a' } };",
      'switch (env) {',
      "  case 'prod':",
      '    props.messageRetentionSeconds = 1209600;',
      "  case 'staging':",
      '    props.sqsManagedSseEnabled = true;',
      '    break;',
      '  default:',
      "    props.kmsMasterKeyId = 'alias/none';",
      '}',
      "new aws.sqs.Queue('jobs', props);",
    );
    expect(findings(text, ['ENC-003'])).toEqual([]);
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    expect(graph.get('jobs')!.properties).toMatchObject({
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    });
    expect(graph.get('jobs')!.properties.KmsMasterKeyId).toBeUndefined();
  });

  it('falls through the clauses of a switch on a value not known, from each clause that may match', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'let encrypted = true;',
      'switch (pulumi.getStack()) {',
      "  case 'prod':",
      '    encrypted = false;',
      "  case 'dev':",
      "    new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: encrypted });",
      '    break;',
      '}',
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 jobs app/index.ts:8',
    ]);
  });

  it("compares aws.config.region as the aws:region of the stack's configuration where known: a switch, includes, a Map's key, truthiness, ??=", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const region = aws.config.region;',
      'let inEurope = false;',
      'switch (region) {',
      "  case 'eu-west-1':",
      '    inEurope = true;',
      '}',
      "new aws.sqs.Queue('switched', { sqsManagedSseEnabled: !inEurope });",
      "new aws.sqs.Queue('listed', { sqsManagedSseEnabled: !['eu-west-1', 'eu-central-1'].includes(region) });",
      "const encryptedIn = new Map([['eu-west-1', false]]);",
      "new aws.sqs.Queue('mapped', { sqsManagedSseEnabled: encryptedIn.get(region) });",
      "new aws.sqs.Queue('unset', { sqsManagedSseEnabled: !region });",
      'let chosen: string | undefined = aws.config.requireRegion();',
      "chosen ??= 'us-east-1';",
      "new aws.sqs.Queue('defaulted', { sqsManagedSseEnabled: chosen === 'us-east-1' });",
    );
    const stack = (config: string) => [
      { path: 'app/Pulumi.dev.yaml', text: config },
    ];
    expect(
      findings(text, ['ENC-003'], stack('config:\n  aws:region: eu-west-1\n')),
    ).toEqual([
      'ENC-003 switched app/index.ts:8',
      'ENC-003 listed app/index.ts:9',
      'ENC-003 mapped app/index.ts:11',
      'ENC-003 unset app/index.ts:12',
      'ENC-003 defaulted app/index.ts:15',
    ]);
    expect(
      findings(text, ['ENC-003'], stack('config:\n  demo:size: 2\n')),
    ).toEqual([]);
  });

  it('runs a long chain of clauses falling through on a value not known without running out of steps', () => {
    const clauses = Array.from({ length: 1200 }, (_, index) => [
      `  case 's${index}':`,
      '    size = size + 1;',
    ]).flat();
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'let size = 0;',
      'switch (pulumi.getStack()) {',
      ...clauses,
      '}',
      "new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: false });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      `ENC-003 jobs app/index.ts:${clauses.length + 6}`,
    ]);
  });

  it('says when a program takes more steps than it may, instead of dropping what it declares after them silently', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "new aws.sqs.Queue('early', { sqsManagedSseEnabled: false });",
      `const xs = [${Array.from({ length: 50 }, (_, index) => index).join(
        ', ',
      )}];`,
      'let n = 0;',
      'for (const a of xs) for (const b of xs) for (const c of xs) for (const d of xs) n = n + a + b + c + d;',
      "new aws.sqs.Queue('late', { sqsManagedSseEnabled: false });",
    );
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text },
      ],
      selectRules(['ENC-003']),
    );
    // What it declares after may change what it declared before (an alarm, a key): partial.
    expect(report.findings.map(f => [f.resourceId, f.confidence])).toEqual([
      ['early', 'partial'],
    ]);
    expect(report.skipped).toEqual([
      {
        path: 'app/index.ts',
        reason:
          'the program takes more than 500,000 steps to evaluate: what it declares after them is not read',
      },
    ]);
    // The program is named as read in part, for a reader of the report to judge none of its files.
    expect(report.programs).toEqual([
      {
        format: 'pulumi',
        project: 'app/Pulumi.yaml',
        main: 'app/index.ts',
        files: ['app/index.ts'],
        partlyRead: true,
      },
    ]);
  });

  it('runs a clause that may match through empty clauses grouped with it, with the functions any clause declares', () => {
    const cases = 'abcdefghijklmnopqrstu'
      .split('')
      .map(letter => `case '${letter}':`)
      .join(' ');
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'let encrypted = true;',
      'switch (pulumi.getStack()) {',
      `  ${cases}`,
      '    encrypted = false;',
      '    break;',
      "  case 'later':",
      "    queue('hoisted');",
      '    encrypted = false;',
      '    break;',
      '  default:',
      '    encrypted = false;',
      '    function queue(name: string) {',
      '      return new aws.sqs.Queue(name, { sqsManagedSseEnabled: false });',
      '    }',
      '}',
      "new aws.sqs.Queue('grouped', { sqsManagedSseEnabled: encrypted });",
    );
    // Every clause that may run leaves it false.
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 hoisted app/index.ts:15',
      'ENC-003 grouped app/index.ts:18',
    ]);
  });

  it('says when it cuts a chain of clauses falling through, and hoists the functions of any clause on a known value', () => {
    const filler = Array.from(
      { length: 70 },
      (_, index) => `    const filler${index} = ${index};`,
    );
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'let sse = true;',
      'switch (pulumi.getStack()) {',
      "  case 'legacy':",
      '    sse = false;',
      ...filler,
      "  case 'prod':",
      "    new aws.sqs.Queue('q', { sqsManagedSseEnabled: sse });",
      '    break;',
      '}',
      "const mode: string = 'b';",
      'switch (mode) {',
      "  case 'a':",
      "    function make() { new aws.sqs.Queue('hoisted', { sqsManagedSseEnabled: false }); }",
      '    break;',
      "  case 'b':",
      '    make();',
      '}',
    );
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: PROJECT },
        { path: 'app/index.ts', text },
      ],
      selectRules(['ENC-003']),
    );
    expect(report.findings.map(f => [f.resourceId, f.confidence])).toEqual([
      ['hoisted', 'partial'],
    ]);
    expect(report.skipped).toEqual([
      {
        path: 'app/index.ts',
        reason:
          'a switch falls through more than 64 statements from one of its clauses (line 77): the rest of that chain is not read',
      },
    ]);
  });

  it('runs the rounds of a loop over a known list after a continue that may run in one', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const props: aws.sqs.QueueArgs = { sqsManagedSseEnabled: true };',
      "for (const step of ['check', 'apply']) {",
      "  if (step === 'check' && pulumi.getStack() === 'ci') continue;",
      "  if (step === 'apply') props.sqsManagedSseEnabled = false;",
      '}',
      "new aws.sqs.Queue('jobs', props);",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 jobs app/index.ts:6',
    ]);
  });

  it('takes what a function returns in a branch that may not run, and what the right side of && or || does, as not known', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "function retention(env: string) { if (env === 'prod') return 365; return 14; }",
      "new aws.cloudwatch.LogGroup('logs', { retentionInDays: retention(pulumi.getStack()) });",
      "const queue = new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: true });",
      "const actions = ['sqs:GetQueueAttributes'];",
      "(pulumi.getStack() !== 'ro') && actions.push('sqs:SendMessage');",
      "const role = new aws.iam.Role('role', { assumeRolePolicy: '{}', inlinePolicies: [{ name: 'send', policy: queue.arn.apply(arn => JSON.stringify({ Statement: [{ Effect: 'Allow', Action: actions, Resource: arn }] })) }] });",
      `new aws.lambda.Function('fn', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn, environment: { variables: { QUEUE_URL: queue.url } } });`,
    );
    expect(findings(text, ['LOG-002', 'IAM-004'])).toEqual([]);
  });

  it('keeps the lines of a list a resource was given when the program changes the list afterwards', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const arns = [',
      "  'arn:aws:sns:us-east-1:123456789012:a',",
      "  'arn:aws:sns:us-east-1:123456789012:b',",
      '];',
      "new aws.cloudwatch.MetricAlarm('al', { alarmActions: arns, namespace: 'AWS/SQS', metricName: 'X', comparisonOperator: 'GreaterThanThreshold', threshold: 1, evaluationPeriods: 1 });",
      "arns.reverse(); arns.unshift('x');",
    );
    expect(findings(text, ['OPS-002'])).toEqual([
      'OPS-002 al app/index.ts:3',
      'OPS-002 al app/index.ts:4',
    ]);
  });

  it('points a finding on a property the program sets at the assignment, or at the key Object.assign copied', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const props: aws.sqs.QueueArgs = { sqsManagedSseEnabled: true };',
      'props.sqsManagedSseEnabled = false;',
      "new aws.sqs.Queue('jobs', props);",
      'const args: aws.sqs.QueueArgs = { sqsManagedSseEnabled: true };',
      'const overrides = {',
      '  sqsManagedSseEnabled: false,',
      '};',
      'Object.assign(args, overrides);',
      "new aws.sqs.Queue('events', args);",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 jobs app/index.ts:3',
      'ENC-003 events app/index.ts:7',
    ]);
  });

  it('keeps the line where a property was written when code that may not run sets it, and points at the call when code in another file does', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "import { harden } from './helpers';",
      'const maybe: aws.sqs.QueueArgs = { sqsManagedSseEnabled: false };',
      "if (pulumi.getStack() === 'prod') maybe.sqsManagedSseEnabled = false;",
      "new aws.sqs.Queue('maybe', maybe);",
      'const helped: aws.sqs.QueueArgs = { sqsManagedSseEnabled: true };',
      'harden(helped);',
      "new aws.sqs.Queue('helped', helped);",
      "import { baseArgs, adminDoc } from './helpers';",
      "new aws.sqs.Queue('built', baseArgs());",
      "new aws.iam.RolePolicy('admin', { role: 'app', policy: JSON.stringify(adminDoc()) });",
      "new aws.sqs.Queue('spread', {",
      '  delaySeconds: 0,',
      '  ...baseArgs(),',
      '});',
      "import { Hardener } from './helpers';",
      'function main() {',
      '  const viaNew = { sqsManagedSseEnabled: true };',
      '  new Hardener(viaNew);',
      "  new aws.sqs.Queue('viaNew', viaNew);",
      '  const viaSuper = { sqsManagedSseEnabled: true };',
      '  new Mine(viaSuper);',
      "  new aws.sqs.Queue('viaSuper', viaSuper);",
      '}',
      'class Mine extends Hardener {',
      '  constructor(args: any) {',
      '    super(args);',
      '  }',
      '}',
      'main();',
    );
    const helpers = program(
      '// Helpers.',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'export function harden(args: any) {',
      '  args.sqsManagedSseEnabled = false;',
      '}',
      'export function baseArgs() {',
      '  return {',
      '    sqsManagedSseEnabled: false,',
      '  };',
      '}',
      'export function adminDoc() {',
      '  return {',
      "    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],",
      '  };',
      '}',
      'export class Hardener {',
      '  constructor(args: any) {',
      '    args.sqsManagedSseEnabled = false;',
      '  }',
      '}',
    );
    // Lines of helpers.ts are not lines of index.ts: the call of the helper, or the resource's line, stands for them.
    expect(
      findings(
        text,
        ['ENC-003', 'IAM-002'],
        [{ path: 'app/helpers.ts', text: helpers }],
      ),
    ).toEqual([
      'ENC-003 maybe app/index.ts:4',
      'ENC-003 helped app/index.ts:8',
      'ENC-003 built app/index.ts:11',
      'IAM-002 admin app/index.ts:12',
      'ENC-003 spread app/index.ts:15',
      'ENC-003 viaNew app/index.ts:20',
      'ENC-003 viaSuper app/index.ts:28',
    ]);
  });

  it("points at the assignment in the resource's file to a key of an object a helper of another file built", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import { baseArgs } from './helpers';",
      'const args = baseArgs();',
      'args.sqsManagedSseEnabled = false;',
      "new aws.sqs.Queue('assigned', args);",
      'const merged = baseArgs();',
      'Object.assign(merged, { delaySeconds: 0, sqsManagedSseEnabled: false });',
      "new aws.sqs.Queue('merged', merged);",
      "new aws.sqs.Queue('built', { ...baseArgs(), sqsManagedSseEnabled: false });",
      "import { harden } from './helpers';",
      'const hardened = baseArgs();',
      'hardened.sqsManagedSseEnabled = true;',
      'harden(hardened);',
      "new aws.sqs.Queue('hardened', hardened);",
      "import { plainArgs } from './helpers';",
      'const other = plainArgs();',
      'other.delaySeconds = 5;',
      "new aws.sqs.Queue('other', other);",
    );
    const helpers = program(
      'export function baseArgs(): any {',
      '  return {',
      '    sqsManagedSseEnabled: true,',
      '  };',
      '}',
      'export function plainArgs(): any {',
      '  return { sqsManagedSseEnabled: false, delaySeconds: 0 };',
      '}',
      'export function harden(args: any) {',
      '  args.sqsManagedSseEnabled = false;',
      '}',
    );
    // The last to set a key is what a finding on it points at: harden() (line 13) after the assignment (line 12).
    expect(
      findings(text, ['ENC-003'], [{ path: 'app/helpers.ts', text: helpers }]),
    ).toEqual([
      'ENC-003 assigned app/index.ts:4',
      'ENC-003 merged app/index.ts:7',
      'ENC-003 built app/index.ts:9',
      'ENC-003 hardened app/index.ts:13',
      // A key index.ts did not set has no line there: the resource stands for it.
      'ENC-003 other app/index.ts:18',
    ]);
  });

  it('assigns with compound operators, ++ and Object.assign', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const config = new pulumi.Config();',
      "const a: aws.cloudwatch.LogGroupArgs = { name: 'a' };",
      'a.retentionInDays ??= 30;',
      "new aws.cloudwatch.LogGroup('a', a);",
      "const b: aws.cloudwatch.LogGroupArgs = { retentionInDays: config.getNumber('days') };",
      'b.retentionInDays ||= 7;',
      "new aws.cloudwatch.LogGroup('b', b);",
      'let days = 1;',
      'days += 6;',
      'days++;',
      "new aws.cloudwatch.LogGroup('c', { retentionInDays: days });",
      'const d = {};',
      'Object.assign(d, { retentionInDays: 14 });',
      "new aws.cloudwatch.LogGroup('d', d);",
    );
    expect(findings(text, ['LOG-002'])).toEqual([]);
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    expect(
      ['a', 'c', 'd'].map(id => graph.get(id)!.properties.RetentionInDays),
    ).toEqual([30, 8, 14]);
  });

  it('assigns with every compound operator: %= and **= compute, a bitwise one makes its target not known', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'let a = 100;',
      'a %= 70;',
      "new aws.cloudwatch.LogGroup('a', { retentionInDays: a });",
      'let b = 2;',
      'b **= 5;',
      "new aws.cloudwatch.LogGroup('b', { retentionInDays: b });",
      'let c = 1;',
      'c <<= 5;',
      "new aws.cloudwatch.LogGroup('c', { retentionInDays: c });",
      'let d = 1;',
      'd |= 32;',
      "new aws.cloudwatch.LogGroup('d', { retentionInDays: d });",
    );
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    expect(
      ['a', 'b'].map(id => graph.get(id)!.properties.RetentionInDays),
    ).toEqual([30, 32]);
    expect(
      ['c', 'd'].map(
        id => graph.get(id)!.properties.RetentionInDays instanceof Unknown,
      ),
    ).toEqual([true, true]);
    expect(findings(text, ['LOG-002'])).toEqual([]);
  });

  it('takes the clauses after a break that may run, in a switch on a known value, as code that may not run', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const env: string = 'prod';",
      'let sse = true;',
      'switch (env) {',
      "  case 'prod':",
      "    if (pulumi.getStack() === 'legacy') break;",
      "  case 'dev':",
      '    sse = false;',
      '    break;',
      '}',
      "new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: sse });",
    );
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    expect(graph.get('jobs')!.properties.SqsManagedSseEnabled).toBeInstanceOf(
      Unknown,
    );
    expect(findings(text, ['ENC-003'])).toEqual([]);
  });

  it('keeps what follows a loop, a switch or a labelled block certain when a break or continue that may run ends at it', () => {
    const queue = (lines: string[]) =>
      program(
        "import * as aws from '@pulumi/aws';",
        "import * as pulumi from '@pulumi/pulumi';",
        'let sse = true;',
        ...lines,
        "new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: sse });",
      );
    const inLoop = queue([
      "for (const env of ['prod', 'dev']) {",
      '  switch (env) {',
      "    case 'prod': if (pulumi.getStack() === 'x') break; break;",
      "    case 'dev': sse = false;",
      '  }',
      '}',
    ]);
    const afterSwitch = queue([
      'function setUp() {',
      "  switch (pulumi.getStack()) { case 'prod': if (pulumi.getStack() === 'x') break; break; }",
      '  sse = false;',
      '}',
      'setUp();',
    ]);
    const afterLabelledBlock = queue([
      'function setUp() {',
      "  settings: { if (pulumi.getStack() === 'x') break settings; }",
      '  sse = false;',
      '}',
      'setUp();',
    ]);
    const afterLoop = queue([
      'function setUp() {',
      "  for (const env of ['prod', 'dev']) { if (pulumi.getStack() === env) break; }",
      '  sse = false;',
      '}',
      'setUp();',
    ]);
    for (const text of [inLoop, afterSwitch, afterLabelledBlock, afterLoop])
      expect(findings(text, ['ENC-003'])).toEqual([
        `ENC-003 jobs app/index.ts:${text.split('\n').length}`,
      ]);
  });

  it('stops at a break inside a braced switch clause', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const env: string = 'prod';",
      'let sse = false;',
      'switch (env) {',
      "  case 'prod': { sse = true; break; }",
      "  case 'dev': { sse = false; break; }",
      '}',
      "new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: sse });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([]);
  });

  it('takes outputs a main function returns in a branch that may not run as not known (OPS-006)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'export default async () => {',
      "  const queue = new aws.sqs.Queue('jobs', {});",
      "  if (pulumi.getStack() === 'dev') return { queueUrl: queue.url };",
      '  return { queueUrl: queue.url, queueArn: queue.arn };',
      '};',
    );
    expect(findings(text, ['OPS-006'])).toEqual([]);
  });

  it('keeps a text or a list a program doubles in a loop bounded, and the scan going', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "let s = 'x';",
      'for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]) s += s;',
      'let list: unknown[] = [1];',
      'for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]) list = list.concat(list);',
      "new aws.sqs.Queue('jobs', { tags: { name: s, size: String(list.length) } });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 jobs app/index.ts:6',
    ]);
  });

  it('does not know what a value a program makes of itself again and again holds past a million items and characters', () => {
    const doubled = (statement: string) =>
      Array.from({ length: 40 }, () => statement);
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const dlq = new aws.sqs.Queue('dlq', {});",
      "let object: unknown = { k: 'x' };",
      ...doubled('object = { l: object, r: object };'),
      "let list: unknown = ['x'];",
      ...doubled('list = [list, list];'),
      "let text = 'x';",
      ...doubled('text = `${text}${text}`;'),
      'let arns = pulumi.interpolate`${dlq.arn}`;',
      ...doubled('arns = pulumi.interpolate`${arns},${arns}`;'),
      "let json = JSON.stringify({ k: 'x' });",
      ...doubled('json = JSON.stringify([json, json]);'),
      "new aws.sqs.Queue('jobs', { name: text, tags: { arns } });",
      "new aws.sqs.Queue('nested', { tags: { object, list, json } as any });",
    );
    const started = Date.now();
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    const tags = (id: string) =>
      Object.fromEntries(
        (graph.get(id)!.properties.Tags as { Key: string; Value: Value }[]).map(
          tag => [tag.Key, tag.Value],
        ),
      );
    expect(graph.get('jobs')!.properties.QueueName).toEqual(
      new Unknown('text too long'),
    );
    // Doubled again once not known, it holds that many times.
    const notKnown = (part: Value) =>
      part instanceof Unknown && part.reason === 'text too long';
    expect(
      (tags('jobs').arns as Template).parts.every(
        part => part === ',' || notKnown(part),
      ),
    ).toBe(true);
    // What the objects and lists hold is read up to a million items and characters in all, depth first, an object or list
    // met again whole or not at all: the rest is not known.
    const { object, list, json } = tags('nested');
    const tooLarge = new Unknown(
      'a value larger than 1,000,000 items and characters',
    );
    expect(
      getPath(object, [...Array.from({ length: 40 }, () => 'l'), 'k']),
    ).toBe('x');
    expect(getPath(object, ['r'])).toEqual(tooLarge);
    expect(
      getPath(
        list,
        Array.from({ length: 41 }, () => 0),
      ),
    ).toBe('x');
    expect([getPath(list, [1]), json]).toEqual([tooLarge, tooLarge]);
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 dlq app/index.ts:3',
      'ENC-003 jobs app/index.ts:209',
      'ENC-003 nested app/index.ts:210',
    ]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('makes the graph value of an object or list met again once, however many copies of it a value holds', () => {
    let list: unknown = ['x'];
    for (let depth = 0; depth < 10; depth++) list = [list, list];
    const value = toGraphValue(
      { a: list, b: list } as any,
      () => new Unknown('attribute'),
    ) as { a: Value[]; b: Value[] };
    expect(value.b).toBe(value.a);
    expect(value.a[1]).toBe(value.a[0]);
    // Each resource holding one doubled again and again makes it again, but only up to a million items and characters.
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "let list: unknown = ['x'];",
      ...Array.from({ length: 40 }, () => 'list = [list, list];'),
      ...Array.from(
        { length: 10 },
        (_, index) =>
          `new aws.sqs.Queue('q${index}', { tags: { list } as any });`,
      ),
    );
    const started = Date.now();
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    expect(graph.size).toBe(10);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('gives each resource the properties of a value it holds many copies of without copying it out to a million items', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "let list: unknown = ['x'];",
      ...Array.from({ length: 40 }, () => 'list = [list, list];'),
      ...Array.from(
        { length: 30 },
        (_, index) =>
          `new aws.sqs.Queue('q${index}', { tags: { list } as any });`,
      ),
    );
    const started = Date.now();
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    // The tag's value keeps a list the program holds twice as one (copied out, each resource's took a million items).
    const [tag] = graph.get('q0')!.properties.Tags as {
      Key: string;
      Value: Value;
    }[];
    const held = getPath(
      tag.Value,
      Array.from({ length: 30 }, () => 0),
    ) as Value[];
    expect([tag.Key, held.length]).toEqual(['list', 2]);
    expect(held[1]).toBe(held[0]);
    expect(
      getPath(
        tag.Value,
        Array.from({ length: 41 }, () => 0),
      ),
    ).toBe('x');
    expect(findings(text, ['ENC-003'])).toEqual(
      Array.from(
        { length: 30 },
        (_, index) => `ENC-003 q${index} app/index.ts:${index + 43}`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  it('does not know a text a list of it joined again and again, or a replacement of it, makes past a million characters', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "let name = 'x';",
      ...Array.from({ length: 40 }, () => "name = [name, name].join('');"),
      "new aws.sqs.Queue('jobs', { name });",
      // Each $& of a replacement is the text replaced.
      "let text = 'x';",
      ...Array.from({ length: 19 }, () => 'text = text + text;'),
      "let replacement = '$&';",
      ...Array.from(
        { length: 18 },
        () => 'replacement = replacement + replacement;',
      ),
      "new aws.sqs.Queue('replaced', { name: text.replace(text, replacement), tags: { short: 'ab'.replace('a', '$&$&-') } });",
    );
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    expect(graph.get('jobs')!.properties.QueueName).toEqual(
      new Unknown('text too long'),
    );
    expect(graph.get('replaced')!.properties).toMatchObject({
      QueueName: new Unknown('text too long'),
      Tags: [{ Key: 'short', Value: 'aa-b' }],
    });
  }, 60_000);

  it('follows break and continue in loops, labelled loops, and try, catch and finally blocks', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "for (const name of ['legacy', 'orders', 'stop', 'never']) {",
      "  if (name === 'legacy') continue;",
      "  if (name === 'stop') break;",
      '  new aws.sqs.Queue(name, {});',
      '}',
      "outer: for (const name of ['audit']) { new aws.sqs.Queue(name, {}); }",
      'const logs: aws.cloudwatch.LogGroupArgs = {};',
      'try {',
      "  logs.name = 'app';",
      '} catch (error) {',
      "  logs.name = 'fallback';",
      '} finally {',
      '  logs.retentionInDays = 14;',
      '}',
      "new aws.cloudwatch.LogGroup('app', logs);",
    );
    expect(findings(text, ['ENC-003', 'LOG-002'])).toEqual([
      'ENC-003 orders app/index.ts:5',
      'ENC-003 audit app/index.ts:7',
    ]);
  });

  it('takes what follows a return in a branch that may not run as code that may not run', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'function encryption(args: aws.sqs.QueueArgs) {',
      "  if (pulumi.getStack() === 'prod') { args.sqsManagedSseEnabled = true; return; }",
      '  args.sqsManagedSseEnabled = false;',
      '}',
      'const args: aws.sqs.QueueArgs = {};',
      'encryption(args);',
      "new aws.sqs.Queue('jobs', args);",
    );
    // In prod the queue is encrypted, elsewhere not: whether it is, is not known.
    expect(findings(text, ['ENC-003'])).toEqual([]);
  });

  it('ends a constructor at its return, not the function that calls new', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "class Optional { constructor() { if (pulumi.getStack() === 'dev') return; } }",
      "function queueName() { new Optional(); return 'orders'; }",
      'new aws.sqs.Queue(queueName(), {});',
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 orders app/index.ts:5',
    ]);
  });

  it('assigns through destructuring, and takes an object handed to code not known as changed', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const config = new pulumi.Config();',
      'let sse = false;',
      '[sse] = [true];',
      "new aws.sqs.Queue('a', { sqsManagedSseEnabled: sse });",
      'let encrypted = false;',
      '({ encrypted } = { encrypted: true });',
      "new aws.sqs.Queue('b', { sqsManagedSseEnabled: encrypted });",
      'const logging: aws.cloudwatch.LogGroupArgs = {};',
      "Object.assign(logging, config.requireObject('logging'));",
      "new aws.cloudwatch.LogGroup('configured', logging);",
      'const prodLogs = (args: aws.cloudwatch.LogGroupArgs) => { args.retentionInDays = 365; };',
      'const devLogs = (args: aws.cloudwatch.LogGroupArgs) => { args.retentionInDays = 7; };',
      "const configure = pulumi.getStack() === 'prod' ? prodLogs : devLogs;",
      'const chosen: aws.cloudwatch.LogGroupArgs = {};',
      'configure(chosen);',
      "new aws.cloudwatch.LogGroup('chosen', chosen);",
      "new aws.cloudwatch.LogGroup('plain', {});",
    );
    expect(findings(text, ['ENC-003', 'LOG-002'])).toEqual([
      'LOG-002 plain app/index.ts:19',
    ]);
  });

  it('ends the labelled loop or block a labelled jump names, and takes what follows a jump that may run as code that may not run', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "outer: for (const a of ['a', 'b']) {",
      "  for (const n of ['1', '2']) { if (n === '2') continue outer; new aws.sqs.Queue(`lb-${a}${n}`, {}); }",
      '  new aws.sqs.Queue(`after-${a}`, {});',
      '}',
      "for (const n of ['x', 'y']) { check: { if (n === 'x') break check; new aws.sqs.Queue(`checked-${n}`, {}); } }",
      "const q: aws.sqs.QueueArgs = { kmsMasterKeyId: 'alias/app' };",
      "for (const n of ['A', 'B']) { if (process.env[n]) break; q.kmsMasterKeyId = undefined; }",
      "new aws.sqs.Queue('q-break', q);",
    );
    // lb-a1, lb-b1 and checked-y exist; after-* never do; q-break may keep its key.
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 lb-a1 app/index.ts:3',
      'ENC-003 lb-b1 app/index.ts:3',
      'ENC-003 checked-y app/index.ts:6',
    ]);
  });

  it('uses the defaults of destructuring assignments, and compares what branches leave by value and by whether code not known changed it', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import { secure } from '@acme/queues';",
      'const settings: { kms?: string } = {};',
      'let kms: string | undefined;',
      "({ kms = 'alias/app' } = settings);",
      "new aws.sqs.Queue('shorthand-default', { kmsMasterKeyId: kms });",
      'let k3: string | undefined;',
      "[k3 = 'alias/app'] = [];",
      "new aws.sqs.Queue('element-default', { kmsMasterKeyId: k3 });",
      'let args: aws.sqs.QueueArgs;',
      'if (process.env.PLAIN) { args = { delaySeconds: 0 }; } else { args = { delaySeconds: 0 }; secure(args); }',
      "new aws.sqs.Queue('merged', args);",
      'const logged: aws.sqs.QueueArgs = { delaySeconds: 0 };',
      "console.log('creating', logged);",
      "new aws.sqs.Queue('logged', logged);",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 logged app/index.ts:15',
    ]);
  });

  it('takes a function declared again in a branch that may not run as one function for IAM-001', () => {
    const text = (third: string) =>
      program(
        "import * as aws from '@pulumi/aws';",
        "import * as pulumi from '@pulumi/pulumi';",
        "const role = new aws.iam.Role('r', { assumeRolePolicy: '{}' });",
        "if (new pulumi.Config().getBoolean('prod')) new aws.lambda.Function('api', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn, memorySize: 1024 });",
        "else new aws.lambda.Function('api', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn, memorySize: 128 });",
        third,
      );
    expect(findings(text(''), ['IAM-001'])).toEqual([]);
    expect(
      findings(
        text(
          "new aws.lambda.Function('worker', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn });",
        ),
        ['IAM-001'],
      ),
    ).toEqual([
      'IAM-001 api app/index.ts:4',
      'IAM-001 api-2 app/index.ts:5',
      'IAM-001 worker app/index.ts:6',
    ]);
  });

  it('takes what code that may not run assigns or changes in place as not known', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const config = new pulumi.Config();',
      "const queue = new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: true });",
      "const actions = ['sqs:SendMessage', 'sqs:GetQueueAttributes'];",
      "if (config.getBoolean('readOnly')) actions.shift();",
      "const role = new aws.iam.Role('role', { assumeRolePolicy: '{}', inlinePolicies: [{ name: 'send', policy: queue.arn.apply(arn => JSON.stringify({ Statement: [{ Effect: 'Allow', Action: actions, Resource: arn }] })) }] });",
      'let memory = 128;',
      "if (config.getBoolean('big')) memory = 1024;",
      `new aws.lambda.Function('fn', { runtime: 'nodejs22.x', handler: 'i.h', role: role.arn, memorySize: memory, environment: { variables: { QUEUE_URL: queue.url } } });`,
    );
    // Set by a stack, so not known: whether the role still grants sqs:SendMessage depends on it, and nothing is proven missing.
    const stack = {
      path: 'app/Pulumi.prod.yaml',
      text: 'config:\n  demo:readOnly: true\n  demo:big: true\n',
    };
    expect(findings(text, ['IAM-004'], [stack])).toEqual([]);
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
      stack,
    ]).graphs;
    expect(graph.get('fn')!.properties.MemorySize).toBeInstanceOf(Unknown);
  });

  it('loads the modules of export * and export * as', () => {
    const storage = (name: string) =>
      `import * as aws from '@pulumi/aws';\nexport const table = new aws.dynamodb.Table('${name}', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' });\n`;
    const text = program(
      "export * from './storage';",
      "export * as archive from './archive';",
    );
    expect(
      findings(
        text,
        ['OPS-004'],
        [
          { path: 'app/storage.ts', text: storage('orders') },
          { path: 'app/archive.ts', text: storage('archive') },
        ],
      ),
    ).toEqual([
      'OPS-004 archive app/archive.ts:2',
      'OPS-004 orders app/storage.ts:2',
    ]);
  });

  it("reads the modules of @pulumi/aws imported by path, like '@pulumi/aws/sqs'", () => {
    const text = program(
      "import { Queue } from '@pulumi/aws/sqs';",
      "import { Function, Runtime } from '@pulumi/aws/lambda';",
      "new Queue('q', {});",
      `new Function('fn', { runtime: Runtime.Python3d8, handler: 'i.h', role: ${ROLE} });`,
    );
    expect(findings(text, ['ENC-003', 'OPS-005'])).toEqual([
      'ENC-003 q app/index.ts:3',
      'OPS-005 fn app/index.ts:4',
    ]);
  });

  it('reads aws.lambda.Runtime members as the runtime identifiers they stand for', () => {
    const members = [
      'NodeJS20dX',
      'Python3d12',
      'Java8AL2',
      'Java21',
      'Go1dx',
      'Dotnet8',
      'Custom',
      'CustomAL2',
      'CustomAL2023',
    ];
    const text = program(
      "import * as aws from '@pulumi/aws';",
      ...members.map(
        member =>
          `new aws.lambda.Function('${member}', { runtime: aws.lambda.Runtime.${member}, handler: 'i.h', role: ${ROLE} });`,
      ),
    );
    const [graph] = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs;
    expect(
      members.map(member => graph.get(member)!.properties.Runtime),
    ).toEqual([
      'nodejs20.x',
      'python3.12',
      'java8.al2',
      'java21',
      'go1.x',
      'dotnet8',
      'provided',
      'provided.al2',
      'provided.al2023',
    ]);
  });

  it('runs the callbacks of then on an invoke and of apply on an output of a literal', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const doc = aws.iam.getPolicyDocument({ statements: [{ actions: ['dynamodb:*'], resources: ['*'] }] });",
      "new aws.iam.Policy('awaited', { policy: doc.then(d => d.json) });",
      "new aws.iam.Policy('applied', { policy: pulumi.output('orders').apply(name => JSON.stringify({",
      "  Statement: [{ Effect: 'Allow', Action: 'sns:*', Resource: `arn:aws:sns:*:*:${name}` }],",
      '})) });',
    );
    expect(findings(text, ['IAM-002'])).toEqual([
      'IAM-002 awaited app/index.ts:4',
      'IAM-002 applied app/index.ts:6',
    ]);
  });

  it('iterates the entries, keys and values of a list', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const names = ['a', 'b'];",
      'for (const [i, name] of names.entries()) {',
      `  new aws.lambda.Function(\`\${name}-\${i}\`, { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      '}',
      'for (const i of names.keys()) new aws.sqs.Queue(`q${i}`, {});',
      'for (const name of names.values()) new aws.sns.Topic(name, {});',
    );
    expect(
      findings(text, ['OPS-005', 'ENC-003', 'ENC-004', 'DLQ-001']),
    ).toEqual([
      'DLQ-001 a-0 app/index.ts:4',
      'DLQ-001 b-1 app/index.ts:4',
      'ENC-003 q0 app/index.ts:6',
      'ENC-003 q1 app/index.ts:6',
      'ENC-004 a app/index.ts:7',
      'ENC-004 b app/index.ts:7',
    ]);
  });

  it('filters, searches and folds a known list as JavaScript does: filter, find, some, every, includes, indexOf, slice, reduce', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const envs = ['dev', 'staging', 'prod'];",
      "const workers = envs.filter(env => env !== 'staging').map(env => new aws.sqs.Queue(`jobs-${env}`, {}));",
      "const prod = envs.find(env => env.startsWith('p')) ?? envs.find(env => env === 'prod');",
      'const total = [1, 2, 3].reduce((sum, n) => sum + n, 10);',
      "const flags = [envs.some(env => env === 'dev'), envs.every(env => env !== 'qa'), envs.includes('qa'), envs.indexOf('prod'), envs.slice(1).length];",
      'new aws.sns.Topic(`alerts-${prod}-${total}-${flags.join("-")}`, {});',
      "const byName = ['a', 'b'].reduce((all, name) => ({ ...all, [name]: new aws.sns.Topic(`events-${name}`, { kmsMasterKeyId: 'alias/aws/sns' }) }), {} as Record<string, aws.sns.Topic>);",
      'export const urls = workers.map(queue => queue.url);',
      'export const events = byName.a.arn;',
    );
    expect(
      findings(text, ['ENC-003', 'ENC-004', 'OPS-006', 'OPS-007']),
    ).toEqual([
      'ENC-003 jobs-dev app/index.ts:3',
      'ENC-003 jobs-prod app/index.ts:3',
      'ENC-004 alerts-prod-16-true-true-false-2-2 app/index.ts:7',
      'OPS-007 alerts-prod-16-true-true-false-2-2 app/index.ts:7',
      'OPS-007 events-b app/index.ts:8',
    ]);
  });

  it('makes an object of known entries with Object.fromEntries, and hands entries not known on as a call not known does (ALM-001)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const steps = ['reserve', 'charge'];",
      'const fns = Object.fromEntries(',
      `  steps.map(step => [step, new aws.lambda.Function(step, { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} })]),`,
      ');',
      alarmFor('fns.reserve'),
      `const extra = Object.fromEntries([[new pulumi.Config().require('step'), new aws.lambda.Function('refund', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} })]]);`,
    );
    expect(findings(text, ['ALM-001'])).toEqual([
      'ALM-001 charge app/index.ts:5',
    ]);
  });

  it('reads what Object.freeze, Number, String, Boolean, parseInt, parseFloat and Math give of known values (ENC-003, DLQ-006)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const SETTINGS = Object.freeze({ encrypted: false, timeout: parseInt("60", 10) });',
      "new aws.sqs.Queue('plain', { sqsManagedSseEnabled: SETTINGS.encrypted || Boolean('') });",
      `const fn = new aws.lambda.Function('worker', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE}, timeout: Math.max(SETTINGS.timeout, Math.round(parseFloat('9.6'))) });`,
      "const queue = new aws.sqs.Queue('jobs', { visibilityTimeoutSeconds: Number(String(30)), sqsManagedSseEnabled: true });",
      "new aws.lambda.EventSourceMapping('jobs-worker', { eventSourceArn: queue.arn, functionName: fn.name });",
    );
    expect(findings(text, ['ENC-003', 'DLQ-006'])).toEqual([
      'ENC-003 plain app/index.ts:3',
      'DLQ-006 jobs app/index.ts:5',
    ]);
  });

  it('reads the position a list search or a text test starts at, and a slice bound undefined as none', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const envs = ['dev', 'prod', 'dev'];",
      "const found = [envs.includes('dev', 3), envs.indexOf('dev', 1), envs.slice(undefined, 2).join('+')];",
      "const tested = ['prod'.startsWith('r', 1), 'prod'.endsWith('r', 2), 'prod'.includes('p', 1)];",
      'new aws.sns.Topic(`alerts-${found.join("-")}-${tested.join("-")}`, {});',
    );
    expect(findings(text, ['ENC-004'])).toEqual([
      'ENC-004 alerts-false-2-dev+prod-true-true-false app/index.ts:5',
    ]);
  });

  it('runs a filter callback on each item when one result is not known, and a some callback after it as it may', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const paused = new pulumi.Config().getBoolean('paused');",
      "['jobs', 'mail'].filter(name => { new aws.sqs.Queue(`filtered-${name}`, { sqsManagedSseEnabled: false }); return paused; });",
      "['jobs', 'mail'].some(name => { new aws.sqs.Queue(`tested-${name}`, { sqsManagedSseEnabled: false }); return paused; });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 filtered-jobs app/index.ts:4',
      'ENC-003 filtered-mail app/index.ts:4',
      'ENC-003 tested-jobs app/index.ts:5',
      'ENC-003 tested-mail app/index.ts:5',
    ]);
  });

  it('takes what map gives of a list longer than the items it runs the callback on as not known after them', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "let ids = ['a', 'b', 'c'];",
      'for (const _ of [1, 2, 3, 4, 5]) ids = ids.concat(ids);',
      'const names = ids.map(id => id.toUpperCase());',
      'new aws.sns.Topic(`ids-${ids.length}-${names[0]}${names[1]}`, {});',
      'new aws.sns.Topic(`names-${names.length}`, {});',
    );
    expect(findings(text, ['ENC-004'])).toEqual([
      'ENC-004 ids-96-AB app/index.ts:5',
      'ENC-004 names-${names.length} app/index.ts:6',
    ]);
  });

  it('searches and folds the items a list held when called, as JavaScript does, though a callback adds or removes some', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const seen = ['a', 'b'];",
      'const found = seen.some(name => { seen.push(name); return false; });',
      "const shrinking = ['a', 'b', 'c'];",
      "const kept = shrinking.filter(() => { shrinking.pop(); return true; }).join('');",
      "const growing = ['a', 'b'];",
      "const folded = growing.reduce((all, name) => { growing.push('z'); return all + name; }, '');",
      'new aws.sns.Topic(`seen-${found}-${seen.length}-${kept}-${folded}`, {});',
    );
    expect(findings(text, ['ENC-004'])).toEqual([
      'ENC-004 seen-false-4-ab-ab app/index.ts:8',
    ]);
  });

  it('takes NaN as falsy, as JavaScript does', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const retries = parseInt('none') || 3;",
      "new aws.sns.Topic(`alerts-${retries}-${Boolean(Number('x'))}-${0 / 0 ? 'on' : 'off'}`, {});",
    );
    expect(findings(text, ['ENC-004'])).toEqual([
      'ENC-004 alerts-3-false-off app/index.ts:3',
    ]);
  });

  it('runs a filter, some or reduce callback over a collection not known, or a list a spread not known went into, as map does', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const names = new pulumi.Config().requireObject<string[]>('names');",
      'names.filter(name => new aws.sqs.Queue(`kept-${name}`, { sqsManagedSseEnabled: false }));',
      "const all = ['audit', ...names];",
      'all.reduce((queues, name) => [...queues, new aws.sqs.Queue(`folded-${name}`, { sqsManagedSseEnabled: false })], [] as aws.sqs.Queue[]);',
      'const found = all.some(name => { new aws.sqs.Queue(`tested-${name}`, { sqsManagedSseEnabled: false }); return name === "audit"; });',
      'new aws.sns.Topic(`found-${found}`, {});',
    );
    expect(findings(text, ['ENC-003', 'ENC-004'])).toEqual([
      'ENC-003 kept-${name} app/index.ts:4',
      'ENC-003 folded-audit app/index.ts:6',
      'ENC-003 folded-${name} app/index.ts:6',
      'ENC-003 tested-audit app/index.ts:7',
      'ENC-004 found-true app/index.ts:8',
    ]);
  });

  it('runs a filter callback over a list longer than the items it runs on once more, on an item not known', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX'];
    const text = program(
      "import * as aws from '@pulumi/aws';",
      `const ids = ${JSON.stringify(letters)}.concat(['late']);`,
      "ids.filter(id => id === 'late' && new aws.sqs.Queue(`${id}-jobs`, { sqsManagedSseEnabled: false }));",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 ${id}-jobs app/index.ts:3',
    ]);
  });

  it('runs the constructor of each class up the chain once, super(…) calling the parent of the class whose constructor runs', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'class Base extends pulumi.ComponentResource {',
      "  constructor(name: string) { super('x:Base', name); new aws.sqs.Queue(`${name}-q`, {}); }",
      '}',
      'class Service extends Base {',
      '  constructor(name: string) { super(name); }',
      '}',
      'class Api extends Service {}',
      "new Service('orders');",
      "new Api('billing');",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 orders-q app/index.ts:4',
      'ENC-003 billing-q app/index.ts:4',
    ]);
  });

  it("sets an instance's fields as JavaScript does: after super(…) returns in a class that extends another, at the start of one that does not, after its parameters' fields", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'class Base extends pulumi.ComponentResource {',
      '  encrypted = false;',
      '  retention: number;',
      '  constructor(name: string, retention: number) {',
      "    super('x:Base', name);",
      '    this.retention = retention;',
      '  }',
      '}',
      'class Jobs extends Base {',
      // Set after Base's constructor: it reads what Base set, and its own field of Base's name wins.
      '  encrypted = true;',
      "  queue = new aws.sqs.Queue('jobs', { sqsManagedSseEnabled: this.encrypted, messageRetentionSeconds: this.retention });",
      '  constructor(name: string) {',
      '    super(name, 60);',
      "    new aws.sqs.Queue('jobs-dlq-of', { sqsManagedSseEnabled: this.encrypted, redrivePolicy: pulumi.jsonStringify({ deadLetterTargetArn: this.queue.arn, maxReceiveCount: 3 }) });",
      '  }',
      '}',
      'class Defaulted extends Jobs {',
      "  extra = new aws.sqs.Queue('extra', { sqsManagedSseEnabled: this.encrypted });",
      '}',
      'class Tables {',
      // A class that extends none sets the fields of its parameters first.
      "  table = new aws.sqs.Queue('table', { sqsManagedSseEnabled: this.settings.encrypted });",
      '  constructor(private readonly settings: { encrypted: boolean }) {}',
      '}',
      "new Jobs('j');",
      "new Defaulted('d');",
      'new Tables({ encrypted: false });',
    );
    const graph = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs[0];
    expect(graph.get('jobs')!.properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 60,
    });
    expect(graph.get('jobs-dlq-of')!.properties.RedrivePolicy).toMatchObject({
      deadLetterTargetArn: new Ref('jobs', 'Arn'),
    });
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 table app/index.ts:23',
    ]);
  });

  it('declares the resource a class extending a resource class is, with what its super(…) is given, and reads the instance as that resource', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'class AppQueue extends aws.sqs.Queue {',
      '  constructor(name: string, args: aws.sqs.QueueArgs, encrypted = false) {',
      '    super(name, { ...args, sqsManagedSseEnabled: encrypted });',
      "    new aws.cloudwatch.MetricAlarm(`${name}-depth`, { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: this.name }, statistic: 'Maximum', period: 60, evaluationPeriods: 1, threshold: 10, comparisonOperator: 'GreaterThanThreshold' });",
      '  }',
      '}',
      'class PlainQueue extends aws.sqs.Queue {}',
      "const dlq = new AppQueue('jobs-dlq', { messageRetentionSeconds: 1209600 }, true);",
      "const jobs = new PlainQueue('jobs', { redrivePolicy: dlq.arn.apply(arn => JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: 3 })) });",
      "new aws.sqs.QueuePolicy('jobs-policy', { queueUrl: jobs.id, policy: '{}' });",
      "new AppQueue('audit', {});",
    );
    const graph = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs[0];
    expect(
      [...graph.resources].map(r => `${r.id} ${r.type} ${r.line}`),
    ).toEqual([
      'jobs-dlq AWS::SQS::Queue 4',
      'jobs-dlq-depth AWS::CloudWatch::Alarm 5',
      'jobs AWS::SQS::Queue 8',
      'jobs-policy AWS::SQS::QueuePolicy 11',
      'audit AWS::SQS::Queue 4',
      'audit-depth AWS::CloudWatch::Alarm 5',
    ]);
    expect(graph.get('jobs-dlq')!.properties).toMatchObject({
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    });
    expect(graph.get('jobs-dlq-depth')!.properties.Dimensions).toEqual([
      { Name: 'QueueName', Value: new Ref('jobs-dlq', 'QueueName') },
    ]);
    expect(graph.get('jobs')!.properties.RedrivePolicy).toMatchObject({
      deadLetterTargetArn: new Ref('jobs-dlq', 'Arn'),
    });
    expect(graph.get('jobs-policy')!.properties.Queues).toEqual(
      new Ref('jobs'),
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 audit app/index.ts:4',
      'ENC-003 jobs app/index.ts:8',
    ]);
  });

  it('reads private members (#queue), getters and super.method(…) as JavaScript does: what they declare is declared', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'class Jobs {',
      '  static #encryption = { sqsManagedSseEnabled: true };',
      "  #queue = new aws.sqs.Queue('jobs', {});",
      '  readonly #dlq: aws.sqs.Queue;',
      '  constructor() {',
      "    this.#dlq = this.#make('jobs-dlq');",
      '  }',
      '  #make(name: string) {',
      '    return new aws.sqs.Queue(name, { ...Jobs.#encryption, messageRetentionSeconds: 1209600 });',
      '  }',
      '  get queue() {',
      '    return this.#queue;',
      '  }',
      '  get dlqArn() {',
      '    return this.#dlq.arn;',
      '  }',
      '}',
      'class Base {',
      '  make(name: string) {',
      '    return new aws.sqs.Queue(name, { sqsManagedSseEnabled: true });',
      '  }',
      '}',
      'class Child extends Base {',
      '  make(name: string) {',
      '    const made = super.make(name);',
      '    new aws.sqs.Queue(`${name}-audit`, { sqsManagedSseEnabled: true, redrivePolicy: made.arn.apply(arn => JSON.stringify({ deadLetterTargetArn: arn })) });',
      '    return made;',
      '  }',
      '}',
      'const jobs = new Jobs();',
      "new aws.sqs.Queue('retry', { sqsManagedSseEnabled: true, redrivePolicy: jobs.dlqArn.apply(arn => JSON.stringify({ deadLetterTargetArn: arn })) });",
      "new aws.sqs.QueuePolicy('jobs-policy', { queueUrl: jobs.queue.id, policy: '{}' });",
      "new Child().make('child');",
    );
    const graph = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs[0];
    expect([...graph.resources].map(r => `${r.id} ${r.line}`)).toEqual([
      'jobs 4',
      'jobs-dlq 10',
      'retry 32',
      'jobs-policy 33',
      'child 21',
      'child-audit 27',
    ]);
    expect(graph.get('jobs-dlq')!.properties).toMatchObject({
      SqsManagedSseEnabled: true,
    });
    expect(graph.get('retry')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('jobs-dlq', 'Arn'),
    });
    expect(graph.get('jobs-policy')!.properties.Queues).toEqual(
      new Ref('jobs'),
    );
    expect(graph.get('child-audit')!.properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: new Ref('child', 'Arn'),
    });
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 jobs app/index.ts:4',
    ]);
  });

  it('compares numbers and texts with <, <=, > and >=, so that a recursion ends where the program ends it', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'function queues(n: number): void {',
      '  if (n <= 0) return;',
      '  new aws.sqs.Queue(`q${n}`, {});',
      '  queues(n - 1);',
      '}',
      'queues(2);',
      "if ('b' > 'a' && 1 >= 2 === false && 1 < 2) new aws.sqs.Queue('compared', {});",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 q2 app/index.ts:4',
      'ENC-003 q1 app/index.ts:4',
      'ENC-003 compared app/index.ts:8',
    ]);
  });

  it('compares with == and != as JavaScript does across texts, numbers and booleans', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "new aws.sqs.Queue('loose', { sqsManagedSseEnabled: ('1' as unknown) == 1 && (0 as unknown) == '' && (true as unknown) == '1' });",
      "new aws.sqs.Queue('unequal', { sqsManagedSseEnabled: (0 as unknown) != '' || (null as unknown) == 0 || ('a' as unknown) == 'A' });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 unequal app/index.ts:3',
    ]);
  });

  it('gives callbacks the index of each item, known after an item not known that is one item, not after a list spread in', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "[process.env.X ?? 'e', 'a', 'b'].forEach((n, i) => new aws.sqs.Queue(`q${i}`, {}));",
      'const more: string[] = [];',
      'more.push(...(process.env.LIST as unknown as string[]));',
      "more.push('c');",
      'more.forEach((n, i) => new aws.sqs.Queue(`more${i}`, {}));',
      "['x', 'y'].flatMap(n => process.env[n] as unknown as string[]).concat(['d']).forEach((n, i) => new aws.sqs.Queue(`flat${i}`, {}));",
      'Object.entries({ ...(process.env.A ? { a: 1 } : {}), b: 2 }).forEach(([k], i) => new aws.sqs.Queue(`entry${k}${i}`, {}));',
      // Nor are its length and the items after such an item.
      "if (more.length === 1) new aws.sqs.Queue('one', {});",
      'new aws.sqs.Queue(`second-${more[1]}`, {});',
      "if ([process.env.X, 'a'].length === 2 && ['a', 'b'][1] === 'b') new aws.sqs.Queue('two', {});",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 q0 app/index.ts:2',
      'ENC-003 q1 app/index.ts:2',
      'ENC-003 q2 app/index.ts:2',
      'ENC-003 more0 app/index.ts:6',
      'ENC-003 more${i} app/index.ts:6',
      'ENC-003 flat0 app/index.ts:7',
      'ENC-003 flat${i} app/index.ts:7',
      'ENC-003 flat${i}-2 app/index.ts:7',
      'ENC-003 entrya0 app/index.ts:8',
      'ENC-003 entry${k}${i} app/index.ts:8',
      'ENC-003 one app/index.ts:9',
      'ENC-003 second-${more[1]} app/index.ts:10',
      'ENC-003 two app/index.ts:11',
    ]);
  });

  it('binds imports, and declares and exports functions, before any code of the module runs, as an ES module does', () => {
    const text = program(
      // Called before the import that binds `aws` in its body.
      'declareQueue();',
      "function declareQueue() { return new aws.sqs.Queue('early', {}); }",
      "import * as aws from '@pulumi/aws';",
      "import { helper } from './helper';",
      "helper('late');",
    );
    // A module that imports back the one that imports it gets its functions: they are declared first.
    const helper = program(
      "import * as aws from '@pulumi/aws';",
      "import { suffixed } from './index';",
      'export function helper(name: string) { return new aws.sqs.Queue(suffixed(name), {}); }',
    );
    const withSuffix =
      'export function suffixed(name: string) { return `${name}-queue`; }';
    expect(
      findings(
        `${text}\n${withSuffix}`,
        ['ENC-003'],
        [{ path: 'app/helper.ts', text: helper }],
      ),
    ).toEqual([
      'ENC-003 late-queue app/helper.ts:3',
      'ENC-003 early app/index.ts:2',
    ]);
  });

  it('exports the functions an export list names before any code of the module runs, as an ES module does', () => {
    const text = program(
      "import { early } from './helper';",
      'function suffixed(name: string) { return `${name}-queue`; }',
      'export { suffixed as withSuffix };',
    );
    // Run before the module that imports it back: the function it exports under another name is bound already.
    const helper = program(
      "import * as aws from '@pulumi/aws';",
      "import { withSuffix } from './index';",
      "export const early = new aws.sqs.Queue(withSuffix('early'), {});",
    );
    expect(
      findings(text, ['ENC-003'], [{ path: 'app/helper.ts', text: helper }]),
    ).toEqual(['ENC-003 early-queue app/helper.ts:3']);
  });

  it("takes a resource's attribute as set in a condition (IAM-004, DLQ-003, DLQ-004, ALM-002); a configured value as not known", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const config = new pulumi.Config();',
      "const table = new aws.dynamodb.Table('orders', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id', billingMode: 'PAY_PER_REQUEST' });",
      "const dlq = new aws.sqs.Queue('jobs-dlq', { sqsManagedSseEnabled: true });",
      'function worker(name: string, tableName?: pulumi.Input<string>, dlqArn?: pulumi.Input<string>) {',
      "  const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }), managedPolicyArns: [aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole] });",
      "  return new aws.lambda.Function(name, { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn,",
      '    environment: tableName ? { variables: { TABLE: tableName } } : undefined,',
      '    deadLetterConfig: dlqArn !== undefined ? { targetArn: dlqArn } : undefined });',
      '}',
      "worker('audit', table.name, dlq.arn);",
      "worker('configured', config.get('table'), config.get('dlq'));",
    );
    expect(
      findings(text, ['IAM-004', 'DLQ-003', 'DLQ-004', 'ALM-002']),
    ).toEqual([
      'ALM-002 jobs-dlq app/index.ts:5',
      'DLQ-003 jobs-dlq app/index.ts:5',
      'IAM-004 audit app/index.ts:9',
      'DLQ-004 audit app/index.ts:10',
    ]);
  });

  it("takes a resource's attribute as truthy, neither undefined nor null; what apply resolves it to, or a configured value, as not known", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const table = new aws.dynamodb.Table('orders', { attributes: [{ name: 'id', type: 'S' }], hashKey: 'id' });",
      "new aws.sqs.Queue('attribute', { sqsManagedSseEnabled: !table.name || table.arn === undefined || table.streamArn == null || !`${table.name}` });",
      "new aws.sqs.Queue('text', { sqsManagedSseEnabled: !pulumi.interpolate`${new pulumi.Config().get('prefix')}-orders` });",
      "new aws.sqs.Queue('resolved', { sqsManagedSseEnabled: table.streamArn.apply(arn => arn === undefined) });",
      "new aws.sqs.Queue('resolved-all', { sqsManagedSseEnabled: pulumi.all([table.name, table.streamArn]).apply(([, arn]) => !arn) });",
      "new aws.sqs.Queue('configured', { sqsManagedSseEnabled: !new pulumi.Config().get('prefix') });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 attribute app/index.ts:4',
      'ENC-003 text app/index.ts:5',
    ]);
  });

  it("takes a field a resource's subclass declares and has not set as not known, not as the resource's attribute (ENC-003)", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'class Jobs extends aws.sqs.Queue {',
      '  public readonly dlq?: aws.sqs.Queue;',
      '  constructor(name: string, withDlq: boolean) {',
      '    super(name, {});',
      '    if (withDlq) this.dlq = new aws.sqs.Queue(`${name}-dlq`, {});',
      '  }',
      '}',
      "const jobs = new Jobs('jobs', false);",
      "new aws.sqs.Queue('plain', { sqsManagedSseEnabled: !jobs.dlq });",
      "new aws.sqs.Queue('attribute', { sqsManagedSseEnabled: !jobs.arn });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 jobs app/index.ts:5',
      'ENC-003 attribute app/index.ts:11',
    ]);
  });

  it('takes a function or a queue handed to code of another package as maybe alarmed on there (ALM-001, ALM-002)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import { watch } from '@acme/monitoring';",
      "const role = new aws.iam.Role('role', { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }) });",
      "const dlq = new aws.sqs.Queue('dlq', {});",
      "const args = { runtime: 'nodejs22.x', handler: 'index.handler', role: role.arn, deadLetterConfig: { targetArn: dlq.arn } };",
      "const watched = new aws.lambda.Function('watched', args);",
      "new aws.lambda.Function('plain', args);",
      'watch({ fn: watched, queue: dlq });',
    );
    expect(findings(text, ['ALM-001', 'ALM-002'])).toEqual([
      'ALM-001 plain app/index.ts:7',
    ]);
  });

  it('reads a policy that is JSON text alone in pulumi.interpolate, pulumi.concat or a template as the text; with other parts, as not known', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      "const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });",
      "const document = aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ['*'], resources: ['*'] }] });",
      "new aws.iam.RolePolicy('interpolated', { role: 'r', policy: pulumi.interpolate`${text}` });",
      "new aws.iam.RolePolicy('document', { role: 'r', policy: pulumi.interpolate`\\n  ${document.json}\\n` });",
      "new aws.iam.RolePolicy('concatenated', { role: 'r', policy: pulumi.concat(text) });",
      "new aws.iam.RolePolicy('template', { role: 'r', policy: `${text}` });",
      "new aws.iam.RolePolicy('around', { role: 'r', policy: pulumi.interpolate`[${text}]` });",
    );
    expect(findings(text, ['IAM-002'])).toEqual([
      'IAM-002 interpolated app/index.ts:3',
      'IAM-002 concatenated app/index.ts:3',
      'IAM-002 template app/index.ts:3',
      'IAM-002 document app/index.ts:6',
    ]);
  });

  it('compares resources, instances and functions of the program by identity (`fn === api`)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      `const api = new aws.lambda.Function('api', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      `const worker = new aws.lambda.Function('worker', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      'for (const fn of [api, worker]) {',
      "  new aws.cloudwatch.LogGroup(fn === api ? 'api-logs' : 'worker-logs', { retentionInDays: fn === api ? 30 : undefined });",
      '}',
      `for (const fn of [api, worker].filter(fn => fn !== api)) { ${alarmFor(
        'fn',
      )} }`,
    );
    expect(findings(text, ['ALM-001', 'LOG-002'])).toEqual([
      'ALM-001 api app/index.ts:2',
      'LOG-002 worker-logs app/index.ts:5',
    ]);
  });

  it('leaves an object or a list Object.freeze froze unchanged by writes, which throw in a TypeScript module', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const frozen = Object.freeze({ sqsManagedSseEnabled: true });',
      'const open = { sqsManagedSseEnabled: true };',
      'try {',
      '  (frozen as any).sqsManagedSseEnabled = false;',
      '  (open as any).sqsManagedSseEnabled = false;',
      '} catch {}',
      'try { Object.assign(frozen, { sqsManagedSseEnabled: false }); } catch {}',
      "const names = Object.freeze(['orders']);",
      "try { (names as string[]).push('payments'); } catch {}",
      'for (const name of names) new aws.sqs.Queue(name, { ...frozen });',
      "new aws.sqs.Queue('audit', { ...open });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 audit app/index.ts:3',
    ]);
  });

  it('models a Map of resources: what set puts in it, get, has, size, values, keys, entries, forEach and a loop read (OPS-006, OPS-007)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const queues = new Map<string, aws.sqs.Queue>();',
      "for (const name of ['orders', 'payments']) queues.set(name, new aws.sqs.Queue(name, { sqsManagedSseEnabled: true }));",
      "const topics = new Map([['alerts', new aws.sns.Topic('alerts', {})]]);",
      "new aws.sns.Topic('audit', {});",
      'export const queueUrls = [...queues.values()].map(q => q.url);',
      "export const ordersArn = queues.get('orders')!.arn;",
      'export const topicArns: Record<string, unknown> = {};',
      'for (const [name, topic] of topics) topicArns[name] = topic.arn;',
      "export const counts = [queues.size, queues.has('orders'), queues.has('refunds'), [...queues.keys()].join(',')];",
      'queues.forEach((queue, name) => {',
      "  new aws.sqs.Queue(`${name}-dlq-${queues.size}`, { sqsManagedSseEnabled: name === 'orders' });",
      '});',
      "new aws.sqs.Queue(`${[...topics.entries()][0][0]}-${queues.get('refunds') === undefined}`, { sqsManagedSseEnabled: false });",
    );
    expect(findings(text, ['OPS-006', 'OPS-007', 'ENC-003'])).toEqual([
      'OPS-007 audit app/index.ts:5',
      'ENC-003 payments-dlq-2 app/index.ts:12',
      'OPS-007 orders-dlq-2 app/index.ts:12',
      'OPS-007 payments-dlq-2 app/index.ts:12',
      'ENC-003 alerts-true app/index.ts:14',
      'OPS-007 alerts-true app/index.ts:14',
    ]);
  });

  it('models a Set of resources: what add puts in it once, has, size, a loop, a spread and forEach read, a Map made of it (OPS-006, OPS-007)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "const orders = new aws.sqs.Queue('orders', { sqsManagedSseEnabled: true });",
      'const queues = new Set([orders, orders]);',
      "queues.add(new aws.sqs.Queue('payments', { sqsManagedSseEnabled: true }));",
      "new aws.sns.Topic('audit', {});",
      'export const queueUrls = [...queues].map(q => q.url);',
      'const byQueue = new Map([...queues].map(q => [q, q.arn]));',
      'for (const queue of queues) {',
      "  new aws.sqs.Queue(`dlq-${queue === orders ? 'orders' : 'payments'}-${queues.size}-${queues.has(queue)}-${byQueue.has(queue)}`, { sqsManagedSseEnabled: false });",
      '}',
      'new Set(queues).forEach((queue, same) => {',
      '  if (queue === orders) new aws.sqs.Queue(`copy-${queue === same}`, { sqsManagedSseEnabled: queue !== same });',
      '});',
    );
    expect(findings(text, ['OPS-006', 'OPS-007', 'ENC-003'])).toEqual([
      'OPS-007 audit app/index.ts:5',
      'ENC-003 dlq-orders-2-true-true app/index.ts:9',
      'ENC-003 dlq-payments-2-true-true app/index.ts:9',
      'OPS-007 dlq-orders-2-true-true app/index.ts:9',
      'OPS-007 dlq-payments-2-true-true app/index.ts:9',
      'ENC-003 copy-true app/index.ts:12',
      'OPS-007 copy-true app/index.ts:12',
    ]);
  });

  it('takes what a static function of Array, Map or Set not modelled is given as handed to code not known (ALM-001)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      `const handler = new aws.lambda.Function('handler', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      `const worker = new aws.lambda.Function('worker', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      `const lonely = new aws.lambda.Function('lonely', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      'export const byRuntime = Map.groupBy([handler], fn => fn.runtime);',
      'export const workers = Array.of(worker);',
      'export const known = Array.isArray([lonely]);',
    );
    expect(findings(text, ['ALM-001'])).toEqual([
      'ALM-001 lonely app/index.ts:4',
    ]);
  });

  it('hands the items of a list or the values of a Map to a callback of forEach or map not known statically (ALM-001)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import { alarms } from '@acme/monitoring';",
      'const fns = new Map<string, aws.lambda.Function>();',
      `fns.set('orders', new aws.lambda.Function('orders', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} }));`,
      `const list = [new aws.lambda.Function('billing', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} })];`,
      `new aws.lambda.Function('lonely', { runtime: 'nodejs22.x', handler: 'i.h', role: ${ROLE} });`,
      'fns.forEach(alarms.add.bind(alarms));',
      'list.map(alarms.add.bind(alarms));',
    );
    expect(findings(text, ['ALM-001'])).toEqual([
      'ALM-001 lonely app/index.ts:6',
    ]);
  });

  it("takes a Map's entry as not known where code not known, or a set or delete of a key not known, may have changed it; a Set's add of a value not known changes none; clear leaves none (ENC-003)", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import { applyDefaults } from './defaults';",
      "const settings = new Map<string, boolean>([['encrypt', false]]);",
      'applyDefaults(settings);',
      "new aws.sqs.Queue('handed', { sqsManagedSseEnabled: settings.get('encrypt') });",
      "const overrides = new Map<string, boolean>([['encrypt', false], ['fifo', false]]);",
      'overrides.set(process.env.SETTING!, true);',
      "new aws.sqs.Queue('replaced', { sqsManagedSseEnabled: overrides.get('encrypt'), fifoQueue: overrides.has('fifo') });",
      "overrides.set('encrypt', false);",
      "new aws.sqs.Queue('set-again', { sqsManagedSseEnabled: overrides.get('encrypt') });",
      "const plain = new Set(['audit']);",
      'plain.add(process.env.QUEUE!);',
      "new aws.sqs.Queue('audit', { sqsManagedSseEnabled: !plain.has('audit') });",
      'overrides.clear();',
      "new aws.sqs.Queue('cleared', { sqsManagedSseEnabled: overrides.size > 0 || overrides.has('encrypt') });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 set-again app/index.ts:10',
      'ENC-003 audit app/index.ts:13',
      'ENC-003 cleared app/index.ts:15',
    ]);
  });

  it('keys a Map or a Set by a function of the program whichever value reads it, as JavaScript compares functions (ENC-003)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'class Handlers { orders() {} billing() {} }',
      'const [first, second] = [new Handlers(), new Handlers()];',
      'const encrypted = new Map<Function, boolean>([[first.orders, true]]);',
      'const seen = new Set([first.billing]);',
      "new aws.sqs.Queue('orders', { sqsManagedSseEnabled: encrypted.get(second.orders) });",
      "new aws.sqs.Queue('billing', { sqsManagedSseEnabled: seen.has(first.billing) && !seen.has(first.orders) });",
      "new aws.sqs.Queue('other', { sqsManagedSseEnabled: encrypted.has(second.billing) });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 other app/index.ts:8',
    ]);
  });

  it('reads a Map that may lose entries many times (a delete in a branch, or of a key not known) in time linear in them', () => {
    const names = Array.from({ length: 40 }, (_, i) => `'q${i}'`).join(', ');
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const config = new pulumi.Config();',
      'const queues = new Map<string, aws.sqs.Queue>();',
      `const names = [${names}];`,
      'for (const name of names) queues.set(name, new aws.sqs.Queue(name, { sqsManagedSseEnabled: true }));',
      'for (const name of names) if (config.getBoolean(`skip-${name}`)) queues.delete(name);',
      "queues.delete(config.require('retired'));",
      "new aws.sqs.Queue('audit', { sqsManagedSseEnabled: false });",
      'export const urls = [...queues.values()].map(q => q.url);',
    );
    expect(findings(text, ['ENC-003', 'OPS-006', 'PARSE-001'])).toEqual([
      'ENC-003 audit app/index.ts:9',
    ]);
  });

  it('makes a list of what Array.from is given (a list, a Map, a Set, `{ length: n }`), its callback run on each as map runs (ENC-003, OPS-006)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const shards = Array.from({ length: 2 }, (_, i) => new aws.sqs.Queue(`shard-${i}`, { sqsManagedSseEnabled: i > 0 }));',
      'const queues = new Map<string, aws.sqs.Queue>();',
      "for (const name of ['orders', 'payments']) queues.set(name, new aws.sqs.Queue(name, { sqsManagedSseEnabled: true }));",
      'export const urls = Array.from(queues.values()).map(q => q.url);',
      'export const names = Object.fromEntries(queues);',
      "const made: any = JSON.parse(process.env.QUEUES ?? '[]');",
      'Array.from(made, (name: string) => new aws.sqs.Queue(name, { sqsManagedSseEnabled: Array.isArray(shards) && !Array.isArray(queues) ? false : true }));',
      'export const shardArns = Array.from(new Set(shards), shard => shard.arn);',
    );
    expect(findings(text, ['ENC-003', 'OPS-006'])).toEqual([
      'ENC-003 shard-0 app/index.ts:2',
      'ENC-003 name app/index.ts:8',
    ]);
  });

  it('runs a loop or a callback over a list of more than 50 items on the first 50 and once on an item standing for the rest', () => {
    const names = Array.from({ length: 60 }, (_, i) => `'q${i}'`).join(', ');
    const text = program(
      "import * as aws from '@pulumi/aws';",
      `const names = [${names}];`,
      'for (const name of names) {',
      "  if (name === 'q59' || name === 'q1') new aws.sqs.Queue(`loop-${name}`, { sqsManagedSseEnabled: false });",
      '}',
      "names.forEach(name => { if (name === 'q58') new aws.sqs.Queue(`each-${name}`, { sqsManagedSseEnabled: false }); });",
      "export const urls = names.map(name => new aws.sqs.Queue(`mapped-${name}`, { sqsManagedSseEnabled: name !== 'q0' }).url);",
    );
    expect(findings(text, ['ENC-003', 'OPS-006', 'OPS-007'])).toEqual([
      'ENC-003 loop-q1 app/index.ts:4',
      'ENC-003 loop-${name} app/index.ts:4',
      // Those of one line in the order they are made, as ENC-003's.
      'OPS-007 loop-q1 app/index.ts:4',
      'OPS-007 loop-${name} app/index.ts:4',
      'ENC-003 each-${name} app/index.ts:6',
      'OPS-007 each-${name} app/index.ts:6',
      // The queue mapped-${name} stands for q50…q59: whether each is encrypted is not known there.
      'ENC-003 mapped-q0 app/index.ts:7',
    ]);
  });

  it('writes undefined and null into a text as JavaScript does: "undefined" and "null" in a template, a + and pulumi.interpolate, nothing in join', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const stage: string | undefined = undefined;',
      'const owner = null;',
      'new aws.sqs.Queue(`orders-${stage}`, { sqsManagedSseEnabled: false });',
      "new aws.sqs.Queue('audit-' + owner, { sqsManagedSseEnabled: false });",
      "new aws.sqs.Queue(['jobs', stage, owner].join('-'), { sqsManagedSseEnabled: false });",
      "new aws.sqs.Queue('named', { name: pulumi.interpolate`named-${stage}`, sqsManagedSseEnabled: false });",
      "new aws.sqs.Queue('concat', { name: pulumi.concat('concat-', stage), sqsManagedSseEnabled: stage + 1 === 'x' });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 orders-undefined app/index.ts:5',
      'ENC-003 audit-null app/index.ts:6',
      'ENC-003 jobs-- app/index.ts:7',
      'ENC-003 named app/index.ts:8',
    ]);
    const graph = pulumiAdapter.load([
      { path: 'app/Pulumi.yaml', text: PROJECT },
      { path: 'app/index.ts', text },
    ]).graphs[0];
    expect(
      [...graph.resources].map(
        r => `${r.id} ${JSON.stringify(r.properties.QueueName)}`,
      ),
    ).toEqual([
      'orders-undefined undefined',
      'audit-null undefined',
      'jobs-- undefined',
      'named "named-undefined"',
      'concat "concat-"',
    ]);
  });

  it("declares what a static factory's `new this(…)`, a plain function called with `new`, a generator, a function bind made and a namespace merged with a class declare (ENC-003)", () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'class Jobs {',
      '  readonly queue: aws.sqs.Queue;',
      '  static named(name: string, sse = false) { return new this(name, sse); }',
      '  constructor(name: string, sse: boolean) { this.queue = new aws.sqs.Queue(name, { sqsManagedSseEnabled: sse }); }',
      '}',
      'namespace Jobs {',
      '  export const managed = true;',
      '  export function standard(name: string) { return Jobs.named(name, managed); }',
      '}',
      'function Audit(this: any, name: string, sse: boolean) {',
      '  this.queue = new aws.sqs.Queue(name, { sqsManagedSseEnabled: sse });',
      '}',
      'function* queues(names: string[], sse: boolean) {',
      '  for (const name of names) yield new aws.sqs.Queue(name, { sqsManagedSseEnabled: sse });',
      '}',
      'function queue(sse: boolean, name: string) {',
      '  return new aws.sqs.Queue(name, { sqsManagedSseEnabled: sse });',
      '}',
      "Jobs.named('orders');",
      "Jobs.standard('billing');",
      "const audit = new (Audit as any)('audit', false);",
      "new (Audit as any)('trail', true);",
      "const made = [...queues(['reports', 'exports'], false)];",
      'const plain = queue.bind(null, false);',
      "plain('archive');",
      "new aws.sqs.Queue('copy', { sqsManagedSseEnabled: audit.queue === made[1] });",
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 orders app/index.ts:5',
      'ENC-003 audit app/index.ts:12',
      'ENC-003 reports app/index.ts:15',
      'ENC-003 exports app/index.ts:15',
      'ENC-003 archive app/index.ts:18',
      'ENC-003 copy app/index.ts:27',
    ]);
  });

  it('runs a for, while or do loop round by round while its condition is known, each round with its own loop variable (ENC-003)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'const made: aws.sqs.Queue[] = [];',
      'for (let i = 0; i < 3; i++) {',
      '  if (i === 2) break;',
      '  made.push(new aws.sqs.Queue(`shard-${i}`, { sqsManagedSseEnabled: i === 1 }));',
      '}',
      'let n = 0;',
      'while (n < made.length) new aws.sqs.Queue(`copy-${n++}`, { sqsManagedSseEnabled: n === 2 });',
    );
    expect(findings(text, ['ENC-003'])).toEqual([
      'ENC-003 shard-0 app/index.ts:5',
      'ENC-003 copy-0 app/index.ts:8',
    ]);
  });

  it('reports what a loop whose rounds are not known makes at partial confidence, as CDK does: a condition or a list not known, the rounds past 50 (ENC-003, ALM-001, DLQ-005, IAM-002)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      "import * as pulumi from '@pulumi/pulumi';",
      'const config = new pulumi.Config();',
      "for (let i = 0; i < config.requireNumber('shards'); i++) new aws.sqs.Queue(`shard-${i}`, {});",
      "for (const name of config.requireObject<string[]>('names')) new aws.sqs.Queue(name, {});",
      "config.requireObject<string[]>('extras').forEach(name => new aws.sqs.Queue(`${name}-extra`, {}));",
      'for (let i = 0; i < 52; i++) if (i === 0 || i === 51) new aws.sqs.Queue(`capped-${i}`, {});',
      "for (const name of config.requireObject<string[]>('jobs')) new aws.sqs.Queue(`${name}-jobs`, { sqsManagedSseEnabled: true }).onEvent(`${name}-worker`, async () => {});",
      // Rounds known: each round's queue at high confidence.
      "for (const name of ['orders', 'billing']) new aws.sqs.Queue(name, {});",
      'for (let i = 0; i < 2; i++) new aws.sqs.Queue(`counted-${i}`, {});',
    );
    expect(
      scanPulumiProgram(text, ['ENC-003', 'ALM-001', 'DLQ-005', 'IAM-002']).map(
        f =>
          `${f.ruleId} ${f.generatedResourceId ?? f.resourceId} ${f.line} ${
            f.confidence
          }`,
      ),
    ).toEqual([
      'ENC-003 shard-${i} 4 partial',
      'ENC-003 name 5 partial',
      'ENC-003 ${name}-extra 6 partial',
      // Rounds past 50 are not known: the one standing for them is named by its name's text.
      'ENC-003 capped-0 7 high',
      'ENC-003 capped-${i} 7 partial',
      // What a subscription in such a loop makes: the CallbackFunction, its mapping and the role made for it.
      'ALM-001 ${name}-worker 8 partial',
      'DLQ-005 ${name}-worker-mapping 8 partial',
      'IAM-002 ${name}-worker-role 8 partial',
      'ENC-003 orders 9 high',
      'ENC-003 billing 9 high',
      'ENC-003 counted-0 10 high',
      'ENC-003 counted-1 10 high',
    ]);
  });

  it('reports what a generator read in part makes at partial confidence, as CDK does: next(), a loop that breaks or returns, a destructuring without rest; one read in full at high (ENC-003)', () => {
    const text = program(
      "import * as aws from '@pulumi/aws';",
      'function* pair(prefix: string) {',
      '  yield new aws.sqs.Queue(`${prefix}-a`, {});',
      '  yield new aws.sqs.Queue(`${prefix}-b`, {});',
      '}',
      'function firstOf() {',
      "  for (const queue of pair('returned')) return queue;",
      '}',
      "pair('next').next();",
      "for (const queue of pair('broken')) break;",
      "const [first] = pair('destructured');",
      'firstOf();',
      "const all = [...pair('spread')];",
      "const [head, ...rest] = pair('rest');",
      "for (const queue of pair('looped')) queue.url;",
    );
    const partly = ['next', 'broken', 'destructured', 'returned'];
    const inFull = ['spread', 'rest', 'looped'];
    expect(
      scanPulumiProgram(text, ['ENC-003']).map(
        f => `${f.resourceId} ${f.line} ${f.confidence}`,
      ),
    ).toEqual([
      ...partly.map(prefix => `${prefix}-a 3 partial`),
      ...inFull.map(prefix => `${prefix}-a 3 high`),
      ...partly.map(prefix => `${prefix}-b 4 partial`),
      ...inFull.map(prefix => `${prefix}-b 4 high`),
    ]);
  });
});
