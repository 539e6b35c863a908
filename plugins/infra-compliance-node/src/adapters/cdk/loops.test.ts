/**
 * Constructs made in loops: named by their construct paths, as far as they are known, told apart by equality, and what rules find
 * on those made in a loop whose rounds are not known statically reported at partial confidence.
 */
import { cdkStackSource, scanCdkStack } from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 9; `config` read from a file not scanned. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import * as config from '../config.json';`,
    `    const sse = { encryption: sqs.QueueEncryption.SQS_MANAGED };
${body}`,
  );

const findings = (text: string) =>
  scanCdkStack(text, ['DLQ-003']).map(
    f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.confidence}`,
  );

describe('CDK constructs made in loops', () => {
  it('are named by the id as written where the rounds are not known statically, and reported at partial confidence', () => {
    const text = stack(`    for (let q = 0; q < config.queues.length; q++) {
      const dead = new sqs.Queue(this, \`dead-\${q + 1}\`, sse);
      new sqs.Queue(this, \`work-\${q + 1}\`, { ...sse, deadLetterQueue: { queue: dead, maxReceiveCount: 3 } });
    }
    for (const name of config.names) {
      const parked = new sqs.Queue(this, name, sse);
      new sqs.Queue(this, \`\${name}-work\`, { ...sse, deadLetterQueue: { queue: parked, maxReceiveCount: 3 } });
    }
    config.extra.forEach((name: string) => new sqs.Queue(this, \`\${name}-extra\`, { ...sse, deadLetterQueue: { queue: new sqs.Queue(this, \`\${name}-parked\`, sse), maxReceiveCount: 3 } }));
    // Rounds known: each its own queues, by their ids.
    for (const name of ['orders', 'billing']) {
      const spare = new sqs.Queue(this, \`\${name}-spare\`, sse);
      new sqs.Queue(this, name, { ...sse, deadLetterQueue: { queue: spare, maxReceiveCount: 3 } });
    }`);
    expect(findings(text)).toEqual([
      'DLQ-003 dead-${q + 1} 10 partial',
      // An id not known at all: the variable it is assigned to.
      'DLQ-003 parked 14 partial',
      'DLQ-003 ${name}-parked 17 partial',
      'DLQ-003 orders-spare 20 high',
      'DLQ-003 billing-spare 20 high',
    ]);
  });

  it('tell their items apart by loose equality as by strict: a construct == itself, != another (IAM-004 finds the grant the loop leaves out, as in the synthesized template)', () => {
    const text = cdkStackSource(
      `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';`,
      `    const dlq = new sqs.Queue(this, 'Dlq', { retentionPeriod: cdk.Duration.days(14) });
    const orders = new sqs.Queue(this, 'Orders', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), environment: { ORDERS: orders.queueUrl, DLQ: dlq.queueUrl } });
    for (const queue of [orders, dlq]) {
      if (queue != dlq) queue.grantSendMessages(fn);
      if (queue == dlq) queue.grantConsumeMessages(fn);
    }`,
    );
    expect(
      scanCdkStack(text, ['IAM-004']).map(
        f => `${f.ruleId} ${f.resourceId} ${f.line}`,
      ),
    ).toEqual(['IAM-004 Fn 10']);
  });

  it('are in the order they are made: OPS-006 names the first a loop makes, as in the synthesized template, not the first by id', () => {
    const text = stack(
      `    for (const name of ['Orders', 'Audit']) new sqs.Queue(this, name, sse);`,
    );
    expect(
      scanCdkStack(text, ['OPS-006']).map(
        f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.message}`,
      ),
    ).toEqual([
      'OPS-006 Orders 9 The stack has no outputs, so it exports nothing about its queue Orders and queue Audit: consumers must look up their URL, name or ARN by hand.',
    ]);
  });

  it('are in the order they are made wherever they are written: OPS-006 names the first the app makes, as synth writes it, not one a construct class written above the stack makes later', () => {
    const text = cdkStackSource(
      `import * as cdk from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
class Service extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new sqs.Queue(this, 'Jobs', { encryption: sqs.QueueEncryption.SQS_MANAGED });
  }
}`,
      `    new sns.Topic(this, 'Events');
    new Service(this, 'Service');`,
    );
    expect(
      scanCdkStack(text, ['OPS-006']).map(
        f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.message}`,
      ),
    ).toEqual([
      'OPS-006 Events 14 The stack has no outputs, so it exports nothing about its topic Events and queue Service/Jobs: consumers must look up their URL, name or ARN by hand.',
    ]);
  });
});
