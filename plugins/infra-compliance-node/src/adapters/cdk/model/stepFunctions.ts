/** The model of aws-stepfunctions' state machines and their definitions (see StepFunctionsModel). */
import { lookupTable } from '../../../support/lookupTable';
import {
  CallSite,
  HostObject,
  Instance,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
  valuesHandedOn,
} from '../../pulumi/interpreter';
import { Props, enumValue } from './props';
import {
  Ref,
  Template,
  Unknown,
  Value,
  concat,
  containsUnknown,
  isMap,
} from '../../../graph/values';
import { ref } from './arns';
import type { CdkModel } from '../constructs';
import { STATE_MACHINE } from './resourceTypes';
import { isImportedRole } from './iam/documents';

/**
 * The methods of states and chains (aws-stepfunctions/lib/states/*.ts, chain.ts) that change or make one (see
 * {@link StepFunctionsModel.chainMethod}): a Choice's `when`, a Parallel's `branch`, a Map's `itemProcessor`…
 */
export const CHAIN_METHODS = new Set([
  'next',
  'addRetry',
  'addCatch',
  'toSingleState',
  'toSingleChain',
  'when',
  'otherwise',
  'afterwards',
  'branch',
  'itemProcessor',
  'iterator',
]);

/** What a Wait's time renders, by WaitTime's method (aws-stepfunctions/lib/states/wait.ts). */
export const WAIT_TIMES = lookupTable<string>({
  duration: 'Seconds',
  timestamp: 'Timestamp',
  secondsPath: 'SecondsPath',
  timestampPath: 'TimestampPath',
});

/** How a Step Functions task invokes a function, and which (see {@link StepFunctionsModel.taskState}). */
type Invocation = {
  fn: JsValue;
  kind: 'sync' | 'async';
};

const isState = (value: JsValue): value is HostObject =>
  value instanceof HostObject && value.kind === 'sfnState';

/** A state of a state machine (see {@link newState}), as its methods change it. */
interface StateData {
  name: string;
  /** What it renders but its transitions and the graphs it holds (not known statically: all of it). */
  json: Props | Unknown;
  /** Whether it goes on to a next state (`Next`, else `End`): not a Choice, Succeed or Fail. */
  nextable: boolean;
  /** What it grants the role of the machine it is in. */
  statements: JsValue[];
  invokes: Invocation[];
  next?: JsValue;
  /** The states (chains) its errors go to. */
  catches: JsValue[];
  /** The states that go on to it, which CDK puts in the graph it is in too (State.bindToGraph). */
  incoming: HostObject[];
  /** A Choice's rules and where they go, and where it goes otherwise. */
  choices: { condition: JsValue; next: JsValue; comment: JsValue }[];
  otherwise?: JsValue;
  /** A Parallel's branches (chains). */
  branches: JsValue[];
  /** A Map's item processor and its config, or its iterator (older); a DistributedMap's execution type. */
  processor?: { chain: JsValue; config: JsValue };
  iterator?: JsValue;
  distributedExecutionType?: JsValue;
  /** A CustomState: its JSON, as given, is over its `Next` or `End` and holds no graph CDK binds. */
  custom?: true;
}

/** The props of JSONata states and variables a state renders (states/state.ts), by the field they render, not modelled. */
const JSONATA_FIELDS = lookupTable<string>({
  queryLanguage: 'QueryLanguage',
  assign: 'Assign',
  outputs: 'Output',
  arguments: 'Arguments',
  items: 'Items',
});

/** A state named by its `stateName` or its construct's id, rendering `json`, that grants `statements` and makes `invokes`. */
function newState(
  id: string,
  p: Props,
  json: Props | Unknown,
  nextable: boolean,
  statements: JsValue[] = [],
  invokes: Invocation[] = [],
): HostObject {
  const jsonata = Object.keys(p).filter(
    prop => JSONATA_FIELDS[prop] && p[prop] !== undefined,
  );
  const data: StateData = {
    name:
      typeof p.stateName === 'string'
        ? p.stateName
        : id.slice(id.lastIndexOf('/') + 1),
    json:
      json instanceof Unknown
        ? json
        : {
            ...json,
            ...Object.fromEntries(
              jsonata.map(prop => [
                JSONATA_FIELDS[prop],
                new Unknown(`${prop} of a state`),
              ]),
            ),
          },
    nextable,
    statements,
    invokes,
    catches: [],
    incoming: [],
    choices: [],
    branches: [],
  };
  return new HostObject('sfnState', data as unknown as Props);
}

