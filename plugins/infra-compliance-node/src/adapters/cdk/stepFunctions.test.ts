/**
 * State machines' definitions made of aws-stepfunctions-tasks' tasks, as `cdk synth` renders them: the
 * task states of the machine's `DefinitionString` and what they grant its role, which tell DLQ-001 how a
 * function is invoked.
 */
import { scanFiles, selectRules } from '../../engine/scan';
import { parseJsonText } from '../../graph/jsonText';
import { Ref, Unknown, Value, getPath } from '../../graph/values';
import { cdkStackFiles } from '../../testing/programScans';
import { cdkAdapter } from '.';

const IMPORTS = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
`;

/** `lib/stack.ts` with `body` in the stack's constructor, from line 11. */
const stack = (body: string) => `${IMPORTS}
export class AppStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}
  }
}
`;

const findings = (text: string, rules: string[], app?: string) =>
  scanFiles(cdkStackFiles(text, app), selectRules(rules)).findings.map(f => `${f.ruleId} ${f.resourceId} ${f.line} ${f.confidence}: ${f.message}`);

const graphOf = (text: string) => cdkAdapter.load(cdkStackFiles(text)).graphs[0];

const NO_DLQ = 'but has neither a dead-letter queue nor an on-failure destination: events that fail all retries are lost.';

describe('Step Functions tasks in CDK', () => {
  it('render a Lambda invoke as CDK synthesizes it, in the states the chain leads to, and grant the role the invoke', () => {
    const graph = graphOf(stack(`    const work = new lambda.Function(this, 'Work', {});
    const audit = new lambda.Function(this, 'Audit', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work, outputPath: '$.Payload' });
    const record = new tasks.LambdaInvoke(this, 'Record', { lambdaFunction: audit, payloadResponseOnly: true });
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(sfn.Chain.start(run).next(record)) });`));
    const definition = parseJsonText(graph.get('Flow')!.properties.DefinitionString!) as Record<string, Value>;
    expect(definition).toEqual({
      StartAt: 'Run',
      States: {
        Run: {
          Type: 'Task',
          Resource: expect.anything(),
          Parameters: { FunctionName: new Ref('Work', 'Arn'), 'Payload.$': '$' },
          OutputPath: '$.Payload',
          Next: 'Record',
        },
        // Only the function's response: the function's ARN is the task's resource.
        Record: { Type: 'Task', Resource: new Ref('Audit', 'Arn'), End: true },
      },
    });
    expect(getPath(definition, ['States', 'Run', 'Resource'])).toMatchObject({ parts: ['arn:', expect.any(Unknown), ':states:::lambda:invoke'] });
    // What the tasks grant, and no permission not known: the definition is all known.
    expect(getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, ['PolicyDocument', 'Statement'])).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [new Ref('Work', 'Arn'), expect.objectContaining({ parts: [new Ref('Work', 'Arn'), ':*'] })] },
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [new Ref('Audit', 'Arn'), expect.objectContaining({ parts: [new Ref('Audit', 'Arn'), ':*'] })] },
    ]);
  });

  it('exempt a function from DLQ-001 that only a state machine invokes and waits for, not one a task invokes with InvocationType Event', () => {
    const text = stack(`    const work = new lambda.Function(this, 'Work', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work });
    const tell = new tasks.LambdaInvoke(this, 'Tell', { lambdaFunction: notify, invocationType: tasks.LambdaInvocationType.EVENT });
    // The older definition prop, with a chain of states.
    new sfn.StateMachine(this, 'Flow', { definition: run.next(tell) });`);
    expect(findings(text, ['DLQ-001'])).toEqual([`DLQ-001 Notify 12 high: Function Notify is invoked asynchronously (by Flow) ${NO_DLQ}`]);
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
    const app = (invocationType: string, invoked = 'fn') => `import * as cdk from 'aws-cdk-lib';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { FunctionStack, FlowStack } from '../lib/stack';
