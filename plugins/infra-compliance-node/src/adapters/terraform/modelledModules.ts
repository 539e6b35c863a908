/**
 * Registry modules the adapter models (see lambdaModule.ts): a call of one
 * is expanded like a local module, from a model of ours placed in the
 * caller's file. What the model declares is written by the call: its
 * resources are at the `module` block's line, and what reads an argument
 * the call writes is at that argument's line.
 */
import type { Value, ValueMap } from '../../graph/values';
import {
  Attribute,
  Block,
  Body,
  Expression,
  parseHcl,
  withLine,
} from './syntax';
import {
  APIGATEWAY_V2_MESSAGE_NAMES,
  APIGATEWAY_V2_MODULE,
  inputsOfCall as apigatewayV2Inputs,
} from './apigatewayV2Module';
import {
  inputsOfVersion as lambdaInputs,
  LAMBDA_MADE_BY,
  LAMBDA_MESSAGE_NAMES,
  LAMBDA_MODULE,
} from './lambdaModule';
import {
  DYNAMODB_TABLE_MODULE,
  inputsOfVersion as dynamodbTableInputs,
} from './dynamodbTableModule';
import { EVENTBRIDGE_MODULE } from './eventbridgeModule';
import { S3_BUCKET_MODULE } from './s3BucketModule';
import { S3_NOTIFICATION_MODULE } from './s3NotificationModule';
import { SNS_MODULE } from './snsModule';
import {
  inputsOfVersion as sqsInputs,
  SQS_MESSAGE_NAMES,
  SQS_MODULE,
} from './sqsModule';

export interface ModelledModule {
  body: Body;
  /** Inputs the call's `version` (or which inputs it writes) decides, unless the call writes them. */
  inputs: Record<string, boolean>;
  /** See {@link MessageNames}. */
  messageNames: MessageNames;
  /** See {@link MadeBy}. */
  madeBy: MadeBy;
}

/**
 * What messages name for arguments of the model's resources where the
 * input read is not the advice (`message_retention_seconds` of a
 * dead-letter queue, which `dlq_message_retention_seconds` sets), by the
 * resource's address in the model (`aws_sqs_queue.dlq`) and argument:
 * a name, or how to name the input read (the one the call writes, else
 * the last read) given the argument's value: a rule names what holds no
 * value after "no" (`no dlq_message_retention_seconds`), one that holds
 * one before it (`message_retention_seconds 86400`).
 */
export type MessageNames = Readonly<
  Record<
    string,
    Readonly<
      Record<
        string,
        string | ((input: string, value: Value | undefined) => string)
      >
    >
  >
>;

/**
 * Resources a model declares for each entry of a map input, where one
 * entry makes several alike (the lambda module's two permissions per
 * trigger, one for the version and one unqualified): by the resource's
 * address in the model (`aws_lambda_permission.current_version_triggers`),
 * the model's resource that is reported for them (`aws_lambda_function.this`)
 * and the input (`allowed_triggers`). What they fail alike is then one
 * failure of what the author wrote, the entry, as for SAM's events.
 */
export type MadeBy = Readonly<Record<string, { by: string; input: string }>>;

interface Model {
  /** The registry address (`terraform-aws-modules/lambda/aws`). */
  name: string;
  /** The model: HCL of ours. */
  text: string;
  /** See {@link ModelledModule.inputs}: from the call's `version` and the names of the arguments it writes. */
  inputsOfCall: (
    version: unknown,
    written: ReadonlySet<string>,
  ) => Record<string, boolean>;
  messageNames?: MessageNames;
  madeBy?: MadeBy;
}