/**
 * A state of aws-stepfunctions that is no task of aws-stepfunctions-tasks (`Class` of `id`, lib/states/*.ts): what its
 * `toStateJson` renders of its props (a CustomState's `stateJson`, as given). Its transitions and the graphs it holds
 * are rendered with the machine it is in (see {@link stateGraph}).
 * A DistributedMap runs its item processor as executions of the machine and may read and write S3, which it grants
 * the role: what is not known here.
 */
export function flowState(cls: string, id: string, p: Props): HostObject {
  if (cls === 'CustomState') {
    // (states/custom-state.ts) It grants nothing: what its JSON calls, the program grants.
    const custom = newState(
      id,
      {},
      isPlainObject(p.stateJson)
        ? p.stateJson
        : new Unknown('JSON of a custom state'),
      true,
    );
    (custom.data as unknown as StateData).custom = true;
    return custom;
  }
  const inputOutput = {
    InputPath: p.inputPath,
    Parameters: stateFields(p.parameters),
    OutputPath: p.outputPath,
  };
  const map = {
    Type: 'Map',
    Comment: p.comment,
    ResultPath: p.resultPath,
    ...inputOutput,
    ResultSelector: stateFields(p.resultSelector),
    ItemsPath: p.itemsPath,
    ItemSelector: stateFields(p.itemSelector),
    MaxConcurrency: p.maxConcurrency,
  };
  switch (cls) {
    case 'Pass':
      return newState(
        id,
        p,
        {
          Type: 'Pass',
          Comment: p.comment,
          Result: stateFields(p.result),
          ResultPath: p.resultPath,
          ...inputOutput,
        },
        true,
      );
    case 'Wait': {
      const time =
        p.time instanceof HostObject && p.time.kind === 'waitTime'
          ? p.time.data.json
          : new Unknown('wait time');
      return newState(
        id,
        p,
        isPlainObject(time)
          ? { Type: 'Wait', Comment: p.comment, ...time }
          : new Unknown('Wait state of a time not known statically'),
        true,
      );
    }
    case 'Succeed':
      return newState(
        id,
        p,
        {
          Type: 'Succeed',
          Comment: p.comment,
          InputPath: p.inputPath,
          OutputPath: p.outputPath,
        },
        false,
      );
    case 'Fail':
      return newState(
        id,
        p,
        {
          Type: 'Fail',
          Comment: p.comment,
          Error: p.error,
          ErrorPath: p.errorPath,
          Cause: p.cause,
          CausePath: p.causePath,
        },
        false,
      );
    case 'Choice':
      return newState(
        id,
        p,
        {
          Type: 'Choice',
          Comment: p.comment,
          InputPath: p.inputPath,
          OutputPath: p.outputPath,
        },
        false,
      );
    case 'Parallel':
      return newState(
        id,
        p,
        {
          Type: 'Parallel',
          Comment: p.comment,
          ResultPath: p.resultPath,
          ...inputOutput,
          ResultSelector: stateFields(p.resultSelector),
        },
        true,
      );
    case 'Map':
      return newState(id, p, map, true);
    default: {
      // DistributedMap (states/distributed-map.ts): its reader, batcher and writer are not modelled.
      const notModelled = (value: JsValue, what: string) =>
        value === undefined
          ? undefined
          : new Unknown(`${what} of a distributed map`);
      const distributed = newState(
        id,
        p,
        {
          ...map,
          ItemReader: notModelled(p.itemReader, 'item reader'),
          ItemBatcher: notModelled(p.itemBatcher, 'item batcher'),
          ResultWriter: notModelled(p.resultWriter, 'result writer'),
          ToleratedFailurePercentage: p.toleratedFailurePercentage,
          ToleratedFailureCount: p.toleratedFailureCount,
          Label: p.label,
        },
        true,
        [new Unknown('permissions a distributed map grants')],
      );
      (distributed.data as unknown as StateData).distributedExecutionType =
        p.mapExecutionType === undefined
          ? 'STANDARD'
          : enumValue(p.mapExecutionType, 'StateMachineType');
      return distributed;
    }
  }
}

/**
 * Fields a state renders (`Parameters`, `ItemSelector`…, fields.ts FieldUtils.renderObject): a JsonPath value not known
 * here (`JsonPath.stringAt('$.id')`) changes its key too (`id.$`), so what has one is not known at all.
 */
function stateFields(value: JsValue): JsValue {
  return value === undefined || !containsUnknown(toGraphValue(value, ref))
    ? value
    : new Unknown('state fields of values not known statically');
}

