/**
 * Evaluates Terraform expressions into graph values: literals and
 * collections into JSON, `aws_x.y.attr` into references, interpolation into
 * templates, variables with defaults and locals into their values, and
 * everything that depends on state, the plan or the provider into Unknown.
 */
import {
  copyLines,
  hasLines,
  lineOfNode,
  lineOfPath,
  recordKeyLinesOnly,
  recordLines,
} from '../../graph/locations';
import { WrittenText } from '../../graph/writtenText';
import {
  MAX_VALUE_SIZE,
  Ref,
  Template,
  Unknown,
  Value,
  ValueMap,
  asBoolean,
  asJsonText,
  asMaybeNull,
  asSetList,
  computedFromResources,
  concat,
  containsUnknown,
  getPath,
  isJsonText,
  isMap,
  isMaybeNull,
  isSetList,
  setEntry,
  sizeOf,
  sizeOfAll,
  tooLargeValue,
} from '../../graph/values';
import {
  HclDirective,
  HclExpression,
  HclTemplatePart,
  HclTraversalStep,
  parseHclTemplate,
} from '../../documents/parseHcl';
import { Block, Body, Expression } from './syntax';
import { compareText } from '../../support/compareText';
import { graphemes } from '../../support/displayWidth';
import {
  DEFAULT_YAML_LIMITS,
  ParseProblem,
  parseYaml,
} from '../../documents/parseYaml';

/** What names in expressions resolve to, in the module being evaluated. */
export interface Scope {
  variable(name: string): Value;
  local(name: string): Value;
  /**
   * How the resource `<type>.<name>` is deployed: `one` without `count` or
   * `for_each`, `declaration` as one resource standing for instances not
   * known statically, else the keys of its instances; undefined when no
   * such resource is declared.
   */
  resourceInstances(type: string, name: string): Instances | undefined;
  /** A reference to `<type>.<name>`, or to its instance `key`, and to its attribute. */
  resource(
    type: string,
    name: string,
    key: string | number | undefined,
    attribute: string | undefined,
  ): Value;
  /** An attribute of a whole resource a reference stands for (`each.value.arn` of a for_each over a resource's instances). */
  attributeOf(resource: Ref, attribute: string): Value;
  /**
   * An instance of the resource or module call at `address` (in the module)
   * was read with a key not known statically: which instance is read is not
   * known, so the stack is read again with the block not expanded.
   */
  instanceKeyNotKnown(address: string): void;
  /**
   * How the data block `data.<type>.<name>` is read, as
   * {@link moduleInstances} says of a module call; `one` when no such block
   * is declared (Terraform refuses it: read as one).
   */
  dataInstances(type: string, name: string): Instances;
  /**
   * `data.<type>.<name>.<attribute>`, or that of its instance `key` (one
   * {@link dataInstances} lists).
   */
  data(
    type: string,
    name: string,
    attribute: string | undefined,
    key: string | number | undefined,
  ): Value;
  /** How the module call `name` is deployed, as {@link resourceInstances} says of a resource. */
  moduleInstances(name: string): Instances | undefined;
  /**
   * An output of the module call `name`, or of its instance `key`; without
   * `output`, the call or instance itself: an object of its outputs.
   */
  module(
    name: string,
    key: string | number | undefined,
    output: string | undefined,
  ): Value;
  /** `path.module`, `path.root`, `path.cwd`. */
  path(name: string): Value;
  /** The text of a file `file()` or `templatefile()` names; undefined when it cannot be read. */
  file(filePath: string): string | undefined;
}

/**
 * How a block is deployed (see {@link Scope.resourceInstances}): `one`, a
 * block without `count` or `for_each` (a splat of it is a list of it), or
 * `declaration`, one standing for instances not known statically, or the
 * keys of its instances, by `count` (a list of them, none for a count of 0)
 * or `for_each` (a map of them).
 */
export type Instances =
  | 'one'
  | 'declaration'
  | {
      readonly by: 'count' | 'for_each';
      readonly keys: readonly (string | number)[];
    };

/** Functions whose result may be a part of an argument (`element(local.statements, 0)`), shared with whatever else reads it. */
const READS_PART_OF_ARGUMENT = new Set(['element', 'lookup', 'one']);

/**
 * `.name` is a string; `[key]` an Index, so that `x["arn"]` is not read as
 * `x.arn`; `[*]` and `.*` a splat; `[key]` with a key not known statically,
 * an unknown index.
 */
class Index {
  constructor(readonly key: string | number) {}
}
const SPLAT = Symbol('splat');
/**
 * The reference a splat of a resource not expanded gives
 * (`aws_sqs_queue.dlq[*].arn` of a `count` not known): it stands for the
 * list of its instances' attribute, whose one element `one()` reads, or
 * null if the count is 0 (see asMaybeNull).
 */
class SplatOfDeclaration extends Ref {}
/**
 * A splat of a block not expanded whose value is not a reference (a data
 * source's ARN, `one(data.aws_sqs_queue.q[*].arn)`): a list of a length not
 * known, of which `one()` reads the one instance, which the declaration's
 * value stands for, as it does for {@link SplatOfDeclaration}.
 */
class ListOfDeclaration extends Unknown {
  constructor(
    reason: string,
    mayName: readonly string[] | undefined,
    readonly eachInstance: Value,
  ) {
    super(reason, false, mayName);
  }
}
/**
 * A whole resource or instance (`aws_sqs_queue.q`, `aws_sqs_queue.q[0]`):
 * an object of its attributes, where a reference to its identifier
 * (`aws_sqs_queue.q.id`), the same reference otherwise, is a string.
 */
class WholeResource extends Ref {}
/**
 * An instance of a data block read whole (`each.value` of a for_each over
 * the block's instances): not known as a value, but what is read of it
 * (`each.value.arn`) is what the instance reads.
 */
class WholeData extends Unknown {
  constructor(reason: string, readonly read: (steps: Step[]) => Value) {
    super(reason);
  }
}
/**
 * A value not known statically that is one string (a data source's ARN),
 * which jsonencode() quotes. Of its own class, which a copy keeps (a local
 * of another file, a module's output: see withoutLines), while the same
 * value read otherwise (a splat's list) stays of a type not known.
 */
class TextNotKnown extends Unknown {}
/**
 * What a function call gives where Terraform raises an error (`tonumber("x")`,
 * `zipmap` of lists of different lengths): `try()` and `can()` catch it, as
 * they do an attribute a known value does not have.
 */
class CallError extends Unknown {}
const UNKNOWN_INDEX = Symbol('unknown index');
type Step = string | Index | typeof SPLAT | typeof UNKNOWN_INDEX;

/** The element of a dynamic block's collection that its content is being read for. */
interface Iteration {
  key: Value;
  value: Value;
}

/** Where the text of an argument written as a heredoc starts, by the map of arguments and the argument's name. */
const heredocStarts = new WeakMap<ValueMap, Record<string, number>>();

/** The line where an argument written as a heredoc (`policy = <<EOF`) starts its text; undefined for other arguments. */
export function heredocTextLine(
  args: ValueMap,
  name: string,
): number | undefined {
  const starts = heredocStarts.get(args);
  return starts && Object.prototype.hasOwnProperty.call(starts, name)
    ? starts[name]
    : undefined;
}

/**
 * Most blocks dynamic blocks, and elements `for` expressions, may generate
 * in one stack (its modules, their instances and those of its resources
 * alike): nested ones multiply, and three levels over a list of a thousand
 * would otherwise generate a billion.
 */
const MAX_GENERATED = 1_000_000;

/** How many blocks and elements a stack's evaluations generated so far (see {@link MAX_GENERATED}). */
export interface Generated {
  count: number;
}

export class Evaluator {
  /** Iterator name → current element, inside the content of dynamic blocks. */
  private iterations = new Map<string, Iteration>();
  /**
   * Names bound where they are read: the variables of the template
   * `templatefile()` reads (which sees only those), the names of a `for`,
   * `count` and `each` in the arguments of a resource's instance.
   */
  private bound = new Map<string, Value>();
  /** Inside a template templatefile() reads (which may not call it again). */
  private inTemplate = false;
  /**
   * Reading the elements of a `for` expression whose result is not known,
   * for what they may name (see {@link elementsMade}): an instance read
   * with a key not known may be any of them, and the stack is not read
   * again for it.
   */
  private forNamesOnly = false;
  /** Errors so far that Terraform would raise (an attribute a known value does not have): `try()` compares counts. */
  private errors = 0;
  /**
   * Reads so far that fail where Terraform knows what is not known here (an
   * instance of a block whose count is not known, which may have none):
   * `try()` and `can()` of them are not known either way.
   */
  private possibleErrors = 0;

  constructor(
    private readonly scope: Scope,
    /** How strings built from variables read as written, for the whole stack. */
    private readonly writtenText: WrittenText,
    /** What the whole stack generated (see {@link MAX_GENERATED}). */
    private readonly generated: Generated,
  ) {}

