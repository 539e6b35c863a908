/**
 * Singleton functions (`lambda.SingletonFunction`): the one AWS::Lambda::Function `cdk synth` writes per uuid in a
 * stack, which their methods act on, judged by the Lambda rules as any function is.
 */
import { Ref } from '../../graph/values';
import {
  cdkStackSource,
  cdkStackFindingRows as findings,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 11; `props` are a function's props. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };`,
    body,
  );

describe('singleton functions', () => {
  it('are one function of their stack per uuid, named by it, which their methods act on (DLQ-001, IAM-008, ALM-001)', () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const group = new Construct(this, 'Group');
    const first = new lambda.SingletonFunction(group, 'First', { uuid: 'f7d4f730-4ee1-11e8', ...props });
    const second = new lambda.SingletonFunction(this, 'Second', { uuid: 'f7d4f730-4ee1-11e8', ...props, memorySize: 2048 });
    second.addEventSource(new SqsEventSource(jobs));
    first.addEnvironment('STAGE', 'prod');
    first.metricErrors().createAlarm(this, 'Errors', { threshold: 1, evaluationPeriods: 1 });
    const cleaner = new lambda.SingletonFunction(this, 'Cleaner', { uuid: 'a1b2', lambdaPurpose: 'Cleanup', ...props });
    cleaner.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));`);
    // The one of the uuid is polled only, granted to, and alarmed on; Cleanup is invoked by EventBridge, which may not wait.
    expect(findings(text, ['DLQ-001', 'IAM-008', 'ALM-001'])).toEqual([
      'ALM-001 Cleanupa1b2 18',
      'DLQ-001 Cleanupa1b2 18',
    ]);
    const graph = graphOf(text);
    expect(graph.ofType('AWS::Lambda::Function').map(fn => fn.id)).toEqual([
      'SingletonLambdaf7d4f7304ee111e8',
      'Cleanupa1b2',
    ]);
    // The second's props are not used: CDK returns the function the first made.
    expect(graph.get('SingletonLambdaf7d4f7304ee111e8')!.properties).toEqual({
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Environment: { Variables: { STAGE: 'prod' } },
      Role: new Ref('SingletonLambdaf7d4f7304ee111e8/ServiceRole', 'Arn'),
    });
    // The mapping is below the SingletonFunction that adds it (function-base.ts addEventSourceMapping), the permission below the function.
    expect(
      graph.get('Second/SqsEventSource:AppJobs563087B7')!.properties
        .FunctionName,
    ).toEqual(new Ref('SingletonLambdaf7d4f7304ee111e8'));
    expect(
      graph.get(
        'Cleanupa1b2/Invoke1f--BIBwkGKTIwSRmFV8O1yjU9AK+dA1Znl7HToNrxfA=',
      )!.properties.Principal,
    ).toBe('events.amazonaws.com');
  });

  it('are not what a tag of a SingletonFunction reaches: their function is at the scope of their stack, not below it (OPS-003)', () => {
    const text = stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const resizer = new lambda.SingletonFunction(this, 'Resizer', { uuid: 'b1c2', ...props });
    resizer.addEventSource(new SqsEventSource(jobs));
    cdk.Tags.of(resizer).add('team', 'media');
    cdk.Tags.of(jobs).add('team', 'media');`);
    // The tag reaches the mapping below Resizer (function-base.ts addEventSourceMapping), not the function or its role.
    expect(findings(text, ['OPS-003'])).toEqual([
      'OPS-003 SingletonLambdab1c2/ServiceRole 12',
      'OPS-003 SingletonLambdab1c2 12',
    ]);
  });

  it('of an empty lambdaPurpose are named as those of none', () => {
    const text = stack(
      `    new lambda.SingletonFunction(this, 'Resizer', { uuid: 'b1c2', lambdaPurpose: '', ...props });`,
    );
    expect(
      graphOf(text)
        .ofType('AWS::Lambda::Function')
        .map(fn => fn.id),
    ).toEqual(['SingletonLambdab1c2']);
  });
});