/**
 * `Condition.<method>(…)` (aws-stepfunctions/lib/condition.ts) as a Choice's rule renders it: `and`, `or` and `not` of
 * conditions, a JSONata `Condition`, or a comparison of a `Variable` by the operator the method names
 * (`numberLessThanJsonPath`: `NumericLessThanPath`; `isNotPresent`: `IsPresent: false`).
 */
export function choiceCondition(method: string, args: JsValue[]): HostObject {
  const rendered = (condition: JsValue) =>
    condition instanceof HostObject && condition.kind === 'choiceCondition'
      ? condition.data.json
      : new Unknown('condition');
  const test = /^is(Not)?([A-Z]\w*)$/.exec(method);
  let json: JsValue;
  if (method === 'and' || method === 'or')
    json = { [method === 'and' ? 'And' : 'Or']: args.map(rendered) };
  else if (method === 'not') json = { Not: rendered(args[0]) };
  else if (method === 'jsonata') json = { Condition: args[0] };
  else if (test)
    json = { Variable: args[0], [`Is${test[2]}`]: test[1] === undefined };
  else
    json = {
      Variable: args[0],
      [`${method[0].toUpperCase()}${method.slice(1)}`
        .replace(/^Number/, 'Numeric')
        .replace(/JsonPath$/, 'Path')]: args[1],
    };
  return new HostObject('choiceCondition', { json });
}

/** `from` goes on to `to`, which CDK binds into the graph `from` is in, and the other way round (State.addIncoming). */
function leadsTo(from: HostObject, to: JsValue): void {
  if (isState(to)) (to.data as unknown as StateData).incoming.push(from);
}

/** The states a state goes on to: next, otherwise, by its rules, and where its errors go (State.outgoingTransitions). */
function transitions(state: HostObject, errorHandlers: boolean): JsValue[] {
  const { next, otherwise, choices, catches } =
    state.data as unknown as StateData;
  return [
    ...(next === undefined ? [] : [next]),
    ...(otherwise === undefined ? [] : [otherwise]),
    ...choices.map(choice => choice.next),
    ...(errorHandlers
      ? catches.map(handler => chainOf(handler).data.start)
      : []),
  ];
}

/**
 * A state or chain of states as a chain (aws-stepfunctions/lib/chain.ts): its first state, the states
 * whose next state is what is chained after it (`ends`: a Choice, Succeed or Fail has none), and whether it
 * has ends not known (`open`: a state not modelled); `others`, states it holds that only parts not known lead to.
 */
export function chainOf(value: JsValue): HostObject {
  if (value instanceof HostObject && value.kind === 'sfnChain') return value;
  if (isState(value))
    return new HostObject('sfnChain', {
      start: value,
      ends: value.data.nextable ? [value] : [],
      open: false,
      others: [],
    });
  // Of the program's classes, an IChainable (a StateMachineFragment): its startState and endStates.
  const start =
    value instanceof Instance ? value.fields.get('startState') : undefined;
  if (value instanceof Instance && isState(start)) {
    const ends = value.fields.get('endStates');
    const known = Array.isArray(ends) && ends.every(isState);
    return new HostObject('sfnChain', {
      start,
      ends: known ? ends : [],
      open: !known,
      others: [],
    });
  }
  return new HostObject('sfnChain', {
    start: value,
    ends: [],
    open: true,
    others: [],
  });
}

/**
 * `first.next(then)`: each end of `first` goes on to `then`'s first state (a Choice's `afterwards({ includeOtherwise })`
 * end: its otherwise); after an end not known, `then` is only led to by what is not known.
 */
function chained(first: JsValue, then: JsValue): HostObject {
  const [before, after] = [chainOf(first), chainOf(then)];
  for (const end of before.data.ends as HostObject[]) {
    if (end.kind === 'choiceOtherwise')
      (end.data.choice as HostObject).data.otherwise = after.data.start;
    else {
      end.data.next = after.data.start;
      leadsTo(end, after.data.start);
    }
  }
  const others = [
    ...(before.data.others as JsValue[]),
    ...(after.data.others as JsValue[]),
  ];
  if (before.data.open && isState(after.data.start))
    others.push(after.data.start);
  return new HostObject('sfnChain', {
    start: before.data.start,
    ends: after.data.ends,
    open: after.data.open,
    others,
  });
}

/** `Chain.sequence(start, next)`: the first state of one and the ends of the other, which it does not chain (chain.ts). */
export function sequence(start: JsValue, next: JsValue): HostObject {
  const [before, after] = [chainOf(start), chainOf(next)];
  return new HostObject('sfnChain', {
    start: before.data.start,
    ends: after.data.ends,
    open: after.data.open,
    others: before.data.others,
  });
}

