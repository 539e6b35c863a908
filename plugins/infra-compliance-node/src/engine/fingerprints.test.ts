/**
 * A finding's fingerprint (rule + file + resource + property) is its identity
 * across scans: the backend keeps one finding per fingerprint, a baseline
 * matches by it, and the scan merges the findings of code two stacks share
 * that have one fingerprint and one line. Two findings of one report must
 * never share one. Checked on the examples, on the shared corpus where it is
 * present, and on inputs of each format written to make two findings look
 * alike: resources of one id in several stacks, programs or module calls,
 * several suppressions or parse problems alike, a failure about several
 * things at one place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Finding } from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { SourceFile } from '../adapters/types';
import { fingerprint } from './evaluateGraph';
import { ScanResult, scanFiles, scanPath, selectRules } from './scan';

jest.setTimeout(120_000);

const EXAMPLES = path.resolve(__dirname, '../../../../examples');
const CORPUS = '/work/shared/corpus';

/** The findings that share a fingerprint with another of the report, as `rule file:line resource property`, by fingerprint. */
function sharedFingerprints(findings: readonly Finding[]): string[][] {
  const byFingerprint = new Map<string, Finding[]>();
  for (const finding of findings)
    byFingerprint.set(finding.fingerprint, [
      ...(byFingerprint.get(finding.fingerprint) ?? []),
      finding,
    ]);
  return [...byFingerprint.values()]
    .filter(group => group.length > 1)
    .map(group =>
      group.map(f =>
        `${f.ruleId} ${f.file}:${f.line} ${f.resourceId} ${
          f.property ?? ''
        }`.trim(),
      ),
    );
}

/** Every rule on files already read. */
const scanAll = (files: SourceFile[]) => scanFiles(files, selectRules());

/** `rule file:line resource` of each finding of `rule`. */
const placesOf = (report: Pick<ScanResult, 'findings'>, rule: string) =>
  report.findings
    .filter(f => f.ruleId === rule)
    .map(f => `${f.ruleId} ${f.file}:${f.line} ${f.resourceId}`);

