/**
 * Functions made in alternatives whose condition is not known statically (`cond ? new lambda.Function(…) :
 * new lambda.Function(…)`, an if and its else, a subclass's super call under a condition): what the program
 * then wires to the value that may be either is not tied to each, so DLQ-001's "no trigger" is not certain.
 */
import { scanCdkStack, cdkStackSource } from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, after `classes`. */
const stack = (body: string, classes = '') =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
const props = { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromAsset('src') };
${classes}`,
    body,
  );

const dlq001 = (text: string) =>
  scanCdkStack(text, ['DLQ-001']).map(
    f => `${f.resourceId} ${f.line} ${f.confidence}`,
  );

describe('DLQ-001 on functions made in alternatives not known statically', () => {
  it('is partial for both functions of a ternary whose value an API then integrates, not for alternatives that nothing wires', () => {
    expect(
      dlq001(
        stack(`    const fn = process.env.BIG === '1' ? new lambda.Function(this, 'A', props) : new lambda.Function(this, 'B', props);
    new apigw.LambdaRestApi(this, 'Api', { handler: fn });
    if (process.env.BIG === '1') new lambda.Function(this, 'Idle', props);
    else new lambda.Function(this, 'Idle', props);`),
      ),
    ).toEqual([
      'A 12 partial',
      'B 12 partial',
      'Idle 14 high',
      'Idle2 15 high',
    ]);
  });

  it('is partial for both functions of an if and its else whose variable then gets an SQS event source', () => {
    expect(
      dlq001(
        stack(`    let fn: lambda.Function;
    if (process.env.BIG === '1') fn = new lambda.Function(this, 'Fn', props);
    else fn = new lambda.Function(this, 'Fn', props);
    fn.addEventSource(new SqsEventSource(new sqs.Queue(this, 'Jobs')));`),
      ),
    ).toEqual(['Fn 13 partial', 'Fn2 14 partial']);
  });

  it('is partial for the function a helper returns in an if, or after it, when an API then integrates what it returns', () => {
    expect(
      dlq001(
        stack(`    const make = (id: string) => {
      if (process.env.BIG === '1') return new lambda.Function(this, id, { ...props, memorySize: 1024 });
      return new lambda.Function(this, id + 'Small', props);
    };
    new apigw.LambdaRestApi(this, 'Api', { handler: make('Fn') });`),
      ),
    ).toEqual(['Fn 13 partial', 'FnSmall 14 partial']);
  });

  it('is partial for the function on the right of && or || with a left side not known, whose value an API then integrates', () => {
    expect(
      dlq001(
        stack(`    const big = process.env.BIG === '1' && new lambda.Function(this, 'Big', props);
    if (big) new apigw.LambdaRestApi(this, 'BigApi', { handler: big });
    const small = process.env.SMALL || new lambda.Function(this, 'Small', props);
    new apigw.LambdaRestApi(this, 'SmallApi', { handler: small as lambda.Function });`),
      ),
    ).toEqual(['Big 12 partial', 'Small 14 partial']);
  });

  it('makes, and is partial for, the function on the right of ?? with a left side not known, whose value an API then integrates', () => {
    expect(
      dlq001(
        stack(`    const fn = this.node.tryGetContext('fn') ?? new lambda.Function(this, 'Default', props);
    new apigw.LambdaRestApi(this, 'Api', { handler: fn });`),
      ),
    ).toEqual(['Default 12 partial']);
  });

  it('says why the function has no trigger the scanner can tie to it, when what is wired may be it or no function', () => {
    const [finding] = scanCdkStack(
      stack(`    const big = process.env.BIG === '1' && new lambda.Function(this, 'Big', props);
    if (big) new apigw.LambdaRestApi(this, 'BigApi', { handler: big });`),
      ['DLQ-001'],
    );
    expect(finding.message).toBe(
      'Function Big has no trigger the scanner can tie to it (what the program wires may be it or not, as a condition not known statically decides), so it may be invoked asynchronously but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.',
    );
  });

  it('stays high for the variant of a function declared in an if and its else whose branch wires nothing, the other wiring its own', () => {
    expect(
      dlq001(
        stack(`    if (process.env.BIG === '1') {
      const big = new lambda.Function(this, 'Fn', props);
      new apigw.LambdaRestApi(this, 'Api', { handler: big });
    } else new lambda.Function(this, 'Fn', { ...props, memorySize: 128 });`),
      ),
    ).toEqual(['Fn2 15 high']);
  });

  it("is partial for the variant of a subclass's conditional super call that the API's handler does not reach", () => {
    const classes = `class Sized extends lambda.Function {
  constructor(scope: Construct, id: string, big: boolean) {
    if (big) super(scope, id, { ...props, memorySize: 1024 });
    else super(scope, id, { ...props, memorySize: 128 });
  }
}`;
    expect(
      dlq001(
        stack(
          `    new apigw.LambdaRestApi(this, 'Api', { handler: new Sized(this, 'Fn', process.env.BIG === '1') });`,
          classes,
        ),
      ),
    ).toEqual(['Fn 10 partial']);
  });
});