/**
 * `choice.afterwards(options)` (states/choice.ts): a chain of the Choice whose ends are the states it leads to that
 * lead nowhere and can go on (through error handlers too if asked), with its otherwise if asked and it has none.
 */
function afterwards(choice: HostObject, options: Props): HostObject {
  const ends: HostObject[] = [];
  let open = ![undefined, true, false].includes(
    options.includeErrorHandlers as boolean | undefined,
  );
  const seen = new Set<JsValue>();
  const queue: JsValue[] = [choice];
  while (queue.length > 0) {
    const state = queue.shift();
    if (seen.has(state)) continue;
    seen.add(state);
    if (!isState(state)) {
      open = true;
      continue;
    }
    const outgoing = transitions(state, options.includeErrorHandlers === true);
    if (outgoing.length > 0) queue.push(...outgoing);
    else if (state.data.nextable) ends.push(state);
  }
  if (options.includeOtherwise === true && choice.data.otherwise === undefined)
    ends.push(new HostObject('choiceOtherwise', { choice }));
  else if (
    options.includeOtherwise !== undefined &&
    typeof options.includeOtherwise !== 'boolean'
  )
    open = true;
  return new HostObject('sfnChain', { start: choice, ends, open, others: [] });
}

/** The states of a definition and of the graphs they hold, as they are bound (see {@link stateGraph}), and whether all of them are known. */
interface BoundStates {
  states: Set<HostObject>;
  complete: boolean;
}

/**
 * A state machine's definition (`definitionBody`, or the older `definition`) as CDK renders it: the graph of
 * states its first state is in, by their names; its states and those of the graphs they hold (as CDK binds
 * them, which orders what they grant), and whether all of it is known.
 */
function definitionOf(body: JsValue): {
  definition: JsValue;
  tasks: HostObject[];
  complete: boolean;
} {
  if (body === undefined)
    return {
      definition: new Unknown('definition'),
      tasks: [],
      complete: false,
    };
  const bound: BoundStates = { states: new Set(), complete: true };
  const graph = stateGraph(body, bound);
  // Of a definition none of whose states is known, nothing is.
  const definition =
    bound.states.size === 0 && !bound.complete
      ? new Unknown('definition not known statically')
      : graph;
  return { definition, tasks: [...bound.states], complete: bound.complete };
}

/**
 * The graph of states a chain starts (state-graph.ts), as `toGraphJson` renders it: its first state, and the states
 * CDK binds to the graph with it (State.bindToGraph): each, then those that lead to it and those it goes on to, then
 * the graphs it holds (a Parallel's branches, a Map's item processor), whose states are theirs, not this one's.
 */
function stateGraph(chainable: JsValue, bound: BoundStates): Props {
  const chain = chainOf(chainable);
  const others = chain.data.others as JsValue[];
  if (others.length > 0) bound.complete = false;
  const states: HostObject[] = [];
  const held = new Map<HostObject, Props>();
  // Depth first as bindToGraph recurses, from a list of what is left to bind (and, after what a state leads to, to
  // render the graphs it holds) rather than by recursion: a chain thousands of states long would overflow the stack.
  const pending: ({ bind: JsValue } | { hold: HostObject })[] = [...others]
    .reverse()
    .map(state => ({ bind: state }));
  pending.push({ bind: chain.data.start });
  while (pending.length > 0) {
    const step = pending.pop()!;
    if ('hold' in step) {
      held.set(
        step.hold,
        heldGraphs(step.hold.data as unknown as StateData, bound),
      );
      continue;
    }
    const state = step.bind;
    if (!isState(state)) bound.complete = false;
    else if (!bound.states.has(state)) {
      states.push(state);
      bound.states.add(state);
      pending.push({ hold: state });
      const linked = [
        ...(state.data as unknown as StateData).incoming,
        ...transitions(state, true),
      ];
      for (let i = linked.length - 1; i >= 0; i--)
        pending.push({ bind: linked[i] });
    }
  }
  const nameOf = (state: JsValue) =>
    isState(state)
      ? state.data.name
      : new Unknown('name of a state not modelled');
  const nextOrEnd = ({ nextable, next }: StateData): Props => {
    if (!nextable) return {};
    return next === undefined ? { End: true } : { Next: nameOf(next) };
  };
  const rendered: Props = {};
  for (const state of states) {
    const data = state.data as unknown as StateData;
    const { json, catches, choices, otherwise } = data;
    const caught =
      catches.length === 0
        ? undefined
        : catches.map(handler => ({
            Next: nameOf(chainOf(handler).data.start),
          }));
    if (data.custom && !(json instanceof Unknown)) {
      // Its JSON over its Next or End, the catches added to it before those of its JSON.
      rendered[nameOf(state) as string] = {
        ...nextOrEnd(data),
        ...json,
        Catch: Array.isArray(json.Catch)
          ? [...(caught ?? []), ...json.Catch]
          : caught,
      };
      continue;
    }
    rendered[nameOf(state) as string] =
      json instanceof Unknown
        ? json
        : {
            ...json,
            ...nextOrEnd(data),
            Choices:
              choices.length === 0
                ? undefined
                : choices.map(({ condition, next: to, comment }) =>
                    condition instanceof HostObject &&
                    condition.kind === 'choiceCondition'
                      ? {
                          ...(condition.data.json as Props),
                          Next: nameOf(to),
                          Comment: comment,
                        }
                      : new Unknown(
                          'choice rule of a condition not known statically',
                        ),
                  ),
            Default: otherwise === undefined ? undefined : nameOf(otherwise),
            Catch: caught,
            ...held.get(state),
          };
  }
  return { StartAt: nameOf(chain.data.start), States: rendered };
}

