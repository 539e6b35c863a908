/**
 * The runtimes of aws-lambda's Runtime class, as `cdk synth` writes them: every member's name, of L2 functions given
 * one and of L1s given its name, judged by OPS-005.
 */
import { scanFiles, selectRules } from '../../engine/scan';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackGraph as graphOf,
} from '../../testing/programScans';
import { LAMBDA_RUNTIMES } from '../../rules/operations/lambdaRuntimes';
import { cdkLambdaRuntimes } from './enums';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 10. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
const code = lambda.Code.fromAsset('src');
const l1 = { code: { zipFile: 'x' }, handler: 'index.handler', role: 'arn:aws:iam::123456789012:role/fn' };`,
    body,
  );

/**
 * Synth (aws-cdk-lib 2.278.0) writes provided.al2023, provided.al2, provided, java8.al2, dotnetcore3.1, dotnet6,
 * ruby2.7, go1.x, nodejs, java8.al2023 for the functions, in order; nodejs16.x for the NodejsFunction, java8.al2 for
 * the singleton (`SingletonLambda1`), and provided.al2, dotnetcore3.1, java8.al2, nodejs of the L1s.
 */
const RUNTIMES =
  stack(`    new lambda.Function(this, 'Al2023', { runtime: lambda.Runtime.PROVIDED_AL2023, handler: 'bootstrap', code });
    new lambda.Function(this, 'Al2', { runtime: lambda.Runtime.PROVIDED_AL2, handler: 'bootstrap', code });
    new lambda.Function(this, 'Provided', { runtime: lambda.Runtime.PROVIDED, handler: 'bootstrap', code });
    new lambda.Function(this, 'Corretto', { runtime: lambda.Runtime.JAVA_8_CORRETTO, handler: 'x', code });
    new lambda.Function(this, 'Core31', { runtime: lambda.Runtime.DOTNET_CORE_3_1, handler: 'x', code });
    new lambda.Function(this, 'Dotnet6', { runtime: lambda.Runtime.DOTNET_6, handler: 'x', code });
    new lambda.Function(this, 'Ruby27', { runtime: lambda.Runtime.RUBY_2_7, handler: 'x', code });
    new lambda.Function(this, 'Go', { runtime: lambda.Runtime.GO_1_X, handler: 'x', code });
    new lambda.Function(this, 'Node', { runtime: lambda.Runtime.NODEJS, handler: 'x', code });
    new lambda.Function(this, 'Java8Al2023', { runtime: lambda.Runtime.JAVA_8_AL2023, handler: 'x', code });
    new NodejsFunction(this, 'Bundled', { entry: 'src/handler.ts', runtime: lambda.Runtime.NODEJS_16_X });
    new lambda.SingletonFunction(this, 'Singleton', { uuid: '1', runtime: lambda.Runtime.JAVA_8_CORRETTO, handler: 'x', code });
    new lambda.CfnFunction(this, 'L1Al2', { ...l1, runtime: lambda.Runtime.PROVIDED_AL2.name });
    new lambda.CfnFunction(this, 'L1Core', { ...l1, runtime: lambda.Runtime.DOTNET_CORE_3_1.name });
    new lambda.CfnFunction(this, 'L1Text', { ...l1, runtime: \`\${lambda.Runtime.JAVA_8_CORRETTO}\` });
    new lambda.CfnFunction(this, 'L1Node', { ...l1, runtime: lambda.Runtime.NODEJS.name });`);

describe('Lambda runtimes of aws-cdk-lib', () => {
  it('is the name synth writes of each member of Runtime, given to an L2 or by name to an L1', () => {
    const graph = graphOf(RUNTIMES);
    const runtimes = Object.fromEntries(
      graph
        .ofType('AWS::Lambda::Function')
        .map(fn => [fn.id, fn.properties.Runtime]),
    );
    expect(runtimes).toEqual({
      Al2023: 'provided.al2023',
      Al2: 'provided.al2',
      Provided: 'provided',
      Corretto: 'java8.al2',
      Core31: 'dotnetcore3.1',
      Dotnet6: 'dotnet6',
      Ruby27: 'ruby2.7',
      Go: 'go1.x',
      Node: 'nodejs',
      Java8Al2023: 'java8.al2023',
      Bundled: 'nodejs16.x',
      SingletonLambda1: 'java8.al2',
      L1Al2: 'provided.al2',
      L1Core: 'dotnetcore3.1',
      L1Text: 'java8.al2',
      L1Node: 'nodejs',
    });
  });

  it('reports the deprecated ones (OPS-005)', () => {
    const report = scanFiles(
      cdkStackFiles(RUNTIMES),
      selectRules(['OPS-005']),
      { now: new Date('2026-12-04T00:00:00Z') },
    );
    // Deprecated by then: all but provided.al2023, java8.al2023 (2029) and java8.al2 (2027-06-30, more than 90 days ahead).
    expect(
      report.findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line}`),
    ).toEqual([
      'OPS-005 Al2 11',
      'OPS-005 Provided 12',
      'OPS-005 Core31 14',
      'OPS-005 Dotnet6 15',
      'OPS-005 Ruby27 16',
      'OPS-005 Go 17',
      'OPS-005 Node 18',
      'OPS-005 Bundled 20',
      'OPS-005 L1Al2 22',
      'OPS-005 L1Core 23',
      'OPS-005 L1Node 25',
    ]);
  });

  it('each is on the schedule of OPS-005, but those AWS had not scheduled when it was recorded', () => {
    const unscheduled = Object.values(cdkLambdaRuntimes()).filter(
      name => name !== null && !LAMBDA_RUNTIMES[name],
    );
    expect(unscheduled).toEqual(['nodejs26.x', 'python3.15']);
  });
});
