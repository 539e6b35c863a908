/**
 * The lines of findings on a property of a CDK app's resource: that of the key of the props that sets it, where the
 * code writes one (by the L2's prop, `retention` for a log group's RetentionInDays, or the L1's name, `runtime`);
 * the construct's line where CDK derives or defaults the property.
 */
import { scanFiles, selectRules } from '../../engine/scan';
import { cdkStackFiles, cdkStackSource } from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 10. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';`,
    body,
  );

const findingsOf = (body: string, ruleIds: string[]) =>
  scanFiles(cdkStackFiles(stack(body)), selectRules(ruleIds), {
    now: new Date('2026-12-04T00:00:00Z'),
    ruleOptions: { 'LOG-002': { minRetentionDays: 30 } },
  })
    .findings.map(
      f => `${f.ruleId} ${f.resourceId} ${f.property ?? '-'} ${f.line}`,
    )
    .sort();

describe('lines of findings on the props of a CDK construct', () => {
  it('are the lines of the props that set the properties', () => {
    expect(
      findingsOf(
        `    const queue = new sqs.Queue(this, 'WorkQueue', {
      encryption: sqs.QueueEncryption.UNENCRYPTED,
      visibilityTimeout: cdk.Duration.seconds(30),
    });
    const worker = new lambda.Function(this, 'Worker', {
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
      runtime: lambda.Runtime.NODEJS_16_X,
      timeout: cdk.Duration.seconds(60),
    });
    worker.addEventSource(new SqsEventSource(queue));
    new logs.LogGroup(this, 'Logs', {
      logGroupName: '/app/logs',
      retention: logs.RetentionDays.ONE_DAY,
    });`,
        ['OPS-005', 'DLQ-006', 'LOG-002', 'ENC-003'],
      ),
    ).toEqual([
      'DLQ-006 WorkQueue VisibilityTimeout 12',
      'ENC-003 WorkQueue SqsManagedSseEnabled 11',
      'LOG-002 Logs RetentionInDays 23',
      'OPS-005 Worker Runtime 17',
    ]);
  });

  it("is the line of a role's assumedBy for its trust policy, which assumedBy sets", () => {
    const roleStack = cdkStackSource(
      `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';`,
      `    new iam.Role(this, 'StateMachineRole', {
      assumedBy: new iam.ServicePrincipal('states.us-west-2.amazonaws.com'),
    });`,
    );
    expect(
      scanFiles(
        cdkStackFiles(roleStack),
        selectRules(['OPS-002']),
      ).findings.map(
        f => `${f.ruleId} ${f.resourceId} ${f.property} ${f.line}`,
      ),
    ).toEqual([
      'OPS-002 StateMachineRole AssumeRolePolicyDocument.Statement[0].Principal.Service 8',
    ]);
  });

  it('are the lines of the keys of props given as a variable', () => {
    expect(
      findingsOf(
        `    const props = {
      handler: 'index.handler',
      code: lambda.Code.fromAsset('src'),
      runtime: lambda.Runtime.NODEJS_16_X,
    };
    new lambda.Function(this, 'Worker', props);`,
        ['OPS-005'],
      ),
    ).toEqual(['OPS-005 Worker Runtime 13']);
  });

  it('are the construct line where CDK defaults or derives the property', () => {
    expect(
      findingsOf(
        `    new logs.LogGroup(this, 'Logs', {
      logGroupName: '/app/logs',
      retention: logs.RetentionDays.INFINITE,
    });
    new sqs.Queue(this, 'Plain', {
      queueName: 'plain',
    });`,
        ['LOG-002', 'ENC-003'],
      ),
    ).toEqual(['ENC-003 Plain - 14', 'LOG-002 Logs - 10']);
  });
});