/** The graphs a state holds, as it renders them: a Parallel's `Branches`; a Map's `ItemProcessor`, with its config, or `Iterator`. */
function heldGraphs(state: StateData, bound: BoundStates): Props {
  if (state.json instanceof Unknown || state.custom) return {};
  if (state.json.Type === 'Parallel')
    return {
      Branches: state.branches.map(branch => stateGraph(branch, bound)),
    };
  if (state.processor) {
    const config =
      state.distributedExecutionType === undefined
        ? processorConfig(state.processor.config)
        : {
            Mode: 'DISTRIBUTED',
            ExecutionType: state.distributedExecutionType,
          };
    return {
      ItemProcessor: {
        ProcessorConfig: config,
        ...stateGraph(state.processor.chain, bound),
      },
    };
  }
  return state.iterator === undefined
    ? {}
    : { Iterator: stateGraph(state.iterator, bound) };
}

/** A Map's item processor config (types.ts ProcessorConfig) as it renders: inline by default, else with its execution type. */
function processorConfig(config: JsValue): JsValue {
  if (config !== undefined && !isPlainObject(config))
    return new Unknown('item processor config');
  const mode =
    config?.mode === undefined
      ? 'INLINE'
      : enumValue(config.mode, 'ProcessorMode');
  return mode === 'INLINE'
    ? { Mode: mode }
    : {
        Mode: mode,
        ExecutionType: enumValue(config?.executionType, 'ProcessorType'),
      };
}

/** A definition as the JSON text of a state machine's `DefinitionString`, whose references CDK joins into it (`Fn::Join`). */
function definitionText(definition: Value): Value {
  if (definition instanceof Unknown) return definition;
  const held: Value[] = [];
  const hold = (value: Value): unknown => {
    if (value instanceof Ref || value instanceof Unknown)
      return `\uE010${held.push(value) - 1}\uE010`;
    if (value instanceof Template)
      return value.parts
        .map(part => (typeof part === 'string' ? part : hold(part)))
        .join('');
    if (Array.isArray(value)) return value.map(hold);
    if (isMap(value))
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, hold(item)]),
      );
    return value;
  };
  const text = JSON.stringify(hold(definition));
  return concat(
    text
      .split(/\uE010(\d+)\uE010/)
      .map((piece, index) => (index % 2 === 0 ? piece : held[Number(piece)])),
  );
}

/** The part of CdkModel the Step Functions model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'escape'
  | 'graphValue'
  | 'iamModel'
  | 'importsModel'
  | 'lambdaModel'
  | 'ref'
>;

/**
 * What aws-stepfunctions constructs synthesize: state machines with their roles and definitions, the states and chains
 * of a definition, and the tasks of aws-stepfunctions-tasks.
 */
export class StepFunctionsModel {
  constructor(private readonly model: Model) {}

