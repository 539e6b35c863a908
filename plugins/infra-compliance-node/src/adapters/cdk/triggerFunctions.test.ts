/**
 * Triggers (aws-cdk-lib/triggers: `TriggerFunction`, `Trigger`): the function and the Custom::Trigger `cdk synth`
 * writes, whose provider invokes the function's current version as the stack deploys, waiting for it unless
 * the trigger's invocationType is EVENT.
 */
import { Ref } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 10. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as triggers from 'aws-cdk-lib/triggers';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

describe('triggers', () => {
  it('are functions their Trigger invokes, waiting for them unless asked for an Event invocation (DLQ-001, ALM-001)', () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const seed = new triggers.TriggerFunction(this, 'Seed', { ...props, executeAfter: [jobs] });
    const notify = new lambda.Function(this, 'Notify', props);
    const notifyTrigger = new triggers.Trigger(this, 'NotifyTrigger', { handler: notify, invocationType: triggers.InvocationType.EVENT });
    const report = new lambda.Function(this, 'Report', props);
    seed.executeBefore(report);
    notifyTrigger.executeAfter(report);`);
    // Report, ordered only, has no trigger; it is not handed to code not read.
    expect(findings(text, ['DLQ-001', 'ALM-001'])).toEqual([
      'ALM-001 Seed 11',
      'ALM-001 Notify 12',
      'DLQ-001 Notify 12',
      'ALM-001 Report 14',
      'DLQ-001 Report 14',
    ]);
    const graph = graphOf(text);
    expect(graph.get('Seed/Trigger/Default')!.properties).toEqual(
      expect.objectContaining({
        HandlerArn: new Ref('Seed/CurrentVersion'),
        InvocationType: 'RequestResponse',
      }),
    );
    expect(graph.get('NotifyTrigger/Default')!.properties).toEqual(
      expect.objectContaining({
        HandlerArn: new Ref('Notify/CurrentVersion'),
        InvocationType: 'Event',
      }),
    );
    expect(graph.get('Report')!.handedToCodeNotModelled).toBeFalsy();
  });
});