  /** A body's attributes, and its nested blocks as lists of maps (`environment { }` → `environment: [{...}]`). */
  body(body: Body, line: number): ValueMap {
    const out: ValueMap = {};
    const keys: Record<string, number> = {};
    for (const attribute of body.attributes) {
      const value = this.expression(attribute.expression);
      // An argument set to null is an argument left out.
      if (value === null) continue;
      setEntry(out, attribute.name, value);
      setEntry(keys, attribute.name, attribute.line);
      if (
        attribute.expression.kind === 'template' &&
        attribute.expression.heredoc
      ) {
        const starts = heredocStarts.get(out) ?? {};
        heredocStarts.set(out, starts);
        setEntry(starts, attribute.name, attribute.expression.line + 1);
      }
    }
    // Static and dynamic blocks of one type make one list, in the order written, on the line of the first.
    const lists = new Map<
      string,
      { line: number; blocks: Value[]; lines: number[]; unknown?: Unknown }
    >();
    for (const block of body.blocks) {
      const type = block.type === 'dynamic' ? block.labels[0] : block.type;
      if (!type) continue;
      let list = lists.get(type);
      if (!list) {
        list = { line: block.line, blocks: [], lines: [] };
        lists.set(type, list);
      }
      if (list.unknown) continue;
      const generated =
        block.type === 'dynamic'
          ? this.dynamicBlocks(type, block)
          : [{ value: this.body(block.body, block.line), line: block.line }];
      if (generated instanceof Unknown) {
        list.unknown = generated;
        continue;
      }
      for (const { value, line: blockLine } of generated) {
        list.blocks.push(value);
        list.lines.push(blockLine);
      }
    }
    for (const [type, list] of lists) {
      // `.tf.json` writes static blocks as an attribute (an object or a list of them) beside its dynamic blocks.
      const written = Object.prototype.hasOwnProperty.call(out, type)
        ? out[type]
        : undefined;
      if (written !== undefined && !list.unknown) {
        const items = Array.isArray(written) ? written : [written];
        list.blocks.unshift(...items);
        list.lines.unshift(...items.map(() => keys[type]));
        list.line = keys[type];
      }
      // Dynamic blocks over an empty collection alone generate no block: the type stays absent.
      if (!list.unknown && list.blocks.length === 0) continue;
      if (!list.unknown)
        recordLines(list.blocks, list.line, { items: list.lines });
      setEntry(out, type, list.unknown ?? list.blocks);
      setEntry(keys, type, list.line);
    }
    recordLines(out, line, { keys });
    return out;
  }

  /**
   * The blocks a `dynamic "<type>"` block generates: its `content` read once
   * per element of `for_each`, with the iterator (the `iterator` argument,
   * else the block type) naming the element's `key` and `value`. Unknown
   * when the collection is not known statically (it often comes from the
   * plan) or the block is malformed.
   */
  private dynamicBlocks(
    type: string,
    block: Block,
  ): { value: Value; line: number }[] | Unknown {
    const unknown = new Unknown(`dynamic block ${type}`);
    const forEach = block.body.attributes.find(
      attribute => attribute.name === 'for_each',
    );
    const iteratorArgument = block.body.attributes.find(
      attribute => attribute.name === 'iterator',
    );
    const content = block.body.blocks.find(inner => inner.type === 'content');
    if (!forEach || !content) return unknown;
    let iterator = type;
    if (iteratorArgument) {
      const name = iteratorName(iteratorArgument.expression);
      if (name === undefined) return unknown;
      iterator = name;
    }
    const collection = this.expression(forEach.expression);
    let elements: Iteration[];
    if (Array.isArray(collection)) elements = listIterations(collection);
    else if (isMap(collection))
      // A map's elements in lexical order of their keys, as Terraform reads them.
      elements = Object.keys(collection)
        .sort()
        .map(key => ({ key, value: collection[key] }));
    else return unknown;
    this.generated.count += elements.length;
    if (this.generated.count > MAX_GENERATED)
      return new Unknown(
        `dynamic block ${type}: more than ${MAX_GENERATED} blocks and elements generated`,
      );
    const outer = this.iterations.get(iterator);
    try {
      return elements.map(element => {
        this.iterations.set(iterator, element);
        return {
          value: this.body(content.body, content.line),
          line: content.line,
        };
      });
    } finally {
      if (outer) this.iterations.set(iterator, outer);
      else this.iterations.delete(iterator);
    }
  }

  expression(expression: Expression): Value {
    if (expression.kind === 'json')
      return this.json(expression.value, expression.line, expression.ownLines);
    return this.node(expression);
  }

  /**
   * `.tf.json` values: strings are templates, objects and arrays hold more
   * values (nested blocks among them), each at the line where the file
   * writes it (`ownLines`, what the parser recorded on it), else at `line`.
   */
  private json(value: unknown, line: number, ownLines: boolean): Value {
    if (typeof value === 'string') {
      if (!value.includes('${') && !value.includes('%{')) return value;
      const template = parseHclTemplate(value, line);
      return template
        ? this.node(template)
        : new Unknown('template that does not parse');
    }
    const lineOf = (step: string | number) =>
      ownLines ? lineOfPath(value as Value, [step], line) : line;
    if (Array.isArray(value)) {
      const items = value.map((_item, index) => lineOf(index));
      const list = value.map((item, index) =>
        this.json(item, items[index], ownLines),
      );
      recordLines(list, line, { items });
      return list;
    }
    if (typeof value === 'object' && value !== null) {
      const map: ValueMap = {};
      const keys: Record<string, number> = {};
      for (const [key, item] of Object.entries(value)) {
        setEntry(keys, key, lineOf(key));
        setEntry(map, key, this.json(item, keys[key], ownLines));
      }
      recordLines(map, line, { keys });
      return map;
    }
    return value as Value;
  }

  /**
   * The value of `node`, not known when it is larger than {@link MAX_VALUE_SIZE}
   * (locals that double one another: `concat(local.a, local.a)`, `{ l = local.a, r = local.a }`).
   */
  private node(node: HclExpression): Value {
    const value = this.nodeValue(node);
    return sizeOf(value) > MAX_VALUE_SIZE ? tooLarge(node.line) : value;
  }