  /**
   * A state machine (aws-stepfunctions/lib/state-machine.ts) and the role it
   * runs as, made below it (`<machine>/Role`) unless given. The tasks of its
   * definition grant that role what they call, which is not read here; logs
   * and tracing grant it their actions on `*`.
   */
  stateMachine(id: string, p: Props, site: CallSite): ResourceHandle {
    let roleId: string | undefined;
    if (p.role instanceof ResourceHandle) roleId = p.role.id;
    else if (p.role === undefined) {
      roleId = `${id}/Role`;
      this.model.iamModel.role(
        roleId,
        {
          assumedBy: new HostObject('principal', {
            Service: 'states.amazonaws.com',
          }),
        },
        site,
      );
    }
    const logs = p.logs;
    let logging: JsValue;
    const { definition, tasks, complete } = definitionOf(
      p.definitionBody ?? p.definition,
    );
    // What its tasks grant it, as the machine binds them; a part of the definition not known may grant anything.
    const statements: JsValue[] = tasks.flatMap(
      task => task.data.statements as JsValue[],
    );
    if (!complete)
      statements.push(
        new Unknown('permissions the tasks of the definition grant'),
      );
    if (isPlainObject(logs)) {
      if (logs.destination !== undefined) {
        statements.push({
          Effect: 'Allow',
          Action: [
            'logs:CreateLogDelivery',
            'logs:GetLogDelivery',
            'logs:UpdateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:DescribeResourcePolicies',
            'logs:DescribeLogGroups',
          ],
          Resource: '*',
        });
      }
      logging = {
        Destinations:
          logs.destination === undefined
            ? undefined
            : [
                {
                  CloudWatchLogsLogGroup: {
                    LogGroupArn: this.model.ref(logs.destination, 'Arn'),
                  },
                },
              ],
        IncludeExecutionData: logs.includeExecutionData,
        Level:
          logs.level === undefined
            ? 'ERROR'
            : enumValue(logs.level, 'LogLevel'),
      };
    } else if (logs !== undefined) {
      logging = new Unknown('logs');
    }
    if (p.tracingEnabled === true) {
      statements.push({
        Effect: 'Allow',
        Action: [
          'xray:PutTraceSegments',
          'xray:PutTelemetryRecords',
          'xray:GetSamplingRules',
          'xray:GetSamplingTargets',
        ],
        Resource: '*',
      });
    }
    const machine = this.model.add(id, STATE_MACHINE, site, {
      DefinitionString: definitionText(
        this.model.graphValue(definition, site.file),
      ),
      StateMachineName: p.stateMachineName,
      StateMachineType: enumValue(p.stateMachineType, 'StateMachineType'),
      RoleArn: roleId
        ? new Ref(roleId, 'Arn')
        : this.model.iamModel.roleArnOf(p.role),
      LoggingConfiguration: logging,
      TracingConfiguration:
        p.tracingEnabled === undefined
          ? undefined
          : { Enabled: p.tracingEnabled },
    });
    this.model.iamModel.principalRoles.set(id, roleId);
    if (isImportedRole(p.role))
      this.model.iamModel.importedRoles.set(id, p.role);
    // A role granted nothing has no policy.
    if (statements.length > 0)
      this.model.iamModel.addStatements(machine, statements, site);
    return machine;
  }