const app = new cdk.App();
const functions = new FunctionStack(app, 'Functions');
new FlowStack(app, 'Steps', functions.${invoked}, ${invocationType});
`;
    // The Functions stack's template declares no trigger for it, whatever the other stack's machine does.
    const unexempt = findings(text, ['DLQ-001'], app('undefined'));
    expect(unexempt).toEqual([expect.stringMatching(/^DLQ-001 Work 13 high: Function Work has no trigger in /)]);
    expect(findings(text, ['DLQ-001'], app('undefined', 'live'))).toEqual(unexempt);
    expect(findings(text, ['DLQ-001'], app('tasks.LambdaInvocationType.EVENT'))).toEqual(unexempt);
  });

  it('take a task handed to a state not modelled for one a state machine may run, as the task invokes its function', () => {
    const text = stack(`    const work = new lambda.Function(this, 'Work', {});
    const notify = new lambda.Function(this, 'Notify', {});
    const run = new tasks.LambdaInvoke(this, 'Run', { lambdaFunction: work });
    const tell = new tasks.LambdaInvoke(this, 'Tell', { lambdaFunction: notify, invocationType: tasks.LambdaInvocationType.EVENT });
    const parallel = new sfn.Parallel(this, 'Both').branch(run).branch(tell);
    new sfn.StateMachine(this, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(parallel) });
    // After a state not modelled: in the definition, which is not all known.
    const later = new lambda.Function(this, 'Later', {});
    const after = new tasks.LambdaInvoke(this, 'After', { lambdaFunction: later });
    new sfn.StateMachine(this, 'Then', { definition: sfn.Chain.start(new sfn.Pass(this, 'Wait')).next(after) });`);
    expect(findings(text, ['DLQ-001'])).toEqual([`DLQ-001 Notify 12 high: Function Notify is invoked asynchronously (by Step Functions task Tell) ${NO_DLQ}`]);
    // The machine's definition and what it grants are not known.
    const graph = graphOf(text);
    expect(graph.get('Flow')!.properties.DefinitionString).toBeInstanceOf(Unknown);
    expect(getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, ['PolicyDocument', 'Statement'])).toEqual([expect.any(Unknown)]);
    expect(getPath(parseJsonText(graph.get('Then')!.properties.DefinitionString!), ['States', 'After', 'Parameters', 'FunctionName'])).toEqual(new Ref('Later', 'Arn'));
    expect(getPath(graph.get('Then/Role/DefaultPolicy')!.properties, ['PolicyDocument', 'Statement'])).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [new Ref('Later', 'Arn'), expect.objectContaining({ parts: [new Ref('Later', 'Arn'), ':*'] })] },
      expect.any(Unknown),
    ]);
  });

  it('grant what service tasks call, with the integrations CDK names', () => {
    const graph = graphOf(stack(`    const jobs = new sqs.Queue(this, 'Jobs');
    const child = new sfn.StateMachine(this, 'Child', { definition: new sfn.Pass(this, 'Nothing') });
    const send = new tasks.SqsSendMessage(this, 'Send', { queue: jobs, messageBody: sfn.TaskInput.fromText('go') });
    const start = new tasks.StepFunctionsStartExecution(this, 'Start', { stateMachine: child });
    new sfn.StateMachine(this, 'Flow', { definition: send.next(start) });`));
    const definition = parseJsonText(graph.get('Flow')!.properties.DefinitionString!);
    expect(getPath(definition, ['States', 'Send', 'Parameters', 'QueueUrl'])).toEqual(new Ref('Jobs'));
    expect(getPath(definition, ['States', 'Start', 'Parameters', 'StateMachineArn'])).toEqual(new Ref('Child'));
    expect(getPath(graph.get('Flow/Role/DefaultPolicy')!.properties, ['PolicyDocument', 'Statement'])).toEqual([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: new Ref('Jobs', 'Arn') },
      { Effect: 'Allow', Action: 'states:StartExecution', Resource: new Ref('Child') },
    ]);
  });
});