  private nodeValue(node: HclExpression): Value {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'template':
        return this.template(node);
      case 'tuple': {
        const list = node.items.map(item => this.node(item));
        recordLines(list, node.line, {
          items: node.items.map(item => item.line),
        });
        return list;
      }
      case 'object':
        return this.object(node);
      // What a reference reads is not made here: it keeps its lines, or takes those of what holds it.
      // (Stamping it would change it for every other reader of a local.)
      case 'variable':
        return this.traversal(node.name, []);
      case 'traversal': {
        const steps = this.steps(node.steps);
        if (node.source.kind === 'variable')
          return this.traversal(node.source.name, steps);
        return this.applySteps(this.node(node.source), steps);
      }
      case 'conditional': {
        const known = asBoolean(this.node(node.condition));
        if (known === undefined)
          return marker(
            new Unknown('condition not known statically'),
            node.line,
          );
        return this.node(known ? node.whenTrue : node.whenFalse);
      }
      case 'call': {
        if (node.expandsLast)
          return marker(
            new Unknown(`${node.name}() of an expanded list`),
            node.line,
          );
        // What try() gives is an argument's value, read, not made here.
        if (node.name === 'try' || node.name === 'can')
          return this.attempt(node);
        const args = node.args.map(arg => this.node(arg));
        // What a call makes is about as large as its arguments (see join() and replace() for more): it is not made.
        if (sizeOfAll(args) > MAX_VALUE_SIZE) return tooLarge(node.line);
        if (node.name === 'file' || node.name === 'templatefile')
          return marker(
            this.fileContent(node.name, args, node.line),
            node.line,
          );
        const called = callFunction(node.name, args, this.writtenText);
        if (called instanceof CallError) this.errors++;
        // What it makes, not known, of references may still name what they refer to (an output `reverse(arns)`);
        // what it reads from an argument (`lookup(local.roles, "shared")` of a variable) is that value.
        const result =
          (called instanceof Unknown &&
            !isPartOf(called, args) &&
            computedFromResources(`${node.name}()`, args)) ||
          called;
        // An argument passed through (`jsonencode(local.policy)`), or a part of one, is not made here either.
        return args.includes(result) || READS_PART_OF_ARGUMENT.has(node.name)
          ? result
          : marker(result, node.line);
      }
      case 'for':
        return marker(this.forExpression(node), node.line);
      case 'operation':
        return marker(
          operate(
            node.operator,
            node.operands.map(operand => this.node(operand)),
          ),
          node.line,
        );
      default:
        return node satisfies never;
    }
  }

  private steps(steps: HclTraversalStep[]): Step[] {
    return steps.map(step => {
      if (step.kind === 'attribute') return step.name;
      if (step.kind === 'splat') return SPLAT;
      const key = this.node(step.key);
      return typeof key === 'string' || typeof key === 'number'
        ? new Index(key)
        : UNKNOWN_INDEX;
    });
  }

  /**
   * `file(path)`: the file's text. `templatefile(path, vars)`: the file read
   * as a template over `vars` (a template sees only those; one may not call
   * templatefile() itself). Unknown when the file cannot be read.
   */
  private fileContent(
    name: 'file' | 'templatefile',
    args: Value[],
    line: number,
  ): Value {
    const [filePath, variables] = args;
    if (typeof filePath !== 'string') return new Unknown(`${name}()`);
    if (name === 'templatefile' && (this.inTemplate || !isMap(variables)))
      return new Unknown('templatefile()');
    const text = this.scope.file(filePath);
    if (text === undefined)
      return new Unknown(`${name}("${filePath}"), a file not read`);
    if (name === 'file') return text;
    const template = parseHclTemplate(text, line);
    if (!template)
      return new Unknown(
        `templatefile("${filePath}"), a template that does not parse`,
      );
    const outer = this.bound;
    this.bound = new Map(Object.entries(variables as ValueMap));
    this.inTemplate = true;
    try {
      return this.node(template);
    } finally {
      this.bound = outer;
      this.inTemplate = false;
    }
  }

  /**
   * `[for k, v in c : value if condition]` and `{for k, v in c : key => value... if condition}`
   * over a collection known statically (a map's keys in lexical order, as
   * Terraform reads them); unknown when the collection, a condition or a
   * key is not known, or a key repeats without `...`.
   */
  private forExpression(node: Extract<HclExpression, { kind: 'for' }>): Value {
    const collection = this.node(node.collection);
    // What it makes, not known, of a collection of references, or of references it reads for an element, may name
    // them (an output of the queues `if q.fifo_queue`; `[for k in var.names : aws_sqs_queue.q[k].url]`).
    const notKnown = (made: Value[]) =>
      computedFromResources('for expression', [collection, ...made]) ??
      new Unknown('for expression');
    let elements: Iteration[];
    if (Array.isArray(collection)) elements = listIterations(collection);
    else if (isMap(collection))
      elements = Object.keys(collection)
        .sort()
        .map(key => ({ key, value: collection[key] }));
    else {
      const element = new Unknown('an element of a collection not known');
      return notKnown(
        this.elementsMade(node, [{ key: element, value: element }]),
      );
    }
    this.generated.count += elements.length;
    if (this.generated.count > MAX_GENERATED)
      return new Unknown(
        `for expression: more than ${MAX_GENERATED} blocks and elements generated`,
      );
    const outer = this.bound;
    this.bound = new Map(outer);
    try {
      const list: Value[] = [];
      const map: ValueMap = {};
      for (const element of elements) {
        if (node.keyName !== undefined)
          this.bound.set(node.keyName, element.key);
        this.bound.set(node.valueName, element.value);
        if (node.condition) {
          const keep = asBoolean(this.node(node.condition));
          if (keep === undefined)
            return notKnown(this.elementsMade(node, elements));
          if (!keep) continue;
        }
        const value = this.node(node.value);
        if (!node.key) {
          list.push(value);
          continue;
        }
        const key = this.node(node.key);
        if (typeof key !== 'string' && typeof key !== 'number')
          return notKnown(this.elementsMade(node, elements));
        const name = String(key);
        const seen = Object.prototype.hasOwnProperty.call(map, name);
        if (node.grouped)
          setEntry(
            map,
            name,
            seen ? [...(map[name] as Value[]), value] : [value],
          );
        // Terraform refuses a repeated key
        else if (seen) return notKnown(this.elementsMade(node, elements));
        else setEntry(map, name, value);
      }
      const result = node.key ? map : list;
      recordLines(result, node.line);
      return result;
    } finally {
      this.bound = outer;
    }
  }

  /**
   * The keys and values a `for` expression makes for `elements`, whatever
   * its condition says, for what they may name where the result is not
   * known. Its errors are not the expression's: Terraform may make none of them.
   */
  private elementsMade(
    node: Extract<HclExpression, { kind: 'for' }>,
    elements: Iteration[],
  ): Value[] {
    const { errors, possibleErrors, forNamesOnly } = this;
    const outer = this.bound;
    this.bound = new Map(outer);
    this.forNamesOnly = true;
    try {
      return elements.flatMap(element => {
        if (node.keyName !== undefined)
          this.bound.set(node.keyName, element.key);
        this.bound.set(node.valueName, element.value);
        const value = this.node(node.value);
        return node.key ? [this.node(node.key), value] : [value];
      });
    } finally {
      this.bound = outer;
      this.errors = errors;
      this.possibleErrors = possibleErrors;
      this.forNamesOnly = forNamesOnly;
    }
  }

  /**
   * The value's attribute or element at `steps`. One a known value does
   * not have is an error in Terraform, which `try()` and `can()` catch (see
   * {@link errors}); here it is not known.
   */
  private applySteps(value: Value, steps: Step[]): Value {
    if (steps.length === 0) return value;
    const splat = steps.indexOf(SPLAT);
    if (splat >= 0) return this.splat(value, steps, splat);
    if (steps.some(step => step === UNKNOWN_INDEX))
      return new Unknown('index not known statically');
    const path = steps.map(step =>
      step instanceof Index ? step.key : (step as string),
    );
    let current: Value | undefined = value;
    for (const [index, step] of path.entries()) {
      if (current instanceof Ref) {
        // A whole resource (`each.value` of a for_each over a resource's instances): its attribute is a reference too.
        const whole =
          current.attribute === undefined &&
          typeof step === 'string' &&
          index === path.length - 1;
        return whole
          ? this.scope.attributeOf(current, step as string)
          : new Unknown(`${current.target}: a nested attribute`);
      }
      if (current instanceof WholeData) return current.read(steps.slice(index));
      // Terraform converts the key: `list["1"]` and `list.1` read an item, `map[0]` the key "0".
      let key = step;
      if (
        Array.isArray(current) &&
        typeof step === 'string' &&
        /^\d+$/.test(step)
      )
        key = Number(step);
      else if (isMap(current) && typeof step === 'number') key = String(step);
      // An element of a value not known (`var.role_arns["a"]`) is not that value: `var.role_arns["b"]` is another.
      if (current instanceof Unknown)
        return new Unknown(
          `${path.slice(index).join('.')} of ${current.reason}`,
        );
      current = getPath(current, [key]);
      if (current === undefined) {
        this.errors++;
        return new Unknown(`missing attribute ${path.join('.')}`);
      }
    }
    return current;
  }

  /**
   * `value.a[*].b`: `.b` of each element of the list `value.a`, of it alone
   * where it is not a list (Terraform reads one value as a list of it), of
   * none where it is null.
   */
  private splat(value: Value, steps: Step[], at: number): Value {
    const list = this.applySteps(value, steps.slice(0, at));
    const rest = steps.slice(at + 1);
    // A reference's value (an attribute) may be a list of any length.
    if (list instanceof Unknown || list instanceof Ref)
      return (
        computedFromResources('splat expression', [list]) ??
        new Unknown('splat expression')
      );
    if (list === null) return [];
    return Array.isArray(list)
      ? list.map(item => this.applySteps(item, rest))
      : [this.applySteps(list, rest)];
  }

  /**
   * `try(a, b, …)`: the first argument evaluated without an error the
   * engine can tell (see {@link applySteps}); `can(a)`: false when `a` has
   * one, true when it is known without one. A value not known statically
   * may still fail when Terraform knows it: it is returned as it is by
   * `try()`, and makes `can()` not known. An argument that reads what may
   * not exist (see {@link possibleErrors}) makes `can()` not known, and
   * `try()` its value or that of the arguments after it.
   */
  private attempt(node: Extract<HclExpression, { kind: 'call' }>): Value {
    for (const [at, arg] of node.args.entries()) {
      const errorsBefore = this.errors;
      const possibleErrorsBefore = this.possibleErrors;
      const value = this.node(arg);
      if (this.errors === errorsBefore) {
        if (this.possibleErrors !== possibleErrorsBefore) {
          if (node.name === 'can') {
            this.possibleErrors = possibleErrorsBefore;
            return new Unknown('can()');
          }
          return this.valueOrAttempt(
            value,
            { ...node, args: node.args.slice(at + 1) },
            possibleErrorsBefore,
          );
        }
        if (node.name === 'try') return value;
        return containsUnknown(value) ? new Unknown('can()') : true;
      }
      // Caught: not an error of what holds the call.
      this.errors = errorsBefore;
      if (node.name === 'can') return false;
    }
    // Every argument failed: the call fails, for a try() or can() around it.
    this.errors++;
    return new Unknown(`${node.name}() with every argument failing`);
  }

  /**
   * What `try()` gives of an argument that may fail (`value`, read with
   * {@link possibleErrors} counted from `possibleErrorsBefore`) and the
   * arguments after it (`rest`): either.
   */
  private valueOrAttempt(
    value: Value,
    rest: Extract<HclExpression, { kind: 'call' }>,
    possibleErrorsBefore: number,
  ): Value {
    // With none after it, or none that does not fail, the call fails where the argument does.
    if (rest.args.length === 0) return value;
    const errorsBefore = this.errors;
    const possibleErrorsOfValue = this.possibleErrors;
    this.possibleErrors = possibleErrorsBefore;
    const otherwise = this.attempt(rest);
    if (this.errors !== errorsBefore) {
      this.errors = errorsBefore;
      this.possibleErrors = possibleErrorsOfValue;
      return value;
    }
    // `try(aws_sqs_queue.dlq[0].arn, null)`: the instance's attribute if there is one, as one() reads it.
    if (otherwise === null)
      return value !== null && typeof value === 'object'
        ? asMaybeNull(value)
        : new Unknown('try() of what may not exist');
    return (
      computedFromResources('try() of what may not exist', [
        value,
        otherwise,
      ]) ?? new Unknown('try() of what may not exist')
    );
  }

  /**
   * Evaluates an expression whose errors are its own, not those of what
   * reads its value (a local, a module call's argument): Terraform reports
   * them where they are written, and a try() reading the value does not
   * catch them.
   */
  expressionApart(expression: Expression): Value {
    return this.apart(() => this.expression(expression));
  }

  /**
   * What `read` evaluates as a block or an argument of its own (a local, a
   * data block, a resource's `count`): its errors are its own (see
   * {@link expressionApart}), and it sees only the names it is given (the
   * `count` or `each` of a resource's instance), not those of whatever
   * reads it.
   */
  apart<T>(read: () => T, names: Readonly<Record<string, Value>> = {}): T {
    const {
      errors,
      possibleErrors,
      bound,
      iterations,
      inTemplate,
      forNamesOnly,
    } = this;
    this.bound = new Map(Object.entries(names));
    this.iterations = new Map();
    this.inTemplate = false;
    this.forNamesOnly = false;
    try {
      return read();
    } finally {
      Object.assign(this, {
        errors,
        possibleErrors,
        bound,
        iterations,
        inTemplate,
        forNamesOnly,
      });
    }
  }

  private traversal(root: string, steps: Step[]): Value {
    const name = typeof steps[0] === 'string' ? steps[0] : undefined;
    if (this.bound.has(root))
      return this.applySteps(this.bound.get(root)!, steps);
    const iteration = this.iterations.get(root);
    if (iteration) {
      if (name === 'key') return this.applySteps(iteration.key, steps.slice(1));
      if (name === 'value')
        return this.applySteps(iteration.value, steps.slice(1));
      return new Unknown(`${root}.${String(name)}`);
    }
    switch (root) {
      case 'var':
        return name === undefined
          ? new Unknown('var')
          : this.applySteps(this.scope.variable(name), steps.slice(1));
      case 'local':
        return name === undefined
          ? new Unknown('local')
          : this.applySteps(this.scope.local(name), steps.slice(1));
      case 'module':
        if (name === undefined) return new Unknown('module');
        return this.ofInstance(
          `module.${name}`,
          this.scope.moduleInstances(name),
          steps.slice(1),
          (rest, key) => {
            const output = rest[0];
            if (typeof output === 'string')
              return this.applySteps(
                this.scope.module(name, key, output),
                rest.slice(1),
              );
            // The call or instance itself (`module.svc`, `for m in module.many`, `module.many["a"]["arn"]`).
            return this.applySteps(
              this.scope.module(name, key, undefined),
              rest,
            );
          },
        );
      case 'data': {
        const dataName = steps[1];
        if (name === undefined || typeof dataName !== 'string')
          return new Unknown('data source');
        const read = (
          rest: Step[],
          key: string | number | undefined,
        ): Value => {
          const attribute = typeof rest[0] === 'string' ? rest[0] : undefined;
          const value = this.scope.data(name, dataName, attribute, key);
          // An instance read whole (`each.value` of a for_each over the data block): what is read of it, the instance's.
          if (attribute === undefined)
            return value instanceof Unknown
              ? new WholeData(value.reason, more => read(more, key))
              : value;
          // What follows the attribute reads its value (`data.aws_subnets.s.ids[0]`). Every value modelled is a
          // text (an ARN, a URL, a name, a document's JSON), which Terraform neither indexes nor reads attributes of.
          if (rest.length > 1) {
            if (value instanceof Unknown)
              return this.applySteps(value, rest.slice(1));
            this.errors++;
            return new Unknown(
              `data.${name}.${dataName}.${attribute}: a text read as a collection`,
            );
          }
          // A data source's ARN is a string: where its value is modelled (one value: an `aws_iam_role`'s ARN),
          // jsonencode() quotes it as it does a resource's. (The region's and partition's `id`, one value too, it
          // quotes as the stack's place.)
          return value instanceof Unknown &&
            value.isOneValue &&
            attribute === 'arn'
            ? new TextNotKnown(value.reason, value.isOneValue, value.mayName)
            : value;
        };
        // Its instances, and a splat of them, read as a resource's do.
        return this.ofInstance(
          `data.${name}.${dataName}`,
          this.scope.dataInstances(name, dataName),
          steps.slice(2),
          read,
          'declaration',
        );
      }
      case 'path':
        return name === undefined
          ? new Unknown('path')
          : this.applySteps(this.scope.path(name), steps.slice(1));
      case 'count':
      case 'each':
      case 'self':
      case 'terraform':
        return new Unknown(`${root}.${String(name)}`);
      default:
        if (name === undefined) return new Unknown(root);
        return this.ofInstance(
          `${root}.${name}`,
          this.scope.resourceInstances(root, name),
          steps.slice(1),
          (rest, key) => {
            if (rest.length > 1)
              return new Unknown(`${root}.${name}: a nested attribute`);
            const attribute = typeof rest[0] === 'string' ? rest[0] : undefined;
            const read = this.scope.resource(root, name, key, attribute);
            return rest.length === 0 && read instanceof Ref
              ? new WholeResource(read.target, read.attribute)
              : read;
          },
        );
    }
  }

  /**
   * A resource, data block or module call (`address`) followed by `steps`:
   * what `read` gives of it, or of the instance its key names where its
   * `count` or `for_each` is known statically (`aws_sqs_queue.q[0].arn`,
   * `module.svc[each.key].arn`; a splat of a `count`, one per instance; of
   * a block without either, a list of it). A key not known statically may
   * name any instance: not known either, or, where `keyNotKnown` says so,
   * what the declaration reads (a data block's: it makes no resource for
   * the stack to be read again with it as one declaration, and its
   * declaration, whose `count.index` or `each` is not known, stands for
   * every instance).
   */
  private ofInstance(
    address: string,
    instances: Instances | undefined,
    steps: Step[],
    read: (rest: Step[], key: string | number | undefined) => Value,
    keyNotKnown: 'declaration' | 'read again' = 'read again',
  ): Value {
    if (instances === undefined) return new Unknown(address);
    // Every instance of one not expanded stands for all of them.
    if (instances === 'one' || instances === 'declaration') {
      const byKey = steps[0] instanceof Index || steps[0] === UNKNOWN_INDEX;
      // Terraform refuses an instance key on a block without count or for_each, which try() and can() catch.
      if (instances === 'one' && byKey) {
        this.errors++;
        return new Unknown(
          `${address}: an instance key without count or for_each`,
        );
      }
      const value = read(withoutInstanceKeys(steps), undefined);
      // An instance by its key (`aws_sqs_queue.dlq[0]`) may be one the block does not have.
      if (byKey) this.possibleErrors++;
      if (steps[0] !== SPLAT) return value;
      // Terraform reads one value as a list of it; instances not known are a list of a length not known.
      if (instances === 'one') return [value];
      if (value instanceof Ref)
        return new SplatOfDeclaration(value.target, value.attribute);
      const reason = `${address}[*]: instances not known statically`;
      const computed = computedFromResources(reason, [value]);
      return new ListOfDeclaration(
        computed?.reason ?? reason,
        computed?.mayName,
        value,
      );
    }
    const [step, ...rest] = steps;
    const { keys } = instances;
    const byCount = instances.by === 'count';
    // The whole resource or module call: a list of its instances (count), or a map of them by key (for_each).
    if (step === undefined) {
      if (byCount) return keys.map(key => read([], key));
      const all: ValueMap = {};
      for (const key of keys) setEntry(all, String(key), read([], key));
      return all;
    }
    if (step instanceof Index) {
      // Converted as Terraform converts an index (see applySteps).
      let key = step.key;
      if (!byCount) key = String(key);
      else if (typeof key === 'string' && /^\d+$/.test(key)) key = Number(key);
      if (keys.includes(key)) return read(rest, key);
      this.errors++;
      return new Unknown(
        `${address}[${JSON.stringify(key)}], an instance it does not have`,
      );
    }
    if (step === UNKNOWN_INDEX && keys.length === 0) {
      this.errors++;
      return new Unknown(`${address}[...], an instance of a block with none`);
    }
    if (
      step === SPLAT &&
      byCount &&
      rest.every(part => typeof part === 'string')
    ) {
      return keys.map(key => read(rest, key));
    }
    // Terraform refuses an attribute read without an instance key, and a splat of a for_each (a map of instances).
    if (typeof step === 'string' || (step === SPLAT && !byCount)) {
      this.errors++;
      return new Unknown(
        `${address}${
          step === SPLAT ? '[*]' : `.${step}`
        }: an attribute read without an instance key`,
      );
    }
    if (step === UNKNOWN_INDEX && keyNotKnown === 'declaration') {
      // The key may be none of the instances'.
      this.possibleErrors++;
      return read(withoutInstanceKeys(rest), undefined);
    }
    const reason = `${address}: an instance not known statically`;
    if (this.forNamesOnly)
      return (
        computedFromResources(
          reason,
          keys.map(key => read(rest, key)),
        ) ?? new Unknown(reason)
      );
    // A key not known statically: the stack is read again with the block as one declaration (see Scope).
    this.scope.instanceKeyNotKnown(address);
    return new Unknown(reason);
  }

  private template(node: Extract<HclExpression, { kind: 'template' }>): Value {
    const parts = node.parts.map(part => this.templatePart(part));
    if (sizeOfAll(parts) > MAX_VALUE_SIZE) return tooLarge(node.line);
    // "${x}" alone is x itself, not x converted to a string.
    if (
      parts.length === 1 &&
      typeof node.parts[0] !== 'string' &&
      node.parts[0].kind !== 'directive'
    ) {
      return parts[0];
    }
    return marker(this.templateText(node.parts, parts), node.line);
  }

  /**
   * The text of a template's parts, given their values. JSON text (see
   * {@link asJsonText}) is its JSON; any other list or map makes Terraform
   * fail ("Cannot include the given value in a string template: string
   * required"): no text, not known.
   */
  private templateText(written: HclTemplatePart[], parts: Value[]): Value {
    if (
      parts.some(
        part => (Array.isArray(part) || isMap(part)) && !isJsonText(part),
      )
    )
      return new Unknown('a list or map in a string template');
    return this.writtenText.concat(
      parts.map(asText),
      index => typeof written[index] === 'string',
    );
  }

  /**
   * What a part of a template gives: its text, the value interpolated, or
   * the text a directive makes (`%{ if }` on a condition known statically,
   * `%{ for }` over a collection known statically; else not known).
   */
  private templatePart(part: HclTemplatePart): Value {
    if (typeof part === 'string') return part;
    if (part.kind !== 'directive') return this.node(part);
    const text = (written: HclTemplatePart[]) =>
      this.templateText(
        written,
        written.map(inner => this.templatePart(inner)),
      );
    if (part.directive === 'if') {
      const known = asBoolean(this.node(part.condition));
      if (known === undefined) return this.directiveNotKnown(part);
      return text(known ? part.then : part.otherwise);
    }
    const collection = this.node(part.collection);
    let elements: Iteration[];
    if (Array.isArray(collection)) elements = listIterations(collection);
    else if (isMap(collection))
      elements = Object.keys(collection)
        .sort()
        .map(key => ({ key, value: collection[key] }));
    else return this.directiveNotKnown(part, collection);
    this.generated.count += elements.length;
    if (this.generated.count > MAX_GENERATED)
      return new Unknown(
        `template directive: more than ${MAX_GENERATED} blocks and elements generated`,
      );
    const outer = this.bound;
    this.bound = new Map(outer);
    try {
      const texts = elements.map(element => {
        if (part.keyName !== undefined)
          this.bound.set(part.keyName, element.key);
        this.bound.set(part.valueName, element.value);
        return text(part.body);
      });
      return sizeOfAll(texts) > MAX_VALUE_SIZE
        ? new Unknown('text too long')
        : this.writtenText.concat(texts, () => false);
    } finally {
      this.bound = outer;
    }
  }

  /**
   * The text of a directive on a condition or over a collection not known
   * statically, which may name the references its parts read, whichever it
   * makes (`%{ for k in var.names }${aws_sqs_queue.q[k].url}%{ endfor }`),
   * read as {@link elementsMade} reads a `for` expression's.
   */
  private directiveNotKnown(part: HclDirective, collection?: Value): Value {
    const { errors, possibleErrors, forNamesOnly } = this;
    const outer = this.bound;
    this.bound = new Map(outer);
    this.forNamesOnly = true;
    try {
      let parts: HclTemplatePart[];
      if (part.directive === 'if') parts = [...part.then, ...part.otherwise];
      else {
        const element = new Unknown('an element of a collection not known');
        if (part.keyName !== undefined) this.bound.set(part.keyName, element);
        this.bound.set(part.valueName, element);
        parts = part.body;
      }
      const made = parts.map(inner => this.templatePart(inner));
      return (
        computedFromResources('template directive', [
          ...(collection === undefined ? [] : [collection]),
          ...made,
        ]) ?? new Unknown('template directive')
      );
    } finally {
      this.bound = outer;
      this.errors = errors;
      this.possibleErrors = possibleErrors;
      this.forNamesOnly = forNamesOnly;
    }
  }

  private object(node: Extract<HclExpression, { kind: 'object' }>): Value {
    const map: ValueMap = {};
    const keys: Record<string, number> = {};
    for (const item of node.items) {
      const key = this.node(item.key);
      if (typeof key !== 'string' && typeof key !== 'number') {
        return marker(
          new Unknown('object key not known statically'),
          node.line,
        );
      }
      setEntry(map, String(key), this.node(item.value));
      setEntry(keys, String(key), item.line);
    }
    recordLines(map, node.line, { keys });
    return map;
  }
}