  /**
   * A task state of aws-stepfunctions-tasks (`Class` of `id`), as the state machine it is in renders it
   * (see {@link definitionOf}): the integration its `Resource` names, with the `.waitForTaskToken` or `.sync`
   * of its integration pattern, its `Parameters`, what it grants the machine's role, and the functions it invokes.
   */
  taskState(task: string, id: string, p: Props): HostObject {
    const integration = (
      service: string,
      patterns: Record<string, string> = {},
    ): Value => {
      const pattern =
        p.integrationPattern === undefined
          ? 'REQUEST_RESPONSE'
          : enumValue(p.integrationPattern, 'IntegrationPattern');
      const suffixes: Record<string, string> = {
        REQUEST_RESPONSE: '',
        ...patterns,
      };
      const suffix =
        typeof pattern === 'string' && pattern in suffixes
          ? suffixes[pattern]
          : new Unknown('integration pattern');
      return concat([
        'arn:',
        Unknown.oneValue('AWS::Partition'),
        `:states:::${service}`,
        suffix,
      ]);
    };
    const waitForToken = { WAIT_FOR_TASK_TOKEN: '.waitForTaskToken' };
    const notKnown = (what: string) =>
      new Unknown(`${what} of Step Functions task ${id}`);
    const allow = (action: string | string[], resource: JsValue) => ({
      Effect: 'Allow',
      Action: action,
      Resource: resource,
    });
    let resource: Value;
    let parameters: Props | undefined;
    const statements: JsValue[] = [];
    const invokes: Invocation[] = [];
    switch (task) {
      case 'LambdaInvoke': {
        // (aws-stepfunctions-tasks/lib/lambda/invoke.ts) Synchronous unless its invocation type is Event.
        const arn = this.model.importsModel.arnOf(
          p.lambdaFunction,
          'ARN of a function not known statically',
        );
        const invocationType =
          typeof p.invocationType === 'string'
            ? enumValue(p.invocationType, 'LambdaInvocationType')
            : undefined;
        const invocationTypeValue =
          p.invocationType === undefined
            ? undefined
            : invocationType ?? notKnown('invocation type');
        invokes.push({
          fn: p.lambdaFunction,
          kind: invocationType === 'Event' ? 'async' : 'sync',
        });
        const payload =
          p.payload === undefined
            ? { 'Payload.$': '$' }
            : { Payload: notKnown('payload') };
        if (p.payloadResponseOnly === true) {
          resource = arn;
          parameters = p.payload === undefined ? undefined : payload;
        } else {
          resource = integration('lambda:invoke', waitForToken);
          parameters = {
            FunctionName: arn,
            ...payload,
            InvocationType: invocationTypeValue,
            Qualifier: p.qualifier,
          };
        }
        statements.push(
          allow('lambda:InvokeFunction', [arn, concat([arn, ':*'])]),
        );
        break;
      }
      case 'SqsSendMessage': {
        resource = integration('sqs:sendMessage', waitForToken);
        parameters = {
          QueueUrl: this.model.ref(p.queue) ?? notKnown('queue'),
          MessageBody: notKnown('message body'),
        };
        statements.push(
          allow('sqs:SendMessage', this.model.importsModel.arnOf(p.queue)),
        );
        // An encrypted queue's key is granted too.
        if (
          !(p.queue instanceof ResourceHandle) ||
          this.model.byId.get(p.queue.id)?.properties.KmsMasterKeyId !==
            undefined
        )
          statements.push(notKnown('key grant'));
        break;
      }
      case 'SnsPublish':
        resource = integration('sns:publish', waitForToken);
        parameters = {
          TopicArn: this.model.ref(p.topic) ?? notKnown('topic'),
          Message: notKnown('message'),
        };
        statements.push(
          allow('sns:Publish', this.model.ref(p.topic) ?? notKnown('topic')),
        );
        if (
          !(p.topic instanceof ResourceHandle) ||
          this.model.byId.get(p.topic.id)?.properties.KmsMasterKeyId !==
            undefined
        )
          statements.push(notKnown('key grant'));
        break;
      case 'DynamoPutItem':
      case 'DynamoGetItem': {
        const action = task === 'DynamoPutItem' ? 'putItem' : 'getItem';
        resource = integration(`dynamodb:${action}`);
        const tableName = this.model.ref(p.table) ?? notKnown('table');
        parameters = {
          TableName: tableName,
          [task === 'DynamoPutItem' ? 'Item' : 'Key']: notKnown('item'),
        };
        const tableArn = concat([
          'arn:',
          Unknown.oneValue('AWS::Partition'),
          ':dynamodb:',
          Unknown.oneValue('AWS::Region'),
          ':',
          Unknown.oneValue('AWS::AccountId'),
          ':table/',
          tableName,
        ]);
        statements.push(
          allow(
            `dynamodb:${action[0].toUpperCase()}${action.slice(1)}`,
            tableArn,
          ),
        );
        break;
      }
      case 'EventBridgePutEvents': {
        resource = integration('events:putEvents', waitForToken);
        const entries = Array.isArray(p.entries) ? p.entries : undefined;
        parameters = { Entries: notKnown('entries') };
        // Each entry's bus, or the account's default one.
        const defaultBus = concat([
          'arn:',
          Unknown.oneValue('AWS::Partition'),
          ':events:',
          Unknown.oneValue('AWS::Region'),
          ':',
          Unknown.oneValue('AWS::AccountId'),
          ':event-bus/default',
        ]);
        const buses = entries?.map(entry =>
          isPlainObject(entry) && entry.eventBus === undefined
            ? defaultBus
            : this.model.importsModel.arnOf(
                isPlainObject(entry) ? entry.eventBus : undefined,
              ),
        );
        statements.push(
          allow('events:PutEvents', buses ?? [notKnown('event buses')]),
        );
        break;
      }
      default: {
        // StepFunctionsStartExecution (lib/stepfunctions/start-execution.ts): waiting for the execution grants more.
        resource = integration('states:startExecution', {
          ...waitForToken,
          RUN_JOB: '.sync:2',
        });
        parameters = {
          StateMachineArn:
            this.model.ref(p.stateMachine) ?? notKnown('state machine'),
          'Input.$': '$',
        };
        statements.push(
          allow(
            'states:StartExecution',
            this.model.ref(p.stateMachine) ?? notKnown('state machine'),
          ),
        );
        if (
          p.integrationPattern !== undefined &&
          enumValue(p.integrationPattern, 'IntegrationPattern') !==
            'REQUEST_RESPONSE'
        )
          statements.push(notKnown('grants'));
        break;
      }
    }
    const json = {
      Type: 'Task',
      Resource: resource,
      Parameters: parameters,
      OutputPath: p.outputPath,
      ResultPath: p.resultPath,
      InputPath: p.inputPath,
    };
    return newState(id, p, json, true, statements, invokes);
  }

