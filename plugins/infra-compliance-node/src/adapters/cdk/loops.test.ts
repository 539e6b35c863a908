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

  it('are made round by round in a for, while or do loop whose condition is known, each of its own id; after a round not known, once at partial confidence (ENC-003, DLQ-003)', () => {
    const text =
      stack(`    const plain = { retentionPeriod: cdk.Duration.days(14) };
    for (let i = 0; i < 3; i++) {
      if (i === 1) continue;
      new sqs.Queue(this, \`Shard\${i}\`, plain);
    }
    let n = 0;
    while (true) {
      new sqs.Queue(this, \`W\${n}\`, plain);
      if (++n >= 2) break;
    }
    let m = 0;
    do new sqs.Queue(this, \`D\${m}\`, sse); while (++m < 2);
    const names = ['Orders', 'Billing'];
    const dead: sqs.Queue[] = [];
    for (let k = 0; k < names.length; k++) dead.push(new sqs.Queue(this, \`\${names[k]}Dead\`, sse));
    dead.forEach((queue, k) => new sqs.Queue(this, names[k], { ...sse, deadLetterQueue: { queue, maxReceiveCount: 3 } }));
    for (let r = 0; r < config.rounds; r++) new sqs.Queue(this, \`R\${r}\`, plain);
    for (let c = 0; c < 2; c++) {
      new sqs.Queue(this, \`C\${c}\`, plain);
      if (config.stop) break;
    }`);
    // cdk synth (config.rounds 1, config.stop false): Shard0, Shard2, W0, W1, R0, C0 and C1 without
    // SqsManagedSseEnabled; OrdersDead and BillingDead dead-letter queues kept 4 days.
    expect(
      scanCdkStack(text, ['ENC-003', 'DLQ-003']).map(
        f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.confidence}`,
      ),
    ).toEqual([
      'ENC-003 Shard0 12 high',
      'ENC-003 Shard2 12 high',
      'ENC-003 W0 16 high',
      'ENC-003 W1 16 high',
      'DLQ-003 OrdersDead 23 high',
      'DLQ-003 BillingDead 23 high',
      // A condition not known: the rounds are not known, nor the loop variable.
      'ENC-003 R${r} 25 partial',
      // The first round runs; the one after a break that may run may not.
      'ENC-003 C0 27 high',
      'ENC-003 C${c} 27 partial',
    ]);
  });
});