/** The name a dynamic block's `iterator` argument gives: an identifier in HCL, a string in JSON. */
function iteratorName(expression: Expression): string | undefined {
  if (expression.kind === 'variable') return expression.name;
  if (
    expression.kind === 'json' &&
    typeof expression.value === 'string' &&
    /^[A-Za-z_][\w-]*$/.test(expression.value)
  ) {
    return expression.value;
  }
  return undefined;
}

/** A number as Terraform reads it from text: decimal digits, a point, an exponent (`14`, `-1.5`, `1e3`). */
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number, or a string that is one (Terraform converts them for arithmetic). */
function asNumber(value: Value): number | undefined {
  if (typeof value === 'number') return value;
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    Number.isFinite(Number(value))
  )
    return Number(value);
  return undefined;
}

/** A known primitive: what `==` compares (collections and unknowns are not compared). */
const isPrimitive = (value: Value): value is string | number | boolean | null =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean';

/**
 * The elements of `toset(list)` in Terraform's order: each once, strings in
 * lexical order, numbers ascending, false before true; with a string among
 * them, or numbers and bools together, all are converted to strings. With
 * an element not known or not a primitive, which are duplicates and their
 * order are not known: the list as written (which for_each counts once per
 * distinct item).
 */
export function asSet(list: Value[]): Value[] {
  let set = setElements(list);
  // The set is a value of its own, even where its elements are the list's, and keeps their lines then.
  if (set === list) {
    set = [...list];
    copyLines(list, set);
  } else {
    const line = lineOfNode(list);
    if (line !== undefined) recordLines(set, line);
  }
  return asSetList(set);
}

