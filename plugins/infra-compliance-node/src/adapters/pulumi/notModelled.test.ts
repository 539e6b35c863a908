/**
 * The resources of @pulumi/aws a program declares of types the engine does not model (ReadProgram.notModelled): they
 * are not in the graph, so the report lists them, by type, as not judged.
 */
import { scanFiles, selectRules } from '../../engine/scan';

const PROGRAM = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const config = new pulumi.Config();
const vpc = new aws.ec2.Vpc('vpc', { cidrBlock: '10.0.0.0/16' });
for (const az of ['a', 'b']) new aws.ec2.VpcEndpoint(\`s3-\${az}\`, { vpcId: vpc.id, serviceName: 'com.amazonaws.eu-west-1.s3' });
class Versioned extends aws.s3.BucketVersioningV2 {}
new Versioned('logs', { bucket: 'logs', versioningConfiguration: { status: 'Enabled' } });
const role = new aws.iam.Role('worker', { assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }) });
new aws.iam.RolePolicyAttachment('worker-logs', { role: role.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
if (config.getBoolean('flowLogs')) new aws.ec2.FlowLog('flow', { vpcId: vpc.id, trafficType: 'ALL' });
`;

const YAML_PROGRAM = `resources:
  vpc:
    type: aws:ec2:Vpc
    properties:
      cidrBlock: 10.0.0.0/16
  s3:
    type: aws:ec2:VpcEndpoint
    properties:
      vpcId: \${vpc.id}
      serviceName: com.amazonaws.eu-west-1.s3
  dynamodb:
    type: aws:ec2/vpcEndpoint:VpcEndpoint
    properties:
      vpcId: \${vpc.id}
      serviceName: com.amazonaws.eu-west-1.dynamodb
`;

describe('resources of types not modelled', () => {
  it('are listed on their program by type as written (a YAML token by its short form), with how many it declares, subclasses, loops and what a default leaves out counted; modelled types left out', () => {
    const report = scanFiles(
      [
        {
          path: 'app/Pulumi.yaml',
          text: 'name: app\nruntime: nodejs\nconfig:\n  flowLogs:\n    default: false\n',
        },
        { path: 'app/index.ts', text: PROGRAM },
        {
          path: 'infra/Pulumi.yaml',
          text: `name: infra\nruntime: yaml\n${YAML_PROGRAM}`,
        },
      ],
      selectRules(['OPS-003']),
    );
    expect(report.programs).toEqual([
      {
        format: 'pulumi',
        project: 'app/Pulumi.yaml',
        main: 'app/index.ts',
        files: ['app/index.ts'],
        notModelled: [
          { type: 'aws.ec2.FlowLog', count: 1 },
          { type: 'aws.ec2.VpcEndpoint', count: 2 },
          { type: 'aws.s3.BucketVersioningV2', count: 1 },
        ],
      },
      {
        format: 'pulumi',
        project: 'infra/Pulumi.yaml',
        main: 'infra/Pulumi.yaml',
        files: ['infra/Pulumi.yaml'],
        notModelled: [{ type: 'aws:ec2:VpcEndpoint', count: 2 }],
      },
    ]);
    // Only what is modelled is judged.
    expect(report.findings.map(f => `${f.ruleId} ${f.resourceId}`)).toEqual([
      'OPS-003 vpc',
      'OPS-003 worker',
      'OPS-003 vpc',
    ]);
  });

  it("leave out a dynamodb.TableReplica, which the adapter adds to its table's replicas, in TypeScript and YAML", () => {
    const program = `import * as aws from '@pulumi/aws';
const orders = new aws.dynamodb.Table('orders', { hashKey: 'id', attributes: [{ name: 'id', type: 'S' }] });
new aws.dynamodb.TableReplica('west', { globalTableArn: orders.arn, region: 'us-west-2' });
`;
    const yaml = `resources:
  orders:
    type: aws:dynamodb:Table
    properties:
      hashKey: id
      attributes:
        - name: id
          type: S
  west:
    type: aws:dynamodb:TableReplica
    properties:
      globalTableArn: \${orders.arn}
      region: us-west-2
`;
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: 'name: app\nruntime: nodejs\n' },
        { path: 'app/index.ts', text: program },
        {
          path: 'infra/Pulumi.yaml',
          text: `name: infra\nruntime: yaml\n${yaml}`,
        },
      ],
      selectRules(['OPS-004']),
    );
    expect(report.programs?.map(read => read.notModelled)).toEqual([
      undefined,
      undefined,
    ]);
    // Judged on its table, with the table's own point-in-time recovery.
    expect(
      report.findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.file}:${f.line}`,
      ),
    ).toEqual([
      'OPS-004 orders app/index.ts:2',
      'OPS-004 orders app/index.ts:3',
      'OPS-004 orders infra/Pulumi.yaml:4',
      'OPS-004 orders infra/Pulumi.yaml:11',
    ]);
  });

  it('leave out what subscriptions generate, whose wiring is modelled; an EventTarget the program declares is listed', () => {
    const program = `import * as aws from '@pulumi/aws';
const rule = new aws.cloudwatch.EventRule('nightly', { scheduleExpression: 'cron(0 2 * * ? *)' });
rule.onEvent('report', async () => {});
aws.cloudwatch.onSchedule('cleanup', 'rate(1 hour)', async () => {});
const audit = new aws.lambda.CallbackFunction('audit', { callback: async () => {} });
new aws.cloudwatch.EventTarget('audit-nightly', { rule: rule.name, arn: audit.arn });
`;
    const report = scanFiles(
      [
        { path: 'app/Pulumi.yaml', text: 'name: app\nruntime: nodejs\n' },
        { path: 'app/index.ts', text: program },
      ],
      selectRules(['OPS-003']),
    );
    expect(report.programs?.[0].notModelled).toEqual([
      { type: 'aws.cloudwatch.EventTarget', count: 1 },
    ]);
  });
});