/** The registry modules modelled, one file each. */
const MODELS: Model[] = [
  {
    name: 'terraform-aws-modules/lambda/aws',
    text: LAMBDA_MODULE,
    inputsOfCall: lambdaInputs,
    messageNames: LAMBDA_MESSAGE_NAMES,
    madeBy: LAMBDA_MADE_BY,
  },
  {
    name: 'terraform-aws-modules/sqs/aws',
    text: SQS_MODULE,
    inputsOfCall: sqsInputs,
    messageNames: SQS_MESSAGE_NAMES,
  },
  {
    name: 'terraform-aws-modules/sns/aws',
    text: SNS_MODULE,
    inputsOfCall: () => ({}),
  },
  {
    name: 'terraform-aws-modules/dynamodb-table/aws',
    text: DYNAMODB_TABLE_MODULE,
    inputsOfCall: dynamodbTableInputs,
  },
  {
    name: 'terraform-aws-modules/eventbridge/aws',
    text: EVENTBRIDGE_MODULE,
    inputsOfCall: () => ({}),
  },
  {
    name: 'terraform-aws-modules/apigateway-v2/aws',
    text: APIGATEWAY_V2_MODULE,
    inputsOfCall: apigatewayV2Inputs,
    messageNames: APIGATEWAY_V2_MESSAGE_NAMES,
  },
  {
    name: 'terraform-aws-modules/s3-bucket/aws',
    text: S3_BUCKET_MODULE,
    inputsOfCall: () => ({}),
  },
  // A submodule is modelled only where named here, with its `//modules/...` path.
  {
    name: 'terraform-aws-modules/s3-bucket/aws//modules/notification',
    text: S3_NOTIFICATION_MODULE,
    inputsOfCall: () => ({}),
  },
];

/** The registry modules modelled, as a sentence names them. */
export const MODELLED_MODULE_NAMES: readonly string[] = MODELS.map(
  model => model.name,
);