  /**
   * An EvaluateExpression task (aws-stepfunctions-tasks/lib/evaluate-expression.ts): a task that invokes its
   * function (`evaluator`, see LambdaModel.evaluatorFunction) with the expression and the value of each state path
   * it names, which the machine's role is granted to invoke.
   */
  evaluateExpression(
    id: string,
    p: Props,
    evaluator: ResourceHandle,
  ): HostObject {
    const arn = new Ref(evaluator.id, 'Arn');
    const paths =
      typeof p.expression === 'string'
        ? p.expression.match(/\$[.[][.a-zA-Z[\]0-9-_]+/g) ?? []
        : undefined;
    const json = {
      Type: 'Task',
      Resource: arn,
      Parameters: {
        expression: p.expression,
        expressionAttributeValues: paths
          ? Object.fromEntries(paths.map(path => [`${path}.$`, path]))
          : new Unknown(`paths of the expression of Step Functions task ${id}`),
      },
      OutputPath: p.outputPath,
      ResultPath: p.resultPath,
      InputPath: p.inputPath,
    };
    const invoke = {
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: [arn, concat([arn, ':*'])],
    };
    return newState(
      id,
      p,
      json,
      true,
      [invoke],
      [{ fn: evaluator, kind: 'sync' }],
    );
  }

  /**
   * A method of a state or chain of states: `next` chains what follows it; `addCatch` adds a state its errors
   * go to; `addRetry` changes only how it retries. A Choice's `when` and `otherwise` add where it goes, and
   * `afterwards` chains what follows all it leads to; a Parallel's `branch` and a Map's `itemProcessor` (or older
   * `iterator`) give the graphs of states they run; a chain's `toSingleState(id, props)` is a Parallel of one branch,
   * itself (chain.ts). Another (`toSingleChain`) makes a state not modelled of it.
   */
  chainMethod(object: HostObject, name: string, args: JsValue[]): JsValue {
    const [first, second, third] = args;
    if (name === 'next') return chained(object, first);
    if (name === 'addRetry') return object;
    const knownOptions = (options: JsValue): options is Props | undefined =>
      options === undefined || isPlainObject(options);
    if (object.kind === 'sfnState') {
      const state = object.data as unknown as StateData;
      switch (name) {
        case 'addCatch':
          state.catches.push(first);
          leadsTo(object, chainOf(first).data.start);
          return object;
        case 'when':
          if (!knownOptions(third)) break;
          state.choices.push({
            condition: first,
            next: chainOf(second).data.start,
            comment: third?.comment,
          });
          leadsTo(object, chainOf(second).data.start);
          return object;
        case 'otherwise':
          state.otherwise = chainOf(first).data.start;
          return object;
        case 'afterwards':
          if (!knownOptions(first)) break;
          return afterwards(object, first ?? {});
        case 'branch':
          state.branches.push(...args);
          return object;
        case 'itemProcessor':
          state.processor = { chain: first, config: second };
          return object;
        case 'iterator':
          state.iterator = first;
          return object;
        default:
          break;
      }
    } else if (
      name === 'toSingleState' &&
      typeof first === 'string' &&
      knownOptions(second)
    ) {
      const parallel = flowState('Parallel', first, second ?? {});
      (parallel.data as unknown as StateData).branches.push(object);
      return parallel;
    }
    this.model.escape([object, ...args]);
    return new Unknown(`${name}()`);
  }

  /**
   * The functions the tasks of states handed to code not modelled (`workflow.step(task)`, in its props too) invoke:
   * that code may put them in a state machine, which invokes them as the tasks say (see {@link Resource.callersElsewhere}).
   */
  statesHandedOn(values: JsValue[]): void {
    for (const value of valuesHandedOn(values)) {
      if (
        !(value instanceof HostObject) ||
        (value.kind !== 'sfnState' && value.kind !== 'sfnChain')
      )
        continue;
      for (const task of definitionOf(value).tasks) {
        for (const { fn, kind } of task.data.invokes as Invocation[]) {
          const resource = this.model.lambdaModel.functionBehind(fn);
          if (!resource) continue;
          resource.callersElsewhere = [
            ...(resource.callersElsewhere ?? []),
            {
              id: `Step Functions task ${String(task.data.name)}`,
              type: STATE_MACHINE,
              kind,
            },
          ];
        }
      }
    }
  }
}
