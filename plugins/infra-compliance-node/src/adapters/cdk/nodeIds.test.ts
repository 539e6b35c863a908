/**
 * A construct's `node.id`, the id it was made with, read where code chooses constructs by it: known where the id is,
 * as synth has it (aws-cdk-lib 2.278.0, constructs' Node.id); not known where the id is not known statically.
 */
import {
  cdkStackFindingRows,
  cdkStackSource,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 10; `config` read from a file not scanned. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import * as config from '../config.json';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') };`,
    body,
  );

describe('CDK node.id', () => {
  it("is the id a construct was made with, its L1's `Resource`: a queue chosen by it is granted or wired, as synth writes it (ALM-001, IAM-004, ENC-003)", () => {
    const text =
      stack(`    const queues = ['Orders', 'Billing'].map(n => new sqs.Queue(this, n));
    const fn = new lambda.Function(this, 'Fn', props);
    for (const q of queues.filter(q => q.node.id === 'Orders')) q.grantSendMessages(fn);
    const billing = queues.find(q => q.node.id.startsWith('Bill'))!;
    fn.addEnvironment('B', billing.queueUrl);
    if (fn.node.id === 'Fn') fn.addEnvironment('O', queues[0].queueUrl);
    const l1 = billing.node.defaultChild as sqs.CfnQueue;
    if (l1.node.id === 'Resource') l1.sqsManagedSseEnabled = true;`);
    // As the synthesized template's: Billing is wired but not granted, and encrypted; Orders granted.
    expect(
      cdkStackFindingRows(text, ['ALM-001', 'IAM-004', 'ENC-003']),
    ).toEqual(['ENC-003 Orders 10', 'ALM-001 Fn 11', 'IAM-004 Fn 11']);
  });

  it("is, of a construct of the app's own class, the id its super call gives: a grant chosen by it is given to one instance alone, as synth writes it (IAM-004)", () => {
    const text = cdkStackSource(
      `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
class Worker extends Construct {
  constructor(scope: Construct, id: string, queue: sqs.Queue) {
    super(scope, id);
    const fn = new lambda.Function(this, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), environment: { Q: queue.queueUrl } });
    if (this.node.id === 'Sender') queue.grantSendMessages(fn);
  }
}`,
      `    const queue = new sqs.Queue(this, 'Orders');
    new Worker(this, 'Sender', queue);
    new Worker(this, 'Other', queue);`,
    );
    expect(cdkStackFindingRows(text, ['IAM-004'])).toEqual([
      'IAM-004 Other/Fn 8',
    ]);
  });

  it('is not known of a construct made with an id not known statically: a grant chosen by it may be given (IAM-004)', () => {
    const text = stack(`    const queue = new sqs.Queue(this, config.name);
    const fn = new lambda.Function(this, 'Fn', props);
    fn.addEnvironment('Q', queue.queueUrl);
    if (queue.node.id === 'Orders') queue.grantSendMessages(fn);`);
    expect(cdkStackFindingRows(text, ['IAM-004'])).toEqual([]);
  });
});