/** A list's or set's elements as Terraform iterates them (`for k, v in …`, a dynamic block's `.key`): keyed by index, a set's by the element. */
function listIterations(collection: Value[]): Iteration[] {
  const bySet = isSetList(collection);
  return collection.map((value, index) => ({
    key: bySet ? value : index,
    value,
  }));
}

function setElements(list: Value[]): Value[] {
  if (!list.every(item => item !== null && isPrimitive(item))) return list;
  // Of strings, or of numbers and bools together, the one type all convert to is string.
  if (
    list.some(item => typeof item === 'string') ||
    new Set(list.map(item => typeof item)).size > 1
  )
    return [...new Set(list.map(String))].sort(compareText);
  if (list.every(item => typeof item === 'number'))
    return [...new Set(list as number[])].sort((a, b) => a - b);
  if (list.every(item => typeof item === 'boolean'))
    return [false, true].filter(item => list.includes(item));
  return list;
}

/** A value that is not null once deployed: a string built from parts, a resource's id or ARN, an object or a list (`{ enabled = false }`). */
const isNeverNull = (value: Value): boolean =>
  !isMaybeNull(value) &&
  (value instanceof Template ||
    (value instanceof Ref &&
      (value.attribute === undefined || value.attribute === 'Arn')) ||
    isMap(value) ||
    Array.isArray(value));

/**
 * An operator applied to known operands, with Terraform's conversions:
 * arithmetic and ordering on numbers, `==`/`!=` on values of one type,
 * `&&`/`||`/`!` on booleans. Unknown otherwise (`14 * 24 * 3600` is a
 * retention a rule can judge; `var.from_the_plan * 2` is not).
 */
function operate(operator: string, operands: Value[]): Value {
  const unknown = new Unknown(`operation ${operator}`);
  if (operands.length === 1) {
    const [operand] = operands;
    if (operator === '!')
      return typeof asBoolean(operand) === 'boolean'
        ? !asBoolean(operand)
        : unknown;
    const number = asNumber(operand);
    return operator === '-' && number !== undefined ? -number : unknown;
  }
  const [left, right] = operands;
  switch (operator) {
    case '==':
    case '!=': {
      let equal: boolean;
      // Terraform compares values of one type: "1" == 1 is false.
      if (isPrimitive(left) && isPrimitive(right)) equal = left === right;
      // `var.role_arn == null ? aws_iam_role.own.arn : var.role_arn`, with a caller that passes a role.
      else if (
        (left === null && isNeverNull(right)) ||
        (right === null && isNeverNull(left))
      )
        equal = false;
      else return unknown;
      return operator === '==' ? equal : !equal;
    }
    case '&&':
    case '||': {
      const [a, b] = [asBoolean(left), asBoolean(right)];
      // One side decides alone: false && x, true || x.
      if (operator === '&&' && (a === false || b === false)) return false;
      if (operator === '||' && (a === true || b === true)) return true;
      if (a === undefined || b === undefined) return unknown;
      return operator === '&&' ? a && b : a || b;
    }
    default: {
      const [a, b] = [asNumber(left), asNumber(right)];
      if (a === undefined || b === undefined) return unknown;
      switch (operator) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? unknown : a / b;
        case '%':
          return b === 0 ? unknown : a % b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
        default:
          return unknown;
      }
    }
  }
}