/** Whether a call's `source` names `name`: the registry's address, with or without its host; a submodule (`//modules/alias`) only where `name` names it. */
const names = (source: string, name: string) =>
  source.toLowerCase().replace(/^registry\.terraform\.io\//, '') === name;

/** The model of the registry module a call's `source` names, for a call of `version` that writes the arguments named `written`; undefined for one not modelled. */
export function modelledModule(
  source: unknown,
  version: unknown,
  written: ReadonlySet<string>,
): ModelledModule | undefined {
  const model =
    typeof source === 'string'
      ? MODELS.find(candidate => names(source, candidate.name))
      : undefined;
  return (
    model && {
      body: parsedModel(model),
      inputs: model.inputsOfCall(version, written),
      messageNames: model.messageNames ?? {},
      madeBy: model.madeBy ?? {},
    }
  );
}

/** Each model parsed once: every call places a copy at its own lines. */
const PARSED_MODELS = new Map<Model, Body>();

function parsedModel(model: Model): Body {
  let body = PARSED_MODELS.get(model);
  if (!body) PARSED_MODELS.set(model, (body = parseHcl(model.text).body));
  return body;
}

/** How an input read makes a value, most direct first (see {@link firstWritten}). */
enum Use {
  /** A value a condition tests: `var.x` of `var.x == null ? var.y : var.x`, which is the value where written. */
  Tested,
  Value,
  /** Read only to choose: the condition of `var.lambda_at_edge ? … : var.timeout`, a `for`'s `if`. */
  Selects,
}

/** The module inputs read by the arguments of each resource block placed, and its {@link MessageNames} (see {@link moduleInputNames}). */
const INPUT_NAMES = new WeakMap<
  Block,
  { inputs: ReadonlyMap<string, string>; names: MessageNames[string] }
>();

/** The {@link MadeBy} of each resource block placed that has one. */
const MAKERS = new WeakMap<Block, MadeBy[string]>();

/** For a resource block of a model placed at a call, what reports it and the input whose entries make it (see {@link MadeBy}). */
export function madeByOf(block: Block): MadeBy[string] | undefined {
  return MAKERS.get(block);
}

/**
 * A copy of a model's body placed at a call: its blocks at the call's
 * line; within them, each argument and nested block at the line of the
 * first argument of the call it reads (`var.x`, also through a local, or
 * through `each` the one its block's `for_each` reads), else at that of
 * what holds it. `givenNull` says whether the call gives an argument null:
 * an input tested for null so given is not the value (see {@link firstWritten}).
 * Of a condition on an input the call's version decides, only the branch
 * it takes is read (see {@link Readers.decided}).
 */
export function placedAt(
  { body: model, inputs: decidedInputs, messageNames, madeBy }: ModelledModule,
  callLine: number,
  argumentLines: ReadonlyMap<string, number>,
  givenNull: (name: string) => boolean,
): Body {
  const locals = new Map(
    model.blocks
      .filter(block => block.type === 'locals')
      .flatMap(block =>
        block.body.attributes.map(a => [a.name, a.expression] as const),
      ),
  );
  const decided = new Map(
    Object.entries(decidedInputs).filter(([name]) => !argumentLines.has(name)),
  );
  const placeBlock = (
    block: Block,
    line: number,
    readers: Readers,
    inputs?: Map<string, string>,
    prefix = '',
  ): Block => {
    const lineOf = (node: unknown, outer: number) => {
      const read = firstWritten(
        readInputs(node, readers),
        name => argumentLines.has(name),
        givenNull,
      );
      return read === undefined ? outer : argumentLines.get(read.name)!;
    };
    // The input a message names for an argument: the one the call writes (see firstWritten), else the last read for
    // the value (`var.lambda_at_edge ? … : var.timeout`). An object input's attribute is named with it
    // (`server_side_encryption.enabled`): the object itself is no such value.
    const nameInput = (argument: string, expression: Expression) => {
      const merged = mergedInputs(expression, readers);
      if (inputs && merged.length > 0) {
        inputs.set(
          `${prefix}${argument}`,
          merged.length === 1
            ? merged[0]
            : `${merged[0]} (or ${merged.slice(1).join(', ')})`,
        );
        return;
      }
      const read = readInputs(expression, readers, new Set(), true);
      const first = firstWritten(
        read,
        name => argumentLines.has(rootOf(name)),
        name => givenNull(rootOf(name)),
      );
      // Of an object written, the attribute read (`x.enabled`) rather than the test of the whole (`var.x != null`).
      const paths =
        first === undefined
          ? []
          : read
              .map(({ name }) => name)
              .filter(name => rootOf(name) === rootOf(first.name));
      const input =
        first === undefined
          ? (
              read.filter(({ use }) => use !== Use.Selects).at(-1) ??
              read.at(-1)
            )?.name
          : paths.reduce((a, b) =>
              b.split('.').length > a.split('.').length ? b : a,
            );
      if (inputs && input !== undefined)
        inputs.set(`${prefix}${argument}`, input);
    };
    const placeBody = (body: Body, outer: number): Body => ({
      attributes: body.attributes.map(attribute => {
        nameInput(attribute.name, attribute.expression);
        return placeAttribute(attribute, lineOf(attribute.expression, outer));
      }),
      blocks: body.blocks.map(nested => {
        // A dynamic block's arguments are those of its content, under its label.
        let named = `${nested.type}.`;
        if (nested.type === 'dynamic') named = `${nested.labels[0]}.`;
        else if (nested.type === 'content') named = '';
        return placeBlock(
          nested,
          lineOf(nested.body, outer),
          readers,
          inputs,
          `${prefix}${named}`,
        );
      }),
    });
    // Not written in the caller's file: the block is at the call's line alone.
    return {
      ...block,
      line,
      lastLine: line,
      body: placeBody(block.body, line),
    };
  };
  return {
    attributes: [],
    blocks: model.blocks.map(block => {
      const forEach = block.body.attributes.find(
        attribute => attribute.name === 'for_each',
      );
      const each = forEach
        ? readInputs(forEach.expression, { locals, each: [], decided })
        : [];
      const inputs =
        block.type === 'resource' ? new Map<string, string>() : undefined;
      const placed = placeBlock(
        block,
        callLine,
        { locals, each, decided },
        inputs,
      );
      if (inputs)
        INPUT_NAMES.set(placed, {
          inputs,
          names: messageNames[block.labels.join('.')] ?? {},
        });
      const maker =
        block.type === 'resource' ? madeBy[block.labels.join('.')] : undefined;
      if (maker) MAKERS.set(placed, maker);
      return placed;
    }),
  };
}

/** The inputs read by argument, with the names of {@link MessageNames} for the arguments' values in their place. */
function namedForMessages(
  inputs: ReadonlyMap<string, string>,
  messageNames: MessageNames[string],
  values: ValueMap,
): ReadonlyMap<string, string> {
  const named = new Map(inputs);
  for (const [argument, name] of Object.entries(messageNames)) {
    const input = inputs.get(argument);
    if (typeof name === 'string') named.set(argument, name);
    else if (input !== undefined)
      named.set(argument, name(input, values[argument]));
  }
  return named;
}

/** Whether a resource block is one of a model placed at a call. */
export function placedByModel(block: Block): boolean {
  return INPUT_NAMES.has(block);
}

/**
 * For a resource block of a model placed at a call, the module input that
 * stands for each of its arguments (`retention_in_days` →
 * `cloudwatch_logs_retention_in_days`): what the call's author writes, and
 * messages name, given the `values` of its arguments. Undefined for other
 * blocks.
 */
export function moduleInputNames(
  block: Block,
  values: ValueMap,
): ReadonlyMap<string, string> | undefined {
  const read = INPUT_NAMES.get(block);
  return read && namedForMessages(read.inputs, read.names, values);
}

/** The input each terraform-aws-modules module merges into all it makes (main.tf, iam.tf of lambda; main.tf of sqs, apigateway-v2). */
const TAGS_INPUT = 'tags';

/**
 * The inputs a `merge()` merges, `tags` first: each module merges it into
 * all it makes, and a narrow input into one resource, after it or before
 * (apigateway-v2 4.x: `merge(var.default_stage_tags, var.tags)`): `tags`
 * is the advice, the others alternatives.
 */
function mergedInputs(expression: Expression, readers: Readers): string[] {
  if (expression.kind !== 'call' || expression.name !== 'merge') return [];
  const merged = [
    ...new Set(expression.args.flatMap(arg => valuesMerged(arg, readers))),
  ];
  return merged.includes(TAGS_INPUT)
    ? [TAGS_INPUT, ...merged.filter(name => name !== TAGS_INPUT)]
    : merged;
}

/**
 * The inputs an argument of `merge()` is: as they are, or where set
 * (`var.x != null ? var.x : {}`, `try(var.x.tags, {})`); not one that
 * only decides (`var.include_default_tag ? {…} : {}`).
 */
function valuesMerged(expression: Expression, readers: Readers): string[] {
  if (referenceOf(expression)?.root === 'var')
    return [attributePath(expression)];
  if (expression.kind === 'conditional') {
    const taken = decidedCondition(expression.condition, readers);
    if (taken !== undefined)
      return valuesMerged(
        taken ? expression.whenTrue : expression.whenFalse,
        readers,
      );
    return [
      ...valuesMerged(expression.whenTrue, readers),
      ...valuesMerged(expression.whenFalse, readers),
    ];
  }
  return expression.kind === 'call' && expression.name === 'try'
    ? expression.args.flatMap(arg => valuesMerged(arg, readers))
    : [];
}

/** What the names an expression reads read: the model's locals, and the inputs `each` stands for. */
interface Readers {
  locals: ReadonlyMap<string, Expression>;
  each: InputRead[];
  /**
   * The value of each input the call's version decides and the call does
   * not write (see {@link ModelledModule.inputs}): known wherever the model
   * is placed for this call, as what a condition on it alone selects.
   */
  decided: ReadonlyMap<string, boolean>;
}

/**
 * The value of a condition that is an input of {@link Readers.decided},
 * read as it is or through locals (`local.legacy` for `var.written_for_4x`);
 * undefined for any other.
 */
function decidedCondition(
  expression: Expression | undefined,
  readers: Readers,
  seen = new Set<string>(),
): boolean | undefined {
  if (expression?.kind !== 'traversal' || expression.steps.length !== 1)
    return undefined;
  const reference = referenceOf(expression);
  if (reference?.root === 'var') return readers.decided.get(reference.name);
  if (reference?.root !== 'local' || seen.has(reference.name)) return undefined;
  seen.add(reference.name);
  return decidedCondition(readers.locals.get(reference.name), readers, seen);
}

interface InputRead {
  name: string;
  use: Use;
}

/**
 * Of the inputs read, the first the call writes that is most directly the
 * value: with `lambda_at_edge` and `timeout` written,
 * `var.lambda_at_edge ? min(var.timeout, 30) : var.timeout` is `timeout`'s
 * value; with both of `var.dlq_x == null ? var.x : var.dlq_x`, `dlq_x`'s,
 * unless the call gives `dlq_x` null: then the module takes `x`.
 * A switch is named only where it is all the call writes.
 */
function firstWritten(
  read: readonly InputRead[],
  written: (name: string) => boolean,
  givenNull: (name: string) => boolean,
): InputRead | undefined {
  const candidates = read.filter(
    input =>
      written(input.name) &&
      !(input.use === Use.Tested && givenNull(input.name)),
  );
  return candidates.find(
    input =>
      input.use === Math.min(...candidates.map(candidate => candidate.use)),
  );
}

function placeAttribute(attribute: Attribute, line: number): Attribute {
  return {
    ...attribute,
    line,
    expression: withLine(attribute.expression, line),
  };
}

/**
 * The inputs (`var.x`) an expression or a body reads, in the order written,
 * through the locals and `each` it reads; with `attributes`, an input read
 * by its attributes as they are read (`var.x.enabled` → `x.enabled`). What
 * a condition reads (of `? :`, of a `for`'s `if`) selects.
 */
function readInputs(
  node: unknown,
  readers: Readers,
  seen = new Set<string>(),
  attributes = false,
  selects = false,
): InputRead[] {
  const read = (inner: unknown, inCondition = selects) =>
    readInputs(inner, readers, seen, attributes, inCondition);
  const use = selects ? Use.Selects : Use.Value;
  if (Array.isArray(node)) return node.flatMap(item => read(item));
  if (typeof node !== 'object' || node === null) return [];
  const expression = node as Expression;
  const reference = referenceOf(expression);
  if (reference?.root === 'var')
    return [
      { name: attributes ? attributePath(expression) : reference.name, use },
    ];
  if (reference?.root === 'each')
    return readers.each.map(input => ({
      ...input,
      use: Math.max(input.use, use),
    }));
  // A local read once for its value and once to select (`local.name == null ? null : local.name`) is read both ways.
  const local = `${reference?.name}${selects ? '?' : ''}`;
  if (reference?.root === 'local' && !seen.has(local)) {
    seen.add(local);
    return read(readers.locals.get(reference.name));
  }
  if (expression.kind === 'conditional') {
    const taken = decidedCondition(expression.condition, readers);
    if (taken !== undefined)
      return read(taken ? expression.whenTrue : expression.whenFalse);
    const condition = read(expression.condition, true);
    const tested = new Set(condition.map(input => rootOf(input.name)));
    const asTested = (input: InputRead) =>
      input.use === Use.Value && tested.has(rootOf(input.name))
        ? { ...input, use: Use.Tested }
        : input;
    return [
      ...condition,
      ...read(expression.whenTrue).map(asTested),
      ...read(expression.whenFalse).map(asTested),
    ];
  }
  if (expression.kind === 'for') {
    const { condition, ...rest } = expression;
    return [...read(Object.values(rest)), ...read(condition, true)];
  }
  return Object.values(node).flatMap(value => read(value));
}

/** The input an attribute path (`x.enabled`) reads: `x`. */
function rootOf(name: string): string {
  return name.split('.')[0];
}

/** `var.x.y.z` as `x.y.z`: the attributes a traversal reads, to its first step that is not one. */
function attributePath(expression: Expression): string {
  if (expression.kind !== 'traversal') return '';
  const steps: string[] = [];
  for (const step of expression.steps) {
    if (step.kind !== 'attribute') break;
    steps.push(step.name);
  }
  return steps.join('.');
}

/** `var.x` and `local.x` as written: the root and the name after it. */
function referenceOf(
  expression: Expression,
): { root: string; name: string } | undefined {
  if (expression.kind !== 'traversal' || expression.source.kind !== 'variable')
    return undefined;
  const [step] = expression.steps;
  return step?.kind === 'attribute'
    ? { root: expression.source.name, name: step.name }
    : undefined;
}
