/**
 * State machines' definitions made of aws-stepfunctions-tasks' tasks and aws-stepfunctions' other states (Choice,
 * Parallel, Map, Pass, Wait, Succeed, Fail), as `cdk synth` renders them: the states of the machine's
 * `DefinitionString` and what its tasks grant its role, which tell DLQ-001 how a function is invoked.
 */
import { parseJsonText } from '../../graph/jsonText';
import { Ref, Unknown, Value, getPath } from '../../graph/values';
import { scanFiles, selectRules } from '../../engine/scan';
import {
  cdkStackFiles,
  cdkStackSource,
  cdkStackGraph as graphOf,
  scanCdkStack,
} from '../../testing/programScans';

const IMPORTS = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
`;

/** `lib/stack.ts` with `body` in the stack's constructor, from line 11. */
const stack = (body: string) => cdkStackSource(IMPORTS, body);

const findings = (text: string, rules: string[], app?: string) =>
  scanCdkStack(text, rules, app).map(
    f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.confidence}: ${f.message}`,
  );

const NO_DLQ =
  'but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.';

describe('Step Functions tasks in CDK', () => {
  it('render a Lambda invoke as CDK synthesizes it, in the states the chain leads to, and grant the role the invoke', () => {
    const graph = graphOf(
      stack(`    const work = new lambda.Function(this, 'Work', {});
    const audit = new lambda.Function(this, 'Audit', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work, outputPath: '$.Payload' });
    const record = new tasks.LambdaInvoke(this, 'Record', { lambdaFunction: audit, payloadResponseOnly: true });
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(sfn.Chain.start(run).next(record)) });`),
    );
    const definition = parseJsonText(
      graph.get('Flow')!.properties.DefinitionString!,
    ) as Record<string, Value>;
    expect(definition).toEqual({
      StartAt: 'Run',
      States: {
        Run: {
          Type: 'Task',
          Resource: expect.anything(),
          Parameters: {
            FunctionName: new Ref('Work', 'Arn'),
            'Payload.$': '$',
          },
          OutputPath: '$.Payload',
          Next: 'Record',
        },
        // Only the function's response: the function's ARN is the task's resource.
        Record: { Type: 'Task', Resource: new Ref('Audit', 'Arn'), End: true },
      },
    });
    expect(getPath(definition, ['States', 'Run', 'Resource'])).toMatchObject({
      parts: ['arn:', expect.any(Unknown), ':states:::lambda:invoke'],
    });
    // What the tasks grant, and no permission not known: the definition is all known.
    expect(
      getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [
          new Ref('Work', 'Arn'),
          expect.objectContaining({ parts: [new Ref('Work', 'Arn'), ':*'] }),
        ],
      },
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [
          new Ref('Audit', 'Arn'),
          expect.objectContaining({ parts: [new Ref('Audit', 'Arn'), ':*'] }),
        ],
      },
    ]);
  });

  it('exempt a function from DLQ-001 that only a state machine invokes and waits for, not one a task invokes with InvocationType Event', () => {
    const text = stack(`    const work = new lambda.Function(this, 'Work', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work });
    const tell = new tasks.LambdaInvoke(this, 'Tell', { lambdaFunction: notify, invocationType: tasks.LambdaInvocationType.EVENT });
    // The older definition prop, with a chain of states.
    new sfn.StateMachine(this, 'Flow', { definition: run.next(tell) });`);
    expect(findings(text, ['DLQ-001'])).toEqual([
      `DLQ-001 Notify 12 high: Function Notify is invoked asynchronously (by Flow) ${NO_DLQ}`,
    ]);
  });

  it('check a function that only a state machine of another stack invokes, as one with no trigger in its stack (RULES.md)', () => {
    const text = `${IMPORTS}
export class FunctionStack extends cdk.Stack {
  readonly fn: lambda.Function;
  readonly live: lambda.Alias;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.fn = new lambda.Function(this, 'Work', {});
    this.live = new lambda.Alias(this, 'Live', { aliasName: 'live', version: this.fn.currentVersion });
  }
}
export class FlowStack extends cdk.Stack {
  constructor(scope: Construct, id: string, fn: lambda.IFunction, invocationType?: tasks.LambdaInvocationType) {
    super(scope, id);
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: fn, invocationType });
    new sfn.StateMachine(this, 'Flow', { definition: run });
  }
}
`;
    const app = (
      invocationType: string,
      invoked = 'fn',
    ) => `import * as cdk from 'aws-cdk-lib';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { FunctionStack, FlowStack } from '../lib/stack';
const app = new cdk.App();
const functions = new FunctionStack(app, 'Functions');
new FlowStack(app, 'Steps', functions.${invoked}, ${invocationType});
`;
    // The Functions stack's template declares no trigger for it, whatever the other stack's machine does.
    const unexempt = findings(text, ['DLQ-001'], app('undefined'));
    expect(unexempt).toEqual([
      expect.stringMatching(
        /^DLQ-001 Work 13 high: Function Work has no trigger in /,
      ),
    ]);
    expect(findings(text, ['DLQ-001'], app('undefined', 'live'))).toEqual(
      unexempt,
    );
    expect(
      findings(text, ['DLQ-001'], app('tasks.LambdaInvocationType.EVENT')),
    ).toEqual(unexempt);
  });

  it('take a task handed to code not modelled for one a state machine may run, as the task invokes its function', () => {
    const text = `import { Workflow } from '@acme/workflows';
${stack(`    const work = new lambda.Function(this, 'Work', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work });
    const tell = new tasks.LambdaInvoke(this, 'Tell', { lambdaFunction: notify, invocationType: tasks.LambdaInvocationType.EVENT });
    const both = new Workflow(this, 'Both').step(run).step(tell);
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(both) });
    // After a state not modelled: in the definition, which is not all known.
    const later = new lambda.Function(this, 'Later', {});
    const after = new tasks.LambdaInvoke(this, 'After', { lambdaFunction: later });
    const list = new tasks.CallAwsService(this, 'List', { service: 's3', action: 'listBuckets', iamResources: ['*'] });
    new sfn.StateMachine(this, 'Then', { definition: sfn.Chain.start(list).next(after) });`)}`;
    expect(findings(text, ['DLQ-001'])).toEqual([
      `DLQ-001 Notify 13 high: Function Notify is invoked asynchronously (by Step Functions task Tell) ${NO_DLQ}`,
    ]);
    // The machine's definition and what it grants are not known.
    const graph = graphOf(text);
    expect(graph.get('Flow')!.properties.DefinitionString).toBeInstanceOf(
      Unknown,
    );
    expect(
      getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([expect.any(Unknown)]);
    expect(
      getPath(parseJsonText(graph.get('Then')!.properties.DefinitionString!), [
        'States',
        'After',
        'Parameters',
        'FunctionName',
      ]),
    ).toEqual(new Ref('Later', 'Arn'));
    expect(
      getPath(graph.get('Then/Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: [
          new Ref('Later', 'Arn'),
          expect.objectContaining({ parts: [new Ref('Later', 'Arn'), ':*'] }),
        ],
      },
      expect.any(Unknown),
    ]);
  });

  it("take the tasks of states handed to code not modelled inside its props (a Choice's, a Parallel's) for ones a state machine may run", () => {
    const text = `import { Workflow } from '@acme/workflows';
${stack(`    const work = new lambda.Function(this, 'Work', {});
    const check = new lambda.Function(this, 'Check', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work });
    const verify = new tasks.LambdaInvoke(this, 'Verify', { lambdaFunction: check });
    const tell = new tasks.LambdaInvoke(this, 'Tell', { lambdaFunction: notify, invocationType: tasks.LambdaInvocationType.EVENT });
    const which = new sfn.Choice(this, 'Which').when(sfn.Condition.isPresent('$.run'), run).otherwise(verify);
    new Workflow(this, 'Flow', { steps: [which, new sfn.Parallel(this, 'Both').branch(tell)] });`)}`;
    expect(findings(text, ['DLQ-001'])).toEqual([
      `DLQ-001 Notify 14 high: Function Notify is invoked asynchronously (by Step Functions task Tell) ${NO_DLQ}`,
    ]);
  });

  it("take a StateMachineFragment of the program's for the chain from its startState to its endStates, as CDK reads an IChainable", () => {
    const text = `${IMPORTS}
class Job extends sfn.StateMachineFragment {
  public readonly startState: sfn.State;
  public readonly endStates: sfn.INextable[];
  constructor(scope: Construct, id: string, fn: lambda.IFunction) {
    super(scope, id);
    const call = new tasks.LambdaInvoke(this, 'Call', { lambdaFunction: fn, payloadResponseOnly: true });
    this.startState = call;
    this.endStates = call.next(new sfn.Choice(this, 'Ok?').when(sfn.Condition.booleanEquals('$.ok', true), new sfn.Pass(this, 'Good'))).endStates;
  }
}
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const work = new lambda.Function(this, 'Work', {});
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(new Job(this, 'Job', work)) });
  }
}
`;
    // The machine invokes the function and waits.
    expect(findings(text, ['DLQ-001'])).toEqual([]);
    expect(
      parseJsonText(graphOf(text).get('Flow')!.properties.DefinitionString!),
    ).toEqual({
      StartAt: 'Call',
      States: {
        Call: { Type: 'Task', Resource: new Ref('Work', 'Arn'), Next: 'Ok?' },
        'Ok?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Good' }],
        },
        Good: { Type: 'Pass', End: true },
      },
    });
  });

  it('render Choice, Parallel, Map, Pass, Wait, Succeed and Fail states as CDK synthesizes them, with the tasks of their branches and what those grant', () => {
    const graph = graphOf(
      stack(`    const work = new lambda.Function(this, 'Work', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const audit = new lambda.Function(this, 'Audit', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work, payloadResponseOnly: true });
    const tell = new tasks.LambdaInvoke(this, 'Tell', { lambdaFunction: notify, payloadResponseOnly: true });
    const record = new tasks.LambdaInvoke(this, 'Record', { lambdaFunction: audit, payloadResponseOnly: true });
    const pause = new sfn.Wait(this, 'Pause', { time: sfn.WaitTime.duration(cdk.Duration.minutes(1)) });
    const both = new sfn.Parallel(this, 'Both', { resultPath: '$.both' }).branch(run).branch(sfn.Chain.start(pause).next(tell));
    const each = new sfn.Map(this, 'Each', { itemsPath: '$.items', maxConcurrency: 2 }).itemProcessor(record);
    const ready = new sfn.Choice(this, 'Ready?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.id'), sfn.Condition.numberGreaterThan('$.count', 0)), both)
      .when(sfn.Condition.not(sfn.Condition.stringEqualsJsonPath('$.a', '$.b')), new sfn.Fail(this, 'Refused', { error: 'Refused', cause: 'not ready' }))
      .otherwise(new sfn.Succeed(this, 'Nothing'));
    const start = new sfn.Pass(this, 'Start', { result: sfn.Result.fromObject({ ok: true }), resultPath: '$.start' });
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(start.next(ready.afterwards()).next(each)) });`),
    );
    const only = (name: string, state: object) => ({
      StartAt: name,
      States: { [name]: state },
    });
    const task = (fn: string) => ({
      Type: 'Task',
      Resource: new Ref(fn, 'Arn'),
      End: true,
    });
    expect(
      parseJsonText(graph.get('Flow')!.properties.DefinitionString!),
    ).toEqual({
      StartAt: 'Start',
      States: {
        Start: {
          Type: 'Pass',
          Result: { ok: true },
          ResultPath: '$.start',
          Next: 'Ready?',
        },
        'Ready?': {
          Type: 'Choice',
          Choices: [
            {
              And: [
                { Variable: '$.id', IsPresent: true },
                { Variable: '$.count', NumericGreaterThan: 0 },
              ],
              Next: 'Both',
            },
            {
              Not: { Variable: '$.a', StringEqualsPath: '$.b' },
              Next: 'Refused',
            },
          ],
          Default: 'Nothing',
        },
        // The only end of the Choice's paths that can go on: the rest is where afterwards() goes.
        Both: {
          Type: 'Parallel',
          ResultPath: '$.both',
          Next: 'Each',
          Branches: [
            only('Run', task('Work')),
            {
              StartAt: 'Pause',
              States: {
                Pause: { Type: 'Wait', Seconds: 60, Next: 'Tell' },
                Tell: task('Notify'),
              },
            },
          ],
        },
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: 2,
          End: true,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            ...only('Record', task('Audit')),
          },
        },
        Refused: { Type: 'Fail', Error: 'Refused', Cause: 'not ready' },
        Nothing: { Type: 'Succeed' },
      },
    });
    // All of it known: what the tasks grant, and nothing else; a Parallel's branches after the states it goes on to, as CDK binds them.
    const invoke = (fn: string) => ({
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: [
        new Ref(fn, 'Arn'),
        expect.objectContaining({ parts: [new Ref(fn, 'Arn'), ':*'] }),
      ],
    });
    expect(
      getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([invoke('Audit'), invoke('Work'), invoke('Notify')]);
  });

  it("exempt from DLQ-001 the functions a machine invokes and waits for in a Choice's, a Parallel's and a Map's states, not one it invokes with InvocationType Event there", () => {
    const text = stack(`    const work = new lambda.Function(this, 'Work', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const check = new lambda.Function(this, 'Check', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work });
    const tell = new tasks.LambdaInvoke(this, 'Tell', { lambdaFunction: notify, invocationType: tasks.LambdaInvocationType.EVENT });
    const verify = new tasks.LambdaInvoke(this, 'Verify', { lambdaFunction: check });
    // The older Map iterator and definition prop.
    const each = new sfn.Map(this, 'Each').iterator(new sfn.Parallel(this, 'Both').branch(run, tell));
    const checked = new sfn.Choice(this, 'Check?').when(sfn.Condition.booleanEquals('$.check', true), verify).otherwise(new sfn.Pass(this, 'Skip'));
    new sfn.StateMachine(this, 'Flow', { definition: checked.afterwards().next(each) });`);
    expect(findings(text, ['DLQ-001'])).toEqual([
      `DLQ-001 Notify 12 high: Function Notify is invoked asynchronously (by Flow) ${NO_DLQ}`,
    ]);
    const definition = parseJsonText(
      graphOf(text).get('Flow')!.properties.DefinitionString!,
    );
    expect(getPath(definition, ['States', 'Verify', 'Next'])).toBe('Each');
    expect(getPath(definition, ['States', 'Skip', 'Next'])).toBe('Each');
    expect(
      getPath(definition, [
        'States',
        'Each',
        'Iterator',
        'States',
        'Both',
        'Branches',
      ]),
    ).toHaveLength(2);
  });

  it('render a chain made a single Parallel state and a DistributedMap, whose permissions are not all known', () => {
    const graph = graphOf(
      stack(`    const work = new lambda.Function(this, 'Work', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work, payloadResponseOnly: true });
    const tell = new tasks.LambdaInvoke(this, 'Tell', { lambdaFunction: notify, payloadResponseOnly: true });
    const fan = new sfn.DistributedMap(this, 'Fan', { mapExecutionType: sfn.StateMachineType.EXPRESS }).itemProcessor(tell);
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(sfn.Chain.start(run).toSingleState('Safely').next(fan)) });`),
    );
    expect(
      parseJsonText(graph.get('Flow')!.properties.DefinitionString!),
    ).toEqual({
      StartAt: 'Safely',
      States: {
        Safely: {
          Type: 'Parallel',
          Next: 'Fan',
          Branches: [
            {
              StartAt: 'Run',
              States: {
                Run: {
                  Type: 'Task',
                  Resource: new Ref('Work', 'Arn'),
                  End: true,
                },
              },
            },
          ],
        },
        Fan: {
          Type: 'Map',
          End: true,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Tell',
            States: {
              Tell: {
                Type: 'Task',
                Resource: new Ref('Notify', 'Arn'),
                End: true,
              },
            },
          },
        },
      },
    });
    const invoke = (fn: string) => ({
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: [
        new Ref(fn, 'Arn'),
        expect.objectContaining({ parts: [new Ref(fn, 'Arn'), ':*'] }),
      ],
    });
    expect(
      getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([expect.any(Unknown), invoke('Notify'), invoke('Work')]);
  });

  it('keep what is not known: a state not modelled a Choice goes to, fields of JsonPath values, JSONata; grant nothing for states that call nothing', () => {
    const graph = graphOf(
      stack(`    new sfn.StateMachine(this, 'Idle', { definition: new sfn.Pass(this, 'Nothing', { queryLanguage: sfn.QueryLanguage.JSONATA, outputs: { done: true } }) });
    const list = new tasks.CallAwsService(this, 'List', { service: 's3', action: 'listBuckets', iamResources: ['*'] });
    const skip = new sfn.Pass(this, 'Skip', { parameters: { id: sfn.JsonPath.stringAt('$.id') } });
    new sfn.StateMachine(this, 'Flow', { definition: new sfn.Choice(this, 'Which').when(sfn.Condition.stringEquals('$.do', 'list'), list).otherwise(skip) });`),
    );
    expect(graph.get('Idle/Role')).toBeDefined();
    expect(graph.get('Idle/Role/DefaultPolicy')).toBeUndefined();
    // In the definition's text, what is not known is a value of text not known.
    const notKnown = expect.objectContaining({ parts: [expect.any(Unknown)] });
    expect(
      parseJsonText(graph.get('Idle')!.properties.DefinitionString!),
    ).toEqual({
      StartAt: 'Nothing',
      States: {
        Nothing: {
          Type: 'Pass',
          QueryLanguage: notKnown,
          Output: notKnown,
          End: true,
        },
      },
    });
    expect(
      parseJsonText(graph.get('Flow')!.properties.DefinitionString!),
    ).toEqual({
      StartAt: 'Which',
      States: {
        Which: {
          Type: 'Choice',
          Choices: [{ Variable: '$.do', StringEquals: 'list', Next: notKnown }],
          Default: 'Skip',
        },
        Skip: { Type: 'Pass', Parameters: notKnown, End: true },
      },
    });
    expect(
      getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([expect.any(Unknown)]);
  });

  it("render a CustomState's stateJson over its Next or End, with the catches added before its own, so DLQ-001 sees how it invokes a function", () => {
    const text = stack(`    const work = new lambda.Function(this, 'Work', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const invoke = (fn: lambda.IFunction, invocationType?: string) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: fn.functionArn, 'Payload.$': '$', InvocationType: invocationType }, Catch: [{ ErrorEquals: ['Custom'], Next: 'Done' }] });
    const run = new sfn.CustomState(this, 'Run', { stateJson: invoke(work) });
    run.addCatch(new sfn.Fail(this, 'Failed'));
    const tell = new sfn.CustomState(this, 'Tell', { stateJson: { ...invoke(notify, 'Event'), Catch: undefined } });
    new sfn.StateMachine(this, 'Flow', { definition: run.next(tell).next(new sfn.Succeed(this, 'Done')) });`);
    expect(findings(text, ['DLQ-001'])).toEqual([
      `DLQ-001 Notify 12 high: Function Notify is invoked asynchronously (by Flow) ${NO_DLQ}`,
    ]);
    const definition = parseJsonText(
      graphOf(text).get('Flow')!.properties.DefinitionString!,
    );
    expect(getPath(definition, ['States', 'Run'])).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: new Ref('Work', 'Arn'), 'Payload.$': '$' },
      Next: 'Tell',
      Catch: [{ Next: 'Failed' }, { ErrorEquals: ['Custom'], Next: 'Done' }],
    });
    expect(getPath(definition, ['States', 'Tell', 'Next'])).toBe('Done');
  });

  it("take Chain.sequence(start, next) for a chain from one to the other's ends, which it does not join, as chain.ts does", () => {
    const graph = graphOf(
      stack(`    const work = new lambda.Function(this, 'Work', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work, payloadResponseOnly: true });
    const pause = new sfn.Wait(this, 'Pause', { time: sfn.WaitTime.secondsPath('$.wait') });
    new sfn.StateMachine(this, 'Flow', { definition: sfn.Chain.sequence(run, pause).next(new sfn.Succeed(this, 'Done')) });`),
    );
    expect(
      parseJsonText(graph.get('Flow')!.properties.DefinitionString!),
    ).toEqual({
      StartAt: 'Run',
      States: {
        Run: { Type: 'Task', Resource: new Ref('Work', 'Arn'), End: true },
      },
    });
  });

  it('render a chain of thousands of states, which binding one state after another does not overflow the stack with', () => {
    const count = 6000;
    const states = Array.from(
      { length: count },
      (_, i) => `    const s${i} = new sfn.Pass(this, 'S${i}');`,
    );
    const links = Array.from(
      { length: count - 1 },
      (_, i) => `    s${i}.next(s${i + 1});`,
    );
    const text = stack(`    const work = new lambda.Function(this, 'Work', {});
${states.join('\n')}
${links.join('\n')}
    s${
      count - 1
    }.next(new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work }));
    new sfn.StateMachine(this, 'Flow', { definition: s0 });`);
    // No parse error: the machine, at the chain's end, invokes the function and waits.
    expect(findings(text, ['DLQ-001', 'PARSE-001'])).toEqual([]);
  });

  it('do not render a condition made of itself again and again past a million items and characters: the definition is not known', () => {
    const ands = Array.from(
      { length: 40 },
      () => '    ready = sfn.Condition.and(ready, ready);',
    );
    const text = stack(`    const work = new lambda.Function(this, 'Work', {});
    let ready = sfn.Condition.isPresent('$.id');
${ands.join('\n')}
    let done = sfn.Condition.isPresent('$.done');
    for (const i of [${Array.from({ length: 40 }, (_, i) => i).join(
      ', ',
    )}]) done = sfn.Condition.or(done, done);
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work });
    const choice = new sfn.Choice(this, 'Ready?').when(ready, run).when(done, new sfn.Succeed(this, 'Done')).otherwise(new sfn.Succeed(this, 'Nothing'));
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(choice) });`);
    const started = Date.now();
    expect(graphOf(text).get('Flow')!.properties.DefinitionString).toEqual(
      new Unknown('a value larger than 1,000,000 items and characters'),
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('grant what service tasks call, with the integrations CDK names', () => {
    const graph = graphOf(
      stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const child = new sfn.StateMachine(this, 'Child', { definition: new sfn.Pass(this, 'Nothing') });
    const send = new tasks.SqsSendMessage(this, 'Send', { queue: jobs, messageBody: sfn.TaskInput.fromText('go') });
    const start = new tasks.StepFunctionsStartExecution(this, 'Start', { stateMachine: child });
    new sfn.StateMachine(this, 'Flow', { definition: send.next(start) });`),
    );
    const definition = parseJsonText(
      graph.get('Flow')!.properties.DefinitionString!,
    );
    expect(
      getPath(definition, ['States', 'Send', 'Parameters', 'QueueUrl']),
    ).toEqual(new Ref('Jobs'));
    expect(
      getPath(definition, ['States', 'Start', 'Parameters', 'StateMachineArn']),
    ).toEqual(new Ref('Child'));
    expect(
      getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, [
        'PolicyDocument',
        'Statement',
      ]),
    ).toEqual([
      {
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: new Ref('Jobs', 'Arn'),
      },
      {
        Effect: 'Allow',
        Action: 'states:StartExecution',
        Resource: new Ref('Child'),
      },
    ]);
  });

  it('make the function an EvaluateExpression invokes below it, running as the role its stack makes once, as cdk synth (2.278.0) does (ALM-001, LOG-001, LOG-003)', () => {
    const text =
      stack(`    const total = new tasks.EvaluateExpression(this, 'Total', { expression: '$.price * $.items[0]', resultPath: '$.total' });
    const label = new tasks.EvaluateExpression(this, 'Label', { expression: '\`\${$.name}\`', runtime: lambda.Runtime.NODEJS_20_X });
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(total.next(label)) });`);
    expect(
      findings(text, ['ALM-001', 'LOG-001', 'LOG-003']).map(f =>
        f.slice(0, f.indexOf(':')),
      ),
    ).toEqual([
      'ALM-001 Total/EvalFunction 11 high',
      'LOG-001 Total/EvalFunction 11 high',
      'LOG-003 Total/EvalFunction 11 high',
      'ALM-001 Label/EvalFunction 12 high',
      'LOG-001 Label/EvalFunction 12 high',
      'LOG-003 Label/EvalFunction 12 high',
    ]);
    const graph = graphOf(text);
    const role = new Ref(
      'EvalServiceRolef4f556a4ef7a49cd8036c5b0567376fd',
      'Arn',
    );
    expect(graph.get('Total/EvalFunction')!.properties).toEqual({
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Role: role,
    });
    expect(graph.get('Label/EvalFunction')!.properties.Runtime).toBe(
      'nodejs20.x',
    );
    expect(
      graph.get('EvalServiceRolef4f556a4ef7a49cd8036c5b0567376fd')!.properties
        .ManagedPolicyArns,
    ).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    ]);
    const definition = parseJsonText(
      graph.get('Flow')!.properties.DefinitionString!,
    ) as Record<string, Value>;
    expect(getPath(definition, ['States', 'Total'])).toEqual({
      Type: 'Task',
      Resource: new Ref('Total/EvalFunction', 'Arn'),
      Parameters: {
        expression: '$.price * $.items[0]',
        expressionAttributeValues: {
          '$.price.$': '$.price',
          '$.items[0].$': '$.items[0]',
        },
      },
      ResultPath: '$.total',
      Next: 'Label',
    });
    const invoke = (fn: string) => ({
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: [new Ref(fn, 'Arn'), { parts: [new Ref(fn, 'Arn'), ':*'] }],
    });
    expect(
      JSON.parse(
        JSON.stringify(
          graph.get('Flow/Role/DefaultPolicy')!.properties.PolicyDocument,
        ),
      ).Statement,
    ).toEqual(
      JSON.parse(
        JSON.stringify([
          invoke('Total/EvalFunction'),
          invoke('Label/EvalFunction'),
        ]),
      ),
    );
  });

  it('leave the function EvaluateExpression tasks share in a stack not modelled, where the flag is off', () => {
    const text = stack(
      `    new tasks.EvaluateExpression(this, 'Total', { expression: '$.price * 2' });`,
    );
    const [cdkJson, ...rest] = cdkStackFiles(text);
    const report = (context: string) =>
      scanFiles(
        [
          {
            ...cdkJson,
            text: `{ "app": "npx ts-node bin/app.ts", "context": ${context} }`,
          },
          ...rest,
        ],
        selectRules(['ALM-001']),
      );
    expect(report('{}').findings.map(f => f.resourceId)).toEqual([
      'Total/EvalFunction',
    ]);
    const shared = report(
      '{ "@aws-cdk/aws-stepfunctions-tasks:evaluateExpressionDedicatedFunction": false }',
    );
    expect(shared.findings).toEqual([]);
    expect(shared.programs![0].notModelled).toEqual([
      { type: 'aws-stepfunctions-tasks.EvaluateExpression', count: 1 },
    ]);
  });
});