/** The Terraform functions whose result matters to the rules; others are Unknown. */
function callFunction(
  name: string,
  args: Value[],
  writtenText: WrittenText,
): Value {
  const [first] = args;
  const unknown = new Unknown(`${name}()`);
  switch (name) {
    case 'format':
      return typeof first === 'string'
        ? format(first, args.slice(1), writtenText)
        : unknown;
    case 'length':
      if (typeof first === 'string') return [...first].length;
      if (Array.isArray(first)) return first.length;
      return isMap(first) ? Object.keys(first).length : unknown;
    case 'element': {
      const [list, index] = args;
      const at = asNumber(index);
      if (
        !Array.isArray(list) ||
        list.length === 0 ||
        at === undefined ||
        !Number.isInteger(at) ||
        at < 0
      )
        return unknown;
      return list[at % list.length]; // element() wraps around
    }
    case 'coalesce':
      for (const arg of args) {
        // A resource's ARN or identifier is never null or empty (`coalesce(var.dlq_arn, aws_sqs_queue.dlq.arn)`);
        // one() of a count not known is null for 0.
        if (
          arg instanceof Ref &&
          !isMaybeNull(arg) &&
          (arg.attribute === undefined || arg.attribute === 'Arn')
        )
          return arg;
        if (!isPrimitive(arg)) return unknown; // an unknown before the first set value could be it
        if (arg !== null && arg !== '') return arg;
      }
      return unknown;
    case 'contains': {
      const [list, value] = args;
      if (
        !Array.isArray(list) ||
        !isPrimitive(value) ||
        !list.every(isPrimitive)
      )
        return unknown;
      return list.includes(value);
    }
    case 'keys':
    case 'values': {
      if (!isMap(first)) return unknown;
      const sorted = Object.keys(first).sort(); // Terraform lists a map's keys in lexical order
      return name === 'keys' ? sorted : sorted.map(key => first[key]);
    }
    case 'flatten':
      return Array.isArray(first) ? flatten(first) : unknown;
    case 'one':
      // The only element, or null for none (`one(aws_sqs_queue.dlq[*].arn)` of a `count` of 0 or 1); more is an error.
      // Of a block not expanded, the one instance there is, if any, which its declaration stands for.
      if (first instanceof SplatOfDeclaration)
        return asMaybeNull(new Ref(first.target, first.attribute));
      if (first instanceof ListOfDeclaration) {
        const instance = first.eachInstance;
        // A text or number would read as never null (an object is marked so): not known.
        if (instance === null || typeof instance !== 'object') return unknown;
        return asMaybeNull(instance);
      }
      if (!Array.isArray(first) || first.length > 1) return unknown;
      return first.length === 0 ? null : first[0];
    case 'compact':
      // A collection is JSON text here (jsonencode(), a policy document's `json`), which is never empty.
      return Array.isArray(first) &&
        first.every(item => isPrimitive(item) || isMap(item))
        ? first.filter(item => item !== null && item !== '')
        : unknown;
    case 'split': {
      const [separator, text] = args;
      return typeof separator === 'string' &&
        separator !== '' &&
        typeof text === 'string'
        ? text.split(separator)
        : unknown;
    }
    case 'replace': {
      const [text, search, replacement] = args;
      // A search written /like this/ is a regular expression, in RE2's syntax: not evaluated.
      if (
        typeof text !== 'string' ||
        typeof search !== 'string' ||
        typeof replacement !== 'string' ||
        search === ''
      )
        return unknown;
      if (search.length > 1 && search.startsWith('/') && search.endsWith('/'))
        return unknown;
      const pieces = text.split(search);
      // A long replacement of each of many matches would make a text too large to make (see MAX_VALUE_SIZE).
      return (pieces.length - 1) * replacement.length > MAX_VALUE_SIZE
        ? unknown
        : pieces.join(replacement);
    }
    case 'trimspace':
      return typeof first === 'string' ? first.trim() : unknown;
    case 'trimsuffix':
    case 'trimprefix': {
      const [text, affix] = args;
      if (typeof text !== 'string' || typeof affix !== 'string') return unknown;
      if (name === 'trimsuffix')
        return affix !== '' && text.endsWith(affix)
          ? text.slice(0, -affix.length)
          : text;
      return text.startsWith(affix) ? text.slice(affix.length) : text;
    }
    case 'min':
    case 'max':
    case 'abs':
    case 'ceil':
    case 'floor': {
      const numbers = args.map(asNumber);
      if (numbers.length === 0 || numbers.some(number => number === undefined))
        return unknown;
      const known = numbers as number[];
      if (name === 'min' || name === 'max') return Math[name](...known);
      return known.length === 1 ? Math[name](known[0]) : unknown;
    }
    case 'jsonencode':
      return first === undefined
        ? new Unknown('jsonencode()')
        : jsonencode(first);
    case 'toset':
      if (Array.isArray(first) && !isJsonText(first)) return asSet(first);
      // Text, a number, a bool or a map is no set: Terraform refuses to convert it.
      return hasKnownType(first) || first instanceof Template
        ? new CallError('toset() of a value that is not a list or set')
        : first ?? unknown;
    case 'tolist':
      // A set converted to a list is iterated by index again.
      if (isSetList(first)) {
        const list = [...first];
        copyLines(first, list);
        return list;
      }
      return first ?? unknown;
    case 'tomap':
    case 'sensitive':
    case 'nonsensitive':
      return first ?? new Unknown(`${name}()`);
    case 'tostring':
      return typeof first === 'number' || typeof first === 'boolean'
        ? String(first)
        : first ?? null;
    case 'tonumber':
      if (typeof first === 'string') {
        if (DECIMAL.test(first)) return Number(first);
        // Text JavaScript reads as a number in another way (`0x1F`, ` 7`): what Terraform reads of it is not known here.
        return Number.isFinite(Number(first))
          ? unknown
          : new CallError('tonumber() of text that is not a number');
      }
      if (typeof first === 'number') return first;
      if (hasKnownType(first))
        return new CallError('tonumber() of a value that is not a number');
      // Null converts to null; a reference may be of the type.
      return first instanceof Template || first === undefined ? unknown : first;
    case 'tobool':
      if (typeof first === 'boolean') return first;
      if (first === 'true' || first === 'false') return first === 'true';
      if (hasKnownType(first))
        return new CallError('tobool() of a value that is not a bool');
      return first instanceof Template || first === undefined ? unknown : first;
    case 'yamldecode':
      return typeof first === 'string' ? yamldecode(first) : unknown;
    case 'zipmap':
      return zipmap(args[0], args[1]);
    case 'range':
      return range(args);
    case 'substr':
      return substr(args);
    case 'setproduct':
      return setproduct(args);
    case 'regex':
    case 'regexall': {
      const [pattern, text] = args;
      if (typeof pattern !== 'string' || typeof text !== 'string')
        return unknown;
      return name === 'regex' ? regex(pattern, text) : regexall(pattern, text);
    }
    case 'jsondecode':
      // JSON text kept as data (jsonencode(), a policy document's `json`) decodes to that data, which is not text.
      if (isJsonText(first)) return jsonTextData(first as Value[] | ValueMap);
      if (typeof first === 'string') {
        try {
          return JSON.parse(first) as Value;
        } catch {
          return new Unknown('jsondecode() of invalid JSON');
        }
      }
      return new Unknown('jsondecode()');
    case 'merge': {
      if (!args.every(isMap)) return new Unknown('merge()');
      const merged: ValueMap = {};
      // Each key keeps the line where the last argument that gives it writes it; the map has none of its own.
      const keys: Record<string, number> = {};
      for (const map of args as ValueMap[]) {
        for (const key of Object.keys(map))
          setEntryOnItsLine(merged, keys, key, map, key);
      }
      recordKeyLinesOnly(merged, keys);
      return merged;
    }
    case 'concat':
      return args.every(Array.isArray)
        ? (args as Value[][]).flat()
        : new Unknown('concat()');
    case 'lower':
    case 'upper':
      if (typeof first === 'string')
        return name === 'lower' ? first.toLowerCase() : first.toUpperCase();
      return new Unknown(`${name}()`);
    case 'join': {
      const [separator, list] = args;
      if (typeof separator !== 'string' || !Array.isArray(list))
        return new Unknown('join()');
      // As in replace(): a long separator between many items.
      if ((list.length - 1) * separator.length > MAX_VALUE_SIZE)
        return new Unknown('join()');
      return concat(
        list.flatMap((item, index) =>
          index === 0 ? [item] : [separator, item],
        ),
      );
    }
    case 'lookup': {
      const [map, key, fallback] = args;
      if (!isMap(map) || typeof key !== 'string')
        return new Unknown('lookup()');
      const found = getPath(map, [key]);
      // A key the map lacks gives the default, null too (`lookup(replica, "kms_key_arn", null)`).
      if (found !== undefined) return found;
      return args.length > 2 ? fallback : new Unknown('lookup()');
    }
    default:
      return new Unknown(`${name}()`);
  }
}

/** A value whose type is known statically: text, a number, a bool, a list or a map (JSON text is text). */
function hasKnownType(value: Value | undefined): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    Array.isArray(value) ||
    isMap(value)
  );
}

/**
 * zipmap(keys, values): each key mapped to the value at its index, the last
 * of a key written twice winning, as Terraform's docs say; of lists of
 * different lengths, or a key that is null or not text, an error. Each key
 * is on the line of its value; the map has none of its own (see merge()).
 */
function zipmap(keys: Value | undefined, values: Value | undefined): Value {
  const isList = (value: Value | undefined): value is Value[] =>
    Array.isArray(value) && !isJsonText(value);
  if (!isList(keys) || !isList(values))
    return [keys, values].some(arg => hasKnownType(arg) && !isList(arg))
      ? new CallError('zipmap() of a value that is not a list')
      : new Unknown('zipmap()');
  if (keys.length !== values.length)
    return new CallError('zipmap() of lists of different lengths');
  const map: ValueMap = {};
  const lines: Record<string, number> = {};
  for (const [index, key] of keys.entries()) {
    // A number or bool converts to text; JavaScript writes an exponent where Terraform does not.
    const name =
      typeof key === 'number' || typeof key === 'boolean' ? String(key) : key;
    if (
      typeof name !== 'string' ||
      (typeof key === 'number' && name.includes('e'))
    )
      return key === null || hasKnownType(key)
        ? new CallError('zipmap() of a key that is not text')
        : new Unknown('zipmap() of a key not known statically');
    setEntryOnItsLine(map, lines, name, values, index);
  }
  recordKeyLinesOnly(map, lines);
  return map;
}

/**
 * Sets `key` of a map being made (merge(), zipmap()) to `from[at]`, and its
 * line among `lines` to where that value is written, if it is written in a
 * file: the map keeps its keys' lines only (see recordKeyLinesOnly).
 */
function setEntryOnItsLine(
  map: ValueMap,
  lines: Record<string, number>,
  key: string,
  from: ValueMap | Value[],
  at: string | number,
): void {
  setEntry(map, key, (from as Record<string | number, Value>)[at]);
  const line = lineOfPath(from, [at], 0);
  if (line > 0) setEntry(lines, key, line);
  else delete lines[key];
}

/** Most numbers range() makes: Terraform refuses to make more. */
const MAX_RANGE = 1024;

/**
 * range(limit), range(start, limit), range(start, limit, step): from
 * `start` (0) by `step` (1, or -1 down to a lower limit) up to, not
 * including, `limit`, as Terraform's docs say; none where the step goes
 * away from the limit; more than {@link MAX_RANGE} numbers, or a step of 0,
 * an error. Of fractions not known: adding them in binary floating point
 * drifts from Terraform's decimal arithmetic.
 */
function range(args: Value[]): Value {
  const numbers = args.map(asNumber);
  if (
    args.length < 1 ||
    args.length > 3 ||
    !numbers.every(number => Number.isSafeInteger(number))
  )
    return new Unknown('range()');
  const [start, limit] =
    numbers.length === 1 ? [0, numbers[0]!] : [numbers[0]!, numbers[1]!];
  const step = numbers[2] ?? (limit >= start ? 1 : -1);
  if (step === 0) return new CallError('range() with a step of 0');
  const count = Math.max(0, Math.ceil((limit - start) / step));
  if (count > MAX_RANGE)
    return new CallError(`range() of more than ${MAX_RANGE} numbers`);
  return Array.from({ length: count }, (_, index) => start + index * step);
}