const CDK_JSON = '{ "app": "npx ts-node bin/app.ts" }';
const CDK_IMPORTS = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
`;

describe('a finding’s property, which its fingerprint holds', () => {
  it('is its path written with dots, an index in brackets; a key holding a bracket is joined as ever, each `.[` dropped', () => {
    const report = scanFiles(
      [
        {
          path: 'cfn/template.yaml',
          text: `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          ORDERS: !Ref Orders
          '[REFUNDS].url': !Ref Refunds
          'RETURNS.[0]': !Ref Returns
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Orders:
    Type: AWS::SQS::Queue
  Refunds:
    Type: AWS::SQS::Queue
  Returns:
    Type: AWS::SQS::Queue
`,
        },
      ],
      selectRules(['IAM-004']),
    );
    const properties = [
      'Environment.Variables.ORDERS',
      'Environment.Variables[REFUNDS].url',
      'Environment.Variables.RETURNS[0]',
    ];
    expect(report.findings.map(f => [f.property, f.fingerprint])).toEqual(
      properties.map(property => [
        property,
        fingerprint('IAM-004', 'cfn/template.yaml', 'Fn', property),
      ]),
    );
  });
});

describe('no two findings of a report share a fingerprint', () => {
  it('in the examples', async () => {
    const report = await scanPath(EXAMPLES);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(sharedFingerprints(report.findings)).toEqual([]);
  });

  // The corpus of public projects is kept beside the repository, where it is.
  (fs.existsSync(CORPUS) ? describe : describe.skip)(
    'in the shared corpus',
    () => {
      it('of public projects in every format', async () => {
        const report = await scanPath(CORPUS);
        expect(report.findings.length).toBeGreaterThan(1000);
        expect(sharedFingerprints(report.findings)).toEqual([]);
      });
    },
  );

  it('in CloudFormation: parse problems, suppressions and failures alike on one resource', () => {
    const report = scanAll([
      {
        path: 'cfn/template.yaml',
        text: `Resources:
  # infra-compliance:suppress=DLQ-001
  Fn: # infra-compliance:suppress=DLQ-001
    Type: AWS::Lambda::Function
    Metadata:
      infra-compliance:
        suppress:
          - id: DLQ-001
          - id: NOPE-001
          - id: NOPE-001
    Properties:
      Role: !GetAtt Role.Arn
      Environment:
        Variables:
          QUEUES: !Join [',', [!Ref Orders, !Ref Refunds]]
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Orders:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: orders
      QueueName: orders-v2
  Refunds:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: refunds
      QueueName: refunds-v2
`,
      },
    ]);
    expect(placesOf(report, 'PARSE-001')).toEqual([
      'PARSE-001 cfn/template.yaml:24 ',
      'PARSE-001 cfn/template.yaml:29 ',
    ]);
    expect(placesOf(report, 'SUP-001')).toEqual([
      'SUP-001 cfn/template.yaml:2 Fn',
      'SUP-001 cfn/template.yaml:3 Fn',
      'SUP-001 cfn/template.yaml:8 Fn',
      'SUP-001 cfn/template.yaml:9 Fn',
      'SUP-001 cfn/template.yaml:10 Fn',
    ]);
    expect(placesOf(report, 'IAM-004')).toEqual([
      'IAM-004 cfn/template.yaml:15 Fn',
      'IAM-004 cfn/template.yaml:15 Fn',
    ]);
    expect(sharedFingerprints(report.findings)).toEqual([]);
  });

  it('in SAM: resources a function, an API and a state machine generate', () => {
    const report = scanAll([
      {
        path: 'sam/template.yaml',
        text: `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs16.x
      Handler: index.handler
      CodeUri: .
      AutoPublishAlias: live
      Policies:
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: '*'
      Events:
        Get:
          Type: Api
          Properties: { Path: /a, Method: get }
        Http:
          Type: HttpApi
        Tick:
          Type: Schedule
          Properties: { Schedule: rate(1 minute) }
        Jobs:
          Type: SQS
          Properties: { Queue: !GetAtt Jobs.Arn }
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs16.x
      Handler: index.handler
      CodeUri: .
      Events:
        Get:
          Type: Api
          Properties: { Path: /b, Method: get, RestApiId: !Ref Api }
        Http:
          Type: HttpApi
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {}
      Events:
        Tick:
          Type: Schedule
          Properties: { Schedule: rate(1 minute) }
  Jobs:
    Type: AWS::SQS::Queue
`,
      },
    ]);
    expect(report.findings.length).toBeGreaterThan(10);
    expect(sharedFingerprints(report.findings)).toEqual([]);
  });

  it('in Terraform: a module called twice, suppressions alike, a failure about two queues at one place', () => {
    const report = scanAll([
      {
        path: 'tf/main.tf',
        text: `module "orders" {
  source = "./queue"
  name   = "orders"
}
module "refunds" {
  source = "./queue"
  name   = "refunds"
}
module "workers" {
  source   = "./queue"
  for_each = toset(["a", "b"])
  name     = each.key
}
resource "aws_iam_role" "fn" {
  assume_role_policy = "{}"
}
# infra-compliance:suppress=ENC-003
resource "aws_sqs_queue" "jobs" { # infra-compliance:suppress=ENC-003
  name = "jobs"
}
resource "aws_sqs_queue" "retries" {
  name = "retries"
}
resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"
  environment {
    variables = {
      QUEUES = "\${aws_sqs_queue.jobs.url},\${aws_sqs_queue.retries.url}"
    }
  }
}
`,
      },
      {
        path: 'tf/queue/main.tf',
        text: `variable "name" {}
# infra-compliance:suppress=OPS-003
resource "aws_sqs_queue" "this" {
  name = var.name
}
`,
      },
    ]);
    expect(placesOf(report, 'IAM-004')).toEqual([
      'IAM-004 tf/main.tf:32 aws_lambda_function.fn',
      'IAM-004 tf/main.tf:32 aws_lambda_function.fn',
    ]);
    expect(placesOf(report, 'SUP-001')).toEqual([
      'SUP-001 tf/main.tf:17 aws_sqs_queue.jobs',
      'SUP-001 tf/main.tf:18 aws_sqs_queue.jobs',
      'SUP-001 tf/queue/main.tf:2 module.orders.aws_sqs_queue.this',
      'SUP-001 tf/queue/main.tf:2 module.refunds.aws_sqs_queue.this',
      'SUP-001 tf/queue/main.tf:2 module.workers.aws_sqs_queue.this',
    ]);
    expect(sharedFingerprints(report.findings)).toEqual([]);
  });

  it('in Pulumi: a component used twice, suppressions alike, and a module two projects share', () => {
    const project = (name: string) => ({
      path: `${name}/Pulumi.yaml`,
      text: `name: ${name}\nruntime: nodejs\n`,
    });
    const report = scanAll([
      project('orders'),
      project('billing'),
      {
        path: 'orders/index.ts',
        text: `import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