/**
 * substr(text, offset, length): `length` characters (grapheme clusters, as
 * Terraform counts them) from `offset`, counted from the end where it is
 * negative, or all the rest for a length of -1 or one past the end. An
 * offset outside the text, or another negative length, is not documented:
 * not known.
 */
function substr(args: Value[]): Value {
  const [text, offset = null, length = null] = args;
  const [at, count] = [asNumber(offset), asNumber(length)];
  if (
    typeof text !== 'string' ||
    !Number.isSafeInteger(at) ||
    !Number.isSafeInteger(count) ||
    count! < -1
  )
    return new Unknown('substr()');
  const characters = [...graphemes(text)];
  const from = at! < 0 ? characters.length + at! : at!;
  if (from < 0 || from > characters.length) return new Unknown('substr()');
  return characters
    .slice(from, count === -1 ? undefined : from + count!)
    .join('');
}

/**
 * setproduct(a, b, …): every list of one element of each argument, in the
 * order of the arguments' elements; a set where any argument is one (whose
 * order Terraform does not keep, unlike this one's). Not known where it
 * would be larger than {@link MAX_VALUE_SIZE}.
 */
function setproduct(args: Value[]): Value {
  if (
    args.length < 2 ||
    !args.every(arg => Array.isArray(arg) && !isJsonText(arg))
  )
    return new Unknown('setproduct()');
  const lists = args as Value[][];
  const count = lists.reduce((product, list) => product * list.length, 1);
  if (count * (lists.length + 1) > MAX_VALUE_SIZE) return tooLargeValue();
  let product: Value[][] = [[]];
  for (const list of lists)
    product = product.flatMap(combination =>
      list.map(element => [...combination, element]),
    );
  return lists.some(isSetList) ? asSetList(product) : product;
}

/**
 * yamldecode(text): the data of a YAML document, read by the project's
 * YAML parser, with no lines of its own (those of the text are not the
 * file's). Not known for text it does not read as Terraform does: a tag
 * (`!Ref`, which Terraform refuses and the parser reads as CloudFormation's),
 * a number JavaScript cannot hold (`.inf`, a large integer), text that
 * does not parse.
 */
function yamldecode(text: string): Value {
  if (/(^|[\s[{,:-])!/.test(text)) return new Unknown('yamldecode() of a tag');
  let data: Value;
  const problems: ParseProblem[] = [];
  try {
    data = parseYaml(text, DEFAULT_YAML_LIMITS, problems) as Value;
  } catch {
    return new Unknown('yamldecode() of invalid YAML');
  }
  // The parser keeps the last of a key written twice, where what Terraform's does is not documented.
  if (problems.length > 0)
    return new Unknown('yamldecode() of a key written twice');
  // Aliases are shared, not copied: measured before the copy that expands them.
  if (sizeOf(data) > MAX_VALUE_SIZE) return tooLargeValue();
  const numbersHeld = (value: Value): boolean =>
    typeof value === 'number'
      ? Number.isFinite(value) &&
        (Number.isSafeInteger(value) || !Number.isInteger(value))
      : !(Array.isArray(value) || isMap(value)) ||
        Object.values(value).every(numbersHeld);
  if (!numbersHeld(data))
    return new Unknown('yamldecode() of a number not held exactly');
  return JSON.parse(JSON.stringify(data)) as Value;
}

/** How many steps a regular expression may take at most over a text, bounded as {@link regExpOf} says. */
const MAX_REGEX_STEPS = 100_000_000;

/**
 * The JavaScript regular expression (with the `u` flag) that reads an RE2
 * pattern of Terraform's regex() as RE2 does; undefined where one may read
 * it otherwise. Accepted: literals, `.`, classes, groups `(…)` and `(?:…)`,
 * alternation, anchors, quantifiers, and the escapes `\d \D \w \W \b \B`,
 * `\n \r \t \f \v` and of punctuation. Not: flags and named groups (`(?i)`,
 * `(?P<n>…)`), `\s` (JavaScript's takes Unicode spaces), `\A`, `\z`, `\p`,
 * `[[:alpha:]]`, a class opening with `]`; nor a text with a line separator
 * JavaScript's `.` does not match where RE2's does. A JavaScript pattern
 * backtracks where RE2 does not: a quantified group is not evaluated, and
 * one with q quantifiers only over a text whose length to the power q + 1
 * is at most {@link MAX_REGEX_STEPS}.
 */
function regExpOf(pattern: string, text: string): RegExp | undefined {
  const punctuation = /[^\p{L}\p{N}\s]/u;
  // In a class, \b is a backspace to JavaScript and an error to RE2.
  const escapes = /[dDwWbBnrtfv]/;
  const classEscapes = /[dDwWnrtfv]/;
  let quantifiers = 0;
  // A `?` right after a quantifier makes it lazy: no quantifier of its own.
  let afterQuantifier = false;
  for (let i = 0; i < pattern.length; i++) {
    const character = pattern[i];
    const quantifier: boolean =
      /[*+{]/.test(character) || (character === '?' && !afterQuantifier);
    if (quantifier) quantifiers++;
    afterQuantifier = quantifier || (character === '}' && afterQuantifier);
    if (character === '\\') {
      const escaped = pattern[++i] ?? 'A';
      if (!escapes.test(escaped) && !punctuation.test(escaped))
        return undefined;
    } else if (character === '(') {
      if (pattern[i + 1] === '?' && pattern[i + 2] !== ':') return undefined;
      if (pattern[i + 1] === '?') i += 2;
    } else if (character === ')') {
      if (/[*+?{]/.test(pattern[i + 1] ?? '')) return undefined;
    } else if (character === '[') {
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') return undefined;
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) {
        if (pattern[i] === '[' && pattern[i + 1] === ':') return undefined;
        if (pattern[i] !== '\\') continue;
        const escaped = pattern[++i] ?? 'A';
        if (!classEscapes.test(escaped) && !punctuation.test(escaped))
          return undefined;
      }
    }
  }
  if (/[\r\u2028\u2029]/.test(text)) return undefined;
  // Each quantifier may try every length at every position, for each part of the pattern.
  if (
    (text.length + 1) ** (quantifiers + 1) * (pattern.length + 1) >
    MAX_REGEX_STEPS
  )
    return undefined;
  try {
    return new RegExp(pattern, 'gu');
  } catch {
    return undefined;
  }
}

/** What regex() and regexall() give of a match: the text matched, or where the pattern has groups, a list of theirs. */
function matchValue(match: RegExpExecArray): Value | undefined {
  if (match.length === 1) return match[0];
  const groups = match.slice(1);
  // What Terraform gives of a group that matched nothing is not documented.
  return groups.every(group => group !== undefined) ? groups : undefined;
}

/** regex(pattern, text): the first match (see {@link matchValue}); none is an error. */
function regex(pattern: string, text: string): Value {
  const expression = regExpOf(pattern, text);
  if (!expression) return new Unknown('regex()');
  const match = expression.exec(text);
  if (!match) return new CallError('regex() that does not match');
  return matchValue(match) ?? new Unknown('regex()');
}

/**
 * regexall(pattern, text): every match, none overlapping. Go leaves out an
 * empty match right after another, which JavaScript keeps: with an empty
 * match, not known.
 */
function regexall(pattern: string, text: string): Value {
  const expression = regExpOf(pattern, text);
  if (!expression) return new Unknown('regexall()');
  const matches: Value[] = [];
  for (const match of text.matchAll(expression)) {
    const value = matchValue(match);
    if (match[0] === '' || value === undefined)
      return new Unknown('regexall()');
    matches.push(value);
  }
  return matches;
}

/** Strings, numbers, booleans, null, and lists and maps of them: nothing unknown, nothing referenced. */
function isPlainData(value: Value): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  return isMap(value) && Object.values(value).every(isPlainData);
}

/** A value put in a string: JSON text (see asJsonText) as its JSON, known whole; any other as it is. */
function asText(value: Value): Value {
  return isJsonText(value) && isPlainData(value) ? jsonOf(value) : value;
}

/**
 * The JSON of plain data as Terraform (Go) writes it: `<`, `>`, `&`, U+2028
 * and U+2029 in strings escaped (`\u003c`), which jsonencode()'s docs say;
 * each map's keys in lexical order where any is a number: JavaScript keeps
 * those first, in numeric order ("9" before "10"), where jsonencode() and
 * the AWS provider (Go, writing a map) sort every key as text. Other keys
 * keep the order they were made in (jsonencode()'s, a policy document's
 * fields).
 */
function jsonOf(value: Value): string {
  if (Array.isArray(value)) return `[${value.map(jsonOf).join(',')}]`;
  if (typeof value === 'string')
    return JSON.stringify(value).replace(
      /[<>&\u2028\u2029]/g,
      character =>
        `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  if (!isMap(value)) return JSON.stringify(value);
  const keys = Object.keys(value);
  if (keys.some(key => /^\d+$/.test(key))) keys.sort(compareText);
  return `{${keys
    .map(key => `${jsonOf(key)}:${jsonOf(value[key])}`)
    .join(',')}}`;
}

/** The data JSON text stands for (see asJsonText): a list or map of its own, which is not text. */
function jsonTextData(text: Value[] | ValueMap): Value {
  let data: Value[] | ValueMap;
  if (Array.isArray(text)) data = [...text];
  else {
    data = {};
    for (const key of Object.keys(text)) setEntry(data, key, text[key]);
  }
  copyLines(text, data);
  return data;
}

/**
 * What the Terraform adapter reads the account, region and partition of the
 * stack's provider as (data sources `aws_caller_identity`, `aws_region`,
 * `aws_partition`): one value each, and text.
 */
const STACK_PLACE_TEXT = new Set([
  'AWS::AccountId',
  'AWS::Region',
  'AWS::Partition',
]);

/**
 * What jsonencode() writes of a value: a list or map as JSON text (see
 * asJsonText); text (JSON text, text with references, a resource's
 * identifier or ARN, a data source's, the stack's account, region or
 * partition) as a quoted JSON string; a number, bool or null as its JSON.
 * Of a reference of a type not known, or of what may be null, not known;
 * of any other value not known, not known either, and never that value
 * itself.
 */
function jsonencode(value: Value): Value {
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  )
    return jsonOf(value);
  // What one() or try() may find null (see asMaybeNull) writes text or null.
  if (isMaybeNull(value))
    return new Unknown('jsonencode() of what may be null');
  if (value instanceof Unknown) {
    if (
      (value.isOneValue && STACK_PLACE_TEXT.has(value.reason)) ||
      value instanceof TextNotKnown
    )
      return new Template(['"', value, '"']);
    // Its JSON is not the value (an account ID quoted is not the account ID): one value (a variable set in a file) is
    // not kept, so that it reads equal to no other reading of it.
    return value.isOneValue
      ? new Unknown('jsonencode() of a value not known')
      : value;
  }
  // Text with references in it: quoted, its written parts escaped (what a reference gives is not known to need escaping).
  // A resource's identifier or ARN is text: quoted as a string too. Of any other reference (another attribute, the
  // whole resource, a splat) the type, and so the JSON, is not known.
  if (value instanceof Ref) {
    const isText =
      value.constructor === Ref &&
      (value.attribute === undefined || value.attribute === 'Arn');
    return isText
      ? new Template(['"', value, '"'])
      : new Unknown('jsonencode() of a reference of a type not known');
  }
  if (value instanceof Template)
    return new Template([
      '"',
      ...value.parts.map(part =>
        typeof part === 'string' ? jsonOf(part).slice(1, -1) : part,
      ),
      '"',
    ]);
  if (isJsonText(value)) {
    const text = asText(value);
    return typeof text === 'string'
      ? jsonOf(text)
      : new Unknown('jsonencode() of JSON text not known whole');
  }
  return asJsonText(inJsonencodeOrder(value));
}

/** Each list or map `jsonencode` has ordered, and its copy in that order (see {@link inJsonencodeOrder}). */
const jsonencodeOrdered = new WeakMap<object, Value>();

/**
 * A value in the order of the JSON `jsonencode` writes: cty writes an
 * object's attributes, and a map's keys, sorted by name, at every level.
 * A reader of the text may care: the AWS provider, decoding a policy
 * document, reads the last of two keys alike but for case (`effect`,
 * `Effect`; see adapters/policyDocuments). The order is by UTF-16 code
 * unit, which is Go's (by UTF-8 byte) for every key that folds to ASCII.
 */
function inJsonencodeOrder(value: Value): Value {
  if (!Array.isArray(value) && !isMap(value)) return value;
  // JSON text in a value is a string there, which jsonencode quotes.
  if (isJsonText(value)) return asText(value);
  // One list or map may be written many times (a local in every policy, `[local.a, local.a]` nested): each is ordered once.
  const done = jsonencodeOrdered.get(value);
  if (done !== undefined) return done;
  let copy: Value[] | ValueMap;
  if (Array.isArray(value)) {
    copy = value.map(inJsonencodeOrder);
  } else {
    copy = {};
    for (const key of Object.keys(value).sort(compareText))
      setEntry(copy, key, inJsonencodeOrder(value[key]));
  }
  copyLines(value, copy);
  jsonencodeOrdered.set(value, copy);
  return copy;
}

/** Whether `part` is one of `values`, or an element or member of one, however deep. */
function isPartOf(part: Value, values: Value[]): boolean {
  return values.some(
    value =>
      value === part ||
      (Array.isArray(value) && isPartOf(part, value)) ||
      (isMap(value) && isPartOf(part, Object.values(value))),
  );
}

/** Nested lists as one list, as Terraform's flatten(). */
function flatten(list: Value[]): Value[] {
  return list.flatMap(item => (Array.isArray(item) ? flatten(item) : [item]));
}

/** A format() verb after its `%`: flags, width, precision, letter. */
const FORMAT_VERB = /([ +\-0#]*)(\d*)(\.\d*)?([A-Za-z])/y;

interface FormatVerb {
  flags: string;
  width: number | undefined;
  precision: boolean;
  letter: string;
}

/**
 * format() with the verbs `%s`, `%q`, `%v`, `%#v`, `%d` and `%%`, a width
 * and the flags `-` and `0` that pad it (see {@link formatted}): references
 * stay references in the result, so an ARN built with format() keeps its
 * edges. Other verbs, the sign flags, a precision and an argument index
 * (`%[2]s`) are not evaluated.
 */
function format(spec: string, args: Value[], writtenText: WrittenText): Value {
  const parts: Value[] = [];
  // The text of the format string at even indexes, the arguments at odd ones.
  let literal = '';
  let next = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== '%') {
      literal += spec[i];
      continue;
    }
    if (spec[i + 1] === '%') {
      literal += '%';
      i++;
      continue;
    }
    FORMAT_VERB.lastIndex = i + 1;
    const verb = FORMAT_VERB.exec(spec);
    const arg = args[next++];
    const text =
      verb === null || arg === undefined
        ? undefined
        : formatted(
            {
              flags: verb[1],
              width: verb[2] === '' ? undefined : Number(verb[2]),
              precision: verb[3] !== undefined,
              letter: verb[4],
            },
            arg,
          );
    if (text === undefined) return new Unknown('format()');
    i = FORMAT_VERB.lastIndex - 1;
    parts.push(literal, text);
    literal = '';
  }
  parts.push(literal);
  return writtenText.concat(parts, index => index % 2 === 0);
}

/**
 * What a format() verb writes of an argument, or undefined when not known
 * here (or an error in Terraform), as Terraform's docs for format() say:
 * `%v` of null writes `null`, of a list or map (or with `#`) its JSON as
 * jsonencode() would; `%s` converts to a string and `%q` writes that
 * string quoted as JSON, of null or a collection an error; a width pads
 * the text with spaces on the left, `-` on the right, `0` with zeros.
 */
function formatted(verb: FormatVerb, arg: Value): Value | undefined {
  const { flags, width, precision, letter } = verb;
  // A precision cuts text, and the sign flags are for numbers: not evaluated.
  if (precision || /[ +]/.test(flags)) return undefined;
  const collection = (Array.isArray(arg) || isMap(arg)) && !isJsonText(arg);
  let text: Value;
  if (letter === 'v' && (flags.includes('#') || collection || arg === null)) {
    text = arg === null ? 'null' : asText(jsonencode(arg));
    if (typeof text !== 'string') return undefined;
  } else if (flags.includes('#') || collection || arg === null) {
    return undefined;
  } else if (letter === 's') {
    text = asText(arg);
  } else if (letter === 'v') {
    // A number is written as with %g, which turns to an exponent (how large is not documented) outside this range.
    const exponent =
      typeof arg === 'number' && arg !== 0
        ? Number(arg.toExponential().split('e')[1])
        : 0;
    if (exponent < -4 || exponent > 5) return undefined;
    text = asText(arg);
  } else if (letter === 'q') {
    // A number converts to text in decimal: JavaScript writes an exponent where Terraform does not.
    if (typeof arg === 'number' && String(arg).includes('e')) return undefined;
    text = asText(
      jsonencode(
        typeof arg === 'number' || typeof arg === 'boolean' ? String(arg) : arg,
      ),
    );
    if (text instanceof Unknown) return undefined;
  } else if (letter === 'd' && flags === '' && width === undefined) {
    const number = asNumber(arg);
    return Number.isSafeInteger(number) ? String(number) : undefined;
  } else {
    return undefined;
  }
  return width === undefined ? text : padded(text, width, flags);
}

/** `text` padded to `width` characters as a format() verb's flags say; undefined when its length is not known. */
function padded(text: Value, width: number, flags: string): Value | undefined {
  if (typeof text === 'number' || typeof text === 'boolean')
    return padded(String(text), width, flags);
  // Zeros to the right of the text: what Terraform does with both flags is not documented.
  // A width larger than any value made here would make text too large to make (see MAX_VALUE_SIZE).
  if (
    typeof text !== 'string' ||
    (flags.includes('-') && flags.includes('0')) ||
    width > MAX_VALUE_SIZE
  )
    return undefined;
  // A width counts grapheme clusters, as Terraform does.
  const length = [...graphemes(text)].length;
  if (length >= width) return text;
  const padding = (flags.includes('0') ? '0' : ' ').repeat(width - length);
  return flags.includes('-') ? text + padding : padding + text;
}

/** `x.y[0].arn` and `x.y["k"].arn` of a data source or a resource not expanded read what every instance has. */
function withoutInstanceKeys(steps: Step[]): Step[] {
  let index = 0;
  while (index < steps.length && typeof steps[index] !== 'string') index++;
  return steps.slice(index);
}

/** What an expression makes that is larger than {@link MAX_VALUE_SIZE}. */
function tooLarge(line: number): Value {
  return marker(tooLargeValue(), line);
}

/**
 * Records the line of a marker or collection made from an expression, for
 * findings that point at it. Never a value read through a reference: a
 * local's value is shared by every place that reads it.
 */
function marker(value: Value, line: number): Value {
  if (typeof value === 'object' && value !== null && !hasLines(value)) {
    recordLines(value, line);
  }
  return value;
}