import { queue } from '../shared/queues';
class Database extends pulumi.ComponentResource {
  constructor(name: string) {
    super('demo:Database', name, {});
    new aws.sqs.Queue(\`\${name}-jobs\`, {}, { parent: this });
  }
}
new Database('primary');
new Database('replica');
// infra-compliance:suppress=ENC-003
// infra-compliance:suppress=ENC-003
new aws.sqs.Queue('audit', {});
queue('jobs');
`,
      },
      {
        path: 'billing/index.ts',
        text: "import { deadLetters } from '../shared/queues';\ndeadLetters('jobs');\n",
      },
      {
        path: 'shared/queues.ts',
        text: `import * as aws from '@pulumi/aws';
export function queue(name: string) {
  return new aws.sqs.Queue(name, {});
}
export function deadLetters(name: string) {
  return new aws.sqs.Queue(name, { messageRetentionSeconds: 1209600 });
}
`,
      },
    ]);
    expect(
      placesOf(report, 'ENC-003').filter(place => place.includes('shared/')),
    ).toEqual([
      'ENC-003 shared/queues.ts:3 jobs',
      'ENC-003 shared/queues.ts:6 jobs',
    ]);
    expect(placesOf(report, 'SUP-001')).toEqual([
      'SUP-001 orders/index.ts:12 audit',
      'SUP-001 orders/index.ts:13 audit',
    ]);
    expect(sharedFingerprints(report.findings)).toEqual([]);
  });

  it('in CDK: resources, outputs and suppressions of one path in stacks of one name, of one id, of a scope not known', () => {
    const report = scanAll([
      { path: 'cdk/cdk.json', text: CDK_JSON },
      {
        path: 'cdk/bin/app.ts',
        text: `${CDK_IMPORTS}
class Database extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs');
  }
}
const app = new cdk.App();
const orders = new cdk.Stack(app, 'Orders');
const billing = new cdk.Stack(app, 'Billing');
// infra-compliance:suppress=ENC-003
new sqs.Queue(orders, 'Audit');
// infra-compliance:suppress=ENC-003
new sqs.Queue(billing, 'Audit');
// infra-compliance:suppress=OPS-003
new Database(orders, 'Db');
// infra-compliance:suppress=OPS-003
new Database(billing, 'Db');
new cdk.CfnOutput(orders, 'Url', { value: 'arn:aws:sqs:us-east-1:123456789012:orders' });
new cdk.CfnOutput(billing, 'Url', { value: 'arn:aws:sqs:us-east-1:123456789012:billing' });
new sqs.Queue(new cdk.Stack(new cdk.Stage(app, 'Prod'), 'Api'), 'Work');
new sqs.Queue(new cdk.Stack(new cdk.Stage(app, 'Beta'), 'Api'), 'Work');
new sqs.Queue(new cdk.Stack(new cdk.Stage(app, 'Dev'), 'Api'), 'Work');
declare const somewhere: Construct;
new sqs.Queue(orders, 'Lost');
new sqs.Queue(somewhere, 'Lost');
`,
      },
    ]);
    expect(placesOf(report, 'SUP-001')).toEqual([
      'SUP-001 cdk/bin/app.ts:14 Audit',
      'SUP-001 cdk/bin/app.ts:16 Audit',
      'SUP-001 cdk/bin/app.ts:18 Db',
      'SUP-001 cdk/bin/app.ts:20 Db',
    ]);
    expect(placesOf(report, 'OPS-002')).toEqual([
      'OPS-002 cdk/bin/app.ts:22 Outputs.Url',
      'OPS-002 cdk/bin/app.ts:23 Outputs.Url',
    ]);
    expect(
      placesOf(report, 'ENC-003').filter(place => /Work|Lost/.test(place)),
    ).toEqual([
      'ENC-003 cdk/bin/app.ts:24 Work',
      'ENC-003 cdk/bin/app.ts:25 Work',
      'ENC-003 cdk/bin/app.ts:26 Work',
      'ENC-003 cdk/bin/app.ts:28 Lost',
      'ENC-003 cdk/bin/app.ts:29 Lost',
    ]);
    expect(sharedFingerprints(report.findings)).toEqual([]);
  });

  it('in CDK: a construct library two apps share', () => {
    const app = (name: string, make: string) => [
      { path: `${name}/cdk.json`, text: CDK_JSON },
      {
        path: `${name}/bin/app.ts`,
        text: `import * as cdk from 'aws-cdk-lib';\nimport { ${make} } from '../../lib/queues';\n${make}(new cdk.Stack(new cdk.App(), 'Service'));\n`,
      },
    ];
    const report = scanAll([
      ...app('orders', 'queue'),
      ...app('billing', 'deadLetters'),
      {
        path: 'lib/queues.ts',
        text: `${CDK_IMPORTS}export function queue(scope: Construct) {
  return new sqs.Queue(scope, 'Jobs');
}
export function deadLetters(scope: Construct) {
  return new sqs.Queue(scope, 'Jobs', { retentionPeriod: cdk.Duration.days(14) });
}
`,
      },
    ]);
    expect(placesOf(report, 'ENC-003')).toEqual([
      'ENC-003 lib/queues.ts:5 Jobs',
      'ENC-003 lib/queues.ts:8 Jobs',
    ]);
    expect(sharedFingerprints(report.findings)).toEqual([]);
  });
});
